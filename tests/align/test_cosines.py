"""Alignment's cosine thresholds and pair model follow the general sentence model; the default's are unchanged."""

from __future__ import annotations

import pytest

from storyledger.align import AlignSettings, align_story
from storyledger.align import cosines
from storyledger.align import paraphrase
from storyledger.align import story as story_module
from storyledger.align.pair_features import FEATURES
from storyledger.embed import model as embed_model
from storyledger.embed.model import GENERAL_MODELS
from storyledger.errors import ModelError
from storyledger.records import Article
from storyledger.text.segment import segment_article

ENV = "STORYLEDGER_GENERAL_MODEL"


def test_the_default_row_holds_the_values_alignment_was_built_with(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    t = cosines.thresholds()
    assert t == cosines.THRESHOLDS["minilm-l6"]
    assert (t.min_related, t.sure_paraphrase) == (paraphrase.MIN_RELATED_COSINE, paraphrase.SURE_PARAPHRASE_COSINE)
    assert (t.min_paraphrase, t.same_content, t.best_margin, t.strong_text) == (0.7, 0.88, 0.03, 19.0)
    assert t.min_undecided == AlignSettings().min_undecided_cosine
    assert cosines.pair_model_path().name == "paraphrase.json"


@pytest.mark.parametrize("model", sorted(cosines.THRESHOLDS))
def test_every_row_is_ordered_and_has_its_own_pair_model(model):
    assert model in GENERAL_MODELS
    t = cosines.THRESHOLDS[model]
    assert -1.0 < t.min_undecided < t.min_related < t.min_paraphrase < t.sure_paraphrase < t.same_content < 1.0
    assert 0.0 < t.best_margin < 0.1
    assert t.strong_text > 1.0  # text evidence below 1 never decides a direction
    loaded = paraphrase._model_at(cosines.pair_model_path(model))
    assert tuple(loaded["features"]) == FEATURES
    assert 0.3 <= loaded["threshold"] <= 0.7


def test_a_model_without_a_fitted_row_is_a_clear_error():
    with pytest.raises(ModelError, match="no alignment thresholds were fit for the sentence model 'minilm-l3'"):
        cosines.thresholds("minilm-l3")


def test_a_setting_left_at_its_default_follows_the_model_and_a_chosen_one_is_kept(monkeypatch):
    monkeypatch.setenv(ENV, "minilm-l3-int8")
    assert story_module._min_undecided(AlignSettings()) == cosines.THRESHOLDS["minilm-l3-int8"].min_undecided
    assert story_module._min_undecided(AlignSettings(min_undecided_cosine=0.45)) == 0.45
    monkeypatch.delenv(ENV, raising=False)
    assert story_module._min_undecided(AlignSettings()) == 0.3


def _story():
    a = Article(id="a", text=(
        "Rescue teams pulled four survivors from the collapsed building in the port city on Tuesday. "
        "The mayor said the search would continue through the night. "
        "Officials have not said what caused the collapse."))
    b = Article(id="b", text=(
        "On Tuesday rescuers pulled four survivors from a building that collapsed in the port city. "
        "The mayor said the search would continue through the night. "
        "Heavy rain is forecast for the rest of the week."))
    return [a, b], {x.id: segment_article(x) for x in (a, b)}


@pytest.mark.parametrize("model", sorted(cosines.THRESHOLDS))
def test_a_story_aligns_under_each_model(monkeypatch, model):
    monkeypatch.setenv(ENV, model)
    try:
        embed_model._general_file(model)
    except ModelError:
        pytest.skip(f"{model} is not built or installed here")
    articles, sentences = _story()
    kinds = {(al.a.start, al.b.start): al.kind for al in align_story(articles, sentences)}
    assert kinds.get((0, 0)) in ("paraphrase", "related")  # the reworded first sentences
    assert "verbatim" in kinds.values()  # the mayor's sentence, word for word
    assert len(kinds) <= 3  # the rain forecast aligns with nothing
