"""Storing an uploaded pair of files the way the API does, and inspecting stored files.

The bytes are kept untouched under generated names in the user's workspace, and the pair is
recorded in the shared store, so an upload made here can be used through the API and the
other way round.
"""

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from engine.errors import InputError
from engine.ingest import IngestReport, inspect_file, sniff_format
from engine.store import Store, StoredFile, Upload, new_id

logger = logging.getLogger(__name__)

# Extensions kept on the stored copy, as the API keeps them, so that readers that look at
# the suffix see the right one.
KNOWN_SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".parquet"}
SAMPLE_ROWS = 200


@dataclass(frozen=True)
class IncomingFile:
    name: str
    data: bytes


class UploadRejected(Exception):
    """One file of a pair cannot be stored: too large, or not a supported format."""

    def __init__(self, slot: int, name: str, reason: str, detail: str = "", limit_mb: int = 0):
        super().__init__(f"file{slot} ({name!r}): {reason} {detail}".strip())
        self.slot, self.name, self.reason, self.detail, self.limit_mb = slot, name, reason, detail, limit_mb


def save_pair(store: Store, user_id: int, files: list[IncomingFile], max_bytes: int) -> Upload:
    """Store two files as a new upload of `user_id`; raises UploadRejected for a bad one."""
    upload_id = new_id()
    folder = store.workspace.upload_dir(user_id, upload_id)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        stored = [_store_file(folder, slot, item, max_bytes) for slot, item in enumerate(files, start=1)]
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    upload = store.uploads.add(user_id, upload_id, stored)
    logger.info("user %s uploaded %s (%d + %d bytes) in the app", user_id, upload_id,
                stored[0].size_bytes, stored[1].size_bytes)
    return upload


def _store_file(folder: Path, slot: int, item: IncomingFile, max_bytes: int) -> StoredFile:
    original = Path(item.name or f"file{slot}").name or f"file{slot}"
    if len(item.data) > max_bytes:
        raise UploadRejected(slot, original, "too_large", limit_mb=max_bytes // (1024 * 1024))

    suffix = Path(original).suffix.lower()
    stored_name = f"file{slot}_{new_id()}{suffix if suffix in KNOWN_SUFFIXES else ''}"
    target = folder / stored_name
    target.write_bytes(item.data)
    try:
        file_type, encoding, delimiter = sniff_format(target)
    except InputError as exc:
        detail = str(exc.args[0] if exc.args else exc).replace(stored_name, original)
        raise UploadRejected(slot, original, "unsupported", detail) from None
    return StoredFile(slot, original, stored_name, file_type, encoding,
                      delimiter if file_type == "csv" else None, len(item.data))


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
