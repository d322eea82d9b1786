"""Tests for side checks: headings, announcing lines and nouns of claims are no sides; echoing sides are one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.side_checks import agent_of, announces_statement, echoes, headline_line, names_no_agent, sound_sides
from storyledger.records import Span

_S = [Span(article_id="a", start=0, end=30)]


def test_a_title_case_line_is_a_heading_and_a_sentence_is_not():
    assert headline_line("Later Research Refutes The Tanner Hypothesis")
    assert headline_line("Council Rejects Plan For New Bridge In Harbour")
    assert not headline_line("Later research refutes the Tanner hypothesis.")
    assert not headline_line("The Council rejected the plan on Monday")  # lower-case words: a sentence
    assert not headline_line("Tanner Hypothesis")  # two words: a name, not a heading


def test_a_line_ending_on_a_colon_announces_a_statement():
    assert announces_statement("The paper contacted the bank and it sent this reply:  ")
    assert not announces_statement('The bank said: "We reject it."')


def test_nouns_of_claims_or_texts_name_no_agent():
    for phrase in ("rumors", "claims", "Newer Studies", "the report", "reports of his death", "speculation"):
        assert names_no_agent(phrase), phrase
    for phrase in ("IBM", "the ministry", "a website dedicated to conspiracy theories", "Kurdish sources", None):
        assert not names_no_agent(phrase), phrase


def test_a_text_noun_speaks_for_its_source_or_for_nobody():
    assert agent_of("a report in the Gazette") == "Gazette"
    assert agent_of("Report") is None
    assert agent_of("reports by rumours") is None
    assert agent_of("the harbour police") == "the harbour police"
    assert agent_of("though officers") == "officers" and agent_of("as police") == "police"


def test_echoing_sides_cite_the_same_spans_and_hold_one_claim():
    assert echoes(("claims that staff quit", _S), ("The director refutes claims that staff quit", _S))
    other = [Span(article_id="a", start=5, end=25)]
    assert not echoes(("claims that staff quit", other), ("The director refutes claims that staff quit", _S))
    assert not echoes(("staff quit", _S), ("The director denied it", _S))


def test_sound_sides_rejects_each_kind_of_junk_and_keeps_a_plain_pair():
    deny = ("Ministry", "The ministry denied it.", [Span(article_id="b", start=0, end=9)])
    assert sound_sides([("Roe", "Roe said the dam leaked.", _S), deny])
    assert not sound_sides([("Daily Post", "The Daily Post asked the ministry and it sent us this statement:", _S), deny])
    assert not sound_sides([("Later Research", "Later Research Refutes Tanner Hypothesis", _S), deny])
    # A heading with no speaker read from it stands as its report's own telling of the story.
    assert sound_sides([(None, "Giant Crab Found Off The Coast Near Harbour", _S), deny])
    assert not sound_sides([(None, "claims that staff quit", _S), ("Director", "The director refutes claims that staff quit", _S)])


@given(st.text(min_size=1, max_size=40))
def test_echoes_is_symmetric_and_a_side_echoes_itself(claim):
    assert echoes((claim, _S), (claim + " more", _S)) == echoes((claim + " more", _S), (claim, _S))
    assert echoes((claim, _S), (claim, _S)) == bool(" ".join(claim.lower().split()))
