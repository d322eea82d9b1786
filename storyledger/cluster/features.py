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
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from ..records import Article, Sentence

__all__ = [
    "FEATURES_VERSION",
    "IDF_PRIOR_DOCS",
    "MAX_CHARS",
    "N_FEATURES",
    "counts",
    "day_numbers",
    "days_between",
    "document_frequency",
    "full_text",
    "lead",
    "named_things",
    "normalize",
    "rowwise_dot",
    "sentences_for",
    "signature",
    "tfidf",
    "words",
]

N_FEATURES = 2**20
# Raised whenever the words or names read from an article change (2: names stop at line
# breaks, sentence ends and possessives): a store's index built from other features is
# rebuilt from its articles when next updated (``storyledger.index_state``).
FEATURES_VERSION = 2
# Pseudo-documents of the IDF prior (see ``tfidf``): chosen by cross-validation over
# the AllSides stories (``evals/eval_cluster.py``).
IDF_PRIOR_DOCS = 10.0
# English function words (plus reporting verbs and honorifics): words that say
# nothing about which event an article reports. Kept here rather than imported
# from scikit-learn, whose import alone costs more than a second of start-up.
_STOP = frozenset(
    """a about above across after afterwards again against all almost alone along already also although
    always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
    back be became because become becomes becoming been before beforehand behind being below beside
    besides between beyond both but by can cannot could did do does doing done down during each either
    else elsewhere enough etc even ever every everyone everything everywhere except few for former
    formerly from further had has have having he hence her here hereafter hereby herein hers herself him
    himself his how however i ie if in indeed into is it its itself just last latter latterly least less
    many may me meanwhile might mine more moreover most mostly much must my myself namely neither never
    nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto
    or other others otherwise our ours ourselves out over own per perhaps please rather re same seem
    seemed seeming seems several she should since so some somehow someone something sometime sometimes
    somewhere still such than that the their theirs them themselves then thence there thereafter thereby
    therefore therein thereupon these they this those though through throughout thru thus to together
    too toward towards under until up upon us very via was we well were what whatever when whence
    whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who
    whoever whole whom whose why will with within without would yet you your yours yourself yourselves
    said says told according mr mrs ms""".split()
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_CONNECT = r"(?:of|de|du|la|le|al|el|da|del|von|van|der|bin|the|and|for|on)"
_CAPWORD = r"(?:[A-Z][\w'’.&-]*[a-z0-9][\w'’.&-]*|[A-Z]{2,}[\w'’.&-]*)"
# A run of names never crosses a line break (a headline and the first line are two places).
_GAP = r"[^\S\n]+"
_GAP_RE = re.compile(_GAP)
_SPLIT_POINT = re.compile(r"[\s.'’]")  # a run without these is one word
_CUT_POINT = re.compile(r"[.'’]")  # where a run may end early: a full stop, a possessive
# Longer lines are paragraphs, never a headline.
_HEADLINE_CHARS = 200
_NAMED = re.compile(rf"\b{_CAPWORD}(?:(?:{_GAP}{_CONNECT})?{_GAP}{_CAPWORD})*")
_CONNECTORS = frozenset(_CONNECT[3:-1].split("|"))
# Titles and initials whose dot does not end a sentence ("Gov. Ann Lee", "J. Smith").
_ABBREVIATIONS = frozenset("mr mrs ms dr prof gen lt col maj sgt capt gov sen rep rev st mt ft jr sr".split())
_ALPHA_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens of two letters or more, stop words dropped."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def named_things(text: str) -> list[str]:
    """Capitalised name sequences and numbers, normalised (``gulf_of_aden``, ``#23``).

    A run of capitalised words is cut where a sentence ends inside it ("in
    Kabul. Officials") and after a possessive ("Lee's Office" gives ``lee``,
    ``office``); function words opening a run ("The", "In", "What") are not
    part of the name. A headline in title case ("Senate Passes Bill On Lee")
    capitalises every word, so its words are names one by one. (Adding the
    last word of every longer name as a name too, ``ann_lee`` and ``lee``,
    was tried: it merges similar events of ECB+ and BASIL.)
    """
    out = []
    headlines = _headline_spans(text)
    k = 0
    for m in _NAMED.finditer(text):
        while k < len(headlines) and headlines[k][1] <= m.start():
            k += 1  # runs come in text order: the next headline is the only one to check
        headline = k < len(headlines) and headlines[k][0] <= m.start()
        for name in _split_run(m.group(0)):
            if headline:
                out.extend(p for p in name.split("_") if p not in _STOP and p not in _CONNECTORS and len(p) >= 2)
            else:
                out.append(name)
    for m in _NUMBER.finditer(text):
        num = m.group(0).replace(",", "")
        if num.strip("0.") and len(num) >= 2:
            out.append("#" + num)
    return out


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the lines of ``text`` that are headlines in title case (:func:`_is_title_case`)."""
    spans = []
    start = 0
    for line in text.split("\n"):
        if len(line) <= _HEADLINE_CHARS and _is_title_case(line):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _is_title_case(line: str) -> bool:
    """True for a line whose words (function words aside) all start in capitals: a headline in title case."""
    n_words = n_content = 0
    for w in _ALPHA_WORD.findall(line):
        n_words += 1
        if len(w) <= 3:
            continue
        if not w[0].isupper():
            if w not in _STOP:
                return False  # a lower-case word that is not a function word
        elif w.lower() not in _STOP:
            n_content += 1
    return n_words >= 3 and n_content >= 2


def _split_run(run: str) -> list[str]:
    """The names of one run of capitalised words: cut after a sentence end or a possessive, lower-cased, joined by ``_``."""
    if not _SPLIT_POINT.search(run):
        low = run.rstrip("-&").lower()  # one word, the commonest run
        keep = len(low) >= 2 and low not in _CONNECTORS and low not in _STOP
        return [low] if keep else []
    if _CUT_POINT.search(run):
        names: list[list[str]] = [[]]
        for token in _GAP_RE.split(run):
            word = token.rstrip(".-&")
            bare = _POSSESSIVE.sub("", word)
            if bare:
                names[-1].append(bare)
            if (token.endswith(".") and not _is_abbreviation(word)) or bare != word:
                names.append([])
    else:
        names = [_GAP_RE.split(run.rstrip("-&"))]
    out = []
    for words_ in names:
        # a function word opens the run ("The", "In"), not an acronym that spells one ("US", "IT")
        while words_ and (words_[0].lower() in _CONNECTORS or (words_[0].lower() in _STOP and not words_[0].isupper())):
            words_ = words_[1:]
        while words_ and words_[-1].lower() in _CONNECTORS:
            words_ = words_[:-1]
        key = "_".join(words_).lower()
        if len(key) >= 2 and key not in _STOP:
            out.append(key)
    return out


def _is_abbreviation(word: str) -> bool:
    """An initial ("J"), a dotted initialism ("U.S") or a title ("Gov"): its dot ends no sentence."""
    return len(word) == 1 or "." in word or word.lower() in _ABBREVIATIONS


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


_COLUMNS: dict[str, int] = {}


def _column(term: str) -> int:
    """A term's hashed column: CRC-32, stable across processes and runs (unlike ``hash``)."""
    col = _COLUMNS.get(term)
    if col is None:
        col = zlib.crc32(term.encode("utf-8", "surrogatepass")) & (N_FEATURES - 1)
        if len(_COLUMNS) < 2_000_000:  # memo bounded: a day of news has far fewer distinct terms
            _COLUMNS[term] = col
    return col


def counts(texts: Sequence[str], kind: str) -> sp.csr_matrix:
    """Raw term counts, hashed: ``kind`` is ``"words"`` or ``"names"``."""
    analyze: Callable[[str], list[str]] = words if kind == "words" else named_things
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    for text in texts:
        tally: Counter[int] = Counter(_column(t) for t in analyze(text))
        indices.extend(tally.keys())
        data.extend(tally.values())
        indptr.append(len(indices))
    out = sp.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(len(texts), N_FEATURES),
    )
    out.sort_indices()
    return out


def normalize(x: sp.csr_matrix, norm: str = "l2", copy: bool = False) -> sp.csr_matrix:
    """Rows scaled to unit L2 length (empty rows stay zero)."""
    x = x.tocsr(copy=copy)
    sq = np.asarray(x.multiply(x).sum(axis=1)).ravel()
    lengths = np.sqrt(sq, dtype=np.float64)
    lengths[lengths == 0] = 1.0
    x.data = (x.data / np.repeat(lengths, np.diff(x.indptr))).astype(x.dtype, copy=False)
    return x


def document_frequency(tf: sp.csr_matrix) -> np.ndarray:
    """How many rows hold each column, as int64 of width ``N_FEATURES``."""
    return np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.int64)


def tfidf(tf: sp.csr_matrix, df: np.ndarray, n_docs: int, prior_docs: float | None = None) -> sp.csr_matrix:
    """Sublinear TF times smoothed IDF, shrunk towards 1 in a small corpus; rows L2-normalised.

    The IDF part is scaled by ``n_docs / (n_docs + prior_docs)``: document
    frequencies counted over a handful of texts say little about which terms
    are rare, and over the three reports of one story they say the opposite of
    what matters (the terms all three share get the lowest weight). In a corpus
    of hundreds of documents the factor is near 1. ``prior_docs`` defaults to
    ``IDF_PRIOR_DOCS``.
    """
    prior_docs = IDF_PRIOR_DOCS if prior_docs is None else prior_docs
    out = tf.copy().astype(np.float32)
    out.data = 1.0 + np.log(out.data)
    shrink = n_docs / (n_docs + prior_docs) if n_docs + prior_docs > 0 else 1.0
    idf = np.log((1.0 + n_docs) / (1.0 + df[out.indices])) * shrink + 1.0
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


def rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix, i: np.ndarray, j: np.ndarray, block: int = 4096) -> np.ndarray:
    """``a[i[k]] . b[j[k]]`` for every k, vectorised, ``block`` pairs at a time (memory stays bounded)."""
    if len(i) == 0:
        return np.zeros(0, dtype=np.float32)
    parts = [
        np.asarray(a[i[lo : lo + block]].multiply(b[j[lo : lo + block]]).sum(axis=1)).ravel()
        for lo in range(0, len(i), block)
    ]
    return np.concatenate(parts).astype(np.float32)


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
