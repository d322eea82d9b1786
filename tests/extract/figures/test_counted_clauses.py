"""Figures that count what their clause says: who died, ages, members of groups, increments, other events."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.whose import other_event_cues
from storyledger.records import Article


def _figures(text: str, published: str | None = "2024-05-01") -> list[tuple[str | None, float | None, str, str]]:
    figures = extract_figures(Article(id="a", text=text, published=published))
    return [(f.key, f.value, text[f.start:f.end], f.event) for f in figures]


def _killed(text: str, published: str | None = "2024-05-01") -> list[tuple[float | None, str]]:
    return [(v, s) for k, v, s, _ in _figures(text, published) if (k or "").startswith("killed")]


@pytest.mark.parametrize(("text", "name"), [
    # the subject of "died" is the name before the apposition, not the words that close it
    ("Jane Roe, the first Norland secretary of State, died on Tuesday.", "Jane Roe"),
    ("John Roe Jr., a veteran who served in the Ostravia War, died June 3 at his home.", "John Roe Jr."),
    ("John Roe Jr., a U.S. Army veteran who served in the Ostravia War, died June 3.", "John Roe Jr."),
    ("Jane Roe, an esteemed general who became the first Norland secretary of State, died Monday.", "Jane Roe"),
    # a name alone before "died" stays its subject, after a verb of saying too
    ("Police said Roe died at the hospital.", "Roe"),
])
def test_the_subject_of_a_named_death_is_the_head_before_the_apposition(text: str, name: str) -> None:
    spans = [s for v, s in _killed(text) if v == 1.0]
    assert name in spans
    assert not {"State", "Ostravia War", "State,"} & set(spans)


@pytest.mark.parametrize(("text", "span"), [
    # a name with its home: the name is the head
    ("One victim, Jane Roe, 25, of Lowmere, was pronounced dead at the scene.", "Jane Roe"),
    ("Adam Roe of Lowmere was killed on Sunday.", "Adam Roe"),
    # a person noun with a phrase that ends in a name: the person
    ("A person in the vehicle with Roe was killed by gunfire from a guard.", "A"),
    # a name after the end of a sentence begins the next one
    ("They carried him to Lowmere General Hospital. Eian died shortly thereafter.", "Eian"),
])
def test_the_subject_of_a_named_death_is_the_head_of_its_phrase(text: str, span: str) -> None:
    assert (1.0, span) in _killed(text)
    assert all(s not in ("Lowmere", "Roe", "Lowmere General Hospital. Eian") for _, s in _killed(text))


def test_a_place_after_a_preposition_is_no_one_who_died() -> None:
    killed = _killed("On Saturday, two firefighters in Lowmere died when their aircraft crashed.")
    assert killed == [(2.0, "two firefighters")]


@pytest.mark.parametrize("text", [
    "Jane Roe dead at 87",
    "Norland actor John Roe dies at 87",
    "Jane Roe, a former senator, has died at 94, his chief of staff said.",
    "Jane Roe retired at 65 and died last week.",
])
def test_an_age_after_at_is_no_count(text: str) -> None:
    assert all(v not in (87.0, 94.0, 65.0) for _, v, _, _ in _figures(text))


def test_a_toll_that_stands_at_a_number_is_still_a_count() -> None:
    assert (86.0, "86") in _killed("The death toll stood at 86 on Monday.")


@pytest.mark.parametrize("text", [
    "Sgt. John Roe was one of 17 Norland soldiers killed in the attack at the gate.",
    "John Roe, one of the 17 soldiers who died, was buried on Monday.",
])
def test_a_member_of_a_counted_group_is_not_a_count_of_one(text: str) -> None:
    killed = _killed(text)
    assert [v for v, _ in killed] == [17.0]


@pytest.mark.parametrize("text", [
    "The ministry said an additional soldier died on Monday.",
    "One more victim died at the hospital on Friday.",
])
def test_an_added_person_is_a_change_not_a_count(text: str) -> None:
    figures = _figures(text)
    assert not _killed(text)
    assert [(k or "").split(":")[0] for k, v, _, _ in figures if v == 1.0] == ["increased"]


def test_another_person_with_another_harm_stays_a_count() -> None:
    keys = [k for k, _, _, _ in _figures("A man was killed and another man was wounded.")]
    assert keys == ["killed:man", "injured:man"]


@pytest.mark.parametrize(("text", "value"), [
    ("The trial of an officer who killed John Roe, prompted hundreds to protest at the site.", 100.0),
    ("The mob that killed about 30 residents forced thousands of others out of their homes.", 1000.0),
])
def test_a_count_is_the_object_of_its_own_verb_not_a_harm_verb_in_another_clause(text: str, value: float) -> None:
    assert value not in [v for v, _ in _killed(text)]
    assert value in [v for _, v, _, _ in _figures(text)]


def test_a_harm_verb_right_before_the_count_still_counts() -> None:
    assert _killed("The blast killed at least 12 people, officials said.") == [(12.0, "at least 12 people")]


def test_counts_of_murder_in_the_deaths_of_people_count_no_one_killed() -> None:
    figures = _figures("Roe was convicted on two counts of murder in the deaths of his neighbours.")
    assert [(k, v) for k, v, _, _ in figures] == [("count", 2.0)]


@pytest.mark.parametrize("text", [
    "The company is working on making the two-dose shot easier to store.",
    "A 12-member jury convicted him of shooting the clerk.",
    "The boy was shot in the side by a 20-gauge shotgun.",
])
def test_a_number_in_a_compound_modifier_counts_no_one_harmed(text: str) -> None:
    harmed = [v for k, v, _, _ in _figures(text) if (k or "").split(":")[0] in ("killed", "injured", "shot")]
    assert not {2.0, 12.0, 20.0} & set(harmed)


@pytest.mark.parametrize(("text", "event"), [
    ("They honour the 40,000 Norland soldiers who died in the war.", "other"),
    ("Thousands of Ostravians were killed during the occupation.", "other"),
    ("The 1990 war killed 3,000 people.", "other"),
    ("In 2019, 12 people were killed in an attack on Lowmere, officials said.", "other"),
    # the article's own year is no other event
    ("In 2024, 12 people were killed in an attack on Lowmere, officials said.", "story"),
    ("So far in 2024, 40 people have been killed in Lowmere.", "other"),
    ("The visit marks the 100th anniversary of the attack by a mob that killed about 300 residents.", "other"),
    # a toll in a long event that is the story's subject, with no death framed by it, stays the story's
    ("Norland passed 600,000 deaths from the virus on Tuesday, a milestone in the pandemic.", "story"),
])
def test_a_death_framed_by_a_war_or_another_year_is_another_event(text: str, event: str) -> None:
    events = [e for k, _, _, e in _figures(text) if (k or "").startswith("killed")]
    assert events and set(events) == {event}


def test_a_year_is_another_event_where_the_publication_date_is_unknown() -> None:
    assert other_event_cues("in 2024, 12 people were killed", None) == [0]
    assert other_event_cues("in 2024, 12 people were killed", "2024-03-02") == []


def test_a_possessive_object_spans_its_whole_word() -> None:
    figures = _figures("Roe spoke about the death of his 20-year-old son in a crash.")
    assert ("killed:son", 1.0, "his", "story") in figures


@pytest.mark.parametrize("text", [
    "A man was found dead in a hotel room near Six Flags on Sunday.",
    "He lived in Lowmere. Three Feathers' website says the preserve offers private hunts.",
])
def test_a_number_word_in_a_proper_name_is_no_count(text: str) -> None:
    assert all(v not in (6.0, 3.0) for _, v, _, _ in _figures(text))


@pytest.mark.parametrize(("text", "value"), [
    ("Three Norland soldiers were killed on Monday.", 3.0),
    ("Shooting Leaves Two Dead In Lowmere Park After Dispute", 2.0),
    ("Watch the video. Embed Three Killed, Four Hurt in Lowmere Shooting 1:19 autoplay", 3.0),
    ("Tags Lowmere Norland Four Ostravian militia members were reportedly killed in Norland.", 4.0),
])
def test_a_capitalised_count_at_a_sentence_start_or_in_a_title_stays(text: str, value: float) -> None:
    assert value in [v for v, _ in _killed(text)]
