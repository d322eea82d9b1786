"""Reading WARC archives (plain or gzipped), bounded in memory and time by construction.

warcio parses the records; this module puts limits around it that no input can
get past, since a WARC file is the one input whose size on disk says nothing of
what it holds:

* **decompressed size**: a gzipped archive may unpack to at most
  :attr:`WarcLimits.max_ratio` times its size on disk (and at least
  :attr:`WarcLimits.min_unpacked` bytes), checked before a record is read and
  again block by block while reading: a gzip bomb is one skip, read no further;
* **line length**: a header line (WARC or HTTP) longer than
  :attr:`WarcLimits.max_line` bytes ends the reading (warcio would otherwise
  gather a "line" of any length in memory);
* **records**: at most :attr:`WarcLimits.max_records` records of any type;
* **time**: one input is read for at most :attr:`WarcLimits.deadline` seconds;
  what was read before stays read;
* **a record's body**: at most ``max_bytes`` (the per-file limit), checked as it
  is read.

A record that runs past its declared ``Content-Length`` (warcio would print the
rest of the file on stderr) ends the reading with one skip saying so; the
records before it are kept.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import re
import time
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from .readers import html_article
from ..records import Article, Skip

__all__ = [
    "WarcLimits",
    "read_warc",
]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class WarcLimits:
    """How far one WARC input may be read.

    Attributes:
        max_ratio: a gzipped archive may unpack to this many times its size on disk.
        min_unpacked: ... but always to at least this many bytes (small archives).
        max_line: the longest header line accepted, in bytes.
        max_records: the most records (of any type) read from one input.
        deadline: seconds one input may be read for.
    """

    max_ratio: int = 100
    min_unpacked: int = 64 << 20
    max_line: int = 1 << 20
    max_records: int = 200_000
    deadline: float = 600.0

    def unpacked_cap(self, packed_size: int) -> int:
        """The most bytes an archive of ``packed_size`` bytes on disk may unpack to."""
        return max(self.min_unpacked, self.max_ratio * packed_size)


class _Limit(Exception):
    """A bound of :class:`WarcLimits` was reached; the message says which, in one line."""


class _Damage(Exception):
    """The archive is damaged where warcio would read on; the message says how, in one line."""


@dataclasses.dataclass(slots=True)
class _Budget:
    """What one input has used of its limits (shared by the reader and the record loop)."""

    cap: int
    ratio: int
    deadline: float
    max_line: int
    unpacked: int = 0

    def spend(self, size: int) -> None:
        self.unpacked += size
        if self.unpacked > self.cap:
            raise _Limit(f"it unpacks to over {self.cap:,} bytes, more than {self.ratio} times its size")
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Limit("the time allowed for one input ran out")


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader with every block counted and every line bounded."""

    def __init__(self, stream: Any, budget: _Budget, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.budget = budget

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        if self.buff is not None:
            self.budget.spend(self.buff_size)

    def _decompress(self, data: bytes) -> bytes:
        # warcio prints a failure after the first block on stderr and reads on (a line per block)
        if self.decompressor is not None and data and self.num_block_read:
            try:
                return self.decompressor.decompress(data)
            except Exception as exc:  # zlib, brotli: each its own error type
                raise _Damage(f"corrupt compressed data ({_one_line(exc)})") from None
        return super()._decompress(data)

    def readline(self, length: int | None = None) -> bytes:
        cap = self.budget.max_line
        line = super().readline(min(length, cap) if length else cap)
        if len(line) >= cap and not line.endswith(b"\n"):
            raise _Limit(f"a header line is over {cap:,} bytes")
        return line


class _BoundedArchive(ArchiveIterator):
    """warcio's iterator reading through a :class:`_BoundedReader`, and silent on stderr."""

    def __init__(self, stream: Any, budget: _Budget) -> None:
        super().__init__(stream)
        self.reader = _BoundedReader(self.fh, budget, block_size=self.reader.block_size)

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        # warcio prints the first line after a record when it is not blank (often
        # megabytes: the rest of a page whose Content-Length is too short) and goes on;
        # here that ends the reading with one reason.
        empty = 0
        while True:
            line = self.reader.readline()
            if not line:
                return None, empty
            if line.strip():
                if empty == 0:
                    raise _Damage("a record runs past its declared Content-Length")
                return line, empty
            empty += len(line)


def read_warc(
    data: bytes | BinaryIO,
    path: str,
    *,
    max_bytes: int | None = None,
    limits: WarcLimits | None = None,
) -> Iterator[Article | Skip]:
    """Read every HTML response record of a WARC file (plain or gzipped).

    The URL comes from ``WARC-Target-URI``, the date from the page or else
    ``WARC-Date``. A record over ``max_bytes`` or without article text is
    skipped; a truncated or corrupt archive, or one that reaches a bound of
    ``limits`` (see the module docs), yields what was read before and one skip
    saying why the rest was not.

    Args:
        data: the archive's bytes or a binary file open on it (seekable).
        path: the name used in articles and skips.
        max_bytes: the largest record body read.
        limits: bounds on the whole input (default :class:`WarcLimits`).
    """
    limits = limits or WarcLimits()
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    budget = _Budget(cap=limits.unpacked_cap(_size(stream)), ratio=limits.max_ratio,
                     deadline=time.monotonic() + limits.deadline, max_line=limits.max_line)
    try:
        damage = _gzip_damage(stream, budget)
    except _Limit as exc:
        yield Skip(input=path, reason=f"not read: {exc}")
        return
    budget.unpacked = 0
    try:
        archive = _BoundedArchive(stream, budget)
    except Exception as exc:  # warcio raises assorted errors on input that is not a WARC
        yield Skip(input=path, reason=f"not a readable WARC file ({_one_line(exc)})")
        return
    seen = 0
    try:
        for seen, item in _records(archive, path, max_bytes, limits.max_records):
            yield item
    except _Limit as exc:
        if not damage:
            yield Skip(input=path, reason=f"WARC file not read to the end ({exc}); read {seen} HTML records before")
            return
    except Exception as exc:  # warcio's parser fails with many error types on damaged input
        damage = damage or _one_line(exc)
    if damage:
        yield Skip(input=path, reason=f"WARC file damaged, read {seen} HTML records before it ({damage})")
    elif not seen:
        yield Skip(input=path, reason="no HTML response records in the WARC file")


def _records(
    archive: _BoundedArchive, path: str, max_bytes: int | None, max_records: int
) -> Iterator[tuple[int, Article | Skip]]:
    """The HTML response records as articles or skips, each with how many HTML records were read so far.

    Raises:
        _Limit: over ``max_records`` records.
        _Damage: a record ends before its declared length, or runs past it.
    """
    seen = 0
    for count, record in enumerate(archive, start=1):
        if count > max_records:
            raise _Limit(f"over {max_records:,} records")
        if record.rec_type != "response" or record.http_headers is None:
            continue
        ctype = record.http_headers.get_header("Content-Type") or ""
        if "html" not in ctype.lower():
            continue
        seen += 1
        url = record.rec_headers.get_header("WARC-Target-URI")
        where = f"{path}#{url or f'record{seen}'}"
        payload = record.content_stream().read(max_bytes + 1 if max_bytes else None)
        if max_bytes and len(payload) > max_bytes:
            yield seen, Skip(input=where, reason=f"record over the {max_bytes:,}-byte limit")
            continue
        if getattr(record.raw_stream, "limit", 0):
            yield seen, Skip(input=where, reason="record is truncated")
            raise _Damage("a record ends before its declared length")
        try:
            archive.read_to_end()  # what follows the record must be blank: else its length was wrong
        except _Damage:
            yield seen, Skip(input=where, reason="record runs past its declared Content-Length")
            raise
        charset = re.search(r"charset=([\w.:-]+)", ctype, re.I)
        yield seen, html_article(payload, path, where=where, declared=charset.group(1) if charset else None,
                                 url=url, published=record.rec_headers.get_header("WARC-Date"))


def _size(stream: BinaryIO) -> int:
    """Bytes from the stream's position to its end (the position is kept)."""
    start = stream.tell()
    end = stream.seek(0, os.SEEK_END)
    stream.seek(start)
    return end - start


def _gzip_damage(stream: BinaryIO, budget: _Budget) -> str | None:
    """Why a gzipped stream is damaged (truncated, corrupt), or ``None``; rewinds the stream.

    Raises:
        _Limit: it unpacks to more than the budget allows, or takes too long.
    """
    start = stream.tell()
    if stream.read(2) != b"\x1f\x8b":
        stream.seek(start)
        return None
    stream.seek(start)
    try:
        with gzip.GzipFile(fileobj=stream) as unpacked:
            while block := unpacked.read(1 << 20):
                budget.spend(len(block))
    except (EOFError, OSError, zlib.error) as exc:
        return _one_line(exc)
    finally:
        stream.seek(start)
    return None


def _one_line(exc: Any) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
