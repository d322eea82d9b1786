"""Turn the bytes of a text file into a string, or say why they are not text.

The cascade:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. strict UTF-8;
3. NUL bytes or many control characters mean binary data;
4. Western single-byte text (cp1252, falling back to latin-1): accepted when the
   bytes above 0x7F stand alone or in pairs, as in English, French or German
   text where accented letters and typographic quotes sit among ASCII letters.
   Charset detectors guess badly on such short texts (cp1250, cp775), which
   turns a curly quote into a letter, so this check comes first;
5. charset-normalizer for the rest (Cyrillic, Greek, ... in legacy code pages).
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata

__all__ = [
    "decode_bytes",
    "shown_path",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newlines and form feed never occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_LETTER = re.compile(r"[^\W\d_]")
_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
_MAX_WESTERN_RUN_SHARE = 0.3


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode the bytes of a text file.

    Args:
        data: the file's bytes.

    Returns:
        ``(text, None)`` on success, with any byte-order mark removed, or
        ``(None, reason)`` where ``reason`` is one short line for the user.

    Example:
        >>> decode_bytes("caf\\u00e9 \\u201cok\\u201d".encode("cp1252"))
        ('café “ok”', None)
    """
    if not data:
        return None, "empty file"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec))
            except UnicodeDecodeError:
                return None, f"cannot be decoded: starts with a {codec} byte-order mark but is not {codec}"
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        return None, "binary file (contains NUL bytes), not text"
    western = _western(data)
    if western is not None:
        return _checked(western)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # the detector is a heuristic library; any failure means "unknown"
        best = None
    if best is None:
        return None, "cannot be decoded: not UTF-8 and no other text encoding fits"
    text, reason = _checked(str(best))
    if text is not None:
        # Unassigned or private-use code points in bulk mean a wrong guess.
        odd = sum(1 for ch in text if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
        if odd / len(text) > _MAX_CONTROL_SHARE:
            return None, "cannot be decoded: the bytes do not form readable text in any encoding tried"
    return text, reason


def _western(data: bytes) -> str | None:
    # In Western text a non-ASCII byte is an accented letter inside an ASCII word
    # or a quote or dash; in Cyrillic, Greek or CJK legacy encodings whole words are
    # non-ASCII, so most such bytes stand in runs of three or more.
    high = len(_HIGH.findall(data))
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(data))
    if high and in_runs / high > _MAX_WESTERN_RUN_SHARE:
        return None
    # The five bytes cp1252 leaves undefined keep their latin-1 meaning, so one stray
    # byte does not turn every curly quote of the text into a control character.
    text = data.decode("cp1252", errors=_LATIN1_FALLBACK)
    return text if _LETTER.search(text) else None


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


_LATIN1_FALLBACK = "storyledger.latin1_fallback"
codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


def _checked(text: str) -> tuple[str | None, str | None]:
    if not text:
        return None, "empty file"
    if len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE:
        return None, "binary file (control characters), not text"
    return text, None


_SURROGATE = re.compile("[\ud800-\udfff]")


def shown_path(path: str) -> str:
    """A file name as text that can be stored, printed and written to JSON.

    Python keeps the bytes of a file name that are not UTF-8 as lone surrogates
    (``os.fsdecode``), which no UTF-8 encoder accepts: a file named ``x\\xff.txt``
    would stop a run at its first print. Such bytes are written as ``\\xNN``
    escapes; every other name is returned unchanged (control characters are the
    terminal's concern: the CLI escapes them when it prints).

    Example:
        >>> shown_path(os.fsdecode(b"in/x\\xff.txt")), shown_path("in/caf\u00e9.txt")
        ('in/x\\\\xff.txt', 'in/café.txt')
    """
    if not _SURROGATE.search(path):
        return path
    return os.fsencode(path).decode("utf-8", "backslashreplace")
