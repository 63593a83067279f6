"""``stancelib bench``: throughput and memory of the default pipeline, measured in one process
against two references: ``spacy.blank("zh").make_doc`` (the floor: tokenizing alone) and a jieba
"name + speech verb + quote" baseline (POS-tagged person names, the usual quick approach).

Speed is measured here, never in tests. A shared machine swings single runs by 30-40%, so each
comparison alternates its contenders and keeps the best of ``repeats`` runs. The corpus is synthetic
news built from templates (no download, no fixture files needed), so the numbers are comparable across
machines and releases. Peak RSS and the ``n_process`` speed-up are measured in fresh subprocesses
streaming a generated directory of files, as the command line reads one.
"""
from __future__ import annotations

import gc
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

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


def _best(fns: dict[str, Callable[[object], object]], slices: list, repeats: int) -> dict[str, float]:
    """CPU seconds of each function over all ``slices``: per slice the best of ``repeats`` runs, the
    functions alternating on each slice, so every contender meets the same moments of a busy machine.

    CPU time (``time.process_time``) rather than wall time: other processes on a shared machine
    stretch wall time by 30-40% from one run to the next but hardly change the CPU a run needs."""
    best = {name: [float("inf")] * len(slices) for name in fns}
    for _ in range(repeats):
        for k, part in enumerate(slices):
            for name, fn in fns.items():
                start = time.process_time()
                fn(part)
                best[name][k] = min(best[name][k], time.process_time() - start)
    return {name: sum(times) for name, times in best.items()}


def _slices(docs: list, chars: int) -> list[list]:
    out, part, n = [], [], 0
    for d in docs:
        part.append(d)
        n += len(d)
        if n >= chars:
            out.append(part)
            part, n = [], 0
    return out + ([part] if part else [])


# --- the jieba baseline -----------------------------------------------------------------------------

_SPEECH_VERBS = ("表示", "说", "认为", "指出", "强调", "透露", "提到", "坦言", "直言", "称")
_QUOTE = re.compile("“([^”]*)”")


def jieba_baseline():
    """The quick approach a bench user would write: jieba POS tags, a person name (``nr``) followed
    within three words by a speech verb, then the next “…” quote (or the quote just before). Returns
    ``f(text) -> [(name, quote)]``, or None when jieba is not installed (``pip install stancelib[bench]``)."""
    try:
        import logging

        import jieba
        import jieba.posseg as pseg
    except ImportError:
        return None
    jieba.setLogLevel(logging.WARNING)

    def extract(text: str) -> list[tuple[str, str]]:
        found = []
        for para in text.split("\n"):
            words = list(pseg.cut(para))
            pos = 0
            for k, w in enumerate(words):
                if w.flag == "nr" and any(v.word in _SPEECH_VERBS for v in words[k + 1:k + 4]):
                    at = para.find(w.word, pos)
                    after = _QUOTE.search(para, at)
                    before = [m for m in _QUOTE.finditer(para, 0, max(at, 0))]
                    m = after or (before[-1] if before else None)
                    if m:
                        found.append((w.word, m.group(1)))
                pos += len(w.word)
        return found

    return extract


# --- measurements -----------------------------------------------------------------------------------


def stage_costs(nlp, docs: list[str], repeats: int = 3) -> dict[str, float]:
    """CPU microseconds per 1,000 characters of each stage (the tokenizer first), best of ``repeats``:
    where a pipeline's time goes on these texts (quote-dense text costs more in attribution and
    stance; a long narrative mostly in the tokenizer and the speaker scan)."""
    best: dict[str, float] = {}
    for _ in range(repeats):
        spent = dict.fromkeys(["tokenizer", *nlp.pipe_names], 0.0)
        for text in docs:
            start = time.process_time()
            doc = nlp.make_doc(text)
            spent["tokenizer"] += time.process_time() - start
            for name, proc in nlp.pipeline:
                start = time.process_time()
                doc = proc(doc)
                spent[name] += time.process_time() - start
        best = {k: min(v, best.get(k, v)) for k, v in spent.items()}
    chars = max(1, sum(len(d) for d in docs))
    return {k: round(v * 1e9 / chars, 1) for k, v in best.items()}


def read_corpus(path: str | os.PathLike) -> tuple[list[str], list[str]]:
    """The texts of a ``.txt`` file or of every ``.txt`` file under a directory (found as the command line
    finds them, :func:`stancelib.cli.walk_text_files`), decoded as it decodes them, and one line for
    each file that could not be read or was passed over (its name and reason)."""
    from .cli import walk_text_files
    from .errors import InputError
    from .normalize import read_text

    root = Path(path)
    passed_over: list[tuple[str, str]] = []
    files = [root] if root.is_file() else list(walk_text_files(root, passed_over))
    texts, skipped = [], [f"{name}: {reason}" for name, reason in passed_over]
    for f in files:
        try:
            texts.append(read_text(f))
        except InputError as e:
            skipped.append(str(e))
    return texts, skipped


def measure(size_mb: float = 1.0, nlp=None, repeats: int = 3, dir_mb: float = 8.0, jieba_chars: int = 150_000,
            corpus: Optional[list[str]] = None) -> dict:
    """Throughput against make_doc and jieba, growth with size, the cost of each stage, peak RSS and
    the 2-process speed-up; on the synthetic corpus, or on ``corpus`` (a user's own texts) if given."""
    import spacy

    import stancelib

    nlp = nlp or stancelib.load()
    baseline = spacy.blank("zh")
    docs = list(corpus) if corpus else synthetic_corpus(int(size_mb * 2**20))
    chars = sum(len(d) for d in docs)

    def run_all(part):
        # Results are consumed one by one and dropped, as a service or a CLI does.
        for _ in stancelib.extract_many([(str(i), d) for i, d in enumerate(part)], nlp=nlp):
            pass

    def make_docs(part):
        for d in part:
            baseline.make_doc(d)

    run_all(docs[:3])  # warm-up: lazy data files and regexes
    gc.collect()
    slices = _slices(docs, 50_000)
    t = _best({"make_doc": make_docs, "pipeline": run_all}, slices, repeats)
    out = {"chars": chars, "documents": len(docs), "repeats": repeats, "cpus": os.cpu_count(), "clock": "CPU seconds",
           "make_doc_chars_per_s": round(chars / t["make_doc"]), "pipeline_chars_per_s": round(chars / t["pipeline"]),
           "ratio_to_make_doc": round(t["make_doc"] / t["pipeline"], 3), "corpus": "given" if corpus else "synthetic",
           "stages_us_per_1k_chars": stage_costs(nlp, docs, repeats)}

    jieba_fn = jieba_baseline()
    if jieba_fn is None:
        out["jieba"] = "skipped: jieba is not installed (pip install 'stancelib[bench]')"
    else:
        part, n = [], 0
        for d in docs:  # the same documents for both, a slice: jieba's tagger is slow
            if n >= jieba_chars:
                break
            part.append(d)
            n += len(d)
        jieba_fn(part[0])  # warm-up: loads jieba's dictionary
        tj = _best({"jieba": lambda p: [jieba_fn(d) for d in p], "pipeline": run_all}, _slices(part, 15_000), repeats)
        out["jieba"] = {"chars": n, "jieba_chars_per_s": round(n / tj["jieba"]),
                        "pipeline_chars_per_s": round(n / tj["pipeline"]), "ratio": round(tj["jieba"] / tj["pipeline"], 1)}

    growth = []
    for frac in (0.25, 0.5, 1.0):
        part = docs[: max(1, int(len(docs) * frac))]
        n = sum(len(d) for d in part)
        sec = _best({"run": run_all}, [part], repeats)["run"]
        growth.append({"chars": n, "seconds": round(sec, 3), "chars_per_s": round(n / sec)})
    out["growth_documents"] = growth
    whole = "\n".join(docs)
    single = []
    for size in (100_000, 200_000, 400_000, 800_000):
        if size > len(whole):
            break
        sec = _best({"run": lambda text: stancelib.extract(text, nlp=nlp)}, [whole[:size]], repeats)["run"]
        single.append({"chars": size, "seconds": round(sec, 3), "chars_per_s": round(size / sec)})
    out["growth_single_document"] = single
    if dir_mb > 0:
        out["directory"] = measure_directory(dir_mb, repeats)
    return out


_STREAM = """
import os, resource, sys, time
from pathlib import Path
import stancelib
nlp = stancelib.load()
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
start, cpu = time.perf_counter(), time.process_time()
results = sum(1 for _ in stancelib.extract_many(paths, nlp=nlp, n_process=int(sys.argv[2])))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped when the pool shut down
hwm = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")][0]
print(seconds, cpu, kids.ru_utime + kids.ru_stime, hwm, results)
"""


def _proc_kb(pid: int, field: str, name: str = "status") -> int:
    try:
        with open(f"/proc/{pid}/{name}") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def _run(args: list[str]) -> str:
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"bench subprocess failed: {proc.stderr.strip().splitlines()[-1:]}")
    return proc.stdout


def _run_sampled(args: list[str]) -> tuple[str, int, int, int]:
    """Run a command; sample its process tree every 50 ms from outside (no thread inside the measured
    process): peak summed RSS, peak summed PSS and the largest single process other than the first."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rss = pss = worker = 0
    while proc.poll() is None:
        pids = _process_tree(proc.pid)
        rss = max(rss, sum(_proc_kb(p, "VmRSS:") for p in pids))
        pss = max(pss, sum(_proc_kb(p, "Pss:", "smaps_rollup") for p in pids))
        worker = max([worker] + [_proc_kb(p, "VmRSS:") for p in pids[1:]])
        time.sleep(0.05)
    out, err = proc.communicate()
    if proc.returncode:
        raise RuntimeError(f"bench subprocess failed: {err.strip().splitlines()[-1:]}")
    return out, rss, pss, worker


def measure_directory(dir_mb: float = 8.0, repeats: int = 3) -> dict:
    """Stream a generated directory of ``dir_mb`` MB of files (paths, read by whoever runs the
    pipeline) in a fresh process with 1 and with 2 processes, alternating, best of ``repeats``.

    Wall seconds (what the speed-up is), CPU seconds of the main process and of the workers (what the
    work costs, hardly touched by other load), and memory in MB: ``peak_rss_mb`` of the main process,
    and for the whole run, sampled from outside every 50 ms, the summed RSS (pages shared after fork
    counted in every process) and the summed PSS (shared pages split between their sharers).

    The timed runs are not sampled: on two cores the sampler takes CPU from the two processes it
    watches, not from the one. One more run for each ``n`` is sampled for the summed memory."""
    with tempfile.TemporaryDirectory(prefix="stancelib-bench-") as tmp:
        size = 0
        for i, doc in enumerate(synthetic_corpus(int(dir_mb * 2**20 / 3), seed=1)):  # ~3 UTF-8 bytes a character
            data = doc.encode("utf-8")
            (Path(tmp) / f"article{i:05d}.txt").write_bytes(data)
            size += len(data)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in Path(tmp).glob("*.txt"))
        runs: dict[int, list] = {1: [], 2: []}
        sampled = {}
        for n in (1, 2):
            out, rss, pss, worker = _run_sampled([sys.executable, "-c", _STREAM, tmp, str(n)])
            sampled[n] = (rss, pss, worker, float(out.split()[3]))
        for _ in range(repeats):
            for n in (1, 2):
                out = _run([sys.executable, "-c", _STREAM, tmp, str(n)])
                seconds, cpu, kids_cpu, hwm, _count = (float(x) for x in out.split())
                runs[n].append((seconds, cpu, kids_cpu, max(hwm, sampled[n][3])) + sampled[n][:3])
        out = {"megabytes": round(size / 2**20, 2), "chars": chars, "files": len(list(Path(tmp).glob("*.txt")))}
        for n, r in runs.items():
            seconds = min(x[0] for x in r)
            out[f"n_process_{n}"] = {
                "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds),
                "cpu_main_s": round(min(x[1] for x in r), 2), "cpu_workers_s": round(min(x[2] for x in r), 2),
                "peak_rss_mb": round(max(x[3] for x in r) / 1024, 1), "run_rss_mb": round(max(x[4] for x in r) / 1024, 1),
                "run_pss_mb": round(max(x[5] for x in r) / 1024, 1),
                "worker_rss_mb": round(max(x[6] for x in r) / 1024, 1) if n > 1 else None}
        one, two = out["n_process_1"], out["n_process_2"]
        out["speedup_2_processes"] = round(one["seconds"] / two["seconds"], 2)
        # What two idle cores would give: the single process's CPU over the busier of the two
        # processes of the 2-process run (the main process and its one worker share the documents).
        out["cpu_bound_speedup_2_processes"] = round(
            one["cpu_main_s"] / max(two["cpu_workers_s"], two["cpu_main_s"]), 2)
        return out


def run_bench(size_mb: float = 1.0, fmt: str = "table", nlp: Optional[object] = None, repeats: int = 3,
              dir_mb: float = 8.0, corpus: Optional[str] = None) -> int:
    from .errors import EXIT_FAILED, EXIT_USAGE

    texts = None
    if corpus is not None:
        if not Path(corpus).exists():
            print(f"stancelib bench: --corpus {corpus}: no such file or directory", file=sys.stderr)
            return EXIT_USAGE
        texts, skipped = read_corpus(corpus)
        for line in skipped:
            print(f"stancelib bench: skipped {line}", file=sys.stderr)
        if not texts:
            print(f"stancelib bench: no readable .txt file in {corpus}", file=sys.stderr)
            return EXIT_FAILED
    result = measure(size_mb, nlp, repeats=repeats, dir_mb=dir_mb, corpus=texts)
    if fmt == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("measure", "value", title=f"best of {repeats}, alternating; CPU seconds unless marked wall")
    for key in ("corpus", "chars", "documents", "make_doc_chars_per_s", "pipeline_chars_per_s", "ratio_to_make_doc"):
        table.add_row(key, str(result[key]))
    table.add_row("CPU per 1,000 chars by stage", ", ".join(f"{k.removeprefix('stancelib_')} {v:.0f} us"
                                                            for k, v in result["stages_us_per_1k_chars"].items()))
    j = result["jieba"]
    if isinstance(j, str):
        table.add_row("jieba baseline", j)
    else:
        table.add_row("jieba baseline", f"{j['jieba_chars_per_s']} chars/s on {j['chars']} chars; pipeline {j['ratio']}x faster")
    for g in result["growth_documents"]:
        table.add_row(f"documents, {g['chars']} chars", f"{g['seconds']} s ({g['chars_per_s']} chars/s)")
    for g in result["growth_single_document"]:
        table.add_row(f"one document of {g['chars']} chars", f"{g['seconds']} s ({g['chars_per_s']} chars/s)")
    d = result.get("directory")
    if d:
        for n in (1, 2):
            r = d[f"n_process_{n}"]
            worker = f", largest worker {r['worker_rss_mb']} MB" if r["worker_rss_mb"] else ""
            table.add_row(f"{d['megabytes']} MB directory, n_process={n}",
                          f"{r['seconds']} s wall ({r['chars_per_s']} chars/s), CPU main {r['cpu_main_s']} s, "
                          f"workers {r['cpu_workers_s']} s; peak RSS {r['peak_rss_mb']} MB; "
                          f"whole run RSS {r['run_rss_mb']} MB, PSS {r['run_pss_mb']} MB{worker}")
        table.add_row("2-process speed-up", f"{d['speedup_2_processes']}x wall, "
                                            f"{d['cpu_bound_speedup_2_processes']}x from CPU times")
    Console().print(table)
    return 0
