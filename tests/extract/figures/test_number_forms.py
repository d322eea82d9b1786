"""Quantities read by their written form: tallies of two sides, slash pairs, currencies written as letters,
short units, multipliers, shares that size a change, and figures that stand for a spread of values."""

from __future__ import annotations

import pytest

from storyledger.extract.figures import extract_figures
from storyledger.records import Article, Figure, has_spread
from storyledger.reconcile.toll_checks import consistent


def _figures(text: str) -> list[Figure]:
    return extract_figures(Article(id="a", text=text, published="2024-05-01"))


def _read(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(text[f.start:f.end], f.value, f.unit, f.currency) for f in _figures(text)]


@pytest.mark.parametrize("text", [
    "The Brindle court has a 6-3 conservative majority.",
    "The Lowmere senate voted 50-49 to confirm Jane Roe.",
    "The Brindle Hawks won 105-92 on Tuesday.",
    "The Lowmere side finished with a 9-2 record.",
    "The bill passed 312-110 in the Brindle assembly.",
    "Lowmere and Brindle drew 2-2.",
])
def test_a_descending_pair_is_a_tally_of_two_sides_not_a_figure(text: str) -> None:
    assert _read(text) == []


def test_an_ascending_pair_is_still_a_range() -> None:
    (f,) = _figures("Between 5-10 people were hurt in Lowmere.")
    assert (f.low, f.high, f.qualifier, f.key) == (5.0, 10.0, "range", "injured:people")


def test_a_slash_pair_is_no_figure_but_a_fraction_is() -> None:
    assert _read("The Lowmere clinic is open 24/7 and the odds are 50/50.") == []
    assert [v for _, v, *_ in _read("The Brindle recipe needs 1/2 pound of flour.")] == [0.5]


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("Brindle Holdings signed a deal worth Dh5.2 billion.", 5.2e9, "AED"),
    ("Brindle Holdings raised Rp5 trillion.", 5e12, "IDR"),
    ("The Lowmere mill was fined Tk50.", 50.0, "BDT"),
    ("The Lowmere mill paid Ksh300 million.", 3e8, "KES"),
    ("The Lowmere mill paid R12 million.", 1.2e7, "ZAR"),
    ("The Lowmere mill paid R$5 billion.", 5e9, "BRL"),
    ("The Lowmere mill paid Le5 billion.", 5e9, None),  # an unknown sign, by its form: the amount stands
])
def test_a_currency_written_as_letters_glued_to_its_amount_is_money(text: str, value: float,
                                                                     currency: str | None) -> None:
    (f,) = _figures(text)
    assert (f.value, f.currency) == (value, currency)
    assert text[f.start:f.end].startswith(text[f.start:f.start + 1]) and text[f.start].isalpha()


def test_letters_glued_to_a_bare_number_are_a_name() -> None:
    assert _read("Brindle sold the S23 and the G7 met in Lowmere.") == []


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Petrol in Lowmere rose 12.5c a litre.", 12.5, "cents"),
    ("Up to 6.5in of rain fell on Brindle.", 6.5, "in"),
    ("Brindle's fund grew 3x in a year.", 3.0, "times"),
    ("Brindle's profits rose threefold.", 3.0, "times"),
    ("Lowmere saw a 3-fold rise in fares.", 3.0, "times"),
    ("Lowmere saw a tenfold rise in fares.", 10.0, "times"),
])
def test_short_units_and_multipliers_are_read_as_their_words(text: str, value: float, unit: str) -> None:
    assert [(v, u) for _, v, u, _ in _read(text)] == [(value, unit)]


def test_a_grid_a_word_ending_in_fold_and_a_model_letter_are_no_multipliers_or_cents() -> None:
    assert _read("The Brindle manifold sat on a 4x4 grid.") == []
    assert _read("Jane Roe bought the iPhone 5c in Lowmere.") == []


def test_a_share_after_by_sizes_a_change() -> None:
    figs = _figures("Sales at Brindle fell by a third. Costs were cut by half.")
    assert [(round(f.value, 3), f.key) for f in figs] == [(0.333, "decreased:fraction"), (0.5, "decreased:fraction")]
    assert _read("The Lowmere race was won by a third party.") == []


def test_a_figure_has_a_spread_whatever_its_hedge() -> None:
    about = Figure(article_id="a", start=0, end=1, value=8.0, low=8.0, high=9.0, qualifier="about")
    assert has_spread(about)
    assert has_spread(Figure(article_id="a", start=0, end=1, value=12.0, low=12.0, high=99.0, qualifier="range"))
    assert not has_spread(Figure(article_id="a", start=0, end=1, value=8.0, qualifier="about"))
    assert consistent(about, 9, "exact")  # "about 8 or 9" can report 9


def test_groups_with_a_hedged_range_sum_their_ends() -> None:
    figs = _figures("About 8 or 9 soldiers and 12 rebels were killed near Lowmere.")
    total = figs[0]
    assert (total.value, total.low, total.high, total.qualifier, total.key) == (20.0, 20.0, 21.0, "about",
                                                                               "killed:people")
    assert [f.key for f in figs[1:]] == ["killed:soldier", "killed:rebel"]


def test_a_vague_group_is_not_summed_and_others_do_not_sum_a_range() -> None:
    figs = _figures("At least 50 civilians and dozens of soldiers were killed in Brindle.")
    assert [f.value for f in figs] == [50.0, 12.0]
    figs = _figures("Raiders killed about 5 or 6 men in Lowmere and executed 17 others.")
    assert 22.0 not in [f.value for f in figs] and 23.0 not in [f.value for f in figs]


def test_a_chain_of_three_numbers_is_no_figure_but_an_amount_before_a_slash_is() -> None:
    assert _read("The Lowmere case was closed 9-26-16; tips go to 713-222-TIPS.") == []
    assert [(v, c) for _, v, _, c in _read("Jane Roe's $100,000/10 percent bond was set in Brindle.")][0] \
        == (100000.0, "USD")


def test_a_one_letter_prefix_of_the_dollar_sign_is_glued_to_it() -> None:
    assert [(v, c) for _, v, _, c in _read("A $5,000 bond and A$40m were set in Lowmere.")] == [
        (5000.0, "USD"), (4e7, "AUD")]
