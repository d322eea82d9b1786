"""The events a figure's clause names: which figures may report the same event.

A death toll of an explosion and the death toll of an offensive are two facts when the
clauses around their numbers name events of different families. Sentence ends are found
once per text (:func:`sentence_marks`), so each figure's lookup is a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..records import Figure

__all__ = [
    "events_compatible",
    "figure_events",
    "sentence_marks",
]

# Event words by family. Figures whose clauses name events of families that do
# not combine are different facts.
_EVENT_WORDS = {
    "explosion": "explosion explosions blast blasts bomb bombs bombing bombings detonation exploded explode "
    "explosive explosives",
    "strike": "airstrike airstrikes strike strikes raid raids shelling shells shell missile missiles rocket "
    "rockets mortar mortars bombardment drone drones",
    "attack": "attack attacks assault attacked ambush",
    "chemical": "gas chemical chemicals toxic chlorine sarin poison",
    "shooting": "shooting shootings gunfire gunmen gunman shot sniper snipers stabbing",
    "military": "offensive operation operations campaign army troops fighting clashes clash battle battles war "
    "advance incursion siege invasion hostilities swept",
    "disaster": "earthquake earthquakes quake quakes flood floods flooding storm storms hurricane cyclone "
    "typhoon landslide landslides wildfire wildfires fire fires blaze tsunami eruption heatwave drought "
    "avalanche tornado",
    "crash": "crash crashes collision derailment accident accidents capsized sinking sank stampede collapse",
    "epidemic": "outbreak epidemic pandemic virus disease cholera covid infection infections",
}
_EVENT_OF = {w: fam for fam, words in _EVENT_WORDS.items() for w in words.split()}
# Event cues that are not names of events: they split facts but stay out of labels.
_NOT_LABEL = {"army", "troops", "swept", "shot", "gunmen", "gunman", "exploded", "explode", "attacked", "sank",
              "capsized", "shell", "shells", "advance", "poison", "toxic", "gas", "chemical", "chemicals"}
# Families that may describe one event (a strike is an attack, a blast may come from a strike).
_EVENT_FRIENDS = {
    frozenset(p)
    for p in [
        ("attack", "explosion"),
        ("attack", "strike"),
        ("attack", "chemical"),
        ("attack", "shooting"),
        ("attack", "military"),
        ("strike", "explosion"),
        ("strike", "chemical"),
        ("strike", "military"),
        ("shooting", "military"),
    ]
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[–—-]\s")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s)|\n")


def sentence_marks(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end of ``text`` starts and stops (one scan, so each figure's lookup is a bisect)."""
    marks = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    return [a for a, _ in marks], [b for _, b in marks]


def _sentence_bounds(text: str, start: int, end: int, marks: tuple[list[int], list[int]]) -> tuple[int, int]:
    starts, ends = marks
    k = bisect_right(ends, start)
    s = ends[k - 1] if k else 0
    k = bisect_left(starts, end)
    return s, ends[k] if k < len(ends) else len(text)


def _events(text: str) -> tuple[set[str], str | None]:
    fams, first = set(), None
    for m in _WORD.finditer(text):
        fam = _EVENT_OF.get(m.group().lower())
        if fam:
            fams.add(fam)
            if m.group().lower() not in _NOT_LABEL:
                first = first or m.group().lower()
    return fams, first


def figure_events(text: str, fig: Figure, marks: tuple[list[int], list[int]]) -> tuple[frozenset[str], str | None]:
    """Event families named in the figure's clause, or in its sentence when that is unambiguous."""
    s, e = _sentence_bounds(text, fig.start, fig.end, marks)
    cs, ce = s, e
    for m in _CLAUSE_BREAK.finditer(text, s, e):
        if m.end() <= fig.start:
            cs = m.end()
        elif m.start() >= fig.end:
            ce = m.start()
            break
    fams, word = _events(text[cs:ce])
    if not fams:
        fams, word = _events(text[s:e])
        if len({f for f in fams if f != "attack"}) > 1:
            fams, word = set(), None
    return frozenset(fams), word


def events_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & b:
        return True
    return any(frozenset((x, y)) in _EVENT_FRIENDS for x in a for y in b)
