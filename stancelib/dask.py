"""Scale-out on Dask: a bag of paths in, a bag of :class:`DocResult` out, claims as a dask DataFrame.

>>> import stancelib.dask as sd                                # doctest: +SKIP
>>> bag = sd.extract_bag(["corpus/"], kb=None)                 # doctest: +SKIP
>>> sd.claims_frame(bag).groupby("speaker").size().compute()   # doctest: +SKIP

Only paths and load options travel to the workers; each worker process loads the pipeline the first
time a task needs it and keeps it for every later document (one per distinct set of load options).
Files are read on the workers, and a file that cannot be read or processed becomes that document's
``DocResult(error=...)``, never a failed task.

This module is ``stancelib.dask``; ``import dask`` below is absolute and so always the real Dask.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

import dask.bag as db

from .errors import Errors, StanceLibError
from .types import DocResult

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd
    from spacy.language import Language

Item = Union[str, os.PathLike, tuple]

# Per worker process: load options -> pipeline. Loaded on first use, never shipped from the client.
_PIPELINES: dict[tuple, "Language"] = {}
_PIPELINES_LOCK = threading.Lock()
PIPELINE_LOADS = [0]  # how many pipelines this process has loaded (the tests check "once per worker")
DOCS_PER_TASK = 8
CONNECT_TIMEOUT = "5s"  # --scheduler tcp://...: how long to wait for a scheduler that does not answer


def worker_pipeline(load_options: tuple) -> "Language":
    """The pipeline for ``load_options`` (sorted ``(key, value)`` pairs) in this process, loaded once."""
    nlp = _PIPELINES.get(load_options)
    if nlp is None:
        with _PIPELINES_LOCK:  # a worker with several threads still loads it once
            nlp = _PIPELINES.get(load_options)
            if nlp is None:
                import stancelib

                nlp = stancelib.load(**dict(load_options))
                _PIPELINES[load_options] = nlp
                PIPELINE_LOADS[0] += 1
    return nlp


def expand_paths(paths: Iterable[Union[str, os.PathLike]]) -> list[Path]:
    """Files as the CLI takes them: a directory stands for its ``*.txt`` files (recursively, sorted).

    Paths that do not exist are kept, so that they come back as documents with ``error`` set.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)
    return files


def extract_bag(paths_or_bag: Union[Iterable[Union[str, os.PathLike]], "db.Bag"], npartitions: Optional[int] = None,
                **load_options) -> "db.Bag":
    """A dask Bag of :class:`DocResult`, one per input, in input order.

    ``paths_or_bag`` is a list of files and directories, or a Bag whose items are what
    :func:`stancelib.extract_many` takes: ``Path`` objects, ``(doc_id, text)`` pairs or texts. ``load_options`` are those of :func:`stancelib.load` (``kb=None``,
    ``topics="mine.yaml"``...); files they name must be readable on the workers. ``npartitions``
    defaults to one task per eight documents.
    """
    if isinstance(paths_or_bag, (str, os.PathLike)):
        paths_or_bag = [paths_or_bag]
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
    else:
        files = expand_paths(paths_or_bag)
        bag = db.from_sequence(files, npartitions=npartitions or _default_partitions(len(files)))
    options = tuple(sorted(load_options.items()))
    return bag.map_partitions(_extract_partition, options)


def _default_partitions(n: int) -> int:
    # Eight documents per task: small enough to spread over a large cluster and keep every worker busy,
    # large enough that scheduling costs little; capped so a huge corpus stays a manageable graph.
    return max(1, min(-(-n // DOCS_PER_TASK), 20_000))


def _extract_partition(items: Iterable[Item], load_options: tuple) -> list[DocResult]:
    import stancelib

    nlp = worker_pipeline(load_options)
    out = []
    for i, item in enumerate(items):
        try:
            out.append(next(iter(stancelib.extract_many([item], nlp=nlp))))
        except Exception as e:  # one bad document must not fail the task and lose its neighbours
            out.append(DocResult(doc_id=_doc_id(item, i), error=f"{type(e).__name__}: {e}"))
    return out


def _doc_id(item: Item, i: int) -> str:
    if isinstance(item, tuple):
        return str(item[0])
    if isinstance(item, os.PathLike):
        return os.path.basename(str(item))
    return f"text{i}"


def claims_frame(bag: "db.Bag") -> "dd.DataFrame":
    """A dask DataFrame of the claims of a bag of DocResults (columns of ``to_dataframe(kind="claims")``)."""
    return _frame(bag, "claims")


def quotes_frame(bag: "db.Bag") -> "dd.DataFrame":
    """A dask DataFrame of the quotes of a bag of DocResults."""
    return _frame(bag, "quotes")


def _frame(bag: "db.Bag", kind: str) -> "dd.DataFrame":
    from .frames import ROWS, empty_frame, require

    require("dask.dataframe", "stancelib.dask frames", "dask")
    return bag.map(ROWS[kind]).flatten().to_dataframe(meta=empty_frame(kind))


# --- the command line's --scheduler -----------------------------------------------------------------


def iter_results(items: list[Item], scheduler: str, n_workers: Optional[int] = None,
                 **load_options) -> Iterator[DocResult]:
    """DocResults of ``items`` computed on a Dask cluster, yielded in input order as they arrive.

    ``scheduler="dask"`` starts a LocalCluster of ``n_workers`` processes (one thread each: the
    pipeline is pure Python); ``"tcp://HOST:PORT"`` connects to a running scheduler.
    """
    distributed = _distributed()
    cluster = None
    if scheduler == "dask":
        cluster = distributed.LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                                           processes=True, dashboard_address=None, silence_logs=40)
        address = cluster.scheduler_address
    elif scheduler.startswith(("tcp://", "tls://")):
        address = scheduler
    else:
        raise StanceLibError(Errors.E109.format(value=scheduler, name="--scheduler", choices="dask, tcp://HOST:PORT"))
    try:
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise StanceLibError(Errors.E110.format(address=address, reason=str(e) or type(e).__name__)) from None
        with client:
            bag = db.from_sequence(items, npartitions=_default_partitions(len(items))) if items else None
            if bag is None:
                return
            futures = client.compute(extract_bag(bag, **load_options).to_delayed())
            for future in futures:  # all submitted at once; consumed in order, each released when read
                yield from future.result()
                future.release()
    finally:
        if cluster is not None:
            cluster.close()


def _distributed():
    from .frames import require

    return require("distributed", "--scheduler", "dask")
