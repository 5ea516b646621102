"""Selection: from the stored pair scores to matched, low-confidence and unmatched records.

Selection reads `pairs` and never re-scores, so a new threshold, new weights or another
matching type re-select in well under a second. The app's sliders and the API call it.
"""

import json
from dataclasses import asdict, dataclass

import numpy as np
import pyarrow as pa

from engine.auto_weights import CLOSE_FROM, EXACT_FROM
from engine.db import run_sql, scalar

# One-to-one runs this many mutual-best rounds in SQL, which settle most pairs cheaply. The
# pairs left (chains of near-equal scores) finish in a greedy pass in Python.
MUTUAL_BEST_ROUNDS = 2
# A pool of at most this many pairs goes straight to the greedy pass in Python, which costs
# less than a SQL round. A round groups the pool by record: 12 ms at 250,000 records per file,
# however few pairs are left.
GREEDY_MAX_PAIRS = 20_000
# With auto_weights, up to this many mappings' levels fit two bits each in one BIGINT; more
# mappings keep them in a list, which is slower to group and join.
MAX_PACKED_MAPPINGS = 31


@dataclass
class SelectionSettings:
    """Selection settings besides the pairs, stored in the job so that they can be changed later."""
    threshold: float
    low_threshold: float
    matching_type: str
    weights: list[float]
    floors: list[float]
    # With auto_weights: the fitted model (engine.auto_weights.FittedModel as a dict), whose
    # bits each mapping's weight multiplies. None: the weighted mean of the mapping scores.
    model: dict | None = None
    # The config's missing_value_score: what a missing value scores in the weighted mean.
    missing_score: float | None = None

    @classmethod
    def from_config(cls, config, model: dict | None = None) -> "SelectionSettings":
        return cls(threshold=config.threshold, low_threshold=config.low_threshold,
                   matching_type=config.matching_type,
                   weights=[m.weight for m in config.mappings],
                   floors=[m.fuzzy_threshold or 0.0 for m in config.mappings], model=model,
                   missing_score=config.missing_value_score)


def select(con, settings: SelectionSettings) -> dict[str, int]:
    """Re-create the selection tables for `settings`; returns the count of each result.

    It runs as one transaction, so a failure leaves the last selection whole, and DuckDB
    commits once instead of once per table.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        counts = _select(con, settings)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return counts


def _select(con, settings: SelectionSettings) -> dict[str, int]:
    run_sql(con, "decisions_create")
    prepare_scores(con, settings)
    if settings.matching_type == "one-to-one" and _no_decisions(con):
        # The first mutual-best round reads the best candidates and builds the pool itself.
        run_sql(con, "select_mutual_best_first", {"low": settings.low_threshold})
        _choose_one_to_one(con, first_round=1)
    else:
        run_sql(con, "selection_pool", {"low": settings.low_threshold})
        _drop_records_of_accepted(con, settings.matching_type)
        _choose(con, settings.matching_type)

    run_sql(con, "selection_results", {"threshold": settings.threshold})
    for side, own, other in ((1, "r1", "r2"), (2, "r2", "r1")):
        run_sql(con, "selection_unmatched", {"threshold": settings.threshold},
                side=side, own=own, other=other)
    _save_settings(con, settings)
    return selection_counts(con)


def _no_decisions(con) -> bool:
    return scalar(con, "SELECT count(*) FROM decisions") == 0


def selection_counts(con) -> dict[str, int]:
    return {name: scalar(con, f"SELECT count(*) FROM sel_{name}")
            for name in ("matched", "low_confidence", "unmatched_1", "unmatched_2")}


def load_settings(con) -> SelectionSettings:
    text = scalar(con, "SELECT value FROM job_meta WHERE key = 'selection'")
    return SelectionSettings(**json.loads(text))


def score_pairs(con, settings: SelectionSettings) -> None:
    """Create the temporary `scored(r1, r2, score, score_rank)` table for `settings`.

    score_rank is an integer that orders pairs exactly as the score does (equal for equal
    scores), so that a record's best pair is one integer max() instead of a sort.
    """
    if settings.model is not None:
        _score_with_model(con, settings)
        return
    numerator, denominator, params = [], [], {}
    missing = settings.missing_score
    for i, (weight, floor) in enumerate(zip(settings.weights, settings.floors)):
        if missing is None:
            numerator.append(f"coalesce($w{i} * CASE WHEN s{i} < $f{i} THEN 0 ELSE s{i} END, 0)")
            denominator.append(f"CASE WHEN s{i} IS NULL THEN 0 ELSE $w{i} END")
        else:
            numerator.append(f"coalesce($w{i} * CASE WHEN s{i} < $f{i} THEN 0 ELSE s{i} END, "
                             f"$w{i} * $missing)")
            denominator.append(f"$w{i}")
        params[f"w{i}"], params[f"f{i}"] = float(weight), float(floor)
    if missing is not None:
        params["missing"] = float(missing)
    run_sql(con, "scored", params, numerator=" + ".join(numerator),
            denominator=" + ".join(denominator))


def _score_with_model(con, settings: SelectionSettings) -> None:
    """Score pairs by the fitted model: prior plus each mapping's level bits times its weight.

    The terms are added in the same order as a per-pair sum would add them, so each pattern's
    score is the same double that scoring every pair gave.
    """
    packed = len(settings.floors) <= MAX_PACKED_MAPPINGS
    _prepare_levels(con, settings.floors, packed)
    terms, params = ["$prior"], {"prior": float(settings.model["prior_bits"])}
    for i, (weight, bits) in enumerate(zip(settings.weights, settings.model["bits"], strict=True)):
        level = f"(pattern // {4 ** i}) % 4" if packed else f"pattern[{i + 1}]"
        terms.append(f"$w{i} * CASE {level} WHEN 0 THEN 0 WHEN 1 THEN $d{i} "
                     f"WHEN 2 THEN $c{i} ELSE $e{i} END")
        params |= {f"w{i}": float(weight), f"d{i}": float(bits[0]),
                   f"c{i}": float(bits[1]), f"e{i}": float(bits[2])}
    run_sql(con, "scored_model", params, log_odds=" + ".join(terms))


def _prepare_levels(con, floors: list[float], packed: bool) -> None:
    """Create `pair_levels` for `floors`, unless this connection already has it."""
    key = json.dumps(floors)
    if temp_key(con, "pair_levels") == key:
        return
    levels, params = [], {}
    for i, floor in enumerate(floors):
        levels.append(f"CASE WHEN s{i} IS NULL THEN 0 WHEN s{i} < $f{i} THEN 1 "
                      f"WHEN s{i} >= {EXACT_FROM} THEN 3 WHEN s{i} >= {CLOSE_FROM} THEN 2 "
                      f"ELSE 1 END")
        params[f"f{i}"] = float(floor)
    if packed:
        pattern = " + ".join(f"{4 ** i} * {level}" for i, level in enumerate(levels))
    else:
        pattern = "CAST([" + ", ".join(levels) + "] AS UTINYINT[])"
    set_temp_key(con, "pair_levels", None)
    run_sql(con, "scored_levels", params, pattern=pattern)
    set_temp_key(con, "pair_levels", key)


def _drop_records_of_accepted(con, matching_type: str) -> None:
    conditions = {
        "one-to-one": "r1 IN (SELECT r1 FROM chosen) OR r2 IN (SELECT r2 FROM chosen)",
        "one-to-many": "r2 IN (SELECT r2 FROM chosen)",
    }
    if matching_type in conditions:
        run_sql(con, "pool_without_accepted_records", sides=matching_type,
                condition=conditions[matching_type])


def _choose(con, matching_type: str) -> None:
    if matching_type == "many-to-many":
        run_sql(con, "select_many_to_many")
    elif matching_type == "one-to-many":
        run_sql(con, "select_one_to_many")
    else:
        _choose_one_to_one(con, first_round=0)


def _choose_one_to_one(con, first_round: int) -> None:
    """Run the mutual-best rounds from `first_round` on, then the greedy pass on what is left."""
    for _ in range(first_round, MUTUAL_BEST_ROUNDS):
        if scalar(con, "SELECT count(*) FROM pool") <= GREEDY_MAX_PAIRS:
            break
        run_sql(con, "select_mutual_best")
    _greedy_rest(con)


def _greedy_rest(con) -> None:
    """Finish one-to-one on what the rounds left, in (score DESC, r1, r2) order."""
    rest = con.sql("SELECT r1, r2, score FROM pool ORDER BY score DESC, r1, r2").to_arrow_table()
    used1, used2, keep = set(), set(), np.zeros(rest.num_rows, dtype=bool)
    pairs = zip(rest.column("r1").to_numpy().tolist(), rest.column("r2").to_numpy().tolist())
    for k, (r1, r2) in enumerate(pairs):
        if r1 not in used1 and r2 not in used2:
            used1.add(r1)
            used2.add(r2)
            keep[k] = True
    con.register("greedy_chosen", rest.filter(pa.array(keep)))
    con.execute("INSERT INTO chosen SELECT r1, r2, score FROM greedy_chosen")
    con.unregister("greedy_chosen")


def prepare_scores(con, settings: SelectionSettings) -> bool:
    """Make `scored` and `best_candidate_1/2` ready for `settings`; returns True when computed.

    They depend on the weights, floors, model and missing score only, so a threshold change
    reuses the ones this connection computed last. They are temporary tables: a connection that
    engine.connection_cache keeps open carries them from one request to the next, and a new
    connection computes them again.
    """
    key = json.dumps([settings.weights, settings.floors, settings.model, settings.missing_score])
    if temp_key(con, "scored") == key:
        return False

    set_temp_key(con, "scored", None)
    score_pairs(con, settings)
    for side, own, other in ((1, "r1", "r2"), (2, "r2", "r1")):
        run_sql(con, "best_candidates", side=side, own=own, other=other)
    set_temp_key(con, "scored", key)
    return True


def temp_key(con, table: str) -> str | None:
    """Return the key of the settings that this connection's temporary `table` was made for."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS temp_keys (name VARCHAR PRIMARY KEY, value VARCHAR)")
    return scalar(con, "SELECT value FROM temp_keys WHERE name = ?", [table])


def set_temp_key(con, table: str, key: str | None) -> None:
    """Record `key` for `table`; None marks it as not made, before a step that may fail."""
    con.execute("INSERT OR REPLACE INTO temp_keys VALUES (?, ?)", [table, key])


def _save_settings(con, settings: SelectionSettings) -> None:
    """Store the settings and bump the selection version that result files are checked against."""
    con.execute("CREATE TABLE IF NOT EXISTS job_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('selection', ?)",
                [json.dumps(asdict(settings))])
    version = scalar(con, "SELECT value FROM job_meta WHERE key = 'selection_version'")
    con.execute("INSERT OR REPLACE INTO job_meta VALUES ('selection_version', ?)",
                [str(int(version or 0) + 1)])
