"""Settings shared by the API, the Streamlit app and the command line.

Every value comes from the environment with the prefix `MOSLIK_` (pydantic-settings), for
example `MOSLIK_DATA_DIR=/srv/moslik`. Rate limits use the `limits` notation: one or more
`N/period` items joined by `;`, such as `1000/hour;100/minute`.
"""

import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from engine.errors import MoslikError

logger = logging.getLogger(__name__)

SECRET_FILE = "jwt_secret"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOSLIK_", extra="ignore")

    data_dir: Path = Field(Path("./var"), description="Folder for the metadata database, uploads and results")
    jwt_secret: SecretStr | None = Field(
        None, description="HS256 key for API tokens; generated once and kept in the data dir when unset")
    env: Literal["development", "test", "production"] = Field(
        "development", description="`production` rejects the default admin/admin123 account")
    max_upload_mb: int = Field(500, ge=1, description="Largest accepted upload, per file, in MiB")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Extra origins allowed for browsers and Socket.IO, comma-separated")
    api_host: str = Field("127.0.0.1", description="Address uvicorn listens on (0.0.0.0 for all interfaces)")
    api_port: int = Field(5000, ge=1, le=65535, description="Port for the API and Socket.IO")
    token_expiry_s: int = Field(86_400, ge=60, description="Lifetime of an API token in seconds")
    max_concurrent_jobs: int = Field(2, ge=1, description="Jobs running at once; later ones wait in a queue")
    rate_limit_default: str = Field("1000/hour;100/minute", description="Requests without a valid token, per client address")
    rate_limit_authenticated: str = Field("2000/hour;200/minute", description="Requests with a valid token, per user")
    rate_limit_upload: str = Field("50/hour;10/minute", description="File uploads, per user")
    rate_limit_processing: str = Field("20/hour;5/minute", description="Processing starts and cancels, per user")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value):
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("rate_limit_default", "rate_limit_authenticated", "rate_limit_upload",
                     "rate_limit_processing")
    @classmethod
    def _parse_rate_limit(cls, value: str) -> str:
        # Imported here: it loads asyncio, which took 60 ms of every command's start.
        import limits

        try:
            limits.parse_many(value)
        except ValueError:
            raise ValueError("not a rate limit; write N/period items joined by ';', such as "
                             "'1000/hour;100/minute'") from None
        return value

    @property
    def metadata_path(self) -> Path:
        return self.data_dir / "metadata.sqlite3"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    def token_secret(self) -> str:
        """Return the JWT key: the setting, or the one kept in the data dir (created on first use)."""
        if self.jwt_secret is not None:
            return self.jwt_secret.get_secret_value()
        return _stored_secret(self.data_dir / SECRET_FILE)


def _stored_secret(path: Path) -> str:
    if path.exists():
        return path.read_text(encoding="ascii").strip()

    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temp.write_text(secrets.token_urlsafe(48), encoding="ascii")
    temp.chmod(0o600)

    # os.link fails when the file exists, so two processes starting at once agree on one key.
    try:
        os.link(temp, path)
        logger.info("generated a new JWT secret in %s", path)
    except FileExistsError:
        pass
    finally:
        temp.unlink()
    return path.read_text(encoding="ascii").strip()


class SettingsError(MoslikError):
    """An environment variable contains a value its setting does not accept."""


@lru_cache
def get_settings() -> Settings:
    """Return the settings read from the environment once per process.

    Raises SettingsError naming each variable, its value and what it accepts.
    """
    try:
        return Settings()
    except ValidationError as exc:
        problems = [f"MOSLIK_{'_'.join(map(str, e['loc'])).upper()}={e.get('input')!r}: "
                    f"{e['msg'].removeprefix('Value error, ')}" for e in exc.errors()]
        raise SettingsError("Invalid setting: " + "; ".join(problems)
                            + ". Fix the environment variable and start again.") from None
