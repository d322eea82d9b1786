"""Denials and debunks across a story's articles: a claim one report asserts, another contests.

A sentence contests a claim when a frame of *cue + target* holds in it:

* **denial with a target**: a denial verb ("denied", "rejected", "dismissed",
  "refuted", "disputed") whose object is a claim: a speech noun ("the
  reports", "the claims", "Smith's allegations"), a that-clause, a gerund
  ("denied taking part"), a pronoun ("denied it") or a quotation; a passive
  ("was denied parole") refuses something and contests no claim;
* **debunk by predicate**: a copula whose complement is a falsity noun ("the
  story is a hoax", "the photo was fake", "the report is not true");
* **called it false**: "called / dismissed / branded X (as) a lie / propaganda";
* **no evidence**: "no evidence that / of …", "no proof that …";
* **debunked**: "debunked", "fact-checkers found".

A negation or a modal within three words before the cue ("could neither confirm
nor deny", "hasn't been debunked") cancels it. The claim contested is the
sentence of *another* article, not itself contesting, that shares the most of
the contesting sentence's content words: at least :data:`MIN_SHARED` words and a
Jaccard similarity of their content words of at least :data:`CONTEST_OVERLAP` (the value that 5-fold
cross-validation over the stories of ``evals/eval_disputes.py`` picks on most
training folds, and on all stories).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Sentence

__all__ = [
    "CONTEST_OVERLAP",
    "Contest",
    "MIN_SHARED",
    "content_words",
    "contest_cue",
    "contests",
]

CONTEST_OVERLAP = 0.05
MIN_SHARED = 2

_DENY_VERB = re.compile(
    r"\b(den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"rebuff(?:s|ed)?|disput(?:e|es|ed|ing)|contest(?:s|ed)?|repudiat(?:e|es|ed))\b",
    re.I,
)
_DET = r"(?:(?:the|these|those|such|any|all|its|their|his|her|our|this|that|earlier|recent|media|news|online|[A-Z][\w'’-]*(?:'s|’s))\s+){0,3}"
_TARGET_NOUN = (
    r"(?:claims?|reports?|rumou?rs?|allegations?|accusations?|stor(?:y|ies)|suggestions?|speculation|"
    r"assertions?|charges?|assurances?|statements?|accounts?)\b"
)
_DENY_TARGET = re.compile(
    r"^\W*(?:\w+ly\s+)?(?:" + _DET + _TARGET_NOUN + r"|that\b|it\b|this\b|them\b|any\b|\w+ing\b|[\"“'‘])", re.I
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$", re.I)
_FALSITY = (
    r"(?:hoax(?:es)?|fakes?|false(?:hood)?|untrue|not true|fabricat(?:ed|ion)|myths?|lies?|made[- ]up(?!\s+of)|"
    r"bogus|baseless|unfounded|groundless|propaganda|nonsense|misinformation|disinformation|sham|smear)"
)
_COPULAR = re.compile(
    r"\b(?:is|was|are|were|be|been|being)\s+(?:(?:all|just|nothing more than|nothing but|simply|actually|"
    r"completely|totally|entirely|in fact|a|an|another|big|complete|total|elaborate|internet|online|cruel)\s+)*"
    + _FALSITY + r"\b",
    re.I,
)
_CALLED = re.compile(
    r"\b(?:call(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|brand(?:ed|s|ing)?|label(?:l?ed|s)?|describ(?:ed|es|ing)?|"
    r"denounc(?:ed|es|ing)?)\s+(?:\S+\s+){1,5}?(?:as\s+)?(?:an?\s+|pure\s+|total\s+|complete\s+)?[\"“‘']?"
    + _FALSITY + r"\b",
    re.I,
)
_NO_EVIDENCE = re.compile(r"\bno\s+(?:\w+\s+)?(?:evidence|proof|truth|basis)\s+(?:that|of|to|for|in)\b", re.I)
_DEBUNKED = re.compile(r"\b(?:debunk(?:s|ed|ing)?|fact[- ]check(?:ers?|ed)\s+(?:found|say|said|show))\b", re.I)
_NEG_BEFORE = re.compile(
    r"(?:\b(?:not|never|no|nor|neither|without|could|would|might|may|can|should|will|to)|n't)\b(?:\s+\w+){0,2}\s*$", re.I
)
_STOP = set(
    "a an the of to in on at for and or but with by from as that this these those it its is are was were be "
    "been has have had he she they we i you his her their our not no which who whom what said says say".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True, slots=True)
class Contest:
    """A sentence that contests a claim, the claim's sentence (another article's) and their shared share."""

    claim: Sentence
    contest: Sentence
    cue_start: int
    overlap: float


def content_words(text: str) -> set[str]:
    """The lower-cased words of ``text`` longer than two letters, function words left out."""
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _negated(text: str, pos: int) -> bool:
    """Whether a negation or a modal comes within three words before ``pos``."""
    return bool(_NEG_BEFORE.search(text[max(0, pos - 40) : pos]))


def contest_cue(text: str) -> re.Match[str] | None:
    """The first cue by which ``text`` denies or debunks a claim, or None.

    Example:
        >>> contest_cue("The ministry denied the reports.").group(0)
        'denied'
        >>> contest_cue("He was denied parole.") is None
        True
    """
    for m in _DENY_VERB.finditer(text):
        if _negated(text, m.start()) or _PASSIVE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if _DENY_TARGET.match(text[m.end() : m.end() + 80]):
            return m
    for rx in (_COPULAR, _CALLED, _NO_EVIDENCE, _DEBUNKED):
        m = rx.search(text)
        if m and not _negated(text, m.start()):
            return m
    return None


def _best_claim(words: set[str], article_id: str, claims: Sequence[tuple[Sentence, set[str]]]) -> tuple[Sentence, float] | None:
    """The sentence of another article closest to ``words``, with their Jaccard similarity."""
    best: tuple[Sentence, float] | None = None
    for s, w in claims:
        shared = len(words & w)
        if s.article_id == article_id or shared < MIN_SHARED:
            continue
        score = shared / len(words | w)
        if best is None or score > best[1]:
            best = (s, score)
    return best


def contests(sentences: Mapping[str, Sequence[Sentence]], threshold: float = CONTEST_OVERLAP) -> list[Contest]:
    """Each contesting sentence of a story paired with the claim it contests in another article.

    Args:
        sentences: the story's sentences per article id.
        threshold: the least Jaccard similarity of the two sentences' content words.

    Returns:
        One :class:`Contest` per contesting sentence whose best claim reaches ``threshold``, in reading order.
    """
    cues, claims = [], []
    for article_id in sentences:
        for s in sentences[article_id]:
            m = contest_cue(s.text)
            words = content_words(s.text)
            if m is None:
                claims.append((s, words))
            elif len(words) > MIN_SHARED:
                cues.append((s, m.start(), words))
    out = []
    for s, cue, words in cues:
        best = _best_claim(words, s.article_id, claims)
        if best is not None and best[1] >= threshold:
            out.append(Contest(claim=best[0], contest=s, cue_start=s.start + cue, overlap=best[1]))
    return out
