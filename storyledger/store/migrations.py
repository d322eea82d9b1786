"""The store's schema, as named migrations applied in order (see :meth:`storyledger.store.store.Store`).

Each migration runs once, inside the transaction that records its name in
``_migrations``; a store opened by a newer storyledger is brought up to date,
one created by an older one keeps its data.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

__all__ = [
    "MIGRATIONS",
    "VIEW_ONLY",
]


def _script(conn: sqlite3.Connection, sql: str) -> None:
    # Not executescript(): it commits first, which would split the migration's transaction.
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


def _m001_initial(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            title TEXT,
            source TEXT,
            published TEXT,
            url TEXT,
            path TEXT,
            removed TEXT NOT NULL DEFAULT '[]',
            content_hash TEXT NOT NULL UNIQUE,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles (published);
        CREATE TABLE skipped (
            id INTEGER PRIMARY KEY,
            input TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            n_articles INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles (id),
            position INTEGER NOT NULL,
            PRIMARY KEY (story_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_articles_article ON story_articles (article_id);
        CREATE TABLE analyses (
            story_id TEXT PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
            document TEXT NOT NULL,
            settings_hash TEXT NOT NULL,
            computed_at TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            stage TEXT NOT NULL,
            settings_hash TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        );
        """
    )


def _m002_state(conn: sqlite3.Connection) -> None:
    # Named blobs a stage keeps between runs (a persisted LSH or ANN index).
    conn.execute(
        "CREATE TABLE state (key TEXT PRIMARY KEY, value BLOB NOT NULL, updated_at TEXT NOT NULL)"
    )


def _m003_counters(conn: sqlite3.Connection) -> None:
    # Integer counts per (space, key), updated in place: a stage's document
    # frequencies, read and written a few thousand keys at a time rather than
    # as one blob that grows with the vocabulary.
    conn.execute(
        "CREATE TABLE counters (space TEXT NOT NULL, key INTEGER NOT NULL, n INTEGER NOT NULL,"
        " PRIMARY KEY (space, key)) WITHOUT ROWID"
    )


def _m004_skipped_input(conn: sqlite3.Connection) -> None:
    # A re-run looks up the inputs it skips again by name, not by reading them all.
    conn.execute("CREATE INDEX skipped_input ON skipped (input, reason)")


def _m005_watched(conn: sqlite3.Connection) -> None:
    # Files a watch has read, by real path, with the size and modification time
    # it read: a file is read again only when one of them changes.
    conn.execute(
        "CREATE TABLE watched (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
        " seen_at TEXT NOT NULL) WITHOUT ROWID"
    )


def _m006_export_views(conn: sqlite3.Connection) -> None:
    # The analyst's flat tables (stories, articles, figures, ...) as views named
    # export_<table>, the same SELECTs `storyledger export` runs (store/views.py).
    from .views import create_views

    create_views(conn)


def _m007_copy_keys(conn: sqlite3.Connection) -> None:
    # Sentence keys of every article (storyledger.align.copies.copy_keys): copies
    # found across stories and time, an article's lookup reading its own keys' rows.
    conn.execute(
        "CREATE TABLE copy_keys (key INTEGER NOT NULL, article_id TEXT NOT NULL,"
        " PRIMARY KEY (key, article_id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX copy_keys_article ON copy_keys (article_id)")


def _m008_export_views_links(conn: sqlite3.Connection) -> None:
    # The export views again, as store/views.py now writes them: the derivations
    # view gained the copies found across stories (other_story_id).
    from .views import create_views

    create_views(conn)


#: The schema, as named migrations applied in this order. Append only: never
#: edit or reorder a migration that has shipped.
MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("001_initial", _m001_initial),
    ("002_state", _m002_state),
    ("003_counters", _m003_counters),
    ("004_skipped_input", _m004_skipped_input),
    ("005_watched", _m005_watched),
    ("006_export_views", _m006_export_views),
    ("007_copy_keys", _m007_copy_keys),
    ("008_export_views_links", _m008_export_views_links),
)
#: Migrations that only add views over existing tables, or tables only writers read (the copy
#: index): a store lacking them reads as before, so a read-only open (``stories``, ``show``,
#: ``serve``) does not need them applied first.
VIEW_ONLY = frozenset({"006_export_views", "007_copy_keys", "008_export_views_links"})
