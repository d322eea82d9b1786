"""The story's own toll on top of its reconciled figures: its killed and injured lead, with the toll's value.

:func:`~storyledger.reconcile.figures.reconcile_figures` reconciles each fact on its own
("killed:people", "killed:man", "injured:people" …): its current value is what its
reports say, whatever the other facts say. :func:`~storyledger.reconcile.toll.story_toll`
weighs every report's count of the story's own event at once. :func:`toll_on_figures`
puts the second on the first, so that the figures tell the story's toll:

- the **toll's group** of a harm is the group of the story's own event that holds the most
  figures stating the toll's value (the figures its reports cite); its current value
  becomes the toll's (hedged as the toll is), and it leads the figures, killed before
  injured;
- an early report's lower toll is an **update**, not a conflict: a toll's group whose
  reports differ only by counts lower than the toll's, the toll itself neither disputed
  nor contradicted by a later lower count (``HarmToll.disagreeing``), is ``updated``;
- figures of other events (``event="other"``) are never a toll's group, so never its
  current value: they stay as context.

Where no group holds a figure stating the toll (a count read from the headline, or worked
out as the shot less the killed), the figures are left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..records import TOLL_HARMS, FigureGroup, FigureValue, HarmToll, StoryToll
from .figures import compatible

__all__ = [
    "toll_group",
    "toll_on_figures",
]

_KEYS = {"killed": ("killed",), "injured": ("injured", "wounded", "hurt")}
_NOTE = "the story's own toll: its current value weighs every report's count"


def _cited(toll: HarmToll) -> set[tuple[str, int, int]]:
    """The spans of the figures that state the toll's value."""
    return {(c.article_id, c.start, c.end) for r in toll.reports if r.value == toll.value and r.stated
            for c in r.citations}


def _of_harm(group: FigureGroup, harm: str) -> bool:
    """Whether every report of the group counts ``harm`` for the story's own event."""
    return bool(group.reports) and all(
        (f.key or "").partition(":")[0] in _KEYS[harm] and f.event == "story" for f in group.reports)


def toll_group(groups: Sequence[FigureGroup], harm: str, toll: HarmToll) -> int | None:
    """The index of the toll's group of ``harm`` in ``groups`` (see the module's doc), ``None`` when none.

    Ties go to the group told by more articles, then to the earlier group.
    """
    if not toll.value:
        return None
    cited = _cited(toll)
    hits = [(sum((f.article_id, f.start, f.end) in cited for f in g.reports), len({f.article_id for f in g.reports}), -i)
            for i, g in enumerate(groups) if _of_harm(g, harm)]
    best = max((h for h in hits if h[0]), default=None)
    return -best[2] if best else None


def _status(group: FigureGroup, toll: HarmToll, value: FigureValue) -> str:
    """The group's status with the toll on top: ``updated`` where the others are only lower, earlier counts."""
    if group.status != "conflicting" or toll.disagreeing:
        return group.status
    differ = [f for f in group.reports if not compatible(f, value)]
    if differ and all((f.high if f.high is not None else f.value or 0) < toll.value for f in differ):
        return "updated"
    return group.status


def toll_on_figures(groups: Sequence[FigureGroup], toll: StoryToll | None) -> tuple[FigureGroup, ...]:
    """The figures with the story's toll on top: each harm's toll group carries the toll's value and leads.

    Args:
        groups: The story's reconciled figures.
        toll: Its casualty count (``None``: the figures as they are).

    Returns:
        The groups, the toll's groups first (killed, then injured), the others in their order.

    Example:
        >>> from storyledger.records import Citation, Figure, TollReport
        >>> f = Figure(article_id="a", start=0, end=9, value=2, key="killed:people")
        >>> g = FigureGroup(id="g", label="people killed", unit="people", status="single_source",
        ...     order="dated", independent_sources=1, current=FigureValue(value=2), reports=(f,))
        >>> h = HarmToll(value=2, reports=(TollReport(article_id="a", value=2,
        ...     citations=(Citation(article_id="a", start=0, end=9),)),))
        >>> toll_on_figures([g], StoryToll(killed=h, injured=HarmToll(value=0)))[0].note
        "the story's own toll: its current value weighs every report's count"
    """
    if toll is None:
        return tuple(groups)
    out, lead = list(groups), []
    for harm in TOLL_HARMS:
        t = getattr(toll, harm)
        at = toll_group(out, harm, t)
        if at is None:
            continue
        g = out.pop(at)
        value = FigureValue(value=float(t.value), qualifier=t.qualifier)
        note = _NOTE + (f"; {g.note}" if g.note else "")
        lead.append(replace(g, current=value, status=_status(g, t, value), note=note))
    return (*lead, *out)
