"""Re-selection and review page update times over about 1,000,000 stored pair scores.

The job is a synthetic run sized so that blocking keeps about the target number of pairs. The
first run uses `first_size`. While the pair count is off by more than TOLERANCE, another run
tries a size from a secant step in log-log space, up to MAX_RUNS runs in all. How pairs grow
with the size depends on the engine's blocking, so the step measures it instead of assuming it.
"""

import math
import time
from pathlib import Path

from bench import page_timing, report, review_update, synthetic
from bench.match_run import MatchMeasurement, measure_match
from engine.db import connect
from engine.result_lookup import add_lookups
from engine.results import reselect

CONFIG = Path("bench/configs/synthetic.json")
REPEATS = 5
MAX_RUNS = 4
TOLERANCE = 0.15
GOAL_MS = 300
# The review page should update within a second of a slider move on 1,000,000 scored pairs.
REVIEW_GOAL_MS = 1000
THRESHOLDS = (65.0, 75.0, 60.0, 80.0, 70.0)
WEIGHTS = ((1.5, 2.0, 1.5, 1.5, 2.0, 1.0, 0.5), (2.0, 2.0, 1.0, 1.0, 2.0, 1.0, 1.0),
           (1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 0.5), (1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5),
           (1.5, 2.0, 1.5, 1.5, 2.0, 1.0, 0.5))
# Five weight settings that differ from each other and from the config's weights, because the
# review page caches the histogram by the weights and a repeated setting would not recompute it.
REVIEW_WEIGHTS = ((2.0, 2.0, 1.0, 1.0, 2.0, 1.0, 1.0), (1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 0.5),
                  (1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5), (2.0, 1.5, 1.5, 1.5, 2.0, 1.0, 0.5),
                  (1.5, 2.0, 1.5, 1.5, 2.5, 1.0, 0.5))


def _run_at(work: Path, size: int, seed: int, timeout_s: float) -> MatchMeasurement:
    files = synthetic.write_files(work / "synthetic" / f"basic-{size}", size, seed)
    return measure_match(files.file_a, files.file_b, CONFIG, _out_dir(work, size), files.truth,
                         timeout_s)


def _out_dir(work: Path, size: int) -> Path:
    return work / "runs" / f"reselect-{size}"


def _next_size(tried: list[tuple[int, MatchMeasurement]], target_pairs: int) -> int:
    """Take a secant step on log(pairs) against log(size) towards the target pair count.

    The exponent is 1 until two sizes are known, and is kept within 0.5..2 so that one odd
    measurement cannot send the size far away.
    """
    size, measured = tried[-1]
    pairs = max(measured.scored_pairs, 1)
    exponent = 1.0
    if len(tried) > 1 and tried[-2][0] != size:
        previous_size, previous = tried[-2]
        exponent = math.log(pairs / max(previous.scored_pairs, 1)) / math.log(size / previous_size)
        exponent = min(2.0, max(0.5, exponent))
    return max(10, int(size * (target_pairs / pairs) ** (1 / exponent)))


def _build_job(work: Path, target_pairs: int, first_size: int, seed: int,
               timeout_s: float) -> tuple[int, MatchMeasurement]:
    """Return the size and run whose pair count came closest to the target, or a failed run."""
    tried, size = [], first_size
    for _ in range(MAX_RUNS):
        measured = _run_at(work, size, seed, timeout_s)
        if measured.failure():
            return size, measured
        tried.append((size, measured))
        if abs(measured.scored_pairs - target_pairs) <= target_pairs * TOLERANCE:
            break
        size = _next_size(tried, target_pairs)
    return min(tried, key=lambda run: abs(run[1].scored_pairs - target_pairs))


def _time_calls(job_dir: Path, settings: list[dict]) -> list[float]:
    timings = []
    for change in settings:
        started = time.perf_counter()
        reselect(job_dir, **change)
        timings.append(time.perf_counter() - started)
    return timings


def _reselect_lines(job_dir: Path, size: int,
                    measured: MatchMeasurement) -> tuple[list[str], list[str]]:
    by_threshold = _time_calls(job_dir, [{"threshold": t} for t in THRESHOLDS])
    by_weights = _time_calls(job_dir, [{"weights": list(w)} for w in WEIGHTS])
    rows = [[kind, report.seconds(report.median(values)),
             ", ".join(f"{value * 1000:.0f}" for value in values)]
            for kind, values in (("threshold", by_threshold), ("weights", by_weights))]
    median_ms = report.median(by_threshold) * 1000
    thresholds = ", ".join(f"{t:g}" for t in THRESHOLDS)
    job = (f"Job: synthetic `basic` {size:,} x {size:,}, config `{CONFIG}`, "
           f"{measured.scored_pairs:,} scored pairs in `pairs`. Each call is "
           "`engine.results.reselect(job_dir, ...)` in the benchmark's own process. The first "
           "call opens the job's DuckDB file and scores the pairs; later calls reuse the "
           "connection and the temporary scores that engine.connection_cache keeps open "
           f"between calls, as the app's process does. There are {REPEATS} calls per kind of "
           f"change, each with another setting (thresholds {thresholds}).")
    goals = [report.goal_line(
        f"re-selection at {measured.scored_pairs:,} pairs (median, {kind} change)",
        median_ms, GOAL_MS, "ms")
        for kind, median_ms in (("threshold", median_ms),
                                ("weight", report.median(by_weights) * 1000))]
    return [job, "", *report.table(["change", "median", "each call (ms)"], rows), *goals, ""], goals


def run(work: Path, target_pairs: int, first_size: int, seed: int,
        timeout_s: float) -> report.Section:
    section = report.Section("Re-selection over stored scores")
    size, measured = _build_job(work, target_pairs, first_size, seed, timeout_s)
    if measured.failure():
        failure = f"building the job ({size:,} x {size:,}) failed: {measured.failure()}"
        section.lines = [f"Not measured: {failure}", ""]
        section.goals = [f"- re-selection: not measured, because {failure}",
                         f"- review update: not measured, because {failure}",
                         f"- results page and search: not measured, because {failure}"]
        return section

    job_dir = _out_dir(work, size) / ".moslik"
    # The command line leaves out the page lookups that the app's and the API's jobs build.
    with connect(job_dir / "job.duckdb") as con:
        add_lookups(con)
    reselect_lines, reselect_goals = _reselect_lines(job_dir, size, measured)
    review_lines, review_goal = review_update.section_lines(
        job_dir, measured.scored_pairs, THRESHOLDS, REVIEW_WEIGHTS, REVIEW_GOAL_MS)
    page_lines, page_goals = page_timing.section_lines(job_dir, measured.scored_pairs)
    section.goals = [*reselect_goals, review_goal, *page_goals]
    section.lines = [*reselect_lines, "### Review page update after a slider move", "",
                     *review_lines, "### Result pages and searches", "", *page_lines]
    return section
