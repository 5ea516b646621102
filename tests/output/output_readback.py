"""Readers that load a written output file back with each format's usual library."""

import csv
import json
import re
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# OOXML text escapes a character as _xHHHH_ (ECMA-376 Part 1, ST_Xstring), as xlsxwriter does
# for control characters and for a literal "_x" sequence. Excel decodes it; openpyxl does not.
XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def csv_expected(value: object) -> str:
    """Return the CSV text a spreadsheet-safe writer must produce for one text value."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def read_json(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def read_csv(path: Path) -> list[list[str]]:
    """Return every record, header first, as the csv module parses it."""
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def read_xlsx(path: Path) -> list[tuple]:
    """Return every row of the first sheet, header first, with text decoded as Excel shows it."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return [tuple(_decode_xstring(value) for value in row) for row in rows]
    finally:
        workbook.close()


def _decode_xstring(value: object) -> object:
    if not isinstance(value, str):
        return value
    return XSTRING_ESCAPE.sub(lambda match: chr(int(match[1], 16)), value)


def read_parquet(path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def leftover_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
