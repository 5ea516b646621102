"""Checks of a parsed processing config against an upload, shared by the API and the app."""

from engine.config import ProcessingConfig, check_columns
from engine.errors import ConfigError
from engine.store.workspace import check_output_name


def config_problems(config: ProcessingConfig, columns1: list[str], columns2: list[str]) -> list[str]:
    """Return every problem of `config` with the uploaded files' columns and the output folder name."""
    problems = []
    try:
        check_output_name(config.output_path)
    except ValueError as exc:
        problems.append(str(exc))
    try:
        check_columns(config, columns1, columns2)
    except ConfigError as exc:
        problems += exc.problems
    return problems
