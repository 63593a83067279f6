"""The command line, run as users run it (a subprocess): formats, stdin, batches with bad files,
exit status 0/1/2, and never a traceback for a user's mistake."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import stancelib
from stancelib.cli import build_parser

GOOD = "贺知远表示：“明年我们会把模型开源。”\n他还说，端侧推理的成本正在下降。\n"
LEGACY = "邵云帆说：“云端大模型依然是基础设施。”\n&ldquo;價格戰&rdquo;沒有贏家(gè)。\n"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "stancelib.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=120)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in out and "Traceback" not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def assert_spans_match(records: list[dict], texts: dict[str, str]) -> None:
    for r in records:
        span = r.get("span") or r.get("evidence")
        original = texts[r["doc_id"]]
        assert original[span["start"]:span["end"]] == span["text"], r


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "legacy.txt").write_bytes(LEGACY.encode("gb18030"))
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.md").write_text("不是 txt，不读。", encoding="utf-8")
    return folder


def test_batch_with_bad_files_prints_the_good_ones_and_names_the_bad(batch):
    proc = run("quotes", "--format", "jsonl", str(batch))
    assert proc.returncode == 1
    records = jsonl(proc.stdout)
    assert {r["doc_id"] for r in records} == {"good.txt", "legacy.txt"}
    by_doc = {(r["doc_id"], r["content"]) for r in records if r["kind"] == "direct"}
    assert ("good.txt", "明年我们会把模型开源。") in by_doc
    assert ("legacy.txt", "云端大模型依然是基础设施。") in by_doc
    assert ("legacy.txt", "價格戰") in by_doc
    speakers = {r["content"]: (r["speaker"] or {}).get("name") for r in records}
    assert speakers["明年我们会把模型开源。"] == "贺知远"
    assert speakers["云端大模型依然是基础设施。"] == "邵云帆"
    # every span indexes the file's own text
    assert_spans_match(records, {"good.txt": GOOD, "legacy.txt": LEGACY})
    err_lines = proc.stderr.splitlines()
    picture = [line for line in err_lines if "picture.txt" in line]
    empty = [line for line in err_lines if "empty.txt" in line]
    assert picture and "binary" in picture[0]
    assert empty and "empty" in empty[0]
    assert not any(("good.txt" in line or "legacy.txt" in line) and "failed" in line for line in err_lines)
    # warnings reach stderr without --progress: the guessed encoding of the legacy file
    assert any("legacy.txt" in line and "[W003]" in line and "gb18030" in line for line in err_lines)


def test_extract_prints_claims_whose_evidence_indexes_the_file(tmp_path):
    path = tmp_path / "open.txt"
    path.write_text(GOOD, encoding="utf-8")
    proc = run("extract", "--format", "jsonl", str(path))
    assert proc.returncode == 0
    claims = jsonl(proc.stdout)
    assert claims and all(c["doc_id"] == "open.txt" for c in claims)
    assert any(c["topic"] == "open_vs_closed" and c["speaker"]["name"] == "贺知远" for c in claims)
    assert_spans_match(claims, {"open.txt": GOOD})


def test_stdin(tmp_path):
    proc = run("quotes", "--format", "jsonl", "-", stdin="许清衡说：“闭源才能赚钱。”".encode("gb18030"))
    assert proc.returncode == 0
    (record,) = jsonl(proc.stdout)
    assert record["doc_id"] == "stdin"
    assert record["span"] == {"start": 5, "end": 14, "text": "“闭源才能赚钱。”"}
    assert record["speaker"]["name"] == "许清衡"


def test_empty_stdin_fails_with_a_reason(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, out, err = call(["quotes", "-"], capsys)
    assert code == 1
    assert "stdin" in err and "empty" in err
    assert out == ""


@pytest.fixture()
def one_file(tmp_path: Path) -> Path:
    path = tmp_path / "one.txt"
    path.write_text("许清衡说：“闭源才能赚钱。”\n所谓“百模大战”已经结束。", encoding="utf-8")
    return path


def call(argv: list[str], capsys) -> tuple[int, str, str]:
    """``stancelib.cli.main`` in this process (cheaper than a subprocess, same code path after parsing)."""
    from stancelib.cli import main

    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as e:  # argparse's usage errors
        code = e.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out and "Traceback" not in err
    return code, out, err


def test_format_json(one_file):
    proc = run("quotes", "--format", "json", str(one_file))
    assert proc.returncode == 0
    records = json.loads(proc.stdout)
    assert [r["content"] for r in records] == ["闭源才能赚钱。", "百模大战"]
    assert records[0]["speaker"]["name"] == "许清衡" and records[1]["speaker"] is None


def test_format_csv(one_file, capsys):
    code, out, _ = call(["quotes", "--format", "csv", str(one_file)], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["content"] for r in rows] == ["闭源才能赚钱。", "百模大战"]
    assert rows[0]["speaker"] == "许清衡" and rows[0]["kind"] == "direct"
    text = one_file.read_text(encoding="utf-8")
    assert text[int(rows[0]["start"]):int(rows[0]["end"])] == "“闭源才能赚钱。”"


def test_format_table_and_output_file(one_file, tmp_path, capsys):
    code, out, _ = call(["quotes", "--format", "table", str(one_file)], capsys)
    assert code == 0
    assert "许清衡" in out and "闭源才能赚钱" in out
    target = tmp_path / "out.jsonl"
    code, out, _ = call(["quotes", "--format", "jsonl", "-o", str(target), str(one_file)], capsys)
    assert code == 0 and out == ""
    assert [r["content"] for r in jsonl(target.read_text(encoding="utf-8"))] == ["闭源才能赚钱。", "百模大战"]


def test_missing_path_is_named_and_the_others_still_print(one_file, tmp_path):
    missing = tmp_path / "nowhere.txt"
    proc = run("quotes", "--format", "jsonl", str(missing), str(one_file))
    assert proc.returncode == 1
    assert "nowhere.txt" in proc.stderr and "no such file" in proc.stderr
    assert [r["doc_id"] for r in jsonl(proc.stdout)] == ["one.txt", "one.txt"]


def test_unknown_option_exits_2_without_a_traceback():
    proc = run("quotes", "--bogus", "x.txt")
    assert proc.returncode == 2
    assert "--bogus" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ("quotes", "--format", "xml", "x.txt"),
        ("quotes",),
        ("frobnicate",),
        (),
        ("quotes", "--n-process", "0", "x.txt"),
        ("quotes", "--segmenter", "jieba", "x.txt"),
    ],
    ids=["bad-format", "no-path", "unknown-command", "no-command", "bad-n-process", "bad-segmenter"],
)
def test_usage_errors_exit_2(args, capsys):
    code, out, err = call(list(args), capsys)
    assert code == 2
    assert "error" in err
    assert out == ""


def test_unwritable_output_is_a_usage_error(one_file, tmp_path, capsys):
    code, out, err = call(["quotes", "-o", str(tmp_path / "no" / "such" / "dir.jsonl"), str(one_file)], capsys)
    assert code == 2
    assert "dir.jsonl" in err


@pytest.mark.parametrize("option", [("--ner", "foo:bar"), ("--kb", "/no/such/people.yaml"),
                                    ("--ner", "spacy:/no/such/pipeline")])
def test_bad_pipeline_options_exit_2(one_file, option, capsys):
    code, out, err = call(["quotes", *option, str(one_file)], capsys)
    assert code == 2
    assert option[1].split(":")[-1] in err
    assert out == ""


def test_broken_topics_file_exits_2_naming_it(tmp_path, one_file, capsys):
    bad = tmp_path / "broken_topics.yaml"
    bad.write_text("topics:\n  scaling_law: [believer, \n", encoding="utf-8")
    proc = run("topics", "--topics", str(bad))
    assert proc.returncode == 2
    assert "broken_topics.yaml" in proc.stderr
    assert proc.stdout == ""
    code, out, err = call(["extract", "--topics", str(bad), str(one_file)], capsys)
    assert code == 2 and "broken_topics.yaml" in err and out == ""


def test_topics_lists_the_four_builtin_topics(capsys):
    proc = run("topics")
    assert proc.returncode == 0
    for tid in ("scaling_law", "open_vs_closed", "tob_vs_toc", "device_vs_cloud"):
        assert tid in proc.stdout
    code, out, _ = call(["topics", "--format", "json"], capsys)
    assert code == 0
    topics = json.loads(out)
    assert set(topics) == {"scaling_law", "open_vs_closed", "tob_vs_toc", "device_vs_cloud"}
    assert topics["scaling_law"]["labels"] == ["believer", "skeptic", "mixed", "neutral"]
    assert topics["open_vs_closed"]["labels"] == ["open", "closed", "mixed", "neutral"]
    assert topics["tob_vs_toc"]["labels"] == ["to_b", "to_c", "mixed", "neutral"]
    assert topics["device_vs_cloud"]["labels"] == ["device", "cloud", "mixed", "neutral"]


@pytest.mark.parametrize("command", ["extract", "quotes", "topics", "eval", "annotate", "bench", "train", "classify"])
def test_every_command_exists(command, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args([command, "--help"])
    assert exc.value.code == 0
    assert command in capsys.readouterr().out


def test_main_in_process_matches_the_api(one_file, capsys):
    code, out, _ = call(["quotes", "--format", "jsonl", str(one_file)], capsys)
    assert code == 0
    expected = [json.loads(q.model_dump_json()) for q in stancelib.extract(
        one_file.read_text(encoding="utf-8"), doc_id="one.txt").quotes]
    assert jsonl(out) == expected


@pytest.mark.parametrize("args, what", [(("bench", "--size-mb", "0"), "--size-mb"), (("bench", "--repeats", "0"), "--repeats"),
                                        (("serve", "--port", "99999"), "--port")])
def test_out_of_range_numbers_are_usage_errors(args, what):
    proc = run(*args)
    assert proc.returncode == 2 and what in proc.stderr and "Traceback" not in proc.stderr


def test_bench_on_a_missing_corpus_is_a_usage_error_and_on_unreadable_files_a_failure(tmp_path):
    proc = run("bench", "--corpus", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "nowhere" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("bench", "--corpus", str(tmp_path))
    assert proc.returncode == 1 and "empty.txt" in proc.stderr and "Traceback" not in proc.stderr


def test_annotate_of_a_missing_file_is_an_input_failure(tmp_path):
    proc = run("annotate", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "m.gold.yaml"))
    assert proc.returncode == 1 and "[E001]" in proc.stderr and "missing.txt" in proc.stderr
