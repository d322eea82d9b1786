"""Reconcile the figures of a story across its sources and over time.

A story's figure reports are grouped into facts, and each fact gets a status:

1. **Group.** Reports of the same fact share a normalised key (what happened),
   a compatible unit (what was counted) and the same event: a death toll of an
   explosion and the death toll of an offensive are two facts when the clauses
   around their numbers name events of different families.
2. **Lineages.** Articles joined by any :class:`~storyledger.records.Derivation`
   (copy, rewrite, partial reuse, common lineage) are one lineage (union-find):
   a copy repeating a number is not a second witness to it.
3. **Order.** ``dated`` when every report's article has a publication date;
   otherwise ``inferred`` when the texts order the reports (running totals
   that only grow across several figures, the latest weekday or date each text
   mentions), with the evidence and how sure in ``FigureGroup.note``; otherwise
   ``unknown``. Two articles are ordered only on two independent pieces of
   evidence, or on one when they are one lineage (a copy whose number grew).
4. **Status.** All reports compatible: ``corroborated`` when two or more
   lineages give them, else ``single_source``. Incompatible values: ``updated``
   when the reports that nothing supersedes agree with each other and an
   earlier one differs; ``conflicting`` when independent reports that nothing
   supersedes disagree. Without an order, two different values are never
   ``corroborated``.

Compatibility of hedged values (the convention, stated once): every report is
read as an interval. ``exact`` is a point, widened by 5% for round numbers of
three or more trailing zeros (50,000 stands for 50,212) and 2% for two;
``about`` is ±10% unless the extractor gave bounds; ``at_least``/``more_than``
run from the value to 25% above it when the value is round and are a point
otherwise (two different "at least" tolls are different counts);
``at_most``/``less_than`` mirror that; ``range`` is ``[low, high]``. Two
reports agree when their intervals overlap.

``current`` follows a policy: ``latest`` (the best-supported, most precise value
among the reports nothing supersedes), ``conservative`` (ACLED's manner: the
lowest credible value among them) or ``range`` (UCDP's manner: best, low, high).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..text import WEEKDAYS
from ..errors import ConfigError
from ..options import POLICIES
from .events import events_compatible, figure_events, sentence_marks
from .overlap import Overlaps, any_disjoint, overlap_components, tolerance
from ..records import (
    Alignment,
    Article,
    ArticleFacts,
    Derivation,
    Figure,
    FigureGroup,
    FigureValue,
    Span,
    content_id,
    has_spread,
)

__all__ = [
    "compatible",
    "lineages",
    "reconcile_figures",
]

log = logging.getLogger(__name__)

# Keys whose values are running totals: they only grow as a story unfolds.
_RUNNING = re.compile(
    r"kill|dead|death|die|murder|injur|wound|hurt|fled|flee|escap|displac|evacu|missing|arrest|detain|"
    r"rescu|refugee|infect|case|hospital|casualt|victim|left|leave|depart|cross|arriv|enter|reach"
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

# Counted nouns that stand for "people" in general; other nouns (children,
# soldiers, civilians, tonnes…) are facts of their own.
_GENERIC_PEOPLE = {
    "people", "person", "persons", "individual", "individuals", "resident", "residents", "inhabitant",
    "inhabitants", "refugee", "refugees", "evacuee", "evacuees", "migrant", "migrants", "villager",
    "villagers", "citizen", "citizens", "local", "locals", "human", "humans", "life", "lives", "others",
    "victim", "victims", "dead", "casualties",
}
# Vague reports of one key ("dozens", "hundreds") compared pair by pair at most; more is pathological.
_VAGUE_CAP = 300
_FUTURE_BEFORE = re.compile(r"\b(next|this|coming|until|by)\s*$", re.I)


# --------------------------------------------------------------------------- values


def _sig_trailing_zeros(v: float) -> int:
    if v != int(v) or v == 0:
        return 0
    n, z = int(abs(v)), 0
    while n % 10 == 0:
        n //= 10
        z += 1
    return z


def _round_slack(v: float) -> float:
    z = _sig_trailing_zeros(v)
    return 0.05 if z >= 3 else 0.02 if z == 2 else 0.0


def _interval(f: Figure | FigureValue) -> tuple[float, float] | None:
    """The interval of counts a hedged report stands for (see the module docstring)."""
    v, lo, hi, q = f.value, f.low, f.high, f.qualifier
    if v is None and lo is None and hi is None:
        return None
    if q == "range" or (v is None and (lo is not None or hi is not None)):
        lo = lo if lo is not None else v if v is not None else hi
        hi = hi if hi is not None else v if v is not None else lo
        return (min(lo, hi), max(lo, hi))
    assert v is not None
    slack = _round_slack(v)
    if q == "about":
        if lo is not None and hi is not None:
            return (min(lo, hi), max(lo, hi))
        return (v * 0.9, v * 1.1) if v >= 0 else (v * 1.1, v * 0.9)
    if q in ("at_least", "more_than"):
        top = hi if hi is not None else v * (1.25 if slack else 1.0)
        return (v * (1 - slack), max(top, v))
    if q in ("at_most", "less_than"):
        bottom = lo if lo is not None else v * (0.8 if slack else 1.0)
        return (min(bottom, v), v * (1 + slack))
    return (v * (1 - slack), v * (1 + slack))


def compatible(a: Figure | FigureValue, b: Figure | FigureValue) -> bool:
    """Whether two hedged values can report the same count.

    Example:
        >>> from storyledger.records import FigureValue
        >>> compatible(FigureValue(value=50000, qualifier="more_than"), FigureValue(value=50212))
        True
        >>> compatible(FigureValue(value=58, qualifier="at_least"), FigureValue(value=72, qualifier="at_least"))
        False
    """
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False
    eps = 1e-9 * max(1.0, abs(ia[1]), abs(ib[1]))
    return ia[0] <= ib[1] + eps and ib[0] <= ia[1] + eps


def _precision(f: Figure) -> int:
    if f.qualifier == "exact":
        return 3 if f.value is not None and not _round_slack(f.value) else 2
    if f.qualifier in ("about", "at_least", "more_than", "at_most", "less_than"):
        return 1
    return 0


def _low(f: Figure) -> float:
    for v in (f.low, f.value, f.high):
        if v is not None:
            return v
    return 0.0


def _high(f: Figure) -> float:
    for v in (f.high, f.value, f.low):
        if v is not None:
            return v
    return 0.0


# --------------------------------------------------------------------------- lineages


def lineages(article_ids: Iterable[str], derivations: Iterable[Derivation]) -> dict[str, str]:
    """Map each article id to its lineage: articles joined by any derivation share one (union-find).

    Example:
        >>> from storyledger.records import Derivation
        >>> d = Derivation(derived_id="b", source_id="a", relation="rewrite", share=0.9)
        >>> m = lineages(["a", "b", "c"], [d])
        >>> m["a"] == m["b"], m["a"] == m["c"]
        (True, False)
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in article_ids:
        find(a)
    for d in derivations:
        ra, rb = find(d.derived_id), find(d.source_id)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {a: find(a) for a in parent}


class _Reuse:
    """Lineages per fact: partial reuse joins two reports only through the passages reused."""

    _WHOLE = ("copy", "rewrite")

    def __init__(self, ids: Sequence[str], derivations: Sequence[Derivation], alignments: Sequence[Alignment]):
        self.ids = ids
        self.whole = [d for d in derivations if d.relation in self._WHOLE]
        self.partial = {frozenset((d.derived_id, d.source_id)) for d in derivations if d.relation not in self._WHOLE}
        self.passages: dict[frozenset[str], list[tuple[Span, Span]]] = defaultdict(list)
        for al in alignments:
            pair = frozenset((al.a.article_id, al.b.article_id))
            if al.kind != "related" and pair in self.partial:
                self.passages[pair] += [(al.a, al.b), (al.b, al.a)]

    def lineage(self, group: list[_Report]) -> dict[str, str]:
        arts = sorted({r.article.id for r in group})
        links = list(self.whole)
        pos: dict[str, list[int]] = defaultdict(list)
        for r in group:
            pos[r.article.id].append(r.fig.start)
        for i, a in enumerate(arts):
            for b in arts[i + 1 :]:
                for x, y in self.passages.get(frozenset((a, b)), ()):
                    if x.article_id == a and any(x.start <= p < x.end for p in pos[a]) and any(
                        y.start <= p < y.end for p in pos[b]
                    ):
                        links.append(Derivation(derived_id=b, source_id=a, relation="partial_reuse", share=0.0))
                        break
        return lineages(self.ids, links)


# --------------------------------------------------------------------------- grouping


@dataclass(slots=True)
class _Report:
    fig: Figure
    article: Article
    key: str
    unit: str
    events: frozenset[str]
    event_word: str | None
    running: bool


def _unit_class(unit: str | None) -> str:
    if not unit:
        return "people"
    words = _WORD.findall(unit)
    if not words:
        return "people"
    head = words[-1]
    low = head.lower()
    if low in _GENERIC_PEOPLE:
        return "people"
    # A capitalised plural ("Canadians", "Peruvians") names people by nationality or group.
    if head[0].isupper() and low.endswith("s") and len(words) <= 3:
        if low.endswith(("ans", "ians", "is", "ese", "ites", "ers")):
            return "people"
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


_OF_NOUN = re.compile(r"\b([a-z]+)\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+|over\s+)?$", re.I)


def _bucket(text: str, f: Figure) -> str | None:
    """What the figure counts and what happened to it, comparable across reports; None when unknown.

    Uses the extractor's ``key`` ("killed:people") when it names a predicate;
    generic people words (and demonyms) count as ``people``. A figure without a
    predicate is kept only when a noun introduces it ("a population of
    80,000"): a bare count of people says nothing comparable.
    """
    key = " ".join((f.key or "").lower().split())
    pred = (f.predicate or "").lower().strip()
    if ":" in key:
        head, _, unit = key.partition(":")
    elif pred:
        # A count with no noun is of people only next to a casualty or displacement verb.
        bare = "people" if _RUNNING.search(pred) else ""
        head, unit = pred, ("money" if f.currency else _unit_class(f.unit) if f.unit else bare)
    else:
        m = _OF_NOUN.search(text[max(0, f.start - 40) : f.start])
        if m and m.group(1).lower() not in _GENERIC_PEOPLE and (not f.unit or m.group(1).lower() in f.unit.lower()):
            return f"{m.group(1).lower()}:"
        return None
    if not f.currency and (unit in ("people", "") or _unit_class(f.unit) == "people"):
        unit = "people"
    return f"{head}:{unit}"


def _reports(articles: Sequence[Article], facts: Mapping[str, ArticleFacts]) -> list[_Report]:
    out = []
    for a in articles:
        af = facts.get(a.id)
        if af is None:
            continue
        marks = sentence_marks(a.text) if af.figures else ([], [])
        for f in af.figures:
            if f.value is None and f.low is None and f.high is None:
                continue
            if f.end > len(a.text) or f.start >= f.end:
                continue
            key = _bucket(a.text, f)
            if key is None:
                continue
            if f.event == "other":  # another event's count: context, never merged into the story's own
                key = f"{key}|other"
            events, word = figure_events(a.text, f, marks)
            unit = f"{f.currency.upper()}" if f.currency else ""
            running = bool(_RUNNING.search(f"{key} {f.predicate or ''}"))
            out.append(_Report(f, a, key, unit, events, word, running))
    return out


def _split_by_event(reports: list[_Report]) -> list[list[_Report]]:
    """Split one key's reports by the events their clauses name; reports naming none join the best fit.

    Each cluster is tested by its distinct event sets and an :class:`Overlaps` index of its
    values, so the work grows with the reports, not with their pairs.
    """
    clusters: list[list[_Report]] = []
    kinds: list[set[frozenset[str]]] = []
    for r in (r for r in reports if r.events):
        for c, seen in zip(clusters, kinds):
            if all(events_compatible(r.events, o) for o in seen):
                c.append(r)
                seen.add(r.events)
                break
        else:
            clusters.append([r])
            kinds.append({r.events})
    bare = [r for r in reports if not r.events]
    if len(clusters) <= 1:
        return [(clusters[0] if clusters else []) + bare] if bare or clusters else []
    lows = [iv[0] for r in reports if (iv := _interval(r.fig))]
    index = [Overlaps(lows) for _ in clusters]
    for c, idx in zip(clusters, index):
        for o in c:
            idx.add(_interval(o.fig))
    for r in bare:
        iv = _interval(r.fig)
        fits = [k for k, idx in enumerate(index) if idx.meets(iv)]
        k = max(fits or range(len(clusters)), key=lambda k: len(clusters[k]))
        clusters[k].append(r)
        index[k].add(iv)
    return clusters


def _vague(f: Figure) -> bool:
    """A wide vague range ("dozens", "hundreds"): agrees with too much to tie reports together."""
    lo, hi = f.low, f.high
    return has_spread(f) and lo is not None and hi is not None and hi > 2 * max(lo, 1)


def _match_facts(reports: list[_Report]) -> list[list[_Report]]:
    """Split one key's reports into facts, matching values across articles.

    An article often gives several counts under one key (a total, a count for
    one district, an earlier toll). Reports whose values agree are one fact.
    Two facts are merged into one fact with different values when the *lead*
    report of one article (its first precise mention of the key) finds no
    agreeing value in another article that has reports of the key: that article
    tells the same headline fact with another value.
    """
    n = len(reports)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    ivs = [_interval(r.fig) for r in reports]
    precise = [i for i in range(n) if not _vague(reports[i].fig)]
    spans = []  # the precise facts by value, each an unbroken stretch: (low, high, first member by article)
    for comp in overlap_components([ivs[i] for i in precise]):
        members = sorted(precise[k] for k in comp)
        for j in members[1:]:
            union(members[0], j)
        firsts: dict[str, int] = {}
        for j in members:
            firsts.setdefault(reports[j].article.id, j)
        spans.append((min(ivs[j][0] for j in members), max(ivs[j][1] for j in members), firsts))
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in sorted(range(n), key=lambda i: (reports[i].article.id, reports[i].fig.start)):
        by_article[reports[i].article.id].append(i)
    lead = {a: next((i for i in idx if not _vague(reports[i].fig)), idx[0]) for a, idx in by_article.items()}
    arts = sorted(by_article)
    if len(arts) > 1:
        index = {a: Overlaps(ivs[j][0] for j in idx) for a, idx in by_article.items()}
        for a, idx in by_article.items():
            for j in idx:
                index[a].add(ivs[j])
        for x, a in enumerate(arts):
            for b in arts[x + 1 :]:
                la, lb = lead[a], lead[b]
                if not (index[b].meets(ivs[la]) and index[a].meets(ivs[lb])):
                    union(la, lb)
    exact = set(precise)
    _join_vague(reports, ivs, [i for i in range(n) if i not in exact], spans, union)
    groups: dict[int, list[_Report]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(reports[i])
    return list(groups.values())


def _join_vague(reports: list[_Report], ivs: list, vague: list[int], spans: list, union) -> None:
    """Vague reports join the fact of a precise report they agree with, preferring their own article's.

    A vague report agrees with some report of a precise fact exactly when it overlaps the fact's
    span (the fact's values cover it unbroken), so it is tested against the spans it meets, found
    by bisection. Vague reports that meet no precise fact join the vague reports they agree with;
    beyond :data:`_VAGUE_CAP` of them that is done by value components, and a warning says so.
    """
    lows, highs = [lo for lo, _, _ in spans], [hi for _, hi, _ in spans]
    loose = []
    for i in vague:
        lo, hi = ivs[i]
        met = spans[bisect_left(highs, lo - tolerance(lo)) : bisect_right(lows, hi + tolerance(hi))]
        if met:
            own = [f[reports[i].article.id] for _, _, f in met if reports[i].article.id in f]
            union(i, min(own or [j for _, _, f in met for j in f.values()]))
        else:
            loose.append(i)
    if len(vague) > _VAGUE_CAP:
        log.warning("%d vague figures under one key: joined by value ranges, not pair by pair", len(vague))
        unplaced = set(loose)
        for comp in overlap_components([ivs[i] for i in vague]):
            if any(vague[k] in unplaced for k in comp):
                for k in comp[1:]:
                    union(vague[comp[0]], vague[k])
        return
    for i in loose:
        for j in vague:
            if j != i and compatible(reports[i].fig, reports[j].fig):
                union(i, j)


def _group(reports: list[_Report]) -> list[list[_Report]]:
    buckets: dict[tuple[str, str], list[_Report]] = defaultdict(list)
    for r in reports:
        buckets[(r.key, r.unit)].append(r)
    groups = []
    for bucket in buckets.values():
        for same_event in _split_by_event(bucket):
            groups.extend(_match_facts(same_event))
    return groups


# --------------------------------------------------------------------------- order


def _weekday_rank(article: Article) -> int | None:
    """The latest weekday a text mentions as past or present (not "next Friday")."""
    best = None
    low = article.text.lower()
    for i, day in enumerate(WEEKDAYS):
        for m in re.finditer(rf"\b{day}\b", low):
            if _FUTURE_BEFORE.search(low[max(0, m.start() - 12) : m.start()]):
                continue
            best = i if best is None else max(best, i)
    return best


def _latest_date(article: Article, facts: ArticleFacts | None) -> str | None:
    if facts is None:
        return None
    values = [d.value[:10] for d in facts.dates if d.value]
    return max(values) if values else None


def _growth(group: list[_Report]) -> list[tuple[str, str]]:
    """Pairs of articles (earlier, later) where a running total grew: a smaller, incompatible value first.

    Each article's distinct values are compared once with another article's, so a text that
    repeats one figure many times costs no more than one that gives it once.
    """
    values: dict[str, dict] = defaultdict(dict)
    for r in group:
        values[r.article.id].setdefault((_interval(r.fig), _low(r.fig)), r.fig)
    arts = list(values)  # in the order the group first mentions them
    pairs = []
    for x, ra in enumerate(arts):
        for rb in arts[x + 1 :]:
            for (_, lo_r), fr in values[ra].items():
                for (_, lo_o), fo in values[rb].items():
                    if lo_r != lo_o and not compatible(fr, fo):
                        pairs.append((ra, rb) if lo_r < lo_o else (rb, ra))
    return pairs


class _Order:
    """Pairwise evidence that one article was written before another."""

    def __init__(self, articles: Sequence[Article], facts: Mapping[str, ArticleFacts], groups, lineage):
        self.lineage = lineage
        self.pub = {a.id: (a.published or "")[:10] or None for a in articles}
        self.evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
        ids = [a.id for a in articles]
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                px, py = self.pub[x], self.pub[y]
                if px and py and px != py:
                    a, b = (x, y) if px < py else (y, x)
                    self.evidence[(a, b)] += ["publication dates", "publication dates"]
        # Growth of running totals: the smaller count was reported first.
        for gi, g in enumerate(groups):
            if g and g[0].running:
                for a, b in _growth(g):
                    if f"growth:{gi}" not in self.evidence[(a, b)]:
                        self.evidence[(a, b)].append(f"growth:{gi}")
        # Undated texts: the latest date or weekday each mentions bounds when it was written.
        undated = [a for a in articles if not self.pub[a.id]]
        latest = {a.id: _latest_date(a, facts.get(a.id)) for a in undated}
        wday = {a.id: _weekday_rank(a) for a in undated}
        for i, x in enumerate(undated):
            for y in undated[i + 1 :]:
                dx, dy = latest[x.id], latest[y.id]
                if dx and dy and dx != dy:
                    a, b = (x.id, y.id) if dx < dy else (y.id, x.id)
                    self.evidence[(a, b)].append("dates mentioned")
                wx, wy = wday[x.id], wday[y.id]
                if wx is not None and wy is not None and wx != wy:
                    a, b = (x.id, y.id) if wx < wy else (y.id, x.id)
                    self.evidence[(a, b)].append("weekdays mentioned")

    def before(self, a: str, b: str) -> tuple[bool, list[str]]:
        """Whether ``a`` is known to precede ``b``, and on what evidence."""
        if a == b:
            return False, []
        pa, pb = self.pub.get(a), self.pub.get(b)
        if pa and pb:
            return (True, ["publication dates"]) if pa < pb else (False, [])
        ev, counter = self.evidence.get((a, b), []), self.evidence.get((b, a), [])
        if not ev or counter:
            return False, []
        # One lineage (a copy whose number changed) needs one piece of evidence; independent texts two.
        needed = 1 if self.lineage.get(a) == self.lineage.get(b) else 2
        return (True, list(ev)) if len(ev) >= needed else (False, [])


# --------------------------------------------------------------------------- status


def _pick_best(reports: list[_Report], lineage: Mapping[str, str]) -> _Report:
    """The report most lineages agree with; then the most precise, the highest, the first."""
    by_lineage: dict[str, list] = defaultdict(list)
    for o in reports:
        by_lineage[lineage[o.article.id]].append(_interval(o.fig))
    index = []
    for ivs in by_lineage.values():
        idx = Overlaps(lo for lo, _ in ivs)
        for iv in ivs:
            idx.add(iv)
        index.append(idx)
    support: dict = {}

    def score(r: _Report):
        iv = _interval(r.fig)
        if iv not in support:
            support[iv] = sum(idx.meets(iv) for idx in index)
        return (support[iv], _precision(r.fig), _high(r.fig), -r.fig.start)

    return max(reports, key=score)


def _current(policy: str, latest: list[_Report], lineage: Mapping[str, str], conflict: bool) -> FigureValue:
    best = _pick_best(latest, lineage)
    f = best.fig
    if policy == "conservative":
        low = min(latest, key=lambda r: (_low(r.fig), -_precision(r.fig)))
        g = low.fig
        return FigureValue(value=_low(g), low=g.low, high=g.high, qualifier=g.qualifier)
    if policy == "range" or conflict:
        lo = min(_low(r.fig) for r in latest)
        hi = max(_high(r.fig) for r in latest)
        if lo == hi and not conflict:
            return FigureValue(value=f.value, low=f.low, high=f.high, qualifier=f.qualifier)
        return FigureValue(value=f.value if f.value is not None else lo, low=lo, high=hi, qualifier="range")
    return FigureValue(value=f.value, low=f.low, high=f.high, qualifier=f.qualifier)


def _label(reports: list[_Report]) -> str:
    units = Counter(" ".join(r.fig.unit.split()) for r in reports if r.fig.unit)
    preds: Counter[str] = Counter()
    for r in reports:
        raw, head = (r.fig.predicate or "").strip().lower(), r.key.partition(":")[0]
        # The key's class word ("killed") reads better than another form of it ("kills"); the
        # text's own verb is kept when the class is a looser fit ("held up" is not "arrested").
        preds[head if (not raw or raw[:4] == head[:4]) else raw] += 1
    preds.pop("", None)
    events = Counter(r.event_word for r in reports if r.event_word)
    unit = units.most_common(1)[0][0] if units else ""
    pred = preds.most_common(1)[0][0] if preds else ""
    if not unit and not pred:
        pred = reports[0].key.replace(":", " ").strip()
    if pred and pred in unit.lower():
        pred = ""
    label = " ".join(p for p in (unit, pred) if p)
    if events:
        label += f" in {events.most_common(1)[0][0]}"
    # Labels carry no digits: every number a reader sees comes from a source's words.
    label = re.sub(r"\s+", " ", re.sub(r"\d", "", label)).strip()
    return label or "figure"


def _superseded(arts: list[str], order: _Order) -> tuple[dict[str, list[str]], int]:
    """The articles superseded by a later one within the group (with the evidence), and the pairs ordered."""
    superseded: dict[str, list[str]] = {}
    ordered_pairs = 0
    for a in arts:
        for b in arts:
            ok, ev = order.before(a, b)
            if ok:
                ordered_pairs += 1
                superseded.setdefault(a, []).extend(ev)
    return superseded, ordered_pairs


def _clash(rs: list[_Report], lineage: Mapping[str, str], cross_lineage: bool) -> bool:
    """Whether two of the reports (of different lineages, with ``cross_lineage``) give incompatible values."""
    if not cross_lineage:
        return any_disjoint([_interval(r.fig) for r in rs])
    by_lineage: dict[str, list] = defaultdict(list)
    for r in rs:
        by_lineage[lineage[r.article.id]].append(_interval(r.fig))
    if len(by_lineage) < 2:
        return False
    # The lineage with the largest low end and the one with the smallest high end are the ones to test.
    hull = {k: (max(lo for lo, _ in v), min(hi for _, hi in v)) for k, v in by_lineage.items()}
    top = sorted(hull, key=lambda k: -hull[k][0])[:2]
    bottom = sorted(hull, key=lambda k: hull[k][1])[:2]
    return any(
        a != b and hull[a][0] > hull[b][1] + tolerance(hull[a][0], hull[b][1])
        for a in top
        for b in bottom
    )


def _clash_status(
    group: list[_Report], latest: list[_Report], superseded: Mapping[str, list[str]], lineage: Mapping[str, str]
) -> tuple[str, bool, str | None]:
    """The status of a group whose values clash, whether its current value is in conflict, and a note."""
    latest_clash = _clash(latest, lineage, cross_lineage=True)
    superseded_differ = any_disjoint(
        [_interval(r.fig) for r in group if r.article.id in superseded], [_interval(o.fig) for o in latest]
    )
    if latest_clash:
        return "conflicting", True, None
    if superseded_differ:
        return "updated", False, None
    if _clash(group, lineage, cross_lineage=True):
        return "conflicting", True, None
    # Different values within one lineage and nothing orders them.
    return "single_source", False, "the values differ within one lineage and nothing orders them"


def _order_note(order_name: str, superseded: Mapping[str, list[str]]) -> str | None:
    """What the note says of the order of clashing reports: how it was inferred, or that it is unknown."""
    evidence = sorted({e.split(":")[0] for ev in superseded.values() for e in ev})
    if order_name == "inferred":
        sure = "high" if len(evidence) >= 2 or sum(len(v) for v in superseded.values()) >= 3 else "low"
        return f"order inferred from {', '.join(evidence) or 'the texts'} ({sure} confidence)"
    if order_name == "unknown":
        return "no dates: the order of the reports is unknown"
    return None


def _history(group: list[_Report], arts: list[str], order: _Order) -> list[_Report]:
    """Reports in the order the story learnt them: history reads top to bottom."""
    n_before = {b: sum(order.before(a, b)[0] for a in arts) for b in arts}
    return sorted(group, key=lambda r: (n_before[r.article.id], order.pub.get(r.article.id) or "", r.article.id, r.fig.start))


def _reconcile_group(group: list[_Report], order: _Order, lineage: Mapping[str, str], policy: str) -> FigureGroup:
    """One group of reports of a fact: its status, the order of its reports, its current value."""
    group = sorted(group, key=lambda r: (r.article.id, r.fig.start))
    arts = sorted({r.article.id for r in group})
    lins = {lineage[a] for a in arts}
    all_dated = all(order.pub.get(a) for a in arts)
    superseded, ordered_pairs = _superseded(arts, order)
    latest = [r for r in group if r.article.id not in superseded]
    any_clash = _clash(group, lineage, cross_lineage=False)
    order_name = "dated" if all_dated else ("inferred" if ordered_pairs else "unknown")
    if not any_clash:
        status = "corroborated" if len(lins) >= 2 else "single_source"
        conflict, note = False, None
    else:
        status, conflict, note = _clash_status(group, latest, superseded, lineage)
        if status == "updated" and _clash(latest, lineage, cross_lineage=False):
            # One text gives two counts (a revised toll): for a running total the larger is current.
            keep = max(latest, key=lambda r: _high(r.fig)) if group[0].running else latest[-1]
            latest = [r for r in latest if compatible(r.fig, keep.fig)]
        order_note = _order_note(order_name, superseded)
        if order_note:
            note = (note + "; " if note else "") + order_note
    current = _current(policy, latest or group, lineage, conflict)
    if all(r.fig.event == "other" for r in group):
        note = "another event the articles mention (context, not the story's figure)" + (f"; {note}" if note else "")
    history = _history(group, arts, order)
    return FigureGroup(
        id=content_id("fig", *[(r.article.id, r.fig.start, r.fig.end) for r in group]),
        label=_label(group),
        unit=(Counter(r.fig.unit for r in group if r.fig.unit).most_common(1) or [(None, 0)])[0][0],
        status=status,
        order=order_name,
        independent_sources=len(lins),
        current=current,
        reports=tuple(r.fig for r in history),
        note=note,
    )


def reconcile_figures(
    articles: Sequence[Article],
    facts: Mapping[str, ArticleFacts],
    derivations: Sequence[Derivation] = (),
    *,
    policy: str = "latest",
    alignments: Sequence[Alignment] = (),
) -> tuple[FigureGroup, ...]:
    """Group a story's figure reports into facts and reconcile each across sources and time.

    Args:
        articles: the story's articles (publication dates, when known, order the reports).
        facts: extracted facts per article id; figures without a key or value are ignored.
        derivations: provenance between the articles; derived articles count as one lineage.
        policy: how ``current`` is chosen: ``latest``, ``conservative`` or ``range``.
        alignments: the story's alignments, optional. With them, a ``partial_reuse`` or
            ``common_lineage`` derivation joins two reports only when the passage holding
            the figure is one of those reused (aligned); a figure in text each outlet wrote
            itself stays independent. ``copy`` and ``rewrite`` always join. Without them
            every derivation joins its two articles.

    Returns:
        One :class:`FigureGroup` per fact, the most widely reported first.

    Raises:
        ConfigError: ``policy`` is not one of :data:`POLICIES`.

    Example:
        >>> from storyledger.records import Article, ArticleFacts, Figure
        >>> a = Article(id="a", text="At least 12 people were killed.", published="2024-01-01")
        >>> b = Article(id="b", text="At least 20 people were killed.", published="2024-01-02")
        >>> fa = ArticleFacts(article_id="a", figures=(Figure(article_id="a", start=0, end=11, value=12,
        ...     qualifier="at_least", unit="people", predicate="killed", key="killed"),))
        >>> fb = ArticleFacts(article_id="b", figures=(Figure(article_id="b", start=0, end=11, value=20,
        ...     qualifier="at_least", unit="people", predicate="killed", key="killed"),))
        >>> g, = reconcile_figures([a, b], {"a": fa, "b": fb})
        >>> g.status, g.current.value
        ('updated', 20)
    """
    if policy not in POLICIES:
        raise ConfigError(f"policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    articles = [a for a in articles if isinstance(a, Article)]
    ids = {a.id for a in articles}
    derivations = [d for d in derivations if d.derived_id in ids and d.source_id in ids]
    lineage = lineages(sorted(ids), derivations)
    groups = _group(_reports(articles, facts))
    order = _Order(articles, facts, groups, lineage)
    reused = _Reuse(sorted(ids), derivations, alignments) if alignments else None
    out = []
    for g in groups:
        try:
            out.append(_reconcile_group(g, order, reused.lineage(g) if reused else lineage, policy))
        except (ValueError, TypeError, ZeroDivisionError) as e:  # a malformed figure must not sink the story
            log.warning("figure group skipped: %s", e)
    rank = {"conflicting": 0, "updated": 1, "corroborated": 2, "single_source": 3}
    out.sort(key=lambda g: (-len({r.article_id for r in g.reports}), rank[g.status], -len(g.reports), g.label))
    return tuple(out)
