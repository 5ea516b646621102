import duckdb
import jellyfish
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from engine.scorers import (
    SCORERS,
    batch_scorer,
    phonetic_code,
    register_scorers,
    score_pair,
)

METHODS = sorted(SCORERS)


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    register_scorers(connection)
    yield connection
    connection.close()


def score_in_duckdb(con, method, pairs):
    con.execute("CREATE OR REPLACE TEMP TABLE p (i INTEGER, a VARCHAR, b VARCHAR)")
    con.executemany("INSERT INTO p VALUES (?, ?, ?)", [(i, a, b) for i, (a, b) in enumerate(pairs)])
    expression = SCORERS[method].expression("a", "b")
    return [row[0] for row in con.execute(f"SELECT {expression} FROM p ORDER BY i").fetchall()]


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None)
# Empty values become missing before scoring, so the pairs hold at least one character.
@given(pairs=st.lists(st.tuples(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12)),
                      min_size=1, max_size=40))
def test_duckdb_matches_plain_python(con, method, pairs):
    vectorised = score_in_duckdb(con, method, pairs)
    reference = [score_pair(method, a, b) for a, b in pairs]
    assert vectorised == pytest.approx(reference, abs=1e-6)


def test_many_rows_span_batches(con):
    pairs = [(f"name {i}", f"name {i * 7 % 5000}") for i in range(5000)]
    vectorised = score_in_duckdb(con, "token_sort_ratio", pairs)
    assert vectorised == pytest.approx([fuzz.token_sort_ratio(a, b) for a, b in pairs])


SCORE_CASES = [
    ("token sort ignores order", "token_sort_ratio", "jasur rakhimov", "rakhimov jasur", 100.0),
    ("ratio sees order", "ratio", "ab", "ba", 50.0),
    ("jaro-winkler equal", "jaro_winkler", "martha", "martha", 100.0),
    ("levenshtein one edit of four", "levenshtein", "abcd", "abce", 75.0),
]


@pytest.mark.parametrize("description,method,left,right,expected", SCORE_CASES,
                         ids=[c[0] for c in SCORE_CASES])
def test_score_cases(con, description, method, left, right, expected):
    assert score_in_duckdb(con, method, [(left, right)])[0] == pytest.approx(expected)


def test_jaro_winkler_builtin_agrees_with_jellyfish(con):
    assert score_in_duckdb(con, "jaro_winkler", [("martha", "marhta")])[0] == pytest.approx(
        jellyfish.jaro_winkler_similarity("martha", "marhta") * 100, abs=1e-6)


def test_jaro_winkler_with_combining_mark(con):
    assert score_in_duckdb(con, "jaro_winkler", [("0", "0\u1dc0")])[0] == pytest.approx(85.0)


PHONETIC_CASES = [
    ("similar sounds share a code", "smith", "smyth", True),
    ("digits kept as digits", "998901234567", "998901234567", True),
    ("different names differ", "karimov", "tursunov", False),
]


@pytest.mark.parametrize("description,left,right,same", PHONETIC_CASES, ids=[c[0] for c in PHONETIC_CASES])
def test_phonetic_code(description, left, right, same):
    assert (phonetic_code(left) == phonetic_code(right)) is same


@pytest.mark.parametrize("method", [m for m in METHODS if SCORERS[m].udf is not None])
@settings(max_examples=30, deadline=None)
@given(pairs=st.lists(st.tuples(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12)),
                      min_size=1, max_size=40))
def test_batch_scorer_matches_plain_python(method, pairs):
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    scores = batch_scorer(method)(left, right)
    assert list(scores) == pytest.approx([score_pair(method, a, b) for a, b in pairs], abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(pairs=st.lists(st.tuples(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12)),
                      min_size=1, max_size=40))
def test_jaro_winkler_batch_equals_duckdb(con, pairs):
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    scores = batch_scorer("jaro_winkler")(left, right)
    assert list(scores) == pytest.approx(score_in_duckdb(con, "jaro_winkler", pairs), abs=1e-9)


@pytest.mark.parametrize("method", [m for m in METHODS if SCORERS[m].symmetric])
@settings(max_examples=300, deadline=None)
@given(left=st.text(alphabet="abcoʻ'- 12", max_size=12), right=st.text(alphabet="abcoʻ'- 12", max_size=12))
def test_symmetric_scorers_ignore_order(method, left, right):
    # Scoring keeps one of a pair and its mirror only for scorers marked symmetric.
    assert score_pair(method, left, right) == score_pair(method, right, left)
