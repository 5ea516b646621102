"""Deleting jobs and uploads: the API's cleanup route and the app's Jobs page both delete through here."""

import logging
from dataclasses import dataclass

from engine import connection_cache
from engine.pipeline import JOB_DB
from engine.store import Job, Store
from engine.store.errors import JobNotFound
from engine.store.workspace import remove_tree

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanupCounts:
    """Counts of a clean-up: the jobs and uploads deleted, and the result and upload files in them."""

    jobs: int
    uploads: int
    result_files: int
    upload_files: int


def delete_job(store: Store, job: Job) -> int:
    """Delete a job's result files, working files and record, and return how many result files it had.

    The caller checks that the job is not running, because a running job would write again.
    """
    removed = remove_tree(store.workspace.result_dir(job.user_id, job.id, job.output_name))
    job_dir = store.workspace.job_dir(job.user_id, job.id)
    # A connection this process keeps open would hold the deleted file's space until it closed.
    connection_cache.close(job_dir / JOB_DB)
    remove_tree(job_dir)
    store.jobs.delete(job.user_id, job.id)
    logger.info("user %s deleted job %s (%d result files)", job.user_id, job.id, removed)
    return removed


def delete_upload(store: Store, user_id: int, upload_id: str) -> int | None:
    """Delete an upload's files and record, and return how many files it had, or None when it is gone."""
    upload = store.uploads.get(user_id, upload_id)
    if upload is None:
        return None
    removed = remove_tree(upload.folder)
    store.uploads.delete(user_id, upload_id)
    return removed


def clean_up(store: Store, user_id: int, job_id: str | None = None) -> CleanupCounts:
    """Delete the user's finished jobs and their uploads, or only job `job_id` and its upload.

    Without `job_id`, every upload of the user goes too. Running jobs are kept, and so is every
    upload that a job left in place (running, or another job than `job_id`) reads. Raises
    JobNotFound when the user has no job `job_id`.
    """
    everything = store.jobs.list_for(user_id)
    if job_id is None:
        jobs, upload_ids = everything, {item.id for item in store.uploads.list_for(user_id)}
    else:
        jobs = [job for job in everything if job.id == job_id]
        if not jobs:
            raise JobNotFound(job_id)
        upload_ids = {job.upload_id for job in jobs}

    finished = [job for job in jobs if not job.active]
    deleted_ids = {job.id for job in finished}
    still_read = {job.upload_id for job in everything if job.id not in deleted_ids}
    result_files = sum(delete_job(store, job) for job in finished)
    removed = [delete_upload(store, user_id, upload_id) for upload_id in sorted(upload_ids - still_read)]
    deleted = [count for count in removed if count is not None]

    logger.info("user %s cleaned up %d jobs and %d uploads", user_id, len(finished), len(deleted))
    return CleanupCounts(jobs=len(finished), uploads=len(deleted),
                         result_files=result_files, upload_files=sum(deleted))
