"""The article's people: who a pronoun, a description or a surname refers to.

A light coreference step over the article's person mentions, used by
:class:`~storyledger.extract.quotes.speakers.SpeakerResolver`:

* **People** are the article's PERSON entities (one per canonical name), each
  with a grammatical gender read off the article's own words (an honorific,
  ``Mr.``/``Ms.``; a gendered role or kin noun in a title or apposition,
  ``spokeswoman``, ``his wife, Jo Roe``; the pronouns of sentences about that
  person alone) and the role words the article gives them (``President Jo
  Roe``, ``Jo Roe, the campaign manager``, ``the spokesman, Jo Roe``).
* **Mentions** are the entity mentions outside quotation marks, each marked
  as a sentence subject or not, and the chain mentions added as the article is
  read: a sentence opening with ``He``/``She`` or a definite description
  (``The congressman``) is resolved and counts as a mention of that person.
* **Salience** (after Lappin and Leass): a mention weighs 100, more as a
  subject or a speaker, halved for each sentence back. A pronoun or a
  description goes to the most salient person it agrees with in gender; a
  description prefers people the article gives its head noun (``the
  president`` → the person named ``President …``). A surname goes to the
  fuller name it ends (``Roe`` → ``Jo Roe``).

No list of names: everything is read from the article itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .cues import PERSON_ROLES
from ...records import Entity

__all__ = [
    "Cast",
    "Mention",
    "Person",
    "gender_of_word",
    "is_person_head",
]

# Gendered nouns (closed-class English words, not names): kin and titles.
_FEMALE = frozenset(
    "she her hers herself woman wife mother daughter sister girlfriend queen princess aunt niece grandmother"
    " actress mrs ms miss madam lady dame widow bride granddaughter stepmother".split()
)
_MALE = frozenset(
    "he him his himself man husband father son brother boyfriend king prince uncle nephew grandfather"
    " mr sir lord widower groom grandson stepfather".split()
)
_PRONOUN_WORDS = frozenset("he him his himself she her hers herself".split())
_NOT_HEADS = frozenset("he him his himself she her hers herself mr mrs ms miss sir lord dame lady madam".split())
_ABBREVIATIONS = {"sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative",
                  "gov": "governor", "gen": "general", "pres": "president", "lt": "lieutenant",
                  "col": "colonel", "capt": "captain", "adm": "admiral", "prof": "professor", "dr": "doctor"}
_WORD = re.compile(r"[A-Za-z][\w'’-]*\.?")
# Words that may stand before a subject's name in its own sentence: titles, roles, places.
_FUNCTION = frozenset(
    "of to with about for at by on from into against among between in after before during under over since"
    " as when while if and but or than that this".split()
)
_TITLE_LOWER = frozenset("former then acting deputy vice late senior top chief interim incoming outgoing the".split())
# An opening adverbial ("Still,", "On Monday,", "In a series of tweets,"), then the subject.
_INTRO = re.compile(r"^[\s\"“”'‘’(]*(?:(?!(?:The|A|An|His|Her|Their|Its|He|She|They|It|We|I)\b)[A-Z][^,;:\n]{0,60},\s+)?")
_SUBJECT_PRONOUN = re.compile(r"(?P<p>He|She)\b(?!['’])")
_HEAD = "|".join(sorted(PERSON_ROLES)) + r"|[a-z]{3,}(?:man|woman)"
_DESCRIPTION = re.compile(
    rf"(?P<d>[Tt]he(?:\s+[a-z][\w-]*){{0,2}}?\s+(?:{_HEAD}))(?:\s+(?:himself|herself))?(?=\s*(?:,|\b[a-z]))"
)
# "Of Jo Roe, he said": a name fronted in the pronoun's own clause is not what the pronoun means.
_FRONTED = re.compile(r"(?:^|[.!?\n]\s*)[\"“]?(?:Of|On|About|To|For|With|Asked\s+about)\s+(?:[A-Z][\w'’.-]*\s+){0,3}$")
_READ_MENTIONS = 4  # mentions of one person read for titles and appositions
_RECENCY = 100.0
_SUBJECT = 80.0
_SPEAKER = 60.0
_REACH = 6  # sentences back a pronoun looks before falling back to the last fitting mention


def gender_of_word(word: str) -> str | None:
    """``"f"``/``"m"`` for a gendered noun or pronoun (``spokeswoman``, ``husband``, ``Mr``), else None."""
    w = word.lower().rstrip(".")
    if w in _FEMALE or (w.endswith("woman") and len(w) > 5):
        return "f"
    if w in _MALE or (w.endswith("man") and len(w) > 6 and w not in ("ottoman", "caymanian")):
        return "m"
    return None


def is_person_head(word: str) -> bool:
    """Whether a noun names a person's role (``spokesman``, ``senator``, ``congresswoman``)."""
    w = word.lower()
    return w in PERSON_ROLES or (w.endswith("man") and gender_of_word(w) is not None and w not in _NOT_HEADS)


@dataclass(frozen=True, slots=True)
class Person:
    """One person the article names: canonical name, gender read from the text, role words."""

    name: str
    gender: str | None  # "m" | "f" | None
    roles: frozenset[str]
    role: str | None  # the first apposition or title phrase, as written


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a person outside quotes: an entity, or a pronoun or description resolved to one."""

    start: int
    end: int
    name: str
    sentence: int
    weight: float


class Cast:
    """The article's people and their mentions, to resolve pronouns, descriptions and surnames."""

    def __init__(
        self, text: str, ents: list[Entity], sents: list[tuple[int, int]], quoted: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.sents = sents or [(0, len(text))]
        self.sent_starts = [s for s, _ in self.sents]
        self.quoted = quoted
        self.quoted_starts = [o for o, _ in quoted]
        people = [e for e in ents if e.label == "PERSON" and not self._in_quote(e.start)]
        self.people = _read_people(text, people, self.sents, self.sent_starts)
        self.mentions: list[Mention] = []
        self.starts: list[int] = []
        starts = [e.start for e in people]
        for e in people:
            si = self.sentence_of(e.start)
            subject = _is_subject(text, self.sents[si][0], e.start, starts)
            self._add(Mention(e.start, e.end, e.canonical, si, _RECENCY + _SUBJECT * subject))
        self._read_subjects()

    # ------------------------------------------------------------------ building

    def _in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence holding ``pos``."""
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def _add(self, m: Mention) -> None:
        k = bisect.bisect_right(self.starts, m.start)
        self.starts.insert(k, m.start)
        self.mentions.insert(k, m)

    def _read_subjects(self) -> None:
        """Sentences opening with He/She or a person description: resolved, they count as mentions."""
        if not self.people:
            return
        for si, (s, e) in enumerate(self.sents):
            head = _INTRO.match(self.text, s, e)
            at = head.end() if head else s
            if self._in_quote(at):
                continue
            pm = _SUBJECT_PRONOUN.match(self.text, at, e)
            if pm:
                name = self.pronoun(at, gender_of_word(pm.group("p")))
                if name:
                    self._add(Mention(at, pm.end(), name, si, _RECENCY + _SUBJECT))
                continue
            dm = _DESCRIPTION.match(self.text, at, e)
            if dm and is_person_head(dm.group("d").split()[-1]):
                name = self.description(at, dm.group("d").split()[-1])
                if name:
                    self._add(Mention(at, dm.end("d"), name, si, _RECENCY + _SUBJECT))

    # ------------------------------------------------------------------ resolving

    def note_speaker(self, start: int, end: int, name: str) -> None:
        """Record that the person ``name`` speaks at ``start:end``: the last quoted is salient."""
        if name not in self.people:
            return
        spoken = Mention(start, end, name, self.sentence_of(start), _RECENCY + _SUBJECT + _SPEAKER)
        k = bisect.bisect_left(self.starts, start)
        if k < len(self.mentions) and self.mentions[k].start == start:
            self.mentions[k] = spoken  # the mention itself, now known to speak
        else:
            self._add(spoken)

    def pronoun(self, pos: int, gender: str | None) -> str | None:
        """The person a pronoun most likely means: the most salient one named before it who agrees.

        Args:
            pos: where the pronoun starts in the text.
            gender: ``"m"`` (he), ``"f"`` (she) or None (I, or unknown).

        Returns:
            A canonical PERSON name, or None when no one agreeing is named before ``pos``.
        """
        return self._best(pos, gender, None)

    def description(self, pos: int, head: str, gender: str | None = None) -> str | None:
        """The person a description (``the president``, ``the spokeswoman``) means.

        Args:
            pos: where the description starts in the text.
            head: its head noun (``president``; ``sen`` reads as ``senator``).
            gender: ``"m"``/``"f"`` when the words say it (``himself``); else read off ``head``.

        Returns:
            The most salient person the article gives that role, else the most
            salient person who agrees; None when no one is named before ``pos``.
        """
        return self._best(pos, gender or gender_of_word(head), _ABBREVIATIONS.get(head.lower(), head.lower()))

    def _best(self, pos: int, gender: str | None, head: str | None) -> str | None:
        si = self.sentence_of(pos)
        scores: dict[str, float] = {}
        k = bisect.bisect_left(self.starts, pos) - 1
        last: str | None = None
        holders = {n for n, p in self.people.items() if head in p.roles} if head else set()
        while k >= 0:
            m = self.mentions[k]
            k -= 1
            if m.end > pos or not self._agrees(m.name, gender) or m.sentence == si and self._fronted(m, pos):
                continue
            if holders and m.name not in holders:
                continue  # the article gives that role to someone else
            last = last or m.name
            d = si - m.sentence
            if d > _REACH:
                break
            scores[m.name] = scores.get(m.name, 0.0) + m.weight * 0.5**d
        if scores:
            return max(scores.items(), key=lambda kv: kv[1])[0]
        return last

    def _fronted(self, m: Mention, pos: int) -> bool:
        return not self.text[m.end : pos].strip(" ,") and _FRONTED.search(self.text, max(0, m.start - 40), m.start) is not None

    def _agrees(self, name: str, gender: str | None) -> bool:
        p = self.people.get(name)
        return p is not None and (gender is None or p.gender is None or p.gender == gender)

    def fuller(self, words: str) -> str | None:
        """The person a bare surname names (``Roe`` → ``Jo Roe``), when exactly one person bears it."""
        last = words.split()[-1].lower().rstrip(".,")
        found = {n for n in self.people if n.split()[-1].lower() == last}
        return found.pop() if len(found) == 1 else None

    def role_of(self, name: str) -> str | None:
        """The role or affiliation the article first gives ``name`` (``the campaign manager``), if any."""
        p = self.people.get(name)
        return p.role if p else None


# ---------------------------------------------------------------------- reading people


def _is_subject(text: str, sent_start: int, pos: int, starts: list[int]) -> bool:
    """A mention opening its sentence, after an adverbial and titles: ``Still, Sen. Jo Roe …``."""
    head = _INTRO.match(text, sent_start, pos)
    lo = head.end() if head else sent_start
    k = bisect.bisect_left(starts, sent_start)
    if k < len(starts) and starts[k] < lo:
        lo = sent_start  # "Jo Roe told Ann Poe, …": a name opens the clause, no adverbial
    for w in _WORD.findall(text[lo:pos]):
        if w.lower() in _FUNCTION:
            return False
        if w[0].isupper() or w.rstrip(".").lower() in _TITLE_LOWER or is_person_head(w):
            continue
        return False
    return True


def _read_people(
    text: str, people: list[Entity], sents: list[tuple[int, int]], sent_starts: list[int]
) -> dict[str, Person]:
    """Each PERSON canonical name with its gender and role words, read around its mentions."""
    votes: dict[str, list[int]] = {}
    roles: dict[str, set[str]] = {}
    phrase: dict[str, str] = {}
    seen: dict[str, int] = {}
    for e in people:
        v = votes.setdefault(e.canonical, [0, 0])
        seen[e.canonical] = seen.get(e.canonical, 0) + 1
        if seen[e.canonical] > _READ_MENTIONS:
            continue  # titles and appositions come with the first mentions
        words, role = _around(text, e)
        roles.setdefault(e.canonical, set()).update(_ABBREVIATIONS.get(w, w) for w in words)
        if role and e.canonical not in phrase:
            phrase[e.canonical] = role
        for w in words:
            g = gender_of_word(w) if w not in _PRONOUN_WORDS else None
            if g:
                v[g == "f"] += 3
    for name, g in _pronoun_votes(text, people, sents, sent_starts).items():
        votes[name][g == "f"] += 1
    return {
        name: Person(
            name=name,
            gender="m" if v[0] > v[1] else "f" if v[1] > v[0] else None,
            roles=frozenset(w for w in roles[name] if is_person_head(w) or w in _ABBREVIATIONS.values()),
            role=phrase.get(name),
        )
        for name, v in votes.items()
    }


_APPOS_AFTER = re.compile(
    r"\s*,\s*(?P<r>(?:a|an|the|his|her|their|its|[A-Z][\w'’-]*['’]s|former|then|now|longtime|[a-z]+(?:man|woman))\b"
    r"[^,;:.\"“”\n]{0,80}?)\s*(?:,|\.|$)"
)
_POSSESSOR = re.compile(r"(?:the|his|her|their|[A-Z][\w'’-]*['’]s)$", re.I)


def _around(text: str, e: Entity) -> tuple[list[str], str | None]:
    """Role words around a mention (title before, apposition after or before), and the apposition as written."""
    before = text[max(0, e.start - 60) : e.start].split()
    words: list[str] = []
    for w in reversed(before[-4:]):  # "former Vice President Jo Roe", "Mr. Roe", "spokeswoman Jo Roe"
        low = w.rstrip(".").lower()
        if not (w[0].isupper() or low in _TITLE_LOWER or low.endswith("man")) or low in _FUNCTION:
            break
        words.append(low)
    role = None
    am = _APPOS_AFTER.match(text, e.end, min(len(text), e.end + 100))
    if am:
        found = re.findall(r"[\w-]+", am.group("r").lower())
        if any(is_person_head(w) or gender_of_word(w) for w in found):
            words += found
            role = " ".join(am.group("r").split())
    if before and before[-1].endswith(","):
        # "his wife, Jo Roe" / "the spokesman, Jo Roe": a description in apposition before the name.
        seg = re.split(r"[,.;:]", " ".join(before)[:-1])[-1].split()
        if 2 <= len(seg) <= 5 and _POSSESSOR.match(seg[0]):
            words += [w.lower() for w in seg[-2:]]
    return words, role


def _pronoun_votes(
    text: str, people: list[Entity], sents: list[tuple[int, int]], sent_starts: list[int]
) -> dict[str, str]:
    """Gender votes from pronouns that can only mean one person: "Jo Roe said she …"; "Jo Roe won. He …"."""
    by_sentence: dict[int, list[Entity]] = {}
    for e in people:
        by_sentence.setdefault(max(0, bisect.bisect_right(sent_starts, e.start) - 1), []).append(e)
    tally: dict[str, list[int]] = {}
    for e in people:
        said = _SAID_PRONOUN.match(text, e.end, min(len(text), e.end + 60))
        if said:
            tally.setdefault(e.canonical, [0, 0])[said.group("p").lower() == "she"] += 1
    for si, ents in by_sentence.items():
        if len({e.canonical for e in ents}) != 1 or si + 1 >= len(sents) or si + 1 in by_sentence:
            continue
        s, e = sents[si + 1]
        head = _INTRO.match(text, s, e)
        nxt = _SUBJECT_PRONOUN.match(text, head.end() if head else s, e)
        if nxt and _is_subject(text, sents[si][0], ents[0].start, [x.start for x in ents]):
            tally.setdefault(ents[0].canonical, [0, 0])[nxt.group("p") == "She"] += 1
    return {n: ("f" if t[1] > t[0] else "m") for n, t in tally.items() if t[0] != t[1]}


_SAID_PRONOUN = re.compile(
    r"\s+(?:(?:also|later|then|has|had|have|was|is)\s+)?(?:said|says|told\s+\w+|added|insisted|argued|claimed|"
    r"wrote|believes|believed|thinks|thought|stressed|noted|explained)\s+(?:that\s+)?(?P<p>[Hh]e|[Ss]he)\b"
)



