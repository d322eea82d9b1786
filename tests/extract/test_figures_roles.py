"""Who was counted and which event: roles in figure keys, the harms beyond killed and injured,
counts that are no harm, and incidents dated before the article (storyledger.extract.figures)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.figures import key_of
from storyledger.extract.figures.lexicon import ROLES, role_of
from storyledger.extract.figures.whose import other_event_cues
from storyledger.records import Article


def figs(text: str, published: str | None = "2016-05-01"):
    return extract_figures(Article(id="t", text=text, published=published))


def keyed(text: str, published: str | None = "2016-05-01") -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in figs(text, published)]


# --- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Two people were killed. The gunman was also killed.", [("killed:people", 2.0), ("killed:suspect", 1.0)]),
    ("Three suspects were killed and two gunmen were arrested.",
     [("killed:suspect", 3.0), ("arrested:suspect", 2.0)]),
    ("Four officers were wounded and two policemen were killed.", [("injured:police", 4.0), ("killed:police", 2.0)]),
    # the list's sum first, then its parts with their roles
    ("Two soldiers and three children were killed.",
     [("killed:people", 5.0), ("killed:soldier", 2.0), ("killed:child", 3.0)]),
    ("Five boys were injured.", [("injured:child", 5.0)]),
    ("Officers fired back, fatally wounding the attacker.", [("killed:suspect", 1.0)]),
])
def test_the_key_carries_the_role(text: str, expected: list) -> None:
    assert keyed(text) == expected


def test_a_suspect_killed_is_not_a_victim_killed() -> None:
    fs = figs("A woman was shot dead on Friday. The shooter was later killed by police.")
    victims = [f.value for f in fs if f.key == "killed:woman"]
    suspects = [f.value for f in fs if f.key == "killed:suspect"]
    assert (victims, suspects) == ([1.0], [1.0])


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_role_noun_keys_its_role(role: str) -> None:
    for noun in ROLES[role]:
        assert key_of("killed", noun) == f"killed:{role}"
        assert role_of(noun) == role


def test_other_person_nouns_keep_their_class() -> None:
    assert (key_of("killed", "women"), key_of("killed", "civilians"), role_of("woman")) == \
        ("killed:woman", "killed:people", None)


# --- harms: arrested, missing, displaced ----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Five people were arrested after the riot.", [("arrested:people", 5.0)]),
    ("Police arrested a 19-year-old man on Friday.", [("arrested:man", 1.0)]),
    ("The 17-year-old was taken into custody.", [("arrested:people", 1.0)]),
    ("Three children are missing after the flood.", [("missing:child", 3.0)]),
    ("A woman was reported missing.", [("missing:woman", 1.0)]),
    ("About 400 people were displaced and 120 were left homeless.", [("fled:people", 400.0), ("fled:people", 120.0)]),
    ("Officials evacuated 3,000 residents.", [("evacuated:people", 3000.0)]),
])
def test_harms_beyond_killed_and_injured(text: str, expected: list) -> None:
    assert keyed(text) == expected


@pytest.mark.parametrize("text", [
    "A 25-year-old man was arrested at 3 a.m. on Route 9.",
    "It was the third shooting this month.",
    "Police were called to the 1500 block of Main Street.",
])
def test_ages_times_ordinals_and_addresses_are_no_counts_of_people(text: str) -> None:
    counts = [(f.key, f.value) for f in figs(text) if f.value not in (None, 1.0)]
    assert counts == []


@given(st.integers(min_value=2, max_value=99), st.sampled_from(["arrested", "killed", "missing", "injured"]))
@settings(max_examples=30, deadline=None)
def test_an_age_is_never_the_count(age: int, harm: str) -> None:
    fs = figs(f"A {age}-year-old woman was {harm} on Friday.")
    assert [f.value for f in fs if (f.key or "").startswith(f"{harm}:")] == [1.0]


# --- counts that are no harm -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Smith, who had two grown children, was killed on Friday.",
    "The victim, a father of three, was killed.",
    "He is survived by four grandchildren, police said after he was killed.",
])
def test_the_object_of_having_is_no_toll(text: str) -> None:
    assert [f.value for f in figs(text) if (f.key or "").startswith("killed:") and (f.value or 0) > 1] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Three people were shot, two critical.", [("shot:people", 3.0), ("hospitalized:people", 2.0)]),
    ("Two killed, two critical after shooting", [("killed:people", 2.0), ("hospitalized:people", 2.0)]),
    ("Two victims were in critical condition.", [("hospitalized:people", 2.0)]),
    ("Two people were shot dead and two others remain in serious condition.",
     [("killed:people", 2.0), ("hospitalized:people", 2.0)]),
])
def test_a_critical_condition_is_hospitalised_not_killed(text: str, expected: list) -> None:
    assert keyed(text) == expected


# --- whose event: dated incidents ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "published", "event"), [
    ("The shooting comes after a July 2014 shooting that left a girl dead.", "2016-05-01", "other"),
    ("Two people were killed in a 2014 shooting at the mall.", "2016-05-01", "other"),
    ("Two people were killed in the May 2016 shooting at the mall.", "2016-05-20", "story"),
    ("Two people were killed in a 2016 shooting at the mall.", "2016-05-20", "story"),
    ("It follows last year's attack that killed 12 people.", "2016-05-01", "other"),
    ("Two people were killed in a 2014 shooting at the mall.", None, "other"),
])
def test_an_incident_dated_before_the_article_is_another_event(text: str, published: str | None, event: str) -> None:
    harmed = [f for f in figs(text, published) if (f.key or "").startswith("killed:")]
    assert harmed and {f.event for f in harmed} == {event}


def test_dated_cues_need_an_incident_noun() -> None:
    assert other_event_cues("the july 2014 budget was cut", "2016-05-01") == []
    assert other_event_cues("a july 2014 shooting", "2016-05-01") == [0]


@pytest.mark.parametrize(("text", "expected"), [
    ("The shelling left 12 civilians dead.", [("killed:people", 12.0)]),
    ("Attacks on Friday killed two children and injured 27 other people.",
     [("killed:child", 2.0), ("injured:people", 27.0)]),
])
def test_a_toll_left_behind_is_still_a_toll(text: str, expected: list) -> None:
    assert keyed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Hundreds of automobiles are held up on the single road.", "automobile"),
    ("Three jets were shot down over the sea.", "jet"),
    ("Two men were held by police.", "arrested:man"),
])
def test_a_phrasal_verb_is_not_its_verb(text: str, expected: str) -> None:
    assert [f.key for f in figs(text)] == [expected]
