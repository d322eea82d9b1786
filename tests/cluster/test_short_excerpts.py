"""Short excerpts of one story stay one story (issue 21 item 6), on texts written for these tests.

Three outlets report each invented event in a few sentences, in their own
words: the way AllSides shows a story (left, centre and right excerpts).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from storyledger.cluster import features as cf
from storyledger.cluster.batch import ClusterSettings, candidate_pairs, cluster, from_counts
from storyledger.records import Article

FERRY = [
    ("Ferry capsizes on Lake Varo, dozens missing",
     "A passenger ferry overturned on Lake Varo on Tuesday evening, leaving at least 40 people missing, "
     "the regional coast guard said. Rescue boats pulled 112 survivors from the water overnight."),
    ("Storm blamed as overloaded boat sinks near Kessa",
     "Survivors of the ferry sinking near the port of Kessa said the vessel was carrying far more passengers "
     "than allowed when a sudden storm hit. Divers searched the lake on Wednesday as relatives gathered, and "
     "the coast guard said the search for the missing continues."),
    ("Officials face questions after Lake Varo disaster",
     "Opposition lawmakers demanded an inquiry into ferry safety after the Lake Varo capsizing, asking why "
     "the operator had been allowed to sail in bad weather. The coast guard said the search continues."),
]
COUNCIL = [
    ("Dunmore council votes to close centre to cars",
     "The Dunmore city council voted 7-2 on Tuesday to ban private cars from the old town from next spring, "
     "a plan the mayor said would cut pollution and noise."),
    ("Shop owners fear for trade as Dunmore bans cars",
     "Retailers in Dunmore warned the car ban approved by councillors would drive customers to suburban "
     "malls. The mayor promised new bus lines and parking at the edge of town."),
    ("Car-free old town: what the Dunmore plan means",
     "Residents of Dunmore's old town will need permits to drive home under the scheme passed by the council, "
     "which also widens pavements and adds cycle lanes."),
]


def _articles(story: list[tuple[str, str]], prefix: str, published: str = "2024-05-07") -> list[Article]:
    return [Article(id=f"{prefix}-{k}", title=t, text=x, published=published) for k, (t, x) in enumerate(story)]


def test_three_short_excerpts_of_one_event_are_one_story() -> None:
    # Alone, three texts made document frequencies say the shared terms were the
    # commonest, and blocking keys missed the pair: this story came out split.
    stories = cluster(_articles(FERRY, "ferry"))
    assert [s.article_ids for s in stories] == [("ferry-0", "ferry-1", "ferry-2")]


def test_two_events_of_short_excerpts_stay_apart() -> None:
    stories = cluster(_articles(FERRY, "ferry") + _articles(COUNCIL, "council"))
    assert {frozenset(s.article_ids) for s in stories} == {
        frozenset({"ferry-0", "ferry-1", "ferry-2"}),
        frozenset({"council-0", "council-1", "council-2"}),
    }


def test_a_few_articles_are_all_compared_even_without_a_shared_key() -> None:
    texts = ["alpha beta gamma", "delta epsilon zeta", "eta theta iota"]
    tf_w, tf_n = cf.counts(texts, "words"), cf.counts(texts, "names")
    f = from_counts(tf_w, tf_n, cf.document_frequency(tf_w), cf.document_frequency(tf_n), 3, np.full(3, np.nan))
    i, j = candidate_pairs(f, ClusterSettings())
    assert sorted(zip(i.tolist(), j.tolist())) == [(0, 1), (0, 2), (1, 2)]


def test_a_few_articles_dated_too_far_apart_are_not_compared() -> None:
    texts = ["ferry lake storm", "ferry lake storm", "ferry lake storm"]
    tf_w, tf_n = cf.counts(texts, "words"), cf.counts(texts, "names")
    days = np.array([0.0, 1.0, 400.0])
    f = from_counts(tf_w, tf_n, cf.document_frequency(tf_w), cf.document_frequency(tf_n), 3, days)
    i, j = candidate_pairs(f, ClusterSettings(max_days=30))
    assert sorted(zip(i.tolist(), j.tolist())) == [(0, 1)]


def _weights(n_docs: int, prior_docs: float) -> tuple[float, float]:
    """Weight of a term every document holds and of a term one document holds, in one row."""
    tf = sp.csr_matrix(np.array([[1.0, 1.0]], dtype=np.float32))
    df = np.array([n_docs, 1])
    row = cf.tfidf(tf, df, n_docs, prior_docs).toarray()[0]
    return float(row[0]), float(row[1])


def test_idf_is_shrunk_in_a_small_corpus() -> None:
    shared, unique = _weights(3, 0.0)
    assert unique > 1.5 * shared  # three texts alone: the shared term weighs least
    shared, unique = _weights(3, cf.IDF_PRIOR_DOCS)
    assert unique < 1.2 * shared  # with the prior, nearly even
    shared, unique = _weights(100_000, cf.IDF_PRIOR_DOCS)
    classic_shared, classic_unique = _weights(100_000, 0.0)
    assert abs(unique - classic_unique) < 0.01 and abs(shared - classic_shared) < 0.01
