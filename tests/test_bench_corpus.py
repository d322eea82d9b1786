"""The benchmark corpus builder: sizes, determinism and same-shape corpora."""

from collections import Counter

import pytest

from bench.corpus import scaled_corpus


def _real(k: int) -> list[dict]:
    return [
        {"text": f"Report {i} says {i} people were killed. The city leader said help would come.", "title": f"t{i}",
         "source": "S", "published": "2024-01-01", "group": f"g{i % 5}"}
        for i in range(k)
    ]


def _base(doc: dict) -> str:
    return doc["title"]


def test_size_and_determinism():
    real = _real(40)
    a, b = scaled_corpus(real, 300), scaled_corpus(real, 300)
    assert len(a) == 300
    assert [d["text"] for d in a] == [d["text"] for d in b]
    assert len({d["text"] for d in a}) == 300  # every generated article is distinct text


def test_bases_keep_the_shape_of_a_larger_corpus():
    real = _real(100)
    big = scaled_corpus(real, 2000)
    small = scaled_corpus(real, 200, bases=10)
    assert len(small) == 200
    used = Counter(_base(d) for d in small)
    assert len(used) == 10  # only the sampled real articles are grown
    # each base yields as many articles as in the corpus ten times larger
    per_base_big = Counter(_base(d) for d in big)
    assert sorted(set(used.values())) == [20] == sorted(set(per_base_big.values()))
    mix = Counter(d["mutation"] for d in small)
    assert mix["original"] and mix["copy"] and mix["reworded"]


def test_bases_sample_is_seeded_and_checked():
    real = _real(50)
    assert [d["text"] for d in scaled_corpus(real, 60, bases=6)] == [d["text"] for d in scaled_corpus(real, 60, bases=6)]
    assert {_base(d) for d in scaled_corpus(real, 60, bases=6)} != {_base(d) for d in scaled_corpus(real, 60, seed=2, bases=6)}
    with pytest.raises(ValueError, match="bases"):
        scaled_corpus(real, 60, bases=0)
    with pytest.raises(ValueError, match="bases"):
        scaled_corpus(real, 60, bases=51)
