"""Whose event a figure counts: the story's own, or another one the article only mentions.

Reports of one incident recall others: an earlier mass shooting ("in 2016 a gunman
killed 49 people"), the year's total ("the city's 40th homicide this year"), national
statistics ("guns kill thousands every year"). Such a figure is kept, marked
``event="other"``, shown as context and never merged into the story's own figure.

The mark comes from the figure's sentence, by a grammar of what places a count
outside the story's event:

- a span of time longer than an incident: "this year", "last month", "in the past
  decade", "every year", "annually", "since" or "in" a year ("in 2016");
- another incident named as such: "an earlier shooting", "a previous attack", "a
  separate incident", "another shooting";
- a ranking against history: "the deadliest", "the worst".

Measured on the Gun Violence Corpus (``evals/eval_gvc.py``), keeping these figures out of
reconciliation raises the story's current killed; the per-report count
(:func:`~storyledger.extract.figures.figures.casualty_count`) does not use the mark, which
measured no better there and lower on FA-KES.
"""

from __future__ import annotations

import re

__all__ = [
    "other_event",
    "other_event_cues",
]

_PERIOD = r"(?:year|month|decade|century|summer|winter|spring|autumn)"
_OTHER_EVENT = re.compile(
    r"\b(?:this|last|past|previous)\s+" + _PERIOD + r"\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?" + _PERIOD + r"s?\b"
    r"|\b(?:every|each|per|a)\s+year\b|\bannually\b"
    r"|\b(?:since|in|during)\s+(?:(?:early|late|mid)[- ]?)?(?:19|20)\d\d\b"
    r"|\b(?:earlier|previous|prior|separate|unrelated|another|similar)\s+(?:\w+\s+)?"
    r"(?:shootings?|attacks?|incidents?|bombings?|massacres?|killings?|homicides?)\b"
    r"|\b(?:deadliest|worst)\b"
)


def other_event(sentence: str) -> bool:
    """Whether a figure in ``sentence`` counts another event than the story's own.

    Example:
        >>> other_event("In 2016, a gunman killed 49 people at a nightclub.")
        True
        >>> other_event("Two people were killed in the shooting on Friday.")
        False
    """
    return _OTHER_EVENT.search(sentence.lower()) is not None


def other_event_cues(text: str) -> list[int]:
    """Where in ``text`` (lowercased) the cues of another event start, in order (one scan for an article)."""
    return [m.start() for m in _OTHER_EVENT.finditer(text)]
