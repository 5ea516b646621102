"""The machine, versions and commit a benchmark ran on, for the header of BENCHMARKS.md."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_total() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _commit() -> str:
    result = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False)
    # The report and plot of an earlier run are this run's own output, not code changes.
    dirty = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain",
                            "--untracked-files=no", "--", ".", ":!BENCHMARKS.md",
                            ":!bench/compare_wall_time.png"],
                           capture_output=True, text=True, check=False)
    commit = result.stdout.strip() or "unknown"
    return commit + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def cpu_counters() -> tuple[int, int] | None:
    """Return the CPU time the host took from this machine (steal) and all CPU time, in ticks.

    None where /proc/stat cannot be read (not Linux).
    """
    try:
        with open("/proc/stat", encoding="utf-8") as handle:
            fields = handle.readline().split()
    except OSError:
        return None
    # cpu user nice system idle iowait irq softirq steal ...: steal is the eighth figure.
    ticks = [int(value) for value in fields[1:9]]
    return ticks[7], sum(ticks)


def steal_share(start: tuple[int, int] | None) -> str:
    """Describe the share of CPU time stolen by the host since `start` (from cpu_counters)."""
    now = cpu_counters()
    if start is None or now is None or now[1] <= start[1]:
        return "unknown"
    return f"{100 * (now[0] - start[0]) / (now[1] - start[1]):.0f}%"


def describe() -> dict[str, str]:
    """Versions, machine and time, as labelled strings."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "Moslik commit": _commit(),
        "Python": platform.python_version(),
        "DuckDB": _package_version("duckdb"),
        "rapidfuzz": _package_version("rapidfuzz"),
        "numpy": _package_version("numpy"),
        "CPU": _cpu_model(),
        "nproc": str(len(os.sched_getaffinity(0))),
        "memory": _memory_total(),
        "load average at start (1, 5, 15 min)": load,
    }
