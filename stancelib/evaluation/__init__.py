"""Evaluation: how well the pipeline does on a user's own annotated articles.

One module per job, in the order the data flows:

- :mod:`.gold`      gold files: the schema, loading, locating each quote in the text, name folding, writing;
- :mod:`.scoring`   one document's output against its gold -> counts and errors; :func:`evaluate` over many;
- :mod:`.report`    :class:`EvalReport` (counts, metrics, errors) and its table, text, JSON and HTML views;
- :mod:`.annotate`  a gold file pre-filled from the current output;
- :mod:`.dev_gold`  the project's offset-based dev gold -> a gold file.

>>> report = stancelib.evaluate(["fixtures"], nlp=nlp)            # doctest: +SKIP
>>> report.metrics.direct_accuracy, report.metrics.stance_f1      # doctest: +SKIP
>>> print(report.to_text())                                         # doctest: +SKIP

The command-line side (``stancelib eval``, ``stancelib annotate``) lives in :mod:`stancelib.cli`, the
pytest side in :mod:`stancelib.pytest_plugin`; nothing here imports either.
"""
from .annotate import annotate
from .dev_gold import convert_dev_gold
from .gold import (
    GOLD_SUFFIX, GoldCollection, GoldCollectionDoc, GoldDoc, GoldDocument, GoldQuote, GoldStance, LocatedQuote,
    NameFolder, check_stance_labels, find_gold_files, fold_name, gold_json_schema, load_gold,
)
from .report import (
    ERROR_TITLES, THRESHOLDS, ConfusionEntry, Counts, DocScore, EvalError, EvalReport, GoldFileFailure, Metrics,
    merge_reports, threshold_misses,
)
from .scoring import SystemStance, evaluate, pipeline_topics, score_document, system_quotes, system_speakers, system_stances

__all__ = [
    "evaluate", "EvalReport", "score_document", "merge_reports", "threshold_misses", "THRESHOLDS", "annotate",
    "convert_dev_gold", "load_gold", "find_gold_files", "check_stance_labels", "gold_json_schema", "pipeline_topics",
    "fold_name", "NameFolder", "GOLD_SUFFIX", "GoldDocument", "GoldCollection", "GoldCollectionDoc", "GoldQuote",
    "GoldStance", "GoldDoc", "LocatedQuote", "Counts", "Metrics", "DocScore", "EvalError", "ConfusionEntry",
    "GoldFileFailure", "ERROR_TITLES", "SystemStance", "system_quotes", "system_speakers", "system_stances",
]
