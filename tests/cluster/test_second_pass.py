"""The second pass of story clustering: an article left alone joins the group it is clearly closest to.

Three outlets report an invented mine collapse in a few sentences each; the
third, about the union's warnings, shares few words with the other two, and
average linkage alone leaves it out.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.cluster.batch import ClusterSettings, attach_singletons, cluster, within_days
from storyledger.errors import ConfigError
from storyledger.records import Article

MINE = [
    ("Miners trapped after tunnel collapse at Orrin Ridge",
     "Eleven miners were trapped underground on Thursday when a tunnel collapsed at the Orrin Ridge copper mine, "
     "the operator said, and rescue crews began drilling toward them."),
    ("Families wait as rescuers drill at Orrin Ridge",
     "Relatives gathered at the gates of the Orrin Ridge mine overnight as rescue crews drilled a narrow shaft, "
     "hoping to reach the eleven trapped workers by the weekend."),
    ("Union says warnings were ignored before mine disaster",
     "The mineworkers' union said managers had been told weeks ago that the old shafts were unsafe, and called "
     "for an inquiry into the tunnel collapse that left eleven miners trapped below ground."),
]
LIBRARY = [
    ("Brackwell library reopens after two-year renovation",
     "The Brackwell public library reopened its doors on Saturday with a new children's wing and a rooftop "
     "reading garden, the town's arts officer said."),
]
OFF = ClusterSettings(attach_floor=1.0)


def _articles(story: list[tuple[str, str]], prefix: str, published: str = "2024-03-07") -> list[Article]:
    return [Article(id=f"{prefix}-{k}", title=t, text=x, published=published) for k, (t, x) in enumerate(story)]


def _pairs(*triples: tuple[int, int, float]) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    i, j, s = zip(*triples)
    return (np.array(i), np.array(j)), np.array(s, dtype=float)


def test_an_excerpt_left_out_by_average_linkage_joins_its_story() -> None:
    arts = _articles(MINE, "mine")
    assert [s.article_ids for s in cluster(arts, settings=OFF)] == [("mine-0", "mine-1"), ("mine-2",)]
    assert [s.article_ids for s in cluster(arts)] == [("mine-0", "mine-1", "mine-2")]


def test_an_unrelated_excerpt_stays_alone() -> None:
    arts = _articles(MINE, "mine") + _articles(LIBRARY, "lib")
    assert {frozenset(s.article_ids) for s in cluster(arts)} == {
        frozenset({"mine-0", "mine-1", "mine-2"}),
        frozenset({"lib-0"}),
    }
    assert len(cluster(_articles(MINE[:1], "mine") + _articles(LIBRARY, "lib"))) == 2


def test_a_singleton_joins_its_clearly_closest_group() -> None:
    pairs, s = _pairs((0, 1, 0.9), (0, 2, 0.3), (1, 2, 0.2))
    assert attach_singletons([0, 0, 2], pairs, s, 0.1, 0.1) == [0, 0, 0]
    assert attach_singletons([0, 0, 2], pairs, s, 0.3, 0.1) == [0, 0, 2]  # mean 0.25 under the floor
    assert attach_singletons([0, 0, 2], pairs, s, 1.0, 0.0) == [0, 0, 2]  # floor 1: the pass is off


def test_a_singleton_never_joins_a_group_with_a_member_too_far_apart_in_time() -> None:
    # 0 and 1 are one story; 1 is undated, 2 is dated 200 days after 0 and close in words to 1 only
    pairs, s = _pairs((0, 1, 0.9), (1, 2, 0.95))
    days = np.array([0.0, np.nan, 200.0])
    assert attach_singletons([0, 0, 2], pairs, s, 0.1, 0.1) == [0, 0, 0]  # no dates: the bridge holds
    assert attach_singletons([0, 0, 2], pairs, s, 0.1, 0.1, within_days(days, 45.0)) == [0, 0, 2]
    assert attach_singletons([0, 0, 2], pairs, s, 0.1, 0.1, within_days(days, 365.0)) == [0, 0, 0]


def test_a_singleton_between_two_groups_stays_alone() -> None:
    pairs, s = _pairs((0, 1, 0.9), (2, 3, 0.9), (0, 4, 0.3), (1, 4, 0.3), (2, 4, 0.25), (3, 4, 0.25))
    labels = [0, 0, 2, 2, 4]
    assert attach_singletons(labels, pairs, s, 0.1, 0.1) == labels  # 0.30 vs 0.25: not clearly closer
    assert attach_singletons(labels, pairs, s, 0.1, 0.04) == [0, 0, 2, 2, 0]


def test_groups_are_never_joined_and_the_input_is_not_changed() -> None:
    pairs, s = _pairs((0, 1, 0.9), (2, 3, 0.9), (0, 2, 0.5), (1, 3, 0.5))
    labels = [0, 0, 2, 2]
    assert attach_singletons(labels, pairs, s, 0.1, 0.0) == [0, 0, 2, 2]
    assert labels == [0, 0, 2, 2]


def test_two_singletons_pair_up_and_a_third_follows() -> None:
    pairs, s = _pairs((0, 1, 0.5), (0, 2, 0.2), (1, 2, 0.15))
    assert attach_singletons([0, 1, 2], pairs, s, 0.1, 0.1) == [1, 1, 1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=2, max_size=9),
    st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8), st.floats(0.0, 1.0)), max_size=30),
    st.floats(0.05, 1.0),
    st.floats(0.0, 0.5),
)
def test_only_singletons_move_and_groups_stay_whole(raw, edges, floor, margin) -> None:
    n = len(raw)
    triples = [(a, b, w) for a, b, w in edges if a < b < n]
    pairs, s = _pairs(*triples) if triples else ((np.zeros(0, int), np.zeros(0, int)), np.zeros(0))
    out = attach_singletons(raw, pairs, s, floor, margin)
    sizes = {lab: raw.count(lab) for lab in raw}
    for u in range(n):
        if sizes[raw[u]] > 1:
            assert out[u] == raw[u]  # members of a group of two or more keep their group
    assert len(set(out)) <= len(set(raw))


def test_second_pass_settings_are_checked() -> None:
    with pytest.raises(ConfigError):
        ClusterSettings(attach_floor=0.0)
    with pytest.raises(ConfigError):
        ClusterSettings(attach_margin=1.0)
