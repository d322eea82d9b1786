"""Who copied whom: a derivation verdict for each pair of articles of a story.

Works on the alignments of :func:`storyledger.align.story.align_story`. For each pair
of articles that share passages:

1. **Reuse**: the sentences aligned ``verbatim``, ``near_verbatim`` or
   ``paraphrase``; ``share`` is the part of an article's sentence characters
   they cover. ``shared_quote`` and ``related`` alignments are never reuse:
   two outlets quoting the same speaker, or reporting the same fact, are not
   copying each other.
2. **Attributed only**: when every reused sentence is a quote or an attributed
   statement ("…, he said") and they cover under half of both articles, both
   outlets most likely carry the same statement from a common source (a wire,
   a press release): ``common_lineage``, never ``copy``.
3. **Direction**, from evidence that points one way or the other, each item
   recorded as a signal:

   * ``rewording_marks:N`` — automated rewording leaves marks: a plain word
     replaced at an aligned position by a word rare in general text
     ("killed" → "murdered"), an outlet's name replaced by a generic word
     ("told sources"). The article with more marks is the rewrite.
   * ``adds_facts:N`` — a copy rarely adds facts: numbers and names found in
     one side of the reused sentences and not in the other point to the
     source.
   * ``dates:source<derived`` (or ``derived<source``) — publication dates,
     when both are known, relative to the verdict's two ids. They decide
     only when the text is silent (a verbatim copy leaves no marks) and
     never against it: a rewrite can be older than the version of the
     original a reader has, when it copied an earlier version.

   When the evidence is weak or contradictory, the verdict is ``common_lineage``
   and the two counts are given as ``rewording_marks:<source_id>/<derived_id>``
   and ``adds_facts:<source_id>/<derived_id>``.
4. **Relation** of the derived article: ``copy`` (most of it nearly
   verbatim), ``rewrite`` (most of it reworded, sentence by sentence, in the
   same order: ``order_preserved``), ``partial_reuse`` (some passages), or
   nothing when only one sentence is shared.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Alignment, Article, Derivation, Sentence

__all__ = [
    "derive",
    "rewording_marks",
]

log = logging.getLogger(__name__)

_REUSE = ("verbatim", "near_verbatim", "paraphrase")
_VERBATIM = ("verbatim", "near_verbatim")
_MIN_SENTENCES = 2  # one shared sentence is coincidence or a common fact, not reuse
_MIN_SHARE = 0.1
_COPY_SHARE = 0.6
_REWRITE_SHARE = 0.5
_MIN_ORDER = 0.7
_DIRECTION_MARGIN = 2.0
_ODD_WORD = 8.3  # log vocabulary rank: beyond the ~4,000 commonest words
_SPEECH = re.compile(
    r"[\"“”«»]|\b(?:said|says|say|told|tells|stated|states|announced|added|wrote|writes|asserted|asserts|"
    r"claimed|claims|according to|confirmed|reported|declared)\b",
    re.IGNORECASE,
)
# An outlet's name swapped for a generic word by a rewording tool: journalists
# are told things by sources, not the other way round.
_GENERIC_OUTLET = re.compile(
    r"\b(?:told|informed|tells)\s+(?:the\s+)?(?:sources?|outlet|publication|portal|media outlet|resource)\b"
    r"|\b(?:according to|said to|speaking to)\s+the\s+(?:outlet|publication|portal|resource)\b",
    re.IGNORECASE,
)
_FACT = re.compile(r"\d+(?:[.,]\d+)*|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def derive(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    alignments: Sequence[Alignment],
) -> tuple[Derivation, ...]:
    """A derivation verdict for each pair of articles that share passages.

    Args:
        articles: the articles of one story.
        sentences: each article's sentences, by article id.
        alignments: the story's alignments (:func:`storyledger.align.story.align_story`).

    Returns:
        One :class:`~storyledger.records.Derivation` per pair of articles found
        related (independent pairs give none): ``derived_id`` takes ``share`` of
        its sentence text from ``source_id``; for ``common_lineage`` the order
        of the ids carries no meaning and ``share`` is the larger of the two.

    Example:
        >>> [(d.derived_id, d.relation) for d in derive(arts, sents, aligns)]  # doctest: +SKIP
        [('reworded', 'rewrite')]
    """
    by_id = {a.id: a for a in articles}
    rank = {a.id: r for r, a in enumerate(articles)}
    groups: dict[tuple[str, str], list[Alignment]] = defaultdict(list)
    for al in alignments:
        x, y = al.a.article_id, al.b.article_id
        if x == y or x not in by_id or y not in by_id:
            continue
        if rank[x] > rank[y]:
            x, y = y, x
        groups[(x, y)].append(al)
    out = []
    for (x, y), group in sorted(groups.items(), key=lambda kv: (rank[kv[0][0]], rank[kv[0][1]])):
        try:
            verdict = _derive_pair(by_id[x], by_id[y], sentences.get(x, ()), sentences.get(y, ()), group)
        except (ValueError, IndexError) as exc:  # a malformed alignment must not sink the story
            log.warning("no derivation for %s / %s: %s", x, y, exc)
            verdict = None
        if verdict is not None:
            out.append(verdict)
    return tuple(out)


def _oriented(al: Alignment, x: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The alignment's spans as (span in x, span in the other article)."""
    if al.a.article_id == x:
        return (al.a.start, al.a.end), (al.b.start, al.b.end)
    return (al.b.start, al.b.end), (al.a.start, al.a.end)


def _covered(spans: Sequence[tuple[int, int]], sentences: Sequence[Sentence], text_len: int) -> float:
    """Share of the article's sentence characters inside ``spans``."""
    total = sum(s.end - s.start for s in sentences) or text_len
    if total <= 0:
        return 0.0
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return min(1.0, sum(e - s for s, e in merged) / total)


def _order_preserved(pairs: Sequence[tuple[int, int]]) -> float:
    """Longest run of aligned passages in the same order in both articles, as a share."""
    if not pairs:
        return 0.0
    seq = [b for _, b in sorted(pairs)]
    tails: list[int] = []
    for v in seq:
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
    return len(tails) / len(seq)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def rewording_marks(original: str, reworded: str) -> int:
    """Words of ``reworded`` that look like a thesaurus swap for a plainer word of ``original``.

    A mark is a word present only in ``reworded`` that is rare in general text
    while the words present only in ``original`` are common: "murdered" for
    "killed", "individuals" for "people". Counted per aligned pair of sentences.

    Args:
        original: one sentence.
        reworded: the sentence aligned with it.

    Returns:
        The number of odd replacements, net of those running the other way.
    """
    from ..text import STOP
    from .pair_features import rarity_of

    wa, wb = _words(original) - STOP, _words(reworded) - STOP
    only_a = sorted((rarity_of(w) for w in wa - wb), reverse=True)
    only_b = sorted((rarity_of(w) for w in wb - wa), reverse=True)
    odd_b = sum(1 for r in only_b if r >= _ODD_WORD)
    odd_a = sum(1 for r in only_a if r >= _ODD_WORD)
    return odd_b - odd_a


def _facts(text: str) -> set[str]:
    """Numbers and capitalised names of a passage (its first word is capitalised anyway)."""
    return {m.group().lower().replace(",", "") for m in _FACT.finditer(text) if m.start() > 0}


@dataclass(frozen=True, slots=True)
class _Reuse:
    """What two articles reuse of each other: passage spans (in x, in y) and the shares they cover."""

    spans: list[tuple[tuple[int, int], tuple[int, int]]]  # reused passages, (span in x, span in y)
    n_verbatim: int  # of them verbatim or near-verbatim
    share_x: float
    share_y: float
    vshare_x: float  # share covered by the verbatim and near-verbatim passages
    vshare_y: float
    n_reused: int  # distinct reused passages of x
    order: float  # :func:`_order_preserved`
    attributed: int  # reused passages of x that are quotes or attributed statements


@dataclass(frozen=True, slots=True)
class _TextEvidence:
    """Direction evidence in the reused passages' words: rewording marks and added facts of each side."""

    marks_x: int
    marks_y: int
    adds_x: int
    adds_y: int

    @property
    def towards_y(self) -> float:
        """Positive when y derives from x."""
        return float(self.marks_y - self.marks_x) + 0.5 * float(self.adds_x - self.adds_y)


def _derive_pair(
    x: Article, y: Article, sx: Sequence[Sentence], sy: Sequence[Sentence], group: Sequence[Alignment]
) -> Derivation | None:
    """The derivation verdict for articles ``x`` and ``y`` (sentences ``sx``, ``sy``) from their alignments."""
    reuse = _reuse(x, y, sx, sy, group)
    if reuse is None:
        return None
    signals = [
        f"reused_sentences:{reuse.n_reused}",
        f"verbatim_sentences:{reuse.n_verbatim}",
        f"paraphrased_sentences:{len(reuse.spans) - reuse.n_verbatim}",
        f"order_preserved:{reuse.order:.2f}",
        f"attributed_sentences:{reuse.attributed}",
    ]
    if reuse.n_reused < _MIN_SENTENCES and max(reuse.share_x, reuse.share_y) < _COPY_SHARE:
        return None
    top_share = max(reuse.share_x, reuse.share_y)
    if reuse.attributed == reuse.n_reused and top_share < 0.5:
        # the same statements or quotes, carried by both: a shared source, not a copy
        signals.append("only_attributed_statements")
        return Derivation(derived_id=y.id, source_id=x.id, relation="common_lineage", share=round(top_share, 3), signals=tuple(signals))
    evidence = _text_evidence(x, y, reuse.spans)
    dates = _date_order(x, y)
    # the text decides when it speaks clearly; dates only break a tie they do
    # not contradict (a rewrite may be older than the version we hold of its source)
    text_evidence = evidence.towards_y
    if abs(text_evidence) >= _DIRECTION_MARGIN:
        direction = text_evidence
    elif dates and text_evidence * dates >= 0 and abs(text_evidence) < 1.0:
        direction = float(dates)
        signals.append("direction_from_dates")
    else:
        if dates:
            signals.append("dates:source<derived" if dates > 0 else "dates:derived<source")
        signals += [
            f"rewording_marks:{evidence.marks_x}/{evidence.marks_y}",
            f"adds_facts:{evidence.adds_x}/{evidence.adds_y}",
            "direction_unclear",
        ]
        return Derivation(derived_id=y.id, source_id=x.id, relation="common_lineage", share=round(top_share, 3), signals=tuple(signals))
    return _directed(x, y, reuse, direction, signals + _direction_signals(evidence, dates, direction))


def _reuse(
    x: Article, y: Article, sx: Sequence[Sentence], sy: Sequence[Sentence], group: Sequence[Alignment]
) -> _Reuse | None:
    """The passages of ``group`` that are reuse, and what they cover of each article; None when there are none."""
    reuse = [al for al in group if al.kind in _REUSE]
    if not reuse:
        return None
    spans = [_oriented(al, x.id) for al in reuse]
    share_x = _covered([a for a, _ in spans], sx, len(x.text))
    share_y = _covered([b for _, b in spans], sy, len(y.text))
    n_reused = len({a for a, _ in spans})
    order = _order_preserved([(a[0], b[0]) for a, b in spans])
    verbatim = [_oriented(al, x.id) for al in reuse if al.kind in _VERBATIM]
    vshare_x = _covered([a for a, _ in verbatim], sx, len(x.text))
    vshare_y = _covered([b for _, b in verbatim], sy, len(y.text))
    attributed = sum(1 for a, _ in spans if _SPEECH.search(x.text[a[0] : a[1]]))
    return _Reuse(
        spans=spans,
        n_verbatim=len(verbatim),
        share_x=share_x,
        share_y=share_y,
        vshare_x=vshare_x,
        vshare_y=vshare_y,
        n_reused=n_reused,
        order=order,
        attributed=attributed,
    )


def _text_evidence(x: Article, y: Article, spans: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> _TextEvidence:
    """Rewording marks (per aligned pair, and generic outlet words in the whole text) and facts each side adds."""
    marks_y = sum(max(0, rewording_marks(x.text[a[0] : a[1]], y.text[b[0] : b[1]])) for a, b in spans)
    marks_x = sum(max(0, rewording_marks(y.text[b[0] : b[1]], x.text[a[0] : a[1]])) for a, b in spans)
    marks_x += 2 * len(_GENERIC_OUTLET.findall(x.text))
    marks_y += 2 * len(_GENERIC_OUTLET.findall(y.text))
    adds_x = sum(len(_facts(x.text[a[0] : a[1]]) - _facts(y.text[b[0] : b[1]])) for a, b in spans)
    adds_y = sum(len(_facts(y.text[b[0] : b[1]]) - _facts(x.text[a[0] : a[1]])) for a, b in spans)
    return _TextEvidence(marks_x=marks_x, marks_y=marks_y, adds_x=adds_x, adds_y=adds_y)


def _date_order(x: Article, y: Article) -> int:
    """1 when x was published on an earlier day than y, -1 when later, 0 when either date is unknown or the day is the same."""
    if x.published and y.published and x.published[:10] != y.published[:10]:
        return 1 if x.published[:10] < y.published[:10] else -1
    return 0


def _direction_signals(evidence: _TextEvidence, dates: int, direction: float) -> list[str]:
    """The signals of a verdict with a direction (positive: y derives from x), relative to source and derived."""
    signals = []
    if dates:
        signals.append("dates:source<derived" if dates * direction > 0 else "dates:derived<source")
    if direction > 0:
        marks, adds_src, adds_der = evidence.marks_y, evidence.adds_x, evidence.adds_y
    else:
        marks, adds_src, adds_der = evidence.marks_x, evidence.adds_y, evidence.adds_x
    return signals + [f"rewording_marks:{marks}", f"source_adds_facts:{adds_src}", f"adds_facts:{adds_der}"]


def _directed(
    x: Article, y: Article, reuse: _Reuse, direction: float, signals: Sequence[str]
) -> Derivation | None:
    """The relation of the derived article (positive ``direction``: y derives from x); None when too little is reused."""
    if direction > 0:
        derived, source, share, vshare = y, x, reuse.share_y, reuse.vshare_y
    else:
        derived, source, share, vshare = x, y, reuse.share_x, reuse.vshare_x
    if vshare >= _COPY_SHARE:
        relation = "copy"
    elif share >= _REWRITE_SHARE and reuse.order >= _MIN_ORDER:
        relation = "rewrite"
    elif share >= _MIN_SHARE or reuse.n_reused >= _MIN_SENTENCES:
        relation = "partial_reuse"
    else:
        return None
    return Derivation(derived_id=derived.id, source_id=source.id, relation=relation, share=round(share, 3), signals=tuple(signals))
