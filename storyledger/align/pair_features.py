"""The 52 features of a sentence pair that the paraphrase model reads, computed for many pairs at once.

:mod:`storyledger.align.paraphrase` judges thousands of candidate pairs per story, and
a story's sentences meet many others: in a 50-article story 15,000 pairs come
from 560 distinct texts, and half of the pairs repeat (wire copies). So
(issue #6):

1. each distinct text is read once (tokens, word and stem sets, n-grams, word
   rarity, figures, negation; :class:`_Info`, cached by text);
2. each distinct pair of texts is scored once, and the rapidfuzz ratios, all
   symmetric, once per unordered pair, in batched C calls
   (``rapidfuzz.process.cpdist``, one thread: the runner already spreads
   stories over processes);
3. every set overlap (words, stems, n-grams, names, numbers) is counted for
   all pairs in a few numpy calls: each text's items become ids in one
   vocabulary per batch, and an item of a pair's first text is shared when the
   key ``(pair, id)`` is among the second text's keys (a binary search);
4. the longest shared run of words is looked for only in pairs sharing a
   four-word run: below four, the n-gram overlaps give it;
5. where a text's unshared words lie is read off its token sequence with the
   same binary search, for all pairs at once (:class:`_Sequences`).

The values are those of the per-pair definition the model was trained with
(``tests/align/test_pair_features.py`` keeps it and compares, to 1e-9: rarity sums
are added in another order).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, count

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from ..text import STOP
from .pair_figures import figure_evidence, read_figures

__all__ = [
    "FEATURES",
    "NEGATION_OVERLAP",
    "RARE",
    "WORD",
    "common_run",
    "feature_matrix",
    "info",
    "jaccard",
    "pair_features",
    "rarity_of",
    "text_numbers",
    "word_tokens",
]

log = logging.getLogger(__name__)

WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w’'-]*[a-zA-Z]")
_NEGATION = frozenset(
    "not no never nobody neither nor cannot deny denies denied dont didnt doesnt isnt wasnt cant wont "
    "havent hasnt hadnt arent werent couldnt shouldnt wouldnt none nothing".split()
)
# Words that negate without a "not": "failed to address" / "did not address",
# "declined to comment" / "had no comment", "without details" / "gave no details".
_IMPLICIT_NEGATION = frozenset(
    "fail fails failed failing without refuse refuses refused refusing decline declines declined "
    "declining unable lack lacks lacked failure".split()
)
_AUXILIARY = frozenset("did does don't didn't doesn't isn't wasn't aren't weren't won't can't".split())
# content words a negation flip compares, by stem: the negating words themselves left out
_FLIP_DROP = _NEGATION | _IMPLICIT_NEGATION | _AUXILIARY
NEGATION_OVERLAP = 0.75  # flip-stem Jaccard above which a lone negation flips the claim

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
    "stem_cover_a",
    "stem_cover_b",
    "stems_unshared_a",
    "stems_unshared_b",
    "figure_conflict",
    "figures_lone_a",
    "figures_lone_b",
    "negation_flip",
    "longest_run",
    "negated_mismatch",
    "unshared_inside_a",
    "unshared_inside_b",
    "unshared_outside_a",
    "unshared_outside_b",
)
_COLUMN = {name: i for i, name in enumerate(FEATURES)}


# ---------------------------------------------------------------------------
# one text


@functools.cache
def _vocabulary() -> dict[str, int]:
    """The MiniLM WordPiece vocabulary: its word ids rise roughly with rarity."""
    try:
        from ..embed import vocabulary  # the models' own tokenizer: read once per process

        return vocabulary()
    except Exception as exc:  # the vocabulary only sharpens a feature; fall back to word length
        log.warning("no WordPiece vocabulary (%s): word rarity falls back to word length", exc)
        return {}


_FIRST_WORD_ID = 1996  # ids below are special tokens, unused slots and single characters
RARE = math.log(30522.0)


@functools.lru_cache(maxsize=200_000)
def rarity_of(word: str) -> float:
    """How rare a lowercase word is in general text: the log of its vocabulary rank.

    BERT's vocabulary lists whole words roughly by frequency, so the rank is a
    free unigram model; a word the vocabulary lacks (split into pieces) is rare.
    """
    vocab = _vocabulary()
    if not vocab:
        return min(RARE, 1.0 + len(word) / 1.5)
    i = vocab.get(word)
    if i is None:
        return RARE
    if i < _FIRST_WORD_ID:
        return 1.0
    return math.log(i - _FIRST_WORD_ID + 6)


@functools.lru_cache(maxsize=100_000)
def word_tokens(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in WORD.findall(text))


@functools.lru_cache(maxsize=100_000)
def text_numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))


def _names(text: str) -> list[str]:
    return [w.lower() for w in _NAME.findall(text) if w.lower() not in STOP]


@functools.lru_cache(maxsize=50_000)
def _negated(tokens: tuple[str, ...]) -> bool:
    """Whether a text says no to something, in words ("not", "never") or by its verb ("failed to")."""
    if "nothing" in tokens and "but" in tokens:  # "nothing but praise" praises
        tokens = [w for w in tokens if w != "nothing"]
    return any(w in _NEGATION or w in _IMPLICIT_NEGATION or w.endswith("n't") for w in tokens)


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if (a or b) else 1.0


class _Info:
    """What the features need of one text, computed once per text (a sentence meets many others).

    ``word_rarity`` and ``word_is_content`` follow ``words`` in its order;
    ``grams[n]`` counts each distinct n-gram (n = 2, 3, 4); ``stems`` are the
    content words by their first five letters ("destroyed" / "destroy"),
    ``flip_stems`` the same without the negating words.
    """

    __slots__ = (
        "tokens", "words", "content", "word_rarity", "word_is_content", "numbers", "names", "grams",
        "rarity_sum", "negations", "negated", "stems", "flip_stems", "figures",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        t = word_tokens(text)
        self.tokens = t
        self.words = frozenset(t)
        self.content = self.words - STOP
        self.numbers = text_numbers(text)
        self.names = frozenset(_names(text))
        self.grams = {n: Counter(zip(*(t[k:] for k in range(n)))) for n in (2, 3, 4)}
        rarity = {w: rarity_of(w) for w in self.words}
        self.rarity_sum = sum(rarity.values())
        self.word_rarity = tuple(rarity.values())  # in the order of self.words
        self.word_is_content = tuple(w in self.content for w in self.words)
        self.negations = sum(1 for w in t if w in _NEGATION or w.endswith("n't"))
        self.negated = _negated(t)
        self.stems = frozenset(w[:5] for w in self.content)
        self.flip_stems = frozenset(w[:5] for w in self.content - _FLIP_DROP)
        self.figures = read_figures(text)


@functools.lru_cache(maxsize=50_000)
def info(text: str) -> _Info:
    return _Info(text)


def common_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common contiguous run of words.

    Seed and extend: every position pair where a run starts (the same word,
    and not the same word just before in both) is followed while the words
    agree: linear in the matching positions plus the runs' lengths for news
    sentences, where a word seldom repeats, and no worse than the quadratic
    table for texts that repeat one word throughout.
    """
    where: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        where.setdefault(w, []).append(j)
    best, la, lb = 0, len(a), len(b)
    for i, w in enumerate(a):
        if la - i <= best:
            break  # no run starting here or later can be longer
        for j in where.get(w, ()):
            if lb - j <= best:
                break  # positions ascend: the rest are shorter still
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a run that starts earlier
            k = 1
            while i + k < la and j + k < lb and a[i + k] == b[j + k]:
                k += 1
            if k > best:
                best = k
    return best


# ---------------------------------------------------------------------------
# many pairs


def _row_entries(start: np.ndarray, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The entries of each pair's text ``texts[p]`` in a CSR layout whose rows begin at ``start``.

    Returns the pair of each entry and its position in the flat arrays.
    """
    lens = start[texts + 1] - start[texts]
    pair = np.repeat(np.arange(len(texts)), lens)
    first = np.repeat(start[texts] - (np.cumsum(lens) - lens), lens)
    return pair, first + np.arange(len(pair))


class _Items:
    """One kind of item (words, stems, bigrams...) of every text in a batch, as ids in CSR layout.

    Row ``k`` holds text ``k``'s distinct items, ``ids[start[k]:start[k + 1]]``
    in ascending order, with a weight each when ``weights`` gives one per item
    (a word's rarity, an n-gram's count) and a flag each when ``flags`` does.
    Items become ids in one vocabulary per batch.
    """

    __slots__ = ("start", "ids", "weights", "flags", "sizes", "n_ids")

    def __init__(self, rows: Sequence, weights: Iterable | None = None, flags: Iterable | None = None) -> None:
        vocab = dict(zip(dict.fromkeys(chain.from_iterable(rows)), count()))
        self.sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        self.start = np.concatenate(([0], np.cumsum(self.sizes)))
        total = int(self.start[-1])
        ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(rows)), dtype=np.int64, count=total)
        # ids ascending within each row, so that a pair's keys come out sorted (overlap)
        order = np.lexsort((ids, np.repeat(np.arange(len(rows)), self.sizes)))
        self.ids = ids[order]
        self.weights = self.flags = None
        if weights is not None:
            self.weights = np.fromiter(chain.from_iterable(weights), dtype=np.float64, count=total)[order]
        if flags is not None:
            self.flags = np.fromiter(chain.from_iterable(flags), dtype=bool, count=total)[order]
        self.n_ids = max(len(vocab), 1)

    def overlap(self, ta: np.ndarray, tb: np.ndarray):
        """Which items each pair's two texts share.

        Returns:
            ``(pair, at, shared)`` for the first texts' entries and the same for
            the second texts': the pair of each entry, its position in ``ids``
            and whether the other text of the pair has the item too.
        """
        pa, at_a = _row_entries(self.start, ta)
        pb, at_b = _row_entries(self.start, tb)
        # keys (pair, item), ascending on each side: pairs in order, ids ascending within a row
        ka = pa * self.n_ids + self.ids[at_a]
        kb = pb * self.n_ids + self.ids[at_b]
        return (pa, at_a, _member(ka, kb)), (pb, at_b, _member(kb, ka))

    def shared_count(self, ta: np.ndarray, tb: np.ndarray) -> np.ndarray:
        (pa, _, sa), _ = self.overlap(ta, tb)
        return np.bincount(pa[sa], minlength=len(ta)).astype(np.float64)


class _Sequences:
    """Every text of a batch as its token sequence: word ids, stem ids and content flags in CSR layout.

    A token's stem is its first five letters, -1 for a function word; a content
    token is neither a function word nor a bare number (figures have their own
    features).
    """

    __slots__ = ("start", "word", "stem", "content", "n_words", "n_stems")

    def __init__(self, infos: Sequence[_Info]) -> None:
        sizes = np.fromiter((len(i.tokens) for i in infos), dtype=np.int64, count=len(infos))
        self.start = np.concatenate(([0], np.cumsum(sizes)))
        flat = list(chain.from_iterable(i.tokens for i in infos))
        words: dict[str, int] = {}
        stems: dict[str, int] = {}
        self.word = np.fromiter((words.setdefault(w, len(words)) for w in flat), dtype=np.int64, count=len(flat))
        self.stem = np.fromiter(
            (-1 if w in STOP else stems.setdefault(w[:5], len(stems)) for w in flat), dtype=np.int64, count=len(flat)
        )
        self.content = np.fromiter((w not in STOP and not w.isdigit() for w in flat), dtype=bool, count=len(flat))
        self.n_words, self.n_stems = max(len(words), 1), max(len(stems), 1)

    def unshared_places(self, tx: np.ndarray, ty: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Content words of each pair's text ``tx[p]`` that ``ty[p]`` lacks: ``(inside, outside)`` counts.

        A word is shared when the other text has it or, for a word that is not
        a function word, its stem. Inside means strictly between the text's
        first and last shared word (not a function word): words reworded in
        place, which a paraphrase has. Outside means before or after them: a
        clause only one text adds at either end, information the other lacks.
        With nothing shared, every unshared word is outside.
        """
        m = len(tx)
        px, at_x = _row_entries(self.start, tx)
        py, at_y = _row_entries(self.start, ty)
        words_y = np.sort(py * self.n_words + self.word[at_y])
        stem_y = self.stem[at_y]
        stems_y = np.sort(py[stem_y >= 0] * self.n_stems + stem_y[stem_y >= 0])
        stem = self.stem[at_x]
        shared = _member(px * self.n_words + self.word[at_x], words_y)
        shared |= (stem >= 0) & _member(px * self.n_stems + np.maximum(stem, 0), stems_y)
        pos = at_x - self.start[tx][px]  # position in its own text
        anchor = shared & (stem >= 0)
        pa, where = px[anchor], pos[anchor]
        first, last = np.full(m, -1), np.full(m, -1)
        if len(pa):
            # entries run by pair, positions ascending: a pair's first and last anchors bound its run
            starts = np.concatenate(([True], pa[1:] != pa[:-1]))
            ends = np.concatenate((pa[1:] != pa[:-1], [True]))
            first[pa[starts]], last[pa[ends]] = where[starts], where[ends]
        unshared = self.content[at_x] & ~shared
        inside = unshared & (pos > first[px]) & (pos < last[px])
        n_inside = np.bincount(px[inside], minlength=m).astype(np.float64)
        return n_inside, np.bincount(px[unshared], minlength=m) - n_inside


def _member(x: np.ndarray, sorted_y: np.ndarray) -> np.ndarray:
    """Whether each value of ``x`` is in the ascending array ``sorted_y``."""
    if not len(sorted_y):
        return np.zeros(len(x), dtype=bool)
    return sorted_y[np.minimum(np.searchsorted(sorted_y, x), len(sorted_y) - 1)] == x


def _jaccards(inter: np.ndarray, na: np.ndarray, nb: np.ndarray) -> np.ndarray:
    """``|A & B| / |A | B|`` from the counts, 1.0 when both sets are empty (as :func:`jaccard`)."""
    union = na + nb - inter
    return np.divide(inter, union, out=np.ones(len(inter)), where=union > 0)


def _ratios(a: list[str], b: list[str], ta: list, tb: list) -> np.ndarray:
    """rapidfuzz's four character ratios and the token LCS of each pair, in batched C calls (one thread)."""
    out = np.empty((len(a), 5))
    if not a:
        return out
    for k, scorer in enumerate((fuzz.ratio, fuzz.token_set_ratio, fuzz.token_sort_ratio, fuzz.partial_ratio)):
        out[:, k] = process.cpdist(a, b, scorer=scorer, dtype=np.float64, workers=1) / 100.0
    out[:, 4] = process.cpdist(ta, tb, scorer=LCSseq.normalized_similarity, dtype=np.float64, workers=1)
    return out


def feature_matrix(a_texts: Sequence[str], b_texts: Sequence[str], cosines: Sequence[float]) -> np.ndarray:
    """The features of each pair ``(a_texts[i], b_texts[i])``, one row per pair in :data:`FEATURES` order.

    Args:
        a_texts: first texts.
        b_texts: second texts, as many.
        cosines: MiniLM cosine of each pair, as many.

    Returns:
        Array of shape ``(len(a_texts), len(FEATURES))``.

    Raises:
        ValueError: the three sequences differ in length.
    """
    n = len(a_texts)
    if len(b_texts) != n or len(cosines) != n:
        raise ValueError(
            f"a_texts, b_texts and cosines must have the same length (got {n}, {len(b_texts)}, {len(cosines)})"
        )
    x = np.zeros((n, len(FEATURES)))
    if n == 0:
        return x
    # 1. distinct texts, and distinct ordered pairs of them: features are computed per pair of texts
    where: dict[str, int] = {}
    ia = np.fromiter((where.setdefault(t, len(where)) for t in a_texts), dtype=np.int64, count=n)
    ib = np.fromiter((where.setdefault(t, len(where)) for t in b_texts), dtype=np.int64, count=n)
    texts = list(where)
    infos = [info(t) for t in texts]
    pairs, back = np.unique(ia * len(texts) + ib, return_inverse=True)
    ta, tb = pairs // len(texts), pairs % len(texts)
    x = _pair_matrix(texts, infos, ta, tb)[back.reshape(-1)]
    x[:, 0] = np.asarray(cosines, dtype=np.float64)
    return x


def _pair_matrix(texts: list[str], infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> np.ndarray:
    """Every feature but the cosine (column 0 of the result is left 0) for pairs of text indices.

    The numbers in the comments are the steps of the module's docstring.
    """
    n_tokens = _per_text([len(i.tokens) for i in infos])
    len_a, len_b = n_tokens[ta], n_tokens[tb]
    columns = _fuzzy_columns(texts, infos, ta, tb)  # 2.
    columns.update(_length_columns(len_a, len_b))  # 3.
    word_columns, shared_words = _word_columns(infos, ta, tb)
    columns.update(word_columns)
    columns.update(_stem_columns(infos, ta, tb))
    columns.update(_number_columns(infos, ta, tb))
    columns.update(_name_columns(infos, ta, tb))
    gram_columns, run = _ngram_columns(infos, ta, tb, len_a, len_b, shared_words)
    columns.update(gram_columns)
    run = _longest_runs(infos, ta, tb, run)  # 4.
    columns["longest_run"] = run / np.maximum(np.minimum(len_a, len_b), 1)
    columns.update(_negation_columns(infos, ta, tb))
    columns.update(_figure_columns(infos, ta, tb))
    columns.update(_unshared_place_columns(infos, ta, tb))  # 5.
    out = np.zeros((len(ta), len(FEATURES)))
    for name, values in columns.items():
        out[:, _COLUMN[name]] = values
    return out


def _per_text(values) -> np.ndarray:
    """One value per text, as floats."""
    return np.asarray(values, dtype=np.float64)


def _fuzzy_columns(texts: list[str], infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """rapidfuzz's ratios and the token LCS, once per unordered pair: every one of them is symmetric."""
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    unordered, back = np.unique(lo * len(texts) + hi, return_inverse=True)
    u_lo, u_hi = (unordered // len(texts)).tolist(), (unordered % len(texts)).tolist()
    ratios = _ratios(
        [texts[i] for i in u_lo], [texts[i] for i in u_hi], [infos[i].tokens for i in u_lo], [infos[i].tokens for i in u_hi]
    )[back.reshape(-1)]
    return {name: ratios[:, k] for k, name in enumerate(("ratio", "token_set_ratio", "token_sort_ratio", "partial_ratio", "lcs"))}


def _length_columns(len_a: np.ndarray, len_b: np.ndarray) -> dict[str, np.ndarray]:
    """How the two texts' lengths in tokens compare."""
    la, lb = np.maximum(len_a, 1), np.maximum(len_b, 1)
    return {
        "length_ratio": np.minimum(la, lb) / np.maximum(la, lb),
        "log_length_gap": np.abs(np.log(la / lb)),
        "words_a": len_a,
        "words_b": len_b,
        "word_gap": np.abs(len_a - len_b),
    }


def _word_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Overlap of the distinct words, plain, by rarity and of content words; and the shared words' count per pair."""
    m = len(ta)
    words = _Items([i.words for i in infos], [i.word_rarity for i in infos], [i.word_is_content for i in infos])
    (pa, at_a, sh_a), (pb, at_b, sh_b) = words.overlap(ta, tb)
    shared_words = np.bincount(pa[sh_a], minlength=m).astype(np.float64)
    wa, wb = _per_text([i.rarity_sum for i in infos])[ta], _per_text([i.rarity_sum for i in infos])[tb]
    shared = np.bincount(pa[sh_a], weights=words.weights[at_a[sh_a]], minlength=m)
    unshared_a = np.bincount(pa[~sh_a], weights=words.weights[at_a[~sh_a]], minlength=m)
    unshared_b = np.bincount(pb[~sh_b], weights=words.weights[at_b[~sh_b]], minlength=m)
    out = {
        "jaccard": _jaccards(shared_words, words.sizes[ta], words.sizes[tb]),
        "rare_cover_a": shared / np.maximum(wa, 1e-9),
        "rare_cover_b": shared / np.maximum(wb, 1e-9),
        "rare_jaccard": shared / np.maximum(wa + wb - shared, 1e-9),
        "rare_unshared_a": unshared_a,
        "rare_unshared_b": unshared_b,
        "rare_unshared_max": np.maximum(unshared_a, unshared_b),
        "rare_unshared_min": np.minimum(unshared_a, unshared_b),
    }
    for col, p, at, sh in (("rarest_unshared_a", pa, at_a, sh_a), ("rarest_unshared_b", pb, at_b, sh_b)):
        rarest = np.zeros(m)  # every rarity is >= 1, so 0 says "none unshared"
        np.maximum.at(rarest, p[~sh], words.weights[at[~sh]])
        out[col] = rarest
    n_content = np.fromiter((len(i.content) for i in infos), dtype=np.int64, count=len(infos))
    inter = np.bincount(pa[sh_a & words.flags[at_a]], minlength=m).astype(np.float64)
    na, nb = n_content[ta], n_content[tb]
    out["content_jaccard"] = _jaccards(inter, na, nb)
    out["content_cover_a"] = inter / np.maximum(na, 1)
    out["content_cover_b"] = inter / np.maximum(nb, 1)
    return out, shared_words


def _stem_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """How many content-word stems of each text the other has, and lacks."""
    stems = _Items([i.stems for i in infos])
    inter = stems.shared_count(ta, tb)
    na, nb = stems.sizes[ta], stems.sizes[tb]
    return {
        "stem_cover_a": inter / np.maximum(na, 1),
        "stem_cover_b": inter / np.maximum(nb, 1),
        "stems_unshared_a": na - inter,
        "stems_unshared_b": nb - inter,
    }


def _number_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """Whether the pair has numbers, and how far the two texts' sets of numbers agree."""
    numbers = _Items([i.numbers for i in infos])
    inter = numbers.shared_count(ta, tb)
    na, nb = numbers.sizes[ta], numbers.sizes[tb]
    unshared = na + nb - 2 * inter
    return {
        "has_numbers": (na + nb) > 0,
        "number_jaccard": _jaccards(inter, na, nb),
        "number_differs": unshared > 0,
        "numbers_unshared": unshared,
    }


def _name_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """How far the two texts' sets of names agree."""
    names = _Items([i.names for i in infos])
    inter = names.shared_count(ta, tb)
    na, nb = names.sizes[ta], names.sizes[tb]
    return {"name_jaccard": _jaccards(inter, na, nb), "names_unshared": na + nb - 2 * inter}


def _ngram_columns(
    infos: list[_Info], ta: np.ndarray, tb: np.ndarray, len_a: np.ndarray, len_b: np.ndarray, shared_words: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """n-gram precision (the share of a text's n-grams, counted with repeats, that the other has) and bigram Jaccard.

    Also returns a lower bound of each pair's longest shared run of words:
    the longest n (up to 4) of a shared n-gram, 1 for a shared word, else 0.
    """
    m = len(ta)
    out: dict[str, np.ndarray] = {}
    run = np.where(shared_words > 0, 1.0, 0.0)
    for size, name in ((2, "bigram"), (3, "trigram"), (4, "fourgram")):
        grams = _Items([i.grams[size] for i in infos], [i.grams[size].values() for i in infos])
        (pa, at_a, sh_a), (pb, at_b, sh_b) = grams.overlap(ta, tb)
        hits_a = np.bincount(pa[sh_a], weights=grams.weights[at_a[sh_a]], minlength=m)
        hits_b = np.bincount(pb[sh_b], weights=grams.weights[at_b[sh_b]], minlength=m)
        total_a, total_b = np.maximum(len_a - size + 1, 0), np.maximum(len_b - size + 1, 0)
        out[f"{name}_precision_a"] = np.divide(hits_a, total_a, out=np.ones(m), where=total_a > 0)
        out[f"{name}_precision_b"] = np.divide(hits_b, total_b, out=np.ones(m), where=total_b > 0)
        if size == 2:
            inter = np.bincount(pa[sh_a], minlength=m).astype(np.float64)
            out["bigram_jaccard"] = _jaccards(inter, grams.sizes[ta], grams.sizes[tb])
        run[hits_a > 0] = size
    return out, run


def _longest_runs(infos: list[_Info], ta: np.ndarray, tb: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """Each pair's longest shared run of words: looked for only where a four-word run is shared, ``bound`` elsewhere."""
    run = bound.copy()
    for p in np.flatnonzero(bound == 4).tolist():
        run[p] = common_run(infos[ta[p]].tokens, infos[tb[p]].tokens)
    return run


def _negation_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """Negation counts, yes/no, and a flip (one says no, the rest alike)."""
    negations = _per_text([i.negations for i in infos])
    negated = np.array([i.negated for i in infos])
    mismatch = negated[ta] != negated[tb]
    flip = _Items([i.flip_stems for i in infos])
    fa, fb = ta[mismatch], tb[mismatch]
    flipped = np.zeros(len(ta))
    flipped[mismatch] = _jaccards(flip.shared_count(fa, fb), flip.sizes[fa], flip.sizes[fb]) >= NEGATION_OVERLAP
    return {"negation_mismatch": negations[ta] != negations[tb], "negated_mismatch": mismatch, "negation_flip": flipped}


def _figure_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """Figure conflict and lone figures: compared only in pairs where both texts have one."""
    n_figures = np.array([len(i.figures) for i in infos])
    conflict, lone_a, lone_b = np.zeros(len(ta)), n_figures[ta].astype(np.float64), n_figures[tb].astype(np.float64)
    for p in np.flatnonzero((n_figures[ta] > 0) & (n_figures[tb] > 0)).tolist():
        conflict[p], lone_a[p], lone_b[p] = figure_evidence(infos[ta[p]].figures, infos[tb[p]].figures)
    return {"figure_conflict": conflict, "figures_lone_a": lone_a, "figures_lone_b": lone_b}


def _unshared_place_columns(infos: list[_Info], ta: np.ndarray, tb: np.ndarray) -> dict[str, np.ndarray]:
    """Unshared content words inside each text's shared stretch, and outside it."""
    sequences = _Sequences(infos)
    inside_a, outside_a = sequences.unshared_places(ta, tb)
    inside_b, outside_b = sequences.unshared_places(tb, ta)
    return {
        "unshared_inside_a": inside_a,
        "unshared_outside_a": outside_a,
        "unshared_inside_b": inside_b,
        "unshared_outside_b": outside_b,
    }


def pair_features(a: str, b: str, cosine: float) -> list[float]:
    """The features the paraphrase model reads for one pair of texts, in :data:`FEATURES` order.

    For many pairs, :func:`feature_matrix` is much faster (one call, values the same).

    Args:
        a: first text.
        b: second text.
        cosine: MiniLM cosine of the two texts.

    Returns:
        One float per name in ``FEATURES``.
    """
    return feature_matrix([a], [b], [cosine])[0].tolist()
