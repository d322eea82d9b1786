"""The thresholds of alignment and derivation that rest on the general sentence model, per model.

Every threshold here but one is on the cosine of the general sentence model
(:func:`storyledger.embed.model.general_model`), so each model has its own
row. The row of ``minilm-l6`` (the default) holds the values the alignment was
built with, and so does the row of the student distilled from it
(``minilm-student-int8``), trained to give its vectors; the row of the
paraphrase-MiniLM-L3 copy was refit to make its decisions:
for each threshold, the cosine of that model at the same rank among the
candidate pairs of real news stories (as many pairs pass it), fit on training
folds of stories (``tools/fit_general_thresholds.py`` prints the fit and, on
the held-out stories, how often the two models' decisions agree). The pair
model each one reads (``models/paraphrase.json`` for the default) is trained
on its own cosines by ``tools/train_paraphrase.py``.

The one that is not a cosine rests on what the cosines align: the text
evidence that decides a derivation's direction alone
(:mod:`storyledger.align.provenance`), chosen for each model as it was for the
default, on the training folds of ``evals/eval_provenance.py`` (the smallest
value that keeps wrong directions under 5%).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CosineThresholds",
    "THRESHOLDS",
    "pair_model_path",
    "thresholds",
]


@dataclass(frozen=True, slots=True)
class CosineThresholds:
    """The general model's cosines that alignment decides by.

    Attributes:
        min_related: below it no pair is ``related`` (a pair on its own or in a story).
        sure_paraphrase: at or above it a paraphrase needs no sure model probability,
            and a ``related`` pair need not be a mutual best match.
        min_paraphrase: in a story, below it no pair is a paraphrase, and no pair asks
            the verdict model.
        same_content: in a story, a mutual best match at or above it is the same
            content reworded (a paraphrase) unless a figure, negation or role differs.
        best_margin: how far below a sentence's best match a pair may fall and
            still count as a mutual best match.
        min_undecided: the default of ``AlignSettings.min_undecided_cosine``: an
            undecided pair below it never reaches the pair model.
        strong_text: rare-word marks and added facts (``text_evidence``) that decide
            a derivation's direction alone.
    """

    min_related: float
    sure_paraphrase: float
    min_paraphrase: float
    same_content: float
    best_margin: float
    min_undecided: float
    strong_text: float


THRESHOLDS: dict[str, CosineThresholds] = {
    "minilm-l6": CosineThresholds(
        min_related=0.6, sure_paraphrase=0.8, min_paraphrase=0.7, same_content=0.88, best_margin=0.03, min_undecided=0.3,
        strong_text=19.0,
    ),
    # cosines: 188 real news stories, 53,072 candidate pairs, the five fold fits within 0.01 of these;
    # strong_text: 22 on each of eval_provenance's 4-fold training sets, as on all of them
    "minilm-l3-int8": CosineThresholds(
        min_related=0.571, sure_paraphrase=0.771, min_paraphrase=0.665, same_content=0.869, best_margin=0.047,
        min_undecided=0.275, strong_text=22.0,
    ),
    # trained to give the default's own vectors (tools/distill_general.py): the default's row, kept
    # (the refit of tools/fit_general_thresholds.py is in BENCHMARKS.md)
    "minilm-student-int8": CosineThresholds(
        min_related=0.6, sure_paraphrase=0.8, min_paraphrase=0.7, same_content=0.88, best_margin=0.03, min_undecided=0.3,
        strong_text=19.0,
    ),
}

_MODELS = Path(__file__).resolve().parents[1] / "models"


def thresholds(model: str | None = None) -> CosineThresholds:
    """The thresholds of a general model (default: the one in use).

    Raises:
        ConfigError: the model in use names no known model.
        ModelError: the model has no fitted row.
    """
    from ..embed import general_model
    from ..errors import ModelError

    name = model or general_model()
    try:
        return THRESHOLDS[name]
    except KeyError:
        raise ModelError(f"no alignment thresholds were fit for the sentence model {name!r}") from None


def pair_model_path(model: str | None = None) -> Path:
    """The pair model's JSON file for a general model (default: the one in use)."""
    from ..embed import general_model

    name = model or general_model()
    if name == "minilm-l6":
        return _MODELS / "paraphrase.json"
    return _MODELS / "minilm-l3" / f"paraphrase-{name}.json"
