"""Extract: per article, the dates, named entities, figures and quotes it states.

:func:`extract_article` runs the four extractors on one segmented article;
each extractor is a sub-package (``figures/``, ``quotes/``, ``entities/``) or
module (``dates``) of its own.
"""

from .article import extract_article
from .dates import extract_dates, parse_published, resolve_dates
from .entities import extract_entities
from .figures import casualty_count, extract_figures, key_of
from .quotes import SpeakerResolver, describe_speakers, extract_quotes, speaker_roles

__all__ = [
    "SpeakerResolver",
    "casualty_count",
    "describe_speakers",
    "extract_article",
    "extract_dates",
    "extract_entities",
    "extract_figures",
    "extract_quotes",
    "key_of",
    "parse_published",
    "resolve_dates",
    "speaker_roles",
]
