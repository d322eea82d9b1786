"""Fit the report tally model (``storyledger/models/tally.json``) on the Gun Violence Corpus and FA-KES.

Usage::

    python tools/train_tally.py [--data PATH] [--out storyledger/models/tally.json]

Reads every development report of ``<data>/gvc`` (as ``evals/eval_gvc.py`` does), extracts
its figures, and fits :func:`storyledger.extract.figures.tally.fit_tally_model` on all of
them: one logistic scorer of candidate counts for the killed and one for the injured,
against the registry's counts, the killed scorer with the war reports of ``<data>/fakes_syria``
too (their number killed; they tell no injured count), so that it is not fitted on one kind of
news only; then, over the incidents with two or more reports, the
policy that combines the reports' tallies into the story's count
(:func:`storyledger.reconcile.tally.fit_story_policies`), and the story scorer
(:func:`storyledger.reconcile.tally_scorer.fit_story_scorer`) on the same incidents, each
report read by report scorers cross-fitted without its city's fold (5 folds by city, as the
evaluation splits), so that the story scorer learns how far to trust counts of reports its
report scorers never saw. ``evals/eval_gvc.py`` calls the same functions on the training
folds of each cross-validation fold, so the figures it reports are measured on reports the
fitted model never saw; the file written here is what runs at run time.
Only numbers and names are written (feature names, weights, intercepts, policy names), as JSON. Deterministic
for a given data folder (lbfgs, no random state).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.eval_gvc import DEFAULT_DATA, fold_of, load, load_war  # noqa: E402  (path set above)
from storyledger.extract.figures import extract_figures  # noqa: E402
from storyledger.extract.figures.tally import Tally, fit_tally_model, report_tally  # noqa: E402
from storyledger.reconcile.tally import fit_story_policies  # noqa: E402
from storyledger.reconcile.tally_scorer import ReportView, fit_story_scorer, report_view  # noqa: E402

FOLDS = 5
from storyledger.text import segment_article  # noqa: E402


def story_examples(rows: list[dict], reports: list, model: dict) -> list[tuple[list[Tally], Tally]]:
    """Per incident with two or more reports: its reports' tallies under ``model`` and its registry counts."""
    by_incident: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_incident.setdefault(r["incident"], []).append(i)
    out = []
    for idx in by_incident.values():
        if len(idx) >= 2:
            tallies = [report_tally(reports[i][0], reports[i][1], model) for i in idx]
            out.append((tallies, Tally(killed=rows[idx[0]]["killed"], injured=rows[idx[0]]["injured"])))
    return out


def cross_fitted_views(rows: list[dict], reports: list, war: list = ()) -> list[tuple[list[ReportView], Tally]]:
    """Per incident with two or more reports: its reports' views under report scorers fitted without
    their city's fold, and its registry counts."""
    views: dict[int, ReportView] = {}
    for fold in range(FOLDS):
        model = fit_tally_model([rep for r, rep in zip(rows, reports) if fold_of(r, FOLDS) != fold], killed_only=war)
        views.update({i: report_view(reports[i][0], reports[i][1], model) for i, r in enumerate(rows)
                      if fold_of(r, FOLDS) == fold})
    by_incident: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_incident.setdefault(r["incident"], []).append(i)
    return [([views[i] for i in idx], Tally(killed=rows[idx[0]]["killed"], injured=rows[idx[0]]["injured"]))
            for idx in by_incident.values() if len(idx) >= 2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "storyledger" / "models" / "tally.json")
    args = ap.parse_args(argv)
    root = args.data / "gvc"
    if not (root / "gold.json").exists():
        print(f"error: {root}: no gold.json (the Gun Violence Corpus folder is needed)", file=sys.stderr)
        return 1
    rows = load(root)
    reports = [(r["article"], extract_figures(r["article"], segment_article(r["article"])), r["killed"], r["injured"])
               for r in rows]
    war = [(r["article"], extract_figures(r["article"], segment_article(r["article"])), r["killed"])
           for r in load_war(args.data)]
    model = fit_tally_model(reports, killed_only=war)
    model["story"] = fit_story_policies(story_examples(rows, reports, model))
    model["story_scorer"] = fit_story_scorer(cross_fitted_views(rows, reports, war))
    model["trained_on"] = (f"gvc development reports ({len(reports)}), registry killed and injured counts; "
                           f"fakes_syria war reports ({len(war)}), number killed (killed scorer only)")
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(reports)} gun reports, {len(war)} war reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
