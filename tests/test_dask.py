"""stancelib.dask on a 2-worker LocalCluster: the same results as a local run, one pipeline per worker,
bad files as error results; and the CLI's --scheduler giving the local CLI's output."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import distributed
import pytest

import stancelib
import stancelib.dask as sd
from stancelib import cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A few fixtures, a binary file and a GB18030 file, in a nested directory."""
    root = tmp_path_factory.mktemp("corpus")
    for name in sorted(p.name for p in FIXTURES.glob("*.txt"))[:8]:
        shutil.copy(FIXTURES / name, root / name)
    (root / "sub").mkdir()
    (root / "sub" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (root / "sub" / "gbk.txt").write_bytes("青禾科技CEO罗一鸣表示：“开源模型会成为主流。”".encode("gb18030"))
    return root


def _local(corpus):
    return list(stancelib.extract_many(sd.expand_paths([corpus])))


def test_bag_equals_the_local_run_and_bad_files_become_errors(client, corpus):
    bag = sd.extract_bag([corpus, corpus / "missing.txt"], npartitions=4)
    on_dask = bag.compute()
    local = _local(corpus) + [stancelib.DocResult(doc_id="missing.txt", error=on_dask[-1].error)]
    assert sorted(on_dask, key=lambda r: r.doc_id) == sorted(local, key=lambda r: r.doc_id)
    assert on_dask == local  # and in input order
    errors = {r.doc_id: r.error for r in on_dask if r.error}
    assert set(errors) == {"broken.txt", "missing.txt"}
    assert "[E002]" in errors["broken.txt"] and "[E001]" in errors["missing.txt"]
    assert any(r.claims for r in on_dask)


def test_the_pipeline_is_loaded_once_per_worker(client, corpus):
    sd.extract_bag([corpus], npartitions=6).compute()
    assert len(sd.extract_bag(str(corpus), npartitions=6).compute()) == 10  # one path alone is a list of one
    loads = client.run(lambda: __import__("stancelib.dask").dask.PIPELINE_LOADS[0])
    assert len(loads) == 2 and all(n == 1 for n in loads.values()), loads


def test_a_bag_of_texts_and_load_options(client):
    import dask.bag as db

    texts = db.from_sequence([("a", "罗一鸣说：“开源会赢。”"), ("b", "白景川说：“端侧更重要。”")], npartitions=2)
    results = sd.extract_bag(texts, kb=None).compute()
    assert [r.doc_id for r in results] == ["a", "b"]
    assert [q.speaker.name for r in results for q in r.quotes] == ["罗一鸣", "白景川"]


def test_claims_frame_equals_to_dataframe(client, corpus):
    frame = sd.claims_frame(sd.extract_bag([corpus], npartitions=3)).compute()
    local = stancelib.to_dataframe(_local(corpus))
    key = ["doc_id", "id"]
    got = frame.sort_values(key).reset_index(drop=True)
    want = local.sort_values(key).reset_index(drop=True)
    assert len(got) == len(want) > 0
    assert got.astype(str).values.tolist() == want.astype(str).values.tolist()
    assert list(got.columns) == list(want.columns)


def test_a_crash_inside_the_pipeline_becomes_that_document_error(monkeypatch):
    real = stancelib.extract_many

    def flaky(items, **kw):
        if items[0][0] == "boom":
            raise RuntimeError("simulated crash")
        return real(items, **kw)

    monkeypatch.setattr(stancelib, "extract_many", flaky)
    out = sd._extract_partition([("ok", "罗一鸣说：“开源会赢。”"), ("boom", "x")], ())
    assert out[0].quotes and out[1] == stancelib.DocResult(doc_id="boom", error="RuntimeError: simulated crash")


def test_cli_on_a_running_scheduler_prints_what_the_local_cli_prints(client, corpus, capsys):
    local_rc = cli.main(["extract", str(corpus), "--format", "jsonl"])
    local = capsys.readouterr()
    dask_rc = cli.main(["extract", str(corpus), "--format", "jsonl", "--scheduler", client.scheduler.address])
    on_dask = capsys.readouterr()
    assert local_rc == dask_rc == cli.EXIT_FAILED  # the broken file
    assert on_dask.out == local.out and local.out.count("\n") > 10
    assert "broken.txt" in on_dask.err and "[E002]" in on_dask.err


def test_cli_scheduler_dask_starts_a_local_cluster(capsys):
    assert cli.main(["extract", str(FIXTURES), "--format", "jsonl"]) == cli.EXIT_OK
    local = capsys.readouterr().out
    cmd = [sys.executable, "-m", "stancelib.cli", "extract", str(FIXTURES), "--format", "jsonl",
           "--scheduler", "dask", "--n-process", "2"]
    on_dask = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert on_dask.returncode == 0, on_dask.stderr[-2000:]
    assert on_dask.stdout == local and local.count("\n") > 100


def test_cli_rejects_an_unknown_scheduler(corpus, capsys):
    assert cli.main(["extract", str(corpus), "--scheduler", "yarn"]) == cli.EXIT_USAGE
    assert "[E109]" in capsys.readouterr().err


def test_cli_names_an_unreachable_scheduler(corpus, capsys, monkeypatch):
    monkeypatch.setattr(sd, "CONNECT_TIMEOUT", "1s")
    port_nobody_listens_on = "tcp://127.0.0.1:9"
    assert cli.main(["extract", str(corpus), "--scheduler", port_nobody_listens_on]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "[E110]" in err and "127.0.0.1:9" in err and "Traceback" not in err
