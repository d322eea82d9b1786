"""Align: the passages two reports share, whether they are paraphrases, and who derived from whom.

Candidates and the story's alignments in ``story``; the pair features in
``pair_features`` and ``pair_figures``; the paraphrase verdict in
``paraphrase``; derivation between articles in ``provenance``.
"""

from .story import AlignSettings, align_story
from .paraphrase import compare_texts
from .provenance import derive
from .syndication import syndication

__all__ = [
    "AlignSettings",
    "align_story",
    "compare_texts",
    "derive",
    "syndication",
]
