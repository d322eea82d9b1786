"""Tests of storyledger.ingest.warc: WARC reading bounded in memory and time, on small generated archives."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import zlib
from pathlib import Path

from storyledger.ingest.jobs import ingest
from storyledger.ingest.warc import WarcLimits, read_warc
from storyledger.records import Article, Skip

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = (
    "<html><head><title>Harbour bridge reopens</title></head><body><article>"
    "<h1>Harbour bridge reopens</h1>"
    + "".join(f"<p>The harbour bridge reopened on Monday after {n} weeks of repairs, officials said.</p>" for n in range(8))
    + "</article></body></html>"
)


def _record(url: str, html: str = PAGE, declared: int | None = None) -> bytes:
    """One WARC response record; ``declared`` overrides its Content-Length (a damaged record)."""
    body = html.encode("utf-8")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    length = len(http) if declared is None else declared
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2024-03-01T12:00:00Z\r\n"
        "WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
    ) % (url.rsplit("/", 1)[-1], url, length)
    return head.encode("ascii") + http + b"\r\n\r\n"


def _gz_members(*parts: bytes) -> bytes:
    return b"".join(gzip.compress(p) for p in parts)


def _items(data: bytes, **kwargs) -> tuple[list[Article], list[Skip]]:
    items = list(read_warc(data, "x.warc.gz", **kwargs))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skip)]


def test_generated_archive_reads_every_record() -> None:
    data = _gz_members(_record("https://example.com/a"), _record("https://example.com/b"))
    articles, skips = _items(data)
    assert [a.url for a in articles] == ["https://example.com/a", "https://example.com/b"] and not skips


def test_gzip_bomb_is_one_skip(tmp_path: Path) -> None:
    block = bytes(8 << 20)
    bomb = tmp_path / "bomb.warc.gz"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b"".join(packer.compress(block) for _ in range(9)) + packer.flush()  # 72 MiB of zeros in ~70 KB
    bomb.write_bytes(zeros)
    items = list(ingest([str(bomb)]))
    assert len(items) == 1 and isinstance(items[0], Skip)
    assert items[0].input == str(bomb) and "not read: it unpacks to over 67,108,864 bytes" in items[0].reason
    # with the size bound out of the way the line bound stops it: still one skip, no article
    (skip,) = list(read_warc(zeros, "b.warc.gz", limits=WarcLimits(min_unpacked=1 << 30)))
    assert "header line is over 1,048,576 bytes" in skip.reason


def test_a_long_first_line_is_bounded() -> None:
    data = b"WARC/1.0 " + b"x" * 5000
    (skip,) = list(read_warc(data, "long.warc", limits=WarcLimits(max_line=1024)))
    assert "header line is over 1,024 bytes" in skip.reason


def test_records_and_time_are_bounded() -> None:
    data = _gz_members(*(_record(f"https://example.com/{n}") for n in range(3)))
    articles, (skip,) = _items(data, limits=WarcLimits(max_records=2))
    assert len(articles) == 2 and "over 2 records" in skip.reason and "read 2 HTML records" in skip.reason
    articles, (skip,) = _items(data, limits=WarcLimits(deadline=0.0))
    assert not articles and "time allowed for one input ran out" in skip.reason


def test_short_content_length_is_one_skip_and_no_stderr_flood(tmp_path: Path) -> None:
    big = "<html><body>" + "<p>" + "y" * 200_000 + "</p>" * 20 + "</body></html>"  # one long line
    data = _record("https://example.com/ok") + _record("https://example.com/bad", big, declared=300)
    path = tmp_path / "short.warc"
    path.write_bytes(data)
    code = (
        "import sys; from storyledger.ingest.jobs import ingest\n"
        "for i in ingest([sys.argv[1]]): print(type(i).__name__, getattr(i, 'reason', ''))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert len(done.stderr) < 10_000, done.stderr[:500]
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["Article", "Skip", "Skip"]  # the damaged record is no article
    assert "runs past its declared Content-Length" in lines[1] and "read 2 HTML records" in lines[-1]


def test_truncated_record_body_is_said() -> None:
    whole = _record("https://example.com/a")
    articles, skips = _items(whole[: len(whole) - 200])
    assert not articles and any("truncated" in s.reason for s in skips)


def test_fixture_still_reads_under_default_limits() -> None:
    articles, skips = _items((DATA / "ingest_archive.warc.gz").read_bytes())
    assert len(articles) == 2 and not skips
    assert list(read_warc(io.BytesIO(b""), "empty.warc"))[0].reason == "no HTML response records in the WARC file"
