"""Socket.IO on the API's port: live progress for a user's jobs.

A client connects with `auth: {token: <JWT>}`; connections without a valid token, and browser
connections from origins other than the server's own and MOSLIK_CORS_ORIGINS, are rejected.
The server sends `progress_update`, `processing_complete` and `processing_error` (also for a
cancelled job, with status `cancelled`) only to the job's owner, and accepts
`start_processing` (a config, as POST /processing/start takes) and `cancel_processing`
(optionally `{operation_id}`).
"""

import asyncio
import logging

import socketio

from api.deps import user_from_token
from api.errors import ApiError, error_body
from api.job_service import cancel_job, job_status, result_files, start_job
from api.state import AppState
from engine.store import Job

logger = logging.getLogger(__name__)


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def create_socket_server(state: AppState) -> socketio.AsyncServer:
    allowed = set(state.settings.cors_origins)

    def origin_allowed(origin, environ) -> bool:
        # A repeated Origin header reaches here joined with commas; every value must pass.
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        values = [] if origin is None else [item.strip() for item in origin.split(",")]
        return all(value == own or value in allowed for value in values)

    sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=origin_allowed)
    handlers = _Handlers(sio, state)
    sio.on("connect", handlers.connect)
    sio.on("start_processing", handlers.start_processing)
    sio.on("cancel_processing", handlers.cancel_processing)
    return sio


class _Handlers:
    def __init__(self, sio: socketio.AsyncServer, state: AppState):
        self.sio = sio
        self.state = state

    async def connect(self, sid, environ, auth):
        token = auth.get("token") if isinstance(auth, dict) else None
        if not token:
            raise socketio.exceptions.ConnectionRefusedError(
                "missing token; connect with auth: {token: <JWT from POST /api/v1/auth/login>}")
        try:
            user, _ = await asyncio.to_thread(user_from_token, self.state, token)
        except ApiError as exc:
            raise socketio.exceptions.ConnectionRefusedError(exc.details) from None
        await self.sio.save_session(sid, {"user_id": user.id})
        await self.sio.enter_room(sid, user_room(user.id))
        logger.info("socket %s connected for user %s", sid, user.username)

    async def start_processing(self, sid, data=None):
        """Start a job; the reply (acknowledgement) and `processing_started` carry its status."""
        body = data if data is not None else {}
        job = await self._call(sid, lambda user: start_job(self.state, user, body))
        if isinstance(job, dict):
            return job
        status = job_status(job)
        await self.sio.emit("processing_started", status, to=sid)
        return status

    async def cancel_processing(self, sid, data=None):
        operation_id = data.get("operation_id") if isinstance(data, dict) else None
        job = await self._call(sid, lambda user: cancel_job(self.state, user, operation_id))
        if isinstance(job, dict):
            return job
        return {"success": True, "message": "Processing cancelled successfully", "operation_id": job.id}

    async def _call(self, sid, action):
        """Run `action(user)` in a thread; on failure send `processing_error` and return the error reply."""
        try:
            user = await self._user(sid)
            self._check_rate(user.id)
            return await asyncio.to_thread(action, user)
        except ApiError as exc:
            error = exc
        except Exception:
            logger.exception("socket %s: a processing request failed", sid)
            error = ApiError(500, "the server failed to handle this request; the server log has the details")
        await self.sio.emit("processing_error", _error_event(error), to=sid)
        return {"success": False, **error_body(error.error, error.details)}

    async def _user(self, sid):
        session = await self.sio.get_session(sid)
        user = await asyncio.to_thread(self.state.store.users.get_by_id, session["user_id"])
        if user is None or user.disabled:
            raise ApiError(401, "the user of this connection does not exist or is disabled; log in again")
        return user

    def _check_rate(self, user_id: int) -> None:
        limited = self.state.limiter.hit(["authenticated", "processing"], f"user:{user_id}")
        if limited is not None:
            retry_after, limit = limited
            raise ApiError(429, f"rate limit {limit} exceeded; retry after {retry_after} s")


def _error_event(exc: ApiError) -> dict:
    return {"message": exc.details, "status": "failed", **error_body(exc.error, exc.details)}


def job_event(job: Job) -> tuple[str, dict]:
    """Return the Socket.IO event name and payload for a job's latest state."""
    status = job_status(job)
    if job.status == "completed":
        return "processing_complete", {**status, "results": result_files(job)}
    if job.status in ("failed", "cancelled"):
        return "processing_error", {**status, "error": job.status.capitalize(), "details": job.message}
    return "progress_update", status


class SocketRelay:
    """Forwards job events from runner threads to the event loop that owns the socket server."""

    def __init__(self, sio: socketio.AsyncServer):
        self.sio = sio
        self.loop: asyncio.AbstractEventLoop | None = None

    def __call__(self, event: str, job: Job) -> None:
        if self.loop is None or job is None:
            return
        name, payload = job_event(job)
        asyncio.run_coroutine_threadsafe(self.sio.emit(name, payload, room=user_room(job.user_id)), self.loop)
