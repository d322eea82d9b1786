"""Crash safety: SIGKILL a real ``storyledger ingest`` at several moments, then check the store.

After every kill the database must pass ``PRAGMA integrity_check``, hold no
half-written story (every story has its analysis, and the analysis names
exactly the story's articles), and keep everything an earlier kill left
committed. Running the same ingest again must finish the job: the final store
equals one built by a single uninterrupted run.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyledger import incremental
from storyledger.pipeline import read_inputs
from storyledger.runners import SerialRunner
from storyledger.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}

_SYLLABLES = ["var", "lo", "ken", "dra", "mis", "tal", "or", "bre", "sun", "gar", "pel", "ith", "mon", "zu", "ras", "vel"]
_EVENTS = [
    ("fire", "A fire swept through {place} on {day}, destroying {n} homes", "Firefighters from {place} fought the blaze"),
    ("strike", "Workers at the {place} rail depot walked out on {day}, halting {n} trains", "The union in {place} demanded higher pay"),
    ("bridge", "The old bridge at {place} collapsed on {day}, injuring {n} people", "Engineers had inspected the {place} bridge last year"),
    ("vote", "Voters in {place} backed the new harbour plan on {day} with {n} percent support", "The {place} council will start work next year"),
    ("storm", "A storm hit {place} on {day}, cutting power to {n} households", "Crews in {place} worked to restore the lines"),
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def generate(folder: Path, n_stories: int = 40, per_story: int = 5, seed: int = 3) -> Path:
    """Small invented articles: ``n_stories`` events of five kinds, ``per_story`` reports each."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for s in range(n_stories):
        kind, lead, follow = _EVENTS[s % len(_EVENTS)]
        place, person = _name(rng), f"{_name(rng)} {_name(rng)}"
        n, month, day = rng.randrange(12, 900), 1 + s % 12, 1 + rng.randrange(20)
        facts = {"place": place, "day": "Monday", "n": n}
        for k in range(per_story):
            lines = [
                lead.format(**facts) + ".",
                follow.format(**facts) + f", said {person}, a spokesperson.",
                f"{person} told reporters that {n} was a preliminary figure for {place}.",
                f"Report {k} on the {kind} in {place}: residents of {place} described the scene to local media.",
            ]
            rng.shuffle(lines)
            date = f"2024-{month:02d}-{day + k:02d}"
            text = f'---\ntitle: "{place} {kind}: report {k}"\nsource: Outlet {k}\npublished: {date}\n---\n' + "\n\n".join(lines)
            (folder / f"{s:02d}_{k}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def _read(db: Path) -> tuple[int, dict[str, tuple[str, ...]]] | None:
    """(articles, {story: article ids}) committed so far, read-only; None before the schema exists."""
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            members: dict[str, list[str]] = {}
            for sid, aid in conn.execute("SELECT story_id, article_id FROM story_articles ORDER BY story_id, position"):
                members.setdefault(sid, []).append(aid)
            return n, {k: tuple(v) for k, v in members.items()}
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return None  # the schema is not there yet


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "storyledger", "ingest", str(folder), "--db", str(db), "--runner", "serial", "-q"]
    return subprocess.Popen(cmd, cwd=ROOT, env=_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen, db: Path, ready, timeout: float = 60.0) -> bool:
    """SIGKILL ``proc`` as soon as ``ready(articles, stories)`` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            if proc.returncode != 0:
                pytest.fail(f"ingest failed: {proc.stderr.read().decode()}")
            return False
        seen = _read(db)
        if seen is not None and ready(*seen):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    pytest.fail("ingest neither finished nor reached the kill point in time")


def _check_whole(db: Path) -> dict[str, tuple[str, ...]]:
    """Integrity, and every story stored with an analysis naming exactly its articles."""
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with Store(str(db), readonly=True) as store:
        stories = {s.id: s.article_ids for s in store.stories()}
        for sid, ids in stories.items():
            doc = store.analysis(sid)
            assert doc is not None, f"story {sid} stored without its analysis"
            assert tuple(doc["article_ids"]) == ids, f"story {sid}: analysis of other articles"
    return stories


def _partition(db: Path) -> tuple[set[str], set[frozenset[str]]]:
    with Store(str(db), readonly=True) as store:
        return {a.id for a in store.articles()}, {frozenset(s.article_ids) for s in store.stories()}


@pytest.mark.slow
def test_sigkill_during_ingest_loses_nothing_and_a_rerun_finishes(tmp_path):
    folder = generate(tmp_path / "in")
    db = tmp_path / "crash.db"
    kill_points = [
        ("articles stored, no story yet", lambda n, stories: n > 0 and not stories),
        ("first story written", lambda n, stories: len(stories) >= 1),
        ("a third of the stories written", lambda n, stories: len(stories) >= 13),
    ]
    committed: list[tuple[int, dict]] = []
    killed = 0
    for what, ready in kill_points:
        killed += _kill_when(_ingest(folder, db), db, ready)
        stories = _check_whole(db)
        n, _ = _read(db)
        # nothing an earlier kill left committed is gone: its articles, and a story for each placed one
        placed = {a for ids in stories.values() for a in ids}
        for n_before, before in committed:
            assert n >= n_before, what
            assert {a for ids in before.values() for a in ids} <= placed, what
        committed.append((n, stories))
    assert killed >= 2, "the ingest finished before most kill points: the test did not test"

    final = _ingest(folder, db)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    _check_whole(db)

    # The partition does not depend on the analyses, so the uninterrupted reference run skips them.
    reference = tmp_path / "reference.db"
    with Store(str(reference)) as store:
        articles, _ = read_inputs([str(folder)])
        incremental.add_to_store(store, articles, runner=SerialRunner(), analyze=False)
    ids, parts = _partition(db)
    ref_ids, ref_parts = _partition(reference)
    assert len(ids) == 200
    assert ids == ref_ids
    assert parts == ref_parts
