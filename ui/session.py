"""The session's current upload and job, and moving between pages."""

import streamlit as st

from engine.store import Job, Upload, User
from ui.context import AppContext

PAGES = ("upload", "mapping", "run", "review", "jobs")
PAGE_KEY = "page"
# The job the user started, opened, followed or picked in this session.
JOB_KEY = "job_id"
# The user's latest job, which `current_job` shows while the user has chosen none. It is kept
# apart from JOB_KEY so that the run page does not take it for the current mapping's job.
LATEST_JOB_KEY = "latest_job_id"


def current_upload(ctx: AppContext, user: User) -> Upload | None:
    """Return the upload chosen in this session, else the user's latest (made here or via the API)."""
    upload_id = st.session_state.get("upload_id")
    upload = ctx.store.uploads.get(user.id, upload_id) if upload_id else None
    if upload is None:
        upload = ctx.store.uploads.latest(user.id)
        st.session_state["upload_id"] = upload.id if upload else None
    return upload


def current_job(ctx: AppContext, user: User) -> Job | None:
    """Return the job chosen in this session, else the user's latest (started here or via the API).

    The latest job is looked up once and then kept, so a job that starts later elsewhere does
    not replace it on screen.
    """
    job = chosen_job(ctx, user)
    if job is None:
        latest_id = st.session_state.get(LATEST_JOB_KEY)
        job = ctx.store.jobs.get(user.id, latest_id) if latest_id else None
    if job is None:
        job = ctx.store.jobs.latest(user.id)
        st.session_state[LATEST_JOB_KEY] = job.id if job else None
    return job


def chosen_job(ctx: AppContext, user: User) -> Job | None:
    """Return the job the user started, opened, followed or picked in this session, if it still exists."""
    job_id = st.session_state.get(JOB_KEY)
    return ctx.store.jobs.get(user.id, job_id) if job_id else None


def go_to(page: str) -> None:
    """Switch to `page`; call from a widget callback, before the navigation widget is drawn."""
    st.session_state[PAGE_KEY] = page


def open_job(job_id: str, page: str = "review") -> None:
    st.session_state[JOB_KEY] = job_id
    go_to(page)
