import time

import pytest

from tests.api.server import (
    SAMPLE_CONFIG,
    assert_error,
    upload_sample,
    wait_for_job,
    wait_for_status,
)
from tests.jobs.pairs import NAME_CONFIG, write_pair


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory):
    return write_pair(tmp_path_factory.mktemp("pair"), 20_000)


def test_start_and_complete(client):
    upload_sample(client)
    started = client.post("/api/v1/processing/start", json=SAMPLE_CONFIG)
    assert started.status_code == 200, started.text
    body = started.json()
    assert body["status"] == "starting"
    assert body["progress"] == 0
    assert body["can_cancel"] is True

    final = wait_for_job(client)
    assert final["operation_id"] == body["operation_id"]
    assert final["status"] == "completed"
    assert final["progress"] == 100
    assert final["can_cancel"] is False
    assert {"elapsed_time", "estimated_remaining", "message"} <= set(final)


def test_start_without_upload(client):
    assert "upload" in assert_error(client.post("/api/v1/processing/start", json=SAMPLE_CONFIG), 404)["details"]


def test_config_problems_listed(client):
    upload_sample(client)
    config = {**SAMPLE_CONFIG, "threshold": 150, "matching_type": "all-to-all", "colour": "red",
              "output_path": "../up", "mappings": [{"file1_col": "nam", "file2_col": "full_name", "weight": 0}],
              "output_cols2": ["full_name", "mail"]}
    details = assert_error(client.post("/api/v1/processing/start", json=config), 400)["details"]
    for field in ("threshold", "matching_type", "colour", "output_path", "mappings[0].weight"):
        assert field in details
    assert "mappings[0].file1_col: column 'nam' is not in file 1" in details
    assert "output_cols2: column 'mail' is not in file 2" in details


@pytest.mark.parametrize("change, fragment", [
    ({"mappings": [{"file1_col": "nam", "file2_col": "full_name"}]}, "'nam'"),
    ({"output_cols2": ["full_name", "mail"]}, "'mail'"),
    ({"output_path": "../../etc"}, "output_path"),
    ({"output_path": "/tmp/out"}, "output_path"),
    ({"mappings": []}, "mapping"),
])
def test_config_checked_against_upload(client, change, fragment):
    upload_sample(client)
    response = client.post("/api/v1/processing/start", json={**SAMPLE_CONFIG, **change})
    assert fragment in assert_error(response, 400)["details"]


@pytest.mark.parametrize("body", ["[1, 2]", "{not json", ""])
def test_start_body_not_object(client, body):
    upload_sample(client)
    response = client.post("/api/v1/processing/start", content=body, headers={"Content-Type": "application/json"})
    assert_error(response, 400)


def test_status_without_job(client):
    assert "processing" in assert_error(client.get("/api/v1/processing/status"), 404)["details"]


def test_job_of_other_user_hidden(server, client):
    upload_sample(client)
    operation_id = client.post("/api/v1/processing/start", json=SAMPLE_CONFIG).json()["operation_id"]
    _, other_token = server.new_user()
    other = server.client(other_token)
    for call in (lambda: other.get("/api/v1/processing/status", params={"operation_id": operation_id}),
                 lambda: other.post("/api/v1/processing/cancel", params={"operation_id": operation_id}),
                 lambda: other.get("/api/v1/results/files", params={"operation_id": operation_id})):
        assert_error(call(), 404)
    assert other.get("/api/v1/processing/jobs").json() == []
    wait_for_job(client, operation_id)


def test_cancel_leaves_nothing(server, client, user, long_pair):
    upload_sample(client, *long_pair)
    operation_id = client.post("/api/v1/processing/start", json=NAME_CONFIG).json()["operation_id"]
    wait_for_status(client, operation_id, "processing")

    response = client.post("/api/v1/processing/cancel")
    assert response.status_code == 200, response.text
    assert response.json()["success"] is True
    assert wait_for_job(client, operation_id)["status"] == "cancelled"
    assert not list((server.data_dir / "users").rglob(f"*{operation_id}*"))
    no_results = assert_error(client.get("/api/v1/results/files"), 400)["details"]
    assert "is cancelled, so it has no results; start it again" in no_results
    assert "cancelled" in assert_error(client.post("/api/v1/processing/cancel"), 400)["details"]


@pytest.fixture(scope="module")
def longer_pair(tmp_path_factory):
    # Two jobs on 20,000 records each finished within the health checks on a quick machine.
    return write_pair(tmp_path_factory.mktemp("longer"), 80_000)


def test_api_responsive_during_jobs(server, client, longer_pair):
    upload_sample(client, *longer_pair)
    ids = [client.post("/api/v1/processing/start", json=NAME_CONFIG).json()["operation_id"] for _ in range(2)]
    for operation_id in ids:
        wait_for_status(client, operation_id, "processing")

    slowest = 0.0
    for _ in range(10):
        started = time.perf_counter()
        assert client.get("/health").status_code == 200
        slowest = max(slowest, time.perf_counter() - started)
        time.sleep(0.1)
    assert slowest < 1.0, f"a health check took {slowest:.2f} s while two jobs ran"

    running = [job["status"] for job in client.get("/api/v1/processing/jobs").json()]
    assert running.count("processing") == 2
    for operation_id in ids:
        client.post("/api/v1/processing/cancel", params={"operation_id": operation_id})
        wait_for_job(client, operation_id)


def test_batch_pairs_independent(client):
    """Three pairs started at once keep their own uploads and results (the batch example)."""
    uploads = [upload_sample(client).json()[0]["upload_id"] for _ in range(3)]
    thresholds = [95, 80, 60]
    ids = [client.post("/api/v1/processing/start", json={**SAMPLE_CONFIG, "upload_id": upload_id, "threshold": threshold}).json()["operation_id"]
           for upload_id, threshold in zip(uploads, thresholds, strict=True)]

    jobs = {job["operation_id"]: job for job in client.get("/api/v1/processing/jobs").json()}
    assert [jobs[operation_id]["upload_id"] for operation_id in ids] == uploads
    for operation_id, threshold in zip(ids, thresholds, strict=True):
        assert wait_for_job(client, operation_id)["status"] == "completed"
        files = client.get("/api/v1/results/files", params={"operation_id": operation_id}).json()
        assert all(item["operation_id"] == operation_id for item in files)
        page = client.get("/api/v1/results/data/matched", params={"operation_id": operation_id, "per_page": 1000}).json()
        assert all(row["confidence_score"] >= threshold for row in page["data"])


@pytest.mark.parametrize("body, expected", [
    ("", "the request body is missing: send the processing config as JSON"),
    ("   ", "the request body is missing: send the processing config as JSON"),
    ("[1, 2]", "the request body is a JSON array; send the processing config as a JSON object"),
    ('"text"', "the request body is a JSON string; send the processing config as a JSON object"),
])
def test_start_body_message_plain(client, body, expected):
    upload_sample(client)
    response = client.post("/api/v1/processing/start", content=body, headers={"Content-Type": "application/json"})
    assert assert_error(response, 400)["details"] == expected


def test_start_bad_upload_id(client):
    upload_sample(client)
    response = client.post("/api/v1/processing/start", json={**SAMPLE_CONFIG, "upload_id": "password=" + "x" * 200})
    details = assert_error(response, 400)["details"]
    assert "upload_id" in details
    assert "xxxx" not in details
