"""Tests for counts with "and a half", history a decade or more away, and a count that is its own verb's object."""

from __future__ import annotations

import pytest

from storyledger.extract import extract_figures
from storyledger.extract.figures.tollframe import casualty_pair
from storyledger.extract.figures.whose import other_event
from storyledger.records import Article


def _figures(text: str) -> list[tuple[str | None, float, str]]:
    return [(f.key, f.value, text[f.start:f.end]) for f in extract_figures(Article(id="t", text=text))]


@pytest.mark.parametrize(("text", "value", "span"), [
    ("Two and a half million people live in Lowmere.", 2_500_000.0, "Two and a half million people"),
    ("The Norland fund raised three and a half billion dollars.", 3_500_000_000.0, "three and a half billion dollars"),
    ("She walked four and a half miles to Lowmere.", 4.5, "four and a half miles"),
    ("About 7 and a half thousand people marched.", 7_500.0, "About 7 and a half thousand people"),
    ("It took 1,300 and a half hours.", 1_300.5, "1,300 and a half hours"),
])
def test_and_a_half_adds_a_half_and_a_scale_after_it_scales_the_whole(text: str, value: float, span: str) -> None:
    assert [(v, s) for _, v, s in _figures(text)] == [(value, span)]


def test_one_and_a_half_million_is_no_count_of_one() -> None:
    text = "In 1921 one and a half million Norlanders were deported, officials in Ostravia said."
    assert all(v != 1.0 for _, v, _ in _figures(text))


@pytest.mark.parametrize("sentence", [
    "One hundred years after a mob burned the Lowmere district, killing dozens, the town remembered.",
    "Thirty years ago a gunman killed 12 people at a Norland school.",
    "Decades after the massacre that killed 300 villagers, Ostravia apologised.",
    "A century after the fire that killed 146 workers, the mill stands.",
    "Twenty-five years later, the men who killed 9 miners were tried.",
])
def test_a_distance_of_a_decade_or_more_is_another_event(sentence: str) -> None:
    assert other_event(sentence)


@pytest.mark.parametrize("sentence", [
    "Two years ago a man was killed at the same corner in Lowmere.",  # a follow-up may recall its own event
    "The 17 years old was killed on Friday.",
    "The man, 35 years old, was killed in the shooting.",
    "Three people were killed in Lowmere on Monday.",
])
def test_a_short_distance_or_an_age_is_not(sentence: str) -> None:
    assert not other_event(sentence)


def test_killing_and_injuring_together_count_casualties_neither_killed_nor_injured() -> None:
    assert casualty_pair("a mob burned the town, killing and injuring an estimated ", " residents", "") == (
        "killing and injuring", "casualties")
    text = "A mob burned the Lowmere market on Monday, killing and injuring hundreds of traders."
    assert not any((k or "").startswith(("killed", "injured")) for k, _, _ in _figures(text))


def test_a_count_right_after_a_participle_is_that_verbs_object() -> None:
    text = "Gunmen stormed the Lowmere market, killing 12 traders and forcing thousands from their homes."
    keys = {s: k for k, _, s in _figures(text)}
    assert keys["12 traders"].startswith("killed")
    assert not any((k or "").startswith(("killed", "injured")) for s, k in keys.items() if s.startswith("thousands"))
    # a harm participle right before the count is still its verb
    assert _figures("The blast tore through the Norland depot, killing 7 workers.")[0][0].startswith("killed")


@pytest.mark.parametrize(("text", "killed"), [
    ("The storm claimed 31 lives in Lowmere.", 31.0),
    ("The floods cost 17 lives across Norland.", 17.0),
    ("More than 44 lives were lost in the Ostravia fire.", 44.0),
    ("An airstrike has claimed lives of seven civilians in Lowmere.", 7.0),
])
def test_lives_lost_claimed_or_cost_are_deaths(text: str, killed: float) -> None:
    assert [v for k, v, _ in _figures(text) if (k or "").startswith("killed")] == [killed]


@pytest.mark.parametrize("text", [
    "The ruling threw the lives of more than 700,000 people into tumult.",
    "The program changed the lives of 5,000 Norland students.",
])
def test_lives_alone_are_no_deaths(text: str) -> None:
    assert not any((k or "").startswith("killed") for k, _, _ in _figures(text))


@pytest.mark.parametrize(("text", "verb"), [
    ("Norland Flu Shot Plans Could Affect 100m People.", "affect"),
    ("The vaccine drive will reach 40 million residents of Ostravia.", "reach"),
])
def test_a_verb_after_a_modal_right_before_the_count_is_its_own(text: str, verb: str) -> None:
    figs = extract_figures(Article(id="t", text=text))
    assert [(f.key or "").partition(":")[0] for f in figs] == ["people"] and figs[0].predicate == verb


def test_a_harm_verb_after_a_modal_still_counts_the_harm() -> None:
    assert _figures("The gunman could kill 5 people, police warned.")[0][0].startswith("killed")


@pytest.mark.parametrize("sentence", [
    "Reports said the Lowmere fighter, famed for killing 100 enemy fighters, was captured.",
    "The gunman, known for shooting two officers in Ostrava, was arrested on Friday.",
])
def test_a_reputation_is_another_event(sentence: str) -> None:
    assert other_event(sentence)
