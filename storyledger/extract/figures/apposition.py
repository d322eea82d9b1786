"""A subgroup in apposition between a count and its verb: "23 civilians - including nine children - died".

War reports name a part of the counted right after the count and before its verb: "at least
40 people, more than half of them fighters, have been killed", "leaving 23 civilians -
including nine children - dead", "15 soldiers (among them two officers) were killed". The
apposition says nothing of what happened to the whole; the verb after it does. Wire copy
stripped of its punctuation keeps the same grammar with no commas ("40 people more than half of
them fighters have been killed"): there a quantifier "of them" opens the apposition and an
auxiliary verb closes it.
"""

from __future__ import annotations

import re

__all__ = [
    "skip_apposition",
]


_QUANTIFIER = (
    r"(?:(?:more|less|fewer)\s+than\s+|nearly\s+|almost\s+|about\s+|around\s+|at\s+least\s+)?"
    r"(?:half|most|many|some|all|none|several|both|each|a\s+third|a\s+quarter|a\s+majority|the\s+majority"
    r"|two-thirds|three-quarters|a\s+number|a\s+dozen|dozens|\d[\d,]*|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve)\s+of\s+(?:them|whom)"
)
_OPENER = rf"(?:including|among\s+them|among\s+whom|mostly|mainly|chiefly|largely|{_QUANTIFIER})\b"
# A delimited apposition: the same mark opens and closes it.
_DELIMITED_RE = re.compile(
    rf"\s*(?:(?P<c>,)|(?P<p>\()|(?P<d>\s[-–—]|[–—]))\s*{_OPENER}"
    r"(?P<body>[^,()–—;.]{0,90}?)"
    r"(?(c),|(?(p)\)|(?:\s[-–—]\s|[–—])))",
    re.I,
)
# An apposition with its punctuation lost: a quantifier "of them" up to the auxiliary of the count's verb.
_BARE_RE = re.compile(
    rf"\s+{_QUANTIFIER}\b(?:\s+(?!(?:were|was|have|has|had|are|is)\b)[\w'’-]+){{0,6}}?"
    r"(?=\s+(?:were|was|have|has|had|are|is)\s+(?:\w+\s+){0,2}?[a-z]+(?:ed|en)\b|\s+(?:died|dead)\b)",
    re.I,
)


def skip_apposition(after_unit: str) -> str:
    """The words after a count's unit with a subgroup apposition at their start left out.

    Example:
        >>> skip_apposition(" - including two children - were killed")
        ' were killed'
        >>> skip_apposition(" more than half of them fighters have been killed in the north")
        ' have been killed in the north'
        >>> skip_apposition(" were killed, including two children")
        ' were killed, including two children'
        >>> skip_apposition(", including a baby, and left three others wounded")
        ', including a baby, and left three others wounded'
        >>> skip_apposition(", one of whom was a doctor, were shot dead")
        ', one of whom was a doctor, were shot dead'
    """
    m = _DELIMITED_RE.match(after_unit) or _BARE_RE.match(after_unit)
    if m is None or _NEW_CLAUSE_RE.match(after_unit, m.end()) or _FINITE_RE.search(m.group(0)):
        return after_unit  # a relative clause ("one of whom was a doctor") is no apposition
    return " " + after_unit[m.end():].lstrip()


# An apposition is a noun phrase: a finite verb inside makes it a clause of its own.
_FINITE_RE = re.compile(r"\b(?:was|were|is|are|had|has|have|did|does)\b", re.I)
# After the apposition, a conjunction starts a clause of its own ("six people, including a baby, and left
# three others wounded"): the count's verb is not there.
_NEW_CLAUSE_RE = re.compile(r"\s*(?:and|or|but|while|as|which|who|whose|when|after)\b", re.I)
