"""Character classes and calendar words shared by the extractors.

One definition each, so the date, entity, figure and quote rules agree on
what a weekday, a month or an odd space is. Words are lowercase, in calendar
order (weekdays from Monday, as :meth:`datetime.date.weekday` counts).
"""

from __future__ import annotations

import re

__all__ = [
    "MONTHS",
    "ODD_SPACE",
    "WEEKDAYS",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)

# No-break and typographic spaces, which rules written with " " or [ \t] must see as spaces.
ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
