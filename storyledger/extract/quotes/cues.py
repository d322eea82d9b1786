"""Cue verbs and speaker shapes for :mod:`storyledger.extract.quotes.quotes` (step 3's vocabulary).

The cue lexicons (speech, directive, cognition) compiled to prefix-tree
regexes, the patterns for a speaker before or after a cue (apposition, name
with title, pronoun, noun phrase, group), the word lists that bound them, and
the ``Attribution`` record the readers return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text import WEEKDAYS

__all__ = [
    "ADJ",
    "APPOS_TAIL",
    "Attribution",
    "CAP",
    "COORDINATED",
    "CUE_RE",
    "DIRECTIVE",
    "DOCUMENT_HEADS",
    "FUNCTION",
    "GROUP_HEADS",
    "INTRO_PHRASE",
    "INVERTED",
    "NAME",
    "NAME_RE",
    "NOT_A_VERB",
    "NP_BAD_END",
    "OPEN_RELATIVE",
    "PARTICIPLES",
    "PASSIVE_AFTER",
    "PASSIVE_BEFORE",
    "PERSON_ROLES",
    "PERSON_ROLE_WORDS",
    "PRONOUNS",
    "SPEECH",
    "SPEECH_WORDS",
    "SUBJ_APPOS",
    "SUBJ_GROUP",
    "SUBJ_NAME",
    "SUBJ_NP",
    "SUBJ_NP_APPOS",
    "SUBJ_PRON",
    "SUBJ_ROLE_APPOS",
    "SUBJ_ROLE_OF",
    "TELL_CUES",
    "THAT",
    "TOLD_OBJECT",
    "alt",
    "clean_cue",
    "clean_role",
    "is_function_word",
    "strip_aux",
    "title_end",
]


# Cue verbs. SPEECH cues take their content directly or after "that";
# DIRECTIVE cues take an object and its complement ("accused X of Y");
# COGNITION cues need "that" (or a quote) to carry content.
SPEECH = r"""say|says|said|saying|tell|tells|told|telling|announce|announces|announced|announcing|
state|states|stated|stating|add|adds|added|adding|assert|asserts|asserted|asserting|claim|claims|
claimed|claiming|deny|denies|denied|denying|write|writes|wrote|writing|tweet|tweets|tweeted|tweeting|
note|notes|noted|noting|argue|argues|argued|arguing|explain|explains|explained|explaining|insist|
insists|insisted|insisting|warn|warns|warned|warning|confirm|confirms|confirmed|confirming|report|
reports|reported|reporting|acknowledge|acknowledges|acknowledged|declare|declares|declared|declaring|
maintain|maintains|maintained|contend|contends|contended|predict|predicts|predicted|promise|promises|
promised|pledge|pledges|pledged|vow|vows|vowed|reply|replies|replied|respond|responds|responded|
answer|answers|answered|remark|remarks|remarked|recall|recalls|recalled|conclude|concludes|
concluded|admit|admits|admitted|concede|concedes|conceded|complain|complains|complained|allege|
alleges|alleged|estimate|estimates|estimated|stress|stresses|stressed|emphasi[sz]e|emphasi[sz]es|
emphasi[sz]ed|continue|continues|continued|testify|testifies|testified|mention|mentions|mentioned|
reveal|reveals|revealed|disclose|discloses|disclosed|agree|agrees|agreed|counter|counters|countered|
caution|cautions|cautioned|observe|observes|observed|joke|jokes|joked|boast|boasts|boasted|
suggest|suggests|suggested|indicate|indicates|indicated|posted|shouted|yelled|whispered|
explained|quipped|recounted|speculated|acknowledged|assured|assures|reiterated|reiterates|
repeated|repeats|affirmed|affirms|announced|publicly\s+said|ruled|rules|found|finds|show|shows|
showed|wrote"""
DIRECTIVE = r"""accuse|accuses|accused|accusing|urge|urges|urged|urging|call\s+for|calls\s+for|
called\s+for|calling\s+for|call\s+on|calls\s+on|called\s+on|calling\s+on|demand|demands|demanded|
demanding|implore|implores|implored|ask|asks|asked|asking|criticise|criticises|criticised|
criticize|criticizes|criticized|criticizing|criticising|praise|praises|praised|praising|blame|
blames|blamed|blaming|dismiss|dismisses|dismissed|defend|defends|defended|defending|reject|rejects|
rejected|condemn|condemns|condemned|condemning|called|calls|calling|described|describes|describing|
slammed|slams|attacked|attacks|questioned|questions|endorsed|endorses|backed|backs|threatened|
threatens|warned\s+of|welcomed|welcomes|proposed|proposes|propose|proposing|support|supports|supported|
supporting|oppose|opposes|opposed|opposing|favou?rs?|favou?red|advocated|advocates|pushed\s+for|pushes\s+for|
argued\s+for|argues\s+for|portrayed|portrays|labeled|labelled|branded|brands|mocked|mocks|touted|touts|
hailed|hails|lauded|lauds|decried|decries|denounced|denounces|vowed\s+to|promised\s+to|pledged\s+to"""
_COGNITION = r"""believe|believes|believed|think|thinks|thought|hope|hopes|hoped|fear|fears|feared|
expect|expects|expected|know|knows|knew|feel|feels|felt|worry|worries|worried|want|wants|wanted|
doubt|doubts|doubted|suspect|suspects|suspected|assume|assumes|assumed|argue|realise|realised|
realize|realized|insists|agreed|decided|decides|plans|planned|intends|intended|learned|learnt|
understands|understood|recognised|recognized|plan|plans|planned|planning|intend|intends|hope|aims|aim|
seek|seeks|sought|expecting|vow|refuse|refuses|refused|refusing|wish|wishes|wished|prefer|prefers|preferred|
consider|considers|considered|see|sees|saw|view|views|viewed|regard|regards|regarded|acknowledging"""


def alt(words: str) -> str:
    """An alternation of ``words`` ("a|b|c") as a prefix tree, which ``re`` scans far faster."""
    parts = set()
    for w in words.replace("\n", "").split("|"):
        w = w.strip()
        if not w:
            continue
        # Expand the few character classes used in the lists (emphasi[sz]e, favou?r).
        variants = [w.replace("\\s+", " ")]
        for cls, opts in (("[sz]", "sz"), ("u?", ("u", ""))):
            variants = [v.replace(cls, o, 1) for v in variants for o in opts] if any(cls in v for v in variants) else variants
        parts.update(v.replace("s?", "s") for v in variants)
        parts.update(v.replace("s?", "") for v in variants if "s?" in v)
    trie: dict = {}
    for w in parts:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        lit = r"\s+" if ch == " " else re.escape(ch)
        branches.append(lit + _trie_to_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longest match first: the optional end comes after the longer branches.
    return f"(?:{body})?" if end else body


CUE_RE = re.compile(
    rf"(?<![\w\-])(?:(?P<speech>{alt(SPEECH)}|Said|Says|Added|Adds|Wrote|Writes|Asked|Continued|Explained|Stated|Tweeted)|(?P<directive>{alt(DIRECTIVE)})|(?P<cog>{alt(_COGNITION)})"
    rf"|(?P<acc>[Aa]ccording\s+to))\b"
)
TELL_CUES = frozenset("tell tells told telling assured assures assuring informed informs reminded reminds warned warns".split())
PARTICIPLES = frozenset(
    """adding saying noting telling insisting arguing explaining warning claiming calling stating
    declaring asserting stressing citing accusing urging describing writing tweeting announcing asking""".split()
)
_WEEKDAY = rf"(?:{'|'.join(d.capitalize() for d in WEEKDAYS)})"
_TIME_ADJ = (
    rf"(?:[ \t]+(?:on[ \t]+)?{_WEEKDAY}(?:[ \t]+(?:morning|afternoon|evening|night))?"
    r"|[ \t]+(?:on|last|this|next|earlier|late|early)[ \t]+(?:this[ \t]+|last[ \t]+)?(?:week|weekend|month|year|morning|afternoon|evening|night|day)"
    r"|[ \t]+(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|publicly|privately|separately|repeatedly)"
    r"|[ \t]+(?:in|on|at|during|via|through)[ \t]+(?:a|an|the|his|her|their|its|our)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
    r"(?:statement|interview|speech|letter|post|conference|briefing|tweet|video|message|appearance|hearing|email|"
    r"e-mail|release|report|call|address|op-ed|blog|debate|rally|meeting|session|documentary|podcast|broadcast)s?"
    r"(?:[ \t]+(?:on|to|with|at|in)[ \t]+(?:the[ \t]+)?[\w\-]+(?:[ \t]+[A-Z][\w\-]*)*)?"
    r"|[ \t]+(?:on|in|via)[ \t]+(?:social[ \t]+media|Twitter|X|Facebook|Telegram|Instagram|television|TV|radio|camera|air)"
    r"|[ \t]+on[ \t]+[A-Z][a-z]+\.?[ \t]+\d{1,2}"
    r"|[ \t]+(?:this|last|that|the)[ \t]+(?:past|previous|same|following)[ \t]+(?:day|week|weekend|month|year|morning|evening)"
    r"|[ \t]+(?:earlier|later)[ \t]+(?:in|on|this|that)[ \t]+(?:the[ \t]+)?(?:day|week|month|year|morning|afternoon|evening|campaign)"
    r"|[ \t]+(?:a|one|two|three|several|some|a[ \t]+few)[ \t]+(?:days?|weeks?|months?|years?|hours?)[ \t]+(?:later|earlier|ago))"
    r"(?![\w\-])"  # a whole word: not "again" in "against", "speech" in "speeches"
)
CAP = r"(?>(?:[A-Z]\.){2,}|[A-Z](?:[\w\-]|['’](?![sS]\b)(?=\w))*+)"
_JOIN = r"(?:of|the|for|and|de|del|da|di|du|la|le|van|von|bin|al|el)"
# Possessive repeats: a name never gives back letters or words, which keeps the
# end-anchored subject searches from backtracking.
NAME = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Sens|Reps)\.[ \t]+)?"
    rf"{CAP}(?:[ \t](?!(?:Jr|Sr)\.)(?:{_JOIN}[ \t]){{0,2}}(?:[A-Z]\.[ \t])?{CAP})*+(?:,?[ \t](?:Jr|Sr)\.(?![ \t]*[A-Z]))?"
)
PERSON_ROLE_WORDS = frozenset(
    """spokesman spokeswoman spokesperson official minister president leader director chief head
    secretary senator governor mayor adviser advisor analyst professor lawyer attorney ambassador
    envoy commander general candidate nominee executive manager officer aide chairman chairwoman
    chair founder premier judge prosecutor member representative""".split()
)
_TITLE_WORDS = frozenset(
    """Mr Mrs Ms Dr Prof Sir Dame Lord Lady Rev Sen Senator Rep Representative Gov Governor Gen
    General Col Colonel Lt Capt Captain Sgt Maj Major Adm Admiral Cmdr Commander President Vice Prime
    Minister Secretary Chancellor Mayor Judge Justice Chief Ambassador King Queen Prince Princess Pope
    Bishop Archbishop Cardinal Sheikh Emir Sultan Ayatollah Speaker Chairman Chairwoman Director
    Deputy Acting Former Attorney Inspector Detective Sheriff Commissioner Premier Congressman
    Congresswoman Councilman Councilwoman President-elect""".split()
) | frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt capt sgt maj adm cmdr""".split()
)
PRONOUNS = {"he": "m", "she": "f", "they": "pl", "it": "n", "we": "pl", "i": "s"}
# Auxiliaries, adverbs and adjuncts between a subject and its cue, peeled off
# the end of the text before the cue one at a time (end-anchored patterns
# with nested repeats backtrack badly; a short loop does not).
_AUX_TAIL = re.compile(
    rf"(?:[ \t]*\([^()\n]{{1,24}}\)|{_TIME_ADJ}|[ \t]*,[ \t]*(?:in|on|at)[ \t]+[^,\n]{{3,40}},"
    r"|[ \t]+(?:has|have|had|also|later|then|previously|earlier|again|would|will|did|does|do|could|"
    r"may|might|is|was|were|are|been|being|repeatedly|publicly|recently|once|never|not|already|often|"
    r"quickly|reportedly|separately|similarly|further|simply|only|just|flatly|strongly|firmly|"
    r"explicitly|privately|openly|long|now|still|even|too|n['’]t|himself|herself|themselves|itself"
    # Any other adverb in -ly ("it now says", "she angrily replied"), not a noun in -ly.
    r"|(?!(?:ally|rally|family|assembly|supply|reply|only|belly|anomaly|monopoly|bully|tally|july)\b)[a-z]{3,}ly))[ \t]*$"
)


def strip_aux(left: str) -> str:
    """``left`` without the auxiliaries and adjuncts at its end (``has also``, ``on Friday``)."""
    for _ in range(8):
        m = _AUX_TAIL.search(left, max(0, len(left) - 70))
        if not m or m.start() == 0 and not left[: m.start()]:
            break
        left = left[: m.start()]
    return left


# Subject noun phrases, each anchored at the end of the text before the cue.
SUBJ_APPOS = re.compile(
    rf"(?<![\w'’.\-])(?P<name>{NAME})(?:[ \t]*\([^()\n]{{1,40}}\))?[ \t]*,[ \t]*(?P<role>(?:a|an|the|who|whose|\d{{1,3}}|[A-Z][\w.\-]*['’]s|[a-z][\w\-]*|{CAP})"
    rf"[^,;:\"“”«»()\n]{{1,220}}?)[ \t]*,[ \t]*$"
)
NAME_RE = re.compile(rf"(?<![\w'’.\-]){NAME}")
APPOS_TAIL = re.compile(
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*,[ \t]*(?P<role>(?:a|an|the|who|whose|\d{1,3}|one|another|former|chief|senior|deputy|acting|"
    r"longtime|top|then|now|both|also|himself|herself|[A-Z][\w.\-]*['’]s|"
    + "|".join(sorted(PERSON_ROLE_WORDS))
    + r")\b[^;:\n]{1,240}?)[ \t]*,[ \t]*"
)
SUBJ_NAME = re.compile(
    rf"(?<![\w'’.\-])(?:(?P<pre>(?:(?:[Tt]he|[Aa]n?|{CAP}['’]s|{CAP})[ \t]+)?(?:[a-z][\w\-]*+[ \t]+){{1,3}}?))?"
    rf"(?P<name>{NAME})[ \t]*$"
)
SUBJ_ROLE_OF = re.compile(
    rf"(?<![\w'’])(?P<name>(?:[Tt]he|[Aa]n?|[Aa]nother)[ \t]+(?:[a-z\-]+[ \t]+){{0,2}}(?:{'|'.join(sorted(PERSON_ROLE_WORDS))})"
    rf"[ \t]+(?:of|for|at|to)[ \t]+(?:the[ \t]+)?(?:[a-z\-]+[ \t]+){{0,2}}{NAME})[ \t]*$"
)
SUBJ_ROLE_APPOS = re.compile(
    rf"(?<![\w'’])(?P<role>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|{CAP}['’]s|{CAP})[ \t]+(?:[\w\-'’]+[ \t]+){{0,4}}?[a-z][\w\-]*+)"
    rf"[ \t]*,[ \t]*(?P<name>{NAME})[ \t]*,[ \t]*$"
)
# A described speaker with a relative clause or apposition: "One attendee, who asked not to be named, said".
SUBJ_NP_APPOS = re.compile(
    r"(?:^|(?<=,)|(?<=[.!?]))[ \t]*(?P<name>(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)"
    r"(?:[ \t]+[\w\-'’.]+){1,5}?)[ \t]*,[ \t]*(?:who|whose|a|an)\b[^;:\n]{1,220}?,[ \t]*$"
)
SUBJ_PRON = re.compile(r"(?<![\w'’])(?P<name>[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)[ \t]*$")
SUBJ_NP = re.compile(
    rf"(?<![\w'’])(?P<name>(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]any|[Ss]ome|[Mm]ost|"
    rf"[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Yy]our|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|{CAP}['’]s?)"
    rf"(?:[ \t]+[\w\-'’/.&]+){{1,5}}?)[ \t]*$"
)
SUBJ_GROUP = re.compile(
    rf"(?<![\w'’])(?P<name>(?:{CAP}[ \t]+)?(?:[a-z][\w\-]*+[ \t]+)?(?:officials|police|analysts|experts|residents|"
    rf"witnesses|sources|critics|supporters|opponents|protesters|protestors|activists|authorities|"
    rf"prosecutors|investigators|doctors|researchers|scientists|voters|polls|surveys|reports|studies|"
    rf"documents|records|data|observers|diplomats|lawmakers|legislators|leaders|aides|advisers|advisors|"
    rf"economists|strategists|organisers|organizers|rebels|separatists|militants|troops|soldiers|"
    rf"officers|medics|rescuers|locals|villagers|refugees|people|Democrats|Republicans|groups|organi[sz]ations|"
    rf"companies|governments|parties|campaigns|unions|members|donors|bundlers|allies|staffers|delegates|"
    rf"senators|conservatives|liberals|progressives|Americans|citizens|students|workers|families|parents|"
    rf"investors|pollsters|historians|scholars|lawyers|judges|agencies|insiders|aides))[ \t]*$"
)
# What may stand between a cue and a "that" clause (adjuncts), or a colon.
THAT = re.compile(
    r"(?P<adj>(?:[ \t]*,?[ \t]*(?:on|in|at|last|this|earlier|late|early|during|after|before|via|through|"
    rf"from|over|with|yesterday|today|tonight|{_WEEKDAY}|again|also|publicly|privately|repeatedly|"
    r"recently|separately|previously|later|repeatedly|flatly|for|to|though|however|moreover|further|"
    r"furthermore|nonetheless|nevertheless|instead|too)\b[^.;:!?\"“”\n]{0,70}?"
    # A place or programme may carry a title in quote marks: 'said on NBC's "Meet the Press" on Sunday that'.
    r"|[ \t]*,?[ \t]*(?:on|in|at|during|via|through)\b[^.;:!?\"“”\n]{0,30}?[\"“][^\"“”\n]{1,40}[\"”][^.;:!?\"“”\n]{0,30}?)?)"
    r"[ \t]*,?[ \t]*(?P<that>that\b|:)[ \t]*"
)
ADJ = re.compile(rf"(?:{_TIME_ADJ})*")
TOLD_OBJECT = re.compile(
    r"[ \t]+(?:(?:the|a|an|his|her|their|its|our|my|your)[ \t]+)?(?:[\w\-'’.]+[ \t]+){0,3}?[\w\-'’.]+"
    r"(?=[ \t]*(?:,|:|that\b|$)|(?:[ \t]+(?:he|she|they|it|we|I|the|a|an|there|this|his|her|their)\b))"
)
PERSON_ROLES = frozenset(
    """spokesman spokeswoman spokesperson official minister president leader director chief head
    secretary senator governor mayor adviser advisor analyst professor lawyer attorney ambassador
    envoy commander general candidate nominee executive manager officer aide chairman chairwoman
    chair founder premier judge source man woman prosecutor owner resident witness father mother
    driver doctor nurse soldier farmer teacher student worker volunteer survivor victim neighbour
    neighbor husband wife son daughter friend member representative lawmaker""".split()
)
DOCUMENT_HEADS = frozenset("statement letter email e-mail release post tweet memo message note video ad".split())
GROUP_HEADS = frozenset(
    """court ministry government agency council committee commission company campaign
    department office organisation organization group party army military police authority
    authorities administration federation union bank fund body board service statement report
    poll survey study""".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    cue_start: int
    cue_end: int
    cue: str
    speaker_start: int
    speaker_end: int
    speaker_text: str
    role: str | None
    content_start: int
    content_end: int
    shape: str  # "before" (speaker precedes content), "after" (content precedes speaker)


def clean_cue(cue: str) -> str:
    return " ".join(cue.lower().split())


_FUNCTION_LOWER = frozenset("the a an but and or so yet in on at as after before when while if whereas that this".split())
FUNCTION = frozenset(
    """The A An But And Or So Yet In On At As After Before When While If Although Though Because Since
    However Meanwhile Still Also For From By With Without This That These Those There Then Here It
    Earlier Later Now Today Yesterday Asked Speaking Writing Each Every Both Many Most Some According
    Despite During Under Over Until Unless Even Just Only Not No Yes What Who Why How Where Which Whether
    Instead Perhaps Maybe Indeed Still Yet Again Once Twice First Second Third Finally Last Next Other
    Others Another Such Like Unlike Besides Beyond Before After Among Between Against Toward Towards
    Through Throughout Within Without Upon Into Onto About Above Below Around Along Across Behind
    Here There Then Thus Hence Therefore Moreover Furthermore Nonetheless Nevertheless Otherwise
    His Her Their Its Our My Your""".split()
) | {d.capitalize() for d in WEEKDAYS}


_TITLE_PREFIX = re.compile(
    rf"(?:(?:{'|'.join(sorted(_TITLE_WORDS, key=len, reverse=True))})\.?[ \t]+(?:(?:of|for|the)[ \t]+)*)+"
    r"(?:(?:State|Defen[cs]e|Foreign|Affairs|Interior|Justice|Finance|Health|Education|Energy|Treasury|"
    r"Commerce|Labou?r|Agriculture|Transport|Homeland|Security|Staff|General|Trade)[ \t]+(?:(?:and|of|for)[ \t]+)*)*"
)


def title_end(name: str) -> int:
    """Where the titles at the head of a name run end (0: none), e.g. after "US Secretary of State "."""
    pos = 0
    for tok in name.split(" ")[:4]:
        if tok.rstrip(".") in _TITLE_WORDS:
            m = _TITLE_PREFIX.match(name, pos)
            if not m or m.end() >= len(name):
                return 0
            rest = name[m.end() :].split(" ")
            if name[: m.end()].rstrip().endswith((" of", " the", " for")) and len(rest) >= 4:
                # "Secretary General of the United Nations Jane Roe": the body is part of the title.
                return len(name) - len(" ".join(rest[-2:]))
            return m.end()
        pos += len(tok) + 1
    return 0


def clean_role(role: str | None) -> str | None:
    """A role worth keeping names a function (spokeswoman, minister) or an affiliation."""
    if not role:
        return None
    role = " ".join(role.split()).strip(" ,")
    words = role.lower().replace("’", "'").split()
    words = [re.sub(r"'s$", "", w).strip(".,") for w in words]
    if any(w in PERSON_ROLE_WORDS or w.capitalize() in _TITLE_WORDS for w in words):
        return role
    if role[:1].isupper() and len(words) <= 3 and words[0] not in _FUNCTION_LOWER:
        return role  # an affiliation: "UN", "Reuters"
    return None


def is_function_word(name: str) -> bool:
    return name.split()[0] in FUNCTION and len(name.split()) == 1


_INVERTED_END_LA = (
    r"(?=[ \t]*(?:[.!?;]|$|,|\(|[ \t](?:on|in|at|during|after|before|when|as|while|last|this|earlier|told|to|"
    r"said|says|adding|who|of|from|for|with)\b))"
)
INVERTED = re.compile(
    r"[ \t]+(?!(?:in|on|at|to|from|with|by|for|of|during|after|before|via|through)\b)"
    rf"(?P<pre>(?:(?:the|a|an|{NAME}['’]s|{NAME})[ \t]+)?(?:(?:[a-z0-9][\w\-/]*+|{NAME})[ \t]+){{0,4}}?)??"
    # A name alone before "of the …" ("Jo Roe of the New York delegation"); "the 46-year-old".
    rf"(?P<name>{NAME}|{CAP}(?:[ \t]{CAP})*+(?=[ \t]+of[ \t])|he|she|they|it"
    rf"|(?:the|a|an|one|another)(?:[ \t]+(?:[a-z0-9][\w\-’']*+|{NAME})){{1,6}}?|another|others)"
    rf"(?:[ \t]*,[ \t]*(?P<role>(?:a|an|the|who)[^,;:\"“”\n]{{1,200}}))?{_INVERTED_END_LA}"
)


NOT_A_VERB = re.compile(
    r"(?:\b(?:to|a|an|the|his|her|their|its|our|my|your|this|that|these|those|sharp|new|latest|first|"
    r"whose|of|Additional|additional|further|more|no)|['’]s)[ \t]+$"
)
# An opening phrase of a sentence of its own: a capitalised word, lowercase words, a comma ("Following her speech,").
INTRO_PHRASE = re.compile(r"(?!(?:The|A|An)\b)[A-Z][\w'’-]*(?:[ \t]+[a-z][\w'’-]*)+[ \t]*,")
# A relative clause still open at the end of the text (", who has not endorsed anyone"): a cue there is its verb.
OPEN_RELATIVE = re.compile(r",[ \t]*(?:who|whom|whose|which)\b[^,.;:!?\n]*$")
PASSIVE_AFTER = re.compile(r"[ \t]+(?:by|as)\b")
PASSIVE_BEFORE = re.compile(r"\b(?:is|was|were|are|be|been|being|widely|largely)[ \t]+$")
NP_BAD_END = frozenset(
    """to of for in on at by with from than as and or but nor so the a an that this these those his her
    their its our my your is was were are be been being has have had do does did not very more most
    also just only even who which whose when where while because if must should would could will can
    may might shall""".split()
)


COORDINATED = re.compile(r"[ \t,]+(?:and|but)[ \t]+(?:(?:also|then|later|again|has|had|have)[ \t]+)*$")


SPEECH_WORDS = frozenset(
    w.strip().replace("\\s+", " ") for w in SPEECH.replace("\n", "").split("|") if w.strip()
) | {"according to"}
