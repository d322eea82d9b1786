"""Watch folders, files or globs and add what appears to a store: ``storyledger watch``.

Each round plans the inputs as :func:`storyledger.ingest.jobs.ingest` does, and
reads only the files that are new or changed (another size or modification
time) since the store last read them; the store keeps that in its ``watched``
table, so a watch stopped and started again, or run from cron with
``--once``, does not read a file twice. A file modified within the last
``settle`` seconds may still be being written: it waits for a later round.
An ``http://`` or ``https://`` address is polled as an RSS/Atom feed
(:mod:`storyledger.ingest.feeds`): conditionally, new entries only, and the
full page of an entry that carries only a summary. What is read goes
through :func:`storyledger.incremental.add_to_store`, so only the stories
the new articles change are recomputed.

A file is marked as read after its articles are stored. A watch killed in
between reads the file again next time; the store keeps an article once (by
id and by text), so nothing is doubled, and the interrupted stories are
finished as :mod:`storyledger.incremental` describes.

Example:
    >>> from storyledger.store.store import Store
    >>> with Store("news.db") as store:  # doctest: +SKIP
    ...     print(poll_once(store, ["inbox/"]).files)
    3
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .incremental import add_to_store
from .ingest import FetchPolicy, is_url, plan_ingest, poll_feed, read_jobs, shown_path, unique_articles
from .options import AnalyzeOptions
from .pipeline import Progress, no_progress
from .records import Skip

if TYPE_CHECKING:
    from .runners import Runner
    from .store import StoryWriter

__all__ = [
    "WatchRound",
    "poll_once",
    "watch",
]


@dataclass(frozen=True)
class WatchRound:
    """What one round of a watch did.

    Attributes:
        files: files read (new or changed).
        waiting: files left for a later round, modified too recently.
        added: articles new to the store.
        changed: stories written.
        total: articles in the store afterwards.
        skipped: inputs that gave no article this round.
    """

    files: int
    waiting: int
    added: int
    changed: int
    total: int
    skipped: list[Skip] = field(default_factory=list)


def _stat(path: str) -> tuple[str, int, int] | None:
    """The file's key in the store's ``watched`` table, its size and its modification time."""
    try:
        st = os.stat(path)
    except OSError:
        return None  # gone since it was listed: the next round tells
    real = os.path.realpath(path)
    shown = shown_path(real)
    # A name that is not UTF-8 is stored escaped, under a prefix that no absolute
    # path starts with, so that it cannot be taken for a file literally named so.
    return (real if shown == real else f"bytes:{shown}"), st.st_size, st.st_mtime_ns


def poll_once(
    store: StoryWriter,
    paths: Sequence[str],
    options: AnalyzeOptions | None = None,
    *,
    settle: float = 2.0,
    runner: Runner | None = None,
    progress: Progress = no_progress,
    now: float | None = None,
    fetch_policy: FetchPolicy | None = None,
) -> WatchRound:
    """Read the new or changed files under ``paths`` into ``store``, once.

    Args:
        store: an open writable :class:`~storyledger.store.store.Store`.
        paths: files, folders (recursive), glob patterns, or feed addresses (``https://…``).
        options: the options of the run (manifest, size limit, clustering, figure policy).
        settle: seconds a file must have been left unmodified before it is read.
        runner: where per-article and per-story work runs (default: this process).
        progress: called as ``progress(stage, done, total)``.
        now: the current time (seconds since the epoch; for tests).
        fetch_policy: where feeds and their entry links may be fetched from, and
            for how long (default :class:`~storyledger.ingest.FetchPolicy`: no
            non-public address but the feed's own host).

    Returns:
        What the round did.

    Raises:
        StoreError: the database cannot be written.
    """
    options = options or AnalyzeOptions()
    now = time.time() if now is None else now
    feeds = [p for p in paths if is_url(p)]
    files = [p for p in paths if not is_url(p)]
    jobs, plan_skips = plan_ingest(files, manifest=options.manifest, fields=options.fields) if files else ([], [])
    todo, marks, waiting = _due_files(store, jobs, settle, now)
    items: list = list(read_jobs(todo, max_bytes=options.max_bytes, runner=runner))
    commits = []
    for url in feeds:
        found, feed_skips, commit = poll_feed(store, url, max_bytes=options.max_bytes,
                                              policy=fetch_policy or FetchPolicy())
        items += found + feed_skips
        commits.append(commit)
    articles, skipped = unique_articles(items)
    skipped = plan_skips + skipped
    progress("ingest", len(articles), len(articles))
    added, changed = add_to_store(store, articles, options, skipped=skipped, runner=runner, progress=progress)
    if marks:
        store.mark_watched(marks)
    for commit in commits:
        commit()
    return WatchRound(files=len(todo), waiting=waiting, added=added, changed=changed,
                      total=store.count_articles(), skipped=skipped)


def _due_files(store: StoryWriter, jobs: list, settle: float, now: float) -> tuple[list, list, int]:
    """The jobs whose file is new or changed and has settled, their stat rows, and how many still change."""
    stats = {job.path: _stat(job.path) for job in jobs}
    known = store.watched([s[0] for s in stats.values() if s is not None])
    todo, marks, waiting = [], [], 0
    for job in jobs:
        st = stats[job.path]
        if st is None or known.get(st[0]) == (st[1], st[2]):
            continue
        if now - st[2] / 1e9 < settle:
            waiting += 1
            continue
        todo.append(job)
        marks.append(st)
    return todo, marks, waiting


def watch(
    store: StoryWriter,
    paths: Sequence[str],
    options: AnalyzeOptions | None = None,
    *,
    interval: float = 60.0,
    rounds: int | None = None,
    on_round: Callable[[WatchRound], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    **round_settings: Any,
) -> int:
    """Poll ``paths`` every ``interval`` seconds until ``rounds`` are done (forever when None).

    Each round is :func:`poll_once` with ``options`` and ``round_settings``
    (``settle``, ``runner``, ``progress``, ``fetch_policy``); ``on_round`` is called with its
    result. Stop a watch with Ctrl-C (``KeyboardInterrupt``): a round cut
    short keeps what it committed.

    Returns:
        The number of articles added over all rounds.
    """
    added = 0
    done = 0
    while rounds is None or done < rounds:
        if done:
            sleep(interval)
        result = poll_once(store, paths, options, **round_settings)
        added += result.added
        done += 1
        if on_round is not None:
            on_round(result)
    return added
