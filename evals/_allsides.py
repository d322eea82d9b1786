"""Reading ../shared/eval/allsides_neus: one outlet's excerpt as plain text (shared by the evaluations)."""

from __future__ import annotations

import ast

__all__ = ["excerpt_text"]


def excerpt_text(news_item: dict) -> str:
    """The excerpt's paragraphs joined by spaces; ``newBody`` is a list, or a list written as a string.

    >>> excerpt_text({"newBody": "['First line. ', 'Second line.']"})
    'First line. Second line.'
    >>> excerpt_text({"newBody": "not a list"})
    'not a list'
    """
    body = news_item.get("newBody") or []
    if isinstance(body, str):
        try:
            body = ast.literal_eval(body)
        except (ValueError, SyntaxError):
            body = [body]
    if not isinstance(body, (list, tuple)):
        body = [body]
    return " ".join(str(s).strip() for s in body if isinstance(s, str)).strip()
