"""Figures that parties give differently: one side's toll against the other's.

A figure group that reconciliation found ``conflicting`` (independent reports,
none superseding the others, incompatible values) is a dispute between parties
when its reports are attributed to at least two parties none of whose values is
compatible with the other's (:func:`~storyledger.reconcile.figures.compatible`).

What counts as a party's figure: a value its speaker states; not a vague range
("several", "dozens": it agrees with too much), nor a number a news outlet only
reports ("…, the Courier reported": a reporting verb alone makes no party). A
party's organ joins the party: the reports of "Norland health ministry" are
Norland's when "Norland" also gives the figure (the shorter name whose words
begin the longer one's); so does a person's short name and their fuller mention
("Roe" and "Capt. Jo Roe of the harbour police" are one voice, never two sides); and the
authorities of one jurisdiction are one side (:mod:`.sides`: "police" and "the county sheriff's
office" report one investigation, whose counts differ as it goes on).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..extract import SpeakerResolver
from ..records import Figure, FigureGroup, has_spread
from .figures import compatible
from .sides import mentioned_in, one_authority

__all__ = [
    "opposed_parties",
]

_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.I)
_party_key = SpeakerResolver.party_key


def _party_figure(f: Figure, text: str) -> bool:
    """Whether a figure is its speaker's own statement (see the module's doc)."""
    if has_spread(f) and f.low is not None and f.high is not None and f.high > 2 * max(f.low, 1):
        return False
    who = re.escape(f.attributed_to or "")
    around = text[max(0, f.start - 300) : f.end + 300]
    return not re.search(who + r"\s+(?:has\s+|had\s+)?reported|reported\s+by\s+(?:the\s+)?" + who, around)


def _by_party(group: FigureGroup, texts: Mapping[str, str], party_of: Callable[[str, str], str | None]) -> dict[str, list[Figure]]:
    """The group's party figures by party, an organ's under its party."""
    named: dict[str, list[Figure]] = {}
    for f in group.reports:
        if f.attributed_to and f.article_id in texts and _party_figure(f, texts[f.article_id]):
            party = _ARTICLE.sub("", party_of(f.article_id, f.attributed_to) or f.attributed_to)
            named.setdefault(party, []).append(f)
    out: dict[str, list[Figure]] = {}
    for party in sorted(named, key=lambda p: len(p.split())):
        words = party.split()
        broader = next(
            (
                p for p in out
                if _party_key(" ".join(words[: len(p.split())])) == _party_key(p) or mentioned_in(p, party)
                or one_authority(p, party)
            ),
            None,
        )
        out.setdefault(broader or party, []).extend(named[party])
    return out



def opposed_parties(
    group: FigureGroup, texts: Mapping[str, str], party_of: Callable[[str, str], str | None]
) -> dict[str, list[Figure]]:
    """The parties of a conflicting figure group that contradict another party, with their figures.

    Args:
        group: a reconciled figure group (any other status than ``conflicting`` gives none).
        texts: article texts by id.
        party_of: the party a speaker speaks for in an article, ``(article_id, speaker) -> party``.

    Returns:
        Party name → its figures, for each party with no value compatible with another's; empty
        unless two parties are opposed.

    Example:
        >>> from storyledger.records import Figure, FigureGroup
        >>> t = {"a": "120 died, Norland said.", "b": "12 died, Ostravia said."}
        >>> g = FigureGroup(id="g", label="deaths", unit=None, status="conflicting", order="unknown",
        ...     independent_sources=2, current=None, reports=(
        ...     Figure(article_id="a", start=0, end=3, value=120, attributed_to="Norland"),
        ...     Figure(article_id="b", start=0, end=2, value=12, attributed_to="Ostravia")))
        >>> sorted(opposed_parties(g, t, lambda a, s: None))
        ['Norland', 'Ostravia']
    """
    if group.status != "conflicting":
        return {}
    parties = _by_party(group, texts, party_of)
    opposed = {
        k: v for k, v in parties.items()
        if any(not any(compatible(x, y) for x in v for y in parties[o]) for o in parties if o != k)
    }
    return opposed if len(opposed) >= 2 else {}
