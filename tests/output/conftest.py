"""A real DuckDB file with result rows that break naive writers: scripts, quotes, formulas."""

from pathlib import Path

import duckdb
import pytest

from engine.db import connect

COLUMNS = ("f1_name", "f1_id", "f1_phone", "f2_note", "f2_address", "confidence_score",
           "name_score", "pair_id")

CREATE_SQL = """
CREATE TABLE result (
    f1_name VARCHAR, f1_id VARCHAR, f1_phone VARCHAR, f2_note VARCHAR, f2_address VARCHAR,
    confidence_score DOUBLE, name_score DOUBLE, pair_id INTEGER
)
"""

ROWS = [
    ("Иванов Пётр Сергеевич", "007", "+998901234567", "=1+1", "Тошкент, Навоий кўчаси", 95.5, 100.0, 1),
    ("Gʻulomov Oʻktam", "0001234", "+998 90 123-45-67", "-2", "Samarqand", 80.25, 66.7, 2),
    ('O\'Brien "Jr"', "00", "@x", "\tcmd", "line one\nline two", 0.0, 0.0, 3),
    (None, "", None, "\rcarriage", 'comma, semicolon; "quote"', -3.5, None, None),
    ("+1", "-", "=SUM(A1:A2)", "@", "crlf\r\nend", None, 12.0, 5),
    ("Ўзбекистон", "0", "a=b", "x-1 _x0041_", "", 100.0, 99.99, 2147483647),
]


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(tmp_path / "job.duckdb", threads=1)
    connection.execute(CREATE_SQL)
    connection.executemany(f"INSERT INTO result VALUES ({', '.join('?' * len(COLUMNS))})", ROWS)
    connection.execute("CREATE TABLE empty AS SELECT * FROM result WHERE false")
    yield connection
    connection.close()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
