"""CSV and TSV loading with DuckDB's read_csv, every column as VARCHAR."""

import logging
import re
import uuid
from pathlib import Path

import duckdb

from engine.db import quote_ident, sql_text
from engine.ingest.report import FileRejected

logger = logging.getLogger(__name__)

MAX_REPORTED_LINES = 5
# DuckDB's words for a file its CSV reader cannot follow, and the plain words shown instead.
PLAIN_WORDING = {"The CSV Parser state machine reached an invalid state":
                 "its rows do not keep to one CSV layout (line breaks, quotes or delimiters)"}

def load_csv(con: duckdb.DuckDBPyConnection, source: Path, table: str, delimiter: str,
             names: list[str], file_name: str) -> None:
    """Create `table` from the UTF-8 CSV file `source` with the given column names.

    Raises FileRejected listing the first rows that do not fit the header, with line numbers.
    """
    columns = {name: "VARCHAR" for name in names}
    try:
        con.execute(sql_text("ingest_read_csv").format(table=quote_ident(table)),
                    [str(source), delimiter, columns])
    except duckdb.Error as exc:
        logger.debug("read_csv failed: %s", exc)
        raise _rejection(con, source, delimiter, columns, file_name, exc) from exc
    con.execute(sql_text("ingest_number_rows").format(table=quote_ident(table)))


def _rejection(con: duckdb.DuckDBPyConnection, source: Path, delimiter: str,
               columns: dict[str, str], file_name: str, error: duckdb.Error) -> FileRejected:
    """Return the FileRejected for a file read_csv failed on: its rows that break the dialect,
    read again with DuckDB's rejects tables, or else the error itself."""
    # Random names, so the cleanup below cannot drop a table of the caller's.
    suffix = uuid.uuid4().hex
    scratch = f"ingest_scratch_{suffix}"
    rejects_table, rejects_scan = f"ingest_rejects_{suffix}", f"ingest_reject_scans_{suffix}"
    try:
        con.execute(sql_text("ingest_read_csv_rejects").format(table=quote_ident(scratch)),
                    [str(source), delimiter, columns, rejects_table, rejects_scan])
        rejects = con.execute(sql_text("ingest_csv_rejects").format(
            rejects=quote_ident(rejects_table))).fetchall()
    except duckdb.Error as exc:
        logger.debug("read_csv with rejects failed: %s", exc)
        rejects = []
    finally:
        for name in (scratch, rejects_table, rejects_scan):
            con.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")

    if rejects:
        return FileRejected(*_reject_messages(rejects, len(columns), delimiter, file_name))
    return FileRejected(f"{file_name} could not be read as CSV: {_first_line(error)}. Check that "
                        "it is delimited text with one kind of line break, and save it again as "
                        "CSV (UTF-8).")


def _first_line(exc: Exception) -> str:
    """Return the first line of DuckDB's error, without its error class ("Invalid Input Error: ")
    and with its parser wording in plain words."""
    first = str(exc).strip().splitlines()[0]
    line = re.sub(r"^[A-Za-z ]+ Error: ", "", first).rstrip(".")
    return PLAIN_WORDING.get(line, line)


def _field_counts(detail: str | None, field_count: int) -> str:
    """Say how many fields the row has against the header, from DuckDB's "... Found: 3"."""
    found = re.search(r"Found: (\d+)", detail or "")
    if found is None:
        return f"does not have the {field_count} fields of the header"
    return f"has {found.group(1)} fields where the header has {field_count}"


def _reject_messages(rejects: list[tuple], field_count: int, delimiter: str,
                     file_name: str) -> list[str]:
    # DuckDB reports a short row once per missing field ("Found: 3", "Found: 4", ...). The
    # first report of a line has the row's real field count.
    first_of_line = {}
    for reject in rejects:
        first_of_line.setdefault(reject[0], reject)
    rejects = list(first_of_line.values())
    messages = []
    for line, error_type, column, detail in rejects[:MAX_REPORTED_LINES]:
        if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
            messages.append(
                f"{file_name}, line {line}: the row {_field_counts(detail, field_count)}. Fix the "
                f"row, or quote values that contain {delimiter!r}.")
        elif error_type == "UNQUOTED VALUE":
            messages.append(
                f"{file_name}, line {line}, field {column}: a quote is not closed or is followed by "
                'other text. Close the quote, or double each " inside a quoted value.')
        elif error_type == "LINE SIZE OVER MAXIMUM":
            messages.append(
                f"{file_name}, line {line}: the line is too long ({detail.rstrip('.')}). Check that "
                "the file is delimited text with line breaks, or split the long value.")
        else:
            where = f"line {line}" if column is None else f"line {line}, field {column}"
            messages.append(f"{file_name}, {where}: {detail.rstrip('.')}. Fix that row and try again.")
    if len(rejects) > MAX_REPORTED_LINES:
        messages.append(f"{file_name}: {len(rejects) - MAX_REPORTED_LINES} more rows have the "
                        "same kinds of problems.")
    return messages
