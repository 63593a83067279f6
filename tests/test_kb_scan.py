"""The knowledge-base scan finds exactly what a PhraseMatcher on NORM over character tokens found."""
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import PhraseMatcher

from stancelib.speakers import KBIndex, SpeakerFinder, canonical_name

_SURFACES = ["陈一帆", "Lena Hart", "lena hart", "LenaHart", "一帆", "米娅·罗森", "Ada K", "K2", "穆青", "Åsa Berg"]
_CHAR_NLP = spacy.blank("zh")


def _reference(keys, text):
    matcher = PhraseMatcher(_CHAR_NLP.vocab, attr="NORM")
    for key in keys:
        matcher.add(key, [_CHAR_NLP.make_doc(key)])
    doc = _CHAR_NLP.make_doc(text)
    found = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), _CHAR_NLP.vocab.strings[m]) for m, s, e in matcher(doc)]
    return sorted(found, key=lambda f: (f[0], f[1], keys.index(f[2])))


def _index(keys):
    index = KBIndex()
    for key in keys:
        index.add(key)
    return index


_KEYS = list(dict.fromkeys(canonical_name(s).lower() for s in _SURFACES))
_PIECES = st.one_of(st.sampled_from(_SURFACES + ["LENA", "HART", "Lena", "  ", " ", "\n", "\u3000", "，", "说", "a"]),
                    st.text(alphabet="陈一帆LenaHrtK2 ·\nÅåK\u212a\u212bAsBerg", max_size=4))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=15).map("".join))
def test_scan_equals_phrase_matcher(text):
    assert _index(_KEYS).matches(text) == _reference(_KEYS, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=15).map("".join))
def test_scan_without_starts_inside_latin_words(text):
    """The component's scan skips keys starting inside a Latin word (``HART`` in ``LENAHART``): the
    same matches as the full scan once those are dropped."""
    def inside(s: int) -> bool:
        return s > 0 and text[s - 1].isascii() and text[s - 1].isalpha() and text[s].isascii()

    expected = [m for m in _index(_KEYS).matches(text) if not inside(m[0])]
    assert _index(_KEYS).matches(text, inside_latin_words=False) == expected


def test_fixed_cases():
    text = "陈一帆和Lena  Hart、lena hart，还有LENAHART\nLena\nHart、穆青一帆。"
    assert _index(_KEYS).matches(text) == _reference(_KEYS, text)
    assert [(s, e) for s, e, _ in _index(_KEYS).matches("陈一帆")] == [(0, 3), (1, 3)]


def test_component_uses_the_scan(tmp_path):
    kb = tmp_path / "kb.yaml"
    kb.write_text("speakers:\n  - {id: p1, name: 陈一帆, aliases: [Chen Yifan], orgs: [青松智算]}\n", encoding="utf-8")
    finder = SpeakerFinder(spacy.blank("zh"), kb=str(kb))
    mentions = [m for m in finder.find("青松智算的chen  yifan和Chen Yifan都提到陈一帆。") if m["source"] == "kb"]
    assert [(m["start"], m["end"], m["kb_id"]) for m in mentions] == [(17, 27, "p1"), (30, 33, "p1")]  # two spaces break a match
