"""Open DuckDB connections to finished jobs' files, kept between requests in one process.

Opening a job's file costs tens of milliseconds, and a fresh connection reads every index
block from disk again, which is most of a result page's time on a large job. So this process
keeps up to MAX_OPEN connections, least recently used first out, and closes one that has been
idle for IDLE_CLOSE_S.

DuckDB allows one mode per file and process: a second connection in this process with another
`read_only` setting is refused. So an entry has one connection, read-only until a write requests
it and read-write after that; reads use either. A connection is reused only while the
file's inode, size and modification time are those seen when it was last released. A job
whose file was deleted or replaced by a new run is therefore reopened or reported missing,
never served from the old file.

DuckDB also locks the file against other processes while a connection is open: a read-write
connection against every other process, a read-only one against other processes' writers. So
`open_connection`, when DuckDB refuses it for that lock, touches a release request file beside
the database and retries for up to OPEN_WAIT_S. The process holding the lock closes its idle
connection at its next check, every CHECK_S, and so another process waits well under a second
for it instead of failing or waiting out IDLE_CLOSE_S.
"""

import atexit
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from engine.db import connect
from engine.errors import MoslikError

logger = logging.getLogger(__name__)

MAX_OPEN = 4
# Long enough to keep the connection and its temporary scores between an analyst's slider
# moves: reopening costs a threshold change the scoring of every pair again.
IDLE_CLOSE_S = 60.0
CHECK_S = 0.1
OPEN_WAIT_S = 15.0
RELEASE_REQUEST = ".release-request"
# With DuckDB's default of 16 MiB, re-selections of 1,000,000 pairs checkpoint inside requests
# every few calls. At this size the idle close checkpoints instead, which made a weight change
# about 10 ms faster (median of 5, 1,079,261 pairs, 2-core bench machine).
CHECKPOINT_THRESHOLD = "256MiB"
# DuckDB 2.0.1 reports another process's lock on the file as an IOException with this text.
LOCK_CONFLICT = "Could not set lock on file"


@dataclass
class _Entry:
    connection: duckdb.DuckDBPyConnection
    writable: bool
    identity: tuple | None = None
    released_at: float = field(default_factory=time.monotonic)
    # Serialises use of the connection, which DuckDB does not share between threads.
    guard: threading.RLock = field(default_factory=threading.RLock)


_entries: "OrderedDict[str, _Entry]" = OrderedDict()
_entries_guard = threading.Lock()
# One lock per file, so that two threads never open two connections for one entry.
_open_locks: dict[str, threading.Lock] = {}
_closer: threading.Thread | None = None


@contextmanager
def borrow(path: Path, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Lend this process's connection to `path`, opened or reopened as needed.

    The caller holds the job's cross-process lock. Raises FileNotFoundError when the file is
    gone. An error other than a MoslikError closes the connection, because it may have left the
    connection in a state the next request must not inherit.
    """
    key = str(Path(path).resolve())
    entry = _acquire(key, write)
    try:
        yield entry.connection
    except MoslikError:
        raise
    except BaseException:
        _discard(key, entry)
        raise
    else:
        try:
            entry.identity = _identity(Path(key))
        except FileNotFoundError:
            _discard(key, entry)
    finally:
        entry.released_at = time.monotonic()
        entry.guard.release()


def _acquire(key: str, write: bool) -> _Entry:
    """Return a valid entry for `key` with its guard held by this thread."""
    while True:
        entry = _entry_for(key, write)
        entry.guard.acquire()
        with _entries_guard:
            current = _entries.get(key) is entry
        if current:
            return entry
        # The idle closer or another thread closed it between the lookup and the guard.
        entry.guard.release()


def close(path: Path) -> None:
    """Close this process's connection to `path`, for example before its job is deleted."""
    key = str(Path(path).resolve())
    with _entries_guard:
        entry = _entries.get(key)
    if entry is not None:
        with entry.guard:
            _discard(key, entry)


def close_all() -> None:
    """Close every cached connection, which checkpoints the WAL of a read-write one."""
    for key in list(_entries):
        close(Path(key))


def _forget_in_child() -> None:
    """Drop the parent's entries in a forked child without closing them.

    Closing them here would checkpoint the parent's files from a second process.
    """
    global _closer
    _entries.clear()
    _closer = None


# A read-write connection left open at exit would leave its last writes in the WAL file only.
atexit.register(close_all)
os.register_at_fork(after_in_child=_forget_in_child)


def _entry_for(key: str, write: bool) -> _Entry:
    """Return a usable entry for `key`: the cached one when it is still valid, else a new one."""
    with _entries_guard:
        open_lock = _open_locks.setdefault(key, threading.Lock())
    with open_lock:
        with _entries_guard:
            entry = _entries.get(key)
        if entry is not None:
            with entry.guard:
                if _still_valid(key, entry, write):
                    with _entries_guard:
                        _entries.move_to_end(key)
                    return entry
                _discard(key, entry)

        entry = _Entry(open_connection(Path(key), read_only=not write), writable=write,
                       identity=_identity(Path(key)))
        with _entries_guard:
            _entries[key] = entry
    _evict_over_limit()
    _start_closer()
    return entry


def _still_valid(key: str, entry: _Entry, write: bool) -> bool:
    if write and not entry.writable:
        return False
    try:
        return _identity(Path(key)) == entry.identity
    except FileNotFoundError:
        return False


def open_connection(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open `path`, requesting that the process holding DuckDB's lock on it close its connection.

    Raises FileNotFoundError when the file does not exist: DuckDB would create an empty one.
    NOTE: the other process closes its connection only between its requests, so one that
    serves the job without a pause longer than CHECK_S makes this raise after OPEN_WAIT_S.
    """
    deadline = time.monotonic() + OPEN_WAIT_S
    request = _release_request(path)
    try:
        while True:
            if not path.exists():
                raise FileNotFoundError(path)
            try:
                return _open_once(path, read_only)
            except duckdb.IOException as exc:
                if LOCK_CONFLICT not in str(exc) or time.monotonic() > deadline:
                    raise
            request.touch()
            time.sleep(CHECK_S / 2)
    finally:
        request.unlink(missing_ok=True)


def _open_once(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = connect(path, read_only=read_only)
    con.execute("SET enable_external_access = false")
    if not read_only:
        # Checkpoint when the connection closes, idle, rather than inside a request.
        con.execute("SET checkpoint_threshold = ?", [CHECKPOINT_THRESHOLD])
    return con


def _release_request(path: Path) -> Path:
    return path.with_name(path.name + RELEASE_REQUEST)


def _release_requested(key: str) -> bool:
    """Tell whether another process requested `key` recently; an old request file is stale."""
    try:
        touched = _release_request(Path(key)).stat().st_mtime
    except FileNotFoundError:
        return False
    return time.time() - touched < OPEN_WAIT_S


def _identity(path: Path) -> tuple:
    stat = path.stat()
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def _discard(key: str, entry: _Entry) -> None:
    """Close `entry` and forget it; the caller holds its guard."""
    with _entries_guard:
        if _entries.get(key) is entry:
            del _entries[key]
    try:
        entry.connection.close()
    except duckdb.Error as exc:
        logger.warning("closing the cached connection to %s failed: %s", key, exc)


def _evict_over_limit() -> None:
    """Close the least recently used connections beyond MAX_OPEN that no request is using."""
    with _entries_guard:
        surplus = list(_entries.items())[:max(0, len(_entries) - MAX_OPEN)]
    for key, entry in surplus:
        if entry.guard.acquire(blocking=False):
            try:
                _discard(key, entry)
            finally:
                entry.guard.release()


def _close_idle() -> None:
    """Close connections idle for IDLE_CLOSE_S, or idle while another process requests them."""
    while True:
        time.sleep(CHECK_S)
        with _entries_guard:
            entries = list(_entries.items())
        for key, entry in entries:
            # A request holding the guard is using the connection, so it is not idle.
            if not entry.guard.acquire(blocking=False):
                continue
            try:
                idle_s = time.monotonic() - entry.released_at
                if idle_s > IDLE_CLOSE_S or _release_requested(key):
                    _discard(key, entry)
            finally:
                entry.guard.release()


def _start_closer() -> None:
    global _closer
    with _entries_guard:
        if _closer is None or not _closer.is_alive():
            _closer = threading.Thread(target=_close_idle, name="moslik-idle-connections",
                                       daemon=True)
            _closer.start()
