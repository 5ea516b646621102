import os
import time

import pytest

from engine.store import Store, StoredFile, new_id
from engine.store.workspace import check_output_name


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path)
    store.users.create("aziz", "secret-1")
    store.users.create("bekzod", "secret-1")
    return store


def _add_upload(store, user_id):
    upload_id = new_id()
    files = [StoredFile(1, "people.csv", f"file1_{new_id()}.csv", "csv", "utf-8", ",", 10),
             StoredFile(2, "other.json", f"file2_{new_id()}.json", "json", "utf-8", None, 20)]
    return store.uploads.add(user_id, upload_id, files)


def test_upload_belongs_to_owner(store):
    aziz, bekzod = store.users.get("aziz"), store.users.get("bekzod")
    upload = _add_upload(store, aziz.id)
    assert store.uploads.get(aziz.id, upload.id) == upload
    assert store.uploads.get(bekzod.id, upload.id) is None
    assert store.uploads.latest(bekzod.id) is None


def test_latest_upload(store):
    aziz = store.users.get("aziz")
    _add_upload(store, aziz.id)
    second = _add_upload(store, aziz.id)
    assert store.uploads.latest(aziz.id).id == second.id
    assert [item.original_name for item in second.files] == ["people.csv", "other.json"]
    assert second.path(2).parent == store.workspace.upload_dir(aziz.id, second.id)


def test_job_lifecycle(store):
    aziz, bekzod = store.users.get("aziz"), store.users.get("bekzod")
    upload = _add_upload(store, aziz.id)
    job = store.jobs.create(new_id(), aziz.id, upload.id, {"threshold": 80}, "matched_results")
    assert job.status == "starting"
    assert store.jobs.get(bekzod.id, job.id) is None

    store.jobs.update_progress(job.id, stage="scoring", percent=40, message="Scoring", elapsed=1.5, remaining=2.0)
    running = store.jobs.get(aziz.id, job.id)
    assert (running.status, running.progress, running.remaining) == ("processing", 40, 2.0)

    store.jobs.finish(job.id, "completed", "done", {"counts": {"matched": 3}})
    finished = store.jobs.get(aziz.id, job.id)
    assert (finished.status, finished.progress, finished.summary) == ("completed", 100, {"counts": {"matched": 3}})

    store.jobs.update_progress(job.id, stage="late", percent=50, message="late", elapsed=2, remaining=1)
    assert store.jobs.get(aziz.id, job.id).status == "completed"
    assert store.jobs.request_cancel(job.id) is False


def test_job_time_grows_without_updates(store):
    aziz = store.users.get("aziz")
    upload = _add_upload(store, aziz.id)
    job = store.jobs.create(new_id(), aziz.id, upload.id, {}, "a")
    first = store.jobs.get(aziz.id, job.id).seconds_since_created
    time.sleep(0.2)
    waiting = store.jobs.get(aziz.id, job.id).seconds_since_created
    assert waiting >= first + 0.2

    store.jobs.finish(job.id, "cancelled", "stopped")
    ended = store.jobs.get(aziz.id, job.id).seconds_since_created
    time.sleep(0.1)
    assert store.jobs.get(aziz.id, job.id).seconds_since_created == ended


def test_fail_orphans(store):
    aziz = store.users.get("aziz")
    upload = _add_upload(store, aziz.id)
    running = store.jobs.create(new_id(), aziz.id, upload.id, {}, "a")
    done = store.jobs.create(new_id(), aziz.id, upload.id, {}, "b")
    store.jobs.finish(done.id, "completed", "done", {})

    assert store.jobs.fail_orphans("the server restarted") == [running.id]
    assert store.jobs.get(aziz.id, running.id).status == "failed"
    assert store.jobs.get(aziz.id, running.id).message == "the server restarted"
    assert store.jobs.get(aziz.id, done.id).status == "completed"


@pytest.mark.parametrize("name, allowed", [
    ("matched_results", True),
    ("run-2.v1", True),
    ("../escape", False),
    ("a/b", False),
    ("/etc", False),
    ("a..b", False),
    ("", False),
    (".hidden", False),
])
def test_output_name_cases(name, allowed):
    if allowed:
        assert check_output_name(name) == name
    else:
        with pytest.raises(ValueError):
            check_output_name(name)


def test_fail_orphans_spares_live_runner(store):
    aziz = store.users.get("aziz")
    upload = _add_upload(store, aziz.id)
    job = store.jobs.create(new_id(), aziz.id, upload.id, {}, "a")
    with store.db.connect() as con:
        con.execute("UPDATE jobs SET runner_pid = ? WHERE id = ?", (os.getppid(), job.id))

    assert store.jobs.fail_orphans("the server restarted") == []
    assert store.jobs.get(aziz.id, job.id).status == "starting"
