import pyarrow as pa
import pytest

from engine.text import STEPS, arrow_step, to_latin


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
