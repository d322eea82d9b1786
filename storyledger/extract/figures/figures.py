"""Figures reported in news text: each quantity with its hedge, unit, predicate and source.

:func:`extract_figures` reads every quantity of an article ("at least 16
people were killed", "more than 40,000 refugees", "15 million Danish crowns
(US$2.2 million)", "dozens of soldiers", "two-thirds of residents") into
:class:`~storyledger.records.Figure` records. It works by rules over one scan of
the text (:func:`storyledger.text.numbers.find_numbers`) and short look-arounds
within each number's sentence, so it needs no model and runs at thousands of
sentences a second.

Title-case headlines ("Bomb Kills 16 People") are read lowercased, and "a
woman was killed" counts as a figure of 1 when a person noun meets a
casualty verb.

For each number, in order:

1. **Not a figure**: a date or part of one (spans from :mod:`storyledger.extract.dates`),
   a year (a bare 1800-2099 not followed by a counted noun), a clock time, an
   age ("aged 45", "45-year-old", "Smith, 45,"), an ordinal ("10th"), a phone
   number, a sports score ("won 3-1"), a label or model number ("Game 2",
   "Section 427", "iPhone 11", "5G", "COVID-19"), a fraction word used as an
   ordinal ("the third quarter"). Percentages *are* figures (unit ``percent``).
2. **Value**: digits, words, scales, fractions and vague words as described
   in :mod:`storyledger.text.numbers`; "X and a half" adds 0.5; a minus is read only
   as "minus", "−" or right after a currency sign ("$-50.8bn"), so a dash or a
   parenthesis never makes an amount negative.
3. **Range**: "between X and Y", "X to Y", "X-Y", "X or Y" (same unit) and
   "from X to Y" (unless a change verb precedes: "rose from 6 to 7") make one
   figure with ``low``/``high``; ``value`` is ``low``, the conservative end.
   A scale on the second end carries to the first ("$89 to $93 billion").
   "fell by 36,000 to 293,000" is no range but a change and a new value (see
   ``_figure_change``: "by", or a new value at least five times the change,
   and no percent after both numbers).
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
   after "or"/"about" ("15 million Danish crowns (US$2.2 million)") is one
   figure whose span covers both; the conversion is not reported again.
6. **Unit**: ``percent``, a currency, a unit written against the number
   ("256GB", "10km"), else the head noun of the words after the number,
   skipping adjectives, adverbs and names ("6 ethnic Tamil refugees" ->
   refugees, "10,000 internally displaced people" -> people) and a participle
   before its noun ("5,000 displaced Kurds" -> Kurds, whose ``displaced`` gives
   the predicate when the clause has none); a modifier is never the unit
   ("8,000 ethnic Tamil." has none); in a title-case or all-capitals headline
   the unit takes the case the article's body gives the word;
   a measure word keeps its complement ("tonnes of flour"); "the number of
   refugees ... reached 250,413" and "the death toll rose to 58" take the
   counted noun from before the number, as does "a population of 80,000";
   a bare number next to a casualty verb counts people ("killing 16").
7. **Predicate**: the verb of the clause, from a lexicon of classes (killed,
   injured, fled, missing, arrested, kidnapped, rescued, evacuated, released,
   delivered, pledged), looked for first as the verb the number is the object
   of ("killed at least 16 people"), then after the unit ("were killed",
   "have fled", "and three children were killed", "of the group ... were
   killed"), then before the number ("the death toll rose to"); money looks
   before first ("appealed for $5m"). Failing the lexicon, a participle next
   to the number ("reached"). A casualty participle right after the noun
   beats the verb before ("child killed 20 people injured"); a verb after the
   noun that has a count of its own is not borrowed ("two towns, killing at
   least 100 people"); a hyphenated compound is no verb ("rebel-held"); "the
   death toll ... to 61" reaches across a long clause. A count that is part
   of another ("three children were among the 19 dead", "including three
   children", "the dead included six women") gets the predicate ``among``,
   ``including``... and no predicate class.
8. **Key**: ``predicate class:unit class``, e.g. ``killed:people``. Unit
   classes merge the generic words for people (people, persons, civilians,
   residents, refugees, villagers...) into ``people``; other nouns are
   singularised ("soldiers" -> soldier), a capitalised plural is a group of
   people ("20,000 Chileans"); money is ``money``, percentages ``percent``,
   fractions ``fraction`` ("fled:fraction"). Durations and measures (days,
   km, tonnes...) never take a predicate class ("killed 75 km away"). A count
   of refugees or displaced people with no other verb is ``fled:people``;
   "35 dead" is ``killed:people``. Without a predicate the key is the unit
   class alone. The size of a change is keyed ``increased:<unit class>`` or
   ``decreased:<unit class>`` ("rose by 7", "fell 3%", "an increase of 5%"),
   a previous value ``previous:<unit class>`` ("rose from 21 to 63": 21); the
   new value after "to" keeps its ordinary key, so it is the current figure.
9. **Attribution**: "according to X", "X said/says/told/reported/estimated",
   "X, <role>, said" and "said X" in the same sentence; X is the name or noun
   phrase as written (pronouns are left to the quote stage: ``None``).
10. **As of**: the first dated expression of the sentence (a day, else a
    month, else an "in <year>"), else the article's publication date, else
    ``None``.

:func:`casualty_count` picks an article's number killed from its figures.

The steps live in private modules: word lists in ``_figure_lexicon``, step 1
in ``_figure_filters``, steps 6-7 in ``_figure_clause``, changes (3, 8) in
``_figure_change``, step 9 in ``_figure_attribution``; this module runs the cascade.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from .attribution import figure_attribution
from .change import change_role, is_change_then_value, previous_word
from .clause import figure_predicate, unit_phrase
from .filters import ATTACHED_UNIT_RE, PERCENT_RE, PHONE_RE, SCORE_RE, is_year, not_a_figure
from .lexicon import FLEEING_WORDS, PEOPLE_PREDS, PEOPLE_WORDS, PRED_OF, STOP, qual_before, singular
from ...text import (
    CURRENCY_NAMES,
    CURRENCY_WORD_ALT,
    ISO_CODES,
    SIGN_ALT,
    NumberMatch,
    currency_after,
    currency_before,
    find_numbers,
)
from ..dates import parse_published, resolve_dates
from ...records import Article, Figure, Sentence

__all__ = [
    "casualty_count",
    "extract_figures",
    "key_of",
]

# --- patterns -------------------------------------------------------------------------

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
_BETWEEN_RE = re.compile(r"\bbetween\s*$", re.I)
_FROM_RE = re.compile(r"\bfrom\s*$", re.I)
_AND_HALF_RE = re.compile(r"^\s+and\s+a\s+half\b", re.I)
_NUMBER_OF_RE = re.compile(
    r"\b(?:number|total|tally|count|toll|influx|flow|figure)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?P<noun>[a-z][\w-]*s)\b[^.;]{0,80}$",
    re.I,
)
_TOLL_RE = re.compile(r"\b(?P<w>death\s+toll|toll|number\s+of\s+(?:the\s+)?dead|number\s+of\s+deaths|fatalities|dead)\b[^.;]{0,60}$", re.I)


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
        # A capitalised plural after a number is a group of people ("20,000 Chileans").
        people = last.lower() in PEOPLE_WORDS or (last[:1].isupper() and last.endswith("s") and not last.isupper())
        uclass = "people" if people else singular(last)
        if " of " in unit:
            uclass = f"{singular(last)} of {unit.split(' of ', 1)[1].lower()}"
    if uclass in _MEASURE_CLASSES:
        predicate_class = None  # "killed ... 75 km away": the verb is not about the kilometres
    if uclass is None and predicate_class is None:
        return None
    if predicate_class is None:
        return uclass
    return f"{predicate_class}:{uclass or 'people'}"


# --- the extractor ----------------------------------------------------------------------


class _Sentences:
    """Sentence lookup by offset, with per-sentence caches."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        if sentences:
            spans = [(s.start, s.end) for s in sentences]
        else:
            try:
                from ...text import split_sentences

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
            self._attr[i] = figure_attribution(self.text[s:e])
        return self._attr[i]


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
        sentences: Its sentences from :func:`storyledger.text.segment.segment_article`;
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
    phones = [m.span() for m in PHONE_RE.finditer(text)]
    numbers = find_numbers(text)
    ones = [NumberMatch(m.start(), m.start() + len(m.group(1)), 1.0, None, None, "words")
            for m in _ONE_VICTIM_RE.finditer(text)]
    if ones:
        numbers = sorted(numbers + ones, key=lambda x: x.start)
    figures: list[Figure] = []
    consumed_until = -1
    skip: set[int] = set()
    notes: dict[int, str] = {}  # units handed on from a change to its new value
    for idx, n in enumerate(numbers):
        if idx in skip or n.start < consumed_until:
            continue
        try:
            fig = _figure(article, text, n, idx, numbers, sents, dates, date_starts, date_ends, phones, skip,
                          original, notes)
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
_CAPS_WORD_RE = re.compile(r"\b[A-Z]{4,}\b")


def _untitle(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with its title-case and all-capitals sentences lowercased (length kept)."""
    parts: list[str] = []
    last = 0
    for s, e in spans:
        words = _TITLE_WORD_RE.findall(text, s, e)[1:]
        if (len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)) \
                or (not words and len(_CAPS_WORD_RE.findall(text, s, e)) >= 4):
            low = text[s:e].lower()
            if len(low) == e - s:
                parts.append(text[last:s])
                parts.append(low)
                last = e
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


_PART_OF_RE = re.compile(
    r"\b(including|included|includes|among\s+them|among\s+whom|of\s+whom|of\s+them)\s+(?:(?:at\s+least|some|about|nearly|more\s+than"
    r"|around|over|almost|up\s+to)\s+)*$",
    re.I,
)
_TOLL_TO_RE = re.compile(r"\bdeath\s+toll\b(?:[^.;]|\.(?=\d)){0,140}?\b(?:to|at)\s+$", re.I)
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
    original: str,
    notes: dict[int, str],
) -> Figure | None:
    """The figure number ``n`` reports, or None when it is not one (steps of the module doc)."""
    s_start, s_end = sents.bounds(n.start)
    if _in_spans(date_starts, date_ends, n.start, n.end):
        # A date expression may contain a count ("two days ago" is a date, but
        # "in 2,000 homes" is not one): the date spans already exclude counts.
        return None
    if any(ps <= n.start and n.end <= pe for ps, pe in phones):
        return None
    if is_year(n, text):
        return None
    if not_a_figure(n, text, s_start):
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
    if (before[-1:] in ("-", "−") or before[-1:].isspace()) and re.search(r"(?:\bminus[\s-]+|−)$", before, re.I):
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
                if ok and not between and not from_:
                    # "fell by 36,000 to 293,000": a change, then the new value.
                    pct = bool(PERCENT_RE.match(text[nxt.end:nxt.end + 30]))
                    ok = not is_change_then_value(q_before, value, nxt.value, pct)
                ok = ok and not (n.kind == "digits" and n.value == int(n.value) and 1800 <= n.value <= 2099 and 1800 <= nxt.value <= 2099)
            elif joiner in ("-", "–", "—"):
                ok = not SCORE_RE.search(before[-30:]) and nxt.value > n.value
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
    kind, qpos = qual_before(q_before)
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
    pm = PERCENT_RE.match(after)
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
            am = ATTACHED_UNIT_RE.match(after)
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
    modifier = None
    if unit is None:
        unit, uend, modifier = unit_phrase(after)
        if unit:
            unit_end = end + uend
    if unit is None and idx in notes:
        unit = notes[idx]  # "rose 64.06 points to 4,577.10": the new value's unit is the change's
    after_unit = text[unit_end:min(s_end, unit_end + 120)]

    # 7. predicate
    qa = _QUAL_AFTER_RE.match(after_unit)
    if qa and qualifier is None and n.kind != "vague":
        kind = next(k for k, v in qa.groupdict().items() if v)
        qualifier = {"about2": "about"}.get(kind, kind)  # "40 people or more"
        unit_end += qa.end()
        after_unit = text[unit_end:min(s_end, unit_end + 120)]
    is_money = bool(currency or unit in CURRENCY_NAMES.values())
    pred, pclass = figure_predicate(text[max(s_start, fig_start - 80):fig_start], after_unit, is_money)
    window = text[max(s_start, fig_start - 40):fig_start].lower()
    part = _PART_OF_RE.search(window) if ("includ" in window or " of " in window or "among" in window) else None
    if part:
        # "killing civilians, including three children": a part of another count.
        pred, pclass = " ".join(part.group(1).lower().split()), None
    elif pclass is None and not is_money and "toll" in text[max(s_start, fig_start - 160):fig_start] \
            and _TOLL_TO_RE.search(text, max(s_start, fig_start - 160), fig_start):
        pred, pclass = "death toll", "killed"  # "raised the death toll from ... to 61"
    if unit is None and not currency:
        nm = _NUMBER_OF_RE.search(text[max(s_start, fig_start - 120):fig_start])
        if nm:
            unit = nm.group("noun")
        elif pclass == "killed" and _TOLL_RE.search(text[max(s_start, fig_start - 80):fig_start]):
            unit = "people"
        elif pclass in PEOPLE_PREDS:
            unit = "people"
        else:
            om = _NOUN_OF_RE.search(text[max(s_start, fig_start - 40):fig_start])
            if om and om.group("noun").lower() not in STOP and om.group("noun").lower() not in _NOT_UNITS:
                unit = om.group("noun")  # "a population of 80,000", "a crowd of 5,000"
    if unit and unit.lower() in FLEEING_WORDS and pclass is None:
        pclass = "fled"
    if modifier and pclass is None:
        pred, pclass = modifier, PRED_OF[modifier]  # "5,000 displaced Kurds"
        if pclass not in PEOPLE_PREDS:
            pclass = None
    # The counted word may itself say what happened ("35 dead", "left dozens dead").
    if unit and unit.lower() in ("dead", "deaths", "fatalities", "bodies", "martyrs"):
        pclass, pred = "killed", unit.lower()
    if unit and unit.lower() in ("injured", "wounded", "injuries"):
        pclass, pred = "injured", unit.lower()

    if unit and original is not text and text[s_start:s_end] != original[s_start:s_end]:
        unit = _body_case(original, text, unit)  # a title-case headline: "Kurds", "soldiers"

    if qualifier is None:
        qualifier = "range" if n.kind == "vague" else "exact"
    if n.kind == "fraction":
        key = key_of(pclass, "fraction") if pclass else "fraction"
    else:
        key = key_of(pclass, unit, currency)

    # 8b. a change and its values ("fell by 36,000 to 293,000", "rose from 40 to 58")
    clause_before = text[max(s_start, n.start - sign_len - 90):n.start - sign_len]
    change = change_role(clause_before, after_unit, unit)
    if change is not None:
        pred = change[1]
        nxt_to = re.match(r"\s*,?\s*to\b", after_unit)
        if unit is None and not currency and nxt is not None and nxt_to and nxt.start < s_end:
            unit = unit_phrase(text[nxt.end:min(s_end, nxt.end + 120)])[0]  # "fell by 36,000 to 293,000 people"
        uclass = _unit_class_of(unit, currency, n.kind, pclass)
        key = f"{change[0]}:{uclass}" if uclass else change[0]
        if unit and nxt is not None and nxt_to and unit not in _PERCENT_UNITS and not currency:
            notes[idx + 1] = unit
    elif qualifier != "range":
        prev = previous_word(clause_before, after_unit)
        if prev is not None:
            uclass = _unit_class_of(unit, currency, n.kind, pclass)
            pred = f"{prev} from"
            key = f"previous:{uclass}" if uclass else "previous"
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


_PERCENT_UNITS = frozenset(("percent", "percentage points", "basis points"))


def _unit_class_of(unit: str | None, currency: str | None, kind: str, pclass: str | None) -> str | None:
    """The unit class of a key ("people", "percent", "money", "point"), for changes and previous values."""
    if kind == "fraction":
        return "fraction"
    key = key_of(None, unit, currency)
    if key is None and pclass in PEOPLE_PREDS:
        return "people"
    return key


def _body_case(original: str, lowered: str, unit: str) -> str:
    """``unit`` as the article writes it outside title-case sentences ("kurds" -> "Kurds")."""
    head = unit.split()[-1] if " of " not in unit else unit.split()[0]
    for m in re.finditer(rf"(?<![\w-]){re.escape(head)}(?![\w-])", original, re.I):
        s, e = m.span()
        if lowered[s:e] != original[s:e]:
            continue  # inside a sentence that was lowercased
        if original[s].isupper() and not re.search(r"(?:^|[.!?\n]\s*|[\"“‘(]\s*)$", original[max(0, s - 3):s]):
            return unit.replace(head, original[s:e], 1)
        if original[s].islower():
            return unit
    return unit


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
