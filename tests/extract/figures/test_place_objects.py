"""A count after a preposition of place or time is that preposition's object, not the harmed (storyledger.extract.figures.clause)."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article


def keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="t", text=text))]


@pytest.mark.parametrize(("text", "place"), [
    ("Hunters may import elephants killed in two Ostravian provinces.", ("province", 2.0)),
    ("Three people were killed in two villages near Lowmere.", ("village", 2.0)),
    ("Two soldiers died in 3 attacks on Monday.", ("attack", 3.0)),
    ("Fighting killed over 40 people in 3 provinces of Norland.", ("province", 3.0)),
    ("Dozens were wounded across five districts.", ("district", 5.0)),
])
def test_a_count_of_places_or_events_is_no_count_of_the_harmed(text: str, place: tuple[str, float]) -> None:
    found = keys(text)
    assert place in found
    assert not any((k or "").startswith(("killed", "injured")) and v == place[1] for k, v in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("The blasts in Lowmere killed at least 30 people.", ("killed:people", 30.0)),
    ("At least 12 people were killed in the fighting.", ("killed:people", 12.0)),
    ("Three people were killed in two villages near Lowmere.", ("killed:people", 3.0)),
    ("Fighting killed over 40 people in 3 provinces of Norland.", ("killed:people", 40.0)),
])
def test_the_harmed_stay_counted(text: str, expected: tuple[str, float]) -> None:
    assert expected in keys(text)
