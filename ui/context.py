"""The resources every page shares: settings, the metadata store and the job runner.

They are created once per Streamlit server process (`st.cache_resource`) for a given data
directory, so the app and the API, started with the same MOSLIK_DATA_DIR, see the same users,
uploads and jobs.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from engine.jobs import JobRunner
from engine.settings import Settings
from engine.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    store: Store
    runner: JobRunner


@st.cache_resource(show_spinner=False)
def _open(data_dir: str) -> AppContext:
    settings = Settings()
    store = Store.open(Path(data_dir))
    runner = JobRunner(store, max_concurrent=settings.max_concurrent_jobs)
    failed = runner.recover()
    if failed:
        logger.warning("marked %d jobs failed that a stopped server left running", len(failed))
    store.users.ensure_default_admin(settings.env)
    logger.info("Moslik app ready with data dir %s", data_dir)
    return AppContext(settings=settings, store=store, runner=runner)


def app_context() -> AppContext:
    """Return the shared context for the data directory in the environment."""
    # Settings are read on every run (cheap) rather than once per process, so that a test can
    # point the app at a new MOSLIK_DATA_DIR.
    return _open(str(Settings().data_dir.resolve()))
