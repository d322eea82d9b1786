"""Reconcile: a story's facts across sources and time: figures, disputes, quotes and the cited brief.
"""

from .figures import compatible, lineages, reconcile_figures
from .disputes import find_disputes
from .quotes import story_quotes
from .brief import write_brief

__all__ = [
    "compatible",
    "find_disputes",
    "lineages",
    "reconcile_figures",
    "story_quotes",
    "write_brief",
]
