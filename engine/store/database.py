"""The SQLite metadata database: connections in WAL mode and the named queries in `sql/`."""

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"
_NAME_LINE = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


@cache
def query(file: str, name: str) -> str:
    """Return the statement headed `-- name: <name>` in `sql/<file>.sql`."""
    text = (SQL_DIR / f"{file}.sql").read_text(encoding="utf-8")
    parts = _NAME_LINE.split(text)
    statements = dict(zip(parts[1::2], parts[2::2], strict=True))
    if name not in statements:
        raise KeyError(f"no query named {name!r} in sql/{file}.sql; known: {sorted(statements)}")
    return statements[name].strip()


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 text with a `Z` suffix, to the microsecond."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Columns added after the first release of the schema, for databases created before them.
ADDED_COLUMNS = (
    ("users", "password_changed_at", "INTEGER NOT NULL DEFAULT 0"),
    ("jobs", "runner_pid", "INTEGER"),
)


def _add_missing_columns(con: sqlite3.Connection) -> None:
    for table, column, declaration in ADDED_COLUMNS:
        present = {row["name"] for row in con.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")


class Database:
    """One SQLite file used by several processes at once (API, workers, Streamlit).

    WAL mode lets readers run while one writer commits; `busy_timeout` makes a writer wait for
    another instead of failing at once.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
            _add_missing_columns(con)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """Open a connection, commit on success, roll back on error, and close it."""
        con = sqlite3.connect(self.path, timeout=30)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA busy_timeout = 30000")
        try:
            with con:
                yield con
        finally:
            con.close()

    def journal_mode(self) -> str:
        with self.connect() as con:
            return con.execute("PRAGMA journal_mode").fetchone()[0]
