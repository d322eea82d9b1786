"""Every record that flows between the pipeline stages.

Records are frozen, slotted, keyword-only dataclasses holding scalars, tuples
and other records, so they pickle (for process pools and Dask), compare by
value and map one-to-one onto the store's tables.

Conventions relied on everywhere:

* character offsets are half-open ``[start, end)`` Python string indices into
  the cleaned ``Article.text`` of the article they name, except
  ``Removal`` offsets, which point into the text as it was received;
* dates are ISO 8601 strings (``YYYY-MM-DD`` or a full timestamp) or ``None``;
* ids are stable and derived from content (see :func:`content_id`), except an
  article id given by the user (a JSON Lines ``id``), which is kept verbatim.

The pipeline in order::

    Article -> Sentence -> Story -> Alignment / Derivation
            -> Figure / Quote / DateMention / Entity (ArticleFacts)
            -> FigureGroup / StoryQuote / Dispute / BriefSentence / TimelineEntry
            -> StoryAnalysis
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = [
    "ALIGNMENT_KINDS",
    "Alignment",
    "Article",
    "ArticleFacts",
    "ArticleSyndication",
    "BriefSentence",
    "Citation",
    "DERIVATION_DIRECTIONS",
    "DERIVATION_RELATIONS",
    "DUPLICATE_REASONS",
    "DateMention",
    "Derivation",
    "Dispute",
    "DisputeSide",
    "Duplicate",
    "Entity",
    "FIGURE_STATUSES",
    "Figure",
    "FigureGroup",
    "FigureValue",
    "HarmToll",
    "ORDERS",
    "QUALIFIERS",
    "QUOTE_KINDS",
    "Quote",
    "Removal",
    "SYNDICATION_STATUSES",
    "Sentence",
    "Skip",
    "Span",
    "Story",
    "StoryAnalysis",
    "StoryLink",
    "StoryQuote",
    "StoryToll",
    "Syndication",
    "TOLL_HARMS",
    "TimelineEntry",
    "TollReport",
    "content_id",
    "has_spread",
]

ALIGNMENT_KINDS = ("verbatim", "near_verbatim", "paraphrase", "shared_quote", "related")
# "common_lineage" is the name older stored reports use for "common_source"
DERIVATION_RELATIONS = ("copy", "rewrite", "partial_reuse", "common_source", "common_lineage")
DERIVATION_DIRECTIONS = ("known", "unknown")
QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range")
QUOTE_KINDS = ("direct", "partial", "reported")
FIGURE_STATUSES = ("corroborated", "updated", "conflicting", "single_source")
ORDERS = ("dated", "inferred", "unknown")
#: Why an input record was not analysed on its own: its text repeats an earlier record's, or its id does.
DUPLICATE_REASONS = ("same_text", "same_id")
#: The harms a story's toll counts.
TOLL_HARMS = ("killed", "injured")


def content_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A stable id derived from content: ``prefix`` + hex digest of ``parts``.

    Example:
        >>> content_id("a", "some text")
        'a_244d30899a2e46fd'
    """
    h = hashlib.blake2b(digest_size=length // 2)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return f"{prefix}_{h.hexdigest()}"


def _check_span(start: int, end: int, what: str) -> None:
    if not (0 <= start <= end):
        raise ValueError(f"{what}: invalid span [{start}, {end})")


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A half-open character range in one article's cleaned text."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "Span")


@dataclass(frozen=True, slots=True, kw_only=True)
class Removal:
    """A stretch of received text removed while cleaning, with the rule that removed it.

    Offsets point into the text as received, not into ``Article.text``.
    """

    start: int
    end: int
    reason: str

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "Removal")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article, cleaned, with what is known of where it came from."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    path: str | None = None
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Skip:
    """An input that yielded no article, and why (one line, for the user)."""

    input: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """An input record not analysed because it repeats an earlier one, and which one was analysed.

    ``id`` is the record's own id (as read), ``duplicate_of`` the id of the
    article analysed in its place, ``input`` the file it came from, and
    ``reason`` one of :data:`DUPLICATE_REASONS`: ``same_text`` (the same text,
    whitespace aside) or ``same_id`` (an id already taken by an earlier record
    with another text; the earlier one is analysed).
    """

    id: str
    duplicate_of: str
    input: str | None = None
    reason: str = "same_text"


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    article_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "Sentence")


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A group of articles reporting the same story."""

    id: str
    title: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Alignment:
    """Two passages of two articles of one story that report the same content."""

    kind: str  # one of ALIGNMENT_KINDS
    score: float
    a: Span
    b: Span

    def __post_init__(self) -> None:
        if self.kind not in ALIGNMENT_KINDS:
            raise ValueError(f"Alignment.kind must be one of {ALIGNMENT_KINDS}, not {self.kind!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Derivation:
    """``derived_id`` takes (``relation``) ``share`` of its text from ``source_id``.

    ``direction`` says whether that way round is known: ``"known"`` (derived_id
    took from source_id) or ``"unknown"`` (the two ids are just the pair; the
    text reused is what ``relation`` says, who took it is not). For
    ``common_source`` (both carry a third text: a wire, a press release, the
    same attributed statements) the direction is always unknown.
    """

    derived_id: str
    source_id: str
    relation: str  # one of DERIVATION_RELATIONS
    share: float
    signals: tuple[str, ...] = ()
    direction: str = "known"  # one of DERIVATION_DIRECTIONS

    def __post_init__(self) -> None:
        if self.relation not in DERIVATION_RELATIONS:
            raise ValueError(
                f"Derivation.relation must be one of {DERIVATION_RELATIONS}, not {self.relation!r}"
            )
        if self.direction not in DERIVATION_DIRECTIONS:
            raise ValueError(
                f"Derivation.direction must be one of {DERIVATION_DIRECTIONS}, not {self.direction!r}"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A quantity reported as a fact in one article."""

    article_id: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"  # one of QUALIFIERS
    unit: str | None = None
    predicate: str | None = None
    key: str | None = None  # normalised "what happened to what", matched across reports
    currency: str | None = None
    attributed_to: str | None = None
    as_of: str | None = None
    event: str = "story"  # "story": the story's own event; "other": one the article only mentions

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "Figure")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"Figure.qualifier must be one of {QUALIFIERS}, not {self.qualifier!r}")
        if self.event not in ("story", "other"):
            raise ValueError(f"Figure.event must be 'story' or 'other', not {self.event!r}")


def has_spread(fig: Figure | FigureValue) -> bool:
    """Whether a figure stands for a spread of values, not one: a range ("8 to 9", "dozens"), whatever
    its hedge ("about 8 or 9" is ``about`` with its ends in ``low``/``high``).

    Example:
        >>> has_spread(Figure(article_id="a", start=0, end=1, value=8.0, low=8.0, high=9.0, qualifier="about"))
        True
        >>> has_spread(Figure(article_id="a", start=0, end=1, value=8.0, qualifier="about"))
        False
    """
    if fig.qualifier == "range":
        return True
    return fig.low is not None and fig.high is not None and fig.high > fig.low


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Quoted or reported words (without quote marks) and who said them."""

    article_id: str
    start: int
    end: int
    kind: str  # one of QUOTE_KINDS
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "Quote")
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"Quote.kind must be one of {QUOTE_KINDS}, not {self.kind!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A date expression, resolved to an ISO date when the text allows."""

    article_id: str
    start: int
    end: int
    value: str | None

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "DateMention")


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A mention of a person (PERSON), organisation (ORG) or place (GPE/LOC)."""

    article_id: str
    start: int
    end: int
    label: str
    canonical: str

    def __post_init__(self) -> None:
        _check_span(self.start, self.end, "Entity")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article_id: str
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuote:
    """One distinct quote of a story, with every article that carries it."""

    id: str
    text: str
    speaker: str | None
    kind: str
    occurrences: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureValue:
    """A value with its hedge: ``value`` is the best point, ``low``/``high`` the bounds."""

    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureGroup:
    """The reports of one fact across the articles of a story, reconciled."""

    id: str
    label: str
    unit: str | None
    status: str  # one of FIGURE_STATUSES
    order: str  # one of ORDERS
    independent_sources: int
    current: FigureValue | None
    reports: tuple[Figure, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DisputeSide:
    """One side of a dispute: its claim, who makes it, where it is reported.

    ``party`` is who the side speaks for (a spokesperson's ministry, a lawyer's
    client; else the speaker); ``speakers`` every speaker of that party on this side.
    """

    speaker: str | None
    claim: str
    citations: tuple[Span, ...]
    party: str | None = None
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    """Opposing attributed claims about the same thing, listed, not resolved."""

    id: str
    topic: str
    sides: tuple[DisputeSide, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """The exact source words a brief sentence rests on."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefSentence:
    """A sentence of the cited brief; its numbers and quotes appear verbatim in its citations."""

    text: str
    citations: tuple[Citation, ...]
    section: str = "summary"  # summary | contrast | framing | figures | disputes | single_source


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """A dated event or figure update in a story."""

    date: str | None
    text: str
    citations: tuple[Citation, ...] = ()
    figure_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryLink:
    """A derivation between an article of this story and one of another story (a copy found across time).

    ``derivation`` names both articles as any derivation does; ``other_id`` is
    the one in story ``other_story_id``, described by its outlet, title and date.
    """

    derivation: Derivation
    other_id: str
    other_story_id: str
    other_outlet: str | None = None
    other_title: str | None = None
    other_published: str | None = None


SYNDICATION_STATUSES = ("original", "reuses_passages", "reprint", "shared_text", "wire_copy")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSyndication:
    """Whose text one article of a story carries.

    ``status``: ``original`` (its own text), ``reuses_passages`` (its own text
    with passages of others), ``reprint`` (a copy or rewrite of ``of``, the
    direction known), ``shared_text`` (a copy or rewrite shared with ``of``,
    which way unknown), ``wire_copy`` (mostly a third text, a wire or release,
    that ``of`` carries too).
    """

    article_id: str
    outlet: str | None
    status: str  # one of SYNDICATION_STATUSES
    of: tuple[str, ...] = ()
    of_outlets: tuple[str | None, ...] = ()  # the outlet of each article of ``of``

    def __post_init__(self) -> None:
        if self.status not in SYNDICATION_STATUSES:
            raise ValueError(f"ArticleSyndication.status must be one of {SYNDICATION_STATUSES}, not {self.status!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Syndication:
    """A story's articles as original reporting and reprints (see :mod:`storyledger.align.syndication`)."""

    unique_texts: int
    reprints: int
    original_reporting: int
    articles: tuple[ArticleSyndication, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TollReport:
    """One article's own count of one harm, and the figures of its text it rests on.

    ``citations`` are the spans of those figures (none when the count is 0 or is
    read from the headline only: ``headline``). ``stated`` says whether they state
    the count itself; when not, it is worked out from them (the shot less the killed).
    """

    article_id: str
    value: int
    citations: tuple[Citation, ...] = ()
    headline: bool = False
    stated: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class HarmToll:
    """A story's count of one harm, and how its reports' own counts relate to it.

    ``updated``: an earlier report gave a lower count (``earlier``, the first such)
    that a later one raised; ``disagreeing``: reports differ beyond that (a higher
    count than the story's, or a lower one given after it). ``reports`` holds every
    article's own count (0 included) in the order the story learnt them. ``told``:
    some report giving ``value`` tells the harm in its own words (false when every
    figure behind it tells none, "X died of heart failure" read as one killed):
    the count is kept, but no line says it. ``label``: how the reports giving
    ``value`` name the harm ("Killed" where any tells a killing, "Deaths" where all
    tell only that people died, "Injured"); empty where no report's words say.
    """

    value: int
    qualifier: str = "exact"  # one of QUALIFIERS: how the reports giving ``value`` hedge it
    updated: bool = False
    earlier: int | None = None
    disagreeing: bool = False
    reports: tuple[TollReport, ...] = ()
    told: bool = True
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryToll:
    """A story's casualty count: the people killed and injured in its own event, over its reports."""

    killed: HarmToll
    injured: HarmToll


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryAnalysis:
    """Everything known about one story, as written to the report.

    ``links`` are derivations to articles of other stories (copies found
    across time); ``syndication`` counts original reporting and reprints;
    ``toll`` is the story's casualty count, ``None`` where it reports none.
    """

    story: Story
    alignments: tuple[Alignment, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    figures: tuple[FigureGroup, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    timeline: tuple[TimelineEntry, ...] = field(default=())
    links: tuple[StoryLink, ...] = ()
    syndication: Syndication | None = None
    toll: StoryToll | None = None
