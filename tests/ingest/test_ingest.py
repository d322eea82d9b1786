"""Tests of storyledger.ingest.jobs and its readers, on small real fixture files."""

from __future__ import annotations

import functools
import gzip
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyledger.ingest import readers as _readers
from storyledger.ingest.encoding import decode_bytes
from storyledger.ingest.readers import normalise_date
from storyledger.ingest.jobs import (
    READERS,
    ingest,
    load_manifest,
    plan_ingest,
    read_job,
    supported_extension,
)
from storyledger.errors import IngestError
from storyledger.records import Article, Skip, content_id

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = ROOT / "examples" / "karabakh"


def _run(*paths: str | Path, **kwargs) -> tuple[list[Article], list[Skip]]:
    items = list(ingest([str(p) for p in paths], **kwargs))
    for item in items:
        assert isinstance(item, (Article, Skip))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)]


def _check_article(article: Article) -> None:
    assert article.text and article.text == article.text.strip()
    assert "\n\n\n" not in article.text
    assert article.id
    assert article.published is None or normalise_date(article.published) == article.published
    for r in article.removed:
        assert 0 <= r.start < r.end


# ---------------------------------------------------------------- the example


def test_example_folder_reads_three_reports_with_manifest() -> None:
    articles, skips = _run(EXAMPLE)
    assert [Path(a.path).name for a in articles] == sorted(p.name for p in EXAMPLE.glob("*.txt"))
    assert skips == []  # the folder's README.md is passed over, not read and not reported
    manifest = load_manifest(str(EXAMPLE / "manifest.json"))
    for article in articles:
        entry = manifest[Path(article.path).name]
        assert article.source == entry.get("source")
        assert article.published == entry.get("published")
        assert article.id == content_id("a", article.text)
        _check_article(article)
    first = articles[0]
    raw = Path(first.path).read_text(encoding="utf-8")
    assert len(first.removed) == 1 and first.removed[0].reason == "ad_placeholder"
    assert raw[first.removed[0].start : first.removed[0].end] == raw.splitlines()[0]
    assert not articles[1].removed and not articles[2].removed


def test_ingest_is_deterministic_and_reads_a_file_once() -> None:
    once = list(ingest([str(EXAMPLE)]))
    twice = list(ingest([str(EXAMPLE), str(EXAMPLE / "000_14a5e15b448d7fca.txt")]))
    assert once == twice


# ---------------------------------------------------------------- formats


def test_plain_text_debris_and_offsets() -> None:
    (article,), skips = _run(DATA / "ingest_plain.txt")
    assert not skips
    raw = (DATA / "ingest_plain.txt").read_text(encoding="utf-8")
    assert [r.reason for r in article.removed] == [
        "ad_placeholder", "timestamp", "share_prompt", "caption", "related_link", "newsletter"
    ]
    assert [raw[r.start : r.end] for r in article.removed][:3] == ["ADVERTISEMENT", "2 hours ago", "Share this article"]
    assert article.title == "Flood waters rise along the Varna river"
    assert article.text.endswith("Emergency crews evacuated two care homes before dawn.")
    assert "Sign up" not in article.text and "Image caption" not in article.text


def test_front_matter_and_offsets_into_the_file(tmp_path: Path) -> None:
    (article,), _ = _run(DATA / "ingest_front.txt")
    assert (article.title, article.source, article.published, article.url) == (
        "Harbour strike ends after nine days", "Coastal Times", "2024-03-05", "https://example.org/harbour-strike"
    )
    assert article.text.startswith("Dock workers returned")
    path = tmp_path / "fm.txt"
    raw = "---\ntitle: T\n---\nSome real text here.\nADVERTISEMENT\nMore text.\n"
    path.write_text(raw, encoding="utf-8")
    (article,), _ = _run(path)
    assert [raw[r.start : r.end] for r in article.removed] == ["ADVERTISEMENT"]


def test_malformed_front_matter_is_ignored_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("---\ntitle: [unclosed\n---\nThe body stays.\n", encoding="utf-8")
    (article,), _ = _run(path)
    assert article.text == "The body stays." and article.title is None
    path.write_text("---\nA line between rules.\n---\nThe body stays.\n", encoding="utf-8")
    (article,), _ = _run(path)
    assert article.text == "A line between rules.\n\nThe body stays."


def test_markdown() -> None:
    (article,), _ = _run(DATA / "ingest_article.md")
    assert article.title == "Council approves new tram line"
    assert article.published == "2024-03-07"
    assert "**" not in article.text and "](" not in article.text and "> " not in article.text
    assert "The city council approved a new tram line on Thursday, with construction due" in article.text
    assert "The line will run 14 kilometres." in article.text.split("\n\n")


def test_encodings(tmp_path: Path) -> None:
    (cp1252,), _ = _run(DATA / "ingest_cp1252.txt")
    assert "café" in cp1252.text and "“We are back,”" in cp1252.text and "Jänner" in cp1252.text
    (bom,), _ = _run(DATA / "ingest_bom.txt")
    assert bom.text.startswith("A quiet")
    # Written here, not kept as a fixture, so that no checkout setting can rewrite its line ends.
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Dock workers\r\nreturned to work on Monday.\r\nADVERTISEMENT\r\nThe union said members accepted the deal.\r\n")
    (crlf,), _ = _run(path)
    assert [r.start for r in crlf.removed] == [43]  # true offsets: "\r\n" counts two
    assert crlf.text == "Dock workers returned to work on Monday.\n\nThe union said members accepted the deal."
    cyrillic = ("Правительство объявило о новых мерах поддержки для семей. " * 3).encode("cp1251")
    assert decode_bytes(cyrillic)[0].startswith("Правительство")
    assert decode_bytes("Zürich".encode("utf-16"))[0] == "Zürich"
    # A byte cp1252 leaves undefined does not spoil the rest of the text.
    assert decode_bytes(b"caf\xe9 \x81 \x93ok\x94")[0] == "café \x81 “ok”"


@pytest.mark.parametrize(
    ("name", "words"),
    [("ingest_binary.txt", "binary"), ("ingest_empty.txt", "empty"), ("ingest_broken.rss", "not a readable")],
)
def test_bad_files_give_one_clear_skip(name: str, words: str) -> None:
    articles, skips = _run(DATA / name)
    assert not articles
    assert len(skips) == 1 and skips[0].input == str(DATA / name) and words in skips[0].reason


def test_size_limit_and_unsupported_types(tmp_path: Path) -> None:
    _, (skip,) = _run(DATA / "ingest_plain.txt", max_bytes=100)
    assert "limit" in skip.reason
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4")
    _, (skip,) = _run(other)
    assert skip.input == str(other) and "unsupported" in skip.reason
    _, (skip,) = _run(tmp_path / "missing.txt")
    assert "no such file" in skip.reason
    whitespace = tmp_path / "blank.txt"
    whitespace.write_text("  \n\n\t\n", encoding="utf-8")
    _, (skip,) = _run(whitespace)
    assert "blank" in skip.reason
    debris = tmp_path / "debris.txt"
    debris.write_text("ADVERTISEMENT\nShare this article\n", encoding="utf-8")
    _, (skip,) = _run(debris)
    assert "debris" in skip.reason


def test_html_page() -> None:
    (article,), _ = _run(DATA / "ingest_page.html")
    assert article.title == "Wildfire forces evacuation of hill towns"
    assert article.source == "The Daily Courier"
    assert article.published == "2024-07-14"
    assert article.url == "https://courier.example.com/news/wildfire-hill-towns"
    assert "About 2,500 people left their homes overnight" in article.text
    for debris in ("Skip to content", "ADVERTISEMENT", "Share this article", "Great reporting", "newsletter", "©"):
        assert debris not in article.text


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((DATA / "ingest_page.html").read_bytes()))
    (article,), _ = _run(path)
    assert article.source == "The Daily Courier"
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    _, (skip,) = _run(broken)
    assert "gzip" in skip.reason


def test_jsonl_lines_ids_and_skips() -> None:
    articles, skips = _run(DATA / "ingest_lines.jsonl")
    assert [a.id for a in articles] == ["wire-001", content_id("a", articles[1].text), "42"]
    first = articles[0]
    assert (first.title, first.source, first.published, first.url) == (
        "Central bank raises rates", "Wire One", "2024-05-08", "https://wire.example.com/rates"
    )
    assert articles[1].published == "2024-05-09T14:30:00+00:00"
    assert articles[2].source == "Arts Desk" and "east wing" in articles[2].text
    path = str(DATA / "ingest_lines.jsonl")
    assert [s.input for s in skips] == [f"{path}:4", f"{path}:5", f"{path}:6", f"{path}:8"]
    assert "malformed JSON" in skips[0].reason and "object" in skips[1].reason
    assert "text" in skips[2].reason and "id" in skips[3].reason
    assert all(a.path == path for a in articles)


def test_feeds() -> None:
    articles, skips = _run(DATA / "ingest_feed.rss", DATA / "ingest_feed.atom")
    assert [a.title for a in articles] == [
        "Bridge reopens after repairs", "School year to start a week later", "Ferry timetable changes"
    ]
    bridge = articles[0]
    assert bridge.source == "Valley Gazette" and bridge.url == "https://gazette.example.net/bridge-reopens"
    assert bridge.published == "2024-06-03T08:15:00+00:00"
    assert "Engineers replaced two of its arches." in bridge.text and "track()" not in bridge.text
    assert "<p>" not in articles[1].text
    assert articles[2].source == "Harbour Bulletin" and articles[2].published == "2024-06-05T11:00:00+00:00"
    assert [s.input for s in skips] == [f"{DATA / 'ingest_feed.rss'}#entry3"]


def test_warc(tmp_path: Path) -> None:
    articles, skips = _run(DATA / "ingest_archive.warc.gz")
    assert not skips
    assert [a.url for a in articles] == ["https://news.example.com/power-cut", "https://news.example.com/library-hours"]
    assert articles[0].published == "2024-02-20"  # from the page
    assert articles[1].published == "2024-03-01T12:00:00+00:00"  # from WARC-Date
    data = (DATA / "ingest_archive.warc.gz").read_bytes()
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    items = list(ingest([str(truncated)]))
    assert isinstance(items[-1], Skip) and items[-1].input == str(truncated)


# ---------------------------------------------------------------- folders, globs, manifests


def test_folder_walk_manifest_readme_hidden_and_unknown() -> None:
    folder = DATA / "ingest_folder"
    articles, skips = _run(folder)
    assert [a.path for a in articles] == [str(folder / "a_first.txt"), str(folder / "sub" / "b_second.md")]
    first, second = articles
    assert (first.source, first.published, first.url) == ("Manifest Post", "2024-01-02", None)
    # The manifest overrides front matter where it has a value and leaves the rest.
    assert (second.source, second.title, second.published) == ("Second Source", "Given title", "2023-12-31")
    assert skips == []  # README.md passed over silently, like unknown types


def test_explicit_manifest_and_bad_manifest(tmp_path: Path) -> None:
    (article,), _ = _run(DATA / "ingest_plain.txt", manifest=str(DATA / "ingest_manifest.json"))
    assert article.source == "Explicit Manifest" and article.published == "2024-04-01T06:00:00+00:00"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    articles, skips = _run(DATA / "ingest_plain.txt", manifest=str(bad))
    assert len(articles) == 1 and skips[0].input == str(bad) and "JSON" in skips[0].reason
    with pytest.raises(IngestError):
        load_manifest(str(tmp_path / "absent.json"))


def test_globs(tmp_path: Path) -> None:
    articles, skips = _run(DATA / "ingest_f*")  # the feeds, the folder and the front-matter file
    assert {Path(a.path).name for a in articles} >= {"ingest_feed.rss", "a_first.txt", "ingest_front.txt"}
    _, (skip,) = _run(tmp_path / "*.nothing")
    assert "no file matches" in skip.reason


def test_on_file_reports_progress() -> None:
    calls: list[tuple[str, int, int]] = []
    list(ingest([str(EXAMPLE)], on_file=lambda path, i, n: calls.append((path, i, n))))
    assert [(i, n) for _, i, n in calls] == [(1, 3), (2, 3), (3, 3)]


def test_jobs_pickle_and_a_runner_keeps_the_order() -> None:
    jobs, skips = plan_ingest([str(EXAMPLE)])
    assert [Path(j.path).name for j in jobs] == sorted(p.name for p in EXAMPLE.glob("*.txt"))
    assert dict(jobs[0].meta)["source"] == "BBC News" and skips == []
    read = pickle.loads(pickle.dumps(functools.partial(read_job, max_bytes=1_000_000)))
    assert read(pickle.loads(pickle.dumps(jobs[0])))[0].source == "BBC News"

    class ReversingRunner:
        """Computes in reverse order, returns in input order, like a real pool."""

        def map(self, fn, items):
            items = list(items)
            return iter(list(reversed([fn(i) for i in reversed(items)])))

    assert list(ingest([str(EXAMPLE)], runner=ReversingRunner())) == list(ingest([str(EXAMPLE)]))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-30", "2023-09-30"),
        ("2023-09-30T10:15:00Z", "2023-09-30T10:15:00+00:00"),
        ("Sat, 30 Sep 2023 10:00:00 GMT", "2023-09-30T10:00:00+00:00"),
        ("30 September 2023", "2023-09-30"),
        ("September 30, 2023", "2023-09-30"),
        ("September 2023", None),
        ("2023", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20230930, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_supported_extension() -> None:
    assert supported_extension("x/Story.TXT") == (".txt", False)
    assert supported_extension("crawl.warc.gz") == (".warc.gz", False)
    assert supported_extension("feed.xml.gz") == (".xml", True)
    assert supported_extension("data.csv") == (None, False)


# ---------------------------------------------------------------- never an exception

_FIXTURES = sorted(p for p in DATA.glob("ingest_*") if p.is_file() and supported_extension(p.name)[0])
_MARKUP = st.lists(
    st.one_of(
        st.sampled_from(
            ["<html>", "<body>", "<p>", "</p>", "<article>", "<div>", "</div>", "<script>", "<![CDATA[", "]]>",
             "<rss>", "<channel>", "<item>", "<title>", "</title>", "<entry>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
             "{", "}", '"text":', '"id":', "[", "]", "\n", "---\n", "WARC/1.0\r\n", "&amp;", "&#0;", "\x00", "é",
             "ADVERTISEMENT", "The minister said the talks would resume on Monday."]
        ),
        st.text(max_size=20),
    ),
    max_size=30,
).map("".join)


def _assert_items(items: list) -> None:
    for item in items:
        if isinstance(item, Skip):
            assert item.input and item.reason and "\n" not in item.reason
        else:
            assert isinstance(item, Article)
            _check_article(item)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=600), _MARKUP.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_every_reader_survives_random_input(data: bytes) -> None:
    for ext, reader in READERS.items():
        _assert_items(list(reader(data, f"random{ext}")))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FIXTURES), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_fixtures_never_raise(source: Path, share: float) -> None:
    data = source.read_bytes()
    cut = data[: int(len(data) * share)]
    ext, compressed = supported_extension(source.name)
    if compressed:
        cut = gzip.compress(gzip.decompress(data)[: int(len(gzip.decompress(data)) * share)])
    _assert_items(list(READERS[ext](cut, source.name)))


def test_truncated_files_through_ingest(tmp_path: Path) -> None:
    for source in _FIXTURES:
        target = tmp_path / source.name
        shutil.copy(source, target)
        data = source.read_bytes()
        target.write_bytes(data[: len(data) // 2])
        items = list(ingest([str(target)]))
        assert items, source.name
        _assert_items(items)


def test_readers_cover_every_format() -> None:
    assert set(READERS) >= {".txt", ".md", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz"}
    assert _readers.html_to_text("<p>a &amp; b</p><style>x</style>").strip() == "a & b"


def test_a_failing_reader_becomes_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, path: str):
        raise RuntimeError("reader bug\nwith two lines")
        yield  # pragma: no cover

    monkeypatch.setitem(READERS, ".txt", broken)
    _, (skip,) = _run(DATA / "ingest_plain.txt")
    assert "RuntimeError" in skip.reason and "\n" not in skip.reason


def test_warc_limit_applies_per_record() -> None:
    articles, skips = _run(DATA / "ingest_archive.warc.gz", max_bytes=450)
    assert [a.url for a in articles] == ["https://news.example.com/library-hours"]
    assert [s.input for s in skips] == [f"{DATA / 'ingest_archive.warc.gz'}#https://news.example.com/power-cut"]


# ---------------------------------------------------------------- hostile names and dates

BODY = ("Officials said 40 people were hurt in the fire at the market on Monday.\n\n"
        "The mayor said the city would rebuild the market within a year.\n")


def test_a_file_name_that_is_not_utf8_is_read_and_stored_escaped(tmp_path: Path) -> None:
    import json
    import os

    folder = os.fsencode(tmp_path)
    with open(folder + b"/x\xff.txt", "wb") as fh:
        fh.write(BODY.encode())
    with open(folder + b"/bad\xfe.pdf", "wb") as fh:
        fh.write(b"%PDF")
    (tmp_path / "line\nskipped forged: x.txt").write_bytes(b"")
    (article,), skips = _run(tmp_path)
    assert article.path == f"{tmp_path}/x\\xff.txt"
    json.dumps([article.path] + [s.input for s in skips], ensure_ascii=False).encode("utf-8")  # no surrogates left
    (named,) = list(ingest([os.fsdecode(folder + b"/bad\xfe.pdf")]))
    assert named.input.endswith("/bad\\xfe.pdf") and "unsupported file type" in named.reason
    (missing,) = list(ingest([os.fsdecode(folder + b"/gone\xfd.txt")]))
    assert missing.input.endswith("/gone\\xfd.txt") and missing.reason == "no such file or folder"
    (empty,) = skips  # the name with a newline is read (an empty file) and named as it is
    assert empty.input == f"{tmp_path}/line\nskipped forged: x.txt"


@pytest.mark.parametrize(
    "given, kept, warned",
    [
        ("2023-02-30", None, "not a usable date"),
        ("2150-01-01", None, "in the future"),
        ("2999-01-01", None, "not between 1800 and 2200"),
        ("1700-05-01", None, "not a usable date"),
        ("2023-02-28", "2023-02-28", None),
        ("2023-02-28 10:30:00", "2023-02-28T10:30:00", None),
    ],
)
def test_a_bad_or_absurd_date_is_dropped_with_a_warning_and_the_article_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, given: str, kept: str | None, warned: str | None
) -> None:
    page = tmp_path / "a.txt"
    page.write_text(f"---\ntitle: Market fire\npublished: {given}\n---\n{BODY}", encoding="utf-8")
    lines = tmp_path / "b.jsonl"
    lines.write_text('{"text": "%s", "published": "%s"}\n' % (BODY.replace("\n", "\\n"), given), encoding="utf-8")
    with caplog.at_level("WARNING", logger="storyledger.ingest.readers"):
        for source in (page, lines):
            (article,), skips = _run(source)
            assert not skips and article.published == kept
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    if warned is None:
        assert warnings == []
    else:
        assert len(warnings) == 2 and all(warned in w and "\n" not in w and given in w for w in warnings)
        assert warnings[0].startswith(str(page))


def test_a_bad_manifest_date_is_dropped_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"a.txt": {"source": "Gazette", "published": "2023-13-01"}}')
    with caplog.at_level("WARNING", logger="storyledger.ingest.readers"):
        (article,), _ = _run(tmp_path)
    assert (article.source, article.published) == ("Gazette", None)
    assert any("manifest" in r.getMessage() and "2023-13-01" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- duplicates accounted for


def test_account_articles_lists_each_duplicate_with_the_article_kept() -> None:
    from storyledger.ingest import account_articles, unique_articles

    items = [
        Article(id="r1", text="A blast killed 12 people.\n\nRescuers searched.", path="in.jsonl"),
        Skip(input="bad.jsonl", reason="not valid JSON"),
        Article(id="r2", text="A blast  killed 12 people. Rescuers\nsearched.", path="in.jsonl"),
        Article(id="r1", text="Another text under a reused id.", path="more.jsonl"),
        Article(id="r3", text="Floods displaced families.", path="in.jsonl"),
        Article(id="r4", text="Floods displaced families.", path="in.jsonl"),
    ]
    articles, skipped, duplicates = account_articles(items)
    assert [a.id for a in articles] == ["r1", "r3"]
    assert skipped == [Skip(input="bad.jsonl", reason="not valid JSON")]
    assert [(d.id, d.duplicate_of, d.reason, d.input) for d in duplicates] == [
        ("r2", "r1", "same_text", "in.jsonl"),
        ("r1", "r1", "same_id", "more.jsonl"),
        ("r4", "r3", "same_text", "in.jsonl"),
    ]
    assert unique_articles(items) == (articles, skipped)


_WORDS = st.sampled_from(["blast", "market", "killed", "twelve", "people", "floods"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.lists(_WORDS, min_size=1, max_size=3)),
                min_size=1, max_size=12))
def test_every_input_record_is_an_article_or_a_duplicate_of_one(records) -> None:
    from storyledger.ingest import account_articles

    items = [Article(id=i, text=" ".join(words)) for i, words in records]
    articles, _, duplicates = account_articles(items)
    kept = {a.id: a for a in articles}
    assert len(kept) == len(articles)
    assert len(articles) + len(duplicates) == len(items)
    assert len({" ".join(a.text.split()) for a in articles}) == len(articles)
    for d in duplicates:
        assert d.duplicate_of in kept
        if d.reason == "same_text":
            assert any(a.id == d.id and a.text == kept[d.duplicate_of].text for a in items)
        else:
            assert d.reason == "same_id" and d.id == d.duplicate_of
    assert {a.id for a in items} <= set(kept) | {d.id for d in duplicates}
