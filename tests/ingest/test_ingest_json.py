"""JSON loading: accepted shapes, exact values, flattening, and bad input."""

import codecs
import json

import pytest

from engine.ingest import IngestError
from tests.ingest.conftest import DATA


def test_array_of_objects(load):
    report, records = load(DATA / "people.json")

    assert report.file_type == "json"
    assert report.encoding == "utf-8"
    assert report.delimiter is None
    assert report.column_names == ["id", "name", "age", "score", "active", "phone", "note"]
    assert [record["_row_id"] for record in records] == [1, 2]


@pytest.mark.parametrize("column, first, second", [
    ("id", "007", "0042"),
    ("age", "25", "31"),
    ("score", "1.50", "2"),
    ("active", "true", "false"),
    ("phone", "+998 90 123-45-67", "+998 91 765-43-21"),
    ("note", None, "moved"),
])
def test_json_values_as_text(load, column, first, second):
    _report, records = load(DATA / "people.json")

    assert records[0][column] == first
    assert records[1][column] == second


def test_ndjson(load):
    report, records = load(DATA / "people.ndjson")

    assert report.rows == 3
    assert report.column_names == ["id", "name", "age", "city"]
    assert records[2]["city"] == "Samarqand"
    assert records[0]["city"] is None


def test_nested_flattened(load):
    report, records = load(DATA / "nested.json")

    assert report.column_names == ["id", "name", "address.city", "address.geo.lat",
                                   "address.geo.lon", "tags", "codes"]
    assert records[0]["address.city"] == "Toshkent"
    assert records[0]["address.geo.lat"] == "41.30"
    assert records[1]["address.geo.lat"] is None


def test_lists_kept_as_json(load):
    _report, records = load(DATA / "nested.json")

    assert json.loads(records[0]["tags"]) == ["a", "b"]
    assert records[1]["tags"] == "[]"
    # Numbers inside lists go through Python's float, as documented in json_loader.
    assert records[0]["codes"] == "[1, 2.5]"


def test_object_holding_one_array(load):
    report, _records = load(DATA / "nested.json")

    assert report.rows == 2
    assert "records were read from the array 'people'" in report.warnings[0]
    assert "(count)" in report.warnings[0]


def test_object_of_columns(load, write):
    content = '{"name": ["Ali", "Vali"], "age": [25, 31], "id": ["007", "008"]}'
    report, records = load(write("columns.json", content))

    assert report.column_names == ["name", "age", "id"]
    assert records == [{"_row_id": 1, "name": "Ali", "age": "25", "id": "007"},
                       {"_row_id": 2, "name": "Vali", "age": "31", "id": "008"}]


def test_columns_of_unequal_length(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("uneven.json", '{"name": ["Ali", "Vali"], "age": [25]}'))

    assert "arrays differ in length (name: 2, age: 1)" in str(caught.value)


def test_several_arrays_of_records(load, write):
    content = '{"men": [{"name": "Ali"}], "women": [{"name": "Gulnora"}]}'
    with pytest.raises(IngestError) as caught:
        load(write("two.json", content))

    assert "contains several arrays (men, women)" in str(caught.value)


@pytest.mark.parametrize("content, problem", [
    ('"just text"', "contains a single JSON string, not records"),
    ("42", "contains a single JSON number, not records"),
    ('{"name": "Ali"}', "contains one JSON object and no array of records"),
    ("[]", "contains an empty array"),
    ('[{"name": "Ali"}, "Vali"]', "record 2 is a JSON string, not an object"),
    ("[[1, 2], [3, 4]]", "record 1 is a JSON array, not an object"),
    ("[{}, {}]", "the JSON records have no fields"),
    ('[{"name": "Ali",}]', "is not valid JSON: Expecting property name"),
])
def test_rejected_json(load, write, content, problem):
    with pytest.raises(IngestError) as caught:
        load(write("bad.json", content))

    assert problem in str(caught.value)
    assert caught.value.report.file_type == "json"


def test_ndjson_bad_line(load, write):
    with pytest.raises(IngestError) as caught:
        load(write("bad.ndjson", '{"name": "Ali"}\n{"name": "Vali"}\n{"name": \n'))

    assert "bad.ndjson, line 3: not valid JSON" in str(caught.value)


def test_deeply_nested(load, write):
    depth = 1000
    content = "[" + '{"a": ' * depth + '"x"' + "}" * depth + "]"
    with pytest.raises(IngestError) as caught:
        load(write("deep.json", content))

    message = str(caught.value)
    assert "deep.json" in message
    assert "levels deep" in message


def test_nesting_over_limit(load, write):
    depth = 40
    content = '[{"id": "1"}, ' + '{"a": ' * depth + '"x"' + "}" * depth + "]"
    with pytest.raises(IngestError) as caught:
        load(write("deep.json", content))

    assert "deep.json: record 2 nests objects more than 32 levels deep" in str(caught.value)


def test_nesting_within_limit(load, write):
    depth = 20
    content = "[" + '{"a": ' * depth + '"x"' + "}" * depth + "]"
    report, records = load(write("deep.json", content))

    assert report.column_names == [".".join(["a"] * depth)]
    assert records[0][report.column_names[0]] == "x"


def test_content_beats_extension(load, write):
    report, records = load(write("people.csv", '[{"id": "007"}]'))

    assert report.file_type == "json"
    assert records[0]["id"] == "007"


def test_cp1251_json(load, write):
    content = '[{"familiya": "Иванов"}, {"familiya": "Каримов"}, {"familiya": "Юлдашева"}]'
    report, records = load(write("cyr.json", content.encode("cp1251")))

    assert report.encoding == "cp1251"
    assert [record["familiya"] for record in records] == ["Иванов", "Каримов", "Юлдашева"]


def test_case_duplicate_keys(load, write):
    report, records = load(write("keys.json", '[{"Name": "Ali", "name": "Vali", "": "x"}]'))

    assert report.column_names == ["Name", "name_2", "column_3"]
    assert records[0]["name_2"] == "Vali"


def test_utf16_json(load, write):
    content = codecs.BOM_UTF16_LE + '[{"familiya": "Иванов", "id": "007"}]'.encode("utf-16-le")
    report, records = load(write("cyr16.json", content))

    assert report.encoding == "utf-16-le"
    assert records[0]["familiya"] == "Иванов"
    assert records[0]["id"] == "007"
