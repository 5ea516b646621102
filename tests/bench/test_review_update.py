import json

import pytest

from bench import review_update, synthetic
from bench.suite_reselect import CONFIG, REVIEW_GOAL_MS, REVIEW_WEIGHTS, THRESHOLDS
from engine.pipeline import run_match
from engine.results import reselect
from engine.review import selection_state


@pytest.fixture(scope="module")
def job_dir(tmp_path_factory):
    work = tmp_path_factory.mktemp("review_update")
    files = synthetic.write_files(work / "data", 300, seed=7)
    run_match(files.file_a, files.file_b, json.loads(CONFIG.read_text(encoding="utf-8")),
              job_dir=work / "job", out_dir=work / "out")
    return work / "job"


def test_section_rows_per_step(job_dir):
    lines, _ = review_update.section_lines(job_dir, 1234, THRESHOLDS, REVIEW_WEIGHTS,
                                           REVIEW_GOAL_MS)
    rows = [line for line in lines if line.startswith(("| threshold |", "| weights |"))]
    steps = [*review_update.STEPS, "**total**"]
    expected = [f"| {kind} | {step} |" for kind in ("threshold", "weights") for step in steps]
    assert [row[:len(prefix)] for row, prefix in zip(rows, expected, strict=True)] == expected
    for row in rows:
        assert len(row.split(" | ")[3].split(", ")) == len(THRESHOLDS) or "not recomputed" in row


def test_section_goal_line(job_dir):
    lines, goal = review_update.section_lines(job_dir, 1234, THRESHOLDS, REVIEW_WEIGHTS,
                                              REVIEW_GOAL_MS)
    assert goal.startswith("- review update at 1,234 pairs (median, threshold change): ")
    assert "against under 1,000 ms: " in goal
    assert goal.endswith("met.") or "missed by" in goal
    assert goal in lines


def test_threshold_moves_keep_histogram_cached(job_dir):
    moves = review_update.time_moves(job_dir, [{"threshold": value} for value in THRESHOLDS])
    assert [move["score histogram"] for move in moves] == [None] * len(THRESHOLDS)
    assert all(move["re-selection"] > 0 for move in moves)


def test_weight_moves_recompute_histogram(job_dir):
    reselect(job_dir, weights=[1.0] * len(REVIEW_WEIGHTS[0]))  # differs from every setting below
    moves = review_update.time_moves(job_dir, [{"weights": list(w)} for w in REVIEW_WEIGHTS])
    assert all(move["score histogram"] is not None for move in moves)
    assert selection_state(job_dir)["weights"] == list(REVIEW_WEIGHTS[-1])


def test_repeated_weights_hit_cache(job_dir):
    setting = {"weights": list(REVIEW_WEIGHTS[0])}
    moves = review_update.time_moves(job_dir, [setting, setting])
    assert moves[0]["score histogram"] is not None
    assert moves[1]["score histogram"] is None


def test_moves_apply_settings(job_dir):
    review_update.time_moves(job_dir, [{"threshold": 80.0}, {"threshold": 55.0}])
    state = selection_state(job_dir)
    assert state["threshold"] == 55.0
    assert state["low_threshold"] <= 55.0
