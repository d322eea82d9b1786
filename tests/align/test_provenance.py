"""Tests for storyledger.align.provenance: each derivation verdict, direction, and the bundled example."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from storyledger.align.story import align_story
from storyledger.align.provenance import derive, reuse_evidence, rewording_marks
from storyledger.records import Alignment, Article, Derivation, Span
from storyledger.text.segment import segment_article

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "karabakh"


def _read(name: str) -> str:
    return (DATA / f"align_{name}.txt").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _aligned(ids: tuple[str, ...], texts: tuple[str, ...]):
    """Sentences and alignments of a story; dates play no part in alignment, so cached by text."""
    articles = [Article(id=i, text=t) for i, t in zip(ids, texts)]
    sentences = {a.id: segment_article(a) for a in articles}
    return sentences, align_story(articles, sentences)


def _derive(*articles: Article):
    sentences, alignments = _aligned(tuple(a.id for a in articles), tuple(a.text for a in articles))
    return derive(articles, sentences, alignments)


@pytest.fixture(scope="module")
def source_and_rewrite():
    return _read("source"), _read("reworded")


@pytest.mark.parametrize(
    "dates",
    [
        (None, None),
        ("2024-05-01", "2024-05-02"),
        # the rewrite dated earlier (it copied an earlier version): dates alone do not decide
        ("2024-05-03", "2024-05-01"),
    ],
)
def test_reworded_copy_is_a_rewrite_of_its_source(source_and_rewrite, dates):
    src, rew = source_and_rewrite
    (d,) = _derive(Article(id="src", text=src, published=dates[0]), Article(id="rew", text=rew, published=dates[1]))
    assert (d.derived_id, d.source_id, d.relation) == ("rew", "src", "rewrite")
    assert d.share > 0.7
    assert any(s.startswith("rewording_marks:") and int(s.split(":")[1]) >= 5 for s in d.signals)
    assert any(s.startswith("order_preserved:") and float(s.split(":")[1]) >= 0.9 for s in d.signals)


def test_reworded_copy_listed_first_is_still_the_derived_one(source_and_rewrite):
    src, rew = source_and_rewrite
    (d,) = _derive(Article(id="rew", text=rew), Article(id="src", text=src))
    assert (d.derived_id, d.source_id) == ("rew", "src")


def test_verbatim_copy_published_later_is_a_copy(source_and_rewrite):
    src, _ = source_and_rewrite
    lines = src.splitlines()
    copy = "\n".join(lines[:8] + ["Readers can send photos of the flooding to our newsroom."])
    (d,) = _derive(Article(id="src", text=src, published="2024-05-01"), Article(id="cp", text=copy, published="2024-05-02"))
    assert (d.derived_id, d.source_id, d.relation) == ("cp", "src", "copy")
    assert d.share > 0.8


def test_identical_undated_texts_are_a_copy_of_unknown_direction(source_and_rewrite):
    src, _ = source_and_rewrite
    (d,) = _derive(Article(id="a", text=src), Article(id="b", text=src))
    assert (d.relation, d.direction) == ("copy", "unknown")
    assert "no_dates_and_weak_text" in d.signals


def test_same_facts_in_own_words_are_no_derivation(source_and_rewrite):
    """An independent report of the same flood: paraphrases of the same facts, no reused text."""
    src, _ = source_and_rewrite
    own = _read("independent")
    sentences, alignments = _aligned(("src", "own"), (src, own))
    assert sum(al.kind == "paraphrase" for al in alignments) >= 2  # the facts do align
    for dates in ((None, None), ("2024-05-01", "2024-05-02")):
        arts = [Article(id="src", text=src, published=dates[0]), Article(id="own", text=own, published=dates[1])]
        assert derive(arts, sentences, alignments) == ()


def test_reuse_evidence_of_two_sentences():
    a = "Emergency crews used boats on Tuesday to reach families trapped on the upper floors of their houses."
    assert reuse_evidence(a, a) == "verbatim_run"
    swapped = "Emergency teams used boats on Tuesday to reach households stuck on the upper floors of their houses."
    assert reuse_evidence(a, swapped) == "same_structure"
    own_words = "Rescuers in boats pulled families from the top floors of flooded houses through the night."
    assert reuse_evidence(a, own_words) is None
    # the same quote, each outlet with its own attribution: a common source, not a verbatim run of either
    q = '"We warned for years that the wall would not hold, and nobody listened"'
    assert reuse_evidence(f"{q}, the mayor said.", f"{q}, Ines Vardaman told reporters.") is None


def test_a_verbatim_copy_dated_earlier_than_a_weakly_marked_text_has_no_direction(source_and_rewrite):
    """Dates say one way, a few rare words the other: without strong evidence the direction is unknown."""
    src, _ = source_and_rewrite
    lines = src.splitlines()
    marked = [lines[0].replace("forced", "compelled")] + lines[1:]
    (d,) = _derive(Article(id="plain", text="\n".join(lines), published="2024-05-03"),
                   Article(id="marked", text="\n".join(marked), published="2024-05-01"))
    assert d.relation == "copy"
    assert d.direction == "unknown" and "text_and_dates_disagree" in d.signals


def test_the_same_wire_credit_is_a_common_source(source_and_rewrite):
    src, _ = source_and_rewrite
    lines = src.splitlines()
    a = "CARROWMORE (Wirex) - " + "\n".join(lines[:6])
    b = "CARROWMORE (Wirex) - " + "\n".join(lines[:5] + ["Local radio said the bridge to the north was closed."])
    (d,) = _derive(Article(id="a", text=a, published="2024-05-01"), Article(id="b", text=b, published="2024-05-02"))
    assert (d.relation, d.direction) == ("common_source", "unknown")
    assert "credits:wirex" in d.signals


def test_a_derivation_direction_is_known_or_unknown():
    assert Derivation(derived_id="b", source_id="a", relation="copy", share=1.0).direction == "known"
    with pytest.raises(ValueError, match="direction"):
        Derivation(derived_id="b", source_id="a", relation="copy", share=1.0, direction="sideways")


def test_a_few_passages_taken_is_partial_reuse(source_and_rewrite):
    src, _ = source_and_rewrite
    lines = src.splitlines()
    own = _read("quote_a").splitlines()
    taker = "\n".join(own[:3] + lines[1:4] + own[3:])
    (d,) = _derive(Article(id="src", text=src, published="2024-05-01"), Article(id="tk", text=taker, published="2024-05-04"))
    assert (d.derived_id, d.relation) == ("tk", "partial_reuse")
    assert 0.2 < d.share < 0.7


def test_shared_quote_of_the_same_speaker_is_not_a_copy():
    a = Article(id="qa", text=_read("quote_a"), published="2024-02-01")
    b = Article(id="qb", text=_read("quote_b"), published="2024-02-02")
    assert _derive(a, b) == ()


def test_independent_reports_have_no_derivation(source_and_rewrite):
    src, _ = source_and_rewrite
    assert _derive(Article(id="a", text=src), Article(id="b", text=_read("quote_b"))) == ()


def test_rewording_marks_point_at_the_rewrite():
    assert rewording_marks("At least 12 people were killed.", "At least 12 individuals were murdered.") > 0
    assert rewording_marks("At least 12 individuals were murdered.", "At least 12 people were killed.") < 0


def test_bad_alignments_do_not_raise():
    arts = [Article(id="a", text="Short text."), Article(id="b", text="Other text.")]
    bogus = (
        Alignment(kind="paraphrase", score=0.9, a=Span(article_id="a", start=0, end=500), b=Span(article_id="zz", start=0, end=3)),
        Alignment(kind="verbatim", score=1.0, a=Span(article_id="a", start=0, end=11), b=Span(article_id="a", start=0, end=11)),
    )
    assert derive(arts, {}, bogus) == ()
    assert derive([], {}, ()) == ()


def test_the_example_story():
    """What a reader sees in the example must come out of the method (README of examples/karabakh).

    The first two reports (two outlets) share statements and a quote word for
    word; the third reads like an automated rewording of an earlier version of
    the first, and is dated before it.
    """
    manifest = json.loads((EXAMPLE / "manifest.json").read_text(encoding="utf-8"))
    dated = [
        Article(id=m["file"], text=(EXAMPLE / m["file"]).read_text(encoding="utf-8"), published=m["published"])
        for m in manifest["articles"]
    ]
    first, second, rewrite = (a.id for a in dated)
    sentences = {a.id: segment_article(a) for a in dated}
    alignments = align_story(dated, sentences)
    kinds: dict[frozenset, list[str]] = {}
    for al in alignments:
        kinds.setdefault(frozenset((al.a.article_id, al.b.article_id)), []).append(al.kind)
    shared = kinds[frozenset((first, second))]
    assert sum(k in ("verbatim", "near_verbatim", "shared_quote") for k in shared) >= 2
    assert kinds[frozenset((first, rewrite))].count("paraphrase") >= 4
    for arts in (dated, [Article(id=a.id, text=a.text) for a in dated]):
        derivations = derive(arts, sentences, alignments)
        by_pair = {frozenset((d.derived_id, d.source_id)): d for d in derivations}
        quoting = by_pair.get(frozenset((first, second)))
        # the two outlets share statements and a quote: a common source, never a copy of each other
        assert quoting is None or quoting.relation == "common_source"
        d = by_pair[frozenset((first, rewrite))]
        # the rewording marks give the direction, against the rewrite's earlier date
        assert (d.derived_id, d.source_id, d.direction) == (rewrite, first, "known")
        assert d.relation in ("rewrite", "partial_reuse")
        assert ("text_overrides_dates" if arts is dated else "direction_from_text") in d.signals


def test_an_outlet_swapped_for_sources_gives_the_direction_without_dates(source_and_rewrite):
    """A rewording tool's signature ("told sources" for an outlet's name) on one side only decides."""
    src, _ = source_and_rewrite
    swapped = src.replace("told the Harbour Gazette", "told sources")
    assert swapped != src
    (d,) = _derive(Article(id="spun", text=swapped), Article(id="orig", text=src))
    assert (d.derived_id, d.source_id, d.direction) == ("spun", "orig", "known")
    assert "outlet_swaps:1" in d.signals


def test_attributed_sentences_lifted_in_a_block_are_reuse_not_a_common_source(source_and_rewrite):
    """Statements reported by both outlets point to a common source; a block of three sentences taken whole is reuse."""
    src, _ = source_and_rewrite
    lines = src.splitlines()
    own = _read("quote_b").splitlines()
    block = lines[2:5]  # boats; "... according to the health ministry"; "... told the Harbour Gazette ..."
    taker = "\n".join(own[:2] + block + own[2:])
    (d,) = _derive(Article(id="src", text=src, published="2024-05-01"), Article(id="tk", text=taker, published="2024-05-04"))
    assert (d.derived_id, d.relation, d.direction) == ("tk", "partial_reuse", "known")
    assert "attributed_sentences:0" in d.signals  # inside the block they are no sign of a common source
    # the two attributed sentences alone, apart: what both outlets may carry from the same statements
    apart = "\n".join(own[:2] + [lines[3]] + own[2:4] + [lines[4]] + own[4:])
    (d,) = _derive(Article(id="src", text=src, published="2024-05-01"), Article(id="ap", text=apart, published="2024-05-04"))
    assert (d.relation, d.direction) == ("common_source", "unknown")


def test_text_evidence_reads_a_clause_level_alignment_over_its_whole_sentences(source_and_rewrite):
    """A clause-level alignment (spans inside the sentences) weighs the direction as its sentences would."""
    from dataclasses import replace

    src, rew = source_and_rewrite
    arts = (Article(id="src", text=src), Article(id="rew", text=rew))
    sentences, alignments = _aligned(tuple(a.id for a in arts), tuple(a.text for a in arts))
    # each alignment cut down to its first half on both sides, as a clause-level alignment is
    clauses = tuple(
        replace(al, a=replace(al.a, end=al.a.start + max(1, (al.a.end - al.a.start) // 2)),
                b=replace(al.b, end=al.b.start + max(1, (al.b.end - al.b.start) // 2)))
        if al.kind in ("paraphrase", "related") else al
        for al in alignments
    )
    assert clauses != alignments

    def evidence(found):
        return [[s for s in d.signals if s.startswith(("rewording_marks", "adds_facts", "source_adds_facts"))]
                for d in found]

    assert evidence(derive(arts, sentences, clauses)) == evidence(derive(arts, sentences, alignments))
