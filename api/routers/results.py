"""Result files of a completed job: list, pages with search, downloads and cleanup."""

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from api.deps import HEX_ID, CurrentUser, OperationId, State, UserJob, find_job
from api.errors import ApiError
from api.job_service import result_files
from api.models import CleanupResponse, ResultFile, ResultPage, error_responses
from engine.results import (
    JobNotFinished,
    ResultRequestError,
    result_page,
    result_summary,
)
from engine.review import result_file
from engine.store import Job
from engine.store.cleanup import clean_up
from engine.store.errors import JobNotFound

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/results", tags=["results"])

ResultType = Literal["matched", "low_confidence", "unmatched_1", "unmatched_2"]
FileType = Annotated[ResultType, PathParam(description="Which result table")]

MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".parquet": "application/vnd.apache.parquet",
}


def _completed(job: Job) -> Job:
    if job.status in ("failed", "cancelled"):
        raise ApiError(400, f"operation {job.id} is {job.status}, so it has no results; "
                            "start it again with POST /api/v1/processing/start")
    if job.status != "completed":
        raise ApiError(400, f"operation {job.id} is {job.status}, so it has no results yet; "
                            "wait until GET /api/v1/processing/status shows 'completed'")
    return job


def _file_name(job: Job, file_type: str) -> str:
    files = (job.summary or {}).get("files", {})
    if file_type not in files:
        raise ApiError(404, f"operation {job.id} has no {file_type!r} results; "
                            "unmatched files exist only with generate_unmatched: true")
    return files[file_type]


@router.get("/files", response_model=list[ResultFile], responses=error_responses(400, 401, 404))
def list_result_files(job: UserJob, state: State) -> list[dict]:
    """List the result files of the latest job (or `operation_id`) with counts and columns.

    The counts are those of the current selection, after any review in the app.
    """
    job = _completed(job)
    try:
        summary = result_summary(state.store.workspace.job_dir(job.user_id, job.id))
    except (JobNotFinished, ResultRequestError):
        return result_files(job)
    return result_files(job, {name: found["count"] for name, found in summary.items()})


@router.get("/data/{file_type}", response_model=ResultPage, responses=error_responses(400, 401, 404))
def get_result_data(file_type: FileType, user: CurrentUser, state: State, operation_id: OperationId = None,
                    page: Annotated[int, Query(ge=1, le=10_000_000, description="Page number, from 1")] = 1,
                    per_page: Annotated[int, Query(ge=1, le=1000, description="Rows per page, 1 to 1000")] = 50,
                    search: Annotated[str | None, Query(max_length=200, description="Case-insensitive text to find in any column")] = None,
                    ) -> dict:
    """Return one page of a result table, optionally filtered by `search`."""
    job = find_job(state, user, operation_id)  # looked up here, so that bad paging is reported first
    _file_name(_completed(job), file_type)
    job_dir = state.store.workspace.job_dir(job.user_id, job.id)
    try:
        return result_page(job_dir, file_type, page=page, per_page=per_page, search=search or None)
    except JobNotFinished:
        # The engine's message names the server's folder, so the client gets this one instead.
        raise ApiError(404, f"the result database of operation {job.id} is gone; run the job again") from None
    except ResultRequestError as exc:
        raise ApiError(400, str(exc)) from None


@router.get("/download/{file_type}", responses={200: {"description": "The result file",
                                                      "content": {media: {} for media in MEDIA_TYPES.values()}},
                                                **error_responses(400, 401, 404)},
            response_class=FileResponse)
def download_result(file_type: FileType, job: UserJob, state: State) -> FileResponse:
    """Download a result file in the job's output format."""
    name = _file_name(_completed(job), file_type)
    path = state.runner.result_dir(job) / name
    try:
        # A review in the app may have re-selected since the job ran: write the file again.
        path = result_file(state.store.workspace.job_dir(job.user_id, job.id), file_type)
    except (JobNotFinished, ResultRequestError) as exc:
        logger.info("job %s: serving the stored %s file (%s)", job.id, file_type, exc)
    if not path.is_file():
        raise ApiError(404, f"the {file_type!r} file of operation {job.id} is gone; it may have been cleaned up")
    media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media_type, filename=f"{file_type}{path.suffix}")


# Unlike the other routes, no operation_id here means every finished job, not the latest one.
CleanupOperationId = Annotated[str | None, Query(
    description="A job id from POST /processing/start to clean up that job only; without it, "
                "every finished job of yours and your uploads are removed",
    pattern=f"^{HEX_ID.pattern}$")]


@router.delete("/cleanup", response_model=CleanupResponse, responses=error_responses(401, 404))
def cleanup_results(user: CurrentUser, state: State,
                    operation_id: CleanupOperationId = None) -> CleanupResponse:
    """Delete your finished jobs' results and your uploads, or only those of `operation_id`.

    Running jobs are kept, and so are the uploads that any remaining job used.
    """
    try:
        counts = clean_up(state.store, user.id, operation_id)
    except JobNotFound:
        raise ApiError(404, f"operation {operation_id} not found; use an operation_id from POST /api/v1/processing/start") from None

    total = counts.result_files + counts.upload_files
    logger.info("user %s cleaned up %d files", user.username, total)
    return CleanupResponse(success=True, removed_result_files=counts.result_files,
                           removed_upload_files=counts.upload_files, message=f"Cleaned up {total} files")
