"""A report's own count of the killed and the injured, chosen by a small learned model.

An article about one incident states many figures: the toll ("two people were killed"),
the people named one by one ("a 17-year-old was fatally shot"), the wounded, the shot,
counts of other things read near a harm verb ("three counts of murder"), and tolls of
other events. :func:`report_tally` picks the article's number killed and injured from
them, headline included:

1. **Candidates**: each distinct value of the article's figures keyed with the harm
   (``killed:…``; for the injured ``injured:…`` and ``shot:…``, and the shot less the
   killed: "six people were shot, one fatally" leaves five injured), from the body and
   from the headline (read by :func:`~storyledger.extract.figures.figures.extract_figures`
   as a text of its own), plus ``0`` (no one); for the injured also an earlier count
   with the "others" added later ("two were wounded ... two others were taken to
   hospital": four, :func:`_sums`); for the killed also the victims with the killer whose
   death their sentence tells apart ("three were killed; the gunman was shot dead": four,
   :func:`_killer_sums`).
2. **Features** of each candidate (:func:`candidate_features`): how often and where it is
   stated (headline, lead, first of the candidates), whose event (``event``), who is
   counted (people, a person noun, a suspect, the police, a noun that counts no people), whether
   all its mentions are noun phrases of another event (``other_implied``),
   how it is written (digits, words, implied by a noun phrase, a vague word, "a deadly
   shooting", the sum of a list of people, a sum with "others"), its size, whether the
   rule of :func:`casualty_count` picks it, whether the same value is counted as shot, whether
   the text tells it as a count risen to ("the death toll rose to 24", ``risen``);
   and each feature again for a report that tells its own event's harm in digits of ten or
   more (:func:`_large_report`) and for one that does not (feature augmentation, a report's
   scale standing for its kind of news), so that a war report's "at least 25 militants were
   killed" and "her son was killed" are weighed by what such reports count, not by what a
   local report of a shooting counts.
3. **Score**: a logistic model over those features (``storyledger/models/tally.json``,
   weights read as plain JSON, no pickle); the best-scoring candidate is the count.

The model is fitted by :func:`fit_tally` (scikit-learn, at build time only) on reports
with known counts, the killed scorer's regularisation chosen on held-out halves of its own
training reports (:func:`choose_c`): ``tools/train_tally.py`` fits the shipped weights on all the
development reports of the Gun Violence Corpus (killed and injured) and of FA-KES (war
reports, killed only), and ``evals/eval_gvc.py`` refits it on the training folds of each
cross-validation fold, so its figures are measured on reports the model never saw.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .figures import casualty_count, extract_figures
from .implied import FATAL_EVENT, PERSON_NOUNS
from .lexicon import PEOPLE_WORDS, role_of, singular
from ...errors import ModelError
from ...records import Article, Figure

__all__ = [
    "BASE_FEATURES",
    "CHOICE_FOLDS",
    "DEFAULT_C",
    "FEATURES",
    "HARMS",
    "KILLED_C_GRID",
    "LARGE_COUNT",
    "Tally",
    "candidate_features",
    "choose_c",
    "fit_tally",
    "fit_tally_model",
    "headline_figures",
    "load_tally_model",
    "report_tally",
]

#: The harms a tally counts.
HARMS = ("killed", "injured")
#: The features of a candidate count as the report tells it.
BASE_FEATURES = (
    "zero", "zero_alone", "zero_harm_words", "n_body", "head", "head_only", "first", "pos", "lead",
    "story", "only_other", "people", "person_noun", "suspect", "police", "nonperson_only", "digits",
    "implied", "fatal_event_only", "vague", "v1", "v2", "v3_9", "largest", "smallest",
    "rule", "shot_same", "from_shot", "shot_minus_killed", "head_v1", "implied_v1", "rule_head", "shot_only",
    "eq_killed", "shot_within_killed", "n_written", "n_implied", "implied_only", "written_people",
    "listed", "sum_others", "sum_only", "other_implied", "risen",
)
#: The features of a candidate count, in the model's order: the base features, then each again
#: in a report that tells its own event's harm in large numbers (``_large``, :func:`_large_report`)
#: and in one that does not (``_small``), so that the scorer learns what the two kinds of report
#: share and where they differ (a war report's single "son" killed is seldom its toll; a local
#: report's "a man was killed" is).
FEATURES = (BASE_FEATURES + tuple(f"{f}_large" for f in BASE_FEATURES)
            + tuple(f"{f}_small" for f in BASE_FEATURES))
#: A count from which a report tells its own event in large numbers.
LARGE_COUNT = 10
#: The inverse L2 strength of the scorers' logistic regressions (the injured scorer's; the killed scorer
#: chooses between it and a weaker one, :data:`KILLED_C_GRID`). Much weaker regularisation (5, 20) gained
#: under a point on the gun reports' folds but let the reports' rarity of tolls of 100 or more outweigh
#: all else, so that a war report's "at least 250 killed" counted none: the default stays at 1. For
#: the same reason no feature tells a count's size above nine (there were ``v10_99`` and ``v100``):
#: the gun reports' rarity of large tolls is their domain's, not news's (without them the folds'
#: killed per report moved from 0.830 to 0.829, and a disaster report's "nearly 260 more people were
#: injured" is its injured count again).
DEFAULT_C = 1.0
#: The inverse L2 strengths the killed scorer chooses among on its own training reports
#: (:func:`choose_c`): the default, and a weaker regularisation, which the reports' many features of
#: how a count is written (a killer added to the victims, a shared determiner) can use where enough
#: reports show them. Chosen per fit, never on the reports an evaluation scores.
KILLED_C_GRID = (DEFAULT_C, 3.0)
#: The parts :func:`choose_c` splits a scorer's training examples into.
CHOICE_FOLDS = 2
_MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "tally.json"
_MONEYISH = frozenset({"money", "percent", "fraction"})
_INJURY_KEYS = ("injured", "wounded", "hurt")
_HARM_WORDS = {
    "killed": re.compile(r"\b(?:kill(?:ed|ing|s)?|dead|died|dies|death|fatal(?:ly)?|murder(?:ed)?|slain|homicide)\b", re.I),
    "injured": re.compile(r"\b(?:injur(?:ed|ies|y)|wound(?:ed|s)?|hurt|hospitali[sz]ed|shot|grazed)\b", re.I),
}
_DIGIT_RE = re.compile(r"\d")
_OTHERS_RE = re.compile(r"\s*(?:\w+\s+)?(?:others|more|other\s+(?:people|persons|victims|men|women))\b", re.I)
_CARE_KEYS = ("hospitalized", "delivered", "evacuated", "rescued")
# A count summed from a list of people ("a man and his son", "was shot along with three others").
_LIST_RE = re.compile(r"\s(?:and|&)\s|,\s|\balong\s+with\b|\bwith\s+\w+\s+others\b", re.I)
_NUMBER_WORD_RE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|several|hundreds?|"
    r"thousands?|both|couple|double|triple|quadruple)\b", re.I)


# A count the text itself tells as the toll risen to ("the death toll rose to 24", "has climbed to at least
# 40", "now stands at 12"): a later state of a count, told as such.
_RISEN_RE = re.compile(r"\b(?:(?:rose|risen|rising|climbed|climbing|increased|jumped|grew|mounted|soared)\s+to"
                       r"|(?:now\s+)?(?:stands?|stood)\s+at)\s+(?:(?:at\s+least|about|around|nearly|almost|more\s+than"
                       r"|over|some)\s+)*$", re.I)


@dataclass(frozen=True, slots=True)
class Tally:
    """A report's count of people killed and injured (0 when it says of none)."""

    killed: int
    injured: int


@dataclass(frozen=True, slots=True)
class _Mention:
    """One figure behind a candidate count: where it stands and how it is written."""

    figure: Figure
    head: bool  # from the headline
    source: str  # "harm" (keyed with the harm), "shot", or "shot-killed" (shot less the killed)


def headline_figures(article: Article) -> tuple[Figure, ...]:
    """The figures of the article's headline (``title``), read as a text of its own.

    Offsets are into the title, not the body; these figures are evidence for the
    report's count, never cited as passages of the body.
    """
    title = (article.title or "").strip()
    if not title or (article.text or "").lstrip().startswith(title[:60]):
        return ()  # no headline, or the body repeats it (its figures are the body's)
    return extract_figures(Article(id=article.id, text=title, published=article.published))


def _unit_class(f: Figure) -> str:
    return (f.key or "").split(":", 1)[1] if ":" in (f.key or "") else ""


def _harm_figures(figures: Sequence[Figure], prefixes: tuple[str, ...]) -> list[Figure]:
    out = []
    for f in figures:
        key = f.key or ""
        if key.split(":", 1)[0] not in prefixes or f.value is None or f.value < 1 or f.currency:
            continue
        if _unit_class(f) in _MONEYISH:
            continue
        out.append(f)
    return out


def _sums(text: str, body: Sequence[Figure], prefixes: tuple[str, ...]) -> Iterator[tuple[int, Figure]]:
    """Counts that add "others" to an earlier count of the same harm: "two were wounded ... two others were
    taken to hospital" (four), with the figure of the others.

    The others are a count of people followed by "others" (or "other people", "more") that no
    other harm is said of; the earlier count is the last figure of the harm before them.
    """
    last: Figure | None = None
    for f in body:
        key = (f.key or "").split(":", 1)[0]
        others = _OTHERS_RE.match(text, f.end) or _OTHERS_RE.search(text, f.start, f.end)
        if others and last is not None and f.value and not f.currency and (key in prefixes or ":" not in (f.key or "")
                                                                            or key in _CARE_KEYS):
            yield int(round(last.value + f.value)), f
        elif key in prefixes and f.value and f.value >= 1 and not f.currency and not others:
            last = f


# The killer's own death as a figure of its own: a suicide clause ("turned the gun on himself", "took his own
# life"), a pronoun subject ("before he was shot and killed by police") or a suspect ("the gunman was killed").
_KILLER_SPAN = re.compile(r"(?:him|her)self\b|own\s+life|suicide", re.I)
_KILLER_PRONOUN = re.compile(r"he|she", re.I)
# Words between the victims and the killer that make the killer one of them ("three dead, including the gunman").
_AMONG_RE = re.compile(r"\b(?:including|among|in\s+all|total)\b|[.!?]\s|\n", re.I)


def _killer_sums(text: str, body: Sequence[Figure]) -> Iterator[tuple[int, Figure, str]]:
    """Counts that add the killer's own death to the victims' count of its sentence: "three neighbors were killed
    on Sunday; the gunman was shot dead by police" (four), with the victims' figure (source ``sum``).

    The killer is a figure of one killed whose words are a suicide, a pronoun subject or a suspect noun; the
    victims the nearest figure of the killed before it in its sentence, of the story's event, with no
    "including" or "among" between (the killer is one of them). Whether the sum is the report's count is the
    model's to weigh, as for any sum.
    """
    for i, k in enumerate(body):
        if (k.key or "").split(":", 1)[0] != "killed" or k.value != 1 or k.event == "other":
            continue
        if not (_KILLER_SPAN.search(text, k.start, k.end) or _KILLER_PRONOUN.fullmatch(text, k.start, k.end)
                or role_of(_unit_class(k)) == "suspect"):
            continue
        for v in reversed(body[:i]):
            if v.end > k.start or _AMONG_RE.search(text, v.end, k.start):
                break
            if (v.key or "").split(":", 1)[0] != "killed" or not v.value or v.currency or v.event == "other" \
                    or _unit_class(v) in _MONEYISH or _KILLER_SPAN.search(text, v.start, v.end):
                continue
            total = int(round(v.value)) + 1  # a count of people, whatever noun counted the victims
            yield total, replace(v, value=float(total), unit="people", key="killed:people"), "sum"
            break


def _candidates(body: Sequence[Figure], head: Sequence[Figure], harm: str,
                killed: int | None, text: str = "") -> dict[int, list[_Mention]]:
    """Every candidate value of ``harm`` with the figures that state it (0 with none).

    A body figure of the killed marked as another event's (``event="other"``: "memories from February
    2005 when her husband was murdered", "so far this year 40 people have been killed") is no
    candidate: measured on the gun reports' folds, dropping them raised the report's and the story's
    killed, where the mark as a feature alone did not; the injured keep theirs (no better there).
    """
    cands: dict[int, list[_Mention]] = {0: []}
    prefixes = ("killed",) if harm == "killed" else _INJURY_KEYS
    for v, f in _sums(text, body, prefixes) if harm == "injured" else ():
        cands.setdefault(v, []).append(_Mention(f, False, "sum"))
    for v, f, source in _killer_sums(text, body) if harm == "killed" else ():
        cands.setdefault(v, []).append(_Mention(f, False, source))
    for is_head, figs in ((False, body), (True, head)):
        if harm == "killed" and not is_head:
            figs = [f for f in figs if f.event != "other"]  # a death of another event: no count of this one
        for f in _harm_figures(figs, prefixes):
            cands.setdefault(int(round(f.value)), []).append(_Mention(f, is_head, "harm"))
        if harm == "injured":
            for f in _harm_figures(figs, ("shot",)):
                v = int(round(f.value))
                cands.setdefault(v, []).append(_Mention(f, is_head, "shot"))
                if killed and v > killed:
                    cands.setdefault(v - killed, []).append(_Mention(f, is_head, "shot-killed"))
    return cands


def _is_person(uclass: str) -> bool:
    return uclass == "people" or uclass in PERSON_NOUNS or singular(uclass) in PERSON_NOUNS \
        or role_of(uclass) is not None or uclass in PEOPLE_WORDS


def _written(text: str, f: Figure) -> str:
    """How a figure is written: ``digits``, ``words`` (a number word) or ``implied`` (a noun phrase)."""
    span = text[f.start:f.end]
    if _DIGIT_RE.search(span):
        return "digits"
    return "words" if _NUMBER_WORD_RE.search(span) else "implied"


def _value_features(v: int, values: list[int], rule: int | None) -> dict[str, float]:
    nonzero = [x for x in values if x]
    return {
        "v1": float(v == 1), "v2": float(v == 2), "v3_9": float(3 <= v <= 9),
        "largest": float(bool(v) and v == max(nonzero)),
        "smallest": float(bool(v) and v == min(nonzero)), "rule": float(rule is not None and v == rule),
    }


def _mention_features(text: str, title: str, mentions: list[_Mention], first_start: int | None) -> dict[str, float]:
    body = [m for m in mentions if not m.head]
    units = [_unit_class(m.figure) for m in mentions]
    written = [_written(title if m.head else text, m.figure) for m in mentions]
    n = max(1, len(text))
    return {
        "n_body": math.log1p(len(body)),
        "head": float(any(m.head for m in mentions)),
        "head_only": float(bool(mentions) and not body),
        "first": float(bool(body) and min(m.figure.start for m in body) == first_start),
        "pos": min((m.figure.start / n for m in body), default=1.0),
        "lead": float(any(m.figure.start < 400 for m in body)),
        "story": float(any(m.figure.event == "story" for m in mentions)),
        "only_other": float(bool(mentions) and all(m.figure.event == "other" for m in mentions)),
        "people": float(any(u == "people" for u in units)),
        "person_noun": float(any(u in PERSON_NOUNS or role_of(u) is not None for u in units)),
        "suspect": float(any(role_of(u) == "suspect" for u in units)),
        "police": float(any(role_of(u) == "police" for u in units)),
        "nonperson_only": float(bool(units) and not any(_is_person(u) or u == FATAL_EVENT for u in units)),
        "digits": float("digits" in written),
        "implied": float("implied" in written),
        "fatal_event_only": float(bool(mentions) and all(m.figure.unit == FATAL_EVENT for m in mentions)),
        "vague": float(any(m.figure.qualifier == "range" or (m.figure.high or 0) > (m.figure.low or 0)
                           for m in mentions)),  # "about 4 to 5" is a range too
        "from_shot": float(any(m.source == "shot" for m in mentions)),
        "n_written": math.log1p(sum(w != "implied" for w in written)),
        "n_implied": math.log1p(sum(w == "implied" for w in written)),
        "implied_only": float(bool(written) and all(w == "implied" for w in written)),
        "written_people": float(any(w != "implied" and u == "people" for w, u in zip(written, units))),
        "shot_minus_killed": float(any(m.source == "shot-killed" for m in mentions)),
        "listed": float(any(m.source != "sum" and _LIST_RE.search((title if m.head else text)[m.figure.start:m.figure.end])
                            for m in mentions)),
        "sum_others": float(any(m.source == "sum" for m in mentions)),
        "sum_only": float(bool(mentions) and all(m.source == "sum" for m in mentions)),
        "other_implied": float(bool(mentions) and all(m.figure.event == "other" and w == "implied"
                                                      for m, w in zip(mentions, written))),
        "risen": float(any(_RISEN_RE.search((title if m.head else text)[max(0, m.figure.start - 40):m.figure.start])
                           for m in mentions)),
    }


def candidate_features(article: Article, figures: Sequence[Figure], harm: str, killed: int | None = None,
                       head: Sequence[Figure] | None = None) -> tuple[list[int], list[list[float]]]:
    """The candidate counts of ``harm`` in one report and the features of each (in :data:`FEATURES` order).

    Args:
        article: The report (its text, and its title as the headline).
        figures: Its figures from :func:`~storyledger.extract.figures.figures.extract_figures`.
        harm: ``"killed"`` or ``"injured"``.
        killed: The report's number killed, for the injured ("shot less killed").
        head: The headline's figures, when already read (else read here).

    Returns:
        The candidate values (``0`` first) and one feature row per value.
    """
    head = headline_figures(article) if head is None else head
    cands = _candidates(figures, head, harm, killed, article.text or "")
    values = list(cands)
    text, title = article.text or "", (article.title or "").strip()
    rule = _rule_pick(figures, head, harm)
    body_starts = [m.figure.start for ms in cands.values() for m in ms if not m.head and m.source == "harm"]
    first = min(body_starts, default=None)
    shot_values = {int(round(f.value)) for f in _harm_figures(list(figures) + list(head), ("shot",))}
    words = _HARM_WORDS[harm].search(text) is not None or _HARM_WORDS[harm].search(title) is not None
    rows = []
    for v in values:
        feats = dict.fromkeys(BASE_FEATURES, 0.0)
        if v == 0:
            feats.update(zero=1.0, zero_alone=float(len(values) == 1), zero_harm_words=float(words))
        else:
            feats.update(_mention_features(text, title, cands[v], first))
            feats.update(_value_features(v, values, rule))
            feats["shot_same"] = float(harm == "killed" and v in shot_values)
            feats["head_v1"] = feats["head"] * feats["v1"]
            feats["implied_v1"] = feats["implied"] * feats["v1"]
            feats["rule_head"] = feats["rule"] * feats["head"]
            shot_only = all(m.source == "shot" for m in cands[v])
            feats["shot_only"] = float(shot_only)
            feats["eq_killed"] = float(bool(killed) and v == killed)
            feats["shot_within_killed"] = float(shot_only and bool(killed) and v <= killed)
        rows.append(feats)
    large = _large_report(values, rows)
    out = []
    for feats in rows:
        base = [feats[k] for k in BASE_FEATURES]
        out.append(base + [x * large for x in base] + [x * (1.0 - large) for x in base])
    return values, out


def _large_report(values: list[int], rows: list[dict[str, float]]) -> float:
    """1.0 when the report tells its own event's harm in digits of :data:`LARGE_COUNT` or more.

    Such a report (a war's, a disaster's) counts by other habits than a local report of one
    shooting: its single "son" killed is seldom its toll. The mark is the report's own
    evidence, read from its candidates, not a word list of topics.
    """
    return float(any(v >= LARGE_COUNT and f["digits"] and f["story"] for v, f in zip(values, rows)))


def _rule_pick(figures: Sequence[Figure], head: Sequence[Figure], harm: str) -> int | None:
    """The rule's count: :func:`casualty_count` for the killed, the first injury figure for the injured."""
    if harm == "killed":
        got = casualty_count(list(figures)) or casualty_count(list(head))
        return None if got is None else int(round(got))
    first = _harm_figures(list(figures) + list(head), _INJURY_KEYS)
    return int(round(first[0].value)) if first else None


def fit_tally(examples: Sequence[tuple[list[int], list[list[float]], int]], c: float = DEFAULT_C, *,
              features: Sequence[str] = FEATURES, max_iter: int = 2000, unit: str = "reports") -> dict:
    """Fit a candidate scorer on examples with known counts: a logistic regression of "this candidate
    is the count" over the candidates' feature rows (a report's, or a story's with
    :mod:`storyledger.reconcile.tally_scorer`'s features).

    Args:
        examples: One ``(values, feature rows, known count)`` per report (or story), as
            :func:`candidate_features` gives them.
        c: The inverse L2 strength of the logistic regression.
        features: The names of the rows' columns, kept with the model.
        max_iter: The solver's iteration limit.
        unit: What one example is ("reports", "stories"), for the error.

    Returns:
        The model as plain data: ``{"features", "coef", "intercept"}`` (JSON-ready).

    Raises:
        ValueError: no example's known count is among its candidates, or every one is.
    """
    from sklearn.linear_model import LogisticRegression  # build time only

    xs = [row for _, rows, _ in examples for row in rows]
    ys = [int(v == gold) for values, rows, gold in examples for v, _ in zip(values, rows)]
    if len(set(ys)) < 2:
        raise ValueError(f"a tally scorer needs {unit} whose known count is among the candidates and some that are not")
    lr = LogisticRegression(C=c, max_iter=max_iter)
    lr.fit(xs, ys)
    return {"features": list(features), "coef": [round(float(w), 6) for w in lr.coef_[0]],
            "intercept": round(float(lr.intercept_[0]), 6)}


def choose_c(examples: Sequence[tuple[list[int], list[list[float]], int]], keys: Sequence[str],
             grid: Sequence[float] = KILLED_C_GRID, **fit_options: object) -> float:
    """The inverse L2 strength of ``grid`` whose scorer picks the known count most often on held-out examples.

    The examples are split in :data:`CHOICE_FOLDS` parts by a hash of their ``keys`` (a report's id);
    each value of ``grid`` is fitted on all parts but one and scored on that one, for each part, and the
    one with the most exact picks wins (the first of ``grid`` on a tie). Where a part cannot be fitted
    (too few examples: all hits or all misses), the first of ``grid``. ``fit_options`` go to
    :func:`fit_tally` (``features``, ``max_iter`` of another scorer of the same form).
    """
    parts = [_part(k) for k in keys]
    best, best_hits = grid[0], -1
    for c in grid:
        hits = 0
        for p in range(CHOICE_FOLDS):
            try:
                scorer = fit_tally([e for e, q in zip(examples, parts) if q != p], c, **fit_options)
            except ValueError:
                return grid[0]
            hits += sum(_best(v, x, scorer) == gold for (v, x, gold), q in zip(examples, parts) if q == p)
        if hits > best_hits:
            best, best_hits = c, hits
    return best


def _part(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % CHOICE_FOLDS


def fit_tally_model(reports: Sequence[tuple[Article, Sequence[Figure], int, int]], c: float = DEFAULT_C,
                    killed_only: Sequence[tuple[Article, Sequence[Figure], int]] = (),
                    killed_c: float | None = None) -> dict:
    """Fit both scorers (killed, then injured) on reports with known counts.

    The injured scorer is fitted on the candidates the fitted killed scorer leaves
    (the shot less the killed it picks), as :func:`report_tally` will read them.

    Args:
        reports: One ``(article, its figures, number killed, number injured)`` per report.
        c: The inverse L2 strength of the injured scorer's logistic regression.
        killed_only: Reports whose number killed only is known (``(article, figures, killed)``):
            examples of the killed scorer too.
        killed_c: The killed scorer's; ``None``: chosen among :data:`KILLED_C_GRID` on these
            reports alone (:func:`choose_c`), kept in the scorer as ``"c"``.

    Returns:
        ``{"killed": scorer, "injured": scorer}``, JSON-ready, for :func:`report_tally`.
    """
    heads = [headline_figures(a) for a, _, _, _ in reports]
    killed_rows = [candidate_features(a, figs, "killed", head=h) for (a, figs, _, _), h in zip(reports, heads)]
    extra = [(*candidate_features(a, figs, "killed"), k) for a, figs, k in killed_only]
    examples = [(v, x, k) for (v, x), (_, _, k, _) in zip(killed_rows, reports)] + extra
    if killed_c is None:
        killed_c = choose_c(examples, [a.id for a, *_ in reports] + [a.id for a, *_ in killed_only])
    killed = {**fit_tally(examples, killed_c), "c": killed_c}
    picks = [_best(v, x, killed) for v, x in killed_rows]
    injured = fit_tally([(*candidate_features(a, figs, "injured", killed=p, head=h), i)
                         for (a, figs, _, i), h, p in zip(reports, heads, picks)], c)
    return {"killed": killed, "injured": injured}


@lru_cache(maxsize=1)
def load_tally_model() -> dict:
    """The shipped model (``storyledger/models/tally.json``): one scorer per harm.

    Raises:
        ModelError: when the file is missing, damaged or names other features than :data:`FEATURES`.
    """
    try:
        model = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"{_MODEL_PATH}: cannot read the tally model ({e})") from None
    for harm in HARMS:
        if not isinstance(model, dict) or model.get(harm, {}).get("features") != list(FEATURES):
            raise ModelError(f"{_MODEL_PATH} was fitted on other features: run tools/train_tally.py")
    return model


def _best(values: list[int], rows: list[list[float]], scorer: dict) -> int:
    coef, b = scorer["coef"], scorer["intercept"]
    scores = [b + sum(w * x for w, x in zip(coef, row) if x) for row in rows]
    return values[max(range(len(values)), key=lambda i: (scores[i], -i))]


def report_tally(article: Article, figures: Sequence[Figure], model: dict | None = None) -> Tally:
    """The report's number killed and injured, chosen from its figures and its headline's.

    Args:
        article: The report (``text``; ``title`` read as its headline).
        figures: Its figures from :func:`~storyledger.extract.figures.figures.extract_figures`.
        model: ``{"killed": scorer, "injured": scorer}`` as :func:`fit_tally` gives them;
            the shipped model when ``None``.

    Returns:
        A :class:`Tally` (0 where the report counts no one).

    Example:
        >>> a = Article(id="a", text="Six people were shot, one fatally, police said.")
        >>> report_tally(a, extract_figures(a))
        Tally(killed=1, injured=5)
    """
    model = load_tally_model() if model is None else model
    head = headline_figures(article)
    values, rows = candidate_features(article, figures, "killed", head=head)
    killed = _best(values, rows, model["killed"])
    values, rows = candidate_features(article, figures, "injured", killed=killed, head=head)
    return Tally(killed=killed, injured=_best(values, rows, model["injured"]))
