"""Inspecting stored uploads for the app's pages. engine.store.intake stores them."""

from pathlib import Path

import streamlit as st

from engine.ingest import IngestReport, inspect_file
from engine.store import Upload

SAMPLE_ROWS = 200


@st.cache_data(show_spinner=False, max_entries=64)
def inspect_stored(path: str, display_name: str, preview_rows: int = 5) -> IngestReport:
    """Inspect a stored upload file; cached because stored uploads never change."""
    return inspect_file(Path(path), preview_rows=preview_rows, display_name=display_name)


def inspect_upload(upload: Upload) -> list[IngestReport]:
    """Inspect both files of an upload, with SAMPLE_ROWS rows of preview each.

    One inspection serves the page's preview and the mapping suggestions, so a large file is
    read once, not twice.
    """
    return [inspect_stored(str(upload.path(item.slot)), item.original_name, SAMPLE_ROWS)
            for item in upload.files]


def column_samples(upload: Upload) -> list[dict[str, list[str]]]:
    """Return up to SAMPLE_ROWS non-empty values of every column of both files."""
    samples = []
    for report in inspect_upload(upload):
        columns = {name: [] for name in report.column_names}
        for row in report.preview:
            for name in report.column_names:
                value = row.get(name)
                if value not in (None, ""):
                    columns[name].append(value)
        samples.append(columns)
    return samples
