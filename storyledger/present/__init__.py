"""Present: the report document and its views: terminal text, Markdown, JSON, HTML, SVG and the web app.

The HTML page (:func:`render_html`) and the web server (:func:`serve`) are
imported when first asked for: a command that writes text or JSON does not
load them (they are a quarter of this package's import time).
"""

import importlib
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
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

_LAZY = {"render_html": ".html", "serve": ".web"}


def __getattr__(name: str):
    """The lazily imported views (:data:`_LAZY`), loaded on first use and kept."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
