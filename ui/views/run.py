"""Run page: start the match for the current upload and mapping, follow it, cancel it."""

import logging

import streamlit as st

from engine.config import ProcessingConfig
from engine.store import Job, Upload, User
from ui.context import AppContext
from ui.failures import job_failure, show_failure
from ui.i18n import t
from ui.session import current_job, go_to, open_job
from ui.views.mapping import validated_config
from ui.widgets import next_step

logger = logging.getLogger(__name__)

POLL_S = 1.0
# The job that disabled "Start matching". The button lies outside the polling fragment, so the
# fragment reruns the whole page when that job fails or is cancelled, to enable it again.
BLOCKED_BY_KEY = "run_blocked_by"


def render(ctx: AppContext, user: User) -> None:
    st.header(t("run.title"))
    upload, config = validated_config(ctx, user)
    if upload is None:
        next_step("run.no_upload")
    elif config is None:
        next_step("run.no_mapping")
    else:
        _start_button(ctx, user, upload, config)

    job = current_job(ctx, user)
    if job is None:
        return
    st.divider()
    _job_panel(ctx, user, job.id)


def _start_button(ctx: AppContext, user: User, upload: Upload, config: ProcessingConfig) -> None:
    st.caption(t("run.summary", name1=upload.files[0].original_name, name2=upload.files[1].original_name,
                 mappings=len(config.mappings), threshold=config.threshold))
    body = config.model_dump(mode="json")
    done = _same_job(current_job(ctx, user), upload, body)
    st.session_state[BLOCKED_BY_KEY] = done.id if done is not None else None
    if done is not None:
        st.caption(t("run.running_now" if done.active else "run.already_run", job_id=done.id[:8]))
    if st.button(t("run.start"), key="run_start", type="primary", disabled=done is not None):
        job = ctx.runner.start(user.id, upload, body, config.output_path)
        logger.info("user %s started job %s in the app", user.username, job.id)
        st.session_state["job_id"] = job.id
        # The button above was drawn before the job existed; a new run disables it.
        st.rerun()


def _same_job(job: Job | None, upload: Upload, body: dict) -> Job | None:
    """Return `job` when it runs or ran this upload with this config and did not fail or stop."""
    if job is None or job.status in ("failed", "cancelled"):
        return None
    return job if job.upload_id == upload.id and job.config == body else None


@st.fragment(run_every=POLL_S)
def _job_panel(ctx: AppContext, user: User, job_id: str) -> None:
    job = ctx.store.jobs.get(user.id, job_id)
    if job is None:
        next_step("run.job_gone")
        return
    st.subheader(t("run.job_heading", job_id=job.id[:8], created=job.created_at[:19].replace("T", " ")))
    if job.active:
        _progress(ctx, job)
    elif job.status == "completed":
        st.progress(1.0, text=t("run.progress_done"))
        st.success(t("run.completed", **_counts(job)))
        _notes(job)
        # A button inside a fragment reruns only the fragment; moving to another page needs the app.
        if st.button(t("run.review"), key="run_review", type="primary", on_click=open_job, args=(job.id,)):
            st.rerun(scope="app")
    elif st.session_state.get(BLOCKED_BY_KEY) == job.id:
        st.rerun(scope="app")
    elif job.status == "cancelled":
        st.warning(t("run.cancelled"))
    else:
        show_failure(t("run.failed"), job_failure(job))
        st.info(t("run.failed_next"))
        if st.button(t("run.back_to_mapping"), key="run_back", on_click=go_to, args=("mapping",)):
            st.rerun(scope="app")


def _progress(ctx: AppContext, job: Job) -> None:
    stage_key = f"stage.{job.stage or 'starting'}"
    stage = t(stage_key) if stage_key in _stage_keys() else job.stage
    if job.remaining is None:
        remaining = t("run.remaining_unknown")
    else:
        remaining = t("run.remaining", seconds=round(job.remaining))
    st.progress(min(job.progress, 100) / 100,
                text=t("run.progress", stage=stage, percent=round(job.progress), remaining=remaining))
    if job.cancel_requested:
        st.info(t("run.cancelling"))
    elif st.button(t("run.cancel"), key="run_cancel"):
        ctx.runner.cancel(job)
        st.info(t("run.cancelling"))


def _stage_keys() -> set[str]:
    return {f"stage.{name}" for name in ("starting", "loading", "normalising", "blocking", "scoring",
                                         "selecting", "writing", "completed")}


def _notes(job: Job) -> None:
    """Show the engine's notes on the job (blocking, script conversion, auto_weights), in English."""
    notes = (job.summary or {}).get("notes") or []
    if notes:
        with st.expander(t("run.notes", count=len(notes)), expanded=any("auto_weights" in n for n in notes)):
            st.code("\n".join(notes), language=None, wrap_lines=True)


def _counts(job: Job) -> dict:
    counts = (job.summary or {}).get("counts", {})
    return {name: counts.get(name, 0) for name in ("matched", "low_confidence", "unmatched_1", "unmatched_2")}
