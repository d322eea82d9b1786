"""The cited brief on AllSides stories: do co-cited outlets say it, are lines whole, are facts recalled?

Data: ``allsides_neus`` (read its SOURCE.txt): per story, excerpts of one event
by a left, a centre and a right outlet, and the AllSides editors' neutral
roundup. Each story's excerpts are one story here (clustering is measured by
``eval_cluster``); the pipeline runs per story as ``analyze`` would
(:func:`~storyledger.pipeline.prepare_article`, then
:func:`~storyledger.pipeline.analyze_story`). An article is the excerpt's
sentences joined, its title and outlet as metadata, the story's date as its
publication date.

What is measured, each defined mechanically:

* **co-cited outlets that state the line**: every citation after the first of a
  brief line (sections other than ``figures``), into another article. It
  *states* the line when the cited sentence (a) has every number of the line
  (digits and number words, commas ignored), (b) names every weekday, month and
  relative day (today, yesterday...) the line names, (c) has the same polarity
  (the parity of negations: not, no, never, n't, without, nor) and (d) covers
  the line's content: the share of the line's content-word stems found in the
  cited sentence reaches a threshold fit on MSRP (``msrp``, sentence-1 content
  covered by sentence 2, threshold of best accuracy), a lexical judge
  independent of the brief's own (the alignment model's) verdict.
* **cut or broken lines**: brief lines (all but ``figures``) that end in "..."
  or "…", are questions, do not end a sentence, begin in lower case, carry
  their article's headline, or begin with a run-in label ("Driving the news:")
  or an upper-case dateline ("WASHINGTON —").
* **repeated summary lines**: summary lines whose content is covered, by the same
  judge as (d), by an earlier summary line.
* **fact recall**: the share of the roundup's content units (content-word stems
  and numbers) found in the brief's lines, per story, averaged; beside it the
  same for a **lead baseline** of the same length in words (1st sentence of
  each outlet, then the 2nd..., cut at the brief's word count). Measured for
  the whole brief and for its summary lines alone. Beside them, as a ceiling,
  an **oracle** of the summary's length: whole sentences picked greedily by
  the roundup units they add per word, knowing the roundup (no extractive
  summary of that length does much better).
* **figure lines** per story, **stories with a dispute**, and **faithfulness**
  (:func:`~storyledger.reconcile.brief.check_faithful` passes, and a sentence line
  is a verbatim span of its first citation).

One thing is fit on these stories: the brief's word-salience model
(``storyledger/models/brief_salience.json``, fit on every story by
``evals/fit_brief_salience.py``). Every figure printed is **cross-validated**:
the stories fall in five folds (position in the hash order modulo 5), and each
story's brief is written with the salience model refit on the stories of the
other four folds (all of them, not only the ones run), so no figure comes from
a model fit on the stories it is measured on; the recall rows are printed per
fold too. ``--shipped`` writes every brief with the shipped model instead (fit
on these very stories: not a figure to quote). The brief's price per word
(:data:`~storyledger.reconcile.salience.WORD_PRICE`) was chosen on folds 0-1
and checked on folds 2-4. The judge's threshold is fit on MSRP; the brief's
other settings are fixed by design. To keep ``make eval`` to a few minutes the
first 128 stories by a hash of their id are run (a deterministic subsample,
about half; half A and half B are every second story of it); ``--limit 0``
runs all 255.

The judge is strict: it is lexical, so an outlet that states the claim in other
words fails it (read by hand over all 255 stories, 4 of the 6 co-citations it
rejects state the claim); it bounds the true share from below. The brief's own
test (``reconcile/brief_claims``) shares none of it but the number, day and
polarity checks the issue asks for.

Usage::

    python evals/eval_brief.py [--data PATH] [--limit N] [--show N] [--cocited] [--shipped]

``--cocited`` prints every co-citation whole with the judge's verdict, to read
the judge's rejections by hand.

Exits 1 when a figure is on the wrong side of its floor in
``evals/floors/brief.json`` (keys ending ``_max`` are ceilings).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _allsides import excerpt_text  # noqa: E402
from storyledger.pipeline import StoryTask, analyze_story, prepare_article  # noqa: E402
from storyledger.reconcile.brief import check_faithful  # noqa: E402
from storyledger.records import Article, Story  # noqa: E402
from storyledger.text import STOP, segment_article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "brief.json"
SIDES = ("left", "center", "right")
SAMPLE = 128  # stories run by default, the first by hash: about two minutes
FOLDS = 5  # cross-validation folds: a story's position in the hash order modulo FOLDS
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*|(?<![\w-])\d+(?:[.,]\d+)*")
_SMALL = "zero one two three four five six seven eight nine ten eleven twelve".split()
_NUMWORD = {w: str(i) for i, w in enumerate(_SMALL)}
_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow "
    "tonight".split()
)
_NEG = frozenset("not no never n't without nor".split())
_ELLIPSIS = re.compile(r"(\.\.\.|…)\W*$")
_END = re.compile(r"[.!\"”’')]$")
_LABEL = re.compile(r"^(?:[\w’'-]+\s){0,3}[\w’'-]+:\s")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}\s+(?:—|–|-|\()")


def _stem(w: str) -> str:
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf in ("ing", "ed", "es", "s", "ly"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def content(text: str) -> set[str]:
    """Content units: stems of words that are not function words, and numbers (commas dropped)."""
    out = set()
    for w in _WORD.findall(text):
        lw = w.lower()
        if w[0].isdigit():
            out.add(w.replace(",", ""))
        elif lw in _NUMWORD:
            out.add(_NUMWORD[lw])
        elif lw not in STOP and len(lw) > 2:
            out.add(_stem(lw))
    return out


def numbers(text: str) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {w.replace(",", "") for w in words if w[0].isdigit()} | {_NUMWORD[w] for w in words if w in _NUMWORD}


def days(text: str) -> set[str]:
    return {w.lower().rstrip(".") for w in _WORD.findall(text)} & _DAYS


def polarity(text: str) -> int:
    toks = re.findall(r"[a-z]+(?=n't\b)|n't|[a-z]+", text.lower().replace("’", "'"))  # "don't": "do", "n't"
    return sum(t in _NEG for t in toks) % 2


def coverage(a: str, b: str) -> float:
    """Share of ``a``'s content units found in ``b``."""
    ca = content(a)
    return len(ca & content(b)) / len(ca) if ca else 0.0


def states(line: str, cited: str, threshold: float) -> bool:
    """Does ``cited`` state ``line``: its numbers, days, polarity, and enough of its content."""
    return (
        numbers(line) <= numbers(cited)
        and days(line) <= days(cited)
        and polarity(line) == polarity(cited)
        and coverage(line, cited) >= threshold
    )


def fit_judge(root: Path) -> tuple[float, float]:
    """The coverage threshold of best accuracy on MSRP (sentence 1 covered by sentence 2), and that accuracy."""
    rows = []
    for line in (root / "msrp" / "msr_paraphrase_train.txt").read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 5:
            rows.append((parts[0] == "1", coverage(parts[3], parts[4])))
    best = max(((sum((c >= t) == y for y, c in rows) / len(rows), t) for t in [k / 100 for k in range(20, 95)]))
    return best[1], best[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class AllSidesStory:
    id: str
    roundup: str
    articles: tuple[Article, ...]


def load_stories(root: Path) -> list[AllSidesStory]:
    """Stories with at least two outlets, ordered by a hash of their id (stable, not the file's order)."""
    out = []
    for line in (root / "allsides_neus" / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        arts = []
        for side in SIDES:
            n = (d.get("news") or {}).get(side)
            if not n:
                continue
            text = excerpt_text(n)
            if text:
                arts.append(Article(id=f"as{d['id']}_{side}", text=text, title=n.get("newsTitle") or None,
                                    source=n.get("newsSource") or side, published=str(d.get("date") or "")[:10] or None))
        roundup = " ".join(str(p).strip() for p in d.get("roundup") or [])
        if len(arts) > 1 and roundup:
            out.append(AllSidesStory(id=str(d["id"]), roundup=roundup, articles=tuple(arts)))
    return sorted(out, key=lambda s: hashlib.sha1(s.id.encode()).hexdigest())


def run(story: AllSidesStory):
    """The story's analysis, as ``analyze`` makes it for one story."""
    prep = {a.id: prepare_article(a) for a in story.articles}
    st = Story(id=story.id, title="", article_ids=tuple(a.id for a in story.articles))
    task = StoryTask(story=st, articles=story.articles, sentences={k: v[0] for k, v in prep.items()},
                     facts={k: v[1] for k, v in prep.items()})
    return analyze_story(task)


@contextlib.contextmanager
def salience_model(model: dict | None):
    """Write briefs with ``model`` as the brief's salience model (a fold's refit); None: the shipped one."""
    from storyledger.reconcile import salience

    shipped = salience.load_salience_model
    if model is not None:
        salience.load_salience_model = lambda path=None: model
    try:
        yield
    finally:
        salience.load_salience_model = shipped


def lead_baseline(arts, n_words: int) -> str:
    """Lead sentences, the 1st of each outlet then the 2nd..., cut at ``n_words`` words."""
    sents = [[s.text.strip() for s in segment_article(a)] for a in arts]
    words: list[str] = []
    for k in range(max(len(s) for s in sents)):
        for s in sents:
            if k < len(s):
                words += s[k].split()
    return " ".join(words[:n_words])


def oracle_lines(arts, facts: set[str], n_words: int) -> str:
    """A ceiling for any extractive pick: whole sentences chosen greedily by the roundup's units they add
    per word (knowing the roundup), cut at ``n_words`` words."""
    left = [s.text.strip() for a in arts for s in segment_article(a) if s.text.strip()]
    told: set[str] = set()
    picked: list[str] = []
    words = 0
    while left and words < n_words:
        best = max(left, key=lambda t: len((content(t) & facts) - told) / len(t.split()))
        left.remove(best)
        told |= content(best) & facts
        picked.append(best)
        words += len(best.split())
    return " ".join(" ".join(picked).split()[:n_words])


def broken(text: str, title: str | None) -> bool:
    """A line cut with an ellipsis, a question, no sentence end, a lower-case start, a headline or label run in."""
    t = text.strip()
    return bool(
        _ELLIPSIS.search(t) or t.endswith("?") or not _END.search(t) or t[:1].islower()
        or (title and len(title) > 15 and title.strip().lower() in t.lower())
        or _LABEL.match(t) or _DATELINE.match(t)
    )


@dataclass
class Tally:
    cocite: list[bool] = field(default_factory=list)
    broken: list[bool] = field(default_factory=list)
    repeated: list[bool] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    lead: list[float] = field(default_factory=list)
    recall_summary: list[float] = field(default_factory=list)
    lead_summary: list[float] = field(default_factory=list)
    oracle_summary: list[float] = field(default_factory=list)
    figure_lines: list[int] = field(default_factory=list)
    toll_lines: list[int] = field(default_factory=list)
    disputed: list[bool] = field(default_factory=list)
    faithful: list[bool] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)  # every co-citation, whole, with the judge's verdict (for reading by hand)


def score_story(story: AllSidesStory, analysis, threshold: float, tally: Tally) -> None:
    by_id = {a.id: a for a in story.articles}
    lines = list(analysis.brief)
    summary: list[str] = []
    for b in lines:
        first = b.citations[0] if b.citations else None
        span = by_id[first.article_id].text[first.start:first.end] if first and first.article_id in by_id else ""
        ok = not check_faithful([b], story.articles)
        if b.section not in ("figures", "disputes", "toll"):
            ok = ok and " ".join(b.text.split()) in " ".join(span.split())
            tally.broken.append(broken(b.text, by_id[first.article_id].title if first else None))
            for c in b.citations[1:]:
                if c.article_id != first.article_id and c.article_id in by_id:
                    good = states(b.text, by_id[c.article_id].text[c.start:c.end], threshold)
                    tally.cocite.append(good)
                    tally.pairs.append(f"  [{'stated' if good else 'not stated'}] {story.id}: {b.text!r}\n"
                                       f"      <- {by_id[c.article_id].source}: {by_id[c.article_id].text[c.start:c.end]!r}")
                    if not good and len(tally.examples) < 40:
                        tally.examples.append(f"  not stated [{b.section}]: {b.text[:90]!r} <- {by_id[c.article_id].text[c.start:c.end][:90]!r}")
        if b.section == "summary":
            tally.repeated.append(any(coverage(b.text, s) >= threshold for s in summary))
            summary.append(b.text)
        tally.faithful.append(ok)
    tally.figure_lines.append(sum(b.section == "figures" for b in lines))
    tally.toll_lines.append(sum(b.section == "toll" for b in lines))
    tally.examples.extend(f"  toll line: {b.text[:120]!r}" for b in lines if b.section == "toll")
    tally.disputed.append(bool(analysis.disputes))
    facts = content(story.roundup)
    if not facts:
        return
    for got, lead, part in ((tally.recall, tally.lead, lines), (tally.recall_summary, tally.lead_summary,
                                                                [b for b in lines if b.section == "summary"])):
        text = " ".join(b.text for b in part)
        got.append(len(facts & content(text)) / len(facts))
        lead.append(len(facts & content(lead_baseline(story.articles, len(text.split())))) / len(facts))
    n_summary = sum(len(b.text.split()) for b in lines if b.section == "summary")
    tally.oracle_summary.append(len(facts & content(oracle_lines(story.articles, facts, n_summary))) / len(facts))


def _mean(xs) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def figures_of(t: Tally) -> dict[str, float]:
    return {
        "co_cited_state_claim": _mean(t.cocite),
        "broken_lines_max": _mean(t.broken),
        "repeated_summary_max": _mean(t.repeated),
        "recall": _mean(t.recall),
        "recall_lead": _mean(t.lead),
        "recall_over_lead": _mean(t.recall) - _mean(t.lead),
        "recall_summary": _mean(t.recall_summary),
        "recall_summary_lead": _mean(t.lead_summary),
        "recall_summary_over_lead": _mean(t.recall_summary) - _mean(t.lead_summary),
        "oracle_summary_over_lead": _mean(t.oracle_summary) - _mean(t.lead_summary),
        "figure_lines_per_story": _mean(t.figure_lines),
        "toll_lines_per_story": _mean(t.toll_lines),
        "stories_with_dispute": _mean(t.disputed),
        "faithful": _mean(t.faithful),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=SAMPLE, help=f"first N stories by hash (default {SAMPLE}; 0: all)")
    parser.add_argument("--show", type=int, default=0, help="print N co-citations judged not stated")
    parser.add_argument("--cocited", action="store_true", help="print every co-citation whole, with the judge's verdict")
    parser.add_argument("--shipped", action="store_true",
                        help="use the shipped salience model (fit on these stories) instead of each fold's refit")
    args = parser.parse_args()
    t0 = time.perf_counter()
    threshold, acc = fit_judge(args.data)
    every = load_stories(args.data)
    stories = every[: args.limit] if args.limit else every
    if args.shipped:
        models: list[dict | None] = [None] * FOLDS
    else:
        from fit_brief_salience import fold_models

        models = list(fold_models(every, FOLDS))
    t1 = time.perf_counter()
    halves, folds = (Tally(), Tally()), [Tally() for _ in range(FOLDS)]
    both = Tally()
    for k, story in enumerate(stories):
        with salience_model(models[k % FOLDS]):
            analysis = run(story)
        for tally in (halves[k % 2], folds[k % FOLDS], both):
            score_story(story, analysis, threshold, tally)
    print(f"{len(stories)} AllSides stories, {sum(len(s.articles) for s in stories)} excerpts; "
          f"judge: content coverage >= {threshold:.2f} (MSRP accuracy {acc:.3f}); briefs {time.perf_counter() - t1:.0f} s "
          f"({time.perf_counter() - t0:.0f} s in all)")
    print("salience model: the shipped one, fit on these stories (not held out)" if args.shipped else
          f"salience model: refit without each story's fold ({FOLDS}-fold cross-validation over {len(every)} stories)")
    print(f"co-citations judged: {len(both.cocite)}; sentence lines: {len(both.broken)}; summary lines: {len(both.repeated)}")
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    got, h0, h1 = figures_of(both), figures_of(halves[0]), figures_of(halves[1])
    print(f"{'measure':32s}{'all':>9s}{'half A':>9s}{'half B':>9s}{'floor':>9s}")
    for name, v in got.items():
        print(f"{name:32s}{v:9.3f}{h0[name]:9.3f}{h1[name]:9.3f}{floors.get(name, '-'):>9}")
    for name in ("recall_over_lead", "recall_summary_over_lead"):
        print(f"{name + ' per fold':32s}" + "".join(f"{figures_of(t)[name]:9.3f}" for t in folds))
    for line in both.examples[: args.show]:
        print(line)
    if args.cocited:
        print("\n".join(both.pairs))
    low = [n for n, f in floors.items() if (got[n] > f if n.endswith("_max") else got[n] < f)]
    if low:
        print("on the wrong side of the floor: " + ", ".join(low))
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
