"""Refit alignment's cosine thresholds for another general sentence model, on real news stories.

Usage::

    python tools/fit_general_thresholds.py --model minilm-l3-int8 [--data PATH] [--limit N] [--folds 5]

Every threshold of :mod:`storyledger.align.cosines` was set on the cosines of
the default model (``minilm-l6``). For another model, each is refit to make the
same decisions: the real news articles of the evaluation folder (BASIL,
NewsWCL50, FA-KES, ECB+, each text once, clustered as ``analyze`` clusters
them) give, per story of two articles or more, the candidate pairs whose
cosine alignment reads (the pairs the words leave undecided, and the aligned
pairs the mutual-best test compares them with). Both models embed their
sentences. For each threshold ``t`` of the default model, the new one is the
cosine of the new model at the same rank among the pairs (so as many pairs
pass it); the margin of the mutual-best test is divided by the slope of the
default model's cosine on the new one's (least squares over pairs whose
default cosine is at least 0.5). Fit on training folds of stories
(``GroupKFold``); printed: each fold's values and, on the held-out stories,
how often "at or above" agrees with the default model's decision, beside the
share a constant answer gets. Then the values fit on every story, the row to
put in ``THRESHOLDS``.

Needs the runtime only (scikit-learn for the folds).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = "minilm-l6"
NAMES = ("min_related", "sure_paraphrase", "min_paraphrase", "same_content", "min_undecided")
_ENV = "STORYLEDGER_GENERAL_MODEL"


def story_pairs(articles, sentences, stories) -> tuple[list[list[str]], list[np.ndarray]]:
    """Per story of two articles or more: its sentence texts, and the index pairs whose cosine alignment reads."""
    from storyledger.align import story as st

    by_id = {a.id: a for a in articles}
    texts, pairs = [], []
    settings = st.AlignSettings()
    for s in stories:
        if len(s.article_ids) < 2:
            continue
        story = st._read_story([by_id[i] for i in s.article_ids], sentences)
        if story is None:
            continue
        lexical, undecided = st._lexical_verdicts(story, st._oriented_candidates(story, settings))
        refine = st._lexical_pairs_to_refine(story.owners, lexical, undecided)
        ij = list(undecided) + [lexical[k][0] for k in refine]
        if ij:
            texts.append(story.texts)
            pairs.append(np.asarray(ij, dtype=np.int64))
    return texts, pairs


def cosines(texts: list[list[str]], pairs: list[np.ndarray], model: str) -> np.ndarray:
    """The model's cosine of every pair, story after story."""
    from storyledger.embed import embed

    os.environ[_ENV] = model
    out = []
    for t, ij in zip(texts, pairs):
        need = np.unique(ij)
        vecs = np.zeros((len(t), 384), dtype=np.float32)
        vecs[need] = embed([t[i] for i in need.tolist()])
        out.append(np.einsum("ij,ij->i", vecs[ij[:, 0]], vecs[ij[:, 1]]))
    return np.concatenate(out)


def fit(c_new: np.ndarray, c_old: np.ndarray, old: dict[str, float]) -> dict[str, float]:
    """The new model's thresholds: each at the rank of the old one; the margin by the local slope."""
    out = {}
    for name in NAMES:
        share_below = float((c_old < old[name]).mean())
        out[name] = round(float(np.quantile(c_new, share_below)), 3)
    top = c_old >= 0.5
    slope = float(np.polyfit(c_new[top], c_old[top], 1)[0]) if top.sum() > 10 else 1.0
    out["best_margin"] = round(old["best_margin"] / max(slope, 1e-3), 3)
    return out


def agreement(c_new: np.ndarray, c_old: np.ndarray, old: dict[str, float], new: dict[str, float]) -> dict[str, dict]:
    """Per threshold: how often the new model's decision agrees with the old one's, and a constant answer's share."""
    out = {}
    for name in NAMES:
        want = c_old >= old[name]
        got = c_new >= new[name]
        out[name] = {"agree": round(float((want == got).mean()), 4),
                     "constant": round(float(max(want.mean(), 1 - want.mean())), 4),
                     "above_recall": round(float((got & want).sum() / max(want.sum(), 1)), 4)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--save", default=None, help="write the pairs' cosines of both models here (.npz)")
    parser.add_argument("--default-cosines", default=None,
                        help="read the default model's cosines from a file --save wrote on the same data")
    args = parser.parse_args()
    from dataclasses import asdict

    from sklearn.model_selection import GroupKFold

    from bench.bench_model_need import read_stories
    from storyledger.align.cosines import THRESHOLDS

    articles, sentences, _, stories = read_stories(Path(args.data), args.limit)
    texts, pairs = story_pairs(articles, sentences, stories)
    groups = np.concatenate([np.full(len(ij), k) for k, ij in enumerate(pairs)])
    c_old = np.load(args.default_cosines)["old"] if args.default_cosines else cosines(texts, pairs, DEFAULT)
    if len(c_old) != len(groups):
        sys.exit(f"{args.default_cosines} holds other pairs: leave it out")
    c_new = cosines(texts, pairs, args.model)
    if args.save:
        np.savez(args.save, old=c_old, new=c_new, groups=groups)
    old = asdict(THRESHOLDS[DEFAULT])
    print(f"{len(texts)} stories, {len(c_old)} pairs; cosines correlate {np.corrcoef(c_old, c_new)[0, 1]:.3f}")
    held = {name: [] for name in NAMES}
    for k, (train, test) in enumerate(GroupKFold(args.folds).split(c_old, groups=groups)):
        new = fit(c_new[train], c_old[train], old)
        scores = agreement(c_new[test], c_old[test], old, new)
        print(f"fold {k}: fit {json.dumps(new)}")
        for name in NAMES:
            held[name].append(scores[name])
    print("held-out stories (mean over folds): agreement with the default model's decision, vs a constant answer")
    for name in NAMES:
        mean = {key: round(float(np.mean([s[key] for s in held[name]])), 4) for key in ("agree", "constant", "above_recall")}
        print(f"  {name:16s} old {old[name]:.3f}: {mean}")
    print("fit on every story:", json.dumps(fit(c_new, c_old, old)))
    kept = agreement(c_new, c_old, old, old)  # nothing fit: how far the default's own values carry over
    print("the default's values kept, every story:", json.dumps(kept))
    return 0


if __name__ == "__main__":
    sys.exit(main())
