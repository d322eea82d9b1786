"""The tense that places a date mention before or after the publication date.

A weekday ("on Friday") or a day without a year ("Jan. 6") means a different
day depending on whether the clause reports what happened or says what is to
come. :func:`clause_tense` reads the verb group that governs the date, not
every verb of the sentence: in "The law will stay, after a court on Thursday
granted the request" the date belongs to "granted" (past), not to "will".

The steps:

1. **Verb of saying**: a date right after "said", "announced"... dates the
   saying ("he said Friday it will leave"): past.
2. **Name of an event**: a date inside a noun phrase ("the March 3 riot",
   "Saturday's vote", "her Friday press conference") names an event by its day;
   the clause's tense says nothing of it. Only words just before the phrase
   ("ahead of", "upcoming", "scheduled") put it ahead.
3. **The clause**: the words between the nearest clause boundaries around
   the date (sentence ends, semicolons, dashes, and subordinators such as
   "after", "because", "that", "which", "but").
4. **The nearest verb group** in the clause, before or after the date,
   classified by its first auxiliary: "will", "shall", "is to", "is expected
   to", "plans to", "as soon as", "until" put the date ahead (``"future"``);
   "would", "could", "may", "might", "must", "should", an infinitive
   ("to vote") lean ahead (``"ahead"``); "had", "was", "did", "has" + a
   participle, a past form ("granted", "met") put it before (``"past"``);
   nothing found gives ``None`` (news reports the past: the caller leans back).
"""

from __future__ import annotations

import re

__all__ = ["clause_tense", "names_event"]

# A verb of saying right before a date dates the saying: '"We will leave," he said Friday.'
_SAID_BEFORE_RE = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|reported|added|stated|declared|wrote|confirmed|tweeted)"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
# Clause boundaries: a sentence end, a semicolon or dash, a subordinator or relative word.
_BOUNDARY_RE = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
    r"[.!?]\s|[;\n\u2014\u2013]|\s-\s|,\s+but\b"
    r"|\b(?:after|because|although|though|while|whereas|when|whereupon|unless|if|but|that|which|who|whom"
    r"|where|once)\b",
    re.I,
)
# Auxiliaries opening a verb group whose event lies ahead of the saying.
_FUTURE_AUX = (
    r"will|shall|won['’]t|going\s+to|(?:is|are|am|was|were)\s+to(?=\s+[a-z]+)"
    r"|(?:expected|scheduled|due|set|slated|poised|planning|preparing|plans?|intends?|aims?)"
    r"\s+(?:to(?!\s+(?:a|an|the|his|her|its|their)\b)|for)\b"  # not "due to a spike"
)
_FUTURE_AUX_RE = re.compile(rf"\b(?:{_FUTURE_AUX})(?!\w)|['’]ll\b", re.I)
# The same, and words that point ahead without a verb ("until Friday", "the upcoming vote").
_FUTURE_RE = re.compile(
    rf"\b(?:{_FUTURE_AUX}|scheduled|upcoming|forthcoming|as\s+(?:soon|early)\s+as|no\s+later\s+than|until|till"
    r"|ahead\s+of|in\s+advance\s+of)(?!\w)|['’]ll\b",
    re.I,
)
# Modal verbs and infinitives: the event is not (yet) a fact.
_AHEAD_RE = re.compile(
    r"\b(?:would|could|may|might|must|should|can|planned\s+(?:to|for)|to(?=\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b|be\b)[a-z]+\b))\b",
)
# Auxiliaries and past forms: the event has happened.
_PAST_AUX_RE = re.compile(r"\b(?:had|was|were|did|has|have|been|didn['’]t|wasn['’]t|weren['’]t)\b", re.I)
_IRREGULAR_PAST = frozenset(
    """said told went came made took gave met held won lost ran left began became brought bought fought
    caught sought thought spoke wrote broke chose drove rose fell flew grew knew threw saw sent spent built
    found heard kept led paid sold stood struck swore tore understood withdrew overrode sang sank shook
    slept stole swam taught woke wore forbade forgave froze hid bit lent meant drew dealt arose overtook
    undertook upheld withheld""".split()
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A determiner or possessive before a date that names an event ("the March 3 riot").
# Adjectives may stand between ("the deadly March 3 attack"): lower-case words with an adjective's ending.
_DETERMINER_RE = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|your|this|that|these|those)\s+"
    r"(?:[a-z]+(?:ed|ly|al|ic|ful|ous|ive|ent|ant)\s+){0,2}$",
    re.I,
)
_NAMING_AFTER_RE = re.compile(r"^(?:['’]s\b|,?\s+(?:\d{4},?\s+)?[A-Za-z])")
_DETERMINERS = frozenset("the a an his her its their our your this that these those".split())
_MODALS = frozenset("would could may might must should can".split())
# Words in -ing that are no verb forms.
_NOT_PARTICIPLES = frozenset(
    """during according including regarding concerning following morning evening nothing something
    anything everything building spring string""".split()
)
# Words scanned on each side of a date for its verb group.
_REACH = 12


def clause_tense(text: str, start: int, end: int) -> str | None:
    """Whether the date at ``text[start:end]`` is reported as past or ahead.

    Args:
        text: The article text.
        start: Where the date expression starts.
        end: Where it ends.

    Returns:
        ``"future"`` (ahead of the saying), ``"ahead"`` (a modal or an
        infinitive: more likely ahead), ``"past"`` (a past verb group governs
        it) or ``None`` (no verb group found; a name of an event).

    Example:
        >>> s = "The law will stay, after a court on Thursday granted the request."
        >>> clause_tense(s, s.index("Thursday"), s.index("Thursday") + 8)
        'past'
    """
    before, after = text[max(0, start - 160):start], text[end:end + 120]
    if _SAID_BEFORE_RE.search(before[-40:]):
        return "past"
    if names_event(text, start, end):
        return "future" if _FUTURE_RE.search(_last_words(_clause_before(before), 3)) else None
    before = _clause_before(before)
    after = _clause_after(after)
    # A date adverbial belongs to the verb before it ("stormed the hall on March 3
    # will not..."), unless it opens its clause or stands before the verb ("a court
    # on Thursday granted").
    group = _group_before(before) or _group_after(after)
    return group[1] if group else None


def names_event(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` sits inside a noun phrase naming an event.

    "Saturday's vote", "the March 3 riot", "her Friday speech": the day names the
    event, and the tense of the clause around it says nothing of when that was.

    Example:
        >>> s = "A panel will study the March 3 riot."
        >>> names_event(s, s.index("March"), s.index("March") + 7)
        True
    """
    before, after = text[max(0, start - 40):start], text[end:end + 20]
    if re.match(r"['’]s\b", after):
        return True
    return bool(_DETERMINER_RE.search(before) and _NAMING_AFTER_RE.match(after))


def _last_words(s: str, n: int) -> str:
    return " ".join(s.split()[-n:])


def _clause_before(before: str) -> str:
    cuts = list(_BOUNDARY_RE.finditer(before))
    return before[cuts[-1].end():] if cuts else before


def _clause_after(after: str) -> str:
    cut = _BOUNDARY_RE.search(after)
    return after[: cut.start()] if cut else after


def _classify(words: list[str]) -> str | None:
    """The tense of a run of words read as one verb group (its first auxiliary decides).

    A future phrase after a past auxiliary ("was expected to", "had been due to")
    was ahead of a past moment: it only leans ahead.
    """
    group = " ".join(words)
    fut = _FUTURE_AUX_RE.search(group)
    if fut:
        past = re.search(r"\b(?:had|was|were)\b", group, re.I)
        return "ahead" if past and past.start() < fut.start() else "future"
    if _AHEAD_RE.search(group):
        return "ahead"
    if _PAST_AUX_RE.search(group):
        return "past"
    return None


def _is_past_form(word: str, prev: str | None) -> bool:
    """A past verb form ("granted", "met"), not an adjective after a determiner ("the armed man")."""
    lower = word.lower()
    if word[0].isupper() and prev is not None:
        return False
    if prev is not None and prev.lower() in _DETERMINERS:
        return False
    return lower in _IRREGULAR_PAST or (len(lower) > 4 and lower.endswith("ed"))


def _group_before(clause: str) -> tuple[int, str] | None:
    """The verb group nearest before the date: ``(distance in words, tense)``."""
    words = _WORD_RE.findall(clause)
    for k in range(len(words) - 1, max(-1, len(words) - 1 - _REACH), -1):
        tense = _head_tense(words[k], words[k - 1] if k else None, " ".join(words[k:k + 4]))
        if tense == "future":
            return len(words) - 1 - k, tense
        if tense is not None:
            # an auxiliary further left may govern the form ("will be released", "had been due to")
            wider = _classify(words[max(0, k - 3):k + 1])
            return len(words) - 1 - k, wider or _known(tense)
    return None


def _group_after(clause: str) -> tuple[int, str] | None:
    """The verb group nearest after the date: ``(distance in words, tense)``."""
    words = _WORD_RE.findall(clause)
    for k, word in enumerate(words[:_REACH]):
        if word.lower() == "to":
            continue  # "decision Monday to remove": an infinitive after the date is its purpose
        tense = _head_tense(word, words[k - 1] if k else None, " ".join(words[k:k + 4]))
        if tense is not None:
            return k, (_classify(words[k:k + 4]) or _known(tense)) if tense != "past" else tense
    return None


def _known(tense: str) -> str | None:
    return None if tense == "none" else tense


def _head_tense(word: str, prev: str | None, phrase: str) -> str | None:
    """The tense a word marks, reading the few words it opens (``phrase``).

    ``"none"`` for a gerund or present participle ("since taking office in
    January"): a verb that governs the date but says nothing of when.
    """
    lower = word.lower()
    if lower.endswith(("'ll", "’ll")) or _FUTURE_RE.match(phrase):
        return "future"
    if lower in _MODALS or (lower == "to" and _AHEAD_RE.match(phrase)):
        return "ahead"
    if _PAST_AUX_RE.fullmatch(lower) or _is_past_form(word, prev):
        return "past"
    if len(lower) > 5 and lower.endswith("ing") and lower not in _NOT_PARTICIPLES and word[0].islower():
        return "none"
    return None
