"""Benchmark what copies across stories and clause-level alignment cost.

Usage: python bench/bench_copies.py [--data PATH] [--limit N] [--repeat R]

1. **Clause step** (:mod:`storyledger.align.clauses`): the stories of
   ``bench/bench_align.py`` (2, 10 and 50 articles) aligned with the step and
   without it, alternately, ``R`` times each, embedding cache emptied before
   every run; the best time of each.
2. **Links across stories** (:mod:`storyledger.align.copies`): the first ``N``
   real articles of the evaluation folder's ``--sets`` (``bench/corpus.py``'s
   ``real_articles``; FA-KES by default, whose outlets republish one another) analysed serially by :func:`storyledger.pipeline.analyze_articles`
   (stories analysed, then linked); the seconds of the linking step alone
   (keys, candidates, verdicts) measured by running it again over the result,
   with the candidates and links it finds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_DATA = ROOT.parent / "shared" / "eval"


def clause_step(data: Path, repeat: int, sizes: tuple[int, ...]) -> dict:
    """Best seconds of align_story per story size, with and without the clause step."""
    import bench_align

    from storyledger.align import story as story_module
    from storyledger.embed.model import clear_cache
    from storyledger.records import Article
    from storyledger.text.segment import segment_article

    events = bench_align._events(data)
    real_step = story_module._clause_level
    spent = {"s": 0.0}

    def with_step(story, pairs, verdicts, cosines):
        t = time.perf_counter()
        try:
            return real_step(story, pairs, verdicts, cosines)
        finally:
            spent["s"] += time.perf_counter() - t

    out = {}
    for n in sizes:
        articles = [Article(id=f"b{k:03d}", text=t) for k, t in enumerate(bench_align._story(events[0], n))]
        sentences = {a.id: segment_article(a) for a in articles}
        best = {"with": float("inf"), "without": float("inf")}
        kinds = {}
        step_s = float("inf")
        for _ in range(repeat):
            for label, step in (("without", lambda story, pairs, verdicts, cosines: list(verdicts)), ("with", with_step)):
                story_module._clause_level = step
                clear_cache()
                spent["s"] = 0.0
                t0 = time.perf_counter()
                found = story_module.align_story(articles, sentences)
                best[label] = min(best[label], time.perf_counter() - t0)
                if label == "with":
                    step_s = min(step_s, spent["s"])
                kinds[label] = sum(al.kind == "paraphrase" for al in found)
        story_module._clause_level = real_step
        out[f"story-{n}"] = {"without_s": round(best["without"], 2), "with_s": round(best["with"], 2),
                             "clause_step_s": round(step_s, 3),
                             "paraphrases_without": kinds["without"], "paraphrases_with": kinds["with"]}
    return out


def links(data: Path, limit: int, sets: tuple[str, ...]) -> dict:
    """Seconds of analysis and of the cross-story linking step over real articles of ``sets``."""
    from corpus import real_articles

    from storyledger.align.copies import add_links, copy_candidates, copy_keys
    from storyledger.pipeline import analyze_articles
    from storyledger.records import Article

    rows = [r for r in real_articles(data) if r["group"].split(":")[0] in sets][:limit]
    articles = [Article(id=f"r{k:05d}", text=r["text"], title=r.get("title"), source=r.get("source"),
                        published=r.get("published")) for k, r in enumerate(rows)]
    t0 = time.perf_counter()
    analyses, sentences, _ = analyze_articles(articles)
    total = time.perf_counter() - t0
    by_id = {a.id: a for a in articles}
    t1 = time.perf_counter()
    story_of = {aid: an.story.id for an in analyses for aid in an.story.article_ids}
    candidates = copy_candidates({a: copy_keys(sentences[a]) for a in by_id}, story_of)
    keyed = time.perf_counter() - t1
    t2 = time.perf_counter()
    linked = add_links([a for a in analyses], by_id, sentences)
    step = time.perf_counter() - t2
    return {"articles": len(articles), "stories": len(analyses), "analyze_s": round(total, 1),
            "keys_and_candidates_s": round(keyed, 3), "link_step_s": round(step, 2), "candidates": len(candidates),
            "links": sum(len(an.links) for an in linked) // 2}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("clauses", "links"), default=None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 10, 50], help="story sizes (clause step)")
    parser.add_argument("--sets", nargs="+", default=["fakes"], help="real article sets (FA-KES republishes)")
    args = parser.parse_args()
    if args.only in (None, "clauses"):
        for key, value in clause_step(Path(args.data), args.repeat, tuple(args.sizes)).items():
            print(f"clauses {key}: {value}")
    if args.only in (None, "links"):
        print(f"links: {links(Path(args.data), args.limit, tuple(args.sets))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
