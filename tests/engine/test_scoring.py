import threading

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from rapidfuzz import fuzz

from engine import mapping_plan, scoring
from engine.errors import JobCancelled
from engine.pipeline import run_match
from engine.scorers import batch_scorer, score_pair
from tests.engine.test_blocking import write_people

NAMES = ["jasur rahimov", "jasur rakhimov", "dilnoza karimova", "dilnoza karimova", "anvar",
         "anvar tursunov", "olim", "olima"]


@pytest.fixture
def files(tmp_path):
    """Enough records that blocking runs, with value ids far from row numbers."""
    left = [(f"a{i}", NAMES[i % len(NAMES)] + f" x{i % 37}", "c", f"P{i}") for i in range(400)]
    right = [(f"b{i}", NAMES[(i * 3) % len(NAMES)] + f" x{i % 41}", "c", f"P{i}") for i in range(400)]
    write_people(tmp_path / "a.csv", left)
    write_people(tmp_path / "b.csv", right)
    return tmp_path / "a.csv", tmp_path / "b.csv"


@pytest.mark.parametrize("chunk_size", [100, 100_000])
def test_stored_scores_equal_rapidfuzz(tmp_path, files, chunk_size):
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "fuzzy",
                            "fuzzy_method": "token_sort_ratio"},
                           {"file1_col": "passport", "file2_col": "passport", "match_type": "fuzzy",
                            "fuzzy_method": "ratio"}],
              "output_cols1": ["id"], "output_cols2": ["id"],
              "performance": {"chunk_size": chunk_size}}
    run_match(*files, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    with duckdb.connect(str(tmp_path / "job" / "job.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT a.name, b.name, p.s0, a.passport, b.passport, p.s1 FROM pairs AS p "
            "JOIN input_1 AS a ON a._row_id = p.r1 JOIN input_2 AS b ON b._row_id = p.r2").fetchall()

    assert len(rows) > 1000
    for name1, name2, name_score, passport1, passport2, passport_score in rows:
        assert name_score == pytest.approx(fuzz.token_sort_ratio(name1, name2))
        assert passport_score == pytest.approx(fuzz.ratio(passport1.lower(), passport2.lower()))


def _two_mappings(**performance):
    return {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "fuzzy",
                          "fuzzy_method": "token_sort_ratio"},
                         {"file1_col": "passport", "file2_col": "passport", "match_type": "fuzzy",
                          "fuzzy_method": "ratio"},
                         {"file1_col": "city", "file2_col": "city", "match_type": "exact"}],
            "output_cols1": ["id"], "output_cols2": ["id"],
            "performance": {"chunk_size": 100, **performance}}


def _stored_pairs(job_dir):
    with duckdb.connect(str(job_dir / "job.duckdb"), read_only=True) as con:
        return con.execute("SELECT * FROM pairs ORDER BY r1, r2").fetchall()


@pytest.mark.parametrize("performance", [{"max_workers": 2}, {"parallel_processing": False}])
def test_scoring_threads_store_same_pairs(tmp_path, files, performance):
    # One scoring thread against two, or against no parallel processing at all.
    run_match(*files, _two_mappings(max_workers=1), job_dir=tmp_path / "one",
              out_dir=tmp_path / "out_one")
    run_match(*files, _two_mappings(**performance), job_dir=tmp_path / "two",
              out_dir=tmp_path / "out_two")

    single, double = _stored_pairs(tmp_path / "one"), _stored_pairs(tmp_path / "two")
    assert len(single) > 1000
    assert single == double


def test_scoring_progress_rises_on_caller_thread(tmp_path, files):
    events, threads = [], set()

    def progress(event):
        events.append(event)
        threads.add(threading.current_thread().name)
    run_match(*files, _two_mappings(), job_dir=tmp_path / "job", out_dir=tmp_path / "out",
              progress=progress)

    scoring = [event.percent for event in events if event.stage == "scoring"]
    assert len(scoring) > 10
    assert scoring == sorted(scoring)
    assert threads == {threading.current_thread().name}


def test_scoring_thread_error_reaches_caller(tmp_path, files, monkeypatch):
    def broken_scorer(method, workers=-1):
        def score(left, right):
            raise RuntimeError(f"{method} scorer failed")
        return score
    monkeypatch.setattr(mapping_plan, "batch_scorer", broken_scorer)

    # Both fuzzy mappings fail, and whichever thread fails first is reported.
    with pytest.raises(RuntimeError, match="(token_sort_ratio|ratio) scorer failed"):
        run_match(*files, _two_mappings(), job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert not any(t.name.startswith("moslik-score") for t in threading.enumerate())
    assert not (tmp_path / "out").exists()


def test_cancel_stops_scoring_threads(tmp_path, files, monkeypatch):
    real_batch_scorer = mapping_plan.batch_scorer
    calls = []

    def counted_scorer(method, workers=-1):
        score = real_batch_scorer(method, workers)

        def counted(left, right):
            calls.append(method)
            return score(left, right)
        return counted
    monkeypatch.setattr(mapping_plan, "batch_scorer", counted_scorer)
    calls_at_cancel = []

    def cancel_in_scoring():
        if calls and not calls_at_cancel:
            calls_at_cancel.append(len(calls))
        return bool(calls_at_cancel)

    with pytest.raises(JobCancelled):
        run_match(*files, _two_mappings(chunk_size=100), job_dir=tmp_path / "job",
                  out_dir=tmp_path / "out", should_cancel=cancel_in_scoring)

    # After the cancel, each of the two threads finishes at most the batch it is in.
    assert calls_at_cancel
    assert len(calls) - calls_at_cancel[0] <= 2
    assert not any(t.name.startswith("moslik-score") for t in threading.enumerate())


def test_date_scores_from_arrow_equal_pair_scores(tmp_path):
    # The date method is handed Arrow arrays, not Python strings; scores must not change.
    left = [(f"a{i}", f"19{50 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}") for i in range(400)]
    right = [(f"b{i}", f"19{50 + (i * 7) % 40}{1 + i % 12:02d}{1 + (i * 3) % 28:02d}")
             for i in range(400)]
    for path, rows in (("a.csv", left), ("b.csv", right)):
        (tmp_path / path).write_text("id,born\n" + "".join(f"{i},{d}\n" for i, d in rows))
    config = {"mappings": [{"file1_col": "born", "file2_col": "born", "match_type": "fuzzy",
                            "fuzzy_method": "date"}],
              "output_cols1": ["id"], "output_cols2": ["id"]}
    run_match(tmp_path / "a.csv", tmp_path / "b.csv", config, job_dir=tmp_path / "job",
              out_dir=tmp_path / "out")

    with duckdb.connect(str(tmp_path / "job" / "job.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT a.born, b.born, p.s0 FROM pairs AS p "
            "JOIN input_1 AS a ON a._row_id = p.r1 JOIN input_2 AS b ON b._row_id = p.r2").fetchall()

    assert len(rows) > 1000
    assert {score for _, _, score in rows} != {100.0}
    for born1, born2, score in rows:
        assert score == pytest.approx(score_pair("date", born1, born2))


def test_pairs_repeat_detects_repeated_value_pairs():
    rng = np.random.default_rng(7)
    few = rng.integers(1, 30, size=(2, 50_000))
    many = rng.integers(1, 2**30, size=(2, 50_000))

    assert scoring._pairs_repeat(few[0], few[1], symmetric=False)
    assert not scoring._pairs_repeat(many[0], many[1], symmetric=False)


def test_pairs_repeat_counts_mirrors_if_symmetric():
    # Each pair comes once as (a, b) and once as (b, a), and the sample takes every pair.
    rng = np.random.default_rng(11)
    left, right = rng.integers(1, 2**30, size=(2, scoring.REPEAT_SAMPLE // 2))
    both_ways = np.concatenate([left, right]), np.concatenate([right, left])

    assert scoring._pairs_repeat(*both_ways, symmetric=True)
    assert not scoring._pairs_repeat(*both_ways, symmetric=False)


@pytest.mark.parametrize("needed", [1, 3])  # 1: texts in pair order, 3: from a pool
def test_text_lookup_bytes_only_for_ascii(needed):
    ids = np.array([2, 1, 2])
    ascii_texts = pa.array(["ab", "c d"])
    mixed = pa.array(["ab", "жасур"])

    assert scoring._text_lookup(ascii_texts, needed, True)(ids) == [b"c d", b"ab", b"c d"]
    assert scoring._text_lookup(ascii_texts, needed, False)(ids) == ["c d", "ab", "c d"]
    assert scoring._text_lookup(mixed, needed, True)(ids) == ["жасур", "ab", "жасур"]


@pytest.mark.parametrize("method", ["ratio", "partial_ratio", "token_sort_ratio",
                                    "token_set_ratio", "WRatio", "QRatio", "levenshtein",
                                    "jaro_winkler"])
def test_scorers_give_bytes_same_scores(method):
    # The bytes of ASCII texts must score as the texts do, spaces and punctuation included.
    rng = np.random.default_rng(3)
    alphabet = list("abcxyz019 -.'")
    texts = ["".join(rng.choice(alphabet, size=rng.integers(1, 14))) for _ in range(2_000)]
    left, right = texts[:1_000], texts[1_000:]
    score = batch_scorer(method, workers=1)

    from_bytes = score([t.encode() for t in left], [t.encode() for t in right])
    assert np.array_equal(from_bytes, score(left, right))
