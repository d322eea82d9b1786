"""Tests for storyledger.reconcile.toll_figures: the story's toll on top of its reconciled figures."""

from __future__ import annotations

from storyledger.extract import extract_figures
from storyledger.reconcile import reconcile_figures
from storyledger.reconcile.toll import story_toll
from storyledger.reconcile.toll_figures import toll_group, toll_on_figures
from storyledger.records import (
    Article,
    ArticleFacts,
    Citation,
    Figure,
    FigureGroup,
    FigureValue,
    HarmToll,
    StoryToll,
    TollReport,
)


def facts_of(arts: list[Article]) -> dict[str, ArticleFacts]:
    return {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}


def fig(aid: str, start: int, value: float, key: str = "killed:people", event: str = "story") -> Figure:
    return Figure(article_id=aid, start=start, end=start + 5, value=value, key=key, event=event)


def group(gid: str, *figs: Figure, status: str = "single_source") -> FigureGroup:
    return FigureGroup(id=gid, label=gid, unit=None, status=status, order="dated", independent_sources=len(figs),
                       current=FigureValue(value=figs[-1].value), reports=figs)


def toll(value: int, *figs: Figure, disagreeing: bool = False) -> HarmToll:
    reports = tuple(TollReport(article_id=f.article_id, value=int(f.value),
                               citations=(Citation(article_id=f.article_id, start=f.start, end=f.end),)) for f in figs)
    return HarmToll(value=value, disagreeing=disagreeing, reports=reports)


def test_the_toll_group_leads_and_carries_the_tolls_value() -> None:
    early, late = fig("a", 0, 1), fig("b", 10, 3)
    fled = group("fled", fig("a", 40, 900, key="fled:people"))
    killed = group("killed", early, late, status="conflicting")
    out = toll_on_figures([fled, killed], StoryToll(killed=toll(3, early, late), injured=HarmToll(value=0)))
    assert [g.id for g in out] == ["killed", "fled"]
    assert out[0].current.value == 3
    assert out[0].status == "updated"  # the other count is lower: an earlier state, not a conflict
    assert out[1] == fled


def test_a_higher_count_elsewhere_keeps_the_conflict() -> None:
    low, high = fig("a", 0, 2), fig("b", 10, 7)
    killed = group("killed", low, high, status="conflicting")
    out = toll_on_figures([killed], StoryToll(killed=toll(2, low), injured=HarmToll(value=0)))
    assert out[0].status == "conflicting" and out[0].current.value == 2
    disputed = toll_on_figures([group("k", fig("a", 0, 1), fig("b", 10, 3), status="conflicting")],
                               StoryToll(killed=toll(3, fig("b", 10, 3), disagreeing=True), injured=HarmToll(value=0)))
    assert disputed[0].status == "conflicting"


def test_another_events_figures_are_never_the_tolls_group() -> None:
    other = fig("a", 50, 49, event="other")
    groups = [group("past", other)]
    assert toll_group(groups, "killed", toll(49, other)) is None
    assert toll_on_figures(groups, StoryToll(killed=toll(49, other), injured=HarmToll(value=0))) == tuple(groups)


def test_no_toll_or_an_uncited_toll_leaves_the_figures_as_they_are() -> None:
    groups = [group("killed", fig("a", 0, 2))]
    assert toll_on_figures(groups, None) == tuple(groups)
    headline_only = HarmToll(value=2, reports=(TollReport(article_id="a", value=2, headline=True),))
    assert toll_on_figures(groups, StoryToll(killed=headline_only, injured=HarmToll(value=0))) == tuple(groups)


def test_injured_tolls_take_wounded_and_hurt_groups_and_come_after_the_killed() -> None:
    hurt, dead = fig("a", 0, 4, key="hurt:people"), fig("a", 20, 1)
    groups = [group("hurt", hurt), group("dead", dead)]
    out = toll_on_figures(groups, StoryToll(killed=toll(1, dead), injured=toll(4, hurt)))
    assert [g.id for g in out] == ["dead", "hurt"]


def test_undated_reports_of_a_rising_toll_are_an_update_with_the_toll_on_top() -> None:
    arts = [Article(id="a", text="One person was killed in a shooting in Lowmere on Friday."),
            Article(id="b", text="Two people were killed in the shooting in Lowmere on Friday, police said.")]
    facts = facts_of(arts)
    alone = reconcile_figures(arts, facts)
    assert alone[0].status == "conflicting"
    t = story_toll(arts, facts)
    assert t is not None and (t.killed.value, t.killed.updated, t.killed.earlier) == (2, True, 1)
    lead = toll_on_figures(alone, t)[0]
    assert (lead.status, lead.current.value) == ("updated", 2)


def test_a_recalled_massacre_stays_context_and_the_storys_toll_leads() -> None:
    arts = [Article(id="a", published="2024-05-03", text="Two people were killed in a shooting at a Lowmere bar on "
                    "Saturday. In 2016 a gunman killed 49 people at a club in Ostravia."),
            Article(id="b", published="2024-05-04", text="Two men were killed in the Saturday shooting at a Lowmere bar, police said.")]
    facts = facts_of(arts)
    out = toll_on_figures(reconcile_figures(arts, facts), story_toll(arts, facts))
    assert out[0].current.value == 2
    past = [g for g in out if any(f.value == 49 for f in g.reports)]
    assert past and all(f.event == "other" for g in past for f in g.reports)
    assert all(g.current.value != 49 for g in out if any(f.event == "story" for f in g.reports))


def test_a_victim_critically_wounded_who_later_died_is_killed_not_injured() -> None:
    arts = [Article(id="a", text="A man was shot and critically wounded in Lowmere on Friday night, police said.",
                    published="2024-05-03"),
            Article(id="b", text="The man who was shot in Lowmere on Friday night has died, police said on Sunday.",
                    published="2024-05-05")]
    t = story_toll(arts, facts_of(arts))
    assert t is not None and (t.killed.value, t.injured.value) == (1, 0)
