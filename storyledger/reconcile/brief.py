"""Write a story's cited brief and timeline, extractive and checked.

The brief's sections, each made of source words:

1. ``summary``: what happened, chosen by :mod:`.brief_select`: whole sentences
   only; the outlets' opening line that tells most for its length (by the
   salience of its words less a price per word, :mod:`.salience`) first, then
   lines that each add the most salient news for their length, while one is
   worth its words; another outlet cited only where it states the same
   claim (:mod:`.brief_claims`: the story alignment's paraphrase or closer,
   the same numbers, days and polarity, the same act where the line praises
   or blames, and any claim of reported speech the line adds), and of the outlets' tellings of one
   claim the one the others state whole is shown. With it, ``contrast`` lines (another outlet's differing number, day
   or polarity on the same matter) and ``framing`` lines (each outlet's opening
   line, when they tell one event in opposed terms and no dispute is found).
   No sentence is shown twice: a dispute's side is left to the disputes.
2. ``figures``: at most a handful of reconciled figures that count a named
   thing (money, or a unit that is not a share, a span of time or a function
   word) with a definite number (digits, or a number word other than "one" and
   the plural round words), labelled by the noun counted, with status and history. The text is composed ("Label: <current>
   (updated; earlier <earlier>)") only from the figures' own words, copied
   verbatim from the cited sentences; equal single-source values of different
   articles are merged as corroborated; a total is never set against a rate.
3. ``disputes``: each side's claim in its own words, with its speaker, cited
   to the reports that state it (a passage of another outlet only where the
   story alignment aligns it with the side's own, with the same facts).
4. ``single_source``: what only one lineage reports (a sentence another line
   already cites, a figure line's say, is not told again), only where the
   news it adds is worth its words, as for the summary's lines.

Every sentence carries citations (article id and character span) and every
number and quoted passage in its text appears verbatim in a cited span: by
construction, and verified by :func:`check_faithful` before a sentence is kept
(a composed sentence that fails falls back to the plain source sentence).

The timeline lists dated events (sentences carrying a resolved date) and the
successive values of updated figures, in date order.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from ..records import (
    Alignment,
    Article,
    ArticleFacts,
    BriefSentence,
    Citation,
    Derivation,
    Dispute,
    Figure,
    FigureGroup,
    Sentence,
    Story,
    TimelineEntry,
)
from ..text import STOP, segment_article
from .brief_claims import CLOSE_KINDS, aligned_kinds
from .brief_select import Told, choose_lines, reused_lines, same_facts, usable_line
from .figures import compatible, lineages
from .salience import content_units, line_value, unit_salience

__all__ = [
    "check_faithful",
    "cite_sentence",
    "numbers_in",
    "quoted_in",
    "sentence_at",
    "sentences_by_article",
    "write_brief",
]

log = logging.getLogger(__name__)

_MAX_SUMMARY = 4
_MAX_FIGURES = 4  # a handful; the rest stay in the figures table
_MAX_SINGLE_FIGURES = 2
_MAX_DISPUTE_SIDES = 8
_MAX_SINGLE = 2
_MAX_TIMELINE = 40
_MAX_LEXICAL = 4000
_MIN_LEXICAL_MATCH = 0.5
_MAX_SUMMARY_OVERLAP = 0.35

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion trillions dozen dozens half quarter "
    "quarters third thirds"
).split()
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_QUOTE_PAIRS = re.compile(r"\"([^\"]+)\"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]")
_STATUS_WORDS = {
    "corroborated": "corroborated by independent sources",
    "updated": "updated",
    "conflicting": "sources conflict",
    "single_source": "single source",
}


def numbers_in(text: str) -> list[str]:
    """The numbers a text states, in digits or in words.

    Example:
        >>> numbers_in("At least 45 died, dozens more and 1,200.5 tonnes")
        ['45', '1,200.5', 'dozens']
    """
    return _NUMBER.findall(text) + [m.group(0) for m in _NUMBER_WORD.finditer(text)]


def quoted_in(text: str) -> list[str]:
    """The passages a text puts between double quotation marks (straight, curly or guillemets)."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTE_PAIRS.finditer(text)]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _has_number(token: str, cited: Iterable[str]) -> bool:
    if token[0].isdigit():
        pat = re.compile(rf"(?<![\d]){re.escape(token)}(?![\d]|[.,]\d)")
    else:
        pat = re.compile(rf"\b{re.escape(token)}\b", re.I)
    return any(pat.search(c) for c in cited)


def check_faithful(brief: Iterable[BriefSentence | TimelineEntry], articles: Sequence[Article]) -> list[str]:
    """Problems with a brief: citations that point nowhere, numbers or quotes not found verbatim.

    Args:
        brief: brief sentences (or timeline entries): anything with ``text`` and ``citations``.
        articles: the articles the citations point into.

    Returns:
        One line per problem; empty when every number and quoted passage of every
        sentence appears verbatim in one of its cited spans.

    Example:
        >>> from storyledger.records import Article, BriefSentence, Citation
        >>> a = Article(id="a", text="At least 45 people died.")
        >>> check_faithful([BriefSentence(text="Killed: 45", citations=(Citation(article_id="a", start=0, end=24),))], [a])
        []
        >>> check_faithful([BriefSentence(text="Killed: 171", citations=(Citation(article_id="a", start=0, end=24),))], [a])
        ["number '171' not in its citations: 'Killed: 171'"]
    """
    texts = {a.id: a.text for a in articles}
    problems: list[str] = []
    for b in brief:
        cited: list[str] = []
        if not b.citations:
            problems.append(f"no citation: {b.text[:80]!r}")
        for c in b.citations:
            t = texts.get(c.article_id)
            if t is None or not (0 <= c.start < c.end <= len(t)):
                problems.append(f"citation {c.article_id}[{c.start}:{c.end}] points nowhere: {b.text[:80]!r}")
                continue
            cited.append(t[c.start : c.end])
        for n in numbers_in(b.text):
            if not _has_number(n, cited):
                problems.append(f"number {n!r} not in its citations: {b.text[:80]!r}")
        squashed = [_squash(c) for c in cited]
        for q in quoted_in(b.text):
            if not any(_squash(q) in c for c in squashed):
                problems.append(f"quote {q[:40]!r} not in its citations: {b.text[:80]!r}")
    return problems


# --------------------------------------------------------------------------- helpers


def sentences_by_article(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]) -> dict[str, list[Sentence]]:
    """Each article's sentences that lie within its text, segmented here where none do."""
    out = {}
    for a in articles:
        got = [s for s in (sentences.get(a.id) or ()) if 0 <= s.start < s.end <= len(a.text)]
        out[a.id] = got or list(segment_article(a))
    return out


def cite_sentence(s: Sentence) -> Citation:
    """A citation of the sentence without its surrounding whitespace."""
    lead = len(s.text) - len(s.text.lstrip())
    trail = len(s.text.rstrip())
    return Citation(article_id=s.article_id, start=s.start + lead, end=s.start + max(trail, lead + 1))


def sentence_at(sents: Sequence[Sentence], pos: int) -> Sentence | None:
    """The sentence holding character ``pos`` (sentences in text order, as segmented)."""
    k = bisect.bisect_right(sents, pos, key=_start) - 1
    if k >= 0 and sents[k].start <= pos < sents[k].end:
        return sents[k]
    return None


def _start(s: Sentence) -> int:
    return s.start


def _prose(s: Sentence) -> bool:
    t = s.text.strip()
    words = t.split()
    if len(words) < 6 or len(words) > 80:
        return False
    if t.isupper() or not re.search(r"[.!?\"”’)]$", t):
        return False
    return sum(w[0].isalpha() for w in words) / len(words) > 0.6


def _keep(out: list[BriefSentence], candidate: BriefSentence, fallback: BriefSentence | None, articles) -> None:
    for b in (candidate, fallback):
        if b is not None and not check_faithful([b], articles):
            out.append(b)
            return
    log.info("brief sentence dropped, not faithful: %r", candidate.text[:80])


# --------------------------------------------------------------------------- sections


def _summary(articles, sents, alignments, lineage, disputes, out: list[BriefSentence], reused=frozenset()) -> set[tuple[str, int]]:
    """Summary, contrasting and framing lines (:func:`~.brief_select.choose_lines`); the sentences they cover.

    A sentence that a dispute's side quotes is left to the disputes section.
    """
    covered: set[tuple[str, int]] = set()
    shown = frozenset((c.article_id, c.start) for d in disputes for side in d.sides for c in side.citations)
    told = Told(disputed=bool(disputes), reused=reused, shown=shown)
    for c in choose_lines(articles, sents, alignments, lineage, _MAX_SUMMARY, told):
        cites = [cite_sentence(c.sentence)] + [cite_sentence(p) for p in c.support]
        covered.update((x.article_id, x.index) for x in (c.sentence, *c.support))
        b = BriefSentence(text=c.sentence.text.strip(), citations=tuple(dict.fromkeys(cites)), section=c.section)
        _keep(out, b, None, articles)
    # Whatever another lineage also reports (an alignment closer than related) is not single-source.
    index = {a.id: sents[a.id] for a in articles}
    for al in alignments:
        if al.kind == "related" or lineage.get(al.a.article_id) == lineage.get(al.b.article_id):
            continue
        for x in (al.a, al.b):
            s = sentence_at(index.get(x.article_id, ()), x.start)
            if s is not None:
                covered.add((s.article_id, s.index))
    return covered


def _surface(f: Figure, by_id: Mapping[str, Article]) -> str:
    a = by_id.get(f.article_id)
    return _squash(a.text[f.start : f.end]) if a else ""


_RATE = re.compile(r"\b(?:per|a|each|every)\s+(?:day|week|month|year|hour|capita|person)\b|\bdaily\b|\baverage\b|%|\bper ?cent\b|\brate\b", re.I)
# A fraction in digits, or a share in words: "2/3", "a third of the capitals", "two-thirds of", "half the
# seats" (not a count: "one and a half million people" and "half a million" are).
_FRACTION = re.compile(r"\d\s*/\s*\d|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?)\s+(?:of|the)\b", re.I)


_VAGUE = re.compile(r"^(?:hundred|thousand|million|billion|trillion|dozen)s$", re.I)
_SHARE_UNITS = frozenset({"percent", "per cent", "percentage", "percentage points", "points"})
_PRESENT = re.compile(r"^[a-z]+[^s'’]s$")  # "includes", "tops": a verb in the present, third person
# Words before a verb in its bare form: "aims to deliver", "would spend", "did not gain".
_BARE_BEFORE = r"(?:to|will|would|could|can|may|might|shall|should|must|did|does|do)(?:\s+not|n['’]t)?\s+"
# A span of time, or how often ("three times"): not a thing counted.
_SPAN_UNIT = re.compile(r"^(?:second|minute|hour|day|night|week|month|year|decade|age|time)s?$", re.I)


def _definite(surface: str) -> bool:
    """Does a figure's wording state a definite count: digits, or a number word other than "one" and the
    plural round words ("hundreds", "dozens")? "One of the earliest tests", "a handful of", "he" count
    nothing a reader could weigh.

    Example:
        >>> [_definite(t) for t in ("12 rockets", "seven children", "one of its first tests", "hundreds of homes", "he")]
        [True, True, False, False, False]
    """
    words = numbers_in(surface)
    return any(w[0].isdigit() or (w.lower() != "one" and not _VAGUE.match(w)) for w in words)


def _thing(unit: str) -> bool:
    """Does a figure's unit name a thing counted? Not a share (a percentage), a span of time (days, years,
    ages), a function word ("others") or a verb form in "-ing" ("leaving")."""
    u = unit.strip().lower()
    return bool(u) and u not in _SHARE_UNITS and not _SPAN_UNIT.match(u) and u not in STOP and not u.endswith("ing")


def _worth_a_line(g: FigureGroup, by_id) -> bool:
    """A figure that counts a named thing (:func:`_thing`) or money, with a definite number
    (:func:`_definite`), and no fraction; the others stay in the figures table."""
    reps = [r for r in g.reports if r.article_id in by_id]
    money = any(r.currency for r in reps)
    if not reps or not (money or g.unit) or not money and not _thing(g.unit or ""):
        return False
    surfaces = [_surface(r, by_id) for r in reps]
    return all(_definite(t) and not _FRACTION.search(t) for t in surfaces)


def _bare_in_text(pred: str, reports: Sequence[Figure], by_id: Mapping[str, Article]) -> bool:
    """Does ``pred`` stand in its bare form ("will deliver 1.6 billion doses", "$2 trillion the plan
    would spend") where it is nearest the figure, in every report's text that has it within 80 characters?"""
    word = re.compile(rf"\b(?:{_BARE_BEFORE})?{re.escape(pred)}\b", re.I)
    seen = []
    for r in reports:
        a = by_id.get(r.article_id)
        if a is None:
            continue
        lo = max(0, r.start - 80)
        found = [(min(abs(m.end() - r.start), abs(m.start() - r.end)), m.group(0)) for m in word.finditer(a.text, lo, r.end + 80)
                 if m.end() <= r.start or m.start() >= r.end]
        if found:
            seen.append(min(found)[1].lower() != pred.lower())
    return bool(seen) and all(seen)


def _label(g: FigureGroup, by_id: Mapping[str, Article] | None = None) -> str:
    """The figure's label by the noun counted, capitalised.

    The counted noun is not repeated as the context ("Rockets fired in rockets" ->
    "Rockets fired"), and a verb of the sentence in "-ing", in the present
    ("US dollars includes", "Troops announcing") or, in the reports' text (``by_id``),
    in its bare form after "to" or a modal ("Doses deliver" from "doses it aims to
    deliver") is left out: it tells how the sentence goes on, not what happened to the
    thing counted ("killed", "fled" stay).

    Example:
        >>> from storyledger.records import FigureGroup
        >>> def g(label, unit, pred):
        ...     return FigureGroup(id="g", label=label, unit=unit, status="single_source", order="dated",
        ...                        independent_sources=1, current=None, reports=(Figure(article_id="a", start=0, end=1,
        ...                        value=1.0, unit=unit, predicate=pred),))
        >>> [_label(g("rockets fired in rockets", "rockets", "fired")), _label(g("US dollars includes", "US dollars", "includes")),
        ...  _label(g("people killed in strike", "people", "killed"))]
        ['Rockets fired', 'US dollars', 'People killed in strike']
    """
    words = g.label.split()
    unit = (g.unit or "").strip().lower()
    if unit and g.label.lower().endswith(f" in {unit}") and len(words) > len(unit.split()) + 2:
        words = words[: -len(unit.split()) - 1]
    pred = next((r.predicate for r in g.reports if r.predicate), None)
    if pred and pred.lower() != unit and pred in words[1:] and (
        pred.endswith("ing") or _PRESENT.match(pred) or (by_id is not None and _bare_in_text(pred, g.reports, by_id))
    ):
        words.remove(pred)
    label = " ".join(words) or g.label
    return label[:1].upper() + label[1:]


def _is_rate(f: Figure, sents) -> bool:
    s = sentence_at(sents.get(f.article_id, ()), f.start)
    return bool(_RATE.search(s.text if s else ""))


def _merged(groups: Sequence[FigureGroup]) -> list[FigureGroup]:
    """Single-source figures of equal value and unit from different articles, as one corroborated group."""
    out: list[FigureGroup] = []
    same: dict[tuple, int] = {}
    for g in groups:
        cur = g.current.value if g.current else None
        key = ((g.unit or "").lower(), cur, next((r.currency for r in g.reports if r.currency), None))
        k = same.get(key) if g.status == "single_source" and cur is not None else None
        if k is not None and out[k].status in ("single_source", "corroborated") and not (
            {r.article_id for r in out[k].reports} & {r.article_id for r in g.reports}
        ):
            out[k] = replace(out[k], status="corroborated", reports=out[k].reports + g.reports)
            continue
        if g.status == "single_source" and cur is not None:
            same[key] = len(out)
        out.append(g)
    return out


def _told_in(f: Figure, sents, out: Sequence[BriefSentence]) -> bool:
    """Is the sentence that reports ``f`` already a line of the brief?"""
    s = sentence_at(sents.get(f.article_id, ()), f.start)
    return s is not None and any(
        c.article_id == f.article_id and s.start <= c.start < s.end for b in out for c in b.citations[:1]
    )


def _restatements(groups: Sequence[FigureGroup]) -> set[str]:
    """The groups of money whose every report lies inside another amount's span: an amount restated in
    another currency ("20 million francs (US$22 million)", "up to €1,500, or $1,760") is told by the
    amount's line (a count inside a count, "10 people, including seven children", is not restated)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g in groups:
        for r in g.reports:
            if r.currency:
                spans[r.article_id].append((r.start, r.end))

    def inside(r: Figure) -> bool:
        return bool(r.currency) and any(s <= r.start and r.end <= e and (s, e) != (r.start, r.end)
                                        for s, e in spans[r.article_id])

    return {g.id for g in groups if g.reports and all(inside(r) for r in g.reports)}


def _figures(groups: Sequence[FigureGroup], by_id, sents, out: list[BriefSentence]) -> None:
    """At most a handful of figure lines: changes, conflicts and money first, equal values merged, no
    restatement of an amount in other units (:func:`_restatements`)."""
    restated = _restatements(groups)
    ranked = sorted(
        _merged([g for g in groups if g.id not in restated and _worth_a_line(g, by_id)]),
        key=lambda g: (
            0 if g.status in ("updated", "conflicting") or any(r.currency for r in g.reports) else
            1 if g.status == "corroborated" else 2,
            -len(g.reports),
        ),
    )
    singles = 0
    shown = 0
    for g in ranked:
        if shown >= _MAX_FIGURES:
            break
        if g.status == "single_source":
            singles += 1
            if singles > _MAX_SINGLE_FIGURES:
                continue
        reps = [r for r in g.reports if r.article_id in by_id and _surface(r, by_id)]
        if not reps:
            continue
        if g.status == "single_source" and _told_in(reps[0], sents, out):
            shown += 1  # told by a line of the brief already: one of the handful, not repeated
            continue
        cur = g.current
        now = next((r for r in reps if cur and r.value == cur.value), None) or reps[-1]
        parts, used = _status_parts(g.status, now, reps, by_id, sents)
        label = _label(g, by_id)
        cites = []
        for r in used:
            s = sentence_at(sents.get(r.article_id, ()), r.start)
            cites.append(cite_sentence(s) if s else Citation(article_id=r.article_id, start=r.start, end=r.end))
        text = f"{label}: {' '.join(parts)}"
        s0 = sentence_at(sents.get(now.article_id, ()), now.start)
        fallback = None
        if s0 is not None and not _told_in(now, sents, out):
            fallback = BriefSentence(text=s0.text.strip(), citations=(cite_sentence(s0),), section="figures")
        _keep(out, BriefSentence(text=text, citations=tuple(dict.fromkeys(cites)), section="figures"), fallback, by_id.values())
        shown += 1


def _status_parts(status: str, now: Figure, reps: Sequence[Figure], by_id, sents) -> tuple[list[str], list[Figure]]:
    """A figure line's words after its label, and the reports it cites: the current value, then what its status adds."""
    parts = [_surface(now, by_id)]
    used = [now]
    if status == "updated":
        # Reports come in the order the story learnt them: the first that disagrees is the earlier value.
        earlier = [r for r in reps if not compatible(r, now)]
        if earlier:
            used.append(earlier[0])
            parts.append(f"({_STATUS_WORDS['updated']}; earlier {_surface(earlier[0], by_id)})")
    elif status == "conflicting":
        # A total is never set against a rate or a daily figure: those differ in what they count.
        other = next((r for r in reps if r.value != now.value and _is_rate(r, sents) == _is_rate(now, sents)), None)
        if other is None:
            parts.append("(also reported as a different measure: see the figures table)")
        else:
            used.append(other)
            parts.append(f"({_STATUS_WORDS['conflicting']}: also {_surface(other, by_id)})")
    else:
        parts.append(f"({_STATUS_WORDS[status]})")
        # Cite every source that agrees, not only the one quoted.
        for r in reps:
            if r.article_id not in {u.article_id for u in used} and len(used) < 4:
                used.append(r)
    return parts, used


def _side_citations(side, by_id, sents, alignments, lineage) -> tuple[Citation, ...]:
    """The citations of a dispute's side that state its claim.

    The first (where the claim is told) and the side's other passages of the
    same lineage stay; another lineage's passage stays only where the story's
    alignment aligns its sentence with the first's (paraphrase or closer, or the
    same quotation: :mod:`.brief_claims`) and the two state the same numbers,
    days and polarity. A report that retracts or denies the claim is no
    citation for it.
    """
    cites = [Citation(article_id=c.article_id, start=c.start, end=c.end) for c in side.citations if c.article_id in by_id]
    if len(cites) < 2:
        return tuple(cites)
    first = cites[0]
    s0 = sentence_at(sents.get(first.article_id, ()), first.start)
    kept = [first]
    for c in cites[1:]:
        if lineage.get(c.article_id) == lineage.get(first.article_id):
            kept.append(c)
            continue
        s = sentence_at(sents.get(c.article_id, ()), c.start)
        if s0 is None or s is None:
            continue
        kind = aligned_kinds([s0, s], alignments, ("first", "other")).get((0, 1))
        if (kind in CLOSE_KINDS or kind == "shared_quote") and same_facts(s0.text, s.text):
            kept.append(c)
    return tuple(dict.fromkeys(kept))


def _disputes(disputes: Sequence[Dispute], by_id, out: list[BriefSentence], sents=None, alignments=(), lineage=None) -> None:
    n = 0
    for d in disputes:
        for side in d.sides:
            if n >= _MAX_DISPUTE_SIDES:
                return
            cites = _side_citations(side, by_id, sents or {}, alignments, lineage or {})
            if not cites:
                continue
            claim = side.claim.strip()
            speaker = (side.speaker or "").strip()
            text = claim if not speaker or speaker.lower() in claim.lower() else f"{speaker}: {claim}"
            plain = BriefSentence(text=claim, citations=cites, section="disputes")
            _keep(out, BriefSentence(text=text, citations=cites, section="disputes"), plain, by_id.values())
            n += 1


def _cited_in(s: Sentence, out: Sequence[BriefSentence]) -> bool:
    """Does a line of the brief already cite sentence ``s`` (a figure line told from it, say)?"""
    return any(c.article_id == s.article_id and s.start <= c.start < s.end for b in out for c in b.citations[:1])


def _single_source(articles, sents, facts, groups, lineage, covered, out: list[BriefSentence]) -> None:
    """What one lineage alone reports: sentences with a single-source figure, a figure or a quote, not
    covered elsewhere, each kept only when the news it adds is worth its words (:func:`~.salience.line_value`
    over what the brief tells so far)."""
    if len(set(lineage.values())) < 2:
        return
    single_figs = {(r.article_id, r.start) for g in groups if g.status == "single_source" for r in g.reports}
    picks = []
    for a in articles:
        af = facts.get(a.id)
        fig_pos = [f.start for f in af.figures] if af else []
        quote_pos = [q.start for q in af.quotes] if af else []
        for whole in sents[a.id]:
            s = usable_line(whole, a.title)
            if (whole.article_id, whole.index) in covered or s is None or _cited_in(whole, out):
                continue
            has_single = any((a.id, p) in single_figs for p in fig_pos if s.start <= p < s.end)
            has_fig = any(s.start <= p < s.end for p in fig_pos)
            has_quote = any(s.start <= p < s.end for p in quote_pos)
            weight = 2 * has_single + has_fig + 0.5 * has_quote
            if weight:
                picks.append((-weight, s.index, a.id, s))
    picks.sort(key=lambda t: t[:3])
    seen_articles: dict[str, int] = defaultdict(int)
    taken = 0
    kept = [b.text for b in out if b.section in ("summary", "contrast", "framing", "disputes")]
    salience = unit_salience(articles, sents, lineage) if picks else {}
    told = frozenset().union(*(content_units(b.text) for b in out))
    for neg_weight, _, aid, s in picks:
        if taken >= _MAX_SINGLE or seen_articles[aid] >= 2:
            continue
        if any(fuzz.token_set_ratio(s.text, k) >= 75 for k in kept):
            continue
        if -neg_weight < 2 and line_value(s.text, salience, told) <= 0:  # no single-source figure: must be worth its words
            continue
        kept.append(s.text)
        told |= content_units(s.text)
        b = BriefSentence(text=s.text.strip(), citations=(cite_sentence(s),), section="single_source")
        _keep(out, b, None, articles)
        seen_articles[aid] += 1
        taken += 1


_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_FUTURE_DAYS = 60


def _days_after(published: str | None, days: int) -> str | None:
    import datetime as _dt

    try:
        return (_dt.date.fromisoformat((published or "")[:10]) + _dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _timeline(articles, sents, facts, groups, alignments, by_id) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    seen: list[tuple[str, str]] = []
    for a in articles:
        af = facts.get(a.id)
        if not af:
            continue
        horizon = _days_after(a.published, _MAX_FUTURE_DAYS)
        used: set[int] = set()
        for d in sorted(af.dates, key=lambda d: d.start):
            # Events have days: a bare year or month is background, not a dated event.
            if not d.value or not _FULL_DATE.match(d.value) or (horizon and d.value[:10] > horizon):
                continue
            s = sentence_at(sents[a.id], d.start)
            if s is None or not _prose(s) or s.index in used:
                continue
            used.add(s.index)
            date = d.value[:10]
            if any(date == dd and fuzz.token_set_ratio(s.text, tt) >= 70 for dd, tt in seen):
                continue
            seen.append((date, s.text))
            entries.append(TimelineEntry(date=date, text=s.text.strip(), citations=(cite_sentence(s),)))
    for g in groups:
        if g.status != "updated":
            continue
        reps = [r for r in g.reports if r.article_id in by_id]
        shown: list[Figure] = []
        for r in reps:
            if any(compatible(r, o) for o in shown):
                continue
            shown.append(r)
            s = sentence_at(sents.get(r.article_id, ()), r.start)
            cite = cite_sentence(s) if s else Citation(article_id=r.article_id, start=r.start, end=r.end)
            date = (by_id[r.article_id].published or "")[:10] or None
            text = f"{g.label[:1].upper() + g.label[1:]}: {_surface(r, by_id)}"
            entries.append(TimelineEntry(date=date, text=text, citations=(cite,), figure_id=g.id))
    entries = [e for e in entries if not check_faithful([e], articles)]
    # Undated figure updates keep their inferred order after the dated entries.
    entries.sort(key=lambda e: (e.date is None, e.date or ""))
    return entries[:_MAX_TIMELINE]


def write_brief(
    story: Story,
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    facts: Mapping[str, ArticleFacts],
    alignments: Sequence[Alignment],
    derivations: Sequence[Derivation],
    figure_groups: Sequence[FigureGroup],
    disputes: Sequence[Dispute],
) -> tuple[tuple[BriefSentence, ...], tuple[TimelineEntry, ...]]:
    """The story's cited brief and its timeline.

    Args:
        story: the story (its articles are ``articles``).
        articles: the story's articles.
        sentences: sentences per article id (segmented here where missing).
        facts: extracted facts per article id.
        alignments: the story's alignments (centrality counts aligned lineages).
        derivations: provenance; derived articles count as one lineage.
        figure_groups: reconciled figures (:func:`storyledger.reconcile.figures.reconcile_figures`).
        disputes: disputes (:func:`storyledger.reconcile.disputes.find_disputes`).

    Returns:
        The brief sentences (sections summary, figures, disputes, single_source)
        and the timeline, every entry cited and checked by :func:`check_faithful`.
    """
    arts = [a for a in articles if isinstance(a, Article) and a.text]
    if not arts:
        return (), ()
    by_id = {a.id: a for a in arts}
    sents = sentences_by_article(arts, sentences)
    lineage = lineages(sorted(by_id), [d for d in derivations if d.derived_id in by_id and d.source_id in by_id])
    brief: list[BriefSentence] = []
    reused = reused_lines(alignments, derivations)
    covered = _summary(arts, sents, alignments, lineage, disputes, brief, reused)
    _figures(figure_groups, by_id, sents, brief)
    _disputes(disputes, by_id, brief, sents, alignments, lineage)
    _single_source(arts, sents, facts, figure_groups, lineage, covered, brief)
    timeline = _timeline(arts, sents, facts, figure_groups, alignments, by_id)
    return tuple(brief), tuple(timeline)
