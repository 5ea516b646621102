"""Fixtures for ingest tests: a real DuckDB file and a loader that returns what was stored."""

from pathlib import Path

import pytest

from engine.db import connect
from engine.ingest import IngestReport, load_table

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
REPO = Path(__file__).resolve().parents[2]
FEBRL4_DIR = REPO / "tests" / "data" / "febrl4"


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "ingest.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def load(con, tmp_path):
    """Load a file into table `t` and return (report, records ordered by _row_id)."""

    def load_file(path: Path, **options) -> tuple[IngestReport, list[dict]]:
        report = load_table(con, path, "t", work_dir=tmp_path / "work", **options)
        cursor = con.execute("SELECT * FROM t ORDER BY _row_id")
        names = [column[0] for column in cursor.description]
        return report, [dict(zip(names, record)) for record in cursor.fetchall()]

    return load_file


@pytest.fixture
def write(tmp_path):
    """Write bytes or text (as UTF-8) to a file in tmp_path and return its path."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write_file
