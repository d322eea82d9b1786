"""Overlap questions about many intervals, answered without comparing every pair.

Reconciliation reads each figure report as an interval of counts and asks which
reports agree (their intervals overlap). Asked pair by pair, that is quadratic in
the reports of a story, and a pathological text (a megabyte of repeated figure
sentences) stalls a run. The steps here answer the same questions in
``O(n log n)``:

- :func:`overlap_components`: the connected components of the overlap graph
  (sort by low end, sweep with the running high end);
- :class:`Overlaps`: "does any interval added so far overlap this one?" in
  ``O(log n)``, with intervals added at any time (a Fenwick tree of running
  maxima of the high end over the sorted low ends);
- :func:`any_disjoint`: whether two intervals of the given sets (or of one set)
  fail to overlap, from the extremes alone (intervals on a line overlap pairwise
  exactly when the largest low end is at most the smallest high end).

Overlap allows a relative tolerance of ``1e-9`` (see :func:`tolerance`), as the
pairwise test does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

__all__ = [
    "Overlaps",
    "any_disjoint",
    "overlap_components",
    "tolerance",
]

_Interval = tuple[float, float]


def tolerance(*ends: float) -> float:
    """The slack two interval ends may differ by and still touch: ``1e-9`` relative."""
    return 1e-9 * max(1.0, *(abs(e) for e in ends))


def overlap_components(intervals: Sequence[_Interval]) -> list[list[int]]:
    """The connected components of the overlap graph of ``intervals``, as lists of positions.

    Two intervals are joined when they overlap; a component's intervals cover one
    unbroken stretch of the line. Components come in order of their low end.

    Example:
        >>> overlap_components([(5, 6), (1, 2), (2, 3), (7, 9)])
        [[1, 2], [0], [3]]
    """
    out: list[list[int]] = []
    top = 0.0
    for i in sorted(range(len(intervals)), key=lambda i: intervals[i]):
        lo, hi = intervals[i]
        if out and lo <= top + tolerance(top, hi):
            out[-1].append(i)
            top = max(top, hi)
        else:
            out.append([i])
            top = hi
    return out


class Overlaps:
    """A growing set of intervals that says whether any of them overlaps a given one.

    Args:
        lows: every low end that may be added later (the tree is laid out over them).

    Example:
        >>> idx = Overlaps([1, 10])
        >>> idx.add((10, 12)); idx.meets((3, 4)), idx.meets((11, 20))
        (False, True)
    """

    def __init__(self, lows: Iterable[float]):
        self._keys = sorted(set(lows))
        self._tree = [float("-inf")] * (len(self._keys) + 1)
        self._top = 0.0

    def add(self, interval: _Interval) -> None:
        """Add one interval; its low end must be one of the ``lows`` given at construction."""
        lo, hi = interval
        k = bisect_left(self._keys, lo) + 1
        while k < len(self._tree):
            if self._tree[k] < hi:
                self._tree[k] = hi
            k += k & -k
        self._top = max(self._top, abs(hi))

    def meets(self, interval: _Interval) -> bool:
        """Whether an interval added so far overlaps ``interval``."""
        lo, hi = interval
        k = bisect_right(self._keys, hi + tolerance(hi, self._top))
        best = float("-inf")
        while k > 0:
            best = max(best, self._tree[k])
            k -= k & -k
        return best != float("-inf") and best + tolerance(best, lo) >= lo


def any_disjoint(a: Sequence[_Interval], b: Sequence[_Interval] | None = None) -> bool:
    """Whether some interval of ``a`` fails to overlap some interval of ``b`` (of ``a`` itself when None).

    Example:
        >>> any_disjoint([(1, 5), (4, 8)]), any_disjoint([(1, 5)], [(6, 7)])
        (False, True)
    """
    b = a if b is None else b
    if not a or not b:
        return False
    lo_a, hi_a = max(lo for lo, _ in a), min(hi for _, hi in a)
    lo_b, hi_b = max(lo for lo, _ in b), min(hi for _, hi in b)
    return lo_a > hi_b + tolerance(lo_a, hi_b) or lo_b > hi_a + tolerance(lo_b, hi_a)
