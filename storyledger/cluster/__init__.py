"""Cluster: group articles into stories, in one batch (``batch``) or incrementally (``story_index``).
"""

from .batch import ClusterSettings, cluster
from .story_index import INDEX_STATE_VERSION, StoryIndex, article_counts, blocking_keys, is_live

__all__ = [
    "ClusterSettings",
    "INDEX_STATE_VERSION",
    "StoryIndex",
    "article_counts",
    "blocking_keys",
    "cluster",
    "is_live",
]
