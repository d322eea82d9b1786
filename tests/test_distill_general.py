"""The distillation of a small general sentence model from the shipped one (tools/distill_general.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

_SPEC = importlib.util.spec_from_file_location("distill_general", Path(__file__).parents[1] / "tools" / "distill_general.py")
dg = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(dg)

needs_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec(dg.TEACHER_PACKAGE) is None,
    reason="torch or the teacher's weights are not installed (tools/requirements-train.txt)",
)

REPORTS = [
    "Floods in Lowmere closed the northern bridge on Monday. The mayor of Lowmere said repairs would take a week.",
    "The northern bridge in Lowmere was closed by floods on Monday. Repairs will take a week, the mayor said.",
]


def _data(tmp_path: Path) -> Path:
    (tmp_path / "gvc").mkdir()
    (tmp_path / "fnc1").mkdir()
    (tmp_path / "basil").mkdir()  # a gate's set: never read
    with (tmp_path / "gvc" / "articles.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": REPORTS[0]}) + "\n")
    with (tmp_path / "fnc1" / "bodies.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "f1", "text": REPORTS[1]}) + "\n\n")
    return tmp_path


def test_the_training_sentences_come_from_sets_no_gate_reads_each_once(tmp_path):
    texts = dg.news_texts(_data(tmp_path))
    assert texts == REPORTS
    got = dg.sentences(texts + [REPORTS[0].upper()])  # the same sentences in capitals are not new
    assert len(got) == 4
    assert "The mayor of Lowmere said repairs would take a week." in got
    assert got == dg.sentences(texts + [REPORTS[0].upper()])  # the shuffle is seeded


def test_no_article_is_a_clear_stop(tmp_path):
    with pytest.raises(SystemExit, match="no GVC, FNC-1, PolNeAR or TimeBank articles"):
        dg.news_texts(tmp_path)


def test_the_data_step_stores_the_shipped_models_vectors(tmp_path, monkeypatch):
    from storyledger.embed import embed

    monkeypatch.delenv("STORYLEDGER_GENERAL_MODEL", raising=False)
    work = tmp_path / "work"
    assert dg.main(["data", "--data", str(_data(tmp_path)), "--work", str(work), "--holdout", "1"]) == 0
    texts, vecs, holdout = dg.load_teacher(work)
    assert holdout == 1 and len(texts) == 4 and vecs.shape == (4, 384)
    assert np.allclose(vecs, embed(texts, cache=False), atol=1e-6)


def test_a_step_whose_input_is_missing_names_the_step_to_run(tmp_path):
    with pytest.raises(SystemExit, match="run `python tools/distill_general.py data` first"):
        dg.main(["train", "--work", str(tmp_path)])
    with pytest.raises(SystemExit, match="run `python tools/distill_general.py train` first"):
        dg.main(["export", "--work", str(tmp_path)])


def test_the_loss_is_zero_only_when_the_student_gives_the_teachers_vectors():
    torch = pytest.importorskip("torch")
    teacher = torch.nn.functional.normalize(torch.randn(6, 384, generator=torch.Generator().manual_seed(0)), dim=-1)
    assert float(dg.loss_of(teacher, teacher)) == pytest.approx(0.0, abs=1e-6)
    rotated = torch.nn.functional.normalize(teacher + 0.3 * torch.randn(6, 384), dim=-1)
    assert float(dg.loss_of(rotated, teacher)) > 0.01


@needs_torch
@pytest.mark.slow
def test_a_few_steps_train_and_export_a_student_that_tracks_the_teacher(tmp_path, monkeypatch):
    import onnxruntime as ort

    monkeypatch.delenv("STORYLEDGER_GENERAL_MODEL", raising=False)
    work, out = tmp_path / "work", tmp_path / "student.onnx"
    data = _data(tmp_path)
    assert dg.main(["data", "--data", str(data), "--work", str(work), "--holdout", "2"]) == 0
    assert dg.main(["train", "--work", str(work), "--layers", "1", "3", "5", "--batch", "2", "--max-steps", "2",
                    "--threads", "1", "--log", "1", "--checkpoint", "0"]) == 0
    assert dg.main(["export", "--work", str(work), "--out", str(out)]) == 0
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    texts, vecs, _ = dg.load_teacher(work)
    ids = np.array([dg.tokenizer().encode(texts[0]).ids], dtype=np.int64)
    hidden = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
    assert hidden.shape == (1, ids.shape[1], 384)  # token states, mean-pooled by the runtime
    vec = hidden.mean(axis=1)[0]
    assert float(vec @ vecs[0]) / float(np.linalg.norm(vec)) > 0.8  # three of the teacher's six layers, int8
