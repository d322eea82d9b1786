"""Counts that are not the harmed: a preposition's object of place or time, a non-fatal event (storyledger.extract.figures)."""

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


@pytest.mark.parametrize(("text", "killed"), [
    ("Police in Lowmere are investigating a non-fatal shooting on Elm Street.", []),
    ("Police in Lowmere are investigating a fatal shooting on Elm Street.", [1.0]),
])
def test_a_non_fatal_shooting_kills_no_one(text: str, killed: list[float]) -> None:
    assert [v for k, v in keys(text) if (k or "").startswith("killed")] == killed


def test_a_relative_clause_in_a_phrase_after_the_count_is_its_own_nouns() -> None:
    found = keys("Police in Lowmere are searching for four suspects in connection with a shooting that killed a boy.")
    assert ("suspect", 4.0) in found
    assert not any((k or "").startswith("killed") and v == 4.0 for k, v in found)
    assert keys("Thirty militants of the group operating in Norland were killed.") == [("killed:militant", 30.0)]
