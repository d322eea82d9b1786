"""Flat tables for analysts: the store's stories, articles, figures, quotes, disputes and derivations as rows.

The store keeps each story's analysis as one JSON document (``analyses``), which
is storage, not a dataset. Each table here is one SQL ``SELECT`` over the
stored rows and documents (SQLite's JSON functions), kept in the store as a
view named ``export_<table>`` (migration ``006_export_views``), so the database
explains itself in any SQLite tool (sqlite3, datasette, DuckDB's sqlite
scanner):

* ``stories``: one row per story, with its counts (``NULL`` when not analysed yet);
* ``articles``: one row per article and story it belongs to;
* ``figures``: one row per figure report: the figure, its status and current
  value, the value this report gives, its article, outlet, date and URL, and
  the cited words;
* ``quotes``: one row per occurrence of a story quote;
* ``disputes``: one row per citation of a side of a dispute;
* ``derivations``: one row per derived article, with both outlets; a copy found
  in another story (``cross_story_derivations``) is a row in each of the two
  stories, ``other_story_id`` naming the other one (``NULL`` inside a story).

Offsets (``start``, ``end``) are characters into the article's text, as in the
JSON report; ``cited_text`` is the text between them. :func:`table_rows` reads a
table straight from these ``SELECT`` statements (so it works on a store opened
read-only, whatever its version) and adds, for the tables with citations, the
whole ``sentence`` the citation sits in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import StoreError

__all__ = [
    "TABLES",
    "create_views",
    "table_rows",
]

_CITED = """
    json_extract({c}, '$.article_id') AS article_id,
    a.source AS outlet,
    a.published AS published,
    a.url AS url,
    json_extract({c}, '$.start') AS "start",
    json_extract({c}, '$.end') AS "end",
    substr(a.text, json_extract({c}, '$.start') + 1, json_extract({c}, '$.end') - json_extract({c}, '$.start'))
        AS cited_text"""

_ARTICLE_SUMMARY = "SELECT {agg} FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id"

_DERIVED = """
SELECT an.story_id AS story_id, json_extract(d.value, '$.derived_id') AS derived_id, da.source AS derived_outlet,
    json_extract(d.value, '$.source_id') AS source_id, sa.source AS source_outlet,
    json_extract(d.value, '$.relation') AS relation, json_extract(d.value, '$.direction') AS direction,
    json_extract(d.value, '$.share') AS share,
    (SELECT group_concat(x.value, ';') FROM json_each(d.value, '$.signals') x) AS signals,
    {other} AS other_story_id, {part} AS part, d.key AS k
FROM analyses an, json_each(an.document, '{path}') d
    LEFT JOIN articles da ON da.id = json_extract(d.value, '$.derived_id')
    LEFT JOIN articles sa ON sa.id = json_extract(d.value, '$.source_id')"""

#: The SELECT of each table, by the name ``storyledger export --table`` takes.
TABLES: dict[str, str] = {
    "stories": f"""
SELECT s.id AS story_id, s.title AS title, s.n_articles AS n_articles,
    ({_ARTICLE_SUMMARY.format(agg="COUNT(DISTINCT a.source)")}) AS n_outlets,
    ({_ARTICLE_SUMMARY.format(agg="MIN(a.published)")}) AS first_published,
    ({_ARTICLE_SUMMARY.format(agg="MAX(a.published)")}) AS last_published,
    json_array_length(an.document, '$.figures') AS n_figures,
    json_array_length(an.document, '$.quotes') AS n_quotes,
    json_array_length(an.document, '$.disputes') AS n_disputes,
    json_array_length(an.document, '$.derivations') AS n_derivations,
    an.computed_at AS analysed_at, an.settings_hash AS settings_hash, s.updated_at AS updated_at
FROM stories s LEFT JOIN analyses an ON an.story_id = s.id
ORDER BY s.id""",
    "articles": """
SELECT a.id AS article_id, sa.story_id AS story_id, a.source AS outlet, a.title AS title,
    a.published AS published, a.url AS url, a.path AS path, length(a.text) AS n_chars, a.ingested_at AS ingested_at
FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id
ORDER BY a.id, sa.story_id""",
    "figures": f"""
SELECT an.story_id AS story_id, json_extract(g.value, '$.id') AS figure_id, json_extract(g.value, '$.label') AS label,
    json_extract(r.value, '$.key') AS figure_key, json_extract(r.value, '$.predicate') AS predicate,
    json_extract(g.value, '$.status') AS status, json_extract(g.value, '$.order') AS date_order,
    json_extract(g.value, '$.independent_sources') AS independent_sources,
    json_extract(r.value, '$.value') AS value, json_extract(r.value, '$.low') AS low,
    json_extract(r.value, '$.high') AS high, json_extract(r.value, '$.qualifier') AS qualifier,
    json_extract(r.value, '$.unit') AS unit, json_extract(r.value, '$.currency') AS currency,
    json_extract(g.value, '$.current.value') AS current_value, json_extract(g.value, '$.current.low') AS current_low,
    json_extract(g.value, '$.current.high') AS current_high,
    json_extract(g.value, '$.current.qualifier') AS current_qualifier,
    json_extract(r.value, '$.attributed_to') AS attributed_to, json_extract(r.value, '$.as_of') AS as_of,
    {_CITED.format(c="r.value")}
FROM analyses an, json_each(an.document, '$.figures') g, json_each(g.value, '$.reports') r
    LEFT JOIN articles a ON a.id = json_extract(r.value, '$.article_id')
ORDER BY an.story_id, g.key, r.key""",
    "quotes": f"""
SELECT an.story_id AS story_id, json_extract(q.value, '$.id') AS quote_id, json_extract(q.value, '$.text') AS text,
    json_extract(q.value, '$.speaker') AS speaker, json_extract(q.value, '$.kind') AS kind,
    {_CITED.format(c="o.value")}
FROM analyses an, json_each(an.document, '$.quotes') q, json_each(q.value, '$.occurrences') o
    LEFT JOIN articles a ON a.id = json_extract(o.value, '$.article_id')
ORDER BY an.story_id, q.key, o.key""",
    "disputes": f"""
SELECT an.story_id AS story_id, json_extract(d.value, '$.id') AS dispute_id, json_extract(d.value, '$.topic') AS topic,
    sd.key + 1 AS side, json_extract(sd.value, '$.speaker') AS speaker, json_extract(sd.value, '$.claim') AS claim,
    {_CITED.format(c="c.value")}
FROM analyses an, json_each(an.document, '$.disputes') d, json_each(d.value, '$.sides') sd,
    json_each(sd.value, '$.citations') c
    LEFT JOIN articles a ON a.id = json_extract(c.value, '$.article_id')
ORDER BY an.story_id, d.key, sd.key, c.key""",
    "derivations": f"""
SELECT story_id, derived_id, derived_outlet, source_id, source_outlet, relation, direction, share, signals,
    other_story_id
FROM ({_DERIVED.format(part=0, path="$.derivations", other="NULL")}
    UNION ALL {_DERIVED.format(part=1, path="$.cross_story_derivations", other="json_extract(d.value, '$.other_story_id')")})
ORDER BY story_id, part, k""",
}

_WITH_SENTENCE = ("figures", "quotes", "disputes")


def create_views(conn: sqlite3.Connection) -> None:
    """Create (or re-create) the ``export_<table>`` view of every table in :data:`TABLES`."""
    for name, select in TABLES.items():
        conn.execute(f"DROP VIEW IF EXISTS export_{name}")
        conn.execute(f"CREATE VIEW export_{name} AS {select.strip()}")


def table_rows(db: str | Path, table: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """Read one table of a store, read-only.

    Args:
        db: the database file.
        table: one of :data:`TABLES`.

    Returns:
        ``(columns, rows)``: the column names, and the rows as dicts in that
        order (read lazily; the connection closes when they are exhausted).
        ``figures``, ``quotes`` and ``disputes`` end with ``sentence``, the
        sentence of the article the citation sits in.

    Raises:
        StoreError: an unknown table, or a file that is not a storyledger database.
    """
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}: one of {', '.join(TABLES)}")
    conn = _open_readonly(Path(db))
    select = TABLES[table].strip()
    if table in _WITH_SENTENCE:
        select = f"SELECT t.*, a.text AS article_text FROM ({select}) t LEFT JOIN articles a ON a.id = t.article_id"
    try:
        cursor = conn.execute(select)
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(f"{db}: cannot read the {table} table ({e})") from e
    columns = [c[0] for c in cursor.description]
    if table in _WITH_SENTENCE:
        columns = [*columns[:-1], "sentence"]
    return columns, _rows(conn, cursor, table in _WITH_SENTENCE)


def _rows(conn: sqlite3.Connection, cursor: sqlite3.Cursor, with_sentence: bool) -> Iterator[dict[str, Any]]:
    from ..text import split_sentences

    names = [c[0] for c in cursor.description]
    cache: dict[str, list[tuple[int, int]]] = {}
    try:
        for values in cursor:
            row = dict(zip(names, values))
            if with_sentence:
                text = row.pop("article_text")
                row["sentence"] = None
                if text is not None and row["start"] is not None:
                    spans = cache.setdefault(row["article_id"], split_sentences(text))
                    row["sentence"] = _sentence_at(text, spans, row["start"], row["end"])
            yield row
    finally:
        conn.close()


def _sentence_at(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """The sentences that hold ``text[start:end]`` (one, unless the citation crosses a sentence end)."""
    held = [(s, e) for s, e in spans if s < max(end, start + 1) and e > start]
    if not held:
        return text[start:end]
    return text[min(held[0][0], start) : max(held[-1][1], end)]


def _open_readonly(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"{path}: no database file there")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=30.0)
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot open the database ({e})") from e
    if not {"stories", "articles", "analyses", "story_articles"} <= found:
        conn.close()
        raise StoreError(f"{path}: not a storyledger database (no stories, articles or analyses tables)")
    return conn
