import re
import sys

import pytest

from bench import environment


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/stat, which only Linux has")
def test_steal_share_reads_proc_stat():
    counters = environment.cpu_counters()
    assert counters is not None
    steal, total = counters
    assert 0 <= steal <= total
    # From the boot of the machine to now: a share between 0% and 100%.
    assert re.fullmatch(r"\d{1,3}%", environment.steal_share((0, 0)))


def test_steal_share_unknown_without_start():
    assert environment.steal_share(None) == "unknown"
