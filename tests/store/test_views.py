"""The store's flat tables for analysts: SQL views in the database, and the same rows read by table_rows."""

from __future__ import annotations

import sqlite3

import pytest

from storyledger.errors import StoreError
from storyledger.store import MIGRATIONS, Store
from storyledger.store.views import TABLES, table_rows


def _rows(db, table):
    columns, rows = table_rows(db, table)
    rows = list(rows)
    assert all(list(r) == columns for r in rows)
    return rows


def test_the_views_are_a_named_migration_and_exist_in_the_database(example_db):
    assert "006_export_views" in [name for name, _ in MIGRATIONS]
    with sqlite3.connect(example_db) as conn:
        views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert {f"export_{t}" for t in TABLES} <= views
        # a view gives what table_rows gives, bar the sentence it adds
        from_view = conn.execute("SELECT * FROM export_figures").fetchall()
    rows = _rows(example_db, "figures")
    assert [tuple(r.values())[:-1] for r in rows] == from_view


def test_one_figure_row_per_figure_report_with_its_status_and_cited_words(example_db, example_result):
    rows = _rows(example_db, "figures")
    groups = [g for a in example_result.analyses for g in a.figures]
    assert len(rows) == sum(len(g.reports) for g in groups) > 0
    texts = {a.id: a for a in example_result.articles}
    by_group = {g.id: g for g in groups}
    for row in rows:
        group = by_group[row["figure_id"]]
        assert row["status"] == group.status and row["label"] == group.label
        assert row["current_value"] == (group.current.value if group.current else None)
        article = texts[row["article_id"]]
        assert row["cited_text"] == article.text[row["start"]:row["end"]]
        assert row["cited_text"] in row["sentence"] and row["sentence"] in article.text
        assert (row["outlet"], row["published"], row["url"]) == (article.source, article.published, article.url)


def test_stories_articles_quotes_disputes_and_derivations(example_db, example_result):
    (analysis,) = example_result.analyses
    (story,) = _rows(example_db, "stories")
    assert story["story_id"] == analysis.story.id and story["n_articles"] == len(analysis.story.article_ids)
    assert (story["n_figures"], story["n_quotes"], story["n_disputes"]) == (
        len(analysis.figures), len(analysis.quotes), len(analysis.disputes))
    articles = _rows(example_db, "articles")
    assert sorted(r["article_id"] for r in articles) == sorted(a.id for a in example_result.articles)
    assert all(r["story_id"] == analysis.story.id for r in articles)
    quotes = _rows(example_db, "quotes")
    assert len(quotes) == sum(len(q.occurrences) for q in analysis.quotes)
    assert all(r["cited_text"] in r["sentence"] for r in quotes)
    disputes = _rows(example_db, "disputes")
    assert len(disputes) == sum(len(s.citations) for d in analysis.disputes for s in d.sides)
    assert {r["side"] for r in disputes} <= {1, 2, 3, 4}
    derivations = _rows(example_db, "derivations")
    assert [(r["derived_id"], r["source_id"], r["relation"]) for r in derivations] == [
        (d.derived_id, d.source_id, d.relation) for d in analysis.derivations]
    assert all(r["signals"] == ";".join(d.signals) for r, d in zip(derivations, analysis.derivations))


def test_a_story_not_analysed_yet_has_null_counts(tmp_path, example_result):
    db = tmp_path / "bulk.db"
    with Store(str(db)) as store:
        store.add_articles(example_result.articles)
        store.put_stories(a.story for a in example_result.analyses)
    (story,) = _rows(db, "stories")
    assert story["n_figures"] is None and story["analysed_at"] is None and story["n_outlets"] >= 1
    assert _rows(db, "figures") == []


def test_a_store_opened_read_only_is_enough_and_bad_inputs_are_clear_errors(tmp_path, example_db):
    assert _rows(example_db, "stories")  # read-only: never writes
    with pytest.raises(StoreError, match="unknown table 'figure'"):
        table_rows(example_db, "figure")
    with pytest.raises(StoreError, match="no database file"):
        table_rows(tmp_path / "absent.db", "figures")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a storyledger database"):
        table_rows(other, "figures")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        table_rows(junk, "figures")
