"""Evaluate casualty counts per report on the Gun Violence Corpus (``gvc``): the number killed and injured.

Usage::

    python evals/eval_gvc.py [--data PATH] [--folds K] [--show N]

Data (``gvc/articles.jsonl``, ``gvc/gold.json``; see its SOURCE.txt): local US reports of
gun incidents, each linked to the Gun Violence Archive's record of the incident (number
killed and injured, the final count). Each report is one :class:`Article` (title, text,
date); ours is :func:`storyledger.extract.figures.report_tally` over
:func:`storyledger.extract.figures.extract_figures` and the headline's figures: a logistic
scorer of candidate counts, refitted here on the training folds of each fold. The column
"rules, no model" is the rule alone: :func:`storyledger.extract.figures.casualty_count`
(``None`` counts as 0) and, for the injured, the first ``injured:``/``wounded``/``hurt``
figure of people.

Measures, each as exact-match accuracy per report:

- killed per report (all reports, and the reports of single-victim incidents);
- injured per report (the registry's injured count; ours counts "shot" only where the text
  says injured, wounded or hurt);
- per incident with two or more reports, against the registry (:func:`story_counts`): the
  story's current killed and injured as the report gives them (its casualty count, the
  ``toll``); the current value of its lead figure of each harm (its figures reconciled, the
  toll on top); and the story tally (the toll before suspects are set apart).

War reports (FA-KES, ``fakes_syria/fakes.csv``, when the data folder has it): the killed
scorer is fitted on the gun reports and the war reports of the training folds together (as
``tools/train_tally.py`` fits the shipped one), and the war reports' number killed per report
by :func:`storyledger.extract.figures.report_tally` is printed for the same folds, beside the
regex and the rule (:func:`storyledger.extract.figures.casualty_count`, what
``evals/eval_figures.py`` measures on them). The story's toll in war news is read through the
report scorer, so this row, not the rule's, is what a user of a war story gets.

Baseline in the same run: a regex, "the first number near killed/dead/died", plus "a fatal
word means one" (no number but a fatal word such as ``killed``, ``fatally``, ``died`` or
``dead``: one killed), and for injured the same with the injury words.

Cross-validation: reports are split into ``K`` folds by a hash of their incident's state
and city (no city, and so no incident, is in two folds: the data was staged the same way).
The tally model is fitted on the other folds only (:func:`cross_fit`; the shipped
``storyledger/models/tally.json``, fitted on all of them by ``tools/train_tally.py``, is
not used here); rules have nothing fitted. The mean and spread over the folds are
printed (``--per-fold``: each fold's too), and the floors (``evals/floors/gvc.json``) sit on
the mean. The stories' counts use the fold's model: its report scorers, and its story scorer
fitted on the training folds' incidents read by report scorers that never saw them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyledger.extract.figures import casualty_count, extract_figures  # noqa: E402  (path set above)
from storyledger.extract.figures.tally import Tally, fit_tally_model, report_tally  # noqa: E402
from storyledger.reconcile.tally import fit_story_policies, story_tally  # noqa: E402
from storyledger.reconcile.tally_scorer import fit_story_scorer, report_view  # noqa: E402
from storyledger.records import Article, ArticleFacts  # noqa: E402
from storyledger.reconcile import reconcile_figures  # noqa: E402
from storyledger.reconcile.toll import story_toll  # noqa: E402
from storyledger.reconcile.toll_figures import toll_on_figures  # noqa: E402
from storyledger.text import segment_article  # noqa: E402
from evals.eval_figures import fakes_gold, load_fakes  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FLOORS = Path(__file__).resolve().parent / "floors" / "gvc.json"

_NUM = r"(\d[\d,]*)"
_KILL_NEAR = re.compile(_NUM + r"\s+(?:\w+\s+){0,3}?(?:killed|dead|died)|(?:killed|dead)\D{0,30}?" + _NUM, re.I)
_HURT_NEAR = re.compile(_NUM + r"\s+(?:\w+\s+){0,3}?(?:injured|wounded|hurt)|(?:injured|wounded|hurt)\D{0,30}?" + _NUM,
                        re.I)
_FATAL = re.compile(r"\b(?:killed|fatally|died|dead|death|homicide|murdered|slain)\b", re.I)
_HURT = re.compile(r"\b(?:injured|wounded|hurt|hospitali[sz]ed)\b", re.I)


def regex_count(text: str, near: re.Pattern, word: re.Pattern) -> int:
    """The first number near a harm word; else one when the word occurs; else zero."""
    for m in near.finditer(text):
        s = (m.group(1) or m.group(2)).replace(",", "")
        if s.isdigit() and not (len(s) == 4 and s[:2] in ("19", "20")):
            return int(s)
    return 1 if word.search(text) else 0


def injured_count(figures) -> float | None:
    """The first figure of people injured, wounded or hurt."""
    for f in figures:
        if f.key and f.key.split(":")[0] in ("injured", "wounded", "hurt") and f.value and not f.currency:
            return float(f.value)
    return None


def load(root: Path) -> list[dict]:
    """One row per report: its article, its incident's gold counts and its fold key."""
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    rows = []
    with (root / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            inc_id = gold["doc_incident"].get(d["id"])
            if inc_id is None:
                continue
            inc = gold["incidents"][inc_id]
            art = Article(id=d["id"], text=d["text"], title=d.get("title"), published=d.get("published"))
            rows.append({"article": art, "killed": inc["killed"], "injured": inc["injured"], "incident": inc_id,
                         "group": f"{inc['state']}|{inc['city']}"})
    return rows


def load_war(root: Path) -> list[dict]:
    """FA-KES war reports (``root/fakes_syria/fakes.csv``): one row per article with its number killed.

    Their fold key is the text itself, so that the records whose texts repeat stay in one
    fold. None when the folder is absent.
    """
    path = root / "fakes_syria" / "fakes.csv"
    if not path.exists():
        return []
    return [{"article": Article(id=r["unit_id"], text=r["article_content"]), "killed": fakes_gold(r),
             "group": "fakes|" + r["article_content"]} for r in load_fakes(path)]


def predict_war(war: list[dict]) -> None:
    """Fill each war report's figures, its rule count and its regex baseline."""
    for r in war:
        a = r["article"]
        r["figures"] = extract_figures(a, segment_article(a))
        r["rule_killed"] = int(round(casualty_count(r["figures"]) or 0))
        r["base_killed"] = regex_count(a.text, _KILL_NEAR, _FATAL)


def _killed_only(war: list[dict], k: int, left_out: tuple[int, ...]) -> list[tuple]:
    """The war reports outside the folds ``left_out``, as examples of the killed scorer."""
    return [(r["article"], r["figures"], r["killed"]) for r in war if fold_of(r, k) not in left_out]


def predict(rows: list[dict]) -> float:
    """Fill each row's predictions (ours and the baseline); returns the sentences per CPU-second of ours."""
    n_sent, cpu = 0, 0.0
    for r in rows:
        a = r["article"]
        sents = segment_article(a)
        c0 = time.process_time()
        figs = extract_figures(a, sents)
        cpu += time.process_time() - c0
        n_sent += len(sents)
        text = f"{a.title or ''}\n{a.text}"
        r["figures"] = figs
        r["rule_killed"] = int(round(casualty_count(figs) or 0))
        r["rule_injured"] = int(round(injured_count(figs) or 0))
        r["base_killed"] = regex_count(text, _KILL_NEAR, _FATAL)
        r["base_injured"] = regex_count(text, _HURT_NEAR, _HURT)
    return n_sent / max(cpu, 1e-9)


def story_counts(rows: list[dict]) -> list[dict]:
    """Per incident with two or more reports: the story's current killed and injured, ours and the baseline's.

    Ours, as the report gives them (each with the fold's model):

    - ``ours_*``: the story's casualty count, :func:`storyledger.reconcile.toll.story_toll` (the
      report's ``toll``, its "Casualties" line; 0 when it has none);
    - ``ours_figures_*``: the current value of the story's lead figure of the harm: the reports'
      figures reconciled (:func:`storyledger.reconcile.reconcile_figures`, policy ``latest``) with
      the toll on top (:func:`storyledger.reconcile.toll_figures.toll_on_figures`), the first group
      keyed with the harm and of the story's own event (0 when none);
    - ``ours_tally_*``: :func:`storyledger.reconcile.story_tally` (the toll before it leaves out a
      count only suspects make up: the registry counts them).

    Baseline: the most common per-report regex count (the larger on a tie).
    """
    by_incident: dict[str, list[dict]] = {}
    for r in rows:
        by_incident.setdefault(r["incident"], []).append(r)
    out = []
    for group in by_incident.values():
        if len(group) < 2:
            continue
        arts = [r["article"] for r in group]
        facts = {r["article"].id: ArticleFacts(article_id=r["article"].id, figures=r["figures"]) for r in group}
        model = group[0]["model"]
        toll = story_toll(arts, facts, model)
        groups = toll_on_figures(reconcile_figures(arts, facts), toll)
        story = {"killed": group[0]["killed"], "injured": group[0]["injured"], "group": group[0]["group"]}
        tally = story_tally(arts, facts, model)
        story["ours_tally_killed"], story["ours_tally_injured"] = tally.killed, tally.injured
        for harm in ("killed", "injured"):
            story[f"ours_{harm}"] = getattr(toll, harm).value if toll else 0
            lead = next((g for g in groups if g.current and any(
                (f.key or "").startswith(harm + ":") and f.event == "story" for f in g.reports)), None)
            story[f"ours_figures_{harm}"] = int(round(lead.current.value or 0)) if lead else 0
            votes = [r[f"base_{harm}"] for r in group]
            story[f"base_{harm}"] = max(votes, key=lambda v: (votes.count(v), v))
        out.append(story)
    return out


def cross_fit(rows: list[dict], k: int, war: list[dict] = ()) -> None:
    """Fill each row's ``ours_*`` and ``model`` with the tally model fitted on the other folds only.

    Each fold's model is fitted without the fold's reports: the report scorers on the training
    folds; the story policies on the training folds' incidents with two or more reports; the
    story scorer (:func:`storyledger.reconcile.tally_scorer.fit_story_scorer`) on the same
    incidents, their reports counted by report scorers fitted without their own fold either
    (:func:`_nested_views`: for test fold ``f`` and training fold ``g``, the scorers fitted on the
    folds other than both), so that it learns how far to trust a report's count on reports its
    scorers never saw. The war reports (``war``, FA-KES) are split in the same ``k`` folds and
    join the killed scorer's examples of the training folds, as ``tools/train_tally.py`` adds
    them all; each war report's ``ours_killed`` is filled by its fold's model. The shipped
    ``storyledger/models/tally.json`` is not used here.
    """
    nested = _nested_views(rows, k, war)
    for fold in range(k):
        train_rows = [r for r in rows if fold_of(r, k) != fold]
        model = fit_tally_model([(r["article"], r["figures"], r["killed"], r["injured"]) for r in train_rows],
                                killed_only=_killed_only(war, k, (fold,)))
        model["story"] = fit_story_policies(_story_examples(train_rows, model))
        model["story_scorer"] = fit_story_scorer(_story_views(train_rows, nested[fold]))
        for r in rows:
            if fold_of(r, k) == fold:
                t = report_tally(r["article"], r["figures"], model)
                r["ours_killed"], r["ours_injured"], r["model"] = t.killed, t.injured, model
        for r in war:
            if fold_of(r, k) == fold:
                r["ours_killed"] = report_tally(r["article"], r["figures"], model).killed


def _nested_views(rows: list[dict], k: int, war: list[dict] = ()) -> dict[int, dict[str, object]]:
    """Per test fold ``f``: each other report's view under report scorers fitted without fold ``f`` and its own.

    The scorers fitted without folds ``f`` and ``g`` serve both ``f``'s training report of fold ``g``
    and ``g``'s of fold ``f``: one fit per pair of folds.
    """
    out: dict[int, dict[str, object]] = {f: {} for f in range(k)}
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r["incident"]] = sizes.get(r["incident"], 0) + 1
    for f in range(k):
        for g in range(f + 1, k):
            fit_rows = [r for r in rows if fold_of(r, k) not in (f, g)]
            model = fit_tally_model([(r["article"], r["figures"], r["killed"], r["injured"]) for r in fit_rows],
                                    killed_only=_killed_only(war, k, (f, g)))
            for r in rows:
                own = fold_of(r, k)
                if own in (f, g) and sizes[r["incident"]] >= 2:
                    out[g if own == f else f][r["article"].id] = report_view(r["article"], r["figures"], model)
    return out


def _story_views(rows: list[dict], views: dict[str, object]) -> list[tuple[list, Tally]]:
    by_incident: dict[str, list[dict]] = {}
    for r in rows:
        by_incident.setdefault(r["incident"], []).append(r)
    return [([views[r["article"].id] for r in g], Tally(killed=g[0]["killed"], injured=g[0]["injured"]))
            for g in by_incident.values() if len(g) >= 2]


def _story_examples(rows: list[dict], model: dict) -> list[tuple[list[Tally], Tally]]:
    by_incident: dict[str, list[dict]] = {}
    for r in rows:
        by_incident.setdefault(r["incident"], []).append(r)
    return [([report_tally(r["article"], r["figures"], model) for r in g], Tally(killed=g[0]["killed"],
             injured=g[0]["injured"])) for g in by_incident.values() if len(g) >= 2]


def fold_of(row: dict, k: int) -> int:
    return int(hashlib.sha1(row["group"].encode("utf-8")).hexdigest(), 16) % k


def scores(rows: list[dict]) -> dict[str, float]:
    """Exact-match accuracy of each measure over ``rows``."""
    single = [r for r in rows if r["killed"] == 1]
    out = {}
    for who in ("ours", "rule", "base"):
        out[f"{who}_killed"] = sum(r[f"{who}_killed"] == r["killed"] for r in rows) / max(1, len(rows))
        out[f"{who}_killed_single"] = sum(r[f"{who}_killed"] == 1 for r in single) / max(1, len(single))
        out[f"{who}_injured"] = sum(r[f"{who}_injured"] == r["injured"] for r in rows) / max(1, len(rows))
    return out


def story_scores(stories: list[dict]) -> dict[str, float]:
    """Exact-match accuracy of the stories' current killed and injured against the registry."""
    n = max(1, len(stories))
    out = {f"{who}_story_{harm}": sum(s[f"{who}_{harm}"] == s[harm] for s in stories) / n
           for who in ("ours", "base") for harm in ("killed", "injured")}
    for harm in ("killed", "injured"):
        for kind in ("tally", "figures"):
            out[f"ours_{kind}_{harm}"] = sum(s[f"ours_{kind}_{harm}"] == s[harm] for s in stories) / n
            out[f"base_{kind}_{harm}"] = out[f"base_story_{harm}"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--show", type=int, default=0, help="print N errors of the killed count")
    ap.add_argument("--per-fold", action="store_true", help="print each fold's figure beside the mean")
    args = ap.parse_args(argv)
    root = args.data / "gvc"
    if not (root / "gold.json").exists():
        print(f"skipped: gvc not found at {root}")
        return 0
    rows = load(root)
    war = load_war(args.data)
    speed = predict(rows)
    predict_war(war)
    cross_fit(rows, args.folds, war)
    stories = story_counts(rows)
    folds = [{**scores([r for r in rows if fold_of(r, args.folds) == k]),
              **story_scores([s for s in stories if fold_of(s, args.folds) == k])} for k in range(args.folds)]
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    failed = False
    print(f"GVC: {len(rows)} reports of {len({r['incident'] for r in rows})} incidents "
          f"({len(stories)} with two or more reports), "
          f"{args.folds}-fold cross-validation by city; exact accuracy per report, mean (sd) over folds")
    print(f"  {'':<26}{'storyledger':>16}{'regex + fatal=1':>18}{'rules, no model':>18}")
    for measure, label in (("killed", "killed"), ("killed_single", "killed, one-dead incidents"),
                           ("injured", "injured"), ("story_killed", "story's current killed"),
                           ("story_injured", "story's current injured"),
                           ("figures_killed", "story's killed, figures"), ("figures_injured", "story's injured, figures"),
                           ("tally_killed", "story's killed, tallies"), ("tally_injured", "story's injured, tallies")):
        ours = [f[f"ours_{measure}"] for f in folds]
        base = [f[f"base_{measure}"] for f in folds]
        rule = [f[f"rule_{measure}"] for f in folds if f"rule_{measure}" in f]
        print(f"  {label:<26}{statistics.mean(ours):9.3f} ({statistics.pstdev(ours):.3f})"
              f"{statistics.mean(base):11.3f} ({statistics.pstdev(base):.3f})"
              + (f"{statistics.mean(rule):11.3f} ({statistics.pstdev(rule):.3f})" if rule else "")
              + (f"   folds {' '.join(f'{x:.3f}' for x in ours)}" if args.per_fold else ""))
        floor = floors.get("cv", {}).get(measure)
        if floor is not None:
            ok = statistics.mean(ours) >= floor
            failed |= not ok
            print(f"  floor {measure} {floor:.3f}: {'ok' if ok else 'BELOW FLOOR'}")
    if war:
        failed |= not _print_war(war, args.folds, floors, args.per_fold)
    print(f"  extract_figures: {speed:.0f} sentences per CPU-second")
    for r in [r for r in rows if r["ours_killed"] != r["killed"]][: args.show]:
        print("   ", r["article"].id, "gold", r["killed"], "ours", r["ours_killed"], r["article"].text[:200].replace("\n", " "))
    return 1 if failed else 0


def _print_war(war: list[dict], k: int, floors: dict, per_fold: bool) -> bool:
    """Print the war reports' killed per report (the same cross-validation); False when under its floor."""
    folds = [[r for r in war if fold_of(r, k) == f] for f in range(k)]
    cols = {who: [sum(r[f"{who}_killed"] == r["killed"] for r in fr) / max(1, len(fr)) for fr in folds]
            for who in ("ours", "base", "rule")}
    print(f"  FA-KES war reports ({len(war)}), killed per report, same {k} folds (the killed scorer fitted with "
          f"the training folds' war reports):")
    print(f"  {'killed, war reports':<26}" + "".join(
        f"{statistics.mean(v):{9 if who == 'ours' else 11}.3f} ({statistics.pstdev(v):.3f})" for who, v in cols.items())
        + (f"   folds {' '.join(f'{x:.3f}' for x in cols['ours'])}" if per_fold else ""))
    floor = floors.get("cv", {}).get("war_killed")
    if floor is None:
        return True
    ok = statistics.mean(cols["ours"]) >= floor
    print(f"  floor war_killed {floor:.3f}: {'ok' if ok else 'BELOW FLOOR'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
