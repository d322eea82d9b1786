"""Tests for storyledger.embed.vector_cache and the disk cache of storyledger.embed.model."""

import logging
import subprocess
import sys

import numpy as np
import pytest

from storyledger.embed import model as embed
from storyledger.embed.vector_cache import VectorCache


def test_put_and_get_many_round_trip_exactly(tmp_path):
    cache = VectorCache(tmp_path / "v.sqlite", 4)
    a, b = np.array([0.1, 0.2, 0.3, 0.4], np.float32), np.array([1, 0, 0, 0], np.float32)
    cache.put_many([(b"a" * 16, a), (b"b" * 16, b)])
    cache.put_many([(b"a" * 16, b)])  # a second write of a key keeps the first
    got = cache.get_many([b"a" * 16, b"b" * 16, b"c" * 16])
    assert set(got) == {b"a" * 16, b"b" * 16}
    assert np.array_equal(got[b"a" * 16], a) and np.array_equal(got[b"b" * 16], b)
    assert len(cache) == 2
    cache.close()
    assert len(VectorCache(tmp_path / "v.sqlite", 4)) == 2  # persisted


def test_rows_of_another_length_are_ignored(tmp_path):
    VectorCache(tmp_path / "v.sqlite", 3).put_many([(b"k", np.ones(3, np.float32))])
    assert VectorCache(tmp_path / "v.sqlite", 4).get_many([b"k"]) == {}


def test_an_unusable_file_is_reported_once_and_the_run_goes_on(tmp_path, caplog):
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"this is not sqlite" * 100)
    cache = VectorCache(bad, 4)
    with caplog.at_level(logging.WARNING):
        assert cache.get_many([b"k"]) == {}
        cache.put_many([(b"k", np.ones(4, np.float32))])
    assert sum("vector cache" in r.message for r in caplog.records) == 1
    assert bad.read_bytes().startswith(b"this is not sqlite")  # left alone


@pytest.mark.slow
def test_embed_reads_vectors_another_process_wrote(tmp_path, monkeypatch):
    path = tmp_path / "store.db.vectors"
    texts = ["The river rose two metres overnight.", "Officials closed the bridge on Monday."]
    code = (
        "import sys; from storyledger.embed import model as embed; embed.use_disk_cache(sys.argv[1]); "
        "import numpy as np; np.save(sys.argv[2], embed.embed(sys.argv[3:]))"
    )
    subprocess.run([sys.executable, "-c", code, str(path), str(tmp_path / "v.npy"), *texts], check=True)
    written = np.load(tmp_path / "v.npy")
    monkeypatch.setattr(embed, "_embed_batches", lambda *a, **k: pytest.fail("the model ran although the vectors were cached"))
    embed.clear_cache()
    embed.use_disk_cache(path)
    try:
        got = embed.embed(texts)
        assert embed.cache_info()["disk_hits"] == 2
    finally:
        embed.use_disk_cache(None)
        embed.clear_cache()
    assert np.array_equal(got, written)
