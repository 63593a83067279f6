"""Normalization: every cleaning rule gives the exact clean text, and every offset maps back to the
original (``original[start:end] == text``). Also ``read_text``: encodings, binary and empty files."""
from __future__ import annotations

import codecs
import random

import pytest

import stancelib
from stancelib.normalize import OffsetMap, decode_bytes, is_tone_marked_pinyin, normalize_text
from stancelib.types import Span


def clean(original: str) -> str:
    text, omap, _ = normalize_text(original)
    assert_map_is_sound(original, text, omap)
    return text


def original_of(original: str, omap: OffsetMap, start: int, end: int) -> str:
    """The original text behind clean ``[start, end)``, checked by the Span validator."""
    s, e = omap.span(start, end)
    return Span(start=s, end=e, text=original[s:e]).text


def assert_map_is_sound(original: str, text: str, omap: OffsetMap) -> None:
    """Every clean span maps inside the original, in order, and never to an empty span."""
    assert omap.clean_len == len(text) and omap.orig_len == len(original)
    last_start = 0
    for i in range(len(text)):
        s, e = omap.span(i, i + 1)
        assert 0 <= s < e <= len(original), (i, s, e)
        assert s >= last_start
        last_start = s
    if text:
        assert omap.span(0, len(text))[1] <= len(original)


def assert_quotes_map_back(original: str) -> stancelib.DocResult:
    res = stancelib.extract(original)
    for q in res.quotes:
        assert original[q.span.start:q.span.end] == q.span.text
        assert q.content in q.span.text
    for c in res.claims:
        assert original[c.evidence.start:c.evidence.end] == c.evidence.text
    for w in res.warnings:
        if w.span is not None:
            assert original[w.span.start:w.span.end] == w.span.text
    return res


# --- traditional to simplified ----------------------------------------------------------------------


def test_traditional_becomes_simplified_with_the_same_length():
    original = "他說這個模型會開源，還會繼續擴大規模。"
    text, omap, _ = normalize_text(original)
    assert text == "他说这个模型会开源，还会继续扩大规模。"
    assert len(text) == len(original)
    i = text.index("开源")
    assert original_of(original, omap, i, i + 2) == "開源"


def test_traditional_quote_maps_back_to_traditional_text():
    original = "周墨淵說：「開源模型會越來越強。」"
    res = assert_quotes_map_back(original)
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.text == "「開源模型會越來越強。」"
    assert q.content == "開源模型會越來越強。"


@pytest.mark.parametrize("text", ["他说这个模型会开源。", "乾隆年间的故事", "一個字：著", "简体里夹着一个「體」字",
                                  "Ext-B 字𠀀在这里", "⻩总说", "ＡＢＣ全角", "plain ascii"])
def test_conversion_is_skipped_only_where_opencc_would_change_nothing(text):
    from stancelib.normalize import _t2s

    t2s = _t2s()
    assert t2s(text) == t2s._cc.convert(text)
    if t2s._convertible.search(text) is None:
        assert t2s(text) is text  # no pass of OpenCC over a text that is already simplified


# --- pinyin ruby ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "original, expected",
    [
        ("這個(gè)模型很強", "这个模型很强"),
        ("这个（gè）问题", "这个问题"),
        ("電(diàn)腦(nǎo)會思考", "电脑会思考"),
        ("姓呂(lǚ)的工程師", "姓吕的工程师"),
    ],
)
def test_tone_marked_pinyin_ruby_is_stripped(original, expected):
    assert clean(original) == expected


@pytest.mark.parametrize(
    "original",
    [
        "人工智能(AI)正在改变一切",
        "发布会(2024)在北京举行",
        "首席执行官(CEO)出席",
        "这个(ge)没有声调",
        "模型(hao)不是拼音注音",
        "团队(Sam)负责",
        "GPT(gè)后面不是汉字",
        "（hǎo）开头没有汉字",
    ],
)
def test_parentheses_that_are_not_pinyin_ruby_stay(original):
    assert clean(original) == original


def test_ruby_offsets_skip_the_deleted_ruby():
    original = "這個(gè)問題很難"
    text, omap, _ = normalize_text(original)
    assert text == "这个问题很难"
    assert original_of(original, omap, 0, 2) == "這個"  # the span ends before the ruby
    assert original_of(original, omap, 2, 4) == "問題"
    assert original_of(original, omap, 1, 3) == "個(gè)問"


def test_is_tone_marked_pinyin():
    assert is_tone_marked_pinyin("gè") and is_tone_marked_pinyin("zhuāng") and is_tone_marked_pinyin("lǚ")
    assert not is_tone_marked_pinyin("AI") and not is_tone_marked_pinyin("ge") and not is_tone_marked_pinyin("2024")
    assert not is_tone_marked_pinyin("qèx")


# --- HTML entities and tags -------------------------------------------------------------------------


def test_html_entities_are_decoded():
    original = "&ldquo;开源&rdquo;&amp;&lsquo;闭源&rsquo;&#x4E2D;&#22269;&nbsp;&quot;好&quot;"
    text, omap, _ = normalize_text(original)
    assert text == "“开源”&‘闭源’中国 \"好\""
    assert_map_is_sound(original, text, omap)
    assert original_of(original, omap, 0, 1) == "&ldquo;"
    assert original_of(original, omap, 0, 4) == "&ldquo;开源&rdquo;"
    assert original_of(original, omap, 1, 3) == "开源"


def test_unknown_entity_stays():
    assert clean("A&foo;B") == "A&foo;B"


def test_html_tags_are_removed_and_block_tags_break_lines():
    assert clean("<p>甲说。</p><p>乙说。</p>") == "\n甲说。\n\n乙说。\n"
    assert clean("<strong>李</strong>说") == "李说"


def test_entity_quotes_yield_a_quote_with_original_offsets():
    original = "许清衡说：&ldquo;闭源才能赚钱。&rdquo;"
    res = assert_quotes_map_back(original)
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.text == "&ldquo;闭源才能赚钱。&rdquo;"
    assert q.content == "闭源才能赚钱。"


# --- radicals, compatibility forms, full width ------------------------------------------------------


def test_radicals_and_compatibility_ideographs_fold_to_ordinary_characters():
    original = "⻩仁勋说⻓江后浪推前浪，⼈工智能豈能停"
    text, omap, _ = normalize_text(original)
    assert text == "黄仁勋说长江后浪推前浪，人工智能岂能停"
    assert original_of(original, omap, 0, 3) == "⻩仁勋"


def test_compatibility_ideographs_supplement_folds():
    original = "\U0002F800\U0002F8B2说"  # CJK Compatibility Ideographs Supplement: 丽 and 成
    text, omap, _ = normalize_text(original)
    assert text == "丽成说"
    assert original_of(original, omap, 1, 2) == "\U0002F8B2"


def test_full_width_letters_and_digits_become_ascii():
    assert clean("ＧＰＴ－４ｏ在２０２４年发布") == "GPT-4o在2024年发布"


def test_native_full_width_punctuation_stays():
    original = "好，对。真的！为何？注意：一；二（三）《书》【注】、“引”‘内’「甲」『乙』"
    assert clean(original) == original


def test_punctuation_variants_fold_to_the_forms_the_rules_expect():
    assert clean("﹕〝好〞﹁甲﹂｢乙｣＂丙＂") == "：“好”「甲」「乙」\"丙\""


def test_half_width_ideographic_full_stop_folds():
    assert clean("好｡坏､中") == "好。坏、中"


# --- spaces, invisible and control characters -------------------------------------------------------


def test_odd_spaces_become_ordinary_spaces():
    original = "甲\u00a0乙\u3000丙\u2009丁\u202f戊"
    text, omap, _ = normalize_text(original)
    assert text == "甲 乙 丙 丁 戊"
    assert len(text) == len(original)


def test_zero_width_characters_are_removed_and_reported():
    original = "开\u200b源\u200c模\u200d型\u2060很\ufeff好\u00ad。"
    text, omap, warnings = normalize_text(original)
    assert text == "开源模型很好。"
    assert [w["code"] for w in warnings] == ["W004"]
    assert original_of(original, omap, 0, 2) == "开\u200b源"
    assert original_of(original, omap, 6, 7) == "。"
    assert_map_is_sound(original, text, omap)


def test_zero_width_inside_a_name_does_not_hide_the_speaker():
    original = "李\u200b开复表示：“应用为王。”"
    res = assert_quotes_map_back(original)
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.speaker is not None and q.speaker.name == "李开复"
    assert q.span.text == "“应用为王。”"


def test_control_characters_become_spaces_and_line_breaks_stay():
    original = "甲\x00乙\x07丙\x1b丁\x7f戊\t己\r\n庚"
    # CRLF reads as one line break (the CR is dropped from the analysis text, not from the original)
    assert clean(original) == "甲 乙 丙 丁 戊\t己\n庚"


# --- mojibake ---------------------------------------------------------------------------------------


def test_mojibake_ruby_is_left_alone_and_reported():
    original = "周明说：“这个数?shù)据很重要。”"
    text, _, warnings = normalize_text(original)
    assert text == original
    res = assert_quotes_map_back(original)
    (w,) = [w for w in res.warnings if w.code == "W001"]
    assert w.span is not None and w.span.text == "?shù)"
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.text == "“这个数?shù)据很重要。”"
    assert q.speaker is not None and q.speaker.name == "周明"


def test_replacement_characters_are_reported_as_mojibake():
    original = "周明说：“这个数\ufffd\ufffd据很重要。”"
    assert clean(original) == original
    res = assert_quotes_map_back(original)
    (w,) = [w for w in res.warnings if w.code == "W001"]
    assert w.span is not None and w.span.text == "\ufffd\ufffd"
    assert [q.content for q in res.quotes if q.kind == "direct"] == ["这个数\ufffd\ufffd据很重要。"]


def test_lone_surrogates_become_replacement_characters():
    text, omap, warnings = normalize_text("好\ud800的")
    assert text == "好\ufffd的"
    assert [w["code"] for w in warnings] == ["W001"]
    assert omap.span(0, 3) == (0, 3)


def test_closing_mark_eaten_into_question_exclamation_is_reported_and_the_quote_still_comes_out():
    original = "周明说：“我们会一直开源?!\n第二段没有引号。"
    res = assert_quotes_map_back(original)
    codes = sorted(w.code for w in res.warnings)
    assert "W001" in codes
    (w,) = [w for w in res.warnings if w.code == "W001"]
    assert w.span is not None and w.span.text == "?!"
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.start == original.index("“")
    assert q.span.text.startswith("“我们会一直开源")
    assert "\n" not in q.span.text
    assert q.speaker is not None and q.speaker.name == "周明"


def test_everything_at_once_maps_back():
    original = "&lt;p&gt;⻩先生說(shuō)：&ldquo;這個(gè)ＡＩ\u200b模型(AI)很強?shù)。&rdquo;\u3000"
    text, omap, _ = normalize_text(original)
    assert text == "<p>黄先生说：“这个AI模型(AI)很强?shù)。” "
    assert_map_is_sound(original, text, omap)
    assert_quotes_map_back(original)


def test_offset_map_round_trips_through_json():
    original = "這個(gè)&ldquo;⻩&rdquo;"
    text, omap, _ = normalize_text(original)
    again = OffsetMap.from_json(omap.to_json())
    assert [again.span(i, j) for i in range(len(text)) for j in range(i, len(text) + 1)] == [
        omap.span(i, j) for i in range(len(text)) for j in range(i, len(text) + 1)
    ]


def test_doc_extensions_hold_clean_text_and_map():
    nlp = stancelib.load()
    original = "這個(gè)&ldquo;⻩&rdquo;"
    doc = nlp(original)
    assert doc.text == original
    assert doc._.clean_text == "这个“黄”"
    assert doc._.offset_map.span(2, 5) == (6, 21)
    assert original[6:21] == "&ldquo;⻩&rdquo;"


# --- read_text --------------------------------------------------------------------------------------

SIMPLIFIED = "贺知远表示：“明年我们会把模型开源。”\n他还说，端侧推理的成本正在下降。\n"
TRADITIONAL = "賀知遠表示：「明年我們會把模型開源。」\n他還說，端側推理的成本正在下降，雲端依然重要。\n"


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("utf8.txt", SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        ("utf8_bom.txt", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        ("utf16.txt", SIMPLIFIED.encode("utf-16"), SIMPLIFIED),
        ("utf16le_bom.txt", codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED),
        ("gb18030.txt", SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
        ("big5.txt", TRADITIONAL.encode("big5"), TRADITIONAL),
        # short Big5 that also decodes as GB18030 (into private-use characters)
        ("big5_short.txt", "他說：「雲端依然重要。」".encode("big5"), "他說：「雲端依然重要。」"),
        ("gb18030_short.txt", "他说：“云端依然重要。”".encode("gb18030"), "他说：“云端依然重要。”"),
    ],
)
def test_read_text_decodes(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert stancelib.read_text(path) == expected
    assert stancelib.read_text(str(path)) == expected


def test_read_text_utf8_bom_is_not_part_of_the_text(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "“好”".encode("utf-8"))
    text = stancelib.read_text(path)
    assert text == "“好”"
    q = stancelib.extract(text).quotes[0]
    assert (q.span.start, q.span.end) == (0, 3)


def _random_bytes_with_nuls() -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        ("noise.txt", _random_bytes_with_nuls(), "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n ", "empty"),
    ],
)
def test_read_text_rejects_binary_and_empty_files(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(stancelib.InputError) as exc:
        stancelib.read_text(path)
    assert name in str(exc.value)
    assert reason in str(exc.value)
    assert exc.value.path == str(path)


def test_read_text_rejects_a_directory(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    with pytest.raises(stancelib.InputError) as exc:
        stancelib.read_text(folder)
    assert "articles" in str(exc.value) and "directory" in str(exc.value)


def test_read_text_rejects_a_missing_file(tmp_path):
    with pytest.raises(stancelib.InputError) as exc:
        stancelib.read_text(tmp_path / "nowhere.txt")
    assert "nowhere.txt" in str(exc.value) and "no such file" in str(exc.value)


def test_input_error_is_a_value_error():
    with pytest.raises(ValueError):
        decode_bytes(b"", name="x.txt")


def test_ascii_marks_after_chinese_characters_become_full_width():
    assert clean("他说, 开源会赢. 对吗? 对!") == "他说， 开源会赢。 对吗？ 对！"
    assert clean("“好,”他说:真的;") == "“好，”他说：真的；"
    # numbers, domains, ellipses and marks after Latin text stay
    assert clean("增长3.5倍,达到1,000家.见星河.com和a, b. Hi!") == "增长3.5倍，达到1,000家。见星河.com和a, b. Hi!"
    assert clean("真的吗...好吗?!") == "真的吗...好吗?!"
    # a question mark between Chinese characters may be a character lost in decoding
    assert clean("中?文") == "中?文"
