"""Whole-pipeline cost per article at 10k and 100k articles, estimated from a stratified sample of stories.

A full end-to-end run over 100,000 articles takes hours on two cores; this
measures what such a run would cost, and whether the cost per article grows
with the corpus, in minutes:

1. the scaled corpus of N articles (``bench/corpus.py``) is read and clustered
   whole: this is the only step over the whole corpus, timed in full;
2. its stories are split into strata by size (1, 2–3, 4–7, 8–15, 16–31, 32+
   articles); from each stratum up to ``--per-stratum`` stories are drawn at
   random (all of them when there are fewer) and processed as the pipeline
   does: per-article extraction of their articles, then the per-story
   analysis (alignment, provenance, reconciliation, disputes, brief);
3. each stratum's total is estimated by ratio to text length: the drawn
   stories' CPU seconds per character of their articles, times the characters
   of all the stratum's stories (known, since the whole corpus is read). The
   cost of a story follows the length of its articles, so this is far less
   noisy than the mean per story times the number of stories (reported too,
   as ``*_mean_estimator``), which moved 1.4x between two samples of the same
   shape. The estimate is the sum over strata; a 90% interval comes from
   resampling the drawn stories.

Every size is built with the same shape as the largest (``--same-shape``, the
default): the largest size grows all real articles, a smaller one a sample of
them in proportion (``scaled_corpus(..., bases=)``), so each real article yields
as many articles, stories are as large and copies as common at every size, and
only the number of stories differs. ``--no-same-shape`` grows all real articles
at every size, as ``make bench``'s end-to-end run does: the larger corpus is
then made of larger stories and mostly copies.

Each size runs in a fresh interpreter, in one process on one core (``STORYLEDGER_THREADS=1``) and is
timed in CPU seconds, so other work on the machine inflates it little; two
workers divide the wall time by up to two.

Usage: python bench/bench_sampled.py [--data PATH] [--sizes 10000 100000] [--per-stratum 20] [--no-same-shape]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("STORYLEDGER_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_EDGES = (1, 2, 4, 8, 16, 32)


def _stratum(n: int) -> int:
    return max(i for i, e in enumerate(_EDGES) if n >= e)


def _story_cpu(story, by_id) -> tuple[float, float]:
    """CPU seconds of one story: (extraction of its articles, per-story analysis)."""
    from storyledger.pipeline import StoryTask, analyze_story, prepare_article

    articles = tuple(by_id[i] for i in story.article_ids)
    c0 = time.process_time()
    prepared = [prepare_article(a) for a in articles]
    c1 = time.process_time()
    task = StoryTask(
        story=story,
        articles=articles,
        sentences={a.id: p[0] for a, p in zip(articles, prepared)},
        facts={a.id: p[1] for a, p in zip(articles, prepared)},
    )
    analyze_story(task)
    return c1 - c0, time.process_time() - c1


def measure(data: Path, n: int, per_stratum: int, seed: int = 7, shape_of: int | None = None) -> dict:
    from bench.corpus import real_articles, scaled_corpus, write_corpus
    from storyledger.cluster.batch import cluster
    from storyledger.embed.model import embed
    from storyledger.options import AnalyzeOptions
    from storyledger.pipeline import read_inputs

    real = real_articles(data)
    bases = None if not shape_of or shape_of <= n else max(1, round(len(real) * n / shape_of))
    folder = write_corpus(scaled_corpus(real, n, bases=bases), Path(tempfile.mkdtemp(prefix="storyledger-sampled-")) / f"scale-{n}")
    embed(["warm the model"])  # model loading is a one-off, not a cost per article
    c0 = time.process_time()
    articles, _ = read_inputs([str(folder)], AnalyzeOptions(max_bytes=50_000_000))
    c1 = time.process_time()
    stories = cluster(articles)
    c2 = time.process_time()
    by_id = {a.id: a for a in articles}
    strata: dict[int, list] = {}
    for s in stories:
        strata.setdefault(_stratum(len(s.article_ids)), []).append(s)

    def chars(story) -> int:
        return sum(len(by_id[i].text) for i in story.article_ids)

    rng = random.Random(seed)
    rows, drawn, totals, mean_total = [], {}, {}, 0.0
    for h in sorted(strata):
        members = strata[h]
        sample = members if len(members) <= per_stratum else rng.sample(members, per_stratum)
        costs = [_story_cpu(s, by_id) for s in sample]
        drawn[h] = [(e + a, chars(s)) for (e, a), s in zip(costs, sample)]
        totals[h] = stratum_chars = sum(chars(s) for s in members)
        per_char = sum(c for c, _ in drawn[h]) / max(sum(k for _, k in drawn[h]), 1)
        ext = sum(e for e, _ in costs) / len(costs)
        ana = sum(a for _, a in costs) / len(costs)
        mean_total += (ext + ana) * len(members)
        rows.append({
            "articles_per_story": f"{_EDGES[h]}+" if h == len(_EDGES) - 1 else f"{_EDGES[h]}-{_EDGES[h + 1] - 1}",
            "stories": len(members),
            "articles": sum(len(s.article_ids) for s in members),
            "chars_per_article": round(stratum_chars / max(sum(len(s.article_ids) for s in members), 1)),
            "drawn": len(sample),
            "extract_cpu_s_per_story": round(ext, 3),
            "analysis_cpu_s_per_story": round(ana, 3),
            "cpu_ms_per_1000_chars": round(1e6 * per_char, 2),
            "estimated_total_cpu_s": round(per_char * stratum_chars, 1),
        })
    per_story_total = sum(r["estimated_total_cpu_s"] for r in rows)
    boot = []
    for _ in range(1000):
        est = 0.0
        for h, v in drawn.items():
            pick = [rng.choice(v) for _ in v]
            est += totals[h] * sum(c for c, _ in pick) / max(sum(k for _, k in pick), 1)
        boot.append(est)
    boot.sort()
    read_s, cluster_s = c1 - c0, c2 - c1
    total = read_s + cluster_s + per_story_total
    return {
        "articles": len(articles),
        "real_articles_grown": min(bases or len(real), n),
        "stories": len(stories),
        "read_cpu_s": round(read_s, 1),
        "cluster_cpu_s": round(cluster_s, 1),
        "per_story_cpu_s_estimated": round(per_story_total, 1),
        "per_story_cpu_s_90pct": [round(boot[50], 1), round(boot[949], 1)],
        "cpu_ms_per_article": round(1000 * total / len(articles), 1),
        "cpu_ms_per_article_90pct": [round(1000 * (read_s + cluster_s + boot[k]) / len(articles), 1) for k in (50, 949)],
        "articles_per_cpu_s": round(len(articles) / total, 2),
        "cpu_ms_per_article_mean_estimator": round(1000 * (read_s + cluster_s + mean_total) / len(articles), 1),
        "chars_per_article": round(sum(len(a.text) for a in articles) / len(articles)),
        "strata": rows,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run(data: str | Path, sizes: list[int], per_stratum: int = 20, same_shape: bool = True, echo=None) -> dict:
    """Measure every size in a fresh interpreter; the result by size, and the cost ratio of the largest to the smallest."""
    out: dict = {}
    shape = ["--shape-of", str(max(sizes))] if same_shape else []
    for n in sizes:
        # each size in a fresh interpreter: no cache warmed by the other, its own peak memory
        proc = subprocess.run([sys.executable, __file__, "--data", str(data), "--sizes", str(n),
                               "--per-stratum", str(per_stratum), *shape], capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}")
        out[n] = json.loads(proc.stdout)[str(n)]
        if echo is not None:
            echo(n, out[n])
    if len(out) >= 2:
        lo, hi = min(out), max(out)
        out["cost_ratio"] = round(out[hi]["cpu_ms_per_article"] / out[lo]["cpu_ms_per_article"], 3)
        out["cost_ratio_mean_estimator"] = round(
            out[hi]["cpu_ms_per_article_mean_estimator"] / out[lo]["cpu_ms_per_article_mean_estimator"], 3)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--per-stratum", type=int, default=20)
    parser.add_argument("--same-shape", action=argparse.BooleanOptionalAction, default=True,
                        help="build every size in the shape of the largest (default; see above)")
    parser.add_argument("--shape-of", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if len(args.sizes) == 1:
        result = measure(Path(args.data), args.sizes[0], args.per_stratum, shape_of=args.shape_of)
        print(json.dumps({args.sizes[0]: result}, indent=1), flush=True)
        return 0
    try:
        out = run(args.data, args.sizes, args.per_stratum, args.same_shape,
                  echo=lambda n, r: print(json.dumps({n: r}, indent=1), flush=True))
    except RuntimeError as e:
        print(e)
        return 1
    if "cost_ratio" in out:
        print(f"cost per article {min(args.sizes)} -> {max(args.sizes)}: {out['cost_ratio']:.2f}x "
              f"(mean estimator {out['cost_ratio_mean_estimator']:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
