"""Storing an uploaded pair: good files, the size limit, empty and unsupported files."""

import io
from pathlib import Path

import pytest

from engine.store import Store
from engine.store.errors import EmptyUpload, UnsupportedUpload, UploadTooLarge
from engine.store.intake import COPY_CHUNK_BYTES, IncomingFile, store_pair

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LIMIT = 1024 * 1024
PEOPLE = b"name,city\nAlisher Karimov,Toshkent\n"


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path)
    store.users.create("aziz", "secret-1")
    return store


def _pair(first: tuple[str, bytes], second: tuple[str, bytes]) -> list[IncomingFile]:
    return [IncomingFile(name, io.BytesIO(data)) for name, data in (first, second)]


def _stored_files(store) -> list[Path]:
    return [path for path in (store.workspace.data_dir / "users").rglob("*") if path.is_file()]


def test_store_pair_keeps_bytes(store):
    first, second = (EXAMPLES / "data1.csv").read_bytes(), (EXAMPLES / "data2.json").read_bytes()
    upload = store_pair(store, 1, _pair(("data1.csv", first), ("data2.json", second)), LIMIT)

    assert store.uploads.latest(1) == upload
    assert [item.original_name for item in upload.files] == ["data1.csv", "data2.json"]
    assert [item.file_type for item in upload.files] == ["csv", "json"]
    assert upload.files[0].delimiter == ","
    assert upload.files[1].delimiter is None
    assert upload.path(1).read_bytes() == first
    assert upload.path(2).read_bytes() == second
    assert upload.path(1).suffix == ".csv"


@pytest.mark.parametrize("name, suffix", [
    ("people.TSV", ".tsv"),
    ("people.exe", ""),
    ("../../etc/people.csv", ".csv"),
    ("", ""),
])
def test_stored_name_generated(store, name, suffix):
    upload = store_pair(store, 1, _pair((name, PEOPLE), ("b.csv", PEOPLE)), LIMIT)
    stored = upload.files[0].stored_name
    assert stored.startswith("file1_")
    assert Path(stored).suffix == suffix
    assert upload.path(1).parent == store.workspace.upload_dir(1, upload.id)
    assert "/" not in upload.files[0].original_name


def test_too_large_rejected(store):
    big = b"name\n" + b"x" * (LIMIT + 10)
    with pytest.raises(UploadTooLarge) as caught:
        store_pair(store, 1, _pair(("a.csv", PEOPLE), ("big.csv", big)), LIMIT)

    error = caught.value
    assert (error.slot, error.original_name, error.reason) == (2, "big.csv", "too_large")
    assert (error.limit_bytes, error.limit_mb) == (LIMIT, 1)
    assert str(error).startswith("file2 ('big.csv') is larger than the limit of 1 MiB")
    assert _stored_files(store) == []
    assert store.uploads.latest(1) is None


def test_too_large_stops_reading(store):
    """The copy stops one chunk past the limit instead of reading the whole stream."""
    source = io.BytesIO(b"x" * (LIMIT + 5 * COPY_CHUNK_BYTES))
    with pytest.raises(UploadTooLarge):
        store_pair(store, 1, [IncomingFile("big.csv", source), IncomingFile("b.csv", io.BytesIO(PEOPLE))], LIMIT)
    assert source.tell() <= LIMIT + COPY_CHUNK_BYTES


def test_exact_limit_accepted(store):
    body = PEOPLE + b"x" * (LIMIT - len(PEOPLE))
    upload = store_pair(store, 1, _pair(("a.csv", body), ("b.csv", PEOPLE)), LIMIT)
    assert upload.files[0].size_bytes == LIMIT


def test_empty_rejected(store):
    with pytest.raises(EmptyUpload) as caught:
        store_pair(store, 1, _pair(("empty.csv", b""), ("b.csv", PEOPLE)), LIMIT)

    error = caught.value
    assert (error.slot, error.original_name, error.reason) == (1, "empty.csv", "empty")
    assert str(error).startswith("file1 ('empty.csv') is empty (0 bytes)")
    assert _stored_files(store) == []


@pytest.mark.parametrize("name, data, fragment", [
    ("blank.csv", b"  \n\n ", "blank.csv is empty"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.pdf is a PDF document"),
    ("photo.bin", bytes(range(256)) * 40, "photo.bin contains binary data"),
])
def test_unsupported_rejected(store, name, data, fragment):
    with pytest.raises(UnsupportedUpload) as caught:
        store_pair(store, 1, _pair(("a.csv", PEOPLE), (name, data)), LIMIT)

    error = caught.value
    assert (error.slot, error.original_name, error.reason) == (2, name, "unsupported")
    assert str(error) == f"file2: {error.problem}"
    assert fragment in str(error.problem)
    assert "file2_" not in str(error), "the stored name leaked into the message"
    assert _stored_files(store) == []
    assert store.uploads.latest(1) is None
