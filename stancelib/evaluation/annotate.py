"""``annotate``: a gold file pre-filled from the pipeline's current output, for a person to correct.

>>> annotate("fixtures/qa_lin_jiahe.txt", "/tmp/qa.gold.yaml")   # doctest: +SKIP
PosixPath('/tmp/qa.gold.yaml')
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .gold import FlowMap, NameFolder, at_content_start, dump_gold_yaml, occurrences, quote_prefix
from .scoring import system_quotes, system_speakers, system_stances

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


def annotate(path: Union[str, os.PathLike], out: Union[str, os.PathLike], nlp: Optional["Language"] = None) -> Path:
    """Write a gold file for ``path`` pre-filled from the pipeline's output, for a person to correct.

    Every direct quote (its speaker or null) and answer turn is located by ``text`` + ``occurrence``,
    ``speakers`` lists everyone attributed, non-neutral stances become required items; the text path is
    relative to ``out``. Evaluating the file unchanged scores perfectly.

    >>> annotate("fixtures/qa_lin_jiahe.txt", "/tmp/qa.gold.yaml")   # doctest: +SKIP
    PosixPath('/tmp/qa.gold.yaml')
    """
    from .. import extract
    from ..normalize import read_text

    src, dest = Path(path), Path(out)
    text = read_text(src)
    result = extract(text, doc_id=src.name, nlp=nlp)
    names = NameFolder()
    quotes, skipped, seen = [], [], set()
    for key, q in sorted(system_quotes(result, text).items(), key=lambda kv: kv[0][1]):
        kind, pos = key
        content_end = q.span.start + max(q.span.text.find(q.content), 0) + len(q.content)
        prefix = quote_prefix(text, pos, content_end if content_end > pos else None)
        hits = occurrences(text, prefix) if prefix else []
        if not prefix or pos not in hits or not at_content_start(text, pos, kind) or key in seen:
            skipped.append(f"{q.id} at {q.span.start}")
            continue
        seen.add(key)
        entry = FlowMap(text=prefix)
        if hits.index(pos) > 0:
            entry["occurrence"] = hits.index(pos) + 1
        entry.update(kind=kind, speaker=q.speaker.name if q.speaker else None)
        quotes.append(entry)
    stances = [FlowMap(speaker=s.speaker, topic=s.topic, labels=[s.label], required=True)
               for s in system_stances(result, names).values()]
    body = {"doc_id": src.name, "text_path": os.path.relpath(src.resolve(), dest.resolve().parent),
            "speakers": sorted(system_speakers(result, names).values()), "quotes": quotes, "stances": stances}
    header = [f"# gold file pre-filled by `stancelib annotate` from {src.name}: check every speaker and stance",
              "# (speaker null = not speech; \"?\" = ambiguous), add what is missing, delete what is wrong."]
    if skipped:
        header.append(f"# not listed (could not be located by their first characters): {', '.join(skipped)}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(header) + "\n" + dump_gold_yaml(body), encoding="utf-8")
    return dest
