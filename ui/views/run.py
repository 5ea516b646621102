"""Run page: start the match for the current upload and mapping, follow it, cancel it."""

import logging

import streamlit as st

from engine.config import ProcessingConfig
from engine.store import Job, Upload, User
from ui.context import AppContext
from ui.failures import job_failure, show_failure
from ui.i18n import count, t
from ui.session import JOB_KEY, chosen_job, go_to, open_job
from ui.views.mapping import validated_config
from ui.widgets import next_step

logger = logging.getLogger(__name__)

POLL_S = 1.0
# Prefixes of the engine's notes on a job, by topic. The first topic with a matching prefix wins,
# so "blocking keys: N candidate pairs" counts as candidate pairs, not blocking.
# NOTE: the prefixes copy the English texts in engine/pipeline.py, engine/mapping_plan.py and
# engine/auto_weights.py. A note with another prefix is listed as "other".
NOTE_TOPICS = {
    "script_conversion": ("script conversion ",),
    "dates": ("date method on ",),
    "candidate_pairs": ("all pairs: ", "blocking keys: "),
    "blocking": ("blocking ",),
    "auto_weights": ("auto_weights: ",),
}
# The job that disabled "Start matching". The button lies outside the polling fragment, so the
# fragment reruns the whole page when that job fails or is cancelled, to enable it again.
BLOCKED_BY_KEY = "run_blocked_by"
# The active job that the caption above the button names as running. When it completes, the
# fragment reruns the page, so the caption then reports that the job ran.
RUNNING_KEY = "run_running"


def render(ctx: AppContext, user: User) -> None:
    """Draw the start button for the current upload and mapping, and one job below it.

    The job shown is the one the user started, opened, followed or picked in this session, else
    the latest job of the current upload and mapping, started in the app or through the API. The
    user's latest job of another upload or mapping is not shown, so that it cannot pass for this
    mapping's job.
    """
    st.header(t("run.title"))
    upload, config = validated_config(ctx, user)
    body = config.model_dump(mode="json") if config is not None else None
    mapping_job = _mapping_job(ctx, user, upload, body) if body is not None else None
    if upload is None:
        next_step("run.no_upload")
    elif config is None:
        next_step("run.no_mapping")
    else:
        _start_button(ctx, user, upload, config, body, mapping_job)

    job = chosen_job(ctx, user) or mapping_job
    if job is None:
        return
    st.divider()
    of_mapping = body is not None and job.upload_id == upload.id and job.config == body
    _job_panel(ctx, user, job.id, of_mapping)


def _mapping_job(ctx: AppContext, user: User, upload: Upload, body: dict) -> Job | None:
    """Return the user's latest job of `upload` with the config `body`, from the app or the API."""
    # list_for returns the newest job first.
    jobs = ctx.store.jobs.list_for(user.id)
    return next((job for job in jobs if job.upload_id == upload.id and job.config == body), None)


def _start_button(ctx: AppContext, user: User, upload: Upload, config: ProcessingConfig, body: dict,
                  mapping_job: Job | None) -> None:
    st.caption(t("run.summary", name1=upload.files[0].original_name, name2=upload.files[1].original_name,
                 mappings=len(config.mappings), threshold=config.threshold))
    # A failed or cancelled job leaves the button enabled, so the same mapping can run again.
    done = mapping_job
    if done is not None and done.status in ("failed", "cancelled"):
        done = None
    st.session_state[BLOCKED_BY_KEY] = done.id if done is not None else None
    st.session_state[RUNNING_KEY] = done.id if done is not None and done.active else None
    if done is not None:
        st.caption(t("run.running_now" if done.active else "run.already_run", job_id=done.id[:8]))
    if st.button(t("run.start"), key="run_start", type="primary", disabled=done is not None):
        job = ctx.runner.start(user.id, upload, body, config.output_path)
        logger.info("user %s started job %s in the app", user.username, job.id)
        st.session_state[JOB_KEY] = job.id
        # The button above was drawn before the job existed; a new run disables it.
        st.rerun()


@st.fragment(run_every=POLL_S)
def _job_panel(ctx: AppContext, user: User, job_id: str, of_mapping: bool) -> None:
    """Show the job's progress or outcome, with a caption when it ran another upload or mapping."""
    job = ctx.store.jobs.get(user.id, job_id)
    if job is None:
        next_step("run.job_gone")
        return
    st.subheader(t("run.job_heading", job_id=job.id[:8], created=job.created_at[:19].replace("T", " ")))
    if not of_mapping:
        st.caption(t("run.other_mapping"))
    if job.active:
        _progress(ctx, job)
    elif job.status == "completed" and st.session_state.get(RUNNING_KEY) == job.id:
        st.rerun(scope="app")
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
    elif job.remaining < 1:
        remaining = t("run.remaining_moment")
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
    """Show the engine's notes on the job, in English, under a title that names their topics."""
    notes = (job.summary or {}).get("notes") or []
    if not notes:
        return
    topics = note_topics(notes)
    labels = [t(f"run.notes_topic.{topic}") for topic in topics]
    title = t("run.notes", count=len(notes), topics=", ".join(labels))
    with st.expander(title, expanded="auto_weights" in topics):
        st.code("\n".join(notes), language=None, wrap_lines=True)


def note_topics(notes: list[str]) -> list[str]:
    """Return the topics of the engine's `notes`, each once, in the order of NOTE_TOPICS."""
    found = {_note_topic(note) for note in notes}
    return [topic for topic in (*NOTE_TOPICS, "other") if topic in found]


def _note_topic(note: str) -> str:
    for topic, prefixes in NOTE_TOPICS.items():
        if note.startswith(prefixes):
            return topic
    return "other"


def _counts(job: Job) -> dict:
    counts = (job.summary or {}).get("counts", {})
    return {name: count(counts.get(name, 0))
            for name in ("matched", "low_confidence", "unmatched_1", "unmatched_2")}
