"""JSON article formats from the news-data ecosystem, read into :class:`Article` records.

A JSON object is recognised by its own fields, one object at a time, so a file
may mix formats:

* **storyledger** (``text`` or ``html``; optional ``id``, ``title``, ``source``,
  ``published``, ``url``): the fields are ours;
* **news-please** (``maintext``, or ``source_domain`` with ``date_publish``), as
  written by news-please and the CC-NEWS pipelines built on it: ``title``,
  ``maintext`` (else ``description``), ``date_publish``, ``source_domain``, ``url``;
* **IPTC ninjs 1.x** (``body_text``/``body_html``/``body_xhtml``, or ``uri`` with
  ``versioncreated``): ``headline``, the body (plain text preferred, else the
  HTML's text), ``versioncreated`` (else ``firstcreated``), the first
  ``infosources`` name (else ``copyrightholder``, else ``byline``), ``uri`` as
  the id and, when it is a web address, the URL;
* **IPTC ninjs 2.x** (``headlines``/``bodies``, or ``$standard`` naming ninjs):
  as 1.x, the headline and body taken from the entry with no role or the role
  ``main``, plain text before HTML.

For any other JSON, a field mapping names where each of our fields is found:
``{"text": "body", "published": "meta.pubDate"}`` (a dotted name reads a nested
object). A mapped object is read as storyledger fields; fields not mapped keep
their own names.

``.json`` files hold one object, an array of objects, or JSON Lines;
``.jsonl``/``.ndjson`` files hold JSON Lines. A bad object gives a
:class:`Skip` naming ``path:line`` (or ``path[index]``) and the reading goes on.
Removal offsets point into the text as received (the body value, or the
text of its HTML).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .encoding import decode_bytes
from .readers import html_article, html_to_text, make_article
from ..errors import IngestError
from ..records import Article, Skip

__all__ = [
    "FIELDS",
    "FORMATS",
    "JsonFields",
    "parse_field_mapping",
    "read_json",
    "read_jsonl",
    "recognise",
]

#: Our fields, which a field mapping may name.
FIELDS = ("id", "text", "html", "title", "source", "published", "url")
#: The formats :func:`recognise` tells apart.
FORMATS = ("storyledger", "news-please", "ninjs-1", "ninjs-2", "mapped")

_NINJS1_BODIES = ("body_text", "body_html", "body_xhtml")
_TEXT_FIELDS = {
    "storyledger": "`text` or `html`",
    "mapped": "`text` or `html` (after the field mapping)",
    "news-please": "`maintext` or `description`",
    "ninjs-1": "`body_text`, `body_html` or `body_xhtml`",
    "ninjs-2": "`bodies`",
}


@dataclass(frozen=True, slots=True)
class JsonFields:
    """One JSON object read as our fields: the format it was recognised as, and the values found.

    ``text`` is plain text; ``html`` a page or fragment whose text is extracted;
    ``fragment`` tells a body fragment (read with a block-aware parser) from a
    whole page (read with trafilatura).
    """

    format: str
    id: str | None = None
    text: str | None = None
    html: str | None = None
    fragment: bool = False
    title: Any = None
    source: Any = None
    published: Any = None
    url: Any = None


def parse_field_mapping(specs: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Read ``NAME=SOURCE_FIELD`` pairs into a field mapping.

    Args:
        specs: e.g. ``["text=body", "published=meta.pubDate"]``; ``NAME`` is one of :data:`FIELDS`.

    Returns:
        ``((name, source field), ...)`` sorted by name.

    Raises:
        IngestError: a pair without ``=``, an unknown name, an empty source or a name given twice.

    Example:
        >>> parse_field_mapping(["text=body", "published=meta.pubDate"])
        (('published', 'meta.pubDate'), ('text', 'body'))
    """
    mapping: dict[str, str] = {}
    for spec in specs:
        name, sep, source = (part.strip() for part in str(spec).partition("="))
        if not sep or not source:
            raise IngestError(f"a field mapping is NAME=SOURCE_FIELD, not {spec!r}")
        if name not in FIELDS:
            raise IngestError(f"unknown field {name!r} in {spec!r}: one of {', '.join(FIELDS)}")
        if name in mapping:
            raise IngestError(f"field {name!r} is mapped twice")
        mapping[name] = source
    return tuple(sorted(mapping.items()))


def recognise(obj: Mapping[str, Any], fields: Sequence[tuple[str, str]] = ()) -> JsonFields:
    """Read one JSON object as our fields, recognising its format by the fields it has.

    Args:
        obj: the decoded JSON object.
        fields: a field mapping (see :func:`parse_field_mapping`); when given, the object is read through it.

    Returns:
        The format's name and the values found (absent values are ``None``).

    Example:
        >>> found = recognise({"maintext": "Body.", "source_domain": "example.org", "date_publish": "2023-09-30 10:00:00"})
        >>> found.format, found.text, found.source
        ('news-please', 'Body.', 'example.org')
    """
    if fields:
        mapped = {name: _lookup(obj, source) for name, source in fields}
        return _storyledger({**obj, **mapped}, "mapped")
    if _has(obj, "text") or _has(obj, "html"):
        return _storyledger(obj, "storyledger")
    if _is_ninjs(obj):
        return _ninjs2(obj) if _ninjs_major(obj) == 2 else _ninjs1(obj)
    if "maintext" in obj or ("source_domain" in obj and "date_publish" in obj):
        return _news_please(obj)
    return _storyledger(obj, "storyledger")


def read_jsonl(data: bytes, path: str, *, fields: Sequence[tuple[str, str]] = ()) -> Iterator[Article | Skip]:
    """Read one article per line, each line in any format :func:`recognise` knows.

    A bad line yields a skip naming ``path:line`` and the reading goes on.
    """
    text, reason = decode_bytes(data)
    if text is None:
        yield Skip(input=path, reason=reason or "cannot be decoded")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _line_article(line, path, f"{path}:{number}", fields)


def read_json(data: bytes, path: str, *, fields: Sequence[tuple[str, str]] = ()) -> Iterator[Article | Skip]:
    """Read a ``.json`` file: one object (a news-please file), an array of objects, or JSON Lines."""
    text, reason = decode_bytes(data)
    if text is None:
        yield Skip(input=path, reason=reason or "cannot be decoded")
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several values, one per line
            yield from read_jsonl(data, path, fields=fields)
        else:
            yield Skip(input=path, reason=f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except RecursionError:
        yield Skip(input=path, reason="malformed JSON: nested too deeply")
        return
    if isinstance(doc, list):
        for index, obj in enumerate(doc):
            yield _object_article(obj, path, f"{path}[{index}]", fields)
    else:
        yield _object_article(doc, path, path, fields)


def _line_article(line: str, path: str, where: str, fields: Sequence[tuple[str, str]]) -> Article | Skip:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skip(input=where, reason=f"malformed JSON line: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Skip(input=where, reason="malformed JSON line: nested too deeply")
    return _object_article(obj, path, where, fields)


def _object_article(obj: Any, path: str, where: str, fields: Sequence[tuple[str, str]]) -> Article | Skip:
    """One decoded JSON value as an article, or a skip saying what is missing."""
    if not isinstance(obj, dict):
        return Skip(input=where, reason=f"a JSON article must be an object, not {type(obj).__name__}")
    found = recognise(obj, fields)
    if found.id is not None and (isinstance(found.id, bool) or not isinstance(found.id, (str, int))
                                 or not str(found.id).strip()):
        return Skip(input=where, reason="`id` must be a non-empty string or an integer")
    given_id = None if found.id is None else str(found.id)
    meta = {"title": found.title, "source": found.source, "published": found.published, "url": found.url}
    if _filled(found.text):
        return make_article(found.text, path, id=given_id, where=where, **meta)
    if _filled(found.html) and found.fragment:
        return make_article(html_to_text(found.html), path, id=given_id, where=where, **meta)
    if _filled(found.html):
        return html_article(found.html.encode("utf-8"), path, where=where, id=given_id, url=found.url, meta=meta)
    return Skip(input=where, reason=f"no {_TEXT_FIELDS[found.format]} field with content ({found.format} JSON)")


# ---------------------------------------------------------------- the formats


def _storyledger(obj: Mapping[str, Any], name: str) -> JsonFields:
    return JsonFields(
        format=name, id=obj.get("id"), text=_string(obj.get("text")), html=_string(obj.get("html")),
        title=obj.get("title"), source=obj.get("source"), published=obj.get("published"), url=obj.get("url"),
    )


def _news_please(obj: Mapping[str, Any]) -> JsonFields:
    text = _string(obj.get("maintext")) if _has(obj, "maintext") else _string(obj.get("description"))
    return JsonFields(
        format="news-please", text=text, title=obj.get("title"), source=obj.get("source_domain"),
        published=obj.get("date_publish"), url=obj.get("url"),
    )


def _ninjs1(obj: Mapping[str, Any]) -> JsonFields:
    text = _string(obj.get("body_text"))
    html = _string(obj.get("body_html")) or _string(obj.get("body_xhtml"))
    return _ninjs(obj, "ninjs-1", obj.get("headline"), text, html)


def _ninjs2(obj: Mapping[str, Any]) -> JsonFields:
    headline = _main_entry(obj.get("headlines"), ())
    text = _main_entry(obj.get("bodies"), ("text/plain", None))
    html = _main_entry(obj.get("bodies"), ("text/html", "application/xhtml+xml"))
    return _ninjs(obj, "ninjs-2", headline, text, html)


def _ninjs(obj: Mapping[str, Any], name: str, headline: Any, text: str | None, html: str | None) -> JsonFields:
    uri = _string(obj.get("uri"))
    return JsonFields(
        format=name, id=uri, text=text, html=html, fragment=True, title=headline, source=_ninjs_source(obj),
        published=obj.get("versioncreated") or obj.get("firstcreated"),
        url=uri if uri and uri.lower().startswith(("http://", "https://")) else None,
    )


def _ninjs_source(obj: Mapping[str, Any]) -> Any:
    """The outlet of a ninjs item: its first named information source, else the copyright holder, else the byline."""
    sources = obj.get("infosources") or obj.get("infosource")
    for entry in sources if isinstance(sources, list) else [sources]:
        if isinstance(entry, dict) and _filled(entry.get("name")):
            return entry["name"]
    return obj.get("copyrightholder") or obj.get("byline")


def _main_entry(entries: Any, contenttypes: tuple[str | None, ...]) -> str | None:
    """The value of the main entry of a ninjs 2.x ``headlines``/``bodies`` list (no role, or role ``main``).

    With ``contenttypes`` given, only entries of those content types count (``None``: no type stated).
    """
    if not isinstance(entries, list):
        return None
    usable = [e for e in entries if isinstance(e, dict) and _filled(e.get("value"))
              and (not contenttypes or e.get("contenttype") in contenttypes)]
    main = [e for e in usable if e.get("role") in (None, "", "main")]
    return str((main or usable)[0]["value"]) if (main or usable) else None


def _ninjs_major(obj: Mapping[str, Any]) -> int:
    """2 for a ninjs 2.x item (its ``$standard`` says so, or it has ``bodies``/``headlines``), else 1."""
    standard = obj.get("$standard")
    if isinstance(standard, dict) and str(standard.get("version", "")).startswith("2"):
        return 2
    return 2 if "bodies" in obj or "headlines" in obj else 1


def _is_ninjs(obj: Mapping[str, Any]) -> bool:
    standard = obj.get("$standard")
    if isinstance(standard, dict) and str(standard.get("name", "")).lower() == "ninjs":
        return True
    return any(k in obj for k in (*_NINJS1_BODIES, "bodies", "headlines")) or ("uri" in obj and "versioncreated" in obj)


# ---------------------------------------------------------------- values


def _lookup(obj: Any, dotted: str) -> Any:
    """The value at a field name, or at a dotted path into nested objects (a literal name with dots wins)."""
    if isinstance(obj, dict) and dotted in obj:
        return obj[dotted]
    for part in dotted.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


def _has(obj: Mapping[str, Any], key: str) -> bool:
    return _filled(obj.get(key))


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _string(value: Any) -> str | None:
    return value if _filled(value) else None
