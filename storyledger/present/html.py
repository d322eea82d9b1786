"""The report as HTML: one self-contained page (file report) and the pages of the web app.

Everything here reads only the JSON report document (see ``report.schema.json``),
so the page, the terminal and the JSON can never disagree. Pages carry their
style and script inline, load nothing from the network and send a
Content-Security-Policy that allows only those two blocks (by hash).

Safety: article text, titles, outlets, URLs, speakers and every other string
come from strangers. Each one is escaped where it is written (:func:`e`), links
are only made for ``http``/``https`` URLs, and the script puts text on the page
with ``textContent`` only. The article texts reach the script as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped.

Offsets in the document are Python string indices (code points); the script
slices JavaScript strings (UTF-16 code units), so every offset handed to the
script is converted (:func:`utf16_index`).

Labels and value formatting live in ``html_format``, the SVG chart and graph
in ``svg``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from .report import side_label, toll_line
from .html_format import (
    is_directed,
    KIND_LABELS,
    RELATION_LABELS,
    SECTION_TITLES,
    STATUS_LABELS,
    clean,
    clip,
    clip_words,
    date_label,
    e,
    as_float,
    as_int,
    json_for_script,
    as_key,
    as_list,
    map,
    parse_date,
    safe_url,
    signal,
    as_str,
    utf16_index,
    value_label,
)
from .svg import SvgViews

__all__ = [
    "content_security_policy",
    "render_error_page",
    "render_html",
    "render_story_list_page",
    "render_story_page",
]

# Without the script every story shows, one after the other (the file report hides all but one).
_NOSCRIPT_CSS = "section.story.hidden{display:block!important}"
_KIND_WEIGHT = {"verbatim": 1.0, "near_verbatim": 0.9, "shared_quote": 0.8, "paraphrase": 0.6, "related": 0.2}


# -- resources and policy --------------------------------------------------------------


@functools.cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(*, for_meta: bool = False) -> str:
    """The Content-Security-Policy of every page: nothing loads, only our inline blocks run.

    Args:
        for_meta: leave out the directives a ``<meta>`` policy ignores (``frame-ancestors``).

    Returns:
        The policy string, allowing the inline style and script by their SHA-256 hashes.
    """
    parts = [
        "default-src 'none'",
        f"script-src '{_sha256(_asset('report.js'))}'",
        f"style-src '{_sha256(_asset('report.css'))}' '{_sha256(_NOSCRIPT_CSS)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    if not for_meta:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


# -- one story --------------------------------------------------------------------------


class _StoryView(SvgViews):
    """Renders every view of one story from the document's dicts."""

    def __init__(self, story: Mapping, articles: Mapping[str, Mapping], index: int) -> None:
        self.story = story
        self.k = index
        self.articles = articles
        ids = dict.fromkeys(a for a in as_list(story.get("article_ids")) if isinstance(a, str) and a in articles)
        for span in self._all_spans():  # an article cited but not listed still gets shown
            aid = span.get("article_id")
            if isinstance(aid, str) and aid in articles:
                ids.setdefault(aid)
        self.aids = list(ids)
        self.pos = {aid: i for i, aid in enumerate(self.aids)}
        self.numbers: dict[tuple[str, int, int], int] = {}
        self._u16 = {aid: utf16_index(as_str(articles[aid].get("text"))) for aid in self.aids}

    def _all_spans(self) -> Iterable[Mapping]:
        s = self.story
        for a in as_list(s.get("alignments")):
            yield map(map(a).get("a"))
            yield map(map(a).get("b"))
        for f in as_list(s.get("figures")):
            yield from (map(r) for r in as_list(map(f).get("reports")))
        for q in as_list(s.get("quotes")):
            yield from (map(o) for o in as_list(map(q).get("occurrences")))
        for d in as_list(s.get("disputes")):
            for side in as_list(map(d).get("sides")):
                yield from (map(c) for c in as_list(map(side).get("citations")))
        for key in ("brief", "timeline"):
            for b in as_list(s.get(key)):
                yield from (map(c) for c in as_list(map(b).get("citations")))

    # -- bits

    def outlet(self, aid: str) -> str:
        """What to call an article: its outlet, else its URL's host, title or file name."""
        a = self.articles.get(aid, {})
        if a.get("source"):
            return as_str(a.get("source"))
        url = safe_url(a.get("url"))
        if url:
            host = urlsplit(url).hostname or ""
            return host.removeprefix("www.") or url
        if a.get("title"):
            return clip_words(as_str(a.get("title")), 32)
        path = as_str(a.get("path")).replace("\\", "/").rsplit("/", 1)[-1]
        return path or aid[:24]

    def excerpt(self, span: Mapping) -> str:
        aid = span.get("article_id")
        text = as_str(self.articles.get(aid, {}).get("text")) if isinstance(aid, str) else ""
        start, end = as_int(span.get("start")), as_int(span.get("end"))
        if not text or not (0 <= start < end <= len(text)):
            return ""
        return clip(text[start:end])

    def span_attrs(self, span: Mapping) -> str | None:
        aid = span.get("article_id")
        if not isinstance(aid, str) or aid not in self.pos:
            return None
        text_len = len(as_str(self.articles[aid].get("text")))
        start = min(max(0, as_int(span.get("start"))), text_len)
        end = min(max(start, as_int(span.get("end"))), text_len)
        u = self._u16[aid]
        return (
            f'data-story-index="{self.k}" data-article="{self.pos[aid]}" '
            f'data-start="{u(start)}" data-end="{u(end)}"'
        )

    def cite_number(self, span: Mapping) -> str:
        """A numbered citation link ``[n]`` to a span, numbered in order of first use."""
        attrs = self.span_attrs(span)
        if attrs is None:
            return ""
        key = (span["article_id"], as_int(span.get("start")), as_int(span.get("end")))
        n = self.numbers.setdefault(key, len(self.numbers) + 1)
        title = f"{self.outlet(key[0])}: \u201c{self.excerpt(span)}\u201d"
        return f'<a class="cite" href="#read-{self.k}" {attrs} title="{e(title)}">{n}</a>'

    def chip(self, span: Mapping, label: str | None = None) -> str:
        """A citation shown as the outlet's name, linking to the span in the reader."""
        attrs = self.span_attrs(span)
        if attrs is None:
            return ""
        aid = span["article_id"]
        date = date_label(self.articles[aid].get("published"), short=True)
        text = label or (self.outlet(aid) + (f" \u00b7 {date}" if date else ""))
        return f'<a class="chip" href="#read-{self.k}" {attrs} title="{e(self.excerpt(span))}">{e(text)}</a>'

    def chips(self, spans: Iterable[Any]) -> str:
        return "".join(self.chip(map(s)) for s in spans)

    # -- views

    def render(self, *, hidden: bool = False) -> str:
        s, k = self.story, self.k
        parts = [
            f'<section class="story{" hidden" if hidden else ""}" id="story-{k}" data-story-id="{e(s.get("id"))}">',
            f"<header><h1>{e(s.get('title') or 'Untitled story')}</h1>",
            f'<div class="meta">{e(self.meta_line())}</div>{self.toll()}{self.glance()}',
            '<nav class="subnav" aria-label="Sections">',
        ]
        views = [
            ("brief", "Brief", self.brief()),
            ("figures", "Figures", self.figures()),
            ("read", "Side by side", self.reader()),
            ("prov", "Provenance", self.provenance()),
            ("disputes", "Disputes", self.disputes()),
            ("quotes", "Quotes", self.quotes()),
            ("timeline", "Timeline", self.timeline()),
            ("sources", "Articles", self.sources()),
        ]
        parts += [f'<a href="#{key}-{k}">{label}</a>' for key, label, body in views if body]
        parts.append("</nav></header>")
        parts += [body for _, _, body in views if body]
        parts.append("</section>")
        return "\n".join(parts)

    def glance(self) -> str:
        """Badges counting the story's figures by status, its disputes and quotes."""
        counts: dict[str, int] = {}
        for f in as_list(self.story.get("figures")):
            status = as_str(map(f).get("status"))
            if status in STATUS_LABELS:
                counts[status] = counts.get(status, 0) + 1
        bits = [f'<span class="badge {k}">{n} {STATUS_LABELS[k]}</span>' for k, n in
                sorted(counts.items(), key=lambda kv: list(STATUS_LABELS).index(kv[0]))]
        for key, word in (("disputes", "dispute"), ("quotes", "quote")):
            n = len(as_list(self.story.get(key)))
            if n:
                bits.append(f'<span class="badge plain">{n} {word}{"s" if n != 1 else ""}</span>')
        return f'<div class="glance">{"".join(bits)}</div>' if bits else ""

    def toll(self) -> str:
        """The story's casualty count in one line ("Killed: 3 (updated from 2 in an earlier report)"), if any."""
        line = toll_line(self.story)
        return f'<div class="meta toll"><b>Casualties:</b> {e(line)}</div>' if line else ""

    def meta_line(self) -> str:
        outlets = list(dict.fromkeys(self.outlet(a) for a in self.aids))
        dates = sorted(d for d in (parse_date(self.articles[a].get("published")) for a in self.aids) if d)
        bits = [f"{len(self.aids)} article{'s' if len(self.aids) != 1 else ''}"]
        if outlets:
            bits.append(", ".join(outlets[:6]) + (f" and {len(outlets) - 6} more" if len(outlets) > 6 else ""))
        if dates:
            first, last = f"{dates[0].day} {dates[0]:%b %Y}", f"{dates[-1].day} {dates[-1]:%b %Y}"
            bits.append(first if first == last else f"{first} \u2013 {last}")
        return " \u00b7 ".join(bits)

    def brief(self) -> str:
        items = [map(b) for b in as_list(self.story.get("brief"))]
        if not items:
            return ""
        order = list(SECTION_TITLES) + sorted({as_str(b.get("section")) for b in items} - set(SECTION_TITLES))
        out = [f'<section class="card brief" id="brief-{self.k}"><h2>Brief'
               '<span class="hint">each sentence is the words of its sources; numbers open them</span></h2>']
        for section in order:
            group = [b for b in items if (as_str(b.get("section")) or "summary") == section]
            if not group:
                continue
            out.append(f"<h3>{e(SECTION_TITLES.get(section, section.replace('_', ' ').capitalize()))}</h3>")
            for b in group:
                cites = "".join(self.cite_number(map(c)) for c in as_list(b.get("citations")))
                first = next(iter(as_list(b.get("citations"))), {})
                aid = map(first).get("article_id") if section in ("contrast", "framing") else None
                outlet = as_str(self.articles.get(aid, {}).get("source")) if isinstance(aid, str) else ""
                lead = f"<b>{e(outlet)}:</b> " if outlet else ""
                out.append(f"<p>{lead}{e(b.get('text'))}{cites}</p>")
        if self.numbers:
            out.append('<ol class="sources">')
            for (aid, start, end), n in self.numbers.items():
                span = {"article_id": aid, "start": start, "end": end}
                out.append(f'<li value="{n}">{self.chip(span)} <q>{e(self.excerpt(span))}</q></li>')
            out.append("</ol>")
        out.append("</section>")
        return "\n".join(out)

    def figures(self) -> str:
        figs = [map(f) for f in as_list(self.story.get("figures"))]
        if not figs:
            return ""
        out = [
            f'<section class="card" id="figures-{self.k}"><h2>Figures'
            '<span class="hint">independent sources count lineages, not articles; '
            'hollow points are hedged values (about, at least)</span></h2>',
            '<table class="figures"><colgroup><col class="c-label"><col class="c-cur"><col class="c-status">'
            '<col><col class="c-hist"></colgroup><thead><tr><th>Figure</th><th>Current</th><th>Status</th>'
            "<th>Reports</th><th>History</th></tr></thead><tbody>",
        ]
        for f in figs:
            status = as_str(f.get("status"))
            unit = f.get("unit")
            current = map(f.get("current"))
            cur = e(value_label(current, unit)) if current else '<span class="none">no single value</span>'
            n_ind = as_int(f.get("independent_sources"))
            reports = []
            for r in as_list(f.get("reports")):
                r = map(r)
                who = r.get("attributed_to")
                who_text = f'<span class="per">per {e(who)}</span>' if isinstance(who, str) and who else ""
                reports.append(f'<li><span class="rv">{e(value_label(r, None))}</span> {self.chip(r)}{who_text}</li>')
            note = f'<span class="note">{e(f.get("note"))}</span>' if f.get("note") else ""
            order = as_str(f.get("order"))
            order_note = {"dated": "ordered by date", "inferred": "order inferred from the text",
                          "unknown": "order unknown"}.get(order, "")
            out.append(
                f'<tr data-figure-id="{e(f.get("id"))}"><td class="label">{e(f.get("label"))}{note}</td>'
                f'<td class="value">{cur}</td>'
                f'<td><span class="badge {e(status)}">{e(STATUS_LABELS.get(status, status))}</span>'
                f'<span class="sub">{n_ind} independent source{"s" if n_ind != 1 else ""}'
                f'{"<br>" + e(order_note) if order_note else ""}</span></td>'
                f"<td><ul>{''.join(reports)}</ul></td><td>{self.figure_chart(f)}</td></tr>"
            )
        out.append("</tbody></table></section>")
        return "\n".join(out)

    def default_pair(self) -> tuple[int, int]:
        """The two articles shown first: the pair sharing the most text, copied text counting most."""
        weight: dict[tuple[int, int], float] = {}
        for a in as_list(self.story.get("alignments")):
            sa, sb = map(map(a).get("a")), map(map(a).get("b"))
            ia, ib = self.pos.get(as_key(sa.get("article_id"))), self.pos.get(as_key(sb.get("article_id")))
            if ia is None or ib is None or ia == ib:
                continue
            key = (min(ia, ib), max(ia, ib))
            kind_weight = _KIND_WEIGHT.get(as_str(map(a).get("kind")), 0.2)
            weight[key] = weight.get(key, 0) + kind_weight * max(0, as_int(sa.get("end")) - as_int(sa.get("start")))
        return max(weight, key=lambda k: (weight[k], -k[0], -k[1])) if weight else (0, 1)

    def reader(self) -> str:
        if not self.aids:
            return ""
        head = (f'<section class="card reader" id="read-{self.k}" data-story-index="{self.k}">'
                '<h2>Side by side<span class="hint">passages two reports share, by kind</span></h2>')
        if len(self.aids) == 1:
            a = self.articles[self.aids[0]]
            paras = "".join(f"<p>{e(line)}</p>" for line in as_str(a.get("text")).split("\n") if line.strip())
            meta = " \u00b7 ".join(x for x in (self.outlet(self.aids[0]), date_label(a.get("published"))) if x)
            return (head + '<p class="empty">Only one article in this story: nothing to align.</p>'
                    f'<div class="doc-meta">{e(meta)}</div><div class="doc"><h4>{e(a.get("title"))}</h4>{paras}</div>'
                    "</section>")
        left, right = self.default_pair()
        legend = "".join(f'<span><span class="sw k-{k}"></span>{v}</span>' for k, v in KIND_LABELS.items())
        cols = []
        for side, chosen in (("left", left), ("right", right)):
            options = []
            for i, aid in enumerate(self.aids):
                a = self.articles[aid]
                text = " \u00b7 ".join(x for x in (self.outlet(aid), date_label(a.get("published"), short=True)) if x)
                text += f" \u2014 {clip(as_str(a.get('title')), 70)}" if a.get("title") else ""
                sel = " selected" if i == chosen else ""
                options.append(f'<option value="{i}"{sel}>{e(text)}</option>')
            cols.append(
                f'<div class="reader-col"><label>{"Left" if side == "left" else "Right"} article'
                f'<select data-side="{side}">{"".join(options)}</select></label>'
                f'<div class="doc-meta" data-side="{side}"></div>'
                f'<div class="doc" data-side="{side}" tabindex="0"></div></div>'
            )
        return (head + f'<div class="legend">{legend}</div><div class="reader-grid">{"".join(cols)}</div>'
                '<div class="reader-status" aria-live="polite"></div>'
                "<noscript><p>The side-by-side view needs JavaScript; the texts are linked under Articles.</p></noscript>"
                "</section>")

    def script_data(self) -> dict[str, Any]:
        """What the reader script needs: the story's article order and its alignments (UTF-16 offsets)."""
        al = []
        for a in as_list(self.story.get("alignments")):
            a = map(a)
            sa, sb = map(a.get("a")), map(a.get("b"))
            if as_key(sa.get("article_id")) not in self.pos or as_key(sb.get("article_id")) not in self.pos:
                continue
            ua, ub = self._u16[sa["article_id"]], self._u16[sb["article_id"]]
            al.append([
                as_str(a.get("kind")), as_float(a.get("score")) or 0.0,
                sa["article_id"], ua(max(0, as_int(sa.get("start")))), ua(max(0, as_int(sa.get("end")))),
                sb["article_id"], ub(max(0, as_int(sb.get("start")))), ub(max(0, as_int(sb.get("end")))),
            ])
        return {"articles": self.aids, "al": al}

    def provenance(self) -> str:
        derivs = [map(d) for d in as_list(self.story.get("derivations"))]
        edges = [d for d in derivs if as_key(d.get("derived_id")) in self.pos and as_key(d.get("source_id")) in self.pos
                 and d.get("derived_id") != d.get("source_id")]
        elsewhere = self.elsewhere()
        if len(self.aids) < 2:
            if not elsewhere:
                return ""
            return (f'<section class="card" id="prov-{self.k}"><h2>Provenance'
                    f'<span class="hint">copies found in other stories</span></h2>{elsewhere}</section>')
        out = [f'<section class="card" id="prov-{self.k}"><h2>Provenance'
               '<span class="hint">who took text from whom; arrows point from source to derived text</span></h2>']
        out.append(self.graph(edges))
        legend = "".join(f'<span><span class="ln r-{k}"></span>{v}</span>'
                         for k, v in RELATION_LABELS.items() if k != "common_lineage")
        out.append(f'<div class="legend">{legend}</div>')
        if edges:
            out.append('<ul class="derivs">')
            for d in edges:
                rel = as_str(d.get("relation"))
                share = as_float(d.get("share"))
                arrow = " \u2190 " if is_directed(d) else " \u2194 "
                signals = "; ".join(signal(s) for s in as_list(d.get("signals")))
                out.append(
                    f"<li><b>{e(self.outlet(d['derived_id']))}</b>{arrow}<b>{e(self.outlet(d['source_id']))}</b>: "
                    f"{e(RELATION_LABELS.get(rel, rel))}"
                    f"{f', {share:.0%} of its text' if share is not None else ''}"
                    f"{f' <span class=sig>({e(signals)})</span>' if signals else ''}</li>"
                )
            out.append("</ul>")
        else:
            out.append('<p class="empty">No derivations found: these reports look independent of each other.</p>')
        out.append(elsewhere)
        out.append("</section>")
        return "\n".join(out)

    def elsewhere(self) -> str:
        """The syndication counts, whose text each outlet carries, and the copies linked to other stories."""
        out = []
        synd = map(self.story.get("syndication"))
        if synd:
            out.append(f'<p class="synd">{as_int(synd.get("articles"))} article(s): '
                       f'{as_int(synd.get("unique_texts"))} unique text(s), {as_int(synd.get("reprints"))} reprint(s); '
                       f'{as_int(synd.get("original_reporting"))} of original reporting.</p>')
            carriers = [map(c) for c in as_list(synd.get("carriers"))]
            if carriers:
                out.append('<ul class="carriers">' + "".join(
                    f"<li><b>{e(c.get('outlet'))}</b> carries text of "
                    + ", ".join(f"{e(map(x).get('outlet'))} ({as_int(map(x).get('articles'))})" for x in as_list(c.get("carries")))
                    + "</li>" for c in carriers) + "</ul>")
        links = [map(d) for d in as_list(self.story.get("cross_story_derivations"))]
        if links:
            out.append('<h3>In other stories</h3><ul class="derivs">')
            for d in links:
                rel = as_str(d.get("relation"))
                other = f"{d.get('other_outlet') or 'unknown outlet'}, {as_str(d.get('other_published'))[:10] or 'undated'}"
                here = d.get("source_id") if d.get("other_id") == d.get("derived_id") else d.get("derived_id")
                way = "is the source of" if d.get("other_id") == d.get("derived_id") else "is derived from"
                if not is_directed(d):
                    way = "shares text with"
                out.append(f"<li><b>{e(self.outlet(as_str(here)))}</b> {way} <b>{e(other)}</b> "
                           f"({e(RELATION_LABELS.get(rel, rel))}, {as_float(d.get('share')) or 0:.0%}; "
                           f"&ldquo;{e(d.get('other_title') or d.get('other_id'))}&rdquo;, story "
                           f"<code>{e(d.get('other_story_id'))}</code>)</li>")
            out.append("</ul>")
        return "\n".join(out)

    def disputes(self) -> str:
        items = [map(d) for d in as_list(self.story.get("disputes"))]
        if not items:
            return ""
        out = [f'<section class="card disputes" id="disputes-{self.k}"><h2>Disputes'
               '<span class="hint">listed, not resolved</span></h2>']
        for d in items:
            out.append(f'<div class="dispute"><h3>{e(d.get("topic"))}</h3><div class="sides">')
            for side in as_list(d.get("sides")):
                side = map(side)
                out.append(f'<div class="side"><div class="who">{e(side_label(side))}</div>'
                           f'<p class="claim">{e(side.get("claim"))}</p>{self.chips(as_list(side.get("citations")))}</div>')
            out.append("</div></div>")
        out.append("</section>")
        return "\n".join(out)

    def quotes(self) -> str:
        items = [map(q) for q in as_list(self.story.get("quotes"))]
        if not items:
            return ""
        out = [f'<section class="card quotes" id="quotes-{self.k}"><h2>Quotes</h2>']
        for q in items:
            occ = as_list(q.get("occurrences"))
            n = len({as_key(map(o).get("article_id")) for o in occ} - {None})
            kind = as_str(q.get("kind"))
            out.append(f'<blockquote><p>\u201c{e(q.get("text"))}\u201d</p><div class="who">'
                       f'\u2014 <b>{e(q.get("speaker") or "unattributed")}</b>'
                       f'{" (" + e(kind) + ")" if kind and kind != "direct" else ""} \u00b7 in {n} article'
                       f'{"s" if n != 1 else ""}: {self.chips(occ)}</div></blockquote>')
        out.append("</section>")
        return "\n".join(out)

    def timeline(self) -> str:
        items = [map(t) for t in as_list(self.story.get("timeline"))]
        if not items:
            return ""
        out = [f'<section class="card" id="timeline-{self.k}"><h2>Timeline</h2><ol class="timeline">']
        for t in items:
            out.append(f'<li><span class="date">{e(date_label(t.get("date")) or "undated")}</span>'
                       f'{e(t.get("text"))} {self.chips(as_list(t.get("citations")))}</li>')
        out.append("</ol></section>")
        return "\n".join(out)

    def sources(self) -> str:
        out = [f'<section class="card" id="sources-{self.k}"><h2>Articles</h2><ul class="articles">']
        for aid in self.aids:
            a = self.articles[aid]
            url = safe_url(a.get("url"))
            title = e(a.get("title") or "(untitled)")
            link = (f'<a href="{e(url)}" rel="noopener noreferrer nofollow" target="_blank">{title}</a>'
                    if url else title)
            removed = len(as_list(a.get("removed")))
            extra = [f"file {as_str(a.get('path'))}"] if a.get("path") else []
            if a.get("url") and not url:
                extra.append(f"link not shown (not http/https): {clip(as_str(a.get('url')), 80)}")
            if removed:
                extra.append(f"{removed} stretch{'es' if removed != 1 else ''} of page debris removed")
            out.append(f'<li><span class="o">{e(self.outlet(aid))}</span> <span class="d">'
                       f'{e(date_label(a.get("published")) or "undated")}</span><br>{link}'
                       f'{"".join(f"<span class=p>{e(x)}</span>" for x in extra)}</li>')
        missing = [a for a in as_list(self.story.get("article_ids")) if as_key(a) not in self.pos]
        if missing:
            out.append(f'<li class="empty">{len(missing)} article(s) of this story are not in this document.</li>')
        out.append("</ul></section>")
        return "\n".join(out)


# -- pages ---------------------------------------------------------------------------------


def _page(title: str, body: str, data: Mapping[str, Any] | None = None) -> str:
    csp = content_security_policy(for_meta=True)
    script = ""
    if data is not None:
        script = (f'<script type="application/json" id="sl-data">{json_for_script(data)}</script>'
                  f"<script>{_asset('report.js')}</script>")
    return clean(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(title)}</title><style>{_asset('report.css')}</style>"
        f"<noscript><style>{_NOSCRIPT_CSS}</style></noscript></head>\n<body>\n{body}\n{script}\n</body></html>\n"
    )


def _index(document: Mapping) -> tuple[dict[str, Mapping], list[Mapping]]:
    articles = {}
    for a in as_list(document.get("articles")):
        if isinstance(a, Mapping) and isinstance(a.get("id"), str):
            articles.setdefault(a["id"], a)
    stories = [s for s in as_list(document.get("stories")) if isinstance(s, Mapping)]
    return articles, stories


def _script_data(views: Sequence[_StoryView], articles: Mapping[str, Mapping]) -> dict[str, Any]:
    used = dict.fromkeys(aid for v in views for aid in v.aids)
    return {
        "articles": {
            aid: {
                "s": views[0].outlet(aid) if views else "",
                "d": date_label(articles[aid].get("published")),
                "t": as_str(articles[aid].get("title")),
                "x": as_str(articles[aid].get("text")),
            }
            for aid in used
        },
        "stories": [v.script_data() for v in views],
    }


def _header(summary: str, home: str | None = None) -> str:
    brand = f'<a class="brand" href="{e(home)}">story<span>ledger</span></a>' if home else \
        '<span class="brand">story<span>ledger</span></span>'
    return f'<header class="top">{brand}<span class="summary">{e(summary)}</span></header>'


def render_html(document: Mapping[str, Any]) -> str:
    """The whole report as one self-contained HTML page (no network, inline style and script).

    Args:
        document: a report document as written by ``storyledger analyze --format json``.
            Missing or malformed parts are shown as absent, never raised.

    Returns:
        The page, ready to write to a ``.html`` file.

    Example:
        >>> page = render_html({"schema_version": 1, "articles": [], "skipped": [], "stories": []})
        >>> page.startswith("<!doctype html>")
        True
    """
    document = map(document)
    articles, stories = _index(document)
    views = [_StoryView(s, articles, k) for k, s in enumerate(stories)]
    skipped = [map(s) for s in as_list(document.get("skipped"))]
    summary = (f"{len(stories)} stor{'ies' if len(stories) != 1 else 'y'} \u00b7 {len(articles)} article"
               f"{'s' if len(articles) != 1 else ''}"
               + (f" \u00b7 {len(skipped)} input{'s' if len(skipped) != 1 else ''} skipped" if skipped else ""))
    nav = ['<nav class="stories" aria-label="Stories"><h2>Stories <span id="story-count"></span></h2>',
           '<input class="filter" id="story-filter" type="search" placeholder="Filter stories, outlets\u2026" '
           'aria-label="Filter stories">', "<ul>"]
    for v in views:
        hay = " ".join([as_str(v.story.get("title"))] + [v.outlet(a) for a in v.aids]).lower()
        nav.append(f'<li data-search="{e(hay)}"><a href="#story-{v.k}" data-story="story-{v.k}">'
                   f'<span class="t">{e(v.story.get("title") or "Untitled story")}</span>'
                   f'<span class="m">{e(v.meta_line())}</span></a></li>')
    nav.append("</ul>")
    if not views:
        nav.append('<p class="empty">No stories in this report.</p>')
    nav.append("</nav>")
    # Only the first story shows until the script switches (the print style shows all).
    main = [v.render(hidden=v.k > 0) for v in views]
    if skipped:
        main.append('<section class="card" id="skipped"><h2>Inputs skipped</h2><ul class="articles">')
        main += [f'<li><span class="o">{e(s.get("input"))}</span><span class="p">{e(s.get("reason"))}</span></li>'
                 for s in skipped]
        main.append("</ul></section>")
    if not views and not skipped:
        main.append('<p class="empty">Nothing to show: no stories were found.</p>')
    body = (_header(summary) + '<div class="layout">' + "\n".join(nav) + "<main>" + "\n".join(main)
            + "</main></div>")
    return _page("storyledger report", body, _script_data(views, articles))


def render_story_page(document: Mapping[str, Any], story_id: str | None = None, *, home: str = "/") -> str:
    """One story's page for the web app: the same views as the file report, one story.

    Args:
        document: a report document holding the story and its articles.
        story_id: which story; the first one when None.
        home: the link back to the story list.

    Returns:
        The page; a "not found" page when the story is not in the document.
    """
    articles, stories = _index(map(document))
    story = next((s for s in stories if story_id is None or s.get("id") == story_id), None)
    if story is None:
        return render_error_page(404, "Story not found", "There is no story with this id.", home=home)
    view = _StoryView(story, articles, 0)
    json_link = f"{home.rstrip('/')}/stories/{quote(as_str(story.get('id')), safe='')}.json"
    body = (_header(view.meta_line(), home) + '<div class="layout single"><main>'
            f'<div class="crumbs"><a href="{e(home)}">\u2190 All stories</a> \u00b7 '
            f'<a href="{e(json_link)}">JSON</a></div>{view.render()}</main></div>')
    return _page(f"{clip(as_str(story.get('title')) or 'Story', 80)} \u2014 storyledger", body,
                 _script_data([view], articles))


def render_story_list_page(
    summaries: Sequence[Mapping[str, Any]],
    *,
    query: str = "",
    total: int | None = None,
    offset: int = 0,
    limit: int = 200,
    home: str = "/",
) -> str:
    """The web app's searchable story list.

    Args:
        summaries: the stories to list, each with ``id``, ``title`` and optionally ``n_articles``,
            ``sources`` (list of outlets), ``first_published``, ``last_published``.
        query: the search the list answers (shown in the box).
        total: how many stories match in all (for paging); ``len(summaries)`` when None.
        offset: index of the first listed story among all matches.
        limit: page size used for the next/previous links.
        home: the app's root path.

    Returns:
        The page.
    """
    total = len(summaries) if total is None else total
    rows = []
    for s in summaries:
        s = map(s)
        sid = as_str(s.get("id"))
        href = f"{home.rstrip('/')}/stories/{quote(sid, safe='')}"
        sources = [as_str(x) for x in as_list(s.get("sources")) if x]
        first = date_label(as_str(s.get("first_published"))[:10])
        last = date_label(as_str(s.get("last_published") or s.get("last_activity"))[:10])
        when = last if first == last or not first else f"{first} \u2013 {last}"
        n_src = as_int(s.get("n_sources"), len(sources))
        outlets = ", ".join(sources[:5]) + (f" +{len(sources) - 5}" if len(sources) > 5 else "") if sources else \
            (f"{n_src} outlet{'s' if n_src != 1 else ''}" if n_src else "")
        hay = " ".join([as_str(s.get("title"))] + sources).lower()
        rows.append(f'<tr data-search="{e(hay)}"><td><a href="{e(href)}">{e(s.get("title") or "Untitled story")}</a></td>'
                    f'<td>{as_int(s.get("n_articles"), len(as_list(s.get("article_ids"))))}</td>'
                    f"<td>{e(outlets)}</td><td>{e(when)}</td></tr>")
    pager = []
    q = f"&q={quote(query)}" if query else ""
    if offset > 0:
        pager.append(f'<a href="?offset={max(0, offset - limit)}{e(q)}">\u2190 Previous</a>')
    if offset + len(summaries) < total:
        pager.append(f'<a href="?offset={offset + limit}{e(q)}">Next \u2192</a>')
    shown = f"{offset + 1}\u2013{offset + len(summaries)} of {total}" if summaries else f"0 of {total}"
    body = (
        _header(f"{total} stor{'ies' if total != 1 else 'y'}" + (f" matching \u201c{query}\u201d" if query else ""), home)
        + '<div class="layout single"><main><section class="card"><h2>Stories</h2>'
        f'<form class="search" method="get" action="{e(home)}" role="search">'
        f'<input class="filter" id="story-filter" type="search" name="q" value="{e(query)}" '
        'placeholder="Search titles and outlets\u2026" aria-label="Search stories"><button type="submit">Search</button></form>'
        '<table class="list"><thead><tr><th>Story</th><th>Articles</th><th>Outlets</th><th>Dates</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>"
        + ("" if rows else '<p class="empty">No stories match.</p>')
        + f'<div class="pager"><span id="story-count">{e(shown)}</span>{"".join(pager)}</div></section></main></div>'
    )
    return _page("Stories \u2014 storyledger", body, {"articles": {}, "stories": []})


def render_error_page(status: int, title: str, message: str, *, home: str = "/") -> str:
    """A plain error page (404, 400, …) in the app's style."""
    body = (_header(f"{status} {title}", home) + f'<div class="error card"><h1>{e(title)}</h1><p>{e(message)}</p>'
            f'<p><a href="{e(home)}">\u2190 All stories</a></p></div>')
    return _page(f"{status} {title} \u2014 storyledger", body)
