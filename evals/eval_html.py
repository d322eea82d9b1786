"""HTML ingest quality: our article body against the human-marked body.

Data: the article-extraction benchmark in ``<data>/article_extraction_benchmark``
(``ground-truth.json`` maps a page id to ``{"url", "articleBody"}``; the pages are
``html/<id>.html.gz``; only the pages present are scored).

Measures, as the benchmark's own scorer does: per page, the true-positive,
false-positive and false-negative counts of word 4-shingles ("shingle") and of
single words ("token"), normalised to sum to 1 so that long pages weigh no more
than short ones; precision and recall are means over pages, F1 their harmonic
mean. Settings compared in the same run:

* ``trafilatura``: ``trafilatura.extract`` with its defaults (the baseline);
* ``trafilatura_precision`` / ``trafilatura_recall``: its favor_* switches;
* ``ingest_no_cleaner``: our extraction settings without the debris cleaner;
* ``ingest``: exactly what :func:`storyledger.ingest.jobs.ingest` stores as ``Article.text``.

Pages are split by id into a dev half (even positions in sorted order, used to
choose the settings) and a held-out half; both are printed, floors apply to all
pages, and the run fails if ``ingest`` scores below the ``trafilatura`` baseline.

Usage::

    python evals/eval_html.py [--data PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402  (after the path insert, to run from a checkout)

from storyledger.ingest.readers import decode_html, extract_html  # noqa: E402
from storyledger.ingest.clean import clean_text  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "html.json"
_TOKEN = re.compile(r"\w+")


def _counts(true: str, pred: str, n: int) -> tuple[float, float, float]:
    def grams(text: str) -> Counter:
        tokens = _TOKEN.findall(text or "")
        return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])

    t, p = grams(true), grams(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _scores(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(
        [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in rows if tp + fp > 0] or [0.0]
    )
    recall = statistics.mean([1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in rows if tp + fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _ours(html: str, cleaner: bool) -> str:
    found = extract_html(html)
    if found is None:
        return ""
    return clean_text(found["text"])[0] if cleaner else found["text"]


SETTINGS: dict[str, Callable[[str], str]] = {
    "trafilatura": lambda html: trafilatura.extract(html) or "",
    "trafilatura_precision": lambda html: trafilatura.extract(html, favor_precision=True) or "",
    "trafilatura_recall": lambda html: trafilatura.extract(html, favor_recall=True) or "",
    "ingest_no_cleaner": lambda html: _ours(html, cleaner=False),
    "ingest": lambda html: _ours(html, cleaner=True),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    root = args.data / "article_extraction_benchmark"
    if not (root / "ground-truth.json").is_file():
        print(f"skipped: article_extraction_benchmark not found at {root}")
        return 0
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted(p for p in (root / "html").glob("*.html.gz") if p.name.split(".")[0] in truth)
    if not pages:
        print(f"skipped: article_extraction_benchmark has no pages at {root / 'html'}")
        return 0
    rows: dict[str, list[dict[str, tuple[float, float, float]]]] = {name: [] for name in SETTINGS}
    seconds = Counter()
    for page in pages:
        html, _ = decode_html(gzip.decompress(page.read_bytes()))
        body = truth[page.name.split(".")[0]].get("articleBody", "")
        for name, extract in SETTINGS.items():
            start = time.perf_counter()
            pred = extract(html or "")
            seconds[name] += time.perf_counter() - start
            rows[name].append({"shingle": _counts(body, pred, 4), "token": _counts(body, pred, 1)})
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    print(f"article_extraction_benchmark: {len(pages)} pages (dev = even positions, held out = odd)")
    print(f"{'setting':<24}{'measure':<9}{'P':>7}{'R':>7}{'F1':>7}{'dev F1':>8}{'held F1':>8}{'pages/s':>9}")
    failed = False
    for name in SETTINGS:
        for measure in ("shingle", "token"):
            every = [r[measure] for r in rows[name]]
            all_ = _scores(every)
            dev = _scores(every[0::2])["f1"]
            held = _scores(every[1::2])["f1"]
            floor = floors.get(name, {}).get(f"{measure}_f1")
            mark = ""
            if floor is not None:
                ok = all_["f1"] >= floor
                failed |= not ok
                mark = f"  floor {floor:.3f} {'ok' if ok else 'BELOW'}"
            print(
                f"{name:<24}{measure:<9}{all_['precision']:7.3f}{all_['recall']:7.3f}{all_['f1']:7.3f}"
                f"{dev:8.3f}{held:8.3f}{len(pages) / max(seconds[name], 1e-9):9.1f}{mark}"
            )
    base = _scores([r["shingle"] for r in rows["trafilatura"]])["f1"]
    ours = _scores([r["shingle"] for r in rows["ingest"]])["f1"]
    print(f"ingest minus trafilatura defaults (shingle F1): {ours - base:+.3f}")
    if ours < base:
        print("FAIL: ingest is below trafilatura's own level")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
