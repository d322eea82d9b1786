"""The SVG views of the HTML report: a figure's history chart and the provenance graph.

Drawn as inline SVG strings (no script, no external resources), every text
escaped; mixed into the story view of :mod:`storyledger.present.html`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .html_format import (
    is_directed,
    RELATION_LABELS,
    STATUS_COLORS,
    clip,
    clip_words,
    date_label,
    e,
    as_float,
    format_number,
    as_list,
    map,
    parse_date,
    as_str,
    value_label,
)

__all__ = [
    "SvgViews",
]


_MAX_GRAPH_NODES = 40
# A figure chart: width, height and the left, right, top and bottom margins.
_CHART_BOX = (236, 86, 14, 14, 18, 20)
# A provenance graph: node width and height, column and row gaps, outer margin.
_NODE_W, _NODE_H, _GAP_X, _GAP_Y, _MARGIN = 200, 54, 170, 36, 16


_NUDGES = sorted(((dx, dy) for dx in (0, -45, 45, -90, 90) for dy in (0, -20, 20, -40, 40)),
                 key=lambda d: abs(d[0]) + 2 * abs(d[1]))


def _free_spot(x: float, y: float, w: float, placed: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """Where a label (centre x, y; width w; height 18) overlaps no placed box, moved up or down if need be."""
    h = 18.0
    for dx, dy in _NUDGES:
        cx, cy = x + dx, y + dy
        if all(abs(cy - py) >= (h + ph) / 2 or abs(cx - px) >= (w + pw) / 2 for px, py, pw, ph in placed):
            return cx, cy
    return x, y


@dataclass(frozen=True, slots=True)
class _ChartScale:
    """A figure chart's mapping from (time or rank, value) to pixels."""

    x0: float
    x1: float
    lo: float
    hi: float

    def sx(self, x: float) -> float:
        """The pixel column of a time (or rank)."""
        W, H, L, R, T, B = _CHART_BOX
        return L + (W - L - R) * ((x - self.x0) / (self.x1 - self.x0) if self.x1 > self.x0 else 0.5)

    def sy(self, y: float) -> float:
        """The pixel row of a value."""
        W, H, L, R, T, B = _CHART_BOX
        return T + (H - T - B) * (1 - (y - self.lo) / (self.hi - self.lo))


_Point = tuple[datetime | None, float, float | None, float | None, Mapping]


def _chart_x(points: list[_Point]) -> tuple[list[_Point], list[float], bool]:
    """The points in time order with their times, or in report order with their ranks when not all are dated."""
    dated = all(p[0] is not None for p in points) and len({p[0] for p in points}) > 1
    if dated:
        points = sorted(points, key=lambda p: p[0])
        return points, [p[0].timestamp() for p in points], True
    return points, [float(i) for i in range(len(points))], False


def _chart_scale(points: list[_Point], xs: list[float]) -> _ChartScale | None:
    """The scale that fits every value and range with a margin; ``None`` near the float limit."""
    lo = min(min(p[1], p[2] if p[2] is not None else p[1]) for p in points)
    hi = max(max(p[1], p[3] if p[3] is not None else p[1]) for p in points)
    pad = (hi - lo) * 0.12 or max(abs(hi) * 0.1, 1.0)
    lo, hi = lo - pad, hi + pad
    if not all(math.isfinite(v) for v in (lo, hi, hi - lo)):
        return None
    return _ChartScale(min(xs), max(xs), lo, hi)


def _chart_end_values(points: list[_Point], xs: list[float], scale: _ChartScale) -> list[str]:
    """The first and last values written above their points (once where they coincide)."""
    W, H, L, R, T, B = _CHART_BOX
    out = []
    seen: set[tuple[int, int]] = set()
    for x, p in [(xs[0], points[0]), (xs[-1], points[-1])]:
        cx, cy = scale.sx(x), scale.sy(p[1])
        key = (round(cx), round(cy))
        if key in seen:
            continue
        seen.add(key)
        anchor = "start" if cx < L + 20 else ("end" if cx > W - R - 20 else "middle")
        out.append(f'<text class="v" x="{cx:.1f}" y="{max(cy - 8, 10):.1f}" text-anchor="{anchor}">'
                   f"{e(format_number(p[1]))}</text>")
    return out


def _chart_axis_labels(points: list[_Point], dated: bool) -> list[str]:
    """The labels under both ends of the axis: dates (or times within a day), else report order."""
    W, H, L, R, T, B = _CHART_BOX
    if dated:
        first, last = points[0][0], points[-1][0]
        fl = f"{first.day} {first:%b}" if first.date() != last.date() else f"{first:%H:%M}"
        ll = f"{last.day} {last:%b}" if first.date() != last.date() else f"{last:%H:%M}"
        return [f'<text x="{L}" y="{H - 5}">{e(fl)}</text>',
                f'<text x="{W - R}" y="{H - 5}" text-anchor="end">{e(ll)}</text>']
    return [f'<text x="{L}" y="{H - 5}">first report</text>',
            f'<text x="{W - R}" y="{H - 5}" text-anchor="end">last report</text>']


def _graph_selection(nodes: list[str], edges: Sequence[Mapping]) -> tuple[list[str], list[Mapping]]:
    """At most ``_MAX_GRAPH_NODES`` nodes (those in a derivation first) and the edges between them."""
    involved = {d["derived_id"] for d in edges} | {d["source_id"] for d in edges}
    if len(nodes) > _MAX_GRAPH_NODES:
        nodes = [a for a in nodes if a in involved][:_MAX_GRAPH_NODES] or nodes[:_MAX_GRAPH_NODES]
    keep = set(nodes)
    return nodes, [d for d in edges if d["derived_id"] in keep and d["source_id"] in keep]


def _graph_layers(nodes: list[str], edges: Sequence[Mapping]) -> dict[str, int]:
    """Each node's layer: the longest path to it from a root along the directed derivations."""
    directed = [(d["source_id"], d["derived_id"]) for d in edges if is_directed(d)]
    layer = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes)):  # bounded, so cycles end
        changed = False
        for s, t in directed:
            if layer[t] < layer[s] + 1 < len(nodes):
                layer[t], changed = layer[s] + 1, True
        if not changed:
            break
    return layer


def _graph_open(width: int, height: int, n_nodes: int, n_edges: int, k: int) -> list[str]:
    """The graph's opening tag and its arrowhead markers, one per relation."""
    out = [f'<svg class="graph" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="Provenance graph of {n_nodes} articles and {n_edges} derivations"><defs>']
    for rel in RELATION_LABELS:
        out.append(f'<marker id="arr-{k}-{rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="m-{rel}"/></marker>')
    out.append("</defs>")
    return out


def _edge_path(src: tuple[int, int], dst: tuple[int, int]) -> tuple[str, float, float]:
    """An edge's SVG path and where its label goes: a curve forward, an arc on the right otherwise."""
    (sx_, sy_), (tx, ty) = src, dst
    if tx > sx_:
        x1, y1, x2, y2 = sx_ + _NODE_W, sy_ + _NODE_H / 2, tx - 2, ty + _NODE_H / 2
        c = (x2 - x1) / 2
        path = f"M{x1:.0f},{y1:.0f} C{x1 + c:.0f},{y1:.0f} {x2 - c:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
        return path, (x1 + x2) / 2, (y1 + y2) / 2 - (13 if abs(y2 - y1) < 4 else 0)
    # Same column (common lineage) or backwards.
    x1, y1, y2 = sx_ + _NODE_W, sy_ + _NODE_H / 2, ty + _NODE_H / 2
    bulge = 44 + abs(y2 - y1) * 0.15
    path = f"M{x1:.0f},{y1:.0f} C{x1 + bulge:.0f},{y1:.0f} {x1 + bulge:.0f},{y2:.0f} {x1 + 2:.0f},{y2:.0f}"
    return path, x1 + bulge * 0.75, (y1 + y2) / 2


def _graph_edges(edges: Sequence[Mapping], xy: Mapping[str, tuple[int, int]], k: int) -> tuple[list[str], list[str]]:
    """The edges' paths and their labels, each label placed where it covers no node nor earlier label."""
    paths: list[str] = []
    labels: list[str] = []
    placed = [(x + _NODE_W / 2, y + _NODE_H / 2, _NODE_W, _NODE_H) for x, y in xy.values()]
    for d in edges:
        rel = as_str(d.get("relation"))
        rel = rel if rel in RELATION_LABELS else "common_lineage"
        path, lx, ly = _edge_path(xy[d["source_id"]], xy[d["derived_id"]])
        marker = f' marker-end="url(#arr-{k}-{rel})"' if is_directed(d) else ""
        paths.append(f'<path class="edge r-{rel}" d="{path}"{marker}/>')
        share = as_float(d.get("share"))
        text = RELATION_LABELS[rel] + (f" {share:.0%}" if share is not None else "")
        tw = 6.6 * len(text) + 10
        lx, ly = _free_spot(lx, ly, tw, placed)
        placed.append((lx, ly, tw, 18.0))
        labels.append(f'<rect class="lbl-bg" x="{lx - tw / 2:.0f}" y="{ly - 10:.0f}" width="{tw:.0f}" height="18" rx="4"/>'
                      f'<text class="lbl t-{rel}" x="{lx:.0f}" y="{ly + 3:.0f}" text-anchor="middle">{e(text)}</text>')
    return paths, labels


class SvgViews:
    """The SVG views of a story (figure history charts, provenance graph), mixed into ``_StoryView``.

    Relies on the view's ``articles``, ``aids``, ``pos``, ``k`` and ``outlet()``.
    """

    def _when(self, report: Mapping) -> datetime | None:
        # A history is how the reports moved over time: when each was published;
        # the date a figure refers to (as_of) only stands in for a missing one.
        aid = report.get("article_id")
        pub = parse_date(self.articles.get(aid, {}).get("published")) if isinstance(aid, str) else None
        return pub if pub is not None else parse_date(report.get("as_of"))

    def figure_chart(self, fig: Mapping) -> str:
        """A small SVG of a figure's reports over time; empty when there is no history."""
        points = self._chart_points(fig)
        if len(points) < 2 or len({p[1] for p in points}) < 2:  # no history: one value throughout
            return ""
        points, xs, dated = _chart_x(points)
        scale = _chart_scale(points, xs)
        if scale is None:
            return ""  # magnitudes near the float limit: nothing sensible to draw
        W, H, L, R, T, B = _CHART_BOX
        color = STATUS_COLORS.get(as_str(fig.get("status")), "#5a6270")
        label = as_str(fig.get("label")) or "figure"
        values = " \u2192 ".join(format_number(p[1]) for p in points)
        out = [
            f'<svg class="chart" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{e(label)}: {e(values)}">',
            f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="#d6d8dc"/>',
            f'<polyline fill="none" stroke="{color}" stroke-width="2" stroke-opacity=".55" points="'
            + " ".join(f"{scale.sx(x):.1f},{scale.sy(p[1]):.1f}" for x, p in zip(xs, points))
            + '"/>',
        ]
        out += self._chart_marks(fig, points, xs, scale, color)
        out += _chart_end_values(points, xs, scale)
        out += _chart_axis_labels(points, dated)
        out.append("</svg>")
        return "".join(out)

    def _chart_points(self, fig: Mapping) -> list[_Point]:
        """``(when, value, low, high, report)`` of each report with a value (or a lower bound)."""
        points = []
        for r in as_list(fig.get("reports")):
            r = map(r)
            v = as_float(r.get("value"))
            if v is None:
                v = as_float(r.get("low"))
            if v is not None:
                points.append((self._when(r), v, as_float(r.get("low")), as_float(r.get("high")), r))
        return points

    def _chart_marks(
        self, fig: Mapping, points: list[_Point], xs: list[float], scale: _ChartScale, color: str
    ) -> list[str]:
        """Each report as a dot with its outlet, date and value as a tooltip, and a bar for a range."""
        out = []
        for x, (when, v, low, high, r) in zip(xs, points):
            cx, cy = scale.sx(x), scale.sy(v)
            if low is not None and high is not None and high > low:
                out.append(f'<line x1="{cx:.1f}" y1="{scale.sy(high):.1f}" x2="{cx:.1f}" y2="{scale.sy(low):.1f}" '
                           f'stroke="{color}" stroke-width="1.5"/>')
            aid = r.get("article_id")
            who = self.outlet(aid) if isinstance(aid, str) and aid in self.articles else "?"
            tip = f"{who}{', ' + date_label(r.get('as_of') or '') if r.get('as_of') else ''}: {value_label(r, fig.get('unit'))}"
            hollow = as_str(r.get("qualifier")) in ("at_least", "more_than", "about")
            fill = "#fff" if hollow else color
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{fill}" stroke="{color}" '
                       f'stroke-width="2"><title>{e(tip)}</title></circle>')
        return out

    def graph(self, edges: Sequence[Mapping]) -> str:
        """The provenance graph as SVG: articles as nodes in layers, derivations as labelled arrows."""
        nodes, edges = _graph_selection(list(self.aids), edges)
        columns = self._graph_columns(nodes, _graph_layers(nodes, edges))
        xy = {}
        for col, (_, members) in enumerate(sorted(columns.items())):
            for row, a in enumerate(members):
                xy[a] = (_MARGIN + col * (_NODE_W + _GAP_X), _MARGIN + row * (_NODE_H + _GAP_Y))
        width = _MARGIN * 2 + len(columns) * _NODE_W + (len(columns) - 1) * _GAP_X + 70
        height = _MARGIN * 2 + max(len(m) for m in columns.values()) * (_NODE_H + _GAP_Y) - _GAP_Y
        out = _graph_open(width, height, len(nodes), len(edges), self.k)
        paths, labels = _graph_edges(edges, xy, self.k)
        out += paths
        out += self._graph_nodes(nodes, edges, xy)
        out += labels
        out.append("</svg>")
        return "".join(out)

    def _graph_columns(self, nodes: list[str], layer: Mapping[str, int]) -> dict[int, list[str]]:
        """The nodes of each layer, by publication date then outlet."""
        columns: dict[int, list[str]] = {}
        for a in sorted(nodes, key=lambda a: (as_str(self.articles[a].get("published")) or "~", self.outlet(a))):
            columns.setdefault(layer[a], []).append(a)
        return columns

    def _graph_nodes(self, nodes: list[str], edges: Sequence[Mapping], xy: Mapping[str, tuple[int, int]]) -> list[str]:
        """Each article as a box with its outlet and date, marked when derived from another."""
        k = self.k
        derived = {d["derived_id"] for d in edges if is_directed(d)}
        out = []
        for a in nodes:
            x, y = xy[a]
            art = self.articles[a]
            outlet = clip_words(self.outlet(a), 25)
            when = date_label(art.get("published")) or "undated"
            title = as_str(art.get("title"))
            cls = "node derived" if a in derived else "node"
            out.append(
                f'<g class="{cls}" data-story-index="{k}" data-article="{self.pos[a]}" tabindex="0" role="button" '
                f'aria-label="{e(outlet)}, {e(when)}"><title>{e(title or outlet)}</title>'
                f'<rect x="{x}" y="{y}" width="{_NODE_W}" height="{_NODE_H}" rx="8"/>'
                f'<text class="o" x="{x + 12}" y="{y + 22}">{e(outlet)}</text>'
                f'<text class="d" x="{x + 12}" y="{y + 40}">{e(clip(when, 30))}</text></g>'
            )
        return out
