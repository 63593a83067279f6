"""``stancelib.load``: the pipeline and its options (pkuseg through spaCy's own Chinese tokenizer),
Doc serialization, multiprocessing and threads."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import stancelib

TEXTS = [
    "贺知远表示：“明年我们会把模型开源。”他还说，端侧推理的成本正在下降。",
    "邵云帆說：「這個(gè)『端側』才是未來。」",
    "&ldquo;价格战&rdquo;没有赢家，许清衡说。",
    "记者：端侧模型会取代云端吗？\n钱若川：不会，两者互补。\n记者：为什么？\n钱若川：成本决定。",
    "严海说：“我们不会降价。这是底线\n下一段是旁白。",
]


def quotes_of(docs) -> list[list[dict]]:
    return [[q.model_dump() for q in doc._.quotes] for doc in docs]


def test_pipeline_stages_in_data_flow_order(nlp):
    assert tuple(nlp.pipe_names) == stancelib.PIPE_NAMES
    assert nlp.lang == "zh"


def test_doc_to_bytes_round_trip(nlp):
    doc = nlp(TEXTS[1])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again.text == TEXTS[1]
    assert again._.clean_text == doc._.clean_text
    assert again._.quotes == doc._.quotes and again._.quotes
    assert again._.claims == doc._.claims


def test_docbin_round_trip(nlp):
    docs = list(nlp.pipe(TEXTS))
    store = DocBin(store_user_data=True, docs=docs)
    loaded = list(DocBin().from_bytes(store.to_bytes()).get_docs(nlp.vocab))
    assert quotes_of(loaded) == quotes_of(docs)
    assert [d._.stances for d in loaded] == [d._.stances for d in docs]


def test_pipe_with_two_processes_gives_the_same_quotes(nlp):
    one = quotes_of(nlp.pipe(TEXTS, n_process=1))
    two = quotes_of(nlp.pipe(TEXTS, n_process=2, batch_size=2))
    assert two == one
    assert any(one)


def test_four_threads_give_the_same_results_as_sequential(nlp):
    sequential = [stancelib.extract(t, doc_id=f"d{i}", nlp=nlp) for i, t in enumerate(TEXTS)]
    jobs = [(i, t) for _ in range(4) for i, t in enumerate(TEXTS)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda job: stancelib.extract(job[1], doc_id=f"d{job[0]}", nlp=nlp), jobs))
    assert threaded == sequential * 4


def test_extract_many_accepts_paths_texts_and_pairs(tmp_path, nlp):
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")
    results = list(stancelib.extract_many([path, ("b", TEXTS[1]), TEXTS[2], broken], nlp=nlp))
    assert [r.doc_id for r in results] == ["a.txt", "b", "text2", "broken.txt"]
    assert results[0].quotes and results[1].quotes
    assert results[3].error and "broken.txt" in results[3].error and "empty" in results[3].error


def test_bad_options_raise_config_error():
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(segmenter="mecab")
    assert "segmenter" in str(exc.value)
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(segmenter="pkuseg")
    assert "pkuseg" in str(exc.value)
    with pytest.raises(stancelib.ConfigError) as exc:
        stancelib.load(segmenter="pkuseg", pkuseg_model="/no/such/pkuseg_model")
    assert "/no/such/pkuseg_model" in str(exc.value)


# --- pkuseg: a tiny model trained here, loaded through spaCy's ChineseTokenizer ----------------------

_SEGMENTED = [
    "大模型 的 机会 在 应用 层 。",
    "开源 模型 会 越来越 强 。",
    "他 认为 开源 才 是 未来 。",
    "我们 反对 闭源 路线 。",
    "创业者 表示 应用 很 重要 。",
    "端侧 推理 的 成本 正在 下降 。",
]


@pytest.fixture(scope="module")
def pkuseg_model(tmp_path_factory) -> Path:
    spacy_pkuseg = pytest.importorskip("spacy_pkuseg")
    root = tmp_path_factory.mktemp("pkuseg")
    train, test = root / "train.txt", root / "test.txt"
    train.write_text("\n".join(_SEGMENTED * 4) + "\n", encoding="utf-8")
    test.write_text("\n".join(_SEGMENTED) + "\n", encoding="utf-8")
    model = root / "model"
    spacy_pkuseg.train(str(train), str(test), str(model), train_iter=5)
    assert (model / "features.msgpack").exists()
    return model


def test_pkuseg_segments_words_and_quotes_still_map_back(pkuseg_model):
    nlp = stancelib.load(segmenter="pkuseg", pkuseg_model=str(pkuseg_model))
    assert nlp.tokenizer.segmenter == "pkuseg"
    text = "贺知远表示：“开源模型会越来越强。”他认为端侧推理的成本正在下降。"
    doc = nlp(text)
    words = [t.text for t in doc]
    assert "开源" in words and "模型" in words and "越来越" in words
    assert any(len(w) > 1 for w in words)
    assert "".join(t.text_with_ws for t in doc) == text
    (q,) = [q for q in doc._.quotes if q.kind == "direct"]
    assert q.span.text == "“开源模型会越来越强。”"
    assert text[q.span.start:q.span.end] == q.span.text
    assert q.speaker is not None and q.speaker.name == "贺知远"
    char_nlp = stancelib.load()
    assert [x.model_dump() for x in doc._.quotes] == [x.model_dump() for x in char_nlp(text)._.quotes]


def test_pkuseg_pipeline_handles_traditional_text_and_entities(pkuseg_model):
    nlp = stancelib.load(segmenter="pkuseg", pkuseg_model=str(pkuseg_model))
    text = "&ldquo;開源模型會越來越強。&rdquo;邵云帆說。"
    res = stancelib.extract(text, nlp=nlp)
    (q,) = [q for q in res.quotes if q.kind == "direct"]
    assert q.span.text == "&ldquo;開源模型會越來越強。&rdquo;"
    assert [s.text for s in nlp(text).sents] == [text]


def test_pkuseg_config_goes_through_spacy(pkuseg_model, tmp_path):
    nlp = stancelib.load(segmenter="pkuseg", pkuseg_model=str(pkuseg_model))
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "pkuseg"
    saved = tmp_path / "pipeline"
    nlp.to_disk(saved)
    again = spacy.load(saved)
    text = "他认为开源才是未来。"
    assert [t.text for t in again(text)] == [t.text for t in nlp(text)]


def test_lone_surrogate_is_a_clear_error_and_never_stops_a_batch():
    nlp = stancelib.load(kb=None)
    with pytest.raises(stancelib.InputError, match="surrogate"):
        nlp("好\ud800")
    results = list(stancelib.extract_many([("bad.txt", "好\ud800"), ("good.txt", "陈思远表示：“开源会成为主流。”")], nlp=nlp))
    assert results[0].error and "bad.txt" in results[0].error and "surrogate" in results[0].error
    assert results[1].error is None and results[1].quotes[0].speaker.name == "陈思远"


def test_no_word_is_listed_twice_in_one_list_of_the_built_in_data():
    """A word listed twice is a sign of an edit that lost track of the list (and one of the two copies
    would be forgotten when the word is changed)."""
    from collections import Counter
    from pathlib import Path

    import yaml

    def lists(x, path):
        if isinstance(x, dict):
            for k, v in x.items():
                yield from lists(v, f"{path}.{k}")
        elif isinstance(x, list):
            if x and all(isinstance(i, str) for i in x):
                yield path, x
            else:
                for i, v in enumerate(x):
                    yield from lists(v, f"{path}[{i}]")

    twice = []
    for f in sorted((Path(stancelib.__file__).parent / "data").glob("*.yaml")):
        for path, words in lists(yaml.safe_load(f.read_text(encoding="utf-8")), f.name):
            twice += [(path, w) for w, n in Counter(words).items() if n > 1]
    assert twice == []
