"""The report and the app in a real browser: Debian's Chromium driven by Playwright (no browser download).

Skipped, with the reason, when Playwright or Chromium is missing. Screenshots of
every view land in tests/artifacts/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from storyledger.present.html import render_html
from storyledger.present.web import DictSource, make_app

pytestmark = pytest.mark.browser

DATA = Path(__file__).parents[1] / "data" / "web_report.json"
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--headless",
]
HOSTILE_ID = "h<1>\"'&x"


def _chromium() -> str | None:
    for candidate in (os.environ.get("STORYLEDGER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium not found (apt-get install chromium chromium-driver)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, timeout=30_000)
        except Exception as e:  # a broken or incompatible browser is an environment problem, not a failure here
            pytest.skip(f"Chromium at {exe} cannot be started by Playwright: {e}".splitlines()[0])
        yield b
        b.close()


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(DATA.read_text("utf-8"))


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, doc) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(doc), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def app_url(doc):
    srv = make_app(DictSource(doc)).server("127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


class _Watch:
    """Dialogs, page errors and console errors seen by a page (an alert would be an injection)."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))


def _page(browser, **kw):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, device_scale_factor=1, **kw)
    page = context.new_page()
    return context, page, _Watch(page)


def _shot(locator_or_page, name: str, **kw) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    locator_or_page.screenshot(path=str(ARTIFACTS / name), **kw)


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None
    return box


def _partner_click_scrolls_the_other_column(page, reader) -> None:
    left, right = reader.locator(".doc[data-side=left]"), reader.locator(".doc[data-side=right]")
    assert left.locator("mark.al").count() > 0 and right.locator("mark.al").count() > 0
    kinds = set(page.eval_on_selector_all(".reader .doc mark.al", "ms => ms.map(m => m.dataset.kind)"))
    assert {"verbatim", "paraphrase"} <= kinds
    # Scroll the right column to its end, then click the first passage on the left:
    # the right column must come back to that passage's partner and flash it.
    right.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    before = right.evaluate("el => el.scrollTop")
    assert before > 0
    first = left.locator("mark.al").first
    idx = first.get_attribute("data-al").split()[0]
    in_view = """([col, idx]) => {
            const c = document.querySelector(col), m = c.querySelector(`mark[data-al~="${idx}"]`);
            const a = c.getBoundingClientRect(), b = m.getBoundingClientRect();
            return b.top >= a.top - 1 && b.bottom <= a.bottom + 1;
        }"""
    col = f"#{reader.get_attribute('id')} .doc[data-side=right]"
    assert not page.evaluate(in_view, [col, idx])
    first.click()
    partner = right.locator(f'mark[data-al~="{idx}"]').first
    page.wait_for_function(in_view, arg=[col, idx], timeout=5000)
    assert right.evaluate("el => el.scrollTop") < before
    assert "selected" in partner.get_attribute("class")
    assert "flash" in partner.get_attribute("class") or "selected" in partner.get_attribute("class")


def _svgs_render(section) -> None:
    chart = section.locator("svg.chart").first
    box = _box(chart)
    assert box["width"] > 50 and box["height"] > 30
    assert section.locator("svg.chart circle").count() >= 2
    graph = section.locator("svg.graph")
    box = _box(graph)
    assert box["width"] > 100 and box["height"] > 50
    assert graph.locator("g.node").count() == 4 and graph.locator("path.edge").count() == 2


def _nothing_injected(page, watch) -> None:
    found = page.evaluate(
        """() => {
            const bad = [];
            for (const el of document.querySelectorAll('*')) {
                for (const at of el.attributes) {
                    if (at.name.startsWith('on')) bad.push(el.tagName + ' ' + at.name);
                    if (/^\\s*javascript:/i.test(at.value) && /href|src|action/.test(at.name)) bad.push(el.tagName + ' ' + at.name);
                }
            }
            for (const t of ['img', 'iframe', 'marquee', 'object', 'embed']) {
                if (document.querySelector(t)) bad.push(t);
            }
            return {bad, scripts: document.scripts.length, pwned: typeof window.__pwned !== 'undefined'};
        }"""
    )
    assert found["bad"] == [] and found["scripts"] == 2 and not found["pwned"]
    assert watch.dialogs == []
    assert [e for e in watch.errors if "favicon" not in e] == []


def test_file_report_views_reader_chart_graph(browser, report_file, doc):
    context, page, watch = _page(browser)
    page.goto(report_file.as_uri())
    page.wait_for_selector("html[data-ready='1']")
    _shot(page, "report_overview.png")
    # Click a story in the list: only that story shows.
    page.locator("nav.stories a[data-story='story-2']").click()
    assert page.locator("#story-2").is_visible() and not page.locator("#story-0").is_visible()
    page.locator("nav.stories a[data-story='story-0']").click()
    story = page.locator("#story-0")
    assert story.is_visible() and not page.locator("#story-2").is_visible()
    _svgs_render(story)
    _shot(page.locator("#brief-0"), "report_brief.png")
    _shot(page.locator("#figures-0"), "report_figures.png")
    _shot(page.locator("#prov-0"), "report_provenance.png")
    _shot(page.locator("#disputes-0"), "report_disputes.png")
    reader = page.locator("#read-0")
    _partner_click_scrolls_the_other_column(page, reader)
    page.wait_for_timeout(400)
    _shot(reader, "report_reader.png")
    # A numbered brief citation opens its span in the reader.
    cite = page.locator("#brief-0 a.cite").nth(4)  # cites the later report, not shown by default
    cite.click()
    target = reader.locator("mark[data-target]").first
    page.wait_for_timeout(500)
    assert target.is_visible()
    aid = doc["stories"][0]["article_ids"][int(cite.get_attribute("data-article"))]
    article = next(a for a in doc["articles"] if a["id"] == aid)
    assert reader.locator(".doc-meta[data-side=left]").inner_text().startswith(article["source"])
    assert target.inner_text() in article["text"]
    # The story filter narrows the list.
    page.fill("#story-filter", "harbour")
    assert page.locator("nav.stories li:not(.hidden)").count() == 1
    _nothing_injected(page, watch)
    context.close()


def _check_hostile(page, watch, root: str) -> None:
    reader = page.locator(f"{root} section.reader")
    sel = reader.locator("select[data-side=left]")
    hostile_index = next(i for i, o in enumerate(sel.locator("option").all_inner_texts()) if "svg onload" in o)
    sel.select_option(str(hostile_index))
    page.wait_for_timeout(200)
    text = reader.locator(".doc").first.inner_text() + reader.locator(".doc").last.inner_text()
    assert "<script>alert('xss')</script>" in text and "<img src=x onerror=" in text
    assert reader.locator("mark.al").count() > 0
    heading = page.locator(f"{root} header h1").inner_text()
    assert heading.startswith("<script>alert('story')</script>")
    _nothing_injected(page, watch)


@pytest.mark.parametrize("bypass_csp", [False, True])
def test_hostile_article_runs_nothing_in_the_file(browser, report_file, doc, bypass_csp):
    # With the policy bypassed too: escaping alone must keep the page inert.
    context, page, watch = _page(browser, bypass_csp=bypass_csp)
    page.add_init_script("window.alert = window.confirm = window.prompt = () => { window.__pwned = true; };"
                         if bypass_csp else "")
    page.goto(report_file.as_uri() + "#story-1")
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator("#story-1").is_visible()
    _check_hostile(page, watch, "#story-1")
    if not bypass_csp:
        _shot(page, "report_hostile.png")
    context.close()


def test_app_list_search_story_and_json_twin(browser, app_url, doc):
    context, page, watch = _page(browser)
    page.goto(app_url + "/")
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator("table.list tbody tr").count() == 3
    _shot(page, "app_list.png")
    page.fill("#story-filter", "korvana")
    assert page.locator("table.list tbody tr:not(.hidden)").count() == 1
    page.locator("table.list tbody tr:not(.hidden) a").first.click()
    page.wait_for_selector("html[data-ready='1']")
    assert page.url.endswith("/stories/" + doc["stories"][0]["id"])
    story = page.locator("section.story")
    _svgs_render(story)
    _partner_click_scrolls_the_other_column(page, page.locator("section.reader"))
    page.wait_for_timeout(400)
    _shot(page, "app_story.png", full_page=True)
    _nothing_injected(page, watch)
    twin = page.locator(".crumbs a", has_text="JSON").get_attribute("href")
    resp = page.request.get(app_url + twin)
    assert resp.ok and resp.json()["stories"][0]["id"] == doc["stories"][0]["id"]
    assert "default-src 'none'" in resp.headers["content-security-policy"]
    # Server-side search (works without the script) and the hostile story in the app.
    page.goto(app_url + "/?q=tessaly")
    assert page.locator("table.list tbody tr").count() == 1
    page.locator("table.list tbody tr a").first.click()
    page.wait_for_selector("html[data-ready='1']")
    _check_hostile(page, watch, "")
    context.close()


def test_file_report_without_script_still_shows_every_story(browser, report_file, doc):
    context, page, watch = _page(browser, java_script_enabled=False)
    page.goto(report_file.as_uri())
    for k in range(len(doc["stories"])):
        assert page.locator(f"#story-{k} h1").is_visible()
    assert page.locator("#figures-0 svg.chart").first.bounding_box()["width"] > 50
    assert watch.errors == [] and watch.dialogs == []
    context.close()


def test_bundled_example_in_the_file_and_the_app(browser, example_doc, tmp_path):
    # The example analysed once per session (tests/conftest.py); checks the views on real output.
    path = tmp_path / "example.html"
    path.write_text(render_html(example_doc), encoding="utf-8")
    story = max(example_doc["stories"], key=lambda s: len(s["article_ids"]))
    k = example_doc["stories"].index(story)
    charts = sum(1 for f in story["figures"]
                 if len({r["value"] if r["value"] is not None else r["low"] for r in f["reports"]} - {None}) > 1)
    context, page, watch = _page(browser)
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready='1']")
    page.locator(f"nav.stories a[data-story='story-{k}']").click()
    root = page.locator(f"#story-{k}")
    assert root.is_visible()
    assert root.locator("svg.chart").count() == charts
    if len(story["article_ids"]) > 1:
        graph = root.locator("svg.graph")
        assert _box(graph)["width"] > 100 and graph.locator("g.node").count() == len(story["article_ids"])
        assert graph.locator("path.edge").count() == len(story["derivations"])
    reader = root.locator("section.reader")
    marks = reader.locator(".doc[data-side=left] mark.al")
    if story["alignments"]:
        assert marks.count() > 0
        idx = marks.first.get_attribute("data-al").split()[0]
        marks.first.click()
        partner = reader.locator(f'.doc[data-side=right] mark[data-al~="{idx}"]').first
        page.wait_for_timeout(700)
        col, box = _box(reader.locator(".doc[data-side=right]")), _box(partner)
        assert col["y"] - 1 <= box["y"] <= col["y"] + col["height"]
        assert "selected" in partner.get_attribute("class")
    _shot(page, "example_report.png")
    _nothing_injected(page, watch)
    srv = make_app(DictSource(example_doc)).server("127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{srv.server_address[1]}/")
        page.locator("table.list tbody tr a", has_text=story["title"][:30]).first.click()
        page.wait_for_selector("html[data-ready='1']")
        assert page.locator("section.story h1").inner_text() == story["title"]
        assert page.locator("section.story svg.chart").count() == charts
        if story["alignments"]:
            assert page.locator("section.reader mark.al").count() > 0
        _shot(page, "example_app_story.png")
        _nothing_injected(page, watch)
    finally:
        srv.shutdown()
        srv.server_close()
    context.close()
