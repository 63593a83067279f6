"""Where a speaker's name ends: a knowledge-base name inside a longer name, a title set off after a name,
spaces before the verb, a transliterated name after an organisation. Invented people and companies."""
import pytest

import stancelib

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


@pytest.fixture(scope="module")
def nlp_nokb():
    return stancelib.load(kb=None)


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
