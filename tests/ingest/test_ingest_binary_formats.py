"""XLSX and Parquet loading: typed cells and columns come out as text."""

import datetime
import zipfile

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.ingest import IngestError


@pytest.fixture
def workbook_path(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id_text", "id_number", "name", "born", "seen", "active", "score", None])
    sheet.append(["007", 7, "Botir", datetime.date(1990, 1, 5),
                  datetime.datetime(2024, 3, 1, 9, 30), True, 2.5, None])
    sheet.append(["0042", 42, "Gulnora", None, None, False, 1.5, None])
    sheet.append([None] * 7)
    sheet.append(["100", 100, "Shahnoza", None, None, None, 3, None])
    # The number format shows leading zeros, but the stored value is the number 7.
    sheet["B2"].number_format = "000"
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    return path


def test_xlsx_first_sheet(load, workbook_path):
    report, _records = load(workbook_path)

    assert report.file_type == "xlsx"
    assert report.encoding is None
    assert report.column_names == ["id_text", "id_number", "name", "born", "seen", "active", "score"]
    assert report.rows == 3


@pytest.mark.parametrize("column, expected", [
    ("id_text", ["007", "0042", "100"]),
    ("id_number", ["7", "42", "100"]),
    ("born", ["1990-01-05", None, None]),
    ("seen", ["2024-03-01 09:30:00", None, None]),
    ("active", ["true", "false", None]),
    ("score", ["2.5", "1.5", "3"]),
])
def test_xlsx_cells_as_text(load, workbook_path, column, expected):
    _report, records = load(workbook_path)

    assert [record[column] for record in records] == expected


def test_xlsx_header_problem(load, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append([1, 2, 3])
    workbook.active.append([4, 5, 6])
    path = tmp_path / "numbers.xlsx"
    workbook.save(path)

    with pytest.raises(IngestError) as caught:
        load(path)

    assert "numbers.xlsx has no header" in str(caught.value)


def test_xlsx_empty_sheet(load, tmp_path):
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)

    with pytest.raises(IngestError) as caught:
        load(path)

    assert "blank.xlsx: the first sheet is empty" in str(caught.value)


def test_zip_that_is_not_xlsx(load, tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("people.csv", "id,name\n1,Ali\n")

    with pytest.raises(IngestError) as caught:
        load(path)

    assert "archive.xlsx is a ZIP archive, not an XLSX workbook" in str(caught.value)


@pytest.fixture
def parquet_path(tmp_path):
    table = pa.table({
        "id": pa.array([7, 42], type=pa.int64()),
        "born": pa.array([datetime.date(1990, 1, 5), datetime.date(1985, 3, 5)], type=pa.date32()),
        "score": pa.array([1.5, 2.0], type=pa.float64()),
        "active": pa.array([True, None]),
        "code": pa.array(["007", "0042"]),
        "address": pa.array([{"city": "Toshkent"}, {"city": "Buxoro"}]),
        "tags": pa.array([["a", "b"], []]),
    })
    path = tmp_path / "people.parquet"
    pq.write_table(table, path)
    return path


def test_parquet_columns(load, parquet_path):
    report, _records = load(parquet_path)

    assert report.file_type == "parquet"
    assert report.column_names == ["id", "born", "score", "active", "code", "address.city", "tags"]
    assert report.rows == 2


@pytest.mark.parametrize("column, expected", [
    ("id", ["7", "42"]),
    ("born", ["1990-01-05", "1985-03-05"]),
    ("score", ["1.5", "2"]),
    ("active", ["true", None]),
    ("code", ["007", "0042"]),
    ("address.city", ["Toshkent", "Buxoro"]),
    ("tags", ['["a", "b"]', "[]"]),
])
def test_parquet_values_as_text(load, parquet_path, column, expected):
    _report, records = load(parquet_path)

    assert [record[column] for record in records] == expected


def test_parquet_varchar_types(load, con, parquet_path):
    load(parquet_path)

    types = con.execute("SELECT DISTINCT data_type FROM information_schema.columns "
                        "WHERE table_name = 't' AND column_name <> '_row_id'").fetchall()
    assert types == [("VARCHAR",)]


def test_parquet_damaged(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("broken.parquet", b"PAR1" + bytes(100)))

    assert "broken.parquet could not be read as Parquet" in str(caught.value)
