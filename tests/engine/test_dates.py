import pytest

from engine.dates import canonical_date

CASES = [
    ("ISO", "1979-03-02", "19790302"),
    ("dotted day first", "02.03.1979", "19790302"),
    ("slashed without zeros", "2/3/1979", "19790302"),
    ("month first when the day cannot be a month", "12/31/1999", "19991231"),
    ("year first with slashes", "1979/3/2", "19790302"),
    ("phone digits untouched", "998901234567", "998901234567"),
    ("not a date", "45.13.2000", "45.13.2000"),
    ("day the month does not have", "31.02.1985", "19850231"),
    ("the same day written year first", "1985-02-31", "19850231"),
    ("text untouched", "Alisher", "Alisher"),
]


@pytest.mark.parametrize("description,value,expected", CASES, ids=[c[0] for c in CASES])
def test_canonical_date(description, value, expected):
    assert canonical_date(value) == expected
