"""Story clustering on ECB+, NewsWCL50 and BASIL: B-cubed P/R/F1 beside a TF-IDF baseline.

Usage::

    python evals/eval_cluster.py [--data PATH] [--fit] [--embed] [--min-probability P]

Each dataset is split by topic into a dev half and a held-out half
(``_cluster_data.split_halves``); the model weights in ``storyledger/cluster/batch.py``
were fitted on the dev halves only (``--fit`` refits and prints them). Every
figure is printed for dev, held-out and all, for each dataset alone and for all
datasets POOLED into one run (the real test: stories of every kind mixed).

ECB+ is scored at the event level (a story is one of the two similar events of
a topic: the original ECB documents vs the ECB+ documents) and, for
information, at the topic level.

Baseline, computed in the same run: TF-IDF cosine (scikit-learn defaults) and
average-linkage agglomerative clustering, its distance threshold tuned on the
dev half of the same dataset (or the pooled dev set).

AllSides/NeuS excerpts (never used for tuning) are reported beside, not pooled.

Floors are in ``evals/floors/cluster.json`` (held-out and all); exit 1 when a
figure falls below its floor.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cluster_data import (  # noqa: E402
    Labelled,
    load_allsides,
    load_basil,
    load_ecbplus,
    load_newswcl50,
    split_halves,
)

from storyledger import cluster as cl  # noqa: E402
from storyledger.cluster.story_index import StoryIndex  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "cluster.json"
LOADERS = {"ecbplus": load_ecbplus, "newswcl50": load_newswcl50, "basil": load_basil}
# Never tuned on, not in the pooled set: a check on stories of another kind (short excerpts).
UNSEEN = {"allsides": load_allsides}
FOLDERS = {"ecbplus": "ecbplus", "newswcl50": "newswcl50", "basil": "basil", "allsides": "allsides_neus"}


def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    p = float(np.mean([both[(a, b)] / pc[a] for a, b in zip(pred, gold)]))
    r = float(np.mean([both[(a, b)] / gc[b] for a, b in zip(pred, gold)]))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def baseline(items: list[Labelled], threshold: float) -> list[int]:
    """TF-IDF cosine + average-linkage agglomerative clustering at a similarity threshold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(items) < 2:
        return [0] * len(items)
    x = TfidfVectorizer().fit_transform([it.article.text for it in items])
    d = np.clip(1.0 - (x @ x.T).toarray(), 0.0, None)
    np.fill_diagonal(d, 0.0)
    z = linkage(squareform((d + d.T) / 2, checks=False), "average")
    return list(fcluster(z, 1.0 - threshold, "distance"))


def tune_baseline(dev: list[Labelled]) -> float:
    """The baseline's similarity threshold with the best event-level B-cubed F1 on ``dev``."""
    gold = [it.event for it in dev]
    grid = np.round(np.arange(0.05, 0.95, 0.01), 2)
    return float(max(grid, key=lambda t: (bcubed(baseline(dev, t), gold)[2], -t)))


def ours(items: list[Labelled], settings: cl.ClusterSettings) -> list[str]:
    """Story id of each item under :func:`storyledger.cluster.batch.cluster`."""
    stories = cl.cluster([it.article for it in items], settings=settings)
    of = {aid: st.id for st in stories for aid in st.article_ids}
    return [of[it.article.id] for it in items]


def _monotone_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-regularised logistic regression with non-negative weights.

    Every input is a similarity, so more of it must never lower the probability
    of one story; the bound keeps collinear similarities from taking opposite
    signs on a few hundred training pairs.
    """
    from scipy.optimize import minimize

    sw = np.where(y, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    t = y.astype(float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        nll = np.sum(sw * (np.logaddexp(0, z) - t * z)) + 0.5 * l2 * w @ w
        g = sw * (p - t)
        return nll, np.append(x.T @ g + l2 * w, g.sum())

    bounds = [(0.0, None)] * x.shape[1] + [(None, None)]
    res = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return res.x[:-1], float(res.x[-1])


CHUNK = 50


def incremental(items: list[Labelled], settings: cl.ClusterSettings) -> list[str]:
    """Story id of each item when the articles arrive in chunks through :class:`StoryIndex`."""
    index = StoryIndex(settings)
    of: dict[str, str] = {}
    for lo in range(0, len(items), CHUNK):
        of.update(index.add([it.article for it in items[lo : lo + CHUNK]]))
    return [of[it.article.id] for it in items]


def fit(dev: list[Labelled], settings: cl.ClusterSettings) -> None:
    """Refit the two logistic models on candidate pairs of the pooled dev set and print them."""
    arts = [it.article for it in dev]
    order = sorted(range(len(arts)), key=lambda k: arts[k].id)
    arts = [arts[k] for k in order]
    gold = np.array([dev[k].event for k in order])
    f = cl._featurize(arts, None, settings)
    i, j = cl._candidates(f, settings)
    y = gold[i] == gold[j]
    all_pos = sum(c * (c - 1) // 2 for c in Counter(gold).values())
    print(f"candidates: {len(i)} pairs, recall of same-story pairs {y.sum() / max(all_pos, 1):.3f}")
    x = cl.pair_features(f, i, j)
    cols = [0, 1, 2, 3] if f.lead is not None else [0, 1, 3]
    w1 = np.zeros(4)
    w1[cols], b1 = _monotone_logistic(x[:, cols], y)
    print("first:", np.round(w1, 2).tolist(), round(b1, 2))
    p1 = cl._sigmoid(x @ w1 + b1 - cl._time_penalty(f, i, j, settings))
    s2 = cl._shared_neighbours(len(arts), i, j, p1, settings.n_shared)
    x2 = np.column_stack([x, s2])
    cols2 = cols + [4]
    w2 = np.zeros(5)
    w2[cols2], b2 = _monotone_logistic(x2[:, cols2], y)
    print("second:", np.round(w2, 2).tolist(), round(b2, 2))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--fit", action="store_true", help="refit the pair models on the dev halves and print them")
    ap.add_argument("--embed", action="store_true", help="add MiniLM lead embeddings (off by default, as in cluster())")
    ap.add_argument("--min-probability", type=float, default=None)
    args = ap.parse_args(argv)
    settings = cl.ClusterSettings(is_embedding=args.embed)
    if args.min_probability is not None:
        settings = cl.ClusterSettings(is_embedding=args.embed, min_probability=args.min_probability)

    data: dict[str, tuple[list[Labelled], list[Labelled]]] = {}
    for name, loader in LOADERS.items():
        folder = args.data / FOLDERS[name]
        if not folder.is_dir():
            print(f"skipped: {name} not found at {folder}")
            continue
        data[name] = split_halves(loader(args.data))
    if len(data) > 1:
        data["pooled"] = (
            [x for n in list(data) for x in data[n][0]],
            [x for n in list(data) for x in data[n][1]],
        )
        # the pooled set is the three tuned datasets; an unseen set stays apart
    for name, loader in UNSEEN.items():
        folder = args.data / FOLDERS[name]
        if not folder.is_dir():
            print(f"skipped: {name} not found at {folder}")
            continue
        data[name] = split_halves(loader(args.data))
    if not data:
        return 0
    if args.fit:
        fit(data["pooled" if "pooled" in data else next(iter(data))][0], settings)
        return 0

    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = []
    print(f"{'dataset':<10} {'half':<5} {'n':>4} {'level':<6} {'ours P':>7} {'R':>6} {'F1':>6}   "
          f"{'base P':>7} {'R':>6} {'F1':>6}  floor")
    for name, (dev, held) in data.items():
        thr = tune_baseline(dev)
        for half, items in (("dev", dev), ("held", held), ("all", dev + held)):
            t0 = time.perf_counter()
            pred = ours(items, settings)
            secs = time.perf_counter() - t0
            base = baseline(items, thr)
            levels = ["event"] + (["topic"] if name in ("ecbplus", "pooled") else [])
            for level in levels:
                gold = [getattr(it, level) for it in items]
                p, r, f1 = bcubed(pred, gold)
                bp, br, bf = bcubed(base, gold)
                key = f"{name}/{half}/{level}"
                floor = floors.get(key)
                mark = ""
                if floor is not None:
                    mark = f"{floor:.3f}" + ("  BELOW FLOOR" if f1 < floor else "")
                    if f1 < floor:
                        failed.append(key)
                print(f"{name:<10} {half:<5} {len(items):>4} {level:<6} {p:7.3f} {r:6.3f} {f1:6.3f}   "
                      f"{bp:7.3f} {br:6.3f} {bf:6.3f}  {mark}")
            if name == "pooled" and half == "all":
                print(f"cluster() on the pooled set: {len(items)} articles in {secs:.1f} s = "
                      f"{len(items) / secs:.0f} articles/s (lead embeddings {'on' if settings.is_embedding else 'off'})")
                t0 = time.perf_counter()
                inc = incremental(items, settings)
                secs = time.perf_counter() - t0
                p, r, f1 = bcubed(inc, [it.event for it in items])
                floor = floors.get("pooled/all/incremental")
                print(f"StoryIndex.add in chunks of {CHUNK} (dataset order), pooled/all event: "
                      f"P {p:.3f} R {r:.3f} F1 {f1:.3f} (floor {floor}); {len(items) / secs:.0f} articles/s")
                if floor is not None and f1 < floor:
                    failed.append("pooled/all/incremental")
        print(f"{'':<10} baseline threshold (tuned on {name} dev): {thr:.2f}")
    if failed:
        print("below floor: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
