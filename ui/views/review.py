"""Review page: tune the threshold and weights live, read the results page by page, decide pairs."""

import logging

import altair as alt
import streamlit as st

from engine import review
from engine.store import Job, User
from ui import review_data
from ui.context import AppContext
from ui.failures import ENGINE_ERRORS, show_failure, user_detail
from ui.i18n import GROUP_SEPARATORS, count, current_language, t
from ui.mapping_state import MATCHING_TYPES
from ui.review_table import result_table
from ui.session import current_job
from ui.widgets import next_step, translated_choice

logger = logging.getLogger(__name__)

RESULT_TYPES = ("matched", "low_confidence", "unmatched_1", "unmatched_2")


def render(ctx: AppContext, user: User) -> None:
    st.header(t("review.title"))
    job = current_job(ctx, user)
    if job is None:
        next_step("review.no_job")
        return
    if job.status != "completed":
        next_step("review.not_completed", job_id=job.id[:8], status=t(f"status.{job.status}"))
        return
    job_dir = str(ctx.store.workspace.job_dir(user.id, job.id))
    try:
        _review(job, job_dir)
    except ENGINE_ERRORS as exc:
        logger.warning("job %s: reading the results for review failed: %s", job.id, exc)
        show_failure(t("review.unreadable"), user_detail(exc))


def _review(job: Job, job_dir: str) -> None:
    state = review.selection_state(job_dir)
    st.caption(t("review.job", job_id=job.id[:8], output=job.output_name))
    _controls(job, job_dir, state)
    revision = review_data.revision(job.id, job_dir)
    counts = review_data.counts(job_dir, revision)
    _counts(counts)
    _histogram(job_dir, tuple(state["weights"]), f"rv_{job.id}_")
    result_table(job, job_dir, counts, revision)


def _controls(job: Job, job_dir: str, state: dict) -> None:
    prefix = f"rv_{job.id}_"
    defaults = {"threshold": float(state["threshold"]), "low": float(state["low_threshold"]),
                "matching_type": state["matching_type"]}
    defaults.update({f"weight_{i}": float(w) for i, w in enumerate(state["weights"])})
    # The stored selection may change elsewhere (another session, the API); the widgets then
    # take the stored values instead of keeping this session's older ones.
    if st.session_state.get(prefix + "stored") != defaults:
        st.session_state[prefix + "stored"] = defaults
        for name, value in defaults.items():
            st.session_state[prefix + name] = value

    args = (job.id, job_dir, prefix, len(state["weights"]))
    left, right = st.columns(2)
    left.slider(t("review.threshold"), 0.0, 100.0, step=0.5, key=prefix + "threshold",
                on_change=_reselect, args=args, help=t("review.threshold_help"))
    left.slider(t("review.low_threshold"), 0.0, 100.0, step=0.5, key=prefix + "low",
                on_change=_reselect, args=args, help=t("review.low_threshold_help"))
    left.caption(t("review.thresholds_rule"))
    with right:
        translated_choice(st.selectbox, prefix + "matching_type", t("review.matching_type"), MATCHING_TYPES,
                          format_func=lambda value: t(f"matching_type.{value}"), on_change=_reselect,
                          callback_args=args)
    # The slider's range is part of its identity, so it must not follow the moving weights:
    # a new range would reset the slider.
    started_with = [m.get("weight", 1.0) for m in job.config.get("mappings", [])]
    top = float(max(10.0, *started_with, *state["weights"]))
    with right.expander(t("review.weights"), expanded=len(state["weights"]) > 1):
        for i, mapping in enumerate(state["mappings"]):
            st.slider(t("review.weight", label=mapping["label"]), 0.1, top, step=0.1,
                      key=prefix + f"weight_{i}", on_change=_reselect, args=args)
    if message := st.session_state.pop("review_notice", None):
        st.warning(message)
    if failure := st.session_state.pop("review_failure", None):
        show_failure(*failure)


def _reselect(job_id: str, job_dir: str, prefix: str, mapping_count: int) -> None:
    threshold = st.session_state[prefix + "threshold"]
    low = st.session_state[prefix + "low"]
    if low > threshold:
        # The band lies below the threshold: moving one past the other drags the other along.
        low = threshold
        st.session_state[prefix + "low"] = low
        st.session_state["review_notice"] = t("review.low_clamped", low=low)
    weights = [st.session_state[prefix + f"weight_{i}"] for i in range(mapping_count)]
    try:
        review_data.apply_selection(job_id, job_dir, threshold=threshold, low=low, weights=weights,
                                    matching_type=st.session_state[prefix + "matching_type"])
    except ENGINE_ERRORS as exc:
        # A callback's exception would replace the page with a traceback.
        logger.warning("job %s: re-selection failed: %s", job_id, exc)
        st.session_state["review_failure"] = (t("review.change_failed"), user_detail(exc))


def _counts(counts: dict[str, int]) -> None:
    columns = st.columns(len(RESULT_TYPES))
    for column, name in zip(columns, RESULT_TYPES, strict=True):
        column.metric(t(f"result.{name}"), count(counts.get(name, 0)))


def _count_axis() -> alt.Axis:
    """Return a count axis that groups digits as the page's other counts do (5,000 or 5 000)."""
    separator = GROUP_SEPARATORS[current_language()]
    if separator == ",":
        return alt.Axis()
    return alt.Axis(labelExpr=f"replace(format(datum.value, ','), /,/g, '{separator}')")


def _histogram(job_dir: str, weights: tuple[float, ...], prefix: str) -> None:
    bins = review_data.histogram(job_dir, weights)
    if not any(item["count"] for item in bins):
        st.caption(t("review.histogram_empty"))
        return
    threshold, low = st.session_state[prefix + "threshold"], st.session_state[prefix + "low"]
    data = alt.Data(values=bins)
    x_title, y_title = t("review.histogram_x"), t("review.histogram_y")
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("lower:Q", bin="binned", title=x_title, scale=alt.Scale(domain=[0, 100])),
        x2="upper:Q", y=alt.Y("count:Q", title=y_title, axis=_count_axis()))
    rules = alt.Chart(alt.Data(values=[
        {"score": threshold, "line": t("review.threshold")},
        {"score": low, "line": t("review.low_threshold")}])).mark_rule(strokeWidth=2, strokeDash=[4, 2]).encode(
        x="score:Q", color=alt.Color("line:N", title=None, legend=alt.Legend(orient="bottom"),
                                     scale=alt.Scale(range=["#c62828", "#ef6c00"])))
    st.altair_chart(bars + rules, width="stretch")
    st.caption(t("review.histogram_caption"))
