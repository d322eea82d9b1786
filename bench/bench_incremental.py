"""Incremental ingest cost against store size: 100 new articles into stores of 1,000, 10,000 and 100,000.

Each store is built from the real articles of ``../shared/eval`` grown by
``bench/corpus.py``'s ``scaled_corpus`` and bulk-loaded with
:func:`storyledger.incremental.add_to_store` (stories placed, analyses left
out: they are not what is measured). The stores are nested: the 10,000 one is
the 1,000 one plus the next 9,000 articles, and so on, so a size costs only
its own growth to build. Then the same 100 new articles are ingested into a
fresh copy of each store, timed: placing them through the persisted index
(what the store size may make dearer: finding and loading what they touch),
then loading and preparing the articles of the stories they change,
re-analysing those stories and writing them.

The new articles are real articles held out of every store (every
``len(real) // 100``-th one), dated in 2024. Every store holds the same
1,000 articles dated in 2024 and its other articles in the years before,
1,000 a year (``--per-year``): a larger store is an older one, as a store
grows in use, and the new articles meet the same recent news in every store.
With ``--per-year 0`` every article is dated in 2024: a larger store is then
denser (each real article and its copies recur about 3.5 times in the same
year at 10,000), the new articles join and merge larger stories, and
re-analysing those costs more; that measures the corpus, not the store size.

Each build and each timed ingest runs in a process of its own, which reports
its peak resident memory. Placement is reported per new article in wall time
and in CPU time (the machine may be shared: CPU time is the steadier figure),
and the ratio of the largest store to the 10,000 one (else the smallest) is
checked against the target of issue 6: cost per article flat within ±25%.

The 100,000 store is not built by default: its bulk load takes about 230 s
of CPU (about 13 minutes on two shared cores), so ask for it with
``--sizes 1000 10000 100000`` when the 10,000-to-100,000 ratio is wanted.

Usage: python bench/bench_incremental.py [--data PATH] [--sizes 1000 10000 [100000]] [--repeats 2] [--per-year 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DEFAULT_DATA = HERE.parents[1] / "shared" / "eval"
#: Flat means within this fraction of the reference store's cost per article (issue 6).
TOLERANCE = 0.25


def _articles(docs: list[dict], prefix: str, start: int = 0):
    from storyledger.records import Article

    return [
        Article(id=f"{prefix}-{start + k}", text=d["text"], title=d.get("title"), source=d.get("source"),
                published=d.get("published"))
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


def dated(docs: list[dict], per_year: int | None, seed: int = 11) -> list[dict]:
    """Dates for a store: the first ``per_year`` in 2024, then ``per_year`` a year going back.

    The date of the k-th article depends on k alone, so a store is a prefix of
    every larger one. ``None`` keeps the dates of ``scaled_corpus`` (all in 2024).
    """
    if not per_year:
        return docs
    out = []
    first = date(2024, 1, 1)
    for k, d in enumerate(docs):
        rng = random.Random(seed * 1_000_003 + k)
        year = k // per_year
        day = first + timedelta(days=rng.randrange(366)) if year == 0 else first - timedelta(
            days=365 * (year - 1) + 1 + rng.randrange(365))
        out.append({**d, "published": day.isoformat()})
    return out


def _peak_mb() -> float:
    # VmHWM is this process's own peak; ru_maxrss on Linux also counts the parent it was forked from
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def build(docs: list[dict], start: int, db: Path) -> dict:
    """Bulk-load ``docs`` (article ids from ``start``) into the store at ``db`` (stories placed, no analyses)."""
    from storyledger import incremental
    from storyledger.store.store import Store

    t0, c0 = time.perf_counter(), time.process_time()
    with Store(str(db)) as store:
        incremental.add_to_store(store, _articles(docs, "base", start), analyze=False)
        n = store.count_articles()
    return {"build_s": round(time.perf_counter() - t0, 1), "build_cpu_s": round(time.process_time() - c0, 1),
            "articles": n, "build_peak_mb": _peak_mb()}


def measure(db: Path, new: list[dict], warm: Path | None = None) -> dict:
    """Time the ingest of ``new`` into the store at ``db`` (after a warm-up ingest into ``warm``, if given)."""
    from storyledger import incremental
    from storyledger.runners import SerialRunner
    from storyledger.store.store import Store

    if warm is not None:  # model loading belongs to no store size
        with Store(str(warm)) as store:
            incremental.add_to_store(store, _articles(new[:3], "warm"), runner=SerialRunner())
    marks: dict[str, tuple[float, float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done >= total:
            marks.setdefault(stage, (time.perf_counter(), time.process_time()))

    with Store(str(db)) as store:
        before = {st.id: st.article_ids for st in store.stories()}
        t0, c0 = time.perf_counter(), time.process_time()
        added, written = incremental.add_to_store(store, _articles(new, "new"), runner=SerialRunner(), progress=progress)
        total = time.perf_counter() - t0
        after = {st.id: st.article_ids for st in store.stories()}
    placed_at, placed_cpu = marks.get("cluster", (t0 + total, c0))
    rewritten = [ids for sid, ids in after.items() if before.get(sid) != ids]
    return {
        "new_articles": added,
        "stories_written": written,
        "articles_reanalysed": sum(len(ids) for ids in rewritten),
        "largest_story_reanalysed": max((len(ids) for ids in rewritten), default=0),
        "ingest_s": round(total, 3),
        "place_s": round(placed_at - t0, 3),
        "place_cpu_s": round(placed_cpu - c0, 3),
        "ingest_peak_mb": _peak_mb(),
    }


def _in_child(fn, *args) -> dict:
    # one fresh process per call: its peak memory is its own
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def _copy(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    shutil.copy(src, dst)
    os.sync()  # the copy's write-back is not the ingest's to pay for
    return dst


def run_incremental_bench(
    data: Path | None = None,
    sizes: tuple[int, ...] = (1000, 10000),
    n_new: int = 100,
    repeats: int = 2,
    per_year: int | None = 1000,
) -> dict:
    """Time the ingest of ``n_new`` articles into stores of each size.

    The stores are built once, nested (see :func:`dated` for ``per_year``);
    each timing runs on a fresh copy, sizes interleaved, ``repeats`` times,
    and the fastest run counts (the machine may be shared: the minimum is the
    least disturbed figure).

    Returns:
        ``{"sizes": [per-size figures], "ratio": ..., "place_ratio": ...,
        "place_cpu_ratio": ..., "reference": size}`` (largest store over the
        reference store: 10,000 when measured, else the smallest), or
        ``{"skipped": reason}`` when the evaluation data is missing.
    """
    from bench.corpus import real_articles, scaled_corpus

    sizes = tuple(sorted(set(sizes)))
    data = Path(data or DEFAULT_DATA)
    real = real_articles(data) if data.is_dir() else []
    if len(real) < 2 * n_new:
        return {"skipped": f"evaluation data not found at {data}"}
    rest, new = _split(real, n_new)
    docs = dated(scaled_corpus(rest, max(sizes)), per_year)
    with tempfile.TemporaryDirectory() as tmp:
        base = {size: Path(tmp) / f"store-{size}.db" for size in sizes}
        built: dict[int, dict] = {}
        growing = Path(tmp) / "growing.db"
        done, spent = 0, 0.0
        for size in sizes:
            built[size] = _in_child(build, docs[done:size], done, growing)
            spent += built[size]["build_s"]
            built[size]["grown_s"] = built[size]["build_s"]
            built[size]["build_s"] = round(spent, 1)  # nested: the smaller stores' time included
            done = size
            _copy(growing, base[size])
            print(f"built store of {size} articles in {built[size]['build_s']:.0f} s "
                  f"(peak {built[size]['build_peak_mb']:.0f} MB)", file=sys.stderr, flush=True)
        runs: dict[int, list[dict]] = {size: [] for size in sizes}
        warm = Path(tmp) / "warm.db"
        for _ in range(repeats):
            for size in sizes:
                copy = _copy(base[size], Path(tmp) / "copy.db")
                runs[size].append(_in_child(measure, copy, new, _copy(base[sizes[0]], warm)))
    rows = []
    for size in sizes:
        best = min(runs[size], key=lambda r: r["ingest_s"])
        n = max(best["new_articles"], 1)
        place = min(r["place_s"] for r in runs[size])
        place_cpu = min(r["place_cpu_s"] for r in runs[size])
        rows.append({
            "store_articles": size,
            **best,
            "ingest_s_runs": [r["ingest_s"] for r in runs[size]],
            "place_s_best": place,
            "place_ms_per_article": round(1000 * place / n, 2),
            "place_cpu_ms_per_article": round(1000 * place_cpu / n, 2),
            "per_new_article_ms": round(1000 * best["ingest_s"] / n, 1),
            "ingest_peak_mb": max(r["ingest_peak_mb"] for r in runs[size]),
            **{k: built[size][k] for k in ("build_s", "build_cpu_s", "build_peak_mb")},
        })
    ref = next((r for r in rows if r["store_articles"] == 10000 and r is not rows[-1]), rows[0])
    last = rows[-1]
    return {
        "sizes": rows,
        "reference": ref["store_articles"],
        "ratio": round(last["ingest_s"] / ref["ingest_s"], 3),
        "place_ratio": round(last["place_ms_per_article"] / max(ref["place_ms_per_article"], 1e-9), 3),
        "place_cpu_ratio": round(last["place_cpu_ms_per_article"] / max(ref["place_cpu_ms_per_article"], 1e-9), 3),
        "tolerance": TOLERANCE,
        "per_year": per_year,
        "load_average": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }


def _verdict(ratio: float) -> str:
    return "within" if abs(ratio - 1.0) <= TOLERANCE else "OUTSIDE"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="store sizes (add 100000 for the target ratio; its build takes minutes)")
    parser.add_argument("--repeats", type=int, default=2, help="timed runs per size (the fastest counts)")
    parser.add_argument("--per-year", type=int, default=1000,
                        help="articles per year of store (0: all dated in one year, denser stores)")
    args = parser.parse_args()
    out = run_incremental_bench(args.data, tuple(args.sizes), repeats=args.repeats, per_year=args.per_year or None)
    if "skipped" in out:
        print(f"skipped: {out['skipped']}")
        return
    for r in out["sizes"]:
        print(
            f"store {r['store_articles']:>7}: placing {r['place_ms_per_article']:.2f} ms/article "
            f"({r['place_cpu_ms_per_article']:.2f} ms CPU); whole ingest of +{r['new_articles']} "
            f"{r['ingest_s']:.2f} s ({r['stories_written']} stories, {r['articles_reanalysed']} articles re-analysed, "
            f"largest story {r['largest_story_reanalysed']}); peak {r['ingest_peak_mb']:.0f} MB ingesting, "
            f"{r['build_peak_mb']:.0f} MB building (built in {r['build_s']:.0f} s)"
        )
    ref, last = out["reference"], out["sizes"][-1]["store_articles"]
    print(f"placement per article, {last} over {ref} articles: {out['place_ratio']:.2f} wall "
          f"({_verdict(out['place_ratio'])} ±{TOLERANCE:.0%}), {out['place_cpu_ratio']:.2f} CPU "
          f"({_verdict(out['place_cpu_ratio'])} ±{TOLERANCE:.0%}); whole ingest {out['ratio']:.2f} "
          f"(runs: {[r['ingest_s_runs'] for r in out['sizes']]}; load average {out['load_average']} on {out['cpus']} CPUs)")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
