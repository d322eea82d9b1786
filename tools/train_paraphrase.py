"""Train the sentence-pair model of ``storyledger.align.paraphrase`` on the MSRP train split.

Usage::

    python tools/train_paraphrase.py [--data PATH] [--out storyledger/models/paraphrase.json]
    STORYLEDGER_GENERAL_MODEL=minilm-l3-int8 python tools/train_paraphrase.py   # that model's own pair model

The cosine feature is the general sentence model's in use
(``STORYLEDGER_GENERAL_MODEL``); the default output is that model's pair model
(:func:`storyledger.align.cosines.pair_model_path`).

Reads ``<data>/msrp/msr_paraphrase_train.txt`` (TSV: label, id1, id2, sentence1,
sentence2; BOM on line 1), embeds every sentence with the packaged MiniLM in one
batched call, computes :func:`storyledger.align.paraphrase.feature_matrix`, and fits a bag
of small one-hidden-layer networks (scikit-learn, standardised inputs), and a
second bag that also reads the out-of-fold cosines of MiniLM fine-tuned on MSRP
(``evals/data/msrp_tuned_cosines.json``, from ``tools/finetune_encoder.py``)
and decides where the first is unsure (:data:`BAND`). The
decision threshold is the one that maximises the mean of accuracy and F1 of the
full verdict (the number, negation and role vetoes and the surface kinds
applied) over 10-fold cross-validated predictions (of single networks, for
speed). Measured by the same cross-validation, gradient-boosted trees, a bigger
or more regularised network, an average of trees and networks, MiniLM token
alignment (BERTScore-like) features and the raw sentence vectors did no better. Only numbers are written: the feature
names, the scaler, each network's weights and the thresholds, as JSON; the
runtime does the arithmetic in numpy and never unpickles anything.

The same functions serve ``evals/eval_align.py``, which retrains inside each
cross-validation fold. Deterministic for a given data file (fixed seeds).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from _msrp import data_key, fifth, load_msrp  # noqa: E402,F401  (path set just above; fifth and load_msrp serve evals/eval_align.py)
from storyledger.align.pair_features import FEATURES, feature_matrix  # noqa: E402
from storyledger.align.paraphrase import SECOND_FEATURES  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval"
HIDDEN = 32
ALPHA = 1.0
N_BAG = 5
RELATED_THRESHOLD = 0.25
# First-stage probabilities between which the second stage (which reads the
# verdict model's cosine too) decides. Chosen by cross-validation (three fold
# seeds): any band from 0.1-0.9 to 0.25-0.75 scores as the second stage on
# every pair does (0.3-0.7 loses 0.001), and this one sends 38% of MSRP pairs
# to the verdict model.
BAND = (0.25, 0.75)
VERDICT_COSINES = ROOT / "evals" / "data" / "msrp_tuned_cosines.json"


def verdict_cosines(rows, path: Path = VERDICT_COSINES) -> np.ndarray:
    """Out-of-fold cosines of the verdict model for MSRP rows (``tools/finetune_encoder.py``).

    Each pair's cosine comes from the encoder fine-tuned on the other four
    fifths, so a model trained on them learns how far to trust the cosine of a
    pair the shipped encoder has never seen.
    """
    saved = json.loads(path.read_text(encoding="utf-8"))
    if saved.get("data") != data_key(rows) or len(saved["cosines"]) != len(rows):
        raise SystemExit(f"{path} was computed on other data: run tools/finetune_encoder.py")
    return np.array(saved["cosines"], dtype=np.float64)


def featurise(rows, cache: Path | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix, labels and both sentences' MiniLM vectors for MSRP rows.

    The vectors are cached in ``cache`` (keyed by a hash of the sentences), since
    embedding 8,000 sentences takes minutes on two cores.
    """
    from storyledger.embed.model import embed, general_model

    a = [r[1] for r in rows]
    b = [r[2] for r in rows]
    key = data_key(rows)
    name = "msrp-minilm" if general_model() == "minilm-l6" else f"msrp-{general_model()}"
    vecs = None
    if cache is not None:
        file = cache / f"{name}-{key}.npy"
        if file.is_file():
            vecs = np.load(file)
    if vecs is None:
        vecs = embed(a + b)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            np.save(cache / f"{name}-{key}.npy", vecs)
    va, vb = vecs[: len(a)], vecs[len(a) :]
    cos = (va * vb).sum(axis=1)
    x = feature_matrix(list(a), list(b), [float(c) for c in cos])
    y = np.array([r[0] for r in rows])
    return x, y, va, vb


def fit_cascade(x: np.ndarray, c: np.ndarray, y: np.ndarray, *, n_bag: int = N_BAG, seed: int = 0) -> dict:
    """Both stages: the first on ``x``, the second on ``x`` and the verdict cosines ``c``."""
    model = fit(x, y, n_bag=n_bag, seed=seed)
    second = fit(np.column_stack([x, c]), y, n_bag=n_bag, seed=seed, features=SECOND_FEATURES)
    model["second"] = {k: second[k] for k in ("features", "mean", "scale", "nets")} | {"band": list(BAND)}
    return model


def fit(x: np.ndarray, y: np.ndarray, *, n_bag: int = N_BAG, seed: int = 0, features=FEATURES) -> dict:
    """Fit the bagged networks on ``x, y``; return the JSON-ready model (threshold 0.5 until set)."""
    from sklearn.neural_network import MLPClassifier

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    nets = []
    for k in range(n_bag):
        net = MLPClassifier((HIDDEN,), alpha=ALPHA, max_iter=3000, random_state=seed + k).fit(z, y)
        nets.append(
            {
                "w1": net.coefs_[0].round(6).tolist(),
                "b1": net.intercepts_[0].round(6).tolist(),
                "w2": net.coefs_[1][:, 0].round(6).tolist(),
                "b2": float(net.intercepts_[1][0]),
            }
        )
    return {
        "kind": "bagged-mlp-relu",
        "features": list(features),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "nets": nets,
        "threshold": 0.5,
        "related_threshold": RELATED_THRESHOLD,
    }


def surface_rules(rows) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, what the kind rules decide whatever the model says: ``(close, blocked)``.

    ``close``: the words alone make the pair ``verbatim`` or ``near_verbatim``;
    ``blocked``: it cannot be a ``paraphrase`` (nothing to align, or a number,
    negation or role veto). The verdict is "paraphrase-or-closer" exactly when
    ``close or (p >= threshold and not blocked)``.
    """
    from storyledger.align.paraphrase import surface_verdict

    close, blocked = [], []
    for _, a, b in rows:
        decided, _, vetoed = surface_verdict(a, b)
        close.append(decided is not None and decided.kind != "different")
        blocked.append(vetoed or (decided is not None and decided.kind == "different"))
    return np.array(close), np.array(blocked)


def best_threshold(p: np.ndarray, y: np.ndarray, close=None, blocked=None) -> float:
    """The threshold maximising the mean of accuracy and F1 of the verdict at ``p >= t``.

    With ``close`` and ``blocked`` (:func:`surface_rules`) the verdict is the
    full one, kind rules included, which is what ``compare --pairs`` reports;
    without, the model's alone.
    """
    close = np.zeros(len(p), dtype=bool) if close is None else close
    blocked = np.zeros(len(p), dtype=bool) if blocked is None else blocked
    best, best_t = -1.0, 0.5
    for t in np.arange(0.30, 0.70, 0.01):
        pred = close | ((p >= t) & ~blocked)
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / max(pred.sum() + (y == 1).sum(), 1)
        acc = float((pred == (y == 1)).mean())
        if (acc + f1) / 2 > best:
            best, best_t = (acc + f1) / 2, float(t)
    return round(best_t, 2)


def cross_val_probabilities(
    x: np.ndarray, c: np.ndarray, y: np.ndarray, open_: np.ndarray, folds: int = 10, seed: int = 0, n_bag: int = N_BAG
) -> np.ndarray:
    """Out-of-fold paraphrase probabilities of the cascade, trained on the other folds."""
    from sklearn.model_selection import StratifiedKFold

    from storyledger.align.paraphrase import cascade_probabilities

    p = np.zeros(len(y))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
        model = fit_cascade(x[train], c[train], y[train], n_bag=n_bag)
        p[test] = cascade_probabilities(model, x[test], open_[test], c[test])
    return p


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--out", default=None, help="default: the pair model of the general model in use")
    parser.add_argument("--cache", default="/tmp/storyledger-eval-cache", help="folder for cached MiniLM vectors ('' for none)")
    args = parser.parse_args()
    path = Path(args.data) / "msrp" / "msr_paraphrase_train.txt"
    if not path.is_file():
        print(f"MSRP train split not found at {path}")
        return 1
    t0 = time.perf_counter()
    rows = load_msrp(path)
    x, y, _, _ = featurise(rows, Path(args.cache) if args.cache else None)
    c = verdict_cosines(rows)
    print(f"{len(rows)} pairs featurised in {time.perf_counter() - t0:.0f} s")
    close, blocked = surface_rules(rows)
    p = cross_val_probabilities(x, c, y, ~close & ~blocked, n_bag=1)  # single networks: the threshold moves little with the bag
    threshold = best_threshold(p, y, close, blocked)
    pred = close | ((p >= threshold) & ~blocked)
    tp = float((pred & (y == 1)).sum())
    print(f"10-fold CV at threshold {threshold}, kind rules included: accuracy {(pred == (y == 1)).mean():.3f}, "
          f"F1 {2 * tp / (pred.sum() + (y == 1).sum()):.3f}")
    model = fit_cascade(x, c, y)
    model["threshold"] = threshold
    from storyledger.embed import general_model

    model["trained_on"] = f"MSRP train split, {len(rows)} pairs ({int(y.sum())} paraphrases), cosines of {general_model()}"
    from storyledger.align.cosines import pair_model_path

    out = Path(args.out) if args.out else pair_model_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
