"""Quote-aware sentence boundaries.

The ``stancelib_sentences`` component pairs quote marks at document level first, then cuts sentences
only outside quotes, so ``“我们反对。”他说。`` is one sentence and a multi-sentence quote never splits.
It adds to the Doc:
- ``doc._.quote_marks``: paired quote marks, ``[open, close, mark, depth, balanced]`` in clean offsets
  (``close`` is just past the closing mark; an unbalanced quote closes at its paragraph end);
- ``doc._.sentence_spans``: ``[start, end]`` per sentence in clean offsets;
and sets ``token.is_sent_start`` so ``doc.sents`` follows the same boundaries.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .errors import Warnings
from .normalize import _norm, _offset_map, all_positions, set_doc_value

# Opening mark -> its closing mark. Straight quotes pair with themselves.
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "﹃": "﹄"}
_CLOSERS = {v: k for k, v in QUOTE_PAIRS.items() if k != '"'}
# The quote marks, found with str.find per mark (a regex scan tests its class at every character).
_MARKS = "“”「」『』‘’\""
# Sentence enders, with trailing closers folded into the sentence they end: a run of newlines, or of
# ``。！？!?；;``, ``…`` and ``……``, and three to six dots. The pattern opens with the class of every first
# character (re skips in C to the next one; a look-ahead would be tried at every position), then the
# look-behind on that character picks how the first ender goes on.
_SENT_END = re.compile(
    r"[。！？!?；;….\n](?:(?<=\n)\n*|(?:(?<=[。！？!?；;])|(?<=…)…?|(?<=\.)\.\.\.{0,3})"
    r"(?:[。！？!?；;]|…{1,2}|\.{3,6})*[”’」』\"）)]*)")
# A mark that was eaten by mojibake leaves ``?!`` where the closing mark stood.
_EATEN_CLOSER = re.compile(r"\?!")


# Deeper nesting than this is not prose; past it an opening mark is plain text (output stays linear).
MAX_QUOTE_DEPTH = 4
_QUOTE_ENDERS = "。！？!?"


def pair_quote_marks(text: str) -> tuple[list[list], list[dict]]:
    """Pair quote marks in ``text``; return ``(pairs, warnings)``.

    Each pair is ``[open, close, mark, depth, balanced]`` with ``close`` just past the closing mark.
    An opening mark left unclosed (W002) closes at its paragraph end, or at the last sentence end before
    the next opening mark of its kind: later marks never nest inside an unclosed one, so hostile input
    (thousands of ``“``) gives output linear in its length.

    >>> pair_quote_marks("他说：“好‘啊’。”")[0]
    [[3, 10, '“', 0, True], [5, 8, '‘', 1, True]]
    >>> [p[:2] for p in pair_quote_marks("甲说：“好。乙说：“行。")[0]]
    [[3, 6], [9, 12]]
    """
    pairs: list[list] = []
    warnings: list[dict] = []
    stack: list[tuple[str, int]] = []
    openers: dict[str, list[int]] = {}  # opening marks of the current paragraph, by kind

    def close_open_at(pos: int) -> None:
        if not stack:  # the usual paragraph end, with every quote closed
            openers.clear()
            return
        for mark, start in stack:
            later = openers[mark]
            k = bisect_right(later, start)
            limit = pos if k == len(later) else _quote_end_before(text, start, later[k])
            # A mark eaten by mojibake leaves ``?!`` where the closing mark stood.
            eaten = _EATEN_CLOSER.search(text, start + 1, limit)
            end = eaten.end() if eaten else limit
            while end > start + 1 and text[end - 1] in " \t\r":
                end -= 1
            pairs.append([start, end, mark, 0, False])
            warnings.append(
                {"code": "W002", "message": Warnings.W002.format(mark=mark, start=start), "clean_start": start}
            )
        stack.clear()
        openers.clear()

    para_end = -1  # the line end of the paragraph of the marks read so far
    for pos in sorted([pos for mark in _MARKS for pos in all_positions(text, mark)]):
        ch = text[pos]
        if pos > para_end:  # the first mark of a paragraph: the quotes of the one before close at its end
            close_open_at(para_end)
            para_end = text.find("\n", pos)
            if para_end < 0:
                para_end = len(text)
        if ch == '"':
            if stack and stack[-1][0] == '"':
                _, start = stack.pop()
                pairs.append([start, pos + 1, '"', len(stack), True])
            else:
                stack.append((ch, pos))
                openers.setdefault(ch, []).append(pos)
        elif ch in QUOTE_PAIRS:
            stack.append((ch, pos))
            openers.setdefault(ch, []).append(pos)
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if any(mark == opener for mark, _ in stack):
                while stack:
                    mark, start = stack.pop()
                    if mark == opener:
                        pairs.append([start, pos + 1, mark, len(stack), True])
                        break
                    # An inner quote left open by its closer: close it with its parent.
                    pairs.append([start, pos, mark, len(stack), False])
            # A closer with no opener (an apostrophe, a lost opening mark) is left alone.
    close_open_at(para_end)
    return _nest(pairs), warnings


def _quote_end_before(text: str, start: int, next_open: int) -> int:
    """Where an unclosed quote at ``start`` ends when another one opens at ``next_open``: just past its
    last sentence end, else right before the next mark (``“开源会成为主流。陈某表示：“`` -> ``。``)."""
    last = max(text.rfind(ch, start + 1, next_open) for ch in _QUOTE_ENDERS)
    return last + 1 if last >= 0 else next_open


def _nest(pairs: list[list]) -> list[list]:
    """Text order and depths; a pair reaching past its parent is cut at the parent's end, and pairs
    nested deeper than MAX_QUOTE_DEPTH are dropped, so no span is counted more than that many times."""
    pairs.sort(key=lambda p: (p[0], -p[1]))
    out: list[list] = []
    ends: list[int] = []
    for p in pairs:
        while ends and ends[-1] <= p[0]:
            ends.pop()
        if len(ends) >= MAX_QUOTE_DEPTH:
            continue
        if ends and p[1] > ends[-1]:
            p[1], p[4] = ends[-1], False
        p[3] = len(ends)
        ends.append(p[1])
        out.append(p)
    return out


def split_sentences(text: str, pairs: list[list]) -> list[list[int]]:
    """Sentence ``[start, end]`` spans of ``text`` that never end inside a quote pair."""
    # Mark the inside of top-level quotes; a sentence end there does not count.
    inside = [(p[0], p[1]) for p in pairs if p[3] == 0]
    straight_closers = {p[1] - 1 for p in pairs if p[2] == '"' and p[4]}
    spans: list[list[int]] = []
    start = 0
    qi = 0
    n_inside = len(inside)
    for m in _SENT_END.finditer(text):
        ender, end = m.span()
        if text[ender] == "\n":
            stop = ender  # the line ends are trimmed off the sentence
        else:
            while qi < n_inside and inside[qi][1] <= ender:
                qi += 1
            if qi < n_inside and inside[qi][0] < ender < inside[qi][1] - 1:
                continue
            if end - ender > 1:  # a one-character ender has no closing marks after it
                end = _trailing_closers_end(text, ender, end, straight_closers)
            stop = end
        if start < stop and not text[start].isspace() and not text[stop - 1].isspace():
            spans.append([start, stop])  # the usual sentence, with nothing to trim
        else:
            _append_trimmed(text, spans, start, stop)
        start = end
    _append_trimmed(text, spans, start, len(text))
    return spans


def _trailing_closers_end(text: str, start: int, end: int, straight_closers: set[int]) -> int:
    """End of a sentence ender and its closing marks: a ``"`` that opens the next quote is not one.

    ``他说。"好。"`` ends after ``。``, not after the ``"`` that opens the next quote.
    """
    k = text.find('"', start, end)
    while k >= 0:
        if k not in straight_closers:
            return k
        k = text.find('"', k + 1, end)
    return end


def _append_trimmed(text: str, spans: list[list[int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append([start, end])


def sentence_index(spans: list[list[int]], pos: int) -> int:
    """Index of the sentence holding clean offset ``pos`` (the nearest one before it otherwise)."""
    return max(0, bisect_right(spans, pos, key=itemgetter(0)) - 1)


def sentence_indexer(spans: list[list[int]]):
    """:func:`sentence_index` in ``spans`` as a function of ``pos``, for many lookups in one document:
    a bisect over the sentence starts listed once, without a key call per comparison."""
    starts = [s for s, _ in spans]

    def index(pos: int) -> int:
        return max(0, bisect_right(starts, pos) - 1)

    return index


for _name in ("quote_marks", "sentence_spans", "quote_mark_warnings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class QuoteAwareSentencizer:
    """Pipeline component: quote marks paired once, sentences cut outside them."""

    def __init__(self, nlp: Language, name: str = "stancelib_sentences", set_token_boundaries: bool = True):
        self.name = name
        self.set_token_boundaries = set_token_boundaries

    def __call__(self, doc: Doc) -> Doc:
        clean = _norm(doc)["clean"]
        pairs, warnings = pair_quote_marks(clean)
        spans = split_sentences(clean, pairs)
        set_doc_value(doc, "quote_marks", pairs)
        set_doc_value(doc, "quote_mark_warnings", warnings)
        set_doc_value(doc, "sentence_spans", spans)
        if self.set_token_boundaries and len(doc):
            self._set_token_boundaries(doc, spans)
        return doc

    @staticmethod
    def _set_token_boundaries(doc: Doc, spans: list[list[int]]) -> None:
        """Vectorised: one searchsorted over token offsets instead of a loop over tokens."""
        idx = doc.to_array(IDX).astype(np.int64)
        omap = _offset_map(doc)
        starts = np.array([omap.start(s) for s, _ in spans] or [0], dtype=np.int64)
        # (a start is never before the first token, at 0, nor past the last one: no clipping needed)
        tok = np.searchsorted(idx, starts, side="right") - 1
        # Leading whitespace belongs to the first sentence: doc.sents and sentence_spans stay one to one.
        tok[0] = 0
        sent = np.full(len(doc), -1, dtype=np.int32)
        sent[tok] = 1
        doc.from_array([SENT_START], sent.astype(np.uint64))


@Language.factory("stancelib_sentences", default_config={"set_token_boundaries": True},
                  requires=["doc._.stancelib_norm"],
                  assigns=["doc._.quote_marks", "doc._.sentence_spans", "doc._.quote_mark_warnings", "token.is_sent_start"])
def make_sentences(nlp: Language, name: str, set_token_boundaries: bool) -> QuoteAwareSentencizer:
    return QuoteAwareSentencizer(nlp, name, set_token_boundaries)
