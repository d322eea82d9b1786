"""Syndication: how much of a story is original reporting, and who carries whose text.

Read from the story's derivations (:func:`storyledger.align.provenance.derive`)
and its links to articles of other stories (copies found across time,
:mod:`storyledger.align.copies`). Each article gets a status:

* ``reprint``: a ``copy`` or ``rewrite`` of another article, the direction
  known (the other is its source);
* ``shared_text``: a ``copy`` or ``rewrite`` shared with another article,
  which of the two took it unknown;
* ``wire_copy``: most of it (half or more) is a third text, a wire or a
  release, that another article carries too (``common_source``);
* ``reuses_passages``: its own text, with passages of another (``partial_reuse``
  as the derived side, or either side when the direction is unknown);
* ``original``: its own text (statements or quotes it shares with others
  through a common source, under half of it, leave it original).

``unique_texts`` counts the distinct texts: articles joined by copies,
rewrites or wire copy are one text, a reprint of an article outside the story
none of its own; ``reprints`` are the other articles. ``original_reporting``
counts the articles whose text is their own (``original`` and ``reuses_passages``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import ArticleSyndication, Derivation, StoryLink, Syndication

__all__ = [
    "syndication",
]

_WHOLE = ("copy", "rewrite")
_COMMON = ("common_source", "common_lineage")
_WIRE_SHARE = 0.5  # share of an article a common source covers for it to be wire copy rather than shared statements


def syndication(
    outlets: Mapping[str, str | None],
    derivations: Sequence[Derivation],
    links: Sequence[StoryLink] = (),
) -> Syndication:
    """The story's articles as original reporting and reprints.

    Args:
        outlets: the outlet of each article of the story, by id, in story order.
        derivations: the story's derivations.
        links: derivations to articles of other stories.

    Returns:
        Counts and one :class:`~storyledger.records.ArticleSyndication` per article.

    Example:
        >>> d = Derivation(derived_id="b", source_id="a", relation="copy", share=0.9)
        >>> s = syndication({"a": "Wire", "b": "Daily"}, [d])
        >>> s.unique_texts, s.reprints, [x.status for x in s.articles]
        (1, 1, ['original', 'reprint'])
    """
    every = [*derivations, *(lk.derivation for lk in links)]
    statuses = {aid: _status(aid, every) for aid in outlets}
    outlet_of = {**{lk.other_id: lk.other_outlet for lk in links}, **outlets}
    articles = tuple(
        ArticleSyndication(article_id=aid, outlet=outlets[aid], status=status, of=of,
                           of_outlets=tuple(outlet_of.get(o) for o in of))
        for aid, (status, of) in statuses.items()
    )
    unique = _unique_texts(list(outlets), every, statuses)
    original = sum(a.status in ("original", "reuses_passages") for a in articles)
    return Syndication(unique_texts=unique, reprints=len(articles) - unique, original_reporting=original,
                       articles=articles)


def _status(aid: str, derivations: Sequence[Derivation]) -> tuple[str, tuple[str, ...]]:
    """One article's status and the articles it names, strongest reading first."""
    mine = [d for d in derivations if aid in (d.derived_id, d.source_id)]

    def other(d: Derivation) -> str:
        return d.source_id if d.derived_id == aid else d.derived_id

    for status, match in (
        ("reprint", lambda d: d.relation in _WHOLE and d.direction == "known" and d.derived_id == aid),
        ("shared_text", lambda d: d.relation in _WHOLE and d.direction == "unknown"),
        ("wire_copy", lambda d: d.relation in _COMMON and d.share >= _WIRE_SHARE),
        ("reuses_passages", lambda d: d.relation == "partial_reuse" and (d.derived_id == aid or d.direction == "unknown")),
    ):
        of = tuple(dict.fromkeys(other(d) for d in mine if match(d)))
        if of:
            return status, of
    return "original", ()


def _unique_texts(ids: Sequence[str], derivations: Sequence[Derivation], statuses: Mapping) -> int:
    """Distinct texts among ``ids``: groups joined by whole-text reuse, less those reprinted from outside the story."""
    parent = {aid: aid for aid in ids}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for d in derivations:
        whole = d.relation in _WHOLE or (d.relation in _COMMON and d.share >= _WIRE_SHARE)
        if whole and d.derived_id in parent and d.source_id in parent:
            parent[root(d.derived_id)] = root(d.source_id)
    groups: dict[str, list[str]] = {}
    for aid in ids:
        groups.setdefault(root(aid), []).append(aid)
    # a group whose every member carries a text from outside it (a reprint of an article of
    # another story) has no text of its own in this story
    return sum(
        1 for members in groups.values()
        if not all(statuses[a][0] == "reprint" and not set(statuses[a][1]) & set(members) for a in members)
    )
