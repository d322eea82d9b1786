"""storyledger.ingest.feeds through storyledger.watch: feeds polled over HTTP from a local server."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from storyledger import watch
from storyledger.ingest.feeds import fetch
from storyledger.store.store import Store

LONG = ("Engineers reopened the northern rail line on Monday after three weeks of repairs, the transport "
        "ministry said. About 40 trains a day will run between the two cities, a spokeswoman said, and "
        "freight services will follow next month once the signals have been tested. ") * 3
PAGE_BODY = ("The port authority said on Tuesday that a fire on a cargo ship had been put out after eleven hours. "
             "No crew members were hurt, the authority said, and the ship was towed to a repair dock. "
             "Investigators will examine the engine room where the fire started, officials added.")


def _item(title: str, link: str, body: str, day: int) -> str:
    return (f"<item><title>{title}</title><link>{link}</link>"
            f"<pubDate>Mon, {day:02d} Jun 2025 08:00:00 GMT</pubDate><description>{body}</description></item>")


def _feed(items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Daily</title>'
            f"<link>http://x/</link><description>d</description>{''.join(items)}</channel></rss>")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def send_head(self):
            requests.append(self.path)
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield root, base, requests
    server.shutdown()


def _write(path: Path, text: str, stamp: float) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (stamp, stamp))


def test_feed_entries_are_taken_once_and_summaries_are_replaced_by_their_pages(site, tmp_path):
    root, base, requests = site
    stamp = time.time() - 100
    (root / "fire.html").write_text(
        f"<html><head><title>Ship fire put out</title></head><body><article><h1>Ship fire put out</h1>"
        f"<p>{PAGE_BODY}</p></article></body></html>", encoding="utf-8")
    items = [_item("Rail line reopens", f"{base}/rail.html", LONG, 2),
             _item("Ship fire", f"{base}/fire.html", "A fire broke out on a ship.", 3)]
    _write(root / "feed.xml", _feed(items), stamp)
    with Store(tmp_path / "s.db") as store:
        first = watch.poll_once(store, [f"{base}/feed.xml"])
        assert first.added == 2 and first.skipped == []
        texts = {a.title: a.text for a in store.articles()}
        assert "towed to a repair dock" in texts["Ship fire put out"]  # the page, not the summary
        assert "/rail.html" not in requests  # a full entry needs no page
        assert {a.source for a in store.articles()} == {"Harbour Daily"}
        # unchanged feed: a conditional request answered 304, nothing read
        n = len(requests)
        again = watch.poll_once(store, [f"{base}/feed.xml"])
        assert (again.added, again.skipped) == (0, [])
        assert requests[n:] == ["/feed.xml"]
        # a new entry: only it is taken
        items.append(_item("Rail freight", f"{base}/freight.html", LONG.replace("Engineers", "Workers") + " More.", 4))
        _write(root / "feed.xml", _feed(items), stamp + 50)
        third = watch.poll_once(store, [f"{base}/feed.xml"])
        assert third.added == 1 and store.count_articles() == 3


def test_a_missing_page_keeps_the_summary_and_a_dead_feed_is_one_skip(site, tmp_path):
    root, base, _ = site
    summary = "The harbour master said two ferries were cancelled on Friday because of high winds in the strait."
    _write(root / "feed.xml", _feed([_item("Ferries cancelled", f"{base}/gone.html", summary, 5)]), time.time() - 100)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/feed.xml"
    local = tmp_path / "inbox"
    local.mkdir()
    _write(local / "a.txt", LONG, time.time() - 100)
    with Store(tmp_path / "s.db") as store:
        r = watch.poll_once(store, [f"{base}/feed.xml", dead, str(local)])
        reasons = {s.input: s.reason for s in r.skipped}
        assert reasons[f"{base}/gone.html"].startswith("HTTP 404") and "summary is kept" in reasons[f"{base}/gone.html"]
        assert reasons[dead].startswith("cannot be fetched")
        assert r.added == 2  # the summary and the local file
        assert any(a.text == summary for a in store.articles())


def test_fetch_refuses_an_answer_over_the_limit(site):
    root, base, _ = site
    (root / "big.xml").write_text("x" * 5000)
    with pytest.raises(ValueError, match="larger than 1000 bytes"):
        fetch(f"{base}/big.xml", max_bytes=1000)
    assert fetch(f"{base}/big.xml", max_bytes=5000).data == b"x" * 5000


# ---------------------------------------------------------------- hostile servers and feeds


@pytest.fixture
def hostile():
    """A server on 127.0.0.1 whose paths misbehave: redirects, a trickle, a hang-up."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            if self.path == "/to-ftp":
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/secret.txt")
                self.end_headers()
            elif self.path.startswith("/hop"):
                self.send_response(302)
                self.send_header("Location", "/to-ftp")
                self.end_headers()
            elif self.path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"<p>x</p>")
                        self.wfile.flush()
                        time.sleep(0.2)
                except OSError:
                    pass
            elif self.path == "/hang-up":
                self.close_connection = True
            else:
                self.send_error(404)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_redirects_lead_only_to_http(hostile):
    with pytest.raises(ValueError, match=r"^refused: only http\(s\) addresses are fetched, not ftp"):
        fetch(f"{hostile}/hop")
    with pytest.raises(ValueError, match="^refused: only http"):
        fetch("file:///etc/passwd")


def test_one_deadline_for_the_whole_fetch(hostile):
    from storyledger.ingest.feeds import FetchPolicy

    started = time.monotonic()
    with pytest.raises(ValueError, match=r"no complete answer within 1 s"):
        fetch(f"{hostile}/trickle", policy=FetchPolicy(deadline=1.0))  # each read is quick; the whole is not
    assert time.monotonic() - started < 5


def test_the_reason_is_always_said(hostile):
    with pytest.raises(ValueError) as caught:
        fetch(f"{hostile}/hang-up")
    reason = str(caught.value)
    assert reason.startswith("cannot be fetched (") and not reason.endswith("()") and len(reason) > len("cannot be fetched ()")


def test_entry_links_to_other_private_hosts_are_refused_unless_allowed(site, tmp_path):
    from storyledger.ingest.feeds import FetchPolicy

    root, base, requests = site
    port = base.rsplit(":", 1)[1]
    (root / "inside.html").write_text(
        f"<html><body><article><h1>Internal page</h1><p>{PAGE_BODY}</p></article></body></html>", encoding="utf-8")
    summary = "A short summary of a page that sits on an internal address and must not be read from a feed."
    # the feed is on 127.0.0.1; its entry links to "localhost", another name resolving to a loopback address
    _write(root / "feed.xml", _feed([_item("Inside", f"http://localhost:{port}/inside.html", summary, 6)]),
           time.time() - 100)
    with Store(tmp_path / "s.db") as store:
        r = watch.poll_once(store, [f"{base}/feed.xml"])
        (skip,) = r.skipped
        assert skip.input == f"http://localhost:{port}/inside.html"
        assert skip.reason.startswith("refused: localhost is at ") and "loopback address" in skip.reason
        assert "summary is kept" in skip.reason and "/inside.html" not in requests
        assert [a.text for a in store.articles()] == [summary]
    with Store(tmp_path / "t.db") as store:
        r = watch.poll_once(store, [f"{base}/feed.xml"], fetch_policy=FetchPolicy(allow_private=True))
        assert r.skipped == [] and "/inside.html" in requests
        assert "towed to a repair dock" in next(iter(store.articles())).text
