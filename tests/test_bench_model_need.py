"""The benchmark of which sentences need the sentence model: its trace of a story, its ranks and its oracle."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from bench.bench_model_need import ALIGNED, _candidate_ranks, oracle, trace_story
from storyledger.align import align_story
from storyledger.records import Article
from storyledger.text.segment import segment_article


def test_oracle_counts_each_sentence_of_an_aligned_pair_once_per_story():
    traces = [
        {"pairs": [(0, 5), (0, 6), (1, 6), (2, 7)], "kinds": ["related", "paraphrase", "different", "different"]},
        {"pairs": [(0, 3)], "kinds": ["shared_quote"]},
    ]
    assert oracle(traces) == 3 + 2  # {0, 5, 6} and {0, 3}
    assert oracle(traces, ("paraphrase",)) == 2
    assert oracle(traces, ("verbatim",)) == 0
    assert set(ALIGNED) == {"paraphrase", "related", "shared_quote"}


def test_candidate_ranks_put_the_closest_candidate_first_with_no_gap():
    # sentence 0 (article 0) has two candidates in article 1: sentence 2 is closer than sentence 3
    stems = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.6, 0.8]]))
    owners = np.array([0, 0, 1, 1])
    ranks = _candidate_ranks(stems, np.array([[0, 2], [0, 3]]), owners)
    sim, rank_a, rank_b, gap_a, gap_b = ranks.T
    assert np.allclose(sim, [1.0, 0.6])
    assert rank_a.tolist() == [0.0, 1.0]  # among sentence 0's candidates in article 1
    assert rank_b.tolist() == [0.0, 0.0]  # each of sentences 2 and 3 has one candidate in article 0
    assert np.allclose(gap_a, [0.0, 0.4]) and np.allclose(gap_b, [0.0, 0.0])


def test_trace_of_a_story_gives_one_row_and_one_final_kind_per_undecided_pair():
    a = Article(id="a", text="Floods closed the main bridge of Tarnwick on Monday. The mayor asked residents to stay "
                             "home. Schools will reopen next week, officials said.")
    b = Article(id="b", text="The main bridge in Tarnwick was shut by flooding on Monday. Residents were told by the "
                             "mayor to remain indoors. A football match was cancelled.")
    sentences = {x.id: segment_article(x) for x in (a, b)}
    trace = trace_story([a, b], sentences)
    assert trace is not None and trace["sentences"] == 6
    assert len(trace["pairs"]) == len(trace["kinds"]) == trace["x"].shape[0] > 0
    assert all(i < 3 <= j for i, j in trace["pairs"])  # first article's sentence, then the other's
    # the trace's final kinds are the story's own alignments of those pairs
    aligned = {al.kind for al in align_story([a, b], sentences) if al.kind in ALIGNED}
    assert aligned and aligned == {k for k in trace["kinds"] if k != "different"}
    assert trace["embedded"] >= len({s for ij in trace["pairs"] for s in ij})
