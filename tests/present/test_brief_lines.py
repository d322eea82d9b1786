"""Contrasting and framing lines of the brief are shown with their outlet, in text, Markdown and HTML."""

from __future__ import annotations

from storyledger.present.html import render_html
from storyledger.present.report import document, render_markdown, render_text
from storyledger.records import Article, BriefSentence, Citation, Story, StoryAnalysis


def _doc():
    a = Article(id="a", text="The storm killed 12 people on Monday.", source="Daily One")
    b = Article(id="b", text="The storm killed 21 people on Monday.", source="Daily Two")
    brief = (
        BriefSentence(text=a.text, citations=(Citation(article_id="a", start=0, end=len(a.text)),)),
        BriefSentence(text=b.text, citations=(Citation(article_id="b", start=0, end=len(b.text)),), section="contrast"),
        BriefSentence(text=a.text, citations=(Citation(article_id="a", start=0, end=len(a.text)),), section="framing"),
    )
    story = Story(id="s", title="Storm", article_ids=("a", "b"))
    return document([a, b], analyses=[StoryAnalysis(story=story, brief=brief)])


def test_text_and_markdown_lead_contrast_and_framing_lines_with_the_outlet():
    doc = _doc()
    text = render_text(doc)
    assert "• The storm killed 12 people on Monday." in text
    assert "• Daily Two: The storm killed 21 people on Monday." in text
    assert "• Daily One frames it: The storm killed 12 people on Monday." in text
    assert "Daily Two: The storm killed 21" in render_markdown(doc)


def test_html_names_the_sections_and_the_outlet():
    html = render_html(_doc())
    assert "Outlets differ" in html and "How outlets frame it" in html
    assert "<b>Daily Two:</b> The storm killed 21" in html
