"""Benchmark: which sentences of real news need the sentence model, and what is lost without it.

The sentence model (MiniLM, int8 ONNX) is four fifths of the pipeline's CPU
time on real news (``bench/bench_real.py``). This measures, on the real news
articles of the evaluation folder (BASIL, NewsWCL50, FA-KES, ECB+, each text
once, clustered as ``analyze`` clusters them), three things:

1. **Where the model's sentences go.** Per multi-article story, the
   candidate pairs that the words alone leave undecided, the sentences
   embedded for them, and the final kind of each such pair. The *oracle*
   count is the sentences that take part in at least one pair that ends
   aligned (``paraphrase``, ``related``, ``shared_quote``): no gate in
   front of the model, however good, can embed fewer without losing one.
2. **A learned gate, cross-validated.** A gradient-boosted classifier over
   the pair's lexical features (``storyledger.align.pair_features`` without
   the cosine) and its rank among the sentence's candidates predicts whether
   the pair ends aligned; 5-fold cross-validation grouped by story. For each
   threshold: the share of aligned pairs of each kind it keeps, and the
   sentences the model would still embed.
3. **What each use loses without the model.** A sample of stories analysed
   twice, once as usual and once with the words' verdicts only (no pair
   reaches the model): how many stories' derivations, figure groups,
   disputes and brief change.

With ``--compare-model NAME`` it measures instead what changes when the
general sentence model is ``NAME`` (``STORYLEDGER_GENERAL_MODEL``) rather
than the default: the counts of item 1 under each model, and how many of the
``--uses`` sampled stories change, section by section, between the two.

This reads ``storyledger.align.story``'s internal steps on purpose (a
measurement of the cascade, not an interface).

Usage: python bench/bench_model_need.py [--data PATH] [--uses 50] [--limit N] [--out FILE] [--compare-model NAME]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ALIGNED = ("paraphrase", "related", "shared_quote")


def read_stories(data: Path, limit: int | None):
    """The real news articles as ``analyze`` reads them, their sentences, and their stories."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_real import news_articles
    from bench.corpus import real_articles, write_jsonl
    from storyledger.cluster import cluster
    from storyledger.options import AnalyzeOptions
    from storyledger.pipeline import prepare_article, read_inputs

    docs = news_articles(real_articles(data))[:limit]
    path = write_jsonl(docs, Path(tempfile.mkdtemp(prefix="storyledger-model-need-")) / "real-news.jsonl")
    articles, _ = read_inputs([str(path)], AnalyzeOptions(max_bytes=50_000_000))
    prepared = {a.id: prepare_article(a) for a in articles}
    sentences = {i: s for i, (s, _) in prepared.items()}
    facts = {i: f for i, (_, f) in prepared.items()}
    stories = cluster(articles, sentences, AnalyzeOptions().cluster)
    return articles, sentences, facts, stories


def trace_story(articles, sentences) -> dict | None:
    """The story's undecided pairs, each with its lexical features, its candidate ranks and its final kind."""
    from storyledger.align import story as st
    from storyledger.align.pair_features import feature_matrix

    story = st._read_story(articles, sentences)
    if story is None:
        return None
    settings = st.AlignSettings()
    lexical, undecided = st._lexical_verdicts(story, st._oriented_candidates(story, settings))
    refine = st._lexical_pairs_to_refine(story.owners, lexical, undecided)
    vectors = st._LazyVectors(story.texts)
    lexical_cos, kept = st._cosines(vectors, lexical, undecided, refine, st._min_undecided(settings))
    pairs, verdicts, cosines, _ = st._story_verdicts(story, lexical, lexical_cos, kept)
    verdicts = st._clause_level(story, pairs, verdicts, cosines)
    final = {ij: v.kind for ij, v in zip(pairs, verdicts)}
    if not undecided:
        return {"sentences": len(story.texts), "embedded": int(vectors.done.sum()), "x": np.zeros((0, 0)),
                "kinds": [], "pairs": []}
    x = feature_matrix([story.texts[i] for i, _ in undecided], [story.texts[j] for _, j in undecided],
                       [0.0] * len(undecided))[:, 1:]  # the cosine (column 0) is what the gate must do without
    ranks = _candidate_ranks(st._stem_matrix(story.texts), np.asarray(undecided), story.owners)
    return {"sentences": len(story.texts), "embedded": int(vectors.done.sum()), "x": np.column_stack([x, ranks]),
            "kinds": [final.get(ij, "different") for ij in undecided], "pairs": [tuple(ij) for ij in undecided]}


def _candidate_ranks(stems, pairs: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """Per pair: its weighted-stem cosine, and its rank and gap to the best among each sentence's candidates in the other article."""
    sim = np.asarray(stems[pairs[:, 0]].multiply(stems[pairs[:, 1]]).sum(axis=1)).ravel()
    out = np.zeros((len(pairs), 4))
    for side, (me, other) in enumerate(((0, 1), (1, 0))):
        groups = collections.defaultdict(list)
        for k, (a, b) in enumerate(zip(pairs[:, me].tolist(), owners[pairs[:, other]].tolist())):
            groups[(a, b)].append(k)
        for members in groups.values():
            ks = np.asarray(members)
            order = np.argsort(-sim[ks])
            out[ks[order], side] = np.arange(len(ks))
            out[ks, 2 + side] = sim[ks].max() - sim[ks]
    return np.column_stack([sim, out])


def gate_curve(traces: list[dict], thresholds=(0.002, 0.005, 0.01, 0.02, 0.05)) -> list[dict]:
    """Cross-validated gate (5 folds grouped by story): per threshold, aligned pairs kept by kind and sentences still embedded."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import GroupKFold

    rows = [(t, k) for t, tr in enumerate(traces) for k in range(len(tr["kinds"]))]
    x = np.vstack([tr["x"] for tr in traces if len(tr["kinds"])])
    kinds = np.array([traces[t]["kinds"][k] for t, k in rows])
    groups = np.array([t for t, _ in rows])
    local = np.array([k for _, k in rows])
    y = np.isin(kinds, ALIGNED)
    p = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        model = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(x[train], y[train])
        p[test] = model.predict_proba(x[test])[:, 1]
    curve = []
    for threshold in thresholds:
        keep = p >= threshold
        embedded = sum(len({s for k in local[keep & (groups == t)].tolist() for s in traces[t]["pairs"][k]})
                       for t in range(len(traces)))
        kept = {kind: round(float((keep & (kinds == kind)).sum() / max(1, (kinds == kind).sum())), 4) for kind in ALIGNED}
        curve.append({"threshold": threshold, "pairs_kept": round(float(keep.mean()), 3), "aligned_kept": kept,
                      "sentences_embedded": embedded})
    return curve


def oracle(traces: list[dict], kinds=ALIGNED) -> int:
    """Sentences in at least one undecided pair that ends with one of ``kinds``."""
    return sum(len({s for ij, k in zip(tr["pairs"], tr["kinds"]) if k in kinds for s in ij}) for tr in traces)


def uses_without_model(tasks: list, n: int, seed: int = 7) -> dict:
    """How many of ``n`` sampled stories change, section by section, when no pair reaches the model."""
    from storyledger.align import story as st
    from storyledger.pipeline import analyze_story

    sample = list(tasks)
    random.Random(seed).shuffle(sample)
    sample = sample[:n]
    usual = st._cosines

    def words_only(vectors, lexical, undecided, refine, min_cosine):
        return [st._LEXICAL_DECIDED_COSINE if v.kind != "different" else 0.0 for _, v in lexical], []

    changed = collections.Counter()
    kinds = {"with": collections.Counter(), "without": collections.Counter()}
    for task in sample:
        views = {}
        for name, cosines in (("with", usual), ("without", words_only)):
            st._cosines = cosines
            try:
                views[name] = _sections(analyze_story(task))
            finally:
                st._cosines = usual
            kinds[name].update(views[name].pop("kinds"))
        changed.update(k for k in views["with"] if views["with"][k] != views["without"][k])
    return {"stories": len(sample), "changed": {k: changed.get(k, 0) for k in _SECTIONS},
            "alignments": {k: dict(v) for k, v in kinds.items()}}


_SECTIONS = ("derivations", "figures", "disputes", "brief")


def _sections(analysis) -> dict:
    return {
        "kinds": [a.kind for a in analysis.alignments],
        "derivations": sorted((d.source_id, d.derived_id, d.relation, d.direction) for d in analysis.derivations),
        "figures": sorted((f.label, f.status, f.independent_sources, repr(f.current)) for f in analysis.figures),
        "disputes": sorted(repr(d) for d in analysis.disputes),
        "brief": [repr(b) for b in analysis.brief],
    }


def run(data: Path, uses: int, limit: int | None) -> dict:
    from storyledger.options import AnalyzeOptions
    from storyledger.pipeline import StoryTask

    t0 = time.perf_counter()
    articles, sentences, facts, stories = read_stories(data, limit)
    by_id = {a.id: a for a in articles}
    multi = [s for s in stories if len(s.article_ids) > 1]
    traces = [t for t in (trace_story([by_id[i] for i in s.article_ids], sentences) for s in multi) if t]
    tasks = [StoryTask(story=s, articles=tuple(by_id[i] for i in s.article_ids),
                       sentences={i: sentences[i] for i in s.article_ids}, facts={i: facts[i] for i in s.article_ids},
                       options=AnalyzeOptions()) for s in multi]
    kinds = collections.Counter(k for tr in traces for k in tr["kinds"])
    return {
        "articles": len(articles), "stories": len(stories), "multi_article_stories": len(multi),
        "sentences_in_multi_article_stories": sum(tr["sentences"] for tr in traces),
        "sentences_embedded": sum(tr["embedded"] for tr in traces),
        "undecided_pairs": sum(kinds.values()), "undecided_pairs_by_final_kind": dict(kinds),
        "oracle_sentences": {"aligned": oracle(traces), "paraphrase_or_quote": oracle(traces, ("paraphrase", "shared_quote")),
                             "paraphrase": oracle(traces, ("paraphrase",))},
        "gate_cv": gate_curve(traces),
        "without_model": uses_without_model(tasks, uses),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def compare_models(data: Path, uses: int, limit: int | None, model: str) -> dict:
    """Item 1's counts under the default general model and under ``model``, and the sampled stories that change."""
    import os

    from storyledger.options import AnalyzeOptions
    from storyledger.pipeline import StoryTask, analyze_story

    env = "STORYLEDGER_GENERAL_MODEL"
    articles, sentences, facts, stories = read_stories(data, limit)
    by_id = {a.id: a for a in articles}
    multi = [s for s in stories if len(s.article_ids) > 1]
    out: dict = {"articles": len(articles), "multi_article_stories": len(multi), "models": {}}
    for name in ("minilm-l6", model):
        os.environ[env] = name
        traces = [t for t in (trace_story([by_id[i] for i in s.article_ids], sentences) for s in multi) if t]
        kinds = collections.Counter(k for tr in traces for k in tr["kinds"])
        out["models"][name] = {"sentences_embedded": sum(tr["embedded"] for tr in traces),
                               "undecided_pairs": sum(kinds.values()), "undecided_pairs_by_final_kind": dict(kinds),
                               "oracle_sentences": oracle(traces)}
    sample = [StoryTask(story=s, articles=tuple(by_id[i] for i in s.article_ids),
                        sentences={i: sentences[i] for i in s.article_ids}, facts={i: facts[i] for i in s.article_ids},
                        options=AnalyzeOptions()) for s in multi]
    random.Random(7).shuffle(sample)
    changed, kinds = collections.Counter(), {name: collections.Counter() for name in out["models"]}
    for task in sample[:uses]:
        views = {}
        for name in out["models"]:
            os.environ[env] = name
            views[name] = _sections(analyze_story(task))
            kinds[name].update(views[name]["kinds"])
            views[name]["kinds"] = sorted(views[name]["kinds"])
        first, second = views.values()
        changed.update(k for k in first if first[k] != second[k])
    os.environ.pop(env, None)
    out["sampled"] = {"stories": min(uses, len(sample)), "changed": {k: changed.get(k, 0) for k in ("kinds", *_SECTIONS)},
                      "alignments": {k: dict(v) for k, v in kinds.items()}}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--uses", type=int, default=50, help="stories analysed with and without the model")
    parser.add_argument("--limit", type=int, default=None, help="read at most this many articles (a quick check)")
    parser.add_argument("--out", default=None, help="also write the result as JSON here")
    parser.add_argument("--compare-model", default=None, help="a general sentence model to compare with the default")
    args = parser.parse_args()
    if args.compare_model:
        result = compare_models(Path(args.data), args.uses, args.limit, args.compare_model)
    else:
        result = run(Path(args.data), args.uses, args.limit)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
