"""Incremental operation over a store: add articles, recompute only the stories they change.

How one ingest proceeds, each numbered step committing on its own:

1. **Store** the new articles, and queue them for placement (state rows
   ``incremental/q/<n>``), in one transaction.
2. **Place** the pending articles, in chunks, with
   :class:`~storyledger.cluster.StoryIndex` kept in the store's ``state``
   table, one row per piece (:mod:`storyledger.index_state` describes the
   rows), so a chunk reads and writes only what it touches, never the whole
   index. Only the new articles' terms and keys, and the recent members of the
   stories their keys point to, are read, through the index's plain-data
   state (:meth:`StoryIndex.from_state` of that slice, :meth:`StoryIndex.to_state`
   after): placing an article costs about the same with a thousand or a
   million articles stored. The index may also move earlier
   articles (two stories merge when a new article joins them, or one
   splits). The decisions of a chunk (state ``incremental/a/<n>``), the
   updated index pieces and the removal of its queue row are committed together.
3. **Recompute** each changed story: all its articles are loaded and
   prepared, it is analysed through the runner, and the story is written
   with its analysis in one transaction (:meth:`Store.put_story`). Stories
   a merge left empty are removed last, so until then an article moved by a
   merge sits in two whole stories at worst, never in none.

One writer at a time: the three steps run inside :meth:`Store.exclusive`, a
lock on a file beside the database, so a second ``ingest`` (or ``watch``) of
the same database waits for the first to finish rather than interleaving its
placements with the first one's (which used to leave articles in no story).
A store where that happened is repaired by the next run: an article held by
two stories is taken out of both, and the articles in no story, neither
queued nor decided, make :func:`~storyledger.index_state.place_pending`
rebuild the index and place them; the stories they left are recomputed.

A process killed at any moment leaves whole stories: each story is stored
with its analysis or as it was. Running the same ingest again finishes the
job: pending articles are placed, and a story assigned articles it does not
yet hold (or lacking its analysis) is recomputed.

Time window and undated articles: an article is compared only with live
articles, the dated ones published within ``max_days`` of the newest date
seen and the ``max_live`` most recently ingested undated ones (the settings of
:class:`StoryIndex`). An undated article is therefore compared with the most
recent window plus the recent undated articles, and a pair with one date
unknown is never cut by the time window. Older articles keep their story but
open no candidates.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .copy_links import link_stored
from .index_state import enqueue, forget_decisions, pending_decisions, place_pending, story_order
from .options import AnalyzeOptions
from .pipeline import Progress, StoryTask, map_stories, no_progress, prepare_article, read_accounted
from .records import Article, Duplicate, Skip, Story

if TYPE_CHECKING:
    from .runners import Runner
    from .store import StoryWriter

__all__ = [
    "STORY_BATCH_ARTICLES",
    "StoreUpdate",
    "add_to_store",
    "analyze_stale",
    "update_store",
]

log = logging.getLogger(__name__)

#: Articles prepared and analysed together when recomputing stories (bounds memory).
STORY_BATCH_ARTICLES = 2000


@dataclass(slots=True)
class StoreUpdate:
    """What an incremental run did to a store.

    Attributes:
        skipped: inputs that gave no article.
        added: articles new to the store.
        seen: usable articles read from the inputs.
        changed: stories written (new or recomputed).
        total: articles in the store afterwards.
        duplicates: input records of this run not read because they repeat an
            earlier record's text or id, each naming the article kept.
    """

    skipped: list[Skip]
    added: int
    seen: int
    changed: int
    total: int
    duplicates: list[Duplicate] = field(default_factory=list)


# -- recomputing stories ------------------------------------------------------


def _title(articles: Sequence[Article], old: Story | None) -> str:
    # A stored story keeps its title: a list of stories should not reshuffle under the reader.
    if old is not None and old.title:
        return old.title
    for a in articles:
        if a.title and a.title.strip():
            return a.title.strip()[:200]
    first = articles[0]
    line = next((ln.strip() for ln in first.text.splitlines() if ln.strip()), "")
    return line[:200] or first.id


def _plan(store, assign: dict[str, str]) -> tuple[dict[str, set[str]], list[str]]:
    """The stories the decisions change: ``{story: all its articles}``, and the stories left empty."""
    targets: dict[str, set[str]] = defaultdict(set)
    for aid, sid in assign.items():
        targets[sid].add(aid)
    sources = {sid for sids in store.article_stories(list(assign)).values() for sid in sids}
    plan: dict[str, set[str]] = {}
    empty: list[str] = []
    ids = sorted(set(targets) | sources)
    analysed = store.analysed(ids)
    for sid in ids:
        old = store.story(sid)
        have = set(old.article_ids) if old else set()
        # an article decided elsewhere leaves (stories merged or split)
        want = {a for a in have if assign.get(a, sid) == sid} | targets.get(sid, set())
        if not want:
            if old is not None:
                empty.append(sid)
        elif old is None or want != have or sid not in analysed:
            plan[sid] = want
    return plan, empty


def _unshare(store: StoryWriter) -> set[str]:
    """Take out of every story the articles two stories hold at rest; returns the stories that lost one.

    With no decision pending, an article in two stories is damage (two
    ingests interleaved before writers took the lock): it is removed from
    both, so it is in no story, and :func:`place_pending` places it afresh;
    the stories it left are recomputed by the caller.
    """
    shared = store.shared_article_ids()
    if not shared or pending_decisions(store):
        return set()
    log.warning("%d article(s) were in more than one story (left by an earlier concurrent run); placing them again",
                len(shared))
    drop = set(shared)
    touched = {sid for sids in store.article_stories(shared).values() for sid in sids}
    with store.transaction():
        for sid in sorted(touched):
            old = store.story(sid)
            if old is not None:
                store.put_stories([Story(id=sid, title=old.title,
                                         article_ids=tuple(a for a in old.article_ids if a not in drop))])
    return touched


def _write_stories(
    store: StoryWriter, plan: dict[str, set[str]], options: AnalyzeOptions, *, runner: Runner, progress: Progress
) -> int:
    """Recompute and write stories (``{story id: its articles}``), each with its analysis; returns how many."""
    from .present import story_dict

    settings_hash = options.settings_hash()
    written = 0
    todo = sorted(plan)
    for batch in _story_batches(todo, plan):
        tasks = _story_tasks(store, batch, plan, options, runner, progress)
        for i, analysis in map_stories(tasks, runner):
            # even-cost batches, heaviest first; copies in other stories linked in both (storyledger.copy_links),
            # the keys, the links given to other stories and the story itself committed together
            with store.transaction():
                analysis = link_stored(store, tasks[i], analysis, options)
                store.put_story(analysis.story, story_dict(analysis), settings_hash=settings_hash)
            written += 1
            progress("stories", written, len(todo))
    return written


def _story_tasks(
    store: StoryWriter, batch: list[str], plan: dict[str, set[str]], options: AnalyzeOptions, runner: Runner,
    progress: Progress,
) -> list[StoryTask]:
    """The analysis tasks of a batch of stories, their articles read and prepared through the runner."""
    ids = list(dict.fromkeys(a for sid in batch for a in sorted(plan[sid])))
    articles = {a.id: a for a in store.articles(ids)}
    arts = [articles[i] for i in ids if i in articles]
    prepared = dict(zip((a.id for a in arts), runner.map(prepare_article, arts)))
    progress("extract", len(prepared), len(prepared))
    tasks = []
    for sid in batch:
        members = sorted((articles[i] for i in plan[sid] if i in articles), key=story_order)
        if not members:
            continue
        story = Story(id=sid, title=_title(members, store.story(sid)), article_ids=tuple(a.id for a in members))
        tasks.append(
            StoryTask(
                story=story,
                articles=tuple(members),
                sentences={a.id: prepared[a.id][0] for a in members},
                facts={a.id: prepared[a.id][1] for a in members},
                options=options,
            )
        )
    return tasks


def _story_batches(todo: list[str], plan: dict[str, set[str]]) -> Iterable[list[str]]:
    batch: list[str] = []
    size = 0
    for sid in todo:
        batch.append(sid)
        size += len(plan[sid])
        if size >= STORY_BATCH_ARTICLES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def analyze_stale(
    store: StoryWriter,
    options: AnalyzeOptions | None = None,
    *,
    runner: Runner | None = None,
    progress: Progress = no_progress,
) -> int:
    """Compute the analysis of every stored story that has none, or one made under other settings.

    An analysis is stale when it was computed with other options or other
    model files (:meth:`AnalyzeOptions.settings_hash`), or before the store
    kept that hash (stores written by earlier versions).

    Returns:
        How many stories were analysed.
    """
    options = options or AnalyzeOptions()
    runner = runner or _serial()
    with store.exclusive():  # the stories read here are written back: no other writer in between
        stale = {}
        for sid in store.stale_analyses(options.settings_hash()):
            story = store.story(sid)
            if story is not None:
                stale[sid] = set(story.article_ids)
        return _write_stories(store, stale, options, runner=runner, progress=progress)


def add_to_store(
    store: StoryWriter,
    articles: Iterable[Article],
    options: AnalyzeOptions | None = None,
    *,
    skipped: Sequence[Skip] = (),
    runner: Runner | None = None,
    analyze: bool = True,
    progress: Progress = no_progress,
) -> tuple[int, int]:
    """Add articles to a store and bring its stories up to date (the work of :func:`update_store`).

    Args:
        store: an open writable :class:`~storyledger.store.store.Store`.
        articles: the articles read; those already stored (same id or text) are passed over.
        options: the options of the run (clustering, figure policy).
        skipped: inputs that gave no article, recorded in the store.
        runner: where per-article and per-story work runs (default: this process).
        analyze: False writes the stories without their analyses (a bulk load;
            see :func:`analyze_stale`).
        progress: called as ``progress(stage, done, total)``.

    Returns:
        ``(articles added, stories written)``.
    """
    options = options or AnalyzeOptions()
    runner = runner or _serial()
    # One writer at a time, from storing the articles to forgetting the decisions:
    # a second ingest of the same database waits here (see the module docstring).
    with store.exclusive():
        with store.transaction():
            added = store.add_articles(articles)
            if skipped:
                # an input skipped again on a re-run is recorded once
                store.add_skips(skipped, new_only=True)
            if added:
                enqueue(store, added)
        written = _place_and_write(store, options, runner=runner, analyze=analyze, progress=progress)
    return len(added), written


def _place_and_write(
    store: StoryWriter, options: AnalyzeOptions, *, runner: Runner, analyze: bool, progress: Progress
) -> int:
    """Steps 2 and 3: place the pending articles, write the stories they change, drop emptied ones."""
    shrunk = _unshare(store)
    assign = place_pending(store, options.cluster, progress=progress)
    plan, empty = _plan(store, assign)
    for sid in sorted(shrunk - plan.keys() - set(empty)):
        story = store.story(sid)
        if story is not None and story.article_ids:
            plan[sid] = set(story.article_ids)
        elif story is not None:
            empty.append(sid)
    if analyze:
        written = _write_stories(store, plan, options, runner=runner, progress=progress)
    else:
        written = 0
        with store.transaction():
            for sid, ids in sorted(plan.items()):
                members = sorted(store.articles(sorted(ids)), key=story_order)
                story = Story(id=sid, title=_title(members, store.story(sid)), article_ids=tuple(a.id for a in members))
                written += bool(store.put_stories([story]))
    # Stories emptied by a merge go last: until then their articles are in two
    # whole stories at worst, never in none.
    with store.transaction():
        if empty:
            store.remove_stories(empty)
        if assign:
            forget_decisions(store)
    return written


def update_store(
    store: StoryWriter,
    paths: Sequence[str],
    options: AnalyzeOptions | None = None,
    *,
    runner: Runner | None = None,
    progress: Progress = no_progress,
) -> StoreUpdate:
    """Add the articles of ``paths`` to ``store`` and recompute only the stories they change.

    New articles join existing stories or open new ones through the persisted
    index (see the module docstring); only the stories that gained articles
    are recomputed, each written with its analysis in one transaction. A run
    killed at any moment leaves whole stories, and running it again finishes
    the job.

    Args:
        store: an open writable :class:`~storyledger.store.store.Store`.
        paths: files, folders (recursive) or glob patterns.
        options: the options of the run (manifest, size limit, clustering, figure policy).
        runner: where per-article and per-story work runs (default: this process).
        progress: called as ``progress(stage, done, total)``.

    Returns:
        Counts of what happened, and the inputs skipped.

    Raises:
        StoreError: the database cannot be written.
    """
    options = options or AnalyzeOptions()
    articles, skipped, duplicates = read_accounted(paths, options)
    progress("ingest", len(articles), len(articles))
    added, changed = add_to_store(store, articles, options, skipped=skipped, runner=runner, progress=progress)
    return StoreUpdate(
        skipped=skipped, added=added, seen=len(articles), changed=changed, total=store.count_articles(),
        duplicates=duplicates,
    )


def _serial() -> Runner:
    from .runners import SerialRunner

    return SerialRunner()
