"""Showing engine errors as a translated summary, with the engine's English text as a detail.

The engine's messages are English and name values and fixes exactly, so they are kept, but
under a summary in the session's language instead of inside a translated sentence.
"""

import duckdb
import streamlit as st

from engine.errors import MoslikError
from ui.i18n import t

# Errors an engine call on a job's results may raise. MoslikError texts are written for
# users. A RuntimeError (a failed SQL step, see engine.db.run_sql) or a duckdb.Error carries
# SQL and internal names, so the page shows only the summary and the log keeps the text.
ENGINE_ERRORS = (MoslikError, RuntimeError, duckdb.Error)


def user_detail(exc: BaseException) -> str | None:
    """Return the engine's text of `exc` when it is written for users, else None."""
    return str(exc) if isinstance(exc, MoslikError) else None


def show_failure(summary: str, detail: str | list[str] | None = None) -> None:
    """Show `summary` as an error and the engine's English `detail` lines quoted below it."""
    st.error(summary)
    lines = [detail] if isinstance(detail, str) else list(detail or [])
    if lines:
        st.caption(t("failure.detail_label"))
        # A code block shows the text as it is: no Markdown or HTML from file values or paths.
        st.code("\n".join(lines), language=None, wrap_lines=True)
