"""War and conflict tolls: toll frames, appositions, parts of a toll, group sums and the choice of the toll."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import casualty_count, extract_figures
from storyledger.extract.figures.apposition import skip_apposition
from storyledger.extract.figures.parts import group_sums, mark_part_lists, others_sums
from storyledger.extract.figures.tollframe import toll_complement
from storyledger.records import Article, Figure


def _figs(text: str) -> tuple[Figure, ...]:
    return extract_figures(Article(id="a", text=text))


def _keyed(text: str) -> list[tuple[float, str | None]]:
    return [(f.value, f.key) for f in _figs(text)]


def _count(text: str) -> float | None:
    return casualty_count(_figs(text))


# --- the toll frame -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The number of dead in Lowmere has reached 41, the monitor said.",
    "The death toll reached 41 after the Ostravian strikes on Lowmere.",
    "The number of victims from the first raid on Lowmere to the last has reached 41 people.",
    "The toll of the dead in Lowmere stood at 41 on Monday.",
])
def test_a_count_completing_a_toll_phrase_is_the_killed(text: str) -> None:
    assert (41.0, "killed:people") in _keyed(text)
    assert _count(text) == 41.0


def test_the_nearest_toll_phrase_governs_each_count() -> None:
    text = "The governor of Lowmere put the death toll at nine and the number of injured at 38."
    assert _keyed(text) == [(9.0, "killed:people"), (38.0, "injured:people")]
    assert _count(text) == 9.0


def test_a_count_of_its_own_between_breaks_the_toll_frame() -> None:
    text = "the death toll from 27 strikes on Lowmere rose to 53"
    assert toll_complement(text, 0, text.index("53")) is None
    assert toll_complement(text, 0, text.index("27")) is None  # "from" joins no toll to a count


def test_no_toll_phrase_no_frame() -> None:
    text = "The number of trucks reached 41."
    assert toll_complement(text, 0, text.index("41")) is None
    assert not any((f.key or "").startswith("killed:") for f in _figs(text))


def test_dates_between_the_toll_phrase_and_its_count_pass() -> None:
    text = "the number of victims from March 3 2015 to May 5 2015 has reached 93"
    assert toll_complement(text, 0, text.index("93")) == ("number of victims", "killed")


# --- appositions between a count and its verb ---------------------------------------------


@pytest.mark.parametrize("text", [
    "Shelling left 27 civilians - including four children - dead in Lowmere.",
    "At least 27 people, more than half of them Ostravian fighters, have been killed in Lowmere.",
    "At least 27 people more than half of them Ostravian fighters have been killed in Lowmere.",
    "Some 27 soldiers (among them two officers) were killed near Lowmere.",
])
def test_a_subgroup_in_apposition_does_not_hide_the_verb(text: str) -> None:
    assert _count(text) == 27.0


def test_skip_apposition_leaves_other_words_alone() -> None:
    assert skip_apposition(" were killed, including two children") == " were killed, including two children"
    assert skip_apposition(" - including two children - were killed") == " were killed"
    # an unclosed dash opens no apposition
    assert skip_apposition(" - including two children were killed") == " - including two children were killed"


# --- parts of a toll ----------------------------------------------------------------------


def test_members_of_an_among_list_are_parts_not_tolls() -> None:
    figs = _figs("Among the dead in Lowmere were four medics and five children.")
    assert [f.predicate for f in figs] == ["among", "among"]
    assert not any((f.key or "").startswith("killed:") for f in figs)
    assert casualty_count(figs) is None


def test_members_of_an_included_list_without_commas_are_parts() -> None:
    text = "Those killed in Lowmere included six women five children and three police officers."
    figs = _figs(text)
    assert [f.predicate for f in figs] == ["included"] * 3
    assert casualty_count(figs) is None


def test_a_count_of_others_after_a_part_list_is_no_member() -> None:
    t = "including two children and 38 others"
    a = Figure(article_id="a", start=10, end=22, value=2.0, unit="children", predicate="including", key="child")
    b = Figure(article_id="a", start=27, end=36, value=38.0, unit="others", predicate="wounded",
               key="injured:people")
    assert mark_part_lists(t, [a, b])[1] == b


def test_two_kills_with_others_are_summed() -> None:
    text = "Raiders killed two villagers and executed 26 others in Lowmere."
    figs = _figs(text)
    assert (figs[0].value, figs[0].key) == (28.0, "killed:people")
    assert _count(text) == 28.0


def test_a_kill_and_a_wound_with_others_are_not_summed() -> None:
    text = "Raiders killed two villagers and wounded 26 others in Lowmere."
    assert _count(text) == 2.0
    t = "killed two men and 26 others"
    a = Figure(article_id="a", start=7, end=14, value=2.0, unit="men", predicate="killed", key="killed:man")
    b = Figure(article_id="a", start=19, end=28, value=26.0, unit="others", predicate="killed",
               key="killed:people")
    assert others_sums(t, [a, b]) == [a, b]  # a list, read with the lists


# --- groups under one harm ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Clashes near Lowmere killed 27 soldiers and 44 rebels.",
    "The monitor said 27 soldiers and 44 rebels were killed in fighting near Lowmere.",
    "27 soldiers and 44 rebels died in clashes near Lowmere.",
    "Fighting killed 27 soldiers from the Ostravian army and 44 rebels.",
    "27 soldiers were killed along with 44 rebels near Lowmere.",
])
def test_groups_under_one_harm_are_summed(text: str) -> None:
    figs = _figs(text)
    assert (figs[0].value, figs[0].key) == (71.0, "killed:people")
    assert casualty_count(figs) == 71.0
    assert {f.key for f in figs[1:]} == {"killed:soldier", "killed:rebel"}


def test_groups_a_harm_left_after_them_are_summed_under_it() -> None:
    figs = _figs("Clashes near Lowmere left 27 soldiers and 44 rebels dead.")
    assert [(f.value, f.key) for f in figs] == [(71.0, "killed:people"), (27.0, "killed:soldier"),
                                                (44.0, "killed:rebel")]


def test_groups_in_two_places_are_two_tolls() -> None:
    assert _count("Ostravian raids killed 27 civilians in Lowmere and 44 in Norland.") == 27.0


def test_groups_of_two_harms_are_not_summed() -> None:
    assert _keyed("At least 27 killed and 44 injured in Lowmere.") == [(27.0, "killed:people"),
                                                                      (44.0, "injured:people")]


def test_a_group_with_a_part_in_apposition_is_not_summed_with_the_next() -> None:
    t = "killed 27 civilians six of them children and 44 fighters"
    figs = [Figure(article_id="a", start=7, end=19, value=27.0, unit="civilians", key="killed:people"),
            Figure(article_id="a", start=20, end=23, value=6.0, unit="people", key="killed:people"),
            Figure(article_id="a", start=45, end=56, value=44.0, unit="fighters", key="fighter")]
    assert group_sums(t, figs) == figs


# --- the choice of the toll ---------------------------------------------------------------


def test_an_upper_bound_gives_way_to_a_count() -> None:
    text = ("An earlier attack on Lowmere left up to a hundred civilians dead. "
            "State media said 21 people were killed in the strike on the airbase.")
    assert _count(text) == 21.0


def test_a_vague_lead_bounds_the_toll() -> None:
    text = ("Strikes on Lowmere killed dozens of people. Two wounded were flown to Norland, where "
            "three people had died since. At least 53 people were killed in Lowmere on Tuesday.")
    assert _count(text) == 53.0


def test_a_precise_lead_still_wins() -> None:
    text = "Strikes on Lowmere killed 38 people. Dozens were killed in Norland later."
    assert _count(text) == 38.0


def test_counts_of_charges_or_harm_nouns_are_no_groups() -> None:
    text = "Roe faces four counts of attempted murder, three counts of assault and two counts of arson."
    assert not any((f.key or "").endswith(":people") and f.value in (7.0, 9.0) for f in _figs(text))
    t = "found four bodies, two men and two women"
    figs = [Figure(article_id="a", start=6, end=17, value=4.0, unit="bodies", key="killed:people"),
            Figure(article_id="a", start=19, end=26, value=2.0, unit="men", key="killed:man"),
            Figure(article_id="a", start=31, end=40, value=2.0, unit="women", key="killed:woman")]
    sums = [f for f in group_sums(t, figs) if f not in figs]
    assert [(f.start, f.value) for f in sums] == [(19, 4.0)]  # the bodies, a harm noun, are no group


def test_a_breakdown_of_the_first_group_is_not_added_to_it() -> None:
    t = "killed four soldiers, two officers and two sergeants"
    figs = [Figure(article_id="a", start=7, end=20, value=4.0, unit="soldiers", key="killed:soldier"),
            Figure(article_id="a", start=22, end=34, value=2.0, unit="officers", key="killed:police"),
            Figure(article_id="a", start=39, end=52, value=2.0, unit="sergeants", key="killed:police")]
    assert group_sums(t, figs) == figs


def test_a_group_with_a_harm_of_its_own_breaks_the_run() -> None:
    assert _count("Lowmere: 2 dead, 38 injured Ostravian officials said.") == 2.0


# --- killed and hurt together -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Shelling killed or wounded 27 people in Lowmere.",
    "27 people were killed or wounded in Lowmere.",
    "At least 27 Killed and Injured in Lowmere Mortar Attacks.",
    "Ostravian troops killed and wounded 27 rebels.",
])
def test_killed_and_hurt_together_are_casualties_not_the_killed(text: str) -> None:
    figs = _figs(text)
    assert [(f.value, f.key.split(":")[0]) for f in figs] == [(27.0, "casualties")]
    assert casualty_count(figs) is None


def test_a_count_of_its_own_before_the_pair_keeps_its_harm() -> None:
    figs = _figs("A blast in Lowmere left one dead and injured four others.")
    assert (4.0, "injured:people") in [(f.value, f.key) for f in figs]


def test_separate_counts_of_killed_and_hurt_stay_apart() -> None:
    assert _keyed("27 people were killed and 38 wounded in Lowmere.") == [(27.0, "killed:people"),
                                                                        (38.0, "injured:people")]
