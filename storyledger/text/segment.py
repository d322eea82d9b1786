"""Split cleaned article text into paragraphs and sentences with character offsets.

Rule-based and fast: one regular-expression pass finds line spans and
candidate sentence ends; a small per-candidate check (not per character)
decides each candidate. Offsets are half-open ``[start, end)`` Python string
indices into the text given, trimmed of surrounding whitespace, so that
``text[start:end]`` is the paragraph or sentence and the spans together cover
every non-whitespace character of the text.

The rules, in order:

1. A line break ends a paragraph and a sentence (headlines, bylines and
   bullet lines carry no stop), except a *soft wrap*: a single line break
   after a line without final punctuation, before a line starting with a
   lowercase letter (hard-wrapped text), which joins the two lines.
2. Inside a paragraph, a candidate end is a run of ``.``, ``!``, ``?`` or
   ``…`` followed by any closing quotes or brackets (they belong to the
   sentence) and whitespace.
3. A candidate is not an end when the next word starts in lowercase, with
   ``, ; :`` or with a dash (``"Stop!" he said.`` stays one sentence).
4. A single ``.`` after a title or Latin abbreviation (``Dr.``, ``Gen.``,
   ``St.``, ``e.g.``, ``vs.``) is never an end; after an abbreviation that
   may also close a sentence (``U.S.``, ``Sept.``, ``Inc.``, ``mln.``, an
   initial such as ``J.``) it is an end only when the next word is a common
   sentence opener (``The``, ``He``, ``But``…) or an opening quote.
5. An enumerator at the start of a sentence (``1.``, ``a.``, ``IV.``) is not
   a sentence of its own.
6. ``?`` or ``!`` and a closing quote before a named speaker and a speech
   verb is not an end (``"Why me?" Smith asked.``).

A quotation of several sentences is split at its sentence ends, as news
annotation (BASIL) mostly does; the closing quote stays with the last one.

Decimal numbers and amounts (``1.5``, ``$3.2bn``) and dotted names
(``www.example.com``) never match rule 2: no whitespace follows their dot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..records import Article, Sentence

__all__ = [
    "segment",
    "segment_article",
    "split_paragraphs",
    "split_sentences",
]

# Every character str.splitlines() treats as a line break (\r\n counts once).
_LB = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# A line trimmed of surrounding whitespace: \S never matches a line break.
_LINE = re.compile(rf"\S(?:[^{_LB}]*\S)?")
_CLOSERS = "\"'”’»›)]}"
_OPENERS = "\"'“‘«‹([{"
# A candidate sentence end; group "next" is where the following text begins.
_CANDIDATE = re.compile(rf"[.!?…]+[{re.escape(_CLOSERS)}]*(?=\s+(?P<next>\S))")
_WORD = re.compile(r"[^\W\d_]+")
_ENUMERATOR = re.compile(r"\d{1,3}|[A-Za-z]|[IVXivx]{1,5}")
_INITIALISM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_FINAL = ".!?…:;" + _CLOSERS
_SPEAKER = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*|of|the|de|da|van|von|bin|al)\s+){1,4}(?:said|says|asked|asks|added|adds|told"
    r"|tells|replied|continued|tweeted|wrote|writes|explained|noted|insisted|argued|declared|warned"
    r"|shouted|recalled|responded|answered|wondered|joked|quipped)\b"
)

# Titles before a name and Latin abbreviations: a following capital is a name.
_STRONG = frozenset(
    """mr mrs ms mssrs messrs dr drs prof profs gen gens lt col maj sgt capt
    cmdr adm cpl pvt gov govs sen sens rep reps cong rev fr sra srta hon pres
    supt insp det st mt vs v cf viz approx ca fig figs eg ie""".split()
)
# Abbreviations that may also end a sentence: split only before a sentence opener.
_WEAK = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu
    thur thurs fri sat sun inc corp ltd co plc bros jr sr no nos vol vols pp
    mln mn bn bln tn pct pts yr yrs mo mos min max est dept univ govt assn etc
    intl natl ed eds op km mi kg lb lbs oz sq al ave ft""".split()
)
_OPENER_WORDS = frozenset(
    """The A An He She It They We I You His Her Its Their Our My Your This That
    These Those There Then Here But And Or So Yet Nor In On At As After Before
    When While If Although Though Because Since However Meanwhile Still Also
    For From By With Without Some Many Most Other Others All Both Each Every
    No Not None One Two Three Several Such What Who Why How Where Which
    Earlier Later Last Next Now Today Yesterday Tomorrow According Officials
    Police""".split()
)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Split text into paragraphs: blocks separated by one or more line breaks.

    A single line break between a line without final punctuation and a line
    starting in lowercase is a soft wrap and does not end the paragraph.

    Args:
        text: Cleaned article text.

    Returns:
        Half-open ``(start, end)`` offsets into ``text``, in order, each trimmed
        of surrounding whitespace and never empty.

    Example:
        >>> split_paragraphs("Title\\n\\nFirst line.\\nSecond line.\\n")
        [(0, 5), (7, 18), (19, 31)]
    """
    spans: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        start, end = m.span()
        if spans and text[start].islower():
            prev_start, prev_end = spans[-1]
            gap = text[prev_end:start]
            breaks = sum(gap.count(c) for c in _LB) - gap.count("\r\n")
            if breaks == 1 and text[prev_end - 1] not in _FINAL:
                spans[-1] = (prev_start, end)
                continue
        spans.append((start, end))
    return spans


def _is_end(text: str, stop: str, stop_start: int, sent_start: int, nxt: int) -> bool:
    """Whether the candidate stop ``stop`` at ``stop_start`` ends a sentence (rules 3-5)."""
    first = text[nxt]
    if first.islower() or first in ",;:―—–":
        return False
    if stop != ".":
        return True
    window = text[max(sent_start, stop_start - 48) : stop_start]
    if not window or window[-1].isspace():
        return True
    raw = window.rsplit(None, 1)[-1]
    token = raw.lstrip(_OPENERS)
    if not token:
        return True
    if stop_start - len(raw) == sent_start and _ENUMERATOR.fullmatch(token):
        return False
    key = token.lower().replace(".", "")
    if key in _STRONG:
        return False
    weak = (
        key in _WEAK
        or (len(token) == 1 and token.isalpha())
        or _INITIALISM.fullmatch(token) is not None
    )
    if not weak:
        return True
    if first in _OPENERS:
        return True
    word = _WORD.match(text, nxt)
    return word is not None and word.group() in _OPENER_WORDS


def _sentences_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of the trimmed paragraph ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        stop_end = m.start() + len(m.group().rstrip(_CLOSERS))
        stop = text[m.start() : stop_end]
        nxt = m.start("next")
        e = m.end()
        if stop != "." and e > stop_end and _SPEAKER.match(text, nxt):
            continue  # rule 6
        if _is_end(text, stop, m.start(), sent_start, nxt):
            spans.append((sent_start, e))
            sent_start = nxt
    spans.append((sent_start, end))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences; a line break always ends a sentence.

    Args:
        text: Cleaned article text.

    Returns:
        Half-open ``(start, end)`` offsets into ``text``, in order,
        non-overlapping, trimmed of surrounding whitespace and never empty.

    Example:
        >>> text = 'Dr. Smith left the U.S. on Sept. 5. "We won," he said. Prices rose 1.5%.'
        >>> [text[s:e] for s, e in split_sentences(text)]
        ['Dr. Smith left the U.S. on Sept. 5.', '"We won," he said.', 'Prices rose 1.5%.']
    """
    spans: list[tuple[int, int]] = []
    for start, end in split_paragraphs(text):
        spans.extend(_sentences_in(text, start, end))
    return spans


def segment_article(article: Article) -> tuple[Sentence, ...]:
    """Split one article into sentences, numbered in order, with their paragraph.

    Args:
        article: A cleaned article.

    Returns:
        The sentences, ``index`` and ``paragraph`` counted from 0, each with
        ``text == article.text[start:end]``. Empty for an article without text.
    """
    text = article.text
    out: list[Sentence] = []
    for p, (p_start, p_end) in enumerate(split_paragraphs(text)):
        for start, end in _sentences_in(text, p_start, p_end):
            out.append(
                Sentence(
                    article_id=article.id,
                    index=len(out),
                    paragraph=p,
                    start=start,
                    end=end,
                    text=text[start:end],
                )
            )
    return tuple(out)


def segment(articles: Iterable[Article]) -> dict[str, tuple[Sentence, ...]]:
    """Segment many articles: the mapping the later stages take as ``sentences``.

    Args:
        articles: Cleaned articles.

    Returns:
        Article id -> its sentences (see :func:`segment_article`).
    """
    return {a.id: segment_article(a) for a in articles}
