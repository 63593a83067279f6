"""Notebook views: the DocResult HTML view, displaCy quote spans, to_dataframe and the stance plots."""
from __future__ import annotations

import io
import sys
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import pytest
import spacy
from spacy import displacy

import stancelib
from stancelib import plot
from stancelib.display import NOT_SPEECH, SPANS_KEY, render_html
from stancelib.normalize import TextKeepingTokenizer

matplotlib.use("Agg")
# No CJK font on a bare CI machine: names render as boxes, which is all these tests need.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")

# Invented people and companies.
TEXT = ("青禾科技CEO罗一鸣表示：“开源模型会成为主流。”\n"
        "所谓“百模大战”已经结束。<script>alert(1)</script>\n"
        "云枢智能创始人白景川说：“大模型的机会在To B，企业客户愿意付费。”")


@pytest.fixture(scope="module")
def result(nlp):
    return stancelib.extract(TEXT, doc_id="demo.txt", nlp=nlp)


class _TagChecker(HTMLParser):
    """Fails on a closing tag that does not close the innermost open one; collects tags and text."""

    VOID = {"br", "hr", "img", "meta", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.text, self.titles = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.titles += [v for k, v in attrs if k == "title"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _TagChecker:
    checker = _TagChecker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"unclosed tags {checker.stack}"
    return checker


def test_extract_keeps_the_text_and_the_json_round_trips(result):
    assert result.text == TEXT
    assert stancelib.DocResult.model_validate_json(result.model_dump_json()) == result
    assert TEXT not in repr(result)  # the repr stays short


def test_html_view_parses_shows_the_whole_text_and_every_speaker(result):
    html = result._repr_html_()
    parsed = _parse(html)
    shown = "".join(parsed.text)
    assert TEXT in shown  # the whole text, in order, once the markup is stripped
    assert {s.name for s in result.speakers} == {"罗一鸣", "白景川"}
    for speaker in result.speakers:
        assert shown.count(speaker.name) >= 2  # in the text and in the legend
    assert "mark" in parsed.tags and "table" in parsed.tags


def test_html_view_escapes_markup_in_the_article(result):
    html = render_html(result)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "script" not in _parse(html).tags


def test_hover_shows_method_and_confidence_and_non_speech_is_grey(result):
    titles = _parse(render_html(result)).titles
    speech = [t for t in titles if "罗一鸣" in t]
    assert speech and "method explicit" in speech[0] and "confidence 0." in speech[0]
    scare = next(q for q in result.quotes if q.content == "百模大战")
    assert scare.speaker is None
    html = render_html(result)
    piece = html[html.index(f'title="{scare.id} direct: {NOT_SPEECH}') - 80:]
    assert "background:#e0e0e0" in piece[:80]


def test_claims_table_lists_every_claim(result):
    html = render_html(result)
    table = html[html.index("<table"):]
    assert result.claims
    for c in result.claims:
        assert c.topic in table and c.stance in table and f"{c.confidence:.2f}" in table


def test_without_text_the_view_is_rebuilt_from_the_spans(result):
    bare = result.model_copy(update={"text": None})
    shown = "".join(_parse(render_html(bare)).text)
    for q in result.quotes:
        assert q.span.text in shown
    assert "…" in shown and "alert(1)" not in shown  # text no span covers is unknown


def test_error_result_renders(nlp):
    res = stancelib.DocResult(doc_id="bad.txt", error="[E002] bad.txt looks like a binary file <x>")
    html = render_html(res)
    _parse(html)
    assert "&lt;x&gt;" in html and "no claims" in html


# --- displaCy spans ---------------------------------------------------------------------------------


def test_quote_spans_carry_speakers_and_original_offsets(nlp):
    text = "&ldquo;术语&rdquo;之争。罗一鸣说：“開源會贏。”"  # entities and traditional script: a real offset map
    doc = nlp(text)
    spans = doc.spans[SPANS_KEY]
    quotes = doc._.quotes
    assert [(s.start_char, s.end_char) for s in spans] == [(q.span.start, q.span.end) for q in quotes]
    assert [s.label_ for s in spans] == [q.speaker.name if q.speaker else NOT_SPEECH for q in quotes]
    assert "罗一鸣" in [s.label_ for s in spans] and NOT_SPEECH in [s.label_ for s in spans]
    html = displacy.render(doc, style="span", options={"spans_key": SPANS_KEY})
    assert "罗一鸣" in html and NOT_SPEECH in html


def test_quote_spans_expand_to_whole_tokens_of_a_coarser_tokenizer():
    nlp = stancelib.load()
    nlp.tokenizer = TextKeepingTokenizer(spacy.blank("en").tokenizer)  # whole runs of Hanzi are one token
    doc = nlp(TEXT)
    quotes = doc._.quotes
    spans = doc.spans[SPANS_KEY]
    assert len(spans) == len(quotes)
    for span, q in zip(spans, quotes):
        assert span.start_char <= q.span.start and q.span.end <= span.end_char


def test_quote_spans_survive_multiprocessing(nlp):
    texts = [TEXT, "白景川说：“端侧模型更重要。”"]
    one = [[(s.start_char, s.label_) for s in d.spans[SPANS_KEY]] for d in nlp.pipe(texts)]
    two = [[(s.start_char, s.label_) for s in d.spans[SPANS_KEY]] for d in nlp.pipe(texts, n_process=2)]
    assert two == one and one[1] == [(5, "白景川")]


# --- DataFrames -------------------------------------------------------------------------------------


def test_to_dataframe_claims_has_flat_columns(result):
    df = stancelib.to_dataframe([result])
    assert len(df) == len(result.claims)
    for col in ("doc_id", "speaker", "speaker_org", "topic", "stance", "confidence", "evidence", "start", "end"):
        assert col in df.columns
    row = df.iloc[0]
    claim = result.claims[0]
    assert (row.doc_id, row.speaker, row.speaker_org, row.topic, row.stance) == (
        "demo.txt", claim.speaker.name, claim.speaker.org, claim.topic, claim.stance)
    assert TEXT[row.start:row.end] == row.evidence
    assert str(df["confidence"].dtype) == "float64" and str(df["start"].dtype) == "int64"


def test_to_dataframe_quotes_and_stances(result):
    quotes = stancelib.to_dataframe(result, kind="quotes")
    assert list(quotes["id"]) == [q.id for q in result.quotes]
    assert quotes["speaker"].isna().sum() == sum(q.speaker is None for q in result.quotes)
    stances = stancelib.to_dataframe([result], kind="stances")
    assert len(stances) == len(result.stances)
    assert stances["n_claims"].sum() == sum(len(s.claim_ids) for s in result.stances)


def test_to_dataframe_of_nothing_keeps_the_columns(result):
    empty = stancelib.to_dataframe([], kind="claims")
    full = stancelib.to_dataframe([result], kind="claims")
    assert len(empty) == 0 and list(empty.columns) == list(full.columns)
    assert list(empty.dtypes) == list(full.dtypes)


def test_to_dataframe_rejects_an_unknown_kind(result):
    with pytest.raises(ValueError, match=r"\[E109\].*claims, quotes, stances"):
        stancelib.to_dataframe([result], kind="speakers")


def test_to_dataframe_names_the_extra_when_pandas_is_missing(result, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(ImportError, match=r"\[E100\].*pip install 'stancelib\[notebook\]'"):
        stancelib.to_dataframe([result])


# --- plots ------------------------------------------------------------------------------------------


def _texts_of(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_stance_matrix_is_a_figure_with_counts(result, nlp):
    second = stancelib.extract("罗一鸣表示：“开源是大势所趋。”", doc_id="b.txt", nlp=nlp)
    fig = plot.stance_matrix([result, second])
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "罗一鸣"  # most claims first
    open_claims = sum(c.topic == "open_vs_closed" and c.speaker.name == "罗一鸣" for r in (result, second) for c in r.claims)
    assert open_claims == 2
    assert f"open\n{open_claims}" in _texts_of(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # Agg renders it
    assert buf.getvalue().startswith(b"\x89PNG")


def test_stance_colour_follows_the_label_place_in_its_topic():
    labels = ("believer", "skeptic", "mixed", "neutral")
    assert len({plot.stance_colour(labels, lab) for lab in labels}) == 4
    assert plot.stance_colour(("open", "closed", "mixed", "neutral"), "open") == plot.stance_colour(labels, "believer")


def test_stance_timeline_places_claims_by_date(result, nlp):
    later = stancelib.extract("罗一鸣表示：“闭源模型更安全，开源不是出路。”", doc_id="b.txt", nlp=nlp)
    fig = plot.stance_timeline([result, later], {"demo.txt": "2025-01-05", "b.txt": "2025-06-01"})
    assert any(ax.get_title(loc="left") == "open_vs_closed" for ax in fig.axes)
    same = plot.stance_timeline([result, later], ["2025-01-05", "2025-06-01"])
    assert [ax.get_title(loc="left") for ax in same.axes] == [ax.get_title(loc="left") for ax in fig.axes]
    fig.savefig(io.BytesIO(), format="png")
    with pytest.raises(ValueError, match=r"\[E108\].*b\.txt"):
        plot.stance_timeline([result, later], {"demo.txt": "2025-01-05"})


def test_every_fixture_renders_to_well_formed_html_with_all_its_speakers(nlp):
    paths = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*.txt"))
    for path in paths:
        text = stancelib.read_text(path)
        res = stancelib.extract(text, doc_id=path.name, nlp=nlp)
        parsed = _parse(res._repr_html_())
        shown = "".join(parsed.text)
        assert text in shown, path.name
        assert all(s.name in shown for s in res.speakers), path.name
        assert len(parsed.titles) >= len({(q.span.start, q.span.end) for q in res.quotes if q.span.text}), path.name
