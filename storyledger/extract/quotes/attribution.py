"""Attributions read around each cue: step 3 of :mod:`storyledger.extract.quotes.quotes`.

Each speech or cognition cue is read in one of four shapes (``SPEAKER CUE
(that) CONTENT``, ``CONTENT, SPEAKER CUE``, ``CONTENT, CUE SPEAKER``,
``according to SPEAKER``) over the masked text, so words inside quote marks
never make an attribution. A reported clause runs to the end of its sentence,
short of a later attribution and of a coordinated clause with a cue of its own
(``X called it "rigged", and a few lawmakers have called for …``).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .cues import (
    ADJ,
    APPOS_TAIL,
    Attribution,
    CAP,
    COORDINATED,
    CUE_RE,
    FUNCTION,
    INVERTED,
    NAME,
    NAME_RE,
    NOT_A_VERB,
    NP_BAD_END,
    PARTICIPLES,
    PASSIVE_AFTER,
    PASSIVE_BEFORE,
    SPEECH_WORDS,
    SUBJ_APPOS,
    SUBJ_GROUP,
    SUBJ_NAME,
    SUBJ_NP,
    SUBJ_NP_APPOS,
    SUBJ_PRON,
    SUBJ_ROLE_APPOS,
    SUBJ_ROLE_OF,
    TELL_CUES,
    THAT,
    TOLD_OBJECT,
    clean_cue,
    clean_role,
    is_function_word,
    strip_aux,
    title_end,
)
from .marks import OPENERS

__all__ = [
    "attributions",
    "clause_subject",
    "find_inverted_subject",
    "find_subject",
    "strip_span",
]


# A name run opening with one of these is a place or time phrase, not a subject ("In Iowa, …").
_PREPS = frozenset(
    """In On At From By With For After Before During Under Over Through Since Until Despite Like Unlike
    Near Inside Outside Across Against Toward Towards Among Between Without Within""".split()
)


def find_subject(masked: str, lo: int, cue_start: int) -> tuple[int, int, str, str | None] | None:
    """The speaker ending right before a cue: (start, end, text, role)."""
    # Subjects are short; a bounded window keeps the end-anchored searches linear.
    lo = max(lo, cue_start - 260)
    left = strip_aux(masked[lo:cue_start].rstrip())
    if not left.strip():
        return None
    if left.rstrip().endswith(","):
        subj = _appositive_subject(left, lo)
        if subj is not None:
            return subj
    # The other shapes are short: search only the end of the window.
    cut = max(0, len(left) - 110)
    return _short_subject(left[cut:], lo + cut)


def _appositive_subject(left: str, lo: int) -> tuple[int, int, str, str | None] | None:
    """A name or noun phrase with an apposition before the cue ("Jane Roe, a spokeswoman, said")."""
    m = SUBJ_APPOS.search(left)
    names = list(NAME_RE.finditer(left))
    # "Jo Roe, director and analyst at Acme, said": a lowercase role may join two; "Jo, Al and Ed said" may not.
    if m and not re.search(r"\b(?:said|says)\b" if m.group("role")[0].islower() else r"\b(?:and|but|said|says)\b", m.group("role")):
        return _apposition_chain_subject(left, lo, m, names)
    # Longer appositions (commas, a quoted phrase): the rightmost name that starts one.
    for nm in reversed(names):
        tail = APPOS_TAIL.fullmatch(left, nm.end())
        if tail and not is_function_word(nm.group()) and nm.group().split()[0] not in _PREPS and not re.search(r"\b(?:said|says|told)\b", tail.group("role")):
            name = nm.group()
            s0 = lo + nm.start()
            t = title_end(name)
            if t:
                s0 += t
                name = name[t:]
            return s0, lo + nm.end(), name, clean_role(tail.group("role").split(",")[0])
    m = SUBJ_ROLE_APPOS.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), clean_role(m.group("role"))
    m = SUBJ_NP_APPOS.search(left, max(0, len(left) - 260))
    if m and not re.search(r"\b(?:said|says|told)\b", m.group()):
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    return None


def _apposition_chain_subject(
    left: str, lo: int, m: re.Match[str], names: list[re.Match[str]]
) -> tuple[int, int, str, str | None]:
    """The name opening a chain of appositions, else the one ``m`` (a ``SUBJ_APPOS`` match) found."""
    # "Jane Roe, the attorney general of Ruritania, one of the states suing, said": the
    # name opening the clause, not one inside a role.
    for nm in names:
        if nm.start() >= m.start("name"):
            break
        if left[: nm.start()].strip() and not re.search(r"[,\"”]\s*$", left[: nm.start()]):
            continue
        tail = APPOS_TAIL.fullmatch(left, nm.end())
        if tail and not is_function_word(nm.group()) and nm.group().split()[0] not in _PREPS and not re.search(r"\b(?:said|says|told)\b", tail.group("role")):
            return lo + nm.start(), lo + nm.end(), nm.group(), clean_role(tail.group("role").split(",")[0])
    return lo + m.start("name"), lo + m.end("name"), m.group("name"), clean_role(m.group("role"))


def _short_subject(left: str, lo: int) -> tuple[int, int, str, str | None] | None:
    """A subject ending ``left`` with no apposition: "the head of X", a pronoun, a name, a group, a noun phrase."""
    m = SUBJ_ROLE_OF.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    m = SUBJ_PRON.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    m = SUBJ_NAME.search(left)
    if m and not is_function_word(m.group("name")):
        return _titled_name(m, lo)
    m = SUBJ_GROUP.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    m = SUBJ_NP.search(left)
    if (
        m
        and "Q" not in m.group("name")
        and m.group("name").split()[-1].lower() not in NP_BAD_END
        and not re.search(r"\b(?:that|which|who|but|because|to)\b", m.group("name").split(None, 1)[-1])
    ):
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    return None


def _titled_name(m: re.Match[str], lo: int) -> tuple[int, int, str, str | None]:
    """The name of a ``SUBJ_NAME`` match, its words before and its title kept as the role."""
    pre = (m.group("pre") or "").strip()
    s, e, name = lo + m.start("name"), lo + m.end("name"), m.group("name")
    first, _, rest = name.partition(" ")
    if first in FUNCTION and rest:
        s += len(first) + 1
        name = rest
    # Titles are a role, not the name: "US Secretary of State Jane Roe".
    tm = title_end(name)
    if tm:
        pre = (pre + " " + name[:tm].strip()).strip()
        s += tm
        name = name[tm:]
    return s, e, name, clean_role(pre)


_CLAUSE_SUBJECT = re.compile(
    rf"(?:^|(?<=,)[ \t]+|(?<=[.!?])(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!St\.)(?<!Mrs\.)(?<!Sen\.)(?<!Rep\.)(?<!Gov\.)(?<!Gen\.)[ \t]+|^[ \t]+)"
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?[ \t]+)?"
    # "Northfield College's Jo Roe agreed": the name after its organisation's possessive.
    rf"(?:{NAME}['’]s?[ \t]+(?={NAME}[ \t]+[a-z]))?"
    rf"(?P<name>{NAME}(?:[ \t]*\([^()\n]{{1,24}}\))?|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I|"
    rf"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)[ \t]+(?:[a-z][\w\-]*+[ \t]+){{0,2}}[a-z][\w\-]*+"
    rf"|{NAME}['’]s?[ \t]+[a-z][\w\-]*+)"
    # "One operative inside the campaign tried …": a place or body after the noun.
    rf"(?:[ \t]+(?:inside|in|at|of|for|from|with|within|near)[ \t]+(?:the[ \t]+)?(?:{NAME}|[a-z][\w\-]*+))?"
    r"(?:[ \t]*,[^,\n]{1,120},)?"
    r"[ \t]+(?:(?:has|had|have|also|then|was|is|were|are|later|again|once|never|did|does|do|would|could|will|can|not|"
    r"himself|herself|themselves|itself)[ \t]+)*"
    r"(?P<verb>[a-z]{2,}(?:ed|s)|told|said|wrote|went|gave|made|took|spoke|put|began|saw|knew|thought|felt|held"
    r"|threw|led|ran|sent|brought|won|lost|left|met|kept|struck|fought|stood|got|came|became|sought|built|spent"
    r"|paid|hit|cut|set|shot|broke|chose|drove|drew|withdrew|shook|stuck|swore|tore|overcame|undertook|quit"
    r"|(?:(?<=did )|(?<=not )|(?<=can )|(?<=does )|(?<=will )|(?<=would )|(?<=could ))[a-z]{2,})\b"
)


_ARTICLES = frozenset({"The", "A", "An", "Another"})


def clause_subject(masked: str, lo: int, hi: int) -> tuple[int, int, str, int, int, str, str | None] | None:
    """The first subject and verb of the clause in ``[lo, hi)`` ("At the debate, Jane Roe compared …")."""
    # On a slice: "^" means the start of the clause.
    m = None
    for cand in _CLAUSE_SUBJECT.finditer(masked[lo:hi]):
        words = cand.group("name").split()
        # A capitalised function word opens no name ("However Jane"), but an article opens a noun phrase
        # at a sentence's start as well as inside it ("The report makes a case:").
        if not is_function_word(cand.group("name")) and (words[0] not in FUNCTION or words[0] in _ARTICLES):
            m = cand  # the last subject before the participle or colon
    if m is None:
        return None
    name = m.group("name")
    s = lo + m.start("name")
    e = s + len(re.sub(r"[ \t]*\([^()]*\)$", "", name))
    return lo + m.start("verb"), lo + m.end("verb"), m.group("verb"), s, e, masked[s:e], None


def find_inverted_subject(masked: str, cue_end: int, hi: int) -> tuple[int, int, str, str | None] | None:
    """``…, said UN spokesman Jean Martin`` / ``…, said the minister``."""
    m = INVERTED.match(masked, cue_end, hi)
    if not m:
        return None
    name = m.group("name")
    pre = (m.group("pre") or "").strip() or None
    role = m.group("role") or pre
    if name.split()[0] in FUNCTION and len(name.split()) == 1:
        return None
    s, e = m.start("name"), m.end("name")
    tm = title_end(name) if name[0].isupper() else 0
    if tm:
        role = ((pre or "") + " " + name[:tm].strip()).strip() if not m.group("role") else role
        s += tm
        name = name[tm:]
    return s, e, name, clean_role(role)


class _Cue(NamedTuple):
    """A cue word in its sentence, as the readers of its shapes take it."""

    # A named tuple, not a frozen dataclass: one is made per cue, on the hot path,
    # and a frozen dataclass costs about twice as much to build.
    start: int
    end: int
    word: str  # cleaned: "said", "according to"
    kind: str  # "acc", "speech", "directive" or "cog"
    ss: int  # its sentence's span
    se: int


def attributions(text: str, masked: str, sents: list[tuple[int, int]]) -> list[Attribution]:
    """Step 3: every cue read in one of its four shapes, in text order."""
    out: list[Attribution] = []
    starts = [s for s, _ in sents]
    for m in CUE_RE.finditer(masked):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        sent = sents[i]
        if m.start() >= sent[1]:
            continue
        kind = "acc" if m.group("acc") else "speech" if m.group("speech") else "directive" if m.group("directive") else "cog"
        cue = clean_cue(m.group())
        went_on = kind != "acc" and _WENT_ON.search(masked, max(sent[0], m.start() - 24), m.start()) is not None
        if _no_speech_act(masked, sent, m, cue, kind, went_on):
            continue
        k = _Cue(m.start(), m.end(), cue, kind, sent[0], sent[1])
        if went_on or _hangs_on_clause(masked, k):
            a = _hanging_attribution(text, masked, k, went_on, out)
        else:
            a = _read_cue(text, masked, k)
            if a is None:
                a, cut = _coordinated_attribution(text, masked, k, out)
                if cut is not None:
                    out[-1] = cut  # its content ran on over the coordinated verb
        if a:
            out.append(a)
    return _cut_at_later_speakers(text, masked, out)


def _no_speech_act(masked: str, sent: tuple[int, int], m: re.Match[str], cue: str, kind: str, went_on: bool) -> bool:
    """Whether the cue word ``m`` makes no speech act here: a noun, a passive, an aspect verb."""
    ss, se = sent
    nv = NOT_A_VERB.search(masked, max(ss, m.start() - 12), m.start()) if kind != "acc" else None
    if nv and not went_on and not (cue.endswith("ed") and nv.group().strip() == "further"):  # "further asserted" is a verb
        return True  # "to answer", "a sharp reply", "the report": not a speech act here
    if kind != "acc" and (
        PASSIVE_AFTER.match(masked, m.end(), se) or PASSIVE_BEFORE.search(masked, max(ss, m.start() - 16), m.start())
    ):
        return True  # "supported by", "acknowledged as", "was expected": no speaker acts here
    if cue.startswith("continu") and re.match(r"[ \t]+(?:to[ \t]|[a-z]+ing\b)", masked[m.end() : m.end() + 20]):
        return True  # "we must continue to push": an aspect verb, not "she continued, …"
    # "a false claim that", "his late-night tweets": a noun, not a speech act
    return kind != "acc" and _noun_use(masked, ss, m.start(), cue)


def _hangs_on_clause(masked: str, k: _Cue) -> bool:
    """Whether the cue is a participle hanging on the clause before ("…, adding that …", "a statement saying …")."""
    cue = k.word
    comma = re.search(r",[ \t]*$", masked[max(k.ss, k.start - 3) : k.start]) is not None
    return (cue in PARTICIPLES and comma) or (
        cue.endswith("ing") and " " not in cue and k.kind != "cog" and (comma and cue in _ING_CUES or not comma)
        and not _ING_AUX.search(masked, max(k.ss, k.start - 16), k.start)
    )


def _hanging_attribution(text: str, masked: str, k: _Cue, went_on: bool, out: list[Attribution]) -> Attribution | None:
    """A participle's attribution ("…, adding that …"): the speaker of the clause it hangs on."""
    # That is the last attribution of the sentence outside a nested one, else the
    # clause's own subject ("released a statement confirming …").
    th = THAT.match(masked, k.end, k.se)
    c_from = th.end() if th else (ADJ.match(masked, k.end, k.se).end())
    c_s, c_e = strip_span(text, c_from, _content_end(masked, c_from, k.se))
    prev = next((b for b in reversed(out) if b.cue_start >= k.ss and not _inside_other(b, out)), None)
    if prev is None and (k.word in PARTICIPLES | _ING_CUES or went_on):
        cs_ = clause_subject(masked, _clause_start(masked, k.ss, k.start), k.start)
        if cs_ is not None:
            prev = Attribution(cs_[0], cs_[1], cs_[2], cs_[3], cs_[4], cs_[5], None, c_s, c_e, "before")
    if prev is None or c_e - c_s < 3:
        return None
    return Attribution(k.start, k.end, k.word, prev.speaker_start, prev.speaker_end, prev.speaker_text, prev.role, c_s, c_e, "before")


def _coordinated_attribution(
    text: str, masked: str, k: _Cue, out: list[Attribution]
) -> tuple[Attribution | None, Attribution | None]:
    """A cue coordinated with an earlier verb ("… and said …"), and ``out[-1]`` cut before that verb if it must be."""
    co = COORDINATED.search(masked, max(k.ss, k.start - 20), k.start)
    if not co:
        return None, None
    prev = _coordinated_subject(masked, k, co, out)
    if prev is None:
        return None, None
    th = THAT.match(masked, k.end, k.se)
    c_from = th.end() if th else ADJ.match(masked, k.end, k.se).end()
    c_s, c_e = strip_span(text, c_from, _content_end(masked, c_from, k.se))
    if not (c_e - c_s >= 3 and (k.kind != "cog" or th)):
        return None, None
    a = Attribution(k.start, k.end, k.word, prev.speaker_start, prev.speaker_end, prev.speaker_text, prev.role, c_s, c_e, "before")
    if prev.shape != "clause" and prev.content_start < co.start() < prev.content_end:
        cut = Attribution(prev.cue_start, prev.cue_end, prev.cue, prev.speaker_start, prev.speaker_end, prev.speaker_text, prev.role, prev.content_start, co.start(), prev.shape)
        return a, cut
    return a, None


def _coordinated_subject(masked: str, k: _Cue, co: re.Match[str], out: list[Attribution]) -> Attribution | None:
    """Who the coordinated verb's subject is: the sentence's last attribution, else the first verb's subject."""
    same_sentence = bool(out) and out[-1].cue_start >= k.ss
    cs_co = None
    if same_sentence:
        # "When asked whom she backed, X smiled and said …": a subject after the last
        # attribution's cue opens the clause the coordinated verb belongs to.
        cs_co = clause_subject(masked, _clause_start(masked, k.ss, k.start), co.start())
        if cs_co is not None and cs_co[3] < max(out[-1].cue_end, out[-1].speaker_end):
            cs_co = None
    if same_sentence and cs_co is None:
        # "X asked Y to Z and said …": the coordinated verb shares the subject.
        return out[-1]
    # "X, a senator, bemoaned the unrest and said …": the subject of the first verb.
    cs_ = clause_subject(masked, _clause_start(masked, k.ss, k.start), co.start())
    if cs_ is None:
        return None
    return Attribution(cs_[0], cs_[1], cs_[2], cs_[3], cs_[4], cs_[5], None, cs_[1], cs_[1], "clause")


def _cut_at_later_speakers(text: str, masked: str, out: list[Attribution]) -> list[Attribution]:
    """The attributions with each reported clause ending where a later attribution of the sentence begins."""
    fixed: list[Attribution] = []
    for i, a in enumerate(out):
        for b in out[i + 1 :]:
            if b.speaker_start >= a.content_end:
                break
            if a.shape == "before" and a.content_start < b.speaker_start < a.content_end and b.cue_start > a.cue_start:
                if b.cue not in SPEECH_WORDS and not _CONJ_BEFORE.search(masked, max(a.content_start, b.speaker_start - 12), b.speaker_start):
                    # "X said the agency wants Y": the wanting is part of what X said (PolNeAR's
                    # convention); the nested attribution is dropped, the outer content kept whole.
                    continue
                e = b.speaker_start
                tail = re.search(r"(?:[ \t,;]+(?:after|but|while|and|as|when|because|since|whereas|although|though|even|before))*[ \t,;]*$", text[a.content_start:e])
                e = a.content_start + (tail.start() if tail else len(text[a.content_start:e]))
                if e - a.content_start >= 3:
                    a = Attribution(a.cue_start, a.cue_end, a.cue, a.speaker_start, a.speaker_end, a.speaker_text, a.role, a.content_start, e, a.shape)
                break
        fixed.append(a)
    return fixed


# "…, X said, going on to say that …": the cue hangs on the clause before, like "adding".
_WENT_ON = re.compile(r",[ \t]*(?:going|went|goes)[ \t]+on[ \t]+to[ \t]+$")
# A clause joined by one of these is coordinate, not nested: "X said A, but Y believes B".
_CONJ_BEFORE = re.compile(r"(?:[,;]|\b(?:but|while|whereas|although|though|and|yet))[ \t]*$")


_PAST = frozenset("said told wrote thought felt knew saw found sought understood learnt".split())
# A participle after one of these is a verb of its own clause ("is saying", "kept insisting").
_ING_AUX = re.compile(
    r"\b(?:is|are|am|was|were|be|been|being|keep|keeps|kept|began|begun|begin|begins|started|starts|start|"
    r"continued|continues|stopped|stop|stops|while|by|after|before|without|when|not)[ \t]+$|['’](?:s|re|m)[ \t]+$"
)
# Participles that report what the clause's subject says when they hang on an object
# ("issued a statement saying …").
_ING_CUES = frozenset(
    """saying stating confirming announcing claiming warning arguing insisting noting declaring
    asserting denying explaining urging calling demanding accusing criticizing criticising writing
    tweeting posting telling""".split()
)
_DET_BEFORE = re.compile(
    r"(?:\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Ee]ach|[Ee]very|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y|[Yy]our|[Tt]he)"
    r"|\w['’]s)[ \t]+(?:[\w\-]+[ \t]+){0,2}$"
)
_IRREGULAR_PLURALS = frozenset("people men women police children folks staff".split())


def _noun_use(masked: str, ss: int, cs: int, cue: str) -> bool:
    """Whether a cue word is used as a noun: "a false claim that", "a series of tweets"."""
    if " " in cue:
        return False
    left = masked[max(ss, cs - 50) : cs]
    if cue.endswith("s") and not cue.endswith("ss"):
        # A plural after "of" or a hyphenated adjective: "flurry of late-night tweets".
        return re.search(r"(?:\bof|\b[a-z]+-[a-z]+)[ \t]+$", left) is not None
    if cue.endswith(("ed", "ing")) or cue in _PAST:
        return False
    # A bare form after a singular determiner phrase cannot be its verb.
    if not _DET_BEFORE.search(left):
        return False
    prev = left.split()[-1].lower()
    return not (prev in _IRREGULAR_PLURALS or (prev.endswith("s") and not prev.endswith(("'s", "’s"))))


def _inside_other(a: Attribution, out: list[Attribution]) -> bool:
    return any(b is not a and b.content_start <= a.speaker_start < b.content_end for b in out)


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-!?"):
        e -= 1
    return s, e


def _clause_start(masked: str, ss: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last ';', ':' or '—' before it."""
    seg = masked[ss:pos]
    cut = max(seg.rfind(";"), seg.rfind(" — "), seg.rfind(" – "))
    return ss + cut + 1 if cut >= 0 else ss


def _read_cue(text: str, masked: str, k: _Cue) -> Attribution | None:
    """One cue read in its shape: "according to X", CONTENT, SPEAKER CUE / CUE SPEAKER, or SPEAKER CUE CONTENT."""
    if k.kind == "acc":
        return _according_attribution(text, masked, k)
    clause_lo = _clause_start(masked, k.ss, k.start)
    # Shape "before" with an apposition first: "X, a spokeswoman for Y, said ...".
    subj = find_subject(masked, clause_lo, k.start)
    if subj is None or subj[0] > clause_lo + 1 and re.search(r"[,\"”»]", masked[clause_lo : subj[0]]):
        a = _content_first_attribution(text, masked, k, clause_lo, subj)
        if a is not None:
            return a
    if subj is None:
        return None
    return _speaker_first_attribution(text, masked, k, subj)


def _according_attribution(text: str, masked: str, k: _Cue) -> Attribution | None:
    """"According to X, CONTENT." / "CONTENT, according to X."."""
    ss, se, cs, ce = k.ss, k.se, k.start, k.end
    sub = re.match(
        rf"[ \t]+(?P<name>(?:(?:the|a|an|{CAP}['’]s)[ \t]+)?(?:[\w\-'’.]+[ \t]+){{0,7}}?[\w\-'’.]+?)"
        r"(?=[ \t]*(?:,|\.(?:\s|$)|;|$|\n|[ \t]+(?:that|who|which)\b))",
        masked[ce:se],
    )
    if not sub:
        return None
    sp_s, sp_e = ce + sub.start("name"), ce + sub.end("name")
    left = strip_span(text, _clause_start(masked, ss, cs), cs)
    right = (sp_e, sp_e) if re.match(r"[ \t]*[.!?]", masked[sp_e : sp_e + 3]) else strip_span(text, sp_e, se)
    c_s, c_e = right if (right[1] - right[0]) > (left[1] - left[0]) else left
    if c_e - c_s < 8:
        return None
    return Attribution(cs, ce, "according to", sp_s, sp_e, text[sp_s:sp_e], None, c_s, c_e, "after")


# A quote ending its sentence (the stop inside the marks), then a new sentence in capitals.
_SENTENCE_ENDS_IN_QUOTE = re.compile(r"[.!?][”\"][ \t]+[A-Z]")


def _content_first_attribution(
    text: str, masked: str, k: _Cue, clause_lo: int, subj: tuple[int, int, str, str | None] | None
) -> Attribution | None:
    """Shape "after": CONTENT, SPEAKER CUE.  /  CONTENT, CUE SPEAKER."""
    ss, se, cs, ce, cue = k.ss, k.se, k.start, k.end, k.word
    before = masked[clause_lo:cs]
    comma = _content_comma(before, clause_lo, subj)
    if comma < 0:
        return None
    cpos = clause_lo + comma
    if _SENTENCE_ENDS_IN_QUOTE.search(text, ss, cpos):
        return None  # '"… workers." Following her speech, X rejected …': the quote ended its own sentence
    tail = ADJ.match(masked, ce, se)
    rest = masked[tail.end() : se] if tail else masked[ce:se]
    if cue.split()[0] in TELL_CUES:
        obj = TOLD_OBJECT.match(rest)
        rest = rest[obj.end() :] if obj else rest
    ends_here = re.match(r"[ \t]*(?:[.!?]|$|,[ \t]*(?:adding|saying|noting|citing|according|in\b|on\b|and\b|who\b|as\b|when\b|after\b|before\b|then\b|referring\b))", rest)
    # Right after a closing quote mark, the cue is the quote's whatever follows it.
    ends_here = ends_here or (masked[cpos] in "”\"»" and subj is not None and not masked[cpos + 1 : subj[0]].strip(" \t,"))
    c_lo, c_hi = strip_span(text, ss, cpos + (1 if masked[cpos] in "”\"" else 0))
    if subj and subj[0] > cpos and ends_here and k.kind in ("speech", "cog") and c_hi - c_lo >= 8:
        return Attribution(cs, ce, cue, subj[0], subj[1], subj[2], subj[3], c_lo, c_hi, "after")
    if k.kind == "speech" and not before[comma + 1 :].strip():
        inv = find_inverted_subject(masked, ce, se)
        if inv and c_hi - c_lo >= 8:
            return Attribution(cs, ce, cue, inv[0], inv[1], inv[2], inv[3], c_lo, c_hi, "after")
    return None


def _content_comma(before: str, clause_lo: int, subj: tuple[int, int, str, str | None] | None) -> int:
    """Where the content ends in ``before`` (the clause up to the cue): its last comma or closing mark, else -1."""
    comma = max(before.rfind(","), before.rfind("”"), before.rfind('"'))
    if subj is not None and comma > subj[0] - clause_lo:
        # The comma or closing mark before the speaker (an apposition has commas of its
        # own): a closing mark a few words back ('"…," his wife, Ana Duarte,'), else a comma.
        head = before[: subj[0] - clause_lo]
        mark = max(head.rfind("”"), head.rfind('"'))
        comma = mark if mark >= 0 and len(head[mark + 1 :].split()) <= 6 else head.rfind(",")
    return comma


def _speaker_first_attribution(
    text: str, masked: str, k: _Cue, subj: tuple[int, int, str, str | None]
) -> Attribution | None:
    """Shape "before": SPEAKER CUE (object) (adjuncts) (that|:) CONTENT."""
    se = k.se
    first = k.word.split()[0]
    pos = k.end
    th = THAT.match(masked, pos, se)
    if th is None and first in TELL_CUES:
        obj = TOLD_OBJECT.match(masked, pos, se) or _told_title(text, masked, pos, se)
        if obj:
            th = THAT.match(masked, obj.end(), se)
            if th is None:
                pos = obj.end()
                m = re.match(r"[ \t]*,?[ \t]*", masked[pos:se])
                pos += m.end() if m else 0
    if th is not None:
        c_from = th.end()
    else:
        if k.kind == "cog" and masked[pos : pos + 2].strip()[:1] not in OPENERS and not re.match(r"[ \t]+to[ \t]+[a-z]", masked[pos : pos + 6]):
            return None
        adj = ADJ.match(masked, pos, se)
        c_from = adj.end() if adj else pos
    end = _content_end(masked, c_from, se)
    c_s, c_e = strip_span(text, c_from, end)
    if c_e - c_s < 3 or not re.search(r"[A-Za-z]", text[c_s:c_e]):
        return None
    return Attribution(k.start, k.end, k.word, subj[0], subj[1], subj[2], subj[3], c_s, c_e, "before")


# A programme told, its title in quote marks: 'told MSNBC's "Morning Joe"'.
_TOLD_TITLE = re.compile(r"[ \t]+(?:[\w\-.]+['’]s[ \t]+)?(?P<q>[\"“])[^\"“”\n]{1,40}[\"”]")


def _told_title(text: str, masked: str, pos: int, se: int) -> re.Match[str] | None:
    """The object of a telling cue when it is a capitalised title in quote marks ('told MSNBC's "Morning Joe"')."""
    m = _TOLD_TITLE.match(masked, pos, se)
    return m if m and text[m.end("q") : m.end("q") + 1].isupper() else None


_CLAUSE_CUT = re.compile(
    r"[ \t]*(?:[,\"”][ \t]*(?:but|while|whereas|although|though)\b|[ \t]+whereas\b|;"
    r"|[ \t]+and[ \t]+(?:has|have|had|is|was|will|would|also|then|later)\b)"
)


def _content_end(masked: str, start: int, se: int) -> int:
    """The content of a "before" attribution runs to the end of its sentence or a nested attribution."""
    seg = masked[start:se]
    m = re.search(r",[ \t]+(?:he|she|they|it|[A-Z][\w.\-]*(?:[ \t][A-Z][\w.\-]*){0,3})[ \t]+(?:said|says|added|adds|told|wrote|noted|argued|explained|insisted)\b|,[ \t]*according[ \t]+to\b", seg)
    end = start + m.start() if m else se
    cut = _CLAUSE_CUT.search(masked, start, end)
    end = cut.start() if cut else end
    for co in _COORDINATE.finditer(masked, start, end):
        # ', and a few lawmakers have called for …': a coordinated clause with a cue of its own is
        # another attribution, not more of this content (', and that …' still is).
        if CUE_RE.search(masked, co.end(), co.end() + len(co.group("clause"))):
            return co.start()
    return end


# A comma and a coordinating word, then (looked ahead) the clause it opens, up to its next stop.
_COORDINATE = re.compile(r",[ \t]*(?:and|but|yet)[ \t]+(?!that\b|to\b)(?=(?P<clause>[^,;:.!?\"“”]{1,80}))")
