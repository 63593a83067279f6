"""The project's offset-based dev gold (``shared/dev/gold_seeds_dev.yaml``) -> a multi-document gold file.

>>> convert_dev_gold("../shared/dev/gold_seeds_dev.yaml", "../shared/seeds", "dev.gold.yaml")  # doctest: +SKIP
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Union

import yaml

from ..yamlio import safe_load
from ..errors import InputError
from .gold import FlowMap, GoldQuote, dump_gold_yaml, gold_error, load_gold, locate_quote, quote_prefix


_CLOSING = re.compile(r"[”」』’\"＂»›〞﹂﹄]|&[#\w]+;")


def convert_dev_gold(src: Union[str, os.PathLike], text_dir: Union[str, os.PathLike], out: Union[str, os.PathLike]) -> Path:
    """Convert an offset-based dev gold file (``shared/dev/gold_seeds_dev.yaml``) to a gold file that
    ``stancelib eval`` reads: one ``docs:`` entry per article, ``text_dir`` relative to ``out``, each quote
    keeping its ``start`` plus a ``text`` check, ``qa_turns`` turned into ``kind: qa_turn`` quotes.
    Offsets that do not point at an opening mark raise [E030].

    >>> convert_dev_gold("../shared/dev/gold_seeds_dev.yaml", "../shared/seeds", "dev.gold.yaml")  # doctest: +SKIP
    """
    from ..normalize import read_text

    src, dest, tdir = Path(src), Path(out), Path(text_dir)
    try:
        raw = safe_load(src.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise gold_error(src, f"cannot read it: {e}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("docs"), dict):
        raise gold_error(src, "expected a mapping with a `docs:` mapping (doc id -> speakers, quotes, stances)")
    docs = {}
    for doc_id, g in raw["docs"].items():
        try:
            text = read_text(tdir / doc_id)
        except InputError as e:
            raise gold_error(src, f"docs[{doc_id}]: {e}") from None
        quotes = []
        items = [(q, "direct") for q in g.get("quotes") or []] + [(t, "qa_turn") for t in g.get("qa_turns") or []]
        for i, (q, kind) in enumerate(items):
            entry = GoldQuote(start=q.get("start"), kind=kind, speaker=q.get("speaker"))
            try:
                pos = locate_quote(text, entry)
            except ValueError as e:
                raise gold_error(src, f"docs[{doc_id}].quotes[{i}].{e}") from None
            quotes.append(FlowMap(start=entry.start, text=_CLOSING.split(quote_prefix(text, pos)[:10])[0] or None,
                                  kind=kind, speaker=entry.speaker))
        quotes.sort(key=lambda q: q["start"])
        for q in quotes:
            if q["text"] is None:
                del q["text"]
        doc = {"speakers": list(g.get("speakers") or [])}
        if g.get("optional_speakers"):
            doc["optional_speakers"] = list(g["optional_speakers"])
        doc["quotes"] = quotes
        doc["stances"] = [FlowMap(s) for s in g.get("stances") or []]
        docs[doc_id] = doc
    body = {"text_dir": os.path.relpath(tdir.resolve(), dest.resolve().parent),
            "aliases": {k: list(v) for k, v in (raw.get("aliases") or {}).items()}, "docs": docs}
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(f"# converted from {src.name} by stancelib.evaluation.convert_dev_gold: quotes by `start` "
                    "(the opening mark), `text` is a check\n" + dump_gold_yaml(body), encoding="utf-8")
    load_gold(dest)  # the converted file must load: fail here rather than in `stancelib eval`
    return dest
