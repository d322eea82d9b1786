"""A count's own verb (not a noun in a phrase after it, not a later count's), and a toll that a later sum holds."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import casualty_count, extract_figures
from storyledger.records import Article


def _keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="a", text=text))]


@pytest.mark.parametrize(("text", "expected"), [
    # a harm noun after a determiner in the phrase after the count is no verb of the count
    ("The three suspects in the killing were arrested.", [("arrested:suspect", 3.0)]),
    ("The two men in the robbery were detained on Friday.", [("arrested:man", 2.0)]),
    ("Roe, 24, was charged with three counts of murder in the deaths.", [("count", 3.0)]),
    # the verb after the phrase stays the count's
    ("Two men in the car were killed.", [("killed:man", 2.0)]),
    ("Thirty militants of the group operating in Ostravia were killed.", [("killed:militant", 30.0)]),
])
def test_a_noun_in_the_phrase_after_a_count_is_not_its_verb(text: str, expected: list) -> None:
    assert _keys(text) == expected


def test_a_number_right_before_another_count_borrows_no_verb() -> None:
    got = _keys("Share this 0 58 At least 36 people were killed and 30 wounded in Lowmere.")
    assert (None, 58.0) in got
    assert ("killed:people", 36.0) in got and ("killed:people", 58.0) not in got


@pytest.mark.parametrize(("text", "expected"), [
    # a headline of two counts without a comma: each keeps its participle
    ("Seven Civilians Killed 12 Injured in Rocket Attack on Lowmere",
     [("killed:people", 7.0), ("injured:people", 12.0)]),
    ("6 residents killed 22 injured in shelling of Roe", [("killed:people", 6.0), ("injured:people", 22.0)]),
    # a verb that takes a later count as its object is still that count's
    ("The strikes hit two towns killing at least 100 people.", [("killed:people", 100.0)]),
])
def test_two_counts_with_their_own_participles(text: str, expected: list) -> None:
    got = [k for k in _keys(text) if k[0] and ":" in k[0]]
    assert got == expected


def test_a_toll_that_a_later_sum_holds_gives_way_to_the_sum() -> None:
    text = ("Strikes kill 50 fighters in Norland. The strikes killed 50 militants and eight civilians, "
            "including children, on Tuesday, a monitor said.")
    assert casualty_count(extract_figures(Article(id="a", text=text))) == 58.0


def test_a_toll_stays_when_no_later_sum_holds_it() -> None:
    text = "Strikes kill 50 fighters in Norland. Later strikes killed 12 militants and eight civilians."
    assert casualty_count(extract_figures(Article(id="a", text=text))) == 50.0

