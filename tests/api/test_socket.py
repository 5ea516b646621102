import threading

import httpx
import pytest
import socketio

from tests.api.server import SAMPLE_CONFIG, start_server, upload_sample, wait_for_status
from tests.jobs.pairs import NAME_CONFIG, write_pair


class Listener:
    """A real python-socketio client that records the job events it receives."""

    def __init__(self, server, token, headers=None):
        self.events: list[tuple[str, dict]] = []
        self.done = threading.Event()
        self.sio = socketio.Client(reconnection=False)
        for name in ("progress_update", "processing_complete", "processing_error", "processing_started"):
            self.sio.on(name, self._recorder(name))
        self.sio.connect(server.base, auth={"token": token} if token else None, headers=headers or {},
                         transports=["websocket"], wait_timeout=10)

    def _recorder(self, name):
        def record(data):
            self.events.append((name, data))
            if name in ("processing_complete", "processing_error"):
                self.done.set()
        return record

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def close(self):
        self.sio.disconnect()


def test_start_over_socket(server, client, user):
    upload_sample(client)
    listener = Listener(server, user[1])
    try:
        reply = listener.sio.call("start_processing", SAMPLE_CONFIG, timeout=30)
        assert reply["status"] == "starting"
        assert listener.done.wait(60)
    finally:
        listener.close()

    names = listener.names()
    assert names.count("progress_update") >= 1
    assert names[-1] == "processing_complete"
    complete = listener.events[-1][1]
    assert complete["operation_id"] == reply["operation_id"]
    assert complete["results"][0]["type"] == "matched"
    assert complete["results"][0]["count"] == 27


def test_events_reach_owner_only(server, client, user):
    _, other_token = server.new_user()
    other = Listener(server, other_token)
    owner = Listener(server, user[1])
    try:
        upload_sample(client)
        client.post("/api/v1/processing/start", json=SAMPLE_CONFIG)
        assert owner.done.wait(60)
    finally:
        owner.close()
        other.close()
    assert "processing_complete" in owner.names()
    assert other.events == []


def test_bad_config_over_socket(server, client, user):
    upload_sample(client)
    listener = Listener(server, user[1])
    try:
        reply = listener.sio.call("start_processing", {**SAMPLE_CONFIG, "threshold": 500}, timeout=30)
        assert listener.done.wait(10)
    finally:
        listener.close()
    assert reply["success"] is False
    assert "threshold" in reply["details"]
    assert listener.names() == ["processing_error"]


@pytest.mark.parametrize("token", [None, "", "not-a-jwt"])
def test_connect_needs_token(server, token):
    with pytest.raises(socketio.exceptions.ConnectionError):
        Listener(server, token)


@pytest.mark.parametrize("origin, status", [
    (None, 200),
    ("SELF", 200),
    ("http://evil.example", 400),
])
def test_origin_rule(server, origin, status):
    """Browsers from other origins are rejected at the Engine.IO handshake."""
    headers = {}
    if origin == "SELF":
        headers["Origin"] = server.base
    elif origin is not None:
        headers["Origin"] = origin
    response = httpx.get(server.url("/socket.io/"), params={"EIO": "4", "transport": "polling"}, headers=headers)
    assert response.status_code == status, response.text


def test_listed_origin_accepted(tmp_path):
    listed = start_server(tmp_path / "data", cors_origins="http://app.example, http://other.example")
    try:
        response = httpx.get(listed.url("/socket.io/"), params={"EIO": "4", "transport": "polling"},
                             headers={"Origin": "http://other.example"})
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "http://other.example"
    finally:
        listed.stop()


def test_cancel_over_socket(server, client, user, tmp_path):
    upload_sample(client, *write_pair(tmp_path / "pair", 20_000))
    operation_id = client.post("/api/v1/processing/start", json=NAME_CONFIG).json()["operation_id"]
    wait_for_status(client, operation_id, "processing")
    listener = Listener(server, user[1])
    try:
        reply = listener.sio.call("cancel_processing", timeout=30)
        assert listener.done.wait(40)
    finally:
        listener.close()
    assert reply == {"success": True, "message": "Processing cancelled successfully", "operation_id": operation_id}
    name, payload = listener.events[-1]
    assert name == "processing_error"
    assert payload["status"] == "cancelled"
    assert payload["operation_id"] == operation_id
