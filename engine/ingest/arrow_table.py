"""DuckDB tables created from Arrow tables of text."""

import uuid

import duckdb
import pyarrow as pa

from engine.db import quote_ident
from engine.ingest.columns import ROW_ID

CREATE_FROM_VIEW_SQL = "CREATE TABLE {table} AS SELECT * FROM {view}"


def records_to_arrow(records: list[dict[str, str | None]]) -> pa.Table:
    """Return a table of strings with one column per key, in order of first appearance."""
    columns: dict[str, None] = {}
    for keys in dict.fromkeys(tuple(record) for record in records):
        columns.update(dict.fromkeys(keys))
    arrays = [pa.array([record.get(name) for record in records], type=pa.string()) for name in columns]
    return pa.table(arrays, names=list(columns)) if arrays else pa.table({})


def rows_to_arrow(names: list[str], rows: list[list[str | None]]) -> pa.Table:
    """Return a table of strings from records given as lists; short records get None."""
    width = len(names)
    padded = [row + [None] * (width - len(row)) for row in rows]
    columns = list(zip(*padded)) if padded else [()] * width
    return pa.table([pa.array(values, type=pa.string()) for values in columns], names=names)


def create_table(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table, names: list[str]) -> None:
    """Create `table` from `data` with its columns renamed to `names` and `_row_id` first.

    `_row_id` is the 1-based position of each record in `data`.
    """
    data = data.rename_columns(names)
    row_ids = pa.array(range(1, data.num_rows + 1), type=pa.int64())
    data = data.add_column(0, ROW_ID, row_ids)

    view = f"ingest_arrow_{uuid.uuid4().hex}"
    con.register(view, data)
    try:
        con.execute(CREATE_FROM_VIEW_SQL.format(table=quote_ident(table), view=quote_ident(view)))
    finally:
        con.unregister(view)
