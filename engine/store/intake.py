"""Storing an uploaded pair of files: the API and the Streamlit app both upload through here.

The bytes are kept untouched under generated names in the user's workspace, and the pair is
recorded in the store, so an upload made in one face can be used in the other.
"""

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from engine.errors import InputError
from engine.ingest.sniff import detect_format
from engine.store import Store, StoredFile, Upload, new_id
from engine.store.errors import EmptyUpload, UnsupportedUpload, UploadTooLarge

logger = logging.getLogger(__name__)

# Extensions kept on the stored copy, so that readers that look at the suffix see the right one.
KNOWN_SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".parquet"}
COPY_CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class IncomingFile:
    """One file of a pair: the name the client sent (may be empty) and a binary stream of its bytes."""

    name: str | None
    source: BinaryIO


def store_pair(store: Store, user_id: int, files: list[IncomingFile], max_bytes: int) -> Upload:
    """Store two files as a new upload of `user_id` and return it.

    Raises UploadTooLarge, EmptyUpload or UnsupportedUpload for the first bad file, and then
    keeps nothing of the pair.
    """
    upload_id = new_id()
    folder = store.workspace.upload_dir(user_id, upload_id)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        stored = [_store_file(folder, slot, item, max_bytes) for slot, item in enumerate(files, start=1)]
        upload = store.uploads.add(user_id, upload_id, stored)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    logger.info("user %s uploaded %s (%s bytes)", user_id, upload_id,
                " + ".join(str(item.size_bytes) for item in stored))
    return upload


def _store_file(folder: Path, slot: int, item: IncomingFile, max_bytes: int) -> StoredFile:
    original = Path(item.name or f"file{slot}").name or f"file{slot}"
    suffix = Path(original).suffix.lower()
    stored_name = f"file{slot}_{new_id()}{suffix if suffix in KNOWN_SUFFIXES else ''}"
    target = folder / stored_name
    where = {"slot": slot, "original_name": original, "limit_bytes": max_bytes}

    size = copy_limited(item.source, target, max_bytes)
    if size > max_bytes:
        limit_mb = max_bytes // (1024 * 1024)
        raise UploadTooLarge(
            f"file{slot} ({original!r}) is larger than the limit of {limit_mb} MiB "
            "(MOSLIK_MAX_UPLOAD_MB); split it or ask the administrator to raise the limit",
            key="store.upload_too_large", params={"limit_mb": limit_mb}, **where)
    if size == 0:
        raise EmptyUpload(
            f"file{slot} ({original!r}) is empty (0 bytes); upload a CSV/TSV, JSON, XLSX or "
            "Parquet file whose first row names the columns, followed by at least one record",
            key="store.empty_upload", **where)
    try:
        # The original name, not the stored one, is the name the messages should show.
        detected = detect_format(target, original)
    except InputError as exc:
        raise UnsupportedUpload(f"file{slot}: {exc}", problem=exc, **where) from None

    encoding = detected.encoding.name if detected.encoding else None
    delimiter = detected.delimiter if detected.file_type == "csv" else None
    return StoredFile(slot, original, stored_name, detected.file_type, encoding, delimiter, size)


def copy_limited(source: BinaryIO, target: Path, limit: int) -> int:
    """Copy `source` to `target` in chunks and return the bytes read.

    Copying stops one chunk past `limit`, so a return value above `limit` means the file is
    too large and `target` holds only its start.
    """
    size = 0
    with target.open("wb") as out:
        while chunk := source.read(COPY_CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                break
            out.write(chunk)
    return size
