"""Lists of people after "shot", a determiner shared by a list, a relative clause or a nickname inside a list, an
unborn child beside a count of people (storyledger.extract.figures.coordination), and numbers that count no one:
ages in ranges and lists, ages after a name with a suffix, gallery pagers (storyledger.extract.figures.filters),
on texts written here."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article


def _keyed(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="a", text=text))]


@pytest.mark.parametrize(("text", "expected"), [
    # "shot" takes a list of objects as the other harm verbs do
    ("Police said a man shot his wife and 11-year-old stepdaughter in Lowmere.", ("shot:people", 2.0)),
    ("Dorn Halvik, 37, shot his girlfriend and her young daughter on Sunday.", ("shot:people", 2.0)),
    ("A gunman opened fire, shooting a clerk and two customers.", ("shot:people", 3.0)),
    # a determiner shared by the conjuncts of an object list
    ("Police arrested a man accused of killing a father and son in Ostrava.", ("killed:people", 2.0)),
    ("A gunman killed a mother and child on Sunday.", ("killed:people", 2.0)),
    # a relative clause between commas after a conjunct
    ("Arlo Penwick, 18, who was celebrating his birthday, and Edric Salm, 16, were killed.", ("killed:people", 2.0)),
    # a nickname in quotes inside a name
    ('Marla Quenby Voss, 32, and Tobin "TJ" Quenby Voss, 3, died of gunshot wounds.', ("killed:people", 2.0)),
    # an unborn child beside the people killed is none of them
    ("The ambush killed five adults and an unborn child.", ("killed:adult", 5.0)),
    ("The shooting left five people and an unborn baby dead.", ("killed:people", 5.0)),
])
def test_lists_of_people(text: str, expected: tuple[str, float]) -> None:
    assert expected in _keyed(text), _keyed(text)


@pytest.mark.parametrize(("text", "wrong"), [
    ("The gunman killed a man and police are searching for him.", ("killed:people", 2.0)),
    ("The ambush killed five adults and an unborn child.", ("killed:people", 6.0)),
])
def test_no_list_where_the_grammar_has_none(text: str, wrong: tuple[str, float]) -> None:
    assert wrong not in _keyed(text), _keyed(text)


@pytest.mark.parametrize(("text", "age"), [
    ("Police say five men between the ages of 21 and 58 were shot.", 58.0),
    ("Victims ranged in age from 17 to 54. Five were injured.", 54.0),
    ("He said those killed were three women, 35, 46 and 54 years old, and a man.", 46.0),
    ("Officers found Tom Hale and Lee Ames, both 31 and of Corvale, with gunshot wounds.", 31.0),
    ("Police said Tobin Earl Voss Jr., 11, died from a gunshot wound.", 11.0),
    ("He was charged in the death of Eric Vale, also 18. Two others were hurt.", 18.0),
    ("The two wounded victims are younger than 18 and were taken to a hospital.", 18.0),
    ("Mother, child found dead in Corvale home 1 / 9 Back to Gallery", 9.0),
    ("Mother, child found dead in Corvale home 1 / 9 Back to Gallery", 1.0),
    ("Image 12 of 12 3 killed, 2 wounded in shooting", 12.0),
    ("The victims who died are males 17 and 33 years of age.", 17.0),
    ("One woman in her 20's died at the scene.", 20.0),
    ("Police found a woman dead inside apartment 38.", 38.0),
    ("The driver was killed.[12][13] Then he fled.", 12.0),
    ("The driver was killed.[12][13] Then he fled.", 13.0),
    ("Victims: Samir Vale, 55 (shot at home)", 55.0),
    ("Armed suspect dies after shooting at Corvale 7-Eleven", 11.0),
    ("A man was shot dead outside a 7-Eleven store.", 7.0),
    ("Officers responded to a 911 call and found two people dead at a home.", 911.0),
])
def test_numbers_that_count_no_one(text: str, age: float) -> None:
    assert all(v != age for _, v in _keyed(text)), _keyed(text)


def test_an_emergency_number_counts_only_where_it_counts() -> None:
    assert ("killed:people", 911.0) in _keyed("The attack killed 911 people.")
    assert ("killed:people", 2.0) in _keyed("Officers responded to a 911 call and found two people dead at a home.")


def test_the_pager_leaves_the_counts() -> None:
    found = _keyed("Image 12 of 12 3 killed, 2 wounded in shooting")
    assert ("killed:people", 3.0) in found and ("injured:people", 2.0) in found, found
