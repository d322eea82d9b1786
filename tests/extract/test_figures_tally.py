"""Tests for the report tally (storyledger.extract.figures.tally) and the grammar it reads, on texts written here."""

from __future__ import annotations

import json

import pytest

from storyledger.extract.figures import Tally, extract_figures, report_tally
from storyledger.extract.figures.tally import (
    FEATURES,
    BASE_FEATURES,
    candidate_features,
    fit_tally_model,
    headline_figures,
    load_tally_model,
)
from storyledger.records import Article
from storyledger.text import segment_article


def figs(text: str, title: str | None = None):
    art = Article(id="t", text=text, title=title)
    return art, extract_figures(art, segment_article(art))


def keyed(text: str, prefix: str) -> list[float]:
    return [f.value for f in figs(text)[1] if (f.key or "").startswith(prefix)]


# --- the grammar behind the candidates ------------------------------------------------------


@pytest.mark.parametrize(("text", "prefix", "values"), [
    ("Six people were shot, one fatally, police said.", "killed:", [1.0]),
    ("Four people were shot, two fatally.", "killed:people", [2.0]),
    ("It was one of the two people who died in the blast.", "killed:", [2.0]),
    ("One of the two people died.", "killed:", [1.0]),
    ("Two of the five men were killed.", "killed:", [2.0]),
    ("A woman who was shot in a park on Monday afternoon died at the hospital.", "killed:", [1.0]),
    ("An 18-year-old man shot himself in the chest while getting out of a car, and later died.", "killed:", [1.0]),
    ("Police are investigating the shooting death of a 12 year-old boy.", "killed:", [1.0]),
    ("Officers fired back, fatally wounding the suspect.", "killed:suspect", [1.0]),
    ("Someone approached him and shot him in his hand.", "shot:", [1.0]),
])
def test_counts_in_words(text: str, prefix: str, values: list[float]) -> None:
    assert keyed(text, prefix) == values


@pytest.mark.parametrize("text", [
    "Police were called to the 9200 block of Ada Street.",
    "Police said the shooting happened at 1500 North Main Street late on Friday night.",
])
def test_addresses_are_no_figures(text: str) -> None:
    assert figs(text)[1] == ()


def test_a_small_house_number_before_a_street_name_is_still_a_count() -> None:
    assert keyed("Gunmen killed 3 Main Street workers.", "killed:") == [3.0]


@pytest.mark.parametrize(("title", "expected"), [
    ("17-Year-Old Killed, 3 Hurt In Shooting", [("killed:people", 1.0), ("injured:people", 3.0)]),
    ("Officer shot, suspect killed in downtown standoff", [("shot:police", 1.0), ("killed:suspect", 1.0)]),
    ("Child dies in accidental shooting at home", [("killed:child", 1.0)]),
    ("Teens shot near school after game", []),
])
def test_headline_bare_noun_phrases(title: str, expected: list) -> None:
    art = Article(id="t", text="Police gave no more details.", title=title)
    got = [(f.key, f.value) for f in headline_figures(art) if (f.key or "").split(":")[0] in ("killed", "shot", "injured")]
    assert got == expected


def test_a_headline_repeated_in_the_body_is_not_read_twice() -> None:
    art = Article(id="t", text="Man killed in crash\n\nA man died on Friday.", title="Man killed in crash")
    assert headline_figures(art) == ()


def test_prose_needs_a_determiner() -> None:
    # Outside a headline a bare noun is no count: "the police said officer shot" is not read.
    assert keyed("Witnesses said the man fled. Officer shot in the arm is a phrase in quotes here.", "shot:") == []


# --- the tally -------------------------------------------------------------------------------


def test_shipped_model_matches_the_features() -> None:
    model = load_tally_model()
    for harm in ("killed", "injured"):
        assert model[harm]["features"] == list(FEATURES)
        assert len(model[harm]["coef"]) == len(FEATURES)


@pytest.mark.parametrize(("text", "title", "expected"), [
    ("Six people were shot, one fatally, police said.", None, Tally(killed=1, injured=5)),
    ("Police said the boy was taken to a hospital.", "17-Year-Old Killed, 3 Hurt In Shooting", Tally(killed=1, injured=3)),
    ("A man was shot in the leg on Friday night and is expected to recover.", None, Tally(killed=0, injured=1)),
    ("Police shot eight men, killing two of them.", None, Tally(killed=2, injured=6)),
    ("The council met on Tuesday to discuss the budget.", None, Tally(killed=0, injured=0)),
])
def test_report_tally(text: str, title: str | None, expected: Tally) -> None:
    art, found = figs(text, title)
    assert report_tally(art, found) == expected


def test_candidates_include_none_and_the_shot_less_the_killed() -> None:
    art, found = figs("Five people were shot on Friday, two fatally.")
    values, rows = candidate_features(art, found, "injured", killed=2)
    assert values[0] == 0 and 5 in values and 3 in values
    assert all(len(r) == len(FEATURES) for r in rows)
    shot_less = rows[values.index(3)][FEATURES.index("shot_minus_killed")]
    assert shot_less == 1.0


def test_fit_tally_model_learns_from_reports() -> None:
    texts = [
        ("A man was fatally shot on Main Street.", 1, 0),
        ("Two people were killed and three were wounded.", 2, 3),
        ("A woman was shot in the arm and is expected to survive.", 0, 1),
        ("Police said four people were shot, one fatally.", 1, 3),
        ("The city council debated three measures on gun storage.", 0, 0),
        ("A teenager died after a shooting; two others were hurt.", 1, 2),
    ] * 3
    reports = [(a, f, k, i) for (t, k, i) in texts for a, f in [figs(t)]]
    model = fit_tally_model(reports)
    json.dumps(model)  # plain data
    hits = sum(report_tally(a, f, model) == Tally(killed=k, injured=i) for a, f, k, i in reports)
    assert hits >= len(reports) - 3


def test_fit_needs_both_outcomes() -> None:
    art, found = figs("The council met on Tuesday.")
    with pytest.raises(ValueError, match="candidates"):
        fit_tally_model([(art, found, 0, 0)])


@pytest.mark.parametrize(("text", "prefix", "values"), [
    ("Police said it was a double homicide.", "killed:", [2.0]),
    ("Investigators called it a murder-suicide.", "killed:", [2.0]),
    ("Investigators called it a double murder-suicide.", "killed:", [3.0]),
    ("A triple shooting left one man dead.", "shot:", [3.0]),
    ("The murder suspect fled on foot.", "killed:", []),
    ("Two men who were shot and killed at the hotel were identified.", "killed:", [2.0]),
    ("Four men were hospitalized after the shooting.", "injured:", [4.0]),
    ("Four shot outside a restaurant downtown", "shot:people", [4.0]),
    ("Gunmen fired into the house, critically wounding a boy.", "injured:", [1.0]),
    ("A 4-year-old boy suffered a gunshot wound to the chest.", "shot:", [1.0]),
    ("The bullet struck the wall of the house.", "shot:", []),
    ("Police say they identified Smith, who was pronounced dead at the hospital.", "killed:", [1.0]),
    ("Protests in the city died down by evening.", "killed:", []),
    ("Police found a man and a woman dead in the home.", "killed:", [2.0]),
    ("She later died at the hospital, police said.", "killed:", [1.0]),
    ("He died at the scene.", "killed:", [1.0]),
    ("She died in 1990 of cancer.", "killed:", []),
    ("One person, a 19-year-old man, was pronounced dead at the scene.", "killed:", [1.0]),
    ("Jones was struck by the bullet and died several days later.", "killed:", [1.0]),
    ("The victim passed away on Sunday.", "killed:", [1.0]),
])
def test_more_counts_in_words(text: str, prefix: str, values: list[float]) -> None:
    assert keyed(text, prefix) == values


@pytest.mark.parametrize("text,expected", [
    ("A fuel depot blast in Norland killed at least 48 people on Monday. Nearly 260 more people were injured.",
     Tally(killed=48, injured=260)),
    ("Floods in Ostravia have killed 1,140 people, the health ministry said; 3,500 were injured.",
     Tally(killed=1140, injured=3500)),
])
def test_a_large_toll_is_read_as_a_small_one_is(text: str, expected: Tally) -> None:
    # Tolls of 10 or more are rare in the gun reports most of the scorers' examples come from:
    # they carry no feature of a count's size above nine, so a war or disaster toll is not held against.
    assert not any(f.startswith(("v10", "v100")) for f in FEATURES)
    a = Article(id="w", text=text)
    assert report_tally(a, extract_figures(a)) == expected


def test_a_report_in_large_numbers_reads_its_features_as_such() -> None:
    art, found = figs("At least 25 militants were killed in the clashes. Her son was killed by a sniper.")
    values, rows = candidate_features(art, found, "killed")
    assert 25 in values and 1 in values
    for row in rows:
        for name in BASE_FEATURES:
            assert row[FEATURES.index(name + "_large")] == row[FEATURES.index(name)]
            assert row[FEATURES.index(name + "_small")] == 0.0
    assert rows[values.index(1)][FEATURES.index("v1_large")] == 1.0


@pytest.mark.parametrize("text", [
    "A man was shot and killed on Main Street; his son was killed too.",
    "Police said 12 shots were fired at the house, killing a woman.",  # 12 counts no harm
    "Officials said at least 25 people were killed in the war in Ostravia.",  # another event
])
def test_a_report_in_small_numbers_reads_its_features_as_such(text: str) -> None:
    art, found = figs(text)
    _, rows = candidate_features(art, found, "killed")
    for row in rows:
        for name in BASE_FEATURES:
            assert row[FEATURES.index(name + "_small")] == row[FEATURES.index(name)]
            assert row[FEATURES.index(name + "_large")] == 0.0


def test_killed_only_reports_teach_the_killed_scorer_and_not_the_injured() -> None:
    gun = [("A man was fatally shot on Main Street.", 1, 0),
           ("Police said a teenager was shot and killed near the park; two others were wounded.", 1, 2),
           ("A woman was shot in the arm and is expected to survive.", 0, 1),
           ("The city council debated three measures on gun storage.", 0, 0)] * 3
    war = [("At least 30 fighters were killed in the clashes, and a local official's son was killed too.", 30),
           ("Air strikes killed 42 people in the town; a doctor was killed when the clinic was hit.", 42),
           ("At least 17 soldiers were killed in the ambush, among them a commander.", 17)] * 3
    reports = [(a, f, k, i) for (t, k, i) in gun for a, f in [figs(t)]]
    extra = [(a, f, k) for (t, k) in war for a, f in [figs(t)]]
    alone, mixed = fit_tally_model(reports), fit_tally_model(reports, killed_only=extra)
    test, found = figs("At least 23 rebels were killed in the fighting, and a police officer was killed at a checkpoint.")
    assert report_tally(test, found, mixed).killed == 23
    assert mixed["killed"]["coef"] != alone["killed"]["coef"]
    assert sum(report_tally(a, f, mixed).killed == k for a, f, k in extra) == len(extra)


@pytest.mark.parametrize(("text", "value", "risen"), [
    ("The death toll from the Norland earthquake rose to 24 on Wednesday.", 24, 1.0),
    ("The number of dead has climbed to at least 40, officials in Lowmere said.", 40, 1.0),
    ("Two people were killed in the Lowmere earthquake.", 2, 0.0),
])
def test_a_count_told_as_risen_to_is_marked(text: str, value: int, risen: float) -> None:
    art, found = figs(text)
    values, rows = candidate_features(art, found, "killed")
    assert rows[values.index(value)][FEATURES.index("risen")] == risen
