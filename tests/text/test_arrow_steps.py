import string

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.text import STEPS, arrow_step, clean_text, cleanup, to_latin
from engine.text.arrow_steps import PLAIN_ASCII

PLAIN_ALPHABET = "".join(c for c in string.printable if c.isprintable() and c not in " '`")
plain_words = st.lists(st.text(alphabet=PLAIN_ALPHABET, min_size=1, max_size=8), min_size=1,
                       max_size=4).map(" ".join)


def test_arrow_step_keeps_nulls_and_order():
    values = pa.array(["Каримов", None, "G'ulomov", "Каримов", ""])

    result = STEPS["to_latin"](values)

    assert result.to_pylist() == ["Karimov", None, "Gʻulomov", "Karimov", ""]


def test_arrow_step_once_per_distinct():
    calls = []

    def recording_to_latin(value: str) -> str:
        calls.append(value)
        return to_latin(value)

    values = pa.array(["Каримов", "Каримов", None, "Алишер", "Каримов"])

    arrow_step(recording_to_latin)(values)

    assert sorted(calls) == ["Алишер", "Каримов"]


def test_arrow_step_chunked_input():
    values = pa.chunked_array([["Ўктам"], [None, "Ғулом"]])

    result = STEPS["phonetic_key"](values)

    assert result.to_pylist() == ["uktam", None, "gulam"]


def test_arrow_step_large_string_type():
    values = pa.array(["İLHOM"], type=pa.large_string())

    result = STEPS["fold_case"](values)

    assert result.type == pa.large_string()
    assert result.to_pylist() == ["ilhom"]


def test_arrow_step_empty_and_all_null():
    assert STEPS["clean"](pa.array([], type=pa.string())).to_pylist() == []
    assert STEPS["clean"](pa.array([None, None], type=pa.string())).to_pylist() == [None, None]


def test_arrow_step_rejects_numbers():
    with pytest.raises(TypeError, match="expected string or large_string"):
        STEPS["clean"](pa.array([1, 2]))


def test_steps_names():
    assert set(STEPS) == {"clean", "to_latin", "fold_case", "phonetic_key"}


@given(plain_words)
def test_plain_ascii_values_stay_unchanged(value):
    assert pc.match_substring_regex(pa.array([value]), PLAIN_ASCII)[0].as_py()
    assert clean_text(value) == value
    assert to_latin(value) == value


@given(st.lists(st.one_of(plain_words, st.text(max_size=12), st.none()), max_size=12))
def test_plain_ascii_shortcut_equals_calls(values):
    array = pa.array(values, pa.string())

    for name, fn in (("clean", clean_text), ("to_latin", to_latin)):
        expected = [None if value is None else fn(value) for value in values]
        assert STEPS[name](array).to_pylist() == expected


def test_plain_ascii_excludes_apostrophes():
    values = pa.array(["o'g'il", "a`b", " lead", "two  spaces", "tab\tx", "+998 90 123"])

    assert pc.match_substring_regex(values, PLAIN_ASCII).to_pylist() == [
        False, False, False, False, False, True]


@given(st.text(alphabet=PLAIN_ALPHABET, min_size=1, max_size=12))
def test_plain_tokens_are_clean_latin(token):
    # One pass of cleaning keeps a plain token, and converting returns an ASCII token as it
    # is after cleaning, so both shortcuts give what the full work would.
    assert cleanup._clean_once(token) == token
    assert token.isascii()
