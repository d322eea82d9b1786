"""Fact extraction for one article: entities, quotes, figures and dates together.

The per-article unit of work the runner maps; each part lives in its own module
(:mod:`.entities`, :mod:`.quotes`, :mod:`.figures`, :mod:`.dates`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .dates import extract_dates
from .entities.entities import extract_entities
from .figures.figures import extract_figures
from .quotes.quotes import extract_quotes
from ..records import Article, ArticleFacts, Sentence

__all__ = [
    "extract_article",
]


def extract_article(article: Article, sentences: Sequence[Sentence]) -> ArticleFacts:
    """Everything extracted from one article (entities first: quotes resolve speakers with them)."""
    entities = extract_entities(article, sentences)
    return ArticleFacts(
        article_id=article.id,
        figures=extract_figures(article, sentences),
        quotes=extract_quotes(article, sentences, entities),
        dates=extract_dates(article, sentences),
        entities=entities,
    )
