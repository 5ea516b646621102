"""Run page: start a match from the mapping, follow its progress, see the counts, cancel."""

import csv
import time

import pytest

from engine.store import new_id
from tests.jobs.pairs import NAME_CONFIG, write_pair
from tests.ui.conftest import (
    SAMPLE_CONFIG,
    TIMEOUT_S,
    logged_in,
    run_job,
    sample_upload,
    texts,
)
from ui.i18n import catalogue

# Maps name -> full_name with the date method on city -> city, whose values are not dates, and
# lets auto_weights choose the weights. The job then notes the date method, the candidate pairs
# and the weights.
DATE_AUTO_WEIGHTS_CONFIG = {**SAMPLE_CONFIG, "auto_weights": True, "mappings": [
    {"file1_col": "name", "file2_col": "full_name", "match_type": "fuzzy"},
    {"file1_col": "city", "file2_col": "city", "match_type": "fuzzy", "fuzzy_method": "date"}]}


def _wait_finished(at, store):
    deadline = time.monotonic() + TIMEOUT_S
    while store.jobs.latest(1).active:
        assert time.monotonic() < deadline, "the job did not finish in time"
        time.sleep(0.3)
    return at.run()


def _run_page(store):
    """Upload the sample pair, accept the suggested mapping and open the run page."""
    sample_upload(store)
    return _open_run_page()


def _open_run_page(at=None):
    """Accept the suggested mapping of the latest upload and open the run page."""
    at = at or logged_in()
    at.session_state["page"] = "mapping"
    at.run()
    at.radio(key="page@en").set_value("run")
    return at.run()


def test_run_sample_pair(store):
    at = _run_page(store)
    assert "data1.csv with data2.json" in texts(at)
    at.button(key="run_start").click()
    at.run()
    assert not at.exception
    job = store.jobs.latest(1)
    assert job is not None
    assert at.session_state["job_id"] == job.id
    assert at.button(key="run_start").disabled

    _wait_finished(at, store)
    counts = store.jobs.latest(1).summary["counts"]
    assert f"Finished: {counts['matched']} matched" in texts(at)
    assert at.button(key="run_start").disabled
    assert f"ran as job {job.id[:8]}, below" in texts(at)
    assert counts["matched"] > 0
    notes = store.jobs.latest(1).summary["notes"]
    assert any(notes[0] in block.value for block in at.code)
    at.button(key="run_review").click()
    at.run()
    assert at.session_state["page"] == "review"


def _finished_run(store):
    """Start the sample match on the run page, wait for it to end and return the page and job."""
    at = _run_page(store)
    at.button(key="run_start").click()
    at.run()
    _wait_finished(at, store)
    return at, store.jobs.latest(1)


def test_run_names_a_running_job(store):
    at, finished = _finished_run(store)
    # A job of the same upload and config that has not started yet, as right after the click.
    waiting = store.jobs.create(new_id(), 1, finished.upload_id, finished.config, "again")
    at.session_state["job_id"] = waiting.id
    at.run()

    assert f"running as job {waiting.id[:8]}" in texts(at)
    assert "ran as job" not in texts(at)


def test_run_without_mapping(store):
    at = logged_in(page="run")
    at.run()
    assert "Upload two files first" in texts(at)
    sample_upload(store)
    at.run()
    assert "Map the columns first" in texts(at)


def test_run_cancel_other_face(store):
    """A job that another process (the API) runs shows here with its progress and can be cancelled."""
    upload = sample_upload(store)
    at = logged_in(page="run")
    at.run()  # the app's runner starts first and recovers jobs that dead runners left
    job = store.jobs.create(new_id(), 1, upload.id, {"mappings": []}, "from_api")
    store.jobs.update_progress(job.id, stage="scoring", percent=42.0, message="Scoring name -> full_name",
                               elapsed=3.0, remaining=4.0)
    at.session_state["job_id"] = job.id
    at.run()
    assert not at.exception
    assert at.get("progress")[0].value == 42
    assert "Scoring pairs: 42% — about 4 s left" in at.get("progress")[0].proto.text

    at.button(key="run_cancel").click()
    at.run()
    assert store.jobs.cancel_requested(job.id)
    assert "Cancelling" in texts(at)


def test_run_start_enabled_after_failure(store):
    """A failed job of the same upload and mapping leaves "Start matching" enabled."""
    at, job = _finished_run(store)
    assert at.button(key="run_start").disabled

    # As if the job had failed: the same upload and mapping may run again.
    store.jobs.finish(job.id, "failed", "column 'x' is not in file 1")
    at.run()
    assert not at.exception
    assert not at.button(key="run_start").disabled
    assert "The job failed." in "\n".join(e.value for e in at.error)
    assert "column 'x' is not in file 1" in "\n".join(c.value for c in at.code)


def test_run_budget_failure_uzbek(store, tmp_path):
    # 1,000 rows a file is past the size the engine compares in full, so blocking checks its
    # estimate against this budget and the job fails.
    first, second = write_pair(tmp_path / "pair", 1_000)
    upload = sample_upload(store, names=(first.name, second.name), folder=first.parent)
    job = run_job(store, {**NAME_CONFIG, "performance": {"max_candidate_pairs": 1}}, upload=upload)
    assert job.status == "failed"
    assert job.summary["errors"][0]["key"] == "budget.too_many_pairs"

    at = logged_in(page="run", lang="uz", job_id=job.id)
    at.run()
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert catalogue("uz")["run.failed"] in errors
    detail_text = "\n".join(c.value for c in at.code)
    params = job.summary["errors"][0]["params"]
    assert detail_text == catalogue("uz")["budget.too_many_pairs"].format(**params)
    assert "Blocking koʻpi bilan" in detail_text
    assert "over the budget" not in detail_text
    assert catalogue("uz")["failure.detail_label"] in texts(at)


def _assert_no_job_panel(at, job):
    assert not at.exception
    assert [header.value for header in at.subheader] == []
    assert job.id[:8] not in texts(at)
    assert not at.button(key="run_start").disabled


def test_run_hides_other_upload_job(store):
    """The user's latest job, started through the API on another upload, is not this mapping's job."""
    other = run_job(store, SAMPLE_CONFIG)
    at = _run_page(store)
    assert other.upload_id != at.session_state["upload_id"]
    _assert_no_job_panel(at, other)


def test_run_hides_other_config_job(store):
    """A job of the same upload with another config is not this mapping's job."""
    upload = sample_upload(store)
    other = run_job(store, SAMPLE_CONFIG, upload=upload)
    at = _open_run_page()
    assert at.session_state["upload_id"] == upload.id
    _assert_no_job_panel(at, other)


def test_run_hides_job_shown_on_review(store):
    """The latest job that the review page shows unasked does not become the run page's job."""
    upload = sample_upload(store)
    other = run_job(store, SAMPLE_CONFIG, upload=upload)
    at = logged_in(page="review")
    at.run()
    assert f"Job {other.id[:8]}" in texts(at)
    _assert_no_job_panel(_open_run_page(at), other)


def test_run_shows_job_of_mapping(store):
    """A job of this upload and mapping that an earlier session started shows as this mapping's job."""
    _, job = _finished_run(store)
    at = _open_run_page()
    assert not at.exception
    started = job.created_at[:19].replace("T", " ")
    assert [header.value for header in at.subheader] == [f"Job {job.id[:8]} (started {started})"]
    assert f"ran as job {job.id[:8]}, below" in texts(at)
    assert at.button(key="run_start").disabled
    assert catalogue("en")["run.other_mapping"] not in texts(at)


def test_run_labels_followed_job(store):
    """A job of another mapping, followed from the jobs page, shows with a note that it is not this mapping's."""
    upload = sample_upload(store)
    other = run_job(store, SAMPLE_CONFIG, upload=upload)
    at = _open_run_page()
    at.radio(key="page@en").set_value("jobs")
    at.run()
    at.button(key="jobs_follow").click()
    at.run()
    assert not at.exception
    assert at.session_state["page"] == "run"
    assert f"Job {other.id[:8]}" in texts(at)
    assert catalogue("en")["run.other_mapping"] in texts(at)
    assert not at.button(key="run_start").disabled


def _cyrillic_latin_upload(store, folder):
    """Upload four names in Cyrillic (file 1) and the same names in Latin script (file 2)."""
    cyrillic = ["Алишер Қодиров", "Нодира Каримова", "Бобур Раҳимов", "Дилноза Юсупова"]
    latin = ["Alisher Qodirov", "Nodira Karimova", "Bobur Rahimov", "Dilnoza Yusupova"]
    folder.mkdir()
    for name, column, values in (("cyrillic.csv", "name", cyrillic), ("latin.csv", "full_name", latin)):
        with (folder / name).open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow([column])
            writer.writerows([value] for value in values)
    return sample_upload(store, names=("cyrillic.csv", "latin.csv"), folder=folder)


NOTES_CASES = [
    ("sample", "en", "Notes from the engine (1, in English): candidate pairs"),
    ("date_auto_weights", "en",
     "Notes from the engine (3, in English): date method, candidate pairs, auto_weights"),
    ("date_auto_weights", "uz",
     "Dastur eslatmalari (3 ta, ingliz tilida): sana usuli, nomzod juftliklar, auto_weights"),
    ("script", "en", "Notes from the engine (2, in English): script conversion, candidate pairs"),
]


@pytest.mark.parametrize(("case", "language", "title"), NOTES_CASES)
def test_notes_title_names_topics(store, tmp_path, case, language, title):
    """The notes expander's title names only the topics of the notes it contains."""
    if case == "script":
        upload = _cyrillic_latin_upload(store, tmp_path / "files")
        job = run_job(store, NAME_CONFIG, upload=upload)
    else:
        job = run_job(store, DATE_AUTO_WEIGHTS_CONFIG if case == "date_auto_weights" else SAMPLE_CONFIG)
    assert job.status == "completed", job.message

    at = logged_in(page="run", lang=language, job_id=job.id)
    at.run()
    assert not at.exception
    assert [expander.label for expander in at.expander] == [title]
    assert at.expander[0].proto.expanded == (case == "date_auto_weights")
    assert at.code[0].value == "\n".join(job.summary["notes"])


@pytest.mark.parametrize(("language", "finished"), [("en", "Finished: 1,200 matched"),
                                                    ("uz", "Tugadi: 1\u00a0200 ta mos")])
def test_run_groups_large_counts(store, tmp_path, language, finished):
    """Counts of a thousand or more show digit groups in the session's language."""
    folder = tmp_path / "files"
    folder.mkdir()
    names = [f"Person{number:04d} Family{number % 97:02d}" for number in range(1200)]
    for name, column in (("one.csv", "name"), ("two.csv", "full_name")):
        with (folder / name).open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow([column])
            writer.writerows([value] for value in names)
    job = run_job(store, NAME_CONFIG, upload=sample_upload(store, names=("one.csv", "two.csv"),
                                                           folder=folder))
    assert job.status == "completed", job.message
    assert job.summary["counts"]["matched"] == 1200

    at = logged_in(page="run", lang=language, job_id=job.id)
    at.run()
    assert not at.exception
    assert finished in texts(at)


def test_run_after_reload_uses_saved_mapping(store):
    sample_upload(store)
    mapping = logged_in(page="mapping")
    mapping.run()

    reloaded = logged_in(page="run")
    reloaded.run()
    assert not reloaded.exception
    assert "Map the columns first" not in texts(reloaded)
    assert "run_start" in [button.key for button in reloaded.button]


def test_run_progress_under_a_second_left(store):
    upload = sample_upload(store)
    at = logged_in(page="run")
    at.run()
    job = store.jobs.create(new_id(), 1, upload.id, {"mappings": []}, "from_api")
    store.jobs.update_progress(job.id, stage="blocking", percent=55.0, message="Finding candidate pairs",
                               elapsed=0.5, remaining=0.4)
    at.session_state["job_id"] = job.id
    at.run()
    assert "55% — less than a second left" in at.get("progress")[0].proto.text
