"""Login, token check, and user management for administrators."""

import logging

from fastapi import APIRouter

from api.deps import AdminUser, CurrentSession, State
from api.errors import ApiError
from api.models import (
    LoginRequest,
    NewPassword,
    NewUser,
    TokenResponse,
    UserRecord,
    VerifyResponse,
    error_responses,
)
from api.security import issue_token
from engine.store.errors import (
    InvalidPassword,
    InvalidUsername,
    UserExists,
    UserNotFound,
)
from engine.store.users import User

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])

BAD_LOGIN = "invalid username or password"


def _record(user: User) -> UserRecord:
    return UserRecord(username=user.username, role=user.role, disabled=user.disabled, created_at=user.created_at)


@router.post("/login", response_model=TokenResponse, responses=error_responses(400, 401, 429))
def login(body: LoginRequest, state: State) -> TokenResponse:
    """Exchange a username and password for a JWT."""
    try:
        user = state.store.users.authenticate(body.username, body.password)
    except InvalidPassword as exc:
        raise ApiError(400, f"password: {exc}") from None
    if user is None:
        # One message for unknown users, wrong passwords and disabled accounts.
        logger.info("failed login")
        raise ApiError(401, f"{BAD_LOGIN}; check both and try again", headers={"WWW-Authenticate": "Bearer"})

    lifetime = state.settings.token_expiry_s
    token, _ = issue_token(state.secret, user.username, user.id, lifetime)
    logger.info("user %s logged in", user.username)
    return TokenResponse(access_token=token, expires_in=lifetime)


@router.get("/verify", response_model=VerifyResponse, responses=error_responses(401))
def verify_token(session: CurrentSession) -> VerifyResponse:
    """Check the bearer token and return its user and expiry."""
    user, claims = session
    return VerifyResponse(valid=True, user=user.username, role=user.role, expires_at=claims["exp"])


@router.get("/users", response_model=list[UserRecord], responses=error_responses(401, 403))
def list_users(admin: AdminUser, state: State) -> list[UserRecord]:
    """List every user (administrators only)."""
    return [_record(user) for user in state.store.users.all()]


@router.post("/users", response_model=UserRecord, status_code=201, responses=error_responses(400, 401, 403))
def create_user(body: NewUser, admin: AdminUser, state: State) -> UserRecord:
    """Create a user (administrators only)."""
    try:
        user = state.store.users.create(body.username, body.password, role=body.role)
    except (InvalidUsername, InvalidPassword, UserExists) as exc:
        raise ApiError(400, str(exc)) from None
    logger.info("admin %s created user %s", admin.username, user.username)
    return _record(user)


@router.post("/users/{username}/disable", response_model=UserRecord, responses=error_responses(400, 401, 403, 404))
def disable_user(username: str, admin: AdminUser, state: State) -> UserRecord:
    """Stop a user from logging in; their tokens stop working at once (administrators only)."""
    if username == admin.username:
        raise ApiError(400, "you cannot disable your own account; ask another administrator")
    return _record(_change(state, lambda: state.store.users.set_disabled(username, True)))


@router.post("/users/{username}/enable", response_model=UserRecord, responses=error_responses(401, 403, 404))
def enable_user(username: str, admin: AdminUser, state: State) -> UserRecord:
    """Let a disabled user log in again (administrators only)."""
    return _record(_change(state, lambda: state.store.users.set_disabled(username, False)))


@router.put("/users/{username}/password", response_model=UserRecord, responses=error_responses(400, 401, 403, 404))
def reset_password(username: str, body: NewPassword, admin: AdminUser, state: State) -> UserRecord:
    """Set a new password for a user (administrators only)."""
    return _record(_change(state, lambda: state.store.users.set_password(username, body.password)))


def _change(state: State, action) -> User:
    try:
        return action()
    except UserNotFound as exc:
        raise ApiError(404, str(exc)) from None
    except InvalidPassword as exc:
        raise ApiError(400, f"password: {exc}") from None
