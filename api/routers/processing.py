"""Starting, watching and cancelling processing jobs."""

import json

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from api.deps import CurrentUser, OperationId, State, UserJob
from api.errors import ApiError
from api.job_service import MISSING_BODY, cancel_job, job_status, start_job
from api.models import CancelResponse, JobStatus, error_responses

router = APIRouter(prefix="/processing", tags=["processing"])


@router.post("/start", response_model=JobStatus, responses=error_responses(400, 401, 404, 429),
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"$ref": "#/components/schemas/StartRequest"}}}}})
async def start_processing(request: Request, user: CurrentUser, state: State) -> dict:
    """Start matching the latest upload (or `upload_id`) with this config."""
    # The body is read raw, so that the engine's own config check reports every problem.
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else MISSING_BODY
    except UnicodeDecodeError:
        raise ApiError(400, "the request body is not UTF-8 text; send the config as a JSON object in UTF-8",
                       "Invalid Config") from None
    except json.JSONDecodeError as exc:
        # The decoder's message gives only the position, never the body's text.
        raise ApiError(400, f"request body: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); "
                            "send the config as a JSON object", "Invalid Config") from None
    job = await run_in_threadpool(start_job, state, user, body)
    return job_status(job)


@router.get("/status", response_model=JobStatus, responses=error_responses(400, 401, 404))
def get_status(job: UserJob) -> dict:
    """Return the state of the latest job, or of `operation_id`."""
    return job_status(job)


@router.post("/cancel", response_model=CancelResponse, responses=error_responses(400, 401, 404, 429))
def cancel_processing(user: CurrentUser, state: State, operation_id: OperationId = None) -> CancelResponse:
    """Cancel the latest job, or `operation_id`; its partial results are removed."""
    job = cancel_job(state, user, operation_id)
    return CancelResponse(success=True, message="Processing cancelled successfully", operation_id=job.id)


@router.get("/jobs", response_model=list[JobStatus], responses=error_responses(401))
def list_jobs(user: CurrentUser, state: State) -> list[dict]:
    """List your jobs, newest first."""
    return [job_status(job) for job in state.store.jobs.list_for(user.id)]
