"""Does one outlet's line state another's claim? The checks the brief makes before it co-cites an outlet.

A line of outlet B is cited beside outlet A's line only when B **states the
same claim**:

1. **The alignment's own verdict.** The story's alignment
   (:func:`storyledger.align.align_story`, with its story-level checks: mutual
   best match, close in embedding space) aligned the two sentences with a kind
   of paraphrase or closer, over most of A's line (:func:`aligned_kinds`); or
   the two lines are verbatim or near-verbatim copies by their words alone.
2. **The same facts**: the same numbers, the same weekdays, months and
   relative days (:func:`same_facts` in :mod:`.brief_select`).
3. **The same polarity**: the same parity of negations over the whole line,
   and every content word the two lines share is negated in both or in
   neither (:func:`same_polarity`): "apologised ... but did not resign" and
   "refused to apologise" share "apologise", negated in one only, so they
   state opposite claims although each holds one negation.

Where B's line on the same matter fails 2 or 3, the brief may show it as a
``contrast`` line, never as support.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Alignment, Sentence
from ..text import STOP

__all__ = [
    "CLOSE_KINDS",
    "NEGATORS",
    "NEG_VERBS",
    "aligned_kinds",
    "negated_words",
    "opposite_polarity",
    "same_polarity",
]

CLOSE_KINDS = frozenset({"verbatim", "near_verbatim", "paraphrase"})
_RANK = {"verbatim": 0, "near_verbatim": 1, "paraphrase": 2, "shared_quote": 3, "related": 4}
_MIN_COVER = 0.75  # share of a line's characters an alignment must span to state the whole line

NEGATORS = frozenset("not no never n't without nor none neither".split())
# Verbs that negate the clause they take (negative implicatives: "refused to apologise" states
# that no apology was made), in their inflected forms.
_NEG_STEMS = ("refuse", "decline", "fail", "deny", "reject")
NEG_VERBS = frozenset(
    form
    for stem in _NEG_STEMS
    for form in (
        stem, stem.rstrip("e") + "ed" if not stem.endswith("y") else stem[:-1] + "ied",
        stem + "s" if not stem.endswith("y") else stem[:-1] + "ies", stem.rstrip("e") + "ing",
    )
)
# A negation reaches to the end of its clause: a punctuation mark or a coordinating word.
_TOKEN = re.compile(r"n't|[a-z][a-z'’]*(?:-[a-z0-9]+)*|\d+(?:[.,]\d+)*|[,;:()—–]|\s-\s")
_BOUNDARY = frozenset({",", ";", ":", "(", ")", "—", "–", " - ", "but", "and", "or", "while", "although", "though", "whereas", "yet"})
_KEY_LEN = 6  # a word's first letters stand for it: "apologised", "apologize" -> "apolog"


def _key(word: str) -> str | None:
    w = word.replace("’", "'").removesuffix("'s")
    if len(w) < 4 or w in STOP or w in NEGATORS or not w[0].isalpha():
        return None
    return w[:_KEY_LEN]


def negated_words(text: str) -> dict[str, bool]:
    """Each content word of ``text`` (by its first letters) and whether a negation governs it.

    A negator ("not", "never", "without", or a negative implicative verb with
    its infinitive: "refused to", "failed to") governs the first content word
    after it in its clause (an
    adverb in "-ly" passed over): the predicate it denies ("did not *hear* the
    case", "refused to *apologise*"), not every word up to the clause's end,
    so a passive telling of the same denial keeps its polarity. Two negators
    before one word cancel. A word met both negated and not is left out.

    Example:
        >>> negated_words("The senator apologised but did not resign.")
        {'senato': False, 'apolog': False, 'resign': True}
    """
    seen: dict[str, set[bool]] = {}
    pending = 0
    prev = ""
    for tok in _TOKEN.findall(text.lower().replace("’", "'")):
        implicative, prev = prev in NEG_VERBS and tok == "to", tok
        if tok in _BOUNDARY:
            pending = 0
            continue
        if tok in NEGATORS or implicative:
            pending += 1
            continue
        k = _key(tok)
        if k is None or (pending and tok.endswith("ly")):
            continue
        seen.setdefault(k, set()).add(pending % 2 == 1)
        pending = 0
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _parity(text: str) -> int:
    toks = _TOKEN.findall(text.lower().replace("’", "'"))
    return sum(t in NEGATORS or t in NEG_VERBS for t in toks) % 2


def same_polarity(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` hold the same polarity: equal negation parity, and each shared word negated in both or neither?

    Example:
        >>> same_polarity("The senator apologised but did not resign.", "The senator refused to apologise.")
        False
        >>> same_polarity("The court did not hear the case.", "The case was not heard by the court.")
        True
    """
    if _parity(a) != _parity(b):
        return False
    na, nb = negated_words(a), negated_words(b)
    return all(na[k] == nb[k] for k in na.keys() & nb.keys())


def opposite_polarity(a: str, b: str) -> bool:
    """Does some content word that ``a`` and ``b`` share stand negated in one and not in the other?

    Positive evidence that two lines state opposite claims (a contrast), where
    :func:`same_polarity` is the stricter test for stating the same one.

    Example:
        >>> opposite_polarity("The senator apologised on Friday.", "The senator refused to apologise.")
        True
        >>> opposite_polarity("The plan does not advance US interests.", "The president rescinded the plan.")
        False
    """
    na, nb = negated_words(a), negated_words(b)
    return any(na[k] != nb[k] for k in na.keys() & nb.keys())


def aligned_kinds(
    lines: Sequence[Sentence], alignments: Sequence[Alignment], owners: Sequence[str]
) -> dict[tuple[int, int], str]:
    """The story alignment's kind for each two lines it aligns, keyed (line, other line).

    Args:
        lines: the candidate lines (whole sentences, perhaps without a leading label).
        alignments: the story's alignments.
        owners: per line, its lineage; lines of one lineage are not paired.

    Returns:
        ``{(i, j): kind}``, the closest kind of any alignment between lines
        ``i`` and ``j``; a paraphrase or closer counts only where its span
        covers most of line ``i`` and lies mostly within line ``j`` (so line
        ``j`` alone states the whole of ``i``, not one clause of it), and is
        ``related`` otherwise.
    """
    by_article: dict[str, list[int]] = {}
    for k, s in enumerate(lines):
        by_article.setdefault(s.article_id, []).append(k)

    def line_at(aid: str, start: int, end: int) -> tuple[int, float, float] | None:
        """The line where a span starts, the share of the line it covers, and the share of it inside the line."""
        for k in by_article.get(aid, ()):
            s = lines[k]
            if s.start - 2 <= start < s.end:
                overlap = max(0, min(end, s.end) - max(start, s.start))
                return k, overlap / max(s.end - s.start, 1), overlap / max(end - start, 1)
        return None

    out: dict[tuple[int, int], str] = {}
    for al in alignments:
        x, y = line_at(al.a.article_id, al.a.start, al.a.end), line_at(al.b.article_id, al.b.start, al.b.end)
        if x is None or y is None or owners[x[0]] == owners[y[0]] or al.kind not in _RANK:
            continue
        for (i, cover, _), (j, _, inside) in ((x, y), (y, x)):
            # j states i when the alignment spans most of line i and lies mostly within line j
            # (not a run of j and the sentence after it: j alone would tell only part of i)
            whole = cover >= _MIN_COVER and inside >= _MIN_COVER
            kind = al.kind if whole or al.kind not in CLOSE_KINDS else "related"
            if (i, j) not in out or _RANK[kind] < _RANK[out[(i, j)]]:
                out[(i, j)] = kind
    return out
