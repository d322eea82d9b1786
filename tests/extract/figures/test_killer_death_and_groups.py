"""The killer's own death (killed by others after killing, or alone in a suicide clause), "shooting to death"
before its objects, an age before the counted noun, a possessive before a number in a list, and an attempted
murder-suicide (storyledger.extract.figures.reflexive, .clause, .coordination, .implied), on texts written here."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.clause import unit_phrase
from storyledger.extract.figures.coordination import conjunct_count
from storyledger.extract.figures.implied import implied_counts
from storyledger.extract.figures.reflexive import reflexive_counts, self_deaths
from storyledger.records import Article


def _reflexive(text: str) -> list[int]:
    return [c[2] for c in reflexive_counts(text.lower(), text)]


def _keyed(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="a", text=text))]


@pytest.mark.parametrize(("text", "expected"), [
    # the killer killed by others after the killing: victims plus one
    ("Roe killed four soldiers before he himself was shot dead.", [5]),
    ("Roe shot and killed two people before being shot dead by police.", [3]),
    ("A Lowmere inmate seized a gun, killing two guards and injuring two more people before he was fatally shot by "
     "other officers.", [3]),
    ("Roe killed his wife before police shot and killed him.", [2]),
    ("Roe killed three hostages until he was gunned down by troopers.", [4]),
    # a number before a plural noun no word list names, as the objects of a killing verb
    ("Roe killed three bailiffs, then killed himself.", [4]),
    # "shooting to death" before its objects
    ("Roe is suspected of shooting to death his daughter and a neighbor before turning the gun on himself.", [3]),
])
def test_the_killer_killed_after_the_killing_is_added(text: str, expected: list[int]) -> None:
    assert _reflexive(text) == expected


@pytest.mark.parametrize("text", [
    # the killer arrested, not killed
    "Roe killed a man in Lowmere before he was arrested by police.",
    # no killing verb before: "shot" says no death of the victims
    "Roe shot two people before he was shot dead by police.",
    # another sentence between
    "Roe killed two men. Before he was shot, he fled to Ostravia.",
])
def test_no_sum_without_the_killer_killed(text: str) -> None:
    assert _reflexive(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("police said roe shot his wife, then turned the gun on himself.", 1),
    ("the gunman wounded nine others before turning the gun on himself.", 1),
    ("roe later took her own life in ostravia.", 1),
    ("after killing his wife, roe went home and committed suicide.", 1),
    # said not to have happened
    ("roe had threatened to kill himself.", 0),
    ("roe tried to take his own life.", 0),
    ("roe was hospitalized after an attempt at taking his own life failed.", 0),
    # "shot himself" alone says no death
    ("a boy accidentally shot himself in the leg.", 0),
])
def test_the_killer_alone_is_one_dead(text: str, expected: int) -> None:
    assert len(self_deaths(text)) == expected


def test_the_killer_alone_gives_way_to_the_sum_with_the_victims() -> None:
    text = "roe killed his wife and two sons, then turned the gun on himself."
    sums = reflexive_counts(text)
    assert [c[2] for c in sums] == [4]
    assert self_deaths(text, sums) == []
    assert ("killed:people", 4.0) in _keyed("Roe killed his wife and two sons, then turned the gun on himself.")
    assert ("killed:people", 1.0) not in _keyed("Roe killed his wife and two sons, then turned the gun on himself.")


def test_the_killer_alone_is_a_figure_beside_the_victims_shot() -> None:
    keyed = _keyed("Roe shot his wife and her daughter before turning the gun on himself, police in Lowmere said.")
    assert ("killed:people", 1.0) in keyed
    assert not any(k == "killed:people" and v > 1 for k, v in keyed)  # "shot" alone: no sum with the victims


@pytest.mark.parametrize(("after", "unit"), [
    (" 16-year-old boys were fatally shot", "boys"),
    (" 3-month-old infants died", "infants"),
    (" 17-year-olds were shot", "17-year-olds"),
    (" teenage boys were shot", "boys"),
])
def test_an_age_before_the_counted_noun(after: str, unit: str) -> None:
    assert unit_phrase(after)[0] == unit


@pytest.mark.parametrize(("text", "expected"), [
    ("Two 16-year-old boys were fatally shot in Lowmere on Tuesday.", ("killed:child", 2.0)),
    ("Police found two 3-year-old children dead.", ("killed:child", 2.0)),
    ("Two 17-year-olds were shot near the park.", ("shot:people", 2.0)),
])
def test_a_count_with_an_age_modifier_keeps_its_harm(text: str, expected: tuple[str, float]) -> None:
    assert expected in _keyed(text)


@pytest.mark.parametrize(("text", "pos", "expected"), [
    ("her two children were", 0, (2, len("her two children"))),
    ("their 3 sons", 0, (3, len("their 3 sons"))),
    ("the three men", 0, (3, len("the three men"))),
    ("her child", 0, (1, len("her child"))),
    # a possessive and an age: one person
    ("her 2-year-old son", 0, (1, len("her 2-year-old son"))),
])
def test_a_possessive_before_a_number(text: str, pos: int, expected: tuple[int, int]) -> None:
    assert conjunct_count(text, pos) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Police found a mother and her two children dead in Ostravia.", 3.0),
    ("A man and his three sons were killed.", 4.0),
    ("Roe killed his wife and their two daughters.", 3.0),
])
def test_a_list_with_a_possessive_number_is_summed(text: str, expected: float) -> None:
    assert ("killed:people", expected) in _keyed(text)


def test_an_attempted_murder_suicide_counts_no_dead() -> None:
    assert not [c for c in implied_counts("their baby was wounded in the attempted murder-suicide.") if c[3] == "killed"]
    assert [c[2] for c in implied_counts("police called it a murder-suicide.") if c[3] == "killed"] == [2]


@pytest.mark.parametrize(("text", "expected"), [
    ("A jury found Roe guilty of killing his wife, Lena, and their infant son in Lowmere.", 2.0),
    ("Police said he shot and killed his father, Jon, and his two sisters in Ostrava.", 3.0),
    ("Police said he killed Ana, Bea and Cal in Lowmere.", 3.0),
])
def test_a_name_in_apposition_in_an_object_list_is_no_one_more(text: str, expected: float) -> None:
    found = [(f.key, f.value) for f in extract_figures(Article(id="t", text=text))]
    assert ("killed:people", expected) in found, found
