"""Scoring: every candidate pair gets one score per mapping, each distinct value pair scored once.

The value ids of both records of each candidate come from the per-file arrays that
engine.values built, by position, so no join is needed. Pairs whose values are equal score 100
without calling a scorer, and each remaining distinct pair of values is scored once however
many record pairs share it. The `pairs` table keeps one score column per mapping (`s0`, `s1`,
...) so that selection can re-weigh them without scoring again.
"""

from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa

from engine.arrays import distinct_with_inverse, release_unused_memory
from engine.db import run_sql
from engine.mapping_plan import MappingPlan
from engine.values import ValueIds, value_texts

# Columns with at most this many distinct values are turned into Python strings once per
# mapping (see _text_lookup). On the million-record files, the 1.1 million pairs of birth dates
# got their texts in 0.03 s so, against 0.12 s when each pair's strings were made.
POOL_MAX_VALUES = 200_000

# Called after each batch with (mapping index, batches done, batches in all).
BatchCallback = Callable[[int, int, int], None]


def score_candidates(con, plans: list[MappingPlan], ids: list[ValueIds], chunk_size: int,
                     on_batch: BatchCallback) -> int:
    """Create `pairs(r1, r2, s0, s1, ...)` from `candidates` and return its row count."""
    candidates = con.sql("SELECT r1, r2 FROM candidates").to_arrow_table()
    first = candidates.column("r1").to_numpy() - 1
    second = candidates.column("r2").to_numpy() - 1

    # Each mapping's scores, NaN made NULL: 1.8 million candidates' seven columns take 100 MB.
    columns = {"r1": candidates.column("r1"), "r2": candidates.column("r2")}
    for index, (plan, value_ids) in enumerate(zip(plans, ids)):
        scores = score_mapping(con, index, plan, value_ids.side1[first], value_ids.side2[second],
                               chunk_size, on_batch, repeats_values(value_ids))
        columns[f"s{index}"] = pa.array(scores, mask=np.isnan(scores))
        del scores
        release_unused_memory()

    con.register("scored_pairs", pa.table(columns))
    try:
        run_sql(con, "pairs")
    finally:
        con.unregister("scored_pairs")
    return len(first)


def score_mapping(con, index: int, plan: MappingPlan, first: np.ndarray, second: np.ndarray,
                  chunk_size: int, on_batch: BatchCallback, distinct_only: bool = True) -> np.ndarray:
    """Score mapping `index` for record pairs given by their value ids (0: missing).

    With `distinct_only`, each distinct pair of values is scored once (see repeats_values).

    Returns one score per pair, NaN where either value is missing.
    """
    scores = np.full(len(first), np.nan)
    present = (first > 0) & (second > 0)
    same = present & (first == second)
    scores[same] = 100.0

    rest = np.flatnonzero(present & ~same)
    if plan.equal_only:
        scores[rest] = 0.0
        on_batch(index, 1, 1)
        return scores
    left, right = first[rest], second[rest]
    if not distinct_only:
        scores[rest] = _scores(con, index, plan, left, right, chunk_size, on_batch)
        return scores
    width = int(right.max()) + 1 if len(right) else 1
    distinct, position = distinct_with_inverse(left.astype(np.int64) * width + right)
    left, right = (distinct // width).astype(np.int32), (distinct % width).astype(np.int32)
    scores[rest] = _scores(con, index, plan, left, right, chunk_size, on_batch)[position]
    return scores


def repeats_values(value_ids: ValueIds) -> bool:
    """Tell whether records share values often enough that value pairs repeat among pairs.

    Names and dates do. Phones and IDs, nearly one value per record, do not, so finding
    their distinct pairs would cost more than it saves.
    """
    return 2 * value_ids.count <= len(value_ids.side1) + len(value_ids.side2)


def _scores(con, index: int, plan: MappingPlan, left: np.ndarray, right: np.ndarray,
                   chunk_size: int, on_batch: BatchCallback) -> np.ndarray:
    """Hand `chunk_size` value pairs per call to `plan.batch`, which runs them on all cores.

    Value ids run from 1 to the number of values (see engine.values), so a value's text is
    found by position.
    """
    texts = _text_lookup(value_texts(con, index, plan.batch_column), 2 * len(left))

    scores = np.empty(len(left), dtype=np.float64)
    batches = max(1, -(-len(left) // chunk_size))
    for batch in range(batches):
        part = slice(batch * chunk_size, (batch + 1) * chunk_size)
        scores[part] = plan.batch(texts(left[part]), texts(right[part]))
        on_batch(index, batch + 1, batches)
    return scores


def _text_lookup(texts: pa.Array, needed: int) -> Callable[[np.ndarray], Sequence[str]]:
    """Return a function from value ids to their texts, as a numpy object array of strings.

    When the pairs need at least as many texts as there are values, and there are at most
    POOL_MAX_VALUES of them (few enough, we expect, to stay in the processor's cache), every
    value becomes a Python string once and batches index them. Otherwise each batch takes its texts from Arrow and makes them
    strings in pair order. On a million phones that was three times faster than indexing a
    pool: the strings of random pairs lie far apart in memory, and cpdist waits on each one.
    """
    if needed >= len(texts) and len(texts) <= POOL_MAX_VALUES:
        pool = texts.to_numpy(zero_copy_only=False)
        return lambda ids: pool[ids - 1]
    return lambda ids: texts.take(pa.array(ids - 1)).to_numpy(zero_copy_only=False)
