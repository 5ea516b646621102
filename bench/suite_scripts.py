"""Figures from the stand-alone benchmark scripts beside this package, run as subprocesses."""

import sys
from pathlib import Path

from bench import report
from bench.peak_memory import run_measured

# Script, arguments for a full run, arguments for --quick.
SCRIPTS = (
    (Path("bench/bench_writers.py"), [], ["--rows", "100000"]),
    (Path("bench/bench_uzbek_text.py"), [], []),
    (Path("bench/bench_uzbek_names.py"), [], []),
)
OUTPUT_LINES = 60


def _run_one(script: Path, arguments: list[str], work: Path, timeout_s: float) -> list[str]:
    if not script.is_file():
        return [f"### `{script}`", "", "Skipped: the script does not exist yet.", ""]
    command = [sys.executable, str(script), *arguments]
    measured = run_measured(command, timeout_s=timeout_s, log_path=work / f"{script.stem}.log")
    output = "\n".join(measured.output_tail.splitlines()[-OUTPUT_LINES:])
    status = "ok" if measured.ok else (
        f"timed out after {timeout_s:.0f} s" if measured.timed_out
        else f"failed with exit status {measured.returncode}")
    return [f"### `{script}`", "", *report.code_block(" ".join(command)),
            f"Status: {status}; wall time {measured.wall_s:.1f} s. Output:", "",
            *report.code_block(output or "(no output)")]


def run(work: Path, quick: bool, timeout_s: float) -> report.Section:
    section = report.Section("Other benchmark scripts")
    for script, full_arguments, quick_arguments in SCRIPTS:
        arguments = quick_arguments if quick else full_arguments
        section.lines += _run_one(script, arguments, work / "scripts", timeout_s)
    return section
