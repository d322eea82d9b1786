"""The toll frame: a count that completes a noun phrase naming a toll ("the death toll reached 19").

A war report often gives its toll as the complement of a toll noun phrase rather than as the
object or subject of a harm verb: "the death toll rose to 19", "the number of dead has reached
19", "putting the death toll at nine and the number of injured at 40", "the number of victims
from the first week to the last has reached 230". The noun phrase says what is counted; the verb
of reaching ("reached", "rose to", "stood at", "at", "to") only joins it to the count. The toll
noun phrase nearest before the count governs it, so in "the death toll at nine and the number of
injured at 40" the nine are killed and the 40 injured, whatever verb the clause has elsewhere.

Two harms joined into one predicate count the casualties, killed and hurt together: "27 people
were killed or wounded", "killed and injured 27 rebels", "left 27 dead and wounded" give no
count of the killed nor of the injured (:func:`casualty_pair`, class ``casualties``).
"""

from __future__ import annotations

import re

__all__ = [
    "casualty_pair",
    "toll_complement",
]


# What a "number of ..." phrase counts, by the class of harm; "casualties" (killed and hurt
# together) names no single class and is left out.
_COUNTED_CLASS = {
    "dead": "killed", "killed": "killed", "deaths": "killed", "fatalities": "killed", "martyrs": "killed",
    "victims": "killed", "bodies": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured",
}
_TOLL_NP_RE = re.compile(
    r"\b(?:(?P<toll>death\s+toll|toll\s+of\s+(?:the\s+)?dead|toll(?![-\w]))"
    r"|number\s+of\s+(?:the\s+|those\s+)?(?P<what>dead|killed|deaths|fatalities|martyrs|victims|bodies|injured"
    r"|wounded|injuries))\b",
    re.I,
)
# From the toll noun phrase to the count: words without a clause boundary, ending in a verb of
# reaching or a bare "at"/"to"/"of", with the count's hedges.
_REACH_RE = re.compile(
    r"(?:[^.;:!?]|\.(?=\d)){0,110}?\b(?:(?:has|have|had|was|is|has\s+been|had\s+been)\s+)?"
    r"(?:reached|reaching|reaches|rose\s+to|risen\s+to|rising\s+to|climbed\s+to|increased\s+to|jumped\s+to"
    r"|mounted\s+to|soared\s+to|hit|stood\s+at|stands\s+at|standing\s+at|at|to|of|is|was)\s+"
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|an\s+estimated|approximately)\s+)*$",
    re.I,
)

# A count of its own between the toll and ours: a number before a lowercase noun (dates and years,
# "from March 3 2016 to May 5 2016 has reached", pass).
_OWN_COUNT_RE = re.compile(
    r"\b\d[\d,.]*\s+(?!(?:and|to|or|has|have|had|was|is|were|are|in|on|at|from|until|till)\b)[a-z]")


def toll_complement(text: str, start: int, end: int) -> tuple[str, str] | None:
    """``(predicate, class)`` when the count at ``end`` completes a toll noun phrase in ``text[start:end]``.

    ``start`` is where the count's sentence begins, ``end`` where the count (with its hedges)
    begins. The last toll noun phrase before the count governs it; nothing is returned when
    another count stands between them (that count is the one it governs) or no verb of reaching
    joins them.

    Example:
        >>> s = "putting the death toll at nine and the number of injured at 40"
        >>> toll_complement(s, 0, s.index("nine")), toll_complement(s, 0, s.index("40"))
        (('death toll', 'killed'), ('number of injured', 'injured'))
        >>> toll_complement("the toll of the storm damage", 0, 20) is None
        True
    """
    lo = max(start, end - 160)
    last = None
    for m in _TOLL_NP_RE.finditer(text, lo, end):
        last = m
    if last is None:
        return None
    between = text[last.end():end]
    if _OWN_COUNT_RE.search(between):
        return None  # "the death toll from 12 strikes rose to 40": the verb is the strikes' count's
    if not _REACH_RE.match(between):
        return None
    if last.group("toll"):
        return "death toll", "killed"
    what = last.group("what").lower()
    return f"number of {what}", _COUNTED_CLASS[what]


_KILL = r"(?:killed|dead|killing)"
_HURT = r"(?:wounded|injured|hurt|wounding|injuring)"
_PAIR = rf"(?:{_KILL}\s+(?:and|or|and/or)\s+{_HURT}|{_HURT}\s+(?:and|or|and/or)\s+{_KILL})"
# The pair as the count's verb after it ("27 people were killed or wounded", "27 dead and wounded") ...
_PAIR_AFTER_RE = re.compile(
    rf"\s*(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|reportedly|also)\s+)*{_PAIR}\b", re.I)
# ... or before it, as verbs with no count of their own before them ("killed or wounded 27 people", not
# "left one dead and injured four others").
_PAIR_BEFORE_RE = re.compile(
    r"(?<!\d\s)(?<!\bone\s)(?<!\btwo\s)(?<!\bthree\s)(?<!\bfour\s)(?<!\bfive\s)(?<!\bsix\s)"
    r"\b(?:killed\s+(?:and|or|and/or)\s+(?:wounded|injured)|(?:wounded|injured)\s+(?:and|or|and/or)\s+killed"
    r"|killing\s+(?:and|or)\s+(?:wounding|injuring)|(?:wounding|injuring)\s+(?:and|or)\s+killing)"
    r"\s+(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|another|an\s+estimated|estimated)\s+)*$",
    re.I)


def casualty_pair(before: str, after_number: str, after_unit: str) -> tuple[str, str] | None:
    """``(predicate, "casualties")`` when the count's harm is a pair of killed and hurt, else None.

    ``before`` is the sentence up to the count, ``after_number`` the text right after its number
    and ``after_unit`` the text after its unit.

    Example:
        >>> casualty_pair("Shelling ", " people were killed or wounded", " were killed or wounded")
        ('killed or wounded', 'casualties')
        >>> casualty_pair("Jets killed and wounded ", " rebels.", ".")
        ('killed and wounded', 'casualties')
        >>> casualty_pair("The strike left ", " dead and wounded in Lowmere", " and wounded in Lowmere")
        ('dead and wounded', 'casualties')
        >>> casualty_pair("a mob burned the town, killing and injuring an estimated ", " residents", "")
        ('killing and injuring', 'casualties')
        >>> casualty_pair("Jets killed ", " rebels and wounded nine others", " and wounded nine others") is None
        True
        >>> casualty_pair("a shooting that left one dead and injured ", " others", "") is None
        True
    """
    near = before[-60:]
    if not any(w in x for x in (after_number[:50].lower(), near.lower()) for w in ("wound", "injur", "hurt")):
        return None  # no word of hurt near: no pair (a cheap test first, as every count is asked)
    m = _PAIR_AFTER_RE.match(after_unit) or _PAIR_AFTER_RE.match(after_number) or _PAIR_BEFORE_RE.search(near)
    if m is None:
        return None
    pair = re.search(_PAIR, m.group(0), re.I)
    return " ".join(pair.group(0).lower().split()), "casualties"
