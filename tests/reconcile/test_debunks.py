"""Tests for the denial/debunk frame and the pairing of a contest with its claim across articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.debunks import claim_frame, contest_cue, contests
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


def test_a_contest_that_names_whom_its_claim_is_about_pairs_only_with_a_claim_naming_them():
    # Same words ("wounded in the air strike"), another man: a debunk of Olen's wounding does not contest Varga's.
    other_man = _sent("a", "Officials were investigating reports that Varga had been wounded in the air strike last week.")
    deny = _sent("b", "Earlier reports of Olen being killed or wounded in the air strike have been debunked.")
    assert contests({"a": [other_man], "b": [deny]}) == []
    same_man = _sent("c", "Olen had been wounded in the air strike last week, officials said.")
    (c,) = contests({"a": [other_man], "b": [deny], "c": [same_man]})
    assert c.claim is same_man


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_cue_never_raises_and_lies_within_text(text):
    m = contest_cue(text)
    assert m is None or 0 <= m.start() < m.end() <= len(text)


@pytest.mark.parametrize("text,claimant,claim", [
    ("The firm denied rumours that it will cut 500 jobs.", "rumours", "rumours that it will cut 500 jobs"),
    ("Later studies debunk Smith's theory.", "Smith", "Smith's theory"),
    ("The airline dismissed claims made by some local outlets that it will seat men and women apart.",
     "some local outlets", "claims made by some local outlets that it will seat men and women apart"),
    ("Police rejected claims by the union that officers fired first.", "the union", None),
    ("They denied the union's claims.", "union", "union's claims"),
    ("The rebels denied the Tarnist claims that they shelled the town.", "Tarnist", None),
    ("He said rumours that she had fled the city were untrue.", "rumours", "rumours that she had fled the city"),
    ("Earlier reports of the leader being wounded have been debunked.", "reports", None),
    ('The firm said the rumours that 900 jobs will be cut are "totally ludicrous".', "rumours", None),
    ("Despite a report on a fringe website, soldiers haven't lost a warhead.", "a fringe website", None),
    ("The singer is alive and well, contrary to rumours spread by the militants.", "the militants", None),
])
def test_claim_frame_names_the_claim_and_its_maker(text, claimant, claim):
    f = claim_frame(text)
    assert f is not None and f.claimant == claimant
    assert text[f.claimant_start : f.claimant_end] == claimant
    assert claim is None or f.claim == claim
    assert 0 <= f.cue_start < len(text)


@pytest.mark.parametrize("text", [
    "The firm denied the claims.",  # a claim noun without content or owner states nothing to contest
    "They denied his claims.",
    "The ministry could neither confirm nor deny reports that the plant will close.",
    "Reports that the bridge collapsed drew crowds, and the bridge is fake news central.",
    "Reports that he fled were not false.",
    "The report that the plant will close was published on Monday.",
    "He said the rumours were everywhere.",
])
def test_no_claim_frame(text):
    assert claim_frame(text) is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_claim_frame_never_raises_and_lies_within_text(text):
    f = claim_frame(text)
    assert f is None or (0 <= f.claimant_start <= f.claimant_end <= len(text) and 0 <= f.cue_start <= len(text))


def test_claim_frame_says_where_the_contester_may_be_named():
    active = claim_frame("The ministry denied reports that the plant will close.")
    assert active.speaker_end == active.cue_start == 13  # "The ministry" before the verb
    said = claim_frame("Roe said rumours that the plant will close were false.")
    assert said.speaker_end == said.claimant_start - 1 or said.speaker_end <= said.claimant_start
    assert "Roe said" in "Roe said rumours that the plant will close were false."[: said.speaker_end + 1]
    assert claim_frame("Despite reports on a fringe site, the plant has not closed.").speaker_end is None


def test_a_copy_of_the_debunking_report_is_not_the_claims_source():
    debunk = "The story of the rescue at the river ford is a hoax, our checks found."
    a, a_copy = _sent("a", debunk), _sent("b", debunk)
    b_other = _sent("b", "Rescue teams pulled ten people from the river ford on Monday.")
    claim = _sent("c", "Rescue teams pulled ten people from the river ford, the local paper reported.")
    # The copy carries the debunk: its other sentences are that report's, not the claim's source.
    assert contests({"a": [a], "b": [a_copy, b_other]}) == []
    found = contests({"a": [a], "b": [a_copy, b_other], "c": [claim]})
    assert [x.claim for x in found] == [claim, claim]
    assert not found[0].by_subject  # "… is a hoax": the story's subject is not who debunks it


def test_a_negated_sentence_is_no_claim_to_contest():
    deny = _sent("b", "The president denied reports that he offered to extend the border strip.")
    agrees = _sent("a", "His spokesman said the president had not offered to extend the border strip.")
    asserts = _sent("c", "The president offered to extend the border strip, the radio reported.")
    assert contests({"a": [agrees], "b": [deny]}) == []  # two denials of one thing are no dispute
    (c,) = contests({"a": [agrees], "b": [deny], "c": [asserts]})
    assert c.claim is asserts


def test_a_denial_is_about_its_own_clause_not_a_second_predicate_after_it():
    claim = _sent("a", "The bullet went through the kitchen wall of the house, a neighbour said.")
    other = _sent("b", "The brother denied being involved and said the bullet went through the kitchen wall of the house.")
    assert contests({"a": [claim], "b": [other]}) == []
    denied = _sent("c", "The brother denied that the bullet went through the kitchen wall of the house.")
    (c,) = contests({"a": [claim], "c": [denied]})
    assert c.claim is claim


def test_a_denial_after_a_verb_of_saying_is_about_its_own_clause():
    # "…, they say the brother denied …": the words before the saying are the setting, not the matter denied.
    setting = _sent("a", "Officers arrived at the home on Elm Circle late on Wednesday night to investigate.")
    deny = _sent("b", "When officers arrived at the home on Elm Circle to investigate, they say the brother denied being involved.")
    assert contests({"a": [setting], "b": [deny]}) == []
