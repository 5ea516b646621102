"""Each format read back with its usual library equals the rows in DuckDB."""

import math

import pyarrow.parquet as pq
import pytest
from conftest import COLUMNS, ROWS
from output_readback import csv_expected, read_csv, read_json, read_parquet, read_xlsx

from engine.output import EXTENSIONS, FORMATS, MEDIA_TYPES, write_relation
from engine.output.source import PYTHON_SLICE_ROWS

TEXT_COLUMNS = COLUMNS[:5]


def write(con, out_dir, fmt, relation="result", **options):
    path = out_dir / f"{relation}{EXTENSIONS[fmt]}"
    rows = write_relation(con, relation, path, fmt, **options)
    return path, rows


def test_formats_tables_cover_every_format():
    assert set(EXTENSIONS) == set(FORMATS)
    assert set(MEDIA_TYPES) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_returns_row_count(con, out_dir, fmt):
    _, rows = write(con, out_dir, fmt)
    assert rows == len(ROWS)


def test_json_round_trip(con, out_dir):
    path, _ = write(con, out_dir, "json")
    expected = [dict(zip(COLUMNS, row, strict=True)) for row in ROWS]
    assert read_json(path) == expected


def test_csv_round_trip(con, out_dir):
    path, _ = write(con, out_dir, "csv")
    records = read_csv(path)

    assert records[0] == list(COLUMNS)
    assert len(records) == len(ROWS) + 1
    for written, source in zip(records[1:], ROWS, strict=True):
        assert written[:5] == [csv_expected(v) for v in source[:5]]
        for cell, value in zip(written[5:], source[5:], strict=True):
            assert (cell == "") if value is None else (float(cell) == value)


def test_xlsx_round_trip(con, out_dir):
    path, _ = write(con, out_dir, "xlsx")
    sheet = read_xlsx(path)
    assert sheet[0] == COLUMNS
    assert sheet[1:] == ROWS


def test_parquet_round_trip(con, out_dir):
    path, _ = write(con, out_dir, "parquet")
    expected = [dict(zip(COLUMNS, row, strict=True)) for row in ROWS]
    assert read_parquet(path) == expected


def test_parquet_keeps_schema(con, out_dir):
    path, _ = write(con, out_dir, "parquet")
    schema = pq.read_schema(path)
    assert [str(schema.field(c).type) for c in TEXT_COLUMNS] == ["string"] * len(TEXT_COLUMNS)
    assert str(schema.field("confidence_score").type) == "double"
    assert str(schema.field("pair_id").type) == "int32"


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_pick_and_order(con, out_dir, fmt):
    chosen = ["confidence_score", "f1_id", "f1_name"]
    path, _ = write(con, out_dir, fmt, columns=chosen)
    expected = [(row[5], row[1], row[0]) for row in ROWS]

    if fmt == "json":
        assert [tuple(r.values()) for r in read_json(path)] == expected
        assert list(read_json(path)[0]) == chosen
    elif fmt == "parquet":
        assert [tuple(r.values()) for r in read_parquet(path)] == expected
    elif fmt == "xlsx":
        assert read_xlsx(path) == [tuple(chosen), *expected]
    else:
        records = read_csv(path)
        assert records[0] == chosen
        assert [r[1:] for r in records[1:]] == [[csv_expected(b), csv_expected(c)] for _, b, c in expected]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_relation(con, out_dir, fmt):
    path, rows = write(con, out_dir, fmt, relation="empty")
    assert rows == 0

    if fmt == "json":
        assert read_json(path) == []
    elif fmt == "csv":
        assert read_csv(path) == [list(COLUMNS)]
    elif fmt == "xlsx":
        assert read_xlsx(path) == [COLUMNS]
    else:
        assert read_parquet(path) == []
        assert pq.read_schema(path).names == list(COLUMNS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_batches_smaller_than_result(con, out_dir, fmt):
    con.execute("CREATE TABLE many AS SELECT lpad(i::VARCHAR, 6, '0') AS id, i / 4.0 AS score "
                "FROM range(2503) AS t(i)")
    path, rows = write(con, out_dir, fmt, relation="many", batch_rows=100)
    assert rows == 2503

    expected_ids = [f"{i:06d}" for i in range(2503)]
    if fmt == "json":
        assert [r["id"] for r in read_json(path)] == expected_ids
    elif fmt == "csv":
        assert [r[0] for r in read_csv(path)[1:]] == expected_ids
    elif fmt == "xlsx":
        assert [r[0] for r in read_xlsx(path)[1:]] == expected_ids
    else:
        assert [r["id"] for r in read_parquet(path)] == expected_ids


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_batch_larger_than_python_slice(con, out_dir, fmt):
    total = 2 * PYTHON_SLICE_ROWS + 3
    con.execute(f"CREATE TABLE many AS SELECT lpad(i::VARCHAR, 6, '0') AS id FROM range({total}) AS t(i)")
    path, rows = write(con, out_dir, fmt, relation="many")
    assert rows == total

    expected_ids = [f"{i:06d}" for i in range(total)]
    if fmt == "json":
        assert [r["id"] for r in read_json(path)] == expected_ids
    else:
        assert [r[0] for r in read_xlsx(path)[1:]] == expected_ids


def test_parquet_row_groups_batch_sized(con, out_dir):
    con.execute("CREATE TABLE many AS SELECT i AS id FROM range(2503) AS t(i)")
    path, _ = write(con, out_dir, "parquet", relation="many", batch_rows=100)
    metadata = pq.ParquetFile(path).metadata
    sizes = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]

    assert sum(sizes) == 2503
    assert all(size >= 100 for size in sizes[:-1])


def test_json_non_finite_is_null(con, out_dir):
    con.execute("CREATE TABLE odd AS SELECT * FROM (VALUES ('nan'::DOUBLE), ('inf'::DOUBLE), "
                "('-inf'::DOUBLE), (1.5)) AS v(score)")
    path, _ = write(con, out_dir, "json", relation="odd")
    assert read_json(path) == [{"score": None}, {"score": None}, {"score": None}, {"score": 1.5}]


def test_json_keeps_text_and_numbers(con, out_dir):
    path, _ = write(con, out_dir, "json")
    first = read_json(path)[0]
    assert first["f1_id"] == "007"
    assert first["f1_phone"] == "+998901234567"
    assert first["confidence_score"] == 95.5
    assert isinstance(first["pair_id"], int)


def test_json_keys_keep_column_names(con, out_dir):
    con.execute('CREATE TABLE odd AS SELECT 1 AS "f1_исм", 2 AS "say ""hi""", 3 AS "a.b"')
    path, _ = write(con, out_dir, "json", relation="odd")
    assert read_json(path) == [{"f1_исм": 1, 'say "hi"': 2, "a.b": 3}]


def test_json_writes_unescaped_utf8(con, out_dir):
    path, _ = write(con, out_dir, "json")
    raw = path.read_text(encoding="utf-8")
    assert "Иванов Пётр Сергеевич" in raw
    assert "Gʻulomov Oʻktam" in raw
    assert "\\u" not in raw


def test_xlsx_non_finite_is_blank(con, out_dir):
    con.execute("CREATE TABLE odd AS SELECT * FROM (VALUES ('a', 'nan'::DOUBLE), ('b', 'inf'::DOUBLE), "
                "('c', 2.5)) AS v(id, score)")
    path, _ = write(con, out_dir, "xlsx", relation="odd")
    assert read_xlsx(path)[1:] == [("a", None), ("b", None), ("c", 2.5)]


def test_xlsx_large_integer_exact(con, out_dir):
    con.execute("CREATE TABLE ids AS SELECT 9007199254740993::BIGINT AS pair_id, 42::BIGINT AS small")
    path, _ = write(con, out_dir, "xlsx", relation="ids")
    assert read_xlsx(path)[1] == ("9007199254740993", 42)


def test_csv_float_text_parses_back(con, out_dir):
    con.execute("CREATE TABLE floats AS SELECT * FROM (VALUES (0.1), (1e-7), (123456.789), (1e20)) AS v(x)")
    path, _ = write(con, out_dir, "csv", relation="floats")
    assert [float(r[0]) for r in read_csv(path)[1:]] == [0.1, 1e-7, 123456.789, 1e20]
    assert not any(math.isnan(float(r[0])) for r in read_csv(path)[1:])
