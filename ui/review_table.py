"""The review page's table: one page of a result from SQL, search, details and decisions."""

import logging
import math

import streamlit as st

from engine.store import Job
from ui import review_data
from ui.failures import ENGINE_ERRORS, show_failure, user_detail
from ui.i18n import count, t
from ui.review_details import REASONS, pair_details, unmatched_reason
from ui.settings import get_ui_settings
from ui.widgets import translated_choice

logger = logging.getLogger(__name__)

RESULT_TYPES = ("matched", "low_confidence", "unmatched_1", "unmatched_2")
PAIR_TYPES = ("matched", "low_confidence")
# Result columns the engine adds to the file columns. The review table shows them translated
# from the internal `_` fields, so their plain copies are left out.
PAIR_EXTRAS = ("confidence_score", "decision")
UNMATCHED_EXTRAS = ("best_candidate_row", "best_candidate_score", "unmatched_reason")


def result_table(job: Job, job_dir: str, counts: dict[str, int], revision: int) -> None:
    st.subheader(t("review.table"))
    if message := st.session_state.pop("decision_notice", None):
        st.success(message)
    if failure := st.session_state.pop("decision_failure", None):
        show_failure(*failure)
    prefix = f"rt_{job.id}_"
    st.session_state.setdefault(prefix + "type", RESULT_TYPES[0])
    file_type = translated_choice(st.radio, prefix + "type", t("review.result"), RESULT_TYPES, horizontal=True,
                                  format_func=lambda name: t(f"result.{name}"))
    left, right = st.columns([4, 1])
    # Each result has its own page number, so switching results never lands past the end of
    # one. Streamlit drops the number of a result that is not shown, and a new search starts
    # every result at page 1.
    search = left.text_input(t("review.search"), key=prefix + "search", placeholder=t("review.search_placeholder"),
                             on_change=_first_pages, args=(prefix,))
    per_page = get_ui_settings().page_rows
    pages = max(1, math.ceil(counts.get(file_type, 0) / per_page))
    page_number = right.number_input(t("review.page"), min_value=1, value=1, step=1,
                                     key=prefix + f"page_{file_type}")

    try:
        result = review_data.page(job_dir, file_type, int(page_number), per_page, search.strip(), revision)
    except ENGINE_ERRORS as exc:
        logger.warning("job %s: reading page %s of %s failed: %s", job.id, page_number, file_type, exc)
        show_failure(t("review.page_failed"), user_detail(exc))
        return
    if result["total"] == 0:
        st.info(t("review.no_rows_search" if search.strip() else f"review.no_rows_{file_type}"))
        return
    if result["total_pages"] and page_number > result["total_pages"]:
        st.info(t("review.page_past_end", pages=result["total_pages"]))
        return
    key = "review.page_of_one" if result["total"] == 1 else "review.page_of"
    st.caption(t(key, page=page_number, pages=result["total_pages"] or pages, total=count(result["total"])))

    rows = result["data"]
    selected = _table(rows, file_type, prefix + f"table_{file_type}_{page_number}_{revision}")
    if file_type in PAIR_TYPES:
        _decisions(job, job_dir, rows, selected, file_type)
        if selected:
            pair_details(job.id, job_dir, rows[selected[0]])
    elif selected:
        unmatched_reason(job.id, job_dir, rows[selected[0]], file_type)


def _first_pages(prefix: str) -> None:
    for file_type in RESULT_TYPES:
        st.session_state[prefix + f"page_{file_type}"] = 1


def _table(rows: list[dict], file_type: str, key: str) -> list[int]:
    display = [_display_row(row, file_type) for row in rows]
    event = st.dataframe(display, hide_index=True, width="stretch", key=key, on_select="rerun",
                         selection_mode="multi-row")
    st.caption(t("review.select_hint"))
    return list(event.selection.rows) if event else []


def _display_row(row: dict, file_type: str) -> dict:
    if file_type in PAIR_TYPES:
        display_row = {name: value for name, value in row.items()
                       if not name.startswith(("_", "score_")) and name not in PAIR_EXTRAS}
        display_row[t("review.col_confidence")] = row.get("confidence_score")
        for label, score in (row.get("_scores") or {}).items():
            display_row[t("review.score_column", label=label)] = score
        decision = row.get("_decision")
        display_row[t("review.decision")] = t(f"decision.{decision}") if decision else ""
        return display_row

    display_row = {name: value for name, value in row.items()
                   if not name.startswith("_") and name not in UNMATCHED_EXTRAS}
    reason = row.get("_reason")
    display_row[t("review.reason")] = t(f"reason.{reason}") if reason in REASONS else ""
    display_row[t("review.col_best_score")] = row.get("_best_score")
    display_row[t("review.col_best_row", file=2 if file_type == "unmatched_1" else 1)] = row.get("_best_row_id")
    return display_row


def _decisions(job: Job, job_dir: str, rows: list[dict], selected: list[int], file_type: str) -> None:
    chosen = [(rows[i]["_r1"], rows[i]["_r2"]) for i in selected]
    everything = [(row["_r1"], row["_r2"]) for row in rows]
    columns = st.columns(3)
    actions = [
        (columns[0], "review.accept_selected", "accept", chosen),
        (columns[1], "review.reject_selected", "reject", chosen),
        (columns[2], "review.clear_selected", None, chosen),
    ]
    if file_type == "low_confidence":
        columns = st.columns(3)
        actions += [(columns[0], "review.accept_page", "accept", everything),
                    (columns[1], "review.reject_page", "reject", everything)]
    for column, label, decision, pairs in actions:
        column.button(t(label), key=f"{label}_{job.id}", disabled=not pairs,
                      on_click=_decide, args=(job.id, job_dir, pairs, decision))


def _decide(job_id: str, job_dir: str, pairs: list[tuple[int, int]], decision: str | None) -> None:
    try:
        counts = review_data.apply_decision(job_id, job_dir, pairs, decision)
    except ENGINE_ERRORS as exc:
        logger.warning("job %s: saving a decision failed: %s", job_id, exc)
        st.session_state["decision_failure"] = (t("review.change_failed"), user_detail(exc))
        return
    st.session_state["decision_notice"] = t(f"review.decided_{decision or 'none'}", count=len(pairs),
                                            matched=counts["matched"], low=counts["low_confidence"])
