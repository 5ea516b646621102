"""Exporting results and deleting jobs and uploads, the way the API's results routes do."""

import logging
import tempfile
from pathlib import Path

from engine import output, review
from engine.store import Job, Store
from engine.store.workspace import remove_tree

logger = logging.getLogger(__name__)


def export_bytes(job_dir: Path, file_type: str, fmt: str) -> bytes:
    """Return the current `file_type` result, decisions included, as a file in `fmt`.

    NOTE: the whole file is held in memory, because Streamlit's download button sends bytes.
    Take a result of several GB from the API's download route instead.
    """
    with tempfile.TemporaryDirectory(prefix="moslik-export-") as folder:
        path = Path(folder) / f"{file_type}{output.EXTENSIONS[fmt]}"
        review.export_result(Path(job_dir), file_type, fmt, path)
        return path.read_bytes()


def delete_job(store: Store, job: Job) -> int:
    """Delete a finished job's result files, working files and record; returns files removed."""
    removed = remove_tree(store.workspace.result_dir(job.user_id, job.id, job.output_name))
    remove_tree(store.workspace.job_dir(job.user_id, job.id))
    store.jobs.delete(job.user_id, job.id)
    logger.info("user %s deleted job %s in the app", job.user_id, job.id)
    return removed


def clean_up(store: Store, user_id: int) -> tuple[int, int]:
    """Delete every finished job and every upload no running job reads; returns (jobs, uploads)."""
    jobs = store.jobs.list_for(user_id)
    busy_uploads = {job.upload_id for job in jobs if job.active}
    finished = [job for job in jobs if not job.active]
    for job in finished:
        delete_job(store, job)

    uploads = [item for item in store.uploads.list_for(user_id) if item.id not in busy_uploads]
    for item in uploads:
        remove_tree(item.folder)
        store.uploads.delete(user_id, item.id)
    logger.info("user %s cleaned up %d jobs and %d uploads in the app", user_id, len(finished), len(uploads))
    return len(finished), len(uploads)
