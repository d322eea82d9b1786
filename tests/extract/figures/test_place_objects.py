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


@pytest.mark.parametrize(("text", "thing"), [
    ("Injured people were taken from several affected villages in two trucks, she said.", "village"),
    ("A landslide near Lowmere killed one man, said the official who uses one name.", "name"),
    ("Witnesses say hundreds were killed and images show that dozens of shops were burnt.", "shop"),
])
def test_a_harm_further_back_is_no_harm_of_a_count_of_things(text: str, thing: str) -> None:
    found = keys(text)
    assert any(k == thing for k, _ in found), found
    assert not any((k or "").endswith(":" + thing) for k, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("Poachers in Ostravia killed 40 elephants last year.", ("killed:elephant", 40.0)),
    ("The blast in Lowmere killed 12, among them three Norlanders.", ("killed:people", 12.0)),
    ("Police said the gunman, who had a rifle, wounded four students.", ("injured:student", 4.0)),
])
def test_the_harmed_named_as_object_or_people_keep_their_harm(text: str, expected: tuple[str, float]) -> None:
    assert expected in keys(text), keys(text)


@pytest.mark.parametrize(("text", "doers", "harmed"), [
    ("Two gunmen killed three people in Lowmere.", ("suspect", 2.0), ("killed:people", 3.0)),
    ("The two air raids on the town on Saturday have killed 19 and wounded 40.", ("raid", 2.0),
     ("killed:people", 19.0)),
    ("Four soldiers shot and wounded a shepherd near Ostrava.", ("soldier", 4.0), None),
])
def test_a_count_that_did_the_harm_is_not_harmed(text: str, doers: tuple[str, float],
                                                 harmed: tuple[str, float] | None) -> None:
    found = keys(text)
    assert doers in found, found
    if harmed:
        assert harmed in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Two men were shot on Elm Street in Lowmere.", ("shot:man", 2.0)),
    ("Two men shot each other outside a bar in Lowmere.", ("shot:man", 2.0)),
    ("Two teenagers shot Sunday night in Lowmere are recovering.", ("shot:teenager", 2.0)),
    ("Four people killed in a crash near Ostrava", ("killed:people", 4.0)),
    ("3 killed 2 injured in Lowmere crash", ("killed:people", 3.0)),
    ("Four people were shot, one critically, in Lowmere.", ("shot:people", 1.0)),
    ("A blast left 45 people dead and about 30 injured a local source told the agency.", ("injured:people", 30.0)),
    ("Of the 45 civilians killed the highest number were in Lowmere.", ("killed:people", 45.0)),
])
def test_the_harmed_before_a_verb_without_object_keep_their_harm(text: str, expected: tuple[str, float]) -> None:
    assert expected in keys(text), keys(text)


@pytest.mark.parametrize(("text", "expected"), [
    # the count is the object of "with", not the subject of "shot and killed"
    ("A man who had a dispute with his two brothers shot and killed them, police said.", ("killed:brother", 2.0)),
    # an irregular plural names people
    ("A woman in Lowmere killed her daughter and two young grandchildren.", ("killed:grandchildren", 2.0)),
    # a list of counts after one harm, and the complement of "cost the lives of", keep it whatever their nouns
    ("A battle near Lowmere cost the lives of 30 regime forces and 29 insurgents.", ("killed:insurgent", 29.0)),
    ("A battle near Lowmere cost the lives of 30 regime forces and 29 insurgents.", ("killed:force", 30.0)),
])
def test_objects_and_irregular_plurals_keep_their_harm(text: str, expected: tuple[str, float]) -> None:
    assert expected in keys(text), keys(text)


@pytest.mark.parametrize(("text", "count"), [
    ("Authorities have charged five people in the November 9 shooting death of a woman in Lowmere.", ("people", 5.0)),
    ("Two known gang members from Lowmere were charged this week with murdering a woman.", ("member", 2.0)),
])
def test_a_count_with_a_verb_of_its_own_is_not_the_harmed(text: str, count: tuple[str, float]) -> None:
    found = keys(text)
    assert count in found, found
    assert ("killed:woman", 1.0) in found or ("killed:people", 1.0) in found, found
