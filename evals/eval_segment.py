"""Evaluate sentence splitting on BASIL's sentence-split news articles.

Usage::

    python evals/eval_segment.py [--data PATH] [--show N]

BASIL gives each article body as paragraphs, each a list of sentences. The text
is rebuilt (sentences joined by a space, paragraphs by a blank line) and
:func:`storyledger.text.segment.split_sentences` runs on it. Scored: the sentence
boundaries *inside* paragraphs (a paragraph break is a boundary for free), as
precision / recall / F1 of boundary positions, and the share of gold sentences
returned exactly. BASIL's sentences come from its authors' preprocessing and
were used as the unit of annotation, so they are a good but not perfect gold.

Baseline, in the same run: a split at ``.``, ``!`` or ``?`` (with any closing
quote) before a capital, digit or opening quote.

Splits: articles are ordered by a hash of their triplet id and alternated into
a dev half (looked at while writing rules) and a held-out half; both printed.
Speed is measured on all the text together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyledger.text.segment import split_sentences  # noqa: E402  (path set just above)

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "segment.json"
_NAIVE = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“'‘(]?[A-Z0-9])")


def naive_split(text: str) -> list[tuple[int, int]]:
    """The baseline: split after a stop followed by a capital, digit or opening quote."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in _NAIVE.finditer(text, para.start(), para.end()):
            spans.append((start, m.end()))
            start = m.end() + 1
        spans.append((start, para.end()))
    return spans


def load(data: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(triplet id, text, gold sentence spans) for every BASIL article."""
    docs = []
    for f in sorted((data / "basil" / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        parts, gold, pos = [], [], 0
        for para in d.get("body-paragraphs") or []:
            sents = [s.strip() for s in para if s and s.strip()]
            if not sents:
                continue
            if parts:
                parts.append("\n\n")
                pos += 2
            for i, s in enumerate(sents):
                if i:
                    parts.append(" ")
                    pos += 1
                parts.append(s)
                gold.append((pos, pos + len(s)))
                pos += len(s)
        if gold:
            docs.append((str(d.get("triplet-uuid") or f.stem), "".join(parts), gold))
    return docs


def _inner_ends(text: str, spans: list[tuple[int, int]]) -> set[int]:
    # an end followed by a paragraph break is free, so it is not scored
    return {e for _, e in spans if not text.startswith("\n\n", e) and e < len(text)}


def score(docs, splitter) -> dict[str, float]:
    """Boundary precision/recall/F1 inside paragraphs and exact-sentence share."""
    tp = fp = fn = exact = total = 0
    for _, text, gold in docs:
        pred = splitter(text)
        g, p = _inner_ends(text, gold), _inner_ends(text, pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        exact += len(set(gold) & set(pred))
        total += len(gold)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "exact": exact / total if total else 1.0}


def show_errors(docs, n: int) -> None:
    """Print up to n boundary errors (for looking at the dev half only)."""
    shown = 0
    for _, text, gold in docs:
        g, p = _inner_ends(text, gold), _inner_ends(text, split_sentences(text))
        for e in sorted((g - p) | (p - g)):
            kind = "missed" if e in g else "extra "
            print(f"  {kind} …{text[max(0, e - 60):e]!r} | {text[e:e + 40]!r}")
            shown += 1
            if shown >= n:
                return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--show", type=int, default=0, help="print N errors of the dev half")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "basil" / "articles").is_dir():
        print(f"skipped: basil not found at {data / 'basil'}")
        return 0
    docs = load(data)
    docs.sort(key=lambda d: hashlib.sha1(d[0].encode()).hexdigest())
    halves = {"dev": docs[0::2], "held-out": docs[1::2], "all": docs}
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = False
    print(f"BASIL: {len(docs)} articles, {sum(len(g) for *_, g in docs)} gold sentences")
    print(f"{'split':9} {'system':9} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6}  floor(F1)")
    for name, part in halves.items():
        for system, fn in (("storyled.", split_sentences), ("baseline", naive_split)):
            s = score(part, fn)
            floor = floors.get(f"{name}_f1") if system != "baseline" else None
            mark = ""
            if floor is not None:
                ok = s["f1"] >= floor
                failed |= not ok
                mark = f"{floor:.3f} {'ok' if ok else 'BELOW'}"
            print(
                f"{name:9} {system:9} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['exact']:6.3f}  {mark}"
            )
    text = "\n\n".join(t for _, t, _ in docs)
    dt = float("inf")
    for _ in range(3):  # best of three: the machine may be busy
        t0 = time.perf_counter()
        n = len(split_sentences(text))
        dt = min(dt, time.perf_counter() - t0)
    print(f"speed: {n / dt:,.0f} sentences/s ({len(text) / dt / 1e6:.1f} MB/s, one core, best of 3)")
    floor = floors.get("sentences_per_s")
    if floor is not None and n / dt < floor:
        print(f"speed BELOW floor {floor:,.0f}")
        failed = True
    if args.show:
        show_errors(halves["dev"], args.show)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
