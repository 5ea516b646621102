"""The API document's own example clients, unmodified, against a real server on port 5000.

run-seed-clients.sh runs the Python, curl and Node clients and a Socket.IO check from the
shared folder beside the repository, and checks what they download against the sample data.
"""

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_SCRIPT = ROOT.parent / "shared" / "clients" / "run-seed-clients.sh"
PORT = 5000


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def api_on_5000(tmp_path):
    if port_in_use(PORT):
        pytest.fail(f"port {PORT} is in use; the example clients need it: stop what listens there")
    env = {**os.environ, "MOSLIK_DATA_DIR": str(tmp_path / "var"), "MOSLIK_ENV": "test",
           "MOSLIK_LOG_LEVEL": "warning"}
    log = (tmp_path / "api.log").open("wb")
    process = subprocess.Popen([str(ROOT / "scripts" / "run-api.sh")], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
    yield tmp_path / "api.log"
    process.terminate()
    process.wait(timeout=30)


def test_seed_clients_pass(api_on_5000):
    assert SEED_SCRIPT.exists(), f"{SEED_SCRIPT} is missing; the shared folder belongs beside the repository"
    result = subprocess.run(["bash", str(SEED_SCRIPT)], capture_output=True, text=True,
                            timeout=600, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for client in ("ok python", "ok curl", "ok node", "ok socket"):
        assert client in output, output
    assert "Traceback" not in api_on_5000.read_text()
