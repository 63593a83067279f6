"""``stancelib bench --fuzz N``: a seeded corpus of hostile documents and the checks they must pass.

Every document mixes scripts, every quote mark the rules know (and some they do not), control and
invisible characters, all line-end conventions, HTML debris, lone and unbalanced marks and, now and
then, one giant line. The run checks what a service relies on: no exception, every span indexes the
original (``original[start:end] == text``), error records only for text no encoder can write, and
output that grows linearly with input (a 4x longer hostile document gives about 4x the output).
"""
from __future__ import annotations

import json
import random
import time
from typing import Iterator, Optional

QUOTE_MARKS = list("“”「」『』‘’\"＂〝〞﹁﹂﹃﹄«»‹›„")
_CONTROLS = [chr(c) for c in range(0, 32) if chr(c) not in "\n"] + [chr(c) for c in range(0x7F, 0xA0)]
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u202e", "\u2066"]
_LINE_ENDS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\n\n"]
_WORDS = ["陈思远", "林嘉禾", "周以宁", "表示", "认为", "说", "指出", "记者", "问", "答", "主持人", "他", "她",
          "开源", "闭源", "端侧", "云端", "Scaling Law", "To B", "To C", "大模型", "CEO", "星河智能", "在", "看来",
          "開源", "雲端", "這個(gè)", "&ldquo;", "&rdquo;", "&amp;", "&#x4E2D;", "<p>", "</p>", "<br/>", "?!", "?shù)",
          "⻩", "ＡＩ", "｡", "：", ":", "，", "。", "！", "？", "；", "…", "……", "（", "）", "《", "》"]
_SCRIPTS = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x0041, 0x007A), (0x0400, 0x04FF), (0x0600, 0x06FF),
            (0x0900, 0x097F), (0xAC00, 0xD7A3), (0x3040, 0x30FF), (0x0300, 0x036F), (0x1F300, 0x1F64F),
            (0x20000, 0x2A6DF), (0xE000, 0xF8FF), (0xFF01, 0xFF5E), (0x2E80, 0x2FDF)]


def _piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.30:
        return rng.choice(_WORDS)
    if r < 0.50:
        return rng.choice(QUOTE_MARKS)
    if r < 0.58:
        return rng.choice(_CONTROLS + _INVISIBLE)
    if r < 0.66:
        return rng.choice(_LINE_ENDS)
    lo, hi = rng.choice(_SCRIPTS)
    return "".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 6)))


def _sentence(rng: random.Random) -> str:
    """A quote-like sentence, often with a mark dropped: ``陈思远表示：“开源会成为主流。`` (unclosed)."""
    opener = rng.choice(["“", "「", "『", "‘", '"', "﹃"])
    closer = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "﹃": "﹄"}[opener]
    body = "".join(_piece(rng) for _ in range(rng.randint(1, 12)))
    who = rng.choice(_WORDS[:3])
    shape = rng.random()
    if shape < 0.4:
        return f"{who}{rng.choice(['表示', '说', '认为'])}：{opener}{body}{closer if rng.random() < 0.5 else ''}"
    if shape < 0.7:
        return f"{opener}{body}{closer if rng.random() < 0.5 else ''}{who}说。"
    return f"{rng.choice(['记者', '问', who])}：{body}{rng.choice(_LINE_ENDS)}"


def fuzz_document(rng: random.Random, giant: bool = False) -> str:
    """One hostile document; ``giant`` makes one line of 20-60k characters without a break."""
    parts = []
    for _ in range(rng.randint(0, 40)):
        parts.append(_sentence(rng) if rng.random() < 0.4 else _piece(rng))
    if giant:
        unit = rng.choice(["陈思远表示：“开源会成为主流。", "“", "「『‘", "x" * 7, "记者：", "&ldquo;"])
        parts.insert(rng.randint(0, len(parts)), unit * (rng.randint(20_000, 60_000) // len(unit)))
    if rng.random() < 0.02:
        parts.append("\ud800")  # a lone surrogate: must become an error record, never an exception
    return "".join(parts)


def fuzz_corpus(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` for ``n`` documents, the same ones for the same seed; 1 in 200 is giant."""
    rng = random.Random(seed)
    for i in range(n):
        yield f"fuzz{i}", fuzz_document(rng, giant=rng.random() < 0.005)


def span_problems(res, text: str) -> list[str]:
    """Every span of a result that does not index ``text``."""
    bad = []
    spans = [(q.id, q.span) for q in res.quotes] + [(c.id, c.evidence) for c in res.claims]
    spans += [(w.code, w.span) for w in res.warnings if w.span is not None]
    for name, sp in spans:
        if not (0 <= sp.start <= sp.end <= len(text)) or text[sp.start:sp.end] != sp.text:
            bad.append(f"{res.doc_id} {name} [{sp.start}:{sp.end}]")
    for q in res.quotes:
        if q.kind == "direct" and q.content not in q.span.text:
            bad.append(f"{res.doc_id} {q.id}: content outside its span")
    return bad


# Hostile units whose output must grow linearly: unclosed quotes, a wall of opening marks, mixed marks.
GROWTH_UNITS = ("陈思远表示：“开源会成为主流。", "“", "“‘「『", "记者：好“吗\r", "「」」「")


def output_growth(nlp, chars: int = 4000) -> list[dict]:
    """Output bytes for ``chars`` and ``4 * chars`` characters of each hostile unit (ratio ~4 = linear)."""
    from . import extract

    rows = []
    for unit in GROWTH_UNITS:
        sizes = []
        for n in (chars, 4 * chars):
            text = unit * max(1, n // len(unit))
            sizes.append((len(text), len(extract(text, nlp=nlp).model_dump_json())))
        (n1, o1), (n4, o4) = sizes
        rows.append({"unit": unit, "chars": [n1, n4], "output_bytes": [o1, o4],
                     "ratio": round((o4 / max(1, o1)) / (n4 / n1) * 4, 2)})
    return rows


def run_fuzz(n: int, seed: int = 0, nlp=None, batch: int = 64, growth_chars: int = 4000) -> dict:
    """Run ``n`` fuzz documents through ``extract_many``; return counts and every problem found."""
    from . import extract_many, load

    nlp = nlp or load()
    report: dict = {"documents": 0, "chars": 0, "exceptions": [], "bad_spans": [], "error_records": 0,
                    "unexpected_errors": [], "seconds": 0.0}
    started = time.perf_counter()
    corpus = fuzz_corpus(n, seed)
    while True:
        docs = [d for _, d in zip(range(batch), corpus)]
        if not docs:
            break
        texts = dict(docs)
        try:
            results = list(extract_many(docs, nlp=nlp, kind="text"))
        except Exception:  # find the document that raised, one at a time
            results = []
            for doc in docs:
                try:
                    results.extend(extract_many([doc], nlp=nlp, kind="text"))
                except Exception as e:
                    report["exceptions"].append(f"{doc[0]}: {type(e).__name__}: {e}"[:300])
        for res in results:
            text = texts[res.doc_id]
            report["documents"] += 1
            report["chars"] += len(text)
            if res.error:
                report["error_records"] += 1
                if "surrogate" not in res.error:
                    report["unexpected_errors"].append(f"{res.doc_id}: {res.error}"[:300])
                continue
            report["bad_spans"].extend(span_problems(res, text))
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["growth"] = output_growth(nlp, growth_chars)
    report["ok"] = not (report["exceptions"] or report["bad_spans"] or report["unexpected_errors"]) and all(
        g["ratio"] <= 6 for g in report["growth"])
    return report


def run_fuzz_command(n: int, seed: int = 0, fmt: str = "table", nlp: Optional[object] = None) -> int:
    """``stancelib bench --fuzz N``: exit 0 when every check passes, else 1 with the problems listed."""
    report = run_fuzz(n, seed, nlp)
    if fmt == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0 if report["ok"] else 1
    from rich.console import Console
    from rich.table import Table

    table = Table("fuzz check", "value")
    for key in ("documents", "chars", "seconds", "error_records"):
        table.add_row(key, str(report[key]))
    for key in ("exceptions", "bad_spans", "unexpected_errors"):
        table.add_row(key, str(len(report[key])) + ("" if not report[key] else f" (first: {report[key][0]})"))
    for g in report["growth"]:
        table.add_row(f"growth {g['unit']!r}", f"{g['chars'][0]}->{g['chars'][1]} chars: "
                      f"{g['output_bytes'][0]}->{g['output_bytes'][1]} bytes, x{g['ratio']} for x4")
    table.add_row("result", "ok" if report["ok"] else "FAILED")
    Console().print(table)
    return 0 if report["ok"] else 1
