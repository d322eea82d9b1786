"""Tests for the report tally's candidates and the features that compare them (storyledger.extract.figures.tally)."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.tally import (
    FEATURES,
    REPORT_FEATURES,
    STATED_FEATURES,
    candidate_features,
    fit_tally_model,
    report_tally,
)
from storyledger.records import Article
from storyledger.text import segment_article


def features(text: str, harm: str = "killed", title: str | None = None) -> dict[int, dict[str, float]]:
    art = Article(id="t", text=text, title=title)
    values, rows = candidate_features(art, extract_figures(art, segment_article(art)), harm)
    return {v: dict(zip(FEATURES, row)) for v, row in zip(values, rows)}


def test_the_features_are_the_stated_then_the_report_ones() -> None:
    assert FEATURES == STATED_FEATURES + REPORT_FEATURES
    assert len(set(FEATURES)) == len(FEATURES)


def test_a_fatal_word_in_the_headline_offers_one_killed() -> None:
    got = features("Police in Lowmere are looking for the driver of a grey car.", title="Police investigate Roe Street killing")
    assert sorted(got) == [0, 1]
    assert got[1]["word_head"] == 1.0 and got[1]["v1"] == 1.0
    assert got[0]["word_head"] == 0.0


@pytest.mark.parametrize(("text", "title"), [
    ("Police in Lowmere are looking for the driver of a grey car.", "Roe Street closed for repairs"),
    # a fatal word in the body alone offers nothing: it speaks as often of another death
    ("The deadly storm of last year was recalled. Police in Lowmere are looking for a grey car.", "Roe Street news"),
])
def test_no_fatal_word_in_the_headline_offers_no_one(text: str, title: str) -> None:
    assert sorted(features(text, title=title)) == [0]


def test_a_stated_count_leaves_no_room_for_the_word() -> None:
    got = features("Two people were killed in Lowmere on Friday.", title="Police investigate Roe Street killing")
    assert 2 in got and all(row["word_head"] == 0.0 for row in got.values())


def test_the_injured_take_no_word_candidate() -> None:
    got = features("Police in Lowmere are looking for a grey car.", harm="injured", title="Police investigate Roe Street killing")
    assert sorted(got) == [0]


def test_largest_written_and_people_counted_one_by_one() -> None:
    text = ("Two people were killed in Ostravia on Friday. A man was found dead in the street. "
            "A woman was pronounced dead at the hospital.")
    got = features(text)
    assert 1 in got and 2 in got
    assert got[2]["largest_written"] == 1.0
    assert got[1]["largest_written"] == 0.0  # one is no total of several
    assert got[2]["many_ones"] > 0.0  # a man and a woman counted apart speak for two
    assert got[1]["many_ones"] == 0.0


def test_a_count_that_sums_two_others() -> None:
    text = ("Four people were killed in the Lowmere shooting on Friday. A fifth victim, a man, died on Sunday. "
            "Five people died in all, police said.")
    got = features(text)
    assert {1, 4, 5} <= set(got)
    assert got[5]["sum_of_two"] == 1.0
    assert got[4]["sum_of_two"] == 0.0


def test_a_headline_counting_only_the_wounded_marks_none_killed() -> None:
    got = features("A man who was shot dead in Norland in 1990 was remembered at the vigil.",
                   title="Four men wounded in Roe Street shooting")
    assert got[0]["zero_head_other"] == 1.0
    plain = features("A man who was shot dead in Norland in 1990 was remembered at the vigil.", title="Vigil on Roe Street")
    assert plain[0]["zero_head_other"] == 0.0


def test_the_injured_rows_leave_the_report_features_at_zero() -> None:
    got = features("Six people were shot in Lowmere, two fatally; four were wounded.", harm="injured")
    assert all(row[f] == 0.0 for row in got.values() for f in REPORT_FEATURES)


def test_a_fitted_model_learns_the_headline_word() -> None:
    def report(text: str, title: str, killed: int) -> tuple:
        art = Article(id=title, text=text, title=title)
        return art, extract_figures(art, segment_article(art)), killed, 3 if "wounded" in text else 0

    body = "Police in Lowmere asked anyone with information to call them."
    reports = [report(body, f"Police investigate {s} Street killing", 1) for s in ("Roe", "Elm", "Oak", "Ash")]
    reports += [report(body, f"Council meets on {s} Street", 0) for s in ("Roe", "Elm", "Oak", "Ash")]
    reports += [report("Two people were killed and three were wounded in Ostravia on Friday.", f"Two dead on {s} Street", 2)
                for s in ("Roe", "Elm")]
    model = fit_tally_model(reports)
    assert model["killed"]["coef"][FEATURES.index("word_head")] > 0
    art, figs, _, _ = report(body, "Homicide investigation on Birch Street", 1)
    assert report_tally(art, figs, model).killed == 1
    art, figs, _, _ = report(body, "Parade on Birch Street", 0)
    assert report_tally(art, figs, model).killed == 0
