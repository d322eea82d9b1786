"""The store's runs, named blobs and integer counters: what incremental work keeps between runs.

:class:`StateTables` holds the methods over the ``runs``, ``state`` and
``counters`` tables; :class:`~storyledger.store.store.Store` inherits them and
supplies the connection (``_reading`` / ``_writing``, each a transaction
that turns :mod:`sqlite3` errors into :class:`~storyledger.errors.StoreError`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "StateTables",
    "utc_now",
]


def utc_now() -> str:
    """The time now, UTC, ISO 8601 with microseconds (the store's timestamps)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class StateTables:
    """Runs, named blobs and counters over the connection a subclass provides."""

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        raise NotImplementedError

    @contextmanager
    def run(self, stage: str, settings_hash: str = "") -> Iterator[int]:
        """Record a run of a stage: its start now, its finish if the block completes.

        Example:
            >>> from storyledger.store import Store
            >>> with Store() as store:
            ...     with store.run("cluster", "h1"):
            ...         pass
            ...     store.last_run("cluster")["settings_hash"]
            'h1'

        Yields:
            The run's id.
        """
        with self._writing("record a run") as conn:
            run_id = conn.execute(
                "INSERT INTO runs (stage, settings_hash, started_at) VALUES (?, ?, ?)", (stage, settings_hash, utc_now())
            ).lastrowid
        yield run_id
        with self._writing("record a run") as conn:
            conn.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (utc_now(), run_id))

    def last_run(self, stage: str) -> dict | None:
        """The latest finished run of a stage (``stage``, ``settings_hash``, ``started_at``, ``finished_at``)."""
        with self._reading("read runs") as conn:
            row = conn.execute(
                """SELECT stage, settings_hash, started_at, finished_at FROM runs
                   WHERE stage = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1""",
                (stage,),
            ).fetchone()
        return None if row is None else dict(zip(("stage", "settings_hash", "started_at", "finished_at"), row))

    def put_state(self, key: str, value: bytes) -> None:
        """Keep a named blob between runs (e.g. a serialised similarity index)."""
        with self._writing(f"write state {key}") as conn:
            conn.execute(
                "INSERT OR REPLACE INTO state (key, value, updated_at) VALUES (?, ?, ?)", (key, value, utc_now())
            )

    def state(self, key: str) -> bytes | None:
        """A blob kept with :meth:`put_state`, or ``None``."""
        with self._reading(f"read state {key}") as conn:
            row = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def states(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Several blobs kept with :meth:`put_state`, in one query; keys not kept are left out."""
        keys = list(keys)
        if not keys:
            return {}
        with self._reading("read state") as conn:
            rows = conn.execute(
                "SELECT key, value FROM state WHERE key IN (SELECT value FROM json_each(?))", (json.dumps(keys),)
            ).fetchall()
        return {k: bytes(v) for k, v in rows}

    def put_states(self, items: Mapping[str, bytes | None]) -> None:
        """Write several blobs in one transaction; a ``None`` value deletes its key.

        Raises:
            StoreError: The database cannot be written (nothing of this call is kept).
        """
        now = utc_now()
        with self._writing("write state") as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO state (key, value, updated_at) VALUES (?, ?, ?)",
                [(k, v, now) for k, v in items.items() if v is not None],
            )
            conn.executemany("DELETE FROM state WHERE key = ?", [(k,) for k, v in items.items() if v is None])

    def state_items(self, prefix: str) -> list[tuple[str, bytes]]:
        """Every blob whose key starts with ``prefix``, as ``(key, value)`` in key order."""
        with self._reading("read state") as conn:
            rows = conn.execute(
                "SELECT key, value FROM state WHERE key >= ? AND key < ? ORDER BY key", (prefix, prefix + "\U0010ffff")
            ).fetchall()
        return [(k, bytes(v)) for k, v in rows]

    def delete_state(self, prefix: str) -> int:
        """Delete every blob whose key starts with ``prefix``; returns how many."""
        with self._writing("delete state") as conn:
            return conn.execute(
                "DELETE FROM state WHERE key >= ? AND key < ?", (prefix, prefix + "\U0010ffff")
            ).rowcount

    def counts(self, space: str, keys: Iterable[int]) -> dict[int, int]:
        """The counters of ``keys`` in ``space`` (see :meth:`add_counts`); keys never counted are left out."""
        keys = [int(k) for k in keys]
        if not keys:
            return {}
        with self._reading("read counters") as conn:
            rows = conn.execute(
                "SELECT key, n FROM counters WHERE space = ? AND key IN (SELECT value FROM json_each(?))",
                (space, json.dumps(keys)),
            ).fetchall()
        return dict(rows)

    def add_counts(self, space: str, deltas: Mapping[int, int]) -> None:
        """Add to integer counters in ``space`` (missing ones start at 0), in one transaction.

        Only the keys given are read and written, so the cost does not grow
        with the number of counters kept (a vocabulary of document frequencies).

        Raises:
            StoreError: The database cannot be written (nothing of this call is kept).
        """
        rows = [(space, int(k), int(n)) for k, n in deltas.items() if n]
        with self._writing("write counters") as conn:
            conn.executemany(
                "INSERT INTO counters (space, key, n) VALUES (?, ?, ?)"
                " ON CONFLICT (space, key) DO UPDATE SET n = n + excluded.n",
                rows,
            )

    def count_keys(self, space: str) -> int:
        """How many counters ``space`` holds."""
        with self._reading("read counters") as conn:
            return conn.execute("SELECT count(*) FROM counters WHERE space = ?", (space,)).fetchone()[0]

    def delete_counts(self, space: str) -> None:
        """Delete every counter of ``space``."""
        with self._writing("delete counters") as conn:
            conn.execute("DELETE FROM counters WHERE space = ?", (space,))
