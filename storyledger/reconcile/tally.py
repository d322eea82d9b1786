"""A story's own count of the killed and the injured, from its reports' tallies.

Each report of a story gives its own count (:func:`storyledger.extract.report_tally`: the
report's number killed and injured, headline included, tolls of other events left out).
Tolls grow as a story unfolds: an early report's lower count is an earlier state of the
same toll, not a conflict with a later one. The story's count combines its reports'
counts by a policy (:data:`STORY_POLICIES`):

- ``largest``: the largest count any report gives (a later, higher toll supersedes);
- ``most_reported``: the count most reports give, the larger on a tie (0 included);
- ``most_reported_nonzero``: the same among the reports that count anyone (0 when none does);
- ``median_high``: the upper median of the reports' counts.

Which policy serves each harm is chosen on reports with known counts
(:func:`fit_story_policies`): ``tools/train_tally.py`` writes the choice into
``storyledger/models/tally.json`` beside the report scorer, and ``evals/eval_gvc.py``
chooses again on the training folds of each cross-validation fold.

Where the model also holds a story scorer (``"story_scorer"``, :mod:`.tally_scorer`: a
logistic model over every candidate count of the story's reports, how many reports give
it and how sure each is, which measured better than any policy on the training folds),
the story's count is that scorer's pick; the policies remain the fallback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..extract import Tally, load_tally_model, report_tally
from ..records import Article, ArticleFacts
from .tally_scorer import check_scorer, report_view, score_story

__all__ = [
    "STORY_POLICIES",
    "StoryTally",
    "combine_counts",
    "fit_story_policies",
    "story_tally",
]

STORY_POLICIES = ("largest", "most_reported", "most_reported_nonzero", "median_high")
_DEFAULT = {"killed": "most_reported_nonzero", "injured": "most_reported"}


@dataclass(frozen=True, slots=True)
class StoryTally:
    """A story's count of people killed and injured, with each report's own count (article id, tally)."""

    killed: int
    injured: int
    reports: tuple[tuple[str, Tally], ...]


def combine_counts(counts: Sequence[int], policy: str) -> int:
    """The story's count from its reports' counts under ``policy`` (see :data:`STORY_POLICIES`).

    Raises:
        ValueError: for a policy not in :data:`STORY_POLICIES`.

    Example:
        >>> combine_counts([1, 2, 2, 0], "most_reported"), combine_counts([1, 2, 2, 0], "largest")
        (2, 2)
    """
    if policy not in STORY_POLICIES:
        raise ValueError(f"unknown story policy {policy!r}; expected one of {', '.join(STORY_POLICIES)}")
    counts = list(counts)
    if not counts:
        return 0
    if policy == "largest":
        return max(counts)
    if policy == "median_high":
        return sorted(counts)[len(counts) // 2]
    if policy == "most_reported_nonzero":
        counts = [c for c in counts if c] or [0]
    return max(counts, key=lambda v: (counts.count(v), v))


def fit_story_policies(stories: Sequence[tuple[Sequence[Tally], Tally]]) -> dict[str, str]:
    """The policy of each harm that gives the known story counts most often.

    Args:
        stories: One ``(its reports' tallies, the story's known counts)`` per story.

    Returns:
        ``{"killed": policy, "injured": policy}``; ties go to the earlier of :data:`STORY_POLICIES`.
    """
    out = {}
    for harm in ("killed", "injured"):
        hits = {p: sum(combine_counts([getattr(t, harm) for t in tallies], p) == getattr(gold, harm)
                       for tallies, gold in stories) for p in STORY_POLICIES}
        out[harm] = max(STORY_POLICIES, key=lambda p: (hits[p], -STORY_POLICIES.index(p)))
    return out


def story_tally(articles: Sequence[Article], facts: Mapping[str, ArticleFacts],
                model: dict | None = None) -> StoryTally:
    """The story's number killed and injured: its reports' own counts, combined by the model's policies.

    Args:
        articles: The story's articles.
        facts: Their extracted facts by article id (an article without facts counts no one).
        model: The tally model (:func:`storyledger.extract.figures.tally.fit_tally_model`,
            with ``"story"`` policies from :func:`fit_story_policies` and, optionally, a
            ``"story_scorer"`` from :func:`~storyledger.reconcile.tally_scorer.fit_story_scorer`,
            used first); the shipped one when ``None``.

    Returns:
        A :class:`StoryTally`.

    Example:
        >>> from storyledger.extract import extract_figures
        >>> arts = [Article(id="a", text="A man was shot and killed on Friday."),
        ...         Article(id="b", text="Two people were killed and one was wounded in Friday's shooting.")]
        >>> facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in arts}
        >>> t = story_tally(arts, facts)
        >>> t.killed in (1, 2), [r[0] for r in t.reports]
        (True, ['a', 'b'])
    """
    model = load_tally_model() if model is None else model
    scorer = model.get("story_scorer")
    if isinstance(scorer, Mapping) and check_scorer(scorer):
        views = [report_view(a, facts[a.id].figures if a.id in facts else (), model) for a in articles]
        story = score_story(views, scorer)
        return StoryTally(killed=story.killed, injured=story.injured, reports=tuple((v.article_id, v.tally) for v in views))
    policies = {**_DEFAULT, **model.get("story", {})}
    reports = []
    for a in articles:
        f = facts.get(a.id)
        reports.append((a.id, report_tally(a, f.figures if f else (), model)))
    return StoryTally(killed=combine_counts([t.killed for _, t in reports], policies["killed"]),
                      injured=combine_counts([t.injured for _, t in reports], policies["injured"]),
                      reports=tuple(reports))
