import pytest

from bench.match_run import MatchMeasurement
from bench.peak_memory import MeasuredRun
from bench.suite_reselect import _next_size


def tried(*runs):
    """Build the runs a size search has made from (size, scored pairs) tuples."""
    return [(size, MatchMeasurement(MeasuredRun([], 0, 1.0, 0, 0, False, ""), scored_pairs=pairs))
            for size, pairs in runs]


@pytest.mark.parametrize("runs, target, expected", [
    (((100_000, 500_000),), 1_000_000, 200_000),               # one run: linear guess
    (((10_000, 100_000), (20_000, 400_000)), 1_600_000, 40_000),  # measured exponent 2
    (((10_000, 100_000), (20_000, 100_000)), 200_000, 80_000),    # flat: exponent kept at 0.5
    (((10_000, 0),), 1_000, 10_000_000),                        # no pairs: counted as one
])
def test_next_size_secant(runs, target, expected):
    assert _next_size(tried(*runs), target) == pytest.approx(expected, rel=0.001)
