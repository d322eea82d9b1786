"""A list of ages in apposition ("two teens, 16 and 17,") is no count, and the count before it keeps its verb."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article


def _keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="a", text=text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Two teens, 16 and 17, were killed on Friday.", [("killed:teen", 2.0)]),
    ("Youths, 16 and 10, Killed in Separate Shootings in Lowmere", []),
    ("Three men, ages 19, 20 and 22, were wounded.", [("injured:man", 3.0)]),
    # a list of named people with their ages is summed as a list
    ("Jane Roe and Mary Poe, 20 and 23, were killed.", [("killed:people", 2.0)]),
    ("Jane Roe, 20, and Mary Poe, 23, were killed.", [("killed:people", 2.0)]),
])
def test_ages_in_apposition_are_no_counts(text: str, expected: list) -> None:
    assert _keys(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # numbers that are counts stay counts: no comma before them, or no people before the comma
    ("Police said 16 and 10 people were killed.", ("killed:people", 10.0)),
    ("The shells hit Lowmere, Ostravia and Roe, killing 12 and wounding 14.", ("killed:people", 12.0)),
])
def test_counts_joined_by_and_stay_counts(text: str, expected: tuple) -> None:
    assert expected in _keys(text)
