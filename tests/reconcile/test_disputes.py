"""Tests for disputes: accusation and denial, two accounts, across articles."""

from __future__ import annotations

from storyledger.pipeline import prepare_article
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
    (own,) = d.sides[0].citations
    assert text[own.start : own.end] == "the Governor's assurances"


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


def test_a_sentence_that_names_the_claim_it_contests_is_a_dispute():
    a = Article(id="a", text="Trade was quiet on Monday. Veltro Steel denied rumours that it will close its Ardmoor plant.")
    (d,) = find_disputes([a], {}, {}, ())
    claim, deny = d.sides
    # The claim noun alone names no owner: the claim's side has no speaker, and cites the claim's own words.
    assert claim.speaker is None and claim.claim == "rumours that it will close its Ardmoor plant"
    assert a.text[claim.citations[0].start : claim.citations[0].end] == claim.claim
    assert deny.speaker == "Veltro Steel"
    b = Article(id="b", text="Later studies debunk Dr Olen's theory of the tides.")
    (d,) = find_disputes([b], {}, {}, ())
    assert [s.speaker for s in d.sides] == ["Dr Olen", "Later studies"] or d.sides[0].speaker.endswith("Olen")
    # A claim noun that states nothing ("the claims") has no claim here to pair with.
    c = Article(id="c", text="Trade was quiet on Monday. Veltro Steel denied the claims.")
    assert find_disputes([c], {}, {}, ()) == ()


def test_a_claim_no_one_makes_debunked_in_the_reports_own_voice_is_no_dispute():
    # Every report calls the rumour a hoax: no party asserts it, so no two parties are opposed.
    text = "The story of the villagers fighting off the raiders is nothing more than a hoax."
    arts = [Article(id=k, text=text, source=src) for k, src in (("a", "Courier"), ("b", None))]
    assert find_disputes(arts, {}, {}, ()) == ()
    # A named claimant ("Dr Olen's story") or a named contester ("the ministry said") keeps the dispute.
    owned = Article(id="c", text="Dr Olen's story of the villagers fighting off the raiders is a hoax.")
    assert len(find_disputes([owned], {}, {}, ())) == 1
    said = Article(id="d", text="The ministry said the story of the villagers fighting off the raiders was a hoax.")
    (d,) = find_disputes([said], {}, {}, ())
    assert d.sides[1].speaker == "ministry"


def test_a_claim_stated_elsewhere_joins_the_framed_denial():
    a = Article(id="a", text="Veltro Steel will close its Ardmoor plant next spring, the Courier reported.", source="Courier")
    b = Article(id="b", text="Veltro Steel denied reports that it will close its Ardmoor plant.", source="Wire")
    (d,) = find_disputes([a, b], {}, {}, ())
    assert {c.article_id for s in d.sides for c in s.citations} == {"a", "b"}
    assert d.sides[1].speaker == "Veltro Steel"


def test_sides_are_parties_in_a_lawsuit_story():
    a = Article(id="a", text=(
        "The Green League filed a lawsuit on Monday accusing the Varga campaign of hiding donations. "
        "The suit was filed in a district court."
    ))
    b = Article(id="b", text=(
        "The Green League sued the Varga campaign, accusing it of hiding donations. "
        'Tom Brack, the campaign manager, called it "a sham lawsuit".'
    ))
    c = Article(id="c", text="Tom Brack, the Varga campaign's manager, dismissed the lawsuit as a sham.")
    prepared = {x.id: prepare_article(x) for x in (a, b, c)}  # entities name the league
    sents, facts = {k: v[0] for k, v in prepared.items()}, {k: v[1] for k, v in prepared.items()}
    (d,) = find_disputes([a, b, c], sents, facts, ())
    parties = [s.party for s in d.sides]
    assert parties == ["Green League", "Varga campaign"]
    assert d.sides[1].speakers == ("Tom Brack",)  # the manager speaks for the campaign, never against it
    assert {c.article_id for c in d.sides[1].citations} == {"b", "c"}


def test_merged_accounts_keep_every_speaker_on_the_side_of_their_party():
    a = Article(id="a", text='Norland has accused Ostravia of "ethnic cleansing". But Ostravia has denied the claim.')
    b = Article(id="b", text='Kelm has accused Ostravia of "ethnic cleansing". But Brod has denied the claim.')
    al = Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=0, end=len(a.text)),
                   b=Span(article_id="b", start=0, end=len(b.text)))
    (d,) = find_disputes([a, b], {}, {}, (al,))
    assert [s.speakers for s in d.sides] == [("Norland", "Kelm"), ("Ostravia", "Brod")]


def test_a_partys_quote_repeating_the_claims_words_cites_its_side():
    a = Article(id="a", text='Norland has accused Ostravia of "ethnic cleansing". But Ostravia has denied the claim.')
    text = 'Norland\'s envoy, Edo Marek, spoke on Monday. "These people were ethnically cleansed," he said.'
    b = Article(id="b", text=text)
    start = text.index("These")
    q = Quote(article_id="b", start=start, end=text.index(',"'), kind="direct", speaker="Edo Marek")
    other = Quote(article_id="b", start=start, end=text.index(',"'), kind="direct", speaker="Ana Vell")
    facts = {"b": ArticleFacts(article_id="b", quotes=(q,))}
    (d,) = find_disputes([a, b], {}, facts, ())
    accuser = d.sides[0]
    assert accuser.party == "Norland" and "Edo Marek" in accuser.speakers
    assert Span(article_id="b", start=q.start, end=q.end) in accuser.citations
    assert all(c.article_id == "a" for c in d.sides[1].citations)
    # The same words from a speaker of no side's party cite nothing.
    (d,) = find_disputes([a, b], {}, {"b": ArticleFacts(article_id="b", quotes=(other,))}, ())
    assert all(c.article_id == "a" for s in d.sides for c in s.citations)


def _figure_group(status: str, *reports: tuple[Article, str, float, str | None]):
    from storyledger.records import Figure, FigureGroup

    figs = tuple(
        Figure(article_id=a.id, start=a.text.index(num), end=a.text.index(num) + len(num), value=value, attributed_to=who)
        for a, num, value, who in reports
    )
    return FigureGroup(id="g", label="people killed in strike", unit="people", status=status, order="unknown",
                       independent_sources=len(figs), current=None, reports=figs)


def test_a_toll_two_parties_give_differently_is_a_dispute():
    a = Article(id="a", text="At least 120 people were killed in the strike, the Norland health ministry said.")
    b = Article(id="b", text="Only 12 people were killed in the strike, Ostravia's army said.")
    c = Article(id="c", text="The strike killed 120 people, according to Norland.")
    g = _figure_group("conflicting", (a, "120", 120, "the Norland health ministry"), (b, "12", 12, "Ostravia's army"),
                      (c, "120", 120, "Norland"))
    (d,) = find_disputes([a, b, c], {}, {}, (), figures=[g])
    assert d.topic == "people killed in strike"
    assert [s.party for s in d.sides] == ["Norland", "Ostravia's army"]  # a party's ministry is that party's side
    assert {c.article_id for c in d.sides[0].citations} == {"a", "c"}
    assert "Norland health ministry" in d.sides[0].speakers


def test_figures_that_are_no_party_dispute():
    a = Article(id="a", text="At least 120 people were killed in the strike, the Norland health ministry said.")
    b = Article(id="b", text="Only 12 people were killed in the strike, Ostravia's army said.")
    u = Article(id="u", text="Some 12 people were killed in the strike.")
    # An update over time is no dispute; nor a toll only one party gives, nor values that agree.
    updated = _figure_group("updated", (a, "120", 120, "the Norland health ministry"), (b, "12", 12, "Ostravia's army"))
    assert find_disputes([a, b], {}, {}, (), figures=[updated]) == ()
    one_party = _figure_group("conflicting", (a, "120", 120, "the Norland health ministry"), (u, "12", 12, None))
    assert find_disputes([a, u], {}, {}, (), figures=[one_party]) == ()
    agree = _figure_group("conflicting", (a, "120", 120, "the Norland health ministry"), (b, "12", 120, "Ostravia's army"))
    assert find_disputes([a, b], {}, {}, (), figures=[agree]) == ()
    # A news outlet reporting a number is no party to the dispute (reporting verbs alone).
    w = Article(id="w", text="Only 12 people were killed in the strike, the Daily Courier reported.")
    reported = _figure_group("conflicting", (a, "120", 120, "the Norland health ministry"), (w, "12", 12, "Daily Courier"))
    assert find_disputes([a, w], {}, {}, (), figures=[reported]) == ()


def test_a_party_and_its_organ_are_one_side():
    a = Article(id="a", text="The Varga campaign accused the Herald of inventing the quote. But Varga denied the claim.")
    assert find_disputes([a], {}, {}, ()) == ()  # "Varga campaign" is Varga's: no dispute with itself
    b = Article(id="b", text="The Herald accused the Varga campaign of inventing the quote. But Varga denied the claim.")
    (d,) = find_disputes([b], {}, {}, ())
    assert [s.party for s in d.sides] == ["Herald", "Varga"]


def test_the_subject_of_a_participle_cue_is_the_accuser():
    a = Article(id="a", text=(
        "Trade was quiet. The Green League sued the Varga campaign, accusing it of hiding donations. "
        "But the campaign denied the accusation."
    ))
    prepared = prepare_article(a)
    (d,) = find_disputes([a], {"a": prepared[0]}, {"a": prepared[1]}, ())
    assert d.sides[0].speaker == "Green League"


def test_authorities_of_one_investigation_giving_different_counts_are_no_dispute():
    a = Article(id="a", text="Six people were killed in the shooting, police said.")
    b = Article(id="b", text="Seven people were killed in the shooting, the Ardmoor County Sheriff's Office said.")
    g = _figure_group("conflicting", (a, "Six", 6, "police"), (b, "Seven", 7, "the Ardmoor County Sheriff's Office"))
    assert find_disputes([a, b], {}, {}, (), figures=[g]) == ()
    # Two governments' officials are two parties: their tolls still oppose them.
    c = Article(id="c", text="At least 120 people were killed in the strike, Norlandian officials said.")
    d_ = Article(id="d", text="Only 12 people were killed in the strike, Ostravian officials said.")
    g2 = _figure_group("conflicting", (c, "120", 120, "Norlandian officials"), (d_, "12", 12, "Ostravian officials"))
    (d,) = find_disputes([c, d_], {}, {}, (), figures=[g2])
    assert len(d.sides) == 2


def test_a_contrast_inside_one_quotation_is_one_speakers_own_words():
    a = Article(id="a", text=(
        '"My neighbour said they were fireworks but they weren\'t fireworks," Jo Roe told reporters.'
    ))
    assert find_disputes([a], {}, {}, ()) == ()
    # The same words as two speakers' accounts, outside any quotation, oppose them.
    b = Article(id="b", text="Jo Roe said they were fireworks, but the police said they weren't fireworks.")
    (d,) = find_disputes([b], {}, {}, ())
    assert len(d.sides) == 2


def test_a_second_verb_without_a_subject_is_the_first_speakers_own_qualification():
    a = Article(id="a", text=(
        "The teen told police he was at the club during the shooting but denied knowing the other man charged, "
        "according to the affidavit."
    ))
    assert find_disputes([a], {}, {}, ()) == ()


def test_a_negated_verb_of_saying_is_no_counter_claim():
    a = Article(id="a", text=(
        "The teen said the man had shot at him weeks ago, but the document does not state if the teen told police."
    ))
    assert find_disputes([a], {}, {}, ()) == ()


def test_a_short_name_and_its_fuller_mention_are_one_side():
    a = Article(id="a", text="Donald J. Trump accused the Herald of inventing the quote. But Trump denied the claim.")
    assert find_disputes([a], {}, {}, ()) == ()
    b = Article(id="b", text="Donald J. Trump accused the Herald of inventing the quote. But the Herald denied the claim.")
    (d,) = find_disputes([b], {}, {}, ())
    assert len(d.sides) == 2


def test_a_claim_noun_is_no_party_and_the_claim_cites_its_own_words():
    a = Article(id="a", text=(
        "The harbour board has denied rumors that it is going to close the eastern dock next year. "
        "Ships kept arriving on Monday."
    ))
    (d,) = find_disputes([a], {}, {}, ())
    claim, deny = d.sides
    assert claim.speaker is None and claim.party is None
    assert "harbour board" in (deny.party or "").lower()
    assert claim.citations != deny.citations
    (c,) = claim.citations
    assert a.text[c.start : c.end].startswith("rumors that it is going to close")


def test_a_heading_inside_a_body_sets_no_two_parties():
    a = Article(id="a", text=(
        "The diet theory held for decades.\n\nLater Research Debunks Tanner's Theory\n\n"
        "Several trials found no link at all."
    ))
    assert not any(
        "Later Research" in (s.party or "") or "Tanner" == s.party for d in find_disputes([a], {}, {}, ()) for s in d.sides
    )


def test_a_line_announcing_a_statement_is_no_side():
    a = Article(id="a", text=(
        "The Daily Post reached out to Norcorp and they sent us this statement: "
        "\"Norcorp is not closing its plant.\""
    ))
    b = Article(id="b", text="Norcorp is closing its plant in Alder, the Daily Post reported.")
    for d in find_disputes([a, b], {}, {}, ()):
        assert not any(s.claim.rstrip().endswith(":") for s in d.sides)
