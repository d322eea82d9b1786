"""Quotes and attributions in news text, with their speakers, by rule.

A cascade over the whole text (no model, no per-token Python loop):

1. **Quote marks** (straight ``"``, curly ``“ ”``, guillemets ``« »``, low
   ``„``) are paired inside each paragraph. A paragraph that ends inside a
   quote continues it only when the next paragraph opens with a quote mark
   (the news convention for multi-paragraph quotes); otherwise the stray mark
   is dropped. A pair enclosing more than ``MAX_QUOTE_CHARS`` is dropped too,
   so an unbalanced mark never swallows an article. Curly single quotes
   (``‘ ’``) count only in paragraphs without double marks, and only at word
   boundaries (apostrophes are not quote marks). Two apostrophes (``''…''``,
   as some papers print quotes) count as a double mark.
2. **Masking**: quoted words are hidden from the attribution rules, so a
   ``said`` inside a quote never makes an attribution.
3. **Attributions**: each speech or cognition cue (``said``, ``told``,
   ``announced``, ``according to``, ``accused``, ``believes that`` …) is
   read in one of four shapes: ``SPEAKER CUE (that) CONTENT``, ``CONTENT,
   SPEAKER CUE``, ``CONTENT, CUE SPEAKER`` and ``according to SPEAKER``.
   A speaker is an apposition (``Maria Lopez, a spokeswoman for the
   ministry, said``: the name, with the role kept apart), a name with an
   optional title (``UN spokesman Jean Martin``), a pronoun, a noun phrase
   (``the court``, ``an Armenian spokesman``, ``officials``).
4. **Direct quotes** take the attribution next to them: after the closing
   mark (``"…," she said`` / ``"…," said X`` / ``"…," X grinned``) or
   before the opening one (``X said: "…"``, ``…, saying, "…"``, ``Jane Roe:
   "…"``, a previous paragraph ending ``she said:``). A quote running over
   paragraphs takes the attribution found on any of them. A quote with none
   continues the previous attributed quote when only that attribution's own
   sentence stands between them; failing that, a quote after a short sentence
   (``Jane Roe agreed. "…"``) takes its subject, and a paragraph that is only
   a quote takes the person the paragraph before is about. A quote inside a
   sentence that starts in lowercase is ``partial`` and takes the sentence's
   attribution; a few quoted words with no attribution are scare quotes, not
   quotes.
5. **Speakers resolved**: names through the article's entities (canonical
   names); ``he``/``she`` to the person last quoted when no other person has
   been named as a subject since, else to the nearest person in subject
   position; ``the spokesman``/``the governor`` likewise; ``they``/``it`` to
   the nearest organisation, place or group; ``the court`` to the nearest
   organisation named with that word; ``the statement`` to the speaker last
   named. ``speaker_span`` stays on the words the attribution rests on (the
   pronoun itself when it is one).

Nested attributions of belief or intent inside a reported clause (``X said
they want to …``) are left to the outer one, as PolNeAR annotates them.
Roles and affiliations (appositions, titles before a name) are returned by
:func:`describe_speakers`.

Offsets are half-open character offsets into ``Article.text``; a quote's span
excludes the quote marks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .records import Article, Entity, Quote, Sentence

__all__ = ["MAX_QUOTE_CHARS", "describe_speakers", "extract_quotes", "speaker_roles"]

MAX_QUOTE_CHARS = 2500
"""A quote longer than this is taken for an unbalanced mark and dropped."""

_OPENERS = "\"“„«"
_CLOSERS = "\"”“»"
_MARKS = re.compile(r"[\"“”„«»]")
_SINGLE_MARKS = re.compile(r"(?:(?<![\w’'])‘(?=\S))|(?:(?<=[\w.,!?;:—–\-])’(?![\w]))")
_PARA = re.compile(r"[^\n\r\u2028\u2029]+")
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[\n\r]")

# Cue verbs. SPEECH cues take their content directly or after "that";
# DIRECTIVE cues take an object and its complement ("accused X of Y");
# COGNITION cues need "that" (or a quote) to carry content.
_SPEECH = r"""say|says|said|saying|tell|tells|told|telling|announce|announces|announced|announcing|
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
_DIRECTIVE = r"""accuse|accuses|accused|accusing|urge|urges|urged|urging|call\s+for|calls\s+for|
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


def _alt(words: str) -> str:
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


_CUE_RE = re.compile(
    rf"(?<![\w\-])(?:(?P<speech>{_alt(_SPEECH)}|Said|Says|Added|Adds|Wrote|Writes|Asked|Continued|Explained|Stated|Tweeted)|(?P<directive>{_alt(_DIRECTIVE)})|(?P<cog>{_alt(_COGNITION)})"
    rf"|(?P<acc>[Aa]ccording\s+to))\b"
)
_TELL_CUES = frozenset("tell tells told telling assured assures assuring informed informs reminded reminds warned warns".split())
_PARTICIPLES = frozenset(
    """adding saying noting telling insisting arguing explaining warning claiming calling stating
    declaring asserting stressing citing accusing urging describing""".split()
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME_ADJ = (
    rf"(?:[ \t]+(?:on[ \t]+)?{_WEEKDAY}(?:[ \t]+(?:morning|afternoon|evening|night))?"
    r"|[ \t]+(?:on|last|this|next|earlier|late|early)[ \t]+(?:this[ \t]+|last[ \t]+)?(?:week|weekend|month|year|morning|afternoon|evening|night|day)"
    r"|[ \t]+(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|publicly|privately|separately|repeatedly)"
    r"|[ \t]+(?:in|on|at|during|via|through)[ \t]+(?:a|an|the|his|her|their|its|our)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
    r"(?:statement|interview|speech|letter|post|conference|briefing|tweet|video|message|appearance|hearing|email|"
    r"e-mail|release|report|call|address|op-ed|blog|debate|rally|meeting|session|documentary|podcast|broadcast)s?"
    r"(?:[ \t]+(?:on|to|with|at|in)[ \t]+(?:the[ \t]+)?[\w\-]+(?:[ \t]+[A-Z][\w\-]*)*)?"
    r"|[ \t]+(?:on|in|via)[ \t]+(?:social[ \t]+media|Twitter|X|Facebook|Telegram|Instagram|television|TV|radio|camera|air)"
    r"|[ \t]+on[ \t]+[A-Z][a-z]+\.?[ \t]+\d{1,2})"
)
_CAP = r"(?>(?:[A-Z]\.){2,}|[A-Z](?:[\w\-]|['’](?![sS]\b)(?=\w))*+)"
_JOIN = r"(?:of|the|for|and|de|del|da|di|du|la|le|van|von|bin|al|el)"
# Possessive repeats: a name never gives back letters or words, which keeps the
# end-anchored subject searches from backtracking.
_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Sens|Reps)\.[ \t]+)?"
    rf"{_CAP}(?:[ \t](?:{_JOIN}[ \t]){{0,2}}(?:[A-Z]\.[ \t])?{_CAP})*+(?:,?[ \t](?:Jr|Sr)\.(?![ \t]*[A-Z]))?"
)
_PERSON_ROLE_WORDS = frozenset(
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
_PRONOUNS = {"he": "m", "she": "f", "they": "pl", "it": "n", "we": "pl", "i": "s"}
# Auxiliaries, adverbs and adjuncts between a subject and its cue, peeled off
# the end of the text before the cue one at a time (end-anchored patterns
# with nested repeats backtrack badly; a short loop does not).
_AUX_TAIL = re.compile(
    rf"(?:[ \t]*\([^()\n]{{1,24}}\)|{_TIME_ADJ}|[ \t]*,[ \t]*(?:in|on|at)[ \t]+[^,\n]{{3,40}},"
    r"|[ \t]+(?:has|have|had|also|later|then|previously|earlier|again|would|will|did|does|do|could|"
    r"may|might|is|was|were|are|been|being|repeatedly|publicly|recently|once|never|not|already|often|"
    r"quickly|reportedly|separately|similarly|further|simply|only|just|flatly|strongly|firmly|"
    r"explicitly|privately|openly|long|n['’]t))[ \t]*$"
)


def _strip_aux(left: str) -> str:
    """``left`` without the auxiliaries and adjuncts at its end (``has also``, ``on Friday``)."""
    for _ in range(8):
        m = _AUX_TAIL.search(left, max(0, len(left) - 70))
        if not m or m.start() == 0 and not left[: m.start()]:
            break
        left = left[: m.start()]
    return left


# Subject noun phrases, each anchored at the end of the text before the cue.
_SUBJ_APPOS = re.compile(
    rf"(?<![\w'’.\-])(?P<name>{_NAME})[ \t]*,[ \t]*(?P<role>(?:a|an|the|who|whose|\d{{1,3}}|[A-Z][\w.\-]*['’]s|[a-z][\w\-]*|{_CAP})"
    rf"[^,;:\"“”«»()\n]{{1,220}}?)[ \t]*,[ \t]*$"
)
_NAME_RE = re.compile(rf"(?<![\w'’.\-]){_NAME}")
_APPOS_TAIL = re.compile(
    r"[ \t]*,[ \t]*(?P<role>(?:a|an|the|who|whose|\d{1,3}|one|another|former|chief|senior|deputy|acting|"
    r"longtime|top|then|now|both|also|himself|herself|[A-Z][\w.\-]*['’]s|"
    + "|".join(sorted(_PERSON_ROLE_WORDS))
    + r")\b[^;:\n]{1,240}?)[ \t]*,[ \t]*"
)
_SUBJ_NAME = re.compile(
    rf"(?<![\w'’.\-])(?:(?P<pre>(?:(?:[Tt]he|[Aa]n?|{_CAP}['’]s|{_CAP})[ \t]+)?(?:[a-z][\w\-]*+[ \t]+){{1,3}}?))?"
    rf"(?P<name>{_NAME})[ \t]*$"
)
_SUBJ_ROLE_OF = re.compile(
    rf"(?<![\w'’])(?P<name>(?:[Tt]he|[Aa]n?|[Aa]nother)[ \t]+(?:[a-z\-]+[ \t]+){{0,2}}(?:{'|'.join(sorted(_PERSON_ROLE_WORDS))})"
    rf"[ \t]+(?:of|for|at|to)[ \t]+(?:the[ \t]+)?(?:[a-z\-]+[ \t]+){{0,2}}{_NAME})[ \t]*$"
)
_SUBJ_ROLE_APPOS = re.compile(
    rf"(?<![\w'’])(?P<role>(?:[Tt]he|[Aa]n?|{_CAP}['’]s|{_CAP})[ \t]+(?:[\w\-'’]+[ \t]+){{0,4}}?[a-z][\w\-]*+)"
    rf"[ \t]*,[ \t]*(?P<name>{_NAME})[ \t]*,[ \t]*$"
)
_SUBJ_PRON = re.compile(rf"(?<![\w'’])(?P<name>[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)[ \t]*$")
_SUBJ_NP = re.compile(
    rf"(?<![\w'’])(?P<name>(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]any|[Ss]ome|[Mm]ost|"
    rf"[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|{_CAP}['’]s?)"
    rf"(?:[ \t]+[\w\-'’/.&]+){{1,5}}?)[ \t]*$"
)
_SUBJ_GROUP = re.compile(
    rf"(?<![\w'’])(?P<name>(?:{_CAP}[ \t]+)?(?:[a-z][\w\-]*+[ \t]+)?(?:officials|police|analysts|experts|residents|"
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
_THAT = re.compile(
    r"(?P<adj>(?:[ \t]*,?[ \t]*(?:on|in|at|last|this|earlier|late|early|during|after|before|via|through|"
    rf"from|over|with|yesterday|today|tonight|{_WEEKDAY}|again|also|publicly|privately|repeatedly|"
    r"recently|separately|previously|later|repeatedly|flatly|for|to)\b[^.;:!?\"“”\n]{0,70}?)?)"
    r"[ \t]*,?[ \t]*(?P<that>that\b|:)[ \t]*"
)
_ADJ = re.compile(rf"(?:{_TIME_ADJ})*")
_TOLD_OBJECT = re.compile(
    r"[ \t]+(?:(?:the|a|an|his|her|their|its|our|my|your)[ \t]+)?(?:[\w\-'’.]+[ \t]+){0,3}?[\w\-'’.]+"
    r"(?=[ \t]*(?:,|:|that\b|$)|(?:[ \t]+(?:he|she|they|it|we|I|the|a|an|there|this|his|her|their)\b))"
)
_PERSON_ROLES = frozenset(
    """spokesman spokeswoman spokesperson official minister president leader director chief head
    secretary senator governor mayor adviser advisor analyst professor lawyer attorney ambassador
    envoy commander general candidate nominee executive manager officer aide chairman chairwoman
    chair founder premier judge source man woman prosecutor owner resident witness father mother
    driver doctor nurse soldier farmer teacher student worker volunteer survivor victim neighbour
    neighbor husband wife son daughter friend member representative lawmaker""".split()
)
_DOCUMENT_HEADS = frozenset("statement letter email e-mail release post tweet memo message note video ad".split())
_GROUP_HEADS = frozenset(
    """court ministry government agency council committee commission company campaign
    department office organisation organization group party army military police authority
    authorities administration federation union bank fund body board service statement report
    poll survey study""".split()
)


@dataclass(frozen=True, slots=True)
class _Attribution:
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


def _clean_cue(cue: str) -> str:
    return " ".join(cue.lower().split())


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _PARA.finditer(text):
        g = m.group()
        s, e = m.start() + len(g) - len(g.lstrip()), m.end() - len(g) + len(g.rstrip())
        if e > s:
            out.append((s, e))
    return out


_DOUBLE_APOSTROPHE = re.compile(r"''")
# Spaces other than " " (no-break, thin, figure…) read as " ": one character each, offsets kept.
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def _normalise_marks(text: str) -> str:
    """Odd spaces as spaces, ``''quote''`` (two apostrophes) as a ``"`` of the same width.

    The opening pair becomes ``' "'`` and the closing pair ``'" '`` so every
    offset is kept and the content starts right after a one-character mark.
    """
    if _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)
    if "''" not in text:
        return text
    chars = list(text)
    for m in _DOUBLE_APOSTROPHE.finditer(text):
        i = m.start()
        before = text[i - 1] if i > 0 else " "
        if before.isspace() or before in "([—–-":
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
    return "".join(chars)


def _pair_marks(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Step 1: quote segments as (open mark, close mark or paragraph end, paragraph index).

    The returned positions are those of the opening mark and of the closing
    mark (exclusive of content), so content is ``[open + 1, close)``.
    """
    segs: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, ps, pe)]
        singles = False
        if not marks:
            marks = [(m.start(), m.group()) for m in _SINGLE_MARKS.finditer(text, ps, pe)]
            singles = True
        open_at = -1
        for pos, ch in marks:
            if open_at < 0:
                if singles and ch != "‘":
                    continue
                if ch in "”»" and not _looks_opening(text, pos):
                    continue  # a stray closing mark
                open_at = pos
                continue
            closes = ch in ('"', "”", "»", "’") or (ch == "“" and text[open_at] == "„")
            if ch in "“«‘„" and not _looks_closing(text, pos):
                # A second opening mark: the first was never closed.
                open_at = pos
                continue
            if closes or _looks_closing(text, pos):
                if pos - open_at - 1 <= MAX_QUOTE_CHARS:
                    segs.append((open_at, pos, pi))
                open_at = -1
        if open_at >= 0:
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else -1
            continues = nxt >= 0 and text[nxt] in _OPENERS + "‘"
            if (continues or open_at == ps) and pe - open_at - 1 <= MAX_QUOTE_CHARS and pe - open_at > 2:
                segs.append((open_at, pe, pi))
    return segs


def _looks_opening(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _looks_closing(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _mask(text: str, segs: list[tuple[int, int, int]]) -> str:
    """Step 2: quoted words replaced by ``Q`` (same length, offsets kept)."""
    if not segs:
        return text
    parts = []
    last = 0
    for o, c, _ in segs:
        parts.append(text[last : o + 1])
        parts.append(re.sub(r"\S", "Q", text[o + 1 : c]))
        last = c
    parts.append(text[last:])
    return "".join(parts)


def _sentence_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in sentences if 0 <= s.start <= s.end <= len(text)]
    if spans:
        return sorted(spans)
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in out if text[s:e].strip()]


def _find_subject(masked: str, lo: int, cue_start: int) -> tuple[int, int, str, str | None] | None:
    """The speaker ending right before a cue: (start, end, text, role)."""
    # Subjects are short; a bounded window keeps the end-anchored searches linear.
    lo = max(lo, cue_start - 260)
    left = _strip_aux(masked[lo:cue_start].rstrip())
    if not left.strip():
        return None
    if left.rstrip().endswith(","):
        m = _SUBJ_APPOS.search(left)
        if m and not re.search(r"\b(?:and|but|said|says)\b", m.group("role")):
            return lo + m.start("name"), lo + m.end("name"), m.group("name"), _clean_role(m.group("role"))
        # Longer appositions (commas, a quoted phrase): the rightmost name that starts one.
        for nm in reversed(list(_NAME_RE.finditer(left))):
            tail = _APPOS_TAIL.fullmatch(left, nm.end())
            if tail and not _is_function_word(nm.group()) and not re.search(r"\b(?:said|says|told)\b", tail.group("role")):
                name = nm.group()
                s0 = lo + nm.start()
                t = _title_end(name)
                if t:
                    s0 += t
                    name = name[t:]
                return s0, lo + nm.end(), name, _clean_role(tail.group("role").split(",")[0])
        m = _SUBJ_ROLE_APPOS.search(left)
        if m:
            return lo + m.start("name"), lo + m.end("name"), m.group("name"), _clean_role(m.group("role"))
    # The other shapes are short: search only the end of the window.
    cut = max(0, len(left) - 110)
    lo += cut
    left = left[cut:]
    m = _SUBJ_ROLE_OF.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    m = _SUBJ_PRON.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    m = _SUBJ_NAME.search(left)
    if m and not _is_function_word(m.group("name")):
        pre = (m.group("pre") or "").strip()
        s, e, name = lo + m.start("name"), lo + m.end("name"), m.group("name")
        first, _, rest = name.partition(" ")
        if first in _FUNCTION and rest:
            s += len(first) + 1
            name = rest
        # Titles are a role, not the name: "US Secretary of State Jane Roe".
        tm = _title_end(name)
        if tm:
            pre = (pre + " " + name[:tm].strip()).strip()
            s += tm
            name = name[tm:]
        return s, e, name, _clean_role(pre)
    m = _SUBJ_GROUP.search(left)
    if m:
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    m = _SUBJ_NP.search(left)
    if (
        m
        and "Q" not in m.group("name")
        and m.group("name").split()[-1].lower() not in _NP_BAD_END
        and not re.search(r"\b(?:that|which|who|but|because|to)\b", m.group("name").split(None, 1)[-1])
    ):
        return lo + m.start("name"), lo + m.end("name"), m.group("name"), None
    return None


_FUNCTION_LOWER = frozenset("the a an but and or so yet in on at as after before when while if whereas that this".split())
_FUNCTION = frozenset(
    """The A An But And Or So Yet In On At As After Before When While If Although Though Because Since
    However Meanwhile Still Also For From By With Without This That These Those There Then Here It
    Earlier Later Now Today Yesterday Asked Speaking Writing Each Every Both Many Most Some According
    Despite During Under Over Until Unless Even Just Only Not No Yes What Who Why How Where Which Whether
    Instead Perhaps Maybe Indeed Still Yet Again Once Twice First Second Third Finally Last Next Other
    Others Another Such Like Unlike Besides Beyond Before After Among Between Against Toward Towards
    Through Throughout Within Without Upon Into Onto About Above Below Around Along Across Behind
    Here There Then Thus Hence Therefore Moreover Furthermore Nonetheless Nevertheless Otherwise
    Sunday Monday Tuesday Wednesday Thursday Friday Saturday""".split()
)


_TITLE_PREFIX = re.compile(
    rf"(?:(?:{'|'.join(sorted(_TITLE_WORDS, key=len, reverse=True))})\.?[ \t]+(?:(?:of|for|the)[ \t]+)*)+"
    r"(?:(?:State|Defen[cs]e|Foreign|Affairs|Interior|Justice|Finance|Health|Education|Energy|Treasury|"
    r"Commerce|Labou?r|Agriculture|Transport|Homeland|Security|Staff|General|Trade)[ \t]+(?:(?:and|of|for)[ \t]+)*)*"
)


def _title_end(name: str) -> int:
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


def _clean_role(role: str | None) -> str | None:
    """A role worth keeping names a function (spokeswoman, minister) or an affiliation."""
    if not role:
        return None
    role = " ".join(role.split()).strip(" ,")
    words = role.lower().replace("’", "'").split()
    words = [re.sub(r"'s$", "", w).strip(".,") for w in words]
    if any(w in _PERSON_ROLE_WORDS or w.capitalize() in _TITLE_WORDS for w in words):
        return role
    if role[:1].isupper() and len(words) <= 3 and words[0] not in _FUNCTION_LOWER:
        return role  # an affiliation: "UN", "Reuters"
    return None


def _is_function_word(name: str) -> bool:
    return name.split()[0] in _FUNCTION and len(name.split()) == 1


_INVERTED_END_LA = (
    r"(?=[ \t]*(?:[.!?;]|$|,|\(|[ \t](?:on|in|at|during|after|before|when|as|while|last|this|earlier|told|to|"
    r"said|says|adding|who|of|from|for|with)\b))"
)
_INVERTED = re.compile(
    rf"[ \t]+(?P<pre>(?:(?:the|a|an|{_NAME}['’]s|{_NAME})[ \t]+)?(?:(?:[a-z][\w\-]*+|{_NAME})[ \t]+){{0,4}}?)??"
    rf"(?P<name>{_NAME}|he|she|they|it|(?:the|a|an|one|another)(?:[ \t]+(?:[a-z][\w\-’']*+|{_NAME})){{1,4}}?|another|others)"
    rf"(?:[ \t]*,[ \t]*(?P<role>(?:a|an|the|who)[^,;:\"“”\n]{{1,200}}))?{_INVERTED_END_LA}"
)


def _find_inverted_subject(masked: str, cue_end: int, hi: int) -> tuple[int, int, str, str | None] | None:
    """``…, said UN spokesman Jean Martin`` / ``…, said the minister``."""
    m = _INVERTED.match(masked, cue_end, hi)
    if not m:
        return None
    name = m.group("name")
    pre = (m.group("pre") or "").strip() or None
    role = m.group("role") or pre
    if name.split()[0] in _FUNCTION and len(name.split()) == 1:
        return None
    s, e = m.start("name"), m.end("name")
    tm = _title_end(name) if name[0].isupper() else 0
    if tm:
        role = ((pre or "") + " " + name[:tm].strip()).strip() if not m.group("role") else role
        s += tm
        name = name[tm:]
    return s, e, name, _clean_role(role)


_NOT_A_VERB = re.compile(
    r"(?:\b(?:to|a|an|the|his|her|their|its|our|my|your|this|that|these|those|sharp|new|latest|first|"
    r"whose|of|Additional|additional|further|more|no)|['’]s)[ \t]+$"
)
_PASSIVE_AFTER = re.compile(r"[ \t]+(?:by|as)\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|were|are|be|been|being|widely|largely)[ \t]+$")
_NP_BAD_END = frozenset(
    """to of for in on at by with from than as and or but nor so the a an that this these those his her
    their its our my your is was were are be been being has have had do does did not very more most
    also just only even who which whose when where while because if""".split()
)


_COORDINATED = re.compile(r"[ \t,]+(?:and|but)[ \t]+(?:(?:also|then|later|again|has|had|have)[ \t]+)*$")


_SPEECH_WORDS = frozenset(
    w.strip().replace("\\s+", " ") for w in _SPEECH.replace("\n", "").split("|") if w.strip()
) | {"according to"}


def _attributions(text: str, masked: str, sents: list[tuple[int, int]]) -> list[_Attribution]:
    """Step 3: every cue read in one of its four shapes, in text order."""
    out: list[_Attribution] = []
    starts = [s for s, _ in sents]
    for m in _CUE_RE.finditer(masked):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        ss, se = sents[i]
        if m.start() >= se:
            continue
        kind = "acc" if m.group("acc") else "speech" if m.group("speech") else "directive" if m.group("directive") else "cog"
        cue = _clean_cue(m.group())
        if kind != "acc" and _NOT_A_VERB.search(masked, max(ss, m.start() - 12), m.start()):
            continue  # "to answer", "a sharp reply", "the report": not a speech act here
        if kind != "acc" and (
            _PASSIVE_AFTER.match(masked, m.end(), se) or _PASSIVE_BEFORE.search(masked, max(ss, m.start() - 16), m.start())
        ):
            continue  # "supported by", "acknowledged as", "was expected": no speaker acts here
        if cue in _PARTICIPLES and re.search(r",[ \t]*$", masked[max(ss, m.start() - 3) : m.start()]):
            # "…, adding that …": the subject of the clause it hangs on.
            if out and out[-1].cue_start >= ss:
                prev = out[-1]
                th = _THAT.match(masked, m.end(), se)
                c_from = th.end() if th else (_ADJ.match(masked, m.end(), se).end())
                c_s, c_e = _strip_span(text, c_from, _content_end(masked, c_from, se))
                if c_e - c_s >= 3:
                    out.append(_Attribution(m.start(), m.end(), cue, prev.speaker_start, prev.speaker_end, prev.speaker_text, prev.role, c_s, c_e, "before"))
            continue
        a = _read_cue(text, masked, ss, se, m.start(), m.end(), cue, kind)
        if a is None and out and out[-1].cue_start >= ss:
            # "X asked Y to Z and said …": the coordinated verb shares the subject.
            co = _COORDINATED.search(masked, max(ss, m.start() - 20), m.start())
            if co:
                prev = out[-1]
                th = _THAT.match(masked, m.end(), se)
                c_from = th.end() if th else _ADJ.match(masked, m.end(), se).end()
                c_s, c_e = _strip_span(text, c_from, _content_end(masked, c_from, se))
                if c_e - c_s >= 3 and (kind != "cog" or th):
                    a = _Attribution(m.start(), m.end(), cue, prev.speaker_start, prev.speaker_end, prev.speaker_text, prev.role, c_s, c_e, "before")
                    if prev.content_start < co.start() < prev.content_end:
                        out[-1] = _Attribution(prev.cue_start, prev.cue_end, prev.cue, prev.speaker_start, prev.speaker_end, prev.speaker_text, prev.role, prev.content_start, co.start(), prev.shape)
        if a:
            out.append(a)
    # A reported clause ends where a later attribution of the sentence begins.
    fixed: list[_Attribution] = []
    for i, a in enumerate(out):
        for b in out[i + 1 :]:
            if b.speaker_start >= a.content_end:
                break
            if a.shape == "before" and a.content_start < b.speaker_start < a.content_end and b.cue_start > a.cue_start:
                e = b.speaker_start
                tail = re.search(r"(?:[ \t,;]+(?:after|but|while|and|as|when|because|since|whereas|although|though|even|before))*[ \t,;]*$", text[a.content_start:e])
                e = a.content_start + (tail.start() if tail else len(text[a.content_start:e]))
                if e - a.content_start >= 3:
                    a = _Attribution(a.cue_start, a.cue_end, a.cue, a.speaker_start, a.speaker_end, a.speaker_text, a.role, a.content_start, e, a.shape)
                break
        fixed.append(a)
    return fixed


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
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


def _read_cue(text: str, masked: str, ss: int, se: int, cs: int, ce: int, cue: str, kind: str) -> _Attribution | None:
    if kind == "acc":
        # "According to X, CONTENT." / "CONTENT, according to X."
        sub = re.match(
            rf"[ \t]+(?P<name>(?:(?:the|a|an|{_CAP}['’]s)[ \t]+)?(?:[\w\-'’.]+[ \t]+){{0,7}}?[\w\-'’.]+?)"
            r"(?=[ \t]*(?:,|\.(?:\s|$)|;|$|\n|[ \t]+(?:that|who|which)\b))",
            masked[ce:se],
        )
        if not sub:
            return None
        sp_s, sp_e = ce + sub.start("name"), ce + sub.end("name")
        left = _strip_span(text, _clause_start(masked, ss, cs), cs)
        right = (sp_e, sp_e) if re.match(r"[ \t]*[.!?]", masked[sp_e : sp_e + 3]) else _strip_span(text, sp_e, se)
        c_s, c_e = right if (right[1] - right[0]) > (left[1] - left[0]) else left
        if c_e - c_s < 8:
            return None
        return _Attribution(cs, ce, "according to", sp_s, sp_e, text[sp_s:sp_e], None, c_s, c_e, "after")

    clause_lo = _clause_start(masked, ss, cs)
    before = masked[clause_lo:cs]
    after_rest = masked[ce:se]
    # Shape "before" with an apposition first: "X, a spokeswoman for Y, said ...".
    subj = _find_subject(masked, clause_lo, cs)
    if subj is None or subj[0] > clause_lo + 1 and re.search(r"[,\"”»]", masked[clause_lo : subj[0]]):
        # Shape "after": CONTENT, SPEAKER CUE.  /  CONTENT, CUE SPEAKER.
        comma = max(before.rfind(","), before.rfind("”"), before.rfind('"'))
        if comma >= 0:
            cpos = clause_lo + comma
            tail = _ADJ.match(masked, ce, se)
            rest = masked[tail.end() : se] if tail else after_rest
            if cue.split()[0] in _TELL_CUES:
                obj = _TOLD_OBJECT.match(rest)
                rest = rest[obj.end() :] if obj else rest
            ends_here = re.match(r"[ \t]*(?:[.!?]|$|,[ \t]*(?:adding|saying|noting|citing|according|in\b|on\b|and\b|who\b|as\b|when\b|after\b|before\b|then\b|referring\b))", rest)
            # Right after a closing quote mark, the cue is the quote's whatever follows it.
            ends_here = ends_here or (masked[cpos] in "”\"»" and subj is not None and not masked[cpos + 1 : subj[0]].strip(" \t,"))
            c_lo, c_hi = _strip_span(text, ss, cpos + (1 if masked[cpos] in "”\"" else 0))
            if subj and subj[0] > cpos and ends_here and kind in ("speech", "cog") and c_hi - c_lo >= 8:
                return _Attribution(cs, ce, cue, subj[0], subj[1], subj[2], subj[3], c_lo, c_hi, "after")
            if kind == "speech" and not before[comma + 1 :].strip():
                inv = _find_inverted_subject(masked, ce, se)
                if inv and c_hi - c_lo >= 8:
                    return _Attribution(cs, ce, cue, inv[0], inv[1], inv[2], inv[3], c_lo, c_hi, "after")
    if subj is None:
        return None
    # Shape "before": SPEAKER CUE (object) (adjuncts) (that|:) CONTENT.
    first = cue.split()[0]
    pos = ce
    th = _THAT.match(masked, pos, se)
    if th is None and first in _TELL_CUES:
        obj = _TOLD_OBJECT.match(masked, pos, se)
        if obj:
            th = _THAT.match(masked, obj.end(), se)
            if th is None:
                pos = obj.end()
                m = re.match(r"[ \t]*,?[ \t]*", masked[pos:se])
                pos += m.end() if m else 0
    if th is not None:
        c_from = th.end()
    else:
        if kind == "cog" and masked[pos : pos + 2].strip()[:1] not in _OPENERS and not re.match(r"[ \t]+to[ \t]+[a-z]", masked[pos : pos + 6]):
            return None
        adj = _ADJ.match(masked, pos, se)
        c_from = adj.end() if adj else pos
    end = _content_end(masked, c_from, se)
    c_s, c_e = _strip_span(text, c_from, end)
    if c_e - c_s < 3 or not re.search(r"[A-Za-z]", text[c_s:c_e]):
        return None
    return _Attribution(cs, ce, cue, subj[0], subj[1], subj[2], subj[3], c_s, c_e, "before")


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
    return cut.start() if cut else end


# A sentence stop, not the dot of an initial or a title ("Elaine C. Kamarck", "Mr. Roe").
_STOP = re.compile(
    r"(?<![A-Z])(?<!Mr)(?<!Ms)(?<!Dr)(?<!St)(?<!Lt)(?<!Jr)(?<!Sr)(?<!Mrs)(?<!Sen)(?<!Rep)(?<!Gov)(?<!Gen)"
    r"(?<!Col)(?<!Sgt)(?<!Rev)[.!?](?=[\s\"”’])|[:;\"“”]"
)


_CUE_AT_END = re.compile(rf"(?<![\w\-])(?:{_alt(_SPEECH)}|{_alt(_DIRECTIVE)}|reading|read|chanted|chanting|yelled|yelling)[ \t]*$")
_NAME_COLON = re.compile(rf"(?:^|[-–—][ \t]+|[.!?][ \t]+)(?:More[ \t]+from[ \t]+)?(?P<name>{_NAME})[ \t]*:[ \t]*$")


def _direct_attribution(
    text: str, masked: str, o: int, c: int, para: tuple[int, int], prev_para: tuple[int, int] | None,
    partial_ok: bool = False,
) -> _Attribution | None:
    """Step 4: the attribution next to a direct quote, if any."""
    ps, pe = para
    after = masked[c + 1 : min(pe, c + 220)]
    m = re.match(r"[ \t]*[,—–]?[ \t]*", after)
    start = c + 1 + (m.end() if m else 0)
    cue_m = _CUE_RE.search(masked, start, min(pe, c + 220))
    if cue_m and not _STOP.search(masked, start, cue_m.start()):
        # ", she said" / ", said X" / ", Mr X, the minister, told reporters"
        cue = _clean_cue(cue_m.group())
        subj = _find_subject(masked, start, cue_m.start()) if cue_m.start() > start else None
        if subj is None and cue_m.start() == start:
            subj = _find_inverted_subject(masked, cue_m.end(), pe)
        if subj:
            return _Attribution(cue_m.start(), cue_m.end(), cue, subj[0], subj[1], subj[2], subj[3], o + 1, c, "after")
    gm = re.match(rf"[ \t]*,?[ \t]*(?P<name>he|she|they|I|we|{_NAME})[ \t]+(?P<verb>[a-z]{{2,}})\b", masked[c + 1 : min(pe, c + 120)])
    if gm and (text[c - 1 : c] in (",", "?", "!") or masked[c + 1 : c + 2] == ","):
        s0 = c + 1 + gm.start("name")
        return _Attribution(c + 1 + gm.start("verb"), c + 1 + gm.end("verb"), gm.group("verb"), s0, c + 1 + gm.end("name"), gm.group("name"), None, o + 1, c, "after")
    nm_off = max(ps, o - 200)  # bounded windows keep long paragraphs linear
    lead = masked[nm_off:o]
    nm = _NAME_COLON.search(lead)
    if nm and (nm.start() > 0 or nm_off == ps):
        # "Jane Roe: "…"" (interview transcripts, pull quotes).
        return _Attribution(nm_off + nm.end("name"), nm_off + nm.end("name") + 1, ":", nm_off + nm.start("name"), nm_off + nm.end("name"), nm.group("name"), None, o + 1, c, "before")
    if o == ps and prev_para is not None:
        # "She said:" ending the previous paragraph.
        pps, ppe = prev_para
        if masked[ppe - 1 : ppe] == ":":
            a = _colon_attribution(masked, pps, ppe - 1)
            if a is not None:
                return _Attribution(a[0], a[1], a[2], a[3], a[4], a[5], a[6], o + 1, c, "before")
    before = masked[max(ps, o - 260) : o]
    if re.search(r":[ \t]*$", before):
        sent_lo = max(ps, max(before.rfind(". "), before.rfind("? "), before.rfind("! ")) + max(ps, o - 260) + 1)
        a = _colon_attribution(masked, sent_lo, o - len(before) + before.rstrip().rfind(":"))
        if a is not None:
            return _Attribution(a[0], a[1], a[2], a[3], a[4], a[5], a[6], o + 1, c, "before")
    bm = re.search(r"[:,][ \t]*$|\bthat[ \t]+$", before) or _CUE_AT_END.search(before, max(0, len(before) - 40))
    if bm:
        lo = max(ps, o - 260)
        seg = masked[lo:o]
        stops = [m.end() for m in _STOP.finditer(masked, lo, o - 1)]
        region_lo = stops[-1] if stops else lo
        cues = list(_CUE_RE.finditer(masked, region_lo, o))
        for cm in reversed(cues):
            cue = _clean_cue(cm.group())
            if cm.group("acc"):
                am = re.match(r"[ \t]+(?P<name>[^,:;\n]{2,80}?)[ \t]*[,:]", masked[cm.end() : o])
                if am:
                    return _Attribution(cm.start(), cm.end(), "according to", cm.end() + am.start("name"), cm.end() + am.end("name"), am.group("name"), None, o + 1, c, "before")
                continue
            if cm.start() == region_lo or not masked[region_lo : cm.start()].strip():
                inv = _find_inverted_subject(masked, cm.end(), o)
                if inv:
                    return _Attribution(cm.start(), cm.end(), cue, inv[0], inv[1], inv[2], inv[3], o + 1, c, "before")
            if cue in _PARTICIPLES:
                cs_ = _clause_subject(masked, region_lo, cm.start())
                if cs_:
                    return _Attribution(cm.start(), cm.end(), cue, cs_[3], cs_[4], cs_[5], None, o + 1, c, "before")
            subj = _find_subject(masked, region_lo, cm.start())
            if subj:
                return _Attribution(cm.start(), cm.end(), cue, subj[0], subj[1], subj[2], subj[3], o + 1, c, "before")
        if not partial_ok and re.search(r",[ \t]*$", before):
            cs_ = _clause_subject(masked, region_lo, o)
            if cs_:
                return _Attribution(cs_[0], cs_[1], cs_[2], cs_[3], cs_[4], cs_[5], None, o + 1, c, "before")
    return None


_TOPIC = re.compile(
    rf"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?[ \t]+)?(?P<name>{_NAME}|He|She)(?=[ \t]*,|[ \t]+[a-z])"
)


def _short_lead_attribution(masked: str, ps: int, o: int, c: int) -> _Attribution | None:
    """The subject of a sentence of at most ten words that ends right before the quote."""
    ps = max(ps, o - 200)
    lead = masked[ps:o].rstrip()
    if not lead.endswith((".", "!", ":")):
        return None
    stops = [m.end() for m in _STOP.finditer(masked, ps, ps + len(lead) - 1) if masked[m.start()] in ".!?\"”"]
    lo = stops[-1] if stops else ps
    if len(masked[lo : ps + len(lead)].split()) > 10:
        return None
    cs_ = _clause_subject(masked, lo, ps + len(lead))
    if cs_ is None:
        return None
    return _Attribution(cs_[0], cs_[1], cs_[2], cs_[3], cs_[4], cs_[5], None, o + 1, c, "before")


def _topic_attribution(
    masked: str, prev: tuple[int, int], o: int, c: int, ents: Sequence[Entity]
) -> _Attribution | None:
    """The subject of the last sentence of the previous paragraph, when it is a person."""
    ps, pe = prev
    if masked[pe - 1 : pe] in _CLOSERS or masked[ps : ps + 1] in _OPENERS:
        return None
    stops = [m.end() for m in _STOP.finditer(masked, ps, pe - 1) if masked[m.start()] in ".!?"]
    lo = stops[-1] if stops else ps
    while lo < pe and masked[lo].isspace():
        lo += 1
    m = _TOPIC.match(masked, lo, pe)
    if not m:
        return None
    s, e = m.start("name"), m.end("name")
    if m.group("name") not in ("He", "She") and not any(
        x.label == "PERSON" and x.start <= s and e <= x.end + 1 for x in ents if x.start < e + 1
    ):
        return None
    return _Attribution(e, e, "", s, e, m.group("name"), None, o + 1, c, "before")


_CLAUSE_SUBJECT = re.compile(
    rf"(?:^|(?<=,)[ \t]+|(?<=[.!?])(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!St\.)(?<!Mrs\.)(?<!Sen\.)(?<!Rep\.)(?<!Gov\.)(?<!Gen\.)[ \t]+|^[ \t]+)"
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?[ \t]+)?"
    rf"(?P<name>{_NAME}(?:[ \t]*\([^()\n]{{1,24}}\))?|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I|"
    rf"(?:[Tt]he|[Aa]n?)[ \t]+(?:[a-z][\w\-]*+[ \t]+){{0,2}}[a-z][\w\-]*+|{_NAME}['’]s?[ \t]+[a-z][\w\-]*+)"
    r"(?:[ \t]*,[^,\n]{1,120},)?"
    r"[ \t]+(?:(?:has|had|have|also|then|was|is|were|are|later|again|once|never|did|does|do|would|could|will|can|not)[ \t]+)*"
    r"(?P<verb>[a-z]{2,}(?:ed|s)|told|said|wrote|went|gave|made|took|spoke|put|began|saw|knew|thought|felt|held"
    r"|(?:(?<=did )|(?<=not )|(?<=can )|(?<=does )|(?<=will )|(?<=would )|(?<=could ))[a-z]{2,})\b"
)


def _clause_subject(masked: str, lo: int, hi: int) -> tuple[int, int, str, int, int, str, str | None] | None:
    """The first subject and verb of the clause in ``[lo, hi)`` ("At the debate, Jane Roe compared …")."""
    # On a slice: "^" means the start of the clause.
    m = None
    for cand in _CLAUSE_SUBJECT.finditer(masked[lo:hi]):
        if not _is_function_word(cand.group("name")) and cand.group("name").split()[0] not in _FUNCTION:
            m = cand  # the last subject before the participle or colon
    if m is None:
        return None
    name = m.group("name")
    s = lo + m.start("name")
    e = s + len(re.sub(r"[ \t]*\([^()]*\)$", "", name))
    return lo + m.start("verb"), lo + m.end("verb"), m.group("verb"), s, e, masked[s:e], None


def _colon_attribution(masked: str, lo: int, colon: int) -> tuple[int, int, str, int, int, str, str | None] | None:
    """``X said in a statement:`` / ``X's letter makes the case:``: the cue and subject before a colon."""
    seg_lo = max(lo, colon - 260)
    fm = re.search(r"(?:^|[.!?][ \t]+|[\n])(?P<cue>[Ff]rom|[Pp]er|[Aa]ccording[ \t]+to|[Ii]n)[ \t]+(?P<name>[^,:;.\n]{2,80}?)[ \t]*$", masked[seg_lo:colon])
    if fm:
        # "From the report:", "According to the agency:".
        return (seg_lo + fm.start("cue"), seg_lo + fm.end("cue"), _clean_cue(fm.group("cue")),
                seg_lo + fm.start("name"), seg_lo + fm.end("name"), fm.group("name"), None)
    cues = list(_CUE_RE.finditer(masked, seg_lo, colon))
    for cm in reversed(cues):
        if cm.group("acc"):
            continue
        if _clean_cue(cm.group()) in _PARTICIPLES:
            cs_ = _clause_subject(masked, seg_lo, cm.start())
            if cs_ is not None:
                return cm.start(), cm.end(), _clean_cue(cm.group()), cs_[3], cs_[4], cs_[5], None
        subj = _find_subject(masked, seg_lo, cm.start())
        if subj:
            return cm.start(), cm.end(), _clean_cue(cm.group()), subj[0], subj[1], subj[2], subj[3]
    # No cue word: the sentence's own subject and verb ("The report makes a case:").
    return _clause_subject(masked, seg_lo, colon)


_CUE_BEFORE = re.compile(
    r"(?:\b(?:that|said|says|say|told|tells|added|adds|wrote|writes|stated|states|announced|asked|"
    r"replied|responded|tweeted|continued|declared|explained|insisted|warned|argued|noted)|"
    r"\b(?:said|says|told|added|wrote|asked|replied|tweeted|continued)[^,.;:!?]{0,40}),?$"
)


def _is_partial(text: str, o: int, c: int, para: tuple[int, int]) -> bool:
    content = text[o + 1 : c].strip()
    if not content:
        return True
    before = text[para[0] : o].rstrip()
    at_start = (
        not before
        or before[-1] in ".!?:—–-(\"”“"
        or _CUE_BEFORE.search(before, max(0, len(before) - 40)) is not None
    )
    sentence_like = content[0].isupper() or content[0] in "…." or content[-1] in ".!?,"
    if at_start and sentence_like:
        return False
    return not (content[0].isupper() and len(content.split()) >= 6 and content[-1] in ".!?,")


@dataclass(frozen=True, slots=True)
class _Speaker:
    start: int
    end: int
    name: str
    kind: str  # PERSON | GROUP


def extract_quotes(article: Article, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> tuple[Quote, ...]:
    """Direct, partial and reported quotes of an article, each with its speaker.

    Args:
        article: The article; offsets point into ``article.text``.
        sentences: Its sentences (from :func:`storyledger.segment.segment_article`);
            without them a simple splitter is used.
        entities: Its entities (from :func:`storyledger.entities.extract_entities`),
            used to resolve speakers to canonical names and pronouns to people.

    Returns:
        Quotes in text order. ``start``/``end`` cover the quoted or reported
        words without quote marks; ``speaker_span`` covers the words the
        attribution rests on (a pronoun stays a pronoun there, while
        ``speaker`` carries the name it refers to).

    Example:
        >>> a = Article(id="a", text='"We will rebuild," Maria Lopez said. She added that aid had come.')
        >>> [(a.text[q.start:q.end], q.kind, q.speaker) for q in extract_quotes(a)]
        [('We will rebuild', 'direct', 'Maria Lopez'), ('aid had come', 'reported', 'Maria Lopez')]
    """
    text = article.text or ""
    if not text.strip():
        return ()
    quotes, _ = _extract(article.id, text, sentences, entities)
    return quotes


def _extract(
    article_id: str, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> tuple[tuple[Quote, ...], dict[str, str]]:
    text = _normalise_marks(text)
    paras = _paragraph_spans(text)
    segs = _pair_marks(text, paras)
    masked = _mask(text, segs)
    sents = _sentence_spans(text, sentences)
    attrs = _attributions(text, masked, sents)
    ents = sorted(entities, key=lambda e: e.start)
    ent_starts = [e.start for e in ents]
    resolver = _Resolver(text, ents, ent_starts, segs)
    roles: dict[str, str] = {}
    items: list[tuple[int, int, str, _Attribution | None]] = []
    attrs_by_start = sorted(attrs, key=lambda ra: ra.content_start)
    attr_starts = [ra.content_start for ra in attrs_by_start]

    # Attributions whose content is (or contains) a direct quote, keyed by quote.
    prev_attr: _Attribution | None = None
    prev_para = -10
    prev_end = -1
    # A quote running over paragraphs (no closing mark, the next paragraph opens
    # with one) takes the attribution found on any of its paragraphs.
    own: list[_Attribution | None] = []
    partials: list[bool] = []
    for o, c, pi in segs:
        partial = _is_partial(text, o, c, paras[pi])
        partials.append(partial)
        own.append(_direct_attribution(text, masked, o, c, paras[pi], paras[pi - 1] if pi > 0 else None, partial))
    for k in range(len(segs) - 2, -1, -1):
        o, c, pi = segs[k]
        no, nc, npi = segs[k + 1]
        if c == paras[pi][1] and npi == pi + 1 and no == paras[npi][0] and own[k] is None and own[k + 1] is not None:
            own[k] = own[k + 1]
    for (o, c, pi), partial, a in zip(segs, partials, own):
        c_s, c_e = _strip_span(text, o + 1, c)
        if c_e <= c_s:
            continue
        if a is not None and a.content_start != o + 1:
            a = _Attribution(a.cue_start, a.cue_end, a.cue, a.speaker_start, a.speaker_end, a.speaker_text, a.role, o + 1, c, a.shape)
        if a is None:
            # Inside a reported clause: the innermost clause's attribution.
            k = bisect.bisect_right(attr_starts, o + 1)
            inner = [ra for ra in attrs_by_start[max(0, k - 30) : k] if c <= ra.content_end + 1]
            if inner:
                a = min(inner, key=lambda ra: ra.content_end - ra.content_start)
        if a is None and not partial and prev_attr is not None and pi - prev_para <= 1:
            other_cue = any(m.start() + prev_end != prev_attr.cue_start for m in _CUE_RE.finditer(masked[prev_end:o]))
            gap = masked[prev_end:o]
            if prev_end <= prev_attr.speaker_start < o:
                gap = masked[prev_end : prev_attr.speaker_start] + masked[prev_attr.cue_end : o]
            # Other cue words are fine inside the attribution sentence itself
            # ('"A," said X, who wants Y. "B."'), not in a sentence of their own.
            one_sentence = pi == prev_para and not any(
                masked[x.start()] in ".!?" for x in _STOP.finditer(masked, prev_end + 1, max(prev_end + 1, o - 2))
            )
            if one_sentence or (not other_cue and (pi == prev_para or len(re.findall(r"[A-Za-z]", gap)) < 40)):
                a = prev_attr
        if a is None and not partial and o > paras[pi][0]:
            # "Jane Roe agreed. "…"": a short sentence right before the quote.
            a = _short_lead_attribution(masked, paras[pi][0], o, c)
        if a is None and not partial and pi > 0 and o <= paras[pi][0] and c >= paras[pi][1] - 2:
            # A paragraph that is only a quote: the person the paragraph before was about.
            a = _topic_attribution(masked, paras[pi - 1], o, c, ents)
        if a is None and partial and len(text[c_s:c_e].split()) < 6:
            continue  # scare quotes or a title, not a quotation
        items.append((c_s, c_e, "partial" if partial else "direct", a))
        if a is not None and not partial:
            prev_attr, prev_para, prev_end = a, pi, c
    quoted = [(o, c) for o, c, _ in segs]
    quoted_starts = [o for o, _ in quoted]
    for a in attrs:
        if a.content_end - a.content_start > MAX_QUOTE_CHARS:
            continue
        if masked.count("Q", a.content_start, a.content_end) > 0.5 * (a.content_end - a.content_start):
            continue  # the words of a direct quote, emitted above
        k = bisect.bisect_right(attr_starts, a.cue_start)
        if a.cue not in _SPEECH_WORDS and any(
            b is not a and a.cue_start < b.content_end for b in attrs_by_start[max(0, k - 30) : k]
        ):
            continue  # "X said they want to …": the wanting is part of what X said
        # A reported clause that is itself one direct quote was emitted above.
        k = bisect.bisect_left(quoted_starts, a.content_start - 3)
        if any(
            c <= a.content_end + 2 and (c - o) >= 0.8 * (a.content_end - a.content_start)
            for o, c in quoted[k : k + 30]
        ):
            continue
        items.append((a.content_start, a.content_end, "reported", a))
    items.sort(key=lambda t: (t[0], t[1]))
    out: list[Quote] = []
    seen: set[tuple[int, int, str]] = set()
    for s, e, kind, a in items:
        if (s, e, kind) in seen:
            continue
        seen.add((s, e, kind))
        speaker = span = cue = None
        if a is not None:
            speaker = resolver.resolve(a)
            span = (a.speaker_start, a.speaker_end)
            cue = a.cue or None
            if a.role and speaker:
                roles.setdefault(speaker, " ".join(a.role.split()))
        out.append(Quote(article_id=article_id, start=s, end=e, kind=kind, speaker=speaker, speaker_span=span, cue=cue))
    return tuple(out), roles


_DESCRIBED_PERSON = re.compile(
    rf"(?:(?:[Tt]he|[Aa]n?|[Aa]nother)\s+(?:[a-z\-]+\s+){{0,2}}(?:{'|'.join(sorted(_PERSON_ROLE_WORDS))})\s+(?:of|for|at|to)\s"
    rf"|{_CAP}(?:\s{_CAP})*['’]s?\s+(?:[a-z\-]+\s+){{0,2}}(?:{'|'.join(sorted(_PERSON_ROLE_WORDS))})$)"
)


_SUBJECT_AFTER = re.compile(
    r"[ \t]*(?:,|\((?:[^()\n]{1,20})\)|[ \t]+(?:has|had|have|is|was|were|are|also|then|later|did|does|would|will|could|said|says|"
    r"told|added|wrote|[a-z]{2,}(?:ed|s))\b)"
)


class _Resolver:
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

    def resolve(self, a: _Attribution) -> str | None:
        key = (a.speaker_start, a.speaker_end)
        if key in self.cache:
            return self.cache[key]
        words = " ".join(a.speaker_text.split())
        low = words.lower()
        name: str | None = None
        kind = "GROUP"
        ent = self._entity_in(a.speaker_start, a.speaker_end)
        if low in _PRONOUNS:
            if low in ("he", "she", "i"):
                # In news a quote's "he said" continues the person last quoted.
                name, kind = self._last_speaker(a.speaker_start) or self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
            else:
                name = self._nearest(a.speaker_start, {"ORG", "GPE", "LOC"})
        elif re.fullmatch(rf"(?:the|this|that)\s+(?:\S+\s+){{0,2}}(?:{'|'.join(sorted(_PERSON_ROLES))})", low) and (
            self._last_speaker(a.speaker_start) or self._nearest(a.speaker_start, {"PERSON"})
        ):
            # "the Texas governor", "the spokesman": the person last named.
            name, kind = self._last_speaker(a.speaker_start) or self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
        elif _DESCRIBED_PERSON.match(words):
            # "Armenia's prime minister", "the leader of the republic": a described person.
            name, kind = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I), "PERSON"
        elif ent is not None:
            name = ent.canonical
            kind = "PERSON" if ent.label == "PERSON" else "GROUP"
        else:
            m = re.match(r"(?:the|this|that)\s+(?:[a-z\-]+\s+)?([a-z\-]+)$", low)
            head = m.group(1) if m else None
            if head in _DOCUMENT_HEADS and self.speakers and self.speakers[-1].start < a.speaker_start:
                # "the statement continued": whoever issued it, the speaker last named.
                name, kind = self.speakers[-1].name, self.speakers[-1].kind
            elif head in _PERSON_ROLES:
                name, kind = self._nearest(a.speaker_start, {"PERSON"}), "PERSON"
            elif head in _GROUP_HEADS:
                name = self._nearest(a.speaker_start, {"ORG"}, head) or self._ahead(a.speaker_end, head)
            if name is None:
                name = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I) if not m or head else words
                kind = "PERSON" if any(w in _PERSON_ROLES for w in low.split()) else "GROUP"
                if re.fullmatch(_NAME, words) and 2 <= len(words.split()) <= 4 and not _GROUP_HEADS & set(low.split()):
                    kind = "PERSON"  # an unlisted "First Last" name
        if name is not None and low not in _PRONOUNS:
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


def speaker_roles(article: Article, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> dict[str, str]:
    """Roles and affiliations the article gives its speakers.

    Args:
        article: The article.
        sentences: Its sentences (optional).
        entities: Its entities (optional; names are canonical when given).

    Returns:
        Speaker name -> role as written (``"a spokeswoman for the ministry"``,
        ``"UN spokesman"``), for speakers the text describes.
    """
    text = article.text or ""
    if not text.strip():
        return {}
    return _extract(article.id, text, sentences, entities)[1]


def describe_speakers(
    article: Article, quotes: Sequence[Quote] = (), entities: Sequence[Entity] = (), sentences: Sequence[Sentence] = ()
) -> dict[str, str]:
    """Roles of the speakers of ``quotes``, for the reconciliation step.

    Args:
        article: The article the quotes come from.
        quotes: Its quotes (from :func:`extract_quotes`); only their speakers
            are described. Empty means every speaker found.
        entities: Its entities.
        sentences: Its sentences (optional).

    Returns:
        Speaker name -> role or affiliation as the text gives it.

    Example:
        >>> a = Article(id="a", text="Maria Lopez, a spokeswoman for the ministry, said aid had come.")
        >>> describe_speakers(a)
        {'Maria Lopez': 'a spokeswoman for the ministry'}
    """
    roles = speaker_roles(article, sentences, entities)
    if not quotes:
        return roles
    wanted = {q.speaker for q in quotes if q.speaker}
    return {k: v for k, v in roles.items() if k in wanted}
