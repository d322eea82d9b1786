"""Store: the SQLite database of articles, skips, stories and analyses, and its migrations.
"""

from .store import Store, content_hash
from .migrations import MIGRATIONS

__all__ = [
    "MIGRATIONS",
    "Store",
    "content_hash",
]
