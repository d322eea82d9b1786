"""Harm the text does not assert: asked, intended, counterfactual (storyledger.extract.figures.factuality)."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.factuality import unasserted_spans, without_unasserted
from storyledger.records import Article, Figure


def keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="t", text=text))]


def harms(text: str) -> list[tuple[str | None, float | None]]:
    return [(k, v) for k, v in keys(text) if (k or "").split(":")[0] in ("killed", "injured", "shot")]


@pytest.mark.parametrize("text", [
    "Police in Lowmere did not say if the man had died.",
    "Officials are investigating whether the woman was killed by the fall.",
    "It was not clear whether anyone was killed in the blast.",
    "Investigators would not say whether the gunman was hurt.",
])
def test_a_polar_question_of_harm_counts_no_harm(text: str) -> None:
    assert harms(text) == []


@pytest.mark.parametrize(("text", "noun"), [
    ("Roe threatened to kill two neighbours in Lowmere.", "neighbour"),
    ("Prosecutors say the men plotted to kill three judges.", "judge"),
    ("The car bomb could have killed dozens of people, police said.", "people"),
    ("Police would not say whether the two victims were hurt.", "people"),
    ("The blast nearly killed two soldiers near Ostrava.", "soldier"),
])
def test_a_count_in_an_unasserted_clause_keeps_its_noun_not_its_harm(text: str, noun: str) -> None:
    found = keys(text)
    assert harms(text) == []
    assert any(k == noun or (k or "").endswith(noun) for k, _ in found), found


@pytest.mark.parametrize(("text", "expected"), [
    # an alternative question presupposes the harm and asks about something else
    ("Police are investigating whether the boy was shot by an officer or by his father.", ("shot", 1.0)),
    # the harm inside a relative clause of the subject is presupposed
    ("Police are investigating whether a shooting that left two people dead was gang-related.",
     ("killed:people", 2.0)),
    # a reduced relative: "the five people shot" were shot
    ("Police did not say if the five people shot were at the club.", ("shot:people", 5.0)),
    # an approximative before a number hedges the count
    ("Nearly 300 people died in the floods.", ("killed:people", 300.0)),
    # the asserted clause before "but ... whether" stays
    ("Three people were killed, police said, but it was not clear whether the gunman was hurt.",
     ("killed:people", 3.0)),
])
def test_presupposed_or_asserted_harm_is_still_counted(text: str, expected: tuple[str, float]) -> None:
    found = harms(text)
    assert any(k.startswith(expected[0]) and v == expected[1] for k, v in found), found


def test_unasserted_spans_end_at_the_clause() -> None:
    text = "Police did not say if the man had died, and two others were hurt."
    (s, e), = unasserted_spans(text)
    assert text[s:e] == "if the man had died"


def test_without_unasserted_leaves_other_figures_alone() -> None:
    text = "Police did not say if 2 men died. Officials counted 40 cars."
    figs = [Figure(article_id="t", start=22, end=27, value=2.0, unit="men", predicate="died", key="killed:people"),
            Figure(article_id="t", start=51, end=58, value=40.0, unit="cars", key="car")]
    out = without_unasserted(text, figs)
    assert [f.key for f in out] == ["people", "car"]
    assert out[1] is figs[1]


def test_an_unasserted_headline_ends_at_its_line() -> None:
    text = "Gunman Planned To Kill Hundreds\nFive are dead after a gunman rampaged through Lowmere on Friday."
    assert ("killed:people", 5.0) in keys(text)
    assert not any(k.startswith("killed") and v == 100.0 for k, v in harms(text))
