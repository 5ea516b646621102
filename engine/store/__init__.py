"""The metadata store shared by the API and the Streamlit app: users, uploads and jobs.

`Store.open(settings)` gives one object with `users`, `uploads` and `jobs`, all backed by
one SQLite file in WAL mode under the data directory.
"""

from dataclasses import dataclass
from pathlib import Path

from engine.store.database import Database
from engine.store.jobs import Job, JobStore
from engine.store.uploads import StoredFile, Upload, UploadStore, new_id
from engine.store.users import User, UserStore
from engine.store.workspace import Workspace

DATABASE_NAME = "metadata.sqlite3"


@dataclass(frozen=True)
class Store:
    db: Database
    workspace: Workspace
    users: UserStore
    uploads: UploadStore
    jobs: JobStore

    @classmethod
    def open(cls, data_dir: Path) -> "Store":
        data_dir = Path(data_dir)
        db = Database(data_dir / DATABASE_NAME)
        workspace = Workspace(data_dir)
        return cls(db=db, workspace=workspace, users=UserStore(db),
                   uploads=UploadStore(db, workspace), jobs=JobStore(db))


__all__ = ["DATABASE_NAME", "Job", "Store", "StoredFile", "Upload", "User", "Workspace", "new_id"]
