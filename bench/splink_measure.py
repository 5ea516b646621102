"""One measured Splink run in `.venv-bench` and the figures read back from its output."""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench import compare_pairs, evaluate
from bench.match_run import MatchMeasurement
from bench.peak_memory import MeasuredRun, run_measured

SPLINK_PYTHON = Path(".venv-bench/bin/python")
TIMINGS_LINE = re.compile(r"^splink_timings (\{.*\})$", re.MULTILINE)


@dataclass
class SplinkMeasurement:
    run: MeasuredRun
    timings: dict | None = None
    quality: evaluate.LinkQuality | None = None
    blocking: tuple[int, int, int] | None = None  # (true pairs kept, true pairs, blocked pairs)

    @property
    def candidates(self) -> int | None:
        return self.blocking[2] if self.blocking else None

    @property
    def blocking_recall(self) -> float | None:
        return self.blocking[0] / self.blocking[1] if self.blocking and self.blocking[1] else None

    def failure(self) -> str | None:
        """Describe in one line why the run did not finish, or return None when it did."""
        return MatchMeasurement(self.run).failure()


def splink_command(python: Path, file_a: Path, file_b: Path, model: str,
                   out_dir: Path) -> list[str]:
    return [str(python), "-m", "bench.splink_run", str(file_a), str(file_b), model,
            str(out_dir / "predictions.csv"), str(out_dir / "blocked.parquet")]


def parse_timings(output: str) -> dict | None:
    """Return the step timings that bench/splink_run.py prints last, or None if absent."""
    found = TIMINGS_LINE.findall(output)
    return json.loads(found[-1]) if found else None


def splink_versions(python: Path) -> dict[str, str]:
    """Return the splink and duckdb versions installed beside `python`, or why not."""
    if not python.exists():
        return {"splink": f"not installed ({python} not found)"}
    code = ("import importlib.metadata as m; "
            "print(m.version('splink'), m.version('duckdb'))")
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        return {"splink": f"not importable: {result.stderr.strip().splitlines()[-1:]}"}
    splink_version, duckdb_version = result.stdout.split()
    return {"splink": splink_version, "duckdb": duckdb_version}


def measure_splink(python: Path, file_a: Path, file_b: Path, model: str, out_dir: Path,
                   truth: Path, timeout_s: float) -> SplinkMeasurement:
    """Run Splink from scratch, keep one-to-one pairs and score them and blocking."""
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    run = run_measured(splink_command(python, file_a, file_b, model, out_dir),
                       timeout_s=timeout_s, log_path=out_dir.parent / f"{out_dir.name}.log")
    measurement = SplinkMeasurement(run)
    if not run.ok:
        return measurement

    measurement.timings = parse_timings(run.output_tail)
    # NOTE: the one-to-one step runs here, outside Splink's measured process, so its time is
    # not in Splink's wall time.
    pairs = compare_pairs.one_to_one(compare_pairs.read_predictions(out_dir / "predictions.csv"))
    matched = out_dir / "matched.csv"
    compare_pairs.write_matched(pairs, matched)
    measurement.quality = evaluate.match_quality(matched, truth)
    measurement.blocking = compare_pairs.blocking_recall(out_dir / "blocked.parquet", truth)
    return measurement
