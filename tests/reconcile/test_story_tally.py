"""Tests for storyledger.reconcile.tally: a story's count from its reports' own counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.extract import Tally, extract_figures, load_tally_model
from storyledger.reconcile import STORY_POLICIES, combine_counts, fit_story_policies, story_tally
from storyledger.records import Article, ArticleFacts


def facts_of(arts: list[Article]) -> dict[str, ArticleFacts]:
    return {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}


@pytest.mark.parametrize(("counts", "policy", "expected"), [
    ([1, 2, 2, 0], "largest", 2),
    ([1, 1, 3], "most_reported", 1),
    ([0, 0, 2], "most_reported", 0),
    ([0, 0, 2], "most_reported_nonzero", 2),
    ([0, 0, 0], "most_reported_nonzero", 0),
    ([1, 3, 2], "median_high", 2),
    ([1, 2], "most_reported", 2),  # a tie goes to the larger: a later toll supersedes
    ([], "largest", 0),
])
def test_combine_counts(counts: list[int], policy: str, expected: int) -> None:
    assert combine_counts(counts, policy) == expected


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown story policy"):
        combine_counts([1], "newest")


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=8), st.sampled_from(STORY_POLICIES))
def test_a_story_count_is_one_of_its_reports_counts(counts: list[int], policy: str) -> None:
    assert combine_counts(counts, policy) in counts


def test_fit_story_policies_picks_the_policy_that_matches() -> None:
    # The known counts are always the largest report's: "largest" fits the killed.
    stories = [([Tally(killed=1, injured=0), Tally(killed=2, injured=0), Tally(killed=1, injured=0)], Tally(killed=2, injured=0)),
               ([Tally(killed=0, injured=3), Tally(killed=4, injured=3)], Tally(killed=4, injured=3))]
    got = fit_story_policies(stories)
    assert got["killed"] == "largest"
    assert got["injured"] in STORY_POLICIES


def test_story_tally_an_early_lower_toll_is_an_earlier_state() -> None:
    arts = [Article(id="early", text="A man was killed and two people were wounded in a shooting on Friday night."),
            Article(id="later", text="Two people were killed and two were wounded in Friday's shooting, police said."),
            Article(id="latest", text="Police said two people were killed and two were wounded in the Friday shooting.")]
    model = {"story": {"killed": "largest", "injured": "most_reported"}}
    t = story_tally(arts, facts_of(arts), {**load_tally_model(), **model})
    assert [r[0] for r in t.reports] == ["early", "later", "latest"]
    assert dict(t.reports)["early"].killed == 1
    assert (t.killed, t.injured) == (2, 2)


def test_story_tally_leaves_other_events_out() -> None:
    arts = [Article(id="a", text="A woman was fatally shot on Main Street on Sunday. In 2016, a gunman killed 49 people "
                                 "at a nightclub in another city."),
            Article(id="b", text="A woman was shot and killed on Sunday, police said.")]
    assert story_tally(arts, facts_of(arts)).killed == 1


def test_an_article_without_facts_counts_no_one() -> None:
    arts = [Article(id="a", text="A man was fatally shot.")]
    t = story_tally(arts, {})
    assert t.reports == (("a", Tally(killed=0, injured=0)),)
