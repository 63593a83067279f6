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


CALL_IN = (
    "主持人小雅：各位晚上好，今晚的嘉宾是经济学家聂文川。我们先接一位来自杭州的听众“橙子”，你好！\n\n"
    "橙子：你好小雅。我们组上个月上了智能客服，一半人转岗了。\n\n"
    "主持人小雅：那你现在是什么打算？\n\n"
    "聂文川：我先说两句，技能要跟着工具走。\n\n"
    "主持人小雅：最后一位，来自东莞的听众“老蔡”。\n\n"
    "老蔡：我觉得手机上的模型不联网也能用，那才叫真好。\n"
)


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_a_callers_nickname_the_host_introduces_names_their_turns_and_the_named_host_asks(kb, request):
    nlp = request.getfixturevalue(kb)
    turns = [(q.content[:6], q.speaker.name if q.speaker else None, q.is_question)
             for q in nlp(CALL_IN)._.quotes if q.kind == "qa_turn"]
    assert [(who, asks) for _, who, asks in turns] == [
        (None, True), ("橙子", False), (None, True), ("聂文川", False), (None, True), ("老蔡", False)] \
        or [(who, asks) for _, who, asks in turns] == [
        ("小雅", True), ("橙子", False), ("小雅", True), ("聂文川", False), ("小雅", True), ("老蔡", False)], turns
    assert not [c for c in nlp(CALL_IN)._.claims if c.speaker.name in ("小雅", "主持人小雅")]


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_inside_an_answer_i_ask_my_colleague_and_his_reply_is_the_colleagues(kb, request):
    nlp = request.getfixturevalue(kb)
    text = ("星衡科技创始人邱子恒出席了发布会。\n\n记者：当时为什么开源？\n\n"
            "邱子恒：说实话，当时争论很大。我问我们的CTO罗致远：“老罗，权重放出去了，明年拿什么拼？”"
            "他想了很久，回了我一句：“拼的是迭代速度。”\n\n记者：现在呢？\n\n邱子恒：现在看，值。")
    assert speakers(nlp, text) == [("老罗，权重放出去了，明年拿什么拼？", "邱子恒"), ("拼的是迭代速度。", "罗致远")]


def test_a_digests_bullets_name_their_people_and_one_bullets_turn_stops_at_the_next_bullet(nlp_nokb):
    text = ("两会代表热议人工智能。\n\n"
            "■邴启航（全国政协委员、开源基金会理事长）：开源是缩小差距最快的路径。“下载量前十的模型里有七个是开源的。”\n\n"
            "■揭振华（全国人大代表、云栈科技总裁）给出了不同的答案。“开源适合做研究，这一点我不反对。”\n\n"
            "●庹明远（全国人大代表、锐鸣通讯总裁）表示，手机芯片的算力翻了几番，“这笔账终于算得过来了”。\n")
    assert speakers(nlp_nokb, text) == [("下载量前十的模型里有七个是开源的。", "邴启航"),
                                        ("开源适合做研究，这一点我不反对。", "揭振华"), ("这笔账终于算得过来了", "庹明远")]


def test_a_familiar_label_is_the_one_person_of_that_surname_labelled_in_full_before(nlp_nokb):
    text = ("接待我的是芯片架构组的一位工程师，同事都叫他老蒯。\n\n"
            "阿斐：端侧真的能用了吗？\n蒯立行：你说对了一半。\n阿斐：能试试吗？\n老蒯:  当然，装进手机就不烫了。\n"
            "阿斐：云端还有必要吗？\n蒯工：当然有，但日常的活在手机上。\n")
    got = [(q.content[:4], q.speaker.name if q.speaker else None) for q in nlp_nokb(text)._.quotes
           if q.kind == "qa_turn" and not q.is_question]
    assert got == [("你说对了", "蒯立行"), ("当然，装", "蒯立行"), ("当然有，", "蒯立行")]


def test_a_bullet_item_in_a_text_with_a_transcript_reads_its_quotes_as_its_persons(nlp_nokb):
    text = ("两会代表热议人工智能。\n\n"
            "■邴启航（全国政协委员、开源基金会理事长）：开源是缩小差距最快的路径。“下载量前十的模型里有七个是开源的。”"
            "他今年的提案建议，政府采购中要“对开源方案和闭源方案一视同仁”。\n\n"
            "记者：您为什么关注工厂？\n\n郜明川：消费端很热闹，但热闹不等于赚钱。\n\n"
            "记者：明年呢？\n\n郜明川：继续做工厂。\n")
    got = speakers(nlp_nokb, text)
    assert got == [("下载量前十的模型里有七个是开源的。", "邴启航"), ("对开源方案和闭源方案一视同仁", "邴启航")], got


CHAT = (
    "一个创业群的深夜讨论（节选）\n\n"
    "[22:01] 阿木-远山资本：端侧这波我看好，手机厂商都在招人。\n\n"
    "[22:03] 半杯咖啡：看好归看好，内存就那么点，跑不动大模型。\n\n"
    "（注：“阿木-远山资本”为远山资本合伙人莫子航。）\n\n"
    "[22:05] 阿木-远山资本：所以要蒸馏，小模型够用就行。\n\n"
    "[22:08] 半杯咖啡：那我等你的数据。\n"
)


def test_chat_messages_are_their_handles_or_the_person_a_note_names(nlp_nokb):
    doc = nlp_nokb(CHAT)
    turns = [(q.cue, q.speaker.name if q.speaker else None) for q in doc._.quotes if q.kind == "qa_turn"]
    # the note names the first handle's person, also for the message before it; the other stays a handle
    assert turns == [("阿木-远山资本", "莫子航"), ("半杯咖啡", "半杯咖啡"), ("阿木-远山资本", "莫子航"), ("半杯咖啡", "半杯咖啡")]


def test_two_stamped_lines_are_no_chat(nlp_nokb):
    doc = nlp_nokb("[22:01] 阿木-远山资本：端侧这波我看好。\n\n[22:03] 半杯咖啡：内存就那么点。\n")
    assert not any(q.speaker and q.speaker.name == "半杯咖啡" for q in doc._.quotes)
