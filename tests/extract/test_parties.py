"""Tests for the party a speaker speaks for: the frames added beside those of test_quotes.py."""

from __future__ import annotations

import pytest

from storyledger.extract.quotes.parties import party_in_text


@pytest.mark.parametrize("text,speaker,party", [
    # The party's words between the article and the role.
    ("Jo Roe, the Kremvale spokesman, said so.", "Jo Roe", "Kremvale"),
    # A generic party is given as the text last named it in full.
    ("The League sued the Varga campaign. Tom Brack, the campaign manager, called it a sham.", "Tom Brack", "Varga campaign"),
    ("Tom Brack, the campaign manager, called it a sham.", "Tom Brack", "campaign"),
    # A role with a hyphenated tail; the party's possessive is not part of its name.
    ("Norland's ambassador-at-large, Edo Marek, said so.", "Edo Marek", "Norland"),
    ("Ana Dukic, a spokeswoman for Norland's prime minister, said so.", "Ana Dukic", "Norland"),
    # A role without a party names none.
    ("Jo Roe, the new manager, said so.", "Jo Roe", None),
])
def test_party_frames(text, speaker, party):
    assert party_in_text(text, speaker) == party


def test_a_possessive_description_names_its_party_without_the_possessive():
    assert party_in_text("", "Ardania's prime minister") == "Ardania"
    assert party_in_text("", "the Ardanian foreign minister") == "Ardanian"
