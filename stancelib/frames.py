"""Results as tables: flat rows (one per claim, quote or stance summary) and pandas DataFrames.

The rows are plain dicts with the same columns whatever the input, so a DataFrame of no results still
has its columns and :mod:`stancelib.dask` builds its dask DataFrame from the same rows and metadata.

>>> df = stancelib.to_dataframe(results, kind="claims")  # doctest: +SKIP
>>> df.groupby(["speaker", "topic"]).stance.agg(lambda s: s.mode()[0])  # doctest: +SKIP
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Union

from .errors import Errors

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .types import DocResult, Speaker

_SPEAKER = {"speaker": "str", "speaker_org": "str", "speaker_title": "str", "speaker_kb_id": "str"}
# Column -> pandas dtype; "str" is pandas' text dtype (object on pandas 2, str on pandas 3), nulls allowed.
COLUMNS: dict[str, dict[str, str]] = {
    "claims": {"doc_id": "str", "id": "str", **_SPEAKER, "topic": "str", "stance": "str",
               "confidence": "float64", "evidence": "str", "start": "int64", "end": "int64",
               "quote_id": "str", "cues": "str"},
    "quotes": {"doc_id": "str", "id": "str", "kind": "str", **_SPEAKER, "surface": "str", "content": "str",
               "start": "int64", "end": "int64", "cue": "str", "method": "str", "confidence": "float64",
               "sentence": "int64", "is_question": "bool", "parent_id": "str"},
    "stances": {"doc_id": "str", **_SPEAKER, "topic": "str", "stance": "str", "confidence": "float64",
                "n_claims": "int64", "claim_ids": "str"},
}


def _speaker_columns(speaker: "Speaker | None") -> dict:
    if speaker is None:
        return {"speaker": None, "speaker_org": None, "speaker_title": None, "speaker_kb_id": None}
    return {"speaker": speaker.name, "speaker_org": speaker.org, "speaker_title": speaker.title,
            "speaker_kb_id": speaker.kb_id}


def claim_rows(result: "DocResult") -> list[dict]:
    """One flat dict per claim; ``cues`` joined by spaces."""
    return [{"doc_id": c.doc_id, "id": c.id, **_speaker_columns(c.speaker), "topic": c.topic, "stance": c.stance,
             "confidence": c.confidence, "evidence": c.evidence.text, "start": c.evidence.start,
             "end": c.evidence.end, "quote_id": c.quote_id, "cues": " ".join(c.cues)} for c in result.claims]


def quote_rows(result: "DocResult") -> list[dict]:
    """One flat dict per quote; ``speaker`` is None for non-speech and unattributed quotes."""
    return [{"doc_id": q.doc_id, "id": q.id, "kind": q.kind, **_speaker_columns(q.speaker),
             "surface": q.speaker.surface if q.speaker else None, "content": q.content, "start": q.span.start,
             "end": q.span.end, "cue": q.cue, "method": q.method, "confidence": q.confidence,
             "sentence": q.sentence, "is_question": q.is_question, "parent_id": q.parent_id} for q in result.quotes]


def stance_rows(result: "DocResult") -> list[dict]:
    """One flat dict per (speaker, topic) summary; ``claim_ids`` joined by spaces."""
    return [{"doc_id": s.doc_id, **_speaker_columns(s.speaker), "topic": s.topic, "stance": s.stance,
             "confidence": s.confidence, "n_claims": len(s.claim_ids), "claim_ids": " ".join(s.claim_ids)}
            for s in result.stances]


ROWS = {"claims": claim_rows, "quotes": quote_rows, "stances": stance_rows}


def require(module: str, feature: str, extra: str):
    """Import an optional dependency or raise ImportError naming the extra that brings it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(Errors.E100.format(feature=feature, package=module.split(".")[0], extra=extra)) from None


def empty_frame(kind: str) -> "pd.DataFrame":
    """A DataFrame with the columns and dtypes of ``kind`` and no rows (also dask's ``meta``)."""
    pd = require("pandas", "stancelib.to_dataframe", "notebook")
    return pd.DataFrame({col: pd.Series(dtype=dt) for col, dt in _columns(kind).items()})


def to_dataframe(results: Union["DocResult", Iterable["DocResult"]], kind: str = "claims") -> "pd.DataFrame":
    """A pandas DataFrame with one row per claim, quote or stance summary of ``results``.

    Columns of ``kind="claims"``: doc_id, id, speaker, speaker_org, speaker_title, speaker_kb_id, topic,
    stance, confidence, evidence, start, end, quote_id, cues. Results with ``error`` add no rows.
    """
    from .types import DocResult

    columns = _columns(kind)
    pd = require("pandas", "stancelib.to_dataframe", "notebook")
    if isinstance(results, DocResult):
        results = [results]
    rows = [row for res in results for row in ROWS[kind](res)]
    if not rows:
        return empty_frame(kind)
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    return frame.astype(columns)


def _columns(kind: str) -> dict[str, str]:
    if kind not in COLUMNS:
        raise ValueError(Errors.E109.format(value=kind, name="kind", choices=", ".join(COLUMNS)))
    return COLUMNS[kind]
