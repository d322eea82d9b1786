"""A space between groups of three digits ("3 400 arrested") read as one number where the text says so,
the look-alikes (room numbers, lists, years, phone numbers, scores, dates) left apart, and lists of counts
split where their counts end."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.extract.figures import casualty_count, extract_figures
from storyledger.records import Article
from storyledger.text import find_numbers


def _values(text: str) -> list[float]:
    return [n.value for n in find_numbers(text)]


def _keys(text: str) -> list[tuple[str | None, float | None]]:
    return [(f.key, f.value) for f in extract_figures(Article(id="a", text=text))]


@pytest.mark.parametrize(("text", "value"), [
    ("Police in Norland said 3 400 protesters were arrested.", 3400.0),  # a counted noun after it
    ("Police said 3 400 arrested in Ostravia.", 3400.0),  # a participle after it
    ("The toll rose to 1 800 on Sunday.", 1800.0),  # a preposition of a total before it
    ("Officials said over 3 400 were held.", 3400.0),  # a hedge before it
    ("Repairs in Lowmere cost €3 400 in all.", 3400.0),  # a currency sign before it
    ("Some 12 500 300 residents of Norland voted.", 12500300.0),  # several groups
    ("The 3 400 million plan of Roe.", 3.4e9),  # a scale after the groups
])
def test_groups_after_a_plain_space_are_one_number_with_the_texts_evidence(text: str, value: float) -> None:
    assert value in _values(text)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009"])
def test_no_break_and_thin_spaces_group_digits_anywhere(space: str) -> None:
    text = f"About 1{space}800 people fled Lowmere."
    assert _values(text) == [1800.0]
    assert _keys(text) == [("fled:people", 1800.0)]


def test_one_counted_number_is_the_evidence_for_the_others_in_the_text() -> None:
    # the second has no word of its own that makes it a count, but the text groups digits with spaces
    assert _values("About 1 800 people fled Roe. Later 3 400 were counted.") == [1800.0, 3400.0]
    assert _values("Later 3 400 were counted.") == [3.0, 400.0]


@pytest.mark.parametrize(("text", "values"), [
    ("Guests in Rooms 101 102 were evacuated.", [101.0, 102.0]),  # room numbers: no count after them
    ("The depot at 101 102 Lowmere Road burned.", [101.0, 102.0]),  # an address: a name after it
    ("The grades were 3 4 5 in Norland.", [3.0, 4.0, 5.0]),  # a list of numbers
    ("Roe won 3 1 on Sunday.", [3.0, 1.0]),  # a score
    ("Spending fell from 1990 2000 levels.", [1990.0, 2000.0]),  # years: a head of four digits
    ("Call 555 123 4567 for tickets.", [555.0, 123.0, 4567.0]),  # phone number: a fourth digit group
    ("Call 020 7946 0958 in Lowmere.", [20.0, 7946.0, 958.0]),  # a leading zero
    ("On May 15 200 people marched in Ostravia.", [15.0, 200.0]),  # a day of a date
    ("Between 1 200-1 800 people were arrested.", [1.0, 200.0, 1.0, 800.0]),  # a range: another joiner
    ("The index rose 3 400,5 points.", [3.0, 400.0]),  # another separator after the groups (no decimal comma)
])
def test_look_alikes_of_spaced_groups_stay_apart(text: str, values: list[float]) -> None:
    got = _values(text)
    assert got[:len(values)] == values
    assert not any(v > 100_000 for v in got)


def test_a_text_that_writes_thousands_with_commas_groups_none_with_spaces() -> None:
    assert _values("Some 2,000 fled Lowmere and 1 800 people stayed.") == [2000.0, 1.0, 800.0]


def test_a_spaced_toll_is_read_as_the_casualty_count() -> None:
    figs = extract_figures(Article(id="a", text="Over 1 000 civilians have been killed in Norland this week."))
    assert casualty_count(figs) == 1000.0


@pytest.mark.parametrize("text", [
    "The toll in Lowmere stood at 86, over 3 400 wounded.",
    # commas for thousands elsewhere: the spaced number is not read, and its head is no member of a list
    "Some 2,000 fled Lowmere. The toll stood at 86, over 3 400 wounded.",
])
def test_a_toll_and_the_next_count_are_no_list(text: str) -> None:
    figs = extract_figures(Article(id="a", text=text))
    assert casualty_count(figs) == 86.0
    assert not any(f.value in (88.0, 3486.0) for f in figs)


def test_a_headline_toll_and_the_arrests_after_it_keep_their_own_harms() -> None:
    got = _keys("Lowmere unrest: Death toll rises to 86, over 3 400 arrested")
    assert ("killed:people", 86.0) in got and ("arrested:people", 3400.0) in got
    assert all(v not in (88.0, 3486.0) for _, v in got)


def test_counted_groups_with_written_nouns_are_still_summed() -> None:
    assert ("killed:people", 16.0) in _keys("The strikes killed 5, 7 and 4 people in Lowmere.")  # a shared noun
    assert ("killed:people", 24.0) in _keys("16 soldiers and 8 rebels were killed in Ostravia.")
    assert ("killed:people", 56.0) in _keys("Clashes left 21 soldiers and 35 rebels dead near Roe.")


@given(st.integers(min_value=1_000, max_value=999_999_999))
def test_any_count_written_with_space_groups_reads_back(n: int) -> None:
    written = f"{n:,}".replace(",", " ")
    assert _values(f"Police said {written} people were arrested in Norland.") == [float(n)]


@given(st.lists(st.integers(min_value=0, max_value=99), min_size=2, max_size=5))
def test_a_list_of_small_numbers_is_never_one_number(nums: list[int]) -> None:
    text = "The marks were " + " ".join(str(x) for x in nums) + " today."
    assert _values(text) == [float(x) for x in nums]


@pytest.mark.parametrize("text", [
    "Anyone with information should call 555 0123. Two people were killed in Lowmere.",
    "Call the tip line at 800 555 0199 after two people were killed in Lowmere.",
    "Two people were killed in Lowmere; tips: phone 020 7946 0000.",
])
def test_digits_after_a_word_that_asks_to_call_are_a_phone_number(text: str) -> None:
    found = _keys(text)
    assert found == [("killed:people", 2.0)], found
