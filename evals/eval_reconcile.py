"""Evaluate reconciliation and the cited brief.

(a) FA-KES (``fakes_syria/fakes.csv``): articles grouped by the crowd's event
date and place; a group whose outlets' crowd tolls (civilians + non-civilians,
articles coding 0 left out: "0" often means "not mentioned") differ should show
the death toll as ``conflicting`` or ``updated`` in one story (*surfaced*), a
group whose tolls agree should not (*flagged* when it does). The pipeline runs
as ``analyze`` would: segment, extract, cluster (when present), align and
derive (when present), reconcile, the brief, the story's toll (its lines in the
brief and timeline, its value on top of the figures). A "killed" figure group counts only when its
reports come from two or more articles. Baseline, same run: the first number
before "killed/dead/died" in each article, flagged when two articles differ.

(b) Faithfulness: over every story built from FA-KES groups, BASIL triplets and
AllSides stories, the share of brief sentences (and timeline entries) whose
numbers and quoted words all appear verbatim in their citations.

Groups are split in halves by a hash of their name: ``dev`` (tuned on) and
``held-out`` (reported); floors apply to all groups.

Usage: ``python evals/eval_reconcile.py [--data PATH] [--limit N] [--no-align]``
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _allsides import excerpt_text  # noqa: E402
from storyledger.records import Article, Story  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "reconcile.json"
_BASELINE = re.compile(r"(\d[\d,]*)\s+(?:\w+\s+){0,4}?(?:were\s+|have\s+been\s+|was\s+)?(?:killed|dead|died)", re.I)


def _half(name: str) -> str:
    return "dev" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def _int(x: str) -> int:
    try:
        return int(float(x))
    except ValueError:
        return 0


def load_fakes(root: Path) -> list[tuple[str, list[Article], dict[str, int]]]:
    """FA-KES groups of two or more outlets: (name, articles, crowd toll per article id)."""
    raw = (root / "fakes_syria" / "fakes.csv").read_bytes().decode("cp1252", errors="replace")
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(raw)):
        groups[(row["date"], row["location"])].append(row)
    out = []
    for (date, place), rows in sorted(groups.items()):
        if len({r["source"] for r in rows}) < 2:
            continue
        arts, tolls = [], {}
        for r in rows:
            text = f"{r['article_title'].strip()}.\n{r['article_content'].strip()}"
            a = Article(id=f"fakes_{r['unit_id']}", text=text, title=r["article_title"], source=r["source"])
            arts.append(a)
            tolls[a.id] = _int(r["nb_civilians"]) + _int(r["nb_noncivilians"])
        out.append((f"{date}|{place}", arts, tolls))
    return out


def load_basil(root: Path) -> list[tuple[str, list[Article]]]:
    by: dict[str, list[Article]] = defaultdict(list)
    for p in sorted((root / "basil" / "articles").glob("*/*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        paras = d.get("body-paragraphs") or []
        if isinstance(paras, str):
            try:
                paras = ast.literal_eval(paras)
            except (ValueError, SyntaxError):
                paras = [[paras]]
        paras = [[p] if isinstance(p, str) else p for p in paras]
        text = "\n\n".join(" ".join(s.strip() for s in para) for para in paras if para)
        if text.strip():
            by[d["triplet-uuid"]].append(
                Article(id=f"basil_{p.stem}", text=text, title=d.get("title"), source=d.get("source"), published=d.get("date"))
            )
    return [(k, v) for k, v in sorted(by.items()) if len(v) > 1]


def load_allsides(root: Path) -> list[tuple[str, list[Article]]]:
    out = []
    for line in (root / "allsides_neus" / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        news = d.get("news") or {}
        if isinstance(news, str):
            news = ast.literal_eval(news)
        arts = []
        for side, n in sorted(news.items()):
            text = excerpt_text(n)
            if text.strip():
                arts.append(Article(id=f"allsides_{d['id']}_{side}", text=text, title=n.get("newsTitle"), source=n.get("newsSource"),
                                    published=(d.get("date") or "")[:10] or None))
        if len(arts) > 1:
            out.append((str(d["id"]), arts))
    return out


class Pipeline:
    """The analyze stages, alignment and derivation optional (they are the slow part)."""

    def __init__(self, use_align: bool):
        from storyledger.align import align_story, derive
        from storyledger.cluster import cluster
        from storyledger.extract import extract_article
        from storyledger.reconcile import find_disputes, reconcile_figures, toll_on_figures, write_brief
        from storyledger.reconcile.brief import check_faithful
        from storyledger.reconcile.toll import add_toll, story_toll
        from storyledger.text import segment_article

        self.segment, self.reconcile, self.disputes = segment_article, reconcile_figures, find_disputes
        self.write_brief, self.check_faithful = write_brief, check_faithful
        self.story_toll, self.add_toll, self.toll_on_figures = story_toll, add_toll, toll_on_figures
        self.extract = extract_article
        self.cluster = cluster
        self.align, self.derive = (align_story, derive) if use_align else (None, None)
        self.parts = [n for n, f in (("cluster", self.cluster), ("align", self.align), ("derive", self.derive)) if f]

    def prepare(self, arts):
        sents = {a.id: self.segment(a) for a in arts}
        facts = {a.id: self.extract(a, sents[a.id]) for a in arts}
        return sents, facts

    def stories(self, arts, sents):
        if len(arts) < 2:
            return [Story(id="s", title="", article_ids=tuple(a.id for a in arts))]
        return self.cluster(arts, sents)

    def analyse(self, story, arts, sents, facts):
        by = {a.id: a for a in arts}
        sa = [by[i] for i in story.article_ids if i in by]
        ss = {a.id: sents[a.id] for a in sa}
        fs = {a.id: facts[a.id] for a in sa}
        als, ders = (), ()
        if self.align and len(sa) > 1:
            als = self.align(sa, ss)
            ders = self.derive(sa, ss, als) if self.derive else ()
        groups = self.reconcile(sa, fs, ders, alignments=als)
        disputes = self.disputes(sa, ss, fs, als)
        brief, timeline = self.write_brief(story, sa, ss, fs, als, ders, groups, disputes)
        toll = self.story_toll(sa, fs)
        derived = {d.derived_id for d in ders if d.direction == "known" and d.relation != "common_source"}
        brief, timeline = self.add_toll(brief, timeline, toll, sa, ss, derived)
        return self.toll_on_figures(groups, toll), brief, timeline


def _naive_figure_lines(groups, sents, arts):
    """Baseline brief lines: each figure's parsed value re-printed (as a template summariser would)."""
    from storyledger.records import BriefSentence, Citation

    out = []
    for g in groups:
        if g.current is None or g.current.value is None:
            continue
        r = g.reports[-1]
        s = next((x for x in sents.get(r.article_id, ()) if x.start <= r.start < x.end), None)
        if s is None:
            continue
        out.append(BriefSentence(text=f"{g.label}: {g.current.value:,.0f}",
                                 citations=(Citation(article_id=s.article_id, start=s.start, end=s.end),)))
    return out


def _baseline_toll(text: str) -> int | None:
    m = _BASELINE.search(text)
    return int(m.group(1).replace(",", "")) if m else None


def _surfaced(groups) -> bool:
    for g in groups:
        key = (g.reports[0].key or "") if g.reports else ""
        if key in ("killed:people", "killed") and g.status in ("conflicting", "updated") and len({r.article_id for r in g.reports}) >= 2:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="stories per dataset for faithfulness (0 = all)")
    ap.add_argument("--no-align", action="store_true", help="skip alignment and provenance everywhere (faster)")
    ap.add_argument("--align-all", action="store_true",
                    help="also align the faithfulness stories (slow: about 20 minutes on 2 cores)")
    args = ap.parse_args(argv)
    if not (args.data / "fakes_syria" / "fakes.csv").is_file():
        print(f"skipped: fakes_syria not found at {args.data / 'fakes_syria'}")
        return 0
    pipe = Pipeline(use_align=not args.no_align)
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    t0 = time.time()
    print(f"pipeline parts present: segment, extract, {', '.join(pipe.parts) or 'no cluster/align'}, reconcile, brief")

    # (a) FA-KES: differing tolls surfaced, agreeing tolls not flagged.
    counts = defaultdict(lambda: defaultdict(int))
    faithful_total = faithful_ok = naive_total = naive_ok = 0
    problems: list[str] = []
    for name, arts, tolls in load_fakes(args.data):
        known = {aid: t for aid, t in tolls.items() if t > 0}
        if len(known) < 2:
            continue
        kind = "differing" if len(set(known.values())) > 1 else "agreeing"
        arts = [a for a in arts if a.id in known]
        sents, facts = pipe.prepare(arts)
        flagged = False
        for story in pipe.stories(arts, sents):
            groups, brief, timeline = pipe.analyse(story, arts, sents, facts)
            flagged |= _surfaced(groups)
            items = list(brief) + list(timeline)
            naive = _naive_figure_lines(groups, sents, arts)
            naive_total += len(naive)
            naive_ok += sum(not pipe.check_faithful([b], arts) for b in naive)
            found = [pipe.check_faithful([b], arts) for b in items]
            faithful_total += len(items)
            faithful_ok += sum(not f for f in found)
            problems += [p for f in found for p in f]
        alone = _surfaced(pipe.reconcile(arts, facts, ()))
        base = [t for t in (_baseline_toll(a.text) for a in arts) if t is not None]
        base_flag = len(set(base)) > 1
        for half in (_half(name), "all"):
            counts[half][f"{kind}_n"] += 1
            counts[half][f"{kind}_flagged"] += flagged
            counts[half][f"{kind}_base_flagged"] += base_flag
            counts[half][f"{kind}_alone_flagged"] += alone

    def rate(c, kind, what):
        n = c[f"{kind}_n"]
        return c[f"{kind}_{what}"] / n if n else float("nan")

    print("\nFA-KES, groups by day + place (crowd tolls; 0 = not mentioned, left out)")
    print(f"{'half':<9} {'differing':>9} {'surfaced':>9} {'baseline':>9} | {'agreeing':>8} {'flagged':>8} {'baseline':>9}")
    for half in ("dev", "held-out", "all"):
        c = counts[half]
        print(
            f"{half:<9} {c['differing_n']:>9} {rate(c, 'differing', 'flagged'):>9.2f} {rate(c, 'differing', 'base_flagged'):>9.2f} | "
            f"{c['agreeing_n']:>8} {rate(c, 'agreeing', 'flagged'):>8.2f} {rate(c, 'agreeing', 'base_flagged'):>9.2f}"
        )
    c = counts["all"]
    print(
        f"reconcile alone (each group given as one story, no provenance): surfaced {rate(c, 'differing', 'alone_flagged'):.2f}, "
        f"flagged {rate(c, 'agreeing', 'alone_flagged'):.2f}"
    )
    print("targets on unseen data: surfaced >= 0.60, flagged <= 0.25")

    print(f"({time.time() - t0:.0f} s)")
    # (b) Faithfulness over every story we can build. Alignment changes which sentences are chosen,
    # not how they are written, so it is left out here unless asked for.
    if not args.align_all:
        pipe.align = pipe.derive = None
    per_set = {"fakes_syria": (faithful_ok, faithful_total)}
    for label, loader in (("basil", load_basil), ("allsides_neus", load_allsides)):
        try:
            stories = loader(args.data)
        except FileNotFoundError:
            print(f"skipped: {label} not found at {args.data / label}")
            continue
        if args.limit:
            stories = stories[: args.limit]
        ok = total = 0
        for _, arts in stories:
            sents, facts = pipe.prepare(arts)
            story = Story(id="s", title="", article_ids=tuple(a.id for a in arts))
            _, brief, timeline = pipe.analyse(story, arts, sents, facts)
            items = list(brief) + list(timeline)
            bad = {id(b) for b in items if pipe.check_faithful([b], arts)}
            problems += [p for b in items if id(b) in bad for p in pipe.check_faithful([b], arts)]
            ok += len(items) - len(bad)
            total += len(items)
        per_set[label] = (ok, total)
    all_ok = sum(o for o, _ in per_set.values())
    all_total = sum(t for _, t in per_set.values())
    print("\nFaithfulness: brief sentences + timeline entries whose numbers and quotes are verbatim in their citations")
    for label, (ok, total) in per_set.items():
        print(f"  {label:<14} {ok}/{total} = {ok / total if total else float('nan'):.4f}")
    faithful = all_ok / all_total if all_total else 1.0
    print(f"  {'all':<14} {all_ok}/{all_total} = {faithful:.4f}   (target 1.0)")
    if naive_total:
        print(f"  baseline, FA-KES figures re-printed from parsed values: {naive_ok}/{naive_total} = {naive_ok / naive_total:.4f}")
    for p in problems[:10]:
        print("  problem:", p)
    print(f"\n({time.time() - t0:.0f} s)")

    c = counts["all"]
    measured = {
        "fakes_differing_surfaced": rate(c, "differing", "flagged"),
        "fakes_agreeing_not_flagged": 1 - rate(c, "agreeing", "flagged"),
        "fakes_alone_surfaced": rate(c, "differing", "alone_flagged"),
        "fakes_alone_agreeing_not_flagged": 1 - rate(c, "agreeing", "alone_flagged"),
        "faithfulness": faithful,
    }
    failed = [k for k, floor in floors.items() if k in measured and not measured[k] >= floor]
    print("floors:", ", ".join(f"{k} {measured[k]:.3f} >= {floors[k]}" for k in floors if k in measured) or "none")
    if failed:
        print("BELOW FLOOR:", ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
