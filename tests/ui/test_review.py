"""Review page: live threshold changes, search, pair details, reasons and decisions that persist."""

import csv
import html
import json
import logging
import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from engine import connection_cache
from engine.results import reselect
from tests.ui.conftest import (
    EXAMPLES,
    SAMPLE_CONFIG,
    TIMEOUT_S,
    finished_job,
    logged_in,
    texts,
)
from ui.review_details import _score


@pytest.fixture
def job(store):
    return finished_job(store)


def _counts(at) -> dict[str, int]:
    return {metric.label: int(metric.value.replace(",", "")) for metric in at.metric}


def _open(job, **state):
    at = logged_in(page="review", job_id=job.id, **state)
    return at.run()


def test_review_threshold_moves_counts(job):
    at = _open(job)
    assert not at.exception
    before = _counts(at)
    assert before["Matched"] == job.summary["counts"]["matched"]

    at.slider(key=f"rv_{job.id}_threshold").set_value(95.0)
    at.run()
    after = _counts(at)
    assert after["Matched"] < before["Matched"]
    assert after["To review"] > before["To review"]
    assert after["Matched"] + after["To review"] == before["Matched"] + before["To review"]
    assert f"{after['Matched']} row" in texts(at)


def test_review_low_clamped(job):
    at = _open(job)
    at.slider(key=f"rv_{job.id}_low").set_value(99.0)
    at.run()
    assert at.session_state[f"rv_{job.id}_low"] == at.session_state[f"rv_{job.id}_threshold"]
    assert "cannot be above the threshold" in texts(at)


def test_review_search(job):
    at = _open(job)
    at.text_input(key=f"rt_{job.id}_search").input("Karimov")
    at.run()
    table = at.dataframe[0].value
    assert len(table) >= 1
    assert all("karimov" in " ".join(map(str, row)).lower() for row in table.itertuples())

    at.text_input(key=f"rt_{job.id}_search").input("no such person anywhere")
    at.run()
    assert "No row contains this text" in texts(at)


def test_review_unmatched_reason(job):
    at = _open(job)
    at.radio(key=f"rt_{job.id}_type@en").set_value("unmatched_1")
    at.run()
    table = at.dataframe[0].value
    assert set(table["why unmatched"]) <= {"no candidate", "best below threshold", "best taken by another",
                                           "waiting for review", "rejected"}
    assert len(table) == job.summary["counts"]["unmatched_1"]
    for engine_column in ("unmatched_reason", "best_candidate_row", "best_candidate_score"):
        assert engine_column not in table.columns
    assert "best candidate (row in file 2)" in table.columns


def test_review_table_uzbek(job):
    # AppTest formats choice widgets outside the session, in English, so the Uzbek page is
    # opened on the wanted result instead of switching to it with the radio.
    at = _open(job, lang="uz")
    matched = at.dataframe[0].value
    assert "ishonch" in matched.columns
    assert "confidence_score" not in matched.columns
    assert not [name for name in matched.columns if name.startswith("score_")]

    at = _open(job, lang="uz", **{f"rt_{job.id}_type": "unmatched_1"})
    table = at.dataframe[0].value
    reasons = set(table["nega mos kelmadi"])
    assert reasons
    assert reasons <= {"nomzod yoʻq", "eng yaxshisi chegaradan past", "eng yaxshisi boshqasiga berilgan",
                       "koʻrib chiqishni kutmoqda", "rad etilgan"}
    assert "unmatched_reason" not in table.columns


def _records(name: str) -> list[dict]:
    path = EXAMPLES / name
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return list(csv.DictReader(path.open(encoding="utf-8")))


@pytest.mark.parametrize(("file_type", "other_file", "other_column"), [
    ("unmatched_1", "data2.json", "full_name"),
    ("unmatched_2", "data1.csv", "name"),
])
def test_review_candidate_values(job, store, file_type, other_file, other_column):
    at = AppTest.from_file(str(Path(__file__).with_name("candidate_app.py")), default_timeout=TIMEOUT_S)
    at.session_state["job_dir"] = str(store.workspace.job_dir(1, job.id))
    at.session_state["file_type"] = file_type
    at.run()
    assert not at.exception
    shown = at.session_state["shown_row"]
    other = 2 if file_type == "unmatched_1" else 1
    assert f"row {shown['best']} of file {other}" in at.info[0].value

    tables = "\n".join(m.value for m in at.markdown)
    assert f"Candidate (file {other}, row {shown['best']})" in tables
    plain = html.unescape(re.sub(r"<[^>]+>", "", tables))
    candidate = _records(other_file)[shown["best"] - 1][other_column]
    assert candidate in plain


def test_review_threshold_rule_shown(job):
    at = _open(job)
    assert "The low-confidence threshold cannot be above the threshold" in "\n".join(c.value for c in at.caption)


def _drop_input_2(store, job) -> None:
    """Rename a table that selection and result pages read, so their SQL steps raise RuntimeError."""
    path = store.workspace.job_dir(1, job.id) / "job.duckdb"
    # The app in this process keeps its connection to the file open, in another mode.
    connection_cache.close(path)
    with duckdb.connect(str(path)) as con:
        # The row-id index depends on the table, so it goes first.
        con.execute("DROP INDEX IF EXISTS input_2_row")
        con.execute("ALTER TABLE input_2 RENAME TO input_2_gone")


def test_review_engine_error_no_traceback(job, store, caplog):
    at = _open(job)
    _drop_input_2(store, job)
    caplog.set_level(logging.WARNING, logger="ui.views.review")

    at.slider(key=f"rv_{job.id}_threshold").set_value(95.0)
    at.run()
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert "The change was not saved" in errors
    assert "SQL step" not in texts(at)
    assert any("re-selection failed" in record.getMessage() for record in caplog.records)


def test_review_engine_error_uzbek(job, store):
    _drop_input_2(store, job)
    at = _open(job, lang="uz")
    assert not at.exception
    assert "Natijalarning bu sahifasini oʻqib boʻlmadi" in "\n".join(e.value for e in at.error)
    assert "SQL step" not in texts(at)


def test_review_accept_page_persists(job):
    at = _open(job)
    at.slider(key=f"rv_{job.id}_threshold").set_value(95.0)
    at.run()
    moved = _counts(at)
    at.radio(key=f"rt_{job.id}_type@en").set_value("low_confidence")
    at.run()
    at.button(key=f"review.accept_page_{job.id}").click()
    at.run()
    assert not at.exception
    decided = _counts(at)
    assert decided["To review"] == 0
    assert decided["Matched"] == moved["Matched"] + moved["To review"]
    assert f"Accepted {moved['To review']} pair(s)" in texts(at)

    # A new session (as after a restart) shows the decisions, and a new threshold keeps them.
    again = _open(job)
    assert _counts(again)["Matched"] == decided["Matched"]
    again.slider(key=f"rv_{job.id}_threshold").set_value(99.0)
    again.run()
    assert _counts(again)["Matched"] >= moved["To review"]


def test_review_reject_selected(job):
    at = _open(job)
    at.slider(key=f"rv_{job.id}_threshold").set_value(95.0)
    at.run()
    at.radio(key=f"rt_{job.id}_type@en").set_value("low_confidence")
    at.run()
    moved = _counts(at)
    at.button(key=f"review.reject_page_{job.id}").click()
    at.run()
    rejected = _counts(at)
    assert rejected["To review"] == 0
    assert rejected["Matched"] == moved["Matched"]
    at.radio(key=f"rt_{job.id}_type@en").set_value("unmatched_1")
    at.run()
    assert "rejected" in set(at.dataframe[0].value["why unmatched"])


def test_review_without_job(store):
    at = logged_in(page="review")
    at.run()
    assert "No job yet" in texts(at)


def test_review_results_removed(job, store):
    (store.workspace.job_dir(1, job.id) / "job.duckdb").unlink()
    at = _open(job)
    assert not at.exception
    assert "cannot be read" in "\n".join(e.value for e in at.error)
    assert "run it again" in "\n".join(e.value for e in at.error)


def test_review_large_weight(store):
    config = {**SAMPLE_CONFIG, "mappings": [
        {"file1_col": "name", "file2_col": "full_name", "weight": 25},
        {"file1_col": "city", "file2_col": "city", "match_type": "exact"}]}
    job = finished_job(store, config)
    at = _open(job)
    assert not at.exception
    weight = at.slider(key=f"rv_{job.id}_weight_0")
    assert weight.value == 25
    weight.set_value(5.0)
    at.run()
    assert not at.exception
    assert at.session_state[f"rv_{job.id}_weight_0"] == 5.0


def test_review_follows_other_session(job, store):
    at = _open(job)
    reselect(store.workspace.job_dir(1, job.id), threshold=97.0, low_confidence_threshold=91.0)
    at.run()
    assert at.session_state[f"rv_{job.id}_threshold"] == 97.0
    assert at.session_state[f"rv_{job.id}_low"] == 91.0
    counts = _counts(at)
    assert counts["To review"] > 0


def test_review_page_number_per_result(job):
    at = _open(job)
    prefix = f"rt_{job.id}_"
    at.number_input(key=prefix + "page_matched").set_value(5)
    at.run()
    assert "There are only 1 page(s)" in texts(at)

    at.radio(key=prefix + "type@en").set_value("unmatched_1")
    at.run()
    assert "There are only" not in texts(at)
    assert at.number_input(key=prefix + "page_unmatched_1").value == 1

    at.radio(key=prefix + "type@en").set_value("matched")
    at.text_input(key=prefix + "search").input("Karimov")
    at.run()
    assert at.number_input(key=prefix + "page_matched").value == 1
    assert "There are only" not in texts(at)


@pytest.mark.parametrize(("language", "expected"), [("en", None), ("uz", "replace(format(datum.value, ','), /,/g, '\u00a0')")])
def test_histogram_counts_grouped_by_language(job, language, expected):
    at = _open(job, lang=language)
    charts = at.get("vega_lite_chart")
    assert charts
    spec = json.loads(charts[0].proto.spec)
    axes = [layer["encoding"]["y"].get("axis", {}) for layer in spec["layer"] if "y" in layer.get("encoding", {})]
    assert [axis.get("labelExpr") for axis in axes] == [expected]


def test_missing_value_shown_as_counted_score():
    # With missing_value_score set, the details show what a missing value counted as.
    assert _score(None) == "missing (not counted)"
    assert _score(None, 50.0) == "missing (counted as 50)"
    assert _score(85.5, 50.0) == "85.5"
