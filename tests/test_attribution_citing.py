"""Attribution of cited words and of partial quotes: 引用某某的说法, 某某那句“…”, a rival named by 竞争对手, a
nickname after 人称, a slogan after 口号——, a transliterated name after a verb, a Latin gloss that is a term,
a partial predicate quoted inside a reported clause, and a pronoun after a comparison."""
import pytest

from test_attribution import speakers


@pytest.mark.parametrize("lead", ["她引用孔维上午的说法——", "她引用孔维的说法：", "她援引孔维此前的观点："])
def test_words_cited_as_someone_elses_saying_are_that_persons(nlp_nokb, lead):
    text = f"{lead}“算力是一切的底座。”"
    assert speakers(nlp_nokb, text) == [("算力是一切的底座。", "孔维")]


@pytest.mark.parametrize("lead", ["她引用孔维的说法：", "她援引孔维此前的观点称，"])
def test_a_saying_cited_by_a_pronoun_subject_is_the_cited_persons(nlp_nokb, lead):
    # The pronoun resolves to the one citing; the words the cue introduces are still the cited person's.
    text = f"殷蓓坦言，她也想过做应用。\n\n{lead}“算力是一切的底座。”"
    assert speakers(nlp_nokb, text)[-1] == ("算力是一切的底座。", "孔维")


def test_the_subject_citing_someone_goes_on_to_speak_after_the_joined_verb(nlp_nokb):
    text = ("孔维讲完了。\n\n栖木创始人殷蓓随后登台。她引用孔维上午的说法——“开源是生态的底座”，"
            "并介绍公司的产品同时接入了开源和闭源模型：“简单的活交给小模型，难的交给大模型。”")
    assert speakers(nlp_nokb, text) == [("开源是生态的底座", "孔维"), ("简单的活交给小模型，难的交给大模型。", "殷蓓")]


@pytest.mark.parametrize("lead, name", [("如果要找一个共识，或许是卢雁那句", "卢雁"), ("我最喜欢她那句", "卢雁")])
def test_a_persons_line_referred_to_with_na_ju_is_theirs(nlp_nokb, lead, name):
    text = f"卢雁表示，交付最重要。{lead}“交付才是一切”。"
    assert speakers(nlp_nokb, text) == [("交付才是一切", name)]


def test_a_rival_introduced_by_jingzheng_duishou_speaks_and_is_not_an_addressee(nlp_nokb):
    text = "其竞争对手星衡科技总裁姚蕙此前在接受采访时曾表示，“没有C端的大模型公司会变成外包公司。”"
    assert speakers(nlp_nokb, text) == [("没有C端的大模型公司会变成外包公司。", "姚蕙")]


def test_the_one_asked_after_a_preposition_is_still_no_speaker(nlp_nokb):
    assert speakers(nlp_nokb, "记者向星河智能CEO潘某提问：“开源会赢吗？”") == [("开源会赢吗？", None)]


def test_a_nickname_after_renchen_is_no_speech(nlp_nokb):
    text = "本期对话由编辑部与特约主持人柯岚（圈内人称“老K”）共同完成。"
    assert speakers(nlp_nokb, text) == [("老K", None)]


def test_a_slogan_after_kouhao_and_a_dash_is_no_speech(nlp_nokb):
    text = "芯澜副总裁蔡闻说：“端侧是主战场。”演讲最后，他在大屏上打出了公司的新口号——“让每一台设备都有自己的大脑”。"
    assert speakers(nlp_nokb, text) == [("端侧是主战场。", "蔡闻"), ("让每一台设备都有自己的大脑", None)]


def test_a_transliterated_name_after_a_verb_of_citing_does_not_take_the_verb_in(nlp_nokb):
    text = "他引用萨姆·奥特曼（Sam Altman）此前的说法称，“智能与投入资源的对数成正比”。"
    assert speakers(nlp_nokb, text) == [("智能与投入资源的对数成正比", "萨姆·奥特曼")]


def test_a_latin_gloss_of_a_term_is_no_speaker(nlp_nokb):
    text = "（译注：“主权AI”（Sovereign AI）是黄仁勋近两年反复提及的概念。）"
    doc = nlp_nokb(text)
    assert [q.speaker for q in doc._.quotes] == [None]
    assert "Sovereign AI" not in {m["name"] for m in doc._.speaker_mentions}


def test_a_partial_predicate_quoted_inside_a_reported_clause_is_the_speakers(nlp_nokb):
    text = "葛昀认为，基础模型的能力“还远没有到天花板”，但提升的来源已经转向强化学习。"
    assert speakers(nlp_nokb, text) == [("还远没有到天花板", "葛昀")]


def test_a_pronoun_after_a_comparison_picks_the_one_not_compared_with(nlp_nokb):
    text = ("随后登台的是零壹智能CEO武钧。\n\n和田教授相比，武钧的判断要温和一些。他认为，预训练确实在放缓，"
            "但推理阶段才刚刚被打开，“模型想得越久，答得越好”。")
    assert speakers(nlp_nokb, text) == [("模型想得越久，答得越好", "武钧")]


def test_an_untagged_dialogue_opens_with_the_one_the_narration_before_it_ends_on(nlp_nokb):
    text = ("深弦科技CEO阙明川和CTO冼舟是大学同学。\n\n那年冬天，暖气片坏了。阙明川裹着军大衣坐在桌前。门开了，冼舟拎着两份炒粉进来。\n"
            "“还没降？”\n“降了，又弹回去了。”\n“那先吃。”\n“吃不下。”\n那是公司成立的第二年。")
    assert speakers(nlp_nokb, text) == [("还没降？", "冼舟"), ("降了，又弹回去了。", "阙明川"), ("那先吃。", "冼舟"),
                                        ("吃不下。", "阙明川")]


def test_an_untagged_dialogue_after_narration_naming_three_people_stays_unattributed(nlp_nokb):
    text = ("深弦科技CEO阙明川、CTO冼舟和COO宓岚是大学同学。\n\n门开了，冼舟拎着炒粉进来，阙明川和宓岚都没抬头。\n"
            "“还没降？”\n“降了，又弹回去了。”\n“那先吃。”\n那是公司成立的第二年。")
    assert [name for _, name in speakers(nlp_nokb, text)] == [None, None, None]


def test_an_interviewers_question_quoting_the_interviewees_earlier_words_gives_them_to_the_answerer(nlp_nokb):
    text = ("以下是对话。\n\n晚点：2023年你在一次闭门会上说过，“参数规模不是端侧的敌人，功耗才是”。这句话还成立吗？\n\n"
            "沈昊宁：成立。\n\n晚点：你这是在说“端侧终将胜利”？\n\n沈昊宁：我没这么说。")
    assert speakers(nlp_nokb, text) == [("参数规模不是端侧的敌人，功耗才是", "沈昊宁"), ("端侧终将胜利", None)]


def test_a_pronoun_opening_the_words_after_someones_colon_is_not_that_person(nlp_nokb):
    text = "主持人罗斯追问：他去年在备忘录中写道，“集群未必能换来收入”，现在还这样认为吗？"
    assert speakers(nlp_nokb, text) == [("集群未必能换来收入", None)]


def test_a_cited_persons_words_do_not_make_them_the_next_pronouns_antecedent(nlp_nokb):
    text = ("在黄仁勋看来，推理的算力需求会远超预期。他引用萨姆·奥特曼（Sam Altman）此前的说法称，“智能与投入资源的对数成正比”。\n\n"
            "“成本下降不会让总支出变少。”他补充道。")
    assert speakers(nlp_nokb, text) == [("智能与投入资源的对数成正比", "萨姆·奥特曼"), ("成本下降不会让总支出变少。", "黄仁勋")]


def test_a_section_headings_quote_repeating_a_body_quote_is_that_speakers(nlp_nokb):
    text = ("以下为对话的编译。\n\n一、“不是一条曲线，而是三条”\n\n主持人开场便问，Scaling Law是否见顶。\n\n"
            "“我们现在看到的不是一条曲线，而是三条。预训练、后训练和推理都在扩展。”英伟达CEO黄仁勋说。\n\n二、“脏活护城河”\n\n"
            "“交付才是我们的脏活护城河。”星河CTO葛昀说。")
    found = dict((c, n) for c, n in speakers(nlp_nokb, text))
    assert found["不是一条曲线，而是三条"] == "黄仁勋"
    assert found["脏活护城河"] is None  # (a short term the body uses, not a line)


def test_under_a_persons_heading_someone_the_owner_quotes_in_the_first_person_does_not_go_on(nlp_nokb):
    text = ("十位创业者谈明年。\n\n乔岚｜小满智能CEO\n\n“我们最后决定不开源。”\n\n"
            "我记得黄仁勋在一次演讲里说过，“每一家公司都会拥有自己的AI工厂”。对我们的客户来说，工厂的钥匙必须握在自己手里。\n\n"
            "“模型权重是我们唯一真正的资产，我不打算把它送出去。”\n\n写在最后\n\n十个人，十种答案。或许是乔岚那句“钥匙要握在自己手里”最实在。")
    assert speakers(nlp_nokb, text) == [("我们最后决定不开源。", "乔岚"), ("每一家公司都会拥有自己的AI工厂", "黄仁勋"),
                                        ("模型权重是我们唯一真正的资产，我不打算把它送出去。", "乔岚"), ("钥匙要握在自己手里", "乔岚")]


def test_the_editors_closing_section_is_no_part_of_the_last_persons_section(nlp_nokb):
    text = ("十位创业者谈明年。\n\n乔岚｜小满智能CEO\n\n“我们最后决定不开源。”\n\n写在最后\n\n"
            "十个人，十种答案。\n\n“明年见分晓。”")
    assert speakers(nlp_nokb, text) == [("我们最后决定不开源。", "乔岚"), ("明年见分晓。", None)]


def test_a_companys_short_name_is_no_person_where_the_text_writes_it_with_a_company_ending(nlp_nokb):
    text = ("大模型公司衡川智能完成融资。\n\n衡川也曾是这条路上的追赶者。据创始人邓昀透露，公司把大部分融资投进了预训练。\n\n"
            "对此，邓昀表示，八成客户选择了私有化。「大客户就是要把核心数据放在自己家里。」")
    doc = nlp_nokb(text)
    assert "衡川" not in {m["name"] for m in doc._.speaker_mentions}
    assert speakers(nlp_nokb, text) == [("大客户就是要把核心数据放在自己家里。", "邓昀")]


def test_a_name_followed_by_a_noun_like_daxue_stays_a_person(nlp_nokb):
    text = "郑文澜大學時代的同學都還記得他。郑文澜說：「開源是對的。」"
    assert speakers(nlp_nokb, text) == [("開源是對的。", "郑文澜")]


def test_a_quote_that_names_the_last_speaker_is_not_given_to_them_by_position(nlp_nokb):
    text = "员工们私下叫梁振宇“梁哥”。梁振宇说：“我们不会和解。”\n\n“梁振宇这个人从来不服软，谁劝都没用。”"
    assert speakers(nlp_nokb, text)[-1] == ("梁振宇这个人从来不服软，谁劝都没用。", None)


def test_a_latin_gloss_between_a_name_and_its_verb_keeps_the_name_the_subject(nlp_nokb):
    text = "星河首席执行官萨姆·柯林（Sam Collin）在社交平台上发文称，投入更多算力依然有效，“我们离尽头还很远”。"
    assert speakers(nlp_nokb, text) == [("我们离尽头还很远", "萨姆·柯林")]
    assert speakers(nlp_nokb, text, "indirect")[0][1] == "萨姆·柯林"


@pytest.mark.parametrize("number", ["3. ", "3、", "三、"])
def test_a_numbered_digest_items_person_is_the_one_a_role_points_back_at(nlp_nokb, number):
    text = (f"AI早报\n\n{number}冯昀：明年推理算力需求将首次超过训练\n\n云启智算日前宣布完成5亿元融资。“过去两年大家抢的是训练卡，"
            "今年客户问得最多的是推理成本。”这位云启智算创始人兼CEO在接受采访时表示。")
    assert speakers(nlp_nokb, text) == [("过去两年大家抢的是训练卡，今年客户问得最多的是推理成本。", "冯昀")]


def test_a_role_with_a_determiner_in_a_section_naming_someone_else_too_stays_anonymous(nlp_nokb):
    text = ("AI早报\n\n3. 冯昀：明年推理算力需求将首次超过训练\n\n投资方星河资本合伙人葛岚也到场了。“推理成本是今年最大的话题。”"
            "这位云启智算创始人兼CEO在接受采访时表示。")
    assert speakers(nlp_nokb, text) == [("推理成本是今年最大的话题。", None)]


def test_the_one_cited_before_a_closing_quote_is_not_the_next_pronouns_antecedent(nlp_nokb):
    text = ("阿克威尔CEO丹尼尔·默里斯（Daniel Morris）表示，需求仍在增长。\n\n默里斯还引用了英伟达CEO黄仁勋此前的说法：“推理才是真正规模化的开始。”"
            "他表示，公司的推理收入占比已升至约35%，“推理带来的是持续性的负载”。")
    assert speakers(nlp_nokb, text) == [("推理才是真正规模化的开始。", "黄仁勋"), ("推理带来的是持续性的负载", "丹尼尔·默里斯")]


def test_a_common_transliteration_of_a_public_figure_is_the_knowledge_base_person(nlp):
    text = "OpenAI首席执行官萨姆·奥特曼说：“我们离Scaling的尽头还很远。”"
    assert speakers(nlp, text) == [("我们离Scaling的尽头还很远。", "Sam Altman")]


def test_a_quote_over_two_paragraphs_goes_on_in_its_speakers_words(nlp_nokb):
    text = ("云穹总裁谭毅表示：“需求会继续涨。”\n\n与谭毅的乐观不同，星衡智能创始人邵朗对此更审慎。在邵朗看来，单纯堆参数的边际收益正在下降，“参数从千亿做到万亿，客户感受到的提升只有几个百分点。\n\n"
            "“我们去年也犹豫过要不要跟进更大的模型，最后决定不做了。”\n\n“这是一个好问题。”一位观众说。")
    assert speakers(nlp_nokb, text)[1:] == [("参数从千亿做到万亿，客户感受到的提升只有几个百分点。", "邵朗"),
                                        ("我们去年也犹豫过要不要跟进更大的模型，最后决定不做了。", "邵朗"), ("这是一个好问题。", None)]


def test_the_one_asked_in_the_passive_is_no_speaker(nlp_nokb):
    text = "那一年，创始人陈骁见了四十多家投资机构，被问得最多的问题是：“你们的参数量多大？”"
    assert speakers(nlp_nokb, text) == [("你们的参数量多大？", None)]


def test_a_law_cited_to_describe_something_is_nobodys_words(nlp_nokb):
    text = "南京大学教授陆骞认为，榜单正在失效。他用经济学里的古德哈特定律来形容这一现象：“当一个指标变成了目标，它就不再是一个好指标。”"
    assert speakers(nlp_nokb, text) == [("当一个指标变成了目标，它就不再是一个好指标。", None)]


TWO_CHENS = ("上个月我碰到了两位陈总。一位是蓝鲸云的陈志远，做了十几年机房；另一位是一苇科技的陈晓芸，她的公司做端侧模型。\n\n"
             "蓝鲸云的陈总先开口。他说今年推理需求涨了七倍，“说泡沫的人应该来机房看看电表”。\n\n一苇的陈总放下筷子。\n\n"
             "“你那七倍里，有多少是补贴换来的？”\n\n“补贴也是需求。”\n\n“可用户不会永远替云端的延迟买单。”\n\n"
             "蓝鲸的陈总脸色有点挂不住，坐在两人中间的合伙人孟庆川举起了杯子。\n\n“老陈，你别急。”他笑着说。")


def test_two_people_of_one_surname_are_told_apart_by_their_company(nlp_nokb):
    doc = nlp_nokb(TWO_CHENS)
    by_start = {m["start"]: m["name"] for m in doc._.speaker_mentions}
    assert by_start[TWO_CHENS.index("蓝鲸云的陈总") + 4] == "陈志远"
    assert by_start[TWO_CHENS.index("一苇的陈总") + 3] == "陈晓芸"


def test_a_dialogue_after_a_company_qualified_subject_alternates_between_the_two(nlp_nokb):
    found = speakers(nlp_nokb, TWO_CHENS)
    assert found[:4] == [("说泡沫的人应该来机房看看电表", "陈志远"), ("你那七倍里，有多少是补贴换来的？", "陈晓芸"),
                         ("补贴也是需求。", "陈志远"), ("可用户不会永远替云端的延迟买单。", "陈晓芸")]


def test_a_quote_opening_with_a_familiar_address_is_not_that_persons(nlp_nokb):
    assert speakers(nlp_nokb, TWO_CHENS)[-1][1] != "陈志远"


def test_a_title_address_leaves_someone_else_of_that_surname_speaking(nlp_nokb):
    text = "产品负责人周小棠当场就急了。她和周总只是恰好同姓。她说：“周总，我们的日活刚过一百万，现在撤就白花了！”"
    assert speakers(nlp_nokb, text) == [("周总，我们的日活刚过一百万，现在撤就白花了！", "周小棠")]


def test_words_repeated_from_one_persons_quote_are_theirs(nlp_nokb):
    said = "周岚在发布会上说：“端侧模型永远追不上云端的大模型。”\n\n"
    found = speakers(nlp_nokb, said + "业内并不都认同。“端侧模型永远追不上云端的大模型”，这话未免太绝对了。")
    assert found[-1] == ("端侧模型永远追不上云端的大模型", "周岚")
    doc = nlp_nokb(said + "“端侧模型永远追不上云端的大模型”，这话未免太绝对了。")
    assert [q.method for q in doc._.quotes][-1] == "echo"


@pytest.mark.parametrize("text", [
    # said by two people: whose, the echo cannot tell
    "周岚说：“端侧模型永远追不上云端的大模型。”韩东也说：“端侧模型永远追不上云端的大模型。”\n\n"
    "“端侧模型永远追不上云端的大模型”，这话未免太绝对了。",
    # a term in a noun's place
    "周岚说：“我们要做的是一套端云协同的推理框架。”\n\n团队花了两年搭起这套“端云协同的推理框架”，效果还不错。",
    # words she quotes someone else saying are not hers
    "周岚说：“有人讲‘开源模型迟早会被闭源甩开’，我不同意。”\n\n“开源模型迟早会被闭源甩开”，这话未免太绝对了。",
    # a short phrase
    "周岚说：“我们只做端侧。”\n\n“只做端侧”，这话未免太绝对了。",
])
def test_an_echo_left_alone(nlp_nokb, text):
    assert speakers(nlp_nokb, text)[-1][1] is None
