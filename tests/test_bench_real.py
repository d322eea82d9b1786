"""The real-news benchmark: which articles it reads, and the sentence-model timing it installs."""

import json
import subprocess
import sys
from pathlib import Path

from bench.bench_real import _MODEL_HOOK, ALL_SETS, NEWS_SETS, news_articles

ROOT = Path(__file__).resolve().parent.parent


def _doc(text: str, group: str) -> dict:
    return {"text": text, "title": None, "source": None, "published": None, "group": group}


def test_news_articles_keep_the_named_sets_each_text_once_in_order():
    docs = [
        _doc("A report.\n\nSecond paragraph.", "basil:1"),
        _doc("A quote excerpt.", "allsides:7"),
        _doc("A  report.  Second paragraph.", "fakes:2024-01-01:Homs"),  # the first, but for whitespace
        _doc("Another report.", "ecb:3"),
        _doc("Another report.", "basil:2"),  # the same text in another set
        _doc("A political article.", "polnear:x"),
    ]
    got = news_articles(docs)
    assert [d["group"] for d in got] == ["basil:1", "ecb:3"]
    assert [d["group"] for d in news_articles(docs, ("allsides", "polnear"))] == ["allsides:7", "polnear:x"]
    assert len(news_articles(docs, ALL_SETS)) == 4
    assert set(NEWS_SETS) < set(ALL_SETS)


def test_model_hook_counts_every_session_run_and_sentence():
    # in a fresh interpreter: the hook replaces onnxruntime's run for the whole process
    code = _MODEL_HOOK + (
        "from storyledger.embed import embed\n"
        "import json\n"
        "embed(['One sentence here.', 'Another, longer sentence about a vote.', 'A third.'],"
        " batch_size=2, cache=False)\n"
        "print(json.dumps(list(MODEL[:])))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wall, cpu, runs, sentences = json.loads(proc.stdout.strip().splitlines()[-1])
    assert (runs, sentences) == (2, 3)  # batches of 2: two session runs, three sentences
    assert wall > 0 and cpu > 0
