"""The killed scorer's regularisation chosen on its own training reports (storyledger.extract.figures.tally
.choose_c, fit_tally_model), on examples and texts written here."""

from __future__ import annotations

from storyledger.extract.figures import extract_figures
from storyledger.extract.figures.tally import KILLED_C_GRID, choose_c, fit_tally_model, report_tally
from storyledger.records import Article


def _examples(n: int, gold_second: bool) -> list[tuple[list[int], list[list[float]], int]]:
    """Reports of two candidates (0 and 5) told apart by one feature; the known count is 5 or 0."""
    return [([0, 5], [[1.0, 0.0], [0.0, 1.0]], 5 if gold_second else 0) for _ in range(n)] + \
        [([0, 3], [[1.0, 0.0], [0.0, 0.0]], 0) for _ in range(n // 4)]


def test_the_strength_that_picks_more_held_out_counts_wins() -> None:
    examples = _examples(40, gold_second=True)
    keys = [f"r{i}" for i in range(len(examples))]
    # nearly no fit leaves every candidate the same score: the first (0) is picked, never the count 5
    assert choose_c(examples, keys, grid=(1e-6, 10.0)) == 10.0


def test_a_tie_keeps_the_stronger_regularisation() -> None:
    examples = _examples(40, gold_second=False)
    keys = [f"r{i}" for i in range(len(examples))]
    assert choose_c(examples, keys, grid=(1e-6, 10.0)) == 1e-6


def test_too_few_reports_to_split_keep_the_default() -> None:
    examples = [([0, 2], [[1.0, 0.0], [0.0, 1.0]], 2)]
    assert choose_c(examples, ["only"]) == KILLED_C_GRID[0]


def test_the_fitted_killed_scorer_keeps_its_strength_and_counts() -> None:
    texts = [("Two people were killed in Lowmere.", 2), ("A man was fatally shot in Ostravia.", 1),
             ("Three people were shot in Norland; no one died.", 0), ("Four men were killed near Roe.", 4)] * 6
    reports = [(a, extract_figures(a), k, 0) for a, k in
               ((Article(id=f"r{i}", text=t), k) for i, (t, k) in enumerate(texts))]
    model = fit_tally_model(reports)
    assert model["killed"]["c"] in KILLED_C_GRID
    assert "c" not in model["injured"]
    assert fit_tally_model(reports, killed_c=2.0)["killed"]["c"] == 2.0
    a = Article(id="x", text="Two people were killed in Lowmere on Sunday.")
    assert report_tally(a, extract_figures(a), model).killed == 2
