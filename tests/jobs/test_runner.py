import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from engine.jobs import JobRunner
from engine.store import Store, StoredFile, new_id
from engine.store.workspace import count_files
from tests.jobs.pairs import NAME_CONFIG, write_pair

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SAMPLE_CONFIG = {
    "mappings": [{"file1_col": "name", "file2_col": "full_name", "match_type": "fuzzy"}],
    "output_cols1": ["name", "age"], "output_cols2": ["full_name", "email"], "threshold": 80,
}


class Events:
    """Collects runner events and lets a test wait for a job's final one."""

    def __init__(self):
        self.seen: list[tuple[str, str, str]] = []
        self.finished = threading.Condition()

    def __call__(self, event, job):
        with self.finished:
            self.seen.append((event, job.id, job.status))
            self.finished.notify_all()

    def wait_final(self, job_id: str, timeout_s: float = 60) -> str:
        with self.finished:
            done = self.finished.wait_for(lambda: self._final(job_id), timeout=timeout_s)
        assert done, f"job {job_id} did not finish within {timeout_s} s; events: {self.seen}"
        return self._final(job_id)

    def _final(self, job_id):
        finals = [event for event, seen_id, _ in self.seen if seen_id == job_id and event != "progress"]
        return finals[-1] if finals else None


@pytest.fixture
def setup(tmp_path):
    store = Store.open(tmp_path / "data")
    user = store.users.create("aziz", "secret-1")
    events = Events()
    runner = JobRunner(store, max_concurrent=2, listener=events)
    yield store, user, runner, events
    runner.shutdown()


def _upload(store, user, first: Path, second: Path):
    upload_id = new_id()
    folder = store.workspace.upload_dir(user.id, upload_id)
    folder.mkdir(parents=True)
    files = []
    for slot, source in ((1, first), (2, second)):
        stored_name = f"file{slot}_{new_id()}{source.suffix}"
        (folder / stored_name).write_bytes(source.read_bytes())
        files.append(StoredFile(slot, source.name, stored_name, source.suffix[1:], "utf-8", None, source.stat().st_size))
    return store.uploads.add(user.id, upload_id, files)


def test_job_completes(setup):
    store, user, runner, events = setup
    upload = _upload(store, user, EXAMPLES / "data1.csv", EXAMPLES / "data2.json")
    job = runner.start(user.id, upload, SAMPLE_CONFIG, "matched_results")

    assert events.wait_final(job.id) == "completed"
    finished = store.jobs.get(user.id, job.id)
    assert finished.status == "completed"
    assert finished.progress == 100
    assert finished.summary["counts"]["matched"] == 27
    assert (runner.result_dir(finished) / finished.summary["files"]["matched"]).is_file()
    assert (store.workspace.job_dir(user.id, job.id) / "job.duckdb").is_file()
    assert [event for event, job_id, _ in events.seen if job_id == job.id].count("progress") >= 1


def test_bad_input_fails(setup, tmp_path):
    store, user, runner, events = setup
    broken = tmp_path / "broken.csv"
    broken.write_text("name,age\n", encoding="utf-8")
    upload = _upload(store, user, broken, EXAMPLES / "data2.json")
    job = runner.start(user.id, upload, SAMPLE_CONFIG, "out")

    assert events.wait_final(job.id) == "failed"
    failed = store.jobs.get(user.id, job.id)
    assert failed.message
    assert "Traceback" not in failed.message
    assert count_files(runner.result_dir(failed)) == 0


def test_cancel_removes_output(setup, tmp_path):
    store, user, runner, events = setup
    upload = _upload(store, user, *write_pair(tmp_path / "pair", 20_000))
    job = runner.start(user.id, upload, NAME_CONFIG, "out")
    _wait_status(store, user, job.id, "processing")

    assert runner.cancel(store.jobs.get(user.id, job.id)) is True
    assert events.wait_final(job.id, timeout_s=40) == "cancelled"
    cancelled = store.jobs.get(user.id, job.id)
    assert cancelled.status == "cancelled"
    assert not runner.result_dir(cancelled).exists()
    assert not store.workspace.job_dir(user.id, job.id).exists()
    assert runner.cancel(cancelled) is False


def test_cancel_from_store_flag(setup, tmp_path):
    """A cancel requested by another process (only the store flag is set) stops the job too."""
    store, user, runner, events = setup
    upload = _upload(store, user, *write_pair(tmp_path / "pair", 20_000))
    job = runner.start(user.id, upload, NAME_CONFIG, "out")
    _wait_status(store, user, job.id, "processing")

    assert store.jobs.request_cancel(job.id) is True
    assert events.wait_final(job.id, timeout_s=40) == "cancelled"


def test_queue_limits_concurrency(setup, tmp_path):
    store, user, _, events = setup
    runner = JobRunner(store, max_concurrent=1, listener=events)
    upload = _upload(store, user, *write_pair(tmp_path / "pair", 5_000))
    first = runner.start(user.id, upload, NAME_CONFIG, "first")
    second = runner.start(user.id, upload, NAME_CONFIG, "second")
    third = runner.start(user.id, upload, NAME_CONFIG, "third")
    try:
        assert first.message == "Initializing processing..."
        assert second.message.startswith("Waiting for a free worker (1 of 1 busy)")
        assert "1 more queued before this one" in third.message
        _wait_status(store, user, first.id, "processing")
        assert store.jobs.get(user.id, second.id).status == "starting"
        assert store.jobs.get(user.id, second.id).message == second.message
        for job in (first, second, third):
            assert events.wait_final(job.id) == "completed"
    finally:
        runner.shutdown()


def test_recover_fails_orphans(setup):
    store, user, runner, _ = setup
    upload = _upload(store, user, EXAMPLES / "data1.csv", EXAMPLES / "data2.json")
    orphan = store.jobs.create(new_id(), user.id, upload.id, SAMPLE_CONFIG, "out")

    assert runner.recover() == [orphan.id]
    failed = store.jobs.get(user.id, orphan.id)
    assert failed.status == "failed"
    assert "restarted" in failed.message


def _wait_status(store, user, job_id, status, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if store.jobs.get(user.id, job_id).status == status:
            return
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {status!r}")


def test_shutdown_fails_running(tmp_path):
    store = Store.open(tmp_path / "data")
    user = store.users.create("aziz", "secret-1")
    runner = JobRunner(store, max_concurrent=1)
    upload = _upload(store, user, *write_pair(tmp_path / "pair", 20_000))
    running = runner.start(user.id, upload, NAME_CONFIG, "running")
    queued = runner.start(user.id, upload, NAME_CONFIG, "queued")
    _wait_status(store, user, running.id, "processing")

    runner.shutdown()
    for job in (running, queued):
        stopped = store.jobs.get(user.id, job.id)
        assert stopped.status == "failed"
        assert "stopped" in stopped.message
        assert stopped.summary is None
        assert not runner.result_dir(stopped).exists()


# Files of 1,000 rows each are past the size the engine compares in full, so blocking runs
# and checks its estimate against this budget.
BUDGET_ROWS = 1_000
BUDGET_CONFIG = {**NAME_CONFIG, "performance": {"max_candidate_pairs": 1}}
MISSING_COLUMNS_CONFIG = {**SAMPLE_CONFIG, "output_cols2": ["full_name", "fax"],
                          "mappings": [{"file1_col": "nickname", "file2_col": "full_name"}]}


def _failed_job(setup, config, files=(EXAMPLES / "data1.csv", EXAMPLES / "data2.json")):
    store, user, runner, events = setup
    upload = _upload(store, user, *files)
    job = runner.start(user.id, upload, config, "out")
    assert events.wait_final(job.id) == "failed"
    return store.jobs.get(user.id, job.id)


def test_budget_failure_stores_key(setup, tmp_path):
    failed = _failed_job(setup, BUDGET_CONFIG, write_pair(tmp_path / "pair", BUDGET_ROWS))
    errors = failed.summary["errors"]
    assert len(errors) == 1
    assert errors[0]["key"] == "budget.too_many_pairs"
    assert errors[0]["text"] == failed.message
    assert errors[0]["params"]["budget"] == 1
    assert errors[0]["params"]["estimate"] > 1
    assert errors[0]["params"]["mapping"] == "name -> full_name"
    assert "Blocking could produce" in failed.message


def test_missing_columns_store_keys(setup):
    failed = _failed_job(setup, MISSING_COLUMNS_CONFIG)
    errors = failed.summary["errors"]
    assert [error["key"] for error in errors] == ["config.missing_column"] * 2
    assert [error["params"]["column"] for error in errors] == ["nickname", "fax"]
    assert [error["params"]["slot"] for error in errors] == [1, 2]
    assert failed.message == "; ".join(error["text"] for error in errors)



def _chatty_worker(connection, cancel_event) -> None:
    """Report progress every 50 ms, as a job of many quick batches does, until cancelled.

    After 5 s without a cancel it reports the job completed, so a runner that never passes
    the cancel on fails the test instead of hanging it.
    """
    update = {"stage": "scoring", "percent": 50.0, "message": "batch", "elapsed": 1.0,
              "remaining": None}
    for _ in range(100):
        if cancel_event.wait(0.05):
            connection.send(("cancelled", "Processing cancelled successfully"))
            return
        connection.send(("progress", update))
    connection.send(("completed", {}))


def test_store_cancel_seen_while_progress_flows(setup):
    # Progress arrives more often than the runner's poll interval. The runner must still read
    # the store flag and set the worker's cancel event.
    store, user, runner, _ = setup
    upload = _upload(store, user, EXAMPLES / "data1.csv", EXAMPLES / "data2.json")
    job = store.jobs.create(new_id(), user.id, upload.id, SAMPLE_CONFIG, "out")
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    event = context.Event()
    worker = context.Process(target=_chatty_worker, args=(sender, event))
    worker.start()
    assert receiver.recv()[0] == "progress"  # progress flows before the cancel comes
    store.jobs.request_cancel(job.id)

    status, _, _ = runner._follow(job.id, receiver, worker, event)
    worker.join(timeout=10)

    assert status == "cancelled"
    assert event.is_set()
