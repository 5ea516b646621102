"""XLSX reading with python-calamine: the first sheet, each cell as text."""

import datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from engine.ingest.report import FileRejected


def read_xlsx_rows(path: Path, file_name: str) -> tuple[list[str], list[list[str | None]]]:
    """Return the header and the records of the first sheet, every cell as text or None.

    Rows whose cells are all empty are left out, and so are trailing columns with no header
    and no values.
    """
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        grid = workbook.get_sheet_by_index(0).to_python(skip_empty_area=True)
    except (CalamineError, ValueError, IndexError) as exc:
        raise FileRejected(f"{file_name} could not be read as an XLSX workbook: {exc}. Open it in "
                            "Excel, save it again as .xlsx and use that copy.") from exc

    rows = [[cell_text(cell) for cell in row] for row in grid]
    rows = [row for row in rows if any(cell is not None for cell in row)]
    if not rows:
        raise FileRejected(f"{file_name}: the first sheet is empty. Put the column names in its "
                            "first row and the records below them.")

    width = _used_width(rows)
    header = [cell or "" for cell in rows[0][:width]]
    return header, [row[:width] for row in rows[1:]]


def _used_width(rows: list[list[str | None]]) -> int:
    width = max(len(row) for row in rows)
    while width > 1 and all(len(row) < width or row[width - 1] is None for row in rows):
        width -= 1
    return width


def cell_text(value: Any) -> str | None:
    """Return the text of one calamine cell value.

    A text cell keeps its exact text. A number cell is stored as a float, so 7 typed as a number
    reads back as "7" and 2.5 as "2.5". Leading zeros that only a number format shows are lost.
    Dates use ISO 8601, booleans are "true" and "false", and an empty cell is None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)
