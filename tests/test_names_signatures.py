"""Names that no knowledge base knows: the signature under a quote (``——某某，头衔`` / ``（某某，场合）``), speaker
headings of mixed shapes in a digest, compound surnames before a function word, Latin given names and
Latin technical terms, a few speech verbs of conversation. Invented people, companies and sentences."""
import pytest

import stancelib


def speakers(nlp, text, kind="direct"):
    return [q.speaker.name if q.speaker else None for q in stancelib.extract(text, nlp=nlp).quotes if q.kind == kind]


def methods(nlp, text):
    return [q.method for q in stancelib.extract(text, nlp=nlp).quotes if q.kind == "direct"]


@pytest.fixture(params=["kb", "nokb"])
def any_nlp(request, nlp, nlp_nokb):
    return nlp if request.param == "kb" else nlp_nokb


# --- signatures after a quote ---------------------------------------------------------------------------

def test_dash_signature_on_the_next_line_names_the_speaker(any_nlp):
    text = "年终语录\n\n01\n“推理成本一年能降十倍。”\n——柏文川，蓝湾算力联合创始人兼总裁\n\n点评：说得很实在。"
    assert speakers(any_nlp, text) == ["柏文川"]


def test_dash_signature_on_the_same_line_and_a_bare_name(any_nlp):
    assert speakers(any_nlp, "“小模型会先在工厂里落地。”——殷若岚，松石智造CTO") == ["殷若岚"]
    assert speakers(any_nlp, "“小模型会先在工厂里落地。”\n——殷若岚") == ["殷若岚"]


def test_bracket_signature_right_after_the_quote(any_nlp):
    text = "“我们的模型权重会全部公开。”（宁嘉树，北辰智能合伙人，在「开放日」分享会上）"
    assert speakers(any_nlp, text) == ["宁嘉树", None]  # (「开放日」 is a name, nobody's words)


def test_bracket_signature_on_the_next_line(any_nlp):
    assert speakers(any_nlp, "“我们的模型权重会全部公开。”\n（宁嘉树，北辰智能合伙人）") == ["宁嘉树"]


def test_each_signature_goes_to_its_own_item_not_to_the_previous_speaker(any_nlp):
    text = ("01\n“端侧芯片今年会翻倍。”\n——柏文川，蓝湾算力总裁\n\n编辑点评：乐观。\n\n"
            "02\n“云上推理才是大头。”\n——殷若岚，松石智造CTO\n\n编辑点评：针锋相对。")
    assert speakers(any_nlp, text) == ["柏文川", "殷若岚"]


def test_a_signature_naming_nobody_is_anonymous_not_the_previous_speaker(any_nlp):
    text = ("01\n“端侧芯片今年会翻倍。”\n——柏文川，蓝湾算力总裁\n\n编辑点评：乐观。\n\n"
            "02\n“这一轮估值撑不过明年。”\n——一位不愿透露姓名的基金合伙人\n\n编辑点评：扎心。")
    assert speakers(any_nlp, text) == ["柏文川", None]
    assert methods(any_nlp, text)[1] == "anonymous"


def test_a_signature_with_a_role_and_no_name_is_anonymous(any_nlp):
    text = "殷若岚说：“云上推理才是大头。”\n\n“毛利只会越来越薄。”\n——某头部云厂商CFO"
    assert speakers(any_nlp, text) == ["殷若岚", None]


def test_a_dash_inside_a_sentence_is_no_signature(any_nlp):
    # (negative: the dash goes on with the narrator's sentence; the name after it is whom he addresses)
    text = "他沉默了很久，最后只说了一句——江北辰，你还记得那次发布会吗？"
    assert "江北辰" not in [m["name"] for m in any_nlp(text)._.speaker_mentions]


def test_a_bracket_that_does_not_open_with_a_name_is_no_signature(any_nlp):
    # (negative: an editor's note in brackets names a person, but not as the one who spoke)
    assert speakers(any_nlp, "“价格战还会继续。”（注：此前宁嘉树也有类似判断）") == [None]


# --- headings of mixed shapes in a digest ---------------------------------------------------------------

_DIGEST = ("▍罗映川：端侧会先赢\n\n罗映川认为手机芯片会追上来。\n\n▍祁夏：闭源更赚钱\n\n“闭源的毛利更高。”祁夏说。\n\n"
           "{heading}\n\n远景资本合伙人卓一帆是当天唯一的投资人。\n\n他开场就说：“我们只投企业服务。”")


@pytest.mark.parametrize("heading", ["| 卓一帆 | 别迷信超级应用", "03 卓一帆：别迷信超级应用"])
def test_bar_and_numbered_headings_open_a_section_among_bullet_headings(any_nlp, heading):
    assert speakers(any_nlp, _DIGEST.format(heading=heading)) == ["祁夏", "卓一帆"]


def test_a_numbered_line_naming_a_company_opens_no_speaker_section(any_nlp):
    # (negative: the label is an organisation, the pronoun keeps the person named before)
    text = "▍祁夏：闭源更赚钱\n\n“闭源的毛利更高。”祁夏说。\n\n04 星汉云：推理正在变成生意\n\n“推理的价格还会再降。”她说。"
    assert speakers(any_nlp, text) == ["祁夏", "祁夏"]


# --- compound surnames, citing, verbs -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["欧阳澈", "司马骁", "上官瑶", "诸葛岚"])
def test_compound_surname_and_one_given_character_before_a_function_word(any_nlp, name):
    text = f"{name}则在随后的发言中说：“这个判断被误读了。”"
    assert speakers(any_nlp, text) == [name]


def test_compound_surname_with_two_given_characters_stays_whole(any_nlp):
    # (negative: 欧阳青禾 is four characters of one name)
    assert speakers(any_nlp, "欧阳青禾表示：“我们不做硬件。”") == ["欧阳青禾"]


@pytest.mark.parametrize("verb", ["插话", "插嘴", "接话道", "打断说"])
def test_conversation_verbs(any_nlp, verb):
    assert speakers(any_nlp, f"会议室里，鲁承泽随即{verb}：“预算不够。”") == ["鲁承泽"]


def test_a_cited_name_with_a_time_word_before_its_saying(nlp_nokb):
    text = "他在演讲里引用了邝启明早前的一个判断「每家工厂都会有自己的模型」。"
    assert speakers(nlp_nokb, text) == ["邝启明"]


# --- Latin names and terms ------------------------------------------------------------------------------

def test_latin_given_name_alone_is_the_full_name_written_before(any_nlp):
    text = "坐在我旁边的是Mira Castell，她刚融完一轮。\n\n“手机上的推理几乎不花钱。”Mira说。"
    assert speakers(any_nlp, text) == ["Mira Castell"]


def test_latin_given_name_with_two_full_names_is_left_alone(any_nlp):
    # (negative: two people share the given name, the bare one names neither)
    text = "Mira Castell和Mira Okafor都来了。\n\n“手机上的推理几乎不花钱。”Mira说。"
    assert speakers(any_nlp, text) == [None]


def test_latin_technical_term_is_no_speaker(any_nlp):
    for text in ("Scaling Law 描述的是算力和效果之间的关系。", "Diffusion Model 认为噪声可以一步步去掉。"):
        result = stancelib.extract(text, nlp=any_nlp)
        assert not [q for q in result.quotes if q.speaker], text


def test_latin_repeat_stops_at_a_longer_word(nlp_nokb):
    text = "Theo Brandt刚下台。“我们明年会开源。”Theo说。Theodora也在现场。"
    found = [(text[m["start"]:m["end"]], m["name"]) for m in nlp_nokb(text)._.speaker_mentions]
    assert ("Theo", "Theo Brandt") in found
    assert all(m["end"] <= text.index("Theodora") or m["start"] > text.index("Theodora") + 7
               for m in nlp_nokb(text)._.speaker_mentions)


def test_possessor_after_an_unnamed_subject_gets_no_caption(any_nlp):
    text = "韦屹在台上讲了四十分钟。\n\n第二天，有人转发了韦屹的演讲剪辑，配文是「信仰充值成功了，明年继续堆卡」。"
    assert speakers(any_nlp, text) == [None]


def test_a_paragraph_about_one_person_still_gives_them_the_quote(any_nlp):
    # (negative: no unnamed subject, the one person named is who the paragraph is about)
    text = "韦屹把这次发布形容为一次豪赌。「赌输了，我们就回去做外包，反正团队还在。」"
    assert speakers(any_nlp, text) == ["韦屹"]


def test_a_time_word_after_a_name_ends_it(any_nlp):
    text = "星海科技CEO韦屹上周在发布会上说：“明年继续堆卡。”"
    assert speakers(any_nlp, text) == ["韦屹"]
