"""Document structure: where a Q&A turn ends, legends that name a transcript's short labels."""
import pytest
import stancelib


def turns(nlp, text):
    return [(q.span.text, q.speaker.name if q.speaker else None) for q in nlp(text)._.quotes if q.kind == "qa_turn"]


def direct(nlp, text):
    return {q.content: (q.speaker.name if q.speaker else None) for q in nlp(text)._.quotes if q.kind == "direct"}


# --- a prose legend names the people behind short labels ----------------------------------------------

ROUNDTABLE = ("编者按：本期圆桌邀请了三位嘉宾。为方便阅读，柏文涛简称“柏”，卓海宁简称“卓”，"
              "戚远以机构名“青岚实验室”标注。\n\n"
              "主持人：先请各位说说今年的感受？\n\n"
              "柏：今年大家都在算账，我看项目先看毛利。\n\n"
              "青岚实验室：我们把更多的模型放到了手机上。\n\n"
              "卓：开源模型的进步比我想的快。\n\n"
              "主持人：那明年呢？\n\n"
              "柏：我还是只投企业服务。\n")


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_legend_gives_each_short_label_its_person(fixture, request):
    found = dict((text[:4], who) for text, who in turns(request.getfixturevalue(fixture), ROUNDTABLE))
    assert found["今年大家"] == "柏文涛"
    assert found["我们把更"] == "戚远"
    assert found["开源模型"] == "卓海宁"
    assert found["我还是只"] == "柏文涛"


def test_legend_in_parentheses(nlp_nokb):
    text = ("本文根据对谈整理，嘉宾为投资人宁思远（以下简称“宁”）。\n\n"
            "主持人：你今年投了几个项目？\n\n宁：只投了三个，都是做企业软件的。\n\n"
            "主持人：为什么这么少？\n\n宁：估值太高了，我宁可等一等。\n")
    assert [who for _, who in turns(nlp_nokb, text) if who] == ["宁思远", "宁思远"]


def test_company_short_name_is_no_legend_of_a_label(nlp_nokb):
    # 以下简称 names a company here; no transcript label uses it, so nothing changes
    text = ("星澜智能科技有限公司（以下简称“星澜”）今天发布了新模型。\n\n"
            "记者：新模型开源吗？\n\n韩东：小尺寸的会开源。\n\n记者：什么时候？\n\n韩东：下个月。\n")
    assert [who for _, who in turns(nlp_nokb, text) if who] == ["韩东", "韩东"]


# --- a turn ends where the text stops being its speaker's answer --------------------------------------

LIVE = ("10:02\n主持人：欢迎各位，先请第一位嘉宾，岭川科技创始人温立言。\n\n"
        "【10:05】温立言（岭川科技创始人）\n"
        "温立言认为，大模型的钱最终要从企业客户那里赚。“个人用户付费的意愿太低了。”\n\n"
        "10:12\n主持人：谢谢立言。下面请蓝湾资本合伙人苏曼。\n\n"
        "10:14 苏曼（蓝湾资本合伙人）\n"
        "苏曼说，她今年只看了应用层的项目。“基座模型已经不是创业公司的游戏了。”\n\n"
        "10:20\n温立言：我补充一句，基座模型还有机会。\n\n"
        "苏曼：我不同意。\n\n"
        "【现场观察】两位嘉宾的分歧很明显，温立言押企业，苏曼押应用。\n")


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_turn_stops_at_time_stamps_and_headings(fixture, request):
    nlp = request.getfixturevalue(fixture)
    for text, _ in turns(nlp, LIVE):
        assert "【" not in text and "10:" not in text, text
    quotes = direct(nlp, LIVE)
    assert quotes["个人用户付费的意愿太低了。"] == "温立言"
    assert quotes["基座模型已经不是创业公司的游戏了。"] == "苏曼"


def test_turn_stops_before_narration_about_a_speaker(nlp_nokb):
    text = ("记者：你们明年的重点是什么？\n\n"
            "邱明远：还是做行业模型，金融和医疗。\n\n"
            "在邱明远看来，通用模型的价格战会一直打下去。“我们不跟着降价。”\n\n"
            "记者：开源吗？\n\n邱明远：不开源。\n")
    found = turns(nlp_nokb, text)
    assert found[1] == ("还是做行业模型，金融和医疗。", "邱明远")
    assert direct(nlp_nokb, text)["我们不跟着降价。"] == "邱明远"


def test_answer_going_on_over_paragraphs_stays_one_turn(nlp_nokb):
    # the second paragraph speaks in the first person: the answer goes on, though it quotes someone
    text = ("记者：你怎么看价格战？\n\n"
            "邱明远：价格战对我们影响不大。\n\n"
            "我们的客户都是大银行，去年有个客户说，价格不是他们最关心的。\n\n"
            "记者：明年呢？\n\n邱明远：明年还是这样。\n")
    first = turns(nlp_nokb, text)[1][0]
    assert first.endswith("价格不是他们最关心的。")


def test_a_view_sentence_with_a_colon_is_no_label(nlp_nokb):
    text = ("Q：明年押哪里？\n\n贾一帆：押医疗。\n\n"
            "裴若溪的看法很简单：企业客户才是真正付钱的人，个人用户留不住。她说，这是她投了十年的体会。\n")
    assert all(not text.startswith("企业客户") for text, _ in turns(nlp_nokb, text))


# --- a heading that introduces one respondent opens their section -------------------------------------

SURVEY = ("我们请几位投资人回答了同一个问题：明年投什么？\n\n---\n\n"
          "01 | 祁望舒，松涛资本合伙人\n\n“我会投工业软件里的Agent。”\n\n---\n\n"
          "【钟予安 · 栖霞科技创始人】\n\n我们明年全力做端侧模型，手机上的推理需求增长很快。\n\n---\n\n"
          "◆ 阮星澜 / 天使投资人\n\n“押开源社区。”\n\n---\n\n"
          "06 | 葛川（北屿机器人联合创始人）\n\n“先做企业客户。”\n")


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_respondent_headings_name_the_speaker_of_their_section(fixture, request):
    nlp = request.getfixturevalue(fixture)
    quotes = direct(nlp, SURVEY)
    assert quotes["我会投工业软件里的Agent。"] == "祁望舒"
    assert quotes["押开源社区。"] == "阮星澜"
    assert quotes["先做企业客户。"] == "葛川"
    statements = [(q.content, q.speaker.name) for q in nlp(SURVEY)._.quotes if q.kind == "indirect" and q.speaker]
    assert any(who == "钟予安" and "端侧" in text for text, who in statements)


def test_a_heading_is_no_quote_of_its_respondent(nlp_nokb):
    assert all(q.kind != "headline" for q in nlp_nokb(SURVEY)._.quotes)


def test_someone_else_saying_in_a_section_is_not_the_respondent(nlp_nokb):
    text = ("【闵若川 · 远帆创投合伙人】\n\n我明年不投基座模型。\n\n"
            "有朋友劝我别太保守，说“机会不等人”。我还是坚持。\n")
    assert direct(nlp_nokb, text)["机会不等人"] is None


def test_numbered_topic_heading_names_nobody(nlp_nokb):
    text = "02 | 开源还是闭源\n\n“这是今年被问得最多的问题。”\n"
    assert direct(nlp_nokb, text)["这是今年被问得最多的问题。"] is None


# --- a quote that opens an answer, or stands as a paragraph of it, is the answerer's ------------------

def test_quote_opening_an_answer_is_the_answerers(nlp_nokb):
    text = ("主持人：用一句话说说今年？\n\n顾北辰：“从拼参数到拼交付。”今年客户第一句话就问上线周期。\n\n"
            "主持人：明年呢？\n\n顾北辰：还是交付。\n")
    assert direct(nlp_nokb, text)["从拼参数到拼交付。"] == "顾北辰"


def test_quote_paragraph_inside_an_answer_is_the_answerers(nlp_nokb):
    text = ("主持人：你怎么看端侧？\n\n顾北辰：我很看好。延迟和隐私都绕不过去。\n\n"
            "“所以三年后最常用的模型会在手机里。”\n\n主持人：谢谢。\n\n顾北辰：不客气。\n")
    assert direct(nlp_nokb, text)["所以三年后最常用的模型会在手机里。"] == "顾北辰"


def test_quote_introduced_by_a_lead_in_inside_an_answer_is_not_the_answerers(nlp_nokb):
    text = ("主持人：有人劝过你吗？\n\n顾北辰：有。一位前辈当时跟我讲过一句话，他说：\n\n"
            "“别跟大厂拼流量。”\n\n主持人：你听了吗？\n\n顾北辰：听了一半。\n")
    assert direct(nlp_nokb, text)["别跟大厂拼流量。"] != "顾北辰"


# --- an editor's note after a lead-in names nobody ---------------------------------------------------

@pytest.mark.parametrize("note", ["，经记者整理", "，略有删节"])
def test_prepared_speech_after_an_editors_note_is_the_speakers(nlp_nokb, note):
    text = (f"年会上，总裁魏长庚作了题为《慢一点》的讲话。以下为讲话要点{note}：\n\n"
            "“过去一年，我们只服务企业客户。\n\n“我们不会去做通用大模型。”\n\n致辞结束后进入问答。\n")
    quotes = direct(nlp_nokb, text)
    assert quotes["我们不会去做通用大模型。"] == "魏长庚"


def test_reporters_own_words_stay_anonymous(nlp_nokb):
    text = "有记者追问：“那明年还会降价吗？”\n"
    assert direct(nlp_nokb, text)["那明年还会降价吗？"] is None


# --- a digest headline credits its label's person with the first item only ---------------------------

def test_digest_headline_ends_at_the_first_item(nlp_nokb):
    text = ("科技早报｜云栈智能贺明川：预训练的红利快吃完了；北岭科技押注端侧；远帆资本谈开源\n\n"
            "云栈智能创始人贺明川在一场活动上表示，预训练的红利快吃完了。\n")
    heads = [(q.content, q.speaker.name if q.speaker else None) for q in nlp_nokb(text)._.quotes if q.kind == "headline"]
    assert heads == [("预训练的红利快吃完了", "贺明川")]


# --- the byline author of a first-person post is its 我 -----------------------------------------------

POST = ("三年做企业软件的一点体会\n\n文 | {byline}\n\n写这篇文章之前我犹豫了很久。\n\n"
        "我们坚持只做to B，我一直觉得企业客户才是真正付钱的人。\n\n"
        "我也见过不少同行转去做消费者产品，我不后悔。\n")


def statements(nlp, text):
    return [q.speaker.name if q.speaker else None for q in nlp(text)._.quotes if q.kind == "indirect"]


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_byline_author_of_a_first_person_post_speaks(fixture, request):
    found = statements(request.getfixturevalue(fixture), POST.format(byline="纪川（青石智能创始人）"))
    assert found and set(found) == {"纪川"}


def test_reporters_byline_makes_no_speaker(nlp_nokb):
    assert "纪川" not in statements(nlp_nokb, POST.format(byline="纪川（本报记者）"))
    assert "纪川" not in statements(nlp_nokb, POST.format(byline="纪川 ｜ 本报记者"))


@pytest.mark.parametrize("byline", ["纪川 ｜某网站专栏作者，前青石智能产品负责人", "纪川（某网站专栏作者）"])
def test_a_columnists_byline_after_a_bar_makes_the_column_theirs(nlp_nokb, byline):
    text = POST.format(byline=byline) + "\n我在前年的一篇专栏文章中写道：“中小客户才是基本盘。”两年后，我的看法依然没变。\n"
    assert set(statements(nlp_nokb, text)) == {"纪川"}
    direct = [(q.content, q.speaker.name if q.speaker else None) for q in nlp_nokb(text)._.quotes if q.kind == "direct"]
    assert direct == [("中小客户才是基本盘。", "纪川")]


def test_bullet_list_inside_an_answer_stays_in_the_turn(nlp_nokb):
    text = ("记者：你们的优势是什么？\n\n邱明远：我们有两个优势：\n● 成本比同行低三成\n● 交付周期只有两周\n\n"
            "记者：明年呢？\n\n邱明远：继续扩张。\n")
    assert turns(nlp_nokb, text)[1][0].endswith("交付周期只有两周")


# --- time codes, role labels, institutions ------------------------------------------------------------

@pytest.mark.parametrize("stamp", ["[01:02:17] ", "01:02:17 ", "【02:17】", "(01:02:17)"])
@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_time_code_before_a_label_opens_a_turn(stamp, fixture, request):
    text = (f"{stamp}主播：今天聊端侧芯片。\n\n{stamp}葛云帆：我们的芯片功耗只有竞品的一半。\n\n"
            f"{stamp}主播：那价格呢？\n\n{stamp}葛云帆：价格也会更低，我们押注企业客户。\n")
    found = turns(request.getfixturevalue(fixture), text)
    assert [who for _, who in found] == [None, "葛云帆", None, "葛云帆"]
    assert found[1][0] == "我们的芯片功耗只有竞品的一半。"


def test_time_code_alone_on_its_line_is_no_label(nlp_nokb):
    # a bare time line in a live blog stays a break, not a label
    text = "10:05\n主持人：欢迎。\n\n黎远舟：谢谢。\n\n主持人：开始吧？\n\n黎远舟：好的，我先讲。\n"
    assert [who for _, who in turns(nlp_nokb, text)] == [None, "黎远舟", None, "黎远舟"]


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_role_labels_take_the_person_a_legend_names(fixture, request):
    text = ("参加交流会的有公司总裁宫明哲和财务负责人杭雨桐。以下“总裁”指宫明哲，“CFO”即杭雨桐。\n\n"
            "总裁：我们只做行业客户，不做消费者应用。\n\nCFO：毛利率继续改善。\n\n"
            "某基金研究员：请问开源怎么考虑？\n\n总裁：核心模型不开源。\n")
    assert [who for _, who in turns(request.getfixturevalue(fixture), text)] == ["宫明哲", "杭雨桐", None, "宫明哲"]


def test_role_label_named_by_the_introduction(nlp_nokb):
    text = ("出席活动的有联合创始人兼CTO蔺书航。\n\nCTO：我们下个月开源小模型。\n\n"
            "记者：大模型呢？\n\nCTO：大模型暂时不开源。\n")
    assert [who for _, who in turns(nlp_nokb, text)] == ["蔺书航", None, "蔺书航"]


def test_role_label_with_two_people_fitting_stays_unnamed(nlp_nokb):
    # two different people are written right after 总监: the label names neither
    text = ("到场的有技术总监蔺书航和销售总监柯一凡。\n\n总监：我们下个月开源小模型。\n\n"
            "记者：大模型呢？\n\n总监：大模型暂时不开源。\n")
    assert [who for _, who in turns(nlp_nokb, text)] == [None, None, None]


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_institution_label_asks_and_names_nobody(fixture, request):
    text = ("花旗分析师：公司会不会开源旗舰模型？\n\n董事长韦庭深：不会，旗舰模型保持闭源。\n\n"
            "来自国泰君安的提问：端侧有什么规划。\n\n董事长韦庭深：明年推出端侧版本。\n")
    found = [(q.speaker.name if q.speaker else None, q.is_question)
             for q in request.getfixturevalue(fixture)(text)._.quotes if q.kind == "qa_turn"]
    assert found == [(None, True), ("韦庭深", False), (None, True), ("韦庭深", False)]


# --- interviews with bold questions and unlabelled answers ---------------------------------------------

BOLD = ("专访岩序科技柴砚舟：把推理搬回本地\n\n"
        "上周我们和柴砚舟在杭州聊了一个下午。谈话快结束时，公司COO乔楠也坐了过来。\n\n"
        "**为什么押注本地推理？**\n\n"
        "因为企业的数据不愿意出机房。我们坚信本地部署是企业市场的终局。\n\n"
        "第二个原因是成本，长期看本地更便宜。\n\n"
        "**外界说开源模型会吃掉你们的市场。**\n\n"
        "我不担心，我们本来就基于开源模型做交付。\n\n"
        "**交付最难的是什么？**\n\n"
        "（这时，乔楠接过话题。乔楠补充道）\n\n"
        "最难的是每家客户的系统都不一样，我们得派人驻场。\n\n"
        "**最后，明年的目标？**\n\n"
        "把客户数翻一倍。\n\n"
        "（完）\n")


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_bold_questions_and_unlabelled_answers(fixture, request):
    found = [(text[:6], who, q) for text, who, q in (
        (q.span.text, q.speaker.name if q.speaker else None, q.is_question)
        for q in request.getfixturevalue(fixture)(BOLD)._.quotes if q.kind == "qa_turn")]
    assert [(w, q) for _, w, q in found] == [
        (None, True), ("柴砚舟", False), (None, True), ("柴砚舟", False),
        (None, True), ("乔楠", False), (None, True), ("柴砚舟", False)]
    assert found[1][0] == "因为企业的数"
    assert found[5][0] == "最难的是每家"


def test_bold_lines_that_ask_nothing_make_no_interview(nlp_nokb):
    # bold section titles in a feature: no question among them, no turns
    text = ("**一、行业现状**\n\n今年大模型公司都在降价。\n\n**二、未来展望**\n\n业内普遍认为价格战还会持续。\n\n"
            "**三、结语**\n\n谁能活下来还不好说。\n")
    assert turns(nlp_nokb, text) == []


def test_unlabelled_answers_with_no_clear_interviewee_stay_unnamed(nlp_nokb):
    # the introduction talks with two people equally: the answers are nobody's in particular
    text = ("我们和顾一鸣、钱晓岚两位创始人聊了聊。\n\n**你们怎么看开源？**\n\n开源是必然的趋势。\n\n"
            "**端侧呢？**\n\n端侧还早。\n")
    assert [who for _, who in turns(nlp_nokb, text)] == [None, None, None, None]


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_hosts_of_a_roster_ask(fixture, request):
    text = ("本期主持：老贝、阿橘\n\n老贝：今天聊聊开源，我们先请嘉宾说说？\n\n阿橘：对，我也很好奇。\n\n"
            "麦嘉年：我坚定支持开源模型，生态会更快。\n\n老贝：那商业化呢，我觉得开源很难赚钱。\n\n"
            "麦嘉年：靠服务赚钱。\n")
    doc = request.getfixturevalue(fixture)(text)
    asks = {q.span.text[:4]: q.is_question for q in doc._.quotes if q.kind == "qa_turn"}
    assert asks["今天聊聊"] and asks["对，我也"] and asks["那商业化"]
    assert not asks["我坚定支"]
    assert {c.speaker.name for c in stancelib.extract(text).claims} <= {"麦嘉年"}


# --- an answerer's own line, a transcript's interviewee --------------------------------------------------

@pytest.mark.parametrize("lead", ["我一直讲一句话，", "我跟合伙人反复说的一句话是：", "说得最多的一句就是，", "用一句话总结，"])
@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_answerer_quoting_their_own_line(lead, fixture, request):
    text = f"主持人：怎么看端侧？\n\n鲍启明：机会很大。{lead}“推理终究要回到设备上”。\n\n主持人：好的？\n\n鲍启明：是的。\n"
    assert direct(request.getfixturevalue(fixture), text) == {"推理终究要回到设备上": "鲍启明"}


@pytest.mark.parametrize("lead", ["客户说得最多的一句就是，", "有位投资人讲过一句话，", "如果我说，"])
def test_someone_elses_line_inside_an_answer_is_not_the_answerers(lead, nlp_nokb):
    text = f"主持人：怎么看端侧？\n\n鲍启明：机会很大。{lead}“推理终究要回到设备上”。\n\n主持人：好的？\n\n鲍启明：是的。\n"
    assert direct(nlp_nokb, text)["推理终究要回到设备上"] != "鲍启明"


def test_phrase_in_an_answer_stays_a_phrase(nlp_nokb):
    text = "主持人：怎么看？\n\n鲍启明：我想说的是，“够快”只是门槛。\n\n主持人：好的？\n\n鲍启明：是的。\n"
    assert direct(nlp_nokb, text)["够快"] is None


def test_person_named_after_the_transcript_is_not_the_answerer(nlp_nokb):
    # an expert call: the expert is only described; the analyst named in the closing paragraph did not answer
    text = ("参会专家：某云厂商前架构负责人\n\n问：推理需求怎么看？\n\n答：推理需求还会涨，训练会放缓。\n\n"
            "问：开源呢？\n\n答：开源模型在企业里渗透很快。\n\n研究员祝安然表示，维持行业推荐评级。\n")
    assert [who for _, who in turns(nlp_nokb, text)] == [None, None, None, None]


def test_interviewee_named_before_the_transcript_answers(nlp_nokb):
    text = ("本报记者专访了星渡科技创始人闻一舟。\n\n问：推理需求怎么看？\n\n答：推理需求还会涨。\n\n"
            "问：开源呢？\n\n答：我们会开源小模型。\n")
    assert [who for _, who in turns(nlp_nokb, text) if who] == ["闻一舟", "闻一舟"]


def test_named_person_quoted_inside_an_anonymous_answer(nlp):
    text = ("问：算力怎么看？\n\n答：需求很旺。黄仁勋一直在讲「买的卡越多越省钱」，这个逻辑没变。\n\n"
            "问：开源呢？\n\n答：开源在企业里渗透很快。\n")
    assert direct(nlp, text)["买的卡越多越省钱"] == "黄仁勋"


def test_role_label_speaking_once_after_a_legend(nlp_nokb):
    text = "到场的是公司总裁宫明哲。下文“总裁”指宫明哲。\n\n总裁：我们只做行业客户，不做消费者应用。\n"
    assert turns(nlp_nokb, text) == [("我们只做行业客户，不做消费者应用。", "宫明哲")]


def test_host_turn_introducing_guests_is_no_roster(nlp_nokb):
    text = ("主持人：下面有请两位嘉宾甘文博、裴思琪\n\n甘文博：我认为开源会赢，生态的力量太大了。\n\n"
            "主持人：裴总呢？\n\n裴思琪：我押闭源，商业上更稳。\n\n主持人：甘总再说说？\n\n甘文博：开源就是最好的获客渠道。\n")
    asks = [(q.span.text[:3], q.is_question) for q in nlp_nokb(text)._.quotes if q.kind == "qa_turn"]
    assert ("我认为", False) in asks and ("我押闭", False) in asks and ("开源就", False) in asks


# --- a legend that quotes the label first, the answerer's own words, others' words inside an answer ---------

@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_legend_quoting_labels_first_names_the_answerer(fixture, request):
    text = ("这场对谈由两位编辑主持。下文“云栈”“阿黎”代表两家媒体，“晓川”即裘晓川。\n\n"
            "云栈：谈谈新品？\n\n晓川：我们只卖给工厂。\n\n阿黎 ：开源怎么安排？\n\n晓川：  小尺寸的放出去。\n")
    found = [(q.speaker.name if q.speaker else None, q.is_question)
             for q in request.getfixturevalue(fixture)(text)._.quotes if q.kind == "qa_turn"]
    assert [who for who, asks in found if not asks] == ["裘晓川", "裘晓川"]
    assert [asks for _, asks in found] == [True, False, True, False]


def test_label_first_legend_naming_no_person_names_nobody(nlp_nokb):
    # “晓川”代表提问者: a role, not a person; the label stays unnamed
    text = "下文“晓川”代表提问者。\n\n晓川：谈谈新品？\n\n韦石：我们只卖给工厂。\n\n晓川：开源怎么安排？\n\n韦石：小尺寸的放出去。\n"
    assert [who for _, who in turns(nlp_nokb, text)] == [None, "韦石", None, "韦石"]
    # “晓川”是王立最欣赏的一位编辑: a phrase about someone, not who the label is
    text = "“晓川”是王立最欣赏的一位编辑。\n\n记者：谈谈新品？\n\n晓川：我们只卖给工厂。\n\n记者：开源怎么安排？\n\n晓川：小尺寸的放出去。\n"
    assert [who for _, who in turns(nlp_nokb, text)] == [None, None, None, None]


@pytest.mark.parametrize("lead", ["咱们在越南的渠道伙伴对我讲：", "那边一位合作方跟我聊起："])
def test_words_spoken_to_the_answerer_are_not_the_answerers(lead, nlp_nokb):
    text = f"记者：会去海外吗？\n\n邱明远：会。{lead}“那里的工厂很缺软件。”我因此拿定了主意。\n\n记者：好。\n\n邱明远：好。\n"
    assert direct(nlp_nokb, text)["那里的工厂很缺软件。"] is None


@pytest.mark.parametrize("lead", ["我的回答很干脆：", "网上有人讲“闭源必然出局”，我就回一句："])
@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_answerer_giving_their_own_reply(lead, fixture, request):
    text = f"记者：闭源会输吗？\n\n邱明远：{lead}“输赢按什么算？”这事远比口号复杂。\n\n记者：好。\n\n邱明远：好。\n"
    found = direct(request.getfixturevalue(fixture), text)
    assert found["输赢按什么算？"] == "邱明远"
    assert found.get("闭源必然出局") is None


def test_he_inside_an_answer_is_not_the_answerer(nlp_nokb):
    # the answerer speaks as 我: 他讲 in the answer is someone else, here nobody named
    text = ("记者：降价吗？\n\n邱明远：不降。有位采购经理替我们盘算过，他讲：“价格高些无妨，能少雇人就行。”\n\n"
            "记者：好。\n\n邱明远：好。\n")
    assert direct(nlp_nokb, text)["价格高些无妨，能少雇人就行。"] is None


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_answerer_telling_someone_named_their_own_line(fixture, request):
    # 我跟某某说过：the one spoken to is named, the words are still the answerer's
    text = ("记者：为何先做企业？\n\n邱明远：我入职第一周就对葛云帆讲过：“账先算平，梦再慢慢做。”\n\n"
            "记者：好。\n\n邱明远：好。\n")
    assert direct(request.getfixturevalue(fixture), text)["账先算平，梦再慢慢做。"] == "邱明远"


def test_what_the_answerer_said_back_then(nlp_nokb):
    text = ("记者：那篇长文你还认吗？\n\n邱明远：认。我那时说的是“放缓了”，并非讲“停住了”。\n\n"
            "记者：好。\n\n邱明远：好。\n")
    found = direct(nlp_nokb, text)
    assert found["放缓了"] == "邱明远" and found["停住了"] is None


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_a_turns_label_is_no_subject_of_the_words_inside_it(fixture, request):
    # the asker's label (a nickname the introduction gives) is not who 跟我讲 inside the question
    text = ("本期主持人是编辑晏秋，大家叫她“秋姐”。\n\n秋姐：有位基金经理跟我讲“芯片厂做不好软件”，你认同吗？\n\n"
            "邱明远：只对了一半。\n\n秋姐：好。\n\n邱明远：好。\n")
    assert direct(request.getfixturevalue(fixture), text)["芯片厂做不好软件"] is None


@pytest.mark.parametrize("intro", ["裘晓川，江湖人称“晓川”，星栈科技创始人。", "本期嘉宾裘晓川（外号“晓川”）。"])
@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_nickname_given_in_the_introduction_names_the_label(intro, fixture, request):
    text = f"{intro}\n\n主持人：谈谈新品？\n\n晓川：我们只卖给工厂。\n\n主持人：开源怎么安排？\n\n晓川：小尺寸的放出去。\n"
    assert [who for _, who in turns(request.getfixturevalue(fixture), text)] == [None, "裘晓川", None, "裘晓川"]


def test_nickname_of_someone_unclear_names_nobody(nlp_nokb):
    # the words before the marker name no one: the label stays unnamed
    text = "公司的老员工里人称“晓川”的那位。\n\n主持人：谈谈新品？\n\n晓川：我们只卖给工厂。\n\n主持人：开源怎么安排？\n\n晓川：小尺寸的放出去。\n"
    assert [who for _, who in turns(nlp_nokb, text)] == [None, None, None, None]


@pytest.mark.parametrize("fixture", ["nlp", "nlp_nokb"])
def test_a_named_persons_line_after_you_ju_hua(fixture, request):
    # 某某有句话说得妙：the line is that person's; 有句话说得好 alone introduces a proverb
    base = "记者：前景如何？\n\n邱明远：不好说。{lead}“少追风口，多蹲田间。”我们照此去做。\n\n记者：好。\n\n邱明远：好。\n"
    nlp = request.getfixturevalue(fixture)
    assert direct(nlp, base.format(lead="我们的合伙人葛云帆有句话说得妙："))["少追风口，多蹲田间。"] == "葛云帆"
    assert direct(nlp, base.format(lead="有句话说得好："))["少追风口，多蹲田间。"] is None
