import duckdb
import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import block_keys
from engine.arrays import distinct, distinct_with_inverse, sorted_with_order
from engine.block_keys import expand, mapping_keys
from engine.config import parse_config
from engine.mapping_plan import default_token_keys, default_token_keys_batch, plan_for
from engine.value_numbers import duckdb_hashes
from engine.values import ValueIds


def _plan(match_type):
    config = parse_config({"mappings": [{"file1_col": "v", "file2_col": "v",
                                         "match_type": match_type, "fuzzy_method": "ratio"}]})
    return plan_for(_NoScripts(), config, config.mappings[0])


class _NoScripts:
    """A connection stand-in for the script sample: no values, so no conversion is chosen."""

    def execute(self, *_):
        return self

    def fetchall(self):
        return []


def _keys(norms, side1, side2, match_type="fuzzy", cap=10_000):
    ids = ValueIds(np.array(side1, np.int32), np.array(side2, np.int32), len(norms))
    found = mapping_keys(pa.array(norms, pa.string()), _plan(match_type), ids, cap,
                         duckdb_hashes(duckdb.connect()))
    return {vid: set(found.keys[found.vids == vid]) for vid in range(1, len(norms) + 1)}, found


def test_phone_country_code_shares_key():
    keys, _ = _keys(["998901234567", "901234567", "901111111"], [1, 3], [2])
    assert keys[1] & keys[2]
    assert not keys[1] & keys[3]


def test_swapped_names_share_keys():
    keys, _ = _keys(["aliyev bekzod", "bekzod aliyev", "karimova nodira"], [1, 3], [2])
    assert keys[1] == keys[2]
    assert not keys[1] & keys[3]


def test_exact_values_key_whole():
    keys, found = _keys(["tashkent", "samarkand"], [1, 1, 2], [1, 2], "exact")
    assert keys[1] != keys[2]
    (tashkent,) = keys[1]
    assert found.count1[tashkent] == 2
    assert found.count2[tashkent] == 1


def test_token_over_the_cap_gets_no_key():
    # "common" is in 3 x 3 records: 9 pairs, over a cap of 4; each person's own name is not.
    norms = ["bekzod common", "nodira common", "anvar common"]
    keys, found = _keys(norms, [1, 2, 3], [1, 2, 3], cap=4)
    assert not set.intersection(*keys.values())
    assert all(found.count1[k] * found.count2[k] == 1 for k in set().union(*keys.values()))


def test_expand_lists_each_owner_slice():
    offsets = np.array([0, 2, 2, 5])
    entry, position = expand(offsets, np.array([2, 0, 1, 2]))
    assert entry.tolist() == [0, 0, 0, 1, 1, 3, 3, 3]
    assert position.tolist() == [2, 3, 4, 0, 1, 2, 3, 4]


@pytest.mark.parametrize("values", [[], [5], [3, 1, 3, 2, 1], [7, 7, 7],
                                    [10 ** 12, 5, 10 ** 12, 0]])
def test_distinct_matches_numpy(values):
    array = np.array(values, dtype=np.int64)
    assert distinct(array).tolist() == np.unique(array).tolist()
    found, inverse = distinct_with_inverse(array)
    assert found[inverse].tolist() == values


@given(st.lists(st.integers(-5, 2 ** 62), max_size=40) | st.lists(st.integers(0, 9), max_size=40))
def test_sorted_with_order_is_a_stable_sort(values):
    # Small values take the packed sort; negative or 62-bit ones fall back to argsort.
    array = np.array(values, dtype=np.int64)
    ordered, order = sorted_with_order(array)
    assert ordered.tolist() == sorted(values)
    assert order.tolist() == np.argsort(array, kind="stable").tolist()
    found, inverse = distinct_with_inverse(array)
    assert found[inverse].tolist() == values


@given(st.lists(st.text(alphabet="abcxyzqoʻЖш19 ", min_size=0, max_size=9), max_size=30))
def test_batch_token_keys_match_per_token(tokens):
    positions, keys = default_token_keys_batch(pa.array(tokens, pa.string()))
    batch = sorted(zip(positions.tolist(), keys.to_pylist()))
    one_by_one = sorted((k, key) for k, token in enumerate(tokens)
                        for key in default_token_keys(token))
    assert batch == one_by_one


def test_sound_key_ignores_trailing_digits():
    # Email tokens are often a name and digits; their sound key is the name's.
    assert "p:SM0" in default_token_keys("smith12")
    assert "p:SM0" in default_token_keys("smith")
    assert "p:gh5" in default_token_keys("gh5")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(-3, 3), min_size=1, max_size=20), max_size=30))
def test_repeated_rows_keep_first_of_each(values):
    # Negative tokens stand for word hashes, which are signed 64-bit numbers.
    vids = np.array([v for v, tokens in enumerate(values, start=1) for _ in tokens], dtype=np.int32)
    tokens = np.array([t for tokens in values for t in tokens], dtype=np.int64)
    longest = max((len(tokens) for tokens in values), default=0)

    first_rows = np.flatnonzero(~block_keys._repeated_rows(vids, tokens, longest))

    expected, seen = [], set()
    for row, pair in enumerate(zip(vids.tolist(), tokens.tolist())):
        if pair not in seen:
            seen.add(pair)
            expected.append(row)
    assert first_rows.tolist() == expected


def test_several_words_key_whole_value():
    norms = ["ali ridgeson19 box example", "vali ridgeson19 mail example",
             "box example ali ridgeson19"]
    keys, found = _keys(norms, [1, 2], [3])
    assert len(keys[1] & keys[3]) == 1
    assert not keys[1] & keys[2]
    assert found.several_words


def test_word_keys_share_words():
    norms = ["ali ridgeson19 box example", "vali ridgeson19 mail example"]
    ids = ValueIds(np.array([1], np.int32), np.array([2], np.int32), len(norms))
    found = block_keys.word_keys(pa.array(norms, pa.string()), _plan("fuzzy"), ids, 10_000)
    shared = set(found.keys[found.vids == 1]) & set(found.keys[found.vids == 2])
    assert shared
    assert found.words


def test_one_word_keys_are_whole():
    keys, found = _keys(["bekzod", "bekzot", "998901234567"], [1, 3], [2])
    assert keys[1] & keys[2]
    assert not found.words
    assert not found.several_words


@settings(max_examples=60)
@given(st.lists(st.text(alphabet="0123456789ab", min_size=1, max_size=12), min_size=1,
                max_size=40, unique=True))
def test_single_token_keys_distinct_and_grouped(norms):
    # Values without spaces take the path that trusts its rows to be distinct.
    side1 = np.arange(1, len(norms) + 1, dtype=np.int32)
    _, found = _keys(norms, side1, side1[::-1].copy())

    rows = list(zip(found.vids.tolist(), found.keys.tolist()))
    assert len(rows) == len(set(rows))
    assert found.vids.tolist() == sorted(found.vids.tolist())
    checked = block_keys._counted(found.vids, found.keys, len(found.count1),
                                  [np.bincount(side1, minlength=len(norms) + 1)] * 2)
    assert found.count1.tolist() == checked.count1.tolist()
