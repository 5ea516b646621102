"""Checking a config body against the engine's rules and the uploaded files' columns."""

from engine.config import ProcessingConfig, parse_config_for
from engine.errors import ConfigError


def check_body(body: dict, columns1: list[str], columns2: list[str]) -> tuple[ProcessingConfig | None, list[str]]:
    """Return the validated config and an empty list, or None and every problem found."""
    try:
        return parse_config_for(body, columns1, columns2), []
    except ConfigError as exc:
        return None, list(exc.problems)
