"""Who said each quote: one small text per rule family, with the exact expected speaker."""
import pytest

import stancelib


def speakers(nlp, text, kind="direct"):
    """(content, speaker name or None) of every quote of ``kind``."""
    doc = nlp(text)
    return [(q.content, q.speaker.name if q.speaker else None) for q in doc._.quotes if q.kind == kind]


def only(nlp, text, kind="direct"):
    found = speakers(nlp, text, kind)
    assert len(found) == 1, found
    return found[0][1]


# --- direct quotes ----------------------------------------------------------------------------------


def test_speaker_before_quote_with_colon(nlp_nokb):
    assert only(nlp_nokb, "星河智能CEO陈思远表示：“明年我们会把推理成本再降一半。”") == "陈思远"


def test_speaker_before_quote_with_comma(nlp_nokb):
    assert only(nlp_nokb, "林嘉禾说，“企业客户最看重的是稳定。”") == "林嘉禾"


def test_speaker_after_quote(nlp_nokb):
    assert only(nlp_nokb, "“端侧模型会先在手机上普及。”顾南星说。") == "顾南星"


def test_speaker_after_quote_with_comma_and_adverb(nlp_nokb):
    assert only(nlp_nokb, "“这件事没有捷径。”，许清禾也强调。") == "许清禾"


def test_speaker_after_quote_with_org_and_title(nlp_nokb):
    text = "“推理成本每年都会降一个数量级。”星河研究院副院长、首席科学家林嘉禾在发言中提到。"
    assert only(nlp_nokb, text) == "林嘉禾"


def test_speaker_in_the_next_paragraph_is_not_used(nlp_nokb):
    text = "“明年是应用落地的一年。”\n\n星河智能CEO陈思远表示，公司会继续招人。"
    assert only(nlp_nokb, text) is None


def test_quote_named_by_the_next_sentence(nlp_nokb):
    text = "“推理成本每年都会降一个数量级。”\n这是星河研究院首席科学家林嘉禾对明年行业给出的判断。"
    assert only(nlp_nokb, text) == "林嘉禾"


def test_split_quote_both_parts(nlp_nokb):
    found = speakers(nlp_nokb, "“开源让我们少走了弯路，”韩立明说，“但核心模型我们会自己训练。”")
    assert [s for _, s in found] == ["韩立明", "韩立明"]


def test_corner_quotes(nlp_nokb):
    assert only(nlp_nokb, "周以宁指出：「大模型的价格战还会持续一年。」") == "周以宁"


def test_traditional_script_name_is_canonical_simplified(nlp):
    doc = nlp("王仲遠表示：「規模定律仍然有效。」")
    q = doc._.quotes[0]
    assert q.speaker.name == "王仲远"
    assert q.speaker.surface == "王仲遠"


def test_pronoun_speaker_resolves_to_paragraph_subject(nlp_nokb):
    text = "拾光智能创始人苏映雪今天发布了新产品。她说：“我们所有的能力都在本地完成。”"
    assert only(nlp_nokb, text) == "苏映雪"


def test_floating_quote_continues_the_speaker(nlp_nokb):
    text = "陈思远说：“我们不做通用助手。”他停顿了一下。“医疗才是我们最在意的方向。”"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["陈思远", "陈思远"]


def test_quote_inside_reported_clause_takes_its_speaker(nlp_nokb):
    text = "衡宇科技总裁马慧敏补充说，公司明年将重点拓展制造业客户，“行业知识比参数更值钱。”"
    assert only(nlp_nokb, text) == "马慧敏"


def test_floating_quote_in_a_paragraph_about_one_person(nlp_nokb):
    text = "韩东把这一轮创业比作一场长跑。「我们服务的客户大多没有技术团队，他们要开箱即用。」"
    assert only(nlp_nokb, text) == "韩东"


# --- traps ------------------------------------------------------------------------------------------


def test_scare_quote_is_not_speech(nlp_nokb):
    assert only(nlp_nokb, "许清禾认为，开源是一种“智商税”。") is None


def test_term_after_so_called_is_not_speech(nlp_nokb):
    assert only(nlp_nokb, "所谓“百模大战”，已经进入下半场。") is None


def test_title_of_event_is_not_speech(nlp_nokb):
    found = speakers(nlp_nokb, "在被称为“AI圈年度大考”的大会上，陈思远表示：“今年的重点是应用。”")
    assert found == [("AI圈年度大考", None), ("今年的重点是应用。", "陈思远")]


@pytest.mark.parametrize("text, speaker", [
    ("韩牧忍不住调侃了一句“算力也要交房租”。", "韩牧"),               # a measure word after the verb
    ("就连林嘉禾都出来补刀一句“这只是换了个名字”。", "林嘉禾"),        # 就连…都出来 before a colloquial verb
    ("发布会上，周以宁不禁感叹，“两年前没人相信这条路。”", "周以宁"),
    ("韩牧早就说过一句：“价格战打不出护城河。”", "韩牧"),            # 过 before the measure word
    ("林嘉禾当场吐槽了一嘴“那就拿数据说话”。", "林嘉禾"),
    ("他留下一句“时间会说明一切”。", None),                          # no speech verb: a saying left behind
    ("公司喊出了一句“让模型走进每个工厂”的口号。", None),              # a slogan
])
def test_a_quote_counted_by_a_measure_word_after_a_speech_verb_is_speech(nlp_nokb, text, speaker):
    assert only(nlp_nokb, text) == speaker


def test_a_direct_quote_after_a_verb_and_a_measure_word_is_not_also_reported_speech(nlp_nokb):
    text = "会后，韩牧吐槽了一句：“这个价格谁用得起？”"
    assert speakers(nlp_nokb, text) == [("这个价格谁用得起？", "韩牧")]
    assert speakers(nlp_nokb, text, kind="indirect") == []


@pytest.mark.parametrize("text, speaker", [
    ("散会前，贺青山又酸了一把“堆卡不代表会做产品”。", "贺青山"),     # a verb that speaks only when counted
    ("严可欣当场损了几句：“这种演示三年前就有人做过。”", "严可欣"),
    ("台上的嘉宾夸了两句这个方案，“端侧终于能用了”。", None),         # no named speaker before it
    ("他一边喝着酸奶，一边看“开源周报”。", None),                     # 酸 without a measure is no verb
])
def test_a_verb_that_speaks_only_with_a_measure_word(nlp_nokb, text, speaker):
    assert only(nlp_nokb, text) == speaker


def test_a_particle_between_a_speech_verb_and_its_quote_reports_nothing_more(nlp_nokb):
    text = "晚宴上，罗一川调侃道“今年的显卡比黄金还难买”。"
    assert speakers(nlp_nokb, text) == [("今年的显卡比黄金还难买", "罗一川")]
    assert speakers(nlp_nokb, text, kind="indirect") == []


@pytest.mark.parametrize("text, speaker", [
    ("路演结束后，老葛称，“这一批货要等到明年二季度才交得完。”", "老葛"),     # nobody named 葛某: the nickname is the name
    ("“明年一定上市。”老钱在台上说。", "老钱"),
    ("葛书恒是这家公司的创始人。老葛称，“我们不做C端。”", "葛书恒"),   # the full name written before it
    ("老农说，“今年雨水多，收成一般。”", None),                        # a word, not a nickname
    ("老师表示，“考试推迟一周。”", None),
])
def test_a_familiar_nickname_names_the_speaker_when_the_text_gives_no_fuller_name(nlp_nokb, text, speaker):
    assert only(nlp_nokb, text) == speaker


def test_a_nickname_alone_keeps_its_surface_and_a_later_full_name_is_no_guess(nlp_nokb):
    (q,) = stancelib.extract("老葛称，“订单排到了明年。”", nlp=nlp_nokb).quotes
    assert (q.speaker.name, q.speaker.surface) == ("老葛", "老葛")
    # a 葛某 written later may be the same person or another: the nickname is not tied to anyone
    text = "老葛称，“订单排到了明年。”会后，葛书恒表示，“价格不会再降。”"
    assert speakers(nlp_nokb, text) == [("订单排到了明年。", None), ("价格不会再降。", "葛书恒")]


@pytest.mark.parametrize("text, speaker", [
    ("汤若溪来自西北一个小镇，读书时拿过奥赛金牌。“我们把检测模型装进了旧平板。”她说。", "汤若溪"),
    ("滕嘉木毕业于一所师范院校。“批改作业的活儿以后交给模型。”他笑着说。", "滕嘉木"),
    ("黄金来自远方的矿山。“这批货成色很好。”她说。", None),   # a word, not a name: 黄金 is in not_names
])
def test_a_name_opening_a_life_story_is_the_person_a_later_pronoun_refers_to(nlp_nokb, text, speaker):
    assert speakers(nlp_nokb, text)[0][1] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("“代码可以对照，我们不怕查。”这句话是骆振明在散会前才补上的。", "骆振明"),
    ("“先把账算清楚。”说这话的是骆振明，做了十年存储芯片。", "骆振明"),
    ("“先把账算清楚。”这是行业里的老规矩。", None),   # no name revealed
])
def test_the_words_after_a_quote_that_reveal_its_speaker(nlp_nokb, text, speaker):
    assert speakers(nlp_nokb, text)[0][1] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("据学生葛菲回忆，那天夜里，教授柴明远盯着曲线看了很久，然后对她说：“数据比参数更要紧。”", "柴明远"),  # not 葛菲
    ("所长柴明远放下报告，随后向记者说：“数据比参数更要紧。”", "柴明远"),
    ("柴明远放下报告。她接过话说：“数据比参数更要紧。”", None),   # 她 is the subject here: not 柴明远
])
def test_the_one_spoken_to_after_a_joiner_is_not_the_subject(nlp_nokb, text, speaker):
    assert speakers(nlp_nokb, text)[-1][1] == speaker


def test_words_that_only_close_a_quote_lead_to_its_speaker(nlp_nokb):
    text = ("研究员祁海棠谈起了导师。“他从不催我们。”她说。\n\n“他只看结果。”讲到这儿，她低头沉默了片刻，“这件事我到现在都记得很清楚。”")
    assert [s for _, s in speakers(nlp_nokb, text)] == ["祁海棠"] * 3


@pytest.mark.parametrize("text", ["董事长蓝屿常挂在嘴边的话只有一句：“电池是熬出来的。”", "董事长蓝屿常说：“电池是熬出来的。”"])
def test_a_habit_word_after_a_two_character_name_is_not_part_of_it(nlp_nokb, text):
    assert only(nlp_nokb, text) == "蓝屿"


@pytest.mark.parametrize("text, speaker", [
    ("“电池要慢慢熬。”工程师滕越说这是创始人蓝屿常讲的话。", "蓝屿"),    # passed on: 蓝屿's words
    ("“电池要慢慢熬。”他说这是创始人蓝屿的口头禅。", "蓝屿"),
    ("“电池要慢慢熬。”工程师滕越说。", "滕越"),                          # his own
])
def test_words_passed_on_as_another_persons_saying_are_that_persons(nlp_nokb, text, speaker):
    assert speakers(nlp_nokb, text)[0][1] == speaker


def test_a_users_cues_file_adds_a_measured_verb(tmp_path):
    extra = tmp_path / "cues.yaml"
    extra.write_text("measured_verbs: [撅]\n", encoding="utf-8")
    text = "蒋天明撅了一句“这个价格谁用得起？”"
    assert only(stancelib.load(kb=None), text) is None
    assert only(stancelib.load(kb=None, cues=str(extra)), text) == "蒋天明"


def test_a_users_cues_file_adds_a_measure_word(tmp_path, nlp_nokb):
    def cue(nlp):
        (q,) = stancelib.extract("韩牧吐槽了一溜“这个价格谁用得起？”", nlp=nlp).quotes
        return q.cue, q.method

    assert cue(nlp_nokb) != ("吐槽", "explicit")  # 一溜 unknown: the verb does not introduce the quote
    extra = tmp_path / "cues.yaml"
    extra.write_text("speech_measures: [一溜]\n", encoding="utf-8")
    assert cue(stancelib.load(kb=None, cues=str(extra))) == ("吐槽", "explicit")


def test_a_word_a_users_cues_file_lets_stand_before_the_verb_also_ends_the_name(tmp_path, nlp_nokb):
    text = "发布会后，韩牧私下里表示，开源模型会越来越强。"
    assert speakers(nlp_nokb, text, kind="indirect") == []
    extra = tmp_path / "cues.yaml"
    extra.write_text("gap_before_verb: [私下里]\n", encoding="utf-8")  # one list, read by names and attribution
    mine = stancelib.load(kb=None, cues=str(extra))
    assert speakers(mine, text, kind="indirect") == [("开源模型会越来越强", "韩牧")]


def test_rebutted_saying_is_not_the_speakers_words(nlp_nokb):
    text = "林嘉禾并不认同“开源模型都是玩具”的说法。"
    assert only(nlp_nokb, text) is None


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
@pytest.mark.parametrize("tail", ["，这句话过于绝对，但也不无启发。", "这是那几年业内流行的说法。", "，您认同吗？"])
def test_a_saying_judged_going_round_or_put_to_a_guest_after_the_quote_is_nobodys(nlp_name, tail, request):
    nlp = request.getfixturevalue(nlp_name)
    text = f"柯砚说：“我们不做硬件。”\n\n“算力就是权力。”{tail}"
    assert speakers(nlp, text) == [("我们不做硬件。", "柯砚"), ("算力就是权力。", None)]


def test_a_saying_judged_after_a_quote_its_speaker_introduced_stays_theirs(nlp_nokb):
    assert only(nlp_nokb, "柯砚说：“算力就是权力。”这话过于绝对。") == "柯砚"


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
@pytest.mark.parametrize("tail, quote", [("会上她提了个口号：「人人有模型」。", "人人有模型"),
                                         ("当时圈里对这批创业者的标签是“GPU Maximalist信徒”，他倒也认。", "GPU Maximalist信徒")])
def test_a_slogan_or_a_label_given_after_someone_spoke_is_nobodys(nlp_name, tail, quote, request):
    nlp = request.getfixturevalue(nlp_name)
    assert speakers(nlp, "柯砚说：“我们不做硬件。”" + tail) == [("我们不做硬件。", "柯砚"), (quote, None)]


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_reading_others_give_of_someones_words_is_nobodys(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = "柯砚说：“我们暂时不做硬件。”不少人把这理解成“柯砚看衰硬件，只做软件”。我倒觉得未必。"
    assert speakers(nlp, text) == [("我们暂时不做硬件。", "柯砚"), ("柯砚看衰硬件，只做软件", None)]


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_line_some_unnamed_user_wrote_is_not_the_last_speakers(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = "柯砚说：“我们暂时不做硬件。”有个开发者在论坛里留言：“给我一个断网也能用的小模型就行。”"
    assert speakers(nlp, text) == [("我们暂时不做硬件。", "柯砚"), ("给我一个断网也能用的小模型就行。", None)]


def test_rebuttal_verb_then_own_words(nlp_nokb):
    text = "林嘉禾反驳了“开源模型都是玩具”的说法：“我们最赚钱的产品就基于开源模型。”"
    found = speakers(nlp_nokb, text)
    assert found[0][1] is None and found[1][1] == "林嘉禾"


def test_addressee_is_not_the_speaker(nlp_nokb):
    text = "星河智能CEO陈思远“隔空喊话”衡宇科技CEO马骁：“开源才是正路。”"
    found = speakers(nlp_nokb, text)
    assert found[-1] == ("开源才是正路。", "陈思远")


def test_reply_to_someone_is_the_replier(nlp_nokb):
    doc = nlp_nokb("陈思远回应马骁称，开源模型的成本被严重高估了。")
    reported = [q for q in doc._.quotes if q.kind == "indirect"]
    assert [q.speaker.name for q in reported] == ["陈思远"]


def test_phrase_in_quotes_that_the_sentence_runs_on_from(nlp_nokb):
    text = "韩东介绍，“启明X2”可以在五瓦功耗下运行七十亿参数的模型。"
    assert only(nlp_nokb, text) is None


def test_nested_quote_is_not_a_separate_statement(nlp_nokb):
    found = speakers(nlp_nokb, "陈思远说：“这一代芯片在价格上很‘打’。”")
    assert found == [("这一代芯片在价格上很‘打’。", "陈思远"), ("打", None)]


def test_unknown_speaker_stays_null(nlp_nokb):
    assert only(nlp_nokb, "“今年的冬天来得早。”") is None


# --- reported speech --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "林嘉禾认为，企业客户最终会为确定性付费。",
        "在林嘉禾看来，企业客户最终会为确定性付费。",
        "据林嘉禾介绍，企业客户最终会为确定性付费。",
        "林嘉禾的观点是，企业客户最终会为确定性付费。",
    ],
)
def test_reported_speech_frames(nlp_nokb, text):
    doc = nlp_nokb(text)
    reported = [q for q in doc._.quotes if q.kind == "indirect"]
    assert [(q.speaker.name, q.content) for q in reported] == [("林嘉禾", "企业客户最终会为确定性付费")]


def test_a_report_goes_on_past_a_semicolon(nlp_nokb):
    # the sentence a semicolon ends goes on in the next; another speech verb or a quote mark there ends the report
    doc = nlp_nokb("在林嘉禾看来，开源模型进步快，是因为目标已经摆在那里；真正的前沿探索，仍然要靠闭源公司去试错。")
    reported = [(q.speaker.name, q.content) for q in doc._.quotes if q.kind == "indirect"]
    assert reported == [("林嘉禾", "开源模型进步快，是因为目标已经摆在那里；真正的前沿探索，仍然要靠闭源公司去试错")]
    assert ("open_vs_closed", "closed") in [(c.topic, c.stance) for c in doc._.claims]
    doc = nlp_nokb("林嘉禾认为，端侧芯片的内存太小；周岚则表示，云端的成本更高。")
    reported = [(q.speaker.name, q.content) for q in doc._.quotes if q.kind == "indirect"]
    assert reported == [("林嘉禾", "端侧芯片的内存太小"), ("周岚", "云端的成本更高")]


def test_reported_speech_without_a_person_is_dropped(nlp_nokb):
    doc = nlp_nokb("数据显示，企业客户的续约率保持在九成左右。")
    assert [q for q in doc._.quotes if q.kind == "indirect"] == []


def test_someone_says_is_not_a_speaker(nlp_nokb):
    doc = nlp_nokb("有人认为，开源模型很快就会追上闭源模型。")
    assert [q for q in doc._.quotes if q.speaker] == []


# --- document structures ----------------------------------------------------------------------------

QA = """记者：你怎么看端侧模型？
林嘉禾：我认为端侧是未来三年最大的机会。
记者：那云端呢？
林嘉禾：云端依然重要，两者会长期并存。
"""


def test_qa_answers_are_the_interviewees_and_questions_are_marked(nlp_nokb):
    doc = nlp_nokb(QA)
    turns = [q for q in doc._.quotes if q.kind == "qa_turn"]
    assert [(q.is_question, q.speaker.name if q.speaker else None) for q in turns] == [
        (True, None), (False, "林嘉禾"), (True, None), (False, "林嘉禾")]
    assert turns[1].content == "我认为端侧是未来三年最大的机会。"
    assert turns[1].method == "qa_label"


def test_qa_with_answer_labels_uses_the_interviewee(nlp_nokb):
    text = "专访星河智能CEO陈思远：我们只做C端\n问：为什么不做企业市场？\n答：我们的团队更擅长做消费产品。\n问：明年呢？\n答：继续做C端。\n"
    turns = [q for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn" and not q.is_question]
    assert [q.speaker.name for q in turns] == ["陈思远", "陈思远"]


def test_media_label_is_the_interviewer(nlp_nokb):
    text = "新浪科技：开源会成为主流吗？\n韩东：会，至少在企业市场是这样。\n"
    turns = [q for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn"]
    assert turns[0].is_question and turns[0].speaker is None
    assert turns[1].speaker.name == "韩东"


def test_quote_inside_a_question_is_not_a_claim(nlp_nokb):
    text = "记者：有人说“开源是智商税”，你怎么看？\n韩东：我不同意，开源让企业掌握主动权。\n"
    doc = nlp_nokb(text)
    inner = [q for q in doc._.quotes if q.kind == "direct"][0]
    assert inner.is_question and inner.speaker is None
    assert all(c.speaker.name == "韩东" for c in doc._.claims)


def test_recap_section_pronouns_refer_to_the_heading_speaker(nlp_nokb):
    text = ("峰会观点集锦\n\n"
            "星河智能CEO陈思远：端侧才是主战场\n"
            "他表示，手机上的模型会越来越强。\n\n"
            "衡宇科技CEO马骁：云端不可替代\n"
            "他认为，真正有用的智能体必须跑在云端。\n")
    doc = nlp_nokb(text)
    reported = [(q.speaker.name, q.method) for q in doc._.quotes if q.kind == "indirect"]
    assert reported == [("陈思远", "pronoun"), ("马骁", "pronoun")]
    heads = [q.speaker.name for q in doc._.quotes if q.kind == "headline"]
    assert heads == ["陈思远", "马骁"]


# --- speakers: one person, one name -----------------------------------------------------------------


def test_alias_declared_in_parentheses(nlp_nokb):
    text = "衡宇科技创始人祝晓明（Misa）今天发布新模型。“我们会持续开源。”Misa说。"
    assert only(nlp_nokb, text) == "祝晓明"


def test_alias_declared_with_a_phrase_in_parentheses(nlp_nokb):
    text = "星河智能首席执行官Anna Chen（中文媒体常称其为陈安娜）近日接受采访。\n陈安娜：我们会继续开源。\n记者：为什么？\n陈安娜：开源让客户放心。\n"
    turns = [q for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn" and not q.is_question]
    assert [q.speaker.name for q in turns] == ["Anna Chen", "Anna Chen"]


def test_pronoun_after_two_names_prefers_the_agent_over_the_possessor(nlp_nokb):
    text = "有参会者问星河智能CEO林嘉禾怎么看衡宇科技CEO马骁的观点，她笑着说：“我们看的是三年以后。”"
    assert only(nlp_nokb, text) == "林嘉禾"


def test_nickname_declared_in_text(nlp_nokb):
    text = "研究院院长刘松有个外号——松院。“参数翻倍，收益越来越小。”松院说。"
    assert only(nlp_nokb, text) == "刘松"


def test_partial_mention_links_to_full_name(nlp_nokb):
    text = "星河智能CEO陈思远出席了发布会。“我们不打价格战。”陈总说。"
    assert only(nlp_nokb, text) == "陈思远"


def test_a_familiar_surname_links_to_the_full_name_before_it(nlp_nokb):
    """老陈称 stands for the last 陈 named in full; with none named, 老陈 is the name the text gives."""
    text = "星河智能CEO陈思远出席了发布会。在被问到价格时，老陈称，“我们不打价格战。”"
    assert only(nlp_nokb, text) == "陈思远"
    assert only(nlp_nokb, "在被问到价格时，老陈称，“我们不打价格战。”") == "老陈"
    mentions = nlp_nokb("陈思远说，古老陈旧的工厂要改造。")._.speaker_mentions
    assert all(m["name"] == "陈思远" for m in mentions)


def test_title_reference_links_to_the_person_with_that_title(nlp_nokb):
    text = "星河智能CEO陈思远出席了发布会。“我们不打价格战。”该公司CEO强调。"
    assert only(nlp_nokb, text) == "陈思远"


def test_same_name_people_are_kept_apart_by_org(nlp_nokb):
    text = ("启元智算CTO刘洋在发布会上说：“大模型一定会走向端侧。”\n"
            "华衡证券首席分析师刘洋则表示：“云端的需求短期更确定。”\n")
    doc = nlp_nokb(text)
    orgs = [q.speaker.org for q in doc._.quotes if q.kind == "direct"]
    assert orgs == ["启元智算", "华衡证券"]
    assert len(doc._.speakers) == 2


def test_name_followed_by_function_word_is_not_extended(nlp_nokb):
    assert only(nlp_nokb, "远帆机器人前副总裁贺川则发微博称：“开源是重要路径。”") == "贺川"


def test_knowledge_base_off_and_on_agree_on_titled_names(nlp, nlp_nokb):
    text = "月之暗面创始人杨植麟表示：“长思考是通往AGI的必经之路。”"
    assert only(nlp, text) == only(nlp_nokb, text) == "杨植麟"


def test_knowledge_base_links_english_alias(nlp):
    doc = nlp("“Scaling will keep working.” Sam Altman said. 奥特曼表示：“算力是关键。”")
    names = {q.speaker.name for q in doc._.quotes if q.speaker}
    assert names == {"Sam Altman"}


def test_every_quote_has_method_and_confidence(nlp_nokb):
    doc = nlp_nokb("陈思远表示：“开源是未来。”")
    q = doc._.quotes[0]
    assert q.method == "explicit" and 0.5 < q.confidence <= 1.0 and q.cue == "表示"


# --- transcripts as real articles lay them out ------------------------------------------------------


def qa_turns(nlp, text):
    """(speaker name or None, is_question, first characters) of every Q&A turn."""
    return [(q.speaker.name if q.speaker else None, q.is_question, q.content[:6])
            for q in nlp(text)._.quotes if q.kind == "qa_turn"]


def test_label_alone_on_its_line_opens_the_next_paragraph(nlp_nokb):
    text = ("两人各自给出了说法：\n\n邵明川：\n\n这个项目是我们先立项的，文件都在。\n\n"
            "葛书宁：\n\n立项归立项，团队是我一个人拉起来的。\n\n邵明川：\n\n那就让董事会来判断吧。\n\n"
            "葛书宁：\n\n我接受任何调查。\n")
    turns = qa_turns(nlp_nokb, text)
    assert [t[0] for t in turns] == ["邵明川", "葛书宁", "邵明川", "葛书宁"]
    assert turns[0][2].startswith("这个项目")


def test_latin_label_with_a_space_and_a_show_label_resolved_to_its_host(nlp_nokb):
    text = ("最近，播客 Northwind 的主持人 Lena Brooks 与创业者 Marguerite Olsen 聊了两个小时。\n\n"
            "Northwind：你为什么要做陪伴类产品？\n\nMarguerite Olsen：因为孤独是真实存在的问题，我们想认真对待它。\n\n"
            "Northwind：用户主要怎么使用？\n\nMarguerite Olsen：大多数人每天晚上聊二十分钟。\n")
    turns = qa_turns(nlp_nokb, text)
    assert turns == [("Lena Brooks", True, "你为什么要做"), ("Marguerite Olsen", False, "因为孤独是真"),
                     ("Lena Brooks", True, "用户主要怎么"), ("Marguerite Olsen", False, "大多数人每天")]


def test_answer_opening_with_a_digit_after_a_full_width_colon(nlp_nokb):
    text = "祁远舟：你们准备了多久？\n\n葛书宁：40 天这个说法不准确，我们准备了两年。\n\n祁远舟：为什么现在发布？\n\n葛书宁：因为时机到了。\n"
    assert [t[0] for t in qa_turns(nlp_nokb, text)] == ["祁远舟", "葛书宁", "祁远舟", "葛书宁"]


def test_q_and_a_labels_resolved_by_a_legend(nlp_nokb):
    text = ("以下为采访实录。\n\nQ：电视台主持人 Owen Hartley\nA：Petra Lindqvist\n\n"
            "Q：您怎么看现在的模型？\n\nA：我认为它们还远没有到头。\n\nQ：您担心什么？\n\nA：我担心滥用。\n")
    turns = qa_turns(nlp_nokb, text)
    assert turns == [("Owen Hartley", True, "您怎么看现在"), ("Petra Lindqvist", False, "我认为它们还"),
                     ("Owen Hartley", True, "您担心什么？"), ("Petra Lindqvist", False, "我担心滥用。")]


def test_first_name_label_is_the_full_name_written_in_the_intro(nlp_nokb):
    text = ("本文编译自 Tobias Wren 的访谈节目。\n\nTobias：你们的股价跌了很多，你怎么看？\n\n"
            "韩东：股价不是我们最关心的事情，产品才是。\n\nTobias：接下来做什么？\n\n韩东：把产品做好。\n")
    assert [t[0] for t in qa_turns(nlp_nokb, text)] == ["Tobias Wren", "韩东", "Tobias Wren", "韩东"]


def test_a_panelist_who_answers_once_is_a_turn(nlp_nokb):
    text = ("祁远舟：各位怎么看今年的行业？\n\n韩东：今年是应用落地的一年，大家都在找真实的需求。\n\n"
            "祁远舟：还有补充吗？\n\n韩东：没有了。\n\n"
            "邵明川：我补充一点，今年大家对成本更敏感了，谁能把推理成本降下来，谁就能活下来。\n")
    turns = qa_turns(nlp_nokb, text)
    assert turns[-1] == ("邵明川", False, "我补充一点，")


def test_quote_inside_a_question_credited_to_the_addressee(nlp_nokb):
    text = ("祁远舟：你刚才说，“我们不会为了增长去亏钱。”这是真的吗？\n\n韩东：是真的，我们一直这样做。\n\n"
            "祁远舟：那明年呢？\n\n韩东：明年也一样。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [(q.speaker.name if q.speaker else None, q.method, q.is_question) for q in direct] == [("韩东", "second_person", False)]


def test_quote_inside_a_question_credited_to_the_person_named_there(nlp):
    text = ("祁远舟：这场争论由杨植麟挑起，他说，“长文本是通往智能的必经之路。”你同意吗？\n\n韩东：部分同意。\n\n"
            "祁远舟：为什么只是部分？\n\n韩东：因为成本太高。\n")
    direct = [q for q in nlp(text)._.quotes if q.kind == "direct"]
    assert direct[0].speaker.name == "杨植麟" and not direct[0].is_question


# --- names in real text -----------------------------------------------------------------------------


def mentions(nlp, text):
    return [m["name"] for m in nlp(text)._.speaker_mentions]


def test_preposition_before_a_noun_phrase_is_not_a_name(nlp_nokb):
    assert mentions(nlp_nokb, "一位投资人向星河日报解释说，明年会更难。") == []
    assert mentions(nlp_nokb, "一位投资人向记者透露，明年会更难。") == []
    assert mentions(nlp_nokb, "星河智能CEO向华表示，明年会更好。") == ["向华"]


def test_title_acronym_before_a_latin_name_is_not_part_of_it(nlp_nokb):
    assert mentions(nlp_nokb, "北辰云 CFO Nora Lindgren 解释称，数据中心增长强劲。") == ["Nora Lindgren"]


def test_adverb_after_a_transliterated_name_ends_it(nlp_nokb):
    assert mentions(nlp_nokb, "CFO 苏菲·杜特别强调了公司的策略。") == ["苏菲·杜"]


# --- subjects that name nobody, addressees, sayings -------------------------------------------------


def test_generic_subject_makes_the_quote_anonymous(nlp_nokb):
    text = "韩东介绍了新产品。发布会上有观众说：“这个价格太贵了。”"
    assert only(nlp_nokb, text) is None


@pytest.mark.parametrize("subject", ["郑远航的朋友", "郑远航身边的人", "郑远航的一位前同事", "郑远航的助理"])
def test_someone_of_a_named_persons_speaks_for_nobody_named(nlp_nokb, subject):
    # the friend, the assistant, the people around him speak; 郑远航 is only their possessor
    assert only(nlp_nokb, f"{subject}告诉记者：“他从来不相信闭源路线。”") is None


def test_a_named_relation_and_a_moments_platform_keep_their_speaker(nlp_nokb):
    assert only(nlp_nokb, "郑远航的学生冯子墨说：“老师从来不相信闭源路线。”") == "冯子墨"
    assert only(nlp_nokb, "郑远航在他的朋友圈说：“我从来不相信闭源路线。”") == "郑远航"


def test_a_name_ends_before_the_people_around_it(nlp):
    # KB on: a public figure's name inside a longer name before 身边 is not that figure
    assert [m["name"] for m in nlp("赵明远身边的人说：“他最近一直在看端侧模型。”")._.speaker_mentions] == ["赵明远"]


def test_a_clause_of_action_then_a_speech_verb_names_its_subject(nlp_nokb):
    # KB off: the name is found only because a second verb phrase ends in a speech verb before the quote
    assert only(nlp_nokb, "韩立衡转发了那条微博，然后写道：“开源不是慈善，而是一种分发方式。”") == "韩立衡"
    assert only(nlp_nokb, "韩立衡先是认真地读了那份报告，并评论说：“端侧的窗口期很短。”") == "韩立衡"
    assert only(nlp_nokb, "周末大家聊了很多，然后说：“开源不是慈善。”") is None


def test_the_words_of_a_person_cited_by_another_are_the_cited_persons(nlp_nokb):
    assert only(nlp_nokb, "韩立衡引用了冯一凡的那句话：“模型开源那一天，你的估值就少了一半。”") == "冯一凡"


def test_role_without_a_name_after_the_quote_is_anonymous(nlp_nokb):
    text = "邵明川谈到了开源社区。“作为一家创业公司，我们不过是生态里的一个参与者。”该公司首席技术官在此前的分享中表示。"
    assert only(nlp_nokb, text) is None


def test_hypothetical_and_example_quotes_are_nobodys(nlp_nokb):
    text = ("祁远舟：客户为什么会选你们？\n\n韩东：很简单。如果采购负责人说，“我们只看价格。”那我们就输了。"
            "比如：“我想省钱，但又想要最好的。”这种需求很常见。\n\n祁远舟：明白了。\n\n韩东：谢谢。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == [None, None]


def test_sayings_and_slogans_are_not_speech(nlp_nokb):
    text = ("韩东：套用一句时下流行的，“做硬件都是看三年”，我们也不例外。公司今年的口号是“让每台设备都聪明一点”。\n\n"
            "祁远舟：好的。\n\n韩东：谢谢。\n\n祁远舟：再见。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == [None, None]


def test_addressee_after_a_preposition_is_not_the_speaker(nlp_nokb):
    assert only(nlp_nokb, "会后，星河智能CEO赵启航对沈言说：“我们下个月再谈。”") == "赵启航"


def test_first_person_quote_inside_an_answer_is_the_answerer(nlp_nokb):
    text = ("祁远舟：最难的时候怎么办？\n\n韩东：我当时就告诉团队，“先活下来再说。”后来同事对我说，“你太保守了。”\n\n"
            "祁远舟：现在呢？\n\n韩东：现在好多了。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [(q.speaker.name if q.speaker else None) for q in direct] == ["韩东", None]


def test_pronoun_picks_the_subject_named_earlier_in_the_sentence(nlp_nokb):
    text = "主持人介绍了嘉宾。初次登台的星河智能CEO邵明川并不紧张，他对主持人说，“我准备了很久。”"
    assert only(nlp_nokb, text) == "邵明川"


def test_pronoun_with_a_back_reference_after_the_quote(nlp_nokb):
    text = ("在这次访谈中，我们和星河智能CEO邵明川聊了很多。\n\n"
            "“小公司不用担心市场不够大”，聊起定价时他也是这么说的，“先做出来才有机会迭代”。")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [(q.speaker.name if q.speaker else None) for q in direct] == ["邵明川", "邵明川"]


def test_block_quote_after_a_paragraph_ending_with_a_colon(nlp_nokb):
    text = "在随后的电话会上，星河智能CFO葛书宁特别强调了投资纪律，她提到：\n\n“我们会把投资分成两类，一类看回报，一类看长期。”"
    assert only(nlp_nokb, text) == "葛书宁"


def test_signature_line_after_the_quote(nlp_nokb):
    text = "“价格终会降到人人用得起。”\n——远帆机器人总裁贺川"
    assert only(nlp_nokb, text) == "贺川"


def test_pull_quote_after_a_paragraph_naming_one_person(nlp_nokb):
    text = "星河智能CEO邵明川当然知道差距在哪里。\n\n“我们大概落后半年，但半年是可以追上的。”\n\n以下是访谈内容。"
    assert only(nlp_nokb, text) == "邵明川"


def test_fixed_phrases_with_a_verb_or_pronoun_character_are_no_cues(nlp_nokb):
    pats = nlp_nokb.get_pipe("stancelib_quotes").patterns
    assert not pats.verb.search("据说") and not pats.verb.search("对他来说") and not pats.verb.search("可以说")
    assert not pats.pronoun.search("其实") and not pats.pronoun.search("其他人") and not pats.pronoun.search("他们")
    assert pats.pronoun.search("他说") and pats.verb.search("他说")


# --- names no knowledge base knows ------------------------------------------------------------------


def test_a_label_read_as_a_person_is_a_mention_everywhere(nlp_nokb):
    text = ("当天请来的嘉宾是扎诺维奇。初次登台的扎诺维奇并不紧张，他对主持人说，“我准备了很久。”\n\n"
            "祁远舟：欢迎你。\n\n扎诺维奇：谢谢，很高兴来到这里。\n\n祁远舟：先聊聊产品？\n\n扎诺维奇：好的，我们先说模型。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert direct[0].speaker.name == "扎诺维奇"


def test_foreign_name_without_a_dot_after_a_title_or_before_a_verb(nlp_nokb):
    text = "星河智能创始人、首席执行官莫里斯自我评价为：“我们做得不错。”随后莫里斯表示，明年会更好。"
    assert mentions(nlp_nokb, text) == ["莫里斯", "莫里斯"]
    assert mentions(nlp_nokb, "特斯拉表示不评论。特斯拉表示会回应。") == []  # an organisation


def test_phrase_before_a_transliterated_name_is_cut(nlp_nokb):
    assert mentions(nlp_nokb, "这场辩论主要由马克·佐伊发起。") == ["马克·佐伊"]


def test_an_unknown_latin_name_blocks_the_paragraph_guess(nlp_nokb):
    text = "星河智能CEO邵明川发布了新模型。就连 Owen Hartley 都忍不住出来评论一句“复制别人是容易的”。"
    assert only(nlp_nokb, text) is None


# --- layouts: back-references, page furniture, first-person sections --------------------------------


def test_quote_credited_by_a_back_reference_in_the_next_sentence(nlp_nokb):
    text = "“我们总是高估两年的变化，低估十年的变革。”\n在今天这个时代，星河研究院院长林嘉禾的这句话依然贴切。"
    assert only(nlp_nokb, text) == "林嘉禾"


@pytest.mark.parametrize("tail", ["的这句开场白一出口，礼堂就静了。", "的这番致辞赢得了掌声。", "的这句玩笑逗乐了台下。"])
def test_a_possessed_saying_after_a_quote_names_whose_words_they_were(nlp_nokb, tail):
    assert only(nlp_nokb, "“毕业不是终点。”下午两点，院长蒲文渊" + tail) == "蒲文渊"


def test_page_furniture_labels_are_not_turns(nlp):
    text = "韩东：今年会更好。\n\n祁远舟：为什么？\n\n韩东：因为需求在。\n\n免责声明：本文仅代表作者观点。\n\n免责声明：转载请注明出处。\n"
    assert [t[0] for t in qa_turns(nlp, text)] == ["韩东", "祁远舟", "韩东"]


def statements(nlp, text):
    return [(q.speaker.name, q.method, q.content[:6]) for q in nlp(text)._.quotes if q.kind == "indirect"]


def test_digest_heading_credits_the_first_person_paragraphs_under_it(nlp_nokb):
    text = ("本周嘉宾观点摘编\n\n开场介绍了两位嘉宾。\n\n陈路：算力不是瓶颈\n\n我们认为，今年最大的变化是推理成本下降，应用会迎来爆发。\n\n"
            "我们也看到，企业客户开始为效果付费。\n\n葛书宁：数据才是护城河\n\n我觉得数据的积累比模型本身更重要，这是长期的事。\n")
    found = statements(nlp_nokb, text)
    assert [(name, method) for name, method, _ in found] == [("陈路", "section_header"), ("陈路", "section_header"),
                                                              ("葛书宁", "section_header")]


def test_dash_heading_opens_a_first_person_section(nlp_nokb):
    text = "圆桌实录\n\n韩东 ——\n\n我们做了五年硬件，最大的体会是供应链比算法难。\n"
    assert statements(nlp_nokb, text) == [("韩东", "section_header", "我们做了五年")]


def test_self_account_after_a_lead_in_is_the_persons(nlp_nokb):
    text = ("星河智能创始人邵明川认为，大模型不应只属于巨头。邵明川此前还表示，开源会赢。\n\n"
            "这篇文章是他三场讲座的演讲整理。\n\n01\n\n我在大学学的是数学，后来做了十年投资。\n\n"
            "我当时就想，“这件事太重要了，必须有人去做。”\n")
    doc = nlp_nokb(text)
    fp = [q for q in doc._.quotes if q.method == "section_header"]
    assert [q.speaker.name for q in fp] == ["邵明川"]
    direct = [q for q in doc._.quotes if q.kind == "direct"]
    assert direct[0].speaker.name == "邵明川" and direct[0].method == "first_person"


def test_first_person_clause_running_into_a_quote_inside_an_answer(nlp_nokb):
    text = ("祁远舟：你为什么创业？\n\n韩东：那年我在读书，那时我有一个念头：“要是能一键和家人视频就好了。”"
            "后来我问过不少客户，他们都在吐槽，“这个软件太难用了。”\n\n祁远舟：然后呢？\n\n韩东：然后就做了。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [(q.speaker.name if q.speaker else None) for q in direct] == ["韩东", None]


def test_the_possessor_of_a_stated_view_speaks(nlp_nokb):
    text = "在星河资本合伙人葛书宁最近的采访里，她的态度依旧，“我们一直不看好这个方向，现在也不看好。”"
    assert only(nlp_nokb, text) == "葛书宁"


# --- lexicons are data a user extends ---------------------------------------------------------------


def test_a_user_lexicon_file_adds_a_title_a_verb_and_a_non_name(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("titles: [首席布道师]\nverbs: [放话]\nnot_names: [韩东]\n", encoding="utf-8")
    base = stancelib.load(kb=None)
    mine = stancelib.load(kb=None, cues=str(extra))
    text = "星河智能首席布道师邵明川放话：“明年我们会开源全部权重。”"
    assert only(base, text) is None
    assert only(mine, text) == "邵明川"
    assert mentions(base, "韩东表示，明年会更好。") == ["韩东"]
    assert mentions(mine, "韩东表示，明年会更好。") == []


def test_an_unknown_key_in_a_user_lexicon_file_is_named(tmp_path):
    from stancelib.errors import ConfigError

    extra = tmp_path / "bad.yaml"
    extra.write_text("titels: [首席布道师]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="titels"):
        stancelib.load(cues=str(extra))


def test_coordinated_subjects_credit_both(nlp_nokb):
    text = "星河智能CEO韩东和北辰云CTO邵明川都表示，开源会成为主流。"
    found = sorted((q.speaker.name, q.method) for q in nlp_nokb(text)._.quotes)
    assert found == [("邵明川", "explicit"), ("韩东", "coordinated")]
    direct = nlp_nokb("韩东与邵明川均认为：“明年是应用落地的一年。”")._.quotes
    assert sorted(q.speaker.name for q in direct) == ["邵明川", "韩东"]
    assert [q.speaker.name for q in nlp_nokb("韩东对邵明川表示，开源会成为主流。")._.quotes] == ["韩东"]


def test_titles_from_other_regions_and_a_title_glued_to_a_transliterated_name(nlp_nokb):
    assert mentions(nlp_nokb, "据星河执行长葛书宁透露，明年会扩招。") == ["葛书宁"]
    assert mentions(nlp_nokb, "经济部长卡尔·布伦纳表示，会继续支持。") == ["卡尔·布伦纳"]


def test_a_latin_surname_alone_is_the_full_name_written_before(nlp_nokb):
    text = "Lena Voss 是星河的创始人。Voss 表示：“明年会更好。”"
    assert only(nlp_nokb, text) == "Lena Voss"


def test_a_given_name_boundary_before_a_function_word(nlp_nokb):
    assert mentions(nlp_nokb, "程立和也认为，开源会赢。") == ["程立"]


def test_an_organisation_before_a_speech_verb_is_no_surname(nlp_nokb):
    text = "Ray-Ban Meta 眼镜卖得不错。会上 Meta 也提到：“三季度增长会放缓。”"
    assert only(nlp_nokb, text) is None


def test_a_saying_quoted_as_a_noun_phrase_after_a_verb_is_speech(nlp_nokb):
    assert only(nlp_nokb, "星河智能CEO韩立明曾公开说出“芯片决定一切”这类论断。") == "韩立明"
    assert only(nlp_nokb, "韩立明并不认同“开源是智商税”这类说法。") is None


def test_a_question_named_as_a_topic_and_so_called_terms_are_not_speech(nlp_nokb):
    assert only(nlp_nokb, "会上，星河智能CEO韩立明就“开源会不会赢？”这一问题表示，要看场景。") is None
    assert only(nlp_nokb, "韩立明表示，所谓的“百模大战”已经结束。") is None


def test_a_partial_quote_closing_the_speakers_own_clause_is_speech(nlp_nokb):
    text = "星河智能CEO陈以宁表示，公司不会降价，“这是我们的底线”。"
    assert only(nlp_nokb, text) == "陈以宁"


def test_a_word_inside_a_place_phrase_is_not_an_anonymous_subject(nlp_nokb):
    text = "星河智能首席技术官韩晓楠则在随后的媒体沟通会上强调，公司不会做通用大模型，“我们只做芯片和工具链，把模型留给客户”。"
    assert only(nlp_nokb, text) == "韩晓楠"


def test_only_the_fixed_phrase_is_no_cue(nlp_nokb):
    pats = nlp_nokb.get_pipe("stancelib_quotes").patterns
    assert not pats.verb.search("也就是说") and pats.verb.search("他只是说")
    assert only(nlp_nokb, "对于量产时间，星河智能CEO陈以宁只是说“比大家想的要快”。") == "陈以宁"


def test_speaker_after_a_time_or_place_phrase_following_the_quote(nlp_nokb):
    text = "「開源不是做慈善。」在昨天的發布會上，啟元智算創辦人顧承澤這樣說。"
    assert only(nlp_nokb, text) == "顾承泽"
    assert only(nlp_nokb, "“开源不是慈善。”在昨天的发布会上，有观众这样说。") is None


def test_words_written_down_and_named_as_a_saying_are_the_writers(nlp_nokb):
    text = "云栖智能CEO沈牧之谈到了价格。他曾在一本书中写下“算力终将像水电一样便宜”这句话。"
    assert only(nlp_nokb, text) == "沈牧之"


def test_a_thought_with_its_subject_dropped_inside_an_answer_is_the_answerer(nlp_nokb):
    """Spoken Chinese drops 我: 感觉就像是，“…” in an answer is the answerer's; not when someone else
    is the subject, and a question's quote stays a question."""
    text = ("祁远舟：第一次用那套系统是什么感受？\n\n苏映川：感觉就像是，“我已经坐上高铁了，你却让我回去骑马。”\n\n"
            "祁远舟：客户呢？\n\n苏映川：客户也觉得，“这东西太贵了。”\n\n"
            "祁远舟：当时就想，“这家公司能做成吗？”\n\n苏映川：能。\n")
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [(q.speaker.name if q.speaker else None) for q in direct][:2] == ["苏映川", None]
    assert direct[0].method == "first_person" and direct[2].is_question


@pytest.mark.parametrize("text, speaker", [
    ("林岚放话：“明年我们要拿下一半的市场。”", "林岚"),
    ("林岚自嘲：“我们是一家被低估的公司。”", "林岚"),
    ("顾一鸣点评道：“这个发布会的诚意不够。”", "顾一鸣"),
    ("顾一鸣发帖称：“我们会继续开放权重。”", "顾一鸣"),
    ("顾一鸣怼了回去：“谁说小模型没用？”", "顾一鸣"),
    ("顾一鸣问林岚：“你们的模型多大？”", "顾一鸣"),          # the asker speaks, not the one asked
    ("主持人问顾一鸣：“明年会上市吗？”顾一鸣笑着说：“还早。”", None),  # the host's question is nobody's named words
])
def test_colloquial_speech_verbs_introduce_their_quote(nlp_nokb, text, speaker):
    assert speakers(nlp_nokb, text)[0][1] == speaker


def test_an_addressee_or_second_verb_before_the_colon_is_no_reported_clause(nlp_nokb):
    for text in ("顾一鸣回怼同行：“先把自己的模型做好吧。”", "林岚放话称：“明年我们要拿下一半的市场。”"):
        assert speakers(nlp_nokb, text, kind="indirect") == []
        assert speakers(nlp_nokb, text)[0][1] in ("顾一鸣", "林岚")


def test_a_speech_verb_with_an_object_reports_nothing_unless_a_colon_follows(nlp_nokb):
    assert speakers(nlp_nokb, "林岚在发布会上介绍了公司的三款新模型。", kind="indirect") == []
    assert speakers(nlp_nokb, "顾一鸣回应过这个传闻。", kind="indirect") == []
    assert speakers(nlp_nokb, "林岚透露了一个数字：今年的推理调用量翻了五倍。", kind="indirect") == [
        ("今年的推理调用量翻了五倍", "林岚")]
    # 介绍了… leaves no speaker behind for the next sentence's pronoun to pick up wrongly
    text = "林岚在发布会上介绍了新模型。随后她表示，端侧是明年的重点。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("端侧是明年的重点", "林岚")]


def test_a_word_ending_in_a_frames_opening_is_no_frame(nlp_nokb):
    (q,) = stancelib.extract("星海数据总裁林岚介绍，公司明年会推出三款端侧模型。", nlp=nlp_nokb).quotes
    assert (q.speaker.name, q.cue) == ("林岚", "介绍")  # 数据 holds no 据X介绍 frame
    assert speakers(nlp_nokb, "据星海数据总裁林岚介绍，公司明年会推出三款端侧模型。", kind="indirect") == [
        ("公司明年会推出三款端侧模型", "林岚")]


def test_the_wen_of_a_title_before_the_name_is_no_addressee(nlp_nokb):
    assert speakers(nlp_nokb, "星河智能技术顾问顾一鸣表示，开源会越来越重要。", kind="indirect") == [
        ("开源会越来越重要", "顾一鸣")]
    assert speakers(nlp_nokb, "主持人问顾一鸣，开源会越来越重要吗？", kind="indirect") == []


def test_turn_labels_ending_in_ask_or_answer_stay_labels(nlp_nokb):
    text = "星海数据CEO林岚接受了专访。\n记者问：你们会开源吗？\n林岚答：会，开源是我们的核心路线。\n记者问：端侧呢？\n林岚答：也会做。\n"
    turns = [(q.is_question, q.speaker.name if q.speaker else None) for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn"]
    assert turns == [(True, None), (False, "林岚"), (True, None), (False, "林岚")]


def test_a_group_the_narrator_met_asks_its_own_question(nlp_nokb):
    text = "主持人：你们为什么开源？\n林岚：我遇到的很多客户都在问“你们什么时候开源？”，所以我们决定开源。\n主持人：还有呢？\n林岚：没有了。\n"
    direct = [q for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert [(q.content, q.speaker) for q in direct] == [("你们什么时候开源？", None)]


def test_a_noun_that_starts_with_a_speech_verb_is_no_cue(nlp_nokb):
    (q,) = stancelib.extract("邵明川在一场分享会上表示，开源会赢。", nlp=nlp_nokb).quotes
    assert (q.content, q.speaker.name, q.cue) == ("开源会赢", "邵明川", "表示")
    assert stancelib.extract("邵明川在一场分享会上，再次谈到了他的看法。", nlp=nlp_nokb).quotes == ()  # 分享会 is no 分享
    (q,) = stancelib.extract("星河证券分析师韩牧指出，端侧模型明年会放量。", nlp=nlp_nokb).quotes  # nor 分析师 分析
    assert (q.content, q.speaker.name, q.cue) == ("端侧模型明年会放量", "韩牧", "指出")



def test_a_verb_inside_the_first_phrase_of_a_report_is_part_of_it(nlp_nokb):
    # 说 reports the whole clause; 相信 inside it is what was said (its negation stays with it)
    assert speakers(nlp_nokb, "韩牧说，他从来不相信堆算力这条路。", kind="indirect") == [("他从来不相信堆算力这条路", "韩牧")]
    # a later phrase with its own verb is a report of its own
    found = speakers(nlp_nokb, "韩牧在文章中称，端侧模型明年会放量。", kind="indirect")
    assert found == [("端侧模型明年会放量", "韩牧")]


def test_a_name_after_but_is_the_subject_of_its_own_verb(nlp_nokb):
    found = speakers(nlp_nokb, "外界普遍看衰端侧，但邵明川认为端侧明年就会爆发。", kind="indirect")
    assert found == [("端侧明年就会爆发", "邵明川")]
    found = speakers(nlp_nokb, "有人说闭源更稳，而顾一鸣觉得开源迭代更快。", kind="indirect")
    assert found == [("开源迭代更快", "顾一鸣")]


def test_two_people_taking_turns_under_their_names_is_a_transcript(nlp_nokb):
    text = "圆桌现场，两位嘉宾争论不休。\n\n邵明川：开源迟早会追上闭源。\n顾一鸣：我不同意，闭源的迭代速度更快。\n邵明川：那我们两年后再看。\n"
    turns = [(q.speaker.name if q.speaker else None, q.is_question) for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn"]
    assert turns == [("邵明川", False), ("顾一鸣", False), ("邵明川", False)]
    # labels that name nobody stay nobody's, and one label used once is no exchange
    text = "日程如下。\n上午：主题演讲。\n下午：圆桌讨论。\n上午：签到。\n"
    assert all(q.speaker is None for q in nlp_nokb(text)._.quotes)
    assert [q for q in nlp_nokb("邵明川：开源迟早会追上闭源。\n顾一鸣：我不同意。\n")._.quotes if q.kind == "qa_turn"] == []


def test_a_pronoun_set_against_the_last_speaker_is_the_other_person_or_nobody(nlp_nokb):
    text = "星河智能CEO邵明川和澜舟数据CTO顾一鸣同台。邵明川认为开源会赢。他则表示，闭源的迭代更快。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("开源会赢", "邵明川"), ("闭源的迭代更快", "顾一鸣")]
    text = "邵明川认为开源会赢。他则表示，闭源的迭代更快。"  # nobody else to set him against: not him either
    assert speakers(nlp_nokb, text, kind="indirect") == [("开源会赢", "邵明川")]
    text = "星河智能CEO邵明川表示，开源会赢。他还表示，闭源的迭代更快。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("开源会赢", "邵明川"), ("闭源的迭代更快", "邵明川")]


def test_a_long_channel_phrase_between_name_and_verb_keeps_the_subject(nlp_nokb):
    text = "顾一鸣在接受《未来智能观察周刊》专访时说，端侧模型明年会放量。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("端侧模型明年会放量", "顾一鸣")]
    # a long gap that is not such a phrase still parts a name from the verb
    text = "顾一鸣的公司上个月刚刚拿到了一笔很大的融资，有人说，端侧模型明年会放量。"
    assert speakers(nlp_nokb, text, kind="indirect") == []


def test_after_a_full_stop_a_pronoun_between_an_agent_and_a_possessor_is_nobodys(nlp_nokb):
    text = "星河智能CEO韩雪向记者介绍了澜舟数据CTO孟凡宇的创业经历。他说：“我从来不相信大力出奇迹。”"
    assert speakers(nlp_nokb, text) == [("我从来不相信大力出奇迹。", None)]
    text = "星河智能CEO韩雪向记者介绍了公司的创业经历。她说：“我们从来不相信大力出奇迹。”"
    assert speakers(nlp_nokb, text) == [("我们从来不相信大力出奇迹。", "韩雪")]


def test_a_person_who_does_not_see_it_so_is_the_one_the_next_pronoun_means(nlp_nokb):
    text = "有人说“小模型没有前途”，但顾一鸣不这么看。他认为小模型明年就会普及。"
    assert speakers(nlp_nokb, text) == [("小模型没有前途", None)]
    assert speakers(nlp_nokb, text, kind="indirect") == [("小模型明年就会普及", "顾一鸣")]


@pytest.mark.parametrize("text, speaker", [
    ("在邵明川看来，“开源是唯一的出路。”", "邵明川"),
    ("正如邵明川所说，“开源是唯一的出路。”", "邵明川"),
    ("用邵明川的话来说，“开源是唯一的出路。”", "邵明川"),
    ("在他看来，“开源是唯一的出路。”", None),            # a pronoun with nobody to refer to
    ("在业内看来，“开源是唯一的出路。”", None),           # a frame whose slot names nobody
])
def test_a_frame_right_before_a_direct_quote_names_its_speaker(nlp_nokb, text, speaker):
    assert only(nlp_nokb, text) == speaker


def test_a_named_subject_inside_a_report_holds_its_own_view(nlp_nokb):
    assert speakers(nlp_nokb, "邵明川说，顾一鸣认为开源是唯一的出路。", kind="indirect") == [("开源是唯一的出路", "顾一鸣")]
    assert speakers(nlp_nokb, "韩牧说，我们从来不相信堆算力这条路。", kind="indirect") == [("我们从来不相信堆算力这条路", "韩牧")]


def test_a_negated_attitude_keeps_its_negation_and_its_subject(nlp_nokb):
    claims = lambda text: [(c.speaker.name, c.topic, c.stance) for c in nlp_nokb(text)._.claims]
    assert claims("韩牧从来不相信规模定律。") == [("韩牧", "scaling_law", "skeptic")]
    assert claims("韩牧并不看好开源。") == [("韩牧", "open_vs_closed", "closed")]
    assert claims("韩牧看好开源。") == [("韩牧", "open_vs_closed", "open")]


@pytest.mark.parametrize("text", ["韩牧兴奋地说：“我们做到了。”", "韩牧开门见山地说：“我们做到了。”", "韩牧半开玩笑地说：“我们做到了。”"])
def test_a_manner_adverb_between_a_bare_name_and_its_verb(nlp_nokb, text):
    assert only(nlp_nokb, text) == "韩牧"


def test_a_person_introduced_after_a_preposition_with_org_and_title_is_spoken_to(nlp_nokb):
    text = "主持人林岚向星海数据CEO顾一鸣提问：“你们开源之后靠什么赚钱？”顾一鸣回答：“卖服务。”"
    assert speakers(nlp_nokb, text) == [("你们开源之后靠什么赚钱？", "林岚"), ("卖服务。", "顾一鸣")]
    # the one asked is named, the asker is not: nobody, and never the one who answers next
    text = "有记者把问题抛给星海数据CEO顾一鸣：“你们会开源吗？”顾一鸣回答：“会。”"
    assert speakers(nlp_nokb, text) == [("你们会开源吗？", None), ("会。", "顾一鸣")]
    text = "星海数据CEO顾一鸣向记者表示：“我们会开源。”"  # the speaker before his own preposition
    assert speakers(nlp_nokb, text) == [("我们会开源。", "顾一鸣")]


def test_a_verb_before_a_colon_introduces_the_next_quote_not_the_last(nlp_nokb):
    text = "有人问：“开源之后靠什么赚钱？”顾一鸣回答：“卖服务。”"
    assert speakers(nlp_nokb, text)[0][1] is None
    assert speakers(nlp_nokb, "“开源是出路，”顾一鸣说，“闭源走不远。”") == [("开源是出路，", "顾一鸣"), ("闭源走不远。", "顾一鸣")]


def test_a_saying_in_a_frame_is_nobodys_and_a_verb_after_a_name_ends_it(nlp_nokb):
    assert only(nlp_nokb, "正如那句老话所说，“罗马不是一天建成的。”") is None  # 那句老话 is no person
    mentions = nlp_nokb("唐松没有直接回答这个问题。")._.speaker_mentions or []
    assert all(m["name"] != "唐松没" for m in mentions)


def test_a_headline_describing_or_naming_several_people_is_nobodys(nlp_nokb):
    found = lambda text: [(q.kind, q.speaker.name if q.speaker else None) for q in nlp_nokb(text)._.quotes if q.kind == "headline"]
    assert found("邵明川：一个不信规模定律的创业者\n\n正文从这里开始。") == []
    assert found("邵明川、顾一鸣和林岚：三种路线之争\n\n正文从这里开始。") == []
    assert found("邵明川：规模定律还没有到头\n\n正文从这里开始。") == [("headline", "邵明川")]


def test_an_outlet_label_opening_with_digits_is_a_turn_label(nlp_nokb):
    text = "36氪：你们为什么开源？\n顾一鸣：开源能让更多人用起来。\n36氪：那商业化呢？\n顾一鸣：靠服务。\n"
    turns = [(q.is_question, q.speaker.name if q.speaker else None) for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn"]
    assert turns == [(True, None), (False, "顾一鸣"), (True, None), (False, "顾一鸣")]
    # a year, a time or a count before a colon is no label
    assert list(nlp_nokb("2023年：发布首款模型\n2024年：全面开源\n")._.quotes) == []


@pytest.mark.parametrize("text, speaker", [
    ("“这东西我也看不懂，”顾一鸣开玩笑说，“但它很重要。”", "顾一鸣"),
    ("顾一鸣补了一句：“闭源走不远。”", "顾一鸣"),
    ("顾一鸣回了一句“那就拿数据说话”。", "顾一鸣"),
])
def test_joking_and_adding_a_line_are_speech(nlp_nokb, text, speaker):
    assert speakers(nlp_nokb, text)[0][1] == speaker


def test_a_short_quote_completing_the_subject_of_a_report_is_said(nlp_nokb):
    assert speakers(nlp_nokb, "星海数据CEO顾一鸣称对手“只是想要控制权”。") == [("只是想要控制权", "顾一鸣")]
    assert speakers(nlp_nokb, "星海数据CEO顾一鸣回应称，开源模型“是一种落后的技术”。") == [("是一种落后的技术", "顾一鸣")]
    # a phrase the clause goes on from, or a term, stays nobody's
    text = "星海数据CEO顾一鸣说，用户的期待已经从“能聊天”变成了“能办事”，而办事要靠本地数据。"
    assert [s for _, s in speakers(nlp_nokb, text)] == [None, None]
    assert speakers(nlp_nokb, "星海数据CEO顾一鸣认为，开源是一种“智商税”。") == [("智商税", None)]
    # 回应称: the second verb reports the clause, which does not open with 称
    assert speakers(nlp_nokb, "星海数据CEO顾一鸣回应称，公司不会降价。", kind="indirect") == [("公司不会降价", "顾一鸣")]


def test_a_pronoun_after_an_unnamed_person_in_its_paragraph_is_nobodys(nlp_nokb):
    text = ("第二位是星海数据CEO顾一鸣，他认为端侧是未来。\n\n"
            "最后一位是一家模型公司的研究负责人，他不让我写他的名字。他说：“规模定律还在。”")
    assert speakers(nlp_nokb, text) == [("规模定律还在。", None)]
    text = "星海数据CEO顾一鸣认为端侧是未来。\n\n面对媒体的追问，他说：“规模定律还在。”"  # a group is no such person
    assert speakers(nlp_nokb, text) == [("规模定律还在。", "顾一鸣")]


def test_a_saying_the_next_words_give_to_an_unnamed_many_is_nobodys(nlp_nokb):
    text = "星海数据CEO顾一鸣谈了融资。\n\n本周金句\n\n“慢就是快。”——这句话本周被多位创业者在演讲中引用。"
    assert speakers(nlp_nokb, text) == [("慢就是快。", None)]


def test_a_question_before_the_answerers_own_report_is_not_theirs(nlp_nokb):
    text = "主持人林岚把问题抛给星海数据CEO顾一鸣：“您怎么看开源？”顾一鸣表示，开源的追赶速度超出预期。"
    assert speakers(nlp_nokb, text) == [("您怎么看开源？", "林岚")]  # the host asks; never the one who answers
    assert speakers(nlp_nokb, "“开源怎么可能追不上？”顾一鸣说。") == [("开源怎么可能追不上？", "顾一鸣")]


def test_a_named_subject_inside_a_frames_report_holds_its_own_words(nlp_nokb):
    text = "据参会者透露，星海数据CEO顾一鸣称开源模型“是一种落后的技术”。"
    assert speakers(nlp_nokb, text) == [("是一种落后的技术", "顾一鸣")]
    assert speakers(nlp_nokb, "在林嘉禾看来，这个判断下得太早了。", kind="indirect") == [("这个判断下得太早了", "林嘉禾")]


def test_a_bare_name_opening_a_sentence_before_attending_or_an_interview(nlp_nokb):
    text = "邵明川出席了今天的论坛。他表示，开源终将胜出。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("开源终将胜出", "邵明川")]
    text = "邵明川接受采访时表示，C端才是大模型的未来。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("C端才是大模型的未来", "邵明川")]


def test_a_given_name_alone_stands_for_the_full_name_before_it(nlp_nokb):
    text = "澜海科技创始人苏晚晴出身工业软件。\n\n如今，晚晴坚持认为，大模型并不适合所有场景。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("大模型并不适合所有场景", "苏晚晴")]
    text = "星河智能CEO邵明川表示，开源会赢。明川还说，端侧会爆发。"  # not someone surnamed 明
    assert [s for _, s in speakers(nlp_nokb, text, kind="indirect")] == ["邵明川", "邵明川"]
    assert speakers(nlp_nokb, "明川表示，开源会赢。", kind="indirect") == [("开源会赢", "明川")]  # no full name before


def test_a_possessive_pronoun_inside_a_channel_phrase_is_no_subject(nlp_nokb):
    assert only(nlp_nokb, "科技评论员林岚在其专栏中写道：“这场争吵是生意之争。”") == "林岚"
    assert speakers(nlp_nokb, "顾一鸣在其个人公众号发文称，公司明年会开源。", kind="indirect") == [("公司明年会开源", "顾一鸣")]


def test_a_name_alone_on_its_line_heads_that_persons_first_person_paragraphs(nlp_nokb):
    text = ("圆桌嘉宾观点摘要\n\n星河智能CEO邵明川：\n\n我们会继续开放全部模型的权重，开源生态是我们最大的护城河。\n\n"
            "澜舟数据CTO林岚：\n\n我们还是更相信闭源，商业化的路径更清晰，客户也更放心。")
    claims = [(c.speaker.name, c.topic, c.stance) for c in nlp_nokb(text)._.claims]
    assert claims == [("邵明川", "open_vs_closed", "open"), ("林岚", "open_vs_closed", "closed")]
    # narration under such a line (no 我) stays narration
    text = "对此，杨某作出了回应。\n\n杨某：\n\n在昨晚的回应中，杨某解释了当时的判断和选择，也谈到了公司的股权安排。"
    assert [q for q in nlp_nokb(text)._.quotes if q.method == "section_header"] == []


def test_a_name_joined_to_a_known_one_is_a_name_too(nlp_nokb):
    text = "孟凡宇和韩雪同台对话。孟凡宇认为规模定律仍然有效。她则表示，堆算力的边际收益已经很低了。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("规模定律仍然有效", "孟凡宇"), ("堆算力的边际收益已经很低了", "韩雪")]
    names = lambda text: [m["name"] for m in nlp_nokb(text)._.speaker_mentions]
    assert names("邵明川和王一鸣表示，开源会赢。") == ["邵明川", "王一鸣"]
    assert names("星河智能和王一鸣表示，开源会赢。") == ["王一鸣"]  # a word's tail is no name


def test_a_name_no_pattern_found_before_a_view_noun_or_a_colon(nlp_nokb):
    assert only(nlp_nokb, "对于开源，邵明川的回答是：“我们会坚持。”") == "邵明川"
    assert only(nlp_nokb, "邵明川：“我们会坚持开源。”") == "邵明川"
    assert only(nlp_nokb, "邵明川: “我们会坚持开源。”") == "邵明川"
    assert only(nlp_nokb, "正文。\n公司：“我们会坚持开源。”") is None  # no surname, no name
    assert only(nlp_nokb, "开源的回答是：“我们会坚持。”") is None


def test_two_speech_verbs_in_a_row_take_the_subject_before_the_first(nlp_nokb):
    text = "许嘉言表示：“模型会越来越便宜。”他补充说，端侧推理明年会普及。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("端侧推理明年会普及", "许嘉言")]
    assert speakers(nlp_nokb, "许嘉言解释道，端侧推理明年会普及。", kind="indirect") == [("端侧推理明年会普及", "许嘉言")]
    assert speakers(nlp_nokb, "许嘉言说了，端侧推理明年会普及。", kind="indirect") == [("端侧推理明年会普及", "许嘉言")]
    # a verb with an object still reports nothing
    assert speakers(nlp_nokb, "许嘉言介绍了新产品，端侧推理明年会普及。", kind="indirect") == []


def test_ascii_punctuation_inside_chinese_text_splits_like_full_width(nlp_nokb):
    text = "许嘉言表示, 开源是必然的. 他补充说, 闭源没有未来."
    assert speakers(nlp_nokb, text, kind="indirect") == [("开源是必然的", "许嘉言"), ("闭源没有未来", "许嘉言")]


def test_a_frame_right_before_a_quote_makes_it_speech_even_with_the_stop_outside(nlp_nokb):
    assert only(nlp_nokb, "在钟以恒看来，“开源会成为主流”。") == "钟以恒"
    assert only(nlp_nokb, "用钟以恒的话来说，“算力是新时代的电力”。") == "钟以恒"
    assert only(nlp_nokb, "按照钟以恒的说法，“开源会成为主流”。") == "钟以恒"
    assert only(nlp_nokb, "在很多人看来，“开源会成为主流”。") is None  # a frame naming nobody
    assert only(nlp_nokb, "这就是所谓“智商税”。") is None


def test_a_term_opening_a_reported_clause_keeps_the_clause(nlp_nokb):
    assert speakers(nlp_nokb, "柯望舒认为，“端侧”才是未来。", kind="indirect") == [("“端侧”才是未来", "柯望舒")]
    assert only(nlp_nokb, "柯望舒认为，“端侧”才是未来。") is None  # the term itself is nobody's words
    # a whole quoted sentence after the verb is the direct quote, with no clause beside it
    assert speakers(nlp_nokb, "柯望舒表示：“端侧才是未来。”", kind="indirect") == []
    assert speakers(nlp_nokb, "孟一说：“看好开源。”柯望舒则表示：“闭源更安全。”") == [("看好开源。", "孟一"), ("闭源更安全。", "柯望舒")]


def test_a_verb_said_not_to_be_used_reports_nothing_and_a_negated_view_still_does(nlp_nokb):
    assert speakers(nlp_nokb, "曹一帆没有透露公司未来是否会开源底座模型。", kind="indirect") == []
    assert speakers(nlp_nokb, "曹一帆并未表示，公司会开源。", kind="indirect") == []
    assert speakers(nlp_nokb, "曹一帆不认为开源会赢。", kind="indirect") == [("开源会赢", "曹一帆")]


def test_a_quote_with_its_own_subject_and_verb_is_not_the_last_speaker_going_on(nlp_nokb):
    first = "曲一舟说：“我们坚持闭源。”"
    assert speakers(nlp_nokb, first + "某芯片公司CEO则表示：“开源才能建立生态。”")[1] == ("开源才能建立生态。", None)
    # adverbs alone, a pronoun, or no verb at all: the same speaker goes on
    assert speakers(nlp_nokb, first + "随后又表示：“开源也有机会建立生态。”")[1][1] == "曲一舟"
    assert speakers(nlp_nokb, first + "“开源也有机会建立生态。”")[1][1] == "曲一舟"
# --- transcript structure: cast lists, legends, section headings, label lines ------------------------


def turns(nlp, text):
    """(label, speaker name or None, is_question) of every Q&A turn."""
    return [(q.cue, q.speaker.name if q.speaker else None, q.is_question) for q in nlp(text)._.quotes if q.kind == "qa_turn"]


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_a_cast_list_names_the_people_behind_nicknames_and_roles(kb, request):
    nlp = request.getfixturevalue(kb)
    text = ("本期节目文字稿。\n\n主持人：钱立群 晨星播客主理人\n嘉宾：小P（罗建华，云帆科技创始人）、阿青（宁雪，投资人）\n\n"
            "主持人：今天聊聊端侧，大家怎么看？\n\n小P：我们短期不会上端侧，推理放在云上更省钱。\n\n"
            "阿青：我不同意，我觉得端侧很快会起来。\n\n主持人：那开源呢？\n\n小P：我坚信开源会赢。")
    assert turns(nlp, text) == [("主持人", "钱立群", True), ("小P", "罗建华", False), ("阿青", "宁雪", False),
                                ("主持人", "钱立群", True), ("小P", "罗建华", False)]
    claims = {(c.speaker.name, c.topic, c.stance) for c in nlp(text)._.claims}
    assert ("罗建华", "open_vs_closed", "open") in claims


def test_a_role_line_that_says_something_is_a_turn_not_a_cast_line(nlp_nokb):
    text = ("主持人：欢迎大家。今天我们聊开源。\n\n韩立：我认为开源会赢。\n\n主持人：为什么？\n\n韩立：因为生态更大。")
    assert turns(nlp_nokb, text)[0] == ("主持人", None, True)


@pytest.mark.parametrize("heading", ["【韩立】工厂需要自己的模型", "韩立 | 工厂需要自己的模型", "韩立｜星河智能创始人",
                                     "▍韩立｜星河智能创始人", "■ 韩立：工厂需要自己的模型", "▍Lucy 韩｜出海应用创始人"])
def test_a_speech_heading_of_any_shape_opens_a_section_and_ends_the_one_before(heading, nlp_nokb):
    text = ("论坛当天，几位嘉宾依次上台。\n\n■ 邵明川：算力就是生产力\n\n我始终觉得闭源才是正路。\n\n“闭源模型更可控，客户也更放心。”\n\n"
            f"{heading}\n\n我们坚持把模型开放出去，开源一定会赢。\n\n“开源的生态更大，闭源走不远。”")
    who = "Lucy韩" if "Lucy" in heading else "韩立"
    assert speakers(nlp_nokb, text) == [("闭源模型更可控，客户也更放心。", "邵明川"), ("开源的生态更大，闭源走不远。", who)]
    claims = {(c.speaker.name, c.stance) for c in nlp_nokb(text)._.claims if c.topic == "open_vs_closed"}
    assert claims == {("邵明川", "closed"), (who, "open")}


def test_a_bar_line_that_names_nobody_opens_no_section(nlp_nokb):
    text = "行业观察 | 第十二期\n\n模型价格又降了。\n\n“开源的生态更大，闭源走不远。”"
    assert speakers(nlp_nokb, text) == [("开源的生态更大，闭源走不远。", None)]
    # a question put to the section's person is not theirs
    text = "▍韩立｜星河智能创始人\n\n在一次直播中，她被主持人问到：“为什么不先做企业市场？”"
    assert speakers(nlp_nokb, text) == [("为什么不先做企业市场？", None)]


def test_label_lines_of_a_summary_block_are_the_statements_of_those_people(nlp_nokb):
    text = ("两家公司的分歧由来已久，双方的立场可以概括如下：\n\n罗建华：开源只是大厂的营销手段，真正赚钱的永远是闭源。\n\n"
            "宁雪：开源是最高效的分发方式，我坚信开源会赢。\n\n至于谁对谁错，市场会给出答案。")
    assert turns(nlp_nokb, text) == [("罗建华", "罗建华", False), ("宁雪", "宁雪", False)]
    claims = {(c.speaker.name, c.stance) for c in nlp_nokb(text)._.claims if c.topic == "open_vs_closed"}
    assert claims == {("罗建华", "closed"), ("宁雪", "open")}
    # lines whose labels name nobody stay prose
    text = "会议安排如下：\n\n时间：下午三点开始，预计两个小时。\n\n地点：星河大厦十二层的会议室。"
    assert turns(nlp_nokb, text) == []


def test_a_prose_legend_names_the_answerer_and_a_name_inside_an_answer_does_not(nlp_nokb):
    text = ("（以下Q为晨星播客，A为罗建华）\n\nQ：你怎么看开源？\n\nA：我们的合伙人宁雪说过一句话，“开源是最好的获客手段。”"
            "我同意，我坚信开源会赢。\n\nQ：那端侧呢？\n\nA：宁雪觉得端侧很快会起来，我不这么看，推理放在云上更便宜。")
    assert [t[1] for t in turns(nlp_nokb, text)] == [None, "罗建华", None, "罗建华"]
    # no legend and nobody named outside the turns: the answerer is unknown, not the person the question quotes
    text = ("Q：邵明川前段时间在一次分享里说，“行业模型最后都会被通用模型吃掉。”你同意吗？\n\nA：不同意。行业数据才是壁垒。\n\n"
            "Q：为什么？\n\nA：因为通用模型拿不到工厂的数据。")
    assert [t[1] for t in turns(nlp_nokb, text)] == [None, None, None, None]


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_a_legend_in_running_text_names_the_answerer_over_the_most_named_person(fixture, request):
    # the introduction names someone else more often; the line saying who Q and A are decides
    text = ("Ines Moreau曾公开反驳Tomas Reyes。Ines Moreau主张权重全部公开。Ines Moreau又补充，闭源难以持久。\n\n"
            "这次对谈里，Q为主持人Ben Cole，A为Tomas Reyes。\n\nQ: 权重会公开吗？\n\nA: 小尺寸的会。\n\n"
            "Q: 手机上呢？\n\nA: 还要再等等。\n")
    assert [t[1] for t in turns(request.getfixturevalue(fixture), text)] == [None, "Tomas Reyes", None, "Tomas Reyes"]


def test_a_quote_led_in_by_someone_elses_cue_under_a_section_is_not_the_sections(nlp_nokb):
    base = "论坛当天，几位嘉宾依次上台。\n\n【邵明川】算力就是生产力\n\n我们今年的算力投入翻了一倍。\n\n"
    text = base + "说到这里我想起一个段子，“规模定律唯一确定的，是电费账单。”"
    assert speakers(nlp_nokb, text) == [("规模定律唯一确定的，是电费账单。", None)]
    # a bare quote there is the section's person's
    text = base + "“算力的账，最后都要算到客户头上。”"
    assert speakers(nlp_nokb, text) == [("算力的账，最后都要算到客户头上。", "邵明川")]


def test_a_caption_or_a_bar_line_naming_nobody_does_not_end_a_section(nlp_nokb):
    text = ("论坛当天，几位嘉宾依次上台。\n\n■ 邵明川：算力就是生产力\n\n我们今年的算力投入翻了一倍。\n\n图片 | 视觉中国\n\n"
            "“闭源模型更可控，客户更放心。”\n\n行业观察 | 第十二期\n\n“开源的路走不远。”")
    assert speakers(nlp_nokb, text) == [("闭源模型更可控，客户更放心。", "邵明川"), ("开源的路走不远。", "邵明川")]
# --- clause boundaries at a quote that ends its sentence; subjects of a colon -------------------------


def test_nobody_inside_the_previous_quote_does_not_make_the_next_one_anonymous(nlp_nokb):
    text = "方启航在会上说，“算力再多，没有人用也是浪费。”他还直言，“应用的爆发就在明年。”"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["方启航", "方启航"]


def test_a_reply_after_an_anonymous_question_is_the_replier(nlp_nokb):
    text = "钱立峰说：“我们不做手机。”有网友在帖子下面追问：“这个项目谁来付钱？”钱立峰说：“愿意用的人自然会付。”"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["钱立峰", None, "钱立峰"]


def test_an_anonymous_mention_in_a_modifier_before_the_subject_is_not_the_subject(nlp_nokb):
    text = "顾晚晴说：“我们只做消费市场。”\n\n至于记者提到的「模型过剩」一说，她并不认同：“每年都有人说过剩。真正的过剩还没来。”"
    found = speakers(nlp_nokb, text)
    assert found[-1] == ("每年都有人说过剩。真正的过剩还没来。", "顾晚晴")


def test_a_verb_before_a_reported_clause_and_a_colon_keeps_its_subject(nlp_nokb):
    # the clause after the verb holds an anonymous word (客户), yet the subject before the verb speaks
    text = "顾晚晴说：“我们只做消费市场。”她在会上坦言，公司会继续向大客户倾斜：“企业客户的预算更稳定。”"
    assert speakers(nlp_nokb, text)[-1][1] == "顾晚晴"


@pytest.mark.parametrize("sentence", ["问到是否后悔错过那家公司时，她笑了：", "菜还没上，她就开始跟我诉苦：",
                                      "散场的时候，她拍了拍我的后背："])
def test_a_pronoun_opening_the_segment_before_a_colon_is_its_subject(nlp_nokb, sentence):
    text = f"顾晚晴说：“我们只做消费市场。”\n\n{sentence}“你们这些写稿的，只关心参数。”"
    assert speakers(nlp_nokb, text)[-1][1] == "顾晚晴"


def test_an_anonymous_subject_before_a_colon_stays_anonymous(nlp_nokb):
    text = "顾晚晴说：“我们只做消费市场。”\n\n散场的时候，有位观众拍了拍我的后背：“多写点用户。”"
    assert speakers(nlp_nokb, text)[-1][1] is None


# --- pronouns: people only mentioned in narration, gender, unnamed people ----------------------------


def test_pronoun_after_a_paragraph_naming_nobody_is_the_person_named_before_it(nlp_nokb):
    text = ("星河智能CEO顾晚晴说：“我们只做消费市场。”她补充说，公司不会涨价。\n\n"
            "云帆科技CTO钱立峰在论坛上也被问到同一个问题。\n\n会场一度安静下来。\n\n"
            "散会后他对记者补充道，“我们的订单已经排到明年。”")
    assert speakers(nlp_nokb, text)[-1] == ("我们的订单已经排到明年。", "钱立峰")


def test_pronoun_after_a_paragraph_naming_nobody_keeps_the_last_speaker_when_nobody_else_is_named(nlp_nokb):
    text = "云帆科技CTO钱立峰说：“我们不做手机。”\n\n会场安静了一会儿。\n\n他接着说：“也不做平板。”"
    assert speakers(nlp_nokb, text)[-1][1] == "钱立峰"


def test_she_does_not_refer_to_a_man_the_text_calls_he(nlp_nokb):
    text = "云帆科技CTO钱立峰说：“我们不做手机。”他补充说，公司不会涨价。\n\n她听完之后说：“那我也买一台。”"
    assert speakers(nlp_nokb, text)[-1][1] is None


def test_two_people_named_since_the_last_speaker_leave_the_pronoun_unresolved(nlp_nokb):
    text = ("星河智能CEO顾晚晴说：“我们只做消费市场。”\n\n云帆科技CTO钱立峰和星河智能CTO杜明远随后登台。\n\n"
            "他说：“我们做企业。”")
    assert speakers(nlp_nokb, text)[-1][1] is None


@pytest.mark.parametrize("who", ["我妈", "我父亲", "邻居"])
def test_a_kinship_term_is_a_person_of_its_own(nlp_nokb, who):
    text = f"云帆科技CTO钱立峰说：“我们不做手机。”\n\n我想起{who}前几天问我的一件事。她有一天突然问我：“这个东西要不要钱？”"
    assert speakers(nlp_nokb, text)[-1][1] is None


def test_a_paragraph_opening_with_the_same_pronoun_goes_on_with_its_person(nlp_nokb):
    text = ("星河智能CEO顾晚晴说：“我们只做消费市场。”\n\n她还在节目里引用了云帆科技CTO钱立峰的一句话：“用户不会为参数买单。”\n\n"
            "对于外界的质疑，她并不在意：“质疑每年都有。”")
    assert [s for _, s in speakers(nlp_nokb, text)] == ["顾晚晴", "钱立峰", "顾晚晴"]


def test_a_possessor_in_the_object_is_not_the_subject(nlp_nokb):
    text = "第二天，云帆科技CTO钱立峰发布了一条长微博。\n\n他截图了星河智能CEO顾晚晴的评论，配文只有一句：“同意，我们对结果负责。”"
    assert only(nlp_nokb, text) == "钱立峰"


def test_the_one_spoken_to_after_a_preposition_is_not_the_pronoun_subject(nlp_nokb):
    text = "云帆科技CTO钱立峰显然不会同意。\n\n在一次闭门会上，有同行当面向他提问：“端侧还有意义吗？”"
    assert only(nlp_nokb, text) is None


def test_a_familiar_nickname_no_mention_holds_blocks_the_earlier_speaker(nlp_nokb):
    text = "云帆科技CTO钱立峰说：“我们不做手机。”\n\n那天散会后，老韩送我去车站。临别时，他拍了拍我的肩膀：“少写点参数。”"
    assert speakers(nlp_nokb, text)[-1][1] is None


# --- a speech verb separated from its subject ---------------------------------------------------------


def test_a_verb_after_yibian_both_halves_of_a_split_quote(nlp_nokb):
    text = "“很多人把端侧当成云的缩小版。”云帆科技CTO钱立峰一边在白板上画着曲线，一边说，“其实完全是两回事。”"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["钱立峰", "钱立峰"]


def test_a_quote_broken_by_the_speakers_action(nlp_nokb):
    text = "云帆科技CTO钱立峰说：“我们不做手机。”\n\n“我不是说云会消失，”他停顿了一下，“我是说，手机会变聪明。”"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["钱立峰", "钱立峰", "钱立峰"]


def test_a_quote_ending_its_sentence_then_an_action_is_not_credited(nlp_nokb):
    # no comma inside the closing mark: the sentence after is narration, not a broken quote
    text = "云帆科技CTO钱立峰说：“我们不做手机。”\n\n“手机会变聪明。”他停顿了一下，然后离开了会场。"
    assert speakers(nlp_nokb, text)[-1][1] is None


def test_an_accompanying_action_between_pronoun_and_verb(nlp_nokb):
    text = "星河智能CEO顾晚晴向我展示了一张表格。“你看，高频场景还是云。”她指着表格说。"
    found = speakers(nlp_nokb, text)
    assert found == [("你看，高频场景还是云。", "顾晚晴")]


def test_a_second_verb_phrase_joined_by_bing_keeps_the_subject(nlp_nokb):
    text = "云帆资本合伙人钱立峰在朋友圈转发了星河智能的融资新闻，并评论说：“早该这样。”"
    assert only(nlp_nokb, text) == "钱立峰"


def test_an_object_pronoun_after_the_verb_is_not_a_reported_clause(nlp_nokb):
    text = "云帆科技CTO钱立峰说：“我们不做手机。”\n\n“你试过在地铁里用云端助手吗？”他反问我，“信号一断，什么都没了。”"
    assert not [c for c, _ in speakers(nlp_nokb, text, "indirect") if c.startswith("我")]
    assert [s for _, s in speakers(nlp_nokb, text)] == ["钱立峰", "钱立峰", "钱立峰"]



# --- an unnamed someone who speaks, with the narrator's 我 in the cue -----------------------------------

_TRANSCRIPT = "记者：客户最担心什么？\n\n钱立峰：{answer}\n\n记者：你怎么看？\n\n钱立峰：我们会继续做。"


@pytest.mark.parametrize("answer", ["有个经销商问过我一个很尖锐的问题：“你们倒闭了怎么办？”",
                                    "我们去工厂调研的时候，有一位老师傅说了一句话，我印象特别深：“机器不会替你背锅。”"])
def test_an_unnamed_someone_speaking_to_the_narrator_is_nobody(nlp_nokb, answer):
    assert only(nlp_nokb, _TRANSCRIPT.format(answer=answer)) is None


def test_a_narrators_own_words_after_a_noun_with_you_ge_stay_the_narrators(nlp_nokb):
    answer = "我们内部有个判断，我一直跟团队讲：“先活下来。”"
    assert only(nlp_nokb, _TRANSCRIPT.format(answer=answer)) == "钱立峰"


# --- a third party quoted inside an answer --------------------------------------------------------------

_THIRD_PARTY = "记者：你们怎么选客户？\n\n钱立峰：{answer}\n\n记者：你同意吗？\n\n钱立峰：同意。"


@pytest.mark.parametrize("answer", [
    "我们的投资人顾晚晴第一次见我的时候就讲过一句话，“先找到愿意付钱的客户，再谈模型。”",
    "我们的合伙人顾晚晴在投决会上反复讲一句话，“不要投一个模型升级就会消失的功能。”",
    "星河智能CEO顾晚晴之前有个说法，“开源最终会赢。”我大体同意。",
    "我记得星河智能CEO顾晚晴去年在一个活动上讲过，“每家公司都需要自己的模型。”"])
def test_a_named_third_party_quoted_inside_an_answer_is_theirs(nlp_nokb, answer):
    assert only(nlp_nokb, _THIRD_PARTY.format(answer=answer)) == "顾晚晴"


def test_a_saying_of_nobody_named_inside_an_answer_stays_nobodys(nlp_nokb):
    answer = "我们内部有个说法，“开源是最好的分发。”"
    assert only(nlp_nokb, _THIRD_PARTY.format(answer=answer)) is None


# --- short partial quotes inside an attributed reported clause --------------------------------------------


@pytest.mark.parametrize("text", ["云帆科技CTO钱立峰强调，这只是“过渡阶段的安排”，云端依然是核心。",
                                  "云帆科技CTO钱立峰认为，眼下的扩张节奏「透支了明年的需求」，评级应当下调。"])
def test_a_predicate_quoted_inside_the_speakers_reported_clause_is_theirs(nlp_nokb, text):
    assert only(nlp_nokb, text) == "钱立峰"


def test_a_term_inside_a_reported_clause_stays_not_speech(nlp_nokb):
    text = "云帆科技CTO钱立峰认为，开源模型正在成为整个行业的「公共基础设施」。"
    assert only(nlp_nokb, text) is None


def test_each_shuo_de_shi_quote_goes_to_the_name_before_it(nlp_nokb):
    text = "两人其实都看好企业市场：云帆科技CTO钱立峰说的是「闭源加私有化」，星河智能CEO顾晚晴说的是「开源加商业支持」，路径不同。"
    assert [s for _, s in speakers(nlp_nokb, text)] == ["钱立峰", "顾晚晴"]


# --- a bare quote after an action sentence of one person ----------------------------------------------


def test_a_bare_quote_after_the_persons_action_sentence_is_theirs_with_moderate_confidence(nlp_nokb):
    doc = nlp_nokb("星河智能CEO顾晚晴说：“我们只做消费市场。”\n\n云帆科技CTO钱立峰也笑了笑，没有直接回答。“我只相信规律。”")
    q = [q for q in doc._.quotes if q.kind == "direct"][-1]
    assert q.speaker.name == "钱立峰" and q.confidence <= 0.6


def test_a_bare_quote_after_he_thought_about_it_goes_to_the_one_asked(nlp_nokb):
    text = ("星河智能CEO顾晚晴说：“我们只做消费市场。”\n\n记者问云帆科技CTO钱立峰：“你会回去做大模型吗？”\n\n"
            "他想了很久。“会。但我得先让公司活着。”")
    assert [s for _, s in speakers(nlp_nokb, text)] == ["顾晚晴", None, "钱立峰"]


@pytest.mark.parametrize("sentence", ["云帆科技CTO钱立峰和星河智能CEO顾晚晴都笑了。", "有位观众也笑了。"])
def test_a_bare_quote_after_a_sentence_of_two_people_or_nobody_stays_null(nlp_nokb, sentence):
    assert speakers(nlp_nokb, f"{sentence}“我只相信规律。”")[-1][1] is None


def test_a_paragraphs_first_pronoun_before_anyone_it_names_goes_on_with_its_person(nlp_nokb):
    text = ("星河智能CEO顾晚晴说：“我们只做消费市场。”她补充说，明年也不会变。\n\n"
            "记者问她，如果云帆科技CTO钱立峰是对的，她会怎么办。\n\n“那我就请他吃饭。”她笑着说，“但我觉得会是他请我。”")
    assert [s for _, s in speakers(nlp_nokb, text)][-2:] == ["顾晚晴", "顾晚晴"]


def test_words_written_on_a_board_are_no_ones_speech(nlp_nokb):
    text = "星河智能CEO梁一树说：“我们只做端侧。”\n\n梁一树的办公室里，白板上只写着一行字：“把模型塞进手机”。"
    assert speakers(nlp_nokb, text)[-1] == ("把模型塞进手机", None)


def test_a_title_and_name_inside_a_zhengru_frame_speak(nlp_nokb):
    # 所 after a two-character name is not part of it (滕某所说 is 滕某)
    text = "正如星河科技CEO滕远所说，开源是大势所趋。"
    assert speakers(nlp_nokb, text, kind="indirect") == [("开源是大势所趋", "滕远")]


def test_a_gesture_right_after_a_statement_quote_names_its_speaker(nlp_nokb):
    text = ("星河智能CEO顾晚晴和云帆科技CTO钱立峰坐在同一张桌子旁。\n\n"
            "“端侧模型明年就能跑进每一部手机。”钱立峰耸了耸肩。\n\n“那是你的看法。”顾晚晴笑了笑。")
    assert [s for _, s in speakers(nlp_nokb, text)] == ["钱立峰", "顾晚晴"]


def test_a_question_quote_before_a_gesture_is_not_given_to_the_one_who_reacts(nlp_nokb):
    text = "星河智能CEO顾晚晴和云帆科技CTO钱立峰坐在同一张桌子旁。\n\n“你后悔过吗？”钱立峰笑了笑。"
    assert speakers(nlp_nokb, text)[-1][1] != "钱立峰"


@pytest.mark.parametrize("manner", ["半开玩笑地", "头也不抬地", "语气坚定地"])
def test_a_manner_adverbial_may_stand_between_a_speaker_and_the_verb(nlp_nokb, manner):
    text = f"星河智能CEO顾晚晴和云帆科技CTO钱立峰都到了。“开源一定会赢。”钱立峰{manner}说。"
    assert speakers(nlp_nokb, text)[-1][1] == "钱立峰"


@pytest.mark.parametrize("tag, name", [("我的导师贺明川老师说", "贺明川"), ("他的老同事韩立舟说", "韩立舟"),
                                       ("星河智能的周启航博士表示", "周启航"), ("周启航教授说", "周启航")])
def test_a_relation_an_organisation_with_de_or_a_title_may_stand_around_the_name_after_a_quote(nlp_nokb, tag, name):
    assert speakers(nlp_nokb, f"“我们不做开源。”{tag}。") == [("我们不做开源。", name)]


@pytest.mark.parametrize("text", ["该公司的高层表示，开源不行。", "星河科技的成员表示，开源不行。", "星河公司的管理层认为，开源不行。"])
def test_a_group_noun_after_an_organisation_and_de_is_no_name(nlp_nokb, text):
    assert nlp_nokb(text)._.speaker_mentions == []


def test_a_name_and_title_after_an_organisation_and_de_speaks(nlp_nokb):
    assert speakers(nlp_nokb, "星河智能的周启航博士表示，开源模型会追上来。", kind="indirect") == [("开源模型会追上来", "周启航")]
    assert nlp_nokb("星河智能的白皮书指出，开源模型会追上来。")._.speaker_mentions == []  # (no title: no name)


@pytest.mark.parametrize("text, who", [
    ("“下半年先把成本打下来。”松涧机器人CEO骆昭在年会结尾说。", "骆昭"),
    ("松涧机器人CEO骆昭在峰会间隙表示：“工厂是主战场。”", "骆昭"),
])
def test_a_speaker_with_a_frame_of_the_events_end_or_break_before_the_verb(nlp_nokb, text, who):
    assert only(nlp_nokb, text) == who


# --- podcast transcripts: bracketed labels, label asides, cast lists with designators ------------------


_BRACKET_PODCAST = ("《夜航电台》第12期文字稿\n\n本期嘉宾：邵明川，云帆科技创始人；宁雪，投资人\n主播：钱立群\n\n[00:01:05]\n"
                    "【钱立群】欢迎收听，今天聊开源。两位怎么看？\n\n【邵明川】我坚信开源会赢，生态比什么都重要。\n\n"
                    "【宁雪 】我不同意，闭源的迭代更快。\n\n[笑声]\n\n【钱立群】那端侧呢？\n\n[邵明川] 端侧还要再等两年，云端算力眼下更便宜。")


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_bracketed_speaker_labels_opening_paragraphs_are_turns(kb, request):
    nlp = request.getfixturevalue(kb)
    assert turns(nlp, _BRACKET_PODCAST) == [("钱立群", "钱立群", True), ("邵明川", "邵明川", False), ("宁雪", "宁雪", False),
                                            ("钱立群", "钱立群", True), ("邵明川", "邵明川", False)]
    claims = {(c.speaker.name, c.topic, c.stance) for c in nlp(_BRACKET_PODCAST)._.claims}
    assert ("邵明川", "open_vs_closed", "open") in claims and ("宁雪", "open_vs_closed", "closed") in claims


def test_one_bracketed_word_over_a_line_stays_a_heading(nlp_nokb):
    # a bracketed word that opens one line only (or only one recurring) is a heading, never a transcript label
    text = "论坛当天，几位嘉宾依次上台。\n\n【邵明川】我们今年的算力投入翻了一倍。\n\n【背景】会场坐满了人。\n\n【背景】大家都在等发布。"
    assert turns(nlp_nokb, text) == []
    # the recurring tags of a digest say nothing in the first or second person: no transcript either
    text = "周报\n\n【要闻】邵明川宣布模型降价。\n\n【数字】本季出货增长三成。\n\n【要闻】宁雪的公司完成融资。\n\n【数字】价格再降一半。"
    assert turns(nlp_nokb, text) == []


_SCRIPT = ("专题片《潮汐》第二集解说词\n\n〔画面：清晨的港口，吊机缓缓转动。〕\n\n"
           "【解说】三十六岁的卢青禾第五次来到这座港口，她带来的是一台巴掌大的推理盒子。\n\n"
           "【同期声】卢青禾：港口的网时好时坏，模型必须放在本地，云端再强也等不起。\n\n"
           "【解说】远在北方的同行另有看法。\n\n【编导提问】云端的同行怎么看你们？\n\n"
           "【同期声】贺松年（远帆云计算副总裁）：参数上千亿的模型得靠机房，训练和更新都在云上。\n\n"
           "〔字幕：截至今年六月，盒子已进入四十个码头。〕\n\n【同期声】卢青禾：我们慢慢来。")


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_a_scripts_tags_are_no_speakers_and_a_label_after_a_tag_is_a_turn(kb, request):
    nlp = request.getfixturevalue(kb)
    found = turns(nlp, _SCRIPT)
    assert [(who, asked) for _, who, asked in found] == [("卢青禾", False), ("贺松年", False), ("卢青禾", False)]
    names = {q.speaker.name for q in stancelib.extract(_SCRIPT, nlp=nlp).quotes if q.speaker}
    assert names == {"卢青禾", "贺松年"}  # 解说 / 编导提问 / 〔画面 are nobody
    claims = {(c.speaker.name, c.topic, c.stance) for c in nlp(_SCRIPT)._.claims}
    assert ("卢青禾", "device_vs_cloud", "device") in claims and ("贺松年", "device_vs_cloud", "cloud") in claims


def test_a_bracketed_name_before_a_colon_stays_a_bracketed_label(nlp_nokb):
    text = "【卢青禾】我想说一点：本地推理更稳。\n\n【贺松年】我补充一句：云上更便宜。\n\n【卢青禾】好。\n\n【贺松年】对。"
    assert [who for _, who, _ in turns(nlp_nokb, text)] == ["卢青禾", "贺松年", "卢青禾", "贺松年"]


_PANEL_WITH_CAST = ("圆桌实录\n\n【嘉宾名单】\n主持人：钱立群，晨星资本合伙人\n嘉宾A：邵明川，云帆科技CTO\n"
                    "嘉宾B：某家电企业AI部门的一位主管（不具名）\n嘉宾C：宁雪，北辰数据创始人\n\n（图为活动现场）\n\n"
                    "主持人：开源和闭源，各位怎么选？\n\n嘉宾A（云帆科技CTO）：我坚信开源会赢，生态比什么都重要。\n\n"
                    "嘉宾B：我们更看重可控，会坚持闭源。\n\n嘉宾C（北辰数据，创始人）：迭代快的一方终究占上风。\n\n"
                    "▍编者小结\n· 嘉宾C站在闭源一边，称“闭源的迭代更快”。\n\n主持人：那端侧呢？\n\n嘉宾A：端侧还要再等两年。")


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_a_cast_list_of_designated_guests_names_their_labels_and_an_anonymous_guest_stays_nobody(kb, request):
    nlp = request.getfixturevalue(kb)
    doc = nlp(_PANEL_WITH_CAST)
    got = [(q.cue, q.speaker.name if q.speaker else None, q.is_question) for q in doc._.quotes if q.kind == "qa_turn"]
    assert got == [("主持人", "钱立群", True), ("嘉宾A", "邵明川", False), ("嘉宾B", None, False), ("嘉宾C", "宁雪", False),
                   ("主持人", "钱立群", True), ("嘉宾A", "邵明川", False)]
    # the editor's summary after a heading is no part of the answer before it; its 嘉宾C is that guest
    third = [q for q in doc._.quotes if q.kind == "qa_turn" and q.cue == "嘉宾C"][0]
    assert "编者" not in third.span.text
    assert [(q.content, q.speaker.name if q.speaker else None) for q in doc._.quotes if q.kind == "direct"] == \
        [("闭源的迭代更快", "宁雪")]
    claims = {(c.speaker.name, c.topic, c.stance) for c in doc._.claims}
    assert ("邵明川", "open_vs_closed", "open") in claims
    assert not any(c.evidence.start < _PANEL_WITH_CAST.index("嘉宾B：我们") + 20 < c.evidence.end for c in doc._.claims)


def test_a_label_aside_names_the_person_behind_a_role(nlp_nokb):
    text = ("主持人（钱立群）：权重要不要公开？\n\n邵明川（云帆科技，CTO）：我坚信开源会赢。\n\n"
            "主持人（钱立群）：那端侧呢？\n\n邵明川（云帆科技，CTO）：端侧还要再等两年。")
    assert turns(nlp_nokb, text) == [("主持人", "钱立群", True), ("邵明川", "邵明川", False),
                                     ("主持人", "钱立群", True), ("邵明川", "邵明川", False)]


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_a_surname_label_is_the_person_introduced_in_full_who_has_no_label_of_their_own(kb, request):
    nlp = request.getfixturevalue(kb)
    text = ("以下是本刊与云帆科技创始人邵明川的对话。中途，联合创始人邵一帆也加入了讨论。\n\n"
            "本刊：你们为什么做端侧？\n\n邵：因为用户的数据应该留在手机里，端侧一定会赢。\n\n"
            "本刊：邵一帆，你同意吗？\n\n邵一帆：我同意，设备上的推理只会更多。\n\n"
            "本刊：那开源呢？\n\n邵：我坚信开源会赢。")
    assert [t[1] for t in turns(nlp, text) if not t[2]] == ["邵明川", "邵一帆", "邵明川"]
    # two people of that surname and nobody saying whom the interview is with: nobody
    text = ("邵明川和邵一帆都来了。\n\n记者：你们为什么做端侧？\n\n邵：因为用户的数据应该留在手机里。\n\n"
            "记者：那开源呢？\n\n邵：我坚信开源会赢。")
    assert [t[1] for t in turns(nlp, text) if not t[2]] == [None, None]


def test_a_short_unpunctuated_paragraph_before_the_next_question_is_a_heading_not_the_answer(nlp_nokb):
    text = ("记者：你怎么看端侧？\n\n邵明川：端侧一定会赢，用户的数据应该留在手机里。\n\n价格与渠道\n\n"
            "记者：那开源呢？\n\n邵明川：我坚信开源会赢。")
    first = [q for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn" and not q.is_question][0]
    assert first.span.text.endswith("留在手机里。")


def test_a_name_in_quote_marks_opening_an_answer_is_not_the_answerers_words(nlp_nokb):
    text = "记者：你们第一款产品叫什么？\n\n邵明川：“云帆一号”，跑在一块普通的芯片上。\n\n记者：后来呢？\n\n邵明川：后来做了第二代。"
    assert speakers(nlp_nokb, text) == [("云帆一号", None)]
    text = "记者：你们第一款产品叫什么？\n\n邵明川：“先活下来再说。”这是我们当时的口号。\n\n记者：后来呢？\n\n邵明川：后来做了第二代。"
    assert speakers(nlp_nokb, text) == [("先活下来再说。", "邵明川")]


def test_you_just_said_in_a_panel_points_at_whoever_said_it(nlp_nokb):
    text = ("主持人：两位怎么看端侧？\n\n邵明川：我看好端侧，每一代芯片的能效都在变高。\n\n"
            "主持人：宁雪呢？\n\n宁雪：我有保留。你刚才说“每一代芯片的能效都在变高”，但参数量涨得更快。")
    assert speakers(nlp_nokb, text) == [("每一代芯片的能效都在变高", "邵明川")]


def test_a_quote_repeating_the_last_speakers_own_words_is_theirs_and_a_quoted_echo_is_not(nlp_nokb):
    text = ("主持人：两位怎么看端侧？\n\n邵明川：我看好端侧。\n\n宁雪：我有保留，参数量涨得比能效快。\n\n"
            "邵明川：“参数量涨得比能效快”，这话先记下，明年我们再看。\n\n主持人：好，下一个问题。")
    assert speakers(nlp_nokb, text) == [("参数量涨得比能效快", "宁雪")]
    # the words stood in quote marks in the earlier turn (the host quoting someone): no echo of the host's own words
    text = ("主持人：宁雪，你说过“端侧只是噱头”，这个判断变了吗？\n\n宁雪：“端侧只是噱头”，当时话讲得急了些。\n\n"
            "主持人：那开源呢？\n\n宁雪：我坚信开源会赢。")
    assert ("端侧只是噱头", "主持人") not in speakers(nlp_nokb, text)


@pytest.mark.parametrize("kb", ["nlp", "nlp_nokb"])
def test_an_equals_legend_names_its_labels_and_an_unnamed_one_stays_nobody(kb, request):
    nlp = request.getfixturevalue(kb)
    text = ("本场嘉宾：\nA = 邵明川，云帆科技CTO\nB = 宁雪，北辰数据创始人\nC = 某基金合伙人（匿名）\n\n"
            "主持人：大家怎么看开源？\n\nA：我坚信开源会赢。\n\nB：我不同意，闭源更快。\n\nC：看场景，没法一概而论。\n\n"
            "主持人：端侧呢？\n\nA：端侧还要等两年。\n\nC：我也觉得不急。")
    got = [(t[0], t[1]) for t in turns(nlp, text) if not t[2]]
    assert got == [("A", "邵明川"), ("B", "宁雪"), ("C", None), ("A", "邵明川"), ("C", None)]


def test_a_reporter_label_is_not_the_person_the_intro_says_the_reporter_talks_with(nlp_nokb):
    text = ("以下是本报记者与云帆科技CTO邵明川的对话。\n\n记者：你刚才说“开源必胜”，为什么？\n\n"
            "邵明川：因为生态更大，我坚信开源会赢。\n\n记者：你说的“生态”是什么？\n\n邵明川：开发者。")
    assert [t[1] for t in turns(nlp_nokb, text)] == [None, "邵明川", None, "邵明川"]
    # a short line after 你刚才说 is the answerer's words; a word after 你说的 is a term
    assert speakers(nlp_nokb, text) == [("开源必胜", "邵明川"), ("生态", None)]


def test_a_pronoun_opening_an_answer_after_another_guests_answer_is_that_guest(nlp_nokb):
    text = ("主持人：你们怎么分工？\n\n宁雪：我管销售，我一直反对做消费端的产品。\n\n邵明川：对，她说“你敢做App，我就辞职”。（笑）\n\n"
            "主持人：那开源呢？\n\n邵明川：我坚信开源会赢。")
    assert speakers(nlp_nokb, text) == [("你敢做App，我就辞职", "宁雪")]
    # right after a question the pronoun is nobody the transcript makes clear, never the host
    text = ("主持人：你们怎么分工？\n\n邵明川：对，她说“你敢做App，我就辞职”。（笑）\n\n宁雪：我管销售。\n\n"
            "主持人：那开源呢？\n\n邵明川：我坚信开源会赢。")
    assert speakers(nlp_nokb, text) == [("你敢做App，我就辞职", None)]


def test_words_the_answerer_denies_saying_are_nobodys(nlp_nokb):
    text = ("记者：你是说端侧会赢？\n\n邵明川：我没说“端侧会全面取代云端”，我只是看好它。\n\n记者：那开源呢？\n\n"
            "邵明川：我当时就说：“开源一定会赢。”")
    assert speakers(nlp_nokb, text) == [("端侧会全面取代云端", None), ("开源一定会赢。", "邵明川")]
