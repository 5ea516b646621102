"""Time of the result pages and searches that the API's GET /api/v1/results/data serves.

Each request is `engine.results.result_page`, the call the API's handler makes, in the
benchmark's own process. The first request opens the job's DuckDB file; later ones reuse the
connection that engine.connection_cache keeps open, as a running server does.
"""

import time
from pathlib import Path

from bench import report
from engine.results import result_page

PER_PAGE = 50  # the API's default per_page
# Pages of `matched` from the top, the middle and the end, each requested once per round.
PAGE_SHARES = (0.0, 0.001, 0.5, 1.0)
SEARCHES = ("smith", "1985", "no-such-text")
ROUNDS = 3
PAGE_GOAL_MS = 50
SEARCH_GOAL_MS = 300


def _timed_page(job_dir: Path, file_type: str, page: int, search: str | None = None) -> float:
    started = time.perf_counter()
    result_page(job_dir, file_type, page=page, per_page=PER_PAGE, search=search)
    return time.perf_counter() - started


def _pages_to_read(job_dir: Path, file_type: str) -> list[int]:
    total_pages = max(1, result_page(job_dir, file_type, per_page=PER_PAGE)["total_pages"])
    return sorted({max(1, round(share * total_pages)) for share in PAGE_SHARES})


def time_requests(job_dir: Path) -> dict[str, list[float]]:
    """Return the seconds of each page request per result and of each search, all rounds."""
    times = {}
    for file_type in ("matched", "unmatched_1"):
        pages = _pages_to_read(job_dir, file_type)
        times[file_type] = [_timed_page(job_dir, file_type, page)
                            for _ in range(ROUNDS) for page in pages]
    times["search"] = [_timed_page(job_dir, "matched", 1, text)
                       for _ in range(ROUNDS) for text in SEARCHES]
    return times


def section_lines(job_dir: Path, scored_pairs: int) -> tuple[list[str], list[str]]:
    """Time pages and searches, and return the report lines and the goal lines."""
    times = time_requests(job_dir)
    rows = [[kind, f"{report.median(values) * 1000:.1f}", f"{max(values) * 1000:.1f}",
             ", ".join(f"{value * 1000:.0f}" for value in values)]
            for kind, values in times.items()]
    page_ms = report.median(times["matched"] + times["unmatched_1"]) * 1000
    search_ms = report.median(times["search"]) * 1000
    goals = [report.goal_line(f"results page of {PER_PAGE} rows at {scored_pairs:,} pairs (median)",
                              page_ms, PAGE_GOAL_MS, "ms"),
             report.goal_line(f"search at {scored_pairs:,} pairs (median)",
                              search_ms, SEARCH_GOAL_MS, "ms")]
    text = (f"The same job, after the re-selections above, through `engine.results.result_page` "
            f"(the API's GET /api/v1/results/data) with per_page {PER_PAGE}: pages of `matched` "
            f"and `unmatched_1` at the top, near the top, the middle and the end, and searches "
            f"of `matched` for {', '.join(repr(s) for s in SEARCHES)}, {ROUNDS} rounds each, "
            "in the benchmark's own process. That process keeps the job's connection open "
            "between requests, as a running server does.")
    lines = [text, "", *report.table(["requests", "median (ms)", "max (ms)", "each (ms)"], rows),
             *goals, ""]
    return lines, goals
