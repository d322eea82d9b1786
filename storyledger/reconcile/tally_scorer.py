"""A story's count of the killed and the injured, chosen by a small learned model over its reports' candidates.

A vote over the reports' own counts (:data:`~storyledger.reconcile.tally.STORY_POLICIES`)
sees one number per report: it cannot tell a confident count from a guess, nor an early
report's "critical condition" from a later one's death. This scorer sees each report's
candidates as the report scorer does (:func:`~storyledger.extract.figures.tally.candidate_features`)
and picks the story's count among all of them:

1. **Views** (:func:`report_view`): per report, its count (the report scorer's pick, as
   :func:`~storyledger.extract.figures.tally.report_tally` gives it), every candidate count
   of each harm with its feature row and its score.
2. **Story candidates** (:func:`story_candidates`): every value any report counts or weighs,
   and 0, each with features of the story (:data:`STORY_FEATURES`): how many reports count
   it and how sure they are of it, whether it is the most reported, the largest, the latest
   or the earliest count, and, for the injured, whether it is an earlier report's injured
   less those who died since (a report counting fewer killed and more injured than the
   story: the wounded who later died are the story's killed, no longer its injured); then
   the mean over the reports of the report scorer's own features of the value (``r_…``).
3. **Who speaks** (:func:`telling_views`): a report that counts no one of either harm (no
   candidate but 0: it is about the story, not its casualties) abstains, so that the
   story's count is weighed among the reports that tell one; a story whose reports are all
   silent keeps them all (its count is 0).
4. **Score**: a logistic model per harm (``"story_scorer"`` in ``storyledger/models/tally.json``);
   the best-scoring value is the story's count. The injured are scored with the story's
   killed count known.
5. **Precise over vague** (:func:`precise_within`): a count every report holding it gives only as
   a range ("hundreds") gives way to another report's precise count inside that range.

The scorer is fitted (:func:`fit_story_scorer`, scikit-learn, build time only) on stories
whose reports were counted by report scorers fitted without them (cross-fitting), so that
it learns how far to trust a report's count on reports like those it will meet:
``tools/train_tally.py`` cross-fits by city over all development stories, and
``evals/eval_gvc.py`` does the same within the training folds of each fold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..extract import TALLY_BASE_FEATURES, TALLY_FEATURES, Tally, candidate_features, fit_tally, headline_figures
from ..records import Article, Figure, has_spread

__all__ = [
    "ReportView",
    "STORY_FEATURES",
    "check_scorer",
    "fit_story_scorer",
    "precise_within",
    "report_view",
    "risen_to",
    "score_story",
    "story_candidates",
    "telling_views",
]

# No feature tells the size of a story's count (there were ``v1``, ``v2``, ``v3_9`` and ``v10``): fitted on
# the gun registry's stories, mostly of one dead, they held every larger toll against itself (an
# earthquake's later "24 dead" lost to early reports' "one dead"; a later report's two dead to an early
# one's one). The story scorer weighs the reports (how many give a count, how sure each is, which are
# latest); what a count's size says is the report scorers' part, read by the kind of report
# (:data:`storyledger.extract.figures.tally.FEATURES`).
_OWN = (
    "pick_share", "n_picks", "cand_share", "mean_p", "max_p", "top_p", "mode", "mode_nonzero", "largest_pick",
    "latest_pick", "earliest_pick", "zero", "above_mode", "below_mode", "died_later",
    "zero_many", "silent_share",
)
#: The features of a story's candidate count, in the scorer's order.
# A report's candidate as the report tells it: the report scorer's base features (its rows
# carry them first, then their copies for reports in large and in small numbers).
_REPORT_BASE = TALLY_BASE_FEATURES
STORY_FEATURES = _OWN + tuple(f"r_{f}" for f in _REPORT_BASE)
_HARMS = ("killed", "injured")
_DEFAULT_C = 1.0


@dataclass(frozen=True, slots=True)
class ReportView:
    """One report as the story scorer reads it: its count and, per harm, its candidates.

    ``candidates[harm]`` is ``(values, feature rows, scores)`` from the report scorer.
    """

    article_id: str
    published: str
    tally: Tally
    candidates: Mapping[str, tuple[tuple[int, ...], tuple[tuple[float, ...], ...], tuple[float, ...]]]
    #: Per harm, the counts the report gives only as a vague range ("hundreds": 100 -> (100, 999)).
    ranges: Mapping[str, Mapping[int, tuple[float, float]]] = field(default_factory=dict)


def _scores(rows: Sequence[Sequence[float]], scorer: Mapping) -> tuple[float, ...]:
    coef, b = scorer["coef"], scorer["intercept"]
    return tuple(b + sum(w * x for w, x in zip(coef, row) if x) for row in rows)


def _pick(values: Sequence[int], scores: Sequence[float]) -> int:
    """The best-scoring value, the first on a tie (as the report scorer picks)."""
    return values[max(range(len(values)), key=lambda i: (scores[i], -i))]


def report_view(article: Article, figures: Sequence[Figure], model: Mapping) -> ReportView:
    """One report's count and candidates under ``model`` (the report scorers ``{"killed", "injured"}``).

    The count is the one :func:`~storyledger.extract.figures.tally.report_tally` gives: the
    killed first, then the injured with that killed count known.
    """
    head = headline_figures(article)
    values, rows = candidate_features(article, figures, "killed", head=head)
    k_scores = _scores(rows, model["killed"])
    killed = _pick(values, k_scores)
    i_values, i_rows = candidate_features(article, figures, "injured", killed=killed, head=head)
    i_scores = _scores(i_rows, model["injured"])
    cands = {"killed": (tuple(values), tuple(map(tuple, rows)), k_scores),
             "injured": (tuple(i_values), tuple(map(tuple, i_rows)), i_scores)}
    return ReportView(article_id=article.id, published=(article.published or "")[:10],
                      tally=Tally(killed=killed, injured=_pick(i_values, i_scores)), candidates=cands,
                      ranges={h: _vague_ranges(cands[h], [*figures, *head]) for h in _HARMS})


_VAGUE = TALLY_FEATURES.index("vague")


def _vague_ranges(cands: tuple, figures: Sequence[Figure]) -> dict[int, tuple[float, float]]:
    """The candidate counts a report gives only as a range ("hundreds", "dozens"), with the range."""
    values, rows, _ = cands
    out = {}
    for v, row in zip(values, rows):
        spans = [(f.low, f.high) for f in figures if f.low is not None and f.high is not None
                 and has_spread(f) and int(round(f.value)) == v]  # "about 4 to 5"
        if v and row[_VAGUE] and spans:
            out[v] = (min(lo for lo, _ in spans), max(hi for _, hi in spans))
    return out


def precise_within(views: Sequence[ReportView], harm: str, count: int) -> int:
    """``count``, or the precise count of another report that lies inside it when every report gives it as a range.

    "Hundreds dead" in one report and "at least 187 deaths" in another are one toll: the precise
    figure is the story's ("hundreds" holds it). Where several precise counts fit, the largest.
    """
    holders = [v for v in views if count in v.candidates[harm][0]]
    if not holders or not all(count in v.ranges.get(harm, {}) for v in holders):
        return count
    lo = min(v.ranges[harm][count][0] for v in holders)
    hi = max(v.ranges[harm][count][1] for v in holders)
    held = {v.article_id for v in holders}
    inside = [p for v in views if v.article_id not in held for p in [getattr(v.tally, harm)]
              if p != count and lo <= p <= hi and p not in v.ranges.get(harm, {})]
    return max(inside, default=count)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def _mode(picks: Sequence[int], nonzero: bool = False) -> int:
    vals = [p for p in picks if p] if nonzero else list(picks)
    vals = vals or [0]
    return max(vals, key=lambda v: (vals.count(v), v))


def _died_later(views: Sequence[ReportView], killed: int | None) -> set[int]:
    """The injured of reports that count fewer killed than the story, less those who died since."""
    if killed is None:
        return set()
    return {v.tally.injured - (killed - v.tally.killed) for v in views
            if v.tally.killed < killed and v.tally.injured >= killed - v.tally.killed}


def _dated(views: Sequence[ReportView], picks: Sequence[int], latest: bool) -> set[int]:
    """The counts of the reports of the latest (or earliest) publication date; none unless two dates differ.

    When no report is dated, the story's order stands for time, as the toll reads it
    (:mod:`storyledger.reconcile.toll`: undated reports keep the story's order): the last
    report's count is the latest, the first's the earliest.
    """
    dates = {v.published for v in views if v.published}
    if not dates and len(views) >= 2:
        return {picks[-1] if latest else picks[0]}
    if len(dates) < 2:
        return set()
    at = max(dates) if latest else min(dates)
    return {p for v, p in zip(views, picks) if v.published == at}


def story_candidates(views: Sequence[ReportView], harm: str,
                     killed: int | None = None) -> tuple[list[int], list[list[float]]]:
    """The story's candidate counts of ``harm`` and the features of each (in :data:`STORY_FEATURES` order).

    Args:
        views: The story's reports (:func:`report_view`).
        harm: ``"killed"`` or ``"injured"``.
        killed: The story's number killed, for the injured (those who died since an earlier report).

    Returns:
        The candidate values (ascending, ``0`` first) and one feature row per value.
    """
    n = max(1, len(views))
    picks = [getattr(v.tally, harm) for v in views]
    by_value = [dict(zip(v.candidates[harm][0], zip(v.candidates[harm][1], v.candidates[harm][2]))) for v in views]
    # A report with no candidate but 0 says nothing of the harm: it abstains from the weighing.
    told = [d for d in by_value if any(x for x in d)]
    n_told = max(1, len(told))
    values = sorted({0, *picks, *(x for d in by_value for x in d)})
    probs = {x: [_sigmoid(d[x][1]) for d in told if x in d] for x in values}
    top = max(values, key=lambda x: (sum(probs[x]), x))
    mode, mode_nz = _mode(picks), _mode(picks, nonzero=True)
    latest, earliest = _dated(views, picks, True), _dated(views, picks, False)
    later_dead = _died_later(views, killed) if harm == "injured" else set()
    out = []
    for x in values:
        k = picks.count(x)
        own = {
            "pick_share": k / n, "n_picks": math.log1p(k), "cand_share": len(probs[x]) / n_told,
            "mean_p": sum(probs[x]) / n_told, "max_p": max(probs[x], default=0.0), "top_p": float(x == top),
            "mode": float(x == mode), "mode_nonzero": float(x == mode_nz), "largest_pick": float(bool(k) and x == max(picks)),
            "latest_pick": float(x in latest), "earliest_pick": float(x in earliest), "zero": float(x == 0),
            "above_mode": float(bool(k) and x > mode), "below_mode": float(bool(k) and x < mode),
            "died_later": float(x in later_dead), "zero_many": math.log1p(len(views)) * float(x == 0),
            "silent_share": float(x == 0) * (1 - len(told) / n),
        }
        rows = [d[x][0][:len(_REPORT_BASE)] for d in by_value if x in d]
        means = [sum(col) / n for col in zip(*rows)] if rows else [0.0] * len(_REPORT_BASE)
        out.append([own[f] for f in _OWN] + means)
    return values, out


def telling_views(views: Sequence[ReportView]) -> list[ReportView]:
    """The reports that count someone killed or injured (a candidate other than 0); all of them when none does.

    A report silent on both harms (an excerpt on the politics of an attack, a follow-up on
    the trial) says nothing of the toll: its 0 is no vote for "no one died".
    """
    told = [v for v in views if any(x for h in _HARMS for x in v.candidates[h][0])]
    return told or list(views)


def score_story(views: Sequence[ReportView], scorer: Mapping) -> Tally:
    """The story's number killed and injured: the best-scoring candidate of each harm under ``scorer``.

    Args:
        views: The story's reports (:func:`report_view`).
        scorer: ``{"killed": …, "injured": …}`` as :func:`fit_story_scorer` gives it.

    Reports silent on both harms abstain (:func:`telling_views`). A story of one telling
    report counts as that report does: there is nothing to weigh (and the scorer is fitted on
    stories of two or more).
    """
    views = telling_views(views)
    if len(views) == 1:
        return views[0].tally
    values, rows = story_candidates(views, "killed")
    killed = risen_to(views, precise_within(views, "killed", _pick(values, _scores(rows, scorer["killed"]))))
    values, rows = story_candidates(views, "injured", killed)
    return Tally(killed=killed, injured=precise_within(views, "injured", _pick(values, _scores(rows, scorer["injured"]))))


def risen_to(views: Sequence[ReportView], killed: int) -> int:
    """``killed``, or the latest report's count where the reports' killed counts only rise with time.

    An early report's lower toll is an update, not another count: "one man was killed" on Friday and
    "two men were killed" on Saturday is a story of two dead. Time is the dated reports' dates where two
    of them differ, else the story's order where no report is dated (as :func:`_dated` reads it); no
    later report may count fewer than an earlier one. Where some reports are undated, their order is
    unknown, so none may count more than the latest, and a second report must give the latest count
    (one late report's misreading, "a million killed" of a war's history, is no rise).
    """
    if len(views) < 2:
        return killed
    dated = sorted((v.published, v.tally.killed) for v in views if v.published)
    undated = [v.tally.killed for v in views if not v.published]
    if len(dated) > 1 and dated[0][0] != dated[-1][0]:
        counts = [k for _, k in dated]
        if undated and (max(undated) > counts[-1] or sum(v.tally.killed == counts[-1] for v in views) < 2):
            return killed
    elif not dated:
        counts = undated
    else:
        return killed
    if all(a <= b for a, b in zip(counts, counts[1:])) and counts[-1] > killed:
        return counts[-1]
    return killed


def _fit(examples: Sequence[tuple[list[int], list[list[float]], int]], c: float) -> dict:
    """One story scorer: the report scorers' logistic fit over the story features."""
    return fit_tally(examples, c, features=STORY_FEATURES, max_iter=3000, unit="stories")


def fit_story_scorer(stories: Sequence[tuple[Sequence[ReportView], Tally]], c: float = _DEFAULT_C) -> dict:
    """Fit the story scorers (killed, then injured) on stories with known counts.

    Args:
        stories: One ``(its reports' views, the story's known counts)`` per story; the views
            should come from report scorers fitted without the story's reports.
        c: The inverse L2 strength of each logistic regression (the report scorers' default).

    Returns:
        ``{"killed": scorer, "injured": scorer}``, JSON-ready, for :func:`score_story`. The
        injured scorer is fitted with the killed count the fitted killed scorer picks. Each
        story is read as :func:`score_story` reads it: its silent reports abstain.
    """
    heard = [(telling_views(views), gold) for views, gold in stories]
    killed_rows = [story_candidates(views, "killed") for views, _ in heard]
    killed = _fit([(v, x, gold.killed) for (v, x), (_, gold) in zip(killed_rows, heard)], c)
    picks = [_pick(v, _scores(x, killed)) for v, x in killed_rows]
    injured = _fit([(*story_candidates(views, "injured", k), gold.injured) for (views, gold), k in zip(heard, picks)], c)
    return {"killed": killed, "injured": injured}


def check_scorer(scorer: Mapping) -> bool:
    """Whether ``scorer`` was fitted on :data:`STORY_FEATURES` (both harms)."""
    return all(isinstance(scorer.get(h), Mapping) and scorer[h].get("features") == list(STORY_FEATURES) for h in _HARMS)
