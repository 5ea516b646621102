"""Blocking: which record pairs get scored at all.

Small inputs compare every pair. Larger ones join records that share a blocking key, which
each mapping's plan derives from its values. Exact mappings share their normalised value.
Fuzzy and phonetic mappings share a token, the phonetic code of a token or a token's first
four letters, so that a typo in one token or a swapped name order still leaves a shared key.

A key shared by too many records (a word such as "street", a state) is dropped: it would add
many pairs that other keys decide better. Of the rest, the rarest keys are kept until their
pairs reach a target that grows with the input, so a million records do not bring every
shared birth date along. Each record also keeps its own few rarest keys, so a record whose
keys all missed the global target is still compared with its likeliest partners. Before any
pair is made, the candidate count is estimated and checked against the budget.
"""

import logging
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from engine.arrays import release_unused_memory
from engine.block_keys import MappingKeys, expand, mapping_keys
from engine.config import ProcessingConfig
from engine.db import drop_tables, run_sql, scalar, sql_text
from engine.errors import budget_exceeded
from engine.mapping_plan import MappingPlan
from engine.own_keys import OwnKeys
from engine.values import ValueIds

logger = logging.getLogger(__name__)

# Inputs whose full cross product is at most this many pairs are compared pair by pair.
FULL_COMPARISON_MAX_PAIRS = 250_000

# A blocking key that would produce more pairs than this on its own is dropped.
MAX_PAIRS_PER_KEY = 10_000

# Kept keys stop at max(MIN_TARGET_PAIRS, TARGET_PAIRS_PER_RECORD * larger input) pairs.
# Measured on a million synthetic records per file: 20 per record made 10 million candidates,
# 4 made 2.7 million and 2 (with OWN_KEYS 2) 1.8 million, each with blocking recall 0.999.
# The records a smaller target leaves out find their partners through their own keys.
MIN_TARGET_PAIRS = 1_000_000
TARGET_PAIRS_PER_RECORD = 2

# Each record's own keys: at most OWN_KEYS of its rarest, fewest partners first, while their
# partners in the other file add up to at most OWN_PARTNERS. Five keys instead of two found
# no more true pairs on the synthetic or FEBRL4 files, and added 0.4 million candidates.
OWN_KEYS = 2
OWN_PARTNERS = 10

# Key numbers are unique within a mapping; the mapping's number goes above these bits.
KEY_BITS = 40


@dataclass
class BlockingReport:
    method: str              # "all pairs" or "blocking keys"
    candidates: int
    estimate: int
    dropped_keys: dict[str, int]
    trimmed_keys: dict[str, int]


def uses_keys(rows1: int, rows2: int) -> bool:
    """Tell whether inputs of these sizes are blocked by keys instead of compared in full."""
    return rows1 * rows2 > FULL_COMPARISON_MAX_PAIRS


def keys_of(norms: pa.Array, plan: MappingPlan, value_ids: ValueIds) -> MappingKeys:
    """Return the keys of one mapping that can pair records, from its distinct normalised values.

    Only (value, key) rows whose key is in both files and not too common are kept.
    """
    found = mapping_keys(norms, plan, value_ids, MAX_PAIRS_PER_KEY)
    pairs = found.count1 * found.count2
    usable = ((found.count1 > 0) & (found.count2 > 0) & (pairs <= MAX_PAIRS_PER_KEY))[found.keys]
    return MappingKeys(found.vids[usable], found.keys[usable], found.count1, found.count2)


def create_key_tables(con) -> None:
    """Create the empty tables of blocking keys: store_key_counts fills the counts."""
    con.execute("CREATE OR REPLACE TEMP TABLE block_key_counts "
                "(key UBIGINT, mapping INTEGER, c1 BIGINT, c2 BIGINT, pair_count BIGINT)")
    for side in (1, 2):
        con.execute(f"CREATE OR REPLACE TEMP TABLE block_keys_{side} (_row_id BIGINT, key UBIGINT)")


def build_candidates(con, config: ProcessingConfig, rows1: int, rows2: int,
                     keys: list[MappingKeys | None], ids: list[ValueIds]) -> BlockingReport:
    """Create the `candidates` table, or raise BudgetError before making any pair.

    `keys` and `ids` are every mapping's blocking keys and value ids. With blocking keys
    (uses_keys), store_key_counts must have stored each mapping's key counts first.
    """
    if not uses_keys(rows1, rows2):
        run_sql(con, "candidates_all")
        return BlockingReport("all pairs", rows1 * rows2, rows1 * rows2, {}, {})

    target = max(MIN_TARGET_PAIRS, TARGET_PAIRS_PER_RECORD * max(rows1, rows2))
    limits = {"max_key_pairs": MAX_PAIRS_PER_KEY, "target": target}
    last_kept = keep_keys(con, target)
    own = [OwnKeys(rows, OWN_KEYS, OWN_PARTNERS) for rows in (rows1, rows2)]
    for index, (found, value_ids) in enumerate(zip(keys, ids, strict=True)):
        _store_record_keys(con, index, found, value_ids, last_kept, own)
        release_unused_memory()
    for side, chosen in ((1, own[0]), (2, own[1])):
        records, key_numbers = chosen.chosen()
        con.register("own_rows", pa.table({"_row_id": records + 1,
                                           "key": key_numbers.astype(np.uint64)}))
        run_sql(con, "own_keys", side=side)
        con.unregister("own_rows")
    del own

    estimate_rows = run_sql(con, "blocking_estimate", limits).fetchall()
    estimate = sum(row[1] for row in estimate_rows)
    _check_budget(config, estimate_rows, estimate)

    run_sql(con, "candidates_blocked")
    drop_tables(con, ["block_keys_1", "block_keys_2", "own_keys_1", "own_keys_2", "kept_keys",
                      "block_key_counts"])
    candidates = scalar(con, "SELECT count(*) FROM candidates")
    logger.info("blocking kept %d candidate pairs (estimate %d)", candidates, estimate)
    labels = [m.label for m in config.mappings]
    return BlockingReport("blocking keys", candidates, estimate,
                          {labels[m]: common for m, _, common, _ in estimate_rows if common},
                          {labels[m]: trimmed for m, _, _, trimmed in estimate_rows if trimmed})


def keep_keys(con, target: int) -> tuple[int, int] | None:
    """Create `kept_keys`: the rarest keys until their pairs reach `target`.

    Returns the (pair count, key) of the last key kept, or None when none is. The running
    total is summed in numpy over the keys in SQL's order: a window sum over 2.7 million keys
    took 0.44 s, against 0.19 s for the sort and the sum apart.
    """
    order = con.sql(sql_text("blocking_key_order"),
                    params={"max_key_pairs": MAX_PAIRS_PER_KEY}).to_arrow_table()
    running = np.cumsum(order.column("pair_count").to_numpy())
    kept_rows = order.slice(0, int(np.searchsorted(running, target, side="right")))
    con.register("kept_rows", kept_rows)
    try:
        run_sql(con, "kept_keys")
    finally:
        con.unregister("kept_rows")
    if not kept_rows.num_rows:
        return None
    return kept_rows.column("pair_count")[-1].as_py(), kept_rows.column("key")[-1].as_py()


def store_key_counts(con, index: int, found: MappingKeys) -> None:
    """Add the records per file of each of the mapping's pairing keys to block_key_counts."""
    pairs = found.count1 * found.count2
    pairing = np.flatnonzero((found.count1 > 0) & (found.count2 > 0))
    _insert(con, "block_key_counts", {
        "key": _key_numbers(index, len(pairs))[pairing],
        "mapping": np.full(len(pairing), index, np.int32),
        "c1": found.count1[pairing], "c2": found.count2[pairing], "pair_count": pairs[pairing]})


def _key_numbers(index: int, count: int) -> np.ndarray:
    """Number the mapping's keys with its index above KEY_BITS, so two mappings' keys never join."""
    return (np.uint64(index) << np.uint64(KEY_BITS)) + np.arange(count, dtype=np.uint64)


def _store_record_keys(con, index: int, found: MappingKeys, value_ids: ValueIds,
                       last_kept: tuple[int, int] | None, own: list[OwnKeys]) -> None:
    """Add each file's (record, key) rows of the mapping's keys that candidates can use.

    Those are the kept keys (up to `last_kept` in kept_keys' order) and the keys with at most
    OWN_PARTNERS records in a file, which own keys may join on. Leaving out the others (a
    common name in both files) spares most rows of the name and date mappings. The same rows
    are offered to each file's `own` keys.
    """
    numbers = _key_numbers(index, len(found.count1))
    pairs = found.count1 * found.count2
    useful = (found.count1 <= OWN_PARTNERS) | (found.count2 <= OWN_PARTNERS)
    if last_kept is not None:
        last_pairs, last_key = last_kept
        useful |= (pairs < last_pairs) | ((pairs == last_pairs) & (numbers <= np.uint64(last_key)))
    rows = useful[found.keys]
    vids, keys = found.vids[rows], found.keys[rows]

    offsets = np.concatenate(([0], np.cumsum(np.bincount(vids, minlength=value_ids.count + 1))))
    sides = ((value_ids.side1, found.count2, own[0]), (value_ids.side2, found.count1, own[1]))
    for side, (records, partners, chosen) in enumerate(sides, start=1):
        with_value = np.flatnonzero(records)
        row, position = expand(offsets, records[with_value])
        record_keys = keys[position]
        _insert(con, f"block_keys_{side}", {"_row_id": with_value[row] + 1,
                                            "key": numbers[record_keys]})
        chosen.add(with_value[row], numbers[record_keys], partners[record_keys])


def _insert(con, table: str, columns: dict[str, np.ndarray]) -> None:
    con.register("new_rows", pa.table(columns))
    con.execute(f"INSERT INTO {table} SELECT * FROM new_rows")
    con.unregister("new_rows")


def _check_budget(config: ProcessingConfig, estimate_rows, estimate: int) -> None:
    budget = config.performance.max_candidate_pairs
    if estimate <= budget:
        return
    worst = max(estimate_rows, key=lambda row: row[1] or 0)
    label = config.mappings[worst[0]].label
    raise budget_exceeded(estimate, budget, label, worst[1])
