"""A Chinese name written with the person's Latin given name (孟某 Kevin / 孟某（Kevin）), a transliterated
name after a title, and titles of Taiwan and Hong Kong usage (數位長, 廠長) before a name."""
import pytest

from test_attribution import speakers


@pytest.mark.parametrize("name", ["岑立远 Kevin", "岑立远（Kevin）", "岑立远（星桥智能创始人）"])
def test_a_name_with_its_latin_given_name_or_an_aside_after_the_quote_speaks(nlp_nokb, name):
    assert speakers(nlp_nokb, f"“开源会赢。”星桥智能创始人{name}表示。") == [("开源会赢。", "岑立远")]


def test_the_latin_given_name_alone_later_is_the_same_person(nlp_nokb):
    text = "星桥智能创始人岑立远 Kevin 表示：“开源会赢。”谈到应用，Kevin 说：“我们不做C端。”"
    assert speakers(nlp_nokb, text) == [("开源会赢。", "岑立远"), ("我们不做C端。", "岑立远")]


@pytest.mark.parametrize("text", ["永泰金控數位長黃怡安說：「我們不太在乎模型是開源還是閉源。」",
                                  "工厂厂长贾志衡回忆说：“模型权重可以放在厂里。”",
                                  "公司首席数据官黄怡安表示：“模型权重可以放在厂里。”"])
def test_a_name_after_a_title_of_regional_or_newer_usage_speaks(nlp_nokb, text):
    assert [s for _, s in speakers(nlp_nokb, text)] == ["黄怡安" if "怡安" in text else "贾志衡"]


def test_a_transliterated_name_that_recurs_is_a_speaker_after_its_title(nlp_nokb):
    text = ("北峰公司首席运营官怀特莫尔（Dan Whit）在接受采访时表示：“企业买的是一份承诺。”"
            "怀特莫尔形容，企业需要的是“凌晨三点打得通的电话”。")
    assert speakers(nlp_nokb, text)[0] == ("企业买的是一份承诺。", "怀特莫尔")


@pytest.mark.parametrize("text, name", [("芯途公司副总裁马骁给出了另一种答案：“端侧是机会。”", "马骁"),
                                        ("金融业：不在乎开不开源\n\n站在买方的角度，“我们要的是能审计的模型。”", None)])
def test_a_preposition_after_a_name_and_a_sector_heading_are_no_part_of_a_name(nlp_nokb, text, name):
    assert speakers(nlp_nokb, text)[-1][1] == name
