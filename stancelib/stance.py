"""Topics and stance labels: statements -> Claims, Claims -> one StanceSummary per (speaker, topic).

The ``stancelib_stance`` component reads the attributed ``doc._.stancelib_quotes`` and adds
``doc._.stancelib_claims`` and ``doc._.stancelib_stances`` (plain dicts; the ``doc._.claims`` and
``doc._.stances`` getters return :class:`Claim` / :class:`StanceSummary` models).

How a label is decided (every word list is data: ``data/topics.yaml``, its ``lexicon`` for the
constructions; this module only combines them; ``docs/topics.md`` has the details and the figures):
- topic: a term of the topic (a *weak* term only beside another one: 外卖的规模效应 is no Scaling Law),
  one of its acts (谁都能下载) or paraphrases (模型越大越聪明); for a Q&A answer that omits it, the
  question's; for a quote, the sentence that frames it or the speaker's previous statement;
- sentences that take no side: questions, short turns ending in one, definitions, reported figures,
  sentences that do not name the topic, reported views (有人说…) up to the turn;
- constructions, each written once: shift (从云端迁往端侧), indifference (无论A还是B), division of
  labour and sequence (端侧负责…云端负责…, 先A再B), a side judged insufficient (只够给云端打下手), a
  reported view rejected (…，我看未必), negation over a goal (没打算把A当成主业), overtaking and
  broken ideals (超越闭源, 背离开源的初衷), preference (不是A而是B, 与其A不如B, 以A为主, …);
- each clause attaches its cues to the side term in it (a side named in one clause is judged by the
  next one at most); the claim's evidence is the sentence that decided it;
- votes on both sides of one statement -> ``mixed`` with low confidence; none -> ``neutral``.
Summaries (:func:`aggregate`): ``mixed`` only when both sides have confident claims from different
statements (or the speaker's ``mixed`` claims outweigh the majority), else the confident majority.
"""
from __future__ import annotations

import re
import string
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from importlib import resources
from pathlib import Path
from typing import Callable, Literal, Optional, Sequence

try:  # the parser of re, to read where a paraphrase can start (_first_characters)
    from re import _constants as _re_constants, _parser as _re_parser
except ImportError:  # Python 3.10
    import sre_constants as _re_constants
    import sre_parse as _re_parser

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError, Errors, describe_load_error
from .serialize import SavedData, check_unit_interval
from .yamlio import safe_load
from .normalize import _norm, doc_value, original_text, set_doc_value
from .quotes import DocRecords, _trie, _trie_pattern, alternation, validator
from .types import Claim, Speaker, StanceSummary

# --- topic data -------------------------------------------------------------------------------------


class Topic(BaseModel):
    """One topic of a topic file."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str = ""
    labels: tuple[str, ...] = Field(min_length=2)
    opposite: dict[str, str] = Field(default_factory=dict)
    sides: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    triggers: tuple[str, ...] = ()
    cues: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    acts: dict[str, tuple[str, ...]] = Field(default_factory=dict, description="Actions that bring the topic up and take a side by themselves (谁都能下载 -> open).")
    paraphrases: dict[str, tuple[str, ...]] = Field(default_factory=dict, description="Regexes of statements that name a side without its term (模型越大越聪明 -> believer).")
    weak: tuple[str, ...] = Field(default=(), description="Side terms or triggers with an everyday sense (规模效应, 数据中心): they count only beside another term of the topic.")
    model_target: Optional[str] = Field(default=None, description="Target name of a learned stance model for this topic.")
    model_labels: dict[str, str] = Field(default_factory=dict, description="Learned label -> topic label.")

    @model_validator(mode="after")
    def _labels_known(self) -> "Topic":
        known = set(self.labels)
        for field in ("sides", "cues", "acts", "paraphrases"):
            unknown = set(getattr(self, field)) - known
            if unknown:
                raise ValueError(f"{field} names unknown labels {sorted(unknown)}; labels are {list(self.labels)}")
        for a, b in self.opposite.items():
            if a not in known or b not in known:
                raise ValueError(f"opposite {a}->{b} uses unknown labels")
        if not self.sides and not self.triggers:
            raise ValueError("a topic needs sides or triggers")
        terms = {t for ts in self.sides.values() for t in ts} | set(self.triggers)
        if set(self.weak) - terms:
            raise ValueError(f"weak names terms that are not side terms or triggers: {sorted(set(self.weak) - terms)}")
        for label, patterns in self.paraphrases.items():
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as e:
                    raise ValueError(f"paraphrases.{label}: {pattern!r} is not a valid regex ({e})") from None
        return self

    @property
    def mixed(self) -> Optional[str]:
        return "mixed" if "mixed" in self.labels else None

    @property
    def neutral(self) -> Optional[str]:
        return "neutral" if "neutral" in self.labels else None


# The word lists of the constructions in StanceRules; data/topics.yaml documents each one.
LexiconKey = Literal["neg_gap", "filler", "compare_markers", "compared_with", "compared_with_tail", "overtake",
                     "answer_yes", "answer_no", "disbelief", "conditions", "concessions", "turns", "not_only",
                     "definitions", "shift_verbs", "shift_adverbs", "indifference", "rejections", "goal_negation",
                     "goal_frames", "division_verbs", "rhetorical", "ideal_breaking", "ideals", "reported_subjects",
                     "reported_verbs", "question_marks", "sequence_first", "sequence_then", "factual_markers",
                     "later_times", "not_a", "but_b", "b_not_a", "rather", "rather_than", "worse_than", "one_hand",
                     "other_hand", "built_around", "emphatic_nouns", "emphatic", "essential_then", "copulas",
                     "measure_words", "comparative_modals", "comparative_adverbs",
                     "insufficient", "helper_roles", "granting", "rhetorical_ends", "indifferent_tails", "alternative_or", "partial", "essential_without",
                     "essential_fail", "a_not_a", "undecided", "predicate_adverbs", "role_nouns", "moment_nouns",
                     "arrivals", "demoting", "minor_roles", "capability", "capability_adverbs", "run_verbs", "owners",
                     "priority_nouns", "limit_verbs", "limit_blind", "limits", "only_doing", "essential_asks", "locatives",
                     "holder_leads", "holder_verbs", "holder_nouns", "holder_kept", "because", "then", "domain_ends",
                     "agree_openings", "disagree_openings", "turned_into", "former", "latter", "diminishing", "name_leads", "name_tails",
                     "experiencers", "acquired", "acquired_counts", "part_heads", "no_pick",
                     "ended_adverbs", "departures", "premature", "grudging", "grudging_turns", "not_so",
                     "past_times", "past_holding", "past_said", "reported_titles", "dismissed_nouns", "dismiss_leads", "dismissals",
                     "belief_verbs", "mind_changed", "mention_leads", "worn_out", "retractions", "view_pointers", "cleft_wants", "unmatched", "condition_ends", "concession_says", "elided_no", "view_requests", "limited_to", "limited_times", "other_doers", "placement_verbs", "disposal_modals"]


class TopicFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    mode: Literal["merge", "replace"] = "merge"
    topics: dict[str, Topic] = Field(default_factory=dict)
    polarity: dict[Literal["positive", "negative"], tuple[str, ...]] = Field(default_factory=dict)
    negators: tuple[str, ...] = ()
    endorse: tuple[str, ...] = ()
    both: tuple[str, ...] = ()
    reported_view: tuple[str, ...] = ()
    contrast: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    lexicon: dict[LexiconKey, tuple[str, ...]] = Field(default_factory=dict, description="The word lists that stance constructions are built from (see data/topics.yaml).")


_LISTS = ("negators", "endorse", "both", "reported_view", "contrast", "hedges")


def load_topics(path: Optional[str | Path] = None) -> TopicFile:
    """The built-in topics, merged with (or replaced by) a user's topic file."""
    builtin = _builtin_topics()
    if path is None:
        return builtin
    p = Path(path)
    try:
        raw = safe_load(p.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("the file must hold a mapping with a 'topics' key")
        user = TopicFile(**raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError) as e:
        raise ConfigError(Errors.E010.format(path=p, reason=describe_load_error(e))) from None
    except (TypeError, ValueError) as e:
        raise ConfigError(Errors.E010.format(path=p, reason=str(e))) from None
    if user.mode == "replace":
        return TopicFile(mode="replace", topics=user.topics, polarity=user.polarity or builtin.polarity,
                         lexicon={**builtin.lexicon, **user.lexicon},
                         **{k: getattr(user, k) or getattr(builtin, k) for k in _LISTS})
    polarity = {k: tuple(dict.fromkeys(builtin.polarity.get(k, ()) + user.polarity.get(k, ()))) for k in ("positive", "negative")}
    lexicon = {k: tuple(dict.fromkeys(builtin.lexicon.get(k, ()) + user.lexicon.get(k, ())))
               for k in {*builtin.lexicon, *user.lexicon}}
    return TopicFile(topics={**builtin.topics, **user.topics}, polarity=polarity, lexicon=lexicon,
                     **{k: tuple(dict.fromkeys(getattr(builtin, k) + getattr(user, k))) for k in _LISTS})


@lru_cache(maxsize=1)
def _builtin_topics() -> TopicFile:
    return TopicFile(**safe_load(resources.files("stancelib").joinpath("data/topics.yaml").read_text("utf-8")))


# --- deciding a label -------------------------------------------------------------------------------

_CLAUSE_MARKS = "，,。；;！!？?\n：:"
_CLAUSE_SPLIT = re.compile(f"[{_CLAUSE_MARKS}]")
_CLAUSE = re.compile(f"[^{_CLAUSE_MARKS}]+")
_SENTENCE_MARKS = set("。！!？?\n")
_SENTENCE_SPLIT = re.compile(r"(?<=[。！!？?\n])")  # a semicolon joins the halves of 一方面…另一方面
# the pieces _SENTENCE_SPLIT cuts, where they stand: a run up to its mark, or a mark alone (no backtracking
# over a last run without one)
_SENTENCE = re.compile(r"[^。！!？?\n]+[。！!？?\n]?|[。！!？?\n]")
_QUOTE_MARKS = re.compile(r"[“”「」『』‘’\"]")


def _without_quote_marks(text: str) -> tuple[list[int], str]:
    """``(marks, bare)``: the text without its quote marks, and per mark the offset in ``bare`` of the
    character after it (ascending): a character at ``i`` in ``bare`` is at ``i + bisect_right(marks, i)``
    in ``text``."""
    at = [m.start() for m in _QUOTE_MARKS.finditer(text)]
    if not at:
        return [], text
    return [i - j for j, i in enumerate(at)], "".join(text[s + 1:e] for s, e in zip([-1, *at], [*at, len(text)]))


def _joined_rejections(rules: "StanceRules", sentences: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The sentences, each reported view joined to the next sentence when that one turns it down (``有一种说法：…。
    我不同意。`` is one sentence to the clauses, ``…，我不同意。``: the view counts against itself)."""
    if len(sentences) < 2:
        return sentences
    out = [sentences[0]]
    for start, end, text in sentences[1:]:
        p_start, p_end, prev = out[-1]
        if p_end == start and prev.endswith("。") and rules.rejection_opening.match(text) and rules._reports(prev):
            out[-1] = (p_start, end, prev[:-1] + "，" + text)
        else:
            out.append((start, end, text))
    return out


class Statement:
    """What deciding a statement takes that does not depend on the topic, worked out once for all the
    topics it is decided for: its text without quote marks, its sentences, and per sentence whether it
    can take a side (the sentence to vote on, without its indifference constructions) or not (a question,
    a definition: ``None``)."""

    __slots__ = ("text", "marks", "bare", "sentences", "starts", "asks", "_last_asks", "_judged", "_hedged")

    def __init__(self, rules: "StanceRules", text: str):
        self.text = text
        # 不是“交智商税”: marks must not separate a negator from its word; `marks` maps back.
        self.marks, self.bare = _without_quote_marks(text)
        if self.marks:  # 一套「端云协同」的系统: a quoted name says nothing, it is blanked (its length kept)
            at = [i + j for j, i in enumerate(self.marks)]  # each mark's offset in the text
            for m in rules.named_quotes(text):
                if rules.dismissed_name(text, m.start()):
                    continue  # 所谓的“规模撞墙”不过是个别现象: the view named is what is dismissed (see _vote_dismissed)
                start = m.start("n") - bisect_left(at, m.start("n"))
                self.bare = self.bare[:start] + "〇" * len(m.group("n")) + self.bare[start + len(m.group("n")):]
        # (start, end, sentence) in bare, blank ones left out
        self.sentences = _joined_rejections(rules, [(*m.span(), m.group()) for m in _SENTENCE.finditer(self.bare)
                                                    if not m.group().isspace()])
        self.starts = [start for start, _, _ in self.sentences]
        # 有一个说法是开源会赢。你们看到了吗？: a short turn that ends in a question sets up the question.
        self._last_asks = rules._asks(self.sentences[-1][2] if self.sentences else "") if len(self.sentences) <= 3 else None
        self.asks = bool(self._last_asks)
        self._judged: dict[int, Optional[str]] = {}
        self._hedged: Optional[bool] = None

    def judged(self, rules: "StanceRules", i: int) -> Optional[str]:
        """Sentence ``i`` as the clauses vote on it, or ``None`` when it takes no side."""
        if i not in self._judged:
            sentence = self.sentences[i][2]
            looked = i == len(self.sentences) - 1 and self._last_asks is not None  # asked at __init__
            if rules.definition.search(sentence) or (self._last_asks if looked else rules._asks(sentence)):
                self._judged[i] = None  # 万卡就够了吗？: a question asks, it takes no side (nor does a definition)
            elif rules.indifference_word.search(sentence):
                self._judged[i] = rules.indifference.sub("，", sentence)
            else:
                self._judged[i] = sentence
        return self._judged[i]

    def original(self, i: int) -> int:
        """The offset in the text of the character at ``i`` in ``bare``."""
        return i + bisect_right(self.marks, i) if self.marks else i

    def hedged(self, rules: "StanceRules") -> bool:
        if self._hedged is None:
            self._hedged = rules.hedged(self.bare)
        return self._hedged


class StanceRules:
    """Compiled patterns of one topic file; :meth:`decide` labels one statement for one topic."""

    def __init__(self, topics: TopicFile):
        self.topics = topics
        self.pos = _compile(topics.polarity.get("positive", ()))
        self.neg = _compile(topics.polarity.get("negative", ()))
        lex = {k: alternation(v) for k, v in topics.lexicon.items()}
        word = lambda key: lex.get(key, "(?!)")  # noqa: E731 - an empty list matches nothing
        listed = lambda key: _scannable(topics.lexicon.get(key, ()))  # noqa: E731 - any word of one list
        # (the same words opening a pattern, as branches that each start with a plain character: re skips fast to them)
        opening = lambda key: listed(key).pattern  # noqa: E731
        negators = alternation(topics.negators)
        ending = lambda key: tuple(w for w in topics.lexicon.get(key, ()) if w)  # noqa: E731 - for str.endswith
        self.negator_ends = tuple(w for w in topics.negators if w)
        # 采购方从来不为参数规模买单: a negator before 为/给/替 and its object negates the polarity word after them
        self.negated_for = (re.compile(f"(?:{_scannable(topics.negators).pattern})(?:{word('neg_gap')})?(?:为|给|替)[^，,。；;！!？?]{{1,8}}$")
                            if topics.negators else None)
        self.negator_near = (re.compile(f"(?:{_scannable(topics.negators).pattern})(?:{word('neg_gap')})?$")
                             if topics.negators else None)
        # 不仅仅是模型规模 / 纯粹依靠堆算力: named as not enough on its own, neither endorsed nor rejected.
        self.not_only = ending("not_only")  # at the end of the words before a side term
        self.only_doing = ending("only_doing")  # …unless a verb follows: 只服务企业客户 is a commitment
        # the longest of them ending a text: the leftmost match of an alternation anchored at the end
        self.not_only_end = re.compile(f"(?:{alternation(self.not_only)})$") if self.not_only else None
        # The turn of a sentence: a clause opening with 但/不过/然而 (而是 is a construction of its own).
        self.turn = re.compile(f"[，,；;]\\s*(?:{word('turns')})")
        # 我并不反对端侧，只是…: a side not opposed, then the reservation (only after such a clause is 只是 a turn)
        self.grudging_turn = re.compile(f"(?:{opening('grudging')})[^。；;！!？?]{{0,20}}?(?P<t>[，,]\\s*(?:{word('grudging_turns')}))")
        self.answer_yes = re.compile(f"^\\s*(?:{word('answer_yes')})(?:的|啊|呀)?[，,。！!]")
        self.answer_no = re.compile(f"^\\s*(?:{word('answer_no')})(?:的|啊|呀)?[，,。！!]")
        # 我不同意。/ 我同意: an answer that takes or turns down the view a question puts
        self.verdict = re.compile(f"^\\s*(?:(?P<no>{word('disagree_openings')})|(?P<yes>{word('agree_openings')}))")
        # 一种说法：开源已经追上闭源。我不同意。: the sentence after a reported view opens by turning it down
        self.rejection_opening = re.compile(
            f"^\\s*(?:但是|但|可是|可|不过|然而)?[，,]?\\s*(?:我们|我|他们|他|她)?(?:对此)?(?:并)?"
            f"(?:{word('disagree_openings')}|{word('rejections')})")
        # 是更乐观了还是更悲观了？ / 更悲观了。: a question that offers two alternatives, the answer repeats one
        # (or says 前者 / 后者); the alternatives end the question's clause.
        self.alternatives = re.compile(f"(?P<x>[\\u4e00-\\u9fff])(?:{word('alternative_or')})(?P<y>[\\u4e00-\\u9fff]{{1,8}}?)[了的呢吗么]*\\s*$")
        self.no_pick = listed("no_pick")
        self.former = re.compile(f"^\\s*(?:(?P<x>{word('former')})|(?P<y>{word('latter')}))")
        # 我不认为规模定律失效了: the speaker rejects what follows.
        self.disbelief = listed("disbelief")
        self.disbelief_ends = ending("disbelief")
        # A side term right after these is the one compared against: 比闭源更好 / 落后于闭源 / 超越闭源.
        # (比较看好端侧 / 比如端侧 / 比例 / 比拼规模: words that start with 比 without comparing)
        self.compared_with = re.compile(f"(?:(?:{opening('compare_markers')})(?![较如方例重赛分拼喻特])[^，,。；]{{0,6}}|(?:{opening('compared_with')}|{opening('overtake')})"
                                        f"(?:{word('compared_with_tail')})?)$")
        # A definition states what a thing is, not which side is right: 端侧大模型是指…
        self.definition = re.compile(f"{opening('definitions')}|所谓的?[^，,。]{{0,10}}就是")
        self.condition = re.compile(f"^(?:{word('conditions')})")
        self.concession = re.compile(f"^(?:{word('concessions')})")
        self.granting = re.compile(f"^(?:{word('granting')})")
        # (each of the three matches only a text that starts with one of its words: a look with startswith first)
        self.condition_starts, self.concession_starts = ending("conditions"), ending("concessions")
        # 从云端迁往端侧 / 转移到终端侧: the side moved to is taken, the side moved from is left.
        self.shift = re.compile(f"(?:从(?P<a>[^，,。；！？]{{1,16}}?))?(?:{word('shift_adverbs')})?(?:{word('shift_verbs')})(?P<b>[^，,。；！？]{{1,20}})")
        self.shift_verb = listed("shift_verbs")  # in every shift: a fast look before the costly pattern
        # 无论开源还是闭源 / 不管端侧还是云端: the sides are named to say it does not matter which.
        self.indifference = re.compile(
            f"(?:{word('indifference')})[^，,。；！？]{{1,20}}?(?:还是|或者|或是|与|和)[^，,。；！？]{{1,20}}"
            # 开源还是闭源，这不是最重要的问题: the choice named and set aside
            f"|[^，,。；！？]{{1,12}}(?:还是|或者|或是)[^，,。；！？]{{1,12}}[，,]?\\s*(?:这|其实|并|反而)?(?:{word('indifferent_tails')})[^，,。；！？]*")
        self.indifference_word = re.compile(f"{opening('indifference')}|还是|或者|或是")  # in every one of them
        # 不少人说开源慢半拍，我看未必: a clause that rejects the view just reported.
        self.rejection = listed("rejections")
        # 从来没打算把开源当成主业: the negated goal is rejected.
        self.goal_negation = re.compile(f"(?:{opening('goal_negation')})(?:把|将|以)?(?P<a>[^，,。；！？]{{1,14}}?)(?:{word('goal_frames')})")
        # 端侧负责隐私，云端负责推理: a division of labour gives both sides a part.
        self.division = re.compile(f"\\s*(?:{word('division_verbs')})")  # used with match(text, pos)
        # 敏感数据留在本地，重活交给云: each side given its share by where the work is put
        self.placed_before = re.compile(f"(?:{word('placement_verbs')})\\s*$")  # used with search(text, lo, pos)
        self.rhetorical = listed("rhetorical")
        self.a_not_a = listed("a_not_a")
        self.not_a_words = ending("not_a")
        self.denied_of = re.compile(f"(?:{word('not_a')})[^，,。；;！!？?的]{{1,16}}的$")  # used with search(clause, pos, end)
        self.asked_before = re.compile(f"(?:{word('a_not_a')})(?:{word('neg_gap')})?$")  # right before a polarity word
        self.partial = re.compile(f"(?:{word('partial')})")  # used with match(text, pos)
        # 开源还是闭源: 还是 between two sides means "or", not "still"
        self.alternative = re.compile(f"(?:{word('alternative_or')})")  # used with match(text, pos)
        self.alternative_words = ending("alternative_or")
        # 开源不香吗: a negated question expects yes
        self.rhetorical_ends = ending("rhetorical_ends")
        self.any_negator = _scannable(topics.negators)
        self.domain_ends = ending("domain_ends")  # 在安全上 / 在成本方面: a polarity word as the domain judged
        # 在很有限的电池条件下: a polarity word right after 在 describes the conditions named a few words later
        self.condition_end = re.compile(f"[^，,。；;！!？?]{{0,12}}?(?:{word('condition_ends')})")  # used with match(clause, pos)
        # 端侧算力只够给云端打打下手: the side that is served is the main one, the helper is judged insufficient.
        self.helper_of = re.compile(f"(?:{opening('insufficient')})(?:给|为|帮|替)(?P<a>[^，,。；！？]{{1,10}}?)(?:{word('helper_roles')})")
        # 背离了开源的初衷: what someone is blamed for leaving is what the speaker values.
        # 现在却变成了一家闭源的公司: a side turned into against expectation, after the other one
        self.turned_into = re.compile(f"(?:{opening('turned_into')})(?P<a>[^，,。；！？]{{1,16}})")
        self.ideal_broken = re.compile(f"(?:{opening('ideal_breaking')})了?(?P<a>[^，,。；！？]{{1,12}}?)的?(?:{word('ideals')})")
        # 有人说… / 不少人认为…: a clause reporting others' view, built from subjects and verbs.
        # (not 外界以为的那么高 / 大家说的那样: what others think as a measure, not their view reported)
        # (…or a person named by surname and title, 韩总说…: not 我们总说, the speaker's own habit)
        self.reported_by = re.compile(f"(?:(?:{opening('reported_subjects')})|(?<![我们咱])[\\u4e00-\\u9fff](?:{word('reported_titles')}))"
                                      f"(?:都|也|一直|普遍)?(?:{word('reported_verbs')})(?![的得])")
        # A view of others that the speaker turns down in the same clause (it counts against itself):
        # 我们不会因为别人说scaling见顶就停下来 / 说开源落后的人，大概没看过榜单 (not when they are counted
        # or agreed with: 说开源会赢的人越来越多).
        negated = f"(?:{negators})(?:{word('neg_gap')})?" if topics.negators else "(?!)"
        # (anyone's view: 别人说 / 投资人质疑)
        self.because_reported = re.compile(f"{negated}(?:{word('because')})(?:{word('reported_subjects')}|[^，,。；;！!？?]{{1,6}}?)(?:都|也|一直|普遍)?"
                                           f"(?P<v>{word('reported_verbs')})(?P<x>[^，,。；;！!？?]{{0,24}}?)(?:{word('then')})")
        self.holder = re.compile(f"\\s*(?:{word('holder_leads')})?(?P<v>{word('holder_verbs')})(?P<x>[^，,。；;！!？?]{{1,24}}?)"
                                 f"的(?:{word('holder_nouns')})")  # used with match(clause)
        self.because = listed("because")
        self.because_lead = tuple(w for v in topics.lexicon.get("because", ()) for w in (v, "是" + v))  # 不是因为…
        self.holder_kept = listed("holder_kept")
        # every one of them holds 因为 or 的人: one look before the patterns
        self.rebutted = _scannable([*topics.lexicon.get("because", ()), *("的" + w for w in topics.lexicon.get("holder_nouns", ()))])
        # 先做C端再做B端: one side now and the other later is a plan for both.
        self.sequence = re.compile(f"(?:{word('sequence_first')})(?P<a>[^，,。；！？]{{1,14}}?)[，,]?\\s*(?:{word('sequence_then')})(?P<b>[^，,。；！？]{{1,14}})")
        # 企业客户数同比增长一倍: a figure reported is a fact, not an attitude.
        self.factual = re.compile(f"(?:{word('factual_markers')})|[0-9０-９]+(?:\\.[0-9]+)?\\s*(?:%|％|倍|个百分点)")
        # A clause that reports a figure or asks an embedded question (问他会不会做To C) takes no side: one look.
        self.no_side = re.compile(f"{self.factual.pattern}|{self.a_not_a.pattern}")
        # every match of no_side holds one of these (and every one of premature_end one of the others): a look first
        self.no_side_chars = _held_by(topics.lexicon.get("factual_markers", ()), topics.lexicon.get("a_not_a", ()),
                                      tuple("0123456789０１２３４５６７８９"))  # (the digits of a figure)
        self.premature_chars = _held_by(topics.lexicon.get("premature", ()))
        # 从最初不成熟到如今随着规模定律爆发: what is said of the earlier state is not said of the later one.
        self.from_to = re.compile(f"从(?P<a>[^，,。；！？]{{1,24}}?)(?:到|变成|发展到)(?:{word('later_times')})(?P<b>[^，,。；！？]{{1,24}})")
        self._compile_preferences(word)
        # Each construction that _vote_part tries before the clauses needs one of these words: one look for all.
        self.construction_word = _scannable(["从", "以", "没有", *("就" + w for w in topics.lexicon.get("essential_then", ())), *(w for key in (
            "goal_negation", "ideal_breaking", "insufficient", "shift_verbs", "essential_without", "other_hand", "turned_into",
            "not_a", "rather", "b_not_a", "worse_than", "limit_verbs", "limit_blind") for w in topics.lexicon.get(key, ()))])
        self.question_ends = ending("question_marks")
        # …，请各位嘉宾亮明态度。: a request for others' view ends the sentence (a few words for whom between)
        self.view_request = re.compile(f"请[^，,。；;！!？?]{{0,8}}?(?:{word('view_requests')})[^，,。；;！!？?]{{0,4}}[。！!]?\\s*$")
        self.reported = _compile(topics.reported_view)
        # every match of reported or reported_by holds a reported view's words or a verb of saying: a look for them first
        self.reported_chars = _held_by(topics.reported_view, topics.lexicon.get("reported_verbs", ()))
        self.reported_verb = listed("reported_verbs")  # (in every match of reported_by, which is slow to search)
        self.contrast = re.compile(f"^(?:{alternation(topics.contrast)})") if topics.contrast else None
        # 不过现在下结论还太早: a clause that says it is too early to tell names no side; it only hedges.
        self.undecided = _compile(topics.lexicon.get("undecided", ()))
        hedges = (*topics.hedges, *topics.lexicon.get("undecided", ()))
        # 不可能 is certain, not a hedge (可能 right after 不 does not hedge: see hedged)
        self.hedge = _compile(hedges)
        self.endorse_start = re.compile(f"(?:{alternation(topics.endorse)})") if topics.endorse else None
        self.endorse_end = (re.compile(f"(?:{_scannable(topics.endorse).pattern})(?:{word('filler')}){{0,2}}$")
                            if topics.endorse else None)
        # (都要做到 is a standard, not both sides kept)
        self.both = re.compile(f"(?:{alternation(topics.both)})(?!到)") if topics.both else None
        # 一套「端云协同」的系统: a quoted name (see Statement), its lead before the marks or its tail after them
        # (two patterns, each opening with the characters it can start with, so that re skips fast to them)
        name = r'[「“『"](?P<n>[^「」“”『』‘’"，,。；;！!？?\n]{1,12})[」”』"]'
        self.led_name = re.compile(f"(?:{opening('name_leads')})\\s*{name}")
        # (…or a worn-out word: “端云协同”早就被说烂了, also at the start of a text that the opening mark is left out of)
        self.tailed_name = re.compile(f"(?:[「“『\"]|^)(?P<n>[^「」“”『』‘’\"，,。；;！!？?\n]{{1,12}})[」”』\"]"
                                      f"(?:的?(?:{word('name_tails')})|\\s*(?:(?:这个|这种|这)?(?:词|说法|概念|口号))?(?:已经|早就|早已|都|快)?被?(?:{word('worn_out')}))")
        # 大客户最在意的是别被绑住 (used with match(clause, end of the term)) / 签下了首批政企客户 (the words before the term)
        self.experiencer = re.compile(f"(?:的|都|也|最)?(?:{word('experiencers')})")
        self.acquired = re.compile(f"(?:{opening('acquired')})\\s*(?:{word('acquired_counts')})?的?\\s*$")
        # 壁垒正在被抹平: a good thing shrinking (used with match(clause, end of the good word))
        self.part_head = re.compile(f"(?:{word('part_heads')})(?:的|用|走|做|选)?$")  # 旗舰版本 + 闭源: used with search(text, pos, end)
        # 教育版会开源，商用版暂时不会: the last clause, on another part, only negates (its verb left out)
        self.part_word = listed("part_heads")
        # 友商纷纷做C端: others' commitment, right before the verb (都/也/在/会 between)
        self.other_doer = re.compile(f"(?:{word('other_doers')})(?:都|也|在|会|还|正在|纷纷)*$")
        self.elided_ends = tuple({w[-1] for w in self.topics.lexicon.get("elided_no", ()) if w} | {"了", "的"})  # a look first
        self.elided_no = re.compile(f"[，,；;]\\s*(?P<h>[^，,。；;！!？?]{{1,16}}?)(?:则|就|却|还|暂时|目前)?(?:{word('elided_no')})(?:了|的)?\\s*[。；;！!]?\\s*$")
        # 去年此时，他还在强调“…”: a view held back then, not now (the words before a quote in its sentence)
        # (a year counts as a time back then too: 2021年，他还说过“…”)
        self.past_view = re.compile(f"(?:{opening('past_times')}|(?:19|20)[0-9]{{2}}年)[^。！？!?]{{0,24}}?(?:{word('past_holding')})[^。！？!?]{{0,16}}$")
        self.later_time = listed("later_times")  # …，但现在他觉得…: the view now follows
        # 他曾在2023年的发布会上说：/ 同年接受采访时，他又说：/ 他当时的评价是：: words said back then, which a later
        # view of the same speaker on the same topic supersedes (see :func:`aggregate`)
        self.said_then = re.compile(f"(?:{word('past_times')}|{word('past_said')})")
        self.disposal_modal = re.compile(f"(?:{word('disposal_modals')})$")  # 会 + 把X开源: see _disposal
        self.disposal_end = re.compile(r"(?:[^，,。；;！!？?]{0,3}[上里中])?(?:出来|出去|掉|了|吧|的)?\s*(?:[，,。；;！!？?”」』]|$)")
        self.diminished = re.compile(f"[^，,。；;！!？?]{{0,8}}?(?:{word('diminishing')})"
                                     # 护城河没有大家想象的那么深: not as great as it is thought
                                     f"|[^，,。；;！!？?]{{0,2}}?(?:没有|没|并没有|并不|不)[^，,。；;！!？?]{{0,10}}?(?:那么|这么)(?:{word('not_so')})")
        # 说规模定律撞墙还为时过早 / …，恐怕为时尚早: what is said to come too soon is turned down (weakly)
        soon = f"(?:还|尚|都|仍|仍然|恐怕|可能|现在|也)*(?:{word('premature')})了?\\s*$"
        self.premature_end = re.compile(f"了?{soon}")  # the end of the clause that says it
        self.premature_alone = re.compile(f"^\\s*{soon}")  # the whole of the clause after it
        self._compile_dismissed(word)
        self.term: dict[str, re.Pattern] = {}
        self.side_of: dict[str, dict[str, str]] = {}
        self.cue: dict[str, re.Pattern] = {}
        self.cue_label: dict[str, dict[str, str]] = {}
        self.weak: dict[str, set[str]] = {}
        self.paraphrase: dict[str, list[tuple[str, re.Pattern]]] = {}
        # topic -> (its context-free paraphrases, the others: a look-around at an edge, see _context_free)
        self.paraphrase_split: dict[str, tuple[Optional[Searcher], Optional[Searcher]]] = {}
        self.any_paraphrase: dict[str, Optional[Searcher]] = {}  # one look for them all, None for none
        self.says_not: set[re.Pattern] = set()
        self.acts: dict[str, Optional[re.Pattern]] = {}
        all_terms = [*(x for t in topics.topics.values() for ts in t.sides.values() for x in ts),
                     *(x for t in topics.topics.values() for x in t.triggers)]
        spellings = _case_variants("".join(sorted({w[0] for w in all_terms if w})))  # terms are matched in any case
        for tid, t in topics.topics.items():
            side_of = {term.lower(): label for label, terms in t.sides.items() for term in terms}
            # A one-sided topic (scaling_law) has no neutral terms: its triggers name its one side.
            lone = next(iter(t.sides)) if len(t.sides) == 1 else ""
            side_of.update({term.lower(): lone for term in t.triggers if term.lower() not in side_of})
            self.side_of[tid] = side_of
            terms = [*(x for ts in t.sides.values() for x in ts), *t.triggers]
            self.term[tid] = _scannable(terms, spellings)
            self.weak[tid] = {w.lower() for w in t.weak}
            self.paraphrase[tid] = [(label, re.compile(p, re.I)) for label, ps in t.paraphrases.items() for p in ps]
            # 规模不是一切: a paraphrase that holds its own negator is a negative saying; only a negator before it turns it
            self.says_not.update(p for _, p in self.paraphrase[tid] if self.any_negator.search(p.pattern))
            free = [_context_free(p) for _, p in self.paraphrase[tid]]
            self.paraphrase_split[tid] = (_any_of([p for (_, p), f in zip(self.paraphrase[tid], free) if f]),
                                          _any_of([p for (_, p), f in zip(self.paraphrase[tid], free) if not f]))
            self.any_paraphrase[tid] = _any_of([p for _, p in self.paraphrase[tid]])
            # An act (谁都能下载) brings its topic up and votes like a cue.
            cue_label = {c: label for label, cues in (*t.cues.items(), *t.acts.items()) for c in cues}
            acts = [a for acts in t.acts.values() for a in acts]
            self.acts[tid] = _compile(acts)
            self.cue_label[tid] = cue_label
            if cue_label:
                self.cue[tid] = re.compile(alternation(cue_label))
        # Most statements name no topic at all: one scan over every topic's terms (and one over the acts) tells.
        all_acts = [a for t in topics.topics.values() for acts in t.acts.values() for a in acts]
        self.any_term = _scannable(all_terms, spellings)
        self.any_act = _compile(all_acts)
        # No term nor act holds a sentence mark: a scan of a whole statement finds a sentence's own ones.
        self.sentence_safe = not any(set(w) & _SENTENCE_MARKS for w in (*all_terms, *all_acts))
        # ... nor a term or cue a clause mark: a scan of a whole sentence finds a clause's own ones.
        all_cues = [c for t in topics.topics.values() for cues in (*t.cues.values(), *t.acts.values()) for c in cues]
        self.clause_safe = not any(set(w) & set(_CLAUSE_MARKS) for w in (*all_terms, *all_cues))

    def _compile_preferences(self, word) -> None:
        """Constructions of preference (their words are the lexicon's): A is rejected and B chosen, or
        both weighed for 一方面…另一方面. Each comes with the words a sentence must hold to try it."""
        lex = self.topics.lexicon
        opening = lambda key: _scannable(lex.get(key, ())).pattern  # noqa: E731 - see __init__
        not_a_but_b = re.compile(f"(?:{opening('not_a')})(?P<a>[^。；！？]{{1,40}}?)(?:[，,]?\\s*(?:{word('but_b')})|[，,]\\s*是)"
                                 "(?P<b>[^。；！？，,]{1,40})")
        b_not_a = re.compile(f"(?P<b>[^。；！？，,]{{1,40}})[，,]?\\s*(?:{word('b_not_a')})(?P<a>[^。；！？，,]{{1,40}})")
        rather = re.compile(f"(?:{opening('rather')})(?P<a>[^。；！？]{{1,40}}?)[，,]?\\s*(?:{word('rather_than')})(?P<b>[^。；！？，,]{{1,40}})")
        worse = re.compile(f"(?P<a>[^。；！？，,]{{1,30}}?)(?:{word('worse_than')})(?P<b>[^。；！？，,]{{1,30}})")
        one_hand = re.compile(f"(?:{opening('one_hand')})(?P<a>[^。；！？]{{1,60}}?)[，,；;。]\\s*(?:{word('other_hand')})(?P<b>[^。；！？]{{1,60}})")
        # 撞墙的是某一种数据的scaling，不是scaling本身: what is said of A (a cleft, P的是A) is denied of B
        cleft = re.compile(f"(?P<h>[^。；！？，,]{{1,12}}?)的是(?P<b>[^。；！？，,]{{1,40}})[，,]\\s*(?:而)?(?:{word('not_a')})"
                           "(?P<a>[^。；！？，,]{1,40})")
        self.constructions = tuple((pattern, how, _compile(lex.get(key, ()))) for pattern, how, key in (
            (one_hand, "both", "other_hand"), (cleft, "cleft", "not_a"), (not_a_but_b, "b", "not_a"), (rather, "rather", "rather"),
            (b_not_a, "b", "b_not_a"), (worse, "worse", "worse_than")))
        # 以本地部署为主: what a plan is built around is the side taken.
        self.built_around = re.compile(f"以(?P<a>[^，,。；！？]{{1,14}}?)为(?:{word('built_around')})")
        # 端侧模型，才是更现实的途径: an emphatic copula after a side term endorses it.
        self.emphatic_after = re.compile(f"(?:\\s*的?(?:{word('emphatic_nouns')}))?[，,]?\\s*(?:{word('emphatic')})")
        self._compile_predicates(word)
        # 没有开源就没有互联网: what it cannot do without, it is for.
        self.essential = re.compile(
            f"没有(?P<a>[^，,。；！？]{{1,16}}?)[，,]?\\s*(?:就(?:{word('essential_then')})|(?:{word('essential_asks')}))"
            # 离开云端，端侧模型什么也干不了: what nothing works without
            f"|(?:{word('essential_without')})(?P<a2>[^，,。；！？]{{1,12}}?)[，,]\\s*[^。；！？]{{0,16}}?(?:{word('essential_fail')})"
            # 没有开源，小团队连试一试的门槛都迈不过去: without it not even the least is possible
            f"|没有(?P<a3>[^，,。；！？]{{1,12}}?)[，,]\\s*[^。；！？]{{0,10}}?连[^。；！？]{{1,16}}?都[^，,。；！？]{{0,3}}?(?:没有|没|不|无法|难以)"
            # 小模型不开源就不会有开发者: what is not done, nothing comes of (a negated condition)
            f"|不(?P<a4>[^，,。；！？不]{{1,8}}?)[，,]?\\s*就(?:{word('essential_then')})")
        # 这是一个纯粹的To B生意: a copula naming a side (weak: the clause's own judgement wins).
        self.copula = re.compile(f"(?:{opening('copulas')})(?:{word('measure_words')})?(?:[\\u4e00-\\u9fff]{{1,3}}的)?$")
        # 闭源模型会越来越领先: a comparative after a side term judges it by its adjective.
        self.comparative = re.compile(f"^(?:{word('emphatic_nouns')}|的能力|能力)?(?:{word('comparative_modals')})?"
                                      f"(?:{word('comparative_adverbs')})(?!多(?:的|地)?是|像)(?P<adj>[\\u4e00-\\u9fff]{{1,4}})")  # (更多是: "mostly is", 更像是: "is rather")

    def _compile_dismissed(self, word) -> None:
        """A view named and dismissed (see :meth:`_vote_dismissed`): 所谓的规模撞墙只是个别现象 / 对端侧的质疑言过其实."""
        view = "[^，,。；;！!？?]{2,20}?"
        tail = f"[，,]?\\s*(?:(?:{word('dismiss_leads')})[^，,。；;！!？?]{{0,14}}?)?(?:{word('dismissals')})"
        self.dismissed = re.compile(f"所谓的?(?P<v>{view})(?:的(?P<n>{word('dismissed_nouns')}))?{tail}"
                                    f"|(?:对于|对|关于)(?P<w>{view})的(?P<m>{word('dismissed_nouns')}){tail}")
        self.dismiss_word = _scannable(self.topics.lexicon.get("dismissals", ()))
        # 以前我觉得规模定律是信仰，现在觉得…: a view the speaker held then, before what they think now
        who = "(?:我们|我|他们|他|她们|她)?"
        self.then_now = re.compile(f"(?:^|(?<=[，,；;]))\\s*{who}(?:{word('past_times')})[，,]?\\s*{who}(?:一直|总|曾|还|都)?"
                                   f"(?:{word('belief_verbs')})(?P<a>[^。；;！!？?]{{1,30}}?)[，,；;]\\s*(?:但是|但|可是|可|而|不过)?\\s*{who}"
                                   f"(?:{word('later_times')})")
        # 几年前我们认为本地推理成本太高: a clause that opens with a view held back then (no later time after it in its
        # sentence) says, with the rest of the sentence, nothing of where the speaker stands now
        # (also after an aside or a frank opener, and with 自己也: （苦笑）其实三年前我们自己都认为…)
        self.then_only = re.compile(f"(?:^|(?<=[，,：:]))\\s*(?:[（(][^）)]{{1,6}}[）)])?(?:其实|说实话|老实说|坦白说)?[，,]?{who}"
                                    f"(?:{word('past_times')})(?:这个时候|那个时候|的时候|这时候|那会儿)?[，,]?\\s*{who}"
                                    f"(?:自己)?(?:也|还|都|曾|一直|真心|真的|确实|始终)*(?:{word('belief_verbs')})")
        # 她那句“…”: a quote led by these refers to a saying, it does not say it again
        self.view_pointers = tuple(w for w in self.topics.lexicon.get("view_pointers", ()) if w)
        self.retraction = _compile(self.topics.lexicon.get("retractions", ()))  # …，这话说得太急了
        self.mention_leads = tuple(w for w in self.topics.lexicon.get("mention_leads", ()) if w)
        # …，现在不信了: the later words say the old view is given up
        self.mind_changed = _compile(self.topics.lexicon.get("mind_changed", ()))
        self.unmatched = _scannable(self.topics.lexicon.get("unmatched", ()))
        self.cleft_wants = tuple(w for w in self.topics.lexicon.get("cleft_wants", ()) if w)
        self.concession_says = tuple(w for w in self.topics.lexicon.get("concession_says", ()) if w)
        self.past_word = _scannable(self.topics.lexicon.get("past_times", ()))

    def dismissed_name(self, text: str, at: int) -> bool:
        """Whether the quoted name led at ``at`` (所谓的「…」) is a view dismissed right after it."""
        if not text.startswith("所谓", at):
            return False
        rest = _QUOTE_MARKS.sub("", text[at:at + 64])
        return bool(self.dismiss_word.search(rest) and self.dismissed.match(rest))

    def _vote_dismissed(self, tid, topic, sentence, votes, cues) -> str:
        """所谓的规模撞墙只是个别现象 / 对端侧的质疑言过其实: a view named and dismissed counts against itself (a bare
        side named with a bad noun, 对端侧的质疑, is for that side); the sentence without it, or as it was."""
        m = self.dismissed.search(sentence)
        if not m:
            return sentence
        view = m.group("v") if m.group("v") is not None else m.group("w")
        inner: dict[str, float] = defaultdict(float)
        self._vote_clause(tid, topic, view, 1.0, inner, cues)
        noun = m.group("n") or m.group("m") or ""
        if not inner and noun and self._polarity(noun)[0] < 0:
            for side in {side for _, _, side in self.sides_in(tid, view) if side}:
                inner[topic.opposite.get(side, side)] += 1.0  # turned over below: for the side
        if not inner:
            return sentence
        for label, w in inner.items():
            votes[topic.opposite.get(label, label)] += w
        cues.append(m.group(0)[:16])
        return sentence[:m.start()] + "，" + sentence[m.end():]

    def _unmatched(self, topic, clause, sided, weight, votes, cues) -> bool:
        """消费者市场的体量是任何企业客户都无法比拟的: of two sides named before what cannot be matched, the first
        is ahead and the other behind; whether it voted."""
        if "比" not in clause and "及" not in clause:
            return False
        m = self.unmatched.search(clause)
        if not m or len({side for _, _, side in sided}) < 2 or any(e > m.start() for _, e, _ in sided):
            return False
        first = min(sided)[2]
        for side in {side for _, _, side in sided}:
            self._add(topic, side, +1 if side == first else -1, weight, votes)
        cues.append(m.group(0))
        return True

    def _head_wants(self, head: str) -> bool:
        """我们要做的 / 客户想要的 / 我押注的: the head of a cleft is what someone does, wants or backs."""
        head = head.rstrip()
        return bool((self.endorse_end and self.endorse_end.search(head)) or head.endswith(self.cleft_wants)
                    or any(w in head for w in self.cleft_wants if len(w) > 1))  # 推动行业进步的

    def _split_by_cleft(self, topic: Topic, text: str, found) -> bool:
        """开源的是代码，不开源的是数据 / 开源的是权重，闭源的是数据: in two clauses a side term (or its negation)
        is the subject of 的是, each naming what it covers, with no judgement in either: both."""
        taken: dict[int, str] = {}  # clause start -> the side its cleft takes
        for s, e, side in found:
            if not side or not text.startswith("的是", e):
                continue
            start = max(text.rfind(mark, 0, s) for mark in "，,；;") + 1
            stop = min((i for i in (text.find(mark, e) for mark in "，,；;。") if i >= 0), default=len(text))
            before = text[start:s]
            if self._polarity(text[start:stop], [(s - start, e - start)])[0] and not before.endswith(self.negator_ends):
                continue
            negated = before.endswith(self.negator_ends)
            taken.setdefault(start, topic.opposite.get(side, side) if negated else side)
        return len(taken) >= 2 and len(set(taken.values())) >= 2

    def _compile_predicates(self, word) -> None:
        """A side term as the subject of an evaluative predicate right after it (see :meth:`_predicate`),
        the speaker's own priority as a clause's polarity, and a limit (not) reached."""
        negators = alternation(self.topics.negators) or "(?!)"
        head = f"(?:{word('emphatic_nouns')})?"
        adv = f"(?:{word('predicate_adverbs')}){{0,2}}"
        at_end = "(?:之一)?(?=[，,。；;！!？?”」』\\s]|$)"  # the noun ends its clause: 核心 but not 核心技术
        # 开源是我们的核心战略 / 规模定律仍然是通往AGI的路径 / 闭源不是我们的方向
        self.role_predicate = re.compile(
            f"{head}[，,]?\\s*{adv}(?:(?P<neg>{negators}){adv}(?:{word('copulas')})?|(?:{word('copulas')}))"
            f"[^，,。；;！!？?]{{0,12}}?(?:{word('role_nouns')}){at_end}")
        # 端侧AI的拐点已经到来
        self.moment_predicate = re.compile(f"{head}的?(?:{word('moment_nouns')}){adv}(?:{word('arrivals')})")
        # 单纯堆参数的时代已经过去了: the side's time is over
        self.moment_ended = re.compile(f"{head}的?(?:{word('moment_nouns')}){adv}(?:{word('ended_adverbs')})?(?:{word('departures')})")
        # 云端只是补充
        self.demoted = re.compile(f"{head}[，,]?\\s*{adv}(?:{word('demoting')})(?:{word('measure_words')})?的?(?:{word('minor_roles')})")
        # 端侧模型目前只能处理语音唤醒: a side said to be able to do only so much
        self.limited = re.compile(f"{head}[，,]?\\s*{adv}(?:{word('limited_times')})?{adv}(?:{word('limited_to')})")
        # 模型可以完全在手机上跑 / 手机上就能跑 (not 手机上跑不动)
        runs = f"(?:{word('locatives')})?(?:{word('capability_adverbs')})?(?:{word('run_verbs')})(?![不])"
        self.capable_before = re.compile(f"(?:{word('capability')})(?:{word('capability_adverbs')})?在?$")
        self.runs_after = re.compile(runs)
        self.capable_after = re.compile(f"(?:{word('locatives')})?{adv}(?:{word('capability')}){runs}")
        # (…，)是我们的重点 / (…，但)不是我们的方向: the speaker's own priority, its subject left out
        self.priority = re.compile(
            f"(?:^|(?<=[，,；;]))\\s*{adv}(?:(?P<neg>{negators}){adv}(?:{word('copulas')})?|(?:{word('copulas')}))"
            f"(?:{word('owners')})的?[\\u4e00-\\u9fff]{{0,4}}?(?:{word('priority_nouns')}){at_end}")
        # 还远没有看到规模定律的尽头 (+) / 已经摸到了端侧的天花板 (-)
        self.limit = re.compile(f"(?:(?P<blind>{word('limit_blind')})|(?:{word('limit_verbs')}))了?"
                                f"(?P<a>[^，,。；！？]{{1,14}}?)的?(?:{word('limits')})")
        # every predicate ends in one of these: one look after the term before the patterns
        self.predicate_word = _scannable([w for key in ("role_nouns", "arrivals", "departures", "minor_roles", "run_verbs", "limited_to")
                                          for w in self.topics.lexicon.get(key, ())])
        # what _polarity scans a clause with, in its order (the negative words first), whether it names a negator, and
        # words one of which a clause must hold for it to match (every priority holds a priority noun), or None
        self.polarity_patterns = tuple((pat, sign, "neg" in pat.groupindex, needs) for pat, sign, needs in (
            (self.neg, -1, None), (self.pos, +1, None), (self.priority, +1, _scannable(self.topics.lexicon.get("priority_nouns", ()))))
            if pat is not None)

    def _predicate(self, clause: str, end: int, before: str) -> float:
        """What a predicate right after a side term says of it (the term as its subject): a role
        (+, negated -), its moment come (+), demoted to a minor role (-), a model that can run there (+)."""
        if not self.predicate_word.search(clause, end):
            return 0
        role = self.role_predicate.match(clause, end)
        if role:
            if any(w in role.group(0) for w in self.not_only if len(w) > 1):
                return 0  # 开源不光是一种战略 / 只是方向之一: not enough on its own, neither up nor down
            return -1 if role.group("neg") else +1
        if self.moment_predicate.match(clause, end):
            return +1
        if self.moment_ended.match(clause, end):
            return -1
        if self.demoted.match(clause, end) or self.limited.match(clause, end):
            return -1  # 云端只是补充 / 端侧模型目前只能处理语音唤醒
        capable = self.capable_before.search(before)
        if capable and self.runs_after.match(clause, end):
            return -1 if self._negated(before, capable.start()) else +1
        if self.capable_after.match(clause, end):
            return +1
        return 0

    def topics_in(self, text: str) -> list[str]:
        """The topics a statement is about: a term of the topic that is not only an everyday word
        (规模效应 alone is not the Scaling Law), one of its acts, or one of its paraphrases."""
        if not (self.any_term.search(text) or (self.any_act and self.any_act.search(text))):
            return [tid for tid in self.term if self._paraphrased(tid, text)]
        return [tid for tid in self.term if self._is_up(tid, text)]

    def disbelief_lead(self, before: str) -> str:
        """The words of a reported clause's own clause before it when they end in a verb of disbelief, else "":
        ``孟凡宇说，我们从来不相信`` + ``规模定律`` -> ``我们从来不相信`` (the clause is judged with them)."""
        lead = _CLAUSE_SPLIT.split(before)[-1]
        return lead if lead.endswith(self.disbelief_ends) else ""

    def hedged(self, text: str) -> bool:
        """Whether ``text`` holds a hedge (可能, 还为时尚早) not right after 不: the words found by a scan that
        skips fast to them, the 不 before each looked at here (a look-behind would be tried at every character)."""
        m = self.hedge.search(text) if self.hedge else None
        while m:
            if text[m.start() - 1:m.start()] != "不":
                return True
            m = self.hedge.search(text, m.start() + 1)
        return False

    def named_quotes(self, text: str):
        """The quoted names in ``text``, each with its lead before the marks (一个叫「…」) or its tail after them
        (「…」的系统), as one pattern of both would find them: the leftmost each time, none overlapping."""
        pos, led, tailed = 0, self.led_name.search(text), self.tailed_name.search(text)
        while led or tailed:
            m = led if led and (not tailed or led.start() < tailed.start()) else tailed
            yield m
            pos = m.end()
            if led and led.start() < pos:
                led = self.led_name.search(text, pos)
            if tailed and tailed.start() < pos:
                tailed = self.tailed_name.search(text, pos)

    def _asks(self, sentence: str) -> bool:
        if "请" in sentence and self.view_request.search(sentence):
            return True  # …，请两位说说看。: the view is asked for, not given
        return sentence.strip().endswith(self.question_ends) and not self.rhetorical.search(sentence)

    def _mentions(self, tid: str, text: str) -> bool:
        return bool(self.term[tid].search(text) or (self.acts[tid] and self.acts[tid].search(text))
                    or self._paraphrased(tid, text))

    def _is_up(self, tid: str, text: str) -> bool:
        weak = self.weak[tid]
        if not weak:
            return self._mentions(tid, text)
        for m in self.term[tid].finditer(text):
            if m.group(0).lower() not in weak:
                return True
        if self.acts[tid] is not None and self.acts[tid].search(text):
            return True
        return self._paraphrased(tid, text)

    def _paraphrased(self, tid: str, text: str) -> bool:
        return bool(self.any_paraphrase[tid] and self.any_paraphrase[tid](text))

    def sides_span(self, tid: str, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.term[tid].finditer(text)]

    def sides_in(self, tid: str, text: str) -> list[tuple[int, int, str]]:
        side_of = self.side_of[tid]
        return [(*m.span(), side_of.get(m.group(0).lower(), "")) for m in self.term[tid].finditer(text)]

    def decide(self, tid: str, text: str) -> tuple[str, float, list[str]]:
        """``(label, confidence, cues)`` for topic ``tid`` in the statement ``text``.

        >>> rules = stance_rules(load_topics())
        >>> rules.decide("tob_vs_toc", "我们的路不是To B，而是To C。")[0]
        'to_c'
        """
        return self.decide_span(tid, text)[:3]

    def decide_span(self, tid: str, text: str, statement: Optional[Statement] = None) -> tuple[str, float, list[str], tuple[int, int]]:
        """:meth:`decide` plus the ``(start, end)`` in ``text`` of the sentence that decided the label
        (the whole text when no sentence did): the claim's evidence. ``statement`` is ``Statement(self, text)``
        when the caller decides the text for several topics."""
        st = statement if statement is not None else Statement(self, text)
        topic = self.topics.topics[tid]
        if st.asks:
            return (topic.neutral or topic.labels[-1]), 0.5, [], (0, len(text))
        votes: dict[str, float] = defaultdict(float)
        cues: list[str] = []
        per_sentence: list[tuple[int, int, dict[str, float]]] = []
        for i in self._sentences_naming(tid, st):
            # a cue decides only beside its topic: 天花板 in a sentence about something else
            sentence = st.judged(self, i)
            if sentence is None:
                continue
            local: dict[str, float] = defaultdict(float)
            self._vote_sentence(tid, topic, sentence, local, cues)
            for label, w in local.items():
                votes[label] += w
            if local:
                per_sentence.append((st.sentences[i][0], st.sentences[i][1], local))
        bare = st.bare
        label, conf = self._label(topic, votes, st)
        if not per_sentence:
            return label, conf, [m.group(0) for m in islice(self.term[tid].finditer(bare), 3)], (0, len(text))
        if label in votes:
            s, e, _ = max(per_sentence, key=lambda x: x[2].get(label, 0))
        else:  # both sides within the statement: from the first sentence that votes to the last
            s, e = per_sentence[0][0], per_sentence[-1][1]
        while s < e and bare[s].isspace():
            s += 1
        while e > s and bare[e - 1].isspace():
            e -= 1
        return label, conf, cues, ((st.original(s), st.original(e - 1) + 1) if e > s else (0, len(text)))

    def _sentences_naming(self, tid: str, st: Statement) -> list[int]:
        """The indices of the statement's sentences that name topic ``tid`` (:meth:`_mentions`): its terms
        and acts found in one scan of the whole statement (none holds a sentence mark), its paraphrases
        looked for per sentence."""
        sentences = st.sentences
        if not self.sentence_safe:
            return [i for i, (_, _, sentence) in enumerate(sentences) if self._mentions(tid, sentence)]
        if len(sentences) == 1:
            return [0] if self._mentions(tid, sentences[0][2]) else []
        at = [m.start() for m in self.term[tid].finditer(st.bare)]
        if self.acts[tid] is not None:
            at = sorted(at + [m.start() for m in self.acts[tid].finditer(st.bare)])
        # A context-free paraphrase that finds nothing in the whole statement finds nothing in a sentence of
        # it; the others (a look-around at an edge) are looked for in every sentence.
        free, bound = self.paraphrase_split[tid]
        free = free if free and free(st.bare) else None
        out = []
        if not free and not bound:  # the sentences that hold a term or act: each one's found by bisection
            for p in at:
                i = bisect_right(st.starts, p) - 1
                if i >= 0 and p < sentences[i][1] and (not out or out[-1] != i):
                    out.append(i)
            return out
        for i, (start, end, sentence) in enumerate(sentences):
            k = bisect_left(at, start)
            if (k < len(at) and at[k] < end) or (free and free(sentence)) or (bound and bound(sentence)):
                out.append(i)
        return out

    def _label(self, topic: Topic, votes: dict[str, float], st: Statement) -> tuple[str, float]:
        polar = {k: v for k, v in votes.items() if k in topic.opposite and v > 0}
        if votes.get("mixed", 0) > 0 and topic.mixed and (votes["mixed"] >= max(polar.values(), default=0) * 0.5):
            return topic.mixed, 0.7
        if not polar:
            return (topic.neutral or topic.labels[-1]), 0.5
        ranked = sorted(polar.items(), key=itemgetter(1), reverse=True) if len(polar) > 1 else list(polar.items())
        top, top_w = ranked[0]
        if len(ranked) > 1 and ranked[1][1] >= 0.6 * top_w and topic.mixed:
            return topic.mixed, MIXED_WITHIN_STATEMENT
        hedged = st.hedged(self)
        margin = top_w - (ranked[1][1] if len(ranked) > 1 else 0)
        conf = min(0.95, 0.45 + 0.2 * margin) * (0.85 if hedged else 1.0)
        return top, round(conf, 3)

    def decide_answer(self, tid: str, question: str, answer: str) -> tuple[str, float, list[str]]:
        """An answer that omits the topic: its yes or no goes to the side the question named.

        ``你们会做端侧模型吗？`` / ``会，这是我们最重要的方向。`` -> device.
        """
        return self.decide_answer_span(tid, question, answer)[:3]

    def decide_answer_span(self, tid: str, question: str, answer: str, statement: Optional[Statement] = None,
                           explicit_only: bool = False) -> tuple[str, float, list[str], tuple[int, int]]:
        """:meth:`decide_answer` plus the ``(start, end)`` in ``answer`` of its evidence (the reply);
        ``statement`` as for :meth:`decide_span`, of the answer. ``explicit_only``: only an answer that
        opens with yes or no (不会，我们只服务企业客户) replies to the question's side."""
        topic = self.topics.topics[tid]
        # Only the answer's first sentence replies to the question; later ones move on to other things.
        first = next((x for x in _SENTENCE_SPLIT.split(answer) if x.strip()), answer)
        verdict = self.verdict.match(answer)
        if verdict and self._agrees_with_someone(first[len(verdict.group(0)):] if first.startswith(verdict.group(0)) else ""):
            # 我同意Angie。: agreeing with another speaker is not a reply to the question's view; the answer's own words decide
            return self.decide_span(tid, answer, statement)
        view = self._view_put(tid, question) if verdict else None
        if view is not None:
            # 有人说规模定律已经撞墙了，你同意吗？ / 我不同意。: the answer takes the view's side, or turns it down.
            label = view if verdict.group("yes") else topic.opposite[view]
            start = answer.find(first)
            return label, 0.6, [question[:12] + "…", verdict.group(0).strip()], (start, start + len(first.rstrip()))
        picked = self.alternative_picked(tid, question, first)
        if picked is not None:
            start = answer.find(first)
            return picked, 0.6, [question[:12] + "…", first.strip()[:6]], (start, start + len(first.rstrip()))
        sides = {side for _, _, side in self.sides_in(tid, question) if side}
        if len(sides) >= 2 and topic.mixed and self.no_pick.search(first) and not self.sides_in(tid, first):
            # 开源还是闭源？ / 让我站队的话，我选不了。: both sides of the question kept
            start = answer.find(first)
            return topic.mixed, 0.6, [question[:12] + "…", self.no_pick.search(first).group(0)], (start, start + len(first.rstrip()))
        polarity = (1 if self.answer_yes.match(answer) else -1 if self.answer_no.match(answer)
                    else 0 if explicit_only or self._reports(first) else self._polarity(first)[0])
        if len(sides) != 1 or not polarity or self._asked_against(tid, question):
            return self.decide_span(tid, answer, statement)
        votes: dict[str, float] = defaultdict(float)
        self._add(topic, next(iter(sides)), polarity, 1.0, votes)
        label = max(votes, key=votes.get)
        start = answer.find(first)
        end = start + len(first.rstrip())
        while start < end and answer[start].isspace():
            start += 1
        return label, 0.6, [question[:12] + "…", answer[:4]], (start, end)

    def alternative_picked(self, tid: str, question: str, first: str) -> Optional[str]:
        """The side an answer takes by repeating one of the alternatives its question offers: ``大家对规模定律的
        看法是更乐观了还是更悲观了？`` / ``更悲观了。`` -> the question's clause with ``更悲观了`` alone is judged (skeptic).
        ``None`` when the answer repeats neither, both, or one negated (没有增强), or the clause takes no side."""
        if not any(w in question for w in self.topics.lexicon.get("alternative_or", ())):
            return None
        for clause in _CLAUSE_SPLIT.split(_QUOTE_MARKS.sub("", question)):
            m = self.alternatives.search(clause)
            if not m or not self._mentions(tid, clause):
                continue
            # the alternatives are of one length: y as offered, x as long, right before the 还是 (its 了 aside)
            y = m.group("y")
            before = clause[:m.end("x")]
            lead = before.rstrip("了的")
            x = lead[-len(y):]
            if len(y) < 2 or len(x) < 2:
                continue
            said = self.former.match(first)
            if said:
                chose_x = bool(said.group("x"))
            else:
                at_x, at_y = first.find(x), first.find(y)
                if (at_x >= 0) == (at_y >= 0) or self._negated(first, max(at_x, at_y)):
                    continue
                chose_x = at_x >= 0
            label = self.decide(tid, before if chose_x else lead[:-len(y)] + y)[0]
            if label in self.topics.topics[tid].opposite:
                return label
        return None

    def _agrees_with_someone(self, rest: str) -> bool:
        """The words after 我同意 in its sentence name someone (我同意老周), not the view put (我同意这个判断 / 你的看法)."""
        rest = rest.strip().rstrip("。！!，,；;…")
        return (0 < len(rest) <= 10 and not rest.startswith(self.view_pointers) and "的" not in rest
                and not _CLAUSE_SPLIT.search(rest) and not self.topics_in(rest))

    def _view_put(self, tid: str, question: str) -> Optional[str]:
        """The side of a view of others that a question puts to the answerer (``有人说“开源已经落后了”，你同意吗？``
        -> closed), or ``None``."""
        for clause in _CLAUSE_SPLIT.split(_QUOTE_MARKS.sub("", question)):
            ends = [m.end() for m in (self.reported and self.reported.search(clause), self.reported_by.search(clause)) if m]
            if ends:
                label = self.decide(tid, clause[max(ends):])[0]
                if label in self.topics.topics[tid].opposite:
                    return label
        return None

    def _asked_against(self, tid: str, question: str) -> bool:
        """你们会放弃C端吗？ / 你们不做端侧吗？: the question speaks against its side, so what a yes or no
        means is unclear (不会 may echo the verb or deny the question): the answer is judged by itself."""
        for clause in _CLAUSE_SPLIT.split(question):
            for s, e, side in self.sides_in(tid, clause):
                local = self._local_polarity(clause, s, e)
                if side and (local < 0 or (not local and self._polarity(clause)[0] < 0)):
                    return True
        return False

    def _vote_against(self, tid, topic, words: str, votes, cues, bare_sides: bool = False) -> dict[str, float]:
        """Words the speaker gives up or takes back count against themselves: their votes, turned to the opposite
        side, added at 0.7 (with ``bare_sides``, a side they only name counts as believed in). Returns their votes."""
        against: dict[str, float] = defaultdict(float)
        self._vote_part(tid, topic, words, against, cues)
        if bare_sides and not against:
            for side in {side for _, _, side in self.sides_in(tid, words) if side}:
                self._add(topic, side, +1, 1.0, against)
        for label, w in against.items():
            votes[topic.opposite.get(label, label)] += 0.7 * w
        return against

    # One sentence: split at its turn (但/不过), then per part constructions and clauses.
    def _vote_sentence(self, tid, topic, sentence, votes, cues) -> None:
        then_now = self.then_now.search(sentence) if self.past_word.search(sentence) else None
        if then_now:  # 以前我觉得开源是未来，现在…: the view given up says nothing of where they stand now
            now = sentence[then_now.end("a"):]
            if self.mind_changed and not self.sides_in(tid, now) and self.mind_changed.search(now):
                # 以前我信规模定律，现在不信了: the old view, said to be given up, counts against itself (a bare side
                # believed in is for it)
                self._vote_against(tid, topic, then_now.group("a"), votes, cues, bare_sides=True)
                cues.append(self.mind_changed.search(now).group(0))
            sentence = sentence[:then_now.start("a")] + now
        elif self.past_word.search(sentence):
            then_only = self.then_only.search(sentence)
            if then_only and not self.later_time.search(sentence, then_only.start()):
                # (他说，)那时我们认为本地推理成本太高。: a view held back then, nothing said after it of now
                sentence = sentence[:then_only.start()]
        retracted = self.retraction.search(sentence) if self.retraction else None
        if retracted:
            # 当初讲“闭源必胜”，这话说得太急了: what the speaker takes back counts against itself
            if self._vote_against(tid, topic, sentence[:retracted.start()], votes, cues):
                cues.append(retracted.group(0))
            sentence = sentence[retracted.end():]
        if self.dismiss_word.search(sentence):  # (before the turn: …撞墙，不过是个别现象 turns nothing)
            sentence = self._vote_dismissed(tid, topic, sentence, votes, cues)
        parts = self.turn.split(sentence)
        grudging = self.grudging_turn.search(sentence) if len(parts) == 1 else None
        if grudging:
            parts = [sentence[:grudging.start("t")], sentence[grudging.end("t"):]]
        if len(parts) == 1:
            self._vote_part(tid, topic, sentence, votes, cues)
            return
        # 虽然A，但B / A，不过B: the part after the turn carries the point; what it judges without
        # naming a side is said of the side named before the turn (B端虽然慢，但收入都是实打实的).
        # A hedged turn (…，但可能会放缓) only qualifies what came before: both parts count.
        earlier_weight = 0.7 if self.hedged(parts[-1]) else 0.35
        locals_: list[dict[str, float]] = []
        for i, part in enumerate(parts):
            local: dict[str, float] = defaultdict(float)
            self._vote_part(tid, topic, part, local, cues)
            if i == len(parts) - 1 and not local and i > 0 and self._undecided(tid, part):
                earlier_weight = 1.0  # 端侧可能是未来，不过现在下结论还太早: what came before stands, hedged
            elif i == len(parts) - 1 and not local and i > 0:
                named = {side for p in parts[:i] for _, _, side in self.sides_in(tid, p) if side}
                polarity, pcues = self._polarity(part)
                if not polarity and grudging and part.rstrip("。；;！! ").endswith(self.elided_ends) \
                        and self.elided_no.search("，" + part.lstrip()):
                    # 我们不排斥开源，只是主力型号不会。: the verb left out is the side's, turned down for that part
                    polarity, pcues = -1, [part.strip().rstrip("。；;！! ")[-4:]]
                for side in named:
                    self._add(topic, side, polarity, 1.0, local)
                cues.extend(pcues if named else [])
                if not polarity and self.granting.match(sentence.strip()):
                    # 当然我们也做企业服务，但那更多是为了现金流: granted, then demoted; no side either way.
                    earlier_weight = 0.0
            locals_.append(local)
        if not any(locals_):
            self._turned_down(tid, topic, parts, locals_[-1], cues)
        for i, local in enumerate(locals_):
            for label, w in local.items():
                votes[label] += w * (1.0 if i == len(locals_) - 1 else earlier_weight)

    def _turned_down(self, tid, topic, parts, votes, cues) -> None:
        """有人说规模定律撞墙了，但我们的客户还在买更多的算力: a view of others reported before the turn, and
        a turn that judges no side and neither hedges nor agrees, turns the view down: it counts against itself."""
        rest = parts[-1]
        if (self.hedged(rest) or self.holder_kept.search(rest) or self._undecided(tid, rest)
                or not any(self._reports(part) for part in parts[:-1])):
            return
        inner: dict[str, float] = defaultdict(float)
        for part in parts[:-1]:
            clauses = _CLAUSE_SPLIT.split(part)
            at = next((i for i, clause in enumerate(clauses) if self._reports(clause)), None)
            for clause in clauses[at:] if at is not None else ():
                view = clause[max(m.end() for m in (self.reported and self.reported.search(clause), self.reported_by.search(clause)) if m):] \
                    if self._reports(clause) else clause
                self._vote_clause(tid, topic, view, 1.0, inner, cues)
        for label, w in inner.items():
            votes[topic.opposite.get(label, label)] += 0.7 * w
        if inner:
            cues.append("有人说…但")

    def _vote_part(self, tid, topic, sentence, votes, cues) -> None:
        own = ""
        if self.paraphrase[tid]:  # the clauses joined again by one mark: the text with each mark made a comma
            own = ("，".join(self._own_clauses(_CLAUSE_SPLIT.split(sentence))) if self._reports(sentence)
                   else _CLAUSE_SPLIT.sub("，", sentence))
        for label, pattern in (self.paraphrase[tid] if self._paraphrased(tid, own) else ()):
            for m in pattern.finditer(own):
                # 模型越大越聪明 names the believer's side without the term; 不是越大越好 rejects it.
                sentence = sentence.replace(m.group(0), "，")  # a cue inside (越大越好) must not vote again
                head = "" if pattern in self.says_not else m.group(0)[:m.group(0).find("越")]
                # (a negator before an object put first with 把 negates too: 不会把大模型塞进手机)
                ba = own.rfind("把", max(0, m.start() - 11), m.start())
                negated = (self._negated(own, m.start()) or (ba >= 0 and self._negated(own, ba))
                           # 我不认为（模型）再大十倍就能…: a verb of disbelief before it in its clause
                           or bool(self.disbelief.search(own, max(own.rfind("，", 0, m.start()) + 1, m.start() - 12), m.start()))
                           or bool(self.negator_near and self.any_negator.search(head)))
                if self.diminished.match(own, m.end()):
                    negated = not negated  # 算力投入带来的能力提升越来越小: the gain named is going
                self._add(topic, label, -1 if negated else +1, 1.0, votes)
                cues.append(("不" if negated else "") + m.group(0)[:12])
        because = self.because_reported.search(sentence) if self.because.search(sentence) else None
        if because:
            # 不会因为外界质疑就放弃开源: what they will not do for the view is turned down too (the view itself
            # is, in its clause: 不会因为别人说规模定律到头了就收手)
            stop = _CLAUSE_SPLIT.search(sentence, because.end())
            stop = stop.start() if stop else len(sentence)
            inner: dict[str, float] = defaultdict(float)
            self._vote_clauses(tid, topic, sentence[because.end():stop], inner, cues)
            for label, w in inner.items():
                votes[topic.opposite.get(label, label)] += w
            sentence = sentence[:because.end()] + sentence[stop:]
        if not self.construction_word.search(sentence):
            self._vote_clauses(tid, topic, sentence, votes, cues)  # no construction here: the clauses decide
            return
        for pattern, sign in ((self.goal_negation, -1), (self.ideal_broken, +1), (self.helper_of, +1)):
            m = pattern.search(sentence)
            if m:
                sides = {side for _, _, side in self.sides_in(tid, m.group("a")) if side}
                for side in sides:
                    self._add(topic, side, sign, 1.5, votes)
                if sides:
                    cues.append(m.group(0))
                    sentence = sentence[:m.start()] + "，" + sentence[m.end():]
        fall = self.turned_into.search(sentence)
        if fall:
            # 最初是开源的，现在却变成了一家闭源的公司: the side left is the one valued, the one turned into is not
            into = {side for _, _, side in self.sides_in(tid, fall.group("a")) if side}
            left = {side for _, _, side in self.sides_in(tid, sentence[:fall.start()]) if side} - into
            if into and left:
                for side in left:
                    self._add(topic, side, +1, 1.5, votes)
                for side in into:
                    self._add(topic, side, -1, 1.0, votes)
                cues.append(fall.group(0)[:16])
                sentence = sentence[fall.end():]
        limit = self.limit.search(sentence)
        if limit:
            # 还远没有看到规模定律的尽头: a limit not reached is room to go on; one reached is the end of it.
            sides = {side for _, _, side in self.sides_in(tid, limit.group("a")) if side}
            sign = +1 if limit.group("blind") or self._negated(sentence, limit.start()) else -1
            for side in sides:
                self._add(topic, side, sign, 1.5, votes)
            if sides:
                cues.append(limit.group(0))
                sentence = sentence[:limit.start()] + "，" + sentence[limit.end():]
        change = self.from_to.search(sentence)
        if change and not self.sides_in(tid, change.group("a")) and self.sides_in(tid, change.group("b")):
            sentence = sentence[:change.start("a")] + sentence[change.end("a"):]
        shift = self.shift.search(sentence) if self.shift_verb.search(sentence) else None
        if shift and self._negated(sentence, shift.start()):
            shift = None  # 我们不会转向云端: not a shift; the clause judges the side it names
        if shift and self._reports(_CLAUSE_SPLIT.split(sentence[:shift.start()])[-1]):
            shift = None  # 有人说推理都会迁往手机: a view of others, left to the clauses (which may turn it down)
        if shift:
            to = {side for _, _, side in self.sides_in(tid, shift.group("b")) if side}
            away = {side for _, _, side in self.sides_in(tid, shift.group("a") or "") if side} - to
            for side in to:
                self._add(topic, side, +1, 1.5, votes)
            for side in away:
                self._add(topic, side, -1, 1.0, votes)
            if to:
                cues.append(shift.group(0)[:20])
                sentence = sentence[:shift.start()] + "，" + sentence[shift.end():]
        for around in (self.built_around.finditer(sentence) if "以" in sentence else ()):
            for side in {side for _, _, side in self.sides_in(tid, around.group("a")) if side}:
                self._add(topic, side, +1, 1.0, votes)
                cues.append(around.group(0))
        essential = self.essential.search(sentence)
        if essential:
            # 没有开源就没有互联网: what it cannot do without, it is for.
            sides = {side for _, _, side in self.sides_in(tid, essential.group("a") or essential.group("a2") or essential.group("a3") or essential.group("a4")) if side}
            for side in sides:
                self._add(topic, side, +1, 1.5, votes)
            if sides:
                cues.append(essential.group(0))
                sentence = sentence[:essential.start()] + sentence[essential.end():]
        for pat, how, keyword in self.constructions:
            if not (keyword and keyword.search(sentence)):
                continue  # a cheap look for the construction's keyword before the costly pattern
            m = pat.search(sentence)
            if not m:
                continue
            a_sides = {side for _, _, side in self.sides_in(tid, m.group("a")) if side}
            b_sides = {side for _, _, side in self.sides_in(tid, m.group("b")) if side}
            if any(sides and self.a_not_a.search(m.group(g)) for g, sides in (("a", a_sides), ("b", b_sides))):
                # 胜负不在于开不开源，而在于… / 只看价格，而非开源与否: a choice named, not a side rejected
                continue
            if how == "both":
                a_votes: dict[str, float] = defaultdict(float)
                b_votes: dict[str, float] = defaultdict(float)
                self._vote_clauses(tid, topic, m.group("a"), a_votes, cues)
                self._vote_clauses(tid, topic, m.group("b"), b_votes, cues)
                if a_votes and b_votes and set(a_votes) != set(b_votes) and topic.mixed:
                    votes[topic.mixed] += 1.5
                    cues.append("一方面…另一方面")
                    return
                continue
            if not a_sides and not (how == "rather" and b_sides):
                # nothing rejected by side: 闭源的领先体现在榜单上，而不是在真实场景里 (but 与其受制于人，不如自己
                # 部署开源模型 chooses its side all the same)
                if how == "b" and not b_sides and self._deny_cues(tid, topic, m, sentence, votes, cues):
                    return
                continue
            # 撞墙的不是scaling，而是数据 / 撞墙的是数据，不是scaling: what the speaker denies of A is bad
            head = m.group("h") if how == "cleft" else _CLAUSE_SPLIT.split(sentence[:m.start()])[-1]
            judged = self._polarity(head)[0] if how == "cleft" or head.endswith("的") else 0
            if how == "cleft" and not judged:
                continue  # 掉队的是A，而不是B with a predicate of no known polarity: not read as a preference
            if how == "b" and not judged and head.endswith("的") and not self._head_wants(head[:-1]):
                # 最吃亏的不是A，而是B: the same (its negator judges nothing either), unless the head is what
                # someone does or wants (我们要做的)
                self._vote_clauses(tid, topic, sentence[:m.start()] + "，" + sentence[m.end():], votes, cues)
                return
            sign = -1 if judged < 0 else +1
            if how == "cleft" and sign < 0 and a_sides == b_sides:
                b_sides = set()  # …的scaling，不是scaling本身: the same side, denied as such
            a_sign, b_sign = -sign, sign
            if how == "b":
                # 并不是因为偏爱开源，而是因为闭源的通道全被堵死了: a reason denied leaves its side alone, and what is
                # said instead judges its own side; 不是开源不好: a bad word denied is said for the side.
                a, b = m.group("a"), m.group("b")
                said_of_a = a[max((e for _, e in self.sides_span(tid, a)), default=len(a)):]  # what follows its side
                a_sign = 0 if a.lstrip().startswith(self.because_lead) else +sign if self._polarity(said_of_a)[0] < 0 else a_sign
                b_polarity = self._polarity(b, self.sides_span(tid, b))[0]
                b_sign = -sign if b_polarity < 0 else b_sign
                if (self.concession_says and b_polarity >= 0 and not b_sides
                        and a.lstrip().startswith(self.concession_says)):
                    # 倒不是说个人用户市场没前途，而是这块蛋糕早被分完了: A is granted, B names no side and no bad word of
                    # it: the point is elsewhere, no side (a bad word of B weighs against it: see just below)
                    a_sign = 0
                if a_sign > 0 and b_polarity < 0 and not b_sides:
                    # 不是规模定律没有用，而是它的回报越来越差: not useless, but worse (of the same side): both
                    for side in a_sides:
                        self._add(topic, side, -1, 1.5, votes)
            for side in a_sides - b_sides:
                self._add(topic, side, a_sign, 1.5, votes)
            for side in b_sides - a_sides:
                self._add(topic, side, b_sign, 1.5, votes)
            cues.append(m.group(0)[:20])
            # (a head that turned the construction round is used up with it: 撞墙 must not vote again)
            rest = sentence[:m.start() - (len(head) if sign < 0 and how != "cleft" else 0)] + sentence[m.end():]
            self._vote_clauses(tid, topic, rest, votes, cues)
            return
        self._vote_clauses(tid, topic, sentence, votes, cues)

    def _deny_cues(self, tid, topic, m: re.Match, sentence: str, votes, cues) -> bool:
        """``不是规律失效了，是我们的数据配比没跟上``: a cue of the topic (失效了) said in the denied part of 不是A，(而)是B,
        with no side named on either part, votes for the opposite label; the rest of the sentence votes as usual.
        False when the denied part holds no such cue."""
        denied: dict[str, float] = defaultdict(float)
        self._vote_clauses(tid, topic, m.group("a"), denied, [])
        flipped = {topic.opposite[label]: w for label, w in denied.items() if label in topic.opposite and w > 0}
        if not flipped or len(flipped) != len([w for w in denied.values() if w > 0]):
            return False  # (a label with no opposite, mixed or neutral, is no denial of a side)
        for label, w in flipped.items():
            votes[label] += w
        cues.append(m.group(0)[:20])
        self._vote_clauses(tid, topic, sentence[:m.start()] + "，" + sentence[m.end():], votes, cues)
        return True

    def _vote_clauses(self, tid, topic, text, votes, cues) -> None:
        found = self.sides_in(tid, text)
        cue = self.cue.get(tid)
        if not self.clause_safe:
            if not found and not (cue and cue.search(text)):
                return  # the topic is not up in this part: nothing here can vote
            clauses = [c for c in _CLAUSE_SPLIT.split(text) if c.strip()]
            clause_terms = None
        else:
            cue_hits = self._cue_hits(tid, text)
            if not found and not cue_hits:
                return  # the topic is not up in this part: nothing here can vote
            clauses, clause_terms = self._clauses_with_terms(text, found, cue_hits)
        sides_seen = set()
        whole_topic = False  # 开源和闭源 / 端云协同 name the whole question
        for _, _, side in found:
            if side:
                sides_seen.add(side)
            else:
                whole_topic = True
        if len(sides_seen) >= 2 and topic.mixed:
            # 端侧负责隐私，云端负责推理: each side is given its own job.
            with_job = {side for s, e, side in found if side and self.division.match(text, e)}
            placed = {side for s, e, side in found if side and (self.placed_before.search(text, max(0, s - 4), s)
                                                                 or self.placed_before.search(text, s, min(e, s + 2)))}
            if len(placed) >= 2 and self._own_placement(text):
                votes[topic.mixed] += 1.5
                cues.append("分工")
                return
            seq = self.sequence.search(text)
            if seq and len({side for part in ("a", "b") for _, _, side in self.sides_in(tid, seq.group(part)) if side}) >= 2:
                votes[topic.mixed] += 1.5
                cues.append(seq.group(0))
                return
            if len(with_job) >= 2:
                votes[topic.mixed] += 1.5
                cues.append("分工")
                return
            if self._split_by_part(text, found):
                votes[topic.mixed] += 1.5
                cues.append("分层")
                return
        if topic.mixed and "的是" in text and self._split_by_cleft(topic, text, found):
            votes[topic.mixed] += 1.5
            cues.append("…的是…，不…的是…")
            return
        if self.both and (len(sides_seen) >= 2 or whole_topic) and topic.mixed:
            m = self.both.search(text)
            if m:
                votes[topic.mixed] += 1.5
                cues.append(m.group(0))
                return
        if topic.mixed and self._elided_part(tid, topic, text):
            votes[topic.mixed] += 1.5
            cues.append("分层")
            return
        before = sum(votes.values())
        reports = self._reports(text)  # what the whole text does not hold, none of its clauses holds
        rebuts = bool(self.rebutted.search(text))
        self._vote_each_clause(tid, topic, clauses, votes, cues, clause_terms, reports, rebuts)
        if sum(votes.values()) != before or not sides_seen or (rebuts and self._rebuttal_in(clauses)):
            return  # (a view of others left without a vote is not judged by the next clause either)
        # The side is named in one clause and judged in the next: 单纯堆算力，边际收益正在递减. Only the
        # next one: a judgement three clauses away is about something else.
        own = self._own_clauses(clauses) if reports else clauses
        if own is clauses and clause_terms is not None:  # each clause's terms are known (none holds a clause mark)
            terms_of = [t[0] if t else [] for t in clause_terms]
        else:
            terms_of = [self.sides_in(tid, clause) for clause in own]
        for i, clause in enumerate(own):
            named = terms_of[i]
            sides = {side for _, _, side in self._judged(clause, named) if side}
            if (not sides or i + 1 >= len(own) or terms_of[i + 1] or self._undecided(tid, own[i + 1])
                    or (own[i + 1].lstrip().startswith(self.condition_starts) and self.condition.match(own[i + 1].strip()))
                    or self.no_side.search(own[i + 1]) or self.any_term.search(own[i + 1])):
                continue  # (除非用户自己选择: a condition that follows does not judge the side before it; 只看好不好用
                # asks an embedded question, 营收增长40% reports a figure, 最受益的是堆算力的人 is about another
                # topic's term: none of them judges it)
            pair = clause + "，" + own[i + 1]
            # The next clause names no term: the pair's terms are this clause's, unless a term holds a clause mark.
            in_pair = named if self.clause_safe else self.sides_in(tid, pair)
            polarity, pcues = self._polarity(pair, [(s, e) for s, e, _ in in_pair])
            for side in sides if polarity else ():
                self._add(topic, side, polarity, 0.7, votes)
            cues.extend(pcues if polarity else [])

    def _elided_part(self, tid: str, topic: Topic, text: str) -> bool:
        """教育版会开源，商用版暂时不会: one part takes a side (its clause votes for one side only), and the last clause,
        on another part, ends in a bare negator: each part on its own side."""
        m = self.elided_no.search(text) if text.rstrip("。；;！! ").endswith(self.elided_ends) else None
        if (not m or not self.part_word.search(m.group("h")) or self.term[tid].search(m.group("h"))
                or m.group("h").endswith(("也", "都", "同样", "亦"))):
            return False  # (教育版也不会: the same side as before)
        prev = _CLAUSE_SPLIT.split(text[:m.start()])[-1]
        if not self.part_word.search(prev) or self.any_negator.search(prev):
            return False  # (商用版不会开源，教育版不会: no part takes the side)
        inner: dict[str, float] = defaultdict(float)
        self._vote_clause(tid, topic, prev, 1.0, inner, [])
        return len(inner) == 1 and next(iter(inner)) in topic.opposite

    def _split_by_part(self, text: str, found) -> bool:
        """小参数的版本开源，旗舰版本闭源: two clauses, each giving one part (a head noun right before the side
        term) a different side, with no judgement in either."""
        parts: dict[int, str] = {}  # clause start -> its side
        for s, e, side in found:
            if not side or not self.part_head.search(text, max(0, s - 4), s):
                continue
            start = max(text.rfind(mark, 0, s) for mark in "，,；;、") + 1
            stop = min((i for i in (text.find(mark, e) for mark in "，,；;。、") if i >= 0), default=len(text))
            if self._polarity(text[start:stop], [(s - start, e - start)])[0]:
                continue
            parts.setdefault(start, side)
        return len(set(parts.values())) >= 2

    def _undecided(self, tid: str, clause: str) -> bool:
        """现在下结论还太早 / 还为时尚早: the clause says it is too early to tell and names no side of ``tid``."""
        return bool(self.undecided and self.undecided.search(clause) and not self.term[tid].search(clause))

    def _own_clauses(self, clauses: list[str]) -> list[str]:
        """The clauses that say the speaker's own view: a reported view (有人说…) is left out up to the turn
        (callers look first whether the text the clauses come from reports any view at all)."""
        own, reporting = [], False
        for clause in clauses:
            if self._reports(clause):
                reporting = True
            elif reporting and self.contrast and self.contrast.match(clause.strip()):
                reporting = False
            if not reporting:
                own.append(clause)
        return own

    @staticmethod
    def _clauses_with_terms(text: str, found, cue_hits) -> tuple[list[str], list[Optional[tuple[list, list]]]]:
        """The non-blank clauses of ``text`` and, per clause, ``(terms, cue_hits)``: the topic's terms and
        cues in it (``found`` and ``cue_hits`` of the text moved to the clause's offsets), or ``None`` when it
        holds neither."""
        clauses, clause_terms = [], []
        t = h = 0  # (found and cue_hits are in text order: each clause takes the run of them that starts in it)
        for m in _CLAUSE.finditer(text):
            clause = m.group()
            if not clause.strip():
                continue
            start, end = m.span()
            while t < len(found) and found[t][0] < start:
                t += 1
            while h < len(cue_hits) and cue_hits[h][0] < start:
                h += 1
            terms, hits = [], []
            while t < len(found) and found[t][0] < end:
                s, e, side = found[t]
                terms.append((s - start, e - start, side))
                t += 1
            while h < len(cue_hits) and cue_hits[h][0] < end:
                s, e, cue = cue_hits[h]
                hits.append((s - start, e - start, cue))
                h += 1
            clauses.append(clause)
            clause_terms.append((terms, hits) if terms or hits else None)
        return clauses, clause_terms

    def _cue_hits(self, tid: str, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, cue)`` of each of the topic's cues and acts in ``text``."""
        cue = self.cue.get(tid)
        return [(m.start(), m.end(), m.group()) for m in cue.finditer(text)] if cue else []

    def _vote_each_clause(self, tid, topic, clauses, votes, cues, clause_terms, any_reports, any_rebuts=False) -> None:
        """Each clause's vote, weighed by the clauses before it. ``clause_terms``: per clause the topic's
        terms and cues in it, ``None`` for a clause where nothing can vote (see :meth:`_clauses_with_terms`);
        ``any_reports``: whether the text of the clauses reports a view (:meth:`_reports`) anywhere;
        ``any_rebuts``: whether it may hold a view of others turned down (:meth:`_rebuttal`)."""
        conceded = False
        reporting = False
        reported: list[str] = []
        last = len(clauses)
        if clause_terms is not None and not any_reports:  # no clause after the last that votes can change a vote
            while last and clause_terms[last - 1] is None:
                last -= 1
        for i, clause in enumerate(clauses[:last]):
            weight = 1.0
            terms, hits = (self.sides_in(tid, clause), None) if clause_terms is None else (clause_terms[i] or (None, None))
            rebuttal = self._rebuttal(clauses, i) if any_rebuts else None
            if rebuttal is not None:
                said, kept = rebuttal
                if not kept:
                    # 说scaling law失效的人，五年前也说过同样的话: the view they hold counts against itself.
                    inner: dict[str, float] = defaultdict(float)
                    self._vote_clause(tid, topic, said.group("v") + said.group("x"), weight, inner, cues)  # 唱衰开源
                    for label, w in inner.items():
                        votes[topic.opposite.get(label, label)] += w
                    if inner:
                        cues.append(said.group(0).strip()[:14])
                continue
            if any_reports:  # (without a reported view, `reporting` stays False)
                if self._reports(clause):
                    reporting = True  # 有人认为…，但我…: skip the others' view up to the turn
                elif reporting and self.rejection.search(clause) and not terms:
                    # 不少人说开源慢半拍，我看未必: the rejected view counts against itself.
                    inner: dict[str, float] = defaultdict(float)
                    for said in reported:
                        self._vote_clause(tid, topic, said, 1.0, inner, cues)
                    for label, w in inner.items():
                        votes[topic.opposite.get(label, label)] += w
                    cues.append(self.rejection.search(clause).group(0))
                    reporting, reported = False, []
                    continue
                elif reporting and self.contrast and self.contrast.match(clause.strip()):
                    reporting, reported = False, []
                if reporting:
                    reported.append(clause)
                    continue
            stripped = clause.strip()
            if stripped.startswith(self.condition_starts) and self.condition.match(stripped):
                weight = 0.4  # 除非你是超级应用: a condition, not a claim
                if terms and i + 1 < len(clauses) and self._judged_by_consequence(tid, topic, clause, terms, clauses[i + 1], votes, cues):
                    continue
            elif stripped.startswith(self.concession_starts) and self.concession.match(stripped):
                conceded, weight = True, 0.4
            elif conceded and self.contrast and self.contrast.match(stripped):
                conceded, weight = False, 1.3
            if terms is not None and i + 1 < len(clauses) and self.premature_alone.match(clauses[i + 1]):
                # 现在就断言规模定律见顶，恐怕为时尚早: the clause is said to come too soon
                if self._said_too_soon(tid, topic, clause, weight, votes, cues):
                    cues.append(clauses[i + 1].strip())
                    continue
            if terms is not None:
                self._vote_clause(tid, topic, clause, weight, votes, cues, terms, hits)

    def _judged_by_consequence(self, tid, topic, clause, terms, then, votes, cues) -> bool:
        """假如走闭源，就等于把自己关起来: a side named in a condition is judged by the consequence that follows
        when that clause names no side itself; whether it did."""
        sides = {side for _, _, side in terms if side}
        if not sides or self.sides_in(tid, then):
            return False
        polarity, pcues = self._polarity(then)
        if not polarity:
            return False
        for side in sides:
            self._add(topic, side, polarity, 1.0, votes)
        cues.extend(pcues)
        return True

    def _rebuttal(self, clauses: list[str], i: int) -> Optional[tuple[re.Match, bool]]:
        """``(match, kept)`` when clause ``i`` holds a view of others that the speaker turns down:
        ``我们不会因为别人说scaling见顶就停下来`` / ``说开源落后的人，大概没看过榜单``; ``kept`` when the
        holders are counted or agreed with (``说开源会赢的人越来越多`` / ``…的人是对的``): no side then."""
        clause = clauses[i]
        m = self.because_reported.search(clause)
        if m:
            return m, False
        m = self.holder.match(clause)
        if not m:
            return None
        tail = clause[m.end():] + ("，" + clauses[i + 1] if i + 1 < len(clauses) else "")
        return m, bool(self.holder_kept.search(tail))

    def _rebuttal_in(self, clauses: list[str]) -> bool:
        return any(self._rebuttal(clauses, i) for i in range(len(clauses)))

    def _reports(self, clause: str) -> bool:
        """有人认为… / 不少人说…: the clause reports someone else's view."""
        if self.reported_chars.isdisjoint(clause):
            return False
        return bool((self.reported and self.reported.search(clause))
                    or (self.reported_verb.search(clause) and self.reported_by.search(clause)))

    def _vote_clause(self, tid, topic, clause, weight, votes, cues, terms=None, cue_hits=None) -> None:
        """One clause's vote; ``terms`` and ``cue_hits`` are the topic's terms and cues in it when the caller has them."""
        if not self.no_side_chars.isdisjoint(clause) and self.no_side.search(clause):
            return  # 云端收入同比增长40% / 问他会不会做To C: a reported figure or an embedded question
        late = None if self.premature_chars.isdisjoint(clause) else self.premature_end.search(clause)
        if late and late.start() > 0 and self._said_too_soon(tid, topic, clause[:late.start()], weight, votes, cues):
            cues.append(late.group(0).strip())
            return
        disbelief = self.disbelief.search(clause)
        if disbelief:
            # 我不认为规模定律失效了: the speaker rejects what follows, so every vote in it turns over.
            inner: dict[str, float] = defaultdict(float)
            self._vote_clause(tid, topic, clause[disbelief.end():], weight, inner, cues)
            for label, w in inner.items():
                votes[topic.opposite.get(label, label)] += w
            if inner:
                cues.append(disbelief.group(0))
                return
            rest = clause[disbelief.end():]
            bare = {side for s, e, side in self.sides_in(tid, rest) if side and s <= 2 and len(rest.rstrip("。！!；;了的 ")) - e <= 2}
            if len(bare) == 1 and not self._polarity(rest)[0]:
                # 董事会不再迷信堆算力: a bare side right after the verb, ending the clause, is what is not believed
                for side in bare:
                    self._add(topic, side, -1, weight, votes)
                cues.append(disbelief.group(0))
                return
            # 我们从来不相信规模定律: nothing said of the side, so the side itself is what is not believed
            # (the clause's own words decide: a negated verb of belief before its side term).
        if terms is None:
            terms = self.sides_in(tid, clause)
        sided = [(s, e, side) for s, e, side in terms if side]
        if sided:
            self._vote_sides(topic, clause, terms, sided, weight, votes, cues)
        elif tid not in self.cue:
            return  # no side named in this clause: its polarity has nothing to attach to
        if tid in self.cue:
            for start, end, cue in (self._cue_hits(tid, clause) if cue_hits is None else cue_hits):
                label = self.cue_label[tid][cue]
                negated = self._negated(clause, start) or self._disposal(clause, start, end) < 0
                if negated and label in topic.opposite:
                    label = topic.opposite[label]
                elif negated:
                    continue
                if topic.mixed and label in topic.opposite and self.partial.match(clause, end):
                    label = topic.mixed  # 会开源一部分模型: a side taken in part only
                votes[label] += weight * 1.5
                cues.append(("不" if negated else "") + cue)

    def _own_placement(self, text: str) -> bool:
        """Whether the placements are the speaker's, not a view reported or a question (``有人说…``)."""
        return not self._reports(text) and not self._asks(text)

    def _said_too_soon(self, tid, topic, said, weight, votes, cues) -> bool:
        """说规模定律撞墙还为时过早: what ``said`` would vote counts, at half weight, against itself; whether it voted."""
        inner: dict[str, float] = defaultdict(float)
        self._vote_clause(tid, topic, said, weight * 0.5, inner, cues)
        for label, w in inner.items():
            votes[topic.opposite.get(label, label)] += w
        return bool(inner)

    def _vote_sides(self, topic, clause, terms, sided, weight, votes, cues) -> None:
        """The clause's polarity given to the ``sided`` terms in it (``terms`` are all the topic's terms there)."""
        sided = self._judged(clause, sided)
        if sided and any(self._offered(clause, s, e) for s, e, _ in sided):
            sided = [t for t in sided if not self._offered(clause, t[0], t[1])]
        if not sided:
            return
        polarity, pcues = self._polarity(clause, [(s, e) for s, e, _ in terms])
        if self.rhetorical.search(clause) or (clause.rstrip().endswith(self.rhetorical_ends) and self.any_negator.search(clause)):
            polarity = -polarity  # 难道开源不香吗: a rhetorical question says the opposite
        if self._unmatched(topic, clause, sided, weight, votes, cues):
            return
        both_sides = len(sided) >= 2 and len({side for _, _, side in sided}) >= 2
        if both_sides and "比" in clause and polarity:
            bi = clause.index("比")
            for s, e, side in sided:  # A比B更好: A up, B down
                self._add(topic, side, polarity if s < bi else -polarity, weight, votes)
            cues.extend([clause[s:e] for s, e, _ in sided] + pcues)
            return
        locals_ = [self._local_polarity(clause, s, e, polarity) for s, e, _ in sided]
        if both_sides and not any(locals_):
            return  # 端侧和云端的需求都在增长: the same words for both sides state no preference
        for (s, e, side), local in zip(sided, locals_):
            # 继续堆算力意义不大: the clause judges the very thing the verb commits to
            # (not for the side compared with, which takes the clause's opposite: 开源落后于闭源)
            # (a bad word before the term is not said of it: 真正困难的工作会回到云端)
            p = (polarity if (local > 0 > polarity and local != COMPARED_UP and not self._describes_other(clause, s, e))
                 else (local if local else polarity))
            if p:
                self._add(topic, side, p, weight, votes)
                cues.append(clause[s:e] + ("+" if p > 0 else "-"))
        if polarity:
            cues.extend(pcues)

    def _judged(self, clause: str, terms: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The ``terms`` of ``clause`` that its words can judge: not people who fear or want something
        (大客户最在意的是别被绑住) nor something won, a fact (签下了首批政企客户)."""
        return [t for t in terms if not (self.experiencer.match(clause, t[1]) or self.acquired.search(clause, max(0, t[0] - 10), t[0]))]

    def _describes_other(self, clause: str, start: int, end: int) -> bool:
        """真正困难的工作会回到云端: every bad word of the clause comes before the term and describes another
        noun (困难的 + 工作), so it does not judge what the verb commits to (not 没有必要把数据传到云端)."""
        if self.neg is None or self._polarity(clause[end:])[0] < 0:
            return False
        before = clause[:start]
        found = [m.end() for m in self.neg.finditer(before)]
        return bool(found) and all(before.startswith("的", at) and at + 1 < len(before) for at in found)

    def _local_polarity(self, clause: str, start: int, end: int, polarity: float = 0) -> float:
        """What the words right around one side term say of it: 不会开源 (-), 只做C端 (+), 闭源更可控 (+),
        比闭源API更适合 (the compared-with side takes the opposite of the clause)."""
        before = clause[max(0, start - 8):start].rstrip()  # 押的就是 scaling: the space is not a word
        m = self.not_only_end.search(before) if self.not_only_end is not None and before.endswith(self.not_only) else None
        only = m.group(0) if m else ""
        if only and not (only in self.only_doing and self.endorse_start and self.endorse_start.match(clause, start)):
            return 0  # 不仅仅是模型规模: said to be not enough, neither endorsed nor rejected (只服务企业 commits)
        if self.compared_with.search(before):
            return COMPARED_UP if polarity < 0 else -1
        if self.emphatic_after.match(clause, end):
            return +1  # 端侧模型，才是更现实的途径
        disposal = self._disposal(clause, start, end)
        if disposal:
            return disposal  # 不会把最强的模型开源 / 没有把照片传到云端 (-), 会把它开源 (+): what is done with the object put first
        predicate = self._predicate(clause, end, before)
        if predicate:
            return predicate
        if before.endswith(self.negator_ends):
            if (clause.startswith("的", end) and before.endswith(self.not_a_words)
                    and self._polarity(clause[end + 1:end + 6])[0]):
                return 0  # 不是规模定律的反对者: the copula denies the noun after 的 (see denied_of), not the side
            return -1
        if self.endorse_end:
            # 推理会在本地完成: a term that opens with 在 keeps it for the verb before it (会在 + 本地)
            e = self.endorse_end.search(before + "在") if clause.startswith("在", start) else None
            e = e or self.endorse_end.search(before)
            if e and self.alternative.match(before, e.start()) and self._after_side(before[:e.start()]):
                return 0  # 开源还是闭源: "or" between two sides, not 还是要做闭源
            if e and self._negated(before, e.start()):
                # 不会只做开源: not that side alone, which is not turning it down
                return 0 if e.group(0).startswith(self.only_doing) else -1
            if e:
                # (友商纷纷做C端，图的是日活: what others do commits the speaker to nothing)
                return 0 if self.other_doer.search(before, 0, e.start()) else +1
            if self.endorse_start.match(clause, start) and not clause[max(0, start - 1):start] in ("(", "（"):
                # 面向企业 / 做企业: a side term that holds its own commitment verb (不做企业 is against it);
                # not a gloss in brackets: To C(面向个人用户)
                return -1 if self._negated(clause, start) else +1
        comp = self.comparative.match(clause[end:end + 10])
        if comp:
            adj = comp.group("adj")
            of = adj.find("的")
            if of > 0:
                # 本地推理最大的变数是…: a superlative before 的 describes a noun; the noun says what of the side
                # (最大的优势 +, 最大的短板 -, 最大的变数: nothing known)
                at = end + comp.start("adj") + of + 1
                return self._polarity(clause[at:at + 4])[0]
            if self.neg and self.neg.match(adj):
                return -1
            return +1
        if self.copula.search(before) and not polarity:
            return 0.5
        return 0

    def _disposal(self, clause: str, start: int, end: int) -> int:
        """The side term ending the clause after 把 and its object: -1 with a negator before 把 (不会把自己最强的模型
        开源), +1 with a modal of commitment (会把它开源 / 决定把推理放到端侧), else 0. Not a side term inside the object
        (不能把开源的好处看得太重 / 要把三个开源模型拼在一起用: the verb comes later)."""
        ba = clause.rfind("把", max(0, start - 14), start)
        if ba <= 0 or ba + 1 >= start or not self.disposal_end.match(clause, end):
            return 0
        if self._negated(clause, ba):
            return -1
        return +1 if self.disposal_modal.search(clause, max(0, ba - 4), ba) else 0

    def _offered(self, clause: str, start: int, end: int) -> bool:
        """部署在本地还是部署在云端 / 放端上还是放云上: a side after "or" and a verb said before it too is offered as an
        alternative; neither the verb nor the clause's words judge it."""
        before = clause[max(0, start - 16):start].rstrip()
        if not self.endorse_end:
            return False
        e = (self.endorse_end.search(before + "在") if clause.startswith("在", start) else None) or self.endorse_end.search(before)
        if not e:
            return False
        head, verb = before[:e.start()], e.group(0).rstrip("在")
        if head.endswith(self.alternative_words):
            return any(self._after_side(head[:-len(w)]) or verb in head[:-len(w)][-10:]
                       for w in self.alternative_words if head.endswith(w))
        # (…and the side before "or": 部署在本地还是部署在云端)
        after = clause[end:end + 3].lstrip("上里中")
        return after.startswith(self.alternative_words) and verb in clause[end:end + 12]

    def _after_side(self, text: str) -> bool:
        """Does ``text`` end with a term of some topic (开源还是… / 端侧或者…)?"""
        tail = text[-12:]
        return any(m.end() == len(tail) for pat in self.term.values() for m in pat.finditer(tail))

    def _add(self, topic: Topic, side: str, polarity: float, weight: float, votes) -> None:
        if polarity > 0:
            votes[side] += weight * min(1.0, polarity)
        elif polarity < 0 and side in topic.opposite:
            votes[topic.opposite[side]] += weight * min(1.0, -polarity)

    def _polarity(self, clause: str, term_spans=()) -> tuple[int, list[str]]:
        score = 0
        cues = []
        spans = list(term_spans)  # a side term (开放权重) is not also a polarity cue (开放)
        for pat, sign, has_neg, needs in self.polarity_patterns:
            for m in (pat.finditer(clause) if needs is None or needs.search(clause) else ()):
                start, end = m.span()
                if _overlaps(spans, start, end):
                    continue  # 不看好 is one negative cue, not 不 + 看好
                if clause[start - 1:start] == "在" and (clause.startswith(self.domain_ends, end) or self.condition_end.match(clause, end)):
                    continue  # 在安全上是不负责任的: 安全 names what is judged, it does not judge (在很有限的电池条件下: the conditions)
                spans.append((start, end))
                said_not = has_neg and bool(m.group("neg"))  # the negator inside the match: 不是我们的方向
                negated = said_not or self._negated(clause, start) or self._negated_for(clause, start)
                if not negated and clause[start - 1:start] == "的" and self.denied_of.search(clause, max(0, start - 24), start):
                    negated = True  # 我不是规模定律的反对者: what the copula denies of the side
                if negated and not said_not and self.asked_before.search(clause[max(0, start - 8):start]):
                    continue  # 开源会不会赢 / 有没有机会: a word asked about in an A-not-A question judges nothing
                if sign > 0 and self.diminished.match(clause, end):
                    negated = not negated  # 闭源厂商的壁垒正在被抹平: the good thing is going
                # 不反对开源 is weak support, not advocacy: a negated negative counts half.
                score += (-sign * 0.5 if sign < 0 else -sign) if negated else sign
                cues.append(("不" if negated and not said_not else "") + m.group(0).strip())
        return (1 if score >= 1 else 0.5 if score > 0 else -1 if score < 0 else 0), cues

    def _negated_for(self, clause: str, pos: int) -> bool:
        """采购方从来不为参数规模买单: a negator, then 为/给/替 and their object, right before ``pos``."""
        before = clause[max(0, pos - 12):pos]
        return bool(self.negated_for and any(w in before for w in "为给替") and self.negated_for.search(before))

    def _negated(self, clause: str, pos: int) -> bool:
        """A negator right before ``pos``, or with at most a short adverb between (不会直接面向)."""
        return bool(self.negator_near and self.negator_near.search(clause[max(0, pos - 7):pos]))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (a loop: in a hot path, cheaper than any() of a generator)."""
    for s, e in spans:
        if s < end and start < e:
            return True
    return False


Searcher = Callable[[str], Optional[re.Match]]


def _any_of(patterns: list[re.Pattern]) -> Optional[Searcher]:
    """A search that finds something in a text where one of ``patterns`` does (what, it does not say), or
    ``None`` for no patterns. One regex of them all when each starts with known characters, else each in turn.
    The regex opens with a class of those characters, so that re skips in C to the places where one stands
    (a look-ahead on them would be tried at every character), and looks back from the one it took to try them
    all there: ``[模参](?<=(?=(?:模型…)|(?:参数…))[模参])``."""
    if len(patterns) <= 1:
        return patterns[0].search if patterns else None
    firsts = [_first_characters(p) for p in patterns]
    if all(firsts) and len({p.flags for p in patterns}) == 1:
        chars = re.escape("".join(sorted(set().union(*firsts))))
        union = "|".join(f"(?:{p.pattern})" for p in patterns)
        try:
            return re.compile(f"[{chars}](?<=(?={union})[{chars}])", patterns[0].flags).search
        except re.error:
            pass  # (a name given to a group in two of them, or a look-behind re cannot nest)
        try:
            return re.compile(f"(?=[{chars}])(?:{union})", patterns[0].flags).search
        except re.error:
            pass
    return lambda text: next((m for p in patterns if (m := p.search(text))), None)


def _first_characters(pattern: re.Pattern) -> Optional[set[str]]:
    """The characters each match of ``pattern`` starts with, read from its parse (``(?:模型|参数)…`` -> 模, 参),
    or ``None`` when it may start otherwise (a class of ranges, an anchor, a look-around, an optional start)
    or refers back to a group (which one regex of several would number differently)."""

    def first(items) -> Optional[set[str]]:
        if not items:
            return None
        op, av = items[0]
        if op is _re_constants.LITERAL:
            return {chr(av)}
        if op is _re_constants.SUBPATTERN:
            return first(av[-1])
        if op is _re_constants.BRANCH:
            each = [first(branch) for branch in av[1]]
            return set().union(*each) if all(each) else None
        if op is _re_constants.IN and all(o is _re_constants.LITERAL for o, _ in av):
            return {chr(a) for _, a in av}
        return None

    if "(?P=" in pattern.pattern or re.search(r"\\[1-9]|\(\?\(", pattern.pattern):
        return None
    try:
        return first(list(_re_parser.parse(pattern.pattern, pattern.flags)))
    except (AttributeError, TypeError, ValueError, IndexError):  # a parse this reading does not know
        return None


def _context_free(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` holds no anchor (``^``, ``$``, ``\\b``) nor look-around: what it matches in a part
    of a text it matches in the whole text too (so a text it finds nothing in has no part it finds something
    in). Read from the source, erring on the safe side: an escaped ``\\^`` or ``\\$`` also counts."""
    source = pattern.pattern.replace("\\\\", "").replace("[^", "[")  # an escaped backslash; a negated class
    return not any(mark in source for mark in ("^", "$", "\\b", "\\B", "\\A", "\\Z", "(?=", "(?!", "(?<"))


def _held_by(*word_lists) -> frozenset[str]:
    """One character of each word (its second, when it has one): a text that holds none of them holds none of the
    words, so a pattern each match of which holds one of the words need not be tried on it (``set.isdisjoint``)."""
    return frozenset(w[1] if len(w) > 1 else w for words in word_lists for w in words if w)


def _compile(words) -> Optional[re.Pattern]:
    return _scannable(words) if words else None


def _scannable(words, spellings: Optional[dict[str, str]] = None) -> re.Pattern:
    """``re.compile(alternation(words))`` (with ``re.I`` given the ``spellings`` of :func:`_case_variants`),
    spelled so that re skips fast to the places where a word may start: it does only for a pattern that
    opens with plain characters, not behind alternation's look-ahead nor under re.I with a Latin first
    letter. So: one branch per first character, in alternation's order (those of longer words, then the
    one-character words), the character written in each case that re.I matches to it, the rest of the
    words as alternation builds them without its look-ahead (after the first character, a look-ahead costs a
    nested match per try and skips nothing).
    """
    scope = "(?i:" if spellings is not None else "(?:"
    rests: dict[str, set[str]] = defaultdict(set)
    for w in words:
        if w:
            rests[w[0]].add(w[1:])
    firsts = sorted(rests, key=lambda f: (rests[f] == {""}, f))
    branches = []
    for f in firsts:
        longer = [r for r in rests[f] if r]
        rest = ""
        if longer:
            rest = f"{scope}{_trie_pattern(_trie(longer))})"
            if "" in rests[f]:
                rest += "?"  # the word may end at its first character: the longer ones are tried first
        branches.extend(re.escape(v) + rest for v in (spellings or {}).get(f, f))
    return re.compile("|".join(branches) or "(?!)")


# Besides the ASCII letters, re.I matches these four to ASCII letters and no others (the re docs say so).
_ASCII_CASE_EXTRAS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K


@lru_cache(maxsize=8)
def _case_variants(chars: str) -> dict[str, str]:
    """Each cased one of ``chars`` -> every character that re.I matches to it, itself first: ``s`` -> ``sSſ``.
    An uncased character matches only itself; beyond ASCII letters, all of Unicode is looked through once."""
    cased = [f for f in chars if f.lower() != f or f.upper() != f]
    if not cased:
        return {}
    if all(f.isascii() for f in cased):
        alike = string.ascii_letters + _ASCII_CASE_EXTRAS
    else:
        every = "".join(array("I", r).tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")
                        for r in (range(0xD800), range(0xE000, sys.maxunicode + 1)))  # all but the surrogates
        alike = sorted(set(re.findall(f"[{''.join(map(re.escape, cased))}]", every, re.I)))
    variants = {}
    for f in cased:
        same = re.compile(re.escape(f), re.I)
        variants[f] = f + "".join(x for x in alike if x != f and same.fullmatch(x))
    return variants


def stance_rules(topics: TopicFile) -> StanceRules:
    return StanceRules(topics)


# --- the component ----------------------------------------------------------------------------------

for _name in ("stancelib_claims", "stancelib_stances"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class StanceLabeler(SavedData):
    """Pipeline component: one Claim per (statement, topic) and a summary per (speaker, topic)."""

    def __init__(self, nlp: Language, name: str = "stancelib_stance", topics: Optional[str] = None,
                 stance_model: Optional[str] = None, min_confidence: float = 0.0):
        self.name = name
        self.topics = self._source("topics", topics, topics is not None, load_topics)
        self.rules = stance_rules(self.topics)
        self.min_confidence = check_unit_interval(name, "min_confidence", min_confidence)
        self.model = self._source("stance_model", stance_model, bool(stance_model), self._load_model)

    @staticmethod
    def _load_model(path: Optional[str]):
        if not path:
            return None
        from .stance_model import StanceClassifier, StanceModelError

        try:
            return StanceClassifier.from_disk(path)
        except StanceModelError as e:
            raise ConfigError(Errors.E021.format(what="a stance model", path=path, reason=e)) from None

    def _serializers(self) -> dict:
        def read_topics(p) -> None:
            self.topics = TopicFile.model_validate_json(p.read_text(encoding="utf-8"))
            self.rules = stance_rules(self.topics)

        def read_model(p) -> None:
            self.model = self._load_model(str(p))

        return {"topics": (lambda p: p.write_text(self.topics.model_dump_json(), encoding="utf-8"), read_topics),
                "stance_model": (lambda p: self.model.to_disk(p), read_model)}

    def __call__(self, doc: Doc) -> Doc:
        self._check_loaded()
        clean = _norm(doc)["clean"]
        records = doc_value(doc, "stancelib_quotes") or []
        sentences = doc_value(doc, "sentence_spans") or []  # (read once: ``doc._`` builds an accessor per read)
        claims = []
        last_question_topics: list[str] = []
        last_question = ""
        addressee = ""  # the name a question opens with (欧阳，你…？): it is put to that person
        # A quote inside its own speaker's reported clause is judged once, with the clause around it.
        reported: dict[str, list[tuple[int, int]]] = defaultdict(list)  # speaker -> their reported clauses
        said: dict[str, list[tuple[int, int]]] = defaultdict(list)  # speaker -> their direct quotes
        for r in records:
            if r["kind"] in ("indirect", "qa_turn") and r.get("speaker") and not r.get("is_question"):
                # (an answer turn too: 我说过“…”，现在… is judged once, as the turn)
                reported[r["speaker"]["name"]].append((r["start"], r["end"]))
            elif r["kind"] == "direct" and r.get("speaker") and not r.get("parent_id"):
                said[r["speaker"]["name"]].append((r["start"], r["end"]))
        # speaker -> (paragraph, statement, topics, the rules' label per topic as decided below)
        last_said: dict[str, tuple[int, str, list[str], dict[str, str]]] = {}
        put_to = _words_put_to_answerer(records)
        halves = _split_quotes(records, clean)
        later_halves = {h["id"] for rest in halves.values() for h in rest}
        for r in records:
            if r["kind"] == "qa_turn" and r.get("is_question"):
                last_question = clean[r["cstart"]:r["cend"]]
                last_question_topics = self.rules.topics_in(last_question)
                addressee = _addressee(last_question)
                continue
            if not r.get("speaker") or r.get("is_question") or r.get("parent_id"):
                continue
            if r["id"] in put_to:
                continue  # questions never yield claims, nor do the answerer's own words they quote
            if r["id"] in later_halves:
                continue  # judged with the first half of its split quote
            if r["kind"] in ("direct", "indirect") and _held_back_then(self.rules, clean, r, sentences):
                continue  # 去年此时，他还在强调“算力就是一切”: a view the speaker held, not one they hold
            if (r["kind"] == "direct" and self.rules.mention_leads
                    and clean[max(0, r["start"] - 8):r["start"]].endswith(self.rules.mention_leads)):
                continue  # 至于她那句“闭源才安全”，…: a saying referred to, not said here
            if r["kind"] == "indirect" and _asked_after(clean, r):
                continue  # 主持人问嘉宾：先赚企业的钱还是用户的钱？ a question reported is no claim
            if r["kind"] == "direct" and any(s <= r["start"] and r["end"] <= e + 1
                                             for s, e in reported.get(r["speaker"]["name"], ())):
                continue
            if r["kind"] == "qa_turn" and addressee and addressee not in r["speaker"]["name"] \
                    and addressee not in (r["speaker"].get("surface") or ""):
                # 问：欧阳，你会去训千亿模型吗？ 沈某：…: a question put to someone else lends this answer nothing
                last_question_topics, last_question = [], ""
            cstart = r["cstart"]
            if r["kind"] == "indirect":
                cstart -= len(self.rules.disbelief_lead(clean[max(0, cstart - 16):cstart]))
            content = clean[cstart:r["cend"]]
            for half in halves.get(r["id"], ()):
                # “手机上跑大模型，”韩雪说，“是今年最确定的趋势。”: one statement; the words between are blanked,
                # so that offsets into it stay offsets into the text.
                content += " " * (half["cstart"] - cstart - len(content)) + clean[half["cstart"]:half["cend"]]
            topics = content_topics = self.rules.topics_in(content)
            context = content
            inherited = False
            if not topics and r["kind"] == "qa_turn":
                topics, inherited = last_question_topics, True
            picks: list[str] = []
            if r["kind"] == "qa_turn" and topics and not inherited and last_question_topics:
                # 是更乐观了还是更悲观了？ / 更乐观了。我们云上的算力…: the answer picks one of the question's
                # alternatives, whatever other topic it goes on to
                first = next((x for x in _SENTENCE_SPLIT.split(content) if x.strip()), content)
                picks = [tid for tid in last_question_topics if tid not in topics
                         and self.rules.alternative_picked(tid, last_question, first) is not None]
                topics = [*topics, *picks]
            framed = False
            if not topics and r["kind"] == "direct":
                frame = _frame(clean, r, sentences, said.get(r["speaker"]["name"], ()))
                topics = self.rules.topics_in(frame)
                context = frame + "，" + content
                framed = bool(topics)
            name = r["speaker"]["name"]
            para = clean.rfind("\n", 0, r["start"]) + 1
            neighbour = last_said.get(name)
            held = self._sides_held(neighbour) if not topics and neighbour and neighbour[0] == para else []
            if held and self.rules.contrast and self.rules.contrast.match(_lead_in(clean, r)):
                held = []  # …还占着优势。”但他紧跟着说，“距离每半年就缩一截”: a turn, not more of the same side
            if held:
                # The speaker's previous statement in this paragraph took a side: 开源是未来。“我们会坚持下去。”
                topics, inherited, framed, last_question_like = held, True, True, neighbour[1]
            else:
                last_question_like = last_question
            then = r["kind"] in ("direct", "indirect") and _said_back_then(self.rules, clean, r, sentences)
            decided: dict[str, str] = {}
            if content_topics:
                last_said[name] = (para, content, content_topics, decided)
            statement = Statement(self.rules, content if inherited else context) if topics else None
            if statement is not None and statement.asks and r["kind"] != "qa_turn" and _only_asks(self.rules, content):
                continue  # “您怎么看开源？”: a question, quoted in prose, yields no claim (a rhetorical one does)
            for tid in topics:
                focus = (0, len(content))
                if inherited or tid in picks:
                    label, conf, cues, focus = self.rules.decide_answer_span(tid, last_question_like, content, statement)
                else:
                    label, conf, cues, (fs, fe) = self._decide(tid, statement)
                    if statement.text is content and not self._model_decides(tid):
                        decided[tid] = label  # (what _sides_held would decide again)
                    shift = len(context) - len(content)  # the frame before the content, if any
                    if fs - shift >= 0 and fe - shift <= len(content) and fe > fs:
                        focus = (fs - shift, fe - shift)
                    if (r["kind"] == "qa_turn" and label not in self.topics.topics[tid].opposite
                            and label != self.topics.topics[tid].mixed and tid in last_question_topics):
                        # 问：会做C端吗？ 答：不会，C端我们没有计划。 The answer names the side without judging it:
                        # its opening yes or no does.
                        reply = self.rules.decide_answer_span(tid, last_question, content, statement, explicit_only=True)
                        if reply[0] in self.topics.topics[tid].opposite:
                            label, conf, cues, focus = reply
                if framed:
                    # The topic came from the words around the quote: keep only a clear side.
                    if label not in self.topics.topics[tid].opposite:
                        continue
                    conf *= 0.7
                if conf < self.min_confidence:
                    continue
                claims.append({"id": f"c{len(claims)}", "speaker": r["speaker"], "topic": tid, "stance": label,
                               "confidence": round(conf * float(r.get("confidence") or 0.5) ** 0.5, 3),
                               "start": cstart + focus[0], "end": cstart + focus[1], "quote_id": r["id"],
                               "cues": cues[:8], "then": then})
        set_doc_value(doc, "stancelib_claims", claims)
        set_doc_value(doc, "stancelib_stances", aggregate(claims, self.topics))
        return doc

    def _sides_held(self, neighbour: tuple[int, str, list[str], dict[str, str]]) -> list[str]:
        """The topics of a speaker's previous statement that it takes a side on: a statement that only names a
        side (价格战从云端打到了硬件) lends its topic to no later one. ``decided``: the rules' labels of it
        already worked out, per topic."""
        _, said, topics, decided = neighbour
        return [tid for tid in topics if (decided[tid] if tid in decided else self.rules.decide(tid, said)[0])
                != (self.topics.topics[tid].neutral or "")]

    def _model_decides(self, tid: str) -> bool:
        return self.model is not None and bool(self.topics.topics[tid].model_target)

    def _decide(self, tid: str, statement: Statement) -> tuple[str, float, list[str], tuple[int, int]]:
        topic = self.topics.topics[tid]
        text = statement.text
        if self._model_decides(tid):
            raw, conf = self.model.predict_one(text, topic.model_target)
            return topic.model_labels.get(raw, raw.lower()), conf, [f"model:{raw}"], (0, len(text))
        return self.rules.decide_span(tid, text, statement)


_ENDS_SENTENCE = ("。", "！", "!", "？", "?", "…")


def _only_asks(rules, content: str) -> bool:
    """Every sentence of ``content`` a real question (not a rhetorical one)."""
    sentences = [x for x in _SENTENCE_SPLIT.split(content) if x.strip()]
    return bool(sentences) and all(rules._asks(x) for x in sentences)


def _split_quotes(records: list[dict], clean: str) -> dict[str, list[dict]]:
    """First half of a split quote -> its later halves: consecutive direct quotes of one speaker in one
    sentence, each but the last ending without a sentence mark, a short speech frame between them:
    ``“手机上跑大模型，”韩雪说，“是今年最确定的趋势。”``."""
    halves: dict[str, list[dict]] = {}
    first = prev = None
    for r in records:
        if r["kind"] != "direct":
            continue
        joins = (prev is not None and r.get("speaker") and prev.get("speaker")
                 and r["speaker"]["name"] == prev["speaker"]["name"] and r.get("sentence") == prev.get("sentence")
                 and not clean[prev["cstart"]:prev["cend"]].rstrip().endswith(_ENDS_SENTENCE)
                 and 0 <= r["start"] - prev["end"] <= 20
                 and not any(m in clean[prev["end"]:r["start"]] for m in (*_ENDS_SENTENCE, "\n")))
        if joins:
            halves.setdefault(first["id"], []).append(r)
        else:
            first = r
        prev = r
    return halves


def _words_put_to_answerer(records: list[dict]) -> set[str]:
    """The ids of the quotes inside a question turn that are the answerer's own words, put to them:
    ``记者：孟总之前说过“闭源才是护城河”，现在还这么看吗？`` / ``孟凡宇：现在我更看好开源。`` (the answer says
    where they stand now). A third party quoted in a question (他说“一切都必须开源”，你怎么看？) keeps its claim."""
    turns = sorted((r for r in records if r["kind"] == "qa_turn"), key=lambda r: r["start"])
    put_to: set[str] = set()
    inner = sorted((r for r in records if r["kind"] != "qa_turn" and r.get("speaker")), key=lambda r: r["start"])
    starts = [r["start"] for r in inner]
    answerer = None  # of the next answer turn, walking back from the last turn
    for turn in reversed(turns):
        if not turn.get("is_question"):
            answerer = turn["speaker"]["name"] if turn.get("speaker") else None
            continue
        if answerer is None:
            continue
        for r in inner[bisect_left(starts, turn["start"]):bisect_right(starts, turn["end"])]:
            if r["end"] <= turn["end"] and r["speaker"]["name"] == answerer:
                put_to.add(r["id"])
    return put_to


def _said_back_then(rules, clean: str, r: dict, sentences: list[list[int]]) -> bool:
    """The words before a quote in its sentence date it back (``他曾在发布会上说：`` / ``他当时的评价是：``), with no
    later time after them: a view the speaker may since have changed."""
    if not sentences or r.get("sentence") is None:
        return False
    s, _ = sentences[min(r["sentence"], len(sentences) - 1)]
    start = r["start"] if r["kind"] == "direct" else r["cstart"]
    then = None
    for then in rules.said_then.finditer(clean, s, start):
        pass
    return then is not None and not rules.later_time.search(clean, then.end(), start)


def _held_back_then(rules, clean: str, r: dict, sentences: list[list[int]]) -> bool:
    """The words before a quote in its sentence say it was a view held back then: ``去年此时，罗某还在多个场合
    强调“…”`` / ``他当年曾一度认为…``."""
    if not sentences or r.get("sentence") is None:
        return False
    s, _ = sentences[min(r["sentence"], len(sentences) - 1)]
    past = rules.past_view.search(clean, s, r["start"]) if s < r["start"] else None
    return bool(past) and not rules.later_time.search(clean, past.start(), r["end"])


_ADDRESSEE = re.compile(r"^\s*(?:[*【\[（(][^，,。]{0,6}?[*】\]）)]\s*)*(?P<n>[\u4e00-\u9fffA-Za-z]{2,8})[，,]\s*(?:你|您)")


def _addressee(question: str) -> str:
    """The name a question opens with, before a comma and 你/您 (``欧阳，你说过…``), or ""."""
    m = _ADDRESSEE.match(question)
    return m.group("n") if m else ""


def _asked_after(clean: str, r: dict) -> bool:
    """A reported clause that ends in a question mark asks: ``他请每位嘉宾回答：B端还是C端会先兑现？`` (not one
    that takes in a quote: the mark is the quote's)."""
    return clean.startswith(("？", "?"), r["cend"]) and not _QUOTE_MARKS.search(clean, r["cstart"], r["cend"])


def _lead_in(clean: str, r: dict) -> str:
    """The words right before a quote since the last sentence end or closing mark: ``“…。”但他补充，“…”`` -> ``但他补充，``."""
    before = clean[max(0, r["start"] - 24):r["start"]]
    cut = max(before.rfind(mark) for mark in "。！？!?”」\n")
    return before[cut + 1:].lstrip()


def _frame(clean: str, r: dict, sentences: list[list[int]], own: Sequence[tuple[int, int]] = ()) -> str:
    """The sentence around a quote, without the quote: ``谈到开源，他说：“…”`` -> ``谈到开源，他说：``; without
    the speaker's other quotes in it either (``own``: their spans), judged as statements of their own
    (他承认：“闭源暂时还占着优势。”但他紧跟着说，“…”)."""
    if not sentences:
        return ""
    s, e = sentences[min(r["sentence"], len(sentences) - 1)]
    cuts = [(a, b) for a, b in own if s <= a and b <= e and (a, b) != (r["start"], r["end"])]
    if not cuts:
        return clean[s:r["start"]] + clean[r["end"]:e]
    out, at = [], s
    for a, b in sorted([*cuts, (r["start"], r["end"])]):
        out.append(clean[at:a])
        at = max(at, b)
    out.append(clean[at:e])
    return "".join(out)


# What the side compared with takes from a clause against the other (开源落后于闭源: 闭源 up): it counts as
# +1 (votes are capped at 1), told apart from a verb of commitment's +1 (继续堆算力意义不大 judges the verb's side).
COMPARED_UP = 1.5

# A statement that speaks well of both sides is `mixed` with this confidence: below CONFIDENT_CLAIM,
# so that it alone never makes a summary `mixed`.
MIXED_WITHIN_STATEMENT = 0.45
# A claim counts as confident from this confidence on; below it, it can only join a majority.
CONFIDENT_CLAIM = 0.55
# The minority side makes the summary `mixed` only with at least this share of the majority's weight.
MIXED_MINORITY_SHARE = 0.5


def aggregate(claims: list[dict], topics: TopicFile) -> list[dict]:
    """One summary per (speaker, topic), in order of first claim.

    ``mixed`` only when both sides have confident claims from different statements (the minority
    weighing at least half the majority), or a confident claim is itself ``mixed`` (the speaker said
    it depends) and outweighs each side's half; otherwise the confidence-weighted majority side;
    ``neutral`` when no claim takes a side. ``strongest`` names the claim whose evidence the summary shows.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in claims:
        groups[(c["speaker"]["name"], c["topic"])].append(c)
    out = []
    for (name, tid), group in groups.items():
        topic = topics.topics[tid]
        weights: dict[str, float] = defaultdict(float)
        statements: dict[str, set] = defaultdict(set)
        # What the speaker said back then (他曾说…) gives way to what they say now, when they say something now
        now = [c for c in group if not c.get("then") and c["stance"] != topic.neutral]
        counted = [c for c in group if not c.get("then")] if now and any(c.get("then") for c in group) else group
        for c in counted:
            weights[c["stance"]] += c["confidence"]
            if c["confidence"] >= CONFIDENT_CLAIM:
                statements[c["stance"]].add(c.get("quote_id") or c["id"])
        polar = {k: v for k, v in weights.items() if k in topic.opposite}
        ranked = sorted(polar, key=polar.__getitem__, reverse=True)  # (reverse keeps the order of equal weights)
        top_w = polar[ranked[0]] if ranked else 0.0
        both_sides = (len(ranked) >= 2 and statements[ranked[0]] and statements[ranked[1]]
                      and statements[ranked[0]] | statements[ranked[1]] != statements[ranked[0]] & statements[ranked[1]]
                      and polar[ranked[1]] >= MIXED_MINORITY_SHARE * top_w)
        mixed = topic.mixed
        says_mixed = bool(mixed and weights.get(mixed) and weights[mixed] >= top_w)
        if mixed and (both_sides or says_mixed):
            label = mixed
            backing_labels = (mixed, *ranked[:2])
            backing = [c for c in counted if c["stance"] in backing_labels]
        elif ranked:
            label = ranked[0]
            backing = [c for c in counted if c["stance"] == label]
        else:
            label = topic.neutral or group[0]["stance"]
            backing = counted
        backing_conf = [c["confidence"] for c in backing]
        agreement = sum(backing_conf) / (sum(weights.values()) or 1.0)
        strongest = backing[backing_conf.index(max(backing_conf))]  # the first of the most confident
        mean_conf = sum(backing_conf) / len(backing)
        out.append({"speaker": group[0]["speaker"], "topic": tid, "stance": label,
                    "confidence": round(min(1.0, agreement * mean_conf + 0.05 * (len(backing) - 1)), 3),
                    "claim_ids": [c["id"] for c in group], "strongest": strongest["id"]})
    return out


def claims_from_doc(doc: Doc, doc_id: str, records: Optional[DocRecords] = None) -> tuple[Claim, ...]:
    """The Claims of a processed Doc; ``records`` holds the Spans and Speakers its quotes were built with."""
    underscore = doc._
    if records is None:
        records = DocRecords(original_text(doc), underscore.offset_map)
    claim = validator(Claim)
    return tuple(
        claim({"doc_id": doc_id, "id": c["id"], "speaker": records.speaker(c["speaker"]), "topic": c["topic"],
               "stance": c["stance"], "confidence": c["confidence"], "evidence": records.span(c["start"], c["end"]),
               "quote_id": c["quote_id"], "cues": tuple(c["cues"])})
        for c in underscore.stancelib_claims or []
    )


def stances_from_doc(doc: Doc, doc_id: str) -> tuple[StanceSummary, ...]:
    return summary_models(doc._.stancelib_stances or [], claims_from_doc(doc, doc_id), doc_id)


def summary_models(summaries: list[dict], claims: tuple[Claim, ...], doc_id: str,
                   records: Optional[DocRecords] = None) -> tuple[StanceSummary, ...]:
    """The StanceSummary records of :func:`aggregate`'s dicts, each with its strongest claim's evidence."""
    evidence = {c.id: c.evidence for c in claims}
    speaker = (records or DocRecords("", None)).speaker  # (only speakers: the evidence comes from the claims)
    return tuple(
        StanceSummary(doc_id=doc_id, speaker=speaker(s["speaker"]), topic=s["topic"], stance=s["stance"],
                      confidence=s["confidence"], claim_ids=tuple(s["claim_ids"]), evidence=evidence.get(s.get("strongest")))
        for s in summaries
    )


@Language.factory("stancelib_stance", default_config={"topics": None, "stance_model": None, "min_confidence": 0.0},
                  requires=["doc._.stancelib_norm", "doc._.stancelib_quotes", "doc._.sentence_spans",
                            "doc._.speaker_mentions"],
                  assigns=["doc._.stancelib_claims", "doc._.stancelib_stances"])
def make_stance(nlp: Language, name: str, topics: Optional[str], stance_model: Optional[str], min_confidence: float) -> StanceLabeler:
    return StanceLabeler(nlp, name, topics, stance_model, min_confidence)
