"""Tests for storyledger.extract.dates on sentences written for these tests.

The publication date used throughout, 2023-09-30, is a Saturday.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.extract.dates import extract_dates, parse_published, resolve_dates
from storyledger.records import Article

PUB = "2023-09-30"


def values(text: str, published: str | None = PUB) -> list[tuple[str, str | None]]:
    return [(text[d.start:d.end], d.value) for d in extract_dates(Article(id="a", text=text, published=published))]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The vote was held on 30 September 2023.", "30 September 2023", "2023-09-30"),
        ("The vote was held on September 30, 2023.", "September 30, 2023", "2023-09-30"),
        ("The vote was held on Sept. 30.", "Sept. 30", "2023-09-30"),
        ("The file is dated 2023-09-30.", "2023-09-30", "2023-09-30"),
        ("The file is dated 9/30/2023.", "9/30/2023", "2023-09-30"),
        ("The file is dated 30.09.2023.", "30.09.2023", "2023-09-30"),
        ("Talks began in September 2023.", "September 2023", "2023-09"),
        ("Talks began in 2019.", "2019", "2019"),
        ("Profit fell in the third quarter of 2022.", "the third quarter of 2022", "2022"),
    ],
)
def test_explicit_dates(text: str, surface: str, value: str) -> None:
    assert (surface, value) in values(text)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Troops left on Tuesday.", "Tuesday", "2023-09-26"),
        ("Troops left on Saturday.", "Saturday", "2023-09-30"),
        ("Troops left on Friday.", "Friday", "2023-09-29"),
        ("Troops left Monday evening.", "Monday evening", "2023-09-25"),
        ("Troops left last Saturday.", "last Saturday", "2023-09-23"),
        ("Talks resume next Monday.", "next Monday", "2023-10-02"),
        ("The minister will speak on Friday.", "Friday", "2023-10-06"),
        ("Troops left yesterday.", "yesterday", "2023-09-29"),
        ("Troops leave today.", "today", "2023-09-30"),
        ("Troops leave tomorrow.", "tomorrow", "2023-10-01"),
        ("Troops left last night.", "last night", "2023-09-29"),
        ("Troops left two days ago.", "two days ago", "2023-09-28"),
        ("Troops left three weeks ago.", "three weeks ago", "2023-09"),
        ("Troops left last week.", "last week", "2023-09"),
        ("Troops leave this week.", "this week", "2023-09"),
        ("A mission will visit this weekend.", "this weekend", "2023-09"),
        ("Troops left last month.", "last month", "2023-08"),
        ("Troops leave next month.", "next month", "2023-10"),
        ("Troops left last year.", "last year", "2022"),
        ("Prices rose earlier this month.", "earlier this month", "2023-09"),
        ("Prices rose in March.", "March", "2023-03"),
        ("Elections are due in November.", "November", "2023-11"),
        ("Sales rose in the third quarter.", "the third quarter", "2023"),
    ],
)
def test_relative_dates_resolve_against_publication(text: str, surface: str, value: str) -> None:
    assert (surface, value) in values(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Troops left three weeks ago.", "2023-W36"),
        ("Troops left last week.", "2023-W38"),
        ("A mission will visit this weekend.", "2023-W39"),
        ("Talks resume the week after next.", None),
        ("Sales rose in the third quarter.", "2023-Q3"),
        ("Sales fell in the fourth quarter.", "2022-Q4"),
        ("Sales fell in the fourth quarter of 2023.", "2023-Q4"),
        ("Troops left last week.", "2023-W38"),
    ],
)
def test_timeml_values_keep_weeks_and_quarters(text: str, value: str | None) -> None:
    found = [v for _, _, v in resolve_dates(text, PUB, timeml=True)]
    assert (found[0] if found else None) == value


def test_weeks_across_a_year_end_take_the_month_of_their_thursday() -> None:
    # 2021-01-01 is a Friday: its ISO week is 2020-W53, whose Thursday is 2020-12-31.
    assert resolve_dates("It happened this week.", "2021-01-01") == [(12, 21, "2020-12")]


@pytest.mark.parametrize(
    "text",
    ["Troops left on Tuesday.", "Troops left last week.", "Troops left two days ago.", "The vote was on Sept. 30."],
)
def test_no_publication_date_means_no_guess(text: str) -> None:
    found = values(text, published=None)
    assert found and all(v is None for _, v in found)


def test_explicit_full_date_needs_no_publication_date() -> None:
    assert values("It began on 30 September 2023.", published=None) == [("30 September 2023", "2023-09-30")]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 10:30 and lasts for two weeks.",
        "They may march to the capital.",
        "Some 2000 people gathered.",
        "Now is the time, recently said.",
    ],
)
def test_not_dates(text: str) -> None:
    assert values(text) == []


def test_parse_published() -> None:
    assert str(parse_published("2023-09-30T08:15:00Z")) == "2023-09-30"
    assert parse_published("last Tuesday") is None
    assert parse_published(None) is None


@given(st.text(max_size=200), st.sampled_from([None, PUB, "not a date"]))
def test_never_raises_and_spans_in_bounds(text: str, published: str | None) -> None:
    for s, e, _ in resolve_dates(text, published):
        assert 0 <= s < e <= len(text)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # Past unless the clause looks ahead: a January named in October is the one gone.
        ("Protesters stormed the ministry on Jan. 6.", "2023-10-20", "2023-01-06"),
        ("The Jan. 6 hearings drew crowds.", "2023-10-31", "2023-01-06"),
        ("Talks began in January.", "2023-10-20", "2023-01"),
        # Near the turn of the year the nearer date wins, even untensed.
        ("The Jan. 6 hearings drew crowds.", "2023-12-20", "2024-01-06"),
        ("The Dec. 28 raid left a mark.", "2024-01-04", "2023-12-28"),
        # Future tense: the first such date on or after publication.
        ("The vote will be held on Jan. 6.", "2023-10-20", "2024-01-06"),
        ("The vote is due on Jan. 6.", "2023-10-20", "2024-01-06"),
        # Looser signs of the future lean forward.
        ("The dividend is payable Jan. 6 to holders of record.", "2023-10-20", "2024-01-06"),
        ("The board approved the plan, effective Feb. 1.", "2023-10-20", "2024-02-01"),
        ("Talks would resume in March.", "2023-10-20", "2024-03"),
        # An initial or a title does not end the sentence that holds the tense.
        ("Mr. Smith will succeed John P. Doe on Feb. 1.", "2023-10-26", "2024-02-01"),
    ],
)
def test_year_of_a_date_without_one_leans_to_the_past(text: str, published: str, value: str) -> None:
    assert [v for _, v in values(text, published)] == [value]


def test_date_after_a_verb_of_saying_dates_the_saying() -> None:
    # 2023-10-16 is a Monday: "said Friday" is the Friday before, though the quote is future.
    assert values('"We will leave," the minister said Friday.', "2023-10-16") == [("Friday", "2023-10-13")]
    assert values("The minister will speak on Friday.", "2023-10-16") == [("Friday", "2023-10-20")]
