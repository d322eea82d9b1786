"""What can stand as a side of a dispute: a claim, made by an agent, that is not the other side's own words.

Three kinds of words look like a side and are none:

- **A headline line inside a body** ("Newer Studies Debunk Smith's Theory"): a
  line in title case with no closing stop is a heading over what follows, not a
  claim anyone is reported to make; its capitalised first words are no speaker.
- **A line that announces a statement** ("We reached out to the firm and they
  sent us this statement:"): it ends on a colon and hands over to the words
  that follow; it states nothing itself, and its subject is the reporter.
- **A noun of claims, texts or images as party** ("rumours that …", "claims that …",
  "the report"): the head of the phrase is a noun that takes a claim's content
  (the nouns of :data:`~storyledger.reconcile.debunks.CLAIM_NOUN` and of
  speech acts), so it names what is said, not who says it.

And two sides that cite exactly the same passages, one's claim held whole in
the other's words, are one sentence read twice (a denial and the claim it
names): the claim side must cite where its own words stand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Span
from .debunks import CLAIM_NOUN

__all__ = [
    "agent_of",
    "announces_statement",
    "echoes",
    "headline_line",
    "names_no_agent",
    "sound_sides",
]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
# Words a title-case heading leaves in lower case.
_MINOR = frozenset("a an and as at but by for from in into of on or over the to via vs with".split())
# Nouns whose phrase names what is said or written (heads of "the report", "rumours that …"), not an agent.
_TEXT_NOUN = re.compile(
    r"(?:" + CLAIM_NOUN + r"|statements?|remarks?|comments?|findings?|conclusions?|articles?|posts?|tweets?|"
    r"headlines?|stud(?:y|ies)|papers?|research|denials?|narratives?|versions?|accounts?|"
    r"pictures?|photo(?:graph)?s?|images?|videos?|footage)",
    re.I,
)
_HEAD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Where a noun phrase's post-modifier begins ("a website dedicated to …", "reports of …"): its head stands before.
_POST = re.compile(r"(?:of|to|in|on|at|by|for|from|with|about|that|who|which|whose|[a-z]+ed|[a-z]+ing)", re.I)


def headline_line(text: str) -> bool:
    """Whether ``text`` is a title-case heading: three words or more, no closing stop, every major word capitalised.

    Example:
        >>> headline_line("Newer Studies Debunk Smith's Theory")
        True
        >>> headline_line("Newer studies debunk Smith's theory.")
        False
    """
    line = text.strip()
    if not line or line[-1] in ".!?:;\"”'’)" or "\n" in line:
        return False
    words = [w for w in _TOKEN.findall(line) if not w[0].isdigit()]
    major = [w for w in words if w.lower() not in _MINOR]
    return len(words) >= 3 and len(major) >= 3 and all(w[0].isupper() for w in major)


def announces_statement(text: str) -> bool:
    """Whether ``text`` hands over to words that follow it ("… sent us this statement:"), stating nothing itself.

    Example:
        >>> announces_statement("We asked the firm and they sent us this statement:")
        True
        >>> announces_statement('The firm said: "We deny it."')
        False
    """
    return text.rstrip().endswith(":")


def names_no_agent(phrase: str | None) -> bool:
    """Whether a phrase's head noun names a claim or a text ("rumors", "Newer Studies", "the report"), not an agent.

    Example:
        >>> names_no_agent("rumors"), names_no_agent("the ministry")
        (True, False)
        >>> names_no_agent("reports of his death"), names_no_agent("a website dedicated to conspiracy theories")
        (True, False)
    """
    if not phrase:
        return False
    words = _HEAD.findall(phrase)
    cut = next((i for i, w in enumerate(words) if i and _POST.fullmatch(w)), len(words))
    return bool(words) and bool(_TEXT_NOUN.fullmatch(words[cut - 1]))


_LEAD = re.compile(r"^(?:as|though|although|while|whereas|when|after|before|because|since|if|unless)\s+(?=\S)")
_BY = re.compile(r"\s+(?:in|by|from|of|on)\s+(?:the\s+)?(?P<agent>[A-Z0-9@#][^,;:]*)$")


def agent_of(phrase: str | None) -> str | None:
    """The agent a speaker phrase names: itself, the source of a text noun ("a report in the Herald" → "Herald"), or None.

    Example:
        >>> agent_of("report in the Herald"), agent_of("rumors"), agent_of("the ministry"), agent_of("as police")
        ('Herald', None, 'the ministry', 'police')
    """
    # A subordinator read into the phrase ("as police", "though officers") is no part of the name.
    phrase = _LEAD.sub("", phrase) if phrase else phrase
    if not names_no_agent(phrase):
        return phrase
    by = _BY.search(phrase or "")
    return by.group("agent").strip() if by and not names_no_agent(by.group("agent")) else None


def echoes(first: tuple[str, Sequence[Span]], second: tuple[str, Sequence[Span]]) -> bool:
    """Whether two sides (claim, spans) cite exactly the same passages and one's claim lies whole in the other's.

    Example:
        >>> s = [Span(article_id="a", start=0, end=40)]
        >>> echoes(("rumours that it will cut jobs", s), ("The firm denied rumours that it will cut jobs.", s))
        True
    """
    (claim_a, spans_a), (claim_b, spans_b) = first, second
    if set(spans_a) != set(spans_b):
        return False
    a, b = " ".join(claim_a.lower().split()), " ".join(claim_b.lower().split())
    return bool(a and b) and (a in b or b in a)


def sound_sides(sides: Sequence[tuple[str | None, str, Sequence[Span]]]) -> bool:
    """Whether a dispute's sides, each (speaker, claim, spans), are all claims and none echoes another.

    A line announcing a statement is no claim; a heading stands only as its report's own telling of the
    story (no speaker read from its capitalised words, a clause of five words or more), never as someone's words.

    Example:
        >>> s = [Span(article_id="a", start=0, end=9)]
        >>> sound_sides([("Roe", "Roe Says Smith Lied About Fund", s), ("Smith", "Smith denied it.", s)])
        False
    """
    if any(announces_statement(claim) for _, claim, _ in sides):
        return False
    if any(headline_line(claim) and (who or len(claim.split()) < 5) for who, claim, _ in sides):
        return False
    return not any(echoes(x[1:], y[1:]) for i, x in enumerate(sides) for y in sides[i + 1 :])
