"""Reconcile: a story's facts across sources and time: figures, disputes, quotes and the cited brief.
"""

from .figures import compatible, lineages, reconcile_figures
from .disputes import find_disputes
from .quotes import story_quotes
from .brief import write_brief
from .tally import STORY_POLICIES, StoryTally, combine_counts, fit_story_policies, story_tally
from .tally_scorer import fit_story_scorer
from .toll_figures import toll_on_figures

__all__ = [
    "STORY_POLICIES",
    "StoryTally",
    "combine_counts",
    "compatible",
    "find_disputes",
    "fit_story_policies",
    "fit_story_scorer",
    "lineages",
    "reconcile_figures",
    "story_quotes",
    "story_tally",
    "toll_on_figures",
    "write_brief",
]
