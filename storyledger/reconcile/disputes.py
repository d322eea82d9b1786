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

Speakers come from the extracted quotes (their resolved speakers) and entities
(their canonical names); failing both, from the words before the cue verb.
Each side keeps the exact sentences (as spans) it rests on, widened by the
passages aligned to them in other articles.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import Alignment, Article, ArticleFacts, Dispute, DisputeSide, Sentence, Span, content_id

__all__ = [
    "find_disputes",
]

log = logging.getLogger(__name__)

_DENY_VERB = re.compile(
    r"\b(den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"rebuff(?:s|ed)?|disput(?:e|es|ed)|contest(?:s|ed)?|repudiat(?:e|es|ed))\b",
    re.I,
)
_DENY_WORD = re.compile(
    r"\b(lies?|lying|fake|false(?:hoods?)?|baseless|unfounded|groundless|propaganda|fabricat\w*|"
    r"not true|untrue|nonsense|slander\w*|smear|hoax|disinformation|misinformation)\b",
    re.I,
)
_CLAIM_VERB = re.compile(
    r"\b(accus(?:e|es|ed|ing)|alleg(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|"
    r"claim(?:s|ed|ing)?|assert(?:s|ed|ing)?|insist(?:s|ed|ing)?|sa(?:y|ys|id)|stat(?:e|es|ed)|"
    r"argu(?:e|es|ed)|maintain(?:s|ed)?|announc(?:e|es|ed)|told|tells?|warn(?:s|ed)?|charg(?:e|es|ed))\b",
    re.I,
)
_BACKREF = re.compile(
    r"\b(the|these|those|such|that|this|its|their)\s+(claims?|accusations?|allegations?|charges?|reports?|"
    r"assertions?|assurances?|statements?|suggestions?|version)\b|\b(denied|rejected|refuted)\s+(it|this|that)\b|"
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
_MODAL = re.compile(r"\b(could|would|might|may|can|should|will|to|not|never|n't|no)\s+(?:\w+\s+)?$", re.I)
_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|a|an|the)\b[^,]{0,120},")
_CONTRAST = re.compile(r",?\s+\b(but|whereas|while|however|yet)\b\s+|;\s+", re.I)
_NEGATION = re.compile(r"\b(not|never|no|n't|nothing|neither|nor)\b", re.I)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{2,200})[\"“”«»]")
_AUX = {
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "also", "publicly", "repeatedly",
    "strongly", "flatly", "firmly", "swiftly", "later", "then", "already", "quickly", "again", "did", "does",
    "do", "would", "will", "could", "had", "on", "friday", "monday", "tuesday", "wednesday", "thursday",
    "saturday", "sunday", "but", "and", "yet", "however", "while", "whereas",
}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
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


@dataclass(slots=True)
class _Candidate:
    sides: list[_Side]
    topic: str
    article_ids: set[str] = field(default_factory=set)


def _simple_sentences(article: Article) -> list[Sentence]:
    try:
        from ..text import segment_article

        return list(segment_article(article))
    except ImportError:
        pass
    out, start = [], 0
    for m in re.finditer(r"[.!?][\"'”’)]*\s+|\n+", article.text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(article.text):
        out.append((start, len(article.text)))
    spans = [(s + len(article.text[s:e]) - len(article.text[s:e].lstrip()), s + len(article.text[s:e].rstrip())) for s, e in out]
    return [
        Sentence(article_id=article.id, index=i, paragraph=0, start=s, end=e, text=article.text[s:e])
        for i, (s, e) in enumerate(x for x in spans if x[1] > x[0])
    ]


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _quoted(text: str) -> set[str]:
    return {" ".join(q.lower().split()) for q in _QUOTED.findall(text) if len(q.split()) >= 2}


class _Speakers:
    """Resolve who makes a claim in a clause of one article."""

    def __init__(self, article: Article, facts: ArticleFacts | None):
        self.text = article.text
        self.quotes = sorted(facts.quotes, key=lambda q: q.start) if facts else []
        self.entities = sorted(facts.entities, key=lambda e: e.start) if facts else []

    def canonical(self, start: int, end: int) -> str | None:
        for e in self.entities:
            if e.start < end and start < e.end and e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
                return e.canonical
        return None

    def from_quotes(self, start: int, end: int) -> str | None:
        for q in self.quotes:
            if not q.speaker:
                continue
            sp = q.speaker_span
            if sp and start <= sp[0] < end:
                return q.speaker
        for q in self.quotes:
            # A quote attributed from outside this clause belongs to the other clause's speaker.
            if q.speaker and q.start < end and start < q.end and q.speaker_span is None:
                return q.speaker
        return None

    def previous(self, pos: int) -> str | None:
        best = None
        for q in self.quotes:
            if q.speaker and q.start < pos:
                best = q.speaker
        if best:
            return best
        for e in self.entities:
            if e.end <= pos and e.label == "PERSON":
                best = e.canonical
        return best

    def subject(self, start: int, cue: int) -> str | None:
        """The words naming who speaks before the cue verb at ``cue`` in the clause from ``start``."""
        skip = [(start + m.start(), start + m.end()) for m in _RELATIVE.finditer(self.text[start:cue])]
        ents = [
            e
            for e in self.entities
            if start <= e.start and e.end <= cue and e.label in ("PERSON", "ORG", "GPE", "NORP")
            and not any(a <= e.start < b for a, b in skip)
        ]
        if ents:
            return ents[-1].canonical
        span = self.text[start:cue]
        if skip:
            span = span[: skip[-1][0] - start] if skip[-1][1] >= cue - 12 else span
        words = list(re.finditer(r"[\w'’.-]+", span))
        kept = [w for w in words if w.group().lower() not in _AUX]
        if not kept:
            return None
        if kept[-1].group().lower() in _PRONOUNS:
            return self.from_quotes(start, cue + 40) or self.previous(start)
        tail = kept[-4:]
        first = next((i for i, w in enumerate(tail) if w.group()[0].isupper()), None)
        dets = [i for i, w in enumerate(tail) if w.group().lower() in ("the", "a", "an")]
        if dets and (first is None or dets[-1] > first):
            first = dets[-1] + 1 if dets[-1] + 1 < len(tail) else None
        if first is None:
            return None
        phrase = self.text[start + tail[first].start() : start + tail[-1].end()]
        phrase = re.sub(r"^(?:The|A|An|the|a|an)\s+", "", phrase).strip(" ,.")
        if not phrase or phrase.lower() in _PRONOUNS or phrase.lower() in _STOP or _DENY_WORD.fullmatch(phrase):
            return None
        return phrase


_PASSIVE = re.compile(r"\b(?:denied|rejected|dismissed|refuted|disputed|contested)\s+by\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


def _speaker_of(sp: _Speakers, start: int, end: int, cue_pos: int | None) -> str | None:
    passive = _PASSIVE.search(sp.text, start, end)
    if passive:
        return sp.canonical(passive.start(1), passive.end(1)) or passive.group(1)
    who = sp.from_quotes(start, end)
    if who:
        return who
    if cue_pos is not None:
        return sp.subject(start, cue_pos)
    return None


def _span(s: Sentence, start: int | None = None, end: int | None = None) -> Span:
    return Span(article_id=s.article_id, start=s.start if start is None else start, end=s.end if end is None else end)


def _topic(text: str) -> str:
    q = _QUOTED.findall(text)
    if q:
        return max(q, key=len).strip()
    words = text.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _in_sentence(s: Sentence, sp: _Speakers) -> list[_Candidate]:
    """Denials and two-sided accounts inside one sentence."""
    text, out = s.text, []
    parts, last = [], 0
    for m in _CONTRAST.finditer(text):
        parts.append((last, m.start()))
        last = m.end()
    parts.append((last, len(text)))
    if len(parts) >= 2:
        for (a0, a1), (b0, b1) in zip(parts, parts[1:]):
            ca, cb = text[a0:a1], text[b0:b1]
            ma, mb = _CLAIM_VERB.search(ca), _CLAIM_VERB.search(cb) or _DENY_VERB.search(cb)
            deny_b = bool(_DENY_VERB.search(cb) or _DENY_WORD.search(cb))
            if not ma or not mb or _DENY_VERB.search(ca):
                continue
            who_a = _speaker_of(sp, s.start + a0, s.start + a1, s.start + a0 + ma.start())
            who_b = _speaker_of(sp, s.start + b0, s.start + b1, s.start + b0 + mb.start())
            if not who_a or not who_b or who_a.lower() == who_b.lower():
                continue
            # "whereas" opposes two accounts; "but"/"while" only when the second is negated.
            two_accounts = bool(re.search(r"\bwhereas\b", text[a1:b0], re.I)) or (
                bool(_NEGATION.search(cb)) and not _NEGATION.search(ca)
            )
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
    m = _DENY_VERB.search(text)
    if m:
        obj = text[m.end() :]
        owner = re.match(r"\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)(?:'s|’s)\s+(\w+)", obj)
        if owner and not _hypothetical(text, m.start()) and (
            _SPEECH_NOUN.match(owner.group(2)) or re.search(r"\bas\s+(?:being\s+)?(?:an?\s+)?[\"“«]?\s*\w*", obj[owner.end():owner.end() + 60])
            and (_DENY_WORD.search(obj) or _QUOTED.search(obj))
        ):
            denier = _speaker_of(sp, s.start, s.start + m.start(), s.start + m.start())
            claimant = sp.canonical(s.start + m.end(), s.end) or owner.group(1)
            if denier and claimant and denier.lower() != claimant.lower():
                out.append(
                    _Candidate(
                        sides=[
                            _Side(claimant, obj.strip(" .").split(" as ")[0], [_span(s)], "claim"),
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
    m = _DENY_VERB.search(text)
    if m and not _hypothetical(text, m.start()):
        return m
    return _DENY_WORD.search(text)


def _article_candidates(article: Article, sents: Sequence[Sentence], facts: ArticleFacts | None) -> list[_Candidate]:
    sp = _Speakers(article, facts)
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
        if not _BACKREF.search(s.text) or not _CLAIM_VERB.search(prev.text) or _is_denial(prev.text):
            continue
        cm = _CLAIM_VERB.search(prev.text)
        claimant = _speaker_of(sp, prev.start, prev.end, prev.start + cm.start())
        dm = _DENY_VERB.search(s.text) or _CLAIM_VERB.search(s.text) or m
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
        who = sp.from_quotes(s.start, s.end) or sp.previous(s.end)
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


def _merge(into: _Candidate, other: _Candidate) -> None:
    free = list(range(len(into.sides)))
    for side in sorted(other.sides, key=lambda s: s.stance != "claim"):
        if free:
            best = max(free, key=lambda i: _similar_sides(into.sides[i], side))
            free.remove(best)
            target = into.sides[best]
            target.spans.extend(sp for sp in side.spans if sp not in target.spans)
            if not target.speaker:
                target.speaker = side.speaker
        else:
            into.sides.append(side)
    into.article_ids |= other.article_ids


def find_disputes(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    facts: Mapping[str, ArticleFacts],
    alignments: Sequence[Alignment] = (),
) -> tuple[Dispute, ...]:
    """Opposing attributed claims about the same thing in a story, each side with speaker and sources.

    Args:
        articles: the story's articles.
        sentences: sentences per article id (a plain split is used where missing).
        facts: extracted facts per article id (quotes and entities name the speakers).
        alignments: the story's alignments; ``related`` pairs link a claim to a denial
            across articles, the others widen each side's citations.

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
    sents = {
        a.id: [s for s in (sentences.get(a.id) or ()) if 0 <= s.start < s.end <= len(a.text)] or _simple_sentences(a)
        for a in arts
    }
    cands: list[_Candidate] = []
    for a in arts:
        try:
            cands.extend(_article_candidates(a, sents[a.id], facts.get(a.id)))
        except (ValueError, IndexError) as e:  # a malformed record must not sink the story
            log.warning("disputes skipped for %s: %s", a.id, e)

    def sentence_at(span: Span) -> Sentence | None:
        for s in sents.get(span.article_id, ()):
            if s.start <= span.start < s.end:
                return s
        return None

    # Passages reporting the same content (not merely the same event) tie candidates and widen sides.
    aligned = [
        (al.a, al.b) for al in alignments
        if al.kind != "related" and al.a.article_id in by_id and al.b.article_id in by_id
    ]
    # 4. Across articles: a related pair of a claim and a denial, or of two speakers' accounts.
    for al in alignments:
        if al.kind != "related" or al.a.article_id not in by_id or al.b.article_id not in by_id:
            continue
        sa, sb = sentence_at(al.a), sentence_at(al.b)
        if sa is None or sb is None:
            continue
        da, db = bool(_is_denial(sa.text)), bool(_is_denial(sb.text))
        # "Related" pairs abound (the same event, another figure): only a claim met by a denial is a dispute.
        if da == db:
            continue
        ma, mb = _CLAIM_VERB.search(sa.text) or _DENY_VERB.search(sa.text), _CLAIM_VERB.search(sb.text) or _DENY_VERB.search(sb.text)
        if not ma or not mb:
            continue
        spa, spb = _Speakers(by_id[sa.article_id], facts.get(sa.article_id)), _Speakers(by_id[sb.article_id], facts.get(sb.article_id))
        wa = _speaker_of(spa, sa.start, sa.end, sa.start + ma.start())
        wb = _speaker_of(spb, sb.start, sb.end, sb.start + mb.start())
        if not wa or not wb or wa.lower() == wb.lower():
            continue
        claim, deny = ((sa, wa), (sb, wb)) if not da else ((sb, wb), (sa, wa))
        cands.append(
            _Candidate(
                sides=[
                    _Side(claim[1], claim[0].text.strip(), [_span(claim[0])], "claim"),
                    _Side(deny[1], deny[0].text.strip(), [_span(deny[0])], "deny" if (da or db) else "claim"),
                ],
                topic=_topic(claim[0].text),
                article_ids={sa.article_id, sb.article_id},
            )
        )

    merged: list[_Candidate] = []
    for c in cands:
        for m in merged:
            if _linked(m, c, aligned):
                _merge(m, c)
                break
        else:
            merged.append(c)
    # Passages aligned (not merely related) to a side's sentences report the same side elsewhere.
    for c in merged:
        for side in c.sides:
            for a, b in aligned:
                for x, y in ((a, b), (b, a)):
                    if any(_overlaps(x, s) for s in side.spans) and not any(_overlaps(y, s) for s in side.spans):
                        peer = by_id[y.article_id].text[y.start : y.end]
                        # The same words elsewhere count for a side only where they are attributed too.
                        if not (_CLAIM_VERB.search(peer) or _is_denial(peer)):
                            continue
                        side.spans.append(y)
                        c.article_ids.add(y.article_id)
    out = []
    for c in merged:
        sides = tuple(
            DisputeSide(speaker=s.speaker, claim=s.claim, citations=tuple(dict.fromkeys(s.spans))) for s in c.sides
        )
        cites = sorted((sp.article_id, sp.start, sp.end) for s in sides for sp in s.citations)
        out.append(Dispute(id=content_id("dispute", *cites), topic=c.topic, sides=sides))
    out.sort(key=lambda d: (-len({sp.article_id for s in d.sides for sp in s.citations}), d.id))
    return tuple(out)
