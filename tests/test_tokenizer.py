"""The one-pass character segmentation yields exactly spaCy's character tokens."""
import pickle

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import stancelib
from stancelib.normalize import SHORT_TEXT, TextKeepingTokenizer, char_words_and_spaces

_SPACY_CHAR = spacy.blank("zh").tokenizer  # the original segmenter="char" tokenizer

# Whitespace of every kind (runs of it matter: one " " is a trailing space, the rest is a token).
_WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
_PIECES = st.one_of(
    st.text(alphabet=_WHITESPACE, min_size=1, max_size=4),
    st.text(alphabet="abcXYZ019", min_size=1, max_size=5),
    st.text(alphabet="星河智能说：“”，。", min_size=1, max_size=5),
    st.sampled_from(["😀", "👩‍💻", "🇨🇳", "e\u0301"]),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=3),
)


def _tokens(doc):
    return [(t.text, bool(t.whitespace_)) for t in doc]


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_char_segmentation_equals_spacy(text):
    words, spaces = char_words_and_spaces(text)
    reference = _tokens(_SPACY_CHAR(text))
    assert list(zip(words, spaces)) == reference
    assert _tokens(TextKeepingTokenizer(_SPACY_CHAR)(text)) == reference


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join))
def test_long_texts_segment_as_spacy(text):
    # past SHORT_TEXT characters the tokens are read with numpy, not token by token
    text = text * (SHORT_TEXT // len(text) + 1)
    assert list(zip(*char_words_and_spaces(text))) == _tokens(_SPACY_CHAR(text))


def test_fixed_cases():
    for text in ["", " ", "  ", "a b", "a  b", "a\n b", " \n", "星河 智能\n\n说", "x "]:
        assert list(zip(*char_words_and_spaces(text))) == _tokens(_SPACY_CHAR(text)), text


def test_tokenizer_pickles_and_survives_spacy_load(tmp_path):
    nlp = stancelib.load(kb=None)
    tok = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert isinstance(tok, TextKeepingTokenizer) and tok.segmenter == "char"
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert isinstance(loaded.tokenizer, TextKeepingTokenizer)
    text = "陈一帆 说：“开源 会赢。”\n"
    assert _tokens(loaded.tokenizer(text)) == _tokens(_SPACY_CHAR(text))
    assert loaded.tokenizer(text)._.input_text == text


def test_the_whole_pipeline_pickles():
    """pickle.dumps(nlp) used to fail inside the tokenizer wrapper's __getattr__."""
    nlp = stancelib.load()
    text = "青松智算创始人罗文昭表示：“开源会赢。”"
    copy = pickle.loads(pickle.dumps(nlp))
    assert stancelib.doc_result(copy(text), "d") == stancelib.doc_result(nlp(text), "d")
