"""Denials a report makes in its own words: a falsity predicate, negated truth, and what a denial points back to.

Five frames, read as grammar rather than as a list of phrases:

* **a denial verb and its complement** (:func:`denial_verb`): "deny", "reject",
  "dismiss", "refute", "dispute" deny a claim when what they take is a
  proposition: a claim noun ("the reports", "Smith's accusations"), a
  that-clause, a gerund ("denied taking part"), a pronoun ("denied it"), a
  quotation, or an object with an "as" complement ("dismissed the charges as
  politically motivated"). What they take otherwise is a request or a
  proceeding refused ("was denied parole", "the judge dismissed the case",
  "rejected the offer"): no dispute. A passive ("the claim was denied by the
  club") denies only where its subject is a claim noun; the noun ("a land
  dispute") and the participle used as an adjective ("a disputed parking spot",
  "the contested region") deny nothing (:func:`noun_use`);
* **falsity predicate**: a copula ("is", "was", "are", the "'s" of "it's" / "that's")
  whose complement, within its clause, is a falsity word: a noun ("a hoax", "a
  myth", "propaganda") or an adjective that ends its phrase ("fake", "totally
  fake", "quite convincing, but also completely fake"); an adjective that goes on to a
  noun ("a false alarm", "fake news sites") predicates nothing of the subject;
  "wrong" is a falsity word only of what a claim says ("this is wrong", "the
  reports were simply wrong"), not of a deed ("it is wrong to …");
* **negated truth**: a copula with a negated truth word ("not true", "isn't
  true", "wasn't real", "not even slightly true"), or such a phrase standing
  as its own clause ("Sadly, as it turns out, not even slightly true."); "not
  the case" is left out, as it contrasts more often than it denies ("that
  wasn't the case at the other school");
* **a counter-claim** (:func:`negates`): a clause whose negation ("the lights weren't
  drones", "didn't fire") takes words that the account it answers
  asserts; a negation about something else ("but I don't know anything") or of a
  verb of saying ("the report does not state …", "police would not comment") is no
  counter-claim;
* **pointing back**: a denial whose subject or object is an anaphor ("it was
  fake", "fact-checkers have debunked this", "the story is a hoax") is about what the
  sentence before it says (:func:`points_back`).

A negation inside the complement before a falsity word ("is not fake") cancels
the first frame; a negation or a modal just before the copula ("can't be fake",
"would be false") is the caller's to check, as for every contest cue.
"""

from __future__ import annotations

import re

__all__ = [
    "CLAIM_VERB",
    "DENY_VERB",
    "NEGATION",
    "denial_verb",
    "falsity_cue",
    "negates",
    "noun_use",
    "points_back",
    "refused",
    "shares_subject",
    "within_quotation",
]

# The copula: a form of "be", or the "'s" / "'re" that a pronoun contracts it to ("it's", "they're").
_COPULA = r"(?:\b(?:is|was|are|were|be|been|being)|\b(?:it|that|this|what|there|he|she)['’]s|\b(?:they|you|we)['’]re)"
_NEG = r"(?:\s+not\b|n['’]t\b|\s+never\b)"
_TRUTH = r"(?:true|real|genuine|accurate|authentic|correct)"
# Words that may stand between "not" and the truth word: "not even slightly true", "not at all true".
_DEGREE = r"(?:\s+(?:even|at\s+all|quite|entirely|exactly|\w+ly))*"
_NEGATED_TRUTH = re.compile(_COPULA + r"(?:\s+(?:almost\s+)?\w+ly)?" + _NEG + _DEGREE + r"\s+" + _TRUTH + r"\b", re.I)
# "…, not even slightly true." / "Not true." : negated truth as a clause of its own.
_BARE_NEGATED_TRUTH = re.compile(
    r"(?:^|[,;:—–]\s*|\(\s*)\W*(?:(?:but|and|also|just|simply)\s+)*not" + _DEGREE + r"\s+" + _TRUTH + r"\s*(?:[.,;!)]|$)", re.I
)
_FALSITY_NOUN = (
    r"(?:hoax(?:es)?|fakes?|falsehoods?|lies|lie|myths?|fabrications?|propaganda|nonsense|misinformation|"
    r"disinformation|sham|smear|fiction|prank|satire|urban\s+legend)"
)
_FALSITY_ADJ = (
    r"(?:fake|false|untrue|bogus|baseless|unfounded|groundless|fabricated|made[- ]up|fictional|fictitious|"
    r"ludicrous|inaccurate|incorrect|phony|phoney|staged|doctored|photoshopped)"
)
# Up to four words of the complement before the falsity word, none a negation ("is not fake").
_GAP = r"(?:\s+[\"“‘']?(?!(?:not|never|no)\b)[\w'’-]+[\"”’']?,?){0,4}?"
# An adjective ends its phrase: punctuation, the end, or a conjunction, preposition or reporting word follows.
_ADJ_END = r"(?=[\"”’']?\s*(?:[,.;:!?)—–-]|$|(?:and|but|or|as|according|after|because|since|so|from|in|on|by|to)\b))"
_FALSITY = re.compile(
    _COPULA + _GAP + r"\s+[\"“‘']?(?:(?:an?|the|just|a\s+complete|a\s+total|\w+ly)\s+)?(?:" + _FALSITY_NOUN + r"\b|"
    + _FALSITY_ADJ + r"\b" + _ADJ_END + r")",
    re.I,
)
# A quick first look for a truth or falsity word, on lower-cased text (a case-blind alternation is slow).
_HINT = re.compile(r"\b(?:" + _TRUTH + "|" + _FALSITY_NOUN + "|" + _FALSITY_ADJ + r")")
# An anaphor as the denial's subject (in the words just before its cue) or its object (just after): a
# pronoun that ends its phrase ("debunking this.", "denied it on Monday"), not a complementiser
# ("denied that the …"), or a bare noun of report ("the story"), not one with its content ("the story that …").
_PRONOUN = r"(?:it|this|that|these|those|they|them)"
_REPORT_NOUN = r"(?:the\s+(?:story|stories|report|reports|claims?|rumou?rs?|news|tale|photos?|pictures?|images?|video))"
_ANAPHOR = r"(?:" + _PRONOUN + "|" + _REPORT_NOUN + r")"
_SUBJECT_ANAPHOR = re.compile(r"(?:^|[,;:]\s*|\b(?:but|and|so|well|however|yet)\s+)\W*" + _ANAPHOR + r"\b[^,;:]{0,60}$", re.I)
_LEADING_ANAPHOR = re.compile(_ANAPHOR + r"\b", re.I)
_OBJECT_ANAPHOR = re.compile(
    r"^\s*(?:\w+ly\s+)?(?:" + _PRONOUN + r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:as|was|is|were|are|on|in|by|and|but|to)\b)|"
    + _REPORT_NOUN + r"\b(?!\s+(?:that|of|about|on|by)\b))",
    re.I,
)


#: A verb (or noun) of denial, any form: what :func:`denial_verb` and the other dispute frames start from.
DENY_VERB = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ials?)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"rebuff(?:s|ed)?|disput(?:e|es|ed|ing)|contest(?:s|ed)?|repudiat(?:e|es|ed))\b",
    re.I,
)
#: A verb of saying or of charging, any form: what marks a sentence as a speaker's claim.
CLAIM_VERB = re.compile(
    r"\b(accus(?:e|es|ed|ing)|alleg(?:e|es|ed|ing)|blam(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|"
    r"claim(?:s|ed|ing)?|assert(?:s|ed|ing)?|insist(?:s|ed|ing)?|sa(?:y|ys|id)|stat(?:e|es|ed)|"
    r"argu(?:e|es|ed)|maintain(?:s|ed)?|announc(?:e|es|ed)|told|tells?|warn(?:s|ed)?|charg(?:e|es|ed))\b",
    re.I,
)
# A clause that opens on its verb ("but later denied …", "but said …") shares the subject of the clause before.
_SHARED_SUBJECT = re.compile(
    r"\s*(?:(?:\w+ly|later|also|then|still|never|not|had|has|have|did|would|could|was|were)\s+)*"
    r"(?:" + DENY_VERB.pattern + "|" + CLAIM_VERB.pattern + r")",
    re.I,
)


def shares_subject(clause: str) -> bool:
    """Whether ``clause`` opens on its verb, so shares the subject of the clause before ("…, but denied …").

    Example:
        >>> shares_subject(" later denied knowing him")
        True
        >>> shares_subject(" the club denied it")
        False
    """
    return bool(_SHARED_SUBJECT.match(clause))


def within_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation of ``text``: an odd count of straight marks, or an open curly one, before it.

    Example:
        >>> t = '"They said fireworks, but they were not," Roe said.'
        >>> within_quotation(t, t.index("but"))
        True
    """
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


_CLAIM_NOUN = (
    r"(?:claims?|reports?|rumou?rs?|allegations?|accusations?|stor(?:y|ies)|suggestions?|speculation|assertions?|"
    r"charges?|assurances?|statements?|accounts?|news|theor(?:y|ies)|notion|idea|version|narrative|remarks?|"
    r"comments?|findings?|conclusions?|criticism|testimony|description|characteri[sz]ation|denials?)"
)
_DET = (
    r"(?:(?:the|these|those|such|any|all|its|their|his|her|our|this|that|earlier|recent|media|news|online|"
    r"entire|whole|original|latest|[A-Z][\w'’-]*(?:'s|’s))\s+){0,3}"
)
# What a verb of denial takes when it denies a claim (see the module's doc).
_PROPOSITION = re.compile(
    r"^\W*(?:\w+ly\s+)?(?:" + _DET + _CLAIM_NOUN + r"\b|that\b|it\b|this\b|them\b|any\b|(?!being\b)\w+ing\b|[\"“'‘]|"
    r"(?:[^\s,.;]+\s+){1,6}?as\s)",
    re.I,
)
# A proceeding a court or an official dismisses: "dismissed the charges" (no "as …" after) is its end, not a denial.
_PROCEEDINGS = r"(?:charges?|case|cases|lawsuits?|suits?|complaints?|motions?|appeals?|counts?)"
_PROCEEDING = re.compile(r"^\s+" + _DET + _PROCEEDINGS + r"\b(?![^.;]{0,60}\bas\s)", re.I)
_PROCEEDING_NOUN = re.compile(_PROCEEDINGS + r"\b", re.I)
# "a land dispute", "the contest": the base form after an article is a noun, no verb of denial.
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:an?)\s+(?:[\w-]+\s+)?|\b(?:the|this|that|its|their|his|her|our|no)\s+)$", re.I)


_DETERMINER_BEFORE = re.compile(r"\b(?:an?|the|its|their|his|her|our)\s+$", re.I)
# A participle between a determiner and its noun ("a disputed parking spot", "the contested region") is an adjective.
_NOUN_AFTER = re.compile(r"\s+(?!(?:by|that|the|a|an|it|this|as|in|on|to|and|or|his|her|their|its)\b)[a-z][\w-]*", re.I)


def noun_use(text: str, start: int, end: int) -> bool:
    """Whether the denial word at ``text[start:end]`` is a noun or an adjective, no verb.

    A noun: its base form right after an article ("a land dispute"); an adjective: its participle
    between a determiner and a noun ("a disputed parking spot").

    Example:
        >>> t = "It began as a land dispute."
        >>> noun_use(t, t.index("dispute"), t.index("dispute") + 7)
        True
        >>> t = "It began over a disputed parking spot."
        >>> noun_use(t, t.index("disputed"), t.index("disputed") + 8)
        True
    """
    word = text[start:end].lower()
    before = text[max(0, start - 40) : start]
    if word.endswith("ed") and _DETERMINER_BEFORE.search(before):
        return bool(_NOUN_AFTER.match(text, end))
    return word in {"dispute", "contest", "reject"} and bool(_ARTICLE_BEFORE.search(before))


_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$", re.I)
_CLAIM_SUBJECT = re.compile(r"\b" + _CLAIM_NOUN + r"\b[^,;]{0,40}$", re.I)


def refused(text: str, start: int, end: int) -> bool:
    """Whether the denial word at ``text[start:end]`` refuses a request or ends a proceeding, denying no claim.

    A passive whose subject is no claim ("was denied parole"), and "dismiss" with a proceeding for
    object or subject ("dismissed the charges", "the case was dismissed"), unless an "as" complement
    makes it a denial ("dismissed the charges as politically motivated").

    Example:
        >>> t = "The charges were dismissed in May."
        >>> refused(t, t.index("dismissed"), t.index(" in"))
        True
    """
    before = text[max(0, start - 80) : start]
    dismiss = text[start:end].lower().startswith("dismiss")
    if _PASSIVE_AUX.search(before):
        subject = _CLAIM_SUBJECT.search(before)
        return subject is None or (dismiss and bool(_PROCEEDING_NOUN.match(subject.group(0))))
    return dismiss and bool(_PROCEEDING.match(text[end : end + 120]))


def denial_verb(text: str) -> re.Match[str] | None:
    """The first verb (or noun) of denial in ``text`` that denies a claim, not a request or a proceeding.

    Example:
        >>> denial_verb("But the ministry has denied the claim.").group(0)
        'denied'
        >>> denial_verb("He was denied parole.") is None
        True
        >>> denial_verb("The judge dismissed the charges.") is None
        True
    """
    for m in DENY_VERB.finditer(text):
        if m.group(0).lower().startswith("denial"):
            return m
        if noun_use(text, m.start(), m.end()) or refused(text, m.start(), m.end()):
            continue
        if _PASSIVE_AUX.search(text[max(0, m.start() - 80) : m.start()]) or _PROPOSITION.match(text[m.end() : m.end() + 120]):
            return m
    return None


# A negator word, or "n't" on its auxiliary.
NEGATION = re.compile(r"\b(?:not|never|no|nor|neither)\b|n['’]t\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# Words that carry no matter of their own: determiners, pronouns, auxiliaries, reporting verbs.
_FUNCTION = frozenset(
    "the and but for was are has had not you she her his its our who how why can did does any all one out off get "
    "got say per via yet nor him they them their there then than this that these those what when where which while "
    "with would could should have been being were done from into onto about also just only more most much many some "
    "such very said says told tell tells according think thinks thought know knows knew like will shall must might "
    "after before over under above below between among against during since until because through around within "
    "without upon across behind beyond toward towards".split()
)
# A negated verb of saying or knowing ("does not state", "would not comment", "didn't confirm") asserts nothing.
_UNSAID = re.compile(
    r"\W*(?:\w+\s+)?(?:say|said|state|stated|comment|commented|confirm|confirmed|know|known|specify|specified|disclose|"
    r"disclosed|elaborate|identify|identified|reveal|revealed|mention|mentioned|indicate|indicated|respond|responded|"
    r"return|returned|release|released|immediately)\b",
    re.I,
)
_SCOPE_WORDS = 8
# "whether or not the road will reopen", "if not": a disjunction or a condition negates no clause.
_DISJUNCTIVE = re.compile(r"\b(?:or|if)\s+not$", re.I)
_ENDINGS = ("ing", "ed", "es", "s")


def _matter(text: str) -> set[str]:
    """Lower-cased words of three letters or more that carry matter, one common ending cut ("fired" → "fir")."""
    out = set()
    for w in _WORD.findall(text):
        w = w.lower()
        if len(w) < 3 or w in _FUNCTION:
            continue
        end = next((e for e in _ENDINGS if w.endswith(e) and len(w) - len(e) >= 3), "")
        out.add(w[: len(w) - len(end)])
    return out


def negates(account: str, answer: str) -> bool:
    """Whether ``answer`` negates something ``account`` asserts: a negation whose next words ``account`` has.

    Example:
        >>> negates("he said the lights were drones", "the lights weren't drones")
        True
        >>> negates("a neighbour said something happened", "I don't know anything")
        False
        >>> negates("the teen said he was shot at", "the report does not state if the teen was shot")
        False
    """
    m = next((m for m in NEGATION.finditer(answer) if not _DISJUNCTIVE.search(answer, 0, m.end())), None)
    if m is None or NEGATION.search(account):
        return False
    if _UNSAID.match(answer, m.end()):
        return False
    scope = " ".join(_WORD.findall(answer[m.end() :])[:_SCOPE_WORDS])
    return bool(_matter(scope) & _matter(account))


# "Wrong" is a falsity word only of what a claim says: its subject a claim noun or an anaphor ("this is wrong",
# "the reports were simply wrong"), not a deed ("homophobia was wrong", "it is wrong to …").
_WRONG = re.compile(
    r"\b(?:(?:this|that|it)|(?:the|these|those|such|their|his|her|its)\s+(?:\w+\s+)?" + _CLAIM_NOUN + r")"
    r"(?:\s+(?:is|was|are|were)|['’]s)\s+(?:(?:all|just|simply|completely|totally|plain|plainly|flat|dead|\w+ly)\s+)?"
    r"wrong\b(?!\s+(?:to|with|for|of|about)\b)",
    re.I,
)


def falsity_cue(text: str) -> re.Match[str] | None:
    """The first falsity predicate or negated truth of ``text`` (see the module's doc), or None.

    Example:
        >>> falsity_cue("It's almost certainly not true.").group(0)
        "It's almost certainly not true"
        >>> falsity_cue("The clip was quite convincing, but also completely fake.") is not None
        True
        >>> falsity_cue("It was a false alarm.") is None
        True
    """
    low = text.lower()
    if not _HINT.search(low) and "wrong" not in low:  # most sentences hold no truth or falsity word: stop here
        return None
    found = [m for rx in (_NEGATED_TRUTH, _FALSITY, _BARE_NEGATED_TRUTH) if (m := rx.search(text))]
    found += [m for m in (_WRONG.search(text),) if m and "wrong" in low]
    return min(found, key=lambda m: m.start()) if found else None


_SAYS_CLAUSE = re.compile(r"\b(?:say|says|said|told|tells|claim|claims|claimed|believe|believes|believed)\s+\S", re.I)


def points_back(text: str, cue_start: int, cue_end: int) -> bool:
    """Whether the denial cued at ``text[cue_start:cue_end]`` has an anaphor for its subject or object.

    Such a denial ("it was fake", "fact-checkers have debunked this") is about what the sentence before says.

    Example:
        >>> t = "However, fact-checkers have debunked this."
        >>> points_back(t, t.index("debunked"), t.index(" this"))
        True
        >>> t = "Experts debunked claims that the water was poisoned."
        >>> points_back(t, t.index("debunked"), t.index(" claims"))
        False
        >>> t = "Officers came, and they say the brother denied being involved."
        >>> points_back(t, t.index("denied"), t.index(" being"))
        False
    """
    before = text[max(0, cue_start - 80) : cue_start]
    subject = _SUBJECT_ANAPHOR.search(before)
    # "they say the brother denied …": an anaphor that says the clause is not the denial's subject.
    return bool(
        (subject and not _SAYS_CLAUSE.search(subject.group(0)))
        or _LEADING_ANAPHOR.match(text, cue_start)  # the cue holds its subject: "It's not true"
        or _OBJECT_ANAPHOR.match(text[cue_end : cue_end + 40])
    )
