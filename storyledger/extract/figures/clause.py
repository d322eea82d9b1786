"""The unit and predicate of a figure: steps 6 and 7 of :mod:`storyledger.extract.figures.figures`.

The head noun after a number (with a measure word's complement), and the verb
of its clause from the predicate lexicon: as the object of a verb before the
number (or of a harm gerund: "accused of fatally shooting three people" counts the
killed), after the unit, or before the number, unless a verb of its own takes it
there ("an officer who killed a man, prompted hundreds to protest": no harm). A harm
noun led by a determiner in a phrase after the unit is no verb of the count ("two
counts of murder in the deaths of"), and a number inside a compound modifier ("the
two-dose shot") has none.
"""

from __future__ import annotations

import re

from .apposition import skip_apposition
from .coordination import is_person_noun
from .lexicon import BODILY_HARMS, IRREGULAR, MEASURE_WORDS, PEOPLE_WORDS, PRED_OF, STOP, lexicon_hits, not_a_noun

__all__ = [
    "figure_predicate",
    "unit_phrase",
]


_WORD_RE = re.compile(r"\d{1,3}-(?:year|month|week|day)s?-olds?\b|[A-Za-z][\w'’-]*(?:\.[A-Za-z][\w'’-]*)*|[,;:()\"“”—–]|\S")
# An age that modifies the counted noun: "two 16-year-old boys".
_AGE_MODIFIER_RE = re.compile(r"\d{1,3}-(?:year|month|week|day)s?-old")


# Words that modify a counted noun rather than name it: "ethnic", "local", "young"...
# A lowercase word left as the head only because a name followed it ("8,000 ethnic
# Tamil and ...") is such a modifier when it has an adjective's ending.
_ADJ_ENDINGS = ("ic", "al", "ian", "ous", "ive", "ful", "less", "ary", "ish", "ese", "ern", "ent", "ant", "ar")
_MODIFIERS = frozenset("young old local foreign native fellow former devout elderly unarmed armed".split())
# Adverbs of time and manner that follow a count but never name what it counts.
_NOT_NOUNS = frozenset(
    """today tonight yesterday tomorrow overnight now earlier later alone apiece altogether overall total
    instead meanwhile nationwide worldwide""".split()
)


_VAGUE_NUMBER_WORDS = frozenset("dozens hundreds thousands millions billions scores tens".split())


def _is_modifier(word: str) -> bool:
    w = word.lower()
    return w in _MODIFIERS or (len(w) > 4 and w.endswith(_ADJ_ENDINGS))


def _is_noun_after(tok: str) -> bool:
    """Whether ``tok`` can be the counted noun a modifier before it qualifies."""
    lw = tok.lower()
    if not tok[:1].isalpha() or lw in STOP or (lw in PRED_OF and lw not in PEOPLE_WORDS):
        return False
    if lw in _VAGUE_NUMBER_WORDS:
        return False  # "35 dead dozens wounded": a number, not a noun
    plural = lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 3
    return plural or lw in IRREGULAR or lw in PEOPLE_WORDS


def unit_phrase(after: str) -> tuple[str | None, int, str | None]:
    """Head noun (with a measure word's complement) of the words after a number.

    Returns ``(unit, end, modifier)``: ``end`` is the offset in ``after`` just
    past the unit; ``modifier`` a casualty or displacement adjective skipped to
    reach the noun ("5,000 displaced Kurds": ``"displaced"``), else ``None``.
    """
    toks = list(_WORD_RE.finditer(after[:120]))
    i = _past_of(toks)
    if i is None:
        return None, 0, None
    words, i, modifier = _noun_phrase(toks, i)
    words = _head_words(words, toks, i)
    if not words:
        return None, 0, None
    unit, end = _with_complement(after, words[-1])
    return unit, end, modifier


def _past_of(toks: list[re.Match[str]]) -> int | None:
    """Where the noun phrase starts, past a leading "of the"; None for "of them"."""
    i = 0
    if toks and toks[0].group(0).lower() == "of":
        # "thousands of people", "two-thirds of the residents"
        i = 1
        while i < len(toks) and toks[i].group(0).lower() in ("the", "a", "an", "them", "those", "these", "its", "their", "all"):
            if toks[i].group(0).lower() in ("them", "those", "these"):
                return None
            i += 1
    return i


def _noun_phrase(toks: list[re.Match[str]], i: int) -> tuple[list[re.Match[str]], int, str | None]:
    """The words of the noun phrase from token ``i``, the token after them, and a participle skipped on the way."""
    words: list[re.Match[str]] = []
    modifier = None
    while i < len(toks) and len(words) < 5:
        t = toks[i]
        w = t.group(0)
        lw = w.lower()
        nxt = toks[i + 1].group(0) if i + 1 < len(toks) else ""
        if not words and lw in ("other", "more", "additional", "further", "new") and i + 1 < len(toks) \
                and toks[i + 1].group(0)[:1].isalpha() and toks[i + 1].group(0).lower() not in STOP:
            i += 1  # "12 other civilians", "5 more people"
            continue
        if _AGE_MODIFIER_RE.fullmatch(lw) and nxt[:1].isalpha() and nxt.lower() not in STOP:
            i += 1  # an age before its noun: "two 16-year-old boys"
            continue
        if (not w[0].isalpha() and not _AGE_MODIFIER_RE.fullmatch(lw[:-1])) or lw in STOP or lw in _NOT_NOUNS:
            break  # (an age as a plural noun is one: "two 17-year-olds")
        if lw.endswith(("'s", "’s", "s'", "s’")) and i + 1 < len(toks) and toks[i + 1].group(0)[:1].isalpha():
            i += 1  # a possessive modifies the head after it: "the agency's 40 trucks"
            words = []
            continue
        if lw.endswith("ly") and len(lw) > 4 and nxt[:1].islower() and nxt.lower() not in STOP:
            i += 1  # an adverb: "10,000 internally displaced people"
            continue
        if (lw.endswith(("ed", "ing")) or lw == "dead") and _modifies_noun_ahead(toks, i):
            # A participle before a noun is its modifier ("300 wounded soldiers",
            # "5,000 displaced Kurds"); kept as what happened to them.
            if lw in PRED_OF:
                modifier = modifier or lw
            i += 1
            continue
        if words and lw in PRED_OF and lw not in PEOPLE_WORDS:
            break
        if lw.endswith(("ed", "ing")) and lw not in PEOPLE_WORDS and lw not in MEASURE_WORDS:
            if words or not nxt[:1].islower() or nxt.lower() in STOP or nxt.lower() in PRED_OF:
                break
        if lw in ("million", "billion", "thousand", "hundred"):
            break
        words.append(t)
        i += 1
        if (lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 3) or lw in IRREGULAR \
                or lw in PEOPLE_WORDS:
            break  # a plural noun ends the noun phrase: "refugees [fled]", "persons [remain]"
    return words, i, modifier


def _modifies_noun_ahead(toks: list[re.Match[str]], i: int) -> bool:
    """Whether token ``i`` stands before a noun within three tokens, with only names or modifiers between."""
    ahead = [tok.group(0) for tok in toks[i + 1:i + 4]]
    noun_at = next((k for k, a in enumerate(ahead) if _is_noun_after(a)), None)
    return noun_at is not None and all(a[:1].isalpha() and a.lower() not in STOP
                                       and (a[:1].isupper() or _is_modifier(a)) for a in ahead[:noun_at])


def _head_words(words: list[re.Match[str]], toks: list[re.Match[str]], i: int) -> list[re.Match[str]]:
    """``words`` up to their head, the last lowercase word ("6 ethnic Tamil refugees" -> refugees)."""
    k = len(words)
    while k and not (words[k - 1].group(0)[0].islower() or words[k - 1].group(0).endswith("s")
                     and len(words[k - 1].group(0)) > 3):
        k -= 1
    if k == len(words) or not k or not _is_modifier(words[k - 1].group(0)):
        return words[:k]
    # "8,000 ethnic Tamil and Sinhalese residents": the noun is after the pair;
    # "8,000 ethnic Tamil.": no noun, and "ethnic" is not one.
    if i < len(toks) and toks[i].group(0).lower() in ("and", "or", "&"):
        for t in toks[i + 1:i + 4]:
            if _is_noun_after(t.group(0)):
                return [t]
            if not t.group(0)[:1].isalpha() or t.group(0).lower() in STOP:
                break
    return []


def _with_complement(after: str, head: re.Match[str]) -> tuple[str, int]:
    """The unit ``head`` names, with a measure word's complement ("tonnes of flour"), and its end in ``after``."""
    unit = head.group(0).rstrip(".,")
    end = head.start() + len(unit)
    if unit.lower() in MEASURE_WORDS:
        m = re.match(r"\s+of\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\b", after[end:])
        if m and m.group(1).split()[0] not in STOP:
            unit = f"{unit} of {m.group(1)}"
            end += m.end()
    return unit, end


_OBJECT_OF_RE = re.compile(
    r"\b(?P<v>[A-Za-z]+)\s+(?:(?:at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|up\s+to|as\s+many\s+as"
    r"|no\s+fewer\s+than|an\s+estimated|some|about|around|nearly|almost|approximately|roughly|over|another"
    r"|a\s+total\s+of|the|a|an)\s+)*$"
)


_PARTICIPLE_AFTER_RE = re.compile(r"\s+(?P<w>injured|wounded|killed|dead|missing|hurt)\b")
_COUNT_HEDGES = (
    r"(?:(?:at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|up\s+to|as\s+many\s+as|an\s+estimated"
    r"|some|about|around|nearly|almost|approximately|roughly|over|another|a\s+further|a\s+total\s+of)\s+)*"
)
_VERB_THEN_COUNT_RE = re.compile(rf"\s*,?\s*(?P<v>[a-z]+)\s+{_COUNT_HEDGES}\d")
# A count that stands right after ours: ours has no verb of its own there ("0 58 at least 36 people were killed").
_COUNT_START_RE = re.compile(rf"\s+{_COUNT_HEDGES}\d", re.I)
# The ages of the counted in apposition: ", 16 and 17,", ", ages 19, 20 and 22,".
_AGES_APPOSITION_RE = re.compile(
    r"\s*,\s*(?:(?:both|all|ages?|aged)\s+)?\d{1,2}(?:(?:,\s*|\s+(?:and|&)\s+)\d{1,2})+\s*,")
# A count with its own harm participle after it: "14 injured", "20 people wounded".
_COUNT_PARTICIPLE_RE = re.compile(
    r"\d[\d,]*\s+(?:[a-z]+\s+)?(?P<p>injured|wounded|hurt|killed|dead|missing|arrested)\b")
# Where the words after a count reach another count: "with over 200", "and 46 others".
_NEXT_COUNT_RE = re.compile(rf"\b(?:with|plus|and|as\s+well\s+as)\s+{_COUNT_HEDGES}(?=\d)")


_VERB_AFTER_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:who|which|that)\s+)?(?:(?:were|was|are|is|have|has|had|been|being|be|got|get|remain|remained|remain|reportedly|had\s+been|have\s+been|has\s+been|are\s+being|were\s+being|reported|confirmed|feared|believed\s+to\s+be|thought\s+to\s+be|already|now|also|still|all|so\s+far)\s+){0,3}(?P<w>[a-z]+(?:\s+[a-z]+){0,2})",
)


# A number hyphenated to a singular noun, the pair modifying a noun after it: "two-dose shot", "12-gauge
# shotgun" (ages and durations are read before; "two-thirds" is a fraction, "3-1" a score or range).
_COMPOUND_RE = re.compile(r"-(?!(?:years?|months?|weeks?|days?|old)\b)[a-z]+(?<!s)\s+(?!(?:and|or|of|to|in|on"
                          r"|at|by|was|were|is|are|has|had|who|that)\b)[A-Za-z]")


def figure_predicate(before: str, after_unit: str, money: bool = False,
                     unit: str | None = None) -> tuple[str | None, str | None]:
    """(surface predicate, class) from the clause around a number.

    Money is governed by the verb before it ("appealed for $5m"), counts by the
    verb after them ("16 people were killed"), so the order of the search differs.
    A harm found only further back in the clause, neither taking the count as its
    object nor following it, is no harm of a counted ``unit`` that names no one:
    "Injured people were taken from several villages" counts no injured villages,
    "killing one man, said the official who uses one name" no killed name.
    """
    if money:
        hits = lexicon_hits(_clause_before(before))
        if hits:
            return hits[-1], PRED_OF[hits[-1]]
    if _COMPOUND_RE.match(after_unit):
        return None, None  # "the two-dose shot", "a 12-gauge shotgun": a number inside a modifier has no verb
    found = _object_of(before, after_unit)
    if found is None:
        found = _verb_after(_clause_after(after_unit))
        if found is not None and found[1] in BODILY_HARMS and not _AFTER_PREPOSITION_RE.search(before) \
                and _agent_of_harm(after_unit):
            return found[0], None  # "two gunmen killed three people", "two air raids have killed 19": the doers
    if found is None or found[1] is None:
        # "27 civilians - including four children - died": the verb after a subgroup in apposition
        past = skip_apposition(after_unit)
        beyond = _verb_after(_clause_after(past)) if past != after_unit else None
        found = beyond if beyond is not None and beyond[1] is not None else found
    if found:
        return found
    pred, pclass = _verb_before(before)
    if pclass in BODILY_HARMS and unit and not _may_name_people(unit) and _far_from(before, pred):
        return pred, None
    return pred, pclass


_GAP_MARK_RE = re.compile(r"\b(?:that|who|which|when|while|where|said|says|from|into|to|at|in|on|by|with)\b", re.I)


def _far_from(before: str, pred: str) -> bool:
    """Whether words of another phrase stand between the harm ``pred`` and the count ("injured people had been
    taken from several villages"), not just a list or a complement's words ("cost the lives of 30 forces",
    "killing two men 5 guards")."""
    at = before.lower().rfind(pred.lower())
    gap = before[at + len(pred):] if at >= 0 else before
    if _LIST_TAIL_RE.search(gap):
        return False  # "... the lives of 30 regime forces and 29 insurgents": one list of the harmed
    return len(gap.split()) >= 3 or _GAP_MARK_RE.search(gap) is not None


# The end of a list of counts before ours: "30 regime forces and", "two men".
_LIST_TAIL_RE = re.compile(r"(?:\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens"
                           r"|hundreds|thousands))\s+(?:[\w'’-]+\s+){0,3}?(?:and\s+|,\s*)?$", re.I)


_ACTIVE_HARM = r"(?:kill(?:ed|s)?|shoots?|shot|wound(?:ed|s)?|injur(?:ed|es)|murder(?:ed|s)?|stabb(?:ed)|slew|gunned\s+down)"
# The count's clause goes on in the active voice with an object: the count did the harm ("two gunmen
# killed three people", "two air raids on the town have killed 19", "two men shot and wounded a woman").
# No form of "be" or "get" may come between (a passive: "were shot"); a phrase of place may. The object is
# a count, an object pronoun, or a determiner before a person noun ("a woman", "his wife"); a name is not
# read as one (in text without commas "10 killed and 15 injured Al-Manar reported" has none).
_AGENT_RE = re.compile(
    r"(?:\s+(?:in|on|at|near|from|inside|outside|with)\b[^,;.]{0,50}?)??\s*,?\s*"
    r"(?:(?:have|has|had|allegedly|reportedly|then|also|later)\s+){0,2}(?:fatally\s+)?" + _ACTIVE_HARM
    + r"(?:\s+and\s+(?:fatally\s+)?" + _ACTIVE_HARM + r")?\s+"
    r"(?:(?:at\s+least|more\s+than|about|nearly|almost|some|up\s+to|another)\s+)?"
    r"(?:(?P<num>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|scores"
    r"|several|many)\b(?P<rest>[^,;.]{0,24})"
    r"|(?:him|her|them|us|me)\b"
    r"|(?:a|an|the|his|their|its)\s+(?P<np>(?:[\w'’-]+\s+){0,2}[\w'’-]+))")
# A count that is a preposition's object is no subject ("a dispute with his two brothers shot and killed them").
_AFTER_PREPOSITION_RE = re.compile(r"\b(?:with|of|for|to|from|by|among|against|between|about|than|like|and)\s+"
                                   r"(?:(?:the|his|her|their|its|our|my|your|all|these|those)\s+)?$", re.I)
# A count after the verb with a harm of its own is no object: "3 killed 2 injured", "killed 19 wounded".
_OWN_HARM_AFTER_RE = re.compile(r"\s+(?:(?!and\b|or\b)\w+\s+)?(?:injured|wounded|hurt|killed|dead|missing)\b", re.I)


def _agent_of_harm(after_unit: str) -> bool:
    """Whether the count's clause goes on with an active harm verb and its object: the count is the doer."""
    m = _AGENT_RE.match(after_unit)
    if m is None:
        return False
    if m.group("num"):
        return not _OWN_HARM_AFTER_RE.match(m.group("rest"))
    if m.group("np"):
        return any(is_person_noun(w) for w in m.group("np").split())
    return True


def _may_name_people(unit: str) -> bool:
    """Whether a counted noun may name people: a person, role or agent noun, a capitalised plural or an age.

    A word read where the noun stands that is none ("one critically", "six more shot") names no thing either.
    """
    last = unit.split()[-1]
    return (not_a_noun(unit) or is_person_noun(last) or last.lower().endswith(("children", "men", "people"))
            or (last[:1].isupper() and last.endswith("s")) or _AGE_MODIFIER_RE.match(last) is not None)


def _clause_before(before: str) -> str:
    """The last 70 characters of the clause that ends at the number."""
    return re.split(r"[;.!?]|,\s+(?:and|but|while|which|who)\b", before)[-1][-70:]


def _object_of(before: str, after_unit: str) -> tuple[str, str] | None:
    """The lexicon verb whose object the number is ("killed at least 16 people", "killing six"), else None."""
    # "left" is skipped: "left 12 civilians dead" says more after.
    m = _OBJECT_OF_RE.search(before[-60:])
    gerund = _gerund_object(before[-60:], m)
    if gerund is not None:
        return gerund
    if not (m and m.group("v").lower() in PRED_OF and m.group("v").lower() != "left"):
        return None
    # A casualty participle right after the counted noun describes the count, whatever
    # verb precedes: "child killed 20 people injured" (a headline without its comma).
    pm = _PARTICIPLE_AFTER_RE.match(after_unit)
    if pm and PRED_OF[pm.group("w")] != PRED_OF[m.group("v").lower()]:
        return pm.group("w"), PRED_OF[pm.group("w")]
    return m.group("v").lower(), PRED_OF[m.group("v").lower()]


# A gerund of a harm verb taking the count as its object: "accused of fatally shooting three people",
# "shooting and killing two men". Only where no determiner makes it a noun ("the shooting").
_GERUND_RE = re.compile(r"(?:^|[^\w'’])(?P<det>the|a|an|this|that|its|[\w]+['’]s)?\s*"
                        r"(?P<v>(?:fatally\s+)?(?:shooting|wounding|stabbing)(?:\s+and\s+(?:killing|wounding|injuring))?)\s+$",
                        re.I)


def _gerund_object(before: str, m: re.Match | None) -> tuple[str, str] | None:
    """``(predicate, class)`` when the count is the object of a harm gerund ("fatally shooting three"), else None."""
    if m is None or m.group("v").lower() not in ("shooting", "wounding", "stabbing", "killing", "injuring"):
        return None
    g = _GERUND_RE.search(before, 0, m.start("v") + len(m.group("v")) + 1)
    if g is None or g.group("det"):
        return None
    verb = " ".join(g.group("v").lower().split())
    if verb.startswith("fatally") or verb.endswith("killing"):
        return verb, "killed"
    return verb, "injured" if verb.endswith(("wounding", "injuring")) else "shot"


# A second verb joined to the count's own, with an object of its own: "hitting all four and killing both
# women", "shot three and wounded a fourth" (the count is the first verb's object, not the second's).
_OWN_OBJECT_VERB_RE = re.compile(
    r"\s*,?\s*(?:and|then)\s+(?:then\s+)?(?:fatally\s+)?[a-z]+(?:ing|ed)\s+(?:all|both|the|a|an|his|her|their|its"
    r"|another|at\s+least|\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozens?)\b")


def _clause_after(after_unit: str) -> str:
    """The first 70 characters of the clause after the unit, up to a count of its own.

    A clause that begins with a second verb and its own object ("and killing both women") or with
    another count ("58 at least 36 people were killed") says nothing of the count before it: empty
    then. Ages in apposition are skipped ("two teens, 16 and 17, were killed").
    """
    ages = _AGES_APPOSITION_RE.match(after_unit)
    after_unit = after_unit[ages.end():] if ages else after_unit  # "two teens, 16 and 17, were killed"
    if _OWN_OBJECT_VERB_RE.match(after_unit) or _COUNT_START_RE.match(after_unit):
        return ""  # a second verb with its object, or a count right after ours ("58 at least 36 people were killed")
    clause_after = re.split(r"[;.!?]|,\s+(?:and|but|while|which|who)\b|\s+-\s+", after_unit, maxsplit=1)[0][:70]
    if not any(c.isdigit() for c in clause_after):
        return clause_after
    # A verb after the noun that takes a count of its own is that count's verb: "two
    # towns killing at least 140 people", "rises to 15 with over 260 injured"; but not
    # where that count has its own participle ("eight civilians killed 14 injured").
    vm = _VERB_THEN_COUNT_RE.match(clause_after)
    if vm and vm.group("v") in PRED_OF:
        own = _COUNT_PARTICIPLE_RE.match(clause_after, vm.end() - 1)
        return clause_after[:vm.end() - 1] if own and PRED_OF.get(own.group("p")) != PRED_OF[vm.group("v")] else ""
    return _NEXT_COUNT_RE.split(clause_after, maxsplit=1)[0]


def _verb_after(clause_after: str) -> tuple[str, str | None] | None:
    """The verb after the unit ("were killed", "have fled"), a participle, or "among"; else None."""
    m = _VERB_AFTER_RE.match(clause_after)
    if m:
        hits = lexicon_hits(m.group("w"))
        if hits and m.group("w").lower().startswith(hits[0].split()[0]):
            return hits[0], PRED_OF[hits[0]]
        first = m.group("w").split()[0]
        if first.endswith(("ed", "en")) and first not in STOP and len(first) > 4 and first != "between":
            return first, None
    if re.match(r"\s*(?:were|are|was|is)\s+(?:also\s+)?among\b", clause_after):
        return "among", None  # "three children were among the 19 killed": a part of another count
    if re.match(r"\s*,?\s*(?:among\s+(?:them|whom|those)|including)\b", clause_after):
        # "15 civilians, among them 11 children, were killed": the verb after the subgroup.
        hits = lexicon_hits(clause_after)
        if hits:
            return hits[0], PRED_OF[hits[0]]
    return _verb_further_after(clause_after)


# A determiner and the words of its noun phrase up to a verb or an "of" complement: "the killing", "a fatal
# shooting", "the deaths of" ("two counts of murder in the deaths of his neighbours": a noun, not the count's verb).
_DET_NOUN_RE = re.compile(r"\b(?:the|a|an|this|that|his|her|their|its)(?:\s+(?!(?:was|were|is|are|have|has|had"
                          r"|been|and|or|of)\b)[\w'’-]+){1,5}?(?=\s+(?:was|were|is|are|have|has|had|been|and|or|of)\b"
                          r"|\s*$)", re.I)


# The count's own passive verb a few words on: "were charged", "have been identified".
_PASSIVE_OWN_RE = re.compile(r"\b(?:was|were|is|are|have\s+been|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?"
                             r"(?P<p>[a-z]+(?:ed|en))\b", re.I)


def _verb_further_after(clause_after: str) -> tuple[str, str] | None:
    """A lexicon verb a few words on in the clause ("25 others on a bus were wounded"), else None."""
    near = re.split(r",|\band\b|\bbut\b|\bwhile\b|\bafter\b|\bas\b|\bwhen\b", clause_after, maxsplit=1)[0]
    if not near.strip() and re.match(r"\s*(?:,\s*)?(?:and|or)\s+", clause_after):
        # "16 civilians and three children have been killed": the verb after the pair.
        hits = lexicon_hits(" ".join(clause_after.split()[:10]))
        if hits:
            return hits[0], PRED_OF[hits[0]]
    # A prepositional phrase may sit between the noun and its verb ("30 militants of
    # the group operating in Iraq were killed"): look further then.
    pp = re.match(r"\s*(?:of|from|in|on|at|near|belonging|loyal)\b", near)
    if pp:
        # A relative clause inside that phrase is its noun's: "four suspects in connection with a shooting
        # that killed a child" (the shooting killed, not the suspects).
        near = re.split(r"\b(?:that|which|who|whose)\b", near, maxsplit=1)[0]
    reach = 12 if pp else 8
    own = _PASSIVE_OWN_RE.search(near)
    if own and own.group("p").lower() not in PRED_OF and not lexicon_hits(near[:own.start()]):
        return own.group("p"), None  # "two members from Lowmere were charged with murdering a woman": charged
    if len(near.split()) <= reach:
        # A harm word led by a determiner in that phrase is its noun, not the count's verb: "the three
        # suspects in the killing were arrested" (arrested, not killed).
        hits = lexicon_hits(_DET_NOUN_RE.sub(" ", near) if pp else near)
        if hits:
            return hits[0], PRED_OF[hits[0]]
    return None


def _verb_before(before: str) -> tuple[str | None, str | None]:
    """The last lexicon verb of the clause before the number, else a participle right before it."""
    clause_before = _clause_before(before)
    own = next((m for m, shortest in ((_OWN_VERB_RE.search(clause_before), 5), (_MODAL_VERB_RE.search(clause_before), 4))
                if m and len(m.group("w")) >= shortest), None)  # not "shed", "red"; not "hit" after a modal
    if own and own.group("w").lower() not in STOP and own.group("w").lower() not in PRED_OF:
        # "an officer who killed a man, prompted hundreds to protest", "fired two shots", "had reached 109
        # homicides": the count is the object of its own verb; a lexicon verb further back has its own.
        return own.group("w"), None
    hits = lexicon_hits(clause_before)
    place = _PLACE_OBJECT_RE.search(clause_before) if hits else None
    if place:
        # "elephants killed in two countries", "three died in two attacks": the count is the object of a
        # preposition of place or time, not the lexicon verb's; the harmed are named elsewhere.
        return place.group("w").lower(), None
    if hits:
        return hits[-1], PRED_OF[hits[-1]]
    m = re.search(r"\b(?P<w>[a-z]+(?:ed|ing))\s+(?:(?:to|by|of|the|a|an|some|about|around|nearly|almost|at\s+least|more\s+than|over|up\s+to)\s+)*$", clause_before)
    if m and m.group("w") not in STOP:
        return m.group("w"), None
    return None, None


# A preposition of place or time right before the count (hedges between; not "at least", "from ... to"):
# the count is its object.
_PLACE_OBJECT_RE = re.compile(r"\b(?P<w>in|at|across|inside|within|throughout|during|near)\s+"
                              r"(?:(?:some|about|around|nearly|almost|more\s+than|over|up\s+to|an\s+estimated)\s+)*$",
                              re.I)
# A verb after a modal right before the count is its own verb: "shot plans could affect 100m people".
_MODAL_VERB_RE = re.compile(r"\b(?:could|would|will|may|might|can|should|must)\s+(?P<w>[a-z]+)\s+"
                            r"(?:(?:some|about|around|nearly|almost|at\s+least|more\s+than|over|up\s+to"
                            r"|an\s+estimated)\s+)*$", re.I)
# A past-tense verb or a present participle right before the count (hedges between), whose object the
# count is: "prompted hundreds", "forcing thousands from their homes".
_OWN_VERB_RE = re.compile(r"\b(?P<w>[a-z]+(?:ed|ing))\s+(?:(?:some|about|around|nearly|almost|at\s+least|more\s+than|over"
                          r"|up\s+to|an\s+estimated)\s+)*$")
