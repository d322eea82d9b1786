"""One writer at a time: an advisory lock on a file beside the database.

SQLite serialises single transactions, but an incremental ingest is a chain of
them (store and queue the articles, place them chunk by chunk, write each
story, then forget the decisions) whose state rows assume no other process
places articles in between. Two ingests interleaving those chains used to
overwrite each other's decision rows and leave articles in no story. So a
writer holds :func:`writer_lock` around the whole chain, and a second one
waits for the first to finish.

The lock is ``flock`` (``LockFileEx`` through :mod:`msvcrt` on Windows) on
``<database>.lock``, a separate file: the database file itself must not be
opened and closed by anything but SQLite, since closing any descriptor of a
file drops the POSIX locks SQLite holds on it. The kernel releases the lock
when its process ends, however it ends (a SIGKILL leaves no stale lock), and
readers (the web app, ``stories``) never take it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import StoreError

__all__ = [
    "lock_path",
    "writer_lock",
]

log = logging.getLogger(__name__)

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: str) -> str:
    """The lock file of a database: ``<database>.lock`` beside it."""
    return f"{db_path}.lock"


def _try_lock(fd: int) -> bool:
    """Take the lock without waiting; whether it was free."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # pragma: no cover - Windows

    try:  # pragma: no cover - Windows
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # pragma: no cover - Windows
        return False
    return True  # pragma: no cover - Windows


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return
    import msvcrt  # pragma: no cover - Windows

    os.lseek(fd, 0, os.SEEK_SET)  # pragma: no cover - Windows
    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # pragma: no cover - Windows


@contextmanager
def writer_lock(db_path: str, *, timeout: float | None = None, poll: float = 0.1) -> Iterator[None]:
    """Hold the database's writer lock for the block, waiting while another process holds it.

    Args:
        db_path: the database file (the lock is ``<db_path>.lock``).
        timeout: seconds to wait at most (``None``: as long as the other writer runs).
        poll: seconds between tries while waiting.

    Raises:
        StoreError: the lock file cannot be created, or ``timeout`` passed.
    """
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"{db_path}: cannot create the writer lock {path} ({e.strerror or e})") from e
    try:
        if not _try_lock(fd):
            log.warning("%s: another process is writing to this database; waiting for it to finish", db_path)
            start = time.monotonic()
            while not _try_lock(fd):
                if timeout is not None and time.monotonic() - start > timeout:
                    raise StoreError(f"{db_path}: another process kept the database busy for over {timeout:g} s")
                time.sleep(poll)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
