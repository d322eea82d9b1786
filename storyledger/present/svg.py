"""The SVG views of the HTML report: a figure's history chart and the provenance graph.

Drawn as inline SVG strings (no script, no external resources), every text
escaped; mixed into the story view of :mod:`storyledger.present.html`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

from .html_format import (
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


_NUDGES = sorted(((dx, dy) for dx in (0, -45, 45, -90, 90) for dy in (0, -20, 20, -40, 40)),
                 key=lambda d: abs(d[0]) + 2 * abs(d[1]))


def _free_spot(x: float, y: float, w: float, placed: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """Move a label (centre x, y; width w; height 18) up or down until it overlaps no placed box."""
    h = 18.0
    for dx, dy in _NUDGES:
        cx, cy = x + dx, y + dy
        if all(abs(cy - py) >= (h + ph) / 2 or abs(cx - px) >= (w + pw) / 2 for px, py, pw, ph in placed):
            placed.append((cx, cy, w, h))
            return cx, cy
    placed.append((x, y, w, h))
    return x, y


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
        points = []
        for r in as_list(fig.get("reports")):
            r = map(r)
            v = as_float(r.get("value"))
            if v is None:
                v = as_float(r.get("low"))
            if v is not None:
                points.append((self._when(r), v, as_float(r.get("low")), as_float(r.get("high")), r))
        if len(points) < 2 or len({p[1] for p in points}) < 2:  # no history: one value throughout
            return ""
        dated = all(p[0] is not None for p in points) and len({p[0] for p in points}) > 1
        if dated:
            points.sort(key=lambda p: p[0])
            xs = [p[0].timestamp() for p in points]
        else:
            xs = [float(i) for i in range(len(points))]
        W, H, L, R, T, B = 236, 86, 14, 14, 18, 20
        lo = min(min(p[1], p[2] if p[2] is not None else p[1]) for p in points)
        hi = max(max(p[1], p[3] if p[3] is not None else p[1]) for p in points)
        pad = (hi - lo) * 0.12 or max(abs(hi) * 0.1, 1.0)
        lo, hi = lo - pad, hi + pad
        if not all(math.isfinite(v) for v in (lo, hi, hi - lo)):
            return ""  # magnitudes near the float limit: nothing sensible to draw
        x0, x1 = min(xs), max(xs)

        def sx(x: float) -> float:
            return L + (W - L - R) * ((x - x0) / (x1 - x0) if x1 > x0 else 0.5)

        def sy(y: float) -> float:
            return T + (H - T - B) * (1 - (y - lo) / (hi - lo))

        color = STATUS_COLORS.get(as_str(fig.get("status")), "#5a6270")
        label = as_str(fig.get("label")) or "figure"
        values = " \u2192 ".join(format_number(p[1]) for p in points)
        out = [
            f'<svg class="chart" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{e(label)}: {e(values)}">',
            f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="#d6d8dc"/>',
            f'<polyline fill="none" stroke="{color}" stroke-width="2" stroke-opacity=".55" points="'
            + " ".join(f"{sx(x):.1f},{sy(p[1]):.1f}" for x, p in zip(xs, points))
            + '"/>',
        ]
        for x, (when, v, low, high, r) in zip(xs, points):
            cx, cy = sx(x), sy(v)
            if low is not None and high is not None and high > low:
                out.append(f'<line x1="{cx:.1f}" y1="{sy(high):.1f}" x2="{cx:.1f}" y2="{sy(low):.1f}" '
                           f'stroke="{color}" stroke-width="1.5"/>')
            aid = r.get("article_id")
            who = self.outlet(aid) if isinstance(aid, str) and aid in self.articles else "?"
            tip = f"{who}{', ' + date_label(r.get('as_of') or '') if r.get('as_of') else ''}: {value_label(r, fig.get('unit'))}"
            hollow = as_str(r.get("qualifier")) in ("at_least", "more_than", "about")
            fill = "#fff" if hollow else color
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{fill}" stroke="{color}" '
                       f'stroke-width="2"><title>{e(tip)}</title></circle>')
        seen: set[tuple[int, int]] = set()
        for x, p in [(xs[0], points[0]), (xs[-1], points[-1])]:
            cx, cy = sx(x), sy(p[1])
            key = (round(cx), round(cy))
            if key in seen:
                continue
            seen.add(key)
            anchor = "start" if cx < L + 20 else ("end" if cx > W - R - 20 else "middle")
            out.append(f'<text class="v" x="{cx:.1f}" y="{max(cy - 8, 10):.1f}" text-anchor="{anchor}">'
                       f"{e(format_number(p[1]))}</text>")
        if dated:
            first, last = points[0][0], points[-1][0]
            fl = f"{first.day} {first:%b}" if first.date() != last.date() else f"{first:%H:%M}"
            ll = f"{last.day} {last:%b}" if first.date() != last.date() else f"{last:%H:%M}"
            out.append(f'<text x="{L}" y="{H - 5}">{e(fl)}</text>')
            out.append(f'<text x="{W - R}" y="{H - 5}" text-anchor="end">{e(ll)}</text>')
        else:
            out.append(f'<text x="{L}" y="{H - 5}">first report</text>')
            out.append(f'<text x="{W - R}" y="{H - 5}" text-anchor="end">last report</text>')
        out.append("</svg>")
        return "".join(out)

    def graph(self, edges: Sequence[Mapping]) -> str:
        """The provenance graph as SVG: articles as nodes in layers, derivations as labelled arrows."""
        involved = {d["derived_id"] for d in edges} | {d["source_id"] for d in edges}
        nodes = list(self.aids)
        if len(nodes) > _MAX_GRAPH_NODES:
            nodes = [a for a in nodes if a in involved][:_MAX_GRAPH_NODES] or nodes[:_MAX_GRAPH_NODES]
        keep = set(nodes)
        edges = [d for d in edges if d["derived_id"] in keep and d["source_id"] in keep]
        directed = [(d["source_id"], d["derived_id"]) for d in edges if d.get("relation") != "common_lineage"]
        layer = dict.fromkeys(nodes, 0)
        for _ in range(len(nodes)):  # longest path from a root; bounded, so cycles end
            changed = False
            for s, t in directed:
                if layer[t] < layer[s] + 1 < len(nodes):
                    layer[t], changed = layer[s] + 1, True
            if not changed:
                break
        columns: dict[int, list[str]] = {}
        for a in sorted(nodes, key=lambda a: (as_str(self.articles[a].get("published")) or "~", self.outlet(a))):
            columns.setdefault(layer[a], []).append(a)
        NW, NH, GX, GY, M = 200, 54, 170, 36, 16
        xy = {}
        for col, (_, members) in enumerate(sorted(columns.items())):
            for row, a in enumerate(members):
                xy[a] = (M + col * (NW + GX), M + row * (NH + GY))
        width = M * 2 + len(columns) * NW + (len(columns) - 1) * GX + 70
        height = M * 2 + max(len(m) for m in columns.values()) * (NH + GY) - GY
        k = self.k
        out = [f'<svg class="graph" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
               f'aria-label="Provenance graph of {len(nodes)} articles and {len(edges)} derivations"><defs>']
        for rel in RELATION_LABELS:
            out.append(f'<marker id="arr-{k}-{rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                       f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="m-{rel}"/></marker>')
        out.append("</defs>")
        labels: list[str] = []
        placed = [(x + NW / 2, y + NH / 2, NW, NH) for x, y in xy.values()]  # boxes labels must not cover
        for d in edges:
            rel = as_str(d.get("relation"))
            rel = rel if rel in RELATION_LABELS else "common_lineage"
            (sx_, sy_), (tx, ty) = xy[d["source_id"]], xy[d["derived_id"]]
            if tx > sx_:
                x1, y1, x2, y2 = sx_ + NW, sy_ + NH / 2, tx - 2, ty + NH / 2
                c = (x2 - x1) / 2
                path = f"M{x1:.0f},{y1:.0f} C{x1 + c:.0f},{y1:.0f} {x2 - c:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
                lx, ly = (x1 + x2) / 2, (y1 + y2) / 2 - (13 if abs(y2 - y1) < 4 else 0)
            else:  # same column (common lineage) or backwards: an arc on the right
                x1, y1, y2 = sx_ + NW, sy_ + NH / 2, ty + NH / 2
                bulge = 44 + abs(y2 - y1) * 0.15
                path = f"M{x1:.0f},{y1:.0f} C{x1 + bulge:.0f},{y1:.0f} {x1 + bulge:.0f},{y2:.0f} {x1 + 2:.0f},{y2:.0f}"
                lx, ly = x1 + bulge * 0.75, (y1 + y2) / 2
            marker = "" if rel == "common_lineage" else f' marker-end="url(#arr-{k}-{rel})"'
            out.append(f'<path class="edge r-{rel}" d="{path}"{marker}/>')
            share = as_float(d.get("share"))
            text = RELATION_LABELS[rel] + (f" {share:.0%}" if share is not None else "")
            tw = 6.6 * len(text) + 10
            lx, ly = _free_spot(lx, ly, tw, placed)
            labels.append(f'<rect class="lbl-bg" x="{lx - tw / 2:.0f}" y="{ly - 10:.0f}" width="{tw:.0f}" height="18" rx="4"/>'
                          f'<text class="lbl t-{rel}" x="{lx:.0f}" y="{ly + 3:.0f}" text-anchor="middle">{e(text)}</text>')
        derived = {d["derived_id"] for d in edges if d.get("relation") != "common_lineage"}
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
                f'<rect x="{x}" y="{y}" width="{NW}" height="{NH}" rx="8"/>'
                f'<text class="o" x="{x + 12}" y="{y + 22}">{e(outlet)}</text>'
                f'<text class="d" x="{x + 12}" y="{y + 40}">{e(clip(when, 30))}</text></g>'
            )
        out += labels
        out.append("</svg>")
        return "".join(out)
