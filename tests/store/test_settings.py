import stat

import pytest
from pydantic import ValidationError

from engine.settings import Settings


def test_defaults(monkeypatch):
    for name in ("MOSLIK_DATA_DIR", "MOSLIK_MAX_UPLOAD_MB", "MOSLIK_API_PORT", "MOSLIK_ENV"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert str(settings.data_dir) == "var"
    assert settings.max_upload_mb == 500
    assert settings.api_port == 5000
    assert settings.env == "development"
    assert settings.rate_limit_upload == "50/hour;10/minute"


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("MOSLIK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MOSLIK_CORS_ORIGINS", "http://a.example, http://b.example")
    monkeypatch.setenv("MOSLIK_MAX_UPLOAD_MB", "7")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.cors_origins == ["http://a.example", "http://b.example"]
    assert settings.max_upload_bytes == 7 * 1024 * 1024


def test_invalid_env_rejected(monkeypatch):
    monkeypatch.setenv("MOSLIK_ENV", "staging")
    with pytest.raises(ValidationError):
        Settings()


def test_secret_generated_once(monkeypatch, tmp_path):
    monkeypatch.delenv("MOSLIK_JWT_SECRET", raising=False)
    first = Settings(data_dir=tmp_path).token_secret()
    second = Settings(data_dir=tmp_path).token_secret()
    assert first == second
    assert len(first) >= 32
    assert stat.S_IMODE((tmp_path / "jwt_secret").stat().st_mode) == 0o600


def test_secret_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MOSLIK_JWT_SECRET", "a-configured-secret")
    assert Settings(data_dir=tmp_path).token_secret() == "a-configured-secret"
    assert not (tmp_path / "jwt_secret").exists()
