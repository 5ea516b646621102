"""The mapping page offers the `date` fuzzy method, with a label and help in both languages."""

import json

import pytest

from engine.config import parse_config
from tests.ui.conftest import logged_in, sample_upload, texts
from ui.i18n import LANGUAGES, catalogue
from ui.mapping_state import (
    FUZZY_METHODS,
    config_body,
    default_options,
    new_row,
    state_from_body,
)


def _method_box(at, row_id: str):
    """Return the fuzzy method selectbox of one mapping row, whatever language suffix its key has."""
    prefix = f"opt_m_{row_id}_fuzzy_method"
    return next(box for box in at.selectbox if box.key and box.key.startswith(prefix))


@pytest.mark.parametrize("language", LANGUAGES)
def test_method_labels_in_catalogue(language):
    known = catalogue(language)
    assert sorted(m for m in FUZZY_METHODS if f"fuzzy_method.{m}" not in known) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_method_help_names_date(language):
    assert "YYYYMMDD" in catalogue(language)["mapping.fuzzy_method_help"]


def test_date_method_round_trip():
    row = new_row("born", "birth_date", fuzzy_method="date")
    body = config_body([row], default_options(["born"], ["birth_date"]))
    config = parse_config(json.loads(json.dumps(body)))
    rows, _ = state_from_body(config)
    assert rows[0]["fuzzy_method"] == "date"


def test_mapping_page_date_method(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    row_id = at.session_state["mappings"][0]["id"]
    box = _method_box(at, row_id)
    assert "date" in box.options or catalogue("en")["fuzzy_method.date"] in box.options

    box.set_value("date")
    at.run()
    assert not at.exception
    assert at.session_state["mappings"][0]["fuzzy_method"] == "date"
    assert "The mapping is valid" in texts(at)
    assert "YYYYMMDD" in _method_box(at, row_id).help
