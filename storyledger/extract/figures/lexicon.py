"""Word lists behind figure extraction: predicate classes, people and measure nouns, hedges.

Shared by :mod:`storyledger.extract.figures.figures` and its helper modules; see the module
doc of :mod:`storyledger.extract.figures.figures` for how each list is used.
"""

from __future__ import annotations

import re

__all__ = [
    "BODILY_HARMS",
    "FLEEING_WORDS",
    "IRREGULAR",
    "MEASURE_WORDS",
    "PEOPLE_PREDS",
    "PEOPLE_WORDS",
    "PRED_OF",
    "PRONOUNS",
    "QUAL_PHRASES",
    "ROLES",
    "STOP",
    "agent_noun",
    "lexicon_hits",
    "not_a_noun",
    "qual_before",
    "role_of",
    "singular",
]


_PRED_CLASSES: dict[str, tuple[str, ...]] = {
    "killed": (
        "killed", "kills", "kill", "killing", "dead", "died", "die", "dies", "dying", "death",
        "deaths", "death toll", "toll", "fatalities", "murdered", "slain", "slaughtered",
        "perished", "lost their lives", "executed", "massacred", "shot dead", "bodies",
        "martyrs", "martyred", "claimed the lives of", "took the lives of", "cost the lives of",
        "taken the lives of", "claimed lives of", "took lives of", "cost lives of", "shot to death", "fatally shot",
        "shot and killed", "murdering", "deceased", "succumbed", "beheaded", "decapitated", "strangled",
        "stabbed to death", "beaten to death", "burned to death", "hacked to death",
    ),
    "injured": ("injured", "injuring", "injuries", "wounded", "wounding", "hurt", "maimed", "injures", "wounds",
                "shot and wounded", "shot and injured", "hospitalized", "hospitalised"),
    "fled": (
        "fled", "flee", "fleeing", "flees", "escaped", "left", "displaced", "uprooted", "exodus",
        "crossed", "crossing", "arrived", "arriving", "entered", "entering",
    ),
    "missing": ("missing", "disappeared", "unaccounted for", "unaccounted"),
    "arrested": ("arrested", "detained", "jailed", "imprisoned", "captured", "held", "arrests", "detaining", "arresting"),
    "kidnapped": ("kidnapped", "abducted", "taken hostage", "hostages", "seized"),
    "shot": ("shot", "shoots", "gunned down"),
    "rescued": ("rescued", "saved", "pulled alive"),
    "evacuated": ("evacuated", "evacuating"),
    "released": ("released", "freed"),
    "delivered": ("delivered", "shipped", "distributed", "supplied", "sent", "provided", "airlifted"),
    "pledged": ("pledged", "donated", "promised", "allocated", "committed", "granted", "appeal", "appealed"),
}
PRED_OF = {w: c for c, ws in _PRED_CLASSES.items() for w in ws}
# The harms done to a body: what a casualty count counts, and what a clause can leave unasserted.
BODILY_HARMS = ("killed", "injured", "shot")
# Casualty and displacement predicates count people when no noun is given.
PEOPLE_PREDS = {"killed", "injured", "shot", "fled", "missing", "arrested", "kidnapped", "rescued", "evacuated", "released"}
_PRED_MULTI = {tuple(w.split()): w for w in PRED_OF if " " in w}
# Hyphenated compounds are one word: "rebel-held" is not "held".
_LOWER_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")


# A particle after a verb makes another verb ("held up" is delayed, not detained; "shot down",
# "died down"): a one-word entry followed by one is no hit (multi-word entries are read first).
_PARTICLES = frozenset({"up", "back", "off", "down"})


def lexicon_hits(clause: str) -> list[str]:
    """Predicate lexicon entries in ``clause``, in order (multi-word ones first; none of a phrasal verb).

    Example:
        >>> lexicon_hits("hundreds of cars are held up on the road"), lexicon_hits("were held by police")
        ([], ['held'])
    """
    words = _LOWER_WORD_RE.findall(clause.lower())
    hits = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2):
            phrase = _PRED_MULTI.get(tuple(words[i:i + n]))
            if phrase:
                hits.append(phrase)
                i += n
                break
        else:
            if words[i] in PRED_OF and (i + 1 == len(words) or words[i + 1] not in _PARTICLES):
                hits.append(words[i])
            i += 1
    return hits


PEOPLE_WORDS = {
    "people", "persons", "person", "civilians", "civilian", "individuals", "individual", "residents",
    "inhabitants", "villagers", "refugees", "refugee", "migrants", "evacuees", "displaced",
    "victims", "others", "citizens", "nationals", "people's", "souls", "lives", "bodies", "martyrs",
    "dead", "casualties", "fatalities", "deaths",
}
# Who was counted: the nouns that name a role, by role. A figure's unit class is its role
# ("killed:suspect" for "the gunman was also killed", "injured:police" for "two officers were
# wounded"), so a story reports the victims apart from the attackers and the police. Other
# person nouns keep their own class; the generic words for people are ``people``.
ROLES: dict[str, tuple[str, ...]] = {
    "suspect": ("suspect", "gunman", "gunmen", "shooter", "attacker", "assailant", "robber", "intruder",
                "killer", "perpetrator", "bomber", "hijacker", "carjacker", "burglar", "sniper"),
    "police": ("police", "officer", "policeman", "policemen", "policewoman", "policewomen", "deputy",
               "trooper", "constable", "sergeant", "patrolman", "patrolmen", "cop", "lawman", "lawmen"),
    "soldier": ("soldier", "troop", "serviceman", "servicemen", "servicemember", "serviceperson"),
    "child": ("child", "boy", "girl", "baby", "infant", "toddler", "kid", "newborn"),
}
_ROLE_OF_NOUN = {w: r for r, ws in ROLES.items() for w in ws}


def role_of(noun: str | None) -> str | None:
    """The role a singular person noun or unit class names ("gunman": ``suspect``), or ``None``.

    Example:
        >>> role_of("gunman"), role_of("officer"), role_of("woman")
        ('suspect', 'police', None)
    """
    return _ROLE_OF_NOUN.get((noun or "").lower())


FLEEING_WORDS = {"refugees", "refugee", "displaced", "evacuees", "asylum-seekers", "asylum"}
IRREGULAR = {
    "children": "child", "women": "woman", "men": "man", "people": "people", "police": "police",
    "personnel": "personnel", "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "data": "data", "series": "series", "news": "news", "species": "species",
}
MEASURE_WORDS = {
    "tonnes", "tons", "tonne", "ton", "kilograms", "kilos", "kg", "grams", "pounds", "lbs", "litres",
    "liters", "gallons", "barrels", "bags", "sacks", "boxes", "cases", "crates", "truckloads",
    "trucks", "cubic", "metres", "meters", "pieces", "units", "doses", "packages", "parcels",
    "cartons", "bottles", "loads", "shipments", "rounds", "hectares", "acres", "square",
}
STOP = frozenset(
    """the a an and or but nor of in on at to for from by with as that which who whom whose where when
    were was are is be been being have has had having will would could should can may might must shall do
    does did not no than then per since after before during while into onto across over under between among
    including include includes said says say told according this these those their its his her our your my
    each every all both either neither some any many much more most less least few several such there here
    also only just still even about around almost nearly up down out off so if because though although
    until till via whether yet again ago back last next first second third new old other another own same
    it they we he she you i them us him me what how why also too very per cent percent""".split()
)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "one"}

QUAL_PHRASES: dict[str, str] = {}
for _kind, _phrases in {
    "at_least": "at least|no fewer than|no less than|not fewer than|not less than|a minimum of|minimum of|≥",
    "at_most": "at most|up to|no more than|not more than|as many as|as much as|a maximum of|maximum of"
               "|at the most|≤",
    "more_than": "more than|over|upwards of|upward of|in excess of|above|exceeding|greater than|beyond|>"
                 "|well over|just over|slightly over|far over|well above|just above|slightly above"
                 "|well more than|slightly more than|just more than|much more than|far more than",
    "less_than": "fewer than|less than|under|below|<|just under|slightly under|well under|just below"
                 "|slightly below|well below|slightly less than|just less than|just fewer than",
    "about": "about|approximately|approx|approx.|around|roughly|nearly|almost|close to|some|an estimated"
             "|estimated|circa|ca.|approaching|in the region of|the best part of|~|≈|just about|around about",
}.items():
    for _p in _phrases.split("|"):
        QUAL_PHRASES[_p] = _kind
_TAIL_TOKEN_RE = re.compile(r"\S+")


def qual_before(before: str) -> tuple[str | None, int]:
    """(qualifier, offset in ``before`` where it starts) of the words ending ``before``."""
    tail_start = max(0, len(before) - 40)
    toks = [(m.start(), m.group(0)) for m in _TAIL_TOKEN_RE.finditer(before, tail_start)]
    if not before[-1:].isspace() and toks and toks[-1][1][-1:] in "~≈><≥≤":
        # "~5", ">100": the symbol is glued to the number.
        sym = toks[-1][1][-1]
        return QUAL_PHRASES.get(sym), len(before) - 1
    if len(toks) > 1 and toks[-1][1].lower() in ("a", "an") and not before[-1:].isalnum():
        toks = toks[:-1]  # "more than a 1,000 people"
    for k in (4, 3, 2, 1):
        if len(toks) < k:
            continue
        words = [t for _, t in toks[-k:]]
        words[0] = words[0].lstrip("([\"'“‘")
        phrase = " ".join(words).lower()
        kind = QUAL_PHRASES.get(phrase)
        if kind:
            start = toks[-k][0] + (len(toks[-k][1]) - len(words[0]))
            return kind, start
    return None, len(before)


def singular(word: str) -> str:
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


# Words read where a counted noun stands that are no noun: the verb or adverb of the count's own clause.
_NOT_NOUNS = frozenset("""was were is are be been being remain remains remained stay stays stayed gather gathered found
    inside outside indoors outdoors nearby later also still each apiece""".split())


def not_a_noun(unit: str) -> bool:
    """Whether the unit read after a count is a verb or an adverb, not what is counted ("critically", "remain")."""
    w = unit.split()[-1].lower()
    return w in _NOT_NOUNS or w in STOP or (w.endswith("ly") and len(w) > 4 and w not in ("family", "ally")) \
        or (w in PRED_OF and not w.endswith("s"))


# Agent nouns by their form ("hunter", "professor", "pharmacist", "guardian"), and the words of that form
# that name no one: function words and common nouns of things.
_AGENT_RE = re.compile(r"[a-z]{3,}(?:er|or|ist|ian)s?")
_NOT_AGENTS = frozenset("""other another either neither whether together after never ever over under later former
    latter rather younger older father's number corner center centre matter water paper letter order murder border
    error factor sector floor door color colour motor rumor rumour terror horror honor honour labor labour mirror
    anchor manor tractor trailer computer shelter quarter chapter theater theatre power tower river winter summer
    dinner weather meter liter litre barrier charter cluster container counter cover filter finger folder gutter
    ladder leather lever monster poster register remainder shower silver sticker sweater thunder timber transfer
    trigger waiver wonder""".split())


def agent_noun(word: str) -> bool:
    """Whether ``word`` (lower case, singular or plural) is an agent noun by its form, not a noun of a thing.

    Example:
        >>> agent_noun("hunters"), agent_noun("pharmacist"), agent_noun("number"), agent_noun("orders")
        (True, True, False, False)
    """
    return _AGENT_RE.fullmatch(word) is not None and word not in _NOT_AGENTS and singular(word) not in _NOT_AGENTS
