"""Changes and the values they lead to: step 3 and step 8 of :mod:`storyledger.extract.figures.figures`.

"Claims fell by 36,000 to 293,000" is a change of 36,000 and a new value of
293,000, not a range; "rose from 40 to 58" and "up 12,000 from 280,000" hold a
previous value. Each number keeps its own figure and the key says its role:

* the size of a change: ``increased:<unit class>`` or ``decreased:<unit class>``
  (the direction from the verb or noun: rose, fell, gained, slid, "an increase
  of"...), predicate the word as written;
* a previous value (after "from" in a clause with a change verb):
  ``previous:<unit class>``, predicate ``"<verb> from"``;
* the new value (after "to"): the ordinary key of a count ("the death toll rose
  by 5 to 58": ``killed:people``), so it is the one reconciliation and
  :func:`~storyledger.extract.figures.figures.casualty_count` read as the current figure.

A number is the size of a change when a change word governs it directly (only
"by" and hedges between: "fell by nearly 36,000", "rose 6.5%") and either "by"
or a noun form says so ("an increase of 5%"), its unit is a percentage or
points, or a value follows with "to"/"from" ("rose 64.06 points to 4,577.10").
A bare count after a verb that also takes objects ("cut 500 jobs", "lost 200
soldiers") is a count, not a change.
"""

from __future__ import annotations

import re

__all__ = [
    "change_role",
    "change_word",
    "is_change_then_value",
    "previous_word",
]

_UP = """rose rise rises risen rising increased increase increases increasing up grew grow grows growing
    climbed climb climbs climbing jumped jump jumps soared soar soars surged surge surges gained gain gains
    gaining advanced advances rallied rallies added adds raised boosted expanded doubled tripled higher"""
_DOWN = """fell fall falls fallen falling decreased decrease decreases decreasing down dropped drop drops
    dropping declined decline declines declining slipped slips slid slides plunged plunges plummeted
    plummets tumbled tumbles lost loses shrank shrinks shrunk sank sinks dipped dips eased eases cut cuts
    reduced lowered trimmed retreated lower"""
_DIRECTION = {**{w: "increased" for w in _UP.split()}, **{w: "decreased" for w in _DOWN.split()}}
# Nouns that name a change: "an increase of 5%", "a drop of 300".
_CHANGE_NOUNS = {**{w: "increased" for w in "increase rise jump surge gain growth".split()},
                 **{w: "decreased" for w in "decrease decline drop fall reduction cut".split()}}

_HEDGES = (
    r"(?:(?:a\s+further|another|an\s+additional|a\s+total\s+of|just|only|roughly|about|around|nearly|almost|some"
    r"|approximately|more\s+than|less\s+than|over|under|at\s+least|as\s+much\s+as|as\s+many\s+as|close\s+to"
    r"|an\s+estimated|a|an)\s+)*"
)
_WORD = r"[A-Za-z]+"
_GOVERNS_RE = re.compile(
    rf"\b(?P<v>{_WORD})(?:\s+(?:sharply|slightly|marginally|steeply|further|again|back|a\s+(?:further|total\s+of)))?"
    rf"(?:\s+(?P<by>by)|\s+(?P<of>of))?\s+{_HEDGES}[$£€¥]?$",
    re.I,
)
_THEN_VALUE_RE = re.compile(r"^\s*,?\s*(?:to|from)\b[^.;]{0,25}?\d")
_CHANGE_UNITS = frozenset(("percent", "percentage points", "basis points", "points", "point"))
# "rose from", "up ... from": the clause has a change word before the "from".
_PREVIOUS_RE = re.compile(
    r"\b(?P<v>" + "|".join(sorted(_DIRECTION, key=len, reverse=True)) + r"|changed|moved|went|revised)\b"
    r"(?:[^.;:]|\.(?=\d)){0,60}?\bfrom\s+" + _HEDGES + r"[$£€¥]?$",
    re.I,
)
_BETWEEN_END_RE = re.compile(r"\bbetween\s*$", re.I)


_CHANGE_WORDS = frozenset(_DIRECTION) | frozenset(_CHANGE_NOUNS)


def change_word(before: str) -> tuple[str, str, bool] | None:
    """(direction class, word, "by"/"of" given) when a change word governs the number after ``before``."""
    tail = before[-70:]
    # Most numbers have no change word among the words just before: skip the regex then.
    if _CHANGE_WORDS.isdisjoint(tail.lower().split()[-8:]):
        return None
    m = _GOVERNS_RE.search(tail)
    if not m:
        return None
    v = m.group("v").lower()
    direction = _CHANGE_NOUNS.get(v) if m.group("of") else _DIRECTION.get(v)
    if direction is None:
        return None
    return direction, m.group("v"), bool(m.group("by") or m.group("of"))


def change_role(before: str, after_unit: str, unit: str | None) -> tuple[str, str] | None:
    """(key head, predicate) of a number that is the size of a change, else ``None``.

    Args:
        before: Text of the sentence before the number (hedge included).
        after_unit: Text after the number and its unit.
        unit: The unit found for the number.
    """
    found = change_word(before)
    if found is None:
        return None
    direction, word, by = found
    if by or (unit or "").lower() in _CHANGE_UNITS or _THEN_VALUE_RE.match(after_unit):
        return direction, word
    return None


def previous_word(before: str, after_unit: str) -> str | None:
    """The change word when the number after ``before`` is a previous value.

    "rose from 40 to 58", "up 12,000 from 280,000", "climbed to 6.7% from
    6.29%": another value of the change sits beside it ("fell from 20,000
    feet" alone is no previous value).
    """
    if "from" not in before[-40:].lower():
        return None
    m = _PREVIOUS_RE.search(before[-90:])
    if not m:
        return None
    if not (re.search(r"\d", m.group(0)) or _TO_VALUE_RE.match(after_unit)):
        return None
    return m.group("v")


# The new value after a previous one, in digits or words: "from 12 to 9", "from eight to six".
_TO_VALUE_RE = re.compile(r"\s*,?\s*to\b[^.;]{0,25}?(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten"
                          r"|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
                          r"|dozen)\b)", re.I)


def is_change_then_value(before: str, low: float, high: float, high_is_percent: bool) -> bool:
    """Whether "X to Y" after ``before`` is a change and a new value rather than a range.

    "fell by 36,000 to 293,000" is; "rose 5 to 10 percent" and "expected to rise
    by 5 to 10 percent" are ranges (a percent after both numbers reads as a
    range of the change). Without "by", the new value must be at least five
    times the change, as it is in a level after a change and seldom in a range.
    """
    if _BETWEEN_END_RE.search(before):
        return False
    found = change_word(before)
    if found is None or high_is_percent:
        return False
    _, _, by = found
    return by or (low > 0 and high >= 5 * low)
