"""Jobs page: the history of the user's jobs (from the app or the API), downloads and clean-up."""

import hashlib
import logging

import streamlit as st

from engine.output import FORMATS
from engine.store import Job, User
from engine.store.cleanup import clean_up, delete_job
from ui import review_data
from ui.context import AppContext
from ui.failures import ENGINE_ERRORS, job_failure, show_failure, user_detail
from ui.housekeeping import export_bytes
from ui.i18n import catalogue, count, t
from ui.session import JOB_KEY, LATEST_JOB_KEY, open_job
from ui.widgets import next_step

logger = logging.getLogger(__name__)

RESULT_TYPES = ("matched", "low_confidence", "unmatched_1", "unmatched_2")


def render(ctx: AppContext, user: User) -> None:
    st.header(t("jobs.title"))
    if message := st.session_state.pop("jobs_notice", None):
        st.success(message)
    jobs = ctx.store.jobs.list_for(user.id)
    if not jobs:
        next_step("jobs.empty")
        _clean_up(ctx, user)
        return

    st.dataframe([_history_row(job) for job in jobs], hide_index=True, width="stretch")
    labels = {job.id: t("jobs.pick_label", job_id=job.id[:8], created=_when(job), status=t(f"status.{job.status}"))
              for job in jobs}
    # The browser keeps a select box's old option labels while its key stays the same, so the
    # key changes with the labels (a new status, another language).
    pick_key = "jobs_pick@" + hashlib.sha1("\n".join(labels.values()).encode()).hexdigest()[:12]
    current = st.session_state.get(JOB_KEY) or st.session_state.get(LATEST_JOB_KEY)
    st.session_state[pick_key] = current if current in labels else jobs[0].id
    chosen_id = st.selectbox(t("jobs.pick"), list(labels), format_func=labels.get, key=pick_key,
                             on_change=_pick_job, args=(pick_key,))
    job = next(item for item in jobs if item.id == chosen_id)
    _job_actions(ctx, job)
    if job.status == "failed":
        show_failure(t("jobs.failed", job_id=job.id[:8]), job_failure(job))
    _downloads(ctx, job)
    _clean_up(ctx, user)


def _pick_job(pick_key: str) -> None:
    st.session_state["job_id"] = st.session_state[pick_key]


def _when(job: Job) -> str:
    return job.created_at[:19].replace("T", " ")


def _history_row(job: Job) -> dict:
    counts = (job.summary or {}).get("counts", {})
    return {t("jobs.col_id"): job.id[:8], t("jobs.col_created"): _when(job),
            t("jobs.col_status"): t(f"status.{job.status}"), t("jobs.col_progress"): round(job.progress),
            t("jobs.col_output"): job.output_name,
            t("jobs.col_matched"): counts.get("matched"), t("jobs.col_low"): counts.get("low_confidence"),
            t("jobs.col_message"): _message(job)}


def _message(job: Job) -> str:
    """Return the job's state in the session's language, because the engine's `job.message` is English."""
    if job.status == "processing":
        stage_key = f"stage.{job.stage or 'starting'}"
        return t(stage_key) if stage_key in catalogue("en") else t("status.processing")
    return t(f"jobs.message_{job.status}")


def _job_actions(ctx: AppContext, job: Job) -> None:
    left, middle, right = st.columns(3)
    left.button(t("jobs.open"), key="jobs_open", on_click=open_job, args=(job.id,), type="primary",
                disabled=job.status != "completed")
    middle.button(t("jobs.follow"), key="jobs_follow", on_click=open_job, args=(job.id, "run"))
    confirm = right.checkbox(t("jobs.confirm_delete"), key=f"jobs_confirm_{job.id}")
    if right.button(t("jobs.delete"), key="jobs_delete", disabled=not confirm or job.active):
        removed = delete_job(ctx.store, job)
        st.session_state.pop("job_id", None)
        st.session_state["jobs_notice"] = t("jobs.deleted", job_id=job.id[:8], files=removed)
        st.rerun()
    if job.active:
        st.caption(t("jobs.active_no_delete"))


def _downloads(ctx: AppContext, job: Job) -> None:
    st.subheader(t("jobs.downloads"))
    if job.status != "completed":
        next_step("jobs.no_downloads", status=t(f"status.{job.status}"))
        return
    output_format = job.config.get("output_format", "csv")
    fmt = st.selectbox(t("jobs.format"), FORMATS, index=FORMATS.index(output_format), key="jobs_format")
    job_dir = ctx.store.workspace.job_dir(job.user_id, job.id)
    try:
        counts = review_data.counts(str(job_dir), review_data.revision(job.id, str(job_dir)))
    except ENGINE_ERRORS as exc:
        logger.warning("job %s: reading the result counts failed: %s", job.id, exc)
        show_failure(t("review.unreadable"), user_detail(exc))
        return
    # Two buttons a row, each as wide as its column, leave room for the longest Uzbek label.
    columns = st.columns(2) + st.columns(2)
    for column, name in zip(columns, RESULT_TYPES, strict=True):
        column.download_button(
            t(f"result.{name}"),
            data=lambda name=name: export_bytes(job_dir, name, fmt), icon=":material/download:",
            file_name=f"{job.output_name}_{name}.{fmt}", key=f"jobs_download_{name}", on_click="ignore",
            width="stretch")
        column.caption(t("jobs.download_hint", count=count(counts.get(name, 0))))
    st.caption(t("jobs.downloads_current"))


def _clean_up(ctx: AppContext, user: User) -> None:
    with st.expander(t("jobs.cleanup")):
        st.caption(t("jobs.cleanup_help"))
        confirm = st.checkbox(t("jobs.cleanup_confirm"), key="jobs_cleanup_confirm")
        if st.button(t("jobs.cleanup_button"), key="jobs_cleanup", disabled=not confirm):
            counts = clean_up(ctx.store, user.id)
            for key in ("job_id", "upload_id", "mapping_upload_id"):
                st.session_state.pop(key, None)
            st.session_state["jobs_notice"] = t("jobs.cleaned", jobs=counts.jobs, uploads=counts.uploads)
            st.rerun()
