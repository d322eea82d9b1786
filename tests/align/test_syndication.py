"""Tests for storyledger.align.syndication: original reporting and reprints per story."""

from __future__ import annotations

import pytest

from storyledger.align.syndication import syndication
from storyledger.records import Derivation, StoryLink


def _d(derived: str, source: str, relation: str, share: float = 0.9, direction: str = "known") -> Derivation:
    return Derivation(derived_id=derived, source_id=source, relation=relation, share=share, direction=direction)


def _status(s):
    return {a.article_id: (a.status, a.of) for a in s.articles}


def test_independent_articles_are_all_original():
    s = syndication({"a": "Wire", "b": "Daily"}, [])
    assert (s.unique_texts, s.reprints, s.original_reporting) == (2, 0, 2)
    assert _status(s) == {"a": ("original", ()), "b": ("original", ())}


def test_a_reprint_counts_once_as_text_and_names_its_source_outlet():
    s = syndication({"a": "Wire", "b": "Daily", "c": "Weekly"}, [_d("b", "a", "copy"), _d("c", "a", "rewrite", 0.6)])
    assert (s.unique_texts, s.reprints, s.original_reporting) == (1, 2, 1)
    by = {a.article_id: a for a in s.articles}
    assert by["b"].status == "reprint" and by["b"].of == ("a",) and by["b"].of_outlets == ("Wire",)
    assert by["a"].status == "original"


def test_copies_of_unknown_direction_share_one_text():
    s = syndication({"a": "X", "b": "Y"}, [_d("b", "a", "copy", direction="unknown")])
    assert _status(s) == {"a": ("shared_text", ("b",)), "b": ("shared_text", ("a",))}
    assert (s.unique_texts, s.reprints, s.original_reporting) == (1, 1, 0)


@pytest.mark.parametrize("share, status", [(0.8, "wire_copy"), (0.2, "original")])
def test_common_source_is_wire_copy_only_when_it_is_most_of_the_text(share, status):
    s = syndication({"a": "X", "b": "Y"}, [_d("b", "a", "common_source", share, "unknown")])
    assert {a.status for a in s.articles} == {status}


def test_partial_reuse_keeps_original_reporting():
    s = syndication({"a": "X", "b": "Y"}, [_d("b", "a", "partial_reuse", 0.2)])
    assert _status(s)["b"] == ("reuses_passages", ("a",))
    assert (s.unique_texts, s.reprints, s.original_reporting) == (2, 0, 2)


def test_a_reprint_of_an_article_in_another_story_has_no_text_of_its_own():
    link = StoryLink(derivation=_d("b", "x", "copy"), other_id="x", other_story_id="s2", other_outlet="Gazette")
    s = syndication({"b": "Weekly", "c": "Daily"}, [], [link])
    assert _status(s)["b"] == ("reprint", ("x",))
    assert [a.of_outlets for a in s.articles if a.article_id == "b"] == [("Gazette",)]
    assert (s.unique_texts, s.reprints, s.original_reporting) == (1, 1, 1)
    # seen from the source's story, the source stays original
    t = syndication({"x": "Gazette"}, [], [StoryLink(derivation=link.derivation, other_id="b", other_story_id="s1")])
    assert _status(t)["x"] == ("original", ())


def test_a_copy_in_the_story_is_a_reprint_and_its_figures_are_no_second_source(tmp_path):
    """Syndication and the figures' independent-source counts follow the same provenance."""
    from pathlib import Path

    from storyledger.pipeline import analyze

    text = (Path(__file__).resolve().parents[1] / "data" / "align_source.txt").read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(f"---\nsource: Harbour Gazette\npublished: 2024-03-01\n---\n{text}", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\nsource: Valley Weekly\npublished: 2024-03-02\n---\nRepublished with "
                                   f"permission.\n{text}", encoding="utf-8")
    (story,) = analyze([str(tmp_path)]).analyses
    statuses = {a.outlet: (a.status, a.of_outlets) for a in story.syndication.articles}
    assert statuses == {"Harbour Gazette": ("original", ()), "Valley Weekly": ("reprint", ("Harbour Gazette",))}
    assert (story.syndication.unique_texts, story.syndication.reprints) == (1, 1)
    shared = [g for g in story.figures if len({r.article_id for r in g.reports}) == 2]
    assert shared and all(g.independent_sources == 1 for g in shared)
