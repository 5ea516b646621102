"""Uploading a pair of files, and validating or previewing the stored pair."""

import logging
import shutil
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile

from api.deps import CurrentUser, State, UploadId, UserUpload, find_upload
from api.errors import ApiError
from api.models import PreviewResponse, UploadedFile, ValidateResponse, error_responses
from engine.errors import InputError
from engine.ingest import inspect_file, sniff_format
from engine.store import StoredFile, Upload, new_id

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/files", tags=["files"])

# Extensions kept on the stored copy, so that readers that look at the suffix see the right one.
KNOWN_SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".parquet"}
COPY_CHUNK_BYTES = 1024 * 1024


@router.post("/upload", response_model=list[UploadedFile], response_model_exclude_none=True,
             responses=error_responses(400, 401, 413, 429))
def upload_files(user: CurrentUser, state: State,
                 file1: Annotated[UploadFile, File(description="First file: CSV/TSV, JSON, XLSX or Parquet")],
                 file2: Annotated[UploadFile, File(description="Second file: CSV/TSV, JSON, XLSX or Parquet")]) -> list[dict]:
    """Store two files as a new upload; later calls use it unless they name another `upload_id`."""
    upload_id = new_id()
    folder = state.store.workspace.upload_dir(user.id, upload_id)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        stored = [_store_file(state, folder, slot, item) for slot, item in ((1, file1), (2, file2))]
        upload = state.store.uploads.add(user.id, upload_id, stored)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    logger.info("user %s uploaded %s (%d + %d bytes)", user.username, upload_id, stored[0].size_bytes, stored[1].size_bytes)
    return [_describe(upload, item) for item in upload.files]


def _store_file(state: State, folder: Path, slot: int, item: UploadFile) -> StoredFile:
    original = Path(item.filename or f"file{slot}").name or f"file{slot}"
    suffix = Path(original).suffix.lower()
    stored_name = f"file{slot}_{new_id()}{suffix if suffix in KNOWN_SUFFIXES else ''}"
    target = folder / stored_name

    limit = state.settings.max_upload_bytes
    size = _copy(item, target, limit)
    if size > limit:
        raise ApiError(413, f"file{slot} ({original!r}) is larger than the limit of {state.settings.max_upload_mb} MiB "
                            "(MOSLIK_MAX_UPLOAD_MB); split it or ask the administrator to raise the limit")
    if size == 0:
        raise ApiError(400, f"file{slot} ({original!r}) is empty (0 bytes); upload a CSV/TSV, JSON, XLSX or "
                            "Parquet file whose first row names the columns, followed by at least one record",
                       "Empty File")
    try:
        file_type, encoding, delimiter = sniff_format(target)
    except InputError as exc:
        # The engine names the file by its stored name, so the original name is put back.
        message = str(exc.args[0] if exc.args else exc).replace(stored_name, original)
        raise ApiError(400, f"file{slot}: {message}", "Unsupported File") from None
    return StoredFile(slot, original, stored_name, file_type, encoding, delimiter if file_type == "csv" else None, size)


def _copy(item: UploadFile, target: Path, limit: int) -> int:
    """Copy the spooled upload to `target` in chunks; stops one chunk past `limit`."""
    size = 0
    with target.open("wb") as out:
        while chunk := item.file.read(COPY_CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                break
            out.write(chunk)
    return size


def _describe(upload: Upload, item: StoredFile) -> dict:
    record = {"original_name": item.original_name, "unique_name": item.stored_name, "file_type": item.file_type,
              "encoding": item.encoding, "size_bytes": item.size_bytes,
              "upload_timestamp": upload.created_at[:19] + "Z", "upload_id": upload.id}
    if item.delimiter is not None:
        record["delimiter"] = item.delimiter
    return record


@router.get("/validate", response_model=ValidateResponse, responses=error_responses(400, 401, 404))
def validate_files(upload: UserUpload) -> dict:
    """Check both files of the latest upload (or `upload_id`) and describe their structure."""
    reports = [_inspect(upload, slot, 5) for slot in (1, 2)]
    return {"upload_id": upload.id,
            **{f"file{slot}": {"validation": _validation(report), "preview": _preview(report)}
               for slot, report in zip((1, 2), reports, strict=True)}}


@router.get("/preview", response_model=PreviewResponse, responses=error_responses(400, 401, 404))
def preview_files(user: CurrentUser, state: State, upload_id: UploadId = None,
                  rows: Annotated[int, Query(ge=1, le=100, description="Rows per file, 1 to 100")] = 5) -> dict:
    """Return the first `rows` rows of both files."""
    upload = find_upload(state, user, upload_id)  # looked up here, so that a bad `rows` is reported first
    return {"upload_id": upload.id, **{f"file{slot}": _preview(_inspect(upload, slot, rows)) for slot in (1, 2)}}


def _inspect(upload: Upload, slot: int, rows: int):
    return inspect_file(upload.path(slot), preview_rows=rows, display_name=upload.files[slot - 1].original_name)


def _validation(report) -> dict:
    info = {"rows": report.rows, "columns": report.columns, "column_names": report.column_names,
            "file_type": report.file_type, "encoding": report.encoding, "delimiter": report.delimiter}
    return {"valid": report.valid, "errors": report.errors, "warnings": report.warnings, "info": info}


def _preview(report) -> dict:
    return {"columns": report.column_names, "preview": report.preview, "total_rows": report.rows}
