"""Counts that are not written as numbers: "a man was fatally shot", "a woman and her child were found dead".

Most casualty reporting names the people harmed instead of counting them. A small
grammar reads those counts:

- **Noun phrase**: a determiner (``a``, ``an``, ``the``, ``one``, ``another``), up to
  three modifiers and a person noun (:data:`PERSON_NOUNS`, or an age used as a noun: "a
  17-year-old"), optionally an apposition between commas ("a man, 25,"). One such
  phrase is a count of one; two joined by ``and`` ("a woman and her child") a count of
  two; ``both`` or ``a couple`` before a noun a count of two.
- **Verb frame**: the noun phrase is the subject of a passive or intransitive harm verb,
  whose frame gives the kind of harm: ``killed`` (killed, murdered, slain, fatally shot
  or wounded, shot dead or to death, found or pronounced dead, died), ``injured``
  (wounded, injured, hurt, shot and wounded, hospitalised) or ``shot`` (shot, with no
  outcome said).
- **Role**: the person noun says who was counted: a suspect (gunman, shooter...), the
  police (officer, deputy...), or a victim; the figure's unit is the noun and its key
  ``<harm>:<noun class>`` as for written numbers.

The figures come with the span of the determiner (or of the first phrase's determiner
for a pair), so a written number at the same place wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "FATAL_EVENT",
    "PERSON_NOUNS",
    "ROLE_OF",
    "implied_counts",
]

# Person nouns by role. Victim is the default role.
ROLE_OF: dict[str, str] = {
    **{w: "suspect" for w in "suspect gunman shooter attacker assailant robber intruder killer".split()},
    **{w: "police" for w in "officer policeman policewoman deputy trooper constable sergeant".split()},
}
PERSON_NOUNS = frozenset(
    """man woman child boy girl person civilian soldier fighter militant journalist worker resident teenager
    teen baby infant toddler student doctor nurse citizen pilot member guard commander bystander pedestrian
    passenger driver farmer shepherd victim father mother son daughter brother sister husband wife
    grandmother grandfather uncle aunt cousin friend neighbor neighbour relative customer employee clerk
    owner homeowner motorist cyclist juvenile adult youth male female individual""".split()
) | frozenset(ROLE_OF)

_AGE = r"(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)-(?:year|month|week)-old"
_HEAD = r"(?:(?P<age>" + _AGE + r")(?:\s+(?!(?:was|were|is|are|who|has|had|and|got)\b)(?P<agehead>[a-z]+))?|(?P<head>[a-z]+))"
_MODS = r"(?:(?!(?:was|were|is|are|and|who|of|has|had|dead)\b)[a-z][\w'-]*,?\s+){0,3}?"
_NP = r"(?P<det>\b(?:a|an|the|one|another))\s+" + _MODS + _HEAD + r"(?:,\s*[^,.;]{1,40},)?"
_NP2 = r"(?:\s+and\s+(?P<det2>his|her|their|a|an|the|another|one)\s+" + _MODS + r"(?P<head2>[a-z]+))?"
_BOTH = r"(?P<both>\b(?:both|a\s+couple\s+of)\s+(?:(?:the|young)\s+)?(?P<plural>[a-z]+))"
# The auxiliary of a passive ("was shot"); without one only "died" and "dead" read (an active
# "he shot and killed" names the killer, not the killed).
_AUX = r"\s+(?:who\s+)?(?P<aux>(?:was|were|is|are|got|has\s+been|have\s+been|had\s+been)\s+)?" \
       r"(?:(?:also|later|reportedly|allegedly|apparently|both|found|(?!fatally|non)[a-z]+ly)\s+){0,2}"
_KILLED = r"fatally\s+(?:shot|wounded|injured|stabbed)|shot\s+(?:and\s+killed|dead|to\s+death)|killed|murdered|slain" \
          r"|(?:found\s+|pronounced\s+|declared\s+)?dead|died|dies|has\s+died"
_INJURED = r"shot\s+and\s+(?:wounded|injured)|non-?fatally\s+shot|wounded|injured|hurt|hospitali[sz]ed|grazed"
_SHOT = r"shot(?!\s+(?:at|back|up|and|dead|to\b|down\s+the))"
_OUTCOME = r"(?:(?P<killed>" + _KILLED + r")|(?P<injured>" + _INJURED + r")|(?P<shot>" + _SHOT + r"))\b"
_FRAME = re.compile(r"(?:" + _NP + _NP2 + r"|" + _BOTH + r"|(?P<pron>\b(?:he|she)))" + _AUX + _OUTCOME)
# The object of a killing verb or noun: "shot and killed a man", "the shooting death of a boy",
# "killed his wife", "killed 13-year-old" followed by a name.
_OBJ_NP = r"(?P<det>\b(?:a|an|the|his|her|their|one))\s+" + _MODS + _HEAD + r"|(?P<named>" + _AGE + r")\s+(?=[A-Z])"
_OBJECT = re.compile(
    r"\b(?:fatally\s+(?:shot|wounded|stabbed)|shot\s+and\s+killed|shot\s+dead|killed|murdered"
    r"|(?:shooting\s+)?death\s+of|murder\s+of|killing\s+of|slaying\s+of)\s+(?:" + _OBJ_NP + r")"
)
# The noun of a count read from a fatal event alone ("a deadly shooting": someone died, at least one).
FATAL_EVENT = "victim"
# A killing named as an event with no victim counted: "a fatal shooting" (at least one dead).
_INTRANSITIVE = re.compile(r"died|dies|has\s+died|dead")
_FATAL_EVENT = re.compile(r"\b(?:fatal|deadly)\s+(?:[a-z]+\s+)?(?:shooting|stabbing|attack|incident)\b")
# A named person with an age in apposition, subject of a harm verb: "John Doe, 25, was killed".
_NAMED = re.compile(r"\b(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'.-]+){1,3}),\s*\d{1,2},(?:\s+of\s+[A-Z][\w ]{1,30},)?"
                    + _AUX + _OUTCOME)
_PLURAL_HEADS = {"men": "man", "women": "woman", "children": "child", "people": "person", "police": "officer"}


def _person(word: str | None) -> str | None:
    """The person noun a head word names (singular), or None when it names no person."""
    if not word:
        return None
    w = _PLURAL_HEADS.get(word, word[:-1] if word.endswith("s") and word[:-1] in PERSON_NOUNS else word)
    return w if w in PERSON_NOUNS else None


def implied_counts(text: str, cased: str | None = None) -> list[tuple[int, int, int, str, str, str]]:
    """The counts of people ``text`` names without a number: ``(start, end, count, harm, noun, qualifier)``.

    ``text`` is read lowercased for the noun phrases; ``cased`` (the same text as written, same
    length) for the names and ages in apposition. ``start``/``end`` span the determiner (or the
    words that imply the count), ``harm`` is ``killed``, ``injured`` or ``shot``, ``noun`` the
    singular person noun (``"person"`` for a name or an age used as a noun), ``qualifier``
    ``exact`` or ``at_least`` (a fatal event names no victim: at least one).

    Example:
        >>> [c[:5] for c in implied_counts("a man was fatally shot and a woman and her son were hurt.")]
        [(0, 1, 1, 'killed', 'man'), (27, 28, 2, 'injured', 'woman')]
    """
    cased = text if cased is None or len(cased) != len(text) else cased
    out = [c + ("exact",) for c in _subjects(text)]
    for m in _OBJECT.finditer(cased):
        noun = "person" if m.group("named") else _noun(m)
        if noun:
            start = m.start("named") if m.group("named") else m.start("det")
            out.append((start, start + 1, 1, "killed", noun, "exact"))
    for m in _NAMED.finditer(cased):
        harm = next(k for k in ("killed", "injured", "shot") if m.group(k))
        if not m.group("aux") and not _INTRANSITIVE.fullmatch(m.group(harm)):
            continue
        out.append((m.start("name"), m.end("name"), 1, harm, "person", "exact"))
    for m in _FATAL_EVENT.finditer(text):
        out.append((m.start(), m.end(), 1, "killed", FATAL_EVENT, "at_least"))
    return sorted(out)


def _noun(m: re.Match) -> str | None:
    """The singular person noun heading the matched phrase ("a young man": man), or None."""
    head = m.group("agehead") if m.group("age") else m.group("head")
    if head and head not in PERSON_NOUNS and (m.group("head") or _person(head)):
        return None  # a plural or no person: "the four people", "a car"
    return head or "person"


def _subjects(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts from harmed subjects: "a man was fatally shot", "both men died", "she died"."""
    for m in _FRAME.finditer(text):
        harm = next(k for k in ("killed", "injured", "shot") if m.group(k))
        if not m.group("aux") and not _INTRANSITIVE.fullmatch(m.group(harm)):
            continue
        if m.group("pron"):
            # "he was shot": one person harmed; "she died" alone may be a natural death.
            if m.group("aux"):
                yield m.start("pron"), m.end("pron"), 1, harm, "person"
            continue
        if m.group("both"):
            noun = _person(m.group("plural"))
            if noun and m.group("plural") != noun:  # a plural noun: "both men", "a couple of teens"
                yield m.start("both"), m.end("both"), 2, harm, noun
            continue
        noun = _noun(m)
        if noun is None:
            continue
        second = _person(m.group("head2")) if m.group("det2") else None
        if m.group("det2") and second is None:
            continue
        yield m.start("det"), m.end("det"), 2 if second else 1, harm, noun
