"""Fitting the attribution scorer on gold files: the confidence of a direct quote's speaker that means
"how often this is right".

The attribution stage's rules propose candidates (``attribution.Candidate``); ``fit_scorer`` runs the
pipeline over gold documents, labels every candidate right or wrong against the gold speaker, fits a
logistic regression on the candidates' features (``AttributionScorer.features``) and writes its weights
as JSON (no pickle: a weights file never runs code). Held-out figures come from grouped cross-validation,
one document never in both folds: ROC AUC of the chosen candidates (right vs wrong), choice accuracy, a
reliability table and the precision/recall of ``min_confidence`` thresholds.

>>> report = fit_scorer(["fixtures/"], out="scorer.json")  # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Optional, Union

from .gold import GoldDoc, find_gold_files, load_gold
from ..errors import ConfigError, Errors

PathLike = Union[str, os.PathLike]
THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9)
NEARBY_RANK = 99  # attribution._nearby_people


def _gold_speakers(gold: GoldDoc) -> dict[int, Optional[str]]:
    """Content offset -> gold speaker (None: not speech) of the direct quotes that are not ambiguous."""
    return {q.offset: q.entry.speaker for q in gold.quotes if q.entry.kind == "direct" and q.entry.speaker != "?"}


def _gold_key(by_start: dict, omap, r: dict) -> Optional[int]:
    """The gold entry of a system quote record: its content starts after the opening mark (and spaces)."""
    start = omap.start(r["start"])
    return next((k for k in (start + 1, start, start + 2) if k in by_start), None)


def _examples(docs: list[GoldDoc], nlp) -> list[dict]:
    """One row per direct quote that has candidates and a gold answer (speaker or null)."""
    attributor = nlp.get_pipe("stancelib_attribution")
    rows = []
    for gold in docs:
        by_start = _gold_speakers(gold)
        attributor.collect = []
        try:
            doc = nlp(gold.text)
            collected = attributor.collect
        finally:
            attributor.collect = None
        omap = doc._.offset_map
        fold = gold.names
        for r, cands, overruled in collected:
            if not cands and not overruled:
                continue
            key = _gold_key(by_start, omap, r)
            if key is None:
                continue
            speaker = by_start[key]

            def right(c) -> bool:
                return speaker is not None and fold(c.mention["name"]) == fold(speaker)

            rows.append({"doc": gold.doc_id, "candidates": [(feats, right(c), c.rank) for c, feats in cands],
                         "overruled": [(feats, right(c), c.rank) for c, feats in overruled]})
    return rows


def _choose(probs: list[float], ranks: list[int]) -> int:
    return max(range(len(probs)), key=lambda i: (probs[i], -ranks[i]))


def _fit(rows: list[dict], C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for row in rows for f, _, _ in row["candidates"] + row["overruled"]]
    labels = [y for row in rows for _, y, _ in row["candidates"] + row["overruled"]]
    if len(set(labels)) < 2:
        return None  # nothing to tell apart (or no rows at all: a fold that held out every document)
    vec = DictVectorizer(sparse=False)
    X = vec.fit_transform(feats)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(X, labels)
    return vec, model


def _predict(fitted, feats: list[dict]) -> list[float]:
    vec, model = fitted
    return list(model.predict_proba(vec.transform(feats))[:, 1])


def _held_out(rows: list[dict], C: float, folds: int) -> tuple[list, list]:
    """(probability, right, prior) of the chosen candidate of every quote, and of every candidate, each
    predicted by a model that never saw its document."""
    docs = sorted({r["doc"] for r in rows})
    out, every = [], []
    for k in range(folds):
        test_docs = set(docs[k::folds])
        train = [r for r in rows if r["doc"] not in test_docs]
        fitted = _fit(train, C)
        for row in rows:
            if row["doc"] not in test_docs:
                continue
            allc = row["candidates"] + row["overruled"]
            feats = [f for f, _, _ in allc]
            probs = _predict(fitted, feats) if fitted else [f.get("prior", 0.5) for f in feats]
            every.extend((p, y, f.get("prior", 0.5), rk) for p, (f, y, rk) in zip(probs, allc))
            n = len(row["candidates"])
            if n:
                ranks = [rk for _, _, rk in row["candidates"]]
                i = _choose(probs[:n], ranks)
                out.append((probs[i], row["candidates"][i][1], feats[i].get("prior", 0.5)))
    return out, every


def _auc(pairs: list[tuple[float, bool]]) -> Optional[float]:
    from sklearn.metrics import roc_auc_score

    ys = [y for _, y in pairs]
    if len(set(ys)) < 2:
        return None
    return round(float(roc_auc_score(ys, [p for p, _ in pairs])), 3)


def reliability(pairs: list[tuple[float, bool]], bins: int = 5) -> list[dict]:
    """Per probability bin: how many quotes, their mean probability and how often they were right."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "quotes": len(inside),
                          "mean_confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                          "accuracy": round(sum(y for _, y in inside) / len(inside), 3)})
    return table


def threshold_curve(pairs: list[tuple[float, bool]], total_speech: int) -> list[dict]:
    """What ``min_confidence`` keeps: attributed quotes, their precision and the recall over speech quotes."""
    out = []
    for t in THRESHOLDS:
        kept = [(p, y) for p, y in pairs if p >= t]
        right = sum(y for _, y in kept)
        out.append({"min_confidence": t, "attributed": len(kept),
                    "precision": round(right / len(kept), 3) if kept else None,
                    "recall": round(right / total_speech, 3) if total_speech else None})
    return out


def _gold_names(docs: list[GoldDoc], gold) -> str:
    """The gold files an error names: those read, else what was given."""
    return ", ".join(sorted({Path(d.gold_file).name for d in docs})) or str(gold)


def fit_scorer(gold: Union[PathLike, Iterable[PathLike]], out: Optional[PathLike] = None, nlp=None,
               C: float = 0.05, folds: int = 5, text_dir: Optional[PathLike] = None) -> dict:
    """Fit the attribution scorer on gold files; write its weights to ``out`` (JSON) when given.

    ``C`` is strong regularisation: wrong attributions are rare in gold, and a looser fit ranked the
    held-out ones worse than the rules' fixed priors did.

    Returns the weights and a report: held-out AUC (scorer and the rules' fixed priors), choice
    accuracy, reliability table and threshold curve.
    """
    from sklearn.feature_extraction import DictVectorizer  # noqa: F401  (fail early when sklearn is missing)

    import stancelib

    nlp = nlp or stancelib.load()
    docs = [d for path in find_gold_files(gold) for d in load_gold(path, text_dir=text_dir)]
    rows = _examples(docs, nlp)
    names = _gold_names(docs, gold)
    if not rows:
        raise ConfigError(Errors.E031.format(paths=names, reason="no gold direct quote with candidates: nothing to fit"))
    n_docs = len({r["doc"] for r in rows})
    fitted = _fit(rows, C)
    if n_docs < 2 or fitted is None:
        # held-out figures need a document to hold out, the fit both right and wrong candidates
        raise ConfigError(Errors.E031.format(paths=names, reason=(
            f"{n_docs} document(s) with attributed quotes and {len(rows)} quote(s); calibration needs at least two "
            "documents and both right and wrong candidates among them")))
    held, every = _held_out(rows, C, max(2, min(folds, n_docs)))
    speech = sum(1 for d in docs for q in d.quotes if q.entry.kind == "direct" and q.entry.speaker not in (None, "?"))
    vec, model = fitted
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, model.coef_[0]) if abs(w) >= 1e-4}
    report = {
        "documents": len({r["doc"] for r in rows}), "quotes": len(rows),
        "candidates": sum(len(r["candidates"]) + len(r["overruled"]) for r in rows),
        "held_out_auc": _auc([(p, y) for p, y, _ in held]),
        "held_out_auc_of_rule_priors": _auc([(prior, y) for _, y, prior in held]),
        "held_out_candidate_auc": _auc([(p, y) for p, y, _, _ in every]),
        "held_out_candidate_auc_of_rule_priors": _auc([(prior, y) for _, y, prior, _ in every]),
        # the rules' own proposals only (without the nearby people added for fitting)
        "held_out_rule_candidate_auc": _auc([(p, y) for p, y, _, rank in every if rank != NEARBY_RANK]),
        "held_out_rule_candidate_auc_of_rule_priors": _auc([(prior, y) for _, y, prior, rank in every if rank != NEARBY_RANK]),
        "held_out_candidate_reliability": reliability([(p, y) for p, y, _, _ in every]),
        "held_out_choice_accuracy": round(sum(y for _, y, _ in held) / len(held), 3),
        "reliability": reliability([(p, y) for p, y, _ in held]),
        "thresholds": threshold_curve([(p, y) for p, y, _ in held], speech),
    }
    data = {"bias": round(float(model.intercept_[0]), 4), "weights": weights,
            "fitted_on": sorted({Path(d.gold_file).name for d in docs}), "C": C, "report": report}
    if out is not None:
        Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return data


# --- speech or term: the short quotes rules cannot decide ---------------------------------------------


def _short_quote_rows(docs: list[GoldDoc], nlp) -> list[dict]:
    """Gold-labelled short quotes (at most 12 characters, no clause inside): their features, whether they
    are speech, and what the hand-written rule says."""
    import re

    from .. import attribution

    attributor = nlp.get_pipe("stancelib_attribution")
    rows = []
    for gold in docs:
        by_start = _gold_speakers(gold)
        doc = nlp(gold.text)
        ctx = attribution._Context(doc, attributor.pats, attributor.lex, None)
        omap = doc._.offset_map
        for r in doc._.stancelib_quotes or []:
            if r["kind"] != "direct" or r.get("parent_id"):
                continue
            content = ctx.clean[r["cstart"]:r["cend"]]
            if len(content) > 12 or re.search(r"[。！？!?；;，,]", content):
                continue
            key = _gold_key(by_start, omap, r)
            if key is None:
                continue
            rows.append({"doc": gold.doc_id, "features": attribution.speech_features(r, ctx),
                         "speech": by_start[key] is not None, "rule_says_speech": not attribution._is_scare_quote(r, ctx)})
    return rows


def fit_speech_term(gold: Union[PathLike, Iterable[PathLike]], out: Optional[PathLike] = None, nlp=None,
                    C: float = 1.0, folds: int = 5, text_dir: Optional[PathLike] = None) -> dict:
    """Fit the speech-vs-term model on the short quotes of gold files; held-out accuracy against the
    hand-written rule it replaces, on the same quotes."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    import stancelib

    nlp = nlp or stancelib.load()
    docs = [d for path in find_gold_files(gold) for d in load_gold(path, text_dir=text_dir)]
    rows = _short_quote_rows(docs, nlp)
    if len({r["speech"] for r in rows}) < 2 or len({r["doc"] for r in rows}) < 2:
        raise ConfigError(Errors.E031.format(paths=_gold_names(docs, gold), reason=(
            "the speech-or-term model needs short quotes of both kinds in at least two documents")))

    def fit(train):
        vec = DictVectorizer(sparse=False)
        X = vec.fit_transform([r["features"] for r in train])
        return vec, LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(X, [r["speech"] for r in train])

    names = sorted({r["doc"] for r in rows})
    right = rule_right = 0
    for k in range(max(2, min(folds, len(names)))):
        test = set(names[k::folds])
        train = [r for r in rows if r["doc"] not in test]
        if len({r["speech"] for r in train}) < 2:
            continue
        vec, model = fit(train)
        for r in rows:
            if r["doc"] in test:
                pred = bool(model.predict(vec.transform([r["features"]]))[0])
                right += pred == r["speech"]
                rule_right += r["rule_says_speech"] == r["speech"]
    vec, model = fit(rows)
    data = {"bias": round(float(model.intercept_[0]), 4),
            "weights": {n: round(float(w), 4) for n, w in zip(vec.feature_names_, model.coef_[0]) if abs(w) >= 1e-4},
            "C": C, "report": {"short_quotes": len(rows), "speech": sum(r["speech"] for r in rows),
                               "held_out_accuracy": round(right / len(rows), 3),
                               "rule_accuracy_on_the_same_quotes": round(rule_right / len(rows), 3)}}
    if out is not None:
        Path(out).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return data
