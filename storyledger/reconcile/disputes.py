"""Find disputes in a story: opposing attributed claims about the same thing, listed, not resolved.

A dispute is found in four ways, then candidates about the same thing are merged:

1. **Denial with a back-reference**: a sentence whose cue denies (deny, reject,
   dismiss, refute; "a lie", "fake", "baseless") and points back ("the claim",
   "the accusation", "this") answers the previous sentence's attributed claim.
2. **Denial in one sentence**: "X said A, but Y said this was a lie" (the claim
   before the contrast, the denial after it), or "Y dismissed X's assurances as
   a lie" (the claimant named in the object).
3. **Two accounts in one sentence**: "X asserts A, whereas Y asserts B".
4. **Across articles**: an alignment of kind ``related`` between an attributed
   claim and a denial (or between two speakers' accounts with a negation).
5. **Debunks across articles**: a sentence that denies or debunks a claim
   (:func:`~storyledger.reconcile.debunks.contest_cue`: "denied the reports",
   "the story is a hoax", "no evidence that") paired with the sentence of
   another article that asserts the claim. An unattributed sentence speaks for
   its report: its side is the article's source (or unattributed).
6. **A claim and its contest in one sentence**
   (:func:`~storyledger.reconcile.debunks.claim_frame`: "denied rumours that
   …", "debunk Smith's theory", "reports that … were untrue", "despite reports
   …, … not …"), where ways 1-5 cite nothing of that sentence: the claim's side
   is its owner or source as the sentence names it, else the reports themselves.
   A claim no one is said to make ("the story of … is a hoax") contested in the
   report's own voice sets no two parties against each other: alone it is no
   dispute (way 5 pairs it with a report that asserts the claim).
7. **A figure parties give differently**: a figure group that reconciliation
   found ``conflicting`` (independent reports, none superseding the others,
   incompatible values) whose reports are attributed to two parties with no
   compatible value between them: one side's toll against the other's.

A denial verb counts only where it takes a claim, not a request or a proceeding
("was denied parole", "the judge dismissed the charges":
:func:`~storyledger.reconcile.denials.denial_verb`), and "but" opposes two
accounts only where the second negates what the first asserts ("said the lights were
drones, but … said they weren't": :func:`~storyledger.reconcile.denials.negates`).

What is no dispute: two speakers saying compatible things (nothing above
fires on agreement or on reporting verbs alone, nor on a negated one: "does not
state", "would not comment"), a speaker qualifying their own words (a contrast
inside one quotation; a second verb with no subject of its own, "X told police
…, but denied …"), and two voices of one party (sides are parties: a
spokesperson's side is their ministry's, a campaign manager's their campaign's,
a short name its fuller mention's, and the authorities of one jurisdiction,
police and the sheriff's office, report one investigation:
:mod:`~storyledger.reconcile.sides`; sides of one party are joined, and a
candidate left with one party is dropped); nor are a heading's words, a line announcing a
statement, a noun of claims as party, or two sides citing one passage
(:mod:`~storyledger.reconcile.side_checks`).

Speakers come from the extracted quotes (their resolved speakers) and entities
(their canonical names); failing both, from the words before the cue verb: the
quotes stage's :class:`~storyledger.extract.SpeakerResolver` answers all three.
Each side keeps the exact sentences (as spans) it rests on, widened by the
passages aligned to them in other articles and by its party's quotes elsewhere
in the story that repeat the words its claim quotes; it lists every speaker
gathered on it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..extract import SpeakerResolver
from ..records import Alignment, Article, ArticleFacts, Dispute, DisputeSide, FigureGroup, Sentence, Span, content_id
from ..text import segment_article
from .debunks import CONTEST_OVERLAP, claim_frame, contests
from .denials import CLAIM_VERB, DENY_VERB, denial_verb, negates, shares_subject, within_quotation
from .side_checks import agent_of, headline_line, names_no_agent, sound_sides
from .sides import one_side, within_party
from .tolls import opposed_parties

__all__ = [
    "find_disputes",
]

log = logging.getLogger(__name__)

_DENY_WORD = re.compile(
    r"\b(lies?|lying|fake|false(?:hoods?)?|baseless|unfounded|groundless|propaganda|fabricat\w*|"
    r"not true|untrue|nonsense|slander\w*|smear|sham|hoax|disinformation|misinformation)\b",
    re.I,
)
_BACKREF = re.compile(
    r"\b(the|these|those|such|that|this|its|their)\s+(claims?|accusations?|allegations?|charges?|reports?|"
    r"assertions?|assurances?|statements?|suggestions?|version)\b|"
    r"\b(denied|rejected|refuted|dismissed|called|branded|labell?ed)\s+(it|this|that)\b|"
    r"\b(this|that|it)\s+(was|is)\b",
    re.I,
)
_SPEECH_NOUN = re.compile(
    r"(claims?|accusations?|allegations?|charges?|assurances?|statements?|remarks?|comments?|assertions?|account|"
    r"version|reports?|promises?|pledges?|denials?|suggestions?|characteri[sz]ation|criticism|arguments?|narrative|"
    r"story|findings?|conclusions?|testimony|description)$",
    re.I,
)
# A modal or a negation before a denial verb ("could refute", "did not dispute") states no denial.
_MODAL = re.compile(r"(?:\b(?:could|would|might|may|can|should|will|to|not|never|no)|n['’]t)\s+(?:\w+\s+)?$", re.I)
_CONTRAST = re.compile(r",?\s+\b(but|whereas|while|however|yet)\b\s+|;\s+", re.I)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{2,200})[\"“”«»]")
_STOP = set(
    "a an the of to in on at for and or but with by from as that this these those it its is are was were be "
    "been has have had he she they we i you his her their our not no which who whom what said says say".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(slots=True)
class _Side:
    speaker: str | None
    claim: str
    spans: list[Span]
    stance: str  # "claim" | "deny"
    party: str | None = None
    speakers: tuple[str, ...] = ()


@dataclass(slots=True)
class _Candidate:
    sides: list[_Side]
    topic: str
    article_ids: set[str] = field(default_factory=set)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _quoted(text: str) -> set[str]:
    return {" ".join(q.lower().split()) for q in _QUOTED.findall(text) if len(q.split()) >= 2}


def _not_a_speaker(phrase: str) -> bool:
    """Function words, denial words ("lies", "propaganda") and nouns of claims or texts ("rumors") name no speaker."""
    return phrase.lower() in _STOP or bool(_DENY_WORD.fullmatch(phrase)) or names_no_agent(phrase)


def _resolver(article: Article, facts: ArticleFacts | None) -> SpeakerResolver:
    """The article's speaker resolver, over its extracted quotes and entities."""
    return SpeakerResolver.from_facts(article, facts, _not_a_speaker)


_PASSIVE = re.compile(r"\b(?:denied|rejected|dismissed|refuted|disputed|contested)\s+by\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def _speaker_of(sp: SpeakerResolver, start: int, end: int, cue_pos: int | None) -> str | None:
    passive = _PASSIVE.search(sp.text, start, end)
    if passive:
        return sp.entity_at(passive.start(1), passive.end(1)) or passive.group(1)
    who = sp.quote_speaker(start, end)
    if who:
        return who
    if cue_pos is not None:
        return _participle_subject(sp, start, cue_pos) or sp.clause_subject(start, cue_pos)
    return None


_PARTICIPLE = re.compile(r"\w+ing\b")
_HEAD = re.compile(r"\W*(?:\S+\s+){0,3}")


def _participle_subject(sp: SpeakerResolver, start: int, cue_pos: int) -> str | None:
    """The speaker of a participle cue (", accusing …"): the sentence's subject, named in its first words."""
    if not _PARTICIPLE.match(sp.text, cue_pos) or not sp.text[start:cue_pos].rstrip().endswith(","):
        return None
    head = _HEAD.match(sp.text, start, cue_pos)
    return sp.entity_at(start, head.end()) if head and head.end() > start else None


def _span(s: Sentence, start: int | None = None, end: int | None = None) -> Span:
    return Span(article_id=s.article_id, start=s.start if start is None else start, end=s.end if end is None else end)


def _topic(text: str) -> str:
    q = _QUOTED.findall(text)
    if q:
        return max(q, key=len).strip()
    words = text.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _in_sentence(s: Sentence, sp: SpeakerResolver) -> list[_Candidate]:
    """Denials and two-sided accounts inside one sentence."""
    text, out = s.text, []
    parts, last = [], 0
    for m in _CONTRAST.finditer(text):
        # A contrast inside a quotation is one speaker's words: their own qualification, no second side.
        if within_quotation(text, m.start()):
            continue
        parts.append((last, m.start()))
        last = m.end()
    parts.append((last, len(text)))
    if len(parts) >= 2:
        for (a0, a1), (b0, b1) in zip(parts, parts[1:]):
            ca, cb = text[a0:a1], text[b0:b1]
            ma, mb = CLAIM_VERB.search(ca), CLAIM_VERB.search(cb) or denial_verb(cb)
            deny_b = bool(denial_verb(cb) or _DENY_WORD.search(cb))
            # "X said …, but denied …": a second verb with no subject of its own is X's own qualification.
            if not ma or not mb or DENY_VERB.search(ca) or shares_subject(cb):
                continue
            who_a = _speaker_of(sp, s.start + a0, s.start + a1, s.start + a0 + ma.start())
            who_b = _speaker_of(sp, s.start + b0, s.start + b1, s.start + b0 + mb.start())
            if not who_a or not who_b or who_a.lower() == who_b.lower():
                continue
            # "whereas" opposes two accounts; "but"/"while" only when the second is negated.
            # A negation opposes only where it takes words the first account asserts (:func:`.denials.negates`).
            two_accounts = bool(re.search(r"\bwhereas\b", text[a1:b0], re.I)) or negates(ca, cb)
            if deny_b or two_accounts:
                out.append(
                    _Candidate(
                        sides=[
                            _Side(who_a, ca.strip(" ,;"), [_span(s)], "claim"),
                            _Side(who_b, cb.strip(" ,;."), [_span(s)], "deny" if deny_b else "claim"),
                        ],
                        topic=_topic(ca),
                        article_ids={s.article_id},
                    )
                )
                return out
    return _dismissed_claim(s, sp)


def _dismissed_claim(s: Sentence, sp: SpeakerResolver) -> list[_Candidate]:
    """"X dismissed Y's assurances as a lie": Y's claim and X's denial in one sentence."""
    text, out = s.text, []
    m = DENY_VERB.search(text)
    if m:
        obj = text[m.end() :]
        owner = re.match(r"\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)(?:'s|’s)\s+(\w+)", obj)
        if owner and not _hypothetical(text, m.start()) and (
            _SPEECH_NOUN.match(owner.group(2)) or re.search(r"\bas\s+(?:being\s+)?(?:an?\s+)?[\"“«]?\s*\w*", obj[owner.end():owner.end() + 60])
            and (_DENY_WORD.search(obj) or _QUOTED.search(obj))
        ):
            denier = _speaker_of(sp, s.start, s.start + m.start(), s.start + m.start())
            claimant = sp.entity_at(s.start + m.end(), s.end) or owner.group(1)
            if denier and claimant and denier.lower() != claimant.lower():
                # The claim side cites the object's own words ("the Governor's assurances"), the denial the sentence.
                said = obj.strip(" .").split(" as ")[0]
                at = s.start + m.end() + obj.index(said)
                out.append(
                    _Candidate(
                        sides=[
                            _Side(claimant, said, [_span(s, at, at + len(said))], "claim"),
                            _Side(denier, text.strip(), [_span(s)], "deny"),
                        ],
                        topic=_topic(obj) if _QUOTED.search(obj) else obj.strip(" .").split(" as ")[0],
                        article_ids={s.article_id},
                    )
                )
    return out


def _hypothetical(text: str, pos: int) -> bool:
    """Whether a modal or a negation comes just before ``pos``."""
    return bool(_MODAL.search(text[max(0, pos - 24) : pos]))


def _is_denial(text: str) -> re.Match | None:
    m = denial_verb(text)
    if m and not _hypothetical(text, m.start()):
        return m
    return _DENY_WORD.search(text)


def _article_candidates(article: Article, sents: Sequence[Sentence], facts: ArticleFacts | None) -> list[_Candidate]:
    sp = _resolver(article, facts)
    out: list[_Candidate] = []
    used: set[int] = set()
    for i, s in enumerate(sents):
        inner = _in_sentence(s, sp)
        if inner:
            out.extend(inner)
            used.add(i)
            continue
        m = _is_denial(s.text)
        if not m or i == 0:
            continue
        prev = sents[i - 1]
        if not _BACKREF.search(s.text) or not CLAIM_VERB.search(prev.text) or _is_denial(prev.text):
            continue
        cm = CLAIM_VERB.search(prev.text)
        claimant = _speaker_of(sp, prev.start, prev.end, prev.start + cm.start())
        dm = DENY_VERB.search(s.text) or CLAIM_VERB.search(s.text) or m
        denier = _speaker_of(sp, s.start, s.end, s.start + dm.start())
        if not claimant or not denier or claimant.lower() == denier.lower():
            continue
        out.append(
            _Candidate(
                sides=[_Side(claimant, prev.text.strip(), [_span(prev)], "claim"), _Side(denier, s.text.strip(), [_span(s)], "deny")],
                topic=_topic(prev.text),
                article_ids={article.id},
            )
        )
        used.update((i - 1, i))
    # A denial that follows one already found, by the same speaker, adds to that side.
    for i, s in enumerate(sents):
        if i in used or not _is_denial(s.text) or i == 0 or (i - 1) not in used:
            continue
        who = sp.quote_speaker(s.start, s.end) or sp.speaker_before(s.end)
        for c in out:
            side = next((x for x in c.sides if x.stance == "deny" and x.spans[-1].end <= s.start), None)
            if side and who and side.speaker and who.lower() == side.speaker.lower():
                side.spans.append(_span(s))
                used.add(i)
                break
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _similar_sides(a: _Side, b: _Side) -> float:
    score = 0.0
    if a.speaker and b.speaker:
        wa, wb = _content_words(a.speaker), _content_words(b.speaker)
        if a.speaker.lower() == b.speaker.lower() or (wa & wb):
            score += 1.0
    if _quoted(a.claim) & _quoted(b.claim):
        score += 1.0
    ca, cb = _content_words(a.claim), _content_words(b.claim)
    if ca and cb:
        score += len(ca & cb) / len(ca | cb)
    if a.stance == b.stance:
        score += 0.25
    return score


def _linked(x: _Candidate, y: _Candidate, aligned: list[tuple[Span, Span]]) -> bool:
    xs = [sp for side in x.sides for sp in side.spans]
    ys = [sp for side in y.sides for sp in side.spans]
    if any(_overlaps(a, b) for a in xs for b in ys):
        return True
    for a, b in aligned:
        if (any(_overlaps(a, s) for s in xs) and any(_overlaps(b, s) for s in ys)) or (
            any(_overlaps(b, s) for s in xs) and any(_overlaps(a, s) for s in ys)
        ):
            return True
    qx = set().union(*(_quoted(s.claim) for s in x.sides))
    qy = set().union(*(_quoted(s.claim) for s in y.sides))
    if qx & qy:
        return True
    cx = next((s for s in x.sides if s.stance == "claim"), None)
    cy = next((s for s in y.sides if s.stance == "claim"), None)
    return bool(
        cx and cy and cx.speaker and cy.speaker and x.article_ids & y.article_ids
        and cx.speaker.lower() == cy.speaker.lower()
    )


def _voices(side: _Side) -> tuple[str, ...]:
    """Every speaker a side has gathered, its own first."""
    return tuple(dict.fromkeys(((side.speaker,) if side.speaker else ()) + side.speakers))


def _keys(side: _Side) -> set[str]:
    """The party keys of a side's speakers."""
    return {SpeakerResolver.party_key(v) for v in _voices(side)} - {""}


def _merged(into: _Candidate, other: _Candidate) -> _Candidate:
    """``into`` with ``other``'s sides joined to the most similar of its own (or added)."""
    sides = [_Side(x.speaker, x.claim, list(x.spans), x.stance, None, _voices(x)) for x in into.sides]
    free = list(range(len(sides)))
    for side in sorted(other.sides, key=lambda s: s.stance != "claim"):
        # A side whose voices another already has joins that one; else the most similar free one.
        same = [i for i in range(len(sides)) if _keys(sides[i]) & _keys(side)]
        if same or free:
            best = same[0] if same else max(free, key=lambda i: _similar_sides(sides[i], side))
            if best in free:
                free.remove(best)
            target = sides[best]
            target.spans.extend(sp for sp in side.spans if sp not in target.spans)
            target.speakers = tuple(dict.fromkeys(target.speakers + _voices(side)))
            if not target.speaker:
                target.speaker = side.speaker
        else:
            sides.append(side)
    return _Candidate(sides=sides, topic=into.topic, article_ids=into.article_ids | other.article_ids)


def _usable_sentences(arts: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]) -> dict[str, list[Sentence]]:
    """Each article's sentences that lie within its text, segmented here where none do."""
    return {
        a.id: [s for s in (sentences.get(a.id) or ()) if 0 <= s.start < s.end <= len(a.text)] or list(segment_article(a))
        for a in arts
    }


def _within_articles(
    arts: Sequence[Article], sents: Mapping[str, list[Sentence]], facts: Mapping[str, ArticleFacts]
) -> list[_Candidate]:
    """1-3. The candidates each article states on its own."""
    cands: list[_Candidate] = []
    for a in arts:
        try:
            cands.extend(_article_candidates(a, sents[a.id], facts.get(a.id)))
        except (ValueError, IndexError) as e:  # a malformed record must not sink the story
            log.warning("disputes skipped for %s: %s", a.id, e)
    return cands


def _aligned_pairs(alignments: Sequence[Alignment], by_id: Mapping[str, Article]) -> list[tuple[Span, Span]]:
    """The passage pairs that report the same content (not merely the same event)."""
    return [
        (al.a, al.b) for al in alignments
        if al.kind != "related" and al.a.article_id in by_id and al.b.article_id in by_id
    ]


def _sentence_at(sents: Mapping[str, list[Sentence]], span: Span) -> Sentence | None:
    """The sentence of the span's article holding its start."""
    for s in sents.get(span.article_id, ()):
        if s.start <= span.start < s.end:
            return s
    return None


def _related_candidate(
    sa: Sentence, sb: Sentence, by_id: Mapping[str, Article], facts: Mapping[str, ArticleFacts]
) -> _Candidate | None:
    """A claim in one article met by a denial in another, from a related pair of sentences."""
    da, db = bool(_is_denial(sa.text)), bool(_is_denial(sb.text))
    # "Related" pairs abound (the same event, another figure): only a claim met by a denial is a dispute.
    if da == db:
        return None
    ma, mb = CLAIM_VERB.search(sa.text) or DENY_VERB.search(sa.text), CLAIM_VERB.search(sb.text) or DENY_VERB.search(sb.text)
    if not ma or not mb:
        return None
    spa, spb = _resolver(by_id[sa.article_id], facts.get(sa.article_id)), _resolver(by_id[sb.article_id], facts.get(sb.article_id))
    wa = _speaker_of(spa, sa.start, sa.end, sa.start + ma.start())
    wb = _speaker_of(spb, sb.start, sb.end, sb.start + mb.start())
    if not wa or not wb or wa.lower() == wb.lower():
        return None
    claim, deny = ((sa, wa), (sb, wb)) if not da else ((sb, wb), (sa, wa))
    return _Candidate(
        sides=[
            _Side(claim[1], claim[0].text.strip(), [_span(claim[0])], "claim"),
            _Side(deny[1], deny[0].text.strip(), [_span(deny[0])], "deny" if (da or db) else "claim"),
        ],
        topic=_topic(claim[0].text),
        article_ids={sa.article_id, sb.article_id},
    )


def _across_articles(
    alignments: Sequence[Alignment],
    by_id: Mapping[str, Article],
    sents: Mapping[str, list[Sentence]],
    facts: Mapping[str, ArticleFacts],
) -> list[_Candidate]:
    """4. The candidates of ``related`` alignments: a claim and a denial, or two speakers' accounts."""
    cands: list[_Candidate] = []
    for al in alignments:
        if al.kind != "related" or al.a.article_id not in by_id or al.b.article_id not in by_id:
            continue
        sa, sb = _sentence_at(sents, al.a), _sentence_at(sents, al.b)
        if sa is None or sb is None:
            continue
        c = _related_candidate(sa, sb, by_id, facts)
        if c is not None:
            cands.append(c)
    return cands


def _voice_of(s: Sentence, cue: int | None, article: Article, facts: Mapping[str, ArticleFacts]) -> str | None:
    """The speaker the sentence names or quotes (at its cue, else at its reporting verb), or None."""
    m = CLAIM_VERB.search(s.text) if cue is None else None
    pos = cue if cue is not None else (s.start + m.start() if m else None)
    return _speaker_of(_resolver(article, facts.get(article.id)), s.start, s.end, pos)


def _side_of(s: Sentence, cue: int | None, article: Article, facts: Mapping[str, ArticleFacts]) -> str | None:
    """Who a sentence speaks for: its speaker, else the source of the report that states it."""
    return _voice_of(s, cue, article, facts) or article.source


def _debunks(
    by_id: Mapping[str, Article],
    sents: Mapping[str, list[Sentence]],
    facts: Mapping[str, ArticleFacts],
    found: Sequence[_Candidate],
    threshold: float,
) -> list[_Candidate]:
    """5. A claim in one article met by a denial or debunk of it in another.

    A denial already paired with its claim by ways 1-4 (``found``) is not paired again.
    """
    cited = [sp for c in found for side in c.sides for sp in side.spans]
    cands: list[_Candidate] = []
    for c in contests(sents, threshold):
        if any(_overlaps(_span(c.contest), sp) for sp in cited):
            continue
        claimant = _side_of(c.claim, None, by_id[c.claim.article_id], facts)
        denier = _side_of(c.contest, c.cue_start if c.by_subject else None, by_id[c.contest.article_id], facts)
        if claimant and denier and claimant.lower() == denier.lower():
            continue
        cands.append(
            _Candidate(
                sides=[
                    _Side(claimant, c.claim.text.strip(), [_span(c.claim)], "claim"),
                    _Side(denier, c.contest.text.strip(), [_span(c.contest)], "deny"),
                ],
                topic=_topic(c.claim.text),
                article_ids={c.claim.article_id, c.contest.article_id},
            )
        )
    return cands


def _framed(
    by_id: Mapping[str, Article],
    sents: Mapping[str, list[Sentence]],
    facts: Mapping[str, ArticleFacts],
    found: Sequence[_Candidate],
) -> list[_Candidate]:
    """6. Sentences that state a claim and contest it, not already cited by ways 1-5."""
    cited = [sp for c in found for side in c.sides for sp in side.spans]
    cands: list[_Candidate] = []
    for article_id, article_sents in sents.items():
        article = by_id[article_id]
        for s in article_sents:
            # A heading is no sentence to read a claimant and a contest from ("Studies Debunk Smith's Theory").
            frame = None if headline_line(s.text) else claim_frame(s.text)
            if frame is None or any(_overlaps(_span(s), sp) for sp in cited):
                continue
            sp = _resolver(article, facts.get(article_id))
            named = sp.entity_at(s.start + frame.claimant_start, s.start + frame.claimant_end)
            # A name the frame's words hold ("ISIS" in "the ISIS claims"), not a longer run around them; the
            # claim noun alone ("rumors that …") names no owner.
            claimant = named if named and named.lower() in frame.claimant.lower() else frame.claimant
            claimant = None if not frame.owned or names_no_agent(claimant) else claimant
            cue = None if frame.speaker_end is None else s.start + (
                # The claim as subject ("Roe said reports that … were false"): its contester speaks at the verb.
                frame.speaker_end if frame.speaker_end == frame.cue_start else _cue_before(s.text, frame.speaker_end)
            )
            voice = _voice_of(s, cue, article, facts)
            # A claim no one is said to make, contested in the report's own voice: no two parties.
            if voice is None and not frame.owned:
                continue
            denier = voice or article.source
            if denier and claimant and claimant.lower() == denier.lower():
                continue
            # The claim side cites the claim's own words, the contest the whole sentence.
            at = s.text.find(frame.claim)
            own = _span(s, s.start + at, s.start + at + len(frame.claim)) if at >= 0 else _span(s)
            cands.append(
                _Candidate(
                    sides=[
                        _Side(claimant, frame.claim, [own], "claim"),
                        _Side(denier, s.text.strip(), [_span(s)], "deny"),
                    ],
                    topic=_topic(frame.claim),
                    article_ids={article_id},
                )
            )
    return cands


def _cue_before(text: str, end: int) -> int:
    """Where the words naming who contests end: at a reporting verb before ``end`` ("Roe said …"), else ``end``."""
    said = CLAIM_VERB.search(text, 0, end)
    return said.start() if said else end


def _contested_figures(
    groups: Sequence[FigureGroup],
    by_id: Mapping[str, Article],
    sents: Mapping[str, list[Sentence]],
    facts: Mapping[str, ArticleFacts],
) -> list[_Candidate]:
    """7. Conflicting figures that two parties give (:func:`.tolls.opposed_parties`): a side per party."""
    texts = {k: a.text for k, a in by_id.items()}

    def party_of(article_id: str, speaker: str) -> str | None:
        return _resolver(by_id[article_id], facts.get(article_id)).party_of(speaker)

    cands: list[_Candidate] = []
    for g in groups:
        sides = []
        for party, figs in opposed_parties(g, texts, party_of).items():
            found = [x for f in figs if (x := _sentence_at(sents, Span(article_id=f.article_id, start=f.start, end=f.end)))]
            voices = tuple(dict.fromkeys(re.sub(r"^(?:the|an?)\s+", "", f.attributed_to or "", flags=re.I) for f in figs))
            if found:
                sides.append(_Side(party, found[0].text.strip(), list(dict.fromkeys(_span(x) for x in found)), "claim", None, voices))
        if len(sides) >= 2:
            cands.append(_Candidate(sides=sides, topic=g.label, article_ids={sp.article_id for x in sides for sp in x.spans}))
    return cands


def _merge_linked(cands: Sequence[_Candidate], aligned: list[tuple[Span, Span]]) -> list[_Candidate]:
    """Candidates about the same thing merged, each into the first it is linked to."""
    merged: list[_Candidate] = []
    for c in cands:
        for k, m in enumerate(merged):
            if _linked(m, c, aligned):
                merged[k] = _merged(m, c)
                break
        else:
            merged.append(c)
    return merged


def _widened(c: _Candidate, aligned: list[tuple[Span, Span]], by_id: Mapping[str, Article]) -> _Candidate:
    """The candidate with each side's spans widened by the attributed passages aligned to them."""
    sides, article_ids = [], set(c.article_ids)
    for side in c.sides:
        spans = list(side.spans)
        for a, b in aligned:
            for x, y in ((a, b), (b, a)):
                if any(_overlaps(x, s) for s in spans) and not any(_overlaps(y, s) for s in spans):
                    peer = by_id[y.article_id].text[y.start : y.end]
                    # The same words elsewhere count for a side only where they are attributed too.
                    if not (CLAIM_VERB.search(peer) or _is_denial(peer)):
                        continue
                    spans.append(y)
                    article_ids.add(y.article_id)
        sides.append(_Side(side.speaker, side.claim, spans, side.stance, side.party, side.speakers))
    return _Candidate(sides=sides, topic=c.topic, article_ids=article_ids)


def _party_sides(sides: Sequence[_Side], parties: Sequence[str | None]) -> list[_Side]:
    """Sides of one party joined into one: the first's claim, every speaker, every span."""
    groups: dict[str, list[int]] = {}
    # Shorter names first, so that a party's organ ("Varga campaign") joins the party ("Varga"), a short
    # name its fuller mention ("Trump", "Donald J. Trump"); authorities of one jurisdiction ("police",
    # "the sheriff's office") are one side (:mod:`.sides`).
    for i in sorted(range(len(parties)), key=lambda i: len((parties[i] or "").split())):
        party = parties[i]
        key = next(
            (k for k in groups if party and (within_party(party, k) or one_side(parties[groups[k][0]], party))), None
        )
        groups.setdefault(key or (SpeakerResolver.party_key(party) if party else f"#{i}"), []).append(i)
    groups = {k: sorted(v) for k, v in sorted(groups.items(), key=lambda kv: min(kv[1]))}
    out = []
    for members in groups.values():
        first = sides[members[0]]
        spans = list(dict.fromkeys(sp for i in members for sp in sides[i].spans))
        speakers = tuple(dict.fromkeys(v for i in members for v in _voices(sides[i])))
        out.append(_Side(first.speaker, first.claim, spans, first.stance, parties[members[0]], speakers))
    return out


def _agent_side(side: _Side) -> _Side:
    """The side with a noun of claims or texts as speaker ("a report in the Herald") read as its source, or as nobody."""
    who = agent_of(side.speaker)
    return side if who == side.speaker else _Side(who, side.claim, side.spans, side.stance, side.party, side.speakers)


def _as_parties(
    c: _Candidate, by_id: Mapping[str, Article], facts: Mapping[str, ArticleFacts]
) -> _Candidate | None:
    """The candidate with sides that are parties (a spokesman's side is his ministry's); None if one party is left."""
    parties, c = [], _Candidate(sides=[_agent_side(x) for x in c.sides], topic=c.topic, article_ids=c.article_ids)
    for side in c.sides:
        # The first of the side's articles that says whom the speaker speaks for.
        articles = [by_id[i] for i in dict.fromkeys(sp.article_id for sp in side.spans) if i in by_id]
        party = next(
            (p for a in articles if (p := _resolver(a, facts.get(a.id)).party_of(side.speaker))), None
        )
        parties.append(party or side.speaker)
    sides = _party_sides(c.sides, parties)
    if len(sides) < 2:
        return None
    return _Candidate(sides=sides, topic=c.topic, article_ids=c.article_ids)


_SUFFIXES = ("ally", "edly", "ings", "ing", "ed", "ly", "es", "s")


def _stem(word: str) -> str:
    w = word.lower()
    end = next((e for e in _SUFFIXES if w.endswith(e) and len(w) - len(e) >= 3), "")
    return w[: len(w) - len(end)]


def _stems(text: str) -> set[str]:
    """Lower-cased words of four letters or more, one common ending cut ("cleansed", "cleansing" → "cleans")."""
    return {_stem(w) for w in _WORD.findall(text) if len(w) >= 4}


@dataclass(frozen=True, slots=True)
class _Voiced:
    """A quote of the story with its speaker, its speaker's party key and its word stems."""

    span: Span
    speaker: str
    key: str
    stems: frozenset[str]


def _voiced(by_id: Mapping[str, Article], facts: Mapping[str, ArticleFacts]) -> list[_Voiced]:
    """Every attributed quote of the story, once, with the party its speaker speaks for."""
    out = []
    for article in by_id.values():
        quotes = [q for q in (facts[article.id].quotes if article.id in facts else ()) if q.speaker]
        if not quotes:
            continue
        sp = _resolver(article, facts.get(article.id))
        keys = {who: SpeakerResolver.party_key(sp.party_of(who) or who) for who in {q.speaker for q in quotes}}
        out.extend(
            _Voiced(
                span=Span(article_id=article.id, start=q.start, end=q.end), speaker=q.speaker,
                key=keys[q.speaker], stems=frozenset(_stems(article.text[q.start : q.end])),
            )
            for q in quotes
        )
    return out


def _restated(c: _Candidate, voiced: Sequence[_Voiced]) -> _Candidate:
    """Each side widened by its party's quotes, anywhere in the story, that repeat the words its claim quotes.

    "Northland accused Southland of \"a blockade\"" is one report of Northland's side; a
    Northland envoy quoted elsewhere saying towns "were under blockade" is another.
    """
    phrases = [[_stems(q) for q in _QUOTED.findall(side.claim) if _stems(q)] for side in c.sides]
    if not any(phrases):
        return c
    sides = [_Side(x.speaker, x.claim, list(x.spans), x.stance, x.party, x.speakers) for x in c.sides]
    for side, stems in zip(sides, phrases):
        key = SpeakerResolver.party_key(side.party) if side.party else None
        for v in voiced:
            if v.key != key or not any(p <= v.stems for p in stems) or any(_overlaps(v.span, s) for s in side.spans):
                continue
            side.spans.append(v.span)
            side.speakers = tuple(dict.fromkeys(side.speakers + (v.speaker,)))
    return _Candidate(sides=sides, topic=c.topic, article_ids=c.article_ids | {s.article_id for x in sides for s in x.spans})


def _dispute(c: _Candidate) -> Dispute:
    """The record of a candidate, its id drawn from its citations."""
    sides = tuple(
        DisputeSide(
            speaker=s.speaker, claim=s.claim, citations=tuple(dict.fromkeys(s.spans)), party=s.party, speakers=s.speakers
        )
        for s in c.sides
    )
    cites = sorted((sp.article_id, sp.start, sp.end) for s in sides for sp in s.citations)
    return Dispute(id=content_id("dispute", *cites), topic=c.topic, sides=sides)


def find_disputes(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    facts: Mapping[str, ArticleFacts],
    alignments: Sequence[Alignment] = (),
    contest_overlap: float = CONTEST_OVERLAP,
    figures: Sequence[FigureGroup] = (),
) -> tuple[Dispute, ...]:
    """Opposing attributed claims about the same thing in a story, each side with speaker and sources.

    Args:
        articles: the story's articles.
        sentences: sentences per article id (segmented here where missing).
        facts: extracted facts per article id (quotes and entities name the speakers).
        alignments: the story's alignments; ``related`` pairs link a claim to a denial
            across articles, the others widen each side's citations.
        contest_overlap: the least Jaccard similarity between a denial's content words
            and those of the claim it contests in another article (way 5).
        figures: the story's reconciled figure groups; a ``conflicting`` one whose values
            two parties give is a dispute between them (way 7).

    Returns:
        The disputes, those reported by the most articles first.

    Example:
        >>> from storyledger.records import Article
        >>> a = Article(id="a", text="Police accused the Reds of starting the riot. "
        ...     "But the Reds denied the claim.")
        >>> d, = find_disputes([a], {}, {})
        >>> [s.speaker for s in d.sides]
        ['Police', 'Reds']
    """
    arts = [a for a in articles if isinstance(a, Article)]
    by_id = {a.id: a for a in arts}
    sents = _usable_sentences(arts, sentences)
    cands = _within_articles(arts, sents, facts)
    # Passages reporting the same content (not merely the same event) tie candidates and widen sides.
    aligned = _aligned_pairs(alignments, by_id)
    cands += _across_articles(alignments, by_id, sents, facts)
    cands += _debunks(by_id, sents, facts, cands, contest_overlap)
    cands += _framed(by_id, sents, facts, cands)
    cands += _contested_figures(figures, by_id, sents, facts)
    # No heading read as someone's words, no line announcing a statement, no side echoing another (:mod:`.side_checks`).
    merged = _merge_linked([c for c in cands if sound_sides([(x.speaker, x.claim, x.spans) for x in c.sides])], aligned)
    # Passages aligned (not merely related) to a side's sentences report the same side elsewhere.
    parties = [_as_parties(_widened(c, aligned, by_id), by_id, facts) for c in merged]
    # A party's quotes elsewhere that repeat the words its side's claim quotes cite that side too.
    voiced = _voiced(by_id, facts) if any(parties) else []
    out = [_dispute(_restated(c, voiced)) for c in parties if c is not None]
    out.sort(key=lambda d: (-len({sp.article_id for s in d.sides for sp in s.citations}), d.id))
    return tuple(out)
