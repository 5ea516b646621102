import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.selection import SelectionSettings, load_settings, select


def make_job(pairs, rows1=6, rows2=6, mappings=1):
    """A job database with `pairs` as (r1, r2, s0[, s1...]) rows and rows1 x rows2 records."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE input_1 AS SELECT range + 1 AS _row_id FROM range({rows1})")
    con.execute(f"CREATE TABLE input_2 AS SELECT range + 1 AS _row_id FROM range({rows2})")
    columns = {"r1": [p[0] for p in pairs], "r2": [p[1] for p in pairs]}
    for i in range(mappings):
        columns[f"s{i}"] = pa.array([p[2 + i] for p in pairs], pa.float64())
    columns["r1"] = pa.array(columns["r1"], pa.int64())
    columns["r2"] = pa.array(columns["r2"], pa.int64())
    con.register("given_pairs", pa.table(columns))
    con.execute("CREATE TABLE pairs AS SELECT * FROM given_pairs")
    return con


def settings_for(threshold, matching_type="one-to-one", low=None, weights=(1.0,), floors=None):
    return SelectionSettings(threshold, threshold - 10 if low is None else low, matching_type,
                             list(weights), list(floors or [0.0] * len(weights)))


def rows(con, table):
    return sorted(con.execute(f"SELECT r1, r2, score FROM {table}").fetchall())


def greedy_reference(pairs, low):
    """One-to-one by hand: best score first, ties by row ids, each record used once."""
    chosen, used1, used2 = [], set(), set()
    for r1, r2, score in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        if score >= low and r1 not in used1 and r2 not in used2:
            chosen.append((r1, r2, score))
            used1.add(r1)
            used2.add(r2)
    return sorted(chosen)


pair_lists = st.lists(
    st.tuples(st.integers(1, 8), st.integers(1, 8), st.sampled_from([50.0, 70.0, 85.0, 90.0, 100.0])),
    max_size=40, unique_by=lambda p: (p[0], p[1]))


@settings(max_examples=60, deadline=None)
@given(pair_lists)
def test_one_to_one_equals_greedy(sql_rounds, pairs):
    con = make_job(pairs, rows1=8, rows2=8)
    select(con, settings_for(80, low=60))
    both = rows(con, "sel_matched") + rows(con, "sel_low_confidence")
    assert sorted(both) == greedy_reference(pairs, 60)


def test_one_to_one_takes_best_first():
    con = make_job([(1, 1, 90.0), (1, 2, 95.0), (2, 2, 92.0)])
    counts = select(con, settings_for(80))
    assert rows(con, "sel_matched") == [(1, 2, 95.0)]
    assert counts["matched"] == 1


def test_one_to_many_keeps_best_per_file2_record():
    con = make_job([(1, 1, 90.0), (1, 2, 95.0), (2, 2, 92.0)])
    select(con, settings_for(80, "one-to-many"))
    assert rows(con, "sel_matched") == [(1, 1, 90.0), (1, 2, 95.0)]


def test_many_to_many_keeps_every_pair():
    con = make_job([(1, 1, 90.0), (1, 2, 95.0), (2, 2, 92.0)])
    select(con, settings_for(80, "many-to-many"))
    assert len(rows(con, "sel_matched")) == 3


def test_low_confidence_band():
    con = make_job([(1, 1, 85.0), (2, 2, 75.0), (3, 3, 65.0)])
    counts = select(con, settings_for(80))
    assert rows(con, "sel_low_confidence") == [(2, 2, 75.0)]
    assert counts["unmatched_1"] == 5


def test_missing_value_leaves_mean():
    # s1 missing: the score is s0 alone, not (100 + 0) / 2.
    con = make_job([(1, 1, 100.0, None)], mappings=2)
    select(con, settings_for(80, weights=(1.0, 1.0)))
    assert rows(con, "sel_matched") == [(1, 1, 100.0)]


def test_missing_value_score_counts_in_mean():
    # s1 missing counts as 50 with weight 1: (2 * 100 + 50) / 3. A pair with both values
    # present is unchanged, and a floor does not apply to the missing score.
    con = make_job([(1, 1, 100.0, None), (2, 2, 100.0, 40.0)], mappings=2)
    settings = SelectionSettings(0, 0, "one-to-one", [2.0, 1.0], [0.0, 60.0], missing_score=50.0)

    select(con, settings)

    assert rows(con, "sel_matched") == [(1, 1, 83.33), (2, 2, 66.67)]


def test_missing_value_score_kept_for_reselection():
    con = make_job([(1, 1, 100.0, None)], mappings=2)
    select(con, SelectionSettings(80, 70, "one-to-one", [1.0, 1.0], [0.0, 0.0], missing_score=40.0))

    assert rows(con, "sel_low_confidence") == [(1, 1, 70.0)]
    assert load_settings(con).missing_score == 40.0


def test_weighted_mean():
    con = make_job([(1, 1, 100.0, 40.0)], mappings=2)
    select(con, settings_for(0, low=0, weights=(3.0, 1.0)))
    assert rows(con, "sel_matched") == [(1, 1, 85.0)]


def test_floor_zeroes_a_mapping():
    con = make_job([(1, 1, 100.0, 80.0)], mappings=2)
    select(con, settings_for(0, low=0, weights=(1.0, 1.0), floors=(0.0, 85.0)))
    assert rows(con, "sel_matched") == [(1, 1, 50.0)]


def test_unmatched_reasons():
    con = make_job([(1, 1, 95.0), (2, 1, 90.0), (3, 3, 40.0), (4, 4, 75.0)], rows1=5, rows2=5)
    select(con, settings_for(80))
    reasons = dict(con.execute("SELECT _row_id, reason FROM sel_unmatched_1").fetchall())
    assert reasons == {2: "taken", 3: "below_threshold", 4: "low_confidence", 5: "no_candidate"}


def test_unmatched_keeps_best_candidate():
    con = make_job([(3, 3, 40.0), (3, 4, 60.0)], rows1=3, rows2=4)
    select(con, settings_for(80))
    best = con.execute("SELECT best_row_id, best_score FROM sel_unmatched_1 WHERE _row_id = 3").fetchall()
    assert best == [(4, 60.0)]


def test_reselect_is_deterministic():
    pairs = [(1, 1, 90.0), (1, 2, 90.0), (2, 1, 90.0), (2, 2, 90.0)]
    first = make_job(pairs)
    select(first, settings_for(80))
    second = make_job(list(reversed(pairs)))
    select(second, settings_for(80))
    assert rows(first, "sel_matched") == rows(second, "sel_matched") == [(1, 1, 90.0), (2, 2, 90.0)]


@settings(max_examples=40, deadline=None)
@given(pair_lists)
def test_greedy_finish_equals_greedy(monkeypatch_rounds, pairs):
    con = make_job(pairs, rows1=8, rows2=8)
    select(con, settings_for(80, low=60))
    both = rows(con, "sel_matched") + rows(con, "sel_low_confidence")
    assert sorted(both) == greedy_reference(pairs, 60)


@settings(max_examples=40, deadline=None)
@given(pair_lists)
def test_small_pool_goes_straight_to_greedy(pairs):
    con = make_job(pairs, rows1=8, rows2=8)
    select(con, settings_for(80, low=60))
    both = rows(con, "sel_matched") + rows(con, "sel_low_confidence")
    assert sorted(both) == greedy_reference(pairs, 60)


@pytest.fixture(scope="module")
def sql_rounds():
    """Every pool, however small, goes through the SQL rounds before the greedy finish."""
    from engine import selection
    saved = selection.GREEDY_MAX_PAIRS
    selection.GREEDY_MAX_PAIRS = 0
    yield
    selection.GREEDY_MAX_PAIRS = saved


@pytest.fixture(scope="module")
def monkeypatch_rounds(sql_rounds):
    """One SQL round only, so that the Python greedy finish does most of the work."""
    from engine import selection
    saved = selection.MUTUAL_BEST_ROUNDS
    selection.MUTUAL_BEST_ROUNDS = 1
    yield
    selection.MUTUAL_BEST_ROUNDS = saved


@pytest.mark.parametrize("matching_type", ["one-to-many", "many-to-many"])
def test_unmatched_record_listed_once(matching_type):
    # Record 1 of file 1 has two low-confidence pairs.
    con = make_job([(1, 1, 75.0), (1, 2, 74.0)], rows1=2, rows2=2)
    select(con, settings_for(80, matching_type))
    rows = con.execute("SELECT _row_id FROM sel_unmatched_1 ORDER BY _row_id").fetchall()
    assert rows == [(1,), (2,)]


def test_zero_score_is_no_candidate():
    con = make_job([(1, 1, 0.0), (1, 2, 0.0)], rows1=1, rows2=2)
    select(con, settings_for(80))
    rows = con.execute("SELECT best_row_id, best_score, reason FROM sel_unmatched_1").fetchall()
    assert rows == [(None, None, "no_candidate")]
