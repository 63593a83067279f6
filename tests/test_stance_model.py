"""The learned stance classifier: metric, file reading, fit/predict, safe persistence, classify, NLPCC."""
import json
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from stancelib.stance_model import (
    StanceClassifier,
    StanceModelError,
    classify,
    cross_validate,
    f_avg,
    read_rows,
    stance_scores,
    train,
)

NLPCC = Path(__file__).parents[2] / "shared/datasets/nlpcc2016-stance/train.tsv"

# --- the official metric ----------------------------------------------------------------------------


def test_f_avg_hand_computed():
    gold = ["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE", "NONE"]
    pred = ["FAVOR", "AGAINST", "AGAINST", "NONE", "FAVOR", "NONE"]
    # FAVOR: tp 1, predicted 2, gold 2 -> P 1/2, R 1/2, F1 1/2
    # AGAINST: tp 1, predicted 2, gold 2 -> P 1/2, R 1/2, F1 1/2
    assert f_avg(gold, pred) == pytest.approx(0.5)
    s = stance_scores(gold, pred)
    assert s["precision_favor"] == pytest.approx(0.5) and s["recall_against"] == pytest.approx(0.5)


def test_f_avg_pools_and_ignores_none_f1():
    gold = ["FAVOR", "FAVOR", "FAVOR", "AGAINST", "NONE"]
    pred = ["FAVOR", "FAVOR", "NONE", "FAVOR", "NONE"]
    # FAVOR: tp 2, predicted 3, gold 3 -> P 2/3, R 2/3, F1 2/3; AGAINST: tp 0 -> F1 0
    assert f_avg(gold, pred) == pytest.approx((2 / 3 + 0) / 2)
    # NONE right or wrong does not enter the average directly
    assert f_avg(["NONE", "FAVOR"], ["NONE", "FAVOR"]) == pytest.approx(0.5)  # AGAINST never occurs -> 0


def test_f_avg_unequal_precision_recall():
    gold = ["FAVOR"] * 4 + ["AGAINST"] * 2 + ["NONE"] * 2
    pred = ["FAVOR", "FAVOR", "FAVOR", "AGAINST", "AGAINST", "FAVOR", "FAVOR", "NONE"]
    # FAVOR: tp 3, predicted 5, gold 4 -> P .6, R .75, F1 2*.45/1.35 = 2/3
    # AGAINST: tp 1, predicted 2, gold 2 -> F1 .5
    assert f_avg(gold, pred) == pytest.approx((2 / 3 + 0.5) / 2)
    assert f_avg(gold, gold) == 1.0
    with pytest.raises(ValueError):
        f_avg(["FAVOR"], [])


# --- reading files ----------------------------------------------------------------------------------


def test_read_tsv_with_bom_and_no_quoting(tmp_path):
    p = tmp_path / "d.tsv"
    p.write_bytes("\ufeffid\ttarget\ttext\tlabel\n7\t开放二胎\t\"引号\"不算转义\tFAVOR\n8\t春节放鞭炮\t吵\tAGAINST\n".encode("utf-8"))
    rows = read_rows(p)
    assert rows == [
        {"id": "7", "target": "开放二胎", "text": '"引号"不算转义', "label": "FAVOR"},
        {"id": "8", "target": "春节放鞭炮", "text": "吵", "label": "AGAINST"},
    ]


def test_read_csv_custom_columns_and_missing_id(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text('post,topic,stance\n"有逗号,也有""引号""",开放二胎,NONE\n第二行,开放二胎,FAVOR\n', encoding="utf-8-sig")
    rows = read_rows(p, text_col="post", target_col="topic", label_col="stance")
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["text"] == '有逗号,也有"引号"' and rows[0]["label"] == "NONE"


def test_read_jsonl_and_sniffed_format(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text('{"id": 3, "text": "好", "target": "T", "label": "FAVOR"}\n\n{"text": "坏", "target": "T", "label": "AGAINST"}\n',
                 encoding="utf-8")
    rows = read_rows(p)
    assert [(r["id"], r["label"]) for r in rows] == [("3", "FAVOR"), ("2", "AGAINST")]
    q = tmp_path / "data.txt"  # no known extension: sniffed
    q.write_text("id\ttarget\ttext\n1\tT\t好\n", encoding="utf-8")
    assert read_rows(q, require_label=False) == [{"id": "1", "target": "T", "text": "好", "label": None}]
    r = tmp_path / "export.txt"  # a stray tab after the header of a CSV: the delimiter that holds on every line wins
    r.write_text("id,target,text,label\t\n1,T,\"好,很好\",FAVOR\n2,T,坏,AGAINST\n", encoding="utf-8")
    assert [(x["text"], x["label"]) for x in read_rows(r)] == [("好,很好", "FAVOR"), ("坏", "AGAINST")]
    one = tmp_path / "one.txt"  # one column: nothing to sniff, read as CSV
    one.write_text("text\n好\n", encoding="utf-8")
    with pytest.raises(StanceModelError, match="no column 'target'"):
        read_rows(one)


def test_read_errors_name_file_and_reason(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "target": "T", "label": "FAVOR"}\n{"text": oops}\n', encoding="utf-8")
    with pytest.raises(StanceModelError, match=r"bad\.jsonl.*line 2"):
        read_rows(bad)
    with pytest.raises(StanceModelError, match="no such file"):
        read_rows(tmp_path / "missing.tsv")
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(StanceModelError, match=r"empty\.tsv.*empty"):
        read_rows(empty)
    nocol = tmp_path / "nocol.tsv"
    nocol.write_text("id\ttext\tlabel\n1\t好\tFAVOR\n", encoding="utf-8")
    with pytest.raises(StanceModelError, match=r"nocol\.tsv.*'target'"):
        read_rows(nocol)
    short = tmp_path / "short.tsv"
    short.write_text("id\ttarget\ttext\tlabel\n1\tT\t好\n", encoding="utf-8")
    with pytest.raises(StanceModelError, match=r"short\.tsv.*line 2"):
        read_rows(short)
    nolabel = tmp_path / "nolabel.jsonl"
    nolabel.write_text('{"text": "a", "target": "T"}\n', encoding="utf-8")
    with pytest.raises(StanceModelError, match="'label'"):
        read_rows(nolabel)
    gbk = tmp_path / "gbk.tsv"
    gbk.write_bytes("id\ttarget\ttext\tlabel\n1\tT\t中文\tFAVOR\n".encode("gbk"))
    with pytest.raises(StanceModelError, match="UTF-8"):
        read_rows(gbk)


# --- a tiny synthetic task --------------------------------------------------------------------------

TARGETS = ("垃圾分类", "俄罗斯在叙利亚的反恐行动")
CUES = {
    "FAVOR": ["我坚决支持{t}", "{t}是好政策，点赞", "赞成{t}，早该这样", "{t}非常好，必须支持", "为{t}点赞，支持到底"],
    "AGAINST": ["我坚决反对{t}", "{t}太糟糕了，抵制", "反对{t}，太坑人", "{t}是馊主意，反对到底", "抵制{t}，糟糕透顶"],
    "NONE": ["今天新闻报道了{t}的会议", "据悉{t}的会议明天召开", "记者了解到{t}的消息", "{t}的会议在北京召开", "有关{t}的新闻发布会今天举行"],
}


def synthetic():
    texts, targets, labels = [], [], []
    for t in TARGETS:
        for label, templates in CUES.items():
            for tpl in templates:
                texts.append(tpl.format(t=t))
                targets.append(t)
                labels.append(label)
    return texts, targets, labels  # 2 x 3 x 5 = 30 posts


HELD_OUT = [
    ("支持{t}，好政策", "FAVOR"),
    ("坚决反对，糟糕", "AGAINST"),
    ("新闻：{t}会议召开", "NONE"),
]


@pytest.fixture(scope="module")
def tiny_model():
    return StanceClassifier().fit(*synthetic())


def test_tiny_model_predicts_obvious_sentences(tiny_model):
    texts, targets, gold = [], [], []
    for t in TARGETS:
        for tpl, label in HELD_OUT:
            texts.append(tpl.format(t=t))
            targets.append(t)
            gold.append(label)
    assert tiny_model.predict(texts, targets) == gold
    assert tiny_model.labels == ["AGAINST", "FAVOR", "NONE"]
    probs = tiny_model.predict_proba(texts, targets)
    for p, g in zip(probs, gold):
        assert set(p) == {"AGAINST", "FAVOR", "NONE"}
        assert sum(p.values()) == pytest.approx(1.0)
        assert max(p, key=p.get) == g
    label, conf = tiny_model.predict_one("我支持垃圾分类，点赞", "垃圾分类")
    assert label == "FAVOR" and 1 / 3 < conf <= 1.0


def test_unknown_or_respelled_target_still_predicts(tiny_model):
    # a re-spelled target maps to the known one (the NLPCC test file's spelling, spacing, case)
    text = ["坚决反对，太糟糕"]
    canonical = tiny_model.decision_function(text, ["俄罗斯在叙利亚的反恐行动"])
    assert np.array_equal(tiny_model.decision_function(text, ["俄罗斯叙利亚反恐行动"]), canonical)
    assert np.array_equal(tiny_model.decision_function(text, ["垃 圾 分 类"]), tiny_model.decision_function(text, ["垃圾分类"]))
    assert tiny_model.predict(text, ["垃 圾 分 类"]) == ["AGAINST"]
    # an unknown target is scored by the shared features only
    assert not np.array_equal(tiny_model.decision_function(text, ["完全没见过的话题"]), canonical)
    assert tiny_model.predict(["我坚决支持，点赞"], ["完全没见过的话题"]) == ["FAVOR"]
    assert tiny_model.predict([], []) == []


def test_fit_input_errors():
    with pytest.raises(StanceModelError, match="parallel"):
        StanceClassifier().fit(["a", "b"], ["T"], ["FAVOR", "NONE"])
    with pytest.raises(StanceModelError, match="2 different labels"):
        StanceClassifier().fit(["a", "b"], ["T", "T"], ["FAVOR", "FAVOR"])
    with pytest.raises(StanceModelError, match="not fitted"):
        StanceClassifier().predict(["a"], ["T"])


def test_two_labels_work():
    texts, targets, labels = synthetic()
    keep = [i for i, y in enumerate(labels) if y != "NONE"]
    m = StanceClassifier(calibration_folds=0).fit([texts[i] for i in keep], [targets[i] for i in keep],
                                                  [labels[i] for i in keep])
    assert m.predict(["我支持垃圾分类", "反对垃圾分类，糟糕"], ["垃圾分类"] * 2) == ["FAVOR", "AGAINST"]


# --- persistence ------------------------------------------------------------------------------------


def test_round_trip_is_exact_and_pickle_free(tiny_model, tmp_path):
    d = tmp_path / "model"
    tiny_model.to_disk(d)
    assert sorted(p.name for p in d.iterdir()) == ["meta.json", "weights.npz"]
    meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["AGAINST", "FAVOR", "NONE"] and meta["format_version"] == 1
    with np.load(d / "weights.npz", allow_pickle=False) as z:  # raises if any array needs pickle
        assert all(z[k].dtype != object for k in z.files)
    with zipfile.ZipFile(d / "weights.npz") as zf:
        assert all(n.endswith(".npy") for n in zf.namelist())
    loaded = StanceClassifier.from_disk(d)
    texts = ["支持垃圾分类", "反对俄罗斯在叙利亚的反恐行动！！", "据悉", "", "English words 123 http://t.cn/abc"]
    targets = ["垃圾分类", "俄罗斯叙利亚反恐行动", "垃圾分类", "俄罗斯在叙利亚的反恐行动", "别的"]
    assert loaded.predict_proba(texts, targets) == tiny_model.predict_proba(texts, targets)  # exact floats
    assert np.array_equal(loaded.decision_function(texts, targets), tiny_model.decision_function(texts, targets))
    assert loaded.labels == tiny_model.labels and loaded.temperature == tiny_model.temperature


def test_from_disk_errors_name_the_path(tiny_model, tmp_path):
    with pytest.raises(StanceModelError, match="nowhere"):
        StanceClassifier.from_disk(tmp_path / "nowhere")
    d = tmp_path / "m"
    tiny_model.to_disk(d)
    (d / "meta.json").write_text('{"format": "stancelib-stance-model", "format_versi', encoding="utf-8")
    with pytest.raises(StanceModelError, match=r"meta\.json"):
        StanceClassifier.from_disk(d)
    tiny_model.to_disk(d)
    meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
    meta["views"][0]["df"] = meta["views"][0]["df"][:-1]
    (d / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(StanceModelError, match=str(d.name)):
        StanceClassifier.from_disk(d)
    tiny_model.to_disk(d)
    (d / "weights.npz").write_bytes(b"not a zip")
    with pytest.raises(StanceModelError, match=r"weights\.npz"):
        StanceClassifier.from_disk(d)
    (d / "weights.npz").unlink()
    with pytest.raises(StanceModelError, match=r"weights\.npz is missing"):
        StanceClassifier.from_disk(d)


def test_object_arrays_are_refused(tiny_model, tmp_path):
    d = tmp_path / "m"
    tiny_model.to_disk(d)
    with np.load(d / "weights.npz") as z:
        arrays = {k: z[k] for k in z.files}
    arrays["shared"] = np.array([object()], dtype=object)  # would need pickle to load
    np.savez(d / "weights.npz", **arrays)
    with pytest.raises(StanceModelError, match=r"weights\.npz"):
        StanceClassifier.from_disk(d)


def test_predict_is_thread_safe(tiny_model):
    texts, targets, _ = synthetic()
    expected = tiny_model.predict_proba(texts, targets)
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(tiny_model.predict_proba(texts, targets))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and all(r == expected for r in results)


# --- file-level train / classify / cross-validate ---------------------------------------------------


def write_tsv(path, rows, header=("id", "target", "text", "label")):
    path.write_text("\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def test_train_and_classify_files(tmp_path):
    texts, targets, labels = synthetic()
    data = tmp_path / "train.tsv"
    write_tsv(data, [(f"r{i}", t, x, y) for i, (x, t, y) in enumerate(zip(texts, targets, labels))])
    summary = train(data, tmp_path / "model")
    assert summary["rows"] == 30 and summary["labels"] == ["AGAINST", "FAVOR", "NONE"]
    assert summary["label_counts"] == {"AGAINST": 10, "FAVOR": 10, "NONE": 10}
    new = tmp_path / "new.jsonl"
    new.write_text("\n".join(json.dumps({"id": i, "target": t, "text": x}, ensure_ascii=False) for i, t, x in [
        ("z9", "垃圾分类", "反对垃圾分类，糟糕"), ("a1", "垃圾分类", "支持垃圾分类，点赞"), ("m5", "垃圾分类", "据悉会议召开")]),
        encoding="utf-8")
    out = tmp_path / "out" / "pred.tsv"
    rows = classify(tmp_path / "model", new, out)
    assert rows == [("z9", "AGAINST"), ("a1", "FAVOR"), ("m5", "NONE")]
    assert out.read_text(encoding="utf-8") == "id\tlabel\nz9\tAGAINST\na1\tFAVOR\nm5\tNONE\n"
    assert classify(tmp_path / "model", new) == rows
    with pytest.raises(StanceModelError, match="model"):
        classify(tmp_path / "no_model", new)


def test_cross_validate_shape(tmp_path):
    texts, targets, labels = synthetic()
    data = tmp_path / "train.tsv"
    write_tsv(data, [(str(i), t, x, y) for i, (x, t, y) in enumerate(zip(texts, targets, labels))])
    res = cross_validate(data, folds=3, seed=0)
    assert len(res["folds"]) == 3
    for key in ("f_avg", "f1_favor", "f1_against"):
        assert 0.0 <= res["mean"][key] <= 1.0 and key in res["std"]
    assert res["mean"]["f_avg"] > 0.6


# --- the real data ----------------------------------------------------------------------------------


def test_nlpcc_holdout_f_avg():
    """80/20 stratified split of the NLPCC-2016 training file: the model must stay well above chance."""
    if not NLPCC.is_file():
        pytest.skip(f"NLPCC-2016 training data not found at {NLPCC}")
    from sklearn.model_selection import train_test_split

    rows = read_rows(NLPCC)
    assert len(rows) == 2986
    strata = [r["target"] + "/" + r["label"] for r in rows]
    tr, te = train_test_split(rows, test_size=0.2, stratify=strata, random_state=0)
    start = time.perf_counter()
    model = StanceClassifier(calibration_folds=0).fit([r["text"] for r in tr], [r["target"] for r in tr],
                                                      [r["label"] for r in tr])
    assert time.perf_counter() - start < 60
    pred = model.predict([r["text"] for r in te], [r["target"] for r in te])
    score = f_avg([r["label"] for r in te], pred)
    assert score >= 0.66, f"hold-out F_avg {score:.4f}"


def test_views_rebuilt_from_saved_vocabulary_and_df_equal_a_fitted_tfidf_vectorizer():
    """A view rebuilt from its saved vocabulary + df transforms exactly as a TfidfVectorizer fitted on the posts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from stancelib.stance_model import _analyzer_options, _View, prepare

    texts, _, _ = synthetic()
    docs = [prepare(t) for t in texts] + [prepare("ＡＢＣ１２３，不好不好！http://t.cn/x")]
    for kind, lo, hi, weight in (("char", 1, 4, 1.0), ("segment", 1, 4, 1.0), ("negation", 2, 3, 0.5)):
        view, fitted = _View.fit_transform(kind, lo, hi, weight, docs)
        sk = TfidfVectorizer(**_analyzer_options(kind, lo, hi), sublinear_tf=True, dtype=np.float64).fit(docs)
        assert view.vocab == sk.get_feature_names_out().tolist()
        rebuilt = _View(kind, lo, hi, weight, view.vocab, view.df, view.n_docs)
        X = rebuilt.transform(docs)
        assert np.array_equal(X.toarray(), fitted.toarray())          # training features == reloaded features
        assert np.array_equal(X.toarray(), view.transform(docs).toarray())
        assert np.allclose(X.toarray(), weight * sk.transform(docs).toarray(), atol=1e-12)
    char, _ = _View.fit_transform("char", 1, 4, 1.0, ["abcab"])
    assert char.vocab == sorted({"abcab"[i:i + n] for n in range(1, 5) for i in range(6 - n)})
    assert dict(zip(char.vocab, char.df.tolist()))["ab"] == 1          # document frequency, not the count (2)
    segment, _ = _View.fit_transform("segment", 1, 2, 1.0, ["甲乙,丙"])
    assert "^甲" in segment.vocab and "丙$" in segment.vocab and "乙," not in segment.vocab
    empty, X = _View.fit_transform("negation", 2, 3, 0.5, ["今天天气很好"])   # no negator: no n-gram
    assert empty.vocab == [] and X.shape == (1, 0) and empty.transform(["x", "y"]).shape == (2, 0)


def test_every_stance_model_error_carries_a_code(tmp_path):
    import subprocess
    import sys

    with pytest.raises(StanceModelError, match=r"^\[E023\] Cannot load a stance model from .*not a directory"):
        StanceClassifier.from_disk(tmp_path / "nowhere")
    proc = subprocess.run([sys.executable, "-m", "stancelib.cli", "classify", "--model", str(tmp_path / "nowhere"),
                           str(tmp_path / "rows.tsv")], capture_output=True, text=True)
    assert proc.returncode == 1 and "[E023]" in proc.stderr and "Traceback" not in proc.stderr
