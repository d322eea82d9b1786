"""Story-level quotes: one entry per distinct quote of a story, with every article that carries it.

The quotes of each article come from :mod:`storyledger.extract.quotes.quotes`; here the same
words quoted by several outlets become one :class:`StoryQuote` with all its
occurrences and the speaker most of them name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from ..records import Article, ArticleFacts, Span, StoryQuote, content_id

__all__ = [
    "story_quotes",
]

_QUOTE_NORM = re.compile(r"[^\w\s]")


def _norm_quote(text: str) -> str:
    return " ".join(_QUOTE_NORM.sub(" ", text.lower()).split())


_KIND_RANK = {"direct": 0, "partial": 1, "reported": 2}


def _group_quotes(by_id: Mapping[str, Article], facts: Mapping[str, ArticleFacts]) -> list[dict]:
    """The quotes of the story grouped by their words, groups in order of first occurrence."""
    groups: list[dict] = []
    exact: dict[str, int] = {}
    long_norms: list[str] = []  # norms of the groups of five words or more, in group order
    long_groups: list[int] = []
    for aid, a in by_id.items():
        af = facts.get(aid)
        if af is None:
            continue
        for q in af.quotes:
            if q.end > len(a.text) or q.end <= q.start:
                continue
            text = a.text[q.start : q.end].strip()
            norm = _norm_quote(text)
            if not norm:
                continue
            gi = exact.get(norm)
            if gi is None and len(norm.split()) >= 5 and long_norms:
                # the first earlier group of five words or more within a fuzzy ratio of 90
                hits = process.extract(norm, long_norms, scorer=fuzz.ratio, score_cutoff=90, limit=None)
                if hits:
                    gi = long_groups[min(k for _, _, k in hits)]
            if gi is None:
                gi = len(groups)
                groups.append({"norm": norm, "text": text, "quotes": []})
                if len(norm.split()) >= 5:
                    long_norms.append(norm)
                    long_groups.append(gi)
            exact.setdefault(norm, gi)
            groups[gi]["quotes"].append(q)
    return groups


def _story_quote(g: dict) -> StoryQuote:
    """One group's entry: its occurrences, the speaker most name, the most direct kind."""
    qs = sorted(g["quotes"], key=lambda q: (q.article_id, q.start))
    speakers = Counter(q.speaker for q in qs if q.speaker)
    spans = tuple(dict.fromkeys(Span(article_id=q.article_id, start=q.start, end=q.end) for q in qs))
    return StoryQuote(
        id=content_id("quote", g["norm"]),
        text=g["text"],
        speaker=speakers.most_common(1)[0][0] if speakers else None,
        kind=min((q.kind for q in qs), key=lambda k: _KIND_RANK.get(k, 3)),
        occurrences=spans,
    )


def story_quotes(articles: Sequence[Article], facts: Mapping[str, ArticleFacts]) -> tuple[StoryQuote, ...]:
    """One entry per distinct quote of a story, with every place it occurs.

    Two quotes are the same when their words match after case and punctuation
    are dropped, or (for quotes of five words or more) when their fuzzy ratio is
    at least 90.

    Args:
        articles: the story's articles.
        facts: extracted facts per article id.

    Returns:
        The distinct quotes, those carried by the most articles first.
    """
    by_id = {a.id: a for a in articles if isinstance(a, Article)}
    out = [_story_quote(g) for g in _group_quotes(by_id, facts)]
    out.sort(key=lambda s: (-len({o.article_id for o in s.occurrences}), s.occurrences[0].article_id, s.occurrences[0].start))
    return tuple(out)
