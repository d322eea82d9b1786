"""Align the passages that the articles of a story share, and say how they share them.

The cascade, per story:

1. **Candidates** from cheap lexical signals only, no model: sentences with
   the same normalised words; for each sentence and each other article, its
   nearest sentences by a rarity-weighted bag of word stems and numbers (top
   ``k`` above a floor, one sparse matrix product per article); and sentence
   pairs sharing a quoted run of words or two rare tokens (numbers, names,
   rare words). Everything else never reaches the model; on large stories
   that is nearly all pairs (see ``bench/bench_align.py``).
2. **Lexical verdicts**: a pair that is ``verbatim`` or ``near_verbatim``
   (with no figure or negation flipped) is decided by its words alone; its
   cosine is never needed. A further candidate between two sentences that
   each already have such a twin in the other's article is dropped (both are
   accounted for; it could at most be a ``related`` echo).
3. **Embed** only the sentences left in an undecided pair, in one batched
   call (:func:`storyledger.embed.model.embed`: each distinct text once, with a
   process-wide cache, so a wire sentence repeated across articles and
   stories is embedded once), and take the cosine of those pairs only.
4. **Verdict** on each undecided candidate by :mod:`storyledger.align.paraphrase`
   (a small model trained on the MSRP train split over the MiniLM cosine and
   lexical, numeric, negation and name evidence). In a story, a
   ``paraphrase`` must also be the mutual best match of its two sentences and
   close in embedding space (MSRP pairs were picked for word overlap, story
   pairs were not).
5. **Kind**: ``verbatim``, ``near_verbatim``, ``paraphrase``, ``shared_quote``
   (the spans cover the quoted words) or ``related`` (same fact, not the same
   statement: a different figure, a denial, swapped roles).
6. **Runs**: a sentence may align to two consecutive sentences of the other
   article when their merged text scores better than either alone (one
   sentence split in two by an editor).

Offsets are half-open character offsets into each article's cleaned text.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..text import STOP
from .pair_features import RARE, text_numbers, rarity_of, word_tokens
from .clauses import clause_verdicts
from .pair_figures import read_figures, same_value
from .cosines import thresholds
from .paraphrase import (
    MIN_QUOTE_WORDS,
    PairVerdict,
    normalise,
    quote_spans,
    surface_verdict,
    classify_pairs,
)
from ..errors import ConfigError
from ..records import Alignment, Article, Sentence, Span

__all__ = [
    "AlignSettings",
    "align_story",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignSettings:
    """Settings of candidate generation: how widely a story's sentence pairs are searched.

    Wider settings find more paraphrases between differently worded reports
    and send more pairs to the sentence model (slower); the verdict itself is
    the trained model's either way.

    Attributes:
        n_lexical_neighbors: nearest sentences by rarity-weighted stems kept per
            sentence and other article.
        min_lexical: weighted-stem cosine below which a nearest sentence is no candidate.
        min_undecided_cosine: MiniLM cosine below which a pair its words leave
            undecided is dropped before the verdict model. Left at its default
            (0.3), the general model in use gives its own value
            (:mod:`storyledger.align.cosines`).

    Raises:
        ConfigError: a value out of range.
    """

    n_lexical_neighbors: int = 2
    min_lexical: float = 0.2
    min_undecided_cosine: float = 0.3

    def __post_init__(self) -> None:
        if isinstance(self.n_lexical_neighbors, bool) or not isinstance(self.n_lexical_neighbors, int) \
                or self.n_lexical_neighbors < 1:
            raise ConfigError(f"n_lexical_neighbors must be a whole number, at least 1, not {self.n_lexical_neighbors!r}")
        for name in ("min_lexical", "min_undecided_cosine"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not -1.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be a cosine in [-1, 1], not {value!r}")

# Verdicts in a story (step 4) ask more than a pair on its own (storyledger.align.paraphrase).
# The cosines they ask are the general model's (storyledger.align.cosines); for the default:
# paraphrase at least 0.7 in a story (90% of MSRP paraphrase pairs are above, measured),
# the same content at 0.88, a mutual best match within 0.03.
_SURE_PARAPHRASE = 0.75  # model probability asked of a paraphrase below the sure cosine
_DEFAULT_UNDECIDED = 0.3  # AlignSettings.min_undecided_cosine's default


def _min_undecided(settings: AlignSettings) -> float:
    """The undecided pairs' cosine floor: the setting, or the general model's own when left at its default."""
    if settings.min_undecided_cosine == _DEFAULT_UNDECIDED:
        return thresholds().min_undecided
    return settings.min_undecided_cosine


# ---------------------------------------------------------------------------
# stories


def _rare_keys(text: str) -> set[str]:
    """Tokens specific enough that two sentences sharing two of them may report one fact."""
    keys = {n for n in text_numbers(text) if len(n) > 1 or n != "1"}
    keys.update(w for w in word_tokens(text) if w not in STOP and len(w) > 3 and rarity_of(w) >= 8.0)
    return keys


_LEXICAL_DECIDED_COSINE = 1.0  # stands for the cosine of a pair its words decide


@functools.lru_cache(maxsize=100_000)
def _stems(text: str) -> tuple[tuple[str, float], ...]:
    """Content-word stems and numbers of a text, each with its weight (the word's rarity)."""
    out: dict[str, float] = {}
    for n in text_numbers(text):
        out["#" + n] = RARE
    for w in word_tokens(text):
        if w in STOP or w.isdigit():
            continue
        stem = w[:-1] if len(w) > 3 and w.endswith("s") else w
        stem = stem[:6]  # "destroyed" / "destroy", "homes" / "home"
        out[stem] = max(out.get(stem, 0.0), rarity_of(w))
    return tuple(out.items())


def _stem_matrix(texts: Sequence[str]):
    """Rows of L2-normalised rarity-weighted stems, one per text (scipy CSR)."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for t in texts:
        for stem, w in _stems(t):
            indices.append(vocab.setdefault(stem, len(vocab)))
            data.append(w)
        indptr.append(len(indices))
    m = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), max(len(vocab), 1)),
    )
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ m


def _candidates(
    owners: np.ndarray, texts: Sequence[str], norms: Sequence[str], settings: AlignSettings
) -> set[tuple[int, int]]:
    """Sentence pairs (i < j, different articles) worth a verdict, from their words alone."""
    n = len(texts)
    pairs: set[tuple[int, int]] = set()
    if n == 0:
        return pairs
    # the same words: every copy of a sentence meets every other
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(norms):
        if key:
            groups[key].append(i)
    for members in groups.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if owners[i] != owners[j]:
                    pairs.add((i, j))
    # nearest sentences per other article by rarity-weighted stems; one sparse
    # product per article keeps memory at n x (sentences of one article)
    m = _stem_matrix(texts)
    articles = np.unique(owners)
    for art in articles:
        cols = np.flatnonzero(owners == art)
        block = (m @ m[cols].T).toarray()
        block[owners == art] = -1.0
        k = min(settings.n_lexical_neighbors, len(cols))
        if k < len(cols):
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        else:
            top = np.tile(np.arange(len(cols)), (n, 1))
        rows = np.repeat(np.arange(n), top.shape[1])
        flat_top = top.ravel()
        ok = block[rows, flat_top] >= settings.min_lexical
        for i, j in zip(rows[ok].tolist(), cols[flat_top[ok]].tolist()):
            pairs.add((i, j) if i < j else (j, i))
    # shared rare tokens (numbers, names, rare words) or shared quotes: the same fact
    # told differently may share few words otherwise
    index: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        keys = _rare_keys(text)
        for q in quote_spans(text):
            keys.update("q:" + " ".join(q[2][k : k + MIN_QUOTE_WORDS]) for k in range(len(q[2]) - MIN_QUOTE_WORDS + 1))
        for key in keys:
            index[key].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for key, members in index.items():
        if len(members) > 2 * len(articles) + 2:
            continue  # too common in this story to single out a fact
        weight = 2 if key.startswith("q:") else 1
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if owners[i] != owners[j]:
                    shared[(i, j)] += weight
    pairs.update(ij for ij, count in shared.items() if count >= 2)
    return pairs


class _LazyVectors:
    """MiniLM vectors of a story's sentences, embedded only when first asked for."""

    def __init__(self, texts: Sequence[str]) -> None:
        from ..embed import DIM

        self.texts = texts
        self.vecs = np.zeros((len(texts), DIM), dtype=np.float32)
        self.done = np.zeros(len(texts), dtype=bool)
        self.seconds = 0.0

    def __call__(self, indices: Iterable[int]) -> np.ndarray:
        """All vectors, those of ``indices`` filled (one batched call for the missing ones)."""
        from ..embed import embed

        idx = np.fromiter(indices, dtype=np.int64)
        todo = idx[~self.done[idx]] if len(idx) else idx
        if len(todo):
            t0 = time.perf_counter()
            self.vecs[todo] = embed([self.texts[i] for i in todo.tolist()])
            self.done[todo] = True
            self.seconds += time.perf_counter() - t0
        return self.vecs


@dataclass(frozen=True, slots=True)
class _Story:
    """The sentences of one story in one list, in the order of its articles."""

    flat: list[Sentence]
    texts: list[str]
    owners: np.ndarray  # rank of each sentence's article in the story's articles
    rank: dict[str, int]  # rank of each article id


def align_story(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    settings: AlignSettings | None = None,
    *,
    on_stat: Callable[[str, float], None] | None = None,
) -> tuple[Alignment, ...]:
    """Align the sentences that the articles of one story share, pair of articles by pair.

    Args:
        articles: the articles of the story.
        sentences: sentences of each article, by article id (articles missing here are skipped).
        settings: how widely candidate pairs are searched (defaults when None).
        on_stat: when given, called once per figure with its name and value, counts
            and seconds per step (``sentences``, ``all_pairs`` across articles,
            ``candidate_pairs``, ``lexical_pairs`` decided by their words alone,
            ``model_pairs`` that reached the model, ``model_texts`` distinct pairs
            of texts among them, ``embedded`` sentences whose vector was needed,
            ``embedded_texts`` distinct texts among them, ``embed_s``,
            ``candidates_s``, ``model_s``): what the benchmark reports. Not
            called for a story of fewer than two articles with sentences.

    Returns:
        Alignments ordered by article pair then position; ``a`` is always in the
        article listed first in ``articles``.

    Raises:
        ModelError: the packaged MiniLM or the paraphrase weights are missing.

    Example:
        >>> # two articles sharing one sentence word for word
        >>> [a.kind for a in align_story(arts, sents)]  # doctest: +SKIP
        ['verbatim']
    """
    settings = settings or AlignSettings()
    story = _read_story(articles, sentences)
    if story is None:
        return ()
    t0 = time.perf_counter()
    # steps 1-2: candidates and the verdicts their words alone give
    candidates = _oriented_candidates(story, settings)
    lexical, undecided = _lexical_verdicts(story, candidates)
    refine = _lexical_pairs_to_refine(story.owners, lexical, undecided)
    t1 = time.perf_counter()
    # step 3: embed only what an undecided pair needs
    vectors = _LazyVectors(story.texts)
    lexical_cos, kept = _cosines(vectors, lexical, undecided, refine, _min_undecided(settings))
    t2 = time.perf_counter()
    first_embed_s = vectors.seconds
    # steps 4-6: verdicts, kinds, runs
    pairs, verdicts, cosines, model_texts = _story_verdicts(story, lexical, lexical_cos, kept)
    verdicts = _clause_level(story, pairs, verdicts, cosines)
    found: dict[tuple, PairVerdict] = {ij: v for ij, v in zip(pairs, verdicts) if v.kind != "different"}
    found.update(_merged_runs(story.flat, vectors, pairs, verdicts))
    if on_stat is not None:
        counts = _story_counts(story, vectors, len(candidates), len(lexical), len(kept), model_texts)
        model_s = time.perf_counter() - t2 - (vectors.seconds - first_embed_s)
        for name, value in {**counts, "embed_s": vectors.seconds, "candidates_s": t1 - t0, "model_s": model_s}.items():
            on_stat(name, value)
    return _alignments(story, found)


def _read_story(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]) -> _Story | None:
    """The story's non-blank sentences, article by article; None with fewer than two articles left."""
    rank = {a.id: r for r, a in enumerate(articles)}
    flat: list[Sentence] = []
    for art in articles:
        for s in sentences.get(art.id, ()) or ():
            if s.article_id == art.id and s.text and s.text.strip():
                flat.append(s)
    if len({s.article_id for s in flat}) < 2:
        return None
    owners = np.array([rank[s.article_id] for s in flat])
    return _Story(flat=flat, texts=[s.text for s in flat], owners=owners, rank=rank)


def _oriented_candidates(story: _Story, settings: AlignSettings) -> list[tuple[int, int]]:
    """Candidate pairs in order, each as (sentence of the article listed first, the other)."""
    owners = story.owners
    norms = [normalise(t) for t in story.texts]
    candidates = sorted(_candidates(owners, story.texts, norms, settings))
    return [(i, j) if owners[i] < owners[j] else (j, i) for i, j in candidates]


def _lexical_verdicts(
    story: _Story, candidates: Sequence[tuple[int, int]]
) -> tuple[list[tuple[tuple[int, int], PairVerdict]], list[tuple[int, int]]]:
    """The candidates their words decide, with the verdict, and those left for the model.

    A candidate between two sentences that each already have a verbatim or
    near-verbatim twin in the other's article is left out of both.
    """
    texts, owners = story.texts, story.owners
    surface = [surface_verdict(texts[i], texts[j])[0] for i, j in candidates]
    twin: set[tuple[int, int]] = set()  # (sentence, other article) with a verbatim or near-verbatim match
    for (i, j), v in zip(candidates, surface):
        if v is not None and v.kind != "different":
            twin.add((i, int(owners[j])))
            twin.add((j, int(owners[i])))
    lexical = [(ij, v) for ij, v in zip(candidates, surface) if v is not None]
    undecided = [
        (i, j)
        for (i, j), v in zip(candidates, surface)
        if v is None and not ((i, int(owners[j])) in twin and (j, int(owners[i])) in twin)
    ]
    return lexical, undecided


def _lexical_pairs_to_refine(
    owners: np.ndarray, lexical: Sequence[tuple[tuple[int, int], PairVerdict]], undecided: Sequence[tuple[int, int]]
) -> list[int]:
    """Positions in ``lexical`` of the aligned pairs whose true cosine the mutual-best test needs.

    A pair decided by its words still takes part in the mutual-best test of
    undecided pairs of the same sentence and article: there its true cosine counts.
    """
    asked = {(i, int(owners[j])) for i, j in undecided} | {(j, int(owners[i])) for i, j in undecided}
    return [
        k
        for k, ((i, j), v) in enumerate(lexical)
        if v.kind != "different" and ((i, int(owners[j])) in asked or (j, int(owners[i])) in asked)
    ]


def _cosines(
    vectors: _LazyVectors,
    lexical: Sequence[tuple[tuple[int, int], PairVerdict]],
    undecided: Sequence[tuple[int, int]],
    refine: Sequence[int],
    min_cosine: float,
) -> tuple[list[float], list[tuple[tuple[int, int], float]]]:
    """The cosine of each lexical pair, and the undecided pairs close enough to keep, with theirs.

    One batched embedding call for the sentences of the undecided and refined
    pairs; a lexical pair not refined counts as 1.0 (0.0 if ``different``).
    """
    vecs = vectors(sorted({x for ij in undecided for x in ij} | {x for k in refine for x in lexical[k][0]}))
    lexical_cos = [_LEXICAL_DECIDED_COSINE if v.kind != "different" else 0.0 for _, v in lexical]
    for k in refine:
        i, j = lexical[k][0]
        lexical_cos[k] = float(vecs[i] @ vecs[j])
    if undecided:
        pair_index = np.asarray(undecided, dtype=np.int64)
        cos = np.einsum("ij,ij->i", vecs[pair_index[:, 0]], vecs[pair_index[:, 1]]).tolist()
    else:
        cos = []
    kept = [(ij, c) for ij, c in zip(undecided, cos) if c >= min_cosine]
    return lexical_cos, kept


def _story_verdicts(
    story: _Story,
    lexical: Sequence[tuple[tuple[int, int], PairVerdict]],
    lexical_cos: Sequence[float],
    kept: Sequence[tuple[tuple[int, int], float]],
) -> tuple[list[tuple[int, int]], list[PairVerdict], list[float], int]:
    """Every lexical and kept pair with its verdict in the story and its cosine, and how many distinct pairs of texts the model judged."""
    pairs = [ij for ij, _ in lexical] + [ij for ij, _ in kept]
    cosines = list(lexical_cos) + [c for _, c in kept]
    mutual = _mutual_best(pairs, cosines, story.owners)[len(lexical) :]
    model_verdicts, model_texts = _model_verdicts(story.texts, kept, mutual)
    verdicts = [v for _, v in lexical] + model_verdicts
    return pairs, _in_context(pairs, verdicts, story.owners, cosines, story.texts), cosines, model_texts


def _clause_level(
    story: _Story, pairs: Sequence[tuple[int, int]], verdicts: Sequence[PairVerdict], cosines: Sequence[float]
) -> list[PairVerdict]:
    """The verdicts, each ``related`` pair of mutual best matches whose clauses are paraphrases made one over those clauses.

    See :mod:`storyledger.align.clauses`: the same statement inside two
    sentences that each append matter of their own. A pair whose whole
    sentences disagree (a figure, a negation, the roles) is left related.
    """
    mutual = _mutual_best(pairs, cosines, story.owners)
    texts = story.texts
    # a pair related because a figure, a negation or the roles differ stays related: its clauses would hide that
    related = {
        (i, j): c
        for (i, j), v, c, best in zip(pairs, verdicts, cosines, mutual)
        if v.kind == "related" and best and not surface_verdict(texts[i], texts[j])[2]
        and not _any_figure_differs(texts[i], texts[j])
    }
    if not related:
        return list(verdicts)
    found = clause_verdicts(texts, related, _any_figure_differs)
    return [found.get(ij, v) for ij, v in zip(pairs, verdicts)]


def _model_verdicts(
    texts: Sequence[str], kept: Sequence[tuple[tuple[int, int], float]], mutual: Sequence[bool]
) -> tuple[list[PairVerdict], int]:
    """The model's verdict on each kept pair, and the number of distinct pairs of texts it judged.

    Copies repeat sentences word for word: each distinct pair of texts is
    judged once (the same two texts always have the same cosine, see
    storyledger.embed.model). Only a pair of mutual best matches close enough
    in meaning can end a paraphrase (_in_context): only such pairs may ask the
    verdict model.
    """
    distinct: dict[tuple[str, str], int] = {}
    for (i, j), c in kept:
        distinct.setdefault((texts[i], texts[j]), len(distinct))
    cos_of = {key: c for ((i, j), c) in kept for key in [(texts[i], texts[j])]}
    may_ask = [False] * len(distinct)
    min_paraphrase = thresholds().min_paraphrase
    for ((i, j), c), best in zip(kept, mutual):
        if best and c >= min_paraphrase:
            may_ask[distinct[(texts[i], texts[j])]] = True
    judged = classify_pairs([a for a, _ in distinct], [b for _, b in distinct], [cos_of[key] for key in distinct], may_ask=may_ask)
    return [judged[distinct[(texts[i], texts[j])]] for (i, j), _ in kept], len(distinct)


def _story_counts(
    story: _Story, vectors: _LazyVectors, candidate_pairs: int, lexical_pairs: int, model_pairs: int, model_texts: int
) -> dict[str, int]:
    """The counts ``align_story`` reports through ``on_stat``, in the order it reports them."""
    sizes = np.bincount(story.owners)
    embedded = np.flatnonzero(vectors.done)
    return {
        "sentences": len(story.flat),
        "all_pairs": int((sizes.sum() ** 2 - (sizes**2).sum()) // 2),
        "candidate_pairs": candidate_pairs,
        "lexical_pairs": lexical_pairs,
        "model_pairs": model_pairs,
        "model_texts": model_texts,
        "embedded": int(len(embedded)),
        "embedded_texts": len({" ".join(story.texts[i].lower().split()) for i in embedded.tolist()}),
    }


def _alignments(story: _Story, found: Mapping[tuple, PairVerdict]) -> tuple[Alignment, ...]:
    """The found pairs and runs as alignments with character spans, ordered by article pair then position."""
    flat, rank = story.flat, story.rank
    out = []
    for key, v in found.items():
        (i, i_end), (j, j_end) = key if isinstance(key[0], tuple) else ((key[0], key[0]), (key[1], key[1]))
        sa, sb = flat[i], flat[j]
        if v.span_a is not None:
            a = Span(article_id=sa.article_id, start=sa.start + v.span_a[0], end=sa.start + v.span_a[1])
            b = Span(article_id=sb.article_id, start=sb.start + v.span_b[0], end=sb.start + v.span_b[1])
        else:
            a = Span(article_id=sa.article_id, start=sa.start, end=flat[i_end].end)
            b = Span(article_id=sb.article_id, start=sb.start, end=flat[j_end].end)
        out.append(Alignment(kind=v.kind, score=round(float(v.score), 4), a=a, b=b))
    out.sort(key=lambda al: (rank[al.a.article_id], rank[al.b.article_id], al.a.start, al.b.start))
    return tuple(out)


# Durations told in longer units ("three decades") compared in years ("thirty years").
_IN_YEARS = {"unit:decade": 10.0, "unit:decades": 10.0, "unit:century": 100.0, "unit:centuries": 100.0}


def _in_years(figure: tuple[float, float, frozenset[str]]) -> tuple[float, float, frozenset[str]]:
    """A figure counted in decades or centuries as the same figure in years; any other unchanged."""
    value, unscaled, context = figure
    for unit, years in _IN_YEARS.items():
        if unit in context:
            return value * years, unscaled * years, (context - {unit}) | {"unit:years"}
    return figure


def _any_figure_differs(a: str, b: str) -> bool:
    """Each text has a figure the other lacks (read as by :func:`storyledger.align.pair_figures.same_value`), whatever the words around them.

    A duration in decades or centuries is compared in years: "three decades" and "thirty years" agree.
    """
    fa, fb = [_in_years(f) for f in read_figures(a)], [_in_years(f) for f in read_figures(b)]
    lone_a = [f for f in fa if not any(same_value(f, g) for g in fb)]
    lone_b = [g for g in fb if not any(same_value(f, g) for f in fa)]
    return bool(lone_a) and bool(lone_b)


def _mutual_best(pairs, cosines, owners) -> list[bool]:
    """Per pair, whether each sentence is (within a small margin) the other's best match in its article."""
    margin = thresholds().best_margin
    best_in: dict[tuple[int, int], float] = defaultdict(lambda: -1.0)
    for (i, j), c in zip(pairs, cosines):
        for me, other in ((i, j), (j, i)):
            key = (me, int(owners[other]))
            if c > best_in[key]:
                best_in[key] = c
    return [
        c >= best_in[(i, int(owners[j]))] - margin and c >= best_in[(j, int(owners[i]))] - margin
        for (i, j), c in zip(pairs, cosines)
    ]


def _in_context(pairs, verdicts, owners, cosines, texts) -> list[PairVerdict]:
    """Story-level checks the pair model cannot make on its own.

    The model learnt from MSRP, whose pairs were picked for high word overlap;
    inside a story it meets many topically close sentences that say different
    things. So a ``paraphrase`` must also be the best match of both sentences
    in each other's article (by cosine, within a small margin) and close in
    embedding space; otherwise it is at most ``related``. ``related`` itself
    needs a close cosine and to be among each sentence's two best matches.
    Inside a story any number of one sentence replaced by another number in
    the other makes the pair ``related`` (reconciliation compares the figures),
    where a pair on its own needs the same words around the two numbers.
    ``cosines`` holds each pair's cosine; a pair decided by its words
    (verbatim, near-verbatim) counts as 1.0, the best match there can be.
    """
    out = []
    t = thresholds()
    for (i, j), v, c, mutual in zip(pairs, verdicts, cosines, _mutual_best(pairs, cosines, owners)):
        if v.kind == "paraphrase":
            sure = c >= t.sure_paraphrase or (c >= t.min_paraphrase and v.score >= _SURE_PARAPHRASE)
            if not (mutual and sure) or _any_figure_differs(texts[i], texts[j]):
                v = PairVerdict("related", c)
        elif (
            v.kind in ("related", "different")
            and mutual
            and c >= t.same_content
            and not v.vetoed
            and not _any_figure_differs(texts[i], texts[j])
        ):
            # the same statement with a clause added: MSRP calls that "not a
            # paraphrase", but as alignment it is the same content, reworded
            v = PairVerdict("paraphrase", c)
        if v.kind == "related":
            if c >= t.min_related and (mutual or c >= t.sure_paraphrase):
                v = PairVerdict("related", c)
            else:
                v = PairVerdict("different", v.score)
        out.append(v)
    return out


_MERGE_KINDS = ("verbatim", "near_verbatim", "paraphrase")
_MERGE_LENGTH = 1.3  # a merge is tried when one sentence is this many times longer than the other
_STRENGTH = {"verbatim": 5, "near_verbatim": 4, "paraphrase": 3, "shared_quote": 2, "related": 1, "different": 0}


def _merged_runs(flat, vectors, pairs, verdicts) -> dict:
    """A sentence against two consecutive sentences of the other article merged, where that beats both.

    Tried around every pair already aligned (any kind): the neighbour before
    and after, on either side. The merged text's vector is the normalised sum
    of its two sentences' vectors (``vectors(indices)`` embeds only the
    sentences not embedded yet, no second call per text). Returns alignments
    keyed ``((i0, i1), (j0, j1))`` (inclusive sentence ranges of the flat
    list); the caller keeps the single-sentence alignments too.
    """
    by_pair = {ij: v for ij, v in zip(pairs, verdicts) if v.kind != "different"}
    trials: dict[tuple, int] = {}

    def neighbour(k: int, step: int) -> int | None:
        n = k + step
        if 0 <= n < len(flat) and flat[n].article_id == flat[k].article_id and flat[n].index == flat[k].index + step:
            return n
        return None

    length = [len(s.text) for s in flat]
    for (i, j), v in by_pair.items():
        if v.kind == "verbatim":
            continue
        for step in (-1, 1):
            for side in (0, 1):
                # only the shorter sentence of the pair can need its neighbour
                if (length[j] if side else length[i]) * _MERGE_LENGTH > (length[i] if side else length[j]):
                    continue
                k = neighbour(j if side else i, step)
                if k is None:
                    continue
                run = tuple(sorted((j if side else i, k)))
                key = ((i, i), run) if side else (run, (j, j))
                other = (i, k) if side else (k, j)
                best = max(_STRENGTH[v.kind], _STRENGTH[by_pair[other].kind] if other in by_pair else 0)
                trials[key] = max(trials.get(key, 0), best)
    if not trials:
        return {}
    keys = list(trials)
    vecs = vectors(sorted({k for (a0, a1), (b0, b1) in keys for k in (a0, a1, b0, b1)}))
    a_texts = [" ".join(flat[k].text for k in range(a0, a1 + 1)) for (a0, a1), _ in keys]
    b_texts = [" ".join(flat[k].text for k in range(b0, b1 + 1)) for _, (b0, b1) in keys]
    va = np.stack([vecs[a0] + vecs[a1] if a0 != a1 else vecs[a0] for (a0, a1), _ in keys])
    vb = np.stack([vecs[b0] + vecs[b1] if b0 != b1 else vecs[b0] for _, (b0, b1) in keys])
    cos = (va * vb).sum(axis=1) / np.maximum(np.linalg.norm(va, axis=1) * np.linalg.norm(vb, axis=1), 1e-12)
    out = {}
    t = thresholds()
    verdicts = classify_pairs(a_texts, b_texts, cos.tolist(), may_ask=(cos >= t.min_paraphrase).tolist())
    for key, ta, tb, c, v in zip(keys, a_texts, b_texts, cos.tolist(), verdicts):
        sure = c >= t.sure_paraphrase or (c >= t.min_paraphrase and v.score >= _SURE_PARAPHRASE)
        if v.kind == "paraphrase" and _any_figure_differs(ta, tb):
            continue
        if v.kind in _MERGE_KINDS and _STRENGTH[v.kind] > trials[key] and sure:
            out[key] = PairVerdict(v.kind, v.score)
    return out

