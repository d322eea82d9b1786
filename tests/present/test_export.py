"""`storyledger export`: a store's flat tables as CSV, JSON Lines and Parquet."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from click.testing import CliRunner

from storyledger.cli import EXPORT_TABLES, cli
from storyledger.errors import ConfigError
from storyledger.present.export import export_table, write_rows
from storyledger.store.views import TABLES


@pytest.fixture
def db(example_db):
    return example_db


def test_the_cli_offers_every_table():
    assert EXPORT_TABLES == tuple(TABLES)


def test_figures_as_csv_one_row_per_report_with_status_and_cited_sentence(db, example_result):
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--table", "figures", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    reports = [(g, r) for a in example_result.analyses for g in a.figures for r in g.reports]
    assert len(rows) == len(reports)
    texts = {a.id: a.text for a in example_result.articles}
    for row, (group, report) in zip(rows, reports):
        assert (row["figure_id"], row["status"], row["article_id"]) == (group.id, group.status, report.article_id)
        assert row["cited_text"] == texts[report.article_id][report.start:report.end]
        assert row["cited_text"] in row["sentence"]
        assert float(row["value"]) == report.value if report.value is not None else row["value"] == ""


def test_jsonl_keeps_numbers_and_nulls(db, tmp_path):
    out = tmp_path / "quotes.jsonl"
    count, data = export_table(db, "quotes", "jsonl", out)
    assert data is None
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == count > 0
    assert all(isinstance(r["start"], int) and (r["url"] is None or isinstance(r["url"], str)) for r in rows)


def test_parquet_opens_in_pyarrow_with_typed_columns(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "figures.parquet"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--table", "figures", "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    _, rows = export_table(db, "figures", "jsonl")
    expected = [json.loads(line) for line in rows.decode().splitlines()]
    assert table.num_rows == len(expected) and table.column_names == list(expected[0])
    assert str(table.schema.field("value").type) == "double" and str(table.schema.field("start").type) == "int64"
    assert table.column("cited_text").to_pylist() == [r["cited_text"] for r in expected]


def test_parquet_without_pyarrow_says_how_to_get_it(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ConfigError, match=r"pip install 'storyledger\[parquet\]'"):
        export_table(db, "figures", "parquet", tmp_path / "f.parquet")
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--table", "figures", "--format", "parquet",
                                      "-o", str(tmp_path / "f.parquet")])
    assert result.exit_code == 2 and "storyledger[parquet]" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "f.parquet").exists()


def test_parquet_to_standard_output_is_refused(db):
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--table", "stories", "--format", "parquet"])
    assert result.exit_code == 2 and "needs -o FILE" in result.output


def test_a_mixed_column_of_whole_and_decimal_numbers_becomes_float():
    pq = pytest.importorskip("pyarrow.parquet")
    data, n = write_rows(["x"], [{"x": 12}, {"x": 12.5}, {"x": None}], "parquet")
    table = pq.read_table(io.BytesIO(data))
    assert n == 3 and table.column("x").to_pylist() == [12.0, 12.5, None]


def test_an_unknown_format_is_a_clear_error(db):
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'"):
        export_table(db, "figures", "xlsx")
