"""Views said back then and views held now: a dated lead-in (他曾在发布会上说 / 同年…他又说 / 他当时的评价是)
gives way to what the same speaker says now on the same topic, a belief held in the past (过去我相信 / 三年前我
真心相信) says nothing of now, and a dismissive noun (安慰奖) counts against its side."""
import pytest

import stancelib
from stancelib.stance import aggregate, load_topics, stance_rules


@pytest.fixture(scope="module")
def nlp():
    return stancelib.load(kb=None)


def _claim(cid, stance, conf, quote, then=False):
    return {"id": cid, "speaker": {"name": "甲", "surface": "甲"}, "topic": "open_vs_closed", "stance": stance,
            "confidence": conf, "quote_id": quote, "then": then}


def test_a_view_said_back_then_gives_way_to_the_view_held_now():
    [summary] = aggregate([_claim("c0", "closed", 0.7, "q0", then=True), _claim("c1", "open", 0.6, "q1")], load_topics())
    assert summary["stance"] == "open" and summary["strongest"] == "c1" and summary["claim_ids"] == ["c0", "c1"]


def test_a_view_said_back_then_stands_when_nothing_is_said_now():
    [summary] = aggregate([_claim("c0", "closed", 0.7, "q0", then=True), _claim("c1", "neutral", 0.5, "q1")], load_topics())
    assert summary["stance"] == "closed"


@pytest.mark.parametrize("lead", ["他曾在2023年的发布会上说：", "他当时的评价是：", "同年接受采访时，他又说："])
def test_a_dated_quote_is_superseded_by_a_later_one_of_the_same_speaker(nlp, lead):
    text = (f"星桥智能创始人卢闻表示，公司已经转向。\n\n{lead}“闭源模型是我们最深的护城河，开源等于把底牌交给对手。”\n\n"
            "如今，卢闻的看法变了：“开源让客户敢用，我们会坚持开源。”")
    [summary] = [s for s in nlp(text)._.stances if s.topic == "open_vs_closed"]
    assert summary.stance == "open"


def test_an_undated_earlier_quote_still_makes_the_view_mixed(nlp):
    text = ("星桥智能创始人卢闻表示：“闭源模型是我们最深的护城河，开源等于把底牌交给对手。”\n\n"
            "卢闻也说：“开源让客户敢用，我们会坚持开源。”")
    [summary] = [s for s in nlp(text)._.stances if s.topic == "open_vs_closed"]
    assert summary.stance == "mixed"


@pytest.mark.parametrize("text", ["过去我相信，只要把模型做大，参数越多能力越强。", "三年前我真心相信，规模越大模型越强。"])
def test_a_belief_held_in_the_past_says_nothing_of_now(text):
    assert stance_rules(load_topics()).decide("scaling_law", text)[0] == "neutral"


def test_a_consolation_prize_dismisses_its_side():
    label = stance_rules(load_topics()).decide("open_vs_closed", "开源模型是给做不出最好模型的人准备的安慰奖。")[0]
    assert label != "open"


@pytest.mark.parametrize("text", ["我们常听到一种说法：开源模型已经追上闭源，企业没有理由再付授权费。我不同意。",
                                  "有人说开源模型已经追上闭源，企业没有理由再付授权费。但我不这么看。"])
def test_a_view_reported_then_turned_down_in_the_next_sentence_counts_against_itself(text):
    assert stance_rules(load_topics()).decide("open_vs_closed", text)[0] == "closed"


def test_a_view_reported_and_a_sentence_of_ones_own_after_it_stay_apart():
    text = "有人说开源模型已经追上闭源。我们会继续开源。"
    assert stance_rules(load_topics()).decide("open_vs_closed", text)[0] == "open"
