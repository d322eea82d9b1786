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
casualty verb. Counts named without a number ("a man was fatally shot", "a
woman and her child were found dead", "both men died", "a deadly shooting")
come from the noun-phrase and verb-frame grammar of
:mod:`storyledger.extract.figures.implied`, where no written number stands.
Lists of people harmed ("two men and a woman were arrested", "Jane Roe and
Mary Poe, both 34, were killed", "killing his wife and two children") are
summed by :mod:`storyledger.extract.figures.coordination`: the sum is a figure
(``arrested:people`` 3) before its parts, which keep their own keys. Counted groups
under one harm ("27 soldiers and 44 rebels were killed", "killing two and executing
26 others") are summed the same way, and the members of a list of parts ("among the
dead were four medics and five children") are parts, by
:mod:`storyledger.extract.figures.parts`. A count that completes a toll phrase ("the
number of dead has reached 41", "the death toll at nine and the number of injured at
38") takes that phrase's harm (:mod:`storyledger.extract.figures.tollframe`), and a
subgroup in apposition ("27 civilians - including four children - died") does not hide
the count's verb (:mod:`storyledger.extract.figures.apposition`). The dead of a
murder-suicide, victims and killer ("killed his brother and two nephews, then himself":
4), are summed by :mod:`storyledger.extract.figures.reflexive`, which also counts the killer alone ("then
turned the gun on himself": 1) and the killer killed by others ("killing two before he was shot dead by
police": 3); deaths counted by an
ordinal ("a third person has died": 3) or as one of a group ("one of the victims was
pronounced dead") come from :mod:`storyledger.extract.figures.ordinal`, and a name as the
object of a killing ("shot and killed Jane Roe") is one killed
(:mod:`storyledger.extract.figures.named`).

For each number, in order:

1. **Not a figure**: a date or part of one (spans from :mod:`storyledger.extract.dates`), a year (a bare
   1800-2099 not followed by a counted noun), a clock time, an age ("aged 45", "45-year-old", "Smith, 45,",
   "one man, 20,", "the victim ... was 25.", a list of ages in apposition: "two teens, 16 and 17,"), an
   ordinal ("10th"), a phone number, a street address ("the 9200 block of", "1500 North Main Street"), a
   sports score ("won 3-1"), a tally of two sides "N-M" with N at least M ("a 6-3 majority", "voted
   50-49", "won 105-92": no range, no count of the noun after it), a pair with a slash ("24/7"), one
   of a chain of three numbers ("9-26-16"), a label or model number ("Game 2", "Section 427", "iPhone
   11", "S&P 500 futures", "5G", "COVID-19"), a year span's end ("2019-20"), a number word closing a
   name ("the Xbox One sold", not "Lowmere Two soldiers died"), a fraction word as an ordinal ("the third
   quarter"; "fell by a third" is a share). Percentages *are* figures (unit ``percent``), as are units
   against digits by the SI grammar ("4,500mAh", "100Mbps") or transliterated ("104degF").
2. **Value**: digits, words, scales, fractions and vague words as described
   in :mod:`storyledger.text.numbers`; "X and a half" adds 0.5; a minus is read only
   as "minus" ("minus-130"), "−" or right after a currency sign ("$-50.8bn"), so a dash or a
   parenthesis never makes an amount negative.
3. **Range**: "between X and Y", "X to Y", "X-Y", "X or Y" (same unit) and
   "from X to Y" (unless a change verb precedes: "rose from 6 to 7") make one
   figure with ``low``/``high``; ``value`` is ``low``, the conservative end.
   After "from"/"between" both ends may carry the unit, and "up to" may join
   them ("from 5 miles to 7 miles", "from 450 sq ft up to 900 sq ft").
   A scale on the second end carries to the first ("$89 to $93 billion").
   "fell by 36,000 to 293,000" is no range but a change and a new value (see
   ``change``: "by", or a new value at least five times the change,
   and no percent after both numbers).
4. **Qualifier** from the words just before (or after) the number:
   ``about`` (about, approximately, around, roughly, nearly, almost, close to,
   some, an estimated, circa, "or so", "-odd"), ``at_least`` (at least, no fewer
   than, not less than, a minimum of, "or more"), ``more_than`` (more than,
   over, upwards of, in excess of, above, exceeding, "-plus"), ``at_most`` (at
   most, up to, no more than, as many as, a maximum of, "or fewer"),
   ``less_than`` (fewer than, less than, under, below), ``range`` (3.), else
   ``exact``. Vague words ("dozens") are ``range`` unless hedged otherwise; a range under an
   approximation ("about 8 or 9", "an estimated $30bn-$40bn") is ``about``, its ends kept in
   ``low``/``high`` (either way it has a spread: :func:`~storyledger.records.has_spread`).
5. **Money**: a currency sign or code before, or a currency word after ("Swiss francs", "Danish crowns",
   "dollars"), gives ``currency`` (ISO code where the words say which one; a bare ``$`` is USD) and
   ``unit`` (the currency's name); "PS" glued to an amount is the pound sign as transliterated copy
   writes it ("PS8.1bn"), and letters glued to an amount with a scale word, or a known sign, are a
   currency by their form ("Dh5.2 billion", "Tk50"; :func:`~storyledger.text.numbers.letter_sign_before`).
   An amount followed by its conversion in parentheses or after "or"/"about" ("15 million Danish
   crowns (US$2.2 million)") is a figure whose span covers both, and the conversion is a figure of its
   own (its currency and value, the amount's predicate and key) with the amount's bound
   (:mod:`~storyledger.extract.figures.conversion`).
6. **Unit**: ``percent``, a currency, a unit written against the number ("256GB", "10km", "12.5c"
   cents), a multiplier ("3x", "threefold": ``times``, as "3 times"), else the head noun of the words
   after the number, skipping adjectives, adverbs and names ("6 ethnic Tamil refugees" -> refugees,
   "10,000 internally displaced people" -> people) and a participle before its noun ("5,000 displaced
   Kurds" -> Kurds, whose ``displaced`` gives the predicate when the clause has none); a modifier is
   never the unit ("8,000 ethnic Tamil." has none); in a title-case or all-capitals headline the unit
   takes the case the article's body gives the word;
   a measure word keeps its complement ("tonnes of flour"); "the number of
   refugees ... reached 250,413" and "the death toll rose to 58" take the
   counted noun from before the number, as does "a population of 80,000";
   a bare number next to a casualty verb counts people ("killing 16").
7. **Predicate**: the verb of the clause, from a lexicon of classes (killed,
   injured, fled, missing, arrested, kidnapped, rescued, evacuated, released,
   delivered, pledged), looked for first as the verb the number is the object
   of ("killed at least 16 people"), then after the unit ("were killed",
   "have fled", "and three children were killed", "of the group ... were
   killed"; a harm word after a determiner there is a noun, no verb: "the three
   suspects in the killing were arrested"; ages in apposition are skipped: "two
   teens, 16 and 17, were killed"), then before the number ("the death toll rose
   to"); a number right before another count ("0 58 at least 36 people were
   killed") borrows no verb; money looks
   before first ("appealed for $5m"). Failing the lexicon, a participle next
   to the number ("reached"). A casualty participle right after the noun
   beats the verb before ("child killed 20 people injured"); a verb after the
   noun that has a count of its own is not borrowed ("two towns, killing at
   least 100 people"), unless that count has its own participle ("eight
   civilians killed 14 injured"); a hyphenated compound is no verb ("rebel-held"); "the
   death toll ... to 61" reaches across a long clause. A count that is part
   of another ("three children were among the 19 dead", "including three
   children", "the dead included six women") gets the predicate ``among``,
   ``including``... and no predicate class. A part of a whole the harm is said
   of ("one of the two people who died", "one of 3 people killed") counts the
   whole; "two of the five men were killed" keeps its part. The count's own frame
   has the last word: the object of a verb of having or of kinship ("who had two
   grown children", "a father of three") takes no harm, a count in a medical
   condition ("two critical", "two remain in serious condition") is ``hospitalized``,
   never killed; a verb with a particle is another verb ("held up" is not detained). A count of
   the shot or injured whose own clause goes on to tell their death ("the two were shot ...
   and died", "three teens who were shot ... have died") is of the killed
   (:mod:`~storyledger.extract.figures.outcome`).
8. **Key**: ``predicate class:unit class``, e.g. ``killed:people``. Unit
   classes merge the generic words for people (people, persons, civilians,
   residents, refugees, villagers...) into ``people``; other nouns are
   singularised ("soldiers" -> soldier), a capitalised plural is a group of
   people ("20,000 Chileans"); a noun that names a role is the role
   (:data:`~storyledger.extract.figures.lexicon.ROLES`: gunmen, attackers ->
   ``suspect``; officers, deputies -> ``police``; troops -> ``soldier``; boys,
   girls -> ``child``), so "the gunman was also killed" is ``killed:suspect``,
   apart from the victims' ``killed:people``; money is ``money``, percentages ``percent``,
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

The steps live in sibling modules: word lists in ``lexicon``, step 1 in
``filters``, steps 2-7 in ``steps`` (the unit and predicate rules of 6-7 in
``clause``), changes (3, 8) in ``change``, step 9 in ``attribution``. This
module reads each article once into a context, runs the steps on each of its
numbers in turn (``_read_figure``) and keys the figure (step 8).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from .attribution import figure_attribution
from .change import change_role, previous_word
from .clause import unit_phrase
from .conversion import bound_of_conversion, bounded_conversions, pound_signs
from .coordination import coordinated_counts
from .factuality import without_unasserted
from .filters import PHONE_RE, call_number_spans, is_year, not_a_figure
from .implied import FATAL_EVENT, implied_counts
from .named import named_victims
from .ordinal import ordinal_deaths
from .outcome import later_outcome
from .reflexive import reflexive_counts, self_deaths
from .parts import group_sums, mark_part_lists, others_sums
from .whose import other_event_cues
from .lexicon import PEOPLE_PREDS, PEOPLE_WORDS, not_a_noun, role_of, singular
from .steps import (
    NumberAt,
    Span,
    drop_letter_scale,
    fold_numbers,
    hedge_after,
    hedge_before,
    in_spans,
    read_money,
    read_predicate,
    read_range,
    read_unit,
    read_value,
    reframe_predicate,
    settle_predicate,
    take_conversion,
    unit_before,
)
from ...text import CURRENCY_NAMES, NumberMatch, find_numbers, split_sentences
from ..dates import parse_published, resolve_dates
from ...records import Article, Figure, Sentence, has_spread

__all__ = [
    "casualty_count",
    "extract_figures",
    "key_of",
]


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
        people = last.lower() in PEOPLE_WORDS or (last[:1].isupper() and last.endswith("s") and not last.isupper()) \
            or bool(_AGE_NOUN_RE.fullmatch(last))  # "two 17-year-olds"
        uclass = "people" if people else role_of(singular(last)) or role_of(last) or singular(last)
        if " of " in unit:
            uclass = f"{singular(last)} of {unit.split(' of ', 1)[1].lower()}"
    if uclass in _MEASURE_CLASSES:
        predicate_class = None  # "killed ... 75 km away": the verb is not about the kilometres
    elif predicate_class in PEOPLE_PREDS and uclass and not_a_noun(unit):
        uclass = None  # "two remain hospitalised", "one was critically injured": people, no unit read
    if uclass is None and predicate_class is None:
        return None
    if predicate_class is None:
        return uclass
    return f"{predicate_class}:{uclass or 'people'}"


# An age used as a plural noun: "17-year-olds".
_AGE_NOUN_RE = re.compile(r"\d{1,3}-(?:year|month|week|day)s?-olds", re.I)
# --- the extractor ----------------------------------------------------------------------


class _Sentences:
    """Sentence lookup by offset, with per-sentence caches."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        spans = [(s.start, s.end) for s in sentences] if sentences else split_sentences(text)
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


@dataclass(frozen=True, slots=True)
class _ArticleContext:
    """One article as each of its numbers is read: built once per article."""

    article: Article
    original: str  # the article's text
    text: str  # what the rules read: title-case headlines lowercased, links blanked (same length)
    sents: _Sentences
    numbers: list[NumberMatch]
    dates: list[tuple[int, int, str | None]]
    date_starts: list[int]
    date_ends: list[int]
    phones: list[tuple[int, int]]


class _Counted(NamedTuple):
    """What a figure counts: unit, currency, predicate and predicate class."""

    unit: str | None
    currency: str | None
    predicate: str | None
    pclass: str | None


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
    if not (article.text or "").strip():
        return ()
    ctx = _article_context(article, sentences)
    figures: list[Figure] = []
    consumed_until = -1
    skip: set[int] = set()  # numbers taken into an earlier figure (a range's end, a conversion)
    notes: dict[int, str] = {}  # units handed on from a change to its new value
    for idx, n in enumerate(ctx.numbers):
        if idx in skip or n.start < consumed_until:
            continue
        fig, taken, handed_on, converted = _read_figure(ctx, idx, notes.get(idx))
        if fig is not None and idx + 1 < len(ctx.numbers):
            fig = _partitive(ctx, idx, fig)
        skip.update(taken)
        if handed_on is not None:
            notes[idx + 1] = handed_on
        if fig is not None:
            figures.append(fig)
            consumed_until = fig.end
            if converted and fig.currency:
                conv, conv_taken = _conversion(ctx, fig, converted[0])
                skip.update(conv_taken)
                if conv is not None:
                    figures.append(conv)
    return _with_implied(ctx, bounded_conversions(ctx.text, figures))


def _conversion(ctx: _ArticleContext, fig: Figure, idx: int) -> tuple[Figure | None, tuple[int, ...]]:
    """The conversion an amount's figure took in ("15 million Danish crowns (US$2.2 million)": US$2.2 million),
    as a figure of its own with the amount's predicate and key, and the numbers it took in.

    The amount's figure still spans it, so a conversion is never read as a figure alone.
    """
    conv, taken, _, _ = _read_figure(ctx, idx, None)
    if conv is None or conv.start < fig.start or conv.end > fig.end or not conv.currency:
        return None, taken
    return replace(conv, predicate=fig.predicate, key=fig.key, qualifier=bound_of_conversion(fig, conv)), taken


_PART_OF_RE = re.compile(r"\s+of\s+(?:the\s+|those\s+|these\s+)?$", re.I)


def _partitive(ctx: _ArticleContext, idx: int, fig: Figure) -> Figure:
    """A count that is part of a whole the harm is said of ("one of the two people who died"): the whole.

    Only where a relative clause or a participle says the harm of the whole ("who died",
    "3 people killed"); "two of the five men were killed" keeps its part. When the whole
    is inside the figure's span, the figure counts the whole; when it is a figure of its
    own, the part keeps no predicate class.
    """
    n, nxt = ctx.numbers[idx], ctx.numbers[idx + 1]
    if nxt.start <= n.end or not _PART_OF_RE.fullmatch(ctx.text, n.end, nxt.start) or nxt.value is None:
        return fig
    if nxt.start < fig.end:
        if not _OF_WHOLE_RE.match(ctx.text, fig.end):
            return fig
        return replace(fig, start=nxt.start, value=float(nxt.value), low=None, high=None)
    whole_end = _unit_end(ctx.text, nxt.end)
    if not _OF_WHOLE_RE.match(ctx.text, whole_end):
        return fig
    return replace(fig, predicate="one of", key=key_of(None, fig.unit, fig.currency))


_OF_WHOLE_RE = re.compile(r"\s*,?\s*(?:who|that)\b|\s+(?!(?:was|were|is|are|has|have|had|died)\b)(?:[a-z]+ed|dead|shot|slain|hurt)\b")


def _unit_end(text: str, end: int) -> int:
    """The end of the counted noun after a number ("3 people| killed")."""
    m = re.match(r"\s+[a-z][\w-]*", text[end:end + 40])
    return end + m.end() if m else end


# The one harmed goes on to die in the same clause: "shot himself in the head and died", "was shot and later died".
_AND_DIED_RE = re.compile(r"(?:\s+(?:in|on|at|near|inside|outside)\s+(?:the|his|her|a|an)\s+[\w-]+)*,?\s+and\s+"
                          r"(?:(?:later|then|eventually|subsequently)\s+)?died\b", re.I)
_HARMED_KEY = re.compile(r"(?:killed|injured|shot|previous|increased|decreased):")


def _with_implied(ctx: _ArticleContext, figures: list[Figure]) -> tuple[Figure, ...]:
    """The figures with the counts the text implies ("a man was fatally shot", "a third person died", "killed Jane
    Roe"), where no number stands."""
    low = ctx.text.lower()
    text = low if len(low) == len(ctx.text) else ctx.text
    figures = _with_lists(ctx, text, figures)
    taken = [(f.start, f.end) for f in figures]
    extra = []
    implied = ordinal_deaths(text, ctx.text) + implied_counts(text, ctx.text) + named_victims(ctx.original)
    for start, end, count, harm, noun, qualifier in implied:
        if harm in ("shot", "injured") and _AND_DIED_RE.match(text, end):
            harm = "killed"  # "he accidentally shot himself in the head and died"
        hit = next((i for i, (s, e) in enumerate(taken) if s < end and start < e), None)
        if hit is not None:
            if hit < len(figures) and figures[hit].value == count and not _HARMED_KEY.match(figures[hit].key or ""):
                # "one person, a 19-year-old man, was pronounced dead": the frame gives the number its harm
                f = figures[hit]
                figures[hit] = replace(f, predicate=harm, key=key_of(harm, f.unit, f.currency))
            continue
        taken.append((start, end))
        extra.append(Figure(article_id=ctx.article.id, start=start, end=end, value=float(count), unit=noun,
                            qualifier=qualifier, predicate=harm, key=key_of(harm, noun),
                            as_of=(ctx.article.published or "")[:10] or None))
    out = sorted(figures + extra, key=lambda f: f.start) if extra else figures
    out = group_sums(text, others_sums(text, mark_part_lists(text, out)))  # "among the dead were ...", "... and executing 17 others"
    return tuple(_mark_other_events(ctx, text, without_unasserted(text, out)))  # "if the man had died"


def _with_lists(ctx: _ArticleContext, low: str, figures: list[Figure]) -> list[Figure]:
    """The figures with the sums of lists of people harmed ("two men and a woman were arrested": 3) and of the
    dead of murder-suicides ("killed his son and then himself": 2).

    The counts inside a list keep their own keys ("two soldiers and three children were
    killed": ``killed:soldier`` 2 and ``killed:child`` 3); the sum (``killed:people`` 5)
    comes first among the figures that start where it does.
    """
    sums = reflexive_counts(low, ctx.text)
    lists = [c for c in coordinated_counts(low, ctx.text) + sums + self_deaths(low, sums)
             if not any(c[0] <= f.start and f.end <= c[1] and f.value == c[2] for f in figures)]  # "left 16 dead"
    if not lists:
        return list(figures)
    sums = [Figure(article_id=ctx.article.id, start=start, end=end, value=float(count), unit=noun, predicate=harm,
                   key=key_of(harm, noun), attributed_to=ctx.sents.attribution(start),
                   as_of=_as_of(ctx, *ctx.sents.bounds(start))) for start, end, count, harm, noun in lists]
    return sorted(sums + list(figures), key=lambda f: f.start)


def _mark_other_events(ctx: _ArticleContext, low: str, figures: list[Figure]) -> list[Figure]:
    """The figures, those of another event than the story's (by their sentence) marked ``event="other"``.

    ``low`` is the article's text lowercased (same length), as the cues are read.
    """
    cues = other_event_cues(low, ctx.article.published) if figures else []
    if not cues:
        return figures
    out = []
    for f in figures:
        s, e = ctx.sents.bounds(f.start)
        k = bisect_left(cues, s)
        out.append(replace(f, event="other") if k < len(cues) and cues[k] < e else f)
    return out


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


def _article_context(article: Article, sentences: Sequence[Sentence]) -> _ArticleContext:
    """The sentences, read text, dates, phone numbers and numbers of an article with text."""
    original = article.text or ""
    sents = _Sentences(original, sentences)
    # Headlines in title case ("Bomb Kills 16 People") are read lowercased: the
    # unit and label rules rely on case. Same length, so offsets hold.
    text = _untitle(original, sents.spans)
    if "/" in text or "@" in text:
        # Numbers in links and addresses are not figures: blank them (same length).
        text = _URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    text = pound_signs(text)  # "PS8.1bn": the pound sign as transliterated copy writes it
    dates = resolve_dates(original, article.published)
    numbers = find_numbers(text)
    # "a woman was killed": a figure of 1.
    ones = [NumberMatch(m.start(), m.start() + len(m.group(1)), 1.0, None, None, "words")
            for m in _ONE_VICTIM_RE.finditer(text)] + fold_numbers(text)  # and "threefold": 3
    if ones:
        numbers = sorted(numbers + ones, key=lambda x: x.start)
    return _ArticleContext(
        article=article,
        original=original,
        text=text,
        sents=sents,
        numbers=numbers,
        dates=dates,
        date_starts=[d[0] for d in dates],
        date_ends=[d[1] for d in dates],
        phones=sorted([m.span() for m in PHONE_RE.finditer(text)] + call_number_spans(text)),
    )


# Words a title-case headline leaves in lower case: prepositions and conjunctions.
_TITLE_CASE_LOWER = frozenset("with from into onto over than that upon amid near after before about".split())


def _untitle(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with its title-case and all-capitals sentences lowercased (length kept).

    A sentence is in title case when most of its longer words are capitalised and at most one
    other than a preposition or conjunction is not: a sentence full of names keeps its verbs in
    lower case ("Hassan Roe, of Lowmere, was pronounced dead at Lowmere Regional Medical Center")
    and its names, read as names, as written.
    """
    parts: list[str] = []
    last = 0
    for s, e in spans:
        words = _TITLE_WORD_RE.findall(text, s, e)[1:]
        if (len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
                and sum(w[0].islower() and w not in _TITLE_CASE_LOWER for w in words) <= 1) \
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


def _read_figure(ctx: _ArticleContext, idx: int, note: str | None) -> tuple[Figure | None, tuple[int, ...], str | None,
                                                                          tuple[int, ...]]:
    """The figure number ``idx`` reports, the later numbers it takes in, the unit it hands on to the next, and
    the numbers of the conversion it takes in ("(US$2.2 million)"), a part of those it takes in.

    The steps of the module doc, in order; ``note`` is the unit a change just
    before handed on. A number that cannot be read gives no figure, but what it
    took in and handed on before the fault stands.
    """
    taken: tuple[int, ...] = ()
    converted: tuple[int, ...] = ()
    handed_on = None
    try:
        text, n = ctx.text, ctx.numbers[idx]
        s_start, s_end = ctx.sents.bounds(n.start)
        if _is_not_a_figure(ctx, n, s_start):  # 1.
            return None, (), None, ()
        at = NumberAt(idx, drop_letter_scale(text, n, s_start), s_start, s_end)
        span, code, sign_len = read_value(text, at)  # 2.
        span, taken = read_range(text, ctx.numbers, at, span, ctx.date_starts, ctx.date_ends)  # 3.
        span = hedge_before(text, at, span)  # 4.
        unit, currency, end = read_money(text, at, code, span.end)  # 5.
        if currency or unit in CURRENCY_NAMES.values():
            # Two currencies: "20 million Swiss francs (US$22 million)" is one figure.
            end, converted = take_conversion(text, ctx.numbers, at, end)
            taken += converted
        qualifier, end, after = hedge_after(text, at, span.qualifier, end)
        unit_end, modifier = end, None
        if unit is None:  # 6.
            unit, unit_end, modifier = read_unit(after, end, note)
        # "40 people or more"
        qualifier, unit_end, after_unit = hedge_after(text, at, qualifier, unit_end, at.n.kind != "vague")
        is_money = bool(currency or unit in CURRENCY_NAMES.values())
        pred, pclass = read_predicate(text, at, span.start, after_unit, is_money, unit)  # 7.
        if unit is None and not currency:
            unit = unit_before(text, at, span.start, pclass)
        pred, pclass = settle_predicate(unit, modifier, pred, pclass)
        unit, pred, pclass = reframe_predicate(text[s_start:span.start], after_unit, unit, pred, pclass)
        pred, pclass = later_outcome(after_unit, pred, pclass)  # "were shot ... and died"
        if pred == "fatally":
            unit = None  # "six people were shot, one fatally": one person killed
        if unit and ctx.original is not text and text[s_start:s_end] != ctx.original[s_start:s_end]:
            unit = _body_case(ctx.original, text, unit)  # a title-case headline: "Kurds", "soldiers"
        if qualifier is None:
            qualifier = "range" if at.n.kind == "vague" else "exact"
        counted = _Counted(unit, currency, pred, pclass)
        counted, key, handed_on = _read_key(ctx, at, sign_len, after_unit, qualifier, counted)  # 8.
        span = span._replace(qualifier=qualifier, end=max(end, unit_end))
        return _make_figure(ctx, at, span, counted, key), taken, handed_on, converted  # 9., 10.
    except (ValueError, IndexError, KeyError, OverflowError):
        return None, taken, handed_on, converted


def _is_not_a_figure(ctx: _ArticleContext, n: NumberMatch, s_start: int) -> bool:
    """Step 1: whether the number is part of a date or phone number, a year, or another non-figure."""
    if in_spans(ctx.date_starts, ctx.date_ends, n.start, n.end):
        # A date expression may contain a count ("two days ago" is a date, but
        # "in 2,000 homes" is not one): the date spans already exclude counts.
        return True
    if any(ps <= n.start and n.end <= pe for ps, pe in ctx.phones):
        return True
    return is_year(n, ctx.text) or not_a_figure(n, ctx.text, s_start)


def _read_key(
    ctx: _ArticleContext, at: NumberAt, sign_len: int, after_unit: str, qualifier: str, counted: _Counted
) -> tuple[_Counted, str | None, str | None]:
    """Step 8: the key, the predicate and unit a change or previous value gives, and the unit handed on."""
    unit, currency, pred, pclass = counted
    n, text, s_end = at.n, ctx.text, at.s_end
    if n.kind == "fraction":
        key = key_of(pclass, "fraction") if pclass else "fraction"
    else:
        if pclass in PEOPLE_PREDS and unit and not currency and not_a_noun(unit):
            unit = None  # "two remain hospitalised": people, with no unit
        key = key_of(pclass, unit, currency)
    # A change and its values ("fell by 36,000 to 293,000", "rose from 40 to 58").
    clause_before = text[max(at.s_start, n.start - sign_len - 90):n.start - sign_len]
    change = change_role(clause_before, after_unit, unit)
    if change is not None:
        pred = change[1]
        nxt = ctx.numbers[at.idx + 1] if at.idx + 1 < len(ctx.numbers) else None
        nxt_to = re.match(r"\s*,?\s*to\b", after_unit)
        if unit is None and not currency and nxt is not None and nxt_to and nxt.start < s_end:
            unit = unit_phrase(text[nxt.end:min(s_end, nxt.end + 120)])[0]  # "fell by 36,000 to 293,000 people"
        uclass = _unit_class_of(unit, currency, n.kind, pclass)
        key = f"{change[0]}:{uclass}" if uclass else change[0]
        handed_on = None
        if unit and nxt is not None and nxt_to and unit not in _PERCENT_UNITS and not currency:
            handed_on = unit
        return _Counted(unit, currency, pred, pclass), key, handed_on
    if qualifier != "range":
        prev = previous_word(clause_before, after_unit)
        if prev is not None:
            uclass = _unit_class_of(unit, currency, n.kind, pclass)
            key = f"previous:{uclass}" if uclass else "previous"
            return _Counted(unit, currency, f"{prev} from", pclass), key, None
    return counted, key, None


def _make_figure(ctx: _ArticleContext, at: NumberAt, span: Span, counted: _Counted, key: str | None) -> Figure:
    """Steps 9 and 10: the figure, with its source and the date it holds for."""
    low, high = span.low, span.high
    if span.qualifier == "range" and low is None:
        low, high = span.value, span.value
    as_of = _as_of(ctx, at.s_start, at.s_end)
    return Figure(
        article_id=ctx.article.id,
        start=max(0, span.start),
        end=span.end,
        value=float(span.value),
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        qualifier=span.qualifier,
        unit=counted.unit,
        predicate=counted.predicate,
        key=key,
        currency=counted.currency,
        attributed_to=ctx.sents.attribution(at.n.start),
        as_of=as_of,
    )


def _as_of(ctx: _ArticleContext, s: int, e: int) -> str | None:
    """Step 10: the first dated expression of the sentence ``s..e``, else the publication date."""
    lo = bisect_right(ctx.date_starts, s - 1)
    best = None
    for ds, de, v in ctx.dates[lo:]:
        if ds >= e:
            break
        if not v:
            continue
        if len(v) >= 10:
            return v[:10]
        if best is None or len(v) > len(best):
            if len(v) == 4 and not re.search(r"\bin\s*$", ctx.text[max(0, ds - 4):ds]):
                continue
            best = v
    if best:
        return best
    d = parse_published(ctx.article.published)
    return d.isoformat() if d else None


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


def _parts_of_later_sums(figures: Sequence[Figure]) -> set[int]:
    """The indexes of counts of the killed that a later sum of the killed holds as one of its parts: "strikes
    kill 50 fighters ... killed 50 militants and eight civilians" (the 50 is a part of the 58)."""
    killed = [(i, f) for i, f in enumerate(figures)
              if (f.key or "").startswith("killed:") and f.value and not f.currency]
    sums = [(g, {h.value for _, h in killed if h is not g and g.start <= h.start and h.end <= g.end})
            for _, g in killed]
    return {i for i, f in killed if any(g.start > f.end and f.value in held and g.value > f.value
                                        for g, held in sums if held)}


def _killed_candidates(figures: Sequence[Figure]) -> list[tuple[int, Figure, bool, bool]]:
    """The counts of the killed that may be an article's toll: ``(index, figure, vague, minimal)`` in text order.

    Vague is a range ("dozens", "between 40 and 50") or an upper bound ("up to 100"); minimal is the
    "at least one" a fatal event implies with no victim counted ("a deadly shooting").
    """
    parts = _parts_of_later_sums(figures)
    out = []
    for i, f in enumerate(figures):
        if not f.key or not f.key.startswith("killed:") or f.value is None or f.currency or f.value < 1:
            continue
        if f.key.split(":", 1)[1] in _MEASURE_CLASSES | {"fraction", "money"} or i in parts:
            continue
        vague = has_spread(f) or f.qualifier == "at_most"
        minimal = f.qualifier == "at_least" and f.value == 1 and f.unit == FATAL_EVENT
        out.append((i, f, vague, minimal))
    return out


def casualty_count(figures: Sequence[Figure]) -> float | None:
    """The number of people an article reports killed, chosen from its figures.

    The choice, in order:

    1. candidates are figures keyed ``killed:<unit>`` whose unit counts
       people or things that die (people, soldiers, children...), never money,
       percentages, fractions, durations or distances;
    2. a precise figure beats a vague one, a range or an upper bound ("dozens",
       "several", "between 40 and 50", "up to 100"), and a figure below 100,000
       beats a larger one (a larger toll in a report of one event is nearly
       always the war's cumulative total); any count beats the "at least one" a
       fatal event implies with no victim counted ("a deadly shooting"); when the
       first candidate is vague ("dozens of people were killed"), a precise count
       inside its range beats one outside it ("three had died in hospital abroad");
    3. among equals, the first in the article: the lead carries the toll. A
       count that a later sum holds as one of its parts ("strikes kill 50 fighters ... killed
       50 militants and eight civilians") gives way to the sum. A
       count reported as part of another ("three children were among the 19
       killed", every member of "among the dead were four medics and five
       children") has the predicate ``among``, not ``killed``, and is no candidate
       (:mod:`~storyledger.extract.figures.parts`).

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
    candidates = _killed_candidates(figures)
    lead = candidates[0] if candidates else None
    # A vague lead ("dozens of people were killed") bounds the toll: a precise count inside its range
    # beats one outside it ("three had died in hospital abroad").
    bounds = (lead[1].low, lead[1].high) if lead and lead[2] and has_spread(lead[1]) and lead[1].low is not None else None
    for i, f, vague, minimal in candidates:
        outside = bounds is not None and not vague and not bounds[0] <= f.value <= bounds[1]
        rank = (vague, minimal, outside, f.value >= 100_000, i)
        if best is None or rank < best:
            best, best_value = rank, f.value
    return None if best_value is None else float(best_value)
