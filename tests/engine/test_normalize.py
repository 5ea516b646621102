import re
import unicodedata

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.config import Mapping
from engine.normalize import ASCII_FORMS, punctuation_or_digits, run_steps, steps_for

DEFAULT = Mapping(file1_col="a", file2_col="b")

CASES = [
    ("spaces trimmed and collapsed", "  Bekzod   Aliyev ", "bekzod aliyev"),
    ("apostrophes dropped inside words", "Kattaqo'rg'on", "kattaqorgon"),
    ("modifier-letter apostrophe dropped", "Qoʻqon", "qoqon"),
    ("accent removed", "José", "jose"),
    ("decomposed accent removed", unicodedata.normalize("NFD", "José"), "jose"),
    ("phone keeps its digits", "+998 90 123-45-67", "998901234567"),
    ("leading zeros kept", "007", "007"),
    ("email punctuation to spaces", "John.Smith@Example.com", "john smith example com"),
    ("empty becomes missing", "   ", None),
    ("cyrillic kept and lowered", "Қодиров", "қодиров"),
    ("full-width folded by NFKC", "ＡＢＣ", "abc"),
]


@pytest.mark.parametrize("description,value,expected", CASES, ids=[c[0] for c in CASES])
def test_default_steps(description, value, expected):
    result = run_steps(pa.array([value]), steps_for(DEFAULT)).to_pylist()
    assert result == [expected]


def test_case_sensitive_keeps_case():
    mapping = Mapping(file1_col="a", file2_col="b", case_sensitive=True)
    assert run_steps(pa.array(["Aliyev"]), steps_for(mapping)).to_pylist() == ["Aliyev"]


def test_without_normalization_keeps_value():
    mapping = Mapping(file1_col="a", file2_col="b", use_normalization=False)
    values = pa.array(["  Qo'qon ", "", None])
    assert run_steps(values, steps_for(mapping)).to_pylist() == ["  Qo'qon ", None, None]


def test_composed_and_decomposed_agree():
    composed = unicodedata.normalize("NFC", "Renée Ørsted")
    decomposed = unicodedata.normalize("NFD", "Renée Ørsted")
    result = run_steps(pa.array([composed, decomposed]), steps_for(DEFAULT)).to_pylist()
    assert result[0] == result[1]


@given(st.lists(st.one_of(st.none(), st.text()), max_size=20))
def test_steps_keep_length_and_nulls(values):
    result = run_steps(pa.array(values, pa.string()), steps_for(DEFAULT)).to_pylist()
    assert len(result) == len(values)
    assert all(r is None for v, r in zip(values, result) if v is None)


@given(st.text())
def test_steps_idempotent(value):
    once = run_steps(pa.array([value]), steps_for(DEFAULT))
    twice = run_steps(once, steps_for(DEFAULT))
    assert twice.to_pylist() == once.to_pylist()


def test_threads_give_the_same_values():
    values = pa.array([f" José  O'Brien-{i} " if i % 3 else None for i in range(60_001)], pa.string())
    assert run_steps(values, steps_for(DEFAULT), threads=3) == run_steps(values, steps_for(DEFAULT))


def _two_passes(value: str | None) -> str | None:
    """The punctuation pass and then the digits pass, each over every value, as a reference
    for the alphabet below, where ʻ (U+02BB) is a letter and -+(),.' are punctuation."""
    if value is None:
        return None
    spaced = re.sub(r"[-+(),.'\s]+", " ", value).strip()
    return spaced if re.search("[abЖʻ]", spaced) else re.sub(r"\D+", "", spaced)


@given(st.lists(st.one_of(st.none(), st.text(alphabet="ab12 -+(),.'ʻЖ\t", max_size=12))))
def test_punctuation_or_digits_equals_two_passes(values):
    result = punctuation_or_digits(pa.array(values, pa.string())).to_pylist()
    assert result == [_two_passes(value) for value in values]


def _each_step(values: pa.Array, steps) -> pa.Array:
    """The steps' own functions one after the other, with no ASCII forms: the reference."""
    for step in steps:
        values = step(values)
    return values


ASCII_VALUES = st.lists(st.none() | st.text(alphabet=st.characters(max_codepoint=127), max_size=14),
                        max_size=30)


@given(ASCII_VALUES)
def test_ascii_forms_match_the_steps(values):
    array = pa.array(values, pa.string())
    assert run_steps(array, steps_for(DEFAULT)).to_pylist() == _each_step(array, steps_for(DEFAULT)).to_pylist()


@given(st.lists(st.sampled_from(["+998 (90) 123-45-67", "J.Smith@mail.uz", "O'Brien", "07.03.1985",
                                 "Qoʻqon", "AB 1234567", "", None, "12/31/1999", "José"]),
                max_size=12))
def test_mixed_arrays_match_the_steps(values):
    array = pa.array(values, pa.string())
    assert run_steps(array, steps_for(DEFAULT)).to_pylist() == _each_step(array, steps_for(DEFAULT)).to_pylist()


def test_ascii_forms_leave_values_ascii():
    array = pa.array(["+998 (90) 123-45-67", "O'Brien d`Arc", "A.B@C.UZ", None, "  "])
    for step, ascii_form in ASCII_FORMS.items():
        assert all(value is None or value.isascii() for value in ascii_form(array).to_pylist()), step
