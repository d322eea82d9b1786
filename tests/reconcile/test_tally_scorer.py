"""Tests for storyledger.reconcile.tally_scorer: the story's count chosen over its reports' candidates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.extract import Tally, extract_figures, load_tally_model, report_tally
from storyledger.extract.figures.tally import FEATURES
from storyledger.reconcile import story_tally
from storyledger.reconcile.tally_scorer import (
    STORY_FEATURES,
    ReportView,
    check_scorer,
    fit_story_scorer,
    report_view,
    score_story,
    story_candidates,
    precise_within,
    telling_views,
)
from storyledger.records import Article, ArticleFacts

TEXTS = [
    "A man was shot and killed in Lowmere on Friday night, police said.",
    "Six people were shot, one fatally, outside a Lowmere bar early Sunday.",
    "Two people were killed and three were wounded in a shooting in Ostravia on Monday.",
    "The Norland council met on Tuesday to discuss the new library budget.",
]


def view(aid: str, published: str, killed: int, injured: int, k_cands: dict[int, float],
         i_cands: dict[int, float] | None = None, k_ranges: dict | None = None) -> ReportView:
    """A hand-made view: candidate values with their scores (feature rows of zeros)."""
    def cands(d: dict[int, float]):
        values = tuple(d)
        return values, tuple(tuple(0.0 for _ in FEATURES) for _ in values), tuple(d.values())
    return ReportView(article_id=aid, published=published, tally=Tally(killed=killed, injured=injured),
                      candidates={"killed": cands(k_cands), "injured": cands(i_cands or {0: 1.0})},
                      ranges={"killed": k_ranges or {}, "injured": {}})


@pytest.mark.parametrize("text", TEXTS)
def test_a_reports_view_counts_as_the_report_scorer_does(text: str) -> None:
    a = Article(id="a", text=text, title="Shooting in Lowmere")
    figs = extract_figures(a)
    v = report_view(a, figs, load_tally_model())
    assert v.tally == report_tally(a, figs)
    assert v.tally.killed in v.candidates["killed"][0]
    assert v.tally.injured in v.candidates["injured"][0]


def test_story_candidates_hold_zero_every_pick_and_one_row_per_value() -> None:
    views = [view("a", "2024-05-03", 1, 0, {0: -2.0, 1: 1.5}), view("b", "2024-05-04", 2, 0, {0: -2.0, 2: 0.5, 5: -3.0})]
    values, rows = story_candidates(views, "killed")
    assert values == [0, 1, 2, 5]
    assert all(len(r) == len(STORY_FEATURES) for r in rows)
    feats = dict(zip(STORY_FEATURES, rows[values.index(2)]))
    assert feats["latest_pick"] == 1.0 and feats["earliest_pick"] == 0.0 and feats["largest_pick"] == 1.0
    assert feats["pick_share"] == 0.5
    assert dict(zip(STORY_FEATURES, rows[values.index(5)]))["pick_share"] == 0.0


def test_a_report_silent_on_a_harm_abstains_from_the_weighing() -> None:
    told = [view("a", "2024-05-03", 200, 0, {0: -3.0, 200: -1.5}), view("c", "2024-05-05", 200, 0, {0: -3.0, 200: -1.5})]
    silent = view("b", "2024-05-04", 0, 0, {0: 2.5})
    with_silent = dict(zip(*story_candidates([*told, silent], "killed")))
    without = dict(zip(*story_candidates(told, "killed")))
    at = STORY_FEATURES.index("mean_p")
    assert with_silent[200][at] == pytest.approx(without[200][at])
    assert with_silent[200][STORY_FEATURES.index("top_p")] == 1.0
    assert with_silent[0][STORY_FEATURES.index("silent_share")] == pytest.approx(1 / 3)


def test_the_wounded_who_died_later_are_the_storys_killed_not_its_injured() -> None:
    # Early: none killed, one critically wounded; later: one killed, none wounded.
    views = [view("a", "2024-05-03", 0, 1, {0: 1.0}, {0: -1.0, 1: 1.0}),
             view("b", "2024-05-05", 1, 0, {0: -1.0, 1: 1.0}, {0: 1.0})]
    values, rows = story_candidates(views, "injured", killed=1)
    died = {v: r[STORY_FEATURES.index("died_later")] for v, r in zip(values, rows)}
    assert died[0] == 1.0 and died[1] == 0.0
    _, rows = story_candidates(views, "injured")  # the story's killed unknown: no such reading
    assert all(r[STORY_FEATURES.index("died_later")] == 0.0 for r in rows)


def _stories() -> list[tuple[list[ReportView], Tally]]:
    """Stories whose known count is always the latest report's."""
    out = []
    for n in range(1, 7):
        views = [view("a", "2024-01-01", n, 1, {0: -1.0, n: 0.5}, {0: -1.0, 1: 0.5}),
                 view("b", "2024-01-03", n + 1, 0, {0: -1.0, n + 1: 0.2}, {0: 0.5, 1: -1.0})]
        out.append((views, Tally(killed=n + 1, injured=n % 2)))
        out.append(([view("c", "2024-01-01", 0, 0, {0: 1.0}), view("d", "2024-01-02", 0, 0, {0: 1.0, 3: -2.0})],
                     Tally(killed=0, injured=0)))
    return out


def test_fit_story_scorer_learns_what_the_known_counts_follow() -> None:
    scorer = fit_story_scorer(_stories())
    assert check_scorer(scorer)
    views = [view("x", "2024-02-01", 4, 0, {0: -1.0, 4: 0.5}), view("y", "2024-02-03", 5, 0, {0: -1.0, 5: 0.2})]
    assert score_story(views, scorer).killed == 5


def test_fit_story_scorer_needs_hits_and_misses() -> None:
    with pytest.raises(ValueError, match="needs stories"):
        fit_story_scorer([([view("a", "", 0, 0, {0: 1.0})], Tally(killed=0, injured=0))])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=1, max_size=5))
def test_the_storys_count_is_one_of_its_candidates(counts: list[tuple[int, int]]) -> None:
    views = [view(f"r{i}", f"2024-01-0{i + 1}", k, j, {0: 0.0, k: 1.0}, {0: 0.0, j: 1.0}) for i, (k, j) in enumerate(counts)]
    scorer = load_tally_model()["story_scorer"]
    t = score_story(views, scorer)
    assert t.killed in story_candidates(views, "killed")[0]
    assert t.injured in story_candidates(views, "injured", t.killed)[0]


def test_a_war_toll_two_reports_give_is_the_storys_though_a_third_says_nothing_of_deaths() -> None:
    arts = [Article(id="a", text="At least 200 people were killed in the Norland offensive, officials said.", published="2024-05-03"),
            Article(id="b", text="Thousands of residents fled Norland on Tuesday as the border opened.", published="2024-05-04"),
            Article(id="c", text="The offensive killed at least 200 people, Norland officials said on Wednesday.", published="2024-05-05")]
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
    assert story_tally(arts, facts).killed == 200


def test_the_shipped_model_holds_a_story_scorer_and_a_broken_one_falls_back_to_the_policies() -> None:
    model = load_tally_model()
    assert check_scorer(model["story_scorer"])
    arts = [Article(id="a", text=TEXTS[0]), Article(id="b", text=TEXTS[2])]
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
    broken = {**model, "story_scorer": {"killed": {"features": ["old"]}}, "story": {"killed": "largest", "injured": "largest"}}
    assert not check_scorer(broken["story_scorer"])
    t = story_tally(arts, facts, broken)
    assert t.killed == max(r.killed for _, r in t.reports)


def test_a_story_of_one_report_counts_as_its_report() -> None:
    lone = view("a", "2024-05-03", 3, 2, {0: 0.5, 3: 0.4}, {0: 0.9, 2: 0.1})
    assert score_story([lone], load_tally_model()["story_scorer"]) == Tally(killed=3, injured=2)


def test_a_report_silent_on_both_harms_abstains_from_the_story() -> None:
    told = view("a", "2024-05-03", 4, 0, {0: -3.0, 4: 1.5})
    silent = [view("b", "2024-05-04", 0, 0, {0: 2.5}), view("c", "2024-05-05", 0, 0, {0: 2.5})]
    assert telling_views([told, *silent]) == [told]
    assert score_story([told, *silent], load_tally_model()["story_scorer"]) == Tally(killed=4, injured=0)
    # a report telling only the injured still speaks (its silence on the killed is news)
    hurt = view("d", "2024-05-04", 0, 3, {0: 1.0}, {0: -1.0, 3: 1.0})
    assert telling_views([told, hurt, *silent]) == [told, hurt]
    assert telling_views(silent) == silent  # all silent: all stay, the count is 0
    assert score_story(silent, load_tally_model()["story_scorer"]) == Tally(killed=0, injured=0)


def test_a_toll_one_report_gives_is_the_storys_when_the_others_speak_only_of_politics() -> None:
    arts = [Article(id="a", text="Lawmakers in Norland debated the budget for the border agency on Monday.", published="2024-05-03"),
            Article(id="b", text="At least 317 people died in the Ostravia floods, officials said on Tuesday.", published="2024-05-04"),
            Article(id="c", text="The Norland senate voted on Wednesday to send aid to Ostravia.", published="2024-05-05")]
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
    assert story_tally(arts, facts).killed == 317


def test_a_precise_count_inside_a_vague_one_is_the_storys() -> None:
    vague = view("a", "2024-05-03", 100, 0, {0: -3.0, 100: 1.0}, k_ranges={100: (100.0, 999.0)})
    precise = view("b", "2024-05-03", 187, 0, {0: -3.0, 187: 0.9})
    assert precise_within([vague, precise], "killed", 100) == 187
    assert precise_within([vague, precise], "killed", 187) == 187  # a precise pick stays
    outside = view("c", "2024-05-03", 12, 0, {0: -3.0, 12: 0.9})
    assert precise_within([vague, outside], "killed", 100) == 100  # 12 is not "hundreds"
    exact = view("d", "2024-05-04", 100, 0, {0: -3.0, 100: 1.0})
    assert precise_within([vague, exact, precise], "killed", 100) == 100  # another report says exactly 100


def test_a_vague_toll_gives_way_to_the_precise_one_in_a_story() -> None:
    arts = [Article(id="a", text="Air strikes have left hundreds dead in the Norland region, officials said.",
                    published="2024-05-17"),
            Article(id="b", text="The fighting has caused at least 187 deaths in the Norland region, officials said.",
                    published="2024-05-17")]
    facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
    views = [report_view(a, facts[a.id].figures, load_tally_model()) for a in arts]
    assert views[0].ranges["killed"] == {100: (100.0, 999.0)} and views[1].ranges["killed"] == {}
    assert story_tally(arts, facts).killed == 187
