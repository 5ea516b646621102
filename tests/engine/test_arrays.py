"""Array helpers: distinct values by sorting, and returning freed memory to the system."""

import platform
import subprocess
import sys
from pathlib import Path

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


FAULTS_SCRIPT = """
import resource, sys
import numpy as np
from engine import arrays
if sys.argv[1] == "keep":
    arrays._keep_freed_memory_for_reuse()
for _ in range(3):
    # Three 4 MiB arrays freed together leave 12 MiB free at the heap's top.
    blocks = [np.ones(1 << 22, dtype=np.int8) for _ in range(3)]
    del blocks
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    blocks = [np.ones(1 << 22, dtype=np.int8) for _ in range(3)]
    del blocks
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _page_faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", FAULTS_SCRIPT, mode], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).parents[2])
    return int(done.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt's settings are glibc's")
def test_kept_memory_spares_page_faults():
    # Without the setting, glibc hands memory back after each round and faults it in again:
    # 20,000 to 30,000 faults of 4 KiB here.
    assert arrays._MALLOPT is not None
    assert _page_faults("default") > 10 * 1024
    assert _page_faults("keep") < 1024


THP_SCRIPT = """
from engine import arrays
arrays.tune_process_memory()
with open("/proc/self/status", encoding="ascii") as status:
    print(next(line.split()[1] for line in status if line.startswith("THP_enabled:")))
"""


@pytest.mark.skipif(platform.system() != "Linux", reason="prctl is Linux's")
def test_tuned_process_has_no_huge_pages():
    done = subprocess.run([sys.executable, "-c", THP_SCRIPT], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parents[2])
    assert arrays._PRCTL is not None
    assert done.stdout.strip() == "0"
