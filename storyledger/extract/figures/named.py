"""One person killed, named as the object of a killing: "Roe shot and killed Tom Lowmere before driving off".

Reports name the dead more often than they count them. A name (one to four capitalised
words, with an optional title: "Mr. Roe") right after a verb or a noun that says a death
("shot and killed", "fatally shot", "killing", "murdered", "the killing of", "the
murder of", "the shooting death of") is one person killed. The name must end where the
object ends: at a punctuation mark, an age in apposition ("Jane Roe, 19,"), or a word
that begins a phrase or a clause after the object ("in", "on", "before", "and"...); a
capitalised word before a lowercase noun is a modifier ("killed Lowmere residents"), no
name. Days, months and words that begin a clause ("Police", "He") are no names; a
passive ("was shot and killed Friday") has no object.
"""

from __future__ import annotations

import re

__all__ = [
    "named_victims",
]

_VERB = (r"(?:(?P<noun>(?:killing|murder|slaying|shooting\s+death)\s+of)|shot\s+and\s+killed|shooting\s+and\s+killing"
         r"|fatally\s+(?:shot|shooting|stabbed|stabbing)|shot\s+dead|killed|killing|murdered|murdering)")
_NAME = r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-z'’.-]+(?:[A-Z][a-z'’-]+)?)){0,3})"
_END = (r"(?=\s*(?:[,.;:!?)\"”]|$)|\s+(?:on|in|at|before|after|and|with|who|as|while|during|outside|inside|near|early"
        r"|late|last|this|when|because|over|from|following|behind|earlier|then)\b)")
_OBJECT = re.compile(r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)\b" + _VERB + r"\s+" + _NAME + _END)
# Where an object's verb may begin (a plain scan first); a killing named as a noun follows a determiner or "in"/"for".
_HINT = re.compile(r"\b(?:shot|shooting|fatally|killed|killing|murdered|murdering|murder|slaying)\b")
_NOUN_BEFORE = re.compile(r"\b(?:the|in|for)\s+$", re.I)
_NOT_NAMES = frozenset("""he she it they we i you police officials authorities investigators deputies officers detectives
    the a an no his her their its this that these those who which what there here one two three four five six seven eight
    nine ten monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december today tonight yesterday""".split())


def named_victims(cased: str) -> list[tuple[int, int, int, str, str, str]]:
    """The people killed that ``cased`` (a text as written) names as objects: ``(start, end, 1, "killed", "person", "exact")``.

    Example:
        >>> t = "Police said Roe shot and killed Tom Lowmere before driving off."
        >>> [(t[s:e], n) for s, e, n, *_ in named_victims(t)]
        [('Tom Lowmere', 1)]
    """
    out = set()
    for h in _HINT.finditer(cased):
        m = _OBJECT.match(cased, h.start(), min(len(cased), h.end() + 80))
        if m is None or m.group("noun") and not _NOUN_BEFORE.search(cased, max(0, m.start() - 5), m.start()):
            continue
        if m.group("name").split()[0].lower().rstrip(".") not in _NOT_NAMES:
            out.add((m.start("name"), m.end("name"), 1, "killed", "person", "exact"))
    return sorted(out)
