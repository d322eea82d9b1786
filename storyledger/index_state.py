"""The persisted story index: :class:`~storyledger.cluster.StoryIndex` kept as a store's state rows.

Step 2 of :mod:`storyledger.incremental`. The index lives in the store's
``state`` table, one row per piece, so a chunk of new articles reads and
writes only what it touches, never the whole index:

* ``incremental/meta``      — layout version, articles seen, newest date seen, undated count;
* ``incremental/p/<key>``   — the most recent live holders of one blocking key;
* ``incremental/m/<story>`` — the most recent live members of one story;
* ``incremental/r/<article>`` — a recent member's hashed term counts;
* ``incremental/q/<n>``     — a queued chunk of articles waiting to be placed;
* ``incremental/a/<n>``     — a placed chunk's decisions, until its stories are written;

and the document frequencies of the hashed terms are the store's counters
``incremental/df/words`` and ``incremental/df/names``, one row per term.

A holder or member entry is ``[article id, day or None, undated sequence
number or None, published or None]``. Stories are not kept in entries (an
article may move when stories merge or split): they come from the pending
decisions, else from the stored stories. Entries are written live only (see
:func:`storyledger.cluster.is_live`): an entry the window has left behind is
dropped the next time its list is written, so a list costs what the recent
news puts in it, however old the store.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .pipeline import Progress, no_progress
from .records import Article

if TYPE_CHECKING:
    from .cluster import ClusterSettings
    from .store import StoryWriter

__all__ = [
    "CHUNK",
    "PREFIX",
    "enqueue",
    "forget_decisions",
    "pending_decisions",
    "place_pending",
    "rebuild_index",
    "story_order",
]

log = logging.getLogger(__name__)

PREFIX = "incremental/"
_META, _QUEUE, _DECIDED = PREFIX + "meta", PREFIX + "q/", PREFIX + "a/"
# one blob each in layouts 1 and 2; read (and then removed) when found
_OLD_DF, _PENDING, _ASSIGN = PREFIX + "df", PREFIX + "pending", PREFIX + "assign"
_DF_SPACE = {"words": PREFIX + "df/words", "names": PREFIX + "df/names"}
#: Layout of the persisted pieces: 2 keeps the document frequencies as counters, one per hashed term.
_VERSION = 2
#: The :class:`StoryIndex` limits the persisted index works with.
_CAPS = {"posting_cap": 64, "members_cap": 30, "max_live": 200_000}
#: Pending articles placed per index call (and per committed chunk).
CHUNK = 1000


def _dumps(obj: object) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _loads(blob: bytes | None, default):
    return default if blob is None else json.loads(blob.decode("utf-8"))


def _posting_key(key: int) -> str:
    return f"{PREFIX}p/{key}"


def _member_key(story_id: str) -> str:
    return f"{PREFIX}m/{story_id}"


def _row_key(article_id: str) -> str:
    return f"{PREFIX}r/{article_id}"


def _suffix(key: str) -> str:
    return key[len(PREFIX) + 2 :]


def _encode_counts(words: list, names: list) -> bytes:
    # A member's hashed word and name counts, so a touched story's members need not be re-read and re-featurised.
    parts = [np.array([len(words[0]), len(names[0])], np.uint32).tobytes()]
    for cols, vals in (words, names):
        parts += [np.asarray(cols, np.uint32).tobytes(), np.asarray(vals, np.float32).tobytes()]
    return b"".join(parts)


def _decode_counts(blob: bytes) -> tuple[list, list]:
    nw, nn = np.frombuffer(blob, np.uint32, 2, 0).tolist()
    pos, out = 8, []
    for n in (nw, nn):
        idx = np.frombuffer(blob, np.uint32, n, pos)
        val = np.frombuffer(blob, np.float32, n, pos + 4 * n)
        pos += 8 * n
        out.append([idx.tolist(), val.astype(np.int64).tolist()])
    return out[0], out[1]


def _decode_df(blob: bytes | None, width: int) -> tuple[np.ndarray, np.ndarray]:
    # Version 1 of the layout kept the document frequencies as one blob; read once to upgrade.
    out = []
    pos = 0
    for _ in range(2):
        df = np.zeros(width, np.int64)
        if blob:
            n = int(np.frombuffer(blob, np.uint32, 1, pos)[0])
            pos += 4
            idx = np.frombuffer(blob, np.uint32, n, pos)
            pos += 4 * n
            df[idx] = np.frombuffer(blob, np.uint32, n, pos)
            pos += 4 * n
        out.append(df)
    return out[0], out[1]


def _day(value: float) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


def _window(meta: dict, settings):
    """The liveness test of an entry under ``meta`` (the rule of :class:`StoryIndex`)."""
    from .cluster import is_live

    def live(entry: list) -> bool:
        return is_live(entry[1], entry[2], newest=meta["newest"], n_undated=meta["undated"],
                       max_days=settings.max_days, max_live=_CAPS["max_live"])

    return live


def _meta(store) -> dict:
    from .cluster import features as cf

    return _loads(store.state(_META), {"version": _VERSION, "features": cf.FEATURES_VERSION, "n": 0,
                                       "newest": None, "undated": 0})


def _df(store, kind: str, cols: Iterable[int]) -> dict[int, int]:
    return store.counts(_DF_SPACE[kind], cols)


def _stories_of(store, ids: Sequence[str], assign: dict[str, str]) -> dict[str, str]:
    """The current story of each article: a pending decision, else the stored story."""
    out = {a: assign[a] for a in ids if a in assign}
    rest = [a for a in ids if a not in out]
    for aid, sids in store.article_stories(rest).items():
        out[aid] = sids[0]
    return out


def _live_entries(blob: bytes, live) -> list[list]:
    return [e for e in _loads(blob, []) if live(e)]


@dataclass(frozen=True, slots=True)
class _Reach:
    """What a chunk of new articles reaches in the stored index: holders, their stories, those stories' members."""

    entries: dict[str, list]  # article id -> its entry
    postings: dict[int, list[str]]  # blocking key -> live holders
    story_of: dict[str, str]  # article id -> its current story
    members: dict[str, list[str]]  # story id -> live recent members
    member_ids: list[str]


def _place_chunk(
    store: StoryWriter, articles: list[Article], assign: dict[str, str], settings: ClusterSettings
) -> tuple[dict[str, str], dict, dict]:
    """Place one chunk of new articles with a :class:`StoryIndex` loaded from the stored pieces it reaches.

    Returns:
        ``{article id: story id}`` for the new articles and for earlier ones
        that moved (stories merged or split); the state rows to write
        (``None`` deletes one); the document-frequency increments per kind.
    """
    from .cluster import StoryIndex, article_counts

    meta = _meta(store)
    live = _window(meta, settings)
    # 1. The blocking keys the index will look up, computed as it does (IDF after this chunk).
    counts = article_counts(articles)
    df, wanted = _chunk_keys(store, counts, meta["n"] + len(articles))
    # 2. Their live holders, the stories those belong to, and those stories' live recent members.
    reach = _reach(store, wanted, assign, live)
    rows = _member_counts(store, reach.member_ids)
    df = _with_member_columns(store, df, rows)
    # 3. A partial index holding exactly what this chunk reaches; the rest stays in the store.
    index = StoryIndex.from_state(_partial_state(meta, df, reach, rows), settings)
    decided = index.add(articles, counts)
    after = index.to_state()
    # 4. What changed, as state rows and counter increments.
    out = _changed_rows(store, {a.id for a in articles}, reach, after, live)
    return decided, out, _df_deltas(df, after)


def _chunk_keys(store: StoryWriter, counts: tuple, n_after: int) -> tuple[dict[str, dict[int, int]], list[int]]:
    """The stored document frequencies of the chunk's terms, and the blocking keys it will look up."""
    from .cluster import blocking_keys
    from .cluster import features as cf

    tf_w, tf_n = counts
    df = {"words": _df(store, "words", np.unique(tf_w.indices).tolist()),
          "names": _df(store, "names", np.unique(tf_n.indices).tolist())}
    df_after = np.zeros(cf.N_FEATURES, np.int64)
    if df["words"]:
        df_after[list(df["words"])] = list(df["words"].values())
    df_after += cf.document_frequency(tf_w)
    keys = blocking_keys(tf_w, df_after, n_after)
    return df, sorted(set(keys.indices.tolist()))


def _reach(store: StoryWriter, wanted: list[int], assign: dict[str, str], live) -> _Reach:
    """The live holders of the wanted keys, their stories, and those stories' live recent members."""
    entries: dict[str, list] = {}
    postings: dict[int, list[str]] = {}
    for key, blob in store.states(_posting_key(k) for k in wanted).items():
        kept = _live_entries(blob, live)
        postings[int(_suffix(key))] = [e[0] for e in kept]
        entries.update((e[0], e) for e in kept)
    story_of = _stories_of(store, sorted(entries), assign)
    members: dict[str, list[str]] = {}
    for key, blob in store.states(_member_key(sid) for sid in sorted(set(story_of.values()))).items():
        kept = _live_entries(blob, live)
        members[_suffix(key)] = [e[0] for e in kept]
        entries.update((e[0], e) for e in kept)
        story_of.update((e[0], _suffix(key)) for e in kept)
    member_ids = sorted({aid for ids in members.values() for aid in ids})
    return _Reach(entries=entries, postings=postings, story_of=story_of, members=members, member_ids=member_ids)


def _member_counts(store: StoryWriter, member_ids: list[str]) -> dict[str, tuple[list, list]]:
    """Each recent member's hashed word and name counts: stored, else computed from its text."""
    from .cluster import features as cf

    rows = {_suffix(k): _decode_counts(b) for k, b in store.states(map(_row_key, member_ids)).items() if b}
    missing = [aid for aid in member_ids if aid not in rows]
    if missing:
        stored = list(store.articles(missing))
        member_texts = [cf.full_text(a) for a in stored]
        mw, mn = cf.counts(member_texts, "words"), cf.counts(member_texts, "names")
        for k, a in enumerate(stored):
            rows[a.id] = ([mw[k].indices.tolist(), mw[k].data.astype(np.int64).tolist()],
                          [mn[k].indices.tolist(), mn[k].data.astype(np.int64).tolist()])
    return rows


def _with_member_columns(store: StoryWriter, df: dict, rows: dict) -> dict[str, dict[int, int]]:
    """``df`` with the stored frequencies of the members' own columns added (they enter their TF-IDF too)."""
    out = {kind: dict(values) for kind, values in df.items()}
    for pos, kind in enumerate(("words", "names")):
        extra = {c for r in rows.values() for c in r[pos][0]} - out[kind].keys()
        out[kind].update(_df(store, kind, sorted(extra)))
    return out


def _partial_state(meta: dict, df: dict, reach: _Reach, rows: dict) -> dict:
    """The :class:`StoryIndex` state of exactly what a chunk reaches."""
    from .cluster import INDEX_STATE_VERSION

    return {
        "version": INDEX_STATE_VERSION,
        **_CAPS,
        "n_docs": meta["n"],
        "newest": meta["newest"],
        "n_undated": meta["undated"],
        "df_words": df["words"],
        "df_names": df["names"],
        "stories": reach.story_of,
        "postings": reach.postings,
        "members": reach.members,
        "articles": {
            aid: {"published": e[3], "day": e[1], "seq": e[2],
                  "words": rows[aid][0] if aid in rows else None, "names": rows[aid][1] if aid in rows else None}
            for aid, e in reach.entries.items()
        },
    }


def _changed_rows(store: StoryWriter, new_ids: set[str], reach: _Reach, after: dict, live) -> dict[str, bytes | None]:
    """The state rows a placed chunk changes (``None`` deletes one)."""
    from .cluster import features as cf

    done = after["articles"]

    def entry(aid: str) -> list:
        a = done[aid]
        return [aid, a["day"], a["seq"], a["published"]]

    out: dict[str, bytes | None] = {}
    for key in reach.postings.keys() - after["postings"].keys():
        out[_posting_key(key)] = None  # every holder left the window
    for key, ids in after["postings"].items():
        row = [entry(a) for a in ids]
        if key not in reach.postings:
            if not new_ids.intersection(ids):
                continue
            # a key the index used that was not foreseen: keep its stored holders too
            old = [e for e in _live_entries(store.state(_posting_key(key)) or b"[]", live) if e[0] not in done]
            row = (old + row)[-_CAPS["posting_cap"] :]
        out[_posting_key(key)] = _dumps(row)
    kept: set[str] = set()
    for sid in reach.members.keys() | after["members"].keys():
        ids = after["members"].get(sid, [])
        kept.update(ids)
        out[_member_key(sid)] = _dumps([entry(a) for a in ids]) if ids else None
    for aid in new_ids & kept:
        if done[aid]["words"] is not None:
            out[_row_key(aid)] = _encode_counts(done[aid]["words"], done[aid]["names"])
    for aid in set(reach.member_ids) - kept:
        out[_row_key(aid)] = None  # no longer a recent member: its counts are not needed
    out[_META] = _dumps({"version": _VERSION, "features": cf.FEATURES_VERSION, "n": after["n_docs"],
                         "newest": after["newest"], "undated": after["n_undated"]})
    return out


def _df_deltas(df: dict, after: dict) -> dict[str, dict[int, int]]:
    """The document-frequency increments per kind between the loaded and the updated index."""
    deltas = {}
    for kind in ("words", "names"):
        before, now = df[kind], after["df_" + kind]
        deltas[kind] = {c: n - before.get(c, 0) for c, n in now.items() if n != before.get(c, 0)}
    return deltas


def _write_index(store, rows: dict, deltas: dict) -> None:
    # inside the caller's transaction
    store.put_states(rows)
    for kind, inc in deltas.items():
        store.add_counts(_DF_SPACE[kind], inc)


def _index_ready(store) -> bool:
    """Whether the persisted index exists (upgrading a version 1 layout in place)."""
    meta = _loads(store.state(_META), None)
    if meta is None:
        # Only a store written before the index existed (or by another tool) lacks its meta row.
        return not store.count_articles()
    if meta.get("version", 1) < _VERSION:
        from .cluster import features as cf

        df_w, df_n = _decode_df(store.state(_OLD_DF), cf.N_FEATURES)
        with store.transaction():
            for kind, df in (("words", df_w), ("names", df_n)):
                cols = np.flatnonzero(df)
                store.add_counts(_DF_SPACE[kind], dict(zip(cols.tolist(), df[cols].tolist())))
            store.put_states({_OLD_DF: None, _META: _dumps({**meta, "version": _VERSION})})
    from .cluster import features as cf

    # an index of words and names read by an older storyledger is rebuilt from the articles
    return meta.get("features", 1) == cf.FEATURES_VERSION


def rebuild_index(store: StoryWriter, settings: ClusterSettings | None = None) -> int:
    """Build the persisted index from the stories already stored (two passes over the store).

    Needed once for a database written before the index existed or by a
    storyledger that read other words and names from articles (done then by
    the next update), or to recover from a damaged index. Articles in no story become pending and are
    placed by the next :func:`update_store` or :func:`place_pending`.

    Args:
        store: an open writable store.
        settings: the clustering settings whose time window the index keeps (default settings when None).

    Returns:
        How many articles the index now holds.
    """
    from .cluster import ClusterSettings
    from .cluster import features as cf

    settings = settings or ClusterSettings()
    story_of = {aid: s.id for s in store.stories() for aid in s.article_ids}
    df_w, df_n, meta = _placed_frequencies(store, story_of)
    postings, members, pending = _live_pieces(store, story_of, df_w, meta, _window(meta, settings))
    with store.transaction():
        for prefix in ("p/", "m/", "r/"):
            store.delete_state(PREFIX + prefix)
        rows: dict[str, bytes | None] = {_OLD_DF: None}
        rows.update((_posting_key(key), _dumps(list(es))) for key, es in postings.items())
        rows.update((_member_key(sid), _dumps(list(es))) for sid, es in members.items())
        rows[_META] = _dumps({"version": _VERSION, **meta, "features": cf.FEATURES_VERSION})
        store.put_states(rows)
        queued = {a for _, ids in _queue(store) for a in ids}
        enqueue(store, [a for a in dict.fromkeys(pending) if a not in queued])
        for kind, df in (("words", df_w), ("names", df_n)):
            store.delete_counts(_DF_SPACE[kind])
            cols = np.flatnonzero(df)
            store.add_counts(_DF_SPACE[kind], dict(zip(cols.tolist(), df[cols].tolist())))
    return meta["n"]


def _placed_frequencies(store: StoryWriter, story_of: dict[str, str]) -> tuple[np.ndarray, np.ndarray, dict]:
    """First pass: the document frequencies of the placed articles, and the index's meta (count, newest day, undated)."""
    from .cluster import features as cf

    df_w = np.zeros(cf.N_FEATURES, np.int64)
    df_n = np.zeros(cf.N_FEATURES, np.int64)
    n, newest, n_undated = 0, None, 0
    for chunk in _chunked(store.articles(), CHUNK):
        placed = [a for a in chunk if a.id in story_of]
        if placed:
            texts = [cf.full_text(a) for a in placed]
            df_w += cf.document_frequency(cf.counts(texts, "words"))
            df_n += cf.document_frequency(cf.counts(texts, "names"))
            n += len(texts)
            days = cf.day_numbers(placed)
            n_undated += int(np.isnan(days).sum())
            if (~np.isnan(days)).any():
                newest = max(newest if newest is not None else -np.inf, float(np.nanmax(days)))
    return df_w, df_n, {"n": n, "newest": newest, "undated": n_undated}


def _live_pieces(store: StoryWriter, story_of: dict[str, str], df_w: np.ndarray, meta: dict, live) -> tuple:
    """Second pass: the live holders of each blocking key, the live recent members of each story, and the articles in none."""
    from .cluster import blocking_keys
    from .cluster import features as cf

    postings: dict[int, deque] = {}
    members: dict[str, deque] = defaultdict(lambda: deque(maxlen=_CAPS["members_cap"]))
    undated = 0
    pending: list[str] = []
    for chunk in _chunked(store.articles(), CHUNK):
        placed = sorted((a for a in chunk if a.id in story_of), key=story_order)
        pending += [a.id for a in chunk if a.id not in story_of]
        if not placed:
            continue
        keys = blocking_keys(cf.counts([cf.full_text(a) for a in placed], "words"), df_w, meta["n"])
        for k, (a, d) in enumerate(zip(placed, cf.day_numbers(placed))):
            seq = None
            if np.isnan(d):
                undated += 1
                seq = undated
            entry = [a.id, _day(d), seq, a.published]
            if not live(entry):
                continue
            members[story_of[a.id]].append(entry)
            for key in keys.indices[keys.indptr[k] : keys.indptr[k + 1]].tolist():
                postings.setdefault(key, deque(maxlen=_CAPS["posting_cap"])).append(entry)
    return postings, members, pending


def _chunked(items: Iterable, size: int) -> Iterable[list]:
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _queue(store) -> list[tuple[str, list[str]]]:
    """The pending articles, as ``(state key, article ids)`` rows, oldest first."""
    rows = [(k, _loads(v, [])) for k, v in store.state_items(_QUEUE)]
    legacy = store.state(_PENDING)  # layouts 1 and 2 kept one growing list
    return ([(_PENDING, _loads(legacy, []))] if legacy else []) + rows


def enqueue(store: StoryWriter, ids: Sequence[str]) -> None:
    """Queue articles for placement, at most :data:`CHUNK` a row (call inside a transaction)."""
    last = store.state_items(_QUEUE)[-1:]
    seq = int(last[0][0][len(_QUEUE) :]) + 1 if last else 0
    store.put_states({f"{_QUEUE}{seq + k:012d}": _dumps(list(ids[lo : lo + CHUNK]))
                      for k, lo in enumerate(range(0, len(ids), CHUNK))})


def pending_decisions(store: StoryWriter) -> bool:
    """Whether placement decisions wait to be written as stories (a run stopped between steps 2 and 3)."""
    return bool(store.state_items(_DECIDED) or store.state(_ASSIGN))


def _decisions(store) -> dict[str, str]:
    """The decisions not yet written as stories, later chunks over earlier ones."""
    out: dict[str, str] = _loads(store.state(_ASSIGN), {})  # layouts 1 and 2 kept one dict
    for _, blob in store.state_items(_DECIDED):
        out.update(_loads(blob, {}))
    return out


def _orphans(store: StoryWriter) -> int:
    """How many articles are in no story and neither queued nor decided (lost by an earlier run).

    Stores written by two ingests at once before writers took the lock have
    such articles; the index does not know them either, so the caller rebuilds
    it, which queues them again.
    """
    unplaced = store.unclustered_ids()
    if not unplaced:
        return 0
    waiting = {a for _, ids in _queue(store) for a in ids} | _decisions(store).keys()
    lost = sum(a not in waiting for a in unplaced)
    if lost:
        log.warning("%d article(s) were in no story (left by an earlier interrupted or concurrent run); "
                    "rebuilding the story index to place them", lost)
    return lost


def place_pending(
    store: StoryWriter, settings: ClusterSettings | None = None, *, progress: Progress = no_progress
) -> dict[str, str]:
    """Place every pending article in a story of the index (no analysis yet).

    Each chunk's decisions (a row ``incremental/a/<n>``), index pieces and
    the removal of its queue row (``incremental/q/<n>``) are committed in one
    transaction, so the cost of a chunk does not grow with the run; the
    decisions stay until :func:`add_to_store` has written the stories.
    Articles found in no story, neither queued nor decided (an earlier run
    lost them), make it rebuild the index first, which queues them again.

    Returns:
        Every decision not yet written: ``{article id: story id}``.
    """
    from .cluster import ClusterSettings

    settings = settings or ClusterSettings()
    if not _index_ready(store) or _orphans(store):
        rebuild_index(store, settings)
    assign = _decisions(store)
    queue = _queue(store)
    n_decided = len(store.state_items(_DECIDED))
    todo = []
    for key, ids in queue:
        ids = [a for a in ids if a not in assign]
        # An article already in a stored story (its story written before a crash) is placed.
        done = store.article_stories(ids)
        todo.append((key, [a for a in ids if a not in done]))
    total = sum(len(ids) for _, ids in todo)
    placed = 0
    for key, ids in todo:
        for lo in range(0, max(len(ids), 1), CHUNK):
            part = ids[lo : lo + CHUNK]
            articles = list(store.articles(part))
            decided, rows, deltas = _place_chunk(store, articles, assign, settings) if articles else ({}, {}, {})
            assign.update(decided)
            last = lo + CHUNK >= len(ids)
            with store.transaction():
                _write_index(store, rows, deltas)
                store.put_states({f"{_DECIDED}{n_decided:012d}": _dumps(decided) if decided else None,
                                  **({key: None} if last else {})})
            n_decided += 1
            placed += len(part)
            if part:
                progress("cluster", placed, total)
    if not total:
        progress("cluster", 1, 1)
    return assign


def story_order(article: Article) -> tuple:
    """The order of a story's articles, as :func:`storyledger.cluster.cluster` gives it: by publication, undated last, then id."""
    return (article.published is None, str(article.published or ""), article.id)


def forget_decisions(store: StoryWriter) -> None:
    """Drop the placement decisions once their stories are written (call inside a transaction)."""
    store.delete_state(_DECIDED)
    store.put_states({_ASSIGN: None})
