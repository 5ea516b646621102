"""The ASGI application: FastAPI routes under /api/v1, /health, and Socket.IO on one port.

Run it with `uvicorn --factory api.app:create_server` (scripts/run-api.sh does).
"""

import asyncio
import logging
from contextlib import asynccontextmanager

import socketio
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import API_VERSION
from api.errors import install_error_handlers
from api.openapi import build_openapi
from api.query_params import known_query_only
from api.ratelimit import RateLimiter, RateLimitMiddleware
from api.routers import auth, docs, files, health, processing, results
from api.socket import SocketRelay, create_socket_server
from api.state import AppState
from api.upload_limit import UploadSizeLimitMiddleware
from engine.jobs import JobRunner
from engine.settings import Settings, get_settings
from engine.store import Store

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
DESCRIPTION = ("Upload two files, match their records (exact, fuzzy and phonetic, Uzbek-aware), "
               "follow the job's progress and read or download the results. Every endpoint but "
               "/auth/login and /health needs `Authorization: Bearer <token>`.")


def create_state(settings: Settings) -> AppState:
    store = Store.open(settings.data_dir)
    runner = JobRunner(store, max_concurrent=settings.max_concurrent_jobs)
    return AppState(settings=settings, store=store, runner=runner, limiter=RateLimiter(settings),
                    secret=settings.token_secret())


def create_app(settings: Settings | None = None) -> tuple[FastAPI, socketio.AsyncServer]:
    """Build the FastAPI app and its Socket.IO server around one shared state."""
    state = create_state(settings or get_settings())
    sio = create_socket_server(state)
    relay = SocketRelay(sio)
    state.runner.listener = relay

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        _prepare(state)
        relay.loop = asyncio.get_running_loop()
        logger.info("API ready with data dir %s", state.settings.data_dir)
        yield
        state.runner.shutdown()

    app = FastAPI(title="File Processing API", version=API_VERSION, description=DESCRIPTION,
                  openapi_url=f"{API_PREFIX}/swagger.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.moslik = state
    install_error_handlers(app)
    _add_middleware(app, state.settings)
    for router in (auth.router, files.router, processing.router, results.router):
        app.include_router(router, prefix=API_PREFIX, dependencies=[Depends(known_query_only(API_PREFIX))])
    app.include_router(health.router)
    app.include_router(docs.router)
    app.mount(docs.ASSETS_PATH, docs.swagger_assets(), name="swagger-assets")
    app.openapi = lambda: build_openapi(app)
    return app, sio


def create_server(settings: Settings | None = None) -> socketio.ASGIApp:
    """Return the ASGI app uvicorn serves: Socket.IO at /socket.io, FastAPI for the rest."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app, sio = create_app(settings)
    return socketio.ASGIApp(sio, other_asgi_app=app, socketio_path="socket.io")


def _prepare(state: AppState) -> None:
    """Fail jobs a dead server left running, and create the default admin where allowed."""
    state.settings.data_dir.mkdir(parents=True, exist_ok=True)
    failed = state.runner.recover()
    if failed:
        logger.warning("marked %d jobs left running by an earlier server as failed", len(failed))
    state.store.users.ensure_default_admin(state.settings.env)


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    # Added last runs first: CORS, then rate limits, then the upload size guard.
    app.add_middleware(UploadSizeLimitMiddleware)
    app.add_middleware(RateLimitMiddleware)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["*"], allow_headers=["Authorization", "Content-Type"],
                           expose_headers=["Retry-After", "Content-Disposition"])
