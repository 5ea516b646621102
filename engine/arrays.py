"""Array helpers: distinct values of integer arrays by sorting, and Arrow's memory.

numpy 2.4's np.unique takes a hash path that spends seconds on a few million int64 keys,
where a sort and a comparison of neighbours take a fraction of that.
"""

import numpy as np
import pyarrow as pa

# distinct_with_inverse uses a dense table when the largest value is under this many times
# the number of values.
DENSE_FACTOR = 4


def distinct(values: np.ndarray) -> np.ndarray:
    """Return the distinct values, in ascending order."""
    ordered = np.sort(values)
    return ordered[_starts(ordered)]


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
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = _starts(ordered)
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], inverse


def _starts(ordered: np.ndarray) -> np.ndarray:
    starts = np.empty(len(ordered), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts


def release_unused_memory() -> None:
    """Give Arrow's freed memory back to the system.

    Arrow's default pool (mimalloc) keeps freed blocks for reuse: after normalising a million
    records' phones it held over 500 MB that no array used, which counted in the job's peak.
    """
    pa.default_memory_pool().release_unused()
