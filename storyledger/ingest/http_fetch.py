"""The guarded HTTP GET behind :mod:`storyledger.ingest.feeds` (its policy is described there).

Kept apart so that ``http.client``, ``urllib.request`` and ``ssl`` (with the
``email`` and ``socket`` modules they load) are imported on the first fetch
only: reading files never needs them, and they cost a cold start some 20-70 ms.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Collection
from typing import Any

from .feeds import USER_AGENT, FetchPolicy, Response
from ..options import MAX_BYTES

__all__ = ["fetch", "host_of"]

_READ_TIMEOUT = 20.0
_CHUNK = 1 << 16


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
    """GET ``url`` within ``policy``: the work of :func:`storyledger.ingest.feeds.fetch` (arguments there).

    Raises:
        ValueError: the fetch failed, was refused, took too long or the answer
            is an error or larger than ``max_bytes``; one line that says why.
    """
    trusted_hosts = frozenset(h.lower() for h in (trusted if trusted is not None else [host_of(url)]) if h)
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
        if not host_of(url):
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


def host_of(url: str) -> str:
    """The lower-cased host name of ``url`` (empty when it has none or cannot be read)."""
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _proxy_hosts() -> frozenset[str]:
    """The proxies the environment names: the user chose them, so their addresses are allowed."""
    return frozenset(host_of(p if "://" in p else f"http://{p}") for p in urllib.request.getproxies().values())


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
