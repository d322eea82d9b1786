"""Denials and debunks across a story's articles: a claim one report asserts, another contests.

A sentence contests a claim when a frame of *cue + target* holds in it:

* **denial with a target**: a denial verb ("denied", "rejected", "dismissed",
  "refuted", "disputed") whose object is a claim: a speech noun ("the
  reports", "the claims", "Smith's allegations"), a that-clause, a gerund
  ("denied taking part"), a pronoun ("denied it") or a quotation; a passive
  ("was denied parole"), a proceeding ended ("dismissed the charges") or the
  noun ("a land dispute") contests no claim (:func:`.denials.refused`,
  :func:`.denials.noun_use`);
* **debunk by predicate** (:func:`.denials.falsity_cue`): a copula whose
  complement is a falsity noun or an adjective that ends its phrase ("the
  story is a hoax", "the photo was totally fake", "it's almost certainly not true",
  "isn't true"), or negated truth as a clause of its own ("…, not even
  slightly true");
* **called it false**: "called / dismissed / branded X (as) a lie / propaganda";
* **no evidence**: "no evidence that / of …", "no proof that …";
* **debunked**: "debunked", "fact-checkers found".

A negation or a modal within three words before the cue ("could neither confirm
nor deny", "hasn't been debunked") cancels it. The claim contested is the
sentence of *another* article, neither contesting nor negating, that shares the
most of the contest's content words (those of the claim the contest names, when
it names one; those of the sentence before, when the contest points back to it
with an anaphor, "it was fake", "fact-checkers have debunked this":
:func:`.denials.points_back`; else those of the contest's own clause, not of a
second predicate after it, "denied being involved and said …", nor of the setting before
the verb of saying that takes it, "when officers arrived …, they say the brother denied …"): at least :data:`MIN_SHARED` words, and a Jaccard similarity of
the two word sets of at least :data:`CONTEST_OVERLAP`, the value that 5-fold
cross-validation over the stories of ``evals/eval_disputes.py`` picks on four of
its five training folds (the middle of the values that do best there). An article that carries the contest itself (a copy of the
debunking report) is not the claim's source. A contest that names its claim and whom it is about
("reports of Roe being wounded … debunked") pairs only with a claim that names one of them too:
the same words about another man are another matter.

:func:`claim_frame` finds a sentence that states the claim it contests
("denied reports that …"); the disputes stage takes it as a dispute on its own
where no claim of another article pairs with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Sentence
from .denials import DENY_VERB, NEGATION, falsity_cue, noun_use, points_back, refused

__all__ = [
    "CLAIM_NOUN",
    "CONTEST_OVERLAP",
    "ClaimFrame",
    "Contest",
    "MIN_SHARED",
    "claim_frame",
    "content_words",
    "contest_cue",
    "contests",
]

CONTEST_OVERLAP = 0.15
MIN_SHARED = 2

_DET = r"(?:(?:the|these|those|such|any|all|its|their|his|her|our|this|that|earlier|recent|media|news|online|entire|whole|original|[A-Z][\w'’-]*(?:'s|’s))\s+){0,3}"
_TARGET_NOUN = (
    r"(?:claims?|reports?|rumou?rs?|allegations?|accusations?|stor(?:y|ies)|suggestions?|speculation|"
    r"assertions?|charges?|assurances?|statements?|accounts?|news)\b"
)
_DENY_TARGET = re.compile(
    r"^\W*(?:\w+ly\s+)?(?:" + _DET + _TARGET_NOUN + r"|that\b|it\b|this\b|them\b|any\b|\w+ing\b|[\"“'‘])", re.I
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$", re.I)
_FALSITY = (
    r"(?:hoax(?:es)?|fakes?|false(?:hood)?|untrue|not true|fabricat(?:ed|ion)|myths?|lies?|made[- ]up(?!\s+of)|"
    r"bogus|baseless|unfounded|groundless|propaganda|nonsense|misinformation|disinformation|sham|smear|"
    r"fiction(?:al)?|ludicrous|inaccurate|incorrect|not real|not genuine)"
)
_COPULAR = re.compile(
    r"\b(?:is|was|are|were|be|been|being)\s+[\"“‘']?(?:(?:all|just|nothing more than|nothing but|simply|actually|"
    r"completely|totally|entirely|in fact|a|an|another|big|complete|total|elaborate|internet|online|cruel|"
    r"(?!not\b)\w+ly)\s+)*[\"“‘']?"
    + _FALSITY + r"\b",
    re.I,
)
_CALLED = re.compile(
    r"\b(?:call(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|brand(?:ed|s|ing)?|label(?:l?ed|s)?|describ(?:ed|es|ing)?|"
    r"denounc(?:ed|es|ing)?)\s+(?:\S+\s+){1,5}?(?:as\s+)?(?:an?\s+|pure\s+|total\s+|complete\s+)?[\"“‘']?"
    + _FALSITY + r"\b",
    re.I,
)
_NO_EVIDENCE = re.compile(r"\bno\s+(?:\w+\s+)?(?:evidence|proof|truth|basis)\s+(?:that|of|to|for|in)\b", re.I)
_DEBUNKED = re.compile(r"\b(?:debunk(?:s|ed|ing)?|fact[- ]check(?:ers?|ed)\s+(?:found|say|said|show))\b", re.I)
_NEG_BEFORE = re.compile(
    r"(?:\b(?:not|never|no|nor|neither|without|could|would|might|may|can|should|will|to)|n['’]t)\b(?:\s+\w+){0,2}\s*$", re.I
)
_STOP = set(
    "a an the of to in on at for and or but with by from as that this these those it its is are was were be "
    "been has have had he she they we i you his her their our not no which who whom what said says say".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


@dataclass(frozen=True, slots=True)
class Contest:
    """A sentence that contests a claim, the claim's sentence (another article's) and their shared share.

    ``by_subject`` says whether the subject of the cue is who contests (a verb: "the ministry
    denied", "experts called it a hoax") or not (a predicate of the claim: "the story is a hoax",
    "no evidence that"), where the contester is the sentence's speaker or its report.
    """

    claim: Sentence
    contest: Sentence
    cue_start: int
    overlap: float
    by_subject: bool = True  # the cue's subject contests ("Police denied"); False for "… is a hoax"


def content_words(text: str) -> set[str]:
    """The lower-cased words of ``text`` longer than two letters, function words left out."""
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


def _negated(text: str, pos: int) -> bool:
    """Whether a negation or a modal comes within three words before ``pos``."""
    return bool(_NEG_BEFORE.search(text[max(0, pos - 40) : pos]))


def contest_cue(text: str) -> re.Match[str] | None:
    """The first cue by which ``text`` denies or debunks a claim, or None.

    Example:
        >>> contest_cue("The ministry denied the reports.").group(0)
        'denied'
        >>> contest_cue("He was denied parole.") is None
        True
    """
    for m in DENY_VERB.finditer(text):
        if _negated(text, m.start()) or _PASSIVE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if noun_use(text, m.start(), m.end()) or refused(text, m.start(), m.end()):
            continue
        if _DENY_TARGET.match(text[m.end() : m.end() + 80]):
            return m
    # A falsity predicate (:func:`.denials.falsity_cue`): "is a hoax", "was totally fake", "isn't true".
    for find in (falsity_cue, _CALLED.search, _NO_EVIDENCE.search, _DEBUNKED.search):
        m = find(text)
        if m and not _negated(text, m.start()):
            return m
    return None


def _best_claim(
    words: set[str], names: set[str], skip: set[str], claims: Sequence[tuple[Sentence, set[str]]]
) -> tuple[Sentence, float] | None:
    """The sentence of an article not in ``skip`` closest to ``words``, with their Jaccard similarity.

    Where the contested claim names someone or something (``names``), the sentence must name one of them too.
    """
    best: tuple[Sentence, float] | None = None
    for s, w in claims:
        shared = len(words & w)
        if s.article_id in skip or shared < MIN_SHARED or (names and not names & w):
            continue
        score = shared / len(words | w)
        if best is None or score > best[1]:
            best = (s, score)
    return best


def _contested_words(text: str, cue: re.Match[str], before: str) -> tuple[set[str], set[str]]:
    """The words a contest is about, and the names among them the claim it contests must share.

    The words are those of the claim it names ("denied reports that X": X), whose names (words
    written with a capital) say what the claim is about; else all of it, naming nothing required.
    A contest that points back ("it was fake", "fact-checkers have debunked this") is about the
    sentence ``before`` it too.
    """
    frame = claim_frame(text)
    words = content_words(frame.claim) if frame else set()
    if len(words) > MIN_SHARED:
        return words, _names(frame.claim)
    if before and points_back(text, cue.start(), cue.end()):
        return content_words(before), set()
    # "He denied being involved and said the bullet came through a window": the denial is about its own clause.
    end = _CLAUSE_END.search(text, cue.end())
    begin = max((m.end() for m in _CLAUSE_BEGIN.finditer(text, 0, cue.start())), default=0)
    return content_words(text[begin : end.start() if end else len(text)]), set()


# Where a contest's clause begins: after a clause before it and the verb of saying that takes it ("…, they say").
_CLAUSE_BEGIN = re.compile(r",\s+(?:\w+\s+){0,2}?(?:say|says|said|told\s+\w+)\s+(?:that\s+)?", re.I)
# Where a contest's clause ends: a second predicate of saying, or a contrast.
_CLAUSE_END = re.compile(
    r"\s+and\s+(?:(?:\w+ly|then|instead|later|also)\s+)*(?:said|says|told|added|claimed|insisted|explained)\b|"
    r";|,\s+(?:but|while|whereas)\b|\s+but\b",
    re.I,
)


_NAME = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][A-Za-z'-]+")


def _names(text: str) -> set[str]:
    """The lower-cased content words of ``text`` written with a capital, its first word left out."""
    return {w.lower() for w in _NAME.findall(text.strip())} & content_words(text)


def contests(sentences: Mapping[str, Sequence[Sentence]], threshold: float = CONTEST_OVERLAP) -> list[Contest]:
    """Each contesting sentence of a story paired with the claim it contests in another article.

    The claim is sought in the articles that do not carry the contest themselves (a copy of the
    debunking report is the same report, not the claim's source), by the content words of what
    the contest is about: the claim it names where it names one, else the whole sentence.

    Args:
        sentences: the story's sentences per article id.
        threshold: the least Jaccard similarity of the two sentences' content words.

    Returns:
        One :class:`Contest` per contesting sentence whose best claim reaches ``threshold``, in reading order.
    """
    cues, claims = [], []
    carriers: dict[str, set[str]] = {}
    for article_id in sentences:
        for k, s in enumerate(sentences[article_id]):
            m = contest_cue(s.text)
            if m is None:
                # A sentence that negates ("… had not made an offer") asserts no claim to contest.
                if not NEGATION.search(s.text):
                    claims.append((s, content_words(s.text)))
                continue
            carriers.setdefault(_key(s.text), set()).add(article_id)
            words, names = _contested_words(s.text, m, sentences[article_id][k - 1].text if k else "")
            if len(words) > MIN_SHARED:
                cues.append((s, m, words, names))
    out = []
    for s, cue, words, names in cues:
        best = _best_claim(words, names, carriers[_key(s.text)], claims)
        if best is not None and best[1] >= threshold:
            out.append(Contest(
                claim=best[0], contest=s, cue_start=s.start + cue.start(), overlap=best[1],
                by_subject=not (_NO_EVIDENCE.fullmatch(cue.group(0)) or falsity_cue(cue.group(0))),
            ))
    return out


def _key(text: str) -> str:
    """A sentence's words, lower-cased: copies of one sentence in several reports share it."""
    return " ".join(_WORD.findall(text.lower()))


# A sentence that names the claim it contests: "denied reports that X", "debunk Smith's theory",
# "rumours that X were untrue", "despite a report on a website, X has not Y".
_CLAIM_NOUN = (
    r"(?:claims?|reports?|rumou?rs?|allegations?|accusations?|suggestions?|speculation|stor(?:y|ies)|"
    r"assertions?|theor(?:y|ies)|charges?|notion|idea)"
)
# The nouns that take a claim's content ("reports that …", "Smith's theory"), as a pattern to embed.
CLAIM_NOUN = _CLAIM_NOUN
# Names are capitalised: (?-i:…) keeps them so inside the case-blind patterns.
_OWNER = r"(?P<owner>(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)|(?<=the\s)(?-i:[a-z][\w-]*))(?:'s|’s|'|’)\s+"
_NP = (
    r"(?:(?:the|these|those|such|some|any|all|earlier|recent|initial|widespread|wild|media|news|online|"
    r"unconfirmed|false|new|further|a)\s+){0,3}(?:" + _OWNER + r"|(?P<modifier>(?-i:(?:[A-Z][\w.-]*\s+){1,2})))?"
    r"(?P<noun>" + _CLAIM_NOUN + r")\b"
)
# What the claim says, or who made it: "that X", "of X", "about X"; "made by / by / from / in / on S".
_SOURCE = (
    r"(?:\s+(?:made\s+|published\s+|circulated\s+|carried\s+|spread\s+)?(?:by|from|in|on)\s+(?P<source>[^,;:.\"“”]{3,70}?)"
    r"(?=,?\s+(?:that|about)\s|\s*[,;:.]|\s*$))?"
)
_CONTENT = r"(?:,?\s+(?P<content>(?:that|of|about)\s+\S))?"
_ACTIVE_CUE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"rebut(?:s|ted)?|disprov(?:e|es|ed)|debunk(?:s|ed|ing)?|disput(?:e|es|ed|ing)|quash(?:es|ed)?)\s+"
    + _NP + _SOURCE + _CONTENT,
    re.I,
)
_ANY_CLAIM_NOUN = re.compile(r"\b" + _CLAIM_NOUN + r"\b", re.I)
_SUBJECT_FRAME = re.compile(r"(?:^|[\s(\"“])" + _NP + _SOURCE + _CONTENT, re.I)
_PREDICATE = re.compile(
    r"\b(?:(?:have|has|had)\s+been|was|were|is|are)\s+(?:\w+\s+){0,2}?(?:debunked|denied|refuted|dismissed|disproved|"
    r"disproven|rejected)\b|" + _COPULAR.pattern,
    re.I,
)
_DESPITE = re.compile(
    r"^\W*(?:despite|contrary\s+to)\s+" + _NP + _SOURCE + r"[^,]{0,120},\s+(?P<main>[^.;]*\b(?:not|never|no)\b|[^.;]*n['’]t\b)",
    re.I,
)
# "… is alive, contrary to rumours spread by the militants": the contrast is the contest.
_CONTRARY = re.compile(r"(?P<main>,)\s+contrary\s+to\s+" + _NP + _SOURCE, re.I)


# The predicate's own negation ("… were not false"); a modal earlier in the claim ("will be cut") is the claim's.
_NEG_JUST_BEFORE = re.compile(r"(?:\b(?:not|never)|n['’]t)\s*$", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|yet)\b|\b(?:said|says|told)\b", re.I)


@dataclass(frozen=True, slots=True)
class ClaimFrame:
    """A sentence's own statement of a claim and of its contest, char offsets within the sentence.

    ``claimant`` is who the text says made the claim (an owner, "Smith's theory";
    a source, "reports by the Herald"), else the claim noun itself ("rumours").
    ``claimant_start``/``claimant_end`` locate it; ``cue_start`` is where the contest begins;
    ``speaker_end`` is where the words that may name who contests end: the cue verb ("the
    ministry denied …"), the claim's start ("Roe said reports that … were false"), or None
    where no such words stand ("despite reports …"). ``owned`` says whether the text names who
    made the claim (an owner, a source, a name before the noun), not the claim noun alone.
    """

    claimant: str
    claimant_start: int
    claimant_end: int
    claim: str
    cue_start: int
    speaker_end: int | None = None
    owned: bool = True


def _frame_of(m: re.Match[str], cue_start: int, claim_end: int, speaker_end: int | None) -> ClaimFrame:
    for group in ("owner", "source", "modifier", "noun"):
        if m.group(group):
            start, end = m.span(group)
            break
    end = start + len(m.string[start:end].rstrip())
    return ClaimFrame(
        claimant=m.string[start:end], claimant_start=start, claimant_end=end,
        claim=m.string[m.start("owner") if m.group("owner") else m.start("noun") : claim_end].strip(" ,;."),
        cue_start=cue_start, speaker_end=speaker_end, owned=group != "noun",
    )


def claim_frame(text: str) -> ClaimFrame | None:
    """The claim a sentence states and contests in the same words, or None.

    Three frames: a contest verb whose object is a claim with its content or its
    owner ("denied reports that the plant will close", "debunk Smith's theory");
    a claim with its content as subject of a debunking predicate ("rumours that
    he fled were untrue", "reports of his death have been debunked"); "despite
    reports …, X has not …". A claim noun without content or owner ("denied the
    claims") names nothing to contest here; a negation or a modal before the cue
    cancels it.

    Example:
        >>> claim_frame("The firm denied rumours that it will cut jobs.").claimant
        'rumours'
        >>> claim_frame("Later studies debunk Smith's theory.").claimant
        'Smith'
        >>> claim_frame("The firm denied the claims.") is None
        True
    """
    if not _ANY_CLAIM_NOUN.search(text):  # every frame names a claim noun: most sentences stop here
        return None
    for m in _ACTIVE_CUE.finditer(text):
        if (m.group("owner") or m.group("modifier") or m.group("content")) and not _negated(text, m.start()):
            return _frame_of(m, m.start(), len(text), m.start())
    for m in _SUBJECT_FRAME.finditer(text):
        if not (m.group("owner") or m.group("content")):
            continue
        p = _PREDICATE.search(text, m.end())
        # The predicate must be the claim's own: in its clause, not after ", and" / "; " / ", but".
        if p and not _NEG_JUST_BEFORE.search(text, 0, p.start()) and not _CLAUSE_BREAK.search(text, m.end(), p.start()):
            return _frame_of(m, p.start(), p.start(), m.start())
    m = _DESPITE.match(text) or _CONTRARY.search(text)
    if m:
        return _frame_of(m, m.start("main"), len(text), None)
    return None
