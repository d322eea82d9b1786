"""Tests for evals/eval_tolls.py's judging of shown tolls against hand-read ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.eval_tolls import GOLD, GOLD_BASIL, GOLD_ECB, GOLD_FNC1, judge


def test_a_shown_toll_is_right_only_when_the_reader_accepts_its_value() -> None:
    gold = {"s1": {"killed": [2], "injured": []}, "s2": {"killed": [], "injured": [5]}, "s3": {"killed": [10, 13]}}
    got = {"s1": {"killed": 2, "injured": 1}, "s2": {"killed": 0, "injured": 0}, "s3": {"killed": 13}}
    r = judge(got, gold)
    assert (r["shown"], r["wrong"], r["missed"]) == (3, 1, 1)  # s1's injured is wrong; s2's injured missed
    assert abs(r["precision"] - 2 / 3) < 1e-9


def test_nothing_shown_is_no_wrong_toll() -> None:
    assert judge({}, {"s1": {"killed": [3]}}) == {"shown": 0, "wrong": 0, "missed": 1, "precision": 1.0}


@pytest.mark.parametrize("path", [GOLD, GOLD_FNC1, GOLD_BASIL, GOLD_ECB])
def test_the_hand_read_file_lists_counts_per_harm(path: Path) -> None:
    stories = json.loads(Path(path).read_text(encoding="utf-8"))["stories"]
    assert stories and all(set(h) <= {"killed", "injured"} for h in stories.values())
    assert all(isinstance(v, int) and v > 0 for h in stories.values() for vs in h.values() for v in vs)
