"""Direct quotes: every “…”, 「…」, 『…』, ‘…’ and straight-quote pair yields a ``direct`` Quote, nested
ones with ``parent_id``; spans run from the opening mark to just past the closing mark, in the ORIGINAL
text, whatever the normalizer had to clean."""
from __future__ import annotations

import pytest

import stancelib


def direct(text: str):
    res = stancelib.extract(text)
    for q in res.quotes:
        assert text[q.span.start:q.span.end] == q.span.text
    return [q for q in res.quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    "text, span, content",
    [
        ("邵云帆表示：“推理成本每年降十倍。”", "“推理成本每年降十倍。”", "推理成本每年降十倍。"),
        ("邵云帆表示：「推理成本每年降十倍。」", "「推理成本每年降十倍。」", "推理成本每年降十倍。"),
        ("邵云帆表示：『推理成本每年降十倍。』", "『推理成本每年降十倍。』", "推理成本每年降十倍。"),
        ("邵云帆表示：‘推理成本每年降十倍。’", "‘推理成本每年降十倍。’", "推理成本每年降十倍。"),
        ('邵云帆表示："推理成本每年降十倍。"', '"推理成本每年降十倍。"', "推理成本每年降十倍。"),
        ("邵云帆表示：＂推理成本每年降十倍。＂", "＂推理成本每年降十倍。＂", "推理成本每年降十倍。"),
        ("邵云帆表示：〝推理成本每年降十倍。〞", "〝推理成本每年降十倍。〞", "推理成本每年降十倍。"),
        ("邵云帆表示：﹁推理成本每年降十倍。﹂", "﹁推理成本每年降十倍。﹂", "推理成本每年降十倍。"),
    ],
)
def test_every_quote_mark_yields_a_direct_quote(text, span, content):
    (q,) = direct(text)
    assert q.span.text == span
    assert q.span.start == text.index(span)
    assert q.content == content
    assert q.parent_id is None
    assert q.speaker is not None and q.speaker.name == "邵云帆"
    assert q.doc_id == "doc" and q.id == "q0" and q.sentence == 0


def test_quotes_that_are_not_speech_still_come_out_with_no_speaker():
    quotes = direct("“一”“二”「三」『四』‘五’\"六\"")
    assert [q.span.text for q in quotes] == ["“一”", "“二”", "「三」", "『四』", "‘五’", '"六"']
    assert [q.content for q in quotes] == ["一", "二", "三", "四", "五", "六"]
    assert all(q.speaker is None for q in quotes)
    assert [q.id for q in quotes] == ["q0", "q1", "q2", "q3", "q4", "q5"]


def test_term_in_quotes_has_no_speaker():
    (q,) = direct("所谓“百模大战”已经告一段落。")
    assert q.content == "百模大战" and q.speaker is None


def test_nested_single_quotes_point_to_their_parent():
    outer, inner = direct("许清衡说：“我们的目标是‘先做企业，再做个人’。”")
    assert outer.span.text == "“我们的目标是‘先做企业，再做个人’。”"
    assert outer.content == "我们的目标是‘先做企业，再做个人’。"
    assert inner.span.text == "‘先做企业，再做个人’"
    assert inner.parent_id == outer.id
    assert outer.parent_id is None
    assert outer.speaker is not None and outer.speaker.name == "许清衡"


def test_two_nested_quotes_in_one_quote():
    outer, a, b = direct("他说：“她问我‘你们会开源吗？’我说‘会’。”")
    assert (a.content, b.content) == ("你们会开源吗？", "会")
    assert a.parent_id == outer.id and b.parent_id == outer.id


def test_three_levels_of_corner_brackets():
    a, b, c = direct("「甲『乙「丙」乙』甲」")
    assert [q.span.text for q in (a, b, c)] == ["「甲『乙「丙」乙』甲」", "『乙「丙」乙』", "「丙」"]
    assert (a.parent_id, b.parent_id, c.parent_id) == (None, a.id, b.id)


def test_straight_quotes_nested_in_curly_quotes_and_the_other_way():
    outer, inner = direct('许清衡说：“他们总说"够用就好"，我不同意。”')
    assert inner.span.text == '"够用就好"' and inner.parent_id == outer.id
    outer, inner = direct('"规则里写着“先落地”。"')
    assert outer.span.text == '"规则里写着“先落地”。"'
    assert inner.span.text == "“先落地”" and inner.parent_id == outer.id


def test_straight_quotes_pair_in_order():
    quotes = direct('模型叫"星河"，口号是"更快"。')
    assert [q.content for q in quotes] == ["星河", "更快"]


def test_a_closing_mark_used_as_an_apostrophe_is_not_a_quote():
    (q,) = direct("Let’s go，他说“走”。")
    assert q.span.text == "“走”"


def test_html_entity_quotes_map_to_the_entities():
    text = "许清衡说：&ldquo;闭源才能赚钱。&rdquo;还有&lsquo;坏&rsquo;和&quot;中&quot;"
    quotes = direct(text)
    assert [q.span.text for q in quotes] == ["&ldquo;闭源才能赚钱。&rdquo;", "&lsquo;坏&rsquo;", "&quot;中&quot;"]
    assert [q.content for q in quotes] == ["闭源才能赚钱。", "坏", "中"]
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "许清衡"


def test_traditional_text_with_ruby_inside_a_quote():
    text = "邵云帆說：「這個(gè)『端側』才是未來。」"
    outer, inner = direct(text)
    assert outer.span.text == "「這個(gè)『端側』才是未來。」"
    assert outer.content == "這個(gè)『端側』才是未來。"
    assert inner.span.text == "『端側』" and inner.parent_id == outer.id
    assert outer.speaker is not None and outer.speaker.name == "邵云帆"
    assert outer.speaker.surface == "邵云帆"


def test_split_quote_around_the_speaker():
    first, second = direct("“先落地。”邵云帆说，“再谈理想。”")
    assert (first.content, second.content) == ("先落地。", "再谈理想。")
    assert first.speaker is not None and first.speaker.name == "邵云帆"
    assert second.speaker is not None and second.speaker.name == "邵云帆"


def test_unbalanced_quote_still_yields_a_quote_up_to_the_paragraph_end():
    text = "“第一段没有结束。\n“第二段结束了。”"
    first, second = direct(text)
    assert first.span.text == "“第一段没有结束。"
    assert second.span.text == "“第二段结束了。”"
    assert [w.code for w in stancelib.extract(text).warnings] == ["W002"]


def test_quote_offsets_after_zero_width_and_entities_before_it():
    text = "\ufeff\u200b&nbsp;严海说：“价格战没有赢家。”"
    (q,) = direct(text)
    assert q.span.text == "“价格战没有赢家。”"
    assert q.span.start == text.index("“")


def test_quote_ids_and_kinds_are_unique_and_typed():
    res = stancelib.extract("严海说：“一。”又说：“二。”", doc_id="a.txt")
    assert [q.id for q in res.quotes] == sorted({q.id for q in res.quotes}, key=lambda i: int(i[1:]))
    assert all(q.doc_id == "a.txt" for q in res.quotes)
    assert all(isinstance(q, stancelib.Quote) for q in res.quotes)


from hypothesis import given, settings, strategies as st  # noqa: E402

from stancelib.quotes import alternation  # noqa: E402

_WORDS = st.lists(st.text(alphabet="ab说表示-]^.", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(_WORDS, st.text(alphabet="abc说表示-]^.x", max_size=40))
def test_lexicon_regex_matches_like_a_longest_first_alternation(words, text):
    """The prefix-factored pattern finds exactly what a flat longest-first alternation finds."""
    import re

    factored = re.compile(alternation(words))
    flat = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    assert [m.span() for m in factored.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_last_turn_runs_on_while_its_line_breaks_off_after_a_comma():
    turns = lambda text: [(q.content, q.speaker.name if q.speaker else None)
                          for q in stancelib.extract(text).quotes if q.kind == "qa_turn"]
    assert turns("记者：你们会开源吗？\n邬清远：会的，真的，\n我们下个月就开源。")[-1] == ("会的，真的，\n我们下个月就开源。", "邬清远")
    # a finished last line does not take the narration after it
    assert turns("记者：你们会开源吗？\n邬清远：会的。\n会后记者又走访了几家公司。")[-1] == ("会的。", "邬清远")
def test_a_numbered_section_heading_ends_the_answer_before_it():
    text = ("记者：你们先做企业吗？\n\n邵明川：先做企业，收入更稳。\n\n二、消费市场还有没有机会\n\n"
            "记者：那消费者呢？\n\n邵明川：我们明年再看。")
    turns = [q.content for q in stancelib.extract(text).quotes if q.kind == "qa_turn"]
    assert turns == ["你们先做企业吗？", "先做企业，收入更稳。", "那消费者呢？", "我们明年再看。"]
    # a numbered line that ends a sentence is part of the answer
    text = ("记者：你们先做企业吗？\n\n邵明川：理由有两个。\n1、收入更稳。\n\n记者：那消费者呢？\n\n邵明川：明年再看。")
    turns = [q.content for q in stancelib.extract(text).quotes if q.kind == "qa_turn"]
    assert turns[1] == "理由有两个。\n1、收入更稳。"


def test_heading_lines_without_a_colon_are_headlines_with_their_label():
    text = "开场白。\n\n【韩立】工厂需要自己的模型\n\n正文。\n\n▍Lucy 韩｜出海应用创始人\n\n正文。"
    heads = [(q.cue, q.content) for q in stancelib.extract(text).quotes if q.kind == "headline"]
    assert heads == [("韩立", "工厂需要自己的模型"), ("Lucy 韩", "出海应用创始人")]
