import duckdb
import pytest

from engine.db import connect, lock_down, quote_ident, run_sql


def test_locked_connection_reads_only_allowed_dirs(tmp_path):
    allowed = tmp_path / "job"
    allowed.mkdir()
    (allowed / "ok.csv").write_text("a\n1\n")
    con = connect(tmp_path / "job" / "x.duckdb")
    lock_down(con, [allowed])

    assert con.execute("SELECT * FROM read_csv(?)", [str(allowed / "ok.csv")]).fetchall() == [(1,)]
    with pytest.raises(duckdb.Error):
        con.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()
    with pytest.raises(duckdb.Error):
        con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'outside.csv'}'")
    assert not (tmp_path / "outside.csv").exists()


def test_locked_configuration_cannot_be_reopened(tmp_path):
    con = connect()
    lock_down(con, [tmp_path])
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        con.execute("SET allowed_directories = ['/']")


def test_extensions_never_autoload():
    con = connect()
    settings = dict(con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%extensions'").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


@pytest.mark.parametrize("name", ['plain', 'with "quote"', "semi; DROP TABLE t; --", ""])
def test_quote_ident_round_trips(name):
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({quote_ident(name or 'x')} VARCHAR)")
    assert [d[0] for d in con.execute("SELECT * FROM t").description] == [name or "x"]


def test_run_sql_binds_parameters_per_statement():
    con = duckdb.connect()
    con.execute("CREATE TABLE scored AS SELECT * FROM (VALUES (1, 2, 90.0, 9000), (3, 4, 50.0, 5000)) "
                "t(r1, r2, score, score_rank)")
    run_sql(con, "decisions_create")
    run_sql(con, "selection_pool", {"low": 60})
    assert con.execute("SELECT r1 FROM pool").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM chosen").fetchall() == [(0,)]
