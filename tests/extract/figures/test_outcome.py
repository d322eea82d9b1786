"""Counts whose clause goes on to say what became of them, objects headed past their modifiers, ages that
are no counts, events that name a death (storyledger.extract.figures: outcome, implied, filters)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.outcome import later_outcome
from storyledger.records import Article


def keyed(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="t", text=text, published="2016-05-01"))]


# --- a later death in the count's own clause -----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # a second verb of the same subject
    ("The two were shot multiple times on Friday and died at the scene.", [("killed:people", 2.0)]),
    # the harm in a relative clause, the death in the main one
    ("Three teens who were shot at a party on Sunday have died.", [("killed:teen", 3.0)]),
    ("Four people who were wounded in the attack later died.", [("killed:people", 4.0)]),
])
def test_a_count_of_the_shot_who_died_counts_the_dead(text: str, expected: list) -> None:
    assert keyed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a new subject between the harm and the death: the death is another, smaller count's
    ("Five people were shot and one died.", [("shot:people", 5.0), ("killed:people", 1.0)]),
    ("Five people were shot, one of them died.", [("shot:people", 5.0), ("killed:people", 1.0)]),
    ("Six people were shot by a man who later died.", [("shot:people", 6.0), ("killed:man", 1.0)]),
    ("Three people were shot on Sunday.", [("shot:people", 3.0)]),
    # a sentence break ends the clause
    ("Two men were shot. A woman died.", [("shot:man", 2.0), ("killed:woman", 1.0)]),
    ("Two men were shot twice. The victims died.", [("shot:man", 2.0)]),
])
def test_a_death_of_someone_else_leaves_the_count_of_the_shot(text: str, expected: list) -> None:
    assert keyed(text) == expected


def test_later_outcome_rereads_only_the_shot_and_the_injured() -> None:
    assert later_outcome(" were shot and died.", "shot", "shot") == ("died", "killed")
    assert later_outcome(" were wounded and later died.", "wounded", "injured") == ("died", "killed")
    assert later_outcome(" were arrested and died.", "arrested", "arrested") == ("arrested", "arrested")
    assert later_outcome(" fled and died.", "fled", "fled") == ("fled", "fled")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefgh ,.", max_size=60))
def test_later_outcome_never_reads_a_death_that_is_not_written(filler: str) -> None:
    # no death word in the clause: the predicate stays as read
    assert later_outcome(" were shot " + filler, "shot", "shot") == ("shot", "shot")


# --- objects, agents, ages, death events ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # the head of an object is the person noun its modifiers lead to
    ("Officers shot and killed the active shooter.", [("killed:suspect", 1.0)]),
    ("He shot and killed his estranged wife.", [("killed:wife", 1.0)]),
    # an agent ("by a man") is who harmed, not who was harmed
    ("Four people were wounded by a gunman.", [("injured:people", 4.0)]),
    # a death named as an event: at least one dead
    ("Police seek a teen in a weekend shooting death.", [("killed:victim", 1.0)]),
    ("Police are investigating the shooting deaths of two men.", [("killed:man", 2.0)]),
])
def test_objects_agents_and_death_events(text: str, expected: list) -> None:
    assert keyed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an age in apposition to a person noun, or the complement of a copula, is no count
    ("One man, 20, was shot in the chest and died at the scene.", [("killed:man", 1.0)]),
    ("Another man, 28, was shot in the arm.", [("shot:man", 1.0)]),
    ("The victim, who died at the hospital, was 25.", [("killed:victim", 1.0)]),
    # but a toll as the subject keeps its count
    ("The death toll was 25.", [("killed:people", 25.0)]),
])
def test_ages_are_no_counts(text: str, expected: list) -> None:
    assert keyed(text) == expected


def test_an_outcome_word_is_no_person_in_a_headline_list() -> None:
    # "1 dead, 4 others hurt": the dead are not summed into the hurt
    assert keyed("1 dead, 4 others hurt in county shooting\nFive people were shot.") == [
        ("killed:people", 1.0), ("injured:people", 4.0), ("shot:people", 5.0)]


@pytest.mark.parametrize(("text", "expected"), [
    # a harm gerund takes the count as its object; "fatally" makes it a death
    ("A man accused of fatally shooting three people appeared in court.", [("killed:people", 3.0)]),
    ("He is charged with shooting two men.", [("shot:man", 2.0)]),
    ("Police said he was shooting and killing two men.", [("killed:man", 2.0)]),
    # a determiner makes "shooting" a noun, no verb of the count
    ("Since the shooting 3 people have left.", [("fled:people", 3.0)]),
])
def test_a_harm_gerund_governs_its_object_count(text: str, expected: list) -> None:
    assert keyed(text) == expected



@pytest.mark.parametrize(("text", "expected"), [
    # a name after a determiner and its noun, with a bare comma, is the same person
    ("Jane Roe, 13, and her father, Joe, were killed.", 2.0),
    ("A man, John Doe, and a woman were shot.", 2.0),
    # names and noun phrases joined by "and" or listed are each one
    ("Smith, Jones and Brown were arrested.", 3.0),
    ("A man, a woman and a child were killed.", 3.0),
])
def test_a_name_in_apposition_is_not_counted_twice(text: str, expected: float) -> None:
    assert keyed(text)[0][1] == expected
