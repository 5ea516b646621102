"""The job runner: starts matches in worker processes and relays their progress.

The API and the Streamlit app each hold one runner. A job runs in its own `spawn`ed process,
so a long match never blocks a server's event loop. At most `max_concurrent` jobs run at once,
and the rest wait in order. Progress is written to the metadata store (so any process can read a
job's state) and passed to `listener` for live updates such as Socket.IO.
"""

import logging
import multiprocessing
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from engine.jobs.worker import run_job
from engine.store import Job, Store, Upload, new_id

logger = logging.getLogger(__name__)

Listener = Callable[[str, Job], None]
"""Called with an event name (`progress`, `completed`, `failed`, `cancelled`) and the job."""

RESTART_REASON = "the server restarted while this job was running; start it again"
STOP_REASON = "the server stopped while this job was running; start it again"
CANCEL_GRACE_S = 30.0
PROGRESS_STORE_INTERVAL_S = 0.25
POLL_S = 0.2
PROBE_VALID_S = 60.0


def waiting_message(ahead: int, max_concurrent: int) -> str:
    """Say why a job has not started: every worker is busy, `ahead` jobs before it in all."""
    waiting = ahead - max_concurrent
    queue = f"; {waiting} more queued before this one" if waiting else ""
    return (f"Waiting for a free worker ({max_concurrent} of {max_concurrent} busy{queue}). "
            "This job starts when a running job ends.")


class JobRunner:
    def __init__(self, store: Store, *, max_concurrent: int = 2, listener: Listener | None = None):
        self.store = store
        self.listener = listener
        self._context = multiprocessing.get_context("spawn")
        self._pool = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="moslik-job")
        self._max_concurrent = max_concurrent
        # Jobs handed to the pool and not yet finished: running ones and those waiting.
        self._submitted = 0
        self._cancel_events: dict[str, object] = {}
        self._processes: dict[str, multiprocessing.Process] = {}
        self._lock = threading.Lock()
        self._stopping = False
        self._last_probe_ok = float("-inf")

    def recover(self) -> list[str]:
        """Mark jobs left running by a dead runner as failed; finished results stay untouched."""
        return self.store.jobs.fail_orphans(RESTART_REASON)

    def start(self, user_id: int, upload: Upload, config: dict, output_name: str) -> Job:
        """Record a job for `upload` and queue it; `config` must already be validated."""
        job = self.store.jobs.create(new_id(), user_id, upload.id, config, output_name)
        request = {
            "job_id": job.id,
            "file1": str(upload.path(1)), "file2": str(upload.path(2)),
            "config": config,
            "job_dir": str(self.store.workspace.job_dir(user_id, job.id)),
            "out_dir": str(self.result_dir(job)),
            "display_names": [item.original_name for item in upload.files],
        }
        with self._lock:
            self._cancel_events[job.id] = self._context.Event()
            ahead = self._submitted
            self._submitted += 1
        if ahead >= self._max_concurrent:
            # The status stays `starting`, as documented, and the message gives the reason.
            self.store.jobs.set_waiting_message(job.id, waiting_message(ahead, self._max_concurrent))
            job = self.store.jobs.get(user_id, job.id)
        self._pool.submit(self._run_guarded, job.id, request)
        logger.info("job %s queued for user %s behind %d jobs", job.id, user_id, ahead)
        return job

    def healthy(self) -> bool:
        """Return whether the runner still takes jobs and a worker process can be spawned.

        Spawning takes a fraction of a second, so a success is trusted for a minute.
        """
        if self._stopping:
            return False
        if time.monotonic() - self._last_probe_ok < PROBE_VALID_S:
            return True
        probe = self._context.Process(target=_probe_worker)
        probe.start()
        probe.join(timeout=30)
        if probe.exitcode != 0:
            probe.kill()
            return False
        self._last_probe_ok = time.monotonic()
        return True

    def result_dir(self, job: Job) -> Path:
        return self.store.workspace.result_dir(job.user_id, job.id, job.output_name)

    def cancel(self, job: Job) -> bool:
        """Ask a job to stop; returns False when it has already finished."""
        if not self.store.jobs.request_cancel(job.id):
            return False
        with self._lock:
            event = self._cancel_events.get(job.id)
        if event is not None:
            event.set()
        logger.info("job %s: cancellation requested", job.id)
        return True

    def shutdown(self) -> None:
        """Stop every worker, mark its job failed and remove its partial files.

        Called when the server stops. Queued jobs that never started are marked failed too.
        """
        self._stopping = True
        with self._lock:
            processes = list(self._processes.values())
        for process in processes:
            process.terminate()
        # Each job's thread detects that its worker ended and records the failure (see _finish).
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.store.jobs.fail_orphans(STOP_REASON)

    def _run_guarded(self, job_id: str, request: dict) -> None:
        try:
            self._run(job_id, request)
        except Exception:
            logger.exception("job %s: the runner failed", job_id)
            self._finish(job_id, request, "failed", f"internal error in the job runner (job {job_id})")
        finally:
            with self._lock:
                self._cancel_events.pop(job_id, None)
                self._processes.pop(job_id, None)
                self._submitted -= 1

    def _run(self, job_id: str, request: dict) -> None:
        if self._stopping:
            return
        if self.store.jobs.cancel_requested(job_id):
            self._finish(job_id, request, "cancelled", "Processing cancelled successfully")
            return

        receiver, sender = self._context.Pipe(duplex=False)
        event = self._cancel_events[job_id]
        process = self._context.Process(target=run_job, args=(sender, request, event),
                                        name=f"moslik-job-{job_id[:8]}", daemon=True)
        process.start()
        sender.close()
        with self._lock:
            self._processes[job_id] = process
        logger.info("job %s started in worker process %s", job_id, process.pid)

        status, message, summary = self._follow(job_id, receiver, process, event)
        process.join(timeout=5)
        self._finish(job_id, request, status, message, summary)

    def _follow(self, job_id, receiver, process, event) -> tuple[str, str, dict | None]:
        """Relay the worker's messages until its final one, or until it dies."""
        relay = _ProgressRelay(self, job_id)
        cancel_seen_at = None
        checked_at = 0.0
        while True:
            if receiver.poll(POLL_S):
                try:
                    kind, payload = receiver.recv()
                except EOFError:
                    return _exit_failure(process)
                if kind == "completed":
                    return kind, "Processing completed", payload
                if kind == "failed":
                    return kind, payload["message"], _error_summary(payload["errors"])
                if kind != "progress":
                    return kind, payload, None
                relay.send(payload)
            elif not process.is_alive() and not receiver.poll(0):
                return _exit_failure(process)

            # A cancel may come from another process (the Streamlit app), through the store.
            # The store is read every POLL_S even while progress keeps arriving, so a job that
            # reports more often than that still gets such a cancel.
            now = time.monotonic()
            if cancel_seen_at is None and now - checked_at >= POLL_S:
                checked_at = now
                if event.is_set() or self.store.jobs.cancel_requested(job_id):
                    event.set()
                    cancel_seen_at = now
            if cancel_seen_at is not None and time.monotonic() - cancel_seen_at > CANCEL_GRACE_S:
                logger.warning("job %s ignored cancellation for %.0f s; terminating it", job_id, CANCEL_GRACE_S)
                process.terminate()
                return "cancelled", "Processing cancelled successfully", None

    def _finish(self, job_id: str, request: dict, status: str, message: str, summary: dict | None = None) -> None:
        if self._stopping and status != "completed":
            status, message, summary = "failed", STOP_REASON, None
        if status != "completed":
            # A cancelled or failed job keeps no partial files.
            shutil.rmtree(request["out_dir"], ignore_errors=True)
            shutil.rmtree(request["job_dir"], ignore_errors=True)
        self.store.jobs.finish(job_id, status, message, summary)
        self._notify(status, job_id)

    def _notify(self, event: str, job_id: str) -> None:
        if self.listener is None:
            return
        job = self.store.jobs.get_any(job_id)
        try:
            self.listener(event, job)
        except Exception:
            logger.exception("job %s: the %s listener failed", job_id, event)


class _ProgressRelay:
    """Stores progress at most every PROGRESS_STORE_INTERVAL_S (and at each new stage)."""

    def __init__(self, runner: JobRunner, job_id: str):
        self.runner = runner
        self.job_id = job_id
        self.last_stored = 0.0
        self.last_stage = None

    def send(self, update: dict) -> None:
        now = time.monotonic()
        if update["stage"] == self.last_stage and now - self.last_stored < PROGRESS_STORE_INTERVAL_S:
            return
        self.last_stored, self.last_stage = now, update["stage"]
        self.runner.store.jobs.update_progress(
            self.job_id, stage=update["stage"], percent=float(update["percent"]),
            message=update["message"], elapsed=float(update["elapsed"]), remaining=update["remaining"])
        self.runner._notify("progress", self.job_id)


def _probe_worker() -> None:
    """Body of the health check's worker process: starting and exiting cleanly is the test."""


def _error_summary(errors: list[dict]) -> dict | None:
    """Return the summary a failed job stores: the engine's messages with their catalogue keys.

    The API reads a job's summary only once the job has completed, so its responses do not change.
    """
    return {"errors": errors} if errors else None


def _exit_failure(process) -> tuple[str, str, None]:
    process.join(timeout=5)
    return "failed", f"the worker process stopped unexpectedly (exit code {process.exitcode})", None
