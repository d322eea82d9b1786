"""Steps 2-7 of reading one number into a figure: value, range, hedges, money, unit, predicate.

Each step takes the text, the number (:class:`NumberAt`) and what the steps
before it read, and returns what it reads; none changes its arguments.
:mod:`storyledger.extract.figures.figures` runs them in order (its module doc
gives the rules), then keys, attributes and dates the figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from .change import is_change_then_value
from .clause import figure_predicate, unit_phrase
from .filters import ATTACHED_UNIT_RE, PERCENT_RE, SCORE_RE
from .lexicon import FLEEING_WORDS, PEOPLE_PREDS, PRED_OF, STOP, qual_before
from .tollframe import casualty_pair, toll_complement
from ...text import (
    CURRENCY_NAMES,
    CURRENCY_WORD_ALT,
    ISO_CODES,
    SIGN_ALT,
    NumberMatch,
    currency_after,
    currency_before,
    letter_sign_before,
    parse_number,
)

__all__ = [
    "NumberAt",
    "Span",
    "drop_letter_scale",
    "fold_numbers",
    "hedge_after",
    "hedge_before",
    "in_spans",
    "read_money",
    "read_predicate",
    "read_range",
    "read_unit",
    "read_value",
    "reframe_predicate",
    "settle_predicate",
    "take_conversion",
    "unit_before",
]


class NumberAt(NamedTuple):
    """A number of the article and the bounds of its sentence."""

    idx: int  # its place in the article's numbers
    n: NumberMatch
    s_start: int
    s_end: int


class Span(NamedTuple):
    """A figure as read so far: its value, hedge and the text it covers."""

    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    start: int
    end: int
    before: str  # the sentence's text before ``start``, from 60 characters before the number


# --- patterns -------------------------------------------------------------------------

_QUAL_AFTER_RE = re.compile(
    r"^(?:\s*(?P<at_least>or\s+more\b|and\s+(?:more|above|over|up)\b|\+)|\s*(?P<about>or\s+so\b)|(?P<about2>-odd\b)"
    r"|(?P<more_than>-plus\b|\s*plus\b(?!\s+\d))|\s*(?P<at_most>or\s+(?:fewer|less)\b))",
    re.I,
)
_CHANGE_VERB_RE = re.compile(
    r"\b(?:rose|rises|rise|risen|fell|falls|fall|fallen|increased|increases|decreased|decreases|grew|grow|"
    r"dropped|drops|climbed|climbs|jumped|jumps|declined|declines|up|down|cut|raised|reduced|lowered|"
    r"slipped|slid|soared|surged|plunged|plummeted|tumbled|gained|lost|shrank|expanded|revised|upgraded|"
    r"downgraded|went|moved|changed|boosted|doubled|trimmed)\b[^.;]{0,60}$",
    re.I,
)
_BETWEEN_RE = re.compile(r"\bbetween\s*$", re.I)
_FROM_RE = re.compile(r"\bfrom\s*$", re.I)
_AND_HALF_RE = re.compile(
    r"\s+and\s+a\s+half\b(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?", re.I)
_RANGE_JOINER_RE = re.compile(rf"\s*(?:-|–|—|to|and|or|through|thru)\s*(?:{SIGN_ALT})?\s*", re.I)
# The ends of a "from"/"between" range each with its unit ("from 5 miles to 7 miles", "between 5 km and 7 km",
# "from 450 sq ft up to 900 sq ft", "from $20 up to $45"): the words of the unit, the joiner, the sign.
_UNIT_JOINER_RE = re.compile(
    rf"(?P<unit>(?:\s*[A-Za-z%][\w.%/-]*){{0,2}}?)\s*(?:,\s*)?(?P<j>to|and|up\s+to)\s*(?:{SIGN_ALT})?\s*", re.I)
_NUMBER_OF_RE = re.compile(
    r"\b(?:number|total|tally|count|toll|influx|flow|figure)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?P<noun>[a-z][\w-]*s)\b[^.;]{0,80}$",
    re.I,
)
_TOLL_RE = re.compile(r"\b(?P<w>death\s+toll|toll|number\s+of\s+(?:the\s+)?dead|number\s+of\s+deaths|fatalities|dead)\b[^.;]{0,60}$", re.I)
# An amount's conversion: "(US$22 million)", ", or about $5m", "(15 million Danish crowns)".
_CONVERSION_SIGN_RE = re.compile(
    rf"\s*(?:\(\s*|,\s*|\s)(?:or|about|around|approximately|roughly|some|nearly|almost|worth|equivalent\s+to|"
    rf"the\s+equivalent\s+of)?\s*(?:{SIGN_ALT})\s?[\d.,]+\s*(?:million|billion|trillion|thousand|mn|mln|mil|bn|tn|m|b|k)?\b\s*(?:\)|,)?",
    re.I,
)
_CONVERSION_WORD_RE = re.compile(
    rf"\s*\(\s*(?:about|around|approximately|roughly|some|nearly|almost)?\s*[\d.,]+\s*(?:million|billion|trillion|thousand|mn|bn)?\s*(?:{ISO_CODES}|(?:[A-Z]\w+\s+)?(?:{CURRENCY_WORD_ALT}))\s*\)",
)
_PART_OF_RE = re.compile(
    r"\b(including|included|includes|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+(?:(?:at\s+least|some|about|nearly|more\s+than"
    r"|around|over|almost|up\s+to)\s+)*$",
    re.I,
)
# Lives count deaths when they are lost, claimed, cost or taken ("lives" alone is no harm: "changed the
# lives of 5,000 students", "threw the lives of 700,000 people into tumult").
_LIVES_RE = re.compile(r"\s+(?:\w+\s+)?lives\b", re.I)
_LOSS_BEFORE_RE = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|cost(?:s|ing)?|t(?:ook|ake|akes|aken|aking)|los(?:t|e|es|ing))\s+"
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|an\s+estimated|another)\s+)*$", re.I)
_LOST_AFTER_RE = re.compile(r"\s*(?:(?:were|was|have\s+been|had\s+been|has\s+been|are)\s+)?(?:lost|claimed|taken)\b", re.I)
_TOLL_TO_RE = re.compile(r"\bdeath\s+toll\b(?:[^.;]|\.(?=\d)){0,140}?\b(?:to|at)\s+$", re.I)
_NOUN_OF_RE = re.compile(r"\b(?:a|an|the|its|their|his|her)\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)\s+of\s*$")
_NOT_UNITS = frozenset(
    """total number maximum minimum average sum rate figure value cost price tune height depth length
    age range score toll budget share majority minority fine bill loss""".split()
)
_ABOUT_PREPOSITION_BEFORE = frozenset(
    """information talk talks talked talking worry worried worries concern concerns concerned question
    questions know knows known knew think thinks thought said say says news report reports reported story
    stories details data asked ask care cares cared learn learned learnt hear heard write wrote written
    spoke speak speaks complain complained complaints warned warning lied lying joke joked argued arguing
    something nothing anything everything much more less""".split()
)


# Short units read as the words they stand for: "12.5c" is 12.5 cents, "3x" 3 times.
_SHORT_UNITS = {"c": "cents", "x": "times"}
# A multiplier's suffix: "3-fold", "three-fold", "threefold" (the number word read apart from "fold").
_FOLD_RE = re.compile(r"-?fold\b", re.I)


def in_spans(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    """Whether ``s..e`` lies inside one of the sorted spans ``starts``/``ends``."""
    i = bisect_right(starts, s) - 1
    return i >= 0 and ends[i] >= e and starts[i] <= s


# --- 2. value -------------------------------------------------------------------------

# A number word glued to "fold" ("threefold", "tenfold"): a multiplier whose number the scan of numbers
# does not see inside the word.
_FOLD_WORD_RE = re.compile(r"\b([A-Za-z]+?)fold\b")


def fold_numbers(text: str) -> list[NumberMatch]:
    """The number words of multipliers written as one word, each up to "fold" ("threefold": 3).

    Example:
        >>> [(n.value, n.end) for n in fold_numbers("a threefold rise in a manifold")]
        [(3.0, 7)]
    """
    if "fold" not in text:
        return []
    out = []
    for m in _FOLD_WORD_RE.finditer(text):
        n = parse_number(m.group(1).lower())
        if n is not None and n.kind == "words":
            out.append(NumberMatch(m.start(), m.end(1), n.value, None, None, "words"))
    return out


def drop_letter_scale(text: str, n: NumberMatch, s_start: int) -> NumberMatch:
    """``n`` without its bare ``m``/``b``/``k`` scale unless a currency sign precedes it."""
    if n.letter_scale and not currency_before(text[max(s_start, n.start - 6):n.start])[0] \
            and not letter_sign_before(text[max(s_start, n.start - 6):n.start], False) \
            and not re.match(r"\s+(?:of\b|people|[a-z]+s\b)", text[n.end:n.end + 20]):
        # "5m" without a currency sign is five metres, not five million.
        return NumberMatch(n.start, n.end - 1, n.value / {"m": 1e6, "b": 1e9, "k": 1e3}[text[n.end - 1].lower()],
                           None, None, "digits")
    return n


def read_value(text: str, at: NumberAt) -> tuple[Span, str | None, int]:
    """Step 2: the signed value ("and a half" added), the currency code before it and the sign's length."""
    n = at.n
    start, end = n.start, n.end
    before = text[max(at.s_start, start - 60):start]
    code, sign_len, minus = currency_before(before)
    if not sign_len and (letters := letter_sign_before(before, n.scaled and not n.letter_scale)):
        code, sign_len = letters  # "Dh5.2 billion", "Tk50"
    value = -n.value if minus else n.value
    if (before[-1:] in ("-", "−") or before[-1:].isspace()) and re.search(r"(?:\bminus[\s-]+|−)$", before, re.I):
        value = -value
    q_before = before[: len(before) - sign_len] if sign_len else before
    m = _AND_HALF_RE.match(text, end) if n.kind in ("digits", "words") else None
    if m:
        # "one and a half million": the scale after the half scales the whole (1.5 million)
        scale = m.group("scale") if abs(value) < 100 else None  # not "2 million and a half million"
        value = (value + 0.5) * (parse_number("a " + scale.lower()).value if scale else 1)
        end = m.end() if scale or not m.group("scale") else m.start("scale") - 1
    return Span(value, n.low, n.high, None, start - sign_len, end, q_before), code, sign_len


# --- 3. range -------------------------------------------------------------------------


def read_range(
    text: str,
    numbers: Sequence[NumberMatch],
    at: NumberAt,
    span: Span,
    date_starts: list[int],
    date_ends: list[int],
) -> tuple[Span, tuple[int, ...]]:
    """Step 3: the span made a range with the next number, and the index of that number; else unchanged."""
    n = at.n
    nxt = numbers[at.idx + 1] if at.idx + 1 < len(numbers) else None
    if nxt is None or nxt.start >= at.s_end or n.kind == "fraction":
        return span, ()
    mid = text[span.end:nxt.start]
    if nxt.kind not in ("digits", "words") or in_spans(date_starts, date_ends, nxt.start, nxt.end):
        return span, ()
    if _RANGE_JOINER_RE.fullmatch(mid):
        joiner = mid.strip().lower()
    elif (joiner := _unit_joiner(text, span, mid, nxt)) is None:
        return span, ()
    joiner = re.sub(rf"\s*(?:{SIGN_ALT})\s*$", "", joiner, flags=re.I).strip() or joiner
    if not _closes_range(text, at, span, nxt, joiner):
        return span, ()
    lo_v, hi_v = _carried_scale(text, span.value, n, nxt), nxt.value
    if not hi_v >= lo_v:  # (a NaN end is no range either)
        return span, ()
    q_before = span.before
    cut = _BETWEEN_RE.search(q_before)
    if cut is None and joiner != "-":
        cut = _FROM_RE.search(q_before)
    cut_len = len(cut.group(0)) if cut else 0
    range_span = Span(lo_v, lo_v, hi_v, "range", span.start - cut_len, nxt.end, q_before[: len(q_before) - cut_len])
    return range_span, (at.idx + 1,)


def _unit_joiner(text: str, span: Span, mid: str, nxt: NumberMatch) -> str | None:
    """The joiner of a "from"/"between" range whose ends both carry the unit ("from 5 miles to 7 miles") or
    whose second end is a bound ("from $20 up to $45"): ``to`` or ``and``; else ``None``."""
    if not (_FROM_RE.search(span.before) or _BETWEEN_RE.search(span.before)):
        return None
    m = _UNIT_JOINER_RE.fullmatch(mid)
    if m is None:
        return None
    unit = " ".join(m.group("unit").split()).lower()
    after = " ".join(text[nxt.end:nxt.end + len(m.group("unit")) + 4].split()).lower()
    if unit and not re.match(rf"{re.escape(unit)}(?![\w])", after):
        return None  # "from 5 miles to 7 km" (a change of unit) or "from 5 people to ..." (no second unit)
    if not unit and "up" not in m.group("j").lower():
        return None
    return "and" if m.group("j").lower() == "and" else "to"


def _closes_range(text: str, at: NumberAt, span: Span, nxt: NumberMatch, joiner: str) -> bool:
    """Whether ``joiner`` and the next number ``nxt`` close a range that starts at this number."""
    n, q_before = at.n, span.before
    between = bool(_BETWEEN_RE.search(q_before))
    from_ = bool(_FROM_RE.search(q_before))
    if joiner == "and":
        return between
    if joiner in ("to", "through", "thru"):
        ok = between or not (from_ and _CHANGE_VERB_RE.search(q_before))
        if ok and not between and not from_:
            # "fell by 36,000 to 293,000": a change, then the new value.
            pct = bool(PERCENT_RE.match(text[nxt.end:nxt.end + 30]))
            ok = not is_change_then_value(q_before, span.value, nxt.value, pct)
        return ok and not (n.kind == "digits" and n.value == int(n.value)
                           and 1800 <= n.value <= 2099 and 1800 <= nxt.value <= 2099)
    if joiner in ("-", "–", "—"):
        # The 30 characters before the number, within its sentence.
        return not SCORE_RE.search(text[max(at.s_start, n.start - 30):n.start]) and nxt.value > n.value
    if joiner == "or":
        return n.kind == nxt.kind and nxt.value > n.value and not currency_after(text[span.end:span.end + 40])[2]
    return False


def _carried_scale(text: str, value: float, n: NumberMatch, nxt: NumberMatch) -> float:
    """The low end with the high end's scale when only the high end has one ("$89 to $93 billion")."""
    if nxt.scaled and not n.scaled and nxt.kind == "digits":
        bare = re.sub(r"[^\d.]", "", re.sub(r"\s*[A-Za-z]+$", "", text[nxt.start:nxt.end]))
        factor = nxt.value / float(bare) if bare and float(bare) else 1.0
        if abs(value) <= float(bare or 0):
            return value * factor
    return value


# --- 4. qualifier ---------------------------------------------------------------------


def hedge_before(text: str, at: NumberAt, span: Span) -> Span:
    """Step 4: the span with the hedge before it ("at least", "about") taken in, unless the word is a preposition."""
    q_before = span.before
    kind, qpos = qual_before(q_before)
    if kind and _not_a_hedge(kind, q_before[:qpos], q_before[qpos:], text[at.n.start:span.end]):
        kind = None
    if not kind:
        return span
    # A range keeps its qualifier under a bound ("up to 5 or 6"); an approximate range ("about 8 or 9",
    # "roughly $3bn-$4bn") is approximate, its ends kept in ``low``/``high``.
    qualifier = span.qualifier if span.qualifier == "range" and kind != "about" else kind
    return span._replace(qualifier=qualifier, start=span.start - (len(q_before) - qpos), before=q_before[:qpos])


def _not_a_hedge(kind: str, before_hedge: str, hedge: str, number: str) -> bool:
    """Whether a hedge word is a preposition here ("information about two programs", "under one roof")."""
    words = before_hedge.split()
    prev = words[-1].lower().strip(",.;:") if words else ""
    if kind == "about" and prev in _ABOUT_PREPOSITION_BEFORE:
        return True
    return hedge.strip().lower() in ("over", "under", "above", "below") and number.lower() in ("one", "a", "an")


def hedge_after(
    text: str, at: NumberAt, qualifier: str | None, end: int, allowed: bool = True
) -> tuple[str | None, int, str]:
    """Step 4: a hedge at ``end`` ("or more", "-odd") if none yet: the qualifier, the end past it, the words after."""
    after = text[end:min(at.s_end, end + 120)]
    if qualifier is None and allowed:
        qa = _QUAL_AFTER_RE.match(after)
        if qa:
            kind = next(k for k, v in qa.groupdict().items() if v)
            qualifier = {"about2": "about"}.get(kind, kind)
            end += qa.end()
            after = text[end:min(at.s_end, end + 120)]
    return qualifier, end, after


# --- 5. money and percent -------------------------------------------------------------


def read_money(text: str, at: NumberAt, code: str | None, end: int) -> tuple[str | None, str | None, int]:
    """Step 5: the unit and currency that a percent sign, a currency or an attached unit gives, and the end past it."""
    after = text[end:min(at.s_end, end + 120)]
    unit = None
    currency = code
    pm = PERCENT_RE.match(after)
    consumed = 0
    if pm and not code:
        unit = "percent" if pm.group("pct") else ("percentage points" if pm.group("pp") else "basis points")
        consumed = pm.end()
    else:
        c2, cname, clen = currency_after(after)
        if clen:
            if c2 or not currency:
                currency = c2 or currency
            unit = cname
            consumed = clen
        elif currency:
            unit = CURRENCY_NAMES.get(currency)
        if not unit:
            am = ATTACHED_UNIT_RE.match(after)
            if am and at.n.kind == "digits":
                unit = _SHORT_UNITS.get(am.group("u"), am.group("u"))
                consumed = am.end()
            elif (fm := _FOLD_RE.match(after)) and at.n.kind in ("digits", "words"):
                unit, consumed = "times", fm.end()  # "a 3-fold rise", "threefold": a multiplier, as "3 times"
    return unit, currency, end + consumed


def take_conversion(
    text: str, numbers: Sequence[NumberMatch], at: NumberAt, end: int
) -> tuple[int, tuple[int, ...]]:
    """Step 5: the end past an amount's conversion ("(US$22 million)") and the indexes of the numbers in it."""
    after = text[end:min(at.s_end, end + 120)]
    conv = _CONVERSION_SIGN_RE.match(after) or _CONVERSION_WORD_RE.match(after)
    if not conv:
        return end, ()
    conv_end = end + conv.end()
    taken = tuple(j for j in range(at.idx + 1, min(at.idx + 4, len(numbers))) if numbers[j].start < conv_end)
    end = conv_end if conv.group(0).rstrip().endswith(")") else end + len(conv.group(0).rstrip(", "))
    return end, taken


# --- 6. unit --------------------------------------------------------------------------


# A harm participle right after a number, then no noun: "four shot outside a bar", "2 killed, 3 hurt".
_HARMED_AFTER_RE = re.compile(
    r"\s+(?:shot|killed|wounded|injured|hurt|hospitali[sz]ed|slain)\b(?=\s+(?:in|at|on|outside|near|inside|after|during"
    r"|when|while|by|and|as|early|late|overnight|following|since|over)\b|\s*(?:[,.;:!?]|$))", re.I)


def read_unit(after: str, end: int, note: str | None) -> tuple[str | None, int, str | None]:
    """Step 6: the unit from the words after the number (else ``note``), the end past it, and a participle before it."""
    if _HARMED_AFTER_RE.match(after):
        return None, end, None  # "four shot outside a restaurant": the participle is the verb, people the unit
    unit, uend, modifier = unit_phrase(after)
    unit_end = end + uend if unit else end
    if unit is None and note is not None:
        unit = note  # "rose 64.06 points to 4,577.10": the new value's unit is the change's
    return unit, unit_end, modifier


def unit_before(text: str, at: NumberAt, fig_start: int, pclass: str | None) -> str | None:
    """Step 6: the counted noun before the figure ("the number of refugees ... reached", "a population of")."""
    s_start = at.s_start
    nm = _NUMBER_OF_RE.search(text[max(s_start, fig_start - 120):fig_start])
    if nm:
        return nm.group("noun")
    if pclass == "killed" and _TOLL_RE.search(text[max(s_start, fig_start - 80):fig_start]):
        return "people"
    if pclass in PEOPLE_PREDS:
        return "people"
    om = _NOUN_OF_RE.search(text[max(s_start, fig_start - 40):fig_start])
    if om and om.group("noun").lower() not in STOP and om.group("noun").lower() not in _NOT_UNITS:
        return om.group("noun")  # "a population of 80,000", "a crowd of 5,000"
    return None


# --- 7. predicate ---------------------------------------------------------------------


def read_predicate(
    text: str, at: NumberAt, fig_start: int, after_unit: str, is_money: bool, unit: str | None = None
) -> tuple[str | None, str | None]:
    """Step 7: the predicate and its class from the clause, a count this is part of, or a death toll."""
    s_start = at.s_start
    pred, pclass = figure_predicate(text[max(s_start, fig_start - 80):fig_start], after_unit, is_money, unit)
    window = text[max(s_start, fig_start - 40):fig_start].lower()
    part = _PART_OF_RE.search(window) if ("includ" in window or " of " in window or "among" in window) else None
    if part:
        # "killing civilians, including three children": a part of another count.
        return " ".join(part.group(1).lower().split()), None
    frame = None if is_money else toll_complement(text, s_start, fig_start) \
        or casualty_pair(text[s_start:fig_start], text[at.n.end:at.n.end + 60], after_unit)
    if frame is not None:
        return frame  # "the number of dead has reached 19", "the death toll at six and the number of injured at 28"
    if not is_money and _LIVES_RE.match(text, at.n.end) and (
            _LOSS_BEFORE_RE.search(text, max(s_start, fig_start - 40), fig_start)
            or _LOST_AFTER_RE.match(after_unit)):
        return "lives", "killed"  # "claimed 30 lives", "40 lives were lost" (not "the lives of 600 into tumult")
    if pclass is None and not is_money and "toll" in text[max(s_start, fig_start - 160):fig_start] \
            and _TOLL_TO_RE.search(text, max(s_start, fig_start - 160), fig_start):
        return "death toll", "killed"  # "raised the death toll from ... to 61"
    return pred, pclass


def settle_predicate(
    unit: str | None, modifier: str | None, pred: str | None, pclass: str | None
) -> tuple[str | None, str | None]:
    """Step 7: the predicate the unit or a participle before it gives ("refugees", "displaced Kurds", "35 dead")."""
    if unit and unit.lower() in FLEEING_WORDS and pclass is None:
        pclass = "fled"
    if modifier and pclass is None:
        pred, pclass = modifier, PRED_OF[modifier]  # "5,000 displaced Kurds"
        if pclass not in PEOPLE_PREDS:
            pclass = None
    # The counted word may itself say what happened ("35 dead", "left dozens dead").
    if unit and unit.lower() in ("dead", "deaths", "fatalities", "bodies", "martyrs"):
        pclass, pred = "killed", unit.lower()
    if unit and unit.lower() in ("injured", "wounded", "injuries"):
        pclass, pred = "injured", unit.lower()
    if unit and unit.lower() == "fatally":
        pclass, pred = "killed", "fatally"  # "six people were shot, one fatally"
    return pred, pclass


# A count that is the object of a verb of having or of kinship counts people who were not
# harmed: "Smith, who had two grown children, was killed", "a father of three was shot".
_HAVING_RE = re.compile(
    r"\b(?:had|has|have|having|survived\s+by|raised|raising|adopted"
    r"|(?:father|mother|parent|parents|grandfather|grandmother|grandparents?)\s+of)"
    r"\s+(?:(?:his|her|their|its|a|an|the|at\s+least|about|some)\s+)?$", re.I)
# A medical condition says the counted were hurt, not killed: "two critical", "two are in
# critical condition", "three remain hospitalised in serious condition".
_CONDITIONS = ("critical", "serious", "stable", "grave", "fair", "good", "life-threatening")
_CONDITION_AFTER_RE = re.compile(
    r"\s*(?:(?:were|was|are|is|remain|remained|remains|listed|reported|still|later|both|all)\s+){0,3}"
    r"(?:(?:hospitali[sz]ed|treated)\s+)?in\s+(?:critical|serious|stable|grave|fair|good|very\s+critical)"
    r"(?:\s+but\s+stable)?\s+condition", re.I)


# A shooting's object said to have died of it: "shot five people to death", "shooting two men dead".
_TO_DEATH_RE = re.compile(r"\s*(?:to\s+death|dead)\b", re.I)


def reframe_predicate(before: str, after_unit: str, unit: str | None,
                      pred: str | None, pclass: str | None) -> tuple[str | None, str | None, str | None]:
    """Step 7: the frame of the count itself, over the verb read near it: ``(unit, pred, pclass)``.

    ``before`` is the sentence before the count, ``after_unit`` the text after its unit.
    A count that is the object of a verb of having or of kinship ("who had two grown
    children") takes no harm; a count in a medical condition ("two critical", "two were in
    critical condition") is of the hospitalised (``hospitalized``, a part of the injured that
    is often not all of them), never of the killed; the shot said to be shot to death or dead
    ("shot five people to death") are of the killed.

    Example:
        >>> reframe_predicate("Smith, who had ", ", was killed", "children", "killed", "killed")
        ('children', None, None)
        >>> reframe_predicate("three were shot, ", "", "critical", "shot", "shot")
        (None, 'critical', 'hospitalized')
    """
    if pclass in PEOPLE_PREDS and _HAVING_RE.search(before[-60:]):
        return unit, None, None
    if unit and unit.lower() in _CONDITIONS:
        return None, unit.lower(), "hospitalized"
    if pclass in (None, "killed", "shot") and _CONDITION_AFTER_RE.match(after_unit):
        return unit, "condition", "hospitalized"
    if pclass == "shot" and _TO_DEATH_RE.match(after_unit):
        return unit, f"{pred} to death", "killed"  # "shot five people to death": the shot were killed
    return unit, pred, pclass
