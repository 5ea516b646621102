"""Lookup structures that make result pages and searches fast on large jobs.

A page joins its 50 rows to the inputs and to `pairs`. Without an index DuckDB scans the
whole table for them; with an ART index on the row id it finds them directly. A search looks
for the text in each record's output columns, kept once per record in `search_<side>`, then
takes the result rows of the records found, instead of building every result row's text.
"""

from engine.config import ProcessingConfig
from engine.db import quote_ident, run_sql, scalar


def build_lookups(con, config: ProcessingConfig, columns1: list[str], columns2: list[str]) -> None:
    """Create the row-id indexes and the per-record search text of a finished job."""
    for side, own in ((1, config.output_cols1 or columns1), (2, config.output_cols2 or columns2)):
        text = ", ".join(f"CAST({quote_ident(c)} AS VARCHAR)" for c in own)
        run_sql(con, "search_text", side=side, columns=text)
    run_sql(con, "lookup_indexes")


def add_lookups(con) -> None:
    """Build the lookups of a finished job that was run without them, as the command line runs.

    `con` is a writable connection to the job's database.
    """
    config = ProcessingConfig.model_validate_json(
        scalar(con, "SELECT value FROM job_meta WHERE key = 'config'"))
    columns = [[name for name in con.sql(f"SELECT * FROM input_{side} LIMIT 0").columns
                if name != "_row_id"] for side in (1, 2)]
    build_lookups(con, config, *columns)


def has_lookups(con) -> bool:
    """Tell whether the job has lookups; jobs made before them take the full-view path."""
    found = con.execute("SELECT count(*) FROM duckdb_tables() "
                        "WHERE table_name IN ('search_1', 'search_2')").fetchall()[0][0]
    return found == 2
