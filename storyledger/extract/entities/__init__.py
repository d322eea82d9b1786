"""Entities: people, organisations and places named in an article, with their aliases.
"""

from .entities import extract_entities, merge_aliases

__all__ = [
    "extract_entities",
    "merge_aliases",
]
