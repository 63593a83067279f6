"""Quote-aware sentences: no sentence ends inside a quote, enders of both widths and newlines cut,
Q&A labels start a sentence, an unbalanced quote closes at its paragraph end (W002)."""
from __future__ import annotations

import pytest

import stancelib
from stancelib.sentences import pair_quote_marks, sentence_index, split_sentences


def sentences(text: str) -> list[str]:
    pairs, _ = pair_quote_marks(text)
    return [text[s:e] for s, e in split_sentences(text, pairs)]


def test_quote_with_several_sentences_stays_in_one_sentence():
    text = "韩知秋说：“第一点。第二点！第三点？”随后离场。下一句。"
    assert sentences(text) == ["韩知秋说：“第一点。第二点！第三点？”随后离场。", "下一句。"]


def test_corner_brackets_hold_their_sentence_enders():
    text = "「我们不做消费端。我们只做企业。」她说。\n新的一段。"
    assert sentences(text) == ["「我们不做消费端。我们只做企业。」她说。", "新的一段。"]


def test_double_corner_brackets_nested_in_corner_brackets():
    text = "他说：「她曾写道『算力就是一切。』我不同意。」然后。"
    assert sentences(text) == ["他说：「她曾写道『算力就是一切。』我不同意。」然后。"]


def test_multi_sentence_quote_keeps_one_quote_id(nlp):
    text = "韩知秋说：“第一点。第二点！第三点？”随后离场。下一句。"
    doc = nlp(text)
    direct = [q for q in doc._.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].content == "第一点。第二点！第三点？"
    assert direct[0].sentence == 0
    assert [s.text for s in doc.sents] == ["韩知秋说：“第一点。第二点！第三点？”随后离场。", "下一句。"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一。二！三？四；五…六", ["一。", "二！", "三？", "四；", "五…", "六"]),
        ("一!二?三;四", ["一！", "二?", "三；", "四"]),  # after a Chinese character ! and ; fold to full width
        ("AI!GPU?TPU;四", ["AI!", "GPU?", "TPU;", "四"]),
        ("一……二...三", ["一……", "二...", "三"]),
        ("一｡二", ["一。", "二"]),
        ("第一行\n第二行\r\n第三行", ["第一行", "第二行", "第三行"]),
        ("真的吗？！当然。", ["真的吗？！", "当然。"]),
    ],
)
def test_sentence_enders_of_both_widths_and_newlines(nlp, text, expected):
    doc = nlp(text)
    clean = doc._.clean_text
    assert [clean[s:e] for s, e in doc._.sentence_spans] == expected


def test_closing_mark_after_an_ender_belongs_to_the_sentence():
    assert sentences("“好。”“坏。”") == ["“好。”“坏。”"]
    assert sentences("他说“好。”然后走了。再见。") == ["他说“好。”然后走了。", "再见。"]


def test_straight_quote_after_a_sentence_end_opens_the_next_sentence():
    assert sentences('他说完了。"好的。"她答。') == ["他说完了。", '"好的。"她答。']
    assert sentences('他说："好的。"然后走了。再见。') == ['他说："好的。"然后走了。', "再见。"]


def test_qa_labels_start_sentences(nlp):
    text = "记者：端侧模型会取代云端吗？\n钱若川：不会，两者互补。云端仍然重要。\n记者：为什么？\n钱若川：成本决定。"
    doc = nlp(text)
    clean = doc._.clean_text
    got = [clean[s:e] for s, e in doc._.sentence_spans]
    assert got == ["记者：端侧模型会取代云端吗？", "钱若川：不会，两者互补。", "云端仍然重要。", "记者：为什么？", "钱若川：成本决定。"]
    turns = [q for q in doc._.quotes if q.kind == "qa_turn"]
    assert [q.sentence for q in turns] == [0, 1, 3, 4]
    assert [q.content for q in turns] == ["端侧模型会取代云端吗？", "不会，两者互补。云端仍然重要。", "为什么？", "成本决定。"]


def test_qa_label_with_ascii_colon_and_indent(nlp):
    text = "\u3000\u3000主持人:大家好吗?\r\n\u3000\u3000赵明轩:挺好。\r\n\u3000\u3000主持人:为什么?\r\n\u3000\u3000赵明轩:因为开源。"
    doc = nlp(text)
    clean = doc._.clean_text
    assert [clean[s:e] for s, e in doc._.sentence_spans] == [
        "主持人：大家好吗？", "赵明轩：挺好。", "主持人：为什么？", "赵明轩：因为开源。"
    ]  # (the ASCII marks after Chinese characters read as full-width ones)
    assert len(list(doc.sents)) == len(doc._.sentence_spans)


def test_unbalanced_quote_closes_at_the_paragraph_end_with_w002(nlp):
    text = "严海说：“我们不会降价。这是底线\n下一段是旁白。"
    doc = nlp(text)
    clean = doc._.clean_text
    assert [clean[s:e] for s, e in doc._.sentence_spans] == ["严海说：“我们不会降价。这是底线", "下一段是旁白。"]
    res = stancelib.extract(text)
    (w,) = [w for w in res.warnings if w.code == "W002"]
    assert w.span is not None and w.span.text == "“" and w.span.start == text.index("“")
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.text == "“我们不会降价。这是底线"
    assert text[q.span.start:q.span.end] == q.span.text


def test_unbalanced_quote_at_the_end_of_the_text():
    pairs, warnings = pair_quote_marks("他说：“没完没了")
    assert pairs == [[3, 8, "“", 0, False]]
    assert [w["code"] for w in warnings] == ["W002"]


def test_stray_closing_mark_is_ignored():
    pairs, warnings = pair_quote_marks("这是”多余的。")
    assert pairs == [] and warnings == []
    assert sentences("这是”多余的。后面。") == ["这是”多余的。", "后面。"]


def test_token_sentence_starts_follow_the_sentence_spans(nlp):
    text = "甲说：“一。二。”乙走了。\n丙：好？"
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents] == ["甲说：“一。二。”乙走了。", "丙：好？"]


def test_sentence_spans_index_the_clean_text_of_traditional_and_entities(nlp):
    text = "&ldquo;開源。&rdquo;他說。這個(gè)好。"
    doc = nlp(text)
    clean = doc._.clean_text
    assert clean == "“开源。”他说。这个好。"
    assert [clean[s:e] for s, e in doc._.sentence_spans] == ["“开源。”他说。", "这个好。"]
    assert [s.text for s in doc.sents] == ["&ldquo;開源。&rdquo;他說。", "這個(gè)好。"]


def test_sentence_index():
    spans = [[0, 5], [6, 10], [12, 20]]
    assert [sentence_index(spans, p) for p in (0, 4, 5, 6, 11, 12, 30)] == [0, 0, 0, 1, 1, 2, 2]
    assert sentence_index([], 3) == 0


def test_empty_and_blank_documents(nlp):
    for text in ("", " ", "\n\n"):
        doc = nlp(text)
        assert doc._.sentence_spans == []
        assert doc._.quotes == ()


def test_a_long_line_is_not_cut_inside_a_quote():
    filler = "，".join(["大模型行业竞争格局变化"] * 20000)
    text = filler[: stancelib.CHUNK_CHARS - 20] + "，贺知远说：“第一句。第二句。第三句。”" + "后面的话，" * 10
    res = stancelib.extract(text)
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.text == "“第一句。第二句。第三句。”"
    assert [w.code for w in res.warnings] == []
