"""The app and the API as real servers on free 127.0.0.1 ports, sharing one data dir."""

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60


@dataclass
class Server:
    name: str
    base: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        """Stop the server started by this test, by its pid."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def start_server(name: str, script: str, env: dict[str, str], health_path: str, port: int, log_dir: Path) -> Server:
    """Run `scripts/<script>` with `env` and wait until `health_path` returns 200."""
    log = log_dir / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(ROOT / "scripts" / script)], cwd=ROOT, env={**os.environ, **env},
                                   stdout=out, stderr=subprocess.STDOUT)
    server = Server(name, f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with code {process.returncode}; its log:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(server.base + health_path, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{name} did not answer {health_path} within {START_TIMEOUT_S} s; log:\n{log.read_text()[-3000:]}")
