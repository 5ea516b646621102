"""Random text written as CSV either loads or raises IngestError, never anything else."""

import csv
import io

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from engine.db import connect
from engine.ingest import IngestError, load_table

FUZZ_SETTINGS = settings(max_examples=60, deadline=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture])

names = st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True), min_size=1, max_size=4,
                 unique_by=str.casefold)


@st.composite
def tables(draw):
    header = draw(names)
    cells = st.lists(st.text(max_size=10), min_size=len(header), max_size=len(header))
    return header, draw(st.lists(cells, min_size=1, max_size=6))


@FUZZ_SETTINGS
@given(text=st.text(max_size=300))
def test_random_text(tmp_path, text):
    _load_or_reject(tmp_path, text.encode("utf-8"))


@FUZZ_SETTINGS
@given(table=tables(), delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_random_table(tmp_path, table, delimiter, encoding):
    header, rows = table
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])

    loaded = _load_or_reject(tmp_path, buffer.getvalue().encode(encoding))

    # Compare values only when ingest saw the dialect that was written.
    compared = bool(loaded) and loaded[0].delimiter == delimiter and loaded[0].column_names == header
    event(f"values compared: {compared}")
    if compared:
        expected = [[cell or None for cell in row] for row in rows]
        assert loaded[1] == expected


def _load_or_reject(tmp_path, content: bytes):
    path = tmp_path / "random.csv"
    path.write_bytes(content)
    con = connect()
    try:
        report = load_table(con, path, "t", work_dir=tmp_path / "work")
        values = con.execute("SELECT * EXCLUDE (_row_id) FROM t ORDER BY _row_id").fetchall()
        assert len(values) == report.rows
        return report, [list(record) for record in values]
    except IngestError as exc:
        assert exc.report.errors
        assert not exc.report.valid
        return None
    finally:
        con.close()
