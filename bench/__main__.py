"""Benchmarks (``make bench``): speed and memory of the pipeline on real news text.

Each measurement runs in a fresh child process, so its peak memory (max RSS)
and its cold start are its own. Results print as a table and are written to
``bench/out/results.json``; BENCHMARKS.md records them with the machine.

Measurements:

* ``real-news`` — the whole pipeline on the real news articles themselves (BASIL, NewsWCL50, FA-KES,
                 ECB+, each text once, no mutations) against spaCy NER over the same text, in one run,
                 with the sentence model's share of CPU and wall time, beside a scaled corpus of as
                 many articles (``bench/bench_real.py``);
* ``model-need`` — on the same real news: the sentences the sentence model embeds, how few an
                 oracle gate would need, a cross-validated learned gate's trade-off, and what a story's
                 derivations, figures, disputes and brief lose without the model (``bench/bench_model_need.py``);
* ``general-models`` — CPU milliseconds per real news sentence on one core for each general sentence
                 model ``STORYLEDGER_GENERAL_MODEL`` can name, in one run, and how their cosines agree
                 with the default's (``bench/bench_general_models.py``);
* ``cold``    — ``storyledger analyze examples/karabakh`` wall time, model loading included;
* ``real``    — ingest + clustering over every article in the evaluation data;
* ``cluster-N`` — ingest + clustering alone over the scaled corpus of N articles (the only step
                 over the whole corpus: its cost per article must stay flat);
* ``scale-N`` — the whole pipeline over a corpus of N articles built by ``bench/corpus.py``
                 (per-stage seconds, articles per second, peak memory);
* ``extract`` — per-article extraction alone (segmentation, figures, quotes, dates, entities) on one
                 core, in articles and sentences per CPU-second;
* ``model``   — what bounds the end-to-end rate: sentences per article that need the sentence model
                 (first 600 articles of the corpus), the model's sentences per CPU-second, and its
                 floating-point rate against numpy's float32 matrix product on the same core;
* ``spacy``   — spaCy ``en_core_web_sm`` NER over the same text (what a naive pipeline starts with);
* ``dask``    — the same corpus (cut to at most 2,000 articles) through a Dask
                 LocalCluster of 2 single-threaded workers vs one process on one core (and vs one
                 process whose model uses every core), in total and per stage; the cluster is
                 started before the clock (as one already running) and its start reported;
* ``vectors`` — an incremental run re-aligning grown stories with and without the on-disk vector
                 cache (``bench/bench_vectors.py``);
* ``align``   — alignment time for stories of 2, 10 and 50 articles (``bench/bench_align.py``);
* ``sampled`` — with two sizes or more: the whole pipeline's CPU cost per article at each size,
                 estimated from a stratified sample of stories, the corpora built in the same shape
                 (``bench/bench_sampled.py``): whether the cost per article grows with the corpus.

Usage: python -m bench [--data PATH] [--sizes 10000 100000] [--only cold real ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent



_PIPELINE = r"""
import json, sys, time
from storyledger.options import AnalyzeOptions
from storyledger.pipeline import analyze_articles, make_runner, read_inputs
path, runner_name = sys.argv[1], sys.argv[2]
only = sys.argv[3] if len(sys.argv) > 3 else "all"
marks, extra = {}, {}
if runner_name == "dask":
    # a cluster already running, as with --scheduler tcp://HOST:PORT: its start is reported, not timed
    import dask
    from distributed import Client, LocalCluster
    from storyledger.runners import DaskRunner
    dask.config.set(DASK_CONFIG)
    t = time.perf_counter()
    cl = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cl)
    extra["cluster_start_s"] = round(time.perf_counter() - t, 2)
    def worker_cpu():
        import resource
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime
    workers_cpu0 = client.run(worker_cpu)
t0, cpu0 = time.perf_counter(), time.process_time()
cpu = {"start": (cpu0, workers_cpu0 if runner_name == "dask" else {})}
def progress(stage, done, total):
    marks[stage] = time.perf_counter()
    if done == total:
        cpu[stage] = (time.process_time(), client.run(worker_cpu) if runner_name == "dask" else {})
if runner_name == "dask":
    runner = DaskRunner(client)  # before the inputs are read, as the CLI does: workers warm meanwhile
articles, skipped = read_inputs([path], AnalyzeOptions(max_bytes=50_000_000))
progress("ingest", 1, 1)
if only == "cluster":
    from storyledger.cluster.batch import cluster
    stories = cluster(articles)
    marks["cluster"] = time.perf_counter()
    n_stories = len(stories)
else:
    if runner_name != "dask":
        runner = make_runner(runner_name)
    analyses, _, _ = analyze_articles(articles, runner=runner, progress=progress)
    n_stories = len(analyses)
    runner.close()
end = time.perf_counter()
# CPU seconds per stage, of this process and of each worker: a busy machine stretches them far
# less than wall time, so they show what each stage cost and how evenly the workers shared it
extra["cpu_s"], prev = {}, "start"
for stage in ("ingest", "extract", "cluster", "stories"):
    if stage in cpu:
        (d1, w1), (d0, w0) = cpu[stage], cpu[prev]
        extra["cpu_s"][stage] = {"driver": round(d1 - d0, 2), **({"workers": [round(w1[k] - w0[k], 2) for k in sorted(w1)]} if w1 else {})}
        prev = stage
if runner_name == "dask":
    client.close(); cl.close()
stages, prev = {}, t0
for stage in ("ingest", "extract", "cluster", "stories"):
    if stage in marks:
        stages[stage] = round(marks[stage] - prev, 2)
        prev = marks[stage]
print(json.dumps({"articles": len(articles), "stories": n_stories, "seconds": round(end - t0, 2),
                  "articles_per_s": round(len(articles) / (end - t0), 1), "stages_s": stages, **extra}))
""".replace("DASK_CONFIG", repr({
    # Dask's own diagnostics, sampled on every worker and in the scheduler many times a second,
    # cost a few percent of each core; tasks here run for seconds, so sample rarely and skip the
    # statistical profiler (what a deployment for this work would set too)
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "500ms",
}))

_EXTRACT = r"""
import json, sys, time
from storyledger.options import AnalyzeOptions
from storyledger.pipeline import prepare_article, read_inputs
articles, _ = read_inputs([sys.argv[1]], AnalyzeOptions(max_bytes=50_000_000))
articles = articles[: int(sys.argv[2])]
prepare_article(articles[0])  # warm: compiled patterns, tables
t0, c0 = time.perf_counter(), time.process_time()
n_sent = n_fig = n_quote = 0
for a in articles:
    sents, facts = prepare_article(a)
    n_sent += len(sents); n_fig += len(facts.figures); n_quote += len(facts.quotes)
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"articles": len(articles), "sentences": n_sent, "figures": n_fig, "quotes": n_quote,
                  "seconds": round(dt, 2), "articles_per_cpu_s": round(len(articles) / cpu, 1),
                  "sentences_per_cpu_s": round(n_sent / cpu), "ner_model": None}))
"""


_MODEL = r"""
# What bounds the end-to-end rate: the sentences per article that need the sentence model, the
# model's rate on one core, and that rate against the core's own float32 matrix product.
import json, sys, time
import numpy as np
from storyledger.align import story as align
from storyledger.embed import model as embed
from storyledger.cluster.batch import cluster
from storyledger.options import AnalyzeOptions
from storyledger.pipeline import prepare_article, read_inputs
articles, _ = read_inputs([sys.argv[1]], AnalyzeOptions(max_bytes=50_000_000))
articles = articles[: int(sys.argv[2])]
sentences = {a.id: prepare_article(a)[0] for a in articles}
by_id = {a.id: a for a in articles}
embedded = 0
texts = []
for story in cluster(articles):
    if len(story.article_ids) > 1:
        stats = {}
        members = [by_id[i] for i in story.article_ids]
        align.align_story(members, sentences, on_stat=stats.__setitem__)
        embedded += stats["embedded_texts"]
        texts += [s.text for a in members for s in sentences[a.id]]
texts = list(dict.fromkeys(texts))[:600]
_, tokenizer, *_ = embed._session()
tokens = sum(sum(e.attention_mask) for e in tokenizer.encode_batch(texts))
embed._embed_batches(texts[:32], 16)
c0 = time.process_time()
embed._embed_batches(texts, 16)
model_cpu = time.process_time() - c0
# all-MiniLM-L6-v2: 6 layers of 4 x 384^2 (attention) + 2 x 384 x 1536 (feed-forward) multiply-adds per token
flop_per_token = 2 * 6 * (4 * 384 * 384 + 2 * 384 * 1536)
a = np.random.default_rng(0).random((512, 384), dtype=np.float32)
b = np.random.default_rng(1).random((384, 1536), dtype=np.float32)
a @ b
c0 = time.process_time()
for _ in range(100):
    a @ b
gemm = 100 * 2 * 512 * 384 * 1536 / (time.process_time() - c0)
rate = len(texts) / model_cpu
per_article = embedded / len(articles)
print(json.dumps({
    "articles": len(articles), "sentences_embedded_per_article": round(per_article, 2),
    "model_sentences_per_cpu_s": round(rate, 1), "tokens_per_sentence": round(tokens / len(texts), 1),
    "model_gflops_per_core": round(rate * tokens / len(texts) * flop_per_token / 1e9, 1),
    "numpy_sgemm_gflops_per_core": round(gemm / 1e9, 1),
    "bound_articles_per_s_two_cores": round(2 * rate / per_article, 1),
    "bound_at_sgemm_rate_two_cores": round(2 * gemm / (flop_per_token * tokens / len(texts)) / per_article, 1),
}))
"""

_COLD = r"""
import json, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run([sys.executable, "-m", "storyledger", "analyze", "examples/karabakh", "--format", "json", "-o", "/dev/null"], capture_output=True)
print(json.dumps({"seconds": round(time.perf_counter() - t0, 2), "exit": p.returncode}))
"""


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def _cpu_estimate(one_core: dict, dask: dict) -> dict:
    """Speedup on a quiet machine of 2 cores, estimated from CPU seconds per stage (robust to load).

    A stage takes as long as its busiest process (the driver for ingest and
    clustering, the busier worker for extraction and stories), or as long as
    all three processes' CPU shared over 2 cores, whichever is longer.
    """
    serial, stages = one_core.get("cpu_s", {}), dask.get("cpu_s", {})
    if not serial or not stages:
        return {}
    quiet = 0.0
    for cost in stages.values():
        workers = cost.get("workers", [])
        quiet += max(cost["driver"], *workers, (sum(workers) + cost["driver"]) / 2)
    serial_cpu = sum(c["driver"] for c in serial.values())
    dask_cpu = sum(c["driver"] + sum(c.get("workers", [])) for c in stages.values())
    return {"cpu_one_core_s": round(serial_cpu, 1), "cpu_dask_s": round(dask_cpu, 1),
            "quiet_2_core_estimate_s": round(quiet, 1), "speedup_estimate_from_cpu": _ratio(serial_cpu, quiet)}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--spacy-articles", type=int, default=2000, help="articles the spaCy pass reads (its rate is per article)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench._child import SPACY_NER, run_child
    from bench.corpus import real_articles, scaled_corpus, write_corpus, write_jsonl

    want = (lambda k: args.only is None or k in args.only)
    data = Path(args.data)
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    tmp = Path(tempfile.mkdtemp(prefix="storyledger-bench-"))
    if want("cold"):
        subprocess.run([sys.executable, "-c", _COLD], cwd=ROOT, capture_output=True)  # warm the file cache once
        results["cold"] = run_child(_COLD)
        print("cold analyze of the example:", results["cold"], flush=True)
    real = real_articles(data) if data.exists() else []
    if not real:
        print(f"skipped: no evaluation data at {data} (real and scaled corpora need it)")
    if real and want("real-news"):
        from bench.bench_real import run as run_real

        results["real-news"] = run_real(data, scaled=True)
        print("end-to-end on real news vs spaCy NER:", results["real-news"], flush=True)
    if real and want("model-need"):
        out = tmp / "model-need.json"  # in its own process, as every measurement
        subprocess.run([sys.executable, str(HERE / "bench_model_need.py"), "--data", str(data), "--out", str(out)],
                       cwd=ROOT, capture_output=True, check=False)
        results["model-need"] = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"error": "no result"}
        print("which sentences of real news need the sentence model:", results["model-need"], flush=True)
    if real and want("general-models"):
        out = tmp / "general-models.json"  # in its own process, as every measurement
        with out.open("w") as fh:
            subprocess.run([sys.executable, str(HERE / "bench_general_models.py"), "--data", str(data)],
                           cwd=ROOT, stdout=fh, stderr=subprocess.DEVNULL, check=False)
        text = out.read_text(encoding="utf-8")
        results["general-models"] = json.loads(text) if text.strip() else {"error": "no result"}
        print("each general sentence model, one core:", results["general-models"], flush=True)
    if real and want("real"):
        path = write_jsonl(real, tmp / "real.jsonl")
        results["real"] = run_child(_PIPELINE, str(path), "serial", "cluster")
        print("ingest + cluster, real articles:", results["real"], flush=True)
    for n in args.sizes if real else []:
        path = write_corpus(scaled_corpus(real, n), tmp / f"scale-{n}")
        if want("cluster"):
            # the one step over the whole corpus (all else is per article or per story):
            # its cost per article must not grow with the corpus
            results[f"cluster-{n}"] = run_child(_PIPELINE, str(path), "serial", "cluster")
            print(f"ingest + cluster, {n} articles:", results[f"cluster-{n}"], flush=True)
        if want("scale"):
            results[f"scale-{n}"] = run_child(_PIPELINE, str(path), "local")
            print(f"end-to-end, {n} articles:", results[f"scale-{n}"], flush=True)
        if want("extract"):
            # segmentation + figures + quotes + dates + entities, one process on one core;
            # no statistical NER model is run (names come from compiled rules)
            results[f"extract-{n}"] = run_child(_EXTRACT, str(path), str(min(n, args.spacy_articles)),
                                             env={"STORYLEDGER_THREADS": "1"})
            print("extract (one core):", results[f"extract-{n}"], flush=True)
        if want("model"):
            results[f"model-{n}"] = run_child(_MODEL, str(path), str(min(n, 600)),
                                           env={"STORYLEDGER_THREADS": "1", "OMP_NUM_THREADS": "1",
                                                "OPENBLAS_NUM_THREADS": "1"})
            print("sentence model, one core:", results[f"model-{n}"], flush=True)
        if want("spacy"):
            results[f"spacy-{n}"] = run_child(SPACY_NER, str(path), str(min(n, args.spacy_articles)))
            print("spaCy en_core_web_sm NER:", results[f"spacy-{n}"], flush=True)
        if want("dask"):
            small = write_jsonl(scaled_corpus(real, min(n, 2000)), tmp / "dask.jsonl")
            # one process on one core (what each Dask worker is), and one process whose
            # model may use both cores (onnxruntime's default)
            one_core = run_child(_PIPELINE, str(small), "serial", env={"STORYLEDGER_THREADS": "1"})
            one = run_child(_PIPELINE, str(small), "serial")
            two = run_child(_PIPELINE, str(small), "dask")
            results["dask"] = {
                "serial_one_core": one_core, "serial_model_on_all_cores": one, "dask_2_workers": two,
                "speedup": _ratio(one_core.get("seconds"), two.get("seconds")),
                "speedup_vs_all_core_model": _ratio(one.get("seconds"), two.get("seconds")),
                "speedup_per_stage": {k: _ratio(v, two.get("stages_s", {}).get(k))
                                      for k, v in one_core.get("stages_s", {}).items()},
                **_cpu_estimate(one_core, two),
            }
            print("dask vs one process:", results["dask"], flush=True)
    if real and want("vectors"):
        from bench.bench_vectors import run as run_vectors

        results["vectors"] = run_vectors(data)
        print("incremental re-alignment with / without the vector cache:", results["vectors"], flush=True)
    if want("align"):
        try:
            from bench.bench_align import run as run_align

            results["align"] = run_align(args.data)
            print("alignment:", results["align"], flush=True)
        except ImportError as e:
            print(f"skipped: alignment benchmark ({e})")
    if real and want("sampled") and len(args.sizes) >= 2:
        from bench.bench_sampled import run as run_sampled

        results["sampled"] = run_sampled(data, sorted(args.sizes))
        print("whole pipeline, cost per article by corpus size (sampled):", results["sampled"], flush=True)
    out = HERE / "out" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
