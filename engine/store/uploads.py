"""Uploaded file pairs: the original names as metadata, the bytes under generated names."""

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from engine.store.database import Database, query, utc_now


@dataclass(frozen=True)
class StoredFile:
    slot: int
    original_name: str
    stored_name: str
    file_type: str
    encoding: str | None
    delimiter: str | None
    size_bytes: int


@dataclass(frozen=True)
class Upload:
    id: str
    user_id: int
    created_at: str
    files: tuple[StoredFile, ...]
    folder: Path

    def path(self, slot: int) -> Path:
        return self.folder / self.files[slot - 1].stored_name


def new_id() -> str:
    """Return a new upload or job id: 32 lowercase hex digits."""
    return uuid.uuid4().hex


class UploadStore:
    def __init__(self, db: Database, workspace):
        self.db = db
        self.workspace = workspace

    def add(self, user_id: int, upload_id: str, files: list[StoredFile]) -> Upload:
        """Record an upload whose files already lie in `workspace.upload_dir(user_id, upload_id)`."""
        with self.db.connect() as con:
            con.execute(query("uploads", "insert_upload"), (upload_id, user_id, utc_now()))
            for item in files:
                con.execute(query("uploads", "insert_upload_file"), (
                    upload_id, item.slot, item.original_name, item.stored_name, item.file_type,
                    item.encoding, item.delimiter, item.size_bytes))
        return self.get(user_id, upload_id)

    def get(self, user_id: int, upload_id: str) -> Upload | None:
        """Return the user's upload, or None when it does not exist or belongs to someone else."""
        with self.db.connect() as con:
            row = con.execute(query("uploads", "upload_by_id"), (upload_id, user_id)).fetchone()
            return self._upload(con, row)

    def latest(self, user_id: int) -> Upload | None:
        with self.db.connect() as con:
            return self._upload(con, con.execute(query("uploads", "latest_upload"), (user_id,)).fetchone())

    def list_for(self, user_id: int) -> list[Upload]:
        with self.db.connect() as con:
            rows = con.execute(query("uploads", "uploads_of_user"), (user_id,)).fetchall()
            return [self._upload(con, row) for row in rows]

    def delete(self, user_id: int, upload_id: str) -> None:
        with self.db.connect() as con:
            con.execute(query("uploads", "delete_upload"), (upload_id, user_id))

    def _upload(self, con: sqlite3.Connection, row: sqlite3.Row | None) -> Upload | None:
        if row is None:
            return None
        files = tuple(StoredFile(**dict(item)) for item in con.execute(query("uploads", "files_of_upload"), (row["id"],)))
        folder = self.workspace.upload_dir(row["user_id"], row["id"])
        return Upload(id=row["id"], user_id=row["user_id"], created_at=row["created_at"], files=files, folder=folder)
