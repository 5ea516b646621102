"""Showing engine errors in the session's language: a translated summary and the engine's message below it.

An engine message that carries a catalogue key (engine.errors.Message, or a MoslikError with
`key`) is shown from the catalogue of the session's language. A message without a key, or
with a key the catalogue lacks, is shown in the engine's English, under a label that says so.
"""

import logging

import duckdb
import streamlit as st

from engine.errors import Message, MoslikError
from engine.store import Job
from ui.i18n import catalogue, current_language, t

logger = logging.getLogger(__name__)

# Errors an engine call on a job's results may raise. MoslikError texts are written for
# users. A RuntimeError (a failed SQL step, see engine.db.run_sql) or a duckdb.Error carries
# SQL and internal names, so the page shows only the summary and the log keeps the text.
ENGINE_ERRORS = (MoslikError, RuntimeError, duckdb.Error)

Detail = str | Message | MoslikError


def user_detail(exc: BaseException) -> MoslikError | None:
    """Return `exc` when its text is written for users, else None."""
    return exc if isinstance(exc, MoslikError) else None


def job_failure(job: Job) -> Detail | list[Detail]:
    """Return a failed job's engine messages with their catalogue keys, else its English message.

    The job runner stores the messages in the job's summary as `{"errors": [record, ...]}`
    (see engine.jobs.worker). Jobs that failed without them keep only `job.message`.
    """
    records = (job.summary or {}).get("errors")
    if not records:
        return job.message
    return [_stored_message(record) for record in records]


def _stored_message(record: dict) -> Message:
    params = {name: _stored_message(value) if isinstance(value, dict) else value
              for name, value in record.get("params", {}).items()}
    return Message(record["text"], record.get("key"), params)


def error_text(error: Detail) -> str:
    """Return an engine message in the session's language, or its English text when it has no catalogue entry."""
    return translate(error, current_language())[0]


def show_failure(summary: str, detail: Detail | list[Detail] | None = None) -> None:
    """Show `summary` as an error and the engine's `detail` lines quoted below it."""
    st.error(summary)
    if detail is None or detail == []:
        return
    items = detail if isinstance(detail, list) else [detail]

    language = current_language()
    rendered = [translate(item, language) for item in items]
    translated = language == "en" or all(done for _, done in rendered)
    st.caption(t("failure.detail_label" if translated else "failure.detail_label_english"))
    # A code block shows the text as it is: no Markdown or HTML from file values or paths.
    st.code("\n".join(text for text, _ in rendered), language=None, wrap_lines=True)


def translate(error: Detail, language: str) -> tuple[str, bool]:
    """Return the text of `error` in `language` and whether all of it came from the catalogue."""
    key = getattr(error, "key", None)
    template = catalogue(language).get(key) if key else None
    if template is None:
        return str(error), False

    params, translated = {}, True
    for name, value in getattr(error, "params", {}).items():
        if isinstance(value, Message | MoslikError):
            value, done = translate(value, language)
            translated = translated and done
        params[name] = value
    try:
        return template.format(**params), translated
    except (KeyError, IndexError, ValueError) as exc:
        logger.warning("message %s in %s does not fit the parameters %s: %s", key, language, sorted(params), exc)
        return str(error), False
