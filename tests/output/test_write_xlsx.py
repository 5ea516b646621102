"""Excel output: text stays text, no formulas, and the sheet-size guards."""

import openpyxl
import pytest
from output_readback import leftover_files, read_xlsx

from engine.output import OutputError, write_relation

EXCEL_MAX_DATA_ROWS = 1_048_575


def cell_types(path):
    workbook = openpyxl.load_workbook(path)
    try:
        sheet = workbook.worksheets[0]
        return {cell.coordinate: (cell.value, cell.data_type) for row in sheet.iter_rows() for cell in row}
    finally:
        workbook.close()


def test_xlsx_text_cells_are_strings(con, out_dir):
    path = out_dir / "result.xlsx"
    write_relation(con, "result", path, "xlsx")
    cells = cell_types(path)

    assert cells["B2"] == ("007", "s")
    assert cells["C2"] == ("+998901234567", "s")
    assert cells["D2"] == ("=1+1", "s")
    assert cells["D3"] == ("-2", "s")
    assert cells["C6"] == ("=SUM(A1:A2)", "s")
    assert cells["F2"] == (95.5, "n")


def test_xlsx_has_no_formulas(con, out_dir):
    path = out_dir / "result.xlsx"
    write_relation(con, "result", path, "xlsx")
    assert [c for c, (_, kind) in cell_types(path).items() if kind == "f"] == []


def test_xlsx_null_is_blank(con, out_dir):
    path = out_dir / "result.xlsx"
    write_relation(con, "result", path, "xlsx")
    assert read_xlsx(path)[4][0] is None


def test_xlsx_too_many_rows(con, out_dir):
    con.execute(f"CREATE VIEW huge AS SELECT i::VARCHAR AS id FROM range({EXCEL_MAX_DATA_ROWS + 1}) AS t(i)")
    with pytest.raises(OutputError) as error:
        write_relation(con, "huge", out_dir / "huge.xlsx", "xlsx")

    assert "1,048,576 rows" in str(error.value)
    assert "csv or parquet" in str(error.value)
    assert leftover_files(out_dir) == []


def test_xlsx_cell_too_long(con, out_dir):
    con.execute("CREATE TABLE long_text AS SELECT repeat('я', 32768) AS note")
    with pytest.raises(OutputError) as error:
        write_relation(con, "long_text", out_dir / "long.xlsx", "xlsx")

    assert "'note'" in str(error.value)
    assert "32,767" in str(error.value)
    assert leftover_files(out_dir) == []


def test_xlsx_longest_cell_fits(con, out_dir):
    con.execute("CREATE TABLE long_text AS SELECT repeat('я', 32767) AS note")
    path = out_dir / "long.xlsx"
    write_relation(con, "long_text", path, "xlsx")
    assert read_xlsx(path)[1] == ("я" * 32767,)


def test_xlsx_dates_as_text(con, out_dir):
    con.execute("CREATE TABLE dated AS SELECT DATE '1990-01-02' AS birth_date, true AS flag")
    path = out_dir / "dated.xlsx"
    write_relation(con, "dated", path, "xlsx")
    assert read_xlsx(path)[1] == ("1990-01-02", True)
