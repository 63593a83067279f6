"""The pytest side of evaluation: every ``*.gold.yaml`` under the test paths becomes test items.

Registered through the ``pytest11`` entry point, so installing stancelib is enough::

    $ pytest fixtures/
    fixtures/qa_lin_jiahe.gold.yaml::qa_lin_jiahe.txt PASSED

One item per gold document: it runs the pipeline (loaded once per session) on the text, scores it with
:func:`stancelib.evaluation.score_document` and fails with expected and found side by side when the
document misses the criteria set in ``[tool.pytest.ini_options]`` (the ``stancelib_*`` keys below; see
``docs/gold_format.md``). For ordinary tests: the session fixture ``stancelib_nlp`` and
``assert_claims(text, [("李开复", "tob_vs_toc", "to_c")])``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Union

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .evaluation import DocScore, EvalReport, GoldDoc
    from .types import DocResult

GOLD_SUFFIX = ".gold.yaml"

# (ini key, type, default, help): the per-document pass criteria and the pipeline option.
INI_OPTIONS = (
    ("stancelib_max_wrong_speakers", "int", "0",
     "gold quotes with a real speaker that the system attributes to someone else, allowed per document"),
    ("stancelib_max_nonspeech_misattributed", "int", "0",
     "gold non-speech quotes (speaker null) that the system gives a speaker, allowed per document"),
    ("stancelib_min_direct_accuracy", "float", "0.0", "minimum direct-quote attribution accuracy per document"),
    ("stancelib_min_speaker_f1", "float", "0.0", "minimum speaker F1 per document"),
    ("stancelib_min_stance_f1", "float", "0.0", "minimum stance F1 per document"),
    ("stancelib_max_wrong_stances", "int", "0",
     "gold (speaker, topic) pairs where the system's label is not acceptable, allowed per document"),
    ("stancelib_require_all_speakers", "bool", True,
     "fail a document when a speaker of a gold quote is never found by the system"),
    ("stancelib_kb", "string", "builtin", "speaker knowledge base for the gold items: builtin, none, a file or +file"),
)


def pytest_addoption(parser: pytest.Parser) -> None:
    for name, kind, default, help_ in INI_OPTIONS:
        parser.addini(name, help=f"stancelib: {help_} (default {str(default).lower()})",
                      type="bool" if kind == "bool" else "string", default=default)


_SESSION_CONFIG: Optional[pytest.Config] = None
_CRITERIA = pytest.StashKey["GoldCriteria"]()


def pytest_configure(config: pytest.Config) -> None:
    global _SESSION_CONFIG
    _SESSION_CONFIG = config
    config.stash[_CRITERIA] = GoldCriteria.from_config(config)   # a bad value stops the run at once


def pytest_unconfigure(config: pytest.Config) -> None:
    global _SESSION_CONFIG
    if _SESSION_CONFIG is config:
        _SESSION_CONFIG = None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Optional[pytest.Collector]:
    if file_path.name.endswith(GOLD_SUFFIX):
        return GoldFile.from_parent(parent, path=file_path)
    return None


# --- settings ------------------------------------------------------------------------------------------


def _ini(config: pytest.Config, name: str, kind: str):
    raw = config.getini(name)
    if kind == "bool" or isinstance(raw, bool):
        return bool(raw)
    try:
        return int(raw) if kind == "int" else float(raw) if kind == "float" else str(raw)
    except (TypeError, ValueError):
        raise pytest.UsageError(f"ini option {name} = {raw!r}: expected {'an integer' if kind == 'int' else 'a number'}") from None


@dataclass(frozen=True)
class GoldCriteria:
    """What a gold document item must meet (the ``stancelib_*`` ini keys)."""

    max_wrong_speakers: int = 0
    max_nonspeech_misattributed: int = 0
    min_direct_accuracy: float = 0.0
    min_speaker_f1: float = 0.0
    min_stance_f1: float = 0.0
    max_wrong_stances: int = 0
    require_all_speakers: bool = True

    @classmethod
    def from_config(cls, config: pytest.Config) -> "GoldCriteria":
        kinds = {name: kind for name, kind, _, _ in INI_OPTIONS}
        return cls(**{f: _ini(config, f"stancelib_{f}", kinds[f"stancelib_{f}"]) for f in cls.__dataclass_fields__})

    def problems(self, doc: "DocScore") -> list[str]:
        """Why ``doc`` fails, one line per missed criterion (empty: it passes)."""
        c, m, out = doc.counts, doc.metrics, []
        if doc.wrong_speakers > self.max_wrong_speakers:
            out.append(f"{doc.wrong_speakers} quote(s) attributed to the wrong speaker "
                       f"(stancelib_max_wrong_speakers = {self.max_wrong_speakers})")
        if c.nonspeech_misattributed > self.max_nonspeech_misattributed:
            out.append(f"{c.nonspeech_misattributed} non-speech quote(s) attributed to a speaker "
                       f"(stancelib_max_nonspeech_misattributed = {self.max_nonspeech_misattributed})")
        if c.stances_wrong > self.max_wrong_stances:
            out.append(f"{c.stances_wrong} wrong stance label(s) (stancelib_max_wrong_stances = {self.max_wrong_stances})")
        if self.require_all_speakers and doc.speakers_never_found:
            out.append(f"expected speaker never found: {', '.join(doc.speakers_never_found)} "
                       "(stancelib_require_all_speakers = true)")
        for label, value, limit, key in (
            ("direct-quote accuracy", m.direct_accuracy, self.min_direct_accuracy, "stancelib_min_direct_accuracy"),
            ("speaker F1", m.speaker_f1, self.min_speaker_f1, "stancelib_min_speaker_f1"),
            ("stance F1", m.stance_f1, self.min_stance_f1, "stancelib_min_stance_f1"),
        ):
            if value is not None and value < limit:
                out.append(f"{label} {value:.3f} < {limit:g} ({key})")
        return out


# --- the pipeline, loaded once per session -------------------------------------------------------------

_PIPELINES: dict[str, "Language"] = {}


def _kb_setting(config: Optional[pytest.Config]) -> str:
    if config is None:
        return "builtin"
    kb = str(config.getini("stancelib_kb") or "builtin").strip()
    if kb.lower() in ("builtin", "none"):
        return kb.lower()
    # A knowledge-base file is relative to the ini file, as pytest's own path options are.
    plus, path = ("+", kb[1:]) if kb.startswith("+") else ("", kb)
    base = config.inipath.parent if config.inipath else config.rootpath
    return plus + str((base / path) if not Path(path).is_absolute() else Path(path))


def session_pipeline(config: Optional[pytest.Config] = None) -> "Language":
    """The pipeline for this session's ``stancelib_kb``, loaded on first use and then reused."""
    import stancelib

    kb = _kb_setting(config if config is not None else _SESSION_CONFIG)
    if kb not in _PIPELINES:
        _PIPELINES[kb] = stancelib.load(kb=kb)
    return _PIPELINES[kb]


@pytest.fixture(scope="session")
def stancelib_nlp(pytestconfig: pytest.Config) -> "Language":
    """The stancelib pipeline (honouring ``stancelib_kb``), loaded once per session."""
    return session_pipeline(pytestconfig)


# --- gold documents as test items ---------------------------------------------------------------------


class GoldFile(pytest.File):
    """A gold file: one item per document in it."""

    def collect(self):
        from .errors import ConfigError
        from .evaluation import load_gold

        try:
            docs = load_gold(self.path)
        except ConfigError as e:
            raise self.CollectError(str(e)) from None
        for gold in docs:
            yield GoldItem.from_parent(self, name=gold.doc_id, gold=gold)


class GoldMismatch(Exception):
    """A gold document that misses its criteria; carries the report to show."""

    def __init__(self, gold: "GoldDoc", report: "EvalReport", problems: list[str]):
        super().__init__("; ".join(problems))
        self.gold, self.report, self.problems = gold, report, problems


class GoldItem(pytest.Item):
    """One gold document: run the pipeline on its text and check the criteria."""

    def __init__(self, *, gold: "GoldDoc", **kwargs):
        super().__init__(**kwargs)
        self.gold = gold

    def runtest(self) -> None:
        from . import extract
        from .evaluation import check_stance_labels, pipeline_topics, score_document

        nlp = session_pipeline(self.config)
        check_stance_labels(self.gold, pipeline_topics(nlp))
        report = score_document(self.gold, extract(self.gold.text, doc_id=self.gold.doc_id, nlp=nlp))
        self.user_properties.append(("stancelib_metrics", report.metrics.model_dump_json()))
        problems = self.config.stash[_CRITERIA].problems(report.documents[0])
        if problems:
            raise GoldMismatch(self.gold, report, problems)

    def repr_failure(self, excinfo, style=None):
        from .errors import ConfigError

        if isinstance(excinfo.value, GoldMismatch):
            return render_mismatch(excinfo.value, width=_terminal_width(self.config), where=self.nodeid)
        if isinstance(excinfo.value, ConfigError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"gold {self.gold.doc_id}"


def _terminal_width(config: pytest.Config) -> int:
    try:
        return max(100, config.get_terminal_writer().fullwidth)
    except Exception:  # pragma: no cover
        return 120


def _render(*renderables, width: int) -> str:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None, legacy_windows=False)
    for r in renderables:
        console.print(r)
    return buf.getvalue()


def render_mismatch(failure: GoldMismatch, width: int = 120, where: Optional[str] = None) -> str:
    """The failure text of a gold item: the missed criteria, then every error, expected | found."""
    from .evaluation.report import metric_cells

    report, doc = failure.report, failure.report.documents[0]
    where = where or f"{failure.gold.gold_file}::{failure.gold.doc_id}"
    # The first line is what `pytest -ra` shows in its summary: lead with what went wrong.
    head = ["stancelib gold criteria missed: " + "; ".join(failure.problems), f"gold document: {where}"]
    cells = metric_cells(doc.counts, doc.metrics)
    summary = (f"quote marks {cells[0]} | direct accuracy {cells[1]} | non-speech attributed {cells[2]} | "
               f"Q&A correct {cells[3]} | speaker P/R/F1 {cells[4]} | stance P/R/F1 {cells[5]}")
    table = report.errors_table(limit=None, doc_column=False)
    table.title = "expected vs found"
    return "\n".join(head) + "\n\n" + _render(table, width=width) + summary


# --- assert_claims: stances of a text in an ordinary test ---------------------------------------------

Expected = Iterable[tuple[str, str, Union[str, Iterable[str]]]]


def assert_claims(text_or_result, expected: Expected, nlp: Optional["Language"] = None, *, exact: bool = True,
                  aliases: Optional[dict[str, Iterable[str]]] = None) -> None:
    """Assert the stances a text (or a DocResult / processed Doc) takes, per (speaker, topic).

    ``expected``: ``(speaker, topic, label)`` tuples, the label a string or a list of acceptable ones
    (``"neutral"`` accepts no stance). ``exact``: also fail on a non-neutral stance not listed. Names
    are folded as the metrics fold them (traditional script, spaces, ``aliases``). Raises
    AssertionError with expected and found side by side.

    >>> assert_claims("李开复表示：“To C才是大模型最大的机会。”", [("李开复", "tob_vs_toc", "to_c")])  # doctest: +SKIP
    """
    from .evaluation import NameFolder, system_stances

    result = _as_result(text_or_result, nlp)
    topics = _topics_of(nlp)
    names = NameFolder({k: tuple(v) for k, v in (aliases or {}).items()})
    found = system_stances(result, names)
    rows, wanted, bad = [], set(), False
    for item in expected:
        if not (isinstance(item, (tuple, list)) and len(item) == 3):
            raise TypeError(f"assert_claims: expected (speaker, topic, label) tuples, got {item!r}")
        speaker, topic, labels = item
        labels = (labels,) if isinstance(labels, str) else tuple(labels)
        # a misspelt topic or label would only show as MISSING/EXTRA: name the mistake instead
        if topic not in topics:
            raise ValueError(f"assert_claims: unknown topic {topic!r}; the pipeline's topics are {', '.join(topics)}")
        unknown = [lab for lab in labels if lab not in topics[topic].labels]
        if unknown:
            raise ValueError(f"assert_claims: unknown label(s) {', '.join(map(repr, unknown))} for {topic}; "
                             f"its labels are {', '.join(topics[topic].labels)}")
        key = (names(speaker), topic)
        wanted.add(key)
        got = found.get(key)
        ok = (got.label in labels) if got is not None else "neutral" in labels
        bad |= not ok
        rows.append(("ok" if ok else "WRONG" if got is not None else "MISSING", speaker, topic, "|".join(labels),
                     got.label if got is not None else "(none)"))
    for key, got in found.items():
        if exact and key not in wanted:
            bad = True
            rows.append(("EXTRA", got.speaker, got.topic, "(not expected)", got.label))
    if bad:
        from rich.table import Table

        table = Table("", "speaker", "topic", "expected", "found", title="stances: expected vs found")
        for row in rows:
            table.add_row(*row)
        raise AssertionError("stances differ from the expected ones\n" + _render(table, width=120))


def _topics_of(nlp: Optional["Language"]) -> dict:
    """The topics of ``nlp`` (else of the session pipeline) by id."""
    pipeline = nlp or session_pipeline()
    if "stancelib_stance" in pipeline.pipe_names:
        return pipeline.get_pipe("stancelib_stance").topics.topics
    from .stance import load_topics

    return load_topics().topics


def _as_result(text_or_result, nlp: Optional["Language"]) -> "DocResult":
    import stancelib
    from .types import DocResult

    if isinstance(text_or_result, DocResult):
        return text_or_result
    if isinstance(text_or_result, str):
        return stancelib.extract(text_or_result, nlp=nlp or session_pipeline())
    if hasattr(text_or_result, "_") and hasattr(text_or_result, "text"):  # a processed spaCy Doc
        return stancelib.doc_result(text_or_result)
    raise TypeError(f"assert_claims: expected a text, a DocResult or a processed Doc, got {type(text_or_result).__name__}")
