"""Tests for the denial frames: falsity predicates, denial verbs and their complements, counter-claims, pointing back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.debunks import contest_cue
from storyledger.reconcile.denials import denial_verb, falsity_cue, negates, noun_use, points_back, refused
from storyledger.reconcile.disputes import find_disputes
from storyledger.records import Article


@pytest.mark.parametrize("text", [
    "It's almost certainly not true, but the mayor has not commented.",
    "That isn't true, the council said.",
    "Sadly, as it turns out, not even slightly true.",
    "The clip was quite convincing, but also completely fake, as the shadows show.",
    "The photos of the flooded square are a hoax.",
    "The story of the rescue is nothing more than a hoax.",
    "They're completely made-up.",
])
def test_falsity_predicates_are_found(text):
    m = falsity_cue(text)
    assert m is not None and contest_cue(text) is not None


@pytest.mark.parametrize("text", [
    "It was a false alarm.",  # an adjective that goes on to a noun predicates nothing of the subject
    "The prior conviction is a bogus cheque offence from 2001.",
    "The photo is not fake.",  # a negation before the falsity word cancels it
    "That wasn't the case at the other school, where few came forward.",  # a contrast, not a denial
    "The report is true.",
])
def test_what_is_no_falsity_predicate(text):
    assert falsity_cue(text) is None


@pytest.mark.parametrize("text", [
    "But the ministry has denied the claim.",
    "He denied taking part in the raid.",
    "The minister dismissed the charges as politically motivated.",
    "The claim was swiftly denied by the club.",
    "The union rejected the suggestion that it had been paid.",
    "The firm issued a denial on Monday.",
])
def test_a_denial_verb_takes_a_claim(text):
    assert denial_verb(text) is not None


@pytest.mark.parametrize("text", [
    "He was denied parole for the third time.",
    "The judge dismissed the charges.",
    "The case was dismissed in May.",
    "The charges of assault were dismissed after his plea.",
    "It began as a land dispute over money.",
    "The council rejected the offer.",
])
def test_refusals_and_proceedings_deny_no_claim(text):
    assert denial_verb(text) is None


def test_refused_and_noun_use_say_why():
    t = "The charges were dismissed in June."
    assert refused(t, t.index("dismissed"), t.index(" in"))
    t = "The minister dismissed the charges as lies."
    assert not refused(t, t.index("dismissed"), t.index(" the"))
    t = "They fell out in a long dispute."
    assert noun_use(t, t.index("dispute"), t.index("dispute") + 7)
    t = "Residents dispute that account."
    assert not noun_use(t, t.index("dispute"), t.index("dispute") + 7)


@pytest.mark.parametrize("account,answer,expected", [
    ("police said the shots came from a passing car", "the neighbours said the shots didn't come from a car", True),
    ("he said the lights were drones", "the lights weren't drones", True),
    ("police said two people were hurt", "Ana Petrova said she didn't know anything", False),
    ("the council said the road will reopen", "she will decide whether or not the road will reopen", False),
    ("he said it wasn't his car", "she said it was not his car", False),  # both negate: no counter-claim
])
def test_a_counter_claim_negates_what_the_account_asserts(account, answer, expected):
    assert negates(account, answer) is expected


def test_points_back_to_the_sentence_before():
    t = "However, fact-checkers have debunked this."
    assert points_back(t, t.index("debunked"), t.index(" this"))
    t = "It was quite convincing, but also completely fake."
    m = falsity_cue(t)
    assert points_back(t, m.start(), m.end())
    t = "Experts debunked claims that the water was poisoned."
    assert not points_back(t, t.index("debunked"), t.index(" claims"))


def test_a_debunk_that_points_back_pairs_with_the_claim_of_another_article():
    a = Article(id="a", text="A video site posted footage of a bear riding a bicycle through a market, the Courier reported.")
    b = Article(id="b", text=(
        "Last week a video site posted footage of a bear riding a bicycle through a market. "
        "It was quite convincing, but also completely fake, as the shadows made clear."
    ))
    (d,) = find_disputes([a, b], {}, {}, ())
    claim, deny = d.sides
    assert [c.article_id for c in claim.citations] == ["a"]
    assert "completely fake" in deny.claim and deny.citations[0].article_id == "b"
    # Without the sentence it points back to, the debunk shares too few words with any claim.
    b2 = Article(id="b", text="It was quite convincing, but also completely fake, as the shadows made clear.")
    assert find_disputes([a, b2], {}, {}, ()) == ()


def test_a_legal_dismissal_is_no_dispute():
    a = Article(id="a", text="Police charged Dean Moss with assault in May. The charges were dismissed in June.")
    assert find_disputes([a], {}, {}, ()) == ()
    b = Article(id="b", text="Moss was charged with assault after the shooting in May.")
    c = Article(id="c", text="A judge dismissed the charges against Moss over the May shooting.")
    assert find_disputes([b, c], {}, {}, ()) == ()


def test_a_negated_account_of_the_same_thing_is_a_dispute_and_of_another_thing_is_not():
    a = Article(id="a", text=(
        "Police said the shots came from a passing car, but the neighbours said the shots didn't come from a car."
    ))
    (d,) = find_disputes([a], {}, {}, ())
    assert [s.speaker for s in d.sides] == ["Police", "neighbours"]
    b = Article(id="b", text="Police said two people were hurt, but the neighbours said they didn't know anything.")
    assert find_disputes([b], {}, {}, ()) == ()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_frames_never_raise_and_lie_within_text(text):
    for m in (falsity_cue(text), denial_verb(text)):
        assert m is None or 0 <= m.start() < m.end() <= len(text)
    assert isinstance(negates(text[:50], text[50:]), bool)


@pytest.mark.parametrize(("text", "word"), [
    ("The shooting began over a disputed parking spot.", "disputed"),
    ("Troops entered the contested region at dawn.", "contested"),
    ("It began as a land dispute.", "dispute"),
])
def test_a_denial_word_as_adjective_or_noun_denies_nothing(text, word):
    i = text.index(word)
    assert noun_use(text, i, i + len(word))
    assert denial_verb(text) is None and contest_cue(text) is None


def test_a_participle_after_that_is_still_a_verb():
    text = "The ministry issued a statement that denied reports of a blockade."
    i = text.index("denied")
    assert not noun_use(text, i, i + 6) and denial_verb(text) is not None


@pytest.mark.parametrize("answer", [
    "but the report does not state whether the teen was shot",
    "but police would not comment on whether he was shot",
    "but officers didn't immediately say if the teen was shot",
])
def test_a_negated_verb_of_saying_negates_nothing(answer):
    assert not negates("the teen said he was shot at", answer)


@pytest.mark.parametrize("text", ["But, hey, this is wrong.", "The reports were simply wrong, the club said."])
def test_wrong_said_of_a_claim_is_a_falsity_predicate(text):
    assert falsity_cue(text) is not None


@pytest.mark.parametrize("text", [
    "He told the class why homophobia was wrong.",
    "It is wrong to blame the victims.",
    "They felt there was something wrong about it.",
])
def test_wrong_said_of_a_deed_is_no_falsity_predicate(text):
    assert falsity_cue(text) is None
