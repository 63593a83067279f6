"""Reading and cleaning text, keeping every offset tied to the original.

The ``stancelib_normalizer`` component adds to the Doc (whose ``doc.text`` stays the original input):
- ``doc._.clean_text``: the analysis text (simplified script, entities decoded, ruby and zero-width
  characters removed, radicals and punctuation variants folded);
- ``doc._.offset_map``: an :class:`OffsetMap` that turns clean offsets into original offsets;
- ``doc._.norm_warnings``: what was repaired or left alone (plain dicts, JSON-safe).

Length-changing edits (entities, tags, ruby, zero-width removal) are recorded as segments; all other
folds are one character to one character, so most documents have a map of a single segment.
"""
from __future__ import annotations

import codecs
import html
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import repeat
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import registry

from .errors import ConfigError, Errors, InputError, Warnings
from .yamlio import safe_load

# --- reading files ----------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings of Chinese news, most likely first; charset-normalizer arbitrates between them.
_LEGACY_ENCODINGS = ("gb18030", "big5", "utf_16_le", "utf_16_be")
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Decode a text file (UTF-8 with/without BOM, UTF-16, GB18030, Big5) or raise :class:`InputError`.

    ``encoding`` forces one codec (no guessing). What decoding had to repair or guess is dropped here;
    :func:`read_document` returns it too.

    >>> read_text("article.txt")  # doctest: +SKIP
    '李开复表示……'
    """
    return read_document(path, encoding)[0]


def read_document(path: str | Path, encoding: str | None = None) -> tuple[str, list[dict]]:
    """``(text, warnings)`` of a file: the warnings (``W003`` detected encoding, ``W006`` stray NUL,
    ``W007`` truncated last character) are plain dicts like the normalizer's."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(Errors.E001.format(path=p, reason="it is a directory"), str(p), "directory") from None
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=p, reason="no such file"), str(p), "not found") from None
    except OSError as e:
        raise InputError(Errors.E001.format(path=p, reason=e.strerror or str(e)), str(p), "os error") from None
    return decode_document(data, name=str(p), encoding=encoding)


def decode_bytes(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode raw bytes as :func:`read_text` does; ``name`` is used in the error message."""
    return decode_document(data, name, encoding)[0]


def decode_document(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> tuple[str, list[dict]]:
    """Decode raw bytes; return ``(text, warnings)`` or raise :class:`InputError` (E001/E002/E003).

    Order: a forced ``encoding``; a BOM; UTF-8; UTF-16 without BOM when it reads as mostly CJK; then
    GB18030/Big5 (and UTF-16 when NULs are regular), the cleanest reading winning.
    >>> decode_document("陈思远说：好".encode("gb18030"), "a.txt")[1][0]["code"]
    'W003'
    """
    if not data.strip():
        raise InputError(Errors.E001.format(path=name, reason="the file is empty"), name, "empty")
    warnings: list[dict] = []
    if encoding is not None:
        try:
            text = _decode_tolerant(data, encoding, name, warnings)
        except LookupError:
            raise InputError(Errors.E003.format(path=name, tried=encoding, reason="unknown encoding"), name, "undecodable") from None
        except UnicodeDecodeError as e:
            raise InputError(Errors.E003.format(path=name, tried=encoding, reason=str(e)), name, "undecodable") from None
        return text, warnings
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = _check_text(_decode_tolerant(data, enc, name, warnings), name)
            except UnicodeDecodeError as e:
                raise InputError(Errors.E003.format(path=name, tried=enc, reason=str(e)), name, "undecodable") from None
            if enc != "utf-8-sig":
                warnings.append(_encoding_warning(name, f"{enc} (byte order mark)"))
            return text, warnings
    if data.startswith(_BINARY_MAGIC):
        raise InputError(Errors.E002.format(path=name, reason="a known binary file signature"), name, "binary")
    utf16 = b"\x00" in data and _looks_utf16(data)  # regular NULs: UTF-16 with ASCII in it
    utf8_warnings: list[dict] = []
    utf8 = None if utf16 else _try_decode(data, "utf-8", name, utf8_warnings)
    if utf8 is None and not utf16:
        # Only when not UTF-8: ASCII read as UTF-16 pairs up into CJK-looking characters.
        bare16 = _utf16_without_bom(data)
        if bare16 is not None:
            text = _decode_tolerant(data, bare16, name, warnings)
            return text, warnings + [_encoding_warning(name, f"{bare16} (no byte order mark; mostly CJK)")]
    if b"\x00" in data and not utf16:
        nuls = data.count(b"\x00")
        # A binary file has NULs everywhere; one or two in a text file are damage, not a format.
        if nuls > max(1, len(data) // 1000):
            raise InputError(Errors.E002.format(path=name, reason="it contains NUL bytes"), name, "binary")
        warnings.append({"code": "W006", "message": Warnings.W006.format(path=name, count=nuls, offset=data.index(b"\x00"))})
    if utf8 is not None:
        return _check_text(utf8, name), _with_nul_span(utf8, warnings + utf8_warnings)
    candidates = _LEGACY_ENCODINGS if utf16 else _LEGACY_ENCODINGS[:2]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(candidates)).best()
    except Exception:  # a detector failure must not hide the real reason below
        best = None
    order = ([best.encoding] if best is not None else []) + [c for c in candidates]
    decoded = []
    for enc in dict.fromkeys(order):
        found: list[dict] = []
        try:
            decoded.append((_check_text(_decode_tolerant(data, enc, name, found), name), enc, found))
        except (UnicodeDecodeError, LookupError, InputError):
            continue
    if decoded:
        # Big5 bytes often decode as GB18030 too, into private-use characters: take the cleanest reading;
        # of clean ones, the one with Chinese punctuation (a wrong codec turns ：“” into other characters).
        text, enc, found = min(decoded, key=lambda d: (_odd_characters(d[0]), -_chinese_punctuation(d[0])))
        return text, _with_nul_span(text, warnings + found + [_encoding_warning(name, enc)])
    raise InputError(
        Errors.E003.format(path=name, tried=", ".join(["utf-8", *candidates]), reason="no encoding fits the bytes"),
        name,
        "undecodable",
    )


def _decode_tolerant(data: bytes, encoding: str, name: str, warnings: list[dict]) -> str:
    """Strict decoding, except that an incomplete last character (a truncated file) is dropped (W007)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        if e.end < len(data) or len(data) - e.start > 3:
            raise
        text = data[:e.start].decode(encoding)
        warnings.append({"code": "W007", "message": Warnings.W007.format(path=name, encoding=encoding, offset=e.start)})
        return text


def _try_decode(data: bytes, encoding: str, name: str, warnings: list[dict]) -> str | None:
    try:
        return _decode_tolerant(data, encoding, name, warnings)
    except UnicodeDecodeError:
        return None


def _encoding_warning(name: str, encoding: str) -> dict:
    return {"code": "W003", "message": Warnings.W003.format(path=name, encoding=encoding)}


def _with_nul_span(text: str, warnings: list[dict]) -> list[dict]:
    """Point a stray-NUL warning at the first NUL of the decoded text."""
    for w in warnings:
        if w["code"] == "W006" and "\x00" in text:
            w["start"] = text.index("\x00")
            w["end"] = w["start"] + 1
    return warnings


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf_16_le``/``utf_16_be`` when the bytes read as mostly CJK text in it, else None.

    CJK text in UTF-16 has few NUL bytes, so the NUL test of :func:`_looks_utf16` misses it; GB18030
    and Big5 bytes read as UTF-16 land in Hangul, surrogates and private use instead.
    """
    if len(data) < 4:
        return None
    for enc in ("utf_16_le", "utf_16_be"):
        try:
            sample = _decode_tolerant(data[:8192], enc, "", [])
        except UnicodeDecodeError:
            continue
        letters = [ch for ch in sample if not ch.isspace()]
        cjk = sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
        odd = sum(1 for ch in letters if not ch.isprintable())
        if letters and cjk >= 0.5 * len(letters) and odd <= 0.01 * len(letters):
            return enc
    return None


def _odd_characters(text: str) -> int:
    """Characters that a wrong legacy decoding produces: private use, replacement, C1 controls."""
    return sum(1 for ch in text[:20000] if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd" or "\x80" <= ch <= "\x9f")


_PUNCTUATION = frozenset("，。：；！？“”‘’「」、（）《》")


def _chinese_punctuation(text: str) -> int:
    return sum(1 for ch in text if ch in _PUNCTUATION)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(zeros_even, zeros_odd) / half > 0.3 and min(zeros_even, zeros_odd) / half < 0.05


def _check_text(text: str, name: str) -> str:
    """Reject decoded text that is mostly control characters: a binary file that happened to decode."""
    sample = text[:20000]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
        if controls > 2 and controls / len(sample) > 0.05:  # a stray one or two in a short file is damage (W006)
            raise InputError(Errors.E002.format(path=name, reason=f"{controls} control characters in the first {len(sample)}"), name, "binary")
    return text


# --- the offset map ---------------------------------------------------------------------------------


class OffsetMap:
    """Maps offsets in the clean text back to the original text.

    Segments are ``(clean_start, orig_start, orig_end, copied)``: a copied segment aligns character by
    character; a replaced one (an entity, a tag) maps any inner position to its whole original extent.
    Deleted text has no segment, so spans never reach into it.
    """

    __slots__ = ("_aligned", "_clean_starts", "_segments", "clean_len", "orig_len")

    def __init__(self, segments: list[tuple[int, int, int, bool]], clean_len: int, orig_len: int):
        self._segments = [tuple(s) for s in segments] or [(0, 0, orig_len, True)]
        self._clean_starts = [s[0] for s in self._segments]
        # One copied segment from 0 (the usual document): a clean offset is its original offset.
        first = self._segments[0]
        self._aligned = len(self._segments) == 1 and first[0] == first[1] == 0 and bool(first[3])
        self.clean_len = clean_len
        self.orig_len = orig_len

    def to_json(self) -> dict:
        return {"segments": [list(s) for s in self._segments], "clean_len": self.clean_len, "orig_len": self.orig_len}

    @classmethod
    def from_json(cls, data: dict) -> "OffsetMap":
        return cls([tuple(s) for s in data["segments"]], data["clean_len"], data["orig_len"])

    def start(self, pos: int) -> int:
        """Original offset of the character at clean ``pos`` (a span start)."""
        if pos >= self.clean_len:
            return self.orig_len
        if self._aligned:
            return pos
        c, a, b, copied = self._segments[bisect_right(self._clean_starts, pos) - 1]
        return a + (pos - c) if copied else a

    def end(self, pos: int) -> int:
        """Original offset just past the character at clean ``pos - 1`` (a span end)."""
        if pos <= 0:
            return self._segments[0][1] if self._segments[0][0] == 0 else 0
        if self._aligned:
            return pos
        c, a, b, copied = self._segments[bisect_right(self._clean_starts, pos - 1) - 1]
        return a + (pos - c) if copied else b

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._aligned and start >= 0:  # the usual document: what start() and end() return, without the calls
            s = start if start < self.clean_len else self.orig_len
            return (s, max(s, end)) if end > start else (s, s)
        s = self.start(start)
        e = self.end(end) if end > start else s
        return s, max(s, e)


# --- the cleaning rules -----------------------------------------------------------------------------

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One pinyin syllable (tone marks stripped first): optional initial + final.
_PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iong|uang|iang|ueng|iao|ian|uai|uan|üan|ing|ang|eng|ong|ai|ei|ao|ou|an|en|er|in|un|ün|ia|ie|iu|"
    r"ua|uo|ue|üe|ui|a|o|e|i|u|ü|ng|n|m)"
)
_TONE_STRIP = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", "aaaaeeeeiiiioooouuuuüüüü")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"  # the characters themselves: str.find looks for each
# Everything that changes length; each alternative is checked in normalize_text(). The pattern opens
# with the class of every edit's first character (re skips between them in C; a look-ahead would be
# tried at every position), then a look-behind on that character picks the edit; each group holds the
# edit past its first character (normalize_text reads the kind and the whole match only).
_EDIT_FIRSTS = f"&<(（{_INVISIBLE}"
_EDIT_KINDS = (
    r"(?<=&)(?P<entity>(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?<=<)(?P<tag>/?(?:p|br|div|span|strong|em|b|i|a|img|section|figure|figcaption|h[1-6])\b[^<>\n]{0,300}>)"
    rf"|(?<=[{_CJK}][(（])(?P<ruby>[a-z{_TONE_VOWELS}ü]{{1,7}}[)）])"
    rf"|(?<=[{_INVISIBLE}])(?P<invisible>)"
)
_EDITS = re.compile(rf"[{_EDIT_FIRSTS}](?:{_EDIT_KINDS})")
# CRLF reads as LF: no rule ever sees (or keeps in a quote) the CR. Used only when a text has CRLF.
_EDITS_CRLF = re.compile(rf"[{_EDIT_FIRSTS}\r](?:{_EDIT_KINDS}|(?<=\r)(?P<crlf>)(?=\n))")
# Other line ends read as ``\n`` (one to one): old Mac CR, NEL, Unicode line and paragraph separators.
_LINE_END_CHARS = "\r\x85\u2028\u2029"
_OTHER_LINE_ENDS = re.compile(f"[{_LINE_END_CHARS}]")
_BLOCK_TAGS = re.compile(r"</?(?:p|br|div|section|h[1-6])\b", re.I)
# GBK mojibake left behind when a character and the opening of its ruby were garbled together.
# (``\ufffd\ufffd*``, not ``\ufffd+``: every branch opening with a character lets ``re`` skip to the next one in C)
_MOJIBAKE = re.compile(rf"\?[a-z{_TONE_VOWELS}ü]{{1,7}}[)）]|\ufffd\ufffd*|\?!(?=\s*$)", re.M)
_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# A lone surrogate (from ``errors="surrogateescape"`` or JSON) cannot be encoded for OpenCC: mojibake.
_SURROGATE_CHARS = "\ud800-\udfff"
_SURROGATE = re.compile(f"[{_SURROGATE_CHARS}]")
# Any character of the three one-to-one repairs: one scan tells whether a text needs any of them.
_REPAIRED = re.compile(f"[{_LINE_END_CHARS}{_CONTROL_CHARS}{_SURROGATE_CHARS}]")


def is_tone_marked_pinyin(word: str) -> bool:
    """True for one tone-marked pinyin syllable: ``gè`` yes; ``AI``, ``ge``, ``2024`` no."""
    if not any(ch in _TONE_VOWELS for ch in word):
        return False
    return _PINYIN_SYLLABLE.fullmatch(word.translate(_TONE_STRIP)) is not None


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """One-to-one folds: radicals, compatibility ideographs, full-width ASCII, punctuation, spaces."""
    data = safe_load(resources.files("stancelib").joinpath("data/charmap.yaml").read_text("utf-8"))
    table: dict[int, str] = {}
    # Half-width forms (U+FF61-FFEF) too: ``｡`` is a full stop and ``､`` an enumeration comma.
    ranges = [(0x2F00, 0x2FD6), (0xF900, 0xFB00), (0xFF01, 0xFFEF), (0x2F800, 0x2FA20)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    # Full-width punctuation that Chinese text uses natively stays full-width: the rules expect it.
    for ch in "，。！？：；（）《》【】、“”‘’「」『』":
        table.pop(ord(ch), None)
    for src, dst in {**data.get("radicals", {}), **data.get("punctuation", {})}.items():
        if len(src) == 1 and len(dst) == 1:
            table[ord(src)] = dst
    for sp in data.get("spaces", []):
        table[ord(sp)] = " "
    return table


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern:
    """Runs of the characters of :func:`_fold_table`, one class of ranges: a scan for them is much
    faster than ``str.translate``, which looks every character up, and most texts have few or none.
    The run is written ``[…][…]*``, not ``[…]+``: a pattern that opens with a class lets ``re`` skip in C
    to the next character of the class instead of trying the repeat at every position."""
    codes = sorted(_fold_table())
    ranges = []
    for cp in codes:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    cls = "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"
    return re.compile(f"{cls}{cls}*")


def _fold(text: str) -> str:
    """``text`` with the one-to-one folds of :func:`_fold_table` applied, run by run of foldable characters."""
    table = _fold_table()
    return _foldable().sub(lambda m: m.group(0).translate(table), text)


@lru_cache(maxsize=1)
def _after_cjk() -> tuple[re.Pattern, dict[str, str]]:
    """The ASCII marks of ``charmap.yaml``'s ``after_cjk`` that follow a Chinese character or closing mark,
    and their full-width forms: the rules split sentences and clauses at the full-width marks. ``.`` does not
    fold before a letter or digit (``某某.com``), ``?`` only before a space, a closing mark or the end (a
    character lost in decoding reads ``?``: ``数?shù)据``), a run of marks (``...``, ``?!``) never."""
    data = safe_load(resources.files("stancelib").joinpath("data/charmap.yaml").read_text("utf-8"))
    table = {k: v for k, v in (data.get("after_cjk") or {}).items() if len(k) == 1 and len(v) == 1}
    marks = re.escape("".join(table))
    # The mark's class opens the pattern (re skips to it in C), a look-behind then tests what precedes it.
    pattern = re.compile(rf"[{marks}](?<=[{_CJK}”’」』）》][{marks}])(?![{marks}])(?<!\.(?=[A-Za-z0-9]))(?<!\?(?=[^\s”’」』）)\"'，。]))")
    return pattern, table


def _fold_after_cjk(text: str) -> str:
    pattern, table = _after_cjk()
    pieces = []
    last = 0
    for m in matches_opening_with(pattern, text, "".join(table)):
        pieces += (text[last:m.start()], table[m.group(0)])
        last = m.end()
    return "".join([*pieces, text[last:]]) if pieces else text


def all_positions(text: str, char: str) -> list[int]:
    """Every position of ``char`` (or of a word) in ``text``, found with ``str.find``."""
    out = []
    pos = text.find(char)
    while pos >= 0:
        out.append(pos)
        pos = text.find(char, pos + 1)
    return out


def line_starts_holding(text: str, chars: str) -> list[int]:
    """The starts of the lines that hold any of ``chars``, in order, found from those characters (a regex
    scan for line starts would try every character)."""
    return sorted({text.rfind("\n", 0, pos) + 1 for ch in chars for pos in all_positions(text, ch)})


def matches_opening_with(pattern: re.Pattern, text: str, firsts: str) -> list[re.Match]:
    """``pattern.finditer(text)`` for a pattern whose matches open with one of the characters ``firsts``,
    tried only where they stand: ``str.find`` per character skips far faster than a regex scan, which
    tests a class of many characters at every position.

    >>> [m.group(0) for m in matches_opening_with(re.compile("[&<][a-z]+"), "a&b<cd", "&<")]
    ['&b', '<cd']
    """
    out = []
    last = 0
    for pos in sorted([pos for ch in firsts for pos in all_positions(text, ch)]):
        if pos >= last:  # finditer's matches do not overlap
            m = pattern.match(text, pos)
            if m is not None:
                out.append(m)
                last = m.end()
    return out


# The blocks where OpenCC's t2s finds characters to change (radicals, CJK symbols, unified ideographs and
# extension A, compatibility ideographs, forms, full-width forms); beyond the BMP every text is converted.
_CJK_BLOCKS = ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
               (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


class _T2S:
    """OpenCC traditional->simplified, applied only where it keeps the length (offsets stay aligned)."""

    def __init__(self) -> None:
        import opencc

        self._cc = opencc.OpenCC("t2s")
        self._convertible = self._convertible_chars()

    def _convertible_chars(self) -> "re.Pattern[str]":
        """A pattern for the characters the conversion changes, read off OpenCC itself (so it follows the
        installed dictionaries), and any character past the Basic Multilingual Plane. A text without one
        is already simplified: its phrase entries only protect characters that it converts on their own
        (乾隆 keeps 乾), so it is returned as it is, without a pass of OpenCC over it."""
        chars = [chr(c) for a, b in _CJK_BLOCKS for c in range(a, b + 1)]
        converted = self._cc.convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # a dictionary joined two lines: no shortcut
            return re.compile(r"[\s\S]")
        changed = "".join(c for c, o in zip(chars, converted) if c != o)
        return re.compile(f"[{re.escape(changed)}\U00010000-\U0010FFFF]")

    def __call__(self, text: str) -> str:
        if self._convertible.search(text) is None:
            return text
        out = self._cc.convert(text)
        if len(out) == len(text):
            return out
        # Rare phrase conversions change length: fall back line by line, then character by character.
        lines = text.split("\n")
        fixed = []
        for line in lines:
            conv = self._cc.convert(line)
            if len(conv) != len(line):
                conv = "".join(c if len(c := self._cc.convert(ch)) == 1 else ch for ch in line)
            fixed.append(conv)
        return "\n".join(fixed)


@lru_cache(maxsize=1)
def _t2s() -> _T2S:
    return _T2S()


def to_simplified(text: str) -> str:
    """Fold a name or phrase the way the normalizer folds text (script, radicals, punctuation)."""
    return _t2s()(_fold(text))


def normalize_text(original: str) -> tuple[str, OffsetMap, list[dict]]:
    """Clean ``original`` for analysis; return ``(clean, offset_map, warnings)``.

    >>> clean, omap, _ = normalize_text("這個(gè)&ldquo;⻩&rdquo;")
    >>> clean
    '这个“黄”'
    >>> omap.span(2, 5)
    (6, 21)
    """
    pieces: list[str] = []
    segments: list[tuple[int, int, int, bool]] = []
    warnings: list[dict] = []
    clean_pos = 0
    last = 0
    removed_invisible = 0
    edits, firsts = (_EDITS_CRLF, _EDIT_FIRSTS + "\r") if "\r\n" in original else (_EDITS, _EDIT_FIRSTS)
    for m in matches_opening_with(edits, original, firsts):
        kind = m.lastgroup
        token = m.group(0)
        if kind == "entity":
            replacement = html.unescape(token)
            if replacement == token or len(replacement) > 2:
                continue
        elif kind == "tag":
            replacement = "\n" if _BLOCK_TAGS.match(token) else ""
        elif kind == "ruby":
            if not is_tone_marked_pinyin(token[1:-1]):
                continue
            replacement = ""
        elif kind == "crlf":
            replacement = ""
        else:
            replacement = ""
            removed_invisible += 1
        if m.start() > last:
            segments.append((clean_pos, last, m.start(), True))
            pieces.append(original[last : m.start()])
            clean_pos += m.start() - last
        if replacement:
            segments.append((clean_pos, m.start(), m.end(), False))
            pieces.append(replacement)
            clean_pos += len(replacement)
        last = m.end()
    if last < len(original) or not segments:
        segments.append((clean_pos, last, len(original), True))
        pieces.append(original[last:])
    clean = "".join(pieces)
    omap = OffsetMap(segments, len(clean), len(original))
    if removed_invisible:
        warnings.append({"code": "W004", "message": Warnings.W004.format(count=removed_invisible)})
    if _REPAIRED.search(clean):
        clean = _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", _OTHER_LINE_ENDS.sub("\n", clean)))
    clean = _fold_after_cjk(_t2s()(_fold(clean)))
    # Mojibake starts with ``?`` or U+FFFD: two fast membership tests spare most texts the regex scan.
    if "?" in clean or "\ufffd" in clean:
        for m in _MOJIBAKE.finditer(clean):
            s, e = omap.span(m.start(), m.end())
            warnings.append(
                {"code": "W001", "message": Warnings.W001.format(text=original[s:e], start=s), "start": s, "end": e}
            )
    return clean, omap, warnings


# --- the pipeline component -------------------------------------------------------------------------


def _register_extensions() -> None:
    if not Doc.has_extension("stancelib_norm"):
        Doc.set_extension("stancelib_norm", default=None)
    if not Doc.has_extension("input_text"):
        Doc.set_extension("input_text", default=None)
    # Named functions, not lambdas: spaCy sends the extensions to ``nlp.pipe``'s workers by pickle (spawn).
    for name, getter in (("clean_text", _clean_text), ("offset_map", _offset_map), ("norm_warnings", _norm_warnings)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)


def _clean_text(doc: Doc) -> str:
    return _norm(doc)["clean"]


def _offset_map(doc: Doc) -> "OffsetMap":
    return OffsetMap.from_json(_norm(doc)["map"])


def _norm_warnings(doc: Doc) -> list[dict]:
    return list(_norm(doc)["warnings"])


def doc_value(doc: Doc, name: str):
    """``doc._.<name>`` of an extension registered with ``default=None`` and no getter, read where spaCy
    keeps it (``doc.user_data``, under the key ``Underscore`` uses): ``doc._`` builds an accessor object
    at every read, and the pipeline reads a dozen values per document."""
    return doc.user_data.get(("._.", name, None, None))


def set_doc_value(doc: Doc, name: str, value) -> None:
    """``doc._.<name> = value`` for an extension of :func:`doc_value`'s kind, without the accessor object."""
    doc.user_data[("._.", name, None, None)] = value


def _norm(doc: Doc) -> dict:
    """The normalization record, computed on demand when the normalizer did not run."""
    data = doc_value(doc, "stancelib_norm")
    if data is None:
        text = _input_text(doc)
        clean, omap, warnings = normalize_text(text)
        data = {"text": text, "clean": clean, "map": omap.to_json(), "warnings": warnings}
        set_doc_value(doc, "stancelib_norm", data)
    return data


def _input_text(doc: Doc) -> str:
    """The string the tokenizer was given (``doc.text`` when another tokenizer made the Doc)."""
    text = doc_value(doc, "input_text")
    return doc.text if text is None else text


def original_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds ``doc.text`` from the tokens on every access."""
    return _norm(doc)["text"]


def check_unicode(text: str, name: str = "text") -> None:
    """Raise :class:`InputError` for text no encoder can write (a lone surrogate from a bad decode)."""
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pos = _SURROGATE.search(text).start()
        raise InputError(Errors.E003.format(path=name, tried="utf-8", reason=f"a lone surrogate at character {pos}"),
                         name, "invalid unicode") from None


def char_tokens(text: str, strings: StringStore) -> tuple[list[int], list[bool]]:
    """The tokens of spaCy's ``segmenter="char"`` as string-store ids (added to ``strings``) and
    trailing-space flags: ``Doc(vocab, words=ids, spaces=flags)`` is the Doc spaCy's tokenizer makes.

    The tokens are simple to state: every non-space character is one; one ``" "`` right after a token
    becomes its trailing space; any other run of whitespace is one token. spaCy aligns each character
    by slicing the remainder of the text (quadratic) and ``Doc`` hashes every word again; here numpy
    works on the code points and each distinct character is hashed once.
    """
    if len(text) < SHORT_TEXT:
        return _char_tokens_short(text, strings)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    n = len(codes)
    positions = np.arange(n)
    # Each character stands for the last position it occurs at: two linear passes over a table indexed
    # by code point (only the entries written are read), where np.unique would sort the text.
    last_at = np.empty(int(codes.max()) + 1, dtype=np.intp)
    last_at[codes] = positions
    index = last_at[codes]
    distinct = np.flatnonzero(index == positions)
    chars = list(map(text.__getitem__, distinct.tolist()))
    white_at = np.zeros(n, dtype=bool)
    white_at[distinct] = np.fromiter(map(str.isspace, chars), dtype=bool, count=len(chars))
    white = white_at[index]
    run_starts = np.flatnonzero(white & ~np.concatenate(([False], white[:-1])))
    run_ends = np.flatnonzero(white & ~np.concatenate((white[1:], [False]))) + 1
    trailing = (run_starts > 0) & (codes[run_starts] == 32)  # a " " right after a token
    spaces = np.zeros(n, dtype=bool)
    spaces[run_starts[trailing] - 1] = True
    is_token = ~white
    runs = [(s, e) for s, e in zip((run_starts + trailing).tolist(), run_ends.tolist()) if s < e]
    # One Python int per distinct character, which its tokens share (an object array copies references);
    # a whitespace run token (the rest of the run) gets a slot of its own past the text's positions.
    ids = np.empty(n + len(runs), dtype=object)
    ids[distinct] = np.fromiter(map(strings.add, chars, repeat(True)), dtype=object, count=len(chars))  # allow_transient
    for k, (s, e) in enumerate(runs):
        is_token[s] = True
        index[s] = n + k
        ids[n + k] = strings.add(text[s:e], allow_transient=True)
    tokens = np.flatnonzero(is_token)
    return ids[index[tokens]].tolist(), spaces[tokens].tolist()


# Below this length :func:`char_tokens` reads the tokens with a regex: numpy's fixed cost per call (some
# twenty array operations) is more than a loop over a short text's characters costs.
SHORT_TEXT = 200
# A token and the one " " that may trail it, or a run of whitespace (the rules of :func:`char_tokens`).
_CHAR_TOKEN = re.compile(r"(\S)( ?)|(\s+)")


def _char_tokens_short(text: str, strings: StringStore) -> tuple[list[int], list[bool]]:
    """:func:`char_tokens` of a short text, token by token."""
    words, spaces = [], []
    for char, space, run in _CHAR_TOKEN.findall(text):
        words.append(char or run)
        spaces.append(space == " ")
    return list(map(strings.add, words, repeat(True))), spaces  # allow_transient


def char_words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and spaces of spaCy's ``segmenter="char"`` (:func:`char_tokens` as strings)."""
    strings = StringStore()
    orths, spaces = char_tokens(text, strings)
    return [strings[o] for o in orths], spaces


class TextKeepingTokenizer:
    """Wraps a tokenizer and keeps the input string on the Doc (``doc._.input_text``), so the pipeline
    never pays for ``doc.text``, which spaCy rebuilds token by token. Character segmentation is done in
    one vectorised pass (:func:`char_tokens`, same tokens as spaCy's); everything else is forwarded."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        check_unicode(text)
        inner = self.tokenizer
        if getattr(inner, "segmenter", None) == "char" and isinstance(text, str):
            orths, spaces = char_tokens(text, inner.vocab.strings)
            doc = Doc(inner.vocab, words=orths, spaces=spaces)
        else:
            doc = inner(text)
        set_doc_value(doc, "input_text", text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        # Only called for names not found normally. Dunder lookups (pickle's __setstate__, copy's
        # __deepcopy__) and lookups before __init__ ran must fail as attribute errors, not recurse.
        inner = self.__dict__.get("tokenizer")
        if inner is None or (name.startswith("__") and name.endswith("__")):
            raise AttributeError(name)
        return getattr(inner, name)

    def __reduce__(self):
        return (TextKeepingTokenizer, (self.tokenizer,))


@registry.tokenizers("stancelib.zh_tokenizer.v1")
def create_tokenizer(segmenter: str = "char"):
    """The Chinese tokenizer wrapped in :class:`TextKeepingTokenizer`, as a registered function so a
    saved pipeline (``config.cfg``) rebuilds the same tokenizer in ``spacy.load``."""
    from spacy.lang.zh import ChineseTokenizer

    def make(nlp: Language) -> TextKeepingTokenizer:
        return TextKeepingTokenizer(ChineseTokenizer(nlp.vocab, segmenter=segmenter))

    return make


_register_extensions()


class Normalizer:
    """Pipeline component: writes the clean analysis text and its offset map to the Doc."""

    def __init__(self, nlp: Language, name: str = "stancelib_normalizer", max_chars: int = 20_000_000):
        if max_chars < 1:
            raise ConfigError(Errors.E020.format(name="max_chars", value=max_chars, reason="must be a positive number of characters"))
        self.name = name
        self.max_chars = max_chars

    def __call__(self, doc: Doc) -> Doc:
        text = _input_text(doc)
        if len(text) > self.max_chars:
            raise InputError(Errors.E005.format(name="the text", length=len(text), limit=self.max_chars), None, "too long")
        clean, omap, warnings = normalize_text(text)
        set_doc_value(doc, "stancelib_norm", {"text": text, "clean": clean, "map": omap.to_json(), "warnings": warnings})
        return doc


@Language.factory("stancelib_normalizer", default_config={"max_chars": 20_000_000}, assigns=["doc._.stancelib_norm"])
def make_normalizer(nlp: Language, name: str, max_chars: int) -> Normalizer:
    return Normalizer(nlp, name, max_chars)
