"""The attribution scorer: fitted on gold, saved as JSON, loaded safely, and giving a usable confidence."""
import json
import shutil
import subprocess
import sys

import pytest

import stancelib
from stancelib.errors import ConfigError
from stancelib.evaluation.calibration import fit_scorer, reliability, threshold_curve


def test_explicit_cue_scores_higher_than_a_paragraph_guess(nlp):
    text = ("星河智能CEO陈思远表示：“我们明年会把推理成本再降一半。”\n\n"
            "陈思远谈到了开源社区。他是开源的长期支持者。\n\n“社区的力量比任何一家公司都大，这一点我很确定。”")
    direct = [q for q in nlp(text)._.quotes if q.kind == "direct"]
    assert [q.speaker.name for q in direct] == ["陈思远", "陈思远"]
    assert direct[0].method == "explicit" and direct[1].method == "adjacent"
    assert direct[0].confidence > direct[1].confidence


def test_min_confidence_leaves_a_guess_unattributed():
    text = "陈思远谈到了开源社区。他是开源的长期支持者。\n\n“社区的力量比任何一家公司都大，这一点我很确定。”"
    assert stancelib.load(kb=None)(text)._.quotes[0].speaker is not None
    strict = stancelib.load(kb=None, min_confidence=0.99)
    assert [q.speaker for q in strict(text)._.quotes if q.kind == "direct"] == [None]


def test_out_of_range_min_confidence_is_a_config_error():
    with pytest.raises(ConfigError, match="E042"):
        stancelib.load(min_confidence=2.0)


def test_fit_writes_finite_json_weights_that_load(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("addressee_zhou_li", "floating_quotes_ceos", "forum_kaifu_zhilin", "split_quotes_gu_nanxing"):
        for ext in (".txt", ".gold.yaml"):
            shutil.copy(f"fixtures/{name}{ext}", gold / f"{name}{ext}")
    out = tmp_path / "scorer.json"
    data = fit_scorer([gold], out=out, folds=2)
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["weights"] == data["weights"] and saved["weights"]
    assert all(isinstance(v, float) for v in saved["weights"].values())
    assert data["report"]["quotes"] > 0 and data["report"]["held_out_candidate_auc"] is not None
    nlp = stancelib.load(attribution_scorer=str(out))
    q = [q for q in nlp("林嘉禾说，“企业客户最看重的是稳定。”")._.quotes if q.kind == "direct"][0]
    assert q.speaker.name == "林嘉禾" and 0.0 < q.confidence <= 1.0


def test_a_weights_file_with_nan_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"bias": 0.1, "weights": {"prior": NaN}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="E021"):
        stancelib.load(attribution_scorer=str(bad))


def test_reliability_and_threshold_tables():
    pairs = [(0.95, True), (0.9, True), (0.85, False), (0.3, False), (0.1, False)]
    table = reliability(pairs, bins=5)
    assert [row["quotes"] for row in table] == [1, 1, 3]
    assert table[-1]["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    curve = threshold_curve(pairs, total_speech=3)
    at_08 = next(row for row in curve if row["min_confidence"] == 0.8)
    assert at_08["attributed"] == 3 and at_08["precision"] == pytest.approx(0.667, abs=1e-3)
    assert at_08["recall"] == pytest.approx(0.667, abs=1e-3)


def test_calibrate_command(tmp_path):
    out = tmp_path / "w.json"
    proc = subprocess.run([sys.executable, "-m", "stancelib.cli", "calibrate", "fixtures/addressee_zhou_li.gold.yaml",
                           "fixtures/floating_quotes_ceos.gold.yaml", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["weights"]


def test_speech_term_model_fits_and_is_used_only_when_given(tmp_path):
    from stancelib.evaluation.calibration import fit_speech_term

    for i, (said, term) in enumerate([("别出错就好", "规模红利"), ("先活下来", "百模大战"), ("我们不降价", "智商税")]):
        (tmp_path / f"d{i}.txt").write_text(f"陈思远说：“{said}”。业内所谓的“{term}”正在退潮。", encoding="utf-8")
        (tmp_path / f"d{i}.gold.yaml").write_text(
            f"doc_id: d{i}.txt\ntext_path: d{i}.txt\nspeakers: [陈思远]\nquotes:\n"
            f"  - {{text: {said}, kind: direct, speaker: 陈思远}}\n  - {{text: {term}, kind: direct, speaker: null}}\n",
            encoding="utf-8")
    out = tmp_path / "st.json"
    data = fit_speech_term([tmp_path], out=out, folds=3)
    assert data["report"]["short_quotes"] > 0 and 0.0 <= data["report"]["held_out_accuracy"] <= 1.0
    assert stancelib.load().get_pipe("stancelib_attribution").speech_term is None
    model = stancelib.load(speech_term=str(out)).get_pipe("stancelib_attribution").speech_term
    assert model is not None and model.weights == data["weights"]
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ConfigError, match="E021"):
        stancelib.load(speech_term=str(bad))


def test_calibrate_on_too_little_gold_is_a_coded_error_not_a_traceback(tmp_path):
    (tmp_path / "one.txt").write_text("陈思远说：“我们不降价。”", encoding="utf-8")
    (tmp_path / "one.gold.yaml").write_text(
        "doc_id: one.txt\ntext_path: one.txt\nspeakers: [陈思远]\nquotes:\n  - {text: 我们不降价。, kind: direct, speaker: 陈思远}\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "stancelib.cli", "calibrate", str(tmp_path / "one.gold.yaml"),
                           "-o", str(tmp_path / "w.json")], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "[E031]" in proc.stderr and "one.gold.yaml" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "w.json").exists()
