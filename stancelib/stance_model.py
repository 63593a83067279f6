"""A learned, target-aware stance classifier (NLPCC-2016 style: one post, one target, one label).

Why this design (numbers in ``docs/stance_model.md``):
- features are character n-grams, because Chinese has no spaces and a word segmenter would need a
  model download; n-grams are taken both across the whole post and inside punctuation-bounded
  segments (with ``^``/``$`` edge marks), plus a short "negation scope" view after 不/没/无...,
  counted and TF-IDF weighted by scikit-learn's ``CountVectorizer`` and ``TfidfTransformer``;
- every feature exists twice: once shared by all targets and once only for the post's own target
  (feature augmentation), so the model learns what is stance-bearing everywhere and what flips or
  matters for one target only;
- a linear SVM (liblinear) is fast and was as good as logistic regression or ensembles here; its
  scores become probabilities through one softmax temperature fitted on out-of-fold scores;
- the model is saved as ``meta.json`` (vocabularies, document frequencies, settings) and
  ``weights.npz`` (plain numeric arrays, read with ``allow_pickle=False``): loading a model never
  runs code (the vectorizers are rebuilt from the saved vocabulary and df), and a reloaded model
  scores exactly the same.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import threading
import time
import unicodedata
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np
import scipy.sparse as sp

from .errors import Errors, StanceLibError

__all__ = [
    "StanceModelError", "StanceClassifier", "read_rows", "train", "classify", "cross_validate", "f_avg",
    "stance_scores", "FORMAT_VERSION",
]

FORMAT_VERSION = 1
META_FILE = "meta.json"
WEIGHTS_FILE = "weights.npz"

# --- text preparation -------------------------------------------------------------------------------

# URLs are mostly t.cn short links: random letters that only add noise features.
_URL_RE = re.compile(r"(?:https?://|www\.)[0-9A-Za-z./?=&%_#:+~-]*")
_SPACE_RE = re.compile(r"\s+")
# Segment boundaries: whitespace and (full- or half-width, after NFKC) punctuation. ``@`` is not one,
# so ``@深圳交警`` stays a unit; ``#`` is, so ``#话题#`` marks are boundaries.
_SEGMENT_RE = re.compile(r"[\s,.!?;:()\[\]{}<>\"'/\\|#、。“”‘’《》【】「」『』〔〕…—~·•]+")
# A negator opens a short scope whose n-grams are also counted as "negated" features.
_NEGATOR_RE = re.compile(r"[不没沒别別非无無未莫勿]")
_TARGET_PUNCT_RE = re.compile(r"[\s\W_]+")
_LINE_SPLIT_RE = re.compile(r"\r?\n")

_NEG_SCOPE = 6  # characters from the negator on


def prepare(text: str) -> str:
    """The analysis form of a post: NFKC (full-width -> half-width), lower case, URLs dropped."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _URL_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def _segments(prepared: str) -> list[str]:
    return [s for s in _SEGMENT_RE.split(prepared) if s]


def _char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    return [text[i:i + n] for n in range(lo, hi + 1) for i in range(len(text) - n + 1)]


def _analyze(kind: str, lo: int, hi: int, prepared: str) -> list[str]:
    """The n-grams of the ``segment`` and ``negation`` views (``char`` is scikit-learn's own analyzer)."""
    if kind == "segment":
        out: list[str] = []
        for seg in _segments(prepared):
            out.extend(_char_ngrams("^" + seg + "$", lo, hi))
        return out
    if kind == "negation":
        out = []
        for seg in _segments(prepared):
            m = _NEGATOR_RE.search(seg)
            if m:
                scope = seg[m.start():m.start() + _NEG_SCOPE]
                out.extend(_char_ngrams(scope, lo, hi))
        return out
    raise StanceModelError(f"unknown feature view {kind!r}")


def _analyzer_options(kind: str, lo: int, hi: int) -> dict:
    """How scikit-learn's vectorizers cut one view into n-grams; ``kind`` is saved in meta.json, so keep the names stable."""
    if kind == "char":  # 1-4-grams over the whole post; prepare() has lower-cased it already
        return {"analyzer": "char", "ngram_range": (lo, hi), "lowercase": False}
    if kind in ("segment", "negation"):
        return {"analyzer": partial(_analyze, kind, lo, hi)}
    raise StanceModelError(f"unknown feature view {kind!r}")


def _target_key(target: str) -> str:
    return _TARGET_PUNCT_RE.sub("", unicodedata.normalize("NFKC", target or "").lower())


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


# --- errors -----------------------------------------------------------------------------------------


class StanceModelError(StanceLibError, ValueError):
    """A data file or a model directory cannot be used: the message names the path and the reason, under
    ``[E023]`` unless it carries a code of its own (``[E022]``)."""

    def __init__(self, message: str):
        super().__init__(message if message.startswith("[E") else f"[E023] {message}")


# --- metric -----------------------------------------------------------------------------------------


def stance_scores(gold: Sequence[str], pred: Sequence[str], favor: str = "FAVOR",
                  against: str = "AGAINST") -> dict:
    """Official NLPCC-2016 scores: per-label P/R/F1 pooled over all posts, F_avg of FAVOR and AGAINST.

    NONE is not averaged in, but a wrong NONE still costs recall (gold FAVOR/AGAINST missed) or a
    wrong FAVOR/AGAINST costs precision. A label never predicted has precision 0 (and F1 0).
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels but pred has {len(pred)}")
    out: dict = {}
    for name, label in (("favor", favor), ("against", against)):
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f"precision_{name}"], out[f"recall_{name}"], out[f"f1_{name}"] = prec, rec, f1
    out["f_avg"] = (out["f1_favor"] + out["f1_against"]) / 2
    return out


def f_avg(gold: Sequence[str], pred: Sequence[str]) -> float:
    """F_avg = (F1_FAVOR + F1_AGAINST) / 2, pooled over all posts (the official NLPCC-2016 metric)."""
    return stance_scores(gold, pred)["f_avg"]


# --- reading data -----------------------------------------------------------------------------------

_FORMATS = {".tsv": "tsv", ".tab": "tsv", ".csv": "csv", ".jsonl": "jsonl", ".json-lines": "jsonl",
            ".ndjson": "jsonl"}


def _read_text_file(p: Path) -> str:
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise StanceModelError(f"Cannot read {p}: no such file") from None
    except IsADirectoryError:
        raise StanceModelError(f"Cannot read {p}: it is a directory") from None
    except OSError as e:
        raise StanceModelError(f"Cannot read {p}: {e.strerror or e}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise StanceModelError(f"Cannot read {p}: not UTF-8 (byte {e.start}: {e.reason})") from None


def _sniff(text: str) -> str:
    """jsonl when the first line is a JSON object, else tsv or csv as ``csv.Sniffer`` finds the delimiter."""
    lines = [ln for ln in _LINE_SPLIT_RE.split(text[:65536]) if ln.strip()][:50]
    first = lines[0] if lines else ""
    if first.lstrip().startswith("{"):
        return "jsonl"
    try:
        return "tsv" if csv.Sniffer().sniff("\n".join(lines), delimiters="\t,").delimiter == "\t" else "csv"
    except csv.Error:  # a single column or no consistent delimiter: a tab in the header decides
        return "tsv" if "\t" in first else "csv"


def read_rows(path: str | os.PathLike, text_col: str = "text", target_col: str = "target",
              label_col: str = "label", id_col: str = "id", require_label: bool = True) -> list[dict]:
    """Rows of a TSV, CSV or JSON-lines file as ``{"id", "text", "target", "label"}`` dicts.

    The format comes from the extension (.tsv/.csv/.jsonl/.json-lines), else from the first lines (_sniff).
    TSV is split on tabs with no quoting (the NLPCC release format); CSV uses the csv module. A
    missing id column or empty id gives the 1-based row number; ``label`` is None when the column is
    absent and ``require_label`` is False. Every problem raises :class:`StanceModelError`.
    """
    p = Path(path)
    text = _read_text_file(p)
    if not text.strip():
        raise StanceModelError(f"Cannot read {p}: the file is empty")
    fmt = _FORMATS.get(p.suffix.lower()) or _sniff(text)
    records = _jsonl_records(p, text) if fmt == "jsonl" else _table_records(p, text, fmt)
    rows: list[dict] = []
    for n, (line_no, rec, columns) in enumerate(records, start=1):
        if columns is not None or fmt == "jsonl":  # a table's header once, every JSON object
            needed = [text_col, target_col] + ([label_col] if require_label else [])
            have = columns if columns is not None else set(rec)
            missing = [c for c in needed if c not in have]
            if missing:
                where = "the header" if columns is not None else f"line {line_no}"
                raise StanceModelError(f"Cannot read {p}: {where} has no column {', '.join(map(repr, missing))}"
                                       f" (columns: {', '.join(sorted(map(str, have)))})")
        label = rec.get(label_col)
        label = None if label is None else str(label).strip()
        if require_label and not label:
            raise StanceModelError(f"Cannot read {p}: line {line_no} has an empty {label_col!r}")
        rid = rec.get(id_col)
        rid = str(rid).strip() if rid is not None and str(rid).strip() else str(n)
        rows.append({"id": rid, "text": str(rec.get(text_col) or ""), "target": str(rec.get(target_col) or "").strip(),
                     "label": label or None})
    if not rows:
        raise StanceModelError(f"Cannot read {p}: no data rows")
    return rows


def _table_records(p: Path, text: str, fmt: str) -> Iterable[tuple[int, dict, Optional[set]]]:
    """(line number, record, header columns) of a TSV or CSV file; header columns only with row 1."""
    if fmt == "tsv":
        # Split by hand, not csv.reader: NLPCC posts hold bare quotes ("引号") that csv's quoting would swallow.
        lines = _LINE_SPLIT_RE.split(text)
        header = lines[0].split("\t")
        header = [h.strip() for h in header]
        out = []
        for i, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != len(header):
                raise StanceModelError(f"Cannot read {p}: line {i} has {len(fields)} tab-separated fields, "
                                       f"the header has {len(header)}")
            out.append((i, dict(zip(header, fields)), set(header) if not out else None))
        if not out:
            raise StanceModelError(f"Cannot read {p}: no data rows under the header")
        return out
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [h.strip() for h in next(reader)]
        out = []
        for fields in reader:
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                raise StanceModelError(f"Cannot read {p}: line {reader.line_num} has {len(fields)} fields, "
                                       f"the header has {len(header)}")
            out.append((reader.line_num, dict(zip(header, fields)), set(header) if not out else None))
    except csv.Error as e:
        raise StanceModelError(f"Cannot read {p}: bad CSV ({e})") from None
    if not out:
        raise StanceModelError(f"Cannot read {p}: no data rows under the header")
    return out


def _jsonl_records(p: Path, text: str) -> list[tuple[int, dict, None]]:
    out = []
    for i, line in enumerate(_LINE_SPLIT_RE.split(text), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise StanceModelError(f"Cannot read {p}: line {i} is not valid JSON ({e.msg})") from None
        if not isinstance(rec, dict):
            raise StanceModelError(f"Cannot read {p}: line {i} is not a JSON object")
        out.append((i, rec, None))
    return out


# --- features ---------------------------------------------------------------------------------------


class _View:
    """One feature view: an n-gram kind with its vocabulary and document frequencies.

    scikit-learn's ``CountVectorizer`` (the view's n-grams) then ``TfidfTransformer(sublinear_tf=True,
    smooth_idf=True, norm="l2")``, scaled by ``weight``: ``TfidfVectorizer`` in two steps, so that the
    training counts are reused. Only the vocabulary and the df list are saved; both steps are rebuilt
    from them (a fixed vocabulary, the idf recomputed from df), so loading runs no pickled code.
    """

    def __init__(self, kind: str, lo: int, hi: int, weight: float, vocab: list[str], df: np.ndarray,
                 n_docs: int, min_df: int = 1):
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

        self.kind, self.lo, self.hi, self.weight, self.min_df = kind, lo, hi, float(weight), int(min_df)
        self.vocab = list(vocab)
        self.df = np.asarray(df, dtype=np.int64)
        self.n_docs = int(n_docs)
        options = _analyzer_options(kind, lo, hi)  # also checks the kind
        self._counts = None
        if self.vocab:  # scikit-learn refuses an empty vocabulary; an empty view is zero columns
            self._counts = CountVectorizer(**options, dtype=np.float64, vocabulary={g: i for i, g in enumerate(self.vocab)})
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        # The smoothed idf from the saved counts, as TfidfTransformer.fit computes it on the same posts.
        self._tfidf.idf_ = np.log((1.0 + self.n_docs) / (1.0 + self.df)) + 1.0

    @classmethod
    def fit_transform(cls, kind: str, lo: int, hi: int, weight: float, docs: Sequence[str],
                      min_df: int = 1) -> tuple["_View", sp.csr_matrix]:
        """The view learnt from ``docs`` and their features (equal to ``transform(docs)``), counting once."""
        from sklearn.feature_extraction.text import CountVectorizer

        vectorizer = CountVectorizer(**_analyzer_options(kind, lo, hi), min_df=min_df, dtype=np.float64)
        try:
            counts = vectorizer.fit_transform(docs)
        except ValueError:  # no n-gram at all (e.g. no negator anywhere): an empty view
            return cls(kind, lo, hi, weight, [], np.zeros(0, dtype=np.int64), len(docs), min_df), sp.csr_matrix((len(docs), 0))
        # fit_transform renumbers columns alphabetically without re-sorting each row; sort them as
        # transform() has them, so the l2 norms are summed in the same order (bit-identical features).
        counts = sp.csr_matrix((counts.data, counts.indices, counts.indptr), shape=counts.shape)
        counts.sort_indices()
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        view = cls(kind, lo, hi, weight, vectorizer.get_feature_names_out().tolist(), df, len(docs), min_df)
        return view, view._weighted(counts)

    def transform(self, docs: Sequence[str]) -> sp.csr_matrix:
        if self._counts is None or not len(docs):  # scikit-learn refuses zero posts too
            return sp.csr_matrix((len(docs), len(self.vocab)))
        return self._weighted(self._counts.transform(docs))

    def _weighted(self, counts) -> sp.csr_matrix:
        X = sp.csr_matrix(self._tfidf.transform(counts))
        if self.weight != 1.0:
            X.data *= self.weight
        return X

    def meta(self) -> dict:
        return {"kind": self.kind, "ngram_range": [self.lo, self.hi], "weight": self.weight,
                "min_df": self.min_df, "n_docs": self.n_docs, "vocabulary": self.vocab, "df": self.df.tolist()}


# --- the classifier ---------------------------------------------------------------------------------

DEFAULT_VIEWS = (
    # kind, lowest n, highest n, weight, min_df
    ("char", 1, 4, 1.0, 1),
    ("segment", 1, 4, 1.0, 1),
    ("negation", 2, 3, 0.5, 1),
)


class StanceClassifier:
    """Stance of a text towards a target: ``fit`` on (text, target, label), ``predict`` labels.

    ``C`` is the SVM's inverse regularisation; ``target_weight`` scales the per-target copy of the
    features (0 switches it off); ``calibration_folds`` out-of-fold fits set the probability
    temperature (0 or 1 skips them, temperature 1). A target not seen in training is matched to a
    known one by name (case, spaces and punctuation ignored, then character-bigram overlap >= 0.6,
    e.g. ``俄罗斯叙利亚反恐行动``); otherwise only the shared features score it.

    Prediction reads the fitted arrays only, so one instance may serve many threads.
    """

    def __init__(self, C: float = 0.5, target_weight: float = 1.5, views: Sequence[Sequence] = DEFAULT_VIEWS,
                 calibration_folds: int = 3, class_weight: Optional[dict] = None, random_state: int = 0,
                 max_iter: int = 5000):
        self.C = float(C)
        self.target_weight = float(target_weight)
        self.view_specs = [tuple(v) for v in views]
        self.calibration_folds = int(calibration_folds)
        self.class_weight = dict(class_weight) if class_weight else None
        self.random_state = int(random_state)
        self.max_iter = int(max_iter)
        self._views: list[_View] = []
        self._labels: list[str] = []
        self._targets: list[str] = []
        self._target_index: dict[str, int] = {}
        self._shared: Optional[np.ndarray] = None  # (n_features, n_labels)
        self._per_target: list[sp.csr_matrix] = []  # each (n_features, n_labels), mostly zero rows
        self._intercept: Optional[np.ndarray] = None
        self.temperature = 1.0
        self.summary: dict = {}

    # -- public API --

    @property
    def labels(self) -> list[str]:
        """The labels seen in training (sorted); the only labels ``predict`` returns."""
        return list(self._labels)

    @property
    def targets(self) -> list[str]:
        """The targets seen in training."""
        return list(self._targets)

    def hyperparameters(self) -> dict:
        """The constructor settings, as saved in meta.json so from_disk rebuilds the same object."""
        return {"C": self.C, "target_weight": self.target_weight, "views": [list(v) for v in self.view_specs],
                "calibration_folds": self.calibration_folds, "class_weight": self.class_weight,
                "random_state": self.random_state, "max_iter": self.max_iter}

    def fit(self, texts: Sequence[str], targets: Sequence[str], labels: Sequence[str]) -> "StanceClassifier":
        """Learn from parallel lists; raises StanceModelError on mismatched lengths or < 2 labels."""
        texts, targets, labels = list(texts), [str(t) for t in targets], [str(y) for y in labels]
        if not (len(texts) == len(targets) == len(labels)):
            raise StanceModelError(f"fit needs parallel lists: {len(texts)} texts, {len(targets)} targets, "
                                   f"{len(labels)} labels")
        classes = sorted(set(labels))
        if len(classes) < 2:
            raise StanceModelError(f"fit needs at least 2 different labels, got {classes}")
        t0 = time.perf_counter()
        prepared = [prepare(t) for t in texts]
        y = np.array(labels)
        self._fit_arrays(prepared, targets, y)
        if self.calibration_folds >= 2 and min(Counter(labels).values()) >= self.calibration_folds:
            oof = self._out_of_fold_scores(prepared, targets, y)
            self.temperature = _fit_temperature(oof, np.searchsorted(self._labels, y))
            oof_pred = [self._labels[i] for i in oof.argmax(1)]
        else:
            self.temperature, oof_pred = 1.0, None
        counts = Counter(labels)
        self.summary = {
            "rows": len(labels), "labels": self.labels, "label_counts": {k: counts[k] for k in self._labels},
            "target_counts": dict(Counter(targets).most_common()),
            "features": int(sum(len(v.vocab) for v in self._views)),
            "temperature": self.temperature,
            "train_seconds": round(time.perf_counter() - t0, 2),
        }
        if oof_pred is not None:
            self.summary["oof_accuracy"] = float(np.mean(np.array(oof_pred) == y))
            if {"FAVOR", "AGAINST"} <= set(classes):
                self.summary["oof_f_avg"] = stance_scores(labels, oof_pred)["f_avg"]
        return self

    def decision_function(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        """Raw linear scores, (n, n_labels) in ``labels`` order."""
        self._check_fitted()
        texts, targets = list(texts), list(targets)
        if len(texts) != len(targets):
            raise StanceModelError(f"{len(texts)} texts but {len(targets)} targets")
        return self._scores([prepare(t) for t in texts], [self._resolve_target(t) for t in targets])

    def predict(self, texts: Sequence[str], targets: Sequence[str]) -> list[str]:
        """The most likely label of each (text, target)."""
        d = self.decision_function(texts, targets)
        return [self._labels[i] for i in d.argmax(1)]

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str]) -> list[dict[str, float]]:
        """Label -> probability for each (text, target): softmax of the scores at the fitted temperature."""
        p = _softmax(self.decision_function(texts, targets) * self.temperature)
        return [dict(zip(self._labels, map(float, row))) for row in p]

    def predict_one(self, text: str, target: str) -> tuple[str, float]:
        """(label, probability) of one statement; for pipeline components."""
        p = _softmax(self.decision_function([text], [target]) * self.temperature)[0]
        i = int(p.argmax())
        return self._labels[i], float(p[i])

    # -- persistence --

    def to_disk(self, path: str | os.PathLike) -> None:
        """Write ``meta.json`` and ``weights.npz`` into the directory ``path`` (created if needed)."""
        self._check_fitted()
        d = Path(path)
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StanceModelError(f"Cannot write a model to {d}: {e.strerror or e}") from None
        meta = {
            "format": "stancelib-stance-model", "format_version": FORMAT_VERSION,
            "labels": self._labels, "targets": self._targets, "temperature": self.temperature,
            "hyperparameters": self.hyperparameters(), "summary": self.summary,
            "views": [v.meta() for v in self._views],
        }
        arrays = {"shared": self._shared.astype(np.float32), "intercept": self._intercept}
        for k, m in enumerate(self._per_target):
            rows = np.flatnonzero(np.diff(m.indptr))
            arrays[f"target{k}_rows"] = rows.astype(np.int64)
            arrays[f"target{k}_weights"] = m[rows].toarray().astype(np.float32)
        try:
            _atomic_write(d / META_FILE, lambda f: f.write(json.dumps(meta, ensure_ascii=False).encode("utf-8")))
            _atomic_write(d / WEIGHTS_FILE, lambda f: np.savez_compressed(f, **arrays))
        except OSError as e:
            raise StanceModelError(f"Cannot write a model to {d}: {e.strerror or e}") from None

    @classmethod
    def from_disk(cls, path: str | os.PathLike) -> "StanceClassifier":
        """Load a model directory; any missing file or bad content raises StanceModelError naming it."""
        d = Path(path)
        if not d.is_dir():
            raise StanceModelError(f"Cannot load a stance model from {d}: not a directory")
        meta_p, weights_p = d / META_FILE, d / WEIGHTS_FILE
        for p in (meta_p, weights_p):
            if not p.is_file():
                raise StanceModelError(f"Cannot load a stance model from {d}: {p.name} is missing")
        try:
            meta = json.loads(meta_p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise StanceModelError(f"Cannot load a stance model from {meta_p}: {e}") from None
        if not isinstance(meta, dict) or meta.get("format") != "stancelib-stance-model":
            raise StanceModelError(f"Cannot load a stance model from {meta_p}: not a stancelib stance model")
        if meta.get("format_version") != FORMAT_VERSION:
            raise StanceModelError(f"Cannot load a stance model from {meta_p}: format version "
                                   f"{meta.get('format_version')!r}, this stancelib reads {FORMAT_VERSION}")
        try:
            with np.load(weights_p, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except Exception as e:  # zipfile/ValueError/OSError: any unreadable npz is the same problem
            raise StanceModelError(f"Cannot load a stance model from {weights_p}: {e}") from None
        # A NaN weight would make every prediction NaN (or one label) without any error later.
        for key, arr in arrays.items():
            if arr.dtype.kind == "f" and not np.isfinite(arr).all():
                raise StanceModelError(Errors.E022.format(path=weights_p, what=f"array {key!r}"))
        if not math.isfinite(float(meta.get("temperature", 1.0))):
            raise StanceModelError(Errors.E022.format(path=meta_p, what="the temperature"))
        try:
            return cls._from_parts(meta, arrays)
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise StanceModelError(f"Cannot load a stance model from {d}: inconsistent files ({e!r})") from None

    @classmethod
    def _from_parts(cls, meta: dict, arrays: dict) -> "StanceClassifier":
        hp = meta["hyperparameters"]
        self = cls(C=hp["C"], target_weight=hp["target_weight"], views=[tuple(v) for v in hp["views"]],
                   calibration_folds=hp["calibration_folds"], class_weight=hp.get("class_weight"),
                   random_state=hp["random_state"], max_iter=hp.get("max_iter", 5000))
        self._labels = [str(x) for x in meta["labels"]]
        self._set_targets([str(t) for t in meta["targets"]])
        self.temperature = float(meta["temperature"])
        self.summary = dict(meta.get("summary") or {})
        self._views = []
        for v in meta["views"]:
            if len(v["vocabulary"]) != len(v["df"]):
                raise ValueError(f"view {v['kind']}: {len(v['vocabulary'])} n-grams but {len(v['df'])} df values")
            self._views.append(_View(v["kind"], int(v["ngram_range"][0]), int(v["ngram_range"][1]), float(v["weight"]),
                                     [str(g) for g in v["vocabulary"]], np.asarray(v["df"], dtype=np.int64),
                                     int(v["n_docs"]), int(v.get("min_df", 1))))
        n_feat, n_lab = sum(len(v.vocab) for v in self._views), len(self._labels)
        shared = np.asarray(arrays["shared"], dtype=np.float64)
        intercept = np.asarray(arrays["intercept"], dtype=np.float64)
        if shared.shape != (n_feat, n_lab) or intercept.shape != (n_lab,):
            raise ValueError(f"weights are {shared.shape}/{intercept.shape}, expected ({n_feat}, {n_lab})/({n_lab},)")
        self._shared, self._intercept = shared, intercept
        self._per_target = []
        for k in range(len(self._targets)):
            rows = np.asarray(arrays[f"target{k}_rows"], dtype=np.int64)
            w = np.asarray(arrays[f"target{k}_weights"], dtype=np.float64)
            if w.shape != (len(rows), n_lab) or (len(rows) and (rows.min() < 0 or rows.max() >= n_feat)):
                raise ValueError(f"target {k} weights are {w.shape} for {len(rows)} rows")
            self._per_target.append(_rows_to_csr(rows, w, n_feat))
        if len(self._labels) < 2:
            raise ValueError("fewer than 2 labels")
        return self

    # -- internals --

    def _check_fitted(self) -> None:
        if self._shared is None:
            raise StanceModelError("the stance model is not fitted: call fit() or from_disk() first")

    def _set_targets(self, targets: list[str]) -> None:
        self._targets = targets
        self._target_index = {}
        for k, t in enumerate(targets):
            self._target_index.setdefault(_target_key(t), k)

    def _resolve_target(self, target: str) -> int:
        """Index of a known target, or -1: exact, then normalised name, then bigram overlap >= 0.6."""
        key = _target_key(target)
        k = self._target_index.get(key)
        if k is not None:
            return k
        grams = _bigrams(key)
        best, best_k = 0.0, -1
        for known, kk in self._target_index.items():
            other = _bigrams(known)
            if grams and other:
                dice = 2 * len(grams & other) / (len(grams) + len(other))
                if dice > best:
                    best, best_k = dice, kk
        return best_k if best >= 0.6 else -1

    def _features(self, prepared: Sequence[str]) -> sp.csr_matrix:
        return sp.hstack([v.transform(prepared) for v in self._views], format="csr")

    def _scores(self, prepared: Sequence[str], target_ids: Sequence[int]) -> np.ndarray:
        X = self._features(prepared)
        out = np.asarray(X @ self._shared) + self._intercept
        if self.target_weight:
            tids = np.asarray(target_ids)
            for k, W in enumerate(self._per_target):
                rows = np.flatnonzero(tids == k)
                if len(rows):
                    out[rows] += self.target_weight * np.asarray((X[rows] @ W).todense())
        return out

    def _design(self, X: sp.csr_matrix, target_ids: np.ndarray, n_targets: int) -> sp.csr_matrix:
        """[X | w*X restricted to target 0 | ... ]: the augmented training matrix."""
        if not self.target_weight:
            return X
        blocks = [X]
        for k in range(n_targets):
            blocks.append(sp.diags((target_ids == k).astype(np.float64) * self.target_weight) @ X)
        return sp.hstack(blocks, format="csr")

    def _fit_arrays(self, prepared: list[str], targets: list[str], y: np.ndarray) -> None:
        from sklearn.svm import LinearSVC

        fitted = [_View.fit_transform(kind, lo, hi, w, prepared, min_df) for kind, lo, hi, w, min_df in self.view_specs]
        self._views = [view for view, _ in fitted]
        self._set_targets(sorted(set(targets)))
        self._labels = sorted(set(y.tolist()))
        tids = np.array([self._target_index[_target_key(t)] for t in targets])
        X = sp.hstack([x for _, x in fitted], format="csr")
        svm = LinearSVC(C=self.C, class_weight=self.class_weight, random_state=self.random_state,
                        max_iter=self.max_iter)
        svm.fit(self._design(X, tids, len(self._targets)), y)
        coef, icpt = svm.coef_, svm.intercept_
        if len(self._labels) == 2:  # liblinear keeps one row for two classes: score the first as -s
            coef, icpt = np.vstack([-coef, coef]), np.concatenate([-icpt, icpt])
        # Weights are rounded to float32 here, as they are saved, so a reloaded model is identical.
        coef = coef.astype(np.float32).astype(np.float64)
        n = X.shape[1]
        self._shared = np.ascontiguousarray(coef[:, :n].T)
        self._intercept = np.asarray(icpt, dtype=np.float64)
        self._per_target = []
        if self.target_weight:
            for k in range(len(self._targets)):
                block = coef[:, n * (k + 1):n * (k + 2)].T
                rows = np.flatnonzero(np.any(block != 0, axis=1))
                self._per_target.append(_rows_to_csr(rows, block[rows], n))
        else:
            self._per_target = [sp.csr_matrix((n, len(self._labels))) for _ in self._targets]

    def _out_of_fold_scores(self, prepared: list[str], targets: list[str], y: np.ndarray) -> np.ndarray:
        """Scores of each training row by a model that did not see it (for the temperature)."""
        from sklearn.model_selection import StratifiedKFold

        strata = _strata(targets, y.tolist(), self.calibration_folds)
        skf = StratifiedKFold(self.calibration_folds, shuffle=True, random_state=self.random_state)
        oof = np.zeros((len(y), len(self._labels)))
        for tr, te in skf.split(np.zeros(len(y)), strata):
            sub = StanceClassifier(C=self.C, target_weight=self.target_weight, views=self.view_specs,
                                   calibration_folds=0, class_weight=self.class_weight,
                                   random_state=self.random_state, max_iter=self.max_iter)
            sub._fit_arrays([prepared[i] for i in tr], [targets[i] for i in tr], y[tr])
            s = sub._scores([prepared[i] for i in te], [sub._resolve_target(targets[i]) for i in te])
            cols = [sub._labels.index(lab) if lab in sub._labels else -1 for lab in self._labels]
            for j, c in enumerate(cols):
                oof[te, j] = s[:, c] if c >= 0 else -1e3
        return oof


def _rows_to_csr(rows: np.ndarray, values: np.ndarray, n_rows: int) -> sp.csr_matrix:
    values = np.asarray(values, dtype=np.float64)
    n_cols = values.shape[1] if values.ndim == 2 else 0
    counts = np.zeros(n_rows + 1, dtype=np.int64)
    counts[np.asarray(rows, dtype=np.int64) + 1] = n_cols
    indptr = np.cumsum(counts)
    indices = np.tile(np.arange(n_cols, dtype=np.int64), len(rows))
    return sp.csr_matrix((values.reshape(-1), indices, indptr), shape=(n_rows, n_cols))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_temperature(scores: np.ndarray, gold_idx: np.ndarray) -> float:
    """The factor a minimising the log loss of softmax(a * scores) (golden-section search on log a)."""
    def nll(log_a: float) -> float:
        p = _softmax(scores * math.exp(log_a))
        return float(-np.mean(np.log(np.clip(p[np.arange(len(gold_idx)), gold_idx], 1e-12, None))))

    lo, hi = math.log(0.05), math.log(50.0)
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = nll(a), nll(b)
    for _ in range(60):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = nll(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = nll(b)
    return round(math.exp((lo + hi) / 2), 6)


def _strata(targets: Sequence[str], labels: Sequence[str], folds: int) -> list[str]:
    """Stratify by (target, label), falling back to label where a pair is rarer than the folds."""
    pairs = [f"{t}\x00{y}" for t, y in zip(targets, labels)]
    counts = Counter(pairs)
    strata = [p if counts[p] >= folds else y for p, y in zip(pairs, labels)]
    counts = Counter(strata)
    return [s if counts[s] >= folds else "\x00rare" for s in strata]


def _atomic_write(path: Path, write) -> None:
    """Write via a temporary sibling and rename, so a crash never leaves half a model file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --- file-level helpers (the CLI's `stancelib train` / `stancelib classify`) -------------------------


def train(data_path: str | os.PathLike, model_dir: str | os.PathLike, text_col: str = "text",
          target_col: str = "target", label_col: str = "label", **params) -> dict:
    """Fit a StanceClassifier on a labelled file and save it to ``model_dir``; returns its summary.

    ``params`` go to :class:`StanceClassifier` (defaults are the cross-validated ones).
    """
    rows = read_rows(data_path, text_col=text_col, target_col=target_col, label_col=label_col)
    model = StanceClassifier(**params).fit([r["text"] for r in rows], [r["target"] for r in rows],
                                           [r["label"] for r in rows])
    model.to_disk(model_dir)
    return {"rows": len(rows), "labels": model.labels, "label_counts": model.summary["label_counts"],
            "targets": model.summary["target_counts"], "features": model.summary["features"],
            "train_seconds": model.summary["train_seconds"], "model_dir": str(model_dir)}


def classify(model_dir: str | os.PathLike, data_path: str | os.PathLike, out_path: str | os.PathLike | None = None,
             text_col: str = "text", target_col: str = "target", id_col: str = "id") -> list[tuple[str, str]]:
    """(id, label) for every row of ``data_path``, in input order; labels need not be in the file.

    With ``out_path``, also writes a TSV: header ``id<TAB>label``, one line per input row (tabs and
    newlines inside an id become spaces).
    """
    model = StanceClassifier.from_disk(model_dir)
    rows = read_rows(data_path, text_col=text_col, target_col=target_col, id_col=id_col, require_label=False)
    labels = model.predict([r["text"] for r in rows], [r["target"] for r in rows])
    out = [(r["id"], lab) for r, lab in zip(rows, labels)]
    if out_path is not None:
        p = Path(out_path)
        body = "id\tlabel\n" + "".join(f"{_SPACE_RE.sub(' ', rid)}\t{lab}\n" for rid, lab in out)
        try:
            if str(p.parent):
                p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(body, encoding="utf-8", newline="\n")
        except OSError as e:
            raise StanceModelError(f"Cannot write {p}: {e.strerror or e}") from None
    return out


def cross_validate(data_path: str | os.PathLike, folds: int = 5, seed: int = 0, text_col: str = "text",
                   target_col: str = "target", label_col: str = "label", **params) -> dict:
    """Stratified k-fold CV (strata: target x label, shuffled with ``seed``) of the official scores.

    Returns ``{"folds": [{f_avg, f1_favor, f1_against, ...}, ...], "mean": {...}, "std": {...}}``
    (std is the population std over folds).
    """
    from sklearn.model_selection import StratifiedKFold

    rows = read_rows(data_path, text_col=text_col, target_col=target_col, label_col=label_col)
    texts, targets, labels = [r["text"] for r in rows], [r["target"] for r in rows], [r["label"] for r in rows]
    if folds < 2 or folds > len(rows):
        raise StanceModelError(f"Cannot cross-validate {data_path}: {folds} folds for {len(rows)} rows")
    params.setdefault("calibration_folds", 0)  # probabilities do not change the labels scored here
    skf = StratifiedKFold(folds, shuffle=True, random_state=seed)
    try:
        splits = list(skf.split(np.zeros(len(rows)), _strata(targets, labels, folds)))
    except ValueError as e:  # e.g. a label rarer than the folds
        raise StanceModelError(f"Cannot cross-validate {data_path}: {e}") from None
    per_fold = []
    for k, (tr, te) in enumerate(splits):
        t0 = time.perf_counter()
        model = StanceClassifier(**params).fit([texts[i] for i in tr], [targets[i] for i in tr], [labels[i] for i in tr])
        pred = model.predict([texts[i] for i in te], [targets[i] for i in te])
        scores = stance_scores([labels[i] for i in te], pred)
        scores.update(fold=k, rows=len(te), seconds=round(time.perf_counter() - t0, 2))
        per_fold.append(scores)
    keys = ["f_avg", "f1_favor", "f1_against", "precision_favor", "recall_favor", "precision_against", "recall_against"]
    return {"folds": per_fold, "mean": {k: float(np.mean([f[k] for f in per_fold])) for k in keys},
            "std": {k: float(np.std([f[k] for f in per_fold])) for k in keys}, "seed": seed, "n_folds": folds}
