"""Dependencies of the routes: the signed-in user, and resources that must belong to them."""

import logging
import re
from typing import Annotated

from fastapi import Depends, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from api.security import TokenError, read_token
from api.state import AppState, app_state
from engine.store import Job, Upload, User

logger = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False, description="JWT from POST /api/v1/auth/login")

HEX_ID = re.compile(r"[0-9a-f]{32}")
INVALID_TOKEN = "invalid or expired token; log in again to get a new one"

State = Annotated[AppState, Depends(app_state)]


def unauthorized(details: str) -> ApiError:
    return ApiError(401, details, headers={"WWW-Authenticate": "Bearer"})


def user_from_token(state: AppState, token: str) -> tuple[User, dict]:
    """Return the enabled user a token names, with its claims; raises a 401 ApiError otherwise."""
    try:
        claims = read_token(state.secret, token)
    except TokenError as exc:
        # The reason (bad signature, expiry, undecodable header) stays in the log.
        logger.debug("rejected a token: %s", exc)
        raise unauthorized(INVALID_TOKEN) from None
    user = state.store.users.get_by_id(claims["uid"])
    if user is None or user.username != claims["sub"] or user.disabled:
        raise unauthorized("the token's user does not exist or is disabled; log in again")
    if claims["iat"] < user.password_changed_at:
        raise unauthorized("the password changed after this token was issued; log in again")
    return user, claims


def _current(state: State,
             credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> tuple[User, dict]:
    if credentials is None:
        raise unauthorized("missing token; send the header 'Authorization: Bearer <token>' "
                           "with a token from POST /api/v1/auth/login")
    return user_from_token(state, credentials.credentials)


def _current_user(session: Annotated[tuple[User, dict], Depends(_current)]) -> User:
    return session[0]


def _admin_user(user: Annotated[User, Depends(_current_user)]) -> User:
    if not user.is_admin:
        raise ApiError(403, f"user {user.username!r} has role 'user'; managing users needs role 'admin'")
    return user


CurrentSession = Annotated[tuple[User, dict], Depends(_current)]
CurrentUser = Annotated[User, Depends(_current_user)]
AdminUser = Annotated[User, Depends(_admin_user)]

OperationId = Annotated[str | None, Query(
    description="A job id from POST /processing/start; without it, the latest job is used",
    pattern=f"^{HEX_ID.pattern}$")]
UploadId = Annotated[str | None, Query(
    description="An upload id from POST /files/upload; without it, the latest upload is used",
    pattern=f"^{HEX_ID.pattern}$")]


def is_hex_id(value: object) -> bool:
    """Return whether `value` has the form of an upload or job id: 32 lowercase hex digits."""
    return isinstance(value, str) and HEX_ID.fullmatch(value) is not None


def find_upload(state: AppState, user: User, upload_id: str | None) -> Upload:
    """Return the user's upload by id, or their latest one; 404 when there is none."""
    if upload_id is None:
        upload = state.store.uploads.latest(user.id)
        if upload is None:
            raise ApiError(404, "no uploaded files; upload two with POST /api/v1/files/upload first")
        return upload
    if not is_hex_id(upload_id):
        raise ApiError(400, "upload_id must be an id from POST /api/v1/files/upload (32 lowercase hex digits)")
    upload = state.store.uploads.get(user.id, upload_id)
    if upload is None:
        raise ApiError(404, f"upload {upload_id} not found; use an upload_id returned by POST /api/v1/files/upload")
    return upload


def find_job(state: AppState, user: User, operation_id: str | None) -> Job:
    """Return the user's job by id, or their latest one; 404 when there is none."""
    if operation_id is None:
        job = state.store.jobs.latest(user.id)
        if job is None:
            raise ApiError(404, "no processing operation; start one with POST /api/v1/processing/start")
        return job
    if not is_hex_id(operation_id):
        # Socket.IO events reach here without the query pattern check, so the value is not shown.
        raise ApiError(400, "operation_id must be an id from POST /api/v1/processing/start (32 lowercase hex digits)")
    job = state.store.jobs.get(user.id, operation_id)
    if job is None:
        raise ApiError(404, f"operation {operation_id} not found; use an operation_id from POST /api/v1/processing/start")
    return job


def _user_upload(state: State, user: CurrentUser, upload_id: UploadId = None) -> Upload:
    return find_upload(state, user, upload_id)


def _user_job(state: State, user: CurrentUser, operation_id: OperationId = None) -> Job:
    return find_job(state, user, operation_id)


UserUpload = Annotated[Upload, Depends(_user_upload)]
UserJob = Annotated[Job, Depends(_user_job)]
