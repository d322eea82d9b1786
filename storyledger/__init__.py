"""storyledger: what news sources agree on, what was updated, what conflicts,
who said what and who copied whom — every claim cited to a source's words."""

import logging

from .errors import ConfigError, IngestError, ModelError, StoreError, StoryLedgerError
from .pipeline import AnalyzeResult, analyze
from .records import (
    Alignment,
    Article,
    ArticleFacts,
    Derivation,
    Figure,
    FigureGroup,
    Quote,
    Sentence,
    Skip,
    Story,
    StoryAnalysis,
)
from .present import document, render, validate

__all__ = [
    "Alignment",
    "AnalyzeResult",
    "Article",
    "ArticleFacts",
    "ConfigError",
    "Derivation",
    "Figure",
    "FigureGroup",
    "IngestError",
    "ModelError",
    "Quote",
    "Sentence",
    "Skip",
    "StoreError",
    "Story",
    "StoryAnalysis",
    "StoryLedgerError",
    "analyze",
    "document",
    "render",
    "validate",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
