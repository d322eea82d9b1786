"""Who copied whom: a derivation verdict for each pair of articles of a story.

Works on the alignments of :func:`storyledger.align.story.align_story`. Two
outlets reporting the same event state the same facts, often in close words: a
paraphrase is the signature of the same facts, not of the same text. So a
verdict rests on evidence that independent reporting does not produce, and
says apart *what* was reused and *which way*.

1. **Reuse evidence**, per aligned pair of sentences (``verbatim``,
   ``near_verbatim`` or ``paraphrase``; ``related`` only with evidence of its
   own, a copy whose figure was updated; ``shared_quote`` never):

   * ``verbatim_run``: the two sentences share a run of at least 8 words
     outside quotation marks;
   * ``same_structure``: the sentences align word by word (each word kept or
     replaced by another in its place, clause order kept) *and* a neighbouring
     sentence pair (the next or previous sentence on both sides) is reused too:
     a spun copy rewords a text sentence by sentence;
   * ``ordered_run``: the pair is part of at least three aligned sentences
     following each other in the same order on both sides.

   A paraphrase with none of these (the same fact in one's own words) is
   shown as an alignment, never as derivation. ``share`` is the part of an
   article's sentence characters the reused sentences cover.
2. **Common source**: when all reused sentences but at most one are quotes or
   attributed statements ("…, he said"), not lifted in a block of three or
   more consecutive sentences, and they cover under half of both articles, or
   when both articles credit the same wire or agency ("(AP)", "Reuters
   contributed to this report"), both carry a third text: ``common_source``,
   direction ``unknown``.
3. **Relation** of the derived text: ``copy`` (most of it reused, and the
   reused passages word for word: 92% of their word trigrams in the source's),
   ``rewrite`` (most of it reused, in the same order), ``partial_reuse``
   (some passages); nothing when fewer than two sentences are reused.
4. **Direction**, apart from the relation (``direction: known|unknown``):

   * ``dates:source<derived`` — publication days, when both are known and
     differ, decide, unless the text evidence below is strong and points the
     other way (``text_overrides_dates``: a rewrite can be older than the
     version of the original a reader has, when it copied an earlier one);
     text evidence weaker than that but against the dates leaves the
     direction unknown (``text_and_dates_disagree``);
   * without dates, only strong text evidence gives a direction:
     ``rewording_marks:N`` (a plain word replaced at an aligned position by a
     word rare in general text, an outlet's name by a generic word: "told
     sources") and ``adds_facts`` (numbers and names found in one side of
     aligned sentences only point to the source), read in every aligned
     pair of sentences but shared quotes once reuse is shown. Two identical undated
     texts are a ``copy`` of unknown direction.

   ``text_evidence:+N`` sums the text's evidence (marks, and half the
   facts added) that ``derived_id`` is the derived text (negative: the other).
   With an unknown direction, ``derived_id`` is the article the reused
   sentences cover more of, and the counts are given for both sides as
   ``rewording_marks:<source_id>/<derived_id>``.
"""

from __future__ import annotations

import bisect
import difflib
import logging
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Alignment, Article, Derivation, Sentence
from .cosines import thresholds

__all__ = [
    "derive",
    "reuse_evidence",
    "rewording_marks",
]

log = logging.getLogger(__name__)

_REUSE = ("verbatim", "near_verbatim", "paraphrase")
_MIN_SENTENCES = 2  # one shared sentence is coincidence or a common fact, not reuse
_MIN_SHARE = 0.1
_COPY_SHARE = 0.6
_COPY_CONTAINED = 0.92  # share of the reused passages' word trigrams found in the source's: word for word
_REWRITE_SHARE = 0.5
_MIN_ORDER = 0.7
_MIN_RUN = 8  # words in a run outside quotes that independent reports do not share
_STRUCTURE = 0.85  # share of the longer sentence's words kept or replaced in place
_STRUCTURE_EQUAL = 0.5  # share of them kept as they are
_ORDERED_RUN = 3  # aligned sentences in a row, in the same order on both sides
_STEP = 2  # at most one sentence skipped between two of them
# Rare-word marks and added facts (``text_evidence``) that decide a direction alone: the smallest
# value that keeps wrong directions under 5% on the development set (evals/eval_provenance.py,
# chosen the same way on each 4-fold training set: 19 in every fold). It rests on few pairs (3 of
# 187 derived pairs reach it); below it the text only withholds a direction dates would give.
# That is the default sentence model's value; each model has its own (storyledger.align.cosines,
# ``strong_text``).
_ODD_WORD = 8.3  # log vocabulary rank: beyond the ~4,000 commonest words
_SPEECH = re.compile(
    r"[\"“”«»]|\b(?:said|says|say|told|tells|stated|states|announced|added|wrote|writes|asserted|asserts|"
    r"claimed|claims|according to|confirmed|reported|declared)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“][^\"“”]{0,600}[\"”]")
# An outlet's name swapped for a generic word by a rewording tool: journalists
# are told things by sources, not the other way round.
_GENERIC_OUTLET = re.compile(
    r"\b(?:told|informed|tells)\s+(?:the\s+)?(?:sources?|outlet|publication|portal|media outlet|resource)\b"
    r"|\b(?:according to|said to|speaking to)\s+the\s+(?:outlet|publication|portal|resource)\b",
    re.IGNORECASE,
)
# A wire or agency credited in the text: "(AP) —", "Reuters contributed to this report".
_CREDIT = re.compile(
    r"\(([A-Z][A-Za-z]{1,14}(?:[ -][A-Z][A-Za-z]{1,14})?)\)\s*[-—–]"
    r"|\b([A-Z][A-Za-z]{1,14}(?: [A-Z][A-Za-z]{1,14})?) contributed (?:to this report|reporting)\b"
)
_FACT = re.compile(r"\d+(?:[.,]\d+)*|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def derive(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    alignments: Sequence[Alignment],
) -> tuple[Derivation, ...]:
    """A derivation verdict for each pair of articles that reuse each other's text.

    Args:
        articles: the articles of one story.
        sentences: each article's sentences, by article id.
        alignments: the story's alignments (:func:`storyledger.align.story.align_story`).

    Returns:
        One :class:`~storyledger.records.Derivation` per pair of articles with
        textual evidence of reuse (independent pairs, however close their
        facts, give none): ``derived_id`` takes ``share`` of its sentence text
        from ``source_id`` when ``direction`` is ``"known"``; when it is
        ``"unknown"`` the two ids are just the pair, ``derived_id`` the one
        the reused text covers more of.

    Example:
        >>> [(d.derived_id, d.relation, d.direction) for d in derive(arts, sents, aligns)]  # doctest: +SKIP
        [('reworded', 'rewrite', 'known')]
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


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def _unquoted_run(a: str, b: str) -> int:
    """Longest run of words the two texts share outside quotation marks."""
    wa = [w for part in _QUOTED.split(a) for w in _tokens(part) + ["\x00a"]]
    wb = [w for part in _QUOTED.split(b) for w in _tokens(part) + ["\x00b"]]
    m = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
    return m.size


def _contained(a: str, b: str) -> float:
    """Share of the word trigrams of ``a`` found in ``b``."""
    wa, wb = _tokens(a), _tokens(b)
    ta = {tuple(wa[k : k + 3]) for k in range(len(wa) - 2)}
    tb = {tuple(wb[k : k + 3]) for k in range(len(wb) - 2)}
    return len(ta & tb) / len(ta) if ta else 0.0


def _same_structure(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with words replaced in place (quotes left out): the same words in the same slots, a few swapped."""
    wa, wb = _tokens(_QUOTED.sub(" ", a)), _tokens(_QUOTED.sub(" ", b))
    longer = max(len(wa), len(wb))
    if longer < 6:
        return False
    kept = placed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if op == "equal":
            kept += i2 - i1
        elif op == "replace" and abs((i2 - i1) - (j2 - j1)) <= 1 and max(i2 - i1, j2 - j1) <= 2:
            placed += min(i2 - i1, j2 - j1)
    return kept >= _STRUCTURE_EQUAL * longer and kept + placed >= _STRUCTURE * longer


def reuse_evidence(a: str, b: str) -> str | None:
    """What in two aligned sentences alone speaks of reused text rather than the same facts.

    Args:
        a: one sentence (or run of sentences).
        b: the sentence aligned with it.

    Returns:
        ``"verbatim_run"`` when they share a run of at least 8 words outside
        quotation marks, ``"same_structure"`` when ``b`` is ``a`` with some
        words replaced in place (the clauses in the same order), else None.
        In a story, ``same_structure`` counts as reuse only beside another
        reused sentence (:func:`derive`).

    Example:
        >>> reuse_evidence("The mayor said on Monday the bridge would close for repairs in May.",
        ...                "The mayor stated on Monday the bridge would shut for repairs in May.")
        'same_structure'
    """
    if _unquoted_run(a, b) >= _MIN_RUN:
        return "verbatim_run"
    if _same_structure(a, b):
        return "same_structure"
    return None


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


def _credits(text: str) -> set[str]:
    """Wires and agencies the text credits."""
    return {(m.group(1) or m.group(2)).lower() for m in _CREDIT.finditer(text)}


@dataclass(frozen=True, slots=True)
class _Passage:
    """An aligned pair of sentences: spans in x and y, sentence indices, and its evidence of reuse."""

    span_x: tuple[int, int]
    span_y: tuple[int, int]
    i: int
    j: int
    evidence: str | None  # verbatim_run | same_structure | None (:func:`reuse_evidence`)


@dataclass(frozen=True, slots=True)
class _Reuse:
    """What two articles reuse of each other: passage spans (in x, in y) and the shares they cover."""

    spans: list[tuple[tuple[int, int], tuple[int, int]]]  # reused passages, (span in x, span in y)
    n_verbatim: int  # of them sharing a run of words outside quotes
    n_structure: int  # of them reworded word by word beside another reused sentence
    n_ordered: int  # of them reused only as part of an ordered run of sentences
    share_x: float
    share_y: float
    vshare_x: float  # share of the word trigrams of x's reused passages found in y's: how word for word
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


def _widened(span: tuple[int, int], sentences: Sequence[Sentence]) -> tuple[int, int]:
    """``span`` widened to the whole sentences it touches (unchanged when no sentence holds it)."""
    start = next((t.start for t in sentences if t.start <= span[0] < t.end), span[0])
    end = next((t.end for t in sentences if t.start < span[1] <= t.end), span[1])
    return min(start, span[0]), max(end, span[1])


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _passages(x: Article, y: Article, sx: Sequence[Sentence], sy: Sequence[Sentence], group: Sequence[Alignment]) -> list[_Passage]:
    """The group's reuse-kind alignments as passages, with sentence indices and their own evidence."""
    starts_x, starts_y = sorted(s.start for s in sx), sorted(s.start for s in sy)
    out = []
    for al in group:
        if al.kind not in _REUSE and al.kind != "related":
            continue
        a, b = _oriented(al, x.id)
        i = _sentence_index(starts_x, a[0]) if starts_x else a[0]
        j = _sentence_index(starts_y, b[0]) if starts_y else b[0]
        evidence = reuse_evidence(x.text[a[0] : a[1]], y.text[b[0] : b[1]])
        if al.kind in _REUSE or evidence is not None:  # a figure updated in copied words is still copied
            out.append(_Passage(a, b, i, j, evidence))
    return out


def _follows(p: _Passage, q: _Passage) -> bool:
    """Whether ``q`` comes right after ``p`` on both sides (at most one sentence skipped)."""
    return 1 <= q.i - p.i <= _STEP and 1 <= q.j - p.j <= _STEP


def _reused(passages: Sequence[_Passage]) -> list[tuple[_Passage, str]]:
    """The passages that are reuse, each with why: its own evidence, or its place in an ordered run."""
    ordered = sorted(passages, key=lambda p: (p.i, p.j))
    before = [1] * len(ordered)  # longest run of following passages ending at each
    for k, q in enumerate(ordered):
        before[k] = 1 + max((before[m] for m in range(k) if _follows(ordered[m], q)), default=0)
    after = [1] * len(ordered)
    for k in range(len(ordered) - 1, -1, -1):
        after[k] = 1 + max((after[m] for m in range(k + 1, len(ordered)) if _follows(ordered[k], ordered[m])), default=0)
    out = []
    for k, p in enumerate(ordered):
        if p.evidence == "verbatim_run":
            out.append((p, "verbatim_run"))
        elif p.evidence == "same_structure" and any(
            q.evidence is not None and (_follows(p, q) or _follows(q, p)) for q in ordered if q is not p
        ):
            out.append((p, "same_structure"))
        elif before[k] + after[k] - 1 >= _ORDERED_RUN:
            out.append((p, "ordered_run"))
    return out


def _in_block(p: _Passage, reused: Sequence[tuple[_Passage, str]]) -> bool:
    """Whether ``p`` is one of three or more reused sentences in a row on both sides, each with evidence of its own.

    A block of consecutive sentences taken word for word (or reworded in
    place) is a passage lifted whole, even when its sentences report what
    someone said: outlets reporting the same statement do not reproduce the
    sentences around it in the same order.
    """
    own = {(q.i, q.j) for q, why in reused if why != "ordered_run"}
    if (p.i, p.j) not in own:
        return False
    run = 1
    for step in (-1, 1):
        k = 1
        while (p.i + step * k, p.j + step * k) in own:
            run, k = run + 1, k + 1
    return run >= _ORDERED_RUN


def _reuse(
    x: Article, y: Article, sx: Sequence[Sentence], sy: Sequence[Sentence], group: Sequence[Alignment]
) -> _Reuse | None:
    """The passages of ``group`` that are reuse, and what they cover of each article; None when there are none."""
    reused = _reused(_passages(x, y, sx, sy, group))
    if not reused:
        return None
    spans = [(p.span_x, p.span_y) for p, _ in reused]
    verbatim = [(p.span_x, p.span_y) for p, why in reused if why == "verbatim_run"]
    return _Reuse(
        spans=spans,
        n_verbatim=len(verbatim),
        n_structure=sum(why == "same_structure" for _, why in reused),
        n_ordered=sum(why == "ordered_run" for _, why in reused),
        share_x=_covered([a for a, _ in spans], sx, len(x.text)),
        share_y=_covered([b for _, b in spans], sy, len(y.text)),
        vshare_x=_contained(" | ".join(x.text[a[0] : a[1]] for a, _ in spans), " | ".join(y.text[b[0] : b[1]] for _, b in spans)),
        vshare_y=_contained(" | ".join(y.text[b[0] : b[1]] for _, b in spans), " | ".join(x.text[a[0] : a[1]] for a, _ in spans)),
        n_reused=len({a for a, _ in spans}),
        order=_order_preserved([(a[0], b[0]) for a, b in spans]),
        attributed=sum(1 for p, _ in reused if _SPEECH.search(x.text[p.span_x[0] : p.span_x[1]]) and not _in_block(p, reused)),
    )


def _derive_pair(
    x: Article, y: Article, sx: Sequence[Sentence], sy: Sequence[Sentence], group: Sequence[Alignment]
) -> Derivation | None:
    """The derivation verdict for articles ``x`` and ``y`` (sentences ``sx``, ``sy``) from their alignments."""
    reuse = _reuse(x, y, sx, sy, group)
    if reuse is None:
        return None
    top_share = max(reuse.share_x, reuse.share_y)
    if reuse.n_reused < _MIN_SENTENCES and top_share < _COPY_SHARE:
        return None
    signals = [
        f"reused_sentences:{reuse.n_reused}",
        f"verbatim_sentences:{reuse.n_verbatim}",
        f"same_structure_sentences:{reuse.n_structure}",
        f"ordered_run_sentences:{reuse.n_ordered}",
        f"order_preserved:{reuse.order:.2f}",
        f"attributed_sentences:{reuse.attributed}",
    ]
    credit = sorted(_credits(x.text) & _credits(y.text))
    if (reuse.n_reused - reuse.attributed < _MIN_SENTENCES and top_share < 0.5) or credit:
        # the same statements, quotes or wire copy carried by both: a third text
        signals += [f"credits:{c}" for c in credit] or ["only_attributed_statements"]
        derived, source = (y, x) if reuse.share_y >= reuse.share_x else (x, y)
        return Derivation(derived_id=derived.id, source_id=source.id, relation="common_source",
                          share=round(top_share, 3), signals=tuple(signals), direction="unknown")
    # once reuse is shown, every aligned passage of the pair may be reworded text: marks are read in all,
    # each over its whole sentences (a clause-level alignment too: what a sentence adds beyond the
    # shared clause is a fact it adds)
    aligned = [(_widened(a, sx), _widened(b, sy)) for a, b in (_oriented(al, x.id) for al in group if al.kind != "shared_quote")]
    evidence, dates = _text_evidence(x, y, aligned), _date_order(x, y)
    swaps = (len(_GENERIC_OUTLET.findall(x.text)), len(_GENERIC_OUTLET.findall(y.text)))
    direction, why = _direction(evidence.towards_y, dates, swaps)
    y_derived = direction > 0 or (direction == 0 and reuse.share_y >= reuse.share_x)
    why.append(f"text_evidence:{evidence.towards_y if y_derived else -evidence.towards_y:+.1f}")
    if direction == 0 and reuse.share_x > reuse.share_y:
        # unknown direction: x is named derived (the reuse covers more of it), counts given as y/x
        evidence = _TextEvidence(marks_x=evidence.marks_y, marks_y=evidence.marks_x, adds_x=evidence.adds_y, adds_y=evidence.adds_x)
        dates = -dates
    return _directed(x, y, reuse, direction, signals + why + _direction_signals(evidence, dates, direction))


def _direction(text: float, dates: int, swaps: tuple[int, int]) -> tuple[float, list[str]]:
    """Which way (positive: y derives from x; 0: unknown) and why, from outlet swaps, the text evidence and the dates.

    ``swaps`` counts each side's outlet names replaced by a generic word ("told
    sources"): a rewording tool's signature, which decides when only one side has it.
    """
    if bool(swaps[0]) != bool(swaps[1]):
        way = 1.0 if swaps[1] else -1.0
        return way, [f"outlet_swaps:{max(swaps)}", "text_overrides_dates" if dates and dates * way < 0 else "direction_from_text"]
    strong = abs(text) >= thresholds().strong_text
    if dates:
        if text * dates >= 0 or abs(text) < 1.0:
            return float(dates), ["direction_from_dates"]
        if strong:
            return text, ["text_overrides_dates"]
        return 0.0, ["text_and_dates_disagree"]
    if strong:
        return text, ["direction_from_text"]
    return 0.0, ["no_dates_and_weak_text"]


def _text_evidence(x: Article, y: Article, spans: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> _TextEvidence:
    """Rewording marks (per aligned pair, and generic outlet words in the whole text) and facts each side adds."""
    marks_y = sum(max(0, rewording_marks(x.text[a[0] : a[1]], y.text[b[0] : b[1]])) for a, b in spans)
    marks_x = sum(max(0, rewording_marks(y.text[b[0] : b[1]], x.text[a[0] : a[1]])) for a, b in spans)
    adds_x = sum(len(_facts(x.text[a[0] : a[1]]) - _facts(y.text[b[0] : b[1]])) for a, b in spans)
    adds_y = sum(len(_facts(y.text[b[0] : b[1]]) - _facts(x.text[a[0] : a[1]])) for a, b in spans)
    return _TextEvidence(marks_x=marks_x, marks_y=marks_y, adds_x=adds_x, adds_y=adds_y)


def _date_order(x: Article, y: Article) -> int:
    """1 when x was published on an earlier day than y, -1 when later, 0 when either date is unknown or the day is the same."""
    if x.published and y.published and x.published[:10] != y.published[:10]:
        return 1 if x.published[:10] < y.published[:10] else -1
    return 0


def _direction_signals(evidence: _TextEvidence, dates: int, direction: float) -> list[str]:
    """The direction evidence relative to the verdict's source and derived ids (as source/derived when ``direction`` is 0)."""
    if direction == 0:
        return ([("dates:source<derived" if dates > 0 else "dates:derived<source")] if dates else []) + [
            f"rewording_marks:{evidence.marks_x}/{evidence.marks_y}",
            f"adds_facts:{evidence.adds_x}/{evidence.adds_y}",
        ]
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
    """The relation of the derived article (positive ``direction``: y derives from x; 0: unknown); None when too little is reused."""
    if direction > 0 or (direction == 0 and reuse.share_y >= reuse.share_x):
        derived, source, share, vshare = y, x, reuse.share_y, reuse.vshare_y
    else:
        derived, source, share, vshare = x, y, reuse.share_x, reuse.vshare_x
    if share >= _COPY_SHARE and vshare >= _COPY_CONTAINED:
        relation = "copy"
    elif share >= _REWRITE_SHARE and reuse.order >= _MIN_ORDER:
        relation = "rewrite"
    elif share >= _MIN_SHARE or reuse.n_reused >= _MIN_SENTENCES:
        relation = "partial_reuse"
    else:
        return None
    return Derivation(derived_id=derived.id, source_id=source.id, relation=relation, share=round(share, 3),
                      signals=(*signals, f"contained:{vshare:.2f}"), direction="known" if direction else "unknown")
