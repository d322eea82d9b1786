"""The batched pair features equal the per-pair definition they replaced, value for value.

``_reference`` below is the per-pair implementation the paraphrase model was
trained with, kept here as the definition of the 52 features; the package
computes them in batches (:func:`storyledger.align.pair_features.feature_matrix`).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from storyledger.text.function_words import STOP
from storyledger.align.pair_features import (
    _AUXILIARY,
    _IMPLICIT_NEGATION,
    _NEGATION,
    FEATURES,
    _names,
    text_numbers,
    rarity_of,
    word_tokens,
    feature_matrix,
    pair_features,
)
from storyledger.align.pair_figures import read_figures, _same_thing, same_value

TOLERANCE = 1e-9


def _jaccard(a, b):
    return len(a & b) / len(a | b) if (a or b) else 1.0


def _negated(tokens):
    if "nothing" in tokens and "but" in tokens:
        tokens = [w for w in tokens if w != "nothing"]
    return any(w in _NEGATION or w in _IMPLICIT_NEGATION or w.endswith("n't") for w in tokens)


def _run_by_table(a, b):
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                cur[j + 1] = prev[j] + 1
                best = max(best, cur[j + 1])
        prev = cur
    return best


def _numbers_conflict(a, b):
    fa, fb = read_figures(a), read_figures(b)
    if not fa or not fb:
        return False
    lone_a = [f[2] for f in fa if not any(same_value(f, g) for g in fb)]
    lone_b = [g[2] for g in fb if not any(same_value(f, g) for f in fa)]
    return any(_same_thing(cx, cy) for cx in lone_a for cy in lone_b)


def _negation_flip(ta, tb, ca, cb):
    if _negated(ta) == _negated(tb):
        return False
    drop = _NEGATION | _IMPLICIT_NEGATION | _AUXILIARY
    return _jaccard({w[:5] for w in ca - drop}, {w[:5] for w in cb - drop}) >= 0.75


def _unshared_places(tx, words_y, stems_y):
    """Content words of ``tx`` the other text lacks, inside and outside its first and last shared word."""
    shared = [w in words_y or (w not in STOP and w[:5] in stems_y) for w in tx]
    anchors = [k for k, w in enumerate(tx) if shared[k] and w not in STOP]
    unshared = [k for k, w in enumerate(tx) if not shared[k] and w not in STOP and not w.isdigit()]
    inside = sum(anchors[0] < k < anchors[-1] for k in unshared) if anchors else 0
    return float(inside), float(len(unshared) - inside)


def _reference(a: str, b: str, cosine: float) -> list[float]:
    """The 52 features of one pair, computed one pair at a time as the model was trained."""

    def info(text):
        t = word_tokens(text)
        words = frozenset(t)
        grams = {n: [tuple(t[i : i + n]) for i in range(len(t) - n + 1)] for n in (2, 3, 4)}
        negations = sum(1 for w in t if w in _NEGATION or w.endswith("n't"))
        return t, words, words - STOP, text_numbers(text), frozenset(_names(text)), grams, negations

    def precision(ga, gb):
        return sum(g in set(gb) for g in ga) / len(ga) if ga else 1.0

    ta, sa, ca, na, pa, ga, nega = info(a)
    tb, sb, cb, nb, pb, gb, negb = info(b)
    la, lb = max(len(ta), 1), max(len(tb), 1)
    ra, rb = {w: rarity_of(w) for w in sa}, {w: rarity_of(w) for w in sb}
    wa, wb = sum(ra.values()), sum(rb.values())
    shared = sum(ra[w] for w in sa & sb)
    ua = sorted((ra[w] for w in sa - sb), reverse=True)
    ub = sorted((rb[w] for w in sb - sa), reverse=True)
    has_numbers = bool(na or nb)
    stems_a, stems_b = {w[:5] for w in ca}, {w[:5] for w in cb}
    fa, fb = read_figures(a), read_figures(b)
    inside_a, outside_a = _unshared_places(ta, sb, stems_b)
    inside_b, outside_b = _unshared_places(tb, sa, stems_a)
    return [
        float(cosine),
        fuzz.ratio(a, b) / 100.0,
        fuzz.token_set_ratio(a, b) / 100.0,
        fuzz.token_sort_ratio(a, b) / 100.0,
        fuzz.partial_ratio(a, b) / 100.0,
        _jaccard(sa, sb),
        _jaccard(ca, cb),
        _jaccard(set(ga[2]), set(gb[2])),
        len(ca & cb) / max(len(ca), 1),
        len(ca & cb) / max(len(cb), 1),
        LCSseq.normalized_similarity(ta, tb),
        min(la, lb) / max(la, lb),
        abs(math.log(la / lb)),
        float(has_numbers),
        _jaccard(na, nb) if has_numbers else 1.0,
        float(bool(na ^ nb)),
        float(len(na ^ nb)),
        float(nega != negb),
        _jaccard(pa, pb) if (pa or pb) else 1.0,
        float(len(pa ^ pb)),
        shared / max(wa, 1e-9),
        shared / max(wb, 1e-9),
        shared / max(wa + wb - shared, 1e-9),
        sum(ua),
        sum(ub),
        max(sum(ua), sum(ub)),
        min(sum(ua), sum(ub)),
        ua[0] if ua else 0.0,
        ub[0] if ub else 0.0,
        precision(ga[2], gb[2]),
        precision(gb[2], ga[2]),
        precision(ga[3], gb[3]),
        precision(gb[3], ga[3]),
        precision(ga[4], gb[4]),
        precision(gb[4], ga[4]),
        float(len(ta)),
        float(len(tb)),
        float(abs(len(ta) - len(tb))),
        len(stems_a & stems_b) / max(len(stems_a), 1),
        len(stems_a & stems_b) / max(len(stems_b), 1),
        float(len(stems_a - stems_b)),
        float(len(stems_b - stems_a)),
        float(_numbers_conflict(a, b)),
        float(sum(1 for f in fa if not any(same_value(f, g) for g in fb))),
        float(sum(1 for g in fb if not any(same_value(f, g) for f in fa))),
        float(_negation_flip(ta, tb, ca, cb)),
        _run_by_table(ta, tb) / max(min(len(ta), len(tb)), 1),
        float(_negated(ta) != _negated(tb)),
        inside_a,
        inside_b,
        outside_a,
        outside_b,
    ]


def _assert_same(a_texts, b_texts, cosines):
    got = feature_matrix(a_texts, b_texts, cosines)
    assert got.shape == (len(a_texts), len(FEATURES))
    for k, (a, b, c) in enumerate(zip(a_texts, b_texts, cosines)):
        want = np.array(_reference(a, b, c))
        bad = np.flatnonzero(np.abs(got[k] - want) > TOLERANCE)
        assert not len(bad), f"pair {k} ({a!r}, {b!r}): " + ", ".join(
            f"{FEATURES[i]} {got[k, i]!r} != {want[i]!r}" for i in bad
        )


# Sentences written for this test: shared runs, reordered clauses, figures in
# several formats and scales, negations and refusals, names in swapped roles,
# quotes, repeated words and n-grams, apostrophes, and texts with no words.
SENTENCES = [
    "The council approved a $1.2 billion budget on Tuesday, officials said.",
    "Officials said the council approved a 1.2bn dollar budget on Tuesday.",
    "The council did not approve the $1.5 billion budget, officials said.",
    "About 300 people were evacuated from the valley after the flood.",
    "Some 320 residents were evacuated from the valley after the flood.",
    "Nearly 300 people were evacuated after the flood, the mayor said.",
    "Smith sued Jones over the contract in March.",
    "Jones sued Smith over the contract in March.",
    "Jones was sued by Smith over the contract in March.",
    "The minister declined to comment on the report.",
    "The minister had no comment on the report.",
    "The minister commented on the report on Friday.",
    '"We will rebuild every school that was destroyed," the governor said.',
    "The governor said: 'we will rebuild every school that was destroyed'.",
    "It isn't clear whether the bridge, which opened in 1998, will reopen.",
    "It is clear the bridge that opened in 1998 won't reopen this year.",
    "Unemployment rose to 4 percent in May from 3.8% in April.",
    "Unemployment rose to 4% in May, up from 3.8 per cent in April.",
    "the the the the the the the the",
    "the the the the cat the the the",
    "a b c d e a b c d e a b c d",
    "b c d e a b c d e f g",
    "Prices fell 33,000 units; 33 000 units were sold, one million ordered.",
    "Prices fell by thirty-three thousand units and 1 million were ordered.",
    "O’Neill’s team won 3–1 in front of 40,000 fans at Wembley.",
    "O'Neill's team won 3-1 before 40,000 fans at Wembley Stadium.",
    "Nothing but praise came from the delegates.",
    "The delegates offered nothing but criticism and no praise.",
    "...",
    "",
    "   ",
    "42",
    "42 43 44",
    "Wir haben nichts gesagt, sagte der Sprecher am Montag.",
    "Él dijo que no habría más retrasos en la línea 5.",
]


def test_written_sentences_all_pairs_both_orders():
    a = [s for s in SENTENCES for _ in SENTENCES]
    b = [t for _ in SENTENCES for t in SENTENCES]
    cos = [((k * 37) % 101) / 100.0 for k in range(len(a))]
    _assert_same(a, b, cos)


def test_repeated_pairs_keep_their_own_cosine():
    a, b = SENTENCES[0], SENTENCES[1]
    got = feature_matrix([a, a, b, a], [b, b, a, b], [0.1, 0.9, 0.5, 0.1])
    assert got[:, 0].tolist() == [0.1, 0.9, 0.5, 0.1]
    assert np.array_equal(got[0], got[3])
    assert np.allclose(got[0, 1:], got[1, 1:], atol=0.0)


def test_single_pair_and_empty_batch():
    assert pair_features(SENTENCES[0], SENTENCES[2], 0.7) == pytest.approx(
        _reference(SENTENCES[0], SENTENCES[2], 0.7), abs=TOLERANCE
    )
    assert feature_matrix([], [], []).shape == (0, len(FEATURES))
    with pytest.raises(ValueError, match="same length"):
        feature_matrix(["a"], ["a", "b"], [0.1])


_WORDS = st.sampled_from(
    "the a not no never didn't failed to said 3 3.5 $4 million 4% percent Smith Jones Acme council "
    "approved approve budget rose fell people killed , . ; \" ' ’ - O'Neill über naïve".split()
)
_TEXT = st.one_of(
    st.lists(_WORDS, max_size=14).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "Sc"]), max_size=60),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEXT, _TEXT, st.floats(-1.0, 1.0)), min_size=1, max_size=8))
def test_generated_pairs_match_the_per_pair_definition(pairs):
    # a text often meets itself and its partners again, as in a story
    a = [p[0] for p in pairs] + [p[1] for p in pairs] + [pairs[0][0]]
    b = [p[1] for p in pairs] + [p[0] for p in pairs] + [pairs[-1][1]]
    cos = [p[2] for p in pairs] * 2 + [0.5]
    _assert_same(a, b, cos)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from("abcd"), max_size=60) | st.lists(st.sampled_from("the a cat sat on mat".split()), max_size=30),
    st.lists(st.sampled_from("abcd"), max_size=60) | st.lists(st.sampled_from("the a cat sat on mat".split()), max_size=30),
)
def test_longest_shared_run_by_seed_and_extend_matches_the_table(a, b):
    from storyledger.align.pair_features import common_run

    assert common_run(tuple(a), tuple(b)) == _run_by_table(a, b) == common_run(tuple(b), tuple(a))


def test_unshared_words_inside_and_outside_the_shared_stretch():
    col = {name: i for i, name in enumerate(FEATURES)}
    added = feature_matrix(
        ["The council approved the budget on Tuesday."],
        ["The council approved the budget on Tuesday, angering residents."],
        [0.9],
    )[0]
    reworded = feature_matrix(["The council approved the budget on Tuesday."], ["The council passed the budget on Tuesday."], [0.9])[0]
    assert added[col["unshared_outside_b"]] == 2 and added[col["unshared_inside_b"]] == 0
    assert reworded[col["unshared_inside_a"]] == 1 and reworded[col["unshared_outside_a"]] == 0
