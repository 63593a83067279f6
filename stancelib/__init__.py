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
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import attribution, normalize, quotes, sentences, speakers, stance  # noqa: F401  (register factories)
from .errors import ConfigError, InputError, StanceLibError
from .evaluate import EvalReport, evaluate  # bound here, so the function, not the module, is stancelib.evaluate
from .normalize import TextKeepingTokenizer, check_unicode, original_text, read_text
from .quotes import quotes_from_doc
from .stance import claims_from_doc, stances_from_doc
from .types import Claim, DocResult, DocWarning, Quote, Span, Speaker, StanceSummary

__version__ = "0.1.0"
__all__ = [
    "load", "extract", "extract_many", "read_text", "evaluate", "InputError", "ConfigError", "StanceLibError",
    "Span", "Speaker", "Quote", "Claim", "StanceSummary", "DocResult", "DocWarning", "EvalReport", "PIPE_NAMES",
]

PIPE_NAMES = ("stancelib_normalizer", "stancelib_sentences", "stancelib_quotes", "stancelib_speakers",
              "stancelib_attribution", "stancelib_stance")
# Longer documents are processed in paragraph-aligned chunks so memory stays flat as input grows.
CHUNK_CHARS = 200_000


def load(topics: Optional[str] = None, kb: Optional[str] = "builtin", ner: Optional[str] = None,
         segmenter: str = "char", pkuseg_model: Optional[str] = None, stance_model: Optional[str] = None,
         cues: Optional[str] = None) -> Language:
    """A ready pipeline: ``spacy.blank("zh")`` plus the stancelib components, in data-flow order.

    ``kb=None`` (or ``"none"``) switches the built-in speaker knowledge base off; a path replaces it and
    ``"+path"`` adds to it. ``segmenter="pkuseg"`` needs ``pkuseg_model``, a local model directory.
    """
    if segmenter not in ("char", "pkuseg", "jieba"):
        raise ConfigError(f"[E020] Unknown option segmenter={segmenter!r}: use 'char' or 'pkuseg'")
    if segmenter == "pkuseg":
        if not pkuseg_model or not Path(pkuseg_model).exists():
            raise ConfigError(f"[E021] Cannot load a pkuseg model from {pkuseg_model}: segmenter='pkuseg' needs a local model directory (pkuseg_model=PATH)")
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        try:
            nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model))
        except Exception as e:  # spacy-pkuseg missing or a bad model: say which and why
            raise ConfigError(f"[E021] Cannot load a pkuseg model from {pkuseg_model}: {e}") from None
    else:
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.max_length = 2 * CHUNK_CHARS
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    kb_value = None if kb is None or str(kb).lower() == "none" else str(kb)
    nlp.add_pipe("stancelib_normalizer")
    nlp.add_pipe("stancelib_sentences")
    nlp.add_pipe("stancelib_quotes", config={"cues": cues})
    nlp.add_pipe("stancelib_speakers", config={"kb": kb_value, "ner": ner, "cues": cues})
    nlp.add_pipe("stancelib_attribution", config={"cues": cues})
    nlp.add_pipe("stancelib_stance", config={"topics": topics, "stance_model": stance_model})
    return nlp


# --- typed views on a processed Doc -----------------------------------------------------------------

if not Doc.has_extension("doc_id"):
    Doc.set_extension("doc_id", default=None)


def _doc_id(doc: Doc) -> str:
    return doc._.doc_id or "doc"


def _speakers_of(doc: Doc, quotes: Optional[tuple[Quote, ...]] = None) -> tuple[Speaker, ...]:
    """Distinct speakers of the quotes, one per canonical name and organisation."""
    seen: dict[tuple, Speaker] = {}
    for q in quotes if quotes is not None else doc._.quotes:
        if q.speaker is not None and not q.is_question:
            key = (q.speaker.name, q.speaker.kb_id or q.speaker.org or "")
            if not any(k[0] == key[0] and (not k[1] or not key[1] or k[1] == key[1]) for k in seen):
                seen[key] = q.speaker
    return tuple(seen.values())


for _name, _getter in (
    ("quotes", lambda doc: quotes_from_doc(doc, _doc_id(doc))),
    ("claims", lambda doc: claims_from_doc(doc, _doc_id(doc))),
    ("stances", lambda doc: stances_from_doc(doc, _doc_id(doc))),
    ("speakers", _speakers_of),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_getter)


def doc_result(doc: Doc, doc_id: Optional[str] = None) -> DocResult:
    """The DocResult of a processed Doc."""
    if doc_id is not None:
        doc._.doc_id = doc_id
    did = _doc_id(doc)
    omap = doc._.offset_map
    warns = []
    for w in list(doc._.norm_warnings) + list(doc._.quote_mark_warnings or []):
        span = None
        if "start" in w:
            span = Span(start=w["start"], end=w["end"], text=original_text(doc)[w["start"]:w["end"]])
        elif "clean_start" in w:
            s = omap.start(w["clean_start"])
            e = omap.end(w["clean_start"] + 1)
            span = Span(start=s, end=e, text=original_text(doc)[s:e])
        warns.append(DocWarning(code=w["code"], message=w["message"], span=span))
    quotes = doc._.quotes
    return DocResult(doc_id=did, quotes=quotes, claims=doc._.claims, stances=doc._.stances,
                     speakers=_speakers_of(doc, quotes), warnings=tuple(warns))


# --- one call, many documents -----------------------------------------------------------------------

_DEFAULT_NLP: Optional[Language] = None


def _default_nlp() -> Language:
    global _DEFAULT_NLP
    if _DEFAULT_NLP is None:
        _DEFAULT_NLP = load()
    return _DEFAULT_NLP


def extract(text: str, doc_id: str = "doc", nlp: Optional[Language] = None) -> DocResult:
    """Quotes, claims and stances of one text, as a :class:`DocResult` (no spaCy objects)."""
    return next(iter(extract_many([(doc_id, text)], nlp=nlp)))


Item = Union[str, os.PathLike, tuple]


def extract_many(items: Iterable[Item], n_process: int = 1, batch_size: int = 16, progress: bool = False,
                 nlp: Optional[Language] = None) -> Iterator[DocResult]:
    """DocResults for many texts or files, in input order; a bad item yields a DocResult with ``error``
    set and never stops the batch.

    Items are paths (``Path`` or an existing file name), ``(doc_id, text)`` tuples, or plain texts.
    """
    nlp = nlp or _default_nlp()

    def chunks() -> Iterator[tuple[str, tuple]]:
        for i, item in enumerate(items):
            try:
                doc_id, text = _resolve_item(item, i)
                check_unicode(text, doc_id)
            except InputError as e:
                yield "", ("error", _item_name(item, i), str(e))
                continue
            parts = _split_chunks(text)
            for k, (base, part) in enumerate(parts):
                yield part, ("ok", doc_id, base, k, len(parts), text)

    pending: dict = {}
    count = 0
    for doc, ctx in nlp.pipe(chunks(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        if ctx[0] == "error":
            count += 1
            _progress(progress, count, ctx[1])
            yield DocResult(doc_id=ctx[1], error=ctx[2])
            continue
        _, doc_id, base, k, total, text = ctx
        res = doc_result(doc, doc_id)
        if total == 1:
            count += 1
            _progress(progress, count, doc_id)
            yield res
            continue
        pending.setdefault(doc_id, []).append((base, res))
        if k == total - 1:
            count += 1
            _progress(progress, count, doc_id)
            yield _merge_chunks(doc_id, text, pending.pop(doc_id), nlp)


def _progress(enabled: bool, count: int, name: str) -> None:
    if enabled:
        print(f"[{count}] {name}", file=sys.stderr, flush=True)


def _is_path(item: Item) -> bool:
    """A Path, or a string naming an existing file (a text is never taken for a path)."""
    return isinstance(item, os.PathLike) or (
        isinstance(item, str) and "\n" not in item and len(item) < 1024 and os.path.isfile(item))


def _item_name(item: Item, i: int) -> str:
    if isinstance(item, tuple):
        return str(item[0])
    return os.path.basename(str(item)) if _is_path(item) else f"text{i}"


def _resolve_item(item: Item, i: int) -> tuple[str, str]:
    if isinstance(item, tuple):
        doc_id, text = item
        return str(doc_id), text
    if _is_path(item):
        return os.path.basename(str(item)), read_text(item)
    if isinstance(item, str):
        return f"text{i}", item
    raise InputError(f"[E001] Cannot read item {i}: expected a path, a text or a (doc_id, text) tuple, got {type(item).__name__}")


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


def _merge_chunks(doc_id: str, text: str, parts: list[tuple[int, DocResult]], nlp: Language) -> DocResult:
    """Shift each chunk's offsets to the whole text and renumber ids."""
    from .stance import aggregate, summary_models

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
    topics = nlp.get_pipe("stancelib_stance").topics
    summaries = aggregate([{**c.model_dump(mode="json"), "speaker": c.speaker.model_dump()} for c in claims_out], topics)
    stances = summary_models(summaries, tuple(claims_out), doc_id)
    return DocResult(doc_id=doc_id, quotes=tuple(quotes_out), claims=tuple(claims_out), stances=stances,
                     speakers=tuple(speakers_seen.values()), warnings=tuple(warnings))


def _shift(span: Span, base: int, text: str) -> Span:
    return Span(start=span.start + base, end=span.end + base, text=text[span.start + base:span.end + base])


