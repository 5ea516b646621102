import re

import httpx
import yaml

DOCUMENTED = {
    ("post", "/api/v1/auth/login"), ("get", "/api/v1/auth/verify"),
    ("get", "/api/v1/auth/users"), ("post", "/api/v1/auth/users"),
    ("post", "/api/v1/auth/users/{username}/disable"), ("post", "/api/v1/auth/users/{username}/enable"),
    ("put", "/api/v1/auth/users/{username}/password"),
    ("post", "/api/v1/files/upload"), ("get", "/api/v1/files/validate"), ("get", "/api/v1/files/preview"),
    ("post", "/api/v1/processing/start"), ("get", "/api/v1/processing/status"),
    ("post", "/api/v1/processing/cancel"), ("get", "/api/v1/processing/jobs"),
    ("get", "/api/v1/results/files"), ("get", "/api/v1/results/data/{file_type}"),
    ("get", "/api/v1/results/download/{file_type}"), ("delete", "/api/v1/results/cleanup"),
    ("get", "/health"),
}


def test_swagger_json_complete(server):
    spec = httpx.get(server.url("/api/v1/swagger.json")).json()
    operations = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert operations == DOCUMENTED
    assert spec["info"]["version"] == "1.0.0"
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    start = spec["paths"]["/api/v1/processing/start"]["post"]
    assert start["requestBody"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/StartRequest"
    assert "mappings" in spec["components"]["schemas"]["StartRequest"]["properties"]
    assert "Mapping" in spec["components"]["schemas"]
    verify = spec["paths"]["/api/v1/auth/verify"]["get"]
    assert verify["security"] == [{"HTTPBearer": []}]
    assert "401" in verify["responses"]
    # Cleanup without an operation_id removes every finished job, not only the latest.
    cleanup = spec["paths"]["/api/v1/results/cleanup"]["delete"]["parameters"][0]
    assert "every finished job" in cleanup["description"]


def test_swagger_yaml_matches_json(server):
    as_json = httpx.get(server.url("/api/v1/swagger.json")).json()
    response = httpx.get(server.url("/api/v1/swagger.yaml"))
    assert response.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(response.text) == as_json


def test_swagger_ui_offline(server):
    page = httpx.get(server.url("/api/v1/docs/"))
    assert page.status_code == 200
    assert "/api/v1/swagger.json" in page.text
    assert not re.findall(r"https?://", page.text)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources
    for source in sources:
        assert source.startswith("/api/v1/docs/assets/"), f"{source} is not served locally"
        asset = httpx.get(server.url(source))
        assert asset.status_code == 200
        assert len(asset.content) > 100


def test_health(server):
    response = httpx.get(server.url("/health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["version"] == "1.0.0"
    assert body["components"] == {"upload_directory": "healthy", "metadata_database": "healthy",
                                  "worker_pool": "healthy", "rate_limiter": "healthy",
                                  "authentication": "healthy"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", body["timestamp"])


def test_errors_have_body(server):
    token = server.login()
    cases = [
        (httpx.get(server.url("/api/v1/nowhere")), 404, "/api/v1/nowhere"),
        (httpx.delete(server.url("/api/v1/auth/login")), 405, "DELETE"),
        (httpx.post(server.url("/api/v1/auth/login"), json={"username": "admin"}), 400, "password"),
        (httpx.post(server.url("/api/v1/auth/login"), content="{", headers={"Content-Type": "application/json"}), 400, "JSON"),
        (httpx.get(server.url("/api/v1/files/preview"), params={"rows": "many"},
                   headers={"Authorization": f"Bearer {token}"}), 400, "rows"),
    ]
    for response, status, fragment in cases:
        assert response.status_code == status, response.text
        body = response.json()
        assert set(body) == {"error", "details", "timestamp"}
        assert fragment in body["details"]


def test_swagger_errors_use_error_body(server):
    spec = httpx.get(server.url("/api/v1/swagger.json")).json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            name = f"{method.upper()} {path}"
            assert "422" not in responses, name
            for status, response in responses.items():
                if status.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, f"{name} {status}"
            if operation.get("parameters") or "requestBody" in operation:
                assert "400" in responses, name


def test_validation_error_matches_spec(server):
    """A validation failure really returns 400 with the fields of the documented error body."""
    spec = httpx.get(server.url("/api/v1/swagger.json")).json()
    documented = set(spec["components"]["schemas"]["ErrorBody"]["properties"])
    response = httpx.post(server.url("/api/v1/auth/login"), json={"username": "admin"})
    assert response.status_code == 400
    assert set(response.json()) == documented
