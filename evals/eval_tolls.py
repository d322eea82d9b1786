"""The story's toll outside crime news: AllSides stories against tolls read by hand.

Data: ``allsides_neus`` (read its SOURCE.txt), run per story as in ``eval_brief``,
and ``evals/data/allsides_tolls.json``: for the AllSides stories whose excerpts
speak of deaths or injuries, or on which some version of storyledger showed a
toll, the counts a reader accepts as the story's own toll per harm (none for a
death by illness, another event's toll, a figure of speech: "kills a law").

The tally models are fitted on gun-incident reports only (``eval_gvc``); this
evaluation is their check on other news, where a wrong toll costs a reader more
than a missing one. Measured, over the hand-read stories and harms:

* **tolls shown**: the toll the report shows (value above 0 and ``told``);
  **wrong** when the value is not one the reader accepts;
* **precision**: right shown tolls over all shown;
* **missed**: a toll the reader accepts, none shown.

Beside it, the same for the baseline "the first number near killed/dead/died
in any excerpt" (``eval_figures.regex_baseline``). Floors in
``evals/floors/tolls.json`` (keys ending ``_max`` are ceilings). With ``--all``
the other AllSides stories run too, and any toll shown on one not read by
hand is listed, to be read.

The same for the FNC-1 claims (``fnc1``, read its SOURCE.txt; each claim's article bodies as one
story: rumours of beheadings, battles, mutilations, hoaxes) against
``evals/data/fnc1_tolls.json``; every claim runs, and its floors are the ``fnc1_`` keys. And for
the BASIL triplets (``basil``: one political event told by three US outlets) against
``evals/data/basil_tolls.json``, floors ``basil_``; and the ECB+ events (``ecbplus``: each
topic's two seminal events, crimes, earthquakes, air strikes, celebrities' deaths, technology and
sports) against ``evals/data/ecbplus_tolls.json``, floors ``ecb_``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_brief import AllSidesStory, load_stories, run  # noqa: E402  (path set above)
from eval_disputes import load_stories as load_claims  # noqa: E402
from eval_reconcile import load_basil  # noqa: E402
from _cluster_data import load_ecbplus  # noqa: E402
from storyledger.ingest.readers import make_article  # noqa: E402
from storyledger.records import Article  # noqa: E402
from eval_figures import regex_baseline  # noqa: E402

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "allsides_tolls.json"
GOLD_FNC1 = HERE / "data" / "fnc1_tolls.json"
GOLD_BASIL = HERE / "data" / "basil_tolls.json"
GOLD_ECB = HERE / "data" / "ecbplus_tolls.json"
FLOORS = HERE / "floors" / "tolls.json"
DEFAULT_DATA = HERE.parents[0].parent / "shared" / "eval"


def shown(analysis) -> dict[str, int]:
    """The toll the report shows per harm: its value where above 0 and told, else 0."""
    t = analysis.toll
    if t is None:
        return {"killed": 0, "injured": 0}
    return {h: (getattr(t, h).value if getattr(t, h).told else 0) for h in ("killed", "injured")}


def judge(got: dict[str, dict[str, int]], gold: dict[str, dict[str, list[int]]]) -> dict[str, float]:
    """Shown, wrong, missed and precision of the shown tolls (``got``) against the hand-read ``gold``."""
    n_shown = wrong = missed = 0
    for sid, harms in gold.items():
        for harm, ok in harms.items():
            v = got.get(sid, {}).get(harm, 0)
            if v:
                n_shown += 1
                wrong += v not in ok
            elif ok:
                missed += 1
    return {"shown": n_shown, "wrong": wrong, "missed": missed,
            "precision": (n_shown - wrong) / n_shown if n_shown else 1.0}


def _section(name: str, stories: list, gold: dict, floors: dict) -> list[str]:
    """Run ``stories``, print the judgement of their tolls against ``gold``; the floors not met."""
    ours, base, unread = {}, {}, []
    for s in stories:
        ours[s.id] = shown(run(s))
        base[s.id] = {"killed": max((regex_baseline(a.text, True) for a in s.articles), default=0), "injured": 0}
        if s.id not in gold and any(ours[s.id].values()):
            unread.append((s.id, ours[s.id]))
    res, res_base = judge(ours, gold), judge(base, gold)
    print(f"{name}: {len(gold)} stories read by hand ({sum(len(h) for h in gold.values())} harms), "
          f"{len(stories)} run")
    print(f"{'':22s}{'shown':>7s}{'wrong':>7s}{'missed':>8s}{'precision':>11s}")
    for label, r in (("storyledger", res), ("regex near killed", res_base)):
        print(f"{label:22s}{r['shown']:7d}{r['wrong']:7d}{r['missed']:8d}{r['precision']:11.3f}")
    for sid in sorted(gold):
        for harm, ok in gold[sid].items():
            v = ours.get(sid, {}).get(harm, 0)
            if (v and v not in ok) or (not v and ok):
                print(f"  {sid} {harm}: shown {v or 'none'}, read {ok or 'none'}")
    for sid, got in unread:
        print(f"  not read by hand, toll shown: {sid} {got}")
    got = {"wrong_max": res["wrong"], "precision": res["precision"]}
    low = [n for n, f in floors.items() if (got[n] > f if n.endswith("_max") else got[n] < f)]
    for n, f in floors.items():
        print(f"floor {name} {n} {f}: {'BELOW FLOOR' if n in low else 'ok'} ({got[n]:.3f})")
    return low


def fnc1_stories(root: Path) -> list[AllSidesStory]:
    """The FNC-1 claims (``root/fnc1``), each as one story of its article bodies."""
    return [AllSidesStory(id=cid, roundup="", articles=tuple(arts)) for cid, _, arts in load_claims(root)]


def basil_stories(root: Path) -> list[AllSidesStory]:
    """The BASIL triplets (``root/basil``) with two or more articles, each as one story."""
    return [AllSidesStory(id=tid, roundup="", articles=tuple(arts)) for tid, arts in load_basil(root)]


def ecb_stories(root: Path) -> list[AllSidesStory]:
    """The ECB+ events (``root/ecbplus``), each event's articles as one story.

    Each text is read as a user's text file is (:func:`storyledger.ingest.readers.make_article`:
    debris lines removed, a timestamp line at its head dating it): the files carry no dates else.
    """
    by: dict[str, list] = {}
    for doc in load_ecbplus(root):
        art = make_article(doc.article.text, doc.event, id=doc.article.id)
        if isinstance(art, Article):
            by.setdefault(doc.event, []).append(art)
    return [AllSidesStory(id=ev, roundup="", articles=tuple(arts)) for ev, arts in sorted(by.items())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--all", action="store_true", help="run every AllSides story, list tolls on unread ones")
    args = ap.parse_args(argv)
    root = args.data
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    low = []
    if (root / "allsides_neus" / "stories.jsonl").exists():
        gold = json.loads(GOLD.read_text(encoding="utf-8"))["stories"]
        stories = [s for s in load_stories(root) if args.all or s.id in gold]
        low += _section("AllSides", stories, gold, {n: f for n, f in floors.items() if not n.startswith(("fnc1_", "basil_", "ecb_"))})
    else:
        print(f"skipped: allsides_neus not found under {root}")
    for name, prefix, path, gold_path, stories in (
            ("FNC-1", "fnc1_", root / "fnc1" / "claims.json", GOLD_FNC1, fnc1_stories),
            ("BASIL", "basil_", root / "basil" / "articles", GOLD_BASIL, basil_stories),
            ("ECB+", "ecb_", root / "ecbplus" / "ecbplus.tar.xz", GOLD_ECB, ecb_stories)):
        if not path.exists():
            print(f"skipped: {path} not found")
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["stories"]
        low += _section(name, stories(root), gold,
                        {n.removeprefix(prefix): f for n, f in floors.items() if n.startswith(prefix)})
    return 1 if low else 0


if __name__ == "__main__":
    raise SystemExit(main())
