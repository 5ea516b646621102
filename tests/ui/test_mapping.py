"""Mapping page and suggestions: pairs from names and values, validation, JSON save and load."""

import json

import pytest

from engine.config import parse_config
from tests.ui.conftest import logged_in, sample_upload, texts
from ui.mapping_state import config_body, default_options, new_row, state_from_body
from ui.suggest import suggest_pairs

SUGGESTION_CASES = [
    # (description, file-1 samples, file-2 samples, expected pairs)
    ("same names", {"email": ["a@x.uz"]}, {"email": ["b@y.uz"]}, {("email", "email")}),
    ("synonyms", {"name": ["Ali Valiyev"]}, {"full_name": ["Vali Aliyev"]}, {("name", "full_name")}),
    ("emails by values", {"contact": ["ali@mail.uz", "vali@mail.uz", "soli@mail.uz"]},
     {"x1": ["12", "15", "40"], "x2": ["ali@mail.uz", "other@box.uz", "g@h.uz"]}, {("contact", "x2")}),
    ("phones by values", {"a": ["+998 90 123-45-67", "+998 91 765-43-21"]},
     {"b": ["Toshkent", "Samarqand"], "c": ["998901234567", "998931112233"]}, {("a", "c")}),
    ("nothing alike", {"colour": ["red", "blue"]}, {"year": ["1999", "2001"]}, set()),
    ("own row numbers", {"rec_id": ["rec-1-org", "rec-2-org"]}, {"rec_id": ["rec-7-dup", "rec-9-dup"]}, set()),
    ("shared record ids", {"id": ["A1", "A2", "A3"]}, {"ID": ["A3", "B4"]}, {("id", "ID")}),
    ("id against passport", {"id": ["1", "2"]}, {"passport": ["AA1234567", "AB7654321"]}, set()),
    ("row counters", {"№": ["1", "2", "3", "4"], "name": ["Ali Vali", "Aziz Karimov"]},
     {"№": ["1", "2", "3", "4"], "full_name": ["Vali Ali", "Karimov Aziz"]}, {("name", "full_name")}),
    ("counters by other names", {"No": ["1", "2", "3"]}, {"N": ["3", "1", "2"]}, set()),
    ("ages repeat", {"age": ["22", "31", "22", "40"]}, {"age": ["22", "40", "35", "31"]}, {("age", "age")}),
]


@pytest.mark.parametrize("description,samples1,samples2,expected", SUGGESTION_CASES,
                         ids=[case[0] for case in SUGGESTION_CASES])
def test_suggest_pairs(description, samples1, samples2, expected):
    found = {(s.file1_col, s.file2_col) for s in suggest_pairs(samples1, samples2)}
    assert found == expected


def test_suggest_email_exact():
    suggestion = suggest_pairs({"mail": ["a@b.uz", "c@d.uz"]}, {"pochta": ["a@b.uz", "e@f.uz"]})[0]
    assert suggestion.match_type == "exact"


def test_mapping_suggested_for_upload(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    assert not at.exception
    pairs = {(row["file1_col"], row["file2_col"]) for row in at.session_state["mappings"]}
    assert ("name", "full_name") in pairs
    assert ("email", "email") in pairs
    assert "The mapping is valid" in texts(at)


def test_mapping_low_above_threshold(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    at.slider(key="opt_threshold").set_value(70.0)
    at.checkbox(key="opt_custom_low").check()
    at.run()
    at.slider(key="opt_low_confidence_threshold").set_value(90.0)
    at.run()
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert "1 problem(s)" in errors
    problems = "\n".join(m.value for m in at.code)
    assert "low_confidence_threshold 90 is above threshold 70" in problems
    assert "mapping_next" not in [b.key for b in at.button]


def test_mapping_bad_output_name(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    at.text_input(key="opt_output_path").set_value("../escape")
    at.run()
    problems = "\n".join(m.value for m in at.code)
    assert "output_path: not a plain folder name" in problems
    assert "(got '../escape')" in problems


def test_mapping_remove_all(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    while at.session_state["mappings"]:
        row_id = at.session_state["mappings"][0]["id"]
        at.button(key=f"opt_m_{row_id}_remove").click()
        at.run()
    assert "at least one mapping is required" in "\n".join(m.value for m in at.code)


def test_mapping_json_round_trip():
    row = new_row("name", "full_name")
    row.update(uzbek=True, phonetic_rules=False, weight=2.0, fuzzy_threshold=70.0)
    options = default_options(["name", "city"], ["full_name"])
    options.update(custom_low=True, low_confidence_threshold=65.0, matching_type="one-to-many",
                   auto_weights=True)
    body = config_body([row], options)
    config = parse_config(json.loads(json.dumps(body)))
    assert config.auto_weights

    rows, options_back = state_from_body(config)
    again = config_body(rows, options_back)
    assert again == {**body, **config.model_dump(mode="json", include={"performance"})}
    assert again["mappings"][0]["uzbek_specific"] == {
        "script_conversion": True, "phonetic_rules": False, "common_variations": True}


def test_loaded_missing_value_score_kept():
    # A loaded config keeps its missing_value_score when the page saves it again.
    config = parse_config({"mappings": [{"file1_col": "name", "file2_col": "full_name"}],
                           "missing_value_score": 50})

    rows, options = state_from_body(config)

    assert config_body(rows, options)["missing_value_score"] == 50


def test_missing_score_slider_waits_for_checkbox(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    assert at.slider(key="opt_missing_value_score").disabled

    at.checkbox(key="opt_custom_missing").check()
    at.run()
    at.slider(key="opt_missing_value_score").set_value(40.0)
    at.run()

    assert not at.exception
    assert not at.slider(key="opt_missing_value_score").disabled
    config_json = "\n".join(m.value for m in at.code)
    assert '"missing_value_score": 40.0' in config_json


def test_mapping_load_json(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    body = {"mappings": [{"file1_col": "city", "file2_col": "city", "match_type": "exact"}],
            "threshold": 90, "output_format": "parquet"}
    at.file_uploader(key="mapping_load").upload("mine.json", json.dumps(body).encode(), "application/json")
    at.run()
    at.button(key="mapping_load_apply").click()
    at.run()
    assert not at.exception
    rows = at.session_state["mappings"]
    assert [(r["file1_col"], r["file2_col"], r["match_type"]) for r in rows] == [("city", "city", "exact")]
    assert at.session_state["mapping_options"]["output_format"] == "parquet"


def test_mapping_load_unknown_column(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    body = {"mappings": [{"file1_col": "surname", "file2_col": "city"}]}
    at.file_uploader(key="mapping_load").upload("mine.json", json.dumps(body).encode(), "application/json")
    at.run()
    at.button(key="mapping_load_apply").click()
    at.run()
    assert "was not used" in "\n".join(e.value for e in at.error)
    assert "column 'surname' is not in file 1" in "\n".join(m.value for m in at.code)


def test_mapping_without_upload(store):
    at = logged_in(page="mapping")
    at.run()
    assert "Upload two files first" in texts(at)


def test_uzbek_sub_options_shown_only_when_on(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    row_id = at.session_state["mappings"][0]["id"]
    prefix = f"opt_m_{row_id}_"
    sub_keys = {prefix + name for name in ("script_conversion", "phonetic_rules", "common_variations")}
    assert not sub_keys & {box.key for box in at.checkbox}

    at.checkbox(key=prefix + "uzbek").check()
    at.run()
    assert sub_keys <= {box.key for box in at.checkbox}
    at.checkbox(key=prefix + "phonetic_rules").uncheck()
    at.run()

    at.checkbox(key=prefix + "uzbek").uncheck()
    at.run()
    assert not sub_keys & {box.key for box in at.checkbox}
    at.checkbox(key=prefix + "uzbek").check()
    at.run()
    assert at.checkbox(key=prefix + "phonetic_rules").value is False
    assert at.checkbox(key=prefix + "script_conversion").value is True


def test_mapping_survives_page_reload(store):
    upload = sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    row_id = at.session_state["mappings"][0]["id"]
    at.number_input(key=f"opt_m_{row_id}_weight").set_value(3.5)
    at.slider(key="opt_threshold").set_value(91.0)
    at.run()

    reloaded = logged_in(page="mapping")
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.number_input(key=f"opt_m_{row_id}_weight").value == 3.5
    assert reloaded.slider(key="opt_threshold").value == 91.0
    assert (upload.folder / "mapping-draft.json").is_file()


def test_mapping_draft_with_missing_column_dropped(store):
    upload = sample_upload(store)
    row = new_row("no_such_column", "city")
    (upload.folder / "mapping-draft.json").write_text(
        json.dumps({"rows": [row], "options": {"threshold": 77.0}}), encoding="utf-8")

    at = logged_in(page="mapping")
    at.run()
    assert not at.exception
    assert at.session_state["mappings"] == []
    assert at.slider(key="opt_threshold").value == 77.0


def test_mapping_draft_unreadable_uses_suggestions(store):
    upload = sample_upload(store)
    (upload.folder / "mapping-draft.json").write_text("{not json", encoding="utf-8")

    at = logged_in(page="mapping")
    at.run()
    assert not at.exception
    assert at.session_state["mappings"]


def test_suggest_phone_fuzzy_by_characters():
    suggestion = suggest_pairs({"tel": ["+998 90 345-67-89", "(91) 222-33-44"]},
                               {"phone": ["998903456789", "912223344"]})[0]
    assert (suggestion.match_type, suggestion.fuzzy_method) == ("fuzzy", "ratio")


def test_suggest_uzbek_name_across_scripts():
    suggestion = suggest_pairs({"ism": ["Алишер Каримов", "Нодира Турсунова"]},
                               {"full_name": ["Karimov Alisher", "Tursunova Nodira"]})[0]
    assert suggestion.match_type == "uzbek_name"


def test_suggest_same_script_names_fuzzy():
    suggestion = suggest_pairs({"name": ["Alisher Karimov"]}, {"full_name": ["Karimov Alisher"]})[0]
    assert (suggestion.match_type, suggestion.fuzzy_method) == ("fuzzy", "token_sort_ratio")


@pytest.mark.parametrize(("name1", "name2", "reason"), [("city", "shahar", "synonym"), ("city", "City", "name"),
                                                        ("phone_no", "phone_nr", "name")])
def test_suggestion_reason(name1, name2, reason):
    suggestion = suggest_pairs({name1: ["Tashkent", "Samarkand"]}, {name2: ["Bukhara", "Khiva"]})[0]
    assert suggestion.reason == reason


def test_default_low_threshold_follows_threshold(store):
    sample_upload(store)
    at = logged_in(page="mapping")
    at.run()
    at.slider(key="opt_threshold").set_value(65.0)
    at.run()
    assert at.slider(key="opt_low_confidence_threshold").value == 55.0
    assert at.slider(key="opt_low_confidence_threshold").disabled
