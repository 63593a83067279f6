"""Nothing lost, nothing silent, bounded work: batch items, the directory walk, data-file mistakes,
decoding repairs, line ends, hostile quote marks, limits and progress. Texts are invented."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import stancelib
from stancelib.errors import ConfigError, InputError
from stancelib.normalize import decode_document, read_document, read_text
from stancelib.sentences import MAX_QUOTE_DEPTH, pair_quote_marks

GOOD = "陈思远表示：“开源会成为主流。”\n"
QA = "记者：端侧模型会取代云端吗？\n钱若川：不会，两者互补。\n记者：为什么？\n钱若川：成本决定一切。\n"


def run(*args: str, stdin=None, cwd=None, shell_prefix: str = "") -> subprocess.CompletedProcess:
    if shell_prefix:
        cmd = shell_prefix + " " + " ".join([sys.executable, "-m", "stancelib.cli", *[f"'{a}'" for a in args]])
        proc = subprocess.run(cmd, shell=True, capture_output=True, timeout=120, cwd=cwd)
    else:
        proc = subprocess.run([sys.executable, "-m", "stancelib.cli", *args], input=stdin, capture_output=True,
                              timeout=120, cwd=cwd)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in out and "Traceback" not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


# --- 1. items that look like paths ------------------------------------------------------------------


def test_missing_file_and_directory_items_are_error_records_naming_them(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    (tmp_path / "somedir").mkdir()
    items = [str(good), str(tmp_path / "missing.txt"), str(tmp_path / "somedir")]
    res = list(stancelib.extract_many(items, nlp=nlp))
    assert [r.doc_id for r in res] == ["good.txt", "missing.txt", "somedir"]
    assert res[0].error is None and res[0].quotes[0].speaker.name == "陈思远"
    assert "[E001]" in res[1].error and "missing.txt" in res[1].error and "no such file" in res[1].error
    assert "[E001]" in res[2].error and "somedir" in res[2].error and "directory" in res[2].error


def test_bare_names_relative_to_the_working_directory(tmp_path, nlp, monkeypatch):
    # the issue's own example: "somedir" has no suffix and no separator, but it exists
    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    Path("somedir").mkdir()
    res = list(stancelib.extract_many(["good.txt", "missing.txt", "somedir"], nlp=nlp))
    assert [r.doc_id for r in res] == ["good.txt", "missing.txt", "somedir"]
    assert res[0].quotes and "no such file" in res[1].error and "directory" in res[2].error


def test_kind_says_what_a_string_is(tmp_path, nlp):
    # kind="text": a file-like name is a one-line text; kind="path": a sentence is a (missing) file
    (as_text,) = stancelib.extract_many(["missing.txt"], nlp=nlp, kind="text")
    assert as_text.error is None and as_text.doc_id == "text0"
    (as_path,) = stancelib.extract_many(["韩东说：好。"], nlp=nlp, kind="path")
    assert as_path.error and "no such file" in as_path.error
    with pytest.raises(ConfigError, match="kind"):
        list(stancelib.extract_many(["x"], nlp=nlp, kind="guess"))


@pytest.mark.parametrize("item,is_path", [
    ("a.txt", True), ("notes/today", True), ("韩东说：好。", False), ("第一行\n第二行.txt", False),
    ("", False), ("v1.5版本发布了", False),
])
def test_is_path_in_auto_mode(item, is_path):
    assert stancelib._is_path(item) is is_path


# --- 2. a bad item never stops the batch ------------------------------------------------------------


def test_none_and_bytes_items(nlp):
    gbk = "周以宁认为：“端侧会赢。”".encode("gb18030")
    items = [("a", GOOD), ("b", None), ("c", b"\x89PNG\r\n\x1a\n\x00\x00"), ("d", gbk), ("e", 42), None, ("f", GOOD)]
    res = list(stancelib.extract_many(items, nlp=nlp))
    assert [r.doc_id for r in res] == ["a", "b", "c", "d", "e", "text5", "f"]
    assert res[0].error is None and res[6].error is None and res[6].quotes
    assert "[E004]" in res[1].error and "NoneType" in res[1].error
    assert "[E002]" in res[2].error  # bytes go through the file decoder: binary is refused
    assert res[3].error is None and res[3].quotes[0].content == "端侧会赢。"
    assert [w.code for w in res[3].warnings][:1] == ["W003"]
    assert "[E004]" in res[4].error and "int" in res[4].error
    assert "[E004]" in res[5].error


def test_extract_of_none_raises_input_error():
    with pytest.raises(InputError, match=r"\[E004\]"):
        stancelib.extract(None)
    with pytest.raises(InputError, match=r"\[E004\]"):
        stancelib.extract(12)


# --- 3. the directory walk --------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symlinks and FIFOs (POSIX)")
def test_walk_names_what_it_skips_and_reads_upper_case_txt(tmp_path):
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "a" / "upper.TXT").write_text(GOOD, encoding="utf-8")
    (root / "a" / "notes.md").write_text("不读。", encoding="utf-8")
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    os.symlink(root, root / "a" / "loop")
    os.mkfifo(root / "pipe.txt")
    proc = run("quotes", "--format", "jsonl", str(root))
    assert proc.returncode == 1
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert {r["doc_id"] for r in records} == {"upper.TXT"}
    failed = [line for line in proc.stderr.splitlines() if "failed" in line]
    assert any("dangling.txt" in line and "dangling symlink" in line for line in failed)
    assert any("loop" in line and "symlink loop" in line for line in failed)
    assert any("pipe.txt" in line and "FIFO" in line for line in failed)
    assert not any("notes.md" in line for line in proc.stderr.splitlines())


def test_doc_id_relative_keeps_same_named_files_apart(tmp_path):
    for sub, name in (("a", "林嘉禾"), ("b", "顾南星")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(f"{name}表示：“开源会成为主流。”\n", encoding="utf-8")
    rel = run("quotes", "--format", "jsonl", "--doc-id", "relative", str(tmp_path))
    assert rel.returncode == 0
    by_doc = {r["doc_id"]: r["speaker"]["name"] for r in map(json.loads, rel.stdout.splitlines())}
    assert by_doc == {"a/x.txt": "林嘉禾", "b/x.txt": "顾南星"}
    from stancelib.cli import list_inputs

    base = list_inputs([str(tmp_path)], [])
    assert [doc_id for doc_id, _ in base] == ["x.txt", "x.txt"]  # SPEC default: the base name


# --- 4. data-file mistakes: a coded error, never a traceback ----------------------------------------


def _write(path: Path, text: str, encoding: str = "utf-8") -> str:
    path.write_bytes(text.encode(encoding))
    return str(path)


KB_OK = "speakers:\n  - id: p1\n    name: 苏映雪\n"


@pytest.mark.parametrize("content,encoding,expect", [
    ("speakers:\n  - id: p1\n    name: 苏映雪\n", "gbk", "not UTF-8"),
    ("- 苏映雪\n- 黄嘉明\n", "utf-8", "expected a mapping"),
    ("speakers:\n  - id: p1\n    name: [苏映雪\n", "utf-8", "line 4, column 1"),
    ("speakers:\n  - id: p1\n    name: 苏映雪\n  - id: p2\n    name: {first: 黄}\n", "utf-8", "entry speakers.1 (id 'p2'): name"),
    ("speakers:\n  - id: p1\n    name: 苏映雪\n  - id: p1\n    name: 黄嘉明\n", "utf-8", "'p1' is used by 2 entries"),
])
def test_bad_kb_files_give_a_coded_error(tmp_path, content, encoding, expect):
    path = _write(tmp_path / "kb.yaml", content, encoding)
    with pytest.raises(ConfigError, match=r"\[E011\]") as exc:
        stancelib.load(kb=path)
    assert expect in str(exc.value)
    if encoding == "gbk":  # the command line says the same, with no traceback (once is enough: ~3 s)
        proc = run("quotes", "--kb", path, "-", stdin=GOOD.encode("utf-8"))
        assert proc.returncode == 2 and "[E011]" in proc.stderr and expect in proc.stderr


def test_bad_topic_and_cue_files_give_a_coded_error(tmp_path):
    gbk_topics = _write(tmp_path / "topics.yaml", "topics:\n  开源: {}\n", "gbk")
    with pytest.raises(ConfigError, match=r"\[E010\].*not UTF-8"):
        stancelib.load(topics=gbk_topics)
    broken = _write(tmp_path / "t2.yaml", "topics:\n  a: b: c\n")
    with pytest.raises(ConfigError, match=r"\[E010\].*line 2, column 7"):
        stancelib.load(topics=broken)
    for content, expect in (("- 表示\n- 说\n", "expected a mapping"), ("verbs: [说\n", "line 2"),
                            ("verbs:\n  - {a: 1}\n", "entry verbs.0")):
        cues = _write(tmp_path / "cues.yaml", content)
        with pytest.raises(ConfigError, match=r"\[E012\]") as exc:
            stancelib.load(cues=cues)
        assert expect in str(exc.value)
    proc = run("quotes", "--cues", cues, "-", stdin=GOOD.encode("utf-8"))
    assert proc.returncode == 2 and "[E012]" in proc.stderr and "entry verbs.0" in proc.stderr
    gbk_cues = _write(tmp_path / "cues_gbk.yaml", "verbs: [宣称]\n", "gbk")
    with pytest.raises(ConfigError, match=r"\[E012\].*not UTF-8"):
        stancelib.load(cues=gbk_cues)


def test_stance_model_with_nan_weights_is_refused_at_load(tmp_path):
    from stancelib.stance_model import StanceClassifier, StanceModelError

    texts = ["支持开源，很好", "反对开源，糟糕", "开源会议召开", "支持闭源，很好", "反对闭源，糟糕", "闭源会议召开"] * 3
    targets = ["开源", "开源", "开源", "闭源", "闭源", "闭源"] * 3
    labels = ["FAVOR", "AGAINST", "NONE"] * 6
    model = tmp_path / "model"
    StanceClassifier(calibration_folds=2).fit(texts, targets, labels).to_disk(model)
    StanceClassifier.from_disk(model)  # fine as written
    with np.load(model / "weights.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["shared"][0, 0] = np.nan
    np.savez_compressed(model / "weights.npz", **arrays)
    with pytest.raises(StanceModelError, match=r"\[E022\].*'shared'"):
        StanceClassifier.from_disk(model)
    with pytest.raises(ConfigError, match=r"\[E022\]"):
        stancelib.load(stance_model=str(model))


def test_closed_stdin_is_a_named_failure():
    proc = run("quotes", "--format", "jsonl", "-", shell_prefix="exec 0<&-;")
    assert proc.returncode == 1
    assert "stdin" in proc.stderr and "[E001]" in proc.stderr


# --- 5. decoding ------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
def test_utf16_without_bom_is_read_when_mostly_cjk(tmp_path, codec):
    path = tmp_path / "a.txt"
    path.write_bytes(QA.encode(codec))
    text, warnings = read_document(path)
    assert text == QA
    assert warnings[0]["code"] == "W003" and codec in warnings[0]["message"]


def test_ascii_utf8_is_never_taken_for_utf16():
    data = b"OpenModelsWinTheMarketSoonEnough"  # pairs of ASCII bytes are CJK code points in UTF-16
    assert decode_document(data, "a.txt") == ("OpenModelsWinTheMarketSoonEnough", [])


def test_one_stray_nul_keeps_the_file_and_names_the_offset(tmp_path, nlp):
    data = GOOD.encode("utf-8")
    data = data[:6] + b"\x00" + data[6:]
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    (res,) = stancelib.extract_many([path], nlp=nlp)
    assert res.error is None and res.quotes[0].content == "开源会成为主流。"
    (w,) = [w for w in res.warnings if w.code == "W006"]
    assert "byte 6" in w.message and w.span.text == "\x00" and w.span.start == 2
    many = tmp_path / "many.txt"
    many.write_bytes(b"\x00".join([GOOD.encode("utf-8")] * 2) + b"\x00" * 50)
    with pytest.raises(InputError, match=r"\[E002\]"):
        read_text(many)


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16"])
def test_truncated_last_character_is_dropped_with_a_warning(codec):
    data = GOOD.strip().encode(codec)[:-1]
    text, warnings = decode_document(data, "cut.txt")
    assert text == GOOD.strip()[:-1]
    (w,) = [w for w in warnings if w["code"] == "W007"]
    assert f"byte {len(data) - (1 if codec != 'utf-8' else 2)}" in w["message"]


def test_detected_encoding_is_reported_and_can_be_forced(tmp_path, nlp):
    path = tmp_path / "big5.txt"
    path.write_bytes("邵雲帆說：「開源才是未來。」\n".encode("big5"))
    (res,) = stancelib.extract_many([path], nlp=nlp)
    assert any(w.code == "W003" and "big5" in w.message for w in res.warnings)
    # forcing a codec: no guessing; a wrong one is a clear error
    assert read_text(path, encoding="big5") == "邵雲帆說：「開源才是未來。」\n"
    with pytest.raises(InputError, match=r"\[E003\].*utf-8"):
        read_text(path, encoding="utf-8")
    proc = run("quotes", "--format", "jsonl", "--encoding", "big5", str(path))
    assert proc.returncode == 0 and json.loads(proc.stdout.splitlines()[0])["content"] == "開源才是未來。"
    assert run("quotes", "--encoding", "klingon", str(path)).returncode == 2


# --- 6. line ends -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", ["\r", "\u2028", "\u2029", "\x85", "\r\n"])
def test_every_line_end_starts_a_qa_label(sep, nlp):
    text = QA.replace("\n", sep)
    doc = nlp(text)
    turns = [(q.content, q.speaker.name if q.speaker else None) for q in doc._.quotes if q.kind == "qa_turn"]
    assert turns == [("端侧模型会取代云端吗？", None), ("不会，两者互补。", "钱若川"), ("为什么？", None),
                     ("成本决定一切。", "钱若川")]
    assert all(text[q.span.start:q.span.end] == q.span.text for q in doc._.quotes)


def test_crlf_never_leaves_a_cr_in_quote_content(nlp):
    text = "贺知远表示：“明年我们会把模型开源。\r\n他还说，端侧推理的成本正在下降。\r\n" + QA.replace("\n", "\r\n")
    quotes = nlp(text)._.quotes
    assert quotes and not any("\r" in q.content for q in quotes)
    assert quotes[0].content == "明年我们会把模型开源。"
    # a turn over two CRLF lines: its content has "\n" line breaks, its span the original CRLF
    multi = "记者：你怎么看？\r\n钱若川：不会。\r\n两者互补。\r\n记者：为什么？\r\n钱若川：成本。\r\n"
    turn = [q for q in nlp(multi)._.quotes if q.kind == "qa_turn"][1]
    assert turn.content == "不会。\n两者互补。" and turn.span.text == "不会。\r\n两者互补。"


# --- 7. annotate --force ----------------------------------------------------------------------------


def test_annotate_refuses_to_overwrite_without_force(tmp_path):
    src = _write(tmp_path / "a.txt", GOOD)
    gold = tmp_path / "a.gold.yaml"
    gold.write_text("# corrected by hand\n", encoding="utf-8")
    proc = run("annotate", src, "-o", str(gold))
    assert proc.returncode == 2 and "[E040]" in proc.stderr and "--force" in proc.stderr
    assert gold.read_text(encoding="utf-8") == "# corrected by hand\n"
    assert run("annotate", src, "-o", str(gold), "--force").returncode == 0
    assert "陈思远" in gold.read_text(encoding="utf-8")


# --- 8. bounded work --------------------------------------------------------------------------------


def test_unclosed_quotes_do_not_nest_and_attribution_still_works(nlp):
    text = "陈思远表示：“开源会成为主流。" * 3
    res = stancelib.extract(text, nlp=nlp)
    direct = [q for q in res.quotes if q.kind == "direct"]
    assert [q.content for q in direct] == ["开源会成为主流。"] * 3
    assert [q.span.start for q in direct] == [6, 21, 36]
    assert all(q.parent_id is None for q in direct)
    assert [w.code for w in res.warnings] == ["W002"] * 3
    assert [q.speaker.name for q in direct] == ["陈思远"] * 3


def test_unclosed_quote_still_closes_at_the_paragraph_end_around_balanced_inner_quotes():
    pairs, warnings = pair_quote_marks("他说：“我们‘开源’是方向\n下一段。")
    assert pairs == [[3, 13, "“", 0, False], [6, 10, "‘", 1, True]]
    assert [w["code"] for w in warnings] == ["W002"]


@pytest.mark.parametrize("unit", ["陈思远表示：“开源会成为主流。", "“", "“‘「『", "“" * 5 + "”" * 5])
def test_output_grows_linearly_with_hostile_input(unit, nlp):
    def out_size(n: int) -> int:
        return len(stancelib.extract(unit * (n // len(unit)), nlp=nlp).model_dump_json())

    small, large = out_size(600), out_size(2400)
    assert large / small < 4 * 1.3, (small, large)


def test_quote_pairs_never_nest_deeper_than_the_cap():
    pairs, _ = pair_quote_marks("“" * 50 + "”" * 50)
    assert max(p[3] for p in pairs) == MAX_QUOTE_DEPTH - 1
    assert sum(p[1] - p[0] for p in pairs) <= MAX_QUOTE_DEPTH * 100


def test_max_chars_gives_a_coded_error_record(nlp):
    res = list(stancelib.extract_many([("long", "好" * 101), ("short", GOOD)], nlp=nlp, max_chars=100))
    assert "[E005]" in res[0].error and "101" in res[0].error and res[1].error is None
    small = stancelib.load(max_chars=50)
    (res,) = stancelib.extract_many([("long", "好" * 51)], nlp=small)
    assert "[E005]" in res.error
    with pytest.raises(InputError, match=r"\[E005\]"):
        stancelib.extract("好" * 51, nlp=small)
    with pytest.raises(ConfigError, match="max_chars"):
        stancelib.load(max_chars=0)


def test_time_budget_gives_up_between_chunks(nlp, monkeypatch):
    monkeypatch.setattr(stancelib, "CHUNK_CHARS", 200)
    long_text = ("陈思远表示：“开源会成为主流。”\n" * 40)
    for batch_size in (1, 16):  # the budget is seen when a chunk comes back or before the next is sent
        res = list(stancelib.extract_many([("slow", long_text), ("next", GOOD)], nlp=nlp, time_budget=0.0,
                                          batch_size=batch_size))
        assert [r.doc_id for r in res] == ["slow", "next"]
        assert "[E006]" in res[0].error and "slow" in res[0].error
        assert res[1].error is None and res[1].quotes
    (whole,) = stancelib.extract_many([("slow", long_text)], nlp=nlp, time_budget=60.0)
    assert whole.error is None and len(whole.quotes) == 40


# --- 10. progress and streaming ---------------------------------------------------------------------


def test_progress_is_silent_when_stderr_is_not_a_terminal(nlp, capsys):
    list(stancelib.extract_many([("a", GOOD), ("b", GOOD)], nlp=nlp, progress=True))
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_progress_bar_on_a_terminal(nlp, monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    list(stancelib.extract_many([("a", GOOD), ("b", GOOD)], nlp=nlp, progress=True))
    err = capsys.readouterr().err
    assert "2/2" in err and "chars/s" in err and "[1]" not in err


def test_cli_progress_keeps_jsonl_stdout_clean(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    proc = run("quotes", "--format", "jsonl", "--progress", str(path))
    assert proc.returncode == 0
    assert [json.loads(line)["doc_id"] for line in proc.stdout.splitlines()] == ["a.txt"]
    assert "chars/s" not in proc.stderr and "[1]" not in proc.stderr  # stderr is a pipe here: no bar


def test_results_are_yielded_before_later_files_are_read(tmp_path, nlp):
    paths = []
    for i in range(40):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text(f"第{i}篇。" + GOOD, encoding="utf-8")
        paths.append(p)
    results = stancelib.extract_many(paths, nlp=nlp, batch_size=4)
    first = next(results)
    assert first.doc_id == "00.txt" and first.error is None
    paths[-1].unlink()  # not read yet: the batch streams
    rest = list(results)
    assert rest[-1].doc_id == "39.txt" and "no such file" in rest[-1].error
    assert all(r.error is None for r in rest[:-1])


def test_cli_lists_paths_not_texts(tmp_path):
    from stancelib.cli import list_inputs

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    failures: list = []
    items = list_inputs([str(tmp_path)], failures)
    assert items == [("a.txt", tmp_path / "a.txt")] and not failures


def test_cli_names_an_unreadable_file_and_applies_limits(tmp_path, monkeypatch, capsys):
    # in-process, so that an unreadable file can be simulated even when the tests run as root
    from stancelib import cli

    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "long.txt").write_text("好" * 300 + "\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert cli.main(["quotes", "--format", "jsonl", "--max-chars", "200", "--kb", "none", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["ok.txt"]
    assert "failed: secret.txt: [E001]" in err and "Permission denied" in err
    assert "failed: long.txt: [E005]" in err
    monkeypatch.setattr(stancelib, "CHUNK_CHARS", 100)
    assert cli.main(["quotes", "--format", "jsonl", "--time-budget", "0.000001", "--kb", "none", str(tmp_path / "long.txt")]) == 1
    assert "[E006]" in capsys.readouterr().err


def test_extract_decodes_bytes_like_a_file():
    res = stancelib.extract("柯望舒表示：“开源会赢。”".encode("gbk"))
    assert [(q.content, q.speaker.name) for q in res.quotes] == [("开源会赢。", "柯望舒")]
    assert [w.code for w in res.warnings] == ["W003"] and res.text.startswith("柯望舒")
    # a short Big5 text is not read as GB18030 (nor the other way): the reading with Chinese punctuation wins
    res = stancelib.extract("柯望舒表示：「開源會贏。」".encode("big5"))
    assert res.quotes[0].content == "開源會贏。" and "big5" in res.warnings[0].message
    with pytest.raises(stancelib.InputError, match="E002"):
        stancelib.extract(b"\x00\x01\x02binary\x00\x00\x00")


def test_extract_many_refuses_a_single_string_instead_of_reading_its_characters():
    with pytest.raises(stancelib.InputError, match=r"\[E004\].*not a single str"):
        list(stancelib.extract_many("柯望舒表示：“开源会赢。”"))
    with pytest.raises(stancelib.InputError, match="E004"):
        list(stancelib.extract_many(b"bytes"))
