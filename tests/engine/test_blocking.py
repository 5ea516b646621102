import csv

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import blocking
from engine.errors import BudgetError
from engine.pipeline import _blocking_notes, run_match

PEOPLE = 700


def write_people(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "city", "passport"])
        writer.writerows(rows)


@pytest.fixture
def files(tmp_path):
    """700 people on each side, all in one city; the same passport marks the same person.

    Each record's rarest key is its passport, shared with exactly one record of the other file.
    """
    left = [(f"a{i}", f"person{i} common", "tashkent", f"AA{i:07d}") for i in range(PEOPLE)]
    right = [(f"b{i}", f"person{i} common", "tashkent", f"AA{i:07d}") for i in range(PEOPLE)]
    write_people(tmp_path / "a.csv", left)
    write_people(tmp_path / "b.csv", right)
    return tmp_path / "a.csv", tmp_path / "b.csv"


CONFIG = {"mappings": [
    {"file1_col": "name", "file2_col": "name", "match_type": "fuzzy", "fuzzy_method": "ratio"},
    {"file1_col": "city", "file2_col": "city", "match_type": "exact"},
    {"file1_col": "passport", "file2_col": "passport", "match_type": "exact", "weight": 2.0}],
    "output_cols1": ["id"], "output_cols2": ["id"], "threshold": 70}


def candidates(tmp_path, files, config=CONFIG):
    run_match(*files, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    with duckdb.connect(str(tmp_path / "job" / "job.duckdb"), read_only=True) as con:
        return con.execute("SELECT r1, r2 FROM candidates").fetchall()


def test_own_keys_find_pairs_without_global_target(tmp_path, files, monkeypatch):
    monkeypatch.setattr(blocking, "MIN_TARGET_PAIRS", 0)
    monkeypatch.setattr(blocking, "TARGET_PAIRS_PER_RECORD", 0)

    pairs = candidates(tmp_path, files)

    assert {(i, i) for i in range(1, PEOPLE + 1)} <= set(pairs)


def test_own_partners_bound_pairs_per_record(tmp_path, files, monkeypatch):
    monkeypatch.setattr(blocking, "MIN_TARGET_PAIRS", 0)
    monkeypatch.setattr(blocking, "TARGET_PAIRS_PER_RECORD", 0)
    monkeypatch.setattr(blocking, "OWN_KEYS", 1)

    pairs = candidates(tmp_path, files)

    # Only the passport (one partner) is a record's rarest key, so the shared city and the
    # common name token add no partner.
    assert sorted(pairs) == [(i, i) for i in range(1, PEOPLE + 1)]


def test_own_keys_count_in_budget(tmp_path, files, monkeypatch):
    monkeypatch.setattr(blocking, "MIN_TARGET_PAIRS", 0)
    monkeypatch.setattr(blocking, "TARGET_PAIRS_PER_RECORD", 0)
    config = {**CONFIG, "performance": {"max_candidate_pairs": PEOPLE}}

    with pytest.raises(BudgetError, match="max_candidate_pairs"):
        candidates(tmp_path, files, config)


def kept_by_hand(rows, target):
    """Keys in (pair count, mapping, key) order, not too common, while the running pair total fits."""
    kept, total = set(), 0
    for mapping, key, pairs in sorted(rows, key=lambda row: (row[2], row[0], row[1])):
        if pairs == 0 or pairs > blocking.MAX_PAIRS_PER_KEY:
            continue
        total += pairs
        if total > target:
            break
        kept.add((mapping, key))
    return kept


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0, 1, 2, 5, 40, 9_999, 10_000, 10_001]), max_size=25),
                max_size=4),
       st.integers(0, 30_000))
def test_keep_keys_takes_rarest_until_target(mappings, target):
    pair_counts = [np.array(pairs, dtype=np.int64) for pairs in mappings]

    kept = blocking.keep_keys(pair_counts, target)

    rows = [(m, k, pairs) for m, counts in enumerate(mappings) for k, pairs in enumerate(counts)]
    assert {(m, int(k)) for m, mask in enumerate(kept) for k in np.flatnonzero(mask)} == \
        kept_by_hand(rows, target)


def match_names_only(tmp_path, rows):
    """Match `rows` against themselves on the name column alone."""
    write_people(tmp_path / "a.csv", rows)
    write_people(tmp_path / "b.csv", rows)
    config = {"mappings": [CONFIG["mappings"][0]], "output_cols1": ["id"], "output_cols2": ["id"]}
    return run_match(tmp_path / "a.csv", tmp_path / "b.csv", config, job_dir=tmp_path / "job",
                     out_dir=tmp_path / "out")


def test_no_candidates_noted(tmp_path):
    # 700 people per file who share one name: the name key makes 490,000 pairs, over the cap.
    rows = [(f"x{i}", "same person", "tashkent", "") for i in range(PEOPLE)]

    summary = match_names_only(tmp_path, rows)

    assert summary.counts["matched"] == 0
    assert any(note.startswith("blocking found no candidate pair") for note in summary.notes)


def test_records_without_candidates_noted(tmp_path):
    # 500 people per file share one name and 200 have a name of their own: only those pair.
    rows = [(f"x{i}", "same person" if i < 500 else f"person{i}", "tashkent", "")
            for i in range(PEOPLE)]

    summary = match_names_only(tmp_path, rows)

    assert summary.counts["matched"] == 200
    assert any(note.startswith("blocking: no candidate pair for 500 records of file 1 and 500 "
                               "records of file 2") for note in summary.notes)


def test_full_comparison_over_budget(tmp_path):
    rows = [(f"x{i}", f"person{i}", "tashkent", "") for i in range(10)]
    write_people(tmp_path / "a.csv", rows)
    write_people(tmp_path / "b.csv", rows)
    config = {**CONFIG, "performance": {"max_candidate_pairs": 50}}

    with pytest.raises(BudgetError, match="makes 100 candidate pairs.*at least 100"):
        run_match(tmp_path / "a.csv", tmp_path / "b.csv", config, job_dir=tmp_path / "job",
                  out_dir=tmp_path / "out")

    assert not (tmp_path / "out").exists()


def test_compound_keys_pair_common_values(tmp_path):
    # Five names and five cities, each on 200 records per file: every single key pairs 40,000
    # records, over the cap. A name and a city together are on 40 records per file.
    rows = [(f"x{i}", f"name{i % 5}", f"city{i // 200}", "") for i in range(1000)]
    write_people(tmp_path / "a.csv", rows)
    write_people(tmp_path / "b.csv", rows)
    config = {"mappings": CONFIG["mappings"][:2], "output_cols1": ["id"], "output_cols2": ["id"]}

    pairs = candidates(tmp_path, (tmp_path / "a.csv", tmp_path / "b.csv"), config)

    assert len(pairs) == 25 * 40 * 40
    assert all(rows[r1 - 1][1:3] == rows[r2 - 1][1:3] for r1, r2 in pairs)


def test_compound_ids_join_value_pairs():
    first = blocking.ValueIds(np.array([1, 1, 2, 0]), np.array([1, 2, 1]), 2)
    second = blocking.ValueIds(np.array([3, 3, 3, 1]), np.array([3, 3, 0]), 3)

    ids = blocking.compound_ids(first, second)

    assert ids.count == 2
    assert ids.side1[0] == ids.side1[1] == ids.side2[0]
    assert ids.side1[2] == ids.side2[1] != ids.side1[0]
    assert ids.side1[3] == 0
    assert ids.side2[2] == 0


def test_compound_pairs_join_largest_repeating_mappings():
    # Mapping 1 has nearly one value per record and mapping 4 the fewest, so both are left out.
    distinct = [300, 1900, 50, 800, 20]

    assert blocking.compound_pairs(distinct, rows=2000) == [(0, 2), (0, 3), (2, 3)]


def test_unordered_ids_join_swapped_words():
    norms = pa.array(["ergashev jasur", "jasur ergashev", "jasur", "ali vali jasur"])
    value_ids = blocking.ValueIds(np.array([1, 3, 0]), np.array([2, 4]), 4)

    ids = blocking.unordered_ids(value_ids, norms)

    assert ids.side1[0] == ids.side2[0]
    assert len({ids.side1[0], ids.side1[1], ids.side2[1]}) == 3
    assert ids.side1[2] == 0


def test_unordered_ids_fold_words():
    norms = pa.array(["yusupov xurshid", "xurshid iusupov"])
    value_ids = blocking.ValueIds(np.array([1]), np.array([2]), 2)

    folded = blocking.unordered_ids(value_ids, norms, fold=lambda word: word.replace("iu", "yu"))
    plain = blocking.unordered_ids(value_ids, norms)

    assert folded.side1[0] == folded.side2[0]
    assert plain.side1[0] != plain.side2[0]


def test_one_record_without_candidates_singular():
    report = blocking.BlockingReport("blocking keys", 1, 1, {}, {}, (1, 0))

    notes = _blocking_notes(report)
    (note,) = [note for note in notes if note.startswith("blocking: ")]

    assert notes[0] == "blocking keys: 1 candidate pair"

    assert note.startswith("blocking: no candidate pair for 1 record of file 1 and 0 records "
                           "of file 2, which stay unmatched.")


@pytest.fixture
def extra_word_files(tmp_path):
    """700 people per file whose names share one rare word; file 2 adds a word to each name."""
    left = [(f"a{i}", f"person{i} common", "tashkent", "") for i in range(PEOPLE)]
    right = [(f"b{i}", f"person{i} common extra{i}", "tashkent", "") for i in range(PEOPLE)]
    write_people(tmp_path / "a.csv", left)
    write_people(tmp_path / "b.csv", right)
    return tmp_path / "a.csv", tmp_path / "b.csv"


NAME_CONFIG = {"mappings": CONFIG["mappings"][:2], "output_cols1": ["id"],
               "output_cols2": ["id"], "threshold": 70}


def test_word_keys_pair_within_target(tmp_path, extra_word_files):
    pairs = set(candidates(tmp_path, extra_word_files, NAME_CONFIG))

    assert {(i, i) for i in range(1, PEOPLE + 1)} <= pairs


def test_word_keys_skipped_without_room(tmp_path, extra_word_files, monkeypatch):
    monkeypatch.setattr(blocking, "MIN_TARGET_PAIRS", 0)
    monkeypatch.setattr(blocking, "TARGET_PAIRS_PER_RECORD", 0)

    pairs = set(candidates(tmp_path, extra_word_files, NAME_CONFIG))

    # The whole names differ, and their shared words are never keyed.
    assert not {(i, i) for i in range(1, PEOPLE + 1)} & pairs
