"""Reword a text by plain synonym substitution, as the cheap "article spinners" do.

Usage: python reword.py SOURCE > REWORDED

Each plain word listed below is swapped for a thesaurus synonym that is rarer
in news text, and an outlet's name after "told" is swapped for a generic word,
the marks such tools leave. Used once to make tests/data/align_reworded.txt
from tests/data/align_source.txt; kept so the fixture can be remade.
"""

import re
import sys

SYNONYMS = {
    "forced": "compelled",
    "people": "individuals",
    "homes": "residences",
    "town": "township",
    "says": "asserts",
    "said": "asserted",
    "burst": "ruptured",
    "banks": "embankments",
    "early": "prematurely",
    "heavy": "hefty",
    "used": "utilised",
    "reach": "attain",
    "families": "households",
    "trapped": "ensnared",
    "houses": "dwellings",
    "killed": "murdered",
    "injured": "wounded",
    "failed": "faltered",
    "places": "locations",
    "closed": "shuttered",
    "main": "principal",
    "sent": "dispatched",
    "trucks": "lorries",
    "expects": "anticipates",
    "asked": "implored",
    "return": "come back",
    "estimate": "approximate",
    "damage": "devastation",
    "temporary": "provisional",
    "opened": "commenced",
    "handing": "doling",
    "warned": "cautioned",
}
OUTLET = re.compile(r"\btold the [A-Z][\w]*(?: [A-Z][\w]*)*")


def reword(text: str) -> str:
    """The text with every listed word swapped, keeping its capital."""
    text = OUTLET.sub("told sources", text)

    def swap(m):
        word = m.group()
        new = SYNONYMS.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    return re.sub(r"[A-Za-z]+", swap, text)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(reword(f.read()))
