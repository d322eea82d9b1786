"""The dead of a murder-suicide (victims plus the killer), deaths counted by an ordinal or a partitive, a named
person killed, more forms of a death said of a subject, and an age after a name."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.named import named_victims
from storyledger.extract.figures.ordinal import ordinal_deaths
from storyledger.extract.figures.reflexive import reflexive_counts
from storyledger.extract.figures.tally import headline_figures
from storyledger.records import Article


def _killed(text: str, title: str | None = None) -> list[float]:
    """The values of the killed figures of a text, or of its headline when ``title`` is given."""
    a = Article(id="a", text=text, title=title)
    figs = headline_figures(a) if title else extract_figures(a)
    return [f.value for f in figs if (f.key or "").startswith("killed:")]


def _reflexive(text: str) -> list[int]:
    return [c[2] for c in reflexive_counts(text.lower(), text)]


@pytest.mark.parametrize(("text", "expected"), [
    # a reflexive last conjunct
    ("Police said Roe killed his wife and three children, then himself.", [5]),
    ("A Lowmere man killed his 7-year-old son and then himself on Sunday.", [2]),
    ("Roe killed two, then herself.", [3]),
    # a suicide clause after the objects
    ("Roe fatally shot his brother and two nephews before killing himself.", [4]),
    ("Roe is suspected of shooting seven people to death before killing himself.", [8]),
    ("Roe shot and killed a neighbor and her son, then turned the gun on himself.", [3]),
    ("Roe killed his mother before taking his own life.", [2]),
    ("The gunman killed one and wounded four before shooting himself.", [2]),
    # the suicide first, the victims after "after"
    ("Roe killed herself after killing her husband and a neighbor.", [3]),
])
def test_the_killer_is_counted_with_the_victims(text: str, expected: list[int]) -> None:
    assert _reflexive(text) == expected
    assert float(expected[0]) in _killed(text)


@pytest.mark.parametrize("text", [
    # "shot" says no death of the victims; "to death" is needed
    "Roe shot his wife and her daughter, then turned the gun on himself.",
    # another speaker or sentence between the victims and the suicide
    "Roe killed two men. Police said Smith later shot himself.",
    "Roe killed his neighbor, police said, before a deputy shot himself by accident.",
    # no suicide at all
    "Roe killed his wife and two children in Lowmere.",
    # the victim of "shot" by another, who then shot himself: no killing verb
    "Roe was shot by his brother, who then shot himself.",
])
def test_no_sum_without_a_killing_and_a_suicide_of_the_same_subject(text: str) -> None:
    assert _reflexive(text) == []


def test_a_headline_counts_bare_nouns_and_the_reflexive() -> None:
    assert 3.0 in _killed("Police said.", title="Lowmere man kills neighbour, her daughter, himself")
    assert 5.0 in _killed("Police said.", title="Norland man shoots self after killing wife, 3 sons")


@pytest.mark.parametrize(("text", "value"), [
    ("Police said a third person has died after the shooting in Lowmere.", 3),
    ("Three people died in the house and a fourth died later in hospital.", 4),
    ("A seventh victim, Jane Roe, 44, was confirmed dead on Sunday.", 7),
    ("A second man died at the hospital, police said.", 2),
    ("The Lowmere shooting claimed a sixth victim on Friday.", 6),
])
def test_an_ordinal_victim_who_died_is_the_count_so_far(text: str, value: int) -> None:
    assert [c[2:4] for c in ordinal_deaths(text.lower(), text)] == [(value, "killed")]
    assert float(value) in _killed(text)


@pytest.mark.parametrize("text", [
    "It was the second shooting in Lowmere this week.",
    "One man was killed and a second man was wounded.",
    "For the third time this year, the council met.",
    "A second suspect was arrested on Friday.",
])
def test_an_ordinal_of_no_death_counts_no_dead(text: str) -> None:
    assert ordinal_deaths(text.lower(), text) == []


def test_an_ordinal_headline_without_a_determiner() -> None:
    assert 3.0 in _killed("Police said.", title="Third victim dies after Lowmere shooting")
    assert _killed("Police said.", title="Lowmere shooting is third this month") == []


@pytest.mark.parametrize("text", [
    "Roe opened fire, shooting and killing Tom Lowmere, 19.",
    "The gunman killed Ann Norland, 23; her brother survived.",
])
def test_an_age_after_a_full_name_that_closes_the_sentence_is_no_count(text: str) -> None:
    assert all(f.value not in (19.0, 23.0) for f in extract_figures(Article(id="a", text=text)))


def test_a_number_after_a_single_place_name_stays_a_count() -> None:
    figs = extract_figures(Article(id="a", text="The toll in Lowmere rose to 14."))
    assert [f.value for f in figs] == [14.0]


@pytest.mark.parametrize(("text", "name"), [
    ("Police say Roe shot and killed Tom Lowmere before driving off.", "Tom Lowmere"),
    ("Roe opened fire, shooting and killing Ann Norland, 31.", "Ann Norland"),
    ("Roe was charged in the killing of Ann Lowmere, a teacher.", "Ann Lowmere"),
    ("The gunman killed Mr. Lowmere.", "Mr. Lowmere"),
])
def test_a_name_as_the_object_of_a_killing_is_one_killed(text: str, name: str) -> None:
    assert [(text[s:e], n, harm) for s, e, n, harm, *_ in named_victims(text)] == [(name, 1, "killed")]
    assert 1.0 in _killed(text)


@pytest.mark.parametrize("text", [
    "Airstrikes killed Norland fighters on Monday.",
    "The strike killed Lowmere commander Roe.",
    "Roe was shot and killed Friday in Lowmere.",
    "Police said he killed Sunday afternoon traffic plans.",
])
def test_no_name_object_where_the_capitals_are_a_modifier_a_day_or_a_passive(text: str) -> None:
    assert named_victims(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Roe was taken to a hospital where he later died.", 1.0),  # a relative "where" ends the noun phrase before it
    ("Roe succumbed to his injuries on Wednesday.", 1.0),
    ("She succumbed to her wounds at the hospital.", 1.0),
    ("A man was pronounced deceased at the scene.", 1.0),
    ("Two men and a woman succumbed to their injuries.", 3.0),
])
def test_more_forms_of_a_death_said_of_a_subject(text: str, value: float) -> None:
    assert value in _killed(text)


def test_a_pronoun_after_where_with_no_death_counts_no_dead() -> None:
    assert _killed("He was taken to the hospital where he is in stable condition.") == []


@pytest.mark.parametrize(("text", "value"), [
    ("Two men were found with wounds; one of the victims was pronounced deceased.", 1.0),
    ("One of them died at the hospital.", 1.0),
    ("One of the two men was killed.", 1.0),
])
def test_one_of_a_group_who_died_is_one_killed(text: str, value: float) -> None:
    assert value in _killed(text)


def test_one_of_a_group_not_of_people_is_no_death() -> None:
    assert ordinal_deaths("one of the cars was found dead.") == []


@pytest.mark.parametrize(("title", "value"), [
    ("Vigil held in Lowmere after teen found fatally shot in a shed", 1.0),
    ("Man fatally shot in Norland", 1.0),
])
def test_a_headline_of_a_fatal_shooting_after_a_clause_or_an_adverb_is_one_killed(title: str, value: float) -> None:
    assert value in _killed("Police said.", title=title)


def test_a_headline_of_a_plain_shooting_is_none_killed() -> None:
    assert _killed("Police said.", title="Vigil held as teen shot in Lowmere") == []

