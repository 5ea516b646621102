"""Review of a finished job: pages with row ids and score breakdowns, decisions, exports.

The Streamlit app reviews pairs with these functions. The API serves result files through
`result_file`, which re-writes a file when a re-selection or a decision made it stale.
"""

import json
from pathlib import Path

import pyarrow as pa

from engine import output, selection
from engine.config import ProcessingConfig
from engine.db import quote_ident, run_sql, scalar
from engine.result_views import create_views, record_files
from engine.results import (
    RESULT_TYPES,
    ResultRequestError,
    _columns,
    job_connection,
    read_page,
)
from engine.values import normalised_texts

DECISIONS = ("accept", "reject")


def selection_state(job_dir: Path) -> dict:
    """Current threshold, band, matching type and weights, with each mapping's label."""
    with job_connection(job_dir) as con:
        settings = selection.load_settings(con)
        config = _config(con)
    mappings = [{"label": m.label, "match_type": m.match_type, "fuzzy_method": m.fuzzy_method}
                for m in config.mappings]
    return {"threshold": settings.threshold, "low_threshold": settings.low_threshold,
            "matching_type": settings.matching_type, "weights": settings.weights,
            "floors": settings.floors, "mappings": mappings}


def review_page(job_dir: Path, file_type: str, *, page: int = 1, per_page: int = 50,
                search: str | None = None) -> dict:
    """Return a result page whose rows also carry ids, per-mapping scores, decision and reason."""
    labels = [m["label"] for m in selection_state(job_dir)["mappings"]]
    if file_type in ("matched", "low_confidence"):
        internal = ["__r1", "__r2", "__decision", *[f"__s{i}" for i in range(len(labels))]]
    else:
        internal = ["__row_id", "__best_row_id", "__best_score", "__reason"]
    result = read_page(job_dir, file_type, page=page, per_page=per_page, search=search,
                       internal_columns=internal)
    result["data"] = [_review_row(row, labels) for row in result["data"]]
    return result


def _review_row(row: dict, labels: list[str]) -> dict:
    scores = {label: row.pop(f"__s{i}") for i, label in enumerate(labels) if f"__s{i}" in row}
    renamed = {"_" + key.removeprefix("__"): value for key, value in row.items() if key.startswith("__")}
    plain = {key: value for key, value in row.items() if not key.startswith("__")}
    if scores:
        renamed["_scores"] = scores
    return {**plain, **renamed}


def pair_details(job_dir: Path, r1: int, r2: int) -> dict:
    """Each mapping's values (raw and normalised), score, weight and method for one pair."""
    with job_connection(job_dir) as con:
        config = _config(con)
        settings = selection.load_settings(con)
        selection.prepare_scores(con, settings)
        confidence = scalar(con, "SELECT score FROM scored WHERE r1 = ? AND r2 = ?", [r1, r2])
        mappings = [_mapping_values(con, config, i, settings, r1, r2)
                    for i in range(len(config.mappings))]
    if confidence is None and all(m["score"] is None for m in mappings):
        raise ResultRequestError(f"No scored pair ({r1}, {r2}) in this job; pick a pair from the results")
    # The score a missing value counted as (missing_value_score), or None when it left the mean.
    missing = settings.missing_score if settings.model is None else None
    return {"r1": r1, "r2": r2, "confidence_score": confidence, "mappings": mappings,
            "missing_score": missing}


def _mapping_values(con, config, index: int, settings, r1: int, r2: int) -> dict:
    mapping = config.mappings[index]
    rows = run_sql(con, "pair_values", {"r1": r1, "r2": r2}, i=index,
                   col1=quote_ident(mapping.file1_col), col2=quote_ident(mapping.file2_col)).fetchall()
    raw1, raw2, score = rows[0] if rows else (None,) * 3
    norm1, norm2 = normalised_texts(con, config, mapping, [raw1, raw2])
    method = mapping.fuzzy_method if mapping.match_type == "fuzzy" else mapping.match_type
    return {"label": mapping.label, "match_type": mapping.match_type, "method": method,
            "weight": settings.weights[index], "floor": settings.floors[index],
            "value1": raw1, "value2": raw2, "normalised1": norm1, "normalised2": norm2,
            "score": None if score is None else round(score, 2)}


def score_histogram(job_dir: Path, bins: int = 20) -> list[dict]:
    """Counts of file-1 records by their best candidate's score, in `bins` equal bins of 0-100."""
    if not 1 <= bins <= 100:
        raise ResultRequestError(f"bins {bins} is invalid; use 1 to 100")
    width = 100 / bins
    with job_connection(job_dir) as con:
        selection.prepare_scores(con, selection.load_settings(con))
        counts = dict(run_sql(con, "score_histogram", {"width": width, "bins": bins}).fetchall())
    return [{"lower": round(k * width, 2), "upper": round((k + 1) * width, 2),
             "count": counts.get(k, 0)} for k in range(bins)]


def decide(job_dir: Path, pairs: list[tuple[int, int]], decision: str | None) -> dict[str, int]:
    """Accept or reject pairs (None clears the decision), then select again; returns counts."""
    if decision is not None and decision not in DECISIONS:
        raise ResultRequestError(f"decision {decision!r} is invalid; use 'accept', 'reject' or None")
    given = pa.table({"r1": pa.array([int(p[0]) for p in pairs], pa.int64()),
                      "r2": pa.array([int(p[1]) for p in pairs], pa.int64())})
    with job_connection(job_dir, write=True) as con:
        con.register("given_pairs", given)
        if decision is None:
            run_sql(con, "undecide")
        else:
            run_sql(con, "decide", {"decision": decision})
        con.unregister("given_pairs")
        counts = selection.select(con, selection.load_settings(con))
        create_views(con, _config(con), *json.loads(
            scalar(con, "SELECT value FROM job_meta WHERE key = 'input_columns'")))
    return counts


def export_result(job_dir: Path, file_type: str, fmt: str, path: Path) -> int:
    """Write the current `file_type` result, decisions included, to `path` in `fmt`."""
    if file_type not in RESULT_TYPES:
        raise ResultRequestError(f"Unknown result {file_type!r}; use one of {', '.join(RESULT_TYPES)}")
    if fmt not in output.FORMATS:
        raise ResultRequestError(f"Unknown format {fmt!r}; use one of {', '.join(output.FORMATS)}")
    with job_connection(job_dir) as con:
        return output.write_relation(con, f"out_{file_type}", Path(path), fmt,
                                     columns=_columns(con)[file_type])


def result_file(job_dir: Path, file_type: str) -> Path:
    """Path of a result file that shows the current selection, re-written first when stale."""
    with job_connection(job_dir, write=True) as con:
        files = json.loads(scalar(con, "SELECT value FROM job_meta WHERE key = 'files'") or "{}")
        if file_type not in files:
            raise ResultRequestError(f"The job wrote no {file_type!r} file; ask for one of {', '.join(files)}")
        path = Path(files[file_type])
        current = scalar(con, "SELECT value FROM job_meta WHERE key = 'selection_version'")
        written = scalar(con, "SELECT value FROM job_meta WHERE key = 'files_version'")
        if current != written or not path.exists():
            fmt = _config(con).output_format
            for name, stale in files.items():
                output.write_relation(con, f"out_{name}", Path(stale), fmt, columns=_columns(con)[name])
            record_files(con, {name: Path(p) for name, p in files.items()})
    return path


def _config(con) -> ProcessingConfig:
    return ProcessingConfig.model_validate_json(
        scalar(con, "SELECT value FROM job_meta WHERE key = 'config'"))
