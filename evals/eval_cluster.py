"""Story clustering on ECB+, NewsWCL50, BASIL and AllSides: B-cubed P/R/F1 beside a TF-IDF baseline.

Usage::

    python evals/eval_cluster.py [--data PATH] [--fit] [--embed] [--min-probability P] [--folds K]

Each long-article dataset is split by topic into a dev half and a held-out half
(``_cluster_data.split_halves``); the model weights in ``storyledger/cluster/batch.py``
were fitted on those dev halves only (``--fit`` refits and prints them). Every
long-article figure is printed for dev, held-out and all, for each dataset
alone and for all datasets POOLED into one run (the real test: stories of every
kind mixed).

AllSides/NeuS excerpts (short excerpts of one story by two or three outlets)
are reported by K-fold cross-validation over their stories
(:func:`cross_validate`): the settings tuned on them, the IDF prior
(``features.IDF_PRIOR_DOCS``) and the floor and margin of the second pass that
attaches articles left alone (``ClusterSettings.attach_floor`` /
``attach_margin``), are chosen on the other folds, and the fold is
clustered with all stories together, in small inputs of three stories, and each
story alone; the split rate is the share of stories whose excerpts land in more
than one story. Their dev/held/all rows use the shipped setting, and so does
the incremental row (:func:`incremental_alone_split`: each story's excerpts
reach a new ``StoryIndex`` one at a time, as ``ingest`` would see them); the
shipped floor and margin were chosen by the cross-validation above, on all
AllSides stories, so that row is not a held-out figure.

ECB+ is scored at the event level (a story is one of the two similar events of
a topic: the original ECB documents vs the ECB+ documents) and, for
information, at the topic level.

Baseline, computed in the same run: TF-IDF cosine (scikit-learn defaults) and
average-linkage agglomerative clustering, its distance threshold tuned on the
dev half of the same dataset (or the pooled dev set).

Floors are in ``evals/floors/cluster.json`` (held-out and all); exit 1 when a
figure falls below its floor.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
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
from storyledger.cluster import batch as cb  # noqa: E402
from storyledger.cluster import features as cf  # noqa: E402
from storyledger.cluster.story_index import StoryIndex  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "cluster.json"
LOADERS = {"ecbplus": load_ecbplus, "newswcl50": load_newswcl50, "basil": load_basil}
# Not in the pooled set: stories of another kind (short excerpts), cross-validated apart.
UNSEEN = {"allsides": load_allsides}
FOLDERS = {"ecbplus": "ecbplus", "newswcl50": "newswcl50", "basil": "basil", "allsides": "allsides_neus"}


def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    p = float(np.mean([both[(a, b)] / pc[a] for a, b in zip(pred, gold)]))
    r = float(np.mean([both[(a, b)] / gc[b] for a, b in zip(pred, gold)]))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _baseline_tree(items: list[Labelled]):
    """The average-linkage tree of the TF-IDF baseline (``None`` for fewer than two items)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(items) < 2:
        return None
    x = TfidfVectorizer().fit_transform([it.article.text for it in items])
    d = np.clip(1.0 - (x @ x.T).toarray(), 0.0, None)
    np.fill_diagonal(d, 0.0)
    return linkage(squareform((d + d.T) / 2, checks=False), "average")


def _cut(tree, n: int, threshold: float) -> list[int]:
    from scipy.cluster.hierarchy import fcluster

    return [0] * n if tree is None else list(fcluster(tree, 1.0 - threshold, "distance"))


def baseline(items: list[Labelled], threshold: float) -> list[int]:
    """TF-IDF cosine + average-linkage agglomerative clustering at a similarity threshold."""
    return _cut(_baseline_tree(items), len(items), threshold)


def tune_baseline(dev: list[Labelled]) -> float:
    """The baseline's similarity threshold with the best event-level B-cubed F1 on ``dev``."""
    gold = [it.event for it in dev]
    tree = _baseline_tree(dev)
    grid = np.round(np.arange(0.05, 0.95, 0.01), 2)
    return float(max(grid, key=lambda t: (bcubed(_cut(tree, len(dev), t), gold)[2], -t)))


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


def incremental_alone_split(items: list[Labelled], settings: cl.ClusterSettings) -> float:
    """Share of stories split when each story's excerpts reach a new :class:`StoryIndex` one at a time.

    The ``ingest`` path on short excerpts: an outlet's report arrives, then the
    next one's. A story is split when its excerpts end in more than one story.
    """
    _, alone = by_date_groups(items)
    split = []
    for story in alone:
        index = StoryIndex(settings)
        of: dict[str, str] = {}
        for it in sorted(story, key=lambda x: x.article.id):
            of.update(index.add([it.article]))
        split.append(len({of[it.article.id] for it in story}) > 1)
    return float(np.mean(split)) if split else 0.0


def _pairs(items: list[Labelled], settings: cl.ClusterSettings):
    """Features, candidate pairs, their columns and labels for one set clustered together."""
    order = sorted(range(len(items)), key=lambda k: items[k].article.id)
    arts = [items[k].article for k in order]
    gold = np.array([items[k].event for k in order])
    f = cb._featurize(arts, None, settings)
    i, j = cb.candidate_pairs(f, settings)
    return f, i, j, cb.pair_features(f, i, j), gold[i] == gold[j]


def fit_model(train_sets: list[list[Labelled]], settings: cl.ClusterSettings):
    """The two logistic models fitted on the candidate pairs of each training set.

    Each set is featurised on its own (as it would be clustered); the pairs of
    all sets are pooled. Returns ``((w1, b1), (w2, b2))`` as ``batch`` holds them.
    """
    sets = [_pairs(items, settings) for items in train_sets if len(items) > 1]
    cols = [0, 1, 2, 3] if sets[0][0].lead is not None else [0, 1, 3]
    x = np.vstack([s[3] for s in sets])
    y = np.concatenate([s[4] for s in sets])
    w1 = np.zeros(4)
    w1[cols], b1 = _monotone_logistic(x[:, cols], y)
    second = []
    for f, i, j, xs, _ in sets:
        p1 = cb._sigmoid(xs @ w1 + b1 - cb._time_penalty(f, i, j, settings))
        second.append(np.column_stack([xs, cb._shared_neighbours(f.words.shape[0], i, j, p1, settings.n_shared)]))
    x2 = np.vstack(second)
    w2 = np.zeros(5)
    w2[cols + [4]], b2 = _monotone_logistic(x2[:, cols + [4]], y)
    return (w1, b1), (w2, b2)


@contextlib.contextmanager
def idf_prior(docs: float):
    """Cluster with ``docs`` pseudo-documents in the IDF prior (``features.IDF_PRIOR_DOCS``)."""
    saved = cf.IDF_PRIOR_DOCS
    cf.IDF_PRIOR_DOCS = docs
    try:
        yield
    finally:
        cf.IDF_PRIOR_DOCS = saved


def fit(train_sets: list[list[Labelled]], settings: cl.ClusterSettings) -> None:
    """Refit the two logistic models on the training sets and print them as ``batch`` holds them."""
    n_pairs = n_pos = n_all_pos = 0
    for k, items in enumerate(train_sets):
        f, i, j, _, y = _pairs(items, settings)
        all_pos = sum(c * (c - 1) // 2 for c in Counter(it.event for it in items).values())
        n_pairs, n_pos, n_all_pos = n_pairs + len(i), n_pos + int(y.sum()), n_all_pos + all_pos
        if k < 2 or k == len(train_sets) - 1:
            label = f"{len(train_sets) - 2} small inputs" if k >= 2 else f"set {k + 1} ({len(items)} articles)"
            print(f"{label}: {n_pairs} candidate pairs, recall of same-story pairs {n_pos / max(n_all_pos, 1):.3f}")
            n_pairs = n_pos = n_all_pos = 0
    (w1, b1), (w2, b2) = fit_model(train_sets, settings)
    print("first:", np.round(w1, 2).tolist(), round(b1, 2))
    print("second:", np.round(w2, 2).tolist(), round(b2, 2))


def folds(items: list[Labelled], k: int) -> list[set[str]]:
    """Stories split into ``k`` folds: ordered by a hash of their name and dealt out in turn."""
    import hashlib

    topics = sorted({x.event for x in items}, key=lambda t: hashlib.sha1(t.encode()).hexdigest())
    return [set(topics[n::k]) for n in range(k)]


def split_rate(pred: list, gold: list) -> float:
    """Share of gold stories whose items land in more than one predicted story."""
    splits = _splits(pred, gold)
    return sum(splits) / max(1, len(splits))


def _item_bcubed(pred: list, gold: list, mask: list[bool]) -> tuple[list[float], list[float]]:
    """Per-item B-cubed precision and recall over the whole run, for the masked items."""
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    p = [both[(a, b)] / pc[a] for a, b, m in zip(pred, gold, mask) if m]
    r = [both[(a, b)] / gc[b] for a, b, m in zip(pred, gold, mask) if m]
    return p, r


def by_date_groups(items: list[Labelled], k: int = 3) -> tuple[list[list[Labelled]], list[list[Labelled]]]:
    """Small inputs: ``k`` stories at a time in date order (a folder of one day's news), and each story alone."""
    by: dict[str, list[Labelled]] = {}
    for it in items:
        by.setdefault(it.event, []).append(it)
    order = sorted(by, key=lambda e: (by[e][0].article.published or "", e))
    return [[x for e in order[n:n + k] for x in by[e]] for n in range(0, len(order), k)], [by[e] for e in order]


# Priors above 30 pseudo-documents are not tried: in a set of 40 long articles
# (NewsWCL50 alone) they flatten the IDF enough to merge its events (at 100: B-cubed
# F1 1.000 -> 0.866).
PRIOR_GRID = (0.0, 10.0, 30.0)


# The second pass (``batch.attach_singletons``): (floor, margin) pairs tried on the
# training folds; a floor of 1 turns it off.
ATTACH_GRID = ((1.0, 0.0), (0.4, 0.1), (0.3, 0.1), (0.2, 0.1), (0.1, 0.1), (0.3, 0.2), (0.2, 0.2), (0.1, 0.2))


def _linked(items: list[Labelled], settings: cl.ClusterSettings):
    """Gold labels (article-id order) and the pairs, probabilities and average-linkage labels before the second pass."""
    order = sorted(range(len(items)), key=lambda k: items[k].article.id)
    arts = [items[k].article for k in order]
    gold = [items[k].event for k in order]
    if len(arts) < 2:
        return gold, None
    f = cb._featurize(arts, None, settings)
    i, j = cb.candidate_pairs(f, settings)
    s = cb.score(f, i, j, settings)
    return gold, (i, j, s, cb.average_linkage(len(arts), i, j, s, settings.min_probability))


def _attached(linked, floor: float, margin: float) -> list[int]:
    """Labels after the second pass at ``(floor, margin)``, as ``cluster()`` would give them."""
    gold, run = linked
    if run is None:
        return [0] * len(gold)
    i, j, s, labels = run
    return cb.attach_singletons(labels, (i, j), s, floor, margin)


def _small_inputs_score(items: list[Labelled], settings: cl.ClusterSettings) -> dict[tuple[float, float], float]:
    """Training objective per second-pass setting of ``ATTACH_GRID``: B-cubed F1 over small
    inputs of three stories, plus the share of stories kept whole alone."""
    small, alone = by_date_groups(items)
    small_runs = [_linked(group, settings) for group in small]
    alone_runs = [_linked(story, settings) for story in alone]
    out = {}
    for floor, margin in ATTACH_GRID:
        p, r = [], []
        for run in small_runs:
            gp, gr = _item_bcubed(_attached(run, floor, margin), run[0], [True] * len(run[0]))
            p, r = p + gp, r + gr
        mp, mr = float(np.mean(p)), float(np.mean(r))
        whole = float(np.mean([len(set(_attached(run, floor, margin))) == 1 for run in alone_runs]))
        out[(floor, margin)] = (2 * mp * mr / (mp + mr) if mp + mr else 0.0) + whole
    return out


def cross_validate(items: list[Labelled], settings: cl.ClusterSettings, k: int) -> dict:
    """K-fold cross-validation over the stories of ``items`` (short excerpts).

    For each fold, the IDF prior (``features.IDF_PRIOR_DOCS``, from ``PRIOR_GRID``)
    and the second pass's floor and margin (from ``ATTACH_GRID``) are chosen
    together on the other folds (:func:`_small_inputs_score`) and the baseline's
    threshold tuned on them. The fold's stories are then clustered three ways:
    every article of ``items`` together (per-article B-cubed over the whole run
    for the fold's articles), in small inputs of three stories of neighbouring
    dates, and each story alone (an editor's input: is it one story?). A story
    is split when its articles land in more than one predicted story.
    """
    out: dict[str, dict[str, list]] = {}

    def add(name: str, key: str, values) -> None:
        out.setdefault(name, {}).setdefault(key, []).extend(values)

    gold = [it.event for it in items]
    chosen = []
    for test in folds(items, k):
        train = [it for it in items if it.event not in test]
        scores = {}
        for docs in PRIOR_GRID:
            with idf_prior(docs):
                for attach, value in _small_inputs_score(train, settings).items():
                    scores[(docs, *attach)] = value
        # ties: the smaller prior, then the more cautious second pass
        prior, floor, margin = max(scores, key=lambda c: (scores[c], -c[0], c[1], c[2]))
        chosen.append((prior, floor, margin))
        fold_settings = dataclasses.replace(settings, attach_floor=floor, attach_margin=margin)
        thr = tune_baseline(train)
        mask = [g in test for g in gold]
        small, alone = by_date_groups([it for it in items if it.event in test])
        with idf_prior(prior):
            runs = {"ours": (lambda its: ours(its, fold_settings)), "baseline": (lambda its: baseline(its, thr))}
            for name, run in runs.items():
                pred = run(items)
                p, r = _item_bcubed(pred, gold, mask)
                add(name, "all_p", p)
                add(name, "all_r", r)
                add(name, "all_split", _splits([x for x, m in zip(pred, mask) if m], [g for g, m in zip(gold, mask) if m]))
                for group in small:
                    pred = run(group)
                    p, r = _item_bcubed(pred, [x.event for x in group], [True] * len(group))
                    add(name, "small_p", p)
                    add(name, "small_r", r)
                    add(name, "small_split", _splits(pred, [x.event for x in group]))
                add(name, "alone_split", [len(set(run(story))) > 1 for story in alone])
    res: dict = {"chosen": chosen}
    for name, v in out.items():
        row = {}
        for part in ("all", "small"):
            p, r = float(np.mean(v[f"{part}_p"])), float(np.mean(v[f"{part}_r"]))
            row[part] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, float(np.mean(v[f"{part}_split"])))
        row["alone_split"] = float(np.mean(v["alone_split"]))
        res[name] = row
    return res


def _splits(pred: list, gold: list) -> list[bool]:
    """Per gold story: do its items land in more than one predicted story?"""
    seen: dict = {}
    for p, g in zip(pred, gold):
        seen.setdefault(g, set()).add(p)
    return [len(v) > 1 for v in seen.values()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--fit", action="store_true", help="refit the pair models on the dev halves and print them")
    ap.add_argument("--embed", action="store_true", help="add MiniLM lead embeddings (off by default, as in cluster())")
    ap.add_argument("--min-probability", type=float, default=None)
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds over AllSides stories (1: none)")
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
    long_dev = data["pooled" if "pooled" in data else next(iter(data))][0]
    short = data["allsides"][0] + data["allsides"][1] if "allsides" in data else []
    if args.fit:
        fit([long_dev], settings)
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
    if short:
        split = incremental_alone_split(short, settings)
        floor = floors.get("allsides/incremental/one_story")
        print(f"StoryIndex.add one excerpt at a time, each AllSides story alone: split {split:.3f}, "
              f"one story {1 - split:.3f} (floor {floor}; default settings)")
        if floor is not None and 1 - split < floor:
            failed.append("allsides/incremental/one_story")
    if short and args.folds > 1:
        failed += report_cv(short, settings, args.folds, floors)
    if failed:
        print("below floor: " + ", ".join(failed))
        return 1
    return 0


def report_cv(short: list[Labelled], settings: cl.ClusterSettings, k: int, floors: dict) -> list[str]:
    """Print the cross-validated AllSides figures beside the baseline; the keys below their floors."""
    t0 = time.perf_counter()
    res = cross_validate(short, settings, k)
    print(f"AllSides, {k}-fold cross-validation by story (chosen on the other folds, IDF prior documents / "
          f"second-pass floor / margin: {', '.join('/'.join(f'{v:g}' for v in c) for c in res['chosen'])}; "
          f"{time.perf_counter() - t0:.0f} s):")
    print(f"  {'input':<34} {'ours P':>7} {'R':>6} {'F1':>6} {'split':>6}   {'base P':>7} {'R':>6} {'F1':>6} {'split':>6}")
    o, b = res["ours"], res["baseline"]
    for part, label in (("all", "all stories together"), ("small", "three stories of nearby dates")):
        print(f"  {label:<34} {o[part][0]:7.3f} {o[part][1]:6.3f} {o[part][2]:6.3f} {o[part][3]:6.3f}   "
              f"{b[part][0]:7.3f} {b[part][1]:6.3f} {b[part][2]:6.3f} {b[part][3]:6.3f}")
    print(f"  {'each story alone':<34} {'':>7} {'':>6} {'':>6} {o['alone_split']:6.3f}   "
          f"{'':>7} {'':>6} {'':>6} {b['alone_split']:6.3f}")
    figures = {"allsides/cv/event": o["all"][2], "allsides/cv/small_event": o["small"][2],
               "allsides/cv/one_story": 1.0 - o["alone_split"]}
    failed = []
    for key, value in figures.items():
        floor = floors.get(key)
        ok = floor is None or value >= floor
        print(f"  {key} {value:.3f}" + (f" (floor {floor:.3f}{'' if ok else '  BELOW FLOOR'})" if floor is not None else ""))
        if not ok:
            failed.append(key)
    return failed


if __name__ == "__main__":
    sys.exit(main())
