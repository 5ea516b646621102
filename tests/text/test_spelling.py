import pytest

from engine.text.spelling import standardize_spelling

CASES = [
    ("given name variant", "ibragim", "ibrohim"),
    ("surname built on a variant", "ibragimov", "ibrohimov"),
    ("female surname", "ibragimova", "ibrohimova"),
    ("standard form unchanged", "temur", "temur"),
    ("unknown name unchanged", "karimov alisher", "karimov alisher"),
    ("each token on its own", "ibragimov timur", "ibrohimov temur"),
    ("token with digits unchanged", "ibragim1990", "ibragim1990"),
    ("email unchanged", "ibragim@mail.uz", "ibragim@mail.uz"),
    ("name beside a number", "ibragim 1990", "ibrohim 1990"),
]


@pytest.mark.parametrize("description,value,expected", CASES, ids=[c[0] for c in CASES])
def test_standardize_spelling(description, value, expected):
    assert standardize_spelling(value) == expected
