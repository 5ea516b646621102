import pytest

from tests.api.server import start_server, upload_sample


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("limited") / "data",
                           rate_limit_default="8/minute;100/hour",
                           rate_limit_authenticated="30/minute;50/hour",
                           rate_limit_upload="2/minute;10/hour",
                           rate_limit_processing="1/minute;10/hour")
    yield running
    running.stop()


def _assert_limited(response):
    assert response.status_code == 429, response.text
    assert int(response.headers["retry-after"]) >= 1
    body = response.json()
    assert set(body) == {"error", "details", "timestamp"}
    assert "retry after" in body["details"]


def test_anonymous_limit_per_address(limited):
    with limited.client() as client:
        statuses = [client.get("/health").status_code for _ in range(10)]
    assert statuses.count(200) <= 8
    assert 429 in statuses
    with limited.client() as client:
        _assert_limited(client.get("/api/v1/files/validate"))


def test_upload_limit_per_user(tmp_path):
    server = start_server(tmp_path / "data", rate_limit_upload="2/minute;10/hour")
    try:
        _, first_token = server.new_user()
        _, second_token = server.new_user()
        with server.client(first_token) as first:
            assert [upload_sample(first).status_code for _ in range(2)] == [200, 200]
            _assert_limited(upload_sample(first))
            assert first.get("/api/v1/files/validate").status_code == 200
        with server.client(second_token) as second:
            assert upload_sample(second).status_code == 200
    finally:
        server.stop()


def test_processing_limit(tmp_path):
    server = start_server(tmp_path / "data", rate_limit_processing="1/minute;10/hour")
    try:
        _, token = server.new_user()
        with server.client(token) as client:
            upload_sample(client)
            config = {"mappings": [{"file1_col": "name", "file2_col": "full_name"}]}
            assert client.post("/api/v1/processing/start", json=config).status_code == 200
            _assert_limited(client.post("/api/v1/processing/start", json=config))
            assert client.get("/api/v1/processing/status").status_code == 200
    finally:
        server.stop()
