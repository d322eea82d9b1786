"""A toll that only rises over the story's reports is the latest report's (storyledger.reconcile.tally_scorer
.risen_to), on hand-made report views."""

from __future__ import annotations

import pytest

from storyledger.reconcile.tally_scorer import risen_to
from tests.reconcile.test_tally_scorer import view


@pytest.mark.parametrize(("dates", "counts", "picked", "expected"), [
    # dated reports rising: the latest's count
    (["2024-05-03", "2024-05-04"], [1, 2], 1, 2),
    (["2024-05-05", "2024-05-03", "2024-05-04"], [3, 1, 1], 1, 3),
    # out of date order in the story, still rising by date
    (["2024-05-04", "2024-05-03"], [2, 1], 1, 2),
    # undated: the story's order stands for time
    (["", ""], [1, 2], 1, 2),
    # some undated: the dated reports rise, no undated one counts more than the latest, and a second
    # report gives the latest count
    (["2024-05-03", "", "2024-05-04", "2024-05-03", ""], [1, 3, 9, 0, 9], 1, 9),
])
def test_a_rising_toll_is_the_latest_count(dates: list[str], counts: list[int], picked: int, expected: int) -> None:
    views = [view(f"r{i}", d, k, 0, {0: -2.0, k: 1.0}) for i, (d, k) in enumerate(zip(dates, counts))]
    assert risen_to(views, picked) == expected


@pytest.mark.parametrize(("dates", "counts", "picked"), [
    # a later report counts fewer: no rise, the scorer's pick stands
    (["2024-05-03", "2024-05-04", "2024-05-05"], [1, 3, 2], 2),
    # one date for all: no order to read
    (["2024-05-03", "2024-05-03"], [1, 2], 1),
    # some dated, some not: one date has no order to read
    (["2024-05-03", ""], [1, 2], 1),
    # an undated report counts more than the latest dated one: no rise read
    (["2024-05-03", "2024-05-04", ""], [1, 2, 5], 1),
    # some undated, and the latest count is one report's alone: no rise read
    (["2024-05-03", "2024-05-04", "", ""], [1, 90, 1, 1], 1),
    # a single report
    (["2024-05-03"], [1], 1),
])
def test_no_rise_leaves_the_pick(dates: list[str], counts: list[int], picked: int) -> None:
    views = [view(f"r{i}", d, k, 0, {0: -2.0, k: 1.0}) for i, (d, k) in enumerate(zip(dates, counts))]
    assert risen_to(views, picked) == picked


def test_a_pick_above_the_latest_is_kept() -> None:
    views = [view("a", "2024-05-03", 1, 0, {1: 1.0}), view("b", "2024-05-04", 2, 0, {2: 1.0})]
    assert risen_to(views, 3) == 3
