"""Remove page debris from scraped plain text, and record every removal.

Text copied or scraped from a news page carries lines that are not part of the
article: ad placeholders ("ADVERTISEMENT"), share and follow prompts, navigation,
captions and photo credits, bylines and "2 hours ago" timestamps, newsletter and
cookie notices. :func:`clean_text` drops such *whole lines* by general rules and
returns a :class:`~storyledger.records.Removal` for each, with offsets into the
text as received and the rule's reason (one of :data:`REASONS`).

Two safeguards keep real article text:

* most rules are *guarded*: they never fire on a line shaped like a sentence
  (six words or more, ending with sentence punctuation). Only rules anchored on
  an explicit marker that no article sentence starts with ("Image caption",
  "Read more:", "© 2023", "Sign up for our newsletter", "We use cookies") fire
  on such lines;
* a headline (a short line without a final stop) is removed only when every
  word of it is page-furniture vocabulary, as in "ARTICLE AD BOX".

A line that only announces a caption ("Image caption,") takes the next line
with it, as the caption it announces.

The cleaned text follows one convention that later stages rely on:
paragraphs are separated by exactly one blank line (``"\\n\\n"``) and contain
no other newline. A received line is one paragraph, except that a line
starting in lowercase after a line without a final stop continues that line,
and the lines of a hard-wrapped block (lines of similar length, under 100
characters, broken mid-sentence) make one paragraph; such lines are joined
with a space. Runs of spaces and tabs become one space, zero-width characters
go, and leading and trailing blanks are stripped. Whitespace changes are not
recorded as removals.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..records import Removal

__all__ = [
    "REASONS",
    "clean_text",
    "debris_reason",
    "is_sentence_shaped",
]

REASONS = (
    "ad_placeholder",
    "byline",
    "caption",
    "comment_prompt",
    "cookie_notice",
    "copyright",
    "decoration",
    "editorial_credit",
    "media_prompt",
    "navigation",
    "newsletter",
    "photo_credit",
    "promo",
    "reading_time",
    "related_link",
    "share_prompt",
    "timestamp",
    "ui_notice",
)

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_FINAL_STOP = re.compile(r"[.!?…][\"'”’)\]»]*$")
_HAS_ALNUM = re.compile(r"[^\W_]")
_LINE_END = re.compile(r"[.!?:;\"”’)]$")

# Page-furniture vocabulary, by the reason a line made only of it is removed.
_STRONG = {
    "ad_placeholder": "ad ads advert adverts advertisement advertisements advertising sponsored promoted",
    "share_prompt": "share shares sharing tweet facebook twitter whatsapp linkedin pinterest reddit telegram "
    "messenger email e-mail print copy flipboard instagram youtube tiktok bluesky mastodon",
    "navigation": "skip menu navigation nav search home login logout signin account sections close toggle "
    "next previous prev breadcrumb",
    "comment_prompt": "comment comments replies",
    "newsletter": "newsletter newsletters subscribe subscription subscriptions unsubscribe",
    "media_prompt": "video videos play listen audio watch duration podcast gallery photos images slideshow",
    "related_link": "related recommended trending miss",
}
_STRONG_WORDS = {w: reason for reason, words in _STRONG.items() for w in words.split()}
_WEAK_WORDS = set(
    "this on the to of for our us your you in and or a an with via by below above article articles story "
    "stories box content main continues continue now here click tap read up out free today full page more "
    "latest news most also see all view show hide open link links sign log get app from site back top "
    "picks headlines live breaking caption source credit image images photo don't do not scroll reading panel about "
    "options settings".split()
)
# Words that mark furniture even in a mixed-case line ("Story continues below advertisement").
_VERY_STRONG = set(
    "advertisement advertisements advert advertising sponsored newsletter newsletters facebook twitter "
    "whatsapp linkedin pinterest reddit flipboard subscribe unsubscribe share sharing".split()
)

_AGENCY = (
    r"(?:getty\s+images|afp|reuters|associated\s+press|ap|epa(?:-efe)?|efe|shutterstock|alamy|"
    r"pa(?:\s+(?:media|wire|images))?|bloomberg|anadolu(?:\s+agency)?|xinhua|sipa(?:\s+usa)?|"
    r"zuma(?:\s+press)?|nurphoto|dpa|abaca(?:press)?|istock(?:photo)?|ians|ani|pti|tass|ria\s+novosti)"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DATE_TOKEN = re.compile(
    rf"(?i:{_MONTH}|{_WEEKDAY}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}"
    r"|[ap]\.?m\.?|at|on|of|the|utc|gmt|bst|cet|cest|[ecmp][sd]?t|ist|jst|aest|z)"
)
_DAY_CUE = re.compile(rf"(?i)\b{_MONTH}(?!\w)|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}")
_DATE_CUE = re.compile(rf"{_DAY_CUE.pattern}|\d{{1,2}}:\d{{2}}")
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|der|al|el|bin|la|le)){0,4}"

# (reason, pattern, guarded): a guarded rule never removes a sentence-shaped line.
_RULES: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
    (reason, re.compile(pattern), guarded)
    for reason, pattern, guarded in (
        ("caption", r"(?i)^(?:image|photo|picture|video|media|audio)\s+(?:caption|source|credit)s?\b", False),
        ("photo_credit", r"(?i)^(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?|pictured)"
         r"\s*(?:by\b|:|\|)\s*\S", True),
        ("photo_credit", rf"(?i)^[(\[]?(?:(?:[\w.'’-]+\s+){{0,4}}(?:for|via)\s+)?{_AGENCY}(?:\s+photos?)?"
         r"(?:\s*/\s*[\w .'’-]{1,60})?[)\]]?$", True),
        ("timestamp", r"(?i)^(?:(?:updated|published|posted|last\s+updated|first\s+published|modified)\s*:?\s*)?"
         r"(?:about\s+)?(?:\d+|an?|one)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?"
         r"|years?)\s+ago$", True),
        ("reading_time", r"(?i)^(?:\d+\s*(?:-|to)\s*)?\d+\s*(?:min(?:ute)?s?|m)\.?\s+read$", True),
        ("editorial_credit", r"^[(\[]?(?:[Aa]dditional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|"
         r"[Rr]esearch|[Gg]raphics)\s+by\s+[A-Z][^;]{0,120};.*$", False),
        ("editorial_credit", r"^[(\[](?:[Aa]dditional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|"
         r"[Rr]esearch)\s+by\s+[A-Z].{0,200}[)\]]$", False),
        ("byline", rf"^(?:[Bb]y|BY|[Ww]ritten\s+by|[Ww]ords\s+by|[Aa]uthor:)\s+{_NAME}"
         rf"(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|–—-]\s*[\w .,'’|&-]{{0,80}})?$", True),
        ("related_link", r"(?i)^[\[(]?(?:read\s+more|read\s+also|also\s+read|see\s+also|see\s+more|related|also"
         r"|more\s+on\s+this(?:\s+story)?|more|recommended|watch|listen|related\s+\w+|further\s+reading"
         r"|editor'?s\s+picks|don'?t\s+miss|must\s+read|icymi|most\s+(?:read|popular|viewed|shared)|top\s+stories"
         r"|trending(?:\s+now)?)\s*[:|»›>]", False),
        # A linked headline tagged with its medium: "Talks collapse [VIDEO]".
        ("related_link", r"\[[A-Z]{3,}(?:\s[A-Z]{2,})?\]\s*\|?$", True),
        ("navigation", r"(?i)^(?:filed\s+under|tags?|topics?|categories|category|posted\s+in)\s*:", True),
        ("editorial_credit", r"(?i)^source\s*:\s*\S.{0,60}$", True),
        ("editorial_credit", r"^[A-Z].{0,300}\bcontributed\s+(?:additional\s+)?(?:reporting|research|to\s+(?:this|the)"
         r"\s+(?:report|article|story))\b[^.]{0,80}\.?$", False),
        ("related_link", r"(?i)^(?:more\s+on\s+this\s+story|related\s+(?:articles?|stories|coverage|topics"
         r"|content|links|reading|internet\s+links)|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)"
         r"|most\s+(?:read|popular|viewed|shared)|top\s+stories|more\s+from\s+[\w ]{1,30}|further\s+reading"
         r"|more\s+stories|in\s+other\s+news|what\s+to\s+read\s+next)$", True),
        ("media_prompt", r"(?i)^listen\s+to\s+(?:this|the)\s+(?:article|story)\b", False),
        ("media_prompt", r"(?i)^(?:play|watch)\s+(?:the\s+)?video\b.{0,60}$", True),
        ("media_prompt", r"(?i)^(?:duration\s*:?\s*)?\d{1,2}:\d{2}(?::\d{2})?$|^duration\b.{0,20}$", True),
        ("media_prompt", r"(?i)^(?:image|photo|slide|picture|video)?\s*\d+\s*(?:of|/)\s*\d+$", True),
        ("share_prompt", r"(?i)^(?:share|tweet|email|post|pin)\s+(?:(?:this|the)(?:\s+(?:article|story|page|post"
         r"|video|link))?|on\s+\w+|via\s+\w+|to\s+\w+)(?:\s*[:|(].{0,40})?$", True),
        ("share_prompt", r"(?i)^(?:follow|like|find)\s+(?:us|@\w+|[\w.'’ ]{1,40}?)\s+on\s+(?:twitter|facebook"
         r"|instagram|x|linkedin|threads|bluesky|tiktok|youtube|telegram|mastodon|whatsapp)\b", False),
        ("share_prompt", r"(?i)^(?:follow\s+)?@\w{2,}$|^copy\s+link\b.{0,20}$|^link\s+copied\b", True),
        ("navigation", r"(?i)^(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|main|search|footer|"
         r"article)|back\s+to\s+(?:top|home|homepage)|return\s+to\s+top|go\s+to\s+top|jump\s+to)\b.{0,40}$", True),
        ("navigation", r"(?i)^(?:click|tap)\s+here\b", True),
        ("newsletter", r"(?i)^(?:sign\s+up|subscribe|register|get\s+(?:our|the))\b.{0,150}"
         r"\b(?:newsletters?|inbox|briefing|e-?mail\s+alerts?)\b", False),
        ("newsletter", r"(?i)^(?:already|not)\s+a\s+subscriber\b|^subscribe\s+(?:now|today)\b", False),
        ("cookie_notice", r"(?i)\bcookies?\b.*\b(?:we\s+use|we\s+and\s+our|this\s+(?:web)?site|our\s+(?:web)?site"
         r"|by\s+(?:continuing|using)|accept\s+(?:all|cookies)|(?:cookie|privacy)\s+(?:settings|preferences|policy)"
         r"|manage\s+(?:cookies|preferences))\b|^(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b", False),
        ("copyright", r"(?i)^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))|\ball\s+rights\s+reserved\b", False),
        ("comment_prompt", r"(?i)^(?:\d+\s+)?comments?(?:\s*\(\d+\))?$|^(?:show|view|hide|read|load|see|post|add"
         r"|leave)\s+(?:\w+\s+)?(?:comments?|replies)\b.{0,30}$|^join\s+the\s+(?:conversation|discussion"
         r"|debate)\b", True),
        ("promo", r"(?i)^download\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}app\b", True),
        ("timestamp", r"(?i)^(?:published|updated|posted|last\s+updated|first\s+published)\s*:?$", True),
        ("navigation", r"(?i)^(?:sign|log)\s*(?:in|up|out)$|^register$|^continue\s+reading\b.{0,40}$", True),
        ("ad_placeholder", r"^(?:[Ss]upported|[Ss]ponsored|[Pp]resented|[Pp]aid\s+for)\s+by(?:\s+[A-Z][\w&.'’-]*){0,4}$", True),
        ("share_prompt", r"(?i)^(?:give|gift|send)\s+(?:this|the)\s+(?:article|story)\b.{0,30}$", True),
        ("ui_notice", r"(?i)^loading\W*$|^(?:please\s+)?enable\s+javascript\b|^(?:this|the)\s+(?:video|content|media"
         r"|embed)\s+(?:can\s*not|cannot|could\s+not|is\s+not\s+available|is\s+unavailable)\b|^to\s+(?:play|view|watch)"
         r"\s+this\s+(?:video|content|media)\b|^your\s+browser\s+(?:does\s+not|doesn'?t)\s+support\b", False),
    )
)


# Substrings without which a rule cannot match: a cheap test before the regex.
_NEEDLES = {"cookie_notice": ("cookie",), "copyright": ("©", "(c)", "copyright", "reserved")}
# Furniture, date and breadcrumb lines are short; longer lines skip those tests.
_MAX_SHORT_LINE = 160
_MAX_CAPTION_WORDS = 40
_DATE_PREFIX = re.compile(
    r"(?i)^(?:published|updated|posted|last\s+(?:updated|modified)|first\s+published|modified|date)\b\s*:?\s*"
)
_DATE_BYLINE = re.compile(rf"\s*[|,–—-]?\s*\b(?:[Bb]y|BY)\s+{_NAME}$")
_DATE_REST = re.compile(r"[\s,.:|/()–—-]*")
_CRUMB_SPLIT = re.compile(r"\s+[›»>|/]\s+|\s*[›»]\s*")


def is_sentence_shaped(line: str) -> bool:
    """Whether a line reads like a sentence: six words or more and a final stop.

    Example:
        >>> is_sentence_shaped("Officials said the road would reopen on Monday.")
        True
        >>> is_sentence_shaped("ARTICLE AD BOX")
        False
    """
    line = line.strip()
    return bool(_FINAL_STOP.search(line)) and len(_WORD.findall(line)) >= 6 and any(c.islower() for c in line)


def debris_reason(line: str) -> str | None:
    """The reason a single line is page debris, or ``None`` if it is article text.

    Args:
        line: one line of text, without its newline.

    Returns:
        One of :data:`REASONS`, or ``None``.

    Example:
        >>> debris_reason("ARTICLE AD BOX"), debris_reason("Share this article")
        ('ad_placeholder', 'share_prompt')
        >>> debris_reason("Refugees cross into Chad") is None
        True
    """
    line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
    if not line:
        return None
    if not _HAS_ALNUM.search(line):
        return "decoration"
    sentence = is_sentence_shaped(line)
    lower = line.lower()
    for reason, pattern, guarded in _RULES:
        if guarded and sentence:
            continue
        needle = _NEEDLES.get(reason)
        if needle and not any(n in lower for n in needle):
            continue
        if pattern.search(line):
            return reason
    if sentence or len(line) > _MAX_SHORT_LINE:
        return None
    return _furniture_reason(line) or _date_line_reason(line) or _breadcrumb_reason(line)


def _furniture_reason(line: str) -> str | None:
    """A short line made only of page-furniture words ("ARTICLE AD BOX", "Share", "Copy link")."""
    if _FINAL_STOP.search(line):
        return None
    words = [w.strip(".'’-").lower() for w in _WORD.findall(line)]
    if not 1 <= len(words) <= 8 or len(" ".join(words)) + 8 < len(line):
        return None  # long, or mostly not words (symbols, numbers)
    strong = [w for w in words if w in _STRONG_WORDS]
    if not strong or any(w not in _STRONG_WORDS and w not in _WEAK_WORDS for w in words):
        return None
    letters = [c for c in line if c.isalpha()]
    all_caps = len(letters) >= 2 and all(c.isupper() for c in letters)
    # Headlines are capitalised: a short all-lowercase line of furniture words is UI text ("close panel").
    lowercase = len(words) <= 3 and line == line.lower()
    if all_caps or lowercase or any(w in _VERY_STRONG for w in words) or (len(words) <= 2 and len(strong) == len(words)):
        very = [w for w in words if w in _VERY_STRONG]
        return _STRONG_WORDS[(very or strong)[0]]
    return None


def _date_line_reason(line: str) -> str | None:
    """A line that is only a date or time, possibly after "Published" or "Updated"."""
    body = _DATE_PREFIX.sub("", line)
    if " by " in body.lower():
        body = _DATE_BYLINE.sub("", body)  # "5:45 AM 11/19/2019 by Ann Lee"
    # A bare clock time heads an entry of a live report: content, not furniture.
    if not (_DATE_CUE if body != line else _DAY_CUE).search(body):
        return None
    tokens = _WORD.findall(body)
    rest = _WORD.sub("", body)
    if tokens and all(_DATE_TOKEN.fullmatch(t) for t in tokens) and _DATE_REST.fullmatch(rest):
        return "timestamp"
    return None


def _breadcrumb_reason(line: str) -> str | None:
    """A trail of short link labels: "Home › News › World"."""
    parts = _CRUMB_SPLIT.split(line)
    if len(parts) >= 3 and all(0 < len(_WORD.findall(p)) <= 3 for p in parts):
        return "navigation"
    return None


def clean_text(raw: str, *, line_filter: Callable[[str], str] | None = None) -> tuple[str, tuple[Removal, ...]]:
    """Drop debris lines and normalise whitespace.

    Args:
        raw: the text as received (any newline convention).
        line_filter: turns each received line into plain text before it is judged
            and kept (e.g. Markdown markup dropped); offsets stay those of ``raw``.

    Returns:
        ``(text, removals)``: the cleaned text (paragraphs separated by one blank
        line, see the module docstring) and one removal per dropped line, whose
        ``[start, end)`` covers that line without its leading and trailing
        whitespace, in ``raw``.

    Example:
        >>> text, removed = clean_text("ARTICLE AD BOX\\nPeople fled.\\nMore followed.")
        >>> text
        'People fled.\\n\\nMore followed.'
        >>> removed
        (Removal(start=0, end=14, reason='ad_placeholder'),)
    """
    blocks, removals = _blocks(raw, line_filter)
    return "\n\n".join(_paragraphs(blocks)), removals


def _blocks(raw: str, line_filter: Callable[[str], str] | None) -> tuple[list[list[str]], tuple[Removal, ...]]:
    """The kept lines of ``raw``, in blocks split at blank and removed lines, and the removals."""
    removals: list[Removal] = []
    blocks: list[list[str]] = [[]]
    announced = False
    for match in _LINE.finditer(raw):
        content = match.group(1)
        if not content and not match.group(2):
            break  # the empty match at the end of the string
        line = line_filter(content) if line_filter else content
        line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        reason = debris_reason(line)
        if reason is None and announced and len(line.split()) <= _MAX_CAPTION_WORDS:
            reason = "caption"
        # A bare marker ("Image caption,") announces that the next line is the caption.
        announced = reason == "caption" and line[-1] in ",:" and len(line.split()) <= 3
        if reason is not None:
            removals.append(_removal(match, content, reason))
            # A removed line separates what stood on either side of it.
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return blocks, tuple(removals)


def _removal(match: re.Match[str], content: str, reason: str) -> Removal:
    """The removal of one received line, without its leading and trailing whitespace."""
    lead = len(content) - len(content.lstrip())
    start = match.start(1) + lead
    end = match.start(1) + len(content.rstrip())
    return Removal(start=start, end=end, reason=reason)


def _paragraphs(blocks: list[list[str]]) -> list[str]:
    """The paragraphs of the kept blocks: hard-wrapped blocks and continued lines joined."""
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        if _hard_wrapped(block):
            paragraphs.append(" ".join(block))
            continue
        paragraphs.append(block[0])
        for prev, line in zip(block, block[1:]):
            # A line that starts in lowercase after one without a final stop continues it.
            if line[:1].islower() and not _LINE_END.search(prev):
                paragraphs[-1] += " " + line
            else:
                paragraphs.append(line)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether a block's lines are one paragraph broken at a fixed width."""
    if len(lines) < 2 or max(len(line) for line in lines) > 100:
        return False
    heads = lines[:-1]
    if sum(len(line) for line in heads) / len(heads) < 40:
        return False
    joints = sum(
        1
        for line, nxt in zip(lines, lines[1:])
        if not _LINE_END.search(line) or nxt[:1].islower()
    )
    return joints * 2 >= len(heads)
