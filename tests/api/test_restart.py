import os
import signal

from tests.api.server import (
    SAMPLE_CONFIG,
    start_server,
    upload_sample,
    wait_for_job,
    wait_for_status,
)
from tests.jobs.pairs import NAME_CONFIG, write_pair


def test_restart_fails_running_keeps_finished(tmp_path):
    data_dir = tmp_path / "data"
    first = start_server(data_dir)
    try:
        client = first.client(first.login())
        upload_sample(client)
        done = client.post("/api/v1/processing/start", json=SAMPLE_CONFIG).json()["operation_id"]
        assert wait_for_job(client, done)["status"] == "completed"

        upload_sample(client, *write_pair(tmp_path / "pair", 20_000))
        running = client.post("/api/v1/processing/start", json=NAME_CONFIG).json()["operation_id"]
        wait_for_status(client, running, "processing")
    finally:
        # SIGKILL: the server gets no chance to clean up, as in a crash.
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait()

    second = start_server(data_dir)
    try:
        client = second.client(second.login())
        failed = client.get("/api/v1/processing/status", params={"operation_id": running}).json()
        assert failed["status"] == "failed"
        assert "restarted" in failed["message"]

        kept = client.get("/api/v1/processing/status", params={"operation_id": done}).json()
        assert kept["status"] == "completed"
        download = client.get("/api/v1/results/download/matched", params={"operation_id": done})
        assert download.status_code == 200
        assert len(download.json()) == 27
        assert client.get("/api/v1/auth/verify").status_code == 200
    finally:
        second.stop()
