"""An article without a date takes one from a timestamp line at its head (storyledger.ingest.readers)."""

from __future__ import annotations

import pytest

from storyledger.ingest.readers import make_article
from storyledger.records import Article


def article(raw: str, published: str | None = None) -> Article:
    a = make_article(raw, "t.txt", published=published)
    assert isinstance(a, Article)
    return a


@pytest.mark.parametrize(("head", "expected"), [
    ("Updated: July 2, 2013 15: 01 IST", "2013-07-02"),
    ("Tue, 02 Jul 2013 12:28 CDT", "2013-07-02"),
    ("WEDNESDAY 03 JULY 2013", "2013-07-03"),
    ("Published on Jul 02, 2013 4:22 PM", "2013-07-02"),
    ("2013-07-02", "2013-07-02"),
])
def test_a_timestamp_under_the_headline_dates_the_article(head: str, expected: str) -> None:
    a = article(f"Quake strikes Norland's north\n{head}\nA strong earthquake struck the north of Norland on Tuesday.")
    assert a.published == expected
    assert head not in a.text  # the line is still removed as debris


def test_a_date_the_record_gives_wins() -> None:
    a = article("Quake strikes Norland\nTue, 02 Jul 2013\nA strong earthquake struck.", published="2013-07-05")
    assert a.published == "2013-07-05"


@pytest.mark.parametrize("raw", [
    "Quake strikes Norland\nA strong earthquake struck on Tuesday, July 2, 2013, officials said.",  # a date in prose
    "Quake strikes Norland\nTuesday\nA strong earthquake struck.",  # no year: no day to place
    "Quake strikes Norland\n" + "A strong earthquake struck the north. " * 20 + "\nTue, 02 Jul 2013\nMore followed.",
])
def test_no_timestamp_at_the_head_gives_no_date(raw: str) -> None:
    assert article(raw).published is None
