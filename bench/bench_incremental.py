"""Incremental ingest cost against store size: 100 new articles into stores of 1,000 and 10,000.

Each store is built from the real articles of ``../shared/eval`` grown by
``bench/corpus.py``'s ``scaled_corpus`` and bulk-loaded with
:func:`storyledger.incremental.add_to_store` (stories placed, analyses left
out: they are not what is measured). Then the same 100 new articles are
ingested into each store, timed: placing them through the persisted index,
loading and preparing the articles of the stories they change, re-analysing
those stories and writing them.

The new articles are real articles held out of both stores (every
``len(real) // 100``-th one), dated in 2024. By default every store holds
the same 1,000 articles dated in 2024 and its other articles in the years
before, 1,000 a year (``--per-year``): a larger store is an older one, as a
store grows in use, and the new articles meet the same recent news in
every store, so what may grow with the store is only the cost of finding
and loading what they touch. With ``--per-year 0`` every store is dated in 2024 alone: a
larger store is then denser (each real article and its copies recur about
3.5 times in the same year at 10,000), the new articles join and merge
larger stories, and re-analysing those costs more; that measures the
corpus, not the store size.

Usage: python bench/bench_incremental.py [--data PATH] [--sizes 1000 10000] [--repeats 2] [--per-year 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DEFAULT_DATA = HERE.parents[1] / "shared" / "eval"


def _articles(docs: list[dict], prefix: str):
    from storyledger.records import Article

    return [
        Article(id=f"{prefix}-{k}", text=d["text"], title=d.get("title"), source=d.get("source"), published=d.get("published"))
        for k, d in enumerate(docs)
    ]


def _split(real: list[dict], n_new: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    step = max(1, len(real) // n_new)
    held = set(range(0, len(real), step)[:n_new])
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    new = [{**real[k], "published": (start + timedelta(days=rng.randrange(365))).isoformat()} for k in sorted(held)]
    rest = [d for k, d in enumerate(real) if k not in held]
    return rest, new


def build(size: int, docs: list[dict], db: Path, per_year: int | None = 1000, seed: int = 11) -> float:
    """Bulk-load a store of the first ``size`` of ``docs`` (stories placed, no analyses); returns seconds.

    With ``per_year``, the first ``per_year`` articles are dated in 2024 (the
    same in every store) and the rest over the years before, ``per_year`` a
    year: every store then holds the same recent news, and a larger store is
    an older one, as a store grows in use. ``None`` keeps the dates of
    ``scaled_corpus`` (all in 2024: a larger store is a denser one).
    """
    from storyledger import incremental
    from storyledger.store import Store

    docs = docs[:size]
    if per_year:
        rng = random.Random(seed)
        recent, older = docs[:per_year], docs[per_year:]
        first = date(2024, 1, 1)
        years = -(-len(older) // per_year)
        docs = [{**d, "published": (first + timedelta(days=rng.randrange(366))).isoformat()} for d in recent]
        docs += [
            {**d, "published": (first - timedelta(days=1 + rng.randrange(365 * years))).isoformat()} for d in older
        ]
    t0 = time.perf_counter()
    with Store(str(db)) as store:
        incremental.add_to_store(store, _articles(docs, "base"), analyze=False)
    return time.perf_counter() - t0


def measure(db: Path, new: list[dict]) -> dict:
    """Time the ingest of ``new`` into (a copy of) the store at ``db``."""
    from storyledger import incremental
    from storyledger.runners import SerialRunner
    from storyledger.store import Store

    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done >= total:
            marks.setdefault(stage, time.perf_counter())

    with Store(str(db)) as store:
        before = {st.id: st.article_ids for st in store.stories()}
        t0 = time.perf_counter()
        added, written = incremental.add_to_store(store, _articles(new, "new"), runner=SerialRunner(), progress=progress)
        total = time.perf_counter() - t0
        after = {st.id: st.article_ids for st in store.stories()}
    rewritten = [ids for sid, ids in after.items() if before.get(sid) != ids]
    return {
        "new_articles": added,
        "stories_written": written,
        "articles_reanalysed": sum(len(ids) for ids in rewritten),
        "largest_story_reanalysed": max((len(ids) for ids in rewritten), default=0),
        "ingest_s": round(total, 3),
        "place_s": round(marks.get("cluster", t0 + total) - t0, 3),
    }


def run_incremental_bench(
    data: Path | None = None,
    sizes: tuple[int, ...] = (1000, 10000),
    n_new: int = 100,
    repeats: int = 2,
    per_year: int | None = 1000,
) -> dict:
    """Time the ingest of ``n_new`` articles into stores of each size.

    Each store is built once (see :func:`build` for ``per_year``); each timing runs on a fresh copy of it, sizes
    interleaved, ``repeats`` times, and the fastest run counts (the machine
    may be shared: the minimum is the least disturbed figure).

    Returns:
        ``{"sizes": [per-size figures], "ratio": ..., "place_ratio": ...}``
        (largest over smallest store), or ``{"skipped": reason}`` when the
        evaluation data is missing.
    """
    from bench.corpus import real_articles, scaled_corpus

    data = Path(data or DEFAULT_DATA)
    real = real_articles(data) if data.is_dir() else []
    if len(real) < 2 * n_new:
        return {"skipped": f"evaluation data not found at {data}"}
    rest, new = _split(real, n_new)
    with tempfile.TemporaryDirectory() as tmp:
        base = {size: Path(tmp) / f"store-{size}.db" for size in sizes}
        docs = scaled_corpus(rest, max(sizes))
        built = {size: build(size, docs, base[size], per_year) for size in sizes}
        # warm up: model loading belongs to no store size
        warm = Path(tmp) / "warm.db"
        shutil.copy(base[sizes[0]], warm)
        measure(warm, new[:3])
        runs: dict[int, list[dict]] = {size: [] for size in sizes}
        for _ in range(repeats):
            for size in sizes:
                copy = Path(tmp) / "copy.db"
                shutil.copy(base[size], copy)
                runs[size].append(measure(copy, new))
                copy.unlink()
    rows = []
    for size in sizes:
        best = min(runs[size], key=lambda r: r["ingest_s"])
        rows.append({
            "store_articles": size,
            **best,
            "ingest_s_runs": [r["ingest_s"] for r in runs[size]],
            "place_s_best": min(r["place_s"] for r in runs[size]),
            "per_new_article_ms": round(1000 * best["ingest_s"] / max(best["new_articles"], 1), 1),
            "build_s": round(built[size], 1),
        })
    return {
        "sizes": rows,
        "ratio": round(rows[-1]["ingest_s"] / rows[0]["ingest_s"], 3),
        "place_ratio": round(rows[-1]["place_s_best"] / max(rows[0]["place_s_best"], 1e-9), 3),
        "per_year": per_year,
        "load_average": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=2, help="timed runs per size (the fastest counts)")
    parser.add_argument("--per-year", type=int, default=1000, help="articles per year of store (0: all dated in one year, denser stores)")
    args = parser.parse_args()
    out = run_incremental_bench(args.data, tuple(args.sizes), repeats=args.repeats, per_year=args.per_year or None)
    if "skipped" in out:
        print(f"skipped: {out['skipped']}")
        return
    for r in out["sizes"]:
        print(
            f"store {r['store_articles']:>7}: +{r['new_articles']} articles in {r['ingest_s']:.2f} s "
            f"(placing {r['place_s_best']:.3f} s; {r['stories_written']} stories, {r['articles_reanalysed']} articles "
            f"re-analysed, largest story {r['largest_story_reanalysed']}; "
            f"store built in {r['build_s']:.1f} s)"
        )
    print(f"ratio largest/smallest: total {out['ratio']:.2f}, placing {out['place_ratio']:.2f} "
          f"(runs: {[r['ingest_s_runs'] for r in out['sizes']]}; load average {out['load_average']} on {out['cpus']} CPUs)")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
