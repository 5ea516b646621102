import json
from pathlib import Path

from bench import evaluate, suite_febrl, suite_term_frequency
from engine.pipeline import run_match

DATA = Path("tests/data/febrl4")


def test_greedy_pass_reproduces_job_f1(tmp_path):
    truth = tmp_path / "truth.csv"
    evaluate.write_febrl_truth(DATA / "dataset4a.csv", DATA / "dataset4b.csv", truth)
    config = json.loads(suite_febrl.CONFIG.read_text(encoding="utf-8"))
    summary = run_match(DATA / "dataset4a.csv", DATA / "dataset4b.csv", config,
                        job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    job_f1 = evaluate.match_quality(summary.files["matched"], truth).f1

    section = suite_term_frequency.run(tmp_path / "job" / "job.duckdb", truth,
                                       suite_febrl.mapped_columns())
    rows = {line.split(" | ")[0].strip("| "): line for line in section.lines if line[:3] == "| 5"}
    base = rows["50"].split(" | ")[1]
    assert base.endswith(f"{job_f1:.4f}")


def test_missing_job_is_skipped(tmp_path):
    section = suite_term_frequency.run(tmp_path / "none.duckdb", tmp_path / "truth.csv", ["a"])
    assert section.lines[0].startswith("Skipped")
