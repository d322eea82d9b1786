"""Counts that add the one who killed to the ones killed: "killed his brother and two nephews, then himself".

A report of a murder-suicide counts its dead in two parts: the victims, the objects of
a killing verb, and the killer, who killed himself or herself. A registry of deaths
counts both, and so does the report's toll. This module reads the two parts in one
frame and sums them:

- **Reflexive conjunct**: the list of a killing verb's objects ends in a reflexive
  pronoun ("kills a neighbour, her daughter, himself", "killed his son and then himself",
  "kills wife, self"): the conjuncts plus one.
- **Suicide clause**: the objects are followed, in their sentence, by a clause of the
  same subject that kills himself or herself ("fatally shot his brother and two nephews before
  killing himself", "shot two people to death, then turned the gun on herself", "...
  before taking his own life", "... and then committed suicide"), or follow one after
  ``after`` ("kills himself after killing his wife"): the objects plus one.
- **Killed by others**: the same, where the killer is killed by someone else after the killing
  ("killing two guards ... before he was fatally shot by officers", "killed four soldiers before he
  himself was shot dead", "... before police shot and killed him", "he's shot dead", or the killer named by a
  role noun in a clause of its own: "... and the suspect, a man of 30, was shot and killed"): the objects plus one.
- **Passive victims**: the victims counted as the subject of a passive killing, then the killer killed
  ("four people were fatally shot ... before he was shot and killed by police"): the number plus one.
- **The killer alone** (:func:`self_deaths`): a suicide clause with no killing before it to sum with
  ("shot his wife, then turned the gun on himself") is one dead, the killer.

A killing verb is one that says the death ("killed", "murdered", "fatally shot", "shot
and killed", "shot ... to death"); "shot" alone says no death of the victims and is
no frame. The victims are counted as :func:`~storyledger.extract.figures.coordination.conjunct_count`
counts a conjunct (a number before a person noun, a determiner or possessive before
one, a name); a headline may drop the determiners ("Man kills neighbour, her daughter, himself"), and
a conjunct after the first may share the determiner before it ("killed a woman and girl, then himself").
Words said of other people between the objects and the suicide ("killed two and wounded
five before shooting himself") are passed over within the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .coordination import conjunct_count
from .implied import headline_end

__all__ = [
    "reflexive_counts",
    "self_deaths",
]

_SELF = r"(?:him|her)self"
# A verb that says the death of its objects; "shot"/"stabbed" count only with "to death" after the objects.
_KILL_VERB = re.compile(
    r"\b(?:(?:shot|shooting|shoots|stabbed|stabbing)\s+and\s+(?:killed|killing|kills)|fatally\s+(?:shot|shooting|shoots"
    r"|stabbed|stabbing|stabs)|killed|kills|killing|kill|murdered|murdering|murders|murder|slew|slaying|slays"
    r"|(?:shot|shooting|shoots|stabbed|stabbing|stabs|beat|beating|beats)\s+to\s+death"
    r"|(?P<to_death>shot|shooting|shoots|stabbed|stabbing|stabs|beat|beating|beats))\s+(?=\S)")
_TO_DEATH = re.compile(r"\s+to\s+death\b")
# The reflexive last conjunct: ", himself", "and then himself", "then herself", ", self".
_SELF_CONJUNCT = re.compile(r"(?:\s*,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:" + _SELF + r"|(?<=,\s)self|(?<=then\s)self)\b")
# A clause of the same subject that kills itself.
_SUICIDE = (r"(?:(?:fatally|apparently|allegedly|reportedly|later|also)\s+)?(?:(?:turning|turned|turns|turn)\s+(?:the|a|his|her)\s+"
            r"(?:\w+\s+)?(?:gun|weapon|rifle|pistol|handgun|shotgun|firearm)\s+on\s+" + _SELF
            + r"|(?:killing|killed|kills|kill|shooting|shot|shoots|shoot)\s+(?:" + _SELF + r"|self)"
            r"|(?:taking|took|takes|take)\s+(?:his|her)\s+own\s+life|(?:committing|committed|commits|commit)\s+suicide)\b")
# The killer killed by others: "before he was fatally shot by police", "before being shot dead", "until he himself
# was killed", "before officers shot and killed him".
_KILLED_BY = r"(?:fatally\s+shot|shot\s+(?:dead|to\s+death|and\s+killed)|killed|gunned\s+down)"
_KILLER_KILLED = (r"(?:(?:he|she)(?:\s+(?:(?:him|her)self\s+)?(?:was|is)|['’]s)\s+(?:(?:later|then|also|eventually)\s+)?" + _KILLED_BY
                  + r"|being\s+(?:(?:him|her)self\s+)?" + _KILLED_BY
                  + r"|(?:police|officers|deputies|troopers|agents|an?\s+(?:officer|deputy|trooper))\s+"
                  r"(?:fatally\s+shot|shot\s+and\s+killed|shot\s+dead|killed)\s+(?:him|her|the\s+(?:gunman|shooter|suspect|attacker)))\b")
# The killer named by a role noun, killed in a clause of its own: "... and the suspect, a man of 30, was shot and killed".
_KILLER_NOUN = r"the\s+(?:gunman|shooter|suspect|attacker|assailant)"
_KILLER_NOUN_KILLED = (_KILLER_NOUN + r"(?:,[^,.;]{1,40},)?\s+(?:was|is)\s+(?:(?:later|then|also|eventually)\s+)?"
                       + _KILLED_BY + r"\b")
_THEN_SUICIDE = re.compile(r"(?:\s*,\s*|\s+)(?:and\s+)?(?:(?:then|before|later|until)\s+(?:" + _SUICIDE + "|"
                           + _KILLER_KILLED + ")|" + _KILLER_NOUN_KILLED + ")")
# Victims counted as the subject of a passive killing: "four people were killed (by a man ...)", "two guards were
# fatally shot". A number, up to three words (no "of": "two of the victims" is a part), the verb.
_PASSIVE = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                      r"(?:(?!of\b)[a-z][\w-]*\s+){0,3}?(?:were|have\s+been|had\s+been)\s+(?:(?:also|all|both)\s+)?"
                      r"(?:killed|fatally\s+shot|shot\s+(?:dead|to\s+death|and\s+killed)|slain|murdered|gunned\s+down)\b")
# Words that end the span passed over between the objects and the suicide: a sentence end, a new speaker or clause.
_GAP_STOP = re.compile(r"[.;!?\n]|\b(?:said|says|police|who|which|when|while|because)\b")
_MAX_GAP = 90
# "kills himself after killing his wife": the suicide first.
_SUICIDE_AFTER = re.compile(_SUICIDE + r"\s+(?:\w+\s+){0,3}?after\s+(?=\S)")
# The killer's own death told alone, in a past or ongoing form ("then turned the gun on himself", "took her
# own life", "committed suicide", "killing himself"): one dead. "Shot himself" alone says no death.
_SELF_DEATH = re.compile(r"\b(?:(?:turning|turned|turns)\s+(?:the|a|his|her)\s+(?:\w+\s+)?(?:gun|weapon|rifle|pistol|handgun"
                         r"|shotgun|firearm)\s+on\s+" + _SELF + r"|(?:killing|killed|kills|fatally\s+shooting"
                         r"|fatally\s+shot|fatally\s+shoots)\s+" + _SELF + r"|(?:shooting|shot|shoots)\s+" + _SELF
                         + r"\s+(?:dead|to\s+death)|(?:taking|took|takes)\s+(?:his|her)\s+own\s+life"
                         r"|(?:committing|committed|commits)\s+suicide)\b")
# Words before it that say the death did not happen: "tried to", "an attempted", "threatened".
_NOT_DONE = re.compile(r"\b(?:tr(?:y|ied|ying)|attempt\w*|threat\w*|want\w*|would|could|going|plann?\w*|not)\b[^.;!?]{0,20}$")
_SUICIDE_HINT = re.compile(r"self\b|own\s+life|suicide")
_HINT = re.compile(r"self\b|own\s+life|suicide|\b(?:before|then|until)\s+(?:being|he|she|police|officers|deputies|troopers"
                   r"|agents|an?\s+(?:officer|deputy|trooper))\b|\b" + _KILLER_NOUN + r"\b")
# A number standing alone for the people it counts: "killed two and wounded five", "killing two".
_BARE_NUMBER = re.compile(r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?![-\w])"
                          r"(?=\s*(?:,|and\b|then\b|before\b|$))")
# A number before a plural noun no word list names ("killing two bailiffs"): the objects of a killing verb are people.
_NUMBER_PLURAL = re.compile(r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                            r"(?:[a-z][\w-]*\s+){0,2}?[a-z]{3,}s\b(?![-'’])")
_WORD_VALUES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|(?:and|&)\s+)(?!(?:then\s+)?(?:him|her)?self\b)")


def _victims(text: str, cased: str, pos: int, bare: bool) -> tuple[int, int]:
    """The people the conjuncts from ``pos`` name and where the last one ends: ``(count, end)`` (0 for none)."""
    total, end = 0, pos
    while True:
        got = conjunct_count(cased, pos, bare or total > 0)  # "a woman and girl": the determiner is shared
        if got is None and not total:
            num = _BARE_NUMBER.match(text, pos) or _NUMBER_PLURAL.match(text, pos)
            n = num and (num.group("n") if num.re is _NUMBER_PLURAL else num.group(0))
            got = (int(n) if n.isdigit() else _WORD_VALUES[n], num.end()) if num else None
        if got is None:
            break
        total, end = total + got[0], got[1]
        sep = _SEP.match(text, end)
        if sep is None:
            break
        pos = sep.end()
    return total, end


def _object_then_self(text: str, cased: str, verb: re.Match, head_end: int) -> tuple[int, int] | None:
    """The victims of ``verb`` plus the killer, and where the frame ends: ``(count, end)``, or None."""
    bare = verb.start() < head_end
    count, end = _victims(text, cased, verb.end(), bare)
    if not count:
        return None
    if verb.group("to_death"):
        m = _TO_DEATH.match(text, end)
        if m is None:
            return None
        end = m.end()
    own = _SELF_CONJUNCT.match(text, end)
    if own is not None and not verb.group("to_death"):
        return count + 1, own.end()
    then = _THEN_SUICIDE.search(text, end, min(len(text), end + _MAX_GAP + 60))
    if then is None or then.start() > end + _MAX_GAP or _GAP_STOP.search(text, end, then.start()):
        return None
    return count + 1, then.end()


def _sentence_floor(text: str, pos: int) -> int:
    """The start of the sentence (or line) that holds ``pos``."""
    cut = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos))
    return cut + 1 if cut >= 0 else 0


def _forward(text: str, cased: str, floor: int, hint: int, head_end: int) -> Iterator[tuple[int, int, int]]:
    for verb in _KILL_VERB.finditer(text, floor, hint):
        got = _object_then_self(text, cased, verb, head_end)
        if got is not None and got[1] > hint:
            yield verb.end(), got[1], got[0]


def _passive(text: str, floor: int, hint: int) -> Iterator[tuple[int, int, int]]:
    """Victims counted as the subject of a passive killing, then the killer's death: ``(start, end, count)``."""
    for m in _PASSIVE.finditer(text, floor, hint):
        then = _THEN_SUICIDE.search(text, m.end(), min(len(text), m.end() + _MAX_GAP + 60))
        if then is None or then.end() <= hint or then.start() > m.end() + _MAX_GAP \
                or _GAP_STOP.search(text, m.end(), then.start()):
            continue
        n = m.group("n")
        yield m.start(), then.end(), (int(n) if n.isdigit() else _WORD_VALUES[n]) + 1


def _backward(text: str, cased: str, floor: int, hint: int, head_end: int) -> Iterator[tuple[int, int, int]]:
    for m in _SUICIDE_AFTER.finditer(text, max(floor, hint - 60), min(len(text), hint + 80)):
        verb = _KILL_VERB.match(text, m.end())
        if verb is None or verb.group("to_death"):
            continue
        count, end = _victims(text, cased, verb.end(), verb.start() < head_end)
        if count:
            yield m.start(), end, count + 1


def reflexive_counts(text: str, cased: str | None = None) -> list[tuple[int, int, int, str, str]]:
    """The dead of murder-suicides in ``text``, victims and killer: ``(start, end, count, "killed", "people")``.

    ``text`` is read lowercased for the frames; ``cased`` (the same text as written, same
    length) for names and headlines. ``start``/``end`` span the victims and the suicide.

    Example:
        >>> t = "Police said Roe killed his brother and two nephews, then himself."
        >>> [c[2:] for c in reflexive_counts(t.lower(), t)]
        [(4, 'killed', 'people')]
    """
    cased = text if cased is None or len(cased) != len(text) else cased
    head_end = headline_end(cased)
    found: set[tuple[int, int, int]] = set()
    for h in _HINT.finditer(text):
        floor = _sentence_floor(text, h.start())
        found.update(_forward(text, cased, floor, h.start(), head_end))
        if _SUICIDE_HINT.match(h.group(0)):  # a suicide (not the killer killed by others) may come first
            found.update(_backward(text, cased, floor, h.start(), head_end))
        found.update(_passive(text, floor, h.start()))
    out: list[tuple[int, int, int, str, str]] = []
    for start, end, count in sorted(found):
        if out and start < out[-1][1]:
            if count > out[-1][2]:
                out[-1] = (start, end, count, "killed", "people")
            continue
        out.append((start, end, count, "killed", "people"))
    return out


def self_deaths(text: str, sums: Sequence[tuple[int, int, int, str, str]] = ()) -> list[tuple[int, int, int, str, str]]:
    """The killer's own death told in a clause of its own, one dead each: ``(start, end, 1, "killed", "people")``.

    "... then turned the gun on himself", "took her own life", "committed suicide", "killing
    himself": one killed, whatever the victims' fate ("shot his wife, then turned the gun on
    himself" says no death of the wife). Not where the words before say it did not happen ("tried
    to take his own life", "threatened to kill herself"), nor inside one of ``sums`` (the frames of
    :func:`reflexive_counts`, which count the killer with the victims). ``text`` is read lowercased.

    Example:
        >>> [c[2:] for c in self_deaths("police said roe shot his wife, then turned the gun on himself.")]
        [(1, 'killed', 'people')]
    """
    out: list[tuple[int, int, int, str, str]] = []
    for h in _SUICIDE_HINT.finditer(text):
        m = _SELF_DEATH.search(text, max(0, h.start() - 70), h.end())
        if m is None or m.end() < h.end() or (out and m.start() < out[-1][1]) \
                or _NOT_DONE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if not any(s < m.end() and m.start() < e for s, e, *_ in sums):
            out.append((m.start(), m.end(), 1, "killed", "people"))
    return out
