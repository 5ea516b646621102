import json
from pathlib import Path

from engine.errors import ConfigError, Message, MoslikError
from engine.jobs.worker import error_record, failure


def test_error_record_key_params():
    message = Message("column 'x' is missing", "config.missing_column",
                      {"column": "x", "slot": 1, "columns": "'a', 'b'"})
    assert error_record(message) == {
        "text": "column 'x' is missing", "key": "config.missing_column",
        "params": {"column": "x", "slot": 1, "columns": "'a', 'b'"}}


def test_error_record_nested_message():
    inner = Message("a.csv is empty", "input.empty_file", {"name": "a.csv"})
    outer = MoslikError("upload rejected: a.csv is empty", key="store.unsupported_upload",
                        params={"problem": inner})
    record = error_record(outer)
    assert record["key"] == "store.unsupported_upload"
    assert record["params"]["problem"] == {"text": "a.csv is empty", "key": "input.empty_file",
                                           "params": {"name": "a.csv"}}


def test_error_record_values_json_ready():
    message = Message("bad", "x.y", {"path": Path("/tmp/a.csv"), "names": ("a", "b"), "n": None})
    record = error_record(message)
    assert record["params"] == {"path": "/tmp/a.csv", "names": ["a", "b"], "n": None}
    assert json.loads(json.dumps(record)) == record


def test_error_record_plain_text():
    assert error_record("no key here") == {"text": "no key here", "key": None, "params": {}}


def test_failure_config_problems():
    problems = [Message("first", "config.missing_column", {"column": "a"}), "second"]
    payload = failure("; ".join(ConfigError(problems).problems), problems)
    assert payload["message"] == "first; second"
    assert [record["key"] for record in payload["errors"]] == ["config.missing_column", None]
