"""Who a figure is attributed to: step 9 of :mod:`storyledger.extract.figures.figures`.

"according to X", "X said/says/told/reported/estimated", "X, <role>, said"
and "said X" within one sentence; X is the name or noun phrase as written,
and pronouns give ``None`` (the quote stage resolves those).
"""

from __future__ import annotations

import re

from .lexicon import PRONOUNS, STOP
from ...text import MONTHS, WEEKDAYS

__all__ = [
    "figure_attribution",
]


_ATTR_ACCORDING_RE = re.compile(
    r"\baccording\s+to\s+(?P<who>(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|the|de|al|on|in|&)\s+|\s+|,\s+(?=[A-Z]))?){1,8}|(?:the\s+|a\s+|an\s+)?(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)",
)
_CUES = r"(?:said|says|say|told|tells|reported|reports|announced|announces|stated|states|claimed|claims|estimated|estimates|confirmed|confirms|added|noted|wrote|writes|tweeted|posted|declared|insisted|warned|explained|counted|recorded|put\s+the\s+(?:toll|number|figure))"
_ROLE_NOUNS = frozenset(
    """official officials police authorities ministry government army military agency spokesman spokeswoman
    spokesperson source sources witnesses activists monitor monitors observatory medics doctors residents
    officer officers media television tv radio group organisation organization council commission office
    department service services committee agency researchers experts analysts""".split()
)
_CUE_RE = re.compile(rf"\b{_CUES}\b")
_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "al", "&", "du", "la", "le", "von", "van"})
_CALENDAR_WORDS = frozenset((*WEEKDAYS, *MONTHS, "today", "yesterday"))
_TOKEN_RE = re.compile(r"[^\s,;:()\"“”]+|[,;:()\"“”]")


def _name_before(words: list[str]) -> str | None:
    """The speaker ending ``words`` (tokens before a cue): a name run or a role phrase."""
    out: list[str] = []
    for w in reversed(words):
        if len(out) >= 9:
            break
        if w.lower() in _CALENDAR_WORDS:
            break
        if w[0].isupper() or (w[0].isdigit() and out):
            out.append(w)
        elif out and w in _CONNECTORS:
            out.append(w)
        elif not out and w.lower().strip(".") in _ROLE_NOUNS:
            out.append(w)
        elif out and out[-1].lower() in _ROLE_NOUNS | {"refugee"} and w.isalpha() and w not in STOP:
            out.append(w)  # "the health ministry", "UN refugee agency"
        elif out and out[0].lower() in _ROLE_NOUNS and w.isalpha() and w not in STOP and len(out) < 4:
            out.append(w)
        else:
            break
    while out and out[-1] in _CONNECTORS and out[-1] != "the":
        out.pop()
    # A leading capitalised function word only opens the sentence ("The", "But").
    while out and out[-1].lower() in STOP and out[-1].lower() != "the":
        out.pop()
    if out and out[-1].lower() == "the" and len(out) == 1:
        return None
    name = " ".join(reversed(out)).strip(" .")
    if not name or any(w.lower() in PRONOUNS for w in name.split()):
        return None
    return name


def _name_after(words: list[str]) -> str | None:
    out: list[str] = []
    for w in words:
        if len(out) >= 9:
            break
        if w.lower() in _CALENDAR_WORDS:
            break
        if w[0].isupper() or (out and w in _CONNECTORS) or (not out and w.lower() in ("the", "a", "an")):
            out.append(w)
        elif w.lower().strip(".") in _ROLE_NOUNS and len(out) < 5:
            out.append(w)
            break
        elif out and w.isalpha() and w.islower() and len(out) < 4 and out[0].lower() in ("the", "a", "an"):
            out.append(w)
        else:
            break
    while out and (out[-1] in _CONNECTORS or out[-1].lower() in ("a", "an")):
        out.pop()
    name = " ".join(out).strip(" .")
    if not name or name.lower() in PRONOUNS or len(out) == 0:
        return None
    if not any(w[0].isupper() or w.lower().strip(".") in _ROLE_NOUNS for w in out):
        return None
    return name


def figure_attribution(sent: str) -> str | None:
    m = _ATTR_ACCORDING_RE.search(sent)
    if m:
        who = m.group("who").strip(" ,.")
        if who and who.split()[0].lower() not in PRONOUNS:
            return who
    for m in _CUE_RE.finditer(sent):
        before = _TOKEN_RE.findall(sent[max(0, m.start() - 200):m.start()])
        if before and before[-1] == ",":
            # "Jane Roe, a spokeswoman for ..., said": skip the apposition.
            try:
                j = len(before) - 2 - before[-2::-1].index(",")
            except ValueError:
                j = -1
            if 0 < j and len(before) - j < 25:
                name = _name_before(before[:j])
                if name:
                    return name
            before = before[:-1]
        name = _name_before(before)
        if name:
            return name
        name = _name_after(_TOKEN_RE.findall(sent[m.end():m.end() + 120]))
        if name:
            return name
    return None
