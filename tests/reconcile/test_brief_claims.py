"""Tests for the checks the brief makes before it cites a second outlet for a line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.brief_claims import (
    aligned_kinds,
    main_predicates,
    negated_words,
    reported_clause,
    same_polarity,
    same_predicate,
    valence,
)
from storyledger.reconcile.brief_select import choose_lines
from storyledger.records import Alignment, Article, Sentence, Span
from storyledger.text import segment_article


def test_a_negation_governs_the_predicate_it_denies():
    assert negated_words("The senator apologised but did not resign.") == {"senato": False, "apolog": False, "resign": True}
    assert negated_words("The mayor refused to apologise.")["apolog"] is True
    # a negative verb with an object (not an infinitive) denies no word of its own clause
    assert negated_words("The firm denied the report.")["report"] is False
    # two negators before one word cancel
    assert negated_words("It is not without merit.")["merit"] is False


def test_same_polarity_compares_the_words_both_lines_share():
    # one negation each, but the shared act ("apologise") is denied in one line only
    assert not same_polarity("The senator apologised but did not resign.", "The senator refused to apologise.")
    assert same_polarity("The court did not hear the case.", "The case was not heard by the court.")
    assert not same_polarity("The bill passed.", "The bill has not passed.")
    assert same_polarity("The bill passed on Monday.", "On Monday the bill passed.")


@given(st.sampled_from(["not", "never"]), st.sampled_from(["approve", "sign", "veto"]))
def test_negating_the_shared_verb_flips_polarity(neg, verb):
    assert not same_polarity(f"The governor will {verb} the budget.", f"The governor will {neg} {verb} the budget.")


def test_aligned_kinds_needs_the_span_to_cover_the_line_and_stay_within_the_other():
    a = Sentence(article_id="a", index=0, paragraph=0, start=0, end=40, text="x" * 40)
    b1 = Sentence(article_id="b", index=0, paragraph=0, start=0, end=30, text="y" * 30)
    b2 = Sentence(article_id="b", index=1, paragraph=0, start=31, end=60, text="z" * 29)
    lines, owners = [a, b1, b2], ["A", "B", "B"]
    whole = Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=0, end=40), b=Span(article_id="b", start=0, end=30))
    assert aligned_kinds(lines, [whole], owners) == {(0, 1): "paraphrase", (1, 0): "paraphrase"}
    # a run over both sentences of b: b's first sentence alone tells only part of a
    run = Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=0, end=40), b=Span(article_id="b", start=0, end=60))
    got = aligned_kinds(lines, [run], owners)
    assert got[(0, 1)] == "related" and got[(1, 0)] == "paraphrase"
    # a clause of a: b states only that clause
    clause = Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=0, end=15), b=Span(article_id="b", start=0, end=30))
    assert aligned_kinds(lines, [clause], owners)[(0, 1)] == "related"
    # lines of one lineage are never paired
    assert aligned_kinds(lines, [whole], ["A", "A", "A"]) == {}


def _story(*texts: str) -> tuple[list[Article], dict]:
    arts = [Article(id=f"a{k}", text=t, source=f"Outlet {k}") for k, t in enumerate(texts)]
    return arts, {a.id: segment_article(a) for a in arts}


def _paraphrase(sents, i: int, j: int) -> Alignment:
    x, y = sents["a0"][i], sents["a1"][j]
    return Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a0", start=x.start, end=x.end),
                     b=Span(article_id="a1", start=y.start, end=y.end))


def test_a_second_outlet_is_cited_only_where_the_story_alignment_says_it_states_the_line():
    arts, sents = _story(
        "The city council approved the new river bridge on Monday after a long debate.",
        "On Monday the city council gave its approval to the new river bridge following lengthy discussion.",
    )
    lineage = {a.id: a.id for a in arts}
    lead = choose_lines(arts, sents, (), lineage, 4)[0]
    assert lead.support == ()  # no alignment: the verdict on the two lines alone does not co-cite
    lead = choose_lines(arts, sents, [_paraphrase(sents, 0, 0)], lineage, 4)[0]
    assert [s.article_id for s in lead.support] == ["a1" if lead.sentence.article_id == "a0" else "a0"]


def test_an_outlet_stating_the_opposite_is_a_contrast_not_a_citation():
    arts, sents = _story(
        "The senator apologised for the remarks about the club on Friday but did not resign his seat.",
        "The senator refused to apologise for the remarks about the club on Friday and kept his seat.",
    )
    lines = choose_lines(arts, sents, [_paraphrase(sents, 0, 0)], {a.id: a.id for a in arts}, 4)
    assert all(not c.support for c in lines)
    assert [c.section for c in lines] == ["summary", "contrast"]
    assert {c.sentence.article_id for c in lines} == {"a0", "a1"}


def test_a_dispute_side_cites_another_outlet_only_where_it_states_the_claim():
    from storyledger.reconcile.brief import write_brief
    from storyledger.records import Dispute, DisputeSide, Story

    arts, sents = _story(
        "The ministry said on Monday that the dam is safe and that no villages need to be evacuated.",
        "On Monday the ministry said the dam was safe and that no village needed evacuating.",
        "The ministry on Tuesday withdrew its statement that the dam is safe, ordering villages evacuated.",
    )
    s0, s1, s2 = (sents[f"a{k}"][0] for k in range(3))
    side = DisputeSide(speaker="The ministry", claim=s0.text.strip(), citations=tuple(
        Span(article_id=s.article_id, start=s.start, end=s.end) for s in (s0, s1, s2)))
    other = DisputeSide(speaker="Engineers", claim="Engineers said the dam could fail.", citations=(Span(article_id="a0", start=0, end=10),))
    dispute = Dispute(id="d", topic="the dam", sides=(side, other))
    story = Story(id="s", title="t", article_ids=("a0", "a1", "a2"))

    def cited(alignments):
        brief, _ = write_brief(story, arts, sents, {}, alignments, (), (), (dispute,))
        line = next(b for b in brief if b.section == "disputes" and "safe" in b.text)
        return [c.article_id for c in line.citations]

    # no alignment says the other reports state the side's claim: only its own report is cited
    assert cited(()) == ["a0"]
    # the story alignment's paraphrase: the second report is cited too, the retraction never
    assert cited([_paraphrase(sents, 0, 0)]) == ["a0", "a1"]


def test_main_predicates_finds_the_finite_verb_past_the_subject():
    assert main_predicates("Norland's leaders (in a joint note) condemned envoy Roe on Monday.") == ("condemned",)
    # an opening phrase up to its comma is not the subject; an infinitive complement joins its verb
    assert main_predicates("With one voice, the council sought to quell the row over Lowmere.") == ("sought", "quell")
    # past an auxiliary, and a participle of the clause
    assert main_predicates("The mayor is facing calls to resign.") == ("facing",)
    assert main_predicates("The ministers issued a statement on Monday thanking envoy Roe.") == ("issued", "thanking")
    # a verb of reporting: the reported clause holds the claim
    assert main_predicates("The mayor of Lowmere said Friday the city is suing the port.") == ("suing",)
    # an attribution at the end of the line is its main verb too
    assert "warned" in main_predicates("The ruling will cause chaos in Ostravia, the minister warned on Friday.")
    assert main_predicates("Rain in Lowmere.") == ()


def test_valence_reads_inflected_forms():
    assert valence("condemned") < 0 < valence("thanking")
    assert valence("slammed") < 0 and valence("praises") > 0
    assert valence("thanking") == valence("thank") > 0 and valence("slammed") == valence("slam")
    assert valence("bridge") == 0.0


def test_same_predicate_needs_an_act_of_praise_or_blame_told_as_the_same_act():
    blame = "Norland's leaders condemned envoy Roe in a statement on Monday."
    # opposite acts, or another act, about the same people on the same day
    assert not same_predicate(blame, "Norland's leaders issued a statement on Monday thanking envoy Roe.")
    assert not same_predicate("Norland's leaders issued a statement on Monday thanking envoy Roe.", blame)
    # the same word, another inflection; another verb of the same sign
    assert same_predicate(blame, "On Monday Norland's leaders condemn envoy Roe.")
    assert same_predicate(blame, "Norland's leaders criticized envoy Roe on Monday.")
    # predicates without valence are not tested: another wording of one act
    assert same_predicate("The council approved the bridge on Monday.", "The council passed the bridge on Monday.")


def test_reported_clause_is_a_claim_of_reported_speech_after_a_comma():
    assert reported_clause("The envoy spoke in Lowmere, telling Ostravia it would cut aid.") == "telling Ostravia it would cut aid."
    assert reported_clause("Roe resigned on Monday, saying the board had misled him.") == "saying the board had misled him."
    assert reported_clause("The court declined the case, handing Lowmere a win.") is None
    assert reported_clause("The plan passed, according to two aides.") is None
    assert reported_clause("The envoy spoke in Lowmere on Monday.") is None


def test_an_outlet_telling_another_act_is_not_cited_for_the_line():
    arts, sents = _story(
        "Norland's governing leaders condemned envoy Roe in a joint statement on Monday over his remarks on Ostravia.",
        "Norland's governing leaders issued a joint statement on Monday thanking envoy Roe for his remarks on Ostravia.",
    )
    lineage = {a.id: a.id for a in arts}
    lines = choose_lines(arts, sents, [_paraphrase(sents, 0, 0)], lineage, 4)
    assert lines and all(not c.support for c in lines)
    # the same act told in other words is cited
    arts, sents = _story(
        "Norland's governing leaders condemned envoy Roe in a joint statement on Monday over his remarks on Ostravia.",
        "In a joint statement on Monday, Norland's governing leaders criticized envoy Roe over his remarks on Ostravia.",
    )
    lines = choose_lines(arts, sents, [_paraphrase(sents, 0, 0)], lineage, 4)
    assert [len(c.support) for c in lines if c.section == "summary"][:1] == [1]


def test_an_outlet_is_not_cited_for_a_line_whose_reported_claim_it_does_not_state():
    from storyledger.reconcile.brief_select import Told

    def support_of_first(second: str) -> list[str]:
        arts, sents = _story(
            "Ostravia's president opened the summit in Lowmere on Tuesday, telling delegates his government would "
            "double its aid to the northern provinces.",
            second,
        )
        # the second outlet's line is shown elsewhere: the first outlet's line is the one to tell
        told = Told(shown=frozenset({("a1", sents["a1"][0].start)}))
        lines = choose_lines(arts, sents, [_paraphrase(sents, 0, 0)], {a.id: a.id for a in arts}, 4, told)
        line = next(c for c in lines if c.sentence.article_id == "a0")
        return [x.article_id for x in line.support]

    # the other outlet tells the opening but not what the president told the delegates
    assert support_of_first("Ostravia's president opened the summit in Lowmere on Tuesday amid protests outside.") == []
    # it tells that too
    assert support_of_first(
        "Ostravia's president opened the summit in Lowmere on Tuesday, saying his government would double its aid "
        "to the northern provinces.") == ["a1"]


def test_a_contracted_negation_negates_as_not_does():
    from storyledger.reconcile.brief_claims import negated_words, opposite_polarity

    assert negated_words("Vaccinated people don't need a booster in Lowmere.")["need"] is True
    assert negated_words("The ferry can’t sail tonight.")["sail"] is True
    # "don't need" and "do not need" state one claim: no contrast between them
    assert not opposite_polarity("Vaccinated people don't need a booster, officials said.",
                                 "People who are vaccinated do not need a booster, the agency said.")
    assert opposite_polarity("Vaccinated people don't need a booster.", "Vaccinated people need a booster.")
