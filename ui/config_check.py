"""Checking a config body against the engine's rules and the uploaded files' columns."""

from engine.config import ProcessingConfig, check_columns, parse_config
from engine.errors import ConfigError
from engine.store.workspace import check_output_name


def check_body(body: dict, columns1: list[str], columns2: list[str]) -> tuple[ProcessingConfig | None, list[str]]:
    """Return the validated config and an empty list, or None and every problem found."""
    try:
        config = parse_config(body)
    except ConfigError as exc:
        return None, list(exc.problems)

    problems = []
    try:
        check_output_name(config.output_path)
    except ValueError as exc:
        problems.append(str(exc))
    try:
        check_columns(config, columns1, columns2)
    except ConfigError as exc:
        problems += exc.problems
    return (None, problems) if problems else (config, [])
