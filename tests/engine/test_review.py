import json

import openpyxl
import pytest

from engine.pipeline import run_match
from engine.results import ResultRequestError, reselect, result_page
from engine.review import (
    decide,
    export_result,
    pair_details,
    result_file,
    review_page,
    score_histogram,
    selection_state,
)

CONFIG = {
    "mappings": [
        {"file1_col": "name", "file2_col": "full_name"},
        {"file1_col": "phone", "file2_col": "phone", "fuzzy_method": "ratio", "weight": 0.5},
    ],
    "threshold": 99,
    "low_confidence_threshold": 80,
}


@pytest.fixture
def job(tmp_path, sample_pair):
    summary = run_match(*sample_pair, CONFIG, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert summary.counts["low_confidence"] > 0
    return tmp_path / "job", summary


def first_low_pair(job_dir):
    row = review_page(job_dir, "low_confidence", per_page=1)["data"][0]
    return row["_r1"], row["_r2"]


def test_state_lists_mappings(job):
    state = selection_state(job[0])
    assert state["threshold"] == 99
    assert state["low_threshold"] == 80
    assert [m["label"] for m in state["mappings"]] == ["name -> full_name", "phone -> phone"]
    assert state["weights"] == [1.0, 0.5]


def test_review_rows_carry_ids_and_scores(job):
    row = review_page(job[0], "low_confidence", per_page=1)["data"][0]
    assert set(row["_scores"]) == {"name -> full_name", "phone -> phone"}
    assert row["_decision"] is None
    assert isinstance(row["_r1"], int) and isinstance(row["_r2"], int)


def test_review_unmatched_rows_carry_reason(job):
    rows = review_page(job[0], "unmatched_1", per_page=100)["data"]
    assert rows
    assert {r["_reason"] for r in rows} <= {"no_candidate", "below_threshold", "taken", "low_confidence", "rejected"}


def test_pair_details_explain_each_mapping(job):
    r1, r2 = first_low_pair(job[0])
    details = pair_details(job[0], r1, r2)
    phone = details["mappings"][1]
    assert phone["value1"].startswith("+998")
    assert phone["normalised1"].isdigit()
    weighted = sum(m["score"] * m["weight"] for m in details["mappings"]) / 1.5
    assert details["confidence_score"] == pytest.approx(weighted, abs=0.01)


def test_pair_details_name_missing_score(tmp_path):
    (tmp_path / "a.csv").write_text("name,phone\nAli Karimov,\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("name,phone\nAli Karimov,998901111111\n", encoding="utf-8")
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "fuzzy"},
                           {"file1_col": "phone", "file2_col": "phone", "match_type": "exact"}],
              "missing_value_score": 40, "threshold": 50}
    run_match(tmp_path / "a.csv", tmp_path / "b.csv", config, job_dir=tmp_path / "job",
              out_dir=tmp_path / "out")

    details = pair_details(tmp_path / "job", 1, 1)

    assert details["missing_score"] == 40
    assert details["mappings"][1]["score"] is None
    assert details["confidence_score"] == 70


def test_pair_details_unknown_pair(job):
    with pytest.raises(ResultRequestError, match="No scored pair"):
        pair_details(job[0], 999, 999)


def test_histogram_counts_records_with_candidates(job):
    bins = score_histogram(job[0], 10)
    assert len(bins) == 10
    assert bins[-1]["upper"] == 100
    assert sum(b["count"] for b in bins) == 30


def test_accept_moves_pair_to_matched_and_survives_reselect(job):
    job_dir, summary = job
    pair = first_low_pair(job_dir)
    counts = decide(job_dir, [pair], "accept")
    assert counts["matched"] == summary.counts["matched"] + 1

    counts = reselect(job_dir, threshold=100)
    matched = review_page(job_dir, "matched", per_page=1000)["data"]
    assert (pair[0], pair[1], "accept") in {(r["_r1"], r["_r2"], r["decision"]) for r in matched}


def test_reject_removes_pair_from_review(job):
    job_dir, summary = job
    pair = first_low_pair(job_dir)
    counts = decide(job_dir, [pair], "reject")
    assert counts["low_confidence"] == summary.counts["low_confidence"] - 1
    reasons = {r["_row_id"]: r["_reason"] for r in review_page(job_dir, "unmatched_1", per_page=100)["data"]}
    assert reasons[pair[0]] == "rejected"


def test_clearing_a_decision_restores_counts(job):
    job_dir, summary = job
    pair = first_low_pair(job_dir)
    decide(job_dir, [pair], "accept")
    assert decide(job_dir, [pair], None) == summary.counts


def test_bad_decision_rejected(job):
    with pytest.raises(ResultRequestError, match="decision 'maybe'"):
        decide(job[0], [first_low_pair(job[0])], "maybe")


def test_result_file_rewritten_after_decision(job):
    job_dir, _ = job
    before = json.loads(result_file(job_dir, "matched").read_text())
    decide(job_dir, [first_low_pair(job_dir)], "accept")
    after = json.loads(result_file(job_dir, "matched").read_text())
    assert len(after) == len(before) + 1
    assert [r["decision"] for r in after].count("accept") == 1


def test_export_in_another_format(job, tmp_path):
    job_dir, summary = job
    count = export_result(job_dir, "matched", "xlsx", tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    assert count == summary.counts["matched"] == sheet.max_row - 1
    assert result_page(job_dir, "matched")["total"] == count
