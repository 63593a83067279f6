"""Saved pipelines carry their data, declare their data flow, and refuse out-of-range options."""
import json
import shutil
import subprocess
import sys

import pytest
import spacy

import stancelib
from stancelib.errors import ConfigError
from stancelib.serialize import SAVED

TEXT = ("青松智算创始人罗文昭表示：“智能体会是明年最大的机会，我们全力押注智能体。”\n"
        "小柯认为，智能体只是噱头，被严重高估了。\n"
        "“我看好智能体的未来。”Mira Lund说。\n")


def _write_sources(src):
    src.mkdir()
    (src / "people.yaml").write_text(
        "speakers:\n  - {id: p1, name: 罗文昭, aliases: [小柯], orgs: [青松智算]}\n"
        "  - {id: p2, name: Mira Lund, orgs: [北辰实验室]}\n", encoding="utf-8")
    (src / "topics.yaml").write_text(
        "topics:\n  agents:\n    labels: [pro, con, mixed, neutral]\n    opposite: {pro: con, con: pro}\n"
        "    sides:\n      pro: [智能体]\n    model_target: 智能体\n"
        "    model_labels: {FAVOR: pro, AGAINST: con, NONE: neutral}\n", encoding="utf-8")
    (src / "cues.yaml").write_text("verbs: [放话]\n", encoding="utf-8")
    from stancelib.stance_model import StanceClassifier

    favor = ["智能体会是明年最大的机会", "我们全力押注智能体", "我看好智能体的未来", "智能体值得投入"]
    against = ["智能体是伪需求", "智能体被严重高估了", "智能体只是噱头", "智能体很难落地"]
    StanceClassifier().fit(favor + against, ["智能体"] * 8, ["FAVOR"] * 4 + ["AGAINST"] * 4).to_disk(src / "model")
    return {"kb": str(src / "people.yaml"), "topics": str(src / "topics.yaml"), "cues": str(src / "cues.yaml"),
            "stance_model": str(src / "model")}


_LOAD_AND_RUN = """
import json, sys, spacy, stancelib
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
print(json.dumps(stancelib.doc_result(doc, "d").model_dump(mode="json"), ensure_ascii=False))
"""


def test_saved_pipeline_loads_elsewhere_without_its_source_files(tmp_path):
    options = _write_sources(tmp_path / "src")
    nlp = stancelib.load(**options)
    expected = stancelib.doc_result(nlp(TEXT), "d").model_dump(mode="json")
    assert any(q.speaker and q.speaker.kb_id == "p2" for q in stancelib.doc_result(nlp(TEXT)).quotes)
    assert any(c["topic"] == "agents" and c["cues"][0].startswith("model:") for c in expected["claims"])
    nlp.to_disk(tmp_path / "saved")
    shutil.rmtree(tmp_path / "src")  # the files the pipeline was built from are gone
    shutil.move(str(tmp_path / "saved"), str(tmp_path / "moved"))
    config = (tmp_path / "moved" / "config.cfg").read_text(encoding="utf-8")
    assert str(tmp_path / "src") not in config and SAVED in config
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([sys.executable, "-c", _LOAD_AND_RUN, str(tmp_path / "moved"), TEXT], cwd=elsewhere,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == expected


def test_component_data_round_trips_through_bytes(tmp_path):
    options = _write_sources(tmp_path / "src")
    nlp = stancelib.load(**options)
    rebuilt = stancelib.load(kb=None).from_bytes(nlp.to_bytes())
    assert rebuilt.get_pipe("stancelib_speakers").kb == nlp.get_pipe("stancelib_speakers").kb
    assert stancelib.doc_result(rebuilt(TEXT), "d") == stancelib.doc_result(nlp(TEXT), "d")


def test_a_saved_component_without_its_data_says_so():
    nlp = spacy.blank("zh")
    nlp.add_pipe("stancelib_normalizer")
    nlp.add_pipe("stancelib_speakers", config={"kb": SAVED})
    with pytest.raises(ConfigError, match=r"\[E041\].*kb"):
        nlp("罗文昭说。")


def test_builtin_pipeline_saves_and_loads_with_the_same_results(tmp_path):
    nlp = stancelib.load()
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert stancelib.doc_result(loaded(TEXT), "d") == stancelib.doc_result(nlp(TEXT), "d")


def test_analyze_pipes_catches_a_reordered_pipeline():
    nlp = stancelib.load()
    assert not any(nlp.analyze_pipes(pretty=False)["problems"].values())
    wrong = spacy.blank("zh")
    for name in ("stancelib_normalizer", "stancelib_sentences", "stancelib_quotes", "stancelib_attribution",
                 "stancelib_speakers", "stancelib_stance"):
        wrong.add_pipe(name)
    problems = wrong.analyze_pipes(pretty=False)["problems"]
    assert problems["stancelib_attribution"] == ["doc._.speaker_mentions"]
    assert problems["stancelib_speakers"] == []


@pytest.mark.parametrize("pipe, value", [("stancelib_stance", 2.0), ("stancelib_stance", -0.1),
                                         ("stancelib_attribution", 1.5)])
def test_out_of_range_options_are_config_errors(pipe, value):
    nlp = spacy.blank("zh")
    with pytest.raises(ConfigError, match=r"\[E042\] Option min_confidence="):
        nlp.add_pipe(pipe, config={"min_confidence": value})


def test_nan_is_refused_by_the_check():  # spaCy itself refuses NaN in a config (not JSON)
    from stancelib.serialize import check_unit_interval

    with pytest.raises(ConfigError, match=r"\[E042\]"):
        check_unit_interval("stancelib_stance", "min_confidence", float("nan"))


def test_in_range_options_are_accepted():
    nlp = spacy.blank("zh")
    assert nlp.add_pipe("stancelib_stance", config={"min_confidence": 1}).min_confidence == 1.0
