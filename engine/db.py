"""DuckDB connections opened for untrusted input, and the SQL files the engine runs."""

import logging
import time
from functools import cache
from pathlib import Path

import duckdb

logger = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


def connect(path: Path | str = ":memory:", *, threads: int | None = None,
            memory_limit_mb: int | None = None) -> duckdb.DuckDBPyConnection:
    """Open DuckDB with extension auto-install and auto-load off.

    Nothing is downloaded at run time: a file that would need an extension fails instead.
    """
    config = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_unsigned_extensions": False,
    }
    if threads:
        config["threads"] = threads
    if memory_limit_mb:
        config["memory_limit"] = f"{memory_limit_mb}MB"
    return duckdb.connect(str(path), config=config)


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


def run_sql(con: duckdb.DuckDBPyConnection, name: str, params: dict | list | None = None,
            **fields: str):
    """Run `sql/<name>.sql` with bound parameters.

    `fields` fill `{placeholders}` in the file with identifiers or expressions the engine built
    itself (quoted column names, generated score columns), never with user values.
    """
    text = sql_text(name).format(**fields) if fields else sql_text(name)
    started = time.perf_counter()
    try:
        result = con.execute(text, params) if params is not None else con.execute(text)
    except duckdb.Error as exc:
        raise RuntimeError(f"SQL step {name!r} failed: {exc}\n{text}") from exc
    logger.debug("sql %s took %.3f s", name, time.perf_counter() - started)
    return result
