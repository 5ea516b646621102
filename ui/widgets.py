"""Widgets shared by the pages: state-bound inputs, a file report and highlighted differences."""

import difflib
import html

import streamlit as st

from engine.ingest import IngestReport
from ui.failures import show_failure
from ui.i18n import count, current_language, t

PREVIEW_ROWS = 5
DELIMITER_KEYS = {",": "delimiter.comma", ";": "delimiter.semicolon", "\t": "delimiter.tab",
                  "|": "delimiter.pipe"}


def bound(widget, key: str, store: dict, field: str, *args, **kwargs):
    """Draw `widget` keyed `key` whose value lives in `store[field]`, and return its value.

    Streamlit deletes a widget's state when a run does not draw it. Keeping the value in a
    plain dict and seeding the widget from it keeps the page's inputs across pages.
    """
    if "format_func" in kwargs:
        key = language_key(key)
    if key not in st.session_state:
        st.session_state[key] = store[field]
    value = widget(*args, key=key, **kwargs)
    store[field] = value
    return value


def language_key(key: str) -> str:
    """Return a widget key for the current language.

    In the browser, a choice widget whose option labels change under the same key shows no
    selection afterwards. So each language gets its own widget, seeded from the value kept
    under the plain key.
    """
    return f"{key}@{current_language()}"


def translated_choice(widget, key: str, *args, on_change=None, callback_args=(), **kwargs):
    """Draw a radio or selectbox with translated labels whose value lives in `st.session_state[key]`."""
    widget_key = language_key(key)
    st.session_state[widget_key] = st.session_state[key]

    def sync() -> None:
        st.session_state[key] = st.session_state[widget_key]
        if on_change is not None:
            on_change(*callback_args)

    return widget(*args, key=widget_key, on_change=sync, **kwargs)


def file_report(report: IngestReport, heading: str) -> None:
    """Show one file's shape, detected format, errors, warnings and preview."""
    st.subheader(heading)
    st.caption(report.file_name)
    first, second = st.columns(2)
    first.metric(t("report.rows"), count(report.rows))
    second.metric(t("report.columns"), report.columns)
    first, second = st.columns(2)
    first.metric(t("report.encoding"), report.encoding or t("report.not_applicable"))
    second.metric(t("report.delimiter"), _delimiter(report))
    st.caption(t("report.file_type", file_type=report.file_type))

    if report.errors:
        show_failure(t("report.errors", count=len(report.errors)), report.errors)
    if not report.valid:
        st.info(t("report.fix_errors"))
    if report.warnings:
        st.warning(t("report.warnings", count=len(report.warnings)))
        st.code("\n".join(report.warnings), language=None, wrap_lines=True)
    if report.preview:
        st.dataframe(report.preview[:PREVIEW_ROWS], hide_index=True, width="stretch")


def _delimiter(report: IngestReport) -> str:
    if report.delimiter is None:
        return t("report.not_applicable")
    key = DELIMITER_KEYS.get(report.delimiter)
    return t(key) if key else repr(report.delimiter)


def highlighted_pair(left: str | None, right: str | None) -> tuple[str, str]:
    """Return both values as HTML with the characters that differ marked.

    Values are escaped before any markup is added, so text from the files cannot inject HTML.
    """
    left, right = left or "", right or ""
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    parts_left, parts_right = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = html.escape(left[i1:i2]), html.escape(right[j1:j2])
        if op == "equal":
            parts_left.append(a)
            parts_right.append(b)
            continue
        if a:
            parts_left.append(f'<mark class="moslik-diff">{a}</mark>')
        if b:
            parts_right.append(f'<mark class="moslik-diff">{b}</mark>')
    return "".join(parts_left), "".join(parts_right)


def next_step(message_key: str, **values) -> None:
    """Show an empty state: what is missing and what to do next."""
    st.info(t(message_key, **values))
