"""Counts of the dead said against a group: "a third person has died", "one of the victims was pronounced dead".

When a later death is reported, the new victim is named by its place in the count:
"a second man died at the hospital", "a fifth victim, Jane Roe, died Sunday", "Third
victim dies after Lowmere shooting". The ordinal is the number dead so far, not one: this module
reads such phrases as a count of the killed of that value.

- **Phrase**: a determiner (``a``, ``an``, ``the``; none in a headline), an ordinal from
  "second" to "tenth", optionally one modifier and a person noun
  (:data:`~storyledger.extract.figures.implied.PERSON_NOUNS`, or "victim"), optionally
  an apposition between commas ("a fifth victim, Jane Roe, 44,").
- **Death**: the phrase is the subject of a death ("died", "has died", "succumbed", "was
  killed", "was pronounced dead", "was fatally shot", "is dead", "to die") or the
  object of "claim" ("claimed a fifth victim", "claims third life").

One of a group who died ("one of the victims was pronounced dead", "one of them died") is one
killed.

Only deaths: an ordinal said of another harm counts that person alone ("one man was killed
and a second was wounded": one wounded), and is left to the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .implied import headline_end, person_noun

__all__ = [
    "ordinal_deaths",
]

_ORDINALS = {w: i + 2 for i, w in enumerate("second third fourth fifth sixth seventh eighth ninth tenth".split())}
_ORD = r"(?P<ord>" + "|".join(_ORDINALS) + r")"
_DEATH = (r"(?:(?:,[^,.;]{1,40}){1,3},)?\s+(?:(?:has|had|have|also|later|then|now|subsequently)\s+){0,2}(?:died|dies|succumbed"
          r"|(?:was|is|has\s+been|had\s+been)\s+(?:also\s+)?(?:killed|(?:pronounced|confirmed|declared)\s+(?:dead|deceased)"
          r"|fatally\s+(?:shot|wounded|injured)|shot\s+(?:and\s+killed|dead|to\s+death)|found\s+dead|dead)"
          r"|to\s+die)\b")
_NOT_AUX = r"(?!(?:has|had|have|also|later|then|now|subsequently|was|is|died|dies|succumbed|to)\b)"
_SUBJECT = re.compile(r"(?P<det>\b(?:a|an|the)\s+|(?<![\w,'’-]\s)(?<![\w'’-]))" + _ORD + r"(?:\s+" + _NOT_AUX + r"(?P<mod>[a-z][\w-]*))?"
                      r"(?:\s+" + _NOT_AUX + r"(?P<noun>[a-z]+))?(?=" + _DEATH + r")")
_CLAIMED = re.compile(r"\bclaim(?:s|ed|ing)?\s+(?:a|an|the|its|their)?\s*" + _ORD + r"\s+(?P<noun>victim|life|lives)\b")
# "one of the victims was pronounced dead", "one of them died": one of a group, subject of a death.
_PARTITIVE = re.compile(r"\bone\s+of\s+(?:them\b|(?:the|those|these|his|her|their)\s+(?:[a-z0-9-]+\s+){0,2}?(?P<noun>[a-z]+))"
                        r"(?=" + _DEATH + r")")
_HINT = re.compile(r"\b(?:" + "|".join(_ORDINALS) + r")\b")
_DET_BEFORE = re.compile(r"\b(?:a|an|the)\s+$")


def _is_person(mod: str | None, noun: str | None) -> bool:
    """Whether the words after the ordinal name a person or none at all ("a fifth died")."""
    if noun is None:
        return mod is None or person_noun(mod) is not None
    return person_noun(noun) is not None


def _subjects(text: str, head_end: int) -> Iterator[tuple[int, int, int]]:
    """Ordinal subjects of a death ("a third person has died"): ``(start, end, ordinal)``."""
    for h in _HINT.finditer(text):
        det = _DET_BEFORE.search(text, max(0, h.start() - 5), h.start())
        m = _SUBJECT.match(text, det.start() if det else h.start(), min(len(text), h.end() + 200))
        if m is None or not m.group("det").strip() and m.start() >= head_end:
            continue  # no death, or no determiner outside a headline (only a headline drops it)
        mod, noun = m.group("mod"), m.group("noun")
        if noun is not None and person_noun(noun) is None and person_noun(mod) is not None:
            noun, mod = mod, None  # "a second man died": the noun came first
        if _is_person(mod, noun):
            yield m.start(), m.end(), _ORDINALS[m.group("ord")]


def ordinal_deaths(text: str, cased: str | None = None) -> list[tuple[int, int, int, str, str, str]]:
    """The counts of the killed ``text`` gives by an ordinal or a partitive.

    Returns ``(start, end, count, "killed", "person", "exact")`` per count, in text order.

    ``text`` is read lowercased; ``cased`` (the same text as written) gives the headline's end.

    Example:
        >>> t = "Police said a third person has died after the shooting in Lowmere."
        >>> [c[2:4] for c in ordinal_deaths(t.lower(), t)]
        [(3, 'killed')]
    """
    cased = text if cased is None or len(cased) != len(text) else cased
    found = set(_subjects(text, headline_end(cased)))
    for m in _PARTITIVE.finditer(text):
        if m.group("noun") is None or person_noun(m.group("noun")) is not None:
            found.add((m.start(), m.end(), 1))
    for m in _CLAIMED.finditer(text):
        found.add((m.start(), m.end(), _ORDINALS[m.group("ord")]))
    return [(s, e, n, "killed", "person", "exact") for s, e, n in sorted(found)]
