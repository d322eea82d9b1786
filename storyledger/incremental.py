"""Incremental operation over a store: add articles, recompute only the stories they change.

The unit of crash safety is the transaction: the new articles are stored in
one, then each recomputed story with its analysis in one more, so a process
killed at any moment leaves whole stories; running the same ingest again
finishes the job (a story whose analysis is missing is recomputed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .pipeline import Progress, StoryTask, _no_progress, analyze_story, prepare_article, read_inputs
from .records import Skip, Story

__all__ = ["StoreUpdate", "store_document", "story_document", "update_store"]



