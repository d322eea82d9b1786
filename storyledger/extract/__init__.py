"""Extract: per article, the dates, named entities, figures and quotes it states.

:func:`extract_article` runs the four extractors on one segmented article;
each extractor is a sub-package (``figures/``, ``quotes/``, ``entities/``) or
module (``dates``) of its own.
"""

from .article import extract_article
from .dates import extract_dates, parse_published, resolve_dates
from .entities import extract_entities
from .figures import (
    TALLY_BASE_FEATURES, TALLY_FEATURES, Tally, candidate_features, casualty_count, extract_figures, fit_tally,
    headline_figures, key_of, load_tally_model, report_tally,
)
from .quotes import SpeakerResolver, describe_speakers, extract_quotes, speaker_roles
from .tense import clause_tense, names_event

__all__ = [
    "SpeakerResolver",
    "TALLY_BASE_FEATURES",
    "TALLY_FEATURES",
    "Tally",
    "candidate_features",
    "casualty_count",
    "clause_tense",
    "describe_speakers",
    "extract_article",
    "extract_dates",
    "extract_entities",
    "extract_figures",
    "extract_quotes",
    "fit_tally",
    "headline_figures",
    "key_of",
    "load_tally_model",
    "names_event",
    "parse_published",
    "report_tally",
    "resolve_dates",
    "speaker_roles",
]
