"""The Moslik side of the Splink comparison: reading Splink's output, ratios and the section.

None of these tests needs Splink: they feed hand-written Splink output files and hand-made
measurements to the code that reads and reports them.
"""

import csv
from pathlib import Path

import duckdb
import pytest

from bench import compare_pairs, report, run, suite_compare
from bench.compare_pairs import ScoredPair
from bench.evaluate import LinkQuality, match_quality
from bench.match_run import MatchMeasurement
from bench.peak_memory import MeasuredRun
from bench.splink_measure import SplinkMeasurement, parse_timings

HEADER = ["rec_id_l", "rec_id_r", "source_dataset_l", "source_dataset_r", "match_probability"]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_predictions_oriented_by_source(tmp_path):
    path = write_csv(tmp_path / "p.csv", [
        ["a1", "b1", "file_a", "file_b", "0.9"],
        ["b2", "a2", "file_b", "file_a", "0.75"],
        ["007", "0042", "file_a", "file_b", "1.0"],
    ])
    assert compare_pairs.read_predictions(path) == [
        ScoredPair("a1", "b1", 0.9), ScoredPair("a2", "b2", 0.75),
        ScoredPair("007", "0042", 1.0)]


def test_predictions_missing_column(tmp_path):
    path = write_csv(tmp_path / "p.csv", [["a1", "b1", "0.9"]],
                     header=["rec_id_l", "rec_id_r", "match_probability"])
    with pytest.raises(ValueError, match="source_dataset_l"):
        compare_pairs.read_predictions(path)


def test_predictions_unknown_source(tmp_path):
    path = write_csv(tmp_path / "p.csv", [["a1", "a2", "file_a", "file_a", "0.9"]])
    with pytest.raises(ValueError, match="invalid source_dataset pair"):
        compare_pairs.read_predictions(path)


@pytest.mark.parametrize("pairs, expected", [
    ([], []),
    ([("a1", "b1", 0.6), ("a1", "b2", 0.9)], [("a1", "b2")]),
    ([("a1", "b1", 0.6), ("a2", "b1", 0.9), ("a1", "b2", 0.7)], [("a2", "b1"), ("a1", "b2")]),
    # Equal probabilities: the smaller ids win, whatever the input order.
    ([("a2", "b1", 0.8), ("a1", "b1", 0.8)], [("a1", "b1")]),
    ([("a1", "b1", 0.8), ("a2", "b2", 0.7)], [("a1", "b1"), ("a2", "b2")]),
])
def test_one_to_one(pairs, expected):
    kept = compare_pairs.one_to_one([ScoredPair(*pair) for pair in pairs])
    assert [(pair.id_a, pair.id_b) for pair in kept] == expected


def test_matched_file_scores(tmp_path):
    matched = tmp_path / "matched.csv"
    compare_pairs.write_matched([ScoredPair("a1", "b1", 0.9), ScoredPair("a2", "b3", 0.8)],
                                matched)
    truth = write_csv(tmp_path / "truth.csv", [["a1", "b1"], ["a2", "b2"]],
                      header=["rec_id_a", "rec_id_b"])
    assert match_quality(matched, truth) == LinkQuality(1, 2, 2)


def test_blocking_recall_from_parquet(tmp_path):
    blocked = tmp_path / "blocked.parquet"
    keys = [("file_a-__-a1", "file_b-__-b1"), ("file_b-__-b2", "file_a-__-a2"),
            ("file_a-__-a1", "file_b-__-b9"), ("file_a-__-a1", "file_b-__-b1")]
    with duckdb.connect() as con:
        con.execute("CREATE TABLE blocked (match_key VARCHAR, join_key_l VARCHAR, "
                    "join_key_r VARCHAR)")
        con.executemany("INSERT INTO blocked VALUES ('0', ?, ?)", keys)
        con.execute("COPY blocked TO ? (FORMAT parquet)", [str(blocked)])
    truth = write_csv(tmp_path / "truth.csv", [["a1", "b1"], ["a2", "b2"], ["a3", "b3"]],
                      header=["rec_id_a", "rec_id_b"])
    kept, total, candidates = compare_pairs.blocking_recall(blocked, truth)
    assert kept == 2
    assert total == 3
    assert candidates == 3  # the repeated pair counts once


@pytest.mark.parametrize("moslik, splink, expected", [
    (5.0, 10.0, 0.5), (30.0, 12.0, 2.5), (None, 1.0, None), (1.0, None, None), (1.0, 0.0, None),
])
def test_ratio(moslik, splink, expected):
    assert compare_pairs.ratio(moslik, splink) == expected


def test_timings_parsed_from_last_line():
    output = ("warning: something\nsplink_timings {\"total_s\": 1.0}\n"
              "splink_timings {\"total_s\": 2.5, \"splink\": \"5.0.0\"}\n")
    assert parse_timings(output) == {"total_s": 2.5, "splink": "5.0.0"}
    assert parse_timings("Traceback\nValueError: x\n") is None


def measured(wall_s: float, peak_mib: int, returncode: int = 0) -> MeasuredRun:
    return MeasuredRun(["tool"], returncode, wall_s, peak_mib * report.MIB, 0, False,
                       "RuntimeError: boom\n")


def comparison(size: int) -> suite_compare.Comparison:
    dataset = suite_compare.Dataset(f"synthetic {size:,}", size, Path("a.csv"), Path("b.csv"),
                                    Path("truth.csv"), Path("c.json"), "synthetic", 3)
    moslik = [MatchMeasurement(measured(wall, 400), candidates=1000,
                               quality=LinkQuality(98, 100, 100), blocking=(100, 100))
              for wall in (4.0, 2.0, 3.0)]
    splink = [SplinkMeasurement(measured(wall, 800), {"total_s": wall - 1, "train_s": 1.0},
                                LinkQuality(95, 100, 100), (99, 100, 500))
              for wall in (12.0, 9.0)]
    splink.append(SplinkMeasurement(measured(50.0, 900, returncode=1)))
    return suite_compare.Comparison(dataset, moslik, splink)


def test_section_tables_on_made_results():
    lines = suite_compare.results_tables([comparison(10_000)])
    assert ("| synthetic 10,000 | Moslik | 3 of 3 | 3.00 s | 400 MiB | 0.9800 | 0.9800 | "
            "0.9800 | 1,000 | 1.0000 | ok |") in lines
    assert ("| synthetic 10,000 | Splink | 2 of 3 | 10.50 s | 800 MiB | 0.9500 | 0.9500 | "
            "0.9500 | 500 | 0.9900 | exit status 1 after 50 s: RuntimeError: boom |") in lines
    assert "| synthetic 10,000 | 0.29 | 3.50 | 0.50 | +0.0300 |" in lines


def test_splink_steps_table():
    lines = suite_compare.splink_steps_table([comparison(10_000)])
    assert "| synthetic 10,000 | n/a | 1.00 s | n/a | n/a | n/a | 9.50 s |" in lines


@pytest.mark.parametrize("size, expected", [
    (10_000, "not run; pass --compare-1m."),
    (1_000_000, ("Splink's wall time over Moslik's 3.50 against at least 2.5: met; "
                 "F1 0.9800 against Splink's 0.9500: met.")),
])
def test_goal_line(size, expected):
    [line] = suite_compare.goals([comparison(size)])
    assert line.endswith(expected)


def test_section_skipped_without_venv(tmp_path):
    section = suite_compare.run(tmp_path, tmp_path, 1, [10], 1, 10.0, tmp_path / "python")
    assert section.lines[0].startswith(f"Skipped: {tmp_path / 'python'} not found")


@pytest.mark.parametrize("argv, compare, sizes", [
    ([], False, [10_000, 100_000]),
    (["--compare"], True, [10_000, 100_000]),
    (["--compare-only", "--compare-1m"], True, [10_000, 100_000, 1_000_000]),
    (["--compare", "--compare-sizes", "500", "--compare-1m"], True, [500, 1_000_000]),
])
def test_compare_options(argv, compare, sizes):
    args = run.parse_args(argv)
    assert args.compare == compare
    assert args.compare_sizes == sizes


def test_compare_1m_keeps_default():
    run.parse_args(["--compare-1m"])
    assert run.parse_args([]).compare_sizes == [10_000, 100_000]
