import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyledger.records import Alignment, Article, Figure, Quote, Removal, Span, content_id


def test_content_id_is_stable_and_content_derived():
    assert content_id("a", "some text") == content_id("a", "some text")
    assert content_id("a", "some text") != content_id("a", "some text.")
    assert content_id("a", "x").startswith("a_")
    assert len(content_id("s", "x")) == 2 + 16


@given(st.lists(st.text(), max_size=4))
def test_content_id_separates_parts(parts):
    # joining parts differently must not collide: ("ab", "") vs ("a", "b")
    if len(parts) >= 1:
        assert content_id("x", *parts) != content_id("x", "".join(parts), "\x00extra")


def test_invalid_spans_are_refused():
    with pytest.raises(ValueError):
        Span(article_id="a", start=5, end=2)
    with pytest.raises(ValueError):
        Removal(start=-1, end=2, reason="x")


def test_enumerated_fields_are_checked():
    span = Span(article_id="a", start=0, end=1)
    with pytest.raises(ValueError, match="kind"):
        Alignment(kind="similar", score=1.0, a=span, b=span)
    with pytest.raises(ValueError, match="qualifier"):
        Figure(article_id="a", start=0, end=1, value=1.0, qualifier="roughly")
    with pytest.raises(ValueError, match="kind"):
        Quote(article_id="a", start=0, end=1, kind="indirect")


def test_records_pickle_round_trip():
    art = Article(id="a_1", text="Hello.", removed=(Removal(start=0, end=3, reason="ad"),))
    assert pickle.loads(pickle.dumps(art)) == art
