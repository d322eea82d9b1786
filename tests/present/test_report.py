import json

import pytest

from storyledger.present import report
from storyledger.records import (
    Alignment,
    Article,
    ArticleFacts,
    BriefSentence,
    Citation,
    Derivation,
    Dispute,
    DisputeSide,
    Figure,
    FigureGroup,
    FigureValue,
    Quote,
    Removal,
    Skip,
    Span,
    Story,
    StoryAnalysis,
)

A = Article(id="a1", text="At least 12 people died, officials said.", source="Wire One", published="2024-05-01",
            removed=(Removal(start=0, end=10, reason="ad_placeholder"),))
B = Article(id="b2", text="Officials said at least 15 people died.", source=None, published=None)


def _analysis() -> StoryAnalysis:
    fa = Figure(article_id="a1", start=0, end=11, value=12, low=12, qualifier="at_least", unit="people",
                predicate="died", key="killed:people")
    fb = Figure(article_id="b2", start=15, end=26, value=15, low=15, qualifier="at_least", unit="people",
                predicate="died", key="killed:people")
    return StoryAnalysis(
        story=Story(id="s_1", title="Deaths", article_ids=("a1", "b2")),
        alignments=(Alignment(kind="related", score=0.8, a=Span(article_id="a1", start=0, end=40),
                              b=Span(article_id="b2", start=0, end=39)),),
        derivations=(Derivation(derived_id="b2", source_id="a1", relation="rewrite", share=0.9,
                                signals=("order_preserved:1.0",)),),
        figures=(FigureGroup(id="f_1", label="people killed", unit="people", status="updated", order="dated",
                             independent_sources=1, current=FigureValue(value=15, low=15, qualifier="at_least"),
                             reports=(fa, fb)),),
        disputes=(Dispute(id="d_1", topic="toll", sides=(
            DisputeSide(speaker="officials", claim="at least 12", citations=(Span(article_id="a1", start=0, end=11),)),)),),
        brief=(BriefSentence(text="At least 12 people died, officials said.",
                             citations=(Citation(article_id="a1", start=0, end=40),)),),
    )


def test_document_validates_and_round_trips_through_json():
    doc = report.document([A, B], [Skip(input="x.bin", reason="binary file")], [_analysis()])
    report.validate(doc)
    again = json.loads(report.render(doc, "json"))
    assert again == doc
    assert doc["articles"][0]["removed"] == [{"start": 0, "end": 10, "reason": "ad_placeholder"}]
    assert doc["stories"][0]["figures"][0]["current"]["value"] == 15


def test_validate_rejects_offsets_outside_the_article():
    doc = report.document([A, B], [], [_analysis()])
    doc["stories"][0]["brief"][0]["citations"][0]["end"] = 10_000
    with pytest.raises(ValueError, match="outside"):
        report.validate(doc)


def test_validate_rejects_unknown_fields_and_kinds():
    doc = report.document([A, B], [], [_analysis()])
    doc["stories"][0]["alignments"][0]["kind"] = "similar"
    with pytest.raises(ValueError, match="schema"):
        report.validate(doc)


def test_extract_document_carries_facts():
    facts = {"a1": ArticleFacts(article_id="a1", quotes=(Quote(article_id="a1", start=0, end=5, kind="reported",
                                                               speaker="officials", speaker_span=(25, 34), cue="said"),))}
    doc = report.document([A], [], (), facts=facts)
    report.validate(doc)
    assert doc["articles"][0]["quotes"][0]["speaker_span"] == {"start": 25, "end": 34}
    assert doc["articles"][0]["figures"] == []


def test_text_and_markdown_show_provenance_figures_and_citations():
    doc = report.document([A, B], [Skip(input="x.bin", reason="binary file")], [_analysis()])
    text = report.render(doc, "text")
    assert "rewrite of [1]" in text and "independent" in text
    assert "at least 15" in text and "updated" in text
    assert "x.bin: binary file" in text
    md = report.render(doc, "markdown")
    assert "| people killed | at least 15 | updated |" in md
    assert "[1]" in md


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        report.render({}, "yaml")


def test_duplicates_are_listed_validated_and_named_in_one_line():
    from storyledger.records import Duplicate

    dups = [Duplicate(id="c3", duplicate_of="a1", input="in.jsonl"),
            Duplicate(id="b2", duplicate_of="b2", input=None, reason="same_id")]
    doc = report.document([A, B], [], [_analysis()], duplicates=dups)
    report.validate(doc)
    assert doc["duplicates"] == [
        {"id": "c3", "duplicate_of": "a1", "input": "in.jsonl", "reason": "same_text"},
        {"id": "b2", "duplicate_of": "b2", "input": None, "reason": "same_id"},
    ]
    line = "2 input records repeat an earlier one, not analysed again: c3 → a1, b2 → b2 (id reused)"
    for rendered in (report.render_text(doc), report.render_extract(doc)):
        assert [x for x in rendered.splitlines() if "not analysed again" in x] == [line]
    assert "c3 → a1" in report.render_markdown(doc)
    many = report.document([A], duplicates=[Duplicate(id=f"x{i}", duplicate_of="a1") for i in range(8)])
    assert report.duplicates_line(many).endswith("x4 → a1, and 3 more (see the JSON)")


def test_no_duplicates_gives_an_empty_list_and_no_line():
    doc = report.document([A, B], [], [_analysis()])
    assert doc["duplicates"] == []
    assert "not analysed again" not in report.render_text(doc)
    report.validate({k: v for k, v in doc.items() if k != "duplicates"})  # documents from a database lack it


def test_validate_rejects_a_duplicate_pointing_nowhere_or_of_an_unknown_kind():
    from storyledger.records import Duplicate

    doc = report.document([A], duplicates=[Duplicate(id="c3", duplicate_of="zz")])
    with pytest.raises(ValueError, match="unknown article 'zz'"):
        report.validate(doc)
    doc = report.document([A], duplicates=[Duplicate(id="c3", duplicate_of="a1", reason="similar")])
    with pytest.raises(ValueError, match="schema"):
        report.validate(doc)
