"""Atomic file writes: the final path gets the whole file or is left as it was."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`, then move it onto `path` if the block succeeds.

    The temporary file lives in the same folder so that os.replace is a rename on one file
    system. If the block raises, the temporary file is removed and an existing file at `path`
    is left unchanged. The file is flushed to disk before the rename, so a crash cannot leave
    a truncated file under the final name. mkstemp creates the file readable by its owner
    only; before the rename it gets the mode a plain open() would give under the umask.
    """
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _fsync(temporary)
        temporary.chmod(0o666 & ~_current_umask())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def _current_umask() -> int:
    # os.umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
