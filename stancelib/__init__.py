"""stancelib: who said what in Chinese AI-industry news, and where they stand.

>>> import stancelib
>>> nlp = stancelib.load()
>>> doc = nlp("李开复表示：“To C才是大模型最大的机会。”")
>>> [(q.speaker.name, q.content) for q in doc._.quotes if q.speaker]
[('李开复', 'To C才是大模型最大的机会。')]
"""
from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Sized
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import attribution, normalize, quotes, sentences, speakers, stance  # noqa: F401  (register factories)
from .errors import ConfigError, Errors, InputError, StanceLibError
from . import evaluate as _evaluate_module  # noqa: F401  (the old module path, imported first: see the next line)
from .evaluation import EvalReport, evaluate  # bound after it, so the function, not a module, is stancelib.evaluate
from . import display, plot  # noqa: F401,E402  (stancelib.plot.stance_matrix; both import matplotlib lazily)
from .frames import to_dataframe
from .normalize import (OffsetMap, TextKeepingTokenizer, _norm, check_unicode, decode_document, doc_value,
                        read_document, read_text, set_doc_value)
from .parallel import map_ordered, stopping, worker_count
from .quotes import DocRecords, quotes_from_doc
from .stance import claims_from_doc, stances_from_doc, summary_models
from .types import Claim, DocResult, DocWarning, Quote, Span, Speaker, StanceSummary

__version__ = "0.1.0"
__all__ = [
    "load", "extract", "extract_many", "read_text", "read_document", "evaluate", "to_dataframe", "InputError",
    "ConfigError", "StanceLibError",
    "Span", "Speaker", "Quote", "Claim", "StanceSummary", "DocResult", "DocWarning", "EvalReport", "PIPE_NAMES",
]

PIPE_NAMES = ("stancelib_normalizer", "stancelib_sentences", "stancelib_quotes", "stancelib_speakers",
              "stancelib_attribution", "stancelib_stance")
# Longer documents are processed in paragraph-aligned chunks so memory stays flat as input grows.
CHUNK_CHARS = 200_000


def load(topics: Optional[str] = None, kb: Optional[str] = "builtin", ner: Optional[str] = None,
         segmenter: str = "char", pkuseg_model: Optional[str] = None, stance_model: Optional[str] = None,
         cues: Optional[str] = None, min_confidence: float = 0.0, attribution_scorer: Optional[str] = None,
         max_chars: int = 20_000_000, speech_term: Optional[str] = None, ner_scope: str = "gaps") -> Language:
    """A ready pipeline: ``spacy.blank("zh")`` plus the stancelib components, in data-flow order.

    ``kb=None`` (or ``"none"``) switches the built-in speaker knowledge base off; a path replaces it and
    ``"+path"`` adds to it. ``segmenter="pkuseg"`` needs ``pkuseg_model``, a local model directory.
    ``min_confidence`` leaves a quote unattributed when the calibrated probability that its speaker is
    right is lower (precision against recall: docs/measurements.md has the curve); ``attribution_scorer``
    is a weights file written by ``stancelib calibrate`` (``speech_term`` its optional speech-vs-term model). ``max_chars``: longer documents are refused with
    a coded error (E005) instead of minutes of work. ``ner_scope="gaps"`` runs an NER backend only on
    paragraphs with a speech cue or a quote that no other source found a name in; ``"all"`` on everything.
    """
    if segmenter not in ("char", "pkuseg", "jieba"):
        raise ConfigError(f"[E020] Unknown option segmenter={segmenter!r}: use 'char' or 'pkuseg'")
    if segmenter == "pkuseg":
        if not pkuseg_model or not Path(pkuseg_model).exists():
            raise ConfigError(f"[E021] Cannot load a pkuseg model from {pkuseg_model}: segmenter='pkuseg' needs a local model directory (pkuseg_model=PATH)")
        nlp = _blank(segmenter)
        try:
            nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model))
        except Exception as e:  # spacy-pkuseg missing or a bad model: say which and why
            raise ConfigError(f"[E021] Cannot load a pkuseg model from {pkuseg_model}: {e}") from None
    else:
        nlp = _blank(segmenter)
    nlp.max_length = 2 * CHUNK_CHARS
    kb_value = None if kb is None or str(kb).lower() == "none" else str(kb)
    nlp.add_pipe("stancelib_normalizer", config={"max_chars": max_chars})
    nlp.add_pipe("stancelib_sentences")
    nlp.add_pipe("stancelib_quotes", config={"cues": cues})
    nlp.add_pipe("stancelib_speakers", config={"kb": kb_value, "ner": ner, "cues": cues, "ner_scope": ner_scope})
    nlp.add_pipe("stancelib_attribution", config={"cues": cues, "min_confidence": float(min_confidence),
                                                  "scorer": attribution_scorer, "speech_term": speech_term})
    nlp.add_pipe("stancelib_stance", config={"topics": topics, "stance_model": stance_model})
    # What a worker process needs to build the same pipeline (stancelib.parallel).
    nlp._stancelib_load_options = ({"topics": topics, "kb": kb, "ner": ner, "segmenter": segmenter,
                                    "pkuseg_model": pkuseg_model, "stance_model": stance_model, "cues": cues},
                                   nlp.config.to_str())
    return nlp


def _blank(segmenter: str) -> Language:
    """``spacy.blank("zh")`` with the text-keeping tokenizer, registered so ``spacy.load`` rebuilds it."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "stancelib.zh_tokenizer.v1",
                                                           "segmenter": segmenter}}})


# --- typed views on a processed Doc -----------------------------------------------------------------

if not Doc.has_extension("doc_id"):
    Doc.set_extension("doc_id", default=None)


def _doc_id(doc: Doc) -> str:
    return doc._.doc_id or "doc"


def _speakers_of(doc: Doc, quotes: Optional[tuple[Quote, ...]] = None) -> tuple[Speaker, ...]:
    """Distinct speakers of the quotes, one per canonical name and organisation."""
    seen: list[Speaker] = []
    orgs_of: dict[str, list[str]] = {}  # name -> the kb ids or organisations kept with it
    for q in quotes if quotes is not None else doc._.quotes:
        if q.speaker is not None and not q.is_question:
            org = q.speaker.kb_id or q.speaker.org or ""
            orgs = orgs_of.setdefault(q.speaker.name, [])
            if not any(not o or not org or o == org for o in orgs):
                orgs.append(org)
                seen.append(q.speaker)
    return tuple(seen)


def _quotes_of(doc: Doc) -> tuple[Quote, ...]:
    return quotes_from_doc(doc, _doc_id(doc))


def _claims_of(doc: Doc):
    return claims_from_doc(doc, _doc_id(doc))


def _stances_of(doc: Doc):
    return stances_from_doc(doc, _doc_id(doc))


# Named functions, not lambdas: spaCy sends the extensions to ``nlp.pipe``'s workers by pickle (spawn).
for _name, _getter in (("quotes", _quotes_of), ("claims", _claims_of), ("stances", _stances_of), ("speakers", _speakers_of)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_getter)


def doc_result(doc: Doc, doc_id: Optional[str] = None) -> DocResult:
    """The DocResult of a processed Doc."""
    if doc_id is not None:
        set_doc_value(doc, "doc_id", doc_id)
    did = doc_value(doc, "doc_id") or "doc"
    norm = _norm(doc)
    omap = OffsetMap.from_json(norm["map"])
    text = norm["text"]
    warns = []
    for w in [*norm["warnings"], *(doc_value(doc, "quote_mark_warnings") or [])]:
        span = None
        if "start" in w:
            span = Span(start=w["start"], end=w["end"], text=text[w["start"]:w["end"]])
        elif "clean_start" in w:
            s = omap.start(w["clean_start"])
            e = omap.end(w["clean_start"] + 1)
            span = Span(start=s, end=e, text=text[s:e])
        warns.append(DocWarning(code=w["code"], message=w["message"], span=span))
    # Quotes, claims and summaries share one record per span and per speaker (records are frozen).
    records = DocRecords(text, omap)
    quotes = quotes_from_doc(doc, did, records)
    claims = claims_from_doc(doc, did, records)
    # The summaries carry their strongest claim's evidence: built from these claims, not a second set.
    stances = summary_models(doc_value(doc, "stancelib_stances") or [], claims, did, records)
    return DocResult(doc_id=did, quotes=quotes, claims=claims, stances=stances,
                     speakers=_speakers_of(doc, quotes), warnings=tuple(warns))


# --- one call, many documents -----------------------------------------------------------------------

_DEFAULT_NLP: Optional[Language] = None


def _default_nlp() -> Language:
    global _DEFAULT_NLP
    if _DEFAULT_NLP is None:
        _DEFAULT_NLP = load()
    return _DEFAULT_NLP


def extract(text: Union[str, bytes], doc_id: str = "doc", nlp: Optional[Language] = None, max_chars: Optional[int] = None,
            encoding: Optional[str] = None) -> DocResult:
    """Quotes, claims and stances of one text, as a :class:`DocResult` (no spaCy objects) that keeps the
    text for its notebook view. ``bytes`` are decoded as a file's are (``encoding`` forces the codec);
    a string is always the text itself, never a path (read a file with :func:`read_text` first).

    A text that cannot be processed (not a string or bytes, undecodable, a lone surrogate, longer than
    ``max_chars``) raises :class:`InputError`; :func:`extract_many` turns the same problems into error
    records instead.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        text, decoding = decode_document(bytes(text), name=doc_id, encoding=encoding)
    elif not isinstance(text, str):
        raise InputError(Errors.E004.format(index=0, name=doc_id, reason=f"expected a text (str or bytes), got {type(text).__name__}"),
                         doc_id, "type")
    else:
        decoding = []
    res = next(iter(extract_many([(doc_id, text)], nlp=nlp, kind="text", max_chars=max_chars)))
    if res.error:
        raise InputError(res.error, doc_id, "input")
    return _with_input_warnings(res, decoding, text).model_copy(update={"text": text})


Item = Union[str, os.PathLike, bytes, tuple]
DEFAULT_MAX_CHARS = 20_000_000  # generous (a 60 MB book); a service sets its own with load(max_chars=)


def extract_many(items: Iterable[Item], n_process: int = 1, batch_size: int = 16, progress: bool = False,
                 nlp: Optional[Language] = None, kind: str = "auto", encoding: Optional[str] = None,
                 max_chars: Optional[int] = None, time_budget: Optional[float] = None,
                 start_method: Optional[str] = None) -> Iterator[DocResult]:
    """DocResults for many texts or files, in input order, one per item, as they are done (lazily: a
    file is read only when its turn comes). A bad item yields a DocResult with ``error`` set (a coded
    message naming it) and never stops the batch.

    Items are paths, texts, raw ``bytes`` (decoded like a file) or ``(doc_id, text|path|bytes)`` tuples.
    ``kind`` says what a bare string is: ``"text"``, ``"path"``, or ``"auto"`` (see :func:`_is_path`).
    ``encoding`` forces the codec of files and bytes; ``max_chars`` (default: the pipeline's, else
    DEFAULT_MAX_CHARS) refuses longer documents (E005); ``time_budget`` (seconds per document, checked
    between its chunks of CHUNK_CHARS) gives up on a document that takes longer (E006).
    ``progress=True`` draws a progress bar on stderr when it is a terminal. With ``n_process`` > 1
    (``-1``: one per CPU) that many processes, the caller and its workers, take whole documents
    (:mod:`stancelib.parallel`);
    ``start_method`` ("fork", "spawn", "forkserver") defaults to the platform's. Results are the same
    either way.
    """
    if isinstance(items, (str, bytes, bytearray, os.PathLike)):
        # one text or path where an iterable of them belongs would be read character by character
        raise InputError(Errors.E004.format(index=0, name=type(items).__name__, reason=(
            "extract_many takes an iterable of items, not a single str, bytes or path: pass [item], or use extract()")),
            type(items).__name__, "type")
    nlp = nlp or _default_nlp()
    if kind not in ("auto", "text", "path"):
        raise ConfigError(Errors.E020.format(name="kind", value=kind, reason="use 'auto', 'text' or 'path'"))
    work = partial(_extract_one, kind=kind, encoding=encoding, limit=max_chars or _pipeline_max_chars(nlp),
                   time_budget=time_budget)
    sizes: dict[int, int] = {}

    def numbered() -> Iterator[tuple[int, Item]]:
        for i, item in enumerate(items):
            sizes[i] = _rough_size(item)
            yield i, item

    if worker_count(n_process) > 1:
        results = map_ordered(work, numbered(), nlp, n_process, batch_size, start_method,
                              size=lambda i, item: sizes.get(i, 0))
    else:
        results = (work(nlp, i, item) for i, item in numbered())
    bar = _ProgressBar(progress, len(items) if isinstance(items, Sized) else None)
    try:
        with bar:
            for i, res in enumerate(results):
                bar.advance(res.doc_id, 0 if res.error else sizes.pop(i, 0))
                yield res
    finally:
        results.close()  # an early break ends the worker processes


class _OverBudget(Exception):
    def __init__(self, done: int, total: int):
        self.done, self.total = done, total


def _extract_one(nlp: Language, i: int, item: Item, kind: str = "auto", encoding: Optional[str] = None,
                 limit: int = 20_000_000, time_budget: Optional[float] = None) -> DocResult:
    """One item from start to end (read, tokenize, pipeline, result): the unit of work of a worker."""
    try:
        doc_id, text, warns = _resolve_item(item, i, kind, encoding)
        check_unicode(text, doc_id)
        if len(text) > limit:
            raise InputError(Errors.E005.format(name=doc_id, length=len(text), limit=limit), doc_id, "too long")
    except InputError as e:
        return DocResult(doc_id=_item_name(item, i, kind), error=str(e))
    parts = _split_chunks(text)
    started = time.monotonic()

    def chunk_results():
        for k, (base, part) in enumerate(parts):
            # Past the budget, or a worker whose caller stopped reading (its result is not wanted).
            if k and (_past(started, time_budget) or stopping()):
                raise _OverBudget(k, len(parts))
            yield base, doc_result(nlp(part), doc_id)

    try:
        if len(parts) == 1:
            res = doc_result(nlp(text), doc_id)
        else:
            # Chunk by chunk: each chunk's Doc and result are dropped once merged.
            res = _merge_chunks(doc_id, text, chunk_results(), nlp)
    except _OverBudget as over:
        return DocResult(doc_id=doc_id, error=Errors.E006.format(name=doc_id, budget=time_budget, done=over.done, total=over.total))
    except InputError as e:
        return DocResult(doc_id=doc_id, error=str(e))
    return _with_input_warnings(res, warns, text)


def _rough_size(item: Item) -> int:
    """Characters of an item for the progress bar's rate (a file's size in bytes stands in)."""
    pair = isinstance(item, tuple) and len(item) == 2
    text = item[1] if pair else item
    # (the string of a (doc_id, text) pair is always the text: no file is looked for)
    if isinstance(text, (str, bytes)) and (pair or isinstance(text, bytes) or "\n" in text or len(text) > 1024):
        return len(text)
    try:
        return os.path.getsize(text) if isinstance(text, (str, os.PathLike)) else 0
    except (OSError, ValueError, UnicodeError):  # not a file (a short text, a NUL, a lone surrogate)
        return len(text) if isinstance(text, str) else 0


def _past(started: float, budget: Optional[float]) -> bool:
    return budget is not None and time.monotonic() - started > budget


def _pipeline_max_chars(nlp: Language) -> int:
    if "stancelib_normalizer" in nlp.pipe_names:
        return getattr(nlp.get_pipe("stancelib_normalizer"), "max_chars", None) or DEFAULT_MAX_CHARS
    return DEFAULT_MAX_CHARS


def _with_input_warnings(res: DocResult, warns: list[dict], text: str) -> DocResult:
    """Decoding warnings (W003, W006, W007) first, then the pipeline's own."""
    if not warns:
        return res
    found = []
    for w in warns:
        span = Span(start=w["start"], end=w["end"], text=text[w["start"]:w["end"]]) if "start" in w else None
        found.append(DocWarning(code=w["code"], message=w["message"], span=span))
    return res.model_copy(update={"warnings": tuple(found) + res.warnings})


class _ProgressBar:
    """A rich progress bar on stderr (documents, characters per second, ETA), drawn only when asked
    for and stderr is a terminal, so logs and pipes never receive escape codes."""

    def __init__(self, enabled: bool, total: Optional[int]):
        self.progress = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            self.progress = Progress(
                TextColumn("[bold]stancelib"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
                TextColumn("{task.fields[rate]} chars/s"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                TextColumn("{task.fields[name]}"), console=Console(stderr=True), transient=False)
            self.task = self.progress.add_task("extract", total=total, rate="-", name="")
            self.chars = 0
            self.started = time.monotonic()

    def __enter__(self) -> "_ProgressBar":
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, name: str, chars: int) -> None:
        if self.progress is None:
            return
        self.chars += chars
        rate = self.chars / max(1e-6, time.monotonic() - self.started)
        self.progress.update(self.task, advance=1, rate=f"{rate:,.0f}", name=name[-40:])


# --- items: what a batch holds ----------------------------------------------------------------------

_FILE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")


def _is_path(item: Item, kind: str = "auto") -> bool:
    """Whether a batch item names a file.

    A ``Path`` always does; with ``kind="path"`` every string does, with ``kind="text"`` none does.
    With ``kind="auto"`` a string does when it is one short line (no newline, < 1024 characters) that
    names an existing file or directory, ends in a file suffix (``a.txt``) or contains a path separator
    (``data/a``): such a string that is not a readable file becomes an error record, never a one-line text.
    """
    if isinstance(item, os.PathLike):
        return True
    if not isinstance(item, str) or kind == "text":
        return False
    if kind == "path":
        return True
    if "\n" in item or len(item) >= 1024 or not item.strip():
        return False
    return (os.path.exists(item) or _FILE_SUFFIX.search(item) is not None
            or os.sep in item or "/" in item or (os.altsep is not None and os.altsep in item))


def _item_name(item: Item, i: int, kind: str = "auto") -> str:
    if isinstance(item, tuple) and item:
        return str(item[0])
    return (os.path.basename(str(item)) or str(item)) if _is_path(item, kind) else f"text{i}"


def _resolve_item(item: Item, i: int, kind: str = "auto", encoding: Optional[str] = None) -> tuple[str, str, list[dict]]:
    """``(doc_id, text, decoding warnings)`` of one batch item, or :class:`InputError` naming it."""
    if isinstance(item, tuple):
        if len(item) != 2:
            raise InputError(Errors.E004.format(index=i, name=f"item {i}", reason=f"a tuple of {len(item)} values, expected (doc_id, text)"), f"item {i}", "type")
        doc_id, body = str(item[0]), item[1]
        if isinstance(body, str):
            return doc_id, body, []  # the text of a (doc_id, text) pair is never taken for a path
        if isinstance(body, os.PathLike):
            text, warns = read_document(body, encoding)
            return doc_id, text, warns
    else:
        doc_id, body = _item_name(item, i, kind), item
        if _is_path(item, kind):
            if os.path.isdir(item):
                raise InputError(Errors.E001.format(path=item, reason="it is a directory, not a file (a batch takes files)"), str(item), "directory")
            if not os.path.exists(item) and kind == "auto":
                raise InputError(Errors.E001.format(path=item, reason="no such file (pass kind='text' if this is a text)"), str(item), "not found")
            text, warns = read_document(item, encoding)
            return doc_id, text, warns
        if isinstance(item, str):
            return doc_id, item, []
    if isinstance(body, (bytes, bytearray, memoryview)):
        text, warns = decode_document(bytes(body), name=doc_id, encoding=encoding)
        return doc_id, text, warns
    raise InputError(Errors.E004.format(index=i, name=doc_id, reason=f"expected a path, a text, bytes or a (doc_id, text) pair, got {type(body).__name__}"),
                     doc_id, "type")


def _split_chunks(text: str) -> list[tuple[int, str]]:
    """Paragraph-aligned chunks of at most CHUNK_CHARS (a giant line is cut at a sentence end)."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut < 0:
                cut = _sentence_end_outside_quotes(text, start, start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


_CHUNK_ENDERS = re.compile(r"[。！？!?；]")


def _sentence_end_outside_quotes(text: str, start: int, lo: int, hi: int) -> int:
    """The last sentence end in ``text[lo:hi]`` that is not inside “…” or 「…」 (-1 if none)."""
    depth = text.count("“", start, lo) - text.count("”", start, lo) + text.count("「", start, lo) - text.count("」", start, lo)
    best = -1
    for m in _CHUNK_ENDERS.finditer(text, lo, hi):
        depth += (text.count("“", lo, m.start()) - text.count("”", lo, m.start())
                  + text.count("「", lo, m.start()) - text.count("」", lo, m.start()))
        lo = m.start()
        if depth <= 0:
            best = m.start()
    return best


def _merge_chunks(doc_id: str, text: str, parts: Iterable[tuple[int, DocResult]], nlp: Language) -> DocResult:
    """Shift each chunk's offsets to the whole text and renumber ids.

    ``parts`` is consumed one chunk at a time, so a chunk's result is freed as soon as it is merged."""
    from .stance import aggregate

    quotes_out, claims_out, warnings, speakers_seen = [], [], [], {}
    for base, res in parts:
        qmap = {}
        for q in res.quotes:
            new_id = f"q{len(quotes_out)}"
            qmap[q.id] = new_id
            quotes_out.append(q.model_copy(update={"id": new_id, "span": _shift(q.span, base, text),
                                                   "parent_id": qmap.get(q.parent_id) if q.parent_id else None}))
        for c in res.claims:
            claims_out.append(c.model_copy(update={"id": f"c{len(claims_out)}", "evidence": _shift(c.evidence, base, text),
                                                   "quote_id": qmap.get(c.quote_id)}))
        for w in res.warnings:
            warnings.append(w.model_copy(update={"span": _shift(w.span, base, text) if w.span else None}))
        for s in res.speakers:
            speakers_seen.setdefault((s.name, s.org), s)
    if "stancelib_stance" not in nlp.pipe_names:  # a pipeline without the stance labeler: no summaries
        return DocResult(doc_id=doc_id, quotes=tuple(quotes_out), claims=tuple(claims_out),
                         speakers=tuple(speakers_seen.values()), warnings=tuple(warnings))
    topics = nlp.get_pipe("stancelib_stance").topics
    summaries = aggregate([{**c.model_dump(mode="json"), "speaker": c.speaker.model_dump()} for c in claims_out], topics)
    stances = summary_models(summaries, tuple(claims_out), doc_id)
    return DocResult(doc_id=doc_id, quotes=tuple(quotes_out), claims=tuple(claims_out), stances=stances,
                     speakers=tuple(speakers_seen.values()), warnings=tuple(warnings))


def _shift(span: Span, base: int, text: str) -> Span:
    return Span(start=span.start + base, end=span.end + base, text=text[span.start + base:span.end + base])


