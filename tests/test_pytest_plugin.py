"""The pytest plugin (stancelib/pytest_plugin.py): gold documents as test items, run through pytester."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import stancelib
from stancelib.pytest_plugin import GoldCriteria, assert_claims, session_pipeline
from stancelib.types import DocResult, Speaker, StanceSummary

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Fixtures the library gets right under the default criteria today (no wrong speaker or stance label).
PASSING = ("html_beichen_cloud", "trad_wang_zhongyuan", "scare_quotes_price_war")

TINY_GOLD = """\
doc_id: kaifu.txt
text_path: kaifu.txt
speakers: [李开复, 王小川]
quotes:
  - {text: To C才是, kind: direct, speaker: 李开复}
  - {text: 开源模型会, kind: direct, speaker: 王小川}
  - {text: 百模大战, kind: direct, speaker: null}
stances:
  - {speaker: 李开复, topic: tob_vs_toc, labels: [to_c], required: true}
  - {speaker: 王小川, topic: open_vs_closed, labels: [open], required: true}
"""
TINY_TEXT = "李开复表示：“To C才是最大的机会。”王小川说：“开源模型会越来越强，我们坚持开源。”记者提到了“百模大战”这个说法。\n"

# hypothesis' plugin would import hypothesis afresh in every in-process run (pytester restores sys.modules).
DEFAULT_INI = "[pytest]\naddopts = -p no:cacheprovider -p no:hypothesispytest\n"


@pytest.fixture(scope="module")
def nlp():
    return session_pipeline()   # the plugin's own cache: the in-process pytester runs reuse it


@pytest.fixture
def tiny(pytester: pytest.Pytester, nlp) -> pytest.Pytester:
    """A scratch test directory with one gold file of our own that the library gets right."""
    (pytester.path / "kaifu.gold.yaml").write_text(TINY_GOLD, encoding="utf-8")
    (pytester.path / "kaifu.txt").write_text(TINY_TEXT, encoding="utf-8")
    pytester.makeini(DEFAULT_INI)
    return pytester


@pytest.fixture
def golds(tiny: pytest.Pytester) -> pytest.Pytester:
    """The same plus copies of fixtures the library passes today."""
    for name in PASSING:
        for suffix in (".gold.yaml", ".txt"):
            shutil.copy(FIXTURES / f"{name}{suffix}", tiny.path / f"{name}{suffix}")
    return tiny


def test_one_passing_item_per_gold_document(golds):
    result = golds.runpytest("-v")
    result.assert_outcomes(passed=len(PASSING) + 1)
    result.stdout.fnmatch_lines(["*html_beichen_cloud.gold.yaml::html_beichen_cloud.txt PASSED*",
                                 "*kaifu.gold.yaml::kaifu.txt PASSED*",
                                 "*scare_quotes_price_war.gold.yaml::scare_quotes_price_war.txt PASSED*",
                                 "*trad_wang_zhongyuan.gold.yaml::trad_wang_zhongyuan.txt PASSED*"])


def test_a_changed_speaker_fails_exactly_that_item(golds):
    gold = golds.path / "trad_wang_zhongyuan.gold.yaml"
    text = gold.read_text(encoding="utf-8")
    changed = text.replace("{text: 世界模型需要的數據, kind: direct, speaker: 王仲远}",
                           "{text: 世界模型需要的數據, kind: direct, speaker: 李开复}")
    assert changed != text
    gold.write_text(changed, encoding="utf-8")
    result = golds.runpytest()
    result.assert_outcomes(passed=len(PASSING), failed=1)
    result.stdout.fnmatch_lines([
        "stancelib gold criteria missed: 1 quote(s) attributed to the wrong speaker (stancelib_max_wrong_speakers = 0); "
        "expected speaker never found: 李开复 (stancelib_require_all_speakers = true)",
        "gold document: trad_wang_zhongyuan.gold.yaml::trad_wang_zhongyuan.txt",
        "*problem*where*text*expected*found*",
        "*wrong speaker*quotes?2?*世界模型需要的數據*李开复*王仲远*",
        "FAILED *trad_wang_zhongyuan.gold.yaml::trad_wang_zhongyuan.txt*",
    ])


def test_a_speaker_the_library_left_unattributed_still_fails(tiny):
    # 百模大战 is not speech: the library leaves it null, so only require_all_speakers can catch this.
    gold = tiny.path / "kaifu.gold.yaml"
    gold.write_text(TINY_GOLD.replace("{text: 百模大战, kind: direct, speaker: null}",
                                      "{text: 百模大战, kind: direct, speaker: 张三}"), encoding="utf-8")
    result = tiny.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*expected speaker never found: 张三 (stancelib_require_all_speakers = true)*",
                                 "*no speaker*quotes?2?*百模大战*张三*(no speaker)*"])
    tiny.makeini(DEFAULT_INI + "stancelib_require_all_speakers = false\n")
    tiny.runpytest().assert_outcomes(passed=1)


def test_ini_thresholds_decide(tiny):
    gold = tiny.path / "kaifu.gold.yaml"
    gold.write_text(TINY_GOLD.replace("labels: [to_c]", "labels: [to_b]"), encoding="utf-8")
    tiny.runpytest().assert_outcomes(failed=1)                                   # stancelib_max_wrong_stances = 0
    tiny.makeini(DEFAULT_INI + "stancelib_max_wrong_stances = 1\nstancelib_min_stance_f1 = 0.9\n")
    result = tiny.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*stance F1 0.500 < 0.9 (stancelib_min_stance_f1)*", "*wrong stance*to_b*to_c*"])
    tiny.makeini(DEFAULT_INI + "stancelib_max_wrong_stances = 1\n")
    tiny.runpytest().assert_outcomes(passed=1)
    tiny.makeini(DEFAULT_INI + "stancelib_max_wrong_stances = many\n")
    result = tiny.runpytest()
    assert result.ret != 0
    result.stderr.fnmatch_lines(["*stancelib_max_wrong_stances = 'many': expected an integer*"])


def test_a_bad_gold_file_is_a_collection_error_naming_the_entry(tiny):
    (tiny.path / "broken.gold.yaml").write_text('text: "他说：“你好。”"\nquotes:\n  - {text: xyz, speaker: null}\n',
                                                encoding="utf-8")
    result = tiny.runpytest("--continue-on-collection-errors")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*?E030? Bad gold file *broken.gold.yaml: quotes?0?.text: 'xyz' not found in the text*"])


def test_multi_document_file_gives_one_item_per_document(pytester, nlp):
    pytester.makeini(DEFAULT_INI)
    (pytester.path / "many.gold.yaml").write_text(
        "docs:\n"
        "  a.txt:\n    text: '李开复表示：“To C才是最大的机会。”'\n    speakers: [李开复]\n"
        "    quotes:\n      - {start: 6, speaker: 李开复}\n"
        "  b.txt:\n    text: '王小川說：「開源模型會越來越強，我們堅持開源。」'\n    speakers: [王小川]\n"
        "    quotes:\n      - {text: 開源模型, speaker: 王小川}\n", encoding="utf-8")
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*many.gold.yaml::a.txt PASSED*", "*many.gold.yaml::b.txt PASSED*"])


def test_session_fixture_and_assert_claims_in_user_tests(pytester, nlp):
    pytester.makeini(DEFAULT_INI + "stancelib_kb = none\n")
    pytester.makepyfile(test_user="""
        from stancelib.pytest_plugin import assert_claims, session_pipeline

        def test_claims(stancelib_nlp):
            assert_claims("李开复表示：“To C才是最大的机会。”", [("李开复", "tob_vs_toc", "to_c")], nlp=stancelib_nlp)

        def test_loaded_once(stancelib_nlp):
            assert session_pipeline() is stancelib_nlp
            assert stancelib_nlp.get_pipe("stancelib_speakers") is not None
    """)
    pytester.runpytest().assert_outcomes(passed=2)


# --- assert_claims and the criteria, without pytester --------------------------------------------------------


def test_assert_claims_passes_and_shows_a_readable_diff(nlp):
    text = "李开复表示：“To C才是最大的机会。”王小川说：“开源模型会越来越强，我们坚持开源。”"
    assert_claims(text, [("李开复", "tob_vs_toc", ["to_c", "mixed"]), ("王小川", "open_vs_closed", "open")], nlp=nlp)
    with pytest.raises(AssertionError) as info:
        assert_claims(text, [("李开复", "tob_vs_toc", "to_b"), ("李开复", "scaling_law", "believer")], nlp=nlp)
    message = str(info.value)
    for line in ("expected", "found", "WRONG", "to_b", "to_c", "MISSING", "(none)", "EXTRA", "王小川"):
        assert line in message
    assert_claims(text, [("李开复", "tob_vs_toc", "to_c")], nlp=nlp, exact=False)


def test_assert_claims_on_a_result_with_traditional_names():
    result = DocResult(doc_id="d", stances=(
        StanceSummary(doc_id="d", speaker=Speaker(name="王仲遠", surface="王仲遠"), topic="open_vs_closed", stance="open",
                      confidence=0.9, claim_ids=("c0",)),
        StanceSummary(doc_id="d", speaker=Speaker(name="王仲遠", surface="王仲遠"), topic="scaling_law", stance="neutral",
                      confidence=0.9, claim_ids=("c1",))))
    assert_claims(result, [("王仲远", "open_vs_closed", "open"), ("王仲远", "scaling_law", "neutral")])
    with pytest.raises(TypeError, match="expected \\(speaker, topic, label\\) tuples"):
        assert_claims(result, [("王仲远", "open")])


def test_criteria_defaults_match_the_documented_ones():
    assert GoldCriteria() == GoldCriteria(max_wrong_speakers=0, max_nonspeech_misattributed=0, min_direct_accuracy=0.0,
                                          min_speaker_f1=0.0, min_stance_f1=0.0, max_wrong_stances=0,
                                          require_all_speakers=True)
    assert stancelib.evaluate is not None


def test_assert_claims_names_a_misspelt_topic_or_label(nlp):
    text = "凌秋白表示：“To B是我们唯一的方向。”"
    with pytest.raises(ValueError, match="unknown topic 'tob_vs_tocc'.*tob_vs_toc"):
        assert_claims(text, [("凌秋白", "tob_vs_tocc", "to_b")], nlp=nlp)
    with pytest.raises(ValueError, match="unknown label.*'tob'.*to_b"):
        assert_claims(text, [("凌秋白", "tob_vs_toc", ["to_b", "tob"])], nlp=nlp)
