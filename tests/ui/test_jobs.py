"""Jobs page: history from both faces, downloads in every format with decisions, delete, clean-up."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from engine.review import decide, review_page
from engine.store import new_id
from tests.ui.conftest import (
    SAMPLE_CONFIG,
    finished_job,
    logged_in,
    run_job,
    sample_upload,
    texts,
)
from ui.housekeeping import export_bytes
from ui.i18n import catalogue

# Both files lack a column this config names, so the job fails with one message per column.
MISSING_COLUMNS_CONFIG = {**SAMPLE_CONFIG, "output_cols2": ["full_name", "fax"],
                          "mappings": [{"file1_col": "nickname", "file2_col": "full_name", "match_type": "fuzzy"}]}


@pytest.fixture
def job(store):
    return finished_job(store)


def _rows(data: bytes, fmt: str) -> list[dict]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    if fmt == "json":
        return json.loads(data)
    if fmt == "parquet":
        return pq.read_table(io.BytesIO(data)).to_pylist()
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    header, *body = list(sheet.values)
    return [dict(zip(header, row)) for row in body]


def test_jobs_history_and_buttons(job):
    at = logged_in(page="jobs")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Job"]) == [job.id[:8]]
    assert list(table["Status"]) == ["completed"]
    assert list(table["Message"]) == ["Finished"]
    labels = [button.label for button in at.get("download_button")]
    assert labels == ["Matched", "To review", "Unmatched in file 1", "Unmatched in file 2"]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet"])
def test_download_formats(job, store, fmt):
    job_dir = store.workspace.job_dir(1, job.id)
    rows = _rows(export_bytes(job_dir, "matched", fmt), fmt)
    assert len(rows) == job.summary["counts"]["matched"]
    assert {"f1_name", "f2_full_name", "confidence_score"} <= set(rows[0])


def test_download_includes_decisions(job, store):
    job_dir = store.workspace.job_dir(1, job.id)
    at = logged_in(page="review", job_id=job.id)
    at.run()
    at.slider(key=f"rv_{job.id}_threshold").set_value(95.0)
    at.run()
    low = review_page(job_dir, "low_confidence", per_page=10)["data"]
    assert low, "the sample pair should leave pairs between 90 and 95 to review"
    decide(job_dir, [(low[0]["_r1"], low[0]["_r2"])], "accept")

    rows = _rows(export_bytes(job_dir, "matched", "csv"), "csv")
    names = {row["f1_name"] for row in rows}
    assert low[0]["f1_name"] in names
    assert len(rows) == review_page(job_dir, "matched", per_page=1)["total"]


def test_jobs_delete(job, store):
    at = logged_in(page="jobs", job_id=job.id)
    at.run()
    assert at.button(key="jobs_delete").disabled
    at.checkbox(key=f"jobs_confirm_{job.id}").check()
    at.run()
    at.button(key="jobs_delete").click()
    at.run()
    assert store.jobs.get(1, job.id) is None
    assert not store.workspace.job_dir(1, job.id).exists()
    assert "No jobs yet" in texts(at)


def test_jobs_clean_up(job, store):
    at = logged_in(page="jobs")
    at.run()
    at.checkbox(key="jobs_cleanup_confirm").check()
    at.run()
    at.button(key="jobs_cleanup").click()
    at.run()
    assert store.jobs.list_for(1) == []
    assert store.uploads.list_for(1) == []
    assert "Deleted 1 job(s) and 1 upload(s)" in texts(at)


def test_jobs_other_user_hidden(job, store):
    store.users.create("nodira", "s3cret-pass")
    at = logged_in(username="nodira", page="jobs")
    at.run()
    assert "No jobs yet" in texts(at)


@pytest.mark.parametrize(("language", "message", "summary"), [
    ("en", "Failed: pick the job below to see why", "Job {job_id} failed."),
    ("uz", "Bajarilmadi: sababini koʻrish uchun vazifani quyida tanlang", "{job_id} vazifasi bajarilmadi."),
])
def test_jobs_failed_translated(store, language, message, summary):
    upload = sample_upload(store)
    job = store.jobs.create(new_id(), 1, upload.id, {"mappings": []}, "broken")
    store.jobs.finish(job.id, "failed", "column 'x' is not in file 1")
    at = logged_in(page="jobs", lang=language, job_id=job.id)
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, -1]) == [message]
    assert summary.format(job_id=job.id[:8]) in "\n".join(e.value for e in at.error)
    assert "column 'x' is not in file 1" in "\n".join(c.value for c in at.code)


@pytest.mark.parametrize(("language", "uzbek_words"), [("en", None), ("uz", "ustuni 1-faylda yoʻq")])
def test_jobs_failed_engine_message(store, language, uzbek_words):
    job = run_job(store, MISSING_COLUMNS_CONFIG)
    assert job.status == "failed"
    at = logged_in(page="jobs", lang=language, job_id=job.id)
    at.run()
    assert not at.exception

    template = catalogue(language)["config.missing_column"]
    expected = [template.format(**error["params"]) for error in job.summary["errors"]]
    detail_text = "\n".join(c.value for c in at.code)
    assert detail_text == "\n".join(expected)
    assert catalogue(language)["failure.detail_label"] in texts(at)
    assert catalogue(language)["failure.detail_label_english"] not in texts(at)
    if uzbek_words:
        assert uzbek_words in detail_text
        assert job.message not in detail_text
    else:
        assert detail_text == "\n".join(error["text"] for error in job.summary["errors"])
