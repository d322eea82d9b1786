"""Benchmark: what the on-disk vector cache (``F.vectors`` beside a store) saves an incremental run.

A story that gains an article is aligned again as a whole; without the cache
the sentences of its stored articles meet MiniLM again in every new process.
This builds a store from real multi-outlet stories (BASIL triplets: two
reports of each event), then adds the third report of each event twice, from
the same starting store, each time in a fresh process: once without the cache
file and once with the cache the first ingest left. It reports seconds, the
sentences embedded by the model, and whether both runs wrote the same
stories (they must: cached vectors are exact).

Usage: python bench/bench_vectors.py [--data PATH] [--events 40]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _articles(docs: list[dict], prefix: str):
    from storyledger.records import Article

    return [
        Article(id=f"{prefix}{i}", text=d["text"], title=d.get("title"), source=d.get("source"), published=d.get("published"))
        for i, d in enumerate(docs)
    ]


def _ingest(db: str, docs: list[dict], prefix: str, cache: bool) -> dict:
    from storyledger.embed import model as embed
    from storyledger import incremental
    from storyledger.runners import SerialRunner
    from storyledger.store import Store, store_document

    embed.use_disk_cache(f"{db}.vectors" if cache else None)
    embed.embed(["warm up the model"], cache=False)  # model loading belongs to neither run
    t0 = time.perf_counter()
    with Store(db) as store:
        added, written = incremental.add_to_store(store, _articles(docs, prefix), runner=SerialRunner())
    seconds = time.perf_counter() - t0
    info = embed.cache_info()
    with Store(db, readonly=True) as store:
        document = store_document(store)
    return {"seconds": round(seconds, 2), "added": added, "stories_written": written,
            "embedded_by_model": info["misses"] - info["disk_hits"], "read_from_disk": info["disk_hits"],
            "stories": json.dumps(document.get("stories"), sort_keys=True)}


def _child(*args) -> dict:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_ingest, *args).result()


def run(data: Path, events: int = 40) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import real_articles

    groups: dict[str, list[dict]] = defaultdict(list)
    for d in real_articles(data):
        if d["group"].startswith("basil:"):
            groups[d["group"]].append(d)
    chosen = [g for _, g in sorted(groups.items()) if len(g) >= 3][:events]
    if not chosen:
        return {"skipped": f"no BASIL triplets under {data}"}
    first = [d for g in chosen for d in g[:2]]
    third = [g[2] for g in chosen]
    tmp = Path(tempfile.mkdtemp(prefix="storyledger-vectors-"))
    base = str(tmp / "base.db")
    built = _child(base, first, "a", True)
    runs = {}
    for name, cache in (("without_cache", False), ("with_cache", True)):
        db = str(tmp / f"{name}.db")
        shutil.copy(base, db)
        if cache:
            shutil.copy(f"{base}.vectors", f"{db}.vectors")
        runs[name] = _child(db, third, "b", cache)
    same = runs["without_cache"].pop("stories") == runs["with_cache"].pop("stories")
    built.pop("stories")
    shutil.rmtree(tmp, ignore_errors=True)
    out = {"events": len(chosen), "build": built, **runs, "same_stories": same,
           "speedup": round(runs["without_cache"]["seconds"] / max(runs["with_cache"]["seconds"], 1e-9), 2)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--events", type=int, default=40)
    args = parser.parse_args()
    print(json.dumps(run(Path(args.data), args.events), indent=2))


if __name__ == "__main__":
    main()
