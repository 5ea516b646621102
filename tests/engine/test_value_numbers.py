"""Numbering distinct values by hash: the same numbers as Arrow's dictionary_encode."""

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.value_numbers import duckdb_hashes, number_values


def _dictionary_numbers(values: pa.Array) -> tuple[list, list]:
    encoded = pc.dictionary_encode(values)
    return pc.fill_null(encoded.indices, -1).to_pylist(), encoded.dictionary.to_pylist()


def _same_hash(values: pa.Array) -> np.ndarray:
    # Every value collides with every other one.
    return np.zeros(len(values), dtype=np.int64)


def _length_hashes(values: pa.Array) -> np.ndarray:
    # Equal values get equal hashes, as Hashes requires, and most values collide.
    lengths = pc.fill_null(pc.utf8_length(values), -1).to_numpy(zero_copy_only=False)
    return (lengths.astype(np.int64) % 3) << 40


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


TEXTS = st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "ab", "ba", "", "жасур", "a "]),
                           st.text(max_size=6)), max_size=60)


@settings(max_examples=150, deadline=None)
@given(texts=TEXTS)
def test_numbers_equal_dictionary_encode(con, texts):
    values = pa.array(texts, pa.string())
    expected_numbers, expected_distinct = _dictionary_numbers(values)

    for hashes in (duckdb_hashes(con), _same_hash, _length_hashes):
        numbers, distinct = number_values(values, hashes)
        assert numbers.tolist() == expected_numbers
        assert distinct.to_pylist() == expected_distinct


def test_colliding_values_get_own_numbers():
    values = pa.array(["anella kelfenby77", "anella belfenby27", None, "anella kelfenby77", None,
                       "anella belfenby27", "x"])

    numbers, distinct = number_values(values, _same_hash)

    assert numbers.tolist() == [0, 1, -1, 0, -1, 1, 2]
    assert distinct.to_pylist() == ["anella kelfenby77", "anella belfenby27", "x"]


def test_large_array_matches_dictionary_encode(con):
    rng = np.random.default_rng(5)
    texts = [f"99890{x:07d}" if x % 97 else None for x in rng.integers(0, 300_000, 400_000)]
    values = pa.array(texts, pa.string())

    numbers, distinct = number_values(values, duckdb_hashes(con))

    expected_numbers, expected_distinct = _dictionary_numbers(values)
    assert numbers.tolist() == expected_numbers
    assert distinct.to_pylist() == expected_distinct


def test_empty_and_all_null_arrays(con):
    for texts in ([], [None, None]):
        numbers, distinct = number_values(pa.array(texts, pa.string()), duckdb_hashes(con))
        assert numbers.tolist() == [-1] * len(texts)
        assert distinct.to_pylist() == []
