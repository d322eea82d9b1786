"""Quote marks paired and masked: steps 1 and 2 of :mod:`storyledger.extract.quotes.quotes`.

Also the fallback sentence splitter the quote rules use when no sentences
are given. Offsets are half-open character offsets into the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...text import ODD_SPACE
from ...records import Sentence

__all__ = [
    "CLOSERS",
    "MAX_QUOTE_CHARS",
    "OPENERS",
    "mask",
    "normalise_marks",
    "pair_marks",
    "paragraph_spans",
    "sentence_spans",
]


MAX_QUOTE_CHARS = 2500
"""A quote longer than this is taken for an unbalanced mark and dropped."""

OPENERS = "\"“„«"
CLOSERS = "\"”“»"
_MARKS = re.compile(r"[\"“”„«»]")
_SINGLE_MARKS = re.compile(r"(?:(?<![\w’'])‘(?=\S))|(?:(?<=[\w.,!?;:—–\-])’(?![\w]))")
_PARA = re.compile(r"[^\n\r\u2028\u2029]+")
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[\n\r]")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _PARA.finditer(text):
        g = m.group()
        s, e = m.start() + len(g) - len(g.lstrip()), m.end() - len(g) + len(g.rstrip())
        if e > s:
            out.append((s, e))
    return out


# A closing triple (the word 'old-school,''') ends a single quote, then the double one: the pair is the last two.
_DOUBLE_APOSTROPHE = re.compile(r"(?<=[^\s'])'(?='')|''")


def normalise_marks(text: str) -> str:
    """Odd spaces as spaces, ``''quote''`` (two apostrophes) as a ``"`` of the same width.

    The opening pair becomes ``' "'`` and the closing pair ``'" '`` so every
    offset is kept and the content starts right after a one-character mark.
    """
    # Spaces other than " " (no-break, thin, figure…) read as " ": one character each, offsets kept.
    if ODD_SPACE.search(text):
        text = ODD_SPACE.sub(" ", text)
    if "''" not in text:
        return text
    chars = list(text)
    for m in _DOUBLE_APOSTROPHE.finditer(text):
        if m.end() - m.start() == 1:
            continue  # the single quote's closing mark, before a closing pair
        i = m.start()
        before = text[i - 1] if i > 0 else " "
        if before.isspace() or before in "([—–-":
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
    return "".join(chars)


def pair_marks(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Step 1: quote segments as (open mark, close mark or paragraph end, paragraph index).

    The returned positions are those of the opening mark and of the closing
    mark (exclusive of content), so content is ``[open + 1, close)``.
    """
    segs: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, ps, pe)]
        singles = False
        if not marks:
            marks = [(m.start(), m.group()) for m in _SINGLE_MARKS.finditer(text, ps, pe)]
            singles = True
        open_at = -1
        for pos, ch in marks:
            if open_at < 0:
                if singles and ch != "‘":
                    continue
                if ch in "”»" and not _looks_opening(text, pos):
                    continue  # a stray closing mark
                open_at = pos
                continue
            closes = ch in ('"', "”", "»", "’") or (ch == "“" and text[open_at] == "„")
            if ch in "“«‘„" and not _looks_closing(text, pos):
                # A second opening mark: the first was never closed.
                open_at = pos
                continue
            if closes or _looks_closing(text, pos):
                if pos - open_at - 1 <= MAX_QUOTE_CHARS:
                    segs.append((open_at, pos, pi))
                open_at = -1
        if open_at >= 0:
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else -1
            continues = nxt >= 0 and text[nxt] in OPENERS + "‘"
            if (continues or open_at == ps) and pe - open_at - 1 <= MAX_QUOTE_CHARS and pe - open_at > 2:
                segs.append((open_at, pe, pi))
    return segs


def _looks_opening(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _looks_closing(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def mask(text: str, segs: list[tuple[int, int, int]]) -> str:
    """Step 2: quoted words replaced by ``Q`` (same length, offsets kept)."""
    if not segs:
        return text
    parts = []
    last = 0
    for o, c, _ in segs:
        parts.append(text[last : o + 1])
        parts.append(re.sub(r"\S", "Q", text[o + 1 : c]))
        last = c
    parts.append(text[last:])
    return "".join(parts)


def sentence_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in sentences if 0 <= s.start <= s.end <= len(text)]
    if spans:
        return sorted(spans)
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in out if text[s:e].strip()]
