"""Scoring: every candidate pair gets one score per mapping, each distinct value pair scored once.

The value ids of both records of each candidate come from the per-file arrays that
engine.values built, by position, so no join is needed, and the values' texts from the arrays
it keeps in value id order. Pairs whose values are equal score 100
without calling a scorer, and each remaining distinct pair of values is scored once however
many record pairs share it. The `pairs` table keeps one score column per mapping (`s0`, `s1`,
...) so that selection can re-weigh them without scoring again.
"""

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

import numpy as np
import pyarrow as pa

from engine.arrays import distinct, distinct_with_inverse, release_unused_memory
from engine.ascii_text import all_ascii
from engine.db import run_sql
from engine.mapping_plan import MappingPlan
from engine.values import ValueIds, ValueTexts

# Columns with at most this many distinct values are turned into Python strings once per
# mapping (see _text_lookup). On the million-record files, the 1.1 million pairs of birth dates
# (46,000 values) got their texts in 0.03 s so, against 0.12 s when each pair's strings were
# made. With more values, strings made in pair order are quicker than a pool. At 100,000
# records per file, phones (160,000 values) scored in 112 ms against 170 ms from a pool. At a
# million, surnames (104,000 values) scored in 102 ms against 116 ms (best of 9 and 5 runs).
POOL_MAX_VALUES = 50_000

# Value pairs are scored once per distinct pair when, of REPEAT_SAMPLE pairs spread over all,
# fewer than DISTINCT_SAMPLE_SHARE are distinct. On 100,000 synthetic records per file, the
# sample of given names had 0.978 distinct (0.67 of all their pairs were), that of surnames
# 0.9997 (0.995 of all): finding the distinct surname pairs took 10 of 52 ms and saved nothing.
REPEAT_SAMPLE = 16_384
DISTINCT_SAMPLE_SHARE = 0.99

# Seconds between relays of the scoring threads' batches to the progress callback.
PROGRESS_INTERVAL_S = 0.2

# Called after each batch with (mapping index, batches done, batches in all).
BatchCallback = Callable[[int, int, int], None]


def score_candidates(con, plans: list[MappingPlan], ids: list[ValueIds], texts: list[ValueTexts],
                     chunk_size: int, on_batch: BatchCallback, threads: int = 1) -> int:
    """Create `pairs(r1, r2, s0, s1, ...)` from `candidates` and return its row count.

    With `threads` above 1, that many mappings are scored at once, each in its own thread.
    Making Python strings of the value texts, and cpdist's reading of them, run under the
    interpreter lock, so one mapping at a time left a core idle for about a third of scoring.
    On a million synthetic records per file, two at once took 1.9 s instead of 2.4 to 2.7 s.
    `on_batch` is called in the caller's thread. When it raises (a cancelled job), the other
    mappings stop at their next batch.
    """
    candidates = con.sql("SELECT r1, r2 FROM candidates").to_arrow_table()
    first = candidates.column("r1").to_numpy() - 1
    second = candidates.column("r2").to_numpy() - 1
    batches: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()

    def queue_batch(index: int, done: int, total: int) -> None:
        if stop.is_set():
            raise _Stopped
        batches.put((index, done, total))

    def score(index: int) -> pa.Array:
        value_ids, plan = ids[index], plans[index]
        scores = score_values(_texts_of(texts[index], plan), index, plan, value_ids.side1[first],
                              value_ids.side2[second], chunk_size, queue_batch,
                              repeats_values(value_ids))
        # NaN made NULL: 1.8 million candidates' seven columns take 100 MB.
        return pa.array(scores, mask=np.isnan(scores))

    scored: dict[int, Future] = {}
    with ThreadPoolExecutor(max(threads, 1), thread_name_prefix="moslik-score") as pool:
        try:
            for index in range(len(plans)):
                scored[index] = pool.submit(score, index)
                # At most `threads` mappings hold their pair ids and Python strings at once.
                _wait_for_slot(scored, max(threads, 1), batches, on_batch)
            _wait_for_slot(scored, 1, batches, on_batch)
        except BaseException:
            stop.set()
            for future in scored.values():
                future.cancel()
            raise

    columns = {"r1": candidates.column("r1"), "r2": candidates.column("r2")}
    columns.update((f"s{index}", scored[index].result()) for index in range(len(plans)))
    del scored
    release_unused_memory()
    con.register("scored_pairs", pa.table(columns))
    try:
        run_sql(con, "pairs")
    finally:
        con.unregister("scored_pairs")
    return len(first)


class _Stopped(Exception):
    """Raised in a scoring thread at its next batch once the caller has failed."""


def _wait_for_slot(scored: dict[int, Future], limit: int, batches: queue.SimpleQueue,
                   on_batch: BatchCallback) -> None:
    """Relay finished batches to `on_batch` until fewer than `limit` mappings are running."""
    while True:
        running = [future for future in scored.values() if not future.done()]
        if len(running) < limit:
            break
        wait(running, timeout=PROGRESS_INTERVAL_S, return_when=FIRST_COMPLETED)
        _relay(batches, on_batch)
    # A mapping that finished after the last relay may have queued batches since.
    _relay(batches, on_batch)
    for future in scored.values():
        if future.done():
            future.result()  # raises a failed mapping's error here


def _relay(batches: queue.SimpleQueue, on_batch: BatchCallback) -> None:
    while not batches.empty():
        index, done, total = batches.get()
        on_batch(index, done, total)


def _texts_of(texts: ValueTexts, plan: MappingPlan) -> pa.Array | None:
    """Return the texts the mapping's scorer reads, in value id order (None: exact)."""
    return None if plan.equal_only else texts.column(plan.batch_column)


def score_mapping(texts: ValueTexts, index: int, plan: MappingPlan, first: np.ndarray,
                  second: np.ndarray, chunk_size: int, on_batch: BatchCallback,
                  distinct_only: bool = True) -> np.ndarray:
    """Score mapping `index` for record pairs given by their value ids (0: missing).

    With `distinct_only`, each distinct pair of values is scored once (see repeats_values).

    Returns one score per pair, NaN where either value is missing.
    """
    return score_values(_texts_of(texts, plan), index, plan, first, second, chunk_size,
                        on_batch, distinct_only)


def score_values(texts: pa.Array | None, index: int, plan: MappingPlan, first: np.ndarray,
                 second: np.ndarray, chunk_size: int, on_batch: BatchCallback,
                 distinct_only: bool = True) -> np.ndarray:
    """Score record pairs given by value ids into `texts`, the values in id order (None: exact)."""
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
    if not distinct_only or not _pairs_repeat(left, right, plan.batch_symmetric):
        scores[rest] = _scores(texts, index, plan, left, right, chunk_size, on_batch)
        return scores
    if plan.batch_symmetric:
        left, right = _mirrored_pairs_folded(left, right)
    width = int(right.max()) + 1 if len(right) else 1
    keys = left.astype(np.int64)
    keys *= width
    keys += right
    distinct, position = distinct_with_inverse(keys)
    left, right = (distinct // width).astype(np.int32), (distinct % width).astype(np.int32)
    scores[rest] = _scores(texts, index, plan, left, right, chunk_size, on_batch)[position]
    return scores


def _pairs_repeat(left: np.ndarray, right: np.ndarray, symmetric: bool) -> bool:
    """Tell whether enough pairs of value ids repeat to score each distinct pair once.

    Checks REPEAT_SAMPLE pairs spread evenly over all of them, which costs a fraction of
    finding the distinct pairs of all. With `symmetric`, a pair and its mirror count as one.
    """
    step = max(1, len(left) // REPEAT_SAMPLE)
    left, right = left[::step], right[::step]
    if symmetric:
        left, right = _mirrored_pairs_folded(left, right)
    sample = left.astype(np.int64) << 32 | right
    return len(distinct(sample)) < DISTINCT_SAMPLE_SHARE * len(sample)


def _mirrored_pairs_folded(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Put the smaller value id of each pair first, so that (b, a) becomes (a, b).

    Both files share one value id space, so for a scorer that gives (b, a) the score of (a, b),
    the two are one distinct pair. Of the 208,000 distinct given name pairs of 100,000
    synthetic records per file, 57,000 were such mirrors, and scoring took 31 ms instead of
    36 ms. Pairs scored one by one keep their order: their first value ids then come in record
    order, and surnames scored in 44 ms instead of 47 ms.
    """
    return np.minimum(left, right), np.maximum(left, right)


def repeats_values(value_ids: ValueIds) -> bool:
    """Tell whether records share values often enough that value pairs repeat among pairs.

    Names and dates do. Phones and IDs, nearly one value per record, do not, so finding
    their distinct pairs would cost more than it saves.
    """
    return 2 * value_ids.count <= len(value_ids.side1) + len(value_ids.side2)


def _scores(texts: pa.Array, index: int, plan: MappingPlan, left: np.ndarray, right: np.ndarray,
            chunk_size: int, on_batch: BatchCallback) -> np.ndarray:
    """Hand `chunk_size` value pairs per call to `plan.batch`, which runs them on all cores.

    Value ids run from 1 to the number of values (see engine.values), so a value's text is
    found by position.
    """
    if plan.batch_takes_arrow:
        lookup = _arrow_lookup(texts)
    else:
        lookup = _text_lookup(texts, 2 * len(left), plan.batch_reads_bytes)

    scores = np.empty(len(left), dtype=np.float64)
    batches = max(1, -(-len(left) // chunk_size))
    for batch in range(batches):
        part = slice(batch * chunk_size, (batch + 1) * chunk_size)
        scores[part] = plan.batch(lookup(left[part]), lookup(right[part]))
        on_batch(index, batch + 1, batches)
    return scores


def _arrow_lookup(texts: pa.Array) -> Callable[[np.ndarray], pa.Array]:
    """Return a function from value ids to their texts, as an Arrow array (no Python strings)."""
    return lambda ids: texts.take(pa.array(ids - 1))


def _text_lookup(texts: pa.Array, needed: int,
                 bytes_if_ascii: bool) -> Callable[[np.ndarray], Sequence[str | bytes]]:
    """Return a function from value ids to their texts, as a list of Python strings or bytes.

    With `bytes_if_ascii`, texts that are all ASCII come as bytes, which rapidfuzz scores as it
    does the strings. Bytes are made in about half the time (2.9 ms against 5.2 ms for 160,000
    phones), and scoring the phones of 100,000 records per file took 55 ms against 60 ms
    (medians of 15 runs). all_ascii reads Arrow's data buffer: 0.5 ms for 190,000 phones
    against 3 ms for string_is_ascii.

    When the pairs need at least as many texts as there are values, and there are at most
    POOL_MAX_VALUES of them (few enough, we expect, to stay in the processor's cache), every
    value becomes a Python object once and batches index them. Otherwise each batch takes its
    texts from Arrow and makes them objects in pair order, where cpdist finds each pair's two
    objects next to the others. On a million phones that was three times faster than indexing
    a pool: the strings of random pairs lie far apart in memory, and cpdist waits on each one. cpdist reads lists quicker than numpy object arrays: on the
    316,000 phone pairs of the 100,000-record benchmark, 40 ms against 47 ms, while making the
    lists took 4.5 ms.
    """
    if bytes_if_ascii and all_ascii(texts):
        texts = texts.cast(pa.binary())
    if needed >= len(texts) and len(texts) <= POOL_MAX_VALUES:
        pool = texts.to_numpy(zero_copy_only=False)
        return lambda ids: pool[ids - 1].tolist()
    return lambda ids: texts.take(pa.array(ids - 1)).to_pylist()
