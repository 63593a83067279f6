"""`stancelib bench` runs end to end on a tiny corpus (its figures are checked for shape, not speed)."""
from stancelib.bench import measure, measure_directory


def test_measure_reports_every_comparison():
    result = measure(size_mb=0.02, repeats=1, dir_mb=0, jieba_chars=3000)
    assert result["chars"] >= 0.02 * 2**20 and result["ratio_to_make_doc"] > 0
    assert result["jieba"]["ratio"] > 0  # jieba is a test dependency
    assert [g["chars"] for g in result["growth_documents"]] == sorted(g["chars"] for g in result["growth_documents"])


def test_directory_run_reports_time_and_memory_of_both_modes():
    result = measure_directory(dir_mb=0.03, repeats=1)
    one, two = result["n_process_1"], result["n_process_2"]
    assert result["files"] >= 3 and one["peak_rss_mb"] > 20 and two["worker_rss_mb"] > 20
    assert one["cpu_workers_s"] == 0 and two["cpu_workers_s"] > 0  # the work ran in the workers
    assert two["run_pss_mb"] >= one["run_pss_mb"] * 0.5
