"""A failed write leaves neither a partial file nor a temporary file behind."""

import pytest
from conftest import ROWS
from output_readback import leftover_files

from engine.db import lock_down
from engine.output import EXTENSIONS, FORMATS, write_relation

FAIL_AT_ROW = 150_000

FAILING_VIEW = f"""
CREATE VIEW failing AS
SELECT lpad(i::VARCHAR, 7, '0') AS id,
       CASE WHEN i < {FAIL_AT_ROW} THEN 'ok' ELSE error('forced failure at row ' || i) END AS note
FROM range({FAIL_AT_ROW + 1000}) AS t(i)
"""


def rows_before_failure(con, batch_rows):
    """Count the rows DuckDB streams before the failing view raises."""
    rows = 0
    reader = con.sql("SELECT * FROM failing").to_arrow_reader(batch_rows)
    try:
        for batch in reader:
            rows += batch.num_rows
    except OSError:
        return rows
    finally:
        reader.close()
    raise AssertionError("the failing view did not raise")


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_mid_stream_leaves_nothing(con, out_dir, fmt):
    con.execute(FAILING_VIEW)
    assert rows_before_failure(con, 1000) > 0, "the error must come after some batches were written"

    with pytest.raises(OSError, match="forced failure"):
        write_relation(con, "failing", out_dir / f"failing{EXTENSIONS[fmt]}", fmt, batch_rows=1000)
    assert leftover_files(out_dir) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_keeps_previous_file(con, out_dir, fmt):
    con.execute(FAILING_VIEW)
    path = out_dir / f"result{EXTENSIONS[fmt]}"
    path.write_bytes(b"previous result")

    with pytest.raises(OSError, match="forced failure"):
        write_relation(con, "failing", path, fmt, batch_rows=1000)
    assert path.read_bytes() == b"previous result"
    assert leftover_files(out_dir) == [path.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_column_rejected(con, out_dir, fmt):
    with pytest.raises(ValueError, match=r"\['no_such_column'\] not found in 'result'"):
        write_relation(con, "result", out_dir / f"r{EXTENSIONS[fmt]}", fmt,
                       columns=["f1_id", "no_such_column"])
    assert leftover_files(out_dir) == []


def test_repeated_column_rejected(con, out_dir):
    with pytest.raises(ValueError, match=r"\['f1_id'\] are listed more than once"):
        write_relation(con, "result", out_dir / "r.json", "json", columns=["f1_id", "f1_id"])


def test_empty_column_list_rejected(con, out_dir):
    with pytest.raises(ValueError, match="No columns to write"):
        write_relation(con, "result", out_dir / "r.json", "json", columns=[])


def test_unknown_format_rejected(con, out_dir):
    with pytest.raises(ValueError, match=r"'xml' is not supported; use one of \['json', 'csv', 'xlsx', 'parquet'\]"):
        write_relation(con, "result", out_dir / "r.xml", "xml")
    assert leftover_files(out_dir) == []


def test_missing_folder_rejected(con, out_dir):
    with pytest.raises(FileNotFoundError, match="Output folder .*missing' not found"):
        write_relation(con, "result", out_dir / "missing" / "r.json", "json")
    assert leftover_files(out_dir) == []


def test_zero_batch_rows_rejected(con, out_dir):
    with pytest.raises(ValueError, match="batch_rows is 0"):
        write_relation(con, "result", out_dir / "r.json", "json", batch_rows=0)


def test_success_replaces_previous_file(con, out_dir):
    path = out_dir / "result.json"
    path.write_text("stale", encoding="utf-8")
    write_relation(con, "result", path, "json")
    assert path.read_text(encoding="utf-8").startswith("[\n{")
    assert leftover_files(out_dir) == ["result.json"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_locked_connection_writes(con, out_dir, fmt, tmp_path):
    # The writers write from Python, so DuckDB's own file access may exclude the output folder.
    lock_down(con, [tmp_path / "inputs"])
    path = out_dir / f"result{EXTENSIONS[fmt]}"
    assert write_relation(con, "result", path, fmt) == len(ROWS)
    assert leftover_files(out_dir) == [path.name]


def test_connection_usable_after_failure(con, out_dir):
    con.execute(FAILING_VIEW)
    with pytest.raises(OSError, match="forced failure"):
        write_relation(con, "failing", out_dir / "failing.csv", "csv", batch_rows=1000)
    assert con.execute("SELECT count(*) FROM result").fetchall() == [(6,)]
