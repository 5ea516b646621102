"""Excel output: one worksheet written row by row with xlsxwriter in constant_memory mode.

Text cells go through write_string, which stores the value as a string and never as a
number or a formula, so "007", "+998901234567" and "=1+1" stay text in Excel. Numeric
columns are written as numbers, and NULL, NaN and infinity as a blank cell, as in the JSON
output. Other types (dates, times) are written as their text form.
"""

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from engine.output.errors import OutputError
from engine.output.source import Source, is_text, python_slices

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

# Excel's sheet size: 1,048,576 rows (one is the header) and 16,384 columns.
MAX_DATA_ROWS = 1_048_575
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767
SHEET_NAME = "results"
MAX_EXACT_INTEGER = 2**53

CellWriter = Callable[[int, int, object], int]


def write_xlsx(source: Source, target: Path, batch_rows: int) -> int:
    """Write the rows of `source` to `target` as one worksheet; return the number of rows.

    Raises OutputError before writing when the rows or columns do not fit one sheet.
    """
    _check_sheet_size(source)
    # Imported here: it took 40 ms of every command's start, and few jobs write Excel.
    import xlsxwriter

    # use_zip64 lets Python's zipfile add ZIP64 records, which it does only for parts over 4 GB.
    workbook = xlsxwriter.Workbook(str(target), {
        "constant_memory": True, "use_zip64": True,
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    try:
        rows = _write_sheet(workbook.add_worksheet(SHEET_NAME), source, batch_rows)
    finally:
        workbook.close()
    return rows


def _check_sheet_size(source: Source) -> None:
    if len(source.columns) > MAX_COLUMNS:
        raise OutputError(f"The result has {len(source.columns):,} columns but an Excel sheet "
                          f"allows at most {MAX_COLUMNS:,}: choose csv or parquet as output_format.")

    rows = source.count_rows()
    if rows > MAX_DATA_ROWS:
        raise OutputError(f"The result has {rows:,} rows but an Excel sheet allows at most "
                          f"{MAX_DATA_ROWS:,} below its header: choose csv or parquet as "
                          "output_format.")


def _write_sheet(sheet: "Worksheet", source: Source, batch_rows: int) -> int:
    for column, name in enumerate(source.columns):
        sheet.write_string(0, column, name)

    rows = 0
    with source.open_reader(batch_rows) as reader:
        writers = [_cell_writer(sheet, field, source.columns[i]) for i, field in enumerate(reader.schema)]
        for batch in reader:
            for part in python_slices(batch):
                _write_batch(part, writers, first_row=rows + 1)
                rows += part.num_rows
    return rows


def _write_batch(batch: pa.RecordBatch, writers: list[CellWriter], first_row: int) -> None:
    """Write a batch row by row, because constant_memory mode flushes each row as it moves on."""
    columns = [column.to_pylist() for column in batch.columns]
    for offset in range(batch.num_rows):
        row = first_row + offset
        for column, (values, write) in enumerate(zip(columns, writers, strict=True)):
            value = values[offset]
            if value is not None:
                write(row, column, value)


def _cell_writer(sheet: "Worksheet", field: pa.Field, name: str) -> CellWriter:
    kind = field.type
    if is_text(field):
        return _string_writer(sheet, name)
    if pa.types.is_boolean(kind):
        return sheet.write_boolean
    if pa.types.is_integer(kind):
        return _integer_writer(sheet)
    if pa.types.is_floating(kind):
        return _float_writer(sheet)
    if pa.types.is_decimal(kind):
        return lambda row, column, value: sheet.write_number(row, column, float(value))
    text_writer = _string_writer(sheet, name)
    return lambda row, column, value: text_writer(row, column, str(value))


def _integer_writer(sheet: "Worksheet") -> CellWriter:
    """Write integers as numbers, except those Excel's doubles cannot hold exactly, as text."""
    def write(row: int, column: int, value: int) -> int:
        if abs(value) > MAX_EXACT_INTEGER:
            return sheet.write_string(row, column, str(value))
        return sheet.write_number(row, column, value)
    return write


def _float_writer(sheet: "Worksheet") -> CellWriter:
    def write(row: int, column: int, value: float) -> int:
        return sheet.write_number(row, column, value) if math.isfinite(value) else 0
    return write


def _string_writer(sheet: "Worksheet", name: str) -> CellWriter:
    def write(row: int, column: int, value: str) -> int:
        if sheet.write_string(row, column, value) == -2:
            raise OutputError(f"Column {name!r}, data row {row:,} is {len(value):,} characters long, "
                              f"more than the {MAX_CELL_CHARS:,} UTF-16 code units an Excel cell "
                              "allows: choose csv or parquet as output_format to keep the whole value.")
        return 0
    return write
