"""Polling RSS/Atom feeds over HTTP for :mod:`storyledger.watch`.

A feed is fetched with a conditional request (the ``ETag`` and
``Last-Modified`` of the previous fetch, kept in the store's state), so an
unchanged feed costs one short answer. Its entries are read as
:func:`storyledger.ingest.readers.read_feed` reads a feed file; an entry already
taken (by its link, or its place in the feed when it has none) is passed
over. An entry that carries only a summary (shorter than ``full_text_below``
characters) and links to a page has that page fetched and its article body
read instead, under the feed's outlet name, with the feed's title and date
where the page lacks them. Any failure (the network, an HTTP error, a page without article text)
is one skip naming the address and the reason; the summary is kept when only
its page failed.

Only the standard library talks to the network; nothing is fetched unless a
user names an ``http://`` or ``https://`` address.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from .readers import html_article, read_feed
from ..options import MAX_BYTES
from ..records import Article, Skip

__all__ = [
    "Response",
    "USER_AGENT",
    "fetch",
    "is_url",
    "poll_feed",
]

log = logging.getLogger(__name__)

USER_AGENT = "storyledger/0.1 (news analysis; feed poller)"
_TIMEOUT = 20.0
_PAGE_THREADS = 8


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Response:
    """What a fetch got: ``status`` 200 with ``data``, or 304 (unchanged)."""

    status: int
    data: bytes = b""
    etag: str | None = None
    modified: str | None = None


def fetch(url: str, *, etag: str | None = None, modified: str | None = None, max_bytes: int = MAX_BYTES) -> Response:
    """GET ``url``, conditionally on ``etag`` / ``modified``.

    Raises:
        ValueError: the answer is an error or larger than ``max_bytes`` (one-line reason).
    """
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as answer:  # noqa: S310 (the user's address)
            data = answer.read(max_bytes + 1)
            etag, modified = answer.headers.get("ETag"), answer.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(304, etag=etag, modified=modified)
        raise ValueError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ValueError(f"cannot be fetched ({exc.reason})") from None
    except (OSError, ValueError) as exc:  # timeouts, resets, malformed addresses
        raise ValueError(f"cannot be fetched ({' '.join(str(exc).split()) or type(exc).__name__})") from None
    if len(data) > max_bytes:
        raise ValueError(f"larger than {max_bytes} bytes")
    return Response(200, data, etag, modified)


def _entry_key(article: Article) -> str:
    return f"feed-entry:{article.url or article.path}"


def poll_feed(
    store,
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    full_text_below: int = 600,
    get: Callable[..., Response] = fetch,
) -> tuple[list[Article], list[Skip], Callable[[], None]]:
    """New articles of one feed: ``(articles, skips, commit)``.

    Call ``commit()`` once the articles are stored: it records the entries
    taken and the feed's validators, so that a run killed before it reads them
    again (the store keeps an article once).
    """
    key = f"watch/feed/{url}"
    raw = store.state(key)
    validators = json.loads(raw) if raw else {}
    try:
        answer = get(url, etag=validators.get("etag"), modified=validators.get("modified"), max_bytes=max_bytes)
    except ValueError as exc:
        return [], [Skip(input=url, reason=str(exc))], lambda: None
    if answer.status == 304:
        return [], [], lambda: None
    articles: list[Article] = []
    skips: list[Skip] = []
    for item in read_feed(answer.data, url):
        (skips if isinstance(item, Skip) else articles).append(item)
    taken = store.watched([_entry_key(a) for a in articles])
    articles = [a for a in articles if _entry_key(a) not in taken]
    short = [i for i, a in enumerate(articles) if len(a.text) < full_text_below and a.url and is_url(a.url)]
    if short:
        with ThreadPoolExecutor(max_workers=min(_PAGE_THREADS, len(short))) as pool:
            pages = list(pool.map(lambda i: _page(articles[i], get, max_bytes), short))
        for i, (page, skip) in zip(short, pages):
            if page is not None:
                articles[i] = page
            if skip is not None:
                skips.append(skip)

    def commit() -> None:
        with store.transaction():
            store.mark_watched((_entry_key(a), 0, 0) for a in articles)
            store.put_state(key, json.dumps({"etag": answer.etag, "modified": answer.modified}).encode())

    return articles, skips, commit


def _page(entry: Article, get: Callable[..., Response], max_bytes: int) -> tuple[Article | None, Skip | None]:
    """The full article behind a summary-only entry, or a skip saying why not (the summary is kept)."""
    try:
        answer = get(entry.url, max_bytes=max_bytes)
    except ValueError as exc:
        return None, Skip(input=entry.url, reason=f"{exc}; the feed's summary is kept")
    found = html_article(answer.data, entry.url, where=entry.url, url=entry.url, published=entry.published)
    if isinstance(found, Skip):
        return None, replace(found, reason=f"{found.reason}; the feed's summary is kept")
    # the feed names its outlet (a page often gives only its host name); the page its headline
    meta = {"source": entry.source} if entry.source else {}
    if not found.title and entry.title:
        meta["title"] = entry.title
    return (replace(found, **meta) if meta else found), None
