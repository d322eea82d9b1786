"""Present: the report document and its views: terminal text, Markdown, JSON, HTML, SVG and the web app.
"""

from .report import (
    SCHEMA_VERSION,
    anchor_story,
    article_dict,
    document,
    link_dict,
    render,
    render_extract,
    story_dict,
    syndication_dict,
    text_selectors,
    validate,
)
from .export import EXPORT_FORMATS, export_table
from .html import render_html
from .web import serve

__all__ = [
    "EXPORT_FORMATS",
    "SCHEMA_VERSION",
    "anchor_story",
    "article_dict",
    "document",
    "export_table",
    "link_dict",
    "render",
    "render_extract",
    "render_html",
    "serve",
    "story_dict",
    "syndication_dict",
    "text_selectors",
    "validate",
]
