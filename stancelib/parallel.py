"""Worker processes for ``extract_many(n_process=N)``.

Of the ``N`` processes, ``N - 1`` are workers and one is the caller itself. Each worker builds the
pipeline once and takes whole documents: it reads the file (when the item is a path), tokenizes, runs
the pipeline and builds the :class:`DocResult`, and sends back only that result as JSON (a few
bytes per character; a Doc would be about 120 bytes per character each way). The caller hands out
items, rebuilds the workers' results, and does a task itself whenever the workers have enough.

- A bounded number of tasks is in flight (memory stays flat however long the input is); results come
  back in input order.
- Works under every start method. Under ``fork`` the workers inherit the parent's pipeline; under
  ``spawn``/``forkserver`` (the default on macOS and Windows) nothing unpicklable crosses: a pipeline
  made by :func:`stancelib.load` is rebuilt from its load options, any other from its config and
  ``nlp.to_bytes()``.
- Closing the result generator (an early ``break``, a broken pipe) ends the workers at their next
  document or chunk.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Optional

from .types import DocResult

# Worker-process state: the pipeline and the work function, set once by _init_worker.
_WORKER: dict = {}

TASK_CHARS = 16_000  # items are grouped into tasks of about this many characters (a file: its bytes)
TASKS_PER_WORKER = 3  # tasks in flight per worker: enough to keep it busy, few enough to stay small


def worker_count(n_process: int) -> int:
    """``-1`` means one worker per CPU (spaCy's convention)."""
    return max(1, os.cpu_count() or 1) if n_process == -1 else max(1, n_process)


def pipeline_spec(nlp) -> tuple:
    """What a fresh process needs to rebuild ``nlp``: the load options, or its config and data."""
    config = nlp.config.to_str()
    options, loaded_config = getattr(nlp, "_stancelib_load_options", (None, None))
    if options is not None and config == loaded_config:  # not changed since load(): same options, same pipeline
        return ("load", dict(options))
    return ("bytes", config, nlp.to_bytes())


def build_pipeline(spec: tuple):
    if spec[0] == "load":
        import stancelib

        return stancelib.load(**spec[1])
    from spacy import util
    from thinc.api import Config

    nlp = util.load_model_from_config(Config().from_str(spec[1]), auto_fill=False)
    return nlp.from_bytes(spec[2])


def _init_worker(work: Callable, pipeline: Any, spec: Optional[tuple], stop) -> None:
    _WORKER["work"] = work
    _WORKER["nlp"] = build_pipeline(spec) if spec is not None else pipeline
    _WORKER["stop"] = stop


def stopping() -> bool:
    """In a worker: the caller has stopped reading, so the work in hand is dropped. Checked between
    documents and between a long document's chunks."""
    stop = _WORKER.get("stop")
    return stop is not None and stop.is_set()


def _run_task(blob: bytes) -> list:
    work, nlp = _WORKER["work"], _WORKER["nlp"]
    done = []
    for i, item in pickle.loads(blob):
        if stopping():
            break
        done.append(_send(work(nlp, i, item)))
    return done


def _send(result) -> Any:
    """A result as its JSON (made and read back in pydantic's Rust core, faster than a dict and
    pickle), or as a dict when JSON cannot hold it (a file name with undecodable bytes keeps them as
    lone surrogates)."""
    try:
        return result.model_dump_json()
    except (ValueError, UnicodeError):
        return result.model_dump()


def _receive(sent: Any) -> DocResult:
    return DocResult.model_validate_json(sent) if isinstance(sent, str) else DocResult.model_validate(sent)


def _pack(task: list[tuple[int, Any]], work: Callable, nlp) -> tuple[Optional[bytes], dict[int, Any]]:
    """The task pickled for a worker, and the results of the items that cannot be pickled (a file
    handle, a generator...), done here at once (their error records), so one never stops the batch."""
    try:
        return pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL), {}
    except Exception:
        pass
    local, remote = {}, []
    for k, (i, item) in enumerate(task):
        try:
            pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            remote.append((i, item))
        except Exception:
            local[k] = work(nlp, i, item)
    return (pickle.dumps(remote, protocol=pickle.HIGHEST_PROTOCOL) if remote else None), local


def _results(entry) -> list:
    """A task's results in order: the worker's, with the ones done locally put back in place."""
    future, local, size = entry
    remote = iter(map(_receive, future.result())) if future is not None else iter(())
    return [local[k] if k in local else next(remote) for k in range(size)]


def _tasks(items: Iterable[tuple[int, Any]], batch_size: int,
           size: Callable[[int, Any], int]) -> Iterator[list[tuple[int, Any]]]:
    """Consecutive items grouped by count and by size (``size(i, item)``: characters, a file's bytes
    standing in), so that a task of long files is as short as a task of short texts."""
    task: list[tuple[int, Any]] = []
    chars = 0
    for i, item in items:
        task.append((i, item))
        chars += size(i, item)
        if len(task) >= batch_size or chars >= TASK_CHARS:
            yield task
            task, chars = [], 0
    if task:
        yield task


def map_ordered(work: Callable, items: Iterable[tuple[int, Any]], nlp, n_process: int, batch_size: int = 16,
                start_method: Optional[str] = None, size: Optional[Callable[[int, Any], int]] = None) -> Iterator:
    """``work(nlp, i, item)`` for every ``(i, item)`` in ``n_process`` processes, results in input order.

    The calling process is one of the ``n_process``: it keeps ``n_process - 1`` workers busy (at most
    TASKS_PER_WORKER tasks in flight each) and does the next task itself whenever they are, instead
    of waiting. On two cores a third busy process would take CPU from the two that work, and the
    results the calling process makes itself need no pickling or rebuilding.

    ``work`` must be a module-level function returning a :class:`DocResult` (it is sent by reference).
    """
    method = start_method or multiprocessing.get_start_method()
    context = multiprocessing.get_context(method)
    # Under fork the pipeline is inherited, never pickled; otherwise the worker rebuilds it.
    stop = context.Event()
    init = (work, nlp, None, stop) if method == "fork" else (work, None, pipeline_spec(nlp), stop)
    helpers = max(1, worker_count(n_process) - 1)
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=context, initializer=_init_worker, initargs=init)
    in_flight = helpers * TASKS_PER_WORKER
    pending: deque = deque()  # (future or None, results done here, task size), in input order
    started = False
    try:
        for task in _tasks(items, max(1, batch_size), size or _text_size):
            while pending and _ready(pending[0]):
                yield from _results(pending.popleft())
            if sum(1 for f, _, _ in pending if f is not None and not f.done()) >= in_flight:
                # The workers have enough to do: this task is done here, now.
                pending.append((None, {k: work(nlp, i, item) for k, (i, item) in enumerate(task)}, len(task)))
            else:
                blob, local = _pack(task, work, nlp)
                future = None
                if blob is not None and method == "fork" and not started:
                    # The workers are forked at the first submit. Frozen objects are left alone by the
                    # garbage collector, so the children do not copy the pages it would write to.
                    gc.freeze()
                    try:
                        future = pool.submit(_run_task, blob)
                    finally:
                        gc.unfreeze()
                    started = True
                elif blob is not None:
                    future = pool.submit(_run_task, blob)
                pending.append((future, local, len(task)))
            if len(pending) >= 4 * in_flight:  # a slow task at the head: wait for it, memory stays bounded
                yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())
    finally:
        if pending:
            # Closed early (break, broken pipe, an error): the workers drop their work at the next
            # document or chunk and exit. Killing them instead could cut a result in the middle of its
            # message, and the pool's reader thread would wait for the rest forever.
            stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


def _text_size(i: int, item: Any) -> int:
    text = item[1] if isinstance(item, tuple) and len(item) == 2 else item
    return len(text) if isinstance(text, str) else 0


def _ready(entry) -> bool:
    return entry[0] is None or entry[0].done()

