"""A story's casualty count as the report shows it: the toll, its evidence, its brief line and timeline.

:func:`~storyledger.reconcile.tally.story_tally` gives the story's number killed and
injured and each report's own count. :func:`story_toll` adds what a reader needs to
trust them:

- the victims only: a report's killed count that only suspects make up ("the gunman was
  killed by officers") counts no one (the report scorer, fitted on registries that count
  attackers too, would count them);
- each report's count with the figures of its text that state it (or that it is worked
  out from: the shot less the killed), or a note that it is read from the headline;
- whether the count was **updated** (an earlier report gave a lower count that a later
  one raised: an earlier state of the same toll, not a conflict) and whether reports
  **disagree** beyond that (a higher count than the story's, or a lower one given after
  it). Reports are ordered by their publication date; undated reports keep the story's
  order and count as earlier states.

Only counts whose own words tell the harm (:mod:`.toll_checks`: a number in a clause of harm,
no member of a group counted elsewhere, no increment, no age; a count named without a number
in a whole sentence of killing or of a death by harm) are set beside the story's, and only
counts of the same kind of people (soldiers, police, suspects and children apart); a count
the story's hedged value holds ("at least one" and 2) is no other count.

:func:`toll_lines` writes one brief line per harm counted ("Killed: two people (updated
from one man in an earlier report)", "Deaths: at least 38 people": the label is the harm
the count's words tell), composed like the figure lines of
:mod:`.brief` from the figures' own words and checked by
:func:`~storyledger.reconcile.brief.check_faithful` (an implied count, "a man was
fatally shot", is told by its whole sentence), and timeline entries for each rise of a
count. A story whose reports count no one killed or injured has no toll.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from ..extract import Tally, headline_figures, load_tally_model
from ..records import (
    TOLL_HARMS,
    Article,
    ArticleFacts,
    BriefSentence,
    Citation,
    Figure,
    HarmToll,
    Sentence,
    StoryToll,
    TimelineEntry,
    TollReport,
)
from .brief import check_faithful, cite_sentence, numbers_in, sentence_at, sentences_by_article
from .tally import StoryTally, combine_counts, story_tally
from .toll_checks import consistent, counted_kind, harm_label, tells_harm

__all__ = [
    "add_toll",
    "story_toll",
    "toll_lines",
    "toll_timeline",
]

_INJURY_KEYS = ("injured", "wounded", "hurt")
_MONEYISH = frozenset({"money", "percent", "fraction"})
_ROLE_RANK = {"suspect": 2, "police": 1}
_LABEL = {"killed": "Killed", "injured": "Injured"}
_STANDS, _OTHER_KIND, _ASIDE, _UNKNOWN = "stands", "other_kind", "aside", "unknown"
_MAX_CITES = 4


def _count_of(f: Figure, prefixes: tuple[str, ...]) -> int | None:
    """The figure's count when it counts people of one of ``prefixes`` (a harm key), else ``None``."""
    key = f.key or ""
    harm, _, unit = key.partition(":")
    if harm not in prefixes or f.value is None or f.value < 1 or f.currency or unit in _MONEYISH:
        return None
    return int(round(f.value))


def _rank(f: Figure) -> tuple:
    """Evidence order: the story's event, victims before suspects and police, then text order."""
    unit = (f.key or "").partition(":")[2]
    return (f.event != "story", _ROLE_RANK.get(unit, 0), f.start)


def _stating(figures: Sequence[Figure], harm: str, value: int, killed: int) -> tuple[list[Figure], bool]:
    """The figures that state ``value`` of ``harm`` (``stated``), else those it is worked out from."""
    prefixes = ("killed",) if harm == "killed" else _INJURY_KEYS
    found = [f for f in figures if _count_of(f, prefixes) == value]
    if harm == "injured" and not found:
        found = [f for f in figures if _count_of(f, ("shot",)) == value]
        if not found and killed:
            shot = [f for f in figures if _count_of(f, ("shot",)) == value + killed]
            dead = [f for f in figures if _count_of(f, ("killed",)) == killed]
            return sorted(shot, key=_rank)[:1] + sorted(dead, key=_rank)[:1], False
    return sorted(found, key=_rank), True


def _report(article: Article, figures: Sequence[Figure], harm: str, value: int, killed: int) -> TollReport:
    """One article's count of ``harm`` with the figures of its body (or its headline) behind it."""
    if not value:
        return TollReport(article_id=article.id, value=0)
    found, stated = _stating(figures, harm, value, killed)
    if found:
        cites = tuple(Citation(article_id=article.id, start=f.start, end=f.end) for f in found)
        return TollReport(article_id=article.id, value=value, citations=cites, stated=stated)
    head, _ = _stating(headline_figures(article), harm, value, killed)
    return TollReport(article_id=article.id, value=value, headline=bool(head), stated=bool(head))


def _order(articles: Sequence[Article]) -> list[Article]:
    """The articles by publication date; undated ones after, in the story's order."""
    ranked = sorted(range(len(articles)), key=lambda i: (not articles[i].published, articles[i].published or "", i))
    return [articles[i] for i in ranked]


def _behind(article: Article, r: TollReport, harm: str, figs: Sequence[Figure] | None,
            sents: Sequence[Sentence] = ()) -> tuple[str, Figure, tuple[int, int] | None] | None:
    """The text, figure and sentence span behind a report's count: its first cited figure (the headline's
    when the count is read from the headline); ``None`` when it is worked out or has no figure."""
    if r.citations:
        c = r.citations[0]
        known = {(f.start, f.end): f for f in figs or ()}
        f = known.get((c.start, c.end)) or Figure(article_id=r.article_id, start=c.start, end=c.end, value=r.value)
        s = sentence_at(sents, c.start) if sents else None
        return article.text, f, ((s.start, s.end) if s else None)
    if r.headline:
        found, _ = _stating(headline_figures(article), harm, r.value, 0)
        if found:
            return (article.title or "").strip(), found[0], None
    return None


def _standing(behind: tuple[str, Figure, tuple[int, int] | None] | None, harm: str, kind: str | None) -> str:
    """Whether a report's count stands beside the story's: ``stands`` (its figure tells the harm, of the
    same kind of people), ``other_kind`` (it tells the harm of another kind of people: soldiers against
    people), ``aside`` (its words tell no harm) or ``unknown`` (no figure: as the report scorer read it)."""
    if behind is None:
        return _UNKNOWN
    text, f, sentence = behind
    if not tells_harm(text, f, harm, sentence):
        return _ASIDE
    return _STANDS if kind is None or f.key is None or counted_kind(f) == kind else _OTHER_KIND


def _kind(reports: Sequence[TollReport], value: int, behind: Mapping[str, tuple | None], harm: str) -> str | None:
    """Who the story's count counts: the kind of the first figure stating it that tells the harm, else of the
    first figure stating it at all (``None``: no figure says)."""
    stating = [b for r in reports if r.value == value and (b := behind.get(r.article_id)) is not None and b[1].key]
    telling = [b for b in stating if tells_harm(b[0], b[1], harm, b[2])]
    return counted_kind((telling or stating)[0][1]) if stating else None


def _relations(reports: Sequence[TollReport], value: int, dates: Mapping[str, str],
               standing: Mapping[str, tuple[str, Figure | None]], qualifier: str = "exact") -> tuple[bool, int | None, bool]:
    """``(updated, earlier, disagreeing)`` of the reports' counts against the story's ``value``.

    Only counts that stand beside the story's (``standing``: their figure tells the harm, of the same
    kind of people; worked-out counts as read) relate to it; a count the story's hedged value holds
    (``qualifier``: "at least one" holds 2; "hundreds" holds 187) is neither earlier nor different.
    """
    counted = [r for r in reports if r.value and (r.value == value or _relates(standing.get(r.article_id)))]
    if not value:
        return False, None, False
    firsts = [dates.get(r.article_id, "") for r in counted if r.value == value]
    first_at = min((d for d in firsts if d), default="")
    seen_value = False
    earlier, disagreeing = None, False
    for r in counted:
        when, fig = dates.get(r.article_id, ""), standing.get(r.article_id, (_UNKNOWN, None))[1]
        if r.value == value:
            seen_value = True
        elif fig is not None and consistent(fig, value, qualifier):
            continue
        elif r.value > value:
            disagreeing = True
        elif seen_value and when and first_at and when > first_at:
            disagreeing = True  # a lower count given after the story's count
        elif earlier is None:
            earlier = r.value
    return earlier is not None, earlier, disagreeing


def _standings(articles: Sequence[Article], reports: Sequence[TollReport], harm: str, value: int,
               figs: Mapping[str, Sequence[Figure]] | None,
               sents: Mapping[str, Sequence[Sentence]]) -> dict[str, tuple[str, Figure | None]]:
    """Each report's standing beside the story's count of ``harm`` and the figure behind it (see :func:`_standing`)."""
    by_id = {a.id: a for a in articles}
    behind = {r.article_id: _behind(by_id[r.article_id], r, harm, figs.get(r.article_id) if figs is not None else None,
                                    sents.get(r.article_id, ()))
              for r in reports if r.value and r.article_id in by_id}
    kind = _kind(reports, value, behind, harm)
    return {aid: (_standing(b, harm, kind), b[1] if b else None) for aid, b in behind.items()}


def _qualifier(reports: Sequence[TollReport], value: int, figures: Mapping[tuple[str, int], Figure]) -> str:
    """How the reports stating ``value`` hedge it: the most common qualifier of their first figures."""
    quals = [figures[(r.article_id, r.citations[0].start)].qualifier for r in reports
             if r.value == value and r.stated and r.citations and (r.article_id, r.citations[0].start) in figures]
    return max(dict.fromkeys(quals), key=quals.count) if quals else "exact"


def _victims_only(tally: StoryTally, figs: Mapping[str, Sequence[Figure]], model: dict | None) -> StoryTally:
    """The tally without a report's killed count that only suspects make up ("the gunman was killed").

    The report scorer reads a toll as the registries count it, attackers included; the story's
    casualty count is its victims'. A count whose stating figures all count suspects is 0, and
    the story's count is combined again under the model's policy.
    """
    reports = []
    for aid, t in tally.reports:
        found, _ = _stating(figs.get(aid, ()), "killed", t.killed, 0) if t.killed else ([], True)
        suspects = bool(found) and all((f.key or "").partition(":")[2] == "suspect" for f in found)
        reports.append((aid, Tally(killed=0, injured=t.injured) if suspects else t))
    if reports == list(tally.reports):
        return tally
    policy = (load_tally_model() if model is None else model).get("story", {}).get("killed", "most_reported_nonzero")
    return replace(tally, killed=combine_counts([t.killed for _, t in reports], policy), reports=tuple(reports))


def story_toll(articles: Sequence[Article], facts: Mapping[str, ArticleFacts], model: dict | None = None,
               sentences: Mapping[str, Sequence[Sentence]] | None = None) -> StoryToll | None:
    """The story's casualty count with each report's own count, its evidence and how the counts relate.

    Args:
        articles: The story's articles.
        facts: Their extracted facts by article id (an article without facts counts no one).
        model: The tally model (the shipped one when ``None``), as for
            :func:`~storyledger.reconcile.tally.story_tally`.
        sentences: The articles' sentences, to read a count named without a number in its
            sentence (when ``None``, a sentence is found by its end punctuation).

    Whether the count was updated or disputed weighs only the reports whose counts stand beside
    the story's (:mod:`.toll_checks`): figures whose own words tell the harm, counting the same
    kind of people; a count the story's hedged value holds is no other count.

    Returns:
        A :class:`~storyledger.records.StoryToll`, or ``None`` when no report counts anyone killed or injured.

    Example:
        >>> from storyledger.extract import extract_figures
        >>> arts = [Article(id="a", text="One man was killed in the shooting on Friday.", published="2024-05-03"),
        ...         Article(id="b", text="Two men were killed in Friday's shooting.", published="2024-05-04")]
        >>> facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
        >>> t = story_toll(arts, facts)
        >>> t.killed.value, t.killed.updated, t.killed.earlier
        (2, True, 1)
    """
    figs = {a.id: (facts[a.id].figures if a.id in facts else ()) for a in articles}
    tally = _victims_only(story_tally(articles, facts, model), figs, model)
    if not tally.killed and not tally.injured:
        return None
    counts = dict(tally.reports)
    ordered = _order(articles)
    dates = {a.id: a.published or "" for a in articles}
    by_start = {(aid, f.start): f for aid, fs in figs.items() for f in fs}
    harms = {}
    for harm in TOLL_HARMS:
        value = getattr(tally, harm)
        reports = tuple(_report(a, figs[a.id], harm, getattr(counts[a.id], harm), counts[a.id].killed)
                        for a in ordered)
        qualifier = _qualifier(reports, value, by_start)
        standing = _standings(articles, reports, harm, value, figs, sentences or {})
        updated, earlier, disagreeing = _relations(reports, value, dates, standing, qualifier)
        harms[harm] = HarmToll(value=value, qualifier=qualifier, updated=updated, earlier=earlier,
                               disagreeing=disagreeing, reports=reports, told=_is_told(reports, value, standing),
                               label=_label_of(articles, reports, harm, value, standing, sentences or {}))
    return StoryToll(**harms)


def _is_told(reports: Sequence[TollReport], value: int, standing: Mapping[str, tuple[str, Figure | None]]) -> bool:
    """Whether some report giving ``value`` tells the harm in its own words (its figure is not aside), and
    the harm is what the story is about: at least half its reports count someone harmed so.

    One outlet of three recalling a death the others do not speak of (a trial of another killing, a
    pandemic's daily deaths beside a protest) tells no toll of the story; its count stays in the figures.
    """
    counting = sum(r.value > 0 for r in reports)
    return 2 * counting >= len(reports) and any(
        r.value == value and standing.get(r.article_id, (_UNKNOWN, None))[0] != _ASIDE for r in reports)


def _label_of(articles: Sequence[Article], reports: Sequence[TollReport], harm: str, value: int,
              standing: Mapping[str, tuple[str, Figure | None]], sentences: Mapping[str, Sequence[Sentence]]) -> str:
    """How the reports giving ``value`` whose words tell the harm name it: "Killed" where any of them tells
    a killing, "Deaths" where all tell only that people died, "Injured"; empty where none tells the harm."""
    view = ({a.id: a for a in articles}, sentences, standing)
    labels = {_labelled(harm, r, view) for r in reports if r.value == value and value and r.citations and _stands(r, view)}
    return "Killed" if "Killed" in labels else min(labels, default="")


# -- the brief line and the timeline ------------------------------------------------------


def _told(r: TollReport, by_id: Mapping[str, Article], sents: Mapping[str, Sequence[Sentence]]) -> tuple[str, Citation] | None:
    """How a report's count is told in its own words, and the sentence cited: the figure, else the sentence."""
    if not r.citations or r.article_id not in by_id:
        return None
    c = r.citations[0]
    text = by_id[r.article_id].text
    s = sentence_at(sents.get(r.article_id, ()), c.start)
    cite = cite_sentence(s) if s else c
    surface = " ".join(text[c.start:c.end].split())
    if r.stated and numbers_in(surface):
        return surface, cite
    return " ".join(text[cite.start:cite.end].split()), cite


def _labelled(harm: str, r: TollReport, view) -> str:
    """The label of a report's count as its own words tell the harm (:func:`~.toll_checks.harm_label`)."""
    by_id, sents, _ = view
    b = _behind(by_id[r.article_id], r, harm, None, sents.get(r.article_id, ())) if r.article_id in by_id else None
    return harm_label(b[0], b[1], harm, b[2]) if b and r.citations else _LABEL[harm]


def _stands(r: TollReport, view) -> bool:
    """Whether a report's count of the story's value may be told: its figure's own words tell the harm."""
    return view[2].get(r.article_id, (_UNKNOWN, None))[0] != _ASIDE


def _relates(standing: tuple[str, Figure | None] | None) -> bool:
    """Whether a count of another value may be set beside the story's: it tells the harm of the same kind."""
    return standing is None or standing[0] in (_STANDS, _UNKNOWN)


def _line(harm: str, toll: HarmToll, view, told: Collection[Citation], derived: Collection[str] = ()) -> BriefSentence | None:
    """The brief line of one harm; ``None`` when no report's body tells the story's count in words that tell
    the harm, or when the count was neither updated nor disputed and its sentence is already in the brief
    (``told``). ``view`` is ``(articles by id, sentences by id, each report's standing)``. The label is the
    harm its first sentence tells ("Killed", "Deaths", "Injured"). Reports of articles known to derive from
    another (``derived``) are told and cited after the others."""
    by_id, sents, _ = view
    now = sorted(((t, r) for r in toll.reports if r.value == toll.value and _stands(r, view)
                  and (t := _told(r, by_id, sents))), key=lambda tr: tr[0][1].article_id in derived)
    if not now or (not toll.updated and not toll.disagreeing and now[0][0][1] in told):
        return None
    first = now[0][0]
    parts = [f"{toll.label or _labelled(harm, now[0][1], view)}: {first[0]}"]
    cites = [first[1]] + [t[1] for t, _ in now[1:_MAX_CITES]]
    if toll.updated:
        before = next((t for r in toll.reports if r.value == toll.earlier and _relates(view[2].get(r.article_id))
                       and (t := _told(r, by_id, sents))), None)
        if before:
            parts.append(f"(updated from {before[0]} in an earlier report)" if len(before[0]) < 60
                         else f"(updated; an earlier report: {before[0]})")
            cites.append(before[1])
    if toll.disagreeing:
        other = next((t for r in toll.reports if r.value and r.value not in (toll.value, toll.earlier)
                      and _differs(r, toll, view) and (t := _told(r, by_id, sents))), None)
        if other:
            parts.append(f"(reports differ: also {other[0]})")
            cites.append(other[1])
    line = BriefSentence(text=" ".join(parts), citations=tuple(dict.fromkeys(cites)), section="toll")
    plain = BriefSentence(text=by_id[first[1].article_id].text[first[1].start:first[1].end].strip(),
                          citations=(first[1],), section="toll")
    return next((b for b in (line, plain) if not check_faithful([b], list(by_id.values()))), None)


def _differs(r: TollReport, toll: HarmToll, view) -> bool:
    """Whether a report's count stands beside the story's and is not held by its hedged value."""
    fig = view[2].get(r.article_id, (_UNKNOWN, None))[1]
    return _relates(view[2].get(r.article_id)) and not (fig is not None and consistent(fig, toll.value, toll.qualifier))


def _view(toll: StoryToll, harm: str, articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
          figures: Mapping[str, Sequence[Figure]] | None):
    """``(articles by id, sentences by id, each report's standing)`` for one harm's lines and entries."""
    sents = sentences_by_article(articles, sentences)
    t = getattr(toll, harm)
    return {a.id: a for a in articles}, sents, _standings(articles, t.reports, harm, t.value, figures, sents)


def toll_lines(toll: StoryToll | None, articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
               told: Collection[Citation] = (), derived: Collection[str] = (),
               figures: Mapping[str, Sequence[Figure]] | None = None) -> tuple[BriefSentence, ...]:
    """The brief's toll lines (section ``toll``): one per harm the story counts and tells, each cited and faithful.

    A harm whose toll is not ``told`` (fewer than half the story's reports count it, or none in its
    own words: :func:`story_toll`) gets no line: its count stays in the figures.

    A count neither updated nor disputed whose sentence the brief already cites first (``told``)
    gets no line: the brief tells it already. Articles known to derive from another of the story
    (``derived``) are cited after the others: a copy never stands first for its source. A count is
    told, and set beside another, only where its own words tell the harm (:mod:`.toll_checks`);
    ``figures`` (the articles' figures by id) say what kind of people each count counts ("reports
    differ" only between counts of the same kind; unknown kinds are taken as one).
    """
    if toll is None:
        return ()
    lines = (_line(harm, getattr(toll, harm), _view(toll, harm, articles, sentences, figures), told, derived)
             for harm in TOLL_HARMS if getattr(toll, harm).value and getattr(toll, harm).told)
    return tuple(b for b in lines if b is not None)


def toll_timeline(toll: StoryToll | None, articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
                  figures: Mapping[str, Sequence[Figure]] | None = None) -> tuple[TimelineEntry, ...]:
    """Timeline entries of each rise of an updated count: the first count, then each higher one, dated by its report.

    Only counts whose own words tell the harm, of the same kind of people as the story's, are entries.
    """
    if toll is None:
        return ()
    out = []
    for harm in TOLL_HARMS:
        t = getattr(toll, harm)
        if not t.updated:
            continue
        view = _view(toll, harm, articles, sentences, figures)
        by_id, sents, _ = view
        top = 0
        for r in t.reports:
            fits = _stands(r, view) if r.value == t.value else _relates(view[2].get(r.article_id))
            told = _told(r, by_id, sents) if r.value > top and fits else None
            if told is None:
                continue
            label = _labelled(harm, r, view)
            word = f"{label}, first count" if not top else f"{label} rose to"
            top = r.value
            entry = TimelineEntry(date=(by_id[r.article_id].published or "")[:10] or None,
                                  text=f"{word}: {told[0]}", citations=(told[1],))
            if not check_faithful([entry], articles):
                out.append(entry)
    return tuple(out)


def add_toll(brief: Sequence[BriefSentence], timeline: Sequence[TimelineEntry], toll: StoryToll | None,
             articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
             derived: Collection[str] = (), *,
             figures: Mapping[str, Sequence[Figure]] | None = None) -> tuple[tuple[BriefSentence, ...], tuple[TimelineEntry, ...]]:
    """The brief and timeline with the toll's lines: after the summary lines, before the figures; entries by date.

    A figure line that tells the same figure from the same sentence as a toll line is left out
    (said once); a timeline entry citing the same sentence on the same day as a toll entry too.
    ``derived``: ids of articles known to derive from another of the story (cited after the others);
    ``figures``: the articles' figures by id (see :func:`toll_lines`).
    """
    lines = toll_lines(toll, articles, sentences, {b.citations[0] for b in brief if b.citations}, derived, figures)
    told = {(b.citations[0], _squash_surface(b.text)) for b in lines}
    kept = [b for b in brief if not (b.section == "figures" and _same_figure(b, told))]
    at = next((i for i, b in enumerate(kept) if b.section not in ("summary", "contrast", "framing")), len(kept))
    entries = toll_timeline(toll, articles, sentences, figures)
    cited = {(e.date, e.citations[0]) for e in entries}
    rest = [e for e in timeline if not (e.citations and (e.date, e.citations[0]) in cited)]
    merged = sorted([*rest, *entries], key=lambda e: (e.date is None, e.date or ""))
    return (*kept[:at], *lines, *kept[at:]), tuple(merged)


def _squash_surface(text: str) -> str:
    """A line's words after its label ("Killed: two people (...)" -> "two people")."""
    return re.split(r"\s\((?:updated|reports differ)", text.partition(": ")[2], maxsplit=1)[0]


def _same_figure(b: BriefSentence, told: set[tuple[Citation, str]]) -> bool:
    """Does a figure line tell, from the same sentence, the figure a toll line tells?"""
    mine = _squash_surface(b.text).split(" (", 1)[0]
    return bool(b.citations) and any(b.citations[0] == c and mine and mine == s for c, s in told)
