"""``stancelib bench``: throughput and memory of the default pipeline against ``make_doc`` alone.

Speed is measured here, never in tests. The corpus is synthetic news built from templates (no
download, no fixture files needed), so the numbers are comparable across machines and releases.
"""
from __future__ import annotations

import gc
import json
import random
import time
import tracemalloc
from typing import Optional

_PEOPLE = ["陈思远", "林嘉禾", "周以宁", "顾南星", "许清禾", "韩东", "马骁", "苏映雪", "黄嘉明", "刘洋"]
_ORGS = ["星河智能", "衡宇科技", "拾光智能", "映川科技", "云杉智算", "启元智算"]
_TITLES = ["CEO", "创始人", "首席科学家", "董事长", "CTO"]
_SAYINGS = [
    "开源会让更多开发者参与进来，这是生态的未来。",
    "闭源模型的能力会持续领先，差距不是在缩小，而是在扩大。",
    "Scaling Law还远没有到头，我们会继续扩大训练规模。",
    "单纯堆算力的边际收益正在递减，数据质量更重要。",
    "To B的钱更扎实，企业客户愿意为确定性付费。",
    "我们只做C端，每个普通人都需要一个AI助手。",
    "端侧模型才是手机厂商的机会，隐私和延迟都更好。",
    "真正有用的智能体必须跑在云端，手机只是一个入口。",
]
_TEMPLATES = [
    "{org}{title}{name}表示：“{say}”",
    "“{say}”{name}说。",
    "在{name}看来，{plain}",
    "{name}认为，{plain}他还提到，所谓“{term}”并不是行业的全部。",
    "记者：你怎么看这个方向？\n{name}：{say}",
    "{org}{title}{name}：{short}\n他表示，{plain}",
    "据{name}介绍，公司今年的营收增长超过三成，客户续约率保持在九成左右。",
]
_TERMS = ["百模大战", "智商税", "AI界春晚", "价格战"]
# Most of a news article is narrative; quotes are a minority of its paragraphs.
_NARRATIVE = [
    "本次大会吸引了来自产业界和学术界的数千名参会者，议题覆盖基础模型、智能体、具身智能与算力基础设施。",
    "据公开资料，该公司成立于2021年，过去一年完成了两轮融资，员工规模已超过五百人，研发人员占比七成。",
    "业内人士指出，今年以来多家厂商下调了模型调用价格，行业竞争正在从参数比拼转向应用落地与成本控制。",
    "会场外的展区同样人气很旺，多家创业公司展示了面向教育、医疗、金融等行业的解决方案，观众排起了长队。",
    "根据第三方机构发布的报告，国内大模型相关企业数量在过去十二个月增长了约四成，其中超过一半集中在北京和上海。",
]


def synthetic_corpus(total_chars: int, doc_chars: int = 3000, seed: int = 0) -> list[str]:
    """Articles of about ``doc_chars`` characters adding up to ``total_chars``."""
    rng = random.Random(seed)
    docs, size = [], 0
    while size < total_chars:
        paras, n = [], 0
        while n < doc_chars:
            say = rng.choice(_SAYINGS)
            if rng.random() < 0.6:
                para = rng.choice(_NARRATIVE) + rng.choice(_NARRATIVE)
                paras.append(para)
                n += len(para) + 1
                continue
            para = rng.choice(_TEMPLATES).format(
                org=rng.choice(_ORGS), title=rng.choice(_TITLES), name=rng.choice(_PEOPLE), say=say,
                plain=say, short=say[:12], term=rng.choice(_TERMS))
            paras.append(para)
            n += len(para) + 1
        doc = "\n".join(paras)
        docs.append(doc)
        size += len(doc)
    return docs


def _time(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _peak_mb(fn) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def measure(size_mb: float = 1.0, nlp=None) -> dict:
    """Throughput (chars/s) of the pipeline and of ``make_doc`` alone; peak memory at 3 sizes."""
    import spacy

    import stancelib

    nlp = nlp or stancelib.load()
    baseline = spacy.blank("zh")
    total = int(size_mb * 2**20)
    docs = synthetic_corpus(total)
    chars = sum(len(d) for d in docs)
    def run_all(part):
        # Results are consumed one by one and dropped, as a service or a CLI does.
        for _ in stancelib.extract_many([(str(i), d) for i, d in enumerate(part)], nlp=nlp):
            pass

    def make_docs(part):
        for d in part:
            baseline.make_doc(d)

    run_all(docs[:3])  # warm-up: lazy data files and regexes
    t_base = min(_time(lambda: make_docs(docs)) for _ in range(2))
    t_pipe = min(_time(lambda: run_all(docs)) for _ in range(2))
    growth = []
    for frac in (0.25, 0.5, 1.0):
        part = docs[: max(1, int(len(docs) * frac))]
        n = sum(len(d) for d in part)
        growth.append({"chars": n, "seconds": round(_time(lambda: run_all(part)), 3),
                       "peak_mb": round(_peak_mb(lambda: run_all(part)), 1)})
    single = "\n".join(docs)[: min(chars, 600_000)]
    single_peak = _peak_mb(lambda: stancelib.extract(single, nlp=nlp))
    return {
        "chars": chars,
        "documents": len(docs),
        "make_doc_chars_per_s": round(chars / t_base),
        "pipeline_chars_per_s": round(chars / t_pipe),
        "ratio_to_make_doc": round(t_base / t_pipe, 3),
        "growth": growth,
        "single_document_chars": len(single),
        "single_document_peak_mb": round(single_peak, 1),
    }


def run_bench(size_mb: float = 1.0, fmt: str = "table", nlp: Optional[object] = None) -> int:
    result = measure(size_mb, nlp)
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("measure", "value")
    for key in ("chars", "documents", "make_doc_chars_per_s", "pipeline_chars_per_s", "ratio_to_make_doc",
                "single_document_chars", "single_document_peak_mb"):
        table.add_row(key, str(result[key]))
    for g in result["growth"]:
        table.add_row(f"growth {g['chars']} chars", f"{g['seconds']} s, peak {g['peak_mb']} MB")
    Console().print(table)
    return 0
