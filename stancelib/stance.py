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
from .normalize import OffsetMap, _norm
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
    if user.mode == "replace":
        return TopicFile(mode="replace", topics=user.topics, polarity=user.polarity or builtin.polarity,
                         negators=user.negators or builtin.negators, reported_view=user.reported_view or builtin.reported_view,
                         contrast=user.contrast or builtin.contrast, hedges=user.hedges or builtin.hedges)
    polarity = {k: tuple(dict.fromkeys(builtin.polarity.get(k, ()) + user.polarity.get(k, ()))) for k in ("positive", "negative")}
    return TopicFile(topics={**builtin.topics, **user.topics}, polarity=polarity,
                     negators=tuple(dict.fromkeys(builtin.negators + user.negators)),
                     reported_view=tuple(dict.fromkeys(builtin.reported_view + user.reported_view)),
                     contrast=tuple(dict.fromkeys(builtin.contrast + user.contrast)),
                     hedges=tuple(dict.fromkeys(builtin.hedges + user.hedges)))


@lru_cache(maxsize=1)
def _builtin_topics() -> TopicFile:
    return TopicFile(**yaml.safe_load(resources.files("stancelib").joinpath("data/topics.yaml").read_text("utf-8")))


# --- deciding a label -------------------------------------------------------------------------------

_CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n：:]")


class StanceRules:
    """Compiled patterns of one topic file."""

    def __init__(self, topics: TopicFile):
        self.topics = topics
        self.pos = re.compile(alternation(topics.polarity.get("positive", ()))) if topics.polarity.get("positive") else None
        self.neg = re.compile(alternation(topics.polarity.get("negative", ()))) if topics.polarity.get("negative") else None
        self.negator = re.compile(f"(?:{alternation(topics.negators)})$") if topics.negators else None
        self.reported = re.compile(alternation(topics.reported_view)) if topics.reported_view else None
        self.contrast = re.compile(f"^(?:{alternation(topics.contrast)})") if topics.contrast else None
        self.hedge = re.compile(alternation(topics.hedges)) if topics.hedges else None
        self.term: dict[str, re.Pattern] = {}
        self.side_of: dict[str, dict[str, str]] = {}
        self.cue: dict[str, re.Pattern] = {}
        self.cue_label: dict[str, dict[str, str]] = {}
        for tid, t in topics.topics.items():
            side_of = {term: label for label, terms in t.sides.items() for term in terms}
            side_of.update({term: "" for term in t.triggers if term not in side_of})
            self.side_of[tid] = side_of
            self.term[tid] = re.compile(alternation(side_of), re.I)
            cue_label = {c: label for label, cues in t.cues.items() for c in cues}
            self.cue_label[tid] = cue_label
            if cue_label:
                self.cue[tid] = re.compile(alternation(cue_label))

    def topics_in(self, text: str) -> list[str]:
        return [tid for tid, pat in self.term.items() if pat.search(text)]

    def decide(self, tid: str, text: str) -> tuple[str, float, list[str]]:
        """``(label, confidence, cues)`` for topic ``tid`` in ``text``."""
        topic = self.topics.topics[tid]
        votes: dict[str, float] = defaultdict(float)
        cues: list[str] = []
        clauses = self._clauses(text)
        concession_weight = 1.0
        for clause, weight in clauses:
            if self.reported and self.reported.search(clause):
                continue
            w = weight * concession_weight
            self._vote_clause(tid, topic, clause, w, votes, cues)
        hedged = bool(self.hedge and self.hedge.search(text))
        polar = {k: v for k, v in votes.items() if k not in ("mixed", "neutral") and v > 0}
        if votes.get("mixed", 0) > 0 and topic.mixed:
            return topic.mixed, 0.7, cues
        if not polar:
            return (topic.neutral or topic.labels[-1]), 0.5, [m.group(0) for m in self.term[tid].finditer(text)][:3]
        ranked = sorted(polar.items(), key=lambda kv: -kv[1])
        top, top_w = ranked[0]
        if len(ranked) > 1 and ranked[1][1] >= 0.5 * top_w and topic.mixed:
            return topic.mixed, 0.6, cues
        conf = min(0.95, 0.55 + 0.15 * top_w) * (0.85 if hedged else 1.0)
        return top, round(conf, 3), cues

    def _clauses(self, text: str) -> list[tuple[str, float]]:
        """Clauses with weights: after a concession turn (虽然…但…), the turn counts more."""
        parts = [p for p in _CLAUSE_SPLIT.split(text) if p.strip()]
        out = []
        conceded = False
        for p in parts:
            weight = 1.0
            if re.match(r"^(?:虽然|尽管|虽说|固然)", p):
                conceded = True
                weight = 0.3
            elif conceded and self.contrast and self.contrast.match(p):
                weight = 1.2
                conceded = False
            out.append((p, weight))
        return out

    def _vote_clause(self, tid, topic, clause, weight, votes, cues) -> None:
        side_of = self.side_of[tid]
        terms = [(m.start(), m.end(), side_of.get(m.group(0), side_of.get(m.group(0).lower(), ""))) for m in self.term[tid].finditer(clause)]
        # 不是A而是B: A is rejected, B chosen.
        nm = re.search(r"(?:不是|并非|而非)(.{0,24}?)(?:，|,)?而是(.{0,24})", clause)
        if nm and terms:
            for s, e, side in terms:
                if not side:
                    continue
                if nm.start(1) <= s < nm.end(1):
                    self._add(topic, side, -1, weight, votes)
                    cues.append(clause[s:e] + "(不是)")
                elif nm.start(2) <= s < nm.end(2):
                    self._add(topic, side, +1, weight, votes)
                    cues.append(clause[s:e] + "(而是)")
            return
        polarity, pcues = self._polarity(clause)
        rhetorical = "难道" in clause or (clause.rstrip().endswith(("吗", "么")) and self.negator and re.search(r"不|没", clause))
        if rhetorical:
            polarity = -polarity
        sided = [(s, e, side) for s, e, side in terms if side]
        if len(sided) >= 2 and "比" in clause and polarity:
            # A比B更好: the side before 比 takes the polarity, the side after the opposite.
            bi = clause.index("比")
            for s, e, side in sided:
                self._add(topic, side, polarity if s < bi else -polarity, weight, votes)
            cues.extend([clause[s:e] for s, e, _ in sided] + pcues)
        elif sided and polarity:
            sides = {side for _, _, side in sided}
            for side in sides:
                self._add(topic, side, polarity, weight, votes)
            cues.extend([clause[s:e] for s, e, _ in sided][:2] + pcues)
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

    def _add(self, topic: Topic, side: str, polarity: int, weight: float, votes) -> None:
        if polarity > 0:
            votes[side] += weight
        elif polarity < 0 and side in topic.opposite:
            votes[topic.opposite[side]] += weight

    def _polarity(self, clause: str) -> tuple[int, list[str]]:
        score = 0
        cues = []
        spans = []
        for pat, sign in ((self.neg, -1), (self.pos, +1)):
            if pat is None:
                continue
            for m in pat.finditer(clause):
                if any(s < m.end() and m.start() < e for s, e in spans):
                    continue  # 不看好 is one negative cue, not 不 + 看好
                spans.append((m.start(), m.end()))
                s = -sign if self._negated(clause, m.start()) else sign
                score += s
                cues.append(m.group(0))
        return (1 if score > 0 else -1 if score < 0 else 0), cues

    def _negated(self, clause: str, pos: int) -> bool:
        return bool(self.negator and self.negator.search(clause[max(0, pos - 4):pos]))


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
            from .stance_model import StanceClassifier

            self.model = StanceClassifier.from_disk(stance_model)

    def __call__(self, doc: Doc) -> Doc:
        clean = _norm(doc)["clean"]
        records = doc._.stancelib_quotes or []
        claims = []
        last_question_topics: list[str] = []
        for r in records:
            if r["kind"] == "qa_turn" and r.get("is_question"):
                last_question_topics = self.rules.topics_in(clean[r["cstart"]:r["cend"]])
                continue
            if not r.get("speaker") or r.get("is_question") or r.get("parent_id"):
                continue
            content = clean[r["cstart"]:r["cend"]]
            topics = self.rules.topics_in(content)
            context = content
            if not topics and r["kind"] == "qa_turn":
                topics = last_question_topics
            if not topics and r["kind"] == "direct":
                frame = _frame(clean, r, doc._.sentence_spans or [])
                topics = self.rules.topics_in(frame)
                context = frame + "，" + content
            for tid in topics:
                label, conf, cues = self._decide(tid, context)
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


def aggregate(claims: list[dict], topics: TopicFile) -> list[dict]:
    """One summary per (speaker, topic): confidence-weighted; both sides -> mixed, citing both."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in claims:
        groups[(c["speaker"]["name"], c["topic"])].append(c)
    out = []
    for (name, tid), group in groups.items():
        topic = topics.topics[tid]
        weights: dict[str, float] = defaultdict(float)
        for c in group:
            weights[c["stance"]] += c["confidence"]
        polar = {k: v for k, v in weights.items() if k not in ("mixed", "neutral")}
        total = sum(weights.values()) or 1.0
        if weights.get("mixed") or (len(polar) >= 2 and sorted(polar.values())[-2] >= 0.34 * max(polar.values())):
            label = topic.mixed or max(polar, key=polar.get)
            conf = (weights.get("mixed", 0) + sum(polar.values())) / total
        elif polar:
            label = max(polar, key=polar.get)
            conf = polar[label] / total
        else:
            label = topic.neutral or group[0]["stance"]
            conf = weights.get(label, 0) / total
        mean_conf = sum(c["confidence"] for c in group) / len(group)
        out.append({"speaker": group[0]["speaker"], "topic": tid, "stance": label,
                    "confidence": round(min(1.0, conf * mean_conf + 0.05 * (len(group) - 1)), 3),
                    "claim_ids": [c["id"] for c in group]})
    return out


def claims_from_doc(doc: Doc, doc_id: str) -> tuple[Claim, ...]:
    omap = OffsetMap.from_json(_norm(doc)["map"])
    return tuple(
        Claim(doc_id=doc_id, id=c["id"], speaker=Speaker(**c["speaker"]), topic=c["topic"], stance=c["stance"],
              confidence=c["confidence"], evidence=original_span(doc.text, omap, c["start"], c["end"]),
              quote_id=c["quote_id"], cues=tuple(c["cues"]))
        for c in doc._.stancelib_claims or []
    )


def stances_from_doc(doc: Doc, doc_id: str) -> tuple[StanceSummary, ...]:
    return tuple(
        StanceSummary(doc_id=doc_id, speaker=Speaker(**s["speaker"]), topic=s["topic"], stance=s["stance"],
                      confidence=s["confidence"], claim_ids=tuple(s["claim_ids"]))
        for s in doc._.stancelib_stances or []
    )


@Language.factory("stancelib_stance", default_config={"topics": None, "stance_model": None, "min_confidence": 0.0})
def make_stance(nlp: Language, name: str, topics: Optional[str], stance_model: Optional[str], min_confidence: float) -> StanceLabeler:
    return StanceLabeler(nlp, name, topics, stance_model, min_confidence)
