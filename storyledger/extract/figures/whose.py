"""Whose event a figure counts: the story's own, or another one the article only mentions.

Reports of one incident recall others: an earlier mass shooting ("in 2016 a gunman
killed 49 people"), the year's total ("the city's 40th homicide this year"), national
statistics ("guns kill thousands every year"). Such a figure is kept, marked
``event="other"``, shown as context and never merged into the story's own figure.

The mark comes from the figure's sentence, by a grammar of what places a count
outside the story's event:

- a span of time longer than an incident: "this year", "last month", "in the past
  decade", "every year", "annually", "since" a year, "so far in 2016", or "in" a year ("in
  2016") other than the article's own (any year where the publication date is unknown);
- a death framed by an event that lasts longer than an incident: "soldiers who died in the
  war", "killed during the occupation", "deaths of the famine";
- another incident named as such: "an earlier shooting", "a previous attack", "a
  separate incident", "another shooting";
- a reputation: "famed for killing 100 fighters", "known for shooting two officers in 2010";
- a ranking against history: "the deadliest", "the worst"; a remembrance: "the anniversary of
  the attack that killed 140"; a distance in time of a decade or more: "a century after the
  massacre", "30 years ago";
- an incident dated before the article: "a July 2014 shooting that left a girl dead",
  "the 2012 attack", "the 1990 war", "last year's attack that killed 12", or a month and year after a
  preposition ("memories from March 2009 when her husband was killed") (a month and year
  at least two months, or a year, before the publication date; for a dated incident any such
  date where that is unknown, for a bare month and year none),
  unless the sentence speaks of proceedings before it ("three men were charged in a July
  2014 shooting": a later report of the story's own event).

Measured on the Gun Violence Corpus (``evals/eval_gvc.py``), keeping these figures out of
reconciliation raises the story's current killed, and keeping the killed of them out of the
report's candidate counts (:func:`~storyledger.extract.figures.tally.report_tally`) raises the
report's and the story's killed; the rule's count
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
# Events that last longer than an incident; a death framed by one ("soldiers who died in the war") is
# counted over it, not in the story's own event.
_LONG_EVENT = r"(?:wars?|pandemic|epidemic|famine|genocide|holocaust|occupation|uprising|revolution)"
# A distance in time of a decade or more: history, not an incident's own reporting ("a century
# after the massacre that killed 140", "30 years ago a gunman killed 12").
_HISTORY = (r"\b(?:decades?|centur(?:y|ies)|generations?|\d{2,}\s+years"
            r"|(?:a|one|two|three|four|five|six|seven|eight|nine)?\s*hundred\s+years"
            r"|(?:ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]\w+)?\s+years)")
# A year after "in" or "during": another event's time, unless it is the article's own year.
_IN_YEAR = re.compile(r"\b(?:in|during)\s+(?:(?:early|late|mid)[- ]?)?(?P<year>(?:19|20)\d\d)\b")
_OTHER_EVENT = re.compile(
    r"\b(?:this|last|past|previous)\s+" + _PERIOD + r"\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?" + _PERIOD + r"s?\b"
    r"|\b(?:every|each|per|a)\s+year\b|\bannually\b"
    r"|\bsince\s+(?:(?:early|late|mid)[- ]?)?(?:19|20)\d\d\b"
    r"|\b(?:(?:so|thus)\s+far|earlier|throughout|all\s+of)\s+(?:(?:in|during)\s+)?(?:19|20)\d\d\b"
    r"|\b(?:died|dying|killed|dead|deaths?|fallen|perished|lost|fatalities|casualties)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:in|during|of|from)\s+(?:the|that|a)\s+(?:[a-z-]+\s+){0,2}?" + _LONG_EVENT + r"\b"
    r"|\b(?:earlier|previous|prior|separate|unrelated|another|similar)\s+(?:\w+\s+)?"
    r"(?:shootings?|attacks?|incidents?|bombings?|massacres?|killings?|homicides?)\b"
    r"|\b(?:deadliest|worst)\b|\banniversary\b"
    r"|" + _HISTORY + r"\s+(?:ago|after|since|later|earlier|before)\b"
    r"|\b(?:famed|famous|known|notorious|infamous|renowned|celebrated|credited|remembered)\s+(?:for|with)\s+"
    r"(?:\w+\s+){0,2}?(?:killing|killed|shooting|murdering|slaying)\b"
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EVENT_NOUN = r"(?:shootings?|attacks?|incidents?|bombings?|massacres?|killings?|homicides?|murders?|stabbings?" \
              r"|explosions?|blasts?|crash(?:es)?|fires?|riots?|rampages?|ambush(?:es)?|raids?|strikes?|wars?|pandemic" \
              r"|epidemic|famine|earthquakes?|floods?|hurricanes?|tsunami|disasters?)"
# A date modifying an incident: "a July 2014 shooting", "the 2012 attack", "the March 3, 2015, shooting".
_DATED_EVENT = re.compile(
    r"\b(?:a|an|the|that|its|his|her|their)\s+(?:(?P<month>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d),?\s+(?:[a-z-]+\s+){0,2}?" + _EVENT_NOUN + r"\b")


# A time told by its month and year, after a preposition: "memories from March 2009 when ...",
# "in March 2011", "back in June of 2009" (an incident then, when it is well before the article).
_DATED_TIME = re.compile(
    r"\b(?:from|in|since|during|of|back\s+in|until|before)\s+(?P<month>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+"
    r"(?:\d{1,2},?\s+)?(?:of\s+)?(?P<year>(?:19|20)\d\d)\b")


# A dated incident that is the subject of proceedings is the one the article reports, later:
# "three men were charged in a July 2014 shooting", "sentenced for the 2013 murder".
_PROCEEDINGS = re.compile(
    r"\b(?:charged|charges?|convicted|conviction|sentenced|sentencing|accused|indicted|guilty|trial|wanted"
    r"|arrested|pleaded|plea|acquitted|jury|testif\w+|prosecut\w+|suspects?|in\s+connection\s+with)\b")


def _proceedings_before(text: str, start: int) -> bool:
    """Whether the clause before ``start`` (back to the sentence's start) speaks of proceedings."""
    s = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 200)
    return _PROCEEDINGS.search(text, s + 1, start) is not None


def _before_publication(m: re.Match, published: str | None) -> bool:
    """Whether the dated incident ``m`` is earlier than the article (any date, when it is undated)."""
    pub = (published or "")[:7]
    if not re.fullmatch(r"\d{4}-\d\d", pub):
        return True
    year, pub_year, pub_month = int(m.group("year")), int(pub[:4]), int(pub[5:7])
    if not m.group("month"):
        return year < pub_year
    month = _MONTHS.index(m.group("month")[:3]) + 1
    return (pub_year - year) * 12 + pub_month - month >= 2


def other_event(sentence: str) -> bool:
    """Whether a figure in ``sentence`` counts another event than the story's own.

    Example:
        >>> other_event("In 2016, a gunman killed 49 people at a nightclub.")
        True
        >>> other_event("Two people were killed in the shooting on Friday.")
        False
    """
    low = sentence.lower()
    return _OTHER_EVENT.search(low) is not None or _IN_YEAR.search(low) is not None


def other_event_cues(text: str, published: str | None = None) -> list[int]:
    """Where in ``text`` (lowercased) the cues of another event start, in order (one scan for an article).

    ``published`` (ISO date) places dated incidents ("a July 2014 shooting") before the article or not.

    Example:
        >>> other_event_cues("after a july 2014 shooting that left a girl dead", "2016-05-01")
        [6]
        >>> other_event_cues("the may 2016 shooting left two dead", "2016-05-02")
        []
    """
    pub_year = int(published[:4]) if published and published[:4].isdigit() else None
    cues = [m.start() for m in _OTHER_EVENT.finditer(text)]
    cues += [m.start() for m in _IN_YEAR.finditer(text) if pub_year is None or int(m.group("year")) != pub_year]
    # A bare month and year places an incident before the article only where its date is known.
    found = [*_DATED_EVENT.finditer(text), *(_DATED_TIME.finditer(text) if published else ())]
    dated = [m.start() for m in found if _before_publication(m, published) and not _proceedings_before(text, m.start())]
    return sorted(set(cues + dated))
