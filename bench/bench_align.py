"""Benchmark alignment: stories of 2, 10 and 50 articles, and sentence pairs scored per second.

``run() -> dict`` is what ``python -m bench`` calls; ``python bench/bench_align.py
[--data PATH]`` prints the same figures.

Stories are built from real articles: one event's reports from NewsWCL50
(five outlets on one event) or BASIL (three), read from ``../shared/eval``; when
the data is missing, from the test fixtures in ``tests/data``. A story larger
than its event is filled up as a real feed fills up: wire copies with a few
sentences dropped and rewordings by synonym substitution of the originals, so
the share of sentence pairs that really align stays realistic and the
candidate step is not flattered by unrelated text.

Reported per story size: articles, sentences, sentence pairs across articles
(``all_pairs``), candidate pairs from the lexical signals, pairs their words
alone decide (``lexical_pairs``: verbatim, near-verbatim), pairs that reached
the model (``model_pairs``, and ``model_texts``: distinct pairs of texts among
them, each judged once) and their fraction of all pairs, sentences embedded
(``embedded``, their distinct texts ``embedded_texts``, and the fraction of the
story's sentences), seconds per step (candidates and lexical verdicts, the
embedding call, the model with the kind rules, and within the last the
pair features: ``features_s``, with ``feature_pairs``, the pairs featurised,
and ``feature_pairs_per_s``), and pairs scored per second
(candidate pairs given a verdict, lexical or model, per second of alignment).
The process-wide embedding cache is emptied before each story, so every
figure is for a story met for the first time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "eval"
SIZES = (2, 10, 50)
_SYNONYMS = {
    "said": "stated", "says": "asserts", "people": "individuals", "killed": "slain", "big": "large",
    "help": "assist", "show": "demonstrate", "start": "commence", "buy": "purchase", "need": "require",
    "get": "obtain", "use": "utilise", "car": "automobile", "many": "numerous", "city": "municipality",
    "leader": "chief", "government": "administration", "told": "informed", "asked": "requested",
}


def _events(data: Path) -> list[list[str]]:
    """Texts of real articles grouped by event (largest groups first)."""
    groups: dict[str, list[str]] = {}
    for p in sorted((data / "newswcl50" / "1-raw-articles").glob("event_*/*.txt*")):
        groups.setdefault("wcl:" + p.parent.name, []).append(p.read_text("utf-8", errors="replace"))
    for p in sorted((data / "basil" / "articles").glob("*/*.json")):
        try:
            d = json.loads(p.read_text("utf-8"))
            paras = d["body-paragraphs"]
            if isinstance(paras, str):
                import ast

                paras = ast.literal_eval(paras)
            groups.setdefault("basil:" + d["triplet-uuid"], []).append("\n\n".join(" ".join(s) for s in paras))
        except (OSError, ValueError, KeyError, SyntaxError):
            continue
    events = [[t for t in g if len(t) > 500] for g in groups.values()]
    events = [g for g in events if len(g) >= 2]
    if not events:
        tests = ROOT / "tests" / "data"
        events = [[(tests / f"align_{n}.txt").read_text("utf-8") for n in ("source", "quote_a", "quote_b")]]
    return sorted(events, key=len, reverse=True)


def _variant(text: str, k: int, rng: random.Random) -> str:
    if k % 2:  # a wire copy with some sentences dropped
        sents = re.split(r"(?<=[.!?])\s+", text)
        return " ".join(s for s in sents if rng.random() > 0.2) or text

    def swap(m: re.Match) -> str:
        rep = _SYNONYMS.get(m.group(0).lower())
        return m.group(0) if rep is None else (rep.capitalize() if m.group(0)[0].isupper() else rep)

    return re.sub(r"[A-Za-z]+", swap, text)


def _story(event: list[str], n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = list(event[:n])
    k = 0
    while len(texts) < n:
        texts.append(_variant(event[k % len(event)], k, rng))
        k += 1
    return texts


def run(data: Path | str | None = None, sizes=SIZES) -> dict:
    """Time :func:`storyledger.align.story.align_story` on stories of each size; figures as a dict."""
    from storyledger.align import paraphrase
    from storyledger.align.story import align_story
    from storyledger.embed.model import clear_cache, embed
    from storyledger.records import Article
    from storyledger.text.segment import segment_article

    data = Path(data) if data else DEFAULT_DATA
    events = _events(data)
    embed(["warm up the model once"])
    featurise = paraphrase.feature_matrix
    features = {"s": 0.0, "pairs": 0}

    def timed_features(a_texts, b_texts, cosines):
        t = time.perf_counter()
        x = featurise(a_texts, b_texts, cosines)
        features["s"] += time.perf_counter() - t
        features["pairs"] += len(x)
        return x

    paraphrase.feature_matrix = timed_features  # classify_pairs looks it up at call time
    out: dict = {"source": "evaluation data" if data.exists() else "tests/data"}
    for n in sizes:
        texts = _story(events[0], n)
        articles = [Article(id=f"b{k:03d}", text=t) for k, t in enumerate(texts)]
        sentences = {a.id: segment_article(a) for a in articles}
        stats: dict = {}
        clear_cache()
        features.update(s=0.0, pairs=0)
        t0 = time.perf_counter()
        alignments = align_story(articles, sentences, on_stat=stats.__setitem__)
        seconds = time.perf_counter() - t0
        model_pairs = stats.get("model_pairs", 0)
        all_pairs = max(stats.get("all_pairs", 1), 1)
        out[f"story-{n}"] = {
            "articles": n,
            "sentences": stats.get("sentences", 0),
            "all_pairs": stats.get("all_pairs", 0),
            "candidate_pairs": stats.get("candidate_pairs", 0),
            "lexical_pairs": stats.get("lexical_pairs", 0),
            "model_pairs": model_pairs,
            "model_texts": stats.get("model_texts", model_pairs),
            "model_fraction": round(model_pairs / all_pairs, 4),
            "embedded": stats.get("embedded", stats.get("sentences", 0)),
            "embedded_texts": stats.get("embedded_texts", stats.get("sentences", 0)),
            "embedded_fraction": round(stats.get("embedded", stats.get("sentences", 0)) / max(stats.get("sentences", 1), 1), 4),
            "alignments": len(alignments),
            "seconds": round(seconds, 2),
            "embed_s": round(stats.get("embed_s", 0.0), 2),
            "candidates_s": round(stats.get("candidates_s", 0.0), 2),
            "model_s": round(stats.get("model_s", 0.0), 2),
            "model_pairs_per_s": round(model_pairs / max(stats.get("model_s", 1e-9), 1e-9), 1),
            "features_s": round(features["s"], 2),
            "feature_pairs": features["pairs"],
            "feature_pairs_per_s": round(features["pairs"] / max(features["s"], 1e-9), 1),
            "pairs_scored_per_s": round(stats.get("candidate_pairs", model_pairs) / max(seconds, 1e-9), 1),
        }
    paraphrase.feature_matrix = featurise
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    args = parser.parse_args()
    for key, value in run(args.data).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
