"""Copies across time and stories: near-verbatim copies found wherever they sit in a collection.

Story analysis compares only the articles of one story, and a story holds
articles published within a time window: an article republished weeks later
opens a story of its own, and its source is never compared with it. So every
article's sentences are also keyed, and the keys index the whole collection:

1. **Keys** (:func:`copy_keys`): a 63-bit hash of each sentence of eight
   words or more, its words normalised (case, punctuation and spacing
   dropped, :func:`storyledger.align.paraphrase.normalise`). A republished
   article keeps most of its sentences word for word; independent reports of
   one event share few, if any.
2. **Candidates** (:func:`copy_candidates`): pairs of articles in different
   stories sharing at least three keys, or two that are at least 30% of the
   keys of the one with fewer. A key carried by more than 50 articles (an outlet's
   boilerplate line) picks out nothing and is passed over. Looking up an
   article reads only its own keys' rows: the cost does not grow with the
   collection beyond those rows (an in-memory dict for ``analyze``, an indexed
   table of the store for ``ingest``, :mod:`storyledger.store.copy_index`).
3. **Verdict** (:func:`link_pair`): each candidate pair is aligned as a story
   of two articles (:func:`storyledger.align.story.align_story`) and given the
   derivation verdict of :func:`storyledger.align.provenance.derive`, dates
   included: the same rules, relation and direction as inside a story.

The verdict is shown in both stories' reports, each naming the other story
(:class:`~storyledger.records.StoryLink`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ..records import Article, Derivation, Sentence, StoryAnalysis, StoryLink
from .paraphrase import normalise

__all__ = [
    "MAX_KEY_ARTICLES",
    "add_links",
    "copy_candidates",
    "copy_keys",
    "link_pair",
    "shared_enough",
    "story_links",
    "with_links",
]

_MIN_WORDS = 8  # words a keyed sentence has at least: shorter ones recur by chance
_MIN_SHARED = 2  # keys a candidate pair shares at least
_MIN_PART = 0.3  # and this share of the keys of the article with fewer
_ENOUGH = 3  # or this many, whatever the share (passages lifted into a longer text)
#: Articles a key may be carried by and still pick out candidates (more: boilerplate).
MAX_KEY_ARTICLES = 50


def copy_keys(sentences: Iterable[Sentence]) -> tuple[int, ...]:
    """The distinct keys of an article's sentences of eight words or more, sorted.

    Args:
        sentences: the article's sentences.

    Returns:
        63-bit hashes of the sentences' normalised words (case, punctuation
        and spacing dropped), each once.

    Example:
        >>> from storyledger.records import Sentence
        >>> def sentence(text):
        ...     return Sentence(article_id="a", index=0, paragraph=0, start=0, end=len(text), text=text)
        >>> a = copy_keys([sentence("The council voted on Monday to close the old bridge for repairs.")])
        >>> a == copy_keys([sentence("the Council voted on monday to close the old bridge for repairs")]), len(a)
        (True, 1)
    """
    keys = set()
    for s in sentences:
        norm = normalise(s.text)
        if len(norm.split()) >= _MIN_WORDS:
            keys.add(int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big") >> 1)
    return tuple(sorted(keys))


def shared_enough(shared: int, n_a: int, n_b: int) -> bool:
    """Whether two articles with ``n_a`` and ``n_b`` keys sharing ``shared`` of them are a candidate copy.

    Three sentences of eight words or more, word for word, are shared text
    whatever the articles' lengths; two are, when they are 30% of the shorter.
    """
    return shared >= _ENOUGH or (shared >= _MIN_SHARED and shared >= _MIN_PART * max(1, min(n_a, n_b)))


def copy_candidates(
    keys: Mapping[str, Sequence[int]], story_of: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Pairs of articles in different stories that share enough sentence keys, each pair once.

    Args:
        keys: each article's keys (:func:`copy_keys`), in the order articles were read.
        story_of: the story of each article.

    Returns:
        ``(earlier listed, later listed)`` pairs, in the order of ``keys``.
    """
    rank = {aid: r for r, aid in enumerate(keys)}
    index: dict[int, list[str]] = defaultdict(list)
    for aid, ks in keys.items():
        for k in ks:
            index[k].append(aid)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for members in index.values():
        if len(members) > MAX_KEY_ARTICLES:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if story_of.get(a) != story_of.get(b):
                    shared[(a, b) if rank[a] < rank[b] else (b, a)] += 1
    return sorted(
        (ab for ab, n in shared.items() if shared_enough(n, len(keys[ab[0]]), len(keys[ab[1]]))),
        key=lambda ab: (rank[ab[0]], rank[ab[1]]),
    )


def link_pair(
    a: Article, b: Article, sentences: Mapping[str, Sequence[Sentence]], settings=None
) -> Derivation | None:
    """The derivation verdict between two articles of different stories, or None when neither reuses the other.

    Args:
        a: one article.
        b: the other.
        sentences: the sentences of both, by article id.
        settings: the alignment settings (:class:`storyledger.align.story.AlignSettings`).
    """
    from .provenance import derive
    from .story import align_story

    pair = (a, b)
    sents = {a.id: sentences[a.id], b.id: sentences[b.id]}
    found = derive(pair, sents, align_story(pair, sents, settings))
    return found[0] if found else None


def story_links(
    derivation: Derivation, story_of: Mapping[str, str], articles: Mapping[str, Article]
) -> dict[str, StoryLink]:
    """The link a cross-story derivation gives each of its two stories, by story id."""
    out = {}
    for here, there in ((derivation.derived_id, derivation.source_id), (derivation.source_id, derivation.derived_id)):
        other = articles[there]
        out[story_of[here]] = StoryLink(
            derivation=derivation, other_id=there, other_story_id=story_of[there],
            other_outlet=other.source, other_title=other.title, other_published=other.published,
        )
    return out


def add_links(
    analyses: Sequence[StoryAnalysis],
    articles: Mapping[str, Article],
    sentences: Mapping[str, Sequence[Sentence]],
    settings=None,
) -> list[StoryAnalysis]:
    """The analyses with the copies found across their stories linked in both, and syndication counted again.

    Args:
        analyses: one per story, over the articles of ``articles``.
        articles: every article, by id, in the order read.
        sentences: each article's sentences.
        settings: the alignment settings.

    Returns:
        The analyses in the same order; those with no link unchanged.
    """
    story_of = {aid: an.story.id for an in analyses for aid in an.story.article_ids}
    keys = {aid: copy_keys(sentences.get(aid, ())) for aid in articles if aid in story_of}
    links: dict[str, list[StoryLink]] = defaultdict(list)
    for a, b in copy_candidates(keys, story_of):
        derivation = link_pair(articles[a], articles[b], sentences, settings)
        if derivation is not None:
            for sid, link in story_links(derivation, story_of, articles).items():
                links[sid].append(link)
    return [with_links(an, links[an.story.id], articles) if an.story.id in links else an for an in analyses]


def with_links(analysis: StoryAnalysis, links: Sequence[StoryLink], articles: Mapping[str, Article]) -> StoryAnalysis:
    """The analysis with ``links`` added (each once) and its syndication counted again."""
    from .syndication import syndication

    merged = tuple(dict.fromkeys([*analysis.links, *links]))
    outlets = {aid: articles[aid].source if aid in articles else None for aid in analysis.story.article_ids}
    return replace(analysis, links=merged, syndication=syndication(outlets, analysis.derivations, merged))
