"""Paths of each user's uploads, job files and results under the data directory.

Every folder name below the data dir is generated (numeric user id, hex upload and job ids)
or checked by `check_output_name`, so no name from a request can reach outside a user's folder.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from engine.config import OUTPUT_NAME_RULE, is_output_name


@dataclass(frozen=True)
class Workspace:
    data_dir: Path

    def user_dir(self, user_id: int) -> Path:
        return self.data_dir / "users" / str(int(user_id))

    def upload_dir(self, user_id: int, upload_id: str) -> Path:
        return self.user_dir(user_id) / "uploads" / _hex_id(upload_id)

    def job_dir(self, user_id: int, job_id: str) -> Path:
        """Working folder of a job: its DuckDB file and temporary data."""
        return self.user_dir(user_id) / "jobs" / _hex_id(job_id)

    def result_dir(self, user_id: int, job_id: str, output_name: str) -> Path:
        """Folder of a job's result files: `<output_name>_<job id>` in the user's result folder."""
        check_output_name(output_name)
        return self.user_dir(user_id) / "results" / f"{output_name}_{_hex_id(job_id)}"


def check_output_name(name: str) -> str:
    """Return `name` if it is a plain folder name, else raise ValueError with the rule."""
    if not is_output_name(name):
        raise ValueError(f"output_path {name!r} is not allowed: it names a folder inside your "
                         f"result folder, not a path; {OUTPUT_NAME_RULE}")
    return name


def count_files(folder: Path) -> int:
    """Return how many regular files lie under `folder` (0 when it does not exist)."""
    if not folder.exists():
        return 0
    return sum(1 for path in folder.rglob("*") if path.is_file())


def remove_tree(folder: Path) -> int:
    """Delete `folder` and return how many files it held."""
    count = count_files(folder)
    shutil.rmtree(folder, ignore_errors=True)
    return count


def _hex_id(value: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{32}", value or ""):
        raise ValueError(f"id {value!r} is not 32 lowercase hex digits")
    return value
