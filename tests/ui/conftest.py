"""Fixtures for the app's tests: a fresh data dir, a logged-in AppTest, and finished jobs."""

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from engine.jobs import JobRunner
from engine.store import Store
from engine.store.intake import IncomingFile, store_pair

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "ui" / "app.py")
EXAMPLES = ROOT / "examples"
TIMEOUT_S = 60

SAMPLE_CONFIG = {
    "mappings": [{"file1_col": "name", "file2_col": "full_name", "match_type": "fuzzy"}],
    "output_cols1": ["name", "age", "city"], "output_cols2": ["full_name", "email", "phone"],
    "output_format": "csv", "threshold": 85, "low_confidence_threshold": 60,
    "include_confidence_scores": True,
}


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MOSLIK_DATA_DIR", str(folder))
    monkeypatch.setenv("MOSLIK_ENV", "test")
    return folder


@pytest.fixture
def store(data_dir) -> Store:
    store = Store.open(data_dir)
    store.users.ensure_default_admin("test")
    return store


def new_app(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    for key, value in state.items():
        at.session_state[key] = value
    return at


def logged_in(username: str = "admin", **state) -> AppTest:
    """An app whose session is logged in as `username`, as the login form leaves it."""
    return new_app(authentication_status=True, username=username, name=username, logout=False, **state)


def sample_upload(store: Store, user_id: int = 1, names=("data1.csv", "data2.json"), folder: Path = EXAMPLES):
    with (folder / names[0]).open("rb") as first, (folder / names[1]).open("rb") as second:
        files = [IncomingFile(names[0], first), IncomingFile(names[1], second)]
        return store_pair(store, user_id, files, 10 * 1024 * 1024)


def run_job(store: Store, config: dict, user_id: int = 1, upload=None):
    """Run a job (by default on the sample pair) through the engine's job runner and wait until it ends."""
    upload = upload or sample_upload(store, user_id)
    runner = JobRunner(store, max_concurrent=1)
    job = runner.start(user_id, upload, config, "sample")
    deadline = time.monotonic() + TIMEOUT_S
    while store.jobs.get(user_id, job.id).active:
        assert time.monotonic() < deadline, f"job {job.id} did not finish in {TIMEOUT_S} s"
        time.sleep(0.2)
    return store.jobs.get(user_id, job.id)


def finished_job(store: Store, config: dict = SAMPLE_CONFIG, user_id: int = 1):
    """Run the sample pair through the engine's job runner and return the completed job."""
    job = run_job(store, config, user_id)
    assert job.status == "completed", job.message
    return job


def texts(at: AppTest) -> str:
    """Return all text of the page, for checks that do not care which element contains it."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "code", "info", "error", "warning", "success"):
        parts += [str(element.value) for element in getattr(at, kind)]
    return "\n".join(parts)
