import pytest

from bench.match_run import MatchMeasurement, shown, stage_times
from bench.peak_memory import MeasuredRun


def run_with(returncode, output, timed_out=False):
    return MeasuredRun(["moslik"], returncode, 12.3, 0, 0, timed_out, output)


@pytest.mark.parametrize("returncode, output, timed_out, expected", [
    (0, "Done in 1.00 s.", False, None),
    (2, "moslik: Blocking would produce about 54 pairs\n", False,
     "exit status 2 after 12 s: moslik: Blocking would produce about 54 pairs"),
    (1, "Traceback\nRuntimeError: SQL step 'pairs' failed\nCREATE TABLE pairs AS\nFROM x\n", False,
     "exit status 1 after 12 s: RuntimeError: SQL step 'pairs' failed"),
    (1, "one\ntwo\nthree\nfour\n", False, "exit status 1 after 12 s: two / three / four"),
    (None, "", True, "timed out after 12 s and was killed"),
])
def test_failure_reason(returncode, output, timed_out, expected):
    measured = MatchMeasurement(run_with(returncode, output, timed_out))
    assert measured.failure() == expected


def test_shown_uses_moslik_name():
    command = ["/x/.venv/bin/moslik", "match", "a.csv", "b.csv"]
    assert shown(command) == "moslik match a.csv b.csv"


@pytest.mark.parametrize("output, expected", [
    ("Done in 1.00 s.\n  time: loading 0.50 s, scoring 0.25 s\n",
     {"loading": 0.5, "scoring": 0.25}),
    ("Done in 1.00 s.\n", None),
])
def test_stage_times_read_back(output, expected):
    assert stage_times(output) == expected
