"""Quotes and attributions in news text, with their speakers, by rule.

A cascade over the whole text (no model, no per-token Python loop):

1. **Quote marks** (straight ``"``, curly ``“ ”``, guillemets ``« »``, low
   ``„``) are paired inside each paragraph. A paragraph that ends inside a
   quote continues it only when the next paragraph opens with a quote mark
   (the news convention for multi-paragraph quotes); otherwise the stray mark
   is dropped. A pair enclosing more than ``MAX_QUOTE_CHARS`` is dropped too,
   so an unbalanced mark never swallows an article. Curly single quotes
   (``‘ ’``) count only in paragraphs without double marks, and only at word
   boundaries (apostrophes are not quote marks). Two apostrophes (``''…''``,
   as some papers print quotes) count as a double mark.
2. **Masking**: quoted words are hidden from the attribution rules, so a
   ``said`` inside a quote never makes an attribution.
3. **Attributions**: each speech or cognition cue (``said``, ``told``,
   ``announced``, ``according to``, ``accused``, ``believes that`` …) is
   read in one of four shapes: ``SPEAKER CUE (that) CONTENT``, ``CONTENT,
   SPEAKER CUE``, ``CONTENT, CUE SPEAKER`` and ``according to SPEAKER``.
   A speaker is an apposition (``Maria Lopez, a spokeswoman for the
   ministry, said``: the name, with the role kept apart), a name with an
   optional title (``UN spokesman Jean Martin``), a pronoun, a noun phrase
   (``the court``, ``a government spokesman``, ``officials``).
4. **Direct quotes** take the attribution next to them: after the closing
   mark (``"…," she said`` / ``"…," said X`` / ``"…," X grinned`` / ``"…,"
   scoffed X`` / ``"…" ― X``, also on a line of its own, ``"…," in the words
   of X``; not across a new clause: ``"…," whereas Y asserts``, ``"…" has
   begun, whereas Y asserts``) or ``As X put it: "…"`` / ``As X noted, "…"``, or
   before the opening one (``X said: "…"``, ``…, saying, "…"``, ``Jane Roe:
   "…"``, a previous paragraph ending ``she said:``). A quote running over
   paragraphs takes the attribution found on any of them. A quote with none
   continues the previous attributed quote when only that attribution's own
   sentence stands between them; failing that, a quote after a short sentence
   (``Jane Roe agreed. "…"``) takes its subject, and a paragraph that is only
   a quote takes the person the paragraph before is about. A quote inside a
   sentence that starts in lowercase is ``partial`` and takes the sentence's
   attribution; a few quoted words with no attribution, capitalised or not, are
   scare quotes or a title, not quotes, and so is a capitalised quote between a
   cue and its reported clause (``said on "Meet the Press" on Sunday that …``).
5. **Speakers resolved**: names to the article's entities; ``he``/``she``,
   ``the spokesman`` and a bare surname to a person by the coreference step
   of ``cast``; ``they``/``it`` to the nearest organisation, place or group;
   ``the court`` to the nearest organisation named with that word; ``the
   statement`` to the speaker last named. ``speaker_span`` stays on the words
   the attribution rests on (the pronoun itself when it is one).

Nested attributions of belief or intent inside a reported clause (``X said
they want to …``) are left to the outer one, as PolNeAR annotates them (a
coordinate one, ``…, but Y believes …`` or ``…, and a few lawmakers have
called for …``, keeps its own and ends the first one's content); so is a speech cue
whose speaker opens the outer clause (``X asserted that Y tells …``), and a
quote whose pronoun speaker opens it (``X said she recalled thinking, "…"``)
goes to ``X``. A transcript quoted line by line (``"HOLT: …``) takes the
capitalised name opening each line. Cue words used as
nouns (``a false claim that``, ``his late-night tweets``) make no attribution;
a participle hanging on an object (``issued a statement saying …``) takes the
clause's subject.
Roles and affiliations (appositions, titles before a name) are returned by
:func:`describe_speakers`.

Offsets are half-open character offsets into ``Article.text``; a quote's span
excludes the quote marks.

Steps 1-2 live in ``marks``, step 3 in ``cues`` (vocabulary) and
``attribution`` (readers), step 5 in ``speakers`` and ``cast``; step 4's readers after a
closing mark in ``closing``, the rest of step 4 and the cascade here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .attribution import attributions, clause_subject, find_inverted_subject, find_subject, strip_span
from .closing import STOP as _STOP, cue_after_attribution, dash_attribution, verb_after_attribution, words_of_attribution
from .cues import (
    COORDINATED,
    Attribution,
    CUE_RE,
    DIRECTIVE,
    NAME,
    PARTICIPLES,
    PRONOUNS,
    SPEECH,
    SPEECH_WORDS,
    alt,
    clean_cue,
)
from .marks import (
    MAX_QUOTE_CHARS,
    CLOSERS,
    OPENERS,
    mask,
    normalise_marks,
    pair_marks,
    paragraph_spans,
    sentence_spans,
)
from .speakers import SpeakerResolver
from ...records import Article, Entity, Quote, Sentence

__all__ = [
    "describe_speakers",
    "extract_quotes",
    "speaker_roles",
]

_CUE_AT_END = re.compile(rf"(?<![\w\-])(?:{alt(SPEECH)}|{alt(DIRECTIVE)}|reading|read|chanted|chanting|yelled|yelling)[ \t]*$")
# The name may carry a parenthetical of party and state: "Rep. Jo Roe (R-Ore.):".
_NAME_COLON = re.compile(rf"(?:^|[-–—][ \t]+|[.!?][ \t]+)(?:More[ \t]+from[ \t]+)?(?P<name>{NAME})(?:[ \t]*\([^()\n]{{1,20}}\))?[ \t]*:[ \t]*$")


# "As Jo Roe pointed out in May, "…"": an as-clause of a named subject and a past verb, right before the quote.
_AS_VERBED = re.compile(
    rf"(?:^|(?<=[.!?\n])[ \t]*|(?<=[,;—–])[ \t]*)[Aa]s[ \t]+(?P<subj>[^,;:.!?\n]{{0,60}}?{NAME})[ \t]+"
    r"(?P<verb>[a-z]{2,}ed|wrote|said|told|sang|put)(?:[ \t]+(?:out|up|it))?\b[^,;:.!?\n]{0,40}[,:][ \t]*$"
)
# "As X put it:" before a quote.
_AS_PUT_IT = re.compile(
    r"\b[Aa]s[ \t]+(?P<subj>(?:[^;:.!?\n]|(?<=\b[A-Z])\.|(?<=\b(?:Mr|Ms|Dr))\.){2,160}?)[ \t]+(?P<verb>put|puts|phrased|described|summed[ \t]+up)[ \t]+it\b(?:[^.!?;\n]|(?<=\b[A-Z])\.){0,100}?[,:]"
    # The quote may come a few words into the main clause: 'As X put it, RT is "…"'.
    r"(?:[ \t]+[^,.;:!?\n\"“”]{1,60}?)?[ \t]*$"
)
# A transcript line quoted whole: '"HOST: Let us start…' (capitals, then a colon).
_TRANSCRIPT = re.compile(r"[ \t]*(?P<name>[A-Z][A-Z'’\-]+(?:[ \t](?:[A-Z]\.[ \t])?[A-Z][A-Z'’\-]+){0,2}):[ \t]+(?=\S)")
_NOT_SPEAKERS = frozenset("UPDATE NOTE BREAKING WATCH READ EXCLUSIVE CORRECTION PS EDITOR'S NOTE WARNING ALERT".split())


@dataclass(frozen=True, slots=True)
class _Doc:
    """One article as steps 1-3 leave it; built once per call and read by step 4."""

    text: str  # quote marks normalised
    masked: str  # quoted words hidden
    paras: list[tuple[int, int]]
    segs: list[tuple[int, int, int]]  # (opening mark, closing mark, paragraph index), in text order
    ents: list[Entity]  # by start
    attrs: list[Attribution]  # in text order
    attrs_by_start: list[Attribution]  # by content start
    attr_starts: list[int]
    nested: frozenset[int]  # ids of the attributions nested in another's content
    attr_cues: frozenset[int]  # where each attribution's cue starts
    sents: list[tuple[int, int]]


def _direct_attribution(doc: _Doc, seg: tuple[int, int, int], partial_ok: bool) -> Attribution | None:
    """Step 4: the attribution next to a direct quote, if any: after its closing mark, else before its opening one."""
    o, c, pi = seg
    ps, pe = doc.paras[pi]
    text, masked = doc.text, doc.masked
    return (
        dash_attribution(masked, o, c, pe)
        or words_of_attribution(masked, o, c, pe)
        or cue_after_attribution(text, masked, o, c, pe)
        or verb_after_attribution(text, masked, o, c, pe)
        or _put_it_attribution(masked, o, c, ps)
        or _name_colon_attribution(masked, o, c, ps)
        or _paragraph_colon_attribution(masked, o, c, ps, doc.paras[pi - 1] if pi > 0 else None)
        or _colon_before_attribution(masked, o, c, ps)
        or _lead_attribution(text, masked, o, c, ps, partial_ok)
    )


def _put_it_attribution(masked: str, o: int, c: int, ps: int) -> Attribution | None:
    """'As Jane Roe, a historian, put it: "…"' / 'As Jo Roe noted in May, "…"': the subject of the as-clause."""
    pm = _AS_PUT_IT.search(masked, max(ps, o - 260), o)
    cue = "put it"
    if not pm:
        pm = _AS_VERBED.search(masked, max(ps, o - 200), o)
        cue = pm.group("verb") if pm else cue
    if not pm:
        return None
    subj = find_subject(masked, pm.start("subj"), pm.start("verb"))
    if not subj:
        return None
    return Attribution(pm.start("verb"), pm.end("verb"), cue, subj[0], subj[1], subj[2], subj[3], o + 1, c, "before")


def _name_colon_attribution(masked: str, o: int, c: int, ps: int) -> Attribution | None:
    """'Jane Roe: "…"' (interview transcripts, pull quotes)."""
    nm_off = max(ps, o - 200)  # bounded windows keep long paragraphs linear
    nm = _NAME_COLON.search(masked[nm_off:o])
    if not nm or not (nm.start() > 0 or nm_off == ps):
        return None
    return Attribution(nm_off + nm.end("name"), nm_off + nm.end("name") + 1, ":", nm_off + nm.start("name"), nm_off + nm.end("name"), nm.group("name"), None, o + 1, c, "before")


def _paragraph_colon_attribution(
    masked: str, o: int, c: int, ps: int, prev_para: tuple[int, int] | None
) -> Attribution | None:
    """'She said:' ending the previous paragraph, the quote opening this one."""
    if o != ps or prev_para is None:
        return None
    pps, ppe = prev_para
    if masked[ppe - 1 : ppe] != ":":
        return None
    a = _colon_attribution(masked, pps, ppe - 1)
    if a is None:
        return None
    return Attribution(a[0], a[1], a[2], a[3], a[4], a[5], a[6], o + 1, c, "before")


def _colon_before_attribution(masked: str, o: int, c: int, ps: int) -> Attribution | None:
    """'X said in a statement: "…"': the cue and subject of the sentence ending in a colon before the quote."""
    before = masked[max(ps, o - 260) : o]
    if not re.search(r":[ \t]*$", before):
        return None
    sent_lo = max(ps, max(before.rfind(". "), before.rfind("? "), before.rfind("! ")) + max(ps, o - 260) + 1)
    a = _colon_attribution(masked, sent_lo, o - len(before) + before.rstrip().rfind(":"))
    if a is None:
        return None
    return Attribution(a[0], a[1], a[2], a[3], a[4], a[5], a[6], o + 1, c, "before")


def _lead_attribution(text: str, masked: str, o: int, c: int, ps: int, partial_ok: bool) -> Attribution | None:
    """'X said, "…"' / '…, saying, "…"' / 'X said that "…"': the sentence's last cue before the quote."""
    lo = max(ps, o - 260)
    before = masked[lo:o]
    if not (re.search(r"[:,][ \t]*$|\bthat[ \t]+$", before) or _CUE_AT_END.search(before, max(0, len(before) - 40))):
        return None
    stops = [m.end() for m in _STOP.finditer(masked, lo, o - 1)]
    region_lo = stops[-1] if stops else lo
    a = _last_cue_attribution(masked, region_lo, o, c)
    if a is not None:
        return a
    # A partial quote ending its sentence after a comma ('X characterized Y as, "…."')
    # is what the clause's subject says.
    ends_sentence = re.match(r"[ \t]*(?:[.!?]|$)", masked[c + 1 : c + 3]) is not None or text[c - 1 : c] in ".!?"
    if (not partial_ok or ends_sentence) and re.search(r",[ \t]*$", before):
        cs_ = clause_subject(masked, region_lo, o)
        if cs_:
            return Attribution(cs_[0], cs_[1], cs_[2], cs_[3], cs_[4], cs_[5], None, o + 1, c, "before")
    return None


def _last_cue_attribution(masked: str, region_lo: int, o: int, c: int) -> Attribution | None:
    """The last cue in ``[region_lo, o)`` that has a speaker, read towards the quote."""
    cues = list(CUE_RE.finditer(masked, region_lo, o))
    for cm in reversed(cues):
        cue = clean_cue(cm.group())
        if cm.group("acc"):
            am = re.match(r"[ \t]+(?P<name>[^,:;\n]{2,80}?)[ \t]*[,:]", masked[cm.end() : o])
            if am:
                return Attribution(cm.start(), cm.end(), "according to", cm.end() + am.start("name"), cm.end() + am.end("name"), am.group("name"), None, o + 1, c, "before")
            continue
        if cm.start() == region_lo or not masked[region_lo : cm.start()].strip():
            inv = find_inverted_subject(masked, cm.end(), o)
            if inv:
                return Attribution(cm.start(), cm.end(), cue, inv[0], inv[1], inv[2], inv[3], o + 1, c, "before")
        co = COORDINATED.search(masked, max(region_lo, cm.start() - 20), cm.start())
        if cue in PARTICIPLES or co:
            # "…, adding: "…"" / "X smiled and said, "…"": the subject of the clause.
            cs_ = clause_subject(masked, region_lo, co.start() if co else cm.start())
            if cs_:
                return Attribution(cm.start(), cm.end(), cue, cs_[3], cs_[4], cs_[5], None, o + 1, c, "before")
        subj = find_subject(masked, region_lo, cm.start())
        if subj:
            return Attribution(cm.start(), cm.end(), cue, subj[0], subj[1], subj[2], subj[3], o + 1, c, "before")
    return None


_TOPIC = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?[ \t]+)?(?P<name>{NAME}|He|She)(?=[ \t]*,|[ \t]+[a-z])"
)


# Between an attribution ending its clause and a partial quote that goes on with it.
_JOINED_PARTIAL = re.compile(r"[ \t]*,?[ \t]*(?:and|but)(?:[ \t]+(?:still|also|then|added|that))?[ \t]*,?[ \t]*")
# What may follow "…, X said" before the sentence stop: a time or a short phrase, no other verb.
_AFTER_LEAD_TAIL = re.compile(r"[ \t]*(?:[A-Z]?[a-z]+[ \t]*){0,2}[.:][ \t]*")


def _after_lead_attribution(
    masked: str, attrs_by_start: list[Attribution], attr_starts: list[int], ps: int, o: int, c: int
) -> Attribution | None:
    """The speaker of '…, Jane Roe said.' ending the sentence right before a quote."""
    k = bisect.bisect_left(attr_starts, max(ps, o - 600))
    best = None
    for a in attrs_by_start[k : bisect.bisect_left(attr_starts, o)]:
        if a.shape == "after" and a.content_start >= ps and a.content_end <= a.cue_start:
            end = max(a.cue_end, a.speaker_end)
            if end <= o and _AFTER_LEAD_TAIL.fullmatch(masked, end, o):
                best = a
    if best is None:
        return None
    b = best
    return Attribution(b.cue_start, b.cue_end, b.cue, b.speaker_start, b.speaker_end, b.speaker_text, b.role, o + 1, c, "before")


def _short_lead_attribution(masked: str, ps: int, o: int, c: int) -> Attribution | None:
    """The subject of a sentence of at most ten words that ends right before the quote."""
    ps = max(ps, o - 200)
    lead = masked[ps:o].rstrip()
    if not lead.endswith((".", "!", ":")):
        return None
    stops = [m.end() for m in _STOP.finditer(masked, ps, ps + len(lead) - 1) if masked[m.start()] in ".!?\"”"]
    lo = stops[-1] if stops else ps
    if len(masked[lo : ps + len(lead)].split()) > 10:
        return None
    cs_ = clause_subject(masked, lo, ps + len(lead))
    if cs_ is None:
        return None
    return Attribution(cs_[0], cs_[1], cs_[2], cs_[3], cs_[4], cs_[5], None, o + 1, c, "before")


def _topic_attribution(
    masked: str, prev: tuple[int, int], o: int, c: int, ents: Sequence[Entity]
) -> Attribution | None:
    """The subject of the last sentence of the previous paragraph, when it is a person."""
    ps, pe = prev
    if masked[pe - 1 : pe] in CLOSERS or masked[ps : ps + 1] in OPENERS:
        return None
    stops = [m.end() for m in _STOP.finditer(masked, ps, pe - 1) if masked[m.start()] in ".!?"]
    lo = stops[-1] if stops else ps
    while lo < pe and masked[lo].isspace():
        lo += 1
    m = _TOPIC.match(masked, lo, pe)
    if not m:
        return None
    s, e = m.start("name"), m.end("name")
    if m.group("name") not in ("He", "She") and not any(
        x.label == "PERSON" and x.start <= s and e <= x.end + 1 for x in ents if x.start < e + 1
    ):
        return None
    return Attribution(e, e, "", s, e, m.group("name"), None, o + 1, c, "before")


def _colon_attribution(masked: str, lo: int, colon: int) -> tuple[int, int, str, int, int, str, str | None] | None:
    """``X said in a statement:`` / ``X's letter makes the case:``: the cue and subject before a colon."""
    seg_lo = max(lo, colon - 260)
    fm = re.search(r"(?:^|[.!?][ \t]+|[\n])(?P<cue>[Ff]rom|[Pp]er|[Aa]ccording[ \t]+to|[Ii]n)[ \t]+(?P<name>[^,:;.\n]{2,80}?)[ \t]*$", masked[seg_lo:colon])
    if fm:
        # "From the report:", "According to the agency:".
        return (seg_lo + fm.start("cue"), seg_lo + fm.end("cue"), clean_cue(fm.group("cue")),
                seg_lo + fm.start("name"), seg_lo + fm.end("name"), fm.group("name"), None)
    cues = list(CUE_RE.finditer(masked, seg_lo, colon))
    for cm in reversed(cues):
        if cm.group("acc"):
            continue
        if clean_cue(cm.group()) in PARTICIPLES:
            cs_ = clause_subject(masked, seg_lo, cm.start())
            if cs_ is not None:
                return cm.start(), cm.end(), clean_cue(cm.group()), cs_[3], cs_[4], cs_[5], None
        subj = find_subject(masked, seg_lo, cm.start())
        if subj:
            return cm.start(), cm.end(), clean_cue(cm.group()), subj[0], subj[1], subj[2], subj[3]
    # No cue word: the sentence's own subject and verb ("The report makes a case:").
    return clause_subject(masked, seg_lo, colon)


_CUE_BEFORE = re.compile(
    r"(?:\b(?:that|said|says|say|told|tells|added|adds|wrote|writes|stated|states|announced|asked|"
    r"replied|responded|tweeted|continued|declared|explained|insisted|warned|argued|noted)|"
    r"\b(?:said|says|told|added|wrote|asked|replied|tweeted|continued)[^,.;:!?]{0,40}),?$"
)


def _is_partial(text: str, o: int, c: int, para: tuple[int, int]) -> bool:
    content = text[o + 1 : c].strip()
    if not content:
        return True
    before = text[para[0] : o].rstrip()
    at_start = (
        not before
        or before[-1] in ".!?:—–-(\"”“"
        or _CUE_BEFORE.search(before, max(0, len(before) - 40)) is not None
    )
    sentence_like = content[0].isupper() or content[0] in "…." or content[-1] in ".!?,"
    if at_start and sentence_like:
        return False
    return not (content[0].isupper() and len(content.split()) >= 6 and content[-1] in ".!?,")


def _is_nested(a: Attribution, attrs_by_start: list[Attribution], attr_starts: list[int]) -> bool:
    """A belief or intent ("wants", "supported") inside another attribution's content."""
    k = bisect.bisect_right(attr_starts, a.cue_start)
    if a.cue in SPEECH_WORDS:
        # "X asserted that Lund tells so many lies that …": a speech cue whose speaker opens
        # another's reported clause is part of what that one reports.
        return any(
            b is not a and b.shape == "before" and b.cue_start < a.speaker_start and b.content_start == a.speaker_start
            and a.content_end <= b.content_end
            for b in attrs_by_start[max(0, k - 30) : k]
        )
    return any(b is not a and a.cue_start < b.content_end for b in attrs_by_start[max(0, k - 30) : k])


def _outer(a: Attribution, attrs_by_start: list[Attribution], attr_starts: list[int]) -> Attribution:
    """The attribution whose reported clause opens with ``a``'s pronoun speaker, else ``a``."""
    if a.speaker_text.lower() not in PRONOUNS or a.shape != "before":
        return a
    k = bisect.bisect_right(attr_starts, a.speaker_start)
    for b in attrs_by_start[max(0, k - 5) : k]:
        if b is not a and b.shape == "before" and b.cue_start < a.speaker_start and b.content_start == a.speaker_start:
            return Attribution(b.cue_start, b.cue_end, b.cue, b.speaker_start, b.speaker_end, b.speaker_text, b.role, a.content_start, a.content_end, a.shape)
    return a


def extract_quotes(article: Article, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> tuple[Quote, ...]:
    """Direct, partial and reported quotes of an article, each with its speaker.

    Args:
        article: The article; offsets point into ``article.text``.
        sentences: Its sentences (from :func:`storyledger.text.segment.segment_article`);
            without them a simple splitter is used.
        entities: Its entities (from :func:`storyledger.extract.entities.entities.extract_entities`),
            used to resolve speakers to canonical names and pronouns to people.

    Returns:
        Quotes in text order. ``start``/``end`` cover the quoted or reported
        words without quote marks; ``speaker_span`` covers the words the
        attribution rests on (a pronoun stays a pronoun there, while
        ``speaker`` carries the name it refers to).

    Example:
        >>> a = Article(id="a", text='"We will rebuild," Maria Lopez said. She added that aid had come.')
        >>> [(a.text[q.start:q.end], q.kind, q.speaker) for q in extract_quotes(a)]
        [('We will rebuild', 'direct', 'Maria Lopez'), ('aid had come', 'reported', 'Maria Lopez')]
    """
    text = article.text or ""
    if not text.strip():
        return ()
    quotes, _ = _extract(article.id, text, sentences, entities)
    return quotes


def _extract(
    article_id: str, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity], roles: bool = False
) -> tuple[tuple[Quote, ...], dict[str, str]]:
    """The cascade: the article's quotes in text order, and (with ``roles``, all) the roles it gives their speakers."""
    doc = _read_article(text, sentences, entities)
    own, partials = _own_attributions(doc)
    items = sorted(_direct_items(doc, own, partials) + _reported_items(doc), key=lambda t: (t[0], t[1]))
    return _quotes(article_id, doc, items, roles)


def _read_article(text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> _Doc:
    """Steps 1-3: quote marks paired and masked, every cue read."""
    text = normalise_marks(text)
    paras = paragraph_spans(text)
    segs = pair_marks(text, paras)
    masked = mask(text, segs)
    sents = sentence_spans(text, sentences)
    attrs = attributions(text, masked, sents)
    attrs_by_start = sorted(attrs, key=lambda ra: ra.content_start)
    attr_starts = [ra.content_start for ra in attrs_by_start]
    return _Doc(
        text=text,
        masked=masked,
        paras=paras,
        segs=segs,
        ents=sorted(entities, key=lambda e: e.start),
        attrs=attrs,
        attrs_by_start=attrs_by_start,
        attr_starts=attr_starts,
        nested=frozenset(id(a) for a in attrs if _is_nested(a, attrs_by_start, attr_starts)),
        attr_cues=frozenset(a.cue_start for a in attrs),
        sents=sents,
    )


def _own_attributions(doc: _Doc) -> tuple[list[Attribution | None], list[bool]]:
    """Each quote's own attribution (step 4), and whether the quote is partial."""
    own: list[Attribution | None] = []
    partials: list[bool] = []
    for seg in doc.segs:
        o, c, pi = seg
        partial = _is_partial(doc.text, o, c, doc.paras[pi])
        line = _transcript_attribution(doc.text, o, c)
        if line is not None:
            partials.append(False)
            own.append(line)
        else:
            partials.append(partial)
            own.append(_direct_attribution(doc, seg, partial))
    # "Jane Roe said she recalled thinking, "…"": a pronoun opening another speaker's
    # reported clause speaks inside it; PolNeAR gives the words to the outer speaker.
    own = [
        _outer(a, doc.attrs_by_start, doc.attr_starts) if a is not None else None
        for a in _carry_over_paragraphs(doc, own)
    ]
    return own, partials


def _transcript_attribution(text: str, o: int, c: int) -> Attribution | None:
    """'"HOST: …' (a transcript quoted line by line): the speaker opens the line."""
    tm = _TRANSCRIPT.match(text, o + 1, c)
    if not tm or tm.group("name").upper() in _NOT_SPEAKERS:
        return None
    return Attribution(tm.end("name"), tm.end("name") + 1, ":", tm.start("name"), tm.end("name"), tm.group("name"), None, tm.end(), c, "before")


def _carry_over_paragraphs(doc: _Doc, own: list[Attribution | None]) -> list[Attribution | None]:
    """``own``, where a quote running over paragraphs takes the attribution found on a later one."""
    # Such a quote has no closing mark, and the next paragraph opens with one.
    segs, paras = doc.segs, doc.paras
    carried = list(own)
    for k in range(len(segs) - 2, -1, -1):
        o, c, pi = segs[k]
        no, nc, npi = segs[k + 1]
        if c == paras[pi][1] and npi == pi + 1 and no == paras[npi][0] and carried[k] is None and carried[k + 1] is not None:
            carried[k] = carried[k + 1]
    return carried


@dataclass(frozen=True, slots=True)
class _Previous:
    """The last attributed quote: a later quote may go on with its attribution."""

    attr: Attribution
    para: int  # paragraph index
    end: int  # its closing mark


def _direct_items(
    doc: _Doc, own: list[Attribution | None], partials: list[bool]
) -> list[tuple[int, int, str, Attribution | None]]:
    """Direct and partial quotes as (start, end, kind, attribution), their own or one lent them."""
    items: list[tuple[int, int, str, Attribution | None]] = []
    prev: _Previous | None = None
    for seg, partial, a in zip(doc.segs, partials, own):
        o, c, pi = seg
        c_s, c_e = _quote_span(doc.text, o, c, a)
        if c_e <= c_s or _in_adjunct(doc, o, c) or _is_title(doc.text, o, c, doc.paras[pi]):
            continue  # a title ('the reality show "The Apprentice"'), not a quotation
        a = _lent_attribution(doc, seg, partial, prev) if a is None else _on_quote(a, o, c)
        if a is None and len(doc.text[c_s:c_e].split()) < 6:
            continue  # scare quotes or a title ("Harbour", Channel 9's "Morning Report"), not a quotation
        items.append((c_s, c_e, "partial" if partial else "direct", a))
        if a is not None and (not partial or a.cue_start > c):
            # A partial quote followed by its attribution ('"…," says X.') can be continued too.
            prev = _Previous(a, pi, c)
    return items


_NAMED = re.compile(r"\b(?:titled|entitled|called|named|dubbed|nicknamed|known[ \t]+as|labell?ed)[ \t]+(?:the[ \t]+|an?[ \t]+)?$")


def _is_title(text: str, o: int, c: int, para: tuple[int, int]) -> bool:
    """Whether the quoted words are a title in title case ("The Late Show With Stephen Colbert"), not speech."""
    words = text[o + 1 : c].split()
    if not 2 <= len(words) <= 8 or re.search(r"[.!?,;:]", text[o + 1 : c]) or not words[0][:1].isupper():
        return False
    if _NAMED.search(text, max(0, o - 30), o):
        return False  # 'a report titled "…"', 'known as the "…"': a name given, which PolNeAR attributes
    if _title_case(text[para[0] : o].split() + text[c + 1 : para[1]].split()):
        return False  # a headline capitalises every word: its quotes are quotes
    return _title_case(words)


def _title_case(words: list[str]) -> bool:
    """Whether every word of four letters or more is capitalised (words that are not all letters aside)."""
    return all(w[:1].isupper() or len(w) < 4 or not w.isalpha() for w in words)


def _in_adjunct(doc: _Doc, o: int, c: int) -> bool:
    """Whether the quote stands between a cue and its reported clause: a title ('said on "Meet the Press" that')."""
    if not doc.text[o + 1 : o + 2].isupper():
        return False  # a title is capitalised
    k = bisect.bisect_right(doc.attr_starts, c)
    return any(a.shape == "before" and a.cue_end <= o for a in doc.attrs_by_start[k : bisect.bisect_right(doc.attr_starts, c + 120)])


def _quote_span(text: str, o: int, c: int, a: Attribution | None) -> tuple[int, int]:
    """The quoted words: inside the marks, and after "NAME:" on a transcript line."""
    c_s, c_e = strip_span(text, o + 1, c)
    if a is not None and a.cue == ":" and o < a.speaker_start:
        c_s = max(c_s, a.content_start)
    return c_s, c_e


def _on_quote(a: Attribution, o: int, c: int) -> Attribution:
    """``a`` with the quote for content (a transcript line keeps the words after "NAME:")."""
    if a.content_start != o + 1 and not (a.cue == ":" and o < a.speaker_start):
        return Attribution(a.cue_start, a.cue_end, a.cue, a.speaker_start, a.speaker_end, a.speaker_text, a.role, o + 1, c, a.shape)
    return a


def _lent_attribution(
    doc: _Doc, seg: tuple[int, int, int], partial: bool, prev: _Previous | None
) -> Attribution | None:
    """A quote with none of its own: the reported clause around it, the previous quote's, or a nearby subject's."""
    o, c, pi = seg
    ps, pe = doc.paras[pi]
    a = _inner_attribution(doc, o)
    if a is None and prev is not None:
        a = _continued_attribution(doc, seg, partial, prev)
    if a is not None or partial:
        return a
    # '… reluctant, Jane Roe said. "…"': the reported sentence just before names the speaker.
    a = _after_lead_attribution(doc.masked, doc.attrs_by_start, doc.attr_starts, ps, o, c)
    if a is None and o > ps:
        # "Jane Roe agreed. "…"": a short sentence right before the quote.
        a = _short_lead_attribution(doc.masked, ps, o, c)
    if a is None and pi > 0 and o <= ps and c >= pe - 2:
        # A paragraph that is only a quote: the person the paragraph before was about.
        a = _topic_attribution(doc.masked, doc.paras[pi - 1], o, c, doc.ents)
    return a


def _inner_attribution(doc: _Doc, o: int) -> Attribution | None:
    """Inside a reported clause: the innermost clause's attribution."""
    k = bisect.bisect_right(doc.attr_starts, o + 1)
    inner = [ra for ra in doc.attrs_by_start[max(0, k - 30) : k] if o < ra.content_end and id(ra) not in doc.nested]
    if not inner:
        return None
    return min(inner, key=lambda ra: ra.content_end - ra.content_start)


def _continued_attribution(doc: _Doc, seg: tuple[int, int, int], partial: bool, prev: _Previous) -> Attribution | None:
    """The previous quote's attribution, when this quote goes on with it."""
    o, c, pi = seg
    if not partial and pi - prev.para <= 1 and _continues_previous(doc, o, pi, prev):
        return prev.attr
    if partial and pi == prev.para and prev.attr.cue_start > prev.end:
        # '"A," X said, and still "B"': a partial quote joined to the attribution's own clause.
        tail = doc.masked[max(prev.attr.cue_end, prev.attr.speaker_end) : o]
        if _JOINED_PARTIAL.fullmatch(tail):
            return prev.attr
    return None


def _continues_previous(doc: _Doc, o: int, pi: int, prev: _Previous) -> bool:
    """Whether only the previous attribution's own sentence, or a short gap, stands before the quote."""
    masked, paras = doc.masked, doc.paras
    prev_attr, prev_para, prev_end = prev.attr, prev.para, prev.end
    # A cue word that makes no attribution ('He did not suggest retaliation.') is no other speaker.
    other_cue = any(
        m.start() + prev_end != prev_attr.cue_start and m.start() + prev_end in doc.attr_cues
        for m in CUE_RE.finditer(masked[prev_end:o])
    )
    gap = masked[prev_end:o]
    if prev_end <= prev_attr.speaker_start < o:
        # The attribution itself ('said X' or 'X said') is no gap.
        lo_a = min(prev_attr.speaker_start, prev_attr.cue_start)
        hi_a = max(prev_attr.speaker_end, prev_attr.cue_end)
        gap = masked[prev_end:lo_a] + masked[hi_a:o]
    # Other cue words are fine inside the attribution sentence itself
    # ('"A," said X, who wants Y. "B."'), not in a sentence of their own.
    one_sentence = pi == prev_para and not any(
        masked[x.start()] in ".!?" for x in _STOP.finditer(masked, prev_end + 1, max(prev_end + 1, o - 2))
    )
    # '"A," X said at length, in a long adjunct.' ending its paragraph, the next one
    # opening with a quote: the attribution sentence alone stands between them.
    next_para = (
        pi == prev_para + 1 and o == paras[pi][0] and prev_attr.cue_start >= prev_end
        and not any(masked[x.start()] in ".!?" for x in _STOP.finditer(masked, prev_end + 1, max(prev_end + 1, paras[prev_para][1] - 2)))
    )
    return one_sentence or next_para or (not other_cue and (pi == prev_para or len(re.findall(r"[A-Za-z]", gap)) < 40))


def _reported_items(doc: _Doc) -> list[tuple[int, int, str, Attribution | None]]:
    """Reported clauses as (start, end, "reported", attribution), less those a direct quote already gives."""
    masked = doc.masked
    quoted = [(o, c) for o, c, _ in doc.segs]
    quoted_starts = [o for o, _ in quoted]
    items: list[tuple[int, int, str, Attribution | None]] = []
    for a in doc.attrs:
        if a.content_end - a.content_start > MAX_QUOTE_CHARS:
            continue
        if masked.count("Q", a.content_start, a.content_end) > 0.5 * (a.content_end - a.content_start):
            continue  # the words of a direct quote, emitted as one
        if id(a) in doc.nested:
            continue  # "X said they want to …": the wanting is part of what X said
        # A reported clause that is itself one direct quote is emitted as that quote.
        k = bisect.bisect_left(quoted_starts, a.content_start - 3)
        if any(
            c <= a.content_end + 2 and (c - o) >= 0.8 * (a.content_end - a.content_start)
            for o, c in quoted[k : k + 30]
        ):
            continue
        items.append((a.content_start, a.content_end, "reported", a))
    return items


def _quotes(
    article_id: str, doc: _Doc, items: list[tuple[int, int, str, Attribution | None]], all_roles: bool = False
) -> tuple[tuple[Quote, ...], dict[str, str]]:
    """Step 5: each item once, its speaker resolved; the quotes, and the roles their speakers are given."""
    resolver = SpeakerResolver(doc.text, doc.ents, [e.start for e in doc.ents], doc.segs, doc.sents)
    roles: dict[str, str] = {}
    out: list[Quote] = []
    seen: set[tuple[int, int, str]] = set()
    for s, e, kind, a in items:
        if (s, e, kind) in seen:
            continue
        seen.add((s, e, kind))
        speaker = span = cue = None
        if a is not None:
            speaker = resolver.resolve(a)
            span = (a.speaker_start, a.speaker_end)
            cue = a.cue or None
            if a.role and speaker:
                roles.setdefault(speaker, " ".join(a.role.split()))
        out.append(Quote(article_id=article_id, start=s, end=e, kind=kind, speaker=speaker, speaker_span=span, cue=cue))
    return tuple(out), resolver.roles_elsewhere(out, roles) if all_roles else roles


def speaker_roles(article: Article, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> dict[str, str]:
    """Roles and affiliations the article gives its speakers.

    Args:
        article: The article.
        sentences: Its sentences (optional).
        entities: Its entities (optional; names are canonical when given).

    Returns:
        Speaker name -> role as written (``"a spokeswoman for the ministry"``,
        ``"UN spokesman"``), for speakers the text describes.
    """
    text = article.text or ""
    if not text.strip():
        return {}
    return _extract(article.id, text, sentences, entities, roles=True)[1]


def describe_speakers(
    article: Article, quotes: Sequence[Quote] = (), entities: Sequence[Entity] = (), sentences: Sequence[Sentence] = ()
) -> dict[str, str]:
    """Roles of the speakers of ``quotes``, for the reconciliation step.

    Args:
        article: The article the quotes come from.
        quotes: Its quotes (from :func:`extract_quotes`); only their speakers
            are described. Empty means every speaker found.
        entities: Its entities.
        sentences: Its sentences (optional).

    Returns:
        Speaker name -> role or affiliation as the text gives it.

    Example:
        >>> a = Article(id="a", text="Maria Lopez, a spokeswoman for the ministry, said aid had come.")
        >>> describe_speakers(a)
        {'Maria Lopez': 'a spokeswoman for the ministry'}
    """
    roles = speaker_roles(article, sentences, entities)
    if not quotes:
        return roles
    wanted = {q.speaker for q in quotes if q.speaker}
    return {k: v for k, v in roles.items() if k in wanted}
