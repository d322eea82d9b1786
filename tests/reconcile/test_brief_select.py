"""Tests for choosing the brief's lines: whole sentences, citations that hold, contrasts and framing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.reconcile.brief import check_faithful, write_brief
from storyledger.reconcile.brief_select import Told, choose_lines, same_facts, usable_line
from storyledger.records import Article, Sentence, Story
from storyledger.text import segment_article


def _sentence(text: str) -> Sentence:
    return Sentence(article_id="a", index=0, paragraph=0, start=0, end=len(text), text=text)


def test_usable_line_refuses_cut_questions_and_headlines():
    assert usable_line(_sentence("He served three Republican presidents in...")) is None
    assert usable_line(_sentence("Will the council approve the new bridge plan this week?")) is None
    assert usable_line(_sentence("“We want to thank the medical staff at the hospital for their")) is None
    title = "Council Approves Bridge Plan After Long Debate"
    assert usable_line(_sentence(title + " The council approved the bridge plan on Monday after a debate."), title) is not None
    assert usable_line(_sentence("Residents said " + title + " was the talk of the town all week."), title) is None


def test_usable_line_leaves_out_labels_and_datelines_from_the_cited_span():
    text = "PARIS — The council approved the bridge plan on Monday after a long debate."
    line = usable_line(Sentence(article_id="a", index=0, paragraph=0, start=10, end=10 + len(text), text=text))
    assert line is not None and line.text.startswith("The council") and line.start == 10 + text.index("The council")
    assert usable_line(_sentence("Why it matters: The plan doubles the bridge budget for the next five years.")).text.startswith("The plan")


def test_same_facts_needs_equal_numbers_days_and_polarity():
    assert same_facts("The vote passed 52 to 48 on Friday.", "On Friday the vote passed, 52 to 48.")
    assert not same_facts("The vote passed early Friday.", "The vote passed on Thursday.")
    assert not same_facts("The bill passed.", "The bill has not passed.")
    assert not same_facts("At least 45 people died.", "At least 54 people died.")
    # a negative implicative verb negates its clause, as "not" does
    assert not same_facts("The mayor refused to apologise for the delay.", "The mayor has apologised for the delay.")
    assert not same_facts("The court rejected the appeal.", "The court upheld the appeal.")
    assert same_facts("The firm denied the report.", "The firm did not confirm the report.")


@given(st.integers(1, 10_000), st.integers(1, 10_000))
def test_same_facts_follows_the_numbers(x, y):
    assert same_facts(f"Officials counted {x} boats.", f"The count was {y} boats.") == (x == y)


def _story(*texts: str) -> list[Article]:
    outlets = ["Daily One", "Daily Two", "Daily Three"]
    return [Article(id=f"a{k}", text=t, source=outlets[k]) for k, t in enumerate(texts)]


def _brief(arts):
    sents = {a.id: segment_article(a) for a in arts}
    story = Story(id="s", title="t", article_ids=tuple(a.id for a in arts))
    brief, _ = write_brief(story, arts, sents, {}, (), (), (), ())
    return brief, sents


def test_an_outlet_is_cited_only_for_a_line_that_states_the_same_figures():
    arts = _story(
        "The storm killed 12 people in the coastal towns on Monday, officials said. Roads stayed closed into the night.",
        "The storm killed 21 people in the coastal towns on Monday, officials said. Schools will reopen next week.",
    )
    brief, _ = _brief(arts)
    assert check_faithful(brief, arts) == []
    for b in brief:
        if b.section == "summary":
            assert len({c.article_id for c in b.citations}) == 1, b
    contrast = [b for b in brief if b.section == "contrast"]
    assert contrast and "killed" in contrast[0].text


@pytest.mark.parametrize(("first", "second"), [
    # "Sixty-seven" is 67: the second line adds a detail to the same count, it does not dispute it
    ("Sixty-seven council members voted with 218 others for the Lowmere bridge plan on Monday. Roads stayed open.",
     "A minority of 67 council members voted for the Lowmere bridge plan on Monday, while 120 voted against. "
     "Schools will reopen next week."),
    # "September 1" may be that Wednesday: days are compared weekday with weekday, month with month
    ("The new Lowmere ferry law took effect on Wednesday after the council failed to block it. Roads stayed open.",
     "The new Lowmere ferry law took effect on September 1 after the council failed to block it. "
     "Schools will reopen next week."),
])
def test_one_fact_told_two_ways_is_no_contrast(first: str, second: str):
    brief, _ = _brief(_story(first, second))
    assert not [b for b in brief if b.section == "contrast"], brief


def test_each_line_is_a_whole_sentence_and_no_line_repeats_another():
    arts = _story(
        "The city council approved the new bridge over the river on Monday. The vote was close. "
        "Will the work start soon? Engineers said the bridge would take three years to build and...",
        "The city council approved the new bridge over the river on Monday. Opponents said the cost was too high "
        "for a city of its size and promised to fight the plan in court.",
    )
    brief, _ = _brief(arts)
    texts = [b.text for b in brief if b.section != "figures"]
    assert texts and all(not t.endswith(("...", "?")) for t in texts)
    assert len(texts) == len(set(texts))
    first = brief[0]
    assert first.text.startswith("The city council approved") and {c.article_id for c in first.citations} == {"a0", "a1"}


def test_opposed_framing_of_one_event_gets_a_line_per_outlet():
    arts = _story(
        "Lawmakers passed a wonderful, historic reform that will help millions of families on Tuesday.",
        "Lawmakers passed a disastrous, reckless reform that will hurt millions of families on Tuesday.",
    )
    sents = {a.id: segment_article(a) for a in arts}
    from storyledger.align import align_story

    als = align_story(arts, sents)
    lineage = {a.id: a.id for a in arts}
    lines = choose_lines(arts, sents, als, lineage, 4)
    framing = [c for c in lines if c.section == "framing"]
    if any(al.kind == "paraphrase" for al in als):  # the story's alignment sees one statement told two ways
        # each outlet's framing is shown once: the lead stands for its own outlet, the other is a framing line
        lead = lines[0]
        assert lead.section == "summary" and framing
        assert {c.sentence.article_id for c in framing} | {lead.sentence.article_id} == {"a0", "a1"}
        assert lead.sentence.text not in {c.sentence.text for c in framing}
        # opposed wording is not support: the lead cites its own outlet only
        assert not lead.support
    assert not [c for c in choose_lines(arts, sents, als, lineage, 4, Told(disputed=True)) if c.section == "framing"]
    # without the alignment's verdict that they tell one statement, no framing lines
    assert not [c for c in choose_lines(arts, sents, (), lineage, 4) if c.section == "framing"]


def test_framing_needs_each_outlets_own_loaded_words_not_the_events():
    # "killed" and "attack" are the event's words, used by both outlets; only one outlet's own wording is loaded
    arts = _story(
        "Gunmen killed six soldiers in an attack on a base near the border on Sunday, the army said.",
        "Gunmen killed six soldiers in a brazen, cowardly attack on a base near the border on Sunday, the army said.",
    )
    sents = {a.id: segment_article(a) for a in arts}
    from storyledger.align import align_story

    lines = choose_lines(arts, sents, align_story(arts, sents), {a.id: a.id for a in arts}, 4)
    assert not [c for c in lines if c.section == "framing"]


def test_a_copy_is_not_cited_in_place_of_its_source():
    from storyledger.reconcile.brief_select import reused_lines
    from storyledger.records import Alignment, Derivation, Span

    source = (
        "Rain fell for three days across the valley. Farmers moved their herds to higher fields. "
        "Shops in the town shut early. Floods closed the river bridge at Lowmoor on Tuesday after heavy rain."
    )
    copy = "Floods shut the river bridge at Lowmoor on Tuesday following heavy rain. Repairs started soon after."
    other = "The regional council met on Wednesday to discuss next year's budget for the schools of the valley."
    arts = _story(source, copy, other)
    sents = {a.id: segment_article(a) for a in arts}
    s0, s1 = sents["a0"][3], sents["a1"][0]
    al = Alignment(
        kind="paraphrase", score=0.9,
        a=Span(article_id="a0", start=s0.start, end=s0.end), b=Span(article_id="a1", start=s1.start, end=s1.end),
    )
    lineage = {"a0": "L0", "a1": "L0", "a2": "L2"}
    cited = lambda reused: {(c.sentence.article_id, c.sentence.index) for c in choose_lines(arts, sents, [al], lineage, 6, Told(reused=reused))}
    assert ("a1", 0) in cited(frozenset())  # the copy's opening line would lead
    known = Derivation(derived_id="a1", source_id="a0", relation="rewrite", share=0.8, direction="known")
    reused = reused_lines([al], [known])
    assert reused == {("a1", s1.start)}
    assert ("a1", 0) not in cited(reused) and ("a0", 3) in cited(reused)  # the source's own line stands for it
    # direction unknown: nothing is set aside, neither text is known to be the copy
    unknown = Derivation(derived_id="a1", source_id="a0", relation="rewrite", share=0.8, direction="unknown")
    assert reused_lines([al], [unknown]) == frozenset()


def test_a_line_that_turns_on_the_one_before_it_is_not_used():
    arts = _story(
        "The study of 3,000 patients found the vaccine prevented most hospital stays over six months. "
        "Still, protection against mild infection faded quickly after the second month, the authors said.",
        "Researchers reported on Monday that a vaccine kept most patients out of hospital for half a year.",
    )
    sents = {a.id: segment_article(a) for a in arts}
    texts = [c.sentence.text for c in choose_lines(arts, sents, (), {a.id: a.id for a in arts}, 4)]
    assert texts and not any(t.startswith("Still,") for t in texts)


def test_a_co_cited_outlet_states_the_shown_line_whole():
    # Two tellings of one claim; one adds a detail. The shown telling is the one the other outlet states whole.
    arts = _story(
        "The Lowmere council approved the new Roe bridge on Monday, ending a long fight over its cost and its route "
        "through the old harbour district. Work will begin in the spring.",
        "The Lowmere council approved the new Roe bridge on Monday. Critics of its cost and its harbour route "
        "plan to appeal the decision in court.",
    )
    sents = {a.id: segment_article(a) for a in arts}
    from storyledger.align import align_story
    from storyledger.reconcile.salience import content_units

    als = align_story(arts, sents)
    lineage = {a.id: a.id for a in arts}
    lines = choose_lines(arts, sents, als, lineage, 4)
    cited = [c for c in lines if c.support]
    assert cited, lines
    for c in cited:
        for other in c.support:
            assert content_units(c.sentence.text) <= content_units(other.text), (c.sentence.text, other.text)
