"""Array helpers: distinct values of integer arrays by sorting, and freed memory.

numpy 2.4's np.unique takes a hash path that spends seconds on a few million int64 keys,
where a sort and a comparison of neighbours take a fraction of that. A sort that must also
return where each value came from packs the position into the low bits of the value. On the
2-core bench machine, numpy's plain sort of 385,000 int64 values took 3.7 ms, and a stable
argsort of the same array 38 ms.
"""

import ctypes

import numpy as np
import pyarrow as pa

# glibc's mallopt parameters (malloc.h), and the values _keep_freed_memory_for_reuse sets. 32 MB
# is the largest mmap threshold glibc would reach by itself. Setting one stops it from moving.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
HEAP_MMAP_THRESHOLD = 32 * 2**20
HEAP_TRIM_THRESHOLD = 64 * 2**20
# prctl's option that turns transparent huge pages off for the process (linux/prctl.h).
PR_SET_THP_DISABLE = 41

# distinct_with_inverse uses a dense table when the largest value is under this many times
# the number of values.
DENSE_FACTOR = 4


def distinct(values: np.ndarray) -> np.ndarray:
    """Return the distinct values, in ascending order."""
    ordered = np.sort(values)
    return ordered[run_starts(ordered)]


def distinct_with_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct values in ascending order, and each value's position among them.

    Non-negative values under a few times their count (value pairs of names, which are few)
    are counted in a dense table instead of sorted.
    """
    if len(values) and values.min() >= 0 and values.max() < DENSE_FACTOR * len(values):
        seen = np.zeros(int(values.max()) + 1, dtype=bool)
        seen[values] = True
        found = np.flatnonzero(seen)
        position = np.cumsum(seen) - 1
        return found.astype(values.dtype), position[values]
    ordered, order = sorted_with_order(values)
    starts = run_starts(ordered)
    inverse = np.empty(len(values), dtype=np.int64)
    ranks = np.cumsum(starts)
    ranks -= 1
    inverse[order] = ranks
    return ordered[starts], inverse


def sorted_with_order(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the values in ascending order, and the position each came from (a stable order).

    Non-negative values that leave room for the positions in 63 bits are sorted with their
    position packed below them; others fall back to an argsort.
    """
    shift = max(len(values) - 1, 1).bit_length()
    if len(values) and values.min() >= 0 and int(values.max()) < 1 << (63 - shift):
        # In place on one copy: each new array is memory the system must hand over again.
        packed = values.astype(np.int64)
        packed <<= shift
        packed |= np.arange(len(values))
        packed.sort()
        order = packed & ((1 << shift) - 1)
        packed >>= shift
        return packed.astype(values.dtype, copy=False), order
    order = np.argsort(values, kind="stable")
    return values[order], order


def summed_by(index: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """Return the sum of the integer `weights` at each value 0 to size - 1 of `index`, as int64.

    np.add.at sums in integers, and on ten million random indexes it took 0.1 s where
    np.bincount with weights, which sums in floats, took 0.3 to 0.7 s.
    """
    totals = np.zeros(size, dtype=np.int64)
    np.add.at(totals, index, weights)
    return totals


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Mark each sorted value that differs from the one before it (the first of each run)."""
    starts = np.empty(len(ordered), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts


def release_unused_memory() -> None:
    """Give Arrow's and numpy's freed memory back to the system.

    Arrow's default pool (mimalloc) keeps freed blocks for reuse: after normalising a million
    records' phones it held over 500 MB that no array used, which counted in the job's peak.
    numpy allocates through the C library's malloc, whose heaps keep freed arrays smaller than
    its mmap threshold (which grows to 32 MB): after keying those phones, the process held
    184 MB more where the keys kept 60 MB. Trimming the heaps as well lowered the million-record
    job's peak from 1,370 to 1,520 MiB to 1,310 to 1,415 MiB (nine runs each), at no cost in
    time.
    """
    pa.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def tune_process_memory() -> None:
    """Set the C library's and the kernel's memory settings that a matching job runs best with.

    Both apply to the whole process, and a second call changes nothing.
    """
    _keep_freed_memory_for_reuse()
    _avoid_huge_page_stalls()


def _keep_freed_memory_for_reuse() -> None:
    """Let the C library's malloc keep up to HEAP_TRIM_THRESHOLD of freed memory for reuse.

    By default, glibc gives freed memory at the top of its heap back to the system once twice
    its mmap threshold is free. A stage that frees arrays of a few megabytes and makes new ones
    then pays a page fault for every 4 KB of them. Scoring the given names of 100,000 records
    per file took 3,600 page faults and 47 ms, and with these settings no fault and 39 ms. On a
    million records per file the job took 9.1 s instead of 9.6 s (medians of three runs), with
    a peak of 1,403 to 1,405 MiB against 1,424 to 1,448 MiB. release_unused_memory still
    trims the heaps between stages.
    """
    if _MALLOPT is not None:
        _MALLOPT(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD)
        _MALLOPT(M_TRIM_THRESHOLD, HEAP_TRIM_THRESHOLD)


def _avoid_huge_page_stalls() -> None:
    """Turn off transparent huge pages for this process (Linux).

    Arrow's allocator and numpy ask the kernel for 2 MB pages, which it zeroes whole and, when
    memory is fragmented, first compacts memory to find. Right after Splink had run (2 GB), a
    job on a million records per file took 9.3 and 9.7 s with them and 9.1 and 9.2 s without.
    Its system time was 3.6 to 3.9 s with them and 2.8 to 2.9 s without. Run after run, the
    job took 9.0 and 9.1 s with them and 8.9 and 9.0 s without.
    """
    if _PRCTL is not None:
        _PRCTL(PR_SET_THP_DISABLE, 1, 0, 0, 0)


def _libc_function(name: str):
    """Return the C library's function `name`, or None where it lacks one (macOS, musl)."""
    # CDLL(None) is the running program, which links the C library, so no search is needed.
    return getattr(ctypes.CDLL(None), name, None)


_MALLOC_TRIM = _libc_function("malloc_trim")
_MALLOPT = _libc_function("mallopt")
_PRCTL = _libc_function("prctl")
