"""Readers of the attribution after a quote's closing mark: part of step 4 of :mod:`storyledger.extract.quotes.quotes`.

``"…" ― Jane Roe`` (a dash), ``"…," she said`` / ``"…," said X`` (a cue word),
``"…," in the words of one aide``, ``"…," X grinned`` / ``"…," scoffed X`` (a
verb that is no cue word). A cue after the quote that opens another clause
(``"…" has begun, whereas X asserts``) is not the quote's.
"""

from __future__ import annotations

import re

from .attribution import find_inverted_subject, find_subject
from .cues import CUE_RE, INTRO_PHRASE, NAME, NOT_A_VERB, OPEN_RELATIVE, Attribution, clean_cue, clean_role, is_function_word

__all__ = [
    "STOP",
    "cue_after_attribution",
    "dash_attribution",
    "verb_after_attribution",
    "words_of_attribution",
]


# A sentence stop, not the dot of an initial or a title ("Elaine C. Kamarck", "Mr. Roe").
STOP = re.compile(
    r"(?<![A-Z])(?<!Mr)(?<!Ms)(?<!Dr)(?<!St)(?<!Lt)(?<!Jr)(?<!Sr)(?<!Mrs)(?<!Sen)(?<!Rep)(?<!Gov)(?<!Gen)"
    r"(?<!Col)(?<!Sgt)(?<!Rev)[.!?](?=[\s\"”’])|[:;\"“”]"
)


# After a closing mark, a clause of its own: '"A," whereas Y asserts "B"' is not Y's "A".
_NEXT_CLAUSE = re.compile(r"(?:whereas|while|but|although|though|and|because|since|if|unless|yet|so|when|after|before|until)\b")


# After a closing mark: a verb that is no cue word, then its subject ('"…," beamed Jane Roe').
_INVERTED_VERB = re.compile(r"[ \t]*,?[ \t]*(?P<verb>[a-z]{3,}ed|read|reads|wrote|writes|said|says)(?=[ \t]+(?:the|a|an|it|he|she|they|[A-Z]))")


# A quote signed with a dash: '"…" ― Jane Roe', '"…" — Jon Park, a farmer.'
_DASH_NAME = re.compile(
    rf"[ \t]*[.,]?[ \t]*[―—–-]{{1,2}}[ \t]*(?P<name>{NAME})(?:[ \t]*,[ \t]*(?P<role>[^\n\"“”]{{1,120}}?))?[ \t]*\.?[ \t]*$"
)
_DASH_NAME_NEXT = re.compile(rf"\s*[―—–-]{{1,2}}[ \t]*(?P<name>{NAME})(?:[ \t]*,[ \t]*(?P<role>[^\n\"“”]{{1,120}}?))?[ \t]*\.?[ \t]*(?:[\n\r]|$)")


_NP_VERB_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?P<name>(?:the|a|an|his|her|their|its|my|our|this|that|these|those|some|many|several|most|all|both|"
    r"few|each|every|other|another|one|two|three|four|five)(?:[ \t]+[\w\-’']+){1,3}?)"
    r"[ \t]+(?P<verb>read|reads|said|says|wrote|[a-z]{2,}(?:ed|es|s))[ \t]*(?:[.!?,]|$)"
)


# A comma, then a word opening a new clause: '"…" has begun, whereas Y asserts'.
_CLAUSE_BREAK = re.compile(r",[ \t]*" + _NEXT_CLAUSE.pattern)
# '"…," in the words of one top aide'.
_WORDS_OF = re.compile(r"[ \t]*,?[ \t]*(?P<cue>in[ \t]+the[ \t]+words[ \t]+of)\b")


def dash_attribution(masked: str, o: int, c: int, pe: int) -> Attribution | None:
    """'"…" ― Jane Roe' (pull quotes, reader comments), also on a line of its own.

    Args:
        masked: The article's text with quoted words masked.
        o: Offset of the quote's opening mark.
        c: Offset of its closing mark.
        pe: End of its paragraph.

    Returns:
        The attribution, or None.
    """
    dm = _DASH_NAME.match(masked, c + 1, pe)
    if dm is None and not masked[c + 1 : pe].strip(" \t.,"):
        dm = _DASH_NAME_NEXT.match(masked, pe, min(len(masked), pe + 120))
    if not dm or is_function_word(dm.group("name")):
        return None
    s0, e0 = dm.start("name"), dm.end("name")
    return Attribution(s0, s0, "", s0, e0, dm.group("name"), clean_role(dm.group("role")), o + 1, c, "after")


def cue_after_attribution(text: str, masked: str, o: int, c: int, pe: int) -> Attribution | None:
    """'"…," she said' / '"…," said X' / '"…," Mr X, the minister, told reporters'.

    Not a cue in a relative clause or a new sentence, nor one after a clause break when the quote
    does not end in a comma ('"…" has begun, whereas X asserts').

    Args:
        text: The article's text, quote marks normalised.
        masked: The article's text with quoted words masked.
        o: Offset of the quote's opening mark.
        c: Offset of its closing mark.
        pe: End of its paragraph.

    Returns:
        The attribution, or None.
    """
    after = masked[c + 1 : min(pe, c + 220)]
    m = re.match(r"[ \t]*[,—–]?[ \t]*", after)
    start = c + 1 + (m.end() if m else 0)
    cue_m = None
    for cue_m in CUE_RE.finditer(masked, start, min(pe, c + 220)):
        if OPEN_RELATIVE.search(masked, max(start, cue_m.start() - 120), cue_m.start()):
            continue  # '"…," Jo Roe, who has not endorsed anyone, told': a cue inside a relative clause
        if cue_m.group("acc") or not NOT_A_VERB.search(masked, max(start, cue_m.start() - 12), cue_m.start()):
            break  # not "the states", "a report": a noun inside the speaker's description
    else:
        cue_m = None
    if not cue_m or STOP.search(masked, start, cue_m.start()) or _NEXT_CLAUSE.match(masked, start):
        return None
    if text[c - 1 : c] in ".!?" and INTRO_PHRASE.match(masked, start, cue_m.start()):
        return None  # '"… workers." Following her speech, the Democrats rejected …': a new sentence
    cue = clean_cue(cue_m.group())
    subj = find_subject(masked, start, cue_m.start()) if cue_m.start() > start else None
    if subj is None and cue_m.start() == start:
        subj = find_inverted_subject(masked, cue_m.end(), pe)
    if not subj:
        return None
    if text[c - 1 : c] != "," and _CLAUSE_BREAK.search(masked, start, subj[0]):
        return None  # '"…" has begun, whereas X asserts': the cue is another clause's
    return Attribution(cue_m.start(), cue_m.end(), cue, subj[0], subj[1], subj[2], subj[3], o + 1, c, "after")


def verb_after_attribution(text: str, masked: str, o: int, c: int, pe: int) -> Attribution | None:
    """'"…," X grinned' / '"…," the letter reads.' / '"…," scoffed Jane Roe': a verb that is no cue word.

    Args:
        text: The article's text, quote marks normalised.
        masked: The article's text with quoted words masked.
        o: Offset of the quote's opening mark.
        c: Offset of its closing mark.
        pe: End of its paragraph.

    Returns:
        The attribution, or None.
    """
    # Only after a comma, or a quote ending in one of its own ("…?" / "…!").
    comma_led = text[c - 1 : c] in (",", "?", "!") or masked[c + 1 : c + 2] == ","
    gm = re.match(rf"[ \t]*,?[ \t]*(?P<name>he|she|they|it|I|we|{NAME})[ \t]+(?P<verb>[a-z]{{2,}})\b", masked[c + 1 : min(pe, c + 120)])
    if gm is None:
        # '"…," the letter reads.': a described speaker or document, then its verb.
        gm = _NP_VERB_AFTER.match(masked[c + 1 : min(pe, c + 120)])
    if gm and comma_led:
        s0 = c + 1 + gm.start("name")
        return Attribution(c + 1 + gm.start("verb"), c + 1 + gm.end("verb"), gm.group("verb"), s0, c + 1 + gm.end("name"), gm.group("name"), None, o + 1, c, "after")
    iv = _INVERTED_VERB.match(masked, c + 1, min(pe, c + 60))
    if iv and comma_led:
        # '"…," scoffed Jane Roe' / '"…," read the statement': any verb, then its subject.
        subj = find_inverted_subject(masked, iv.end("verb"), pe)
        if subj and (subj[2][:1].isupper() or subj[2].split()[0] in ("the", "a", "an", "it", "he", "she", "they")):
            return Attribution(iv.start("verb"), iv.end("verb"), iv.group("verb"), subj[0], subj[1], subj[2], subj[3], o + 1, c, "after")
    return None


def words_of_attribution(masked: str, o: int, c: int, pe: int) -> Attribution | None:
    """'"…," in the words of one top aide': the speaker named after the phrase.

    Args:
        masked: The article's text with quoted words masked.
        o: Offset of the quote's opening mark.
        c: Offset of its closing mark.
        pe: End of its paragraph.

    Returns:
        The attribution, its cue the phrase, or None.
    """
    m = _WORDS_OF.match(masked, c + 1, pe)
    subj = find_inverted_subject(masked, m.end(), pe) if m else None
    if not subj:
        return None
    return Attribution(m.start("cue"), m.end("cue"), "in the words of", subj[0], subj[1], subj[2], subj[3], o + 1, c, "after")
