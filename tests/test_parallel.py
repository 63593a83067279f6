"""Worker processes: the same results as one process under fork and spawn, in input order, and the
workers end with the consumer (an early break, a closed pipe)."""
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

import stancelib

_SAYINGS = ["开源生态会让小团队也有机会。", "闭源模型短期内仍会领先。", "价格战对整个行业不是好事。"]
_PEOPLE = ["罗文昭", "苗以安", "柯一鸣"]


def _text(i: int) -> str:
    name, say = _PEOPLE[i % 3], _SAYINGS[i % 3]
    return (f"青松智算创始人{name}表示：“{say}”\n会议第{i}天，展区里人很多。\n"
            f"“{_SAYINGS[(i + 1) % 3]}”{name}说。\n他认为，数据质量比算力更重要。")


@pytest.fixture
def items(tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"f{i}.txt"
        p.write_text(_text(100 + i), encoding="utf-8")
        paths.append(p)
    (tmp_path / "empty.txt").write_bytes(b"")
    out = [(f"t{i}", _text(i)) for i in range(20)]
    return out[:5] + paths + [tmp_path / "empty.txt", _text(7)] + out[5:]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_processes_give_the_same_results(nlp, items, method):
    one = list(stancelib.extract_many(items, nlp=nlp))
    two = list(stancelib.extract_many(items, nlp=nlp, n_process=2, batch_size=3, start_method=method))
    assert two == one
    assert [r.doc_id for r in two][:6] == ["t0", "t1", "t2", "t3", "t4", "f0.txt"]
    assert sum(1 for r in two if r.error) == 1 and sum(len(r.quotes) for r in two) > 40


def test_workers_end_on_an_early_break(nlp):
    items = [(f"t{i}", _text(i) * 20) for i in range(400)]
    start = time.monotonic()
    for res in stancelib.extract_many(items, nlp=nlp, n_process=2, batch_size=1):
        assert res.doc_id == "t0"
        break
    assert time.monotonic() - start < 30
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []


def _processes_naming(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to look for leftover workers")
def test_a_closed_pipe_ends_the_command_and_its_workers(tmp_path):
    corpus = tmp_path / "corpus_for_head"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"d{i:03d}.txt").write_text(_text(i) * 4, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "stancelib.cli", "extract", str(corpus), "--n-process", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    try:
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read().decode("utf-8")
    assert first.startswith(b'{"doc_id":"d000.txt"')
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err
    deadline = time.monotonic() + 10
    while _processes_naming(str(corpus)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(str(corpus)) == []


def test_spawned_workers_rebuild_a_pipeline_not_made_by_load(tmp_path):
    """A pipeline from spacy.load (a user KB saved inside it) is rebuilt from its config and data."""
    import spacy

    kb = tmp_path / "kb.yaml"
    kb.write_text("speakers:\n  - {id: x1, name: 苗以安, aliases: [小苗], orgs: [青松智算]}\n", encoding="utf-8")
    stancelib.load(kb=str(kb)).to_disk(tmp_path / "saved")
    kb.unlink()
    nlp = spacy.load(tmp_path / "saved")
    items = [(f"t{i}", _text(i) + "小苗说：“先把产品做好。”") for i in range(6)]
    one = list(stancelib.extract_many(items, nlp=nlp))
    assert any(q.speaker and q.speaker.kb_id == "x1" for r in one for q in r.quotes)
    assert list(stancelib.extract_many(items, nlp=nlp, n_process=2, batch_size=2, start_method="spawn")) == one


def test_a_pipeline_changed_after_load_is_rebuilt_as_it_is(items):
    """Spawned workers must not rebuild the default pipeline when the caller removed a component."""
    nlp = stancelib.load()
    nlp.remove_pipe("stancelib_stance")
    one = list(stancelib.extract_many(items[:6], nlp=nlp))
    assert all(not r.claims for r in one) and any(r.quotes for r in one)
    assert list(stancelib.extract_many(items[:6], nlp=nlp, n_process=2, batch_size=2, start_method="spawn")) == one


def test_an_item_that_cannot_be_sent_to_a_worker_does_not_stop_the_batch(nlp):
    items = [("a", _text(1)), (x for x in "generator"), ("c", _text(2))]
    one = list(stancelib.extract_many(items, nlp=nlp))
    two = list(stancelib.extract_many([("a", _text(1)), (x for x in "generator"), ("c", _text(2))], nlp=nlp,
                                      n_process=2, batch_size=8))
    assert two == one and [r.doc_id for r in two][::2] == ["a", "c"] and two[1].error


def _where(nlp, i, item):
    """A work function that says which process did item ``i`` (a slow one, so the worker queue fills)."""
    import os

    time.sleep(0.02)
    return stancelib.DocResult(doc_id=f"{i}:{os.getpid()}")


def test_the_calling_process_works_beside_its_workers():
    """n_process=2 is the caller and one worker: the caller takes tasks while the worker is busy."""
    import os

    from stancelib.parallel import map_ordered

    out = [r.doc_id.split(":") for r in
           map_ordered(_where, enumerate(range(40)), None, n_process=2, batch_size=1, start_method="fork")]
    assert [int(i) for i, _ in out] == list(range(40))
    pids = {int(pid) for _, pid in out}
    assert str(os.getpid()) in {pid for _, pid in out} and len(pids) == 2
    assert multiprocessing.active_children() == []


def test_a_file_name_json_cannot_hold_comes_back_from_a_worker(nlp, tmp_path):
    """Results travel as JSON; a name with undecodable bytes (kept as lone surrogates) travels as a dict."""
    import os

    odd = os.path.join(os.fsencode(tmp_path), b"caf\xff.txt")
    with open(odd, "wb") as f:
        f.write(_text(3).encode("utf-8"))
    items = [(f"t{i}", _text(i)) for i in range(6)] + [os.fsdecode(odd)]
    one = list(stancelib.extract_many(items, nlp=nlp))
    two = list(stancelib.extract_many(items, nlp=nlp, n_process=2, batch_size=1, start_method="fork"))
    assert two == one
    assert one[-1].doc_id == "caf\udcff.txt" and one[-1].quotes
    from stancelib.parallel import _receive, _send

    assert isinstance(_send(one[0]), str) and isinstance(_send(one[-1]), dict)
    assert [_receive(_send(r)) for r in one] == one


def test_tasks_are_sized_by_characters_and_file_bytes(tmp_path):
    """Long files make short tasks, as long texts do: the last tasks, which one process may wait
    for alone, stay short."""
    from stancelib import parallel

    big = tmp_path / "big.txt"
    big.write_text("字" * (parallel.TASK_CHARS // 3 + 1), encoding="utf-8")  # over TASK_CHARS bytes
    small = tmp_path / "small.txt"
    small.write_text("短", encoding="utf-8")
    items = [(0, str(big)), (1, str(small)), (2, str(small)), (3, str(big)), (4, "文" * parallel.TASK_CHARS)]
    sizes = {i: stancelib._rough_size(item) for i, item in items}
    tasks = list(parallel._tasks(items, 16, lambda i, item: sizes[i]))
    assert [[i for i, _ in t] for t in tasks] == [[0], [1, 2, 3], [4]]
    # Without sizes only texts count, up to the batch size.
    assert [[i for i, _ in t] for t in parallel._tasks(items, 2, parallel._text_size)] == [[0, 1], [2, 3], [4]]


_PIPE_UNDER_SPAWN = """
import multiprocessing as mp, stancelib
if __name__ == "__main__":
    mp.set_start_method("spawn")
    nlp = stancelib.load()
    texts = [TEXTS]
    two = [[(q.content, q.speaker and q.speaker.name) for q in d._.quotes] for d in nlp.pipe(texts, n_process=2)]
    one = [[(q.content, q.speaker and q.speaker.name) for q in d._.quotes] for d in nlp.pipe(texts)]
    assert two == one and sum(map(len, one)) >= 8, (two, one)
    print("same")
"""


def test_nlp_pipe_with_two_processes_works_under_spawn(tmp_path):
    """spaCy pickles the Doc extensions for its workers: no getter may be a lambda."""
    script = tmp_path / "pipe_spawn.py"
    script.write_text(_PIPE_UNDER_SPAWN.replace("TEXTS", ", ".join(repr(_text(i)) for i in range(4))), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "same"
