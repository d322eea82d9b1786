"""Tests for reconcile: grouping, statuses, independence, order, policies, quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.errors import ConfigError
from storyledger.records import Article, ArticleFacts, Derivation, Figure, FigureValue, Quote
from storyledger.reconcile.figures import compatible, lineages, reconcile_figures
from storyledger.reconcile.quotes import story_quotes


def art(aid: str, text: str, published: str | None = None) -> Article:
    return Article(id=aid, text=text, published=published)


def fig(a: Article, phrase: str, value: float, qualifier: str = "exact", *, unit="people", pred="killed",
        low=None, high=None, nth: int = 0) -> Figure:
    i = -1
    for _ in range(nth + 1):
        i = a.text.index(phrase, i + 1)
    return Figure(article_id=a.id, start=i, end=i + len(phrase), value=value, qualifier=qualifier, unit=unit,
                  predicate=pred, key=pred, low=low, high=high)


def facts(*figs: Figure) -> dict[str, ArticleFacts]:
    by: dict[str, list[Figure]] = {}
    for f in figs:
        by.setdefault(f.article_id, []).append(f)
    return {k: ArticleFacts(article_id=k, figures=tuple(v)) for k, v in by.items()}


def only(groups):
    assert len(groups) == 1, [g.label for g in groups]
    return groups[0]


def test_hedged_values_agree_by_the_stated_convention():
    assert compatible(FigureValue(value=100_000, qualifier="more_than"), FigureValue(value=100_417))
    assert compatible(FigureValue(value=120_000, qualifier="about"), FigureValue(value=120_000))
    assert compatible(FigureValue(value=100_000), FigureValue(value=100_417))  # a round number stands for a count
    assert compatible(FigureValue(value=12, low=12, high=99, qualifier="range"), FigureValue(value=58))
    assert not compatible(FigureValue(value=58, qualifier="at_least"), FigureValue(value=72, qualifier="at_least"))
    assert not compatible(FigureValue(value=30_000, qualifier="about"), FigureValue(value=100_000, qualifier="more_than"))
    assert not compatible(FigureValue(value=68), FigureValue(value=170))


def test_corroborated_by_two_independent_sources():
    a = art("a", "More than 100,000 people have fled the region, officials said.")
    b = art("b", "The number of people who fled reached 100,417, a spokeswoman said.")
    g = only(reconcile_figures([a, b], facts(fig(a, "More than 100,000", 100_000, "more_than", pred="fled"),
                                             fig(b, "100,417", 100_417, pred="fled"))))
    assert g.status == "corroborated"
    assert g.independent_sources == 2
    assert g.current.value == 100_417  # the most precise of the agreeing values


def test_copy_is_not_independent_corroboration():
    a = art("a", "At least 200 people were killed as the army swept in.")
    b = art("b", "As the army advanced, at least 200 individuals were dead.")
    f = facts(fig(a, "At least 200", 200, "at_least"), fig(b, "at least 200", 200, "at_least", unit="individuals"))
    rewrite = Derivation(derived_id="b", source_id="a", relation="rewrite", share=0.9)
    g = only(reconcile_figures([a, b], f, [rewrite]))
    assert g.status == "single_source" and g.independent_sources == 1
    g = only(reconcile_figures([a, b], f, []))
    assert g.status == "corroborated" and g.independent_sources == 2


def test_lineages_are_transitive():
    d = [Derivation(derived_id="b", source_id="a", relation="copy", share=1.0),
         Derivation(derived_id="c", source_id="b", relation="common_lineage", share=0.4)]
    m = lineages(["a", "b", "c", "d"], d)
    assert m["a"] == m["b"] == m["c"] != m["d"]


def test_dated_update_keeps_the_later_value_current():
    a = art("a", "On Monday an explosion at a fuel depot killed at least 68 people.", "2023-09-26")
    b = art("b", "At least 170 people were killed in the explosion at a fuel depot.", "2023-09-30")
    g = only(reconcile_figures([b, a], facts(fig(a, "at least 68", 68, "at_least"), fig(b, "At least 170", 170, "at_least"))))
    assert (g.status, g.order) == ("updated", "dated")
    assert g.current.value == 170


def test_same_day_independent_values_conflict():
    a = art("a", "The strike killed at least 58 people, a monitor said.", "2017-04-04")
    b = art("b", "At least 72 people were killed in the strike, medics said.", "2017-04-04")
    g = only(reconcile_figures([a, b], facts(fig(a, "at least 58", 58, "at_least"), fig(b, "At least 72", 72, "at_least"))))
    assert g.status == "conflicting"
    assert (g.current.low, g.current.high) == (58, 72)


def test_single_report_is_single_source():
    a = art("a", "Nearly 300 people were injured.")
    g = only(reconcile_figures([a], facts(fig(a, "Nearly 300", 300, "about", pred="injured"))))
    assert g.status == "single_source" and g.independent_sources == 1


def test_undated_independent_growth_alone_is_not_an_order():
    a = art("a", "The strike killed 58 people.")
    b = art("b", "The strike killed 72 people.")
    g = only(reconcile_figures([a, b], facts(fig(a, "58", 58), fig(b, "72", 72))))
    assert g.status == "conflicting" and g.order == "unknown"


def test_undated_order_inferred_from_several_running_totals():
    a = art("a", "Nearly 30,000 people have fled. On Monday an explosion killed at least 68 people. On Tuesday aid came.")
    b = art("b", "More than 100,000 people have fled. At least 170 people died in the explosion. On Saturday the last left.")
    f = facts(fig(a, "Nearly 30,000", 30_000, "about", pred="fled"), fig(a, "at least 68", 68, "at_least"),
              fig(b, "More than 100,000", 100_000, "more_than", pred="fled"), fig(b, "At least 170", 170, "at_least"))
    groups = {g.label: g for g in reconcile_figures([b, a], f)}
    fled, dead = groups["people fled"], groups["people killed in explosion"]
    for g in (fled, dead):
        assert (g.status, g.order) == ("updated", "inferred")
        assert "inferred" in g.note and "confidence" in g.note
    assert fled.current.value == 100_000 and dead.current.value == 170


def test_different_events_are_different_facts():
    a = art("a", "At least 200 people were killed in the offensive. Separately, at least 170 people were killed in an explosion.")
    b = art("b", "An explosion killed 170 people.")
    f = facts(fig(a, "At least 200", 200, "at_least"), fig(a, "at least 170", 170, "at_least"), fig(b, "170", 170))
    groups = reconcile_figures([a, b], f)
    assert len(groups) == 2
    by_label = {g.label: g for g in groups}
    assert by_label["people killed in explosion"].status == "corroborated"
    assert by_label["people killed in offensive"].status == "single_source"


def test_children_are_not_people_in_general():
    a = art("a", "The attack killed 58 people including 11 children.")
    b = art("b", "The attack killed 58 people.")
    f = facts(fig(a, "58", 58), fig(a, "11", 11, unit="children"), fig(b, "58", 58))
    statuses = sorted(g.status for g in reconcile_figures([a, b], f))
    assert statuses == ["corroborated", "single_source"]


@pytest.mark.parametrize(
    ("policy", "value", "low", "high"),
    [("latest", 100_417, None, None), ("conservative", 100_000, None, None), ("range", 100_417, 100_000, 100_417)],
)
def test_policies(policy, value, low, high):
    a = art("a", "Nearly 30,000 people have fled.", "2023-09-26")
    b = art("b", "More than 100,000 people have fled; the count reached 100,417.", "2023-09-30")
    f = facts(fig(a, "Nearly 30,000", 30_000, "about", pred="fled"),
              fig(b, "More than 100,000", 100_000, "more_than", pred="fled"), fig(b, "100,417", 100_417, pred="fled"))
    g = only(reconcile_figures([a, b], f, policy=policy))
    assert g.status == "updated"
    assert (g.current.value, g.current.low, g.current.high) == (value, low, high)


def test_unknown_policy_is_a_config_error():
    with pytest.raises(ConfigError):
        reconcile_figures([], {}, policy="newest")


def test_ids_are_content_derived_and_bad_records_are_skipped():
    a = art("a", "Five people died.")
    bad = Figure(article_id="a", start=0, end=999, value=5, unit="people", predicate="killed", key="killed")
    assert reconcile_figures([a], facts(bad)) == ()
    f = facts(fig(a, "Five", 5))
    assert reconcile_figures([a], f)[0].id == reconcile_figures([a], f)[0].id


_QUALS = st.sampled_from(["exact", "about", "at_least", "more_than", "at_most", "less_than"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5000), _QUALS), min_size=2, max_size=5))
def test_without_dates_different_values_are_never_corroborated(reports):
    arts, figs = [], []
    for i, (v, q) in enumerate(reports):
        a = art(f"a{i}", f"Officials said {v} people were killed.")
        arts.append(a)
        figs.append(fig(a, str(v), v, q))
    g = only(reconcile_figures(arts, facts(*figs)))
    agree = all(compatible(x, y) for x in figs for y in figs)
    if not agree:
        assert g.status != "corroborated"
    assert g.status in ("corroborated", "updated", "conflicting", "single_source")
    assert g.order in ("dated", "inferred", "unknown")
    assert g.independent_sources == len(arts)


def test_story_quotes_merge_the_same_words():
    a = art("a", 'He said: "These people were cleansed from their homes, all of them." Then he left.')
    b = art("b", 'Officials said that "these people were cleansed from their homes, all of them".')
    qa = a.text.index("These"), a.text.index(' all of them."') + len(" all of them.")
    qb = b.text.index("these"), b.text.index("all of them") + len("all of them")
    f = {
        "a": ArticleFacts(article_id="a", quotes=(Quote(article_id="a", start=qa[0], end=qa[1], kind="direct", speaker="Marukyan"),)),
        "b": ArticleFacts(article_id="b", quotes=(Quote(article_id="b", start=qb[0], end=qb[1], kind="partial"),)),
    }
    (q,) = story_quotes([a, b], f)
    assert q.speaker == "Marukyan" and q.kind == "direct"
    assert {o.article_id for o in q.occurrences} == {"a", "b"}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
                          st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
                          st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False)),
                          st.sampled_from(["exact", "about", "at_least", "more_than", "at_most", "less_than", "range"]),
                          st.sampled_from(["2024-01-01", "2024-01-02", None])),
                min_size=1, max_size=6),
       st.sampled_from(["latest", "conservative", "range"]))
def test_any_hedged_values_reconcile_without_error(reports, policy):
    import math

    arts, figs = [], []
    for i, (v, lo, hi, q, date) in enumerate(reports):
        a = art(f"a{i}", "Officials said 12 people were killed.", date)
        arts.append(a)
        figs.append(Figure(article_id=a.id, start=15, end=17, value=v, low=lo, high=hi, qualifier=q,
                           unit="people", predicate="killed", key="killed:people"))
    for g in reconcile_figures(arts, facts(*figs), policy=policy):
        assert g.status in ("corroborated", "updated", "conflicting", "single_source")
        for x in (g.current.value, g.current.low, g.current.high):
            assert x is None or math.isfinite(x)
        assert 1 <= g.independent_sources <= len(arts)


def test_partial_reuse_joins_only_the_reused_passages():
    from storyledger.records import Alignment, Span

    shared = "The monitor said at least 40 people were killed in the strike."
    a = art("a", shared + " The town had a population of 9,000 last year.")
    b = art("b", shared + " Officials put the population of 9,000 at risk.")
    f = facts(fig(a, "at least 40", 40, "at_least"), fig(b, "at least 40", 40, "at_least"),
              fig(a, "9,000", 9000, unit=None, pred=None), fig(b, "9,000", 9000, unit=None, pred=None))
    partial = Derivation(derived_id="b", source_id="a", relation="partial_reuse", share=0.4)
    n = len(shared)
    al = Alignment(kind="verbatim", score=1.0, a=Span(article_id="a", start=0, end=n), b=Span(article_id="b", start=0, end=n))
    by = {g.label: g for g in reconcile_figures([a, b], f, [partial], alignments=[al])}
    assert by["people killed in strike"].independent_sources == 1
    assert by["people killed in strike"].status == "single_source"
    assert by["population"].status == "corroborated" and by["population"].independent_sources == 2
    # Without alignments every derivation joins its articles.
    by = {g.label: g for g in reconcile_figures([a, b], f, [partial])}
    assert by["population"].independent_sources == 1


def test_another_events_count_is_context_never_the_storys_figure():
    a = art("a", "Two people were killed on Friday. A gunman killed 49 people there in 2016.", "2024-01-01")
    b = art("b", "Two people died in Friday's shooting.", "2024-01-02")
    f_story = fig(a, "Two people", 2)
    f_other = Figure(**{**{k: getattr(fig(a, "49 people", 49), k) for k in Figure.__slots__}, "event": "other"})
    groups = reconcile_figures([a, b], facts(f_story, f_other, fig(b, "Two people", 2)))
    story = [g for g in groups if all(r.event == "story" for r in g.reports)]
    other = [g for g in groups if all(r.event == "other" for r in g.reports)]
    assert len(story) == 1 and len(other) == 1 and len(groups) == 2
    assert (story[0].status, story[0].current.value) == ("corroborated", 2)
    assert "another event" in other[0].note
