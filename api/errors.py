"""Error bodies: every error the API returns is `{error, details, timestamp}`.

Handlers cover raised ApiErrors, Starlette's HTTP errors (404, 405), request validation
(returned as 400, not FastAPI's 422) and any other exception (500, stack trace only in the log).
"""

import logging
import re
from datetime import UTC, datetime
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

REQUEST_PARTS = ("body", "query", "path", "header", "cookie")
# Parts whose rejected values may appear in an error body: never a whole body or a header.
SHOWN_VALUE_PARTS = ("query", "path", "body")
SECRET_NAME = re.compile(r"pass|token|secret|key|auth|credential", re.IGNORECASE)
MAX_SHOWN_CHARS = 80
# Pydantic error types for a body that is JSON but not an object, or not JSON at all.
BODY_NOT_OBJECT = ("model_attributes_type", "model_type", "dict_type")


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
    """Join pydantic errors as 'field: problem' items, one per problem.

    A rejected value is shown only for a single query, path or body field whose name does not
    look like a secret (password, token, key). The whole body is never shown, because a body
    that fails to parse may be a form such as `username=...&password=...`.
    """
    return "; ".join(_describe(error) for error in errors)


def _describe(error: dict) -> str:
    location = [str(part) for part in error.get("loc", ())]
    source = location.pop(0) if location and location[0] in REQUEST_PARTS else "body"
    kind = error.get("type")
    if kind == "json_invalid":
        # FastAPI gives the character where parsing stopped as the location, not a field.
        reason = error.get("ctx", {}).get("error", error["msg"])
        where = f" at character {location[0]}" if location else ""
        return f"request body: invalid JSON{where} ({reason}); send a JSON object"
    if not location and source == "body":
        return _describe_body(kind, error)

    field = ".".join(location) or source
    if kind == "missing":
        return f"{field}: required field is missing"
    return f"{field}: {error['msg']}{_shown_value(source, field, error.get('input'))}"


def _describe_body(kind: str | None, error: dict) -> str:
    if kind == "missing":
        return "the request body is missing; send a JSON object with Content-Type: application/json"
    if kind in BODY_NOT_OBJECT:
        return ("the request body must be a JSON object sent with Content-Type: application/json; "
                "form data and plain text are not accepted")
    return f"request body: {error['msg']}"


def _shown_value(source: str, field: str, value: object) -> str:
    if source not in SHOWN_VALUE_PARTS or SECRET_NAME.search(field):
        return ""
    if value is None or isinstance(value, dict | list | bytes):
        return ""
    text = repr(value)
    if len(text) > MAX_SHOWN_CHARS:
        text = text[:MAX_SHOWN_CHARS] + "..."
    return f" (got {text})"


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
