"""CSV output: the BOM, RFC 4180 records and the formula-injection escape."""

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from conftest import COLUMNS
from hypothesis import given
from hypothesis import strategies as st
from output_readback import read_csv

from engine.output import write_relation
from engine.output.csv_writer import FORMULA_START, _starts_formula

FORMULA_CASES = [
    # (cell text, text the CSV must hold, why)
    ("=1+1", "'=1+1", "formula"),
    ("+998901234567", "'+998901234567", "phone read as a formula by Excel"),
    ("-2", "'-2", "minus starts a formula"),
    ("@x", "'@x", "at sign starts a function in Lotus-style input"),
    ("\tcmd", "'\tcmd", "leading tab"),
    ("\rcmd", "'\rcmd", "leading carriage return"),
    ("a=b", "a=b", "formula sign not at the start"),
    ("'=x", "'=x", "already starts with a quote"),
    (" =x", " =x", "leading space is not escaped"),
    ("007", "007", "leading zero text"),
    ("", "", "empty string"),
]


def write_cells(con, out_dir, cells):
    con.execute("CREATE TABLE cells (t VARCHAR)")
    con.executemany("INSERT INTO cells VALUES (?)", [(c,) for c in cells])
    path = out_dir / "cells.csv"
    write_relation(con, "cells", path, "csv")
    return path


def test_csv_starts_with_bom(con, out_dir):
    path = out_dir / "result.csv"
    write_relation(con, "result", path, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


def test_csv_records_end_with_crlf(con, out_dir):
    path = out_dir / "result.csv"
    write_relation(con, "result", path, "csv", columns=["f1_id"])
    assert path.read_bytes() == b'\xef\xbb\xbf"f1_id"\r\n"007"\r\n"0001234"\r\n"00"\r\n""\r\n"\'-"\r\n"0"\r\n'


def test_csv_header_has_columns(con, out_dir):
    path = out_dir / "result.csv"
    write_relation(con, "result", path, "csv")
    assert read_csv(path)[0] == list(COLUMNS)


@pytest.mark.parametrize(("cell", "expected", "why"), FORMULA_CASES)
def test_csv_formula_escape(con, out_dir, cell, expected, why):
    path = write_cells(con, out_dir, [cell])
    assert read_csv(path)[1] == [expected], why


def test_csv_null_and_empty_differ(con, out_dir):
    path = write_cells(con, out_dir, [None, ""])
    assert path.read_bytes().endswith(b'"t"\r\n\r\n""\r\n')


def test_csv_numbers_not_escaped(con, out_dir):
    con.execute("CREATE TABLE scores AS SELECT -2.5::DOUBLE AS confidence_score, -7::INTEGER AS pair_id")
    path = out_dir / "scores.csv"
    write_relation(con, "scores", path, "csv")
    assert read_csv(path)[1] == ["-2.5", "-7"]


def test_csv_header_escaped(con, out_dir):
    con.execute('CREATE TABLE odd AS SELECT 1 AS "=cmd", 2 AS "plain"')
    path = out_dir / "odd.csv"
    write_relation(con, "odd", path, "csv")
    assert read_csv(path)[0] == ["'=cmd", "plain"]


def test_csv_quotes_and_newlines_kept(con, out_dir):
    cells = ['say "hi"', "two\nlines", "crlf\r\ninside", "comma, here", "Ўзбек ғ ҳ қ"]
    path = write_cells(con, out_dir, cells)
    assert [r[0] for r in read_csv(path)[1:]] == cells


# Formula characters among letters of one, two and three bytes in UTF-8.
FORMULA_ALPHABET = st.sampled_from(list("=+-@\t\r a1éЖ€"))


@given(st.lists(st.one_of(st.none(), st.text(FORMULA_ALPHABET, max_size=6)), max_size=30),
       st.integers(0, 5),
       st.booleans())
def test_formula_check_agrees_with_regex(values, start, large):
    array = pa.array(values, pa.large_string() if large else pa.string()).slice(start)
    by_regex = bool(pc.any(pc.match_substring_regex(array, FORMULA_START)).as_py())

    assert _starts_formula(array) == by_regex
