"""Run a command with a timeout and measure its wall time and peak memory.

Two peak figures are kept, both in bytes:
- `peak_tree_rss`: the largest sum of resident set sizes over the process and all its
  descendants, read from /proc/<pid>/statm every `interval_s` (Linux only). A peak shorter
  than the interval can be missed.
- `max_rss`: the kernel's own high-water mark (`ru_maxrss` from `os.wait4`): exact, but of
  the largest single process among the command and the descendants it waited for, not of
  their sum.
"""

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_METHOD = "sum of /proc/<pid>/statm RSS over the process tree, sampled every 50 ms"


@dataclass
class MeasuredRun:
    command: list[str]
    returncode: int | None
    wall_s: float
    peak_tree_rss: int
    max_rss: int
    timed_out: bool
    output_tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass  # the process ended between two reads
    return found


def tree_rss(pid: int) -> int:
    """Resident set size in bytes of `pid` and all its descendants, now."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        pending += _children(current)
    return total


def _tail(path: Path, limit: int = 20_000) -> str:
    data = path.read_bytes()[-limit:]
    return data.decode("utf-8", errors="replace")


def run_measured(command: list[str], *, timeout_s: float, log_path: Path, cwd: Path | None = None,
                 env: dict | None = None, interval_s: float = 0.05) -> MeasuredRun:
    """Run `command` with stdout and stderr going to `log_path`, killing its group on timeout."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd,
                                   env=env, start_new_session=True)
        peak, timed_out = 0, False
        while True:
            waited, status, usage = os.wait4(process.pid, os.WNOHANG)
            if waited:
                break
            if time.perf_counter() - start > timeout_s:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                timed_out = True
                break
            peak = max(peak, tree_rss(process.pid))
            time.sleep(interval_s)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return MeasuredRun(command, process.returncode, wall, peak, usage.ru_maxrss * 1024,
                       timed_out, _tail(log_path))
