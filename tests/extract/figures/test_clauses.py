"""Counts read through relative and reduced clauses, appositions, possessives; noise that is no count."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.implied import implied_counts
from storyledger.records import Article


def _keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="a", text=text))]


def _harms(text: str) -> list[tuple[int, str]]:
    return [(c[2], c[3]) for c in implied_counts(text.lower(), text)]


@pytest.mark.parametrize(("text", "expected"), [
    # a relative clause between the subject and its harm
    ("Police said a 16-year-old who was with her was shot in the leg.", [(1, "shot")]),
    ("A woman who police say was driving was killed.", [(1, "killed")]),
    # a relative clause that holds a harm of its own is read by the ordinary frame, once
    ("A man who was shot in the arm was hospitalized.", [(1, "shot")]),
    # a relative clause with a clause inside it is not one subject
    ("A Lowmere man who escaped from a home where three people were killed was questioned.", []),
])
def test_a_relative_clause_does_not_hide_the_subject(text: str, expected: list) -> None:
    assert _harms(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A man shot seven times was taken to a hospital.", [(1, "shot")]),
    ("A teen shot in the head on Sunday was taken to a hospital.", [(1, "shot")]),
    ("A man killed by police was identified as Roe.", [(1, "killed")]),
    # an active verb with an object, or a shot fired, is no harm to the subject
    ("A man shot a dog in the yard.", []),
    ("The gunman shot in the air.", []),
])
def test_a_reduced_passive_counts_its_subject(text: str, expected: list) -> None:
    assert _harms(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ian Roe, a 22-year-old cook, was shot and killed on Friday.", [(1, "killed")]),
    ("Mary Lowe, an employee at the shop, was also wounded.", [(1, "injured")]),
    ("Ian Roe, a spokesman for the Lowmere police, said the road was closed.", []),
])
def test_a_name_with_a_noun_phrase_in_apposition(text: str, expected: list) -> None:
    assert _harms(text) == expected


def test_a_possessive_subject_and_a_pair_with_modifiers() -> None:
    assert _harms("The girl said her dad and older sister were dead.") == [(2, "killed")]
    assert _harms("Police said her fiance was killed.") == [(1, "killed")]
    # a possessive after a harm verb is that verb's object, not the subject of what follows
    assert (1, "arrested") not in _harms("A man who shot his wife was arrested.")


def test_shot_to_death_is_a_count_of_the_killed() -> None:
    assert _keys("A Norland man shot five people to death on Monday.") == [("killed:people", 5.0)]
    assert _keys("Three people were shot on Monday.") == [("shot:people", 3.0)]


@pytest.mark.parametrize("text", [
    "A woman was found dead in the 7500-block of Lowmere Avenue.",
    "A man was killed at a home on 32 Road.",
    "He was shot and killed while trying to call 911.",
    "Her husband was murdered at Club 18 in 2009.",
])
def test_addresses_phone_numbers_and_years_are_no_counts(text: str) -> None:
    assert [k for k in _keys(text) if k[1] != 1.0] == []


def test_a_number_after_call_with_its_noun_is_still_a_count() -> None:
    assert ("people", 30.0) in _keys("The council called 30 people to testify.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Two remain hospitalized in serious condition.", "injured:people"),
    ("Police said two were critically injured.", "injured:people"),
])
def test_a_verb_or_adverb_read_as_the_unit_is_no_unit(text: str, expected: str) -> None:
    assert [k for k, _ in _keys(text)] == [expected]


def test_a_name_with_an_initial_and_an_age_that_suffered_a_wound_is_one_hurt() -> None:
    assert _keys("Ian K. Roe, 19, sustained a gunshot wound and was taken to a hospital.") == [("injured:people", 1.0)]
    assert _keys("Ian Roe, 19, said the road was closed.") == []


def test_one_harmed_then_dead_is_killed_not_hurt() -> None:
    assert _harms("The 20-year-old man injured in a shooting last week died from his injuries on Sunday.") \
        == [(1, "killed")]


def test_a_minor_is_a_person_only_as_a_noun() -> None:
    assert _harms("A minor was injured in a shooting on Sunday.") == [(1, "injured")]
    assert _harms("He suffered minor injuries.") == []
