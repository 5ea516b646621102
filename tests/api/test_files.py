import re

import httpx
import pytest

from tests.api.server import EXAMPLES, assert_error, start_server, upload_sample


def test_upload_response(client):
    response = upload_sample(client)
    assert response.status_code == 200, response.text
    first, second = response.json()

    assert first["original_name"] == "data1.csv"
    assert re.fullmatch(r"file1_[0-9a-f]{32}\.csv", first["unique_name"])
    assert first["file_type"] == "csv"
    assert first["delimiter"] == ","
    assert second["file_type"] == "json"
    assert "delimiter" not in second
    assert first["upload_id"] == second["upload_id"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["upload_timestamp"])


def test_stored_names_stay_inside(server, client):
    hostile = "../../../../etc/evil.csv"
    content = (EXAMPLES / "data1.csv").read_bytes()
    with (EXAMPLES / "data2.json").open("rb") as second:
        response = client.post("/api/v1/files/upload",
                               files={"file1": (hostile, content), "file2": ("data2.json", second)})
    assert response.status_code == 200, response.text
    record = response.json()[0]
    assert record["original_name"] == "evil.csv"

    stored = list(server.data_dir.rglob(record["unique_name"]))
    assert len(stored) == 1
    assert (server.data_dir / "users").resolve() in stored[0].resolve().parents
    assert not list(server.data_dir.parent.rglob("evil.csv"))


@pytest.mark.parametrize("name, content", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ("archive.csv", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4),
    ("empty.csv", b""),
])
def test_unsupported_file_rejected(client, name, content):
    with (EXAMPLES / "data2.json").open("rb") as second:
        response = client.post("/api/v1/files/upload", files={"file1": (name, content), "file2": ("data2.json", second)})
    details = assert_error(response, 400)["details"]
    assert name in details
    assert "file1" in details


def test_upload_needs_both_files(client):
    with (EXAMPLES / "data1.csv").open("rb") as first:
        response = client.post("/api/v1/files/upload", files={"file1": ("data1.csv", first)})
    assert "file2" in assert_error(response, 400)["details"]


def test_validate_structure(client):
    upload_sample(client)
    body = client.get("/api/v1/files/validate").json()
    validation = body["file1"]["validation"]

    assert validation["valid"] is True
    assert validation["errors"] == []
    assert validation["info"]["rows"] == 30
    assert validation["info"]["column_names"] == ["name", "age", "city", "email", "phone"]
    assert body["file1"]["preview"]["total_rows"] == 30
    assert len(body["file1"]["preview"]["preview"]) == 5
    assert "full_name" in body["file2"]["validation"]["info"]["column_names"]


@pytest.mark.parametrize("rows, status, expected", [(None, 200, 5), (2, 200, 2), (100, 200, 30), (101, 400, None), (0, 400, None)])
def test_preview_rows(client, rows, status, expected):
    upload_sample(client)
    response = client.get("/api/v1/files/preview", params={} if rows is None else {"rows": rows})
    assert response.status_code == status, response.text
    if expected is None:
        assert "rows" in response.json()["details"]
    else:
        assert len(response.json()["file1"]["preview"]) == expected


def test_validate_without_upload(client):
    assert "upload" in assert_error(client.get("/api/v1/files/validate"), 404)["details"]


def test_upload_of_other_user_hidden(server, client):
    upload_id = upload_sample(client).json()[0]["upload_id"]
    _, other_token = server.new_user()
    other = server.client(other_token)
    assert_error(other.get("/api/v1/files/validate", params={"upload_id": upload_id}), 404)
    assert_error(other.get("/api/v1/files/preview", params={"upload_id": upload_id}), 404)
    assert client.get("/api/v1/files/validate", params={"upload_id": upload_id}).status_code == 200


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("small") / "data", max_upload_mb="1")
    yield running
    running.stop()


def test_file_over_limit_413(small_server):
    _, token = small_server.new_user()
    big = b"name,age\n" + b"Alisher Karimov,22\n" * 60_000
    with (EXAMPLES / "data2.json").open("rb") as second, small_server.client(token) as client:
        response = client.post("/api/v1/files/upload", files={"file1": ("big.csv", big), "file2": ("data2.json", second)})
    assert "1 MiB" in assert_error(response, 413)["details"]
    assert not list((small_server.data_dir / "users").rglob("file1_*"))


def test_body_over_limit_413(small_server):
    _, token = small_server.new_user()
    big = b"name,age\n" + b"Alisher Karimov,22\n" * 130_000
    try:
        with small_server.client(token) as client:
            response = client.post("/api/v1/files/upload", files={"file1": ("a.csv", big), "file2": ("b.csv", big)})
    except httpx.TransportError:
        pytest.fail("the server closed the connection instead of answering 413")
    assert_error(response, 413)


def test_chunked_body_over_limit_413(small_server):
    """Without Content-Length, the body is counted as it streams in and cut off at the limit."""
    _, token = small_server.new_user()
    boundary = "moslik-test-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"a.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\nname,age\r\n").encode()
    row = b"Alisher Karimov,22\r\n" * 5_000

    def body():
        yield head
        for _ in range(40):  # about 3.8 MB, over the 2 x 1 MiB body limit
            yield row
        yield f"\r\n--{boundary}--\r\n".encode()

    with small_server.client(token) as client:
        response = client.post("/api/v1/files/upload", content=body(),
                               headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert "Content-Length" not in response.request.headers
    assert_error(response, 413)


def test_validate_reports_broken_file(client):
    broken = b'[{"name": "Alisher", "age": "22"}, {"name": '
    with (EXAMPLES / "data1.csv").open("rb") as first:
        response = client.post("/api/v1/files/upload", files={"file1": ("data1.csv", first), "file2": ("people.json", broken)})
    assert response.status_code == 200, response.text

    validation = client.get("/api/v1/files/validate").json()["file2"]["validation"]
    assert validation["valid"] is False
    assert "people.json" in validation["errors"][0]

    config = {"mappings": [{"file1_col": "name", "file2_col": "name"}]}
    details = assert_error(client.post("/api/v1/processing/start", json=config), 400)["details"]
    assert "people.json" in details


@pytest.mark.parametrize("name, content, error, fragment", [
    ("empty.csv", b"", "Empty File", "file1 ('empty.csv') is empty (0 bytes); upload a CSV/TSV, JSON, XLSX or Parquet"),
    ("blank.csv", b"  \n\n ", "Unsupported File", "blank.csv is empty"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "Unsupported File", "report.pdf is a PDF document"),
    ("archive.csv", b"\x1f\x8b\x08\x00" + bytes(range(256)), "Unsupported File", "archive.csv is gzip-compressed"),
])
def test_rejection_messages_distinct(client, name, content, error, fragment):
    with (EXAMPLES / "data2.json").open("rb") as second:
        response = client.post("/api/v1/files/upload", files={"file1": (name, content), "file2": ("data2.json", second)})
    body = assert_error(response, 400)
    assert body["error"] == error
    assert fragment in body["details"]
    assert "is not a CSV/TSV, JSON, XLSX or Parquet file" not in body["details"]
