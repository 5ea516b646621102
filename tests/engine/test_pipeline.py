import csv
import json
import os
import unicodedata

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

from engine.errors import InputError, JobCancelled
from engine.pipeline import run_match
from tests.cli.test_match_febrl import CONFIG


def write_csv(path, header, rows, encoding="utf-8", delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def id_files(tmp_path):
    left = write_csv(tmp_path / "left.csv", ["id", "name", "phone"],
                     [["007", "Alisher Karimov", "+998 90 123-45-67"],
                      ["0123", "Nodira Tursunova", "+998 91 000-00-01"]])
    right = write_csv(tmp_path / "right.csv", ["code", "full_name", "tel"],
                      [["00042", "Karimov Alisher", "998901234567"],
                       ["099", "Tursunova Nodira", "+998910000001"]])
    return left, right


def config_for(fmt, **extra):
    return {"mappings": [{"file1_col": "name", "file2_col": "full_name", "match_type": "fuzzy"}],
            "output_format": fmt, "threshold": 80, **extra}


def read_rows(path, fmt):
    if fmt == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    if fmt == "csv":
        with open(path, encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        values = list(sheet.iter_rows(values_only=True))
        return [dict(zip(values[0], row)) for row in values[1:]]
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "parquet"])
def test_leading_zeros_kept_in_every_output(tmp_path, id_files, fmt):
    summary = run_match(*id_files, config_for(fmt), job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert summary.counts["matched"] == 2

    rows = read_rows(summary.files["matched"], fmt)
    assert {(r["f1_id"], r["f2_code"]) for r in rows} == {("007", "00042"), ("0123", "099")}
    phones = {r["f1_phone"] for r in rows}
    expected = {"+998 90 123-45-67", "+998 91 000-00-01"}
    if fmt == "csv":
        # Cells starting with "+" are escaped against formula injection in CSV.
        expected = {"'" + phone for phone in expected}
    assert phones == expected


def test_composed_and_decomposed_match_exactly(tmp_path):
    left = write_csv(tmp_path / "l.csv", ["name"], [[unicodedata.normalize("NFC", "Renée Lefèvre")]])
    right = write_csv(tmp_path / "r.csv", ["name"], [[unicodedata.normalize("NFD", "Renée Lefèvre")]])
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "exact"}],
              "threshold": 100}
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert summary.counts["matched"] == 1


def test_cyrillic_cp1251_against_semicolon_utf8(tmp_path):
    left = write_csv(tmp_path / "l.csv", ["ism"], [["Иванов Пётр"], ["Сидорова Анна"]], encoding="cp1251")
    right = write_csv(tmp_path / "r.csv", ["ism"], [["Сидорова Анна"], ["Иванов Петр"]], delimiter=";")
    config = {"mappings": [{"file1_col": "ism", "file2_col": "ism"}], "threshold": 85}
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    rows = json.loads(summary.files["matched"].read_text(encoding="utf-8"))
    assert {(r["f1_ism"], r["f2_ism"]) for r in rows} == {
        ("Иванов Пётр", "Иванов Петр"), ("Сидорова Анна", "Сидорова Анна")}


def test_progress_reaches_100_in_order(tmp_path, sample_pair):
    events = []
    run_match(*sample_pair, config_for("json", mappings=[
        {"file1_col": "name", "file2_col": "full_name"}]), job_dir=tmp_path / "job",
        out_dir=tmp_path / "out", progress=events.append)
    percents = [e.percent for e in events]
    assert percents == sorted(percents)
    assert percents[-1] == 100
    assert events[0].stage == "loading"
    assert all(e.elapsed >= 0 for e in events)
    assert events[-1].remaining == 0


def test_cancel_leaves_no_result(tmp_path, febrl4):
    calls = []

    def cancel_during_scoring():
        calls.append(1)
        return len(calls) > 6

    with pytest.raises(JobCancelled):
        run_match(*febrl4, json.loads(CONFIG.read_text()), job_dir=tmp_path / "job",
                  out_dir=tmp_path / "out", should_cancel=cancel_during_scoring)
    # The run created both folders, and a cancelled run leaves neither.
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "job").exists()


def test_rerun_replaces_previous_result(tmp_path, sample_pair):
    config = {"mappings": [{"file1_col": "name", "file2_col": "full_name"}]}
    first = run_match(*sample_pair, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    second = run_match(*sample_pair, {**config, "threshold": 99.5}, job_dir=tmp_path / "job",
                       out_dir=tmp_path / "out")
    assert second.counts["matched"] < first.counts["matched"]
    rows = json.loads((tmp_path / "out" / "matched.json").read_text())
    assert len(rows) == second.counts["matched"]


def test_hostile_column_name_is_only_a_name(tmp_path):
    hostile = "x\"; COPY (SELECT 1) TO '/tmp/moslik-pwned.csv'; --"
    left = write_csv(tmp_path / "l.csv", [hostile], [["abc"]])
    right = write_csv(tmp_path / "r.csv", [hostile], [["abc"]])
    config = {"mappings": [{"file1_col": hostile, "file2_col": hostile}]}
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert summary.counts["matched"] == 1
    rows = json.loads(summary.files["matched"].read_text())
    assert rows[0]["f1_" + hostile] == "abc"


def test_result_files_follow_umask(tmp_path, sample_pair):
    previous = os.umask(0o022)
    try:
        summary = run_match(*sample_pair, {"mappings": [{"file1_col": "name", "file2_col": "full_name"}]},
                            job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    finally:
        os.umask(previous)
    assert {path.stat().st_mode & 0o777 for path in summary.files.values()} == {0o644}


def test_stage_times_cover_the_job(tmp_path):
    left, right = tmp_path / "a.csv", tmp_path / "b.csv"
    left.write_text("name\nAli Valiyev\nBobur Karimov\n", encoding="utf-8")
    right.write_text("name\nAli Valiev\nBobur Karimov\n", encoding="utf-8")
    summary = run_match(left, right, {"mappings": [{"file1_col": "name", "file2_col": "name"}]},
                        job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    assert list(summary.stages) == ["loading", "normalising", "blocking", "scoring", "selecting",
                                    "writing"]
    assert all(seconds >= 0 for seconds in summary.stages.values())
    assert sum(summary.stages.values()) <= summary.elapsed + 0.1


def test_unmatched_best_score_rounded(tmp_path):
    left, right = tmp_path / "a.csv", tmp_path / "b.csv"
    left.write_text("name\nAli Valiyev\nZarina Qodirova\n", encoding="utf-8")
    right.write_text("name\nAli Valiev\nZafar Qosimov\n", encoding="utf-8")
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "fuzzy_method": "ratio"}],
              "threshold": 95, "include_confidence_scores": True, "output_format": "json",
              "auto_weights": True}
    summary = run_match(left, right, config, job_dir=tmp_path / "job", out_dir=tmp_path / "out")
    rows = json.loads(summary.files["unmatched_1"].read_text(encoding="utf-8"))
    scores = [row["best_candidate_score"] for row in rows if row["best_candidate_score"]]
    assert scores
    assert all(score == round(score, 2) for score in scores)


def test_failed_run_leaves_no_empty_folders(tmp_path):
    left, right = tmp_path / "a.csv", tmp_path / "b.csv"
    left.write_text("", encoding="utf-8")
    right.write_text("name\nAli\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InputError):
        run_match(left, right, {"mappings": [{"file1_col": "name", "file2_col": "name"}]},
                  job_dir=out / ".moslik", out_dir=out)
    assert not out.exists()


def broken_csv(path):
    """A CSV file whose third line has one field too many."""
    path.write_text("name,phone\nAli,1\nVali,2,extra\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("broken", ["first", "second", "both"])
def test_load_error_names_the_broken_file(tmp_path, broken):
    good = write_csv(tmp_path / "good.csv", ["name", "phone"], [["Ali", "1"], ["Vali", "2"]])
    first = broken_csv(tmp_path / "first.csv") if broken in ("first", "both") else good
    second = broken_csv(tmp_path / "second.csv") if broken in ("second", "both") else good
    config = {"mappings": [{"file1_col": "name", "file2_col": "name"}]}

    with pytest.raises(InputError) as raised:
        run_match(first, second, config, job_dir=tmp_path / "out" / ".moslik", out_dir=tmp_path / "out")

    expected = "second.csv" if broken == "second" else "first.csv"
    assert f"{expected}, line 3" in str(raised.value)


def test_rows_numbered_in_file_order(tmp_path):
    names = [f"name {k:06d}" for k in range(120_000)]
    left = write_csv(tmp_path / "left.csv", ["name"], [[n] for n in names])
    right = write_csv(tmp_path / "right.csv", ["name"], [[n] for n in reversed(names)])
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "exact"}]}

    run_match(left, right, config, job_dir=tmp_path / "out" / ".moslik", out_dir=tmp_path / "out")

    with duckdb.connect(str(tmp_path / "out" / ".moslik" / "job.duckdb"), read_only=True) as con:
        first = con.execute("SELECT name FROM input_1 ORDER BY _row_id").fetchall()
        second = con.execute("SELECT name FROM input_2 ORDER BY _row_id").fetchall()
    assert [row[0] for row in first] == names
    assert [row[0] for row in second] == names[::-1]


def test_guessed_encoding_is_noted(tmp_path):
    # Names in CP1251's letters: it has no Uzbek ҳ.
    rows = [["Алишер Каримов"], ["Нодира Турсунова"], ["Дилшод Юсупов"], ["Шахноза Рахимова"]]
    left = write_csv(tmp_path / "left.csv", ["name"], rows, encoding="cp1251")
    right = write_csv(tmp_path / "right.csv", ["name"], rows)
    config = {"mappings": [{"file1_col": "name", "file2_col": "name"}]}

    summary = run_match(left, right, config, job_dir=tmp_path / "out" / ".moslik", out_dir=tmp_path / "out")

    assert summary.counts["matched"] == 4
    assert any(note.startswith("left.csv: the encoding was guessed as cp1251") for note in summary.notes)
    assert not any(note.startswith("right.csv") for note in summary.notes)


def test_single_value_mapping_noted(tmp_path):
    for name, count in (("a.csv", 3), ("b.csv", 2)):
        (tmp_path / name).write_text("id,city\n" + "".join(f"{i},X\n" for i in range(count)))
    config = {"mappings": [{"file1_col": "city", "file2_col": "city", "match_type": "exact"}],
              "output_cols1": ["id"], "output_cols2": ["id"]}

    summary = run_match(tmp_path / "a.csv", tmp_path / "b.csv", config, job_dir=tmp_path / "job",
                        out_dir=tmp_path / "out")

    assert "city -> city: all 5 values are the same after normalisation" in " ".join(summary.notes)


@pytest.mark.parametrize("missing_value_score, matched", [(None, 1), (50, 0)])
def test_missing_value_score_from_config(tmp_path, missing_value_score, matched):
    # The same name, and a phone in file 2 only: 100 when the phone leaves the mean, and
    # (100 + 50) / 2 = 75, under the threshold, when it counts as 50.
    (tmp_path / "a.csv").write_text("name,phone\nAli Karimov,\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("name,phone\nAli Karimov,998901111111\n", encoding="utf-8")
    config = {"mappings": [{"file1_col": "name", "file2_col": "name", "match_type": "fuzzy"},
                           {"file1_col": "phone", "file2_col": "phone", "match_type": "exact"}],
              "missing_value_score": missing_value_score}

    summary = run_match(tmp_path / "a.csv", tmp_path / "b.csv", config, job_dir=tmp_path / "job",
                        out_dir=tmp_path / "out")

    assert summary.counts["matched"] == matched
