"""A profile or recap under a headline naming one person, where others speak too: a pronoun after another
person's words, a quote naming someone inside it, a sentence lead-in that looks like a turn label in a
text with a transcript, a view introduced by 的评价, and the one citing going on after the cited words."""
from test_attribution import speakers

PROFILE = "《远见》周刊 ｜ 封面故事\n\n卢航：亲手拆掉自己的“护城河”\n\n文｜本刊记者 邹雯\n\n卢航说：“我们转向了。”\n\n"
PANEL = "\n\n14:00 圆桌论坛\n主持人：青禾资本合伙人孙岚\n孙岚：端侧的钱谁来赚？\n何总：说实话，我们还在摸索。\n孙岚：谢谢。"


def test_a_sentence_lead_in_with_a_saying_is_no_turn_label_in_a_text_with_a_transcript(nlp_nokb):
    text = ("09:15 主题演讲\n星澜科技负责人郑潮：《让设备有自己的大脑》\n\n郑潮表示，端侧的价值在于离数据最近。\n\n"
            "业内一直有一种说法：端侧模型不过是缩水版。不过他也承认，端侧并非万能。“写一份行业报告、规划一次跨城出差，"
            "这种复杂任务今天还是得交给云。我们不是要替代云端，是要把本该在本地做的事情拿回来。”" + PANEL)
    assert speakers(nlp_nokb, text)[0][1] == "郑潮"


def test_someone_named_inside_the_quote_does_not_hide_the_sections_speaker(nlp_nokb):
    text = ("09:15 主题演讲一\n星澜科技负责人郑潮：《让设备有自己的大脑》\n\n郑潮第一个上台。\n\n"
            "09:50 主题演讲二\n天衡云总经理罗静宜：《算力只会更集中》\n\n"
            "罗静宜一开口就接上了前一位嘉宾的话题。“刚才郑总讲得很坦诚，我想补充的是，剩下那一半恰恰是对的。”")
    assert speakers(nlp_nokb, text)[-1] == ("刚才郑总讲得很坦诚，我想补充的是，剩下那一半恰恰是对的。", "罗静宜")


def test_a_view_introduced_by_de_pingjia_is_the_possessors(nlp_nokb):
    text = PROFILE + "谈起老东家，魏岚的评价颇为复杂：“老卢最大的优点是敢认错，最大的缺点也是。”"
    assert speakers(nlp_nokb, text)[-1] == ("老卢最大的优点是敢认错，最大的缺点也是。", "魏岚")


def test_a_pronoun_in_a_profile_goes_on_with_the_one_who_spoke_in_the_paragraph_before(nlp_nokb):
    text = (PROFILE + "前算法负责人贺帆的离开，则是另一个方向的分歧。他在转向前夕加入了一家大模型公司。“我走的原因很简单：我还相信规模。”贺帆说。\n\n"
            "不过他并不认为老东家的转向是错的。“对一家两百人的公司来说，那可能是唯一正确的选择。”")
    assert speakers(nlp_nokb, text)[-1] == ("对一家两百人的公司来说，那可能是唯一正确的选择。", "贺帆")


def test_a_person_only_cited_in_the_paragraph_before_does_not_take_the_profiles_pronoun(nlp_nokb):
    text = (PROFILE + "他在节目里引用了 Sam Altman 去年的一句话：“最好的产品，会让用户忘记自己在用 AI。”\n\n"
            "不过，对于元年的说法，他并不买账：“每年都有人说是元年。”")
    assert speakers(nlp_nokb, text)[-1] == ("每年都有人说是元年。", "卢航")


def test_the_one_citing_goes_on_after_the_cited_words_with_the_same_pronoun(nlp_nokb):
    text = ("“过去我相信，只要把模型做大，用户自然会来。”卢航说。\n\n"
            "他引用Sam Altman的话说：“我们离规模扩展的尽头还很远。”停顿了一下，他又说：“他可能是对的。”")
    assert speakers(nlp_nokb, text)[1:] == [("我们离规模扩展的尽头还很远。", "Sam Altman"), ("他可能是对的。", "卢航")]


def test_a_pronoun_after_a_full_stop_goes_on_with_the_subject_of_the_sentence_before(nlp_nokb):
    text = ("贺帆说：“开源是正确的路。”\n\n我们的被投企业之间也有分歧。知序科技创始人常岚就不同意贺帆的看法。知序做的是面向企业的平台，"
            "她的理由很直接：“我们每天要跑上百万个任务，最强的闭源模型好出五个百分点就够了。”")
    assert speakers(nlp_nokb, text)[-1][1] == "常岚"
