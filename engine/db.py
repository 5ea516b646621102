"""DuckDB connections opened for untrusted input, and the SQL files the engine runs."""

import logging
import time
from functools import cache
from pathlib import Path

import duckdb

logger = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
# DuckDB groups with a perfect hash (an array indexed by the key) when the key's range fits in
# this many bits. Its default of 12 covers 4,096 row ids, and 20 covers a million records per
# file. Finding the best candidates of 991,375 pairs took 17 ms instead of 32 ms per file.
PERFECT_HASH_BITS = 20


def connect(path: Path | str = ":memory:", *, threads: int | None = None,
            memory_limit_mb: int | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open DuckDB with extension auto-install and auto-load off.

    Nothing is downloaded at run time: a file that would need an extension fails instead.
    """
    config = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_unsigned_extensions": False,
        "perfect_ht_threshold": PERFECT_HASH_BITS,
    }
    if threads:
        config["threads"] = threads
    if memory_limit_mb:
        config["memory_limit"] = f"{memory_limit_mb}MB"
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    # DuckDB 2.0 draws a progress bar on stdout during long queries, even when piped. It is a
    # session setting, so it cannot go in the config above.
    con.execute("SET enable_progress_bar = false")
    return con


def lock_down(con: duckdb.DuckDBPyConnection, allowed_dirs: list[Path]) -> None:
    """Limit file access to `allowed_dirs` and freeze the configuration.

    Called once the inputs are loaded, so that no later SQL, whatever a value in it holds,
    can read or write outside the job's own directories.
    """
    dirs = [str(Path(d).resolve()) + "/" for d in allowed_dirs]
    con.execute("SET allowed_directories = ?", [dirs])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def quote_ident(name: str) -> str:
    """Quote a column or table name for DuckDB; callers check it against known columns first."""
    return '"' + name.replace('"', '""') + '"'


@cache
def sql_text(name: str) -> str:
    """Return the text of `sql/<name>.sql`."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run_sql(con: duckdb.DuckDBPyConnection, sql_name: str, params: dict | None = None,
            **fields: str):
    """Run the statements of `sql/<name>.sql` with bound named parameters.

    `fields` fill `{placeholders}` in the file with identifiers or expressions the engine built
    itself (generated table and score column names, quoted column names), never with user
    values. DuckDB binds parameters only in the last statement of a multi-statement string, so
    each statement runs on its own with the parameters it names. Returns the last result.
    """
    text = sql_text(sql_name).format(**fields) if fields else sql_text(sql_name)
    started = time.perf_counter()
    result = None
    for statement in _statements(text):
        used = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
        try:
            result = con.execute(statement, used) if used else con.execute(statement)
        except duckdb.Error as exc:
            raise RuntimeError(f"SQL step {sql_name!r} failed: {exc}\n{statement}") from exc
    logger.debug("sql %s took %.3f s", sql_name, time.perf_counter() - started)
    return result


def _statements(text: str) -> list[str]:
    """Split a SQL file on semicolons that end a line; the engine's files put one there."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    parts = "\n".join(lines).split(";\n")
    return [part.strip().rstrip(";") for part in parts if part.strip().rstrip(";").strip()]


def drop_tables(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """Drop working tables (engine-made names) as soon as no later step reads them.

    They are temporary tables held in memory, so dropping them early lowers the peak.
    """
    for name in names:
        con.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list | dict | None = None):
    """Run a query that returns one value and return it.

    fetchall() rather than fetchone(): DuckDB 2.0 keeps a result open until it is read to the
    end and refuses other work on the connection meanwhile.
    """
    rows = con.execute(query, params).fetchall() if params else con.execute(query).fetchall()
    return rows[0][0] if rows else None
