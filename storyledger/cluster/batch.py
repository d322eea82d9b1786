"""Story clustering: group articles that report the same story, keep similar events apart.

The cascade of :func:`cluster`:

1. **Features** per article (``features``): hashed sublinear TF-IDF
   of the words, hashed TF-IDF of named things (capitalised name runs,
   numbers), and, when ``is_embedding`` is set, a MiniLM embedding of the
   lead (title + first sentences).
2. **Candidates**: each article's heaviest, not-too-common terms are its
   blocking keys; articles sharing keys are scored against each other and
   each keeps its ``n_neighbors`` best. Pairs of dated articles further apart
   than ``max_days`` are never compared. No dense all-pairs step.
3. **Pair score**: a logistic model over the word, name (and lead) cosines
   and sqrt(word x name) (high only when both agree: similar events share
   words, not names), minus a time penalty per day apart beyond
   ``grace_days`` when both dates are known.
4. **Shared neighbours**: articles of one event share their nearest
   neighbours; two similar events (two earthquakes) do not. The cosine of the
   two articles' top-``n_shared`` neighbour profiles enters a second logistic
   model (SNN similarity, Jarvis & Patrick 1973).
5. **Average linkage** over the sparse candidate graph (pairs never compared
   count as 0), merging while the mean pair probability between two groups
   is at least ``min_probability``.
6. **Articles left alone** (``attach_singletons``): the threshold of step 5
   is calibrated on long articles, and a short excerpt shares few words with
   the other reports of its event by chance and by necessity. An article
   alone in its group joins the group it is clearly closest to: mean pair
   probability at least ``attach_floor`` and ahead of any other group by
   ``attach_margin``. Groups are never broken or joined to each other.

The model weights were fitted on the dev halves of ECB+, NewsWCL50 and BASIL
pooled (``evals/eval_cluster.py --fit``) and are fixed here; the held-out
halves are reported separately.

:class:`storyledger.cluster.story_index.StoryIndex` is the incremental variant for a growing store.
"""

from __future__ import annotations

import heapq
import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import features as cf
from ..errors import ConfigError, ModelError
from ..records import Article, Sentence, Story, content_id

__all__ = [
    "ClusterSettings",
    "attach_singletons",
    "average_linkage",
    "candidate_pairs",
    "cluster",
    "from_counts",
    "pair_features",
    "score",
    "sort_key",
    "within_days",
]

log = logging.getLogger(__name__)

# Logistic weights over (word cosine, name cosine, lead-embedding cosine, sqrt(word * name)
# [, shared-neighbour cosine]), and the intercept.
# Fitted by ``evals/eval_cluster.py --fit`` (non-negative weights) on dev-half candidate pairs.
# The text-only weights predate the name runs cut at sentence ends and headlines read word by
# word (features.named_things). Refitted on those features ([7.21, 7.29, 0, 6.35], -3.44;
# second [0, 0, 0, 0, 10.5], -4.36) they gain on long articles (pooled F1 0.982 -> 0.985) but
# score short excerpts lower: AllSides stories split when alone 0.047 against 0.016 (5-fold CV),
# and the AllSides training objective (small-input F1 + stories kept whole) prefers these.
_FIRST = (np.array([6.01, 5.33, 4.26, 4.22]), -4.46)
_FIRST_NO_EMBED = (np.array([9.44, 6.78, 0.0, 6.04]), -3.29)
_SECOND = (np.array([0.0, 0.17, 0.06, 0.0, 10.1]), -4.28)
_SECOND_NO_EMBED = (np.array([0.11, 0.11, 0.0, 0.0, 10.05]), -4.12)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterSettings:
    """Settings of story clustering.

    Attributes:
        min_probability: average linkage stops when the mean pair probability
            between the two closest groups falls below this.
        n_neighbors: candidate neighbours kept per article.
        n_shared: neighbours in the profile compared by the shared-neighbour score.
        max_days: dated articles further apart are never one story.
        grace_days: days apart that cost nothing (a story unfolds over days).
        penalty_per_day: log-odds taken off per day apart beyond ``grace_days``.
        is_embedding: add MiniLM lead embeddings. Off by default: on the eval
            sets they add under 0.01 B-cubed F1 for about 50 times the cost.
            Falls back to text alone when the model is missing.
        attach_floor: the second pass (:func:`attach_singletons`) lets an
            article left alone join a group whose mean pair probability is at
            least this; 1 turns the pass off.
        attach_margin: ... and only when that group is ahead of every other
            group by at least this much.

    ``attach_floor`` and ``attach_margin`` were chosen by cross-validation over
    the AllSides stories together with ``features.IDF_PRIOR_DOCS``
    (``evals/eval_cluster.py``); floors under 0.1 were not tried: half of all
    pairs of unrelated short excerpts of nearby dates score above 0.05.
    """

    min_probability: float = 0.6
    n_neighbors: int = 30
    n_shared: int = 10
    max_days: float = 45.0
    grace_days: float = 3.0
    penalty_per_day: float = 0.5
    is_embedding: bool = False
    attach_floor: float = 0.1
    attach_margin: float = 0.1

    def __post_init__(self) -> None:
        if not 0.0 < self.min_probability < 1.0:
            raise ConfigError("min_probability must be in (0, 1)")
        if self.n_neighbors < 1 or self.n_shared < 1:
            raise ConfigError("n_neighbors and n_shared must be at least 1")
        if self.max_days <= 0 or self.grace_days < 0 or self.penalty_per_day < 0:
            raise ConfigError("max_days must be > 0; grace_days and penalty_per_day >= 0")
        if not 0.0 < self.attach_floor <= 1.0 or not 0.0 <= self.attach_margin < 1.0:
            raise ConfigError("attach_floor must be in (0, 1] and attach_margin in [0, 1)")


@dataclass(slots=True)
class _Features:
    words: sp.csr_matrix
    names: sp.csr_matrix
    lead: np.ndarray | None
    days: np.ndarray
    signature: sp.csr_matrix


def _featurize(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]] | None,
    settings: ClusterSettings,
) -> _Features:
    texts = [cf.full_text(a) for a in articles]
    tf_w = cf.counts(texts, "words")
    tf_n = cf.counts(texts, "names")
    n = len(articles)
    lead = None
    if settings.is_embedding:
        lead = _embed_leads([cf.lead(a, cf.sentences_for(sentences, a.id)) for a in articles])
    return from_counts(tf_w, tf_n, cf.document_frequency(tf_w), cf.document_frequency(tf_n), n,
                        cf.day_numbers(articles), lead)


def from_counts(tf_w, tf_n, df_w, df_n, n_docs, days, lead=None) -> _Features:
    words = cf.tfidf(tf_w, df_w, n_docs)
    names = cf.tfidf(tf_n, df_n, n_docs)
    return _Features(words, names, lead, days, cf.signature(words, df_w, n_docs))


def _embed_leads(leads: list[str]) -> np.ndarray | None:
    try:
        from ..embed import embed

        return embed(leads)
    except ModelError as err:
        log.warning("story clustering without lead embeddings: %s", err)
        return None


def candidate_pairs(f: _Features, settings: ClusterSettings) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) sharing blocking keys, each article's best ``n_neighbors`` kept.

    With ``n_neighbors`` or fewer other articles, every pair is a candidate.
    """
    sig = f.signature
    n = sig.shape[0]
    k = settings.n_neighbors
    if n - 1 <= k:
        # every article keeps every other one: no blocking (the keys of a few texts
        # are the terms that set each apart, and would miss the pairs that matter)
        i, j = np.triu_indices(n, 1)
        return _within_days(f, i.astype(np.int64), j.astype(np.int64), settings)
    sig_t = sig.T.tocsr()
    rows, cols = [], []
    for lo in range(0, n, 512):
        block = (sig[lo : lo + 512] @ sig_t).tocsr()
        for r in range(block.shape[0]):
            a, b = block.indptr[r], block.indptr[r + 1]
            idx, val = block.indices[a:b], block.data[a:b]
            i = lo + r
            ok = idx != i
            idx, val = idx[ok], val[ok]
            if len(idx) > k:
                top = np.argpartition(-val, k)[:k]
                idx = idx[top]
            rows.append(np.full(len(idx), i))
            cols.append(idx)
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i = np.concatenate(rows)
    j = np.concatenate(cols)
    lo_, hi_ = np.minimum(i, j), np.maximum(i, j)
    pairs = np.unique(lo_.astype(np.int64) * n + hi_)
    return _within_days(f, pairs // n, pairs % n, settings)


def _within_days(f: _Features, i: np.ndarray, j: np.ndarray, settings: ClusterSettings) -> tuple[np.ndarray, np.ndarray]:
    gap = cf.days_between(f.days[i], f.days[j])
    keep = ~(gap > settings.max_days)  # NaN (a date unknown) keeps the pair
    return i[keep], j[keep]


def pair_features(f: _Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Columns: word cosine, name cosine, lead-embedding cosine (0 without embeddings), sqrt(word * name).

    The last column is high only when the texts share both their words and
    their names: two similar events share words but not names.
    """
    w = cf.rowwise_dot(f.words, f.words, i, j)
    nm = cf.rowwise_dot(f.names, f.names, i, j)
    if f.lead is not None and len(i):
        e = np.einsum("ij,ij->i", f.lead[i], f.lead[j])
    else:
        e = np.zeros(len(i), np.float32)
    if not len(i):
        return np.zeros((0, 4))
    return np.stack([w, nm, e, np.sqrt(np.clip(w, 0, None) * np.clip(nm, 0, None))], axis=1).astype(np.float64)


def _time_penalty(f: _Features, i: np.ndarray, j: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    gap = cf.days_between(f.days[i], f.days[j])
    over = np.nan_to_num(gap - settings.grace_days, nan=0.0)
    return settings.penalty_per_day * np.clip(over, 0.0, None)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def _shared_neighbours(n: int, i: np.ndarray, j: np.ndarray, p: np.ndarray, k: int) -> np.ndarray:
    """Cosine of the top-``k`` neighbour profiles (self included, weight 1) of each pair."""
    g = sp.coo_matrix((np.concatenate([p, p, np.ones(n)]),
                       (np.concatenate([i, j, np.arange(n)]), np.concatenate([j, i, np.arange(n)]))),
                      shape=(n, n)).tocsr()
    rows, cols, vals = [], [], []
    for r in range(n):
        a, b = g.indptr[r], g.indptr[r + 1]
        idx, val = g.indices[a:b], g.data[a:b]
        if len(idx) > k + 1:
            # order by (-weight, column) so ties are cut the same way in any input order
            top = np.lexsort((idx, -val))[: k + 1]
            idx, val = idx[top], val[top]
        rows.append(np.full(len(idx), r))
        cols.append(idx)
        vals.append(val)
    prof = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    norms = np.sqrt(np.asarray(prof.multiply(prof).sum(axis=1)).ravel())
    prof = sp.diags(1.0 / np.maximum(norms, 1e-12)) @ prof
    return cf.rowwise_dot(prof.tocsr(), prof.tocsr(), i, j).astype(np.float64)


def score(f: _Features, i: np.ndarray, j: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    x = pair_features(f, i, j)
    penalty = _time_penalty(f, i, j, settings)
    w1, b1 = _FIRST if f.lead is not None else _FIRST_NO_EMBED
    p1 = _sigmoid(x @ w1 + b1 - penalty)
    s2 = _shared_neighbours(f.words.shape[0], i, j, p1, settings.n_shared)
    w2, b2 = _SECOND if f.lead is not None else _SECOND_NO_EMBED
    return _sigmoid(np.column_stack([x, s2]) @ w2 + b2 - penalty)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """A label per node of the undirected graph with edges ``(i, j)``: equal labels, same component.

    Union-find with path halving (scipy's ``csgraph`` would do, but importing it
    costs a fifth of a second of every cold start).
    """
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(i.tolist(), j.tolist()):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.fromiter((root(x) for x in range(n)), dtype=np.int64, count=n)


def average_linkage(n: int, i: np.ndarray, j: np.ndarray, s: np.ndarray, threshold: float) -> list[int]:
    """Group labels by average linkage on a sparse similarity graph (absent pairs = 0).

    Ties are broken by the smallest member index, and indices follow article
    ids, so the result does not depend on input order.
    """
    # Two groups merge only if their mean reaches the threshold, so only if some
    # pair between them does: groups never cross the components of the strong
    # pairs, and pairs between components can be dropped without changing anything.
    strong = s >= threshold
    if len(s):
        comp = _components(n, i[strong], j[strong])
        same = comp[i] == comp[j]
        i, j, s = i[same], j[same], s[same]
    parent = list(range(n))
    size = [1] * n
    first = list(range(n))  # smallest member index of each live group
    sums: list[dict[int, float]] = [defaultdict(float) for _ in range(n)]
    for a, b, w in zip(i.tolist(), j.tolist(), s.tolist()):
        sums[a][b] += w
        sums[b][a] += w
    heap = [(-w, a, b) for a, b, w in zip(i.tolist(), j.tolist(), s.tolist()) if w >= threshold]
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = sums[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale entry: a fresher one is in the heap
        # merge b into a (a keeps the smaller first member, for determinism)
        if first[b] < first[a]:
            a, b = b, a
        alive[b] = False
        parent[b] = a
        size[a] += size[b]
        for x, w in sums[b].items():
            if x == a or not alive[x]:
                continue
            sums[a][x] += w
            sums[x][a] += w
            sums[x].pop(b, None)
        sums[a].pop(b, None)
        sums[b] = defaultdict(float)
        for x, w in sums[a].items():
            if alive[x]:
                avg = w / (size[a] * size[x])
                if avg >= threshold:
                    lo, hi = (a, x) if first[a] < first[x] else (x, a)
                    heapq.heappush(heap, (-avg, lo, hi))
    labels = []
    for k in range(n):
        r = k
        while parent[r] != r:
            r = parent[r]
        labels.append(r)
    return labels


def attach_singletons(
    labels: Sequence[int],
    pairs: tuple[np.ndarray, np.ndarray],
    s: np.ndarray,
    floor: float,
    margin: float,
    within: Callable[[int, int], bool] | None = None,
) -> list[int]:
    """Second pass: an article left alone joins the group it is clearly closest to.

    Average linkage asks every merge to clear one threshold, calibrated on long
    articles; two short excerpts of one event share few words by chance and
    by necessity, so a third excerpt is often left alone although nothing else
    comes near it. Here each article alone in its group, best-scoring first,
    joins the group with the highest mean pair probability ``p1`` when ``p1``
    is at least ``floor`` and exceeds the mean towards any other group (alone
    or not; 0 when there is none) by at least ``margin``, and every member of
    that group may share a story with it (``within``: e.g. dates no further
    apart than ``max_days``, so that an undated member cannot bridge a report
    of months later into the story). Groups of two or more are never broken
    or joined to each other.

    Args:
        labels: group label per article (from :func:`average_linkage`).
        pairs: the compared pairs ``(i, j)``.
        s: the pair probabilities.
        floor: lowest mean probability to join a group.
        margin: how far ahead of the next group the best one must be.
        within: whether two articles may be in one story (default: any two).

    Returns:
        New labels; the input is not changed.
    """
    out = list(labels)
    members: dict[int, list[int]] = defaultdict(list)
    for k, lab in enumerate(out):
        members[lab].append(k)
    near = _singleton_neighbours(out, members, pairs, s)

    def means(u: int) -> list[tuple[float, int]]:
        total: dict[int, float] = defaultdict(float)
        for v, w in near[u]:
            total[out[v]] += w
        return sorted(((t / len(members[g]), g) for g, t in total.items() if g != out[u]), key=lambda x: (-x[0], x[1]))

    alone = [u for u in range(len(out)) if len(members[out[u]]) == 1 and near[u]]
    first = {u: (means(u) or [(0.0, -1)])[0][0] for u in alone}
    for u in sorted(alone, key=lambda u: (-first[u], u)):
        if len(members[out[u]]) != 1:
            continue  # another article joined it meanwhile
        ranked = means(u)
        if not ranked:
            continue
        p1, g = ranked[0]
        p2 = ranked[1][0] if len(ranked) > 1 else 0.0
        if p1 >= floor and p1 - p2 >= margin and (within is None or all(within(u, v) for v in members[g])):
            members[out[u]].remove(u)
            out[u] = g
            members[g].append(u)
    return out


def _singleton_neighbours(
    labels: Sequence[int], members: Mapping[int, list[int]], pairs: tuple[np.ndarray, np.ndarray], s: np.ndarray
) -> list[list[tuple[int, float]]]:
    """Per article, its compared neighbours and pair probabilities, for the pairs that touch an article alone."""
    near: list[list[tuple[int, float]]] = [[] for _ in range(len(labels))]
    alone_now = np.array([len(members[lab]) == 1 for lab in labels], dtype=bool)
    i, j = pairs
    if not len(i) or not alone_now.any():
        return near
    keep = alone_now[i] | alone_now[j]
    for a, b, w in zip(i[keep].tolist(), j[keep].tolist(), s[keep].tolist()):
        near[a].append((b, w))
        near[b].append((a, w))
    return near


def within_days(days: np.ndarray, max_days: float) -> Callable[[int, int], bool]:
    """Whether articles ``a`` and ``b`` may share a story by their dates: at most ``max_days`` apart, or a date unknown."""

    def within(a: int, b: int) -> bool:
        return not bool(cf.days_between(days[a], days[b]) > max_days)

    return within


def sort_key(article: Article) -> tuple:
    return (article.published is None, str(article.published or ""), article.id)


def _make_story(members: list[Article], centrality: dict[str, float]) -> Story:
    members = sorted(members, key=sort_key)
    central = max(members, key=lambda a: (centrality.get(a.id, 0.0), bool(a.title), _neg(a.id)))
    title = (central.title or "").strip() or cf.lead(central, None, n_sentences=1)[:200] or central.id
    return Story(id=content_id("s", members[0].id), title=title, article_ids=tuple(a.id for a in members))


def _neg(s: str) -> tuple:
    # max() by the smallest id on ties
    return tuple(-ord(c) for c in s)


def cluster(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    settings: ClusterSettings | None = None,
) -> list[Story]:
    """Group articles reporting the same story.

    Args:
        articles: the articles; duplicate ids are kept once.
        sentences: optional sentences per article id (used for the lead).
        settings: clustering settings; defaults when None.

    Returns:
        Stories, largest first, each with the title of its most central
        article and its article ids in publication order (undated last,
        then by id). The result does not depend on the input order.

    Example:
        >>> a = Article(id="a1", text="A quake of magnitude 6 hit Avalon on Monday.")
        >>> [s.article_ids for s in cluster([a])]
        [('a1',)]
    """
    settings = settings or ClusterSettings()
    unique: dict[str, Article] = {}
    for art in articles:
        if art.id not in unique or (art.text, art.title or "") < (unique[art.id].text, unique[art.id].title or ""):
            unique[art.id] = art
    arts = [unique[k] for k in sorted(unique)]
    n = len(arts)
    if n == 0:
        return []
    if n == 1:
        return [_make_story(arts, {})]
    f = _featurize(arts, sentences, settings)
    i, j = candidate_pairs(f, settings)
    s = score(f, i, j, settings)
    labels = average_linkage(n, i, j, s, settings.min_probability)
    labels = attach_singletons(labels, (i, j), s, settings.attach_floor, settings.attach_margin,
                               within_days(f.days, settings.max_days))
    centrality: dict[str, float] = defaultdict(float)
    for a, b, w in zip(i.tolist(), j.tolist(), s.tolist()):
        if labels[a] == labels[b]:
            centrality[arts[a].id] += w
            centrality[arts[b].id] += w
    groups: dict[int, list[Article]] = defaultdict(list)
    for k, lab in enumerate(labels):
        groups[lab].append(arts[k])
    stories = [_make_story(g, centrality) for g in groups.values()]
    first_date = {st.id: sort_key(unique[st.article_ids[0]]) for st in stories}
    stories.sort(key=lambda st: (-len(st.article_ids), first_date[st.id], st.id))
    return stories
