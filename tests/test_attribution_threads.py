"""Comment threads under a post (``某某 回复 某某：``) and forms of address that stay with their person."""
import pytest

from test_attribution import speakers

POST = (
    "我在一家模型公司干了三年，说说我看到的。\n\n"
    "我们老板一直相信堆算力。我当时觉得他说得对。\n\n"
    "后来我离职了。我现在觉得数据比算力重要。\n\n"
    "编辑于 2025-03-18\n\n"
    "夜航船：太真实了，我们这边也卡在数据上。\n\n"
    "北漂阿七（作者） 回复 夜航船：对，数据没到，堆多少卡都没用。\n\n"
    "PixelFox：端侧有机会吗？\n\n"
    "北漂阿七（作者） 回复 PixelFox：有，但不是今年。\n"
)


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_every_comment_of_a_thread_is_its_handles_and_the_authors_note_names_the_post(kb, request):
    nlp = request.getfixturevalue(kb)
    assert speakers(nlp, POST, "qa_turn") == [
        ("太真实了，我们这边也卡在数据上。", "夜航船"), ("对，数据没到，堆多少卡都没用。", "北漂阿七"),
        ("端侧有机会吗？", "PixelFox"), ("有，但不是今年。", "北漂阿七")]
    doc = nlp(POST)
    body = [q.speaker.name for q in doc._.quotes if q.kind == "indirect" and q.span.start < POST.index("编辑于")]
    assert body and set(body) == {"北漂阿七"}  # the post above says 我 as its author


def test_label_lines_without_a_reply_are_no_thread_and_a_reply_inside_a_sentence_is_none(nlp_nokb):
    text = "夜航船：太真实了。\n\nPixelFox：端侧有机会吗？\n"
    assert speakers(nlp_nokb, text, "qa_turn") == []
    text = ("韩松说：“开源不行。”\n\n韩松在另一条回复里谈到了端侧：他觉得以后都在本地跑。\n\n"
            "有网友评论：“扫兴。”\n")
    assert not [q for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn"]


def test_a_form_of_address_stays_with_the_person_it_named_first(nlp_nokb):
    text = ("星河智能CEO周牧川在会上宣布转做企业客户。有一次会上，周总说：“钱只够做一件事。”\n\n"
            "产品负责人周晓岚当场就急了。她说：“撤了就白花了！”\n\n"
            "周总的回答很直接：“晓岚，账上的钱只够选一个。”")
    assert speakers(nlp_nokb, text) == [("钱只够做一件事。", "周牧川"), ("撤了就白花了！", "周晓岚"),
                                        ("晓岚，账上的钱只够选一个。", "周牧川")]


def test_a_given_name_opening_a_clause_before_an_adverb_of_time_is_the_full_name(nlp_nokb):
    text = "产品负责人周晓岚和设计总监林岚都不同意。\n\n晓岚后来私下跟我说，她始终觉得“企业客户是退路”。"
    assert speakers(nlp_nokb, text) == [("企业客户是退路", "周晓岚")]
