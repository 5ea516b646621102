"""Markdown building blocks for BENCHMARKS.md and the function that writes it."""

import statistics
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)  # bullet lines for "Goals at a glance"


def mib(size_bytes: int | None) -> str:
    return "n/a" if size_bytes is None else f"{size_bytes / MIB:,.0f} MiB"


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines + [""]


def code_block(text: str, language: str = "") -> list[str]:
    return [f"```{language}", *text.rstrip("\n").splitlines(), "```", ""]


def goal_line(name: str, measured: float, limit: float, unit: str) -> str:
    """Format `name: measured against limit`, then `met` or `missed by X (N times the goal)`."""
    if measured <= limit:
        return f"- {name}: {measured:,.2f} {unit} against under {limit:,g} {unit}: met."
    return (f"- {name}: {measured:,.2f} {unit} against under {limit:,g} {unit}: missed by "
            f"{measured - limit:,.2f} {unit} ({measured / limit:.1f} times the goal).")


def render(header: list[str], environment: dict[str, str], sections: list[Section]) -> str:
    lines = list(header)
    lines += ["## Machine and versions", ""]
    lines += table(["item", "value"], [[key, value] for key, value in environment.items()])
    goals = [goal for section in sections for goal in section.goals]
    if goals:
        lines += ["## Goals at a glance", "", *goals, ""]
    for section in sections:
        lines += [f"## {section.title}", "", *section.lines]
    return "\n".join(lines).rstrip("\n") + "\n"


def write(path: Path, header: list[str], environment: dict[str, str],
          sections: list[Section]) -> None:
    """Write the report through a temporary file, so a reader never sees half of it."""
    partial = path.with_suffix(".partial")
    partial.write_text(render(header, environment, sections), encoding="utf-8")
    partial.replace(path)
