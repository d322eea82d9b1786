"""Tests for storyledger.reconcile.toll_checks and the toll lines they guard: a count told, and set beside
another, only where its own words tell the harm, of the same kind of people."""

from __future__ import annotations

import pytest

from storyledger.extract import extract_figures
from storyledger.present.report import toll_dict, toll_line
from storyledger.reconcile.brief import check_faithful
from storyledger.reconcile.toll import story_toll, toll_lines, toll_timeline
from storyledger.reconcile.toll_checks import consistent, counted_kind, harm_label, sentence_bounds, tells_harm
from storyledger.records import Article, ArticleFacts, Citation, Figure, HarmToll, StoryToll, TollReport
from storyledger.text import segment_article


def _story(*texts: str, dated: bool = False):
    arts = [Article(id=f"a{i}", source=f"Outlet {i}", text=t, published=f"2024-05-0{i + 1}" if dated else None)
            for i, t in enumerate(texts)]
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
    sents = {a.id: segment_article(a) for a in arts}
    toll = story_toll(arts, facts, sentences=sents)
    lines = toll_lines(toll, arts, sents, figures={k: v.figures for k, v in facts.items()})
    return arts, facts, toll, lines


def _fig(text: str, words: str, value: float, key: str = "killed:people", **kw) -> Figure:
    at = text.index(words)
    return Figure(article_id="a", start=at, end=at + len(words), value=value, key=key, **kw)


# -- the checks --------------------------------------------------------------------------------


def test_counted_kind_is_the_role_else_people() -> None:
    assert counted_kind(Figure(article_id="a", start=0, end=1, value=3, key="killed:soldier")) == "soldier"
    assert counted_kind(Figure(article_id="a", start=0, end=1, value=3, key="killed:police")) == "police"
    for key in ("killed:people", "killed:man", "killed:teen", None):
        assert counted_kind(Figure(article_id="a", start=0, end=1, value=3, key=key)) == "people"


@pytest.mark.parametrize(("fig", "value", "qualifier", "held"), [
    (Figure(article_id="a", start=0, end=1, value=2), 1, "at_least", True),  # "at least one" holds 2
    (Figure(article_id="a", start=0, end=1, value=100, low=100, high=999, qualifier="range"), 187, "exact", True),
    (Figure(article_id="a", start=0, end=1, value=12, low=12, high=99, qualifier="range"), 187, "exact", False),
    (Figure(article_id="a", start=0, end=1, value=3), 2, "exact", False),
    (Figure(article_id="a", start=0, end=1, value=1, qualifier="at_least"), 2, "exact", False),  # an earlier count
])
def test_consistent_values_are_one_count(fig: Figure, value: int, qualifier: str, held: bool) -> None:
    assert consistent(fig, value, qualifier) is held


@pytest.mark.parametrize(("text", "words", "harm", "tells"), [
    ("Eighty people have been killed in the blasts at the Lowmere airport.", "Eighty people", "killed", True),
    # a number in words, in a sentence cut off later: the number's own clause tells it
    ("The blasts hit the crowd Eighty people have been killed - mostly civilians and the...", "Eighty people", "killed",
     True),
    ("Militants fired on the crowd in Lowmere, killing at least one person.", "at least one person", "killed", True),
    ("The strikes on Ostravia have left hundreds dead, officials said.", "hundreds", "killed", True),
    ("At least 38 people, among them 12 children, died in the floods.", "At least 38 people", "killed", True),
    ("Four people were wounded in the attack on the Norland market.", "Four people", "injured", True),
    # read across a clause: the count is of protesters, not of the dead
    ("The officer who killed a man in Lowmere, prompted hundreds to protest.", "hundreds", "killed", False),
    # a member of a group counted elsewhere: "one of 11"
    ("Jo Roe, 20, was one of 11 Norland soldiers killed by the bomber.", "one", "killed", False),
    # an increment, not a toll
    ("A spokesperson said an additional service member died since the general spoke.", "an", "killed", False),
    ("Five more people died overnight in the Lowmere hospital.", "Five more people", "killed", False),
    # an age after "dead at", not a count
    ("Former Norland minister Jo Roe dead at 91", "91", "killed", False),
])
def test_tells_harm_reads_the_figure_in_its_clause(text: str, words: str, harm: str, tells: bool) -> None:
    assert tells_harm(text, _fig(text, words, 1), harm) is tells


@pytest.mark.parametrize(("text", "tells"), [
    ("A man was fatally shot outside a bar in Lowmere on Friday.", True),
    ("Jo Roe, 25, died at the hospital on Friday night.", True),  # a place where the harmed die
    ("Jo Roe died of his wounds on Friday.", True),
    # a death told, no harm: an illness, a natural death
    ("Jo Roe, the former mayor of Lowmere, died on Monday of heart failure, his family said.", False),
    ("Jo Roe, who served in the Ostravia war, died June 3, three months into the pandemic.", False),
    ("Pin-up icon Jo Roe succumbed to complications from a heart attack suffered weeks earlier.", False),
    ("Jo Roe died at a Lowmere hospital after a long illness, her agent said.", False),
    # an illness word beside a weapon or an injury: still a death of harm
    ("Jo Roe, shot in the lung on Friday, died at the hospital of complications.", True),
    ("Jo Roe died in the attack on the Lowmere barracks.", True),
    # a sentence cut off: what it tells is unknown
    ("Kim Roe said he now blames the president for the death of his 20-year-old...", False),
])
def test_a_count_named_without_a_number_needs_a_whole_sentence_of_harm(text: str, tells: bool) -> None:
    f = Figure(article_id="a", start=0, end=1, value=1, key="killed:person")
    assert tells_harm(text, f, "killed") is tells


def test_harm_label_follows_the_words_of_the_count() -> None:
    t = "At least 38 people died in Ostravia and two men were shot dead in Lowmere."
    assert harm_label(t, _fig(t, "At least 38 people", 38), "killed") == "Deaths"
    assert harm_label(t, _fig(t, "two men", 2), "killed") == "Killed"
    assert harm_label(t, _fig(t, "two men", 2, key="injured:people"), "injured") == "Injured"
    s = "A man was killed in Lowmere. A woman died at the hospital."
    assert harm_label(s, Figure(article_id="a", start=29, end=30, value=1), "killed", (29, len(s))) == "Deaths"


def test_sentence_bounds_hold_the_position() -> None:
    t = "The mayor spoke. A man was killed in Lowmere on Friday. Police are searching."
    lo, hi = sentence_bounds(t, t.index("man"))
    assert t[lo:hi] == "A man was killed in Lowmere on Friday."


# -- the toll and its lines --------------------------------------------------------------------


def test_a_named_death_of_illness_gets_no_toll_line() -> None:
    arts, _, toll, lines = _story(
        "Jo Roe, a Norland army veteran who served in the Ostravia war, died June 3, three months into the "
        "pandemic. He was buried in Lowmere.")
    assert toll is not None and toll.killed.value == 1  # the count is kept as the tally reads it
    assert lines == ()
    assert toll.killed.told is False  # and the report's one-line toll does not show it either
    assert toll_line({"toll": toll_dict(toll)}) is None


def test_a_count_told_in_words_of_harm_is_shown_in_the_report_line() -> None:
    _, _, toll, _ = _story("Two men were killed in a shooting in Lowmere on Friday, police said.")
    assert toll is not None and toll.killed.told is True
    assert toll_line({"toll": toll_dict(toll)}) == "Killed: 2" and toll.killed.label == "Killed"


def test_reports_differ_only_between_counts_of_the_same_kind_of_people() -> None:
    _, _, toll, lines = _story(
        "Jo Roe, a Norland army veteran who served in the Ostravia war, died June 3, three months into the "
        "pandemic. He was buried in Lowmere.",
        "Historians say the custom began with families honoring the 3,000 Norland soldiers who died in the war. "
        "The ceremonies drew crowds.")
    assert toll is not None and toll.killed.value == 1
    assert not toll.killed.disagreeing  # 3,000 soldiers are no other count of one veteran's death
    assert not any("differ" in b.text for b in lines)


def test_a_count_held_by_an_at_least_toll_does_not_differ() -> None:
    arts, facts, _, _ = _story("Militants broke up a protest in Lowmere on Wednesday, killing at least one person.",
                               "Local media report the militants fired on the crowd, killing 2 and injuring others.")
    f0 = next(f for f in facts["a0"].figures if f.key.startswith("killed"))
    f1 = next(f for f in facts["a1"].figures if f.key.startswith("killed"))
    reports = (TollReport(article_id="a0", value=1, citations=(Citation(article_id="a0", start=f0.start, end=f0.end),)),
               TollReport(article_id="a1", value=2, citations=(Citation(article_id="a1", start=f1.start, end=f1.end),)))
    toll = StoryToll(killed=HarmToll(value=1, qualifier="at_least", disagreeing=True, reports=reports),
                     injured=HarmToll(value=0))
    sents = {a.id: segment_article(a) for a in arts}
    lines = toll_lines(toll, arts, sents, figures={k: v.figures for k, v in facts.items()})
    assert lines and not any("differ" in b.text for b in lines)  # 2 is no other count than "at least one"


def test_a_member_of_a_group_is_not_told_as_the_toll() -> None:
    _, _, toll, lines = _story("Jo Roe, 20, of Lowmere, was one of 11 Norland soldiers killed by a suicide bomber "
                               "outside the airport on Thursday.")
    # "one" of the group is no count (extract/figures/filters.py): the toll is the group's
    assert toll is not None and toll.killed.value == 11 and toll.killed.told is True
    assert [b.text for b in lines] == ["Killed: 11 Norland soldiers"]


def test_a_death_told_as_died_is_labelled_deaths() -> None:
    arts, _, toll, lines = _story("At least 38 people died in the floods that swept through Ostravia on Monday, "
                                  "officials said.")
    assert toll is not None and toll.killed.value == 38
    assert [b.text for b in lines] == ["Deaths: At least 38 people"]
    assert check_faithful(lines, arts) == []
    assert toll.killed.label == "Deaths"  # and the report's one-line toll says it the same way
    assert toll_line({"toll": toll_dict(toll)}).startswith("Deaths: ")


def test_an_earlier_count_of_other_people_is_no_update() -> None:
    arts, _, toll, lines = _story(
        "Two Norland soldiers were killed in the ambush near Lowmere on Friday, the army said.",
        "Five people were killed in the ambush near Lowmere on Friday, officials said on Saturday.", dated=True)
    assert toll is not None and toll.killed.value == 5
    # the soldiers are a part of those killed, not an earlier count of them
    assert not toll.killed.updated and not toll.killed.disagreeing
    assert [b.text for b in lines] == ["Killed: Five people"]
    assert toll_timeline(toll, arts, {a.id: segment_article(a) for a in arts}) == ()


def test_the_hospitalised_are_injured_only_beside_a_harm() -> None:
    ill = "Three researchers at the Norland institute fell ill and were hospitalized in November."
    hurt = "Three people were hospitalized after the shooting in Lowmere on Friday."
    for text, told in ((ill, False), (hurt, True)):
        f = Figure(article_id="a", start=0, end=5, value=3, key="injured:people")
        assert tells_harm(text, f, "injured") is told


def test_a_count_named_by_its_deadly_event_alone_is_not_told() -> None:
    text = "The committee will give a full accounting of what happened during the deadly attack in Lowmere."
    at = text.index("deadly")
    f = Figure(article_id="a", start=at, end=at + len("deadly attack"), value=1, key="killed:victim")
    assert not tells_harm(text, f, "killed")
    man = "A man was killed in the deadly attack in Lowmere."
    assert tells_harm(man, Figure(article_id="a", start=0, end=5, value=1, key="killed:man"), "killed")


def test_a_death_one_report_of_three_recalls_is_no_toll_of_the_story() -> None:
    arts = [Article(id="a", text="The Norland senate passed the budget on Monday after a long debate.", published="2024-05-03"),
            Article(id="b", text="Norland's senators passed the budget, days after a jury found Jo Roe guilty of killing "
                                 "two men in Lowmere.", published="2024-05-03"),
            Article(id="c", text="The budget passed the Norland senate on Monday, officials said.", published="2024-05-03")]
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
    toll = story_toll(arts, facts)
    assert toll is None or not toll.killed.told
    two = arts[1:2] + [Article(id="d", text="Two men were killed in Lowmere, police said.", published="2024-05-04")]
    facts2 = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in two}
    toll2 = story_toll(two, facts2)
    assert toll2 is not None and toll2.killed.value == 2 and toll2.killed.told
