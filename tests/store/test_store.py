import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.store import store as store_module
from storyledger.errors import StoreError
from storyledger.records import Article, Removal, Skip, Story
from storyledger.store.migrations import MIGRATIONS
from storyledger.store.store import Store, content_hash

ROOT = Path(__file__).resolve().parents[2]
_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def art(i, text=None, **kw):
    return Article(id=f"a{i}", text=text if text is not None else f"Article number {i} says something.", **kw)


def dump(store):
    return list(store._conn.iterdump())


@pytest.fixture
def store():
    with Store() as s:
        yield s


# -- articles -----------------------------------------------------------------

_opt = st.none() | st.text(max_size=20)
_articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=12),
    text=st.text(max_size=200),
    title=_opt,
    source=_opt,
    published=st.none() | st.dates().map(str),
    url=_opt,
    path=_opt,
    removed=st.lists(
        st.builds(Removal, start=st.integers(0, 50), end=st.integers(50, 99), reason=st.text(max_size=10)), max_size=3
    ).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_articles, max_size=8))
def test_articles_round_trip(articles):
    with Store() as s:
        added = s.add_articles(articles)
        kept, ids, hashes = [], set(), set()
        for a in articles:
            if a.id not in ids and content_hash(a.text) not in hashes:
                kept.append(a)
                ids.add(a.id)
                hashes.add(content_hash(a.text))
        assert added == [a.id for a in kept]
        assert list(s.articles()) == kept
        assert s.count_articles() == len(kept)
        for a in kept:
            assert s.article(a.id) == a


def test_dedup_on_id_and_on_text(store):
    assert store.add_articles([art(1), art(2)]) == ["a1", "a2"]
    # same id, other text; same text (whitespace aside), other id; twice in one batch
    again = [
        art(1, "Completely different text."),
        Article(id="b9", text="  Article number 2\nsays something. "),
        art(3),
        art(3),
    ]
    assert store.add_articles(again) == ["a3"]
    assert [a.id for a in store.articles()] == ["a1", "a2", "a3"]
    assert store.article("a1").text == "Article number 1 says something."


def test_articles_by_ids_and_unclustered(store):
    store.add_articles(art(i) for i in range(5))
    assert [a.id for a in store.articles(["a3", "zz", "a0"])] == ["a3", "a0"]
    assert store.article("nope") is None
    store.put_stories([Story(id="s", title="t", article_ids=("a1", "a3")), Story(id="r", title="u", article_ids=("a3",))])
    assert store.unclustered_ids() == ["a0", "a2", "a4"]
    assert store.article_stories(["a3", "a1", "a0"]) == {"a3": ("r", "s"), "a1": ("s",)}


def test_articles_by_date_window(store):
    store.add_articles(
        [art(0, published="2024-01-05"), art(1, published="2024-01-10T08:00:00+00:00"), art(2), art(3, published="2024-02-01")]
    )
    assert [a.id for a in store.articles(since="2024-01-06")] == ["a1", "a3"]
    assert [a.id for a in store.articles(since="2024-01-01", until="2024-02-01")] == ["a0", "a1"]
    assert [a.id for a in store.articles(["a3", "a0", "a2"], until="2024-01-31")] == ["a0"]


def test_large_batch_streams_in_chunks(store):
    n = 3 * store_module._CHUNK + 7
    added = store.add_articles(art(i) for i in range(n))
    assert len(added) == n and store.count_articles() == n
    assert sum(1 for _ in store.articles()) == n


def test_failure_mid_batch_leaves_store_as_before(store):
    store.add_articles([art(i) for i in range(3)])
    store.put_stories([Story(id="s1", title="One", article_ids=("a0", "a1"))])
    before = dump(store)

    def batch():
        for i in range(10, 10 + 2 * store_module._CHUNK):
            yield art(i)
        raise RuntimeError("reader died")

    with pytest.raises(RuntimeError, match="reader died"):
        store.add_articles(batch())
    assert dump(store) == before
    # a story naming an unknown article fails the whole call
    with pytest.raises(StoreError, match="not in the store"):
        store.put_stories(
            [Story(id="s2", title="Two", article_ids=("a2",)), Story(id="s3", title="Bad", article_ids=("zz",))],
            replace_ids=["s1"],
        )
    assert dump(store) == before
    # the store still works afterwards
    assert store.add_articles([art(99)]) == ["a99"]


def test_transaction_groups_calls(store):
    before = dump(store)
    with pytest.raises(ValueError):
        with store.transaction():
            store.add_articles([art(1)])
            store.put_stories([Story(id="s", title="t", article_ids=("a1",))])
            raise ValueError("boom")
    assert dump(store) == before
    with store.transaction():
        store.add_articles([art(1)])
        # a failing call inside rolls back alone
        with pytest.raises(StoreError):
            store.put_stories([Story(id="s", title="t", article_ids=("missing",))])
        store.put_stories([Story(id="s", title="t", article_ids=("a1",))])
    assert store.story("s").article_ids == ("a1",)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.builds(Skip, input=st.text(max_size=30), reason=st.text(max_size=30)), max_size=5))
def test_skips_round_trip(skips):
    with Store() as s:
        assert s.add_skips(skips) == len(skips)
        assert s.skips() == skips


def test_skips(store):
    assert store.add_skips([Skip(input="x.bin", reason="binary file"), Skip(input="y.txt", reason="empty")]) == 2
    assert store.skips() == [Skip(input="x.bin", reason="binary file"), Skip(input="y.txt", reason="empty")]


# -- stories and analyses -----------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.builds(
            Story,
            id=st.text(min_size=1, max_size=8),
            title=st.text(max_size=30),
            article_ids=st.lists(st.sampled_from(["a0", "a1", "a2", "a3"]), unique=True).map(tuple),
        ),
        unique_by=lambda s: s.id,
        max_size=5,
    )
)
def test_stories_round_trip(stories):
    with Store() as s:
        s.add_articles(art(i) for i in range(4))
        assert s.put_stories(stories) == [x.id for x in stories]
        assert s.stories() == stories
        for x in stories:
            assert s.story(x.id) == x


def test_put_stories_replace_and_staleness(store):
    store.add_articles(art(i, source=f"outlet{i % 2}", published=f"2024-01-0{i + 1}") for i in range(4))
    s1 = Story(id="s1", title="First", article_ids=("a0", "a1"))
    s2 = Story(id="s2", title="Second", article_ids=("a2",))
    assert store.put_stories([s1, s2]) == ["s1", "s2"]
    store.put_analysis("s1", {"brief": ["x"], "n": 1.5}, settings_hash="h")
    store.put_analysis("s2", {"brief": []}, settings_hash="old")
    assert store.analysis("s1") == {"brief": ["x"], "n": 1.5}
    assert store.stale_analyses("h") == ["s2"]
    # unchanged story: analysis kept; changed story: analysis dropped
    assert store.put_stories([s1]) == []
    assert store.analysis("s1") is not None
    s2b = Story(id="s2", title="Second", article_ids=("a2", "a3"))
    assert store.put_stories([s2b]) == ["s2"]
    assert store.analysis("s2") is None
    assert store.stale_analyses("h") == ["s2"]
    # merge: a new story replaces both
    merged = Story(id="s9", title="Merged", article_ids=("a0", "a1", "a2", "a3"))
    store.put_stories([merged], replace_ids=["s1", "s2"])
    assert store.stories() == [merged]
    assert store.analysis("s1") is None
    assert store.count_articles() == 4
    store.remove_stories(["s9"])
    assert store.stories() == []


def test_put_story_with_analysis_is_one_unit(store):
    store.add_articles(art(i) for i in range(3))
    old = Story(id="s1", title="Old", article_ids=("a0",))
    store.put_story(old, {"brief": ["old"]})
    before = dump(store)
    new = Story(id="s2", title="New", article_ids=("a0", "a1"))
    with pytest.raises(StoreError, match="JSON"):
        store.put_story(new, {"bad": {1, 2}}, replace=["s1"])
    with pytest.raises(StoreError, match="not in the store"):
        store.put_story(Story(id="s3", title="x", article_ids=("zz",)), {"brief": []}, replace=["s1"])
    assert dump(store) == before
    assert store.put_story(new, {"brief": ["new"]}, replace=["s1"], settings_hash="h") is True
    assert store.stories() == [new]
    assert store.analysis("s2") == {"brief": ["new"]} and store.stale_analyses("h") == []
    assert store.put_story(new) is False  # unchanged: analysis kept
    assert store.analysis("s2") == {"brief": ["new"]}


def test_stories_summary_newest_first(store):
    store.add_articles(
        [
            art(0, source="A", published="2024-03-01"),
            art(1, source="B", published="2024-03-05"),
            art(2, source="A", published="2024-02-01"),
            art(3, source="A", published="2024-02-02"),
        ]
    )
    store.put_stories(
        [
            Story(id="old", title="Old", article_ids=("a2", "a3")),
            Story(id="new", title="New", article_ids=("a0", "a1")),
        ]
    )
    rows = store.stories_summary()
    assert [r["id"] for r in rows] == ["new", "old"]
    assert rows[0] | {"updated_at": None} == {
        "id": "new",
        "title": "New",
        "n_articles": 2,
        "n_sources": 2,
        "last_activity": "2024-03-05",
        "updated_at": None,
    }
    assert rows[1]["n_sources"] == 1


def test_analysis_errors(store):
    with pytest.raises(StoreError, match="not in the store"):
        store.put_analysis("nope", {})
    store.add_articles([art(0)])
    store.put_stories([Story(id="s", title="t", article_ids=("a0",))])
    with pytest.raises(StoreError, match="JSON"):
        store.put_analysis("s", {"x": object()})
    assert store.analysis("s") is None
    # a batch with one unknown story keeps nothing
    with pytest.raises(StoreError, match="not in the store"):
        store.put_analyses([("s", {"ok": 1}), ("nope", {})])
    assert store.analysis("s") is None
    assert store.put_analyses([("s", {"ok": [1, "é", None]})], settings_hash="h") == 1
    assert store.analysis("s") == {"ok": [1, "é", None]}
    assert store.analysed(["s", "nope"]) == {"s"} and store.analysed([]) == set()
    assert store.stale_analyses("h") == []


def test_runs_and_state(store):
    with store.run("cluster", "h1") as run_id:
        assert run_id >= 1
        assert store.last_run("cluster") is None
    assert store.last_run("cluster")["settings_hash"] == "h1"
    with pytest.raises(KeyError):
        with store.run("align", "h2"):
            raise KeyError("x")
    assert store.last_run("align") is None
    assert store.state("lsh") is None
    store.put_state("lsh", b"\x00\x01")
    store.put_state("lsh", b"\x02")
    assert store.state("lsh") == b"\x02"


def test_states_in_bulk_and_by_prefix(store):
    store.put_states({"ix/p/1": b"one", "ix/p/2": b"two", "ix/m/s": b"s", "other": b"o"})
    assert store.states(["ix/p/1", "ix/p/2", "ix/p/3"]) == {"ix/p/1": b"one", "ix/p/2": b"two"}
    assert store.states([]) == {}
    store.put_states({"ix/p/1": None, "ix/m/s": b"s2"})  # None deletes
    assert store.state("ix/p/1") is None and store.state("ix/m/s") == b"s2"
    assert store.state_items("ix/") == [("ix/m/s", b"s2"), ("ix/p/2", b"two")]
    assert store.delete_state("ix/p/") == 1
    assert store.states(["ix/p/2", "ix/m/s", "other"]) == {"ix/m/s": b"s2", "other": b"o"}
    # a failing batch keeps nothing
    with pytest.raises(StoreError):
        with store.transaction():
            store.put_states({"ix/m/s": b"lost", "ix/new": b"lost"})
            raise StoreError("abort")
    assert store.state("ix/m/s") == b"s2" and store.state("ix/new") is None


def test_counters_add_in_place_and_read_only_what_is_asked(store):
    store.add_counts("df", {5: 2, 7: 1, 9: 0})
    store.add_counts("df", {5: 3, 2**20 - 1: 4})
    store.add_counts("other", {5: 100})
    assert store.counts("df", [5, 7, 9, 2**20 - 1, 11]) == {5: 5, 7: 1, 2**20 - 1: 4}
    assert store.count_keys("df") == 3
    store.add_counts("df", {7: -1})
    assert store.counts("df", [7]) == {7: 0}
    store.delete_counts("df")
    assert store.counts("df", [5]) == {} and store.counts("other", [5]) == {5: 100}


# -- files, migrations, errors ------------------------------------------------


def test_file_store_wal_and_migrations(tmp_path):
    db = tmp_path / "news.db"
    with Store(db) as s:
        s.add_articles([art(1)])
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")] == [n for n, _ in MIGRATIONS]
    conn.close()
    with Store(str(db)) as s:  # reopening applies nothing twice
        assert s.count_articles() == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)
    conn.close()


def test_a_store_without_the_view_migrations_still_opens_read_only(tmp_path):
    """A store written before the export views (migration 006) serves stories, show and serve as it is."""
    db = tmp_path / "news.db"
    with Store(db) as s:
        s.add_articles([art(1)])
    conn = sqlite3.connect(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        conn.execute(f'DROP VIEW "{name}"')
    conn.execute("DELETE FROM _migrations WHERE name = '006_export_views'")
    conn.commit()
    conn.close()
    with Store(db, readonly=True) as s:
        assert s.count_articles() == 1
    with Store(db) as s:  # opened for writing, the views are added
        assert s.count_articles() == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT 1 FROM _migrations WHERE name = '006_export_views'").fetchone()
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'view'").fetchone()[0] > 0
    conn.close()


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "news.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _migrations VALUES ('999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer storyledger.*999_future"):
        Store(db)
    with pytest.raises(StoreError, match="newer storyledger"):
        Store(db, readonly=True)


def test_failed_migration_is_rolled_back(tmp_path, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS + (("003_broken", broken),))
    db = tmp_path / "news.db"
    with pytest.raises(StoreError, match="no_such_table"):
        Store(db)
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
    conn.close()
    assert "half_done" not in tables and "articles" in tables
    assert applied == [n for n, _ in MIGRATIONS]


def test_open_errors(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all, just some text" * 100)
    with pytest.raises(StoreError, match="not a storyledger database"):
        Store(junk)
    with pytest.raises(StoreError, match="not a storyledger database"):
        Store(junk, readonly=True)
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path)  # a folder
    with pytest.raises(StoreError, match="no database file"):
        Store(tmp_path / "missing.db", readonly=True)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="no storyledger schema"):
        Store(plain, readonly=True)
    with pytest.raises(StoreError, match="needs a database file"):
        Store(None, readonly=True)


def test_readonly_refuses_writes(tmp_path):
    db = tmp_path / "news.db"
    with Store(db) as s:
        s.add_articles([art(1)])
    with Store(db, readonly=True) as ro:
        assert [a.id for a in ro.articles()] == ["a1"]
        with pytest.raises(StoreError, match="read-only"):
            ro.add_articles([art(2)])
        with pytest.raises(StoreError, match="read-only"):
            ro.put_stories([])


def test_locked_database_gives_clear_error(tmp_path):
    db = tmp_path / "news.db"
    Store(db).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, timeout=0.05) as s:
            with pytest.raises(StoreError, match="locked"):
                s.add_articles([art(1)])
            assert s.count_articles() == 0  # reading still works
    finally:
        other.execute("ROLLBACK")
        other.close()


_WRITER = textwrap.dedent(
    """
    import sys
    from storyledger.records import Article
    from storyledger.store.store import Store

    db, batches, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store(db) as s:
        for b in range(batches):
            s.add_articles(
                Article(id=f"a{b}-{i}", text=f"batch {b} article {i} " + "words " * 200, source=f"s{i % 3}")
                for i in range(size)
            )
    """
)


def _writer(db, batches, size):
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db), str(batches), str(size)], cwd=ROOT, env=_ENV
    )


def test_reader_sees_whole_batches_while_writer_writes(tmp_path):
    db = tmp_path / "news.db"
    Store(db).close()
    size = 40
    proc = _writer(db, 60, size)
    seen = []
    try:
        with Store(db, readonly=True) as ro:
            while proc.poll() is None:
                n = ro.count_articles()
                assert n % size == 0
                assert sum(1 for _ in ro.articles()) % size == 0
                seen.append(n)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert seen == sorted(seen)
    assert len(set(seen)) >= 3  # the reader really read during the writes
    with Store(db, readonly=True) as ro:
        assert ro.count_articles() == 60 * size


def test_threads_read_while_one_writes(tmp_path):
    db = tmp_path / "news.db"
    Store(db).close()
    errors = []

    def write():
        with Store(db) as s:
            for b in range(30):
                s.add_articles(art(b * 10 + i) for i in range(10))

    def read():
        try:
            with Store(db, readonly=True) as ro:
                for _ in range(200):
                    if ro.count_articles() % 10:
                        errors.append("partial batch seen")
        except Exception as e:  # collected and asserted below
            errors.append(repr(e))

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_ingest_loses_nothing_committed(tmp_path):
    db = tmp_path / "news.db"
    Store(db).close()
    size, batches = 50, 150
    proc = _writer(db, batches, size)
    try:
        with Store(db, readonly=True) as ro:
            deadline = time.monotonic() + 20
            while ro.count_articles() < 3 * size and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(db) as s:
        n = s.count_articles()
        assert 3 * size <= n < batches * size and n % size == 0
    # running the same ingest again finishes the job
    rerun = _writer(db, batches, size)
    assert rerun.wait(timeout=120) == 0
    with Store(db, readonly=True) as ro:
        assert ro.count_articles() == batches * size


def test_doctests():
    import doctest

    result = doctest.testmod(store_module)
    assert result.attempted >= 3 and result.failed == 0


def test_many_processes_open_a_fresh_file_together(tmp_path):
    db = tmp_path / "fresh.db"
    code = "import sys; from storyledger.store.store import Store; Store(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(db)], cwd=ROOT, env=_ENV, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)
    conn.close()


def test_add_skips_new_only_leaves_out_recorded_inputs(store):
    store.add_skips([Skip(input="x.bin", reason="binary file")])
    again = [Skip(input="x.bin", reason="binary file"), Skip(input="x.bin", reason="empty"),
             Skip(input="y.txt", reason="empty"), Skip(input="y.txt", reason="empty")]
    assert store.add_skips(again, new_only=True) == 2
    assert store.skips() == [Skip(input="x.bin", reason="binary file"), Skip(input="x.bin", reason="empty"),
                             Skip(input="y.txt", reason="empty")]
    # without new_only every skip is recorded, as before
    assert store.add_skips(again[:1]) == 1
    assert len(store.skips()) == 4
