"""The `date` fuzzy method: a similarity of two dates written as YYYYMMDD, 0-100.

Normalisation turns the common date forms into YYYYMMDD digits (engine/dates.py), so two
birth dates can be compared digit by digit. The score follows the errors that clerks make:
a day and month written in the wrong order, one wrong digit, two neighbouring digits
transposed. All three score at or above auto_weights' `close` level (85). Transpositions
score lowest of the three but stay close, because among FEBRL4's true pairs they were as
common as one wrong digit (53 and 56 pairs). Other differences count as unrelated dates and
score 70 or less, where `ratio` gives over half of random pairs of birth dates 50 or more
for the digits they share. A pair in which either value is not eight ASCII digits is scored
with rapidfuzz's `ratio` instead.
"""

import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

EQUAL = 100.0
DAY_MONTH_SWAPPED = 90.0
TRANSPOSED_DIGITS = 86.0
# Score by the number of positions whose digits differ (Hamming distance on YYYYMMDD).
BY_DIFFERING_DIGITS = np.array([EQUAL, 88.0, 70.0, 40.0, 20.0, 0.0, 0.0, 0.0, 0.0])

DATE_LENGTH = 8
# RE2 (Arrow) and Python both read [0-9] as the ASCII digits only.
_DATE_PATTERN = "^[0-9]{8}$"
_DATE = re.compile("[0-9]{8}")


def date_similarity(left: str, right: str) -> float:
    """Score two values with the `date` method, one pair in plain Python.

    `score_pair("date", ...)` calls it, and tests check `date_scores` against it.
    """
    if not (_DATE.fullmatch(left) and _DATE.fullmatch(right)):
        return float(fuzz.ratio(left, right))

    differing = [i for i in range(DATE_LENGTH) if left[i] != right[i]]
    if not differing:
        return EQUAL
    if _is_day_month_swap(left, right):
        return DAY_MONTH_SWAPPED
    if len(differing) == 1:
        return float(BY_DIFFERING_DIGITS[1])
    first, second = differing[0], differing[-1]
    if (len(differing) == 2 and second == first + 1
            and left[first] == right[second] and left[second] == right[first]):
        return TRANSPOSED_DIGITS
    return float(BY_DIFFERING_DIGITS[len(differing)])


def _is_day_month_swap(left: str, right: str) -> bool:
    """Tell whether `right` is `left` with day and month exchanged, both valid dates."""
    month, day = int(left[4:6]), int(left[6:8])
    return (left[:4] == right[:4] and left[4:6] == right[6:8] and left[6:8] == right[4:6]
            and 1 <= month <= 12 and 1 <= day <= 12)


def date_scores(left: pa.Array | Sequence[str], right: pa.Array | Sequence[str],
                workers: int = -1) -> np.ndarray:
    """Score two equal-length arrays of values with the `date` method, pair by pair.

    The eight-digit pairs are scored with numpy on the digits as one (pairs, 8) byte matrix.
    The other pairs go through rapidfuzz's `ratio`.
    """
    left, right = _as_strings(left), _as_strings(right)
    if len(left) != len(right):
        raise ValueError(f"invalid input to date_scores: expected two arrays of equal length, "
                         f"got {len(left)} and {len(right)} values")

    both_dates = pc.and_(_date_mask(left), _date_mask(right))
    scores = np.empty(len(left), dtype=np.float64)
    is_date = both_dates.to_numpy(zero_copy_only=False)
    scores[is_date] = _digit_scores(_digits(pc.filter(left, both_dates)),
                                    _digits(pc.filter(right, both_dates)))

    others = pc.invert(both_dates)
    if not is_date.all():
        scores[~is_date] = process.cpdist(pc.filter(left, others).to_pylist(),
                                          pc.filter(right, others).to_pylist(),
                                          scorer=fuzz.ratio, dtype=np.float64, workers=workers)
    return scores


def _as_strings(values: pa.Array | pa.ChunkedArray | list[str] | np.ndarray) -> pa.Array:
    if isinstance(values, list | np.ndarray):
        return pa.array(values, pa.string())
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.string())


def _date_mask(values: pa.Array) -> pa.Array:
    return pc.fill_null(pc.match_substring_regex(values, _DATE_PATTERN), False)


def _digits(values: pa.Array) -> np.ndarray:
    """Return the digits of eight-character ASCII strings as a (len, 8) uint8 matrix.

    Every value has exactly eight bytes, so the values lie back to back in Arrow's data
    buffer from the first offset on, and one view of that buffer contains them all.
    """
    if len(values) == 0:
        return np.zeros((0, DATE_LENGTH), dtype=np.uint8)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32, count=values.offset + 1)
    start = int(offsets[values.offset])
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8,
                         count=start + DATE_LENGTH * len(values))
    return (data[start:] - ord("0")).reshape(len(values), DATE_LENGTH)


def _digit_scores(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Score matrices of date digits the way `date_similarity` scores one pair."""
    differs = left != right
    counts = differs.sum(axis=1)
    scores = BY_DIFFERING_DIGITS[counts]

    neighbours_swapped = (differs[:, :-1] & differs[:, 1:]
                          & (left[:, :-1] == right[:, 1:]) & (left[:, 1:] == right[:, :-1]))
    scores[(counts == 2) & neighbours_swapped.any(axis=1)] = TRANSPOSED_DIGITS
    scores[_day_month_swapped(left, right)] = DAY_MONTH_SWAPPED
    return scores


def _day_month_swapped(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    month = left[:, 4].astype(np.int16) * 10 + left[:, 5]
    day = left[:, 6].astype(np.int16) * 10 + left[:, 7]
    return ((left[:, :4] == right[:, :4]).all(axis=1)
            & (left[:, 4:6] == right[:, 6:8]).all(axis=1)
            & (left[:, 6:8] == right[:, 4:6]).all(axis=1)
            & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 12) & (month != day))
