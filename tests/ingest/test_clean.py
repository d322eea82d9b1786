"""Tests of storyledger.ingest.clean: debris lines go, article sentences and headlines stay."""

from __future__ import annotations

import ast
import glob
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.ingest.clean import REASONS, clean_text, debris_reason, is_sentence_shaped

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "karabakh"
EVAL = ROOT.parent / "shared" / "eval"
# Rules anchored on an explicit marker at the start of the line ("Related:",
# "(Reporting by", "©") may remove a line that has a sentence's shape.
MARKER_REASONS = {
    "caption", "cookie_notice", "copyright", "editorial_credit", "newsletter", "related_link", "ui_notice"
}
_VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|said|says|will|would|can|could|did|does)\b|\b\w{3,}ed\b")


def _article_sentence(line: str) -> bool:
    """A long line ending with a stop that has a verb: what must never be removed."""
    return is_sentence_shaped(line) and len(line.split()) >= 8 and bool(_VERBISH.search(line))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("ARTICLE AD BOX", "ad_placeholder"),
        ("ADVERTISEMENT", "ad_placeholder"),
        ("Advertisement", "ad_placeholder"),
        ("SPONSORED CONTENT", "ad_placeholder"),
        ("Story continues below advertisement", "ad_placeholder"),
        ("Share this article", "share_prompt"),
        ("Share on Facebook", "share_prompt"),
        ("Copy link", "share_prompt"),
        ("Follow us on Twitter", "share_prompt"),
        ("Skip to content", "navigation"),
        ("Skip to main content", "navigation"),
        ("Home › World › Europe", "navigation"),
        ("Image caption, Volunteers fill sandbags near the bridge", "caption"),
        ("Image source, Getty Images", "caption"),
        ("Getty Images", "photo_credit"),
        ("AFP via Getty Images", "photo_credit"),
        ("REUTERS/Jane Doe", "photo_credit"),
        ("(AP Photo/John Roe)", "photo_credit"),
        ("Photo: Jane Doe", "photo_credit"),
        ("Sign up for our newsletter", "newsletter"),
        ("Sign up for our morning newsletter to get the latest news in your inbox.", "newsletter"),
        ("Read more: How the river defences were built", "related_link"),
        ("READ MORE: Ministers meet over budget gap.", "related_link"),
        ("More on this story", "related_link"),
        ("Related Topics", "related_link"),
        ("2 hours ago", "timestamp"),
        ("Updated 10:34 a.m. ET", "timestamp"),
        ("Published 30 September 2021", "timestamp"),
        ("Sept. 30, 2021 10:34 a.m. ET", "timestamp"),
        ("By Jane Doe, Staff Reporter", "byline"),
        ("By Jane Doe and John Roe", "byline"),
        ("Reporting by Jane Doe in Lisbon; Editing by John Roe", "editorial_credit"),
        ("Jane Doe contributed reporting from Lisbon.", "editorial_credit"),
        ("We use cookies to give you the best experience on our website.", "cookie_notice"),
        ("© 2021 Example Media. All rights reserved.", "copyright"),
        ("Comments (12)", "comment_prompt"),
        ("5 min read", "reading_time"),
        ("Listen to this article", "media_prompt"),
        ("Image 3 of 12", "media_prompt"),
        ("* * *", "decoration"),
        ("Published", "timestamp"),
        ("Sign in", "navigation"),
        ("Continue reading the main story", "navigation"),
        ("Advertisement - Scroll to continue", "ad_placeholder"),
        ("Loading...", "ui_notice"),
        ("To play this video you need to enable JavaScript in your browser.", "ui_notice"),
        ("Tags: flooding, weather", "navigation"),
        ("Lakers beat Nets in overtime [VIDEO]", "related_link"),
        ("5:45 AM PST 11/19/2019 by Jane Doe", "timestamp"),
    ],
)
def test_debris_lines_are_named(line: str, reason: str) -> None:
    assert reason in REASONS
    assert debris_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Flood waters rise along the Varna river",  # a headline has no final stop
        "Share prices plunge as markets open",
        "Search continues for missing climbers",
        "Home Secretary resigns",
        "Follow the money",
        "By the numbers",
        "Union sues Reuters over contract",
        "Copyright infringement cases have surged, lawyers say.",
        "Reporting by the local paper revealed that the firm had lied.",
        "Share this information with your neighbours, the mayor urged residents on Sunday.",
        "Monday",
        "6:05 p.m.",  # the heading of a live-report entry
        "The vote was 5 of 9",
        "More than 100 people have fled the region, officials said.",
        '"We will not leave," she said.',
        "Watch this space",
        "Supported by family, runner wins race",
        "Published by the ministry on Monday, the report found errors.",
        "Source: officials say five people died in the attack on Monday.",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    assert debris_reason(line) is None


def test_example_debris_line_is_removed_and_recorded() -> None:
    raw = (EXAMPLE / "000_14a5e15b448d7fca.txt").read_text(encoding="utf-8")
    text, removed = clean_text(raw)
    first_line = raw.splitlines()[0]
    assert [(r.start, r.end, r.reason) for r in removed] == [(0, len(first_line), "ad_placeholder")]
    assert raw[removed[0].start : removed[0].end] == first_line
    assert first_line not in text
    assert text.startswith(raw.splitlines()[1])


@pytest.mark.parametrize("path", sorted(EXAMPLE.glob("*.txt")), ids=lambda p: p.name)
def test_example_sentences_all_kept(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    text, removed = clean_text(raw)
    paragraphs = set(text.split("\n\n"))
    for line in raw.splitlines():
        if is_sentence_shaped(line):
            assert line.strip() in paragraphs
    for r in removed:
        assert not is_sentence_shaped(raw[r.start : r.end])


def test_paragraph_convention_and_offsets_with_crlf() -> None:
    raw = "  Title line  \r\n\r\n\r\n\r\nFirst para.\r\nADVERTISEMENT\r\nSecond   para\twith tabs.\r\n\r\n"
    text, removed = clean_text(raw)
    assert text == "Title line\n\nFirst para.\n\nSecond para with tabs."
    assert [raw[r.start : r.end] for r in removed] == ["ADVERTISEMENT"]


def test_soft_wraps_are_joined() -> None:
    raw = (
        "The committee met on Tuesday and agreed that the plan should be\n"
        "published in full before the end of the month, with all of its\n"
        "annexes and the cost estimates that the members had asked for.\n"
    )
    text, _ = clean_text(raw)
    assert "\n" not in text
    assert text.startswith("The committee met") and text.endswith("asked for.")
    assert clean_text("Dock workers\nreturned on Monday.\nThe union agreed.")[0] == (
        "Dock workers returned on Monday.\n\nThe union agreed."
    )


def test_line_filter_keeps_offsets_in_raw() -> None:
    raw = "**ADVERTISEMENT**\n# A headline\nBody text here."
    text, removed = clean_text(raw, line_filter=lambda s: s.replace("**", "").lstrip("# "))
    assert text == "A headline\n\nBody text here."
    assert raw[removed[0].start : removed[0].end] == "**ADVERTISEMENT**"


_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["ADVERTISEMENT", "Share this", "", "   ", "Officials said the bridge would reopen soon.",
             "A headline without a stop", "2 hours ago", "Image caption, a caption", "\t", "lower case line"]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_clean_text_invariants(lines: list[str], newline: str) -> None:
    raw = newline.join(lines)
    text, removed = clean_text(raw)
    assert text == text.strip()
    assert "\n\n\n" not in text
    previous_end = 0
    for r in removed:
        assert previous_end <= r.start < r.end <= len(raw)
        assert raw[r.start : r.end].strip() == raw[r.start : r.end]
        assert r.reason in REASONS
        previous_end = r.end
    # Cleaning only drops lines, whitespace and invisible characters: every kept word was received.
    raw_words = set(re.findall(r"\w+", re.sub("[\u200b-\u200d\u2060\ufeff\u00ad]", "", raw)))
    assert set(re.findall(r"\w+", text)) <= raw_words


def _real_article_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(EVAL.glob("newswcl50/1-raw-articles/*/*.txt"))]
    for path in sorted(glob.glob(str(EVAL / "basil" / "articles" / "*" / "*.json")))[:120]:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        paragraphs = doc.get("body-paragraphs")
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        texts.append("\n".join(" ".join(p) for p in paragraphs or []))
    for path in sorted(glob.glob(str(EVAL / "polnear" / "data" / "*" / "text" / "*")))[:300]:
        texts.append(Path(path).read_text(encoding="utf-8", errors="replace"))
    truth = EVAL / "article_extraction_benchmark" / "ground-truth.json"
    if truth.is_file():
        texts += [d.get("articleBody", "") for d in json.loads(truth.read_text(encoding="utf-8")).values()]
    return texts


@pytest.mark.skipif(not EVAL.is_dir(), reason="evaluation data not present")
def test_no_real_article_sentence_is_removed() -> None:
    texts = _real_article_texts()
    if not texts:
        pytest.skip("no article texts in the evaluation data")
    sentences = removed_sentences = 0
    for raw in texts:
        sentences += sum(1 for line in raw.splitlines() if _article_sentence(line))
        for r in clean_text(raw)[1]:
            line = raw[r.start : r.end]
            if _article_sentence(line):
                removed_sentences += 1
                assert r.reason in MARKER_REASONS, (r.reason, line)
    assert sentences > 1000
    assert removed_sentences <= sentences * 0.002


def test_copied_page_furniture_block() -> None:
    raw = (
        "Refugees flood across the border\nPublished\n30 September 2021\nShare\nclose panel\nShare page\n"
        "Copy link\nAbout sharing\nImage source, Getty Images\nImage caption,\n"
        "Refugees queue at the crossing point on Saturday.\n"
        "More than 100 people crossed the border overnight, officials said.\nRelated Topics\n"
    )
    text, removed = clean_text(raw)
    assert text == (
        "Refugees flood across the border\n\nMore than 100 people crossed the border overnight, officials said."
    )
    assert len(removed) == 11
    # The caption announced by a bare "Image caption," marker goes with it.
    assert (raw[removed[9].start : removed[9].end], removed[9].reason) == (
        "Refugees queue at the crossing point on Saturday.", "caption"
    )
