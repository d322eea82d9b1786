"""Named things for story clustering: runs of capitalised words cut where a reader would cut them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.cluster.features import named_things


def test_a_sentence_end_cuts_a_run_but_a_title_does_not() -> None:
    names = named_things("Talks were held in Kabul. Officials said Gov. Ann Lee met Dr. Doe there.")
    assert "kabul" in names and not any(n.startswith("kabul_") for n in names)
    assert "gov_ann_lee" in names and "dr_doe" in names


def test_a_line_break_cuts_a_run() -> None:
    names = named_things("Rescue Under Way\nRescue crews reached Orrin Ridge after dawn.")
    assert names == ["rescue_under_way", "rescue", "orrin_ridge"]


def test_a_possessive_ends_a_name() -> None:
    assert named_things("a ruling on Ann Lee's Office budget") == ["ann_lee", "office"]


def test_function_words_opening_a_run_are_dropped_but_acronyms_kept() -> None:
    names = named_things("The Coast Guard said the search goes on. In Varo, the US Navy helped.")
    assert "coast_guard" in names and "varo" in names and "us_navy" in names
    assert not any(n.startswith(("the_", "in_")) for n in names)


def test_a_title_case_headline_gives_its_words_one_by_one() -> None:
    assert named_things("Ferry Capsizes On Lake Varo As Storm Hits") == [
        "ferry", "capsizes", "lake", "varo", "storm", "hits"
    ]
    # a headline in sentence case keeps its names whole
    assert named_things("Ferry capsizes on Lake Varo as storm hits") == ["ferry", "lake_varo"]


def test_a_long_line_is_never_read_as_a_headline() -> None:
    line = " ".join(["Lake Varo"] * 60)
    assert all("_" in n for n in named_things(line))


def test_numbers_are_names() -> None:
    assert named_things("At least 1,200 people and 3.5 tonnes") == ["#1200", "#3.5"]


_WORDS = st.sampled_from(["The", "In", "Lake", "Varo", "said", "Gov.", "Lee's", "US", "of", "on", "rescue", "J.", "Kabul."])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=12), max_size=4))
def test_names_are_clean_keys(lines) -> None:
    text = "\n".join(" ".join(words) for words in lines)
    for name in named_things(text):
        assert name == name.lower() and "\n" not in name and " " not in name
        assert not name.startswith(("the_", "in_", "of_", "_")) and not name.endswith(("_of", "_on", "_"))
