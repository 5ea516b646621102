"""Engine messages with catalogue keys: every key in both catalogues, and each text as the engine writes it."""

import ast
import io
import pickle
import re
import zipfile
from pathlib import Path

import pytest

from engine.config import check_columns, parse_config
from engine.db import connect
from engine.errors import ConfigError, Message, MoslikError, budget_exceeded
from engine.ingest.json_loader import read_json_records
from engine.ingest.load import load_table
from engine.ingest.report import IngestError
from engine.ingest.sniff import detect_format
from engine.store import Store
from engine.store.errors import JobNotFound, UploadRejected
from engine.store.intake import IncomingFile, store_pair
from ui.failures import translate
from ui.i18n import catalogue

ENGINE = Path(__file__).resolve().parents[2] / "engine"
# Catalogue sections that hold the engine's messages, so that a stale key is noticed too.
ENGINE_SECTIONS = ("input", "config", "budget", "store")
KEY = re.compile(rf"({'|'.join(ENGINE_SECTIONS)})\.[a-z0-9_]+")


def _engine_keys() -> dict[str, str]:
    """Return every message key written in the engine's source, with the file it is in."""
    keys = {}
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                keys[node.value] = path.name
    return keys


def test_engine_keys_in_catalogues():
    keys = _engine_keys()
    assert len(keys) >= 20, "the scan found too few keys; check ENGINE_SECTIONS"
    for language in ("en", "uz"):
        missing = sorted(f"{key} ({name})" for key, name in keys.items() if key not in catalogue(language))
        assert missing == [], f"keys missing from {language}.json"


def test_engine_sections_no_stale_keys():
    stale = sorted(key for key in catalogue("en") if key.split(".")[0] in ENGINE_SECTIONS
                   and key not in _engine_keys())
    assert stale == []


def _file_error(tmp_path: Path, name: str, data: bytes) -> MoslikError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(MoslikError) as caught:
        detect_format(path, name)
    return caught.value


def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "id,name\n1,Alisher\n")
    return buffer.getvalue()


FILE_CASES = [
    ("blank.csv", b"  \n\n ", "input.empty_file"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "input.pdf"),
    ("archive.csv", b"\x1f\x8b\x08\x00" + bytes(range(256)), "input.gzip"),
    ("old.xls", b"\xd0\xcf\x11\xe0" + bytes(range(256)), "input.legacy_xls"),
    ("people.xlsx", _zip("people.csv"), "input.zip_not_xlsx"),
    ("broken.xlsx", b"PK\x03\x04" + b"not a zip" * 20, "input.bad_zip"),
    ("photo.bin", bytes(range(256)) * 40, "input.binary_at"),
    ("mixed.csv", "name\nAlisher Oʻtkirov\n".encode() + b"\xff\xfe\n", "input.mixed_utf8"),
]

JSON_CASES = [
    ('"Alisher"', "input.json_single_value"),
    ("[]", "input.json_empty_array"),
    ('[{"name": "Alisher"}, 5]', "input.json_record_not_object"),
    ('{"a": [{"name": "x"}], "b": [{"name": "y"}]}', "input.json_several_arrays"),
    ('{"name": "Alisher"}', "input.json_no_array"),
    ('{"name": ["Alisher", "Nodira"], "city": ["Toshkent"]}', "input.json_column_lengths"),
    ('[{"name": }]', "input.json_syntax"),
    ('{"name": "Alisher"}\n{"name": }\n', "input.ndjson_syntax"),
]


def _json_error(text: str) -> MoslikError:
    with pytest.raises(MoslikError) as caught:
        read_json_records(text, "people.json")
    return caught.value


def _no_records_error(tmp_path: Path) -> MoslikError:
    path = tmp_path / "header.csv"
    path.write_bytes(b"name,city\n")
    con = connect()
    with pytest.raises(IngestError) as caught:
        load_table(con, path, "people", work_dir=tmp_path / "work")
    con.close()
    return caught.value.__cause__


def _config_problems() -> list[Message]:
    config = parse_config({"mappings": [{"file1_col": "name", "file2_col": "fullname"}],
                           "output_cols1": ["name", "phone"]})
    with pytest.raises(ConfigError) as caught:
        check_columns(config, ["name", "city"], ["full_name"])
    return caught.value.problems


def _upload_errors(tmp_path: Path) -> list[UploadRejected]:
    store = Store.open(tmp_path / "data")
    store.users.create("aziz", "secret-1")
    errors = []
    for data in (b"x" * (1024 * 1024 + 1), b"", b"%PDF-1.7\n"):
        files = [IncomingFile("people.csv", io.BytesIO(b"name\nAlisher\n")), IncomingFile("other.csv", io.BytesIO(data))]
        with pytest.raises(UploadRejected) as caught:
            store_pair(store, 1, files, 1024 * 1024)
        errors.append(caught.value)
    return errors


def _all_errors(tmp_path: Path) -> list[MoslikError | Message]:
    errors = [_file_error(tmp_path, name, data) for name, data, _ in FILE_CASES]
    errors += [_json_error(text) for text, _ in JSON_CASES]
    errors += [_no_records_error(tmp_path), *_config_problems(), *_upload_errors(tmp_path)]
    return errors + [budget_exceeded(1_234_567, 1_000_000, "name", 987_654), JobNotFound("0" * 32)]


@pytest.mark.parametrize(("name", "data", "key"), FILE_CASES)
def test_file_error_key(tmp_path, name, data, key):
    error = _file_error(tmp_path, name, data)
    assert error.key == key
    assert error.params["name"] == name


@pytest.mark.parametrize(("text", "key"), JSON_CASES)
def test_json_error_key(text, key):
    assert _json_error(text).key == key


def test_no_records_key(tmp_path):
    error = _no_records_error(tmp_path)
    assert error.key == "input.no_records"
    assert error.params == {"name": "header.csv"}


def test_config_problems_keys():
    problems = _config_problems()
    assert [problem.key for problem in problems] == ["config.missing_column"] * 2
    assert [problem.params["column"] for problem in problems] == ["fullname", "phone"]
    assert [problem.params["slot"] for problem in problems] == [2, 1]


def test_english_catalogue_matches_engine(tmp_path):
    """The English catalogue gives exactly the engine's text, so both languages match."""
    for error in _all_errors(tmp_path):
        assert translate(error, "en") == (str(error), True), error.key


def test_uzbek_catalogue_translates(tmp_path):
    for error in _all_errors(tmp_path):
        text, translated = translate(error, "uz")
        assert translated, error.key
        assert text != str(error), error.key


def test_unsupported_upload_nested():
    """An unsupported upload's text contains the ingest error, translated as well."""
    problem = MoslikError("people.pdf is a PDF document.", key="input.pdf", params={"name": "people.pdf"})
    error = MoslikError("file2: people.pdf is a PDF document.", key="store.unsupported_upload",
                        params={"slot": 2, "problem": problem})
    text, translated = translate(error, "uz")
    assert translated
    assert text == "2-fayl: " + catalogue("uz")["input.pdf"].format(name="people.pdf")


def test_unknown_key_english():
    error = MoslikError("file.csv is odd.", key="input.no_such_message", params={"name": "file.csv"})
    assert translate(error, "uz") == ("file.csv is odd.", False)
    assert translate(Message("plain text"), "uz") == ("plain text", False)
    assert translate("plain text", "en") == ("plain text", False)


def test_message_survives_pickle():
    """Errors cross from job workers to the runner by pickle, keys included."""
    message = Message("people.csv is empty.", "input.empty_file", {"name": "people.csv"})
    error = pickle.loads(pickle.dumps(MoslikError(message)))
    assert (str(error), error.key, error.params) == ("people.csv is empty.", "input.empty_file", {"name": "people.csv"})
    copy = pickle.loads(pickle.dumps(message))
    assert (copy, copy.key, copy.params) == (message, message.key, message.params)
    problems = pickle.loads(pickle.dumps(ConfigError([message]))).problems
    assert problems[0].key == "input.empty_file"


def test_mapping_check_keeps_keys():
    """The mapping page's check passes the engine's keyed problems on, so they show in Uzbek."""
    from ui.config_check import check_body

    body = {"mappings": [{"file1_col": "name", "file2_col": "fullname"}]}
    config, problems = check_body(body, ["name", "city"], ["full_name"])
    assert config is None
    assert [problem.key for problem in problems] == ["config.missing_column"]
    text, translated = translate(problems[0], "uz")
    assert translated
    assert text == "mappings[0].file2_col: 'fullname' ustuni 2-faylda yoʻq; bu faylning ustunlari: 'full_name'"
