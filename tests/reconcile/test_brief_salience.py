"""Tests for the summary's selection by salience: the lead that tells most, lines that add news, no line twice."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.errors import ModelError
from storyledger.reconcile.brief import write_brief
from storyledger.reconcile.brief_select import choose_lines
from storyledger.reconcile.salience import (
    SALIENCE_FEATURES,
    WORD_PRICE,
    content_units,
    line_value,
    load_salience_model,
    salience_features,
    unit_salience,
)
from storyledger.records import Article, Dispute, DisputeSide, Span, Story
from storyledger.text import segment_article

_OUTLETS = ["Daily One", "Daily Two", "Daily Three"]


def _story(*texts: str, titles: tuple[str | None, ...] = ()) -> list[Article]:
    return [
        Article(id=f"a{k}", text=t, source=_OUTLETS[k], title=titles[k] if k < len(titles) else None)
        for k, t in enumerate(texts)
    ]


def _sents(arts):
    return {a.id: segment_article(a) for a in arts}


def _own(arts):
    return {a.id: a.id for a in arts}


def test_content_units_are_stems_and_numbers():
    assert content_units("The talks on 1,200 jobs were talked about.") == {"talk", "1200", "job"}
    assert content_units("talks closed") == content_units("talked closes") == {"talk", "clos"}
    assert not content_units("It was as it is.")


def test_a_unit_every_outlet_uses_in_its_headline_is_worth_more_than_a_passing_word():
    arts = _story(
        "The council approved the harbour bridge on Monday. A resident walked her dog along the quay.",
        "The council approved the harbour bridge after a long debate. Tickets for the ferry went up.",
        "Councillors approved the harbour bridge plan. The weather stayed mild all week.",
        titles=("Council approves harbour bridge", "Harbour bridge approved", "Bridge plan passes"),
    )
    feats = salience_features(arts, _sents(arts), _own(arts))
    assert feats["bridge"][SALIENCE_FEATURES.index("outlet_share")] == 1.0
    assert feats["dog"][SALIENCE_FEATURES.index("outlet_share")] == 0.0
    assert feats["bridge"][SALIENCE_FEATURES.index("in_headline")] == 1.0
    worth = unit_salience(arts, _sents(arts), _own(arts))
    assert worth["bridge"] > worth["debate"] > worth["dog"]  # every outlet and a headline; an opening line; neither
    assert all(0.0 < p < 1.0 for p in worth.values())


def test_copies_of_one_text_count_once_among_the_outlets():
    arts = _story("Floods closed the river road on Tuesday.", "Floods closed the river road on Tuesday.",
                  "The mayor visited the school on Friday.")
    one = salience_features(arts, _sents(arts), {"a0": "L", "a1": "L", "a2": "a2"})
    two = salience_features(arts, _sents(arts), _own(arts))
    share = SALIENCE_FEATURES.index("outlet_share")
    assert one["flood"][share] == 0.0 and two["flood"][share] == 0.5


def test_a_model_fitted_on_other_features_is_refused(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"features": ["other"], "coef": [1.0], "intercept": 0.0}))
    with pytest.raises(ModelError, match="other features"):
        load_salience_model.__wrapped__(bad)
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ModelError, match="cannot read"):
        load_salience_model.__wrapped__(tmp_path / "broken.json")
    assert load_salience_model()["features"] == list(SALIENCE_FEATURES)


def test_the_lead_is_an_opening_line_that_tells_the_story_not_a_scene_setter():
    arts = _story(
        "It was a morning nobody in town will forget for a long time.",
        "A fire destroyed the old paper mill in Brackwell on Sunday, and forty workers lost their jobs.",
        "The old paper mill in Brackwell burned down on Sunday, firefighters said.",
    )
    lines = choose_lines(arts, _sents(arts), (), _own(arts), 4)
    lead = lines[0]
    assert lead.section == "summary" and lead.sentence.index == 0 and "paper mill in Brackwell" in lead.sentence.text
    assert all("nobody in town" not in c.sentence.text for c in lines if c.section == "summary")


def test_a_line_that_adds_nothing_new_is_left_out_even_under_the_limit():
    arts = _story(
        "A fire destroyed the old paper mill in Brackwell on Sunday. "
        "The owners said they would rebuild the mill by spring and keep all 200 jobs.",
        "The old paper mill in Brackwell was destroyed by a fire on Sunday. Its owners plan to rebuild by spring, "
        "saving 200 jobs. The fire destroyed the mill in Brackwell.",
        "Fire gutted the paper mill in Brackwell on Sunday night. "
        "The owners vowed to rebuild it by spring so that 200 workers keep their jobs.",
    )
    texts = [c.sentence.text for c in choose_lines(arts, _sents(arts), (), _own(arts), 6) if c.section == "summary"]
    assert any("rebuild" in t for t in texts)  # every outlet reports the rebuilding: news worth a line
    assert sum("rebuild" in t for t in texts) == 1  # told once
    assert "The fire destroyed the mill in Brackwell." not in texts


def test_line_value_counts_only_new_units_and_prices_every_word():
    salience = {"flood": 0.9, "clos": 0.6, "river": 0.5, "road": 0.5}
    line = "Floods closed the river road."
    assert line_value(line, salience, price=0.0) == pytest.approx(2.5)
    assert line_value(line, salience, price=0.2) == pytest.approx(2.5 - 0.2 * 5)
    assert line_value(line, salience, frozenset({"flood"}), price=0.2) == pytest.approx(1.6 - 0.2 * 5)
    assert line_value(line + " Nobody knew why.", salience) < line_value(line, salience)  # words that add nothing cost
    assert WORD_PRICE > 0


@given(st.sets(st.sampled_from(["flood", "clos", "river", "road", "bridge"])))
def test_telling_more_first_never_makes_a_line_worth_more(told):
    salience = {"flood": 0.9, "clos": 0.6, "river": 0.5, "road": 0.5, "bridge": 0.4}
    line = "Floods closed the river road and the bridge."
    assert line_value(line, salience, frozenset(told)) <= line_value(line, salience)


def test_the_summary_ends_when_no_line_is_worth_its_words():
    arts = _story(
        "A fire destroyed the old paper mill in Brackwell on Sunday. The owners said they would rebuild it by spring.",
        "The old paper mill in Brackwell was destroyed by a fire on Sunday. A neighbour walked her dog past the gates.",
    )
    lines = choose_lines(arts, _sents(arts), (), _own(arts), 6)
    summary = [c.sentence.text for c in lines if c.section == "summary"]
    # Each detail is one outlet's alone: neither is worth its words beside the lead, so one line tells the story.
    assert len(summary) == 1 and "paper mill in Brackwell" in summary[0]


def test_a_dispute_side_is_not_told_again_in_the_summary():
    arts = _story(
        "The port reopened on Monday after a week of strikes. The union says the deal cuts wages for night shifts.",
        "Dockers went back to work at the port on Monday. The company says no wage will fall under the deal.",
    )
    sents = _sents(arts)
    claim = sents["a0"][1]
    side = DisputeSide(speaker="the union", claim=claim.text,
                       citations=(Span(article_id="a0", start=claim.start, end=claim.end),))
    other = sents["a1"][1]
    against = DisputeSide(speaker="the company", claim=other.text,
                          citations=(Span(article_id="a1", start=other.start, end=other.end),))
    dispute = Dispute(id="d1", topic="wages", sides=(side, against))
    story = Story(id="s", title="t", article_ids=("a0", "a1"))
    brief, _ = write_brief(story, arts, sents, {}, (), (), (), (dispute,))
    summary = [b.text for b in brief if b.section == "summary"]
    assert summary and claim.text not in summary and other.text not in summary
    assert [b for b in brief if b.section == "disputes"]
    texts = [b.text for b in brief if b.section != "figures"]
    assert len(texts) == len(set(texts))


@settings(deadline=None, max_examples=6)  # the alignment model's verdicts: slow on a busy machine
@given(st.permutations(range(3)))
def test_no_sentence_is_shown_twice_whatever_the_order_of_the_articles(order):
    texts = [
        "Lawmakers passed a wonderful, historic reform that will help millions of families on Tuesday.",
        "Lawmakers passed a disastrous, reckless reform that will hurt millions of families on Tuesday.",
        "Lawmakers passed the reform on Tuesday by 220 votes to 210. The law takes effect in January.",
    ]
    arts = _story(*[texts[k] for k in order])
    lines = choose_lines(arts, _sents(arts), (), _own(arts), 4)
    shown = [c.sentence.text for c in lines]
    assert shown and len(shown) == len(set(shown))
    assert lines[0].section == "summary"
    if any(c.section == "framing" for c in lines):  # opposed framing seen: the calm telling leads
        assert "220 votes" in lines[0].sentence.text
