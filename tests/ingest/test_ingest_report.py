"""inspect_file and the report: preview bounds, table names and unusual file paths."""

import pytest

from engine.ingest import IngestError, inspect_file, load_table
from tests.ingest.conftest import DATA


@pytest.fixture
def long_csv(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("id,name\n" + "".join(f"{number:05d},name {number}\n" for number in range(1500)))
    return path


@pytest.mark.parametrize("preview_rows, expected", [(0, 0), (5, 5), (1000, 1000), (5000, 1000)])
def test_preview_bound(long_csv, preview_rows, expected):
    report = inspect_file(long_csv, preview_rows=preview_rows)

    assert report.rows == 1500
    assert len(report.preview) == expected


def test_preview_in_file_order(long_csv):
    report = inspect_file(long_csv, preview_rows=3)

    assert report.preview == [{"id": "00000", "name": "name 0"},
                              {"id": "00001", "name": "name 1"},
                              {"id": "00002", "name": "name 2"}]


def test_inspect_reports_errors(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("id,name\n")

    report = inspect_file(path, display_name="clients.csv")

    assert report.valid is False
    assert report.file_name == "clients.csv"
    expected = ("clients.csv has a header but no records, so there is nothing to match. "
                "Add at least one record below the header.")
    assert report.errors == [expected]
    assert report.rows == 0
    assert report.preview == []


def test_inspect_valid_report():
    report = inspect_file(DATA / "people_pipe.csv", preview_rows=1)

    assert report.valid is True
    assert report.errors == []
    assert report.columns == 5
    assert report.preview == [{"id": "007", "surname": "Karimov", "given_name": "Botir",
                               "phone": "+998 90 123-45-67", "birth_date": "1990-01-05"}]


def test_error_carries_report(con, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    with pytest.raises(IngestError) as caught:
        load_table(con, path, "t", work_dir=tmp_path)

    assert caught.value.report.errors == [str(caught.value)]


def test_path_with_sql_characters(con, tmp_path):
    path = tmp_path / "it's'; DROP TABLE x; --.csv"
    path.write_text("id,name\n1,Ali\n")

    report = load_table(con, path, "t", work_dir=tmp_path)

    assert report.file_name == "it's'; DROP TABLE x; --.csv"
    assert con.execute("SELECT name FROM t").fetchall() == [("Ali",)]


def test_two_tables_one_connection(con, tmp_path):
    load_table(con, DATA / "people_semicolon.csv", "file_1", work_dir=tmp_path)
    load_table(con, DATA / "people.json", "file_2", work_dir=tmp_path)

    assert con.execute("SELECT count(*) FROM file_1").fetchone() == (3,)
    assert con.execute("SELECT count(*) FROM file_2").fetchone() == (2,)
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"file_1", "file_2"}


def test_existing_table_rejected(con, tmp_path):
    con.execute("CREATE TABLE people (id VARCHAR)")

    with pytest.raises(ValueError, match="Table 'PEOPLE' already exists"):
        load_table(con, DATA / "people_pipe.csv", "PEOPLE", work_dir=tmp_path)

    assert con.execute("SELECT count(*) FROM people").fetchone() == (0,)


def test_samples_first_rows_of_large_file(tmp_path):
    # Several of DuckDB's row groups (122,880 rows each), read on every thread: the preview
    # and the script sample must still be the file's first rows.
    path = tmp_path / "large.csv"
    rows = 400_000
    path.write_text("id,name\n" + "".join(
        f"{number},{'vali' if number < 5000 else 'вали'}\n" for number in range(rows)),
        encoding="utf-8")

    report = inspect_file(path, preview_rows=1000)

    assert report.rows == rows
    assert [record["id"] for record in report.preview] == [str(n) for n in range(1000)]
    assert report.column_scripts["name"].latin == 5000
    assert report.column_scripts["name"].cyrillic == 0
