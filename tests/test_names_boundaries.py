"""Where a speaker's name ends: a knowledge-base name inside a longer name, a title set off after a name,
spaces before the verb, a transliterated name after an organisation. Invented people and companies."""
import pytest

import stancelib
from test_attribution import speakers

_KB = """speakers:
  - {id: gu_yuan, name: 顾远, aliases: [启航], orgs: [青松智算]}
  - {id: ivo_orlando, name: Ivo Orlando, aliases: [奥兰多]}
  - {id: owen_hartley, name: Owen Hartley, aliases: [Hartley], orgs: [Northwind]}
"""


@pytest.fixture(scope="module")
def nlp_kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "kb.yaml"
    path.write_text(_KB, encoding="utf-8")
    return stancelib.load(kb=str(path))


def only(nlp, text):
    """The speaker's name of the one direct quote of ``text`` (None: no speaker)."""
    quotes = [q for q in nlp(text)._.quotes if q.kind == "direct"]
    assert len(quotes) == 1, quotes
    return quotes[0].speaker.name if quotes[0].speaker else None


def mentions(nlp, text):
    return [(m["name"], m["kb_id"]) for m in nlp(text)._.speaker_mentions]


# --- a knowledge-base name that a longer name goes on from --------------------------------------------


@pytest.mark.parametrize("text", [
    "远帆科技CTO顾远航表示：“推理成本明年会再降一半。”",
    "“推理成本明年会再降一半。”远帆科技总裁顾远航说。",
    "顾远航，远帆科技首席架构师，在论坛上说：“推理成本明年会再降一半。”",
])
def test_a_longer_name_is_not_the_known_person_it_starts_with(nlp_kb, nlp_nokb, text):
    assert only(nlp_kb, text) == only(nlp_nokb, text) == "顾远航"


def test_a_known_name_that_one_more_character_makes_another_name_is_dropped(nlp_kb):
    text = "远帆科技的顾远航今天表示：“推理成本明年会再降一半。”"
    assert only(nlp_kb, text) is None
    assert ("顾远", "gu_yuan") not in mentions(nlp_kb, text)


@pytest.mark.parametrize("text", [
    "青松智算创始人顾远今天表示：“推理成本明年会再降一半。”",
    "顾远在会上说：“推理成本明年会再降一半。”",
    "“推理成本明年会再降一半。”顾远说。",
])
def test_a_known_name_at_a_name_boundary_stays_the_known_person(nlp_kb, text):
    assert only(nlp_kb, text) == "顾远"
    assert ("顾远", "gu_yuan") in mentions(nlp_kb, text)


def test_an_adverb_after_a_known_name_is_no_part_of_it(nlp_kb):
    assert mentions(nlp_kb, "“小模型更实用。”顾远常说。") == [("顾远", "gu_yuan")]


def test_a_known_surname_after_another_first_name_is_that_person(nlp_kb):
    text = "“小模型更实用。”青禾资本合伙人 Nina Hartley 表示。Hartley 还说：“端侧会先落地。”"
    doc = nlp_kb(text)
    assert [q.speaker.name for q in doc._.quotes if q.kind == "direct"] == ["Nina Hartley", "Nina Hartley"]


def test_a_known_surname_alone_is_the_known_person(nlp_kb):
    assert only(nlp_kb, "“小模型更实用。”Hartley 表示。") == "Owen Hartley"


@pytest.mark.parametrize("text", ["公司启航仪式上，主持人说：“推理成本明年会再降一半。”", "“推理成本明年会再降一半。”奥兰多斯表示。"])
def test_a_known_short_form_that_a_word_goes_on_from_is_no_mention(nlp_kb, text):
    assert mentions(nlp_kb, text) == []


def test_a_known_short_form_at_a_boundary_is_the_known_person(nlp_kb):
    assert only(nlp_kb, "启航表示：“推理成本明年会再降一半。”") == "顾远"
    assert only(nlp_kb, "“推理成本明年会再降一半。”奥兰多表示。") == "Ivo Orlando"


def test_a_known_transliterated_surname_after_another_first_name_is_not_the_known_person(nlp_kb):
    doc = nlp_kb("“小模型更实用。”青禾资本合伙人凯特·奥兰多表示。奥兰多还说：“端侧会先落地。”")
    said = [q.speaker.name if q.speaker else None for q in doc._.quotes if q.kind == "direct"]
    assert said[0] == "凯特·奥兰多" and "Ivo Orlando" not in said


# --- a title set off after a name ---------------------------------------------------------------------


@pytest.mark.parametrize("text, speaker", [
    ("许知行，远帆科技联合创始人兼CEO，在发布会上说：“推理成本明年会再降一半。”", "许知行"),
    ("唐若溪（青禾资本合伙人）指出：“推理成本明年会再降一半。”", "唐若溪"),
    ("“推理成本明年会再降一半。”唐若溪（青禾资本合伙人）说。", "唐若溪"),
    ("Nora Quinn（青禾资本合伙人）表示：“推理成本明年会再降一半。”", "Nora Quinn"),
    ("许知行（Zhixing Xu）表示：“推理成本明年会再降一半。”", "许知行"),
    ("许知行——远帆科技CTO——在发布会上说：“推理成本明年会再降一半。”", "许知行"),
])
def test_the_name_before_an_appositive_title_is_the_subject(nlp_nokb, nlp_kb, text, speaker):
    assert only(nlp_nokb, text) == only(nlp_kb, text) == speaker


@pytest.mark.parametrize("text", ["唐若溪（青禾资本合伙人）指出：“推理成本明年会再降一半。”",
                                  "唐若溪，这位青禾资本的合伙人，在会上说：“推理成本明年会再降一半。”"])
def test_the_appositive_title_gives_the_title_and_organisation(nlp_nokb, text):
    found = nlp_nokb(text)._.speaker_mentions
    assert [(m["name"], m["title"], m["org"]) for m in found] == [("唐若溪", "合伙人", "青禾资本")]


def test_a_title_with_no_name_before_it_stays_anonymous(nlp_nokb):
    assert only(nlp_nokb, "远帆科技的一位CTO，在会上说：“推理成本明年会再降一半。”") is None


# --- spaces -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["许知行\u3000表示：“推理成本明年会再降一半。”", "许知行 表示：“推理成本明年会再降一半。”"])
def test_a_space_between_a_name_and_its_verb(nlp_nokb, text):
    assert only(nlp_nokb, text) == "许知行"


def test_a_latin_name_between_spaces_after_an_english_quote(nlp_nokb):
    assert only(nlp_nokb, "“Small models win.”青禾资本投资人 Nora Quinn 在节目中说。") == "Nora Quinn"


def test_a_time_word_ends_a_name(nlp_nokb):
    assert [n for n, _ in mentions(nlp_nokb, "远帆科技CEO许航最近在一场活动中说：“推理成本明年会再降一半。”")] == ["许航"]


# --- an organisation, 的 and a transliterated name ---------------------------------------------------


def test_a_transliterated_name_after_an_organisation_and_de(nlp_nokb):
    assert only(nlp_nokb, "远帆科技的萨米尔在采访中表示：“推理成本明年会再降一半。”") == "萨米尔"


@pytest.mark.parametrize("text", ["远帆科技的白皮书指出：“推理成本明年会再降一半。”",
                                  "远帆科技的研究团队表示：“推理成本明年会再降一半。”"])
def test_a_noun_after_an_organisation_and_de_is_no_name(nlp_nokb, text):
    assert only(nlp_nokb, text) is None


def test_rarer_surnames_start_names_without_the_knowledge_base():
    nlp = stancelib.load(kb=None)
    for name in ("贝一诺", "訾明远", "濮书航", "荀晓岚"):
        res = stancelib.extract(f"{name}表示：“开源会赢。”", nlp=nlp)
        assert [q.speaker.name for q in res.quotes] == [name]
    assert stancelib.extract("贝壳表示，明年会开源。", nlp=nlp).quotes == ()  # a company, not a person


def test_suo_after_a_name_is_not_part_of_it():
    nlp = stancelib.load(kb=None)
    for text in ("正如极光算力CEO滕远所说，“算力是新时代的电力”。", "正如滕远所说，“算力是新时代的电力”。"):
        names = [q.speaker.name for q in stancelib.extract(text, nlp=nlp).quotes if q.speaker]
        assert "滕远所" not in names and names in ([], ["滕远"])
    assert [q.speaker.name for q in stancelib.extract("正如滕远所说，“算力是新时代的电力”。", nlp=nlp).quotes] == ["滕远"]


@pytest.mark.parametrize("lead", ["【快讯】", "🚀", "太好了！", "《晚报》"])
def test_a_name_after_a_headline_tag_an_emoji_or_a_mark_is_found(lead):
    nlp = stancelib.load(kb=None)
    res = stancelib.extract(f"{lead}柯望舒表示：“开源会成为主流。”", nlp=nlp)
    assert [q.speaker.name if q.speaker else None for q in res.quotes] == ["柯望舒"]
# --- English given names, nicknames, transliterations and Latin names without a knowledge base ---------


def test_an_english_given_name_written_with_a_surname_or_declared_as_a_nickname_is_that_person(nlp_nokb):
    text = "发布会上，Lucy 韩介绍了新产品。“我们的推理全部放在手机本地。”Lucy 在社交媒体上写道，“云端太贵了。”"
    assert [q.speaker.name for q in nlp_nokb(text)._.quotes if q.kind == "direct"] == ["Lucy韩", "Lucy韩"]
    text = "星河科技 CTO 郑启航——圈内更习惯叫他 Oscar——只做云端。\n\n被问到端侧时，Oscar 的回答很直接：“我只相信模型越大越聪明。”"
    assert only(nlp_nokb, text) == "郑启航"
    # a product or language name before a Chinese word is nobody
    assert mentions(nlp_nokb, "我们用 Python 和 Rust 写了推理引擎，Agent 元年已经来了。") == []


def test_a_long_transliteration_is_not_cut_into_a_chinese_name(nlp_nokb):
    text = "某实验室创始人罗萨里奥斯今年在一次演讲中曾表示，规模仍然有用。"
    assert [n for n, _ in mentions(nlp_nokb, text)] == ["罗萨里奥斯"]  # not 罗萨里, a surname and a given name
    # a transliteration that ends where a name ends stays as it is
    assert ("马斯克", None) in mentions(nlp_nokb, "董事长马斯克多次公开表示不看好这项技术。")


def test_a_latin_full_name_before_a_speech_verb_and_a_quote_is_a_person(nlp_nokb):
    assert only(nlp_nokb, "Peter Lindholm 前阵子在一个播客里说，“模型会越来越便宜。”") == "Peter Lindholm"
    # a product name whose clause holds a verb but reports no quote is no person
    assert mentions(nlp_nokb, "视频模型 Aurora Motion 开放下载（以下简称 AM）后，吸引了很多关注。") == []


def test_a_known_name_inside_a_longer_name_read_once_is_cut_everywhere(nlp_kb):
    text = "论坛当天，几位嘉宾依次上台。\n\n▍顾远舟｜某研究院院长\n\n在研讨会上，顾远舟用了半个小时讨论开源。\n\n“开源是公共基础设施。”"
    assert only(nlp_kb, text) == "顾远舟"
    assert ("顾远", "gu_yuan") not in mentions(nlp_kb, text)
    # the known person alone is still found
    assert ("顾远", "gu_yuan") in mentions(nlp_kb, "在研讨会上，顾远用了半个小时讨论开源。")


def test_a_familiar_form_or_a_given_name_alone_stands_for_the_one_person_it_fits(nlp_nokb):
    text = ("这个项目的负责人宋启文表示，明年会推出端侧版本。\n\n后来我和老宋聊过一次。老宋送我去车站，临别时拍了拍我：“开源才有未来。”")
    found = [(n, text[m["start"]:m["end"]]) for m in nlp_nokb(text)._.speaker_mentions for n in [m["name"]]]
    assert found == [("宋启文", "宋启文"), ("宋启文", "老宋"), ("宋启文", "老宋")]
    text = ("安杰是我在一家大厂做算法的朋友，他给我发了一段语音：\n\n“我们把模型藏在产品后面，用户根本不知道。”\n\n"
            "后来我才知道，房安杰表示自己已经离职了。")
    assert only(nlp_nokb, text) == "房安杰"
    # two people of that surname: 老宋 is nobody in particular
    text = "宋启文表示会推出端侧版本，宋雨桐则表示不会。后来我和老宋聊过一次。"
    assert [m["name"] for m in nlp_nokb(text)._.speaker_mentions] == ["宋启文", "宋雨桐"]
    # a common word that starts like a familiar form stays a word
    assert [m["name"] for m in nlp_nokb("很多老年人不会用手机。王明说，要做适老化。")._.speaker_mentions] == ["王明"]


def test_a_name_before_a_place_of_speech_and_its_verb_is_a_name(nlp_nokb):
    assert only(nlp_nokb, "论坛上，韩立在台上说，“模型再大，没人用就是零。”") == "韩立"
    assert only(nlp_nokb, "在台上说，“模型再大，没人用就是零。”") is None


def test_a_latin_full_name_whose_saying_is_quoted_is_a_person(nlp_nokb):
    found = [m["name"] for m in nlp_nokb("她引用了 Peter Lindholm 去年的一句话：“最好的产品是看不见的。”")._.speaker_mentions]
    assert found == ["Peter Lindholm"]
    # a product's name before 的 and a noun that is no saying stays nothing
    assert mentions(nlp_nokb, "她提到了 Stable Diffusion 的开源协议：“可以商用。”") == []


def test_a_name_after_a_word_for_a_friend_or_colleague_is_a_name(nlp_nokb):
    text = "上个月我约了老朋友宋启文吃饭。老宋在一家芯片公司做了十年架构师。"
    assert [(m["name"], text[m["start"]:m["end"]]) for m in nlp_nokb(text)._.speaker_mentions] == [
        ("宋启文", "宋启文"), ("宋启文", "老宋")]
    # an adverb after such a word is no name
    assert mentions(nlp_nokb, "我和大学同学高兴地聊了一晚上。") == []


def test_a_chinese_name_with_its_english_name_in_brackets_is_a_name_and_the_english_name_its_alias(nlp_nokb):
    text = "这家公司的负责人是黎明远（Oscar）。\n\n被问到端侧时，Oscar 的回答很直接：“我们不做云。”"
    assert only(nlp_nokb, text) == "黎明远"
    # a product's name with an English name in brackets is no person
    assert mentions(nlp_nokb, "我们的产品叫小星（Star）。") == []


def test_a_full_name_before_a_time_or_place_and_a_speech_verb_and_a_quote_is_a_name(nlp_nokb):
    assert only(nlp_nokb, "我记得黎明远去年在一个活动上说过，“每个国家都需要自己的算力。”") == "黎明远"
    # a word that a surname character opens is no name there
    assert only(nlp_nokb, "那家公司今年在发布会上说，“我们不做云。”") is None


def test_a_name_described_by_shi_and_a_title_is_a_person_without_the_knowledge_base():
    nlp = stancelib.load(kb=None)
    text = "梁一树是「微光智能」的创始人兼 CEO。这家公司专做端侧推理。\n\n“端侧不是伪需求。”他说。"
    assert [(q.content, q.speaker.name if q.speaker else None) for q in stancelib.extract(text, nlp=nlp).quotes
            if q.kind == "direct"] == [("微光智能", None), ("端侧不是伪需求。", "梁一树")]
    # a word that starts with a surname character is no name (原因是…的CEO换了)
    assert [m["name"] for m in nlp("原因是公司的CEO换了。")._.speaker_mentions] == []


def test_a_given_name_described_as_the_writers_friend_is_a_person():
    nlp = stancelib.load(kb=None)
    text = ("星河智能CEO陆一山在台上说，“模型再大，没人用就是零。”\n\n我对此将信将疑。\n\n"
            "海舟是我在一家大厂做产品的朋友。他给我发了一段语音，我整理如下：\n\n“我们要把 AI 藏起来。”")
    assert [q.speaker.name for q in stancelib.extract(text, nlp=nlp).quotes if q.kind == "direct"] == ["陆一山", "海舟"]
    # not a description of the writer's friend: no person
    assert [m["name"] for m in nlp("问题是我们的朋友太少。")._.speaker_mentions] == []


def test_a_two_character_name_before_a_verb_of_duty_is_not_read_with_the_verbs_first_character(nlp_nokb):
    text = "那家初创企业的联合创始人乔岭负责销售，乔岭说：“我们只卖一种产品。”"
    assert {m["name"] for m in nlp_nokb(text)._.speaker_mentions} == {"乔岭"}


@pytest.mark.parametrize("text, full", [
    ("行业协会秘书长闻人朔在会上发言。会后，闻人秘书长回应称：“我们会推出培训。”", "闻人朔"),
    ("推进中心主任钟离岚介绍了进展。钟离主任还透露：“明年会扩容。”", "钟离岚"),
])
def test_a_compound_surname_with_a_title_is_the_full_name_seen_before(nlp_nokb, text, full):
    names = [m["name"] for m in nlp_nokb(text)._.speaker_mentions]
    assert names and set(names) == {full}
    assert only(nlp_nokb, text) == full


def test_the_surname_alone_of_an_english_given_name_and_surname_is_that_person(nlp_nokb):
    text = ("雾港基金合伙人Daniel 韩（同意具名）表示：“我的判断变了。”\n\n"
            "当然，韩并不认为开源会落后。“我只是更谨慎了。”他补充道。")
    assert speakers(nlp_nokb, text) == [("我的判断变了。", "Daniel韩"), ("我只是更谨慎了。", "Daniel韩")]
    # a note in brackets after the name is no alias of it
    assert all(m["name"] == "Daniel韩" for m in nlp_nokb(text)._.speaker_mentions)
    assert mentions(nlp_nokb, "也有两名同意具名的受访者发言。") == []


def test_a_two_character_name_before_a_word_for_a_stance_is_not_read_with_it(nlp_nokb):
    text = "愿意具名的CTO上官澈态度很明确。“我从来不信这一套。”他说。"
    assert [m["name"] for m in nlp_nokb(text)._.speaker_mentions] == ["上官澈"]
    assert only(nlp_nokb, text) == "上官澈"


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_two_character_name_ends_before_the_instrument_verb_yong(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = "晨曦数据创始人卓沂用个人账号发了一条长文。\n\n到了傍晚，卓沂撤下那篇文章，重新表态。他写道：“我们不会开源旗舰模型。”"
    assert {m["name"] for m in nlp(text)._.speaker_mentions} == {"卓沂"}
    assert only(nlp, text) == "卓沂"


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_community_role_ending_in_zhe_is_a_title_before_a_name(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = "星砂框架的核心贡献者柏舟发帖说：“多训一轮不如多测一轮。”\n\n他后来补充，“测试集要公开”。"
    assert speakers(nlp, text) == [("多训一轮不如多测一轮。", "柏舟"), ("测试集要公开", "柏舟")]
    # the role alone, with no name after it, names nobody
    assert [m["name"] for m in nlp("项目的贡献者们纷纷发帖说：“多训一轮不如多测一轮。”")._.speaker_mentions] == []


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_a_heading_line_ending_with_the_title_after_the_name_finds_the_name(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    text = "主讲人 | 屠远舟，晴川机器人创始人兼CTO\n\n屠远舟是当天第二位上台的人，一开口就下了结论：“机械臂会比模型先普及。”"
    assert {m["name"] for m in nlp(text)._.speaker_mentions} == {"屠远舟"}
    # a title at the end of a line with no name before its comma names nobody
    assert [m["name"] for m in nlp("下午的嘉宾，晴川机器人创始人兼CTO\n\n大家好。")._.speaker_mentions] == []


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
@pytest.mark.parametrize("text", ["這家工廠的品管處副理施佑霖說:「良率才是一切。」", "该厂采购部协理施佑霖说：“良率才是一切。”"])
def test_a_deputy_managers_title_of_taiwanese_firms_stands_before_a_name(nlp_name, text, request):
    nlp = request.getfixturevalue(nlp_name)
    assert only(nlp, text) in ("施佑霖",)


@pytest.mark.parametrize("nlp_name", ["nlp", "nlp_nokb"])
def test_zeng_before_a_word_that_ends_a_name_is_the_adverb_not_a_surname(nlp_name, request):
    nlp = request.getfixturevalue(nlp_name)
    assert mentions(nlp, "雾山总裁曾公开说，闭源走不远。") == []
    assert [m for m, _ in mentions(nlp, "雾山创始人曾棠表示，闭源走不远。")] == ["曾棠"]


# --- names the scan finds without a knowledge base: team roles, a name before 写来, a familiar form explained ---


@pytest.mark.parametrize("text, name", [
    ("队长陆明轩是一名大四学生。他告诉记者：“我们熬了两个通宵。”", "陆明轩"),
    ("评委钱立舟在点评时表示：“方案很扎实。”", "钱立舟"),
    ("前不久，我们收到副教授潘悦写来的一封信。她在信里说：“算力要留给冷门研究。”", "潘悦"),
])
def test_a_team_role_or_a_verb_of_writing_ends_the_name_after_it(nlp_nokb, text, name):
    assert only(nlp_nokb, text) == name


def test_a_familiar_form_the_text_explains_stands_for_the_full_name_before_and_after(nlp_nokb):
    text = ("会上我旁边的老韩没鼓掌，小声嘀咕：“数据谁管？”\n\n"
            "老韩叫韩立舟，是我们数据组的负责人。后来老韩想了几秒：“堆可以，但别指望它长出产品。”")
    assert speakers(nlp_nokb, text) == [("数据谁管？", "韩立舟"), ("堆可以，但别指望它长出产品。", "韩立舟")]
    # a familiar form nobody explains, with a different full name of that surname after it, is no guess
    text = "会上老韩小声嘀咕：“数据谁管？”\n\n韩立舟是数据组的负责人。"
    assert speakers(nlp_nokb, text) == [("数据谁管？", None)]


@pytest.mark.parametrize("name", ["洪晓峰", "萧静远", "赖启明", "庹文澜", "郗振邦", "璩晓岚", "逄启"])
def test_a_surname_of_the_hundred_family_list_starts_a_name_without_a_knowledge_base(nlp_nokb, name):
    assert only(nlp_nokb, f"星河智能创始人{name}表示：“开源会赢。”") == name


def test_a_handle_set_off_by_a_colon_or_a_space_is_a_speaker_and_one_run_on_is_left_alone(nlp_nokb):
    text = "热评第一，来自@北冥有鱼不是鲲：“先把闪退修好，再来教育行业。”（1.7万赞）"
    assert only(nlp_nokb, text) == "北冥有鱼不是鲲"
    names = {name for name, _ in mentions(nlp_nokb, "另一位大V@硅谷阿蔺则站在了中间。邮箱 abc@mail.com，下面@了他：好。@深岩智能：回应。")}
    assert not names, names
    # a handle that opens with the name of someone the text names is that person's account
    text = "星河智能创始人林可表示，开源会赢。\n\n她随后在微博@林可在路上 写道：“最好的模型也会开源。”"
    assert only(nlp_nokb, text) == "林可"


@pytest.mark.parametrize("lead", ["赵凯去年说：", "赵凯去年曾说：", "赵凯去年在一次采访中曾说：", "赵凯前阵子在一个访谈里说，",
                                  "赵凯年初在内部信中写道："])
def test_a_time_word_and_a_frame_between_a_name_and_its_verb(nlp_nokb, lead):
    assert only(nlp_nokb, f"{lead}“千亿参数是底线。”") == "赵凯"


def test_a_meeting_is_no_name(nlp_nokb):
    # 董事会上问我: the board, not a person named 董事
    text = "我们的董事、青岚资本合伙人孙立在董事会上问我：“你们为什么不做企业市场？”"
    assert only(nlp_nokb, text) == "孙立"


def test_a_kb_name_that_every_occurrence_carries_on_is_the_longer_name(nlp_kb):
    # 顾远 is in the knowledge base; here every 顾远 goes on into 顾远航, which a title before it reads, even where no
    # boundary after it shows where the name ends (顾远航书面…)
    text = ("星桥科技CEO顾远航书面答本报问。\n\n两年前，顾远航离开大厂创业。他的同事说，顾远航最大的优点是固执。\n\n"
            "问：你们为什么做企业市场？\n\n答：因为企业愿意为确定性付钱。\n\n问：会做消费者产品吗？\n\n答：暂时不会。\n")
    found = {m["name"] for m in nlp_kb(text)._.speaker_mentions}
    assert "顾远航" in found and "顾远" not in found
    doc = nlp_kb(text)
    assert [q.speaker.name for q in doc._.quotes if q.kind == "qa_turn" and not q.is_question] == ["顾远航", "顾远航"]


def test_a_kb_name_standing_whole_elsewhere_is_kept(nlp_kb):
    text = "青松智算创始人顾远说：“算力是底座。”顾远航则认为，应用更重要。"
    assert "顾远" in {m["name"] for m in nlp_kb(text)._.speaker_mentions}
