"""Named things in news text: people, organisations and places, by rule.

No statistical model runs here: a statistical tagger over every sentence costs
more than the whole pipeline may spend per article (see issue 6). Instead a
cascade of whole-text regular-expression passes finds and labels names:

1. **Candidates**: maximal runs of capitalised tokens (``Jane Roe``,
   ``International Court of Justice``: ``of``, ``the``, ``for``, ``and`` may
   join capitalised tokens), dotted and plain acronyms (``U.N.``, ``ICJ``).
   A possessive (``Chile's``) ends a run.
2. **Sentence starts**: a capitalised word at the start of a sentence, after a
   colon or an opening quote is dropped when it is a common English word (a
   built-in list, or the word also occurs in lowercase in the article); a
   single remaining word there is kept only when the article corroborates it
   (the same word capitalised mid-sentence, a possessive, or a speech verb
   right after it).
3. **Titles**: honorifics and titles (``Mr``, ``Dr``, ``President``,
   ``Secretary of State``, ``spokesman``) before a name mark a person and are
   not part of the canonical name; what precedes the title (``US``,
   ``UN``) is an affiliation, kept as its own entity.
4. **Labels**: organisation cue words (``Agency``, ``Court``, ``Societies``,
   ``Inc``) and acronyms give ORG; place cue words (``City``, ``Province``),
   place prepositions (``in``, ``from``, ``near``), a possessive before a
   government noun (``X's army``) or a demonym derived from the name
   (``Chile`` / ``Chilean``) give GPE/LOC; a title or a run of two or three
   plain capitalised words gives PERSON. Votes are pooled per name over the
   article.
5. **Aliases** merged within the article: a parenthesised acronym after a name
   or a description (``the UN refugee agency (UNHCR)``), ``X, (also) known as
   Y``, an acronym matching a name's initials, a surname or ``Mr Surname`` after
   a full name (the nearest preceding one).
6. **Capitals for governments**: a capital used as its government's voice
   (``Moscow said``, ``Washington's position``) takes its country's canonical
   name (the article's own name for the country when it has one, else the
   name in ``CAPITALS``), labelled GPE. The city itself (``in Paris``) and a
   capital that is a person's name in the article (``Denzel Washington``)
   are left alone.

Offsets are half-open character offsets into ``Article.text``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

from .lexicon import (
    CAPITALS,
    COUNTRY_NAMES,
    COMMON,
    GEO_ACRONYMS,
    GOV_NAMES,
    LOC_CUES,
    ORG_CUES,
    PLACE_CUES,
    STOP_WORDS,
    TITLES,
    TITLE_DOMAINS,
)
from ...text import ODD_SPACE
from ...records import Article, Entity, Sentence

__all__ = [
    "extract_entities",
    "merge_aliases",
]

# A capitalised token: a dotted acronym (U.S., U.N.), or a word starting with
# a capital that may hold hyphens and inner apostrophes (O'Neill) but stops
# before a possessive 's.
_TOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z]\.(?=[ \t][A-Z][a-z])|[A-Z](?:[\w\-]|['’](?![sS]\b)(?=\w))*)"
# Joiners allowed between two capitalised tokens of one name.
_JOIN = r"(?:of|the|for|and|&|de|del|della|der|den|da|di|do|dos|du|la|le|van|von|bin|ibn|al|el|y)"
# The run scanner opens with the class of its first character, so the engine passes over
# other positions without testing the look-behind.
_RUN = re.compile(rf"(?=[A-Z])(?<![\w.\-'’]){_TOKEN}(?:[ \t](?:{_JOIN}[ \t]){{0,2}}{_TOKEN})*")
_WORD = re.compile(rf"{_TOKEN}|\S+")
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’\-]+")
_JOINERS = frozenset(_JOIN[3:-1].split("|"))
_PREV_WORD = re.compile(r"(\w+)\.?[ \t]+$")
_OPEN_PAREN = re.compile(r"[ \t]*\((?:the[ \t]+)?")

_TITLE_LINKS = _JOINERS | TITLES | TITLE_DOMAINS  # what may precede a title domain word
_SPEECH_AFTER = re.compile(
    r"[ \t]+(?:has |had |have |also |will |would |on \w+ )?(?:says?|said|told|tells|announced|"
    r"stated|states|added|claims?|claimed|denied|denies|reported|reports|accused|warned|"
    r"urged|insisted|wrote|writes|tweeted|confirmed|argued|noted|believes?|thinks?)\b"
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|into|from|near|across|to|towards?|outside|inside|throughout|around|via|"
    r"across|between|at|of|reach|reached|entering|leaving|left|visit|visited)[ \t]+(?:the[ \t]+)?)$"
)
_GOV_AFTER = re.compile(
    r"^['’]s?[ \t]+(?:\w+[ \t]+){0,2}?(?:government|army|military|president|prime minister|"
    r"foreign minister|foreign ministry|ministry|parliament|capital|border|territory|"
    r"troops|forces|ambassador|embassy|people|population|economy|authorities|leader|"
    r"regime|envoy|defen[cs]e)\b"
)
_PERSON_AFTER = re.compile(
    r"^,[ \t]+(?:a|an|the|who|whose|[a-z]+[ \t]+(?:of|for|at))\b[^,.;\n]{0,80}?\b(?:spokes\w+|official|"
    r"minister|president|leader|director|chief|head|founder|chairman|chairwoman|"
    r"secretary|senator|governor|mayor|adviser|advisor|analyst|professor|"
    r"researcher|lawyer|attorney|ambassador|envoy|commander|general|candidate|"
    r"nominee|executive|manager|member|resident|expert|economist|strategist|"
    r"aide|activist|author|journalist|reporter|correspondent|who|whose|[0-9]+)\b"
)
_PLACE_NOUN_AFTER = re.compile(
    r"[ \t]+(?:region|province|city|town|village|area|enclave|capital|border|district|"
    r"coast|state|county|valley|river|mountains|sea|island|peninsula|desert)\b"
)
_LOC_NOUN_AFTER = re.compile(r"[ \t]+(?:region|area|coast|valley|river|mountains|sea|island|peninsula|desert)\b")
_PLACE_SUFFIX = re.compile(r"(?:ia|stan|land|lands|burg|bourg|abad|grad|ville|polis|sk|ton|shire)$")
_DEMONYM_ENDS = ("n", "an", "ian", "ean", "i", "ese", "ish", "ic", "er")
_PAREN_ACRONYM = re.compile(r"\((?:the[ \t]+)?((?:[A-Z]\.?){2,8}s?)\)")
_KNOWN_AS = re.compile(
    r"[ \t]*,?[ \t]*\(?(?:also|commonly|locally|widely|better|formerly|now|sometimes|previously)?"
    r"[ \t]*(?:known|referred to|called)[ \t]+(?:to[ \t]+[\w ]{1,30}?[ \t]+)?as[ \t]+"
)
# A sentence start: not after the dot of a title or an initial ("Mr. Roe", "J. Roe").
_SENT_START = re.compile(
    r"(?:^|(?<![A-Z])(?<!Mr)(?<!Ms)(?<!Dr)(?<!St)(?<!Lt)(?<!Mrs)(?<!Sen)(?<!Rep)(?<!Gov)(?<!Gen)(?<!Col)"
    r"(?<!Sgt)(?<!Rev)(?<!Prof)[.!?…:;]['\"”’)\]]*|[\n\r]|[\"“‘«(\[—–])[ \t\"“‘«(\[]*$"
)
_DESCRIPTION = re.compile(
    r"(?:^|\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)[ \t]+)((?:[A-Z][\w.\-]*[ \t]+)?(?:[a-z][\w\-]*[ \t]+){0,4}?"
    r"[a-z][\w\-]*)[ \t]*$"
)


_PERSONAL_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|his|His|him|her|Her)\b")
_ITS = re.compile(r"\b(?:[Ii]ts|[Ii]t[ \t]+(?:said|says|has|had|will|would|is|was))\b")
# A capital speaking or acting for its government: "Moscow said", "Washington's position".
_GOV_USE_AFTER = re.compile(
    r"(?:[ \t]+(?:has |had |have |also |will |would |on \w+ )?(?:says?|said|told|tells|announced|stated|"
    r"claims?|claimed|denied|denies|accused|warned|urged|insisted|confirmed|argued|responded|"
    r"rejected|condemned|demanded|threatened|imposed|recognized|recognised|agreed|refused|"
    r"insists|wants|wanted|hopes|fears|blamed|blames|announces|denounced|welcomed|sanctioned)\b"
    r"|['’]s[ \t]+(?:\w+[ \t]+)?(?:position|decision|response|stance|policy|policies|officials|"
    r"ambassador|envoy|claims?|move|refusal|demands?|offer|proposal|support|approach|relations|"
    r"sanctions|strategy|allies|backing|warning|plan|role|ties|recognition|accusations?)\b)"
)


def _norm(name: str) -> str:
    """The comparison key of a name: dots out of acronyms, case and spaces folded."""
    if re.fullmatch(r"(?:[A-Z]\.){2,}", name):
        name = name.replace(".", "")
    return " ".join(name.split()).casefold()


def _is_acronym(word: str) -> bool:
    w = word.replace(".", "")
    return 2 <= len(w) <= 8 and w.isupper() and w.isalpha()


def _initials(tokens: Sequence[str]) -> str:
    out = []
    for tok in tokens:
        if tok.lower() in _JOINERS:
            continue
        out.append(tok.replace(".", "") if _is_acronym(tok) else tok[0])
    return "".join(out).upper()


class _Mention:
    __slots__ = ("start", "end", "text", "votes", "person_hint", "group")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.votes: Counter[str] = Counter()
        self.person_hint = False
        self.group = -1


def _split_tokens(text: str, start: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text)]


def _sentence_starts(text: str) -> Callable[[int], bool]:
    """``initial(pos)``: whether ``pos`` opens a sentence, a clause after a colon or a quote (memoised per text)."""
    memo: dict[int, bool] = {}
    search = _SENT_START.search

    def initial(pos: int) -> bool:
        hit = memo.get(pos)
        if hit is None:
            hit = memo[pos] = search(text, max(0, pos - 12), pos) is not None
        return hit

    return initial


def _candidates(text: str, lexicon: set[str], initial: Callable[[int], bool]) -> list[_Mention]:
    """Steps 1–3: candidate names with their first label votes."""
    out: list[_Mention] = []
    for m in _RUN.finditer(text):
        toks = _split_tokens(m.group(), m.start())
        # Sentence-initial common words are not part of a name.
        while toks and initial(toks[0][0]):
            word = toks[0][2]
            low = word.lower()
            if low in COMMON or low in _JOINERS or (low in lexicon and not _is_acronym(word)):
                toks = toks[1:]
                while toks and toks[0][2].lower() in _JOINERS:
                    toks = toks[1:]
                continue
            break
        while toks and toks[-1][2].lower() in _JOINERS:
            toks.pop()
        # "and" joins two names unless an organisation cue follows it
        # (Friends and Allies Societies).
        for piece in _split_on_stops(toks):
            for part in _split_on_and(piece):
                out.extend(_title_split(text, part))
    return out


def _split_on_stops(toks: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Calendar and currency words end a name (``Chile Saturday``, ``Danish Crowns``)."""
    parts, cur = [], []
    for t in toks:
        if t[2].lower() in STOP_WORDS:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    out = []
    for p in parts:
        while p and p[0][2].lower() in _JOINERS:
            p = p[1:]
        while p and p[-1][2].lower() in _JOINERS:
            p = p[:-1]
        if p:
            out.append(p)
    return out


def _split_on_and(toks: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    idx = [i for i, t in enumerate(toks) if t[2] in ("and", "&")]
    if not idx:
        return [toks] if toks else []
    if any(t[2].lower() in ORG_CUES for t in toks[idx[-1] + 1 :]):
        return [toks]
    parts, cur = [], []
    for t in toks:
        if t[2] in ("and", "&"):
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return [p for p in parts if p]


def _title_split(text: str, toks: list[tuple[int, int, str]]) -> list[_Mention]:
    """Step 3: peel titles off a run; what precedes a title is its own name."""
    out: list[_Mention] = []
    if not toks:
        return out
    lows = [t[2].lower().rstrip(".") for t in toks]
    last_title = -1
    i = 0
    while i < len(toks):
        if lows[i] in TITLES and not (i + 1 < len(toks) and lows[i + 1] in ORG_CUES):
            j = i + 1
            # Title continuations: "Secretary of State", "Minister for Foreign Affairs".
            while j < len(toks) and (lows[j] in TITLES or (lows[j] in _JOINERS and j + 1 < len(toks) and lows[j + 1] in TITLE_DOMAINS) or (lows[j] in TITLE_DOMAINS and lows[j - 1] in _TITLE_LINKS)):
                j += 1
            if j < len(toks):
                last_title = j - 1
                if i > 0:
                    out.extend(_org_person_split(text, toks[:i]))
                i = j
                continue
        i += 1
    if last_title >= 0:
        name = toks[last_title + 1 :]
        while name and name[0][2].lower() in _JOINERS:
            name = name[1:]
        # "Secretary General of the Example League Jane Roe".
        ms = _org_person_split(text, name)
        if ms:
            ms[-1].person_hint = not any(t[2].lower() in ORG_CUES for t in name[-1:])
            if ms[-1].person_hint:
                ms[-1].votes["PERSON"] += 3
        out.extend(ms)
        return out
    if all(lo in TITLES for lo in lows):
        return out
    return out + _org_person_split(text, toks)


def _org_person_split(text: str, toks: list[tuple[int, int, str]]) -> list[_Mention]:
    """Split an organisation name from a person's name that follows it."""
    if not toks:
        return []
    cue_at = [i for i, t in enumerate(toks) if t[2].lower() in ORG_CUES]
    if cue_at:
        k = cue_at[-1] + 1
        rest = toks[k:]
        if 2 <= len(rest) <= 3 and not any(t[2].lower() in _JOINERS for t in rest):
            a = _mention(text, toks[:k])
            b = _mention(text, rest)
            b.votes["PERSON"] += 2
            return [a, b]
    return [_mention(text, toks)]


def _mention(text: str, toks: list[tuple[int, int, str]]) -> _Mention:
    start, end = toks[0][0], toks[-1][1]
    return _Mention(start, end, text[start:end])


def _vote(text: str, m: _Mention, lexicon: set[str], caps_words: set[str]) -> None:
    """Step 4: label votes from the name itself and its context."""
    words = m.text.split()
    lows = [w.lower().rstrip(".") for w in words]
    if any(w in ORG_CUES for w in lows):
        m.votes["ORG"] += 3
    if any(w in PLACE_CUES for w in lows[1:]) or (len(lows) > 1 and lows[0] in ("republic", "kingdom", "state", "gulf", "lake", "mount")):
        m.votes["LOC" if any(w in LOC_CUES for w in lows) else "GPE"] += 3
    if len(words) == 1 and _is_acronym(words[0]):
        m.votes["GPE" if words[0].replace(".", "") in GEO_ACRONYMS else "ORG"] += 2
    if m.text in COUNTRY_NAMES:  # "China said …" is the country (GPE), not an organisation
        m.votes["GPE"] += 3
    before = text[max(0, m.start - 30) : m.start]
    after = text[m.end : m.end + 100]
    if _PLACE_BEFORE.search(before):
        m.votes["GPE"] += 1
    if _GOV_AFTER.match(after):
        m.votes["GPE"] += 2
    if _PLACE_NOUN_AFTER.match(after):
        m.votes["LOC" if _LOC_NOUN_AFTER.match(after) else "GPE"] += 2
    if _PERSON_AFTER.match(after):
        m.votes["PERSON"] += 2
    prev = _PREV_WORD.search(before)
    if prev and prev.group(1).lower() in TITLES and prev.group(1)[0].isupper():
        m.votes["PERSON"] += 3
    if len(words) == 1 and not _is_acronym(words[0]):
        w = words[0]
        stem = w[:-1] if w[-1] in "aey" else w
        if _PLACE_SUFFIX.search(w):
            m.votes["GPE"] += 1
        for end in _DEMONYM_ENDS:
            if (stem + end) in caps_words and stem + end != w:
                m.votes["GPE"] += 2
                break
    if 2 <= len(words) <= 4 and not m.votes and all(w[0].isupper() for w in words):
        m.votes["PERSON"] += 1
    elif len(words) == 1 and not m.votes and words[0] not in GOV_NAMES and _SPEECH_AFTER.match(after):
        # "Moreau said … He …" with no full name in the article: a lone word that speaks and
        # is taken up by a personal pronoun (not "it"/"its", as "Acme said its …") is a surname.
        near = text[m.end : m.end + 120].split("\n", 1)[0]
        if _PERSONAL_PRONOUN.search(near) and not _ITS.search(near):
            m.votes["PERSON"] += 1


def _has_prefix(sorted_words: list[str], stem: str, exclude: str) -> bool:
    i = bisect.bisect_left(sorted_words, stem)
    while i < len(sorted_words) and sorted_words[i].startswith(stem):
        c = sorted_words[i]
        if c != exclude and not c.startswith(exclude):
            return True
        i += 1
    return False


def _is_demonym(text: str, m: _Mention, caps_words: list[str]) -> bool:
    """A nationality adjective or plural ("Chilean refugees", "Chileans")."""
    if " " in m.text:
        return False
    w = m.text
    for end in ("ians", "eans", "ans", "is", "ese", "ish", "ian", "ean", "ani", "i", "an", "ic"):
        if w.endswith(end) and len(w) > len(end) + 3:
            stem = w[: -len(end)]
            if _has_prefix(caps_words, stem, w):
                return True
            if end in ("ians", "eans", "ese", "ish", "ian", "ean", "ani"):
                nxt = text[m.end : m.end + 20]
                return bool(re.match(r"[ \t]+[a-z]", nxt)) or end.endswith("s")
    return False


def extract_entities(article: Article, sentences: Sequence[Sentence] = ()) -> tuple[Entity, ...]:
    """People, organisations and places named in an article, with canonical names.

    Args:
        article: The article; offsets point into ``article.text``.
        sentences: Its sentences (unused beyond the text; sentence starts are
            found in the text itself so the function also works without them).

    Returns:
        Entities in text order, labelled PERSON, ORG, GPE or LOC; mentions of
        one thing (aliases, acronyms, surnames) share a ``canonical`` name.

    Example:
        >>> text = "The World Shipping Federation (WSF) said Maria Lopez had left. Lopez denied it."
        >>> ents = extract_entities(Article(id="a", text=text))
        >>> [(text[e.start:e.end], e.label, e.canonical) for e in ents]  # doctest: +NORMALIZE_WHITESPACE
        [('World Shipping Federation', 'ORG', 'World Shipping Federation'),
         ('WSF', 'ORG', 'World Shipping Federation'),
         ('Maria Lopez', 'PERSON', 'Maria Lopez'), ('Lopez', 'PERSON', 'Maria Lopez')]
    """
    text = article.text or ""
    if not text:
        return ()
    try:
        return _extract(article.id, text)
    except RecursionError:  # pathological input: never fail the stage
        return ()


def _extract(article_id: str, text: str) -> tuple[Entity, ...]:
    # Spaces other than " " (no-break, thin…) read as " ": one character each, offsets kept.
    if ODD_SPACE.search(text):
        text = ODD_SPACE.sub(" ", text)
    lexicon = {w.casefold() for w in _LOWER_WORD.findall(text)}
    initial_at = _sentence_starts(text)
    mentions = _candidates(text, lexicon, initial_at)
    caps_words = {m.text for m in mentions if " " not in m.text}
    caps_sorted = sorted(caps_words)
    mid_caps: Counter[str] = Counter()
    for m in mentions:
        if not initial_at(m.start):
            mid_caps[m.text] += 1
    kept: list[_Mention] = []
    for m in mentions:
        if _is_demonym(text, m, caps_sorted):
            continue
        words = m.text.split()
        if len(words) == 1:
            low = words[0].lower().rstrip(".")
            if (low in COMMON and not words[0].isupper()) or low in TITLES or len(words[0]) < 2:
                continue
            if initial_at(m.start) and not mid_caps[m.text] and not _is_acronym(words[0]):
                after = text[m.end : m.end + 60]
                if not (after[:1] in ("'", "’") or _SPEECH_AFTER.match(after) or m.person_hint
                        or m.text in COUNTRY_NAMES):
                    continue
        elif all(_is_acronym(w) for w in words):
            continue  # an all-capitals line is page furniture, not a name
        _vote(text, m, lexicon, caps_words)
        kept.append(m)
    descriptions = _paren_descriptions(text, kept)
    kept.extend(descriptions)
    kept.sort(key=lambda m: (m.start, -m.end))
    return _resolve(article_id, text, kept)


def _paren_descriptions(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """``the UN refugee agency (UNHCR)``: a described organisation before its acronym."""
    out = []
    by_start = {m.start: m for m in mentions}
    for pm in _PAREN_ACRONYM.finditer(text):
        acr_start = pm.start(1)
        if acr_start not in by_start:
            continue
        before = text[max(0, pm.start() - 80) : pm.start()]
        d = _DESCRIPTION.search(before)
        if not d or d.group(1).split()[-1].lower() not in ORG_CUES | {"agency", "body", "watchdog", "court", "group", "force", "mission", "organisation", "organization", "programme", "program", "fund", "office"}:
            continue
        s = pm.start() - len(before) + d.start(1)
        e = pm.start() - len(before) + d.end(1)
        desc = _Mention(s, e, text[s:e])
        desc.votes["ORG"] += 3
        out.append(desc)
    return out


def _disjoint_sets() -> tuple[Callable[[str], str], Callable[[str, str], None]]:
    """``(find, union)`` over a fresh union-find forest of strings (path halving; ``union`` keeps ``a``'s root)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    return find, union


def _resolve(article_id: str, text: str, mentions: list[_Mention]) -> tuple[Entity, ...]:
    """Step 5: group mentions into entities, pool label votes, pick canonical names."""
    mentions = _drop_nested(mentions)
    keys = [_norm(m.text) for m in mentions]
    find, union = _disjoint_sets()
    for k in keys:
        find(k)
    acronym_pairs, alias_links, preferred = _alias_links(text, mentions, keys)
    votes = _name_votes(mentions, keys, acronym_pairs)
    for a, b in alias_links + _initials_links(mentions, keys) + _surname_links(mentions, keys, votes):
        union(a, b)
    # Read only after the links above are made: a surname before its full name
    # joins the full name's whole group.
    for a, b in _headline_surname_links(mentions, keys, votes, find):
        union(a, b)
    return _entities(article_id, text, mentions, keys, find, preferred)


def _drop_nested(mentions: list[_Mention]) -> list[_Mention]:
    """The mentions not nested in a longer one (descriptions may overlap names)."""
    flat: list[_Mention] = []
    last_end = -1
    for m in mentions:
        if m.start < last_end:
            continue
        flat.append(m)
        last_end = m.end
    return flat


def _alias_links(
    text: str, mentions: list[_Mention], keys: list[str]
) -> tuple[list[tuple[int, int]], list[tuple[str, str]], dict[str, str]]:
    """Parenthesised acronyms and "known as" aliases ("X, known as Y": X is canonical).

    Returns the ``(name, acronym)`` mention index pairs, the key pairs to link
    (in the order found) and the preferred canonical name per key.
    """
    acronym_pairs: list[tuple[int, int]] = []
    links: list[tuple[str, str]] = []
    preferred: dict[str, str] = {}
    by_start = {m.start: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        after = text[m.end : m.end + 60]
        pm = _OPEN_PAREN.match(after)
        if pm and (m.end + pm.end()) in by_start:
            j = by_start[m.end + pm.end()]
            if _is_acronym(mentions[j].text) and text[mentions[j].end : mentions[j].end + 1] == ")":
                links.append((keys[i], keys[j]))
                acronym_pairs.append((i, j))
        ka = _KNOWN_AS.match(after)
        if ka and (m.end + ka.end()) in by_start:
            j = by_start[m.end + ka.end()]
            links.append((keys[i], keys[j]))
            preferred.setdefault(keys[i], " ".join(m.text.split()))
    return acronym_pairs, links, preferred


def _name_votes(
    mentions: list[_Mention], keys: list[str], acronym_pairs: list[tuple[int, int]]
) -> dict[str, Counter[str]]:
    """Votes pooled by exact name, to know who is a person; an acronym after an unvoted name is an ORG."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m, k in zip(mentions, keys):
        if m.votes:  # most mentions have none: skip Counter.update's overhead
            votes[k].update(m.votes)
    for i, j in acronym_pairs:
        votes[keys[j]]["ORG"] += 1 if not votes[keys[i]] else 0
    return votes


def _initials_links(mentions: list[_Mention], keys: list[str]) -> list[tuple[str, str]]:
    """Acronyms matching the initials of a name in the article."""
    full_by_initials: dict[str, str] = {}
    for m, k in zip(mentions, keys):
        toks = m.text.split()
        if len(toks) >= 2:
            full_by_initials.setdefault(_initials(toks), k)
    links = []
    for m, k in zip(mentions, keys):
        if _is_acronym(m.text) and " " not in m.text:
            full = full_by_initials.get(m.text.replace(".", "").upper())
            if full:
                links.append((full, k))
    return links


def _surname_links(
    mentions: list[_Mention], keys: list[str], votes: dict[str, Counter[str]]
) -> list[tuple[str, str]]:
    """Surnames and "Mr Surname": the nearest preceding full name ending in it."""
    links = []
    latest_person: dict[str, str] = {}  # last token casefolded -> key of the latest full name
    for m, k in zip(mentions, keys):
        toks = m.text.split()
        v = votes[k]
        is_person = v["PERSON"] > 0 and v["PERSON"] >= max(v["ORG"], v["GPE"], v["LOC"])
        if len(toks) >= 2 and is_person:
            latest_person[toks[-1].casefold()] = k
        elif len(toks) == 1 and not _is_acronym(toks[0]) and k in latest_person:
            links.append((latest_person[k], k))
    return links


def _headline_surname_links(
    mentions: list[_Mention], keys: list[str], votes: dict[str, Counter[str]], find: Callable[[str], str]
) -> list[tuple[str, str]]:
    """Surnames used before the full name (headlines): link to the one person's group of that surname.

    A single-word name qualifies while it is a group of its own; linking it
    leaves every other name's group as it was, so the links can be made after.
    """
    full_persons: dict[str, set[str]] = {}
    for m, k in zip(mentions, keys):
        toks = m.text.split()
        v = votes[k]
        if len(toks) >= 2 and v["PERSON"] > 0 and v["PERSON"] >= max(v["ORG"], v["GPE"]):
            full_persons.setdefault(toks[-1].casefold(), set()).add(find(k))
    return [
        (next(iter(full_persons[k])), k)
        for m, k in zip(mentions, keys)
        if " " not in m.text and find(k) == k and len(full_persons.get(k, ())) == 1
    ]


def _entities(
    article_id: str,
    text: str,
    mentions: list[_Mention],
    keys: list[str],
    find: Callable[[str], str],
    preferred: dict[str, str],
) -> tuple[Entity, ...]:
    """Pool votes per group, choose each mention's label and canonical name."""
    gvotes: dict[str, Counter[str]] = defaultdict(Counter)
    gnames: dict[str, Counter[str]] = defaultdict(Counter)
    for m, k in zip(mentions, keys):
        r = find(k)
        if m.votes:
            gvotes[r].update(m.votes)
        gnames[r][" ".join(m.text.split())] += 1  # insertion order = first mention
    chosen = {find(k): name for k, name in preferred.items()}
    for r, names in gnames.items():
        chosen.setdefault(r, _canonical(names))
    labels: dict[tuple[str, str], str] = {}
    out = []
    for m, k in zip(mentions, keys):
        r = find(k)
        label = labels.get((r, m.text))
        if label is None:
            label = labels[(r, m.text)] = _label(gvotes[r], m.text)
        canonical = chosen[r]
        country = _capital_country(text, m, label, keys, find, chosen)
        if country is not None:
            label, canonical = "GPE", country
        out.append(Entity(article_id=article_id, start=m.start, end=m.end, label=label, canonical=canonical))
    return tuple(out)


def _capital_country(
    text: str, m: _Mention, label: str, keys: list[str], find: Callable[[str], str], chosen: dict[str, str]
) -> str | None:
    """Step 6: the country a capital stands for, where it acts as its government."""
    name = " ".join(m.text.split())
    countries = CAPITALS.get(name)
    if countries is None or label == "PERSON" or not _GOV_USE_AFTER.match(text, m.end):
        return None
    if _norm(chosen[find(_norm(m.text))]) != _norm(name):
        return None  # merged with a longer name: a surname ("Jon Washington … Washington said")
    if _PLACE_BEFORE.search(text[max(0, m.start - 30) : m.start]):
        return None  # "officials in Washington said": the city
    present = set(keys)
    for c in countries:
        if _norm(c) in present:
            return chosen[find(_norm(c))]  # the article's own name for the country
    return countries[0]


def _label(v: Counter[str], text: str) -> str:
    if v:
        best = max(("PERSON", "ORG", "GPE", "LOC"), key=lambda lab: (v[lab], lab == "GPE"))
        if v[best] > 0:
            return best
    if _is_acronym(text):
        return "ORG"
    # A lone unexplained name: people are the likeliest in news.
    return "PERSON" if " " in text else "ORG"


def _name_rank(name: str) -> tuple[int, int, int]:
    toks = name.split()
    proper = all(t[0].isupper() or t.lower() in _JOINERS for t in toks)
    if proper and len(toks) >= 2:
        kind = 3
    elif proper and not _is_acronym(name):
        kind = 1
    elif _is_acronym(name):
        kind = 2
    else:
        kind = 0
    return (kind, len(toks), len(name))


def _canonical(names: Counter[str]) -> str:
    """The most complete proper name of a group: full name > acronym > single word > description."""
    order = {n: i for i, n in enumerate(names)}
    return max(names, key=lambda n: (_name_rank(n)[:2], names[n], -order[n]))


def merge_aliases(
    entities_by_article: Mapping[str, Sequence[Entity]],
    texts: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Merge the entities of a story's articles into one canonical name per thing.

    Per-article canonical names are merged across articles when they are the
    same name, when an acronym matches a name's initials, or when a single
    word is the surname of exactly one person's full name in the story. With
    ``texts`` (article id -> text) every surface form is mapped too.

    Args:
        entities_by_article: Article id -> its entities.
        texts: Optional article id -> article text, to map surface forms.

    Returns:
        A mapping from every name and canonical name seen to the story's
        canonical name for it (names that merge with nothing map to themselves).

    Example:
        >>> e = lambda a, c, l: Entity(article_id=a, start=0, end=1, label=l, canonical=c)
        >>> m = merge_aliases({"a": [e("a", "Maria Lopez", "PERSON")], "b": [e("b", "Lopez", "PERSON")]})
        >>> m["Lopez"]
        'Maria Lopez'
    """
    find, union = _disjoint_sets()
    names, labels, surface_of, surface_links = _story_names(entities_by_article, texts)
    for n in names:
        find(_norm(n))
    for a, b in surface_links:
        union(a, b)
    initials, surnames = _alias_keys(names, labels)
    # One name at a time: a link may join groups that a later name's candidates fall in.
    for n in names:
        if " " in n:
            continue
        if _is_acronym(n):
            cands = initials.get(n.replace(".", "").upper(), set())
        else:
            cands = surnames.get(n.casefold(), set())
        roots = {find(c) for c in cands}
        if len(roots) == 1:
            union(next(iter(roots)), _norm(n))
    return _story_canonical(names, surface_of, find)


def _story_names(
    entities_by_article: Mapping[str, Sequence[Entity]], texts: Mapping[str, str] | None
) -> tuple[Counter[str], dict[str, Counter[str]], dict[str, str], list[tuple[str, str]]]:
    """Canonical names with their counts and labels, surface forms, and the (canonical, surface) key links."""
    names: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surface_of: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for aid, ents in entities_by_article.items():
        text = (texts or {}).get(aid)
        for e in ents:
            names[e.canonical] += 1
            labels[e.canonical][e.label] += 1
            if text is not None and 0 <= e.start < e.end <= len(text):
                surface = " ".join(text[e.start : e.end].split())
                surface_of[surface] = e.canonical
                links.append((_norm(e.canonical), _norm(surface)))
    return names, labels, surface_of, links


def _alias_keys(
    names: Counter[str], labels: dict[str, Counter[str]]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The keys of multi-word names by their initials, and of people's names by their surname."""
    initials: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    for n in names:
        toks = n.split()
        if len(toks) >= 2:
            initials[_initials(toks)].add(_norm(n))
            if labels[n].most_common(1)[0][0] == "PERSON":
                surnames[toks[-1].casefold()].add(_norm(n))
    return initials, surnames


def _story_canonical(names: Counter[str], surface_of: dict[str, str], find: Callable[[str], str]) -> dict[str, str]:
    """Every name and surface form mapped to its group's canonical name (surface forms count only as a fallback)."""
    group_names: dict[str, Counter[str]] = defaultdict(Counter)
    for n, c in names.items():
        group_names[find(_norm(n))][n] += c
    for s in surface_of:
        group_names[find(_norm(s))][s] += 0
    result: dict[str, str] = {}
    for members in group_names.values():
        weighted = Counter({n: c for n, c in members.items() if c > 0}) or members
        canon = _canonical(weighted)
        for n in members:
            result[n] = canon
    return result
