"""Number parsing for figure extraction: digits, words, scales, fractions, vague words.

:func:`find_numbers` scans a whole text with one compiled regular expression and
returns every number-like span with its value; :func:`parse_number` parses one
expression. Neither decides whether a number is a *figure* (a year, an age or a
house number is still a number here): :mod:`storyledger.extract.figures.figures` does that.

Forms read:

* digits with thousands separators ``250,413``, ``1,000,000.5``, thin-space or
  no-break-space groups ``100 417``; a comma followed by anything but exactly
  three digits is not a separator, and digits right after a digit and a comma
  never start a number (``1,5`` reads as 1: English news writes decimals with
  a point, and a decimal comma cannot be told from a list);
* groups of three after a plain space (``3 400 arrested``, as translated and
  European copy writes them), where the text says they are one number: a head of
  one to three digits (no leading zero), groups of exactly three, no other number,
  separator or joiner beside them (not a list "3 4 5", a phone number "555 123
  4567", a range "1 200-1 800", a code, a day "May 15 200"), in a text that writes
  no thousands with commas, and a count by its own words (a currency sign, a hedge
  or "of"/"to" before it, a lowercase word after it that is no function word, so
  not "Rooms 101 102 were") or in a text where another such number is one;
  otherwise the head is read alone, as before;
* digits with a scale: ``1.5 million``, ``20 mln``, ``3.2bn``, ``2.5 trillion``,
  ``5 lakh``, ``3 crore``; the one-letter abbreviations ``m``/``b``/``k``
  count as scales only right after a currency sign (``$5m``, ``£3bn``) because
  ``5m`` alone is five metres;
* words: ``three``, ``twenty-five``, ``one hundred and five``,
  ``a thousand``, ``two million``, ``half a million``, ``a dozen``;
* fractions: ``half``, ``a third``, ``two-thirds``, ``a quarter``,
  ``three quarters`` (value below 1; the caller reads ``of ...`` as the unit);
* vague quantities become ranges (see below).

Vague quantities. Following the conservative coding of ACLED, whose codebook
records "dozens" of fatalities as 12 and "hundreds" as 100, a plural of a
counting word means *at least one of it*: ``value`` is the smallest number the
words can mean and ``high`` the largest before the next larger word would be
used. "A few" and "several" take the conventional 3 as their value.

==========================  =========  =========  ==========
words                       value      low        high
==========================  =========  =========  ==========
a couple (of)               2          2          3
a few, a handful            3          2          5
several                     3          3          9
tens (of)                   10         10         99
dozens                      12         12         99
scores                      20         20         99
hundreds                    100        100        999
thousands                   1,000      1,000      9,999
tens of thousands           10,000     10,000     99,999
hundreds of thousands       100,000    100,000    999,999
millions (and so on)        10^6       10^6       10^7 - 1
a few / several <scale>     the a-few / several row times the scale
                            ("a few hundred" = 300, 200-500)
dozens of thousands         12,000     12,000     99,999
==========================  =========  =========  ==========
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .function_words import STOP
from .words import MONTHS

__all__ = [
    "CODE_AFTER_RE",
    "COUNTRY_CURRENCY",
    "CURRENCY_AFTER_RE",
    "CURRENCY_NAMES",
    "CURRENCY_SIGNS",
    "CURRENCY_WORDS",
    "CURRENCY_WORD_ALT",
    "ISO_CODES",
    "NumberMatch",
    "SIGN_ALT",
    "SIGN_BEFORE_RE",
    "currency_after",
    "currency_before",
    "find_numbers",
    "letter_sign_before",
    "parse_number",
]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "lakh": 100_000, "crore": 10_000_000,
}
# Abbreviated scales; the single letters only after a currency sign (see module doc).
_ABBREV = {
    "mn": 1e6, "mln": 1e6, "mil": 1e6, "mio": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
    "m": 1e6, "b": 1e9, "k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9,
}
_FRACTIONS = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
    "quarters": 0.25, "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2,
    "sixth": 1 / 6, "sixths": 1 / 6, "tenth": 0.1, "tenths": 0.1,
}
# (value, low, high) of a vague word, before any scale multiplies it.
_VAGUE = {
    "couple": (2, 2, 3), "few": (3, 2, 5), "handful": (3, 2, 5), "several": (3, 3, 9),
}
_PLURAL_SCALE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
    "millions": 1_000_000, "billions": 1_000_000_000, "trillions": 1_000_000_000_000,
}

_UNIT_W = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_W = "|".join(_TENS)
_SCALE_W = "|".join(_SCALES)
_NW = rf"(?:(?:{_TENS_W})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|(?:{_UNIT_W}))"
_WORDS = (
    rf"(?:(?:a|an|{_NW})[- ]+(?:{_SCALE_W})\b(?:\s+and(?=\s+{_NW}\b))?|{_NW}\b|a\s+dozen\b)"
    rf"(?:(?:[- ]+(?:{_SCALE_W}|dozen)(?:\s+and(?=\s+{_NW}\b))?|[- ]+{_NW})\b)*"
)
_DIGITS_PLAIN = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+|\d+(?:\.\d+)?|\.\d+)"
# Groups of three after a plain space ("3 400"), tried before the plain digits and kept only where
# :func:`_spaced_ok` finds them a number (see the module doc), else the head is read alone.
_DIGITS = _DIGITS_PLAIN.replace(r"|\d+(?:\.\d+)?", r"|[1-9]\d{0,2}(?:[ ]\d{3})+(?!\w)|\d+(?:\.\d+)?", 1)  # [ ]: the pattern is verbose
_ABBR = r"(?:mn|mln|mil|mio|bn|bln|tn|trn)"
_FRAC_W = "|".join(sorted(_FRACTIONS, key=len, reverse=True))
_VAGUE_HEAD = r"(?:a\s+couple(?:\s+of)?|a\s+few|a\s+handful(?:\s+of)?|several)"
_PLURALS = "|".join(_PLURAL_SCALE)

_NUMBER_SRC = rf"""
(?P<vague>
    (?P<vhead>{_VAGUE_HEAD})(?:\s+(?P<vscale>dozen|{_SCALE_W})\b)?
  | (?P<plural>{_PLURALS})(?:\s+of\s+(?P<plural2>thousands|millions|billions))?\b
)
|(?P<frac>
    (?:(?P<fnum>a|an|one|two|three|four|five|six|seven|eight|nine)[- ]+)?(?P<fden>{_FRAC_W})\b
)
|(?P<ratio>(?P<rn>one|\d{{1,3}})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<rd>two|three|four|five|six|seven|eight|nine|ten|\d{{1,4}})\b)
|(?P<slashfrac>(?P<sn>[1-9])/(?P<sd>[2-9]|1[0-6])\b(?!/\d))
|(?P<num>
    (?P<digits>{_DIGITS})
    (?:(?:\s*|-)(?P<dscale>{_SCALE_W}|{_ABBR})\b|(?P<letter>[mbkMBK])\b(?![.'’]\w))?
  | (?P<words>{_WORDS})
)
"""
_FIRST_WORDS = (
    r"an?\s+(?:few|couple|handful|dozen|half|third|quarter|fourth|fifth|sixth|tenth|hundred|thousand|million"
    r"|billion|trillion|lakh|crore)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|zero|dozens?|several"
    "|tens|scores|hundreds?|thousands?|millions?|billions?|trillions?|half|halves|thirds?|quarters?|fourths?"
    "|fifths?|sixths?|tenths?|lakh|crore"
)
# Matching runs on the lowercased text (same length: see _lower) with
# case-sensitive patterns, and only at cheap triggers (a digit or a number word
# at a word start): an IGNORECASE alternation tried at every position was 4x slower.
# Every trigger starts with a digit, a dot or the first letter of a number word: saying so
# first lets the engine pass over other positions without trying each alternative.
_FIRST_LETTERS = "".join(sorted({w.lstrip("(?:")[0] for w in _FIRST_WORDS.split("|")}))
_TRIGGER_RE = re.compile(rf"(?=[\d.{_FIRST_LETTERS}])(?:(?<![\d,.])\d|\b(?:{_FIRST_WORDS})\b|(?<![\w.])\.\d)")
_NUMBER_RE = re.compile(_NUMBER_SRC, re.X)
_NUMBER_PLAIN_RE = re.compile(_NUMBER_SRC.replace(_DIGITS, _DIGITS_PLAIN), re.X)
_HALF_A_RE = re.compile(rf"\b(?:half|a\s+quarter\s+of)\s+an?\s+({_SCALE_W})\b")


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        # A few characters lowercase to two ("İ"): lower character by character.
        low = "".join(c.lower()[0] for c in text)
    return low


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number-like span: ``text[start:end]`` means ``value`` (``low``..``high`` if vague).

    ``kind`` is ``digits``, ``words``, ``vague``, ``fraction``; ``scaled`` says a
    scale word or abbreviation was part of it; ``letter_scale`` that the scale
    was a bare ``m``/``b``/``k`` (valid only after a currency sign).
    """

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    kind: str
    scaled: bool = False
    letter_scale: bool = False


def _words_value(text: str) -> float | None:
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if not w or w == "and":
            continue
        if w in ("a", "an"):
            current += 1
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _digits_value(text: str) -> float:
    return float(re.sub(r"[, \u00a0\u2009\u202f]", "", text))


def _match_to_number(m: re.Match[str], base: int = 0) -> NumberMatch | None:
    start, end = m.start() + base, m.end() + base
    if m.group("vague"):
        if m.group("vhead"):
            word = m.group("vhead").lower().split()[-1]
            if word == "of":
                word = m.group("vhead").lower().split()[-2]
            v, lo, hi = _VAGUE[word]
            scale_word = (m.group("vscale") or "").lower()
            scale = 12 if scale_word == "dozen" else _SCALES.get(scale_word, 1)
            return NumberMatch(start, end, float(v * scale), float(lo * scale), float(hi * scale), "vague",
                               bool(scale_word))
        unit = _PLURAL_SCALE[m.group("plural").lower()]
        if m.group("plural2"):
            unit *= _PLURAL_SCALE[m.group("plural2").lower()]
            base_high = 99 if m.group("plural").lower() in ("tens", "dozens", "scores") else 999
            # "tens of thousands" runs up to where "hundreds of thousands" starts.
            high = (base_high + 1) * _PLURAL_SCALE[m.group("plural2").lower()] - 1
            return NumberMatch(start, end, float(unit), float(unit), float(high), "vague", True)
        high = {10: 99, 12: 99, 20: 99}.get(unit, unit * 10 - 1)
        return NumberMatch(start, end, float(unit), float(unit), float(high), "vague", True)
    if m.group("ratio"):
        num = 1 if m.group("rn") == "one" else int(m.group("rn"))
        den = _UNITS.get(m.group("rd")) or int(m.group("rd"))
        if den == 0 or num > den:
            return None
        return NumberMatch(start, end, num / den, None, None, "fraction")
    if m.group("slashfrac"):
        return NumberMatch(start, end, int(m.group("sn")) / int(m.group("sd")), None, None, "fraction")
    if m.group("frac"):
        num = (m.group("fnum") or "").lower()
        den = m.group("fden").lower()
        n = 1 if num in ("", "a", "an") else _UNITS[num]
        if n > 1 and not den.endswith("s") and den != "half":
            return None
        return NumberMatch(start, end, n * _FRACTIONS[den], None, None, "fraction")
    if m.group("digits"):
        try:
            value = _digits_value(m.group("digits"))
        except ValueError:
            return None
        scaled = False
        letter = False
        if m.group("dscale"):
            s = m.group("dscale").lower()
            value *= _SCALES.get(s) or _ABBREV[s]
            scaled = True
        elif m.group("letter"):
            value *= _ABBREV[m.group("letter")]
            scaled = letter = True
        return NumberMatch(start, end, value, None, None, "digits", scaled, letter)
    value = _words_value(m.group("words"))
    if value is None:
        return None
    scaled = bool(re.search(rf"\b(?:{_SCALE_W})\b", m.group("words"), re.I))
    return NumberMatch(start, end, value, None, None, "words", scaled)


# --- a plain space between groups of three ("3 400") -------------------------------------
# Beside a number: a digit juxtaposed ("3 4 5", "555 123 4567"), another separator or a joiner of codes,
# ranges and times ("3 400,5", "101 102-4", "1 200/300", "10 200:30"), a letter or a sign of a code.
_JUXTAPOSED_BEFORE_RE = re.compile(r"(?:\d[ \t]+|[\w#+/@:.,&×-])$")
_JUXTAPOSED_AFTER_RE = re.compile(r"[ \t]+\d|[.,:/×-]\d|[-–]")
_MONTH_BEFORE_RE = re.compile(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?[ \t]+$")
_WORD_AFTER_RE = re.compile(r" +([A-Za-z][a-z'’-]*)")
_WORD_BEFORE_RE = re.compile(r"([a-z]+)[ \t]+$")
# The words before a count that say it is one: hedges and the prepositions of a total ("a total of",
# "rose to", "more than").
_COUNT_BEFORE = frozenset("over about around nearly almost least some than approximately roughly estimated "
                          "of to by only just another".split())
_COMMA_THOUSANDS_RE = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])")
_SPACED_RE = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(?: \d{3})+(?!\w)")


@dataclass(frozen=True, slots=True)
class _SpacedEvidence:
    """What a whole text says of a plain space between digit groups: whether it writes thousands with
    commas (then a space never groups digits in it) and whether one of its space-grouped numbers is a
    count by its own words (then the others are read the same way)."""

    commas: bool
    counted: bool

    @classmethod
    def of(cls, text: str, low: str) -> _SpacedEvidence:
        commas = _COMMA_THOUSANDS_RE.search(low) is not None
        counted = not commas and any(
            _spaced_shape_ok(low, m.start(), m.end()) and _counted_here(text, low, m.start(), m.end())
            for m in _SPACED_RE.finditer(low))
        return cls(commas, counted)


def _spaced_shape_ok(low: str, start: int, end: int) -> bool:
    """Whether ``low[start:end]`` ("3 400") stands alone: no number, code, range or date beside it."""
    return (_JUXTAPOSED_BEFORE_RE.search(low, max(0, start - 4), start) is None
            and _JUXTAPOSED_AFTER_RE.match(low, end) is None
            and _MONTH_BEFORE_RE.search(low, max(0, start - 12), start) is None)


def _counted_here(text: str, low: str, start: int, end: int) -> bool:
    """Whether the words around a space-grouped number make it a count: a currency sign before it, a
    hedge or a preposition of a total before it ("over 3 400"), or a lowercase word after it that is
    no function word ("3 400 arrested", "1 800 people"; not "Rooms 101 102 were", "101 102 Lowmere Road")."""
    if SIGN_BEFORE_RE.search(text, max(0, start - 6), start):
        return True
    before = _WORD_BEFORE_RE.search(low, max(0, start - 16), start)
    if before is not None and before.group(1) in _COUNT_BEFORE:
        return True
    after = _WORD_AFTER_RE.match(text, end)
    return after is not None and after.group(1)[0].islower() and after.group(1) not in STOP


def _spaced_ok(text: str, low: str, start: int, end: int, evidence: _SpacedEvidence) -> bool:
    """Whether the digits ``text[start:end]``, groups of three after a plain space, are one number.

    A space groups digits only in a text that writes no thousands with commas, in a number that stands
    alone (:func:`_spaced_shape_ok`: not "3 4 5", "555 123 4567", "101 102-4", "May 15 200") and that
    its own words make a count (:func:`_counted_here`) or in a text where another such number is one.
    """
    if evidence.commas or not _spaced_shape_ok(low, start, end):
        return False
    return evidence.counted or _counted_here(text, low, start, end)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number-like span of ``text``, in order, with its value.

    Args:
        text: Any text.

    Returns:
        Non-overlapping matches; a bare ``m``/``b``/``k`` after digits is
        included (``letter_scale``) and is for the caller to accept or undo.

    Example:
        >>> [(n.value, n.kind) for n in find_numbers("twenty-five of 1.5 million")]
        [(25.0, 'words'), (1500000.0, 'digits')]
    """
    out: list[NumberMatch] = []
    low = _lower(text)
    halves = {m.start(): m for m in _HALF_A_RE.finditer(low)} if "half" in low or "quarter" in low else {}
    pos = 0
    evidence: _SpacedEvidence | None = None
    for t in _TRIGGER_RE.finditer(low):
        start = t.start()
        if start < pos:
            continue
        h = halves.get(start)
        if h is not None:
            frac = 0.5 if h.group(0).startswith("half") else 0.25
            out.append(NumberMatch(h.start(), h.end(), frac * _SCALES[h.group(1)], None, None, "words", True))
            pos = h.end()
            continue
        m = _NUMBER_RE.match(low, start)
        if m is None:
            continue
        if m.group("digits") and " " in m.group("digits"):
            if evidence is None:
                evidence = _SpacedEvidence.of(text, low)
            if not _spaced_ok(text, low, m.start("digits"), m.end("digits"), evidence):
                m = _NUMBER_PLAIN_RE.match(low, start)
                if m is None:
                    continue
        nm = _match_to_number(m)
        if nm is None:
            continue
        out.append(nm)
        pos = nm.end
    return out


def parse_number(text: str) -> NumberMatch | None:
    """Parse ``text`` as one number expression (surrounding spaces allowed).

    Args:
        text: e.g. ``"250,413"``, ``"twenty-five"``, ``"1.5 million"``, ``"dozens"``.

    Returns:
        The number, or ``None`` when the whole text is not one number.

    Example:
        >>> parse_number("one hundred and five").value
        105.0
        >>> n = parse_number("a few hundred"); (n.value, n.low, n.high)
        (300.0, 200.0, 500.0)
    """
    s = text.strip()
    found = find_numbers(s)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(s):
        return None
    return found[0]


# --- money -------------------------------------------------------------------------
# Currency signs, codes and names around a number; figures.py decides what they mean.

# A one-letter prefix of "$" that is also a word or an initial is glued to it ("A$40m", "R$5bn"): "A $5 fee" is an
# article and a dollar amount.
CURRENCY_SIGNS = {
    "$": "USD", "us$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "mx$": "MXN", "₱": "PHP", "gh¢": "GHS", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "₽": "RUB", "₺": "TRY", "₪": "ILS", "₦": "NGN", "₩": "KRW", "rs": "INR", "rs.": "INR", "rm": "MYR",
}
CURRENCY_NAMES = {
    "USD": "US dollars", "AUD": "Australian dollars", "CAD": "Canadian dollars", "NZD": "New Zealand dollars",
    "HKD": "Hong Kong dollars", "SGD": "Singapore dollars", "GBP": "pounds", "EUR": "euros", "JPY": "yen",
    "INR": "rupees", "RUB": "roubles", "TRY": "lira", "ILS": "shekels", "NGN": "naira", "KRW": "won",
    "CHF": "Swiss francs", "CNY": "yuan", "ZAR": "rand", "SEK": "Swedish kronor", "NOK": "Norwegian kroner",
    "DKK": "Danish kroner", "PLN": "zloty", "MXN": "Mexican pesos", "BRL": "reais", "AMD": "drams",
    "AZN": "manats", "UAH": "hryvnias", "SAR": "riyals", "AED": "dirhams", "EGP": "Egyptian pounds",
    "SYP": "Syrian pounds", "LBP": "Lebanese pounds", "PKR": "Pakistani rupees", "CZK": "Czech koruna",
    "MYR": "ringgit", "IDR": "rupiah", "BDT": "taka", "KES": "Kenyan shillings", "GHS": "cedis", "PHP": "pesos",
}
ISO_CODES = "|".join(CURRENCY_NAMES)
# A currency word with the adjective that names its country; a missing or unknown
# adjective leaves the code to the word's default (None when ambiguous).
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "franc": None, "francs": None, "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "lira": "TRY", "liras": "TRY", "shekel": "ILS", "shekels": "ILS", "crown": None, "crowns": None,
    "krona": "SEK", "kronor": "SEK", "krone": None, "kroner": None, "rand": "ZAR", "naira": "NGN",
    "peso": None, "pesos": None, "won": "KRW", "dram": "AMD", "drams": "AMD", "manat": "AZN",
    "manats": "AZN", "hryvnia": "UAH", "hryvnias": "UAH", "zloty": "PLN", "zlotys": "PLN", "riyal": "SAR",
    "riyals": "SAR", "dirham": "AED", "dirhams": "AED", "dinar": None, "dinars": None, "real": "BRL",
    "reais": "BRL", "koruna": "CZK", "rial": None, "rials": None, "cents": None, "pence": "GBP",
}
COUNTRY_CURRENCY = {
    ("swiss", "franc"): "CHF", ("danish", "crown"): "DKK", ("danish", "krone"): "DKK",
    ("swedish", "crown"): "SEK", ("swedish", "krona"): "SEK", ("norwegian", "crown"): "NOK",
    ("norwegian", "krone"): "NOK", ("czech", "crown"): "CZK", ("canadian", "dollar"): "CAD",
    ("australian", "dollar"): "AUD", ("hong", "dollar"): "HKD", ("kong", "dollar"): "HKD",
    ("zealand", "dollar"): "NZD", ("singapore", "dollar"): "SGD", ("taiwan", "dollar"): "TWD",
    ("egyptian", "pound"): "EGP", ("syrian", "pound"): "SYP", ("lebanese", "pound"): "LBP",
    ("sudanese", "pound"): "SDG", ("pakistani", "rupee"): "PKR", ("indian", "rupee"): "INR",
    ("mexican", "peso"): "MXN", ("philippine", "peso"): "PHP", ("argentine", "peso"): "ARS",
    ("chilean", "peso"): "CLP", ("colombian", "peso"): "COP", ("iraqi", "dinar"): "IQD",
    ("jordanian", "dinar"): "JOD", ("kuwaiti", "dinar"): "KWD", ("iranian", "rial"): "IRR",
    ("turkish", "lira"): "TRY", ("us", "dollar"): "USD", ("u.s.", "dollar"): "USD",
    ("american", "dollar"): "USD", ("cfa", "franc"): "XOF", ("congolese", "franc"): "CDF",
}
CURRENCY_WORD_ALT = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
SIGN_ALT = r"(?:(?:US|U\.S\.|AU|CA|NZ|HK|MX|S)\s?|(?:A|C|R)(?=\$))?\$|GH¢|[£€¥₹₽₺₪₦₩₱]|\b(?:" + ISO_CODES + r"|Rs\.?|RM)"
SIGN_BEFORE_RE = re.compile(rf"(?:{SIGN_ALT})\s?(?P<minus>[-−])?$")
CURRENCY_AFTER_RE = re.compile(
    rf"^\s*(?P<adj>(?:(?:[A-Z][\w.]*|U\.S\.)\s+){{0,2}})(?P<word>(?i:{CURRENCY_WORD_ALT}))\b(?:\s+sterling\b)?",
)
CODE_AFTER_RE = re.compile(rf"^\s*(?P<code>{ISO_CODES})\b")


def currency_before(before: str) -> tuple[str | None, int, bool]:
    """The currency written just before a number: (ISO code, length of its text, minus after it)."""
    m = SIGN_BEFORE_RE.search(before)
    if not m:
        return None, 0, False
    sign = re.sub(r"\s+", "", m.group(0).rstrip("-− "))
    code = CURRENCY_SIGNS.get(sign.lower()) or (sign.upper() if sign.upper() in CURRENCY_NAMES else None)
    if code is None and sign.lower().startswith("rs"):
        code = "INR"
    return code, len(m.group(0)), bool(m.group("minus"))


def currency_after(after: str) -> tuple[str | None, str | None, int]:
    """The currency written just after a number: (ISO code, unit name, length consumed)."""
    m = CODE_AFTER_RE.match(after)
    if m:
        code = m.group("code").upper()
        return code, CURRENCY_NAMES.get(code), m.end()
    m = CURRENCY_AFTER_RE.match(after)
    if not m:
        return None, None, 0
    word = m.group("word").lower()
    if word in ("pound", "pounds") and re.match(r"\s+of\b", after[m.end():]):
        return None, None, 0  # "a pound of flour" is a weight
    adj_words = m.group("adj").split()
    code = CURRENCY_WORDS[word]
    sing = word[:-1] if word.endswith("s") and word not in ("naira", "reais") else word
    sing = {"rouble": "rouble", "kroner": "krone", "kronor": "krona", "reais": "real"}.get(word, sing)
    for adj in adj_words:
        c = COUNTRY_CURRENCY.get((adj.lower().rstrip(","), sing))
        if c:
            code = c
    consumed = m.end()
    if adj_words and not any(COUNTRY_CURRENCY.get((a.lower(), sing)) for a in adj_words):
        # The capitalised words before the currency word are not its country: keep them out.
        consumed = m.end()
        unit = m.group("word")
    else:
        unit = (" ".join(adj_words) + " " + m.group("word")).strip()
    if word in ("cents", "pence"):
        unit = word
    return code, unit, consumed


# Currencies written as letters glued to the amount ("Dh5.2 billion", "Rp5 trillion", "Tk50 crore", "KSh300",
# "R12 million"): the ISO code of each known sign (None where the sign names several currencies).
_LETTER_SIGNS = {"dh": "AED", "dhs": "AED", "rp": "IDR", "tk": "BDT", "ksh": "KES", "sh": None, "r": "ZAR",
                "n": "NGN"}
_LETTER_SIGN_RE = re.compile(r"(?<![\w$&'’.-])(?P<sign>[A-Z][A-Za-z]{0,2})$")


def letter_sign_before(before: str, scaled: bool) -> tuple[str | None, int] | None:
    """A currency written as letters glued to an amount: ``(ISO code or None, length of the sign)``, else ``None``.

    By form: a capitalised prefix of one to three letters glued to an amount with a scale word
    ("Le5 billion", "R12 million", "Dh5.2 billion"; ``scaled``); a known sign of two or more letters
    also before a bare amount ("Tk50", "KSh300"). A prefix before a bare amount is a name ("S23", "G7").

    Example:
        >>> letter_sign_before("a deal worth Dh", scaled=True)
        ('AED', 2)
        >>> letter_sign_before("the new S", scaled=False) is None
        True
    """
    m = _LETTER_SIGN_RE.search(before)
    if m is None:
        return None
    sign = m.group("sign")
    if scaled or (len(sign) >= 2 and sign.lower() in _LETTER_SIGNS):
        return _LETTER_SIGNS.get(sign.lower()), len(sign)
    return None
