"""The store's index of copies: sentence keys to the articles that carry them, across every story.

:class:`CopyIndexTables` holds the methods over the ``copy_keys`` table
(migration ``007_copy_keys``): one row per (key, article), the keys of
:func:`storyledger.align.copies.copy_keys`. Looking up an article's copies
reads only the rows of its own keys (the table's primary key), so it costs the
same with a thousand or a million articles stored.
:class:`~storyledger.store.store.Store` inherits these methods and supplies the
connection, as for :class:`~storyledger.store.state.StateTables`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "CopyIndexTables",
]

_CHUNK = 500  # SQL parameters per statement


def _chunks(items: Sequence, n: int = _CHUNK) -> Iterable[Sequence]:
    for k in range(0, len(items), n):
        yield items[k : k + n]


class CopyIndexTables:
    """Sentence keys of the stored articles, and the articles sharing keys with a text."""

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        raise NotImplementedError

    def put_copy_keys(self, keys: Mapping[str, Sequence[int]]) -> None:
        """Record each article's sentence keys (replacing any it had), in one transaction.

        Raises:
            StoreError: the database cannot be written.
        """
        with self._writing("write copy keys") as conn:
            for part in _chunks(list(keys)):
                conn.execute(f"DELETE FROM copy_keys WHERE article_id IN ({','.join('?' * len(part))})", list(part))
            conn.executemany(
                "INSERT OR IGNORE INTO copy_keys (key, article_id) VALUES (?, ?)",
                [(k, aid) for aid, ks in keys.items() for k in ks],
            )

    def copy_key_counts(self, article_ids: Iterable[str]) -> dict[str, int]:
        """How many keys each of ``article_ids`` has recorded (articles with none are left out)."""
        out: dict[str, int] = {}
        with self._reading("read copy keys") as conn:
            for part in _chunks(list(dict.fromkeys(article_ids))):
                rows = conn.execute(
                    f"SELECT article_id, COUNT(*) FROM copy_keys WHERE article_id IN ({','.join('?' * len(part))})"
                    " GROUP BY article_id", list(part))
                out.update((aid, n) for aid, n in rows)
        return out

    def copy_matches(self, keys: Sequence[int], max_articles: int) -> dict[str, int]:
        """The articles carrying any of ``keys``, each with how many of them it carries.

        A key carried by more than ``max_articles`` articles (boilerplate) is passed over.
        """
        counts: dict[str, int] = {}
        with self._reading("read copy keys") as conn:
            for part in _chunks(list(dict.fromkeys(keys))):
                rows = conn.execute(
                    f"SELECT key, article_id FROM copy_keys WHERE key IN ({','.join('?' * len(part))})", list(part))
                by_key: dict[int, list[str]] = {}
                for key, aid in rows:
                    by_key.setdefault(key, []).append(aid)
                for members in by_key.values():
                    if len(members) <= max_articles:
                        for aid in members:
                            counts[aid] = counts.get(aid, 0) + 1
        return counts

    def analysis_settings(self, story_id: str) -> str | None:
        """The settings hash a story's stored analysis was computed with, or None when it has none."""
        with self._reading("read an analysis") as conn:
            row = conn.execute("SELECT settings_hash FROM analyses WHERE story_id = ?", (story_id,)).fetchone()
        return None if row is None else row[0]
