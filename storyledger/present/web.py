"""The local web app: browse the stories of a store, each page with a JSON twin.

Routes (``GET`` and ``HEAD`` only; the app never writes)::

    /                      searchable story list (?q=words&offset=N)
    /stories.json          the same list as JSON
    /stories/ID            one story: brief, figures, side-by-side reader, provenance, disputes, quotes
    /stories/ID.json       its JSON twin: a one-story report document (same schema as the file report)
    /articles/ID.json      one article

The app reads story documents through a small :class:`DocumentSource`
interface (:class:`StoreSource` for a database opened read-only, one connection
per worker thread, so an ``ingest`` writing to the same file is no obstacle;
:class:`DictSource` for a report document in memory), so it is tested without a
server and without a database. Answers are cached while the store's version
(SQLite's ``data_version``, and the file's identity) stays the same: a page is
rendered once per change of the store, not once per request.

The stack: :class:`App` is a plain function of a request (:meth:`App.handle`)
and, as :meth:`App.__call__`, a minimal ASGI 3 application, served by uvicorn
(pinned, with its pure-Python h11 parser; the stack datasette runs on). The
standard library's ``http.server`` it replaces is documented as not meant for
production: with a listen backlog of 5 and a thread per connection, 50
concurrent clients saw a p99 of 2.7 s (BENCHMARKS.md). uvicorn brings an event
loop that holds thousands of idle or slow connections at no thread each, a
listen backlog of :data:`MAX_CONCURRENCY`, a cap on connections in progress
(503 beyond it), a keep-alive timeout and a bounded request head. Starlette
would add routing, middleware and templates this app does not need: its five
routes and its refusals are the thirty lines of :meth:`App.handle`, tested
without a server. Reading the store blocks, so an answer not in the cache is
computed in a worker thread; a cached one is sent from the event loop.

Safety: it binds 127.0.0.1 unless told otherwise and answers only requests
whose ``Host`` names a loopback address (against DNS rebinding) when bound
there (a request naming two Hosts matches none). Every response carries a
restrictive Content-Security-Policy (nothing loads; only the page's own inline
style and script run, by hash), ``X-Content-Type-Options: nosniff`` and
``X-Frame-Options: DENY``. Request targets are capped in length (414 with the
app's page; a request head still incomplete past :data:`MAX_HEAD` bytes is
refused by uvicorn itself with a plain 400), request bodies are refused unread, path traversal
(``..``, encoded or not, backslashes, control characters) is refused with 400.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import socket
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..errors import StoreError, StoryLedgerError
from .html import content_security_policy, render_error_page, render_story_list_page, render_story_page

__all__ = [
    "App",
    "CACHE_BYTES",
    "DictSource",
    "DocumentSource",
    "KEEP_ALIVE_S",
    "MAX_CONCURRENCY",
    "MAX_HEAD",
    "MAX_ID",
    "MAX_QUERY",
    "MAX_TARGET",
    "PAGE_SIZE",
    "Response",
    "Server",
    "StoreSource",
    "make_app",
    "serve",
]

log = logging.getLogger(__name__)

MAX_TARGET = 2048  # bytes of request target (path + query)
MAX_QUERY = 200  # characters of a search
MAX_ID = 512  # characters of a story or article id
PAGE_SIZE = 200
#: Bytes of answers kept per app while the store does not change (a page is rendered once per change).
CACHE_BYTES = 64 * 1024 * 1024
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


class DocumentSource(Protocol):
    """Where the app gets what it shows (all methods read-only)."""

    def stories(self, query: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> tuple[list[dict], int]:
        """Story summaries matching ``query`` (all when empty), one page of them, and how many match."""

    def story(self, story_id: str) -> dict | None:
        """A one-story report document (``schema_version``, ``articles``, ``skipped``, ``stories``)."""

    def article(self, article_id: str) -> dict | None:
        """One article as the report writes it."""


def _matches(query: str, *fields: Any) -> bool:
    words = query.lower().split()
    hay = " ".join(str(f) for f in fields if f).lower()
    return all(w in hay for w in words)


def _one_story_document(story: dict, articles: list[dict]) -> dict:
    from .report import SCHEMA_VERSION

    return {"schema_version": SCHEMA_VERSION, "articles": articles, "skipped": [], "stories": [story]}


class DictSource:
    """A :class:`DocumentSource` over a report document held in memory.

    Args:
        document: a report document (as ``storyledger analyze --format json`` writes).
    """

    def __init__(self, document: Mapping[str, Any]) -> None:
        arts = document.get("articles") if isinstance(document, Mapping) else None
        sts = document.get("stories") if isinstance(document, Mapping) else None
        self._articles = {a["id"]: a for a in arts or [] if isinstance(a, Mapping) and isinstance(a.get("id"), str)}
        self._stories = [s for s in sts or [] if isinstance(s, Mapping) and isinstance(s.get("id"), str)]
        self._by_id = {s["id"]: s for s in self._stories}

    def _summary(self, s: Mapping) -> dict:
        arts = [self._articles[a] for a in s.get("article_ids") or [] if a in self._articles]
        sources = list(dict.fromkeys(a.get("source") for a in arts if a.get("source")))
        dates = sorted(a["published"] for a in arts if isinstance(a.get("published"), str))
        return {
            "id": s["id"],
            "title": s.get("title"),
            "n_articles": len(s.get("article_ids") or []),
            "n_sources": len(sources),
            "sources": sources,
            "first_published": dates[0] if dates else None,
            "last_published": dates[-1] if dates else None,
        }

    def stories(self, query: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> tuple[list[dict], int]:
        """Story summaries matching ``query`` in title or outlets; one page and the match count."""
        found = [self._summary(s) for s in self._stories]
        if query:
            found = [s for s in found if _matches(query, s["title"], *s["sources"])]
        return found[offset : offset + limit], len(found)

    def story(self, story_id: str) -> dict | None:
        """The one-story document of ``story_id``, or None."""
        s = self._by_id.get(story_id)
        if s is None:
            return None
        from ..store import story_article_ids

        ids = list(dict.fromkeys(story_article_ids(s)))
        return _one_story_document(dict(s), [dict(self._articles[a]) for a in ids if a in self._articles])

    def article(self, article_id: str) -> dict | None:
        """One article, or None."""
        a = self._articles.get(article_id)
        return None if a is None else dict(a)


class StoreSource:
    """A :class:`DocumentSource` over a storyledger database, opened read-only.

    Each worker thread keeps its own read-only connection (opening one costs
    more than most answers), reopened when the file is replaced; in WAL mode
    an ``ingest`` writing to the same file is no obstacle, and a reader holds
    no transaction between calls. :meth:`version` tells the app when what it
    cached is stale.

    Args:
        db_path: the database file.

    Raises:
        StoreError: the database cannot be opened (checked once here, so ``serve`` fails early).
    """

    def __init__(self, db_path: str) -> None:
        self.db_path = str(db_path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._watch: tuple[tuple[int, int], Any] | None = None  # the connection version() asks
        self._seen: int | None = None
        self._generation = 0
        self._open().close()

    def _open(self):
        from ..store import Store

        return Store(self.db_path, readonly=True)

    def _identity(self) -> tuple[int, int]:
        """Which file the path names now (device, inode): a new one after the database was replaced."""
        try:
            st = os.stat(self.db_path)
        except OSError as e:
            raise StoreError(f"{self.db_path}: the database is gone ({e.strerror or e})") from e
        return st.st_dev, st.st_ino

    @contextmanager
    def _store(self) -> Iterator[Any]:
        """This thread's read-only store, opened on first use and when the file was replaced."""
        ident = self._identity()
        held = getattr(self._local, "held", None)
        if held is None or held[0] != ident:
            if held is not None:
                held[1].close()
            held = self._local.held = (ident, self._open())
        try:
            yield held[1]
        except StoreError:
            held[1].close()  # a damaged or vanished file: open afresh next time
            self._local.held = None
            raise

    def version(self) -> tuple:
        """A token that changes whenever the database does: another process committed, or the file was replaced."""
        ident = self._identity()
        with self._lock:
            if self._watch is None or self._watch[0] != ident:
                if self._watch is not None:
                    self._watch[1].close()
                self._watch, self._seen = (ident, self._open()), None
            try:
                seen = self._watch[1].data_version()
            except StoreError:
                self._watch[1].close()
                self._watch = None
                raise
            if seen != self._seen:
                self._seen, self._generation = seen, self._generation + 1
            return ident, self._generation

    def stories(self, query: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> tuple[list[dict], int]:
        """Story summaries (newest first) whose title matches ``query``; one page and the match count."""
        with self._store() as store:
            found = store.stories_summary()
        if query:
            found = [s for s in found if _matches(query, s.get("title"))]
        return found[offset : offset + limit], len(found)

    def story(self, story_id: str) -> dict | None:
        """The one-story document of ``story_id`` (empty analysis fields until analysed), or None."""
        from ..store import story_document

        with self._store() as store:
            return story_document(store, story_id)

    def article(self, article_id: str) -> dict | None:
        """One article, or None."""
        from .report import article_dict

        with self._store() as store:
            a = store.article(article_id)
        return None if a is None else article_dict(a)


class _Cache:
    """Answers kept while the source's version stays the same: least recently used out first, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, Response] = OrderedDict()
        self._bytes = 0
        self._version: Any = None

    def get(self, version: Any, key: tuple) -> Response | None:
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._bytes, self._version = 0, version
                return None
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, version: Any, key: tuple, resp: Response) -> None:
        size = len(resp.body)
        with self._lock:
            if version != self._version or size > self.max_bytes // 4 or key in self._items:
                return
            self._items[key] = resp
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old.body)


@dataclass(frozen=True, slots=True)
class Response:
    """What the app answers: status, headers and body bytes."""

    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _bad_id(value: str) -> bool:
    return (
        not value
        or len(value) > MAX_ID
        or any(ord(c) < 32 or c == "\x7f" for c in value)
        or "\\" in value
        or any(part in ("..", ".") for part in value.split("/"))
    )


class App:
    """The web app as a plain function of a request, plus a way to serve it.

    Args:
        source: a :class:`DocumentSource`, a report document (a mapping), or a callable
            returning one of these (called per request, so a changing file is re-read).
        allow_any_host: answer whatever ``Host`` the request names (set when bound to a
            non-loopback address on purpose).
    """

    def __init__(self, source: Any, *, allow_any_host: bool = False, cache_bytes: int = CACHE_BYTES) -> None:
        self._source = source
        self.allow_any_host = allow_any_host
        self._cache = _Cache(cache_bytes)

    def source(self) -> DocumentSource:
        """The document source for one request."""
        src = self._source
        if callable(src) and not hasattr(src, "story"):
            src = src()
        if isinstance(src, Mapping):
            return DictSource(src)
        return src

    # -- responses

    @staticmethod
    def _html(status: int, page: str) -> Response:
        return Response(status, page.encode("utf-8"))

    @staticmethod
    def _json(status: int, data: Any) -> Response:
        body = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8", "replace")
        return Response(status, body, "application/json; charset=utf-8")

    def _error(self, status: int, message: str, *, as_json: bool = False) -> Response:
        title = HTTPStatus(status).phrase
        if as_json:
            return self._json(status, {"error": title, "message": message})
        return self._html(status, render_error_page(status, title, message))

    # -- routing

    def handle(self, method: str, target: str, headers: Mapping[str, str] | None = None) -> Response:
        """Answer one request.

        Args:
            method: the HTTP method.
            target: the request target as received (path and query, still percent-encoded).
            headers: the request headers (``Host``, ``Content-Length`` are checked).

        Returns:
            The response; errors are pages (or JSON for ``.json`` paths), never exceptions.
        """
        resp = self._handle(method, target, headers, compute=True)
        assert resp is not None  # computed
        return resp

    def at_hand(self, method: str, target: str, headers: Mapping[str, str] | None = None) -> Response | None:
        """The answer :meth:`handle` would give if it needs no reading: a refusal, or a page cached for this version.

        ``None`` when the source has to be read (the ASGI app then calls
        :meth:`handle` in a worker thread; a cached answer is sent from the event loop).
        """
        try:
            return self._handle(method, target, headers, compute=False)
        except Exception:  # noqa: BLE001 - whatever it is, handle() answers it properly
            return None

    def _handle(self, method: str, target: str, headers: Mapping[str, str] | None, *, compute: bool) -> Response | None:
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        wants_json = target.split("?", 1)[0].endswith(".json")
        if len(target.encode("utf-8", "replace")) > MAX_TARGET:
            return self._error(414, f"The address is longer than {MAX_TARGET} bytes.", as_json=wants_json)
        if method not in ("GET", "HEAD"):
            r = self._error(405, "This app is read-only: only GET and HEAD are answered.", as_json=wants_json)
            r.headers["Allow"] = "GET, HEAD"
            return r
        length = headers.get("content-length", "0").strip() or "0"
        if not length.isdigit() or int(length) > 0 or "transfer-encoding" in headers:
            return self._error(413, "Requests to this app carry no body.", as_json=wants_json)
        if not self.allow_any_host:
            host = headers.get("host", "127.0.0.1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.lower() not in _LOOPBACK:
                return self._error(400, "Unexpected Host header: this app answers local requests only.",
                                   as_json=wants_json)
        try:
            parts = urlsplit(target)
        except ValueError:
            return self._error(400, "The address cannot be parsed.", as_json=wants_json)
        raw = parts.path
        if not raw.startswith("/") or "\\" in raw or "\x00" in raw:
            return self._error(400, "Malformed path.", as_json=wants_json)
        segments = raw.split("/")[1:]
        if any(unquote(s) in (".", "..") for s in segments) or ".." in unquote(raw).split("/"):
            return self._error(400, "Path traversal is not allowed.", as_json=wants_json)
        try:
            query = parse_qs(parts.query, max_num_fields=10)
        except ValueError:
            return self._error(400, "Too many query parameters.", as_json=wants_json)
        if not compute:
            return self._cached((parts.path, parts.query))
        try:
            return self._answer((parts.path, parts.query), segments, query)
        except StoreError as e:
            log.warning("store error: %s", e)
            return self._error(503, "The database cannot be read right now; try again.", as_json=wants_json)
        except StoryLedgerError as e:
            log.warning("error: %s", e)
            return self._error(500, "The request could not be answered.", as_json=wants_json)
        except Exception:  # a bug must not kill the server or leak a traceback to the page
            log.exception("internal error answering %s", target[:200])
            return self._error(500, "Internal error.", as_json=wants_json)

    def _cached(self, key: tuple[str, str]) -> Response | None:
        # the source object itself, not what a callable source returns (calling it may read a file)
        version = getattr(self._source, "version", None)
        return None if version is None else self._cache.get(version(), key)

    def _answer(self, key: tuple[str, str], segments: list[str], query: Mapping[str, list[str]]) -> Response:
        """The routed answer, from the cache while the source has not changed (sources with a ``version``)."""
        version = getattr(self._source, "version", None)
        if version is None:
            return self._route(segments, query)
        token = version()
        hit = self._cache.get(token, key)
        if hit is not None:
            return hit
        resp = self._route(segments, query)
        if resp.status in (200, 404) and not resp.headers:
            self._cache.put(token, key, resp)
        return resp

    def _route(self, segments: list[str], query: Mapping[str, list[str]]) -> Response:
        if segments in ([""], ["index.html"]) or segments == ["stories.json"]:
            q = " ".join((query.get("q") or [""])[0].split())[:MAX_QUERY]
            off = (query.get("offset") or ["0"])[0]
            offset = int(off) if off.isdigit() and len(off) < 10 else 0
            found, total = self.source().stories(q, offset, PAGE_SIZE)
            if segments == ["stories.json"]:
                return self._json(200, {"query": q, "offset": offset, "total": total, "stories": found})
            return self._html(200, render_story_list_page(found, query=q, total=total, offset=offset,
                                                          limit=PAGE_SIZE))
        if len(segments) == 2 and segments[0] in ("stories", "articles") and segments[1]:
            name = segments[1]
            as_json = name.endswith(".json")
            try:
                ident = unquote(name[:-5] if as_json else name, errors="strict")
            except UnicodeDecodeError:
                ident = ""
            if _bad_id(ident):
                return self._error(400, "Malformed id.", as_json=as_json)
            if segments[0] == "articles":
                if not as_json:
                    return self._error(404, "Articles are served as JSON: add .json.")
                article = self.source().article(ident)
                return self._json(200, article) if article else self._error(404, "No such article.", as_json=True)
            doc = self.source().story(ident)
            if doc is None:
                return self._error(404, "No story with this id.", as_json=as_json)
            return self._json(200, doc) if as_json else self._html(200, render_story_page(doc, ident))
        if segments == ["favicon.ico"]:
            return Response(204, b"", "text/plain")
        return self._error(404, "There is no page at this address.")

    # -- serving

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        """The app as an ASGI 3 application (what uvicorn, or any ASGI server, calls).

        A refusal or an answer cached for the store's version is sent from
        the event loop (:meth:`at_hand`); any other is computed by
        :meth:`handle` in a worker thread (the store is read with blocking
        SQLite calls), so the loop keeps accepting and reading other clients
        meanwhile. Only ``http`` scopes are answered; a request body is never
        read (:meth:`handle` refuses one by its headers).
        """
        if scope.get("type") != "http":
            return  # lifespan is off; websockets are not offered
        target = _target(scope)
        headers = _request_headers(scope.get("headers") or [])
        method = scope.get("method", "GET")
        resp = self.at_hand(method, target, headers)
        if resp is None:
            resp = await asyncio.get_running_loop().run_in_executor(None, self.handle, method, target, headers)
        await send({"type": "http.response.start", "status": resp.status, "headers": _response_headers(resp)})
        await send({"type": "http.response.body", "body": resp.body})

    def server(self, host: str = "127.0.0.1", port: int = 8000) -> Server:
        """A :class:`Server` answering with this app on ``host:port`` (bound now; call ``serve_forever`` on it)."""
        return Server(self, host, port)


_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}

#: Bytes a request head may grow to, still incomplete, before uvicorn refuses it itself (400, plain text);
#: below it, a target over :data:`MAX_TARGET` gets the app's own 414 page and headers.
MAX_HEAD = 96 * 1024
#: Connections and requests in progress at once; more are answered 503 at once rather than queued.
MAX_CONCURRENCY = 512
#: Seconds an idle keep-alive connection is kept open.
KEEP_ALIVE_S = 5


def _target(scope: Mapping[str, Any]) -> str:
    """The request target as received (path and query, still percent-encoded)."""
    raw = scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else quote(scope.get("path") or "/")
    query = (scope.get("query_string") or b"").decode("latin-1")
    return f"{path}?{query}" if query else path


def _request_headers(pairs: list) -> dict[str, str]:
    """ASGI header pairs as a dict; a header sent twice keeps both values, joined (two Hosts match no loopback)."""
    out: dict[str, str] = {}
    for name, value in pairs:
        key, val = name.decode("latin-1").lower(), value.decode("latin-1")
        out[key] = f"{out[key]}, {val}" if key in out else val
    return out


@functools.lru_cache(maxsize=1)
def _policy() -> str:
    """The Content-Security-Policy, hashed once: the page's assets do not change while serving."""
    return content_security_policy()


def _response_headers(resp: Response) -> list[tuple[bytes, bytes]]:
    """The response's wire headers: type, length, CSP by hash, the safety headers, then its own."""
    fixed = {
        "Server": "storyledger",
        "Content-Type": resp.content_type,
        "Content-Length": str(len(resp.body)),
        "Content-Security-Policy": _policy(),
        **_SECURITY_HEADERS,
        **resp.headers,
    }
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in fixed.items()]


class Server:
    """uvicorn serving an :class:`App` on a socket bound at construction.

    The socket is bound here (so a busy port fails at once and port 0 is known
    before serving); :meth:`serve_forever` runs uvicorn on it until
    :meth:`shutdown` or Ctrl-C. The same small surface as the standard
    library's servers: ``server_address``, ``serve_forever``, ``shutdown``,
    ``server_close``.

    Args:
        app: the app to serve.
        host: the address to bind.
        port: the port (0 picks a free one).

    Raises:
        OSError: the address cannot be bound.
    """

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 8000) -> None:
        import uvicorn

        self.socket = _bind(host, port)
        self.server_address = self.socket.getsockname()
        config = uvicorn.Config(
            app, http="h11", loop="asyncio", interface="asgi3", lifespan="off", log_config=None,
            server_header=False, access_log=logging.getLogger("uvicorn.access").isEnabledFor(logging.INFO),
            h11_max_incomplete_event_size=MAX_HEAD, limit_concurrency=MAX_CONCURRENCY,
            timeout_keep_alive=KEEP_ALIVE_S, backlog=MAX_CONCURRENCY,
        )
        self._server = uvicorn.Server(config)
        self._done = threading.Event()

    def serve_forever(self, poll_interval: float | None = None) -> None:
        """Serve until :meth:`shutdown` (or Ctrl-C in the main thread); ``poll_interval`` is ignored."""
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._done.set()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop serving (finishing the requests in progress) and wait for :meth:`serve_forever` to return."""
        self._server.should_exit = True
        if self._server.started:
            self._done.wait(timeout)

    def server_close(self) -> None:
        """Close the listening socket."""
        self.socket.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(MAX_CONCURRENCY)  # clients connecting before uvicorn starts wait in the queue
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_app(source: Any, *, allow_any_host: bool = False) -> App:
    """Build the web app over a document source.

    Args:
        source: a :class:`DocumentSource` (e.g. :class:`StoreSource`), a report document,
            or a callable returning either (called per request).
        allow_any_host: answer requests naming any ``Host`` (for a deliberate non-loopback bind).

    Returns:
        The :class:`App`; ``app.handle(method, target, headers)`` answers one request and
        ``app.server(host, port)`` serves it.

    Example:
        >>> app = make_app({"schema_version": 1, "articles": [], "skipped": [], "stories": []})
        >>> app.handle("GET", "/stories.json").status
        200
    """
    return App(source, allow_any_host=allow_any_host)


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, *, ready: Callable[[str], None] | None = None,
          stop: threading.Event | None = None) -> None:
    """Serve the stories of a database until interrupted (Ctrl-C).

    Args:
        db_path: the database, opened read-only (an ``ingest`` may write to it meanwhile).
        host: the address to bind; 127.0.0.1 unless told otherwise.
        port: the port (0 picks a free one).
        ready: called with the app's URL once it listens (default: print it).
        stop: when set, the server stops (for tests and embedding).

    Raises:
        StoreError: the database cannot be opened.
        StoryLedgerError: the address cannot be bound.
    """
    source = StoreSource(db_path)
    app = make_app(source, allow_any_host=host not in _LOOPBACK)
    try:
        server = app.server(host, port)
    except OSError as e:
        raise StoryLedgerError(f"cannot listen on {host}:{port} ({e.strerror or e})") from e
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_address[1]}/"
    if host not in _LOOPBACK:
        log.warning("listening on %s: anyone who can reach this address can read the stories", host)
    (ready or (lambda u: print(f"storyledger: serving {db_path} read-only at {u} (Ctrl-C to stop)", flush=True)))(url)
    if stop is not None:
        threading.Thread(target=lambda: (stop.wait(), server.shutdown()), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
