"""The outcome a count's own clause reports after its harm: "two were shot ... and died" counts the dead.

A news sentence often names the harm first and the outcome after it, in a reduced or
relative clause or a second verb of the same subject:

- "The two were shot multiple times and died at the scene" (a second verb);
- "Two teens who were shot in a triple shooting on Wednesday have died" (the harm in a
  relative clause, the death in the main one);
- "Three people who were wounded Friday later died" (the same with a wound).

Such a count is of the killed, not of the shot or the injured: read as "shot" it would
count the dead among the injured. The grammar (:func:`later_outcome`) takes the words
after the counted noun: an optional relative pronoun and auxiliary, a harm participle
("shot", "wounded", "injured", "struck"), then up to sixteen words that start no new
subject or clause (no coordinating conjunction, no number or counting word, no personal
or relative pronoun, no sentence break), then the death ("died", "succumbed", "was
pronounced dead", optionally after "and", "later", "both"...). "Five people were shot and
one died" and "three were shot, one of them died" do not read: a new subject ("one")
stands between the harm and the death, so the death is of another, smaller count.
"""

from __future__ import annotations

import re

__all__ = [
    "later_outcome",
]

# Words that begin a new subject or clause: after one, a death is not the count's own.
_NEW_SUBJECT = (r"and|but|or|while|whereas|where|when|whom|who|which|that|he|she|they|it|one|two|three"
                r"|four|five|six|seven|eight|nine|ten|none|some|several|another|other|others|including|among"
                r"|except|than|because|before|if|said|says")
# Up to sixteen words that start no new subject or clause (no sentence break: a dot only inside a
# word, "p.m"), then the death.
_GAP_THEN_DEATH = (
    r"(?P<gap>(?:,?\s+(?!(?:" + _NEW_SUBJECT + r")\b)[A-Za-z](?:[\w'’-]|\.(?=\w))*){0,16}?)"
    r",?\s+(?:and\s+)?(?:(?:later|also|then|eventually|subsequently|both|all|each|have|has|had|each\s+later)\s+){0,2}"
    r"(?:died|succumbed|(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:later\s+)?pronounced\s+dead)\b")
_LATER_DEATH = re.compile(
    r"\s*,?\s*(?:(?:who|that)\s+)?(?:(?:were|was|are|is|had\s+been|have\s+been|has\s+been|got)\s+)?"
    r"(?:(?:also|all|both|each|reportedly|allegedly)\s+)?(?:[a-z]+ly\s+)?(?:shot|wounded|injured|struck|hit)\b"
    + _GAP_THEN_DEATH, re.I)


def later_outcome(after_unit: str, pred: str | None, pclass: str | None) -> tuple[str | None, str | None]:
    """``(predicate, class)`` of a count of the shot or injured whose clause goes on to say they died.

    Args:
        after_unit: The words after the counted noun, to the end of the sentence.
        pred: The predicate read so far (e.g. ``"shot"``).
        pclass: Its class; only ``shot`` and ``injured`` (or none) are reread.

    Returns:
        ``("died", "killed")`` when the clause says the counted died; else ``(pred, pclass)``.

    Example:
        >>> later_outcome(" were shot multiple times and died at the scene.", "shot", "shot")
        ('died', 'killed')
        >>> later_outcome(" were shot and one died.", "shot", "shot")
        ('shot', 'shot')
    """
    if pclass not in (None, "shot", "injured"):
        return pred, pclass
    if _LATER_DEATH.match(after_unit) is None:
        return pred, pclass
    return "died", "killed"
