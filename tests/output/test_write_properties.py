"""Random text survives a CSV or JSON round trip, the CSV formula escape aside."""

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from output_readback import csv_expected, read_csv, read_json

from engine.db import connect
from engine.output import write_relation

# Surrogates cannot be encoded as UTF-8, so hypothesis' default text excludes them too.
cells = st.lists(st.one_of(st.none(), st.text(max_size=40)), min_size=1, max_size=20)
TRICKY = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", "ʻ", "Ў", "\x00", " "])
tricky_cells = st.lists(st.text(alphabet=TRICKY, max_size=6), min_size=1, max_size=20)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("properties")
    connection = connect(folder / "job.duckdb", threads=1)
    yield connection, folder
    connection.close()


def load_cells(con: duckdb.DuckDBPyConnection, values: list[str | None]) -> None:
    con.execute("CREATE OR REPLACE TABLE cells (position INTEGER, t VARCHAR)")
    con.executemany("INSERT INTO cells VALUES (?, ?)", list(enumerate(values)))
    con.execute("CREATE OR REPLACE VIEW ordered AS SELECT position, t FROM cells ORDER BY position")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.one_of(cells, tricky_cells))
def test_csv_random_text(workspace, values):
    con, folder = workspace
    load_cells(con, values)
    path = folder / "cells.csv"
    write_relation(con, "ordered", path, "csv")
    assert [r[1] for r in read_csv(path)[1:]] == [csv_expected(v) for v in values]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.one_of(cells, tricky_cells))
def test_json_random_text(workspace, values):
    con, folder = workspace
    load_cells(con, values)
    path = folder / "cells.json"
    write_relation(con, "ordered", path, "json")
    assert [r["t"] for r in read_json(path)] == values
