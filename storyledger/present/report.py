"""The report: records turned into the stable JSON document, and that document
rendered for people (terminal text and Markdown).

The JSON document is described by ``report.schema.json`` in this package
(:func:`validate` checks a document against it). Every renderer reads only the
document, so what a person sees and what a program reads can never disagree.

Every citation of a story (alignment sides, figure reports, quote occurrences,
dispute sides, brief and timeline sentences) carries, beside its
``article_id``, ``start`` and ``end``, the article's ``url`` (or ``null``) and a
``selector`` list in the W3C Web Annotation model: a ``TextQuoteSelector`` (the
exact words, with up to :data:`SELECTOR_CONTEXT` characters before and after)
and a ``TextPositionSelector`` (the same offsets), so that any annotation tool
can re-anchor it in the article (:func:`anchor_story`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from importlib import resources
from typing import Any

from ..records import (
    Article,
    ArticleFacts,
    Dispute,
    Duplicate,
    Figure,
    FigureGroup,
    Quote,
    Skip,
    StoryAnalysis,
    StoryLink,
    StoryToll,
    Syndication,
)

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "SELECTOR_CONTEXT",
    "anchor_story",
    "article_dict",
    "document",
    "duplicates_line",
    "link_dict",
    "render",
    "render_extract",
    "render_markdown",
    "render_text",
    "schema",
    "side_label",
    "story_dict",
    "syndication_dict",
    "text_selectors",
    "toll_dict",
    "toll_line",
    "validate",
]

SCHEMA_VERSION = 1
FORMATS = ("text", "json", "markdown")
#: Characters of context a TextQuoteSelector keeps before and after the exact words.
SELECTOR_CONTEXT = 32


# -- records -> document -----------------------------------------------------------


def article_dict(article: Article, facts: ArticleFacts | None = None) -> dict[str, Any]:
    """One article as the document writes it (with its extracted facts when given)."""
    out: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "url": article.url,
        "text": article.text,
        "removed": [asdict(r) for r in article.removed],
    }
    if facts is not None:
        out["figures"] = [_figure_dict(f, with_article=False) for f in facts.figures]
        out["quotes"] = [_quote_dict(q) for q in facts.quotes]
        out["dates"] = [{"start": d.start, "end": d.end, "value": d.value} for d in facts.dates]
        out["entities"] = [
            {"start": e.start, "end": e.end, "label": e.label, "canonical": e.canonical}
            for e in facts.entities
        ]
    return out


def _figure_dict(f: Figure, *, with_article: bool = True) -> dict[str, Any]:
    d = asdict(f)
    if not with_article:
        d.pop("article_id")
    return d


def _quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_span": None if q.speaker_span is None else {"start": q.speaker_span[0], "end": q.speaker_span[1]},
        "cue": q.cue,
    }


def story_dict(analysis: StoryAnalysis) -> dict[str, Any]:
    """One story and everything found in it, as the document writes it."""
    s = analysis.story
    return {
        "id": s.id,
        "title": s.title,
        "article_ids": list(s.article_ids),
        "alignments": [asdict(a) for a in analysis.alignments],
        "derivations": [{**asdict(d), "signals": list(d.signals)} for d in analysis.derivations],
        "cross_story_derivations": [link_dict(lk) for lk in analysis.links],
        "syndication": None if analysis.syndication is None else syndication_dict(analysis.syndication),
        "toll": None if analysis.toll is None else toll_dict(analysis.toll),
        "figures": [_group_dict(g) for g in analysis.figures],
        "quotes": [
            {
                "id": q.id,
                "text": q.text,
                "speaker": q.speaker,
                "kind": q.kind,
                "occurrences": [asdict(o) for o in q.occurrences],
            }
            for q in analysis.quotes
        ],
        "disputes": [_dispute_dict(d) for d in analysis.disputes],
        "brief": [
            {"text": b.text, "citations": [asdict(c) for c in b.citations], "section": b.section}
            for b in analysis.brief
        ],
        "timeline": [
            {"date": t.date, "text": t.text, "citations": [asdict(c) for c in t.citations], "figure_id": t.figure_id}
            for t in analysis.timeline
        ],
    }


def _group_dict(g: FigureGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "label": g.label,
        "unit": g.unit,
        "status": g.status,
        "order": g.order,
        "independent_sources": g.independent_sources,
        "current": None if g.current is None else asdict(g.current),
        "reports": [_figure_dict(f) for f in g.reports],
        "note": g.note,
    }


def _dispute_dict(d: Dispute) -> dict[str, Any]:
    return {
        "id": d.id,
        "topic": d.topic,
        "sides": [
            {
                "speaker": s.speaker,
                "party": s.party,
                "speakers": list(s.speakers),
                "claim": s.claim,
                "citations": [asdict(c) for c in s.citations],
            }
            for s in d.sides
        ],
    }


def toll_dict(toll: StoryToll) -> dict[str, Any]:
    """A story's casualty count as the document writes it: per harm, the count, how reports relate, each report's."""
    return {
        harm: {
            "value": h.value,
            "qualifier": h.qualifier,
            "updated": h.updated,
            "earlier": h.earlier,
            "disagreeing": h.disagreeing,
            "told": h.told,
            "label": h.label,
            "reports": [
                {"article_id": r.article_id, "value": r.value, "stated": r.stated, "headline": r.headline,
                 "citations": [asdict(c) for c in r.citations]}
                for r in h.reports
            ],
        }
        for harm, h in (("killed", toll.killed), ("injured", toll.injured))
    }


def link_dict(link: StoryLink) -> dict[str, Any]:
    """A derivation to an article of another story, as the document writes it: the derivation and the other side."""
    d = link.derivation
    return {
        **asdict(d), "signals": list(d.signals), "other_id": link.other_id, "other_story_id": link.other_story_id,
        "other_outlet": link.other_outlet, "other_title": link.other_title, "other_published": link.other_published,
    }


def syndication_dict(s: Syndication) -> dict[str, Any]:
    """A story's syndication block: counts, each article's status, and whose text each outlet carries."""
    carries: dict[str, dict[str, int]] = {}
    for a in s.articles:
        for other in a.of_outlets if a.status in ("reprint", "shared_text", "wire_copy") else ():
            by = carries.setdefault(a.outlet or "unknown outlet", {})
            by[other or "unknown outlet"] = by.get(other or "unknown outlet", 0) + 1
    return {
        "articles": len(s.articles),
        "unique_texts": s.unique_texts,
        "reprints": s.reprints,
        "original_reporting": s.original_reporting,
        "by_article": [
            {"article_id": a.article_id, "outlet": a.outlet, "status": a.status, "of": list(a.of),
             "of_outlets": list(a.of_outlets)}
            for a in s.articles
        ],
        "carriers": [
            {"outlet": outlet, "carries": [{"outlet": o, "articles": n} for o, n in sorted(by.items())]}
            for outlet, by in sorted(carries.items())
        ],
    }


def text_selectors(text: str, start: int, end: int) -> list[dict[str, Any]]:
    """The W3C Web Annotation selectors of ``text[start:end]``: a TextQuoteSelector and a TextPositionSelector.

    Example:
        >>> quote, position = text_selectors("Officials said 120 people were hurt.", 15, 25)
        >>> quote["exact"], quote["prefix"], quote["suffix"], position["start"], position["end"]
        ('120 people', 'Officials said ', ' were hurt.', 15, 25)
    """
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - SELECTOR_CONTEXT) : start],
            "suffix": text[end : end + SELECTOR_CONTEXT],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def anchor_story(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A story entry whose every citation carries its article's ``url`` and its ``selector`` list.

    Args:
        story: a story entry (as :func:`story_dict` writes it, or as a store keeps it).
        articles: article entries (``text``, ``url``) by id; a citation of an article not given is left as it is.

    Returns:
        A new story entry; ``story`` is not changed.
    """

    def anchor(span: Mapping[str, Any]) -> dict[str, Any]:
        article = articles.get(span.get("article_id"))
        if article is None:
            return dict(span)
        return {**span, "selector": text_selectors(article["text"], span["start"], span["end"]),
                "url": article.get("url")}

    def cited(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "citations": [anchor(c) for c in item["citations"]]} for item in items]

    toll = story.get("toll")
    if toll:
        story = {**story, "toll": {harm: {**h, "reports": cited(h["reports"])} for harm, h in toll.items()}}
    return {
        **story,
        "alignments": [{**a, "a": anchor(a["a"]), "b": anchor(a["b"])} for a in story.get("alignments", [])],
        "figures": [{**g, "reports": [anchor(r) for r in g["reports"]]} for g in story.get("figures", [])],
        "quotes": [{**q, "occurrences": [anchor(o) for o in q["occurrences"]]} for q in story.get("quotes", [])],
        "disputes": [{**d, "sides": cited(d["sides"])} for d in story.get("disputes", [])],
        "brief": cited(story.get("brief", [])),
        "timeline": cited(story.get("timeline", [])),
    }


def document(
    articles: Sequence[Article],
    skipped: Iterable[Skip] = (),
    analyses: Iterable[StoryAnalysis] = (),
    facts: Mapping[str, ArticleFacts] | None = None,
    duplicates: Iterable[Duplicate] = (),
) -> dict[str, Any]:
    """The whole JSON document of a run.

    Args:
        articles: every article analysed.
        skipped: inputs that gave no article, with the reason.
        analyses: one per story.
        facts: per-article extractions; when given, each article carries its
            ``figures``, ``quotes``, ``dates`` and ``entities`` (the ``extract`` document).
        duplicates: input records not analysed because they repeat an earlier
            one; each is listed with its own ``id`` and the ``duplicate_of`` id
            of the article analysed, so every input id appears in the document.
    """
    entries = [article_dict(a, None if facts is None else facts.get(a.id, ArticleFacts(article_id=a.id))) for a in articles]
    by_id = {a["id"]: a for a in entries}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": entries,
        "skipped": [{"input": s.input, "reason": s.reason} for s in skipped],
        "duplicates": [
            {"id": d.id, "duplicate_of": d.duplicate_of, "input": d.input, "reason": d.reason} for d in duplicates
        ],
        "stories": [anchor_story(story_dict(a), by_id) for a in analyses],
    }


def duplicates_line(doc: Mapping[str, Any], shown: int = 5) -> str | None:
    """One line naming the input records that repeat an earlier one and were not analysed again.

    Each is shown as ``its id → the id analysed`` (the first ``shown``, then a
    count); ``None`` when the document lists none.
    """
    dups = doc.get("duplicates") or []
    if not dups:
        return None
    pairs = [f"{d['id']} → {d['duplicate_of']}{' (id reused)' if d['reason'] == 'same_id' else ''}" for d in dups]
    more = f", and {len(dups) - shown} more (see the JSON)" if len(dups) > shown else ""
    verb = "repeats" if len(dups) == 1 else "repeat"
    noun = "record" if len(dups) == 1 else "records"
    return f"{len(dups)} input {noun} {verb} an earlier one, not analysed again: {', '.join(pairs[:shown])}{more}"


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the report document."""
    return json.loads(resources.files(__package__).joinpath("report.schema.json").read_text("utf-8"))


def validate(doc: Mapping[str, Any]) -> None:
    """Check a document against the schema and the offset invariants.

    Raises:
        ValueError: naming the first problem found.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    error = next(iter(sorted(validator.iter_errors(doc), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise ValueError(f"report does not match the schema at /{where}: {error.message}")
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for d in doc.get("duplicates", []):
        if d["duplicate_of"] not in texts:
            raise ValueError(f"duplicate {d['id']!r} points to unknown article {d['duplicate_of']!r}")
    for story in doc["stories"]:
        for span in _spans(story):
            text = texts.get(span["article_id"])
            if text is None:
                raise ValueError(f"story {story['id']}: span names unknown article {span['article_id']!r}")
            if not 0 <= span["start"] <= span["end"] <= len(text):
                raise ValueError(f"story {story['id']}: span {span} outside its article (length {len(text)})")
            if "selector" in span and span["selector"] != text_selectors(text, span["start"], span["end"]):
                raise ValueError(f"story {story['id']}: the selector of span {span['start']}:{span['end']} "
                                 f"of {span['article_id']!r} does not match the article's text")
        for aid in story["article_ids"]:
            if aid not in texts:
                raise ValueError(f"story {story['id']}: unknown article {aid!r}")


def _spans(story: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    for a in story["alignments"]:
        yield a["a"]
        yield a["b"]
    for g in story["figures"]:
        yield from g["reports"]
    for q in story["quotes"]:
        yield from q["occurrences"]
    for d in story["disputes"]:
        for side in d["sides"]:
            yield from side["citations"]
    for b in story["brief"]:
        yield from b["citations"]
    for t in story["timeline"]:
        yield from t["citations"]
    for h in (story.get("toll") or {}).values():
        for r in h["reports"]:
            yield from r["citations"]


# -- document -> text ----------------------------------------------------------------


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


_QUAL = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "fewer than ",
}


def _value(v: Mapping[str, Any] | None) -> str:
    if not v:
        return "?"
    if v.get("qualifier") == "range":
        return f"{_num(v.get('low'))}–{_num(v.get('high'))}"
    low, high = v.get("low"), v.get("high")
    if low is not None and high is not None and high > low:  # a hedged range: "about 8–9"
        return _QUAL.get(v.get("qualifier") or "exact", "") + f"{_num(low)}–{_num(high)}"
    return _QUAL.get(v.get("qualifier") or "exact", "") + _num(v.get("value"))


def toll_line(story: Mapping[str, Any], cite: Callable[[Sequence[Mapping[str, Any]]], str] | None = None) -> str | None:
    """The story's casualty count in one line, or ``None`` where it counts no one killed or injured
    (a count no report tells in words of the harm, ``told`` false, is not shown).

    Example:
        >>> h = {"value": 3, "qualifier": "exact", "updated": True, "earlier": 2, "disagreeing": False,
        ...      "reports": [{"article_id": "a", "value": 2, "citations": []}, {"article_id": "b", "value": 3, "citations": []}]}
        >>> toll_line({"toll": {"killed": h, "injured": {**h, "value": 0, "updated": False}}})
        'Killed: 3 (updated from 2 in an earlier report)'
    """
    parts = []
    for harm, h in (story.get("toll") or {}).items():
        if not h or not h.get("value") or h.get("told") is False:
            continue
        text = f"{h.get('label') or harm.capitalize()}: {_QUAL.get(h.get('qualifier') or 'exact', '')}{_num(h['value'])}"
        counted = [r for r in h.get("reports") or () if r.get("value")]
        notes = [f"updated from {_num(h['earlier'])} in an earlier report"] if h.get("updated") and h.get("earlier") else []
        if h.get("disagreeing"):
            others = sorted({r["value"] for r in counted} - {h["value"], h.get("earlier")})
            notes.append("reports differ" + (f": also {', '.join(_num(v) for v in others)}" if others else ""))
        text += f" ({'; '.join(notes)})" if notes else ""
        if cite is not None:
            text += " " + cite([(r.get("citations") or [{"article_id": r["article_id"]}])[0] for r in counted])
        parts.append(text.rstrip())
    return " · ".join(parts) or None


class _View:
    """Shared reading of one story for the text and Markdown renderers."""

    def __init__(self, doc: Mapping[str, Any], story: Mapping[str, Any]) -> None:
        self.story = story
        by_id = {a["id"]: a for a in doc["articles"]}
        self.articles = [by_id[i] for i in story["article_ids"] if i in by_id]
        self.number = {a["id"]: n for n, a in enumerate(self.articles, 1)}

    def label(self, aid: str) -> str:
        return f"[{self.number.get(aid, '?')}]"

    def article_line(self, a: Mapping[str, Any]) -> str:
        source = a.get("source") or "unknown outlet"
        date = a.get("published") or "undated"
        title = a.get("title") or _first_line(a["text"])
        return f"{self.label(a['id'])} {source} · {date[:10]} · {title}"

    def provenance(self, aid: str) -> str:
        notes = []
        for d in self.story["derivations"]:
            share = f"{round(100 * d['share'])}%"
            why = ", ".join([s for s in d["signals"] if not s.endswith(":0")][:5])
            pair = aid in (d["derived_id"], d["source_id"])
            other = d["source_id"] if aid == d["derived_id"] else d["derived_id"]
            if d["relation"] in ("common_source", "common_lineage") and pair:
                notes.append(f"common source with {self.label(other)} ({share}; {why})")
            elif d.get("direction") == "unknown" and pair:
                notes.append(f"{d['relation'].replace('_', ' ')} shared with {self.label(other)}, "
                             f"direction unknown ({share}; {why})")
            elif d["derived_id"] == aid:
                notes.append(f"{d['relation'].replace('_', ' ')} of {self.label(d['source_id'])} ({share}; {why})")
        notes += [self.elsewhere(d) for d in self.story.get("cross_story_derivations") or ()
                  if aid in (d["derived_id"], d["source_id"])]
        return "; ".join(notes) if notes else "independent"

    def elsewhere(self, d: Mapping[str, Any]) -> str:
        """A cross-story derivation, as seen from this story's article: the other article and its story named."""
        other = f"{d.get('other_outlet') or 'unknown outlet'} {(d.get('other_published') or 'undated')[:10]} " \
                f"({d['other_id']}, story {d['other_story_id']})"
        relation = d["relation"].replace("_", " ")
        if d["relation"] in ("common_source", "common_lineage"):
            return f"common source with {other}"
        if d.get("direction") == "unknown":
            return f"{relation} shared with {other}, direction unknown"
        if d["derived_id"] == d["other_id"]:
            return f"source of a {relation} by {other}"
        return f"{relation} of {other} ({round(100 * d['share'])}%)"

    def syndication_lines(self) -> list[str]:
        """The story's syndication block as lines: counts, then whose text each outlet carries."""
        s = self.story.get("syndication")
        if not s or not (s["articles"] > 1 or s["reprints"] or s["carriers"]):
            return []
        reusing = sum(a["status"] == "reuses_passages" for a in s["by_article"])
        lines = [f"{s['articles']} article(s): {s['unique_texts']} unique text(s), {s['reprints']} reprint(s); "
                 f"{s['original_reporting']} of original reporting"
                 + (f" ({reusing} reusing passages of another)" if reusing else "")]
        for c in s["carriers"]:
            carried = ", ".join(f"{x['outlet']} ({x['articles']})" for x in c["carries"])
            lines.append(f"{c['outlet']} carries text of {carried}")
        return lines

    def attributed(self, line: Mapping[str, Any]) -> str:
        """A brief line; a contrasting or framing line led by its outlet ("Outlet B: ...")."""
        section = line.get("section")
        if section not in ("contrast", "framing") or not line["citations"]:
            return line["text"]
        aid = line["citations"][0]["article_id"]
        art = next((a for a in self.articles if a["id"] == aid), {})
        outlet = art.get("source") or art.get("title") or aid
        return f"{outlet} frames it: {line['text']}" if section == "framing" else f"{outlet}: {line['text']}"

    def cite(self, citations: Sequence[Mapping[str, Any]]) -> str:
        return "".join(sorted({self.label(c["article_id"]) for c in citations}))

    def excerpt(self, span: Mapping[str, Any], width: int = 90) -> str:
        text = next((a["text"] for a in self.articles if a["id"] == span["article_id"]), "")
        s = " ".join(text[span["start"] : span["end"]].split())
        return s if len(s) <= width else s[: width - 1] + "…"

    def figure_rows(self) -> list[tuple[str, str, str, str, str]]:
        rows = []
        for g in self.story["figures"]:
            history = ", ".join(
                f"{_value(r)} {self.label(r['article_id'])}" + (f" {r['as_of'][:10]}" if r.get("as_of") else "")
                for r in g["reports"]
            )
            srcs = f"{g['independent_sources']} ind. source" + ("s" if g["independent_sources"] != 1 else "")
            srcs += f", {g['order']} order"
            rows.append((g["label"], _value(g["current"]), g["status"], srcs, history))
        return rows


def side_label(side: Mapping[str, Any]) -> str:
    """A dispute side's party, with its speakers where they are not the party itself."""
    party = side.get("party") or side.get("speaker") or "unattributed"
    others = [s for s in side.get("speakers") or () if s != party]
    return f"{party} ({', '.join(others)})" if others else party


def _first_line(text: str, width: int = 80) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


def render_text(doc: Mapping[str, Any]) -> str:
    """The terminal report: stories, their articles, provenance, figures, disputes, brief."""
    out: list[str] = []
    n_art = len(doc["articles"])
    out.append(f"{len(doc['stories'])} stor{'y' if len(doc['stories']) == 1 else 'ies'} from {n_art} article{'s' if n_art != 1 else ''}")
    for k, story in enumerate(doc["stories"], 1):
        v = _View(doc, story)
        out += ["", f"━━ Story {k}: {story['title']}", ""]
        out.append("  Articles")
        for a in v.articles:
            out.append(f"    {v.article_line(a)}")
            out.append(f"        provenance: {v.provenance(a['id'])}")
        if lines := v.syndication_lines():
            out += ["", "  Syndication"] + [f"    {line}" for line in lines]
        if (toll := toll_line(story, v.cite)) is not None:
            out += ["", "  Casualties", f"    {toll}"]
        if story["brief"]:
            out += ["", "  Brief"]
            for b in story["brief"]:
                out.append(f"    • {v.attributed(b)} {v.cite(b['citations'])}")
        if story["figures"]:
            out += ["", "  Figures"]
            for label, current, status, srcs, history in v.figure_rows():
                out.append(f"    {label}: {current}  [{status}, {srcs}]")
                out.append(f"        reports: {history}")
        if story["disputes"]:
            out += ["", "  Disputes"]
            for d in story["disputes"]:
                out.append(f"    {d['topic']}")
                for side in d["sides"]:
                    out.append(f"      – {side_label(side)}: {side['claim']} {v.cite(side['citations'])}")
        if story["quotes"]:
            shared = [q for q in story["quotes"] if len({o["article_id"] for o in q["occurrences"]}) > 1]
            if shared:
                out += ["", "  Quotes carried by several sources"]
                for q in shared:
                    out.append(f"    “{_clip(q['text'])}” — {q['speaker'] or 'unattributed'} {v.cite(q['occurrences'])}")
        if story["alignments"]:
            kinds: dict[str, int] = {}
            for a in story["alignments"]:
                kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
            out += ["", "  Shared passages: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()))]
        if story["timeline"]:
            out += ["", "  Timeline"]
            for t in story["timeline"]:
                out.append(f"    {t['date'] or 'undated'}  {t['text']} {v.cite(t['citations'])}")
    if (line := duplicates_line(doc)) is not None:
        out += ["", line]
    if doc["skipped"]:
        out += ["", f"Skipped {len(doc['skipped'])} input(s):"]
        out += [f"  {s['input']}: {s['reason']}" for s in doc["skipped"]]
    return "\n".join(out) + "\n"


def _clip(s: str, width: int = 110) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render_markdown(doc: Mapping[str, Any]) -> str:
    """The report as Markdown: one section per story, figures as a table, numbered citations."""
    out: list[str] = ["# storyledger report", ""]
    out.append(f"{len(doc['stories'])} stories from {len(doc['articles'])} articles.")
    for story in doc["stories"]:
        v = _View(doc, story)
        out += ["", f"## {_md(story['title'])}", "", "| # | outlet | date | title | provenance |", "|---|---|---|---|---|"]
        for a in v.articles:
            out.append(
                f"| {v.number[a['id']]} | {_md(a.get('source') or 'unknown')} | {(a.get('published') or 'undated')[:10]} "
                f"| {_md(a.get('title') or _first_line(a['text']))} | {_md(v.provenance(a['id']))} |"
            )
        if lines := v.syndication_lines():
            out += ["", "### Syndication", ""] + [f"- {_md(line)}" for line in lines]
        if (toll := toll_line(story, v.cite)) is not None:
            out += ["", "### Casualties", "", _md(toll)]
        if story["brief"]:
            out += ["", "### Brief", ""]
            out += [f"- {_md(v.attributed(b))} {v.cite(b['citations'])}" for b in story["brief"]]
        if story["figures"]:
            out += ["", "### Figures", "", "| figure | current | status | sources | reports |", "|---|---|---|---|---|"]
            out += [f"| {' | '.join(_md(c) for c in row)} |" for row in v.figure_rows()]
        if story["disputes"]:
            out += ["", "### Disputes", ""]
            for d in story["disputes"]:
                out.append(f"- **{_md(d['topic'])}**")
                out += [
                    f"  - {_md(side_label(side))}: {_md(side['claim'])} {v.cite(side['citations'])}"
                    for side in d["sides"]
                ]
        if story["timeline"]:
            out += ["", "### Timeline", ""]
            out += [f"- {t['date'] or 'undated'}: {_md(t['text'])} {v.cite(t['citations'])}" for t in story["timeline"]]
    if (line := duplicates_line(doc)) is not None:
        out += ["", _md(line)]
    if doc["skipped"]:
        out += ["", "## Skipped inputs", ""]
        out += [f"- `{_md(s['input'])}`: {_md(s['reason'])}" for s in doc["skipped"]]
    return "\n".join(out) + "\n"


def render(doc: Mapping[str, Any], fmt: str) -> str:
    """Render a document as ``text``, ``json`` or ``markdown``."""
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(doc)
    if fmt == "text":
        return render_text(doc)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def render_extract(doc: Mapping[str, Any]) -> str:
    """The ``extract`` document for a terminal: per article, its figures, quotes, dates, names."""
    out: list[str] = []
    for a in doc["articles"]:
        text = a["text"]
        out += [f"━━ {a.get('source') or 'unknown outlet'} · {(a.get('published') or 'undated')[:10]} · {a.get('title') or _first_line(text)}  ({a['id']})"]
        for f in a.get("figures", []):
            what = " ".join(x for x in (f.get("unit"), f.get("predicate")) if x)
            by = f"  — {f['attributed_to']}" if f.get("attributed_to") else ""
            out.append(f"  figure  {_value(f):>18}  {what:<28} “{_clip(text[f['start']:f['end']], 60)}”{by}")
        for q in a.get("quotes", []):
            out.append(f"  quote   {q['kind']:<8} {q.get('speaker') or 'unattributed'}: “{_clip(text[q['start']:q['end']], 80)}”")
        for d in a.get("dates", []):
            out.append(f"  date    {d.get('value') or 'unresolved':<10}  “{text[d['start']:d['end']]}”")
        names = sorted({(e["label"], e["canonical"]) for e in a.get("entities", [])})
        if names:
            out.append("  names   " + "; ".join(f"{c} ({lab})" for lab, c in names))
        out.append("")
    if (line := duplicates_line(doc)) is not None:
        out.append(line)
    if doc["skipped"]:
        out += [f"skipped {s['input']}: {s['reason']}" for s in doc["skipped"]]
    return "\n".join(out) + "\n"
