"""The brief's salience model refit without each fold (evals/fit_brief_salience.py), as eval_brief writes held-out briefs."""

from __future__ import annotations

from evals.fit_brief_salience import fit_model, fold_models, rows_of  # puts evals/ on the path, as the scripts run

from eval_brief import AllSidesStory, salience_model  # noqa: E402  (the module the fit script uses)
from storyledger.reconcile.salience import SALIENCE_FEATURES, load_salience_model, unit_salience
from storyledger.records import Article
from storyledger.text import segment_article

_EVENTS = [
    ("Norland", "closed its border with Ostravia", "after a dispute over river tolls"),
    ("Ostravia", "opened a new bridge to Lowmere", "two years after the floods"),
    ("Lowmere", "elected a new mayor", "after a recount of 4,000 ballots"),
    ("Roe", "banned fishing in the northern bay", "to protect a shrinking herring stock"),
    ("Norland", "raised the minimum wage by 8 percent", "after talks with the unions"),
    ("Ostravia", "recalled its ambassador from Norland", "over a spying case"),
]


def _story(k: int) -> AllSidesStory:
    who, did, why = _EVENTS[k]
    texts = (f"{who} {did} on Monday, {why}. Officials met the press at noon.",
             f"On Monday {who} {did}. A spokesman said the decision was final.",
             f"{who} has {did}, {why}. Critics called the move rushed.")
    arts = tuple(Article(id=f"s{k}_{n}", text=t, title=f"{who} {did}", source=f"Outlet {n}") for n, t in enumerate(texts))
    return AllSidesStory(id=str(k), roundup=f"{who} {did} on Monday {why}.", articles=arts)


def test_each_folds_model_is_fit_on_the_other_folds_stories_only():
    stories = [_story(k) for k in range(len(_EVENTS))]
    models = fold_models(stories, folds=2)
    assert len(models) == 2 and all(m["features"] == list(SALIENCE_FEATURES) for m in models)
    without_fold_0 = fit_model([r for k, s in enumerate(stories) if k % 2 == 1 for r in rows_of(s)])
    assert models[0]["coef"] == without_fold_0["coef"] and models[0]["intercept"] == without_fold_0["intercept"]
    assert models[0]["coef"] != models[1]["coef"]


def test_a_folds_model_is_used_inside_the_block_and_the_shipped_one_after():
    story = _story(0)
    sents = {a.id: segment_article(a) for a in story.articles}
    own = {a.id: a.id for a in story.articles}
    flat = {"features": list(SALIENCE_FEATURES), "coef": [0.0] * len(SALIENCE_FEATURES), "intercept": 0.0}
    with salience_model(flat):
        assert set(unit_salience(story.articles, sents, own).values()) == {0.5}
    assert load_salience_model()["coef"] != flat["coef"]
    assert len(set(unit_salience(story.articles, sents, own).values())) > 1
