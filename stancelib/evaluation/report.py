"""The evaluation report: counts, metrics, errors, and their table, text, JSON and HTML views.

:func:`~stancelib.evaluation.scoring.score_document` fills one report per document; :func:`merge_reports`
sums them. A report is a frozen pydantic model, so ``report.model_dump_json()`` is its JSON view:

>>> print(report.to_text())          # the rich tables `stancelib eval` prints   # doctest: +SKIP
>>> report                           # in a notebook: the HTML view              # doctest: +SKIP
"""
from __future__ import annotations

import html
import io
from collections import Counter
from typing import Iterable, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .gold import fold_name

# --- counts and metrics --------------------------------------------------------------------------------


class _ReportModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Counts(_ReportModel):
    """The raw counts behind the metrics (they add up over documents)."""

    quote_marks: int = Field(default=0, description="Gold direct quotes (quote-mark pairs), '?' ones included.")
    quote_marks_found: int = Field(default=0, description="Of those, the ones the system found (a direct quote whose content starts there).")
    speech_quotes: int = Field(default=0, description="Gold direct quotes with a real speaker.")
    speech_found: int = Field(default=0, description="Of those, found by the system.")
    speech_correct: int = Field(default=0, description="Of those, attributed to the gold speaker.")
    speech_wrong: int = Field(default=0, description="Of those, attributed to someone else.")
    nonspeech_quotes: int = Field(default=0, description="Gold direct quotes with speaker null (not speech).")
    nonspeech_misattributed: int = Field(default=0, description="Of those, given a speaker by the system.")
    qa_turns: int = Field(default=0, description="Gold Q&A answer turns.")
    qa_found: int = Field(default=0, description="Of those, found by the system (a qa_turn starting there).")
    qa_correct: int = Field(default=0, description="Of those, attributed to the gold speaker.")
    qa_wrong: int = Field(default=0, description="Of those, attributed to someone else.")
    speaker_tp: int = Field(default=0, description="Gold speakers the system names.")
    speaker_fp: int = Field(default=0, description="System speakers not in the gold (optional speakers excepted).")
    speaker_fn: int = Field(default=0, description="Gold speakers the system never names.")
    stance_tp: int = Field(default=0, description="Gold (speaker, topic) with an acceptable system label.")
    stance_fp: int = Field(default=0, description="Wrong labels plus system non-neutral stances absent from the gold.")
    stance_fn: int = Field(default=0, description="Required gold stances missed or labelled wrongly.")
    stances_wrong: int = Field(default=0, description="Gold (speaker, topic) where the system label is not acceptable.")
    stances_missing: int = Field(default=0, description="Required gold stances the system has no non-neutral label for.")
    stances_extra: int = Field(default=0, description="System non-neutral stances for a (speaker, topic) absent from the gold.")

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{k: getattr(self, k) + getattr(other, k) for k in Counts.model_fields})


def _ratio(num: int, den: int) -> Optional[float]:
    return num / den if den else None


def _prf(tp: int, fp: int, fn: int) -> tuple[Optional[float], Optional[float], Optional[float]]:
    """Precision, recall, F1 as score.py computes them (0.0 when undefined); all None when there is nothing at all."""
    if tp + fp + fn == 0:
        return None, None, None
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Metrics(_ReportModel):
    """The metrics of SPEC "Evaluation" (null when there is nothing to measure)."""

    quote_mark_recall: Optional[float] = Field(description="quote_marks_found / quote_marks.")
    direct_accuracy: Optional[float] = Field(description="Direct-quote attribution accuracy: speech_correct / speech_quotes.")
    nonspeech_misattribution_rate: Optional[float] = Field(description="nonspeech_misattributed / nonspeech_quotes.")
    qa_recall: Optional[float] = Field(description="qa_found / qa_turns.")
    qa_accuracy: Optional[float] = Field(description="qa_correct / qa_turns.")
    speaker_precision: Optional[float] = Field(description="Speaker precision over the set of names per document.")
    speaker_recall: Optional[float] = Field(description="Speaker recall over the set of names per document.")
    speaker_f1: Optional[float] = Field(description="Speaker F1.")
    stance_precision: Optional[float] = Field(description="Stance precision over (speaker, topic, label), neutral ignored.")
    stance_recall: Optional[float] = Field(description="Stance recall (required gold items).")
    stance_f1: Optional[float] = Field(description="Stance F1.")

    @classmethod
    def from_counts(cls, c: Counts) -> "Metrics":
        sp, sr, sf = _prf(c.speaker_tp, c.speaker_fp, c.speaker_fn)
        tp, tr, tf = _prf(c.stance_tp, c.stance_fp, c.stance_fn)
        return cls(quote_mark_recall=_ratio(c.quote_marks_found, c.quote_marks),
                   direct_accuracy=_ratio(c.speech_correct, c.speech_quotes),
                   nonspeech_misattribution_rate=_ratio(c.nonspeech_misattributed, c.nonspeech_quotes),
                   qa_recall=_ratio(c.qa_found, c.qa_turns), qa_accuracy=_ratio(c.qa_correct, c.qa_turns),
                   speaker_precision=sp, speaker_recall=sr, speaker_f1=sf,
                   stance_precision=tp, stance_recall=tr, stance_f1=tf)


# --- errors, per-document rows, the report -------------------------------------------------------------

ErrorKind = Literal["wrong_speaker", "misattributed_nonspeech", "wrong_stance", "missed_quote", "unattributed_quote",
                    "missing_stance", "missing_speaker", "extra_stance", "extra_speaker"]
# Worst first: a wrong answer misleads a reader, a missing one only leaves a gap.
SEVERITY = {k: i for i, k in enumerate(ErrorKind.__args__)}
ERROR_TITLES = {"wrong_speaker": "wrong speaker", "misattributed_nonspeech": "non-speech attributed",
                "wrong_stance": "wrong stance", "missed_quote": "missed quote", "unattributed_quote": "no speaker",
                "missing_stance": "missing stance", "missing_speaker": "speaker never found",
                "extra_stance": "extra stance", "extra_speaker": "extra speaker"}
NOT_SPEECH, NO_SPEAKER, NOT_FOUND, NO_STANCE = "(not speech)", "(no speaker)", "(not found)", "(no stance)"


class EvalError(_ReportModel):
    """One disagreement between the gold and the system, with where it is and both sides."""

    kind: ErrorKind = Field(description="What went wrong.")
    doc_id: str = Field(description="The document.")
    gold_file: str = Field(description="The gold file.")
    entry: Optional[str] = Field(default=None, description="The gold entry, e.g. quotes[3] or stances[1] (null for extra items).")
    offset: Optional[int] = Field(default=None, description="Offset in the text (quote content start, or the stance's first evidence).")
    text: str = Field(default="", description="A snippet of the text there, or speaker/topic for stances.")
    expected: str = Field(description="What the gold says.")
    found: str = Field(description="What the system says.")


class ConfusionEntry(_ReportModel):
    """How often a gold speaker (or non-speech) came out as a system speaker."""

    gold: str = Field(description=f"Gold speaker, or {NOT_SPEECH}.")
    system: str = Field(description=f"System speaker, {NO_SPEAKER} or {NOT_FOUND} (quote not found).")
    count: int = Field(description="Number of gold quotes.")

    @property
    def agrees(self) -> bool:
        """True on the diagonal: the same person, or not speech and no speaker."""
        if self.gold == NOT_SPEECH:
            return self.system == NO_SPEAKER
        return fold_name(self.gold) == fold_name(self.system)


class DocScore(_ReportModel):
    """One document's counts and metrics."""

    doc_id: str = Field(description="The document.")
    gold_file: str = Field(description="The gold file it comes from.")
    counts: Counts = Field(description="Raw counts.")
    metrics: Metrics = Field(description="Metrics of this document alone.")
    speakers_never_found: tuple[str, ...] = Field(
        default=(), description="Speakers of gold quotes that the system never names in this document.")

    @property
    def wrong_speakers(self) -> int:
        return self.counts.speech_wrong + self.counts.qa_wrong


class GoldFileFailure(_ReportModel):
    """A gold file (or one article of it) that could not be scored."""

    path: str = Field(description="The gold file.")
    message: str = Field(description="Why, naming the entry ([E030] ...).")


class EvalReport(_ReportModel):
    """What :func:`evaluate` returns: overall metrics, per-document rows, speaker confusion, the errors."""

    metrics: Metrics = Field(description="Over all documents (micro-averaged from the summed counts).")
    counts: Counts = Field(description="Summed counts.")
    documents: tuple[DocScore, ...] = Field(default=(), description="One row per gold document.")
    confusion: tuple[ConfusionEntry, ...] = Field(default=(), description="Gold speaker -> system speaker counts, most frequent first.")
    errors: tuple[EvalError, ...] = Field(default=(), description="Every disagreement, worst kind first.")
    failures: tuple[GoldFileFailure, ...] = Field(default=(), description="Gold files that could not be read.")

    def to_table(self):
        """A rich Table: one row per document and a total row."""
        from rich.table import Table

        table = Table(*_DOC_COLUMNS, title="stancelib evaluation")
        per_doc = Counter(e.doc_id for e in self.errors)
        for d in self.documents:
            table.add_row(d.doc_id, *metric_cells(d.counts, d.metrics), str(per_doc[d.doc_id]))
        table.add_section()
        table.add_row("ALL", *metric_cells(self.counts, self.metrics), str(len(self.errors)), style="bold")
        return table

    def errors_table(self, limit: Optional[int] = 40, doc_column: bool = True):
        """A rich Table of the errors, worst first, expected and found side by side."""
        from rich.table import Table

        table = Table(title=f"errors (worst first{'' if limit is None or len(self.errors) <= limit else f', {limit} of {len(self.errors)}'})")
        if doc_column:
            table.add_column("doc")
        for col in ("problem", "where", "text", "expected", "found"):
            table.add_column(col)
        for e in self.errors[:limit]:
            row = [ERROR_TITLES[e.kind], _where(e), e.text, e.expected, e.found]
            table.add_row(*([e.doc_id] if doc_column else []), *row)
        return table

    def confusion_table(self, off_diagonal_only: bool = True):
        """A rich Table of gold speaker -> system speaker counts."""
        from rich.table import Table

        table = Table("gold", "system", "count", title="speaker confusion" + (" (disagreements)" if off_diagonal_only else ""))
        for c in self.confusion:
            if not (off_diagonal_only and c.agrees):
                table.add_row(c.gold, c.system, str(c.count))
        return table

    def to_text(self, width: int = 140, max_errors: Optional[int] = 40) -> str:
        """Plain text: the metrics table, the confusion and the errors (what ``stancelib eval`` prints)."""
        from rich.console import Console

        buf = io.StringIO()
        console = Console(file=buf, width=width, force_terminal=False, color_system=None, legacy_windows=False)
        console.print(self.to_table())
        if any(not c.agrees for c in self.confusion):
            console.print(self.confusion_table())
        if self.errors:
            console.print(self.errors_table(max_errors))
        for f in self.failures:
            console.print(f"failed: {f.message}")
        return buf.getvalue()

    def to_html(self, max_errors: Optional[int] = 40) -> str:
        """An HTML fragment: the metrics, one row per document, the worst errors; every text is escaped."""
        metric_rows = [(name, _number(getattr(self.metrics, name)), Metrics.model_fields[name].description)
                       for name in Metrics.model_fields]
        per_doc = Counter(e.doc_id for e in self.errors)
        doc_rows = [(d.doc_id, *metric_cells(d.counts, d.metrics), str(per_doc[d.doc_id])) for d in self.documents]
        doc_rows.append(("ALL", *metric_cells(self.counts, self.metrics), str(len(self.errors))))
        shown = self.errors[:max_errors]
        error_rows = [(e.doc_id, ERROR_TITLES[e.kind], _where(e), e.text, e.expected, e.found) for e in shown]
        more = f" ({len(shown)} of {len(self.errors)})" if len(shown) < len(self.errors) else ""
        parts = ['<div class="stancelib-eval">',
                 _html_table("stancelib evaluation: metrics", ("metric", "value", "what it measures"), metric_rows),
                 _html_table("per document", _DOC_COLUMNS, doc_rows, total_row=True)]
        if error_rows:
            parts.append(_html_table(f"errors, worst first{more}", ("doc", "problem", "where", "text", "expected", "found"),
                                     error_rows))
        for f in self.failures:
            parts.append(f"<p>failed: {html.escape(f.message)}</p>")
        parts.append("</div>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        """The notebook view (Jupyter calls it): :meth:`to_html`."""
        return self.to_html()


# --- cells of the views --------------------------------------------------------------------------------

_DOC_COLUMNS = ("doc", "quote marks", "direct acc.", "non-speech attr.", "Q&A correct", "speaker P/R/F1",
                "stance P/R/F1", "errors")


def _where(e: EvalError) -> str:
    return " ".join(x for x in (e.entry or "", f"@{e.offset}" if e.offset is not None else "") if x) or "-"


def _number(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"


def _html_table(caption: str, header: Iterable[str], rows: Iterable[Iterable[str]], total_row: bool = False) -> str:
    """A plain <table>; ``html.escape`` on every cell, so a `<script>` in a gold text stays text."""
    # Written out: rich's export_html gives a <pre> of the text table, not a table, and pandas is only an extra.
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    rows = list(rows)
    body = []
    for i, row in enumerate(rows):
        style = ' style="font-weight:bold"' if total_row and i == len(rows) - 1 else ""
        body.append(f"<tr{style}>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>")
    return (f'<table style="border-collapse:collapse;text-align:left"><caption style="text-align:left;font-weight:bold">'
            f"{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _fraction(num: int, den: int) -> str:
    return f"{num}/{den} {num / den:.3f}" if den else "-"


def _prf_cell(p: Optional[float], r: Optional[float], f: Optional[float]) -> str:
    return "-" if f is None else f"{p:.2f}/{r:.2f}/{f:.3f}"


def metric_cells(c: Counts, m: Metrics) -> list[str]:
    """The six metric cells of a per-document row (`116/117 0.991`, `1.00/1.00/1.000`, ...)."""
    return [_fraction(c.quote_marks_found, c.quote_marks), _fraction(c.speech_correct, c.speech_quotes),
            _fraction(c.nonspeech_misattributed, c.nonspeech_quotes), _fraction(c.qa_correct, c.qa_turns),
            _prf_cell(m.speaker_precision, m.speaker_recall, m.speaker_f1),
            _prf_cell(m.stance_precision, m.stance_recall, m.stance_f1)]


# --- merging -------------------------------------------------------------------------------------------


def confusion_entries(counter: Counter) -> tuple[ConfusionEntry, ...]:
    """(gold, system) -> count as ConfusionEntry rows, most frequent first."""
    return tuple(ConfusionEntry(gold=g, system=s, count=n) for (g, s), n in
                 sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def merge_reports(reports: Iterable[EvalReport], failures: Iterable[GoldFileFailure] = ()) -> EvalReport:
    """One report over many: counts summed, metrics recomputed (micro average), errors worst first."""
    reports = list(reports)
    counts = sum((r.counts for r in reports), Counts())
    confusion: Counter = Counter()
    for r in reports:
        for e in r.confusion:
            confusion[e.gold, e.system] += e.count
    errors = sorted((e for r in reports for e in r.errors), key=lambda e: SEVERITY[e.kind])
    return EvalReport(metrics=Metrics.from_counts(counts), counts=counts,
                      documents=tuple(d for r in reports for d in r.documents), confusion=confusion_entries(confusion),
                      errors=tuple(errors), failures=tuple(f for r in reports for f in r.failures) + tuple(failures))


# --- thresholds (`stancelib eval --min-f1 ...`) --------------------------------------------------------

# (option, metric, at least?) for `stancelib eval`; --min-f1 checks both F1s.
THRESHOLDS = (
    ("min_f1", "speaker_f1", True), ("min_f1", "stance_f1", True),
    ("min_speaker_f1", "speaker_f1", True), ("min_stance_f1", "stance_f1", True),
    ("min_direct_accuracy", "direct_accuracy", True),
    ("max_nonspeech_misattribution", "nonspeech_misattribution_rate", False),
)


def threshold_misses(metrics: Metrics, **limits: Optional[float]) -> list[str]:
    """One message per missed threshold: ``threshold_misses(m, min_f1=0.8)``; a metric with nothing to
    measure (null) passes."""
    misses = []
    for option, metric, at_least in THRESHOLDS:
        limit = limits.get(option)
        value = getattr(metrics, metric)
        if limit is None or value is None:
            continue
        if (value < limit) if at_least else (value > limit):
            sign = "<" if at_least else ">"
            misses.append(f"{metric} {value:.3f} {sign} {limit:g} (--{option.replace('_', '-')})")
    return misses


