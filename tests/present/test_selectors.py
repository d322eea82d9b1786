"""Every citation of the JSON report carries W3C Web Annotation selectors that re-anchor it in its article."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.options import AnalyzeOptions
from storyledger.pipeline import analyze
from storyledger.present import SCHEMA_VERSION, anchor_story, document, text_selectors, validate
from storyledger.present.report import SELECTOR_CONTEXT

ROOT = Path(__file__).parents[2]
EVAL = ROOT.parent / "shared" / "eval" / "newswcl50" / "1-raw-articles"


def _citations(node):
    """Every span anywhere in a story (any mapping with an article id and offsets), found by walking it:
    independent of the report's own list of citation places, so a new place without selectors fails here."""
    if isinstance(node, dict):
        if "article_id" in node and "start" in node and "end" in node:
            yield node
        for value in node.values():
            yield from _citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from _citations(value)


def _check_every_citation(doc) -> int:
    validate(doc)
    articles = {a["id"]: a for a in doc["articles"]}
    n = 0
    for story in doc["stories"]:
        for c in _citations(story):
            article = articles[c["article_id"]]
            quote, position = c["selector"]
            assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
            assert (position["start"], position["end"]) == (c["start"], c["end"])
            assert quote["exact"] == article["text"][position["start"]:position["end"]]
            assert article["text"][: c["start"]].endswith(quote["prefix"]) and len(quote["prefix"]) <= SELECTOR_CONTEXT
            assert article["text"][c["end"]:].startswith(quote["suffix"]) and len(quote["suffix"]) <= SELECTOR_CONTEXT
            assert c["url"] == article["url"]
            n += 1
    return n


def test_every_citation_of_the_example_carries_both_selectors(example_doc):
    n = _check_every_citation(json.loads(json.dumps(example_doc)))
    story = example_doc["stories"][0]
    assert n >= 50 and story["brief"] and story["figures"] and story["quotes"] and story["alignments"]


@pytest.mark.slow
@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not there")
def test_every_citation_over_a_random_sample_of_eval_articles_carries_both_selectors():
    events = sorted(p for p in EVAL.iterdir() if p.is_dir())
    picked = random.Random(20).choice(events)  # one event: its five outlets' articles
    result = analyze([str(picked)], AnalyzeOptions())
    doc = json.loads(json.dumps(document(result.articles, result.skipped, result.analyses)))
    assert len(doc["articles"]) >= 4 and doc["stories"]
    assert _check_every_citation(doc) > 20


def test_a_selector_that_no_longer_matches_its_article_is_rejected(example_doc):
    doc = json.loads(json.dumps(example_doc))
    doc["stories"][0]["brief"][0]["citations"][0]["selector"][0]["exact"] += "x"
    with pytest.raises(ValueError, match="does not match the article's text"):
        validate(doc)


def test_a_citation_without_a_selector_does_not_match_the_schema(example_doc):
    doc = json.loads(json.dumps(example_doc))
    del doc["stories"][0]["quotes"][0]["occurrences"][0]["selector"]
    with pytest.raises(ValueError, match="'selector' is a required property"):
        validate(doc)


def test_anchoring_leaves_its_input_alone_and_keeps_the_url():
    text = "Officials said 120 people were hurt."
    story = {"id": "s", "title": "t", "article_ids": ["a"], "alignments": [], "derivations": [], "figures": [],
             "quotes": [{"id": "q", "text": "x", "speaker": None, "kind": "direct",
                         "occurrences": [{"article_id": "a", "start": 15, "end": 25}]}],
             "disputes": [], "brief": [], "timeline": []}
    before = json.dumps(story)
    anchored = anchor_story(story, {"a": {"text": text, "url": "https://example.org/a"}})
    assert json.dumps(story) == before
    (occurrence,) = anchored["quotes"][0]["occurrences"]
    assert occurrence["url"] == "https://example.org/a" and occurrence["selector"][0]["exact"] == "120 people"
    assert SCHEMA_VERSION == 1


@given(st.text(min_size=0, max_size=200), st.data())
def test_text_selectors_quote_exactly_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    quote, position = text_selectors(text, start, end)
    assert quote["prefix"] + quote["exact"] + quote["suffix"] == text[max(0, start - SELECTOR_CONTEXT): end + SELECTOR_CONTEXT]
    assert text[position["start"]:position["end"]] == quote["exact"]
