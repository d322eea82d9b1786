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
user names an ``http://`` or ``https://`` address. A feed is data from
elsewhere, so what it links to is fetched under a :class:`FetchPolicy`:

* only ``http://`` and ``https://``, at every hop of a redirect chain (at most five);
* no loopback, private, link-local or other non-public address, checked on the
  address a name resolves to and then connected to (so a name that resolves
  differently the second time gains nothing), unless the user allows them or
  the page is on the feed's own host (a feed on an intranet links to its pages);
* one deadline for the whole fetch (connection, redirects, every read), and one
  size limit over all the reads: a server that trickles bytes is cut off;
* a refusal or failure is a skip whose reason is never empty.

With a proxy set in the environment (``http_proxy``...) the connection goes to
the proxy, which the user chose; the address check then cannot see the final
address.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from .readers import html_article, read_feed
from ..options import MAX_BYTES
from ..records import Article, Skip

__all__ = [
    "FetchPolicy",
    "Response",
    "USER_AGENT",
    "fetch",
    "is_url",
    "poll_feed",
]

log = logging.getLogger(__name__)

USER_AGENT = "storyledger/0.1 (news analysis; feed poller)"
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


@dataclass(frozen=True)
class FetchPolicy:
    """Where and how long a fetch may go.

    Attributes:
        allow_private: fetch from loopback, private, link-local and other
            non-public addresses too. Without it such an address is refused, at
            every hop of a redirect chain and for the address actually connected
            to (a name is resolved once and the checked address is used), except
            for the hosts a fetch trusts (its own address, or a feed's host for
            the feed's entry links).
        deadline: seconds one fetch may take in all: connecting, every redirect
            and every read (a server that trickles bytes is cut off).
        max_redirects: redirects followed; each must go to ``http(s)://``.
    """

    allow_private: bool = False
    deadline: float = 60.0
    max_redirects: int = 5


def fetch(
    url: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    max_bytes: int = MAX_BYTES,
    policy: FetchPolicy = FetchPolicy(),
    trusted: Collection[str] | None = None,
) -> Response:
    """GET ``url``, conditionally on ``etag`` / ``modified``, within ``policy``.

    Args:
        url: an ``http://`` or ``https://`` address.
        etag, modified: the validators of a previous fetch.
        max_bytes: the most bytes of body read, over all reads.
        policy: addresses allowed, the overall deadline, redirects.
        trusted: host names whose non-public addresses are allowed (default: the host of ``url``).

    The work is :func:`storyledger.ingest.http_fetch.fetch`'s, imported on the
    first call with the standard library's HTTP modules.

    Raises:
        ValueError: the fetch failed, was refused, took too long or the answer
            is an error or larger than ``max_bytes``; the message is one line and
            always says why.
    """
    from . import http_fetch

    return http_fetch.fetch(url, etag=etag, modified=modified, max_bytes=max_bytes, policy=policy, trusted=trusted)


def _entry_key(article: Article) -> str:
    return f"feed-entry:{article.url or article.path}"


def poll_feed(
    store,
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    full_text_below: int = 600,
    get: Callable[..., Response] = fetch,
    policy: FetchPolicy = FetchPolicy(),
) -> tuple[list[Article], list[Skip], Callable[[], None]]:
    """New articles of one feed: ``(articles, skips, commit)``.

    The feed and the pages of its entries are fetched within ``policy``; an
    entry's page on a loopback, private or link-local address is refused (one
    skip, the summary kept) unless the policy allows such addresses or the page
    is on the feed's own host.

    Call ``commit()`` once the articles are stored: it records the entries
    taken and the feed's validators, so that a run killed before it reads them
    again (the store keeps an article once).
    """
    key = f"watch/feed/{url}"
    raw = store.state(key)
    validators = json.loads(raw) if raw else {}
    try:
        answer = get(url, etag=validators.get("etag"), modified=validators.get("modified"), max_bytes=max_bytes,
                     policy=policy)
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
        from concurrent.futures import ThreadPoolExecutor

        from .http_fetch import host_of

        with ThreadPoolExecutor(max_workers=min(_PAGE_THREADS, len(short))) as pool:
            fetch_page = functools.partial(get, max_bytes=max_bytes, policy=policy, trusted=[host_of(url)])
            pages = list(pool.map(lambda i: _page(articles[i], fetch_page), short))
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


def _page(entry: Article, get: Callable[..., Response]) -> tuple[Article | None, Skip | None]:
    """The full article behind a summary-only entry, or a skip saying why not (the summary is kept)."""
    try:
        answer = get(entry.url)
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
