"""Attribution inside running text: pronouns, transliterated surnames, partial quotes, lists of views."""
import pytest

from test_attribution import speakers


# --- a transliterated surname whose last character is also a verb ----------------------------------


@pytest.mark.parametrize("full, short", [("奥斯卡·韦尔登", "韦尔登"), ("露西·帕特森", "帕特森")])
def test_a_transliterated_surname_written_alone_after_the_full_name_stays_whole(nlp_nokb, full, short):
    text = f"{full}正在看报表。\n\n“文档写得再好也没人看，”{short}说，“用户只看演示。”"
    assert speakers(nlp_nokb, text) == [("文档写得再好也没人看，", short), ("用户只看演示。", short)]


@pytest.mark.parametrize("text, name", [("石磊则表示：“我们会继续开源。”", "石磊"),
                                        ("彼得·韦尔说过很多话。韦尔登台后表示：“我们会继续开源。”", "彼得·韦尔")])
def test_a_name_before_a_verb_character_is_still_cut_when_no_full_name_ends_so(nlp_nokb, text, name):
    assert speakers(nlp_nokb, text) == [("我们会继续开源。", name)]


# --- a pronoun after a frame that names the person (在某某看来) -------------------------------------


def test_a_pronoun_after_a_view_frame_is_that_persons_not_the_previous_paragraphs(nlp_nokb):
    text = "韩柏说：“闭源会赢。”\n\n在苏岚看来，闭源走不远。他在论坛上公开表示，大厂迟早会拥抱开源，“这是规律”。"
    assert speakers(nlp_nokb, text) == [("闭源会赢。", "韩柏"), ("这是规律", "苏岚")]


def test_a_pronoun_in_a_paragraph_nobody_speaks_in_goes_back_to_the_previous_speaker(nlp_nokb):
    text = "韩柏说：“闭源会赢。”\n\n他在论坛上公开表示，大厂最终会拥抱开源，“这是规律”。"
    assert speakers(nlp_nokb, text) == [("闭源会赢。", "韩柏"), ("这是规律", "韩柏")]


# --- a title read before a dotted transliterated name ----------------------------------------------


def test_a_long_title_before_a_dotted_name_is_not_part_of_the_name(nlp_nokb):
    text = "研究主管、首席科学官伊莎贝尔·莫罗（Isabelle Moreau）则更谨慎。她对《湾区观察》说：“评测比参数更重要。”"
    assert speakers(nlp_nokb, text) == [("评测比参数更重要。", "伊莎贝尔·莫罗")]


# --- a short partial quote that is the predicate of the speaker's reported clause ------------------


@pytest.mark.parametrize("text, quote", [
    ("邵可欣说这套方案“太冒进了”，她宁可慢一点。", "太冒进了"),
    ("熊卫东表示，今年公司的出货量已经“超过了过去五年的总和”。", "超过了过去五年的总和"),
    ("熊卫东补充说，硬件生意虽然量大，但“毛利低得可怜”。", "毛利低得可怜"),
    ("熊卫东说，跑到最后的都不是模型最强的，而是“最先找到付费客户的”。", "最先找到付费客户的"),
])
def test_a_partial_quote_closing_the_speakers_reported_clause_is_theirs(nlp_nokb, text, quote):
    assert speakers(nlp_nokb, text) == [(quote, text[:3])]


@pytest.mark.parametrize("text", [
    "熊卫东说，用户的期待已经变成了“能帮忙订机票”，这需要调用很多应用。",
    "熊卫东表示，公司会在年底推出“星火助手”，先在华东试点。",
    "熊卫东说，公司去年获得了“值得信赖的供应商”称号。",
])
def test_a_quoted_object_or_name_inside_a_reported_clause_stays_nobodys(nlp_nokb, text):
    assert [s for _, s in speakers(nlp_nokb, text)] == [None]


# --- a list of views: each quote is the name's before it -------------------------------------------


def test_in_a_list_of_views_each_quote_goes_to_the_name_before_it(nlp_nokb):
    text = "谁能活到最后？两位嘉宾各有答案。钱峰认为是“数据最多的公司”，孙越认为是“渠道最广的公司”。"
    assert speakers(nlp_nokb, text) == [("数据最多的公司", "钱峰"), ("渠道最广的公司", "孙越")]


def test_a_quote_before_the_speakers_opinion_verb_is_still_theirs(nlp_nokb):
    assert speakers(nlp_nokb, "“数据最多的公司才能活下来。”钱峰认为。") == [("数据最多的公司才能活下来。", "钱峰")]


# --- a pronoun after a bare-name subject and an addressee ------------------------------------------


def test_a_pronoun_opening_a_sentence_is_the_subject_of_the_one_before_not_the_addressee(nlp_nokb):
    text = ("创始人林涛说：“好。”\n\n合伙人周敏建议先做消费者市场。林涛拒绝了。他对周敏说：“我们没有预算做推广。”")
    assert speakers(nlp_nokb, text) == [("好。", "林涛"), ("我们没有预算做推广。", "林涛")]


def test_a_pronoun_turning_to_someone_to_speak_is_the_speaker(nlp_nokb):
    text = "投资人马骏说：“好。”\n\n马骏没有接话。他转向刘畅说：“你们的客户在哪里？”"
    assert speakers(nlp_nokb, text)[-1] == ("你们的客户在哪里？", "马骏")


def test_a_pronoun_after_the_one_told_is_that_person(nlp_nokb):
    text = "创始人韩东说：“好。”\n\n记者把这个问题转给韩东，他想了想说：“这话有一定道理。”"
    assert speakers(nlp_nokb, text)[-1] == ("这话有一定道理。", "韩东")


def test_a_pronoun_who_is_asked_is_no_asker(nlp_nokb):
    text = "陆蔓是本周最忙的创业者。\n\n在一场直播中，她被记者追问：“公司什么时候上市？”"
    assert speakers(nlp_nokb, text) == [("公司什么时候上市？", None)]


# --- a name in quote marks before a title; an organisation's "official" word; a saying rebutted ----


@pytest.mark.parametrize("text", ["杭州AI公司「青岚智能」创始人邵可欣表示，公司今年会扩招。",
                                  "杭州AI公司“青岚智能”的CEO邵可欣表示，公司今年会扩招。"])
def test_a_company_name_in_quote_marks_before_the_speakers_title_is_nobodys_words(nlp_nokb, text):
    assert speakers(nlp_nokb, text) == [("青岚智能", None)]
    assert [s for _, s in speakers(nlp_nokb, text, "indirect")] == ["邵可欣"]


def test_official_word_of_a_company_names_no_person(nlp_nokb):
    text = "明川科技推出了翻译耳机「远峰3.0」，官方称其续航提升了一倍。"
    assert speakers(nlp_nokb, text) == [("远峰3.0", None)]
    assert not [q for q in nlp_nokb(text)._.quotes if q.speaker]


@pytest.mark.parametrize("text", ["韦明也提到，业界有一种说法认为“芯片会越来越便宜”，他并不认同。",
                                  "韦明提到，有一种观点称「芯片会越来越便宜」，他不同意。"])
def test_a_saying_quoted_to_be_rebutted_is_not_the_rebutters(nlp_nokb, text):
    assert speakers(nlp_nokb, text) == [("芯片会越来越便宜", None)]


def test_a_quote_after_a_persons_title_and_name_is_still_theirs(nlp_nokb):
    assert speakers(nlp_nokb, "青岚智能创始人邵可欣表示：“我们今年会扩招。”") == [("我们今年会扩招。", "邵可欣")]


# --- a famous name that only says what someone is like ---------------------------------------------


@pytest.mark.parametrize("text", ["我们的股东里有一位是马化腾那一路的产品人，他曾经对我说：“产品才是一切。”",
                                  "我们的股东里有一位是马化腾老师那样的产品派，他曾经对我说：“产品才是一切。”"])
def test_a_famous_name_describing_an_unnamed_person_is_not_the_speaker(nlp, text):
    assert speakers(nlp, text) == [("产品才是一切。", None)]


def test_a_famous_name_speaking_is_still_the_speaker(nlp):
    text = "马化腾说：“好。”\n\n马化腾是一个很拼的人，他曾经对我说：“产品才是一切。”"
    assert speakers(nlp, text) == [("好。", "马化腾"), ("产品才是一切。", "马化腾")]


# --- a view noun with a short description before the colon; a name before an adverb ----------------


@pytest.mark.parametrize("text", ["创始人郑凯说：“好。”\n\n被问到融资，郑凯的回答还是那么干脆：“先把产品卖出去。”",
                                  "郑凯的回答很短：“先把产品卖出去。”"])
def test_a_persons_answer_described_before_the_colon_is_theirs(nlp_nokb, text):
    assert speakers(nlp_nokb, text)[-1] == ("先把产品卖出去。", "郑凯")


def test_a_name_ends_before_an_adverb_of_degree(nlp_nokb):
    text = "投资人方楠相当谨慎。她认为，算力的回报在变少，“我们看到的曲线已经平了”。"
    assert speakers(nlp_nokb, text) == [("我们看到的曲线已经平了", "方楠")]


# --- a quote broken off by the speaker's action, named ---------------------------------------------


def test_a_quote_broken_off_by_a_named_speakers_action_is_theirs_on_both_sides(nlp_nokb):
    text = "创始人郑凯说：“好。”\n\n“明年一定能盈利，”郑凯笑了笑，“投资人都笑了。”"
    assert speakers(nlp_nokb, text) == [("好。", "郑凯"), ("明年一定能盈利，", "郑凯"), ("投资人都笑了。", "郑凯")]


def test_a_quote_before_someone_elses_action_is_not_theirs(nlp_nokb):
    text = "创始人郑凯说：“好。”\n\n“明年一定能盈利，”郑凯的同事笑了笑，“投资人都笑了。”"
    assert speakers(nlp_nokb, text)[1] == ("明年一定能盈利，", None)


# --- the surname of a dotted full name, written alone -----------------------------------------------


def test_the_surname_of_a_dotted_name_alone_in_a_frame_is_that_person(nlp_nokb):
    text = "奥利弗·贝克说：“好。”\n\n在贝克看来，补贴撑不了太久。他在会上表示，“烧钱换不来忠诚的用户”。"
    assert speakers(nlp_nokb, text) == [("好。", "奥利弗·贝克"), ("烧钱换不来忠诚的用户", "奥利弗·贝克")]


def test_a_longer_transliteration_starting_with_the_surname_is_someone_else(nlp_nokb):
    text = "奥利弗·贝克说：“好。”\n\n贝克斯特表示：“不好。”"
    assert speakers(nlp_nokb, text)[-1][1] != "奥利弗·贝克"


@pytest.mark.parametrize("text, name", [("彼得·韦尔登说：“好。”", "彼得·韦尔登"), ("彼得·韦尔登台演讲时说：“好。”", "彼得·韦尔")])
def test_a_dotted_name_keeps_a_last_verb_character_only_before_a_word_boundary(nlp_nokb, text, name):
    assert speakers(nlp_nokb, text) == [("好。", name)]


def test_a_pronoun_turning_to_the_one_person_named_in_the_paragraph_is_still_the_speaker(nlp_nokb):
    text = ("论坛请来两位嘉宾：北岭大学教授邹衡，以及雾港数据首席科学家蔡以宁博士。\n\n“算力不是一切。”邹教授说。\n\n"
            "他侧过身对蔡以宁说：“你们一年的机房租金，抵得上我们实验室十年经费。”现场笑成一片。")
    assert speakers(nlp_nokb, text)[-1] == ("你们一年的机房租金，抵得上我们实验室十年经费。", "邹衡")


def test_a_statement_broken_by_the_speakers_gesture_after_a_full_stop_is_theirs(nlp_nokb):
    text = ("论坛请来两位嘉宾：北岭大学教授邹衡，以及雾港数据首席科学家蔡以宁博士。\n\n"
            "“这种论调我听了五年。”蔡博士耸了耸肩，“年年都说到头了。”")
    assert speakers(nlp_nokb, text) == [("这种论调我听了五年。", "蔡以宁"), ("年年都说到头了。", "蔡以宁")]
    # a gesture of dissent answers the quote before it: that one is not the gesturer's
    text = "雾港数据首席科学家蔡以宁博士参加了峰会。\n\n“闭源会一直领先。”蔡以宁摇了摇头，“我看未必。”"
    assert speakers(nlp_nokb, text)[0] == ("闭源会一直领先。", None)


def test_a_quote_inside_a_quote_after_a_named_person_and_a_speech_verb_is_that_persons(nlp_nokb):
    text = ("松涧机器人CEO骆昭接受了采访。\n\n说起公司刚成立那年，骆昭回忆了一件事。"
            "“那时我的合伙人唐峪对我说：「大家都抢着做大模型，我们就去做小的。」正是这句话让我定了方向。”")
    assert speakers(nlp_nokb, text)[-1] == ("大家都抢着做大模型，我们就去做小的。", "唐峪")


def test_a_quote_inside_a_quote_of_the_speakers_own_earlier_words_is_theirs(nlp_nokb):
    text = "松涧机器人CEO骆昭接受了采访。\n\n“我前年在这个台上就说过，「机器人会先进工厂」。”骆昭说。"
    assert speakers(nlp_nokb, text) == [("我前年在这个台上就说过，「机器人会先进工厂」。", "骆昭"), ("机器人会先进工厂", "骆昭")]


@pytest.mark.parametrize("inner", [
    "“前年有人当面跟我讲：「做工厂机器人，死路一条。」现在我想请他来车间看看。”骆昭说。",
    "“有人讲「硬件就是烧钱」，我不认同。”骆昭说。",
    "“我从不认同唐峪讲的「越贵越好」。”骆昭说。",
    "“我赞同他说的「便宜才是硬道理」。”骆昭说。",
])
def test_a_quote_inside_a_quote_from_someone_unnamed_rebutted_or_a_pronoun_stays_nobodys(nlp_nokb, inner):
    text = "松涧机器人CEO骆昭接受了采访。\n\n" + inner
    found = speakers(nlp_nokb, text)
    assert found[0][1] == "骆昭" and found[1][1] is None, found


def test_this_title_after_a_named_person_is_that_person_when_nobody_had_that_title(nlp_nokb):
    text = ("论坛请来两位嘉宾：北岭大学教授邹衡，以及雾港基金创始合伙人蔡絮。\n\n“算力不是一切。”邹教授说。\n\n"
            "据蔡絮介绍，雾港今年出手了九次。这位投资人还说：“机器人会先赚钱。”")
    assert speakers(nlp_nokb, text)[-1] == ("机器人会先赚钱。", "蔡絮")
    # someone unnamed introduced since: 这位投资人 is that one, nobody named
    text = ("雾港基金创始合伙人蔡絮参加了峰会。\n\n据某位投资人私下透露，雾港去年只投了两家。"
            "这位投资人坦言：“机器人赛道很热闹，可惜还不赚钱。”")
    assert speakers(nlp_nokb, text)[-1] == ("机器人赛道很热闹，可惜还不赚钱。", None)


def test_this_described_title_refers_to_the_person_named_before(nlp_nokb):
    text = ("“我不爱回答二选一的问题。”松涧机器人CTO尉迟骁说，“软硬都得抓。”\n\n"
            "这位做了十年编译器的技术负责人还透露，大部分计算会放在本地。“客户根本察觉不到。”")
    assert speakers(nlp_nokb, text)[-1] == ("客户根本察觉不到。", "尉迟骁")
    mentions = [(text[m["start"]:m["end"]], m["name"]) for m in nlp_nokb(text)._.speaker_mentions]
    assert ("这位做了十年编译器的技术负责人", "尉迟骁") in mentions


def test_a_frame_then_one_short_clause_and_a_colon_names_the_speaker(nlp_nokb):
    text = ("雾港数据CEO蔡絮发布了新品。“客户只看价格。”她说。\n\n"
            "在她看来，这个结论对了一半：“便宜，是被选中的一个理由。”")
    assert speakers(nlp_nokb, text)[-1] == ("便宜，是被选中的一个理由。", "蔡絮")


def test_an_anonymous_word_in_the_object_of_a_pronoun_subject_does_not_make_the_quote_anonymous(nlp_nokb):
    text = ("雾港数据CEO蔡絮发布了新品。“客户只看价格。”她说。\n\n"
            "她还提到业内流行的一种说法——“越便宜越好卖”，随后反问台下：“果真如此吗？”")
    assert speakers(nlp_nokb, text)[-1] == ("果真如此吗？", "蔡絮")
    # her colleague, or someone asking her, stays anonymous
    text = "雾港数据CEO蔡絮发布了新品。\n\n她的同事透露：“秋天量产。”\n\n她说，有人问过她：“能不能再便宜点？”"
    assert [who for _, who in speakers(nlp_nokb, text)] == [None, None]


def test_a_speech_verb_inside_a_noun_phrase_reports_no_clause_of_its_subject(nlp_nokb):
    text = ("松涧机器人创始人骆昭出席了峰会。“小团队没机会。”骆昭说。\n\n"
            "雾港数据首席科学家蔡絮过去负责数据平台。她认为，骆总描述的不过是“阶段性现象”。")
    assert [(c, who) for c, who in speakers(nlp_nokb, text) if c == "阶段性现象"] == [("阶段性现象", None)]
    assert [who for _, who in speakers(nlp_nokb, text, "indirect")] == []
    # 说的是 and a view introduced with a colon are still the person's
    text = "松涧机器人创始人骆昭出席了峰会。\n\n这让我想起骆昭多次说过的一种看法：通用机器人终将胜出。"
    assert [q.speaker.name for q in nlp_nokb(text)._.quotes if q.kind == "indirect"] == ["骆昭"]


def test_a_quote_standing_alone_then_a_person_opening_with_these_words_is_theirs(nlp_nokb):
    text = ("松涧机器人推出新款机械臂\n\n“五年前，有人跟我讲：「机器人进不了工厂。」现在，我想带他去车间转一圈。”\n\n"
            "3月8日上午，松涧机器人CEO骆昭在新品会上，以这样一句话开头。")
    assert speakers(nlp_nokb, text) == [("五年前，有人跟我讲：「机器人进不了工厂。」现在，我想带他去车间转一圈。", "骆昭"),
                                        ("机器人进不了工厂。", None)]


def test_words_shown_on_a_screen_are_nobodys_speech(nlp_nokb):
    text = "雾港数据CEO蔡絮说：“我们只做工业数据。”紧接着，会场大屏打出了一行字：“数据是新的电力。”"
    assert speakers(nlp_nokb, text) == [("我们只做工业数据。", "蔡絮"), ("数据是新的电力。", None)]


def test_a_quote_after_a_sentence_about_one_persons_view_compared_with_another_is_theirs(nlp_nokb):
    text = ("雾港数据CEO蔡絮和松涧创始人骆昭一起上台。“小模型够用。”骆昭说。\n\n"
            "在算力投入这件事上，蔡絮的态度和骆昭完全相反。“我们每多买一批卡，效果就明显好一截。”"
            "这句话让直播间瞬间沸腾，有人留言“太真实了”。")
    assert speakers(nlp_nokb, text)[1] == ("我们每多买一批卡，效果就明显好一截。", "蔡絮")


def test_a_persons_own_phrase_summing_something_up_is_theirs_but_a_named_strategy_explained_is_not(nlp_nokb):
    text = "雾港基金合伙人蔡絮说：“我的想法变了。”\n\n她把这套逻辑总结为“先活下来”，还写进了年报。"
    assert speakers(nlp_nokb, text)[-1] == ("先活下来", "蔡絮")
    text = "雾港基金合伙人蔡絮说：“我的想法变了。”\n\n蔡絮把公司的路线归纳为“云边协同”，即云端和边缘分工配合。"
    assert speakers(nlp_nokb, text)[-1] == ("云边协同", None)
    assert speakers(nlp_nokb, "业内把这种现象形容为“百模大战”。") == [("百模大战", None)]


# --- 他/她 among several people named in the paragraph: the one whose known gender fits -------------


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_pronoun_among_two_named_picks_the_one_its_gender_fits(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = ("庞俊熙说：“传感器会越来越便宜。”\n\n他还补充，“三年内会降一半”。\n\n"
            "麦穗儿和庞俊熙在一家公司共事过，看法却不同。她直言：“价格不是关键。”")
    assert speakers(nlp, text)[-1] == ("价格不是关键。", "麦穗儿")


def test_a_pronoun_among_two_named_of_unknown_gender_stays_unresolved(nlp_nokb):
    text = "庞俊熙说：“传感器会越来越便宜。”\n\n麦穗儿和庞俊熙在一家公司共事过，看法却不同。她直言：“价格不是关键。”"
    assert speakers(nlp_nokb, text)[-1] == ("价格不是关键。", None)


# --- 其 before a title is a possessive (its founder), not a pronoun subject ---------------------------


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
@pytest.mark.parametrize("tail", ["其总裁曾公开说“闭源走不远”。", "其负责人表示：“闭源走不远。”"])
def test_qi_before_a_title_is_that_companys_unnamed_person_not_the_last_speaker(nlp_name, tail, request):
    nlp = request.getfixturevalue(nlp_name)
    text = f"黎昕说：“我们暂不开源。”另一家公司雾山今年宣布全面开源，{tail}"
    assert speakers(nlp, text)[-1][1] is None
    assert {m["name"] for m in nlp(text)._.speaker_mentions} == {"黎昕"}


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_pronoun_tag_on_a_continued_quote_tells_the_speakers_gender(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = ("郁菲认为，关键在渠道。“渠道比模型更难复制。”她同时提醒，“现在谈输赢还为时过早”。\n\n"
            "社区开发者“灰鹤”看法相反。他在论坛留言称：“渠道可以买，模型买不来。”")
    assert speakers(nlp, text)[1] == ("现在谈输赢还为时过早", "郁菲")
    assert speakers(nlp, text)[-1] == ("渠道可以买，模型买不来。", None)


# --- a reported clause with a view frame later in the same sentence ---------------------------------


def test_a_reported_clause_keeps_what_stands_before_a_later_view_frame_in_its_sentence(nlp_nokb):
    text = ("苗青是澄光科技的首席科学家。会后她对记者补充说，算力当然还要加，只是“回报已经没有以前那么高了”，"
            "在她看来，明年的重点会转向数据。")
    assert speakers(nlp_nokb, text) == [("回报已经没有以前那么高了", "苗青")]
    doc = nlp_nokb(text)
    reported = sorted((q.content, q.speaker.name if q.speaker else None) for q in doc._.quotes if q.kind == "indirect")
    assert reported == [("明年的重点会转向数据", "苗青"), ("算力当然还要加，只是“回报已经没有以前那么高了”", "苗青")]


def test_a_person_named_in_an_aside_before_the_verb_is_not_its_subject(nlp_nokb):
    text = ("澜海智能创始人韩启航说：“闭源才有壁垒。”\n\n"
            "知白资本创始合伙人韩知远（与韩启航无亲属关系）认为，竞赛远没到终局，“现在谈算账还太早”。")
    assert speakers(nlp_nokb, text) == [("闭源才有壁垒。", "韩启航"), ("现在谈算账还太早", "韩知远")]


def test_a_paragraphs_opening_quote_goes_to_the_one_named_later_in_its_sentence_with_a_word_pointing_back(nlp_nokb):
    text = ("“政府不替企业押路线，我们只把路修好。”6月18日下午，在市政府新闻办的发布会上，谈到新出台的措施，"
            "市经信局局长韩立新这样概括政策思路。")
    assert speakers(nlp_nokb, text) == [("政府不替企业押路线，我们只把路修好。", "韩立新")]
    # (the one named is only a possessor, or two people are named: no guess)
    text = "“政府不替企业押路线。”发布会上，局长韩立新和主任许青这样概括。"
    assert speakers(nlp_nokb, text) == [("政府不替企业押路线。", None)]


def test_a_quoted_team_name_and_a_student_title_may_stand_between_a_quote_and_its_speaker(nlp_nokb):
    text = "“周五拿到赛题时，我们想做的是客服机器人。”“不熄灯”队队长、江临大学研二学生唐语回忆说。"
    assert speakers(nlp_nokb, text) == [("周五拿到赛题时，我们想做的是客服机器人。", "唐语"), ("不熄灯", None)]


def test_a_block_quote_after_a_colon_clause_naming_what_someone_wrote_is_theirs(nlp_nokb):
    text = ("澄域智能创始人亓思航昨天发了一条长微博。为方便读者了解，我们先把亓思航原博的主体部分摘录如下：\n\n"
            "“过去两年，行业里最流行的一句话是堆算力。”\n\n"
            "有网友在评论区留言：\n\n“两位各说对了一半。”")
    assert speakers(nlp_nokb, text) == [("过去两年，行业里最流行的一句话是堆算力。", "亓思航"), ("两位各说对了一半。", None)]


def test_a_saying_the_speaker_says_they_come_across_is_nobodys_claim(nlp_nokb):
    text = ("他还提醒毕业生警惕一种流行的说法。“学历在 AI 时代已经不值钱了”，韩书衡说自己最近常在网上刷到这句话，"
            "“可真正不值钱的从来不是学历。”")
    assert speakers(nlp_nokb, text) == [("学历在 AI 时代已经不值钱了", None), ("可真正不值钱的从来不是学历。", "韩书衡")]
    # (a new turn after the quote that mentions hearing it is not about the quote's sentence)
    text = "陈拓：我们合伙人会上有一句话，“让大厂去赌 C 端，我们去赚 B 端的钱。”\n\n苏曼：老陈，你这话要是让做 C 端的人听到，今晚睡不着。\n\n陈拓：那也没办法。\n"
    first = next(q for q in nlp_nokb(text)._.quotes if q.kind == "direct")
    assert first.content == "让大厂去赌 C 端，我们去赚 B 端的钱。" and first.method != "not_speech"


@pytest.mark.parametrize("she", ["她", "他"])
def test_the_one_asked_answers(nlp_nokb, she):
    # 问 + the one asked, then a pronoun that speaks: the one asked, not the asker going on
    text = ("芯跃科技创始人赵凯说：“端侧是未来。”\n\n江东大学教授钱宁也在场。赵凯问钱宁怎么看。"
            f"{she}笑着说：“挺好的，至少证明了同一个问题可以有不同的答案。”")
    assert speakers(nlp_nokb, text)[-1][1] == "钱宁"


def test_a_pronoun_going_on_with_the_speaker_still_goes_on(nlp_nokb):
    assert speakers(nlp_nokb, "赵凯说：“端侧是未来。”\n\n他接着说：“云端也有机会。”")[-1] == ("云端也有机会。", "赵凯")


def test_an_occasion_word_between_a_name_after_the_quote_and_its_verb(nlp_nokb):
    text = "“我一进来就看见两个桌签，还以为印错了。”芯跃科技创始人赵凯开场就自嘲。"
    assert speakers(nlp_nokb, text) == [("我一进来就看见两个桌签，还以为印错了。", "赵凯")]


@pytest.mark.parametrize("text", [
    # an unnamed source reports the clause; the person named inside it did not say the quote
    "一位接近该公司的人士称，这个决定是CEO赵凯在高管会上拍板的，“会开了六个多小时，最后是他一个人定的”。",
    # the quote goes on in a clause an unnamed investor says, not the last speaker's words
    "今年6月，赵凯还曾说：“千亿参数是底线。”当时台下有投资人评价，这是“国内最激进的规模路线”。",
])
def test_a_clause_reported_by_someone_unnamed_keeps_its_quote_unattributed(nlp_nokb, text):
    assert speakers(nlp_nokb, text)[-1][1] is None


def test_a_named_speaker_s_clause_keeps_its_quote(nlp_nokb):
    text = "赵凯称，这个决定是他在高管会上拍板的，“会开了六个多小时，最后是我一个人定的”。"
    assert speakers(nlp_nokb, text) == [("会开了六个多小时，最后是我一个人定的", "赵凯")]
