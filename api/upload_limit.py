"""Rejects an upload body over the size limit with 413 while it streams in.

A declared Content-Length over the limit is rejected before any byte is read. Otherwise the
body is counted as it arrives, and at the limit the request is cut off, so the server never
reads (or spools to disk) more than the limit.
"""

import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

logger = logging.getLogger(__name__)

UPLOAD_PATH = "/api/v1/files/upload"
# Room for the multipart boundaries and headers around the two files.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


class UploadSizeLimitMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != UPLOAD_PATH:
            await self.app(scope, receive, send)
            return

        settings = scope["app"].state.moslik.settings
        limit = 2 * settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES
        response = error_response(
            413, f"the upload is larger than the limit of {settings.max_upload_mb} MiB per file "
                 "(MOSLIK_MAX_UPLOAD_MB); send smaller files")

        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await response(scope, receive, send)
            return

        guard = _BodyGuard(receive, send, limit)
        try:
            await self.app(scope, guard.receive, guard.send)
        except Exception:
            if not guard.exceeded:
                raise
        if guard.exceeded and not guard.response_started:
            logger.info("rejected an upload over %s bytes", limit)
            await response(scope, receive, send)


class _BodyGuard:
    def __init__(self, receive: Receive, send: Send, limit: int):
        self._receive = receive
        self._send = send
        self.limit = limit
        self.received = 0
        self.exceeded = False
        self.response_started = False

    async def receive(self) -> Message:
        if self.exceeded:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                self.exceeded = True
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        # Once the body is cut off, the app's own response (to a disconnect) is dropped.
        if self.exceeded:
            return
        self.response_started = True
        await self._send(message)
