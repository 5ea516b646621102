"""Random text written as CSV either loads or raises IngestError, never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.db import connect
from engine.ingest import IngestError, load_table

cells = st.text(max_size=12)
rows = st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_random_text(tmp_path, text):
    _load_or_reject(tmp_path, text.encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=rows, delimiter=st.sampled_from([",", ";", "\t", "|"]), encoding=st.sampled_from(
    ["utf-8", "utf-16", "utf-8-sig"]))
def test_random_rows(tmp_path, table, delimiter, encoding):
    text = "\n".join(delimiter.join(row) for row in table)
    _load_or_reject(tmp_path, text.encode(encoding))


def _load_or_reject(tmp_path, content: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(content)
    con = connect()
    try:
        report = load_table(con, path, "t", work_dir=tmp_path / "work")
        assert report.valid
        assert con.execute("SELECT count(*) FROM t").fetchone() == (report.rows,)
    except IngestError as exc:
        assert exc.report.errors
        assert not exc.report.valid
    finally:
        con.close()
