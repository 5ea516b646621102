"""Error bodies: every error the API returns is `{error, details, timestamp}`.

Handlers cover raised ApiErrors, Starlette's HTTP errors (404, 405), request validation
(returned as 400, not FastAPI's 422) and any other exception (500, stack trace only in the log).
"""

import logging
from datetime import UTC, datetime
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with its HTTP status, a short type and details that name the value and the fix."""

    def __init__(self, status: int, details: str, error: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(details)
        self.status = status
        self.error = error or HTTPStatus(status).phrase
        self.details = details
        self.headers = headers


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def error_body(error: str, details: str) -> dict:
    return {"error": error, "details": details, "timestamp": timestamp()}


def error_response(status: int, details: str, error: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(error or HTTPStatus(status).phrase, details), status_code=status, headers=headers)


def describe_validation_errors(errors: list[dict]) -> str:
    """Join pydantic errors as 'field: problem (got value)' items, one per problem."""
    return "; ".join(_describe(error) for error in errors)


def _describe(error: dict) -> str:
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "header")]
    field = ".".join(location) or "request body"
    if error.get("type") == "missing":
        return f"{field}: required field is missing"
    if error.get("type") == "json_invalid":
        return f"request body: invalid JSON ({error.get('ctx', {}).get('error', error['msg'])}); send a JSON object"
    value = error.get("input")
    shown = "" if isinstance(value, dict | list) or value is None else f" (got {value!r})"
    return f"{field}: {error['msg']}{shown}"


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    if exc.status >= 500:
        logger.error("%s %s failed: %s", request.method, request.url.path, exc.details)
    return error_response(exc.status, exc.details, exc.error, exc.headers)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 404:
        details = (f"no endpoint at {request.url.path}; the endpoint list is at /api/v1/docs/"
                   if exc.detail == "Not Found" else str(exc.detail))
    elif exc.status_code == 405:
        details = f"{request.method} is not allowed on {request.url.path}; the allowed methods are listed at /api/v1/docs/"
    else:
        details = str(exc.detail)
    return error_response(exc.status_code, details, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(400, describe_validation_errors(exc.errors()), "Validation Error")


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("%s %s failed with an unexpected error", request.method, request.url.path)
    return error_response(500, "the server failed to handle this request; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
