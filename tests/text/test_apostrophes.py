import pytest

from engine.text import clean_text

OKINA = "\u02bb"
TUTUQ = "\u02bc"

# Every character typed for the Uzbek apostrophes in registry data.
APOSTROPHES = [
    ("ASCII apostrophe", "'"),
    ("grave accent", "`"),
    ("acute accent", "\u00b4"),
    ("modifier prime", "\u02b9"),
    ("turned comma", "\u02bb"),
    ("modifier apostrophe", "\u02bc"),
    ("reversed comma", "\u02bd"),
    ("left single quote", "\u2018"),
    ("right single quote", "\u2019"),
    ("reversed single quote", "\u201b"),
    ("prime", "\u2032"),
    ("fullwidth apostrophe", "\uff07"),
]
IDS = [name for name, _ in APOSTROPHES]


@pytest.mark.parametrize(("name", "mark"), APOSTROPHES, ids=IDS)
def test_apostrophe_after_o_is_okina(name, mark):
    assert clean_text(f"O{mark}ktam To{mark}lqin") == f"O{OKINA}ktam To{OKINA}lqin"


@pytest.mark.parametrize(("name", "mark"), APOSTROPHES, ids=IDS)
def test_apostrophe_after_g_is_okina(name, mark):
    assert clean_text(f"G{mark}ulom Ulug{mark}bek") == f"G{OKINA}ulom Ulug{OKINA}bek"


@pytest.mark.parametrize(("name", "mark"), APOSTROPHES, ids=IDS)
def test_apostrophe_elsewhere_is_tutuq(name, mark):
    assert clean_text(f"Ne{mark}mat Ra{mark}no Is{mark}hoq") == f"Ne{TUTUQ}mat Ra{TUTUQ}no Is{TUTUQ}hoq"


CONTEXT_CASES = [
    ("apostrophe in Cyrillic word", "Не'матов", f"Не{TUTUQ}матов"),
    ("run of apostrophes", "O''ktam", f"O{OKINA}ktam"),
    ("initial with okina", "O'.G'.", f"O{OKINA}.G{OKINA}."),
    ("trailing quote dropped", "Alisher'", "Alisher"),
    ("leading quote dropped", "`Alisher", "Alisher"),
    ("okina at word end kept", "Ulug'", f"Ulug{OKINA}"),
    ("no apostrophe", "Karimov", "Karimov"),
    ("apostrophe alone", "'", ""),
]


@pytest.mark.parametrize(("case", "value", "expected"), CONTEXT_CASES, ids=[c[0] for c in CONTEXT_CASES])
def test_apostrophe_context_cases(case, value, expected):
    assert clean_text(value) == expected
