"""Say how two sentences relate: the same words, small edits, a paraphrase, a shared quote, or related.

This is the pair verdict that :mod:`storyledger.align.story` applies inside a story
and that ``storyledger compare --pairs`` applies to pairs of texts on their own:

* :func:`pair_features` reads what a pair's words say (rapidfuzz ratios, token,
  stem and rare-word overlap, n-gram precision, word order, the longest shared
  run, figures compared with scale and format normalised, negation and name
  agreement) beside the MiniLM cosine of the two texts; :func:`feature_matrix`
  computes them for many pairs at once, reading each text once
  (:mod:`storyledger.align.pair_features`);
* a small model trained on the MSRP train split (a bag of one-hidden-layer
  networks, ``tools/train_paraphrase.py``; weights as JSON in
  ``models/paraphrase.json``, inference in numpy) turns them into a paraphrase
  probability (:func:`model_probabilities`); where it is unsure, a second bag
  that also reads the cosine of MiniLM fine-tuned on MSRP decides
  (:func:`cascade_probabilities`);
* :func:`classify_pairs` gives the kind: ``verbatim`` (same words once case,
  punctuation and whitespace are dropped), ``near_verbatim`` (small edits),
  ``paraphrase`` (the model says so and no number, negation or role differs),
  ``shared_quote`` (the same quoted run of four words or more inside otherwise
  different sentences), ``related`` (same fact, not the same statement: a
  different figure, a denial, swapped roles) or ``different``.

Word rarity comes free from the MiniLM WordPiece vocabulary, whose whole-word
ids rise roughly with rarity.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ..text import STOP
from .pair_features import (
    NEGATION_OVERLAP,
    WORD,
    FEATURES,
    common_run,
    info,
    jaccard,
    word_tokens,
    feature_matrix,
)
from .pair_figures import numbers_disagree

__all__ = [
    "MIN_QUOTE_WORDS",
    "MIN_RELATED_COSINE",
    "PairVerdict",
    "SECOND_FEATURES",
    "SURE_PARAPHRASE_COSINE",
    "cascade_probabilities",
    "classify_pairs",
    "compare_texts",
    "model_probabilities",
    "normalise",
    "quote_spans",
    "surface_verdict",
    "verdicts_from_features",
]

log = logging.getLogger(__name__)

# Cosines a verdict needs (align.py asks more of a pair inside a story), for the
# default general model; storyledger.align.cosines holds each model's.
MIN_RELATED_COSINE = 0.6
SURE_PARAPHRASE_COSINE = 0.8

_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,}?)[\"“”«»]|(?<!\w)['‘’]([^'‘’]{3,}?)['’](?!\w)")
MIN_QUOTE_WORDS = 4


# ---------------------------------------------------------------------------
# model


def _model() -> dict:
    """The pair model trained on the cosines of the general sentence model in use."""
    from .cosines import pair_model_path

    return _model_at(pair_model_path())


@functools.cache
def _model_at(path: Path) -> dict:
    from ..errors import ModelError

    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"{path} is missing or damaged ({exc}): run tools/train_paraphrase.py or reinstall storyledger"
        ) from exc
    if tuple(model.get("features", ())) != FEATURES or (
        "second" in model and tuple(model["second"].get("features", ())) != SECOND_FEATURES
    ):
        raise ModelError(f"{path} was trained on other features: run tools/train_paraphrase.py")
    return model


SECOND_FEATURES = (*FEATURES, "verdict_cosine")


def model_probabilities(model: Mapping, x: np.ndarray) -> np.ndarray:
    """Paraphrase probability per row of a feature matrix under a model as trained and shipped.

    The model is a bag of one-hidden-layer ReLU networks over standardised
    features (``tools/train_paraphrase.py``); their probabilities are averaged.

    Args:
        model: the JSON model (``mean``, ``scale``, ``nets``).
        x: features, one row per pair, columns in :data:`FEATURES` order.

    Returns:
        Probabilities, shape ``(len(x),)``.
    """
    x = np.asarray(x, dtype=np.float64)
    if len(x) == 0:
        return np.zeros(0)
    z = (x - np.asarray(model["mean"])) / np.asarray(model["scale"])
    total = np.zeros(len(x))
    for net in model["nets"]:
        h = np.maximum(z @ np.asarray(net["w1"]) + np.asarray(net["b1"]), 0.0)
        logit = h @ np.asarray(net["w2"]) + float(net["b2"])
        total += 1.0 / (1.0 + np.exp(-np.clip(logit, -30, 30)))
    return total / len(model["nets"])


def cascade_probabilities(model: Mapping, x: np.ndarray, unsure_ok: np.ndarray, verdict_cosines) -> np.ndarray:
    """Paraphrase probabilities, the second stage's where the first is unsure.

    The first stage reads :data:`FEATURES` (the general model's cosine among
    them). Where its probability falls inside ``model["second"]["band"]`` and
    the pair's kind hangs on it (``unsure_ok``), the second stage decides,
    reading the verdict model's cosine too (:mod:`storyledger.embed.model`,
    ``model="verdict"``). So the verdict model embeds only the sentences of
    the pairs in doubt.

    Args:
        model: the JSON model; without a ``second`` stage the first decides alone.
        x: features, one row per pair, columns in :data:`FEATURES` order.
        unsure_ok: per pair, whether the second stage may be asked.
        verdict_cosines: called with the indices of the pairs in doubt, returns
            their verdict-model cosines; or an array of every pair's.

    Returns:
        Probabilities, shape ``(len(x),)``.
    """
    p = model_probabilities(model, x)
    second = model.get("second")
    if second is None or verdict_cosines is None or not len(p):
        return p
    lo, hi = second["band"]
    unsure = np.flatnonzero((p >= lo) & (p <= hi) & np.asarray(unsure_ok, dtype=bool))
    if len(unsure):
        c = verdict_cosines(unsure) if callable(verdict_cosines) else np.asarray(verdict_cosines)[unsure]
        p[unsure] = model_probabilities(second, np.column_stack([np.asarray(x, dtype=np.float64)[unsure], c]))
    return p


# ---------------------------------------------------------------------------
# kinds


def normalise(text: str) -> str:
    return " ".join(word_tokens(text))


@functools.lru_cache(maxsize=50_000)
def quote_spans(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Quoted spans of at least four words: (start, end, lowercase words), offsets in ``text``."""
    out = []
    for m in _QUOTED.finditer(text):
        g = 1 if m.group(1) is not None else 2
        words = word_tokens(m.group(g))
        if len(words) >= MIN_QUOTE_WORDS:
            out.append((m.start(g), m.end(g), words))
    return tuple(out)


@functools.lru_cache(maxsize=100_000)
def _quote_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """:func:`common_run` of two quotes' words: a quote recurs in many pairs of a story."""
    return common_run(a, b)


def _shared_quote(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int], float] | None:
    """The longest quoted run of >= 4 words found in both texts, as spans in each, and its share."""
    best = None
    for qa in quote_spans(a):
        for qb in quote_spans(b):
            n = _quote_run(qa[2], qb[2])
            if n >= MIN_QUOTE_WORDS and (best is None or n > best[2]):
                best = ((qa[0], qa[1]), (qb[0], qb[1]), n)
    if best is None:
        # a quote in one text whose words appear unquoted (or quoted otherwise) in the other
        nb = normalise(b)
        for qa in quote_spans(a):
            if len(qa[2]) >= MIN_QUOTE_WORDS + 2 and f" {' '.join(qa[2])} " in f" {nb} ":
                span_b = _find_words(b, qa[2])
                if span_b is not None:
                    best = ((qa[0], qa[1]), span_b, len(qa[2]))
                    break
    if best is None:
        return None
    share = best[2] / max(len(word_tokens(a)), len(word_tokens(b)), 1)
    return best[0], best[1], share


def _find_words(text: str, words: Sequence[str]) -> tuple[int, int] | None:
    """Character span in ``text`` of the run of ``words`` (case and punctuation ignored)."""
    found = [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in WORD.finditer(text)]
    n = len(words)
    for i in range(len(found) - n + 1):
        if all(found[i + k][2] == words[k] for k in range(n)):
            return found[i][0], found[i + n - 1][1]
    return None


_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*[a-zA-Z](?:\s+[A-Z][\w’'-]*[a-zA-Z])*")


@functools.lru_cache(maxsize=50_000)
def _name_runs(text: str) -> tuple[tuple[str, int, int], ...]:
    """Runs of capitalised words ("Deputy Police Chief Ada Quill") as one name each, with spans."""
    out = []
    for m in _NAME_RUN.finditer(text):
        words = [w.lower() for w in m.group().split() if w.lower() not in STOP]
        if words and words[-1] not in _CALENDAR:
            out.append((words[-1], m.start(), m.end()))
    return tuple(out)


def _role_swap(a: str, b: str) -> bool:
    """Two names in opposite order around the same words: who did what to whom differs.

    "Smith sued Jones" / "Jones sued Smith". A name is a run of capitalised
    words known by its last word; names met twice in a text, and names whose
    words in between have nothing in common (a clause moved, not the roles
    swapped), do not count.
    """
    ra, rb = _name_runs(a), _name_runs(b)
    ka = [n for n, _, _ in ra]
    kb = [n for n, _, _ in rb]
    common = [n for n in ka if n in kb and ka.count(n) == 1 and kb.count(n) == 1]
    if len(common) < 2:
        return False
    order_b = [n for n in kb if n in common]
    first, second = common[:2]
    if order_b[:2] != [second, first]:
        return False
    span_a = {n: (s, e) for n, s, e in ra}
    span_b = {n: (s, e) for n, s, e in rb}
    between_a = a[span_a[first][1] : span_a[second][0]]
    between_b = b[span_b[second][1] : span_b[first][0]]
    words_a, words_b = word_tokens(between_a), word_tokens(between_b)
    if not (0 < len(words_a) <= 6 and 0 < len(words_b) <= 6) or "by" in words_a + words_b:
        return False  # names far apart, or a passive ("sued by"): the same roles, reworded
    stems_a = {w[:5] for w in words_a if w not in STOP}
    stems_b = {w[:5] for w in words_b if w not in STOP}
    return bool(stems_a and stems_b) and jaccard(stems_a, stems_b) >= 0.5 and fuzz.token_sort_ratio(a, b) >= 70


class PairVerdict(tuple):
    """``(kind, score, span_a, span_b, vetoed)``; kind is ``different`` when nothing aligns.

    Spans are ``(start, end)`` inside each text, or ``None`` for the whole text.
    The score is the model's paraphrase probability, 1.0 for ``verbatim``, the
    character/word overlap for ``near_verbatim``, the quote's share of the
    longer text for ``shared_quote``; in a story, the cosine for ``related``.
    """

    __slots__ = ()

    def __new__(cls, kind: str, score: float, span_a=None, span_b=None, vetoed: bool = False):
        return super().__new__(cls, (kind, float(score), span_a, span_b, bool(vetoed)))

    kind = property(lambda self: self[0])
    score = property(lambda self: self[1])
    span_a = property(lambda self: self[2])
    span_b = property(lambda self: self[3])
    vetoed = property(lambda self: self[4], doc="a number, a negation or the roles differ")


@functools.lru_cache(maxsize=100_000)
def surface_verdict(a: str, b: str) -> tuple[PairVerdict | None, bool, bool]:
    """What the words alone settle about a pair: ``(verdict or None, near, vetoed)``.

    The verdict is ``different`` (nothing to align), ``verbatim`` or
    ``near_verbatim`` (small edits, no figure or negation flipped); none of
    these depends on the MiniLM cosine or the model. Otherwise ``near`` says
    the words are nearly the same (a flipped figure or negation) and
    ``vetoed`` that a number, a negation or the roles differ.
    """
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return PairVerdict("different", 0.0), False, False
    if na == nb:
        return PairVerdict("verbatim", 1.0), True, False
    numbers_conflict = numbers_disagree(a, b)
    negation = _negation_flip(a, b)
    ratio = fuzz.ratio(na, nb) / 100.0
    ta, tb = na.split(), nb.split()
    lcs = LCSseq.similarity(ta, tb)
    # near-verbatim: a few words edited or added, all in place (the longer text is
    # nearly all the shorter one's words in order, plus at most a short addition)
    near = ratio >= 0.9 or (lcs >= 0.9 * min(len(ta), len(tb)) and lcs >= 0.65 * max(len(ta), len(tb)))
    if near and not numbers_conflict and not negation:
        return PairVerdict("near_verbatim", max(ratio, lcs / max(len(ta), len(tb)))), True, False
    return None, near, bool(numbers_conflict or negation or _role_swap(a, b))


def _kind(a: str, b: str, p: float, f: Sequence[float], threshold: float, related: float) -> PairVerdict:
    """Kind of one scored pair, from its paraphrase probability ``p`` and its features ``f``."""
    from .cosines import thresholds

    fi = _FEATURE_INDEX
    decided, near, vetoed = surface_verdict(a, b)
    if decided is not None:
        return decided
    if p >= threshold and not vetoed:
        return PairVerdict("paraphrase", p)
    quote = _shared_quote(a, b) or _shared_quote_reversed(a, b)
    if quote is not None:  # the quoted words are all the two texts share
        return PairVerdict("shared_quote", quote[2], quote[0], quote[1], vetoed=vetoed)
    cos = f[fi["cosine"]]
    t = thresholds()
    if near or (cos >= t.min_related and (p >= related or cos >= t.sure_paraphrase)):
        return PairVerdict("related", p, vetoed=vetoed)
    return PairVerdict("different", p, vetoed=vetoed)


def _shared_quote_reversed(a: str, b: str):
    found = _shared_quote(b, a)
    return None if found is None else (found[1], found[0], found[2])


def _negation_flip(a: str, b: str) -> bool:
    """One text negates what the other states: one says no, the other not, and the rest is alike.

    Whether a text negates is a yes or no ("neither admitted nor denied" and
    "did not admit" both negate), and refusals and failures count as negations
    ("declined to comment" / "had no comment").
    """
    ia, ib = info(a), info(b)
    if ia.negated == ib.negated:
        return False
    # word stems by their first five letters: "destroyed" / "did not destroy"
    return jaccard(ia.flip_stems, ib.flip_stems) >= NEGATION_OVERLAP


_FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}


def classify_pairs(
    a_texts: Sequence[str], b_texts: Sequence[str], cosines: Sequence[float], *, may_ask: Sequence[bool] | None = None
) -> list[PairVerdict]:
    """Kind and score of each pair ``(a_texts[i], b_texts[i])`` with its MiniLM cosine.

    Args:
        a_texts: first texts.
        b_texts: second texts, same length.
        cosines: cosine of each pair's embeddings.
        may_ask: per pair, whether the second stage may judge it (default:
            every pair). A story passes only pairs that could end a
            paraphrase there, so the verdict model embeds fewer sentences.

    Returns:
        One :class:`PairVerdict` per pair, kind ``different`` when the pair does not align.
    """
    if not a_texts:
        return []
    x = feature_matrix(a_texts, b_texts, cosines)

    def verdict_cosines(rows: np.ndarray) -> np.ndarray:
        from ..embed import embed

        texts = list(dict.fromkeys(t for i in rows.tolist() for t in (a_texts[i], b_texts[i])))
        where = {t: k for k, t in enumerate(texts)}
        vecs = embed(texts, model="verdict")
        ia = [where[a_texts[i]] for i in rows.tolist()]
        ib = [where[b_texts[i]] for i in rows.tolist()]
        return np.einsum("ij,ij->i", vecs[ia], vecs[ib]).astype(np.float64)

    return verdicts_from_features(a_texts, b_texts, x, _model(), verdict_cosines, may_ask)


def verdicts_from_features(
    a_texts: Sequence[str], b_texts: Sequence[str], x: np.ndarray, model: Mapping, verdict_cosines=None, may_ask=None
) -> list[PairVerdict]:
    """Like :func:`classify_pairs` from precomputed features and a given model (for evaluation).

    ``verdict_cosines`` is as :func:`cascade_probabilities` takes it; ``None``:
    the first stage decides alone. ``may_ask``: per pair, whether the second
    stage may judge it (default: every pair the words leave open).
    """
    surface = [surface_verdict(a, b) for a, b in zip(a_texts, b_texts)]
    open_ = np.array([d is None and not vetoed for d, _, vetoed in surface], dtype=bool)
    if may_ask is not None:
        open_ &= np.asarray(may_ask, dtype=bool)
    p = cascade_probabilities(model, x, open_, verdict_cosines)
    threshold, related = float(model["threshold"]), float(model.get("related_threshold", 0.25))
    return [_kind(a, b, float(pi), xi, threshold, related) for a, b, pi, xi in zip(a_texts, b_texts, p, x)]


# ---------------------------------------------------------------------------
# compare


def compare_texts(pairs: Iterable[tuple[str, str, str]]) -> Iterator[tuple[str, str, float]]:
    """Say how each pair of texts relates: one of the alignment kinds, or ``different``.

    All texts are embedded in one batched call.

    Args:
        pairs: ``(id, text_a, text_b)`` triples.

    Yields:
        ``(id, kind, score)`` per pair, in input order; ``kind`` is ``verbatim``,
        ``near_verbatim``, ``paraphrase``, ``shared_quote``, ``related`` or ``different``.

    Raises:
        ModelError: the packaged MiniLM or the paraphrase weights are missing.

    Example:
        >>> list(compare_texts([("1", "The cat sat.", "the cat sat")]))  # doctest: +SKIP
        [('1', 'verbatim', 1.0)]
    """
    from ..embed import embed

    items = [(str(i), a if isinstance(a, str) else "", b if isinstance(b, str) else "") for i, a, b in pairs]
    if not items:
        return
    unique = list(dict.fromkeys(t for _, a, b in items for t in (a, b)))
    where = {t: k for k, t in enumerate(unique)}
    vecs = embed(unique)
    cos = [float(vecs[where[a]] @ vecs[where[b]]) for _, a, b in items]
    verdicts = classify_pairs([a for _, a, _ in items], [b for _, _, b in items], cos)
    for (pid, _, _), v in zip(items, verdicts):
        yield pid, v.kind, round(float(v.score), 4)
