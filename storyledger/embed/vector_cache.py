"""A persistent cache of sentence vectors on disk, shared by processes: SQLite, one row per text.

Incremental runs re-align every story that gains an article, so the sentences
of the articles already stored meet the model again; with this cache each
distinct sentence meets it once per store, across runs and worker processes.
Keys are the embedding cache keys of :mod:`storyledger.embed.model` (a hash of the
text as the uncased tokenizer sees it); vectors are kept as exact float32, so
a cached run gives the same alignments as a fresh one.

The cache is only ever an optimisation: a file that cannot be opened, read or
written is reported once in the log and left alone, and the run goes on
computing vectors.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "VectorCache",
]

log = logging.getLogger(__name__)

_CHUNK = 500  # keys per SELECT (SQLite's default limit of bound parameters is 999 on old builds)


class VectorCache:
    """Vectors by key in a SQLite file (WAL, so worker processes can read while one writes).

    Args:
        path: the cache file (created when missing).
        dim: vector length; rows of another length are ignored.

    Example:
        >>> cache = VectorCache("store.db.vectors")  # doctest: +SKIP
        >>> cache.put_many([(b"k" * 16, np.ones(384, np.float32))])  # doctest: +SKIP
    """

    def __init__(self, path: str | Path, dim: int) -> None:
        self.path = str(path)
        self.dim = dim
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID")
                self._db = db
            except sqlite3.Error as exc:
                self._fail("open", exc)
        return self._db

    def _fail(self, what: str, exc: Exception) -> None:
        log.warning("vector cache %s: cannot %s (%s); vectors are computed without it", self.path, what, exc)
        self._broken = True
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The cached vectors among ``keys`` (missing keys are absent from the result)."""
        db = self._conn()
        out: dict[bytes, np.ndarray] = {}
        if db is None or not keys:
            return out
        try:
            for lo in range(0, len(keys), _CHUNK):
                chunk = list(keys[lo : lo + _CHUNK])
                marks = ",".join("?" * len(chunk))
                for key, blob in db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk):
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape == (self.dim,):
                        out[bytes(key)] = vec
        except sqlite3.Error as exc:
            self._fail("read", exc)
        return out

    def put_many(self, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors (keys already present are kept as they are)."""
        db = self._conn()
        if db is None:
            return
        rows = [(k, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for k, v in items]
        if not rows:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR IGNORE INTO vectors (key, vec) VALUES (?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._fail("write", exc)

    def __len__(self) -> int:
        db = self._conn()
        if db is None:
            return 0
        try:
            return int(db.execute("SELECT count(*) FROM vectors").fetchone()[0])
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
