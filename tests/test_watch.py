"""storyledger.watch: a folder polled into a store reads each file once, and again only when it changes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from click.testing import CliRunner

from storyledger import watch
from storyledger.cli import cli
from storyledger.store.store import Store

FIRST = ("Flooding forced 1,200 residents of the river town to leave their homes on Monday, "
         "the regional governor said. Rescue teams used boats to reach villages cut off by the water.")
SECOND = ("The regional governor said on Tuesday that 1,500 residents had now left their homes "
          "as the river kept rising. Rescue teams used boats to reach villages cut off by the water.")
OTHER = "The city council approved a new budget for public libraries after a long debate on Thursday evening."


def _write(path: Path, text: str, age: float = 60.0) -> None:
    path.write_text(text, encoding="utf-8")
    past = time.time() - age
    os.utime(path, (past, past))


def test_each_file_is_read_once_and_again_when_it_changes(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "a.txt", FIRST)
    with Store(tmp_path / "s.db") as store:
        r1 = watch.poll_once(store, [str(inbox)])
        assert (r1.files, r1.added, r1.total) == (1, 1, 1)
        r2 = watch.poll_once(store, [str(inbox)])
        assert (r2.files, r2.added, r2.changed) == (0, 0, 0)
        _write(inbox / "b.txt", SECOND)
        r3 = watch.poll_once(store, [str(inbox)])
        assert (r3.files, r3.added, r3.total) == (1, 1, 2)
        # both reports of the flood are one story
        assert [len(s.article_ids) for s in store.stories()] == [2]
        # a file rewritten with new text is read again
        _write(inbox / "a.txt", OTHER, age=30.0)
        r4 = watch.poll_once(store, [str(inbox)])
        assert (r4.files, r4.added, r4.total) == (1, 1, 3)


def test_a_file_still_being_written_waits_for_a_later_round(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "fresh.txt").write_text(FIRST, encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        early = watch.poll_once(store, [str(inbox)], settle=5.0, now=time.time())
        assert (early.files, early.waiting, early.total) == (0, 1, 0)
        later = watch.poll_once(store, [str(inbox)], settle=5.0, now=time.time() + 10)
        assert (later.files, later.waiting, later.total) == (1, 0, 1)


def test_a_bad_file_is_reported_once_and_not_read_again(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "empty.txt", "")
    _write(inbox / "a.txt", FIRST)
    with Store(tmp_path / "s.db") as store:
        r1 = watch.poll_once(store, [str(inbox)])
        assert r1.files == 2 and [s.reason for s in r1.skipped] and r1.added == 1
        r2 = watch.poll_once(store, [str(inbox)])
        assert r2.files == 0 and r2.skipped == []
        assert len(store.skips()) == 1


def test_watch_runs_rounds_and_sleeps_between_them(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "a.txt", FIRST)
    slept: list[float] = []
    seen = []

    def sleep(seconds: float) -> None:  # a new file arrives while the watch sleeps
        slept.append(seconds)
        _write(inbox / f"n{len(slept)}.txt", SECOND if len(slept) == 1 else OTHER)

    with Store(tmp_path / "s.db") as store:
        added = watch.watch(store, [str(inbox)], interval=7.0, rounds=3, sleep=sleep, on_round=seen.append)
    assert added == 3
    assert slept == [7.0, 7.0]
    assert [r.files for r in seen] == [1, 1, 1]


def test_cli_watch_once(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "a.txt", FIRST)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["watch", str(inbox), "--db", db, "--once", "--runner", "serial"])
    assert first.exit_code == 0, first.output
    assert "1 file(s) read: 1 new article(s)" in first.output
    again = runner.invoke(cli, ["watch", str(inbox), "--db", db, "--once", "--runner", "serial"])
    assert again.exit_code == 0 and "0 file(s) read: 0 new article(s)" in again.output
    listed = runner.invoke(cli, ["stories", "--db", db, "--format", "json"])
    assert listed.exit_code == 0 and '"n_articles": 1' in listed.output


def test_a_name_that_is_not_utf8_does_not_block_the_inbox(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    odd = os.fsencode(inbox) + b"/x\xff.txt"
    with open(odd, "wb") as fh:
        fh.write(FIRST.encode())
    os.utime(odd, (time.time() - 60, time.time() - 60))
    _write(inbox / "b.txt", OTHER)
    with Store(tmp_path / "s.db") as store:
        first = watch.poll_once(store, [str(inbox)])
        assert (first.files, first.added, first.skipped) == (2, 2, [])
        assert f"{inbox}/x\\xff.txt" in {a.path for a in store.articles()}
        assert watch.poll_once(store, [str(inbox)]).files == 0  # remembered under its escaped name
        os.utime(odd, (time.time() - 30, time.time() - 30))
        assert watch.poll_once(store, [str(inbox)]).files == 1
    runner = CliRunner()
    res = runner.invoke(cli, ["watch", str(inbox), "--db", str(tmp_path / "t.db"), "--once", "--runner", "serial"])
    assert res.exit_code == 0 and "2 new article(s)" in res.output, res.output
