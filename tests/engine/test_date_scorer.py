"""The `date` fuzzy method: scores per case, the vectorised path against the reference, a job."""

import csv

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from engine.auto_weights import CLOSE_FROM, EXACT_FROM
from engine.config import parse_config
from engine.date_scores import date_scores, date_similarity
from engine.errors import ConfigError
from engine.explain import explain_pairs
from engine.pipeline import run_match
from engine.scorers import SCORERS, batch_scorer, register_scorers, score_pair

# (description, left, right, lowest expected score, highest expected score)
SCORE_CASES = [
    ("equal", "19850312", "19850312", 100, 100),
    ("day and month swapped", "19850312", "19851203", 90, 90),
    ("one digit in the day", "19850312", "19850313", 85, 90),
    ("one digit in the year", "19850312", "19950312", 85, 90),
    ("adjacent digits transposed", "19850312", "19580312", 85, 88),
    ("two digits apart", "19850312", "19850411", 50, 80),
    ("unrelated", "19850312", "19620817", 0, 30),
    ("swap that is no date: day 13", "19851303", "19850313", 0, 84),
    ("not a date on one side", "19850312", "1985-03-12", None, None),
    ("letters", "alisher", "alisherr", None, None),
    ("seven digits", "1985031", "1985031", None, None),
    ("empty", "", "", None, None),
]
CASE_IDS = [case[0] for case in SCORE_CASES]


@pytest.mark.parametrize("description,left,right,lowest,highest", SCORE_CASES, ids=CASE_IDS)
def test_date_similarity_cases(description, left, right, lowest, highest):
    score = date_similarity(left, right)
    if lowest is None:
        assert score == pytest.approx(fuzz.ratio(left, right))
    else:
        assert lowest <= score <= highest


@pytest.mark.parametrize("description,left,right,lowest,highest", SCORE_CASES, ids=CASE_IDS)
def test_date_similarity_symmetric(description, left, right, lowest, highest):
    assert date_similarity(left, right) == date_similarity(right, left)


def test_date_levels_for_auto_weights():
    assert date_similarity("19850312", "19851203") >= CLOSE_FROM
    assert date_similarity("19850312", "19850313") >= CLOSE_FROM
    assert date_similarity("19850312", "19851203") < EXACT_FROM
    assert date_similarity("19850312", "19580312") >= CLOSE_FROM
    assert date_similarity("19850312", "19580312") < date_similarity("19850312", "19850313")
    assert date_similarity("19850312", "19850411") < CLOSE_FROM
    assert date_similarity("19850312", "19620817") < CLOSE_FROM


def test_date_batch_agrees_with_cases():
    left = [case[1] for case in SCORE_CASES]
    right = [case[2] for case in SCORE_CASES]
    expected = [date_similarity(a, b) for a, b in zip(left, right)]
    assert batch_scorer("date")(left, right).tolist() == pytest.approx(expected)


def test_date_batch_sliced_arrow():
    left = pa.array(["x", "19850312", "19850312", "abc", "19990101"]).slice(1)
    right = pa.array(["y", "19851203", "1985-03-12", "abd", "19990110"]).slice(1)
    expected = [date_similarity(a, b) for a, b in zip(left.to_pylist(), right.to_pylist())]
    assert date_scores(left, right).tolist() == pytest.approx(expected)


def test_date_batch_empty():
    assert date_scores([], []).tolist() == []


def test_date_batch_length_mismatch():
    with pytest.raises(ValueError, match="got 2 and 1 values"):
        date_scores(["19850312", "19850313"], ["19850312"])


digit_strings = st.text(alphabet="0123456789", min_size=8, max_size=8)
near_dates = st.tuples(digit_strings, st.lists(st.tuples(st.integers(0, 7), st.sampled_from(
    "0123456789")), max_size=3), st.booleans())


def _edited(base: str, edits: list[tuple[int, str]], swap: bool) -> str:
    digits = list(base)
    for position, digit in edits:
        digits[position] = digit
    edited = "".join(digits)
    return edited[:4] + edited[6:8] + edited[4:6] if swap else edited


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(near_dates, min_size=1, max_size=60),
       others=st.lists(st.tuples(st.text(max_size=10), st.text(max_size=10)), max_size=10))
def test_date_batch_matches_reference(pairs, others):
    left = [base for base, _, _ in pairs] + [a for a, _ in others]
    right = [_edited(base, edits, swap) for base, edits, swap in pairs] + [b for _, b in others]
    expected = [date_similarity(a, b) for a, b in zip(left, right)]
    assert date_scores(left, right).tolist() == pytest.approx(expected)


def test_date_in_duckdb():
    pairs = [(case[1], case[2]) for case in SCORE_CASES]
    con = duckdb.connect()
    try:
        register_scorers(con)
        con.execute("CREATE TABLE p (i INTEGER, a VARCHAR, b VARCHAR)")
        con.executemany("INSERT INTO p VALUES (?, ?, ?)",
                        [(i, a, b) for i, (a, b) in enumerate(pairs)])
        expression = SCORERS["date"].expression("a", "b")
        scores = [row[0] for row in con.execute(f"SELECT {expression} FROM p ORDER BY i").fetchall()]
    finally:
        con.close()
    assert scores == pytest.approx([score_pair("date", a, b) for a, b in pairs])


def test_config_accepts_date():
    config = parse_config({"mappings": [{"file1_col": "born", "file2_col": "born",
                                         "fuzzy_method": "date"}]})
    assert config.mappings[0].fuzzy_method == "date"


def test_config_unknown_method():
    with pytest.raises(ConfigError) as raised:
        parse_config({"mappings": [{"file1_col": "born", "file2_col": "born",
                                    "fuzzy_method": "dates"}]})
    message = str(raised.value)
    assert "'dates' is not allowed" in message
    assert "'date'" in message
    assert "mappings[0].fuzzy_method" in message


def test_explain_date_swap():
    explained = explain_pairs([("12.03.1985", "1985-12-03")], match_type="fuzzy",
                              fuzzy_method="date", threshold=85)[0]
    assert explained["normalised_left"] == "19850312"
    assert explained["normalised_right"] == "19851203"
    assert explained["score"] == date_similarity("19850312", "19851203")
    assert explained["decision"] == "match"


PEOPLE_A = [["a1", "Alisher Karimov", "12.03.1985"], ["a2", "Nodira Tursunova", "1990-07-21"],
            ["a3", "Jasur Rakhimov", "05.11.1978"]]
# b1 has a1's day and month swapped, b3 shares a1's name but was born on another day.
PEOPLE_B = [["b1", "Alisher Karimov", "1985-12-03"], ["b2", "Nodira Tursunova", "21.07.1990"],
            ["b3", "Alisher Karimov", "1962-08-17"]]


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "born"])
        writer.writerows(rows)
    return path


def _matched_ids(tmp_path, method: str) -> set[tuple[str, str]]:
    left, right = _write(tmp_path / "a.csv", PEOPLE_A), _write(tmp_path / "b.csv", PEOPLE_B)
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "fuzzy"},
                           {"file1_col": "born", "file2_col": "born", "match_type": "fuzzy",
                            "fuzzy_method": method}],
              "output_format": "csv", "threshold": 90, "matching_type": "one-to-one"}
    summary = run_match(left, right, config, job_dir=tmp_path / method / "job",
                        out_dir=tmp_path / method / "out")
    with open(summary.files["matched"], encoding="utf-8-sig") as handle:
        return {(row["f1_id"], row["f2_id"]) for row in csv.DictReader(handle)}


def test_job_matches_swapped_date(tmp_path):
    assert _matched_ids(tmp_path, "date") == {("a1", "b1"), ("a2", "b2")}


def test_job_ratio_misses_swapped_date(tmp_path):
    assert ("a1", "b1") not in _matched_ids(tmp_path, "ratio")


@pytest.mark.parametrize("column, noted", [("name", True), ("born", False)])
def test_job_notes_date_method_on_non_dates(tmp_path, column, noted):
    left, right = _write(tmp_path / "a.csv", PEOPLE_A), _write(tmp_path / "b.csv", PEOPLE_B)
    config = {"mappings": [{"file1_col": column, "file2_col": column, "match_type": "fuzzy",
                            "fuzzy_method": "date"}], "threshold": 90}
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    notes = [note for note in summary.notes if note.startswith("date method")]
    assert bool(notes) == noted
    if noted:
        assert f"{column} -> {column}" in notes[0]
        assert "3 of 3 distinct values" in notes[0]


def test_job_notes_impossible_dates(tmp_path):
    impossible = [["a1", "Alisher Karimov", "31.02.1985"], ["a2", "Nodira Tursunova", "1990-02-30"]]
    left, right = _write(tmp_path / "a.csv", impossible), _write(tmp_path / "b.csv", PEOPLE_B)
    config = {"mappings": [{"file1_col": "born", "file2_col": "born", "match_type": "fuzzy",
                            "fuzzy_method": "date"}], "threshold": 90}

    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")

    notes = [note for note in summary.notes if note.startswith("date method")]
    assert len(notes) == 1
    assert "2 of 5 distinct values" in notes[0]
