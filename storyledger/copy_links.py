"""Copies across stories in a store: each recomputed story looks up its articles' copies in the whole store.

The store keeps every article's sentence keys (:mod:`storyledger.store.copy_index`,
the keys of :func:`storyledger.align.copies.copy_keys`). When
:mod:`storyledger.incremental` writes a story, :func:`link_stored`:

1. records the keys of the story's articles;
2. looks up, for each article, the stored articles of *other* stories that
   share enough keys with it (:func:`storyledger.align.copies.shared_enough`),
   whatever their date: an article republished weeks later meets its source
   here, though the two never share a story;
3. gives each such pair the derivation verdict of a two-article story
   (:func:`storyledger.align.copies.link_pair`) and adds it to the story's
   analysis as a :class:`~storyledger.records.StoryLink`, syndication counted again;
4. adds the mirrored link to the other story's stored analysis (when it is
   current), so both stories' reports name each other.

A story recomputed later finds the same links again through the index, so a
link survives any number of recomputations of either story. The caller
commits the keys, the links given to other stories and the story itself in
one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .align import copies, syndication
from .records import Article, Derivation, StoryAnalysis, StoryLink

if TYPE_CHECKING:
    from .options import AnalyzeOptions
    from .pipeline import StoryTask
    from .store import StoryWriter

__all__ = [
    "link_stored",
]


def link_stored(store: StoryWriter, task: StoryTask, analysis: StoryAnalysis, options: AnalyzeOptions) -> StoryAnalysis:
    """The story's analysis with its copies in other stories linked; their stored analyses are given the link too.

    Args:
        store: the open store the story is written to.
        task: the story's task (its articles and their sentences).
        analysis: the story's analysis, not yet written.
        options: the options of the run (alignment settings, the settings hash).

    Returns:
        ``analysis`` with ``links`` and ``syndication`` updated; the same object when no copy is found.
    """
    keys = {a.id: copies.copy_keys(task.sentences.get(a.id, ())) for a in task.articles}
    store.put_copy_keys(keys)
    found = _found_pairs(store, analysis.story.id, keys)
    if not found:
        return analysis
    from .text import segment_article

    by_id: dict[str, Article] = {a.id: a for a in task.articles}
    by_id.update({a.id: a for a in store.articles(sorted({o for _, o, _ in found}))})
    sentences = {**task.sentences}
    links = []
    for aid, other, other_story in found:
        if other not in by_id:
            continue
        sentences.setdefault(other, segment_article(by_id[other]))
        derivation = copies.link_pair(by_id[other], by_id[aid], sentences, options.align)
        if derivation is None:
            continue
        links.append(_link(derivation, aid, other, other_story, by_id))
        _patch_other(store, other_story, _link(derivation, other, aid, analysis.story.id, by_id), options)
    return copies.with_links(analysis, links, by_id) if links else analysis


def _found_pairs(store: StoryWriter, story_id: str, keys: Mapping[str, tuple[int, ...]]) -> list[tuple[str, str, str]]:
    """``(article here, article elsewhere, its story)`` for each stored article of another story sharing enough keys."""
    members = set(keys)
    out = []
    for aid, ks in keys.items():
        if not ks:
            continue
        matches = {o: n for o, n in store.copy_matches(ks, copies.MAX_KEY_ARTICLES).items() if o not in members}
        if not matches:
            continue
        counts = store.copy_key_counts(matches)
        candidates = sorted(o for o, n in matches.items() if copies.shared_enough(n, len(ks), counts.get(o, 0)))
        stories = store.article_stories(candidates)
        for other in candidates:
            elsewhere = [s for s in stories.get(other, ()) if s != story_id]
            if elsewhere:
                out.append((aid, other, elsewhere[0]))
    return out


def _link(derivation: Derivation, here: str, other: str, other_story: str, by_id: Mapping[str, Article]) -> StoryLink:
    a = by_id[other]
    return StoryLink(derivation=derivation, other_id=other, other_story_id=other_story,
                     other_outlet=a.source, other_title=a.title, other_published=a.published)


def _patch_other(store: StoryWriter, story_id: str, link: StoryLink, options: AnalyzeOptions) -> None:
    """Add ``link`` to a stored story's analysis, its syndication counted again; left alone when stale or missing.

    A stale analysis is recomputed later and finds the link itself through the index.
    """
    from .present import link_dict, syndication_dict

    settings_hash = options.settings_hash()
    doc = store.analysis(story_id)
    story = store.story(story_id)
    if doc is None or story is None or store.analysis_settings(story_id) != settings_hash:
        return
    pair = {link.derivation.derived_id, link.derivation.source_id}
    entries = [e for e in doc.get("cross_story_derivations") or [] if {e["derived_id"], e["source_id"]} != pair]
    entries.append(link_dict(link))
    outlets = {a.id: a.source for a in store.articles(list(story.article_ids))}
    outlets = {aid: outlets.get(aid) for aid in story.article_ids}
    derivations = [_derivation(e) for e in doc.get("derivations") or []]
    links = [StoryLink(derivation=_derivation(e), other_id=e["other_id"], other_story_id=e["other_story_id"],
                       other_outlet=e.get("other_outlet"), other_title=e.get("other_title"),
                       other_published=e.get("other_published")) for e in entries]
    doc = {**doc, "cross_story_derivations": entries,
           "syndication": syndication_dict(syndication(outlets, derivations, links))}
    store.put_analysis(story_id, doc, settings_hash)


def _derivation(entry: Mapping[str, Any]) -> Derivation:
    """A derivation from its entry in a stored analysis."""
    return Derivation(derived_id=entry["derived_id"], source_id=entry["source_id"], relation=entry["relation"],
                      share=float(entry["share"]), signals=tuple(entry.get("signals") or ()),
                      direction=entry.get("direction", "known"))
