"""JSON formats of the news-data ecosystem: news-please, IPTC ninjs 1.x and 2.x, and a field mapping for any JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.cli import cli
from storyledger.errors import IngestError
from storyledger.ingest import ingest, parse_field_mapping, recognise
from storyledger.ingest.formats import FIELDS, read_json, read_jsonl
from storyledger.records import Article, Skip

DATA = Path(__file__).parents[1] / "data" / "formats"


def _read(paths, **kwargs):
    items = list(ingest([str(p) for p in paths], **kwargs))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)]


def test_a_folder_of_news_please_files_is_read_from_their_own_fields():
    articles, skips = _read([DATA / "news_please"])
    assert skips == []
    by_source = {a.source: a for a in articles}
    assert set(by_source) == {"harbour-gazette.example", "coastal-times.example"}
    first = by_source["harbour-gazette.example"]
    assert first.title == "Crane collapses at container terminal"
    assert first.published == "2026-03-14T17:40:00"
    assert first.url == "https://harbour-gazette.example/news/crane-collapse"
    assert first.text.startswith("A crane collapsed at the northern container terminal")
    assert "injuring four dock workers" in first.text  # maintext, not the description
    second = by_source["coastal-times.example"]
    assert second.published == "2026-03-15T09:15:00+00:00"


def test_a_json_lines_of_ninjs_1_and_2_objects_is_read_from_their_own_fields():
    articles, skips = _read([DATA / "ninjs.jsonl"])
    assert skips == []
    one, two = articles
    assert (one.id, one.title, one.source) == (
        "urn:newsml:wire.example:20260314:crane-1", "Crane collapses at northern container terminal", "Wire Example",
    )
    assert one.published == "2026-03-14T16:05:00+00:00"  # versioncreated, not firstcreated
    assert one.url is None  # a URN is an id, not an address
    assert two.title == "Five hurt in crane collapse, port authority says"  # the main headline, not the short one
    assert two.source == "Harbour Wire"
    assert two.url == two.id == "https://wire.example/2026/03/15/crane-update"
    assert two.text == (
        "Five dock workers were injured when a crane collapsed at the northern container terminal on Saturday, "
        "the port authority said on Sunday.\n\nIt had earlier counted four injured."
    )


def test_any_json_lines_is_read_through_a_field_mapping():
    fields = parse_field_mapping(["text=body", "published=meta.pubDate", "title=headline", "source=meta.site",
                                  "url=link", "id=guid"])
    articles, skips = _read([DATA / "mapped.jsonl"], fields=fields)
    (article,) = articles
    assert (article.id, article.title, article.source, article.published, article.url) == (
        "cms-118", "Crane collapse at terminal", "Port Daily", "2026-03-14T18:00:00+00:00", "https://port-daily.example/crane",
    )
    (skip,) = skips
    assert skip.input.endswith("mapped.jsonl:2") and "after the field mapping" in skip.reason
    # without the mapping nothing in the file is one of our fields: each line says so
    articles, skips = _read([DATA / "mapped.jsonl"])
    assert articles == [] and len(skips) == 2 and all("no `text` or `html`" in s.reason for s in skips)


def test_recognise_tells_the_formats_apart():
    assert recognise({"text": "Body."}).format == "storyledger"
    assert recognise({"maintext": "Body.", "title": "T"}).format == "news-please"
    assert recognise({"uri": "urn:x", "versioncreated": "2026-01-01", "body_text": "Body."}).format == "ninjs-1"
    assert recognise({"uri": "urn:x", "bodies": [{"value": "Body."}]}).format == "ninjs-2"
    assert recognise({"$standard": {"name": "ninjs", "version": "2.0"}, "uri": "urn:x"}).format == "ninjs-2"
    # our own fields win over look-alikes: a storyledger line that also carries a `maintext`
    assert recognise({"text": "Ours.", "maintext": "Theirs."}).text == "Ours."
    assert recognise({"body": "B."}, (("text", "body"),)).format == "mapped"


def test_a_news_please_object_without_maintext_falls_back_to_its_description():
    found = recognise({"maintext": None, "description": "Only a lead.", "source_domain": "x.example",
                       "date_publish": "2026-01-02 03:04:05"})
    assert (found.format, found.text, found.source, found.published) == (
        "news-please", "Only a lead.", "x.example", "2026-01-02 03:04:05",
    )


def test_ninjs_bodies_prefer_plain_text_and_the_main_role():
    found = recognise({"uri": "urn:y", "bodies": [
        {"role": "summary", "contenttype": "text/plain", "value": "Summary."},
        {"role": "main", "contenttype": "text/html", "value": "<p>Main HTML.</p>"},
        {"contenttype": "text/plain", "value": "Main text."},
    ]})
    assert found.text == "Main text."
    assert found.html == "<p>Main HTML.</p>"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "malformed JSON"),
        (b"[1, 2]", "must be an object"),
        (b'{"maintext": "", "source_domain": "x", "date_publish": "2026-01-01"}', "`maintext` or `description`"),
        (b'{"uri": "urn:z", "versioncreated": "2026-01-01", "body_text": "  "}', "`body_text`"),
        (b'{"text": "Body.", "id": true}', "`id` must be"),
        (b"\xff\xfe\x00\xd8 broken", ""),
    ],
)
def test_bad_json_files_give_one_line_reasons(data, reason):
    items = list(read_json(data, "in.json"))
    assert items and all(isinstance(i, Skip) for i in items)
    assert all(reason in i.reason and "\n" not in i.reason and i.input.startswith("in.json") for i in items)


def test_a_json_file_may_hold_an_array_or_json_lines():
    array = json.dumps([{"text": "First body."}, {"maintext": "Second body.", "title": "T"}, 3]).encode()
    items = list(read_json(array, "a.json"))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Skip"]
    assert items[2].input == "a.json[2]"
    lines = b'{"text": "First body."}\n{"maintext": "Second body."}\n'
    assert [a.text for a in read_json(lines, "b.json")] == ["First body.", "Second body."]


@pytest.mark.parametrize(
    ("specs", "message"),
    [(["text"], "NAME=SOURCE_FIELD"), (["text="], "NAME=SOURCE_FIELD"), (["body=text"], "unknown field 'body'"),
     (["text=a", "text=b"], "mapped twice")],
)
def test_a_bad_field_mapping_is_a_clear_error(specs, message):
    with pytest.raises(IngestError, match=message):
        parse_field_mapping(specs)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), st.text(alphabet="abcdefgh.", min_size=1, max_size=12).filter(
    lambda s: s.strip("."))))
def test_a_field_mapping_round_trips_through_its_specs(mapping):
    specs = [f"{name}={source}" for name, source in mapping.items()]
    assert dict(parse_field_mapping(specs)) == mapping


def test_a_dotted_source_field_reads_nested_objects_and_a_literal_dotted_name_wins():
    line = json.dumps({"a": {"b": "Nested body."}, "a.b": "Literal body."}).encode()
    (article,) = read_jsonl(line, "x.jsonl", fields=(("text", "a.b"),))
    assert article.text == "Literal body."
    line = json.dumps({"a": {"b": {"c": "Deep body."}}}).encode()
    (article,) = read_jsonl(line, "x.jsonl", fields=(("text", "a.b.c"),))
    assert article.text == "Deep body."


def test_the_cli_takes_field_mappings_and_rejects_bad_ones():
    runner = CliRunner()
    ok = runner.invoke(cli, ["extract", str(DATA / "mapped.jsonl"), "--format", "json",
                             "--field", "text=body", "--field", "published=meta.pubDate", "--field", "source=meta.site"])
    assert ok.exit_code == 0, ok.output
    doc = json.loads(ok.stdout)
    assert [(a["source"], a["published"]) for a in doc["articles"]] == [("Port Daily", "2026-03-14T18:00:00+00:00")]
    bad = runner.invoke(cli, ["extract", str(DATA / "mapped.jsonl"), "--field", "body=text"])
    assert bad.exit_code == 2 and "unknown field 'body'" in bad.output and "Traceback" not in bad.output


def test_news_please_files_and_ninjs_lines_are_analysed_together():
    result = CliRunner().invoke(cli, ["analyze", str(DATA / "news_please"), str(DATA / "ninjs.jsonl"),
                                      "--format", "json", "--runner", "serial", "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["skipped"] == []
    assert sorted(a["source"] for a in doc["articles"]) == [
        "Harbour Wire", "Wire Example", "coastal-times.example", "harbour-gazette.example"]
    assert all(a["published"] and a["title"] for a in doc["articles"])
    (story,) = doc["stories"]
    assert len(story["article_ids"]) == 4 and story["brief"]
