"""Tests for storyledger.text.numbers: every number form on phrases written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.text.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("100,417", 100417),
        ("1,000,000.5", 1000000.5),
        ("1.5", 1.5),
        (".5", 0.5),
        ("100\u202f417", 100417),
        ("three", 3),
        ("Twenty-Five", 25),
        ("twenty five", 25),
        ("one hundred and five", 105),
        ("a thousand", 1000),
        ("two million", 2_000_000),
        ("ninety-nine thousand nine hundred", 99_900),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 500_000),
        ("1.5 million", 1_500_000),
        ("20 mln", 20_000_000),
        ("3.2bn", 3_200_000_000),
        ("2.5 trillion", 2_500_000_000_000),
        ("5 lakh", 500_000),
        ("two-thirds", 2 / 3),
        ("a quarter", 0.25),
        ("half", 0.5),
        ("three quarters", 0.75),
        ("1/2", 0.5),
    ],
)
def test_parse_number_values(text: str, value: float) -> None:
    n = parse_number(text)
    assert n is not None
    assert n.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("a few", 3, 2, 5),
        ("several", 3, 3, 9),
        ("a couple", 2, 2, 3),
        ("dozens", 12, 12, 99),
        ("scores", 20, 20, 99),
        ("hundreds", 100, 100, 999),
        ("thousands", 1000, 1000, 9999),
        ("tens of thousands", 10_000, 10_000, 99_999),
        ("hundreds of thousands", 100_000, 100_000, 999_999),
        ("a few hundred", 300, 200, 500),
        ("several thousand", 3000, 3000, 9000),
    ],
)
def test_vague_words_become_documented_ranges(text: str, value: float, low: float, high: float) -> None:
    n = parse_number(text)
    assert n is not None and n.kind == "vague"
    assert (n.value, n.low, n.high) == (value, low, high)


def test_comma_decimal_is_not_a_thousands_separator() -> None:
    # Neither 15 nor 1,500: the digits after an odd comma are left unread.
    assert [n.value for n in find_numbers("1,5")] == [1]
    assert [n.value for n in find_numbers("USD1,700")] == [1700]


def test_and_joins_only_after_a_scale_word() -> None:
    assert [n.value for n in find_numbers("two and three")] == [2, 3]
    assert [n.value for n in find_numbers("two hundred and some")] == [200]


def test_letter_scale_is_flagged_for_the_caller() -> None:
    (n,) = find_numbers("5m")
    assert n.letter_scale and n.value == 5_000_000


def test_not_a_number() -> None:
    assert parse_number("someone") is None
    assert parse_number("5 people") is None
    assert find_numbers("the weather was fine") == []


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_separators_round_trip(n: int) -> None:
    parsed = parse_number(f"{n:,}")
    assert parsed is not None and parsed.value == n


@given(st.text(max_size=200))
def test_spans_are_in_bounds_and_ordered(text: str) -> None:
    last = 0
    for n in find_numbers(text):
        assert last <= n.start < n.end <= len(text)
        last = n.end
