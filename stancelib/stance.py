"""Topics and stance labels: statements -> Claims, Claims -> one StanceSummary per (speaker, topic).

The ``stancelib_stance`` component reads the attributed ``doc._.stancelib_quotes`` and adds
``doc._.stancelib_claims`` and ``doc._.stancelib_stances`` (plain dicts; the ``doc._.claims`` and
``doc._.stances`` getters return :class:`Claim` / :class:`StanceSummary` models).

How a label is decided (topic cues are data, ``data/topics.yaml``):
- the topic is up when one of its side terms or triggers appears in the statement (or, for a Q&A
  answer that omits it, in the question before it; or in the sentence that frames the quote);
- each clause votes: speaking well of a side's term votes for that side, ill for the opposite side;
  a negator right before a polarity cue flips it; ``A比B更好`` votes A up and B down; ``不是A而是B``
  votes A down; a clause that reports others (``有人认为…``) does not vote; ``虽然…但是…`` weighs the
  part after the turn; a rhetorical ``难道…吗`` flips;
- votes on both sides -> ``mixed``; none -> ``neutral``.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError, Errors
from .normalize import _norm, original_text
from .quotes import alternation, original_span
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
    model_target: Optional[str] = Field(default=None, description="Target name of a learned stance model for this topic.")
    model_labels: dict[str, str] = Field(default_factory=dict, description="Learned label -> topic label.")

    @model_validator(mode="after")
    def _labels_known(self) -> "Topic":
        known = set(self.labels)
        for field in ("sides", "cues"):
            unknown = set(getattr(self, field)) - known
            if unknown:
                raise ValueError(f"{field} names unknown labels {sorted(unknown)}; labels are {list(self.labels)}")
        for a, b in self.opposite.items():
            if a not in known or b not in known:
                raise ValueError(f"opposite {a}->{b} uses unknown labels")
        if not self.sides and not self.triggers:
            raise ValueError("a topic needs sides or triggers")
        return self

    @property
    def mixed(self) -> Optional[str]:
        return "mixed" if "mixed" in self.labels else None

    @property
    def neutral(self) -> Optional[str]:
        return "neutral" if "neutral" in self.labels else None


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


def load_topics(path: Optional[str | Path] = None) -> TopicFile:
    """The built-in topics, merged with (or replaced by) a user's topic file."""
    builtin = _builtin_topics()
    if path is None:
        return builtin
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("the file must hold a mapping with a 'topics' key")
        user = TopicFile(**raw)
    except OSError as e:
        raise ConfigError(Errors.E010.format(path=p, reason=e.strerror or str(e))) from None
    except yaml.YAMLError as e:
        raise ConfigError(Errors.E010.format(path=p, reason=f"not valid YAML: {str(e).splitlines()[0]}")) from None
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ConfigError(Errors.E010.format(path=p, reason=f"entry {where}: {err['msg']}")) from None
    except (TypeError, ValueError) as e:
        raise ConfigError(Errors.E010.format(path=p, reason=str(e))) from None
    lists = ("negators", "endorse", "both", "reported_view", "contrast", "hedges")
    if user.mode == "replace":
        return TopicFile(mode="replace", topics=user.topics, polarity=user.polarity or builtin.polarity,
                         **{k: getattr(user, k) or getattr(builtin, k) for k in lists})
    polarity = {k: tuple(dict.fromkeys(builtin.polarity.get(k, ()) + user.polarity.get(k, ()))) for k in ("positive", "negative")}
    return TopicFile(topics={**builtin.topics, **user.topics}, polarity=polarity,
                     **{k: tuple(dict.fromkeys(getattr(builtin, k) + getattr(user, k))) for k in lists})


@lru_cache(maxsize=1)
def _builtin_topics() -> TopicFile:
    return TopicFile(**yaml.safe_load(resources.files("stancelib").joinpath("data/topics.yaml").read_text("utf-8")))


# --- deciding a label -------------------------------------------------------------------------------

_CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n：:]")
_SENTENCE_SPLIT = re.compile(r"(?<=[。！!？?\n])")  # a semicolon joins the halves of 一方面…另一方面
# Constructions of preference; A is rejected and B chosen (or both weighed, for 一方面…另一方面).
_NOT_A_BUT_B = re.compile(r"(?:不是|并非|并不是|而非|不在于)(?P<a>[^。；！？]{1,40}?)[，,]?\s*(?:而是|而在于)(?P<b>[^。；！？，,]{1,40})")
_B_NOT_A = re.compile(r"(?P<b>[^。；！？，,]{1,40})[，,]?\s*而(?:不是|非)(?P<a>[^。；！？，,]{1,40})")
_RATHER_B_THAN_A = re.compile(r"与其(?P<a>[^。；！？]{1,40}?)[，,]?\s*(?:不如|倒不如|还不如)(?P<b>[^。；！？，,]{1,40})")
_A_WORSE_THAN_B = re.compile(r"(?P<a>[^。；！？，,]{1,30}?)(?:远远|还|都)?不如(?P<b>[^。；！？，,]{1,30})")
_ON_ONE_HAND = re.compile(r"一方面(?P<a>[^。；！？]{1,60}?)[，,；;。]\s*另一方面(?P<b>[^。；！？]{1,60})")
# 以本地部署为主: what a plan is built around is the side taken.
_BUILT_AROUND = re.compile(r"以(?P<a>[^，,。；！？]{1,14}?)为(?:主|核心|重点|首选|优先|中心|基础)")
# 不仅仅是模型规模 / 纯粹依靠堆算力: named as not enough on its own, neither endorsed nor rejected here.
_NOT_ONLY = re.compile(r"(?:不仅仅是|不只是|不仅是|不光是|不单是|不仅仅|不只|(?:纯粹|单纯|仅仅|一味|光|只)(?:依靠|依赖|靠|地)?)$")
_EMPHATIC_AFTER = re.compile(r"(?:模型|路线|路径|方案|生态|市场|业务|产品)?[，,]?\s*(?:才是|正是|就是|才(?:能|会|拥有|有|可以|具备|真正))")
_ESSENTIAL = re.compile(r"没有(?P<a>[^，,。；！？]{1,16}?)[，,]?\s*就(?:没有|不会有|不可能有)")
_QUOTE_MARKS = re.compile(r"[“”「」『』‘’\"]")
# Copula naming a side: 这是一个纯粹的To B生意 (weak: the clause's own judgement wins).
_COPULA = re.compile(r"(?:是|成为|属于)(?:一个|一种|一门|一家|个|家)?(?:[\u4e00-\u9fff]{1,3}的)?$")
# The turn of a sentence: a clause opening with 但/不过/然而 (而是 is a construction of its own).
_TURN = re.compile(r"[，,；;]\s*(?:但是|但|可是|然而|不过)")
_ANSWER_YES = re.compile(r"^\s*(?:会|是的|是|对|当然|肯定|没错|一定|必须|要|有)(?:的|啊|呀)?[，,。！!]")
_ANSWER_NO = re.compile(r"^\s*(?:不会|不是|不|没有|没|不一定|未必|暂时不会|短期内不会)(?:的|啊|呀)?[，,。！!]")
_CONSTRUCTIONS = ((_ON_ONE_HAND, "both", "另一方面"), (_NOT_A_BUT_B, "b", "而"), (_RATHER_B_THAN_A, "b", "与其"),
                  (_B_NOT_A, "b", "而"), (_A_WORSE_THAN_B, "b", "不如"))
_DISBELIEF = re.compile(r"(?:并不|从不|不|从来不|一直不)(?:认为|相信|觉得|同意|认同|赞同)|否认|不认可")
# Adverbs that may stand between a negator and what it negates: 不会直接面向, 并不完全是.
_NEG_GAP = "直接|完全|再|去|太|很|一定|马上|单纯|只|仅仅|主要|必然|会|能|应该|该|是|我们|我|他们|自己|大家|是我们|在|交|一种|一个|什么"
# Words that may stand between a verb of commitment and its side term: 不依赖任何云端服务.
_FILLER = "任何|一切|所有|更多|更|的|了|在|于|到|上|向|自己的|我们的"
# A side term right after these is the one compared against: 比闭源更好 / 落后于闭源.
_COMPARED_WITH = re.compile(r"(?:(?:比|比起|相比|相较于|相对于)[^，,。；]{0,6}|(?:落后于|领先于|优于|强于|弱于|不如|赶不上|追不上|比不上)(?:传统的|现在的|目前的|那些)?)$")
# A definition states what a thing is, not which side is right: 端侧大模型是指…
_DEFINITION = re.compile(r"是指|指的是|定义为|所谓的?[^，,。]{0,10}就是")
_CONDITION = re.compile(r"^(?:除非|如果|假如|要是|只有|一旦|倘若|即便|哪怕)")
_CONCESSION = re.compile(r"^(?:虽然|尽管|虽说|固然|即便|即使)")
_COMPARATIVE = re.compile(r"^(?:模型|路线|路径|方案|生态|阵营|厂商|市场|产品|的能力|能力)?(?:会|将|也|要|能|还)?(?:更|越来越|最|更加|愈发|明显更)(?P<adj>[\u4e00-\u9fff]{1,4})")


class StanceRules:
    """Compiled patterns of one topic file; :meth:`decide` labels one statement for one topic."""

    def __init__(self, topics: TopicFile):
        self.topics = topics
        self.pos = _compile(topics.polarity.get("positive", ()))
        self.neg = _compile(topics.polarity.get("negative", ()))
        self.negator_end = re.compile(f"(?:{alternation(topics.negators)})$") if topics.negators else None
        self.negator_near = (re.compile(f"(?:{alternation(topics.negators)})(?:{_NEG_GAP})?$")
                             if topics.negators else None)
        self.reported = _compile(topics.reported_view)
        self.contrast = re.compile(f"^(?:{alternation(topics.contrast)})") if topics.contrast else None
        self.hedge = _compile(topics.hedges)
        self.endorse_end = re.compile(f"(?:{alternation(topics.endorse)})(?:{_FILLER}){{0,2}}$") if topics.endorse else None
        self.both = _compile(topics.both)
        self.term: dict[str, re.Pattern] = {}
        self.side_of: dict[str, dict[str, str]] = {}
        self.cue: dict[str, re.Pattern] = {}
        self.cue_label: dict[str, dict[str, str]] = {}
        for tid, t in topics.topics.items():
            side_of = {term.lower(): label for label, terms in t.sides.items() for term in terms}
            # A one-sided topic (scaling_law) has no neutral terms: its triggers name its one side.
            lone = next(iter(t.sides)) if len(t.sides) == 1 else ""
            side_of.update({term.lower(): lone for term in t.triggers if term.lower() not in side_of})
            self.side_of[tid] = side_of
            self.term[tid] = re.compile(alternation([*(x for ts in t.sides.values() for x in ts), *t.triggers]), re.I)
            cue_label = {c: label for label, cues in t.cues.items() for c in cues}
            self.cue_label[tid] = cue_label
            if cue_label:
                self.cue[tid] = re.compile(alternation(cue_label))

    def topics_in(self, text: str) -> list[str]:
        return [tid for tid, pat in self.term.items() if pat.search(text)]

    def sides_in(self, tid: str, text: str) -> list[tuple[int, int, str]]:
        side_of = self.side_of[tid]
        return [(m.start(), m.end(), side_of.get(m.group(0).lower(), "")) for m in self.term[tid].finditer(text)]

    def decide(self, tid: str, text: str) -> tuple[str, float, list[str]]:
        """``(label, confidence, cues)`` for topic ``tid`` in the statement ``text``.

        >>> rules = stance_rules(load_topics())
        >>> rules.decide("tob_vs_toc", "我们的路不是To B，而是To C。")[0]
        'to_c'
        """
        topic = self.topics.topics[tid]
        votes: dict[str, float] = defaultdict(float)
        cues: list[str] = []
        text = _QUOTE_MARKS.sub("", text)  # 不是“交智商税”: marks must not separate a negator from its word
        for sentence in (x for x in _SENTENCE_SPLIT.split(text) if x.strip()):
            if _DEFINITION.search(sentence):
                continue
            self._vote_sentence(tid, topic, sentence, votes, cues)
        polar = {k: v for k, v in votes.items() if k in topic.opposite and v > 0}
        if votes.get("mixed", 0) > 0 and topic.mixed and (votes["mixed"] >= max(polar.values(), default=0) * 0.5):
            return topic.mixed, 0.7, cues
        if not polar:
            return (topic.neutral or topic.labels[-1]), 0.5, [m.group(0) for m in self.term[tid].finditer(text)][:3]
        ranked = sorted(polar.items(), key=lambda kv: -kv[1])
        top, top_w = ranked[0]
        if len(ranked) > 1 and ranked[1][1] >= 0.6 * top_w and topic.mixed:
            return topic.mixed, 0.6, cues
        hedged = bool(self.hedge and self.hedge.search(text))
        margin = top_w - (ranked[1][1] if len(ranked) > 1 else 0)
        conf = min(0.95, 0.45 + 0.2 * margin) * (0.85 if hedged else 1.0)
        return top, round(conf, 3), cues

    def decide_answer(self, tid: str, question: str, answer: str) -> tuple[str, float, list[str]]:
        """An answer that omits the topic: its yes or no goes to the side the question named.

        ``你们会做端侧模型吗？`` / ``会，这是我们最重要的方向。`` -> device.
        """
        topic = self.topics.topics[tid]
        sides = {side for _, _, side in self.sides_in(tid, question) if side}
        polarity = 1 if _ANSWER_YES.match(answer) else -1 if _ANSWER_NO.match(answer) else self._polarity(answer)[0]
        if len(sides) != 1 or not polarity:
            return self.decide(tid, answer)
        votes: dict[str, float] = defaultdict(float)
        self._add(topic, next(iter(sides)), polarity, 1.0, votes)
        label = max(votes, key=votes.get)
        return label, 0.6, [question[:12] + "…", answer[:4]]

    # One sentence: split at its turn (但/不过), then per part constructions and clauses.
    def _vote_sentence(self, tid, topic, sentence, votes, cues) -> None:
        parts = _TURN.split(sentence)
        if len(parts) == 1:
            self._vote_part(tid, topic, sentence, votes, cues)
            return
        # 虽然A，但B / A，不过B: the part after the turn carries the point; what it judges without
        # naming a side is said of the side named before the turn (B端虽然慢，但收入都是实打实的).
        # A hedged turn (…，但可能会放缓) only qualifies what came before: both parts count.
        earlier_weight = 0.7 if self.hedge and self.hedge.search(parts[-1]) else 0.35
        for i, part in enumerate(parts):
            local: dict[str, float] = defaultdict(float)
            self._vote_part(tid, topic, part, local, cues)
            last = i == len(parts) - 1
            if last and not local and i > 0:
                named = {side for p in parts[:i] for _, _, side in self.sides_in(tid, p) if side}
                polarity, pcues = self._polarity(part)
                for side in named:
                    self._add(topic, side, polarity, 1.0, local)
                cues.extend(pcues if named else [])
            for label, w in local.items():
                votes[label] += w * (1.0 if last else earlier_weight)

    def _vote_part(self, tid, topic, sentence, votes, cues) -> None:
        for around in (_BUILT_AROUND.finditer(sentence) if "以" in sentence else ()):
            for side in {side for _, _, side in self.sides_in(tid, around.group("a")) if side}:
                self._add(topic, side, +1, 1.0, votes)
                cues.append(around.group(0))
        essential = _ESSENTIAL.search(sentence) if "就" in sentence else None
        if essential:
            # 没有开源就没有互联网: what it cannot do without, it is for.
            sides = {side for _, _, side in self.sides_in(tid, essential.group("a")) if side}
            for side in sides:
                self._add(topic, side, +1, 1.5, votes)
            if sides:
                cues.append(essential.group(0))
                sentence = sentence[:essential.start()] + sentence[essential.end():]
        for pat, how, key in _CONSTRUCTIONS:
            if key not in sentence:
                continue  # a cheap look for the construction's keyword before the costly pattern
            m = pat.search(sentence)
            if not m:
                continue
            a_sides = {side for _, _, side in self.sides_in(tid, m.group("a")) if side}
            b_sides = {side for _, _, side in self.sides_in(tid, m.group("b")) if side}
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
            if not a_sides:
                continue  # nothing rejected by side: 闭源的领先体现在榜单上，而不是在真实场景里
            for side in a_sides - b_sides:
                self._add(topic, side, -1, 1.5, votes)
            for side in b_sides - a_sides:
                self._add(topic, side, +1, 1.5, votes)
            cues.append(m.group(0)[:20])
            rest = sentence[:m.start()] + sentence[m.end():]
            self._vote_clauses(tid, topic, rest, votes, cues)
            return
        self._vote_clauses(tid, topic, sentence, votes, cues)

    def _vote_clauses(self, tid, topic, text, votes, cues) -> None:
        found = self.sides_in(tid, text)
        if not found and not (tid in self.cue and self.cue[tid].search(text)):
            return  # the topic is not up in this part: nothing here can vote
        clauses = [c for c in _CLAUSE_SPLIT.split(text) if c.strip()]
        sides_seen = {side for _, _, side in found if side}
        whole_topic = any(not side for _, _, side in found)  # 开源和闭源 / 端云协同 name the whole question
        if self.both and (len(sides_seen) >= 2 or whole_topic) and topic.mixed:
            m = self.both.search(text)
            if m:
                votes[topic.mixed] += 1.5
                cues.append(m.group(0))
                return
        before = sum(votes.values())
        self._vote_each_clause(tid, topic, clauses, votes, cues)
        if sum(votes.values()) == before and sides_seen:
            # The side is named in one clause and judged in another: 单纯堆算力，边际收益正在递减.
            polarity, pcues = self._polarity(text, [(s, e) for s, e, _ in found])
            if polarity:
                for side in sides_seen:
                    self._add(topic, side, polarity, 0.7, votes)
                cues.extend(pcues)

    def _vote_each_clause(self, tid, topic, clauses, votes, cues) -> None:
        conceded = False
        reporting = False
        for clause in clauses:
            weight = 1.0
            if self.reported and self.reported.search(clause):
                reporting = True  # 有人认为…，但我…: skip the others' view up to the turn
            elif reporting and self.contrast and self.contrast.match(clause.strip()):
                reporting = False
            if reporting:
                continue
            if _CONDITION.match(clause.strip()):
                weight = 0.4  # 除非你是超级应用: a condition, not a claim
            elif _CONCESSION.match(clause.strip()):
                conceded, weight = True, 0.4
            elif conceded and self.contrast and self.contrast.match(clause.strip()):
                conceded, weight = False, 1.3
            self._vote_clause(tid, topic, clause, weight, votes, cues)

    def _vote_clause(self, tid, topic, clause, weight, votes, cues) -> None:
        disbelief = _DISBELIEF.search(clause)
        if disbelief:
            # 我不认为规模定律失效了: the speaker rejects what follows, so every vote in it turns over.
            inner: dict[str, float] = defaultdict(float)
            self._vote_clause(tid, topic, clause[disbelief.end():], weight, inner, cues)
            for label, w in inner.items():
                votes[topic.opposite.get(label, label)] += w
            cues.append(disbelief.group(0))
            return
        terms = self.sides_in(tid, clause)
        sided = [(s, e, side) for s, e, side in terms if side]
        if not sided and tid not in self.cue:
            return  # no side named in this clause: its polarity has nothing to attach to
        polarity, pcues = self._polarity(clause, [(s, e) for s, e, _ in terms])
        if "难道" in clause or (clause.rstrip().endswith(("吗", "么")) and re.search(r"不|没", clause)):
            polarity = -polarity  # 难道开源不香吗: a rhetorical question says the opposite
        if len(sided) >= 2 and "比" in clause and polarity and len({side for _, _, side in sided}) >= 2:
            bi = clause.index("比")
            for s, e, side in sided:  # A比B更好: A up, B down
                self._add(topic, side, polarity if s < bi else -polarity, weight, votes)
            cues.extend([clause[s:e] for s, e, _ in sided] + pcues)
        elif sided:
            locals_ = [self._local_polarity(clause, s, e, polarity) for s, e, _ in sided]
            if len({side for _, _, side in sided}) >= 2 and not any(locals_):
                sided = []  # 端侧和云端的需求都在增长: the same words for both sides state no preference
            for (s, e, side), local in zip(sided, locals_):
                # 继续堆算力意义不大: the clause judges the very thing the verb commits to
                p = polarity if (local > 0 > polarity) else (local if local else polarity)
                if p:
                    self._add(topic, side, p, weight, votes)
                    cues.append(clause[s:e] + ("+" if p > 0 else "-"))
            if sided and polarity:
                cues.extend(pcues)
        if tid in self.cue:
            for m in self.cue[tid].finditer(clause):
                label = self.cue_label[tid][m.group(0)]
                negated = self._negated(clause, m.start())
                if negated and label in topic.opposite:
                    label = topic.opposite[label]
                elif negated:
                    continue
                votes[label] += weight * 1.5
                cues.append(("不" if negated else "") + m.group(0))

    def _local_polarity(self, clause: str, start: int, end: int, polarity: float = 0) -> float:
        """What the words right around one side term say of it: 不会开源 (-), 只做C端 (+), 闭源更可控 (+),
        比闭源API更适合 (the compared-with side takes the opposite of the clause)."""
        before = clause[max(0, start - 8):start]
        if _NOT_ONLY.search(before):
            return 0  # 不仅仅是模型规模: said to be not enough, neither endorsed nor rejected
        if _COMPARED_WITH.search(before):
            return -(polarity or 1)
        if _EMPHATIC_AFTER.match(clause, end):
            return +1  # 端侧模型，才是更现实的途径
        if self.negator_end and self.negator_end.search(before):
            return -1
        if self.endorse_end:
            e = self.endorse_end.search(before)
            if e:
                return -1 if self._negated(before, e.start()) else +1
        comp = _COMPARATIVE.match(clause[end:end + 10])
        if comp:
            adj = comp.group("adj")
            if self.neg and self.neg.match(adj):
                return -1
            return +1
        if _COPULA.search(before) and not polarity:
            return 0.5
        return 0

    def _add(self, topic: Topic, side: str, polarity: float, weight: float, votes) -> None:
        if polarity > 0:
            votes[side] += weight * min(1.0, polarity)
        elif polarity < 0 and side in topic.opposite:
            votes[topic.opposite[side]] += weight * min(1.0, -polarity)

    def _polarity(self, clause: str, term_spans=()) -> tuple[int, list[str]]:
        score = 0
        cues = []
        spans = list(term_spans)  # a side term (开放权重) is not also a polarity cue (开放)
        for pat, sign in ((self.neg, -1), (self.pos, +1)):
            if pat is None:
                continue
            for m in pat.finditer(clause):
                if any(s < m.end() and m.start() < e for s, e in spans):
                    continue  # 不看好 is one negative cue, not 不 + 看好
                spans.append((m.start(), m.end()))
                negated = self._negated(clause, m.start())
                # 不反对开源 is weak support, not advocacy: a negated negative counts half.
                score += (-sign * 0.5 if sign < 0 else -sign) if negated else sign
                cues.append(("不" if negated else "") + m.group(0))
        return (1 if score >= 1 else 0.5 if score > 0 else -1 if score < 0 else 0), cues

    def _negated(self, clause: str, pos: int) -> bool:
        """A negator right before ``pos``, or with at most a short adverb between (不会直接面向)."""
        return bool(self.negator_near and self.negator_near.search(clause[max(0, pos - 7):pos]))


def _compile(words) -> Optional[re.Pattern]:
    return re.compile(alternation(words)) if words else None


def stance_rules(topics: TopicFile) -> StanceRules:
    return StanceRules(topics)


# --- the component ----------------------------------------------------------------------------------

for _name in ("stancelib_claims", "stancelib_stances"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class StanceLabeler:
    """Pipeline component: one Claim per (statement, topic) and a summary per (speaker, topic)."""

    def __init__(self, nlp: Language, name: str = "stancelib_stance", topics: Optional[str] = None,
                 stance_model: Optional[str] = None, min_confidence: float = 0.0):
        self.name = name
        self.topics = load_topics(topics)
        self.rules = stance_rules(self.topics)
        self.min_confidence = min_confidence
        self.model = None
        if stance_model:
            from .stance_model import StanceClassifier, StanceModelError

            try:
                self.model = StanceClassifier.from_disk(stance_model)
            except StanceModelError as e:
                raise ConfigError(Errors.E021.format(what="a stance model", path=stance_model, reason=e)) from None

    def __call__(self, doc: Doc) -> Doc:
        clean = _norm(doc)["clean"]
        records = doc._.stancelib_quotes or []
        claims = []
        last_question_topics: list[str] = []
        last_question = ""
        # A quote inside its own speaker's reported clause is judged once, with the clause around it.
        reported = [(r["start"], r["end"], r["speaker"]["name"]) for r in records
                    if r["kind"] == "indirect" and r.get("speaker")]
        last_said: dict[str, tuple[int, str, list[str]]] = {}  # speaker -> (paragraph, statement, topics)
        for r in records:
            if r["kind"] == "qa_turn" and r.get("is_question"):
                last_question = clean[r["cstart"]:r["cend"]]
                last_question_topics = self.rules.topics_in(last_question)
                continue
            if not r.get("speaker") or r.get("is_question") or r.get("parent_id"):
                continue
            if r["kind"] == "direct" and any(s <= r["start"] and r["end"] <= e + 1 and name == r["speaker"]["name"]
                                             for s, e, name in reported):
                continue
            content = clean[r["cstart"]:r["cend"]]
            topics = self.rules.topics_in(content)
            context = content
            inherited = False
            if not topics and r["kind"] == "qa_turn":
                topics, inherited = last_question_topics, True
            framed = False
            if not topics and r["kind"] == "direct":
                frame = _frame(clean, r, doc._.sentence_spans or [])
                topics = self.rules.topics_in(frame)
                context = frame + "，" + content
                framed = bool(topics)
            name = r["speaker"]["name"]
            para = clean.rfind("\n", 0, r["start"]) + 1
            neighbour = last_said.get(name)
            if not topics and neighbour and neighbour[0] == para and neighbour[2]:
                # The speaker's previous statement in this paragraph named the topic: 开源是未来。“我们会坚持下去。”
                topics, inherited, framed, last_question_like = neighbour[2], True, True, neighbour[1]
            else:
                last_question_like = last_question
            if self.rules.topics_in(content):
                last_said[name] = (para, content, self.rules.topics_in(content))
            for tid in topics:
                if inherited:
                    label, conf, cues = self.rules.decide_answer(tid, last_question_like, content)
                else:
                    label, conf, cues = self._decide(tid, context)
                if framed:
                    # The topic came from the words around the quote: keep only a clear side.
                    if label not in self.topics.topics[tid].opposite:
                        continue
                    conf *= 0.7
                if conf < self.min_confidence:
                    continue
                claims.append({"id": f"c{len(claims)}", "speaker": r["speaker"], "topic": tid, "stance": label,
                               "confidence": round(conf * float(r.get("confidence") or 0.5) ** 0.5, 3),
                               "start": r["cstart"], "end": r["cend"], "quote_id": r["id"], "cues": cues[:8]})
        doc._.stancelib_claims = claims
        doc._.stancelib_stances = aggregate(claims, self.topics)
        return doc

    def _decide(self, tid: str, text: str) -> tuple[str, float, list[str]]:
        topic = self.topics.topics[tid]
        if self.model is not None and topic.model_target:
            raw, conf = self.model.predict_one(text, topic.model_target)
            return topic.model_labels.get(raw, raw.lower()), conf, [f"model:{raw}"]
        return self.rules.decide(tid, text)


def _frame(clean: str, r: dict, sentences: list[list[int]]) -> str:
    """The sentence around a quote, without the quote: ``谈到开源，他说：“…”`` -> ``谈到开源，他说：``."""
    if not sentences:
        return ""
    s, e = sentences[min(r["sentence"], len(sentences) - 1)]
    return clean[s:r["start"]] + clean[r["end"]:e]


# A claim counts as confident from this confidence on; below it, it can only join a majority.
CONFIDENT_CLAIM = 0.5
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
        for c in group:
            weights[c["stance"]] += c["confidence"]
            if c["confidence"] >= CONFIDENT_CLAIM:
                statements[c["stance"]].add(c.get("quote_id") or c["id"])
        polar = {k: v for k, v in weights.items() if k in topic.opposite}
        ranked = sorted(polar, key=lambda k: -polar[k])
        top_w = polar[ranked[0]] if ranked else 0.0
        both_sides = (len(ranked) >= 2 and statements[ranked[0]] and statements[ranked[1]]
                      and statements[ranked[0]] | statements[ranked[1]] != statements[ranked[0]] & statements[ranked[1]]
                      and polar[ranked[1]] >= MIXED_MINORITY_SHARE * top_w)
        says_mixed = bool(topic.mixed and statements.get(topic.mixed)
                          and weights[topic.mixed] >= MIXED_MINORITY_SHARE * top_w)
        if topic.mixed and (both_sides or says_mixed):
            label = topic.mixed
            backing = [c for c in group if c["stance"] in (topic.mixed, *ranked[:2])]
        elif ranked:
            label = ranked[0]
            backing = [c for c in group if c["stance"] == label]
        else:
            label = topic.neutral or group[0]["stance"]
            backing = group
        agreement = sum(c["confidence"] for c in backing) / (sum(weights.values()) or 1.0)
        strongest = max(backing, key=lambda c: c["confidence"])
        mean_conf = sum(c["confidence"] for c in backing) / len(backing)
        out.append({"speaker": group[0]["speaker"], "topic": tid, "stance": label,
                    "confidence": round(min(1.0, agreement * mean_conf + 0.05 * (len(backing) - 1)), 3),
                    "claim_ids": [c["id"] for c in group], "strongest": strongest["id"]})
    return out


def claims_from_doc(doc: Doc, doc_id: str) -> tuple[Claim, ...]:
    omap = doc._.offset_map
    text = original_text(doc)
    return tuple(
        Claim(doc_id=doc_id, id=c["id"], speaker=Speaker(**c["speaker"]), topic=c["topic"], stance=c["stance"],
              confidence=c["confidence"], evidence=original_span(text, omap, c["start"], c["end"]),
              quote_id=c["quote_id"], cues=tuple(c["cues"]))
        for c in doc._.stancelib_claims or []
    )


def stances_from_doc(doc: Doc, doc_id: str) -> tuple[StanceSummary, ...]:
    return summary_models(doc._.stancelib_stances or [], claims_from_doc(doc, doc_id), doc_id)


def summary_models(summaries: list[dict], claims: tuple[Claim, ...], doc_id: str) -> tuple[StanceSummary, ...]:
    """The StanceSummary records of :func:`aggregate`'s dicts, each with its strongest claim's evidence."""
    evidence = {c.id: c.evidence for c in claims}
    return tuple(
        StanceSummary(doc_id=doc_id, speaker=Speaker(**s["speaker"]), topic=s["topic"], stance=s["stance"],
                      confidence=s["confidence"], claim_ids=tuple(s["claim_ids"]), evidence=evidence.get(s.get("strongest")))
        for s in summaries
    )


@Language.factory("stancelib_stance", default_config={"topics": None, "stance_model": None, "min_confidence": 0.0})
def make_stance(nlp: Language, name: str, topics: Optional[str], stance_model: Optional[str], min_confidence: float) -> StanceLabeler:
    return StanceLabeler(nlp, name, topics, stance_model, min_confidence)
