"""The session's current upload and job, and moving between pages."""

import streamlit as st

from engine.store import Job, Upload, User
from ui.context import AppContext

PAGES = ("upload", "mapping", "run", "review", "jobs")
PAGE_KEY = "page"


def current_upload(ctx: AppContext, user: User) -> Upload | None:
    """Return the upload chosen in this session, else the user's latest (made here or via the API)."""
    upload_id = st.session_state.get("upload_id")
    upload = ctx.store.uploads.get(user.id, upload_id) if upload_id else None
    if upload is None:
        upload = ctx.store.uploads.latest(user.id)
        st.session_state["upload_id"] = upload.id if upload else None
    return upload


def current_job(ctx: AppContext, user: User) -> Job | None:
    """Return the job chosen in this session, else the user's latest (started here or via the API)."""
    job_id = st.session_state.get("job_id")
    job = ctx.store.jobs.get(user.id, job_id) if job_id else None
    if job is None:
        job = ctx.store.jobs.latest(user.id)
        st.session_state["job_id"] = job.id if job else None
    return job


def go_to(page: str) -> None:
    """Switch to `page`; call from a widget callback, before the navigation widget is drawn."""
    st.session_state[PAGE_KEY] = page


def open_job(job_id: str, page: str = "review") -> None:
    st.session_state["job_id"] = job_id
    go_to(page)
