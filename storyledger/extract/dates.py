"""Date expressions in news text, resolved against the publication date.

:func:`extract_dates` finds explicit dates ("30 September 2023", "Sept. 30",
"2023-09-30", "9/30/2023", "September 2023", "in 2019") and relative ones
("today", "yesterday", "on Tuesday", "Monday evening", "last week", "this
weekend", "next month", "two days ago", "the third quarter") with one compiled
regular expression over the whole article, and resolves each to a value. A
month abbreviation is a word of its own ("Mar" in "Marigold" is no March).

Values are ISO 8601 calendar dates at the granularity the words give: a day
``2023-09-30``, a month ``2023-09`` or a year ``2023``. Weeks ("last week",
"this weekend") and quarters ("the third quarter") are resolved as such
internally and reported as the month holding the week (its Thursday, the ISO
rule) and the quarter's year, which the report schema accepts;
``resolve_dates(..., timeml=True)`` gives them in TimeML notation
(``2023-W38``, ``2023-Q3``), as the evaluation does.

Resolution conventions (those of news writing and of TimeML):

* a bare weekday ("on Friday") is placed by the verb group of its clause
  (:mod:`.tense`): reported, it is the most recent such day on or before the
  publication date, up to five days back, and the day after the publication
  date rather than six days back (a date stamp a time zone behind the event);
  in the future tense ("will", "is scheduled to", "ahead of", "until") the
  next one on or after it; after a modal or an infinitive ("would", "to
  vote") the nearest either way. "Last Friday" is strictly before, "next
  Friday" strictly after;
* a month or month-and-day without a year takes the year that puts it nearest
  the publication date, leaning to the past: a later date counts five times as
  far as an earlier one, so "Jan. 6" in an October article is the January just
  gone and in a late-December one the January ahead. In the future tense
  ("will", "is due to"... in the verb group that governs it, not anywhere in
  the sentence) it is the first on or after the publication date;
  after a looser sign of the future ("would", "next", "planned for", "agreed
  to", "payable", "effective", "by", "until") the lean is reversed (an earlier
  date counts three times as far). A date right after a verb of saying ("he
  said Friday") dates the saying, so the tense of what was said is ignored; a
  day naming an event ("the March 3 riot", "Saturday's vote") is not moved by
  the tense of the clause around it;
* a quarter without a year is the latest such quarter not after the
  publication date's quarter;
* "9/30/2023" is read month first (US news style) unless the first number
  cannot be a month; "30-09-2023" and "30.09.2023" day first (European style)
  unless the second cannot be a month.

Without a publication date every expression that needs one (all relative
expressions, and explicit ones that lack a year) gets ``value=None``: a date is
never guessed. Clock times, durations ("for two weeks") and vague references
("now", "recently") are not date mentions.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Sequence

from ..text import MONTHS, WEEKDAYS
from ..records import Article, DateMention, Sentence
from .tense import clause_tense, names_event

__all__ = [
    "extract_dates",
    "parse_published",
    "resolve_dates",
]

_MONTHS = {
    **{m: i for i, m in enumerate(MONTHS, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    **{d: i for i, d in enumerate(WEEKDAYS)},
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
    "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_NUMWORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": None, "few": None,
}
_ORD_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Month names are matched capitalised only: "may" and "march" are common words.
_MONTH = (
    rf"(?-i:(?:{'|'.join(m.capitalize() for m in MONTHS)}|{'|'.join(m.upper() for m in MONTHS)})"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WDAY = (
    rf"(?-i:{'|'.join(d.capitalize() for d in WEEKDAYS)}"
    r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?(?=\s*,?\s*\d))"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|(?:at\s+)?(?:dawn|noon|midday|midnight)))"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|\d{1,3})"

_DATE_SRC = rf"""
(?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?)
|(?P<slash>\b(?P<s1>\d{{1,2}})/(?P<s2>\d{{1,2}})/(?P<s3>\d{{4}}|\d{{2}})\b)
|(?P<dash>\b(?P<d1>\d{{1,2}})(?P<dsep>[-.])(?P<d2>\d{{1,2}})(?P=dsep)(?P<d3>{_YEAR})\b)
|(?P<dmy>(?:(?P<dmy_wd>{_WDAY}),?\s+)?(?:the\s+)?\b(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR})\b)?)
|(?P<mdy>(?:(?P<mdy_wd>{_WDAY}),?\s+)?\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})\b(?!\s*(?:%|per\s*cent|percent|[:.]\d))(?:,?\s+(?P<mdy_y>{_YEAR})\b)?)
|(?P<my>(?:(?P<my_rel>last|this|next|early|late|mid|earlier\s+this|later\s+this)[\s-]+)?\b(?P<my_m>{_MONTH})(?!\.?\s+{_DAY}\b)(?:\s+(?:of\s+)?(?P<my_y>{_YEAR})\b)?)
|(?P<quarter>(?:the\s+)?(?:(?P<q_rel>last|this|next|current|latest|previous|year-earlier|year-ago|(?P<q_y0>{_YEAR}))\s+)?(?:company's\s+|fiscal\s+)*\b(?P<q_n>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b(?:\s+(?:of\s+)?(?:(?P<q_y>{_YEAR})|(?P<q_ly>last|this|next)\s+year))?|\bQ(?P<q_n2>[1-4])\s*(?:of\s+)?(?P<q_y2>{_YEAR})?\b)
|(?P<year>(?<![$£€¥\d,.])(?<![$£€¥]\s)\b(?P<y>{_YEAR})\b(?![.,]\d|-\d|\s*(?:%|per\s*cent|percent)|\s+(?:[a-z]+s|people|staff|police|personnel|men|women|children)\b))
|(?P<ago>\b(?P<ago_n>{_NUM})\s+(?P<ago_u>day|week|month|year|decade)s?\s+ago\b)
|(?P<rel>\b(?P<rel_w>last|this|next|past|coming|previous)\s+(?P<rel_u>week|weekend|month|year))\b
|(?P<earlier>\b(?P<e_w>earlier|later)\s+this\s+(?P<e_u>week|month|year))\b
|(?P<deictic>\b(?P<dx>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b{_PART}?)
|(?P<wd>(?:\b(?P<wd_rel>last|this|next|past|coming)\s+)?\b(?P<wd_d>{_WDAY})\b{_PART}?)
"""
# Every alternative starts at a word start; saying so first lets the engine skip
# most positions (2.5x faster).
_DATE_RE = re.compile(r"\b(?=\w)(?:" + _DATE_SRC + ")", re.X | re.I)
# Cheap triggers: a date expression contains one of these, so the full pattern
# only runs in windows around them. A run of digits is one trigger (each digit of it
# gave overlapping windows, merged into the same one).
_TRIGGER_RE = re.compile(
    r"\d+|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|Q[1-4]|[Tt]oday|TODAY|[Tt]onight|[Yy]esterday"
    r"|[Tt]omorrow|[Ww]eek|[Mm]onth|[Yy]ear|[Qq]uarter|ago|[Nn]ight|[Tt]his\s+(?:morning|afternoon|evening))"
)
_BEFORE, _AFTER = 36, 28  # longest reach of an expression around its trigger


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _TRIGGER_RE.finditer(text):
        # Digits open their expression (a month or weekday before them is a trigger
        # of its own), save "the 30th": a short reach back suffices.
        back = 5 if m.group(0).isdigit() else _BEFORE
        lo, hi = max(0, m.start() - back), min(len(text), m.end() + _AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _matches(text: str):
    pos = 0
    for lo, hi in _windows(text):
        for m in _DATE_RE.finditer(text, max(lo, pos), hi):
            pos = m.end()
            yield m
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|(?:is|are)\s+(?:expected|scheduled|due|set)\s+to"
    r"|plans?\s+to|intends?\s+to|due)\b",
    re.I,
)
# Looser signs that a month or day lies ahead, used only to choose its year.
_AHEAD_RE = re.compile(
    r"\b(?:would|(?:was|were|be)\s+(?:expected|scheduled|due|set|slated)\s+to|next|upcoming|forthcoming"
    r"|plan(?:s|ned|ning)?\s+(?:to|for)|agree(?:s|d|ment)?\s+to|deadline)\b",
    re.I,
)
# Words just before a date that point forward from the publication date: "payable
# Jan. 2", "effective Feb. 1", "by February", "until March".
_FORWARD_BEFORE_RE = re.compile(
    r"\b(?:payable|effective|until|till|by|starting|beginning|expires?|expiring|maturing|matures)\s+(?:on\s+|in\s+)?$",
    re.I,
)
# A date right after a verb of saying dates the saying, whatever tense the words said
# are in: '"We will leave," he said Friday.'
_SAID_BEFORE_RE = re.compile(
    r"\b(?:said|told\s+\w+|announced|reported|added|stated|declared|wrote|confirmed)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
# How much farther a later date counts than an earlier one when choosing a year:
# news reports the past far more than the future (measured on TempEval-3 dev).
_LATER_COST = 5.0
# Days back a bare weekday of a report reaches; the one a day further is read as tomorrow.
_MAX_DAYS_BACK = 5
_EARLIER_COST_AHEAD = 3.0
# A sentence ends at a stop and a space, not after an initial or a title ("Daniel P.", "Mr.").
_SENT_BREAK_RE = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
                            r"(?<!\bGov)(?<!\bInc)(?<!\bCorp)[.!?\n]\s")


def parse_published(published: str | None) -> _dt.date | None:
    """The date part of an ISO 8601 ``published`` value, or ``None`` if there is none.

    Example:
        >>> parse_published("2023-09-30T08:15:00Z")
        datetime.date(2023, 9, 30)
    """
    if not published:
        return None
    try:
        return _dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _week(d: _dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _nearest_year(dct: _dt.date, month: int, day: int | None, tense: str | None) -> int:
    # The year putting the date nearest the publication date, weighted as the
    # module doc says; in the future tense, the first such date on or after it.
    best, best_gap = dct.year, None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cand = _dt.date(y, month, day or 15)
        except ValueError:
            continue
        gap = (cand - dct).days
        if day is None and (y, month) == (dct.year, dct.month):
            gap = 0
        if tense == "future" and gap < 0:
            continue
        if tense == "ahead":
            cost = gap if gap > 0 else -gap * _EARLIER_COST_AHEAD
        else:
            cost = gap * _LATER_COST if gap > 0 else -gap
        if best_gap is None or cost < best_gap:
            best, best_gap = y, cost
    return best


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _int_day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _resolve(m: re.Match[str], dct: _dt.date | None, tense: str | None) -> str | None:
    """The value of one date match: explicit forms first, then those that need ``dct``."""
    g = m.group
    if g("iso") or g("slash") or g("dash"):
        return _resolve_numeric(m)
    if g("dmy") or g("mdy"):
        return _resolve_month_day(m, dct, tense)
    if g("my"):
        return _resolve_month(m, dct, tense)
    if g("quarter"):
        return _resolve_quarter(m, dct, tense == "future")
    if g("year"):
        return g("y")
    if dct is None:
        return None
    if g("ago"):
        return _resolve_ago(m, dct)
    if g("rel") or g("earlier"):
        return _resolve_relative(m, dct)
    if g("deictic"):
        return _resolve_deictic(m, dct)
    if g("wd"):
        return _resolve_weekday(m, dct, tense)
    return None


def _resolve_numeric(m: re.Match[str]) -> str | None:
    """An all-digit date: ISO, US slashes (month first) or European dashes and dots (day first)."""
    g = m.group
    if g("iso"):
        return _day(int(g("iy")), int(g("im")), int(g("id")))
    if g("slash"):
        a, b, y = int(g("s1")), int(g("s2")), int(g("s3"))
        if y < 100:
            y += 2000 if y < 50 else 1900
        mo, d = (a, b) if a <= 12 else (b, a)
        return _day(y, mo, d)
    a, b, y = int(g("d1")), int(g("d2")), int(g("d3"))
    d, mo = (a, b) if b <= 12 else (b, a)
    return _day(y, mo, d)


def _resolve_month_day(m: re.Match[str], dct: _dt.date | None, tense: str | None) -> str | None:
    """A day and month name ("30 September", "Sept. 30"), with its year or the nearest one."""
    g = m.group
    p = "dmy" if g("dmy") else "mdy"
    mo = _MONTHS[g(p + "_m").lower().rstrip(".")]
    d = _int_day(g(p + "_d"))
    if g(p + "_y"):
        return _day(int(g(p + "_y")), mo, d)
    if dct is None:
        return None
    return _day(_nearest_year(dct, mo, d, tense), mo, d)


def _resolve_month(m: re.Match[str], dct: _dt.date | None, tense: str | None) -> str | None:
    """A month name, with its year, a "last"/"next"/"this" before it, or the nearest year."""
    g = m.group
    mo = _MONTHS[g("my_m").lower().rstrip(".")]
    if g("my_y"):
        return f"{int(g('my_y'))}-{mo:02d}"
    if dct is None:
        return None
    rel = (g("my_rel") or "").lower()
    if rel == "last":
        y = dct.year if mo < dct.month else dct.year - 1
    elif rel == "next":
        y = dct.year if mo > dct.month else dct.year + 1
    elif rel.startswith(("this", "earlier", "later")):
        y = dct.year
    else:
        y = _nearest_year(dct, mo, None, tense)
    return f"{y}-{mo:02d}"


def _resolve_quarter(m: re.Match[str], dct: _dt.date | None, future: bool) -> str | None:
    """A quarter ("the third quarter", "Q3 2023") in TimeML notation."""
    g = m.group
    n = _ORD_Q[g("q_n").lower()] if g("q_n") else int(g("q_n2"))
    year_s = g("q_y") or g("q_y2") or g("q_y0")
    if year_s:
        return f"{year_s}-Q{n}"
    if dct is None:
        return None
    cur = (dct.month - 1) // 3 + 1
    ly = (g("q_ly") or "").lower()
    if ly:
        y = dct.year + {"last": -1, "this": 0, "next": 1}[ly]
        return f"{y}-Q{n}"
    rel = (g("q_rel") or "").lower()
    if rel in ("year-earlier", "year-ago"):
        return f"{dct.year - 1 if n <= cur else dct.year - 2}-Q{n}"
    y = dct.year if n <= cur or rel == "next" or future else dct.year - 1
    if rel == "next" and n <= cur:
        y = dct.year + 1
    return f"{y}-Q{n}"


def _resolve_ago(m: re.Match[str], dct: _dt.date) -> str | None:
    """"Two days ago", "a decade ago": counted back from the publication date."""
    g = m.group
    n = _NUMWORDS.get(g("ago_n").lower(), None) if not g("ago_n").isdigit() else int(g("ago_n"))
    if n is None:
        return None
    unit = g("ago_u").lower()
    if unit == "day":
        return (dct - _dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _week(dct - _dt.timedelta(weeks=n))
    if unit == "month":
        y, mo = _shift_month(dct.year, dct.month, -n)
        return f"{y}-{mo:02d}"
    if unit == "decade":
        return str(dct.year - 10 * n)
    return str(dct.year - n)


def _resolve_relative(m: re.Match[str], dct: _dt.date) -> str:
    """"Last week", "this weekend", "next month", "earlier this year"."""
    g = m.group
    w = (g("rel_w") or "this").lower()
    unit = (g("rel_u") or g("e_u")).lower()
    k = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[w]
    if w in ("past", "coming") and unit == "weekend":
        k = -1 if w == "past" else 1
    if unit in ("week", "weekend"):
        if unit == "weekend" and k == 0 and dct.weekday() == 0:
            k = -1  # on a Monday, "this weekend" is the one just gone
        return _week(dct + _dt.timedelta(weeks=k))
    if unit == "month":
        y, mo = _shift_month(dct.year, dct.month, k)
        return f"{y}-{mo:02d}"
    return str(dct.year + k)


def _resolve_deictic(m: re.Match[str], dct: _dt.date) -> str:
    """"Today", "tonight", "yesterday", "tomorrow", "last night"."""
    dx = m.group("dx").lower()
    if dx == "yesterday" or dx.startswith("last"):
        return (dct - _dt.timedelta(days=1)).isoformat()
    if dx == "tomorrow":
        return (dct + _dt.timedelta(days=1)).isoformat()
    return dct.isoformat()


def _resolve_weekday(m: re.Match[str], dct: _dt.date, tense: str | None) -> str:
    """A weekday, placed by the tense of its clause; "last"/"next" strictly before/after.

    Reported (past or unmarked) it is the nearest such day back, the same day
    included, up to five days back; the weekday six days back is read as the day
    after the publication date instead ("early Friday" in an article dated
    Thursday): a date stamp lags an event in a later time zone far more often
    than news names a week-old day by its bare weekday. In the future tense it
    is the nearest such day ahead, the same day included; after a modal or an
    infinitive ("would", "to vote") the nearest in either direction.
    """
    g = m.group
    wd = _WEEKDAYS[g("wd_d").lower().rstrip(".")]
    rel = (g("wd_rel") or "").lower()
    back = (dct.weekday() - wd) % 7
    ahead = (wd - dct.weekday()) % 7
    if rel in ("last", "past"):
        delta = -(back or 7)
    elif rel in ("next", "coming"):
        delta = ahead or 7
    elif tense == "future":
        delta = ahead
    elif tense == "ahead":
        delta = -back if back <= ahead else ahead
    else:
        delta = -back if back <= _MAX_DAYS_BACK else ahead
    return (dct + _dt.timedelta(days=delta)).isoformat()


def _sentence_tense(text: str, start: int, end: int) -> str | None:
    """``"future"``, ``"ahead"`` (a looser sign of the future) or ``None``: the cues of the sentence before a date."""
    lo = max(0, start - 80)
    before = text[lo:start]
    if _SAID_BEFORE_RE.search(before[-32:]):
        return None
    cut = list(_SENT_BREAK_RE.finditer(before))
    if cut:
        before = before[cut[-1].end():]
    after = text[end:end + 40]
    after = _SENT_BREAK_RE.split(after, 1)[0]
    if _FUTURE_RE.search(before) \
            or re.match(r"[^.;!?]{0,30}?\b(?:will|is\s+expected|are\s+expected)\b", after, re.I):
        return "future"
    if _AHEAD_RE.search(before) or _FORWARD_BEFORE_RE.search(before[-24:]):
        return "ahead"
    return None


def _tense(text: str, start: int, end: int, weekday: bool) -> str | None:
    """The tense that places a date: its clause's verb group (:mod:`.tense`), then the sentence's cues.

    A weekday follows its clause alone. A month or day without a year follows
    its clause when that is past or future; otherwise (a modal, an infinitive,
    no verb) the looser cues of its sentence choose the year, except for a day
    naming an event ("the March 3 riot"), which the clause around it does not move.
    """
    clause = clause_tense(text, start, end)
    if weekday:
        return clause
    if _FORWARD_BEFORE_RE.search(text[max(0, start - 24):start]):
        return "ahead"
    if clause in ("past", "future"):
        return "future" if clause == "future" else None
    if names_event(text, start, end):
        return None
    return _sentence_tense(text, start, end)


def resolve_dates(text: str, published: str | None, *, timeml: bool = False) -> list[tuple[int, int, str | None]]:
    """Every date expression of ``text`` as ``(start, end, value)``, in order.

    Args:
        text: The article text.
        published: The publication date (ISO 8601) or ``None``.
        timeml: Give weeks and quarters in TimeML notation (``2023-W38``,
            ``2023-Q3``) instead of the calendar values of the report schema
            (the month holding the week's Thursday, the quarter's year).

    Returns:
        Spans with their value, ``None`` where the value depends on a
        publication date that is not known.

    Example:
        >>> resolve_dates("It happened on Friday.", "2023-09-30")
        [(15, 21, '2023-09-29')]
        >>> resolve_dates("It happened last week.", "2023-09-30", timeml=True)
        [(12, 21, '2023-W38')]
    """
    return list(_resolved(text, published, timeml))


@functools.lru_cache(maxsize=8)  # figures and dates both ask, one article after the other
def _resolved(text: str, published: str | None, timeml: bool) -> tuple[tuple[int, int, str | None], ...]:
    dct = parse_published(published)
    out: list[tuple[int, int, str | None]] = []
    for m in _matches(text):
        start, end = m.span()
        if m.group("wd") and not m.group("wd_rel") and m.group("wd_d")[0].islower():
            continue
        if m.group("my") and not m.group("my_y") and not m.group("my_rel"):
            # A bare capitalised month name opening a sentence is often a name or a verb
            # ("March on Washington"); keep it only after a preposition.
            prev = text[max(0, start - 12):start].lower()
            if not re.search(r"\b(?:in|since|by|until|till|from|to|of|during|before|after|through|and|or|early|late|mid-?)\s*$", prev):
                continue
        # Only a date without a year, a weekday or a quarter depends on the tense.
        needs_tense = dct is not None and (m.group("wd") or m.group("quarter") or (
            (m.group("dmy") or m.group("mdy") or m.group("my"))
            and not (m.group("dmy_y") or m.group("mdy_y") or m.group("my_y"))))
        tense = _tense(text, start, end, bool(m.group("wd"))) if needs_tense else None
        try:
            value = _resolve(m, dct, tense)
        except (ValueError, OverflowError, KeyError):
            value = None
        if value is None and (m.group("iso") or m.group("slash") or m.group("dash")):
            continue
        if value and not timeml:
            value = _calendar(value)
        out.append((start, end, value))
    return tuple(out)


def _calendar(value: str) -> str:
    """A TimeML week or quarter as the calendar value that holds it (ISO week rule: its Thursday)."""
    m = re.fullmatch(r"(\d{4})-W(\d\d)", value)
    if m:
        try:
            return _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4).isoformat()[:7]
        except ValueError:
            return m.group(1)
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return value[:4]
    return value


def extract_dates(article: Article, sentences: Sequence[Sentence] = ()) -> tuple[DateMention, ...]:
    """Date mentions of one article, resolved against its publication date.

    Args:
        article: The article; ``article.published`` anchors relative dates.
        sentences: Its sentences (unused for detection, which runs over the
            whole text; accepted for the shared stage signature).

    Returns:
        One :class:`DateMention` per expression, in text order; ``value`` is
        ``None`` when it would need a publication date that is unknown.

    Example:
        >>> a = Article(id="a", text="Troops left on Tuesday.", published="2023-09-30")
        >>> [(d.start, d.end, d.value) for d in extract_dates(a, ())]
        [(15, 22, '2023-09-26')]
    """
    text = article.text or ""
    return tuple(
        DateMention(article_id=article.id, start=s, end=e, value=v)
        for s, e, v in resolve_dates(text, article.published)
    )
