"""Finding speech: direct quotes, reported (indirect) speech, Q&A turns and section headlines.

The ``stancelib_quotes`` component reads ``doc._.quote_marks`` and ``doc._.sentence_spans`` and adds:
- ``doc._.stancelib_quotes``: one plain dict per candidate quote, in clean offsets, speaker unset
  (the attribution stage fills it; the ``doc._.quotes`` getter turns them into :class:`Quote` models
  with ORIGINAL offsets);
- ``doc._.speech_cues``: ``[start, end, verb]`` of each speech verb outside quotes.

Which candidate is speech and by whom is decided later, in ``attribution.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Callable, Optional

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError, Errors, describe_load_error
from .yamlio import safe_load
from .normalize import OffsetMap, _norm, all_positions, line_starts_holding, original_text
from .sentences import sentence_indexer
from .serialize import SavedData
from .types import Quote, Span, Speaker


class SpeechCues(BaseModel):
    """The speech-cue lexicon (``data/speech_cues.yaml``), validated."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    verbs: tuple[str, ...]
    frames: tuple[str, ...] = ()
    not_frame_head: tuple[str, ...] = ()
    rebuttal: tuple[str, ...] = ()
    term_before: tuple[str, ...] = ()
    term_after: tuple[str, ...] = ()
    addressee: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    question_labels: tuple[str, ...] = ()
    answer_labels: tuple[str, ...] = ()
    media_suffixes: tuple[str, ...] = ()
    attitude: tuple[str, ...] = ()
    attitude_negators: tuple[str, ...] = ()
    anonymous_subjects: tuple[str, ...] = ()
    possessed_people: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()
    saying_markers: tuple[str, ...] = ()
    thought_verbs: tuple[str, ...] = ()
    thought_adverbs: tuple[str, ...] = ()
    thought_fillers: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    saying_nouns: tuple[str, ...] = ()
    coordination: tuple[str, ...] = ()
    jointly: tuple[str, ...] = ()
    said_it_thus: tuple[str, ...] = ()
    gestures: tuple[str, ...] = ()
    gesture_adverbs: tuple[str, ...] = ()
    speech_measures: tuple[str, ...] = ()
    measured_verbs: tuple[str, ...] = ()
    object_particles: tuple[str, ...] = ()
    verb_particles: tuple[str, ...] = ()
    gap_before_verb: tuple[str, ...] = ()
    gap_frames: tuple[str, ...] = ()
    second_person: tuple[str, ...] = ()
    second_person_gap: tuple[str, ...] = ()
    second_person_verbs: tuple[str, ...] = ()
    addressee_prepositions: tuple[str, ...] = ()
    asking_verbs: tuple[str, ...] = ()
    preposition_words: tuple[str, ...] = ()
    back_reference_openers: tuple[str, ...] = ()
    back_reference_tails: tuple[str, ...] = ()
    speaker_reveal_openers: tuple[str, ...] = ()
    transition_leads: tuple[str, ...] = ()
    this_saying: tuple[str, ...] = ()
    other_subjects: tuple[str, ...] = ()
    clause_openers: tuple[str, ...] = ()
    view_nouns: tuple[str, ...] = ()
    self_account: tuple[str, ...] = ()
    not_labels: tuple[str, ...] = ()
    object_verbs: tuple[str, ...] = ()
    not_pronouns: tuple[str, ...] = ()
    contrast_after_pronoun: tuple[str, ...] = ()
    description_openers: tuple[str, ...] = ()
    predicate_openers: tuple[str, ...] = ()
    not_verb_after: tuple[str, ...] = ()
    not_verb_before: tuple[str, ...] = ()
    not_said: tuple[str, ...] = ()
    unnamed_people: tuple[str, ...] = ()
    label_legend_markers: tuple[str, ...] = ()
    label_legend_tags: tuple[str, ...] = ()
    described_view_nouns: tuple[str, ...] = ()
    editorial_notes: tuple[str, ...] = ()
    editor_section_heads: tuple[str, ...] = ()
    script_tags: tuple[str, ...] = ()
    reporter_roles: tuple[str, ...] = ()
    another_person: tuple[str, ...] = ()
    partial_predicate_words: tuple[str, ...] = ()
    reflexive_subjects: tuple[str, ...] = ()
    book_author_markers: tuple[str, ...] = ()
    meeting_verbs: tuple[str, ...] = ()
    questioner_label_tails: tuple[str, ...] = ()
    host_roster_roles: tuple[str, ...] = ()
    own_saying_verbs: tuple[str, ...] = ()
    interview_title_words: tuple[str, ...] = ()
    interview_verbs: tuple[str, ...] = ()
    talk_roles: tuple[str, ...] = ()
    cite_verbs: tuple[str, ...] = ()
    discussed_saying_nouns: tuple[str, ...] = ()
    saying_judgments: tuple[str, ...] = ()
    popular_saying_tails: tuple[str, ...] = ()
    opinion_question_verbs: tuple[str, ...] = ()
    letter_address_words: tuple[str, ...] = ()
    letter_closings: tuple[str, ...] = ()
    salutation_openers: tuple[str, ...] = ()
    salutation_honorifics: tuple[str, ...] = ()
    post_author_notes: tuple[str, ...] = ()
    text_nouns: tuple[str, ...] = ()
    heard_verbs: tuple[str, ...] = ()

    def revealing_openers(self) -> tuple[str, ...]:
        """The words after a quote that stand right before the name of its speaker (``说这话的是``, ``这句话是``):
        ``speaker_reveal_openers`` and the ``back_reference_openers`` that name the saying (a word with 话; not the
        bare ``这是``). The name scan finds a person there, attribution gives them the quote."""
        return tuple(w for w in (*self.speaker_reveal_openers, *self.back_reference_openers) if "话" in w)

    def speech_verbs(self) -> tuple[str, ...]:
        """``verbs`` and each of ``measured_verbs`` with a measure after it (酸了一把, 夸几句): a verb such
        as 酸 or 夸 reports speech only when it counts what was said."""
        measured = [v + p + m for v in self.measured_verbs for p in ("", "了") for m in self.speech_measures]
        return tuple(dict.fromkeys([*self.verbs, *measured]))

    def merged(self, other: "SpeechCues") -> "SpeechCues":
        data = self.model_dump()
        for key, values in other.model_dump().items():
            data[key] = tuple(dict.fromkeys([*data[key], *values]))
        return SpeechCues(**data)


def load_cues(path: Optional[str | Path] = None) -> SpeechCues:
    """The built-in cues, merged with a user's YAML file of the same shape when ``path`` is given."""
    builtin = _builtin_cues()
    if path is None:
        return builtin
    cues, _ = user_lexicon_file(path)
    try:
        return builtin.merged(SpeechCues(**{"verbs": [], **cues}))
    except (ValidationError, TypeError) as e:
        raise ConfigError(Errors.E012.format(path=path, reason=describe_load_error(e))) from None


@lru_cache(maxsize=8)
def user_lexicon_file(path: str | Path) -> tuple[dict, dict]:
    """A user's lexicon file split into speech-cue keys (``speech_cues.yaml``) and name keys
    (``names.yaml``, ``titles.yaml``, ``surnames.yaml``); an unknown key is an error naming it."""
    from .speakers import NAME_KEYS

    p = Path(path)
    try:
        raw = safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as e:
        raise ConfigError(Errors.E012.format(path=p, reason=describe_load_error(e))) from None
    if not isinstance(raw, dict):
        raise ConfigError(Errors.E012.format(path=p, reason="expected a mapping of list names to words"))
    unknown = sorted(set(raw) - set(SpeechCues.model_fields) - NAME_KEYS)
    if unknown:
        raise ConfigError(Errors.E012.format(path=p, reason=f"unknown key {unknown[0]!r}"))
    cues = {k: v for k, v in raw.items() if k in SpeechCues.model_fields}
    names = {k: v for k, v in raw.items() if k in NAME_KEYS}
    for key, value in names.items():
        if not isinstance(value, (list, str)):
            raise ConfigError(Errors.E012.format(path=p, reason=f"{key}: expected a list of words"))
    return cues, names


@lru_cache(maxsize=1)
def _builtin_cues() -> SpeechCues:
    text = resources.files("stancelib").joinpath("data/speech_cues.yaml").read_text("utf-8")
    return SpeechCues(**safe_load(text))


def alternation(words) -> str:
    """A regex matching any of the literal ``words``, the longest possible one first.

    Words are factored by common prefix (``表示|表态`` -> ``表(?:示|态)``): Python's ``re`` tries a flat
    alternation word by word at every position, which is slow for lexicons of hundreds of entries.
    """
    trie = _trie(words)
    if not trie:
        return "(?!)"
    # A leading look-ahead on the first characters lets the regex engine skip most positions fast.
    firsts = "".join(re.escape(ch) for ch in sorted(trie))
    return f"(?=[{firsts}]){_trie_pattern(trie)}"


def scan_alternation(words, suffix: str = "") -> str:
    """:func:`alternation` for a regex of its own that scans whole texts: the same matches, one branch
    per first character and no look-ahead. A pattern whose every branch starts with a literal lets
    ``re`` jump from one possible first character to the next in C, twice as fast as the look-ahead
    (and ten times as fast as a group around the branches). ``suffix`` (a zero-width check) ends each branch.
    """
    trie = _trie(words)
    if not trie:
        return "(?!)"
    return "|".join(re.escape(ch) + _trie_pattern(child) + suffix for ch, child in sorted(trie.items()))


def _trie(words) -> dict:
    """``{character: subtree}`` of the non-empty ``words``; ``""`` marks where a word ends."""
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_pattern(node: dict) -> str:
    """The regex of one trie node: its branches, longer words first, optional when a word ends here."""
    branches = sorted((ch, child) for ch, child in node.items() if ch)
    leaves = [re.escape(ch) for ch, child in branches if set(child) == {""}]
    alts = [re.escape(ch) + _trie_pattern(child) for ch, child in branches if set(child) != {""}]
    if leaves:
        alts.append(leaves[0] if len(leaves) == 1 else f"[{''.join(leaves)}]")
    if not alts:
        return ""
    if "" in node:  # a word may end here: the rest is optional, tried first (greedy = longest)
        return f"(?:{'|'.join(alts)})?"
    return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"


# A transcript's time code before a label: bracketed, or bare and followed by a space.
# A time code before a transcript label (``[00:12:30] 某某：``), also read by the gold format's answer turns.
TIME_CODE = (r"(?:(?:[\[【(（][ \t]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[ \t]*[\]】)）]"
              r"|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?=[ \t\u3000]))[ \t\u3000]*)?")
# A script's bracketed tag before a label (``【同期声】某某：…`` / ``[采访] 某某：``): read as a tag only when it is one of
# ``script_tags`` (speech_cues.yaml), so that a bracketed name (``【某某】我觉得：…``) is no tag.
SCRIPT_TAG = r"(?:[【\[][ \t]*(?P<tag>[^\s\d【】\[\]：:，,。！？!?“”「」]{1,8}?)[ \t]*[】\]][ \t\u3000]*)?"
# A line that starts with a label: `王仲远：…`, `问：…`, `钛媒体AGI:…`, `零一万物CEO李开复：标题`, `Marguerite Olsen：…`.
# The rest may be empty (`朱啸虎：` alone on its line, the answer in the next paragraph); a digit after an
# ASCII colon is a time (`10:30`), after a full-width one it opens an answer (`李某：40 天…`).
# The rest runs to the line's last non-blank character (greedy: a lazy rest retries the end at every character).
_LABEL_LINE = re.compile(
    # a label opens with a digit only as an outlet's name (36氪：), never a time, a date or a count;
    # a time code may stand before it (``[00:12:30] 某某：`` / ``00:12:30 某某：`` / ``【12:30】某某：``), and a
    # section number and a space (``03 某某：标题``) or an item number (``3. 某某：标题`` / ``二、某某：``)
    r"^[ \t\u3000]*" + TIME_CODE + SCRIPT_TAG + r"(?:\d{1,2}[ \t\u3000]+(?=[\u4e00-\u9fff])|(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、][ \t\u3000]*(?=[\u4e00-\u9fffA-Za-z]))?(?P<label>(?:\d{1,4}(?=[\u4e00-\u9fff])(?![年月日号点时分秒个种条位家倍岁届期])|[^\s：:，,。！？!?“”「」『』\"（）()《》【】〔〕\d])(?:[^\s：:，,。！？!?“”「」『』\"《》【】]| (?! )){0,31}?)"
    # an aside after the label says who the speaker is (``某某（某公司，CTO）：`` / ``嘉宾A（某公司CTO）：``): not part of it
    r"(?P<aside>[ \t]*[（(][^（）()\n：:“”「」]{1,30}[）)])?"
    r"[ \t]*(?:：|:(?!\d))[ \t\u3000]*(?P<rest>(?:[^\n]*[^\n \t\u3000])?)[ \t\u3000]*$",
    re.M,
)
_NEXT_TEXT_LINE = re.compile(r"\n[ \t\u3000]*(?=\S)")
_LABEL_COLONS = "：:"
_NO_LABEL = re.compile(r"[\W\d_]+")  # punctuation and numbers only
_CLAUSE_PUNCT = re.compile(r"[。？！?!，,；;]")


class CuePatterns:
    """The compiled regexes of one cue lexicon (built once per pipeline, shared by its stages)."""

    def __init__(self, cues: SpeechCues):
        """(A lexicon searched for in a stretch of text is a :func:`scan_alternation`, which ``re`` skips
        through faster than the look-ahead of :func:`alternation`; the matches are the same.)"""
        self.cues = cues
        verbs = cues.speech_verbs()
        long_verbs = [v for v in verbs if len(v) > 1]
        short_verbs = [v for v in verbs if len(v) == 1]
        # A one-character verb must not start a longer word (说 but not 说法, 称 but not 称为) nor end a
        # fixed phrase (据说, 听说, 对X来说, 可以说).
        # one fixed-width look-behind per phrase: 也就是说 is no cue, 他只是说 is
        blocking = sorted({w[:-1] for w in cues.not_verb_after if len(w) >= 2 and w[-1] in short_verbs})
        # Each branch starts with its verb's first character (see scan_alternation), the look-behinds
        # of a one-character verb after it: ``说(?<!据说)`` is ``(?<!据)说``.
        def not_before(v: str) -> str:  # 说 but not 说法 / 问 but not 问题
            tails = "".join(sorted({w[1] for w in cues.not_verb_before if len(w) == 2 and w[0] == v}))
            return f"(?![{re.escape(tails)}])" if tails else ""

        short = ["".join([re.escape(v), *(f"(?<!{re.escape(w + v)})" for w in blocking), not_before(v)])
                 for v in sorted(set(short_verbs))]
        # a longer verb that starts a noun (分享会, 分析师): the match may not end where the noun goes on
        nouns = [(v, w[len(v):]) for w in cues.not_verb_before for v in long_verbs if w.startswith(v) and len(w) > len(v)]
        noun_after = "".join(["(?!", "|".join(f"(?<={re.escape(v)}){re.escape(t)}" for v, t in nouns), ")"]) if nouns else ""
        self.verb = re.compile("|".join([scan_alternation(long_verbs, noun_after), *short]))
        # Frames are found by their tail (看来, 介绍, 的观点是), then the head is looked for behind it:
        # a regex that starts with the open name slot would try 30 characters at every position.
        self.frames: dict[str, list[str]] = {}  # tail -> heads, longest first
        for frame in cues.frames:
            before, _, after = frame.partition("{X}")
            if after:
                self.frames.setdefault(after, []).append(before)
        self.frames = {tail: sorted(heads, key=len, reverse=True) for tail, heads in self.frames.items()}
        self.frame_tail = re.compile(scan_alternation(self.frames)) if self.frames else None
        heads = {h for hs in self.frames.values() for h in hs if h}
        self.not_frame_head = {h: tuple(w for w in cues.not_frame_head if w.endswith(h) and w != h) for h in heads}
        self.rebuttal = re.compile(f"(?:{alternation(cues.rebuttal)})[^，。；;！？]{{0,12}}$") if cues.rebuttal else None
        self.term_before = re.compile(f"(?:{alternation(cues.term_before)})(?:——)?\\s*$") if cues.term_before else None
        self.term_after = re.compile(alternation(cues.term_after)) if cues.term_after else None
        self.addressee = re.compile(scan_alternation(cues.addressee)) if cues.addressee else None
        self.attitude = re.compile(scan_alternation(cues.attitude)) if cues.attitude else None
        self.attitude_negation = re.compile(f"(?:{alternation(cues.attitude_negators)})$") if cues.attitude_negators else None
        # 其 in 其实 / 尤其 and 他 in 他们 are no pronoun of one person.
        self.not_pronoun = re.compile(alternation(cues.not_pronouns)) if cues.not_pronouns else None
        self.pronoun = _pronoun_regex(cues)
        anonymous = [scan_alternation(cues.anonymous_subjects)] if cues.anonymous_subjects else []
        if cues.possessed_people:
            # 某某的朋友 / 某某身边的人: someone of 某某's, not 某某 (朋友圈 is a place)
            anonymous.append(f"(?:的(?:一位|一名|一个|几位|多位|某位)?|身边的?)(?:{alternation(cues.possessed_people)})(?!圈)|身边的?人")
        self.anonymous = re.compile("|".join(anonymous)) if anonymous else None
        # the anonymous subjects that stand for one person (一位…, 负责人, 知情人士): a pronoun after one in its
        # paragraph refers to that person
        one = [w for w in cues.anonymous_subjects if any(k in w for k in ("位", "名", "人士", "负责人", "发言人"))]
        one += [w for w in cues.unnamed_people if w]  # 我妈 / 司机: a person of their own, named by no name
        self.unnamed_person = re.compile(scan_alternation(one)) if one else None
        self.hypothetical = re.compile(scan_alternation(cues.hypothetical)) if cues.hypothetical else None
        self.saying = re.compile(scan_alternation(cues.saying_markers)) if cues.saying_markers else None
        thought = alternation([*verbs, *cues.thought_verbs])
        self.first_person_cue = re.compile(
            rf"(?<![对跟向给和与替让叫劝勸催逼求])(?:{alternation(cues.first_person)})(?!的)(?:[^，,。！？；“”「」\n]{{0,12}}?)(?:(?:{thought})(?:道|的|过|了)?|(?:{alternation(cues.object_verbs)})[^，,。！？；“”「」\n]{{1,14}})[，,：:\s]*$"
        ) if cues.first_person else None
        # 我告诉很多人: an object verb right before a group makes it the one spoken to
        self.object_verb_end = re.compile(f"(?:{alternation(cues.object_verbs) or '(?!)'})[了过]?$")
        self.contrast_after_pronoun = tuple(cues.contrast_after_pronoun)
        self.predicate_opener = re.compile(f"(?:{alternation(cues.predicate_openers) or '(?!)'})")
        self.description_opener = re.compile(f"\\s*(?:{alternation(cues.description_openers) or '(?!)'})")
        # what may stand before a verb inside someone's report and leave the report theirs: a pronoun or nothing
        own = alternation([*cues.pronouns, *cues.first_person, "他们", "她们"])
        self.own_subject = re.compile(f"(?:(?:{own})[^，,]{{0,10}}|(?:{alternation(cues.gap_before_verb)})*)$")
        self.question_labels = set(cues.question_labels)
        # `问：` / `记者问：` / `陈思远答：` are turn labels, though 问 is a speech verb too
        self.turn_label_words = tuple(sorted({*cues.question_labels, *cues.answer_labels}, key=len, reverse=True))
        self.answer_labels = set(cues.answer_labels)
        self.view_intro = re.compile(
            f"的(?P<view>{alternation(cues.view_nouns)})(?:(?:依旧|依然|仍然|一如既往|很明确|非常明确|很简单|是|如下|也很直接|称|说|指出)?(?:[，,：:]|——)"
            f"|[^，,。；;：:“”「」\\n]{{1,10}}[：:])\\s*"  # (某某的回答还是那么干脆：)
        ) if cues.view_nouns else None
        # Attribution's lexicons, compiled once (see attribution.py for how each is used).
        self.said_it_thus = re.compile(alternation(cues.said_it_thus))
        # “…”某某笑了笑。: a gesture that ends the sentence after a quote (attribution's weakest explicit cue).
        self.gesture = re.compile(
            f"(?:{alternation(cues.gesture_adverbs) or '(?!)'})*(?:{alternation(cues.gestures)})[。！!]"
        ) if cues.gestures else None
        # A measure word after a speech verb counts what was said (调侃了一句“…”); the verb's particles.
        measure = f"(?:{alternation(cues.speech_measures) or '(?!)'})"
        particle = f"(?:{alternation(cues.verb_particles) or '(?!)'})"
        self.object_particles = frozenset(cues.object_particles)
        # 他没有透露… / 并未表示…: a verb said not to have been used reports nothing
        self.not_said = re.compile(f"(?:{alternation(cues.not_said)})$") if cues.not_said else None
        self.verb_particle_set = frozenset(cues.verb_particles)
        self.measure_to_quote = re.compile(f"{particle}?{measure}[ \t]*[，,：:]?[ \t]*")
        self.measure_end = re.compile(f"{measure}[，,：:\\s]*$")
        # Between a verb and the quote that completes it: 说过， / 认为这个 / 说是 / 调侃了一句.
        self.verb_to_quote = re.compile(f"(?:{particle}|到|的)?{measure}?[，,：:\\s]*(?:这个|这是|是|的是|就是)?")
        # What may follow a speech verb before the quote it introduces: 说道 / 说过 / 调侃了一句.
        self.verb_tails = frozenset(["", "的", "到", *cues.verb_particles,
                                     *(lead + m for lead in ("", *cues.verb_particles) for m in cues.speech_measures)])
        frames = [re.escape(f).replace(re.escape("{X}"), "[^，。；“”]{0,32}?") for f in cues.gap_frames]
        self.gap_frame = re.compile("|".join(frames)) if frames else None
        self.gap_before_verb = re.compile(f"^(?:{alternation(cues.gap_before_verb)}|{'|'.join(frames) or '(?!)'}|，)*$")
        self.you_said = re.compile(
            f"(?<![{re.escape(''.join(cues.addressee_prepositions))}和与让叫])(?:{alternation(cues.second_person)})"
            f"(?:{alternation(cues.second_person_gap)})*(?P<verb>{alternation(cues.second_person_verbs)})(?:过|的)?(?:说)?[，,：:\\s]*$"
        ) if cues.second_person else re.compile("(?!)")
        def you_then(gap: str, verbs, particles: str) -> re.Pattern:
            """你 (not one spoken to: 对你 / 让你), a gap, a verb, then the quote's opening mark may follow."""
            if not cues.second_person:
                return re.compile("(?!)")
            return re.compile(f"(?<![{re.escape(''.join(cues.addressee_prepositions))}和与让叫])(?:你|您)(?!们)(?P<gap>{gap})"
                              f"(?P<verb>{alternation(verbs)})(?:{particles})?[，,：:\\s]*$")

        # 2023年你在一次闭门会上说过，“…” (in a question): a short free gap, then a verb of saying (not 觉得;
        # not 你这是在说“…”, a paraphrase put to them)
        self.you_said_gap = you_then("[^。！？；;\\n“”「」『』，,是]{1,16}?", cues.second_person_verbs, "过|了")
        # 上周你在一个论坛上说，“…” (in a letter): a short gap without a quote or a sentence end, then a speech verb
        self.you_said_in_letter = you_then("[^。！？；;\\n“”「」『』]{0,24}?", cues.speech_verbs(), "过|了|道")
        # a letter's salutation alone on its line (启澜兄： / 亲爱的各位同事：), its closing formula, a heading addressed to someone
        self.salutation = re.compile(
            rf"^[ \t\u3000]*(?:{alternation(cues.salutation_openers)})?(?P<to>[^\s：:，,。！？!?；;“”「」（）()《》]{{1,12}}?)"
            rf"(?:{alternation(cues.salutation_honorifics)})?[：:][ \t\u3000]*$", re.M)
        # 主持人小雅 / 主播阿杰: a host's role with the host's name or nickname, a label that asks
        self.host_named = re.compile(rf"(?:{alternation(cues.host_roster_roles)})[ \t\u3000]?[^\s：:，,（()）]{{1,4}}") \
            if cues.host_roster_roles else re.compile("(?!)")
        self.letter_closing = re.compile(rf"[ \t\u3000]*(?:{alternation(cues.letter_closings)})")
        self.letter_address = re.compile(rf"[ \t\u3000]*(?:{alternation(cues.letter_address_words)})")
        self.addressee_before = re.compile(f"(?:{alternation(cues.addressee_prepositions)})\\s?$")
        # 赵某问钱某怎么看。他说: the one asked answers (see attribution._previous_sentence_subject)
        self.asked_before = re.compile(f"(?:{alternation(cues.asking_verbs)})\\s?$") if cues.asking_verbs else None
        self.addressee_word = re.compile(scan_alternation(cues.addressee_prepositions))
        # 竞争对手 / 针对 / 问题: words in which such a character is no preposition
        self.preposition_word = re.compile(scan_alternation(cues.preposition_words)) if cues.preposition_words else None
        self.back_reference = re.compile(f"\\s*(?:{alternation((*cues.speaker_reveal_openers, *cues.back_reference_openers))})")
        self.speaker_reveal = frozenset(cues.speaker_reveal_openers)
        self.transition_lead = re.compile(f"(?:{alternation(cues.transition_leads)})[，,]\\s*") if cues.transition_leads else None
        # 这句话 / 这番话 opening the words after a quote (``“…”——这句话被多位创业者引用``)
        self.saying_ref = re.compile(f"(?:{alternation([w for w in cues.this_saying if w.startswith(('这', '那', '此'))]) or '(?!)'})")
        self.back_reference_tail = re.compile(f"(?:[^，,。；\\n]{{0,24}}?)(?:{alternation(cues.back_reference_tails)})")
        self.this_saying = re.compile(f"(?:当年|曾经|此前|早年)?(?:的)?(?:{alternation(cues.this_saying)})")
        self.other_subject = re.compile(scan_alternation(cues.other_subjects))
        openers = alternation(cues.clause_openers)
        self.clause_opener = re.compile(f"\\s*(?:{openers})?[，,]?\\s*")
        self.first_person_lead = re.compile(
            f"^\\s*(?:{openers})?[，,]?\\s*(?:{alternation(cues.first_person)})(?![的们])[^“”「」]{{0,30}}?[：:，,]\\s*$")
        # 感觉就像是，“…” / 当时就想：“…”: a thought with its subject dropped (spoken Chinese drops 我)
        self.dropped_subject_lead = re.compile(
            f"^\\s*(?:{openers})?[，,]?\\s*(?:{alternation(cues.thought_adverbs)})*(?:{alternation(cues.thought_verbs)})"
            f"(?:{alternation(cues.thought_fillers)})?[：:，,]\\s*$") if cues.thought_verbs else re.compile("(?!)")
        # 韩东和北辰云CTO邵明川: a conjunction, then maybe the second person's organisation and title
        self.coordination = re.compile(f"\\s*(?:{alternation(cues.coordination)})[^，,。；;：:“”「」\\n]{{0,14}}") if cues.coordination else re.compile("(?!)")
        self.jointly = re.compile(f"\\s*(?:{alternation(cues.jointly)})") if cues.jointly else re.compile("(?!)")
        self.saying_noun = re.compile(alternation(cues.saying_nouns)) if cues.saying_nouns else None
        # right after a quote: “…”，这句话太绝对 (the saying judged) / “…”这是当时流行的一句话 (a saying going round)
        # / “…”，您同意吗？ (a view put to someone): the words are discussed, nobody's claim here
        after = []
        if cues.discussed_saying_nouns and cues.saying_judgments:
            after.append(f"(?P<judged>[，,]?\\s*(?:{alternation(cues.discussed_saying_nouns)})[^，,。；;！？!?“”「」\\n]{{0,4}}?"
                         f"(?:{alternation(cues.saying_judgments)}))")
        if cues.popular_saying_tails:
            after.append(f"(?P<popular>[，,。]?\\s*这是[^，,。；;！？!?“”「」\\n]{{0,10}}?(?:{alternation(cues.popular_saying_tails)}))")
        if cues.opinion_question_verbs and cues.second_person:
            after.append(f"(?P<put>[，,]\\s*(?:{alternation(cues.second_person)})[^，,。；;！？!?“”「」\\n]{{0,4}}?"
                         f"(?:{alternation(cues.opinion_question_verbs)})[^，,。；;！!“”「」\\n]{{0,8}}?[吗么？?])")
        if cues.discussed_saying_nouns and cues.heard_verbs:
            # “…”，某某说自己最近常在网上刷到这句话 / “…”——他说，这句话他在很多场合听到过: a saying the speaker comes across
            # (in the quote's own sentence and line: not a new turn after it, 乙：你这话要是让…听到)
            nouns, heard, run = alternation(cues.discussed_saying_nouns), alternation(cues.heard_verbs), "[^。；;！？!?：:“”「」\\n]{0,16}?"
            after.append(f"(?P<heard>[，,—― \\t\u3000]*{run}(?:(?:{nouns}){run}(?:{heard})|(?:{heard})过?(?:{nouns})))")
        self.discussed_after = re.compile("|".join(after)) if after else None
        self.self_account = re.compile(alternation(cues.self_account)) if cues.self_account else None
        self.first_person_word = re.compile(scan_alternation(cues.first_person)) if cues.first_person else None
        self.not_label = re.compile(scan_alternation(cues.not_labels)) if cues.not_labels else re.compile("(?!)")
        self.media_suffix = re.compile(f"(?:{alternation(cues.media_suffixes)})$") if cues.media_suffixes else None
        # ▍编者小结 / 【编者按】 / 编者注：…: a line opening an editor's section (after a bullet or in brackets)
        self.editor_section = re.compile(
            f"[ \\t\u3000]*(?:[{_BULLETS}【\\[][ \\t\u3000]*)?(?:{alternation(cues.editor_section_heads)})[ \\t\u3000]*[】\\]]?"
            f"[ \\t\u3000]*(?:[：:|｜][^\\n]*)?$") if cues.editor_section_heads else re.compile("(?!)")
        self.script_tags = frozenset(cues.script_tags)
        self.editorial_note = re.compile(f"[ \\t]*(?:{alternation(cues.editorial_notes) or '(?!)'})[ \\t]*$")
        self.reporter_role = re.compile(scan_alternation(cues.reporter_roles)) if cues.reporter_roles else re.compile("(?!)")
        # 某某的理由很直接：… is narration introducing a view, not a label
        self.described_view = re.compile(f"的(?:{alternation([*cues.view_nouns, *cues.described_view_nouns])}).") \
            if cues.view_nouns or cues.described_view_nouns else re.compile("(?!)")
        # 某某简称“某” / 某某（以下简称“某”） / 某某以公司名“某某科技”标注: the label a legend gives the person before it
        self.label_legend = re.compile(
            f"(?:[（(][ \\t]*)?(?:{alternation(cues.label_legend_markers) or '(?!)'})为?[ \\t]*[“\"「『](?P<label>[^”\"」』\\n]{{1,12}})[”\"」』]"
            f"|以其?[^“”「」，,。；;\\n]{{0,6}}?[“\"「『](?P<tagged>[^”\"」』\\n]{{1,12}})[”\"」』](?:来|进行)?"
            f"(?:{alternation(cues.label_legend_tags) or '(?!)'})")

    def is_question_label(self, label: str) -> bool:
        return label in self.question_labels or bool(self.media_suffix and self.media_suffix.search(label)) \
            or label.endswith(self.cues.questioner_label_tails)


def _pronoun_regex(cues: SpeechCues) -> re.Pattern:
    """Pronouns, except where the character is part of a longer word listed in ``not_pronouns``:
    ``其`` of ``其实``/``尤其``, ``他`` of ``他们``."""
    blocks_after, blocks_before = {}, {}
    for word in cues.not_pronouns:
        for p in cues.pronouns:
            if len(p) == 1 and p in word and len(word) > 1:
                i = word.index(p)
                if i == 0:
                    blocks_after.setdefault(p, set()).add(word[1])
                else:
                    blocks_before.setdefault(p, set()).add(word[i - 1])
    alts = []
    for p in sorted(cues.pronouns, key=len, reverse=True):
        before = f"(?<![{re.escape(''.join(sorted(blocks_before[p])))}])" if p in blocks_before else ""
        after = f"(?![{re.escape(''.join(sorted(blocks_after[p])))}])" if p in blocks_after else ""
        alts.append(f"{before}{re.escape(p)}{after}")
    return re.compile("|".join(alts) if alts else "(?!)")


@lru_cache(maxsize=8)
def cue_patterns(cues: SpeechCues) -> CuePatterns:
    return CuePatterns(cues)


# --- candidates -------------------------------------------------------------------------------------


def direct_quotes(clean: str, pairs: list[list], sentences: list[list[int]]) -> list[dict]:
    """One candidate per quote-mark pair; nested pairs point at their parent."""
    out: list[dict] = []
    open_stack: list[dict] = []
    sentence_index = sentence_indexer(sentences)
    for open_, close, mark, depth, balanced in pairs:
        while open_stack and open_stack[-1]["end"] <= open_:
            open_stack.pop()
        cend = close - 1 if balanced else close
        out.append(
            {
                "kind": "direct",
                "start": open_,
                "end": close,
                "cstart": open_ + 1,
                "cend": max(open_ + 1, cend),
                "mark": mark,
                "balanced": balanced,
                "parent": open_stack[-1]["_i"] if open_stack else None,
                "sentence": sentence_index(open_),
                "_i": len(out),
            }
        )
        open_stack.append(out[-1])
    return out


def label_lines(clean: str, pats: CuePatterns) -> list[dict]:
    """Q&A turns and section headlines from lines that start with ``Label：``.

    A transcript has labels that recur (or 问/答, or a media outlet's label); a line whose label
    occurs once and whose text is short is a candidate section headline (``某公司CEO某某：标题``).
    In a transcript, a once-only label with a long answer is a panelist's single turn (``single``: the
    attribution keeps it only if the label names a person), and a ``Q：主持人 某某`` / ``A：某某`` pair
    of short lines is a legend naming who asks and who answers (``legend`` on each turn of that label).
    """
    lines = _label_line_candidates(clean, pats)
    comments = _comment_thread(clean, lines, pats)
    if comments:
        taken = {id(ln) for ln, _ in comments}
        lines = [ln for ln in lines if id(ln) not in taken]
        return label_lines_of(clean, pats, lines) + [_comment_turn(ln, who) for ln, who in comments]
    return _mark_chat(clean, label_lines_of(clean, pats, lines))


# ``[21:12] 某某-某资本：…`` / ``10:32 某某：…``: a time stamp opening a label line, as a chat log writes each message
_CHAT_STAMP = re.compile(r"[ \t\u3000]*[\[【(（]?[ \t]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[ \t]*[\]】)）]?[ \t\u3000]*")


def _mark_chat(clean: str, records: list[dict]) -> list[dict]:
    """Turns of a chat log (three or more label lines opening with a time stamp) carry ``chat``: their label is the
    writer's handle, a user name that is the speaker when no note of the text says whose it is."""
    stamped = [r for r in records if r["kind"] == "qa_turn" and "label_start" in r
               and _CHAT_STAMP.fullmatch(clean, clean.rfind("\n", 0, r["label_start"]) + 1, r["label_start"])]
    if len(stamped) >= 3:
        for r in stamped:
            r["chat"] = True
    return records


# ``某某 回复 某某：…`` / ``某某（作者） 回复 某某：…``: a reply in a comment thread, the replier first.
# (回复 stands apart, between spaces or before an @: 某某在另一条回复里谈到… is a sentence)
_REPLY_LABEL = re.compile(r"(?P<who>[^\s：:（()）@]{1,16}?)(?:[ \t\u3000]*[（(](?P<note>[^）)\n]{1,6})[）)])?"
                          r"(?:[ \t\u3000]+(?:回复|回覆)[ \t\u3000]+@?|[ \t\u3000]*(?:回复|回覆)[ \t\u3000]*@)(?P<to>[^\s：:]{1,16})")


def _comment_thread(clean: str, lines: list[dict], pats: CuePatterns) -> list[tuple[dict, Optional[re.Match]]]:
    """The label lines of a comment thread, each with the span of its handle: a run of label lines on
    consecutive paragraphs holding at least one reply (``某某 回复 某某：``); every line of the run is a comment,
    its handle the one who writes it (a user name is no person's name, but it is the speaker)."""
    replies = {id(ln): m for ln in lines if (m := _REPLY_LABEL.fullmatch(ln["label"]))}
    if not replies:
        return []
    runs: list[list[dict]] = []
    for ln in lines:
        if ln["bare"] or not (_name_sized(ln["label"]) or id(ln) in replies) \
                or (pats.anonymous is not None and pats.anonymous.match(ln["label"])):
            runs.append([])  # (有网友评论：“…”: someone unnamed, no handle)
        elif runs and runs[-1] and _next_line(clean, runs[-1][-1], ln):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    return [(x, replies.get(id(x))) for run in runs if len(run) >= 2 and any(id(x) in replies for x in run) for x in run]


def _comment_turn(ln: dict, reply: Optional[re.Match]) -> dict:
    """A comment of a thread as a turn whose label is the writer's handle (``note``: 作者 marks the post's author)."""
    if reply is not None:
        who = reply.group("who")
        start = ln["lstart"] + reply.start("who")
        note = reply.group("note")
    else:
        who, start, note = ln["label"], ln["lstart"], None
    rec = {"kind": "qa_turn", "start": ln["cstart"], "end": ln["cend"], "cstart": ln["cstart"], "cend": ln["cend"],
           "label": who, "label_start": start, "label_end": start + len(who), "is_question": False, "comment": True}
    if note:
        rec["comment_note"] = note
    return rec


def label_lines_of(clean: str, pats: CuePatterns, lines: list[dict]) -> list[dict]:
    """:func:`label_lines` on the label lines left once a comment thread's are taken out."""
    if not lines:
        return heading_lines(clean)
    counts = Counter(ln["label"] for ln in lines)
    # `某某：“…”` and a label alone on its line are turns only where the label recurs.
    lines = [ln for ln in lines if counts[ln["label"]] >= 2 or not (ln["bare"] or ln["quoted"])]
    counts = Counter(ln["label"] for ln in lines)
    # (主持人小雅： on every other turn asks; once, it may only open the event: its turn's end is not clear)
    is_q = {lab: pats.is_question_label(lab) or (n >= 2 and bool(pats.host_named.fullmatch(lab))) for lab, n in counts.items()}
    hosts = _host_roster(clean, pats)
    if hosts:  # 本期主播：甲、乙: the hosts' turns ask
        is_q.update((lab, True) for lab in counts if lab in hosts)
    is_a = {lab: lab in pats.answer_labels for lab in counts}
    legend = _legend(clean, lines, is_q, is_a)
    lines = [ln for ln in lines if id(ln) not in legend["lines"]]
    counts = Counter(ln["label"] for ln in lines)
    recurring = [lab for lab, n in counts.items() if n >= 2 and _name_sized(lab)]
    # Per label, the share of turns that end in a question mark: the interviewer asks.
    asked = dict.fromkeys(counts, 0)  # one pass: a per-label scan is quadratic in the number of labels
    for ln in lines:
        asked[ln["label"]] += _asks(clean, ln)
    asks = {lab: asked[lab] / counts[lab] for lab in counts}
    # 张某：你怎么看？ followed by another label: a named interviewer asking
    for a, b in zip(lines, lines[1:]):
        if not is_q[a["label"]] and asks[a["label"]] == 1.0 and a["label"] != b["label"] and _next_line(clean, a, b):
            is_q[a["label"]] = True
    follows_question = {id(b) for a, b in zip(lines, lines[1:]) if is_q[a["label"]] and _next_line(clean, a, b)
                        and _name_sized(b["label"])}  # (某某一上来就抛出了一个数字：… is narration)
    # 甲：… / 乙：… / 甲：…: two people taking turns, one of them twice, on lines that follow each other
    exchange = len(recurring) == 1 and any(
        a["label"] != b["label"] and b["label"] != c["label"] and a["label"] == c["label"] and _name_sized(b["label"])
        and not (a["bare"] or b["bare"] or c["bare"]) and _next_line(clean, a, b) and _next_line(clean, b, c)
        for a, b, c in zip(lines, lines[1:], lines[2:]))
    transcript = bool(follows_question) or len(recurring) >= 2 or exchange or (any(is_a.values()) and any(is_q.values())) \
        or _legended_labels(clean, lines) or any(ln.get("tagged") and _name_sized(ln["label"]) for ln in lines)
    # (【同期声】某某：: a script's tag says the label's person speaks, however often)

    def single_turn(ln: dict) -> bool:
        # A panelist who speaks once: a name-sized label and a full answer, inside a transcript.
        # (业内一直有一种说法：… / 他表示：… hold a speech verb or a saying: a sentence's lead-in, not a label)
        body = clean[ln["cstart"]:ln["cend"]].rstrip()
        return (counts[ln["label"]] == 1 and _name_sized(ln["label"]) and len(ln["label"]) <= 12
                and (len(body) > 60 or body.endswith(("。", "！", "!", "…")))
                and pats.verb.search(ln["label"]) is None and _SAYING_IN_LABEL.search(ln["label"]) is None)

    qa_lines = [ln for ln in lines if transcript and (counts[ln["label"]] >= 2 or is_q[ln["label"]] or is_a[ln["label"]]
                                                      or id(ln) in follows_question or single_turn(ln))]
    if not transcript:
        qa_lines = _statement_block(clean, lines, counts)
    qa_ids = {id(ln) for ln in qa_lines}
    # who a paragraph of narration may report (``_narration``): 他 / 她 or a transcript's name
    names = {"他", "她", *(lab for lab in counts if len(lab) >= 2 and _name_sized(lab) and not (is_q[lab] or is_a[lab]))}
    next_qa = {id(a): b for a, b in zip(qa_lines, qa_lines[1:])}
    out = []
    for ln in lines:
        lab = ln["label"]
        if id(ln) in qa_ids:
            single = not transcript or (counts[lab] == 1 and not (is_q[lab] or is_a[lab] or id(ln) in follows_question))
            if single:
                question = _asks(clean, ln)
            else:
                question = is_q[lab] or (not is_a[lab] and asks[lab] >= 0.6 and len(counts) > 1)
            end = _turn_break(clean, pats, ln, _turn_end(clean, ln, next_qa.get(id(ln))), names)
            rec = {"kind": "qa_turn", "start": ln["cstart"], "end": end, "cstart": ln["cstart"], "cend": end,
                   "label": lab, "label_start": ln["lstart"], "label_end": ln["lend"], "is_question": question}
            if ln.get("aside_end"):
                rec["aside_end"] = ln["aside_end"]
            if single:
                rec["single"] = True
            if ln.get("bullet"):
                rec["bullet"] = True  # ■某某（…）：… : a digest's item, read like a section under its person
            if lab in legend["names"]:
                rec["legend"] = list(legend["names"][lab])
            out.append(rec)
        elif (counts[lab] == 1 and not ln["bare"] and not ln["quoted"] and len(clean[ln["cstart"]:ln["cend"]]) <= 60
              and not clean[ln["cstart"]:ln["cend"]].rstrip().endswith(("。", "？", "?"))
              and not _CAPTION.search(lab + clean[ln["cstart"]:ln["cend"]])):
            # 某某：标题；另一家公司押注端侧: a digest's list of items, the label's person says the first one only
            semi = min((i for i in (clean.find(c, ln["cstart"], ln["cend"]) for c in "；;") if i > ln["cstart"]), default=ln["cend"])
            out.append({"kind": "headline", "start": ln["cstart"], "end": semi, "cstart": ln["cstart"],
                        "cend": semi, "label": lab, "label_start": ln["lstart"], "label_end": ln["lend"],
                        "is_question": False})
    taken = {r["label_start"] for r in out}  # (a bracketed label line is read once: a turn or a headline)
    return out + [h for h in heading_lines(clean) if h["label_start"] not in taken]


# An interview whose questions are bold lines, most holding a question mark (``**你们为什么不做开源？**``), and whose answers
# are the unlabelled paragraphs after them. A bracketed paragraph opening an answer (``（这时，CTO某某补充道）``)
# may hand that answer to someone else (attribution reads who).
_BOLD_QUESTION = re.compile(r"^[ \t\u3000]*\*\*(?P<q>[^*\n]{2,300}?)\*\*[ \t\u3000]*$", re.M)
_BRACKET_PARAGRAPH = re.compile(r"[ \t\u3000]*[（(][^\n]{2,100}[）)][ \t\u3000]*$")
_AFTER_INTERVIEW = re.compile(r"[ \t\u3000]*(?:[（(【\[]|[-—*_=]{3,}|#{1,6}[ \t]|(?:编辑|责编|作者|来源|声明)[ \t]*[：:|｜])")


def bold_question_turns(clean: str, records: list[dict]) -> list[dict]:
    """Q&A turns of an interview with bold questions and unlabelled answers (:data:`_BOLD_QUESTION`), when
    no label lines make a transcript already: a question turn per bold line (``bold``), an answer turn
    (``unlabelled``) from the paragraph after it to the next question. The last answer stops before a bracketed,
    ruled or byline paragraph. At least two bold lines, and half of them, asking make such an interview."""
    if "**" not in clean or any(r["kind"] == "qa_turn" for r in records):
        return []
    questions = list(_BOLD_QUESTION.finditer(clean))
    asking = sum(1 for m in questions if "？" in m.group("q") or "?" in m.group("q"))
    if asking < 2 or 2 * asking < len(questions):
        return []  # (a bold line in an interview of bold questions is one too: 有人说，…。)
    out = []
    for i, m in enumerate(questions):
        qs, qe = m.start("q"), m.end("q")
        out.append({"kind": "qa_turn", "start": qs, "end": qe, "cstart": qs, "cend": qe, "label": "",
                    "label_start": qs, "label_end": qs, "is_question": True, "bold": True})
        nxt = _NEXT_TEXT_LINE.search(clean, m.end())
        if nxt is None:
            continue
        start = nxt.end()
        stop = questions[i + 1].start() if i + 1 < len(questions) else len(clean)
        if start >= stop:
            continue
        rec = {"kind": "qa_turn", "label": "", "is_question": False, "unlabelled": True}
        first_end = clean.find("\n", start, stop)
        first_end = stop if first_end < 0 else first_end
        if _BRACKET_PARAGRAPH.fullmatch(clean, start, first_end):
            rec["handover"] = [start, first_end]
            nxt = _NEXT_TEXT_LINE.search(clean, first_end, stop)
            if nxt is None:
                continue
            start = nxt.end()
        end = stop
        if i + 1 == len(questions):
            pos = clean.find("\n", start)
            while 0 <= pos < stop:
                line = pos + 1
                if clean[line:clean.find("\n", line) if clean.find("\n", line) >= 0 else stop].strip() \
                        and _AFTER_INTERVIEW.match(clean, line):
                    end = line
                    break
                pos = clean.find("\n", line)
        while end > start and clean[end - 1].isspace():
            end -= 1
        rec.update({"start": start, "end": end, "cstart": start, "cend": end, "label_start": start, "label_end": start})
        out.append(rec)
    return out


def _legended_labels(clean: str, lines: list[dict]) -> bool:
    """Whether a legend before a label's first line quotes that label and says whom it stands for (``「CEO」指某某``):
    the label lines are a transcript even when each label speaks once."""
    first: dict[str, int] = {}
    for ln in lines:
        first.setdefault(ln["label"], ln["line_start"])
    if not first:
        return False
    # One scan for every quoted word a verb of meaning follows, not one pattern per label.
    for m in _LEGEND_QUOTE.finditer(clean, 0, max(first.values())):
        at = first.get(m.group("label"))
        verb = m.start("verb")
        if at is not None and verb + (2 if clean.startswith("代表", verb) else 1) <= at:
            return True
    return False


# A quoted word of up to 8 characters and the verb that says what it stands for (「CEO」指某某).
_LEGEND_QUOTE = re.compile(r"[「“\"『](?P<label>[^「“\"『」”\"』]{1,8}?)[」”\"』][ \t]*(?P<verb>指|即|代表)")


_ROSTER_SPLIT = re.compile(r"[、，,/／;；]|和|与|及|[ \t\u3000]+")
_ROSTER_ASIDE = re.compile(r"[（(][^）)\n]*[）)]")


def _host_roster(clean: str, pats: CuePatterns) -> set[str]:
    """The names a host roster line lists (``本期主播：甲、乙`` / ``主持人：某某（某媒体主编）``), each without its
    bracketed note: the labels of the people who ask."""
    roles = pats.cues.host_roster_roles
    if not roles:
        return set()
    found: set[str] = set()
    pat = _host_roster_line(tuple(roles))
    for m in pat.finditer(clean):
        names = [n.strip() for n in _ROSTER_SPLIT.split(_ROSTER_ASIDE.sub("", m.group("names")))]
        names = [n for n in names if n]
        # only names (主持人：下面有请某某、某某 is a host's turn, not a roster)
        if names and len(names) <= 4 and all(len(n) <= 5 or (n.isascii() and len(n) <= 16) for n in names):
            found.update(names)
    return found


@lru_cache(maxsize=8)
def _host_roster_line(roles: tuple) -> re.Pattern:
    return re.compile(f"^[ \t\u3000]*(?:{alternation(roles)})[ \t]*[：:|｜][ \t]*(?P<names>[^\n。！？!?“”「」]{{1,60}}?)[ \t\u3000]*$", re.M)


def _statement_block(clean: str, lines: list[dict], counts: Counter) -> list[dict]:
    """Outside a transcript, a block of label lines that follow each other, each a different name-sized
    label with a full statement (``两人的观点整理如下：`` / ``高某：开源是…`` / ``韩某：开源是…``): one turn per line,
    marked ``single`` (the attribution keeps it only if its label names a person)."""
    def full(ln: dict) -> bool:
        body = clean[ln["cstart"]:ln["cend"]].rstrip()
        return (counts[ln["label"]] == 1 and _name_sized(ln["label"]) and len(ln["label"]) <= 12 and not ln["bare"]
                and not ln["quoted"] and len(body) >= 8 and body.endswith(("。", "！", "!", "…")))
    out, run = [], []
    for ln in [*lines, None]:
        if ln is not None and full(ln) and (not run or _next_line(clean, run[-1], ln)):
            run.append(ln)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = [ln] if ln is not None and full(ln) else []
    return out


def _label_line_matches(clean: str) -> list[re.Match]:
    """``_LABEL_LINE`` matches, tried only on lines that hold a colon: a label line needs one, and
    most lines of prose have none (the same matches as ``finditer``, which tries every line start)."""
    matches = []
    line_end = -1
    # str.find per colon kind: a regex scan for a character class tests the class at every character.
    for colon in sorted(pos for ch in _LABEL_COLONS for pos in all_positions(clean, ch)):
        if colon < line_end:
            continue  # this line was tried already
        line_start = clean.rfind("\n", 0, colon) + 1
        line_end = clean.find("\n", colon)
        line_end = len(clean) if line_end < 0 else line_end
        m = _LABEL_LINE.match(clean, line_start)
        if m:
            matches.append(m)
    return matches


def _label_line_candidates(clean: str, pats: CuePatterns) -> list[dict]:
    """Every line shaped like ``Label：text`` (or ``Label：`` alone, its text on the next line)."""
    matches = _label_line_matches(clean)
    label_line_starts = {m.start() for m in matches}
    lines = []
    for m in matches:
        if m.group("tag") and m.group("tag") not in pats.script_tags:
            continue  # 【某某】我觉得：…: a bracketed label, read by _bracket_label_lines
        label = m.group("label").strip()
        bullet = _BULLET.match(label)
        if bullet:  # ``■ 周某：标题``: a bullet opens the line, the label follows it
            label = label[bullet.end():]
        if _NO_LABEL.fullmatch(label) or label.startswith(("http", "www")):
            continue
        if (pats.verb.search(label[-3:]) and not label.endswith(pats.turn_label_words)) or pats.not_label.search(label):
            continue  # `某某表示：…` is a speech verb before what is said; `免责声明：…` is page furniture
        if pats.described_view.search(label):
            continue  # `某某的理由很直接：…` is a sentence of narration
        cstart, cend = m.start("rest"), m.end("rest")
        bare = cstart == cend
        if bare:
            nxt = _NEXT_TEXT_LINE.search(clean, m.end())
            if nxt is None or clean.count("\n", m.end(), nxt.end()) > 3 or clean.rfind("\n", 0, nxt.end()) + 1 in label_line_starts:
                continue
            cstart = nxt.end()
            cend = clean.find("\n", cstart)
            cend = len(clean) if cend < 0 else cend
            while cend > cstart and clean[cend - 1] in " \t\u3000":
                cend -= 1
        lstart = m.start("label") + (bullet.end() if bullet else 0)
        lines.append({"label": label, "lstart": lstart, "lend": lstart + len(label),
                      "cstart": cstart, "cend": cend, "line_start": m.start(), "bare": bare, "bullet": bool(bullet),
                      "quoted": clean[cstart] in "“「『\"‘", "aside_end": m.end("aside") if m.group("aside") else None,
                      "tagged": bool(m.group("tag"))})
    bracketed = _bracket_label_lines(clean, pats, {ln["line_start"] for ln in lines})
    return sorted(lines + bracketed, key=lambda ln: ln["line_start"]) if bracketed else lines


# A podcast transcript's speaker label in brackets opening a paragraph, no colon: ``【某某】大家好…`` / ``[某某] 对。``
# (a time code opens with a digit and a note such as ``[音频中断]`` stands alone on its line: neither is a label).
_BRACKET_LABEL_LINE = re.compile(
    r"[ \t\u3000]*" + TIME_CODE + r"[【\[][ \t\u3000]*(?P<label>[^\s\d【】\[\]：:，,。！？!?“”「」（）()][^\n【】\[\]：:，,。！？!?“”「」]{0,15}?)"
    r"[ \t\u3000]*[】\]][ \t\u3000]*(?P<rest>[^\n]*[^\n \t\u3000])[ \t\u3000]*$", re.M)


_TALK = re.compile(r"[我你您咱？?]")


def _bracket_label_lines(clean: str, pats: CuePatterns, taken: set[int]) -> list[dict]:
    """Label lines of the form ``【某某】text`` (:data:`_BRACKET_LABEL_LINE`), when they make a transcript: at least two
    name-sized labels that each open two such lines or more, one of them saying 我/你 or asking (then a label that
    opens one line is a turn too, as with colon labels). One bracketed word over a line is a heading."""
    found = []
    for start in line_starts_holding(clean, "】]"):
        if start in taken:
            continue
        m = _BRACKET_LABEL_LINE.match(clean, start)
        if m is None:
            continue
        label = m.group("label").strip()
        if not _name_sized(label) or _CAPTION.search(label) or pats.not_label.search(label) or label in pats.script_tags:
            continue  # (【解说】…: a script's narration, nobody's turn)
        cstart, cend = m.span("rest")
        found.append({"label": label, "lstart": m.start("label"), "lend": m.start("label") + len(label),
                      "cstart": cstart, "cend": cend, "line_start": m.start(), "bare": False,
                      "quoted": clean[cstart] in "“「『\"‘", "bracket": True})
    counts = Counter(ln["label"] for ln in found)
    # people talking: each of those labels says 我/你 or asks on one of its lines (【观点】/【数据】 tags of a digest do not)
    talking = {ln["label"] for ln in found if counts[ln["label"]] >= 2 and _TALK.search(clean, ln["cstart"], ln["cend"])}
    return found if len(talking) >= 2 else []


_BULLETS = "■□▍▌▎▐●○◆◇▶►▷★☆•◼▪"
_BULLET = re.compile(f"[{_BULLETS}][ \t\u3000]*")
# A bullet, a short word and a bracket: a digest's item introducing a person (■某某（全国人大代表、某公司总裁）…),
# not a point of a list (● 成本比同行低三成).
_PERSON_BULLET = re.compile(f"[{_BULLETS}][ \t\u3000]*[^\\s，,。：:（()）]{{2,12}}[（(]")
# A speech heading with no colon: ``【韩立】标题`` / ``韩立 | 标题`` / ``▍韩立｜星河智能创始人``; the line is a heading,
# its label may name the person whose words follow (attribution decides).
_HEADING_LINE = re.compile(
    f"[ \t\u3000]*(?:[{_BULLETS}][ \t\u3000]*|[|｜][ \t\u3000]*(?=[^|｜\n]{{1,16}}[|｜]))?"
    r"(?:【(?P<blabel>[^】\n]{2,16})】|(?P<label>[^\s|｜：:，,。！？!?“”「」【】\d][^|｜\n：:，,。！？!?“”「」【】]{1,15}?)[ \t\u3000]*[|｜])"
    r"[ \t\u3000]*(?P<rest>[^\n|｜：:]{1,40}?)[ \t\u3000]*$", re.M)


def heading_lines(clean: str) -> list[dict]:
    """``headline`` records of the heading lines with no colon (``【韩立】标题`` / ``韩立 | 标题``), found from the
    lines that hold 】 or a bar."""
    out = []
    for start in line_starts_holding(clean, "】|｜"):
        m = _HEADING_LINE.match(clean, start)
        if m is None or m.group("rest").endswith(("。", "！", "？", "!", "?", "…")):
            continue
        key = "blabel" if m.group("blabel") else "label"
        label = m.group(key).strip()
        if _CAPTION.search(label):
            continue  # 图片 | 视觉中国 / 编辑 | 某某: page furniture
        ls = m.start(key) + m.group(key).index(label)
        out.append({"kind": "headline", "start": m.start("rest"), "end": m.end("rest"), "cstart": m.start("rest"),
                    "cend": m.end("rest"), "label": label, "label_start": ls, "label_end": ls + len(label),
                    "is_question": False, "heading": True})
    taken = {r["label_start"] for r in out}
    return out + [r for r in respondent_headings(clean) if not any(r["label_start"] <= t < r["label_end"] or
                                                                   t <= r["label_start"] < t + 1 for t in taken)]


# A heading that introduces one respondent, on its own line: ``01 | 某某，职位`` / ``◆ 某某 / 职位`` / ``【某某 · 职位】`` /
# ``### 某某（职位）`` / ``14:05 某某（职位）`` / ``【14:05】某某``. It opens the section of that person's answer.
_RESPONDENT_NAME = r"(?P<label>[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{2,6})?|[A-Z][A-Za-z.\-]*(?: [A-Z][A-Za-z.\-]*){0,3})"
_RESPONDENT_TITLE = r"(?P<rest>[^\n。！？!?“”「」：:|｜【】]{1,30}?)"
_RESPONDENT_PAREN = r"(?:[ \t]*[（(](?P<{}>[^）)\n]{{1,30}})[）)])?"
_RESPONDENT_HEADING = re.compile(
    r"[ \t\u3000]*(?:"
    + r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*[|｜、.．]|#{1,6}|[【\[]?\d{1,2}[:：]\d{2}[】\]]?)[ \t]*"
    + _RESPONDENT_NAME + _RESPONDENT_PAREN.format("paren")
    + r"(?:[ \t]*[，,、/／·•・][ \t]*" + _RESPONDENT_TITLE + ")?"
    + f"|[{_BULLETS}][ \\t]*" + _RESPONDENT_NAME.replace("label>", "label2>") + _RESPONDENT_PAREN.format("paren2")
    + r"[ \t]*[/／|｜·•・，,][ \t]*" + _RESPONDENT_TITLE.replace("rest>", "rest2>")
    + r"|【[ \t]*" + _RESPONDENT_NAME.replace("label>", "label3>") + r"[ \t]*[·•・/／|｜，,][ \t]*"
    + _RESPONDENT_TITLE.replace("rest>", "rest3>") + r"[ \t]*】"
    + r")[ \t\u3000]*$", re.M)


def respondent_headings(clean: str) -> list[dict]:
    """``headline`` records (``section_only``: they open a section, they are nobody's words) of the headings
    that introduce one respondent (:data:`_RESPONDENT_HEADING`), tried on lines that hold one of its marks."""
    out = []
    for start in line_starts_holding(clean, "|｜/／·•・】#（("):
        m = _RESPONDENT_HEADING.match(clean, start)
        if m is None:
            continue
        key = next(k for k in ("label", "label2", "label3") if m.group(k))
        rest = next((k for k in ("rest" + key[5:], "paren" + key[5:]) if k in m.re.groupindex and m.group(k)), key)
        s, e = m.start(rest), m.end(rest)
        if _CAPTION.search(m.group(0)):
            continue
        out.append({"kind": "headline", "start": s, "end": e, "cstart": s, "cend": e, "label": m.group(key),
                    "label_start": m.start(key), "label_end": m.end(key), "is_question": False, "heading": True,
                    "section_only": True})
    return out


# A numbered section heading on its own line (``三、先做企业还是先做消费者``): it ends the answer before it.
_SECTION_HEADING = re.compile(r"\n[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．][^\n。！？!?]{1,30}[ \t\u3000]*(?=\n)")


# A saying named in a line's lead-in (有一种说法 / 一个观点 / 一句话): a sentence, never a speaker's label
_SAYING_IN_LABEL = re.compile(r"说法|观点|看法|一句话|这句话|有人")


def _name_sized(label: str) -> bool:
    """Short enough to be a person's or an outlet's label: at most 12 CJK characters or 4 Latin words."""
    cjk = sum(1 for ch in label if "\u4e00" <= ch <= "\u9fff")
    return cjk <= 12 and len(label) <= 32 and len(label.split()) <= 4


def _asks(clean: str, line: dict) -> bool:
    return clean[line["cstart"]:line["cend"]].rstrip().endswith(("？", "?"))


def _legend(clean: str, lines: list[dict], is_q: dict, is_a: dict) -> dict:
    """``Q：电视台主持人 某某`` then ``A：某某``: two short lines naming who asks and who answers.

    Returns ``{"lines": ids of the legend lines, "names": label -> (start, end) of the named text}``."""
    found: dict = {"lines": set(), "names": {}}
    qa_labels = {lab for lab in is_q if is_q[lab] or is_a[lab]}
    for a, b in zip(lines, lines[1:]):
        pair = (a, b)
        if a["label"] == b["label"] or a["label"] not in qa_labels or b["label"] not in qa_labels:
            continue
        if not (is_q[a["label"]] or is_q[b["label"]]) or not (is_a[a["label"]] or is_a[b["label"]]):
            continue
        if not _next_line(clean, a, b) or clean.count("\n", a["cend"], b["line_start"]) > 1:
            continue
        if all(0 < x["cend"] - x["cstart"] <= 40 and not _CLAUSE_PUNCT.search(clean, x["cstart"], x["cend"]) for x in pair):
            for x in pair:
                if x["label"] not in found["names"]:
                    found["names"][x["label"]] = (x["cstart"], x["cend"])
                    found["lines"].add(id(x))
    return found


# Photo captions and bylines look like `Name：text` but say nothing.
_CAPTION = re.compile(r"来源|图片|图源|摄影|摄|编辑|责编|作者|出品|策划|视觉|配图|截图")


def _next_line(clean: str, a: dict, b: dict) -> bool:
    """True when label line ``b`` comes right after ``a`` (continuation lines of ``a`` allowed)."""
    return b["line_start"] > a["cend"] and clean.count("\n", a["cend"], b["line_start"]) <= 3


_UNFINISHED = ("，", ",", "、", "：", ":")
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "…", "”", "」", "）", ")")
# a paragraph that can only be a heading: one short line, no sentence or clause punctuation, no quote mark
_BARE_HEADING = re.compile(r"[ \t\u3000]*[^\s。！？!?，,；;：:“”「」…（）()][^\n。！？!?，,；;：:“”「」…]{1,22}[ \t\u3000]*")


def _turn_end(clean: str, line: dict, next_line: Optional[dict]) -> int:
    """A turn runs over unlabelled lines up to the next label; the last turn ends with its line, or with
    the line its sentence ends on when the line breaks off after a comma (``会的，\n我们下个月就开源。``)."""
    if next_line is None:
        end = line["cend"]
        while clean[line["cstart"]:end].rstrip().endswith(_UNFINISHED):
            nl = clean.find("\n", end)
            stop = clean.find("\n", nl + 1) if nl >= 0 else -1
            if nl < 0 or not clean[nl + 1:stop if stop >= 0 else len(clean)].strip():
                break
            end = stop if stop >= 0 else len(clean)
        return end
    end = next_line["line_start"]
    heading = _SECTION_HEADING.search(clean, line["cend"], end)
    if heading:
        end = heading.start()
    # 价格与渠道: a short unpunctuated paragraph right before the next label, after an answer that ended its
    # sentence, is the section heading of the questions that follow
    while True:
        stop = end
        while stop > line["cstart"] and clean[stop - 1].isspace():
            stop -= 1
        para = clean.rfind("\n\n", line["cend"], stop)
        if para < 0 or not _BARE_HEADING.fullmatch(clean, para + 2, stop) \
                or not clean[line["cstart"]:para].rstrip().endswith(_SENTENCE_ENDS):
            break
        end = para + 1
    while end > line["cstart"] and clean[end - 1].isspace():
        end -= 1
    return end


# Lines that end a turn running on over unlabelled lines: a time stamp (``14:05`` / ``【14:05】嘉宾``), a bracketed or
# markdown heading (``【背景】…`` / ``### 某某``), a rule (``---``), a respondent heading (``01 | 某某，职位`` / ``某某 | 标题``
# / ``◆ 某某 / 职位``, :data:`_RESPONDENT_HEADING`).
_TURN_BREAK_LINE = re.compile(
    r"[ \t\u3000]*(?:[【\[（(]?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)|【[^】\n]{1,16}】|#{1,6}[ \t]|[-—*_=]{3,}[ \t\u3000]*$"
    r"|\d{1,2}[ \t\u3000]*[|｜]|[^\s|｜：:，,。！？!?“”「」【】][^|｜\n：:。！？!?“”「」【】]{1,15}?[ \t\u3000]*[|｜])", re.M)
_QUOTED = re.compile(r"“[^“”\n]*”|「[^「」\n]*」")
_SUBJECT_START = re.compile(r"[，,。；;：:！？!?\s]")
_YOU = re.compile(r"[你您]")
# the subject of a reported clause in the writer's narration: 他 / 她, or a transcript label's name, with 据 / 在 before
# it and adverbs after it (据她介绍 / 她本人也提到 / 某某则表示)
_NARRATED_SUBJECT_LAZY = re.compile(r"(?:据|在|而|但|对此[，,]?)?(?P<who>[^，,]+?)(?:本人)?(?:也|则|还|又|更|曾|便|就|随后|随即|同样|再次)*")
_NARRATED_SUBJECT_GREEDY = re.compile(r"(?:据|在|而|但|对此[，,]?)?(?P<who>[^，,]+)")
_REPORTING_TAIL = re.compile(r"(?:道|过|了)?[ \t]*[，,：:“「]")


def _turn_break(clean: str, pats: CuePatterns, line: dict, end: int, names: set[str]) -> int:
    """Where a turn that runs over unlabelled lines stops being its speaker's answer: before a line of
    :data:`_TURN_BREAK_LINE`, or before a paragraph of the writer's narration (:func:`_narration`)."""
    pos = clean.find("\n", line["cend"], end)
    while pos >= 0:
        start = pos + 1
        stop = clean.find("\n", start, end)
        stop = end if stop < 0 else stop
        lead = start + len(clean[start:stop]) - len(clean[start:stop].lstrip())
        if _PERSON_BULLET.match(clean, lead, stop):
            narrated = True  # ■某某（…）给出了不同的答案: a bullet opens the next person's item of a digest, not the answer going on
        elif clean[start:stop].strip() and not (_TURN_BREAK_LINE.match(clean, start, stop) or _RESPONDENT_HEADING.match(clean, start, stop)
                                                or pats.editor_section.match(clean, start, stop)):
            narrated = _narration(clean, pats, start, stop, names)
        else:
            narrated = bool(clean[start:stop].strip())
        if narrated:
            while pos > line["cstart"] and clean[pos - 1].isspace():
                pos -= 1
            return pos
        pos = clean.find("\n", stop, end) if stop < end else -1
    return end


def _narrated_subject(text: str, start: int, end: int, who: set[str]) -> bool:
    """Whether ``text[start:end]`` is 他 / 她 or one of ``who`` (a transcript's names), with 据 / 在 before it
    and adverbs after it (据她介绍 / 她本人也提到 / 某某则表示)."""
    for pat in (_NARRATED_SUBJECT_GREEDY, _NARRATED_SUBJECT_LAZY):
        m = pat.fullmatch(text, start, end)
        if m and m.group("who").strip() in who:
            return True
    return False


def _narration(clean: str, pats: CuePatterns, start: int, end: int, who: set[str]) -> bool:
    """A paragraph that reports a transcript's speaker in the third person (``某某认为，…`` / ``她提到，…“…”`` /
    ``在某某看来，…``) and speaks as nobody (no 我 / 你 outside its quotes): the writer's narration, not the
    answer going on."""
    text = clean[start:end]
    if not any(w in text for w in who):
        return False  # (both reports below need one of ``who`` for their subject)
    text = _QUOTED.sub("“”", text)
    if (pats.first_person_word and pats.first_person_word.search(text)) or _YOU.search(text):
        return False
    for m in pats.verb.finditer(text):
        lead = max((x.end() for x in _SUBJECT_START.finditer(text, 0, m.start())), default=0)
        if _narrated_subject(text, lead, m.start(), who) and _REPORTING_TAIL.match(text, m.end()):
            return True
    if pats.frame_tail is not None:
        for m in pats.frame_tail.finditer(text):
            found = frame_head(text, m.start(), pats.frames[m.group(0)], pats.not_frame_head)
            if found and _narrated_subject(text, found[1], m.start(), who):
                return True
    return False


def speech_verbs(clean: str, pats: CuePatterns, inside) -> list[list]:
    """``[start, end, verb]`` of speech verbs outside quotes."""
    return [[m.start(), m.end(), m.group(0)] for m in pats.verb.finditer(clean) if not inside(m.start())]


def indirect_quotes(clean: str, pats: CuePatterns, cues: list[list], sentences: list[list[int]], inside) -> list[dict]:
    """Reported clauses after a speech verb (``X表示，…``) or inside a frame (``在X看来，…``).

    The subject is not checked here: attribution keeps only those with a speaker before the cue.
    """
    out = []
    index = sentence_indexer(sentences)

    def sentence_of(pos: int) -> list[int]:
        return sentences[index(pos)]

    prev_start = prev_end = -1
    for start, end, verb in cues:
        # 补充说 / 解释道: two verbs in a row are one; the subject stands before the first
        lead = prev_start if prev_end == start else start
        for r in _clause_after(pats, clean, sentence_of, start, end, verb, None):
            r["cue_start"] = lead
            out.append(r)
        prev_start, prev_end = lead, end
    if pats.attitude is not None:
        # 某某坚定地支持Scaling Law: the attitude verb is part of what the statement says.
        for m in pats.attitude.finditer(clean):
            if not inside(m.start()):
                # 某某对Scaling Law持保留态度: the object before the verb is part of the statement
                head = _ATTITUDE_OBJECT.search(clean[max(0, m.start() - 21):m.start()])
                start = m.start() - len(head.group(0)) if head else m.start()
                # 从来不相信规模定律: the negation of the attitude is part of it too
                neg = pats.attitude_negation.search(clean, max(0, start - 6), start) if pats.attitude_negation else None
                start = neg.start() if neg else start
                for r in _clause_after(pats, clean, sentence_of, m.start(), m.end(), m.group(0), None, allow_empty=True):
                    r["start"] = r["cstart"] = start
                    r["cue_start"] = start
                    out.append(r)
    if pats.frame_tail is None:
        return out
    for m in pats.frame_tail.finditer(clean):
        if inside(m.start()):
            continue
        found = frame_head(clean, m.start(), pats.frames[m.group(0)], pats.not_frame_head)
        if found:
            start, x_start = found
            out.extend(_clause_after(pats, clean, sentence_of, start, m.end(), clean[start:m.end()], (x_start, m.start())))
    return out


_ATTITUDE_OBJECT = re.compile(r"对[^，,。；;！？!?“”\n]{1,20}$")
_SLOT_STOP = re.compile(r"[，,。；;：:“”「」\"\n！？!?]")


def frame_head(clean: str, tail_start: int, heads: list[str], blocked: dict[str, tuple[str, ...]]):
    """``(frame start, name start)`` for a frame tail at ``tail_start``: ``在李开复看来`` -> 在, 李.
    ``heads`` come longest first; ``blocked`` maps a head to the words that end in it without being it."""
    lo = max(0, tail_start - 31)
    window = clean[lo:tail_start]
    stops = list(_SLOT_STOP.finditer(window))
    if stops:
        lo += stops[-1].end()
        window = clean[lo:tail_start]
    for head in heads:
        if not head:
            if window.strip():
                return lo + (len(window) - len(window.lstrip())), lo + (len(window) - len(window.lstrip()))
            continue
        i = window.rfind(head)
        while i > 0 and any(window.endswith(w, 0, i + len(head)) for w in blocked.get(head, ())):
            i = window.rfind(head, 0, i)  # 数据 is no 据: 澜舟数据CEO韩雪介绍 is no 据X介绍 frame
        if i >= 0 and i + len(head) < len(window):
            return lo + i, lo + i + len(head)
    return None


_CLAUSE_SEP = re.compile(r"[ \t]*[，,：:]?[ \t]*")
_OPENING = "“「『\"‘"
# A short quoted term that the clause runs on from: the closing mark followed by a word, not a mark
_NOT_IN_TERM = "\\n。！？!?；;，,：:…"
_TERM_OPENS_CLAUSE = re.compile(
    rf"(?:“[^“”{_NOT_IN_TERM}]{{1,12}}”|「[^「」{_NOT_IN_TERM}]{{1,12}}」|『[^『』{_NOT_IN_TERM}]{{1,12}}』"
    rf"|‘[^‘’{_NOT_IN_TERM}]{{1,12}}’|\"[^\"{_NOT_IN_TERM}]{{1,12}}\")(?=[\u4e00-\u9fffA-Za-z0-9])")
_COLON = re.compile(r"[：:]")
_TO_COLON_QUOTE = re.compile(r"[^，,。；;！？!?：:“”「」『』\n]{1,12}[：:]\s*[“「『\"‘]")


def _clause_after(pats: CuePatterns, clean, sentence_of, cue_start, cue_end, cue, subject,
                  allow_empty=False) -> list[dict]:
    """The reported clause after a cue, up to the end of the sentence (``sentence_of(pos)``) holding the cue.

    A verb with an object particle (``介绍了新产品``, ``回应过这个问题``) takes an object, not a clause:
    nothing is reported unless a colon follows (``透露了一组数据：…``), and then what follows the colon is.
    """
    if pats.not_said is not None and pats.not_said.search(clean, max(0, cue_start - 3), cue_start):
        return []
    if not allow_empty and clean[cue_end:cue_end + 1] in pats.object_particles \
            and clean[cue_end + 1:cue_end + 2] not in ("，", ","):
        sent_end = sentence_of(cue_start)[1]
        colon = _COLON.search(clean, cue_end, sent_end)
        if colon is None or pats.measure_to_quote.match(clean, cue_end):
            return []
        cue_end = colon.start()
    if clean[cue_end:cue_end + 1] in pats.verb_particle_set:  # the particle belongs to the verb
        after = clean[cue_end + 1:cue_end + 2]
        if after in ("，", ",", "：", ":"):
            cue_end += 1  # 解释道，… / 说了，…
        elif after in _OPENING and not _TERM_OPENS_CLAUSE.match(clean, cue_end + 1):
            return []  # 调侃道“…”: the direct quote is what the verb reports
    sep = _CLAUSE_SEP.match(clean, cue_end)
    cstart = sep.end()
    if cstart >= len(clean) or clean[cstart] == "\n" or (not allow_empty and clean[cstart] in "。；;！？!?"):
        return []  # nothing is reported
    if clean[cstart] in _OPENING and not _TERM_OPENS_CLAUSE.match(clean, cstart):
        return []  # a direct quote follows (handled there); not a term the clause goes on from (「端侧」才是未来)
    if pats.verb.match(clean, cstart):
        return []  # 回应称，… : the second verb reports the clause
    lead = pats.measure_to_quote.match(clean, cue_end)
    if lead and clean[lead.end():lead.end() + 1] in "“「『\"‘":
        return []  # 吐槽了一句：“…”: the direct quote is what the verb reports
    if _TO_COLON_QUOTE.match(clean, cstart):
        return []  # 回怼对手：“…” / 放话称：“…”: an addressee or a second verb, then the direct quote
    sent = sentence_of(cue_start)
    cend = _trimmed_end(clean, cstart, _past_semicolons(pats, clean, sentence_of, sent[1]))
    if cend - cstart < 4 and not allow_empty:
        return []
    cend = max(cend, cue_end) if allow_empty else cend
    return [{"kind": "indirect", "start": cstart, "end": cend, "cstart": cstart, "cend": cend,
             "cue": cue, "cue_start": cue_start, "cue_end": cue_end, "subject": list(subject) if subject else None,
             "is_question": False}]


def _past_semicolons(pats: CuePatterns, clean: str, sentence_of, end: int, most: int = 2) -> int:
    """在他看来，A；B。: a sentence ended by a semicolon goes on in the next one, which the report takes in too
    (at most ``most`` of them, on the same line, with no quote mark and no speech verb of their own)."""
    for _ in range(most):
        if not clean[:end].rstrip(" \t").endswith(("；", ";")) or end >= len(clean):
            break
        nxt = sentence_of(end)
        if nxt[0] != end or "\n" in clean[nxt[0]:nxt[1]] or any(c in _OPENING for c in clean[nxt[0]:nxt[1]]) \
                or pats.verb.search(clean, nxt[0], nxt[1]):
            break
        end = nxt[1]
    return end


def _trimmed_end(clean: str, start: int, end: int) -> int:
    """``end`` moved back over the punctuation and spaces that close a reported clause (not before ``start``)."""
    while end > start and clean[end - 1] in "。；;！!？?…，, \t":
        end -= 1
    return end


def _inside_checker(pairs: list[list]):
    tops = [(p[0], p[1]) for p in pairs if p[3] == 0]
    starts = [t[0] for t in tops]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and tops[i][0] < pos < tops[i][1]

    return inside


# --- the component ----------------------------------------------------------------------------------

for _name in ("stancelib_quotes", "speech_cues"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def quotes_from_doc(doc: Doc, doc_id: Optional[str] = None, records: Optional["DocRecords"] = None) -> tuple[Quote, ...]:
    """The typed quotes of a processed Doc, with offsets into ``doc.text`` (the original). ``records``
    holds the Spans and Speakers already built for the document (its claims may share them)."""
    underscore = doc._
    if records is None:
        records = DocRecords(original_text(doc), underscore.offset_map)
    return tuple(quote_model(r, records, doc_id or "doc") for r in underscore.stancelib_quotes or [])


def validator(model: type) -> Callable[[dict], object]:
    """``model(**fields)`` as ``validator(model)(fields)``: the same validation in one call into
    pydantic-core, without ``BaseModel.__init__``'s Python frame (thousands of records per document)."""
    return model.__pydantic_validator__.validate_python


_SPAN, _SPEAKER, _QUOTE = validator(Span), validator(Speaker), validator(Quote)


def original_span(text: str, omap: OffsetMap, start: int, end: int) -> Span:
    s, e = omap.span(start, end)
    return _SPAN({"start": s, "end": e, "text": text[s:e]})


class DocRecords:
    """The Span and Speaker records of one document, each built once: records are frozen, so the quotes,
    claims and summaries with the same clean span or the same speaker dict share one (one validation)."""

    def __init__(self, text: str, omap: OffsetMap):
        self.text = text
        self.omap = omap
        self._spans: dict[tuple[int, int], Span] = {}
        self._speakers: dict[tuple, Speaker] = {}

    def span(self, start: int, end: int) -> Span:
        """The Span of the clean offsets ``[start, end)`` in the original text."""
        key = (start, end)
        span = self._spans.get(key)
        if span is None:
            span = self._spans[key] = original_span(self.text, self.omap, start, end)
        return span

    def speaker(self, d: dict) -> Speaker:
        key = tuple(d.items())
        try:
            return self._speakers[key]
        except KeyError:
            self._speakers[key] = record = _SPEAKER(d)
            return record
        except TypeError:  # a value that cannot be hashed: validation says what is wrong with it
            return Speaker(**d)


def quote_model(r: dict, records: DocRecords, doc_id: str) -> Quote:
    """The Quote of one record, its span and speaker from the document's ``records``."""
    text = records.text
    cs, ce = records.omap.span(r["cstart"], r["cend"])
    content = text[cs:ce]
    if "\r" in content:  # a turn over CRLF lines: the words, with line breaks as `\n` (the span keeps CRLF)
        content = content.replace("\r\n", "\n")
    speaker = records.speaker(r["speaker"]) if r.get("speaker") else None
    return _QUOTE({"doc_id": doc_id, "id": r["id"], "kind": r["kind"], "span": records.span(r["start"], r["end"]),
                   "content": content, "speaker": speaker, "cue": r.get("cue"), "method": r.get("method"),
                   "confidence": float(r.get("confidence") or 0.0), "sentence": r["sentence"],
                   "is_question": bool(r.get("is_question")), "parent_id": r.get("parent_id")})


class QuoteFinder(SavedData):
    """Pipeline component: every quote candidate of the document, unattributed."""

    def __init__(self, nlp: Language, name: str = "stancelib_quotes", cues: Optional[str] = None,
                 indirect: bool = True, qa: bool = True):
        self.name = name
        self.cues = self._source("cues", cues, cues is not None, load_cues)
        self.patterns = cue_patterns(self.cues)
        self.indirect = indirect
        self.qa = qa

    def _serializers(self) -> dict:
        def read_cues(p) -> None:
            self.cues = SpeechCues.model_validate_json(p.read_text(encoding="utf-8"))
            self.patterns = cue_patterns(self.cues)

        return {"cues": (lambda p: p.write_text(self.cues.model_dump_json(), encoding="utf-8"), read_cues)}

    def __call__(self, doc: Doc) -> Doc:
        self._check_loaded()
        underscore = doc._  # spaCy makes a new accessor object at every ``doc._``
        if underscore.quote_marks is None:
            from .sentences import QuoteAwareSentencizer

            QuoteAwareSentencizer(None, set_token_boundaries=False)(doc)
        clean = _norm(doc)["clean"]
        pairs = underscore.quote_marks
        sentences = underscore.sentence_spans
        inside = _inside_checker(pairs)
        records = direct_quotes(clean, pairs, sentences)
        cues = speech_verbs(clean, self.patterns, inside)
        sentence_index = sentence_indexer(sentences)
        if self.qa:
            for r in label_lines(clean, self.patterns):
                r["sentence"] = sentence_index(r["start"])
                records.append(r)
            for r in bold_question_turns(clean, records):
                r["sentence"] = sentence_index(r["start"])
                records.append(r)
        if self.indirect:
            for r in indirect_quotes(clean, self.patterns, cues, sentences, inside):
                r["sentence"] = sentence_index(r["start"])
                records.append(r)
        records = _finalize(_drop_duplicate_clauses(records, clean, self.patterns))
        underscore.stancelib_quotes = records
        underscore.speech_cues = cues
        return doc


def _drop_duplicate_clauses(records: list[dict], clean: str, pats: CuePatterns) -> list[dict]:
    """Of the clauses that end together, one quote (:func:`_kept_clause`)."""
    best: dict[int, dict] = {}
    rest = []
    todo = records[::-1]  # popped in text order; a cut clause is looked at next
    while todo:
        r = todo.pop()
        if r["kind"] != "indirect":
            rest.append(r)
            continue
        old = best.get(r["cend"])
        if old is None:
            best[r["cend"]] = r
            continue
        kept = _kept_clause(old, r, clean, pats)
        best[r["cend"]] = kept
        cut = _clause_before_cue(old if kept is r else r, kept, clean)
        if cut is not None:
            todo.append(cut)
    return rest + list(best.values())


def _clause_before_cue(loser: dict, winner: dict, clean: str) -> Optional[dict]:
    """``他说，规模仍然有用，只是“…”，在他看来，…``: the clause that lost to a later frame inside it (one that
    names its subject) still reports what stands before the frame; cut it at the last comma before the frame
    (None when nothing is left). (A later verb or attitude word may be the clause's own: 表示对X不满，认为…)"""
    if not winner.get("subject") or not loser["cstart"] < winner["cue_start"] <= loser["cend"]:
        return None
    comma = max(clean.rfind(c, loser["cstart"], winner["cue_start"]) for c in "，,；;")
    if comma < 0:
        return None
    cend = _trimmed_end(clean, loser["cstart"], comma)
    if cend - loser["cstart"] < 4:
        return None
    return {**loser, "end": cend, "cend": cend}


def _kept_clause(old: dict, new: dict, clean: str, pats: CuePatterns) -> dict:
    """Two clauses ending together. When the later cue stands inside what the earlier one reports, the
    earlier keeps it if the later verb's subject is a pronoun or missing (X说，他从来不相信…), and the
    later one is kept if it names its own subject (X说，Y认为… / 据参会者透露，Y称…: Y's view). When the
    cues stand together before one clause, a frame names its subject (在X看来，… / 据X介绍，…), else the
    later cue is the real one (在文章中称，…: 称)."""
    if old["cstart"] == new["cstart"] and bool(old.get("subject")) == bool(new.get("subject")):
        return old
    first, later = (old, new) if old["cstart"] <= new["cstart"] else (new, old)
    if first["cstart"] <= later["cue_start"]:
        own = (_CLAUSE_MARK.search(clean, first["cstart"], later["cue_start"]) is None
               and pats.own_subject.match(clean, first["cstart"], later["cue_start"]) is not None)
        if first.get("subject") and not later.get("subject"):
            # a frame's report keeps a verb inside it unless a name stands before that verb
            # (在X看来，这个判断下得太早了: 判断 is no one's verb here)
            own = own or not _NAMEISH.fullmatch(clean, first["cstart"], later["cue_start"])
        return first if own else later
    if bool(old.get("subject")) != bool(new.get("subject")):
        return old if old.get("subject") else new
    return later


_CLAUSE_MARK = re.compile(r"[，,：:]")
# what a name before a verb can look like, in the quotes stage that knows no names yet
# (an organisation and title may come first: 星海数据CEO顾某)
_NAMEISH = re.compile(r"(?![这那该此每各某其])(?:(?!的)[\u4e00-\u9fffA-Za-z·]){2,16}|[A-Z][A-Za-z.\- ]{1,30}")


def _finalize(records: list[dict]) -> list[dict]:
    """Text order, ids ``q0, q1, ...``, parent links as ids; Q&A turns mark the quotes inside them."""
    order = sorted(range(len(records)), key=lambda i: (records[i]["start"], -records[i]["end"], records[i]["kind"]))
    new_id = {i: f"q{n}" for n, i in enumerate(order)}
    direct_index = {r["_i"]: i for i, r in enumerate(records) if r["kind"] == "direct"}
    out = []
    for i in order:
        r = dict(records[i])
        if r["kind"] == "direct":
            parent = r.pop("parent")
            r["parent_id"] = new_id[direct_index[parent]] if parent is not None else None
            r.pop("_i", None)
        r["id"] = new_id[i]
        r.setdefault("is_question", False)
        out.append(r)
    # Reported speech inside an interviewer's turn is the question's framing; a quote-mark pair there
    # may still be someone's words (``他说，“…”`` / ``你刚才说“…”``): attribution decides, with fewer rules.
    in_question = _covered_by([(r["start"], r["end"]) for r in out if r["kind"] == "qa_turn" and r["is_question"]])
    for r in out:
        if r["kind"] != "qa_turn" and in_question(r["start"]):
            if r["kind"] == "direct":
                r["in_question"] = True
            else:
                r["is_question"] = True
    return out


def _covered_by(spans: list[tuple[int, int]]):
    """A test ``pos -> bool``: does some ``(start, end)`` of ``spans`` hold ``start <= pos < end``?
    One bisect per test, over the spans sorted by start and the furthest end reached so far."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))

    def covered(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos

    return covered


@Language.factory("stancelib_quotes", default_config={"cues": None, "indirect": True, "qa": True},
                  requires=["doc._.stancelib_norm", "doc._.quote_marks", "doc._.sentence_spans"],
                  assigns=["doc._.stancelib_quotes", "doc._.speech_cues"])
def make_quotes(nlp: Language, name: str, cues: Optional[str], indirect: bool, qa: bool) -> QuoteFinder:
    return QuoteFinder(nlp, name, cues, indirect, qa)
