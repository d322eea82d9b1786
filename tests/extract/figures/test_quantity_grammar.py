"""The number grammar of quantities that are no casualty counts: units against numbers, conversions, ranges, names."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article


def _figures(text: str) -> list[tuple[float | None, str, str, float | None, float | None]]:
    figures = extract_figures(Article(id="a", text=text, published="2024-05-01"))
    return [(f.value, f.qualifier, text[f.start:f.end], f.low, f.high) for f in figures]


def _values(text: str) -> list[float | None]:
    return [v for v, *_ in _figures(text)]


@pytest.mark.parametrize(("text", "values"), [
    # any prefixed unit of the SI grammar written against the number, with its rate
    ("The Brindle cell holds 4,500mAh and its link runs at 100Mbps.", [4500.0, 100.0]),
    ("The Lowmere line carries 30kV and the chip is made at 7nm.", [30.0, 7.0]),
    # a degree as transliterated copy writes it
    ("Lowmere reached 104degF (40deg C) on Monday.", [104.0, 40.0]),
])
def test_a_unit_written_against_a_number_is_read_by_its_grammar(text: str, values: list[float]) -> None:
    assert _values(text) == values


def test_a_station_name_is_no_unit() -> None:
    assert 10.0 not in _values("Brindle told Lowmere's 10TV that the road was closed.")


def test_minus_with_a_hyphen_is_a_negative_number() -> None:
    assert _values("The air on Mount Brindle fell to minus-40 degrees.") == [-40.0]


def test_the_transliterated_pound_sign_is_money_but_a_model_name_is_not() -> None:
    figs = extract_figures(Article(id="a", text="Brindle plc made a profit of PS3.2m on sales of the PS5 console."))
    assert [(f.value, f.currency) for f in figs] == [(3_200_000.0, "GBP")]


@pytest.mark.parametrize(("text", "conversion", "qualifier"), [
    # a bound on an amount bounds its conversion
    ("Brindle Bank charges customers with more than 7.5 million Danish crowns (US$1.1 million) a fee.",
     1_100_000.0, "more_than"),
    ("The moths of Lowmere fly more than 100 kilometres (60 miles).", 60.0, "more_than"),
    # an approximate amount is converted exactly
    ("The Lowmere council paid nearly 2 million euros ($2.3 million) for the site.", 2_300_000.0, "exact"),
])
def test_a_conversion_is_a_figure_with_the_bound_of_its_amount(text: str, conversion: float, qualifier: str) -> None:
    found = {v: q for v, q, *_ in _figures(text)}
    assert found[conversion] == qualifier


def test_an_approximate_range_is_approximate_with_its_ends() -> None:
    assert _figures("A repair in Lowmere costs about 8 or 9 dollars.") == [
        (8.0, "about", "about 8 or 9 dollars", 8.0, 9.0)]


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Flats in Lowmere range from 450 sq ft up to 900 sq ft.", 450.0, 900.0),
    ("Trips on the Brindle line run from 5 miles to 7 miles.", 5.0, 7.0),
    ("The walls of Lowmere are between 5 metres and 7 metres high.", 5.0, 7.0),
    ("Tickets for the Brindle fair cost from $20 up to $45.", 20.0, 45.0),
])
def test_a_range_whose_ends_each_carry_the_unit_is_one_range(text: str, low: float, high: float) -> None:
    assert [(lo, hi) for *_, lo, hi in _figures(text)] == [(low, high)]


def test_a_change_from_one_value_to_another_stays_two_values() -> None:
    assert [(lo, hi) for *_, lo, hi in _figures("Prices in Lowmere rose from 5 percent to 7 percent.")] == [
        (None, None), (None, None)]


def test_the_end_of_a_span_of_years_is_no_figure() -> None:
    assert _values("The 2019-20 season in Lowmere was cut short.") == []


@pytest.mark.parametrize("text", [
    "The Brindle One sold 50 million units.",
    "The Lowmere Force One jet landed in Brindle.",
    "Viewers of Channel Four saw it.",
])
def test_a_number_word_that_closes_a_name_is_no_count(text: str) -> None:
    assert _values(text) in ([], [50_000_000.0])


@pytest.mark.parametrize(("text", "value"), [
    ("In Lowmere Two soldiers died.", 2.0),
    ("Lowmere Gazette English Thirty Killed in Strikes on Brindle", 30.0),
    ("Reporters in Lowmere Four of the victims were children.", 4.0),
])
def test_a_capitalised_count_after_a_name_that_counts_stays(text: str, value: float) -> None:
    assert value in _values(text)


@pytest.mark.parametrize(("text", "label"), [
    ("The S&P 500 futures rose 1% on Monday.", 500.0),
    ("The iBrindle 11 cameras are better.", 11.0),
])
def test_a_number_after_a_word_shaped_as_a_name_is_a_label(text: str, label: float) -> None:
    assert label not in _values(text)
