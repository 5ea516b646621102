import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.own_keys import OwnKeys

# One mapping's rows: (record, key, partners). Keys are unique per mapping, so a record has
# each key at most once, as in blocking.
ROWS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2 ** 44), st.integers(1, 14)),
                max_size=25, unique_by=lambda row: row[1])


def _expected(mappings, per_record, max_partners, later_partners):
    """Each record's keys by (partners, key), lowest first, while partners add up to the cap,
    and the keys after the first have at most `later_partners`."""
    offered = {}
    for rows in mappings:
        for record, key, partners in rows:
            if partners <= max_partners:
                offered.setdefault(record, []).append((partners, key))
    chosen = set()
    for record, keys in offered.items():
        running = 0
        for rank, (partners, key) in enumerate(sorted(keys)[:per_record]):
            running += partners
            if running > max_partners or (rank and partners > later_partners):
                break
            chosen.add((record, key))
    return chosen


def _chosen(mappings, per_record, max_partners, later_partners):
    own = OwnKeys(6, per_record, max_partners, later_partners)
    for index, rows in enumerate(mappings):
        table = np.array(rows, dtype=np.int64).reshape(-1, 3)
        # Each mapping's key numbers start at its index above the key bits, as in blocking.
        own.add(table[:, 0], table[:, 1] + (index << 45), table[:, 2])
    records, keys = own.chosen()
    return set(zip(records.tolist(), keys.tolist()))


@given(st.lists(ROWS, min_size=1, max_size=4), st.integers(1, 4), st.integers(1, 15),
       st.integers(1, 15))
def test_own_keys_match_ranking(mappings, per_record, max_partners, later_partners):
    shifted = [[(record, key + (index << 45), partners) for record, key, partners in rows]
               for index, rows in enumerate(mappings)]
    expected = _expected(shifted, per_record, max_partners, later_partners)
    assert _chosen(mappings, per_record, max_partners, later_partners) == expected


def test_later_keys_need_few_partners():
    # Record 0's rarest key has 1 partner and its next 3: the next is left out with a cap of 1.
    # Record 1's two keys have 1 partner each, so it keeps both.
    rows = [[(0, 10, 1), (0, 11, 3), (1, 20, 1), (1, 21, 1)]]
    assert _chosen(rows, 2, 10, 1) == {(0, 10), (1, 20), (1, 21)}
    assert _chosen(rows, 2, 10, 10) == {(0, 10), (0, 11), (1, 20), (1, 21)}


def test_own_keys_reject_large_cap():
    with pytest.raises(ValueError, match="max_partners 16"):
        OwnKeys(3, 2, 16)
