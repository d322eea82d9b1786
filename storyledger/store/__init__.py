"""Store: the SQLite database of articles, skips, stories and analyses, its migrations, and
the one reader that turns stored rows into a report document.
"""

from .documents import ANALYSIS_FIELDS, store_document, story_article_ids, story_document, story_entry
from .migrations import MIGRATIONS
from .protocols import StoryReader, StoryWriter
from .store import Store, content_hash
from .views import TABLES, table_rows

__all__ = [
    "ANALYSIS_FIELDS",
    "MIGRATIONS",
    "Store",
    "StoryReader",
    "StoryWriter",
    "TABLES",
    "content_hash",
    "store_document",
    "story_article_ids",
    "story_document",
    "story_entry",
    "table_rows",
]
