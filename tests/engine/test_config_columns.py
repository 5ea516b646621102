"""Column names checked together with the config's other problems."""

import pytest

from engine.config import parse_config, parse_config_for
from engine.errors import ConfigError

COLUMNS = (["name", "city"], ["full_name", "town"])


def problems_of(body) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        parse_config_for(body, *COLUMNS)
    return list(raised.value.problems)


def test_valid_body_passes():
    config = parse_config_for({"mappings": [{"file1_col": "name", "file2_col": "full_name"}]}, *COLUMNS)
    assert config.mappings[0].file2_col == "full_name"


def test_missing_column_alone():
    assert problems_of({"mappings": [{"file1_col": "nam", "file2_col": "full_name"}]}) == [
        "mappings[0].file1_col: column 'nam' is not in file 1; its columns are 'name', 'city'"]


def test_missing_columns_listed_with_other_problems():
    problems = problems_of({"mappings": [{"file1_col": "nam", "file2_col": "full_name", "weight": 0}],
                            "output_cols2": ["town", "mail"], "threshold": 150})
    assert any(p.startswith("mappings[0].weight") for p in problems)
    assert any(p.startswith("threshold") for p in problems)
    assert any(p.startswith("mappings[0].file1_col: column 'nam'") for p in problems)
    assert any(p.startswith("output_cols2: column 'mail'") for p in problems)


@pytest.mark.parametrize("body", [
    {"mappings": "name=full_name"},
    {"mappings": [["name", "full_name"]]},
    {"mappings": [{"file1_col": 7, "file2_col": None}]},
    {"mappings": [{"file1_col": "name", "file2_col": "full_name"}], "output_cols1": "name"},
    {"mappings": [{"file1_col": "name", "file2_col": "full_name"}], "output_cols1": [3, "nope"]},
])
def test_wrong_shapes_reported_without_crash(body):
    assert problems_of(body)


def test_field_flagged_once():
    problems = problems_of({"mappings": [{"file1_col": "", "file2_col": "full_name"}]})
    assert len([p for p in problems if p.startswith("mappings[0].file1_col")]) == 1


@pytest.mark.parametrize("config, expected", [
    ({"treshold": 80}, "treshold: unknown field; did you mean 'threshold'? Otherwise remove it"),
    ({"performance": {"chunksize": 5}},
     "performance.chunksize: unknown field; did you mean 'chunk_size'? Otherwise remove it"),
    ({"colour": 1}, "colour: unknown field; remove it or check its spelling"),
])
def test_unknown_field_suggests_close_name(config, expected):
    with pytest.raises(ConfigError) as caught:
        parse_config({"mappings": [{"file1_col": "a", "file2_col": "a"}], **config})
    assert expected in str(caught.value)


@pytest.mark.parametrize("score", [-1, 101])
def test_missing_value_score_range(score):
    with pytest.raises(ConfigError) as caught:
        parse_config({"mappings": [{"file1_col": "a", "file2_col": "a"}],
                      "missing_value_score": score})
    assert "missing_value_score" in str(caught.value)
