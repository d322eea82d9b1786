"""Fit the brief's word-salience model on the AllSides roundups, cross-validated, and write it.

Each content unit of a story (:func:`storyledger.reconcile.salience.salience_features`)
is labelled by whether the editors' neutral roundup states it (the content units
of ``evals/eval_brief.py``: a surface form of the unit is among the roundup's).
A logistic regression over the six features is scored by k-fold
cross-validation over all stories (fold = position in the hash order of
``eval_brief.py`` modulo ``--folds``; ROC AUC on each held-out fold, beside the
one-feature baseline, the share of outlets using the unit), then fit on every
story and shipped. ``eval_brief.py`` refits it the same way without each fold
(:func:`fold_models`), so the brief's figures it prints are held out.

Usage::

    python evals/fit_brief_salience.py [--data PATH] [--folds K] [--write]

``--write`` replaces ``storyledger/models/brief_salience.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_brief import DEFAULT_DATA, FOLDS, content, load_stories  # noqa: E402
from storyledger.reconcile.salience import SALIENCE_FEATURES, SALIENCE_MODEL, salience_features, unit_words  # noqa: E402
from storyledger.text import segment_article  # noqa: E402

C = 1.0  # the logistic regression's inverse regularisation (sklearn's default), not tuned


def rows_of(story) -> list[tuple[tuple[float, ...], bool]]:
    """(features, stated by the roundup) for each content unit of the story."""
    facts = content(story.roundup)
    sents = {a.id: segment_article(a) for a in story.articles}
    surface: dict[str, set[str]] = {}
    for a in story.articles:
        for s in sents[a.id]:
            for u, w in unit_words(s.text):
                surface.setdefault(u, set()).add(w)
    feats = salience_features(story.articles, sents, {a.id: a.id for a in story.articles})
    return [(x, any(content(w) & facts for w in surface.get(u, ()))) for u, x in feats.items()]


def fit_model(rows: Sequence[tuple[tuple[float, ...], bool]], note: str = "") -> dict:
    """A salience model (the shipped JSON's shape) fit on ``rows``."""
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=C, max_iter=1000).fit([r[0] for r in rows], [r[1] for r in rows])
    return {
        "features": list(SALIENCE_FEATURES),
        "coef": [round(float(c), 6) for c in fit.coef_[0]],
        "intercept": round(float(fit.intercept_[0]), 6),
        "fit": note,
    }


def fold_models(stories: Sequence, folds: int = FOLDS) -> list[dict]:
    """Per fold ``f``, the model fit on every story whose hash-order position modulo ``folds`` is not ``f``."""
    rows = [rows_of(s) for s in stories]
    return [
        fit_model([r for k, rs in enumerate(rows) if k % folds != f for r in rs], f"without fold {f} of {folds}")
        for f in range(folds)
    ]


def _auc(model: dict, rows) -> float:
    import math

    from sklearn.metrics import roc_auc_score

    score = [model["intercept"] + sum(c * x for c, x in zip(model["coef"], r[0])) for r in rows]
    return roc_auc_score([r[1] for r in rows], [1 / (1 + math.exp(-s)) for s in score])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--write", action="store_true", help=f"write {SALIENCE_MODEL}")
    args = parser.parse_args()
    from sklearn.metrics import roc_auc_score

    stories = load_stories(args.data)
    rows = [rows_of(s) for s in stories]
    aucs, base = [], []
    for f in range(args.folds):
        held = [r for k, rs in enumerate(rows) if k % args.folds == f for r in rs]
        model = fit_model([r for k, rs in enumerate(rows) if k % args.folds != f for r in rs])
        aucs.append(_auc(model, held))
        base.append(roc_auc_score([r[1] for r in held], [r[0][0] for r in held]))
        print(f"fold {f}: {len(held)} units held out; ROC AUC model {aucs[-1]:.3f}, outlet share alone {base[-1]:.3f}")
    mean_auc, mean_base = sum(aucs) / len(aucs), sum(base) / len(base)
    print(f"{len(stories)} stories, {args.folds}-fold ROC AUC: model {mean_auc:.3f}, outlet share alone {mean_base:.3f}")
    everything = [r for rs in rows for r in rs]
    model = fit_model(everything, f"AllSides roundups, every story ({len(stories)} stories, {len(everything)} units), "
                                  f"C={C}; {args.folds}-fold ROC AUC {mean_auc:.3f} (outlet share alone {mean_base:.3f})")
    for name, c in zip(SALIENCE_FEATURES, model["coef"]):
        print(f"  {name:14s}{c:+.3f}")
    print(f"  {'intercept':14s}{model['intercept']:+.3f}")
    if args.write:
        SALIENCE_MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SALIENCE_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
