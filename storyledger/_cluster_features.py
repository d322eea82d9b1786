"""Article features for story clustering: hashed TF-IDF of words and of named things, leads.

Everything is hashed into fixed-width sparse vectors (``2**20`` columns), so
the vocabulary never has to be stored and an index can keep document
frequencies as one growing array (see ``StoryIndex`` in ``cluster.py``).

Named things are cheap regex features, no NER model: runs of capitalised
words ("Gulf of Aden" -> ``gulf_of_aden``), all-caps acronyms and numbers
(``#23``, ``#2008``). Two reports of one event share them; two similar events
(two earthquakes, two shootings) differ in exactly these.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from .records import Article, Sentence

N_FEATURES = 2**20
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "mr", "mrs", "ms"}
_WORD = re.compile(r"[^\W\d_]{2,}")
_CONNECT = r"(?:of|de|du|la|le|al|el|da|del|von|van|der|bin|the|and|for|on)"
_CAPWORD = r"(?:[A-Z][\w'’.&-]*[a-z0-9][\w'’.&-]*|[A-Z]{2,}[\w'’.&-]*)"
_NAMED = re.compile(rf"\b{_CAPWORD}(?:(?:\s+{_CONNECT})?\s+{_CAPWORD})*")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens of two letters or more, stop words dropped."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def named_things(text: str) -> list[str]:
    """Capitalised name sequences and numbers, normalised (``gulf_of_aden``, ``#23``)."""
    out = []
    for m in _NAMED.finditer(text):
        name = _POSSESSIVE.sub("", m.group(0).rstrip(".-&"))
        key = name.lower()
        if key in _STOP or len(key) < 2:
            continue
        out.append(key.replace(" ", "_"))
    for m in _NUMBER.finditer(text):
        num = m.group(0).replace(",", "")
        if num.strip("0.") and len(num) >= 2:
            out.append("#" + num)
    return out


def lead(article: Article, sentences: Sequence[Sentence] | None, n_sentences: int = 2) -> str:
    """The title and the first sentences of an article: what the story is about."""
    if sentences:
        first = [s.text for s in sorted(sentences, key=lambda s: s.index)[:n_sentences + 1]]
    else:
        first = [p for p in _SENTENCE_END.split(article.text[:2000].strip()) if p][: n_sentences + 1]
    # The first "sentence" of scraped text is often the headline itself.
    if article.title and first and first[0].strip() == article.title.strip():
        first = first[1:]
    parts = ([article.title.strip()] if article.title else []) + [s.strip() for s in first[:n_sentences]]
    return " ".join(p for p in parts if p)[:600]


MAX_CHARS = 20_000


def full_text(article: Article) -> str:
    """Title and body, cut at ``MAX_CHARS``: what a story is about is said early, and cost stays bounded."""
    text = f"{article.title}\n{article.text}" if article.title else article.text
    return text[:MAX_CHARS]


_WORD_HASHER = HashingVectorizer(
    analyzer=words, n_features=N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32
)
_NAME_HASHER = HashingVectorizer(
    analyzer=named_things, n_features=N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32
)


def counts(texts: Sequence[str], kind: str) -> sp.csr_matrix:
    """Raw term counts, hashed: ``kind`` is ``"words"`` or ``"names"``."""
    hasher = _WORD_HASHER if kind == "words" else _NAME_HASHER
    return hasher.transform(texts).tocsr()


def document_frequency(tf: sp.csr_matrix) -> np.ndarray:
    """How many rows hold each column, as int64 of width ``N_FEATURES``."""
    return np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.int64)


def tfidf(tf: sp.csr_matrix, df: np.ndarray, n_docs: int) -> sp.csr_matrix:
    """Sublinear TF times smoothed IDF, rows L2-normalised."""
    out = tf.copy().astype(np.float32)
    out.data = 1.0 + np.log(out.data)
    idf = np.log((1.0 + n_docs) / (1.0 + df[out.indices])) + 1.0
    out.data *= idf.astype(np.float32)
    return normalize(out, norm="l2", copy=False)


def signature(x: sp.csr_matrix, df: np.ndarray, n_docs: int, n_terms: int = 30) -> sp.csr_matrix:
    """Each row's ``n_terms`` heaviest terms that are not everywhere: the blocking keys.

    Terms held by more than ``max(50, 5% of documents)`` rows are dropped, so a
    posting list stays short and candidate search stays near-linear.
    """
    cap = max(50, int(0.05 * n_docs))
    keep_col = df <= cap
    x = x.tocsr()
    rows, cols, vals = [], [], []
    for i in range(x.shape[0]):
        lo, hi = x.indptr[i], x.indptr[i + 1]
        idx, val = x.indices[lo:hi], x.data[lo:hi]
        ok = keep_col[idx]
        idx, val = idx[ok], val[ok]
        if len(idx) > n_terms:
            top = np.argpartition(-val, n_terms)[:n_terms]
            idx, val = idx[top], val[top]
        rows.append(np.full(len(idx), i))
        cols.append(idx)
        vals.append(val)
    if not rows:
        return sp.csr_matrix((0, x.shape[1]), dtype=np.float32)
    out = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=x.shape, dtype=np.float32
    )
    return normalize(out, norm="l2", copy=False)


def rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``a[i[k]] . b[j[k]]`` for every k, vectorised."""
    if len(i) == 0:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(a[i].multiply(b[j]).sum(axis=1)).ravel().astype(np.float32)


def days_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Absolute day differences; NaN where either date is unknown."""
    return np.abs(a - b)


def day_numbers(articles: Sequence[Article]) -> np.ndarray:
    """Days since 1970 of each ``published`` date (float), NaN when missing or unreadable."""
    out = np.full(len(articles), np.nan)
    for k, art in enumerate(articles):
        if art.published:
            try:
                out[k] = np.datetime64(str(art.published)[:10], "D").astype(np.int64)
            except ValueError:
                pass
    return out


def sentences_for(sentences: Mapping[str, Sequence[Sentence]] | None, article_id: str):
    """The sentences of one article, or None when not given."""
    if not sentences:
        return None
    return sentences.get(article_id)
