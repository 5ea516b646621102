"""load_table and inspect_file: detect a file's format, load it as text, and report on it."""

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from engine.db import connect, quote_ident
from engine.errors import Message
from engine.ingest.arrow_table import create_table, records_to_arrow, rows_to_arrow
from engine.ingest.columns import clean_column_names, header_problem
from engine.ingest.csv_loader import load_csv
from engine.ingest.dialect import read_header
from engine.ingest.encoding import TextEncoding, utf8_copy
from engine.ingest.json_loader import read_json_records
from engine.ingest.parquet_loader import read_parquet_table
from engine.ingest.report import FileRejected, IngestError, IngestReport
from engine.ingest.scripts_report import column_scripts, script_warnings
from engine.ingest.sniff import DetectedFormat, detect_format
from engine.ingest.summary import column_warnings, count_values, preview
from engine.ingest.xlsx_loader import read_xlsx_rows

logger = logging.getLogger(__name__)


@dataclass
class LoadState:
    """Facts found about a file so far, which a failure reports alongside its errors."""

    file_name: str
    work_dir: Path
    file_type: str = "unknown"
    encoding: str | None = None
    delimiter: str | None = None
    column_names: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_table(con: duckdb.DuckDBPyConnection, path: Path, table: str, *, work_dir: Path,
               preview_rows: int = 5, display_name: str | None = None) -> IngestReport:
    """Create `table` with the file's columns as VARCHAR, in file order, after `_row_id`.

    `_row_id` (BIGINT) is the 1-based record number in file order. `table` is a name the engine
    chose; `display_name` is the file name used in messages (default: the name of `path`).
    Non-UTF-8 text is transcoded into a temporary file in `work_dir` that is deleted afterwards.
    Raises IngestError, carrying the report, when the file cannot be used; no table is left then.
    """
    if _table_exists(con, table):
        raise ValueError(f"Table {table!r} already exists in this DuckDB database. Drop it first "
                         "or load the file under another table name.")

    state = LoadState(display_name or Path(path).name, Path(work_dir))
    try:
        detected = detect_format(Path(path), state.file_name)
        state.file_type = detected.file_type
        LOADERS[detected.file_type](con, Path(path), table, detected, state)
        report = _summarize(con, table, state, preview_rows)
    except FileRejected as exc:
        logger.info("ingest rejected a %s file for table %s: %d problems",
                    state.file_type, table, len(exc.problems))
        raise IngestError(_failed_report(state, exc.problems)) from exc

    logger.info("ingest loaded table %s from a %s file: %d rows, %d columns, encoding %s",
                table, report.file_type, report.rows, report.columns, report.encoding)
    return report


def inspect_file(path: Path, *, preview_rows: int = 5, display_name: str | None = None) -> IngestReport:
    """Validate a file and preview it in a temporary in-memory DuckDB.

    Problems with the content go into the report's errors instead of being raised.
    """
    con = connect()
    try:
        with tempfile.TemporaryDirectory(prefix="moslik-ingest-") as work_dir:
            return load_table(con, Path(path), "inspected_file", work_dir=Path(work_dir),
                              preview_rows=preview_rows, display_name=display_name)
    except IngestError as exc:
        return exc.report
    finally:
        con.close()


def csv_columns(path: Path) -> list[str] | None:
    """Return the column names load_table would give a CSV file, read from its header alone.

    Returns None for other formats and for files that load_table would reject, so that the
    load itself reports the problem.
    """
    try:
        detected = detect_format(Path(path), Path(path).name)
    except FileRejected:
        return None
    if detected.file_type != "csv":
        return None
    header = read_header(detected.text, detected.delimiter)
    if header_problem(header, Path(path).name):
        return None
    return clean_column_names(header, Path(path).name)[0]


def _table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    # DuckDB table names are case-insensitive, so "People" exists when "people" does.
    found = con.execute("SELECT count(*) FROM information_schema.tables "
                        "WHERE lower(table_name) = lower(?)", [table]).fetchall()
    return found[0][0] > 0


def _load_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str, detected: DetectedFormat,
              state: LoadState) -> None:
    source, encoding = utf8_copy(path, detected.encoding, state.work_dir, state.file_name)
    _note_encoding(state, encoding)
    state.delimiter = detected.delimiter
    try:
        names = _header_names(read_header(detected.text, detected.delimiter), state)
        load_csv(con, source, table, detected.delimiter, names, state.file_name)
    finally:
        if source != path:
            source.unlink(missing_ok=True)


def _load_json(con: duckdb.DuckDBPyConnection, path: Path, table: str, detected: DetectedFormat,
               state: LoadState) -> None:
    source, encoding = utf8_copy(path, detected.encoding, state.work_dir, state.file_name)
    _note_encoding(state, encoding)
    try:
        text = source.read_text(encoding="utf-8-sig")
    finally:
        if source != path:
            source.unlink(missing_ok=True)

    records, shape_warnings = read_json_records(text, state.file_name)
    del text
    state.warnings.extend(shape_warnings)
    no_columns = (f"{state.file_name}: the JSON records have no fields. Give each record at least "
                  "one name and value.")
    _create_from_arrow(con, table, records_to_arrow(records), state, no_columns)


def _load_xlsx(con: duckdb.DuckDBPyConnection, path: Path, table: str, detected: DetectedFormat,
               state: LoadState) -> None:
    header, rows = read_xlsx_rows(path, state.file_name)
    names = _header_names(header, state)
    create_table(con, table, rows_to_arrow(names, rows), names)


def _load_parquet(con: duckdb.DuckDBPyConnection, path: Path, table: str, detected: DetectedFormat,
                  state: LoadState) -> None:
    no_columns = (f"{state.file_name}: the Parquet file has no columns. Write it again with the "
                  "columns to match.")
    _create_from_arrow(con, table, read_parquet_table(path, state.file_name), state, no_columns)


LOADERS = {"csv": _load_csv, "json": _load_json, "xlsx": _load_xlsx, "parquet": _load_parquet}


def _create_from_arrow(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table,
                       state: LoadState, no_columns: str) -> None:
    if data.num_columns == 0:
        raise FileRejected(no_columns)
    names, renames = clean_column_names(data.column_names, state.file_name)
    _set_columns(state, names, renames)
    create_table(con, table, data, names)


def _note_encoding(state: LoadState, encoding: TextEncoding) -> None:
    state.encoding = encoding.name
    if encoding.guessed:
        state.warnings.append(
            f"{state.file_name}: the encoding was guessed as {encoding.name} because the file has "
            "no byte order mark and is not UTF-8. If letters look wrong in the preview or the "
            "results, save the file as UTF-8 and use that copy.")


def _header_names(header: list[str], state: LoadState) -> list[str]:
    problem = header_problem(header, state.file_name)
    if problem:
        raise FileRejected(problem)
    names, renames = clean_column_names(header, state.file_name)
    _set_columns(state, names, renames)
    return names


def _set_columns(state: LoadState, names: list[str], renames: list[str]) -> None:
    state.column_names = names
    state.warnings.extend(renames)


def _summarize(con: duckdb.DuckDBPyConnection, table: str, state: LoadState,
               preview_rows: int) -> IngestReport:
    rows, filled = count_values(con, table, state.column_names)
    if rows == 0:
        con.execute(f"DROP TABLE IF EXISTS {quote_ident(table)}")
        raise FileRejected(Message(f"{state.file_name} has a header but no records, so there is nothing "
                                   "to match. Add at least one record below the header.",
                                   "input.no_records", {"name": state.file_name}))

    scripts = column_scripts(con, table, state.column_names)
    warnings = (state.warnings + column_warnings(state.column_names, rows, filled, state.file_name)
                + script_warnings(scripts, state.file_name))
    return IngestReport(
        file_name=state.file_name, file_type=state.file_type, encoding=state.encoding,
        delimiter=state.delimiter, rows=rows, columns=len(state.column_names),
        column_names=state.column_names, valid=True, errors=[], warnings=warnings,
        preview=preview(con, table, state.column_names, preview_rows), column_scripts=scripts)


def _failed_report(state: LoadState, errors: list[str]) -> IngestReport:
    return IngestReport(
        file_name=state.file_name, file_type=state.file_type, encoding=state.encoding,
        delimiter=state.delimiter, rows=0, columns=len(state.column_names),
        column_names=state.column_names, valid=False, errors=errors, warnings=state.warnings,
        preview=[])
