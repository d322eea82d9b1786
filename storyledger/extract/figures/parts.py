"""Parts of a toll: lists of the counted a report names inside a larger count, and sums of coordinated kills.

A war report breaks its toll into groups: "killing 40 people, including six women, five
children and three police officers", "among the dead were four staff and five children",
"those killed included ...". Every member of such a list is a part of the toll, not a toll of
its own (:func:`mark_part_lists` gives each the part predicate of the list's head). A headline
that leads with a part ("Five children killed in strike on Lowmere", the body: "the strike killed
13 people ... among the dead were five children") names it again: a count of the killed that the
article elsewhere names as a part of a larger count is that part (:func:`named_parts`).

Two coordinated verbs of killing with "others" as the second object count two disjoint groups:
"crucifying two men and executing 17 others" is 19 killed (:func:`others_sums`). Counted groups
listed under one harm ("14 soldiers and 9 rebels were killed", "killed 14 soldiers from the
army and 9 rebels", "14 soldiers were killed along with 9 rebels") are one toll, their sum
(:func:`group_sums`), whatever nouns name the groups.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .coordination import is_person_noun
from .lexicon import PRED_OF, lexicon_hits
from ...records import Figure, has_spread

__all__ = [
    "PART_PREDICATES",
    "group_sums",
    "mark_part_lists",
    "named_parts",
    "others_sums",
]


# The predicates of a count read as a part of another ("three children were among the 19 killed").
PART_PREDICATES = frozenset({"including", "included", "includes", "include", "among them", "among whom",
                             "of whom", "of them", "among"})
# What joins the members of a list (wire copy may have lost its commas: "six women five children and three").
_JOIN_RE = re.compile(r"\s*(?:,\s*)?(?:(?:and|&|as\s+well\s+as|plus)\s+)?$", re.I)
# "among the dead were four staff": the list after it is a part of the dead.
_AMONG_BEFORE_RE = re.compile(
    r"\bamong\s+(?:the|those)\s+(?:[a-z]+\s+){0,2}?(?:dead|killed|victims|wounded|injured|casualties|fatalities)"
    r"(?:\s+(?:in|at|on|of|from)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?\s+(?:(?:were|was|are|is)\s+)(?:(?:at\s+least|some|about|nearly|more\s+than|around|also)\s+)*$",
    re.I,
)


def _as_part(f: Figure, predicate: str) -> Figure:
    """``f`` as a part of a larger count: the part predicate, and its key without a harm class."""
    key = f.key.split(":", 1)[1] if f.key and ":" in f.key else f.key
    return replace(f, predicate=predicate, key=key)


def mark_part_lists(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """The figures, each member of a list of parts given the part predicate of the list's head.

    ``text`` is the article's text as the figures were read (offsets into it). A list's head is a
    count with a part predicate ("including six women") or a count after "among the dead were";
    the members are the counts after it joined only by commas, "and" or nothing; a count of
    ``others`` is outside the list ("including two children, and 12 others were wounded").

    Example:
        >>> t = "Among the dead were four medics and five children."
        >>> a = Figure(article_id="a", start=20, end=31, value=4.0, unit="medics", key="killed:medic")
        >>> b = Figure(article_id="a", start=36, end=49, value=5.0, unit="children", key="killed:child")
        >>> [(f.predicate, f.key) for f in mark_part_lists(t, [a, b])]
        [('among', 'medic'), ('among', 'child')]
    """
    out = list(figures)
    head: str | None = None
    last_end = -1
    for i, f in enumerate(out):
        if head is not None and f.start >= last_end and _JOIN_RE.fullmatch(text, last_end, f.start) \
                and (f.unit or "").lower() != "others":
            out[i] = _as_part(f, head)
            last_end = max(last_end, f.end)
            continue
        if head is not None and f.start < last_end:
            out[i] = _as_part(f, head)  # a sum over the list's members
            continue
        head = None
        if f.predicate in PART_PREDICATES:
            head, last_end = f.predicate, f.end
        elif _AMONG_BEFORE_RE.search(text, max(0, f.start - 80), f.start):
            out[i] = _as_part(f, "among")
            head, last_end = "among", f.end
    return out


def _unit_class(f: Figure) -> str | None:
    return (f.key or "").split(":")[-1] or None


def named_parts(figures: Sequence[Figure]) -> set[int]:
    """The indexes of counts of the killed that the article elsewhere names as a part of a larger count.

    Example:
        >>> head = Figure(article_id="a", start=0, end=13, value=5.0, unit="children", key="killed:child")
        >>> toll = Figure(article_id="a", start=40, end=49, value=13.0, unit="people", key="killed:people")
        >>> part = Figure(article_id="a", start=70, end=83, value=5.0, unit="children", key="child",
        ...               predicate="among")
        >>> named_parts([head, toll, part])
        {0}
    """
    parts = {(f.value, _unit_class(f)) for f in figures if f.predicate in PART_PREDICATES and f.value}
    if not parts:
        return set()
    return {i for i, f in enumerate(figures)
            if (f.key or "").startswith("killed:") and (f.value, _unit_class(f)) in parts}


# Between two kills with "others" as the second object: "crucifying two men and executing 17 others".
_SECOND_VERB_RE = re.compile(
    r"\s*,?\s*and\s+(?:also\s+|then\s+)?(?P<v>[a-z]+)\s+(?:(?:at\s+least|another|some|about)\s+)*$", re.I)


def others_sums(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """Sums of two counts of the killed, each the object of its own verb, the second of ``others``.

    The sum (``killed:people``) starts where the first count does and comes before it; no sum
    is made where one already spans both counts.

    Example:
        >>> t = "Raiders killed two men and executed 17 others."
        >>> a = Figure(article_id="a", start=15, end=22, value=2.0, unit="men", predicate="killed",
        ...            key="killed:man")
        >>> b = Figure(article_id="a", start=36, end=45, value=17.0, unit="others", predicate="executed",
        ...            key="killed:people")
        >>> [(f.value, f.key) for f in others_sums(t, [a, b])]
        [(19.0, 'killed:people'), (2.0, 'killed:man'), (17.0, 'killed:people')]
    """
    out = list(figures)
    sums = []
    for f, g in zip(figures, figures[1:]):
        if not ((f.key or "").startswith("killed:") and (g.key or "").startswith("killed:")):
            continue
        if (g.unit or "").lower() != "others" or not f.value or not g.value or has_spread(f) or has_spread(g):
            continue
        second = _SECOND_VERB_RE.fullmatch(text, f.end, g.start)
        if second is None or second.group("v").lower() != (g.predicate or "").lower():
            continue  # "killed two men and 17 others" is a list; its sum is read with the lists
        if any(h.start <= f.start and g.end <= h.end for h in figures):
            continue
        sums.append(replace(f, end=g.end, value=f.value + g.value, unit="people", key="killed:people",
                            low=None, high=None, qualifier=f.qualifier))
    if not sums:
        return out
    return sorted(sums + out, key=lambda h: h.start)


# What joins two counted groups of one harm: a list ("14 soldiers, 9 rebels and 3 civilians"), a
# phrase of the first group's membership ("14 soldiers from the army and 9 rebels"), or "along with"
# after the first group's verb ("14 soldiers were killed along with 9 rebels"). Groups told apart by
# place ("14 in Lowmere and 9 in Norland") are tolls of two places, not summed.
_GROUP_JOIN_RE = re.compile(
    r"(?:\s+(?:of|from|belonging\s+to|loyal\s+to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
    r"(?:\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|as\s+well\s+as|plus)\s+)"
    r"|\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been)\s+)?(?:also\s+)?[a-z]+\s+(?:along|together)\s+with\s+",
    re.I)
_HEDGES_RE = re.compile(r"(?:(?:at\s+least|another|some|about|around|nearly|more\s+than|over)\s+)*", re.I)
# A count with a partitive after it is a part in apposition ("14 civilians, six of them children, and").
_PARTITIVE_AFTER_RE = re.compile(r"\s+of\s+(?:them|whom)\b", re.I)
_DIGITS_AFTER_RE = re.compile(r"[ \t]+\d")
_NOT_GROUPS = frozenset("""second minute hour day week month year decade km mile metre meter kilometre kilometer
    percent money fraction time""".split())


# A group is counted by a number ("27 soldiers", "at least nine rebels"), never implied by a name or an article.
_NUMBER_LED_RE = re.compile(
    r"(?:(?:at\s+least|another|some|about|around|nearly|more\s+than|over)\s+)*(?:\d|(?:two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)\w*\b)", re.I)
# Groups a war report counts whose nouns have no agent form ("rebels", unlike "fighters" or "militants").
_GROUP_NOUNS = frozenset("rebels personnel detainees recruits medics staff police".split())


def _names_people(head: str) -> bool:
    """Whether a plural head noun names people: a person or role noun, an agent noun by its form
    ("fighters", "militants", "insurgents"), a war group, or a capitalised plural ("Kurds").

    "counts", "homes" and "vehicles" name none.
    """
    low = head.lower()
    if not low.endswith("s") and low not in ("people", "men", "women", "children", "police", "personnel", "staff"):
        return False
    return is_person_noun(low) or low in _GROUP_NOUNS or re.fullmatch(r"[a-z]{3,}(?:ant|ent)s", low) is not None \
        or (head[:1].isupper() and not head.isupper())


def _is_vague(f: Figure) -> bool:
    """Whether ``f`` has a spread wider than its low end ("dozens": 12 to 99), not a written pair ("8 or 9")."""
    return has_spread(f) and (f.low is None or f.high is None or f.high > 2 * max(f.low, 1))


def _is_group(text: str, f: Figure) -> bool:
    """Whether ``f`` counts a group by number with a plural noun and no harm word of its own before the noun.

    "27 soldiers" and "about 8 or 9 soldiers" (a group with a narrow spread) are groups; "one count", "a man,
    18", "4 bodies" (a harm noun), "5 injured officials" (its own harm, whatever key it was given), a count cut
    short by a number right after it ("over 3" of "over 3 400" read apart), counts of parts and vague counts
    ("dozens of soldiers", "between 40 and 100": a spread wider than its low end, no count to add) are none.
    """
    unit = (f.unit or "").lower()
    if not unit or not f.value or f.value < 2 or f.predicate in PART_PREDICATES or _is_vague(f):
        return False
    head = (f.unit or "").split()[-1]
    if not _names_people(head) or head.lower() in PRED_OF or head.lower() in _HARM_NOUNS:
        return False
    span = text[f.start:f.end]
    return _NUMBER_LED_RE.match(span) is not None and not lexicon_hits(span) \
        and _PARTITIVE_AFTER_RE.match(text, f.end) is None and _DIGITS_AFTER_RE.match(text, f.end) is None


def _noun_written(text: str, f: Figure) -> bool:
    """Whether the noun of ``f`` stands in its own span ("9 people"), not given by a frame ("the toll rose to 86")."""
    head = (f.unit or "").split()[-1]
    return re.search(rf"(?<![\w'’-]){re.escape(head)}(?![\w'’-])", text[f.start:f.end], re.I) is not None


_HARM_NOUNS = frozenset("dead deaths bodies martyrs casualties fatalities victims injuries wounds".split())


def _harm_of(f: Figure) -> tuple[str | None, str | None]:
    """``(harm class, unit class)`` of a figure's key ("killed:soldier": killed, soldier).

    "Left" read as fled is no harm of a group: "clashes left 27 soldiers and 44 rebels dead" tells
    the harm after the list.
    """
    key = f.key or ""
    if ":" not in key:
        return None, key or None
    harm, uclass = key.split(":", 1)
    return (None if harm == "fled" and (f.predicate or "").lower() in ("left", "leaving") else harm), uclass


def _groups_from(text: str, figures: Sequence[Figure], i: int) -> list[Figure]:
    """The run of counted groups joined to figure ``i`` (itself first), all of one harm or none."""
    run = [figures[i]]
    for g in figures[i + 1:]:
        f = run[-1]
        join = _GROUP_JOIN_RE.match(text, f.end)
        if join is None or g.start < join.end() or _HEDGES_RE.fullmatch(text, join.end(), g.start) is None:
            break
        if not _is_group(text, g):
            break
        run.append(g)
    return run


def _spread_of_sum(run: Sequence[Figure]) -> dict:
    """The ``low``, ``high`` and qualifier of the sum of ``run``: the sums of the ends where a member has a spread
    ("about 8 or 9 soldiers and 12 rebels": about 20 to 21), else no ends and the first member's qualifier."""
    spread = [g for g in run if has_spread(g)]
    if not spread:
        return {"low": None, "high": None, "qualifier": run[0].qualifier}
    return {"low": sum(g.low if g.low is not None else g.value for g in run),
            "high": sum(g.high if g.high is not None else g.value for g in run),
            "qualifier": "about" if any(g.qualifier == "about" for g in spread) else "range"}


def group_sums(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """The figures with a sum before each run of counted groups under one harm ("14 soldiers and 9 rebels").

    A run holds two or more counts with a unit, each joined to the one before (see the module doc);
    one of them has a harm class, the others the same or none (a group whose verb was not read takes
    the run's). The sum keys ``<harm>:people`` and spans the run; no sum is made where a figure
    already spans it, where a count is a part ("including ..."), or where the last count's
    noun is not written in it (the list's noun is written after its last member, "12, 14 and 9 people";
    "the toll rose to 86, over 3 ..." lists no groups). A member with a spread gives the sum one, the sums of
    the ends ("about 8 or 9 soldiers and 12 rebels": about 20, from 20 to 21).

    Example:
        >>> t = "14 soldiers and 9 rebels were killed."
        >>> a = Figure(article_id="a", start=0, end=11, value=14.0, unit="soldiers", key="soldier")
        >>> b = Figure(article_id="a", start=16, end=24, value=9.0, unit="rebels", predicate="killed",
        ...            key="killed:rebel")
        >>> [(f.value, f.key) for f in group_sums(t, [a, b])]
        [(23.0, 'killed:people'), (14.0, 'killed:soldier'), (9.0, 'killed:rebel')]
    """
    out = list(figures)
    sums = []
    i = 0
    while i < len(out):
        f = out[i]
        joined = i + 1 < len(out) and _GROUP_JOIN_RE.match(text, f.end) is not None  # cheap test first
        run = _groups_from(text, out, i) if joined and _is_group(text, f) else []
        harms = {_harm_of(g)[0] for g in run} - {None}
        spanned = len(run) < 2 or any(h.start <= f.start and run[-1].end <= h.end and h not in run for h in out)
        if len(run) > 2 and f.value == sum(g.value for g in run[1:]):
            i += len(run)  # "four soldiers, two officers and two sergeants": the first group broken down
            continue
        if len(run) < 2 or len(harms) != 1 or spanned or not _noun_written(text, run[-1]):
            i += 1
            continue
        harm = harms.pop()
        for k, g in enumerate(run, start=i):
            if _harm_of(g)[0] is None:
                out[k] = replace(g, key=f"{harm}:{_harm_of(g)[1]}", predicate=run[-1].predicate)
        sums.append(replace(f, end=run[-1].end, value=sum(g.value for g in run), unit="people",
                            key=f"{harm}:people", predicate=next(g.predicate for g in run if _harm_of(g)[0]),
                            **_spread_of_sum(run)))
        i += len(run)
    if not sums:
        return out
    return sorted(sums + out, key=lambda h: h.start)
