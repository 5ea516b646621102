import csv
import io
import json
import math

import pytest

from engine.results import reselect
from tests.api.server import SAMPLE_CONFIG, assert_error, upload_sample, wait_for_job

RESULT_TYPES = ("matched", "low_confidence", "unmatched_1", "unmatched_2")


def _finish_job(client) -> str:
    upload_sample(client)
    operation_id = client.post("/api/v1/processing/start", json=SAMPLE_CONFIG).json()["operation_id"]
    assert wait_for_job(client, operation_id)["status"] == "completed"
    return operation_id


@pytest.fixture(scope="module")
def reader(server):
    """A client whose completed job the read-only tests share."""
    _, token = server.new_user()
    with server.client(token) as http:
        _finish_job(http)
        yield http


@pytest.fixture
def finished(client):
    return _finish_job(client)


def test_result_files_listed(reader):
    files = reader.get("/api/v1/results/files").json()
    assert [item["type"] for item in files] == list(RESULT_TYPES)
    matched = files[0]
    assert matched["name"] == "Matched Results"
    assert matched["count"] == 27
    assert matched["columns"] == ["f1_name", "f1_age", "f2_full_name", "f2_email", "confidence_score"]
    assert not matched["path"].startswith("/")
    assert files[2]["count"] == 3
    assert files[2]["columns"] == ["name", "age"]


@pytest.mark.parametrize("file_type", RESULT_TYPES)
def test_page_walk_matches_count(reader, file_type):
    count = {item["type"]: item["count"] for item in reader.get("/api/v1/results/files").json()}[file_type]
    rows, page = [], 1
    while page <= 100:
        body = reader.get(f"/api/v1/results/data/{file_type}", params={"page": page, "per_page": 4}).json()
        assert body["total"] == count
        assert body["total_pages"] == math.ceil(count / 4)
        rows += body["data"]
        if page >= body["total_pages"]:
            break
        page += 1
    assert len(rows) == count


def test_search_case_insensitive(reader):
    totals = [reader.get("/api/v1/results/data/matched", params={"search": term}).json()["total"]
              for term in ("alisher", "ALISHER", "Alisher")]
    assert totals[0] > 0
    assert len(set(totals)) == 1
    email_hits = reader.get("/api/v1/results/data/matched", params={"search": "EXAMPLE.COM"}).json()["total"]
    assert email_hits == 27
    assert reader.get("/api/v1/results/data/matched", params={"search": "zzqq"}).json()["data"] == []


@pytest.mark.parametrize("params, field", [({"per_page": 1001}, "per_page"), ({"page": 0}, "page"), ({"per_page": 0}, "per_page")])
def test_page_limits(reader, params, field):
    assert field in assert_error(reader.get("/api/v1/results/data/matched", params=params), 400)["details"]


def test_unknown_query_parameter_named(reader):
    details = assert_error(reader.get("/api/v1/results/data/matched", params={"page_size": 10}), 400)["details"]
    assert "unknown query parameter 'page_size'" in details
    assert "per_page" in details


def test_unknown_query_parameter_on_download(reader):
    response = reader.get("/api/v1/results/download/matched", params={"format": "csv"})
    assert "unknown query parameter 'format'" in assert_error(response, 400)["details"]


def test_known_query_parameters_pass(reader):
    response = reader.get("/api/v1/results/data/matched", params={"page": 1, "per_page": 5, "search": "a"})
    assert response.status_code == 200


def test_unknown_result_type(reader):
    assert "file_type" in assert_error(reader.get("/api/v1/results/data/everything"), 400)["details"]


def test_download_json(reader):
    response = reader.get("/api/v1/results/download/matched")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert 'filename="matched.json"' in response.headers["content-disposition"]
    records = json.loads(response.content)
    assert len(records) == 27
    assert {"f1_name", "f2_email", "confidence_score"} <= set(records[0])


def test_download_csv(client):
    upload_sample(client)
    operation_id = client.post("/api/v1/processing/start", json={**SAMPLE_CONFIG, "output_format": "csv"}).json()["operation_id"]
    wait_for_job(client, operation_id)
    response = client.get("/api/v1/results/download/unmatched_1")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="unmatched_1.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3


def test_no_unmatched_when_off(client):
    upload_sample(client)
    client.post("/api/v1/processing/start", json={**SAMPLE_CONFIG, "generate_unmatched": False})
    wait_for_job(client)
    assert "unmatched_1" not in [item["type"] for item in client.get("/api/v1/results/files").json()]
    assert_error(client.get("/api/v1/results/download/unmatched_1"), 404)


def test_cleanup_counts(server, client, finished):
    response = client.delete("/api/v1/results/cleanup")
    assert response.status_code == 200
    body = response.json()
    assert body["removed_result_files"] == 4
    assert body["removed_upload_files"] == 2
    assert body["message"] == "Cleaned up 6 files"
    assert_error(client.get("/api/v1/processing/status"), 404)
    assert_error(client.get("/api/v1/files/validate"), 404)
    assert not list((server.data_dir / "users").rglob(f"*{finished}*"))


def test_results_of_other_user_hidden(server, client, finished):
    _, other_token = server.new_user()
    other = server.client(other_token)
    params = {"operation_id": finished}
    assert_error(other.get("/api/v1/results/data/matched", params=params), 404)
    assert_error(other.get("/api/v1/results/download/matched", params=params), 404)
    assert_error(other.delete("/api/v1/results/cleanup", params=params), 404)
    assert client.get("/api/v1/results/files", params=params).status_code == 200


def test_missing_database_404(server, client, finished):
    job_db = next((server.data_dir / "users").rglob(f"jobs/{finished}/job.duckdb"))
    job_db.unlink()
    details = assert_error(client.get("/api/v1/results/data/matched"), 404)["details"]
    assert str(server.data_dir) not in details


def test_server_error_body(server, client, finished):
    job_db = next((server.data_dir / "users").rglob(f"jobs/{finished}/job.duckdb"))
    job_db.write_bytes(b"this is not a DuckDB file" * 100)
    body = assert_error(client.get("/api/v1/results/data/matched"), 500)
    assert str(server.data_dir) not in body["details"]
    assert "duckdb" not in body["details"].lower()


def test_files_and_download_follow_review(server, client):
    """A re-selection made in the app (through the engine) reaches the API's list and files."""
    operation_id = _finish_job(client)
    (job_dir,) = server.data_dir.glob(f"users/*/jobs/{operation_id}")
    now = reselect(job_dir, threshold=100, low_confidence_threshold=100)
    assert now["matched"] < 27

    listed = {item["type"]: item["count"] for item in client.get(
        "/api/v1/results/files", params={"operation_id": operation_id}).json()}
    assert listed == now
    for file_type in ("matched", "unmatched_1"):
        downloaded = client.get(f"/api/v1/results/download/{file_type}",
                                params={"operation_id": operation_id})
        assert len(json.loads(downloaded.content)) == now[file_type]
