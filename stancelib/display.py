"""Seeing results: an HTML view of a DocResult and displaCy-ready quote spans on the Doc.

- :func:`render_html` (and so ``DocResult._repr_html_`` in a notebook): the text with every quote
  highlighted in its speaker's colour, non-speech greyed, method and confidence on hover, and the
  claims table below. Every piece of text is escaped, so an article holding ``<script>`` shows as text.
- :func:`set_quote_spans`: ``doc.spans["stancelib_quotes"]``, one span per quote labelled with the
  speaker's name (or ``NOT_SPEECH``), for ``spacy.displacy.render(doc, style="span",
  options={"spans_key": "stancelib_quotes"})``. The attribution component calls it last.

>>> res = stancelib.extract("严海说：“开源会赢。”")  # doctest: +SKIP
>>> "严海" in render_html(res)  # doctest: +SKIP
True
"""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Optional

from .normalize import _offset_map, doc_value

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .normalize import OffsetMap
    from .types import DocResult, Quote

SPANS_KEY = "stancelib_quotes"
NOT_SPEECH = "NOT_SPEECH"
# Light tints that keep black text readable; speakers take them in order of first appearance.
_PALETTE = ("#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d",
            "#9edae5", "#fdd0a2", "#c7e9c0", "#dadaeb")
_GREY = "#e0e0e0"


# --- displaCy spans ---------------------------------------------------------------------------------


def set_quote_spans(doc: "Doc", omap: Optional["OffsetMap"] = None) -> "Doc":
    """Write ``doc.spans[SPANS_KEY]``: every quote as a span labelled by speaker name or ``NOT_SPEECH``.

    Quote records hold clean-text offsets; the offset map turns them into offsets of the original text,
    which is ``doc.text`` (the tokenizer sees the original), and ``alignment_mode="expand"`` widens a
    span to whole tokens when a segmenter's words do not end where the quote does. A caller that holds
    the offset map passes it (one is built anew from the normalization record on each read).
    """
    omap = _offset_map(doc) if omap is None else omap
    spans = []
    for r in doc_value(doc, "stancelib_quotes") or []:
        start, end = omap.span(r["start"], r["end"])
        label = r["speaker"]["name"] if r.get("speaker") else NOT_SPEECH
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[SPANS_KEY] = spans
    return doc


# --- the HTML view ----------------------------------------------------------------------------------


def speaker_colours(result: "DocResult") -> dict[str, str]:
    """Speaker name -> colour, in order of first appearance among quotes, then claims."""
    colours: dict[str, str] = {}
    names = [q.speaker.name for q in result.quotes if q.speaker] + [c.speaker.name for c in result.claims]
    for name in names:
        if name not in colours:
            colours[name] = _PALETTE[len(colours) % len(_PALETTE)]
    return colours


def render_html(result: "DocResult", text: Optional[str] = None) -> str:
    """A self-contained HTML fragment (inline styles only) showing ``result`` over its text.

    ``text`` defaults to ``result.text`` (kept by :func:`stancelib.extract`); without any text the
    view is rebuilt from the quote and evidence spans, with ``…`` where the text between them is unknown.
    """
    text = text if text is not None else result.text
    colours = speaker_colours(result)
    parts = ['<div class="stancelib-doc" style="font-family:sans-serif;line-height:1.7">',
             f"<div><b>{escape(result.doc_id)}</b>: {len(result.quotes)} quotes, {len(result.claims)} claims, "
             f"{len(result.speakers)} speakers</div>"]
    if result.error:
        parts.append(f'<div style="color:#b00020">{escape(result.error)}</div>')
    parts.append(_legend(colours))
    parts.append('<div class="stancelib-text" style="white-space:pre-wrap;border:1px solid #ddd;padding:6px">')
    parts.append(_highlighted(text, result, colours))
    parts.append("</div>")
    parts.append(_claims_table(result, colours))
    if result.warnings:
        items = "".join(f"<li>{escape(w.message)}</li>" for w in result.warnings)
        parts.append(f'<details><summary>{len(result.warnings)} warnings</summary><ul>{items}</ul></details>')
    parts.append("</div>")
    return "".join(parts)


def _legend(colours: dict[str, str]) -> str:
    chips = [_chip(name, colour) for name, colour in colours.items()]
    chips.append(_chip("not speech / no speaker", _GREY))
    return '<div class="stancelib-legend" style="margin:4px 0">' + " ".join(chips) + "</div>"


def _chip(label: str, colour: str) -> str:
    return f'<span style="background:{colour};padding:0 6px;border-radius:3px">{escape(label)}</span>'


def _highlighted(text: Optional[str], result: "DocResult", colours: dict[str, str]) -> str:
    quotes = [q for q in result.quotes if q.span.end > q.span.start]
    if text is not None:
        runs = [(0, text)]
    else:
        runs = _known_runs(result)
    out = []
    for i, (base, run) in enumerate(runs):
        if i or (text is None and base > 0):
            out.append('<span style="color:#888"> … </span>')
        out.append(_highlight_run(base, run, quotes, colours))
    if text is None and not runs:
        out.append('<span style="color:#888">(no text kept and no quotes to show)</span>')
    return "".join(out)


def _known_runs(result: "DocResult") -> list[tuple[int, str]]:
    """Stretches of the original text that the spans of the result reveal, as ``(start, text)``."""
    known: dict[int, str] = {}
    for span in [q.span for q in result.quotes] + [c.evidence for c in result.claims]:
        for k, ch in enumerate(span.text):
            known[span.start + k] = ch
    runs: list[tuple[int, str]] = []
    for pos in sorted(known):
        if runs and runs[-1][0] + len(runs[-1][1]) == pos:
            runs[-1] = (runs[-1][0], runs[-1][1] + known[pos])
        else:
            runs.append((pos, known[pos]))
    return runs


def _highlight_run(base: int, run: str, quotes: list["Quote"], colours: dict[str, str]) -> str:
    """Cut the run at every quote boundary; each piece takes the style of its innermost quote."""
    end = base + len(run)
    cuts = {base, end}
    for q in quotes:
        for pos in (q.span.start, q.span.end):
            if base < pos < end:
                cuts.add(pos)
    cuts = sorted(cuts)
    out = []
    for s, e in zip(cuts, cuts[1:]):
        piece = escape(run[s - base:e - base])
        covering = [q for q in quotes if q.span.start <= s and e <= q.span.end]
        if not covering:
            out.append(piece)
            continue
        q = min(covering, key=lambda q: q.span.end - q.span.start)
        colour = colours.get(q.speaker.name, _GREY) if q.speaker else _GREY
        style = f"background:{colour}" + ("" if q.speaker else ";color:#666")
        out.append(f'<mark class="stancelib-quote" style="{style}" title="{escape(_hover(q), quote=True)}">{piece}</mark>')
    return "".join(out)


def _hover(q: "Quote") -> str:
    who = q.speaker.name if q.speaker else NOT_SPEECH
    return f"{q.id} {q.kind}: {who}; method {q.method or '-'}; confidence {q.confidence:.2f}"


def _claims_table(result: "DocResult", colours: dict[str, str]) -> str:
    if not result.claims:
        return '<div style="color:#888">no claims</div>'
    head = "".join(f'<th style="text-align:left;padding:2px 6px">{h}</th>'
                   for h in ("speaker", "topic", "stance", "confidence", "evidence"))
    rows = []
    for c in result.claims:
        who = escape(c.speaker.name) + (f" ({escape(c.speaker.org)})" if c.speaker.org else "")
        cells = (f'<span style="background:{colours.get(c.speaker.name, _GREY)};padding:0 4px">{who}</span>',
                 escape(c.topic), escape(c.stance), f"{c.confidence:.2f}", escape(c.evidence.text))
        rows.append("<tr>" + "".join(f'<td style="text-align:left;padding:2px 6px">{v}</td>' for v in cells) + "</tr>")
    return ('<table class="stancelib-claims" style="border-collapse:collapse;margin-top:6px">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
