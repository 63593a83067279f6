"""`stancelib bench` runs end to end on a tiny corpus (its figures are checked for shape, not speed)."""
from stancelib.bench import measure, measure_directory, read_corpus


def test_measure_reports_every_comparison():
    result = measure(size_mb=0.02, repeats=1, dir_mb=0, jieba_chars=3000)
    assert result["chars"] >= 0.02 * 2**20 and result["ratio_to_make_doc"] > 0
    assert result["jieba"]["ratio"] > 0  # jieba is a test dependency
    assert [g["chars"] for g in result["growth_documents"]] == sorted(g["chars"] for g in result["growth_documents"])


def test_directory_run_reports_time_and_memory_of_both_modes():
    result = measure_directory(dir_mb=0.1, repeats=1)  # (long enough for the 50 ms sampler to see the workers)
    one, two = result["n_process_1"], result["n_process_2"]
    assert result["files"] >= 3 and one["peak_rss_mb"] > 20 and two["worker_rss_mb"] > 20
    assert one["cpu_workers_s"] == 0 and two["cpu_workers_s"] > 0  # the work ran in the workers
    assert two["run_pss_mb"] >= one["run_pss_mb"] * 0.5


def test_measure_on_a_users_own_texts_reports_each_stages_cost():
    texts = ["星河智能CEO顾晚晴表示：“开源会成为主流。”" * 20, "今天的会上没有人发言。" * 40]
    result = measure(repeats=1, dir_mb=0, jieba_chars=500, corpus=texts)
    assert result["corpus"] == "given" and result["documents"] == 2
    assert result["chars"] == sum(map(len, texts))
    stages = result["stages_us_per_1k_chars"]
    assert list(stages)[0] == "tokenizer" and "stancelib_attribution" in stages and all(v > 0 for v in stages.values())


def test_read_corpus_names_the_files_it_cannot_read(tmp_path):
    (tmp_path / "a.txt").write_text("顾晚晴说：“好。”", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "B.TXT").write_text("钱立峰说：“不。”", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    texts, skipped = read_corpus(tmp_path)
    assert sorted(texts) == sorted(["顾晚晴说：“好。”", "钱立峰说：“不。”"])
    assert len(skipped) == 1 and "empty.txt" in skipped[0]
