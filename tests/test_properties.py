"""Properties: for any text, ``stancelib.extract`` never raises and every span it returns (quotes,
claim evidence, warnings) indexes the ORIGINAL text: ``original[start:end] == text``."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import stancelib
from stancelib.normalize import normalize_text
from stancelib.sentences import pair_quote_marks, split_sentences

# The characters the rules react to, so that random texts hit quotes, labels, entities and ruby often.
_INTERESTING = list("“”「」『』‘’\"＂〝〞﹁﹂\n\r\t。！？!?；;…：:，,（）()&#;") + [
    "&ldquo;", "&rdquo;", "&amp;", "&#x4E2D;", "(gè)", "（hǎo）", "(AI)", "?shù)", "?!", "\u200b", "\ufeff",
    "\u00ad", "\u3000", "\u00a0", "\x00", "\x07", "\x1b", "\x7f", "\x85", "⻩", "⼈", "ＡＩ", "｡", "<p>", "</p>",
    "<br/>", "李开复", "王小川", "邵云帆", "表示", "说", "认为", "他", "她", "问", "答", "记者", "主持人", "開源",
    "闭源", "端侧", "云端", "Scaling Law", "To B", "比尔·盖茨", "CEO", "在", "看来", "\ufffd",
]
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_PIECES = st.one_of(st.sampled_from(_INTERESTING), _CJK, st.characters(exclude_categories=("Cs",)))
RICH_TEXT = st.lists(_PIECES, max_size=60).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_spans_index_the_original(text: str) -> stancelib.DocResult:
    res = stancelib.extract(text)
    assert res.error is None
    for q in res.quotes:
        assert text[q.span.start:q.span.end] == q.span.text, q
        assert 0 <= q.span.start <= q.span.end <= len(text)
        assert q.content in q.span.text or q.kind != "direct"
    for c in res.claims:
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text, c
    for w in res.warnings:
        if w.span is not None:
            assert text[w.span.start:w.span.end] == w.span.text, w
    ids = [q.id for q in res.quotes]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(q.parent_id in known for q in res.quotes if q.parent_id)
    assert all(c.quote_id in known for c in res.claims if c.quote_id)
    return res


@SETTINGS
@given(st.text())
@example("")
@example("\x00\x01\x02")
@example("“")
@example("”")
@example("「」」「")
@example('"')
@example("?!")
def test_any_text(text):
    assert_spans_index_the_original(text)


@SETTINGS
@given(RICH_TEXT)
@example("周明说：“未来属于开源?!\n他说。")
@example("&ldquo;這個(gè)&rdquo;”“「『‘\"")
@example("问：好吗？\n答：好。\n问：为什么？\n答：“因为。”")
def test_text_made_of_the_characters_the_rules_react_to(text):
    assert_spans_index_the_original(text)


@SETTINGS
@given(st.lists(st.sampled_from(["“", "”", "「", "」", "『", "』", "‘", "’", '"', "\n", "说", "。", "李开复"]), max_size=40).map("".join))
def test_lone_and_crossed_quote_marks(text):
    assert_spans_index_the_original(text)


@SETTINGS
@given(st.one_of(st.text(), RICH_TEXT))
def test_offset_map_is_monotonic_and_inside_the_original(text):
    clean, omap, _ = normalize_text(text)
    assert omap.clean_len == len(clean)
    previous = (0, 0)
    for i in range(len(clean)):
        s, e = omap.span(i, i + 1)
        assert 0 <= s < e <= len(text)
        assert s >= previous[0]
        previous = (s, e)
    s, e = omap.span(0, len(clean))
    assert 0 <= s <= e <= len(text)


@SETTINGS
@given(RICH_TEXT)
def test_no_sentence_ends_inside_a_balanced_quote(text):
    clean, _, _ = normalize_text(text)
    pairs, _ = pair_quote_marks(clean)
    spans = split_sentences(clean, pairs)
    assert all(0 <= s < e <= len(clean) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for open_, close, _mark, depth, balanced in pairs:
        if depth == 0 and balanced:
            assert not any(open_ < e < close for _s, e in spans[:-1]), (open_, close, spans)


def test_one_megabyte_single_line():
    """Chunking of a giant line (no newline at all) keeps every offset right; run once."""
    filler = "大模型行业今年的竞争格局发生了明显变化，算力成本下降，应用层的机会越来越多，"
    piece = (
        "邵云帆表示：“端侧推理会越来越便宜。”" + filler
        + "&ldquo;價格戰&rdquo;沒有贏家(gè)，" + filler
        + "所谓‘百模大战’只是开始\u200b，" + filler
        + "数?shù)据 和 \"开源\" 都重要；" + filler
        + "「未来」属于(AI)应用。"
    )
    text = piece * (1_000_000 // len(piece) + 1)
    assert "\n" not in text and len(text) > 1_000_000
    res = assert_spans_index_the_original(text)
    per_piece = [q for q in res.quotes if q.kind == "direct"]
    assert len(per_piece) == 5 * (len(text) // len(piece))
    assert sum(1 for q in per_piece if q.speaker and q.speaker.name == "邵云帆") >= len(text) // len(piece)
    assert any(w.code == "W001" for w in res.warnings)
