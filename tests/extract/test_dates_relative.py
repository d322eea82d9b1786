"""Relative dates read the way a reader would (issue 21 item 5), on sentences written for these tests.

Publication dates used: 2021-10-14 (a Thursday), 2021-10-15 (a Friday),
2021-10-18 (a Monday), 2021-06-18 (a Friday).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.extract.dates import resolve_dates
from storyledger.extract.tense import clause_tense, names_event

THU, FRI, MON = "2021-10-14", "2021-10-15", "2021-10-18"


def value_of(text: str, surface: str, published: str) -> str | None:
    start = text.index(surface)
    found = [v for s, e, v in resolve_dates(text, published) if s <= start < e]
    assert found, f"no date found at {surface!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "published", "value"),
    [
        # reported events: the nearest such day back, the same day included
        ("Rescuers reached the village early Friday, officials said.", "Friday", FRI, "2021-10-15"),
        ("Rescuers reached the village early Friday, officials said.", "Friday", MON, "2021-10-15"),
        # six days back is read as tomorrow: a date stamp a time zone behind the event
        ("Early Friday morning, the agency overruled its own panel.", "Friday", THU, "2021-10-15"),
        ("The agency overruled its own panel early Friday.", "Friday", THU, "2021-10-15"),
        ("Lawmakers passed the measure in Saturday's vote.", "Saturday", MON, "2021-10-16"),
        # the future: will, scheduled, upcoming, ahead of, as soon as
        ("The council will vote on Saturday.", "Saturday", THU, "2021-10-16"),
        ("The council is scheduled to vote Saturday.", "Saturday", THU, "2021-10-16"),
        ("Ahead of Saturday's vote, council members met residents.", "Saturday", THU, "2021-10-16"),
        ("Members prepared for the upcoming Saturday vote.", "Saturday", THU, "2021-10-16"),
        ("The board may decide as soon as Tuesday.", "Tuesday", THU, "2021-10-19"),
        ("The mayor will announce Friday a plan for the port.", "Friday", FRI, "2021-10-15"),
        # a past verb governs the date, whatever else the sentence says
        ("The ban stays for now, after a court on Thursday granted the request.", "Thursday", FRI, "2021-10-14"),
        ("The dispute will fade, but Tuesday's hearing with the minister was tense.", "Tuesday", "2021-09-29",
         "2021-09-28"),
        ("The mayor said Thursday the port will reopen.", "Thursday", FRI, "2021-10-14"),
        # a modal or an infinitive: the nearest such day
        ("Senators reached a deal that would end the standoff on Friday.", "Friday", THU, "2021-10-15"),
        ("The senate appears on track to avert a shutdown on Thursday.", "Thursday", "2021-09-29", "2021-09-30"),
    ],
)
def test_weekdays(text: str, surface: str, published: str, value: str) -> None:
    assert value_of(text, surface, published) == value


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("A panel studies the Jan. 6 riot at the assembly.", MON, "2021-01-06"),
        ("A panel studies the Jan. 6 riot at the assembly.", "2021-06-18", "2021-01-06"),
        ("A panel will hold hearings on the Jan. 6 riot.", "2021-06-18", "2021-01-06"),
        ("A bill would create a commission into the deadly Jan. 6 attack.", "2021-05-19", "2021-01-06"),
        ("The officer who fired as a crowd stormed the hall on Jan. 6 will not be charged.", "2021-08-23",
         "2021-01-06"),
        ("Her Jan. 8 call with the envoy drew questions.", "2021-09-28", "2021-01-08"),
        # a named day is never read as another month
        ("The hearing on Jun. 6 was closed.", "2021-10-18", "2021-06-06"),
        # the future tense still reaches ahead
        ("The new rules will take effect on Jan. 6.", "2021-10-18", "2022-01-06"),
    ],
)
def test_days_without_a_year(text: str, published: str, value: str) -> None:
    surface = "Jan. 6" if "Jan. 6" in text else ("Jan. 8" if "Jan. 8" in text else "Jun. 6")
    assert value_of(text, surface, published) == value


def test_a_month_abbreviation_inside_a_word_is_no_month() -> None:
    text = "Officials in Marigold County counted the ballots in Deckerton and Junction City."
    assert resolve_dates(text, MON) == []


@pytest.mark.parametrize(
    ("text", "surface", "tense"),
    [
        ("A court on Thursday granted the request.", "Thursday", "past"),
        ("The minister will speak on Friday.", "Friday", "future"),
        ("The vote could come on Friday.", "Friday", "ahead"),
        ("Troops had been due to leave on Friday.", "Friday", "ahead"),
        ("The envoy was expected to arrive on Friday.", "Friday", "ahead"),
        ("Since taking office in January, she has travelled.", "January", None),
        ("Troops left on Friday.", "Friday", "past"),
    ],
)
def test_clause_tense(text: str, surface: str, tense: str | None) -> None:
    start = text.index(surface)
    assert clause_tense(text, start, start + len(surface)) == tense


@pytest.mark.parametrize(
    ("text", "surface", "named"),
    [
        ("Saturday's vote was close.", "Saturday", True),
        ("Saturday’s vote was close.", "Saturday", True),
        ("She praised the deadly Jan. 6 attack inquiry.", "Jan. 6", True),
        ("Her Friday speech ran long.", "Friday", True),
        ("The council voted on Friday to close the port.", "Friday", False),
        ("The vote on Friday was close.", "Friday", False),
    ],
)
def test_names_event(text: str, surface: str, named: bool) -> None:
    start = text.index(surface)
    assert names_event(text, start, start + len(surface)) is named


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(["Troops left the town on {d}.", "Troops will leave the town on {d}.",
                     "Troops could leave the town on {d}.", "Troops are leaving on {d}."]),
)
def test_a_weekday_lands_on_its_day_within_a_week(published: dt.date, day: str, pattern: str) -> None:
    text = pattern.format(d=day)
    value = dt.date.fromisoformat(value_of(text, day, published.isoformat()))
    assert value.strftime("%A") == day
    assert -5 <= (value - published).days <= 6
    if "will" in text:
        assert value >= published
    elif "left" in text:
        assert (value - published).days <= 1
