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
import sys
from pathlib import Path
from typing import Iterator, Optional

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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


def _io_options(p: argparse.ArgumentParser, formats=("jsonl", "json", "csv", "table")) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (their *.txt, recursively) or - for stdin")
    p.add_argument("--format", choices=formats, default="table" if sys.stdout.isatty() else "jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--n-process", type=_n_process, default=1, metavar="N", help="worker processes (-1: one per CPU)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=False)
    _pipeline_options(p)


def _n_process(value: str) -> int:
    """``--n-process``: a positive count, or -1 for one process per CPU (spaCy's convention)."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1 and n != -1:
        raise argparse.ArgumentTypeError(f"expected a positive integer or -1, got {value!r}")
    return n


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
    _pipeline_options(p)
    p = sub.add_parser("bench", help="measure throughput and memory")
    p.add_argument("--size-mb", type=float, default=1.0, metavar="N")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = sub.add_parser("train", help="learn a stance classifier from labelled rows")
    p.add_argument("data", metavar="DATA", help="TSV, CSV or JSONL with text, target and label columns")
    p.add_argument("-o", "--output", metavar="MODEL_DIR", required=True)
    p.add_argument("--text-col", default="text")
    p.add_argument("--target-col", default="target")
    p.add_argument("--label-col", default="label")
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
    from .errors import StanceLibError

    try:
        return _COMMANDS[args.command](args)
    except StanceLibError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


# --- inputs -----------------------------------------------------------------------------------------


def iter_inputs(paths: list[str], failures: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` for every readable input; unreadable ones are named in ``failures``."""
    from .errors import InputError
    from .normalize import decode_bytes, read_text

    for raw in paths:
        if raw == "-":
            try:
                yield "stdin", decode_bytes(sys.stdin.buffer.read(), name="stdin")
            except InputError as e:
                failures.append(("stdin", str(e)))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                failures.append((raw, "no *.txt files in this directory"))
        else:
            files = [path]
        for f in files:
            try:
                yield f.name, read_text(f)
            except InputError as e:
                failures.append((str(f), str(e)))


def _load_nlp(args):
    import stancelib

    return stancelib.load(topics=args.topics, kb=args.kb, ner=args.ner, segmenter=args.segmenter,
                          pkuseg_model=args.pkuseg_model, stance_model=args.stance_model, cues=args.cues)


def _run_docs(args, what: str) -> int:
    import stancelib

    nlp = _load_nlp(args)
    failures: list[tuple[str, str]] = []

    def report(name: str, reason: str) -> None:
        print(f"stancelib: failed: {name}: {reason}", file=sys.stderr)

    reported = 0

    def records():
        nonlocal reported
        for res in stancelib.extract_many(iter_inputs(args.paths, failures), n_process=args.n_process,
                                          progress=args.progress, nlp=nlp):
            while reported < len(failures):
                report(*failures[reported])
                reported += 1
            if res.error:
                failures.append((res.doc_id, res.error))
                continue
            for w in res.warnings:
                if args.progress:
                    print(f"stancelib: warning: {res.doc_id}: {w.message}", file=sys.stderr)
            if what == "all":
                yield res
            else:
                yield from getattr(res, what)

    with _open_output(args.output) as out:
        _write(records(), args.format, out, what)
    while reported < len(failures):
        report(*failures[reported])
        reported += 1
    return EXIT_FAILED if failures else EXIT_OK


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
    return _run_docs(args, args.what)


def cmd_quotes(args) -> int:
    return _run_docs(args, "quotes")


def cmd_stances(args) -> int:
    return _run_docs(args, "stances")


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
    from .evaluate import run_eval_command

    return run_eval_command(args, _load_nlp(args))


def cmd_annotate(args) -> int:
    from .evaluate import annotate

    annotate(args.path, args.output, nlp=_load_nlp(args))
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_bench(args) -> int:
    from .bench import run_bench

    return run_bench(size_mb=args.size_mb, fmt=args.format)


def cmd_train(args) -> int:
    from .stance_model import StanceModelError, train

    try:
        summary = train(args.data, args.output, text_col=args.text_col, target_col=args.target_col, label_col=args.label_col)
    except StanceModelError as e:
        print(f"stancelib: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(summary, ensure_ascii=False), file=sys.stderr)
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
             "annotate": cmd_annotate, "bench": cmd_bench, "train": cmd_train, "classify": cmd_classify}

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
