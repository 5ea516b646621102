import base64
import json
import time

import pytest
from jose import jwt

from tests.api.server import assert_error, start_server

ADMIN_ID = 1  # the default admin is the first user of a new data dir


def _secret(server) -> str:
    return (server.data_dir / "jwt_secret").read_text(encoding="ascii").strip()


def _unsigned(claims: dict) -> str:
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def test_login_returns_token(server):
    response = server.client().post("/api/v1/auth/login", json={"username": "admin", "password": "admin123"})
    assert response.status_code == 200
    body = response.json()
    assert body["expires_in"] == 86400
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "HS256"


def test_login_errors_uniform(server):
    client = server.client()
    wrong = client.post("/api/v1/auth/login", json={"username": "admin", "password": "nope"})
    unknown = client.post("/api/v1/auth/login", json={"username": "ghost", "password": "nope"})
    assert assert_error(wrong, 401)["details"] == assert_error(unknown, 401)["details"]


def test_login_long_password(server):
    response = server.client().post("/api/v1/auth/login", json={"username": "admin", "password": "x" * 73})
    assert "72" in assert_error(response, 400)["details"]


def test_verify_token(server):
    token = server.login()
    response = server.client(token).get("/api/v1/auth/verify")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["user"] == "admin"
    assert abs(body["expires_at"] - (time.time() + 86400)) < 60


@pytest.mark.parametrize("case", ["missing", "malformed", "expired", "wrong_key", "alg_none", "no_exp", "unknown_user"])
def test_bad_tokens_rejected(server, case):
    now = int(time.time())
    claims = {"sub": "admin", "uid": ADMIN_ID, "iat": now, "exp": now + 600}
    tokens = {
        "missing": None,
        "malformed": "not-a-jwt",
        "expired": jwt.encode({**claims, "exp": now - 10}, _secret(server), algorithm="HS256"),
        "wrong_key": jwt.encode(claims, "another-secret", algorithm="HS256"),
        "alg_none": _unsigned(claims),
        "no_exp": jwt.encode({k: v for k, v in claims.items() if k != "exp"}, _secret(server), algorithm="HS256"),
        "unknown_user": jwt.encode({**claims, "uid": 9999, "sub": "ghost"}, _secret(server), algorithm="HS256"),
    }
    response = server.client(tokens[case]).get("/api/v1/auth/verify")
    assert_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_user_management(server):
    admin = server.client(server.login())
    created = admin.post("/api/v1/auth/users", json={"username": "nodira", "password": "secret-1"})
    assert created.status_code == 201
    assert created.json()["role"] == "user"
    assert "nodira" in [item["username"] for item in admin.get("/api/v1/auth/users").json()]

    token = server.login("nodira", "secret-1")
    assert admin.post("/api/v1/auth/users/nodira/disable").json()["disabled"] is True
    assert_error(server.client(token).get("/api/v1/auth/verify"), 401)
    assert_error(server.client().post("/api/v1/auth/login", json={"username": "nodira", "password": "secret-1"}), 401)

    admin.post("/api/v1/auth/users/nodira/enable")
    time.sleep(1.1)  # token times are whole seconds
    reset = admin.put("/api/v1/auth/users/nodira/password", json={"password": "secret-2"})
    assert reset.status_code == 200
    assert "password changed" in assert_error(server.client(token).get("/api/v1/auth/verify"), 401)["details"]
    assert server.client(server.login("nodira", "secret-2")).get("/api/v1/auth/verify").status_code == 200


@pytest.mark.parametrize("body, fragment", [
    ({"username": "admin", "password": "secret-1"}, "already exists"),
    ({"username": "../root", "password": "secret-1"}, "not allowed"),
    ({"username": "longpass", "password": "é" * 40}, "72"),
    ({"username": "badrole", "password": "secret-1", "role": "root"}, "role"),
])
def test_create_user_errors(server, body, fragment):
    response = server.client(server.login()).post("/api/v1/auth/users", json=body)
    assert fragment in assert_error(response, 400)["details"]


def test_user_admin_needs_role(server, user):
    client = server.client(user[1])
    assert_error(client.get("/api/v1/auth/users"), 403)
    assert_error(client.post("/api/v1/auth/users", json={"username": "x1", "password": "secret-1"}), 403)
    assert_error(client.post("/api/v1/auth/users/admin/disable"), 403)
    assert_error(client.put("/api/v1/auth/users/admin/password", json={"password": "hacked"}), 403)


def test_unknown_user_404(server):
    response = server.client(server.login()).post("/api/v1/auth/users/ghost/disable")
    assert "ghost" in assert_error(response, 404)["details"]


def test_production_rejects_default_admin(tmp_path):
    with pytest.raises(RuntimeError) as caught:
        start_server(tmp_path / "data", env="production")
    assert "moslik users add" in str(caught.value)


SECRET = "hunter2-Secret-9431"


@pytest.mark.parametrize("content_type, body", [
    ("application/x-www-form-urlencoded", f"username=admin&password={SECRET}"),
    ("text/plain", f"password={SECRET}"),
    ("application/json", json.dumps(SECRET)),
    ("application/json", json.dumps({"username": "admin", "password": {"value": SECRET}})),
    ("application/json", json.dumps({"username": "admin", "password": 123456789012})),
])
def test_login_error_hides_body(server, content_type, body):
    response = server.client().post("/api/v1/auth/login", content=body, headers={"Content-Type": content_type})
    details = assert_error(response, 400)["details"]
    assert SECRET not in details
    assert "123456789012" not in details
    assert "password=" not in details


def test_cut_json_login_names_the_fix(server):
    response = server.client().post("/api/v1/auth/login", content='{"username":',
                                    headers={"Content-Type": "application/json"})
    details = assert_error(response, 400)["details"]
    assert details.startswith("request body: invalid JSON at character 12 (")
    assert details.endswith("send a JSON object")


def test_form_login_says_json(server):
    response = server.client().post("/api/v1/auth/login", data={"username": "admin", "password": "admin123"})
    details = assert_error(response, 400)["details"]
    assert "admin123" not in details
    assert "JSON object" in details
    assert "application/json" in details


def test_body_errors_hide_secrets(server):
    """Every operation with a request body rejects a form body without echoing it."""
    spec = server.client().get("/api/v1/swagger.json").json()
    operations = [(method, path.replace("{username}", "admin"))
                  for path, item in spec["paths"].items() for method, operation in item.items()
                  if "requestBody" in operation]
    assert len(operations) >= 5
    admin = server.client(server.login())
    for method, path in operations:
        for body in (f"username=admin&password={SECRET}", json.dumps({"password": 987654321, "token": SECRET})):
            response = admin.request(method, path, content=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert response.status_code in (400, 404), f"{method} {path}: {response.text}"
            details = assert_error(response, response.status_code)["details"]
            assert SECRET not in details, f"{method} {path}: {details}"
            assert "987654321" not in details, f"{method} {path}: {details}"


@pytest.mark.parametrize("path, body", [
    ("/api/v1/auth/users", {"username": "numeric", "password": 123456789012}),
    ("/api/v1/auth/users", {"username": "nested", "password": {"token": SECRET}}),
])
def test_user_body_errors_hide_password(server, path, body):
    details = assert_error(server.client(server.login()).post(path, json=body), 400)["details"]
    assert "password" in details
    assert "123456789012" not in details
    assert SECRET not in details


@pytest.mark.parametrize("case", ["undecodable", "malformed", "expired", "wrong_key", "alg_none"])
def test_bad_token_message_plain(server, case):
    now = int(time.time())
    claims = {"sub": "admin", "uid": ADMIN_ID, "iat": now, "exp": now + 600}
    tokens = {
        "undecodable": "gQ.gQ.gQ",  # base64 of byte 0x81, which is not UTF-8
        "malformed": "not-a-jwt",
        "expired": jwt.encode({**claims, "exp": now - 10}, _secret(server), algorithm="HS256"),
        "wrong_key": jwt.encode(claims, "another-secret", algorithm="HS256"),
        "alg_none": _unsigned(claims),
    }
    response = server.client(tokens[case]).get("/api/v1/auth/verify")
    assert assert_error(response, 401)["details"] == "invalid or expired token; log in again to get a new one"


@pytest.mark.parametrize("password, status", [
    ("a", 400),
    ("7-chars", 400),
    ("8-chars!", 201),
])
def test_create_user_password_length(server, password, status):
    name = f"len-{len(password)}-{status}"
    response = server.client(server.login()).post("/api/v1/auth/users", json={"username": name, "password": password})
    assert response.status_code == status, response.text
    if status == 400:
        assert "8 characters" in assert_error(response, 400)["details"]


def test_reset_password_too_short(server):
    admin = server.client(server.login())
    assert admin.post("/api/v1/auth/users", json={"username": "shortreset", "password": "secret-1"}).status_code == 201
    response = admin.put("/api/v1/auth/users/shortreset/password", json={"password": "abc"})
    assert "8 characters" in assert_error(response, 400)["details"]
