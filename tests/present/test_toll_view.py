"""The story's casualty count in the JSON report and the text, Markdown and HTML views."""

from __future__ import annotations

from storyledger.extract import extract_figures
from storyledger.pipeline import StoryTask, analyze_story
from storyledger.present import document, render_html, validate
from storyledger.present.report import render_markdown, render_text, toll_line
from storyledger.records import Article, ArticleFacts, Story
from storyledger.text import segment_article

from tests.toll_stories import EARLY, LATE, QUIET


def doc_of(*stories: tuple[Article, ...]) -> dict:
    analyses, arts = [], []
    for k, group in enumerate(stories):
        facts = {a.id: ArticleFacts(article_id=a.id, figures=extract_figures(a)) for a in group}
        story = Story(id=f"s{k}", title=f"Story {k}", article_ids=tuple(a.id for a in group))
        task = StoryTask(story=story, articles=group, sentences={a.id: segment_article(a) for a in group}, facts=facts)
        analyses.append(analyze_story(task))
        arts += group
    return document(arts, (), analyses)


def test_toll_in_the_json_matches_the_schema_and_cites_its_figures() -> None:
    doc = doc_of((EARLY, LATE), (QUIET,))
    validate(doc)
    shooting, quiet = doc["stories"]
    killed = shooting["toll"]["killed"]
    assert (killed["value"], killed["updated"], killed["earlier"], killed["disagreeing"]) == (2, True, 1, False)
    assert [r["citations"][0]["selector"][0]["exact"] for r in killed["reports"]] == ["One man", "Two men"]
    assert shooting["toll"]["injured"]["value"] == 0
    assert quiet["toll"] is None


def test_views_show_one_casualty_line_only_where_casualties_are_reported() -> None:
    doc = doc_of((EARLY, LATE), (QUIET,))
    text = render_text(doc)
    assert "    Killed: 2 (updated from 1 in an earlier report) [1][2]\n" in text
    assert text.count("Casualties") == 1  # the quiet story has none
    assert "Injured" not in text
    md = render_markdown(doc)
    assert "### Casualties\n\nKilled: 2 (updated from 1 in an earlier report) [1][2]\n" in md
    html = render_html(doc)
    assert "<b>Casualties:</b> Killed: 2 (updated from 1 in an earlier report)</div>" in html
    assert html.count("<b>Casualties:</b>") == 1


def test_brief_line_and_timeline_in_the_views() -> None:
    text = render_text(doc_of((EARLY, LATE)))
    assert "• Killed: Two men (updated from One man in an earlier report) [1][2]" in text
    assert "2024-05-04  Killed rose to: Two men [2]" in text


def test_toll_line_reports_disagreement_and_hedges() -> None:
    h = {"value": 3, "qualifier": "at_least", "updated": False, "earlier": None, "disagreeing": True,
         "reports": [{"article_id": "a", "value": 3, "citations": []}, {"article_id": "b", "value": 5, "citations": []}]}
    none = {**h, "value": 0, "disagreeing": False}
    assert toll_line({"toll": {"killed": h, "injured": none}}) == "Killed: at least 3 (reports differ: also 5)"
    assert toll_line({"toll": {"killed": none, "injured": none}}) is None
    assert toll_line({"toll": None}) is None and toll_line({}) is None


def test_the_example_toll(example_doc) -> None:
    validate(example_doc)
    story = example_doc["stories"][0]
    killed = story["toll"]["killed"]
    assert killed["value"] == 200 and killed["qualifier"] == "at_least" and not killed["updated"]
    lines = [b["text"] for b in story["brief"] if b["section"] == "toll"]
    stated = killed["reports"][0]["citations"][0]
    told = [b for b in story["brief"] if b["section"] != "toll" and b["citations"][0]["article_id"] == stated["article_id"]
            and b["citations"][0]["start"] <= stated["start"] < b["citations"][0]["end"]]
    # a line of its own, unless the brief already tells the sentence that states the count
    assert [x.lower() for x in lines] == ([] if told else ["killed: at least 200 ethnic armenians"])
    # a copy never stands first for its source: the line is told in, and cited to, the original's words
    derived = {d["derived_id"] for d in story["derivations"] if d["direction"] == "known" and d["relation"] != "common_source"}
    assert all(b["citations"][0]["article_id"] not in derived for b in story["brief"] if b["section"] == "toll")
    assert "    Killed: at least 200 [1][2]\n" in render_text(example_doc)
    # the explosion's own figure keeps its update, told apart from the toll
    assert any(g["status"] == "updated" and g["current"]["value"] == 170 for g in story["figures"])
