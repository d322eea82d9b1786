"""Tests for storyledger.store.copy_index: sentence keys of the stored articles, across stories."""

from __future__ import annotations

import sqlite3

from storyledger.records import Article
from storyledger.store import Store


def _store_with(tmp_path, n: int = 3) -> Store:
    store = Store(tmp_path / "news.db")
    store.add_articles([Article(id=f"a{k}", text=f"Text {k}.") for k in range(n)])
    return store


def test_matches_count_the_keys_each_article_shares(tmp_path):
    with _store_with(tmp_path) as store:
        store.put_copy_keys({"a0": (1, 2, 3), "a1": (2, 3, 4), "a2": (9,)})
        assert store.copy_matches((2, 3, 7), max_articles=50) == {"a0": 2, "a1": 2}
        assert store.copy_key_counts(["a0", "a2", "missing"]) == {"a0": 3, "a2": 1}


def test_keys_are_replaced_not_added_and_boilerplate_is_passed_over(tmp_path):
    with _store_with(tmp_path) as store:
        store.put_copy_keys({"a0": (1, 2), "a1": (1,), "a2": (1,)})
        store.put_copy_keys({"a0": (5,)})  # the article's keys now
        assert store.copy_key_counts(["a0"]) == {"a0": 1}
        assert store.copy_matches((1,), max_articles=2) == {"a1": 1, "a2": 1}
        assert store.copy_matches((1,), max_articles=1) == {}  # a key carried by more articles picks out none


def test_a_store_without_the_copy_index_still_opens_read_only(tmp_path):
    """Readers never look at the index: a store written before it serves as it is; a writer adds it."""
    db = tmp_path / "news.db"
    with Store(db) as s:
        s.add_articles([Article(id="a", text="Some news.")])
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE copy_keys")
    conn.execute("DELETE FROM _migrations WHERE name = '007_copy_keys'")
    conn.commit()
    conn.close()
    with Store(db, readonly=True) as s:
        assert s.count_articles() == 1
    with Store(db) as s:
        s.put_copy_keys({"a": (7,)})
        assert s.copy_matches((7,), max_articles=5) == {"a": 1}
