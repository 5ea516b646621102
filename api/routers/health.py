"""GET /health: the state of each component the API depends on."""

import logging
import tempfile

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api import API_VERSION
from api.deps import State
from api.errors import timestamp
from api.models import HealthResponse
from api.security import issue_token, read_token

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthResponse, responses={503: {"model": HealthResponse}})
def get_health(state: State) -> JSONResponse:
    """Check storage, the metadata database, the job workers, the rate limiter and token signing.

    The status is 503 when one of them fails.
    """
    checks = {
        "upload_directory": lambda: _check_storage(state),
        "metadata_database": lambda: _check_database(state),
        "worker_pool": state.runner.healthy,
        "rate_limiter": state.limiter.healthy,
        "authentication": lambda: _check_tokens(state),
    }
    components = {name: "healthy" if _passes(name, check) else "unhealthy" for name, check in checks.items()}
    healthy = all(value == "healthy" for value in components.values())
    body = {"status": "healthy" if healthy else "unhealthy", "timestamp": timestamp(),
            "version": API_VERSION, "components": components}
    return JSONResponse(body, status_code=200 if healthy else 503)


def _passes(name: str, check) -> bool:
    try:
        return bool(check())
    except Exception:
        logger.exception("health check %s failed", name)
        return False


def _check_storage(state) -> bool:
    folder = state.settings.data_dir / "users"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder) as probe:
        probe.write(b"ok")
    return True


def _check_database(state) -> bool:
    with state.store.db.connect() as con:
        return con.execute("SELECT count(*) FROM users").fetchone() is not None


def _check_tokens(state) -> bool:
    token, _ = issue_token(state.secret, "health-check", 0, 60)
    return read_token(state.secret, token)["sub"] == "health-check"
