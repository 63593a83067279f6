"""Optional NER backends (``ner="hanlp:DIR"`` / ``ner="spacy:DIR"``): a name that no knowledge base or
pattern knows becomes a speaker thanks to the backend; bad specs and paths raise ConfigError."""
from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
import spacy

import stancelib
from stancelib.speakers import HanLPBackend, SpacyNERBackend, load_ner_backend

# 欧也妮 starts with no Chinese surname and stands after the quote with 补充道: only NER can name her.
TEXT = "“开源才是未来。”欧也妮补充道。"
NAME = "欧也妮"


def speaker_of_the_quote(nlp, text: str = TEXT):
    res = stancelib.extract(text, nlp=nlp)
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert text[q.span.start:q.span.end] == q.span.text
    return q.speaker


def test_without_a_backend_the_name_is_not_found():
    assert speaker_of_the_quote(stancelib.load(kb=None)) is None
    assert speaker_of_the_quote(stancelib.load()) is None


# --- spaCy backend ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spacy_ner_dir(tmp_path_factory) -> Path:
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": NAME}, {"label": "ORG", "pattern": "星河智能"}])
    path = tmp_path_factory.mktemp("ner") / "pipeline"
    nlp.to_disk(path)
    return path


def test_spacy_backend_names_the_speaker(spacy_ner_dir):
    speaker = speaker_of_the_quote(stancelib.load(kb=None, ner=f"spacy:{spacy_ner_dir}"))
    assert speaker is not None
    assert speaker.name == NAME and speaker.surface == NAME and speaker.kb_id is None


def test_spacy_backend_returns_person_mentions_only(spacy_ner_dir):
    backend = load_ner_backend(f"spacy:{spacy_ner_dir}")
    assert isinstance(backend, SpacyNERBackend)
    clean = "星河智能的欧也妮说。"
    (mention,) = backend(clean)
    assert clean[mention["start"]:mention["end"]] == NAME
    assert mention["source"] == "ner" and mention["name"] == NAME


def test_spacy_backend_offsets_survive_normalization(spacy_ner_dir):
    text = "&ldquo;開源才是未來。&rdquo;\u200b欧也妮补充道。"
    speaker = speaker_of_the_quote(stancelib.load(kb=None, ner=f"spacy:{spacy_ner_dir}"), text)
    assert speaker is not None and speaker.name == NAME


def test_spacy_backend_missing_or_wrong_path(tmp_path):
    missing = tmp_path / "no_pipeline"
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(ner=f"spacy:{missing}")
    assert str(missing) in str(exc.value)
    not_a_pipeline = tmp_path / "empty_dir"
    not_a_pipeline.mkdir()
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(ner=f"spacy:{not_a_pipeline}")
    assert str(not_a_pipeline) in str(exc.value)


# --- HanLP backend (a fake ``hanlp`` module: the real one is optional and large) --------------------


@pytest.fixture()
def fake_hanlp(monkeypatch):
    """A ``hanlp`` module whose ``load(path)`` returns a tagger over a list of characters."""
    loaded: list[str] = []
    seen: list[list[str]] = []

    def load(path):
        loaded.append(path)

        def tagger(chars):
            assert isinstance(chars, list) and all(len(c) == 1 for c in chars)
            seen.append(chars)
            line = "".join(chars)
            out = []
            start = line.find(NAME)
            while start >= 0:
                out.append((NAME, "PERSON", start, start + len(NAME)))
                start = line.find(NAME, start + 1)
            if "星河智能" in line:
                i = line.index("星河智能")
                out.append(("星河智能", "ORGANIZATION", i, i + 4))
            return out

        return tagger

    module = types.ModuleType("hanlp")
    module.load = load
    monkeypatch.setitem(sys.modules, "hanlp", module)
    return types.SimpleNamespace(loaded=loaded, seen=seen)


def test_hanlp_backend_names_the_speaker(fake_hanlp, tmp_path):
    model_dir = tmp_path / "hanlp_ner"
    model_dir.mkdir()
    speaker = speaker_of_the_quote(stancelib.load(kb=None, ner=f"hanlp:{model_dir}"), "第一段。\n" + TEXT)
    assert fake_hanlp.loaded == [str(model_dir)]
    assert speaker is not None and speaker.name == NAME
    # only the paragraph with the quote is read (ner_scope="gaps"); "all" reads every line
    assert ["".join(chars) for chars in fake_hanlp.seen] == [TEXT]
    fake_hanlp.seen.clear()
    speaker_of_the_quote(stancelib.load(kb=None, ner=f"hanlp:{model_dir}", ner_scope="all"), "第一段。\n" + TEXT)
    assert ["".join(chars) for chars in fake_hanlp.seen] == ["第一段。", TEXT]


def test_hanlp_backend_offsets_are_per_line_and_persons_only(fake_hanlp, tmp_path):
    backend = load_ner_backend(f"hanlp:{tmp_path}")
    assert isinstance(backend, HanLPBackend)
    clean = "星河智能发布会。\n\n采访对象是欧也妮。"
    (mention,) = backend(clean)
    assert clean[mention["start"]:mention["end"]] == NAME


def test_hanlp_backend_missing_path(fake_hanlp, tmp_path):
    missing = tmp_path / "no_model"
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(ner=f"hanlp:{missing}")
    assert str(missing) in str(exc.value)
    assert fake_hanlp.loaded == []


def test_hanlp_backend_broken_model_is_a_config_error(monkeypatch, tmp_path):
    module = types.ModuleType("hanlp")

    def load(path):
        raise RuntimeError("not a HanLP model")

    module.load = load
    monkeypatch.setitem(sys.modules, "hanlp", module)
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(ner=f"hanlp:{tmp_path}")
    assert str(tmp_path) in str(exc.value) and "not a HanLP model" in str(exc.value)


def test_hanlp_not_installed_is_a_config_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "hanlp", None)  # import hanlp -> ImportError
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(ner=f"hanlp:{tmp_path}")
    assert "hanlp" in str(exc.value)


@pytest.mark.parametrize("spec", ["foo:bar", "stanza:/models/zh", "hanlp", "spacy:"])
def test_bad_spec_is_a_config_error(spec):
    with pytest.raises(stancelib.ConfigError):
        stancelib.load(ner=spec)
