"""Tests for storyledger.align.story: each kind, stories, compare, spans, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyledger.align.story import align_story
from storyledger.align.pair_figures import _close, numbers_disagree, read_figures
from storyledger.align.pair_features import FEATURES, pair_features
from storyledger.align.paraphrase import _negation_flip, _role_swap, classify_pairs, compare_texts
from storyledger.records import ALIGNMENT_KINDS, Article
from storyledger.text.segment import segment_article

DATA = Path(__file__).resolve().parents[1] / "data"


def _story(*texts: str, ids=None):
    articles = [Article(id=(ids[k] if ids else f"a{k}"), text=t) for k, t in enumerate(texts)]
    return articles, {a.id: segment_article(a) for a in articles}


def _kind(a: str, b: str) -> str:
    return next(compare_texts([("x", a, b)]))[1]


STORM = "The storm destroyed 40 homes in the valley on Sunday."
QUOTE_A = '"We will rebuild every house, whatever it costs," the mayor said on Monday as she toured the flooded streets.'
QUOTE_B = 'Opposition councillors mocked the pledge that "we will rebuild every house, whatever it costs" as an empty slogan.'


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("The storm destroyed 40 homes.", "the storm destroyed 40 homes", "verbatim"),
        (STORM, "The storm destroyed 40 homes in the valley on Sunday night.", "near_verbatim"),
        (STORM, "On Sunday, 40 houses in the valley were wrecked by the storm.", "paraphrase"),
        (QUOTE_A, QUOTE_B, "shared_quote"),
        (STORM, "Shares in the bank rose by 3% after the quarterly results.", "different"),
    ],
)
def test_each_kind(a, b, kind):
    assert _kind(a, b) == kind


@pytest.mark.parametrize(
    "b",
    [
        "The storm destroyed 25 homes in the valley on Sunday.",  # a number
        "The storm did not destroy 40 homes in the valley on Sunday.",  # a negation
    ],
)
def test_number_or_negation_is_not_a_paraphrase(b):
    assert _kind(STORM, b) == "related"


def test_who_did_what_is_not_a_paraphrase():
    assert _kind("Smith defeated Jones in the final on Sunday.", "Jones defeated Smith in the final on Sunday.") == "related"


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("The firm paid $1.2 billion for the mill.", "The firm paid 1.2bn dollars for the mill.", False),
        ("Prices rose 4 percent in March.", "Prices rose 4% in March.", False),
        ("Prices rose 4 per cent in March.", "Prices rose four percent in March.", False),
        ("The march drew 33,000 people.", "The march drew 33 000 people.", False),
        ("The march drew 1,2 million people.", "The march drew 1.2 million people.", False),
        ("Sales reached $5.4 million last year.", "Sales reached $5.4 last year.", False),  # scale left out
        ("The fire burned about 320 acres.", "The fire burned about 300 acres.", False),  # rounded
        ("The fund lost $1.8 billion.", "The fund lost over $2 billion.", False),  # rounded
        ("The flight took 220 pounds of mail.", "The flight took 100 kilograms of mail.", False),  # other unit
        ("The crash killed 12 people on Friday.", "The crash on Friday killed people.", False),  # in one only
        ("The crash killed 12 people.", "The crash killed 14 people.", True),
        ("The crash killed 10 people.", "The crash killed 11 people.", True),  # small counts are not rounded
        ("The floods killed 300 people.", "The floods killed 320 people.", True),  # plain counts: two reports
        ("The fund lost $2 billion.", "The fund lost $1.8 billion.", True),  # unhedged: not a rounding
        ("Revenue was $1.71 million.", "Revenue was $1.7 million.", False),  # one amount, two precisions
        ("The fund lost $1.7 billion.", "The fund lost $1.5 billion.", True),
        ("Prices rose 4 percent.", "Prices rose 6%.", True),
        ("Smith, 30, was charged.", "Smith, 32, was charged.", True),  # no unit: the same word beside them
    ],
)
def test_only_a_different_value_for_the_same_thing_vetoes(a, b, conflict):
    assert numbers_disagree(a, b) is conflict
    assert numbers_disagree(b, a) is conflict


@pytest.mark.parametrize(
    ("a", "b", "flip"),
    [
        ("The army destroyed the bridge near the town.", "The army did not destroy the bridge near the town.", True),
        ("The firm neither admitted nor denied wrongdoing.", "The firm did not admit wrongdoing.", False),
        ("The lawyer declined to comment on the case.", "The lawyer had no comment on the case.", False),
        ("The board failed to address the scandal.", "The board did not address the scandal.", False),
        ("Details haven't been finalised yet.", "Details havent been finalised yet.", False),
    ],
)
def test_negation_flip_means_one_says_no(a, b, flip):
    assert _negation_flip(a, b) is flip


@pytest.mark.parametrize(
    ("a", "b", "swap"),
    [
        ("Smith sued Jones over the contract.", "Jones sued Smith over the contract.", True),
        ("Smith was sued by Jones over the contract.", "Jones sued Smith over the contract.", False),  # passive
        ("Ann Lee and Bob Hart played the parents.", "Bob Hart and Ann Lee played the parents.", False),
        ("Deputy Police Chief Tom Reed said it went well.", "Police Deputy Chief Tom Reed said it went well.", False),
        ("They were held Sunday in the Camden County Jail.", "They remained in Camden County Jail on Sunday.", False),
    ],
)
def test_role_swap_needs_the_same_words_between_the_names(a, b, swap):
    assert _role_swap(a, b) is swap


def test_figures_keep_the_shape_align_reads():
    figures = read_figures("The fund lost $1.2bn, or 4 percent, and 33 000 jobs.")
    assert [round(v) for v, _, _ in figures] == [1_200_000_000, 4, 33_000]
    assert [round(u) for _, u, _ in figures] == [1, 4, 33_000]  # before the scale
    assert all(isinstance(ctx, frozenset) for _, _, ctx in figures)
    assert _close(300.0, 320.0) and not _close(10.0, 11.0) and _close(100.0, 104.0)


def test_shared_quote_spans_cover_the_quoted_words():
    (v,) = classify_pairs([QUOTE_A], [QUOTE_B], [0.6])
    assert v.kind == "shared_quote"
    assert QUOTE_A[v.span_a[0] : v.span_a[1]] == "We will rebuild every house, whatever it costs,"
    assert QUOTE_B[v.span_b[0] : v.span_b[1]] == "we will rebuild every house, whatever it costs"


def test_compare_keeps_order_and_survives_bad_input():
    out = list(compare_texts([("1", "", ""), ("2", None, "text"), ("3", STORM, STORM)]))
    assert [o[0] for o in out] == ["1", "2", "3"]
    assert out[0][1] == "different" and out[1][1] == "different"
    assert out[2][1:] == ("verbatim", 1.0)
    assert list(compare_texts([])) == []


def test_features_match_their_names():
    assert len(pair_features("a b c", "a b d", 0.5)) == len(FEATURES)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=80))
def test_a_text_aligned_with_itself_is_verbatim(text):
    kind = _kind(text, text)
    if any(ch.isalnum() for ch in text):
        assert kind == "verbatim"
    else:
        assert kind == "different"  # nothing to align in pure punctuation


def test_story_alignment_of_a_reworded_copy():
    source = (DATA / "align_source.txt").read_text(encoding="utf-8")
    reworded = (DATA / "align_reworded.txt").read_text(encoding="utf-8")
    articles, sentences = _story(source, reworded, ids=["src", "rew"])
    alignments = align_story(articles, sentences)
    assert all(al.kind in ALIGNMENT_KINDS for al in alignments)
    assert all(al.a.article_id == "src" and al.b.article_id == "rew" for al in alignments)
    close = [al for al in alignments if al.kind in ("paraphrase", "near_verbatim")]
    assert len(close) >= 8  # of 10 sentences, reworded one by one
    # sentence by sentence, in order
    src_sents, rew_sents = sentences["src"], sentences["rew"]
    pos = {(s.start, s.end): s.index for s in src_sents}
    pos_b = {(s.start, s.end): s.index for s in rew_sents}
    assert all(pos[(al.a.start, al.a.end)] == pos_b[(al.b.start, al.b.end)] for al in close)
    for al in alignments:
        assert 0 <= al.a.start < al.a.end <= len(source)
        assert 0 <= al.b.start < al.b.end <= len(reworded)


def test_story_with_shared_quote_and_no_other_reuse():
    a = (DATA / "align_quote_a.txt").read_text(encoding="utf-8")
    b = (DATA / "align_quote_b.txt").read_text(encoding="utf-8")
    articles, sentences = _story(a, b)
    alignments = align_story(articles, sentences)
    quotes = [al for al in alignments if al.kind == "shared_quote"]
    assert len(quotes) == 1
    assert a[quotes[0].a.start : quotes[0].a.end].startswith("This is a painful decision")
    assert b[quotes[0].b.start : quotes[0].b.end].startswith("this is a painful decision")
    assert not [al for al in alignments if al.kind in ("verbatim", "near_verbatim", "paraphrase")]


def test_story_merges_a_sentence_split_in_two():
    a = "The council approved the new bridge on Monday after a long debate, and work will start in the spring."
    b = "The council approved the new bridge on Monday after a long debate. Work will start in the spring."
    articles, sentences = _story(a, b)
    alignments = align_story(articles, sentences)
    spans = {(al.b.start, al.b.end) for al in alignments if al.kind in ("near_verbatim", "paraphrase")}
    assert (0, len(b)) in spans


def test_story_edge_cases():
    articles, sentences = _story("Only one article here.")
    assert align_story(articles, sentences) == ()
    articles, sentences = _story("One text.", "")
    assert align_story(articles, sentences) == ()
    articles, _ = _story(STORM, STORM)
    assert align_story(articles, {}) == ()


def test_embed_cache_keys_on_normalised_text():
    from storyledger.embed import model as embed_module

    embed_module.clear_cache()
    first = embed_module.embed(["The Storm destroyed  40 homes.", "the storm destroyed 40 homes.", "Another text."])
    assert embed_module.cache_info()["misses"] == 2  # case and whitespace do not make a new text
    assert (first[0] == first[1]).all()
    again = embed_module.embed(["THE STORM DESTROYED 40 HOMES.", "Another text."])
    info = embed_module.cache_info()
    assert info["misses"] == 2 and info["hits"] == 2
    assert (again[0] == first[0]).all() and (again[1] == first[2]).all()
    uncached = embed_module.embed(["Another text."], cache=False)
    assert float(uncached[0] @ first[2]) > 0.999


def test_copies_are_aligned_without_the_model():
    source = (DATA / "align_source.txt").read_text(encoding="utf-8")
    articles, sentences = _story(source, source.replace("  ", " "), ids=["src", "copy"])
    stats: dict = {}
    alignments = align_story(articles, sentences, on_stat=stats.__setitem__)
    n = len(sentences["src"])
    assert stats["embedded"] == 0 and stats["model_pairs"] == 0  # words alone settle a copy
    assert stats["lexical_pairs"] >= n
    assert sum(al.kind == "verbatim" for al in alignments) == n


def test_a_copy_in_the_story_changes_nothing_between_the_others_and_embeds_each_text_once():
    source = (DATA / "align_source.txt").read_text(encoding="utf-8")
    reworded = (DATA / "align_reworded.txt").read_text(encoding="utf-8")
    articles, sentences = _story(source, reworded, ids=["src", "rew"])
    alone = {(al.kind, al.a.start, al.a.end, al.b.start, al.b.end) for al in align_story(articles, sentences)}
    articles, sentences = _story(source, reworded, source, ids=["src", "rew", "copy"])
    stats: dict = {}
    together = align_story(articles, sentences, on_stat=stats.__setitem__)
    pair = {(al.kind, al.a.start, al.a.end, al.b.start, al.b.end) for al in together if al.b.article_id == "rew" and al.a.article_id == "src"}
    assert pair == alone
    # the copy's sentences are the source's texts: embedded once
    assert stats["embedded_texts"] <= len(sentences["src"]) + len(sentences["rew"])
    assert stats["model_pairs"] < stats["candidate_pairs"]
    copies = [al for al in together if al.a.article_id == "src" and al.b.article_id == "copy"]
    assert copies and all(al.kind == "verbatim" for al in copies)


def test_verdict_model_vectors_are_their_own():
    from storyledger.embed import model as embed_module

    texts = ["Police said 40 homes were destroyed.", "Forty homes were destroyed, police said."]
    embed_module.clear_cache()
    general = embed_module.embed(texts)
    verdict = embed_module.embed(texts, model="verdict")
    assert np.allclose(np.linalg.norm(verdict, axis=1), 1.0, atol=1e-5)
    assert float(general[0] @ verdict[0]) < 0.999  # another network, not the same vectors from the cache
    assert embed_module.cache_info()["misses"] == 4  # keys of the two models never collide
    again = embed_module.embed(texts[:1], model="verdict")
    assert (again[0] == verdict[0]).all()
    with pytest.raises(ValueError, match="unknown model"):
        embed_module.embed(texts, model="nonesuch")


def test_a_damaged_verdict_model_is_a_clear_error(tmp_path, monkeypatch):
    from storyledger.embed import model as embed_module
    from storyledger.errors import ModelError

    bad = tmp_path / "model.onnx"
    bad.write_bytes(embed_module._VERDICT_PATH.read_bytes()[:-10])
    monkeypatch.setattr(embed_module, "_VERDICT_PATH", bad)
    with pytest.raises(ModelError, match="damaged"):
        embed_module._verdict_file()
    monkeypatch.setattr(embed_module, "_VERDICT_PATH", tmp_path / "absent.onnx")
    with pytest.raises(ModelError, match="missing"):
        embed_module._verdict_file()


def test_the_second_stage_judges_only_pairs_in_doubt():
    from storyledger.align.paraphrase import SECOND_FEATURES, cascade_probabilities, model_probabilities

    rng = np.random.default_rng(0)
    n = len(FEATURES)

    def net(k):
        return {"w1": rng.normal(size=(k, 4)).tolist(), "b1": [0.0] * 4, "w2": rng.normal(size=4).tolist(), "b2": 0.0}

    first = {"mean": [0.0] * n, "scale": [1.0] * n, "nets": [net(n)]}
    second = {"features": list(SECOND_FEATURES), "mean": [0.0] * (n + 1), "scale": [1.0] * (n + 1), "nets": [net(n + 1)], "band": [0.3, 0.7]}
    x = rng.normal(size=(200, n))
    p1 = model_probabilities(first, x)
    open_ = rng.random(200) < 0.8
    asked = []

    def cosines(rows):
        asked.append(rows)
        return np.full(len(rows), 0.5)

    p = cascade_probabilities({**first, "second": second}, x, open_, cosines)
    doubt = (p1 >= 0.3) & (p1 <= 0.7) & open_
    assert doubt.any() and (~doubt).any()
    assert len(asked) == 1 and set(asked[0].tolist()) == set(np.flatnonzero(doubt).tolist())
    assert np.array_equal(p[~doubt], p1[~doubt])  # sure pairs keep the first stage's word
    expected = model_probabilities(second, np.column_stack([x[doubt], np.full(int(doubt.sum()), 0.5)]))
    assert np.allclose(p[doubt], expected)
    # no second stage, or no cosines: the first stage alone
    assert np.array_equal(cascade_probabilities(first, x, open_, cosines), p1)
    assert np.array_equal(cascade_probabilities({**first, "second": second}, x, open_, None), p1)


def test_a_story_asks_the_verdict_model_only_where_a_paraphrase_is_possible(monkeypatch):
    import storyledger.embed as embed_module  # the stages call the model through the package surface

    asked = []
    real = embed_module.embed

    def spy(texts, *args, **kwargs):
        asked.append(kwargs.get("model", "general"))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(embed_module, "embed", spy)
    a = ["The council approved the new budget on Tuesday after a long debate."] * 2
    b = ["After lengthy discussion, councillors passed the budget on Tuesday.", "The mayor opened a bridge."]
    # the first pair is in doubt (first-stage probability ~0.37), the second is not (~0.21)
    gated = classify_pairs(a, b, [0.5, 0.5], may_ask=[False, False])
    assert "verdict" not in asked
    ungated = classify_pairs(a, b, [0.5, 0.5])
    assert "verdict" in asked
    assert gated[1] == ungated[1] and gated[1].kind == "different"


@pytest.mark.parametrize(
    "years, kind",
    [("thirty years", "paraphrase"), ("forty years", "related")],
)
def test_a_duration_in_decades_agrees_with_the_same_in_years_inside_a_story(years, kind):
    """In a story, "three decades" and "thirty years" are one figure; "forty years" is another."""
    a = "The valley, recognised as part of the province, had been run by local farmers for three decades."
    b = f"The valley, acknowledged as a part of the province, was administered by local farmers for {years}."
    arts = [Article(id="a", text=a), Article(id="b", text=b)]
    (al,) = align_story(arts, {x.id: segment_article(x) for x in arts})
    assert al.kind == kind
