"""Does one outlet's line state another's claim? The checks the brief makes before it co-cites an outlet.

A line of outlet B is cited beside outlet A's line only when B **states the
same claim**:

1. **The alignment's own verdict.** The story's alignment
   (:func:`storyledger.align.align_story`, with its story-level checks: mutual
   best match, close in embedding space) aligned the two sentences with a kind
   of paraphrase or closer, over most of A's line (:func:`aligned_kinds`); or
   the two lines are verbatim or near-verbatim copies by their words alone.
2. **The same facts**: the same numbers, the same weekdays, months and
   relative days (:func:`same_facts` in :mod:`.brief_select`).
3. **The same polarity**: the same parity of negations over the whole line,
   and every content word the two lines share is negated in both or in
   neither (:func:`same_polarity`): "apologised ... but did not resign" and
   "refused to apologise" share "apologise", negated in one only, so they
   state opposite claims although each holds one negation.
4. **The same act** (:func:`same_predicate`): where a line's main predicate
   praises or blames (a word of strong valence in VADER's lexicon:
   "condemned", "praised", "thanked"), the other line tells it with the same
   word, a predicate of the same sign, or one close to it in meaning (MiniLM);
   "leaders condemned the senator" is not stated by "leaders issued a
   statement thanking the senator" nor by "leaders sought to quell the
   controversy", though all three name the same people and the same day.
5. **Every claim of the line**: where A's line goes on after a comma with a
   clause of reported speech ("..., telling the assembly it would cut aid"),
   a claim of its own, B states that clause too (:func:`reported_clause`;
   the alignment model's verdict on the clause against B's line is a
   paraphrase or closer): B is cited for A's whole line, not its first half.

Where B's line on the same matter fails 2 or 3, the brief may show it as a
``contrast`` line, never as support.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..records import Alignment, Sentence
from ..text import STOP

__all__ = [
    "CLOSE_KINDS",
    "MIN_PREDICATE_COS",
    "NEGATORS",
    "NEG_VERBS",
    "aligned_kinds",
    "main_predicates",
    "negated_words",
    "opposite_polarity",
    "reported_clause",
    "same_polarity",
    "same_predicate",
    "valence",
]

CLOSE_KINDS = frozenset({"verbatim", "near_verbatim", "paraphrase"})
_RANK = {"verbatim": 0, "near_verbatim": 1, "paraphrase": 2, "shared_quote": 3, "related": 4}
_MIN_COVER = 0.75  # share of a line's characters an alignment must span to state the whole line

NEGATORS = frozenset("not no never n't without nor none neither".split())
# Verbs that negate the clause they take (negative implicatives: "refused to apologise" states
# that no apology was made), in their inflected forms.
_NEG_STEMS = ("refuse", "decline", "fail", "deny", "reject")
NEG_VERBS = frozenset(
    form
    for stem in _NEG_STEMS
    for form in (
        stem, stem.rstrip("e") + "ed" if not stem.endswith("y") else stem[:-1] + "ied",
        stem + "s" if not stem.endswith("y") else stem[:-1] + "ies", stem.rstrip("e") + "ing",
    )
)
# A negation reaches to the end of its clause: a punctuation mark or a coordinating word.
# "don't" is "do" and "n't" (the word before a contraction's negation stops short of it).
_TOKEN = re.compile(r"[a-z][a-z']*?(?=n't\b)|n't|[a-z][a-z'’]*(?:-[a-z0-9]+)*|\d+(?:[.,]\d+)*|[,;:()—–]|\s-\s")
_BOUNDARY = frozenset({",", ";", ":", "(", ")", "—", "–", " - ", "but", "and", "or", "while", "although", "though", "whereas", "yet"})
_KEY_LEN = 6  # a word's first letters stand for it: "apologised", "apologize" -> "apolog"


def _key(word: str) -> str | None:
    w = word.replace("’", "'").removesuffix("'s")
    if len(w) < 4 or w in STOP or w in NEGATORS or not w[0].isalpha():
        return None
    return w[:_KEY_LEN]


def negated_words(text: str) -> dict[str, bool]:
    """Each content word of ``text`` (by its first letters) and whether a negation governs it.

    A negator ("not", "never", "without", or a negative implicative verb with
    its infinitive: "refused to", "failed to") governs the first content word
    after it in its clause (an
    adverb in "-ly" passed over): the predicate it denies ("did not *hear* the
    case", "refused to *apologise*"), not every word up to the clause's end,
    so a passive telling of the same denial keeps its polarity. Two negators
    before one word cancel. A word met both negated and not is left out.

    Example:
        >>> negated_words("The senator apologised but did not resign.")
        {'senato': False, 'apolog': False, 'resign': True}
    """
    seen: dict[str, set[bool]] = {}
    pending = 0
    prev = ""
    for tok in _TOKEN.findall(text.lower().replace("’", "'")):
        implicative, prev = prev in NEG_VERBS and tok == "to", tok
        if tok in _BOUNDARY:
            pending = 0
            continue
        if tok in NEGATORS or implicative:
            pending += 1
            continue
        k = _key(tok)
        if k is None or (pending and tok.endswith("ly")):
            continue
        seen.setdefault(k, set()).add(pending % 2 == 1)
        pending = 0
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _parity(text: str) -> int:
    toks = _TOKEN.findall(text.lower().replace("’", "'"))
    return sum(t in NEGATORS or t in NEG_VERBS for t in toks) % 2


def same_polarity(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` hold the same polarity: equal negation parity, and each shared word negated in both or neither?

    Example:
        >>> same_polarity("The senator apologised but did not resign.", "The senator refused to apologise.")
        False
        >>> same_polarity("The court did not hear the case.", "The case was not heard by the court.")
        True
    """
    if _parity(a) != _parity(b):
        return False
    na, nb = negated_words(a), negated_words(b)
    return all(na[k] == nb[k] for k in na.keys() & nb.keys())


def opposite_polarity(a: str, b: str) -> bool:
    """Does some content word that ``a`` and ``b`` share stand negated in one and not in the other?

    Positive evidence that two lines state opposite claims (a contrast), where
    :func:`same_polarity` is the stricter test for stating the same one.

    Example:
        >>> opposite_polarity("The senator apologised on Friday.", "The senator refused to apologise.")
        True
        >>> opposite_polarity("The plan does not advance US interests.", "The president rescinded the plan.")
        False
    """
    na, nb = negated_words(a), negated_words(b)
    return any(na[k] != nb[k] for k in na.keys() & nb.keys())


def aligned_kinds(
    lines: Sequence[Sentence], alignments: Sequence[Alignment], owners: Sequence[str]
) -> dict[tuple[int, int], str]:
    """The story alignment's kind for each two lines it aligns, keyed (line, other line).

    Args:
        lines: the candidate lines (whole sentences, perhaps without a leading label).
        alignments: the story's alignments.
        owners: per line, its lineage; lines of one lineage are not paired.

    Returns:
        ``{(i, j): kind}``, the closest kind of any alignment between lines
        ``i`` and ``j``; a paraphrase or closer counts only where its span
        covers most of line ``i`` and lies mostly within line ``j`` (so line
        ``j`` alone states the whole of ``i``, not one clause of it), and is
        ``related`` otherwise.
    """
    by_article: dict[str, list[int]] = {}
    for k, s in enumerate(lines):
        by_article.setdefault(s.article_id, []).append(k)

    def line_at(aid: str, start: int, end: int) -> tuple[int, float, float] | None:
        """The line where a span starts, the share of the line it covers, and the share of it inside the line."""
        for k in by_article.get(aid, ()):
            s = lines[k]
            if s.start - 2 <= start < s.end:
                overlap = max(0, min(end, s.end) - max(start, s.start))
                return k, overlap / max(s.end - s.start, 1), overlap / max(end - start, 1)
        return None

    out: dict[tuple[int, int], str] = {}
    for al in alignments:
        x, y = line_at(al.a.article_id, al.a.start, al.a.end), line_at(al.b.article_id, al.b.start, al.b.end)
        if x is None or y is None or owners[x[0]] == owners[y[0]] or al.kind not in _RANK:
            continue
        for (i, cover, _), (j, _, inside) in ((x, y), (y, x)):
            # j states i when the alignment spans most of line i and lies mostly within line j
            # (not a run of j and the sentence after it: j alone would tell only part of i)
            whole = cover >= _MIN_COVER and inside >= _MIN_COVER
            kind = al.kind if whole or al.kind not in CLOSE_KINDS else "related"
            if (i, j) not in out or _RANK[kind] < _RANK[out[(i, j)]]:
                out[(i, j)] = kind
    return out


# --------------------------------------------------------------------------- the main predicate

_AUX = frozenset("is are was were be been being has have had will would shall should can could may might must "
                 "do does did".split())
# English past forms not in "-ed" (the grammar's closed class), for finding a sentence's finite verb.
_IRREGULAR_PAST = frozenset(
    """arose ate beat became began bent bit bled blew bore broke brought built burst bought caught chose came cost
    crept cut dealt dug drew drank drove fell fed felt fought found fled flew forbade forgave froze got gave went grew
    hung heard hid hit held hurt kept knelt knew laid led left lent let lay lit lost made meant met paid put quit rode
    rang rose ran said saw sought sold sent set shook shed shot shut sang sank sat slept slid spoke sped spent split
    spread sprang stood stole stuck struck swore swept swam swung took taught tore told thought threw understood woke
    wore wept won wound wrote withdrew upheld""".split()
)
# Verbs of reporting: the claim of "X said Friday it will leave" is the reported clause's ("leave").
_REPORTING = frozenset(
    f"{v}{suf}"
    for v in "announce state add report confirm warn argue note claim insist explain declare tweet".split()
    for suf in ("", "s", "d" if v.endswith("e") else "ed")
) | frozenset("say says said tell tells told write writes wrote".split())
_PRED_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*|[,;:—–]")
_DETERMINERS = frozenset("the a an and of his her its their this that".split())
_CLAUSE_END = frozenset(",;:—–")
_EVALUATIVE = 1.5  # VADER lexicon valence (-4..4) from which a word praises or blames
# A predicate word this close (MiniLM cosine) to one of the other line's tells the same act: the threshold of
# best accuracy on MSRP (train) over the pairs where the check applies (evals/fit_brief_predicate.py).
MIN_PREDICATE_COS = 0.45


def _finite(tokens: Sequence[str], start: int) -> tuple[list[str], int]:
    """The first predicate at or after ``start``: a past form ("condemned", "sought"), or the word after an
    auxiliary ("is *facing*"), with its infinitive complement ("sought to *quell*") and the first participle
    of its clause ("issued a statement *thanking*"); and where the verb stands."""
    after_aux = False
    for i in range(start, len(tokens)):
        w = tokens[i]
        lw = w.lower()
        if i == start or not w[0].islower():
            continue
        if lw in _AUX:
            after_aux = True
            continue
        prev = tokens[i - 1].lower()
        past = (lw.endswith("ed") and len(lw) > 4 or lw in _IRREGULAR_PAST) and prev not in _DETERMINERS
        plain = after_aux and lw not in STOP and lw not in NEGATORS and not lw.endswith("ly")
        if past or plain:
            out = [lw]
            if i + 2 < len(tokens) and tokens[i + 1] == "to" and tokens[i + 2][0].islower():
                out.append(tokens[i + 2].lower())
            return out + _participle(tokens, i + 1), i
    return [], len(tokens)


def _participle(tokens: Sequence[str], start: int) -> list[str]:
    """The first "-ing" verb of the clause from ``start`` (not an adjective after a determiner or possessive)."""
    for k in range(start, len(tokens)):
        w, prev = tokens[k], tokens[k - 1].lower()
        if w in _CLAUSE_END:
            return []
        if w.endswith("ing") and len(w) > 5 and w[0].islower() and prev not in _DETERMINERS \
                and not prev.endswith(("'s", "’s")):
            return [w.lower()]
    return []


def main_predicates(text: str) -> tuple[str, ...]:
    """The words of a sentence's main predicate, lower-cased: its first finite verb after the subject (past an
    auxiliary, with an infinitive complement and the first participle of its clause), or, when that verb
    reports speech, the reported clause's; and a verb of reporting after the last comma ("..., the minister
    warned"), where the claim comes before its attribution.

    Words in parentheses are left out, and an opening phrase ("With a rare statement, ...") up to its comma.
    A light reading without a parser: a past form ("-ed" or an irregular past) or the word after an auxiliary
    is taken as the verb.

    Example:
        >>> main_predicates("Norland's leaders (in a statement) condemned the Ostravian envoy on Monday.")
        ('condemned',)
        >>> main_predicates("With one voice, the council sought to quell the row.")
        ('sought', 'quell')
        >>> main_predicates("The mayor of Lowmere said Friday the city is suing the port.")
        ('suing',)
    """
    tokens = _PRED_TOKEN.findall(re.sub(r"\([^)]*\)", " ", text))
    start = 0
    if tokens and tokens[0].lower() in STOP and tokens[0].lower() not in ("the", "a", "an"):
        start = next((i + 1 for i, t in enumerate(tokens) if t == ","), 0)
    words, at = _finite(tokens, start)
    if words and words[0] in _REPORTING:
        reported, _ = _finite(tokens, at)
        words = reported or words
    # an attribution after the claim ("..., the minister warned on Friday") is the sentence's main verb
    last = max((i for i, t in enumerate(tokens) if t == ","), default=len(tokens))
    tail = [t.lower() for t in tokens[last + 1:] if t.lower() in _REPORTING]
    return tuple(dict.fromkeys(words + tail[:1]))


@functools.cache
def _valence() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def valence(word: str) -> float:
    """VADER's lexicon valence (-4..4) of a word or of its base form ("slammed" -> "slam", "thanking" -> "thank").

    Example:
        >>> valence("condemned") < 0 < valence("thanking")
        True
    """
    lex = _valence()
    w = word.lower()
    forms = [w]
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: -len(suf)]
            forms += [base, base + "e", base[:-1] if len(base) > 3 and base[-1] == base[-2] else base]
    if w.endswith("ied"):
        forms.append(w[:-3] + "y")
    return next((lex[f] for f in forms if f in lex), 0.0)


def _states_act(word: str, other: str, other_preds: Sequence[str]) -> bool:
    """Does a line (``other``, with its predicate words) tell the act that the evaluative ``word`` names?"""
    if word[:5] in {w[:5] for w in _TOKEN.findall(other.lower().replace("’", "'"))}:
        return True
    if any(valence(p) * valence(word) > 0 for p in other_preds):
        return True
    if not other_preds:
        return False
    from ..embed import embed

    return float((embed([word]) @ embed(list(other_preds)).T).max()) >= MIN_PREDICATE_COS


def same_predicate(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` tell the same act where either one's main predicate praises or blames?

    A predicate word of strong valence (:data:`_EVALUATIVE` in VADER's lexicon)
    must be told by the other line with the same word (its first five
    letters), by a predicate of the same sign, or by a predicate close in
    meaning (MiniLM cosine at least :data:`MIN_PREDICATE_COS`); a line whose
    predicate carries no valence is not tested (a different verb there is
    usually another wording of one act).

    Example:
        >>> same_predicate("Norland's leaders condemned the envoy on Monday.",
        ...                "Norland's leaders issued a statement on Monday thanking the envoy.")
        False
        >>> same_predicate("The council approved the plan.", "The council passed the plan.")
        True
    """
    pa, pb = main_predicates(a), main_predicates(b)
    for mine, theirs, other in ((pa, pb, b), (pb, pa, a)):
        for w in mine:
            if abs(valence(w)) >= _EVALUATIVE and not _states_act(w, other, theirs):
                return False
    return True


_TRAILING = re.compile(r",\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]{3,}ing)\b")


def _reporting_participle(word: str) -> bool:
    """Is ``word`` the "-ing" form of a verb of reporting ("telling", "saying", "adding", "noting")?"""
    base = word.removesuffix("ing")
    return word.endswith("ing") and any(f in _REPORTING for f in (base, base + "e", base[:-1]))


def reported_clause(text: str) -> str | None:
    """The claim a line adds after a comma in a clause of reported speech ("..., telling the assembly it would
    cut aid."), to the line's end; None when there is none.

    Such a clause embeds a proposition of its own; a participle of another verb ("..., handing the city a
    win") tells more of the same event and is not one.

    Example:
        >>> reported_clause("The envoy spoke on Monday, telling Ostravia it would cut aid.")
        'telling Ostravia it would cut aid.'
        >>> reported_clause("The court declined the case, handing Lowmere a win.") is None
        True
    """
    for m in _TRAILING.finditer(text):
        if _reporting_participle(m.group("verb")):
            return text[m.start("verb"):].strip()
    return None
