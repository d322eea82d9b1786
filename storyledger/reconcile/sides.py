"""Which voices of a story are one side: one person's names, and the authorities reporting one investigation.

A short name and a fuller mention it stands in whole are one voice ("Trump" and
"Donald J. Trump"; "Roe" and "Capt. Jo Roe of the harbour police"; "Norland" and
"Norland health ministry", a party and its organ): never two sides.

Police, a sheriff's office, "authorities", "investigators" and "officials"
quoted on one incident report one investigation: where their counts or
accounts differ, that is the investigation's own revision (an early count and a
later one), not two parties opposed. So a dispute never sets one authority
against another of the same jurisdiction.

An *authority* is a party whose name holds a public-authority noun (police,
sheriff, officers, deputies, authorities, officials, investigators, detectives,
troopers, prosecutors, coroner, medical examiner, ...); its *jurisdiction* is
the rest of its name's words ("Lowmere" in "Lowmere Sheriff's
Office", nothing in "authorities"), less the words any jurisdiction may carry
("county", "city", "department", "office"). Two authorities are one side when
one's jurisdiction is empty or holds every word of the other's: "police" and
"the Lowmere Sheriff's Office" are one side; "Norlandian officials" and
"Ostravian officials" are two, and a government or a named organisation
with no authority noun ("Norland", "the White House") is a party of its own.
"""

from __future__ import annotations

import re

from ..extract import SpeakerResolver

__all__ = [
    "authority_jurisdiction",
    "mentioned_in",
    "one_authority",
    "one_side",
    "within_party",
]

# The nouns that name a public authority acting on an incident (singular and plural forms).
_AUTHORITY = frozenset(
    """police policeman policemen officer officers deputy deputies sheriff sheriffs authorities authority
    official officials investigator investigators detective detectives trooper troopers prosecutor prosecutors
    coroner coroners examiner agent agents marshal marshals dispatcher dispatchers""".split()
)
# Words any jurisdiction's authority may carry, naming no jurisdiction of their own.
_GENERIC = frozenset(
    """the a an of in for at and to county city state town village parish township department departments office
    offices bureau division unit police's sheriff's medical law enforcement local federal chief spokesman
    spokeswoman spokesperson public information officials' said says say sources source""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


def _words(name: str) -> list[str]:
    return [w.lower().replace("’", "'").rstrip(".") for w in _WORD.findall(name)]


def authority_jurisdiction(party: str | None) -> frozenset[str] | None:
    """The jurisdiction words of an authority's name, or None where ``party`` names no authority.

    Example:
        >>> sorted(authority_jurisdiction("the Lowmere Sheriff's Office"))
        ['lowmere']
        >>> authority_jurisdiction("authorities")
        frozenset()
        >>> authority_jurisdiction("Norland") is None
        True
    """
    words = _words(party or "")
    heads = [w for w in words if w.removesuffix("'s") in _AUTHORITY]
    if not heads:
        return None
    return frozenset(w for w in words if w not in heads and w not in _GENERIC and not w.removesuffix("'s") in _AUTHORITY)


def one_authority(a: str | None, b: str | None) -> bool:
    """Whether two parties are authorities of one jurisdiction, and so one side (see the module's doc).

    Example:
        >>> one_authority("police", "the Lowmere Sheriff's Office")
        True
        >>> one_authority("Norlandian officials", "Ostravian officials")
        False
    """
    ja, jb = authority_jurisdiction(a), authority_jurisdiction(b)
    if ja is None or jb is None:
        return False
    return ja <= jb or jb <= ja


def mentioned_in(name: str | None, fuller: str | None) -> bool:
    """Whether a short name (one or two words, capitalised) stands whole in a fuller mention, so one voice.

    Example:
        >>> mentioned_in("Roe", "Capt. Jo Roe of the harbour police")
        True
        >>> mentioned_in("Ostravia", "Norlandian officials")
        False
    """
    if not name or not fuller or name == fuller:
        return bool(name) and name == fuller
    return len(name.split()) <= 2 and name[:1].isupper() and bool(
        re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", fuller)
    )


def one_side(first: str | None, party: str) -> bool:
    """Whether ``party`` joins the side of ``first``: one person's names, or one jurisdiction's authorities.

    Example:
        >>> one_side("Trump", "Donald J. Trump"), one_side("police", "the county sheriff's office")
        (True, True)
    """
    return mentioned_in(first, party) or one_authority(first, party)


def within_party(name: str, key: str) -> bool:
    """Whether ``name`` is the party of ``key`` (a party key) or one of its organs: its first words are that party.

    Example:
        >>> within_party("Varga campaign", SpeakerResolver.party_key("Varga"))
        True
    """
    if key.startswith("#"):
        return False
    words = re.sub(r"^(?:the|an?)\s+", "", name.strip(), flags=re.I).split()
    n = len(key.split())
    return len(words) >= n and SpeakerResolver.party_key(" ".join(words[:n])) == key
