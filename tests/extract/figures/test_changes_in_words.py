"""A previous value written in words before its new value ("revised from eight to six") (storyledger.extract.figures)."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article


@pytest.mark.parametrize(("text", "previous", "current"), [
    ("The number of injured in Lowmere was revised on Saturday from eight to six.",
     ("previous:people", 8.0), ("injured:people", 6.0)),
    ("The death toll in Ostrava rose from two to five.", ("previous:people", 2.0), ("killed:people", 5.0)),
    ("The death toll in Ostrava rose from 2 to 5.", ("previous:people", 2.0), ("killed:people", 5.0)),
])
def test_a_previous_value_in_words_is_previous(text: str, previous: tuple[str, float],
                                               current: tuple[str, float]) -> None:
    found = [(f.key, f.value) for f in extract_figures(Article(id="t", text=text))]
    assert previous in found and current in found, found


@pytest.mark.parametrize(("text", "expected"), [
    ("Militants in Ostrava said the captured fighter was beheaded.", "killed"),
    ("A man was beaten to death in Lowmere on Friday.", "killed"),
    ("Two hostages were beheaded by the group near Lowmere.", "killed"),
])
def test_the_words_of_a_killing_count_the_killed(text: str, expected: str) -> None:
    found = [(f.key or "").split(":")[0] for f in extract_figures(Article(id="t", text=text))]
    assert expected in found, found
