"""Settings of the Streamlit app that the engine's settings do not cover.

They come from the environment with the prefix `MOSLIK_UI_`, like the engine's `MOSLIK_`
settings (data dir, upload limit), which the app reads through `engine.settings`.
"""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class UiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOSLIK_UI_", extra="ignore")

    session_idle_minutes: float = Field(
        30.0, gt=0, description="Minutes without any action after which a user is logged out")
    session_max_hours: float = Field(
        12.0, gt=0, description="Hours after login after which the login cookie expires")
    page_rows: int = Field(50, ge=5, le=1000, description="Rows per page in the result tables")


@lru_cache
def get_ui_settings() -> UiSettings:
    return UiSettings()
