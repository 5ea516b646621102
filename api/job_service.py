"""Starting, describing and cancelling jobs: shared by the REST routes and Socket.IO."""

import logging
from functools import lru_cache
from pathlib import Path

from api.deps import find_job, find_upload, is_hex_id
from api.errors import ApiError
from api.state import AppState
from engine.config import parse_config_for
from engine.errors import ConfigError, InputError
from engine.ingest import inspect_file
from engine.store import Job, Upload, User

logger = logging.getLogger(__name__)

# Passed by callers that received no body at all, to tell that apart from a JSON null.
MISSING_BODY = object()
JSON_TYPE_NAMES = {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string", list: "array"}

RESULT_NAMES = {
    "matched": "Matched Results",
    "low_confidence": "Low Confidence Matches",
    "unmatched_1": "Unmatched from File 1",
    "unmatched_2": "Unmatched from File 2",
}


def start_job(state: AppState, user: User, body: object) -> Job:
    """Validate a start request (the config plus an optional `upload_id`) and queue the job.

    Raises a 400 ApiError that lists every problem of the config at once.
    """
    if not isinstance(body, dict):
        raise ApiError(400, _not_object_message(body), "Invalid Config")
    config_body = dict(body)
    upload_id = config_body.pop("upload_id", None)
    if upload_id is not None and not is_hex_id(upload_id):
        raise ApiError(400, "upload_id must be an id from POST /api/v1/files/upload (32 lowercase hex digits); "
                            "leave it out to use the latest upload", "Invalid Config")
    upload = find_upload(state, user, upload_id)

    try:
        config = parse_config_for(config_body, *_upload_columns(upload))
    except ConfigError as exc:
        raise ApiError(400, "; ".join(exc.problems), "Invalid Config") from None

    job = state.runner.start(user.id, upload, config.model_dump(mode="json"), config.output_path)
    logger.info("user %s started job %s on upload %s", user.username, job.id, upload.id)
    return job


def _not_object_message(body: object) -> str:
    if body is MISSING_BODY:
        return "the request body is missing: send the processing config as JSON"
    kind = JSON_TYPE_NAMES.get(type(body), type(body).__name__)
    return f"the request body is a JSON {kind}; send the processing config as a JSON object"


def _upload_columns(upload: Upload) -> tuple[list[str], list[str]]:
    names = [item.original_name for item in upload.files]
    try:
        return _column_names(upload.path(1), names[0]), _column_names(upload.path(2), names[1])
    except InputError as exc:
        raise ApiError(400, f"an uploaded file cannot be read: {exc} GET /api/v1/files/validate "
                            "lists every problem", "Invalid Config") from None


@lru_cache(maxsize=256)
def _column_names(path: Path, display_name: str) -> list[str]:
    # Uploads never change after they are stored, so their column names can be cached.
    report = inspect_file(path, preview_rows=0, display_name=display_name)
    if not report.valid:
        raise InputError(" ".join(report.errors))
    return list(report.column_names)


def cancel_job(state: AppState, user: User, operation_id: str | None) -> Job:
    """Ask the user's job to stop; 400 when it has already finished."""
    job = find_job(state, user, operation_id)
    if not state.runner.cancel(job):
        raise ApiError(400, f"operation {job.id} is already {job.status}; only a starting or processing job can be cancelled")
    logger.info("user %s cancelled job %s", user.username, job.id)
    return job


def job_status(job: Job) -> dict:
    """Describe a job with the fields of GET /processing/status."""
    return {
        "operation_id": job.id, "upload_id": job.upload_id, "status": job.status,
        "progress": round(job.progress, 1), "stage": job.stage, "message": job.message,
        "elapsed_time": round(job.seconds_since_created, 1),
        "estimated_remaining": None if job.remaining is None else round(job.remaining, 1),
        "can_cancel": job.active and not job.cancel_requested,
        "created_at": job.created_at, "finished_at": job.finished_at,
    }


def result_files(job: Job, counts: dict[str, int] | None = None) -> list[dict]:
    """List a completed job's result files with their counts and columns.

    `counts` are the current ones when a review has re-selected since the job ran; None uses
    the counts the job finished with.
    """
    summary = job.summary or {}
    files = summary.get("files", {})
    counts = counts if counts is not None else summary.get("counts", {})
    return [
        {"name": RESULT_NAMES[kind], "path": f"{job.output_name}_{job.id}/{files[kind]}", "type": kind,
         "count": counts.get(kind, 0), "columns": summary.get("columns", {}).get(kind, []),
         "operation_id": job.id}
        for kind in RESULT_NAMES if kind in files
    ]
