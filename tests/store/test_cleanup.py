"""Deleting jobs and cleaning up: finished jobs go, running jobs and the uploads they read stay."""

import io

import pytest

from engine.store import Store, new_id
from engine.store.cleanup import clean_up, delete_job
from engine.store.errors import JobNotFound
from engine.store.intake import IncomingFile, store_pair

PEOPLE = b"name,city\nAlisher Karimov,Toshkent\n"


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path)
    store.users.create("aziz", "secret-1")
    store.users.create("bekzod", "secret-1")
    return store


def _upload(store, user_id=1):
    files = [IncomingFile(name, io.BytesIO(PEOPLE)) for name in ("a.csv", "b.csv")]
    return store_pair(store, user_id, files, 1024 * 1024)


def _job(store, upload, status="completed", result_files=2):
    """A job of `upload` in `status`, with `result_files` files in its result folder and a job file."""
    job = store.jobs.create(new_id(), upload.user_id, upload.id, {"threshold": 80}, "matched")
    result_dir = store.workspace.result_dir(upload.user_id, job.id, "matched")
    result_dir.mkdir(parents=True)
    for number in range(result_files):
        (result_dir / f"part{number}.csv").write_text("id\n1\n")
    job_dir = store.workspace.job_dir(upload.user_id, job.id)
    job_dir.mkdir(parents=True)
    (job_dir / "job.duckdb").write_bytes(b"db")
    if status == "processing":
        store.jobs.update_progress(job.id, stage="scoring", percent=40, message="Scoring", elapsed=1, remaining=1)
    elif status != "starting":
        store.jobs.finish(job.id, status, status)
    return store.jobs.get(upload.user_id, job.id)


def test_delete_job_removes_files(store):
    job = _job(store, _upload(store), result_files=3)
    assert delete_job(store, job) == 3
    assert store.jobs.get(1, job.id) is None
    assert not store.workspace.result_dir(1, job.id, "matched").exists()
    assert not store.workspace.job_dir(1, job.id).exists()
    assert store.uploads.get(1, job.upload_id) is not None


def test_clean_up_everything(store):
    first, second = _upload(store), _upload(store)
    _job(store, first, "completed", result_files=2)
    _job(store, first, "failed", result_files=0)
    _job(store, second, "cancelled", result_files=1)
    spare = _upload(store)

    counts = clean_up(store, 1)
    assert (counts.jobs, counts.uploads) == (3, 3)
    assert (counts.result_files, counts.upload_files) == (3, 6)
    assert store.jobs.list_for(1) == []
    assert store.uploads.list_for(1) == []
    assert not spare.folder.exists()


@pytest.mark.parametrize("status", ["starting", "processing"])
def test_clean_up_keeps_running(store, status):
    busy, idle = _upload(store), _upload(store)
    running = _job(store, busy, status)
    done = _job(store, busy, "completed", result_files=2)
    _job(store, idle, "completed", result_files=1)

    counts = clean_up(store, 1)
    assert (counts.jobs, counts.uploads) == (2, 1)
    assert (counts.result_files, counts.upload_files) == (3, 2)
    assert [job.id for job in store.jobs.list_for(1)] == [running.id]
    assert store.uploads.get(1, busy.id) is not None
    assert busy.path(1).is_file()
    assert store.workspace.result_dir(1, running.id, "matched").is_dir()
    assert store.jobs.get(1, done.id) is None
    assert store.uploads.get(1, idle.id) is None


def test_clean_up_one_job(store):
    kept_upload, upload = _upload(store), _upload(store)
    kept = _job(store, kept_upload, "completed", result_files=2)
    job = _job(store, upload, "completed", result_files=4)

    counts = clean_up(store, 1, job.id)
    assert (counts.jobs, counts.uploads, counts.result_files, counts.upload_files) == (1, 1, 4, 2)
    assert store.jobs.get(1, job.id) is None
    assert store.uploads.get(1, upload.id) is None
    assert store.jobs.get(1, kept.id) is not None
    assert kept_upload.path(1).is_file()


def test_clean_up_one_running(store):
    upload = _upload(store)
    job = _job(store, upload, "processing")
    counts = clean_up(store, 1, job.id)
    assert (counts.jobs, counts.uploads, counts.result_files, counts.upload_files) == (0, 0, 0, 0)
    assert store.jobs.get(1, job.id) is not None
    assert upload.path(1).is_file()


def test_clean_up_one_keeps_shared(store):
    """An upload that another, running job reads stays, though the cleaned job used it too."""
    upload = _upload(store)
    _job(store, upload, "processing")
    job = _job(store, upload, "completed", result_files=1)
    counts = clean_up(store, 1, job.id)
    assert (counts.jobs, counts.uploads, counts.result_files) == (1, 0, 1)
    assert upload.path(1).is_file()


@pytest.mark.parametrize("other_status", ["completed", "failed"])
def test_clean_up_one_keeps_finished_shared(store, other_status):
    """An upload that another, finished job also used stays with that job."""
    upload = _upload(store)
    other = _job(store, upload, other_status)
    job = _job(store, upload, "completed", result_files=1)
    counts = clean_up(store, 1, job.id)
    assert (counts.jobs, counts.uploads, counts.result_files) == (1, 0, 1)
    assert upload.path(1).is_file()
    assert store.jobs.get(1, other.id) is not None


def test_clean_up_other_user_job(store):
    job = _job(store, _upload(store, user_id=1))
    with pytest.raises(JobNotFound):
        clean_up(store, 2, job.id)
    assert store.jobs.get(1, job.id) is not None


def test_clean_up_leaves_other_users(store):
    mine, theirs = _upload(store, 1), _upload(store, 2)
    _job(store, theirs)
    clean_up(store, 1)
    assert store.uploads.get(1, mine.id) is None
    assert store.uploads.get(2, theirs.id) is not None
    assert len(store.jobs.list_for(2)) == 1
