"""How much each word of a story is worth to its summary: a small logistic model over where the word sits.

A story's **content units** are the stems of its content words (function words
and words of two letters left out) and its numbers. A unit is salient when
several outlets use it, often, in a headline or an opening sentence, as a name
or as a number. A logistic model over those six signals gives each unit the
probability that a neutral summary of the story states it; it is fit on
reference summaries by ``evals/fit_brief_salience.py`` (the AllSides editors'
roundups, every story; 5-fold cross-validated ROC AUC 0.746 against 0.688 for
the share of outlets alone) and shipped as
``storyledger/models/brief_salience.json``; ``evals/eval_brief.py`` refits it
without each story's fold, so the brief's figures it prints are held out.

The brief's summary (:mod:`.brief_select`) covers the most salient units in the
fewest words: a line is worth the salience of the units it adds to what is told
less a price for its words (:func:`line_value`); the lead is the outlets'
opening line of most worth, each further line the one of most worth, and the
summary stops when no line is worth its words.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from ..records import Article, Sentence
from ..text import STOP

__all__ = [
    "SALIENCE_FEATURES",
    "SALIENCE_MODEL",
    "WORD_PRICE",
    "content_units",
    "line_value",
    "load_salience_model",
    "salience_features",
    "unit_salience",
    "unit_words",
]

SALIENCE_FEATURES = ("outlet_share", "log_count", "in_headline", "in_opening", "name", "number")
SALIENCE_MODEL = Path(__file__).resolve().parents[1] / "models" / "brief_salience.json"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*|(?<![\w-])\d+(?:[.,]\d+)*")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
# What a brief line's word costs, in expected summary units: a line is worth showing only when the salience of
# the units it adds exceeds this much per word (a reader's time is matched in words, and so is the evaluation's
# lead baseline). Chosen on folds 0-1 of the AllSides stories (grid 0.10-0.30) and checked on folds 2-4; the
# training folds of every one of five folds pick it (``evals/eval_brief.py`` prints the figures).
WORD_PRICE = 0.2


def _stem(word: str) -> str:
    """A light suffix-stripping stem of a lower-cased word ("talks", "talked" -> "talk")."""
    w = word.replace("’", "'").removesuffix("'s")
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def unit_words(text: str) -> list[tuple[str, str]]:
    """(unit, surface word) for each content word or number of ``text``, in order.

    Example:
        >>> unit_words("Talks resumed on 1,200 jobs.")
        [('talk', 'Talks'), ('resum', 'resumed'), ('1200', '1,200'), ('job', 'jobs')]
    """
    out = []
    for w in _WORD.findall(text):
        if w[0].isdigit():
            out.append((w.replace(",", ""), w))
            continue
        lw = w.lower()
        if len(lw) > 2 and lw not in STOP:
            out.append((_stem(lw), w))
    return out


@lru_cache(maxsize=20_000)
def content_units(text: str) -> frozenset[str]:
    """The content units of a text: stems of its content words and its numbers (commas dropped).

    Example:
        >>> sorted(content_units("The talks on the 1,200 jobs were talked about again."))
        ['1200', 'again', 'job', 'talk']
    """
    return frozenset(u for u, _ in unit_words(text))


def salience_features(
    articles: Sequence[Article],
    sents: Mapping[str, Sequence[Sentence]],
    lineage: Mapping[str, str],
) -> dict[str, tuple[float, ...]]:
    """Each content unit of a story with its :data:`SALIENCE_FEATURES`.

    ``outlet_share`` is the share of the story's other lineages (copies of one
    text count once) that use the unit; ``log_count`` the log of its occurrences;
    ``in_headline`` whether an article's title has it; ``in_opening`` whether an
    article's first sentence has it; ``name`` whether it is capitalised inside a
    sentence; ``number`` whether it is written in digits.
    """
    lins = {a.id: str(lineage.get(a.id, a.id)) for a in articles}
    others = max(len(set(lins.values())) - 1, 1)
    seen: dict[str, dict] = {}
    for a in articles:
        headline = content_units(a.title or "")
        for s in sents.get(a.id, ()):
            for k, (u, w) in enumerate(unit_words(s.text)):
                d = seen.setdefault(u, {"lin": set(), "n": 0, "head": False, "open": False, "name": False})
                d["lin"].add(lins[a.id])
                d["n"] += 1
                d["head"] |= u in headline
                d["open"] |= s.index == 0
                d["name"] |= k > 0 and w[0].isupper()
    return {
        u: ((len(d["lin"]) - 1) / others, math.log(d["n"]), float(d["head"]), float(d["open"]), float(d["name"]),
            float(u[0].isdigit()))
        for u, d in seen.items()
    }


@lru_cache(maxsize=1)
def load_salience_model(path: Path = SALIENCE_MODEL) -> dict:
    """The shipped model: ``{"features": [...], "coef": [...], "intercept": float}``.

    Raises:
        ModelError: when the file is missing, damaged or names other features than :data:`SALIENCE_FEATURES`.
    """
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"{path}: cannot read the brief's salience model ({e})") from None
    if not isinstance(model, dict) or model.get("features") != list(SALIENCE_FEATURES):
        raise ModelError(f"{path} was fitted on other features: run evals/fit_brief_salience.py")
    return model


def unit_salience(
    articles: Sequence[Article],
    sents: Mapping[str, Sequence[Sentence]],
    lineage: Mapping[str, str],
    model: Mapping | None = None,
) -> dict[str, float]:
    """Each content unit of a story with the probability (0..1) that a neutral summary of it states the unit.

    Args:
        articles: the story's articles (their titles are read as headlines).
        sents: each article's sentences, in text order.
        lineage: article id -> lineage (copies of one text are one lineage).
        model: a fitted model (default: the shipped one, :func:`load_salience_model`).
    """
    m = model or load_salience_model()
    coef, b = m["coef"], m["intercept"]
    return {
        u: 1.0 / (1.0 + math.exp(-(b + sum(w * x for w, x in zip(coef, row)))))
        for u, row in salience_features(articles, sents, lineage).items()
    }


def line_value(
    text: str, salience: Mapping[str, float], told: frozenset[str] = frozenset(), price: float = WORD_PRICE
) -> float:
    """What a line adds to a brief, net of its length: the salience of its content units not in ``told``
    (the number of them a neutral summary is expected to state) less ``price`` per word.

    Example:
        >>> line_value("Floods closed the river road.", {"flood": 0.9, "clos": 0.6, "river": 0.5, "road": 0.5}, price=0.2)
        1.5
        >>> line_value("Floods closed the river road.", {"flood": 0.9, "clos": 0.6}, frozenset({"flood", "clos"}), price=0.2)
        -1.0
    """
    return sum(salience.get(u, 0.0) for u in content_units(text) - told) - price * len(text.split())
