"""The refit of alignment's cosine thresholds for another general model (tools/fit_general_thresholds.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from bench.bench_general_models import run as bench_models

_SPEC = importlib.util.spec_from_file_location(
    "fit_general_thresholds", Path(__file__).parents[1] / "tools" / "fit_general_thresholds.py"
)
fgt = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fgt)

OLD = {"min_related": 0.6, "sure_paraphrase": 0.8, "min_paraphrase": 0.7, "same_content": 0.88,
       "min_undecided": 0.3, "best_margin": 0.03}


def test_a_model_whose_cosines_are_shifted_and_squeezed_gets_the_mapped_thresholds():
    rng = np.random.default_rng(0)
    old = rng.uniform(0.0, 1.0, 20_000)
    new = 0.1 + 0.5 * old  # same order, another scale
    fit = fgt.fit(new, old, OLD)
    for name in fgt.NAMES:
        assert abs(fit[name] - (0.1 + 0.5 * OLD[name])) < 0.01, name
    assert abs(fit["best_margin"] - 0.015) < 0.002  # cosines squeezed to half: half the margin
    scores = fgt.agreement(new, old, OLD, fit)
    assert all(s["agree"] > 0.99 for s in scores.values())


def test_agreement_is_measured_against_a_constant_answer():
    old = np.array([0.1, 0.2, 0.9, 0.95])
    new = np.array([0.9, 0.95, 0.1, 0.2])  # reversed: every decision wrong
    scores = fgt.agreement(new, old, OLD, {name: 0.5 for name in fgt.NAMES})
    assert scores["min_related"] == {"agree": 0.0, "constant": 0.5, "above_recall": 0.0}


def test_the_model_bench_names_every_general_model(monkeypatch):
    import bench.bench_general_models as bgm

    texts = ["Four survivors were pulled from the rubble.", "Rescuers pulled four survivors out of the rubble.",
             "The bank left its rate unchanged.", "Rates were held by the central bank."]
    monkeypatch.setattr(bgm, "sentences", lambda data, a, n: (texts, [0, 0, 1, 1]))
    monkeypatch.delenv("STORYLEDGER_GENERAL_MODEL", raising=False)
    monkeypatch.setenv("STORYLEDGER_THREADS", "1")  # the bench sets it; restored after the test
    result = bench_models("unused", rounds=1)
    assert result["sentences"] == 4
    assert set(result["models"]) >= {"minilm-l6", "minilm-l3-int8"}
    assert result["models"]["minilm-l6"]["cosine_corr_random_pairs"] == 1.0
    assert all(m["ms_per_sentence"] > 0 for m in result["models"].values() if "error" not in m)
