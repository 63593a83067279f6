"""Scoring: one document's system output against its gold -> counts, errors, metrics; and :func:`evaluate`.

The system side is read the way the project's dev scorer (``shared/dev/score.py``) reads it: direct
quotes and answer turns keyed by where their content starts, the set of speaker names, and one
non-neutral label per (speaker, topic).

>>> report = evaluate(["fixtures"], nlp=nlp)                      # doctest: +SKIP
>>> report.metrics.direct_accuracy, report.metrics.stance_f1      # doctest: +SKIP
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Optional, Union

from ..errors import ConfigError, Errors
from ..types import DocResult, Quote
from .gold import (
    GoldDoc, NameFolder, check_stance_labels, find_gold_files, load_gold, opening_mark_length, skip_space, snippet_at,
)
from .report import (
    NO_SPEAKER, NO_STANCE, NOT_FOUND, NOT_SPEECH, SEVERITY, Counts, DocScore, EvalError, EvalReport, GoldFileFailure,
    Metrics, confusion_entries, merge_reports,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# --- the system side -----------------------------------------------------------------------------------


def _content_start(q: Quote, text: str) -> int:
    """Where a system quote's words start in the original text (after the mark and any spaces)."""
    i = q.span.text.find(q.content) if q.content else -1
    if i < 0:
        i = opening_mark_length(text, q.span.start) if q.kind == "direct" else 0
    return skip_space(text, q.span.start + i)


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

# --- one document: counts, errors, metrics -------------------------------------------------------------


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
        snippet = snippet_at(text, pos)
        if q.kind == "direct":
            c["quote_marks"] += 1
            c["quote_marks_found"] += sysq is not None
        elif q.speaker != "?":  # an ambiguous turn is not scored (its speaker is nobody's guess to check)
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
    return EvalReport(metrics=doc.metrics, counts=counts, documents=(doc,), confusion=confusion_entries(confusion),
                      errors=tuple(sorted(errors, key=lambda e: SEVERITY[e.kind])))


# --- evaluate: every gold document through the pipeline ------------------------------------------------


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
    from .. import extract, load

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


