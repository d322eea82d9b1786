"""A sentence full of names is no title-case headline: its names are read as written (storyledger.extract.figures)."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article


def keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="t", text=text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tomas Roe, of Lowmere, was pronounced dead at 2:10 p.m. Saturday at Lowmere Regional Medical Center.",
     ("killed:people", 1.0)),
    ("Lowmere Police Lt. Anna Berg says Jon Roe killed Ella Vance and 7-year-old Ivo Vance and 2-year-old Mia Vance.",
     ("killed:people", 3.0)),
    ("Police say Karl Dane shot and killed Otto Lind, a junior at Lowmere High School, on Nov. 2.",
     ("killed:people", 1.0)),
])
def test_names_in_a_sentence_with_lowercase_verbs_count_the_named(text: str, expected: tuple[str, float]) -> None:
    assert expected in keys(text), keys(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Bomb Kills 16 People In Lowmere Market", ("killed:people", 16.0)),
    ("Gunman Kills Three With Rifle At Ostrava Mall", ("killed:people", 3.0)),
])
def test_a_title_case_headline_is_still_read_as_one(text: str, expected: tuple[str, float]) -> None:
    found = keys(text)
    assert expected in found, found
    assert not any(k and k.endswith((":mall", ":market")) for k, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    ("A man walking his dog in Lowmere was shot and killed on Saturday.", ("killed:man", 1.0)),
    ("A woman sitting in her car was fatally shot, police said.", ("killed:woman", 1.0)),
    ("A teenager carrying a rifle was arrested near Ostrava.", ("arrested:people", 1.0)),
])
def test_a_subject_with_a_participle_phrase_is_counted(text: str, expected: tuple[str, float]) -> None:
    found = keys(text)
    assert any(k.split(":")[0] == expected[0].split(":")[0] and v == expected[1] for k, v in found if k), found



@pytest.mark.parametrize(("text", "expected"), [
    ("A hunter has been found dead in the hills above Lowmere.", ("killed:hunter", 1.0)),
    ("A cashier was shot during a robbery in Ostrava.", ("shot:cashier", 1.0)),
    ("Police in Lowmere say that DeVane was killed after exchanging gunfire with officers.", ("killed:people", 1.0)),
    ("Police said Roe shot and killed Tom McArdle before driving off.", ("killed:people", 1.0)),
    ("While cleaning his rifle in Lowmere, he accidentally shot himself and died.", ("killed:people", 1.0)),
])
def test_agent_nouns_inner_capitals_and_a_later_death(text: str, expected: tuple[str, float]) -> None:
    assert expected in keys(text), keys(text)


@pytest.mark.parametrize("text", ["The trailer was shot several times in Lowmere.", "A number was killed off."])
def test_nouns_of_things_with_an_agent_ending_are_no_one(text: str) -> None:
    assert not any((k or "").startswith(("killed", "shot")) for k, _ in keys(text)), keys(text)
