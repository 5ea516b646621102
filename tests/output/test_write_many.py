"""Several results written at once: the same files as one at a time, and errors that surface."""

import pytest
from output_readback import leftover_files
from test_write_atomic import FAIL_AT_ROW, FAILING_VIEW

from engine.output import EXTENSIONS, Target, write_relation, write_relations


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_parallel_files_equal_sequential(con, out_dir, fmt):
    con.execute("CREATE VIEW wide AS SELECT i, 'row ' || i AS note FROM range(250000) AS t(i)")
    relations = ["result", "wide", "empty"]
    for name in relations:
        write_relation(con, name, out_dir / f"one_{name}{EXTENSIONS[fmt]}", fmt)

    written = {}
    targets = [Target(name, out_dir / f"many_{name}{EXTENSIONS[fmt]}") for name in relations]
    write_relations(con, targets, fmt, threads=2,
                    on_written=lambda target, rows: written.update({target.relation: rows}))

    assert written == {"result": 6, "wide": 250_000, "empty": 0}
    for name in relations:
        expected = (out_dir / f"one_{name}{EXTENSIONS[fmt]}").read_bytes()
        assert (out_dir / f"many_{name}{EXTENSIONS[fmt]}").read_bytes() == expected


def test_chosen_columns_are_written(con, out_dir):
    target = Target("result", out_dir / "two.csv", ["pair_id", "f1_name"])
    write_relations(con, [target], "csv", threads=2, on_written=lambda *_: None)

    header = target.path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == '"pair_id","f1_name"'


def test_failing_write_raises_and_leaves_no_partial_file(con, out_dir):
    con.execute(FAILING_VIEW)
    targets = [Target("failing", out_dir / "failing.csv"), Target("result", out_dir / "result.csv")]

    with pytest.raises(OSError, match=f"forced failure at row {FAIL_AT_ROW}"):
        write_relations(con, targets, "csv", threads=2, on_written=lambda *_: None)

    assert "failing.csv" not in leftover_files(out_dir)
    assert not [name for name in leftover_files(out_dir) if name.startswith(".")]


def test_unknown_column_names_the_column(con, out_dir):
    targets = [Target("result", out_dir / "result.csv", ["no_such_column"])]

    with pytest.raises(ValueError, match="no_such_column"):
        write_relations(con, targets, "csv", threads=1, on_written=lambda *_: None)
