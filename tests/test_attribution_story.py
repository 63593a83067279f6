"""Attribution in narrative prose: pronouns over source frames and quotes, a memoir's narrator and its
two-person dialogue, people named in object position, and partial quotes after a reported subject."""
import pytest

from test_attribution import speakers

# --- pronouns ----------------------------------------------------------------------------------------


def test_a_name_inside_the_quote_is_no_antecedent_for_the_pronoun_after_it(nlp_nokb):
    text = "合伙人郑敏如负责产品。\n\n程立峰在采访中否认了不和的说法。“敏如和我从不吵架，”他说，“只是分工不同。”"
    assert speakers(nlp_nokb, text) == [("敏如和我从不吵架，", "程立峰"), ("只是分工不同。", "程立峰")]


def test_a_name_outside_quotes_is_still_the_antecedent(nlp_nokb):
    assert speakers(nlp_nokb, "主持人郑敏如走上台。“我们不做闭源，”她说。") == [("我们不做闭源，", "郑敏如")]


def test_a_pronoun_after_a_source_frame_is_the_subject_of_the_segments_up_to_the_verb(nlp_nokb):
    text = "卢振宇在年会上讲了一个判断。据几位与会者回忆，他当时站在台前，举着一份报表说：“成本才是护城河。”"
    assert speakers(nlp_nokb, text) == [("成本才是护城河。", "卢振宇")]


def test_a_pronoun_that_is_asked_is_no_speaker_of_the_question(nlp_nokb):
    assert speakers(nlp_nokb, "在一场直播中，她被主持人问到：“你们为什么不做硬件？”") == [("你们为什么不做硬件？", None)]


def test_of_two_people_named_a_paragraph_back_the_pronoun_takes_the_one_of_its_gender(nlp_nokb):
    text = ("邓启明在会上讲话。他说：“我们要继续扩卡。”\n\n熊可馨和邓启明的分歧由此公开。在专访中，熊可馨第一次讲了自己的看法。"
            "\n\n“扩卡不是唯一的路。”她说。")
    assert speakers(nlp_nokb, text) == [("我们要继续扩卡。", "邓启明"), ("扩卡不是唯一的路。", "熊可馨")]


def test_this_investor_after_another_unnamed_investor_is_not_the_one_named_before(nlp_nokb):
    text = ("基金合伙人尹志恒说：“我们只看利润。”\n\n另一名熟悉该项目的投资人则告诉记者，公司大部分收入来自医院。"
            "“他们是少有的能盈利的团队。”这位投资人说。")
    assert speakers(nlp_nokb, text) == [("我们只看利润。", "尹志恒"), ("他们是少有的能盈利的团队。", None)]


def test_this_partner_with_nobody_new_introduced_is_still_the_one_named_before(nlp_nokb):
    text = "基金合伙人尹志恒说：“我们只看利润。”随后，这位合伙人补充说：“利润之外还要看团队。”"
    assert speakers(nlp_nokb, text) == [("我们只看利润。", "尹志恒"), ("利润之外还要看团队。", "尹志恒")]


# --- subjects --------------------------------------------------------------------------------------


def test_a_named_reply_in_the_comment_section_after_a_netizen_is_not_anonymous(nlp_nokb):
    text = "有网友留言：“他只会谈 B 端。”\n\n对此，创始人董一帆在评论区回复了一个表情，并写道：“因为 B 端有人买单。”"
    assert speakers(nlp_nokb, text) == [("他只会谈 B 端。", None), ("因为 B 端有人买单。", "董一帆")]


def test_an_unnamed_netizen_in_the_comment_section_stays_anonymous(nlp_nokb):
    assert speakers(nlp_nokb, "有网友在评论区写道：“他只会谈 B 端。”") == [("他只会谈 B 端。", None)]


def test_the_subject_before_a_possessor_speaks_through_a_second_verb_phrase(nlp_nokb):
    text = "青禾科技创始人孙立恒很快转发了投资人马骁的微博，并评论称：“马总，结论下得太早。”"
    assert speakers(nlp_nokb, text) == [("马总，结论下得太早。", "孙立恒")]


def test_a_new_subject_after_the_comma_speaks_for_itself(nlp_nokb):
    assert speakers(nlp_nokb, "孙立恒转发了马骁的微博，马骁评论称：“结论不早。”") == [("结论不早。", "马骁")]


def test_words_written_up_as_a_named_persons_saying_are_theirs(nlp_nokb):
    text = "宁致远是公司创始人。\n\n墙上贴着一张纸，上面写着宁致远的一句话：“先把客户留住。”"
    assert speakers(nlp_nokb, text) == [("先把客户留住。", "宁致远")]


def test_a_slogan_written_on_a_wall_is_nobodys(nlp_nokb):
    assert speakers(nlp_nokb, "墙上写着一句口号：“先把客户留住。”") == [("先把客户留住。", None)]


# --- partial quotes --------------------------------------------------------------------------------


def test_a_partial_quote_right_after_the_reported_subject_is_the_speakers(nlp_nokb):
    text = "尚文博说自己“对每一分钱都很在意”。曲婧指出，这套方法「至今没有失效」。"
    assert speakers(nlp_nokb, text) == [("对每一分钱都很在意", "尚文博"), ("至今没有失效", "曲婧")]


def test_a_label_after_a_copula_stays_a_term(nlp_nokb):
    assert speakers(nlp_nokb, "尚文博说自己是“长期主义者”。") == [("长期主义者", None)]


# --- a memoir: the narrator, the people of the story, and a dialogue of two ------------------------

MEMOIR = ("编者按：本文节选自苗若川的回忆录《机房往事》，经作者授权刊发。\n\n"
          "我第一次见到蒋启航，是在一个下雨的晚上。他坐在角落里，对着屏幕发呆。\n\n"
          "“这个模型还能再大吗？”我问。\n\n“能。只要电费够。”他头也没抬。\n\n“要多久？”\n\n“半年。”他笑了笑，“你等着看。”\n\n"
          "我后来常常想起那个晚上。那时我们都很年轻，我总觉得时间还多。\n\n后来我们吵过很多次。老蒋说：“开源就是送钱给对手。”")


def test_a_memoirs_dialogue_alternates_between_the_narrator_and_the_one_met(nlp_nokb):
    assert speakers(nlp_nokb, MEMOIR) == [
        ("这个模型还能再大吗？", "苗若川"), ("能。只要电费够。", "蒋启航"), ("要多久？", "苗若川"),
        ("半年。", "蒋启航"), ("你等着看。", "蒋启航"), ("开源就是送钱给对手。", "蒋启航")]


def test_without_a_known_narrator_the_untagged_turns_stay_unattributed(nlp_nokb):
    text = MEMOIR.split("\n\n", 1)[1].rsplit("\n\n", 2)[0]
    found = dict(speakers(nlp_nokb, text))
    assert found["这个模型还能再大吗？"] is None and found["要多久？"] is None
    assert found["能。只要电费够。"] == "蒋启航"


def test_a_long_quote_over_paragraphs_is_no_dialogue(nlp_nokb):
    text = "邱明远在发布会上说：“我们今年只做一件事。\n\n“把推理成本降下来。\n\n“其他的都可以等。”"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["邱明远"] * 3


def test_the_narrator_answering_on_after_a_quote_does_not_take_it(nlp_nokb):
    text = ("编者按：本文节选自苗若川的回忆录《机房往事》。\n\n我第一次见到蒋启航，是在一个下雨的晚上。我们聊到很晚。\n\n"
            "他说：“你们做得太慢了。”我回答他，慢一点也没关系。\n\n我后来常常想起那个晚上。")
    assert speakers(nlp_nokb, text) == [("你们做得太慢了。", "蒋启航")]


def test_a_quote_after_a_verb_of_the_subject_stays_a_term(nlp_nokb):
    text = "郭雅宁回应称，出于成本考虑，她们的方案坚持「模型不上云」，推理全部在本地完成。"
    assert speakers(nlp_nokb, text) == [("模型不上云", None)]


def test_a_subject_named_after_a_partial_quote_does_not_take_it_with_a_clause_of_its_own(nlp_nokb):
    text = "屈文涛和欧阳明都没有明确站队。屈文涛说自己“只会写代码”，欧阳明认为并非如此。"
    assert speakers(nlp_nokb, text) == [("只会写代码", None)]


def test_cutting_in_is_a_speech_verb(nlp_nokb):
    assert speakers(nlp_nokb, "研究员葛书瑶随即插话：“我同意，小模型被低估了。”") == [("我同意，小模型被低估了。", "葛书瑶")]


# --- a book review: the bare word 作者 is the declared author of the book --------------------------

REVIEW = ("读后｜《雾中的灯塔》\n\n【作者】苏映川\n\n苏映川表示，这本书前后写了三年。\n\n"
          "作者在尾声中提到，“读者比书更重要”。\n\n"
          "另一位作者邝立的观点则相反。\n\n（本文作者系自由撰稿人）")


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_in_a_book_review_the_bare_word_author_is_the_books_declared_author(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    assert speakers(nlp, REVIEW) == [("读者比书更重要", "苏映川")]
    names = [(REVIEW[m["start"]:m["end"]], m["name"]) for m in nlp(REVIEW)._.speaker_mentions]
    # 另一位作者 before another name, and the review's own 本文作者, are not the book's author
    assert names.count(("作者", "苏映川")) == 1


def test_without_a_declared_author_the_bare_word_author_names_nobody(nlp_nokb):
    text = "读后｜《雾中的灯塔》\n\n作者在尾声中提到，“读者比书更重要”。"
    assert speakers(nlp_nokb, text) == [("读者比书更重要", None)]


# --- a talk heading of a conference recap: the bullets under it are the speaker's -------------------

TALK = ("【分会场】主讲人 | 屠远舟，晴川机器人创始人\n\n演讲题目：《机械臂的下一步》\n\n"
        "• 屠远舟认为，机械臂会比模型先普及。\n\n• “我们明年的出货量会翻一番。”\n\n"
        "【圆桌】谁能先赚到钱\n\n• “谁先落地谁就赢。”")


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_bare_quote_under_a_talk_heading_is_the_speakers_up_to_the_next_heading(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    assert speakers(nlp, TALK) == [("我们明年的出货量会翻一番。", "屠远舟"), ("谁先落地谁就赢。", None)]


def test_a_talk_heading_naming_two_people_opens_no_section(nlp_nokb):
    text = "主讲人：屠远舟，晴川机器人创始人；鲍雪晴，晴川机器人CTO\n\n• “我们明年的出货量会翻一番。”"
    assert speakers(nlp_nokb, text) == [("我们明年的出货量会翻一番。", None)]


# --- inside an answer, a person of mine who said something: their words, not the answerer's ---------


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
@pytest.mark.parametrize("lead", ["我前老板讲过一句话：", "我太太常说一句话："])
def test_a_line_a_person_of_the_answerers_said_is_not_the_answerers(nlp_name, lead, request):
    nlp = request.getfixturevalue(nlp_name)
    text = f"记者：你的建议是？\n\n闻笛：别比参数。{lead}“做芯片的人最懂良率。”做模型也一样。"
    assert dict(speakers(nlp, text))["做芯片的人最懂良率。"] is None


def test_a_line_the_answerer_said_to_a_person_of_theirs_stays_the_answerers(nlp_nokb):
    text = "记者：你的建议是？\n\n闻笛：我当时对同事说：“做芯片的人最懂良率。”"
    assert dict(speakers(nlp_nokb, text))["做芯片的人最懂良率。"] == "闻笛"


# --- a colon lead-in that cites a text: the cited author's words, nobody's when no one is named ------


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_quote_cited_from_a_text_with_no_author_named_is_nobodys(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = "邝立说，他喜欢读老文献。新书的扉页上引的是一篇旧论文的末段：“看得见的路总是很短。”"
    assert speakers(nlp, text)[-1] == ("看得见的路总是很短。", None)


def test_a_quote_cited_with_its_author_named_after_the_verb_is_the_authors(nlp_nokb):
    text = "邝立在书中引用了韩东的话：“看得见的路总是很短。”"
    assert speakers(nlp_nokb, text) == [("看得见的路总是很短。", "韩东")]


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_saying_of_an_unnamed_relative_is_not_the_subjects(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = ("邝立说：“我们不做硬件。”\n\n邝立在江边的县城长大，母亲是小学老师。"
            "他一直记得母亲的一句话：“凡事先弄懂题目。”那句话后来贴在了公司墙上。")
    assert speakers(nlp, text)[-1] == ("凡事先弄懂题目。", None)


def test_lines_of_a_dialogue_are_not_given_to_an_earlier_speaker(nlp_nokb):
    text = ("妻子韩宓兰说：“那天他一句话没说。”\n\n会议室里只有他们两个。两年后，两人分别复述了那天的对话。\n\n"
            "“我们把7B放出去。”\n“放出去，然后呢？让大厂拿去微调，做得比我们还好？”\n“大厂不缺我们这一个模型。”\n")
    got = speakers(nlp_nokb, text)
    assert got[0] == ("那天他一句话没说。", "韩宓兰")
    assert [who for _, who in got[1:]] == [None, None, None], got
    # (a speech quoted paragraph by paragraph, long paragraphs, stays its speaker's)
    long = "开源让我们拿到了最好的反馈，也让客户更敢用，企业客户最担心的是被一家供应商绑死，开源权重恰好打消了这个顾虑。"
    text = f"董事长韩承宗在股东大会上说：\n\n“{long}”\n\n“{long}”\n"
    assert [who for _, who in speakers(nlp_nokb, text)] == ["韩承宗", "韩承宗"]
