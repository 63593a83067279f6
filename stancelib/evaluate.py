"""Gold files, metrics and reports: how well the pipeline does on a user's own annotated articles.

A gold file (``NAME.gold.yaml``, format in ``docs/gold_format.md``, JSON Schema in
``docs/gold.schema.json``) holds one article, or several under ``docs:``: every quote-mark pair and
Q&A answer turn, located by its first characters (or its offset), with its speaker (null when it is
not speech), the people who speak, and the stances they take. :func:`evaluate` runs the pipeline on
each text and scores it with the metrics of the project's dev scorer (``shared/dev/score.py``):

>>> report = stancelib.evaluate(["fixtures"], nlp=nlp)            # doctest: +SKIP
>>> report.metrics.direct_accuracy, report.metrics.stance_f1      # doctest: +SKIP
>>> print(report.to_text())                                         # doctest: +SKIP

The same scoring drives ``stancelib eval``, ``stancelib annotate`` and the pytest plugin.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from .errors import ConfigError, Errors, InputError
from .yamlio import safe_load
from .types import DocResult, Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

GOLD_SUFFIX = ".gold.yaml"

# --- the gold format (pydantic; exported to docs/gold.schema.json) ----------------------------------


class _GoldModel(BaseModel):
    # Names such as 2046 or quote starts such as 2024年 come out of YAML as numbers: read them as text.
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class GoldQuote(_GoldModel):
    """One quote-mark pair (``direct``) or Q&A answer turn (``qa_turn``) and who says it.

    Located by ``text`` (+ ``occurrence``) or by ``start``:
    ``{text: 过去两年，大家都在比, occurrence: 1, kind: direct, speaker: 刘聪}``.
    """

    text: Optional[str] = Field(
        default=None, min_length=1,
        description="The first characters of the quote's content, copied exactly from the text: what follows the "
                    "opening mark (direct) or the `Label：` of the turn (qa_turn). With `start`, a check of it.")
    occurrence: Optional[int] = Field(
        default=None, ge=1,
        description="Which occurrence of `text` in the whole text is meant (1 = the first; default 1). Only with `text`.")
    start: Optional[int] = Field(
        default=None, ge=0,
        description="Instead of `text`: the offset (Python str index into the text) of the opening mark (direct) "
                    "or of the answer's first character (qa_turn), as in the project's dev gold.")
    kind: Literal["direct", "qa_turn"] = Field(
        default="direct",
        description="direct: a quote-mark pair (“…”, 「…」, 『…』, ‘…’, \"…\", &ldquo;…&rdquo;), speech or not; "
                    "qa_turn: an answer after a speaker label at a line start (`林嘉禾：`, `答：`).")
    speaker: Optional[str] = Field(
        description="Canonical (simplified) name of who says it; null: not speech (term, title, slogan, scare quote, "
                    "rebutted saying) and must not be attributed; \"?\": ambiguous, only counted as a quote mark.")

    @model_validator(mode="after")
    def _located(self) -> "GoldQuote":
        if self.text is None and self.start is None:
            raise ValueError("give `text` (and `occurrence` when it is not the first) or `start`")
        if self.occurrence is not None and self.start is not None:
            raise ValueError("`occurrence` goes with `text`; `start` alone already says where")
        if self.speaker is not None and not self.speaker.strip():
            raise ValueError("speaker is empty: use null for non-speech or \"?\" when ambiguous")
        return self


class GoldStance(_GoldModel):
    """A stance the speaker takes in this article: ``{speaker: 刘聪, topic: scaling_law, labels: [skeptic]}``."""

    speaker: str = Field(min_length=1, description="Canonical name of the speaker (aliases apply).")
    topic: str = Field(min_length=1, description="Topic id (e.g. scaling_law).")
    labels: tuple[str, ...] = Field(min_length=1, description="Every acceptable label (e.g. [believer, mixed]); never neutral.")
    required: bool = Field(default=True, description="false: a miss is not counted (a wrong label still is).")


Aliases = dict[str, tuple[str, ...]]


class _GoldArticle(_GoldModel):
    text_path: Optional[str] = Field(default=None, description="The article's text file, relative to the gold file.")
    text: Optional[str] = Field(default=None, description="The article's text inline, instead of text_path.")
    aliases: Aliases = Field(default_factory=dict, description="Canonical name -> other names used for the same person.")
    speakers: tuple[str, ...] = Field(default=(), description="Canonical names of everyone the article attributes a statement to.")
    optional_speakers: tuple[str, ...] = Field(
        default=(), description="Names that may or may not be found: neither a miss nor an extra speaker.")
    quotes: tuple[GoldQuote, ...] = Field(default=(), description="Every quote-mark pair and Q&A answer turn, in text order.")
    stances: tuple[GoldStance, ...] = Field(default=(), description="Non-neutral stances per (speaker, topic).")

    @model_validator(mode="after")
    def _one_text(self) -> "_GoldArticle":
        if self.text is not None and self.text_path is not None:
            raise ValueError("give `text_path` or `text`, not both")
        return self


class GoldDocument(_GoldArticle):
    """A gold file for one article (``fixtures/*.gold.yaml``)."""

    doc_id: Optional[str] = Field(default=None, description="The document's id (default: the base name of text_path).")

    @model_validator(mode="after")
    def _has_text(self) -> "GoldDocument":
        if self.text is None and self.text_path is None:
            raise ValueError("give `text_path` (relative to the gold file) or `text`")
        return self


class GoldCollectionDoc(_GoldArticle):
    """One article of a multi-document gold file; its text is ``text_path``, ``text`` or ``text_dir/<doc id>``."""


class GoldCollection(_GoldModel):
    """A gold file for several articles, keyed by doc id (the shape of the project's dev gold)."""

    text_dir: Optional[str] = Field(
        default=None, description="Where the texts are (`<text_dir>/<doc id>`), relative to the gold file; "
                                  "`--text-dir` / `text_dir=` override it.")
    aliases: Aliases = Field(default_factory=dict, description="Canonical name -> other names, for every document.")
    docs: dict[str, GoldCollectionDoc] = Field(min_length=1, description="doc id -> its gold annotations.")


def gold_json_schema() -> dict:
    """The JSON Schema of a gold file (checked in as ``docs/gold.schema.json``)."""
    schema = TypeAdapter(Union[GoldDocument, GoldCollection]).json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "stancelib gold file",
            "description": "One annotated article (GoldDocument) or several under `docs:` (GoldCollection); "
                           "see docs/gold_format.md.", **schema}


# --- names: canonical folding ------------------------------------------------------------------------

_NAME_NOISE = re.compile(r"[\s·•・.]")


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # pragma: no cover  (OpenCC is a dependency; fold without it rather than crash)
        return lambda s: s


@lru_cache(maxsize=8192)
def fold_name(name: str) -> str:
    """A name as the metrics compare it: ``fold_name("王仲遠") == fold_name("王 仲远") == "王仲远"``."""
    folded = _t2s()(unicodedata.normalize("NFKC", name)).replace("⻩", "黄")
    return _NAME_NOISE.sub("", folded).lower()


class NameFolder:
    """Folds names and maps a gold file's aliases to their canonical name: ``NameFolder({"刘聪": ("聪院",)})("聪院") == "刘聪"``."""

    def __init__(self, aliases: Optional[dict[str, Iterable[str]]] = None):
        self._alias = {fold_name(n): fold_name(canon) for canon, names in (aliases or {}).items() for n in (*names, canon)}

    def __call__(self, name: str) -> str:
        folded = fold_name(name)
        return self._alias.get(folded, folded)


# --- locating gold quotes in the text ----------------------------------------------------------------

_OPENING_MARKS = "“‘「『\"＂'＇«‹〝﹁﹃"
_INLINE_SPACE = " \t\u3000\xa0"
# `&ldquo;` and friends left over from HTML, as an opening mark.
_ENTITY_MARK = r"&(?:ldquo|lsquo|bdquo|laquo|quot|apos|#0*(?:8220|8216|8222|171|34|39)|#[xX]0*(?:201[cCeE8]|22|27|[aA][bB]));"
_ENTITY_MARK_AT = re.compile(_ENTITY_MARK)
_ENTITY_MARK_BEFORE = re.compile(_ENTITY_MARK + r"\Z")
# The part of a line before a Q&A answer: `林嘉禾：`, `答:`, `  Sam Altman：`.
_QA_LABEL_PREFIX = re.compile(r"[ \t\u3000]*[^\s：:][^\n：:]{0,39}[：:][ \t\u3000]*")
_QA_LABEL_AT = re.compile(r"[ \t\u3000]*[^\s：:][^\n：:]{0,39}[：:](?!\d)[ \t\u3000]*")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _INLINE_SPACE:
        pos += 1
    return pos


def _opening_mark_before(text: str, pos: int) -> bool:
    """True when an opening mark (maybe `&ldquo;`, maybe then spaces) ends right before ``pos``."""
    j = pos
    while j > 0 and text[j - 1] in _INLINE_SPACE:
        j -= 1
    if j > 0 and text[j - 1] in _OPENING_MARKS:
        return True
    return bool(_ENTITY_MARK_BEFORE.search(text, max(0, j - 12), j))


def _opening_mark_length(text: str, pos: int) -> int:
    """The length of the opening mark at ``pos`` (`“` 1, `&ldquo;` 7), 0 when there is none."""
    if pos < len(text) and text[pos] in _OPENING_MARKS:
        return 1
    m = _ENTITY_MARK_AT.match(text, pos)
    return len(m.group()) if m else 0


def _qa_label_before(text: str, pos: int) -> bool:
    """True when ``pos`` starts an answer: only `Label：` precedes it on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(_QA_LABEL_PREFIX.fullmatch(text, line_start, pos))


def _fits(text: str, pos: int, kind: str) -> bool:
    return _opening_mark_before(text, pos) if kind == "direct" else _qa_label_before(text, pos)


def _occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text``, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _content_start(q: Quote, text: str) -> int:
    """Where a system quote's words start in the original text (after the mark and any spaces)."""
    i = q.span.text.find(q.content) if q.content else -1
    if i < 0:
        i = _opening_mark_length(text, q.span.start) if q.kind == "direct" else 0
    return _skip_space(text, q.span.start + i)


def _snippet(text: str, pos: int, n: int = 24) -> str:
    s = text[pos:pos + n].split("\n", 1)[0]
    return s + ("…" if len(s) == n else "")


@dataclass(frozen=True)
class LocatedQuote:
    """A gold quote and where its content starts in the text."""

    index: int
    entry: GoldQuote
    offset: int

    @property
    def where(self) -> str:
        return f"quotes[{self.index}]"


@dataclass(frozen=True)
class GoldDoc:
    """One gold article, loaded: its text, its located quotes and its name folding."""

    doc_id: str
    gold_file: str
    entry: str  # how error messages name the article inside the file: "" or "docs[a.txt]."
    text: str
    quotes: tuple[LocatedQuote, ...]
    speakers: tuple[str, ...]
    optional_speakers: tuple[str, ...]
    stances: tuple[GoldStance, ...]
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def names(self) -> NameFolder:
        return NameFolder(dict(self.aliases))


def _bad(path, reason: str) -> ConfigError:
    return ConfigError(Errors.E030.format(path=path, reason=reason))


def _locate(text: str, q: GoldQuote) -> int:
    """The content start of a gold quote, or ValueError("field: reason")."""
    if q.start is not None:
        if q.start >= len(text):
            raise ValueError(f"start: {q.start} is past the end of the text ({len(text)} characters)")
        if q.kind == "direct":
            mark = _opening_mark_length(text, q.start)
            if not mark:
                raise ValueError(f"start: {q.start} is not an opening quote mark (the text there is {_snippet(text, q.start, 8)!r})")
            pos = _skip_space(text, q.start + mark)
        elif _qa_label_before(text, q.start):
            pos = q.start
        else:
            m = _QA_LABEL_AT.match(text, q.start)
            if not m or (q.start and text[q.start - 1] != "\n"):
                raise ValueError(f"start: {q.start} does not start a Q&A answer (`Label：` then the answer at a line start)")
            pos = m.end()
        if q.text is not None and not text.startswith(q.text, pos):
            raise ValueError(f"text: {q.text!r} does not match the quote at start {q.start} ({_snippet(text, pos, len(q.text) + 4)!r})")
        return pos
    n = q.occurrence or 1
    hits = _occurrences(text, q.text)
    if not hits:
        raise ValueError(f"text: {q.text!r} not found in the text")
    if n > len(hits):
        raise ValueError(f"occurrence: {q.text!r} occurs {len(hits)} time(s) in the text, not {n}")
    pos = hits[n - 1]
    if not _fits(text, pos, q.kind):
        fitting = [i + 1 for i, h in enumerate(hits) if _fits(text, h, q.kind)]
        where = "right after an opening quote mark" if q.kind == "direct" else "right after a `Label：` at a line start"
        hint = f"; set occurrence to {' or '.join(map(str, fitting))}" if fitting else ""
        raise ValueError(f"text: occurrence {n} of {q.text!r} (offset {pos}) is not {where}{hint}")
    return _skip_space(text, pos)


def _read_gold_text(gold_path: Path, rel: str, where: str) -> str:
    from .normalize import read_text

    p = Path(rel)
    p = p if p.is_absolute() else gold_path.parent / p
    try:
        return read_text(p)
    except InputError as e:
        raise _bad(gold_path, f"{where}: {e}") from None


def _loaded(gold_path: Path, doc_id: str, entry: str, art: _GoldArticle, text: str, aliases: Aliases) -> GoldDoc:
    located: list[LocatedQuote] = []
    seen: dict[tuple[str, int], int] = {}
    for i, q in enumerate(art.quotes):
        try:
            pos = _locate(text, q)
        except ValueError as e:
            raise _bad(gold_path, f"{entry}quotes[{i}].{e}") from None
        if (q.kind, pos) in seen:
            raise _bad(gold_path, f"{entry}quotes[{i}]: the same quote as quotes[{seen[q.kind, pos]}] (offset {pos})")
        seen[q.kind, pos] = i
        located.append(LocatedQuote(index=i, entry=q, offset=pos))
    names = NameFolder(aliases)
    keys: dict[tuple[str, str], int] = {}
    for i, s in enumerate(art.stances):
        key = (names(s.speaker), s.topic)
        if key in keys:
            raise _bad(gold_path, f"{entry}stances[{i}]: ({s.speaker}, {s.topic}) is already stances[{keys[key]}]")
        keys[key] = i
    return GoldDoc(doc_id=doc_id, gold_file=str(gold_path), entry=entry, text=text, quotes=tuple(located),
                   speakers=art.speakers, optional_speakers=art.optional_speakers, stances=art.stances,
                   aliases=tuple(sorted(aliases.items())))


def _pydantic_reason(err: ValidationError) -> str:
    """The first validation problem as ``quotes[3].speaker: Field required``."""
    first = err.errors()[0]
    loc = ""
    for part in first["loc"]:
        loc += f"[{part}]" if isinstance(part, int) or loc.endswith("docs") else (f".{part}" if loc else str(part))
    msg = re.sub(r"^(Value error|Assertion failed), ", "", first["msg"]).replace("valid tuple", "valid list")
    value = first.get("input")
    if first["type"] not in ("missing", "value_error") and not isinstance(value, (dict, list, tuple)):
        msg += f" (got {value!r})"
    if len(err.errors()) > 1:
        msg += f" (and {len(err.errors()) - 1} more problem(s))"
    return f"{loc}: {msg}" if loc else msg


def load_gold(path: Union[str, os.PathLike], text_dir: Optional[Union[str, os.PathLike]] = None) -> list[GoldDoc]:
    """The articles of one gold file, texts read and quotes located; a bad file raises ConfigError [E030].

    >>> [d.doc_id for d in load_gold("fixtures/qa_lin_jiahe.gold.yaml")]   # doctest: +SKIP
    ['qa_lin_jiahe.txt']
    """
    gold_path = Path(path)
    try:
        raw = safe_load(gold_path.read_text(encoding="utf-8"))
    except OSError as e:
        raise _bad(gold_path, e.strerror or str(e)) from None
    except UnicodeDecodeError:
        raise _bad(gold_path, "not UTF-8 text") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise _bad(gold_path, f"{where}not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(raw, dict):
        raise _bad(gold_path, "expected a mapping with `quotes` (one article) or `docs` (several)")
    if "docs" in raw:
        try:
            coll = GoldCollection.model_validate(raw)
        except ValidationError as e:
            raise _bad(gold_path, _pydantic_reason(e)) from None
        base = Path(text_dir) if text_dir is not None else (
            gold_path.parent / coll.text_dir if coll.text_dir is not None else None)
        out = []
        for doc_id, art in coll.docs.items():
            entry = f"docs[{doc_id}]."
            if art.text is not None:
                text = art.text
            elif art.text_path is not None:
                text = _read_gold_text(gold_path, art.text_path, f"{entry}text_path")
            elif base is not None:
                text = _read_gold_text(gold_path, str((base / doc_id).absolute()), f"{entry[:-1]}")
            else:
                raise _bad(gold_path, f"{entry[:-1]}: no text: give `text_dir` in the file, --text-dir / text_dir=, or the doc's text_path")
            out.append(_loaded(gold_path, doc_id, entry, art, text, {**coll.aliases, **art.aliases}))
        return out
    try:
        art = GoldDocument.model_validate(raw)
    except ValidationError as e:
        raise _bad(gold_path, _pydantic_reason(e)) from None
    text = art.text if art.text is not None else _read_gold_text(gold_path, art.text_path, "text_path")
    default_id = gold_path.name[: -len(GOLD_SUFFIX)] if gold_path.name.endswith(GOLD_SUFFIX) else gold_path.stem
    doc_id = art.doc_id or (os.path.basename(art.text_path) if art.text_path else default_id)
    return [_loaded(gold_path, doc_id, "", art, text, art.aliases)]


def find_gold_files(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]]) -> list[Path]:
    """Gold files from files and directories (their ``*.gold.yaml``, recursively); a missing path raises [E030]."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob(f"*{GOLD_SUFFIX}") if f.is_file())
            if not found:
                raise _bad(p, f"no *{GOLD_SUFFIX} files in this directory")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise _bad(p, "no such file or directory")
    return out


def check_stance_labels(gold: GoldDoc, topics) -> None:
    """Raise [E030] when a gold stance names a topic or label that the pipeline's topic file lacks."""
    known = getattr(topics, "topics", None)
    if not known:
        return
    for i, s in enumerate(gold.stances):
        where = f"{gold.entry}stances[{i}]"
        if s.topic not in known:
            raise _bad(gold.gold_file, f"{where}.topic: {s.topic!r} is not a topic (known: {', '.join(known)})")
        labels = known[s.topic].labels
        bad = [lab for lab in s.labels if lab not in labels]
        if bad:
            raise _bad(gold.gold_file, f"{where}.labels: {bad[0]!r} is not a label of {s.topic} ({', '.join(labels)})")
        if "neutral" in s.labels:
            raise _bad(gold.gold_file, f"{where}.labels: neutral is ignored by the metrics; leave neutral mentions out")


# --- the report ----------------------------------------------------------------------------------------


class _ReportModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Counts(_ReportModel):
    """The raw counts behind the metrics (they add up over documents)."""

    quote_marks: int = Field(default=0, description="Gold direct quotes (quote-mark pairs), '?' ones included.")
    quote_marks_found: int = Field(default=0, description="Of those, the ones the system found (a direct quote whose content starts there).")
    speech_quotes: int = Field(default=0, description="Gold direct quotes with a real speaker.")
    speech_found: int = Field(default=0, description="Of those, found by the system.")
    speech_correct: int = Field(default=0, description="Of those, attributed to the gold speaker.")
    speech_wrong: int = Field(default=0, description="Of those, attributed to someone else.")
    nonspeech_quotes: int = Field(default=0, description="Gold direct quotes with speaker null (not speech).")
    nonspeech_misattributed: int = Field(default=0, description="Of those, given a speaker by the system.")
    qa_turns: int = Field(default=0, description="Gold Q&A answer turns.")
    qa_found: int = Field(default=0, description="Of those, found by the system (a qa_turn starting there).")
    qa_correct: int = Field(default=0, description="Of those, attributed to the gold speaker.")
    qa_wrong: int = Field(default=0, description="Of those, attributed to someone else.")
    speaker_tp: int = Field(default=0, description="Gold speakers the system names.")
    speaker_fp: int = Field(default=0, description="System speakers not in the gold (optional speakers excepted).")
    speaker_fn: int = Field(default=0, description="Gold speakers the system never names.")
    stance_tp: int = Field(default=0, description="Gold (speaker, topic) with an acceptable system label.")
    stance_fp: int = Field(default=0, description="Wrong labels plus system non-neutral stances absent from the gold.")
    stance_fn: int = Field(default=0, description="Required gold stances missed or labelled wrongly.")
    stances_wrong: int = Field(default=0, description="Gold (speaker, topic) where the system label is not acceptable.")
    stances_missing: int = Field(default=0, description="Required gold stances the system has no non-neutral label for.")
    stances_extra: int = Field(default=0, description="System non-neutral stances for a (speaker, topic) absent from the gold.")

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{k: getattr(self, k) + getattr(other, k) for k in Counts.model_fields})


def _ratio(num: int, den: int) -> Optional[float]:
    return num / den if den else None


def _prf(tp: int, fp: int, fn: int) -> tuple[Optional[float], Optional[float], Optional[float]]:
    """Precision, recall, F1 as score.py computes them (0.0 when undefined); all None when there is nothing at all."""
    if tp + fp + fn == 0:
        return None, None, None
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Metrics(_ReportModel):
    """The metrics of SPEC "Evaluation" (null when there is nothing to measure)."""

    quote_mark_recall: Optional[float] = Field(description="quote_marks_found / quote_marks.")
    direct_accuracy: Optional[float] = Field(description="Direct-quote attribution accuracy: speech_correct / speech_quotes.")
    nonspeech_misattribution_rate: Optional[float] = Field(description="nonspeech_misattributed / nonspeech_quotes.")
    qa_recall: Optional[float] = Field(description="qa_found / qa_turns.")
    qa_accuracy: Optional[float] = Field(description="qa_correct / qa_turns.")
    speaker_precision: Optional[float] = Field(description="Speaker precision over the set of names per document.")
    speaker_recall: Optional[float] = Field(description="Speaker recall over the set of names per document.")
    speaker_f1: Optional[float] = Field(description="Speaker F1.")
    stance_precision: Optional[float] = Field(description="Stance precision over (speaker, topic, label), neutral ignored.")
    stance_recall: Optional[float] = Field(description="Stance recall (required gold items).")
    stance_f1: Optional[float] = Field(description="Stance F1.")

    @classmethod
    def from_counts(cls, c: Counts) -> "Metrics":
        sp, sr, sf = _prf(c.speaker_tp, c.speaker_fp, c.speaker_fn)
        tp, tr, tf = _prf(c.stance_tp, c.stance_fp, c.stance_fn)
        return cls(quote_mark_recall=_ratio(c.quote_marks_found, c.quote_marks),
                   direct_accuracy=_ratio(c.speech_correct, c.speech_quotes),
                   nonspeech_misattribution_rate=_ratio(c.nonspeech_misattributed, c.nonspeech_quotes),
                   qa_recall=_ratio(c.qa_found, c.qa_turns), qa_accuracy=_ratio(c.qa_correct, c.qa_turns),
                   speaker_precision=sp, speaker_recall=sr, speaker_f1=sf,
                   stance_precision=tp, stance_recall=tr, stance_f1=tf)


ErrorKind = Literal["wrong_speaker", "misattributed_nonspeech", "wrong_stance", "missed_quote", "unattributed_quote",
                    "missing_stance", "missing_speaker", "extra_stance", "extra_speaker"]
# Worst first: a wrong answer misleads a reader, a missing one only leaves a gap.
_SEVERITY = {k: i for i, k in enumerate(ErrorKind.__args__)}
ERROR_TITLES = {"wrong_speaker": "wrong speaker", "misattributed_nonspeech": "non-speech attributed",
                "wrong_stance": "wrong stance", "missed_quote": "missed quote", "unattributed_quote": "no speaker",
                "missing_stance": "missing stance", "missing_speaker": "speaker never found",
                "extra_stance": "extra stance", "extra_speaker": "extra speaker"}
NOT_SPEECH, NO_SPEAKER, NOT_FOUND, NO_STANCE = "(not speech)", "(no speaker)", "(not found)", "(no stance)"


class EvalError(_ReportModel):
    """One disagreement between the gold and the system, with where it is and both sides."""

    kind: ErrorKind = Field(description="What went wrong.")
    doc_id: str = Field(description="The document.")
    gold_file: str = Field(description="The gold file.")
    entry: Optional[str] = Field(default=None, description="The gold entry, e.g. quotes[3] or stances[1] (null for extra items).")
    offset: Optional[int] = Field(default=None, description="Offset in the text (quote content start, or the stance's first evidence).")
    text: str = Field(default="", description="A snippet of the text there, or speaker/topic for stances.")
    expected: str = Field(description="What the gold says.")
    found: str = Field(description="What the system says.")


class ConfusionEntry(_ReportModel):
    """How often a gold speaker (or non-speech) came out as a system speaker."""

    gold: str = Field(description=f"Gold speaker, or {NOT_SPEECH}.")
    system: str = Field(description=f"System speaker, {NO_SPEAKER} or {NOT_FOUND} (quote not found).")
    count: int = Field(description="Number of gold quotes.")

    @property
    def agrees(self) -> bool:
        """True on the diagonal: the same person, or not speech and no speaker."""
        if self.gold == NOT_SPEECH:
            return self.system == NO_SPEAKER
        return fold_name(self.gold) == fold_name(self.system)


class DocScore(_ReportModel):
    """One document's counts and metrics."""

    doc_id: str = Field(description="The document.")
    gold_file: str = Field(description="The gold file it comes from.")
    counts: Counts = Field(description="Raw counts.")
    metrics: Metrics = Field(description="Metrics of this document alone.")
    speakers_never_found: tuple[str, ...] = Field(
        default=(), description="Speakers of gold quotes that the system never names in this document.")

    @property
    def wrong_speakers(self) -> int:
        return self.counts.speech_wrong + self.counts.qa_wrong


class GoldFileFailure(_ReportModel):
    """A gold file (or one article of it) that could not be scored."""

    path: str = Field(description="The gold file.")
    message: str = Field(description="Why, naming the entry ([E030] ...).")


class EvalReport(_ReportModel):
    """What :func:`evaluate` returns: overall metrics, per-document rows, speaker confusion, the errors."""

    metrics: Metrics = Field(description="Over all documents (micro-averaged from the summed counts).")
    counts: Counts = Field(description="Summed counts.")
    documents: tuple[DocScore, ...] = Field(default=(), description="One row per gold document.")
    confusion: tuple[ConfusionEntry, ...] = Field(default=(), description="Gold speaker -> system speaker counts, most frequent first.")
    errors: tuple[EvalError, ...] = Field(default=(), description="Every disagreement, worst kind first.")
    failures: tuple[GoldFileFailure, ...] = Field(default=(), description="Gold files that could not be read.")

    def to_table(self):
        """A rich Table: one row per document and a total row."""
        from rich.table import Table

        table = Table("doc", "quote marks", "direct acc.", "non-speech attr.", "Q&A correct", "speaker P/R/F1",
                      "stance P/R/F1", "errors", title="stancelib evaluation")
        per_doc = Counter(e.doc_id for e in self.errors)
        for d in self.documents:
            table.add_row(d.doc_id, *_metric_cells(d.counts, d.metrics), str(per_doc[d.doc_id]))
        table.add_section()
        table.add_row("ALL", *_metric_cells(self.counts, self.metrics), str(len(self.errors)), style="bold")
        return table

    def errors_table(self, limit: Optional[int] = 40, doc_column: bool = True):
        """A rich Table of the errors, worst first, expected and found side by side."""
        from rich.table import Table

        table = Table(title=f"errors (worst first{'' if limit is None or len(self.errors) <= limit else f', {limit} of {len(self.errors)}'})")
        if doc_column:
            table.add_column("doc")
        for col in ("problem", "where", "text", "expected", "found"):
            table.add_column(col)
        for e in self.errors[:limit]:
            where = " ".join(x for x in (e.entry or "", f"@{e.offset}" if e.offset is not None else "") if x)
            row = [ERROR_TITLES[e.kind], where or "-", e.text, e.expected, e.found]
            table.add_row(*([e.doc_id] if doc_column else []), *row)
        return table

    def confusion_table(self, off_diagonal_only: bool = True):
        """A rich Table of gold speaker -> system speaker counts."""
        from rich.table import Table

        table = Table("gold", "system", "count", title="speaker confusion" + (" (disagreements)" if off_diagonal_only else ""))
        for c in self.confusion:
            if not (off_diagonal_only and c.agrees):
                table.add_row(c.gold, c.system, str(c.count))
        return table

    def to_text(self, width: int = 140, max_errors: Optional[int] = 40) -> str:
        """Plain text: the metrics table, the confusion and the errors (what ``stancelib eval`` prints)."""
        from rich.console import Console

        buf = io.StringIO()
        console = Console(file=buf, width=width, force_terminal=False, color_system=None, legacy_windows=False)
        console.print(self.to_table())
        if any(not c.agrees for c in self.confusion):
            console.print(self.confusion_table())
        if self.errors:
            console.print(self.errors_table(max_errors))
        for f in self.failures:
            console.print(f"failed: {f.message}")
        return buf.getvalue()


def _fraction(num: int, den: int) -> str:
    return f"{num}/{den} {num / den:.3f}" if den else "-"


def _prf_cell(p: Optional[float], r: Optional[float], f: Optional[float]) -> str:
    return "-" if f is None else f"{p:.2f}/{r:.2f}/{f:.3f}"


def _metric_cells(c: Counts, m: Metrics) -> list[str]:
    return [_fraction(c.quote_marks_found, c.quote_marks), _fraction(c.speech_correct, c.speech_quotes),
            _fraction(c.nonspeech_misattributed, c.nonspeech_quotes), _fraction(c.qa_correct, c.qa_turns),
            _prf_cell(m.speaker_precision, m.speaker_recall, m.speaker_f1),
            _prf_cell(m.stance_precision, m.stance_recall, m.stance_f1)]


# --- scoring -------------------------------------------------------------------------------------------


def system_quotes(result: DocResult, text: str) -> dict[tuple[str, int], Quote]:
    """System direct quotes and answer turns keyed by (kind, content start); with a speaker wins a tie."""
    out: dict[tuple[str, int], Quote] = {}
    for q in result.quotes:
        if q.kind not in ("direct", "qa_turn") or (q.kind == "qa_turn" and q.is_question):
            continue
        key = (q.kind, _content_start(q, text))
        if key not in out or (out[key].speaker is None and q.speaker is not None):
            out[key] = q
    return out


def system_speakers(result: DocResult, names: NameFolder) -> dict[str, str]:
    """Folded name -> name of everyone the system attributes a statement to (interviewer turns excepted)."""
    out: dict[str, str] = {}
    for q in result.quotes:
        if q.speaker is not None and not q.is_question:
            out.setdefault(names(q.speaker.name), q.speaker.name)
    for c in result.claims:
        out.setdefault(names(c.speaker.name), c.speaker.name)
    return out


@dataclass(frozen=True)
class SystemStance:
    """The system's non-neutral label for one (speaker, topic), with where its evidence starts."""

    speaker: str
    topic: str
    label: str
    offset: Optional[int]


def system_stances(result: DocResult, names: NameFolder,
                   source: Literal["summary", "claims"] = "summary") -> dict[tuple[str, str], SystemStance]:
    """Non-neutral system stances by (folded speaker, topic).

    ``summary``: the StanceSummary list (two people folding to one name: the better supported one);
    ``claims``: the confidence-weighted majority label of the non-neutral claims, as ``score.py`` votes.
    """
    evidence = {c.id: c.evidence.start for c in result.claims}
    out: dict[tuple[str, str], SystemStance] = {}
    if source == "claims":
        votes: dict[tuple[str, str], Counter] = {}
        first: dict[tuple[str, str, str], tuple[str, int]] = {}
        for c in result.claims:
            if c.stance in ("neutral", "none"):
                continue
            key = (names(c.speaker.name), c.topic)
            votes.setdefault(key, Counter())[c.stance] += float(c.confidence or 1.0)
            first.setdefault((*key, c.stance), (c.speaker.name, c.evidence.start))
        for key, v in votes.items():
            label = v.most_common(1)[0][0]
            name, offset = first[(*key, label)]
            out[key] = SystemStance(speaker=name, topic=key[1], label=label, offset=offset)
        return out
    support: dict[tuple[str, str], tuple] = {}
    for s in result.stances:
        if s.stance in ("neutral", "none"):
            continue
        key = (names(s.speaker.name), s.topic)
        rank = (len(s.claim_ids), s.confidence)
        if key not in out or rank > support[key]:
            offset = next((evidence[i] for i in s.claim_ids if i in evidence), None)
            out[key] = SystemStance(speaker=s.speaker.name, topic=s.topic, label=s.stance, offset=offset)
            support[key] = rank
    return out


def score_document(gold: GoldDoc, result: DocResult, stance_source: Literal["summary", "claims"] = "summary") -> EvalReport:
    """Score one document's system output against its gold: a one-document :class:`EvalReport`.

    ``stance_source``: the system's stances are its StanceSummary list (default) or, as ``score.py``
    counts them, the majority label of its claims.
    """
    text, names = gold.text, gold.names
    found_quotes = system_quotes(result, text)
    c: Counter = Counter()
    errors: list[EvalError] = []
    confusion: Counter = Counter()

    def err(kind: str, expected: str, found: str, entry=None, offset=None, snippet="") -> None:
        errors.append(EvalError(kind=kind, doc_id=gold.doc_id, gold_file=gold.gold_file, entry=entry, offset=offset,
                                text=snippet, expected=expected, found=found))

    for lq in gold.quotes:
        q, pos = lq.entry, lq.offset
        sysq = found_quotes.get((q.kind, pos))
        sys_name = sysq.speaker.name if sysq is not None and sysq.speaker is not None else None
        gold_label = NOT_SPEECH if q.speaker is None else q.speaker
        sys_label = NOT_FOUND if sysq is None else (sys_name or NO_SPEAKER)
        snippet = _snippet(text, pos)
        if q.kind == "direct":
            c["quote_marks"] += 1
            c["quote_marks_found"] += sysq is not None
        else:
            c["qa_turns"] += 1
            c["qa_found"] += sysq is not None
        if sysq is None:
            err("missed_quote", gold_label, NOT_FOUND, lq.where, pos, snippet)
        if q.speaker == "?":
            continue
        right = sys_name is not None and q.speaker is not None and names(sys_name) == names(q.speaker)
        confusion[gold_label, q.speaker if right else sys_label] += 1
        if q.kind == "direct" and q.speaker is None:
            c["nonspeech_quotes"] += 1
            if sys_name is not None:
                c["nonspeech_misattributed"] += 1
                err("misattributed_nonspeech", NOT_SPEECH, sys_name, lq.where, pos, snippet)
            continue
        prefix = "speech" if q.kind == "direct" else "qa"
        if q.kind == "direct":
            c["speech_quotes"] += 1
            c["speech_found"] += sysq is not None
        if q.speaker is None:  # an answer turn marked as nobody's: right when the system agrees
            c["qa_correct"] += sysq is not None and sys_name is None
            if sys_name is not None:
                c["qa_wrong"] += 1
                err("wrong_speaker", NOT_SPEECH, sys_name, lq.where, pos, snippet)
            continue
        if right:
            c[f"{prefix}_correct"] += 1
        elif sys_name is not None:
            c[f"{prefix}_wrong"] += 1
            err("wrong_speaker", q.speaker, sys_name, lq.where, pos, snippet)
        elif sysq is not None:
            err("unattributed_quote", q.speaker, NO_SPEAKER, lq.where, pos, snippet)

    # Speakers: the set of names per document, as score.py counts them.
    sys_spk = system_speakers(result, names)
    gold_spk = {names(s): s for s in gold.speakers}
    optional = {names(s) for s in gold.optional_speakers}
    predicted = {k: v for k, v in sys_spk.items() if k not in optional}
    c["speaker_tp"] = len(gold_spk.keys() & predicted.keys())
    c["speaker_fn"] = len(gold_spk.keys() - predicted.keys())
    c["speaker_fp"] = len(predicted.keys() - gold_spk.keys())
    for k in sorted(gold_spk.keys() - predicted.keys()):
        err("missing_speaker", gold_spk[k], NOT_FOUND, "speakers", None, gold_spk[k])
    for k in sorted(predicted.keys() - gold_spk.keys()):
        err("extra_speaker", "(not a speaker)", predicted[k], None, None, predicted[k])
    quote_speakers = {names(lq.entry.speaker): lq.entry.speaker for lq in gold.quotes if lq.entry.speaker not in (None, "?")}
    never_found = tuple(sorted(v for k, v in quote_speakers.items() if k not in sys_spk))

    # Stances over (speaker, topic, label), neutral ignored, as score.py counts them.
    pred = system_stances(result, names, stance_source)
    gold_keys = set()
    for i, s in enumerate(gold.stances):
        key = (names(s.speaker), s.topic)
        gold_keys.add(key)
        where, who = f"stances[{i}]", f"{s.speaker}/{s.topic}"
        found = pred.get(key)
        if found is not None and found.label in s.labels:
            c["stance_tp"] += 1
        elif found is not None:
            c["stance_fp"] += 1
            c["stances_wrong"] += 1
            c["stance_fn"] += s.required
            err("wrong_stance", "|".join(s.labels), found.label, where, found.offset, who)
        elif s.required:
            c["stance_fn"] += 1
            c["stances_missing"] += 1
            neutral = any(names(x.speaker.name) == key[0] and x.topic == s.topic for x in result.stances)
            err("missing_stance", "|".join(s.labels), "neutral" if neutral else NO_STANCE, where, None, who)
    for key, found in pred.items():
        if key not in gold_keys:
            c["stance_fp"] += 1
            c["stances_extra"] += 1
            err("extra_stance", NO_STANCE, found.label, None, found.offset, f"{found.speaker}/{found.topic}")

    counts = Counts(**c)
    doc = DocScore(doc_id=gold.doc_id, gold_file=gold.gold_file, counts=counts, metrics=Metrics.from_counts(counts),
                   speakers_never_found=never_found)
    return EvalReport(metrics=doc.metrics, counts=counts, documents=(doc,), confusion=_confusion(confusion),
                      errors=tuple(sorted(errors, key=lambda e: _SEVERITY[e.kind])))


def _confusion(counter: Counter) -> tuple[ConfusionEntry, ...]:
    return tuple(ConfusionEntry(gold=g, system=s, count=n) for (g, s), n in
                 sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def merge_reports(reports: Iterable[EvalReport], failures: Iterable[GoldFileFailure] = ()) -> EvalReport:
    """One report over many: counts summed, metrics recomputed (micro average), errors worst first."""
    reports = list(reports)
    counts = sum((r.counts for r in reports), Counts())
    confusion: Counter = Counter()
    for r in reports:
        for e in r.confusion:
            confusion[e.gold, e.system] += e.count
    errors = sorted((e for r in reports for e in r.errors), key=lambda e: _SEVERITY[e.kind])
    return EvalReport(metrics=Metrics.from_counts(counts), counts=counts,
                      documents=tuple(d for r in reports for d in r.documents), confusion=_confusion(confusion),
                      errors=tuple(errors), failures=tuple(f for r in reports for f in r.failures) + tuple(failures))


# --- evaluate ------------------------------------------------------------------------------------------


def pipeline_topics(nlp) -> object:
    """The topic file of a pipeline's stance component (None when it has none)."""
    try:
        return nlp.get_pipe("stancelib_stance").topics
    except (KeyError, AttributeError):
        return None


def evaluate(gold_files, nlp: Optional["Language"] = None, kb: Optional[str] = "builtin", *,
             topics: Optional[str] = None, text_dir: Optional[Union[str, os.PathLike]] = None,
             on_error: Literal["raise", "collect"] = "raise",
             stance_source: Literal["summary", "claims"] = "summary") -> EvalReport:
    """Run the pipeline on every gold document and score it: an :class:`EvalReport`.

    ``gold_files``: a gold file, a directory (its ``*.gold.yaml``, recursively) or a list of them.
    ``nlp``: a loaded pipeline (default ``stancelib.load(kb=kb, topics=topics)``). ``text_dir``: where the
    texts of a multi-document gold file are (overrides its ``text_dir:``). A bad gold file raises
    ConfigError [E030] naming the file and the entry; with ``on_error="collect"`` it is listed in
    ``report.failures`` and the other files are still scored. ``stance_source="claims"`` scores stances
    as ``score.py`` does (majority label of the claims) instead of the StanceSummary list.

    >>> evaluate("fixtures/qa_lin_jiahe.gold.yaml").metrics.qa_accuracy    # doctest: +SKIP
    1.0
    """
    from . import extract, load

    if on_error not in ("raise", "collect"):
        raise ConfigError(Errors.E020.format(name="on_error", value=on_error, reason="use 'raise' or 'collect'"))
    if stance_source not in ("summary", "claims"):
        raise ConfigError(Errors.E020.format(name="stance_source", value=stance_source, reason="use 'summary' or 'claims'"))
    failures: list[GoldFileFailure] = []

    def failed(path, e: ConfigError) -> None:
        if on_error == "raise":
            raise e
        failures.append(GoldFileFailure(path=str(path), message=str(e)))

    if isinstance(gold_files, (str, os.PathLike)):
        gold_files = [gold_files]
    paths: list[Path] = []
    for g in gold_files:
        try:
            paths.extend(find_gold_files(g))
        except ConfigError as e:
            failed(g, e)
    docs: list[GoldDoc] = []
    for p in paths:
        try:
            docs.extend(load_gold(p, text_dir=text_dir))
        except ConfigError as e:
            failed(p, e)
    if nlp is None and docs:
        nlp = load(kb=kb, topics=topics)
    known_topics = pipeline_topics(nlp) if nlp is not None else None
    reports = []
    for gold in docs:
        try:
            check_stance_labels(gold, known_topics)
        except ConfigError as e:
            failed(gold.gold_file, e)
            continue
        reports.append(score_document(gold, extract(gold.text, doc_id=gold.doc_id, nlp=nlp), stance_source))
    return merge_reports(reports, failures)


# --- thresholds and the `stancelib eval` command -------------------------------------------------------

# (option, metric, at least?) for `stancelib eval`; --min-f1 checks both F1s.
THRESHOLDS = (
    ("min_f1", "speaker_f1", True), ("min_f1", "stance_f1", True),
    ("min_speaker_f1", "speaker_f1", True), ("min_stance_f1", "stance_f1", True),
    ("min_direct_accuracy", "direct_accuracy", True),
    ("max_nonspeech_misattribution", "nonspeech_misattribution_rate", False),
)


def threshold_misses(metrics: Metrics, **limits: Optional[float]) -> list[str]:
    """One message per missed threshold: ``threshold_misses(m, min_f1=0.8)``; a metric with nothing to
    measure (null) passes."""
    misses = []
    for option, metric, at_least in THRESHOLDS:
        limit = limits.get(option)
        value = getattr(metrics, metric)
        if limit is None or value is None:
            continue
        if (value < limit) if at_least else (value > limit):
            sign = "<" if at_least else ">"
            misses.append(f"{metric} {value:.3f} {sign} {limit:g} (--{option.replace('_', '-')})")
    return misses


def run_eval_command(args, nlp: "Language") -> int:
    """``stancelib eval GOLD... [--format table|json] [-o FILE] [--min-f1 X] ...``: 1 when a gold file is
    bad or a threshold is missed (each said on stderr), else 0."""
    from .cli import EXIT_FAILED, EXIT_OK, _open_output

    report = evaluate(args.gold, nlp=nlp, text_dir=getattr(args, "text_dir", None), on_error="collect")
    for f in report.failures:
        print(f"stancelib: error: {f.message}", file=sys.stderr)
    with _open_output(getattr(args, "output", None)) as out:
        if getattr(args, "format", "table") == "json":
            out.write(report.model_dump_json(indent=2) + "\n")
        else:
            out.write(report.to_text(width=_width()))
    limits = {opt: getattr(args, opt, None) for opt, _, _ in THRESHOLDS}
    misses = threshold_misses(report.metrics, **limits)
    for m in misses:
        print(f"stancelib: threshold missed: {m}", file=sys.stderr)
    if not report.documents and not report.failures:
        print("stancelib: error: no gold documents to score", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_FAILED if misses or report.failures else EXIT_OK


def _width() -> int:
    try:
        return max(120, os.get_terminal_size().columns)
    except OSError:
        return 160


# --- annotate: a gold file pre-filled from the current output ------------------------------------------

_PREFIX_CHARS = 12


def _quote_prefix(text: str, pos: int, end: Optional[int] = None) -> str:
    """The first characters of a quote's content (not past ``end`` nor the line end): what a gold `text` holds."""
    stop = pos + _PREFIX_CHARS if end is None else min(end, pos + _PREFIX_CHARS)
    return text[pos:stop].split("\n", 1)[0].rstrip(_INLINE_SPACE)


def annotate(path: Union[str, os.PathLike], out: Union[str, os.PathLike], nlp: Optional["Language"] = None) -> Path:
    """Write a gold file for ``path`` pre-filled from the pipeline's output, for a person to correct.

    Every direct quote (its speaker or null) and answer turn is located by ``text`` + ``occurrence``,
    ``speakers`` lists everyone attributed, non-neutral stances become required items; the text path is
    relative to ``out``. Evaluating the file unchanged scores perfectly.

    >>> annotate("fixtures/qa_lin_jiahe.txt", "/tmp/qa.gold.yaml")   # doctest: +SKIP
    PosixPath('/tmp/qa.gold.yaml')
    """
    from . import extract
    from .normalize import read_text

    src, dest = Path(path), Path(out)
    text = read_text(src)
    result = extract(text, doc_id=src.name, nlp=nlp)
    names = NameFolder()
    quotes, skipped, seen = [], [], set()
    for key, q in sorted(system_quotes(result, text).items(), key=lambda kv: kv[0][1]):
        kind, pos = key
        content_end = q.span.start + max(q.span.text.find(q.content), 0) + len(q.content)
        prefix = _quote_prefix(text, pos, content_end if content_end > pos else None)
        hits = _occurrences(text, prefix) if prefix else []
        if not prefix or pos not in hits or not _fits(text, pos, kind) or key in seen:
            skipped.append(f"{q.id} at {q.span.start}")
            continue
        seen.add(key)
        entry = {"text": prefix}
        if hits.index(pos) > 0:
            entry["occurrence"] = hits.index(pos) + 1
        entry.update(kind=kind, speaker=q.speaker.name if q.speaker else None)
        quotes.append(entry)
    stances = [{"speaker": s.speaker, "topic": s.topic, "labels": [s.label], "required": True}
               for s in system_stances(result, names).values()]
    body = {"doc_id": src.name, "text_path": os.path.relpath(src.resolve(), dest.resolve().parent),
            "speakers": sorted(system_speakers(result, names).values()), "quotes": quotes, "stances": stances}
    header = [f"# gold file pre-filled by `stancelib annotate` from {src.name}: check every speaker and stance",
              "# (speaker null = not speech; \"?\" = ambiguous), add what is missing, delete what is wrong."]
    if skipped:
        header.append(f"# not listed (could not be located by their first characters): {', '.join(skipped)}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(header) + "\n" + _dump_yaml(body), encoding="utf-8")
    return dest


def _dump_yaml(data: dict, indent: str = "") -> str:
    """YAML as fixtures/*.gold.yaml are written: block keys, one flow-style line per quote or stance."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{indent}{_flow(key)}:")
            lines += [f"{indent}  - {_flow(v)}" for v in value]
        elif isinstance(value, dict) and value:
            lines.append(f"{indent}{_flow(key)}:")
            for k, v in value.items():
                if isinstance(v, dict) and v:
                    lines.append(f"{indent}  {_flow(k)}:")
                    lines.append(_dump_yaml(v, indent + "    ").rstrip("\n"))
                else:
                    lines.append(f"{indent}  {_flow(k)}: {_flow(v)}")
        else:
            lines.append(f"{indent}{_flow(key)}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def _flow(value) -> str:
    # Dumped inside a one-item flow list, then unwrapped: scalars get YAML quoting only where needed.
    return yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, sort_keys=False, width=1_000_000).strip()[1:-1]


# --- the project's dev gold (offsets) -> a multi-document gold file -----------------------------------


_CLOSING = re.compile(r"[”」』’\"＂»›〞﹂﹄]|&[#\w]+;")


def convert_dev_gold(src: Union[str, os.PathLike], text_dir: Union[str, os.PathLike], out: Union[str, os.PathLike]) -> Path:
    """Convert an offset-based dev gold file (``shared/dev/gold_seeds_dev.yaml``) to a gold file that
    ``stancelib eval`` reads: one ``docs:`` entry per article, ``text_dir`` relative to ``out``, each quote
    keeping its ``start`` plus a ``text`` check, ``qa_turns`` turned into ``kind: qa_turn`` quotes.
    Offsets that do not point at an opening mark raise [E030].

    >>> convert_dev_gold("../shared/dev/gold_seeds_dev.yaml", "../shared/seeds", "dev.gold.yaml")  # doctest: +SKIP
    """
    from .normalize import read_text

    src, dest, tdir = Path(src), Path(out), Path(text_dir)
    try:
        raw = safe_load(src.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise _bad(src, f"cannot read it: {e}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("docs"), dict):
        raise _bad(src, "expected a mapping with a `docs:` mapping (doc id -> speakers, quotes, stances)")
    docs = {}
    for doc_id, g in raw["docs"].items():
        try:
            text = read_text(tdir / doc_id)
        except InputError as e:
            raise _bad(src, f"docs[{doc_id}]: {e}") from None
        quotes = []
        items = [(q, "direct") for q in g.get("quotes") or []] + [(t, "qa_turn") for t in g.get("qa_turns") or []]
        for i, (q, kind) in enumerate(items):
            entry = GoldQuote(start=q.get("start"), kind=kind, speaker=q.get("speaker"))
            try:
                pos = _locate(text, entry)
            except ValueError as e:
                raise _bad(src, f"docs[{doc_id}].quotes[{i}].{e}") from None
            quotes.append({"start": entry.start, "text": _CLOSING.split(_quote_prefix(text, pos)[:10])[0] or None, "kind": kind,
                           "speaker": entry.speaker})
        quotes.sort(key=lambda q: q["start"])
        for q in quotes:
            if q["text"] is None:
                del q["text"]
        doc = {"speakers": list(g.get("speakers") or [])}
        if g.get("optional_speakers"):
            doc["optional_speakers"] = list(g["optional_speakers"])
        doc["quotes"] = quotes
        doc["stances"] = [dict(s) for s in g.get("stances") or []]
        docs[doc_id] = doc
    body = {"text_dir": os.path.relpath(tdir.resolve(), dest.resolve().parent),
            "aliases": {k: list(v) for k, v in (raw.get("aliases") or {}).items()}, "docs": docs}
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(f"# converted from {src.name} by stancelib.evaluate.convert_dev_gold: quotes by `start` "
                    "(the opening mark), `text` is a check\n" + _dump_yaml(body), encoding="utf-8")
    load_gold(dest)  # the converted file must load: fail here rather than in `stancelib eval`
    return dest


def _main(argv: Optional[list[str]] = None) -> int:
    """``python -m stancelib.evaluate schema`` | ``convert-dev SRC TEXT_DIR OUT``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["schema"]:
        print(json.dumps(gold_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if argv[:1] == ["convert-dev"] and len(argv) == 4:
        try:
            print(convert_dev_gold(*argv[1:]), file=sys.stderr)
        except ConfigError as e:
            print(f"stancelib: error: {e}", file=sys.stderr)
            return 1
        return 0
    print("usage: python -m stancelib.evaluate schema | convert-dev SRC TEXT_DIR OUT", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main())
