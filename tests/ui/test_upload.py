"""Upload page: a good pair, a file of an unknown format, a file with errors, the size limit."""

import io

import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from tests.ui.conftest import EXAMPLES, logged_in, texts
from ui.i18n import catalogue


def _upload(at, first, second):
    at.file_uploader(key="upload_file1").upload(*first)
    at.file_uploader(key="upload_file2").upload(*second)
    at.run()
    at.button(key="upload_submit").click()
    return at.run()


def _sample(name):
    return (name, (EXAMPLES / name).read_bytes(), "application/octet-stream")


def test_upload_good_pair(store):
    at = logged_in(page="upload")
    at.run()
    _upload(at, _sample("data1.csv"), _sample("data2.json"))
    assert not at.exception
    page_text = texts(at)
    assert "Uploaded data1.csv and data2.json" in page_text
    metrics = {(m.label, m.value) for m in at.metric}
    assert ("Rows", "30") in metrics
    assert ("Delimiter", "comma") in metrics
    assert ("Encoding", "utf-8") in metrics
    assert at.button(key="upload_next")
    assert store.uploads.latest(1) is not None


def test_upload_binary_rejected(store):
    at = logged_in(page="upload")
    at.run()
    garbage = ("photo.bin", bytes(range(256)) * 40, "application/octet-stream")
    _upload(at, _sample("data1.csv"), garbage)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("File 2 (photo.bin) cannot be read as CSV/TSV, JSON, XLSX or Parquet" in e for e in errors)
    assert len(at.code) == 1
    assert "photo.bin" in at.code[0].value
    assert store.uploads.latest(1) is None


def test_upload_header_only_file(store):
    at = logged_in(page="upload")
    at.run()
    _upload(at, _sample("data1.csv"), ("empty.csv", b"name,city\n", "text/csv"))
    assert not at.exception
    errors = "\n".join(e.value for e in at.error)
    assert "This file has 1 error(s)" in errors
    assert at.code[0].value.strip() != ""
    assert "cannot be matched" in errors
    assert "upload_next" not in [b.key for b in at.button]
    assert "Correct the file and upload it again" in texts(at)


def _switch_to_uzbek(at):
    # NOTE: AppTest cannot run the app again once it shows Uzbek, because it formats the
    # sidebar's page radio with `t` outside the run, which reads English. So the files are
    # sent in English and the language is switched last: the rejection is kept in the session
    # and drawn again in the new language.
    at.selectbox(key="lang").set_value("uz")
    return at.run()


def test_upload_empty_file_uzbek(store):
    uzbek = catalogue("uz")
    at = logged_in(page="upload")
    at.run()
    _upload(at, _sample("data1.csv"), ("empty.csv", b"", "text/csv"))
    _switch_to_uzbek(at)
    assert not at.exception
    assert [e.value for e in at.error] == [uzbek["upload.empty_file"].format(slot=2, name="empty.csv")]
    assert [c.value for c in at.code] == [uzbek["store.empty_upload"].format(slot=2, name="empty.csv")]
    assert "2-fayl ('empty.csv') boʻsh (0 bayt)" in at.code[0].value
    assert uzbek["failure.detail_label"] in texts(at)
    assert "is empty" not in texts(at)
    assert store.uploads.latest(1) is None


def test_upload_blank_file_uzbek(store):
    """A file of only spaces passes the size check and is rejected by format detection, in Uzbek too."""
    uzbek = catalogue("uz")
    at = logged_in(page="upload")
    at.run()
    _upload(at, ("blank.csv", b"  \n\n", "text/csv"), _sample("data2.json"))
    _switch_to_uzbek(at)
    assert not at.exception
    assert [c.value for c in at.code] == [uzbek["input.empty_file"].format(name="blank.csv")]
    assert uzbek["failure.detail_label"] in texts(at)


def test_upload_empty_file_english(store):
    at = logged_in(page="upload")
    at.run()
    _upload(at, _sample("data1.csv"), ("empty.csv", b"", "text/csv"))
    assert any("File 2 (empty.csv) is empty." in e.value for e in at.error)
    assert at.code[0].value.startswith("file2 ('empty.csv') is empty (0 bytes); upload a CSV/TSV")
    assert "Details from the engine:" in texts(at)


def test_upload_over_limit(store, monkeypatch):
    monkeypatch.setenv("MOSLIK_MAX_UPLOAD_MB", "1")
    from ui.context import _open
    _open.clear()
    at = logged_in(page="upload")
    at.run()
    big = ("big.csv", b"name\n" + b"x" * (1024 * 1024 + 10), "text/csv")
    _upload(at, _sample("data1.csv"), big)
    errors = "\n".join(e.value for e in at.error)
    assert "File 2 (big.csv) is larger than the limit of 1 MiB" in errors
    _open.clear()


def test_upload_empty_state(store):
    at = logged_in(page="upload")
    at.run()
    assert "No files yet" in texts(at)
    assert at.button(key="upload_submit").disabled


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _parquet(rows: list[list[str]]) -> bytes:
    header, *body = rows
    table = pa.table({name: [row[i] for row in body] for i, name in enumerate(header)})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def test_upload_xlsx_parquet(store):
    rows = [["full_name", "phone"], ["Alisher Karimov", "+998952546093"], ["Nodira Tursunova", "+998931928064"]]
    at = logged_in(page="upload")
    at.run()
    _upload(at, ("people.xlsx", _xlsx(rows), "application/octet-stream"),
            ("people.parquet", _parquet(rows), "application/octet-stream"))
    assert not at.exception
    assert [e.value for e in at.error] == []
    captions = "\n".join(c.value for c in at.caption)
    assert "Detected format: xlsx" in captions
    assert "Detected format: parquet" in captions
    assert [m.value for m in at.metric if m.label == "Rows"] == ["2", "2"]


def test_upload_failure_hides_reports(store):
    at = logged_in(page="upload")
    at.run()
    _upload(at, _sample("data1.csv"), _sample("data2.json"))
    assert at.button(key="upload_next")

    garbage = ("photo.bin", bytes(range(256)) * 40, "application/octet-stream")
    _upload(at, _sample("data1.csv"), garbage)
    assert not at.exception
    assert any("photo.bin" in e.value for e in at.error)
    assert "upload_next" not in [b.key for b in at.button]
    assert [m.label for m in at.metric] == []
    assert "Nothing was uploaded" in texts(at)

    # The failure stays on the page across reruns, until an upload succeeds.
    at.run()
    assert any("photo.bin" in e.value for e in at.error)
    _upload(at, _sample("data1.csv"), _sample("data2.json"))
    assert [e.value for e in at.error] == []
    assert at.button(key="upload_next")
