"""Uploading a pair of files, and validating or previewing the stored pair."""

import logging
from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile

from api.deps import CurrentUser, State, UploadId, UserUpload, find_upload
from api.errors import ApiError
from api.models import PreviewResponse, UploadedFile, ValidateResponse, error_responses
from engine.ingest import inspect_file
from engine.store import StoredFile, Upload
from engine.store.errors import EmptyUpload, UnsupportedUpload, UploadTooLarge
from engine.store.intake import IncomingFile, store_pair

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/files", tags=["files"])


@router.post("/upload", response_model=list[UploadedFile], response_model_exclude_none=True,
             responses=error_responses(400, 401, 413, 429))
def upload_files(user: CurrentUser, state: State,
                 file1: Annotated[UploadFile, File(description="First file: CSV/TSV, JSON, XLSX or Parquet")],
                 file2: Annotated[UploadFile, File(description="Second file: CSV/TSV, JSON, XLSX or Parquet")]) -> list[dict]:
    """Store two files as a new upload; later calls use it unless they name another `upload_id`."""
    files = [IncomingFile(item.filename, item.file) for item in (file1, file2)]
    try:
        upload = store_pair(state.store, user.id, files, state.settings.max_upload_bytes)
    except UploadTooLarge as exc:
        raise ApiError(413, str(exc)) from None
    except EmptyUpload as exc:
        raise ApiError(400, str(exc), "Empty File") from None
    except UnsupportedUpload as exc:
        raise ApiError(400, str(exc), "Unsupported File") from None

    logger.info("user %s uploaded %s", user.username, upload.id)
    return [_describe(upload, item) for item in upload.files]


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
