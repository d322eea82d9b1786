"""Quantities restated in other units: the bound a conversion takes, and the pound sign as transliterated copy writes it.

An amount with its conversion ("15 million Danish crowns (US$2.2 million)", "more than 100
kilometres (60 miles)") states one quantity twice. Each is a figure; a bound on the amount
(more than, at least, less than, at most) bounds its conversion too, where the conversion has no
hedge of its own, while an approximate amount ("some seven miles (11 km)") is converted exactly
(:func:`bound_of_conversion`, :func:`bounded_conversions`). Copy passed through a
transliteration writes "£" as "PS" ("PS8.1bn"): :func:`pound_signs` puts the sign back.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...records import Figure

__all__ = [
    "bound_of_conversion",
    "bounded_conversions",
    "pound_signs",
]


_BOUNDS = frozenset(("more_than", "at_least", "less_than", "at_most"))
# A quantity restated in parentheses right after another: "more than 100 kilometres (60 miles)".
_OPEN_PAREN_RE = re.compile(r"\s*\(\s*")
_CLOSE_PAREN_RE = re.compile(r"\s*\)")
# "PS" glued to an amount, the transliteration of "£" ("PS8.1bn", "PS250,000", "PS3.50"); a model
# name ("PS5", "PS4 Pro") has no scale, decimals or thousands.
_TRANSLIT_POUND_RE = re.compile(
    r"\bPS(?=\d{1,3}(?:,\d{3})+(?![\d,])|\d+\.\d|\d+\s?(?:bn|mn|m|k|million|billion|trillion)\b|\d{3,}\b)")


def bound_of_conversion(fig: Figure, conv: Figure) -> str:
    """The qualifier of ``conv``, a restatement of ``fig`` in other units.

    Example:
        >>> amount = Figure(article_id="a", start=0, end=9, value=100.0, qualifier="more_than")
        >>> bound_of_conversion(amount, Figure(article_id="a", start=11, end=19, value=60.0))
        'more_than'
    """
    return fig.qualifier if conv.qualifier == "exact" and fig.qualifier in _BOUNDS else conv.qualifier


def bounded_conversions(text: str, figures: list[Figure]) -> list[Figure]:
    """The figures, each one restated in parentheses right after another with the other's bound.

    Example:
        >>> t = "more than 100 km (60 miles)"
        >>> a = Figure(article_id="a", start=0, end=16, value=100.0, qualifier="more_than")
        >>> b = Figure(article_id="a", start=18, end=26, value=60.0)
        >>> [f.qualifier for f in bounded_conversions(t, [a, b])]
        ['more_than', 'more_than']
    """
    out = list(figures)
    for i in range(1, len(out)):
        f, g = out[i - 1], out[i]
        if f.qualifier in _BOUNDS and g.qualifier == "exact" and g.start >= f.end \
                and _OPEN_PAREN_RE.fullmatch(text, f.end, g.start) and _CLOSE_PAREN_RE.match(text, g.end):
            out[i] = replace(g, qualifier=f.qualifier)
    return out


def pound_signs(text: str) -> str:
    """``text`` with "PS" before an amount read as the pound sign (same length, so offsets hold).

    Example:
        >>> pound_signs("a PS8.1bn takeover of the PS5 maker")
        'a £ 8.1bn takeover of the PS5 maker'
    """
    return _TRANSLIT_POUND_RE.sub("£ ", text) if "PS" in text else text
