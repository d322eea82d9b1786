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
* a speaker that is itself a description: ``a Norlandian spokesman`` → Norlandian,
  ``a spokesman for the ministry`` → ministry.

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
) + r")"
_PARTY_WORDS = r"(?:[A-Z][\w'’.-]*|campaign|government|ministry|army|police|party|company|family|office|department)"
_PARTY = r"(?:the\s+)?(" + _PARTY_WORDS + r"(?:\s+(?:of\s+)?" + _PARTY_WORDS + r"){0,4})"
_DESCRIPTION_FOR = re.compile(r"^(?:the\s+|an?\s+)?(?:[a-z-]+\s+){0,2}" + _ROLE + r"\s+(?:for|of|at|to)\s+" + _PARTY + r"\b", re.I)
_DESCRIPTION_BEFORE = re.compile(r"^(?:the\s+|an?\s+)?(" + _PARTY_WORDS + r"(?:\s+" + _PARTY_WORDS + r"){0,3}?)\s+" + _ROLE + r"$")
_ENDINGS = ("ians", "eans", "ans", "ian", "ean", "ese", "ish", "ia", "an", "is", "i", "a", "y", "s")


def _after_name(name: str) -> re.Pattern[str]:
    n = re.escape(name)
    return re.compile(
        n + r",\s+(?:(?:the|an?|his|her|their)\s+)?(?:[a-z-]+\s+){0,2}" + _ROLE + r"\s+(?:for|of|at|to)\s+" + _PARTY
        + r"|" + n + r",\s+" + _PARTY + r"['’]s?\s+(?:[a-z-]+\s+){0,2}" + _ROLE + r"\b"
    )


def _before_name(name: str) -> re.Pattern[str]:
    return re.compile(
        r"(?:^|[^\w])(?:the\s+|an?\s+|The\s+|An?\s+)?(" + _PARTY_WORDS + r"(?:\s+" + _PARTY_WORDS + r"){0,3}?)(?:['’]s)?\s+"
        + _ROLE + r",?\s+" + re.escape(name) + r"\b"
    )


def _described(speaker: str) -> str | None:
    """The party in a speaker that is a description ("a Norlandian spokesman", "a spokesman for the ministry")."""
    m = _DESCRIPTION_FOR.match(speaker) or _DESCRIPTION_BEFORE.match(speaker)
    return m.group(1) if m else None


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
    """
    found = _described(speaker)
    if found:
        return found
    names = [speaker] + ([speaker.split()[-1]] if " " in speaker else [])
    for name in names:
        for rx in (_after_name(name), _before_name(name)):
            m = rx.search(text)
            if m:
                party = next(g for g in m.groups() if g)
                if party.split()[0].lower() not in AGENT_ROLES:
                    return party
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
