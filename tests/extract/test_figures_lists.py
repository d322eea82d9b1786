"""Lists of people counted one by one, "another" for a person, and the tally's sums
(storyledger.extract.figures.coordination, .implied, .tally), on texts written here."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract.figures import extract_figures, report_tally
from storyledger.extract.figures.coordination import coordinated_counts, is_person_noun
from storyledger.extract.figures.implied import scan_near
from storyledger.extract.figures.tally import FEATURES, candidate_features
from storyledger.records import Article
from storyledger.text import segment_article


def figs(text: str, title: str | None = None):
    art = Article(id="t", text=text, title=title, published="2016-05-01")
    return extract_figures(art, segment_article(art))


def lists(text: str) -> list[tuple[str, int, str]]:
    return [(text[s:e], n, harm) for s, e, n, harm, _ in coordinated_counts(text.lower(), text)]


# --- lists as subjects and objects -------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Two men and a woman were arrested on Friday.", [("Two men and a woman", 3, "arrested")]),
    ("Jane Roe and Mary Poe, both 34, were killed.", [("Jane Roe and Mary Poe", 2, "killed")]),
    ("Smith, 25, and Jones, 30, were killed.", [("Smith, 25, and Jones, 30", 2, "killed")]),
    ("Doe and Richard Roe, 41, died at the scene.", [("Doe and Richard Roe, 41", 2, "killed")]),
    ("A trucker and his 9-year-old son were both found dead.", [("A trucker and his 9-year-old son", 2, "killed")]),
    ("A man, a woman and three teenagers were shot near the park.",
     [("A man, a woman and three teenagers", 5, "shot")]),
    ("He shot dead a bank teller and a guard before fleeing.", [("a bank teller and a guard", 2, "killed")]),
    ("The driver killed his wife and two young sons.", [("his wife and two young sons", 3, "killed")]),
    ("The blast left a farmer and a shepherd wounded.", [("a farmer and a shepherd", 2, "injured")]),
    ("Deputies arrested Doe and Roe at the motel.", [("Doe and Roe", 2, "arrested")]),
    ("The clerk was shot along with two others.", [("was shot along with two others", 3, "shot")]),
    ("The gunfire ended, leaving 19-year-old John Doe dead.", [("19-year-old John Doe", 1, "killed")]),
])
def test_a_list_is_the_sum_of_its_conjuncts(text: str, expected: list) -> None:
    assert lists(text) == expected


@pytest.mark.parametrize("text", [
    "He killed a man and a woman was hurt.",  # a singular verb: the list is no subject
    "Police and firefighters were injured.",  # no one counted
    "Officers killed two people and wounded three others.",  # two verbs, one object each
    "A man was killed and three others were injured.",  # the killed is no conjunct of the injured
    "On Monday and Tuesday, two men were shot.",  # days are no one
    "A car and a truck were hit.",  # no harm to people and no person
])
def test_what_is_no_list_of_people(text: str) -> None:
    assert lists(text) == []


def test_a_headline_may_list_bare_nouns() -> None:
    assert lists("Mother, child found dead in home\nThe bodies were found on Friday.")[0][1:] == (2, "killed")


def test_the_sum_is_a_figure_and_the_parts_keep_their_roles() -> None:
    got = [(f.key, f.value) for f in figs("Two gunmen and an officer were killed.")]
    assert got[0] == ("killed:people", 3.0)
    assert ("killed:suspect", 2.0) in got


def test_a_number_left_dead_is_not_counted_twice() -> None:
    assert [(f.key, f.value) for f in figs("The attack left 16 people dead.")] == [("killed:people", 16.0)]


def test_an_age_of_a_list_is_no_figure() -> None:
    assert [f.value for f in figs("Jane Roe and Mary Poe, both 34, were killed.")] == [2.0]


@pytest.mark.parametrize(("word", "expected"), [
    ("hunter", True), ("Professors", True), ("pharmacist", True), ("women", True), ("others", True),
    ("car", False), ("other", False), ("another", False), ("after", False), ("", False),
])
def test_person_nouns_by_list_and_by_form(word: str, expected: bool) -> None:
    assert is_person_noun(word) is expected


# --- "another" and the verb frames added with the lists ----------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("One teen killed, another wounded in shooting", [("killed:teen", 1.0), ("injured:people", 1.0)]),
    ("Two were hurt and another was shot.", [("injured:people", 2.0), ("shot:people", 1.0)]),
    ("Another shot rang out.", []),
    ("The man fought with a police dog before shooting and killing himself.", [("killed:people", 1.0)]),
    ("Doe was shot in the chest and was pronounced dead at the scene.", [("killed:people", 1.0)]),
])
def test_another_and_the_gerund_frames(text: str, expected: list) -> None:
    assert [(f.key, f.value) for f in figs(text)] == expected


# --- the windowed scan -------------------------------------------------------------------------


_PATTERN = re.compile(r"\b(?:a|the)\s+(?:\w+\s+){0,3}?(?:man|woman)\s+(?:was|were)\s+(?:shot|killed)\b")
_HINT = re.compile(r"\b(?:shot|killed)\b")
_WORDS = st.sampled_from("a the old young man woman was were shot killed and on Friday , .".split())


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_scan_near_finds_what_a_whole_scan_finds(words: list[str]) -> None:
    text = " ".join(words)
    assert [m.span() for m in scan_near(_PATTERN, text, _HINT, 80, 5)] == [m.span() for m in _PATTERN.finditer(text)]


# --- the tally's candidates --------------------------------------------------------------------


def _candidates(text: str, harm: str, killed: int | None = None) -> dict[int, dict[str, float]]:
    art = Article(id="t", text=text)
    values, rows = candidate_features(art, extract_figures(art, segment_article(art)), harm, killed=killed)
    return {v: dict(zip(FEATURES, row)) for v, row in zip(values, rows)}


def test_others_add_to_an_earlier_count_of_the_same_harm() -> None:
    cands = _candidates("Two victims were wounded in the shooting. Two others were taken to the hospital.", "injured")
    assert cands[4]["sum_others"] == 1.0 and cands[4]["sum_only"] == 1.0
    assert cands[2]["sum_others"] == 0.0


def test_others_of_another_harm_add_nothing() -> None:
    cands = _candidates("A man was killed and three others were injured.", "injured", killed=1)
    assert 4 not in cands and 3 in cands


def test_a_listed_count_is_marked() -> None:
    cands = _candidates("A man and his son were killed on Friday.", "killed")
    assert cands[2]["listed"] == 1.0


def test_a_list_that_is_part_of_a_count_adds_nothing() -> None:
    text = "Six civilians, including a woman and two children, were killed."
    assert lists(text) == []
    assert [(f.key, f.value) for f in figs(text)][0] == ("killed:people", 6.0)


@pytest.mark.parametrize(("text", "killed"), [
    ("At least 200 civilians and dozens of soldiers were killed as the army seized the region, officials said.", 200),
    ("A man and his son were killed on Friday, police said.", 2),
])
def test_the_shipped_model_counts_large_tolls_and_lists(text: str, killed: int) -> None:
    # fitted on local gun reports, where tolls of 100 or more are rare: a war report's toll must still count
    art = Article(id="t", text=text)
    assert report_tally(art, extract_figures(art, segment_article(art))).killed == killed


def test_the_last_conjunct_may_share_the_determiner() -> None:
    assert lists("A woman and child were killed in the shelling.") == [("A woman and child", 2, "killed")]
    assert lists("The storm and rain were hurt.") == []
