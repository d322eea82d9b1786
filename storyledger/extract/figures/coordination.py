"""Counts of people listed one by one: "a man and a woman were shot", "Smith and Jones, both 21, were killed".

Reports often count the harmed by listing them: conjuncts joined by commas and ``and``
(or ``&``), each a count of its own, the whole the subject or the object of one harm
frame. This module reads such lists and sums them:

- **Conjuncts** (:func:`conjunct_count`): a number before a person noun ("two men", "3
  teens": its number), a determiner or possessive before a person noun or an age used as
  a noun ("a woman", "her 2-year-old child", "the 17-year-old": one), or a name of one to
  four capitalised words, with its age in apposition ("Cody Doe, 21": one); an unborn child none
  (the count of the people killed counts the born: "five adults and an unborn child" is five); the last
  conjunct may share the determiner of the one before ("a woman and child": two). A person noun
  is one of :data:`~storyledger.extract.figures.implied.PERSON_NOUNS` (singular or plural),
  a word for people ("others", "victims"), a role noun, or an agent noun by its form (a
  word ending in ``-er``, ``-or``, ``-ist`` or ``-ian``: "a hunter", "the pharmacist").
- **Subjects**: the list stands right before the harm frame of
  :mod:`~storyledger.extract.figures.implied` ("were killed", "were both found dead",
  "died"), an apposition of age ("both 21", "ages 20 and 23", "20 and 23") or ``both``/``all`` between.
  The list is read backwards from the verb, within its sentence; a headline may drop the
  auxiliary ("Mother, child found dead").
- **Objects**: the list follows a harm verb ("shot dead a pharmacy owner and a customer",
  "killing his wife and two young children", "wounding a man and a woman", "shot his wife and
  stepdaughter": shot) or sits between ``left`` and the harm ("left a man and a woman wounded");
  its last conjunct may share the determiner of the one before ("killing a father and son"). A
  conjunct that is the subject of a verb of its own ("killed a man and a woman was hurt") ends the list.
- **Inside a list**: a relative clause between commas after a conjunct ("Jane Doe, 18, who was
  celebrating her birthday, and John Roe, 16, were killed") and a nickname in quotes inside a name
  ('Leroy "LJ" Doe, 3,') leave the list whole.
- **Company**: one subject harmed "along with" others ("she was shot along with three
  others": four shot).

A list of one conjunct is left to the other rules (but for "leaving 19-year-old Jane Doe
dead", one); two or more give one count, their sum, spanning the whole list
(:func:`coordinated_counts`). A list that is part of a count before it ("six civilians,
including a woman and two children") is none. A name after a determiner and its noun with a
bare comma between is the noun's apposition, the same person ("Jane Doe, 13, and her
father, Joe, were killed": two). The figures inside the span are the parts
of the count and keep their own keys (see
:func:`storyledger.extract.figures.figures.extract_figures`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .implied import AGE, FRAME_TAIL, HARMS, PERSON_NOUNS, headline_end, is_intransitive, person_noun, scan_near
from .lexicon import PEOPLE_WORDS, agent_noun, role_of, singular

__all__ = [
    "conjunct_count",
    "coordinated_counts",
    "is_person_noun",
]

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUM = r"(?P<num>\d{1,2}|" + "|".join(w for w in _SMALL if w != "zero") + r")"
_DET = r"(?P<det>a|an|the|his|her|their|its|one|another)"
_NAME = r"(?P<name>[A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’.-]+)){0,3})"
# Where a conjunct begins: a number, a determiner or a name (its age may follow: "Jane Doe, 21").
_LEAD = re.compile(r"(?:(?P<age>(?i:" + AGE + r"))\b|(?i:" + _NUM + r"|" + _DET + r")\b|" + _NAME
                   + r"\b(?:,\s*\d{1,2}\b(?!\s*[-/])(?!\s*(?:and|&|,)\s*\d))?)")
# A number after a possessive or "the": "her two children", "the three men".
_NUM_AFTER_DET = re.compile(r"\s+(?i:" + _NUM + r")\b(?!-)")
_AGE_HEAD = re.compile(r"\s+(?:" + _NAME + r"|(?P<noun>[a-z]+))\b")
# The words of a noun phrase after its number or determiner: up to four, no verb of the frame.
_NP_WORD = re.compile(r"\s+(?!(?:was|were|is|are|and|or|who|which|that|of|has|had|have|dead|both|all|in|at|on|to"
                      r"|for|with|from|by|a|an|the|his|her|their|its|including|among|plus|besides|near|during"
                      r"|inside|outside|after|before|as|when|while|than)\b)([A-Za-z0-9][\w'’-]*)", re.I)
_LEAD_START = re.compile(r"(?<![\w'’-])(?:(?i:" + _NUM.replace("?P<num>", "?:") + r"|" + _DET.replace("?P<det>", "?:")
                         + r")\b|[A-Z])")
_WORD_START = re.compile(r"(?<![\w'’-])[A-Za-z0-9]")
_AND_BARE = re.compile(r"\b(?:and|&)\s+[a-z][a-z-]+$")
_LAST_WORD = re.compile(r"[\w'’-]+$")
# A separator between conjuncts, read backwards; a conjunct may carry a relative clause between commas
# ("Jane Doe, 18, who was celebrating her birthday, and John Roe, 16, were killed").
_SEP_END = re.compile(r"(?:\s*,\s*(?:who|whose)\s[^,;.]{1,80},\s*(?:and|&)\s+|\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)$")
_SEP_START = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|(?:and|&)\s+)")
# Between the list and its verb: "..., both 21,", ", ages 20 and 23,", "both", "all".
_APPOSITION_END = re.compile(r"(?:,\s*(?:(?:both|all|ages?|aged)\s+\d{1,2}|\d{1,2}(?=\s*(?:,|and|&)\s*\d))"
                             r"(?:\s*(?:,|and|&)\s*\d{1,2})*,?"
                             r"|\s+(?:both|all(?:\s+three|\s+four)?))\s*$")
_SENTENCE_BREAK = re.compile(r"[.;:!?\n\"“”]|\s[-–—]\s")
# Capitalised words that name no one.
_NOT_NAMES = frozenset("""he she it they police officials authorities investigators deputies officers detectives
    the a an no nobody someone everyone this that who which friday saturday sunday monday tuesday wednesday
    thursday january february march april may june july august september october november december""".split())
# A harm verb with its objects after it, and "left ... dead".
_OBJECT_VERB = re.compile(
    r"\b(?:(?P<killed>shot\s+and\s+killed|shot\s+dead|fatally\s+(?:shot|wounded|shooting|wounding|stabbed|stabbing)"
    r"|killed|killing|kills|murdered|murdering)|(?P<injured>wounded|wounding|injured|injuring|injures|wounds"
    r"|shot\s+and\s+wounded|shot\s+and\s+injured)|(?P<arrested>arrested|arresting|detained|detaining)"
    r"|(?P<left>left|leaving)|(?P<shot>shot|shooting|shoots))\s+(?=\S)")
_LEFT_OUTCOME = re.compile(r"\s+(?:(?P<killed>dead)|(?P<injured>wounded|injured|hurt))\b")
# A conjunct followed by a verb of its own is the subject of a new clause, not an object.
_OWN_VERB = re.compile(r"\s+(?:was|were|is|are|has|have|had|remains?|died|dies)\b")
_MAX_BACK = 220
# A list that is part of a count before it: "six civilians, including a woman and two children, were killed".
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+the\s+\w+|of\s+whom|of\s+them)\s*,?\s*$")
# A singular subject harmed with others: "was shot along with three others".
_WITH_OTHERS = re.compile(
    r"\b(?:was|is|has\s+been)\s+(?:(?:also|fatally|critically|seriously)\s+)?(?P<harm>shot|wounded|injured|killed|hurt)"
    r"\s+(?:(?:along|together)\s+)?with\s+" + _NUM + r"\s+(?:others|other\s+(?:people|persons|men|women|victims))\b")
_OTHER = re.compile("other")
# The first words of the outcomes and of the object verbs, found by plain scans.
_OUTCOME_WORDS = ("killed", "murdered", "slain", "dead", "deceased", "died", "dies", "succumbed", "passed", "shot",
                  "wounded", "injured", "hurt", "hospitalized", "hospitalised", "grazed", "arrested", "detained", "custody", "missing", "unaccounted")
_OBJECT_WORDS = ("shot", "shooting", "shoots", "fatally", "killed", "killing", "kills", "murdered", "murdering", "wounded", "wounding",
                 "injured", "injuring", "injures", "wounds", "arrested", "arresting", "detained", "detaining", "left",
                 "leaving")


def is_person_noun(word: str | None) -> bool:
    """Whether ``word`` (singular or plural, any case) names a person.

    A person noun (:data:`~storyledger.extract.figures.implied.PERSON_NOUNS`), a role
    noun, or an agent noun by its form ("hunter", "professor", "pharmacist", "guardian").

    Example:
        >>> is_person_noun("Hunters"), is_person_noun("women"), is_person_noun("car")
        (True, True, False)
    """
    w = (word or "").lower()
    if not w:
        return False
    if person_noun(w) or role_of(w) or role_of(singular(w)) or singular(w) in PERSON_NOUNS or w in PEOPLE_WORDS:
        return True
    return agent_noun(w)


def conjunct_count(text: str, pos: int, bare: bool = False) -> tuple[int, int] | None:
    """The people one conjunct at ``pos`` names and where it ends: ``(count, end)``, or None.

    ``text`` is the text as written. A number or a determiner takes the last person noun
    (or age used as a noun) among the next four words as its head: "two young men" is two,
    "her 2-year-old child" one, "a car" none; a plural after a determiner is none ("the
    four people" is the number's). A name is one. With ``bare`` (a headline) a lone person
    noun is one ("Mother, child found dead").
    """
    m = _LEAD.match(text, pos)
    if m is None:
        return _bare_conjunct(text, pos) if bare else None
    if m.group("age"):  # "18-year-old Jane Doe", "a 17-year-old boy", or the age alone
        h = _AGE_HEAD.match(text, m.end())
        if h and (h.group("name") and h.group("name").split()[0].lower() not in _NOT_NAMES
                  or h.group("noun") and is_person_noun(h.group("noun"))):
            return 1, h.end()
        return 1, m.end()
    if m.group("name"):
        first = m.group("name").split()[0].lower()
        if first in _NOT_NAMES or first in _SMALL or first in ("a", "an", "his", "her", "their", "its", "another"):
            return _bare_conjunct(text, pos) if bare else None
        return 1, m.end()
    if m.group("det") and m.group("det").lower() in ("his", "her", "their", "the"):
        num = _NUM_AFTER_DET.match(text, m.end())
        if num is not None:  # "her two children": the number counts
            return conjunct_count(text, num.start("num"), bare)
    head, end, at, unborn = None, None, m.end(), False
    for _ in range(4):
        w = _NP_WORD.match(text, at)
        if w is None:
            break
        word, at = w.group(1), w.end()
        unborn = unborn or word.lower() == "unborn"
        if re.fullmatch(AGE, word, re.I) or is_person_noun(word.rstrip("'’s") if word.endswith(("'s", "’s")) else word):
            head, end = word, at
        if word.endswith((",", "'s", "’s")):
            break
    if head is None:
        return None
    if unborn:
        return 0, end  # "five adults and an unborn child": a death told beside the count of people, none of them
    if m.group("num"):
        num = m.group("num").lower()
        return (int(num) if num.isdigit() else _SMALL[num]), end
    plural = not re.fullmatch(AGE, head, re.I) and singular(head) != head.lower() and head.lower() not in PERSON_NOUNS
    return None if plural else (1, end)


def _bare_conjunct(text: str, pos: int) -> tuple[int, int] | None:
    w = re.compile(r"[A-Za-z][a-z-]+").match(text, pos)
    if w is None or not is_person_noun(w.group(0)) or singular(w.group(0)) != w.group(0).lower():
        return None
    if w.group(0).lower() in _OUTCOME_WORDS:
        return None  # "1 dead, 4 others hurt": an outcome ends the conjunct before it, it names no one
    return 1, w.end()


def _conjunct_ending(text: str, floor: int, end: int, bare: bool) -> tuple[int, int] | None:
    """The conjunct that ends exactly at ``end`` (no further than its sentence's ``floor``): ``(start, count)``."""
    for m in (_WORD_START if bare else _LEAD_START).finditer(text[floor:end]):
        got = conjunct_count(text, floor + m.start(), bare)
        if got is not None and got[1] == end:
            return floor + m.start(), got[0]
    return None


def _list_before(text: str, end: int, floor: int, bare: bool) -> tuple[int, int]:
    """The start and the summed count of the list of conjuncts ending at ``end`` (count 0 without two)."""
    pos, total, parts, joined, start = end, 0, 0, False, end
    last = _LAST_WORD.search(text, max(floor, end - 40), end)
    if last is None or not (last.group(0)[0].isupper() or last.group(0)[0].isdigit() or is_person_noun(last.group(0))
                            or re.fullmatch(AGE, last.group(0), re.I)):
        return end, 0  # the word before the verb is no head of a conjunct
    comma_name = False  # the conjunct just read is a name after a bare comma
    while pos > floor:
        got = _conjunct_ending(text, max(floor, pos - 80), pos, bare)
        if got is None and parts == 0 and _AND_BARE.search(text, max(floor, pos - 30), pos):
            got = _conjunct_ending(text, max(floor, pos - 30), pos, True)  # "a woman and child": one determiner
        if got is None:
            break
        if comma_name and _DET_NOUN.match(text, got[0]):
            total, parts = total - 1, parts - 1  # "his father, Joe,": the name is the noun's apposition
        start, total, parts = got[0], total + got[1], parts + 1
        sep = _SEP_END.search(text, floor, start)
        if sep is None or sep.end() != start:
            break
        comma_name = sep.group(0).strip() == "," and _NAME_START.match(text, start) is not None
        joined = joined or "and" in sep.group(0) or "&" in sep.group(0) or bare
        pos = sep.start()
    if parts < 2 or not joined:
        return end, 0
    return start, total


# A conjunct of a determiner and a person noun, and one that is a name: "his father, Joe," is one person.
_DET_NOUN = re.compile(r"(?i:a|an|the|his|her|their|its)\s+(?!\d)")
_NAME_START = re.compile(r"(?!(?:A|An|The|His|Her|Their|Its|One|Another)\b)[A-Z][a-z'’-]")


def _find_words(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of ``words`` stands in ``text`` as a word of its own (``str.find``, no pattern: fast)."""
    out = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and not text[i + len(w):i + len(w) + 1].isalnum():
                out.append(i)
            i = text.find(w, i + len(w))
    return sorted(out)


def _frames(text: str, head_end: int, joins: list[int]) -> Iterator[re.Match]:
    """The harm frames of ``text`` that a list may precede: only after an ``and`` or ``&`` (at ``joins``), or
    in the headline (which ends at ``head_end``, where a comma joins too).

    The frame is looked for around its outcome words, found by plain scans first.
    """
    last = -1
    for p in _find_words(text, _OUTCOME_WORDS):
        k = bisect_left(joins, p - _MAX_BACK)
        if p <= last or p >= head_end and not (k < len(joins) and joins[k] < p):
            continue
        for m in FRAME_TAIL.finditer(text, max(last + 1, p - 60), p + 40):
            if m.start() > last:
                last = m.end()
                yield m


def _subject_lists(text: str, cased: str, head_end: int, joins: list[int]) -> Iterator[tuple[int, int, int, str, str]]:
    """Summed lists that are the subject of a harm frame ("a man and his son were killed"); ``joins``: where
    ``and`` and ``&`` stand."""
    for m in _frames(text, head_end, joins):
        harm = next(k for k in HARMS if m.group(k))
        in_head = m.start() < head_end
        if not m.group("aux") and not is_intransitive(m.group(harm)) and not in_head:
            continue
        floor = max(0, m.start() - _MAX_BACK)
        breaks = [b.end() for b in _SENTENCE_BREAK.finditer(cased, floor, m.start())]
        floor = breaks[-1] if breaks else floor
        end = m.start()
        if (m.group("aux") or "").split()[:1] in (["was"], ["is"], ["has"]):
            continue  # a singular verb: "... and a woman was hurt" has a subject of one
        app = _APPOSITION_END.search(cased, floor, end)
        end = app.start() if app is not None else end
        end = len(cased[:end].rstrip(" ,"))  # "Jane Doe, 20, died"
        start, total = _list_before(cased, end, floor, in_head)
        if total >= 2 and not _PART_BEFORE.search(text, max(0, start - 30), start):
            yield start, end, total, harm, "people"


def _object_lists(text: str, cased: str, joins: list[int]) -> Iterator[tuple[int, int, int, str, str]]:
    """Summed lists that are the object of a harm verb ("killing his wife and two children"); ``joins``: where
    ``and`` and ``&`` stand."""
    for p in _find_words(text, _OBJECT_WORDS):
        k = bisect_left(joins, p)
        v = _OBJECT_VERB.match(text, p)
        if v is None or not (v.group("left") or k < len(joins) and joins[k] < p + _MAX_BACK):
            continue
        pos, joined, counts, prev_det, sep = v.end(), False, [], False, None
        while True:
            got = conjunct_count(cased, pos)
            if got is None and prev_det and sep is not None and "and" in sep.group(0):
                got = _bare_conjunct(cased, pos)  # "killing a father and son": the determiner is shared
            if got is None or _OWN_VERB.match(cased, got[1]):
                break
            if prev_det and _appositive_name(cased, pos, got[1]):
                got = (0, got[1])  # "killing his wife, Jane, and their son": the name is the wife's
            counts.append(got)
            prev_det = _DET_NOUN.match(cased, pos) is not None
            sep = _SEP_START.match(cased, got[1])
            if sep is None:
                break
            joined = joined or "and" in sep.group(0) or "&" in sep.group(0)
            pos = sep.end()
        harm = next(k for k in ("killed", "injured", "arrested", "shot") if v.group(k)) if not v.group("left") else ""
        if v.group("left"):
            out = _LEFT_OUTCOME.match(text, counts[-1][1]) if counts else None
            if out is None:
                continue
            harm = "killed" if out.group("killed") else "injured"
        if len(counts) >= 2 and joined or len(counts) == 1 and v.group("left"):
            yield v.end(), counts[-1][1], sum(c for c, _ in counts), harm, "people"


def _appositive_name(cased: str, start: int, end: int) -> bool:
    """Whether the conjunct ``start..end`` is a name between bare commas (", Jane,"): an apposition."""
    return (_NAME_START.match(cased, start) is not None and cased[max(0, start - 2):start].strip() == ","
            and cased.startswith(",", end))


def _with_others(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """One harmed "along with" others: "she was shot along with three others" (four shot)."""
    for m in scan_near(_WITH_OTHERS, text, _OTHER, 100, 30):
        num = m.group("num")
        n = int(num) if num.isdigit() else _SMALL[num]
        harm = {"shot": "shot", "killed": "killed"}.get(m.group("harm"), "injured")
        yield m.start(), m.end(), n + 1, harm, "people"


# A nickname in quotes inside a name: 'Jane "JJ" Doe', 'Corey “CJ” Roe' (blanked, same length).
_NICKNAME = re.compile(r"(?P<pre>\b[A-Z][a-z'’-]+)(?P<nick>\s+[\"“][A-Z][\w'’.-]{0,14}[\"”])(?=\s+[A-Z])")


def _blank(m: re.Match) -> str:
    return m.group("pre") + " " * len(m.group("nick"))


def coordinated_counts(text: str, cased: str | None = None) -> list[tuple[int, int, int, str, str]]:
    """The summed lists of people harmed in ``text``: ``(start, end, count, harm, noun)``.

    ``text`` is read lowercased for the frames; ``cased`` (the same text as written, same
    length) for names. ``start``/``end`` span the list; ``harm`` is ``killed``, ``injured``,
    ``shot``, ``arrested`` or ``missing``; ``noun`` is ``"people"``.

    Example:
        >>> t = "Two men and a woman were arrested. Police said he shot dead a clerk and a customer."
        >>> [c[2:] for c in coordinated_counts(t.lower(), t)]
        [(3, 'arrested', 'people'), (2, 'killed', 'people')]
    """
    cased = text if cased is None or len(cased) != len(text) else cased
    cased = _NICKNAME.sub(_blank, cased) if "\"" in cased or "“" in cased else cased  # 'Leroy "LJ" Doe, 3,': the nickname is no break, the name one
    joins = _find_words(text, ("and", "&"))
    found = sorted({*_subject_lists(text, cased, headline_end(cased), joins), *_object_lists(text, cased, joins),
                    *_with_others(text)})
    out: list[tuple[int, int, int, str, str]] = []
    for c in found:
        if out and c[0] < out[-1][1]:
            if c[2] > out[-1][2]:
                out[-1] = c  # overlapping readings: the longer list
            continue
        out.append(c)
    return out
