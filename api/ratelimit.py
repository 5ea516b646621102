"""Rate limits per minute and per hour, in four buckets (moving windows, in memory).

Every request counts against `default` (per client address) or, with a valid token,
`authenticated` (per user). Uploads also count against `upload`, and processing starts and
cancels against `processing`, both per user (per address without a token). A request over
any limit gets 429 with `Retry-After` and the error body.
"""

import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response
from api.security import TokenError, read_token
from engine.settings import Settings

# NOTE: counters live in this process's memory, so they reset on restart and are not shared
# between several server processes.
SPECIAL_BUCKETS = {
    ("POST", "/api/v1/files/upload"): "upload",
    ("POST", "/api/v1/processing/start"): "processing",
    ("POST", "/api/v1/processing/cancel"): "processing",
}


class RateLimiter:
    def __init__(self, settings: Settings):
        self.storage = MemoryStorage()
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.buckets: dict[str, list[RateLimitItem]] = {
            "default": parse_many(settings.rate_limit_default),
            "authenticated": parse_many(settings.rate_limit_authenticated),
            "upload": parse_many(settings.rate_limit_upload),
            "processing": parse_many(settings.rate_limit_processing),
        }

    def hit(self, buckets: list[str], key: str) -> tuple[int, str] | None:
        """Count one request in every bucket; return (Retry-After seconds, limit) when one is full.

        A rejected request is not counted, so waiting `Retry-After` seconds is enough.
        """
        items = [(bucket, item) for bucket in buckets for item in self.buckets[bucket]]
        for bucket, item in items:
            if not self.strategy.test(item, bucket, key):
                reset_at = self.strategy.get_window_stats(item, bucket, key).reset_time
                return max(1, math.ceil(reset_at - time.time())), f"{item} ({bucket})"
        for bucket, item in items:
            self.strategy.hit(item, bucket, key)
        return None

    def healthy(self) -> bool:
        return self.storage.check()


def client_key(secret: str, headers: dict[str, str], client_host: str) -> tuple[str, str]:
    """Return (bucket, key): the user id from a valid bearer token, else the client address."""
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token:
        try:
            return "authenticated", f"user:{read_token(secret, token.strip())['uid']}"
        except TokenError:
            pass
    return "default", f"address:{client_host}"


class RateLimitMiddleware:
    """ASGI middleware that applies the limits before any route (or 404) runs."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        state = scope["app"].state.moslik
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        client = scope.get("client") or ("unknown", 0)
        bucket, key = client_key(state.secret, headers, client[0])
        buckets = [bucket]
        special = SPECIAL_BUCKETS.get((scope["method"], scope["path"].rstrip("/")))
        if special:
            buckets.append(special)

        limited = state.limiter.hit(buckets, key)
        if limited is None:
            await self.app(scope, receive, send)
            return
        retry_after, limit = limited
        response = error_response(
            429, f"rate limit {limit} exceeded; retry after {retry_after} s",
            headers={"Retry-After": str(retry_after)})
        await response(scope, receive, send)
