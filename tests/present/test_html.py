"""The self-contained HTML report: views present, stranger text inert, offsets right for the script."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyledger.present.html import _asset, content_security_policy, render_html, render_story_list_page, render_story_page

DATA = Path(__file__).parents[1] / "data" / "web_report.json"
HOSTILE_ID = "h<1>\"'&x"


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(DATA.read_text("utf-8"))


@pytest.fixture(scope="module")
def page(doc) -> str:
    return render_html(doc)


class _Tags(HTMLParser):
    """Every element and attribute of a page, and the text of its script blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in, self._attrs = tag, dict(attrs)
            (self.scripts.append((self._attrs, "")) if tag == "script" else self.styles.append(""))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in == "style":
            self.styles[-1] += data


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def _data(page: str) -> dict:
    blocks = [text for attrs, text in _parse(page).scripts if attrs.get("type") == "application/json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_fixture_is_a_valid_report_with_spans_on_their_words(doc):
    report = pytest.importorskip("storyledger.present.report")
    report.validate(doc)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for story in doc["stories"]:
        for q in story["quotes"]:
            for o in q["occurrences"]:
                assert texts[o["article_id"]][o["start"]:o["end"]] == q["text"]
        for f in story["figures"]:
            for r in f["reports"]:
                assert any(ch.isdigit() for ch in texts[r["article_id"]][r["start"]:r["end"]]) or r["value"] == 7


def test_page_is_self_contained_and_its_policy_allows_only_its_own_blocks(page):
    parsed = _parse(page)
    assert not [t for t, a in parsed.tags if t in ("link", "iframe", "img", "object", "embed", "base")]
    assert not [a for t, a in parsed.tags if "src" in a]
    code = [text for attrs, text in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 1 and len(parsed.styles) == 2  # the page's, and the one for readers without script
    meta = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert meta == [content_security_policy(for_meta=True)]

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {sha(code[0])}" in meta[0]
    assert f"style-src {sha(parsed.styles[0])} {sha(parsed.styles[1])}" in meta[0]
    assert "default-src 'none'" in meta[0]


def test_hostile_article_renders_as_text_and_injects_nothing(doc, page):
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("img", "iframe", "marquee", "u", "i", "b") or not attrs, (tag, attrs)
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        for k in ("href", "xlink:href", "action"):
            assert not (attrs.get(k) or "").strip().lower().startswith("javascript"), (tag, attrs)
    assert sum(1 for t, _ in parsed.tags if t == "script") == 2
    # The words are there, escaped, for a person to read.
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#x27;title-img&#x27;)&gt;" in page
    assert "link not shown (not http/https): javascript:alert(&#x27;url&#x27;)" in page
    # The only hrefs are fragments and http(s) links.
    hrefs = [a["href"] for t, a in parsed.tags if t == "a" and "href" in a]
    assert hrefs and all(h.startswith("#") or h.startswith(("http://", "https://")) for h in hrefs)
    # Nothing in the data block can end it early.
    data_block = page.split('id="sl-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    assert _data(page)["articles"][HOSTILE_ID]["x"] == next(a["text"] for a in doc["articles"] if a["id"] == HOSTILE_ID)


def test_script_offsets_are_utf16_and_land_on_the_same_words(doc, page):
    data = _data(page)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    fire = next(s for s in doc["stories"] if HOSTILE_ID in s["article_ids"])
    k = doc["stories"].index(fire)
    assert any(ord(c) > 0xFFFF for c in texts[HOSTILE_ID])  # the case that needs converting
    for py, js in zip(fire["alignments"], data["stories"][k]["al"]):
        for side, (aid, s, e) in (("a", js[2:5]), ("b", js[5:8])):
            u16 = data["articles"][aid]["x"].encode("utf-16-le")
            assert u16[2 * s:2 * e].decode("utf-16-le") == texts[aid][py[side]["start"]:py[side]["end"]]


def test_every_view_of_a_story_is_rendered(doc, page):
    dam = doc["stories"][0]
    for key in ("brief", "figures", "read", "prov", "disputes", "quotes", "timeline", "sources"):
        assert f'id="{key}-0"' in page
    n_cites = len({(c["article_id"], c["start"], c["end"]) for b in dam["brief"] for c in b["citations"]})
    brief = page.split('id="brief-0"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'class="cite"[^>]*>(\d+)</a>', brief)[-1] == str(n_cites)
    for status in ("corroborated", "updated", "conflicting", "single_source"):
        assert f'<span class="badge {status}">' in page
    figures = page.split('id="figures-0"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr data-figure-id="([^"]+)">(.*?)</tr>', figures, re.S)
    charts = {fid: '<svg class="chart"' in row for fid, row in rows}
    assert charts == {"f_killed": True, "f_evacuated": True, "f_reservoir": True, "f_bodies": False, "f_sheltered": False}
    prov = page.split('id="prov-0"', 1)[1].split("</section>", 1)[0]
    assert prov.count('<g class="node') == len(dam["article_ids"])
    assert prov.count('<path class="edge') == len(dam["derivations"])
    assert "rewrite 83%" in prov
    assert "categorically rejects" in page.split('id="quotes-0"', 1)[1]
    assert "Did the operator neglect the dam?" in page


def test_one_article_story_and_empty_document_render(doc):
    single = render_story_page(doc, doc["stories"][2]["id"])
    assert "Only one article in this story" in single and "Dock workers at the port of Brenn" in single
    assert "<svg class=\"graph\"" not in single
    empty = render_html({"schema_version": 1, "articles": [], "skipped": [], "stories": []})
    assert "No stories" in empty
    missing = render_story_page(doc, "s_nope")
    assert "Story not found" in missing


def test_story_list_page_links_ids_percent_encoded():
    page = render_story_list_page([{"id": "s/<x>", "title": "<b>T</b>", "n_articles": 2, "n_sources": 2}], query="q<")
    assert 'href="/stories/s%2F%3Cx%3E"' in page
    assert "&lt;b&gt;T&lt;/b&gt;" in page and 'value="q&lt;"' in page and "2 outlets" in page


_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "javascript:alert(1)", "\U0001F525\u2028", ""]
)
_junk = st.none() | st.integers(-5, 500) | st.floats(allow_nan=True) | _text | st.booleans()


def _span(ids):
    aid = st.sampled_from(ids) | _text | st.lists(st.integers(), max_size=1) | st.none()
    return st.fixed_dictionaries({"article_id": aid, "start": _junk, "end": _junk})


@st.composite
def _documents(draw):
    ids = draw(st.lists(_text.filter(bool), min_size=1, max_size=4, unique=True))
    articles = [
        {"id": i, "text": draw(_text), "title": draw(_junk), "source": draw(_junk), "published": draw(_junk),
         "url": draw(_junk), "removed": draw(st.lists(_junk, max_size=2))}
        for i in ids
    ]
    span = _span(ids)
    story = {
        "id": draw(_text),
        "title": draw(_junk),
        "article_ids": draw(st.lists(st.sampled_from(ids) | _junk | st.lists(_junk, max_size=1), max_size=5)),
        "alignments": draw(st.lists(st.fixed_dictionaries({"kind": _text, "score": _junk, "a": span, "b": span}), max_size=4)),
        "derivations": draw(st.lists(st.fixed_dictionaries({
            "derived_id": st.sampled_from(ids) | _junk | st.lists(_junk, max_size=1),
            "source_id": st.sampled_from(ids), "relation": _text | st.sampled_from(
                ["copy", "rewrite", "common_lineage"]), "share": _junk, "signals": st.lists(_junk, max_size=2)}), max_size=4)),
        "figures": draw(st.lists(st.fixed_dictionaries({
            "id": _text, "label": _junk, "unit": _junk, "status": _text, "order": _text, "independent_sources": _junk,
            "current": st.none() | st.fixed_dictionaries({"value": _junk, "qualifier": _junk}),
            "reports": st.lists(st.fixed_dictionaries({
                "article_id": st.sampled_from(ids), "start": _junk, "end": _junk, "value": _junk, "low": _junk,
                "high": _junk, "qualifier": _junk, "as_of": _junk}), max_size=4), "note": _junk}), max_size=3)),
        "quotes": draw(st.lists(st.fixed_dictionaries({"id": _text, "text": _junk, "speaker": _junk, "kind": _junk,
                                                       "occurrences": st.lists(span, max_size=2)}), max_size=2)),
        "disputes": draw(st.lists(st.fixed_dictionaries({"id": _text, "topic": _junk, "sides": st.lists(
            st.fixed_dictionaries({"speaker": _junk, "claim": _junk, "citations": st.lists(span, max_size=2)}),
            max_size=3)}), max_size=2)),
        "brief": draw(st.lists(st.fixed_dictionaries({"text": _junk, "section": _junk,
                                                      "citations": st.lists(span, max_size=3)}), max_size=3)),
        "timeline": draw(st.lists(st.fixed_dictionaries({"date": _junk, "text": _junk,
                                                         "citations": st.lists(span, max_size=2)}), max_size=2)),
    }
    return {"schema_version": 1, "articles": articles, "skipped": draw(st.lists(st.fixed_dictionaries(
        {"input": _junk, "reason": _junk}), max_size=2)), "stories": [story, draw(_junk)]}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_any_document_renders_without_raising_and_without_injection(document):
    page = render_html(copy.deepcopy(document))
    # The fixed style and script blocks are checked elsewhere; parse the rest (fast).
    parsed = _parse(page.replace(_asset("report.css"), "").replace(_asset("report.js"), ""))
    assert sum(1 for t, _ in parsed.tags if t == "script") == 2
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert not [t for t, _ in parsed.tags if t in ("img", "iframe")]
    data = _data(page)
    for story in data["stories"]:
        for al in story["al"]:
            assert al[2] in data["articles"] and al[5] in data["articles"]
    page.encode("utf-8")  # no lone surrogates left


def test_renders_the_document_report_py_builds_from_records():
    report = pytest.importorskip("storyledger.present.report")
    from storyledger.records import (Alignment, Article, Citation, Derivation, FigureGroup, FigureValue, Figure,
                                     Span, Story, StoryAnalysis, BriefSentence)

    a = Article(id="x1", text="Ten people died, police said.", source="One", published="2026-01-02")
    b = Article(id="x2", text="Police said 12 people died.", source="Two", published="2026-01-03")
    analysis = StoryAnalysis(
        story=Story(id="s1", title="Deaths", article_ids=("x1", "x2")),
        alignments=(Alignment(kind="paraphrase", score=0.8, a=Span(article_id="x1", start=0, end=29),
                              b=Span(article_id="x2", start=0, end=27)),),
        derivations=(Derivation(derived_id="x2", source_id="x1", relation="rewrite", share=0.6),),
        figures=(FigureGroup(id="f1", label="people died", unit="people", status="updated", order="dated",
                             independent_sources=1, current=FigureValue(value=12),
                             reports=(Figure(article_id="x1", start=0, end=3, value=10),
                                      Figure(article_id="x2", start=12, end=14, value=12))),),
        brief=(BriefSentence(text="Police said 12 people died.", citations=(Citation(article_id="x2", start=0, end=27),)),),
    )
    page = render_html(report.document([a, b], [], [analysis]))
    assert '<span class="badge updated">' in page and '<svg class="chart"' in page and "rewrite 60%" in page
    assert _data(page)["stories"][0]["al"] == [["paraphrase", 0.8, "x1", 0, 29, "x2", 0, 27]]
