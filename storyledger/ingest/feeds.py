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

import contextlib
import functools
import http.client
import ipaddress
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

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
_READ_TIMEOUT = 20.0
_CHUNK = 1 << 16
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


class _Refused(Exception):
    """A fetch refused by the policy (one-line reason); not an ``OSError``, so urllib passes it through."""


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

    Raises:
        ValueError: the fetch failed, was refused, took too long or the answer
            is an error or larger than ``max_bytes``; the message is one line and
            always says why.
    """
    trusted_hosts = frozenset(h.lower() for h in (trusted if trusted is not None else [_host(url)]) if h)
    guard = _Guard(policy, trusted_hosts | _proxy_hosts(), time.monotonic() + policy.deadline)
    timer = threading.Timer(policy.deadline, guard.expire)
    timer.daemon = True
    timer.start()
    try:
        return _get(url, etag, modified, max_bytes, guard)
    except _Refused as exc:
        raise ValueError(str(exc)) from None
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(304, etag=etag, modified=modified)
        raise ValueError(f"HTTP {exc.code} {_said(exc.reason) or 'error'}") from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if guard.expired:
            raise ValueError(f"cannot be fetched (no complete answer within {policy.deadline:g} s)") from None
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, _Refused):
            raise ValueError(str(reason)) from None
        raise ValueError(f"cannot be fetched ({_said(reason)})") from None
    finally:
        timer.cancel()
        guard.expire(cancelled=True)


def _get(url: str, etag: str | None, modified: str | None, max_bytes: int, guard: _Guard) -> Response:
    """One GET through the guarded opener, the body read in chunks within the deadline and size."""
    guard.check_url(url)
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    opener = urllib.request.build_opener(
        _GuardedRedirects(guard), _GuardedHTTP(guard), _GuardedHTTPS(guard)
    )
    request = urllib.request.Request(url, headers=headers)
    with opener.open(request, timeout=min(_READ_TIMEOUT, guard.remaining())) as answer:
        parts: list[bytes] = []
        size = 0
        while size <= max_bytes:
            guard.check_time()
            chunk = answer.read1(_CHUNK) if hasattr(answer, "read1") else answer.read(_CHUNK)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        guard.check_time()  # a socket cut at the deadline reads as the end of the answer
        if size > max_bytes:
            raise _Refused(f"larger than {max_bytes} bytes")
        return Response(200, b"".join(parts), answer.headers.get("ETag"), answer.headers.get("Last-Modified"))


class _Guard:
    """The policy of one fetch, applied to every address, redirect and socket of it."""

    def __init__(self, policy: FetchPolicy, trusted: frozenset[str], deadline: float) -> None:
        self.policy = policy
        self.trusted = trusted
        self.deadline = deadline
        self.expired = False
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.01, self.deadline - time.monotonic())

    def check_time(self) -> None:
        if self.expired or time.monotonic() > self.deadline:
            self.expired = True
            raise TimeoutError("deadline")

    def expire(self, cancelled: bool = False) -> None:
        """Cut every socket of the fetch: called by the deadline's timer, and at the end."""
        with self.lock:
            self.expired = self.expired or not cancelled
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self.sockets.clear()

    def check_url(self, url: str) -> None:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise _Refused(f"refused: only http(s) addresses are fetched, not {scheme or 'this'}: {url[:200]}")
        if not _host(url):
            raise _Refused(f"refused: no host in {url[:200]}")

    def connect(self, address: tuple[str, int], timeout: Any, source: Any = None) -> socket.socket:
        """A socket connected to an address of ``host`` that the policy allows (the one checked)."""
        host, port = address
        self.check_time()
        trusted = self.policy.allow_private or host.lower().strip("[]") in self.trusted
        last: Exception | None = None
        for family, kind, proto, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            if not trusted and not _public(sockaddr[0]):
                last = _Refused(f"refused: {host} is at {sockaddr[0]}, a {_kind_of(sockaddr[0])} address")
                continue
            sock = socket.socket(family, kind, proto)
            with self.lock:
                self.sockets.append(sock)
            if self.expired:
                sock.close()
                raise TimeoutError("deadline")
            try:
                sock.settimeout(min(_READ_TIMEOUT, self.remaining()))
                if source:
                    sock.bind(source)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last if last is not None else OSError(f"{host} has no address")


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _kind_of(address: str) -> str:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    return "non-public"


def _host(url: str) -> str:
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _proxy_hosts() -> frozenset[str]:
    """The proxies the environment names: the user chose them, so their addresses are allowed."""
    return frozenset(_host(p if "://" in p else f"http://{p}") for p in urllib.request.getproxies().values())


def _said(reason: Any) -> str:
    """A one-line reason, never empty (a bare timeout has no message)."""
    if isinstance(reason, (socket.timeout, TimeoutError)) and not str(reason):
        return "timed out"
    text = " ".join(str(reason).split())[:200]
    return text or type(reason).__name__


class _GuardedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to ``http(s)://``, at most ``max_redirects`` times."""

    def __init__(self, guard: _Guard) -> None:
        self.guard = guard
        self.max_redirections = guard.policy.max_redirects

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        self.guard.check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req):  # noqa: ANN001
        return self.do_open(functools.partial(_GuardedConnection, guard=self.guard), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req):  # noqa: ANN001
        return self.do_open(functools.partial(_GuardedSecureConnection, guard=self.guard), req)


class _GuardedConnection(http.client.HTTPConnection):
    """An HTTP connection whose socket comes from :meth:`_Guard.connect`."""

    def __init__(self, *args: Any, guard: _Guard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guard.connect  # http.client's hook for opening the socket


class _GuardedSecureConnection(http.client.HTTPSConnection):
    """An HTTPS connection whose socket comes from :meth:`_Guard.connect`."""

    def __init__(self, *args: Any, guard: _Guard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guard.connect


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
        with ThreadPoolExecutor(max_workers=min(_PAGE_THREADS, len(short))) as pool:
            fetch_page = functools.partial(get, max_bytes=max_bytes, policy=policy, trusted=[_host(url)])
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
