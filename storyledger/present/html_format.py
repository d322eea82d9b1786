"""Labels, value coercion and text formatting for the HTML report (:mod:`storyledger.present.html`).

The report document comes from JSON a stranger may have edited, so every
reader here takes ``Any`` and falls back to an empty value instead of raising;
:func:`e` escapes anything written into HTML.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Mapping
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "KIND_LABELS",
    "QUALIFIER_WORDS",
    "RELATION_LABELS",
    "SECTION_TITLES",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "UNDIRECTED_RELATIONS",
    "as_float",
    "as_int",
    "as_key",
    "as_list",
    "as_str",
    "clean",
    "clip",
    "clip_words",
    "date_label",
    "e",
    "format_number",
    "is_directed",
    "json_for_script",
    "map",
    "parse_date",
    "safe_url",
    "signal",
    "utf16_index",
    "value_label",
]


KIND_LABELS = {
    "verbatim": "verbatim",
    "near_verbatim": "near-verbatim",
    "paraphrase": "paraphrase",
    "shared_quote": "shared quote",
    "related": "related",
}
STATUS_LABELS = {
    "corroborated": "corroborated",
    "updated": "updated",
    "conflicting": "conflicting",
    "single_source": "single source",
}
STATUS_COLORS = {"corroborated": "#1a7f3c", "updated": "#1f4fbf", "conflicting": "#c0341d", "single_source": "#5a6270"}
RELATION_LABELS = {
    "copy": "copy",
    "rewrite": "rewrite",
    "partial_reuse": "partial reuse",
    "common_source": "common source",
    "common_lineage": "common lineage",  # what earlier versions called a common source
}
#: Relations that say two texts share a third, so no arrow between them.
UNDIRECTED_RELATIONS = frozenset({"common_source", "common_lineage"})
SECTION_TITLES = {
    "summary": "What happened",
    "contrast": "Outlets differ",
    "framing": "How outlets frame it",
    "toll": "Casualties",
    "figures": "Key figures",
    "disputes": "Disputed",
    "single_source": "Reported by one source only",
}
QUALIFIER_WORDS = {
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
}
_EXCERPT = 200


# -- small helpers -----------------------------------------------------------------------


def e(value: Any) -> str:
    """Escape anything for HTML text or a quoted attribute; None is empty."""
    if value is None:
        return ""
    return escape(str(value), quote=True)


def as_str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def as_int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value)
    return default


def as_float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def as_key(value: Any) -> str | None:
    """An id usable as a dict key: strings only (junk in a document must not raise)."""
    return value if isinstance(value, str) else None


def map(value: Any) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http(s) URL without spaces or control characters, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > 2048 or any(ord(c) <= 32 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def parse_date(iso: Any) -> datetime | None:
    if not isinstance(iso, str) or len(iso) < 4:
        return None
    return _parse_date_str(iso)


@functools.lru_cache(maxsize=4096)
def _parse_date_str(iso: str) -> datetime | None:
    text = iso.strip().replace("Z", "+00:00")
    for candidate in (text, text[:10], text[:7] + "-01", text[:4] + "-01-01"):
        try:
            parsed = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return parsed.replace(tzinfo=None)
    return None


def date_label(iso: Any, *, short: bool = False) -> str:
    """A readable date ("14 Mar 2026, 09:30") from an ISO string; the raw string if unparseable."""
    if not isinstance(iso, str) or not iso:
        return ""
    return _date_label_str(iso, short)


@functools.lru_cache(maxsize=4096)
def _date_label_str(iso: str, short: bool) -> str:
    d = parse_date(iso)
    if d is None:
        return iso[:40]
    if short:
        return f"{d.day} {d:%b}"
    if len(iso) <= 4:
        return f"{d:%Y}"
    if len(iso) <= 7:
        return f"{d:%b %Y}"
    label = f"{d.day} {d:%b %Y}"
    if len(iso) > 10 and (d.hour or d.minute):
        label += f", {d:%H:%M}"
    return label


def format_number(v: float | None) -> str:
    """Numbers as a reader writes them: 4,200; 9 million; 2.5."""
    if v is None:
        return "?"
    if abs(v) >= 1_000_000 and abs(v) % 100_000 == 0:
        m = v / 1_000_000
        return f"{m:,.0f} million" if m == int(m) else f"{m:,.1f} million"
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def value_label(v: Mapping, unit: Any = None) -> str:
    """A figure value with its hedge and unit: "about 4,200 people", "12–15 people", "about 8–9 people"."""
    qual = as_str(v.get("qualifier")) or "exact"
    value, low, high = as_float(v.get("value")), as_float(v.get("low")), as_float(v.get("high"))
    if qual == "range" and low is not None and high is not None:
        text = f"{format_number(low)}\u2013{format_number(high)}"
    elif low is not None and high is not None and high > low:  # a hedged range: "about 8 or 9"
        text = QUALIFIER_WORDS.get(qual, "") + f"{format_number(low)}\u2013{format_number(high)}"
    else:
        text = QUALIFIER_WORDS.get(qual, "") + format_number(value if value is not None else low)
    return f"{text} {unit}" if isinstance(unit, str) and unit else text


def clip(text: str, width: int = _EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def clip_words(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:-\u2013") + "\u2026"


def signal(value: Any) -> str:
    """A provenance signal for people: ``reused_sentences:5`` reads "reused sentences: 5"."""
    text = as_str(value)
    key, sep, rest = text.partition(":")
    if sep and key.replace("_", "").isalnum() and key.islower():
        return f"{key.replace('_', ' ')}: {rest}"
    return text.replace("_", " ") if text.replace("_", "").isalnum() else text


def utf16_index(text: str):
    """A function mapping a Python index of ``text`` to a UTF-16 code-unit index."""
    if text.isascii() or max(text) <= "\uffff":
        return lambda i: i
    extra = list(itertools.accumulate(1 if ord(c) > 0xFFFF else 0 for c in text))
    n = len(extra)
    return lambda i: i + (extra[min(i, n) - 1] if i > 0 else 0)


def json_for_script(data: Any) -> str:
    # Inside <script type="application/json"> only "</script" could end the block;
    # escaping < > & makes any text inert there, and JSON.parse restores it.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def clean(page: str) -> str:
    # Lone surrogates (possible in JSON input) cannot be encoded; replace them.
    return page.encode("utf-8", "replace").decode("utf-8")


def is_directed(derivation: Mapping) -> bool:
    """Whether a derivation's arrow may be drawn: a reuse relation whose direction is known."""
    return derivation.get("relation") not in UNDIRECTED_RELATIONS and derivation.get("direction", "known") == "known"
