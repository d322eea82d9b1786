"""Fit the brief's word-salience model on the AllSides roundups (hash half A only) and write it.

Each content unit of a story (:func:`storyledger.reconcile.salience.salience_features`)
is labelled by whether the editors' neutral roundup states it (the content units
of ``evals/eval_brief.py``: a surface form of the unit is among the roundup's);
a logistic regression over the six features is fit on half A of the stories
(every second story in the order of a hash of its id, the half that
``eval_brief.py`` prints as "half A") and scored on half B (ROC AUC), beside the
one-feature baseline (the share of outlets using the unit).

Usage::

    python evals/fit_brief_salience.py [--data PATH] [--write]

``--write`` replaces ``storyledger/models/brief_salience.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_brief import DEFAULT_DATA, content, load_stories  # noqa: E402
from storyledger.reconcile.salience import SALIENCE_FEATURES, SALIENCE_MODEL, salience_features, unit_words  # noqa: E402
from storyledger.text import segment_article  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true", help=f"write {SALIENCE_MODEL}")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    stories = load_stories(args.data)
    halves = ([], [])
    for k, story in enumerate(stories):
        halves[k % 2].extend(rows_of(story))
    xa, xb = [r[0] for r in halves[0]], [r[0] for r in halves[1]]
    ya, yb = [r[1] for r in halves[0]], [r[1] for r in halves[1]]
    fit = LogisticRegression(C=1.0, max_iter=1000).fit(xa, ya)
    auc = roc_auc_score(yb, fit.predict_proba(xb)[:, 1])
    base = roc_auc_score(yb, [x[0] for x in xb])
    print(f"{len(stories)} stories; units: half A {len(ya)} (fit), half B {len(yb)} (scored)")
    print(f"ROC AUC on half B: model {auc:.3f}, outlet share alone {base:.3f}")
    model = {
        "features": list(SALIENCE_FEATURES),
        "coef": [round(float(c), 6) for c in fit.coef_[0]],
        "intercept": round(float(fit.intercept_[0]), 6),
        "fit": f"AllSides roundups, hash half A ({sum(1 for k in range(len(stories)) if k % 2 == 0)} stories, "
               f"{len(ya)} units), C=1; ROC AUC on half B {auc:.3f} (outlet share alone {base:.3f})",
    }
    for name, c in zip(SALIENCE_FEATURES, model["coef"]):
        print(f"  {name:14s}{c:+.3f}")
    print(f"  {'intercept':14s}{model['intercept']:+.3f}")
    if args.write:
        SALIENCE_MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SALIENCE_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
