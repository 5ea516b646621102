"""Run a command with a timeout and measure its wall time and peak memory.

Every `interval_s` the process and all its descendants are read from /proc/<pid>/status
(Linux only). Two peak figures are kept, both in bytes:
- `peak_tree_rss`: the largest sum of current resident set sizes (VmRSS) over the tree. A peak
  shorter than the interval can be missed.
- `max_hwm`: the largest resident high-water mark (VmHWM) of any single process in the tree.
  The kernel keeps it per address space, so it catches short peaks, but it misses a peak
  reached after the last reading and does not add processes together.

`ru_maxrss` from `wait4` is not used because Linux carries it across fork and exec: on this
project's machine, a child of a process that had once held 800 MiB reported 811 MiB in
`ru_maxrss` while its VmHWM was 11 MiB.
"""

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_METHOD = ("sum of VmRSS over the process tree, read from /proc/<pid>/status every "
                 "50 ms")
HWM_METHOD = "largest VmHWM (resident high-water mark) of one process in the tree"


@dataclass
class MeasuredRun:
    command: list[str]
    returncode: int | None
    wall_s: float
    peak_tree_rss: int
    max_hwm: int
    timed_out: bool
    output_tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def peak(self) -> int:
        """The larger of the two peak figures, in bytes."""
        return max(self.peak_tree_rss, self.max_hwm)


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass  # the process ended between two reads
    return found


def _process_memory(pid: int) -> tuple[int, int]:
    """Return (VmRSS, VmHWM) of one process in bytes, or zeros when it is gone."""
    values = {"VmRSS:": 0, "VmHWM:": 0}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                fields = line.split()
                if fields and fields[0] in values:
                    values[fields[0]] = int(fields[1]) * 1024  # the file gives kB
    except (OSError, ValueError, IndexError):
        pass
    return values["VmRSS:"], values["VmHWM:"]


def tree_memory(pid: int) -> tuple[int, int]:
    """Return (sum of VmRSS, largest VmHWM) in bytes over `pid` and all its descendants."""
    total, highest, pending = 0, 0, [pid]
    while pending:
        current = pending.pop()
        rss, hwm = _process_memory(current)
        total, highest = total + rss, max(highest, hwm)
        pending += _children(current)
    return total, highest


def _tail(path: Path, limit: int = 20_000) -> str:
    data = path.read_bytes()[-limit:]
    return data.decode("utf-8", errors="replace")


def run_measured(command: list[str], *, timeout_s: float, log_path: Path, cwd: Path | None = None,
                 env: dict | None = None, interval_s: float = 0.05) -> MeasuredRun:
    """Run `command` with stdout and stderr going to `log_path`, killing its group on timeout.

    Files that earlier runs wrote are flushed to disk first, so that the run does not pay for
    their writeback. In one benchmark, Moslik's million-record job took 11.6 to 12.4 s right
    after Splink's runs, and 9.3 s in the size runs minutes before. Writeback may be part of
    that gap.
    """
    os.sync()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd,
                                   env=env, start_new_session=True)
        peak_rss, peak_hwm, timed_out = 0, 0, False
        while True:
            waited, status, _ = os.wait4(process.pid, os.WNOHANG)
            if waited:
                break
            if time.perf_counter() - start > timeout_s:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, _ = os.wait4(process.pid, 0)
                timed_out = True
                break
            rss, hwm = tree_memory(process.pid)
            peak_rss, peak_hwm = max(peak_rss, rss), max(peak_hwm, hwm)
            time.sleep(interval_s)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return MeasuredRun(command, process.returncode, wall, peak_rss, peak_hwm, timed_out,
                       _tail(log_path))
