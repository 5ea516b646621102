"""One measured `moslik match` run and the figures read back from its results."""

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench import evaluate
from bench.peak_memory import MeasuredRun, run_measured

ENGINE_TIME = re.compile(r"^Done in ([0-9.]+) s\.", re.MULTILINE)
STAGE_TIMES = re.compile(r"^  time: (.*)$", re.MULTILINE)
STAGE_TIME = re.compile(r"(\w+) ([0-9.]+) s")
ERROR_LINE = re.compile(r"^(moslik: |[\w.]*(Error|Exception)\b)")
# The reports' method line on where the candidate figures come from.
JOB_NOTE = ("The measured command keeps no job database, so candidate pairs and blocking "
            "recall come from a second, unmeasured run of it with `--keep-job`.")


@dataclass
class MatchMeasurement:
    run: MeasuredRun
    engine_elapsed_s: float | None = None
    stages: dict[str, float] | None = None  # seconds per engine stage, as the command prints
    candidates: int | None = None
    scored_pairs: int | None = None
    quality: evaluate.LinkQuality | None = None
    blocking: tuple[int, int] | None = None

    @property
    def blocking_recall(self) -> float | None:
        return self.blocking[0] / self.blocking[1] if self.blocking and self.blocking[1] else None

    def failure(self) -> str | None:
        """Describe in one line why the run did not finish, or return None when it did."""
        if self.run.timed_out:
            return f"timed out after {self.run.wall_s:.0f} s and was killed"
        if self.run.returncode != 0:
            lines = [line.strip() for line in self.run.output_tail.splitlines() if line.strip()]
            # A traceback can end in SQL text, so its exception line is the better reason.
            errors = [line for line in lines if ERROR_LINE.match(line)]
            reason = errors[-1] if errors else " / ".join(lines[-3:])
            return f"exit status {self.run.returncode} after {self.run.wall_s:.0f} s: {reason}"
        return None


def moslik_command() -> list[str]:
    """Return the `moslik` console script beside this Python, or the module as a fallback."""
    script = Path(sys.executable).parent / "moslik"
    return [str(script)] if script.exists() else [sys.executable, "-m", "engine.cli"]


def match_command(file1: Path, file2: Path, config: Path, out_dir: Path,
                  keep_job: bool = False) -> list[str]:
    return [*moslik_command(), "match", str(file1), str(file2), "--config", str(config),
            "--out", str(out_dir), "--quiet", *(["--keep-job"] if keep_job else [])]


def shown(command: list[str]) -> str:
    """Format the command as a reader would type it: `moslik ...`, not the script's full path."""
    first = Path(command[0])
    words = (["moslik"] if first.name == "moslik" else [first.name]) + command[1:]
    return " ".join(words)


def stage_times(output: str) -> dict[str, float] | None:
    """Read the seconds per stage from the command's `time:` line, or None without one."""
    found = STAGE_TIMES.search(output)
    if not found:
        return None
    return {stage: float(seconds) for stage, seconds in STAGE_TIME.findall(found.group(1))}


def measure_match(file1: Path, file2: Path, config: Path, out_dir: Path, truth: Path,
                  timeout_s: float) -> MatchMeasurement:
    """Run the match from scratch and score `matched` and blocking against `truth`.

    The measured run is the plain command, which keeps no job database. The same command with
    --keep-job then runs again, unmeasured, into the same folder, so that the candidate pairs
    and scored pairs can be read from `out_dir/.moslik/job.duckdb`.
    """
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    run = run_measured(match_command(file1, file2, config, out_dir), timeout_s=timeout_s,
                       log_path=out_dir.parent / f"{out_dir.name}.log")
    measurement = MatchMeasurement(run)
    if not run.ok:
        return measurement

    found = ENGINE_TIME.search(run.output_tail)
    measurement.engine_elapsed_s = float(found.group(1)) if found else None
    measurement.stages = stage_times(run.output_tail)
    measurement.quality = evaluate.match_quality(out_dir / "matched.csv", truth)
    with_job = run_measured(match_command(file1, file2, config, out_dir, keep_job=True),
                            timeout_s=timeout_s, log_path=out_dir.parent / f"{out_dir.name}-job.log")
    if not with_job.ok:
        return measurement
    job_db = out_dir / ".moslik" / "job.duckdb"
    measurement.candidates = evaluate.count_rows(job_db, "candidates")
    measurement.scored_pairs = evaluate.count_rows(job_db, "pairs")
    measurement.blocking = evaluate.blocking_recall(job_db, truth)
    return measurement
