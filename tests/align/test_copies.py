"""Tests for storyledger.align.copies: copies found across stories and time, in a run and in a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyledger.align.copies import copy_candidates, copy_keys, shared_enough
from storyledger.options import AnalyzeOptions
from storyledger.pipeline import analyze
from storyledger.records import Sentence

DATA = Path(__file__).resolve().parents[1] / "data"


def _sentence(text: str, aid: str = "a", index: int = 0) -> Sentence:
    return Sentence(article_id=aid, index=index, paragraph=0, start=0, end=len(text), text=text)


def test_keys_ignore_case_punctuation_and_short_sentences():
    long = "The council voted on Monday to close the old bridge for repairs."
    assert copy_keys([_sentence(long)]) == copy_keys([_sentence(long.upper().rstrip("."))])
    assert copy_keys([_sentence("He said no.")]) == ()
    assert copy_keys([_sentence(long)]) != copy_keys([_sentence(long.replace("Monday", "Tuesday"))])


def test_candidates_are_pairs_of_different_stories_sharing_enough_keys():
    keys = {"a": (1, 2, 3, 4), "b": (1, 2, 3, 9), "c": (1, 2, 3, 4), "d": (1, 7, 8, 10)}
    story = {"a": "s1", "b": "s2", "c": "s1", "d": "s3"}
    # a-c share a story; d shares one key only
    assert copy_candidates(keys, story) == [("a", "b"), ("b", "c")]
    assert not shared_enough(2, 20, 30)  # two sentences of long articles: a common line, not a copy
    assert shared_enough(2, 4, 30)
    assert shared_enough(3, 40, 50)  # three sentences word for word: lifted passages, whatever the lengths


def _corpus(folder: Path, copy_text: str, copy_date: str = "2024-04-10") -> tuple[Path, Path]:
    """Other articles and a source in one file, the later copy in another."""
    source = (DATA / "align_source.txt").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in (DATA / "cluster_small.jsonl").read_text(encoding="utf-8").splitlines()]
    lines = [{"id": r["id"], "text": r["text"], "title": r.get("title"), "published": r.get("published"),
              "source": f"Outlet {k % 3}"} for k, r in enumerate(rows)]
    lines.append({"id": "source", "text": source, "title": "Floods force thousands from their homes",
                  "published": "2024-03-01", "source": "Harbour Gazette"})
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    second.write_text(json.dumps({"id": "later", "text": copy_text, "title": "Floods force thousands from their homes",
                                  "published": copy_date, "source": "Valley Weekly"}) + "\n", encoding="utf-8")
    return first, second


def _republished() -> str:
    return "Republished with permission.\n" + (DATA / "align_source.txt").read_text(encoding="utf-8")


def _stories_of(analyses) -> dict[str, object]:
    return {aid: an for an in analyses for aid in an.story.article_ids}


def test_a_copy_republished_weeks_later_is_linked_from_both_stories(tmp_path):
    first, second = _corpus(tmp_path, _republished())
    result = analyze([str(first), str(second)], AnalyzeOptions())
    by_article = _stories_of(result.analyses)
    here, there = by_article["later"], by_article["source"]
    assert here.story.id != there.story.id  # weeks apart: two stories, so only the index can link them
    assert not here.derivations and not there.derivations
    for analysis, other, other_story in ((here, "source", there), (there, "later", here)):
        assert [(lk.derivation.derived_id, lk.derivation.source_id, lk.derivation.relation, lk.derivation.direction)
                for lk in analysis.links] == [("later", "source", "copy", "known")]
        assert analysis.links[0].other_id == other and analysis.links[0].other_story_id == other_story.story.id
    assert [(a.status, a.of_outlets) for a in here.syndication.articles] == [("reprint", ("Harbour Gazette",))]
    assert (here.syndication.unique_texts, here.syndication.reprints) == (0, 1)


def test_independent_reports_in_other_stories_are_not_linked(tmp_path):
    first, second = _corpus(tmp_path, (DATA / "align_independent.txt").read_text(encoding="utf-8"))
    result = analyze([str(first), str(second)], AnalyzeOptions())
    assert all(not an.links for an in result.analyses)


def _store_links(store, article_id: str) -> list[tuple]:
    sid = store.article_stories([article_id])[article_id][0]
    doc = store.analysis(sid)
    return [(e["derived_id"], e["source_id"], e["relation"], e["other_story_id"]) for e in doc["cross_story_derivations"]]


def test_incremental_ingest_links_a_later_copy_to_its_stored_source(tmp_path):
    from storyledger.incremental import update_store
    from storyledger.present import validate
    from storyledger.store import Store, store_document

    first, second = _corpus(tmp_path, _republished())
    with Store(str(tmp_path / "news.db")) as store:
        update_store(store, [str(first)])
        source_story = store.article_stories(["source"])["source"][0]
        assert store.analysis(source_story)["cross_story_derivations"] == []
        update_store(store, [str(second)])
        later_story = store.article_stories(["later"])["later"][0]
        assert later_story != source_story
        # the new story names the stored one, and the stored one was given the link without being recomputed
        assert _store_links(store, "later") == [("later", "source", "copy", source_story)]
        assert _store_links(store, "source") == [("later", "source", "copy", later_story)]
        synd = store.analysis(later_story)["syndication"]
        assert synd["carriers"] == [{"outlet": "Valley Weekly", "carries": [{"outlet": "Harbour Gazette", "articles": 1}]}]
        validate(store_document(store))
    # the analyst's derivations table (and its SQL view) carries the link in each story, naming the other
    from storyledger.store.views import table_rows

    _, rows = table_rows(tmp_path / "news.db", "derivations")
    linked = sorted((r["story_id"], r["derived_id"], r["source_id"], r["other_story_id"]) for r in rows if r["other_story_id"])
    assert linked == sorted([(later_story, "later", "source", source_story), (source_story, "later", "source", later_story)])
    import sqlite3

    with sqlite3.connect(tmp_path / "news.db") as conn:
        from_view = conn.execute("SELECT story_id, other_story_id FROM export_derivations WHERE other_story_id IS NOT NULL").fetchall()
    assert sorted(from_view) == sorted((a, d) for a, _, _, d in linked)


@pytest.mark.parametrize("date", ["2024-04-10", None])
def test_the_link_does_not_depend_on_dates_being_known(tmp_path, date):
    first, second = _corpus(tmp_path, _republished(), copy_date=date)
    result = analyze([str(first), str(second)], AnalyzeOptions())
    by_article = _stories_of(result.analyses)
    if by_article["later"].story.id == by_article["source"].story.id:
        assert by_article["later"].derivations  # undated, it may join its source's story: found there instead
    else:
        assert by_article["later"].links
