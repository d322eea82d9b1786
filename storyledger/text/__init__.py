"""Text shared by several stages: sentence segmentation, the number grammar and shared word lists.
"""

from .segment import segment_article, split_paragraphs, split_sentences
from .numbers import (
    CURRENCY_NAMES,
    CURRENCY_WORD_ALT,
    ISO_CODES,
    NumberMatch,
    SIGN_ALT,
    SIGN_BEFORE_RE,
    currency_after,
    currency_before,
    find_numbers,
    letter_sign_before,
    parse_number,
)
from .words import MONTHS, ODD_SPACE, WEEKDAYS
from .function_words import STOP

__all__ = [
    "CURRENCY_NAMES",
    "CURRENCY_WORD_ALT",
    "ISO_CODES",
    "MONTHS",
    "NumberMatch",
    "ODD_SPACE",
    "SIGN_ALT",
    "SIGN_BEFORE_RE",
    "STOP",
    "WEEKDAYS",
    "currency_after",
    "currency_before",
    "find_numbers",
    "letter_sign_before",
    "parse_number",
    "segment_article",
    "split_paragraphs",
    "split_sentences",
]
