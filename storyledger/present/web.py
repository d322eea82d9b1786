"""The local web app: browse the stories of a store, each page with a JSON twin.

Routes (``GET`` and ``HEAD`` only; the app never writes)::

    /                      searchable story list (?q=words&offset=N)
    /stories.json          the same list as JSON
    /stories/ID            one story: brief, figures, side-by-side reader, provenance, disputes, quotes
    /stories/ID.json       its JSON twin: a one-story report document (same schema as the file report)
    /articles/ID.json      one article

The app reads story documents through a small :class:`DocumentSource`
interface (:class:`StoreSource` for a database opened read-only, one connection
per request, so an ``ingest`` writing to the same file is no obstacle;
:class:`DictSource` for a report document in memory), so it is tested without a
server and without a database.

Safety: it binds 127.0.0.1 unless told otherwise and answers only requests
whose ``Host`` names a loopback address (against DNS rebinding) when bound
there. Every response carries a restrictive Content-Security-Policy (nothing
loads; only the page's own inline style and script run, by hash),
``X-Content-Type-Options: nosniff`` and ``X-Frame-Options: DENY``. Request
targets are capped in length, request bodies are refused, path traversal
(``..``, encoded or not, backslashes, control characters) is refused with 400.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import StoreError, StoryLedgerError
from .html import content_security_policy, render_error_page, render_story_list_page, render_story_page

__all__ = [
    "App",
    "DictSource",
    "DocumentSource",
    "MAX_ID",
    "MAX_QUERY",
    "MAX_TARGET",
    "PAGE_SIZE",
    "Response",
    "StoreSource",
    "make_app",
    "serve",
]

log = logging.getLogger(__name__)

MAX_TARGET = 2048  # bytes of request target (path + query)
MAX_QUERY = 200  # characters of a search
MAX_ID = 512  # characters of a story or article id
PAGE_SIZE = 200
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
    """A :class:`DocumentSource` over a storyledger database, opened read-only per call.

    Args:
        db_path: the database file.

    Raises:
        StoreError: the database cannot be opened (checked once here, so ``serve`` fails early).
    """

    def __init__(self, db_path: str) -> None:
        self.db_path = str(db_path)
        self._open().close()

    def _open(self):
        from ..store import Store

        return Store(self.db_path, readonly=True)

    def stories(self, query: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> tuple[list[dict], int]:
        """Story summaries (newest first) whose title matches ``query``; one page and the match count."""
        with self._open() as store:
            found = store.stories_summary()
        if query:
            found = [s for s in found if _matches(query, s.get("title"))]
        return found[offset : offset + limit], len(found)

    def story(self, story_id: str) -> dict | None:
        """The one-story document of ``story_id`` (empty analysis fields until analysed), or None."""
        from ..store import story_document

        with self._open() as store:
            return story_document(store, story_id)

    def article(self, article_id: str) -> dict | None:
        """One article, or None."""
        from .report import article_dict

        with self._open() as store:
            a = store.article(article_id)
        return None if a is None else article_dict(a)


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

    def __init__(self, source: Any, *, allow_any_host: bool = False) -> None:
        self._source = source
        self.allow_any_host = allow_any_host

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
        try:
            return self._route(segments, query)
        except StoreError as e:
            log.warning("store error: %s", e)
            return self._error(503, "The database cannot be read right now; try again.", as_json=wants_json)
        except StoryLedgerError as e:
            log.warning("error: %s", e)
            return self._error(500, "The request could not be answered.", as_json=wants_json)
        except Exception:  # a bug must not kill the server or leak a traceback to the page
            log.exception("internal error answering %s", target[:200])
            return self._error(500, "Internal error.", as_json=wants_json)

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

    def server(self, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
        """A threading HTTP server answering with this app (call ``serve_forever`` on it)."""
        return _Server((host, port), _handler_for(self))


_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _handler_for(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "storyledger"

        timeout = 20  # seconds a client may take to send its request (slow clients cannot pin threads)
        protocol_version = "HTTP/1.0"

        def _answer(self) -> None:
            resp = app.handle(self.command, self.path, dict(self.headers.items()))
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            self.send_header("Content-Security-Policy", content_security_policy())
            for k, v in {**_SECURITY_HEADERS, **resp.headers}.items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(resp.body)

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _answer

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            # Malformed requests (too long a line, too many headers) get our page and headers too.
            try:
                body = render_error_page(code, HTTPStatus(code).phrase, message or "Bad request.").encode("utf-8")
            except ValueError:
                body = b"error"
            self.send_response(code, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", content_security_policy())
            for k, v in _SECURITY_HEADERS.items():
                self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
            log.info("%s - %s", self.address_string(), format % args)

    return Handler


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
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
