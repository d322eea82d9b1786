"""storyledger: what news sources agree on, what was updated, what conflicts,
who said what and who copied whom — every claim cited to a source's words.

The public API: :func:`analyze` (with :class:`AnalyzeOptions`), :class:`Store`,
the records, the errors, and the report (:func:`document`, :func:`render`,
:func:`validate`). The stages are sub-packages (``text``, ``ingest``,
``extract``, ``cluster``, ``embed``, ``align``, ``reconcile``, ``store``,
``present``); each exports what the others may use.

Example:
    >>> from storyledger import AnalyzeOptions, analyze, document, render
    >>> result = analyze(["examples/karabakh"], AnalyzeOptions(policy="range"))  # doctest: +SKIP
    >>> print(render(document(result.articles, result.skipped, result.analyses), "text"))  # doctest: +SKIP
"""

import logging

from .errors import ConfigError, IngestError, ModelError, StoreError, StoryLedgerError
from .options import AnalyzeOptions
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
from .store import Store

__all__ = [
    "Alignment",
    "AnalyzeOptions",
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
    "Store",
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
