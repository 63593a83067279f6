"""Plots over many results: who stands where (:func:`stance_matrix`) and when (:func:`stance_timeline`).

Both return a :class:`matplotlib.figure.Figure` built without pyplot, so they work with the Agg
backend, in threads and in notebooks (where the figure displays itself), and leave no global state.

Colours follow the label's place in its topic: the topic's first side (``believer``, ``open``,
``to_b``, ``device``) blue, the second side orange, ``mixed`` purple, ``neutral`` grey.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable, Mapping, Optional, Sequence, Union

from .errors import Errors
from .frames import require

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .types import DocResult

_SIDE_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756")
_MIXED, _NEUTRAL, _EMPTY = "#b279a2", "#bab0ac", "#f5f5f5"
DateLike = Union[str, _dt.date, _dt.datetime]


def stance_colour(topic_labels: Sequence[str], label: str) -> str:
    """The colour of ``label`` among its topic's labels (see the module docstring)."""
    if label == "mixed":
        return _MIXED
    if label == "neutral":
        return _NEUTRAL
    sides = [lab for lab in topic_labels if lab not in ("mixed", "neutral")]
    return _SIDE_COLOURS[sides.index(label) % len(_SIDE_COLOURS)] if label in sides else _NEUTRAL


def stance_matrix(results: Iterable["DocResult"], topics: Optional[str] = None, max_speakers: int = 30) -> "Figure":
    """Speakers (rows, most claims first) x topics (columns): each cell coloured by the speaker's most
    frequent stance label over all claims (a tie is ``mixed``) and annotated with the label and the
    number of claims behind it. ``topics`` is a topic file, as for :func:`stancelib.load`."""
    require("matplotlib", "stancelib.plot", "notebook")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    labels_of = _topic_labels(topics)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for res in results:
        for c in res.claims:
            counts[(c.speaker.name, c.topic)][c.stance] += 1
    per_speaker = Counter()
    for (speaker, _), cnt in counts.items():
        per_speaker[speaker] += sum(cnt.values())
    speakers = [s for s, _ in sorted(per_speaker.items(), key=lambda kv: (-kv[1], kv[0]))][:max_speakers]
    seen_topics = {t for _, t in counts}
    topic_ids = [t for t in labels_of if t in seen_topics] + sorted(seen_topics - set(labels_of))

    fig = Figure(figsize=(2.0 + 1.9 * max(1, len(topic_ids)), 1.2 + 0.42 * max(1, len(speakers))))
    ax = fig.subplots()
    for i, speaker in enumerate(speakers):
        for j, topic in enumerate(topic_ids):
            cnt = counts.get((speaker, topic))
            if not cnt:
                ax.add_patch(_cell(j, i, _EMPTY))
                continue
            label = _majority(cnt)
            ax.add_patch(_cell(j, i, stance_colour(labels_of.get(topic, ()), label)))
            ax.text(j, i, f"{label}\n{sum(cnt.values())}", ha="center", va="center", fontsize=8)
    ax.set_xlim(-0.5, len(topic_ids) - 0.5)
    ax.set_ylim(len(speakers) - 0.5, -0.5)
    ax.set_xticks(range(len(topic_ids)), topic_ids, rotation=20, ha="right")
    ax.set_yticks(range(len(speakers)), speakers)
    ax.set_title("Stance by speaker and topic (label, number of claims)")
    handles = [Patch(color=_SIDE_COLOURS[0], label="first side"), Patch(color=_SIDE_COLOURS[1], label="second side"),
               Patch(color=_MIXED, label="mixed"), Patch(color=_NEUTRAL, label="neutral")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _use_cjk_font(fig)
    fig.tight_layout()
    return fig


def stance_timeline(results: Iterable["DocResult"], dates: Union[Mapping[str, DateLike], Sequence[DateLike]],
                    topics: Optional[str] = None, max_speakers: int = 20) -> "Figure":
    """One panel per topic: every claim as a point at its article's date (x) and speaker (y), coloured
    by stance, so a user comparing many articles sees who changed sides and when.

    ``dates`` maps doc_id to a date (``"2025-03-01"``, a ``date`` or a ``datetime``), or is a sequence
    parallel to ``results``. A result without a date raises ``ValueError`` ([E108]).
    """
    require("matplotlib", "stancelib.plot", "notebook")
    from matplotlib.figure import Figure

    results = list(results)
    by_doc = dict(dates) if isinstance(dates, Mapping) else {r.doc_id: d for r, d in zip(results, dates)}
    labels_of = _topic_labels(topics)
    points: dict[str, list[tuple[_dt.datetime, str, str]]] = defaultdict(list)
    for res in results:
        if not res.claims:
            continue
        if res.doc_id not in by_doc:
            raise ValueError(Errors.E108.format(doc_id=res.doc_id))
        when = _as_datetime(by_doc[res.doc_id])
        for c in res.claims:
            points[c.topic].append((when, c.speaker.name, c.stance))
    topic_ids = [t for t in labels_of if t in points] + sorted(set(points) - set(labels_of))
    rows_of = {}
    for topic in topic_ids:  # each panel lists the speakers of its topic, most claims first
        per_speaker = Counter(s for _, s, _ in points[topic])
        rows_of[topic] = [s for s, _ in sorted(per_speaker.items(), key=lambda kv: (-kv[1], kv[0]))][:max_speakers]
    heights = [max(1, len(rows_of[t])) for t in topic_ids] or [1]

    fig = Figure(figsize=(9, 1.0 + 0.35 * sum(heights) + 0.8 * len(heights)))
    axes = fig.subplots(len(heights), 1, sharex=True, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
    for ax, topic in zip(axes, topic_ids):
        labels = labels_of.get(topic, ())
        speakers = rows_of[topic]
        row = {s: i for i, s in enumerate(speakers)}
        shown = set()
        for when, speaker, stance in sorted(points[topic]):
            if speaker not in row:
                continue
            ax.scatter([when], [row[speaker]], color=stance_colour(labels, stance), s=40,
                       label=stance if stance not in shown else None, zorder=3)
            shown.add(stance)
        ax.set_yticks(range(len(speakers)), speakers)
        ax.set_ylim(len(speakers) - 0.5, -0.5)
        ax.set_title(topic, fontsize=9, loc="left")
        ax.grid(axis="x", alpha=0.3)
        if shown:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    if not topic_ids:
        axes[0].set_title("no claims")
    fig.autofmt_xdate()
    _use_cjk_font(fig)
    fig.tight_layout()
    return fig


def _cell(x: int, y: int, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=colour, edgecolor="white", linewidth=2)


def _majority(cnt: Counter) -> str:
    (top, n), *rest = cnt.most_common()
    return "mixed" if rest and rest[0][1] == n else top


def _topic_labels(topics: Optional[str]) -> dict[str, tuple[str, ...]]:
    from .stance import load_topics

    return {tid: t.labels for tid, t in load_topics(topics).topics.items()}


def _as_datetime(value: DateLike) -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    return _dt.datetime.fromisoformat(str(value))


def _use_cjk_font(fig: "Figure") -> None:
    """Speaker names are Chinese: use an installed CJK font when there is one (else boxes, no error)."""
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei",
              "Microsoft YaHei", "PingFang SC", "Heiti SC", "Arial Unicode MS")
    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((name for name in wanted if name in installed), None)
    if family is None:
        return
    for text in fig.findobj(lambda artist: hasattr(artist, "set_fontfamily")):
        text.set_fontfamily([family, "sans-serif"])
