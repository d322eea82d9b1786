"""Clause-level alignment: the same statement inside two sentences that each add a clause of their own.

Two reports often state one thing in close words and append different
matter to it: "The council says it will close the old bridge on Monday for
repairs, after inspectors found cracks" against "The council will shut the old
bridge on Monday, mainly for repairs, a spokeswoman said, adding that it was
built in 1952". As whole sentences they are not paraphrases (each says
something the other does not: the paraphrase model, trained on MSRP, rightly
says no, and the second one's "1952" has no match in the first); the story
calls them ``related``. Their leading clauses are
paraphrases, and ``storyledger compare`` says so when given the clauses.

So for a ``related`` pair of sentences that are each other's best match and
close in meaning, the clauses of each sentence (split at commas, semicolons,
colons and dashes outside quotation marks) are tried in contiguous runs that
hold a fair part of their sentence. The pair of runs closest in words
(rarity-weighted stems; a run against the other whole sentence counts too) is
kept when it is closer than the two sentences are, and judged by the same
verdict as a pair on its own, with the two sentences' MiniLM cosine standing
for its own (a clause pair is nearly always closer in meaning than its
sentences: a conservative reading that embeds nothing more) and no second
stage. When that says paraphrase and no figure differs between the runs, the
pair becomes a ``paraphrase`` whose spans cover only the runs. What each
sentence adds outside its run stays unaligned. A pair ``related`` because a
figure, a negation or the roles differ between the whole sentences is not
tried (:func:`storyledger.align.story.align_story`): its clauses would hide that.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence

from ..text import STOP
from .pair_features import rarity_of, word_tokens
from .cosines import thresholds
from .paraphrase import PairVerdict, classify_pairs

__all__ = [
    "clause_runs",
    "clause_verdicts",
]

_MIN_COSINE = 0.75  # a related pair this close in meaning may share a clause (MSRP paraphrases: 90% above 0.7)
_MIN_WORDS = 6  # a run shorter than this is a fragment ("officials said"), not a statement
_MIN_PART = 0.4  # share of its sentence's words a run must hold
_MAX_CLAUSES = 6  # clauses per sentence tried (the rest merged into the last): at most 21 runs
_SURE = 0.75  # model probability asked of a clause paraphrase below SURE_PARAPHRASE_COSINE
_CUT = re.compile(r"[,;:]\s+|\s+[—–-]{1,2}\s+")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_WORD = re.compile(r"\w+")


def _cuts(text: str) -> list[tuple[int, int]]:
    """The separators between clauses, as ``(start, end)`` offsets, outside quotation marks."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    return [(m.start(), m.end()) for m in _CUT.finditer(text) if not any(s < m.start() < e for s, e in quoted)]


def clause_runs(text: str) -> list[tuple[int, int]]:
    """Contiguous runs of a sentence's clauses, as ``(start, end)`` offsets, the whole sentence left out.

    Args:
        text: one sentence.

    Returns:
        The runs of one or more clauses (split at commas, semicolons, colons
        and dashes outside quotation marks, at most six clauses) that have at
        least six words and at least 40% of the sentence's words; a final
        full stop is left out. Empty for a sentence of one clause.

    Example:
        >>> t = "The council will close the bridge in May, officials said on Monday, citing safety concerns."
        >>> [t[s:e] for s, e in clause_runs(t)]
        ['The council will close the bridge in May', 'The council will close the bridge in May, officials said on Monday', 'officials said on Monday, citing safety concerns']
    """
    cuts = _cuts(text)[: _MAX_CLAUSES - 1]
    if not cuts:
        return []
    starts = [0] + [e for _, e in cuts]
    last = text.rstrip()
    ends = [s for s, _ in cuts] + [len(last) - 1 if last.endswith((".", "!", "?")) else len(last)]
    total = len(_WORD.findall(text))
    out = []
    for i, s in enumerate(starts):
        for j in range(i, len(ends)):
            e = ends[j]
            if (i, j) == (0, len(ends) - 1) or e <= s:
                continue
            words = len(_WORD.findall(text[s:e]))
            if words >= _MIN_WORDS and words >= _MIN_PART * total:
                out.append((s, e))
    return out


def clause_verdicts(
    texts: Sequence[str],
    related: Mapping[tuple[int, int], float],
    figures_differ: Callable[[str, str], bool],
) -> dict[tuple[int, int], PairVerdict]:
    """The related sentence pairs whose clauses are paraphrases, each as a ``paraphrase`` over those clauses.

    Args:
        texts: the story's sentences.
        related: ``related`` pairs ``(i, j)`` of mutual best matches, with their cosine.
        figures_differ: whether each of two texts has a figure the other lacks.

    Returns:
        ``{(i, j): verdict}`` with spans inside each sentence, for the pairs whose
        closest clause runs are paraphrases; the others are left out.
    """
    best = {}
    for ij, c in related.items():
        if c >= _MIN_COSINE:
            runs = _closest_runs(texts[ij[0]], texts[ij[1]])
            if runs is not None:
                ra, rb = runs
                best[ij] = (c, _cut(texts[ij[0]], ra), _cut(texts[ij[1]], rb),
                            ra or (0, len(texts[ij[0]])), rb or (0, len(texts[ij[1]])))
    keys = list(best)
    # the sentences' cosine stands for the clauses' (theirs is nearly always higher: a
    # conservative reading that embeds nothing more), and only the first stage judges
    judged = classify_pairs([best[k][1] for k in keys], [best[k][2] for k in keys], [best[k][0] for k in keys],
                            may_ask=[False] * len(keys))
    out = {}
    for k, v in zip(keys, judged):
        c, ta, tb, ra, rb = best[k]
        sure = c >= thresholds().sure_paraphrase or v.score >= _SURE
        if v.kind == "paraphrase" and sure and not figures_differ(ta, tb):
            out[k] = PairVerdict("paraphrase", v.score, ra, rb)
    return out


@functools.lru_cache(maxsize=50_000)
def _weights(text: str) -> dict[str, float]:
    """Content-word stems of a text (first six letters), each weighted by its rarity."""
    out: dict[str, float] = {}
    for w in word_tokens(text):
        if w not in STOP:
            out[w[:6]] = max(out.get(w[:6], 0.0), rarity_of(w))
    return out


def _overlap(a: str, b: str) -> float:
    """Rarity-weighted Dice overlap of two texts' content-word stems."""
    wa, wb = _weights(a), _weights(b)
    total = sum(wa.values()) + sum(wb.values())
    return 2.0 * sum(min(wa[k], wb[k]) for k in wa.keys() & wb.keys()) / total if total else 0.0


def _closest_runs(a: str, b: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None] | None:
    """The clause runs of ``a`` and ``b`` (None: the whole sentence) closest in words, when closer than the sentences.

    Chosen by words alone: only one pair of runs per sentence pair is judged.
    """
    whole = _overlap(a, b)
    options = [(ra, rb) for ra in (None, *_runs(a)) for rb in (None, *_runs(b)) if ra or rb]
    scored = [(_overlap(_cut(a, ra), _cut(b, rb)), ra, rb) for ra, rb in options]
    if not scored:
        return None
    score, ra, rb = max(scored, key=lambda x: x[0])
    return (ra, rb) if score > whole else None


@functools.lru_cache(maxsize=50_000)
def _runs(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`clause_runs`, each distinct sentence once (wire copies repeat sentences across a story)."""
    return tuple(clause_runs(text))


def _cut(text: str, run: tuple[int, int] | None) -> str:
    return text if run is None else text[run[0] : run[1]]


