"""Checking a config body against the engine's rules and the uploaded files' columns."""

from engine.config import ProcessingConfig, parse_config
from engine.errors import ConfigError
from engine.jobs.checks import config_problems


def check_body(body: dict, columns1: list[str], columns2: list[str]) -> tuple[ProcessingConfig | None, list[str]]:
    """Return the validated config and an empty list, or None and every problem found."""
    try:
        config = parse_config(body)
    except ConfigError as exc:
        return None, list(exc.problems)

    problems = config_problems(config, columns1, columns2)
    return (None, problems) if problems else (config, [])
