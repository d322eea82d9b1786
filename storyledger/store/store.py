"""The embedded SQLite store: articles, skips, stories and their analyses.

One :class:`Store` wraps one SQLite database (stdlib :mod:`sqlite3`); the
``store`` package is the only one that touches it. Files are opened in WAL mode, so a
read-only :class:`Store` (the web app, ``storyledger stories``) keeps reading a
consistent snapshot while another process writes.

Crash safety: every write method is one transaction (``BEGIN IMMEDIATE`` ...
``COMMIT``), so an exception, or the process being killed, at any moment leaves
the database as it was after the last completed call. Several calls can be
made atomic together with :meth:`Store.transaction`; :meth:`Store.put_story`
writes a story and its analysis as one unit. A chain of transactions that must
not interleave with another process's (an incremental ingest) runs inside
:meth:`Store.exclusive`, a lock file beside the database that a second writer
waits on. Incremental work can
resume after a crash from what was committed: :meth:`Store.unclustered_ids`
gives the articles not yet in any story, :meth:`Store.stale_analyses` the
stories whose analysis is missing or was computed with other settings.

Schema changes are named functions in :data:`MIGRATIONS`, applied in order,
each in its own transaction and recorded in the ``_migrations`` table (the
sqlite-utils pattern). A database that records a migration this version does
not know was written by a newer storyledger and is refused.

Sentences are not stored: segmentation runs at tens of thousands of sentences
a second on one core, so recomputing them costs less than storing them.

The surface: articles (:meth:`~Store.add_articles`, :meth:`~Store.articles`,
:meth:`~Store.article`, :meth:`~Store.count_articles`,
:meth:`~Store.unclustered_ids`, :meth:`~Store.shared_article_ids`, :meth:`~Store.article_stories`), skipped
inputs (:meth:`~Store.add_skips`, :meth:`~Store.skips`), stories
(:meth:`~Store.put_stories`, :meth:`~Store.put_story`,
:meth:`~Store.remove_stories`, :meth:`~Store.stories`, :meth:`~Store.story`,
:meth:`~Store.stories_summary`), analyses (:meth:`~Store.put_analysis`,
:meth:`~Store.put_analyses`, :meth:`~Store.analysis`, :meth:`~Store.analysed`,
:meth:`~Store.stale_analyses`), runs (:meth:`~Store.run`,
:meth:`~Store.last_run`), named blobs (:meth:`~Store.put_state`,
:meth:`~Store.state`, :meth:`~Store.put_states`, :meth:`~Store.states`,
:meth:`~Store.state_items`, :meth:`~Store.delete_state`) and integer counters (:meth:`~Store.add_counts`,
:meth:`~Store.counts`, :meth:`~Store.count_keys`, :meth:`~Store.delete_counts`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import quote

from .lock import writer_lock
from .migrations import MIGRATIONS, VIEW_ONLY
from .copy_index import CopyIndexTables
from .state import StateTables, utc_now
from ..errors import StoreError
from ..records import Article, Removal, Skip, Story

__all__ = [
    "Store",
    "content_hash",
]

log = logging.getLogger(__name__)

# Rows read or ids looked up per statement: well under SQLite's variable limit.
_CHUNK = 500


def content_hash(text: str) -> str:
    """The key that makes two articles the same text: a hash of its whitespace-normalised words.

    Example:
        >>> content_hash("Two  words\\n") == content_hash("Two words")
        True
    """
    norm = " ".join(text.split())
    return hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _article_row(a: Article, h: str, now: str) -> tuple:
    removed = json.dumps([[r.start, r.end, r.reason] for r in a.removed], ensure_ascii=False)
    return (a.id, a.text, a.title, a.source, a.published, a.url, a.path, removed, h, now)


_ARTICLE_COLUMNS = "id, text, title, source, published, url, path, removed"


def _row_article(row: sqlite3.Row | tuple) -> Article:
    id_, text, title, source, published, url, path, removed = row
    return Article(
        id=id_,
        text=text,
        title=title,
        source=source,
        published=published,
        url=url,
        path=path,
        removed=tuple(Removal(start=s, end=e, reason=r) for s, e, r in json.loads(removed)),
    )


def _chunks(seq: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class Store(StateTables, CopyIndexTables):
    """An embedded SQLite database of articles, skips, stories and analyses.

    Args:
        path: The database file (created with its schema if missing), or
            ``None`` for a private in-memory database.
        readonly: Open an existing file for reading only (``mode=ro``); every
            write method then raises :class:`StoreError`. Reading goes on while
            another process writes.
        timeout: Seconds to wait for another writer's lock before giving up.

    Raises:
        StoreError: The file cannot be opened, is not a SQLite database, was
            written by a newer storyledger, or (read-only) lacks the schema.

    Example:
        >>> with Store() as store:
        ...     store.add_articles([Article(id="a1", text="Some news.")])
        ...     store.count_articles()
        ['a1']
        1

    A :class:`Store` is not meant to be shared between threads: open one per
    thread (reads do not block each other in WAL mode).
    """

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False, timeout: float = 30.0):
        self.path = None if path is None else str(path)
        self.readonly = readonly
        self._held = 0  # depth of exclusive() blocks
        if readonly and self.path is None:
            raise StoreError("a read-only store needs a database file")
        try:
            if readonly:
                if not Path(self.path).is_file():
                    raise StoreError(f"{self.path}: no database file there")
                uri = f"file:{quote(str(Path(self.path).resolve()))}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
            else:
                conn = sqlite3.connect(self.path or ":memory:", timeout=timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open the database ({e})") from e
        self._conn = conn
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly and self.path is not None:
                # Two processes opening a new (or older) database at once would race to switch it
                # to WAL and migrate it, and SQLite may answer "locked" at once: set up under the
                # writer lock. An open database already set up takes no lock here.
                self._set_up(timeout)
                # With WAL, NORMAL loses nothing committed when the process dies;
                # only a power cut may drop the last transactions.
                conn.execute("PRAGMA synchronous = NORMAL")
            else:
                self._migrate()
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError(self._explain(e, "cannot open the database")) from e
        except StoreError:
            conn.close()
            raise

    # -- plumbing -------------------------------------------------------------

    def _explain(self, e: sqlite3.Error, action: str) -> str:
        where = self.path or ":memory:"
        msg = str(e)
        if "not a database" in msg or "malformed" in msg:
            return f"{where}: not a storyledger database, or damaged ({msg})"
        if "locked" in msg or "busy" in msg:
            return f"{where}: {action}: the database is locked by another process ({msg}); try again"
        if "readonly" in msg or "read-only" in msg:
            return f"{where}: {action}: the database is read-only here ({msg})"
        if "FOREIGN KEY" in msg:
            return f"{where}: {action}: refers to an article or story not in the store ({msg})"
        return f"{where}: {action} ({msg})"

    def _set_up(self, timeout: float) -> None:
        """Switch to WAL and migrate, under the writer lock when needed, retrying while SQLite says "locked".

        SQLite answers some of these steps (the journal-mode switch, WAL recovery)
        with "locked" at once instead of waiting for its busy timeout, so two
        processes opening one database together retry here until ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                with writer_lock(self.path) if self._needs_setup() else nullcontext():
                    self._use_wal()
                    self._migrate()
                return
            except sqlite3.OperationalError as e:
                if not ("locked" in str(e) or "busy" in str(e)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _needs_setup(self) -> bool:
        """Whether this file still needs switching to WAL or a migration (read without a write lock)."""
        if self._conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            return True
        has_table = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
        ).fetchone()
        applied = {r[0] for r in self._conn.execute("SELECT name FROM _migrations")} if has_table else set()
        return any(name not in applied for name, _ in MIGRATIONS)

    def _use_wal(self) -> None:
        mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            log.warning("%s: journal mode is %s, not WAL", self.path, mode)

    def _migrate(self) -> None:
        conn = self._conn
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
        ).fetchone()
        applied = (
            {r[0] for r in conn.execute("SELECT name FROM _migrations")} if has_table else set()
        )
        known = [name for name, _ in MIGRATIONS]
        unknown = sorted(applied - set(known))
        if unknown:
            raise StoreError(
                f"{self.path}: written by a newer storyledger (unknown schema migrations: "
                f"{', '.join(unknown)}); upgrade storyledger to open it"
            )
        todo = [(name, fn) for name, fn in MIGRATIONS if name not in applied]
        if self.readonly and applied:
            todo = [(name, fn) for name, fn in todo if name not in VIEW_ONLY]  # readable without them
        if not todo:
            return
        if self.readonly:
            what = "has no storyledger schema" if not applied else "needs a schema upgrade"
            raise StoreError(f"{self.path}: {what}; open it once for writing to upgrade it")
        for name, fn in todo:
            with self._tx():
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                # Another process may have applied it while we waited for the lock.
                if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    continue
                fn(conn)
                conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, utc_now()))
                log.info("%s: applied migration %s", self.path or ":memory:", name)

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        if conn.in_transaction:
            # Nested inside transaction(): a savepoint, so the inner part can fail alone.
            conn.execute("SAVEPOINT nested")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK TO nested")
                    conn.execute("RELEASE nested")
                raise
            conn.execute("RELEASE nested")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            # SQLite may have rolled back already (e.g. on a full disk).
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(f"{self.path}: {action}: the store was opened read-only")
        try:
            with self._tx() as conn:
                yield conn
        except sqlite3.Error as e:
            raise StoreError(self._explain(e, action)) from e

    @contextmanager
    def _reading(self, action: str) -> Iterator[sqlite3.Connection]:
        try:
            yield self._conn
        except sqlite3.Error as e:
            raise StoreError(self._explain(e, action)) from e

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Make several write calls one transaction: all of them are kept, or none.

        Example:
            >>> with Store() as store:
            ...     with store.transaction():
            ...         _ = store.add_articles([Article(id="a1", text="News.")])
            ...         _ = store.put_stories([Story(id="s1", title="News", article_ids=("a1",))])
            ...     store.story("s1").article_ids
            ('a1',)

        Raises:
            StoreError: The database cannot be written.
        """
        with self._writing("write"):
            yield self

    @contextmanager
    def exclusive(self, *, timeout: float | None = None) -> Iterator[Store]:
        """Be the only writer of the database for the block; another process waits at its own call.

        Unlike :meth:`transaction`, this spans many transactions (each still
        committed on its own, so a crash keeps what was done): it is how an
        incremental ingest keeps a second ingest from interleaving with it
        (see :mod:`storyledger.store.lock`). Readers are not held up. Blocks
        nest; an in-memory store has no other writer and takes no lock.

        Args:
            timeout: seconds to wait for the other writer at most (``None``: until it finishes).

        Raises:
            StoreError: the store is read-only, the lock cannot be taken, or ``timeout`` passed.
        """
        if self.readonly:
            raise StoreError(f"{self.path}: write: the store was opened read-only")
        if self._held or self.path is None:
            self._held += 1
            try:
                yield self
            finally:
                self._held -= 1
            return
        with writer_lock(self.path, timeout=timeout):
            self._held += 1
            try:
                yield self
            finally:
                self._held -= 1

    def close(self) -> None:
        """Close the database; further calls raise :class:`StoreError`."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = ", readonly=True" if self.readonly else ""
        return f"Store({self.path!r}{mode})"

    # -- articles -------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Add articles in one transaction; an article already stored is kept once.

        An article is already stored when its id is, or its text is (see
        :func:`content_hash`), in the store or earlier in ``articles``; the
        first one wins. ``articles`` is consumed in chunks inside the
        transaction, so a generator of any length fits in memory; if it (or
        anything else) raises midway, nothing of this call is kept.

        Args:
            articles: Cleaned articles.

        Returns:
            The ids of the articles newly added, in order.

        Raises:
            StoreError: The database cannot be written (nothing of this call is kept).
        """
        added: list[str] = []
        with self._writing("add articles") as conn:
            now = utc_now()
            chunk: list[Article] = []
            for a in articles:
                chunk.append(a)
                if len(chunk) >= _CHUNK:
                    added += self._insert_articles(conn, chunk, now)
                    chunk = []
            if chunk:
                added += self._insert_articles(conn, chunk, now)
        return added

    def _insert_articles(self, conn: sqlite3.Connection, chunk: list[Article], now: str) -> list[str]:
        hashes = [content_hash(a.text) for a in chunk]
        ids = list({a.id for a in chunk})
        seen_ids = {r[0] for r in conn.execute(f"SELECT id FROM articles WHERE id IN ({_marks(len(ids))})", ids)}
        uniq = list(set(hashes))
        seen_hashes = {
            r[0]
            for r in conn.execute(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({_marks(len(uniq))})", uniq
            )
        }
        rows = []
        for a, h in zip(chunk, hashes):
            if a.id in seen_ids or h in seen_hashes:
                log.debug("article %s already stored, kept once", a.id)
                continue
            seen_ids.add(a.id)
            seen_hashes.add(h)
            rows.append(_article_row(a, h, now))
        conn.executemany(f"INSERT INTO articles ({_ARTICLE_COLUMNS}, content_hash, ingested_at) VALUES ({_marks(10)})", rows)
        return [r[0] for r in rows]

    def articles(
        self, ids: Iterable[str] | None = None, *, since: str | None = None, until: str | None = None
    ) -> Iterator[Article]:
        """The stored articles, in the order they were added, or those of ``ids``.

        Args:
            ids: Only these articles, in this order; ids not stored are left out.
            since: Only articles published at or after this ISO date or time.
            until: Only articles published before this ISO date or time.
                With either bound, articles of unknown date are left out.

        Yields:
            Articles, read in chunks (memory stays flat on a large store).

        Raises:
            StoreError: The database cannot be read.
        """
        where, args = [], []
        if since is not None:
            where.append("published >= ?")
            args.append(since)
        if until is not None:
            where.append("published < ?")
            args.append(until)
        with self._reading("read articles") as conn:
            if ids is None:
                cond = f" WHERE {' AND '.join(where)}" if where else ""
                cur = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles{cond} ORDER BY rowid", args)
                while rows := cur.fetchmany(_CHUNK):
                    yield from map(_row_article, rows)
                return
            cond = "".join(f" AND {w}" for w in where)
            for part in _chunks(list(ids)):
                rows = conn.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({_marks(len(part))}){cond}", [*part, *args]
                ).fetchall()
                by_id = {r[0]: r for r in rows}
                yield from (_row_article(by_id[i]) for i in part if i in by_id)

    def article(self, id: str) -> Article | None:
        """One article by id, or ``None`` when it is not stored."""
        return next(self.articles([id]), None)

    def data_version(self) -> int:
        """A number that differs from the last one this store returned when another connection committed since.

        SQLite's ``PRAGMA data_version``: a cheap way for a long-lived reader
        (the web app) to tell that its cached answers are stale. Values are
        comparable only between calls on the same :class:`Store`.
        """
        with self._reading("read the data version") as conn:
            return conn.execute("PRAGMA data_version").fetchone()[0]

    def count_articles(self) -> int:
        """How many articles the store holds."""
        with self._reading("count articles") as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def unclustered_ids(self) -> list[str]:
        """Ids of the articles in no story yet (what clustering has still to place), in order added."""
        with self._reading("read articles") as conn:
            return [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY rowid"
                )
            ]

    def shared_article_ids(self) -> list[str]:
        """Ids of the articles held by more than one story (only ever a moment's state of a merge, or damage)."""
        with self._reading("read stories") as conn:
            return [
                r[0]
                for r in conn.execute(
                    "SELECT article_id FROM story_articles GROUP BY article_id HAVING count(*) > 1 ORDER BY article_id"
                )
            ]

    def article_stories(self, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The stories each of ``ids`` belongs to; articles in no story are left out."""
        out: dict[str, list[str]] = {}
        with self._reading("read stories") as conn:
            for part in _chunks(list(ids)):
                for aid, sid in conn.execute(
                    f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({_marks(len(part))})"
                    " ORDER BY story_id",
                    part,
                ):
                    out.setdefault(aid, []).append(sid)
        return {k: tuple(v) for k, v in out.items()}

    # -- skips ----------------------------------------------------------------

    def add_skips(self, skips: Iterable[Skip], *, new_only: bool = False) -> int:
        """Record inputs that yielded no article, in one transaction.

        Args:
            skips: the skipped inputs.
            new_only: leave out an input already recorded with the same reason
                (a re-run skipping it again), looked up by index.

        Returns:
            How many were recorded.

        Raises:
            StoreError: The database cannot be written.
        """
        with self._writing("record skipped inputs") as conn:
            rows = [(s.input, s.reason) for s in skips]
            if new_only:
                rows = [
                    r for r in dict.fromkeys(rows)
                    if not conn.execute("SELECT 1 FROM skipped WHERE input = ? AND reason = ? LIMIT 1", r).fetchone()
                ]
            now = utc_now()
            conn.executemany("INSERT INTO skipped (input, reason, at) VALUES (?, ?, ?)", [(*r, now) for r in rows])
        return len(rows)

    def skips(self) -> list[Skip]:
        """Every skipped input recorded, oldest first."""
        with self._reading("read skipped inputs") as conn:
            return [Skip(input=i, reason=r) for i, r in conn.execute("SELECT input, reason FROM skipped ORDER BY id")]

    # -- watched files ----------------------------------------------------------

    def watched(self, paths: Sequence[str]) -> dict[str, tuple[int, int]]:
        """``{path: (size, mtime_ns)}`` of the given files as a watch last read them."""
        out: dict[str, tuple[int, int]] = {}
        with self._reading("read watched files") as conn:
            for start in range(0, len(paths), 500):
                part = list(paths[start : start + 500])
                for path, size, mtime in conn.execute(
                    f"SELECT path, size, mtime_ns FROM watched WHERE path IN ({_marks(len(part))})", part
                ):
                    out[path] = (size, mtime)
        return out

    def mark_watched(self, files: Iterable[tuple[str, int, int]]) -> int:
        """Record ``(path, size, mtime_ns)`` of files read, in one transaction.

        Raises:
            StoreError: The database cannot be written.
        """
        with self._writing("record watched files") as conn:
            now = utc_now()
            rows = [(p, size, mtime, now) for p, size, mtime in files]
            conn.executemany(
                "INSERT INTO watched (path, size, mtime_ns, seen_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
                " seen_at = excluded.seen_at",
                rows,
            )
        return len(rows)

    # -- stories --------------------------------------------------------------

    def put_stories(self, stories: Iterable[Story], replace_ids: Iterable[str] = ()) -> list[str]:
        """Write stories in one transaction, first deleting those of ``replace_ids``.

        A story whose id is stored already is overwritten; if its title or
        articles changed its analysis is deleted with it (it is stale). A story
        written unchanged keeps its analysis. Deleting a story deletes its
        analysis, never its articles.

        Args:
            stories: The new or changed stories.
            replace_ids: Stories to delete (e.g. those merged into a new one);
                an id also in ``stories`` is simply overwritten.

        Returns:
            The ids of the stories new or changed, in order.

        Raises:
            StoreError: A story names an article not in the store, or the
                database cannot be written (nothing of this call is kept).
        """
        stories = list(stories)
        changed: list[str] = []
        with self._writing("write stories") as conn:
            now = utc_now()
            gone = list(set(replace_ids) - {s.id for s in stories})
            for part in _chunks(gone):
                conn.execute(f"DELETE FROM stories WHERE id IN ({_marks(len(part))})", part)
            for s in stories:
                old = self._story(conn, s.id)
                if old == s:
                    continue
                if old is not None:
                    conn.execute("DELETE FROM stories WHERE id = ?", (s.id,))
                conn.execute(
                    "INSERT INTO stories (id, title, n_articles, updated_at) VALUES (?, ?, ?, ?)",
                    (s.id, s.title, len(s.article_ids), now),
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO story_articles (story_id, article_id, position) VALUES (?, ?, ?)",
                    [(s.id, a, n) for n, a in enumerate(s.article_ids)],
                )
                changed.append(s.id)
        return changed

    def put_story(
        self, story: Story, document: dict | None = None, *, replace: Iterable[str] = (), settings_hash: str = ""
    ) -> bool:
        """Write one story and its analysis document together, in one transaction.

        The unit of incremental work: after a crash a story is either stored
        with its analysis or as it was before, never half-written.

        Args:
            story: The story (see :meth:`put_stories`).
            document: Its analysis, or ``None`` to leave that to a later call.
            replace: Stories to delete in the same transaction (e.g. merged into this one).
            settings_hash: As for :meth:`put_analysis`.

        Returns:
            Whether the story was new or changed.

        Raises:
            StoreError: As :meth:`put_stories` and :meth:`put_analysis`; nothing of this call is kept.
        """
        with self.transaction():
            changed = bool(self.put_stories([story], replace_ids=replace))
            if document is not None:
                self.put_analyses([(story.id, document)], settings_hash)
        return changed

    def remove_stories(self, ids: Iterable[str]) -> None:
        """Delete stories and their analyses (their articles stay), in one transaction."""
        self.put_stories((), replace_ids=ids)

    @staticmethod
    def _story(conn: sqlite3.Connection, id: str) -> Story | None:
        row = conn.execute("SELECT title FROM stories WHERE id = ?", (id,)).fetchone()
        if row is None:
            return None
        members = conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY position", (id,)
        )
        return Story(id=id, title=row[0], article_ids=tuple(r[0] for r in members))

    def story(self, id: str) -> Story | None:
        """One story by id, or ``None`` when it is not stored."""
        with self._reading("read a story") as conn:
            return self._story(conn, id)

    def stories(self) -> list[Story]:
        """Every story, in the order written, with its articles in their order."""
        with self._reading("read stories") as conn:
            members: dict[str, list[str]] = {}
            for sid, aid in conn.execute(
                "SELECT story_id, article_id FROM story_articles ORDER BY story_id, position"
            ):
                members.setdefault(sid, []).append(aid)
            return [
                Story(id=sid, title=title, article_ids=tuple(members.get(sid, ())))
                for sid, title in conn.execute("SELECT id, title FROM stories ORDER BY rowid")
            ]

    def stories_summary(self) -> list[dict]:
        """One line per story, newest activity first.

        Returns:
            Dicts with ``id``, ``title``, ``n_articles``, ``n_sources`` (distinct
            outlets named), ``last_activity`` (the newest ``published`` of its
            articles, else when the story was last written) and ``updated_at``.
        """
        with self._reading("read stories") as conn:
            rows = conn.execute(
                """
                SELECT s.id, s.title, s.n_articles, count(DISTINCT a.source),
                       coalesce(max(a.published), s.updated_at), s.updated_at
                FROM stories s
                LEFT JOIN story_articles sa ON sa.story_id = s.id
                LEFT JOIN articles a ON a.id = sa.article_id
                GROUP BY s.id
                ORDER BY 5 DESC, s.updated_at DESC, s.id
                """
            ).fetchall()
        keys = ("id", "title", "n_articles", "n_sources", "last_activity", "updated_at")
        return [dict(zip(keys, r)) for r in rows]

    # -- analyses -------------------------------------------------------------

    def put_analysis(self, story_id: str, document: dict, settings_hash: str = "") -> None:
        """Store (or replace) the analysis document of a story.

        Args:
            story_id: A stored story.
            document: The story's JSON-ready analysis (as in the report).
            settings_hash: Identifies the settings it was computed with
                (see :meth:`stale_analyses`).

        Raises:
            StoreError: The story is not stored, the document is not
                JSON-serialisable, or the database cannot be written.
        """
        self.put_analyses([(story_id, document)], settings_hash)

    def put_analyses(self, documents: Iterable[tuple[str, dict]], settings_hash: str = "") -> int:
        """Store (or replace) the analyses of many stories in one transaction.

        Args:
            documents: ``(story_id, document)`` pairs, as for :meth:`put_analysis`.
            settings_hash: Identifies the settings they were computed with.

        Returns:
            How many were written.

        Raises:
            StoreError: As :meth:`put_analysis`; nothing of this call is kept.
        """
        rows = []
        now = utc_now()
        for story_id, document in documents:
            try:
                text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            except (TypeError, ValueError) as e:
                raise StoreError(f"analysis of {story_id} is not JSON-serialisable ({e})") from e
            rows.append((story_id, text, settings_hash, now))
        with self._writing("write analyses") as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO analyses (story_id, document, settings_hash, computed_at) VALUES (?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def analysis(self, story_id: str) -> dict | None:
        """The analysis document of a story, or ``None`` when there is none (yet)."""
        with self._reading("read an analysis") as conn:
            row = conn.execute("SELECT document FROM analyses WHERE story_id = ?", (story_id,)).fetchone()
        return None if row is None else json.loads(row[0])

    def analysed(self, story_ids: Iterable[str]) -> set[str]:
        """Which of ``story_ids`` have an analysis stored (without reading the documents)."""
        out: set[str] = set()
        with self._reading("read analyses") as conn:
            for part in _chunks(list(story_ids)):
                out.update(r[0] for r in conn.execute(
                    f"SELECT story_id FROM analyses WHERE story_id IN ({_marks(len(part))})", part))
        return out

    def stale_analyses(self, settings_hash: str = "") -> list[str]:
        """Ids of the stories with no analysis, or one computed with other settings."""
        with self._reading("read analyses") as conn:
            return [
                r[0]
                for r in conn.execute(
                    """SELECT s.id FROM stories s LEFT JOIN analyses an ON an.story_id = s.id
                       WHERE an.story_id IS NULL OR an.settings_hash != ? ORDER BY s.rowid""",
                    (settings_hash,),
                )
            ]
