"""A real uvicorn server in a subprocess, on a free 127.0.0.1 port, with its own data dir."""

import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SAMPLE_CONFIG = {
    "mappings": [{"file1_col": "name", "file2_col": "full_name", "match_type": "fuzzy"}],
    "output_cols1": ["name", "age"],
    "output_cols2": ["full_name", "email"],
    "threshold": 80,
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    base: str
    data_dir: Path
    process: subprocess.Popen
    log: Path

    def url(self, path: str) -> str:
        return self.base + path

    def login(self, username: str = "admin", password: str = "admin123") -> str:
        response = httpx.post(self.url("/api/v1/auth/login"), json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def client(self, token: str | None = None, **kwargs) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=30, **kwargs)

    def new_user(self, role: str = "user") -> tuple[str, str]:
        """Create a user through the admin API and return (username, token)."""
        name = f"user-{uuid.uuid4().hex[:10]}"
        with self.client(self.login()) as admin:
            response = admin.post("/api/v1/auth/users", json={"username": name, "password": "secret-1", "role": role})
        assert response.status_code == 201, response.text
        return name, self.login(name, "secret-1")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(data_dir: Path, **settings: str) -> Server:
    """Start uvicorn with MOSLIK_* settings (`max_upload_mb="1"` sets MOSLIK_MAX_UPLOAD_MB)."""
    port = free_port()
    env = {**os.environ, "MOSLIK_DATA_DIR": str(data_dir), "MOSLIK_ENV": "test"}
    env.update({f"MOSLIK_{key.upper()}": value for key, value in settings.items()})
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir.parent / f"server-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_server",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", data_dir, process, log)
    _wait_ready(server)
    return server


def _wait_ready(server: Server, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited with {server.process.returncode}:\n{server.log.read_text()}")
        try:
            httpx.get(server.url("/health"), timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the server did not answer within {timeout_s} s:\n{server.log.read_text()}")


def upload_sample(client: httpx.Client, file1: Path = EXAMPLES / "data1.csv",
                  file2: Path = EXAMPLES / "data2.json") -> httpx.Response:
    with file1.open("rb") as first, file2.open("rb") as second:
        return client.post("/api/v1/files/upload", files={"file1": (file1.name, first), "file2": (file2.name, second)})


def wait_for_job(client: httpx.Client, operation_id: str | None = None, timeout_s: float = 60) -> dict:
    """Poll the status until the job finishes; bounded by `timeout_s`."""
    params = {"operation_id": operation_id} if operation_id else {}
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        status = client.get("/api/v1/processing/status", params=params).json()
        if status["status"] in ("completed", "failed", "cancelled"):
            return status
        time.sleep(0.3)
    raise AssertionError(f"job {operation_id} did not finish within {timeout_s} s")


def assert_error(response, status: int) -> dict:
    """Check the status and the error body `{error, details, timestamp}`; return the body."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "details", "timestamp"}
    assert body["details"]
    assert "Traceback" not in body["details"]
    return body


def wait_for_status(client: httpx.Client, operation_id: str, status: str, timeout_s: float = 30) -> dict:
    """Poll until the job reaches `status` (such as `processing`); bounded by `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        current = client.get("/api/v1/processing/status", params={"operation_id": operation_id}).json()
        if current["status"] == status:
            return current
        time.sleep(0.1)
    raise AssertionError(f"job {operation_id} never reached {status!r} within {timeout_s} s")
