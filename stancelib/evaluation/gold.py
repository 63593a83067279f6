"""Gold files: their schema, loading them, locating each gold quote in the text, folding names, writing them.

A gold file (``NAME.gold.yaml``, format in ``docs/gold_format.md``, JSON Schema in
``docs/gold.schema.json``) holds one article, or several under ``docs:``: every quote-mark pair and
Q&A answer turn, located by its first characters (or its offset), with its speaker (null when it is
not speech), the people who speak, and the stances they take.

>>> [d.doc_id for d in load_gold("fixtures/qa_lin_jiahe.gold.yaml")]   # doctest: +SKIP
['qa_lin_jiahe.txt']
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from ..yamlio import safe_load
from ..errors import ConfigError, Errors, InputError
from ..quotes import TIME_CODE

GOLD_SUFFIX = ".gold.yaml"

# --- the gold format (pydantic; exported to docs/gold.schema.json) -------------------------------------


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


# --- names: canonical folding --------------------------------------------------------------------------

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


# --- locating gold quotes in the text ------------------------------------------------------------------

_OPENING_MARKS = "“‘「『\"＂'＇«‹〝﹁﹃"
INLINE_SPACE = " \t\u3000\xa0"
# `&ldquo;` and friends left over from HTML, as an opening mark.
_ENTITY_MARK = r"&(?:ldquo|lsquo|bdquo|laquo|quot|apos|#0*(?:8220|8216|8222|171|34|39)|#[xX]0*(?:201[cCeE8]|22|27|[aA][bB]));"
_ENTITY_MARK_AT = re.compile(_ENTITY_MARK)
_ENTITY_MARK_BEFORE = re.compile(_ENTITY_MARK + r"\Z")
# The part of a line before a Q&A answer: `林嘉禾：`, `答:`, `  Sam Altman：`.
_QA_LABEL_PREFIX = re.compile(r"[ \t\u3000]*" + TIME_CODE + r"[^\s：:][^\n：:]{0,39}[：:][ \t\u3000]*")
# A digit after an ASCII colon is a time (10:30); after a full-width one it opens an answer (某某：40 天…).
# The answer may stand in the next paragraph when the label is alone on its line.
# A time code may open the label's line ([00:12:30] 某某：).
_QA_LABEL_AT = re.compile(r"[ \t\u3000]*" + TIME_CODE + r"[^\s：:][^\n：:]{0,39}(?:：|:(?!\d))\s*")
# A podcast transcript's bracketed label opening the line, no colon (``【林嘉禾】``, ``[林嘉禾] ``): the answer follows it.
_QA_BRACKET_LABEL = r"[ \t\u3000]*" + TIME_CODE + r"[【\[][ \t\u3000]*[^\s\d【】\[\]：:][^\n【】\[\]：:]{0,15}[】\]][ \t\u3000]*"
_QA_BRACKET_LABEL_PREFIX = re.compile(_QA_BRACKET_LABEL)
_QA_BRACKET_LABEL_AT = re.compile(_QA_BRACKET_LABEL + r"(?=\S)")


def skip_space(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not an inline space."""
    while pos < len(text) and text[pos] in INLINE_SPACE:
        pos += 1
    return pos


def _opening_mark_before(text: str, pos: int) -> bool:
    """True when an opening mark (maybe `&ldquo;`, maybe then spaces) ends right before ``pos``."""
    j = pos
    while j > 0 and text[j - 1] in INLINE_SPACE:
        j -= 1
    if j > 0 and text[j - 1] in _OPENING_MARKS:
        return True
    return bool(_ENTITY_MARK_BEFORE.search(text, max(0, j - 12), j))


def opening_mark_length(text: str, pos: int) -> int:
    """The length of the opening mark at ``pos`` (`“` 1, `&ldquo;` 7), 0 when there is none."""
    if pos < len(text) and text[pos] in _OPENING_MARKS:
        return 1
    m = _ENTITY_MARK_AT.match(text, pos)
    return len(m.group()) if m else 0


def _qa_label_before(text: str, pos: int) -> bool:
    """True when ``pos`` starts an answer: only `Label：` precedes it on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(_QA_LABEL_PREFIX.fullmatch(text, line_start, pos) or _QA_BRACKET_LABEL_PREFIX.fullmatch(text, line_start, pos))


def at_content_start(text: str, pos: int, kind: str) -> bool:
    """True when ``pos`` can start a quote's content: right after an opening mark (direct) or a `Label：` (qa_turn)."""
    return _opening_mark_before(text, pos) if kind == "direct" else _qa_label_before(text, pos)


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text``, overlapping ones included."""
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def snippet_at(text: str, pos: int, n: int = 24) -> str:
    """Up to ``n`` characters of the text from ``pos``, not past the line end (error messages show it)."""
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


def gold_error(path, reason: str) -> ConfigError:
    return ConfigError(Errors.E030.format(path=path, reason=reason))


def locate_quote(text: str, q: GoldQuote) -> int:
    """The content start of a gold quote, or ValueError("field: reason")."""
    if q.start is not None:
        if q.start >= len(text):
            raise ValueError(f"start: {q.start} is past the end of the text ({len(text)} characters)")
        if q.kind == "direct":
            mark = opening_mark_length(text, q.start)
            if not mark:
                raise ValueError(f"start: {q.start} is not an opening quote mark (the text there is {snippet_at(text, q.start, 8)!r})")
            pos = skip_space(text, q.start + mark)
        elif _qa_label_before(text, q.start):
            pos = q.start
        else:
            m = _QA_LABEL_AT.match(text, q.start) or _QA_BRACKET_LABEL_AT.match(text, q.start)
            if q.start and text[q.start - 1] != "\n":
                raise ValueError(f"start: {q.start} does not start a Q&A answer (`Label：` then the answer at a line start)")
            # (an interview whose answers carry no label: the answer paragraph itself)
            pos = m.end() if m else skip_space(text, q.start)
        # (the text may be written from the label on: ``【某某】大家好``)
        if q.text is not None and not text.startswith(q.text, pos) and not (pos != q.start and text.startswith(q.text, q.start)):
            raise ValueError(f"text: {q.text!r} does not match the quote at start {q.start} ({snippet_at(text, pos, len(q.text) + 4)!r})")
        return pos
    n = q.occurrence or 1
    hits = occurrences(text, q.text)
    if not hits:
        raise ValueError(f"text: {q.text!r} not found in the text")
    if n > len(hits):
        raise ValueError(f"occurrence: {q.text!r} occurs {len(hits)} time(s) in the text, not {n}")
    pos = hits[n - 1]
    if not at_content_start(text, pos, q.kind):
        fitting = [i + 1 for i, h in enumerate(hits) if at_content_start(text, h, q.kind)]
        where = "right after an opening quote mark" if q.kind == "direct" else "right after a `Label：` at a line start"
        hint = f"; set occurrence to {' or '.join(map(str, fitting))}" if fitting else ""
        raise ValueError(f"text: occurrence {n} of {q.text!r} (offset {pos}) is not {where}{hint}")
    return skip_space(text, pos)


def _read_gold_text(gold_path: Path, rel: str, where: str) -> str:
    from ..normalize import read_text

    p = Path(rel)
    p = p if p.is_absolute() else gold_path.parent / p
    try:
        return read_text(p)
    except InputError as e:
        raise gold_error(gold_path, f"{where}: {e}") from None


def _loaded(gold_path: Path, doc_id: str, entry: str, art: _GoldArticle, text: str, aliases: Aliases) -> GoldDoc:
    located: list[LocatedQuote] = []
    seen: dict[tuple[str, int], int] = {}
    for i, q in enumerate(art.quotes):
        try:
            pos = locate_quote(text, q)
        except ValueError as e:
            raise gold_error(gold_path, f"{entry}quotes[{i}].{e}") from None
        if (q.kind, pos) in seen:
            raise gold_error(gold_path, f"{entry}quotes[{i}]: the same quote as quotes[{seen[q.kind, pos]}] (offset {pos})")
        seen[q.kind, pos] = i
        located.append(LocatedQuote(index=i, entry=q, offset=pos))
    names = NameFolder(aliases)
    keys: dict[tuple[str, str], int] = {}
    for i, s in enumerate(art.stances):
        key = (names(s.speaker), s.topic)
        if key in keys:
            raise gold_error(gold_path, f"{entry}stances[{i}]: ({s.speaker}, {s.topic}) is already stances[{keys[key]}]")
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
        raise gold_error(gold_path, e.strerror or str(e)) from None
    except UnicodeDecodeError:
        raise gold_error(gold_path, "not UTF-8 text") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise gold_error(gold_path, f"{where}not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(raw, dict):
        raise gold_error(gold_path, "expected a mapping with `quotes` (one article) or `docs` (several)")
    if "docs" in raw:
        try:
            coll = GoldCollection.model_validate(raw)
        except ValidationError as e:
            raise gold_error(gold_path, _pydantic_reason(e)) from None
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
                raise gold_error(gold_path, f"{entry[:-1]}: no text: give `text_dir` in the file, --text-dir / text_dir=, or the doc's text_path")
            out.append(_loaded(gold_path, doc_id, entry, art, text, {**coll.aliases, **art.aliases}))
        return out
    try:
        art = GoldDocument.model_validate(raw)
    except ValidationError as e:
        raise gold_error(gold_path, _pydantic_reason(e)) from None
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
                raise gold_error(p, f"no *{GOLD_SUFFIX} files in this directory")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise gold_error(p, "no such file or directory")
    return out


def check_stance_labels(gold: GoldDoc, topics) -> None:
    """Raise [E030] when a gold stance names a topic or label that the pipeline's topic file lacks."""
    known = getattr(topics, "topics", None)
    if not known:
        return
    for i, s in enumerate(gold.stances):
        where = f"{gold.entry}stances[{i}]"
        if s.topic not in known:
            raise gold_error(gold.gold_file, f"{where}.topic: {s.topic!r} is not a topic (known: {', '.join(known)})")
        labels = known[s.topic].labels
        bad = [lab for lab in s.labels if lab not in labels]
        if bad:
            raise gold_error(gold.gold_file, f"{where}.labels: {bad[0]!r} is not a label of {s.topic} ({', '.join(labels)})")
        if "neutral" in s.labels:
            raise gold_error(gold.gold_file, f"{where}.labels: neutral is ignored by the metrics; leave neutral mentions out")



PREFIX_CHARS = 12


def quote_prefix(text: str, pos: int, end: Optional[int] = None) -> str:
    """The first characters of a quote's content (not past ``end`` nor the line end): what a gold `text` holds."""
    stop = pos + PREFIX_CHARS if end is None else min(end, pos + PREFIX_CHARS)
    return text[pos:stop].split("\n", 1)[0].rstrip(INLINE_SPACE)




# --- writing a gold file -------------------------------------------------------------------------------


class FlowMap(dict):
    """A mapping written on one line (``- {text: 过去两年, kind: direct, speaker: 刘聪}``): a quote or stance entry."""


class _GoldDumper(yaml.SafeDumper):
    """YAML as fixtures/*.gold.yaml are written: block keys, a FlowMap per line, short lists inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # `  - {...}` under its key, as people indent it

    def ignore_aliases(self, data) -> bool:
        return True  # a list used twice is written twice, never as `&id001` / `*id001`


def _represent_flow_map(dumper: yaml.SafeDumper, data: FlowMap):
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _represent_list(dumper: yaml.SafeDumper, data: list):
    inline = all(not isinstance(v, (dict, list)) for v in data)  # `speakers: [刘聪, 王一]`; entries one per line
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=inline)


_GoldDumper.add_representer(FlowMap, _represent_flow_map)
_GoldDumper.add_representer(list, _represent_list)


def dump_gold_yaml(data: dict) -> str:
    """A gold file's YAML (``yaml.safe_dump`` with the layout above); ``yaml.safe_load`` reads it back equal.

    >>> print(dump_gold_yaml({"speakers": ["刘聪"], "quotes": [FlowMap(text="大家好", speaker="刘聪")]}), end="")
    speakers: [刘聪]
    quotes:
      - {text: 大家好, speaker: 刘聪}
    """
    return yaml.dump(data, Dumper=_GoldDumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1_000_000)
