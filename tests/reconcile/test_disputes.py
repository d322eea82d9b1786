"""Tests for disputes: accusation and denial, two accounts, across articles."""

from __future__ import annotations

from storyledger.reconcile.disputes import find_disputes
from storyledger.records import Alignment, Article, ArticleFacts, Quote, Span


def test_accusation_and_its_denial():
    a = Article(id="a", text=(
        "Talks resumed on Friday. The opposition has accused the government of rigging the vote in three provinces. "
        "But the government has denied the claim and called for calm."
    ))
    (d,) = find_disputes([a], {}, {}, ())
    claim, deny = d.sides
    assert "opposition" in claim.speaker.lower() and "government" in deny.speaker.lower()
    assert "rigging the vote" in claim.claim and "denied" in deny.claim
    for side in d.sides:
        for c in side.citations:
            assert side.claim[:20] in a.text[c.start : c.end] or c.start < c.end


def test_dismissal_as_a_lie_in_one_sentence():
    a = Article(id="a", text='The ministry has said the camps are safe, but a rights group said this was just a "lie".')
    (d,) = find_disputes([a], {}, {}, ())
    assert [s.speaker for s in d.sides] == ["ministry", "rights group"] or d.sides[0].speaker.lower().endswith("ministry")
    assert '"lie"' in d.sides[1].claim


def test_two_accounts_in_one_sentence():
    a = Article(id="a", text='The union asserts that "mass layoffs" have begun, whereas the company asserts that no jobs will go.')
    (d,) = find_disputes([a], {}, {}, ())
    assert len(d.sides) == 2
    assert d.topic == "mass layoffs"


def test_speaker_from_quotes_resolves_a_pronoun():
    text = '"We were driven out," Ana Petrova told reporters. But she dismissed the Governor\'s assurances as "a lie".'
    a = Article(id="a", text=text)
    s = text.index("We"), text.index("out") + 3
    q = Quote(article_id="a", start=s[0], end=s[1], kind="direct", speaker="Ana Petrova",
              speaker_span=(text.index("Ana"), text.index("Ana") + 11))
    (d,) = find_disputes([a], {}, {"a": ArticleFacts(article_id="a", quotes=(q,))}, ())
    assert d.sides[0].speaker == "Governor" and d.sides[1].speaker == "Ana Petrova"


def test_related_alignment_links_a_claim_to_a_denial_across_articles():
    a = Article(id="a", text="Police said protesters attacked officers near the square.")
    b = Article(id="b", text="Organisers denied that protesters attacked anyone near the square.")
    al = Alignment(kind="related", score=0.6, a=Span(article_id="a", start=0, end=len(a.text)),
                   b=Span(article_id="b", start=0, end=len(b.text)))
    (d,) = find_disputes([a, b], {}, {}, (al,))
    speakers = {s.speaker for s in d.sides}
    assert speakers == {"Police", "Organisers"}
    assert {c.article_id for s in d.sides for c in s.citations} == {"a", "b"}
    # The denial shares the claim's words: way 5 pairs them across articles without the alignment too.
    (d2,) = find_disputes([a, b], {}, {}, ())
    assert {s.speaker for s in d2.sides} == {"Police", "Organisers"}
    # A denial about something else is no dispute with the claim.
    c = Article(id="c", text="Organisers denied that the concert had been cancelled.")
    assert find_disputes([a, c], {}, {}, ()) == ()


def test_plain_reporting_is_no_dispute():
    a = Article(id="a", text="The river rose overnight. Officials said roads were closed. Schools will reopen on Monday.")
    assert find_disputes([a], {}, {}, ()) == ()


def test_negated_or_hypothetical_denials_are_not_denials():
    a = Article(id="a", text=(
        "The council accused the mayor of hiding the report. But the mayor did not dispute the claim. "
        "Critics accused the firm of fraud. The firm could refute the claims at trial."
    ))
    assert find_disputes([a], {}, {}, ()) == ()


def test_passive_denial_names_the_denier():
    a = Article(id="a", text="The ministry accused Northfield Club of hiding its accounts. The claim was swiftly denied by Northfield Club.")
    (d,) = find_disputes([a], {}, {}, ())
    assert [s.speaker for s in d.sides] == ["ministry", "Northfield Club"]


def test_debunk_in_another_report_pairs_with_the_claim():
    a = Article(id="a", text="A giant crab was photographed near the harbour wall, the local site reported.",
                source="Daily Example")
    b = Article(id="b", text="The photo of the giant crab near the harbour wall is a hoax, experts found.",
                source="Check Desk")
    (d,) = find_disputes([a, b], {}, {}, ())
    claim, deny = d.sides
    assert claim.citations[0].article_id == "a" and deny.citations[0].article_id == "b"
    assert "hoax" in deny.claim


def test_debunk_needs_the_claims_words():
    a = Article(id="a", text="A giant crab was photographed near the harbour wall, the local site reported.")
    b = Article(id="b", text="The mayor's resignation letter is a hoax, officials said.")
    assert find_disputes([a, b], {}, {}, ()) == ()
    assert find_disputes([a, b], {}, {}, (), contest_overlap=0.0) == ()  # two shared words at least


def test_compatible_reports_and_refusals_are_no_dispute():
    a = Article(id="a", text="The prisoner applied for parole in the spring, his lawyer said.")
    b = Article(id="b", text="The prisoner was denied parole in the spring.")
    c = Article(id="c", text="The ministry could neither confirm nor deny that the prisoner applied for parole.")
    assert find_disputes([a, b, c], {}, {}, ()) == ()


def test_a_spokeswoman_speaks_for_her_ministry():
    a = Article(id="a", text=(
        "The opposition accused the Health Ministry of hiding the figures. "
        "But Jo Roe, a spokeswoman for the Health Ministry, denied the accusation."
    ))
    (d,) = find_disputes([a], {}, {}, ())
    claim, deny = d.sides
    assert deny.party == "Health Ministry" and deny.speakers == ("Jo Roe",)
    assert claim.party == claim.speaker and "opposition" in claim.party.lower()


def test_two_voices_of_one_party_are_no_dispute():
    a = Article(id="a", text=(
        "The Reform campaign accused the press of lying about the rally. "
        "But Reform campaign manager Ann Lee denied the accusation."
    ))
    assert find_disputes([a], {}, {}, ()) == ()


def test_a_contracted_negation_before_a_denial_verb_states_no_denial():
    from storyledger.reconcile.disputes import _MODAL

    for before in ("The ministry hasn't ", "Officials didn't ", "He won't really ", "She could not "):
        assert _MODAL.search(before), before
    for before in ("The ministry flatly ", "Officials ", "He strongly "):
        assert not _MODAL.search(before), before
