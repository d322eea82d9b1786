"""One reader per input format: bytes in, :class:`Article` or :class:`Skip` out.

A reader has the signature ``reader(data: bytes, path: str) -> Iterator[Article | Skip]``.
It turns every problem it can foresee (undecodable bytes, a malformed JSON line,
a broken feed or WARC) into a ``Skip`` with one line of reason and goes on with
the rest of the input; :func:`storyledger.ingest.jobs.ingest` adds a last safety net.

What ``Removal`` offsets point into ("the text as received"), per format:

* ``.txt`` / ``.md``: the decoded file, front matter included (true file offsets);
* JSON (:mod:`storyledger.ingest.formats`): the object's text value (or its HTML's text);
* HTML, feeds, WARC (:mod:`storyledger.ingest.warc`): the plain text extracted from the
  markup, before debris removal.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from typing import Any

from .encoding import decode_bytes
from .clean import clean_text
from ..records import Article, Removal, Skip, content_id

__all__ = [
    "Reader",
    "checked_date",
    "decode_html",
    "extract_html",
    "head_date",
    "html_article",
    "html_to_text",
    "make_article",
    "normalise_date",
    "read_feed",
    "read_html",
    "read_markdown",
    "read_text",
]

logger = logging.getLogger(__name__)

Reader = Callable[[bytes, str], Iterator[Article | Skip]]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_TIME_IN = re.compile(r"\d{1,2}:\d{2}")
_HEADLINE_MAX_WORDS = 25
_RESCUE_CHARS = 500


# ---------------------------------------------------------------- dates


def normalise_date(value: Any) -> str | None:
    """An ISO 8601 date (``YYYY-MM-DD``) or timestamp for a date given in any usual form.

    A date without a day (``"September 2023"``) or that cannot be read gives
    ``None``: no precision is invented.

    Example:
        >>> normalise_date("Sat, 30 Sep 2023 10:00:00 GMT")
        '2023-09-30T10:00:00+00:00'
        >>> normalise_date("30 September 2023"), normalise_date("2023"), normalise_date("soon")
        ('2023-09-30', None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    has_time = bool(_TIME_IN.search(text))
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        import email.utils  # RFC 2822 dates (feeds); ISO dates never need it

        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = _dateutil_parse(text)
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed.replace(microsecond=0).isoformat() if has_time else parsed.date().isoformat()


_FUTURE_SLACK = timedelta(days=2)  # time zones, embargoed copy: a date a little ahead is kept


def checked_date(value: Any, where: str) -> str | None:
    """:func:`normalise_date`, with a one-line warning naming ``where`` when a given date is not used.

    A date that cannot be read (``2023-02-30``, ``soon``), one without a day, one
    before 1800 and one more than two days after today are dropped: the article is
    kept without a date rather than placed wrongly on a timeline.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found = normalise_date(value)
    said = " ".join(str(value).split())[:80]
    if found is None:
        logger.warning("%s: date %r is not a usable date (no such day, no day named, or not between 1800 "
                       "and 2200); ignored", where, said)
        return None
    when = datetime.fromisoformat(found)
    now = datetime.now(when.tzinfo) if when.tzinfo else datetime.now()
    if when > now + _FUTURE_SLACK:
        logger.warning("%s: date %r is in the future; ignored", where, said)
        return None
    return found


# An absolute date with a year in a timestamp line: "July 2, 2013", "Tue, 02 Jul 2013", "03 JULY 2013", "2013-07-02".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_HEAD_DATE_RE = re.compile(
    r"\b(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:1[89]|2[01])\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?:1[89]|2[01])\d\d"
    r"|(?:1[89]|2[01])\d\d-\d\d-\d\d)\b", re.I)
# How far into the text a timestamp line may start and still date the article: its head.
_HEAD_CHARS = 400


def head_date(raw: str, removed: tuple[Removal, ...]) -> str | None:
    """The article's date from a timestamp line at its head, when its record gives none.

    Copied pages and wire texts often carry their date as a line of their own under the
    headline ("Updated: July 2, 2013 15:01 IST", "Tue, 02 Jul 2013"), which
    :func:`~storyledger.ingest.clean.clean_text` removes as a ``timestamp``. The first such
    line that starts in the first :data:`_HEAD_CHARS` characters and names a day and a year
    dates the article (day precision); a date elsewhere in the text is no publication date.

    Example:
        >>> raw = "Quake hits Norland" + chr(10) + "Updated: July 2, 2013 15: 01 IST" + chr(10) + "It struck."
        >>> head_date(raw, (Removal(start=19, end=51, reason="timestamp"),))
        '2013-07-02'
    """
    for r in removed:
        if r.reason != "timestamp" or r.start >= _HEAD_CHARS:
            continue
        m = _HEAD_DATE_RE.search(raw, r.start, r.end)
        found = normalise_date(m.group(0)) if m else None
        if found is not None:
            return found
    return None


def _dateutil_parse(text: str) -> datetime | None:
    if not re.search(r"\b(1[89]|2[01])\d\d\b", text):
        return None  # no four-digit year: "Monday", "last week"
    from dateutil import parser

    try:
        # Parsing against two different default days tells whether the text names a day.
        one = parser.parse(text, default=datetime(2000, 1, 1))
        two = parser.parse(text, default=datetime(2000, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    return one if one.date() == two.date() else None


# ---------------------------------------------------------------- articles


def make_article(
    raw: str,
    path: str,
    *,
    offset: int = 0,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    published: Any = None,
    url: str | None = None,
    line_filter: Callable[[str], str] | None = None,
    where: str | None = None,
) -> Article | Skip:
    """Clean ``raw`` and wrap it as an :class:`Article`, or a :class:`Skip` if no text is left.

    Args:
        raw: the text as received.
        path: the input file, stored as ``Article.path``.
        offset: where ``raw`` starts in the text the removal offsets should point into.
        id: an id given by the user, kept verbatim; otherwise derived from the cleaned text.
        title, source, published, url: metadata; ``published`` is normalised to ISO 8601; without
            it, a timestamp line at the text's head dates the article (:func:`head_date`).
        line_filter: applied to each line before cleaning (markdown to plain text).
        where: the name used in a ``Skip`` (defaults to ``path``).

    Returns:
        The article, or a skip naming ``where`` when nothing but debris or blanks remains.
    """
    text, removed = clean_text(raw, line_filter=line_filter)
    if not text:
        reason = "no article text left after removing page debris" if removed else "no text (only blank lines)"
        return Skip(input=where or path, reason=reason)
    if offset:
        removed = tuple(Removal(start=r.start + offset, end=r.end + offset, reason=r.reason) for r in removed)
    return Article(
        id=id if id is not None else content_id("a", text),
        text=text,
        title=_clean_field(title) or _headline(text),
        source=_clean_field(source),
        published=checked_date(published, where or path) if _given(published) else head_date(raw, removed),
        url=_clean_field(url),
        path=path,
        removed=removed,
    )


def _given(value: Any) -> bool:
    """Whether the record gives a date (an empty string gives none)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _clean_field(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _headline(text: str) -> str | None:
    """The first paragraph when it reads like a headline: short, no final stop, more text after it."""
    first, sep, _ = text.partition("\n\n")
    if not sep or re.search(r"[.!?…:;,]['\"”’)]*$", first) or len(first.split()) > _HEADLINE_MAX_WORDS:
        return None
    return first


# ---------------------------------------------------------------- text and markdown


def read_text(data: bytes, path: str) -> Iterator[Article | Skip]:
    """Read a plain-text article, with optional YAML front matter (title, source, published, url)."""
    yield from _read_plain(data, path, line_filter=None)


def read_markdown(data: bytes, path: str) -> Iterator[Article | Skip]:
    """Read a Markdown article as plain text (markup dropped), with optional YAML front matter."""
    yield from _read_plain(data, path, line_filter=_markdown_line)


def _read_plain(data: bytes, path: str, line_filter: Callable[[str], str] | None) -> Iterator[Article | Skip]:
    text, reason = decode_bytes(data)
    if text is None:
        yield Skip(input=path, reason=reason or "cannot be decoded")
        return
    meta: dict[str, Any] = {}
    offset = 0
    match = _FRONT_MATTER.match(text)
    if match:
        import yaml  # only a file with front matter needs it (~25 ms of a cold start otherwise)

        try:
            loaded = yaml.load(match.group(1), Loader=_front_matter_loader())  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError as exc:
            logger.warning("%s: front matter ignored, it is not valid YAML (%s)", path, " ".join(str(exc).split()))
            loaded = None
        # A mapping (or broken YAML) is front matter; plain text between two "---" rules stays text.
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
            offset = match.end()
        elif loaded is None:
            offset = match.end()
        else:
            logger.info("%s: a block between '---' lines is not YAML front matter; read as text", path)
    yield make_article(
        text[offset:],
        path,
        offset=offset,
        title=meta.get("title"),
        source=meta.get("source") or meta.get("outlet"),
        published=meta.get("published") or meta.get("date"),
        url=meta.get("url"),
        line_filter=line_filter,
    )


@functools.cache
def _front_matter_loader() -> type:
    """YAML's safe loader with dates left as text: :func:`checked_date` reads them, so that a
    date with no such day (``2023-02-30``) drops the date with a warning, not the article.
    Built on first use, so that reading files without front matter never imports YAML."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = {
            first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }

    return FrontMatterLoader


_MD_RULES = (
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$"), r"\1"),  # ATX heading
    (re.compile(r"^\s{0,3}(?:>\s?)+"), ""),  # blockquote
    (re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+"), ""),  # list item marker
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # image
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline link
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"<[^>]{1,200}>"), ""),  # inline HTML tags
)


def _markdown_line(line: str) -> str:
    for pattern, repl in _MD_RULES:
        line = pattern.sub(repl, line)
    return line


# ---------------------------------------------------------------- HTML


def decode_html(data: bytes, declared: str | None = None) -> tuple[str | None, str | None]:
    """Decode HTML bytes: a declared charset (HTTP header or ``<meta>``) first, then detection."""
    candidates = [declared] if declared else []
    found = _META_CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", "replace"))
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        if text.strip() and "\x00" not in text:
            return text, None
    return decode_bytes(data)


def extract_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Extract the article body and metadata from a web page with trafilatura.

    The cascade, chosen on the dev half of the article-extraction benchmark
    (``evals/eval_html.py``):

    1. trafilatura favouring precision, without comments or tables: the fewest
       debris lines kept;
    2. when that gives under :data:`_RESCUE_CHARS` characters, trafilatura
       favouring recall, kept if it finds at least twice as much text: a short
       page that the precise setting cut down to nothing is rescued.

    Returns:
        A dict with ``text``, ``title``, ``source`` (site name), ``published``
        and ``url``, or ``None`` when the page holds no article text.
    """
    doc = _trafilatura(html, url, favor_precision=True)
    if doc is None or len(doc.text or "") < _RESCUE_CHARS:
        rescue = _trafilatura(html, url, favor_recall=True)
        if rescue is not None and len(rescue.text or "") >= 2 * len((doc.text or "") if doc else ""):
            doc = rescue
    if doc is None or not (doc.text or "").strip():
        return None
    return {
        "text": doc.text,
        "title": doc.title,
        "source": doc.sitename or doc.hostname,
        "published": doc.date,
        "url": doc.url or url,
    }


def _trafilatura(html: str, url: str | None, **favor: bool) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            **favor,
        )
    except (ValueError, TypeError, AttributeError, RecursionError, LookupError) as exc:
        logger.debug("trafilatura failed: %s", exc)
        return None


def read_html(data: bytes, path: str) -> Iterator[Article | Skip]:
    """Read a web page: its article body (trafilatura), title, outlet, date (htmldate) and URL."""
    yield html_article(data, path, where=path)


def html_article(
    data: bytes, path: str, *, where: str, declared: str | None = None, url: str | None = None,
    published: Any = None, id: str | None = None, meta: dict[str, Any] | None = None,
) -> Article | Skip:
    html, reason = decode_html(data, declared)
    if html is None:
        return Skip(input=where, reason=reason or "cannot be decoded")
    found = extract_html(html, url)
    if found is None:
        return Skip(input=where, reason="no article text found in the page")
    meta = meta or {}
    return make_article(
        found["text"],
        path,
        id=id,
        title=meta.get("title") or found["title"],
        source=meta.get("source") or found["source"],
        published=meta.get("published") or found["published"] or published,
        url=meta.get("url") or found["url"] or url,
        where=where,
    )


class _TextParser(HTMLParser):
    """HTML to plain text: block elements break lines, scripts and styles are dropped."""

    _BLOCK = frozenset(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer "
        "figure figcaption pre hr dd dt dl aside nav main".split()
    )
    _SKIP = frozenset("script style noscript template head svg iframe".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry), one line per block element.

    Example:
        >>> html_to_text("<p>One &amp; two.</p><p>Three<script>x()</script></p>")
        '\\nOne & two.\\n\\nThree\\n'
    """
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    return "".join(parser.parts)


# ---------------------------------------------------------------- RSS / Atom


def read_feed(data: bytes, path: str) -> Iterator[Article | Skip]:
    """Read an RSS or Atom feed: one article per entry, from its content or else its summary."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            yield Skip(input=path, reason=f"not a readable RSS/Atom feed ({_one_line(exc)})")
        elif not parsed.get("version"):
            yield Skip(input=path, reason="XML but not an RSS or Atom feed")
        else:
            yield Skip(input=path, reason="feed has no entries")
        return
    outlet = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        where = f"{path}#entry{number}"
        body = _entry_body(entry)
        if not body.strip():
            yield Skip(input=where, reason="feed entry has no content or summary")
            continue
        published = entry.get("published") or entry.get("updated") or entry.get("created")
        yield make_article(
            body,
            path,
            where=where,
            title=entry.get("title"),
            source=outlet,
            published=normalise_date(published) or normalise_date(entry.get("published_parsed")),
            url=entry.get("link"),
        )


def _entry_body(entry: Any) -> str:
    contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str)]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        value, kind = best["value"], best.get("type", "")
    else:
        detail = entry.get("summary_detail") or {}
        value, kind = entry.get("summary") or "", detail.get("type", "text/html")
    if "html" in kind or re.search(r"<[a-zA-Z/][^>]*>", value):
        return html_to_text(value)
    return value


def _one_line(exc: Any) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
