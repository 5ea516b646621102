"""Details under the review table: one pair's score per mapping, or why a record is unmatched."""

import html
import logging

import streamlit as st

from engine import review
from ui.failures import ENGINE_ERRORS, show_failure, user_detail
from ui.i18n import t
from ui.widgets import highlighted_pair

logger = logging.getLogger(__name__)

REASONS = ("no_candidate", "below_threshold", "taken", "low_confidence", "rejected")


def pair_details(job_id: str, job_dir: str, row: dict) -> None:
    """Show each mapping's values, normalised values and score for a matched or low-confidence pair."""
    try:
        details = review.pair_details(job_dir, row["_r1"], row["_r2"])
    except ENGINE_ERRORS as exc:
        logger.warning("job %s: reading pair (%s, %s) failed: %s", job_id, row["_r1"], row["_r2"], exc)
        show_failure(t("review.details_failed"), user_detail(exc))
        return
    st.markdown(f"**{t('review.details', r1=row['_r1'], r2=row['_r2'], score=details['confidence_score'])}**")
    header = _header(("details.mapping", "details.method", "details.weight", "details.value1",
                      "details.value2", "details.normalised", "details.score"))
    body = "".join(_detail_row(item, details.get("missing_score")) for item in details["mappings"])
    st.markdown(f'<table class="moslik-details"><tr>{header}</tr>{body}</table>', unsafe_allow_html=True)
    st.caption(t("review.details_hint"))


def _header(keys: tuple[str, ...]) -> str:
    return "".join(f"<th>{html.escape(t(key))}</th>" for key in keys)


def _detail_row(item: dict, missing_score: float | None) -> str:
    value1, value2 = highlighted_pair(item["value1"], item["value2"])
    norm1, norm2 = highlighted_pair(item["normalised1"], item["normalised2"])
    cells = (html.escape(item["label"]), html.escape(item["method"]), f"{item['weight']:g}", value1, value2,
             f"{norm1} | {norm2}", _score(item["score"], missing_score))
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _score(score: float | None, missing_score: float | None = None) -> str:
    if score is not None:
        return f"{score:g}"
    if missing_score is None:
        return t("details.missing")
    return t("details.missing_counted", score=f"{missing_score:g}")


def unmatched_reason(job_id: str, job_dir: str, row: dict, file_type: str) -> None:
    """Say why a record of `file_type` (unmatched_1 or unmatched_2) is unmatched, with its best candidate."""
    reason = row.get("_reason")
    if reason not in REASONS:
        return
    own = 1 if file_type == "unmatched_1" else 2
    other = 3 - own
    best = row.get("_best_row_id")
    st.info(t(f"reason_detail.{reason}", file=other, row_id=best, score=_score(row.get("_best_score"))))
    if best is None:
        return

    r1, r2 = (row["_row_id"], best) if own == 1 else (best, row["_row_id"])
    try:
        details = review.pair_details(job_dir, r1, r2)
    except ENGINE_ERRORS as exc:
        logger.warning("job %s: reading candidate pair (%s, %s) failed: %s", job_id, r1, r2, exc)
        show_failure(t("review.candidate_failed"), user_detail(exc))
        return
    _candidate_table(details["mappings"], own, other, best, details.get("missing_score"))


def _candidate_table(mappings: list[dict], own: int, other: int, best: int,
                     missing_score: float | None) -> None:
    header = "".join(f"<th>{html.escape(text)}</th>" for text in (
        t("details.mapping"), t("details.this_record", file=own),
        t("details.candidate", file=other, row_id=best), t("details.score")))
    body = ""
    for item in mappings:
        mine, theirs = highlighted_pair(item[f"value{own}"], item[f"value{other}"])
        cells = (html.escape(item["label"]), mine, theirs, _score(item["score"], missing_score))
        body += "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
    st.markdown(f"**{t('review.candidate_heading', file=other)}**")
    st.markdown(f'<table class="moslik-details"><tr>{header}</tr>{body}</table>', unsafe_allow_html=True)
    st.caption(t("review.details_hint"))
