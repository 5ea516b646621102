"""Row counts, column warnings and the preview of a loaded table."""

import duckdb

from engine.db import quote_ident

MOSTLY_NULL_SHARE = 0.9
MAX_PREVIEW_ROWS = 1000


def count_values(con: duckdb.DuckDBPyConnection, table: str, names: list[str]) -> tuple[int, list[int]]:
    """Return the row count of `table` and the non-NULL count of each column in `names`."""
    counts = ", ".join(f"count({quote_ident(name)})" for name in names)
    # fetchall drains the result: DuckDB 2.0 rejects register() while a result is unfinished.
    row = con.execute(f"SELECT count(*), {counts} FROM {quote_ident(table)}").fetchall()[0]
    return row[0], list(row[1:])


def column_warnings(names: list[str], rows: int, filled: list[int], file_name: str) -> list[str]:
    """Warn about columns that are empty or more than 90% NULL."""
    warnings = []
    for name, count in zip(names, filled):
        if count == 0:
            warnings.append(f"{file_name}: column {name!r} is empty in every record, so it cannot "
                            "help matching. Leave it out of the mappings.")
        elif (rows - count) / rows > MOSTLY_NULL_SHARE:
            warnings.append(f"{file_name}: column {name!r} is empty in {rows - count} of {rows} "
                            "records (over 90%), so matches on it will be rare.")
    return warnings


def preview(con: duckdb.DuckDBPyConnection, table: str, names: list[str],
            rows: int) -> list[dict[str, str | None]]:
    """Return the first `rows` records (at most 1,000) as dicts of column name to text."""
    limit = max(0, min(rows, MAX_PREVIEW_ROWS))
    selected = ", ".join(quote_ident(name) for name in names)
    # In _row_id order without a sort, as in scripts_report.column_scripts.
    records = con.execute(f"SELECT {selected} FROM {quote_ident(table)} LIMIT ?", [limit]).fetchall()
    return [dict(zip(names, record)) for record in records]
