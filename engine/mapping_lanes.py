"""Normalised values and blocking keys of every mapping, prepared in two lanes side by side.

Each mapping's values are read, normalised, dictionary-encoded and keyed on their own, and
most of that work runs in Arrow and numpy with the GIL released. So two threads, each with a
cursor of the job's connection, prepare two mappings at once while the caller stores the
finished ones. On a million synthetic records per file, normalising and blocking together
went from 14.3 s to 12.5 s on two cores.

Columns of nearly distinct values (phones, IDs, emails) take the most time and memory, so
they go in one lane, one after the other, smallest first, and the rest in the other lane. In
a trial that ran any two of them at once, the job's peak memory rose by about 400 MB. Only
the smallest may start the other lane, when that shortens the longer lane: it then runs
beside the next smallest. On the million synthetic records the passports moved beside the
phones. Normalising took about 1 s less, and the peak rose by 30 to 50 MB.
"""

import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import pyarrow as pa

from engine import blocking
from engine.arrays import release_unused_memory
from engine.block_keys import MappingKeys
from engine.config import Mapping
from engine.mapping_plan import MappingPlan
from engine.values import (
    DISTINCT_NORMALISED_BELOW,
    ValueIds,
    normalise_mapping,
    value_stats,
)


@dataclass
class PreparedMapping:
    ids: ValueIds
    norms: pa.Array          # distinct normalised values, in value id order
    keys: MappingKeys | None  # None when the job compares every pair


def prepare_mappings(con, mappings: list[Mapping], plans: list[MappingPlan], rows: int,
                     threads: int, with_keys: bool) -> Iterator[PreparedMapping]:
    """Yield each mapping's prepared values and keys, in mapping order.

    `rows` is the number of records in both files together. Closing the iterator early (a
    cancelled job) stops the lanes before their next mapping.
    """
    stats = [value_stats(con, mapping) for mapping in mappings]
    wide = [rows > 0 and distinct / rows >= DISTINCT_NORMALISED_BELOW for distinct, _ in stats]
    # The bytes of distinct values: a rough measure of a mapping's work and memory.
    sizes = [distinct * length for distinct, length in stats]
    stop = threading.Event()
    futures: dict[int, Future] = {index: Future() for index in range(len(mappings))}

    def run_lane(indexes: list[int]) -> None:
        cursor = con.cursor()
        try:
            for index in indexes:
                if stop.is_set():
                    futures[index].cancel()
                    continue
                _settle(futures[index], lambda i=index: _prepare(cursor, mappings[i], plans[i],
                                                                 threads, with_keys, wide[i]))
        finally:
            cursor.close()

    with ThreadPoolExecutor(2, thread_name_prefix="moslik-lane") as pool:
        # One thread (parallel_processing: false) prepares the mappings one after the other.
        steps = _lanes(wide, sizes) if threads > 1 else [list(range(len(mappings)))]
        lanes = [pool.submit(run_lane, lane) for lane in steps if lane]
        try:
            for index in range(len(mappings)):
                done = _result(futures[index], lanes)
                # Removed only now: a lane looks its future up when it gets to the mapping.
                del futures[index]
                yield done
        finally:
            stop.set()
            for lane in lanes:
                lane.result()


def _lanes(wide: list[bool], sizes: list[float]) -> list[list[int]]:
    """Split the mapping numbers into two lanes: wide columns in one, the others in the other.

    Wide columns run smallest first. The smallest of several starts the other lane instead
    when its size and the other lane's `sizes` add up to less than the rest of the wide ones.
    Without wide columns, the mappings alternate between the lanes.
    """
    wide_ones = sorted((i for i, is_wide in enumerate(wide) if is_wide), key=lambda i: sizes[i])
    narrow = [i for i, is_wide in enumerate(wide) if not is_wide]
    if not wide_ones:
        return [narrow[0::2], narrow[1::2]]

    smallest, rest = wide_ones[0], wide_ones[1:]
    if rest and sizes[smallest] + sum(sizes[i] for i in narrow) < sum(sizes[i] for i in rest):
        return [rest, [smallest, *narrow]]
    return [wide_ones, narrow]


def _prepare(cursor, mapping: Mapping, plan: MappingPlan, threads: int,
             with_keys: bool, wide: bool) -> PreparedMapping:
    ids, norms = normalise_mapping(cursor, mapping, plan, threads, wide)
    # The raw columns are gone by now; Arrow's pool would keep their memory for reuse.
    release_unused_memory()
    keys = blocking.keys_of(norms, plan, ids) if with_keys else None
    release_unused_memory()
    return PreparedMapping(ids, norms, keys)


def _result(future: Future, lanes: list[Future]) -> PreparedMapping:
    """Wait for `future`, or raise what stopped a lane before it could settle it."""
    running = list(lanes)
    while not future.done():
        wait([future, *running], return_when=FIRST_COMPLETED)
        for lane in [lane for lane in running if lane.done()]:
            lane.result()  # raises the lane's own failure, if any
            running.remove(lane)
        if not running and not future.done():
            raise RuntimeError("both mapping lanes ended without preparing every mapping")
    return future.result()


def _settle(future: Future, work) -> None:
    """Run `work` and put its result, or the exception it raised, into `future`."""
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(work())
    except Exception as exc:  # noqa: BLE001 - handed to the caller, who raises it in its thread
        future.set_exception(exc)
