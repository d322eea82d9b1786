"""Choose, cite and order the brief's summary: what happened, what each outlet adds, where they differ.

The steps, in order:

1. **Usable lines.** A line is a whole sentence of an article: never one cut
   with "..." or an unclosed quotation, a question, a headline or a run-in
   label ("Driving the news:") or dateline ("CITY —"); a label or dateline
   before the sentence proper is left out of the cited span.
2. **Pair verdicts.** Every two usable lines of different lineages that share
   words (TF-IDF cosine, or an alignment of the story) are compared whole by
   the alignment model (:func:`storyledger.align.paraphrase.compare_texts`):
   that verdict says whether a line tells what a kept line told already.
   Line B states **the same claim** as line A (:mod:`.brief_claims`) only by
   the story alignment's own verdict (:func:`storyledger.align.align_story`,
   with its story-level checks): a paraphrase or closer that spans most of A
   and lies within B (or the two are verbatim or near-verbatim copies by
   their words), with the same numbers, weekdays, months and relative days,
   the same polarity (negation parity, and every word the two share negated
   in both or neither), B naming at least half of the names (capitalised
   words) of A, no sentiment of opposite sign in the words they do not
   share, a main predicate that praises or blames told by B as the same
   act (:func:`~.brief_claims.same_predicate`), and a claim of reported
   speech that A adds after a comma stated by B too.
3. **Salience**: each content unit of the story (a content word's stem, a
   number) is worth the probability that a neutral summary states it, by a
   small logistic model over how many outlets use it, how often, in a
   headline, an opening sentence, as a name or a number
   (:mod:`.salience`, fit on reference summaries).
4. **The lead**: of the outlets' opening lines, the one whose units are worth
   most per word (per square root of its length: a long line must tell more,
   but the line that tells the event is not passed over for a short detail),
   the best-supported first on a tie: what happened, the way the outlets tell it. Where the outlets frame the event in opposed
   terms (step 8), the calmest of them (least sentiment either way) leads.
5. **What each line adds**: further lines one at a time, each the line of
   most net value given what is told (the salience of its units not yet told,
   less the price of its words), kept only when that value is positive (a
   story its lead tells needs no second line), no line already kept states
   its claim (the verdict of step 2) and most of its content words are new.
   A line of stance (first or second person outside quotation marks,
   "should", "must", an exclamation) is left to the framing lines; a line
   that leans on the one before it ("He said...", "But...") is not used; a
   sentence that another section shows (a dispute's side) is not told again.
6. **Order**: the lead, then developments, then reactions (lines that quote or
   report speech).
7. **Citations that hold**: a line cites another lineage only for a line that
   states the same claim (step 2). Of a claim's tellings, the one shown is the
   one the others hold most of (:func:`_best_telling`), so each outlet cited
   beside it states the line whole, not the common part of a longer line. Where a lineage's line on the same matter
   differs in a number or a day, or denies what the line states (a word both
   share, negated in one only), it is shown after the summary as a
   ``contrast`` line, cited to that outlet.
8. **Framing**: where no dispute is found and the outlets' opening lines tell
   one statement (the story alignment's paraphrase or closer: two lines of
   different facts differ in sentiment because their facts do) in their own
   words of opposite sentiment (VADER's general-purpose lexicon over the
   content words no other outlet of the story uses: the event's words,
   "killed", "ban", "won", are everyone's; words in quotation marks left out),
   each outlet's opening line is a ``framing`` line, not told again in the
   summary; the lead, when it is one of them, stands for its own outlet's
   framing. No line is shown twice in the brief.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ..records import Alignment, Article, Derivation, Sentence
from ..text import MONTHS, STOP, WEEKDAYS, find_numbers
from .brief_claims import (
    CLOSE_KINDS,
    NEG_VERBS,
    NEGATORS,
    aligned_kinds,
    opposite_polarity,
    same_polarity,
    reported_clause,
    same_predicate,
)
from .salience import content_units, line_value, unit_salience, unit_words

__all__ = [
    "LineChoice",
    "Told",
    "choose_lines",
    "reused_lines",
    "same_facts",
    "tfidf_similarity",
    "usable_line",
]

_MAX_PAIRS = 3000
_MIN_PAIR_SIM = 0.12
_MAX_OLD_CONTENT = 0.5  # a line adds a fact when at most half its content words were told already
_MAX_CONTRAST = 2
_MIN_MATTER = 0.4  # share of the shorter line's content words the two lines share
_MIN_TONE = 0.25  # framing: one report's own words at least this positive, the other's this negative (VADER, -1..1)

_ELLIPSIS = re.compile(r"\.\.\.|…")
_END = re.compile(r"[.!\"”’')]$")
_LABEL = re.compile(r"^(?:[\w’'-]+ ){0,3}[\w’'-]+:\s+(?=[A-Z“\"])")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,}?\s*(?:\([^)]{1,40}\)\s*)?[—–-]+\s+(?=[A-Z“\"])")
_NUM = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)*(?![\w-])")
_NUM_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
                       "hundreds thousand thousands million billion trillion".split())
# Days, by kind: a contrast compares weekdays with weekdays, months with months, words of the near days with
# their like ("Sept. 1" and "Wednesday" may be one day).
_DAY_KINDS = (frozenset(WEEKDAYS), frozenset(m.lower() for m in MONTHS), frozenset("today yesterday tomorrow tonight".split()))
_DAY_WORDS = frozenset().union(*_DAY_KINDS)
_WORD = re.compile(r"[a-z][a-z']*?(?=n't\b)|n't|[a-z][a-z'’]*(?:-[a-z0-9]+)*|\d+(?:[.,]\d+)*")  # "don't": "do", "n't"
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_STANCE = re.compile(r"\b(?:I|we|We|you|You|my|My|our|Our|should|must|ought)\b|!")
_LEANS = re.compile(r"^\W*(?:(?:he|she|it|they|this|that|these|those|but|and|so|also|however|meanwhile)\b|(?:still|yet|instead|even so),)", re.I)
_SPEECH = re.compile(r"\b(?:said|says|told|tells|according to|stated|tweeted|wrote|added)\b")


@dataclass(frozen=True, slots=True, kw_only=True)
class LineChoice:
    """A chosen line: the sentence, the sentences of other lineages that state it, and its section."""

    sentence: Sentence
    support: tuple[Sentence, ...] = ()
    section: str = "summary"  # summary | contrast | framing


# --------------------------------------------------------------------------- lines


def usable_line(s: Sentence, title: str | None = None) -> Sentence | None:
    """``s`` as a brief line, a run-in label or dateline left out; None when it cannot stand alone.

    Example:
        >>> from storyledger.records import Sentence
        >>> t = "Driving the news: The council approved the plan on Monday after a long debate."
        >>> usable_line(Sentence(article_id="a", index=0, paragraph=0, start=0, end=len(t), text=t)).text
        'The council approved the plan on Monday after a long debate.'
    """
    raw = s.text.rstrip()
    body = raw.lstrip()
    off = len(raw) - len(body)
    if title and len(title) > 15 and body.startswith(title.strip()):
        cut = len(title.strip())
        off, body = off + cut + (len(body[cut:]) - len(body[cut:].lstrip())), body[cut:].lstrip()
    for pat in (_LABEL, _DATELINE):
        m = pat.match(body)
        if m:
            off, body = off + m.end(), body[m.end():]
    if not _whole(body, title):
        return None
    return replace(s, start=s.start + off, end=s.start + off + len(body), text=body)


def _whole(body: str, title: str | None) -> bool:
    words = body.split()
    if not 6 <= len(words) <= 80 or not body[:1].isupper() and not body[:1] in "“\"":
        return False
    if _ELLIPSIS.search(body) or body.endswith("?") or not _END.search(body) or body.isupper():
        return False
    if body.count("“") != body.count("”") or body.count('"') % 2:
        return False
    if title and len(title) > 15 and title.strip().lower() in body.lower():
        return False
    quoted = sum(len(q) for q in _QUOTED.findall(body))
    return quoted <= 0.5 * len(body) and sum(w[0].isalpha() for w in words) / len(words) > 0.6


@functools.lru_cache(maxsize=20_000)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower().replace("’", "'")))


def _facts(text: str) -> tuple[frozenset[str], frozenset[str], int]:
    """Numbers, days and polarity (negation parity) a line states."""
    words = _words(text)
    nums = frozenset(n.replace(",", "") for n in _NUM.findall(text)) | (frozenset(words) & _NUM_WORDS)
    return nums, frozenset(words) & _DAY_WORDS, sum(w in NEGATORS or w in NEG_VERBS for w in words) % 2


def same_facts(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` state the same numbers and days, with the same polarity (:func:`~.brief_claims.same_polarity`)?

    Example:
        >>> same_facts("The vote is on Friday, 52 to 48.", "They voted 52 to 48 on Friday.")
        True
        >>> same_facts("The vote is on Friday.", "The vote was not on Thursday.")
        False
        >>> same_facts("The mayor refused to apologise on Monday.", "The mayor apologised on Monday.")
        False
        >>> same_facts("On Monday the mayor apologised but did not resign.", "The mayor refused to apologise on Monday.")
        False
    """
    return _facts(a)[:2] == _facts(b)[:2] and same_polarity(a, b)


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _words(text) if len(w) > 2 and w not in STOP)


def _stance(text: str) -> bool:
    return bool(_STANCE.search(_QUOTED.sub("", text)))


def _speech(text: str) -> bool:
    return bool(_QUOTED.search(text) or _SPEECH.search(text))


# --------------------------------------------------------------------------- verdicts


def _candidate_pairs(cands, sim, lineage, alignments) -> list[tuple[int, int]]:
    """Pairs of lines of different lineages worth a verdict: aligned, or sharing words."""
    lin = [lineage.get(s.article_id) for s in cands]
    spans: dict[str, list[int]] = {}
    for i, s in enumerate(cands):
        spans.setdefault(s.article_id, []).append(i)

    def line_at(aid: str, pos: int) -> int | None:
        return next((k for k in spans.get(aid, ()) if _inside(cands[k], pos)), None)

    pairs: dict[tuple[int, int], float] = {}
    for al in alignments:
        i, j = line_at(al.a.article_id, al.a.start), line_at(al.b.article_id, al.b.start)
        if i is not None and j is not None and lin[i] != lin[j]:
            pairs[(min(i, j), max(i, j))] = 1.0
    if sim is not None:
        ii, jj = np.nonzero(np.triu(sim, 1) >= _MIN_PAIR_SIM)
        for i, j in zip(ii.tolist(), jj.tolist()):
            if lin[i] != lin[j]:
                pairs.setdefault((i, j), float(sim[i, j]))
    return sorted(pairs, key=lambda p: -pairs[p])[:_MAX_PAIRS]


def _inside(s: Sentence, pos: int) -> bool:
    return s.start - 2 <= pos < s.end


def _verdicts(cands, pairs) -> dict[tuple[int, int], str]:
    """The alignment model's kind for each pair, both ways round."""
    if not pairs:
        return {}
    from ..align import compare_texts

    got = compare_texts((f"{i} {j}", cands[i].text, cands[j].text) for i, j in pairs)
    out = {}
    for (i, j), (_, kind, _) in zip(pairs, got):
        out[(i, j)] = out[(j, i)] = kind
    return out


# --------------------------------------------------------------------------- similarity

_TFIDF_WORD = re.compile(r"[a-z0-9]+")


def tfidf_similarity(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarities of L2-normalised TF-IDF rows (sublinear counts, smoothed idf, content words),
    and each row's closeness to the mean row (the story's centre)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, t in enumerate(texts):
        for w in _TFIDF_WORD.findall(t.lower()):
            if w not in STOP and len(w) > 1:
                rows.append(i)
                cols.append(vocab.setdefault(w, len(vocab)))
    n, v = len(texts), max(len(vocab), 1)
    from scipy import sparse

    sm = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, v))  # duplicates summed: term counts
    sm.data = np.log1p(sm.data)
    sm = sm @ sparse.diags(np.log((1 + n) / (1 + np.bincount(sm.indices, minlength=v))) + 1)
    norms = np.sqrt(np.asarray(sm.multiply(sm).sum(axis=1)).ravel())
    sm = sparse.csr_matrix(sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ sm)
    centre = np.asarray(sm.mean(axis=0)).ravel()
    return (sm @ sm.T).toarray().astype(np.float32), sm @ (centre / (np.linalg.norm(centre) or 1.0))


@functools.cache
def _sentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _loaded(text: str) -> float:
    """VADER compound sentiment (-1..1) of a line's own words (quotations left out)."""
    return float(_sentiment().polarity_scores(_QUOTED.sub(" ", text))["compound"])


def _tone(text: str, other: str) -> float:
    """VADER compound sentiment (-1..1) of the words of ``text`` that ``other`` does not use, quotations left out.

    What two reports of one event share (the event's own words: "killed", "won")
    cancels out; what is left is how each one tells it.
    """
    theirs = set(_words(other))
    own = [w for w in _QUOTED.sub(" ", text).split() if w.lower().strip(".,;:!?\"“”'’()") not in theirs]
    return float(_sentiment().polarity_scores(" ".join(own))["compound"])


def _opposed(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` tell their matter with sentiment of opposite sign in the words they do not share?"""
    ta, tb = _tone(a, b), _tone(b, a)
    return (ta >= _MIN_TONE and tb <= -_MIN_TONE) or (tb >= _MIN_TONE and ta <= -_MIN_TONE)


def _outlet_tone(text: str, others: frozenset[str]) -> float:
    """VADER compound sentiment (-1..1) of the outlet's own wording in ``text``: its content words that no
    other outlet of the story uses anywhere (``others``: their content units), quotations left out.

    The event's words ("killed", "war", "ban", "won") recur across the outlets
    of a story whatever their stance; a word only one outlet chooses
    ("reckless", "baseless", "bitter") is how that outlet tells it.
    """
    own = [w for u, w in unit_words(_QUOTED.sub(" ", text)) if u not in others and w.lower() not in others]
    return float(_sentiment().polarity_scores(" ".join(own))["compound"])


# --------------------------------------------------------------------------- choosing


@dataclass(frozen=True, slots=True, kw_only=True)
class _Pool:
    """The usable lines of a story and what is known about them."""

    cands: tuple[Sentence, ...]
    lineage: tuple[str, ...]
    kinds: Mapping[tuple[int, int], str]  # the alignment model's verdict on the two whole lines
    aligned: Mapping[tuple[int, int], str]  # the story alignment's kind (:func:`~.brief_claims.aligned_kinds`)
    states: Mapping[tuple[int, int], str]  # (i, j): line j states line i's claim, with this kind (:func:`_claims`)
    score: np.ndarray
    opening: frozenset[int]
    salience: Mapping[str, float]  # content unit -> probability that a summary states it
    aside: frozenset[int] = frozenset()  # lines another section shows
    vocab_beside: Mapping[str, frozenset[str]] = field(default_factory=dict)  # lineage -> the other lineages' content units


def reused_lines(alignments: Sequence[Alignment], derivations: Sequence[Derivation]) -> frozenset[tuple[str, int]]:
    """Where a derived article restates its source: (derived article id, start of the aligned span).

    Only derivations whose direction is known count; the source's own line
    stands for the passage in the brief, so a copy is never cited in place of
    its original.
    """
    source_of = {
        d.derived_id: d.source_id for d in derivations if d.direction == "known" and d.relation != "common_source"
    }
    out: set[tuple[str, int]] = set()
    for al in alignments:
        if al.kind not in CLOSE_KINDS:
            continue
        for mine, other in ((al.a, al.b), (al.b, al.a)):
            if source_of.get(mine.article_id) == other.article_id:
                out.add((mine.article_id, mine.start))
    return frozenset(out)


def _pool(
    articles: Sequence[Article],
    sents: Mapping[str, Sequence[Sentence]],
    alignments,
    lineage,
    reused: frozenset[tuple[str, int]] = frozenset(),
    shown: frozenset[tuple[str, int]] = frozenset(),
) -> _Pool | None:
    cands: list[Sentence] = []
    opening: set[int] = set()
    restated = {aid: [pos for a2, pos in reused if a2 == aid] for aid in {a for a, _ in reused}}
    for a in articles:
        first = True
        for s in sents[a.id]:
            line = usable_line(s, a.title)
            if line is not None and any(_inside(s, pos) for pos in restated.get(a.id, ())):
                first = False
                continue
            if line is not None:
                if first and s.index <= 2:
                    opening.add(len(cands))
                first = False
                cands.append(line)
    if not cands:
        return None
    lin = tuple(str(lineage.get(s.article_id, s.article_id)) for s in cands)
    sim, central = tfidf_similarity([s.text for s in cands]) if len(cands) > 1 else (None, np.zeros(1))
    kinds = _verdicts(cands, _candidate_pairs(cands, sim, lineage, alignments)) if len(set(lin)) > 1 else {}
    aligned = aligned_kinds(cands, alignments, lin)
    states = _claims(cands, kinds, aligned)
    score = np.zeros(len(cands))
    for i, s in enumerate(cands):
        same = {lin[j] for (a, j) in states if a == i}
        rel = {lin[j] for (a, j), k in kinds.items() if a == i and k != "different"} - same
        score[i] = len(same) + 0.5 * len(rel) + 0.8 * float(central[i]) + 0.6 / (1 + s.index) - 1.0 * _stance(s.text)
    aside = frozenset(i for i, s in enumerate(cands) if any(aid == s.article_id and _inside(s, pos) for aid, pos in shown))
    return _Pool(cands=tuple(cands), lineage=lin, kinds=kinds, aligned=aligned, states=states, score=score, opening=frozenset(opening),
                 salience=unit_salience(articles, sents, lineage), aside=aside, vocab_beside=_vocab_beside(articles, lineage))


def _vocab_beside(articles: Sequence[Article], lineage: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Per lineage, the content units every other lineage of the story uses."""
    used: dict[str, frozenset[str]] = {}
    for a in articles:
        lin = str(lineage.get(a.id, a.id))
        used[lin] = used.get(lin, frozenset()) | content_units(" ".join(filter(None, (a.title, a.text))))
    return {lin: frozenset().union(*(u for other, u in used.items() if other != lin)) for lin in used}


def _claims(cands, kinds, aligned) -> dict[tuple[int, int], str]:
    """``(i, j) -> kind`` where line ``j`` states line ``i``'s claim (:mod:`.brief_claims`).

    The kind is the story alignment's (paraphrase or closer, over most of line
    ``i``), or the words' own where the two lines are verbatim or near-verbatim
    copies; the two lines also state the same numbers and days with the same
    polarity, ``j`` names most of whom and what ``i`` names, and the words
    they do not share carry no sentiment of opposite sign (one outlet's
    "thanked" is not another's "condemned"), and a main predicate that
    praises or blames is told by the other line as the same act
    (:func:`~.brief_claims.same_predicate`); a claim of reported speech that
    line ``i`` adds ("..., telling the assembly ...") is stated by ``j`` too
    (:func:`_partly_stated`).
    """
    out = {}
    for (i, j) in sorted(set(kinds) | set(aligned)):
        kind = aligned.get((i, j)) if aligned.get((i, j)) in CLOSE_KINDS else kinds.get((i, j))
        if kind not in CLOSE_KINDS or (kind == "paraphrase" and aligned.get((i, j)) != "paraphrase"):
            continue
        a, b = cands[i].text, cands[j].text
        # the same claim: the same facts, actors and polarity, told without opposite sentiment
        if same_facts(a, b) and _same_names(a, b) and not _opposed(a, b) and same_predicate(a, b):
            out[(i, j)] = kind
    partly = _partly_stated(cands, out)
    return {p: k for p, k in out.items() if p not in partly}


def _partly_stated(cands, pairs) -> set[tuple[int, int]]:
    """Pairs ``(i, j)`` where line ``i`` goes on with a claim of reported speech (:func:`~.brief_claims.reported_clause`)
    that line ``j`` does not state (the alignment model's verdict on the clause against ``j``: not a
    paraphrase or closer)."""
    todo = [(i, j, c) for (i, j) in pairs if (c := reported_clause(cands[i].text)) is not None]
    if not todo:
        return set()
    from ..align import compare_texts

    got = compare_texts((str(n), c, cands[j].text) for n, (_, j, c) in enumerate(todo))
    return {(i, j) for (i, j, _), (_, kind, _) in zip(todo, got) if kind not in CLOSE_KINDS}


def _supporters(pool: _Pool, i: int) -> tuple[int, ...]:
    """Per other lineage, its line that states line ``i``'s claim (closest kind first)."""
    rank = {"verbatim": 0, "near_verbatim": 1, "paraphrase": 2}
    best: dict[str, tuple[int, int]] = {}
    for (a, j), k in pool.states.items():
        if a != i or pool.lineage[j] == pool.lineage[i]:
            continue
        cur = best.get(pool.lineage[j])
        if cur is None or (rank[k], -pool.score[j]) < (cur[0], -pool.score[cur[1]]):
            best[pool.lineage[j]] = (rank[k], j)
    return tuple(j for _, j in sorted(best.values()))


def _covered(a: str, b: str) -> float:
    """The share of ``a``'s content units that ``b`` holds."""
    units = content_units(a)
    return len(units & content_units(b)) / len(units) if units else 0.0


def _best_telling(pool: _Pool, i: int, taken: frozenset[int] = frozenset()) -> tuple[int, tuple[int, ...]]:
    """Which telling of line ``i``'s claim to show, and the lines cited beside it.

    Line ``i`` and the lines of other lineages that state its claim
    (:func:`_supporters`) tell one claim; each may add details of its own. The
    telling shown is the one the others hold most of (the least share of its
    content units found in any of them), so each outlet cited beside it states
    the line whole rather than the common part of a longer one. Only a telling
    whose claim line ``i`` and every other supporter state in turn (the same
    checks, the other way round) may stand in for line ``i``; line ``i`` is
    kept on a tie, and a line the brief shows elsewhere (``taken``) is never
    swapped in.
    """
    group = (i, *_supporters(pool, i))
    if len(group) < 2:
        return i, ()
    best, best_share = i, min(_covered(pool.cands[i].text, pool.cands[o].text) for o in group[1:])
    for g in group[1:]:
        others = [o for o in group if o != g]
        if g in taken or pool.cands[g].text in {pool.cands[t].text for t in taken if t != i}:
            continue
        if not all((g, o) in pool.states for o in others):
            continue
        share = min(_covered(pool.cands[g].text, pool.cands[o].text) for o in others)
        if share > best_share:
            best, best_share = g, share
    return best, tuple(o for o in group if o != best)


def _anchors(text: str) -> frozenset[str]:
    """The facts a line pins down: its numbers, days and names (capitalised words after the first)."""
    nums, days, _ = _facts(text)
    names = {w.lower().strip(".,;:’'\"“”()") for w in text.split()[1:] if w[:1].isupper()}
    return nums | days | frozenset(names)


def _names(text: str) -> frozenset[str]:
    """Capitalised words after the first, lower-cased, a possessive dropped: who and where a line names."""
    out = set()
    for w in text.split()[1:]:
        w = w.strip(".,;:\"“”()—-").replace("’", "'")
        if w[:1].isupper() and w.lower() not in STOP:
            out.add(w.lower().removesuffix("'s"))
    return frozenset(out)


def _same_names(a: str, b: str) -> bool:
    """Does ``b`` name at least half of whom and what ``a`` names (the same actors, not only the same topic)?"""
    na = _names(a)
    return not na or 2 * len(na & _names(b)) >= len(na)


def _told(pool: _Pool, i: int, chosen: Sequence[int]) -> bool:
    """Does a chosen line state line ``i``'s claim, or tell its matter with no new fact or few new words?"""
    kept = [j for j in chosen] + [k for j in chosen for k in _supporters(pool, j)]
    text = pool.cands[i].text
    if any(pool.kinds.get((i, j)) in CLOSE_KINDS or text == pool.cands[j].text for j in chosen):
        return True
    if any(pool.kinds.get((i, j), "different") != "different" for j in chosen):
        told_anchors = frozenset().union(*(_anchors(pool.cands[j].text) for j in kept))
        if _anchors(text) <= told_anchors:
            return True
    words = _content(text)
    told = frozenset().union(*(_content(pool.cands[j].text) for j in kept))
    return not words or len(words & told) / len(words) > _MAX_OLD_CONTENT


def _lead_worth(pool: _Pool, i: int) -> float:
    """What opening line ``i`` tells: the salience of its units per square root of its length in words.

    The lead says what happened: a long opening line that tells the event is not passed over for a
    short one that tells a detail, as a price per word would (that price weighs the lines after it).
    """
    text = pool.cands[i].text
    return sum(pool.salience.get(u, 0.0) for u in content_units(text)) / max(len(text.split()), 1) ** 0.5


def _value(pool: _Pool, i: int, told: frozenset[str]) -> float:
    """What line ``i`` adds, net of its length (:func:`~.salience.line_value`)."""
    return line_value(pool.cands[i].text, pool.salience, told)


def _select(pool: _Pool, limit: int, skip: frozenset[int] = frozenset()) -> list[int]:
    """The lead, then lines while one adds more salient news than its words cost; developments before reactions.

    The lead is the opening line whose units are worth most per word (:func:`_lead_worth`);
    each further line is the one of most net value given what is told (:func:`_value`), and
    the summary ends when no line is worth its words, so a story the lead tells gets one
    line, not four.
    """
    order = [int(i) for i in np.argsort(-pool.score, kind="stable")]  # best-supported first: ties go to it
    aside = {pool.cands[i].text for i in pool.aside}
    free = [i for i in order if pool.cands[i].text not in aside]
    plain = [i for i in free if not _stance(pool.cands[i].text)]
    # The lead is an outlet's opening line; where another section shows each of those, a line that does
    # not lean on the one before it; a line of stance only where nothing else is left.
    leads = [i for i in plain if i in pool.opening] or [i for i in plain if not _LEANS.match(pool.cands[i].text)] or free
    if not leads:
        return []
    # Where the outlets frame the event in opposed terms (``skip`` holds their framing lines), the
    # calmest telling leads: loaded wording stays with its outlet's framing line.
    calm = (lambda i: -round(abs(_loaded(pool.cands[i].text)), 1)) if skip else (lambda i: 0.0)
    chosen = [max(leads, key=lambda i: (calm(i), _lead_worth(pool, i)))]
    skipped = {pool.cands[i].text for i in skip}
    # Where the outlets share enough lines to tell what happened, the summary is told from those;
    # what one lineage alone reports has its own section.
    shared = {i for i in order if _supporters(pool, i)}
    only_shared = len(shared) >= limit - 1
    left = [
        i for i in plain
        if i != chosen[0] and pool.cands[i].text not in skipped and not _LEANS.match(pool.cands[i].text)
        and not (only_shared and i not in shared)
    ]
    while len(chosen) < limit:
        left = [i for i in left if not _told(pool, i, chosen)]
        if not left:
            break
        told = frozenset().union(*(content_units(pool.cands[j].text) for j in chosen))
        # Each outlet contributes where it adds a fact: any outlet's line is weighed by what it adds.
        worth = {i: _value(pool, i, told) for i in left}
        best = max(left, key=lambda i: worth[i])
        if worth[best] <= 0:  # no line adds enough news for its length
            break
        chosen.append(best)
        left.remove(best)
    # What happened, then developments, then reactions.
    return [chosen[0]] + sorted(chosen[1:], key=lambda i: (_speech(pool.cands[i].text), -pool.score[i]))


def _days_clash(da: frozenset[str], db: frozenset[str]) -> bool:
    return bool(da and db and not (da <= db or db <= da))


@functools.lru_cache(maxsize=20_000)
def _values(text: str) -> frozenset[float]:
    """The values of the numbers a line states, in digits or words ("Sixty-seven" is 67; not "thousands")."""
    return frozenset(n.value for n in find_numbers(text) if n.value is not None and n.kind in ("digits", "words"))


def _differs(a: str, b: str) -> bool:
    """Two lines on one matter that state a different number or day, or deny what the other states
    (:func:`~.brief_claims.opposite_polarity`: a parity of negations alone is no evidence of a contrast).
    Lines that state one value in common tell one fact with other details ("reached 348,000, down 29,000"
    and "dropped 29,000 to 348,000"; "67 Republicans" and "Sixty-seven Republicans"): no clash of numbers."""
    na, da, _ = _facts(a)
    nb, db, _ = _facts(b)
    ca, cb = _content(a), _content(b)
    same_matter = bool(ca and cb) and len(ca & cb) / min(len(ca), len(cb)) >= _MIN_MATTER
    numbers_clash = na and nb and not (na <= nb or nb <= na) and not (_values(a) & _values(b))
    clash = numbers_clash or any(_days_clash(da & kind, db & kind) for kind in _DAY_KINDS)
    return same_matter and bool(clash or opposite_polarity(a, b))


def _contrasts(pool: _Pool, chosen: Sequence[int], shown: Sequence[int] = ()) -> list[int]:
    """Lines of other lineages on the matter of a chosen line that differ in a number, a day or polarity
    (none that ``shown`` or a chosen line's support already holds)."""
    out: list[int] = []
    taken = set(chosen) | set(shown) | set(pool.aside) | {j for i in chosen for j in _supporters(pool, i)}
    for i in chosen:
        for (a, j), k in sorted(pool.kinds.items()):
            if len(out) >= _MAX_CONTRAST:
                return out
            if a == i and j not in taken and k != "different" and _differs(pool.cands[i].text, pool.cands[j].text):
                out.append(j)
                taken.add(j)
    return out


def _framing(pool: _Pool) -> list[int]:
    """Each outlet's opening line, when they tell one event with their own wording of opposite sentiment
    (:func:`_outlet_tone`: words no other outlet of the story uses)."""
    first: dict[str, int] = {}
    for i in sorted(pool.opening, key=lambda i: (pool.cands[i].article_id, pool.cands[i].index)):
        first.setdefault(pool.lineage[i], i)
    lines = list(first.values())
    if len(lines) < 2:
        return []
    for i in lines:
        for j in lines:
            # one statement told two ways (the story alignment's paraphrase or closer), not two facts
            if pool.aligned.get((i, j)) not in CLOSE_KINDS and pool.kinds.get((i, j)) not in ("verbatim", "near_verbatim"):
                continue
            ti = _outlet_tone(pool.cands[i].text, pool.vocab_beside[pool.lineage[i]])
            tj = _outlet_tone(pool.cands[j].text, pool.vocab_beside[pool.lineage[j]])
            if ti >= _MIN_TONE and tj <= -_MIN_TONE:
                return lines
    return []


@dataclass(frozen=True, slots=True, kw_only=True)
class Told:
    """What the rest of the brief tells, or leaves to other lines, which the summary must not tell again.

    Attributes:
        disputed: the story has a dispute (framing lines are then left to it).
        reused: passages a derived article restates from its source
            (:func:`reused_lines`): left to the source's own lines.
        shown: (article id, character position) of sentences another section
            of the brief shows (a dispute's sides): not told again here.
    """

    disputed: bool = False
    reused: frozenset[tuple[str, int]] = frozenset()
    shown: frozenset[tuple[str, int]] = frozenset()


def choose_lines(
    articles: Sequence[Article],
    sents: Mapping[str, Sequence[Sentence]],
    alignments: Sequence[Alignment],
    lineage: Mapping[str, str],
    limit: int,
    told: Told = Told(),
) -> list[LineChoice]:
    """The summary's lines with the lines that state them, then contrasting and framing lines.

    Args:
        articles: the story's articles.
        sents: each article's sentences, in text order.
        alignments: the story's alignments (pairs worth a verdict).
        lineage: article id -> lineage (copies of one text are one lineage).
        limit: the most summary lines.
        told: what the rest of the brief tells or leaves to other lines (:class:`Told`).

    Returns:
        Summary lines (lead first), then ``contrast`` lines, then ``framing``
        lines; no sentence twice.
    """
    pool = _pool(articles, sents, alignments, lineage, told.reused, told.shown)
    if pool is None:
        return []
    framing = [] if told.disputed else _framing(pool)
    # Where outlets frame the event in opposed terms, each one's opening line is shown as its framing,
    # attributed, and not told again in the summary; the lead stays, and stands for its own outlet's
    # framing (no line is shown twice).
    chosen = _select(pool, limit, frozenset(framing))
    out = []
    for i in chosen:
        shown, support = _best_telling(pool, i, frozenset(chosen) | frozenset(framing))
        out.append(LineChoice(sentence=pool.cands[shown], support=tuple(pool.cands[j] for j in support)))
    out += [LineChoice(sentence=pool.cands[j], section="contrast") for j in _contrasts(pool, chosen, framing)]
    lead = {pool.cands[i].text for i in chosen[:1]}
    return out + [LineChoice(sentence=pool.cands[i], section="framing") for i in framing if pool.cands[i].text not in lead]
