"""Present: the report document and its views: terminal text, Markdown, JSON, HTML, SVG and the web app.
"""

from .report import (
    SCHEMA_VERSION,
    article_dict,
    document,
    render,
    render_extract,
    story_dict,
    validate,
)
from .html import render_html
from .web import serve

__all__ = [
    "SCHEMA_VERSION",
    "article_dict",
    "document",
    "render",
    "render_extract",
    "render_html",
    "serve",
    "story_dict",
    "validate",
]
