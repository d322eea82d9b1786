"""Speakers resolved to names: step 5 of :mod:`storyledger.extract.quotes.quotes`.

Names go to the article's canonical entities; "he"/"she" and role nouns ("the
spokesman", "the president") to a person through the article's
:class:`~storyledger.extract.quotes.cast.Cast` (salience, gender agreement, the
roles the article gives); a bare surname to its fuller name; "they" and "it"
to the nearest organisation, place or group.

Once an article's quotes are extracted, :meth:`SpeakerResolver.from_facts` answers who
speaks in a clause (as :mod:`storyledger.reconcile.disputes` asks): the
resolved speaker of a quote there, else an entity or the words before the cue.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from .cues import (
    Attribution,
    CAP,
    DOCUMENT_HEADS,
    GROUP_HEADS,
    NAME,
    PERSON_ROLES,
    PERSON_ROLE_WORDS,
    PRONOUNS,
)
from .cast import Cast, is_person_head
from .marks import sentence_spans
from .parties import party_in_text, party_key
from ...records import Article, ArticleFacts, Entity, Quote

__all__ = [
    "SpeakerResolver",
]


@dataclass(frozen=True, slots=True)
class _Speaker:
    start: int
    end: int
    name: str
    kind: str  # PERSON | GROUP


_DESCRIBED_PERSON = re.compile(
    rf"(?:(?:[Tt]he|[Aa]n?|[Aa]nother)\s+(?:[a-z\-]+\s+){{0,2}}(?:{'|'.join(sorted(PERSON_ROLE_WORDS))})\s+(?:of|for|at|to)\s"
    rf"|{CAP}(?:\s{CAP})*['’]s?\s+(?:[a-z\-]+\s+){{0,2}}(?:{'|'.join(sorted(PERSON_ROLE_WORDS))})$)"
)


_SUBJECT_AFTER = re.compile(
    r"[ \t]*(?:,|\((?:[^()\n]{1,20})\)|[ \t]+(?:has|had|have|is|was|were|are|also|then|later|did|does|would|will|could|said|says|"
    r"told|added|wrote|[a-z]{2,}(?:ed|s))\b)"
)


# Who speaks in a clause: the labels that name a speaker, and the words before a cue that do not.
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "LOC")
_SUBJECT_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|a|an|the)\b[^,]{0,120},")
_CLAUSE_WORD = re.compile(r"[\w'’.-]+")
_CLAUSE_AUX = {
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "also", "publicly", "repeatedly",
    "strongly", "flatly", "firmly", "swiftly", "later", "then", "already", "quickly", "again", "did", "does",
    "do", "would", "will", "could", "had", "on", "friday", "monday", "tuesday", "wednesday", "thursday",
    "saturday", "sunday", "but", "and", "yet", "however", "while", "whereas",
}
_CLAUSE_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
_A_DESCRIBED_PERSON = re.compile(rf"(?:a|an|one|another)\s+(?:\S+\s+){{0,5}}(?:{'|'.join(sorted(PERSON_ROLES))})")
_REFLEXIVE = re.compile(r"\s+(?:himself|herself)$")
_DETERMINER = re.compile(r"^(?:The|A|An|the|a|an)\s+")


# Where the cue's own clause begins: after a subordinator, or a verb of saying that takes the clause ("they say …").
_CLAUSE_OPENER = re.compile(
    r"\b(?:after|before|when|whenever|because|since|although|though|if|unless|once|until|where|"
    r"say|says|said|reported|according\s+to)\s+(?:that\s+)?",
    re.I,
)
# A head noun and the locative preposition that makes the next name its place: "Police in ", "officials at ".
_LOCATIVE_HEAD = re.compile(r"(?:^|(?<=\s))((?:(?:[Tt]he|[Aa]n?)\s+)?[A-Za-z][a-z'-]+)\s+(?:in|at|near|outside)\s+(?=[A-Z])")


def _own_clause(text: str, start: int, cue: int) -> int:
    """Where the clause of the cue at ``cue`` begins: after the last opener before it with words left after it."""
    begin = start
    for m in _CLAUSE_OPENER.finditer(text, start, cue):
        if text[m.end() : cue].strip():
            begin = m.end()
    return begin


class SpeakerResolver:
    """Step 5: speaker words to a name, pronouns and descriptions to the nearest fitting antecedent.

    Built with :meth:`from_facts` after extraction, it also names who speaks in a
    clause from the article's extracted quotes and entities.
    """

    def __init__(
        self,
        text: str,
        ents: list[Entity],
        ent_starts: list[int],
        segs: list[tuple[int, int, int]],
        sents: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.sents = sents
        self._cast: Cast | None = None
        self._noted: list[tuple[int, int, str]] = []
        self.ents = ents
        self.ent_starts = ent_starts
        self.quoted = [(o, c) for o, c, _ in segs]  # disjoint, in text order
        self.quoted_starts = [o for o, _ in self.quoted]
        self.speakers: list[_Speaker] = []
        self.cache: dict[tuple[int, int], str | None] = {}
        self.quotes: list[Quote] = []
        self.not_a_name: Callable[[str], bool] | None = None

    @classmethod
    def from_facts(
        cls, article: Article, facts: ArticleFacts | None, not_a_name: Callable[[str], bool] | None = None
    ) -> SpeakerResolver:
        """A resolver over an article's extracted quotes and entities.

        Args:
            article: the article.
            facts: its extracted facts (none: no quotes nor entities to draw on).
            not_a_name: words the caller knows name no one (``"lies"`` before a denial),
                checked on the words :meth:`clause_subject` takes from the text.
        """
        ents = sorted(facts.entities, key=lambda e: e.start) if facts else []
        resolver = cls(article.text, ents, [e.start for e in ents], [])
        resolver.quotes = sorted(facts.quotes, key=lambda q: q.start) if facts else []
        resolver.not_a_name = not_a_name
        for q in resolver.quotes:
            if q.speaker and q.speaker_span:
                resolver._note_speaker(q.speaker_span[0], q.speaker_span[1], q.speaker)
        return resolver

    @property
    def cast(self) -> Cast:
        """The article's people and their mentions (built on first use)."""
        if self._cast is None:
            sents = self.sents if self.sents is not None else sentence_spans(self.text, ())
            self._cast = Cast(self.text, self.ents, sents, self.quoted)
            for start, end, name in self._noted:
                self._cast.note_speaker(start, end, name)
        return self._cast

    def _note_speaker(self, start: int, end: int, name: str) -> None:
        """A person speaks at ``start:end``; the cast hears of it when it is built (only pronouns need it)."""
        if self._cast is None:
            self._noted.append((start, end, name))
        else:
            self._cast.note_speaker(start, end, name)

    def role_of(self, speaker: str | None) -> str | None:
        """The role or affiliation the article gives a person speaker (``the campaign manager``), if any."""
        return self.cast.role_of(speaker) if speaker else None

    def roles_elsewhere(self, quotes: list[Quote], roles: dict[str, str]) -> dict[str, str]:
        """``roles``, plus for each person speaker without one the role the article gives them elsewhere.

        ("Roe said", after "Jo Roe, the campaign manager, met donors": the campaign manager.)
        """
        out = dict(roles)
        for q in quotes:
            if q.speaker and q.speaker not in out and (role := self.role_of(q.speaker)):
                out[q.speaker] = role
        return out

    def _person_pronoun(self, pos: int, gender: str | None) -> str | None:
        """He/she/I: a described speaker last quoted (no one named since), else the most salient person."""
        last = self._last_speaker(pos)
        if last is not None and last not in self.cast.people:
            return last
        return self.cast.pronoun(pos, gender) or last or self._nearest(pos, {"PERSON"})

    def _entity_in(self, s: int, e: int) -> Entity | None:
        i = bisect.bisect_left(self.ent_starts, s)
        best = None
        while i < len(self.ents) and self.ents[i].start < e:
            ent = self.ents[i]
            if ent.end <= e:
                if best is None or ent.label == "PERSON" and best.label != "PERSON" or (ent.end - ent.start) > (best.end - best.start):
                    best = ent
            i += 1
        return best

    def _in_quote(self, pos: int) -> bool:
        k = bisect.bisect_left(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] < pos < self.quoted[k][1]

    def _is_subject(self, ent: Entity) -> bool:
        """A mention in subject position: at a clause start and followed by a verb or a comma."""
        before = self.text[max(0, ent.start - 40) : ent.start]
        after = self.text[ent.end : ent.end + 30]
        starts = re.search(r"(?:^|[.!?:;\"”’]|\n|,[ \t]*|\b(?:and|but|when|as|while|after|before)[ \t]+)[ \t]*(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[ \t]+)?$", before)
        return bool(starts) and bool(_SUBJECT_AFTER.match(after))

    def _nearest(self, pos: int, want: set[str], head: str | None = None) -> str | None:
        """The nearest entity mention or earlier speaker before ``pos`` with a fitting label."""
        if want == {"PERSON"} and head is None:
            # People: the nearest one in subject position, within reach.
            i = bisect.bisect_left(self.ent_starts, pos) - 1
            while i >= 0 and pos - self.ents[i].start < 1500:
                ent = self.ents[i]
                if ent.label == "PERSON" and ent.end <= pos and not self._in_quote(ent.start) and self._is_subject(ent):
                    return ent.canonical
                i -= 1
        best_pos, best = -1, None
        i = bisect.bisect_left(self.ent_starts, pos) - 1
        while i >= 0:
            ent = self.ents[i]
            if ent.label in want and ent.end <= pos and not self._in_quote(ent.start):
                if head is None or head in ent.canonical.lower() or head in self.text[ent.start : ent.end].lower():
                    best_pos, best = ent.start, ent.canonical
                    break
            i -= 1
        for sp in reversed(self.speakers):
            if sp.start >= pos or sp.start <= best_pos:
                continue
            kind_ok = ("PERSON" in want and sp.kind == "PERSON") or ("ORG" in want and sp.kind == "GROUP")
            if kind_ok and (head is None or head in sp.name.lower()):
                best_pos, best = sp.start, sp.name
            break
        return best

    def _last_speaker(self, pos: int, window: int = 800) -> str | None:
        for sp in reversed(self.speakers):
            if sp.start < pos:
                if sp.kind == "PERSON" and pos - sp.start <= window and not self._person_between(sp.end, pos, sp.name):
                    return sp.name
                return None
        return None

    def _person_between(self, lo: int, hi: int, name: str) -> bool:
        """Another person named between ``lo`` and ``hi`` (outside quotes) breaks the chain."""
        i = bisect.bisect_left(self.ent_starts, lo)
        while i < len(self.ents) and self.ents[i].start < hi:
            ent = self.ents[i]
            if ent.label == "PERSON" and ent.canonical != name and not self._in_quote(ent.start) and self._is_subject(ent):
                return True
            i += 1
        return False

    def resolve(self, a: Attribution) -> str | None:
        """The name of the speaker of ``a``: a person's canonical name, a group, or the description as written."""
        key = (a.speaker_start, a.speaker_end)
        if key in self.cache:
            return self.cache[key]
        words = " ".join(a.speaker_text.split())
        name, kind = self._resolve_words(a, words)
        low = words.lower()
        if name is not None and kind == "PERSON":
            self._note_speaker(a.speaker_start, a.speaker_end, name)
        if name is not None and low not in PRONOUNS:
            self.speakers.append(_Speaker(a.speaker_start, a.speaker_end, name, kind))
        self.cache[key] = name
        return name

    def _resolve_words(self, a: Attribution, words: str) -> tuple[str | None, str]:
        """Step 5 on one attribution's speaker words: (name, PERSON or GROUP)."""
        low = words.lower()
        pos = a.speaker_start
        bare = _REFLEXIVE.sub("", low)  # "the president himself"
        described = re.fullmatch(r"(?:the|this|that)\s+(?:\S+\s+){0,3}(\S+)", bare)
        if low in PRONOUNS:
            if low in ("he", "she", "i"):
                # In news a quote's "he said" continues the person last quoted.
                return self._person_pronoun(pos, PRONOUNS[low] if low != "i" else None), "PERSON"
            return self._nearest(pos, {"ORG", "GPE", "LOC"}), "GROUP"
        if described and is_person_head(described.group(1)) and not _DESCRIBED_PERSON.match(words):
            # "the Texas governor", "the spokesman": the person the article gives that role, else the most salient.
            gender = "f" if low.endswith("herself") else "m" if low.endswith("himself") else None
            found = self.cast.description(pos, described.group(1), gender)
            if found:
                return found, "PERSON"
        if _DESCRIBED_PERSON.match(words):
            # "Peru's prime minister", "the leader of the republic": a described person.
            return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I), "PERSON"
        if _A_DESCRIBED_PERSON.fullmatch(low):
            # "a former law enforcement official": a described person, not a name inside it.
            return re.sub(r"^(?:a|an)\s+", "", words, flags=re.I), "PERSON"
        ent = self._entity_in(a.speaker_start, a.speaker_end)
        if ent is not None:
            return ent.canonical, "PERSON" if ent.label == "PERSON" else "GROUP"
        return self._resolve_other(a, words)

    def _resolve_other(self, a: Attribution, words: str) -> tuple[str | None, str]:
        """Speaker words naming no entity: a document, a group noun, a surname, or the words themselves."""
        low = words.lower()
        name: str | None = None
        kind = "GROUP"
        m = re.match(r"(?:the|this|that)\s+(?:[a-z\-]+\s+)?([a-z\-]+)$", low)
        head = m.group(1) if m else None
        if head in DOCUMENT_HEADS and self.speakers and self.speakers[-1].start < a.speaker_start:
            # "the statement continued": whoever issued it, the speaker last named.
            return self.speakers[-1].name, self.speakers[-1].kind
        if head is not None and is_person_head(head):
            name, kind = self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
        elif head in GROUP_HEADS:
            name = self._nearest(a.speaker_start, {"ORG"}, head) or self._ahead(a.speaker_end, head)
        if name is None and re.fullmatch(NAME, words) and len(words.split()) <= 2:
            name = self.cast.fuller(words)  # "Roe" or "Mr. Roe": the fuller name the article gives
            kind = "PERSON" if name else kind
        if name is None:
            name = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I) if not m or head else words
            kind = "PERSON" if any(w in PERSON_ROLES for w in low.split()) else "GROUP"
            if re.fullmatch(NAME, words) and 2 <= len(words.split()) <= 4 and not GROUP_HEADS & set(low.split()):
                kind = "PERSON"  # an unlisted "First Last" name
        return name, kind

    def _ahead(self, pos: int, head: str) -> str | None:
        i = bisect.bisect_left(self.ent_starts, pos)
        while i < len(self.ents) and self.ents[i].start < pos + 400:
            ent = self.ents[i]
            if ent.label == "ORG" and head in ent.canonical.lower():
                return ent.canonical
            i += 1
        return None

    # ----------------------------------------------------------------- after extraction (from_facts)

    def entity_at(self, start: int, end: int) -> str | None:
        """The canonical name of the first person, group or place overlapping ``start:end``."""
        for e in self.ents:
            if e.start < end and start < e.end and e.label in _NAMED:
                return e.canonical
        return None

    def quote_speaker(self, start: int, end: int) -> str | None:
        """The resolved speaker of a quote attributed within ``start:end``, or of one overlapping it."""
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

    def speaker_before(self, pos: int) -> str | None:
        """The speaker of the last quote before ``pos``, else the last person named before it."""
        best = None
        for q in self.quotes:
            if q.speaker and q.start < pos:
                best = q.speaker
        if best:
            return best
        for e in self.ents:
            if e.end <= pos and e.label == "PERSON":
                best = e.canonical
        return best

    def clause_subject(self, start: int, cue: int) -> str | None:
        """The words naming who speaks before the cue verb at ``cue`` in the clause from ``start``.

        The cue's own clause begins after the last subordinator or verb of saying before it ("… is
        dead after police say", "they say the brother denied"); a name after a locative preposition
        belongs to the head before it ("Police in Lowmere said" → "Police in Lowmere"); names that
        touch form one ("the Lowmere Sheriff's Office").
        """
        text, opened = self.text, _own_clause(self.text, start, cue)
        start, opened = opened, opened > start
        skip = [(start + m.start(), start + m.end()) for m in _RELATIVE.finditer(text[start:cue])]
        ents = [
            e
            for e in self.ents
            if start <= e.start and e.end <= cue and e.label in _SUBJECT_LABELS
            and not any(a <= e.start < b for a, b in skip)
        ]
        if ents:
            return self._named_subject(start, ents)
        span = text[start:cue]
        if skip:
            span = span[: skip[-1][0] - start] if skip[-1][1] >= cue - 12 else span
        kept = [w for w in _CLAUSE_WORD.finditer(span) if w.group().lower() not in _CLAUSE_AUX]
        if not kept:
            return None
        if kept[-1].group().lower() in _CLAUSE_PRONOUNS:
            word = kept[-1].group().lower()
            person = self.cast.pronoun(start + kept[-1].start(), PRONOUNS[word]) if word in ("he", "she") else None
            return self.quote_speaker(start, cue + 40) or person or self.speaker_before(start)
        if opened and len(kept) <= 2 and all(w.group().islower() for w in kept):
            bare = _DETERMINER.sub("", text[start + kept[0].start() : start + kept[-1].end()])  # "… after police say"
            return bare if bare.lower() not in _CLAUSE_PRONOUNS else self.clause_subject(start, cue)
        tail = kept[-4:]
        first = next((i for i, w in enumerate(tail) if w.group()[0].isupper()), None)
        dets = [i for i, w in enumerate(tail) if w.group().lower() in ("the", "a", "an")]
        if dets and (first is None or dets[-1] > first):
            first = dets[-1] + 1 if dets[-1] + 1 < len(tail) else None
        if first is None:
            return None
        phrase = _DETERMINER.sub("", text[start + tail[first].start() : start + tail[-1].end()]).strip(" ,.")
        if not phrase or phrase.lower() in _CLAUSE_PRONOUNS or (self.not_a_name is not None and self.not_a_name(phrase)):
            return None
        return phrase

    def _named_subject(self, start: int, ents: list[Entity]) -> str:
        """The last of a clause's names, with the names that touch it and a head noun it is the place of."""
        text, first, last = self.text, len(ents) - 1, ents[-1]
        while first and (
            re.fullmatch(r"(?:['’]s)?\s?", text[ents[first - 1].end : ents[first].start])
            or ents[first].label == ents[first - 1].label == "GPE" and text[ents[first - 1].end : ents[first].start] == ", "
        ):
            first -= 1
        head = _LOCATIVE_HEAD.search(text, start, ents[first].start + 1)
        if head and head.end() == ents[first].start:
            return _DETERMINER.sub("", text[head.start(1) : last.end]).strip(" ,.")
        if first < len(ents) - 1:
            return text[ents[first].start : last.end]
        return last.canonical

    def party_of(self, speaker: str | None) -> str | None:
        """The party ``speaker`` speaks for: the client, government or organisation of an agent role, else None.

        A party the article names as an entity is given by its canonical name.
        """
        if not speaker:
            return None
        party = party_in_text(self.text, speaker)
        if party is None:
            return None
        key = party_key(party)
        for e in self.ents:
            if e.label in _SUBJECT_LABELS and party_key(e.canonical) == key:
                return e.canonical
        return party

    @staticmethod
    def party_key(party: str) -> str:
        """The key two forms of one party share ("Norlandian", "Norland"): see :func:`.parties.party_key`."""
        return party_key(party)
