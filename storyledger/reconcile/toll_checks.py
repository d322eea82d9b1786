"""Whether a report's count can stand for the story's toll: what it counts, and whether its words tell the harm.

:mod:`.toll` reads each report's count of the killed and the injured from the figures
that state it. A count is only worth telling, and only worth setting against another,
when its own words say it:

- **the same kind of people** (:func:`counted_kind`): a count of a role (soldiers,
  police, suspects, children) counts a part of the people harmed, not all of them; "11
  soldiers" and "eighty people" are not two tolls of one thing, nor are "a veteran died"
  and "30,000 soldiers died in the war";
- **a consistent value is no other count** (:func:`consistent`): "at least one" holds
  2; "hundreds dead" holds 187;
- **the figure's words tell the harm** (:func:`tells_harm`): a number whose clause has a
  word of the harm ("Eighty people have been killed", "killing at least one person",
  "left hundreds dead"), not one read across a clause ("the officer who killed a man,
  prompted hundreds to protest"), nor a member of a group counted elsewhere ("he was one of
  11 soldiers killed"), nor an increment ("an additional soldier died"); a count
  named without a number ("a man was fatally shot") is told by its whole sentence, which
  must be complete (no "..." cut) and tell a harm: a word of killing ("killed", "fatally",
  "slain"), or a death with a cause of harm in its sentence ("died of his wounds",
  "died at the scene", "died in the attack"). "X died Monday of heart failure" tells a
  death, not a casualty of harm: no toll line;
- **the label says the harm the sentence tells** (:func:`harm_label`): "Killed" for a
  killing, "Deaths" for a death told as died or dead, "Injured" for the injured.
"""

from __future__ import annotations

import re

from ..records import Figure, has_spread
from .brief import numbers_in

__all__ = [
    "ROLE_KINDS",
    "consistent",
    "counted_kind",
    "harm_label",
    "sentence_bounds",
    "tells_harm",
]

#: The roles a figure's key may name after its harm (``killed:soldier``): each counts a part of the people harmed.
ROLE_KINDS = frozenset({"suspect", "police", "soldier", "child"})

_KILLING = r"kill(?:ed|ing|s)?|slain|slaughtered|murder(?:ed|ing|s)?|massacred?|executed|(?<!non-)fatal(?:ly)?|shot\s+dead" \
           r"|(?:shot|stabbed|beaten|burned|bludgeoned|strangled|hacked)\s+to\s+death" \
           r"|gunned\s+down|lynched|assassinated|homicides?"
_DEATH = r"died|dies|dead|deaths?|deadly|perished|succumbed|passed\s+away|lives|lost\s+(?:their|his|her)\s+lives" \
         r"|(?:death\s+)?toll|fatalit(?:y|ies)|casualt(?:y|ies)|bodies"
_INJURY = r"injur(?:ed|ies|y|ing)|wound(?:ed|s|ing)?|hurt|hospitali[sz]ed|shot|grazed|struck|maimed|casualt(?:y|ies)"
_WORDS = {"killed": re.compile(r"\b(?:" + _KILLING + "|" + _DEATH + r")\b", re.I),
          "injured": re.compile(r"\b(?:" + _INJURY + r")\b", re.I)}
# A count named by its event alone ("a fatal shooting", "the deadly attack") tells that someone died, not how many.
_EVENT_ONLY = re.compile(r"(?:an?\s+|the\s+)?(?:fatal|deadly)\b", re.I)
# Words of care, not of harm: a count of the hospitalised is a toll only where its sentence tells a harm.
_CARE_ONLY = re.compile(r"hospitali[sz]ed", re.I)
_KILLING_WORD = re.compile(r"\b(?:" + _KILLING + r")\b", re.I)
# What makes a death a casualty of harm in its sentence: an injury, a weapon, an attack, an accident, a
# place where the harmed die ("at the scene", "at the hospital").
_HARM_CAUSE = re.compile(
    r"\b(?:injur(?:ed|ies|y)|wound(?:ed|s)?|shot|shooting|gunshots?|gunfire|gunman|stabb(?:ed|ing)"
    r"|(?<!heart\s)(?<!panic\s)attack(?:ed|s)?"
    r"|bomb(?:ing|ed|s)?|blasts?|explosions?|(?<!heart\s)strikes?|airstrikes?|shelling|crash(?:ed|es)?|collisions?|beaten"
    r"|beating|assault(?:ed)?|violence|fighting|clash(?:es)?|fire|flood(?:s|ing)?|storm|earthquake|quake|struck"
    r"|(?P<place>scene|hospital|medical\s+cent(?:er|re)|trauma))\b",
    re.I)
# A death of illness or age: "complications from a heart attack", "after a long illness", "of natural causes".
# Beside it, a place where people die ("at a hospital") tells no harm; a weapon or an injury still does.
_ILLNESS = re.compile(
    r"\b(?:ill(?:ness)?|disease|cancer|tumou?r|complications?|heart\s+(?:attack|failure|disease)|strokes?|pneumonia"
    r"|natural\s+causes|old\s+age|infections?|sepsis|dementia|alzheimer'?s|leukemia|(?:kidney|liver|organ)\s+failure)\b",
    re.I)
# The words between a figure and its harm word that end its clause (looking back from the figure).
_CLAUSE_BACK = re.compile(r"[.;:!?,(\u2014\u2013]|\s-\s")
_CLAUSE_AHEAD = re.compile(r"[.;:!?]")
# "was one of 11 soldiers killed", "is among the dead": a member of a group counted elsewhere.
_MEMBER = re.compile(r"\b(?:was|is|were|are|been|be)\s+$", re.I)
_PARTITIVE = re.compile(r"\s+(?:of|among)\s+(?:the\s+|those\s+|these\s+|them\b|\d|[a-z]+(?:teen|ty)\b|two|three|four|five"
                        r"|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)", re.I)
_INCREMENT = re.compile(r"^(?:\S+\s+)?(?:additional|more|further)\b(?!\s+than\b)", re.I)
# A bare number after "at" or "aged" beside a death is an age ("dead at 91"), not a count.
_AGE_BEFORE = re.compile(r"\b(?:at|aged?|age\s+of)\s+$", re.I)
_CUT = re.compile(r"(?:\.\.\.|…)\W*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")


def counted_kind(f: Figure) -> str:
    """Who a harm figure counts: its key's role (``soldier``, ``police``, ``suspect``, ``child``), else ``people``.

    Example:
        >>> counted_kind(Figure(article_id="a", start=0, end=1, value=11, key="killed:soldier"))
        'soldier'
        >>> counted_kind(Figure(article_id="a", start=0, end=1, value=2, key="killed:man"))
        'people'
    """
    unit = (f.key or "").partition(":")[2]
    return unit if unit in ROLE_KINDS else "people"


def consistent(f: Figure, value: int, qualifier: str) -> bool:
    """Whether figure ``f`` can report the count ``value`` (hedged by ``qualifier``): one count, not another.

    A vague range holds the values in it ("hundreds" holds 187); a count at or above a story's
    lower bound ("at least one") is held by it. A report's own lower bound below the story's
    count ("at least one", then two) stays an earlier count.

    Example:
        >>> consistent(Figure(article_id="a", start=0, end=1, value=2), 1, "at_least")
        True
        >>> consistent(Figure(article_id="a", start=0, end=1, value=100, low=100, high=999, qualifier="range"), 187, "exact")
        True
        >>> consistent(Figure(article_id="a", start=0, end=1, value=3), 2, "exact")
        False
    """
    if f.value is None:
        return False
    low = f.low if f.low is not None else f.value
    high = f.high if f.high is not None else f.value
    if f.qualifier in ("at_least", "more_than"):
        high = float("inf")
    if qualifier in ("at_least", "more_than") and high >= value:
        return True
    return has_spread(f) and low <= value <= high


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence of ``text`` holding ``pos``, cut at a sentence end followed by a capital."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > pos:
            return start, m.start() + 1
        start = m.end()
    return start, len(text)


def _clause_word(text: str, f: Figure, words: re.Pattern) -> str | None:
    """The word of ``words`` nearest the figure in its span or its clause (40 characters back, 10 words ahead)."""
    inside = words.search(text, f.start, f.end)
    if inside:
        return inside.group(0)
    back = text[max(0, f.start - 40):f.start]
    cut = max((m.end() for m in _CLAUSE_BACK.finditer(back)), default=0)
    before = list(words.finditer(back, cut))
    ahead = text[f.end:f.end + 200]
    stop = _CLAUSE_AHEAD.search(ahead)
    after = words.search(" ".join(ahead[: stop.start() if stop else len(ahead)].split()[:10]))
    if before and (after is None or len(back) - before[-1].end() <= after.start()):
        return before[-1].group(0)
    return after.group(0) if after else None


def _a_member(text: str, f: Figure) -> bool:
    """Whether the count is a member of a group counted elsewhere: "was one of 11 killed", "is among the dead"."""
    return bool(_PARTITIVE.match(text, f.end) and _MEMBER.search(text[max(0, f.start - 12):f.start]))


def tells_harm(text: str, f: Figure, harm: str, sentence: tuple[int, int] | None = None) -> bool:
    """Whether figure ``f`` of ``text`` tells ``harm`` (``killed`` or ``injured``) in its own words (see the module).

    ``sentence`` is the span of the figure's sentence (found by :func:`sentence_bounds` when ``None``).

    Example:
        >>> t = "The officer who killed a man in Lowmere, prompted hundreds to protest."
        >>> at = t.index("hundreds")
        >>> tells_harm(t, Figure(article_id="a", start=at, end=at + 8, value=100, key="killed:people"), "killed")
        False
        >>> t = "Three researchers at the Norland institute were hospitalized in November."
        >>> tells_harm(t, Figure(article_id="a", start=0, end=5, value=3, key="injured:researcher"), "injured")
        False
        >>> t = "The vote gave a full accounting of the deadly attack in Lowmere."
        >>> tells_harm(t, Figure(article_id="a", start=t.index("deadly"), end=t.index(" in"), value=1), "killed")
        False
        >>> t = "Roe died on Tuesday of heart failure at home in Norland."
        >>> tells_harm(t, Figure(article_id="a", start=0, end=3, value=1, key="killed:people"), "killed")
        False
        >>> t = "Roe succumbed at a Lowmere hospital to complications from a heart attack."
        >>> tells_harm(t, Figure(article_id="a", start=0, end=3, value=1, key="killed:people"), "killed")
        False
    """
    words = _WORDS[harm]
    surface = text[f.start:f.end]
    lo, hi = sentence if sentence is not None else sentence_bounds(text, f.start)
    phrase = text[f.start:min(hi, f.start + 60)]
    if _INCREMENT.match(phrase) or _a_member(text, f):
        return False
    if surface.strip().isdigit() and _AGE_BEFORE.search(text[max(0, f.start - 12):f.start]):
        return False
    if numbers_in(surface):
        word = _clause_word(text, f, words)
        if word is not None and _CARE_ONLY.fullmatch(word):
            # "three researchers were hospitalized": a stay in hospital is an injury only beside a harm
            return _HARM_CAUSE.search(text, lo, hi) is not None
        return word is not None
    if _EVENT_ONLY.match(surface):
        return False  # "the deadly attack": a death happened; how many, the words do not say
    said = text[lo:hi]
    if _CUT.search(said) or not words.search(said):
        return False
    return harm != "killed" or bool(_KILLING_WORD.search(said) or _harm_cause(said))


def _harm_cause(said: str) -> bool:
    """Whether a sentence tells a cause of harm for a death: a weapon, an injury, an attack, an accident; a
    place where the harmed die ("at the scene", "at the hospital") only where no illness is told."""
    ill = _ILLNESS.search(said) is not None
    return any(not (m.group("place") and ill) for m in _HARM_CAUSE.finditer(said))


def harm_label(text: str, f: Figure, harm: str, sentence: tuple[int, int] | None = None) -> str:
    """The brief's label of figure ``f``'s count of ``harm`` as its words say it: "Killed", "Deaths" or "Injured".

    A number's clause is read (:func:`tells_harm`); a count named without one, its whole sentence.

    Example:
        >>> t = "At least 38 people died in Ostravia and two men were shot dead in Lowmere."
        >>> [harm_label(t, Figure(article_id="a", start=s, end=e, value=1), "killed") for s, e in ((0, 18), (39, 46))]
        ['Deaths', 'Killed']
    """
    if harm != "killed":
        return "Injured"
    if numbers_in(text[f.start:f.end]):
        word = _clause_word(text, f, _WORDS["killed"])
        return "Killed" if word and _KILLING_WORD.fullmatch(word) else "Deaths"
    lo, hi = sentence if sentence is not None else sentence_bounds(text, f.start)
    return "Killed" if _KILLING_WORD.search(text, lo, hi) else "Deaths"
