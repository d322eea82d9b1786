"""Tests for reconcile.overlap (overlap answered without pairs) and the near-linear reconciliation built on it."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import storyledger.reconcile.figures as rf
from storyledger.pipeline import prepare_article
from storyledger.records import Article
from storyledger.reconcile.overlap import Overlaps, any_disjoint, overlap_components

interval = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (float(t[0]), float(t[0] + t[1])))


def meet(a, b) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def brute_components(ivs):
    parent = list(range(len(ivs)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(ivs)):
        for j in range(i):
            if meet(ivs[i], ivs[j]):
                parent[find(i)] = find(j)
    return sorted(sorted(i for i in range(len(ivs)) if find(i) == r) for r in {find(i) for i in range(len(ivs))})


@settings(max_examples=200, deadline=None)
@given(st.lists(interval, max_size=25))
def test_components_are_those_of_the_pairwise_overlap_graph(ivs):
    assert sorted(sorted(c) for c in overlap_components(ivs)) == brute_components(ivs)


@settings(max_examples=200, deadline=None)
@given(st.lists(interval, max_size=25), st.lists(interval, min_size=1, max_size=10))
def test_growing_index_answers_as_a_scan_would(added, probes):
    idx = Overlaps(lo for lo, _ in added)
    for k, iv in enumerate(added):
        idx.add(iv)
        for p in probes:
            assert idx.meets(p) == any(meet(p, q) for q in added[: k + 1])
    assert not Overlaps([]).meets(probes[0])


@settings(max_examples=200, deadline=None)
@given(st.lists(interval, max_size=15), st.lists(interval, max_size=15))
def test_any_disjoint_matches_every_pair(a, b):
    assert any_disjoint(a, b) == any(not meet(x, y) for x in a for y in b)
    assert any_disjoint(a) == any(not meet(x, y) for x in a for y in a)


def story(sentences: int, seed: int = 7) -> tuple[list[Article], dict]:
    """Three articles of repeated figure sentences: precise, hedged and vague counts of two events."""
    rnd = random.Random(seed)
    templates = [
        "At least {n} people were killed in the blast, police said.",
        "About {m} people were injured in the offensive.",
        "Dozens of people were hurt and {n} were killed in the attack.",
        "The toll rose to {n} dead on {d}.",
    ]
    arts = []
    for k in range(3):
        text = " ".join(
            rnd.choice(templates).format(n=rnd.randint(2, 400), m=rnd.randint(2, 40) * 100, d="Monday")
            for _ in range(sentences)
        )
        arts.append(Article(id=f"a{k}", text=text, published=None if k else "2024-01-02"))
    return arts, {a.id: prepare_article(a)[1] for a in arts}


def work(monkeypatch, sentences: int) -> tuple[int, int]:
    """How many interval readings and pairwise comparisons reconciling the story takes, and its groups."""
    arts, facts = story(sentences)
    calls = [0]
    for name in ("_interval", "compatible"):
        orig = getattr(rf, name)

        def counted(*args, _orig=orig):
            calls[0] += 1
            return _orig(*args)

        monkeypatch.setattr(rf, name, counted)
    groups = rf.reconcile_figures(arts, facts)
    assert groups
    return calls[0], sum(len(g.reports) for g in groups)


def test_reconciliation_work_grows_near_linearly_with_the_figures(monkeypatch):
    small, n_small = work(monkeypatch, 150)
    large, n_large = work(monkeypatch, 600)
    assert n_large > 3 * n_small
    # Pairwise comparison would make this ratio about (n_large / n_small) ** 2, i.e. about 16.
    assert large / small < 1.5 * n_large / n_small
