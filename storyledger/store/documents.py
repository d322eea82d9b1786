"""The one reader that turns stored rows into a report document.

Every view of a database (``analyze --db``, ``show``, ``report --db``, the web
app) reads stories through :func:`store_document` or :func:`story_document`, so
they agree on what a stored story looks like:

* an analysed story is its stored analysis document;
* a story not analysed yet (a bulk load, or an old store) is its id, title and
  articles with every analysis field empty;
* a document's articles are those its stories hold or cite, in order of
  first mention; ``skipped`` lists the store's skipped inputs only when the
  document covers every story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import StoreError
from .protocols import StoryReader

__all__ = [
    "ANALYSIS_FIELDS",
    "store_document",
    "story_article_ids",
    "story_document",
    "story_entry",
]

#: The analysis fields of a story entry, empty lists until the story is analysed.
ANALYSIS_FIELDS = ("alignments", "derivations", "figures", "quotes", "disputes", "brief", "timeline")


def story_entry(store: StoryReader, story_id: str) -> dict | None:
    """The entry of one story in a report document, or ``None`` when the store has no such story."""
    analysis = store.analysis(story_id)
    if analysis is not None:
        return analysis
    story = store.story(story_id)
    if story is None:
        return None
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        **{key: [] for key in ANALYSIS_FIELDS},
    }


def store_document(store: StoryReader, story_ids: Sequence[str] | None = None) -> dict:
    """The report document of stories kept in a store (all of them by default).

    Args:
        store: an open store (read-only is enough).
        story_ids: only these stories, in this order.

    Raises:
        StoreError: the database cannot be read, or one of ``story_ids`` is not in it.
    """
    from ..present import SCHEMA_VERSION, anchor_story, article_dict

    ids = list(story_ids) if story_ids is not None else [s.id for s in store.stories()]
    stories = []
    for sid in ids:
        entry = story_entry(store, sid)
        if entry is None:
            if story_ids is None:
                continue  # removed by another process since the list was read
            raise StoreError(f"no story {sid!r} in the database")
        stories.append(entry)
    wanted = list(dict.fromkeys(aid for s in stories for aid in story_article_ids(s)))
    found = {a.id: a for a in store.articles(wanted)}
    entries = {i: article_dict(found[i]) for i in wanted if i in found}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": list(entries.values()),
        "skipped": [{"input": s.input, "reason": s.reason} for s in store.skips()] if story_ids is None else [],
        "stories": [anchor_story(story, entries) for story in stories],
    }


def story_document(store: StoryReader, story_id: str) -> dict | None:
    """The report document of one stored story, or ``None`` when the store has no such story."""
    if story_entry(store, story_id) is None:
        return None
    return store_document(store, [story_id])


def story_article_ids(story: Mapping[str, Any]) -> list[str]:
    """The ids of a story entry's articles, then of every other article its analysis cites (repeats kept)."""
    return [*(story.get("article_ids") or []), *_cited_ids(story, [])]


def _cited_ids(node: Any, out: list[str]) -> list[str]:
    """Every ``article_id`` named anywhere in a story entry, in order of appearance."""
    if isinstance(node, Mapping):
        aid = node.get("article_id")
        if isinstance(aid, str):
            out.append(aid)
        for value in node.values():
            if isinstance(value, Mapping | list):
                _cited_ids(value, out)
    elif isinstance(node, list):
        for value in node:
            _cited_ids(value, out)
    return out
