"""Exporting results for the app's download buttons. Jobs and uploads are deleted by engine.store.cleanup."""

import tempfile
from pathlib import Path

from engine import output, review


def export_bytes(job_dir: Path, file_type: str, fmt: str) -> bytes:
    """Return the current `file_type` result, decisions included, as a file in `fmt`.

    NOTE: the whole file is held in memory, because Streamlit's download button sends bytes.
    Take a result of several GB from the API's download route instead.
    """
    with tempfile.TemporaryDirectory(prefix="moslik-export-") as folder:
        path = Path(folder) / f"{file_type}{output.EXTENSIONS[fmt]}"
        review.export_result(Path(job_dir), file_type, fmt, path)
        return path.read_bytes()
