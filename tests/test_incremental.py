"""Incremental ingest: stories grow as articles arrive, only changed stories are recomputed."""

import dataclasses
import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyledger import incremental, index_state
from storyledger.present import report
from storyledger.cli import cli
from storyledger.errors import StoreError
from storyledger.records import Article
from storyledger.store import Store, store_document, story_document

# Three unrelated invented stories, three reports each: (story, file name, date, title, text).
ARTICLES = [
    ("flood", "flood1", "2024-04-02", "Floods cut off Lowmere as the Tarn bursts its banks",
     "The river Tarn burst its banks on Tuesday and flooded the market town of Lowmere, cutting off "
     "roads and forcing 1,200 residents from their homes. Emergency crews in boats rescued families from "
     "rooftops. The Lowmere council opened two shelters in school gyms. Forecasters warned more rain would fall "
     "over the Tarn valley through Thursday."),
    ("flood", "flood2", "2024-04-03", "Lowmere flood: 1,200 evacuated, more rain expected",
     "About 1,200 people were evacuated in Lowmere after the Tarn overflowed, the council said. Boats rescued "
     "residents stranded on rooftops and two school shelters were full by nightfall. The Tarn valley expects "
     "more rain on Thursday, and flood barriers along the river were overwhelmed."),
    ("flood", "flood3", "2024-04-05", "Tarn waters recede in Lowmere, clean-up begins",
     "Flood waters of the Tarn began to recede in Lowmere on Friday, days after 1,200 residents fled. The "
     "council said the shelters would stay open while homes are inspected. Insurers estimated flood damage across "
     "the Tarn valley in the millions, and the rescued families began returning to clear mud from their homes."),
    ("mine", "mine1", "2024-04-03", "Twelve miners trapped after collapse at Kestrel Ridge",
     "A tunnel collapsed at the Kestrel Ridge copper mine on Wednesday, trapping twelve miners 400 metres "
     "underground. The operator Halvard Mining said ventilation shafts were intact and rescuers could hear "
     "tapping. Relatives gathered at the mine gate as drilling teams began a rescue shaft."),
    ("mine", "mine2", "2024-04-04", "Rescuers drill toward trapped Kestrel Ridge miners",
     "Drilling teams worked through the night at Kestrel Ridge to reach twelve miners trapped by a tunnel "
     "collapse. Halvard Mining said the rescue shaft had passed 250 metres and the copper mine's ventilation "
     "still worked. Families waited at the mine gate for news of the trapped miners."),
    ("mine", "mine3", "2024-04-06", "All twelve Kestrel Ridge miners rescued alive",
     "All twelve miners trapped in the Kestrel Ridge copper mine were brought up alive on Saturday through a "
     "rescue shaft, Halvard Mining said. The miners had survived three days after the tunnel collapse. Cheers "
     "rose at the mine gate as the drilling teams and relatives greeted them."),
    ("bank", "bank1", "2024-04-08", "Norland central bank raises rates to 4.5 percent",
     "The Norland central bank raised its benchmark interest rate by half a point to 4.5 percent on Monday, "
     "citing stubborn inflation of 6.1 percent. Governor Ilse Brandt said further increases were possible. "
     "The krona strengthened against the euro after the decision."),
    ("bank", "bank2", "2024-04-08", "Norland hikes interest rate, krona gains",
     "Norland's central bank lifted its key interest rate to 4.5 percent, its fourth increase this year, as "
     "inflation stayed at 6.1 percent. Governor Ilse Brandt told reporters the bank would act again if prices "
     "kept rising. The krona rose against the euro."),
    ("bank", "bank3", "2024-04-09", "Borrowers in Norland brace for costlier mortgages after rate rise",
     "Mortgage lenders in Norland said they would pass on the central bank's rise in the interest rate to 4.5 "
     "percent, a day after Governor Ilse Brandt warned of further increases. With inflation at 6.1 percent, "
     "analysts expect the krona to stay strong against the euro."),
]
STORY = {name: story for story, name, *_ in ARTICLES}


def write(folder: Path, names, articles=ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for story, name, date, title, text in articles:
        if name in names:
            (folder / f"{name}.txt").write_text(
                f'---\ntitle: "{title}"\nsource: Outlet {name[-1]}\npublished: {date}\n---\n{text}\n', encoding="utf-8"
            )
    return folder


def partition(store: Store) -> set[frozenset[str]]:
    """Stories as sets of file names (ids differ from file names)."""
    names = {a.id: Path(a.path).stem for a in store.articles()}
    return {frozenset(names[i] for i in s.article_ids) for s in store.stories()}


def counts(store: Store) -> tuple:
    rows = store._conn.execute("SELECT story_id, computed_at FROM analyses ORDER BY story_id").fetchall()
    return store.count_articles(), len(store.stories()), rows


EXPECTED = {frozenset(n for n, s in STORY.items() if s == story) for story in ("flood", "mine", "bank")}
FIRST = {"flood1", "mine1", "mine2", "bank1"}
REST = set(STORY) - FIRST


MINE4 = ("mine", "mine4", "2024-04-07", "Kestrel Ridge mine to stay shut during inquiry",
         "Halvard Mining said the Kestrel Ridge copper mine would stay shut while inspectors investigate the "
         "tunnel collapse that trapped twelve miners for three days. The rescued miners were recovering in hospital, "
         "and the drilling teams were thanked at a ceremony by the mine gate.")


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    """A database holding all nine articles, ingested at once (copy it before writing)."""
    tmp = tmp_path_factory.mktemp("full")
    db = tmp / "full.db"
    with Store(str(db)) as store:
        incremental.update_store(store, [str(write(tmp / "in", set(STORY)))])
    return db


def copy_of(db: Path, tmp_path: Path) -> str:
    with Store(str(db)) as src, Store(str(tmp_path / "copy.db")) as dst:
        src._conn.backup(dst._conn)
    return str(tmp_path / "copy.db")


def test_two_ingests_give_the_partition_of_one(tmp_path, full):
    a = write(tmp_path / "a", FIRST)
    b = write(tmp_path / "b", REST)
    with Store(str(tmp_path / "step.db")) as step:
        first = incremental.update_store(step, [str(a)])
        assert (first.added, first.changed) == (4, 3)
        second = incremental.update_store(step, [str(b)])
        # the three stories grow; none is opened anew
        assert (second.added, second.changed, second.total) == (5, 3, 9)
        stepwise = partition(step)
    with Store(str(full)) as once:
        assert partition(once) == stepwise == EXPECTED


def test_reingesting_the_same_files_recomputes_nothing(tmp_path, full):
    folder = write(tmp_path / "in", set(STORY))
    with Store(copy_of(full, tmp_path)) as store:
        before = counts(store)
        state = store._conn.execute("SELECT count(*) FROM state").fetchone()[0]
        again = incremental.update_store(store, [str(folder)])
        assert (again.added, again.seen, again.changed, again.total) == (0, 9, 0, 9)
        assert counts(store) == before
        assert store._conn.execute("SELECT count(*) FROM state").fetchone()[0] == state


def test_only_the_touched_story_is_recomputed(tmp_path, full):
    with Store(copy_of(full, tmp_path)) as store:
        before = dict(counts(store)[2])
        update = incremental.update_store(store, [str(write(tmp_path / "b", {"mine4"}, [MINE4]))])
        after = dict(counts(store)[2])
        assert (update.added, update.changed) == (1, 1)
        (new,) = [a.id for a in store.articles() if a.path.endswith("mine4.txt")]
        (sid,) = store.article_stories([new])[new]
        assert {s for s in after if after[s] != before.get(s)} == {sid}
        assert set(after) == set(before)
        assert len(store.story(sid).article_ids) == 4


def test_a_crash_while_writing_stories_is_finished_by_the_next_run(tmp_path, monkeypatch):
    folder = write(tmp_path / "in", FIRST)
    real_put = Store.put_story
    calls = []

    def dying_put(self, *args, **kwargs):
        if len(calls) == 1:
            raise KeyboardInterrupt  # as if killed after the first story was committed
        calls.append(args)
        return real_put(self, *args, **kwargs)

    with Store(str(tmp_path / "x.db")) as store:
        monkeypatch.setattr(Store, "put_story", dying_put)
        with pytest.raises(KeyboardInterrupt):
            incremental.update_store(store, [str(folder)])
        assert len(store.stories()) == 1
        monkeypatch.setattr(Store, "put_story", real_put)
        again = incremental.update_store(store, [str(folder)])
        assert (again.added, again.changed) == (0, 2)
        assert partition(store) == {frozenset({"flood1"}), frozenset({"mine1", "mine2"}), frozenset({"bank1"})}
        assert all(store.analysis(s.id)["article_ids"] == list(s.article_ids) for s in store.stories())


def test_undated_article_joins_its_story_and_distant_one_opens_another(tmp_path, full):
    flood = next(t for s, n, d, ti, t in ARTICLES if n == "flood2")
    with Store(copy_of(full, tmp_path)) as store:
        undated = Article(id="undated", text=flood.replace("Thursday", "Wednesday"))
        late = Article(id="late", text=flood.replace("Thursday", "Sunday"), published="2024-11-20")
        incremental.add_to_store(store, [undated, late])
        of = store.article_stories(["undated", "late"])
        flood_story = next(s for s in store.stories() if len(s.article_ids) == 4)
        assert "undated" in flood_story.article_ids
        assert of["late"] != of["undated"]
        assert store.story(of["late"][0]).article_ids == ("late",)


def test_a_store_written_without_the_index_is_indexed_once(tmp_path, full):
    with Store(copy_of(full, tmp_path)) as store:
        store._conn.execute("DELETE FROM state")  # as written by an older storyledger
        update = incremental.update_store(store, [str(write(tmp_path / "b", {"mine4"}, [MINE4]))])
        assert update.changed == 1
        assert partition(store) == {p | {"mine4"} if "mine1" in p else p for p in EXPECTED}


def test_stories_lists_newest_activity_first(tmp_path, full):
    result = CliRunner().invoke(cli, ["stories", "--db", str(full), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["n_articles"] for r in rows] == [3, 3, 3]
    assert [r["last_activity"][:10] for r in rows] == ["2024-04-09", "2024-04-06", "2024-04-05"]
    assert [r["n_sources"] for r in rows] == [3, 3, 3]


def test_show_of_an_unknown_story_is_a_clear_error(full):
    with Store(str(full), readonly=True) as store:
        assert story_document(store, "s_nope") is None
        with pytest.raises(StoreError, match="no story 's_nope'"):
            store_document(store, ["s_nope"])
    result = CliRunner().invoke(cli, ["show", "s_nope", "--db", str(full)])
    assert result.exit_code == 2
    assert "no story" in result.output


def test_analyze_with_db_then_show_gives_a_valid_document(tmp_path):
    db = str(tmp_path / "x.db")
    folder = write(tmp_path / "in", {"mine1", "mine2", "bank1"})
    runner = CliRunner()
    result = runner.invoke(cli, ["analyze", str(folder), "--db", db, "--format", "json", "--runner", "serial", "-q"])
    assert result.exit_code == 0, result.output
    whole = json.loads(result.output)
    report.validate(whole)
    assert len(whole["stories"]) == 2
    mine = next(s for s in whole["stories"] if len(s["article_ids"]) == 2)
    shown = runner.invoke(cli, ["show", mine["id"], "--db", db, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    doc = json.loads(shown.output)
    report.validate(doc)
    assert doc["stories"] == [mine]
    assert sorted(a["id"] for a in doc["articles"]) == sorted(mine["article_ids"])
    # the same database lists both stories and re-ingesting it through the CLI changes nothing
    again = runner.invoke(cli, ["ingest", str(folder), "--db", db, "--runner", "serial", "-q"])
    assert again.exit_code == 0, again.output
    assert "0 new article(s), 0 story(ies) updated" in again.output


def _articles(names, articles=ARTICLES) -> list[Article]:
    return [Article(id=n, text=t, title=ti, published=d) for _, n, d, ti, t in articles if n in names]


LATER = ("bank", "bank9", "2024-07-30", "Norland central bank holds its rate at 4.5 percent",
         "The Norland central bank kept its benchmark interest rate at 4.5 percent on Tuesday. Governor Ilse "
         "Brandt said inflation had eased to 4.2 percent and the krona was steady against the euro.")


def test_the_store_places_articles_as_the_index_in_memory(tmp_path):
    from storyledger.cluster.batch import ClusterSettings
    from storyledger.cluster.story_index import StoryIndex

    calls = [_articles(FIRST), _articles(REST), _articles({"mine4"}, [MINE4]), _articles({"bank9"}, [LATER])]
    calls.insert(3, [Article(id="undated", text=calls[0][0].text.replace("Tuesday", "Monday"))])
    memory = StoryIndex(ClusterSettings(), **index_state._CAPS)
    with Store(str(tmp_path / "x.db")) as store:
        for batch in calls:
            memory.add(batch)
            incremental.add_to_store(store, batch, analyze=False)
            stored = {a: sids[0] for a, sids in store.article_stories(memory.to_state()["stories"]).items()}
            assert stored == memory.to_state()["stories"]
        # the late article moved the window: the stored lists' live entries are the index's live articles
        live = index_state._window(json.loads(store.state(index_state._META)), ClusterSettings())
        lists = store._conn.execute("SELECT key, value FROM state WHERE key LIKE 'incremental/p/%'"
                                    " OR key LIKE 'incremental/m/%'").fetchall()
        named = {e[0] for _, v in lists for e in json.loads(v)}
        assert {"flood1", "bank1"} <= named
        assert {a for _, v in lists for a, *rest in json.loads(v) if live([a, *rest])} == {"bank9", "undated"}
        assert set(memory.to_state()["articles"]) == {"bank9", "undated"}


def test_an_index_of_the_first_layout_is_upgraded_in_place(tmp_path, full):
    import numpy as np

    def v1_blob(store) -> bytes:
        parts = []
        for kind in ("words", "names"):
            space = index_state._DF_SPACE[kind]
            rows = store._conn.execute("SELECT key, n FROM counters WHERE space = ? ORDER BY key", (space,)).fetchall()
            idx = np.array([k for k, _ in rows], np.uint32)
            parts += [np.array([len(idx)], np.uint32).tobytes(), idx.tobytes(),
                      np.array([n for _, n in rows], np.uint32).tobytes()]
        return b"".join(parts)

    with Store(copy_of(full, tmp_path)) as store:
        before = dump_counters(store)
        meta = json.loads(store.state(index_state._META))
        store.put_states({index_state._OLD_DF: v1_blob(store), index_state._META: json.dumps({**meta, "version": 1}).encode()})
        store._conn.execute("DELETE FROM counters")
        assert index_state._index_ready(store)
        assert dump_counters(store) == before and store.state(index_state._OLD_DF) is None
        # an article the first layout had queued in its one pending list is placed by the next run
        (mine4,) = store.add_articles(_articles({"mine4"}, [MINE4]))
        store.put_state(index_state._PENDING, json.dumps([mine4]).encode())
        assert incremental.add_to_store(store, []) == (0, 1)
        assert store.state(index_state._PENDING) is None and not store.state_items(index_state.PREFIX + "a/")
        mine = next(s for s in store.stories() if mine4 in s.article_ids)
        assert len(mine.article_ids) == 4


def test_an_index_of_older_features_is_rebuilt_from_the_articles_by_the_next_update(tmp_path, full):
    from storyledger.cluster import features as cf

    with Store(copy_of(full, tmp_path)) as store:
        before = dump_counters(store)
        meta = json.loads(store.state(index_state._META))
        assert meta["features"] == cf.FEATURES_VERSION
        # as an older storyledger left it: no features version, and counts read differently
        del meta["features"]
        store.put_states({index_state._META: json.dumps(meta).encode()})
        store._conn.execute("UPDATE counters SET n = n + 7")
        assert not index_state._index_ready(store)
        (article,) = _articles({"mine4"}, [MINE4])
        incremental.add_to_store(store, [article])
        mine4 = article.id
        assert json.loads(store.state(index_state._META))["features"] == cf.FEATURES_VERSION
        assert index_state._index_ready(store)
        mine = next(s for s in store.stories() if mine4 in s.article_ids)
        assert len(mine.article_ids) == 4
        # the counts were recomputed from the stored articles (the new one added), not kept
        after = dict((tuple(r[:2]), r[2]) for r in dump_counters(store))
        assert all(after.get(tuple(r[:2]), 0) < r[2] + 7 for r in before)


def dump_counters(store) -> list:
    return store._conn.execute("SELECT space, key, n FROM counters ORDER BY space, key").fetchall()


def test_placement_cut_between_chunks_resumes_where_it_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(index_state, "CHUNK", 2)
    arts = _articles(set(STORY))
    with Store(str(tmp_path / "ref.db")) as ref:
        incremental.add_to_store(ref, arts, analyze=False)
        expected = {s.id: s.article_ids for s in ref.stories()}
    real = index_state._place_chunk
    calls = []

    def dying(*args):
        if len(calls) == 2:
            raise KeyboardInterrupt  # as if killed after two chunks were committed
        calls.append(args)
        return real(*args)

    with Store(str(tmp_path / "x.db")) as store:
        monkeypatch.setattr(index_state, "_place_chunk", dying)
        with pytest.raises(KeyboardInterrupt):
            incremental.add_to_store(store, arts, analyze=False)
        # nine articles queued two a row: two rows placed and gone, their decisions kept
        assert len(store.state_items(index_state.PREFIX + "q/")) == 3
        assert len(store.state_items(index_state.PREFIX + "a/")) == 2
        monkeypatch.setattr(index_state, "_place_chunk", real)
        assert incremental.add_to_store(store, [], analyze=False)[0] == 0
        assert {s.id: s.article_ids for s in store.stories()} == expected
        assert not store.state_items(index_state.PREFIX + "q/") and not store.state_items(index_state.PREFIX + "a/")


def test_an_input_skipped_again_is_recorded_once(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "ok.txt").write_text("Officials said the bridge reopened on Monday after repairs.\n")
    with Store(tmp_path / "s.db") as store:
        first = incremental.update_store(store, [str(tmp_path / "in")])
        second = incremental.update_store(store, [str(tmp_path / "in")])
        assert len(first.skipped) == len(second.skipped) == 1
        assert [s.input for s in store.skips()] == [first.skipped[0].input]


# -- several writers at once ---------------------------------------------------


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    """A real ``storyledger ingest`` in its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "storyledger", "ingest", str(folder), "--db", str(db), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _every_article_in_one_story(store: Store) -> None:
    assert store.unclustered_ids() == []
    held = [a for s in store.stories() for a in s.article_ids]
    assert sorted(held) == sorted(a.id for a in store.articles())  # each exactly once


def _many(folder: Path, parity: int, copies: int) -> Path:
    """Several distinct follow-ups of each report, every other one to this folder, so both folders touch every story."""
    rows = []
    for k in range(copies):
        for story, name, date, title, text in ARTICLES:
            if (k + ARTICLES.index((story, name, date, title, text))) % 2 == parity:
                extra = f" Desk {k} of {name} filed this update at {k + 1} o'clock."
                rows.append((story, f"{name}_{k}", date, f"{title} ({k})", text + extra))
    return write(folder, {r[1] for r in rows}, rows)


@pytest.mark.slow
def test_two_ingest_processes_at_once_leave_every_article_in_a_story(tmp_path):
    a, b = _many(tmp_path / "a", 0, 8), _many(tmp_path / "b", 1, 8)
    db = tmp_path / "both.db"
    runs = [_ingest(a, db), _ingest(b, db)]
    outs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], [err for _, err in outs]
    with Store(str(db)) as store:
        assert store.count_articles() == 8 * len(ARTICLES)
        _every_article_in_one_story(store)
        assert not store.stale_analyses(incremental.AnalyzeOptions().settings_hash())


def test_a_second_writer_waits_for_the_first(tmp_path):
    a = write(tmp_path / "a", {"flood1", "flood2"})
    db = tmp_path / "w.db"
    with Store(str(db)) as store:
        with store.exclusive():
            proc = _ingest(a, db)
            # it says it waits, and stores nothing while the lock is held
            line = proc.stderr.readline()
            assert "another process is writing to this database" in line
            assert proc.poll() is None
            assert store.count_articles() == 0
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert store.count_articles() == 2
        _every_article_in_one_story(store)


def test_exclusive_nests_and_refuses_a_read_only_store(tmp_path):
    db = tmp_path / "n.db"
    with Store(str(db)) as store:
        with store.exclusive(), store.exclusive():
            incremental.add_to_store(store, [Article(id="x", text="The bridge reopened on Monday.")], analyze=False)
        assert store.unclustered_ids() == []
    with Store(str(db), readonly=True) as ro, pytest.raises(StoreError, match="read-only"):
        with ro.exclusive():
            pass


def test_a_rerun_repairs_articles_an_earlier_run_left_in_no_story_or_in_two(tmp_path, full, caplog):
    db = copy_of(full, tmp_path)
    with Store(db) as store:
        # the state two unlocked ingests left: articles in no story, neither queued nor decided,
        # and an article in two stories
        first, second, *_ = store.stories()
        lost = {}
        for s in store.stories():
            lost[s.article_ids[-1]] = s.id
            store.put_stories([dataclasses.replace(s, article_ids=s.article_ids[:-1])])
        shared = store.story(first.id).article_ids[0]
        store.put_stories([dataclasses.replace(second, article_ids=(*store.story(second.id).article_ids, shared))])
        assert sorted(store.unclustered_ids()) == sorted(lost)
        assert store.shared_article_ids() == [shared]
        assert partition(store) != EXPECTED
        update = incremental.update_store(store, [str(write(tmp_path / "again", {"flood1"}))])
        assert update.added == 0
        assert "in no story" in caplog.text and "in more than one story" in caplog.text
        _every_article_in_one_story(store)
        assert partition(store) == EXPECTED
        assert not store.stale_analyses(incremental.AnalyzeOptions().settings_hash())
        # repaired for good: the next run finds nothing to repair
        caplog.clear()
        incremental.update_store(store, [str(tmp_path / "again")])
        assert "in no story" not in caplog.text and "more than one story" not in caplog.text


def test_a_writer_arriving_mid_placement_cannot_interleave(tmp_path, monkeypatch):
    """The interleaving two unlocked ingests used to make, forced: the second arrives once the first has planned."""
    db = str(tmp_path / "mid.db")
    Store(db).close()
    real = incremental._plan
    first_placing, second_blocked_or_done = threading.Event(), threading.Event()

    class Seen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "another process is writing" in record.getMessage():
                second_blocked_or_done.set()

    def pausing(store, assign):
        plan = real(store, assign)
        if threading.current_thread().name == "first":
            first_placing.set()
            # placed and planned, stories not yet written: without the lock the
            # second ingest runs to its end here, and the first then writes its
            # stale plan over the stories the second grew
            assert second_blocked_or_done.wait(120)
        return plan

    def ingest(names: set[str], folder: str) -> None:
        with Store(db) as store:
            incremental.update_store(store, [str(write(tmp_path / folder, names))])

    monkeypatch.setattr(incremental, "_plan", pausing)
    handler = Seen()
    logging.getLogger("storyledger.store.lock").addHandler(handler)
    try:
        first = threading.Thread(target=ingest, args=(FIRST, "a"), name="first")
        first.start()
        assert first_placing.wait(120)
        second = threading.Thread(target=ingest, args=(REST, "b"), name="second")
        second.start()
        second.join(120)
        second_blocked_or_done.set()
        first.join(120)
    finally:
        logging.getLogger("storyledger.store.lock").removeHandler(handler)
    with Store(db) as store:
        assert store.count_articles() == len(STORY)
        _every_article_in_one_story(store)
        assert partition(store) == EXPECTED
