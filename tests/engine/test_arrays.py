"""Array helpers: distinct values by sorting, and returning freed memory to the system."""

import platform

import numpy as np
import pytest

from engine import arrays


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1])


def test_distinct_with_inverse_rebuilds_values():
    values = np.array([7, 3, 7, 1, 3, 9_000_000_000], dtype=np.int64)
    found, inverse = arrays.distinct_with_inverse(values)
    assert found.tolist() == [1, 3, 7, 9_000_000_000]
    assert found[inverse].tolist() == values.tolist()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_release_returns_freed_numpy_memory():
    # Freeing a 20 MiB array raises glibc's mmap threshold above 1 MiB, so the next arrays
    # land in its heap. The last one stays, so the heap cannot shrink from its top on its own.
    large = np.ones(20 << 20, dtype=np.int8)
    del large
    arrays_1mib = [np.ones(1 << 20, dtype=np.int8) for _ in range(200)]
    last = arrays_1mib.pop()
    del arrays_1mib
    before = _rss_kib()
    arrays.release_unused_memory()
    assert arrays._MALLOC_TRIM is not None
    assert before - _rss_kib() > 100 * 1024
    assert last.sum() == 1 << 20
