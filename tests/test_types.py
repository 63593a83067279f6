"""The public records: frozen pydantic v2 models with descriptions, JSON round trips, Span validation,
and the JSON Schema files in docs/schema/ kept in sync with the models.

Regenerate the schema files after changing a model: ``python tests/test_types.py``.
"""
from __future__ import annotations

import json
from pathlib import Path

import pydantic
import pytest

import stancelib
from stancelib.types import PUBLIC_MODELS, Claim, DocResult, DocWarning, Quote, Span, Speaker, StanceSummary

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "docs" / "schema"


def write_schemas() -> None:
    """Write docs/schema/<Model>.json for every public model."""
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for model in PUBLIC_MODELS:
        path = SCHEMA_DIR / f"{model.__name__}.json"
        path.write_text(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


SPEAKER = Speaker(name="王仲远", surface="王仲遠", title="院长", org=None, kb_id=None)
SPAN = Span(start=5, end=9, text="“好。”")


def _samples():
    quote = Quote(doc_id="a.txt", id="q0", kind="direct", span=SPAN, content="好。", speaker=SPEAKER, cue="说",
                  method="explicit", confidence=0.9, sentence=0)
    claim = Claim(doc_id="a.txt", id="c0", speaker=SPEAKER, topic="open_vs_closed", stance="open", confidence=0.7,
                  evidence=Span(start=6, end=8, text="好。"), quote_id="q0", cues=("开源",))
    summary = StanceSummary(doc_id="a.txt", speaker=SPEAKER, topic="open_vs_closed", stance="open", confidence=0.7,
                            claim_ids=("c0",))
    warning = DocWarning(code="W001", message="[W001] Unrepairable mojibake '?!' at 3", span=Span(start=3, end=5, text="?!"))
    result = DocResult(doc_id="a.txt", quotes=(quote,), claims=(claim,), stances=(summary,), speakers=(SPEAKER,),
                       warnings=(warning,))
    return [SPAN, SPEAKER, quote, claim, summary, warning, result]


def test_public_models_are_exported():
    for model in PUBLIC_MODELS:
        assert getattr(stancelib, model.__name__) is model


@pytest.mark.parametrize("record", _samples(), ids=lambda r: type(r).__name__)
def test_json_round_trip(record):
    again = type(record).model_validate_json(record.model_dump_json())
    assert again == record
    assert type(record).model_validate(record.model_dump(mode="json")) == record


@pytest.mark.parametrize("record", _samples(), ids=lambda r: type(r).__name__)
def test_models_are_frozen(record):
    field = next(iter(type(record).model_fields))
    with pytest.raises(pydantic.ValidationError):
        setattr(record, field, getattr(record, field))
    hash(record)  # frozen models with tuple fields hash


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda m: m.__name__)
def test_models_forbid_unknown_fields(model):
    data = next(r for r in _samples() if type(r) is model).model_dump()
    with pytest.raises(pydantic.ValidationError):
        model(**data, surprise=1)


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description(model):
    assert model.__doc__ and model.__doc__.strip()
    for name, field in model.model_fields.items():
        assert field.description, f"{model.__name__}.{name} has no description"


def test_span_checks_that_text_fits_the_offsets():
    assert Span(start=0, end=0, text="").text == ""
    with pytest.raises(pydantic.ValidationError):
        Span(start=0, end=3, text="好")
    with pytest.raises(pydantic.ValidationError):
        Span(start=4, end=2, text="")
    with pytest.raises(pydantic.ValidationError):
        Span(start=-1, end=0, text="x")


def test_quote_kind_is_a_closed_vocabulary():
    data = _samples()[2].model_dump()
    data["kind"] = "rumour"
    with pytest.raises(pydantic.ValidationError):
        Quote(**data)


def test_confidence_stays_between_zero_and_one():
    data = _samples()[3].model_dump()
    data["confidence"] = 1.5
    with pytest.raises(pydantic.ValidationError):
        Claim(**data)


def test_extracted_result_round_trips():
    text = "王仲遠院长表示：“开源是未来，Scaling Law依然有效。”&ldquo;好&rdquo;"
    res = stancelib.extract(text, doc_id="x.txt")
    assert res.quotes
    assert DocResult.model_validate_json(res.model_dump_json()) == res
    for q in res.quotes:
        assert text[q.span.start:q.span.end] == q.span.text


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda m: m.__name__)
def test_checked_in_json_schema_matches_the_model(model):
    path = SCHEMA_DIR / f"{model.__name__}.json"
    assert path.exists(), f"missing {path}: run `python tests/test_types.py`"
    assert json.loads(path.read_text(encoding="utf-8")) == model.model_json_schema(), (
        f"{path.name} is out of date: run `python tests/test_types.py`"
    )


if __name__ == "__main__":
    write_schemas()
    print(f"wrote {len(PUBLIC_MODELS)} schemas to {SCHEMA_DIR}")
