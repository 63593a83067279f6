"""Fuzzing: hypothesis properties of the hostile-input paths, and the seeded ``stancelib.fuzz``
corpus (``stancelib bench --fuzz N`` runs >= 10,000; this marked test runs a smaller N by default,
``STANCELIB_FUZZ_N`` raises it)."""
from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stancelib
from stancelib.errors import InputError
from stancelib.fuzz import QUOTE_MARKS, fuzz_corpus, fuzz_document, run_fuzz, span_problems
from stancelib.normalize import decode_document, normalize_text
from stancelib.sentences import MAX_QUOTE_DEPTH, pair_quote_marks

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.function_scoped_fixture])
_MARKS_AND_BREAKS = st.lists(st.one_of(st.sampled_from(QUOTE_MARKS + ["\n", "\r", "\r\n", "\u2028", "\x85", "。", "说："]),
                                       st.characters(min_codepoint=0x4E00, max_codepoint=0x4E20)), max_size=200).map("".join)


@SETTINGS
@given(_MARKS_AND_BREAKS)
def test_quote_pairs_are_nested_bounded_and_linear(text):
    pairs, warnings = pair_quote_marks(text)
    ends: list[int] = []
    for start, end, mark, depth, _ in pairs:
        assert 0 <= start < end <= len(text) and text[start] == mark
        while ends and ends[-1] <= start:
            ends.pop()
        assert depth == len(ends) < MAX_QUOTE_DEPTH  # depth = enclosing pairs; never crossing
        assert not ends or end <= ends[-1]
        ends.append(end)
    assert sum(e - s for s, e, *_ in pairs) <= MAX_QUOTE_DEPTH * len(text)
    assert len(warnings) <= len(pairs)


@SETTINGS
@given(_MARKS_AND_BREAKS)
def test_line_ends_fold_one_to_one_except_crlf(text):
    clean, omap, _ = normalize_text(text)
    assert "\r" not in clean and "\u2028" not in clean and "\x85" not in clean
    assert len(clean) == len(text) - text.count("\r\n")
    for i in range(len(clean)):
        s, e = omap.span(i, i + 1)
        assert 0 <= s <= e <= len(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_decoding_random_bytes_gives_text_or_a_coded_error(data):
    try:
        text, warnings = decode_document(data, "random.bin")
    except InputError as e:
        assert str(e)[:6] in ("[E001]", "[E002]", "[E003]")
        return
    assert isinstance(text, str)
    assert all(w["code"] in ("W003", "W006", "W007") for w in warnings)


_ITEMS = st.lists(st.one_of(
    st.text(max_size=40), st.binary(max_size=40), st.none(), st.integers(),
    st.tuples(st.text(max_size=5), st.one_of(st.text(max_size=40), st.none(), st.binary(max_size=20))),
), max_size=8)


@SETTINGS
@given(_ITEMS)
def test_any_batch_yields_one_record_per_item(nlp, items):
    results = list(stancelib.extract_many(items, nlp=nlp))
    assert len(results) == len(items)
    for item, res in zip(items, results):
        if res.error:
            assert res.error.startswith("[E0")
        elif isinstance(item, str) and not stancelib._is_path(item):
            assert span_problems(res, item) == []


@SETTINGS
@given(st.integers(min_value=0, max_value=2**32))
def test_fuzz_documents_are_seeded(seed):
    assert fuzz_document(random.Random(seed)) == fuzz_document(random.Random(seed))


def test_fuzz_corpus_covers_every_quote_mark_and_line_end():
    text = "".join(t for _, t in fuzz_corpus(300, seed=1))
    assert all(m in text for m in QUOTE_MARKS)
    assert all(e in text for e in ("\r\n", "\r", "\u2028", "\x85", "\x00"))


@pytest.mark.fuzz
def test_fuzz_corpus_runs_clean(nlp):
    n = int(os.environ.get("STANCELIB_FUZZ_N", "150"))
    report = run_fuzz(n, seed=7, nlp=nlp, growth_chars=800)
    assert report["documents"] == n
    assert report["exceptions"] == [] and report["bad_spans"] == [] and report["unexpected_errors"] == []
    assert all(g["ratio"] <= 6 for g in report["growth"]), report["growth"]
    assert report["ok"]
