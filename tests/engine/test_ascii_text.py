import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given
from hypothesis import strategies as st

from engine.ascii_text import (
    all_ascii,
    any_space,
    digits_only,
    drop_apostrophes,
    has_letter,
    last_digits_number,
    punctuation_to_spaces,
)

# Every ASCII character, control characters and \v included, with None for missing values.
VALUES = st.lists(st.none() | st.text(alphabet=st.characters(max_codepoint=127), max_size=12),
                  max_size=30)


def _array(values, skip):
    # A slice, so that arrays with an offset are covered too.
    return pa.array(["x", *values], pa.string()).slice(1 + min(skip, len(values)))


@given(VALUES, st.integers(0, 3))
def test_digits_only_matches_regex(values, skip):
    array = _array(values, skip)
    assert digits_only(array).to_pylist() == pc.replace_substring_regex(array, r"\D+", "").to_pylist()


@given(st.lists(st.text(alphabet="0123456789", min_size=7, max_size=15), max_size=30),
       st.integers(0, 3))
def test_last_digits_number_matches_cast(values, skip):
    array = _array(values, skip)
    expected = pc.cast(pc.utf8_slice_codeunits(array, -7), pa.int64())
    assert last_digits_number(array, 7).tolist() == expected.to_pylist()


@given(st.lists(st.none() | st.text(alphabet="a б\u3000😀", max_size=6), max_size=20),
       st.integers(0, 3))
def test_any_space_matches_substring(values, skip):
    # Non-ASCII letters and the ideographic space U+3000 must not count as " ".
    array = _array(values, skip)
    # pc.any gives None for an array without values.
    assert any_space(array) == bool(pc.any(pc.match_substring(array, " ")).as_py())


@given(VALUES, st.integers(0, 3))
def test_punctuation_to_spaces_matches_regex(values, skip):
    array = _array(values, skip)
    expected = pc.utf8_trim_whitespace(pc.replace_substring_regex(array, r"[\p{P}\p{S}\s]+", " "))
    assert punctuation_to_spaces(array).to_pylist() == expected.to_pylist()


def test_examples():
    array = pa.array(["+998 (90) 123-45-67", None, "", "a.b@c-d.uz", " -x- "])
    assert digits_only(array).to_pylist() == ["998901234567", None, "", "", ""]
    assert punctuation_to_spaces(array).to_pylist() == ["998 90 123 45 67", None, "", "a b c d uz", "x"]


@given(VALUES, st.integers(0, 3))
def test_has_letter_matches_regex(values, skip):
    array = _array(values, skip)
    expected = pc.fill_null(pc.match_substring_regex(array, r"\pL"), False)
    assert has_letter(array).to_pylist() == expected.to_pylist()


@given(VALUES, st.integers(0, 3))
def test_drop_apostrophes_matches_regex(values, skip):
    array = _array(values, skip)
    assert drop_apostrophes(array).to_pylist() == pc.replace_substring_regex(array, "['`]", "").to_pylist()


@given(st.lists(st.none() | st.text(max_size=8), max_size=20), st.integers(0, 3))
def test_all_ascii_matches_string_is_ascii(values, skip):
    array = _array(values, skip)
    expected = all(value is None or value.isascii() for value in array.to_pylist())
    assert all_ascii(array) == expected


def test_apostrophe_examples():
    array = pa.array(["O'Brien", None, "", "d`Arc", "plain"])
    assert drop_apostrophes(array).to_pylist() == ["OBrien", None, "", "dArc", "plain"]
    assert has_letter(array).to_pylist() == [True, False, False, True, True]
    assert all_ascii(pa.array(["abc", "Qoʻqon"])) is False
