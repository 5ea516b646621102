"""Shared state of the request handlers: settings, the store, the job runner and the rate limiter."""

from dataclasses import dataclass, field

from fastapi import Request

from api.ratelimit import RateLimiter
from engine.jobs import JobRunner
from engine.settings import Settings
from engine.store import Store


@dataclass
class AppState:
    settings: Settings
    store: Store
    runner: JobRunner
    limiter: RateLimiter
    secret: str
    listeners: list = field(default_factory=list)


def app_state(request: Request) -> AppState:
    return request.app.state.moslik
