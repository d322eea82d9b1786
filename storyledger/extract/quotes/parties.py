"""The party a speaker speaks for: a spokesperson for a ministry, a lawyer for a client, a government's minister.

A speaker who holds an *agent role* (spokesperson, minister, lawyer, attorney,
manager, ambassador, envoy, official, aide, adviser, representative, counsel,
secretary) speaks for the party the role is held for. The party is read off
the article's own words, in four frames:

* ``Jo Roe, a spokeswoman for the ministry`` / ``Jo Roe, the lawyer of Smith``:
  the name, then the role *for / of / at / to* the party;
* ``Jo Roe, the ministry's spokeswoman``: the party's possessive before the role;
* ``campaign manager Jo Roe`` / ``Kremlin spokesman Jo Roe``: the party's words
  before the role, before the name;
* ``Jo Roe, the campaign manager``: the party's words between the article and the role;
* a speaker that is itself a description: ``a Norlandian spokesman`` → Norlandian,
  ``a spokesman for the ministry`` → ministry.

A generic party ("the campaign", "the ministry") is given as the text last named
it in full before the speaker's mention ("the Varga campaign").

:func:`party_key` compares parties across the forms a country or people takes
("Norlandian", "Norland", "Norlandians" share one key).
"""

from __future__ import annotations

import re

__all__ = [
    "AGENT_ROLES",
    "party_in_text",
    "party_key",
]

AGENT_ROLES = frozenset(
    """spokesman spokeswoman spokesperson minister lawyer lawyers attorney attorneys manager ambassador envoy
    official officials aide adviser advisor representative counsel secretary""".split()
)
_ROLE = r"(?:(?:press|deputy|chief|senior|foreign|defen[cs]e|interior|general|top|prime)\s+)*(?:" + "|".join(
    sorted(AGENT_ROLES)
) + r")(?:-(?:at-large|designate|general|elect))?"
_PARTY_WORDS = r"(?:[A-Z][\w'’.-]*|campaign|government|ministry|army|police|party|company|family|office|department)"
_PARTY = r"(?:the\s+)?(" + _PARTY_WORDS + r"(?:\s+(?:of\s+)?" + _PARTY_WORDS + r"){0,4})"
_DESCRIPTION_FOR = re.compile(r"^(?:the\s+|an?\s+)?(?:[a-z-]+\s+){0,2}" + _ROLE + r"\s+(?:for|of|at|to)\s+" + _PARTY + r"\b", re.I)
_DESCRIPTION_BEFORE = re.compile(r"^(?:the\s+|an?\s+)?(" + _PARTY_WORDS + r"(?:\s+" + _PARTY_WORDS + r"){0,3}?)\s+" + _ROLE + r"$")
_GENERIC = frozenset("campaign government ministry army police party company family office department".split())
_ENDINGS = ("ians", "eans", "ans", "ian", "ean", "ese", "ish", "ia", "an", "is", "i", "a", "y", "s")


# Compiled once: what may follow a speaker's name ("…, a spokeswoman for the ministry") and precede it
# ("the ministry's spokeswoman …"); the name itself is found by plain search.
_AFTER_NAME = re.compile(
    r",\s+(?:(?:the|an?|his|her|their)\s+)?(?:[a-z-]+\s+){0,2}" + _ROLE + r"\s+(?:for|of|at|to)\s+" + _PARTY
    + r"|,\s+" + _PARTY + r"['’]s?\s+(?:[a-z-]+\s+){0,2}" + _ROLE + r"\b"
    + r"|,\s+(?:the|an?)\s+(" + _PARTY_WORDS + r"(?:\s+" + _PARTY_WORDS + r"){0,3}?)\s+" + _ROLE + r"\b"
)
_BEFORE_NAME = re.compile(
    r"(?:^|[^\w])(?:the\s+|an?\s+|The\s+|An?\s+)?(" + _PARTY_WORDS + r"(?:\s+" + _PARTY_WORDS + r"){0,3}?)(?:['’]s)?\s+"
    + _ROLE + r",?\s+$"
)


def _mentions(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` stands in ``text`` as whole words."""
    out, i = [], text.find(name)
    while i >= 0 and name:
        end = i + len(name)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            out.append((i, end))
        i = text.find(name, i + 1)
    return out


def _party_near(text: str, name: str) -> tuple[str, int] | None:
    """The party the text attaches to ``name`` (after it, else before it), with where the frame ends."""
    spans = _mentions(text, name)
    for _, end in spans:
        m = _AFTER_NAME.match(text, end)
        if m:
            return next(g for g in m.groups() if g), m.end()
    for start, end in spans:
        lo = text.find(" ", max(0, start - 150)) if start > 150 else 0
        m = _BEFORE_NAME.search(text[lo:start])
        if m:
            return m.group(1), end
    return None


def _specific(text: str, party: str, before: int) -> str:
    """A generic party ("the campaign") as the text names it in full ("the Varga campaign"), the mention nearest before."""
    if party.lower() not in _GENERIC:
        return party
    named = [
        m.group(1) for m in re.finditer(r"\b((?:[A-Z][\w'’.-]*\s+){1,3}?)" + re.escape(party.lower()) + r"\b", text)
        if m.start() < before and m.group(1).split()[0] not in ("The", "A", "An")
    ]
    return f"{named[-1]}{party.lower()}" if named else party


def _described(speaker: str) -> str | None:
    """The party in a speaker that is a description ("a Norlandian spokesman", "a spokesman for the ministry")."""
    m = _DESCRIPTION_FOR.match(speaker) or _DESCRIPTION_BEFORE.match(speaker)
    return re.sub(r"['’]s?$", "", m.group(1)) if m else None  # "Norland's prime minister" → Norland


def party_in_text(text: str, speaker: str) -> str | None:
    """The party ``speaker`` speaks for, as the text states it, or None.

    Args:
        text: the article's text.
        speaker: the speaker as resolved (a name or a description).

    Example:
        >>> party_in_text("Jo Roe, a spokeswoman for the Health Ministry, said so.", "Jo Roe")
        'Health Ministry'
        >>> party_in_text("", "a Norlandian spokesman")
        'Norlandian'
        >>> party_in_text("", "Norland's prime minister")
        'Norland'
    """
    found = _described(speaker)
    if found:
        return found
    names = [speaker] + ([speaker.split()[-1]] if " " in speaker else [])
    for name in names:
        found = _party_near(text, name)
        if found:
            party = re.sub(r"['’]s?$", "", found[0])
            if party.split()[0].lower() not in AGENT_ROLES:
                return _specific(text, party, found[1])
    return None


def party_key(party: str) -> str:
    """A key shared by a party's forms: lower-cased, "the" dropped, demonym and plural endings stripped.

    Example:
        >>> party_key("Norlandian") == party_key("Norland") == party_key("the Norlandians")
        True
        >>> party_key("Iran") == party_key("Iraq")
        False
    """
    words = re.sub(r"^(?:the|an?)\s+", "", party.strip().lower()).split()
    if not words:
        return ""
    last = words[-1]
    for _ in range(2):
        end = next((e for e in _ENDINGS if last.endswith(e) and len(last) - len(e) >= 4), None)
        if end is None:
            break
        last = last[: -len(end)]
    return " ".join(words[:-1] + [last])
