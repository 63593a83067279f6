"""Gold files, metrics, annotate and `stancelib eval` (stancelib/evaluation/)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import stancelib
from stancelib.errors import ConfigError
from stancelib.evaluation import (
    EvalReport, NameFolder, annotate, convert_dev_gold, evaluate, fold_name, gold_json_schema, load_gold, merge_reports,
    score_document, threshold_misses,
)
from stancelib.evaluation.gold import FlowMap, dump_gold_yaml
from stancelib.types import Claim, DocResult, Quote, Span, Speaker, StanceSummary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def write_gold(tmp_path: Path, body: str, name: str = "doc.gold.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


# --- fake system output ---------------------------------------------------------------------------------


def _speaker(name):
    return Speaker(name=name, surface=name) if name else None


def direct(text: str, content: str, speaker=None, n: int = 0, mark: str = "“") -> Quote:
    close = {"“": "”", "「": "」", "&ldquo;": "&rdquo;"}[mark]
    start = text.index(mark + content + close)
    end = start + len(mark) + len(content) + len(close)
    return Quote(doc_id="d", id=f"q{n}", kind="direct", span=Span(start=start, end=end, text=text[start:end]),
                 content=content, speaker=_speaker(speaker), sentence=0)


def turn(text: str, content: str, speaker=None, n: int = 0, question: bool = False, kind: str = "qa_turn") -> Quote:
    start = text.index(content)
    return Quote(doc_id="d", id=f"q{n}", kind=kind, span=Span(start=start, end=start + len(content), text=content),
                 content=content, speaker=_speaker(speaker), sentence=0, is_question=question)


def stance(name, topic, label, claim_ids=("c0",)) -> StanceSummary:
    return StanceSummary(doc_id="d", speaker=_speaker(name), topic=topic, stance=label, confidence=0.8, claim_ids=claim_ids)


def claim(text, n, name, topic, label, evidence) -> Claim:
    s = text.index(evidence)
    return Claim(doc_id="d", id=f"c{n}", speaker=_speaker(name), topic=topic, stance=label, confidence=0.8,
                 evidence=Span(start=s, end=s + len(evidence), text=evidence))


TEXT = ("李明表示：“开源是唯一的路。”他还提到“百模大战”这个说法。王芳说：“端侧才是未来。”"
        "张强说：“我们看好云端。”赵六认为规模定律依然有效。\n问：你怎么看To B？\n王芳：我认为To B更重要。\n")

GOLD = """\
    doc_id: small.txt
    text: "{text}"
    speakers: [李明, 王芳, 张强]
    quotes:
      - {{text: 开源是唯一, kind: direct, speaker: 李明}}
      - {{text: 百模大战, kind: direct, speaker: null}}
      - {{text: 端侧才是, kind: direct, speaker: 王芳}}
      - {{text: 我们看好云端, kind: direct, speaker: 张强}}
      - {{text: 我认为To B, kind: qa_turn, speaker: 王芳}}
    stances:
      - {{speaker: 李明, topic: open_vs_closed, labels: [open], required: true}}
      - {{speaker: 王芳, topic: device_vs_cloud, labels: [device], required: true}}
      - {{speaker: 张强, topic: device_vs_cloud, labels: [cloud], required: true}}
      - {{speaker: 王芳, topic: tob_vs_toc, labels: [to_b], required: false}}
"""


def small_gold(tmp_path):
    escaped = TEXT.replace("\n", "\\n")
    return load_gold(write_gold(tmp_path, GOLD.format(text=escaped)))[0]


def small_system() -> DocResult:
    quotes = (
        direct(TEXT, "开源是唯一的路。", "李明", 0),
        direct(TEXT, "百模大战", "李明", 1),              # non-speech, attributed: misattribution
        direct(TEXT, "端侧才是未来。", "张强", 2),        # wrong speaker
        turn(TEXT, "赵六认为规模定律依然有效", "赵六", 3, kind="indirect"),  # an extra speaker
        turn(TEXT, "你怎么看To B？", None, 4, question=True),
        turn(TEXT, "我认为To B更重要。", "王芳", 5),
    )                                                     # “我们看好云端。” is not found at all
    claims = (claim(TEXT, 0, "李明", "open_vs_closed", "open", "开源是唯一的路"),
              claim(TEXT, 1, "王芳", "device_vs_cloud", "cloud", "端侧才是未来"),
              claim(TEXT, 2, "赵六", "scaling_law", "believer", "规模定律依然有效"))
    stances = (stance("李明", "open_vs_closed", "open", ("c0",)),       # right
               stance("王芳", "device_vs_cloud", "cloud", ("c1",)),     # wrong label: FP and FN
               stance("赵六", "scaling_law", "believer", ("c2",)),      # not in the gold: FP
               stance("李明", "tob_vs_toc", "neutral", ()))             # neutral: ignored
    return DocResult(doc_id="small.txt", quotes=quotes, claims=claims, stances=stances)


# --- metrics ----------------------------------------------------------------------------------------------


def test_metrics_on_a_small_gold_and_a_fake_system(tmp_path):
    report = score_document(small_gold(tmp_path), small_system())
    c, m = report.counts, report.metrics
    assert (c.quote_marks, c.quote_marks_found) == (4, 3)
    assert (c.speech_quotes, c.speech_found, c.speech_correct, c.speech_wrong) == (3, 2, 1, 1)
    assert (c.nonspeech_quotes, c.nonspeech_misattributed) == (1, 1)
    assert (c.qa_turns, c.qa_found, c.qa_correct) == (1, 1, 1)
    assert (c.speaker_tp, c.speaker_fp, c.speaker_fn) == (3, 1, 0)
    assert (c.stance_tp, c.stance_fp, c.stance_fn) == (1, 2, 2)
    assert (c.stances_wrong, c.stances_missing, c.stances_extra) == (1, 1, 1)
    assert m.quote_mark_recall == pytest.approx(0.75)
    assert m.direct_accuracy == pytest.approx(1 / 3)
    assert m.nonspeech_misattribution_rate == pytest.approx(1.0)
    assert m.qa_accuracy == pytest.approx(1.0)
    assert (m.speaker_precision, m.speaker_recall, m.speaker_f1) == pytest.approx((0.75, 1.0, 6 / 7))
    assert (m.stance_precision, m.stance_recall, m.stance_f1) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert [e.kind for e in report.errors] == ["wrong_speaker", "misattributed_nonspeech", "wrong_stance", "missed_quote",
                                               "missing_stance", "extra_stance", "extra_speaker"]
    wrong = report.errors[0]
    assert (wrong.entry, wrong.expected, wrong.found, wrong.offset) == ("quotes[2]", "王芳", "张强", TEXT.index("端侧"))
    assert wrong.text.startswith("端侧才是未来")
    assert {(e.gold, e.system, e.count) for e in report.confusion} == {
        ("李明", "李明", 1), ("(not speech)", "李明", 1), ("王芳", "张强", 1), ("张强", "(not found)", 1), ("王芳", "王芳", 1)}
    assert report.documents[0].wrong_speakers == 1
    assert report.documents[0].speakers_never_found == ()


def test_stances_from_claims_vote_as_score_py(tmp_path):
    gold = small_gold(tmp_path)
    system = small_system()
    extra = claim(TEXT, 3, "王芳", "device_vs_cloud", "device", "端侧才是未来")
    system = system.model_copy(update={"claims": system.claims + (extra, extra.model_copy(update={"id": "c4"}))})
    by_claims = score_document(gold, system, stance_source="claims").counts
    assert (by_claims.stance_tp, by_claims.stance_fp, by_claims.stance_fn) == (2, 1, 1)   # 王芳: 2 device votes > 1 cloud
    by_summary = score_document(gold, system).counts
    assert (by_summary.stance_tp, by_summary.stance_fp, by_summary.stance_fn) == (1, 2, 2)


def test_a_speaker_the_system_never_names_is_reported(tmp_path):
    gold = small_gold(tmp_path)
    system = small_system()
    system = system.model_copy(update={"quotes": tuple(q for q in system.quotes if not (q.speaker and q.speaker.name == "王芳")),
                                       "claims": system.claims[:1]})
    doc = score_document(gold, system).documents[0]
    assert doc.speakers_never_found == ("王芳",)
    assert doc.counts.speaker_fn == 1


def test_merged_report_is_micro_averaged(tmp_path):
    one = score_document(small_gold(tmp_path), small_system())
    both = merge_reports([one, one])
    assert both.counts.speech_quotes == 6
    assert both.metrics.direct_accuracy == pytest.approx(1 / 3)
    assert len(both.documents) == 2 and len(both.errors) == 2 * len(one.errors)
    assert dict(((e.gold, e.system), e.count) for e in both.confusion)["王芳", "张强"] == 2
    assert json.loads(both.model_dump_json())["metrics"]["speaker_f1"] == pytest.approx(6 / 7)
    assert "ALL" in both.to_text() and "wrong speaker" in both.to_text()


class _HTMLDigest(HTMLParser):
    """The tags and the text of an HTML fragment, as a browser would build them."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags, self.text, self.open = [], [], []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data):
        self.text.append(data)


def test_html_view_lists_documents_metrics_and_errors_and_escapes_markup(tmp_path):
    text = "周远说：“<script>alert(1)</script>不行。”"
    gold = load_gold(write_gold(tmp_path, f"""\
        doc_id: "<b>markup</b>.txt"
        text: '{text}'
        speakers: [周远]
        quotes:
          - {{text: <script>alert, speaker: 周远}}
    """, "markup.gold.yaml"))[0]
    wrong = direct(text, "<script>alert(1)</script>不行。", "<i>赵某</i>", 0)
    report = merge_reports([score_document(gold, DocResult(doc_id=gold.doc_id, quotes=(wrong,))),
                            score_document(small_gold(tmp_path), small_system())])
    markup = report._repr_html_()
    page = _HTMLDigest(markup)
    assert page.open == [] and set(page.tags) <= {"div", "table", "caption", "thead", "tbody", "tr", "th", "td", "p"}
    cells = set(page.text)
    assert {"<b>markup</b>.txt", "small.txt", "ALL"} <= cells                   # every document, as text
    assert set(EvalReport.model_fields["metrics"].annotation.model_fields) <= cells   # every metric by name
    assert f"{report.metrics.speaker_f1:.3f}" in cells
    assert "<i>赵某</i>" in cells and any(c.startswith("<script>alert(1)") for c in cells)   # the wrong speaker row
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert report.to_html() == markup
    limited = _HTMLDigest(report.to_html(max_errors=1))
    assert sum(t == "tr" for t in limited.tags) < sum(t == "tr" for t in page.tags)


def test_thresholds_name_the_missed_metric(tmp_path):
    m = score_document(small_gold(tmp_path), small_system()).metrics
    assert threshold_misses(m, min_f1=0.3, max_nonspeech_misattribution=1.0) == []
    misses = threshold_misses(m, min_f1=0.5, min_direct_accuracy=0.2)
    assert misses == ["stance_f1 0.333 < 0.5 (--min-f1)"]


def test_perfect_system_scores_one(tmp_path):
    gold = small_gold(tmp_path)
    quotes = (direct(TEXT, "开源是唯一的路。", "李明", 0), direct(TEXT, "百模大战", None, 1),
              direct(TEXT, "端侧才是未来。", "王芳", 2), direct(TEXT, "我们看好云端。", "張強", 3),   # traditional name folds
              turn(TEXT, "我认为To B更重要。", "王芳", 4))
    stances = (stance("李明", "open_vs_closed", "open"), stance("王芳", "device_vs_cloud", "device"),
                stance("张 强", "device_vs_cloud", "cloud"), stance("王芳", "tob_vs_toc", "mixed"))
    report = score_document(gold, DocResult(doc_id="small.txt", quotes=quotes, stances=stances))
    m = report.metrics
    assert (m.quote_mark_recall, m.direct_accuracy, m.nonspeech_misattribution_rate, m.qa_accuracy) == (1.0, 1.0, 0.0, 1.0)
    assert (m.speaker_f1, m.stance_precision, m.stance_recall) == (1.0, 0.75, 1.0)   # the optional item's wrong label counts
    assert [e.kind for e in report.errors] == ["wrong_stance"]


# --- names and locating -----------------------------------------------------------------------------------


def test_names_fold_script_spacing_radicals_and_aliases():
    assert fold_name("王仲遠") == fold_name("王 仲远") == "王仲远"
    assert fold_name("⻩仁勋") == "黄仁勋"
    assert fold_name("Sam Altman") == fold_name("sam·altman") == "samaltman"
    names = NameFolder({"Sam Altman": ("奥特曼", "Altman")})
    assert names("奥特曼") == names("altman") == names("Sam Altman")


def test_quotes_located_by_text_and_occurrence(tmp_path):
    text = "大模型很火。有人说大模型很火，他说：“大模型很火，但要冷静。”"
    path = write_gold(tmp_path, f"""\
        text: "{text}"
        quotes:
          - {{text: 大模型很火, occurrence: 3, speaker: 他}}
    """)
    assert load_gold(path)[0].quotes[0].offset == text.index("“") + 1
    bad = write_gold(tmp_path, f"""\
        text: "{text}"
        quotes:
          - {{text: 大模型很火, speaker: 他}}
    """, "bad.gold.yaml")
    with pytest.raises(ConfigError, match=r"quotes\[0\]\.text: occurrence 1 of '大模型很火' \(offset 0\) is not right after "
                                          r"an opening quote mark; set occurrence to 3"):
        load_gold(bad)


def test_quotes_located_in_traditional_html_and_qa_text(tmp_path):
    text = ("王仲遠表示：「開源是唯一的路。」\n趙啟明說：&ldquo;云端集中調度&rdquo;\n"
            "问：你怎么看？\n林嘉禾： 我认为开源更重要。\n")
    path = write_gold(tmp_path, """\
        doc_id: mixed.txt
        text_path: mixed.txt
        quotes:
          - {text: 開源是唯一, speaker: 王仲远}
          - {text: 云端集中, kind: direct, speaker: 赵启明}
          - {text: 我认为开源, kind: qa_turn, speaker: 林嘉禾}
          - {start: 6, speaker: 王仲远, kind: direct}
    """)
    (tmp_path / "mixed.txt").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"quotes\[3\]: the same quote as quotes\[0\]"):
        load_gold(path)
    path.write_text(path.read_text(encoding="utf-8").replace("{start: 6,", "{start: 7,"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"quotes\[3\]\.start: 7 is not an opening quote mark"):
        load_gold(path)
    path.write_text(path.read_text(encoding="utf-8").replace("  - {start: 7, speaker: 王仲远, kind: direct}\n", ""), encoding="utf-8")
    gold = load_gold(path)[0]
    assert [q.offset for q in gold.quotes] == [text.index("開源"), text.index("云端"), text.index("我认为")]
    assert gold.doc_id == "mixed.txt" and gold.text == text


def test_qa_turn_must_follow_a_label(tmp_path):
    path = write_gold(tmp_path, """\
        text: "林嘉禾说我认为开源更重要。"
        quotes:
          - {text: 我认为开源, kind: qa_turn, speaker: 林嘉禾}
    """)
    with pytest.raises(ConfigError, match=r"quotes\[0\]\.text: .* is not right after a `Label：` at a line start"):
        load_gold(path)


def test_an_answer_turn_by_start_may_follow_a_time_code_or_carry_no_label(tmp_path):
    text = "**为什么做耳机？**\n\n因为耳机离人最近。\n\n[00:12:30] 林嘉禾：我认为开源更重要。\n"
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    path = write_gold(tmp_path, f"""\
        doc_id: talk.txt
        text_path: talk.txt
        quotes:
          - {{start: {text.index("因为")}, kind: qa_turn, speaker: 林嘉禾}}
          - {{start: {text.index("[00")}, kind: qa_turn, speaker: 林嘉禾}}
    """)
    assert [q.offset for q in load_gold(path)[0].quotes] == [text.index("因为"), text.index("我认为")]
    path.write_text(path.read_text(encoding="utf-8").replace(f"start: {text.index('因为')},", f"start: {text.index('因为') + 1},"), encoding="utf-8")
    with pytest.raises(ConfigError, match="does not start a Q&A answer"):
        load_gold(path)  # (not at a line start)


def test_an_answer_turn_by_start_may_follow_a_bracketed_label(tmp_path):
    text = "【钱立群】你们做耳机吗？\n\n【林嘉禾】做，我认为耳机离人最近。\n"
    (tmp_path / "pod.txt").write_text(text, encoding="utf-8")
    path = write_gold(tmp_path, f"""\
        doc_id: pod.txt
        text_path: pod.txt
        quotes:
          - {{start: {text.index("【林")}, text: 【林嘉禾】做，我认为, kind: qa_turn, speaker: 林嘉禾}}
    """)
    assert [q.offset for q in load_gold(path)[0].quotes] == [text.index("做，")]


def test_system_quotes_match_by_content_start_across_mark_styles(tmp_path):
    text = "赵启明说：&ldquo;云端集中调度&rdquo;王仲遠表示：「開源是唯一的路。」"
    path = write_gold(tmp_path, f"""\
        text: "{text}"
        speakers: [赵启明, 王仲远]
        quotes:
          - {{text: 云端集中, speaker: 赵启明}}
          - {{text: 開源是唯一, speaker: 王仲远}}
    """)
    quotes = (direct(text, "云端集中调度", "赵启明", 0, mark="&ldquo;"), direct(text, "開源是唯一的路。", "王仲遠", 1, mark="「"))
    report = score_document(load_gold(path)[0], DocResult(doc_id="d", quotes=quotes))
    assert report.metrics.direct_accuracy == 1.0 and report.metrics.speaker_f1 == 1.0


# --- bad gold files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("body, message", [
    ('text: "他说：“你好世界。”"\nquotes:\n  - {text: 你好世界, speaker: 他}\n  - {text: xyz, speaker: null}\n',
     r"quotes\[1\]\.text: 'xyz' not found in the text"),
    ('text: "他说：“你好世界。”"\nquotes:\n  - {text: 你好世界, occurrence: 2, speaker: 他}\n',
     r"quotes\[0\]\.occurrence: '你好世界' occurs 1 time\(s\) in the text, not 2"),
    ('text: "他说：“你好世界。”"\nquotes:\n  - {text: 你好世界}\n', r"quotes\[0\]\.speaker: Field required"),
    ('text: "他说：“你好世界。”"\nquotes:\n  - {text: 你好世界, spaker: 他, speaker: 他}\n',
     r"quotes\[0\]\.spaker: Extra inputs are not permitted"),
    ('text: "他说：“你好世界。”"\nquotes:\n  - {speaker: 他}\n', r"quotes\[0\]: give `text`"),
    ('text: "x"\nstances:\n  - {speaker: 他, topic: scaling_law, labels: [believer]}\n'
     '  - {speaker: 他, topic: scaling_law, labels: [skeptic]}\n', r"stances\[1\]: \(他, scaling_law\) is already stances\[0\]"),
    ("text_path: missing.txt\n", r"text_path: \[E001\] Cannot read .*missing.txt"),
    ("quotes: [\n", r"line \d+: not valid YAML"),
    ("docs:\n  a.txt:\n    text: '他说：“你好世界。”'\n    quotes:\n      - {start: 0, speaker: 他}\n",
     r"docs\[a.txt\]\.quotes\[0\]\.start: 0 is not an opening quote mark"),
    ("docs:\n  a.txt:\n    quotes: []\n", r"docs\[a.txt\]: no text"),
])
def test_bad_gold_file_names_file_and_entry(tmp_path, body, message):
    path = tmp_path / "bad.gold.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[E030\] Bad gold file .*bad\.gold\.yaml: " + message):
        load_gold(path)


def test_unknown_topic_or_label_is_a_bad_gold_file(tmp_path, nlp):
    path = write_gold(tmp_path, """\
        text: "x"
        stances:
          - {speaker: 他, topic: scaling_law, labels: [beliver]}
    """)
    with pytest.raises(ConfigError, match=r"stances\[0\]\.labels: 'beliver' is not a label of scaling_law"):
        evaluate(path, nlp=nlp)
    report = evaluate([path, FIXTURES / "qa_lin_jiahe.gold.yaml"], nlp=nlp, on_error="collect")
    assert [d.doc_id for d in report.documents] == ["qa_lin_jiahe.txt"]
    assert "doc.gold.yaml: stances[0].labels" in report.failures[0].message


# --- evaluate, annotate, the dev-gold converter, the schema -----------------------------------------------


def test_evaluate_runs_the_pipeline_on_a_directory(tmp_path, nlp):
    (tmp_path / "sub").mkdir()
    write_gold(tmp_path / "sub", """\
        doc_id: kaifu.txt
        text: "李开复表示：“To C才是最大的机会。”"
        speakers: [李开复]
        quotes:
          - {text: To C才是, speaker: 李开复}
        stances:
          - {speaker: 李开复, topic: tob_vs_toc, labels: [to_c]}
    """, "kaifu.gold.yaml")
    report = stancelib.evaluate(tmp_path, nlp=nlp)
    assert [d.doc_id for d in report.documents] == ["kaifu.txt"]
    m = report.metrics
    assert (m.direct_accuracy, m.speaker_f1, m.stance_f1) == (1.0, 1.0, 1.0)
    assert report.errors == ()


@pytest.mark.parametrize("name", ["trad_wang_zhongyuan", "html_beichen_cloud", "qa_lin_jiahe"])
def test_annotate_round_trip_scores_perfectly(tmp_path, nlp, name):
    out = tmp_path / "gold" / f"{name}.gold.yaml"
    annotate(FIXTURES / f"{name}.txt", out, nlp=nlp)
    written = out.read_text(encoding="utf-8")
    assert "start:" not in written
    assert f"text_path: {os.path.relpath(FIXTURES / f'{name}.txt', out.parent.resolve())}" in written
    report = evaluate(out, nlp=nlp)
    m = report.metrics
    assert report.errors == ()
    assert m.quote_mark_recall == 1.0 and m.speaker_f1 == 1.0
    assert m.direct_accuracy in (1.0, None) and m.nonspeech_misattribution_rate in (0.0, None)
    assert m.qa_accuracy in (1.0, None) and m.stance_f1 in (1.0, None)
    assert report.counts.quote_marks + report.counts.qa_turns == len(load_gold(out)[0].quotes) > 0


def test_convert_dev_gold(tmp_path, nlp):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("李开复表示：“To C才是最大的机会。”大家都在谈“百模大战”。", encoding="utf-8")
    dev = write_gold(tmp_path, """\
        aliases:
          李开复: [开复]
        docs:
          a.txt:
            speakers: [开复]
            quotes:
              - {start: 25, speaker: null}
              - {start: 6, speaker: 李开复}
            stances:
              - {speaker: 李开复, topic: tob_vs_toc, labels: [to_c], required: true}
    """, "dev.yaml")
    out = convert_dev_gold(dev, texts, tmp_path / "conv" / "dev.gold.yaml")
    written = out.read_text(encoding="utf-8")
    assert "text_dir: ../texts" in written and "{start: 6, text: To C才是最大的机, kind: direct, speaker: 李开复}" in written
    report = evaluate(out, nlp=nlp)
    assert report.counts.quote_marks == 2 and report.metrics.direct_accuracy == 1.0
    assert report.metrics.speaker_f1 == 1.0                                       # 开复 is an alias of 李开复
    moved = tmp_path / "elsewhere.gold.yaml"
    moved.write_text(written.replace("text_dir: ../texts", "text_dir: nowhere"), encoding="utf-8")
    assert evaluate(moved, nlp=nlp, text_dir=texts).counts.quote_marks == 2   # text_dir= overrides the file
    bad = write_gold(tmp_path, "docs:\n  a.txt:\n    quotes:\n      - {start: 5, speaker: null}\n", "baddev.yaml")
    with pytest.raises(ConfigError, match=r"docs\[a.txt\]\.quotes\[0\]\.start: 5 is not an opening quote mark"):
        convert_dev_gold(bad, texts, tmp_path / "x.gold.yaml")


def test_checked_in_schema_is_current():
    checked_in = json.loads((ROOT / "docs" / "gold.schema.json").read_text(encoding="utf-8"))
    assert checked_in == gold_json_schema(), "regenerate: python -m stancelib.evaluate schema > docs/gold.schema.json"


def test_schema_and_usage_of_the_old_module_path():
    done = subprocess.run([sys.executable, "-m", "stancelib.evaluate", "schema"], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout) == gold_json_schema()
    done = subprocess.run([sys.executable, "-m", "stancelib.evaluate", "convert-dev"], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 2 and "usage: python -m stancelib.evaluation" in done.stderr
    done = subprocess.run([sys.executable, "-W", "error", "-m", "stancelib.evaluation", "schema"], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout) == gold_json_schema() and not done.stderr


def test_gold_yaml_writer_round_trips_awkward_values():
    body = {"doc_id": "a b.txt", "aliases": {"林一": ["Lin Yi", "小林"], "空": []}, "speakers": ["林一", "2046"],
            "quotes": [FlowMap(text="2024年", occurrence=2, kind="direct", speaker=None),
                       FlowMap(text="a, [b]: c #d", kind="qa_turn", speaker="?"),
                       FlowMap(text="'引号' null", kind="direct", speaker="true")],
            "stances": [], "docs": {"x.txt": {"quotes": [FlowMap(start=3, speaker="林一")]}}}
    written = dump_gold_yaml(body)
    assert yaml.safe_load(written) == body
    assert "quotes:\n  - {text: 2024年, occurrence: 2, kind: direct, speaker: null}\n" in written   # one line per entry
    assert "speakers: [林一, '2046']\n" in written and "stances: []\n" in written
    shared = ["刘一"]
    assert "&id" not in dump_gold_yaml({"speakers": shared, "optional_speakers": shared})    # no YAML anchors


def test_nothing_in_the_evaluation_package_imports_the_cli():
    import ast

    for path in sorted((ROOT / "stancelib" / "evaluation").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, (ast.Import, ast.ImportFrom)) else []
            module = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
            assert "cli" not in module.split(".") and not any(n.split(".")[-1] == "cli" for n in names), path.name


def test_old_import_paths_keep_working_and_stancelib_evaluate_stays_the_function():
    code = ("import stancelib.evaluate, stancelib; from stancelib.evaluate import load_gold, annotate, EvalReport; "
            "import stancelib.evaluation as ev; assert stancelib.evaluate is ev.evaluate, stancelib.evaluate; "
            "assert load_gold is ev.load_gold and EvalReport is stancelib.EvalReport; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_every_fixture_gold_file_loads():
    docs = [d for p in sorted(FIXTURES.glob("*.gold.yaml")) for d in load_gold(p)]
    assert len(docs) == len(list(FIXTURES.glob("*.gold.yaml"))) > 0
    assert all(d.quotes for d in docs)


def test_the_blind_article_sets_load_with_every_quote_located():
    docs = [d for p in sorted((ROOT / "eval" / "blind_articles").glob("*.gold.yaml")) for d in load_gold(p)]
    assert len(docs) == 102 and sum(len(d.quotes) for d in docs) == 3958
    assert all(d.text[q.offset - 1] in "“「『\"‘" or q.entry.kind == "qa_turn" for d in docs for q in d.quotes)  # (offset: the content)


# --- `stancelib eval` -----------------------------------------------------------------------------------------


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "stancelib.cli", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def cli_golds(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    (d / "good.gold.yaml").write_text(
        'doc_id: good.txt\ntext: "李开复表示：“To C才是最大的机会。”"\nspeakers: [李开复]\n'
        "quotes:\n  - {text: To C才是, speaker: 李开复}\n"
        "stances:\n  - {speaker: 李开复, topic: tob_vs_toc, labels: [to_c]}\n", encoding="utf-8")
    (d / "wrong.gold.yaml").write_text(
        'doc_id: wrong.txt\ntext: "王小川说：“开源模型会越来越强。”"\nspeakers: [张三]\n'
        "quotes:\n  - {text: 开源模型, speaker: 张三}\n", encoding="utf-8")
    (d / "broken.gold.yaml").write_text('text: "他说：“你好。”"\nquotes:\n  - {text: xyz, speaker: null}\n', encoding="utf-8")
    return d


def test_cli_eval_passes_a_met_threshold(cli_golds):
    r = run_cli("eval", cli_golds / "good.gold.yaml", "--min-f1", "0.9", "--min-direct-accuracy", "1",
                "--max-nonspeech-misattribution", "0", "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["metrics"]["speaker_f1"] == 1.0 and report["documents"][0]["doc_id"] == "good.txt"


def test_cli_eval_fails_a_missed_threshold_and_a_bad_file(cli_golds, tmp_path):
    r = run_cli("eval", cli_golds / "good.gold.yaml", cli_golds / "wrong.gold.yaml", "--min-speaker-f1", "0.9",
                "-o", tmp_path / "report.txt")
    assert r.returncode == 1
    assert "threshold missed: speaker_f1 0.500 < 0.9 (--min-speaker-f1)" in r.stderr
    assert "wrong speaker" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    r = run_cli("eval", cli_golds / "broken.gold.yaml", cli_golds / "good.gold.yaml", "--format", "json")
    assert r.returncode == 1
    assert "broken.gold.yaml: quotes[0].text: 'xyz' not found in the text" in r.stderr
    assert [d["doc_id"] for d in json.loads(r.stdout)["documents"]] == ["good.txt"]   # the other file is still scored


def test_an_ambiguous_answer_turn_is_not_scored(tmp_path, nlp):
    path = write_gold(tmp_path, """\
        text: "问：会开源吗？\\n答：会，下个月全部开源。\\n问：端侧呢？\\n梁一帆：也会做。"
        quotes:
          - {text: 会，下个月, kind: qa_turn, speaker: "?"}
          - {text: 也会做, kind: qa_turn, speaker: 梁一帆}
    """)
    metrics = stancelib.evaluate(str(path), nlp=nlp).metrics
    assert metrics.qa_accuracy == 1.0 and metrics.qa_recall == 1.0
