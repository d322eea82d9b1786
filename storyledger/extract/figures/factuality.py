"""Harm the text does not assert: asked, intended, conditional or counterfactual.

"Police did not say if the man had died" tells no death; "he threatened to kill two
neighbours" kills no one; "the bomb could have killed dozens" is a danger, not a toll. A
count of harm inside such a clause is no count of that harm. The clause is found by a small
grammar of what English uses to hold a proposition back from assertion:

- a **polar** ``if`` / ``whether`` clause whose own predicate is the harm: "whether the two
  victims were hurt", "if the gunman shot anyone", "if the man had died". An *alternative*
  question presupposes the harm and asks about something else ("whether the boy was shot by
  the officer **or** his mother", "if the children were killed before **or** after..."), and so
  does a clause whose harm sits in a relative clause or a reduced relative ("whether the five
  people **who were shot** knew each other", "if the people **shot** were involved"): those stay
  asserted;
- an **infinitive of intent, attempt or threat**: "threatened / tried / plotted / planned /
  wanted to kill", "a plot to kill three judges": the act was aimed at, not done;
- a **counterfactual**: "could have / would have killed", "would have been killed"
  (the epistemic "may have been shot" is a hedged assertion and stays);
- an **approximative** before the verb: "nearly killed", "almost died" (before a number,
  "nearly 300 died", it hedges the count and stays).

A numeric figure in such a clause keeps its count and noun but loses its harm (its key is the
noun's alone); a count the text only implies ("the man" of "if the man had died") is dropped,
since there is no count without the harm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ...records import Figure
from .implied import scan_near
from .lexicon import BODILY_HARMS

__all__ = [
    "unasserted_spans",
    "without_unasserted",
]

_HARM_VERB = (r"(?:kill(?:ed|s)?|die[sd]?|dead|murder(?:ed|s)?|slain|shoot|shot|wound(?:ed|s)?|injur(?:ed|es|e)"
              r"|hurt|stabb?(?:ed|s)?|execut(?:ed|es|e)|assassinat(?:ed|es|e)|harm(?:ed|s)?)")
_AUX = r"(?:(?:was|were|is|are|had|has|have|be|been|being|got|gets|get|gotten|did|does|do)\s+){0,3}"
_ADVERB = r"(?:(?:also|fatally|critically|seriously|badly|mortally|actually|ever|really)\s+)?"
# A subject of up to six words, none of them a relative pronoun, a conjunction of alternatives or a finite "be".
_SUBJECT = r"(?:(?!(?:who|whom|that|which|or|was|were|is|are)\b)[\w'’.-]+\s+){1,6}?"
_POLAR = re.compile(r"\b(?:if|whether)\s+" + _SUBJECT + _AUX + _ADVERB + r"(?P<harm>" + _HARM_VERB + r")\b", re.I)
# A finite verb right after the harm participle: a reduced relative ("the people shot were ..."), not the predicate.
_REDUCED = re.compile(r"\s+(?:\w+ly\s+)?(?:was|were|is|are|had|has|have|did|remain(?:s|ed)?|appear(?:s|ed)?)\b", re.I)
_INTENT = re.compile(
    r"\b(?:threat\w*|tr(?:y|ies|ied|ying)|attempt\w*|plot\w*|plann?\w*|vow\w*|want\w*|intend\w*|intent|"
    r"seek\w*|sought|conspir\w*|hop(?:e|es|ed|ing)|bid|efforts?|schem\w*|aim(?:s|ed|ing)?|wish\w*)"
    r"\s+(?:\w+\s+)?to\s+(?:kill|shoot|murder|injure|wound|hurt|harm|execute|assassinate|stab)\b", re.I)
_COUNTERFACTUAL = re.compile(
    r"\b(?:could|would|might)(?:\s+not|n[’']t)?\s+have\s+(?:kill|shot|murder|injur|wound|hurt|slain|stabb)\w*\b"
    r"|\bwould(?:\s+not|n[’']t)?\s+have\s+been\s+" + _HARM_VERB + r"\b"
    r"|\b(?:nearly|almost|narrowly)\s+(?:kill(?:ed|s|ing)?|die[sd]?|dying|shot)\b", re.I)
# Words every match of the patterns above holds (only the text around them is scanned).
_POLAR_HINT = re.compile(r"\b(?:if|whether)\b", re.I)
_INTENT_HINT = re.compile(r"\bto\s+(?:kill|shoot|murder|injure|wound|hurt|harm|execute|assassinate|stab)\b", re.I)
_COUNTERFACTUAL_HINT = re.compile(r"\b(?:could|would|might|nearly|almost|narrowly)\b", re.I)
# Where a clause ends: a stop, a colon or semicolon, a comma, a dash, a line's end (a headline), or "but".
_CLAUSE_END = re.compile(r"[.;:!?,—–\n]|\s-\s|\bbut\b", re.I)
_ALTERNATIVE = re.compile(r"\bor\b(?!\s+not\b)", re.I)
_NUMERIC = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
                      r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|"
                      r"scores?|both|pair|couple|several|many|some)\b", re.I)


def _clause_end(text: str, start: int) -> int:
    """Where the clause that runs on from ``start`` ends (at most 200 characters on)."""
    m = _CLAUSE_END.search(text, start, min(len(text), start + 200))
    return m.start() if m else min(len(text), start + 200)


def _polar_spans(text: str) -> list[tuple[int, int]]:
    """The polar if/whether clauses whose own predicate is a harm."""
    spans = []
    for m in scan_near(_POLAR, text, _POLAR_HINT, 0, 160):
        end = _clause_end(text, m.end("harm"))
        if _ALTERNATIVE.search(text, m.start(), end) or _REDUCED.match(text, m.end("harm")):
            continue
        spans.append((m.start(), end))
    return spans


def unasserted_spans(text: str) -> list[tuple[int, int]]:
    """The sorted character spans of ``text`` that hold a harm back from assertion.

    Example:
        >>> t = "Police did not say if the man had died. Two others were hurt."
        >>> [t[s:e] for s, e in unasserted_spans(t)]
        ['if the man had died']
    """
    spans = _polar_spans(text)
    spans += [(m.start(), _clause_end(text, m.end())) for m in scan_near(_INTENT, text, _INTENT_HINT, 40, 0)]
    spans += [(m.start(), _clause_end(text, m.end()))
              for m in scan_near(_COUNTERFACTUAL, text, _COUNTERFACTUAL_HINT, 0, 60)]
    return sorted(spans)


def _inside(f: Figure, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the figure starts inside one of ``spans``."""
    return any(s <= f.start < e for s, e in spans)


def _harm_key(f: Figure) -> bool:
    """Whether the figure counts a harm done to people (its key begins with one)."""
    return (f.key or "").split(":", 1)[0] in BODILY_HARMS


def without_unasserted(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """The figures, those of harm inside an unasserted clause without their harm (or dropped, if implied).

    Args:
        text: The article's text the figures' offsets point into.
        figures: Its figures in text order.

    Returns:
        The figures in the same order: a numeric count of harm inside a span of
        :func:`unasserted_spans` keyed by its noun alone, a count the text only implies
        there left out; every other figure unchanged.
    """
    spans = unasserted_spans(text) if any(_harm_key(f) for f in figures) else []
    if not spans:
        return list(figures)
    out = []
    for f in figures:
        if not (_harm_key(f) and _inside(f, spans)):
            out.append(f)
        elif _NUMERIC.search(text, f.start, f.end):
            out.append(replace(f, predicate=None, key=f.key.split(":", 1)[1]))  # "killed:people" -> "people"
    return out
