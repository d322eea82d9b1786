"""Speakers resolved to names: step 5 of :mod:`storyledger.extract.quotes.quotes`.

Names go to the article's canonical entities; pronouns and role nouns ("the
spokesman") to the person last quoted or nearest in subject position; "they"
and "it" to the nearest organisation, place or group.
"""

from __future__ import annotations

import bisect
import re
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
from ...records import Entity

__all__ = [
    "Resolver",
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


class Resolver:
    """Step 5: speaker words to a name, pronouns and descriptions to the nearest fitting antecedent."""

    def __init__(self, text: str, ents: list[Entity], ent_starts: list[int], segs: list[tuple[int, int, int]]) -> None:
        self.text = text
        self.ents = ents
        self.ent_starts = ent_starts
        self.quoted = [(o, c) for o, c, _ in segs]  # disjoint, in text order
        self.quoted_starts = [o for o, _ in self.quoted]
        self.speakers: list[_Speaker] = []
        self.cache: dict[tuple[int, int], str | None] = {}

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
        key = (a.speaker_start, a.speaker_end)
        if key in self.cache:
            return self.cache[key]
        words = " ".join(a.speaker_text.split())
        low = words.lower()
        name: str | None = None
        kind = "GROUP"
        ent = self._entity_in(a.speaker_start, a.speaker_end)
        if low in PRONOUNS:
            if low in ("he", "she", "i"):
                # In news a quote's "he said" continues the person last quoted.
                name, kind = self._last_speaker(a.speaker_start) or self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
            else:
                name = self._nearest(a.speaker_start, {"ORG", "GPE", "LOC"})
        elif re.fullmatch(rf"(?:the|this|that)\s+(?:\S+\s+){{0,2}}(?:{'|'.join(sorted(PERSON_ROLES))})", low) and (
            self._last_speaker(a.speaker_start) or self._nearest(a.speaker_start, {"PERSON"})
        ):
            # "the Texas governor", "the spokesman": the person last named.
            name, kind = self._last_speaker(a.speaker_start) or self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
        elif _DESCRIBED_PERSON.match(words):
            # "Peru's prime minister", "the leader of the republic": a described person.
            name, kind = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I), "PERSON"
        elif re.fullmatch(rf"(?:a|an|one|another)\s+(?:\S+\s+){{0,5}}(?:{'|'.join(sorted(PERSON_ROLES))})", low):
            # "a former law enforcement official": a described person, not a name inside it.
            name, kind = re.sub(r"^(?:a|an)\s+", "", words, flags=re.I), "PERSON"
        elif ent is not None:
            name = ent.canonical
            kind = "PERSON" if ent.label == "PERSON" else "GROUP"
        else:
            m = re.match(r"(?:the|this|that)\s+(?:[a-z\-]+\s+)?([a-z\-]+)$", low)
            head = m.group(1) if m else None
            if head in DOCUMENT_HEADS and self.speakers and self.speakers[-1].start < a.speaker_start:
                # "the statement continued": whoever issued it, the speaker last named.
                name, kind = self.speakers[-1].name, self.speakers[-1].kind
            elif head in PERSON_ROLES:
                name, kind = self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
            elif head in GROUP_HEADS:
                name = self._nearest(a.speaker_start, {"ORG"}, head) or self._ahead(a.speaker_end, head)
            if name is None:
                name = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I) if not m or head else words
                kind = "PERSON" if any(w in PERSON_ROLES for w in low.split()) else "GROUP"
                if re.fullmatch(NAME, words) and 2 <= len(words.split()) <= 4 and not GROUP_HEADS & set(low.split()):
                    kind = "PERSON"  # an unlisted "First Last" name
        if name is not None and low not in PRONOUNS:
            self.speakers.append(_Speaker(a.speaker_start, a.speaker_end, name, kind))
        self.cache[key] = name
        return name

    def _ahead(self, pos: int, head: str) -> str | None:
        i = bisect.bisect_left(self.ent_starts, pos)
        while i < len(self.ents) and self.ents[i].start < pos + 400:
            ent = self.ents[i]
            if ent.label == "ORG" and head in ent.canonical.lower():
                return ent.canonical
            i += 1
        return None
