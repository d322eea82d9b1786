"""Figures of a sentence pair: read each number with its scale, format and unit, and say whether two differ.

Used by :mod:`storyledger.align.paraphrase` (the number veto and features) and
:mod:`storyledger.align.story` (a figure that differs inside a story). Figures are
read with their scale and format normalised ("$1.2 billion" = "1.2bn",
"4 percent" = "4%", "33,000" = "33 000", "one million" = "1 million");
a plain count must match exactly, an amount may be the other at another
precision, a hedged figure the other rounded (:func:`same_value`).
"""

from __future__ import annotations

import functools
import math
import re

from ..text import STOP

__all__ = [
    "figure_evidence",
    "numbers_disagree",
    "read_figures",
    "same_value",
]


def numbers_disagree(a: str, b: str) -> bool:
    """A figure of one text given as a different value for the same thing in the other.

    Two figures are of the same thing when they carry the same unit (a currency,
    ``percent``, the counted noun: "36 feet" / "38 feet", "$1.71 million" /
    "$1.5 million"), or, when either has no unit, when a word beside them is
    the same ("Smith, 30," / "Smith, 32,"). Figures are read with their scale
    and format normalised ("$1.2 billion" = "1.2bn", "4 percent" = "4%",
    "33,000" = "33 000", "one million" = "1 million"), so a figure merely
    reformatted, rounded (:func:`_close`) or present in one text only vetoes
    nothing; nor do figures in different units ("220 pounds" / "100 kilograms").
    """
    return figure_evidence(read_figures(a), read_figures(b))[0]


def figure_evidence(fa: tuple, fb: tuple) -> tuple[bool, int, int]:
    """``(conflict, lone_a, lone_b)`` for two texts' figures: whether a lone figure of one
    contradicts one of the other (:func:`numbers_disagree`), and how many figures of
    each the other does not give (:func:`same_value`)."""
    if not fa or not fb:
        return False, len(fa), len(fb)
    lone_a = [f[2] for f in fa if not any(same_value(f, g) for g in fb)]
    lone_b = [g[2] for g in fb if not any(same_value(f, g) for f in fa)]
    return any(_same_thing(cx, cy) for cx in lone_a for cy in lone_b), len(lone_a), len(lone_b)


def same_value(f: tuple[float, float, frozenset[str]], g: tuple[float, float, frozenset[str]]) -> bool:
    """Two readings of one value, or the same number with its scale word left out of one ("$5.2 million" / "$5.2").

    How far two values may lie apart depends on how they are given. A hedged
    figure ("about 300", "nearly $2 billion") may be the other one rounded
    (:func:`_close`); an amount with a fraction or a scale ("$1.71 million" /
    "$1.7 million") may be the other at another precision, within 5%; a plain
    count must be the same number: "300 killed" and "320 killed" are two
    different reports, whatever MSRP says of such pairs.
    """
    hedged = _HEDGED in f[2] or _HEDGED in g[2]

    def same(x: float, y: float) -> bool:
        if x == y:
            return True
        if hedged:
            return _close(x, y)
        precise = any(v != int(v) for v in (x, y)) or f[0] != f[1] or g[0] != g[1]
        return precise and abs(x - y) <= 0.05 * max(abs(x), abs(y)) and _close(x, y)

    if same(f[0], g[0]):
        return True
    return (f[0] == f[1]) != (g[0] == g[1]) and same(f[1], g[1])


def _same_thing(cx: frozenset[str], cy: frozenset[str]) -> bool:
    cx, cy = cx - {_HEDGED}, cy - {_HEDGED}
    ux = {w for w in cx if w.startswith("unit:")}
    uy = {w for w in cy if w.startswith("unit:")}
    if ux and uy:
        return bool(ux & uy)
    return bool(cx & cy)


# Scale words and suffixes: "1.2bn", "$5m", "33k", "2.5 million".
_SCALE = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
# Spellings of one unit.
_UNIT = {
    "%": "percent", "pct": "percent", "percent": "percent", "percentage": "percent", "dollars": "$",
    "dollar": "$", "usd": "$", "euros": "€", "euro": "€", "eur": "€", "yen": "¥", "sterling": "£",
    "gbp": "£", "kilograms": "kg", "kilogrammes": "kg", "kilos": "kg", "kilometres": "km",
    "kilometers": "km", "km": "km", "kg": "kg", "a.m": "time", "p.m": "time", "am": "time", "pm": "time",
    "percentage-point": "point", "points": "point", "pts": "point", "cent": "cents",
}  # fmt: skip
_NUMBER_WORD = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {w: 10.0 * i for i, w in enumerate("_ _ _ thirty forty fifty sixty seventy eighty ninety".split()) if i >= 3}
_FRACTION = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
# Words that say a figure is approximate ("nearly 300", "more than $2 billion"): such a
# figure may be another one rounded. Marked in a figure's context by _HEDGED.
_APPROXIMATE = frozenset("about around almost nearly roughly approximately some estimated over more than close".split())
_HEDGED = "~"
# Words that hedge a figure ("nearly 300") say nothing of what it counts.
_HEDGE = frozenset(
    "about around almost nearly roughly approximately some over under least most than more less just "
    "only up down to at by from between per each".split()
)
_FIGURE = re.compile(
    r"(?<![\w.,$€£¥-])(?P<cur>(?:US|[ACS]|NZ|HK)?[$€£¥](?:US)?)?\s?"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)|\d+(?:[.,]\d+)*|\.\d+)"
    r"(?P<frac>\s?[½¼¾⅓⅔])?(?P<sfx>%|[a-zA-Z]+\b)?"
    r"|\b(?P<word>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(?:one|two|three|four|five|six|seven|eight|nine)|" + "|".join(_NUMBER_WORD) + r")\b",
    re.IGNORECASE,
)
_AFTER = re.compile(r"[\s-]*([\w.%$€£¥'’]+)")


def _value(num: str) -> float | None:
    num = re.sub(r"[ \u00a0\u202f]", "", num)
    if re.fullmatch(r"\d+,\d{1,2}", num):  # a decimal comma: "1,2 million"
        num = num.replace(",", ".")
    try:
        return float(num.replace(",", ""))
    except ValueError:
        return None


@functools.lru_cache(maxsize=50_000)
def read_figures(text: str) -> tuple[tuple[float, float, frozenset[str]], ...]:
    """Figures of a text: ``(value, value before scale, context)``.

    The context holds ``unit:<unit>`` for a currency sign, ``percent``, a scale-free
    unit or the counted noun after the number, and the content word before it
    (hedges such as "nearly" dropped). A spelt-out number counts only before a
    scale word or a unit ("two percent", "one million").
    """
    out = []
    for m in _FIGURE.finditer(text):
        figure = _read_figure(text, m)
        if figure is not None:
            out.append(figure)
    return tuple(out)


def _read_figure(text: str, m: re.Match) -> tuple[float, float, frozenset[str]] | None:
    """The figure of one match of ``_FIGURE`` in ``text``, or None where it is no figure."""
    word = m.group("word")
    number = _number_of(m)
    if number is None:
        return None
    value, unit = number
    unscaled = value
    sfx = (m.group("sfx") or "").lower() if not word else ""
    if sfx in _SCALE:
        value *= _SCALE[sfx]
    elif sfx:
        unit = unit or _UNIT.get(sfx, sfx)
    following = _words_after(text[m.end() :])
    k = 0
    if following and following[0] in _SCALE and len(following[0]) > 2:
        value *= _SCALE[following[0]]
        k = 1
    if len(following) > k + 1 and following[k] == "per" and following[k + 1] == "cent":
        nxt = "percent"
    else:
        nxt = following[k] if len(following) > k else ""
    if nxt in _UNIT:
        unit = unit or _UNIT[nxt]
    elif nxt and not unit and nxt not in STOP and nxt not in _HEDGE and nxt.isalpha():
        unit = nxt
    if word and not (k or unit in ("percent",) or (unit and unit == nxt)):
        return None
    return value, unscaled, _context_before(text, m.start(), unit)


def _number_of(m: re.Match) -> tuple[float, str] | None:
    """A match's number before any scale, and the unit its currency sign gives ("" for none); None if unreadable."""
    word = m.group("word")
    if word:
        return sum(_NUMBER_WORD[w] for w in re.split(r"[- ]", word.lower())), ""
    value = _value(m.group("num"))
    if value is None:
        return None
    if m.group("frac"):
        value += _FRACTION[m.group("frac").strip()]
    cur = (m.group("cur") or "").upper().replace("US", "")
    return value, (_UNIT.get(cur.lower(), cur.lower()) if cur else "")


def _words_after(rest: str) -> list[str]:
    """The (up to three) words right after a number, up to a punctuation mark."""
    following: list[str] = []
    pos = 0
    while len(following) < 3:
        w = _AFTER.match(rest, pos)
        if w is None:
            break
        word_after = w.group(1).lower().replace("’", "'")
        following.append(word_after.rstrip(".,;:'"))
        if word_after[-1:] in ",;:" or (word_after.endswith(".") and word_after not in ("a.m.", "p.m.")):
            break
        pos = w.end()
    return following


def _context_before(text: str, start: int, unit: str) -> frozenset[str]:
    """A figure's context: its unit, the content word before it, and the hedge mark if a hedge precedes it."""
    before = re.findall(r"[\w'’]+", text[max(0, start - 40) : start])
    ctx = set()
    if unit:
        ctx.add("unit:" + unit)
    if before:
        w = before[-1].lower()
        if w not in STOP and w not in _HEDGE and not w.isdigit():
            ctx.add(w)
        if w in _APPROXIMATE or (len(before) > 1 and before[-2].lower() in _APPROXIMATE and w in ("than", "to")):
            ctx.add(_HEDGED)
    return frozenset(ctx)


def _close(x: float, y: float) -> bool:
    """Two values that may be one figure, one of them hedged: within 5%, or one the other rounded (within 15%).

    Rounding counts where the rounder value is 100 or more or either has a
    fraction ("about 300" / "320", "6" / "6.4", "$2 billion" / "$1.8 billion"),
    not between small whole counts ("10" / "11").
    """
    big = max(abs(x), abs(y))
    if abs(x - y) <= 0.05 * big:
        return True
    if abs(x - y) > 0.15 * big:
        return False
    for r, o in ((x, y), (y, x)):
        if r == 0 or not (abs(r) >= 100 or r != int(r) or o != int(o)):
            continue
        step = 10.0 ** math.floor(math.log10(abs(r)))
        while step > 1e-6 and abs(r / step - round(r / step)) > 1e-6:
            step /= 10
        if abs(round(o / step) * step - r) <= 1e-6 * step:
            return True
    return False
