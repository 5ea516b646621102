"""Errors of the metadata store; each message names the value and the fix."""

from engine.errors import MoslikError


class StoreError(MoslikError):
    """A request to the user, upload or job store cannot be carried out."""


class InvalidPassword(StoreError):
    """A password breaks a rule: shorter than 8 characters, or longer than bcrypt's 72 bytes."""


class InvalidUsername(StoreError):
    """A new username has characters or a length that is not allowed."""


class UserExists(StoreError):
    """A user with that name is already in the store."""


class UserNotFound(StoreError):
    """No user has that name."""


class DefaultAdminRejected(StoreError):
    """A production start found no user, or found admin/admin123 still working."""


class PasswordSourceError(MoslikError):
    """A command cannot read a new password: no terminal to ask at, or an empty MOSLIK_NEW_PASSWORD.

    Not a StoreError, so `moslik` reports it as bad input (exit status 2).
    """


class JobNotFound(StoreError):
    """The user has no job with that id."""

    def __init__(self, job_id: str):
        super().__init__(f"job {job_id} not found among your jobs; use the id of one of your jobs",
                         key="store.job_not_found", params={"job_id": job_id})
        self.job_id = job_id


class UploadRejected(StoreError):
    """One file of an uploaded pair cannot be stored, so nothing of the pair is kept.

    `reason` is "too_large", "empty" or "unsupported". `slot` is 1 or 2, `original_name` the
    name the client sent, and `limit_bytes` the per-file limit in force. `params` always
    contain `slot` and `name`.
    """

    reason = ""

    def __init__(self, message: str, *, slot: int, original_name: str, limit_bytes: int,
                 key: str, params: dict | None = None):
        super().__init__(message, key=key, params={"slot": slot, "name": original_name, **(params or {})})
        self.slot = slot
        self.original_name = original_name
        self.limit_bytes = limit_bytes

    @property
    def limit_mb(self) -> int:
        return self.limit_bytes // (1024 * 1024)


class UploadTooLarge(UploadRejected):
    """The file has more bytes than the per-file upload limit."""

    reason = "too_large"


class EmptyUpload(UploadRejected):
    """The file has no bytes at all."""

    reason = "empty"


class UnsupportedUpload(UploadRejected):
    """The file is not CSV/TSV, JSON, XLSX or Parquet. `problem` is the ingest error, which names the original name."""

    reason = "unsupported"

    def __init__(self, message: str, *, slot: int, original_name: str, limit_bytes: int, problem: MoslikError):
        # The ingest error is a parameter as it is, so a face can translate it too.
        super().__init__(message, slot=slot, original_name=original_name, limit_bytes=limit_bytes,
                         key="store.unsupported_upload", params={"problem": problem})
        self.problem = problem
