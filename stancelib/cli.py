"""The ``stancelib`` command line: a thin layer over the Python API (see ``stancelib --help``).

Exit status: 0 all inputs processed; 1 some inputs failed (each named on stderr with its reason, the
others still processed and printed); 2 usage error. A user's mistake never prints a traceback.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import sys
from pathlib import Path
from typing import Iterator, Optional

from .errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with one line, no traceback
        self.print_usage(sys.stderr)
        print(f"stancelib: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--topics", metavar="FILE", help="a topic file merged with (or replacing) the built-in topics")
    p.add_argument("--kb", metavar="FILE|none", default="builtin", help="speaker knowledge base: a file, +FILE to add to the built-in one, or none")
    p.add_argument("--ner", metavar="KIND[:PATH]", help="optional NER backend: lac, hanlp:/local/model or spacy:/local/pipeline")
    p.add_argument("--segmenter", choices=("char", "pkuseg"), default="char")
    p.add_argument("--pkuseg-model", metavar="DIR", help="local pkuseg model directory (with --segmenter pkuseg)")
    p.add_argument("--stance-model", metavar="DIR", help="a model trained with `stancelib train`, for topics that name a model_target")
    p.add_argument("--cues", metavar="FILE", help="extra speech cues (same shape as data/speech_cues.yaml)")
    p.add_argument("--min-confidence", type=_probability, default=0.0, metavar="P",
                   help="leave a quote unattributed below this calibrated probability (0-1)")
    p.add_argument("--attribution-scorer", metavar="FILE", help="attribution weights written by `stancelib calibrate`")


def _io_options(p: argparse.ArgumentParser, formats=("jsonl", "json", "csv", "table")) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (their *.txt, recursively) or - for stdin")
    p.add_argument("--format", choices=formats, default="table" if sys.stdout.isatty() else "jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--n-process", type=_n_process, default=1, metavar="N", help="processes: the calling one and N-1 workers (-1: one per CPU)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="a progress bar on stderr (default: on when stderr is a terminal)")
    p.add_argument("--doc-id", choices=("base", "relative"), default="base",
                   help="doc_id of a file in a directory: its base name, or its path relative to the directory")
    p.add_argument("--encoding", type=_codec, metavar="CODEC", help="decode every file with this codec instead of detecting it")
    p.add_argument("--max-chars", type=_positive, metavar="N", help="refuse longer documents (default 20000000)")
    p.add_argument("--time-budget", type=_positive_float, metavar="SECONDS", help="give up on a document after this long")
    p.add_argument("--scheduler", metavar="dask|tcp://HOST:PORT",
                   help="run on Dask: 'dask' starts a local cluster (--n-process workers), tcp://HOST:PORT uses a running one")
    _pipeline_options(p)


def _codec(value: str) -> str:
    import codecs

    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r} (e.g. utf-8, gb18030, big5, utf-16)") from None


def _number(kind, ok, expected: str):
    """An argparse type: ``kind(value)`` when ``ok`` holds, else a one-line usage error."""
    def parse(value: str):
        try:
            x = kind(value)
        except ValueError:
            x = None
        if x is None or x != x or not ok(x):
            raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}")
        return x

    return parse


_positive = _number(int, lambda n: n >= 1, "a positive integer")
_positive_float = _number(float, lambda x: 0 < x < float("inf"), "a positive number")
_probability = _number(float, lambda p: 0.0 <= p <= 1.0, "a number from 0 to 1")
_port = _number(int, lambda n: 0 <= n <= 65535, "a port number from 0 to 65535")
_size_mb = _number(float, lambda x: 0.001 <= x <= 4096, "a size in MB from 0.001 to 4096")
_dir_mb = _number(float, lambda x: x == 0 or 0.001 <= x <= 4096, "0 (skip) or a size in MB from 0.001 to 4096")
# ``--n-process``: a positive count, or -1 for one process per CPU (spaCy's convention).
_n_process = _number(int, lambda n: n >= 1 or n == -1, "a positive integer or -1")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="stancelib", description="Who said what in Chinese AI-industry news, and where they stand.")
    parser.add_argument("--version", action="version", version=f"stancelib {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("extract", help="print claims (speaker, topic, stance, evidence)")
    _io_options(p)
    p.add_argument("--what", choices=("claims", "stances", "quotes", "all"), default="claims",
                   help="claims (default), stance summaries, quotes, or all three (one DocResult per document)")
    p = sub.add_parser("quotes", help="print quotes with their speakers")
    _io_options(p)
    p = sub.add_parser("stances", help="print one stance summary per (speaker, topic) with its strongest evidence")
    _io_options(p)
    p = sub.add_parser("topics", help="list topics, labels and cues")
    p.add_argument("--topics", metavar="FILE")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = sub.add_parser("eval", help="score the pipeline against gold files")
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold files (*.gold.yaml) or directories")
    p.add_argument("--text-dir", metavar="DIR", help="where the texts of a multi-document gold file are")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", metavar="FILE")
    for name in ("min-f1", "min-speaker-f1", "min-stance-f1", "min-direct-accuracy", "max-nonspeech-misattribution"):
        p.add_argument(f"--{name}", type=float, metavar="X")
    _pipeline_options(p)
    p = sub.add_parser("annotate", help="write a gold file pre-filled from the current output")
    p.add_argument("path", metavar="PATH", help="a text file")
    p.add_argument("-o", "--output", metavar="FILE", required=True)
    p.add_argument("--force", action="store_true", help="overwrite an existing gold file")
    _pipeline_options(p)
    p = sub.add_parser("serve", help="run the HTTP service (needs stancelib[serve]; see docs/service.md)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback only)")
    p.add_argument("--port", type=_port, default=8000)
    p.add_argument("--workers", type=_positive, default=1, metavar="N", help="worker processes, each with its own pipeline")
    p.add_argument("--threads", type=_positive, metavar="N", help="documents processed at once per worker (default: one per core)")
    p.add_argument("--max-body-mb", type=_positive_float, default=5.0, metavar="MB", help="largest request body (413 past it)")
    p.add_argument("--max-text-chars", type=_positive, default=1_000_000, metavar="N", help="longest text of one document")
    p.add_argument("--max-batch", type=_positive, default=64, metavar="N", help="most documents in one /extract/batch")
    p.add_argument("--timeout", type=_positive_float, default=60.0, metavar="S", help="per-request time limit in seconds (504 past it)")
    _pipeline_options(p)
    p = sub.add_parser("bench", help="measure throughput and memory")
    p.add_argument("--size-mb", type=_size_mb, default=1.0, metavar="N")
    p.add_argument("--dir-mb", type=_dir_mb, default=8.0, metavar="N", help="size of the streamed directory (0: skip)")
    p.add_argument("--repeats", type=_positive, default=3, metavar="N", help="best of N alternating runs")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--fuzz", type=_positive, metavar="N", help="instead: run N seeded random hostile documents (stancelib.fuzz)")
    p.add_argument("--seed", type=int, default=0, help="seed of the --fuzz corpus")
    p.add_argument("--corpus", metavar="PATH", help="measure on these texts (a .txt file or a directory of them) "
                                                    "instead of the synthetic corpus")
    p = sub.add_parser("train", help="learn a stance classifier from labelled rows")
    p.add_argument("data", metavar="DATA", help="TSV, CSV or JSONL with text, target and label columns")
    p.add_argument("-o", "--output", metavar="MODEL_DIR", required=True)
    p.add_argument("--text-col", default="text")
    p.add_argument("--target-col", default="target")
    p.add_argument("--label-col", default="label")
    p = sub.add_parser("calibrate", help="fit the attribution scorer on gold files (JSON weights + held-out report)")
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold files (*.gold.yaml) or directories")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="where to write the weights (JSON)")
    p.add_argument("--text-dir", metavar="DIR", help="where the texts of a multi-document gold file are")
    p.add_argument("--speech-term", metavar="FILE", help="also fit the speech-vs-term model of short quotes, written here")
    _pipeline_options(p)
    p = sub.add_parser("classify", help="label rows with a trained stance classifier (TSV id<TAB>label)")
    p.add_argument("data", metavar="DATA")
    p.add_argument("--model", metavar="MODEL_DIR", required=True)
    p.add_argument("-o", "--output", metavar="FILE")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    from .errors import InputError, StanceLibError

    try:
        return _COMMANDS[args.command](args)
    except InputError as e:  # an input that cannot be read (annotate's one file): exit 1, as for a batch
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except StanceLibError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `| head`: stop quietly; the workers ended when the records generator closed
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the flush at exit does not raise a second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# --- inputs -----------------------------------------------------------------------------------------


def list_inputs(paths: list[str], failures: list[tuple[str, str]], doc_id: str = "base") -> list[tuple[str, object]]:
    """``(doc_id, Path)`` per input file (``("stdin", bytes)`` for ``-``), files read later, one at a
    time; what cannot be an input (a missing path, a dangling symlink, a loop, a FIFO) goes to
    ``failures``. ``doc_id="relative"`` names a file by its path under the directory given."""
    items: list[tuple[str, object]] = []
    for raw in paths:
        if raw == "-":
            items.extend(_stdin_item(failures))
            continue
        path = Path(raw)
        if path.is_dir():
            found = list(walk_text_files(path, failures))
            if not found:
                failures.append((raw, "no *.txt files in this directory"))
            for f in found:
                items.append((f.relative_to(path).as_posix() if doc_id == "relative" else f.name, f))
        elif path.is_symlink() and not path.exists():
            failures.append((raw, "a dangling symlink (its target does not exist)"))
        else:
            items.append((path.name, path))
    return items


def _stdin_item(failures: list[tuple[str, str]]) -> list[tuple[str, object]]:
    try:
        if sys.stdin is None:
            raise OSError("stdin is closed")
        return [("stdin", sys.stdin.buffer.read())]
    except (OSError, ValueError, AttributeError) as e:  # closed (ValueError), no buffer, a read error
        failures.append(("stdin", f"[E001] Cannot read stdin: {e}"))
        return []


def walk_text_files(root: Path, failures: list[tuple[str, str]]) -> Iterator[Path]:
    """The ``*.txt`` files under ``root`` (any case: ``A.TXT`` too), sorted, following symlinks; what
    it skips is named in ``failures``: dangling symlinks, symlink loops, FIFOs, devices, unreadable
    directories. Other files (``notes.md``) are not inputs and are passed over silently."""
    seen: set[tuple[int, int]] = set()

    def walk(d: Path) -> Iterator[Path]:
        try:
            info = d.stat()
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            failures.append((str(d), f"cannot list this directory: {e.strerror or e}"))
            return
        if (info.st_dev, info.st_ino) in seen:
            failures.append((str(d), "a symlink loop (or a second link to a directory already walked), skipped"))
            return
        seen.add((info.st_dev, info.st_ino))
        for entry in entries:
            p = Path(entry.path)
            is_txt = entry.name.lower().endswith(".txt")
            try:
                st = p.stat()
            except FileNotFoundError:
                if entry.is_symlink() and is_txt:
                    failures.append((str(p), "a dangling symlink (its target does not exist)"))
                continue
            except OSError as e:  # ELOOP: a symlink pointing at itself
                failures.append((str(p), f"cannot follow this path: {e.strerror or e}"))
                continue
            if stat.S_ISDIR(st.st_mode):
                yield from walk(p)
            elif is_txt and not stat.S_ISREG(st.st_mode):
                failures.append((str(p), f"not a regular file ({_file_kind(st.st_mode)}), skipped"))
            elif is_txt:
                yield p

    yield from walk(root)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def _load_nlp(args):
    import stancelib

    return stancelib.load(**_load_options(args))


def _run_docs(args, what: str) -> int:
    import stancelib

    nlp = _load_nlp(args)
    failures: list[tuple[str, str]] = []
    items = list_inputs(args.paths, failures, doc_id=args.doc_id)

    def report(name: str, reason: str) -> None:
        print(f"stancelib: failed: {name}: {reason}", file=sys.stderr)

    for name, reason in failures:
        report(name, reason)
    failed = len(failures)

    def records():
        nonlocal failed
        # Results are written as they come: a 100 MB directory is never held in memory at once.
        for res in stancelib.extract_many(items, n_process=args.n_process, nlp=nlp, kind="path",
                                          progress=True if args.progress is None else args.progress,
                                          encoding=args.encoding, max_chars=args.max_chars, time_budget=args.time_budget):
            if res.error:
                failed += 1
                report(res.doc_id, res.error)
                continue
            _report_warnings(res)
            if what == "all":
                yield res
            else:
                yield from getattr(res, what)

    results = records()
    try:
        with _open_output(args.output) as out:
            _write(results, args.format, out, what)
    finally:
        results.close()  # ends worker processes at once (a broken pipe, an interrupt)
    return EXIT_FAILED if failed else EXIT_OK


MAX_WARNINGS_SHOWN = 10  # per document, so a hostile file cannot flood stderr


def _report_warnings(res) -> None:
    for w in res.warnings[:MAX_WARNINGS_SHOWN]:
        print(f"stancelib: warning: {res.doc_id}: {w.message}", file=sys.stderr)
    if len(res.warnings) > MAX_WARNINGS_SHOWN:
        print(f"stancelib: warning: {res.doc_id}: ... and {len(res.warnings) - MAX_WARNINGS_SHOWN} more warnings", file=sys.stderr)


class _open_output:
    def __init__(self, path: Optional[str]):
        self.path = path

    def __enter__(self):
        from .errors import StanceLibError

        try:
            self.fh = open(self.path, "w", encoding="utf-8", newline="") if self.path else sys.stdout
        except OSError as e:  # a user's mistake (no such directory, a directory, no permission): no traceback
            raise StanceLibError(f"cannot write {self.path}: {e.strerror or e}") from None
        return self.fh

    def __exit__(self, *exc):
        if self.path:
            self.fh.close()
        else:
            self.fh.flush()


# --- outputs ----------------------------------------------------------------------------------------

_QUOTE_COLUMNS = ("doc_id", "id", "kind", "speaker", "surface", "start", "end", "content", "cue", "method", "confidence", "is_question")
_CLAIM_COLUMNS = ("doc_id", "id", "speaker", "topic", "stance", "confidence", "start", "end", "evidence", "quote_id", "cues")
_STANCE_COLUMNS = ("doc_id", "speaker", "topic", "stance", "confidence", "claim_ids", "start", "end", "evidence")


def _flat(record, what: str) -> dict:
    if what == "stances":
        ev = record.evidence
        return {"doc_id": record.doc_id, "speaker": record.speaker.name, "topic": record.topic, "stance": record.stance,
                "confidence": record.confidence, "claim_ids": " ".join(record.claim_ids),
                "start": ev.start if ev else "", "end": ev.end if ev else "", "evidence": ev.text if ev else ""}
    if what == "quotes":
        return {"doc_id": record.doc_id, "id": record.id, "kind": record.kind,
                "speaker": record.speaker.name if record.speaker else "", "surface": record.speaker.surface if record.speaker else "",
                "start": record.span.start, "end": record.span.end, "content": record.content, "cue": record.cue or "",
                "method": record.method or "", "confidence": record.confidence, "is_question": record.is_question}
    return {"doc_id": record.doc_id, "id": record.id, "speaker": record.speaker.name, "topic": record.topic,
            "stance": record.stance, "confidence": record.confidence, "start": record.evidence.start,
            "end": record.evidence.end, "evidence": record.evidence.text, "quote_id": record.quote_id or "",
            "cues": " ".join(record.cues)}


def _write(records, fmt: str, out, what: str) -> None:
    if fmt == "jsonl":
        for r in records:
            out.write(r.model_dump_json() + "\n")
    elif fmt == "json":
        out.write("[")
        for i, r in enumerate(records):
            out.write(("," if i else "") + "\n  " + r.model_dump_json())
        out.write("\n]\n")
    elif fmt == "csv":
        cols = {"quotes": _QUOTE_COLUMNS, "stances": _STANCE_COLUMNS}.get(what, _CLAIM_COLUMNS)
        writer = csv.DictWriter(out, fieldnames=cols)
        writer.writeheader()
        for r in records:
            writer.writerow(_flat(r, what))
    else:
        _table(records, out, what)


def _table(records, out, what: str) -> None:
    from rich.console import Console
    from rich.table import Table

    if what == "all":  # one table per kind of record, documents in input order
        results = list(records)
        for kind in ("quotes", "claims", "stances"):
            _table((r for res in results for r in getattr(res, kind)), out, kind)
        return
    if what == "stances":
        table = Table("doc", "speaker", "topic", "stance", "conf", "claims", "evidence", show_lines=False)
        for r in records:
            f = _flat(r, what)
            table.add_row(f["doc_id"], f["speaker"], f["topic"], f["stance"], f"{f['confidence']:.2f}",
                          f["claim_ids"], _clip(f["evidence"], 48))
    elif what == "quotes":
        table = Table("doc", "id", "kind", "speaker", "method", "conf", "content", show_lines=False)
        for r in records:
            f = _flat(r, what)
            table.add_row(f["doc_id"], f["id"], f["kind"], f["speaker"] or "-", f["method"] or "-",
                          f"{f['confidence']:.2f}", _clip(f["content"], 48))
    else:
        table = Table("doc", "speaker", "topic", "stance", "conf", "evidence", show_lines=False)
        for r in records:
            f = _flat(r, what)
            table.add_row(f["doc_id"], f["speaker"], f["topic"], f["stance"], f"{f['confidence']:.2f}", _clip(f["evidence"], 48))
    Console(file=out, width=max(100, _term_width()), force_terminal=False).print(table)


def _term_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 140


def _clip(text: str, n: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


# --- commands ---------------------------------------------------------------------------------------


def cmd_extract(args) -> int:
    if args.what == "all" and args.format == "csv":
        print("stancelib: error: --what all prints nested records; use --format jsonl, json or table", file=sys.stderr)
        return EXIT_USAGE
    return _run_docs_dask(args, args.what) if args.scheduler else _run_docs(args, args.what)


def cmd_quotes(args) -> int:
    return _run_docs_dask(args, "quotes") if args.scheduler else _run_docs(args, "quotes")


def _load_options(args) -> dict:
    """The keyword arguments of ``stancelib.load()`` that the pipeline flags give (sent to Dask workers
    and service workers, which load their own pipeline)."""
    return {"topics": args.topics, "kb": args.kb, "ner": args.ner, "segmenter": args.segmenter,
            "pkuseg_model": args.pkuseg_model, "stance_model": args.stance_model, "cues": args.cues,
            "min_confidence": getattr(args, "min_confidence", 0.0),
            "attribution_scorer": getattr(args, "attribution_scorer", None)}


def _run_docs_dask(args, what: str) -> int:
    """``--scheduler``: the same records as a local run, in the same order, computed on Dask workers
    (files are read there; stdin is read here and sent as text)."""
    from .errors import InputError
    from .frames import require

    try:
        require("distributed", "--scheduler", "dask")
    except ImportError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    from .dask import expand_paths, iter_results
    from .normalize import decode_bytes

    failures: list[tuple[str, str]] = []
    items: list = []
    for raw in args.paths:
        if raw == "-":
            try:
                items.append(("stdin", decode_bytes(sys.stdin.buffer.read(), name="stdin")))
            except InputError as e:
                failures.append(("stdin", str(e)))
        elif Path(raw).is_dir() and not expand_paths([raw]):
            failures.append((raw, "no *.txt files in this directory"))
        else:
            items.extend(expand_paths([raw]))
    options = _load_options(args)
    n_workers = args.n_process if args.n_process > 1 else None

    def records():
        for item, res in zip(items, iter_results(items, args.scheduler, n_workers=n_workers, **options)):
            if res.error:  # named as the local run names it: by its path
                failures.append((res.doc_id if isinstance(item, tuple) else str(item), res.error))
                continue
            if what == "all":
                yield res
            else:
                yield from getattr(res, what)

    with _open_output(args.output) as out:
        _write(records(), args.format, out, what)
    for name, reason in failures:
        print(f"stancelib: failed: {name}: {reason}", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def cmd_stances(args) -> int:
    return _run_docs_dask(args, "stances") if args.scheduler else _run_docs(args, "stances")


def cmd_topics(args) -> int:
    from .stance import load_topics

    topics = load_topics(args.topics)
    if args.format == "json":
        print(json.dumps({tid: t.model_dump(mode="json") for tid, t in topics.topics.items()}, ensure_ascii=False, indent=2))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table("topic", "labels", "side terms", "cues")
    for tid, t in topics.topics.items():
        sides = "; ".join(f"{label}: {', '.join(terms[:6])}" for label, terms in t.sides.items())
        cues = "; ".join(f"{label}: {', '.join(c[:4])}" for label, c in t.cues.items() if c)
        table.add_row(tid, ", ".join(t.labels), sides, cues or "-")
    Console(width=max(120, _term_width())).print(table)
    return EXIT_OK


def cmd_eval(args) -> int:
    """``stancelib eval GOLD... [--format table|json] [-o FILE] [--min-f1 X] ...``: 1 when a gold file is
    bad or a threshold is missed (each said on stderr), else 0."""
    from .evaluation import THRESHOLDS, evaluate, threshold_misses

    report = evaluate(args.gold, nlp=_load_nlp(args), text_dir=args.text_dir, on_error="collect")
    for f in report.failures:
        print(f"stancelib: error: {f.message}", file=sys.stderr)
    with _open_output(args.output) as out:
        if args.format == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            out.write(report.to_text(width=_eval_width()))
    misses = threshold_misses(report.metrics, **{opt: getattr(args, opt) for opt, _, _ in THRESHOLDS})
    for m in misses:
        print(f"stancelib: threshold missed: {m}", file=sys.stderr)
    if not report.documents and not report.failures:
        print("stancelib: error: no gold documents to score", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED if misses or report.failures else EXIT_OK


def _eval_width() -> int:
    try:
        return max(120, os.get_terminal_size().columns)
    except OSError:
        return 160


def cmd_annotate(args) -> int:
    from .errors import Errors, StanceLibError
    from .evaluation import annotate

    if Path(args.output).exists() and not args.force:  # a gold file holds a person's corrections
        raise StanceLibError(Errors.E040.format(path=args.output))
    annotate(args.path, args.output, nlp=_load_nlp(args))
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .frames import require

    try:
        require("fastapi", "stancelib serve", "serve")
        require("uvicorn", "stancelib serve", "serve")
    except ImportError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    from .service import ServiceSettings, serve

    options = _load_options(args)
    settings = ServiceSettings(max_body_bytes=max(1, int(args.max_body_mb * 1024 * 1024)), max_text_chars=args.max_text_chars,
                               max_batch=args.max_batch, timeout_s=args.timeout, load_options=options,
                               **({"threads": args.threads} if args.threads else {}))
    serve(host=args.host, port=args.port, workers=args.workers, settings=settings)
    return EXIT_OK


def cmd_bench(args) -> int:
    if args.fuzz:
        from .fuzz import run_fuzz_command

        return run_fuzz_command(args.fuzz, seed=args.seed, fmt=args.format)
    from .bench import run_bench

    return run_bench(size_mb=args.size_mb, fmt=args.format, repeats=args.repeats, dir_mb=args.dir_mb, corpus=args.corpus)


def cmd_train(args) -> int:
    from .stance_model import StanceModelError, train

    try:
        summary = train(args.data, args.output, text_col=args.text_col, target_col=args.target_col, label_col=args.label_col)
    except StanceModelError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
    return EXIT_OK


def cmd_calibrate(args) -> int:
    from .evaluation.calibration import fit_scorer

    data = fit_scorer(args.gold, out=args.output, nlp=_load_nlp(args), text_dir=args.text_dir)
    report = data["report"]
    print(json.dumps({k: report[k] for k in ("documents", "quotes", "candidates", "held_out_auc",
                                             "held_out_candidate_auc", "held_out_choice_accuracy")}), file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    if args.speech_term:
        from .evaluation.calibration import fit_speech_term

        st = fit_speech_term(args.gold, out=args.speech_term, nlp=_load_nlp(args), text_dir=args.text_dir)
        print(json.dumps(st["report"]), file=sys.stderr)
        print(f"wrote {args.speech_term}", file=sys.stderr)
    return EXIT_OK


def cmd_classify(args) -> int:
    from .stance_model import StanceModelError, classify

    try:
        if args.output:
            classify(args.model, args.data, args.output)
        else:
            rows = classify(args.model, args.data, None)
            out = io.StringIO()
            out.write("id\tlabel\n")
            for rid, label in rows:
                out.write(f"{rid}\t{label}\n")
            sys.stdout.write(out.getvalue())
    except StanceModelError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


_COMMANDS = {"extract": cmd_extract, "quotes": cmd_quotes, "stances": cmd_stances, "topics": cmd_topics, "eval": cmd_eval,
             "annotate": cmd_annotate, "serve": cmd_serve, "bench": cmd_bench, "train": cmd_train, "classify": cmd_classify,
             "calibrate": cmd_calibrate}

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
