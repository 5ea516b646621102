"""Checks of a parsed processing config against an upload, shared by the API and the app."""

from engine.config import ProcessingConfig, check_columns
from engine.errors import ConfigError


def config_problems(config: ProcessingConfig, columns1: list[str], columns2: list[str]) -> list[str]:
    """Return every problem of `config` with the uploaded files' columns.

    parse_config has already checked the fields themselves, the output folder name included.
    """
    try:
        check_columns(config, columns1, columns2)
    except ConfigError as exc:
        return list(exc.problems)
    return []
