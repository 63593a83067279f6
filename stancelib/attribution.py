"""Who said each quote, or no one. Every attribution rule lives here, in the order it is tried.

The ``stancelib_attribution`` component reads ``doc._.stancelib_quotes`` (candidates from quotes.py) and
``doc._.speaker_mentions`` (speakers.py) and fills each record's ``speaker``, ``method``, ``confidence``
and ``cue``. Reported speech and headlines that no person says are dropped; a quote-mark pair is always
kept, with ``speaker: null`` when it is not speech or nobody can be named safely.

A wrong speaker is worse than none: rules that guess (continuation, pronoun, section) carry lower
confidence, and a quote that no rule claims stays null.

Rule families, tried in this order for a direct quote:
1. not speech: interviewer questions, terms and titles (``所谓“…”``, ``“…”之争``), rebutted sayings
   (``X不认同“…”``), nested quotes, and short scare quotes inside a phrase (``一种“智商税”``);
2. speaker before the quote (``X表示：“…”``, ``A“怒怼”B：“…”`` -> A, ``他说：“…”``);
3. speaker after the quote (``“…”，X说。`` / ``“…”X强调``);
4. continuation: a floating quote after the current speaker's statement in the same paragraph;
5. section: a quote under a headline that names the speaker (``某公司CEO某某：标题``).
Q&A turns take the label's person; reported speech takes the subject before its cue.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from functools import cached_property, lru_cache
from itertools import accumulate, repeat
from operator import itemgetter, mul
from typing import Callable, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc

from .display import set_quote_spans
from .errors import ConfigError, Errors
from .normalize import _norm, line_starts_holding
from .quotes import _BULLETS, CuePatterns, alternation, cue_patterns, frame_head, load_cues
from .quotes import SpeechCues
from .sentences import sentence_index
from .serialize import SAVED, SavedData, check_unit_interval
from .speakers import canonical_name, lexicon

# What ``clause_start`` looks at: the last clause end or quote mark (one that may hide a clause end)
# before a position; ``.*`` runs to the end at once and backs off to the mark.
_LAST_CLAUSE_MARK = re.compile(r".*([。！？!?；;\n”」』“「『])", re.S)
_CLAUSE_END = re.compile(r"[。！？!?；;\n]")
# A sentence end right before a closing mark (“…。” / 「…？」).
_QUOTED_SENTENCE_END = re.compile(r"[。！？!?]")
# Inside a quote, a clause of its own: the quote is words said, not a phrase.
_CLAUSE_INSIDE = re.compile(r"[。！？!?；;，,]")
# A letter or a Chinese character right after the closing mark: the sentence runs on.
_WORD_CHAR = re.compile(r"[\w\u4e00-\u9fff]")
_COLON_AT_END = re.compile(r"[：:]\s*$")
# A comma and spaces between a closing mark and what follows it.
_COMMA_GAP = re.compile(r"[，,]?[ \t]*")
# After a quote and its speaker: ``“…”王某是这么说的`` / ``“…”王某的这句话``.
_PARAGRAPH_END = "\n"
_POSITION = itemgetter(0)  # of a noted speaker ``(position, mention, kind)``
_START = itemgetter("start")  # of a mention


class _Context:
    """What the rules look at: the clean text, mentions in order, and who spoke last where."""

    def __init__(self, doc: Doc, pats: CuePatterns, lex=None, speech_term=None):
        norm = _norm(doc)
        self.text = norm["text"]
        self.clean = norm["clean"]
        self.omap = doc._.offset_map
        self.pats = pats
        self.set_mentions(_not_likenesses(_not_stale_references(doc._.speaker_mentions or [], self.clean, pats, lex or lexicon()),
                                          self.clean, lex or lexicon()))
        self.pronoun_re = pats.pronoun
        self.no_subject_cue = _no_subject_cue(pats)
        self.verb_re = pats.verb
        self.last_speaker_at: list[tuple[int, dict, str]] = []  # (position, mention, kind), in text order
        self.sections: list[tuple[int, int, dict]] = []
        self.reported_clauses: list[tuple[int, int, dict, Optional[str]]] = []
        self._reported_index: list[tuple[int, int]] = []  # (start, position in reported_clauses), sorted
        self._reported_span = 0  # the longest reported clause: how far back a clause holding a point can start
        self._turn_index: Optional[tuple[int, list[tuple[int, int]], int]] = None
        self.qa_turns: list[dict] = []
        self.cast_people: dict[str, dict] = {}  # role label -> the one person its cast line names (主持人：赵某)
        self.label_people: Optional[dict[str, dict]] = {}  # label -> person a transcript label was read as
        self.first_person_sections: list[tuple[int, int, dict]] = []
        self.lex = lex or lexicon()
        self.title_re = self.lex.title_re
        self.speech_term: Optional["SpeechTermModel"] = speech_term
        self.title_tail = self.lex.title_tail
        self.sentences = doc._.sentence_spans or [[0, len(self.clean)]]
        self.clause_starts: dict[int, int] = {}
        self.genders: dict[tuple, str] = {}  # (name, org) -> 他 / 她, from the pronouns that referred to them
        self.honorific_genders: dict[str, Optional[str]] = {}
        self.pronoun_refs: list[tuple[int, str, str]] = []  # (position, 他/她, name) of resolved pronouns
        self.in_quote: Callable[[int, int], bool] = lambda s, e: False  # whether a span lies in a quote
        self.records_by_id: dict = {}  # the quote records by id (a nested quote's parent)
        self._letters: Optional[list[tuple[int, int, dict, Optional[dict]]]] = None

    @property
    def letters(self) -> list[tuple[int, int, dict, Optional[dict]]]:
        """The letters of the text (:func:`_find_letters`), read once."""
        if self._letters is None:
            self._letters = _find_letters(self)
        return self._letters

    def note_gender(self, mention: dict, pronoun: str) -> None:
        """A pronoun that referred to a person tells their gender; two different ones tell nothing. (A
        person is a name with its organisation: two people may share a name.)"""
        if pronoun in _GENDERED:
            key = (mention["name"], mention.get("org"))
            self.genders[key] = pronoun if self.genders.get(key, pronoun) == pronoun else "?"

    def note_pronoun(self, pos: int, pronoun: str, name: str) -> None:
        insort(self.pronoun_refs, (pos, pronoun, name))

    def pronoun_ref_before(self, start: int, pos: int, pronoun: Optional[str]) -> Optional[tuple[int, str, str]]:
        """The last ``(position, pronoun, name)`` of the same pronoun resolved in ``[start, pos)``."""
        refs = self.pronoun_refs[bisect_left(self.pronoun_refs, (start,)):bisect_left(self.pronoun_refs, (pos,))]
        return next((ref for ref in reversed(refs) if ref[1] == pronoun), None)

    def gender_fits(self, mention: dict, pronoun: Optional[str], unknown: bool = True) -> bool:
        """Whether 他/她 may refer to ``mention``: no gender known (``unknown``), or the same one."""
        if pronoun not in _GENDERED:
            return unknown
        known = self.genders.get((mention["name"], mention.get("org")))
        if known is None or known == "?":
            known = self._honorific_gender(mention["name"])
        return unknown if known is None else known == pronoun

    def _honorific_gender(self, name: str) -> Optional[str]:
        """他 or 她 from an honorific right after the name (``某某先生`` / ``某某女士``), read once per name."""
        if name not in self.honorific_genders:
            self.honorific_genders[name] = next((_HONORIFIC_GENDER[w] for w in (
                self.clean[m["end"]:m["end"] + 2] for m in self.mentions if m["name"] == name) if w in _HONORIFIC_GENDER), None)
        return self.honorific_genders[name]

    def add_label_mentions(self) -> None:
        """Once the transcript labels are read, a name that only a label gave (``扎克伯格：``, with no
        knowledge base) is a mention wherever that label's text appears in the document."""
        # (not at the labels themselves: a turn's label is no antecedent for the pronouns inside it)
        people, self.label_people = self.label_people, None
        if not people:
            return
        overlaps = _overlap_test([(m["start"], m["end"]) for m in self.mentions]
                                 + [(t["label_start"], t["label_end"]) for t in self.qa_turns])
        added = []
        for label, person in people.items():
            pos = self.clean.find(label)
            while pos >= 0:
                end = pos + len(label)
                if not overlaps(pos, end) and not _inside_latin(self.clean, pos, end):
                    added.append({**person, "start": pos, "end": end, "source": "label", "score": 0.7})
                pos = self.clean.find(label, end)
        if added:
            self.set_mentions([*self.mentions, *added])

    def set_mentions(self, mentions: list[dict]) -> None:
        """Keep ``mentions`` in text order; what was looked up from the former ones is read again."""
        self.mentions = sorted(mentions, key=_START)
        self.mention_starts = [m["start"] for m in self.mentions]
        ends = [m["end"] for m in self.mentions]
        # Mentions that do not nest end in text order too; then those ending in time are a run of them.
        self.mention_ends = ends if all(a <= b for a, b in zip(ends, ends[1:])) else None
        self.__dict__.pop("names_by_part", None)  # computed again from the new mentions when asked
        self.people_of_labels: dict[str, Optional[dict]] = {}
        self.unaddressed_in: dict[tuple[int, int], list[dict]] = {}

    def person_of_label(self, label: str) -> Optional[dict]:
        """The person a bare label stands for elsewhere in the text (``Ben`` -> Ben Carver), looked up
        once per label: a transcript repeats its labels on every turn."""
        if label not in self.people_of_labels:
            self.people_of_labels[label] = (_person_by_short_label(label, self) or _person_by_surname_label(label, self)
                                            or _person_by_familiar_label(label, self)
                                            or _show_host(label, self) or _introduced_caller(label, self))
        return self.people_of_labels[label]

    @cached_property
    def names_by_part(self) -> dict[str, list[dict]]:
        """Part of a name -> the first mention of each person whose name has that part, in order of
        appearance: ``Ben`` -> Ben Carver, ``大海`` -> 李大海; a whole name is its own part, first."""
        first: dict[str, dict] = {}
        for m in self.mentions:
            first.setdefault(m["name"], m)
        parts: dict[str, list[dict]] = {name: [m] for name, m in first.items()}
        for name, m in first.items():
            words = _NAME_WORD_BREAK.split(name)
            forms = {words[0], words[-1]} if len(words) > 1 else set()
            if _CJK_FULL_NAME.fullmatch(name):
                forms |= {name[1:], name[2:]}
            for form in forms - {name}:
                parts.setdefault(form, []).append(m)
        return parts

    @cached_property
    def top_direct(self) -> tuple[list[dict], list[int]]:
        """The direct quotes not nested in another, in text order, and their starts (read once, by bisection)."""
        direct = sorted((r for r in self.records_by_id.values() if r["kind"] == "direct" and not r.get("parent_id")), key=_START)
        return direct, [r["start"] for r in direct]

    @cached_property
    def label_legend(self) -> dict[str, dict]:
        """Short transcript label -> the person a prose legend gives it (``王某某简称“王”``, ``某某（以下简称“某”）``,
        ``贺某以公司名“某某科技”标注``): the person named right before the legend's words."""
        out: dict[str, dict] = {}
        if not self.qa_turns:
            return out
        labels = {t["label"] for t in self.qa_turns}
        first = min(t["label_start"] for t in self.qa_turns)
        for m in self._legend_matches(first):
            label = m.group("label") or m.group("tagged")
            if label not in labels or label in out:
                continue
            who = next((p for p in reversed(self.mentions_between(max(0, m.start() - 20), m.start()))
                        if not self.clean[p["end"]:m.start()].strip()), None)
            if who is None:
                seg = max(self.clean.rfind(c, 0, m.start()) for c in "，,、；;：:。\n（(") + 1
                name = self.clean[seg:m.start()].strip()
                if not _looks_like_name(name, self.lex):
                    continue
                at = seg + self.clean[seg:m.start()].index(name)
                who = _label_mention(name, at, at + len(name), "legend")
            out[label] = who
        for label in labels - out.keys():
            who = self._label_first_legend(label, first) or self._nickname_legend(label, first) or self._equals_legend(label, first)
            if who is not None:
                out[label] = who
        return out

    def noted_label(self, label: str) -> Optional[dict]:
        """The person a note outside the turns gives a label, anywhere in the text: ``（记者注：“某”为某公司CTO某某）``."""
        pos = self.clean.find(label)
        labels = {self.clean.rfind("\n", 0, t["label_start"]) + 1 for t in self.qa_turns if "label_start" in t}
        while pos >= 0:
            if self.clean.rfind("\n", 0, pos) + 1 not in labels:  # (not on a turn's own line)
                for m in _label_pattern(_LABEL_FIRST_LEGEND, label).finditer(self.clean, max(0, pos - 1), pos + len(label) + 8):
                    stop = m.end() + len(_NOTE_SEGMENT.match(self.clean, m.end()).group(0).rstrip())
                    found = _legend_person(self, m.end(), stop)
                    if found is not None and found[1][1] == stop:
                        return found[0]
            pos = self.clean.find(label, pos + 1)
        return None

    def _equals_legend(self, label: str, end: int) -> Optional[dict]:
        """``A = 某某，某公司CTO`` / ``嘉宾甲＝某某`` on its own line before the first turn: the person opening what follows
        the equals sign (a mention there, else a name); a line naming nobody (``B = 匿名投资人``) gives nobody."""
        if "=" not in self.clean[:end] and "＝" not in self.clean[:end]:
            return None
        m = _label_pattern(_EQUALS_LEGEND, label).search(self.clean, 0, end)
        if m is None:
            return None
        for p in self.mentions_between(m.end(), m.end() + 12):
            if p["start"] == m.end() and not _institution_only(p):
                return p
        name = _LEADING_NAME.match(self.clean, m.end())
        if name and _looks_like_name(name.group(0), self.lex):
            return _label_mention(name.group(0), name.start(), name.end(), "legend")
        return None

    def _nickname_legend(self, label: str, end: int) -> Optional[dict]:
        """``某某，江湖人称“某”`` / ``某某（外号“某”）`` before the first turn: the label is the nickname of the person
        the clause opens with (a mention ending at the break before the marker, else a name making up that segment)."""
        markers = self.lex.data.alias_markers
        if not markers or self.clean.find(label, 0, end) < 0:
            return None
        for m in _nickname_pattern(tuple(markers), label).finditer(self.clean, 0, end):
            seg_end = max(self.clean.rfind(c, 0, m.start()) for c in "，,、（(")
            if seg_end < 0 or m.start() - seg_end > 5:
                continue  # (某某的团队里人称“某”: the nickname of whoever the words before it name, not clear)
            seg_start = max(self.clean.rfind(c, 0, seg_end) for c in "，,、。；;：:！？\n（()）") + 1
            who = next((p for p in reversed(self.mentions_between(seg_start, seg_end))
                        if not self.clean[p["end"]:seg_end].strip()), None)
            if who is not None:
                return who
            seg = self.clean[seg_start:seg_end].rstrip()
            # the whole segment (某某，人称…), else the name it ends with (本期嘉宾某某（外号…）)
            for name in (seg.lstrip(), *(seg[-n:] for n in (3, 2, 4) if len(seg) > n)):
                if _looks_like_name(name, self.lex):
                    at = seg_start + len(seg) - len(name)
                    return _label_mention(name, at, at + len(name), "legend")
        return None

    def _label_first_legend(self, label: str, end: int) -> Optional[dict]:
        """``下文“甲”“乙”代表两家媒体，“某”即某某`` / ``“某”指嘉宾某某``: the quoted label first, then 为/指/即 and the
        person, in the text before ``end`` (the first turn); a mention there, else a name the segment ends with."""
        pos = self.clean.find(label, 0, end)
        if pos < 0:
            return None
        for m in _label_pattern(_LABEL_FIRST_LEGEND, label).finditer(self.clean, max(0, pos - 1), end):
            stop = m.end() + len(_LEGEND_SEGMENT.match(self.clean, m.end(), end).group(0).rstrip())
            # the segment ends with the person (为嘉宾某某), not a phrase about one (是某某的小名)
            found = _legend_person(self, m.end(), stop)
            if found is not None and found[1][1] == stop:
                return found[0]
        return None

    def _legend_matches(self, end: int) -> list[re.Match]:
        """``pats.label_legend``'s matches before ``end``, tried only on the lines that may hold one: a legend
        quotes its label and holds a marker (``简称``) or the 以 of ``以…标注``, and never runs over a line end."""
        words = ("以", *self.pats.cues.label_legend_markers)
        out = []
        for start in line_starts_holding(self.clean[:end], "“\"「『"):
            stop = self.clean.find("\n", start, end)
            stop = end if stop < 0 else stop
            line = self.clean[start:stop]
            if any(w in line for w in words):
                out.extend(self.pats.label_legend.finditer(self.clean, start, stop))
        return out

    def surface(self, start: int, end: int) -> str:
        s, e = self.omap.span(start, end)
        return self.text[s:e]

    def mentions_between(self, start: int, end: int) -> list[dict]:
        lo = bisect_left(self.mention_starts, start)
        hi = bisect_left(self.mention_starts, end, lo)
        if lo == hi:
            return []
        if self.mention_ends is not None:
            return self.mentions[lo:bisect_right(self.mention_ends, end, lo, hi)]
        return [m for m in self.mentions[lo:hi] if m["end"] <= end]

    def unaddressed(self, start: int, end: int) -> list[dict]:
        """The mentions in ``[start, end)`` that nobody speaks to (not ``对沈言说``), who may be the subject
        of a cue there; read once per stretch, as both the no-subject test and the subject search ask."""
        found = self.unaddressed_in.get((start, end))
        if found is None:
            found = self.unaddressed_in[start, end] = [m for m in self.mentions_between(start, end) if not _addressed(self, m)]
        return found

    def paragraph_start(self, pos: int) -> int:
        return self.clean.rfind(_PARAGRAPH_END, 0, pos) + 1

    def previous_paragraph_start(self, para: int) -> int:
        """Start of the last non-blank paragraph before the paragraph starting at ``para``."""
        start = self.paragraph_start(max(0, para - 1))
        while start > 0 and not self.clean[start:para].strip():
            start = self.paragraph_start(start - 1)
        return start

    def paragraph_end(self, pos: int) -> int:
        end = self.clean.find(_PARAGRAPH_END, pos)
        return len(self.clean) if end < 0 else end

    def clause_start(self, pos: int) -> int:
        """Start of the clause that ends at ``pos``: after the last sentence end, outside quotes.

        The search stops at the paragraph start (a stray closing mark must not send it further). It is
        made once per position: most rules ask it of the quote's opening mark."""
        start = self.clause_starts.get(pos)
        if start is None:
            start = self.clause_starts[pos] = self._clause_start(pos)
        return start

    def _clause_start(self, pos: int) -> int:
        floor = max(self.paragraph_start(pos), pos - 600)
        turn = self.turn_at(pos) if self.qa_turns else None
        if turn is not None and turn["cstart"] <= pos:
            floor = max(floor, turn["cstart"])  # 某某：有人跟我说“…”: the turn's label is no subject of its words
        # Only quote marks and clause ends matter: jump back from one to the one before it.
        depth = 0
        end = pos
        while True:
            mark = _LAST_CLAUSE_MARK.match(self.clean, floor, end)
            if mark is None:
                return floor
            ch = mark.group(1)
            if ch in "”」』":
                if depth == 0 and _QUOTED_SENTENCE_END.match(self.clean, mark.start(1) - 1):
                    # “…没有人用。”他还直言，: a quote that ends its sentence ends the clause before it too
                    return mark.end()
                depth += 1
            elif ch in "“「『":
                if depth:
                    depth -= 1
            elif depth == 0:
                return mark.end()
            end = mark.start(1)

    def recent_speaker(self, pos: int, same_paragraph: bool = True) -> Optional[tuple[dict, str]]:
        """The most recent person who spoke (or was named) before ``pos``, for pronouns and continuation."""
        last = self.speaker_before(pos)
        if last is None:
            return None
        at, mention, kind = last
        if same_paragraph and at < self.paragraph_start(pos):
            return None
        return mention, kind

    def speaker_before(self, pos: int) -> Optional[tuple[int, dict, str]]:
        """The last ``(position, mention, kind)`` noted before ``pos``, if any."""
        i = bisect_left(self.last_speaker_at, pos, key=_POSITION)
        return self.last_speaker_at[i - 1] if i else None

    def speakers_between(self, start: int, end: int) -> list[tuple[int, dict, str]]:
        """The ``(position, mention, kind)`` of every speaker noted in ``[start, end)``, in text order."""
        lo = bisect_left(self.last_speaker_at, start, key=_POSITION)
        return self.last_speaker_at[lo:bisect_left(self.last_speaker_at, end, lo, key=_POSITION)]

    def note_speaker(self, pos: int, mention: dict, kind: str) -> None:
        if not self.last_speaker_at or self.last_speaker_at[-1][0] <= pos:
            self.last_speaker_at.append((pos, mention, kind))  # records come mostly in text order
        else:
            insort(self.last_speaker_at, (pos, mention, kind), key=_POSITION)

    def turn_at(self, pos: int) -> Optional[dict]:
        """The first Q&A turn holding ``pos``, if any (looked up by bisection: a long transcript has
        hundreds of turns and every quote asks)."""
        turns = self.qa_turns
        if self._turn_index is None or self._turn_index[0] != len(turns):
            index = sorted((t["start"], i) for i, t in enumerate(turns))
            self._turn_index = (len(turns), index, max((t["end"] - t["start"] for t in turns), default=0))
        _, index, span = self._turn_index
        lo = bisect_left(index, (pos - span, -1))
        hi = bisect_right(index, (pos, len(turns)))
        hits = [i for _, i in index[lo:hi] if pos < turns[i]["end"]]
        return turns[min(hits)] if hits else None

    def note_reported(self, start: int, end: int, mention: dict, cue: Optional[str]) -> None:
        self.reported_clauses.append((start, end, mention, cue))
        insort(self._reported_index, (start, len(self.reported_clauses) - 1))
        self._reported_span = max(self._reported_span, end - start)

    def reported_holding(self, start: int, end: int) -> list[tuple[int, int, dict, Optional[str]]]:
        """The reported clauses holding ``[start, end)`` (a closing mark may stand one past a clause's
        end), in the order they were noted."""
        index, clauses = self._reported_index, self.reported_clauses
        lo = bisect_left(index, (end - 1 - self._reported_span, -1))
        hi = bisect_right(index, (start, len(clauses)))
        return [clauses[i] for i in sorted(i for _, i in index[lo:hi] if end <= clauses[i][1] + 1)]

    def section_speaker(self, pos: int) -> Optional[dict]:
        for start, end, mention in self.sections:
            if start <= pos < end:
                return mention
        return None


# --- 1. not speech ----------------------------------------------------------------------------------


def _not_speech(r: dict, ctx: _Context) -> Optional[str]:
    """The reason a quote-mark pair is not anyone's speech, or None.

    ``所谓“百模大战”`` -> term; ``他不认同“开源是智商税”的说法`` -> rebutted; ``一种“智商税”`` -> scare quote.
    """
    clean, pats = ctx.clean, ctx.pats
    if r.get("is_question"):
        return "question"
    if r.get("parent_id"):
        return "nested"
    before = clean[max(0, r["start"] - 12):r["start"]]
    after = clean[r["end"]:r["end"] + 8]
    if pats.term_before and pats.term_before.search(before) \
            and not (pats.measure_end.search(before) and _verb_right_before(before, ctx)):
        return "term"  # but 他调侃了一句“…”: a measure word after a speech verb counts what was said
    if pats.term_after and pats.term_after.match(after) \
            and not clean[r["cstart"]:r["cend"]].rstrip().endswith(("。", "！", "？", "!", "?", "…")):
        return "term"
    if _nickname_before(before, ctx):
        return "nickname"  # 某某（圈内人称“老K”）: a name the person is called by, not words said
    clause = clean[ctx.clause_start(r["start"]):r["start"]]
    if pats.rebuttal and pats.rebuttal.search(clause) and not clause.rstrip().endswith(("：", ":")):
        return "rebutted"
    saying = pats.saying.search(clean, max(0, r["start"] - 14, ctx.clause_start(r["start"])), r["start"]) if pats.saying else None
    if saying is not None and not _credited_saying_before(r, ctx) and not _own_saying_of_named(saying, ctx):
        return "saying"  # 套用时下流行的，“…” / 今年的口号是“…”
    discussed = pats.discussed_after.match(clean, r["end"]) if pats.discussed_after is not None else None
    if discussed is not None and (discussed.groupdict().get("put") is not None or not _introduced_by_speaker(r, ctx, before)):
        # “…”，这句话太绝对 / “…”这是当时流行的一句话 (unless a speaker introduced them: 某某说：“…”这话不对)
        # / “…”，您同意吗？ (a view put to a guest, even one someone else said)
        return "discussed"
    if _is_scare_quote(r, ctx):
        return "scare_quote"
    return None


def _nickname_before(before: str, ctx: _Context) -> bool:
    """A nickname marker (names.yaml ``alias_markers``: 人称 / 外号 / 英文名) right before the opening mark."""
    scan = _alias_marker_scan(tuple(ctx.lex.data.alias_markers))
    return scan is not None and scan.search(before) is not None


@lru_cache(maxsize=8)
def _alias_marker_scan(markers: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(f"(?:{alternation(markers)})[ \t]*(?:为|是)?[ \t]*$") if markers else None


def _own_saying_of_named(saying: re.Match, ctx: _Context) -> bool:
    """``某某有句话说得妙：“…”``: 有句话 right after a person is that person's line, not a proverb."""
    return saying.group(0).startswith("有句话") and any(
        x["end"] == saying.start() for x in ctx.mentions_between(max(0, saying.start() - 12), saying.start()))


def _credited_saying_before(r: dict, ctx: _Context) -> bool:
    """``白板上写着某某的一句话：“…”``: the words are a named person's saying (``sayings_of`` of names.yaml after
    the name and 的), not a motto or a slogan nobody said."""
    scan = _credited_saying_scan(tuple(ctx.lex.data.sayings_of))
    if scan is None:
        return False
    m = scan.search(ctx.clean, max(0, r["start"] - 12), r["start"])
    return m is not None and any(x["end"] == m.start() for x in ctx.mentions_between(max(0, m.start() - 12), m.start()))


@lru_cache(maxsize=8)
def _credited_saying_scan(sayings: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(f"的(?:{alternation(sayings)})[：:，,]?\\s*$") if sayings else None


def _is_scare_quote(r: dict, ctx: _Context) -> bool:
    """A phrase in quotes, not words said: short with no speech cue on either side (``一种“智商税”``),
    or a phrase the sentence goes on from (``“启明X2”可以…`` / ``“规模定律已死”几乎成了…``)."""
    if _summed_up(r, ctx) is not None or _possessor_view(r, ctx) is not None:
        return False  # 某某把这一变化归纳成“…” / 某某的说法——“…”: the person's own phrase for it
    content = ctx.clean[r["cstart"]:r["cend"]]
    if len(content) <= 12 and not _CLAUSE_INSIDE.search(content) and _title_right_after(r, ctx):
        return True  # 某公司「星河智能」创始人某某表示: the name of the person's company, not words said
    if len(content) <= 12 and not _CLAUSE_INSIDE.search(content) and _GROUP_NOUN_AFTER.match(ctx.clean, r["end"]):
        return True  # “不熄灯”队队长某某回忆说: the name of a team, not words said
    if len(content) > 20 or _CLAUSE_INSIDE.search(content) or _cue_after(r, ctx):
        return False
    following = ctx.clean[r["end"]:r["end"] + 1]
    if ctx.pats.saying_noun is not None and ctx.pats.saying_noun.match(ctx.clean, r["end"]) \
            and _verb_right_before(ctx.clean[max(0, r["start"] - 10):r["start"]], ctx):
        return False  # 他说出“芯片决定一切”这类论断: a saying of the subject's, quoted as a noun phrase
    if following and _WORD_CHAR.match(following):
        return True  # the sentence runs on after the closing mark: the quote is a noun phrase
    if len(content) > 12:
        return False
    after_comma = ctx.clean[max(0, r["start"] - 1):r["start"]] in ("，", ",")
    if (after_comma or ctx.pats.predicate_opener.match(content)) and any(
            after_comma or r["end"] >= end - 1 or (following in _CLAUSE_MARKS and not _OBJECT_SLOT.search(
                ctx.clean, max(0, r["start"] - 1), r["start"]))
            for _, end, _, _ in ctx.reported_holding(r["start"], r["end"])):
        # 陈某表示，公司不会降价，“这是底线” / 陈某称对手“只是想要控制权”: a partial quote closing the
        # speaker's own clause, after a comma or as the predicate of its subject
        return False
    if len(_CJK_CHAR.findall(content)) >= _PARTIAL_QUOTE_MIN and (
            _PREDICATE_INSIDE.search(content) or _HEDGED_COPULA.search(ctx.clean, max(0, r["start"] - 4), r["start"])
            or _DEGREE_COMPLEMENT.search(content)) \
            and ctx.reported_holding(r["start"], r["end"]):
        # 陈某强调，这只是“过渡阶段的安排” / 陈某认为，节奏「透支了需求」: a predicate in the speaker's own
        # words inside their reported clause (a name or a term the sentence runs on from was read above)
        return False
    if _predicate_of_reported_subject(r, ctx, content):
        return False
    if ctx.speech_term is not None:
        # Short, no clause inside: rules cannot tell “别出错就好” (said) from “规模红利” (a term).
        return ctx.speech_term.probability(speech_features(r, ctx)) < 0.5
    if ctx.clause_start(r["start"]) == r["start"] and following in ("，", ",", "。", "！", "？", ""):
        return False  # “小公司不用担心市场”，…: an utterance standing alone at the head of its clause
    before = ctx.clean[max(0, r["start"] - 10):r["start"]]
    if _COLON_AT_END.search(before) or _verb_right_before(before, ctx) or _frame_right_before(before, ctx):
        return False
    return True


# A group noun right after a short quote: the quote names the group (“不熄灯”队 / 「极光」团队).
_GROUP_NOUN_AFTER = re.compile(r"(?:战队|团队|小组|队|组|实验室|工作室|乐队|俱乐部)")
# A short quoted name opening the words after a quote, run on by what follows (“…”“不熄灯”队队长某某说).
_QUOTED_NAME_LEAD = re.compile(r"[“「『][^”」』\n]{1,10}[”」』](?=[\u4e00-\u9fff])")
# 把…概括为 / 总结为 / 形容为 right before the quote: the subject's own phrase for what the 把 phrase names.
_SUMMED_UP_AS = re.compile(r"(?:概括|总结|归纳|归结|形容|比喻)(?:为|成)$")
_NAMED_THEN_EXPLAINED = re.compile(r"[，,]?\s*(?:即|也就是|意思是|指的是)|的")
_BA_PHRASE = re.compile(r"[^，,。；;：:“”「」\n]{0,6}?把[^，,。；;：:“”「」\n]{1,16}$")


def _summed_up(r: dict, ctx: _Context):
    """``某某把这一变化归纳成“…”`` / ``她把那套打法总结为“…”``: the person (or pronoun) opening the clause, when
    what follows 把 ends in a verb of summing up right before the quote; the quote is their own phrase."""
    start = ctx.clause_start(r["start"])
    verb = _SUMMED_UP_AS.search(ctx.clean, max(start, r["start"] - 4), r["start"])
    if verb is None or _NAMED_THEN_EXPLAINED.match(ctx.clean, r["end"]):
        return None  # (概括为“某某共建”，即…: the name of a strategy, explained next, not a phrase said)
    opener = ctx.pats.clause_opener.match(ctx.clean, start, verb.start()).end()
    people = [m for m in ctx.mentions_between(opener, verb.start()) if m["start"] == opener]
    if people:
        subject = people[0]
        who, span, method, conf = subject, (subject["start"], subject["end"]), "explicit", 0.8
    else:
        p = ctx.pronoun_re.match(ctx.clean, opener)
        if p is None:
            return None
        ref = _resolve_pronoun(ctx, p.start())
        if ref is None:
            return None
        who, span, method, conf = {**ref, "_pronoun": True}, (p.start(), p.end()), "pronoun", 0.7
    if not _BA_PHRASE.fullmatch(ctx.clean, span[1], verb.start()) or ctx.mentions_between(span[1], verb.start()):
        return None
    return who, span, method, conf, verb.group(0)


def _predicate_of_reported_subject(r: dict, ctx: _Context, content: str) -> bool:
    """``她说自己“对功耗格外在意”`` / ``她指出，这条经验「从未失灵」``: a partial quote closing a segment of its
    reported clause right after the segment's short subject (no verb between), with a word that makes it a predicate
    (``partial_predicate_words``: 很 / 没有 / 被 …): the speaker's own words, not a term."""
    scan = _predicate_word_scan(ctx.pats.cues.partial_predicate_words)
    if scan is None or len(_CJK_CHAR.findall(content)) < 4 or not scan.search(content):
        return False
    following = ctx.clean[r["end"]:r["end"] + 1]
    if following not in ("。", "；", ";", "！", "？", "") and following not in ("，", ","):
        return False
    for start, _, _, _ in ctx.reported_holding(r["start"], r["end"]):
        seg_start = max([start] + [c.end() for c in _CLAUSE_COMMA.finditer(ctx.clean, start, r["start"])])
        subject = ctx.clean[seg_start:r["start"]].strip()
        # (the subject 自己 before any such quote; another subject only before a quote that opens with the predicate
        # word: …这条经验「从未失灵」, not 方案坚持「本地优先」)
        opening = scan.match(content) is not None
        if not opening and not subject.endswith(ctx.pats.cues.reflexive_subjects or ("自己",)):
            continue
        longest = _PARTIAL_SUBJECT_MAX if not opening else _PARTIAL_SUBJECT_MAX_OPENING
        if 1 <= len(subject) <= longest and not ctx.verb_re.search(subject) and not _OBJECT_SLOT.search(subject) \
                and "是" not in subject \
                and not subject.endswith(("的", "是", "说", "叫", "称", "作")):
            return True
    return False


# How long the subject right before such a partial quote may be; longer when the quote opens with the predicate word.
_PARTIAL_SUBJECT_MAX = 8
_PARTIAL_SUBJECT_MAX_OPENING = 30


@lru_cache(maxsize=8)
def _predicate_word_scan(words: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(alternation(words)) if words else None


def _title_right_after(r: dict, ctx: _Context) -> bool:
    """Whether a job title follows the closing mark at once (``「星河智能」创始人`` / ``“星河智能”的CEO``)."""
    pos = r["end"] + 1 if ctx.clean.startswith("的", r["end"]) else r["end"]
    return ctx.title_re.match(ctx.clean, pos) is not None


def _frame_right_before(before: str, ctx: _Context) -> bool:
    """``在某某看来，“…”`` / ``用某某的话来说，“…”``: a frame's tail ends right before the quote (who, if
    anyone, the frame names is :func:`_frame_view`'s question)."""
    return _frame_tail_at_end(before, ctx) is not None


def _frame_tail_at_end(text: str, ctx: _Context) -> Optional[re.Match]:
    """The frame tail (看来, 所说, 的话来说, ...) that ends ``text`` but for commas, colons and spaces, or None;
    its positions are those in ``text``."""
    if ctx.pats.frame_tail is None:
        return None
    stripped = text.rstrip("，,：: \t")
    tail = None
    for tail in ctx.pats.frame_tail.finditer(stripped):
        pass
    return tail if tail is not None and tail.end() == len(stripped) else None


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# What may follow a partial quote that closes its own clause inside a reported one (…“太冒险了”，她…).
_CLAUSE_MARKS = ("，", ",", "。", "；", ";", "！", "？")
# A verb's particle or a preposition right before a quote: the quote is an object (变成了“能帮你办事”), no predicate.
_OBJECT_SLOT = re.compile(r"[了过着成为到从把将对向给和与、]$")
# How many Chinese characters a partial quote inside a reported clause holds to count as words said.
_PARTIAL_QUOTE_MIN = 5
# A verb with its aspect particle inside a quote (透支了需求): a predicate, not a name or a term.
_PREDICATE_INSIDE = re.compile(r"[\u4e00-\u9fff]{1,3}[了着过][\u4e00-\u9fff]")
# A hedging copula right before a quote: 这只是“…” / 不过是“…”.
_HEDGED_COPULA = re.compile(r"(?:只是|不过是|仅仅是|只不过是|而是|但|但是|却|就是|才是|正是|其实是|大概是|可能是|更像是|本质上是|无非是)$")
# A degree complement inside a quote (好得多 / 快得多): a predicate; not 获得 / 值得 / 取得, verbs of their own.
_DEGREE_COMPLEMENT = re.compile(r"[\u4e00-\u9fff](?<![获取赢值博觉记懂显免难舍使晓心])得(?:多|很|像|要|太|更|不|离|越|飞|惊)")
_FINAL_PARTICLE = re.compile(r"[了吧呢啊吗嘛啦呀哦哈][。！？!?…]*$")
_FIRST_PERSON = re.compile("我|咱")
_SECOND_PERSON = re.compile("你|您")
_COMMON_VERB = re.compile("是|要|会|能|就|不|没")
_DIGIT = re.compile(r"\d")


def speech_features(r: dict, ctx: _Context) -> dict[str, float]:
    """What the speech-vs-term model sees of a short quote: its words (person, verbs, particles) and its
    place (a cue or colon before, a clause start, what follows the closing mark)."""
    clean = ctx.clean
    content = clean[r["cstart"]:r["cend"]]
    before = clean[max(0, r["start"] - 10):r["start"]]
    following = clean[r["end"]:r["end"] + 1]
    latin = sum(ch.isascii() and ch.isalnum() for ch in content)
    near = ctx.mentions_between(max(0, r["start"] - 20), min(len(clean), r["end"] + 20))
    return {
        "log_length": math.log1p(len(content)) / 3, "ends_sentence": float(content.rstrip().endswith(("。", "！", "？", "!", "?", "…"))),
        "first_person": float(bool(_FIRST_PERSON.search(content))), "second_person": float(bool(_SECOND_PERSON.search(content))),
        "verb_inside": float(bool(ctx.verb_re.search(content) or _COMMON_VERB.search(content))),
        "final_particle": float(bool(_FINAL_PARTICLE.search(content))), "verb_before": float(_verb_right_before(before, ctx)),
        "colon_before": float(bool(_COLON_AT_END.search(before))),
        "clause_start": float(ctx.clause_start(r["start"]) == r["start"]),
        "runs_on": float(bool(following and _WORD_CHAR.match(following))),
        "comma_after": float(following in ("，", ",")), "latin_share": latin / max(1, len(content)),
        f"mark={r.get('mark', '“')}": 1.0, "person_near": float(bool(near)),
        "de_before": float(before.endswith("的")), "number_inside": float(bool(_DIGIT.search(content))),
    }


class SpeechTermModel:
    """Logistic ``P(speech)`` for a short quote-mark pair, weights in a JSON file written by
    ``stancelib calibrate --speech-term FILE`` and used with ``load(speech_term=FILE)``; nothing to execute."""

    def __init__(self, data: dict):
        self.bias = float(data.get("bias", 0.0))
        self.weights = {k: float(v) for k, v in data.get("weights", {}).items()}

    @classmethod
    def from_file(cls, path: Optional[str]) -> Optional["SpeechTermModel"]:
        """None (the hand-written rule decides) without a path: fitted on the gold at hand, the model did
        not beat the rule (docs/measurements.md)."""
        data = cls.read(path)
        return cls(data) if data else None

    @staticmethod
    def read(path: Optional[str]) -> Optional[dict]:
        if path is None:
            return None
        try:
            data = json.loads(open(path, encoding="utf-8").read())
            if not isinstance(data, dict) or not all(isinstance(v, (int, float)) and math.isfinite(v)
                                                     for v in data.get("weights", {}).values()):
                raise ValueError("expected finite `weights` and a `bias`")
        except (OSError, ValueError, UnicodeDecodeError) as e:
            raise ConfigError(Errors.E021.format(what="a speech-vs-term model", path=path, reason=str(e).splitlines()[0])) from None
        return data

    def probability(self, feats: dict[str, float]) -> float:
        return _logistic(self.bias, self.weights, feats)


def _logistic(bias: float, weights: dict[str, float], feats: dict[str, float]) -> float:
    """``1 / (1 + e^-z)`` of the weighted features, an unknown feature weighing 0; the products are
    summed in the features' order with ``map`` (no Python frame per feature)."""
    z = bias + sum(map(mul, map(weights.get, feats, repeat(0.0)), feats.values()))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _introduced_by_speaker(r: dict, ctx: _Context, before: str) -> bool:
    """A colon or a speech verb right before the quote, with a person or a pronoun in its clause (某某说：“…”),
    not a subjectless frame (一种常听到的说法是“…”)."""
    if not (_COLON_AT_END.search(before) or _verb_ending(before.rstrip("，, "), ctx)):
        return False
    start = ctx.clause_start(r["start"])
    return bool(ctx.mentions_between(start, r["start"])) or any(p in ctx.clean[start:r["start"]] for p in "他她我")


def _verb_ending(before: str, ctx: _Context) -> bool:
    """A speech verb (or it and a particle: 说道, 写过) is the last word of ``before``."""
    return any(m.end() >= len(before) - 1 and (m.end() == len(before) or before[-1] in "道了过")
               for m in ctx.verb_re.finditer(before, max(0, len(before) - 8)))


def _verb_right_before(before: str, ctx: _Context) -> bool:
    m = None
    for m in ctx.verb_re.finditer(before):
        pass
    # 他认为这个“很有意思” / 他说是“走投无路”: the quote completes the verb
    return bool(m) and ctx.pats.verb_to_quote.fullmatch(before, m.end()) is not None


def _cue_after(r: dict, ctx: _Context) -> bool:
    after = ctx.clean[r["end"]:r["end"] + 20]
    m = _COMMA_GAP.match(after)
    rest = after[m.end():]
    if _CLAUSE_END.match(rest):
        return False  # a cue in the next sentence does not introduce this quote
    p = ctx.pronoun_re.match(rest)
    if p and ctx.verb_re.match(rest, p.end()):
        return True
    return _speaker_phrase_after(ctx, r["end"] + m.end()) is not None


# Between a closing mark and the speaker's name: an organisation and titles, no clause break.
_SPEAKER_PREFIX = re.compile(r"[^，,。；;！？!?“”「」\n：:]{0,30}")


def _said_thus_later(r: dict, ctx: _Context, pos: int):
    """``“…”6月18日下午，在…发布会上，局长某某这样概括政策思路。``: a quote opening its paragraph, then in the
    same sentence (no other quote mark) the one person named before a word that points back at what was said
    (``said_it_thus``: 这样概括 / 如是说)."""
    if not _opens_paragraph(ctx, r["start"]):
        return None
    end = _SENTENCE_END.search(ctx.clean, pos, pos + _SAID_THUS_REACH)
    stop = end.start() if end else min(len(ctx.clean), pos + _SAID_THUS_REACH)
    if _ANY_QUOTE_MARK.search(ctx.clean, pos, stop) or "\n" in ctx.clean[pos:stop]:
        return None
    named = [m for m in ctx.mentions_between(pos, stop) if not _addressed(ctx, m)]
    if len({m["name"] for m in named}) != 1:
        return None
    m = named[-1]
    tail = ctx.pats.said_it_thus.match(ctx.clean, m["end"])
    if tail is None or not tail.group(0).startswith(("这", "如")):
        return None  # (某某的话: a possessor, not a speaker pointing back)
    return m, (m["start"], m["end"]), "explicit", 0.75, tail.group(0)


# How far after a quote the sentence naming its speaker with 这样概括 may run.
_SAID_THUS_REACH = 120


def _speaker_phrase_after(ctx: _Context, pos: int):
    """``(mention, verb)`` for ``智源研究院院长王某在发言中提到`` right after ``pos``, else None."""
    lead = _QUOTED_NAME_LEAD.match(ctx.clean, pos)
    limit = _SPEAKER_PREFIX.match(ctx.clean, lead.end() if lead else pos).end()
    for mention in ctx.mentions_between(pos, limit + 8):
        if mention["start"] > limit:
            break
        between = ctx.clean[pos:mention["start"]]
        # Only an organisation-and-title phrase may stand between: 智源研究院院长 / 腾讯云副总裁、 (or a
        # relation: “…”我的导师某某老师说)
        if between and not ctx.title_tail.search(between) and not ctx.lex.relation_tail.fullmatch(between) \
                and not ctx.lex.org_before_de.fullmatch(between):  # (星河智能的某某博士表示)
            continue
        # “…”孟某（某公司CEO）说 / 孟某（Kevin）说 / 孟某 Kevin 说: a title, an aside or the person's Latin name
        appositive = ctx.lex.apposition.match(ctx.clean, mention["end"]) or _ASIDE.match(ctx.clean, mention["end"]) \
            or _LATIN_GIVEN_AFTER.match(ctx.clean, mention["end"])
        verb = _verb_after(ctx, appositive.end() if appositive else mention["end"])
        if verb is None:  # “…”我的导师某某老师说 / 某某教授表示
            title = ctx.lex.title_re.match(ctx.clean, mention["end"]) or ctx.lex.honorific_re.match(ctx.clean, mention["end"])
            verb = _verb_after(ctx, title.end()) if title else None
        if verb is not None:
            return mention, verb
    return None


# 孟某 Kevin 说: the Latin given name a person writes beside their Chinese name
_LATIN_GIVEN_AFTER = re.compile(r"[ \t\u3000][A-Z][a-z]{1,14}(?![A-Za-z])")


def _verb_after(ctx: _Context, pos: int) -> Optional[re.Match]:
    """A speech verb shortly after ``pos`` with only adverbs between."""
    window = ctx.clean[pos:pos + 44]
    for m in ctx.verb_re.finditer(window):
        gap = window[:m.start()].lstrip(" \t\u3000")
        if ctx.pats.gap_before_verb.match(gap) or _ACCOMPANYING_ACTION.fullmatch(gap) \
                or _MANNER.fullmatch(gap):  # Laura Stein 在播客中说
            return m  # (她指着表格说: an action that goes with the speaking; 他半开玩笑地说: its manner)
        break
    return None


# An action that goes with speaking, between a speaker and the verb: 指着表格 / 看着窗外 (V着 + a short object).
_ACCOMPANYING_ACTION = re.compile(r"[^，,。；;！？!?“”「」\s]{1,4}着[^，,。；;！？!?“”「」\s]{0,6}")
# The manner of speaking, an adverbial ending in 地: 半开玩笑地 / 头也不抬地 / 语气坚定地.
_MANNER = re.compile(r"[也还又就都]?[^，,。；;！？!?“”「」\s地]{1,6}地")


# --- 2. speaker before the quote --------------------------------------------------------------------


def _speaker_before_quote(r: dict, ctx: _Context):
    """``李开复表示：“…”`` / ``贺川“怒怼”韩立明：“…”`` (贺川) / ``他说，“…”`` (pronoun).

    The clause before the opening mark must end in a speech verb or a colon; its subject speaks.
    """
    start = ctx.clause_start(r["start"])
    clause = ctx.clean[start:r["start"]]
    m = _CUE_PUNCT_AT_END.search(clause)
    head = clause[:m.start()]
    verb = None
    for v in ctx.verb_re.finditer(head):
        verb = v
    colon = m.group(0).strip().startswith(("：", ":"))
    if verb is not None and head[verb.end():].strip() not in ctx.pats.verb_tails and head[verb.end():].strip() not in ("的是", "是") \
            and (not colon or _subject_after_verb(ctx, head, start, verb.end())):
        # the verb is followed by other words: it does not introduce this quote (对于主持人提到的说法，
        # 她并不买账：“…”: the colon does, for the subject after the comma)
        verb = None
    if verb is None and not colon:
        return None
    cue_pos = start + (verb.start() if verb is not None else len(head))
    cue = verb.group(0) if verb is not None else "："
    if verb is not None and ctx.clean[cue_pos - 1:cue_pos] == "被":
        return None, None, "asked", 0.0, cue  # 某某被问得最多的问题是：“…”: the subject is asked; the asker is not named
    nobody = _nobody_before(ctx, start, cue_pos)
    if nobody:
        return None, None, nobody, 0.0, cue
    said_in = _after_inner_colon(ctx, start, cue_pos) if verb is not None else None
    if said_in is not None:
        # 某某追问：她去年在备忘录中写道，“…”: the verb after the colon has the subject that follows the colon
        found = _leading_pronoun(ctx, said_in, cue_pos)
        if found is not None and not any(m["name"] == found[0]["name"] for m in ctx.unaddressed(start, said_in)):
            return found[0], found[1], "pronoun", 0.75, cue
        if not ctx.unaddressed(said_in, cue_pos):
            # (the pronoun is not the one whose colon it follows, who would say 我; not clear: nobody)
            return None, None, "pronoun_after_colon", 0.0, cue
    mention, surface_span = _subject_before(ctx, start if said_in is None else said_in, cue_pos)
    if mention is None and colon and verb is None and ctx.clean.rfind("\n", 0, start) + 1 == start:
        # 某某：“…” opening its line: a name no pattern found, alone before the colon
        mention = _name_opening_segment(ctx, start, cue_pos)
        surface_span = (mention["start"], mention["end"]) if mention else None
    if mention is None:
        if ctx.mentions_between(start, cue_pos) and not ctx.unaddressed(start, cue_pos):
            # 记者向潘某提问：“…” the one named is spoken to; the asker is not named: nobody, not a guess
            return None, None, "addressee_only", 0.0, cue
        return None
    method = "pronoun" if mention.get("_pronoun") else "explicit"
    conf = 0.75 if method == "pronoun" else (0.92 if verb is not None else 0.85)
    return mention, surface_span, method, conf, cue


def _after_inner_colon(ctx: _Context, start: int, cue_pos: int) -> Optional[int]:
    """Where the words after a colon inside the clause begin (``某某问：她…写道``), when a person or pronoun opens
    them: the colon introduced speech of its own, whose verb is the one before the quote."""
    colon = max(ctx.clean.rfind("：", start, cue_pos), ctx.clean.rfind(":", start, cue_pos))
    if colon < 0 or ctx.in_quote(colon, colon + 1):
        return None
    at = colon + 1
    while at < cue_pos and ctx.clean[at] in " \t\u3000":
        at += 1
    if ctx.pronoun_re.match(ctx.clean, at, cue_pos) or any(m["start"] == at for m in ctx.mentions_between(at, cue_pos)):
        return at
    return None


def _subject_after_verb(ctx: _Context, head: str, start: int, verb_end: int) -> bool:
    """Whether a new segment with a person of its own follows the verb before a colon: in
    ``对于主持人提到的说法，她并不买账：`` the verb is in a modifier, in ``她坦言，公司会…：`` it is the cue."""
    comma = _CLAUSE_COMMA.search(head, verb_end)
    if comma is None:
        return False
    return bool(ctx.pronoun_re.search(head, comma.end()) or ctx.unaddressed(start + comma.end(), start + len(head)))


# A colon or comma closing the clause before the opening mark.
_CLAUSE_COMMA = re.compile(r"[，,]")
_CUE_PUNCT_AT_END = re.compile(r"[：:，,]?\s*$")


def _nobody_before(ctx: _Context, clause_start: int, cue_pos: int) -> Optional[str]:
    """Why the subject of a cue names nobody: ``有观众说`` / ``公司的CTO表示`` (anonymous) or
    ``如果客户说`` / ``比如：`` (hypothetical); None when a person may be the subject.

    Only the stretch right before the cue counts (after its last comma): that is where the subject is."""
    pats = ctx.pats
    slot = ctx.clean[clause_start:cue_pos]
    cut = max(slot.rfind("，"), slot.rfind(","))
    if cut >= 0 and ctx.pats.gap_before_verb.match(slot[cut + 1:]):
        # ``有学员讲得很坦白，说…``: a segment with no subject of its own continues the one before
        cut = max(slot.rfind("，", 0, cut), slot.rfind(",", 0, cut))
    tail_end = cue_pos
    if cut >= 0 and ctx.pats.editorial_note.match(slot, cut + 1):
        # ``以下为致辞要点，经记者整理``: the editor's note names who edited, not who spoke
        tail_end = clause_start + cut
        cut = max(slot.rfind("，", 0, cut), slot.rfind(",", 0, cut))
    tail_start = clause_start + cut + 1
    tail = ctx.clean[tail_start:tail_end]
    if ctx.no_subject_cue is not None and ctx.no_subject_cue.search(tail):
        mentions = [m for m in ctx.unaddressed(clause_start, cue_pos) if m["start"] >= tail_start]
        last_person = (max(m["end"] for m in mentions) if mentions else tail_start) - tail_start
        if pats.hypothetical is not None:
            for h in pats.hypothetical.finditer(tail):
                if h.start() >= last_person or not mentions:
                    return "hypothetical"
        if pats.anonymous is not None and not _pronoun_subject_opening(ctx, tail_start, tail_end):
            # 在随后的媒体沟通会上: a word inside a time or place phrase is not the subject
            frames = None
            for a in pats.anonymous.finditer(tail):
                if frames is None:
                    frames = [(f.start(), f.end()) for f in pats.gap_frame.finditer(tail)] if pats.gap_frame is not None else []
                if any(fs < a.start() and a.end() <= fe for fs, fe in frames) or _after_place_word(tail, a.start()):
                    continue
                if a.start() >= last_person and not ctx.pats.addressee_before.search(tail, max(0, a.start() - 2), a.start()):
                    return "anonymous"
    # (the bisection first: a name anywhere in the clause spares the pronoun and title searches)
    if not ctx.mentions_between(clause_start, cue_pos) and not ctx.pronoun_re.search(slot) \
            and ctx.title_re.search(tail):
        if tail.lstrip().startswith(tuple(ctx.lex.data.title_determiners)) and _only_section_person(ctx, cue_pos):
            return None  # 3. 某某：标题 ⏎ …这位创始人兼CEO表示: the role points back at the item's person
        return "anonymous"  # 该公司首席技术官在分享中表示: a role with no name
    return None


def _pronoun_subject_opening(ctx: _Context, start: int, end: int) -> bool:
    """``他先提到圈内一种讲法，接着问台下``: the stretch opens with 他/她 as its subject (not a possessor:
    她的同事 / 她身边的人), so an anonymous word later in it is part of an object, not who speaks."""
    opener = ctx.pats.clause_opener.match(ctx.clean, start, end).end()
    p = ctx.pronoun_re.match(ctx.clean, opener, end)
    return p is not None and not ctx.clean.startswith(("的", "身边", "身旁", "们"), p.end())


_PLACE_PREPOSITION = re.compile(r"(?:在|于|到|从)$")


def _after_place_word(tail: str, pos: int) -> bool:
    """``某某在评论区回复``: an anonymous word right after 在 / 于 / 到 / 从 is a place (评论区), not the subject."""
    return _PLACE_PREPOSITION.search(tail, max(0, pos - 1), pos) is not None


@lru_cache(maxsize=8)
def _no_subject_cue(pats: CuePatterns) -> Optional[re.Pattern]:
    """A hypothetical or an anonymous subject in one regex: a tail with neither, the common case, is
    read with one search instead of a scan for each."""
    parts = [p.pattern for p in (pats.hypothetical, pats.anonymous) if p is not None]
    return re.compile("|".join(parts)) if parts else None  # (one flat alternation: re skips to its first characters)


def _addressed(ctx: _Context, mention: dict) -> bool:
    """``对沈言说`` / ``向记者透露`` / ``向星河智能CEO潘某提问``: the person after a preposition (and the
    organisation and title the person is introduced with) is spoken to, not speaking. The 问 of a title
    right before the name (``顾问王某``) is none."""
    clean, start = ctx.clean, mention["start"]
    if start - ctx.paragraph_start(start) <= 4 and ctx.pats.letter_address.fullmatch(clean, ctx.paragraph_start(start), start):
        return True  # 回某某：标题 / 致某某的一封信: the one a letter is written to
    title = ctx.title_tail.search(clean, max(0, start - 12), start)
    if ctx.pats.addressee_before.search(clean, max(0, start - 2), start):
        return title is None or title.start() > start - 2  # 问王某 / but 顾问王某: a title ends in it
    if title is None:
        return False
    lo = max(0, title.start() - 14)
    window = clean[lo:title.start()]
    cut = _ORG_STOP.search(window[::-1])
    if cut is not None:
        window = window[len(window) - cut.start():]
    last = None
    words = [w.span() for w in ctx.pats.preposition_word.finditer(window)] if ctx.pats.preposition_word else []
    for m in ctx.pats.addressee_word.finditer(window):
        if not any(s <= m.start() < e for s, e in words):
            last = m
    return last is not None and not ctx.verb_re.search(window, last.end())


# What an organisation before a title never holds.
_ORG_STOP = re.compile(r"[，,。；;：:！？!?“”「」\n]")


def _subject_before(ctx: _Context, clause_start: int, cue_pos: int):
    """The subject of a speech verb at ``cue_pos``: the person before any addressee verb, else the
    nearest person before the verb, else a pronoun's referent. A person named in an aside (``宋某（与宋某某
    无亲属关系）认为``) is not the subject when someone is named before the aside."""
    mentions = ctx.unaddressed(clause_start, cue_pos)
    if len(mentions) > 1:
        mentions = [m for m in mentions if not _in_aside(ctx, m, clause_start, cue_pos)] or mentions
    speaker = _speaker_not_addressee(ctx, mentions, clause_start, cue_pos)
    if speaker is not None:
        return speaker, (speaker["start"], speaker["end"])
    # 他引用某某的话说：“…”: the cited person's words (their mention, below, or nobody), not the pronoun's
    cited = _CITED_SAYING_BEFORE_CUE.search(ctx.clean, clause_start, cue_pos) is not None
    lead = None if cited else (
        _leading_pronoun(ctx, clause_start, cue_pos) or _segment_pronoun_before_colon(ctx, clause_start, cue_pos)
        or _segment_pronoun_before_verb(ctx, clause_start, cue_pos) or _pronoun_over_segments(ctx, clause_start, cue_pos))
    if lead is not None:
        return lead
    if mentions:
        m = mentions[-1]
        appositive = ctx.lex.apposition.match(ctx.clean, m["end"], cue_pos)  # 孟某，某公司CTO，在会上说
        gap = ctx.clean[appositive.end() if appositive else m["end"]:cue_pos]
        gap = _after_aside(gap)  # (萨姆·奥特曼（Sam Altman）在社交平台上发文称: the gloss is no gap)
        if gap.startswith("的") and not ctx.pronoun_re.search(gap) and not _SAYING_NOUN.search(gap):
            # 他截图了某某的朋友圈评论，配文只有一句：/ 某某身边的人说: a possessor is not the subject
            opener = ctx.pats.clause_opener.match(ctx.clean, clause_start, m["start"]).end()
            p = ctx.pronoun_re.match(ctx.clean, opener)
            ref = _resolve_pronoun(ctx, p.start()) if p else None
            return ({**ref, "_pronoun": True}, (p.start(), p.end())) if ref is not None else \
                _subject_before_possessor(ctx, clause_start, cue_pos, mentions, m)
        if _subject_pronoun_in(ctx, gap) and not ctx.pats.gap_before_verb.match(gap):  # (在其专栏中: no subject)
            # 有参会者问唐某怎么看马某的观点，她笑着说：the pronoun, not the last name, is the subject
            return _pronoun_before(ctx, m["end"], cue_pos) or (None, None)
        # a short gap, or a longer one made only of adverbs and time/place/channel phrases
        # (在接受《某某周刊》专访时说)
        if (len(gap) <= 16 or ctx.pats.gap_before_verb.match(gap)) and not _SENTENCE_END.search(gap):
            if "，" in gap or "," in gap:
                # 李开复，零一万物CEO，表示 / but not 李开复的公司，我们表示
                if len(gap) > 14 and not _second_verb_phrase(ctx, clause_start, m, gap):
                    return None, None
            return m, (m["start"], m["end"])
        if _second_verb_phrase(ctx, clause_start, m, gap):
            return m, (m["start"], m["end"])
    pron = None if cited else _pronoun_before(ctx, clause_start, cue_pos)
    if pron is not None:
        return pron
    return None, None


def _only_section_person(ctx: _Context, pos: int) -> Optional[dict]:
    """The person of the section holding ``pos``, when nobody else is named in it before ``pos``."""
    for start, end, mention in ctx.sections:
        if start <= pos < end:
            others = [m for m in ctx.mentions_between(start, pos) if m["name"] != mention["name"] and not _institution_only(m)]
            return None if others else mention
    return None


def _in_aside(ctx: _Context, m: dict, start: int, end: int) -> bool:
    """Whether mention ``m`` stands inside brackets that open after ``start`` and close before ``end``."""
    before, after = ctx.clean[start:m["start"]], ctx.clean[m["end"]:end]
    opened = max(before.rfind("（"), before.rfind("("))
    return opened >= 0 and max(before.rfind("）"), before.rfind(")")) < opened and ("）" in after or ")" in after)


_SENTENCE_END = re.compile(r"[。！？；]")
# A segment that only joins a second verb phrase to the one before: 并 / 随后 / 然后 (…，并评论说).
_SECOND_VERB_JOINER = re.compile(r"(?:并且|并|随后|然后|接着|又|还|也)+")


def _subject_pronoun_in(ctx: _Context, gap: str) -> bool:
    """A pronoun in ``gap`` that is not one spoken to (``然后对她说``: 她 is the addressee, not the subject)."""
    return any(not ctx.pats.addressee_before.search(gap, 0, p.start()) for p in ctx.pronoun_re.finditer(gap))


# 然后对她 / 随后向记者: a joiner and the one spoken to, before the verb
_ADDRESSEE_TAIL = re.compile(r"(?:对|跟|向|朝|冲)(?:他们|她们|我们|他|她|我|记者|大家)$")


def _second_verb_phrase(ctx: _Context, clause_start: int, m: dict, gap: str) -> bool:
    """``某某在朋友圈转发了一条新闻，并评论说``: the last segment is only a joiner before the verb, so its
    subject is the one opening the segment before (the person, after an organisation and title only)."""
    cut = max(gap.rfind("，"), gap.rfind(","))
    last = _ADDRESSEE_TAIL.sub("", gap[cut + 1:].strip())
    if cut < 0 or len(gap) > 40 or _SENTENCE_END.search(gap) or not _SECOND_VERB_JOINER.fullmatch(last):
        return False
    if "，" in gap[:cut] or "," in gap[:cut] or ctx.pronoun_re.search(gap[:cut]):
        return False
    seg = max(ctx.clean.rfind("，", clause_start, m["start"]), ctx.clean.rfind(",", clause_start, m["start"])) + 1
    lead = ctx.clean[max(seg, clause_start):m["start"]].strip()
    return not lead or ctx.title_tail.search(lead) is not None
# What a possessor said: 引用了某某的一句话：/ 某某的原话：(the possessor's words, not the subject's).
_SAYING_NOUN = re.compile(r"话|说法|言|观点|判断|表态")


def _subject_before_possessor(ctx: _Context, clause_start: int, cue_pos: int, mentions: list[dict], possessor: dict):
    """``某某（某某某）转发了乙的微博，并评论称``: the last name is a possessor; the subject is the first person of
    the clause, when only a second verb phrase joins it to the verb (:func:`_second_verb_phrase`)."""
    first = next((x for x in mentions if x["name"] != possessor["name"] and x["end"] <= possessor["start"]), None)
    if first is None:
        return None, None
    same = [x for x in mentions if x["name"] == first["name"] and x["end"] <= possessor["start"]]
    end = same[-1]["end"]
    appositive = ctx.lex.apposition.match(ctx.clean, end, cue_pos)
    gap = ctx.clean[appositive.end() if appositive else end:cue_pos]
    if _second_verb_phrase(ctx, clause_start, first, gap):
        return first, (first["start"], first["end"])
    return None, None


def _speaker_not_addressee(ctx: _Context, mentions: list[dict], start: int, end: int) -> Optional[dict]:
    """In ``A怒怼B`` / ``A回应B称`` the person before the addressee verb speaks, not the one after."""
    if not mentions or not ctx.pats.addressee:
        return None
    for a in ctx.pats.addressee.finditer(ctx.clean, start, end):
        before = [m for m in mentions if m["end"] <= a.start()]
        after = [m for m in mentions if m["start"] >= a.end()]
        if before and after:
            return before[0]
    return None


def _leading_pronoun(ctx: _Context, clause_start: int, cue_pos: int):
    """A clause that opens with 他/她 (``他还“隔空喊话”同行：“…”``): the pronoun is its subject,
    unless a person is named between the pronoun and the cue."""
    pos = ctx.pats.clause_opener.match(ctx.clean, clause_start, cue_pos).end()
    p = ctx.pronoun_re.match(ctx.clean, pos)
    if not p or p.end() > cue_pos:
        return None
    if [m for m in ctx.unaddressed(p.end(), cue_pos) if not _cited_possessor(ctx, m)] \
            or _CITED_SAYING_BEFORE_CUE.search(ctx.clean, p.end(), cue_pos):
        # (他对某某说 / 她转向某某说: the one spoken to is no subject; the pronoun is. 他引用某某的说法：“…”:
        # the words the cue introduces are the cited person's)
        return None
    ref = _resolve_pronoun(ctx, pos)
    if ref is None:
        return None
    return {**ref, "_pronoun": True}, (p.start(), p.end())


def _cited_possessor(ctx: _Context, m: dict) -> bool:
    """``她引用某某上午的说法——“…”，并介绍…：``: a person whose saying the subject cites is not the subject."""
    return _saying_at(ctx, m["end"])


def _saying_at(ctx: _Context, pos: int) -> bool:
    """Whether a saying of the person ending at ``pos`` follows (``的说法`` / ``此前的话``, a time word allowed)."""
    rest = ctx.clean[pos:pos + 12]
    for t in ("", *ctx.lex.data.saying_times):
        if rest.startswith(t + "的") and _SAYING_NOUN.match(rest, len(t) + 1):
            return True
    return False


# 他引用某某（此前）的说法：/ 她援引某某的话说: a lead-in whose cue introduces the cited person's saying
_CITED_SAYING_BEFORE_CUE = re.compile(r"(?:引用|援引|转述|借用|套用)了?[^，,。；;：:“”]{1,30}的(?:一句)?(?:话|说法|观点|判断|表态)[说称道]?$")


def _segment_pronoun_before_colon(ctx: _Context, clause_start: int, cue_pos: int):
    """A colon whose last segment opens with 他/她 (``临别时，他拍了拍我的肩膀：“…”`` / ``她并不买账：``):
    the pronoun is the subject of what the colon introduces, whatever its verb."""
    if ctx.clean[cue_pos:cue_pos + 1] not in ("：", ":"):
        return None
    seg = max(ctx.clean.rfind("，", clause_start, cue_pos), ctx.clean.rfind(",", clause_start, cue_pos)) + 1
    seg = max(seg, clause_start)
    if seg == clause_start or cue_pos - seg > 24:
        return None  # (a clause that opens with the pronoun is _leading_pronoun's)
    found = _leading_pronoun(ctx, seg, cue_pos)
    if found is not None and ctx.clean.startswith("的", found[1][1]):
        return None  # 他的白板上写着一行字：a possessive, not the subject
    return found


def _segment_pronoun_before_verb(ctx: _Context, clause_start: int, cue_pos: int):
    """A short last segment that opens with 他/她 and ends in the speech verb (``把问题转给某某，他想了
    想说``): the pronoun is the verb's subject, whatever the segments before it hold."""
    if ctx.clean[cue_pos:cue_pos + 1] in ("：", ":"):
        return None  # (a colon after the segment is _segment_pronoun_before_colon's)
    seg = max(ctx.clean.rfind("，", clause_start, cue_pos), ctx.clean.rfind(",", clause_start, cue_pos)) + 1
    if seg <= clause_start or cue_pos - seg > 12 or "被" in ctx.clean[seg:cue_pos]:
        return None  # (她被记者追问: the one asked, not the asker)
    found = _leading_pronoun(ctx, seg, cue_pos)
    if found is not None and ctx.clean.startswith("的", found[1][1]):
        return None  # 他的回答是: a possessive, not the subject
    return found


def _pronoun_over_segments(ctx: _Context, clause_start: int, cue_pos: int):
    """``据一位同事回忆，她那天站在白板前，指着图说：`` : a segment opening with 他/她, then segments with no
    subject of their own up to the verb; the pronoun is the subject of them all. Not when anyone is named in
    the clause (``据某某回忆，他…``: who 他 is, is not clear from the clause), nor when 他 is the one asked (``她被…问到``)."""
    if ctx.mentions_between(clause_start, cue_pos):
        return None
    segs = [clause_start] + [c.end() for c in _CLAUSE_COMMA.finditer(ctx.clean, clause_start, cue_pos)]
    for seg in reversed(segs[1:]):
        opener = ctx.pats.clause_opener.match(ctx.clean, seg, cue_pos) if seg < cue_pos else None
        p = ctx.pronoun_re.match(ctx.clean, opener.end()) if opener is not None else None
        if p is None:
            continue
        rest = ctx.clean[p.end():cue_pos]
        if "被" in rest or ctx.pronoun_re.search(rest) or (ctx.no_subject_cue is not None and ctx.no_subject_cue.search(rest)) \
                or len(rest) > 40 or ctx.clean.startswith("的", p.end()):
            return None
        found = _leading_pronoun(ctx, seg, cue_pos)
        return found
    return None


def _pronoun_before(ctx: _Context, clause_start: int, cue_pos: int):
    window = ctx.clean[clause_start:cue_pos]
    m = None
    for m in ctx.pronoun_re.finditer(window):
        pass
    if m is None or not ctx.pats.gap_before_verb.match(window[m.end():]):
        return None
    pos = clause_start + m.start()
    if ctx.pats.addressee_before.search(ctx.clean, max(clause_start, pos - 2), pos):
        return None  # 有投资人当面向他提问: the one spoken to is no subject
    ref = _resolve_pronoun(ctx, pos)
    if ref is None:
        return None
    return {**ref, "_pronoun": True}, (pos, pos + len(m.group(0)))


def _resolve_pronoun(ctx: _Context, pos: int, pronoun: Optional[str] = None) -> Optional[dict]:
    """The person a pronoun at ``pos`` refers to (:func:`_salient_person`); a pronoun that sets itself
    against the one before (``她则表示`` / ``他却认为``) is the one other person named in the paragraph,
    or nobody when that is not clear. 他 never picks a person the text calls 她 (and vice versa):
    ``pronoun`` is the pronoun when ``pos`` is not where it stands (a quote before ``…”他说``)."""
    p = ctx.pronoun_re.match(ctx.clean, pos)
    pronoun = pronoun or (p.group(0) if p else None)
    ref = _salient_person(ctx, pos, pronoun)
    if ref is not None and (not ctx.gender_fits(ref, pronoun) or _is_narrator(ctx, pos, ref) or _is_answerer(ctx, pos, ref)):
        return None
    if ref is None or p is None or not ctx.clean.startswith(ctx.pats.contrast_after_pronoun, p.end()):
        return ref
    para = ctx.paragraph_start(pos)
    others = {m["name"]: m for m in ctx.mentions_between(para, pos) if m["name"] != ref["name"]}
    return next(iter(others.values())) if len(others) == 1 else None


def _replied_panelist(ctx: _Context, pos: int, pronoun: Optional[str]) -> Optional[dict]:
    """甲：…。⏎乙：对，她说“…”: a pronoun opening an answer, nobody named in the turn before it, right after another
    guest's answer (not a question) is that guest, when the gender fits."""
    turn = ctx.turn_at(pos) if ctx.qa_turns else None
    if turn is None or turn.get("is_question") or ctx.clean[turn["cstart"]:pos].count("。") \
            or [m for m in ctx.mentions_between(turn["cstart"], pos) if not ctx.in_quote(m["start"], m["end"])]:
        return None
    i = ctx.qa_turns.index(turn)
    prev = ctx.qa_turns[i - 1] if i else None
    if prev is None or prev.get("is_question") or prev["label"] == turn["label"] or not prev.get("speaker"):
        return None
    who = prev["speaker"]
    mention = next((m for m in reversed(ctx.mentions_between(0, pos)) if m["name"] == who["name"]), None) \
        or {**_label_mention(who["name"], prev["label_start"], prev["label_end"]), **{k: who.get(k) for k in ("title", "org", "kb_id")}}
    return mention if ctx.gender_fits(mention, pronoun) else None


def _named_speaker_just_before(ctx: _Context, para: int, pos: int, pronoun: Optional[str]) -> Optional[dict]:
    """The last speaker of the paragraph before ``para``, when that paragraph names them outside its quotes as
    the subject of a speech verb (``贺某说``, not a cited ``某某去年的一句话``), no one else is named there after
    them, and the pronoun's gender fits."""
    start = ctx.previous_paragraph_start(para)
    if start >= para:
        return None
    spoke = [x for x in ctx.speakers_between(start, para) if not _is_narrator(ctx, pos, x[1])]
    if not spoke:
        return None
    who = spoke[-1][1]
    named = _antecedents_outside_quotes(ctx, start, para)
    if not named or named[-1]["name"] != who["name"] or not ctx.gender_fits(who, pronoun) \
            or _verb_after(ctx, named[-1]["end"]) is None:
        return None
    return named[-1]


def _subject_of_the_sentence_before(ctx: _Context, agents: list[dict], recent: list[dict], pos: int) -> bool:
    """``某某就不同意乙的看法。…她的理由很直接``: the one agent opens the sentence just before the pronoun's and takes
    a position on the others' view there (the others only possess it), so the pronoun goes on with the one arguing.
    (某某介绍了乙的经历。他说: the one whose story is told may be meant as well; nobody then.)"""
    first = agents[0]
    ends = [m.start() for m in _SENTENCE_END.finditer(ctx.clean, first["end"], pos)]
    if len(ends) != 1:
        return False
    start = max(ctx.clean.rfind(ch, 0, first["start"]) for ch in "。！？；\n") + 1
    others = [m for m in recent if first["end"] <= m["start"] < ends[0]]
    return bool(others) and all(m["start"] >= first["start"] for m in recent if m["start"] >= start) \
        and not [m for m in recent if ends[0] < m["start"] < pos] \
        and _POSITION_ON_VIEW.search(ctx.clean, first["end"], others[0]["start"]) is not None


# 不同意 / 反驳 / 认同…: a verb of taking a position on someone's view
_POSITION_ON_VIEW = re.compile(r"同意|认同|赞同|反对|反驳|质疑|回应|驳斥")


def _salient_person(ctx: _Context, pos: int, pronoun: Optional[str] = None) -> Optional[dict]:
    """He/she = the most salient person: last mentioned in this paragraph, else the section's speaker,
    else the last speaker before when nobody else was named since, else the one person named since
    (in narration: ``某某听过太多类似的说法。“…”他说``)."""
    para = ctx.paragraph_start(pos)
    recent = _antecedents_outside_quotes(ctx, para, pos)
    if recent and _COMMA_SPACE.fullmatch(ctx.clean, recent[-1]["end"], pos):
        return recent[-1]  # …越走越远的周某，他在演讲时说: the name right before the pronoun
    if not recent:
        replied = _replied_panelist(ctx, pos, pronoun)
        if replied is not None:
            return replied
    # 初次登台的周某并不紧张，他对主持人说: the one subject named earlier in the same sentence
    subjects = [m for m in ctx.unaddressed(ctx.clause_start(pos), pos) if not ctx.clean.startswith("的", m["end"])
                and (m in recent or m["start"] < para)]
    if len({m["name"] for m in subjects}) == 1:
        return subjects[-1]
    if recent and pronoun:
        earlier = ctx.pronoun_ref_before(para, pos, pronoun) or _opening_pronoun(ctx, para, pos, pronoun)
        if earlier is not None and any(m["name"] != earlier[2] and m["start"] > earlier[0] for m in recent):
            # 她引用了某某的一句话：“…”她说: the pronoun goes on with the one it referred to before, unless
            # the one named since is of the other gender; when neither is clear, nobody
            # (他引用某某的话说：“…”他又说: the one cited is named since, but is not who the pronoun goes on with)
            newer = [m for m in recent if m["start"] > earlier[0] and m["name"] != earlier[2] and not _cited_possessor(ctx, m)]
            if not any(ctx.gender_fits(m, pronoun) for m in newer):
                return next(m for m in ctx.mentions_between(0, pos)[::-1] if m["name"] == earlier[2]) \
                    if any(m["name"] == earlier[2] for m in ctx.mentions_between(0, pos)) else None
            return None
    if recent:
        names = {m["name"] for m in recent}
        if len(names) > 1:
            # 马某的观点: a possessor is less likely the one the pronoun picks up than an agent.
            # Within its sentence only: after a full stop (A介绍了B的经历。他说…) either may be meant.
            agents = [m for m in recent if not ctx.clean.startswith("的", m["end"]) and not _cited_possessor(ctx, m)]
            if len({m["name"] for m in agents}) == 1 and (not _SENTENCE_END.search(ctx.clean, agents[-1]["end"], pos)
                                                         or _subject_of_the_sentence_before(ctx, agents, recent, pos)):
                return agents[-1]
        if len(names) > 1 and pronoun:
            # 柯某和孟某共事过，看法却不同。她直言: of several named, the one the pronoun's gender fits, when every
            # other one is known (from an earlier 他/她) to be of the other gender
            one = _only_one_of_gender(ctx, list({m["name"]: m for m in recent}.values()), pronoun)
            if one is not None:
                return next(m for m in reversed(recent) if m["name"] == one["name"])
        if len(names) > 1:
            subject = _previous_sentence_subject(ctx, para, pos, pronoun)
            if subject is not None:
                return subject  # 甲建议…。乙拒绝了。他对甲说: the subject of the sentence just before
        # Two people named in the paragraph: the speaker of the paragraph, if one spoke already.
        return recent[-1] if len(names) == 1 else _paragraph_speaker(ctx, para, pos)
    spoke = _paragraph_speaker(ctx, para, pos)
    if spoke is not None:
        return spoke  # 在某某看来，…。他…: one who spoke in this paragraph through a frame no mention holds
    section = ctx.section_speaker(pos)
    if section is not None:
        nearer = None if section.get("_talk") else _named_speaker_just_before(ctx, para, pos, pronoun)
        # (a profile under its subject's headline: ``…”贺某说。⏎不过他并不认为…`` goes on with 贺某, who
        # was named speaking in the paragraph just before)
        return nearer if nearer is not None and nearer["name"] != section["name"] else section
    if ctx.pats.unnamed_person is not None and ctx.pats.unnamed_person.search(ctx.clean, para, pos):
        return None  # 最后一位是某公司的研究负责人……他说: the paragraph's unnamed person, not the last one named
    if _familiar_nickname(ctx.lex).search(ctx.clean, para, pos):
        return None  # 老周送我去车站。临别时他…: a person no mention holds, not one named before
    # The paragraphs before, nearest first, up to the first that has a speaker or names someone: its
    # last speaker, else the one person it names (in narration: 某某笑了笑，没有回答。⏎会后他补充道).
    walk = para
    last = _last_speaker_not_narrator(ctx, pos)
    for back in range(_PRONOUN_PARAGRAPHS_BACK):
        if walk == 0:
            break
        start = ctx.previous_paragraph_start(walk)
        opening = _opening_pronoun(ctx, start, walk, pronoun) if pronoun else None
        if opening is not None:
            # 她还引用了某某的话：“…”⏎她…: a paragraph opening with the same pronoun, the one it is about
            return next((m for m in reversed(ctx.mentions_between(0, start)) if m["name"] == opening[2]), None) \
                or next((m for _, m, _ in reversed(ctx.speakers_between(0, start)) if m["name"] == opening[2]), None)
        spoke = [x for x in ctx.speakers_between(start, walk) if not _is_narrator(ctx, pos, x[1])]
        if spoke:
            return _named_since_in_story(ctx, spoke[-1][0], walk, pos, pronoun) or spoke[-1][1]
        named = {m["name"]: m for m in ctx.mentions_between(start, walk) if not ctx.in_quote(m["start"], m["end"])}
        if named:
            one = next(iter(named.values())) if len(named) == 1 else _only_one_of_gender(ctx, list(named.values()), pronoun)
            if one is None:
                return None
            # the previous paragraph's one person when nobody spoke before; a person further back, or
            # one named after someone spoke, only where a person is introduced
            newcomer = back > 0 or (last is not None and last[1]["name"] != one["name"])
            return one if not newcomer or _introduced(ctx, one) else None
        walk = start
    return last[1] if last is not None else None  # an earlier speaker, nobody named since


def _only_one_of_gender(ctx: _Context, named: list[dict], pronoun: Optional[str]) -> Optional[dict]:
    """Of several people named in a paragraph, the one 他/她 may refer to when every other one is known to be of
    the other gender (``她与某某的分歧``, 某某 referred to as 他 before); else None."""
    fits = [m for m in named if ctx.gender_fits(m, pronoun, unknown=True)]
    return fits[0] if len(fits) == 1 and all(ctx.gender_fits(m, pronoun, unknown=False) is False or m is fits[0]
                                             for m in named) else None


def _named_since_in_story(ctx: _Context, spoke_at: int, end: int, pos: int, pronoun: Optional[str]) -> Optional[dict]:
    """In a first-person narrative, the one person named outside quotes after the last speaker of a paragraph
    before (``…朋友某某发来消息：「…」我把消息转给老周看。⏎“不开。”他…``): the one the narrator turns to next."""
    if not ctx.first_person_sections or ctx.turn_at(pos) is not None or _story_narrator(ctx, pos) is None:
        return None
    since = {m["name"]: m for m in ctx.mentions_between(spoke_at + 1, end) if not ctx.in_quote(m["start"], m["end"])
             and not _is_narrator(ctx, pos, m)}
    if len(since) != 1:
        return None
    one = next(iter(since.values()))
    return one if ctx.gender_fits(one, pronoun) else None


def _last_speaker_not_narrator(ctx: _Context, pos: int) -> Optional[tuple[int, dict, str]]:
    """The last speaker noted before ``pos`` who is not the narrator of the first-person section there."""
    last = ctx.speaker_before(pos)
    if last is None or not _is_narrator(ctx, pos, last[1]):
        return last
    i = bisect_left(ctx.last_speaker_at, pos, key=_POSITION)
    return next((x for x in reversed(ctx.last_speaker_at[:i]) if not _is_narrator(ctx, pos, x[1])), None)


def _is_narrator(ctx: _Context, pos: int, ref: dict) -> bool:
    """Whether ``ref`` is the 我 of the first-person section around ``pos`` (outside Q&A turns): 他/她 is someone else."""
    if not ctx.first_person_sections or ctx.turn_at(pos) is not None:
        return False
    owner = _story_narrator(ctx, pos)
    return owner is not None and owner["name"] == ref["name"]


def _is_answerer(ctx: _Context, pos: int, ref: dict) -> bool:
    """Whether ``ref`` answers the Q&A turn around ``pos``: the answerer says 我, so 他/她 there is someone else."""
    t = ctx.turn_at(pos)
    return t is not None and not t.get("is_question") and bool(t.get("speaker")) and t["speaker"]["name"] == ref["name"]


def _story_narrator(ctx: _Context, pos: int) -> Optional[dict]:
    """The narrator of a first-person story around ``pos`` (:func:`_book_author`), not the owner of a section
    headed by a speaker's name (there 他 may well be that speaker)."""
    owner = next((m for start, end, m in ctx.first_person_sections if start <= pos < end), None)
    return owner if owner is not None and owner.get("_narrator") else None


_COMPARED_BEFORE = re.compile(r"(?:和|与|跟|同|较|比起|相比|相较于|相比于|对比)$")
_COMPARED_AFTER = re.compile(r"(?:相比|相较|比起来|不同|不一样|一样|类似)|[，,]")


def _compared_with(ctx: _Context, m: dict) -> bool:
    """``和某某相比`` / ``与某某不同`` / ``相比某某，``: a person named as the one compared with."""
    before = ctx.clean[max(0, m["start"] - 3):m["start"]]
    if not _COMPARED_BEFORE.search(before):
        return False
    after = _COMPARED_AFTER.match(ctx.clean, m["end"])
    return after is not None and (after.group(0) not in "，," or before.endswith(("相比", "相较于", "相比于", "比起", "对比")))


def _antecedents_outside_quotes(ctx: _Context, para: int, pos: int) -> list[dict]:
    """The mentions of the paragraph before a pronoun at ``pos``; when the pronoun stands outside quotes, not
    those named inside someone's words (``“某某和我没有分歧，”他说``: 他 is the one speaking, not the one spoken of)."""
    recent = ctx.mentions_between(para, pos)
    if len(recent) > 1:
        # 和某某相比，乙的判断要温和一些。他认为…: the one compared with is not the one the pronoun picks up
        kept = [m for m in recent if not _compared_with(ctx, m)]
        recent = kept or recent
    if recent and ctx.qa_turns:
        # (邱某：…我问我们的CTO罗某：“…”他想了很久: the turn's own label is the 我 of the answer, never its 他)
        turn = ctx.turn_at(pos)
        if turn is not None and not turn.get("is_question") and turn.get("label_start") is not None:
            recent = [m for m in recent if not turn["label_start"] <= m["start"] < turn["label_end"]]
    if not recent or ctx.in_quote(pos, pos + 1):
        return recent
    return [m for m in recent if not ctx.in_quote(m["start"], m["end"])]


def _not_stale_references(mentions: list[dict], clean: str, pats: CuePatterns, lex) -> list[dict]:
    """The mentions but a ``这位投资人`` that speakers.py read as the person named before with that title, when a
    new unnamed one of that title was introduced since (``另一位接近公司的投资人…“…”这位投资人说``): it is that one."""
    scan = _another_person_scan(pats.cues.another_person)
    if scan is None or not mentions:
        return mentions
    determiners = tuple(lex.data.title_determiners)
    out = []
    for m in mentions:
        surface = clean[m["start"]:m["end"]]
        det = next((d for d in determiners if surface.startswith(d)), None) if m.get("source") == "partial" else None
        if det and len(surface) > len(det):
            title = surface[len(det):]
            full = [x for x in out if x["name"] == m["name"] and x["end"] <= m["start"] and x.get("source") != "partial"]
            since = full[-1]["end"] if full else 0
            if any(title in clean[a.end():a.end() + 20] for a in scan.finditer(clean, since, m["start"])):
                continue
        out.append(m)
    return out


@lru_cache(maxsize=8)
def _another_person_scan(words: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(alternation(words)) if words else None


def _not_likenesses(mentions: list[dict], clean: str, lex) -> list[dict]:
    """The mentions but those that only say what someone is like (``一位是某某那一路的产品人，他…``): no rule
    takes such a name for a speaker or an antecedent."""
    scan = _likeness_scan(lex)
    if scan is None or not mentions:
        return mentions
    return [m for m in mentions if not scan.match(clean, m["end"])]


@lru_cache(maxsize=8)
def _likeness_scan(lex) -> Optional[re.Pattern]:
    """``某某那一派的`` / ``某某老师那样的``: a name that only says what someone is like (``likeness_after_name``
    of names.yaml, after an optional honorific)."""
    words = lex.data.likeness_after_name
    if not words:
        return None
    honorific = alternation(lex.data.honorifics) if lex.data.honorifics else "(?!)"
    return re.compile(f"(?:{honorific})?(?:{alternation(words)})")


def _previous_sentence_subject(ctx: _Context, para: int, pos: int, pronoun: Optional[str]) -> Optional[dict]:
    """The person opening the sentence right before a pronoun that opens its own (``乙拒绝了。他…``), when
    that sentence names nobody else as an agent and holds no quote; else None."""
    start = ctx.clause_start(pos)
    ends = ctx.clean[start - 1] in "。！？!?" or (ctx.clean[start - 1] in "”」』" and ctx.clean[start - 2:start - 1] in ("。", "！", "？", "!", "?"))
    if ctx.pats.clause_opener.match(ctx.clean, start, pos).end() != pos or start <= para or not ends:
        return None  # (a sentence ends before it, maybe inside a closing quote: 的说法：“…。”他表示)
    stop = start
    if ctx.clean[start - 1] in "”」』":
        # 默瑟还引用了某某的说法：“…。”他表示: the sentence before is the one the quote closes; its words outside the quote
        stop = max(ctx.clean.rfind(o, para, start - 1) for o in "“「『")
        if stop < para:
            return None
    prev = ctx.clause_start(stop if stop < start else start - 1)
    if prev < para or ctx.in_quote(prev, stop):
        return None
    named = [m for m in ctx.mentions_between(prev, stop) if not ctx.clean.startswith("的", m["end"]) and not _cited_possessor(ctx, m)]
    if not named or named[0]["start"] != ctx.pats.clause_opener.match(ctx.clean, prev, stop).end():
        return None
    if len(named) == 2 and named[0]["name"] != named[1]["name"] and ctx.pats.asked_before is not None:
        between = ctx.clean[named[0]["end"]:named[1]["start"]]
        asked = ctx.pats.asked_before.search(between)
        if asked and ctx.pats.gap_before_verb.match(between[:asked.start()]):
            # 赵某问钱某怎么看。他笑着说: the one asked answers
            return named[1] if ctx.gender_fits(named[1], pronoun) else None
    if len({m["name"] for m in named}) > 1 or not ctx.gender_fits(named[0], pronoun):
        return None
    return named[0]


def _opening_pronoun(ctx: _Context, para: int, end: int, pronoun: str) -> Optional[tuple[int, str, str]]:
    """``(position, pronoun, name)`` when the first pronoun of the paragraph at ``para`` (before ``end``,
    outside quotes, before any name) is ``pronoun`` and refers to someone named before the paragraph."""
    p = ctx.pronoun_re.search(ctx.clean, para, end)
    while p is not None and ctx.in_quote(p.start(), p.end()):
        p = ctx.pronoun_re.search(ctx.clean, p.end(), end)
    # (記者問她，如果…: the paragraph's first pronoun, before anyone it names)
    if p is None or p.group(0) != pronoun or para == 0 or ctx.mentions_between(para, p.start()):
        return None
    ref = _salient_person(ctx, p.start(), pronoun)
    return (p.start(), pronoun, ref["name"]) if ref is not None and ctx.gender_fits(ref, pronoun) else None


def _introduced(ctx: _Context, m: dict) -> bool:
    """Whether a mention stands where a person is introduced as a subject: with a title or organisation,
    from the knowledge base, or opening its clause (not ``并不信任…`` inside a predicate)."""
    if m.get("title") or m.get("org") or m.get("source") in ("kb", "story"):
        return True
    before = ctx.clean[max(0, m["start"] - 3):m["start"]].rstrip(" \t\u3000")
    return not before or before[-1] in _CLAUSE_OPENING


_CLAUSE_OPENING = "\n。！？!?；;，,：:、”」』）)"
@lru_cache(maxsize=8)
def _familiar_nickname(lex) -> re.Pattern:
    """``老周`` / ``小王``: a familiar prefix and a surname (``familiar_prefixes`` of names.yaml)."""
    surnames = [s for s in lex.surnames if len(s) == 1]
    # (not 老师 / 老江湖 / 老高管: words, not people)
    return re.compile(f"(?:{alternation(lex.data.familiar_prefixes)})(?:{alternation(surnames)})(?<!老师)(?!湖|管|层|端)")


# How many paragraphs naming nobody a pronoun looks back across.
_PRONOUN_PARAGRAPHS_BACK = 3


_COMMA_SPACE = re.compile(r"\s*[，,]?\s*")
_GENDERED = ("他", "她")
# ``”她同时提醒，“`` right before a quote: a closing mark, 他/她 and a short tag with no other person in it
_PRONOUN_TAG_BEFORE = re.compile(r"[”」』。！？]\s*(?P<p>[他她])[^，,。：:“”「」他她]{1,8}[，,：:]\s*$")
_HONORIFIC_GENDER = {"先生": "他", "女士": "她", "小姐": "她"}


def _paragraph_speaker(ctx: _Context, para: int, pos: int) -> Optional[dict]:
    """The last person who spoke in the paragraph starting at ``para`` before ``pos``, if any (not the narrator
    of a first-person section: 他/她 is someone else)."""
    speakers = [x for x in ctx.speakers_between(para, pos) if not _is_narrator(ctx, pos, x[1])]
    if speakers:
        return speakers[-1][1]
    return None


# --- 3. speaker after the quote ---------------------------------------------------------------------


# After a speech verb: a colon or an opening mark, so what it says comes next (道 / 了 may stand between).
_INTRODUCES_NEXT = re.compile(r"[道了]?\s*[：:]|的?是\s*[“「『]")  # (…”，乙说的是「…」 / 乙认为是“…”: 乙's words come next)


def _relayed_saying(ctx: _Context, pos: int):
    """``这是某某常挂在嘴边的话`` right after a speech verb at ``pos`` (``“…”他说这是…``): the quote is 某某's,
    passed on by the one who speaks; ``(mention, span, method, confidence, cue)`` or None."""
    m = ctx.pats.back_reference.match(ctx.clean, pos)
    if not m:
        return None
    for mention in ctx.mentions_between(m.end(), m.end() + 30):
        between = ctx.clean[m.end():mention["start"]]
        if between.strip() and not ctx.title_tail.search(between):
            return None
        if ctx.pats.back_reference_tail.match(ctx.clean, mention["end"]):
            return mention, (mention["start"], mention["end"]), "explicit", 0.7, m.group(0).strip()
        return None
    return None


def _speaker_after_quote(r: dict, ctx: _Context):
    """``“…”，杨植麟说。`` / ``“…”他强调。`` / ``“…”王小川的这句话``."""
    pos = r["end"]
    m = _COMMA_GAP.match(ctx.clean[pos:pos + 3])
    pos += m.end()
    lead = ctx.pats.transition_lead.match(ctx.clean, pos) if ctx.pats.transition_lead else None
    if lead:
        pos = lead.end()  # “…”说到这里，她停顿了一会，“…”: the words that close the quote lead to its speaker
    found = _speaker_phrase_after(ctx, pos)
    if found is not None:
        mention, verb = found
        after = mention["end"] + verb.end()  # (the verb's offsets follow the name)
        if _INTRODUCES_NEXT.match(ctx.clean, after):
            return None  # “…？”潘某回答：“…”: the verb introduces the next quote, not this one
        if _partial_of_another_before(r, ctx, mention, after):
            return None  # 甲说自己“只懂模型”，乙则认为…: 乙's verb takes a clause of its own
        if ctx.clean[r["cstart"]:r["cend"]].rstrip().endswith(("？", "?")) and ctx.clean[after:after + 1] in ("，", ","):
            return None  # “…怎么看？”李某表示，…: a question put to the one who answers next
        relayed = _relayed_saying(ctx, after)
        if relayed is not None and relayed[0]["name"] != mention["name"]:
            return relayed  # “…”乙说这是甲的口头禅: 甲's words, which 乙 passes on
        return mention, (mention["start"], mention["end"]), "explicit", 0.9, verb.group(0)
    thus = _said_thus_later(r, ctx, pos)
    if thus is not None:
        return thus
    mentions = ctx.mentions_between(pos, pos + 20)
    if mentions and mentions[0]["start"] == pos:
        mention = mentions[0]
        tail = ctx.pats.said_it_thus.match(ctx.clean, mention["end"])
        if tail:
            return mention, (mention["start"], mention["end"]), "explicit", 0.8, tail.group(0)
        if _gesture_after(r, ctx, mention["end"]):
            return mention, (mention["start"], mention["end"]), "explicit", 0.6, None
        action = _ACTION_BETWEEN_QUOTES.match(ctx.clean, mention["end"])
        if action is not None and _broken_by_action(ctx.clean[r["cstart"]:r["cend"]].rstrip()[-1:], action) \
                and not ctx.clean.startswith("的", mention["end"]) and not ctx.mentions_between(mention["end"], action.end()):
            # “明年一定能盈利，”某某笑了笑，“…” / “…。”某某笑了笑，“…”: a quote broken by the speaker's action, no verb
            return mention, (mention["start"], mention["end"]), "explicit", 0.6, None
        return None
    p = ctx.pronoun_re.match(ctx.clean, pos)
    if p:
        verb = _verb_after(ctx, p.end())
        if verb is not None:
            relayed = _relayed_saying(ctx, p.end() + verb.end())
            if relayed is not None:
                return relayed  # “…”他说这是某某常挂在嘴边的话: 某某's words, which he passes on
            ref = _resolve_pronoun(ctx, r["start"], p.group(0))
            if ref is not None:
                return ref, (p.start(), p.end()), "pronoun", 0.75, verb.group(0)
        if _gesture_after(r, ctx, p.end()):
            ref = _resolve_pronoun(ctx, r["start"], p.group(0))
            if ref is not None:
                return ref, (p.start(), p.end()), "pronoun", 0.55, None
        action = _ACTION_BETWEEN_QUOTES.match(ctx.clean, p.end())
        if action is not None and (ctx.clean[r["cstart"]:r["cend"]].rstrip()[-1:] in ("，", ",") or _statement_resumed(r, ctx, action)):
            # “我不是说云会消失，”他停顿了一下，“…”: a quote broken by the speaker's action, no verb
            ref = _resolve_pronoun(ctx, r["start"], p.group(0))
            if ref is not None:
                return ref, (p.start(), p.end()), "pronoun", 0.6, None
    # “…”，聊起这件事时他也是这么说的: a pronoun with a back-reference later in the clause
    clause = ctx.clean[pos:pos + 30]
    stop = _CLAUSE_OR_QUOTE.search(clause)
    clause = clause[:stop.start()] if stop else clause
    for p in ctx.pronoun_re.finditer(clause):
        tail = _ADVERBS.match(clause, p.end())
        thus = ctx.pats.said_it_thus.match(clause, tail.end())
        if thus and not ctx.mentions_between(pos, pos + p.start()):
            ref = _resolve_pronoun(ctx, r["start"], p.group(0))
            if ref is not None:
                return ref, (pos + p.start(), pos + p.end()), "pronoun", 0.7, thus.group(0)
    # “…”在昨天的发布会上，某公司创始人某某这样说: a time or place phrase, then the speaker
    found = _speaker_after_a_frame(ctx, pos)
    if found is not None:
        return found
    # “…”，该公司首席技术官在分享中表示: the cue after the quote has a subject that names nobody
    verb = ctx.verb_re.search(clause)
    if verb is not None and not ctx.pronoun_re.search(clause, 0, verb.start()):
        nobody = _nobody_before(ctx, pos, pos + verb.start())
        if nobody:
            return None, None, nobody, 0.0, verb.group(0)
    return None


def _broken_by_action(last: str, action: re.Match) -> bool:
    """Whether a quote ending in ``last`` and followed by a named person's ``action`` and a new quote is one
    statement broken off: after a comma always (``“…，”某某笑了笑，“…”``); after a full stop too, unless the
    action turns against what was said (``“…。”某某摇了摇头，“…”`` answers someone else)."""
    if last in ("，", ","):
        return True
    return last in ("。", "！", "!") and not _DISSENT_ACTION.search(action.group(0))


# An action that answers the quote before it rather than going on with it.
_DISSENT_ACTION = re.compile(r"摇|皱眉|打断|反问|不以为然")


def _statement_resumed(r: dict, ctx: _Context, action: re.Match) -> bool:
    """``“…。”她把茶杯推到我面前，“…”``: a statement ended, then the speaker's action and a comma, and the speaker
    goes on in a new quote; nobody else named in the action."""
    content = ctx.clean[r["cstart"]:r["cend"]].rstrip()
    return content.endswith(("。", "！", "!")) and not ctx.mentions_between(r["end"], action.end())


def _partial_of_another_before(r: dict, ctx: _Context, mention: dict, after: int) -> bool:
    """``甲说自己“只会写代码”，乙则认为并非如此``: a quote inside another person's reported clause, not
    ending a sentence, and the verb after the next name goes on with words of its own: that verb is no tag of it."""
    content = ctx.clean[r["cstart"]:r["cend"]].rstrip()
    if content.endswith(("。", "！", "？", "!", "?", "…")) or not _CJK_CHAR.match(ctx.clean, after):
        return False
    if any(m["name"] != mention["name"] for _, _, m, _ in ctx.reported_holding(r["start"], r["end"])):
        return True
    start = ctx.clause_start(r["start"])
    verb = None
    for verb in ctx.verb_re.finditer(ctx.clean, max(start, r["start"] - 8), r["start"]):
        pass  # (甲说自己“…”: a speech verb shortly before the quote, its subject someone else)
    return verb is not None and any(m["name"] != mention["name"] for m in ctx.unaddressed(start, verb.start()))


def _gesture_after(r: dict, ctx: _Context, pos: int) -> bool:
    """``“…。”某某笑了笑。``: a gesture ending the sentence right after a quote that ends a statement.
    A question (``“…吗？”某某笑了笑。``) is more often put to the one who reacts to it, so it is left."""
    if ctx.pats.gesture is None or not ctx.pats.gesture.match(ctx.clean, pos):
        return False
    content = ctx.clean[r["cstart"]:r["cend"]].rstrip()
    return not content.endswith(("？", "?", "，", ","))


# After the pronoun of a quote broken off with a comma: a short action and a comma, then the quote goes on.
_ACTION_BETWEEN_QUOTES = re.compile(r"[^，,。；;！？!?“”「」\n]{1,10}[，,]\s*(?=[“「])")
# 他也是这么说的: adverbs between a pronoun and 这么说.
_ADVERBS = re.compile(r"(?:也|还|都|就|曾|一直)*")


def _speaker_after_a_frame(ctx: _Context, pos: int):
    """The first person of the sentence after a quote, when only a time or place phrase and the
    person's organisation and title stand before them and a speech verb or 这样说 follows."""
    end = _CLAUSE_OR_QUOTE.search(ctx.clean, pos)
    end = end.start() if end else len(ctx.clean)
    people = ctx.mentions_between(pos, end)
    if not people or ctx.pats.gap_frame is None:
        return None
    m = people[0]
    lead = ctx.clean[pos:m["start"]]
    frame = ctx.pats.gap_frame.match(lead)
    if not frame or not frame.group(0):
        return None
    rest = lead[frame.end():].lstrip("，, ")
    if rest and not ctx.title_tail.search(rest):
        return None
    verb = _verb_after(ctx, m["end"])
    thus = ctx.pats.said_it_thus.match(ctx.clean, m["end"])
    if verb is None and thus is None:
        return None
    return m, (m["start"], m["end"]), "explicit", 0.85, (verb or thus).group(0)


# Where a sentence ends or another quote opens: what comes after a quote is looked at up to here.
_CLAUSE_OR_QUOTE = re.compile(r"[。！？!?；;\n“「『]")


def _dash_signature(r: dict, ctx: _Context):
    """``“价格终会降到人人用得起。”⏎——星河机器人总裁贺川``: a signature line after the quote; ``（贺川，在某论坛上）``
    right after it names its speaker the same way; a signature naming nobody (``——一位投资人``) is anonymous."""
    m = _DASH_LINE.match(ctx.clean, r["end"])
    if not m:
        return _bracket_signature(r, ctx)
    line_end = ctx.paragraph_end(m.end())
    for mention in ctx.mentions_between(m.end(), min(line_end, m.end() + 40)):
        return mention, (mention["start"], mention["end"]), "explicit", 0.85, m.group(0).strip()
    if ctx.pats.anonymous is not None and ctx.pats.anonymous.match(ctx.clean, m.end()) \
            or ctx.title_re.search(ctx.clean[m.end():min(line_end, m.end() + 24)]):
        return None, None, "anonymous", 0.0, None  # ——一位投资人 / ——某云厂商CTO: a role with no name
    return None


def _bracket_signature(r: dict, ctx: _Context):
    """``“…”（贺川，某公司创始人，在某论坛上）``: a bracket right after the quote that opens with a name."""
    pos = _SIGNATURE_BRACKET_GAP.match(ctx.clean, r["end"]).end()
    if ctx.clean[pos:pos + 1] not in ("（", "("):
        return None
    close = _SIGNATURE_BRACKET_END.search(ctx.clean, pos + 1, pos + 80)
    if close is None or ctx.clean[close.start()] not in "）)":
        return None
    mention = next(iter(ctx.mentions_between(pos + 1, close.start())), None)
    if mention is None or mention["start"] != pos + 1:
        return None
    return mention, (mention["start"], mention["end"]), "explicit", 0.8, ctx.clean[pos]


_SIGNATURE_BRACKET_END = re.compile(r"[）)\n“”]")
_SIGNATURE_BRACKET_GAP = re.compile(r"[ \t\u3000]*\n?[ \t\u3000]*")


_DASH_LINE = re.compile(r"[ \t]*\n?[ \t\u3000]*(?:——|—|－－|--|―)[ \t]*")


def _block_quote(r: dict, ctx: _Context):
    """A paragraph opening with a quote after a paragraph that ends in ``某某表示：`` / ``她提到：``."""
    if not _opens_paragraph(ctx, r["start"]):
        return None
    end = ctx.paragraph_start(r["start"]) - 1
    while end > 0 and ctx.clean[end - 1] in " \t\n\u3000":
        end -= 1
    if end <= 0 or ctx.clean[end - 1] not in "：:":
        return None
    found = _speaker_before_quote({"start": end}, ctx)
    if found and found[0] is not None:
        mention, span, method, conf, cue = found
        return mention, span, method, round(conf - 0.05, 3), cue
    # (网友 / 读者 in that clause act on the text, the one who wrote it is named before the word for it)
    return _author_of_text_before(ctx, end) or found


def _author_of_text_before(ctx: _Context, end: int):
    """``我们先把亓某原博的主体部分摘录如下：`` / ``他的一条转发被大量网友顶上热门：`` ending the paragraph before a block
    quote: the one person (or pronoun) right before a word for what they wrote (``text_nouns``), alone in that clause."""
    scan = _phrase_scan(ctx.pats.cues.text_nouns)
    if scan is None:
        return None
    start = max(ctx.clean.rfind(c, 0, end - 1) for c in "。！？；\n") + 1
    nouns = list(scan.finditer(ctx.clean, start, end))
    if not nouns:
        return None
    people = ctx.unaddressed(start, end)
    if len({m["name"] for m in people}) > 1:
        return None
    for noun in nouns:
        lead = ctx.clean[start:noun.start()]
        if people and _BEFORE_TEXT_NOUN.fullmatch(ctx.clean, people[0]["end"], noun.start()):
            m = people[0]
            return m, (m["start"], m["end"]), "explicit", 0.7, noun.group(0)
        p = ctx.pronoun_re.search(lead)
        if not people and p is not None and _BEFORE_TEXT_NOUN.fullmatch(ctx.clean, start + p.end(), noun.start()):
            ref = _resolve_pronoun(ctx, start + p.start())
            if ref is not None:
                return {**ref, "_pronoun": True}, (start + p.start(), start + p.end()), "pronoun", 0.65, noun.group(0)
    return None


# Between a person and the word for what they wrote: 的, a measure (一条) or nothing (亓某原博 / 他的一条转发).
_BEFORE_TEXT_NOUN = re.compile(r"的?(?:[一两几这那][条篇封段则]|最新的?|当天的?)?")


def _opens_paragraph(ctx: _Context, pos: int) -> bool:
    """Whether only indentation stands before ``pos`` in its paragraph; most quotes fail at the
    character right before them, without reading back to the paragraph start."""
    if pos and ctx.clean[pos - 1] not in " \t\u3000\n":
        return False
    return not ctx.clean[ctx.paragraph_start(pos):pos].strip(" \t\u3000")


# 跟我 / 对我 after the narrator's 我: the narrator is the one spoken to (某某跟我说), not the speaker
_ME_SPOKEN_TO = re.compile(r"(?:[跟向给朝冲]我|对我(?!来说|而言))(?!们)")


@lru_cache(maxsize=8)
def _cite_scan(verbs: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(alternation(verbs)) if verbs else None


def _cited_text(r: dict, ctx: _Context):
    """``扉页上引的是某篇旧文的末段：“…”``: a colon lead-in that cites a text (``cite_verbs``) with no person
    named after the verb: the words are the cited author's, whom no mention holds, not the subject's; nobody.
    (``引用了某某的话：“…”`` names the author after the verb and is left to the other rules.)"""
    start = ctx.clause_start(r["start"])
    closed = max(ctx.clean.rfind(ch, start, r["start"]) for ch in "”」』")
    start = max(start, closed + 1)  # (引用了一句话——“…”，随后又说：“…”: the lead-in of this quote starts after the last)
    lead = ctx.clean[start:r["start"]]
    if not _COLON_AT_END.search(lead):
        return None
    scan = _cite_scan(tuple(ctx.pats.cues.cite_verbs))
    cite = None
    for cite in (scan.finditer(lead) if scan is not None else ()):
        pass
    if cite is None or ctx.mentions_between(start + cite.end(), r["start"]) or ctx.pronoun_re.search(lead, cite.end()) \
            or ctx.verb_re.search(lead, cite.end()):
        return None  # (…引的是某篇文章，她在文中写道：“…”: a speech verb after the citing one speaks for itself)
    return None, None, "cited", 0.0, None


@lru_cache(maxsize=8)
def _unnamed_saying_scan(people: tuple[str, ...], sayings: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(f"(?:{alternation(people)})的(?:{alternation(sayings)})[：:，,]?\\s*$") if people and sayings else None


def _unnamed_persons_saying(r: dict, ctx: _Context):
    """``他至今记得母亲的一句话：“…”``: a saying of a person no name is given for (``unnamed_people`` and
    ``sayings_of``) right before the quote is theirs, not the subject's: nobody."""
    scan = _unnamed_saying_scan(tuple(ctx.pats.cues.unnamed_people), tuple(ctx.lex.data.sayings_of))
    if scan is None or not scan.search(ctx.clean, max(0, r["start"] - 16), r["start"]):
        return None
    return None, None, "anonymous", 0.0, None


def _first_person(r: dict, ctx: _Context):
    """``我当时就想，“…”``: the narrator's own words, i.e. the speaker of the Q&A answer or of the
    first-person section around the quote; nobody when no such speaker is known."""
    pat = ctx.pats.first_person_cue
    if pat is None:
        return None
    start = ctx.clause_start(r["start"])
    clause = ctx.clean[start:r["start"]]
    m = pat.search(clause)
    if not m or ctx.unaddressed(start + m.start(), r["start"]) or _ME_SPOKEN_TO.search(clause, m.start() + 1):
        return None  # (合作方某某对我讲：“…”: someone spoke to me, the words are theirs; 我跟某某说过: mine)
    nobody = _nobody_before(ctx, start, r["start"])
    if nobody == "hypothetical":
        return None, None, nobody, 0.0, None  # 如果我说：“…” / 我们都会说：“…”
    verb = None
    for verb in ctx.verb_re.finditer(clause, m.start()):
        pass
    if verb is not None and ctx.pats.not_said is not None and ctx.pats.not_said.search(clause, max(0, verb.start() - 3), verb.start()):
        return None, None, "not_said", 0.0, None  # 我没说“…”: words the narrator denies saying are nobody's
    if ctx.pats.anonymous and any(not ctx.pats.addressee_before.search(clause, max(0, a.start() - 2), a.start())
                                  and not ctx.pats.object_verb_end.search(clause, max(0, a.start() - 4), a.start())
                                  for a in ctx.pats.anonymous.finditer(clause, m.start())):
        return None, None, "anonymous", 0.0, None  # 我遇到的很多人都在问“…”: they ask, not I (我告诉很多人: I do)
    if _someone_speaks_before(ctx, clause[:m.start()]):
        return None, None, "anonymous", 0.0, None  # 有个客户问过我一个问题：“…” / 有位老人说了一句话，我…
    if _my_relation(ctx, clause):
        return None, None, "anonymous", 0.0, None  # 我前老板说过一句话：“…”: my boss's words, not mine
    owner = _narrator(r["start"], ctx)
    if owner is None:
        return None, None, "first_person", 0.0, None
    return owner, None, "first_person", 0.7, None


def _my_relation(ctx: _Context, clause: str) -> bool:
    """Whether a person of mine (``我前老板``, ``我的老同事``) is in ``clause``: they speak, not I."""
    scan = _my_relation_scan(tuple(ctx.lex.data.relation_nouns), tuple(ctx.pats.cues.possessed_people))
    return scan is not None and scan.search(clause) is not None


@lru_cache(maxsize=8)
def _my_relation_scan(relations: tuple[str, ...], possessed: tuple[str, ...]) -> Optional[re.Pattern]:
    """我 (的) and a relation word (``我前老板``, ``我的老同事``): a person of mine as the subject."""
    words = (*relations, *possessed)
    return re.compile(f"我的?(?:{alternation(words)})") if words else None  # (我们合伙人: we partners, ourselves)


# After the verb of a tag ``我问`` / ``我说``: the sentence ends, or a comma and the same speaker's next quote.
_VERB_CLOSES_TAG = re.compile(r"道?(?:[。！？!?]|$|[，,]\s*[“「])")


def _first_person_after(r: dict, ctx: _Context):
    """``“…？”我问。`` / ``“…。”我说，“…”``: 我 and a speech verb ending the sentence (or going on to the next
    quote) right after the quote; the narrator of the first-person section or the answerer, when one is known."""
    pos = r["end"] + _COMMA_GAP.match(ctx.clean, r["end"]).end() - r["end"]
    if not ctx.clean.startswith("我", pos) or ctx.clean.startswith("我们", pos):
        return None
    verb = _verb_after(ctx, pos + 1)
    if verb is None or not _VERB_CLOSES_TAG.match(ctx.clean, pos + 1 + verb.end()):
        return None  # (“…”我回答他，… / “…”我觉得…: the narrator answers or thinks on, the quote is not theirs)
    owner = _narrator(r["start"], ctx)
    return (owner, None, "first_person", 0.7, None) if owner is not None else None


def _someone_speaks_before(ctx: _Context, text: str) -> bool:
    """Whether ``text`` holds an unnamed someone who speaks (``有个客户问过`` / ``有一位老人说了一句话``): an
    existential 有 + one person, then a speech verb in the same segment."""
    for a in _EXISTENTIAL_ONE.finditer(text):
        end = min((i for i in (text.find("，", a.end()), text.find(",", a.end())) if i >= 0), default=len(text))
        verb = ctx.verb_re.search(text, a.end(), end)
        if verb is not None and 1 <= verb.start() - a.end() <= 8:  # (有个判断: no one, a noun)
            return True
    return False


# 有个 / 有一个 / 有位 / 有一位 / 有名: an unnamed one the sentence introduces.
_EXISTENTIAL_ONE = re.compile(r"(?<![没])有(?:一)?[个位名]")


def _first_person_lead(r: dict, ctx: _Context):
    """``那时我有一个念头：“…”`` / ``我们把平板送到难民营，“如果我们…”`` / ``感觉就像是，“…”`` where 我 is a known narrator
    (an answer or a first-person section): a first-person clause runs into the quote with nobody else named."""
    clause_start = start = ctx.clause_start(r["start"])
    body = ctx.clean[start:r["start"]].rstrip("：:，, \t")
    cut = max(body.rfind("，"), body.rfind(","), body.rfind("："), body.rfind(":"))
    start += cut + 1  # the last segment before the quote: 那年我在读书，[那时我有一个念头：]
    clause = ctx.clean[start:r["start"]]
    # 感觉就像是，“…”: no 我 at all, a thought verb heads the clause (a weaker sign than 我)
    dropped = ctx.pats.dropped_subject_lead.match(clause) is not None
    if not (dropped or ctx.pats.first_person_lead.match(clause)) or ctx.mentions_between(start, r["start"]):
        return None
    if ctx.pats.other_subject.search(clause) or ctx.pronoun_re.search(clause) or (ctx.pats.anonymous and ctx.pats.anonymous.search(clause)) \
            or _ME_SPOKEN_TO.search(clause, 1):
        return None  # 我问过不少同事，他们都在吐槽，“…” / 合作方某某对我讲：“…”: someone else speaks
    content = ctx.clean[r["cstart"]:r["cend"]]
    if not (dropped or clause.rstrip().endswith(("：", ":")) or ctx.pats.first_person_word.search(content)):
        return None
    if _someone_speaks_before(ctx, ctx.clean[clause_start:start]) or _my_relation(ctx, clause):
        return None, None, "anonymous", 0.0, None  # 有位老人说了一句话，我印象很深：“…”: the old man's words
    owner = _narrator(r["start"], ctx)
    return (owner, None, "first_person", 0.5 if dropped else 0.55, None) if owner is not None else None


_CITING_VERB = re.compile(r"引用|援引|转述|借用|套用")


def _cited_by_subject(ctx: _Context, r: dict, mention: dict) -> bool:
    """``他引用某某此前的说法称，“…”``: the quote's speaker is a person the clause's subject cites (a verb of citing
    before them, their saying after them), who therefore does not go on speaking after the quote."""
    if r["kind"] != "direct" or "start" not in mention or not r["start"] - 40 <= mention["start"] < r["start"]:
        return False
    start = ctx.clause_start(r["start"])
    if start > mention["start"] or _CITING_VERB.search(ctx.clean, start, mention["start"]) is None:
        return False
    aside = _ASIDE.match(ctx.clean, mention["end"], mention["end"] + 32)  # (某某（Latin）此前的说法)
    return _saying_at(ctx, aside.end() if aside else mention["end"])


# an aside after a name (萨姆·奥特曼（Sam Altman）此前的说法): no part of what stands between the name and 的
_ASIDE = re.compile(r"[（(][^（()）\n]{1,30}[）)]")  # (used with match: at the position asked)


def _after_aside(text: str) -> str:
    """``text`` without the aside it opens with, if any."""
    aside = _ASIDE.match(text)
    return text[aside.end():] if aside else text


# 或许是某某那句“…” / 她那句“…”: the line of the person right before it
_THAT_LINE = re.compile(r"的?[那这]一?句(?:话)?(?:——|[：:，,])?[ \t]*$")


def _possessor_view(r: dict, ctx: _Context):
    """``他的态度依旧，“…”`` / ``某某的回应很简单：“…”``: whose view the quote spells out."""
    start = ctx.clause_start(r["start"])
    m = ctx.pats.view_intro.search(ctx.clean, start, r["start"]) if ctx.pats.view_intro else None
    if not m or m.end() != r["start"]:
        line = _THAT_LINE.search(ctx.clean, max(start, r["start"] - 8), r["start"])
        # 或许是某某那句“…”: the line of the person right before it
        mentions = [x for x in ctx.mentions_between(start, line.start()) if x["end"] == line.start()] if line else []
        if mentions:
            return mentions[-1], (mentions[-1]["start"], mentions[-1]["end"]), "explicit", 0.75, line.group(0)
        p = ctx.pronoun_re.search(ctx.clean, max(start, line.start() - 2), line.start()) if line else None
        ref = _resolve_pronoun(ctx, p.start()) if p and p.end() == line.start() else None
        return ({**ref, "_pronoun": True}, (p.start(), p.end()), "pronoun", 0.7, line.group(0)) if ref else None
    who = m.start()
    # (她引用某某上午的说法——“…”: a time word may stand between the person and 的)
    mentions = [x for x in ctx.mentions_between(start, who)
                if x["end"] == who or _after_aside(ctx.clean[x["end"]:who]) in ("", *ctx.lex.data.saying_times)]
    if mentions:
        cited = mentions[-1]
        if _CITING_VERB.search(ctx.clean, start, cited["start"]):
            # 他引用某某此前的说法称，“…”: the cited person's words, but the one citing goes on speaking after them
            cited = {**cited, "_cited": True}
        return cited, (cited["start"], cited["end"]), "explicit", 0.75, m.group("view")
    named = _name_opening_segment(ctx, start, who)
    if named is not None:  # 对于开源，某某的回答是：“…”, a name no pattern found, alone before 的
        return named, (named["start"], named["end"]), "explicit", 0.7, m.group("view")
    p = ctx.pronoun_re.search(ctx.clean, max(start, who - 3), who)
    if p and p.end() == who:
        ref = _resolve_pronoun(ctx, p.start())
        if ref is not None:
            return ref, (p.start(), p.end()), "pronoun", 0.7, m.group("view")
    if ctx.clean.startswith("我", who - 1) and not ctx.clean.startswith("自我", who - 2):
        owner = _narrator(r["start"], ctx)  # 我的回答很干脆：“…” inside an answer: the answerer's own words
        if owner is not None:
            return owner, None, "first_person", 0.7, m.group("view")
    return None


def _frame_view(r: dict, ctx: _Context):
    """``在某某看来，“…”`` / ``正如某某所说，“…”``: a frame right before the quote names its speaker."""
    pats = ctx.pats
    if pats.frame_tail is None:
        return None
    lo = max(0, r["start"] - 40)
    before = ctx.clean[lo:r["start"]]
    cut = _SENTENCE_END.search(before[::-1])
    if cut is not None:
        lo += len(before) - cut.start()
    tail = _frame_tail_at_end(ctx.clean[lo:r["start"]], ctx) or _frame_before_colon_clause(ctx, lo, r["start"])
    if tail is None:
        return None
    found = frame_head(ctx.clean, lo + tail.start(), pats.frames[tail.group(0)], pats.not_frame_head)
    if not found:
        return None
    frame_start, slot_start = found
    who = _reported_speaker({"subject": (slot_start, lo + tail.start())}, ctx)
    if who is None:
        return None
    mention, span, method, conf = who
    return mention, span, method, conf, ctx.clean[frame_start:lo + tail.end()]


# After a frame (在某某看来，): one short clause of the framed person's, ending in the colon before the quote.
_FRAMED_CLAUSE = re.compile(r"[，,][^，,。；;！？!?“”「」『』\n]{1,24}[：:]\s*$")
# A clause that introduces someone else's saying (行业有个误区： / 流行的说法是：), not the framed person's words.
_INTRODUCES_SAYING = re.compile(r"有|说法|误区|口号|名言|共识|论调|声音|(?:话|观点|看法|判断)(?:是)?[：:]")


def _frame_before_colon_clause(ctx: _Context, lo: int, pos: int) -> Optional[re.Match]:
    """``在某某看来，这个结论只说中一部分：“…”``: the frame's tail (positions from ``lo``) when one short clause that
    names nobody else and holds no pronoun stands between it and the colon before the quote."""
    text = ctx.clean[lo:pos]
    for tail in ctx.pats.frame_tail.finditer(text):
        rest = _FRAMED_CLAUSE.match(text, tail.end())
        if rest is not None and not _INTRODUCES_SAYING.search(rest.group(0)) and not ctx.mentions_between(lo + tail.end(), pos) \
                and not ctx.pronoun_re.search(text, tail.end()) and not ctx.verb_re.search(text, tail.end()):
            return tail
    return None


def _narrator(pos: int, ctx: _Context) -> Optional[dict]:
    """Who says 我 at ``pos``: the answerer of the Q&A turn around it, else the owner of the
    first-person section it lies in."""
    t = ctx.turn_at(pos)
    if t is not None:
        if t.get("is_question") or not t.get("speaker"):
            return None
        return {**t["speaker"], "source": "label", "score": 0.8}
    for start, end, mention in ctx.first_person_sections:
        if start <= pos < end:
            return mention
    return None


def _standalone_after_named(r: dict, ctx: _Context):
    """A paragraph that is a quote and nothing else, after a paragraph naming exactly one person (a
    pull quote of an interview's subject)."""
    if not _opens_paragraph(ctx, r["start"]):
        return None
    para = ctx.paragraph_start(r["start"])
    rest = ctx.clean[r["end"]:ctx.paragraph_end(r["start"])].strip(" \t\u3000。，,")
    if rest or len(ctx.clean[r["cstart"]:r["cend"]]) < 6 or _in_dialogue_run(r, ctx):
        return None
    prev_para = ctx.previous_paragraph_start(para)
    named = {m["name"]: m for m in ctx.mentions_between(prev_para, para)}
    named.update({m["name"]: m for _, m, _ in ctx.speakers_between(prev_para, para)})
    if len(named) != 1 or _owner_narrates(ctx, r, prev_para, para, next(iter(named))):
        return None
    return next(iter(named.values())), None, "adjacent", 0.5, None


def _owner_narrates(ctx: _Context, r: dict, prev_para: int, para: int, name: str) -> Optional[dict]:
    """The owner of the section under a person's heading holding ``r``, when the paragraph before is theirs in the
    first person (我记得某某说过，“…”) and ``name`` is someone else: the one quoted there does not go on speaking."""
    owner = ctx.section_speaker(r["start"])
    if owner is not None and owner["name"] != name and ctx.section_speaker(prev_para) is owner \
            and _FIRST_PERSON.search(_QUOTED.sub("", ctx.clean[prev_para:para])):
        return owner
    return None


# --- 4. continuation and 5. section -----------------------------------------------------------------


def _inside_reported_clause(r: dict, ctx: _Context):
    """A quote inside an attributed reported clause shares its speaker:
    ``马某补充说，公司将拓展行业客户，“行业知识更值钱。”``."""
    for start, end, mention, cue in ctx.reported_holding(r["start"], r["end"]):
        return mention, None, "explicit", 0.8, cue
    return None


def _subject_of_sentence_before(r: dict, ctx: _Context):
    """``某某笑了笑，没有直接回答。“…”`` / ``他想了很久。“…”``: a bare quote right after a narrative sentence
    whose subject is one person (named or a pronoun) and whose verb is an action, not speech; that person,
    with moderate confidence. Not when another person, someone unnamed or a quote is in that sentence."""
    pos = r["start"]
    if pos == 0 or ctx.clean[pos - 1] not in "。！!" or len(ctx.clean[r["cstart"]:r["cend"]]) < 6:
        return None
    para = ctx.paragraph_start(pos)
    cut = _SENTENCE_END.search(ctx.clean[para:pos - 1][::-1])
    start = para if cut is None else pos - 1 - cut.start()
    sentence = ctx.clean[start:pos - 1]
    if not sentence.strip() or len(sentence) > 60 or _ANY_QUOTE_MARK.search(sentence) or any(
            not _NEGATION_BEFORE.search(sentence, max(0, v.start() - 4), v.start()) for v in ctx.verb_re.finditer(sentence)):
        return None  # (没有直接回答 says nothing: a negated speech verb is an action too)
    if ctx.no_subject_cue is not None and ctx.no_subject_cue.search(sentence):
        return None  # 有人… / 如果…: nobody's
    people = ctx.mentions_between(start, pos)
    opener = ctx.pats.clause_opener.match(ctx.clean, start, pos).end()
    lead = ctx.clean[opener:people[0]["start"]].lstrip(_BULLET_MARKS) if people else ""  # (■某某…: a digest's bullet)
    stance = _VIEW_OF_SUBJECT.match(ctx.clean, people[0]["end"]) if people else None
    if stance is not None and not _SENTENCE_END.search(ctx.clean, people[0]["end"], pos - 1) \
            and all(m["name"] == people[0]["name"] or ctx.clean[m["start"] - 1:m["start"]] in _COMPARED_WITH for m in people):
        # 谈到算力，某某的态度和某某完全相反。“…”: the person whose view the sentence is about, the other
        # only compared with (lead: a topic frame, ending in a comma)
        if not lead.strip() or lead.rstrip().endswith(("，", ",")):
            m = people[0]
            return m, (m["start"], m["end"]), "adjacent", 0.6, None
    if people:
        if len({m["name"] for m in people}) > 1 or _addressed(ctx, people[0]) or (lead.strip() and not ctx.title_tail.search(lead)):
            return None
        m = people[0]
        if ctx.clean.startswith("的", m["end"]):
            return None  # 某某的团队…: a possessor
        return m, (m["start"], m["end"]), "adjacent", 0.6, None
    p = ctx.pronoun_re.match(ctx.clean, opener)
    if p is None or ctx.clean.startswith("的", p.end()):
        return None
    ref = _resolve_pronoun(ctx, p.start())
    return ({**ref, "_pronoun": True}, (p.start(), p.end()), "pronoun", 0.55, None) if ref is not None else None


_NEGATION_BEFORE = re.compile(r"[没不未]有?(?:直接|正面|马上|立刻)?$")
_BULLET_MARKS = _BULLETS + "· \t\u3000"  # (the bullets a label line may open with, and a middle dot)
# 某某的立场 / 某某的态度: a person's view as the subject of a narrative sentence
_VIEW_OF_SUBJECT = re.compile(r"的(?:立场|态度|看法|观点|判断)")
_COMPARED_WITH = ("和", "与", "跟", "同")
_ANY_QUOTE_MARK = re.compile(r"[“”「」『』\"]")


def _continuation(r: dict, ctx: _Context):
    """A floating quote after someone's statement in the same paragraph is theirs, if nobody else
    was named in between: ``王小川说：“…”……“…”``."""
    content = ctx.clean[r["cstart"]:r["cend"]]
    if len(content) < 8 and not _resumes_after_action(r, ctx):
        return None
    prev = ctx.recent_speaker(r["start"], same_paragraph=True)
    if prev is None:
        # Nobody spoke yet, but the paragraph is about one person only: 傅盛把…形容为…。「…」
        para = ctx.paragraph_start(r["start"])
        named = ctx.mentions_between(para, r["start"])
        section = ctx.section_speaker(r["start"])
        if len({m["name"] for m in named}) == 1 and (section is None or (section.get("_talk") and section["name"] == named[0]["name"])) \
                and not all(_addressed(ctx, m) for m in named) \
                and not _pronoun_subject_with_possessor(ctx, r["start"], named) \
                and not _unknown_latin_name(ctx, para, r["start"], named) \
                and not _possessed_by_nobody(ctx, para, named) \
                and not _reported_by_nobody(r, ctx, named[0]["name"]):
            return named[0], None, "adjacent", 0.6, None
        return None
    mention, _ = prev
    if _in_dialogue_run(r, ctx):
        return None  # “还没降？”⏎“降了，又弹回去了。”: paragraphs of bare quotes are two people taking turns, not one going on
    since = [m for m in ctx.mentions_between(ctx.paragraph_start(r["start"]), r["start"]) if m["name"] != mention["name"]]
    last_at = ctx.speaker_before(r["start"])[0]
    if any(m["start"] > last_at for m in since) or _other_subject_verb(r, ctx) or _anonymous_lead(r, ctx) \
            or _pronoun_lead_elsewhere(r, ctx, mention["name"]) or _reported_by_nobody(r, ctx, mention["name"]):
        return None
    return mention, None, "continuation", 0.7, None


_CLAUSE_PUNCT = re.compile(r"[，,：:；;、\s]")


def _reported_by_nobody(r: dict, ctx: _Context, name: str) -> bool:
    """``一位接近公司的人士称，决定是某某拍板的，“…”`` / ``有投资人评价，这是“…”``: the quote ends a clause reported, in its
    sentence, by someone unnamed (or nobody: 如果客户说); the words are theirs, not those of ``name`` when named inside
    the clause, nor of the last speaker when the quote goes on in the clause with no mark before it. (所有人都说X，“…”:
    a quote after the clause may be the narrator going on.)"""
    start = max(ctx.clean.rfind(ch, 0, r["start"]) for ch in "。！？!?\n") + 1
    if ctx.in_quote(start, start + 1):
        return False
    verbs = [v for v in ctx.verb_re.finditer(ctx.clean, start, r["start"]) if not ctx.in_quote(v.start(), v.end())]
    if not verbs:
        return False
    v = verbs[-1]
    clause = ctx.clean[v.end():r["start"]]
    if len(_CLAUSE_PUNCT.sub("", clause)) < 2 or _ANY_QUOTE_MARK.search(clause) or not _nobody_before(ctx, start, v.start()):
        return False
    inside = any(m["name"] == name for m in ctx.mentions_between(v.end(), r["start"]))
    return inside or ctx.clean[r["start"] - 1] not in "，,：:；; \t"


def _pronoun_lead_elsewhere(r: dict, ctx: _Context, name: str) -> bool:
    """``赵某问钱某怎么看。他说：“…”``: the quote has its own pronoun subject and verb, and the pronoun is not the
    last speaker going on (it refers to someone else, or to nobody clear)."""
    lo, seg = _lead_to_quote(r, ctx)
    verb = None
    for verb in ctx.verb_re.finditer(seg):
        pass
    if verb is None or not _VERB_TO_QUOTE.fullmatch(seg, verb.end()):
        return False
    subject = seg[:verb.start()]
    p = ctx.pronoun_re.search(subject)
    if p is None or not ctx.pats.gap_before_verb.match(subject[p.end():].strip()) or subject[:p.start()].strip(" \t，,"):
        return False
    ref = _resolve_pronoun(ctx, lo + p.start())
    return ref is None or ref["name"] != name


def _in_dialogue_run(r: dict, ctx: _Context) -> bool:
    """Whether the quote makes up its paragraph and the paragraph before is a bare quote too, both short: lines of a
    dialogue (a speech quoted paragraph by paragraph has long ones)."""
    para, end = ctx.paragraph_start(r["start"]), ctx.paragraph_end(r["start"])
    if ctx.clean[para:r["start"]].strip() or ctx.clean[r["end"]:end].strip() or para == 0 \
            or r["end"] - r["start"] > _DIALOGUE_LINE:
        return False
    prev = ctx.previous_paragraph_start(para)
    text = ctx.clean[prev:para].strip()
    if not (2 <= len(text) <= _DIALOGUE_LINE and _BARE_QUOTE_LINE.fullmatch(text) is not None):
        return False
    # lines that follow each other with no blank line between, or a reply to a question: a dialogue (one speaker's
    # short quotes in paragraphs of their own, 某某说：“…”⏎⏎“…”⏎⏎“…”, go on)
    gap = ctx.clean.count("\n", prev + len(ctx.clean[prev:para].rstrip()), para)
    return gap <= 1 or text.rstrip("”」").endswith(("？", "?"))


# A paragraph that is one quote and nothing else; how long a line of a dialogue is at most.
_BARE_QUOTE_LINE = re.compile(r"[“「][^“”「」\n]*[”」]")
_DIALOGUE_LINE = 50


def _possessed_by_nobody(ctx: _Context, para: int, named: list[dict]) -> bool:
    """``有人转发了某某的演讲剪辑，配文是「…」``: the one person is only a possessor and someone unnamed acts before."""
    return ctx.no_subject_cue is not None and all(ctx.clean.startswith("的", m["end"]) for m in named) \
        and ctx.no_subject_cue.search(ctx.clean, para, named[0]["start"]) is not None


def _resumes_after_action(r: dict, ctx: _Context) -> bool:
    """Whether the quote goes on from one broken off by its speaker's action: ``“…，”某某笑了笑，“…”``."""
    close = max(ctx.clean.rfind("”", max(0, r["start"] - 24), r["start"]), ctx.clean.rfind("」", max(0, r["start"] - 24), r["start"]))
    if close < 0 or ctx.clean[close - 1:close] not in ("，", ","):
        return False
    pos = close + 1
    p = ctx.pronoun_re.match(ctx.clean, pos)
    named = ctx.mentions_between(pos, r["start"])
    if p is not None:
        pos = p.end()
    elif named and named[0]["start"] == pos:
        pos = named[0]["end"]
    else:
        return False
    action = _ACTION_BETWEEN_QUOTES.match(ctx.clean, pos)
    return action is not None and action.end() == r["start"]


_QUOTE_OR_SENTENCE_END = re.compile(r"[。！？；!?;”」』\n]")


def _lead_to_quote(r: dict, ctx: _Context) -> tuple[int, str]:
    """``(start, text)`` of what leads to the quote in its paragraph: at most 40 characters back, from the last
    sentence end or quote mark on."""
    lo = max(ctx.paragraph_start(r["start"]), r["start"] - 40)
    seg = ctx.clean[lo:r["start"]]
    breaks = list(_QUOTE_OR_SENTENCE_END.finditer(seg))
    if breaks:
        lo += breaks[-1].end()
        seg = seg[breaks[-1].end():]
    return lo, seg


def _other_subject_verb(r: dict, ctx: _Context) -> bool:
    """``某某说：“…”另一家公司的CEO则表示：“…”``: the quote has its own verb, after a subject that no
    mention covers and that is no pronoun nor only adverbs (a person the rules do not know, or a role):
    not the last speaker going on."""
    lo, seg = _lead_to_quote(r, ctx)
    verb = None
    for verb in ctx.verb_re.finditer(seg):
        pass
    if verb is None or not _VERB_TO_QUOTE.fullmatch(seg, verb.end()):
        return False
    subject = seg[:verb.start()].strip()
    return bool(subject) and not ctx.pronoun_re.search(subject) and not ctx.pats.gap_before_verb.match(subject) \
        and not ctx.mentions_between(lo, lo + verb.start())


def _anonymous_lead(r: dict, ctx: _Context) -> bool:
    """``社交媒体上，有网友评论“…”``: someone unnamed acts in the clause that leads to the quote, after the last
    quote (not spoken to: 他对网友说); the words are not the last speaker's going on. (所有人都说X，“…”: a clause of
    its own before the quote, the speaker's going on.)"""
    if ctx.pats.anonymous is None:
        return False
    lo, seg = _lead_to_quote(r, ctx)
    cut = max(seg.rstrip("，,：: \t").rfind(c) for c in "，,；;")
    if cut >= 0:
        lo += cut + 1
        seg = seg[cut + 1:]
    tail = len(seg.rstrip("，,：: \t"))
    return any(tail - a.end() <= _ANONYMOUS_TO_QUOTE and not ctx.pats.addressee_before.search(seg, max(0, a.start() - 2), a.start())
               and not ctx.mentions_between(lo, lo + a.start()) for a in ctx.pats.anonymous.finditer(seg))


# How far the unnamed subject may stand before the quote it introduces (有网友在评论区调侃：“…”), not a clause of
# its own (所有人都说手机拍照比不过单反，“…”).
_ANONYMOUS_TO_QUOTE = 8


_VERB_TO_QUOTE = re.compile(r"[了道过]?[ \t]*[：:，,]?[ \t]*")
def _pronoun_subject_with_possessor(ctx: _Context, pos: int, named: list[dict]) -> bool:
    """``他截图了某某的评论，配文只有一句：“…”``: the clause before the quote opens with a pronoun and its
    one name is a possessor; the paragraph is about the pronoun's person, not the possessor."""
    start = ctx.clause_start(pos)
    opener = ctx.pats.clause_opener.match(ctx.clean, start, pos).end()
    return ctx.pronoun_re.match(ctx.clean, opener) is not None and all(
        ctx.clean.startswith("的", m["end"]) for m in named if m["start"] >= start)


_LATIN_FULL_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")


def _unknown_latin_name(ctx: _Context, start: int, end: int, known: list[dict]) -> bool:
    """A ``Firstname Lastname`` in the span that no mention covers: maybe the real speaker."""
    spans = [(m["start"], m["end"]) for m in known]
    return any(not any(s <= m.start() < e for s, e in spans) for m in _LATIN_FULL_NAME.finditer(ctx.clean, start, end))


def _section(r: dict, ctx: _Context):
    """A quote under a headline that names its speaker, with nobody else named in its paragraph."""
    mention = ctx.section_speaker(r["start"])
    if mention is None:
        return None
    start = ctx.clause_start(r["start"])
    tail = _CUE_PUNCT_AT_END.search(ctx.clean, start, r["start"]).start()
    if (tail < r["start"] and ctx.verb_re.search(ctx.clean, start, r["start"])) \
            or any(v.end() == tail for v in ctx.verb_re.finditer(ctx.clean, max(start, tail - 4), tail)):
        # 她被主持人问到：“…” / 我记得某某去年讲过，“…”: a cue leads into the quote, its own rules name the speaker or nobody
        return None
    para = ctx.paragraph_start(r["start"])
    # (someone the quote itself speaks of, “刚才某总讲得很坦诚”, is no other speaker)
    others = {m["name"] for m in ctx.mentions_between(para, ctx.paragraph_end(r["start"]))
              if not r["cstart"] <= m["start"] < r["cend"]} - {mention["name"]}
    if others:
        return None
    return mention, None, "section_header", 0.65, None




def _back_reference(r: dict, ctx: _Context):
    """A quote standing alone, then ``这是某研究院院长某某对…给出的判断``: the next sentence names it."""
    pos = r["end"]
    while pos < len(ctx.clean) and ctx.clean[pos] in "。 \t\n":
        pos += 1
    m = ctx.pats.back_reference.match(ctx.clean, pos)
    if not m:
        return _named_in_next_sentence(r, ctx, pos) or _quoted_by_many(r, ctx) or _opening_line_credited(r, ctx, pos)
    for mention in ctx.mentions_between(m.end(), m.end() + 60):
        between = ctx.clean[m.end():mention["start"]]
        if m.group(0).strip() in ctx.pats.speaker_reveal and not between.strip():
            return mention, (mention["start"], mention["end"]), "explicit", 0.8, m.group(0).strip()  # 说这话的是某某
        if _CLAUSE_BREAK.search(between) and not ctx.title_tail.search(between.rstrip("，, ")):
            break
        if ctx.pats.back_reference_tail.match(ctx.clean, mention["end"]):
            return mention, (mention["start"], mention["end"]), "explicit", 0.8, m.group(0).strip()
        break
    return None


_CLAUSE_BREAK = re.compile(r"[，,。；\n]")


def _quoted_by_many(r: dict, ctx: _Context):
    """``“…”——这句话被多位创业者引用``: a saying the next words give to an unnamed many is nobody's."""
    pos = r["end"]
    while pos < len(ctx.clean) and ctx.clean[pos] in "—–-－ \t":
        pos += 1
    thus = ctx.pats.saying_ref.match(ctx.clean, pos)
    if thus is None:
        return None
    end = _CLAUSE_OR_QUOTE.search(ctx.clean, thus.end())
    clause = ctx.clean[thus.end():end.start() if end else len(ctx.clean)]
    clause = _CLAUSE_COMMA.split(clause, 1)[0]  # (这句话让全场炸了锅，有人…: a reaction after the comma, not who said it)
    if ctx.pats.anonymous is not None and ctx.pats.anonymous.search(clause) and not ctx.mentions_between(thus.end(), thus.end() + len(clause)):
        return None, None, "anonymous", 0.0, None
    return None


# 以这句话作为开头 / 拿这番话收尾: the words just quoted, said to open or close an event.
_WORDS_THAT_OPENED = re.compile(r"(?:这样|这么)?一句话|这句话|这番话|这段话")
_OPENED_OR_CLOSED = re.compile(r"开场|开头|开篇|收尾|结尾|作结|致辞")


def _opening_line_credited(r: dict, ctx: _Context, pos: int):
    """``“…”⏎⏎某日上午，某企业CEO某某在大会上以这句话开头。``: a paragraph that is only a quote, then a
    first sentence naming one person who opened (or closed) something with these words."""
    if not _opens_paragraph(ctx, r["start"]) or ctx.clean[r["end"]:ctx.paragraph_end(r["start"])].strip(" \t\u3000。") \
            or ctx.clean.count("\n", r["end"], pos) > 2:
        return None
    end = _SENTENCE_END.search(ctx.clean, pos)
    end = end.start() if end else len(ctx.clean)
    if end - pos > 120:
        return None
    words = _WORDS_THAT_OPENED.search(ctx.clean, pos, end)
    if words is None or not _OPENED_OR_CLOSED.search(ctx.clean, words.end(), end):
        return None
    people = [m for m in ctx.unaddressed(pos, words.start()) if not ctx.clean.startswith("的", m["end"])]
    if len({m["name"] for m in people}) != 1:
        return None
    m = people[-1]
    return m, (m["start"], m["end"]), "explicit", 0.75, words.group(0)


def _named_in_next_sentence(r: dict, ctx: _Context, pos: int):
    """``“…”⏎在这个时代，某某的这句话非常贴切``: the sentence after a standalone quote credits it."""
    end = _CLAUSE_OR_QUOTE.search(ctx.clean, pos)
    end = end.start() if end else len(ctx.clean)
    if ctx.clean.count("\n", r["end"], pos) > 2 or end - pos > 80:
        return None
    for mention in ctx.mentions_between(pos, end):
        tail = ctx.pats.this_saying.match(ctx.clean, mention["end"])
        if tail:
            return mention, (mention["start"], mention["end"]), "explicit", 0.75, tail.group(0)
    return None


# 某某的这句话 / 某某这番话 / 某某当年的话: a back-reference to words just quoted


def _editor_section_start(ctx: _Context, start: int, end: int) -> int:
    """Where the first editor's heading line (``editor_section_heads``: 写在最后 / 编者按) in ``[start, end)`` begins,
    else ``end``."""
    pos = ctx.clean.find("\n", start, end)
    while pos >= 0:
        stop = ctx.clean.find("\n", pos + 1, end)
        stop = end if stop < 0 else stop
        if stop - pos <= 24 and ctx.pats.editor_section.match(ctx.clean, pos + 1, stop):
            return pos + 1
        pos = stop if stop < end else -1
    return end


def _quote_over_paragraphs(r: dict, ctx: _Context):
    """``“…几个百分点。⏎⏎“我们去年也犹豫过…”``: a quote opening its paragraph right after a quote that ran to the end of
    the paragraph before with no closing mark (a quote over several paragraphs opens each and closes only the last)
    goes on in that quote's speaker's words."""
    if not _opens_paragraph(ctx, r["start"]):
        return None
    para = ctx.paragraph_start(r["start"])
    prev_para = ctx.previous_paragraph_start(para)
    if prev_para >= para:
        return None
    prev_end = ctx.paragraph_end(prev_para)
    direct, starts = ctx.top_direct
    i = bisect_left(starts, prev_end)
    if i == 0 or direct[i - 1]["start"] < prev_para:
        return None
    last = direct[i - 1]
    if last.get("balanced", True) or not last.get("speaker") or ctx.clean[last["end"]:prev_end].strip():
        return None
    who = last["speaker"]
    mention = next((m for m in reversed(ctx.mentions_between(0, r["start"])) if m["name"] == who["name"]), None) \
        or {**who, "source": "label", "score": 0.8}
    return mention, None, "continuation", 0.85, None


def _paragraph_quote(r: dict, ctx: _Context):
    """A paragraph that is one long quote right after a paragraph whose last statement names a speaker."""
    if r["start"] != ctx.paragraph_start(r["start"]) or len(ctx.clean[r["cstart"]:r["cend"]]) < 15 or _in_dialogue_run(r, ctx):
        return None
    prev = ctx.recent_speaker(r["start"], same_paragraph=False)
    if prev is None:
        return None
    para = ctx.paragraph_start(r["start"])
    prev_para = ctx.previous_paragraph_start(para)
    names = {m["name"] for m in ctx.mentions_between(prev_para, para)}
    if names and names != {prev[0]["name"]}:
        return None
    owner = _owner_narrates(ctx, r, prev_para, para, prev[0]["name"])
    if owner is not None:
        # 某某｜某公司CEO ⏎ 我记得黄某说过，“…”。⏎“…”: the paragraph is the section owner's
        return owner, None, "section", 0.65, None
    return prev[0], None, "adjacent", 0.6, None


def _second_person(r: dict, ctx: _Context):
    """``你刚才说“…”`` inside a Q&A turn: the other side of the exchange said it (the answerer of a
    question, the asker of an answer); words a recent turn of another label said in its own words are that
    turn's speaker's, with or without 你说 (``“…”，这话先记下``)."""
    turn = ctx.turn_at(r["start"])
    if turn is None:
        return None
    clause = ctx.clean[ctx.clause_start(r["start"]):r["start"]]
    m = ctx.pats.you_said.search(clause) or ctx.pats.you_said_gap.search(clause)
    i = ctx.qa_turns.index(turn)
    echoed = _echoed_turn(r, ctx, i)
    if echoed is not None:
        return {**echoed["speaker"], "source": "label", "score": 0.8}, None, "second_person", 0.8, m.group("verb") if m else None
    size = len(ctx.clean[r["cstart"]:r["cend"]].strip())
    if not m or size < 4 or (size < 8 and not _SAID_RIGHT_BEFORE.search(m.group(0))):
        return None  # (你说的“护城河”: a short word after 的 is a term of theirs, not a line they said)
    if turn.get("is_question"):
        other = next((t for t in ctx.qa_turns[i + 1:] if not t.get("is_question")), None)
    else:
        other = next((t for t in reversed(ctx.qa_turns[:i]) if t.get("is_question")), None)
    if other is None or not other.get("speaker") or other["label"] == turn["label"]:
        return None
    mention = {**other["speaker"], "source": "label", "score": 0.8}
    return mention, None, "second_person", 0.75, m.group("verb")


# 你刚才说“…” / 你说过：“…”: the verb right before the quote, no 的 between
_SAID_RIGHT_BEFORE = re.compile(r"(?:说|讲|提到|表示|问)(?:过)?[，,：:\s]*$")
_ECHO_TURNS = 4  # how many turns back a ``你刚才说“…”`` may point


def _echoed_turn(r: dict, ctx: _Context, i: int) -> Optional[dict]:
    """The recent turn of another label whose own words (outside its quote marks) the quote repeats: in a panel,
    ``你刚才说“…”`` points at whoever said it, not always at the host."""
    words = ctx.clean[r["cstart"]:r["cend"]].strip().rstrip("。！？!?…")
    if len(words) < 4:
        return None
    label = ctx.qa_turns[i]["label"]
    for t in reversed(ctx.qa_turns[max(0, i - _ECHO_TURNS):i]):
        if t["label"] == label or not t.get("speaker"):
            continue
        pos = ctx.clean.find(words, t["cstart"], t["cend"])
        if pos >= 0 and not ctx.in_quote(pos, pos + len(words)):
            return t
    return None


# --- a quote inside a quote ---------------------------------------------------------------------------


# Inside a quote, the segment before an inner quote: from the last sentence end, clause break or quote mark.
_INNER_SEGMENT_START = re.compile(r".*[。！？!?；;\n“”「」『』]", re.S)
# What joins a speech verb to the inner quote it introduces: 说过，「 / 跟我说：「 / 说的「.
_VERB_TO_INNER = re.compile(r"(?:[道了过]|过的|的)?[ \t]*[：:，,]?[ \t]*$")
# The first person opening that segment (after time words: 我去年说过 / 当时我写道), never 我们.
_INNER_FIRST_PERSON = re.compile(r"(?:当时|那时|那时候|后来|之前|以前|早年|去年|前年|今年|曾经)?[，,]?[ \t]*我(?!们)")
_INNER_ADDRESSEE = re.compile(r"^(?:也|还|曾|又|就|都|当面|私下)*(?:跟|对|和|向|给)(?:我|我们)")


def _nested_speaker(r: dict, ctx: _Context):
    """A quote inside another person's quote, right after a speech verb there: ``“…我的合伙人某某跟我说：「…」…”``
    is 某某's; ``“我去年说过，「…」”`` is the outer speaker's own earlier words. Not someone unnamed (``有人对我说``),
    a pronoun (who 他 is, is not clear inside a quote), nor a saying that is rebutted."""
    parent = ctx.records_by_id.get(r["parent_id"])
    if parent is None or parent.get("kind") != "direct":
        return None
    lo = parent["cstart"]
    head = _INNER_SEGMENT_START.match(ctx.clean, lo, r["start"])
    seg_start = head.end() if head else lo
    seg = ctx.clean[seg_start:r["start"]]
    verb = None
    for verb in ctx.verb_re.finditer(seg):
        pass
    if verb is None or not _VERB_TO_INNER.match(seg, verb.end()) or len(seg) > 40:
        return None
    before = seg[:verb.start()]
    if (ctx.no_subject_cue is not None and ctx.no_subject_cue.search(before)) or \
            (ctx.pats.rebuttal is not None and ctx.pats.rebuttal.search(before)) or ctx.pronoun_re.search(before):
        return None
    people = ctx.unaddressed(seg_start, seg_start + verb.start())
    if people:
        m = people[-1]
        if len({x["name"] for x in people}) > 1 or ctx.clean.startswith("的", m["end"]):
            return None
        gap = ctx.clean[m["end"]:seg_start + verb.start()]
        if gap and not _INNER_ADDRESSEE.match(gap) and not ctx.pats.gap_before_verb.fullmatch(gap):
            return None
        return m, (m["start"], m["end"]), "explicit", 0.8, verb.group(0)
    own = parent.get("speaker")
    opener = ctx.pats.clause_opener.match(ctx.clean, seg_start, seg_start + verb.start()).end()
    if own and _INNER_FIRST_PERSON.match(ctx.clean, opener) and "你" not in before:
        person = next((m for m in ctx.mentions if m["name"] == own["name"]), None)
        if person is not None:
            return person, None, "first_person", 0.75, verb.group(0)
    return None


# --- Q&A labels, headlines and reported speech ------------------------------------------------------


def _label_person(r: dict, ctx: _Context, interviewee: Optional[dict]) -> Optional[tuple[dict, tuple]]:
    """The person a label names: ``王仲遠：`` -> 王仲远; ``答：`` -> the interviewee; ``Q：`` -> the asker
    named by a legend line (``Q：主持人 某某``); ``Ben：`` -> the Ben Carver named earlier; a show's
    label (``某播客：``) -> the host the text names beside it."""
    label = r["label"]
    if r.get("comment"):
        return _label_mention(label, r["label_start"], r["label_end"]), (r["label_start"], r["label_end"])  # a handle
    if label in ctx.cast_people:
        m = ctx.cast_people[label]
        return m, (r["label_start"], r["label_end"])
    if label in ctx.label_legend:
        return ctx.label_legend[label], (r["label_start"], r["label_end"])
    if r.get("chat"):
        # a chat message: the person a note anywhere in the text gives it (（记者注：“某”为…某某）), else the handle
        # (not a role or a name, which the rules below read: 主持人 / 某某)
        noted = ctx.noted_label(label)
        if noted is not None:
            return noted, (r["label_start"], r["label_end"])
        if not (r.get("is_question") or label in ctx.pats.answer_labels or label in ctx.pats.question_labels
                or _looks_like_name(label, ctx.lex) or ctx.person_of_label(label) is not None or label in ctx.lex.role_labels or label.rstrip(ctx.lex.data.cast_designators) in ctx.lex.role_labels):
            return _label_mention(label, r["label_start"], r["label_end"]), (r["label_start"], r["label_end"])
    role = _role_labels(ctx).get(label)
    if role is not None:
        return role, (r["label_start"], r["label_end"])
    if r.get("legend"):
        found = _legend_person(ctx, *r["legend"])
        if found is not None:
            return found
    inside = [m for m in ctx.mentions_between(r["label_start"], r["label_end"]) if not _institution_only(m)]
    if not inside and r.get("aside_end"):  # 主持人（某某）： the aside names the person behind a role
        inside = [m for m in ctx.mentions_between(r["label_end"], r["aside_end"]) if not _institution_only(m)]
        aside = ctx.clean[r["label_end"]:r["aside_end"]].strip(" \t（()）")
        if not inside and _looks_like_name(aside, ctx.lex):
            at = ctx.clean.index(aside, r["label_end"])
            return _label_mention(aside, at, at + len(aside)), (at, at + len(aside))
    if inside:
        m = inside[-1]
        return m, (m["start"], m["end"])
    if label.endswith(ctx.pats.cues.questioner_label_tails):
        return None  # 某券商分析师： / 来自某机构的提问：: an institution asks, no person is named
    if label in ctx.pats.answer_labels:
        return (interviewee, (r["label_start"], r["label_end"])) if interviewee else None
    if label in ctx.pats.question_labels:
        return None
    known = ctx.person_of_label(label)
    if known is not None:
        return known, (r["label_start"], r["label_end"])
    if _looks_like_name(label, ctx.lex) or (not r.get("is_question") and not r.get("single") and _answerer_label(label, ctx)):
        return _label_mention(label, r["label_start"], r["label_end"]), (r["label_start"], r["label_end"])
    return None


_SENTENCE_MARK = re.compile(r"[。？！?!]")
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "…")


# ``「CEO」指某某`` / ``“CFO”即某某`` / ``CTO为某某``: a legend that gives a role label its person, the name right after it
_ROLE_LEGEND = r"[「“\"『]?{label}[」”\"』]?[ \t]*(?:指的是|指|即|代表|为|是)[ \t]*"
@lru_cache(maxsize=64)
def _nickname_pattern(markers: tuple, label: str) -> re.Pattern:
    """A nickname marker (names.yaml ``alias_markers``) and the label in quote marks: ``江湖人称“某”``."""
    return re.compile(f"(?:{alternation(markers)})[ \t]*[「“\"『]{re.escape(label)}[」”\"』]")


# ``“某”为某某`` / ``“甲”“乙”代表提问者``: a legend that quotes its label (or several) first, then says whom it stands for
_LABEL_FIRST_LEGEND = (r"[「“\"『]{label}[」”\"』](?:[、，,]?[「“\"『][^」”\"』\n]{{1,12}}[」”\"』])*"
                       r"[ \t]*(?:指的是|指代|指|即|代表|为|是)[ \t]*")


@lru_cache(maxsize=256)
def _label_pattern(template: str, label: str) -> re.Pattern:
    """A legend ``template`` (:data:`_LABEL_FIRST_LEGEND`, :data:`_ROLE_LEGEND`, :data:`_ROLE_BEFORE_NAME`) for one
    transcript label, compiled once: labels recur across a batch's documents."""
    return re.compile(template.format(label=re.escape(label)))


# 记者与某公司CTO某某: a joiner after the role puts someone else beside it, not the role's person
_OTHER_PARTY = re.compile(r"[与和跟同对向與]")
# ``A = 某某，…``: a legend line that gives a label its person after an equals sign
_EQUALS_LEGEND = r"(?m)^[ \t\u3000]*{label}[ \t\u3000]*[=＝][ \t\u3000]*"
# what such a legend says the label is: the words up to the next comma or sentence end
_LEGEND_SEGMENT = re.compile(r"[^，,、。；;：:（）()“”「」\n]{0,24}")
# what a note says a label is, up to the next comma or sentence end (联合创始人、CTO某某: titles joined by 、 too)
_NOTE_SEGMENT = re.compile(r"[^，,。；;：:（）()“”「」\n]{0,30}")
# ``董事长兼CEO、创始人某某`` / ``CTO某某``: the role written before its person in the introduction
_ROLE_BEFORE_NAME = r"{label}[^，,。；;：:\n“”「」（）()]{{0,8}}?$"


def _role_labels(ctx: _Context) -> dict[str, dict]:
    """Role label of a transcript (``CEO：`` / ``CFO：``) -> its person, read once per text from the text before the
    first turn: a legend (``「CEO」指某某``), else the one person the introduction writes right after the role
    (``董事长兼CEO、创始人某某``). Only labels that are job titles, each resolved only when one person fits."""
    found = ctx.__dict__.get("_role_people")
    if found is not None:
        return found
    found = ctx.__dict__["_role_people"] = {}
    if not ctx.qa_turns:
        return found
    first = min(t["label_start"] for t in ctx.qa_turns)
    intro = [m for m in ctx.mentions if m["end"] <= first and not _institution_only(m)]
    for label in {t["label"] for t in ctx.qa_turns}:
        if label in found or not ctx.title_re.fullmatch(label):
            continue
        legend = _label_pattern(_ROLE_LEGEND, label)
        before = _label_pattern(_ROLE_BEFORE_NAME, label)
        people = {}
        for m in intro:
            at = legend.search(ctx.clean, max(0, m["start"] - len(label) - 8), m["start"])
            if at is not None and at.end() == m["start"]:
                people.setdefault("legend", {})[m["name"]] = m
            seg = ctx.clean[max(0, m["start"] - len(label) - 8):m["start"]]
            pos = seg.rfind(label)
            if pos >= 0 and before.search(seg[pos:]) and not _OTHER_PARTY.search(seg, pos + len(label)) \
                    and not (label[-1].isascii() and seg[pos - 1:pos].isascii() and seg[pos - 1:pos].isalpha()):
                people.setdefault("before", {})[m["name"]] = m
        for kind in ("legend", "before"):
            if len(people.get(kind, {})) == 1:
                found[label] = next(iter(people[kind].values()))
                break
    return found


def _institution_only(m: dict) -> bool:
    """A mention that is an organisation with a role and no person (``高盛分析师`` read as 高盛): no speaker."""
    return bool(m.get("org")) and m["name"] == m["org"] and bool(m.get("title"))


def _cast_lines(ctx: _Context) -> set[int]:
    """The turns that are cast lines (``嘉宾：老K（孔某，某公司创始人）`` / ``主持人：赵某 某媒体主编`` / ``嘉宾A：某某，某公司CTO``):
    a role label (maybe with a designator, ``cast_designators``), a short line opening with a person and ending no sentence;
    a designated role's line that names nobody, right next to such a line, too (an anonymous guest: that label stays nobody's). Their ids are returned; a role whose one cast
    line names one person makes that person the speaker of the role's turns (``ctx.cast_people``)."""
    roles = ctx.lex.data.cast_roles
    if not roles:
        return set()
    marks = ctx.lex.data.cast_designators
    found: set[int] = set()
    named: dict[str, list[dict]] = {}
    unnamed: list[dict] = []  # 嘉宾B：某手机厂商负责人（匿名）: a designated role's cast line that names nobody
    for t in ctx.qa_turns:
        label = t["label"]
        designated = len(label) > 1 and label[-1] in marks and label[:-1] in roles
        if label not in roles and not designated:
            continue
        body = ctx.clean[t["cstart"]:t["cend"]]
        first, _, rest = body.partition("\n")
        if rest.strip() and _NOTES_ONLY.fullmatch(rest):
            body = first  # 嘉宾C：某某，某公司CEO / （图为现场）: a caption after the last cast line is no part of it
        people = ctx.mentions_between(t["cstart"], t["cstart"] + len(body))
        lead = len(body) - len(body.lstrip())
        if len(body) > 160 or "\n" in body.strip() or _SENTENCE_MARK.search(body):
            continue
        if not people or people[0]["start"] - t["cstart"] > lead + 10:
            if designated and len(body) <= 60:
                unnamed.append(t)
            continue
        found.add(id(t))
        named.setdefault(label, []).append({m["name"]: m for m in people})
    # (such a line is one of the cast list only on a line next to a cast line that names someone)
    cast = [t for t in ctx.qa_turns if id(t) in found]
    for t in unnamed:
        if any(ctx.clean.count("\n", *sorted((c["cend"], t["label_start"]) if c["cend"] <= t["label_start"]
                                              else (t["cend"], c["label_start"]))) <= 1 for c in cast):
            found.add(id(t))
    for label, lines in named.items():
        if len(lines) == 1 and len(lines[0]) == 1:
            person = ctx.cast_people[label] = next(iter(lines[0].values()))
            if label[-1] in marks and label[:-1] in roles and ctx.label_people is not None:
                # 嘉宾C认为…: a designated guest is written so in the editor's prose too
                ctx.label_people.setdefault(label, {k: v for k, v in person.items() if k not in ("start", "end")})
    return found


# lines that are bracketed notes only (a photo caption, a stage direction), blank lines between them
_NOTES_ONLY = re.compile(r"(?:\s*[（(【\[][^\n]*[）)】\]][ \t\u3000]*)+\s*")
_CJK_LABEL = re.compile(r"[\u4e00-\u9fff·]{2,6}")
_LATIN_FIRST_NAME = re.compile(r"[A-Z][a-z]{2,14}")


def _introduced_caller(label: str, ctx: _Context) -> Optional[dict]:
    """``来自杭州的听众“橙子”，你好！⏎橙子：…``: a label the text introduces in quote marks after a word for a
    member of the public (``caller_nouns``: 听众, 网友, 读者 …) is that person's name, a nickname the text gives."""
    nouns = ctx.lex.data.caller_nouns
    if not nouns or len(label) > 8:
        return None
    m = _caller_pattern(tuple(nouns), label).search(ctx.clean)
    if m is None:
        return None
    return _label_mention(label, m.start("label"), m.end("label"), "label")


@lru_cache(maxsize=64)
def _caller_pattern(nouns: tuple, label: str) -> re.Pattern:
    return re.compile(f"(?:{alternation(nouns)})[ \t]*[「“\"『](?P<label>{re.escape(label)})[」”\"』]")


def _answerer_label(label: str, ctx: _Context) -> bool:
    """A recurring label that answers is a person even without a surname (``扎克伯格：``), unless it
    reads as an organisation: a known one, one with an organisation suffix, or one followed by a job
    title elsewhere in the text (``星河智能创始人…``)."""
    lex = ctx.lex
    if len(label) < 2 or label in lex.not_names or label.upper() in ("Q", "A", "AI"):
        return False
    cjk_name = _CJK_LABEL.fullmatch(label) and all(ch in lex.translit_chars or ch == "·" for ch in label)
    if not (cjk_name or _LATIN_FIRST_NAME.fullmatch(label)):
        return False  # 要点： / 观点： recur too: only a transliterated name or a first name is read as a person
    if any(label.endswith(suf) for suf in lex.org_suffixes if suf) or label in lex.orgs:
        return False
    for m in re.finditer(rf"{re.escape(label)}\s?(?:的)?\s?", ctx.clean):
        if lex.title_re.match(ctx.clean, m.end()):
            return False  # 星河智能创始人…: the label is an organisation
    return True


def _name_opening_segment(ctx: _Context, start: int, end: int, source: str = "pattern") -> Optional[dict]:
    """The name that makes up the whole last comma segment of ``[start, end)`` (``对于开源，某某``), read
    as a name by its surname (:func:`_looks_like_name`), else None."""
    seg_start = max(ctx.clean.rfind(c, start, end) for c in "，,：:\n") + 1
    seg_start = max(seg_start, start)
    label = ctx.clean[seg_start:end].strip()
    if not label or not _looks_like_name(label, ctx.lex):
        return None
    lead = seg_start + ctx.clean[seg_start:end].index(label)
    return _label_mention(label, lead, lead + len(label), source=source)


def _label_mention(name: str, start: int, end: int, source: str = "label") -> dict:
    return {"name": canonical_name(name), "title": None, "org": None, "kb_id": None, "source": source, "score": 0.75,
            "start": start, "end": end}


def _legend_person(ctx: _Context, start: int, end: int) -> Optional[tuple[dict, tuple]]:
    """The person a legend line names (``电视台主持人 某某``): a mention in it, else its trailing name."""
    inside = ctx.mentions_between(start, end)
    if inside:
        return inside[-1], (inside[-1]["start"], inside[-1]["end"])
    m = _TRAILING_NAME.search(ctx.clean, start, end)
    if m and (_looks_like_name(m.group(0), ctx.lex) or " " in m.group(0) or "·" in m.group(0)):
        return _label_mention(m.group(0), m.start(), m.end(), "legend"), (m.start(), m.end())
    return None


# The name that ends a legend line: ``电视台主持人 Owen Hartley`` -> Owen Hartley; ``嘉宾 周某某`` -> 周某某.
_TRAILING_NAME = re.compile(r"(?:[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,2}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,10}|[\u4e00-\u9fff]{2,4})(?=\s*$)")


# Where a full name breaks into words (``Ben Carver`` / ``阿尔伯特·爱因斯坦``), and a full Chinese name.
_NAME_WORD_BREAK = re.compile(r"[ ·]")
_CJK_FULL_NAME = re.compile(r"[\u4e00-\u9fff]{3,4}")
_LATIN_WORD = re.compile(r"[A-Z][a-z]+")


_LEADING_NAME = re.compile(r"[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){1,2}|[\u4e00-\u9fff]{2,4}(?=[，,、。（(\s]|$)")


def _person_by_short_label(label: str, ctx: _Context) -> Optional[dict]:
    """A label that is part of a name written in full elsewhere: ``Ben`` -> Ben Carver, ``大海`` -> 李大海.

    Only when exactly one person fits; the most mentioned form of them is returned."""
    if len(label) < 2:
        return None
    fits = ctx.names_by_part.get(label, [])
    if fits and fits[0]["name"] == label:
        return fits[0]
    if len(fits) == 1:
        return fits[0]
    if fits or not _LATIN_WORD.fullmatch(label):
        return None
    if f"{label} " not in ctx.clean and f" {label}" not in ctx.clean:
        return None  # the full name would hold the label next to a space
    # No mention, but the full name is written somewhere: ``编译自 Ben Carver 的播客``.
    full = {m.group(0): m for m in re.finditer(rf"\b{label} [A-Z][a-zA-Z'\-]+\b|\b[A-Z][a-zA-Z'\-]+ {label}\b", ctx.clean)}
    if len(full) == 1:
        m = next(iter(full.values()))
        return _label_mention(m.group(0), m.start(), m.end(), "label")
    return None


def _person_by_surname_label(label: str, ctx: _Context) -> Optional[dict]:
    """A surname alone as a label (``周：``, ``司徒：``) after the person was introduced in full: the one person of that
    surname who has no label of their own (a transcript gives each speaker one label); with two left, the one the
    introduction says the interview is with; else nobody."""
    lex = ctx.lex
    if label not in lex.surnames and label not in lex.compound_surnames:
        return None
    labels = {t["label"] for t in ctx.qa_turns}
    people: dict[str, dict] = {}
    for m in ctx.mentions:
        name = m["name"]
        if (_CJK_FULL_NAME.fullmatch(name) or len(name) == 2) and name.startswith(label) and len(name) > len(label) \
                and not _institution_only(m) and name not in labels:
            people.setdefault(name, m)
    if len(people) == 1:
        return next(iter(people.values()))
    if len(people) > 1:
        subject = _intro_person(ctx)
        if subject is not None and subject["name"] in people:
            return people[subject["name"]]
    return None


def _person_by_familiar_label(label: str, ctx: _Context) -> Optional[dict]:
    """``老蒯：`` / ``庹总：`` / ``禚教授：``: a familiar form or an honorific of a surname as a label, after a full name
    of that surname was named or used as a label: the one person of that surname; two, nobody."""
    lex = ctx.lex
    surname = None
    for prefix in (*lex.data.familiar_prefixes, "小"):
        if label.startswith(prefix) and label[len(prefix):] in lex.surnames:
            surname = label[len(prefix):]
    if surname is None:
        honor = lex.honorific_re.search(label)
        head = label[:honor.start()] if honor is not None and honor.end() == len(label) else ""
        if head in lex.surnames or head in lex.compound_surnames:
            surname = head
    if not surname:
        return None
    people: dict[str, dict] = {}
    for m in ctx.mentions:
        if _CJK_FULL_NAME.fullmatch(m["name"]) and m["name"].startswith(surname) and not _institution_only(m):
            people.setdefault(m["name"], m)
    for t in ctx.qa_turns:
        full = t["label"]
        if full not in people and full.startswith(surname) and _CJK_FULL_NAME.fullmatch(full) and _looks_like_name(full, lex):
            people[full] = _label_mention(full, t["label_start"], t["label_end"])
    return next(iter(people.values())) if len(people) == 1 else None


def _show_host(label: str, ctx: _Context) -> Optional[dict]:
    """The host of a show or outlet used as a label: ``播客某某的主持人张三`` / ``张三的播客某某``."""
    if ctx.lex.host_role_re is None:
        return None
    pos = ctx.clean.find(label)
    while pos >= 0:
        after = ctx.clean[pos + len(label):pos + len(label) + 14]
        role = ctx.lex.host_role_re.match(after)
        if role:
            at = pos + len(label) + role.end()
            for m in ctx.mentions_between(at, at + 2):
                return m
            name = _LEADING_NAME.match(ctx.clean, at)
            if name and (_looks_like_name(name.group(0), ctx.lex) or " " in name.group(0)):
                return _label_mention(name.group(0), name.start(), name.end(), "host")
        for m in ctx.mentions_between(max(0, pos - 24), pos):
            if ctx.lex.show_noun_re is not None and ctx.lex.show_noun_re.fullmatch(ctx.clean, m["end"], pos):
                return m
        pos = ctx.clean.find(label, pos + len(label))
    return None


def _inside_latin(clean: str, start: int, end: int) -> bool:
    return (start > 0 and clean[start - 1].isascii() and clean[start - 1].isalnum() and clean[start].isascii()) or (
        end < len(clean) and clean[end].isascii() and clean[end].isalnum() and clean[end - 1].isascii())


_LATIN_FULL_NAME_LABEL = re.compile(r"[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+){1,2}")
_CJK_NAME_LABEL = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def _looks_like_name(label: str, lex=None) -> bool:
    lex = lex or lexicon()
    if _LATIN_FULL_NAME_LABEL.fullmatch(label):
        return True  # a single Latin word is as often a company or a show as a first name
    if not _CJK_NAME_LABEL.fullmatch(label) or label in lex.not_names:
        return False
    if label[:2] in lex.compound_surnames:
        return True
    # a one-character surname takes a given name of one or two characters, none a pronoun or function
    # word (那句老话 is no 那某)
    return (label[0] in lex.surnames and len(label) <= 3
            and not any(ch in lex.data.not_in_given_name for ch in label[1:]))


_LATIN_GIVEN_SURNAME = re.compile(r"[A-Z][a-z]{1,12} ?(?P<surname>[\u4e00-\u9fff])")


def _latin_given_and_surname(label: str, lex) -> bool:
    """``Tina 许`` / ``Kevin周``: an English given name and a Chinese surname, as people write their own name."""
    m = _LATIN_GIVEN_SURNAME.fullmatch(label)
    return m is not None and m.group("surname") in lex.surnames


# ``（以下Q为某媒体，A为某某）``: a legend that says in prose which label is whom
_PROSE_LEGEND = re.compile(r"(?<![A-Za-z])(?P<label>[QA问答])[ \t]*(?:为|是|代表|指|即|：|:)[ \t]*(?P<who>[^，,、。；;）)\n]{2,30})")
_LEGEND_LINE = re.compile(r"^[ \t\u3000]*[（(【\[]?[ \t]*(?:注[：:]?|以下|下文)[^\n]{0,80}$", re.M)


def _prose_legend(ctx: _Context) -> dict[str, dict]:
    """``（以下Q为某媒体，A为某某）`` -> ``{"A": 某某}``: the person each answer label stands for, named in a short
    line before the transcript."""
    out: dict[str, dict] = {}
    first = min((t["label_start"] for t in ctx.qa_turns), default=0)
    for line in _LEGEND_LINE.finditer(ctx.clean, 0, first):
        _read_prose_legend(ctx, line.start(), line.end(), out)
    if not out:
        # 这次对谈里，Q为主持人某某，A为某某。: a line of any opening that says who both labels are
        for line in _SHORT_LINE.finditer(ctx.clean, 0, first):
            found = {m.group("label") for m in _PROSE_LEGEND.finditer(ctx.clean, line.start(), line.end())}
            if found & ctx.pats.answer_labels and found & ctx.pats.question_labels:
                _read_prose_legend(ctx, line.start(), line.end(), out)
    return out


# a line short enough to be a legend
_SHORT_LINE = re.compile(r"^[^\n]{4,120}$", re.M)


def _read_prose_legend(ctx: _Context, start: int, end: int, out: dict) -> None:
    """The answer labels a legend line in ``[start, end)`` names, into ``out``."""
    for m in _PROSE_LEGEND.finditer(ctx.clean, start, end):
        if m.group("label") not in ctx.pats.answer_labels:
            continue
        who = m.group("who").strip()
        inside = ctx.mentions_between(m.start("who"), m.end("who"))
        if inside:
            out.setdefault(m.group("label"), inside[-1])
        elif _looks_like_name(who, ctx.lex) or _LATIN_FULL_NAME_LABEL.fullmatch(who):
            at = m.start("who") + m.group("who").index(who)
            out.setdefault(m.group("label"), _label_mention(who, at, at + len(who), "legend"))


def _interviewee(records: list[dict], ctx: _Context) -> Optional[dict]:
    """For ``答：`` transcripts: the person a legend names (``（以下Q为某媒体，A为某某）``), else the person named
    most often outside the turns (the title and the introduction; a name inside an answer is mostly someone
    the answerer quotes), else nobody."""
    legend = _prose_legend(ctx)
    if legend:
        return next(iter(legend.values()))
    inside = _overlap_test([(t["start"], t["end"]) for t in ctx.qa_turns])
    outside = [m for m in ctx.mentions if not inside(m["start"], m["end"])]
    # (a person named only after the transcript is the writer's next source, an analyst's summary)
    first = min((t["start"] for t in ctx.qa_turns), default=0)
    outside = [m for m in outside if m["end"] <= first and not _institution_only(m)]
    counts = Counter(m["name"] for m in outside)
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(m for m in outside if m["name"] == name)


def _intro_person(ctx: _Context) -> Optional[dict]:
    """The interviewee of an interview whose answers carry no label: the person its title or introduction says
    it talks with (``对话某公司某某：…`` / ``我们和某某聊了…``, :func:`_interviewee_named`), else the one person the
    text before the first turn names at least twice and more often than anyone else; None when unsure."""
    found = ctx.__dict__.get("_intro_person")
    if found is not None or "_intro_person" in ctx.__dict__ or not ctx.qa_turns:
        return found
    first = min(t["start"] for t in ctx.qa_turns)
    before = [m for m in ctx.mentions if m["end"] <= first and not _institution_only(m)]
    found = _interviewee_named(ctx, first, before)
    if found is None:
        counts = Counter(m["name"] for m in before).most_common(2)
        if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[1][1] < counts[0][1]):
            found = next(m for m in before if m["name"] == counts[0][0])
    ctx.__dict__["_intro_person"] = found
    return found


def _interview_cues(cues) -> tuple[re.Pattern, re.Pattern]:
    return _compiled_interview_cues(tuple(cues.interview_title_words), tuple(cues.interview_verbs))


@lru_cache(maxsize=8)
def _compiled_interview_cues(titles: tuple, verbs: tuple) -> tuple[re.Pattern, re.Pattern]:
    title = re.compile(f"(?:{alternation(titles)})[ \t]*[|｜·:：]?[ \t]*(?P<seg>[^：:，,。！？!?｜|\n“”「」]{{2,20}}?)[ \t]*[：:，,｜|\n]")
    verb = re.compile(f"(?:和|与|跟|與)(?P<seg>[^，,。！？；\n“”「」]{{2,12}}?)(?:在[^，,。！？；\n]{{1,20}}?)?(?:{alternation(verbs)})")
    return title, verb


def _interviewee_named(ctx: _Context, first: int, before: list[dict]) -> Optional[dict]:
    """The person an interview's title (``对话某公司某某：``) or introduction (``我们和某某在…聊了两个小时``) names as
    the one it talks with: a mention there, else the name that ends the phrase (the form the text repeats most)."""
    title, verb = _interview_cues(ctx.pats.cues)
    names: list[dict] = []
    for pat in (title, verb):
        for m in pat.finditer(ctx.clean, 0, first):
            s, e = m.span("seg")
            inside = [x for x in before if s <= x["start"] and x["end"] <= e]
            if inside:
                names.append(inside[-1])
                continue
            seg = m.group("seg").strip()
            forms = [seg[-n:] for n in (3, 2, 4) if len(seg) >= n and _looks_like_name(seg[-n:], ctx.lex)]
            if forms:
                best = max(forms, key=lambda f: ctx.clean.count(f))
                at = s + m.group("seg").rindex(best)
                names.append(_label_mention(best, at, at + len(best), "intro"))
    distinct = {n["name"] for n in names}
    return names[0] if len(distinct) == 1 else None


def _handover_person(ctx: _Context, start: int, end: int) -> Optional[dict]:
    """The person a bracketed note hands an answer to (``（这时，某某推门进来。某某补充道）``): the last mention in it
    that a speech verb follows, else nobody."""
    found = None
    for m in ctx.mentions_between(start, end):
        verb = ctx.verb_re.search(ctx.clean, m["end"], min(end, m["end"] + 5))
        if verb is not None and re.fullmatch(r"(?:也|则|又|还|随即|接着|马上|立刻)*", ctx.clean[m["end"]:verb.start()]):
            found = m
    return found


def _reported_speaker(r: dict, ctx: _Context):
    """The subject of reported speech: ``王小川认为，…``, ``在李开复看来，…``, ``他表示…``, ``A回应B称…`` (A)."""
    if r.get("subject"):
        s, e = r["subject"]
        inside = ctx.mentions_between(s, e)
        if inside:
            m = inside[0]
            return m, (m["start"], m["end"]), "explicit", 0.85
        slot = ctx.clean[s:e].strip()
        if _looks_like_name(slot, ctx.lex):
            # 在林嘉禾看来: the frame itself marks its slot as a person.
            lead = s + ctx.clean[s:e].index(slot)
            m = {"name": canonical_name(slot), "title": None, "org": None, "kb_id": None, "source": "frame",
                 "score": 0.7, "start": lead, "end": lead + len(slot)}
            return m, (m["start"], m["end"]), "explicit", 0.8
        p = ctx.pronoun_re.fullmatch(ctx.clean[s:e].strip())
        if p:
            ref = _resolve_pronoun(ctx, s)
            if ref is not None:
                return ref, (s, e), "pronoun", 0.7
        return None
    start = ctx.clause_start(r["cue_start"])
    if _nobody_before(ctx, start, r["cue_start"]):
        return None  # 有人认为，… / 如果客户说…: nobody's statement
    mention, span = _subject_before(ctx, start, r["cue_start"])
    if mention is None:
        return None
    if mention.get("_pronoun"):
        return mention, span, "pronoun", 0.7
    return mention, span, "explicit", 0.85


# --- the component ----------------------------------------------------------------------------------


def _answer_opening(r: dict, ctx: _Context):
    """A quote that opens an answer turn (``某某：“从讲故事到算账。”…``) or stands as a whole paragraph of it, with no
    lead-in before it (the answer's own words set off, not someone quoted): the answerer's."""
    turn = ctx.turn_at(r["start"])
    if turn is None or turn.get("is_question") or not turn.get("speaker"):
        return None
    clean = ctx.clean
    lead = clean[turn["cstart"]:r["start"]]
    content = clean[r["cstart"]:r["cend"]].rstrip()
    if not content.endswith(_SENTENCE_ENDS) and clean[r["end"]:r["end"] + 1] not in ("", "\n", "。", "！", "？", "!", "?"):
        return None  # 某某：“某产品”，1.3B，… / “这个词”，我不认: a name or phrase the sentence goes on about
    if lead.strip():
        para = ctx.paragraph_start(r["start"])
        if para <= turn["cstart"] or clean[para:r["start"]].strip():
            return None
        if clean[turn["cstart"]:para].rstrip().endswith(("：", ":", "，", ",")):
            return None  # 他当时说：\n“…”: a lead-in introduces someone's words
        if clean[r["end"]:ctx.paragraph_end(r["start"])].strip(" \t\u3000。"):
            return None
    sp = turn["speaker"]
    mention = next((m for m in ctx.mentions_between(turn["label_start"], turn["label_end"]) if m["name"] == sp["name"]), None)
    mention = mention or {**_label_mention(sp["name"], turn["label_start"], turn["label_end"]), **{
        k: sp.get(k) for k in ("title", "org", "kb_id") if sp.get(k)}}
    return mention, (turn["label_start"], turn["label_end"]), "qa_label", 0.7, turn["label"]


@lru_cache(maxsize=8)
def _own_saying_lead(cues) -> re.Pattern:
    """The end of a lead-in by which an answerer quotes their own line: ``我一直讲一句话，`` / ``我对同事常说的一句话是：``
    / ``讲得最多的一句就是，`` / ``用一句话概括，`` (``own_saying_verbs``); ``我那时说的是“…”`` with no mark between."""
    me = alternation(cues.first_person)
    return re.compile(
        f"(?P<me>(?<![对跟向给和与替让叫劝勸听聽问問])(?:{me})(?![的们])[^，,。！？；：:“”「」\n]{{0,10}}?)?"
        f"(?:用一句话|用一句話|一句话|一句話)?(?:{alternation(cues.own_saying_verbs) or '(?!)'})"
        f"(?:得最多的|最多的|过的|過的|的|过|過|了)?(?:这么|這麼|这样|這樣)?(?:一句话|一句話|一句|这句话|這句話)?"
        f"(?:就是|是|就)?(?:[ \t]*[，,：:][ \t]*|(?<=(?P<me_said>的是)))$")


_THIRD_PERSON = re.compile(r"[他她]|别人|別人|对方|對方|有人|朋友|客户|客戶|老板|老闆|同事说|投资人")


# the last closing quote mark and comma inside a lead-in: what follows starts a new lead-in
_CLOSED_QUOTE_THEN_COMMA = re.compile(r"[”」』\"][ \t]*[，,](?!.*[”」』\"])")


def _own_saying(r: dict, ctx: _Context):
    """Inside an answer, a quote after a lead-in by which the answerer quotes their own line (``我一直讲一句话，“…”``,
    :func:`_own_saying_lead`): the answerer's, when the lead-in names or points to nobody else."""
    turn = ctx.turn_at(r["start"])
    if turn is None or turn.get("is_question") or not turn.get("speaker") or r.get("in_question"):
        return None
    following = ctx.clean[r["end"]:r["end"] + 1]
    if following and following not in "，,。！？!?；;…\n" and not ctx.clean[r["cstart"]:r["cend"]].endswith(tuple("。！？!?…")):
        return None  # 我想说的是，“便宜”是相对而言的: a phrase the sentence runs on from (a whole sentence ends in itself)
    start = ctx.clause_start(r["start"])
    lead = ctx.clean[start:r["start"]]
    closed = _CLOSED_QUOTE_THEN_COMMA.search(lead)
    if closed is not None:  # 有人说“…”，我就回一句：“…”: the earlier quote is theirs, the lead-in starts after it
        start += closed.end()
        lead = lead[closed.end():]
    m = _own_saying_lead(ctx.pats.cues).search(lead)
    if m is None or ctx.mentions_between(start, r["start"]) or _THIRD_PERSON.search(lead) or _ME_SPOKEN_TO.search(lead, m.start() + 1):
        return None
    if _nobody_before(ctx, start, r["start"]) == "hypothetical":
        return None  # 如果我说：“…” / 我们都会说：“…”: nobody's words
    if m.group("me_said") and not m.group("me"):
        return None  # 不是说“…” / 外界说的是“…”: no 我, nobody's own words
    if not m.group("me"):
        seg = max(lead.rfind(c, 0, m.start()) for c in "，,") + 1
        if not ctx.pats.clause_opener.fullmatch(lead, seg, m.start()):
            return None  # 客户讲得最多的一句就是: someone else's line
    if ctx.pats.anonymous is not None and any(not ctx.pats.addressee_before.search(lead, max(0, a.start() - 2), a.start())
                                              for a in ctx.pats.anonymous.finditer(lead)):
        return None  # 有位投资人讲得最多的一句就是: theirs (我跟合伙人说: mine, to them)
    owner = _narrator(r["start"], ctx)
    if owner is None:
        return None
    return owner, None, "first_person", 0.7, None


def _letter_addressee(r: dict, ctx: _Context):
    """``上周你在一个论坛上说，“…”`` inside a letter: 你 is the one the letter is written to."""
    if not ctx.letters or ctx.turn_at(r["start"]) is not None:
        return None
    letter = next((x for x in ctx.letters if x[0] <= r["start"] < x[1]), None)
    if letter is None or letter[3] is None:
        return None
    start = max(ctx.paragraph_start(r["start"]), r["start"] - 40)
    m = ctx.pats.you_said_in_letter.search(ctx.clean, start, r["start"])
    if m is None or ctx.mentions_between(m.start(), m.end()):
        return None  # (你让某某说：“…”: someone else speaks)
    return {**letter[3], "source": "label", "score": 0.8}, None, "second_person", 0.75, m.group("verb")


_RULES = (_cited_text, _unnamed_persons_saying, _first_person, _letter_addressee, _speaker_before_quote, _summed_up, _possessor_view, _frame_view, _speaker_after_quote, _first_person_after, _dash_signature, _back_reference,
          _inside_reported_clause, _block_quote, _first_person_lead, _quote_over_paragraphs, _subject_of_sentence_before,
          _continuation, _section, _paragraph_quote, _standalone_after_named)
# Inside an interviewer's question only a named or addressed speaker is credited.
_RULES_IN_QUESTION = (_second_person, _speaker_before_quote, _speaker_after_quote)
# Inside an answer, a quote is the answerer's only when they say so (我当时说“…”): most are sayings,
# other people's words or examples.
_RULES_IN_ANSWER = (_answer_opening, _own_saying, _first_person, _second_person, _speaker_before_quote, _possessor_view, _frame_view, _speaker_after_quote,
                    _back_reference, _inside_reported_clause, _first_person_lead)


# --- the scorer: rules propose, one calibrated model decides -----------------------------------------


class Candidate(NamedTuple):
    """What one rule proposes for a quote: a person (or nobody, with the reason as ``method``), the
    evidence span, the rule's name and rank in the preference table, its prior, and the cue."""

    rank: int
    rule: str
    mention: Optional[dict]
    span: Optional[tuple]
    method: str
    prior: float
    cue: Optional[str]


class AttributionScorer:
    """Logistic model over the evidence of a candidate: ``P(the candidate is who said the quote)``.

    Its weights are data (``data/attribution_scorer.json``, refitted with ``stancelib calibrate``); with
    no weights file the rule's prior stands in. ``features`` is what the model sees, named for a reader.
    """

    def __init__(self, weights: Optional[dict] = None):
        weights = weights or {}
        self.bias = float(weights.get("bias", 0.0))
        self.weights = {k: float(v) for k, v in (weights.get("weights") or {}).items()}
        self.meta = {k: v for k, v in weights.items() if k not in ("bias", "weights")}

    @classmethod
    def from_file(cls, path: Optional[str]) -> "AttributionScorer":
        return cls(cls.read(path))

    @staticmethod
    def read(path: Optional[str]) -> dict:
        """The weights of ``path`` (the built-in ones for None), checked: finite numbers only."""
        from importlib import resources

        try:
            if path is None:
                raw = resources.files("stancelib").joinpath("data/attribution_scorer.json").read_text("utf-8")
            else:
                raw = open(path, encoding="utf-8").read()
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("weights", {}), dict):
                raise ValueError("expected an object with `bias` and `weights`")
            bad = [k for k, v in data.get("weights", {}).items() if not isinstance(v, (int, float)) or v != v or abs(v) == float("inf")]
            if bad:
                raise ValueError(f"weights that are not finite numbers: {', '.join(bad[:5])}")
        except FileNotFoundError:
            if path is None:
                return {}
            raise ConfigError(Errors.E021.format(what="an attribution scorer", path=path, reason="no such file")) from None
        except (OSError, ValueError, UnicodeDecodeError) as e:
            raise ConfigError(Errors.E021.format(what="an attribution scorer", path=path or "built-in", reason=str(e).splitlines()[0])) from None
        return data

    @staticmethod
    def quote_features(r: dict, ctx: _Context) -> tuple[float, float, float, float, float]:
        """What ``features`` sees of the quote itself, the same for each of its candidates: names in its
        paragraph, 我 in it, its length, balanced marks, inside an answer."""
        content = ctx.clean[r["cstart"]:r["cend"]]
        para = ctx.paragraph_start(r["start"])
        names = {x["name"] for x in ctx.mentions_between(para, ctx.paragraph_end(r["start"]))}
        return (min(len(names), 5) / 5, float("我" in content), math.log1p(len(content)) / 5,
                float(bool(r.get("balanced", True))), float(ctx.turn_at(r["start"]) is not None))

    @staticmethod
    def features(c: Candidate, others: list[Candidate], r: dict, ctx: _Context, quote: Optional[tuple] = None) -> dict[str, float]:
        """The candidate's evidence, by feature name; ``quote`` is the quote's own part when already read."""
        names_in_paragraph, first_person, log_length, balanced, in_answer = quote or AttributionScorer.quote_features(r, ctx)
        m = c.mention or {}
        name = m.get("name")
        at = m.get("start")
        distance = abs(r["start"] - at) if isinstance(at, int) else 400
        lo, hi = (at, r["start"]) if isinstance(at, int) and at < r["start"] else (r["end"], at if isinstance(at, int) else r["end"])
        between = {x["name"] for x in ctx.mentions_between(lo, hi)} - {name} if lo < hi else ()
        people = [x for x in others if x.mention]
        rivals = {x.mention["name"] for x in people}
        rivals.discard(name)
        f = {
            f"rule={c.rule}": 1.0, f"method={c.method}": 1.0, f"source={m.get('source', 'none')}": 1.0,
            "prior": c.prior, "mention_score": float(m.get("score", 0.7)),
            "log_distance": math.log1p(distance) / 6, "names_between": min(len(between), 3) / 3,
            "names_in_paragraph": names_in_paragraph, "first_person_content": first_person,
            "log_length": log_length, "balanced": balanced,
            "agreeing_rules": min(sum([x.mention["name"] == name and x is not c for x in people]), 3) / 3,
            "competing_people": min(len(rivals), 3) / 3,
            "in_answer": in_answer,
            "first_choice": float(bool(people) and people[0] is c),
        }
        return f

    def probability(self, feats: dict[str, float], prior: float) -> float:
        if not self.weights:
            return prior
        return _logistic(self.bias, self.weights, feats)


def _nearby_people(r: dict, ctx: _Context, candidates: list[Candidate]) -> list[Candidate]:
    """For fitting only: every other person named in the quote's paragraph or the one before, the
    alternatives a reader weighs; they teach the scorer what distance and rival names cost."""
    proposed = {c.mention["name"] for c in candidates if c.mention}
    para = ctx.paragraph_start(r["start"])
    seen = {}
    for m in ctx.mentions_between(ctx.previous_paragraph_start(para), ctx.paragraph_end(r["start"])):
        if m["name"] not in proposed:
            seen.setdefault(m["name"], m)
    return [Candidate(NEARBY_RANK, "nearby", m, None, "nearby", 0.3, None) for m in seen.values()]


NEARBY_RANK = 99
# Rules that no calibration has seen yet: their candidates' confidence is capped (a guess from an action
# sentence is a guess, whatever the other evidence features say).
_UNFITTED_RULE_CAP = {"subject_of_sentence_before": 0.6, "answer_opening": 0.7, "first_person_after": 0.7, "own_saying": 0.7}


def _compile_lexicon_scans(pats: CuePatterns, lex) -> None:
    """Compile at load the regexes the rules build from the lexicons on first use: the first document
    that needs one (a familiar nickname is hundreds of surnames) would otherwise pay for it."""
    _no_subject_cue(pats)
    _likeness_scan(lex)
    _familiar_nickname(lex)
    _phrase_scan(pats.cues.self_account)


class Attributor(SavedData):
    """Pipeline component: fills speakers on quote candidates and drops unclaimed reported speech."""

    def __init__(self, nlp: Language, name: str = "stancelib_attribution", cues: Optional[str] = None,
                 min_confidence: float = 0.0, scorer: Optional[str] = None, speech_term: Optional[str] = None):
        self.name = name
        self.cues = self._source("cues", cues, cues is not None, load_cues)
        self.pats = cue_patterns(self.cues)
        self.lex = lexicon(None if cues == SAVED else cues)
        _compile_lexicon_scans(self.pats, self.lex)
        self.min_confidence = check_unit_interval(name, "min_confidence", min_confidence)
        self._scorer_data = self._source("scorer", scorer, scorer is not None, AttributionScorer.read)
        self.scorer = AttributionScorer(self._scorer_data)
        self._speech_term_data = self._source("speech_term", speech_term, speech_term is not None, SpeechTermModel.read)
        self.speech_term = SpeechTermModel(self._speech_term_data) if self._speech_term_data else None
        # ``stancelib calibrate`` sets a list here to receive every candidate with its features.
        self.collect: Optional[list] = None

    def _serializers(self) -> dict:
        """A user's cue file (with the name lexicon it extended), scorer weights and speech-vs-term model
        travel inside a saved pipeline."""
        def write_cues(p) -> None:
            p.write_text(json.dumps({"cues": self.cues.model_dump(mode="json"), "names": self.lex.data.model_dump(mode="json")},
                                    ensure_ascii=False), encoding="utf-8")

        def read_cues(p) -> None:
            from .speakers import Lexicon, NameLexicon

            data = json.loads(p.read_text(encoding="utf-8"))
            self.cues = SpeechCues(**data["cues"])
            self.pats = cue_patterns(self.cues)
            self.lex = Lexicon(NameLexicon(**data["names"]))
            _compile_lexicon_scans(self.pats, self.lex)

        def read_scorer(p) -> None:
            self._scorer_data = json.loads(p.read_text(encoding="utf-8"))
            self.scorer = AttributionScorer(self._scorer_data)

        def read_speech_term(p) -> None:
            self._speech_term_data = json.loads(p.read_text(encoding="utf-8"))
            self.speech_term = SpeechTermModel(self._speech_term_data)

        def writer(attr):
            return lambda p: p.write_text(json.dumps(getattr(self, attr), ensure_ascii=False), encoding="utf-8")

        return {"cues": (write_cues, read_cues), "scorer": (writer("_scorer_data"), read_scorer),
                "speech_term": (writer("_speech_term_data"), read_speech_term)}

    def __call__(self, doc: Doc) -> Doc:
        self._check_loaded()
        records = [dict(r) for r in (doc._.stancelib_quotes or [])]
        ctx = _Context(doc, self.pats, self.lex, self.speech_term)
        ctx.records_by_id = {r["id"]: r for r in records if r.get("id") is not None}
        ctx.in_quote = _overlap_test([(r["cstart"], r["cend"]) for r in records if r["kind"] == "direct"])
        _add_story_people(ctx)
        self._headlines(records, ctx)
        _talk_sections(ctx)
        kept = []
        # Q&A turns first: a quote inside a turn may refer to the turn's asker or answerer (``你刚才说“…”``).
        order = sorted(records, key=lambda r: (r["kind"] != "qa_turn", r["start"], -r["end"]))
        ctx.qa_turns = [r for r in order if r["kind"] == "qa_turn"]
        cast = _cast_lines(ctx)
        if cast:  # 嘉宾：老K（孔某，…）: the cast list names people; it is nobody's turn
            order = [r for r in order if id(r) not in cast]
            ctx.qa_turns = [r for r in ctx.qa_turns if id(r) not in cast]
        # (only an answer label such as ``答：`` stands for the interviewee)
        answer_labels = ctx.pats.answer_labels
        interviewee = _interviewee(records, ctx) if any(t["label"] in answer_labels for t in ctx.qa_turns) else None
        for r in order:
            kind = r["kind"]
            if kind != "qa_turn" and ctx.label_people is not None:
                ctx.add_label_mentions()
                ctx.first_person_sections = _first_person_sections(ctx)
            if kind == "direct":
                self._direct(r, ctx)
            elif kind == "qa_turn":
                if not self._qa_turn(r, ctx, interviewee):
                    continue
            elif kind == "indirect":
                if not self._indirect(r, ctx):
                    continue
            elif kind == "headline" and (not r.get("speaker") or r.get("section_only")):
                continue  # (a respondent's heading opens their section; it is not their words)
            kept.append(r)
            kept.extend(_coordinated_twins(r, ctx))
        _fill_alternating_turns(kept, ctx)
        _heading_echoes(kept, ctx)
        _body_echoes(kept, ctx)
        kept = _drop_indirect_inside_direct(kept)
        if ctx.label_people is not None:
            ctx.add_label_mentions()
            ctx.first_person_sections = _first_person_sections(ctx)
        kept.extend(_first_person_statements(ctx, kept))
        kept.sort(key=lambda r: (r["start"], -r["end"]))
        doc._.stancelib_quotes = _renumber(kept)
        set_quote_spans(doc, ctx.omap)
        return doc

    def _set(self, r: dict, ctx: _Context, mention: dict, span, method: str, conf: float, cue=None,
             note: bool = True, calibrated: bool = False) -> None:
        if not calibrated:
            conf = conf * (0.9 + 0.1 * float(mention.get("score", 0.8)))
        if conf < self.min_confidence:
            return
        r["speaker"] = _speaker_dict(ctx, mention, span)
        r["method"] = method
        r["confidence"] = round(conf, 3)
        if cue:
            r["cue"] = cue
        if note and not mention.get("_cited") and not _cited_by_subject(ctx, r, mention):
            ctx.note_speaker(r["start"], _unmarked(mention), r["kind"])
        if mention.get("_pronoun") and span:
            ctx.note_gender(mention, ctx.clean[span[0]:span[1]])
            ctx.note_pronoun(span[0], ctx.clean[span[0]:span[1]], mention["name"])
        elif method == "continuation":
            # “…”她同时提醒，“…”: a quote that goes on the speaker's line under a pronoun tells their gender too
            lead = _PRONOUN_TAG_BEFORE.search(ctx.clean, max(0, r["start"] - 12), r["start"])
            if lead is not None:
                ctx.note_gender(mention, lead.group("p"))

    def _headlines(self, records: list[dict], ctx: _Context) -> None:
        """``零一万物CEO李开复：标题`` opens a section that runs to the next headline."""
        heads = sorted((r for r in records if r["kind"] == "headline"), key=lambda r: r["start"])
        # a heading line with no colon that names nobody (行业观察 | 第十二期) is no section break: it is as often a caption
        heads = [r for r in heads if not r.get("heading") or self._names_someone(r, ctx)]
        for i, r in enumerate(heads):
            inside = ctx.mentions_between(r["label_start"], r["label_end"])
            if not inside and (_looks_like_name(r["label"], ctx.lex) or _latin_given_and_surname(r["label"], ctx.lex)):
                inside = [_label_mention(r["label"], r["label_start"], r["label_end"])]  # 陈路：标题, no KB
                if ctx.label_people is not None and len(r["label"]) >= 2:
                    # (the name is a mention wherever the text writes it again: 或许是陈路那句“…”)
                    ctx.label_people.setdefault(r["label"], {k: v for k, v in inside[0].items() if k not in ("start", "end")})
            if not inside:
                continue
            if ctx.pats.letter_address.match(ctx.clean, r["label_start"], inside[0]["start"]) \
                    and ctx.pats.letter_address.match(ctx.clean, r["label_start"]).end() == inside[0]["start"]:
                continue  # 回某某：标题 / 致某某：…: the one written to, not the one who speaks
            if len({x["name"] for x in inside}) > 1 and not _speaker_not_addressee(ctx, inside, r["label_start"], r["label_end"]):
                continue  # 甲、乙和丙：硅谷三巨头的分歧: a title about several people, nobody's words
            if ctx.pats.description_opener.match(ctx.clean, r["cstart"]):
                continue  # 赵某：一个“反共识”的算力商人: a portrait of the person, not their words
            m = _speaker_not_addressee(ctx, inside, r["label_start"], r["label_end"]) or inside[-1]
            end = heads[i + 1]["start"] if i + 1 < len(heads) else len(ctx.clean)
            end = _editor_section_start(ctx, r["end"], end)  # (写在最后 / 编者按: the editor's closing words)
            r["speaker"] = _speaker_dict(ctx, m)
            r["method"], r["confidence"], r["cue"] = "section_header", 0.8, r["label"]
            if ctx.paragraph_start(r["start"]) > 0:  # the article's own title opens no section
                ctx.sections.append((r["start"], end, m))

    @staticmethod
    def _names_someone(r: dict, ctx: _Context) -> bool:
        label = r["label"]
        return bool(ctx.mentions_between(r["label_start"], r["label_end"])) or _looks_like_name(label, ctx.lex) \
            or _latin_given_and_surname(label, ctx.lex)

    def _direct(self, r: dict, ctx: _Context) -> None:
        if r.get("parent_id") and not r.get("is_question"):
            found = _nested_speaker(r, ctx)
            if found is not None:
                mention, span, method, conf, cue = found
                self._set(r, ctx, mention, span, method, conf, cue, note=False)
                if r.get("speaker"):
                    return
        reason = _not_speech(r, ctx)
        if reason == "scare_quote" and _own_saying(r, ctx):
            reason = None  # 我一直讲一句话，“…”: a short line of the answerer's own, not a phrase
        if reason:
            r["speaker"], r["method"], r["confidence"], r["nonspeech"] = None, "not_speech", 0.0, reason
            r["is_question"] = bool(r.get("is_question") or r.get("in_question"))
            return
        turn = None if r.get("in_question") else ctx.turn_at(r["start"])
        if r.get("in_question"):
            rules = _RULES_IN_QUESTION
        elif turn is not None and not turn.get("bullet"):
            rules = _RULES_IN_ANSWER
        else:
            rules = _RULES  # (a digest's bullet item is prose under its person: its quotes read as in a section)
        candidates = []
        for rank, rule in enumerate(rules):
            found = rule(r, ctx)
            if found:
                candidates.append(Candidate(rank, rule.__name__.lstrip("_"), *found))
        veto = next((c for c in candidates if c.mention is None), None)
        people = [c for c in candidates if c.mention is not None and (veto is None or c.rank < veto.rank)
                  and not (c.method in _GUESSED_METHODS and _named_inside(r, ctx, c.mention["name"]))
                  and not (c.method in _GUESSED_PEOPLE and _addressed_inside(r, ctx, c.mention["name"]))]
        scored = []
        quote = self.scorer.quote_features(r, ctx) if people else None
        for c in people:
            feats = self.scorer.features(c, people, r, ctx, quote)
            scored.append((self.scorer.probability(feats, c.prior), -c.rank, c, feats))
        if self.collect is not None:
            # every proposal, also those a veto overrules: the scorer learns from the wrong ones too
            everyone = [c for c in candidates if c.mention is not None] + _nearby_people(r, ctx, candidates)
            self.collect.append((r, [(c, f) for _, _, c, f in scored], [
                (c, self.scorer.features(c, everyone, r, ctx)) for c in everyone if c not in people]))
        if scored:
            p, _, best, _ = max(scored, key=lambda t: (t[0], t[1]))
            # a rule the scorer was not fitted on keeps no more than its own prior's confidence
            p = min(p, _UNFITTED_RULE_CAP.get(best.rule, 1.0))
            if p >= self.min_confidence:
                self._set(r, ctx, best.mention, best.span, best.method, p, best.cue, calibrated=True)
                if r.get("speaker"):
                    return
        if veto is not None and not scored:
            # The subject names nobody (有人说 / 如果客户说): no later rule may guess a person.
            r["speaker"], r["method"], r["confidence"], r["nonspeech"] = None, veto.method, 0.0, veto.method
            r["is_question"] = bool(r.get("in_question"))
            return
        # Unattributed inside an interviewer's turn: part of the question, never a claim.
        r["is_question"] = bool(r.get("in_question"))
        r["speaker"], r["method"], r["confidence"] = None, None, 0.0

    def _qa_turn(self, r: dict, ctx: _Context, interviewee: Optional[dict]) -> bool:
        """An answer turn takes its label's person; a question turn carries its asker (``is_question``),
        who never gets claims. A single-turn panelist's label must name a person, else it is no turn."""
        r["cue"] = r["label"]
        if r.get("bold") or r.get("unlabelled"):
            return self._unlabelled_turn(r, ctx)
        found = _label_person(r, ctx, interviewee)
        if r.get("single") and (found is None or r.get("is_question")):
            return False
        if found is None:
            r["speaker"], r["method"], r["confidence"] = None, "qa_question" if r.get("is_question") else "qa_label", 0.0
            return True
        mention, span = found
        conf = 0.95 if mention.get("source") not in ("label", "legend") else 0.85
        self._set(r, ctx, mention, span, "qa_label", conf, r["label"], note=not r.get("is_question"))
        if r.get("bullet") and not r.get("is_question"):
            ctx.sections.append((r["start"], r["end"], mention))
        if mention.get("source") == "label" and ctx.label_people is not None and len(r["label"]) >= 2 \
                and r["label"] not in ctx.label_people:
            ctx.label_people[r["label"]] = {k: v for k, v in mention.items() if k not in ("start", "end")}
        return True

    def _unlabelled_turn(self, r: dict, ctx: _Context) -> bool:
        """A bold question asks for nobody named; the unlabelled answer after it is the interviewee's (the person
        the title and introduction name most), or the person a bracketed note opening it hands it to
        (``（这时，CTO某某补充道）``)."""
        if r.get("bold"):
            r["speaker"], r["method"], r["confidence"], r["cue"] = None, "qa_question", 0.0, None
            return True
        r["cue"] = None
        found = _handover_person(ctx, *r["handover"]) if r.get("handover") else _intro_person(ctx)
        if found is None:
            r["speaker"], r["method"], r["confidence"] = None, "qa_label", 0.0
            return True
        self._set(r, ctx, found, (found["start"], found["end"]), "qa_label", 0.8)
        return True

    def _indirect(self, r: dict, ctx: _Context) -> bool:
        if r.get("is_question") or _OBJECT_PERSON_ONLY.match(ctx.clean, r["cstart"], r["cend"]):
            return False  # 他反问我，“…”: the verb's object, then the quote; no reported clause
        if _MODIFIER_VERB_CLAUSE.match(ctx.clean, r["cstart"], r["cend"]):
            return False  # 某某描述的只是… / 某某所说的“…”: the verb modifies a noun; no clause is reported
        found = _reported_speaker(r, ctx)
        if not found:
            return False
        mention, span, method, conf = found
        self._set(r, ctx, mention, span, method, conf, r.get("cue"))
        if r.get("speaker"):
            ctx.note_reported(r["start"], r["end"], _unmarked(mention), r.get("cue"))
        return bool(r.get("speaker"))


# A reported "clause" opening with 的 after its verb, neither 说的是 nor a view it introduces with a colon
# (提过的一种看法：…): the verb is inside a noun phrase (某某描述的只是… / 某某所说的“…”).
_MODIFIER_VERB_CLAUSE = re.compile(r"的(?!是)[^：:，,。；;]*(?:[，,。；;]|$)")
# A reported "clause" that is only the person spoken to before a comma or a quote (我，“… / 你：).
_OBJECT_PERSON_ONLY = re.compile(r"\s*(?:我们|我|你们|你|您|他们|她们)\s*[，,：:]?\s*[“「『]")


def _unmarked(mention: dict) -> dict:
    """The mention without the mark a pronoun's referent carries (``_pronoun``)."""
    return {k: v for k, v in mention.items() if k != "_pronoun"} if "_pronoun" in mention else mention


def _coordinated_twins(r: dict, ctx: _Context) -> list[dict]:
    """``韩东和邵明川都表示，…``: a statement of two people credits both. The first keeps the record; the
    other gets an ``indirect`` twin over the same words (method ``coordinated``)."""
    sp = r.get("speaker")
    # (the method first: most records are not explicit statements)
    if r.get("method") != "explicit" or not sp or r["kind"] not in ("direct", "indirect") or r.get("is_question"):
        return []
    cue_pos = r.get("cue_start", r["start"])
    people = ctx.mentions_between(ctx.clause_start(cue_pos), cue_pos)
    if len(people) < 2:
        return []
    for a, b in zip(people, people[1:]):
        names = {a["name"], b["name"]}
        if sp["name"] not in names or len(names) < 2:
            continue
        if not ctx.pats.coordination.fullmatch(ctx.clean, a["end"], b["start"]):
            continue
        if not ctx.pats.jointly.match(ctx.clean, b["end"]):
            continue
        other = a if b["name"] == sp["name"] else b
        return [{**{k: v for k, v in r.items() if k not in ("id", "parent_id")}, "kind": "indirect",
                 "start": r["cstart"], "end": r["cend"], "id": f"{r['id']}co", "method": "coordinated",
                 "speaker": _speaker_dict(ctx, other), "parent_id": None}]
    return []


# --- untagged turns of a two-person dialogue -----------------------------------------------------------

# Methods that tag a turn with its speaker; a turn attributed otherwise (or not at all) is untagged.
_TAGGING_METHODS = ("explicit", "pronoun", "first_person")
# Methods of a guess that an alternation may correct (the last speaker going on, or nobody).
_GUESSED_METHODS = (None, "adjacent", "continuation", "standalone")
# How much text outside quotes a paragraph of dialogue holds besides its turn's tag.
_TURN_TAG_MAX = 30


def _dialogue_turns(records: list[dict], ctx: _Context) -> list[list[tuple[int, list[dict]]]]:
    """Runs of consecutive paragraphs that each open with a quote and hold little else (a turn of dialogue
    with at most a short tag), as lists of ``(paragraph start, direct records)``."""
    by_para: dict[int, list[dict]] = {}
    for r in records:
        if r["kind"] == "direct" and not r.get("parent_id") and r.get("method") != "not_speech":
            by_para.setdefault(ctx.paragraph_start(r["start"]), []).append(r)
    runs, run, last_para = [], [], None
    for para in sorted(by_para):
        turn = sorted(by_para[para], key=_START)
        end = ctx.paragraph_end(para)
        outside = len(_QUOTED.sub("", ctx.clean[para:end]).strip())
        is_turn = _opens_paragraph(ctx, turn[0]["start"]) and outside <= _TURN_TAG_MAX and ctx.turn_at(para) is None
        if is_turn and run and last_para is not None and ctx.previous_paragraph_start(para) == last_para:
            run.append((para, turn))
        else:
            if len(run) >= 2:
                runs.append(run)
            run = [(para, turn)] if is_turn else []
        last_para = para if is_turn else None
    if len(run) >= 2:
        runs.append(run)
    return runs


def _fill_alternating_turns(records: list[dict], ctx: _Context) -> None:
    """``“…？”我问。⏎“…”他头也没抬。⏎“一直？”⏎“…”他笑了笑``: in a run of dialogue turns between exactly two people
    (those the tagged turns name, and the narrator of a first-person section), the turns strictly alternate, so
    an untagged turn is the other one's than the turn before. Only when every tagged turn fits the alternation
    and the run holds a question (a conversation, not a long quote over several paragraphs); a turn that a rule
    attributed through a verb, a pronoun or 我 keeps its speaker."""
    for run in _dialogue_turns(records, ctx):
        tags: list[Optional[str]] = []
        people: dict[str, dict] = {}
        for _, turn in run:
            names = {r["speaker"]["name"] for r in turn if r.get("speaker") and r.get("method") in _TAGGING_METHODS}
            if len(names) > 1:
                break
            for r in turn:
                if r.get("speaker") and r.get("method") in _TAGGING_METHODS:
                    people.setdefault(r["speaker"]["name"], r["speaker"])
            tags.append(next(iter(names)) if names else None)
        else:
            narrator = _story_narrator(ctx, run[0][1][0]["start"]) if ctx.first_person_sections else None
            if narrator is not None:
                people.setdefault(narrator["name"], _speaker_dict(ctx, narrator))
            anchored = not any(tags) and not people and _narration_anchor(run, records, ctx)
            if anchored:
                # 门开了，甲拎着饭进来。⏎“还没降？”⏎“降了。”: no turn is tagged; the narration before names who opens
                first, other = anchored
                people = {first["name"]: _speaker_dict(ctx, first), other["name"]: _speaker_dict(ctx, other)}
                tags[0] = first["name"]
            asks = any(ctx.clean[r["cstart"]:r["cend"]].rstrip().endswith(("？", "?")) for _, turn in run for r in turn)
            if len(people) != 2 or not any(tags) or not (asks or (anchored and len(run) >= 3)):
                continue
            anchor = next(i for i, t in enumerate(tags) if t)
            first, second = tags[anchor], next(n for n in people if n != tags[anchor])
            expected = [first if (i - anchor) % 2 == 0 else second for i in range(len(run))]
            if any(t and t != e for t, e in zip(tags, expected)):
                continue  # (a turn breaks the alternation: not a dialogue of two)
            for (_, turn), tag, who in zip(run, tags, expected):
                for r in turn:  # (a tagged turn's own resumed part too: “半年。”他笑了笑，“你等着看。”)
                    if r.get("method") in _GUESSED_METHODS and r.get("nonspeech") is None:
                        r["speaker"] = dict(people[who])
                        r["method"], r["confidence"], r["cue"] = "alternation", 0.55, None


# guesses from where a quote stands (``_GUESSED_METHODS``), a pronoun or an alternation, not a cue naming the speaker
_GUESSED_PEOPLE = (*_GUESSED_METHODS, "pronoun", "alternation")


def _addressed_inside(r: dict, ctx: _Context, name: str) -> bool:
    """Whether the quote opens by calling ``name`` (「老陈，你别急。」): the one spoken to, not the speaker."""
    head = _VOCATIVE.match(ctx.clean, r["cstart"])
    if head is not None and _CJK_FULL_NAME.fullmatch(name) and head.group("s") == name[0]:
        return True  # (老陈，…: a familiar form of address with the person's surname; 周总， is read from the mentions)
    # (the full name or the given name itself: 梁振宇，… / 振宇，…; a title form such as 周总 may be someone else's)
    forms = (name, name[1:]) if len(name) == 3 and _CJK_FULL_NAME.fullmatch(name) else (name,)
    return any(ctx.clean.startswith(form, r["cstart"]) and ctx.clean.startswith(("，", ",", "！", "!"), r["cstart"] + len(form))
               for form in forms)


# a familiar form of address opening a quote: 老陈， / 小王！
_VOCATIVE = re.compile(r"(?:老|小)(?P<s>[\u4e00-\u9fff])[，,！!]")


def _named_inside(r: dict, ctx: _Context, name: str) -> bool:
    """Whether the quote's own words name ``name`` (「那阵子昊哥几乎每天都在找人聊」): said about the person, not by them."""
    return any(m["name"] == name for m in ctx.mentions_between(r["cstart"], r["cend"]))


def _heading_echoes(records: list[dict], ctx: _Context) -> None:
    """``一、“不是一条曲线，而是三条”`` as a section heading: a quote on a short line of its own that repeats words a
    body quote of one speaker says (its content inside theirs) is that speaker's. Nothing is changed when the
    words recur in the quotes of several people, or when the quote is a term, a title or a saying."""
    said: dict[str, dict[str, dict]] = {}  # body quote's content -> its speakers, by name
    for r in records:
        if r["kind"] == "direct" and r.get("speaker") and not r.get("parent_id"):
            said.setdefault(ctx.clean[r["cstart"]:r["cend"]], {}).setdefault(r["speaker"]["name"], r["speaker"])
    if not said:
        return
    for r in records:
        if r["kind"] != "direct" or r.get("speaker") or r.get("parent_id") or r.get("nonspeech") not in (None, "scare_quote"):
            continue
        start = ctx.clean.rfind("\n", 0, r["start"]) + 1
        end = ctx.clean.find("\n", r["end"])
        end = len(ctx.clean) if end < 0 else end
        line = ctx.clean[start:end]
        if start == 0 or len(line) > 40 or _SENTENCE_MARK.search(_QUOTED.sub("", line)):
            continue  # (a heading: a short line, no sentence of its own outside the quote; not the title)
        key = ctx.clean[r["cstart"]:r["cend"]].strip().rstrip("。！？!?…，,")
        if len(key) < 8:  # (a short term in a heading, 「脏活护城河」, is a term the body uses too)
            continue
        who = {name: speaker for content, names in said.items() if key in content for name, speaker in names.items()}
        if len(who) != 1:
            continue
        r["speaker"] = dict(next(iter(who.values())))
        r["method"], r["confidence"], r["cue"] = "heading_echo", 0.7, None
        r.pop("nonspeech", None)


# What a quote nobody says may be called and still echo someone's words: a phrase, words discussed (这话太绝对了) or
# rebutted (…，但我不同意)
_ECHO_REASONS = (None, "scare_quote", "discussed", "rebutted")
# Before a quote, a noun's place: a modifier's 的 (not 说的 / 讲的 / 提到的), a demonstrative or a measure word.
_NOUN_SLOT_BEFORE = re.compile(r"(?:(?<![说讲到])的|[这那一][个套种款类项])$")


def _body_echoes(records: list[dict], ctx: _Context) -> None:
    """``“端侧永远追不上云端”，这话太绝对了``: a quote nobody is found saying that repeats, word for word, what one
    person says elsewhere in the text (in a quote of theirs, their answer turn or their reported clause; at least 6
    Chinese characters) is that person's words, cited. Nothing is changed when several people say them, inside a question,
    or when the quote is a term, a title or a saying vetoed by its subject (有人说“…”)."""
    said: list[tuple[int, int, dict, bool]] = []  # (content start, end, speaker, whether it is a quote)
    for r in records:
        if r.get("speaker") and not r.get("parent_id") and not r.get("is_question") and r["kind"] in ("direct", "qa_turn", "indirect"):
            said.append((r["cstart"], r["cend"], r["speaker"], r["kind"] == "direct"))
    if not said:
        return
    # (words inside a quote within what they say are someone else's: 他说：“有人讲‘…’，我不同意。”)
    inner = [(r["start"], r["end"]) for r in records if r["kind"] == "direct" and r.get("parent_id")]
    for r in records:
        if (r["kind"] != "direct" or r.get("speaker") or r.get("parent_id") or r.get("is_question") or r.get("in_question")
                or r.get("nonspeech") not in _ECHO_REASONS or r.get("method") not in (None, "not_speech")):
            continue
        key = ctx.clean[r["cstart"]:r["cend"]].strip().rstrip("。！？!?…，,")
        if len(_CJK_CHAR.findall(key)) < 6 or "\n" not in ctx.clean[:r["start"]]:
            continue  # (a product name, 「DeepSeek-Coder」; the title, whose quotes are the headline's)
        if _NOUN_SLOT_BEFORE.search(ctx.clean, max(0, r["start"] - 4), r["start"]):
            continue  # 构造一套泛化的「…」 / 这个「…」: a term in a noun's place (说的「…」 cites, and is kept)
        who: dict[str, dict] = {}
        for start, end, speaker, quoted in said:
            if start <= r["start"] < end:
                continue  # (the quote itself, or the turn it stands in)
            pos = ctx.clean.find(key, start, end)
            if pos < 0 or any(s <= pos < e for s, e in inner) or (not quoted and ctx.in_quote(pos, pos + len(key))):
                continue  # (not said, or said by someone they quote)
            who.setdefault(speaker["name"], speaker)
        if len(who) != 1:
            continue
        r["speaker"] = dict(next(iter(who.values())))
        r["method"], r["confidence"], r["cue"] = "echo", 0.6, None
        r.pop("nonspeech", None)


def _narration_anchor(run: list[tuple[int, list[dict]]], records: list[dict], ctx: _Context) -> Optional[tuple[dict, dict]]:
    """The two people of an untagged dialogue run, from the paragraph of narration right before it (no quote in
    it): the person opening its last sentence (not a possessor) speaks first; the other is the one other person
    that paragraph names, else the last one who spoke before it. None when either is not clear."""
    para = run[0][0]
    prev = ctx.previous_paragraph_start(para)
    end = ctx.paragraph_end(prev)
    if prev >= para or end - prev > 200 or any(prev <= r["start"] < end for r in records if r["kind"] == "direct"):
        return None
    last = max(prev, max(ctx.clean.rfind(c, prev, end - 1) for c in "。！？!?") + 1)  # (its last sentence)
    named = [m for m in ctx.mentions_between(prev, end) if not _institution_only(m)]
    opening = [m for m in named if m["start"] >= last]
    if not opening or ctx.clean.startswith("的", opening[0]["end"]) or _addressed(ctx, opening[0]):
        return None
    first = opening[0]
    lead = ctx.clean[last:first["start"]]
    own_org = lead.endswith("的") and len(lead) > 2 and (first.get("org") or "").startswith(lead[:-1])
    if lead.strip("，, \t") and not own_org and not _SCENE_BEFORE_SUBJECT.fullmatch(lead):
        return None  # (the person must open the sentence, after at most a short scene (门开了，) or their company (一苇的))
    others = {m["name"]: m for m in named if m["name"] != first["name"]}
    if len(others) > 1:
        return None
    if others:
        return first, next(iter(others.values()))
    spoke = [x for x in ctx.speakers_between(max(0, prev - 400), prev) if x[1]["name"] != first["name"]]
    return (first, spoke[-1][1]) if spoke else None


# at most a short clause of scene before a sentence's subject: 门开了， / 第二天，
_SCENE_BEFORE_SUBJECT = re.compile(r"[^，,。；;：:“”「」\n]{1,8}[，,]")


# --- people of a narrative named only in object position --------------------------------------------


_NAME_BOUNDARY = re.compile(r"[，,。；;、！？!?\n）)”」]|时|的时候|那天|那年")


def _add_story_people(ctx: _Context) -> None:
    """``我第一次见到韩某某，…`` names a person of the story in object position, where the name patterns of
    speakers.py look for no one: after a meeting verb (``meeting_verbs``), a name the lexicon accepts and a
    clause break. Such a person is a mention there and wherever the same name recurs, and ``老周`` (a familiar
    prefix and the surname) stands for them when nobody else of that surname was named: antecedents for 他
    and speakers for ``老周说：``. Nothing is added where a mention stands already or inside quotes."""
    scan = _phrase_scan(ctx.pats.cues.meeting_verbs)
    if scan is None:
        return
    clean, lex = ctx.clean, ctx.lex
    taken = _overlap_test([(m["start"], m["end"]) for m in ctx.mentions])
    found: dict[str, dict] = {}
    for v in scan.finditer(clean):
        pos = v.end()
        for size in (3, 2):
            name = clean[pos:pos + size]
            if name in found or not _looks_like_name(name, lex) or not _NAME_BOUNDARY.match(clean, pos + size) \
                    or taken(pos, pos + size) or ctx.in_quote(pos, pos + size) or ctx.pronoun_re.match(name):
                continue
            found[name] = _label_mention(name, pos, pos + size, "story")
            break
    if not found:
        return
    added = []
    for name, first in found.items():
        at = clean.find(name, first["start"])
        while at >= 0:
            if not taken(at, at + len(name)) and not _inside_latin(clean, at, at + len(name)):
                added.append({**first, "start": at, "end": at + len(name), "score": 0.6})
            at = clean.find(name, at + len(name))
    people = {m["name"] for m in [*ctx.mentions, *added] if _CJK_FULL_NAME.fullmatch(m["name"])}
    for f in _familiar_nickname(lex).finditer(clean):
        surname = clean[f.end() - 1]
        person = next((m for m in found.values() if m["name"][0] == surname), None)
        if person is None or sum(1 for name in people if name[0] == surname) != 1 \
                or taken(f.start(), f.end()) or f.start() < person["start"]:
            continue  # (another person of that surname: 老周 is not clear)
        added.append({**person, "start": f.start(), "end": f.end(), "score": 0.55})
    ctx.set_mentions([*ctx.mentions, *added])


# --- first-person sections: digests headed by a name, self-accounts after a lead-in -----------------

# ``陈路-`` / ``陈路 —— 标题``: a heading line naming the person whose words follow.
_DASH_HEADING = re.compile(r"^[ \t\u3000]*(?P<name>[^\s，。：:—\-–「」“”]{2,12})[ \t]*(?:-|—|–|——|--)[ \t]*(?P<rest>[^\n]{0,40})$", re.M)


@lru_cache(maxsize=8)
def _talk_heading_scan(roles: tuple[str, ...]) -> Optional[re.Pattern]:
    return re.compile(f"^[ \\t\u3000]*(?:【[^】\\n]{{1,20}}】[ \\t\u3000]*)?(?:{alternation(roles)})[ \\t\u3000]*[|｜:：][ \\t\u3000]*",
                      re.M) if roles else None


_NEXT_BRACKET_HEADING = re.compile(r"\n[ \t\u3000]*【")


def _talk_sections(ctx: _Context) -> None:
    """A talk heading of a conference recap (``演讲嘉宾 | 某某，某公司CEO``, ``talk_roles``; maybe after a
    ``【分论坛】`` tag) names the one speaker of the lines under it, up to the next talk heading or ``【…】``
    heading line: the bullets under it are that person's (a section, as under a headline naming them)."""
    scan = _talk_heading_scan(tuple(ctx.pats.cues.talk_roles))
    if scan is None:
        return
    heads = []
    for m in scan.finditer(ctx.clean):
        line_end = ctx.paragraph_end(m.end())
        on_line = ctx.mentions_between(m.end(), line_end)
        if len({x["name"] for x in on_line}) == 1 and on_line[0]["start"] == m.end():
            heads.append((m.start(), line_end, on_line[0]))  # (嘉宾：甲，…；乙，…: a panel of several is nobody's section)
    for i, (start, line_end, person) in enumerate(heads):
        nxt = _NEXT_BRACKET_HEADING.search(ctx.clean, line_end)
        end = min(nxt.start() if nxt else len(ctx.clean), heads[i + 1][0] if i + 1 < len(heads) else len(ctx.clean))
        ctx.sections.append((line_end, end, {**person, "_talk": True}))
    if heads:
        ctx.sections.sort(key=itemgetter(0))


def _name_label_headings(ctx: _Context) -> list[tuple[int, dict]]:
    """``星河智能CEO某某：`` alone on its line (a digest's section per person): ``(end, person)``."""
    out = []
    clean = ctx.clean
    for colon in "：:":
        pos = clean.find(colon)
        while pos >= 0:
            end = _BARE_LABEL_END.match(clean, pos + 1)
            start = clean.rfind("\n", 0, pos) + 1
            label = clean[start:pos].strip()
            if end and 2 <= len(label) <= 24 and not _LABEL_BREAK.search(label):
                inside = ctx.mentions_between(start, pos)
                if inside and inside[-1]["end"] == start + len(clean[start:pos].rstrip()):
                    out.append((end.end(), inside[-1]))
                elif not inside:
                    named = _name_opening_segment(ctx, start, pos, source="label")
                    if named is not None:
                        out.append((end.end(), named))
            pos = clean.find(colon, pos + 1)
    return out


_BARE_LABEL_END = re.compile(r"[ \t\u3000]*(?:\n|$)")
_LABEL_BREAK = re.compile(r"[，,。；;！？!?“”「」《》\s]")


def _dash_headings(ctx: _Context) -> list[re.Match]:
    """The dash headings of the text, in order: only the lines holding a dash are tried."""
    lines = set()
    for dash in "-—–":  # ``str.find`` skips to a dash many times faster than a regex
        pos = ctx.clean.find(dash)
        while pos >= 0:
            lines.add(ctx.paragraph_start(pos))
            pos = ctx.clean.find(dash, ctx.paragraph_end(pos))
    headings = (_DASH_HEADING.match(ctx.clean, start) for start in sorted(lines))
    return [h for h in headings if h]


@lru_cache(maxsize=16)
def _phrase_scan(phrases: tuple[str, ...]) -> Optional[re.Pattern]:
    """A regex finding any of ``phrases`` (the longest at a position) in a whole text: a flat alternation,
    which ``re`` scans about twice as fast as the look-ahead-led trie of ``quotes.alternation``."""
    phrases = sorted({p for p in phrases if p}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


def _first_person_sections(ctx: _Context) -> list[tuple[int, int, dict]]:
    """``(start, end, owner)`` of the stretches where 我 is one named person: under a headline or a dash
    heading that names them, and after a lead-in that presents what follows as their own account
    (``以下是某某的自述`` / ``这篇文章是他两次采访的整合编译``)."""
    heads: list[tuple[int, dict]] = [(start, m) for start, _, m in ctx.sections]
    for h in _dash_headings(ctx):
        inside = ctx.mentions_between(h.start("name"), h.end("name"))
        if inside:
            heads.append((h.end(), inside[-1]))
        elif _looks_like_name(h.group("name"), ctx.lex):
            heads.append((h.end(), _label_mention(h.group("name"), h.start("name"), h.end("name"))))
    heads.extend(_name_label_headings(ctx))
    heads.extend(_byline_author(ctx))
    heads.extend(_post_author(ctx))
    heads.extend(_book_author(ctx))
    pat = _phrase_scan(ctx.pats.cues.self_account)
    if pat is not None:
        for m in pat.finditer(ctx.clean):
            para = ctx.paragraph_start(m.start())
            named = {x["name"]: x for x in ctx.mentions_between(para, ctx.paragraph_end(m.start()))}
            owner = next(iter(named.values())) if len(named) == 1 else None
            if owner is None and not named:
                p = ctx.pronoun_re.search(ctx.clean, para, m.start())
                owner = (_resolve_pronoun(ctx, p.start()) or _dominant_person(ctx)) if p else None
            if owner is not None:
                heads.append((ctx.paragraph_end(m.start()), owner))
    heads.sort(key=lambda h: h[0])
    out = []
    for i, (start, owner) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(ctx.clean)
        out.append((start, end, owner))
    for start, end, signer, _ in ctx.letters:
        # a letter's 我 is its signer, whatever section the letter stands in (回某某：标题 / 某某： over it)
        out = [piece for s, e, m in out for piece in ((s, min(e, start), m), (max(s, end), e, m)) if piece[0] < piece[1]]
        out.append((start, end, {**signer, "_narrator": True}))
    out.sort(key=lambda x: x[0])
    return out


# A date line under a signature: 4 月 13 日，于上海 / 2025年4月11日 / 2025-04-11
_DATE_LINE = re.compile(r"[ \t\u3000]*(?:(?:\d{2,4}|[〇零一二三四五六七八九]{2,4})\s*年\s*)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                        r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|[ \t\u3000]*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
# How far a letter may run from its salutation to its signature.
_LETTER_REACH = 8000


def _find_letters(ctx: _Context) -> list[tuple[int, int, dict, Optional[dict]]]:
    """``(body start, body end, signer, addressee)`` of each letter: a salutation alone on its line (``启澜兄：``,
    ``各位同事：``), then, before the next salutation, a line holding only the signer's name right after a closing
    formula (``此致``) or right before a date line. The addressee is the person the salutation names (a given name
    with an honorific stands for the full name it ends: 启澜兄 -> 宋启澜), or None (各位同事)."""
    clean, pats = ctx.clean, ctx.pats
    if pats.salutation is None or ("：\n" not in clean and ":\n" not in clean and not clean.rstrip().endswith(("：", ":"))):
        return []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", clean) if clean[m.start():m.end()].strip()]
    salutes = [i for i, (a, b) in enumerate(lines) if pats.salutation.match(clean, a, b)]
    out = []
    for n, i in enumerate(salutes):
        stop = salutes[n + 1] if n + 1 < len(salutes) else len(lines)
        a, b = lines[i]
        for j in range(i + 2, stop):
            s, e = lines[j]
            if s - b > _LETTER_REACH:
                break
            signer = _signature_person(ctx, s, e)
            if signer is None:
                continue
            closing = pats.letter_closing.match(clean, *lines[j - 1]) is not None
            dated = j + 1 < len(lines) and _DATE_LINE.match(clean, *lines[j + 1]) is not None
            if not (closing or dated):
                continue
            to = _salutation_person(ctx, pats.salutation.match(clean, a, b), signer)
            out.append((b, s, signer, to))
            break
    return out


def _signature_person(ctx: _Context, start: int, end: int) -> Optional[dict]:
    """The person a line names and holds nothing else (``宋启澜`` / ``——某某``), or None."""
    text = ctx.clean[start:end].strip().lstrip("—-－ \t\u3000")
    if not text or len(text) > 16:
        return None
    lead = start + ctx.clean[start:end].find(text)
    inside = ctx.mentions_between(lead, lead + len(text))
    if len(inside) == 1 and inside[0]["start"] == lead and inside[0]["end"] == lead + len(text):
        return inside[0]
    if not inside and _looks_like_name(text, ctx.lex):
        return _label_mention(text, lead, lead + len(text), "byline")
    return None


def _salutation_person(ctx: _Context, m: re.Match, signer: dict) -> Optional[dict]:
    """The person a salutation names: a mention on its line, else the one person named in the text whose name
    is, or ends with, the salutation's name (启澜兄 -> 宋启澜); never the signer."""
    inside = [x for x in ctx.mentions_between(m.start(), m.end()) if x["name"] != signer["name"]]
    if inside:
        return inside[-1]
    to = m.group("to")
    if len(to) < 2:
        return None
    named = {x["name"]: x for x in ctx.mentions if x["name"] != signer["name"] and (x["name"] == to or (
        x["name"].endswith(to) and len(x["name"]) - len(to) <= 2))}
    if len(named) == 1:
        return next(iter(named.values()))
    if not named and to != signer["name"] and _looks_like_name(to, ctx.lex):
        return _label_mention(to, m.start("to"), m.end("to"), "byline")  # 韩松兄：, a name the scan did not know
    return None


# ``文 | 某某（某公司创始人）`` near the top: the byline of a post its author writes about their own company.
_BYLINE = re.compile(r"^[ \t\u3000]*(?:文|作者|撰文)[ \t]*[|｜:：/][ \t]*(?P<name>[^\s（()）|｜]{2,12})[ \t]*"
                     r"(?:[（(](?P<role>[^）)\n]{2,30})[）)]|[|｜][ \t]*(?P<role2>[^|｜\n]{2,40}?))[ \t\u3000]*$", re.M)
# A columnist's byline (文 | 某某 | 某网站专栏作者): an opinion column speaks as its author, whatever else the role says.
_COLUMNIST = re.compile(r"专栏作者|专栏作家|专栏撰稿人")
_SINGULAR_I = re.compile(r"我(?!们)")


def _byline_author(ctx: _Context) -> list[tuple[int, dict]]:
    """``(start, author)`` of a first-person post signed by someone who is no reporter (``文 | 某某（某公司创始人）``):
    its 我 is the author, from the byline on. The post must speak as 我 in at least three paragraphs."""
    m = _BYLINE.search(ctx.clean, 0, min(len(ctx.clean), 400))
    if m is None:
        return []
    role = m.group("role") or m.group("role2")
    if not _COLUMNIST.search(role) and (ctx.pats.reporter_role.search(role) or not ctx.title_re.search(role)):
        return []
    body = _QUOTED.sub("", ctx.clean[m.end():])
    if sum(1 for para in body.split(_PARAGRAPH_END) if _SINGULAR_I.search(para)) < 3:
        return []
    inside = ctx.mentions_between(m.start("name"), m.end("name"))
    if inside:
        return [(m.end(), inside[-1])]
    if _looks_like_name(m.group("name"), ctx.lex):
        return [(m.end(), _label_mention(m.group("name"), m.start("name"), m.end("name")))]
    return []


def _post_author(ctx: _Context) -> list[tuple[int, dict]]:
    """``(0, author)`` of a post whose comment thread marks its author (``某某（作者） 回复 某某：``,
    ``post_author_notes``): the post above the thread speaks as that handle, when it says 我 in at least three
    paragraphs."""
    notes = ctx.pats.cues.post_author_notes
    turn = next((t for t in ctx.qa_turns if t.get("comment") and t.get("comment_note") in notes), None)
    if turn is None:
        return []
    first = min(t["label_start"] for t in ctx.qa_turns if t.get("comment"))
    body = _QUOTED.sub("", ctx.clean[:first])
    if sum(1 for para in body.split(_PARAGRAPH_END) if _SINGULAR_I.search(para)) < 3:
        return []
    return [(0, {**_label_mention(turn["label"], turn["label_start"], turn["label_end"]), "_narrator": True})]


# After the marker of an editor's note: the author's name, then 的 / 所著 / 新书 / a title mark.
_AUTHOR_AFTER_MARKER = re.compile(r"(?P<name>[\u4e00-\u9fff·]{2,4}?)(?:的|所著|所写|新书|《)")
# How far into the text an editor's note or a byline naming the author is looked for.
_AUTHOR_NOTE_REACH = 600


def _book_author(ctx: _Context) -> list[tuple[int, dict]]:
    """``(start, author)`` of a first-person text whose author an editor's note names (``本文节选自某某的新书``,
    ``book_author_markers``): its 我 is the author from the end of that paragraph on. As for a byline with a role,
    the text must speak as 我 in at least three paragraphs."""
    reach = min(len(ctx.clean), _AUTHOR_NOTE_REACH)
    found = None
    scan = _phrase_scan(ctx.pats.cues.book_author_markers)
    marker = scan.search(ctx.clean, 0, reach) if scan is not None else None
    if marker is not None:
        inside = ctx.mentions_between(marker.end(), marker.end() + 5)
        if inside and inside[0]["start"] == marker.end():
            found = inside[0]
        else:
            m = _AUTHOR_AFTER_MARKER.match(ctx.clean, marker.end())
            if m is not None and _looks_like_name(m.group("name"), ctx.lex):
                found = _label_mention(m.group("name"), m.start("name"), m.end("name"), "byline")
        at = marker.start()
    if found is None:
        return []  # (a bare byline ``文 | 某某`` is as often a reporter's, over a transcript or a feature)
    start = ctx.paragraph_end(at)
    body = _QUOTED.sub("", ctx.clean[start:])
    if sum(1 for para in body.split(_PARAGRAPH_END) if _SINGULAR_I.search(para)) < 3:
        return []
    return [(start, {**found, "_narrator": True})]  # (a narrator telling a story: 他/她 is never them)


def _dominant_person(ctx: _Context) -> Optional[dict]:
    """The person the document is about: named at least twice and twice as often as anyone else."""
    counts = Counter(m["name"] for m in ctx.mentions)
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
        return None
    return next(m for m in ctx.mentions if m["name"] == top[0][0])


def _first_person_statements(ctx: _Context, records: list[dict]) -> list[dict]:
    """One ``indirect`` record (method ``section_header``) per unquoted first-person paragraph of a
    first-person section: ``我们认为，……`` under ``陈路：标题`` is 陈路's statement."""
    sections = ctx.first_person_sections
    if not sections or ctx.pats.first_person_word is None:
        return []
    overlaps = _overlap_test([(r["start"], r["end"]) for r in records
                              if r.get("speaker") and r["kind"] in ("qa_turn", "indirect", "headline", "direct")])
    out = []
    for start, end, owner in sections:
        pos = start
        for para in ctx.clean[start:end].split(_PARAGRAPH_END):
            text = para.strip()
            if len(text) >= 15 and text[0] not in "“「『\"" and _first_person_unquoted(text, ctx):
                s = pos + len(para) - len(para.lstrip())
                e = s + len(text)
                if not overlaps(s, e):
                    out.append({"kind": "indirect", "start": s, "end": e, "cstart": s, "cend": e, "cue": None,
                                "sentence": sentence_index(ctx.sentences, s), "is_question": False, "id": f"fp{len(out)}",
                                "speaker": _speaker_dict(ctx, owner), "method": "section_header", "confidence": 0.6})
            pos += len(para) + 1
    return out


_QUOTED = re.compile(r"[“「『][^”」』]*[”」』]")


def _first_person_unquoted(text: str, ctx: _Context) -> bool:
    """Whether ``text`` says 我 / 我们 outside its quotes. Text that quotes nothing is tested with ``in``,
    which is several times faster than ``re`` on Chinese text."""
    if "“" in text or "「" in text or "『" in text:
        return bool(ctx.pats.first_person_word.search(_QUOTED.sub("", text)))
    for word in ctx.pats.cues.first_person:
        if word and word in text:
            return True
    return False


def _speaker_dict(ctx: _Context, m: dict, span: Optional[tuple] = None) -> dict:
    """The Speaker record of a mention; its surface is the evidence span when given (a pronoun), else
    the mention's own text."""
    if span:
        surface = ctx.surface(*span)
    else:
        surface = ctx.surface(m["start"], m["end"]) if "start" in m else m["name"]
    return {"name": m["name"], "surface": surface, "title": m.get("title"), "org": m.get("org"), "kb_id": m.get("kb_id")}


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """``overlaps(s, e)``: whether any of ``spans`` overlaps ``[s, e)``, by bisection (a span that opens
    before ``e`` and reaches past ``s``)."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end among the spans up to each one

    def overlaps(s: int, e: int) -> bool:
        k = bisect_left(starts, e)
        return k > 0 and reach[k - 1] > s

    return overlaps


def _drop_indirect_inside_direct(records: list[dict]) -> list[dict]:
    """Reported speech found inside someone's quote or Q&A answer is part of it, not a new statement."""
    spans = sorted((r["start"], r["end"]) for r in records if r["kind"] in ("direct", "qa_turn") and r.get("speaker"))
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end among the spans up to each one
    def inside(r: dict) -> bool:
        k = bisect_left(starts, r["start"])  # the spans that open before the record
        return k > 0 and reach[k - 1] >= r["end"]
    return [r for r in records if r["kind"] != "indirect" or r.get("method") == "coordinated" or not inside(r)]


def _renumber(records: list[dict]) -> list[dict]:
    ids = {r["id"]: f"q{i}" for i, r in enumerate(records)}
    for r in records:
        r["id"] = ids[r["id"]]
        if r.get("parent_id"):
            r["parent_id"] = ids.get(r["parent_id"])
    return records


@Language.factory("stancelib_attribution",
                  default_config={"cues": None, "min_confidence": 0.0, "scorer": None, "speech_term": None},
                  requires=["doc._.stancelib_norm", "doc._.stancelib_quotes", "doc._.speaker_mentions"],
                  assigns=["doc._.stancelib_quotes"])
def make_attribution(nlp: Language, name: str, cues: Optional[str], min_confidence: float,
                     scorer: Optional[str], speech_term: Optional[str]) -> Attributor:
    return Attributor(nlp, name, cues, min_confidence, scorer, speech_term)
