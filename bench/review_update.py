"""Time of the engine calls that the review page makes after one slider move.

Moving the threshold, low-confidence or a weight slider in `ui/views/review.py` runs the
slider's callback, which calls `engine.results.reselect` with all four settings. Streamlit then
reruns the page, which reads the selection state, the counts per result, the score histogram
and the first page of the `matched` table. The page caches the counts and the table page by a
revision that each re-selection changes, so both are read again after every move. It caches
the histogram by the weights, so only a weight change recomputes it.
"""

import time
from pathlib import Path

from bench import report
from engine import review
from engine.results import reselect, result_summary
from ui.settings import UiSettings

STEPS = ("re-selection", "selection state", "counts per result", "score histogram",
         "first table page")
HISTOGRAM_BINS = 20  # the bin count that ui/review_data.py requests
PER_PAGE = UiSettings.model_fields["page_rows"].default
FIRST_TABLE = "matched"  # the table's radio starts on `matched`


def _slider_move(state: dict, change: dict) -> dict:
    """Return the settings the page's callback sends when one slider takes the value in `change`."""
    threshold = float(change.get("threshold", state["threshold"]))
    # The page drags the low-confidence slider down with a threshold moved below it.
    low = min(float(change.get("low", state["low_threshold"])), threshold)
    weights = [float(w) for w in change.get("weights", state["weights"])]
    return {"threshold": threshold, "low_confidence_threshold": low, "weights": weights,
            "matching_type": state["matching_type"]}


def _timed(call) -> tuple[object, float]:
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def time_move(job_dir: Path, change: dict, cached_weights: set[tuple[float, ...]]) -> dict:
    """Make one slider move's engine calls in the page's order and return each call's seconds.

    The histogram's entry is None when the page's cache already contains one for the new weights.
    `cached_weights` contains the weights the page has drawn a histogram for, and grows by the
    new ones.
    """
    state = review.selection_state(job_dir)
    times = {}
    _, times["re-selection"] = _timed(lambda: reselect(job_dir, **_slider_move(state, change)))
    state, times["selection state"] = _timed(lambda: review.selection_state(job_dir))
    _, times["counts per result"] = _timed(lambda: result_summary(job_dir))

    weights = tuple(state["weights"])
    times["score histogram"] = None
    if weights not in cached_weights:
        _, times["score histogram"] = _timed(
            lambda: review.score_histogram(job_dir, bins=HISTOGRAM_BINS))
        cached_weights.add(weights)

    _, times["first table page"] = _timed(
        lambda: review.review_page(job_dir, FIRST_TABLE, page=1, per_page=PER_PAGE))
    return times


def time_moves(job_dir: Path, changes: list[dict]) -> list[dict]:
    """Time a series of slider moves on one page session, which starts with the stored weights."""
    cached_weights = {tuple(review.selection_state(job_dir)["weights"])}
    return [time_move(job_dir, change, cached_weights) for change in changes]


def total(times: dict) -> float:
    return sum(value for value in times.values() if value is not None)


def table_rows(kind: str, moves: list[dict]) -> list[list[str]]:
    """Return one row per step and one for the total: median and each move, in ms."""
    rows = []
    for step in STEPS:
        values = [move[step] for move in moves]
        if all(value is None for value in values):
            rows.append([kind, step, "cached", "not recomputed"])
            continue
        each = ", ".join("cached" if value is None else f"{value * 1000:.0f}" for value in values)
        measured = [value for value in values if value is not None]
        rows.append([kind, step, f"{report.median(measured) * 1000:.0f}", each])

    totals = [total(move) for move in moves]
    each_total = ", ".join(f"{value * 1000:.0f}" for value in totals)
    rows.append([kind, "**total**", f"**{report.median(totals) * 1000:.0f}**", each_total])
    return rows


def section_lines(job_dir: Path, scored_pairs: int, thresholds: list[float],
                  weights: list[list[float]], goal_ms: float) -> tuple[list[str], str]:
    """Time threshold moves and weight moves, and return the report lines and the goal line."""
    by_threshold = time_moves(job_dir, [{"threshold": value} for value in thresholds])
    by_weights = time_moves(job_dir, [{"weights": list(value)} for value in weights])
    median_ms = report.median([total(move) for move in by_threshold]) * 1000
    goal = report.goal_line(f"review update at {scored_pairs:,} pairs (median, threshold change)",
                            median_ms, goal_ms, "ms")

    text = (f"The same job, timed as the review page updates after a slider move: the "
            f"callback's `engine.results.reselect` with all four settings, then the rerun's "
            f"`engine.review.selection_state`, `engine.results.result_summary` (counts per "
            f"result), `engine.review.score_histogram` ({HISTOGRAM_BINS} bins) and "
            f"`engine.review.review_page` (page 1 of `{FIRST_TABLE}`, {PER_PAGE} rows), in this "
            "order and in the benchmark's own process. The page caches the counts and the table "
            "page until the next re-selection, so a move always reads them again. It caches the "
            "histogram by the weights, so a threshold move does not recompute it (`cached`), "
            "and each weight setting here is new to the cache. Left out: the app's job lookup, "
            "Streamlit's rerun and its drawing of the chart and the table. There are "
            f"{len(thresholds)} threshold moves and {len(weights)} weight moves, each to "
            "another value.")
    rows = table_rows("threshold", by_threshold) + table_rows("weights", by_weights)
    lines = [text, "", *report.table(["change", "step", "median (ms)", "each move (ms)"], rows),
             goal, ""]
    return lines, goal
