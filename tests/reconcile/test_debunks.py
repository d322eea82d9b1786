"""Tests for the denial/debunk frame and the pairing of a contest with its claim across articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.debunks import contest_cue, contests
from storyledger.records import Sentence


@pytest.mark.parametrize("text", [
    "The ministry denied the reports on Tuesday.",
    "Police rejected claims that officers fired first.",
    "He denied taking part in the raid.",
    "The story of the rescue is nothing more than a hoax.",
    "The photo was fake, the agency said.",
    "There is no evidence that the drug works.",
    "The spokesman dismissed the accusations as propaganda.",
    "Earlier reports of the leader's death have been debunked.",
])
def test_cue_found(text):
    assert contest_cue(text) is not None


@pytest.mark.parametrize("text", [
    "He was denied parole for the twelfth time.",
    "The ministry could neither confirm nor deny the reports.",
    "The story hasn't been debunked yet.",
    "The cheese is made up of 45% fat.",
    "The wounded were lying in the street.",
    "Officials said the bridge would reopen on Monday.",
])
def test_no_cue(text):
    assert contest_cue(text) is None


def _sent(article_id: str, text: str) -> Sentence:
    return Sentence(article_id=article_id, index=0, paragraph=0, start=0, end=len(text), text=text)


def test_contest_pairs_with_the_sentence_of_another_article_sharing_its_words():
    claim = _sent("a", "The airline will separate male and female passengers on its flights.")
    other = _sent("a2", "Fuel prices rose again this quarter.")
    deny = _sent("b", "The airline denied reports that it will separate male and female passengers.")
    (c,) = contests({"a": [claim], "a2": [other], "b": [deny]})
    assert c.claim is claim and c.contest is deny and c.overlap > 0.5
    assert contests({"a": [claim], "b": [deny]}, threshold=0.99) == []
    assert contests({"b": [deny]}) == []  # a contest needs another article's claim


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_cue_never_raises_and_lies_within_text(text):
    m = contest_cue(text)
    assert m is None or 0 <= m.start() < m.end() <= len(text)
