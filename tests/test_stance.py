"""Topics and stance labels: one statement per construction, with the exact expected label."""
import pytest

import stancelib
from stancelib.errors import ConfigError
from stancelib.stance import _words_put_to_answerer, aggregate, load_topics, stance_rules


@pytest.fixture(scope="module")
def rules():
    return stance_rules(load_topics())


@pytest.fixture(scope="module")
def nlp():
    return stancelib.load(kb=None)


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("open_vs_closed", "开源会成为主流，生态的力量是无穷的。", "open"),
        ("open_vs_closed", "我们不会开源最核心的模型。", "closed"),
        ("open_vs_closed", "闭源会越来越领先，开源的窗口正在关闭。", "closed"),
        ("open_vs_closed", "开源模型会越来越落后。", "closed"),
        ("open_vs_closed", "开源模型比闭源API更适合做产品。", "open"),
        ("open_vs_closed", "开源和闭源并不冲突，两条腿走路。", "mixed"),
        ("open_vs_closed", "有人认为开源只是营销手段，但我认为开源是未来。", "open"),
        ("open_vs_closed", "难道开源不香吗？", "open"),
        ("tob_vs_toc", "我们的路不是To B，而是To C。", "to_c"),
        ("tob_vs_toc", "与其做C端流量，不如服务好企业客户。", "to_b"),
        ("tob_vs_toc", "我们只做C端。", "to_c"),
        ("tob_vs_toc", "医疗AI一定是To B的。", "to_b"),
        ("tob_vs_toc", "一方面B端收入稳定，另一方面C端有更大的想象空间。", "mixed"),
        ("tob_vs_toc", "虽然To C很热闹，但是B端的收入更扎实。", "to_b"),
        ("scaling_law", "Scaling Law还远没有到头。", "believer"),
        ("scaling_law", "我不认为规模定律失效了。", "believer"),
        ("scaling_law", "单纯堆算力，边际收益正在递减。", "skeptic"),
        ("scaling_law", "下一阶段拼的是数据质量，而不是一味堆算力。", "skeptic"),
        ("device_vs_cloud", "真正有用的智能体必须跑在云端。", "cloud"),
        ("device_vs_cloud", "所有能力都在本地完成，不依赖任何云端服务。", "device"),
        ("device_vs_cloud", "端云协同才是答案。", "mixed"),
        ("device_vs_cloud", "我们的方案以本地部署为主。", "device"),
        ("open_vs_closed", "没有开源就没有今天的互联网。", "open"),
        ("device_vs_cloud", "我们今天也讨论了端侧模型。", "neutral"),
        # constructions of issue 10, one invented sentence each
        ("scaling_law", "万卡集群就能撑起规模定律吗？", "neutral"),            # a question takes no side
        ("device_vs_cloud", "推理正在从云端大规模迁往车机和手表。", "device"),   # a shift: the side moved to
        ("open_vs_closed", "无论开源还是闭源，最后拼的都是落地能力。", "neutral"),  # indifference
        ("device_vs_cloud", "端侧负责隐私数据，云端负责复杂推理。", "mixed"),      # division of labour
        ("tob_vs_toc", "我们先做C端，再做B端。", "mixed"),
        ("tob_vs_toc", "当然，我们也接企业客户的单子，但那只是为了活下去。", "neutral"),  # granted, then demoted
        ("device_vs_cloud", "手表上那点算力只够给云端打打下手。", "cloud"),            # a side judged insufficient                        # one side now, the other later
        ("open_vs_closed", "很多人说开源模型总是慢一步，我看未必。", "open"),       # a reported view rejected
        ("open_vs_closed", "我们从来没打算把开源当成主业。", "closed"),            # negation over a goal
        ("open_vs_closed", "权重和训练代码都会放到代码仓库里，谁都能下载。", "open"),  # an act implying a side
        ("open_vs_closed", "开源终将超越闭源。", "open"),                          # to overtake a side
        ("open_vs_closed", "他们背离了开源的初衷。", "open"),                      # blamed for leaving an ideal
        ("scaling_law", "数据越多、模型越大，效果就越好。", "believer"),           # the law without its name
        ("scaling_law", "不是模型越大越好，而是要算清成本。", "skeptic"),
        ("scaling_law", "只要给它喂更多的数据，模型就会变得更聪明。", "believer"),  # more makes better
        ("scaling_law", "训练数据量的增加让模型更强。", "believer"),
        ("scaling_law", "更多的数据并不意味着更好的模型。", "skeptic"),
        ("scaling_law", "我们押的就是 scaling。", "believer"),                   # a term variant
        ("scaling_law", "靠的不是堆参数，是数据质量。", "skeptic"),                # 不是A，是B
        ("scaling_law", "原以为参数越多越好。", "neutral"),                     # a past view, not a claim
        ("open_vs_closed", "开源还是闭源，这不是最要紧的，关键是落地。", "neutral"),  # a choice set aside
        ("open_vs_closed", "开源还是闭源？我更看好开源。", "open"),                 # 还是 as "or"
        ("open_vs_closed", "最后我们还是选了闭源。", "closed"),                     # 还是 as "still"
        ("open_vs_closed", "下个月我们会把模型全部开源出来。", "open"),
        ("open_vs_closed", "我们会开源一部分小模型。", "mixed"),                    # a side taken in part
        ("scaling_law", "有人说规模定律到头了，其实远没有。", "believer"),
        ("tob_vs_toc", "C端用户的付费意愿很低。", "to_b"),
        ("device_vs_cloud", "以后大部分推理会在终端侧完成。", "device"),
        ("device_vs_cloud", "离开云端，手表上的小模型什么也干不了。", "cloud"),       # what nothing works without
        ("tob_vs_toc", "有人问她会不会做C端，她笑而不答。", "neutral"),           # an embedded question
        ("scaling_law", "参数规模不再是决定性因素。", "skeptic"),
        ("tob_vs_toc", "企业客户数同比增长一倍。", "neutral"),                    # a reported figure is a fact
        ("device_vs_cloud", "云端收入今年增长了40%。", "neutral"),
        ("scaling_law", "这门技术从最初很不成熟到后来靠着规模定律，效果惊人。", "neutral"),  # not 不成熟 of the law
    ],
)
def test_label_of_statement(rules, topic, text, label):
    assert rules.topics_in(text) and topic in rules.topics_in(text)
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize("text", ["外卖平台靠的是规模效应。", "我们的云计算业务收入增长很快。", "数据中心的营收同比翻倍。",
                                  "用户规模的扩大让我们的服务更好。"])
def test_everyday_sense_of_a_weak_term_is_no_topic(rules, text):
    assert rules.topics_in(text) == []


def test_a_business_term_with_a_side_is_no_weak_term(rules):
    assert rules.decide("tob_vs_toc", "我们的产品主要面向企业用户。")[0] == "to_b"
    assert rules.decide("device_vs_cloud", "这类智能体只能跑在云上。")[0] == "cloud"


def test_weak_term_counts_beside_another_term_of_its_topic(rules):
    assert rules.topics_in("端侧算力有限，大模型还得放在数据中心。") == ["device_vs_cloud"]


def test_a_cue_decides_only_in_a_sentence_that_names_its_topic(rules):
    text = "我们坚信规模定律。隔壁团队的产品已经碰到天花板了。"
    assert rules.decide("scaling_law", text)[0] == "believer"


def test_evidence_is_the_deciding_sentence(nlp):
    text = "陈思远说：“今年我们招了很多人。开源会成为主流。明年还会更忙。”"
    [claim] = nlp(text)._.claims
    assert claim.evidence.text == "开源会成为主流。" == text[claim.evidence.start:claim.evidence.end]


def test_short_turn_ending_in_a_question_takes_no_side(nlp):
    text = "记者韩东说：“有一种说法是开源终将胜出。你们看到这样的趋势了吗？”"
    assert [c for c in nlp(text)._.claims if c.stance != "neutral"] == []


def _claim(cid, stance, conf, quote):
    return {"id": cid, "speaker": {"name": "甲", "surface": "甲"}, "topic": "open_vs_closed", "stance": stance,
            "confidence": conf, "quote_id": quote}


def test_one_weak_contrary_claim_does_not_make_a_summary_mixed():
    [summary] = aggregate([_claim("c0", "open", 0.8, "q0"), _claim("c1", "open", 0.7, "q1"),
                           _claim("c2", "closed", 0.45, "q2")], load_topics())
    assert summary["stance"] == "open" and summary["strongest"] == "c0"


def test_confident_claims_on_both_sides_from_different_statements_are_mixed():
    [summary] = aggregate([_claim("c0", "open", 0.7, "q0"), _claim("c1", "closed", 0.6, "q1")], load_topics())
    assert summary["stance"] == "mixed"


def test_both_sides_in_one_statement_are_not_two_statements():
    [summary] = aggregate([_claim("c0", "open", 0.7, "q0"), _claim("c1", "closed", 0.6, "q0")], load_topics())
    assert summary["stance"] == "open"


def test_summary_shows_its_strongest_claims_evidence(nlp):
    text = "陈思远表示：“开源会成为主流。”他还说：“开源生态的力量是无穷的，我们会一直支持开源。”"
    doc = nlp(text)
    [summary] = doc._.stances
    best = max(doc._.claims, key=lambda c: c.confidence)
    assert summary.evidence == best.evidence and text[summary.evidence.start:summary.evidence.end] == summary.evidence.text


def test_user_file_extends_a_construction_lexicon(tmp_path):
    f = tmp_path / "topics.yaml"
    f.write_text("lexicon:\n  shift_verbs: [挪往]\n", encoding="utf-8")
    rules = stance_rules(load_topics(f))
    assert rules.decide("device_vs_cloud", "推理会从云端挪往手表上的端侧芯片。")[0] == "device"
    assert "迁往" in load_topics(f).lexicon["shift_verbs"]


def test_decision_names_its_cues(rules):
    label, conf, cues = rules.decide("tob_vs_toc", "我们的路不是To B，而是To C。")
    assert label == "to_c" and 0 < conf <= 1 and any("To C" in c for c in cues)


def test_claims_point_at_their_evidence(nlp):
    text = "星河智能CEO陈思远表示：“开源会成为主流。”"
    doc = nlp(text)
    [claim] = doc._.claims
    assert (claim.speaker.name, claim.topic, claim.stance) == ("陈思远", "open_vs_closed", "open")
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text == "开源会成为主流。"
    assert claim.quote_id == doc._.quotes[0].id


def test_no_claims_from_scare_quotes_rebuttals_or_questions(nlp):
    text = ("陈思远并不认同“开源是智商税”的说法。\n"
            "记者：你认为开源会赢吗？\n"
            "韩东：这个问题上我们很坚定，一定会坚持开源。\n")
    doc = nlp(text)
    # the saying itself is nobody's claim; turning down a saying against open source is being for it
    assert [(c.speaker.name, c.topic, c.stance) for c in doc._.claims] == [("陈思远", "open_vs_closed", "open"),
                                                                          ("韩东", "open_vs_closed", "open")]
    assert [q.speaker for q in doc._.quotes if q.kind == "direct"] == [None]


def test_attitude_statement_without_quotes_is_a_claim(nlp):
    doc = nlp("星河智能CEO陈思远对Scaling Law持保留态度。")
    assert [(c.speaker.name, c.topic, c.stance) for c in doc._.claims] == [("陈思远", "scaling_law", "skeptic")]


def test_answer_that_omits_the_topic_takes_the_questions_topic(nlp):
    text = "记者：你们会做端侧模型吗？\n韩东：会，这是我们明年最重要的方向。\n"
    doc = nlp(text)
    assert [(c.topic, c.stance) for c in doc._.claims] == [("device_vs_cloud", "device")]


def test_statement_without_the_topic_takes_the_speakers_previous_one(nlp):
    text = "陈思远表示：“开源是我们的使命。”他接着说：“我们会一直坚持下去，这是最重要的方向。”"
    claims = [(c.topic, c.stance, c.evidence.text) for c in nlp(text)._.claims]
    assert claims == [("open_vs_closed", "open", "开源是我们的使命。"),
                      ("open_vs_closed", "open", "我们会一直坚持下去，这是最重要的方向。")]


def test_conflicting_claims_aggregate_to_mixed(nlp):
    text = ("陈思远表示：“开源会成为主流。”\n"
            "不过陈思远也说：“最核心的模型我们不会开源，闭源更可控。”\n")
    doc = nlp(text)
    [summary] = [s for s in doc._.stances if s.topic == "open_vs_closed"]
    assert summary.stance == "mixed" and len(summary.claim_ids) == 2


def test_agreeing_claims_aggregate_to_their_label(nlp):
    text = "陈思远表示：“开源会成为主流。”他还说：“开源生态的力量是无穷的。”"
    [summary] = nlp(text)._.stances
    assert summary.stance == "open" and summary.speaker.name == "陈思远"


def test_user_topic_file_merges_with_builtins(tmp_path):
    f = tmp_path / "topics.yaml"
    f.write_text(
        "topics:\n  agents:\n    labels: [pro, con, mixed, neutral]\n    opposite: {pro: con, con: pro}\n"
        "    sides:\n      pro: [智能体, Agent]\n", encoding="utf-8")
    topics = load_topics(f)
    assert set(topics.topics) == {"scaling_law", "open_vs_closed", "tob_vs_toc", "device_vs_cloud", "agents"}
    nlp = stancelib.load(topics=str(f), kb=None)
    doc = nlp("陈思远表示：“智能体会是明年最大的机会。”")
    assert [(c.topic, c.stance) for c in doc._.claims] == [("agents", "pro")]


def test_user_topic_file_can_replace_builtins(tmp_path):
    f = tmp_path / "topics.yaml"
    f.write_text("mode: replace\ntopics:\n  agents:\n    labels: [pro, con]\n    sides:\n      pro: [智能体]\n", encoding="utf-8")
    assert list(load_topics(f).topics) == ["agents"]


@pytest.mark.parametrize(
    "content, needle",
    [
        ("topics:\n  x:\n    labels: [a]\n    sides: {a: [t]}\n", "topics.x.labels"),
        ("topics:\n  x:\n    labels: [a, b]\n    sides: {c: [t]}\n", "topics.x"),
        ("topics: [1, 2", "not valid YAML"),
        ("- just a list\n", "mapping"),
        ("lexicon:\n  no_such_list: [x]\n", "lexicon"),
        ("topics:\n  x:\n    labels: [a, b]\n    sides: {a: [t]}\n    weak: [u]\n", "weak"),
        ("topics:\n  x:\n    labels: [a, b]\n    sides: {a: [t]}\n    paraphrases: {a: ['(']}\n", "regex"),
    ],
)
def test_bad_topic_file_names_file_and_entry(tmp_path, content, needle):
    f = tmp_path / "bad_topics.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_topics(f)
    assert "bad_topics.yaml" in str(err.value) and needle in str(err.value) and "[E010]" in str(err.value)


def test_learned_stance_model_labels_a_users_topic(tmp_path):
    """A model from `stancelib train` decides the labels of a topic that names it (model_target)."""
    from stancelib.stance_model import StanceClassifier

    favor = ["智能体会是明年最大的机会", "我们全力押注智能体", "智能体一定会改变软件", "智能体的前景非常好",
             "我看好智能体的未来", "智能体值得投入"]
    against = ["智能体是伪需求", "智能体被严重高估了", "我不看好智能体", "智能体只是噱头",
               "智能体很难落地", "智能体的泡沫太大"]
    texts = favor + against
    model = StanceClassifier().fit(texts, ["智能体"] * len(texts), ["FAVOR"] * 6 + ["AGAINST"] * 6)
    model.to_disk(tmp_path / "model")
    topics = tmp_path / "topics.yaml"
    topics.write_text(
        "topics:\n  agents:\n    labels: [pro, con, mixed, neutral]\n    opposite: {pro: con, con: pro}\n"
        "    sides:\n      pro: [智能体]\n    model_target: 智能体\n"
        "    model_labels: {FAVOR: pro, AGAINST: con, NONE: neutral}\n", encoding="utf-8")
    nlp = stancelib.load(topics=str(topics), kb=None, stance_model=str(tmp_path / "model"))
    doc = nlp("陈思远表示：“我看好智能体，它值得投入。”\n韩东则表示：“智能体只是噱头，被严重高估了。”\n")
    labels = {(c.speaker.name, c.topic): c.stance for c in doc._.claims if c.topic == "agents"}
    assert labels == {("陈思远", "agents"): "pro", ("韩东", "agents"): "con"}
    assert all(c.cues[0].startswith("model:") for c in doc._.claims if c.topic == "agents")


def test_bad_stance_model_directory_is_a_config_error(tmp_path):
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[E021\].*stance model"):
        stancelib.load(stance_model=str(tmp_path))


# --- the `stances` command and `extract --what` (run as users run them) ------------------------------

def _cli(*args: str):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "stancelib.cli", *args], capture_output=True, timeout=120)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "a.txt"
    path.write_text("陈思远表示：“开源会成为主流。”\n他还说：“我们会一直支持开源，生态的力量是无穷的。”\n", encoding="utf-8")
    return path


def test_stances_command_prints_summaries_with_their_evidence(article):
    import json

    code, out, _ = _cli("stances", str(article), "--format", "jsonl", "--kb", "none")
    [summary] = [json.loads(line) for line in out.splitlines()]
    text = article.read_text(encoding="utf-8")
    assert code == 0 and (summary["speaker"]["name"], summary["topic"], summary["stance"]) == ("陈思远", "open_vs_closed", "open")
    ev = summary["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"] and len(summary["claim_ids"]) == 2


def _main(argv, capsys):
    """``stancelib.cli.main`` in this process: the same code path after parsing, without a subprocess."""
    from stancelib.cli import main

    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_extract_what_agrees_with_the_other_commands(article, capsys):
    import json

    common = [str(article), "--format", "jsonl", "--kb", "none"]
    outputs = {what: _main(["extract", *common, "--what", what], capsys)[1] for what in ("claims", "stances", "quotes", "all")}
    assert outputs["claims"] == _main(["extract", *common], capsys)[1]
    assert outputs["stances"] == _main(["stances", *common], capsys)[1]
    assert outputs["quotes"] == _main(["quotes", *common], capsys)[1]
    [result] = [json.loads(line) for line in outputs["all"].splitlines()]
    assert [s["stance"] for s in result["stances"]] == [json.loads(line)["stance"] for line in outputs["stances"].splitlines()]


def test_stances_as_csv_and_all_as_csv_is_a_usage_error(article, capsys):
    code, out, _ = _main(["stances", str(article), "--format", "csv", "--kb", "none"], capsys)
    assert code == 0 and out.splitlines()[0] == "doc_id,speaker,topic,stance,confidence,claim_ids,start,end,evidence"
    code, _, err = _main(["extract", str(article), "--format", "csv", "--what", "all"], capsys)
    assert code == 2 and "--what all" in err


def test_stances_table_shows_the_evidence(article, capsys):
    code, out, _ = _main(["stances", str(article), "--format", "table", "--kb", "none"], capsys)
    assert code == 0 and "open_vs_closed" in out and "c0 c1" in out


def test_bijiao_is_rather_not_than():
    import stancelib

    doc = stancelib.load(kb=None)("星河资本合伙人周立衡表示：“我比较看好端侧，隐私和延迟是刚需。”")
    assert [(c.topic, c.stance) for c in doc._.claims] == [("device_vs_cloud", "device")]


@pytest.mark.parametrize("pattern, free", [
    ("(?:模型|数据)[^，。]{0,8}越大", True),   # a negated class is no anchor
    ("^越大越好", False), ("越好$", False), (r"\bscaling", False), ("(?<!不)越大", False), ("(?=越)越", False),
    (r"a\$", False),                            # an escaped mark is taken for one: the safe side
])
def test_a_paraphrase_with_an_anchor_or_look_around_is_looked_for_per_sentence(pattern, free):
    import re

    from stancelib.stance import _context_free

    assert _context_free(re.compile(pattern)) is free


# --- a side's statement read: predicates, priorities, limits, rhetoric, split quotes, questions, hedges ----

@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a side term as the subject of an evaluative predicate
        ("open_vs_closed", "开放权重一直是我们公司的首选。", "open"),
        ("scaling_law", "规模法则依然是通向更强模型的道路。", "believer"),
        ("tob_vs_toc", "C端并不是我们的重心。", "to_b"),
        ("device_vs_cloud", "AI PC的时代终于来了。", "device"),
        ("device_vs_cloud", "端侧不过是一种补充。", "cloud"),
        ("device_vs_cloud", "这个模型能够直接在车机上运行。", "device"),
        ("device_vs_cloud", "大模型在车机上跑不动。", "cloud"),
        ("open_vs_closed", "开源是我们的核心技术之一。", "neutral"),       # a role noun inside a longer noun
        ("open_vs_closed", "闭源不光是一种战略。", "neutral"),                 # not only: neither up nor down
        ("open_vs_closed", "闭源没有出路。", "open"),
        # the speaker's own priority, said of the side named before the turn
        ("tob_vs_toc", "B端市场也有它的价值，但不是我们的重点。", "to_c"),
        # a limit not reached / reached
        ("scaling_law", "我们远没有摸到规模法则的天花板。", "believer"),
        ("scaling_law", "行业已经摸到了规模法则的天花板。", "skeptic"),
        # "only" before a verb of commitment commits; "not only" does not
        ("tob_vs_toc", "公司只面向企业用户。", "to_b"),
        ("tob_vs_toc", "我们不只服务企业客户。", "neutral"),
        ("open_vs_closed", "新一代模型会完全开放权重。", "open"),
        # what nothing comes without, asked rhetorically
        ("open_vs_closed", "没有开源社区，何来今天这么多应用？", "open"),
        # a verb of disbelief over the bare side
        ("scaling_law", "我从不相信堆参数。", "skeptic"),
        ("scaling_law", "我不认为规模定律失效了。", "believer"),
        # too early to tell: no vote against the side named before it
        ("device_vs_cloud", "推理也许最终会在端侧完成，但现在说还为时尚早。", "device"),
        ("device_vs_cloud", "现在做端侧模型还为时尚早。", "cloud"),
    ],
)
def test_side_read_from_its_statement(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


def test_a_hedge_lowers_the_confidence(rules):
    plain = rules.decide("device_vs_cloud", "推理最终会在端侧完成。")
    hedged = rules.decide("device_vs_cloud", "推理最终会在端侧完成，不过现在下结论还太早。")
    assert plain[0] == hedged[0] == "device" and hedged[1] < plain[1]


def test_impossible_is_not_a_hedge_and_not_necessarily_negates(rules):
    certain = rules.decide("scaling_law", "光靠堆参数不可能做出通用智能。")
    plain = rules.decide("scaling_law", "光靠堆参数很难做出通用智能。")
    assert certain[0] == plain[0] == "skeptic" and certain[1] == plain[1]
    assert rules.decide("open_vs_closed", "开源不一定会赢。")[0] == "closed"  # as 未必: not the side it doubts


def test_split_quote_is_judged_as_one_statement(nlp):
    text = "“端侧大模型，”林可笑着说，“会是今年增长最快的趋势。”"
    doc = nlp(text)
    [claim] = doc._.claims
    assert (claim.speaker.name, claim.topic, claim.stance) == ("林可", "device_vs_cloud", "device")
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert claim.evidence.text.startswith("端侧大模型") and claim.evidence.text.endswith("趋势。")


def test_two_quotes_of_two_sentences_stay_two_statements(nlp):
    text = "林可说：“开源会成为主流。”“我们也会做端侧。”"
    assert {c.topic for c in nlp(text)._.claims} == {"open_vs_closed", "device_vs_cloud"}


def test_disbelief_before_a_reported_clause_counts(nlp):
    doc = nlp("周启明说，公司从来不相信规模定律。")
    assert [(c.speaker.name, c.topic, c.stance) for c in doc._.claims] == [("周启明", "scaling_law", "skeptic")]


def test_answerers_own_words_quoted_in_a_question_yield_no_claim(nlp):
    text = ("澜舟数据CEO周启明接受了本报专访。\n"
            "记者：周总去年说过“闭源才是正道”，今天还这么认为吗？\n"
            "周启明：我现在更看好开源。\n")
    doc = nlp(text)
    question = text.index("周总去年")
    assert all(c.evidence.start < question or c.evidence.start > text.index("今天还") for c in doc._.claims)
    [summary] = doc._.stances
    assert summary.stance == "open"


def test_a_third_party_quoted_in_a_question_keeps_the_claim():
    def rec(rid, kind, start, end, name, question=False):
        return {"id": rid, "kind": kind, "start": start, "end": end, "is_question": question,
                "speaker": {"name": name} if name else None}
    records = [rec("q0", "qa_turn", 0, 40, None, question=True), rec("q1", "direct", 5, 15, "孟凡宇"),
               rec("q2", "direct", 20, 30, "周启明"), rec("q3", "qa_turn", 45, 60, "周启明")]
    assert _words_put_to_answerer(records) == {"q2"}


def test_opening_yes_or_no_decides_an_answer_that_names_the_side_without_judging(nlp):
    text = "记者：你们会做C端产品吗？\n周启明：不会，C端这块我们暂时没有计划。\n"
    assert [(c.topic, c.stance) for c in nlp(text)._.claims] == [("tob_vs_toc", "to_b")]


def test_yes_or_no_to_a_question_against_its_side_takes_no_side(nlp):
    text = "记者：你们会放弃端侧吗？\n周启明：不会。\n"
    assert [c for c in nlp(text)._.claims if c.stance != "neutral"] == []


def test_a_priority_said_of_another_noun_takes_no_side(rules):
    # 是我们的重点 with its subject left out judges the side before it; with its own subject it does not
    assert rules.decide("device_vs_cloud", "压低云端成本是我们今年的重点。")[0] == "neutral"


# --- vocabulary of the sides, and views of others turned down -----------------------------------------

@pytest.mark.parametrize(
    "topic, text, label",
    [
        # scaling named by what is scaled up, and judged by the clause
        ("scaling_law", "只靠扩大参数量，回报正在一点点递减。", "skeptic"),
        ("scaling_law", "光靠扩大大语言模型，走到最后就是一条死胡同。", "skeptic"),
        ("scaling_law", "单纯依赖预训练规模，很快就会遇到瓶颈。", "skeptic"),
        ("scaling_law", "我们明年还会继续扩大模型规模。", "believer"),
        ("scaling_law", "数据的质量更要紧，规模并不是一切。", "skeptic"),
        ("scaling_law", "渠道和用户规模不是一切，口碑才是。", "neutral"),  # a business's scale: no topic
        ("scaling_law", "在我们看来，算力投入还会继续换来能力提升。", "believer"),
        # side terms: 专有, B2B/B2C, 消费端, 设备里; 胜过 overtakes
        ("open_vs_closed", "开放的社区迟早会胜过专有系统。", "open"),
        ("tob_vs_toc", "青禾从来都是做B2B的。", "to_b"),
        ("tob_vs_toc", "下一波红利在消费端。", "to_c"),
        ("tob_vs_toc", "公司短期内不会进入企业市场。", "to_c"),
        ("tob_vs_toc", "今年会砍掉几条消费级产品线。", "to_b"),
        ("device_vs_cloud", "我们想把助手装进每一台设备里。", "device"),
        ("device_vs_cloud", "离线翻译，是云端方案做不到的。", "device"),
        ("device_vs_cloud", "端与云会长期并存。", "mixed"),
        ("open_vs_closed", "他们会继续公开Orca模型的权重。", "open"),
        ("open_vs_closed", "我们会开放模型的调用接口。", "neutral"),
        # 不会只做X: not that side alone, which is not turning it down
        ("open_vs_closed", "开源会赢，但我们不会只做开源。", "open"),
        ("tob_vs_toc", "我们不会只做C端。", "neutral"),
        # a polarity word naming the domain judged (在…上) does not judge
        ("open_vs_closed", "把旗舰模型直接开源，在安全上是不负责任的。", "closed"),
        # a cleft: what is said of A is denied of B; a bad predicate turns it round
        ("tob_vs_toc", "能赚到钱的是企业客户，不是个人用户。", "to_b"),
        ("open_vs_closed", "掉队的是闭源阵营，而不是开源。", "open"),
        ("scaling_law", "碰壁的是某一类语料的scaling，并不是scaling本身。", "believer"),
        ("scaling_law", "撞墙的不是规模定律，而是数据。", "believer"),
        # a view of others turned down in the speaker's own clause
        ("scaling_law", "我们不会因为别人说规模定律到头了就收手。", "believer"),
        ("device_vs_cloud", "团队不会因为外界说端侧没前途就转向云端。", "device"),
        ("open_vs_closed", "公司不会因为投资人质疑就放弃开源，社区是我们的底座。", "open"),  # the action not taken
        ("open_vs_closed", "那些唱衰开源的人，恐怕没用过最新的版本。", "open"),
        ("tob_vs_toc", "认为C端没有机会的人，大概没见过我们的留存。", "to_c"),
        # …but not when the holders are counted or agreed with (no side then), nor a negated shift
        ("open_vs_closed", "说开源会赢的人越来越多。", "neutral"),
        ("open_vs_closed", "觉得闭源更安全的人，说得对。", "neutral"),
        ("device_vs_cloud", "我们不会转向云端。", "device"),
        # a view said by the speaker (not by others) stays the speaker's
        ("open_vs_closed", "我说开源已经落后了。", "closed"),
        # 所谓 is a scare quote, not someone else's view
        ("scaling_law", "她一向不信所谓的规模法则，参数不是越多越好。", "skeptic"),
        # the side compared with takes the clause's opposite, also for 远大于
        ("open_vs_closed", "开源方案远远落后于闭源模型。", "closed"),
        ("tob_vs_toc", "面向个人用户的风险远大于企业客户。", "to_b"),
        ("tob_vs_toc", "C端的空间远大于B端。", "to_c"),
        # a side turned into against expectation, after the other one: the side left is valued
        ("open_vs_closed", "这个实验室当初靠开源出名，后来却成了一家闭源公司。", "open"),
        ("open_vs_closed", "这个项目后来却变成了开源项目。", "neutral"),  # no side left behind: no lament
        # a model put into the devices themselves
        ("device_vs_cloud", "明年我们的助手要装进一亿台汽车。", "device"),
        ("device_vs_cloud", "我们不会把千亿模型塞进手机。", "cloud"),
    ],
)
def test_side_vocabulary_and_views_turned_down(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


def test_an_answer_that_disagrees_with_the_view_a_question_puts_takes_the_other_side(nlp):
    text = "记者：有人说“端侧模型永远跑不动复杂任务”，你同意吗？\n韩冬青：我不同意。明年的芯片会完全不一样。\n"
    assert [(c.speaker.name, c.topic, c.stance) for c in nlp(text)._.claims] == [("韩冬青", "device_vs_cloud", "device")]
    agreed = "记者：有人说开源已经落后了，你怎么看？\n韩冬青：我同意，差距还在拉大。\n"
    assert [(c.topic, c.stance) for c in nlp(agreed)._.claims] == [("open_vs_closed", "closed")]


def test_a_traditional_script_statement_is_read_after_simplification(nlp):
    text = "鼎文科技董事長韋明遠表示，公司不會進入消費市場，「我們是做B2B的」。"
    assert {(c.speaker.name, c.topic, c.stance) for c in nlp(text)._.claims} == {("韦明远", "tob_vs_toc", "to_b")}


def test_a_question_quoted_in_prose_yields_no_claim(nlp):
    assert list(nlp("主持人林可问星河智能CEO顾南星：“你们会开源吗？”")._.claims) == []
    claims = nlp("林可说：“难道开源不香吗？”")._.claims  # a rhetorical question takes a side
    assert [(c.topic, c.stance) for c in claims] == [("open_vs_closed", "open")]


# Paraphrases of a side: places, limits, hedges, said without the side's usual term.
@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("device_vs_cloud", "病人的影像资料绝不该离开医院的终端。", "device"),
        ("device_vs_cloud", "聊天记录从不离开用户的手机。", "device"),
        ("device_vs_cloud", "千亿参数的模型，平板里根本装不下。", "cloud"),
        ("device_vs_cloud", "重训练还是得放在数据中心里。", "cloud"),
        ("device_vs_cloud", "高难度的推理，终究还是在云上跑。", "cloud"),
        ("device_vs_cloud", "把端和云割裂开来看，本身就没有意义。", "mixed"),
        ("device_vs_cloud", "端和云这件事上，我选择站中间。", "mixed"),
        ("open_vs_closed", "这件事上我站在开源一边。", "open"),
        ("open_vs_closed", "开源和闭源，我们公司两边都要。", "mixed"),
        ("open_vs_closed", "用闭源接口，说到底是在用一套租来的能力。", "open"),
        ("open_vs_closed", "开源不等于放弃收费。", "open"),
        ("scaling_law", "不能简单地说规模定律走不通了。", "believer"),
        ("scaling_law", "靠堆规模确实还能涨点，不过回报曲线已经变平了。", "skeptic"),
        ("scaling_law", "这两年模型性能的进步慢下来了，预训练已经见顶。", "skeptic"),
        ("scaling_law", "在我看来，规模定律还有几代的空间可挖。", "believer"),
        ("scaling_law", "我对规模定律一直很乐观。", "believer"),
    ],
)
def test_paraphrased_side(rules, topic, text, label):
    assert topic in rules.topics_in(text)
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize("text", ["数据中心的营收同比翻倍。", "他下个月要离开公司。", "这家工厂的厂区很大。"])
def test_paraphrase_words_in_their_everyday_sense_bring_up_no_topic(rules, text):
    assert rules.topics_in(text) == []


def test_an_answer_repeating_one_of_the_questions_alternatives_takes_its_side(nlp):
    text = ("记者：今年你们对规模定律是更乐观了还是更悲观了？\n\n赵明远：更乐观了。我们云上的算力一直在涨。\n\n"
            "钱若水：我的感受是更悲观了。\n\n孙立：后者。\n\n周遥：说不好。")
    got = {(c.speaker.name, c.stance) for c in nlp(text)._.claims if c.topic == "scaling_law"}
    assert got == {("赵明远", "believer"), ("钱若水", "skeptic"), ("孙立", "skeptic"), ("周遥", "neutral")}


def test_an_answer_repeating_both_alternatives_picks_neither(rules):
    question = "大家对规模定律是更乐观了还是更悲观了？"
    assert rules.alternative_picked("scaling_law", question, "更乐观了。") == "believer"
    assert rules.alternative_picked("scaling_law", question, "有时更乐观，有时更悲观。") is None
    assert rules.alternative_picked("scaling_law", "大家今天吃面还是吃饭？", "吃面。") is None


# Negation, concession and hypotheses: the polarity goes where the construction puts it.
@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("open_vs_closed", "倘若走闭源，最后只会画地为牢。", "open"),          # a condition judged by its consequence
        ("open_vs_closed", "只有开源，才能让更多开发者参与进来。", "open"),
        ("open_vs_closed", "要是选了闭源，等于把命脉交给别人。", "open"),
        ("scaling_law", "不能说规模定律没用了。", "believer"),
        ("scaling_law", "不是规模定律没有用，而是它的回报越来越差。", "mixed"),   # not useless, but worse
        ("scaling_law", "不是规模定律没有用，而是它换了一个方向。", "believer"),
        # a cue of the topic denied with no side named in either part: 失效了 denied is said for scaling
        ("scaling_law", "我们的规模定律实验不是失效了，是数据配比没跟上。", "believer"),
        # a need called real, a capacity called enough, work moved to a side (or kept from one)
        ("tob_vs_toc", "看完这些方案我想法变了，To B的场景，需求是真的。", "to_b"),
        ("open_vs_closed", "开源模型的能力已经足够支撑绝大多数应用。", "open"),
        ("device_vs_cloud", "能在端上解决的事情，就不要往云上送。", "device"),
        ("device_vs_cloud", "隐私和延迟最后都会把推理推回到终端上。", "device"),
        ("scaling_law", "堆参数当然还有收益，可边际收益在明显变小。", "skeptic"),   # the turn decides
        ("device_vs_cloud", "未来大部分推理在手机上完成，云端只负责兜底。", "device"),
        ("device_vs_cloud", "能力上限永远在云上。", "cloud"),
        ("tob_vs_toc", "智能体的第一桶金一定在企业里。", "to_b"),
        # (paying is no side by itself: 只愿意为惊喜付钱)
        ("tob_vs_toc", "企业愿意为确定性付钱，C端用户只愿意为惊喜付钱。", "neutral"),
        ("scaling_law", "问题不在规模定律：不是规律撞墙了，而是数据没跟上。", "believer"),
        ("open_vs_closed", "闭源的优势正在消失。", "open"),
        ("open_vs_closed", "开源的优势越来越明显。", "open"),
        ("open_vs_closed", "与其看厂商脸色，不如把开源模型搬进自己的机房。", "open"),   # 与其…不如 with one side named
        ("open_vs_closed", "并不是因为我们偏爱开源，而是因为闭源的通道全被巨头堵死了。", "open"),  # a reason denied
        ("open_vs_closed", "闭源厂商的壁垒正在被抹平。", "open"),                    # a good thing shrinking
        ("open_vs_closed", "闭源厂商的护城河很深。", "closed"),                      # ... and not shrinking
        ("open_vs_closed", "开源和闭源的差距在缩小，开源的差距正在缩小。", "open"),
        ("device_vs_cloud", "我们坚持端侧处理，照片不上传云端，除非用户自己打开同步。", "device"),  # an exception clause
        ("tob_vs_toc", "与其追着C端流量跑，不如服务好企业客户。", "to_b"),          # unchanged: both sides named
    ],
)
def test_polarity_goes_where_the_construction_puts_it(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("device_vs_cloud", "晨曦科技在做一套「端云协同」的系统，不过复杂的推理依然在云上。", "cloud"),  # a scheme's name says nothing
        ("open_vs_closed", "他们打出了“全面开源”的旗号。", "neutral"),
        ("open_vs_closed", "我们坚持「开源」路线。", "open"),      # quoted, but a commitment all the same
        ("open_vs_closed", "我一直说“开源会赢”。", "open"),
    ],
)
def test_a_quoted_name_decides_nothing_by_itself(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


def test_a_quoted_name_keeps_the_evidence_offsets(nlp):
    text = "钱思齐说：“我们在做一套「端云协同」的系统。不过复杂的推理依然在云上。”"
    [claim] = [c for c in nlp(text)._.claims if c.topic == "device_vs_cloud"]
    assert claim.stance == "cloud" and text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert claim.evidence.text.startswith("不过复杂的推理")


@pytest.mark.parametrize(
    "text, label",
    [
        ("大客户最在意的是别被一家供应商绑住。", "neutral"),            # what the customers fear judges no side
        ("靠着开源，去年我们签下了首批政企客户。", "neutral"),            # a customer won is a fact
        ("政企客户需要的是有人兜底，出了事能找到人。", "neutral"),
        ("基金早年投资过几家B端公司，收入更稳定。", "neutral"),     # an investment made is a fact
        ("企业客户的回款太慢，很难赚钱。", "to_c"),          # unchanged: the side itself judged
        ("我们只服务企业客户。", "to_b"),
    ],
)
def test_people_who_fear_and_customers_won_are_not_the_side_judged(rules, text, label):
    assert rules.decide("tob_vs_toc", text)[0] == label


@pytest.mark.parametrize(
    "text, label",
    [
        ("我们的小模型开源拿生态，大模型闭源拿收入。", "mixed"),     # each part on its own side
        ("基础版本开源，旗舰版本闭源。", "mixed"),
        ("基础版本开源，旗舰版本闭源更赚钱。", "closed"),           # one part judged: not a plain split
    ],
)
def test_a_model_split_by_part_is_both(rules, text, label):
    assert rules.decide("open_vs_closed", text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("scaling_law", "有人说规模定律撞墙了，这话我年年听，但我们的订单每年都在翻番。", "believer"),  # turned down
        ("open_vs_closed", "不少人觉得闭源更安全，可是我们的客户一个个都换走了。", "open"),
        ("open_vs_closed", "有人说开源会赢，但这需要时间。", "neutral"),        # the turn grants it time
        ("open_vs_closed", "有人说开源会赢，但可能还要等几年。", "neutral"),    # a hedged turn
        ("open_vs_closed", "外界认为闭源更安全，不过这话有道理。", "neutral"),   # the turn agrees
    ],
)
def test_a_view_reported_before_a_turn_that_judges_nothing_is_turned_down(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("tob_vs_toc", "C端的流量好看，B端的收入才是真金白银。", "to_b"),  # 的+noun, then an emphatic copula
        ("tob_vs_toc", "To C 的日活只是数字，To B 的收入才是饭碗。", "to_b"),
        ("tob_vs_toc", "我们只面向个人用户，每个功能都要做到一键可用。", "to_c"),        # 都要做到 keeps no two sides
        ("device_vs_cloud", "长远看，端侧和云端会平分秋色。", "mixed"),
        ("open_vs_closed", "开源的短板才是关键问题。", "neutral"),                        # not a head noun of the list
    ],
)
def test_emphasis_and_even_shares(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize("answer, label", [("让我站队的话，我选不了。", "mixed"), ("都要。", "mixed"), ("说实话还没想好。", "neutral")])
def test_an_answer_that_will_not_pick_one_of_the_questions_sides_keeps_both(nlp, answer, label):
    text = f"主持人：你们押开源还是闭源？\n\n邓一鸣：{answer}"
    assert [(c.topic, c.stance) for c in nlp(text)._.claims] == [("open_vs_closed", label)]


@pytest.mark.parametrize(
    "text, label",
    [
        ("对于孙总刚才那句“推理都会搬到手机上”，我个人持保留意见。", "cloud"),   # others' words quoted, then a reservation
        ("对于孙总刚才那句“推理都会搬到手机上”，我非常认同。", "neutral"),
        ("有人说推理正在迁往终端侧，我看未必。", "cloud"),               # a reported shift is the view, turned down
        ("推理正在迁往终端侧。", "device"),
    ],
)
def test_words_of_others_quoted_then_turned_down(rules, text, label):
    assert rules.decide("device_vs_cloud", text)[0] == label


def test_a_view_someone_told_the_speaker_is_not_the_speakers_own(nlp):
    claims = lambda text: [(c.speaker.name, c.topic, c.stance) for c in nlp(text)._.claims]
    # (turned down in the next sentence, the view told counts against itself, as it does in one sentence)
    assert claims("柯一凡说：“岳明告诉我：‘闭源才是正道。’我不同意。”") == [("柯一凡", "open_vs_closed", "open")]
    assert claims("柯一凡说：“岳明跟我说，闭源才是正道。”") == [("柯一凡", "open_vs_closed", "neutral")]
    assert claims("柯一凡说：“我告诉你，闭源才是正道。”") == [("柯一凡", "open_vs_closed", "closed")]  # the speaker's own


@pytest.mark.parametrize("said, topic, label", [
    ("我们的模型全部在本地运行。", "device_vs_cloud", "device"),
    ("大模型的价值最终要在B端落地。", "tob_vs_toc", "to_b"),
    ("端侧模型能力太弱，核心还在云端。", "device_vs_cloud", "cloud"),
    ("用户的照片都存在云端。", "device_vs_cloud", "neutral"),  # where data is kept, not where models run
])
def test_where_the_work_is_said_to_be_done_takes_that_side(nlp, said, topic, label):
    claims = [(c.topic, c.stance) for c in nlp(f"庞书遥表示：“{said}”")._.claims]
    assert claims == [(topic, label)]


@pytest.mark.parametrize(
    "topic, text, label",
    [
        # a side's time over, or its gains used up
        ("scaling_law", "各家比拼模型规模的时代已经结束了。", "skeptic"),
        ("scaling_law", "规模定律的时代已经到来。", "believer"),
        ("scaling_law", "堆算力的红利已经见底了。", "skeptic"),
        ("scaling_law", "堆算力的红利还很大。", "believer"),
        # what is said to come too soon is turned down
        ("scaling_law", "现在就断言规模定律见顶，恐怕为时尚早。", "believer"),
        ("scaling_law", "要说规模定律已经撞墙了还为时过早。", "believer"),
        ("scaling_law", "规模定律已经见顶。", "skeptic"),
        # a side not opposed, then the reservation
        ("open_vs_closed", "我并不排斥开源，只不过担心社区版本的维护跟不上。", "closed"),
        ("open_vs_closed", "我并不反对开源。", "open"),
        # what not even the least is possible without
        ("open_vs_closed", "没有开放权重，小实验室连复现论文都做不到。", "open"),
        ("open_vs_closed", "旗舰版本我们会一直保持闭源。", "closed"),
        ("scaling_law", "说实话，我对规模定律将信将疑。", "mixed"),
        ("device_vs_cloud", "绝大多数办公场景根本不需要云端。", "device"),
        ("device_vs_cloud", "这些任务需要云端的大模型来做。", "cloud"),
        ("open_vs_closed", "开源生态壮大对整个行业是件好事。", "open"),
        # a reported view turned down by the speaker's own evidence
        ("scaling_law", "不少同行说规模定律已经到头了，我们的实验不支持这种说法。", "believer"),
        # a good thing not as great as others think (外界以为的: a measure, not a view reported)
        ("open_vs_closed", "闭源厂商的壁垒并没有外界以为的那么高。", "open"),
        ("open_vs_closed", "在欧洲，开源更多是科研机构之间的协作方式。", "neutral"),  # 更多是: "mostly is"
        # a bad word describing another noun does not judge what the verb commits to
        ("device_vs_cloud", "最吃力的训练任务终究要回到云端。", "cloud"),
        ("device_vs_cloud", "没有必要把这些数据传到云端。", "device"),
        ("scaling_law", "算力再翻一倍，换来的也只是一点点提升。", "skeptic"),
    ],
)
def test_ended_premature_grudging_and_needed(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("scaling_law", "规模定律更像是一条经验规律，迟早会碰到天花板。", "skeptic"),  # 更像是: no comparative
        ("device_vs_cloud", "用户不在乎模型跑在云端还是本地，他们只在乎好不好用。", "neutral"),  # indifference
        ("tob_vs_toc", "在国内做超级应用的窗口期已经很窄了。", "to_b"),
        ("tob_vs_toc", "做C端的窗口期还很长。", "to_c"),
        ("tob_vs_toc", "C端是赢家通吃的市场，排不进前三就没意义；B端排第十也能活得很好。", "to_b"),
    ],
)
def test_likeness_indifference_and_a_market_too_narrow(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


def test_an_answer_opening_with_a_verb_of_belief_replies_to_the_question(nlp):
    text = "记者：你相信规模定律吗？\n\n卢明远：相信，但我们玩不起。规模定律是巨头之间的游戏。"
    assert [(c.topic, c.stance) for c in nlp(text)._.claims] == [("scaling_law", "believer")]


def test_a_previous_statement_that_takes_no_side_lends_its_topic_to_no_later_quote(nlp):
    claims = lambda text: [(c.topic, c.stance) for c in nlp(text)._.claims]  # noqa: E731
    assert claims("卢明远说，价格战已经从云端一路打到了终端。“明年会有不少小厂退出。”") == [("device_vs_cloud", "neutral")]
    assert claims("卢明远说，端侧才是大模型的未来。“我们会一直坚持下去。”") == [("device_vs_cloud", "device")] * 2


def test_a_view_held_back_then_is_not_the_speakers_view_now(nlp):
    claims = lambda text: [(c.speaker.name, c.topic, c.stance) for c in nlp(text)._.claims]  # noqa: E731
    assert claims("这与他今天的表态相去甚远——去年此时，卢明远还在各种场合强调“堆算力就是一切”。") == []
    assert claims("卢明远在台上强调“堆算力就是一切”。") == [("卢明远", "scaling_law", "believer")]
    assert claims("卢明远说，他当年曾一度认为开源没有前途，但现在他觉得开源会赢。") == [("卢明远", "open_vs_closed", "open")]


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("open_vs_closed", "刘教授认为开源没有未来，我看未必。", "open"),  # a named person's view, turned down
        ("scaling_law", "韩总说规模定律到头了，但我们的曲线还在往上走。", "believer"),
        ("open_vs_closed", "我们总说开源是未来。", "open"),  # 我们总说: the speaker's own habit
    ],
)
def test_a_named_persons_view_quoted_by_the_speaker(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("open_vs_closed", "欧美的开源之争有一个重要的不同：开源是小团队的武器。", "neutral"),  # the debate named
        ("open_vs_closed", "开源之争已经持续了两年，我们坚定地选择开源。", "open"),
        ("device_vs_cloud", "用户不清楚哪些功能在本地完成、哪些在云端完成。", "neutral"),  # an embedded question
    ],
)
def test_the_debate_named_and_an_embedded_question_take_no_side(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "topic, text, label",
    [
        ("tob_vs_toc", "C端的付费率还低，B端的大单仍是现金流的主力，所以我们两条腿都要走。", "mixed"),
        ("scaling_law", "规模定律在预训练这一侧已经逼近极限。", "skeptic"),
        ("scaling_law", "规模定律还远没有达到极限。", "believer"),
    ],
)
def test_both_legs_kept_and_a_limit_neared(rules, topic, text, label):
    assert rules.decide(topic, text)[0] == label


@pytest.mark.parametrize(
    "text, label",
    [
        ("说到底，普通用户不在乎模型跑在哪里，他们只在乎顺不顺手。", "neutral"),  # people who do not care: not judged
        ("个人用户不在乎这些，我们也不打算做C端。", "to_b"),
    ],
)
def test_people_who_do_not_care_are_not_the_side_judged(rules, text, label):
    assert rules.decide("tob_vs_toc", text)[0] == label


@pytest.mark.parametrize("kb", [None, "builtin"])
def test_own_words_said_back_then_or_referred_to_yield_no_claim(kb):
    nlp = stancelib.load(kb=kb)
    text = ("主持人：开源现在追上来了吗？\n"
            "孔岚：（苦笑）其实两年前我们自己也说过“闭源更可靠”，视频还在网上。但今年我改了主意，往后看，我站开源。\n"
            "主持人：好。至于孔岚那句“开源赶不上”，以后怕是没人再提了。\n")
    res = stancelib.doc_result(nlp(text), "x")
    # the old words inside the answer are judged once, with the answer: the current side only
    assert [(c.speaker.name, c.topic, c.stance) for c in res.claims] == [("孔岚", "open_vs_closed", "open")]


@pytest.mark.parametrize("kb", [None, "builtin"])
def test_a_saying_referred_to_by_that_line_is_not_said_again(kb):
    nlp = stancelib.load(kb=kb)
    res = stancelib.doc_result(nlp("主持人章湖说：“至于她那句“闭源才是护城河”，以后怕是没人信了。”"), "x")
    assert [c.stance for c in res.claims if c.topic == "open_vs_closed"] in ([], ["neutral"])
    # the trap: the saying said is a claim
    res = stancelib.doc_result(nlp("孔岚说：“闭源才是护城河。”"), "x")
    assert [(c.speaker.name, c.stance) for c in res.claims] == [("孔岚", "closed")]


@pytest.mark.parametrize("kb", [None, "builtin"])
def test_a_quote_said_back_then_in_a_year_yields_no_claim(kb):
    nlp = stancelib.load(kb=kb)
    said_then = "2019年，远帆科技CEO邱默在一次访谈里还说过：“我们一定要做To C。”如今公司只做企业。"
    res = stancelib.doc_result(nlp(said_then), "x")
    assert [c.stance for c in res.claims if c.quote_id and c.stance == "to_c"] == []
    # the trap: a year with a plain speech verb dates what the speaker says, it is still a claim
    res = stancelib.doc_result(nlp("2024年，远帆科技CEO邱默表示：“我们一定要做To C。”"), "x")
    assert [(c.speaker.name, c.stance) for c in res.claims] == [("邱默", "to_c")]


@pytest.mark.parametrize("kb", [None, "builtin"])
def test_agreeing_with_another_speaker_is_no_reply_to_the_view_put(kb):
    nlp = stancelib.load(kb=kb)
    question = "主持人：有人说“开源已经落后了”，你同意吗？\n"
    res = stancelib.doc_result(nlp(question + "邱默：我同意老周。\n"), "x")
    assert [c.stance for c in res.claims if c.stance != "neutral"] == []
    # the trap: agreeing with the view put takes its side
    res = stancelib.doc_result(nlp(question + "邱默：我同意这个判断。\n"), "x")
    assert [(c.speaker.name, c.stance) for c in res.claims] == [("邱默", "closed")]


@pytest.mark.parametrize("kb", [None, "builtin"])
def test_a_question_put_to_someone_by_name_lends_another_answerer_nothing(kb):
    nlp = stancelib.load(kb=kb)
    text = ("主持人：欧阳，你刚才讲并不排斥规模定律，那会去训万亿级别的大模型吗？\n"
            "欧阳岚：不会，起码不会为了一个数字去训。\n"
            "沈舟：这句话最早是我在董事会上讲的。\n")
    res = stancelib.doc_result(nlp(text), "x")
    assert {(c.speaker.name, c.topic) for c in res.claims} == {("欧阳岚", "scaling_law")}
    # the trap: a question put to nobody by name still lends its topic to each answer
    text = ("主持人：两位会去训万亿级别的大模型吗？\n"
            "欧阳岚：不会。\n"
            "沈舟：会，规模定律还远没有到头。\n")
    res = stancelib.doc_result(nlp(text), "x")
    assert ("沈舟", "scaling_law", "believer") in {(c.speaker.name, c.topic, c.stance) for c in res.claims}
