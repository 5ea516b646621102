"""Reading and re-selecting a finished job's results from its DuckDB file.

Pages and searches are SQL over the job's `out_*` views, so a page of 50 rows never loads the
whole result. `reselect` changes the threshold, weights or matching type over the stored pair
scores without re-scoring.
"""

import fcntl
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from engine import connection_cache, pages, selection
from engine.db import quote_ident, run_sql, scalar
from engine.errors import MoslikError
from engine.result_lookup import has_lookups

RESULT_TYPES = ("matched", "low_confidence", "unmatched_1", "unmatched_2")
MAX_PER_PAGE = 1000
JOB_DB = "job.duckdb"
LOCK_FILE = "job.lock"


class ResultRequestError(MoslikError):
    """A request names an unknown result, a page out of range or a bad setting."""


class JobNotFinished(MoslikError):
    """The job has no result database (still running, failed, cancelled or cleaned up)."""


@contextmanager
def job_connection(job_dir: Path, *, write: bool = False) -> Iterator:
    """Lend this process's connection to a finished job's DuckDB file (engine.connection_cache).

    An flock on `job.lock`, shared to read and exclusive to write, keeps a writer in any process
    from changing the file while a request reads it. The cache then serialises use of its
    connection between this process's threads. The flock comes first and the cache's lock
    second in every thread, so neither waits for the other in a cycle.
    """
    path = Path(job_dir) / JOB_DB
    if not path.exists():
        _no_results()
    with open(Path(job_dir) / LOCK_FILE, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        try:
            with connection_cache.borrow(path, write=write) as con:
                yield con
        except FileNotFoundError:
            if path.exists():
                raise
            _no_results()


def _no_results():
    # The message leaves the folder out: servers pass it on to clients.
    raise JobNotFinished("This job has no results: it has not finished, it failed or was "
                         "cancelled, or its results were cleaned up; run the job again")


def result_summary(job_dir: Path) -> dict[str, dict]:
    """Count and column names of each result."""
    with job_connection(job_dir) as con:
        columns = _columns(con)
        return {name: {"count": scalar(con, f"SELECT count(*) FROM sel_{name}"),
                       "columns": columns[name]} for name in RESULT_TYPES}


def result_page(job_dir: Path, file_type: str, *, page: int = 1, per_page: int = 50,
                search: str | None = None) -> dict:
    """Return one page of a result: {"data", "total", "page", "per_page", "total_pages"}."""
    return read_page(job_dir, file_type, page=page, per_page=per_page, search=search)


def read_page(job_dir: Path, file_type: str, *, page: int, per_page: int, search: str | None,
              internal_columns: list[str] = ()) -> dict:
    """Read a page of the result columns plus the named internal `__` columns of the view."""
    _check_page_request(file_type, page, per_page)
    with job_connection(job_dir) as con:
        columns = _columns(con)[file_type]
        selected = [*columns, *internal_columns]
        window = {"limit": per_page, "offset": (page - 1) * per_page}
        pattern = "%" + _escape_like(search) + "%" if search else None
        select_lists = scalar(con, "SELECT value FROM job_meta WHERE key = 'select_lists'")
        if select_lists is not None and has_lookups(con) and not (search and _scores_shown(con)):
            total, data = pages.read(con, file_type, json.loads(select_lists)[file_type],
                                     selected, window, pattern)
        else:
            total, data = _view_page(con, file_type, columns, selected, window, pattern)
    return {"data": data, "total": total, "page": page, "per_page": per_page,
            "total_pages": math.ceil(total / per_page) if total else 0}


def _view_page(con, file_type: str, columns: list[str], selected: list[str], window: dict,
               pattern: str | None):
    """Page and search over the whole `out_*` view: older jobs, and searches of score columns."""
    haystack = _haystack(columns)
    select_list = ", ".join(quote_ident(c) for c in selected)
    total = run_sql(con, "result_count", {"pattern": pattern}, name=file_type,
                    haystack=haystack).fetchall()[0][0]
    cursor = run_sql(con, "result_page", {"pattern": pattern, **window},
                     name=file_type, haystack=haystack, select_list=select_list)
    names = [d[0] for d in cursor.description]
    return total, [dict(zip(names, row)) for row in cursor.fetchall()]


def _scores_shown(con) -> bool:
    """With include_confidence_scores a search must also see the per-mapping score columns."""
    config = json.loads(scalar(con, "SELECT value FROM job_meta WHERE key = 'config'"))
    return bool(config.get("include_confidence_scores"))


def reselect(job_dir: Path, *, threshold: float | None = None,
             low_confidence_threshold: float | None = None, weights: list[float] | None = None,
             matching_type: str | None = None) -> dict[str, int]:
    """Select again with new settings over the stored scores; returns the new counts."""
    with job_connection(job_dir, write=True) as con:
        settings = selection.load_settings(con)
        settings = _changed(settings, threshold, low_confidence_threshold, weights, matching_type)
        return selection.select(con, settings)


def _changed(settings, threshold, low, weights, matching_type):
    if weights is not None:
        if len(weights) != len(settings.weights) or any(w <= 0 for w in weights):
            raise ResultRequestError(
                f"weights {weights} must give one value above 0 for each of the "
                f"{len(settings.weights)} mappings")
        settings = replace(settings, weights=[float(w) for w in weights])
    if matching_type is not None:
        if matching_type not in ("one-to-one", "one-to-many", "many-to-many"):
            raise ResultRequestError(f"matching_type {matching_type!r} is not one of "
                                     "one-to-one, one-to-many, many-to-many")
        settings = replace(settings, matching_type=matching_type)
    if threshold is not None:
        settings = replace(settings, threshold=_percent("threshold", threshold),
                           low_threshold=max(0.0, threshold - 10) if low is None else settings.low_threshold)
    if low is not None:
        settings = replace(settings, low_threshold=_percent("low_confidence_threshold", low))
    if settings.low_threshold > settings.threshold:
        raise ResultRequestError(
            f"low_confidence_threshold {settings.low_threshold:g} is above threshold "
            f"{settings.threshold:g}; set it at or below the threshold")
    return settings


def _percent(name: str, value: float) -> float:
    if not 0 <= value <= 100:
        raise ResultRequestError(f"{name} {value:g} is outside 0-100; give a score from 0 to 100")
    return float(value)


def _check_page_request(file_type: str, page: int, per_page: int) -> None:
    if file_type not in RESULT_TYPES:
        raise ResultRequestError(f"Unknown result {file_type!r}; use one of {', '.join(RESULT_TYPES)}")
    if page < 1:
        raise ResultRequestError(f"page {page} is invalid; pages start at 1")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ResultRequestError(f"per_page {per_page} is invalid; use 1 to {MAX_PER_PAGE}")


def _columns(con) -> dict[str, list[str]]:
    return json.loads(scalar(con, "SELECT value FROM job_meta WHERE key = 'columns'"))


def _haystack(columns: list[str]) -> str:
    parts = ", ".join(f"CAST({quote_ident(c)} AS VARCHAR)" for c in columns)
    return f"concat_ws(' ', {parts})"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
