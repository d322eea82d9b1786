"""Benchmark: the whole pipeline on real news as it is, against spaCy NER over the same text.

The scaled corpus of ``bench/corpus.py`` is mostly copies and mutations of a
few real articles, which deduplication and the vector cache make cheap. This
measures the real articles of the evaluation folder themselves, each once
(no mutations; texts that differ only in whitespace are kept once), by
default the full-text news sets BASIL, NewsWCL50, FA-KES and ECB+ (``--sets``
picks others, ``all`` every set ``real_articles`` reads), written as one
JSON Lines file. In the same run, each in a fresh process:

* ``pipeline`` — ``analyze_articles`` over the file with the process pool of
  2 (what ``storyledger analyze FILE`` runs): wall seconds, articles/s, CPU
  seconds of the driver and its workers, and the sentence model's share:
  every ``onnxruntime`` session run (both sentence models) is timed by a
  bench-only wrapper installed in the child before the pool forks, its wall
  and CPU seconds summed over all processes in shared memory, with the
  sentences it embedded;
* ``spacy`` — spaCy ``en_core_web_sm`` NER over the same texts
  (``n_process=2``, parser, tagger, lemmatizer off);
* ``scaled`` — optionally the same pipeline over a scaled corpus of as many
  articles (``scaled_corpus``), for the comparison in one run.

``ratio`` is ours / spaCy in articles/s: at least 1.0 is the target.

With ``--general-models NAME...`` the pipeline runs once per general sentence
model (``STORYLEDGER_GENERAL_MODEL``, the first name first, then spaCy, then
the others), each in its own process, in the same run: ``pipeline`` is the
first, ``pipeline:NAME`` each other, with its ``ratio:NAME``.

Usage: python bench/bench_real.py [--data PATH] [--sets basil wcl fakes ecb] [--scaled] [--limit N]
       [--general-models minilm-l6 minilm-l3-int8]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# group prefixes of ``bench.corpus.real_articles``: the full-text news sets by default
NEWS_SETS = ("basil", "wcl", "fakes", "ecb")
ALL_SETS = ("basil", "wcl", "fakes", "ecb", "polnear", "tml", "allsides")

_MODEL_HOOK = r"""
import multiprocessing as mp, time
import onnxruntime as ort
# shared memory, inherited by the pool's forked workers: [wall s, CPU s, runs, sentences]
MODEL = mp.Array("d", 4)
_run = ort.InferenceSession.run
def _timed_run(self, output_names, feed, *args, **kwargs):
    t, c = time.perf_counter(), time.process_time()
    try:
        return _run(self, output_names, feed, *args, **kwargs)
    finally:
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        rows = len(next(iter(feed.values()))) if feed else 0
        with MODEL.get_lock():
            MODEL[0] += wall; MODEL[1] += cpu; MODEL[2] += 1; MODEL[3] += rows
ort.InferenceSession.run = _timed_run
"""

_PIPELINE = _MODEL_HOOK + r"""
import json, resource, sys
from storyledger.options import AnalyzeOptions
from storyledger.pipeline import analyze_articles, make_runner, read_inputs
def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime
t0, own0, kids0 = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
articles, skipped = read_inputs([sys.argv[1]], AnalyzeOptions(max_bytes=50_000_000))
runner = make_runner(sys.argv[2])
analyses, _, _ = analyze_articles(articles, runner=runner)
workers = getattr(runner, "workers", 1) or 1  # the share of wall time is of wall x workers
runner.close()  # the pool's workers exit and are reaped: their CPU is counted below
wall = time.perf_counter() - t0
own, kids = cpu(resource.RUSAGE_SELF) - own0, cpu(resource.RUSAGE_CHILDREN) - kids0
m_wall, m_cpu, runs, rows = MODEL[:]
print(json.dumps({
    "articles": len(articles), "stories": len(analyses), "seconds": round(wall, 2),
    "articles_per_s": round(len(articles) / wall, 2),
    "cpu_s": {"driver": round(own, 1), "workers": round(kids, 1), "total": round(own + kids, 1)},
    "model": {"wall_s": round(m_wall, 1), "cpu_s": round(m_cpu, 1), "session_runs": int(runs),
              "sentences": int(rows), "sentences_per_article": round(rows / max(len(articles), 1), 2),
              "share_of_cpu": round(m_cpu / max(own + kids, 1e-9), 3),
              "share_of_worker_wall": round(m_wall / max(wall * workers, 1e-9), 3)},
}))
"""




def news_articles(docs: list[dict], sets: tuple[str, ...] = NEWS_SETS) -> list[dict]:
    """The documents of the named sets (``group`` prefixes), each text once.

    Args:
        docs: documents as ``bench.corpus.real_articles`` returns them.
        sets: group prefixes to keep (``basil``, ``wcl``, ``fakes``, ``ecb``, ...).

    Returns:
        The kept documents in their order; a text equal to an earlier one but
        for whitespace is dropped.
    """
    seen: set[str] = set()
    out: list[dict] = []
    for d in docs:
        key = " ".join(d["text"].split())
        if d["group"].split(":", 1)[0] in sets and key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _ratio(ours: dict, spacy: dict) -> float | None:
    a, b = ours.get("articles_per_s"), spacy.get("articles_per_s")
    return round(a / b, 2) if a and b else None


def run(data: Path | str, sets: tuple[str, ...] = NEWS_SETS, *, scaled: bool = False,
        limit: int | None = None, runner: str = "local", models: tuple[str, ...] = ()) -> dict:
    """Measure the pipeline and spaCy NER on the real news articles, in this order, each in a fresh process.

    Args:
        data: the evaluation folder (``../shared/eval``).
        sets: which sets' articles to read (see ``NEWS_SETS``, ``ALL_SETS``).
        scaled: also run the pipeline over a scaled corpus of as many articles.
        limit: read at most this many articles (a quick check; the row uses all).
        runner: the pipeline's runner (``local``: the process pool over every core).
        models: general sentence models to run the pipeline with, the first as ``pipeline``
            (none: the one the environment names).

    Returns:
        The corpus (articles, characters, sets), each measurement, and the ratio ours / spaCy.
    """
    sys.path.insert(0, str(ROOT))
    from bench._child import SPACY_NER, run_child
    from bench.corpus import real_articles, scaled_corpus, write_jsonl

    docs = news_articles(real_articles(Path(data)), sets)[:limit]
    if not docs:
        return {"error": f"no articles of {', '.join(sets)} in {data}"}
    tmp = Path(tempfile.mkdtemp(prefix="storyledger-bench-real-"))
    path = write_jsonl(docs, tmp / "real-news.jsonl")
    result: dict = {"corpus": {"articles": len(docs), "characters": sum(len(d["text"]) for d in docs),
                               "sets": list(sets), "file": str(path)}}
    env = {"STORYLEDGER_GENERAL_MODEL": models[0]} if models else None
    result["pipeline"] = run_child(_PIPELINE, str(path), runner, env=env)
    result["spacy"] = run_child(SPACY_NER, str(path), str(10**9))
    result["ratio"] = _ratio(result["pipeline"], result["spacy"])
    for name in models[1:]:
        result[f"pipeline:{name}"] = run_child(_PIPELINE, str(path), runner, env={"STORYLEDGER_GENERAL_MODEL": name})
        result[f"ratio:{name}"] = _ratio(result[f"pipeline:{name}"], result["spacy"])
    if scaled:
        spath = write_jsonl(scaled_corpus(real_articles(Path(data)), len(docs)), tmp / "scaled.jsonl")
        result["scaled"] = run_child(_PIPELINE, str(spath), runner)
        result["scaled_spacy"] = run_child(SPACY_NER, str(spath), str(10**9))
        result["scaled_ratio"] = _ratio(result["scaled"], result["scaled_spacy"])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench_real", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--sets", nargs="*", default=list(NEWS_SETS), help=f"of {', '.join(ALL_SETS)}, or all")
    parser.add_argument("--scaled", action="store_true", help="also a scaled corpus of as many articles")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--general-models", nargs="*", default=[], help="run the pipeline with each (the first first)")
    args = parser.parse_args()
    sets = ALL_SETS if args.sets == ["all"] else tuple(args.sets)
    result = run(args.data, sets, scaled=args.scaled, limit=args.limit, models=tuple(args.general_models))
    print(json.dumps(result, indent=2))
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
