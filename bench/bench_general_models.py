"""Benchmark: what one real news sentence costs in each general sentence model, in one run.

The general sentence model is most of the pipeline's time on real news
(``bench/bench_real.py``). This measures each model that
``STORYLEDGER_GENERAL_MODEL`` can name (:data:`storyledger.embed.model.GENERAL_MODELS`)
on the same sentences: distinct sentences of real news articles (BASIL,
NewsWCL50, FA-KES, ECB+, a fixed random draw of articles, segmented as
``analyze`` segments them), embedded as the pipeline embeds them (length-sorted
batches of 16, or one text per call for a model whose vectors depend on the
batch), on one core (``STORYLEDGER_THREADS=1``), CPU seconds. The models take
turns, ``--rounds`` times, after one warm-up pass each; the figure is the
median round. Beside it, each model's agreement with the default model: the
correlation of the cosines of random sentence pairs and of the sentence pairs
of one article.

Usage: python bench/bench_general_models.py [--data PATH] [--articles 80] [--sentences 800] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def sentences(data: Path, n_articles: int, n_sentences: int) -> tuple[list[str], list[int]]:
    """Distinct sentences of a fixed random draw of real news articles, and the article of each."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_real import news_articles
    from bench.corpus import real_articles
    from storyledger.records import Article
    from storyledger.text.segment import segment_article

    docs = news_articles(real_articles(data))
    rng = np.random.default_rng(0)
    seen: dict[str, int] = {}
    for k in rng.choice(len(docs), min(n_articles, len(docs)), replace=False).tolist():
        for s in segment_article(Article(id=str(k), text=docs[k]["text"])):
            if s.text.strip():
                seen.setdefault(s.text, k)
    texts = list(seen)[:n_sentences]
    return texts, [seen[t] for t in texts]


def run(data: Path | str, n_articles: int = 80, n_sentences: int = 800, rounds: int = 3) -> dict:
    """Per model: CPU milliseconds per sentence (median round, one core) and agreement with the default.

    Returns:
        ``{"sentences", "tokens_per_sentence", "models": {name: {...}}}``.
    """
    os.environ["STORYLEDGER_THREADS"] = "1"
    from storyledger.embed import model as m
    from storyledger.errors import ModelError

    texts, owner = sentences(Path(data), n_articles, n_sentences)
    _, tokenizer, *_ = m._session("minilm-l6")
    tokens = sum(sum(e.attention_mask) for e in tokenizer.encode_batch(texts))
    vecs, times, missing = {}, {}, {}
    for name in m.GENERAL_MODELS:  # warm-up: sessions opened, first runs done
        os.environ["STORYLEDGER_GENERAL_MODEL"] = name
        try:
            m._compute([m._key(t) for t in texts[:32]], {m._key(t): [i] for i, t in enumerate(texts[:32])}, texts, 16, "general")
            times[name] = []
        except ModelError as exc:  # an optional model's package is not installed
            missing[name] = {"error": str(exc)}
    for _ in range(rounds):
        for name in times:
            os.environ["STORYLEDGER_GENERAL_MODEL"] = name
            keys = [m._key(t) for t in texts]
            c0 = time.process_time()
            got = m._compute(keys, {k: [i] for i, k in enumerate(keys)}, texts, 16, "general")
            times[name].append(time.process_time() - c0)
            vecs[name] = np.stack([got[k] for k in keys])
    os.environ.pop("STORYLEDGER_GENERAL_MODEL", None)
    rng = np.random.default_rng(1)
    i, j = rng.integers(0, len(texts), 20_000), rng.integers(0, len(texts), 20_000)
    own = np.asarray(owner)
    same = [(a, b) for a in range(len(texts)) for b in range(a + 1, min(a + 40, len(texts))) if own[a] == own[b]]
    si, sj = np.asarray(same).T if same else (np.zeros(0, int), np.zeros(0, int))
    base = vecs[m.GENERAL_MODELS[0]]

    def corr(v, a, b):
        return round(float(np.corrcoef((v[a] * v[b]).sum(1), (base[a] * base[b]).sum(1))[0, 1]), 3) if len(a) > 2 else None

    models = {
        name: {"ms_per_sentence": round(1000 * float(np.median(t)) / len(texts), 2),
               "rounds_ms": [round(1000 * x / len(texts), 2) for x in t],
               "sentences_per_cpu_s": round(len(texts) / float(np.median(t)), 1),
               "cosine_corr_random_pairs": corr(vecs[name], i, j),
               "cosine_corr_same_article_pairs": corr(vecs[name], si, sj)}
        for name, t in times.items()
    }
    return {"sentences": len(texts), "tokens_per_sentence": round(tokens / len(texts), 1), "models": {**models, **missing}}


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench_general_models", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--sentences", type=int, default=800)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(run(args.data, args.articles, args.sentences, args.rounds), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
