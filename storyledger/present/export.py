"""Write a store's flat tables (:mod:`storyledger.store.views`) as CSV, JSON Lines or Parquet.

CSV is what a spreadsheet opens (UTF-8, a header row, empty cells for
missing values); JSON Lines keeps numbers and ``null`` as they are; Parquet
(through the optional ``pyarrow``: ``pip install 'storyledger[parquet]'``)
is what pandas, Polars and DuckDB read fastest, with one typed column per field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError, StoreError

__all__ = [
    "EXPORT_FORMATS",
    "export_table",
    "write_rows",
]

#: The formats :func:`export_table` writes.
EXPORT_FORMATS = ("csv", "jsonl", "parquet")


def export_table(db: str | Path, table: str, fmt: str, output: str | Path | None = None) -> tuple[int, bytes | None]:
    """Write one table of a store in one format.

    Args:
        db: the database file (opened read-only).
        table: one of :data:`storyledger.store.views.TABLES`.
        fmt: one of :data:`EXPORT_FORMATS`.
        output: the file to write; ``None`` returns the bytes instead (not for Parquet).

    Returns:
        ``(rows written, the bytes when no output was given)``.

    Raises:
        StoreError: an unknown table or an unreadable database.
        ConfigError: an unknown format, Parquet without a file, or Parquet without pyarrow installed.
    """
    from ..store import table_rows

    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet" and output is None:
        raise ConfigError("Parquet is a binary file format: give a file to write it to")
    if fmt == "parquet":
        _pyarrow()  # before reading anything: say what is missing first
    columns, rows = table_rows(db, table)
    data, count = write_rows(columns, rows, fmt)
    if output is None:
        return count, data
    try:
        Path(output).write_bytes(data)
    except OSError as e:
        raise StoreError(f"{output}: cannot be written ({e.strerror or e})") from e
    return count, None


def write_rows(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], fmt: str) -> tuple[bytes, int]:
    """Rows (dicts keyed by ``columns``) as the bytes of a CSV, JSON Lines or Parquet file, and their count.

    Example:
        >>> data, n = write_rows(["id", "value"], [{"id": "a", "value": 1.5}, {"id": "b", "value": None}], "csv")
        >>> data.decode(), n
        ('id,value\\r\\na,1.5\\r\\nb,\\r\\n', 2)
    """
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "jsonl":
        lines = [json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n" for row in rows]
        return "".join(lines).encode("utf-8"), len(lines)
    if fmt == "parquet":
        return _parquet(columns, rows)
    raise ConfigError(f"unknown export format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}")


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> tuple[bytes, int]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return out.getvalue().encode("utf-8"), count


def _parquet(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> tuple[bytes, int]:
    pa, pq = _pyarrow()
    listed = list(rows)
    # A column of whole numbers with one decimal among them (SQLite gives 12 and 12.5) becomes float.
    table = pa.table({c: _column(pa, [row.get(c) for row in listed]) for c in columns})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue(), len(listed)


def _column(pa: Any, values: list[Any]) -> Any:
    kinds = {type(v) for v in values if v is not None}
    if kinds == {int, float}:
        return pa.array([None if v is None else float(v) for v in values], type=pa.float64())
    if not kinds:
        return pa.array(values, type=pa.string())
    return pa.array(values)


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ConfigError(
            "Parquet needs pyarrow, which is not installed: pip install 'storyledger[parquet]' "
            "(or choose CSV or JSON Lines)"
        ) from e
    return pa, pq
