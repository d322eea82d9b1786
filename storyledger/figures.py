"""Figures reported in news text: each quantity with its hedge, unit, predicate and source.

:func:`extract_figures` reads every quantity of an article ("at least 16
people were killed", "more than 100,000 refugees", "20 million Swiss francs
(US$22 million)", "dozens of soldiers", "two-thirds of residents") into
:class:`~storyledger.records.Figure` records. It works by rules over one scan of
the text (:func:`storyledger._numbers.find_numbers`) and short look-arounds
within each number's sentence, so it needs no model and runs at thousands of
sentences a second.

Title-case headlines ("Bomb Kills 16 People") are read lowercased, and "a
woman was killed" counts as a figure of 1 when a person noun meets a
casualty verb.

For each number, in order:

1. **Not a figure**: a date or part of one (spans from :mod:`storyledger.dates`),
   a year (a bare 1800-2099 not followed by a counted noun), a clock time, an
   age ("aged 45", "45-year-old", "Smith, 45,"), an ordinal ("10th"), a phone
   number, a sports score ("won 3-1"), a label or model number ("Game 2",
   "Section 427", "iPhone 11", "5G", "COVID-19"), a fraction word used as an
   ordinal ("the third quarter"). Percentages *are* figures (unit ``percent``).
2. **Value**: digits, words, scales, fractions and vague words as described
   in :mod:`storyledger._numbers`; "X and a half" adds 0.5; a minus is read only
   as "minus", "−" or right after a currency sign ("$-50.8bn"), so a dash or a
   parenthesis never makes an amount negative.
3. **Range**: "between X and Y", "X to Y", "X-Y", "X or Y" (same unit) and
   "from X to Y" (unless a change verb precedes: "rose from 6 to 7") make one
   figure with ``low``/``high``; ``value`` is ``low``, the conservative end.
   A scale on the second end carries to the first ("$89 to $93 billion").
4. **Qualifier** from the words just before (or after) the number:
   ``about`` (about, approximately, around, roughly, nearly, almost, close to,
   some, an estimated, circa, "or so", "-odd"), ``at_least`` (at least, no fewer
   than, not less than, a minimum of, "or more"), ``more_than`` (more than,
   over, upwards of, in excess of, above, exceeding, "-plus"), ``at_most`` (at
   most, up to, no more than, as many as, a maximum of, "or fewer"),
   ``less_than`` (fewer than, less than, under, below), ``range`` (3.), else
   ``exact``. Vague words ("dozens") are ``range`` unless hedged otherwise.
5. **Money**: a currency sign or code before, or a currency word after
   ("Swiss francs", "Danish crowns", "dollars"), gives ``currency`` (ISO code
   where the words say which one; a bare ``$`` is USD) and ``unit`` (the
   currency's name). An amount followed by its conversion in parentheses or
   after "or"/"about" ("20 million Swiss francs (US$22 million)") is one
   figure whose span covers both; the conversion is not reported again.
6. **Unit**: ``percent``, a currency, a unit written against the number
   ("256GB", "10km"), else the head noun of the words after the number,
   skipping adjectives and names ("6 ethnic Armenian refugees" -> refugees);
   a measure word keeps its complement ("tonnes of flour"); "the number of
   refugees ... reached 100,417" and "the death toll rose to 58" take the
   counted noun from before the number, as does "a population of 120,000";
   a bare number next to a casualty verb counts people ("killing 16").
7. **Predicate**: the verb of the clause, from a lexicon of classes (killed,
   injured, fled, missing, arrested, kidnapped, rescued, evacuated, released,
   delivered, pledged), looked for first as the verb the number is the object
   of ("killed at least 16 people"), then after the unit ("were killed",
   "have fled", "and three children were killed", "of the group ... were
   killed"), then before the number ("the death toll rose to"); money looks
   before first ("appealed for $5m"). Failing the lexicon, a participle next
   to the number ("reached"). A count that is part of another ("three
   children were among the 19 dead") gets the predicate ``among``.
8. **Key**: ``predicate class:unit class``, e.g. ``killed:people``. Unit
   classes merge the generic words for people (people, persons, civilians,
   residents, refugees, villagers...) into ``people``; other nouns are
   singularised ("soldiers" -> soldier), a capitalised plural is a group of
   people ("30,000 Armenians"); money is ``money``, percentages ``percent``,
   fractions ``fraction`` ("fled:fraction"). Durations and measures (days,
   km, tonnes...) never take a predicate class ("killed 75 km away"). A count
   of refugees or displaced people with no other verb is ``fled:people``;
   "35 dead" is ``killed:people``. Without a predicate the key is the unit
   class alone.
9. **Attribution**: "according to X", "X said/says/told/reported/estimated",
   "X, <role>, said" and "said X" in the same sentence; X is the name or noun
   phrase as written (pronouns are left to the quote stage: ``None``).
10. **As of**: the first dated expression of the sentence (a day, else a
    month, else an "in <year>"), else the article's publication date, else
    ``None``.

:func:`casualty_count` picks an article's number killed from its figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ._numbers import (
    CURRENCY_NAMES,
    CURRENCY_WORD_ALT,
    ISO_CODES,
    SIGN_ALT,
    SIGN_BEFORE_RE,
    NumberMatch,
    currency_after,
    currency_before,
    find_numbers,
)
from .dates import parse_published, resolve_dates
from .records import Article, Figure, Sentence

__all__ = ["casualty_count", "extract_figures", "key_of"]

# --- lexicons -------------------------------------------------------------------------

_PRED_CLASSES: dict[str, tuple[str, ...]] = {
    "killed": (
        "killed", "kills", "kill", "killing", "dead", "died", "die", "dies", "dying", "death",
        "deaths", "death toll", "toll", "fatalities", "murdered", "slain", "slaughtered",
        "perished", "lost their lives", "executed", "massacred", "shot dead", "bodies",
        "martyrs", "martyred", "lives", "claimed the lives of",
    ),
    "injured": ("injured", "injuring", "injuries", "wounded", "wounding", "hurt", "maimed", "injures", "wounds"),
    "fled": (
        "fled", "flee", "fleeing", "flees", "escaped", "left", "displaced", "uprooted", "exodus",
        "crossed", "crossing", "arrived", "arriving", "entered", "entering",
    ),
    "missing": ("missing", "disappeared", "unaccounted for", "unaccounted"),
    "arrested": ("arrested", "detained", "jailed", "imprisoned", "captured", "held", "arrests", "detaining", "arresting"),
    "kidnapped": ("kidnapped", "abducted", "taken hostage", "hostages", "seized"),
    "rescued": ("rescued", "saved", "pulled alive"),
    "evacuated": ("evacuated", "evacuating"),
    "released": ("released", "freed"),
    "delivered": ("delivered", "shipped", "distributed", "supplied", "sent", "provided", "airlifted"),
    "pledged": ("pledged", "donated", "promised", "allocated", "committed", "granted", "appeal", "appealed"),
}
_PRED_OF = {w: c for c, ws in _PRED_CLASSES.items() for w in ws}
# Casualty and displacement predicates count people when no noun is given.
_PEOPLE_PREDS = {"killed", "injured", "fled", "missing", "arrested", "kidnapped", "rescued", "evacuated", "released"}
_PRED_MULTI = {tuple(w.split()): w for w in _PRED_OF if " " in w}
_LOWER_WORD_RE = re.compile(r"[a-z]+")


def _lexicon_hits(clause: str) -> list[str]:
    """Predicate lexicon entries in ``clause``, in order (multi-word ones first)."""
    words = _LOWER_WORD_RE.findall(clause.lower())
    hits = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2):
            phrase = _PRED_MULTI.get(tuple(words[i:i + n]))
            if phrase:
                hits.append(phrase)
                i += n
                break
        else:
            if words[i] in _PRED_OF:
                hits.append(words[i])
            i += 1
    return hits


_PEOPLE_WORDS = {
    "people", "persons", "person", "civilians", "civilian", "individuals", "individual", "residents",
    "inhabitants", "villagers", "refugees", "refugee", "migrants", "evacuees", "displaced",
    "victims", "others", "citizens", "nationals", "people's", "souls", "lives", "bodies", "martyrs",
    "dead", "casualties", "fatalities", "deaths",
}
_FLEEING_WORDS = {"refugees", "refugee", "displaced", "evacuees", "asylum-seekers", "asylum"}
_IRREGULAR = {
    "children": "child", "women": "woman", "men": "man", "people": "people", "police": "police",
    "personnel": "personnel", "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "data": "data", "series": "series", "news": "news", "species": "species",
}
_MEASURE_WORDS = {
    "tonnes", "tons", "tonne", "ton", "kilograms", "kilos", "kg", "grams", "pounds", "lbs", "litres",
    "liters", "gallons", "barrels", "bags", "sacks", "boxes", "cases", "crates", "truckloads",
    "trucks", "cubic", "metres", "meters", "pieces", "units", "doses", "packages", "parcels",
    "cartons", "bottles", "loads", "shipments", "rounds", "hectares", "acres", "square",
}
_STOP = frozenset(
    """the a an and or but nor of in on at to for from by with as that which who whom whose where when
    were was are is be been being have has had having will would could should can may might must shall do
    does did not no than then per since after before during while into onto across over under between among
    including include includes said says say told according this these those their its his her our your my
    each every all both either neither some any many much more most less least few several such there here
    also only just still even about around almost nearly up down out off so if because though although
    until till via whether yet again ago back last next first second third new old other another own same
    it they we he she you i them us him me what how why also too very per cent percent""".split()
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "one"}

_QUAL_PHRASES: dict[str, str] = {}
for _kind, _phrases in {
    "at_least": "at least|no fewer than|no less than|not fewer than|not less than|a minimum of|minimum of|≥",
    "at_most": "at most|up to|no more than|not more than|as many as|as much as|a maximum of|maximum of"
               "|at the most|≤",
    "more_than": "more than|over|upwards of|upward of|in excess of|above|exceeding|greater than|beyond|>"
                 "|well over|just over|slightly over|far over|well above|just above|slightly above"
                 "|well more than|slightly more than|just more than|much more than|far more than",
    "less_than": "fewer than|less than|under|below|<|just under|slightly under|well under|just below"
                 "|slightly below|well below|slightly less than|just less than|just fewer than",
    "about": "about|approximately|approx|approx.|around|roughly|nearly|almost|close to|some|an estimated"
             "|estimated|circa|ca.|approaching|in the region of|the best part of|~|≈|just about|around about",
}.items():
    for _p in _phrases.split("|"):
        _QUAL_PHRASES[_p] = _kind
_TAIL_TOKEN_RE = re.compile(r"\S+")


def _qual_before(before: str) -> tuple[str | None, int]:
    """(qualifier, offset in ``before`` where it starts) of the words ending ``before``."""
    tail_start = max(0, len(before) - 40)
    toks = [(m.start(), m.group(0)) for m in _TAIL_TOKEN_RE.finditer(before, tail_start)]
    if not before[-1:].isspace() and toks and toks[-1][1][-1:] in "~≈><≥≤":
        # "~5", ">100": the symbol is glued to the number.
        sym = toks[-1][1][-1]
        return _QUAL_PHRASES.get(sym), len(before) - 1
    if len(toks) > 1 and toks[-1][1].lower() in ("a", "an") and not before[-1:].isalnum():
        toks = toks[:-1]  # "more than a 1,000 people"
    for k in (4, 3, 2, 1):
        if len(toks) < k:
            continue
        words = [t for _, t in toks[-k:]]
        words[0] = words[0].lstrip("([\"'“‘")
        phrase = " ".join(words).lower()
        kind = _QUAL_PHRASES.get(phrase)
        if kind:
            start = toks[-k][0] + (len(toks[-k][1]) - len(words[0]))
            return kind, start
    return None, len(before)


_QUAL_AFTER_RE = re.compile(
    r"^(?:\s*(?P<at_least>or\s+more\b|and\s+(?:more|above|over|up)\b|\+)|\s*(?P<about>or\s+so\b)|(?P<about2>-odd\b)"
    r"|(?P<more_than>-plus\b|\s*plus\b(?!\s+\d))|\s*(?P<at_most>or\s+(?:fewer|less)\b))",
    re.I,
)
_CHANGE_VERB_RE = re.compile(
    r"\b(?:rose|rises|rise|risen|fell|falls|fall|fallen|increased|increases|decreased|decreases|grew|grow|"
    r"dropped|drops|climbed|climbs|jumped|jumps|declined|declines|up|down|cut|raised|reduced|lowered|"
    r"slipped|slid|soared|surged|plunged|plummeted|tumbled|gained|lost|shrank|expanded|revised|upgraded|"
    r"downgraded|went|moved|changed|boosted|doubled|trimmed)\b[^.;]{0,60}$",
    re.I,
)
_PERCENT_RE = re.compile(
    r"^\s*(?:(?P<pct>%|per\s*cent\b|percent\b|pc\b|pct\b)|(?P<pp>percentage\s+points?\b|points?\s+percent)|(?P<bp>basis\s+points?\b|bps\b))",
    re.I,
)
_ATTACHED_UNIT_RE = re.compile(
    r"^(?P<u>(?i:km|kms|kg|kgs|mg|gb|mb|tb|kb|mph|kph|km/h|mm|cm|ft|lb|lbs|oz|mw|gw|kw|kwh|mwh|gwh|hp|"
    r"sq\s?km|ml|bn|ha|mi|yd|yds|hrs|min|mins|sec|secs|ms|ghz|mhz|mp)|[gmpltVW])\b",
)
_TIME_AFTER_RE = re.compile(r"^(?::\d\d|\.\d\d\s*(?:a\.?m\.?|p\.?m\.?)|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|EDT\b|PST\b|hrs\b|hours\s+GMT|o'clock\b))", re.I)
_TIME_BEFORE_RE = re.compile(r"(?:\d[:.]|\bat\s+|\bby\s+|\buntil\s+|\bfrom\s+)$", re.I)
_AGE_AFTER_RE = re.compile(r"^(?:[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old\b|[\s-]*year[\s-]*olds?\b|\s*,?\s*(?:years?\s+of\s+age)\b|[\s-]*y/?o\b)", re.I)
_AGE_BEFORE_RE = re.compile(
    r"(?:\baged|\bage|\bages|\bage\s+of|\baged\s+between|\baged\s+from)\s*(?:\d{1,3}\s*(?:to|and|-|–)\s*)?$", re.I
)
_ORDINAL_AFTER_RE = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_PHONE_RE = re.compile(
    r"(?=[+(\d])(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}|\(\d{2,5}\)\s?\d{3,4}[\s.-]?\d{3,4}"
    r"|(?<![\d.,-])\d{3}[.-]\d{3}[.-]\d{4}(?![\d-])|(?<![\w.,-])\d{3}-\d{4}(?![\w-]))"
)
_SCORE_RE = re.compile(r"\b(?:won|lost|beat|beating|drew|draw|ended|finished|trail(?:ed|ing)?|led|lead|leading|win|victory|defeat|loss|score|scoreline)\b", re.I)
_LABEL_WORDS = frozenset(
    """no nos number vol page pp p section chapter article art row room route flight level phase stage round
    game week day part act rule resolution paragraph item line gate platform highway interstate unit ward
    district block building apartment apt suite lot box channel episode season series volume issue version
    model type class category grade # №""".split()
)


def _is_label_before(before: str) -> bool:
    tail = before[-16:].rstrip()
    if tail.endswith(("#", "№")):
        return True
    parts = tail.rsplit(None, 1)
    if not parts:
        return False
    w = parts[-1].rstrip(".").lower()
    if w not in _LABEL_WORDS:
        return False
    # Lowercase "day", "week", "game", "round", "line" also count things ("day 3" is a
    # label but "a 10 day" is not reached here): take lowercase ones only after "the"/"in".
    return parts[-1][0].isupper() or w in ("no", "nos", "pp", "p", "vol", "number")


_CAP_WORD_BEFORE_RE = re.compile(r"(?:^|[\s(])(?P<w>[A-Z][\w'’&.-]*|[a-z]+[A-Z][\w-]*)\s$")
_BETWEEN_RE = re.compile(r"\bbetween\s*$", re.I)
_FROM_RE = re.compile(r"\bfrom\s*$", re.I)
_AND_HALF_RE = re.compile(r"^\s+and\s+a\s+half\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*(?:\.[A-Za-z][\w'’-]*)*|[,;:()\"“”—–]|\S")
_NUMBER_OF_RE = re.compile(
    r"\b(?:number|total|tally|count|toll|influx|flow|figure)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?P<noun>[a-z][\w-]*s)\b[^.;]{0,80}$",
    re.I,
)
_TOLL_RE = re.compile(r"\b(?P<w>death\s+toll|toll|number\s+of\s+(?:the\s+)?dead|number\s+of\s+deaths|fatalities|dead)\b[^.;]{0,60}$", re.I)
_ATTR_ACCORDING_RE = re.compile(
    r"\baccording\s+to\s+(?P<who>(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|the|de|al|on|in|&)\s+|\s+|,\s+(?=[A-Z]))?){1,8}|(?:the\s+|a\s+|an\s+)?(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)",
)
_CUES = r"(?:said|says|say|told|tells|reported|reports|announced|announces|stated|states|claimed|claims|estimated|estimates|confirmed|confirms|added|noted|wrote|writes|tweeted|posted|declared|insisted|warned|explained|counted|recorded|put\s+the\s+(?:toll|number|figure))"
_ROLE_NOUNS = frozenset(
    """official officials police authorities ministry government army military agency spokesman spokeswoman
    spokesperson source sources witnesses activists monitor monitors observatory medics doctors residents
    officer officers media television tv radio group organisation organization council commission office
    department service services committee agency researchers experts analysts""".split()
)
_CUE_RE = re.compile(rf"\b{_CUES}\b")
_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "al", "&", "du", "la", "le", "von", "van"})
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday""".split()
)
_TOKEN_RE = re.compile(r"[^\s,;:()\"“”]+|[,;:()\"“”]")


def _name_before(words: list[str]) -> str | None:
    """The speaker ending ``words`` (tokens before a cue): a name run or a role phrase."""
    out: list[str] = []
    for w in reversed(words):
        if len(out) >= 9:
            break
        if w.lower() in _CALENDAR_WORDS:
            break
        if w[0].isupper() or (w[0].isdigit() and out):
            out.append(w)
        elif out and w in _CONNECTORS:
            out.append(w)
        elif not out and w.lower().strip(".") in _ROLE_NOUNS:
            out.append(w)
        elif out and out[-1].lower() in _ROLE_NOUNS | {"refugee"} and w.isalpha() and w not in _STOP:
            out.append(w)  # "the health ministry", "UN refugee agency"
        elif out and out[0].lower() in _ROLE_NOUNS and w.isalpha() and w not in _STOP and len(out) < 4:
            out.append(w)
        else:
            break
    while out and out[-1] in _CONNECTORS and out[-1] != "the":
        out.pop()
    # A leading capitalised function word only opens the sentence ("The", "But").
    while out and out[-1].lower() in _STOP and out[-1].lower() != "the":
        out.pop()
    if out and out[-1].lower() == "the" and len(out) == 1:
        return None
    name = " ".join(reversed(out)).strip(" .")
    if not name or any(w.lower() in _PRONOUNS for w in name.split()):
        return None
    return name


def _name_after(words: list[str]) -> str | None:
    out: list[str] = []
    for w in words:
        if len(out) >= 9:
            break
        if w.lower() in _CALENDAR_WORDS:
            break
        if w[0].isupper() or (out and w in _CONNECTORS) or (not out and w.lower() in ("the", "a", "an")):
            out.append(w)
        elif w.lower().strip(".") in _ROLE_NOUNS and len(out) < 5:
            out.append(w)
            break
        elif out and w.isalpha() and w.islower() and len(out) < 4 and out[0].lower() in ("the", "a", "an"):
            out.append(w)
        else:
            break
    while out and (out[-1] in _CONNECTORS or out[-1].lower() in ("a", "an")):
        out.pop()
    name = " ".join(out).strip(" .")
    if not name or name.lower() in _PRONOUNS or len(out) == 0:
        return None
    if not any(w[0].isupper() or w.lower().strip(".") in _ROLE_NOUNS for w in out):
        return None
    return name


# --- small helpers --------------------------------------------------------------------


def _singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


_MEASURE_CLASSES = frozenset(
    """second minute hour day week month year decade century km kilometre kilometer mile metre meter foot
    feet yard inch cm mm kg kilogram gram tonne ton pound litre liter gallon barrel hectare acre mph kph
    degree time percent""".split()
)


def key_of(predicate_class: str | None, unit: str | None, currency: str | None = None) -> str | None:
    """The normalised key of a figure: ``"<predicate class>:<unit class>"``.

    Args:
        predicate_class: e.g. ``"killed"``, or ``None``.
        unit: the unit as extracted, e.g. ``"civilians"``, ``"percent"``.
        currency: ISO code when the figure is money.

    Returns:
        e.g. ``"killed:people"``, ``"pledged:money"``, ``"soldier"``; ``None``
        when there is neither predicate nor unit.

    Example:
        >>> key_of("killed", "civilians")
        'killed:people'
    """
    if currency or (unit and unit in CURRENCY_NAMES.values()):
        uclass = "money"
    elif unit is None:
        uclass = None
    elif unit in ("percent", "percentage points", "basis points"):
        uclass = "percent"
    else:
        last = unit.split()[0] if " of " in unit else unit.split()[-1]
        # A capitalised plural after a number is a group of people ("30,000 Armenians").
        people = last.lower() in _PEOPLE_WORDS or (last[:1].isupper() and last.endswith("s") and not last.isupper())
        uclass = "people" if people else _singular(last)
        if " of " in unit:
            uclass = f"{_singular(last)} of {unit.split(' of ', 1)[1].lower()}"
    if uclass in _MEASURE_CLASSES:
        predicate_class = None  # "killed ... 75 km away": the verb is not about the kilometres
    if uclass is None and predicate_class is None:
        return None
    if predicate_class is None:
        return uclass
    return f"{predicate_class}:{uclass or 'people'}"


def _attribution(sent: str) -> str | None:
    m = _ATTR_ACCORDING_RE.search(sent)
    if m:
        who = m.group("who").strip(" ,.")
        if who and who.split()[0].lower() not in _PRONOUNS:
            return who
    for m in _CUE_RE.finditer(sent):
        before = _TOKEN_RE.findall(sent[max(0, m.start() - 200):m.start()])
        if before and before[-1] == ",":
            # "Nazeli Baghdasaryan, a spokeswoman for ..., said": skip the apposition.
            try:
                j = len(before) - 2 - before[-2::-1].index(",")
            except ValueError:
                j = -1
            if 0 < j and len(before) - j < 25:
                name = _name_before(before[:j])
                if name:
                    return name
            before = before[:-1]
        name = _name_before(before)
        if name:
            return name
        name = _name_after(_TOKEN_RE.findall(sent[m.end():m.end() + 120]))
        if name:
            return name
    return None


class _Sentences:
    """Sentence lookup by offset, with per-sentence caches."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        if sentences:
            spans = [(s.start, s.end) for s in sentences]
        else:
            try:
                from .segment import split_sentences

                spans = split_sentences(text)
            except Exception:  # noqa: BLE001  (a segmenter fault must not lose the figures)
                spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text)]
        self.spans = sorted(spans) or [(0, len(text))]
        self.starts = [s for s, _ in self.spans]
        self.text = text
        self._attr: dict[int, str | None] = {}

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def bounds(self, offset: int) -> tuple[int, int]:
        i = self.index(offset)
        s, e = self.spans[i]
        if not (s <= offset <= e):
            # Offsets between sentences (e.g. a skipped header) get a local window.
            return max(0, offset - 200), min(len(self.text), offset + 200)
        return s, e

    def attribution(self, offset: int) -> str | None:
        i = self.index(offset)
        if i not in self._attr:
            s, e = self.bounds(offset)
            self._attr[i] = _attribution(self.text[s:e])
        return self._attr[i]


# --- the extractor ----------------------------------------------------------------------


def _is_year(n: NumberMatch, text: str) -> bool:
    if n.kind != "digits" or n.scaled or n.value != int(n.value) or not (1800 <= n.value <= 2099):
        return False
    if not re.fullmatch(r"\d{4}", text[n.start:n.end]):
        return False
    after = text[n.end:n.end + 30]
    if re.match(r"\s*(?:%|per\s*cent|percent)", after, re.I):
        return False
    m = re.match(r"\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)", after)
    if m and (m.group(1).endswith("s") or m.group(1) in _PEOPLE_WORDS or m.group(1) in _IRREGULAR) \
            and m.group(1) not in _STOP and not re.match(r"\s+(?:was|is|has|saw|s)\b", after):
        return False
    before = text[max(0, n.start - 25):n.start]
    if _qual_before(before)[0] or SIGN_BEFORE_RE.search(before):
        return False
    return True


_FURNITURE_AFTER_RE = re.compile(
    r"\s*(?:comments?|shares?|views?|likes?|retweets?|replies|reads|min(?:ute)?s?\s+read)\b",
    re.I,
)
_FURNITURE_BEFORE_RE = re.compile(
    r"\b(?:comments?|shares?|views?|likes?|photo|image|picture|slide|page|print|email)\s*[:#(]?\s*(?:\d+\s+of\s+)?$",
    re.I,
)


def _counted_noun_follows(after: str) -> bool:
    """Whether the words after a number start with a plural noun, "people" or a scale."""
    m = re.match(r"\s*(%|per\s*cent|percent|[a-z][\w-]*)", after)
    if not m:
        return False
    w = m.group(1)
    return w in ("%", "people", "million", "billion") or w.startswith(("per", "percent")) and w != "per" \
        or (w.endswith("s") and w not in _STOP and not w.endswith("ss") and len(w) > 3)


def _not_a_figure(n: NumberMatch, text: str, sent_start: int) -> bool:
    s, e = n.start, n.end
    before = text[max(sent_start, s - 40):s]
    after = text[e:e + 40]
    surface = text[s:e]
    if n.kind == "digits":
        if after[:1].isalpha() and not n.scaled:
            if _ORDINAL_AFTER_RE.match(after):
                return True
            if not _ATTACHED_UNIT_RE.match(after) and not _PERCENT_RE.match(after):
                return True  # "5G", "3D", "S23" style model names
        if before[-1:].isalpha() and not SIGN_BEFORE_RE.search(before):
            return True  # glued to letters that are not a currency code ("S23", but "USD1,700")
        if before[-1:] and before[-1:] in "_/\\@":
            return True
        if re.search(r"[A-Za-z]\s?[-–]$", before):
            return True  # "COVID-19", "F-16", "V-12", "COVID -19"
        if before.endswith((":", ".")) and (before[-2:-1].isdigit() or before[-2:-1].isalpha()):
            return True  # "10:30", "ID.3", "No.5"
        if re.match(r"-(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b(?!-old)", after, re.I):
            return True  # "a 10-day ceasefire", "a two-month contract": a duration used as an adjective
        if _TIME_AFTER_RE.match(after) and not re.match(r"\s*hrs?\b", after):
            return True
        if re.match(r"\s*(?:hrs|hours)\b", after) and re.fullmatch(r"\d{4}", surface) and _TIME_BEFORE_RE.search(before):
            return True
    if n.kind in ("digits", "words"):
        if _AGE_AFTER_RE.match(after) or _AGE_BEFORE_RE.search(before):
            return True
        # "Smith, 45, said" and "Smith (45)": an age after a name.
        if re.search(r"[A-Z][\w'’-]+,\s$", before) and re.match(r",\s", after) and n.value < 120 and n.kind == "digits":
            return True
        if re.search(r"[A-Z][\w'’-]+\s\($", before) and after.startswith(")") and n.value < 120:
            return True
    if n.kind == "words" and re.match(r"-(?:years?|months?|weeks?|days?|hours?|minutes?)\b(?!-old)", after, re.I):
        return True
    if n.kind == "digits" and (_FURNITURE_AFTER_RE.match(after) or _FURNITURE_BEFORE_RE.search(before)):
        return True  # "12 comments", "5 min read", "Photo 3 of 12", "Shares: 40"
    if n.kind == "digits":
        if _is_label_before(before) and not n.scaled:
            return True
        m = _CAP_WORD_BEFORE_RE.search(before)
        if m and not n.scaled and not SIGN_BEFORE_RE.search(before) and not _ATTACHED_UNIT_RE.match(after) \
                and not _PERCENT_RE.match(after):
            w = m.group("w")
            if (w.lower() not in _STOP and w.lower() not in _PRED_OF and w.lower() not in _QUAL_PHRASES
                    and w.rstrip(".").lower() not in ("us", "u.s", "a", "an")
                    and not _counted_noun_follows(after)):
                return True
        # "ended 2-2", "a 3-1 win": a score, not a range.
        if re.match(r"\s*[-–]\s*\d{1,2}\b(?!\s*(?:[a-z]+s|people|%))", after) and n.value < 30:
            if _SCORE_RE.search(before[-25:]) or _SCORE_RE.match(re.sub(r"^\s*[-–]\s*\d+\s*", "", after)):
                return True
        if re.match(r"\s*[-–]\s*\d", after) is None and re.search(r"\d\s*[-–]\s*$", before) and n.value < 30:
            if _SCORE_RE.search(before[-30:]) or _SCORE_RE.match(after.lstrip()):
                return True
    if n.kind == "fraction" and "/" not in surface and not re.search(r"\s(?:in|of)\s", surface):
        low = surface.lower()
        if not re.match(r"\s+(?:of|the|a|an|its|their|his|her|our|all|those|these)\b", after, re.I):
            return True
        if re.search(r"\b(?:the|first|second|third|final|last|latter|other|each|every|this|that)\s*$", before, re.I) \
                and low in ("half", "third", "quarter", "fourth", "fifth", "sixth", "tenth"):
            return True
        if low in ("third", "fourth", "fifth", "sixth", "tenth", "quarter"):
            return True  # bare ordinals; "a third", "one quarter" carry an article or count
        if low == "half" and re.search(r"\b(?:and|one|a)\s*$", before, re.I):
            return True  # "one and a half" is read with the number before it
    if n.kind == "words" and surface.lower() == "one":
        if re.match(r"-on-one\b|\s+of\s+(?:many|several|few|the\s+(?:most|best|worst|first|last|few|many))\b",
                    after, re.I) or re.search(r"\bone-on-$", before, re.I):
            return True  # "one-on-one", "one of many", "one of the most": not a count
        if re.search(r"\b(?:no|the|this|that|any|every|each|which|some|someone|anyone|only|last|another|such)\s*$", before, re.I):
            return True
        if re.match(r"\s*(?:another|day|time|way|thing|point|more|side|hand|morning|evening|night|afternoon|[,.;:!?)\"”]|$)", after, re.I):
            return True
        if re.match(r"\s+(?:is|was|has|had|would|could|should|can|will|of\s+(?:them|us|you|those|these|his|her|their|its|our)\b|who|that|which|must|may|might)\b", after, re.I):
            return True
    return False


def _unit_phrase(after: str) -> tuple[str | None, int]:
    """Head noun (with a measure word's complement) of the words after a number."""
    toks = list(_WORD_RE.finditer(after[:120]))
    words: list[re.Match[str]] = []
    i = 0
    if toks and toks[0].group(0).lower() == "of":
        # "thousands of people", "two-thirds of the residents"
        i = 1
        while i < len(toks) and toks[i].group(0).lower() in ("the", "a", "an", "them", "those", "these", "its", "their", "all"):
            if toks[i].group(0).lower() in ("them", "those", "these"):
                return None, 0
            i += 1
    while i < len(toks) and len(words) < 5:
        t = toks[i]
        w = t.group(0)
        lw = w.lower()
        if not words and lw in ("other", "others", "more", "additional", "further", "new") and i + 1 < len(toks) \
                and toks[i + 1].group(0)[:1].isalpha() and toks[i + 1].group(0).lower() not in _STOP:
            i += 1  # "12 other civilians", "5 more people"
            continue
        if not w[0].isalpha() or lw in _STOP:
            break
        if lw.endswith(("'s", "’s", "s'", "s’")) and i + 1 < len(toks) and toks[i + 1].group(0)[:1].isalpha():
            i += 1  # a possessive modifies the head after it: "the agency's 40 trucks"
            words = []
            continue
        if words and lw in _PRED_OF and lw not in _PEOPLE_WORDS:
            break
        if lw.endswith(("ed", "ing")) and lw not in _PEOPLE_WORDS and lw not in _MEASURE_WORDS:
            nxt = toks[i + 1].group(0) if i + 1 < len(toks) else ""
            if words or not nxt[:1].islower() or nxt.lower() in _STOP or nxt.lower() in _PRED_OF:
                break
        if lw in ("million", "billion", "thousand", "hundred"):
            break
        words.append(t)
        i += 1
        if (lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 3) or lw in _IRREGULAR \
                or lw in _PEOPLE_WORDS:
            break  # a plural noun ends the noun phrase: "refugees [fled]", "persons [remain]"
    # The head is the last lowercase word: "6 ethnic Armenian refugees" -> refugees.
    while words and not (words[-1].group(0)[0].islower() or words[-1].group(0).endswith("s")
                         and len(words[-1].group(0)) > 3):
        words.pop()
    if not words:
        return None, 0
    head = words[-1]
    unit = head.group(0).rstrip(".,")
    end = head.start() + len(unit)
    if unit.lower() in _MEASURE_WORDS:
        m = re.match(r"\s+of\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\b", after[end:])
        if m and m.group(1).split()[0] not in _STOP:
            unit = f"{unit} of {m.group(1)}"
            end += m.end()
    return unit, end


_OBJECT_OF_RE = re.compile(
    r"\b(?P<v>[A-Za-z]+)\s+(?:(?:at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|up\s+to|as\s+many\s+as"
    r"|no\s+fewer\s+than|an\s+estimated|some|about|around|nearly|almost|approximately|roughly|over|another"
    r"|a\s+total\s+of|the|a|an)\s+)*$"
)


def _predicate(before: str, after_unit: str, money: bool = False) -> tuple[str | None, str | None]:
    """(surface predicate, class) from the clause around a number.

    Money is governed by the verb before it ("appealed for $5m"), counts by the
    verb after them ("16 people were killed"), so the order of the search differs.
    """
    if money:
        clause_before = re.split(r"[;.!?]|,\s+(?:and|but|while|which|who)\b", before)[-1][-70:]
        hits = _lexicon_hits(clause_before)
        if hits:
            return hits[-1], _PRED_OF[hits[-1]]
    # The number as the object of a verb just before it: "killed at least 16 people",
    # "killing six". "left" is skipped: "left 12 civilians dead" says more after.
    m = _OBJECT_OF_RE.search(before[-60:])
    if m and m.group("v").lower() in _PRED_OF and m.group("v").lower() != "left":
        return m.group("v").lower(), _PRED_OF[m.group("v").lower()]
    clause_after = re.split(r"[;.!?]|,\s+(?:and|but|while|which|who)\b|\s+-\s+", after_unit, maxsplit=1)[0][:70]
    m = re.match(
        r"\s*(?:,\s*)?(?:(?:who|which|that)\s+)?(?:(?:were|was|are|is|have|has|had|been|being|be|got|get|remain|remained|remain|reportedly|had\s+been|have\s+been|has\s+been|are\s+being|were\s+being|reported|confirmed|feared|believed\s+to\s+be|thought\s+to\s+be|already|now|also|still|all|so\s+far)\s+){0,3}(?P<w>[a-z]+(?:\s+[a-z]+){0,2})",
        clause_after,
    )
    if m:
        hits = _lexicon_hits(m.group("w"))
        if hits and m.group("w").lower().startswith(hits[0].split()[0]):
            return hits[0], _PRED_OF[hits[0]]
        first = m.group("w").split()[0]
        if first.endswith(("ed", "en")) and first not in _STOP and len(first) > 4 and first != "between":
            return first, None
    if re.match(r"\s*(?:were|are|was|is)\s+(?:also\s+)?among\b", clause_after):
        return "among", None  # "three children were among the 19 killed": a part of another count
    if re.match(r"\s*,?\s*(?:among\s+(?:them|whom|those)|including)\b", clause_after):
        # "15 civilians, among them 11 children, were killed": the verb after the subgroup.
        hits = _lexicon_hits(clause_after)
        if hits:
            return hits[0], _PRED_OF[hits[0]]
    # "25 others on a bus were wounded": a lexicon verb a few words on, in the same clause.
    near = re.split(r",|\band\b|\bbut\b|\bwhile\b|\bafter\b|\bas\b|\bwhen\b", clause_after, maxsplit=1)[0]
    if not near.strip() and re.match(r"\s*(?:,\s*)?(?:and|or)\s+", clause_after):
        # "16 civilians and three children have been killed": the verb after the pair.
        hits = _lexicon_hits(" ".join(clause_after.split()[:10]))
        if hits:
            return hits[0], _PRED_OF[hits[0]]
    # A prepositional phrase may sit between the noun and its verb ("30 militants of
    # the group operating in Iraq were killed"): look further then.
    reach = 12 if re.match(r"\s*(?:of|from|in|on|at|near|belonging|loyal)\b", near) else 8
    if len(near.split()) <= reach:
        hits = _lexicon_hits(near)
        if hits:
            return hits[0], _PRED_OF[hits[0]]
    clause_before = re.split(r"[;.!?]|,\s+(?:and|but|while|which|who)\b", before)[-1][-70:]
    hits = _lexicon_hits(clause_before)
    if hits:
        return hits[-1], _PRED_OF[hits[-1]]
    m = re.search(r"\b(?P<w>[a-z]+(?:ed|ing))\s+(?:(?:to|by|of|the|a|an|some|about|around|nearly|almost|at\s+least|more\s+than|over|up\s+to)\s+)*$", clause_before)
    if m and m.group("w") not in _STOP:
        return m.group("w"), None
    return None, None


def _as_of(dates: list[tuple[int, int, str | None]], date_starts: list[int], s: int, e: int,
           text: str, published: str | None) -> str | None:
    lo = bisect_right(date_starts, s - 1)
    best = None
    for ds, de, v in dates[lo:]:
        if ds >= e:
            break
        if not v:
            continue
        if len(v) >= 10:
            return v[:10]
        if best is None or len(v) > len(best):
            if len(v) == 4 and not re.search(r"\bin\s*$", text[max(0, ds - 4):ds]):
                continue
            best = v
    if best:
        return best
    d = parse_published(published)
    return d.isoformat() if d else None


def extract_figures(article: Article, sentences: Sequence[Sentence] = ()) -> tuple[Figure, ...]:
    """Every quantity of one article reported as a fact, with hedge, unit, predicate and source.

    Args:
        article: The article (``text`` is read; ``published`` gives ``as_of``
            when the sentence has no date of its own).
        sentences: Its sentences from :func:`storyledger.segment.segment_article`;
            when empty the text is split here.

    Returns:
        Figures in text order, offsets into ``article.text``. Never raises for
        odd text: a number that cannot be read is skipped.

    Example:
        >>> a = Article(id="a", text="At least 16 people were killed, police said.")
        >>> f, = extract_figures(a)
        >>> (f.value, f.qualifier, f.unit, f.predicate, f.key, f.attributed_to)
        (16.0, 'at_least', 'people', 'killed', 'killed:people', 'police')
    """
    original = article.text or ""
    if not original.strip():
        return ()
    sents = _Sentences(original, sentences)
    # Headlines in title case ("Bomb Kills 16 People") are read lowercased: the
    # unit and label rules rely on case. Same length, so offsets hold.
    text = _untitle(original, sents.spans)
    if "/" in text or "@" in text:
        # Numbers in links and addresses are not figures: blank them (same length).
        text = _URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    dates = resolve_dates(original, article.published)
    date_starts = [d[0] for d in dates]
    date_ends = [d[1] for d in dates]
    phones = [m.span() for m in _PHONE_RE.finditer(text)]
    numbers = find_numbers(text)
    ones = [NumberMatch(m.start(), m.start() + len(m.group(1)), 1.0, None, None, "words")
            for m in _ONE_VICTIM_RE.finditer(text)]
    if ones:
        numbers = sorted(numbers + ones, key=lambda x: x.start)
    figures: list[Figure] = []
    consumed_until = -1
    skip: set[int] = set()
    for idx, n in enumerate(numbers):
        if idx in skip or n.start < consumed_until:
            continue
        try:
            fig = _figure(article, text, n, idx, numbers, sents, dates, date_starts, date_ends, phones, skip)
        except (ValueError, IndexError, KeyError, OverflowError):
            fig = None
        if fig is not None:
            figures.append(fig)
            consumed_until = fig.end
    return tuple(figures)


_ONE_VICTIM_RE = re.compile(
    r"\b(a|an|A|An)\s+(?:[a-z][\w-]*\s+){0,2}?(?:man|woman|child|boy|girl|person|civilian|soldier|policeman|"
    r"policewoman|officer|fighter|militant|journalist|worker|resident|teenager|baby|infant|student|doctor|"
    r"nurse|citizen|pilot|member|guard|commander|bystander|pedestrian|passenger|driver|farmer|shepherd)"
    r"\s+(?:was|has\s+been|had\s+been|is|were)\s+(?:also\s+|reportedly\s+)?(?:killed|shot\s+dead|"
    r"murdered|slain|executed|wounded|injured|hurt|kidnapped|abducted|arrested|detained|missing|rescued)\b"
)
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+")
_TITLE_WORD_RE = re.compile(r"\b[A-Za-z][a-z]{3,}\b")


def _untitle(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with its title-case sentences lowercased (length kept)."""
    parts: list[str] = []
    last = 0
    for s, e in spans:
        words = _TITLE_WORD_RE.findall(text, s, e)[1:]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            low = text[s:e].lower()
            if len(low) == e - s:
                parts.append(text[last:s])
                parts.append(low)
                last = e
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


_NOUN_OF_RE = re.compile(r"\b(?:a|an|the|its|their|his|her)\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)\s+of\s*$")
_NOT_UNITS = frozenset(
    """total number maximum minimum average sum rate figure value cost price tune height depth length
    age range score toll budget share majority minority fine bill loss""".split()
)


_ABOUT_PREPOSITION_BEFORE = frozenset(
    """information talk talks talked talking worry worried worries concern concerns concerned question
    questions know knows known knew think thinks thought said say says news report reports reported story
    stories details data asked ask care cares cared learn learned learnt hear heard write wrote written
    spoke speak speaks complain complained complaints warned warning lied lying joke joked argued arguing
    something nothing anything everything much more less""".split()
)


def _not_a_hedge(kind: str, before_hedge: str, hedge: str, number: str) -> bool:
    """Whether a hedge word is a preposition here ("information about two programs", "under one roof")."""
    words = before_hedge.split()
    prev = words[-1].lower().strip(",.;:") if words else ""
    if kind == "about" and prev in _ABOUT_PREPOSITION_BEFORE:
        return True
    return hedge.strip().lower() in ("over", "under", "above", "below") and number.lower() in ("one", "a", "an")


def _in_spans(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, s) - 1
    return i >= 0 and ends[i] >= e and starts[i] <= s


def _figure(
    article: Article,
    text: str,
    n: NumberMatch,
    idx: int,
    numbers: list[NumberMatch],
    sents: _Sentences,
    dates: list[tuple[int, int, str | None]],
    date_starts: list[int],
    date_ends: list[int],
    phones: list[tuple[int, int]],
    skip: set[int],
) -> Figure | None:
    """The figure number ``n`` reports, or None when it is not one (steps of the module doc)."""
    s_start, s_end = sents.bounds(n.start)
    if _in_spans(date_starts, date_ends, n.start, n.end):
        # A date expression may contain a count ("two days ago" is a date, but
        # "in 2,000 homes" is not one): the date spans already exclude counts.
        return None
    if any(ps <= n.start and n.end <= pe for ps, pe in phones):
        return None
    if _is_year(n, text):
        return None
    if _not_a_figure(n, text, s_start):
        return None
    if n.letter_scale and not currency_before(text[max(s_start, n.start - 6):n.start])[0] \
            and not re.match(r"\s+(?:of\b|people|[a-z]+s\b)", text[n.end:n.end + 20]):
        # "5m" without a currency sign is five metres, not five million.
        n = NumberMatch(n.start, n.end - 1, n.value / {"m": 1e6, "b": 1e9, "k": 1e3}[text[n.end - 1].lower()],
                        None, None, "digits")
    value, low, high = n.value, n.low, n.high
    start, end = n.start, n.end
    before = text[max(s_start, start - 60):start]

    # 2. sign, currency before
    code, sign_len, minus = currency_before(before)
    if minus:
        value = -value
    if re.search(r"(?:\bminus[\s-]+|−)$", before, re.I):
        value = -value
    q_before = before[: len(before) - sign_len] if sign_len else before
    fig_start = start - sign_len

    m = _AND_HALF_RE.match(text, end) if n.kind in ("digits", "words") else None
    if m:
        value += 0.5
        end = m.end()

    # 3. ranges
    qualifier = None
    nxt = numbers[idx + 1] if idx + 1 < len(numbers) else None
    if nxt is not None and nxt.start < s_end and n.kind != "fraction":
        mid = text[end:nxt.start]
        sign2 = re.fullmatch(rf"\s*(?:-|–|—|to|and|or|through|thru)\s*(?:{SIGN_ALT})?\s*", mid, re.I)
        if sign2 and nxt.kind in ("digits", "words") and not _in_spans(date_starts, date_ends, nxt.start, nxt.end):
            joiner = mid.strip().lower()
            joiner = re.sub(rf"\s*(?:{SIGN_ALT})\s*$", "", joiner, flags=re.I).strip() or joiner
            between = bool(_BETWEEN_RE.search(q_before))
            from_ = bool(_FROM_RE.search(q_before))
            ok = False
            if joiner == "and":
                ok = between
            elif joiner in ("to", "through", "thru"):
                ok = between or not (from_ and _CHANGE_VERB_RE.search(q_before))
                ok = ok and not (n.kind == "digits" and n.value == int(n.value) and 1800 <= n.value <= 2099 and 1800 <= nxt.value <= 2099)
            elif joiner in ("-", "–", "—"):
                ok = not _SCORE_RE.search(before[-30:]) and nxt.value > n.value
            elif joiner == "or":
                ok = n.kind == nxt.kind and nxt.value > n.value and not currency_after(text[end:end + 40])[2]
            if ok:
                lo_v, hi_v = value, nxt.value
                if nxt.scaled and not n.scaled and nxt.kind == "digits":
                    bare = re.sub(r"[^\d.]", "", re.sub(r"\s*[A-Za-z]+$", "", text[nxt.start:nxt.end]))
                    factor = nxt.value / float(bare) if bare and float(bare) else 1.0
                    if abs(value) <= float(bare or 0):
                        lo_v = value * factor  # "$89 to $93 billion": the scale carries back
                if hi_v >= lo_v:
                    value, low, high = lo_v, lo_v, hi_v
                    qualifier = "range"
                    skip.add(idx + 1)
                    end = nxt.end
                    if between:
                        fig_start = start - sign_len - len(_BETWEEN_RE.search(q_before).group(0))
                        q_before = q_before[: len(q_before) - len(_BETWEEN_RE.search(q_before).group(0))]
                    elif from_ and joiner != "-":
                        fm = _FROM_RE.search(q_before)
                        fig_start = start - sign_len - len(fm.group(0))
                        q_before = q_before[: len(q_before) - len(fm.group(0))]

    # 4. qualifier before
    kind, qpos = _qual_before(q_before)
    if kind and _not_a_hedge(kind, q_before[:qpos], q_before[qpos:], text[start:end]):
        kind = None
    if kind:
        if qualifier != "range":
            qualifier = kind
        fig_start -= len(q_before) - qpos
    after = text[end:min(s_end, end + 120)]

    # 5. money and percent after
    unit = None
    currency = code
    pm = _PERCENT_RE.match(after)
    consumed = 0
    if pm and not code:
        unit = "percent" if pm.group("pct") else ("percentage points" if pm.group("pp") else "basis points")
        consumed = pm.end()
    else:
        c2, cname, clen = currency_after(after)
        if clen:
            if c2 or not currency:
                currency = c2 or currency
            unit = cname
            consumed = clen
        elif currency:
            unit = CURRENCY_NAMES.get(currency)
        if not unit:
            am = _ATTACHED_UNIT_RE.match(after)
            if am and n.kind == "digits":
                unit = am.group("u")
                consumed = am.end()
    end += consumed
    after = text[end:min(s_end, end + 120)]

    # Two currencies: "20 million Swiss francs (US$22 million)" is one figure.
    if currency or unit in CURRENCY_NAMES.values():
        conv = re.match(
            rf"\s*(?:\(\s*|,\s*|\s)(?:or|about|around|approximately|roughly|some|nearly|almost|worth|equivalent\s+to|"
            rf"the\s+equivalent\s+of)?\s*(?:{SIGN_ALT})\s?[\d.,]+\s*(?:million|billion|trillion|thousand|mn|mln|mil|bn|tn|m|b|k)?\b\s*(?:\)|,)?",
            after, re.I,
        ) or re.match(
            rf"\s*\(\s*(?:about|around|approximately|roughly|some|nearly|almost)?\s*[\d.,]+\s*(?:million|billion|trillion|thousand|mn|bn)?\s*(?:{ISO_CODES}|(?:[A-Z]\w+\s+)?(?:{CURRENCY_WORD_ALT}))\s*\)",
            after,
        )
        if conv:
            conv_end = end + conv.end()
            for j in range(idx + 1, min(idx + 4, len(numbers))):
                if numbers[j].start < conv_end:
                    skip.add(j)
            end = conv_end if conv.group(0).rstrip().endswith(")") else end + len(conv.group(0).rstrip(", "))
            after = text[end:min(s_end, end + 120)]

    qa = _QUAL_AFTER_RE.match(after)
    if qa and qualifier in (None,):
        kind = next(k for k, v in qa.groupdict().items() if v)
        qualifier = {"about2": "about"}.get(kind, kind)
        end += qa.end()
        after = text[end:min(s_end, end + 120)]

    # 6. unit from the words after
    unit_end = end
    if unit is None:
        unit, uend = _unit_phrase(after)
        if unit:
            unit_end = end + uend
    after_unit = text[unit_end:min(s_end, unit_end + 120)]

    # 7. predicate
    qa = _QUAL_AFTER_RE.match(after_unit)
    if qa and qualifier is None and n.kind != "vague":
        kind = next(k for k, v in qa.groupdict().items() if v)
        qualifier = {"about2": "about"}.get(kind, kind)  # "40 people or more"
        unit_end += qa.end()
        after_unit = text[unit_end:min(s_end, unit_end + 120)]
    is_money = bool(currency or unit in CURRENCY_NAMES.values())
    pred, pclass = _predicate(text[max(s_start, fig_start - 80):fig_start], after_unit, is_money)
    if unit is None and not currency:
        nm = _NUMBER_OF_RE.search(text[max(s_start, fig_start - 120):fig_start])
        if nm:
            unit = nm.group("noun")
        elif pclass == "killed" and _TOLL_RE.search(text[max(s_start, fig_start - 80):fig_start]):
            unit = "people"
        elif pclass in _PEOPLE_PREDS:
            unit = "people"
        else:
            om = _NOUN_OF_RE.search(text[max(s_start, fig_start - 40):fig_start])
            if om and om.group("noun").lower() not in _STOP and om.group("noun").lower() not in _NOT_UNITS:
                unit = om.group("noun")  # "a population of 120,000", "a crowd of 5,000"
    if unit and unit.lower() in _FLEEING_WORDS and pclass is None:
        pclass = "fled"
    # The counted word may itself say what happened ("35 dead", "left dozens dead").
    if unit and unit.lower() in ("dead", "deaths", "fatalities", "bodies", "martyrs"):
        pclass, pred = "killed", unit.lower()
    if unit and unit.lower() in ("injured", "wounded", "injuries"):
        pclass, pred = "injured", unit.lower()

    if qualifier is None:
        qualifier = "range" if n.kind == "vague" else "exact"
    if n.kind == "fraction":
        key = key_of(pclass, "fraction") if pclass else "fraction"
    else:
        key = key_of(pclass, unit, currency)
    if qualifier == "range" and low is None:
        low, high = value, value
    as_of = _as_of(dates, date_starts, s_start, s_end, text, article.published)
    fig_end = max(end, unit_end)
    return Figure(
        article_id=article.id,
        start=max(0, fig_start),
        end=fig_end,
        value=float(value),
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        qualifier=qualifier,
        unit=unit,
        predicate=pred,
        key=key,
        currency=currency,
        attributed_to=sents.attribution(n.start),
        as_of=as_of,
    )


def casualty_count(figures: Sequence[Figure]) -> float | None:
    """The number of people an article reports killed, chosen from its figures.

    The choice, in order:

    1. candidates are figures keyed ``killed:<unit>`` whose unit counts
       people or things that die (people, soldiers, children...), never money,
       percentages, fractions, durations or distances;
    2. a precise figure beats a vague one or a range ("dozens", "several",
       "between 40 and 50"), and a figure below 100,000 beats a larger one (a
       larger toll in a report of one event is nearly always the war's
       cumulative total);
    3. among equals, the first in the article: the lead carries the toll. A
       count reported as part of another ("three children were among the 19
       killed") has the predicate ``among``, not ``killed``, and is no candidate.

    Measured on FA-KES (``evals/eval_figures.py``), preferring ``people`` over
    soldiers or children, taking the largest toll, or preferring a stated
    "death toll" over the lead's count all did worse.

    Args:
        figures: The figures of one article, in text order.

    Returns:
        The count, or ``None`` when the article reports no one killed.

    Example:
        >>> figs = (Figure(article_id="a", start=0, end=7, value=12.0, low=12.0, high=99.0,
        ...                qualifier="range", key="killed:people"),
        ...         Figure(article_id="a", start=9, end=20, value=19.0, key="killed:people"))
        >>> casualty_count(figs)
        19.0
    """
    best: tuple | None = None
    best_value = None
    for i, f in enumerate(figures):
        if not f.key or not f.key.startswith("killed:") or f.value is None or f.currency or f.value < 1:
            continue
        if f.key.split(":", 1)[1] in _MEASURE_CLASSES | {"fraction", "money"}:
            continue
        vague = f.low is not None and f.high is not None and f.high > f.low
        rank = (vague, f.value >= 100_000, i)
        if best is None or rank < best:
            best, best_value = rank, f.value
    return None if best_value is None else float(best_value)
