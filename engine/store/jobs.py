"""Processing jobs and their state: starting, processing, completed, failed or cancelled."""

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.store.database import Database, query, utc_now

logger = logging.getLogger(__name__)

ACTIVE = ("starting", "processing")
FINISHED = ("completed", "failed", "cancelled")


@dataclass(frozen=True)
class Job:
    id: str
    user_id: int
    upload_id: str
    status: str
    stage: str
    progress: float
    message: str
    elapsed: float
    remaining: float | None
    config: dict[str, Any]
    output_name: str
    summary: dict[str, Any] | None
    cancel_requested: bool
    runner_pid: int | None
    created_at: str
    finished_at: str | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def seconds_since_created(self) -> float:
        """Seconds from the job's creation to its end, or to now while it is active.

        Unlike `elapsed`, which the job stores with each progress update, this also grows
        between updates and while the job waits to start.
        """
        end = self.finished_at or utc_now()
        return max(0.0, (_instant(end) - _instant(self.created_at)).total_seconds())


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _job(row: sqlite3.Row | None) -> Job | None:
    if row is None:
        return None
    values = dict(row)
    values["config"] = json.loads(values["config"])
    values["summary"] = json.loads(values["summary"]) if values["summary"] else None
    values["cancel_requested"] = bool(values["cancel_requested"])
    return Job(**values)


def _process_alive(pid: int | None) -> bool:
    # A job recorded with this process's own pid came from an earlier process that got the
    # same pid, as a server running as pid 1 in a container does on every start.
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class JobStore:
    def __init__(self, db: Database):
        self.db = db

    def create(self, job_id: str, user_id: int, upload_id: str, config: dict, output_name: str) -> Job:
        """Record a new job as `starting`, owned by this process's runner."""
        with self.db.connect() as con:
            con.execute(query("jobs", "insert_job"), (
                job_id, user_id, upload_id, "Initializing processing...", json.dumps(config),
                output_name, os.getpid(), utc_now()))
        return self.get(user_id, job_id)

    def get(self, user_id: int, job_id: str) -> Job | None:
        """Return the user's job, or None when it does not exist or belongs to someone else."""
        with self.db.connect() as con:
            return _job(con.execute(query("jobs", "job_by_id"), (job_id, user_id)).fetchone())

    def get_any(self, job_id: str) -> Job | None:
        """Return a job of any user; for the runner only, never for a request."""
        with self.db.connect() as con:
            return _job(con.execute(query("jobs", "job_by_id_any_user"), (job_id,)).fetchone())

    def latest(self, user_id: int) -> Job | None:
        with self.db.connect() as con:
            return _job(con.execute(query("jobs", "latest_job"), (user_id,)).fetchone())

    def list_for(self, user_id: int) -> list[Job]:
        with self.db.connect() as con:
            return [_job(row) for row in con.execute(query("jobs", "jobs_of_user"), (user_id,))]

    def update_progress(self, job_id: str, *, stage: str, percent: float, message: str,
                        elapsed: float, remaining: float | None) -> None:
        """Store progress of an active job; a finished job keeps its final state."""
        with self.db.connect() as con:
            con.execute(query("jobs", "update_progress"), (
                "processing", stage, percent, message, elapsed, remaining, job_id))

    def set_waiting_message(self, job_id: str, message: str) -> None:
        """Change the message of a job that has not started yet; a started job keeps its own."""
        with self.db.connect() as con:
            con.execute(query("jobs", "update_waiting_message"), (message, job_id))

    def finish(self, job_id: str, status: str, message: str, summary: dict | None = None) -> None:
        if status not in FINISHED:
            raise ValueError(f"status {status!r} is not a final state; use one of {FINISHED}")
        progress = 100 if status == "completed" else None
        with self.db.connect() as con:
            current = con.execute(query("jobs", "job_by_id_any_user"), (job_id,)).fetchone()
            if current is None:
                return
            con.execute(query("jobs", "finish_job"), (
                status, message, json.dumps(summary) if summary is not None else None,
                progress if progress is not None else current["progress"], utc_now(), job_id))
        logger.info("job %s %s: %s", job_id, status, message)

    def request_cancel(self, job_id: str) -> bool:
        """Flag an active job for cancellation; returns False when it has already finished."""
        with self.db.connect() as con:
            return con.execute(query("jobs", "request_cancel"), (job_id,)).rowcount > 0

    def cancel_requested(self, job_id: str) -> bool:
        with self.db.connect() as con:
            row = con.execute(query("jobs", "cancel_requested"), (job_id,)).fetchone()
        return bool(row and row[0])

    def fail_orphans(self, reason: str) -> list[str]:
        """Mark as failed every unfinished job whose runner process is no longer alive.

        Called when a server starts. The API and the Streamlit app each run their own runner,
        so a job whose runner process still runs is left alone.
        """
        with self.db.connect() as con:
            rows = con.execute(query("jobs", "unfinished_jobs")).fetchall()
            orphans = [row["id"] for row in rows if not _process_alive(row["runner_pid"])]
            for job_id in orphans:
                con.execute(query("jobs", "fail_unfinished_job"), (reason, utc_now(), job_id))
        for job_id in orphans:
            logger.warning("job %s marked failed: %s", job_id, reason)
        return orphans

    def delete(self, user_id: int, job_id: str) -> None:
        with self.db.connect() as con:
            con.execute(query("jobs", "delete_job"), (job_id, user_id))
