"""Numbers that are not figures: step 1 of :mod:`storyledger.extract.figures.figures`.

Years, clock times, ages (also after "at" beside a death or a stage of life: "dead at
84"), ordinals, phone numbers, scores, labels and model numbers, number words in a
proper name ("near Six Flags"), tallies of two sides ("a 6-3 majority", "voted 50-49"), pairs with a
slash ("24/7") and chains of three numbers ("9-26-16"), "one" said of a member of a counted group ("was one of
13 killed"), page furniture and fraction words used as ordinals, plus the unit
patterns (percent, units written against the number) those checks share
with the extractor.
"""

from __future__ import annotations

import re

from .implied import person_noun
from .lexicon import IRREGULAR, PEOPLE_WORDS, PRED_OF, QUAL_PHRASES, STOP, qual_before, singular
from ...text import SIGN_BEFORE_RE, NumberMatch, letter_sign_before

__all__ = [
    "ATTACHED_UNIT_RE",
    "PERCENT_RE",
    "PHONE_RE",
    "SCORE_RE",
    "call_number_spans",
    "is_year",
    "not_a_figure",
]


PERCENT_RE = re.compile(
    r"^\s*(?:(?P<pct>%|per\s*cent\b|percent\b|pc\b|pct\b)|(?P<pp>percentage\s+points?\b|points?\s+percent)|(?P<bp>basis\s+points?\b|bps\b))",
    re.I,
)
# A unit written against a number: the common abbreviations, any unit of the SI grammar (a prefix
# before a base symbol, with an optional "/s" or "ps" rate: "4,500mAh", "100Mbps", "2.4GHz", "7nm",
# "30kV"; a single-letter base only with its prefix, amperes, volts, joules and litres only with a
# lowercase one, so that "10TV" stays a name), a degree as transliterated copy writes it
# ("104degF", "1.19deg C"), inches, cents and a multiplier in their short forms ("6.5in", "12.5c", "3x").
_SI_UNIT = r"(?:(?:[kMGT]|m|µ|n)(?:Wh|W|Hz|Ah|B|b|Pa|g|m|t)|[kmµn](?:A|V|J|L)|Wh|Hz|Ah|Pa)(?:ps|/s)?|bps"
ATTACHED_UNIT_RE = re.compile(
    r"^(?P<u>(?i:km|kms|kg|kgs|mg|gb|mb|tb|kb|mph|kph|km/h|mm|cm|ft|lb|lbs|oz|mw|gw|kw|kwh|mwh|gwh|hp|"
    r"sq\s?km|ml|bn|ha|mi|yd|yds|hrs|min|mins|sec|secs|ms|ghz|mhz|mp|bhp)|[gmpltVWcx]|in|deg(?:\s?[CF])?|"
    + _SI_UNIT + r")\b",
)
_TIME_AFTER_RE = re.compile(r"^(?::\d\d|\.\d\d\s*(?:a\.?m\.?|p\.?m\.?)|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|EDT\b|PST\b|hrs\b|hours\s+GMT|o'clock\b))", re.I)
_TIME_BEFORE_RE = re.compile(r"(?:\d[:.]|\bat\s+|\bby\s+|\buntil\s+|\bfrom\s+)$", re.I)
_AGE_AFTER_RE = re.compile(r"^(?:[\s-]*(?:years?|yrs?|months?|weeks?)[\s-]*old\b|[\s-]*year[\s-]*olds?\b|\s*,?\s*(?:years?\s+of\s+age)\b|[\s-]*y/?o\b)", re.I)
_AGE_BEFORE_RE = re.compile(
    r"(?:\baged|\bage|\bages|\bages?\s+of|\baged\s+between|\baged\s+from|\bbetween\s+the\s+ages\s+of"
    r"|\b(?:in\s+)?ages?\s+(?:from|between|rang(?:e|ed|ing)\s+from)|\branged\s+in\s+age\s+from"
    r"|\b(?:younger|older)\s+than)\s*(?:\d{1,3}\s*(?:to|and|-|–|,)\s*){0,3}$", re.I
)
# The last of a list of ages that "years old" closes: "three women, 35, 46 and 54 years old".
_AGES_OLD_AFTER_RE = re.compile(r"(?:\s*(?:,|and|&|to|-|–)\s*\d{1,3})+\s*(?:years?|yrs?)(?:[\s-]+old|\s+of\s+age)\b",
                                re.I)
# An age told by its decade: "a woman in her 20's", "a man in his early 30s".
_DECADE_AGE_BEFORE_RE = re.compile(r"\bin\s+(?:his|her|their)\s+(?:(?:early|mid|late)[\s-]+)?$", re.I)
_DECADE_AGE_AFTER_RE = re.compile(r"['’]?s\b")
_ORDINAL_AFTER_RE = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
PHONE_RE = re.compile(
    r"(?=[+(\d])(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}|\(\d{2,5}\)\s?\d{3,4}[\s.-]?\d{3,4}"
    r"|(?<![\d.,-])\d{3}[.-]\d{3}[.-]\d{4}(?![\d-])|(?<![\w.,-])\d{3}-\d{4}(?![\w-]))"
)
# Digits in groups ("555 0123", "800 555 0199") after a word that asks to call are a phone number.
_DIGIT_GROUPS_RE = re.compile(r"\d{2,5}(?:[\s.-]\d{2,5}){1,3}(?![\d,])")
_CALL_CUE_RE = re.compile(r"\b(?:call|dial|phone|telephone|tel|hotline|tip\s*line|fax|text|whatsapp)\b[\s:.]*"
                          r"(?:at\s+|on\s+)?$", re.I)


def call_number_spans(text: str) -> list[tuple[int, int]]:
    """The spans of groups of digits that follow a word asking to call ("call 555 0123"): phone numbers.

    Example:
        >>> t = "Anyone with information should call 555 0123."
        >>> [t[s:e] for s, e in call_number_spans(t)]
        ['555 0123']
    """
    return [m.span() for m in _DIGIT_GROUPS_RE.finditer(text)
            if _CALL_CUE_RE.search(text, max(0, m.start() - 30), m.start())]
SCORE_RE = re.compile(r"\b(?:won|lost|beat|beating|drew|draw|ended|finished|trail(?:ed|ing)?|led|lead|leading|win|victory|defeat|loss|score|scoreline)\b", re.I)
_LABEL_WORDS = frozenset(
    """no nos number vol page pp p section chapter article art row room route flight level phase stage round
    game week day part act rule resolution paragraph item line gate platform highway interstate unit ward
    district block building apartment apt suite lot box channel episode season series volume issue version
    model type class category grade # №""".split()
)


def _is_label_before(before: str) -> bool:
    tail = before[-16:].rstrip()
    if tail.endswith(("#", "№")):
        return True
    parts = tail.rsplit(None, 1)
    if not parts:
        return False
    w = parts[-1].rstrip(".").lower()
    if w not in _LABEL_WORDS:
        return False
    # Lowercase "day", "week", "game", "round", "line" also count things ("day 3" is a
    # label but "a 10 day" is not reached here): take lowercase ones only after "the"/"in".
    return parts[-1][0].isupper() or w in ("no", "nos", "pp", "p", "vol", "number")


# A street address: a house or block number ("the 9200 block of", "1500 North Main Street").
_ADDRESS_AFTER_RE = re.compile(
    r"(?:\s+|-)(?:(?i:(block\s+of|block\b))\b|(?:(?:North|South|East|West|[NSEW]|NE|NW|SE|SW)\.?\s+)?[A-Z][\w'.-]*\s+"
    r"(?:[A-Z][\w'.-]*\s+)?(?i:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl"
    r"|way|parkway|pkwy|highway|hwy|circle|terrace|trail)\b|(?:Street|Avenue|Road|Boulevard|Drive|Lane|Highway)\b)")
_CAP_WORD_BEFORE_RE = re.compile(r"(?:^|[\s(])(?P<w>[A-Z][\w'’&.-]*|[a-z]+[A-Z][\w-]*)\s$")


def is_year(n: NumberMatch, text: str) -> bool:
    if n.kind != "digits" or n.scaled or n.value != int(n.value) or not (1800 <= n.value <= 2099):
        return False
    if not re.fullmatch(r"\d{4}", text[n.start:n.end]):
        return False
    after = text[n.end:n.end + 30]
    if re.match(r"\s*(?:%|per\s*cent|percent)", after, re.I):
        return False
    m = re.match(r"\s+(?:[a-z][\w-]*\s+){0,2}?([a-z][\w-]*)", after)
    if m and (m.group(1).endswith("s") or m.group(1) in PEOPLE_WORDS or m.group(1) in IRREGULAR) \
            and m.group(1) not in STOP and not re.match(r"\s+(?:was|is|has|saw|s)\b", after):
        return False
    before = text[max(0, n.start - 25):n.start]
    if qual_before(before)[0] or SIGN_BEFORE_RE.search(before):
        return False
    return True


# Page furniture: a count of comments or shares that no sentence goes on from ("12 comments", "Share 40
# Shares", "5 min read"; "bought 200,000 shares at $4.50" is a sentence's quantity); a pager of a gallery or
# a slide show ("1 / 12 Back to Gallery", "3 of 3 Last Video"); a reference mark ("[12]").
_FURNITURE_AFTER_RE = re.compile(
    r"\s*(?:comments?|shares?|views?|likes?|retweets?|replies|reads|min(?:ute)?s?\s+read)\b"
    r"(?!,?[ \t]+(?-i:[a-z]))"
    r"|\s+/\s+\d{1,3}(?:\s+(?-i:[A-Z])|\s*$)|\s+of\s+\d{1,3}\s+(?:last|next|prev(?:ious)?)\b|\](?:\[|\s|$)",
    re.I,
)
_FURNITURE_BEFORE_RE = re.compile(
    r"(?:\b(?:comments?|shares?|views?|likes?|photo|image|picture|slide|page|print|email)\s*[:#(]?\s*(?:\d+\s+of\s+)?"
    r"|(?<![\d/])\d{1,3}\s+/\s+|\](?<=\w\])\[|\w\.?\[)$",
    re.I,
)
# A capitalised word glued to digits by a hyphen makes a name of them ("a 7-Eleven store", "a 4-H club").
_GLUED_NAME_AFTER_RE = re.compile(r"-[A-Z][a-z]*\b(?!-(?:[Yy]ear|[Mm]onth|[Ww]eek|[Dd]ay)s?\b)")
# A number that names a unit of a building or a lot: "apartment 38", "Apt. 4", "room 112".
_UNIT_BEFORE_RE = re.compile(r"\b(?:apartment|apt\.?|unit|room|suite|lot|cell|bed)\s*#?\s*$", re.I)


def _counted_noun_follows(after: str) -> bool:
    """Whether the words after a number start with a plural noun, "people" or a scale."""
    m = re.match(r"\s*(%|per\s*cent|percent|[a-z][\w-]*)", after)
    if not m:
        return False
    w = m.group(1)
    return w in ("%", "people", "million", "billion") or w.startswith(("per", "percent")) and w != "per" \
        or (w.endswith("s") and w not in STOP and not w.endswith("ss") and len(w) > 3)


# A year and the dash or slash of a span of years whose end is written with two digits ("2019-20").
_YEAR_SPAN_BEFORE_RE = re.compile(r"(?<!\d)(?:18|19|20)\d\d[-–/]$")
# An emergency number before what it names: "a 911 call", "999 operators", "the 911 dispatcher".
_EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})
_EMERGENCY_AFTER_RE = re.compile(r"\s+(?:calls?|callers?|dispatch(?:ers?)?|operators?|cent(?:er|re)s?|emergency|line|tapes?"
                                 r"|recordings?|system|hang-?ups?|report)\b", re.I)
# A number dialled or texted: "call 911", "dialled 999".
_DIALLED_RE = re.compile(r"\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|text(?:ed|ing)?)\s+$", re.I)


def not_a_figure(n: NumberMatch, text: str, sent_start: int) -> bool:
    """Whether number ``n`` is a time, age, ordinal, label, score or other number that is no figure."""
    s, e = n.start, n.end
    before = text[max(sent_start, s - 40):s]
    after = text[e:e + 40]
    surface = text[s:e]
    if n.kind == "digits" and _is_glued_or_time(n, before, after, surface):
        return True
    if n.kind == "digits" and _YEAR_SPAN_BEFORE_RE.search(before) and re.fullmatch(r"\d\d", surface):
        return True  # "the 2019-20 season", "fiscal 2021/22": the end of a span of years
    if n.kind in ("digits", "words") and _is_age(n, before, after):
        return True
    if n.kind == "words" and re.match(r"-(?:years?|months?|weeks?|days?|hours?|minutes?)\b(?!-old)", after, re.I):
        return True
    if n.kind == "digits" and (_FURNITURE_AFTER_RE.match(after) or _FURNITURE_BEFORE_RE.search(before)):
        return True  # "12 comments", "5 min read", "Photo 3 of 12", "Shares: 40", "1 / 12", "[12]"
    if n.kind == "digits" and _UNIT_BEFORE_RE.search(before):
        return True  # "found dead inside apartment 38"
    if n.kind == "words" and before.endswith("-") and before[-2:-1].isdigit() \
            or n.kind == "digits" and _GLUED_NAME_AFTER_RE.match(after):
        return True  # "a 7-Eleven store": a name glued to a number
    if n.kind == "digits" and _is_label_or_score(n, before, after):
        return True
    if n.kind == "digits" and _is_tally_pair(n, before, after, surface):
        return True  # "a 6-3 majority", "voted 50-49", "won 105-92": the tally of two sides
    if n.kind == "digits" and (_is_slash_pair(before, after, surface) or _in_chain(before, after)):
        return True  # "24/7", "50/50": a pair written with a slash (a date or a fraction is read as one before);
        # "9-26-16", "713-222-8477": one of a chain of three numbers, a date or a phone number
    if n.kind == "digits" and (m := _ADDRESS_AFTER_RE.match(after)) and (m.group(1) or e - s >= 2):
        return True  # "the 9200 block of South Ada Street", "1500 North Main Street": an address
    if n.kind == "fraction" and re.fullmatch(r"\d+\s+in\s+(?:18|19|20)\d\d", surface):
        return True  # "at Club 18 in 2009": a number and a year, no ratio
    if n.kind == "digits" and _DIALLED_RE.search(before) and not _counted_noun_follows(after):
        return True  # "tried to call 911", "dial 999": a number dialled
    if n.kind == "digits" and surface in _EMERGENCY_NUMBERS and _EMERGENCY_AFTER_RE.match(after):
        return True  # "responded to a 911 call": the number names the line, it counts no calls
    if n.kind == "fraction" and "/" not in surface and not re.search(r"\s(?:in|of)\s", surface):
        return _is_ordinal_fraction(surface, before, after)
    if n.kind == "words" and surface[:1].isupper() and (_is_name_word(before, after) or _ends_name(before, after)):
        return True  # "near Six Flags", "Three Rivers' mayor", "the Xbox One": a number word in a proper name
    if n.kind == "words" and surface.lower() == "one":
        return _is_not_a_count_one(before, after)
    return False


# A capitalised word after a number word: the pair is a name mid-sentence ("near Six Flags"; title-case
# lines are read lowercased), and at a sentence's start where the word is a possessive ("Three Feathers' site").
_CAP_AFTER_RE = re.compile(r"\s+(?P<w>[A-Z][a-z]+)")
_CAP_RUN_RE = re.compile(r"^(?:\s+[A-Z][\w'’-]*)+")
_CAP_POSSESSIVE_AFTER_RE = re.compile(r"\s+[A-Z][a-z]+(?:['’]s?)(?=\s)")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\"“‘(—–-])\s*$")


def _is_name_word(before: str, after: str) -> bool:
    """Whether a capitalised number word is part of a proper name ("Six Flags"), not a count."""
    cap = _CAP_AFTER_RE.match(after)
    w = cap.group("w").lower() if cap else ""
    if not cap or w in PRED_OF or w in STOP or w.endswith(("ly", "ed")):
        return False  # "Embed Three Killed, Four Hurt": a headline run in, its counts told by their verbs
    ahead = _CAP_RUN_RE.sub("", after, count=1).split()[:3]
    if any(_counted_noun_follows(" " + w) or person_noun(w) for w in ahead if w[:1].islower()):
        return False  # "Tags Syria Four Hizballah members were killed": names modify a counted noun
    return not _SENTENCE_START_RE.search(before) or _CAP_POSSESSIVE_AFTER_RE.match(after) is not None


# A capitalised word right before a number word, mid-sentence ("the Xbox One", "Air Force One").
_CAP_WORD_END_RE = re.compile(r"(?<![.!?:;\"“‘(—–-] )(?<=[^\s.!?:;\"“‘(—–-] )(?P<w>[A-Z][a-z][\w'’-]*) $")


_BE_HAVE = frozenset("were was are is have has had remain remained".split())


def _ends_name(before: str, after: str) -> bool:
    """Whether a capitalised number word closes a proper name ("the Xbox One sold"), not a count: the word before
    is capitalised mid-sentence, and neither a counted noun nor a verb of the count follows ("Tags Syria Four
    Hizballah members", "English Thirty Killed in Strikes" and "Lowmere Two were killed" count)."""
    m = _CAP_WORD_END_RE.search(before)
    if m is None or m.group("w").lower() in PRED_OF or m.group("w").lower() in STOP:
        return False
    run = _CAP_RUN_RE.match(after)
    rest = after[run.end():] if run else after
    if re.match(r"\s+of\b", rest):
        return False  # "Four of the victims": a count of a group
    # The words after it: a capitalised run (a headline run in: "English Thirty Killed in Strikes") and the
    # lowercase noun phrase up to a number ("One sold 50 million").
    ahead = (run.group(0).lower().split() if run else []) + re.match(r"(?:\s+[a-z][\w-]*){0,3}", rest).group(0).split()
    if any(w in PRED_OF or w in _BE_HAVE for w in ahead):
        return False  # "... in Lowmere Two were killed": a subject counted, its verb after it
    return not any(_counted_noun_follows(" " + w) or person_noun(w) for w in ahead)


def _is_glued_or_time(n: NumberMatch, before: str, after: str, surface: str) -> bool:
    """Whether digits are glued to letters ("5G", "COVID-19", "No.5"), a duration adjective or a clock time."""
    if after[:1].isalpha() and not n.scaled:
        if _ORDINAL_AFTER_RE.match(after):
            return True
        if not ATTACHED_UNIT_RE.match(after) and not PERCENT_RE.match(after):
            return True  # "5G", "3D", "S23" style model names
    if before[-1:].isalpha() and not SIGN_BEFORE_RE.search(before) \
            and not letter_sign_before(before, n.scaled and not n.letter_scale):
        return True  # glued to letters that are not a currency ("S23", but "USD1,700", "Dh5.2 billion")
    if before[-1:] and before[-1:] in "_/\\@":
        return True
    if before[-1:] in ("-", "–", "\n") and re.search(r"[A-Za-z]\s?[-–]$", before) \
            and not re.search(r"\bminus-$", before, re.I):
        return True  # "COVID-19", "F-16", "V-12", "COVID -19" (but "minus-130" is a number)
    if before.endswith((":", ".")) and (before[-2:-1].isdigit() or before[-2:-1].isalpha()):
        return True  # "10:30", "ID.3", "No.5"
    if re.match(r"-(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b(?!-old)", after, re.I):
        return True  # "a 10-day ceasefire", "a two-month contract": a duration used as an adjective
    if _TIME_AFTER_RE.match(after) and not re.match(r"\s*hrs?\b", after):
        return True
    # "at 1400 hrs"
    return bool(re.match(r"\s*(?:hrs|hours)\b", after) and re.fullmatch(r"\d{4}", surface)
                and _TIME_BEFORE_RE.search(before))


def _is_age(n: NumberMatch, before: str, after: str) -> bool:
    """Whether the number is an age ("aged 45", "45-year-old", "Smith, 45,", "Smith (45)")."""
    if _AGE_AFTER_RE.match(after) or _AGE_BEFORE_RE.search(before) or _AGES_OLD_AFTER_RE.match(after):
        return True
    if _DECADE_AGE_AFTER_RE.match(after) and _DECADE_AGE_BEFORE_RE.search(before):
        return True
    # "Jane Roe dead at 84", "has died at 94", "retired at 65": a bare number after "at" that a death or
    # a stage of life takes is the age it came at, no count (but "the toll stood at 84 dead" is one).
    if n.value < 130 and _LIFE_AT_RE.search(before) and not _counted_noun_follows(after) \
            and not _HARM_AFTER_RE.match(after):
        return True
    # "Smith, 45, said" and "Smith (45)": an age after a name.
    # "Smith and Jones, both 21, were": the age of each of a list; "Jane Doe, 13 – died": a dash after it.
    # "Smith and Jones, both 31 and of Dover, were": the age before the place they are from; "Joe Roe Jr., 11,";
    # "Joe Roe, 66 and Jane Roe, 64"; "the death of Joe Roe, also 18."; "Joe Roe, 55 (shot at home)".
    if re.match(r",\s|\s+[–—]\s|\s+and\s+(?:of|from)\s|\s+(?:and|&)\s+[A-Z]|\.(?:\s|$)|\s+\(", after) \
            and re.search(r"[A-Z][\w'’-]+\.?,\s(?:both\s+|also\s+)?$", before) \
            and n.value < 120 and n.kind == "digits":
        return True
    # "... killing Jane Roe, 19.": the age after a name of two or more words that closes its sentence.
    if n.kind == "digits" and n.value < 120 and _CLAUSE_CLOSE_AFTER_RE.match(after) \
            and _FULL_NAME_COMMA_BEFORE_RE.search(before[-80:]):
        return True
    if after.startswith(")") and re.search(r"[A-Z][\w'’-]+\s\($", before) and n.value < 120:
        return True
    # "One man, 20, was shot", "the other victim, 35, died": an age in apposition to a person noun.
    noun = _NOUN_COMMA_BEFORE_RE.search(before)
    if noun and n.kind == "digits" and n.value < 120 and person_noun(noun.group(1).lower()) and re.match(r",\s", after):
        return True
    # "Two teens, 16 and 17, were killed", "Youths, 16 and 10, Killed": a list of ages in apposition to people.
    if n.kind == "digits" and n.value < 120 and _is_age_list(before, after):
        return True
    # "The victim, who died at the hospital, was 25.": a bare number a copula takes, with no noun after it
    # and no toll or total as the subject, is the subject's age.
    return bool(n.kind == "digits" and n.value < 120 and _COPULA_BEFORE_RE.search(before)
                and not _TOTAL_RE.search(before) and _CLAUSE_END_AFTER_RE.match(after))


# A death or a stage of life, and "at" with the number next: "dead at", "dies at", "passed away at", "retired at".
_LIFE_AT_RE = re.compile(r"\b(?:dead|dies|died|death|away|retires?|retired|retiring)\s+(?:[A-Z][a-z]+day\s+)?at\s+$",
                         re.I)
_CLAUSE_CLOSE_AFTER_RE = re.compile(r"(?:[.;!?][\"”’')]?(?:\s|$)|$)")
_FULL_NAME_COMMA_BEFORE_RE = re.compile(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+,\s$")
_HARM_AFTER_RE = re.compile(r"\s+(?:dead|killed|injured|wounded|hurt)\b", re.I)
_NOUN_COMMA_BEFORE_RE = re.compile(r"\b([A-Za-z]+),\s$")
# The numbers of a list between commas after a noun, up to this one, and from this one to the closing comma.
_LIST_BEFORE_RE = re.compile(r"\b([A-Za-z]+),\s(?:(?:both|all|ages?|aged)\s+)?((?:\d{1,2}(?:,\s*|\s+(?:and|&)\s+))*)$")
_LIST_AFTER_RE = re.compile(r"((?:(?:,\s*|\s+(?:and|&)\s+)\d{1,2}\b)*)(?:,|\s+[–—]\s)")


def _is_age_list(before: str, after: str) -> bool:
    """Whether the number is one of a list of two or more ages in apposition to people ("teens, 16 and 17,")."""
    b = _LIST_BEFORE_RE.search(before[-60:])
    a = _LIST_AFTER_RE.match(after)
    if b is None or a is None or not (b.group(2) or a.group(1)):
        return False
    if not re.search(r"\b(?:and|&)\s", b.group(2) + a.group(1)):
        return False
    word = b.group(1)
    return word[:1].isupper() or person_noun(word.lower()) or person_noun(singular(word.lower()))
_COPULA_BEFORE_RE = re.compile(r"\b(?:was|is)\s+(?:only\s+|just\s+)?$")
_TOTAL_RE = re.compile(r"\b(?:toll|total|number|count|tally|figure|sum|score|rate|percentage|amount|price)\b", re.I)
_CLAUSE_END_AFTER_RE = re.compile(r"\s*(?:[.;!?]|,\s|$|\s+when\b)")


# A word shaped as a name, never as a common word: joined by "&" ("S&P") or with a capital inside ("iPhone").
_NAME_SHAPE_RE = re.compile(r"[A-Za-z]+&[A-Za-z]+|[a-z]+[A-Z][\w-]*")


def _person_follows(after: str) -> bool:
    m = re.match(r"\s*([a-z][\w-]*)", after)
    return bool(m and (person_noun(m.group(1)) or m.group(1) in PEOPLE_WORDS))


def _is_label_or_score(n: NumberMatch, before: str, after: str) -> bool:
    """Whether digits are a label ("Section 427", "iPhone 11") or part of a score ("won 3-1")."""
    if _is_label_before(before) and not n.scaled:
        return True
    m = _CAP_WORD_BEFORE_RE.search(before)
    unit = ATTACHED_UNIT_RE.match(after)
    if m and not n.scaled and not SIGN_BEFORE_RE.search(before) and (unit is None or unit.group("u") in "cx") \
            and not PERCENT_RE.match(after):  # "iPhone 5c": a model's letter, not cents
        w = m.group("w")
        if (w.lower() not in STOP and w.lower() not in PRED_OF and w.lower() not in QUAL_PHRASES
                and w.rstrip(".").lower() not in ("us", "u.s", "a", "an")
                and (not _counted_noun_follows(after) or _NAME_SHAPE_RE.fullmatch(w) and not _person_follows(after))):
            return True  # "Section 427", "iPhone 11"; "S&P 500 futures": a name's shape makes it a label
    # "ended 2-2", "a 3-1 win": a score, not a range.
    if re.match(r"\s*[-–]\s*\d{1,2}\b(?!\s*(?:[a-z]+s|people|%))", after) and n.value < 30:
        if SCORE_RE.search(before[-25:]) or SCORE_RE.match(re.sub(r"^\s*[-–]\s*\d+\s*", "", after)):
            return True
    if re.match(r"\s*[-–]\s*\d", after) is None and re.search(r"\d\s*[-–]\s*$", before) and n.value < 30:
        if SCORE_RE.search(before[-30:]) or SCORE_RE.match(after.lstrip()):
            return True
    return False


# Two whole numbers joined by a hyphen or dash, the first not below the second: the tally of two sides of a vote,
# a score or a record ("a 6-3 majority", "voted 50-49", "won 105-92", "a 9-2 record"). Ascending, the pair is a
# range ("5-10 people"); a chain of three ("3-2-1") or a decimal end is something else.
_PAIR_AFTER_RE = re.compile(r"[-–](\d{1,4})(?!\d|[.,]\d|[-–/]\d|\s*(?:%|per\s*cent\b|percent\b)|[A-Za-z])")
_PAIR_BEFORE_RE = re.compile(r"(?<![\d.,/–-])(\d{1,4})[-–]$")
# A whole number with a slash and another after it ("24/7", "50/50"): no quantity of its own.
_SLASH_PAIR_AFTER_RE = re.compile(r"/\d")


_CHAIN_LINK_AFTER_RE = re.compile(r"[-–/]\d")
_CHAIN_LINK_BEFORE_RE = re.compile(r"\d[-–/]$")
_CHAIN_AFTER_RE = re.compile(r"[-–/]\d+[-–/]\d")
_CHAIN_BEFORE_RE = re.compile(r"\d[-–/]\d+[-–/]$")


def _in_chain(before: str, after: str) -> bool:
    """Whether digits are one of three or more numbers joined by dashes or slashes ("9-26-16")."""
    return bool(_CHAIN_AFTER_RE.match(after) or _CHAIN_BEFORE_RE.search(before)
                or (_CHAIN_LINK_BEFORE_RE.search(before) and _CHAIN_LINK_AFTER_RE.match(after)))


def _is_slash_pair(before: str, after: str, surface: str) -> bool:
    """Whether small whole digits are the first of a pair written with a slash ("24/7", "50/50"), not an amount
    ("$100,000/10 percent bond")."""
    return surface.isdigit() and len(surface) <= 3 and _SLASH_PAIR_AFTER_RE.match(after) is not None \
        and not SIGN_BEFORE_RE.search(before)


def _is_tally_pair(n: NumberMatch, before: str, after: str, surface: str) -> bool:
    """Whether whole digits are one side of a tally "N-M" with N >= M ("a 6-3 majority"), not a count or a range."""
    if not surface.isdigit() or len(surface) > 4:
        return False
    if (m := _PAIR_AFTER_RE.match(after)) and not re.search(r"\d[-–/]$", before):
        return n.value >= int(m.group(1))
    if (m := _PAIR_BEFORE_RE.search(before)) and not re.match(r"[-–/]\d", after):
        return int(m.group(1)) >= n.value and not PERCENT_RE.match(after) and not after[:1].isalpha()
    return False


# "by" before a share that sizes a change: "fell by a third", "cut by half".
_BY_SHARE_RE = re.compile(r"\bby\s+$", re.I)


def _noun_follows(after: str) -> bool:
    m = re.match(r"[\s-]+([a-z][\w-]*)", after)
    return bool(m and m.group(1) not in STOP)


def _is_ordinal_fraction(surface: str, before: str, after: str) -> bool:
    """Whether a fraction word is an ordinal ("the third quarter") rather than a share ("a third of")."""
    low = surface.lower()
    if _BY_SHARE_RE.search(before) and (low == "half" or re.match(r"(?:a|an|one|two|three|four|five)[- ]", low)) \
            and not _noun_follows(after):
        return False  # "fell by a third", "cut by half": the size of a change, a share (not "by a third party")
    if not re.match(r"\s+(?:of|the|a|an|its|their|his|her|our|all|those|these)\b", after, re.I):
        return True
    if re.search(r"\b(?:the|first|second|third|final|last|latter|other|each|every|this|that)\s*$", before, re.I) \
            and low in ("half", "third", "quarter", "fourth", "fifth", "sixth", "tenth"):
        return True
    if low in ("third", "fourth", "fifth", "sixth", "tenth", "quarter"):
        return True  # bare ordinals; "a third", "one quarter" carry an article or count
    # "one and a half" is read with the number before it
    return bool(low == "half" and re.search(r"\b(?:and|one|a)\s*$", before, re.I))


# "one" said of its subject by a copula, as a member of a counted group: "Roe was one of 13 soldiers killed",
# "Roe is one of the 13 who died": the group's count is the figure. (In apposition, "a boy, one of three
# people hit, has died", the one may be the subject of a harm of its own.)
_MEMBER_OF_RE = re.compile(r"\b(?:was|is|were|are|been|be|as|became|becomes|remains|remained)\s+$", re.I)
_OF_COUNT_RE = re.compile(r"\s+of\s+(?:the\s+|those\s+|these\s+)?(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten"
                          r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
                          r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|hundreds|thousands)\b)", re.I)


def _is_not_a_count_one(before: str, after: str) -> bool:
    """Whether "one" is a pronoun or idiom ("one of the most", "no one", "one day"), not a count."""
    if re.match(r"-on-one\b|\s+of\s+(?:many|several|few|the\s+(?:most|best|worst|first|last|few|many))\b",
                after, re.I) or re.search(r"\bone-on-$", before, re.I):
        return True  # "one-on-one", "one of many", "one of the most": not a count
    if re.search(r"\b(?:no|the|this|that|any|every|each|which|some|someone|anyone|only|last|another|such)\s*$", before, re.I):
        return True
    if _MEMBER_OF_RE.search(before) and _OF_COUNT_RE.match(after):
        return True  # "Roe was one of 13 soldiers killed": a member of the group its count counts
    if re.match(r"\s*(?:another|day|time|way|thing|point|more|side|hand|morning|evening|night|afternoon|[,.;:!?)\"”]|$)", after, re.I):
        return True
    return bool(re.match(r"\s+(?:is|was|has|had|would|could|should|can|will|of\s+(?:them|us|you|those|these|his|her|their|its|our)\b|who|that|which|must|may|might)\b", after, re.I))
