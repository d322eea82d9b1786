"""Counts that are not written as numbers: "a man was fatally shot", "a woman and her child were found dead".

Most casualty reporting names the people harmed instead of counting them. A small
grammar reads those counts:

- **Noun phrase**: a determiner (``a``, ``an``, ``the``, ``one``, ``another``), up to
  three modifiers and a person noun (:data:`PERSON_NOUNS`, or an age used as a noun: "a
  17-year-old"), optionally an apposition between commas ("a man, 25,"). One such
  phrase is a count of one; two joined by ``and`` ("a woman and her child") a count of
  two; ``both`` or ``a couple`` before a noun a count of two.
- **Verb frame**: the noun phrase is the subject of a passive or intransitive harm verb,
  whose frame gives the kind of harm: ``killed`` (killed, murdered, slain, fatally shot
  or wounded, shot dead or to death, found or pronounced dead, died), ``injured``
  (wounded, injured, hurt, shot and wounded, hospitalised), ``shot`` (shot, with no
  outcome said), ``arrested`` (arrested, detained, taken into custody) or ``missing``
  (missing, reported missing, unaccounted for). The death may come later in the
  sentence ("a woman who was shot in the park died", "a man shot himself ... and later
  died"), and a name may be the subject ("Smith, who was pronounced dead"); capitalised words
  inside a larger phrase ("two firefighters in Lowmere died") are no subject, and where they close
  an apposition ("Roe, the secretary of State, died") the subject is the name before it.
- **Increments**: a person added to a count said before ("an additional soldier died", "one
  more victim died") is a change of that count, keyed ``increased`` as :mod:`.change` keys one;
  "another" stays a count (it mostly names a person with another harm: "one killed, another hurt").
- **Objects**: the noun phrase or a pronoun is the object of a harm verb or noun
  ("shot and killed a man", "the shooting death of a boy", "fatally wounding the
  suspect", "critically wounding a boy", "shot him"), or suffers "a gunshot wound"; the
  object of an arrest ("police arrested a 19-year-old man") is one person arrested; a
  subject that "suffered non-life-threatening injuries" is one hurt.
- **Ellipsis**: "another" standing for a person harmed ("one teen killed, another
  wounded", "three were killed and another was hurt") is one.
- **Headlines** drop the determiner: a first line without a final full stop (or the
  title read on its own) counts bare noun phrases ("17-year-old killed, 3 hurt",
  "officer shot, suspect killed", "shooting kills teen girl", "death of a man").
- **Heads and agents**: an object is headed by the person noun its modifiers lead to ("shot and killed the
  active shooter"); an agent ("wounded by a man") is who harmed, never one harmed.
- **Deaths named as events** with no victim counted ("a deadly shooting", "a shooting
  death"): at least one killed.
- **Events with their number**: "a double homicide" (2 killed), "a triple shooting"
  (3 shot), "a murder-suicide" (2 killed; "a double murder-suicide" 3).
- **Role**: the person noun says who was counted: a suspect (gunman, shooter...), the
  police (officer, deputy...), a soldier, a child, or a victim; the figure's unit is the
  noun and its key ``<harm>:<role>`` (``killed:suspect``) or ``<harm>:<noun class>`` as
  for written numbers (:data:`~storyledger.extract.figures.lexicon.ROLES`).

The figures come with the span of the determiner (or of the first phrase's determiner
for a pair), so a written number at the same place wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import BODILY_HARMS, agent_noun, singular

__all__ = [
    "AGE",
    "FATAL_EVENT",
    "FRAME_TAIL",
    "HARMS",
    "PERSON_NOUNS",
    "ROLE_OF",
    "headline_end",
    "implied_counts",
    "is_intransitive",
    "person_noun",
    "scan_near",
]

# Person nouns by role. Victim is the default role.
ROLE_OF: dict[str, str] = {
    **{w: "suspect" for w in "suspect gunman shooter attacker assailant robber intruder killer".split()},
    **{w: "police" for w in "officer policeman policewoman deputy trooper constable sergeant".split()},
}
PERSON_NOUNS = frozenset(
    """man woman child boy girl person civilian soldier fighter militant journalist worker resident teenager
    teen baby infant toddler student doctor nurse citizen pilot member guard commander bystander pedestrian
    passenger driver farmer shepherd victim father mother son daughter brother sister husband wife
    grandmother grandfather uncle aunt cousin friend neighbor neighbour relative customer employee clerk
    owner homeowner motorist cyclist juvenile minor adult youth male female individual mom dad fiance fiancee
    girlfriend boyfriend grandson granddaughter grandchild nephew niece stepfather stepmother stepson stepdaughter
    stepbrother stepsister spouse roommate coworker classmate""".split()
) | frozenset(ROLE_OF)

_PERSON = r"(?:" + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True)) + r")"
_AGE = r"(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)[- ](?:year|month|week)s?[- ]old"
_HEAD = r"(?:(?P<age>" + _AGE + r")(?:\s+(?!(?:was|were|is|are|who|has|had|and|got)\b)(?P<agehead>[a-z]+))?|(?P<head>[a-z]+))"
# Up to three modifiers; a verb, "of" or a word that begins a clause ("a hospital where he died") ends them.
_MODS = r"(?:(?!(?:was|were|is|are|and|who|of|has|had|dead|where|when|while|after|before|because|until|which|that)\b)" \
        r"[A-Za-z0-9][\w'-]*,?\s+){0,3}?"
# A participle phrase after the head: "a man walking his dog was shot", "a boy playing with a gun was killed".
_PARTICIPLE = (r"(?:\s+(?!(?:during|including|according|regarding|following|concerning|being|having)\b)[a-z]{3,}ing"
               r"(?:\s+(?!(?:was|were|is|are|has|had|and|who|got)\b)[\w'’-]+){1,5}?)?")
_NP = r"(?P<det>\b(?:a|an|the|one|another|his|her|their))\s+" + _MODS + _HEAD + r"(?:,\s*[^,.;]{1,40},)?" + _PARTICIPLE
_NP2 = r"(?:\s+and\s+(?:(?P<det2>his|her|their|a|an|the|another|one)\s+)?" + _MODS + r"(?P<head2>[a-z]+))?"
_BOTH = r"(?P<both>\b(?:both|a\s+couple\s+of)\s+(?:(?:the|young)\s+)?(?P<plural>[a-z]+))"
# The auxiliary of a passive ("was shot"); without one only "died" and "dead" read (an active
# "he shot and killed" names the killer, not the killed).
_AUX = r"\s+(?:who\s+)?(?P<aux>(?:was|were|is|are|got|has\s+been|have\s+been|had\s+been)\s+)?" \
       r"(?:(?:also|later|reportedly|allegedly|apparently|both|found|(?!fatally|non)[a-z]+ly)\s+){0,2}"
_KILLED = r"fatally\s+(?:shot|wounded|injured|stabbed)|shot\s+(?:and\s+killed|dead|to\s+death)|shot\s+and\s+fatally\s+" \
          r"(?:wounded|injured)|killed|murdered|slain" \
          r"|(?:found\s+|pronounced\s+|declared\s+)?dead|(?:found|pronounced|declared)\s+deceased|died|dies|has\s+died" \
          r"|passe[sd]\s+away|succumbed|beheaded|decapitated|strangled" \
          r"|(?:stabbed|beaten|burned|hacked|bludgeoned)\s+to\s+death"
_INJURED = r"shot\s+and\s+(?:(?:critically|seriously|severely|gravely|badly)\s+)?(?:wounded|injured)" \
           r"|non-?fatally\s+shot|wounded|injured|hurt|hospitali[sz]ed|grazed"
_SHOT = r"shot(?!\s+(?:at|back|up|and|dead|to\b|down\s+the))"
_ARRESTED = r"arrested|detained|taken\s+into\s+custody|in\s+custody"
_MISSING = r"(?:reported\s+|listed\s+as\s+)?missing|unaccounted\s+for"
_OUTCOME = r"(?:(?P<killed>" + _KILLED + r")|(?P<injured>" + _INJURED + r")|(?P<shot>" + _SHOT + r")" \
    r"|(?P<arrested>" + _ARRESTED + r")|(?P<missing>" + _MISSING + r"))\b"
# The harms of a frame, in the order they are looked for.
_HARMS = ("killed", "injured", "shot", "arrested", "missing")
_FRAME = re.compile(r"(?:" + _NP + _NP2 + r"|" + _BOTH + r"|(?P<pron>\b(?:he|she)))" + _AUX + _OUTCOME)
# A subject with a relative clause between it and its passive harm: "a 16-year-old who was with her was shot".
_REL_FRAME = re.compile(_NP + _NP2 + r",?\s+who\s+(?P<rel>(?:(?!(?:and|but|who|where|when|which|that|after|before|because|while|as)\b)[\w'’-]+,?\s+){0,7}?"
                        r"[\w'’-]+)"
                        r"(?=\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s)" + _AUX + _OUTCOME)
# "who", its clause, a passive auxiliary and a word of harm: where a relative frame may stand.
_REL_HINT = re.compile(r"\bwho\s[^.;!?]{0,110}?\s(?:was|were|is|are|been)\s+(?:[a-z]+\s+){0,2}?(?:killed|murdered|slain"
                       r"|dead|died|shot|stabbed|wounded|injured|hurt|hospitali[sz]ed|grazed|arrested|detained|missing)\b")
# What follows a harm participle with no auxiliary that makes it a passive (a reduced relative or a
# headline-like clause: "a man shot in the head", "a player shot seven times", "a man killed by police"),
# never an object ("a man shot his wife") nor a shot fired ("shot in the air").
_REDUCED_PASSIVE = re.compile(
    r"\s+(?:in\s+(?!the\s+air\b)(?:the|his|her|a|an)\b|(?:once|twice)\b|(?:multiple|several|numerous|many|\d+|[a-z]+)"
    r"\s+times\b|by\s+(?!(?:the\s+)?time\b)|(?:early|late|overnight)\b|last\s+(?:night|week)|(?:while|during|outside"
    r"|inside|near)\b|at\s+(?:a|an|the|his|her|about|around|\d)|on\s+(?:the\b|[a-z]+day\b)|(?:mon|tues|wednes|thurs"
    r"|fri|satur|sun)day\b)")
# The object of a killing verb or noun: "shot and killed a man", "the shooting death of a boy",
# "killed his wife", "killed 13-year-old" followed by a name.
# An object's head is the person noun its modifiers lead to ("shot and killed the active shooter"):
# with nothing after it to anchor the phrase, a lazy head would stop at the first modifier.
_OBJ_HEAD = r"(?:(?P<age>" + _AGE + r")(?:\s+(?P<agehead>" + _PERSON + r"))?|(?P<head>" + _PERSON + r"))\b(?!-)"
_OBJ_NP = r"(?P<det>\b(?:a|an|the|his|her|their|one))\s+" + _MODS + _OBJ_HEAD + r"|(?P<named>" + _AGE + r")\s+(?=[A-Z])"
_OBJECT = re.compile(
    r"\b(?:fatally\s+(?:shot|wounded|stabbed|shooting|wounding|stabbing)|shot\s+and\s+killed|shot\s+dead|killed|murdered"
    r"|shooting\s+and\s+killing|murdering|killing"
    r"|(?:shooting\s+)?death\s+of|murder\s+of|killing\s+of|slaying\s+of)\s+(?:" + _OBJ_NP + r")"
)
# "Both" and a plural person noun as the object of a killing: "killing both women", "shot and killed both men".
_BOTH_OBJECT = re.compile(
    r"\b(?:fatally\s+(?:shot|shooting)|shot\s+and\s+killed|shooting\s+and\s+killing|killed|murdered|killing"
    r"|murdering)\s+(?P<both>both\s+(?:(?:the|young)\s+)?(?P<plural>[a-z]+))\b")
# The object of an arrest: "police arrested a 19-year-old man", "deputies detained the driver".
_ARREST_OBJECT = re.compile(r"\b(?:arrested|detained|arresting|detaining)\s+(?:" + _OBJ_NP + r")(?!\s+(?:and|&)\s)")
# The noun of a count read from a fatal event alone ("a deadly shooting": someone died, at least one).
FATAL_EVENT = "victim"
# A killing named as an event with no victim counted: "a fatal shooting", "a shooting death" (at least
# one dead; "the shooting death of a boy" is read as an object, one).
_INTRANSITIVE = re.compile(r"died|dies|has\s+died|dead|passe[sd]\s+away|succumbed")
_FATAL_EVENT = re.compile(r"(?<!non-)\b(?:fatal|deadly)\s+(?:[a-z]+\s+)?(?:shooting|stabbing|attack|incident)\b"
                          r"|\b(?:shooting|stabbing)\s+death\b(?!\s+of\b)")
# A named person with an age in apposition, subject of a harm verb: "John Doe, 25, was killed".
_NAMED = re.compile(r"\b(?P<name>[A-Z][a-z'-]+(?:[A-Z][a-z'-]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-z'.-]+(?:[A-Z][a-z'-]+)?)){1,3}),\s*(?:\d{1,2}|(?P<appos>(?:a|an)\s+[^,.;()]{3,60}?)),"
                    r"(?:\s+of\s+[A-Z][\w ]{1,30},)?" + _AUX + _OUTCOME)
# Capitalised words that begin a sentence but name no one ("Police", "He").
_NOT_NAMES = frozenset("""he she it they police officials authorities investigators deputies officers detectives
    the a an no nobody someone everyone this that one two three who which""".split())
# An event named with its number of victims: "a double homicide", "a triple shooting", "a murder-suicide".
_TIMES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_MULTIPLE = re.compile(r"(?<!attempted\s)\b(?:(?P<times>double|triple|quadruple|quintuple)[- ])?(?P<event>murder-suicide)\b"
                       r"|\b(?P<times2>double|triple|quadruple|quintuple)[- ](?P<event2>homicide|murder|killing|slaying"
                       r"|shooting)\b(?![- ]suicide)")
# A name, subject of a death: "Smith, who was pronounced dead at the hospital", "Jane Doe died".
_NAMED_DIED = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-z'-]+(?:[A-Z][a-z'-]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-z'.-]+(?:[A-Z][a-z'-]+)?)){0,3})(?:,\s*who|,)?\s+(?:(?:later|also|then)\s+)?"
    r"(?:died(?!\s+down)|succumbed|(?:was|had\s+been|has\s+been)\s+(?:later\s+)?(?:pronounced\s+dead|fatally\s+shot|shot\s+and\s+killed"
    r"|shot\s+to\s+death|killed|shot\s+dead|murdered|slain|(?:shot|struck)\b[^.;!?]{0,80}?\band\s+(?:was\s+)?(?:later\s+)?"
    r"(?:died|pronounced\s+dead)))\b")
# What puts capitalised words inside a larger phrase, not at the head of a subject: a preposition
# or a determiner right before them ("secretary of State", "in the Vietnam War", "firefighters in Lowmere").
_INSIDE_PHRASE = re.compile(r"\b(?:of|in|at|on|from|for|with|by|to|into|near|under|over|during|across|against|the|a|an"
                            r"|his|her|their|its)\s+$")
_NAME = r"(?P<name>[A-Z][a-z'-]+(?:[A-Z][a-z'-]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-z'.-]+(?:[A-Z][a-z'-]+)?)){0,3})"
# The name at the end of the words before an apposition's opening comma: "Jane Roe|, a veteran of ..., died".
_NAME_BEFORE_COMMA = re.compile(r"(?<![\w.])" + _NAME + r"\s*$")
# A name and its home after "of" or "from", an age between: "Jane Roe, 25, of Lowmere", "John Roe of the 100 block of".
_NAME_OF_PLACE = re.compile(r"(?<![\w.])" + _NAME + r"(?:,\s*\d{1,3})?,?\s+(?:of|from)\s+(?:the\s+)?"
                            r"(?:\d[\d,]*\s+block\s+of\s+)?$")
# A person noun phrase and the prepositional phrase the capitalised words end: "a teenager from Lowmere",
# "a 9-month-old baby in Norland", "a person in the car with Roe" (no verb nor clause between).
_PERSON_OF_PLACE = re.compile(
    r"\b(?P<det>a|an|the|one)\s+(?:[a-z0-9-]+\s+){0,2}?" + _PERSON + r"\s+(?:of|from|in|with|at|near|inside|outside)\s+"
    r"(?:(?!(?:who|which|that|was|were|is|are|has|had|and|but|or)\b)[a-z]+(?<!ed)\s+){0,5}$", re.I)
# The end of a sentence inside a run of capitalised words: "Lowmere Hospital. Roe died" (not "Jr. Roe").
_SENTENCE_IN_NAME = re.compile(r"[a-z]{3}\.\s+")
# The end of a sentence before a name (not an initial or an abbreviation: "U.S. Army", "Jr.").
_SENTENCE_END = re.compile(r"(?:[a-z]{2}|\d)[.!?][\"”’')]?\s+(?=[A-Z\"“‘(])")


def _died_subject(cased: str, m: re.Match) -> tuple[int, int] | None:
    """The span of the subject of a named death (``_NAMED_DIED``), or None for none.

    The capitalised words before "died" are its subject unless a preposition or determiner
    puts them inside a larger phrase. Then the subject is the phrase's head: the name or the
    person whose home they name ("Jane Roe, 25, of Lowmere, died", "a teenager from Lowmere,
    who was killed"), or the name before the apposition they close ("Jane Roe, the secretary
    of State, died"); with none ("two firefighters in Lowmere died"), no one.
    """
    name = m.group("name")
    if name.split()[0].lower() in _NOT_NAMES:
        return None
    start = m.start("name")
    cut = list(_SENTENCE_IN_NAME.finditer(cased, start, m.end("name")))
    if cut:
        return cut[-1].end(), m.end("name")  # the name begins its sentence: "... Hospital. Roe died"
    ends = [e.end() for e in _SENTENCE_END.finditer(cased, max(0, start - 240), start)]
    lo = max(ends[-1] if ends else 0, cased.rfind("\n", 0, start) + 1, start - 240)
    if not _INSIDE_PHRASE.search(cased, max(lo, start - 12), start):
        return m.span("name")
    head = _NAME_OF_PLACE.search(cased, max(lo, start - 120), start)
    if head is not None and head.group("name").split()[0].lower() not in _NOT_NAMES:
        return head.span("name")
    person = _PERSON_OF_PLACE.search(cased, max(lo, start - 80), start)
    if person is not None:
        return person.span("det")
    if not cased.startswith(",", m.end("name")):
        return None  # inside a phrase with no apposition around it
    comma = start
    for _ in range(3):  # the apposition opens at a comma with a name before it: "Jane Roe, 25, a ..., died"
        comma = cased.rfind(",", lo, comma)
        if comma < 0:
            return None
        head = _NAME_BEFORE_COMMA.search(cased, max(lo, comma - 80), comma)
        if head is not None:
            return None if head.group("name").split()[0].lower() in _NOT_NAMES else head.span("name")
    return None


# A headline's object: "shooting kills teen girl", "charged in death of Glen Flora man", "shooting of 17-year-old".
_HEADLINE_OBJECT = re.compile(
    r"\b(?:(?P<killed>kills|killed|death\s+of|murder\s+of|killing\s+of|slaying\s+of)|(?P<shot>shooting\s+of|shoots|injures|wounds))"
    r"\s+(?P<mods>(?:[\w'’.-]+\s+){0,3}?)(?P<head>" + _AGE + r"|" + _PERSON + r")\b(?!-)")
_PLURAL_HEADS = {"men": "man", "women": "woman", "children": "child", "people": "person", "police": "officer"}


# The words one of each pattern's matches must contain, found by a plain scan first (see scan_near).
_OUTCOME_HINT = re.compile(r"\b(?:killed|murdered|slain|dead|deceased|succumbed|died|dies|away|shot|stabbed|wounded"
                           r"|beheaded|decapitated|strangled|death"
                           r"|injured|hurt|hospitali[sz]ed|grazed|arrested|detained|custody|missing|unaccounted)\b")
_DEATH_HINT = re.compile(r"\b(?:died|succumbed|dead|shot|killed|murdered|slain|struck)\b")
_MULTIPLE_HINT = re.compile(r"suicide|\b(?:double|triple|quadruple|quintuple)\b")
_HURT_HINT = re.compile(r"\b(?:wounding|injuring|wounded|injured|shot|shoots|struck|striking)\b")
_OBJECT_HINT = re.compile(r"\b(?:fatally|shot|killed|murdered|shooting|murdering|death|murder|killing|slaying)\b")
_ARREST_HINT = re.compile(r"\b(?:arrest|detain)")
_AGE_APPOSITION_HINT = re.compile(r",\s*(?:\d{1,2},|an?\s)")
_FATAL_HINT = re.compile(r"\b(?:fatal|deadly|death)\b")
_PRONOUN_HINT = re.compile(r"\b(?:him|her|himself|herself)\b")
_GUNSHOT_HINT = re.compile(r"\bgunshot\b")
_LATER_HINT = re.compile(r"\b(?:died|succumbed|dead)\b")
#: An age used as a noun ("17-year-old", "six-month-old"), as a pattern.
AGE = _AGE
#: The harms of a frame, in the order they are looked for.
HARMS = _HARMS
#: The harm frame after a subject: an auxiliary or none, adverbs, the outcome (groups ``aux`` and one per harm).
FRAME_TAIL = re.compile(_AUX + _OUTCOME)


def scan_near(pattern: re.Pattern, text: str, hint: re.Pattern, back: int, ahead: int) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, looked for only in windows around the words ``hint`` finds.

    Every match of ``pattern`` must contain a match of ``hint`` and reach at most ``back``
    characters before its start and ``ahead`` after its end: then the matches are those
    of a scan of the whole text (non-overlapping, leftmost first), found in a fraction of
    the time, as the frames' words are rare in a text.
    """
    windows: list[list[int]] = []
    for h in hint.finditer(text):
        lo, hi = max(0, h.start() - back), h.end() + ahead
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    last = 0
    for lo, hi in windows:
        for m in pattern.finditer(text, max(lo, last), min(hi, len(text))):
            last = m.end()
            yield m


def is_intransitive(outcome: str) -> bool:
    """Whether a frame's outcome reads without an auxiliary ("died", "dead", "passed away")."""
    return _INTRANSITIVE.fullmatch(outcome) is not None


def person_noun(word: str | None) -> str | None:
    """The singular person noun ``word`` names ("women": ``woman``), or None when it names no person."""
    return _person(word)


def _person(word: str | None) -> str | None:
    """The person noun a head word names (singular), or None when it names no person."""
    if not word:
        return None
    w = _PLURAL_HEADS.get(word, word[:-1] if word.endswith("s") and word[:-1] in PERSON_NOUNS else word)
    return w if w in PERSON_NOUNS else None


def implied_counts(text: str, cased: str | None = None) -> list[tuple[int, int, int, str, str, str]]:
    """The counts of people ``text`` names without a number: ``(start, end, count, harm, noun, qualifier)``.

    ``text`` is read lowercased for the noun phrases; ``cased`` (the same text as written, same
    length) for the names and ages in apposition. ``start``/``end`` span the determiner (or the
    words that imply the count), ``harm`` is ``killed``, ``injured`` or ``shot``, ``noun`` the
    singular person noun (``"person"`` for a name or an age used as a noun), ``qualifier``
    ``exact`` or ``at_least`` (a fatal event names no victim: at least one).

    Example:
        >>> [c[:5] for c in implied_counts("a man was fatally shot and a woman and her son were hurt.")]
        [(0, 1, 1, 'killed', 'man'), (27, 28, 2, 'injured', 'woman')]
    """
    cased = text if cased is None or len(cased) != len(text) else cased
    out = [c + ("exact",) for c in _subjects(text)]
    for m in scan_near(_OBJECT, cased, _OBJECT_HINT, 12, 200):
        noun = "person" if m.group("named") else _noun(m)
        if noun:
            out.append((*m.span("named" if m.group("named") else "det"), 1, "killed", noun, "exact"))
    for m in scan_near(_BOTH_OBJECT, text, _OBJECT_HINT, 12, 40):
        noun = _person(m.group("plural"))
        if noun and m.group("plural") != noun:  # a plural noun: "both women"
            out.append((m.start("both"), m.end("both"), 2, "killed", noun, "exact"))
    for m in scan_near(_ARREST_OBJECT, cased, _ARREST_HINT, 5, 200):
        noun = "person" if m.group("named") else _noun(m)
        if noun:
            out.append((*m.span("named" if m.group("named") else "det"), 1, "arrested", noun, "exact"))
    for m in scan_near(_NAMED_DIED, cased, _DEATH_HINT, 160, 130):
        span = _died_subject(cased, m)
        if span is not None:
            out.append((*span, 1, "killed", "person", "exact"))
    for m in scan_near(_NAMED, cased, _AGE_APPOSITION_HINT, 80, 200):
        harm = next(k for k in _HARMS if m.group(k))
        if not m.group("aux") and not _INTRANSITIVE.fullmatch(m.group(harm)):
            continue
        out.append((m.start("name"), m.end("name"), 1, harm, "person", "exact"))
    for m in scan_near(_NAMED_HURT, cased, _SUFFERED_HINT, 120, 60):
        if m.group("name").split()[0].lower() not in _NOT_NAMES:
            out.append((m.start("name"), m.end("name"), 1, "injured", "person", "exact"))
    for m in scan_near(_MULTIPLE, text, _MULTIPLE_HINT, 20, 30):
        if m.group("event"):  # the killer dies too: "a murder-suicide" is two dead, "a double murder-suicide" three
            n, harm = _TIMES.get(m.group("times"), 1) + 1, "killed"
        else:
            n, harm = _TIMES[m.group("times2")], "shot" if m.group("event2") == "shooting" else "killed"
        out.append((m.start(), m.end(), n, harm, "person", "exact"))
    for m in scan_near(_FATAL_EVENT, text, _FATAL_HINT, 12, 60):
        out.append((m.start(), m.end(), 1, "killed", FATAL_EVENT, "at_least"))
    out.extend(c + ("exact",) for c in _another(text))
    out.extend(c + ("exact",) for c in _later_died(text))
    out.extend(c + ("exact",) for c in _pronoun_objects(text))
    out.extend(c + ("exact",) for c in _hurt_objects(text))
    out.extend(c + ("exact",) for c in _headline(text[:headline_end(text)]))
    return sorted(out)


# "a man who was shot in the park died", "an 18-year-old shot himself ... and later died":
# a subject and, later in its sentence, its death.
_SUBJECT = r"(?P<det>\b(?:a|an|the|one))\s+" + _MODS + r"(?:(?P<age>" + _AGE + r")(?:\s+(?P<agehead>" + _PERSON \
    + r"))?|(?P<head>" + _PERSON + r"))\b"
_LATER_DIED = re.compile(
    _SUBJECT + r"(?P<gap>(?:,?\s+(?!(?:and|but)\b)[\w'’-]+){1,16}?)"
    r",?\s+(?:and\s+)?(?:(?:later|also|then|eventually|subsequently|has|had)\s+)?"
    r"(?:died|succumbed|(?:was\s+)?pronounced\s+dead)\b")
# A headline names the harmed without a determiner: "teen killed in crash", "man dies after
# shooting", "gunman shot, killed"; read at the start, after a comma or semicolon, after "and", and after a
# conjunction that begins a clause ("vigil held after teen found fatally shot").
_HEADLINE = re.compile(
    r"(?:^|[,;:|]\s*|\s[-–—]\s+|\b(?:and|after|as|when)\s+)(?P<mods>(?:[\w'’.-]+\s+){0,3}?)"
    r"(?P<head>" + _AGE + r"|[a-z]+)"
    r"(?:,\s*\d{1,2},)?\s+(?:(?:is|was)\s+)?(?:found\s+)?(?:(?!fatally)[a-z]+ly\s+)?"
    r"(?:(?P<killed>(?:shot,?\s+(?:and\s+)?)?killed|dies|died|dead|fatally\s+(?:shot|wounded)|shot\s+dead"
    r"|shot\s+to\s+death|slain|gunned\s+down|murdered)|(?P<injured>wounded|injured|hurt|hospitali[sz]ed)"
    r"|(?P<shot>" + _SHOT + r"))\b")


# One person harmed, named by a pronoun object: "shot and killed him", "shot himself in the leg".
_PRONOUN_OBJECT = re.compile(
    r"\b(?:(?P<killed>shot\s+and\s+killed|(?:shooting\s+and\s+)?killing|fatally\s+(?:shot|wounded|shooting)|killed"
    r"|murdered|murdering)|(?P<injured>wounded|injured)"
    r"|(?P<shot>shot))\s+(?P<obj>him|her|himself|herself)\b(?P<dead>\s+(?:dead|to\s+death))?")


def _pronoun_objects(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts of one from a harm verb's pronoun object ("shot him", "killed herself")."""
    for m in scan_near(_PRONOUN_OBJECT, text, _PRONOUN_HINT, 60, 30):
        harm = "killed" if m.group("dead") else next(k for k in BODILY_HARMS if m.group(k))
        yield m.start("obj"), m.end("obj"), 1, harm, "person"


# One person hurt, the object of a non-fatal harm verb or the subject of a gunshot wound: "critically
# wounding a boy", "shot an 11-year-old boy in the cheek", "a teen suffered a gunshot wound" (an agent,
# "wounded by a man", is who harmed, not who was harmed).
_HURT_OBJECT = re.compile(
    r"\b(?:(?P<injured>(?:critically\s+|seriously\s+)?(?:wounding|injuring|wounded|injured))|(?P<shot>shot|shoots|struck"
    r"|striking))\s+(?!by\b)(?:(?:an?|the|his|her|their)\s+)?" + _MODS + r"(?P<head>" + _AGE + r"(?:\s+" + _PERSON + r")?|"
    + _PERSON + r")\b(?!-)")
_GUNSHOT_WOUND = re.compile(
    _SUBJECT + r"(?:,[^,.;]{1,40},)?\s+(?:(?:also|later)\s+)?(?:suffered|sustained|received)\s+(?:(?:a|an|multiple|several"
    r"|two|three|one)\s+)?(?:[a-z-]+\s+)?gunshot\s+wounds?\b")


# "a man suffered non-life-threatening injuries", "the girl sustained a wound to her leg": one hurt.
_INJURIES = re.compile(
    _SUBJECT + r"(?:,[^,.;]{1,40},)?\s+(?:who\s+)?(?:(?:also|later)\s+)?(?:suffered|sustained|received)\s+"
    r"(?:(?:an?|multiple|several|minor|serious|critical|severe|non-?life[- ]threatening|life[- ]threatening|what\s+"
    r"(?:police|officials|authorities)\s+(?:said|called|described\s+as)\s+)\s*){0,3}(?:injur(?:y|ies)|wounds?)\b")
_INJURIES_HINT = re.compile(r"\b(?:injur(?:y|ies)|wounds?)\b")
_SUFFERED_HINT = re.compile(r"\b(?:suffered|sustained|received)\b")
# A name with its age in apposition that suffered a wound: "Jane Roe, 19, sustained a gunshot wound".
_NAMED_HURT = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:[A-Z][a-z'-]+)?(?:\s+(?:[A-Z]\.|[A-Z][a-z'.-]+(?:[A-Z][a-z'-]+)?)){1,3}),\s*\d{1,2},\s+(?:who\s+)?(?:(?:also|later)\s+)?"
    r"(?:suffered|sustained|received)\s+(?:[\w-]+\s+){0,4}?(?:injur(?:y|ies)|wounds?)\b")


def _hurt_objects(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts of one from a non-fatal harm verb's object or a subject's gunshot wound."""
    for m in scan_near(_HURT_OBJECT, text, _HURT_HINT, 20, 240):
        if re.search(r"\bfatally\s+$", text[max(0, m.start() - 12):m.start()]):
            continue  # "fatally wounding the suspect": a death, read by the object frame
        harm = "injured" if m.group("injured") else "shot"
        yield m.start("head"), m.end("head"), 1, harm, "person"
    for m in scan_near(_INJURIES, text, _INJURIES_HINT, 320, 5):
        noun = _noun(m)
        if noun is not None:
            yield m.start("det"), m.end("det"), 1, "injured", noun
    for m in scan_near(_GUNSHOT_WOUND, text, _GUNSHOT_HINT, 320, 20):
        noun = _noun(m)
        if noun is not None:
            yield m.start("det"), m.end("det"), 1, "shot", noun


# "another" with its noun left out: "one teen killed, another wounded", "and another was hurt".
_ANOTHER = re.compile(r"\banother(?:\s+(?P<aux>was|is|has\s+been|had\s+been))?\s+(?:(?:critically|seriously|also)\s+)?"
                      r"(?:(?P<killed>killed|died|dead|fatally\s+shot)|(?P<injured>wounded|injured|hurt|hospitali[sz]ed)"
                      r"|(?P<shot>shot))\b(?!\s+(?:at|back|up|down|in\s+the\s+air))")
_ANOTHER_HINT = re.compile(r"\banother\b")


def _another(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts of one from "another" standing for a harmed person ("two were killed and another wounded")."""
    for m in scan_near(_ANOTHER, text, _ANOTHER_HINT, 0, 60):
        harm = next(k for k in BODILY_HARMS if m.group(k))
        if harm == "shot" and not m.group("aux"):
            continue  # "another shot rang out": a noun
        yield m.start(), m.start() + len("another"), 1, harm, "person"


def headline_end(text: str) -> int:
    """Where a headline at the start of ``text`` ends: its first line, if that reads as one (else 0).

    A headline is a first line of at most 25 words with no final full stop.
    """
    line = text.split("\n", 1)[0].rstrip()
    if not line or line[-1] in ".!?\"”’'" or len(line.split()) > 25:
        return 0
    return len(line)


def _later_died(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts of one from a subject whose death its sentence reports later ("a man, shot twice, died")."""
    for m in scan_near(_LATER_DIED, text, _LATER_HINT, 700, 20):
        if re.search(r"[.;:!?]", m.group("gap")):
            continue
        noun = _noun(m)
        if noun is not None:
            yield m.start("det"), m.end("det"), 1, "killed", noun


def _headline(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts of one from a headline's bare noun phrases ("17-year-old killed, 3 hurt", "shooting kills teen")."""
    for m in (*_HEADLINE.finditer(text), *_HEADLINE_OBJECT.finditer(text)):
        head = m.group("head")
        noun = "person" if re.fullmatch(_AGE, head) else _person(head)
        if noun is None or noun != head and not re.fullmatch(_AGE, head):
            continue  # no person, or a plural ("teens"): a count the numbers give
        harm = next(k for k in BODILY_HARMS if m.groupdict().get(k))
        yield m.start("head"), m.end("head"), 1, harm, noun


def _noun(m: re.Match) -> str | None:
    """The singular person noun heading the matched phrase ("a young man": man), or None.

    Besides the person nouns, a singular agent noun by its form names a person ("a hunter", "a
    cashier", "a pharmacist", "a librarian"), unless it is one of the common nouns of that
    form that name things ("a number", "the border", "a motor").
    """
    head = m.group("agehead") if m.group("age") else m.group("head")
    if head and head not in PERSON_NOUNS and (m.group("head") or _person(head)) and not (agent_noun(head) and singular(head) == head):
        return None  # a plural or no person: "the four people", "a car"
    return head or "person"




# What says a death came of harm: "died at the hospital", "died at the scene", "died from his injuries".
_DIED_OF_HARM = re.compile(r"\s+(?:(?:later|shortly|soon)\s+)?(?:at|from|of|in)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?"
                           r"(?:[a-z]+\s+)?(?:hospital|scene|injur|wound|gunshot)")


# The death of a subject told after a reduced relative of harm, in its clause.
_DIED_LATER = re.compile(r"[^.;!?]{0,120}?\b(?:died|dies|has\s+died|succumbed|(?:was\s+)?pronounced\s+dead)\b")


# A person added to a count said before: "an additional soldier died", "a further man was wounded", "one more
# victim died": a change of that count (``increased``, as :mod:`.change` keys one), not a count of its own.
_INCREMENT = {"a": re.compile(r"\s+(?:additional|further)\b"), "an": re.compile(r"\s+additional\b"),
              "one": re.compile(r"\s+more\b")}


# A harm verb right before a possessive: what follows is its object, not a subject.
_OBJECT_BEFORE = re.compile(r"\b(?:shot|shooting|killed|killing|murdered|murdering|wounded|wounding|injured|injuring"
                            r"|stabbed|stabbing|struck|striking|hit|hitting|attacked|attacking)\s+$")


def _subjects(text: str) -> Iterator[tuple[int, int, int, str, str]]:
    """Counts from harmed subjects: "a man was fatally shot", "both men died", "she died"."""
    frames = scan_near(_FRAME, text, _OUTCOME_HINT, 260, 25)
    relatives = (m for m in scan_near(_REL_FRAME, text, _REL_HINT, 130, 40) if not _OUTCOME_HINT.search(m.group("rel")))
    for m in (*frames, *relatives):
        harm = next(k for k in _HARMS if m.group(k))
        if not m.group("aux") and not _INTRANSITIVE.fullmatch(m.group(harm)):
            if m.groupdict().get("pron") or not _REDUCED_PASSIVE.match(text, m.end()):
                continue
            if harm != "killed" and _DIED_LATER.match(text, m.end()):
                continue  # "the man injured in a shooting last week died": a modifier of one who died

        if m.groupdict().get("pron"):
            # "he was shot": one person harmed; "she died" alone may be a natural death, but
            # not "she later died at the hospital".
            if m.group("aux") or harm == "killed" and _DIED_OF_HARM.match(text, m.end()) \
                    or harm == "killed" and m.group("killed") == "succumbed" \
                    or harm == "killed" and re.search(r"\b(?:later|eventually|subsequently)\s+$", text[m.start():m.start("killed")]):
                yield m.start("pron"), m.end("pron"), 1, harm, "person"
            continue
        if m.groupdict().get("both"):
            noun = _person(m.group("plural"))
            if noun and m.group("plural") != noun:  # a plural noun: "both men", "a couple of teens"
                yield m.start("both"), m.end("both"), 2, harm, noun
            continue
        noun = _noun(m)
        if noun is None or _OBJECT_BEFORE.search(text, max(0, m.start() - 24), m.start()) \
                and m.group("det") in ("his", "her", "their"):
            continue  # "a man who shot his wife was arrested": the wife is an object, not the subject
        second = _person(m.group("head2")) if m.group("head2") else None
        if m.group("head2") and (second is None or not m.group("det2") and second != m.group("head2")):
            continue  # "a man and a car", or a bare plural ("a man and teens")
        increment = m.group("det") in _INCREMENT and _INCREMENT[m.group("det")].match(text, m.end("det"))
        yield m.start("det"), m.end("det"), 2 if second else 1, "increased" if increment else harm, noun
