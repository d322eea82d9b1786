"""Tests of story clustering: stories found, similar events kept apart, order and time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyledger.cluster.batch import ClusterSettings, cluster
from storyledger.cluster.story_index import INDEX_STATE_VERSION, StoryIndex
from storyledger.errors import ConfigError
from storyledger.records import Article, content_id

DATA = Path(__file__).parents[1] / "data" / "cluster_small.jsonl"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "karabakh"


def _small() -> tuple[list[Article], dict[str, str]]:
    arts, gold = [], {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["id"]] = row.pop("story")
        arts.append(Article(**row))
    return arts, gold


def _groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def _gold_groups(gold: dict[str, str]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for aid, story in gold.items():
        by.setdefault(story, set()).add(aid)
    return {frozenset(v) for v in by.values()}


def test_two_stories_and_a_similar_decoy_event_kept_apart():
    arts, gold = _small()
    stories = cluster(arts)
    assert _groups(stories) == _gold_groups(gold)


def test_story_fields():
    arts, _ = _small()
    stories = cluster(arts)
    north = next(s for s in stories if "quake-1" in s.article_ids)
    assert north.article_ids == ("quake-1", "quake-2", "quake-3")  # publication order, then id
    assert north.id == content_id("s", "quake-1")
    assert north.title in {a.title for a in arts if a.id in north.article_ids}
    assert [len(s.article_ids) for s in stories] == sorted((len(s.article_ids) for s in stories), reverse=True)


def test_example_reports_form_one_story():
    manifest = json.loads((EXAMPLE / "manifest.json").read_text(encoding="utf-8"))
    arts = [
        Article(id=m["file"], text=(EXAMPLE / m["file"]).read_text(encoding="utf-8"), published=m["published"])
        for m in manifest["articles"]
    ]
    assert len(cluster(arts)) == 1
    undated = [Article(id=a.id, text=a.text) for a in arts]
    assert len(cluster(undated)) == 1


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(7))))
def test_result_does_not_depend_on_input_order(order):
    arts, _ = _small()
    assert cluster([arts[k] for k in order]) == cluster(arts)


def test_dated_articles_far_apart_are_split():
    text = (
        "Firefighters fought a large blaze at the Corvin textile mill in Dunmore on Sunday. "
        "Fire chief Alma Reyes said 40 workers were evacuated and no one was hurt."
    )
    near = [Article(id="f1", text=text, published="2024-05-05"), Article(id="f2", text=text, published="2024-05-07")]
    far = [Article(id="f1", text=text, published="2024-05-05"), Article(id="f2", text=text, published="2024-08-20")]
    undated = [Article(id="f1", text=text), Article(id="f2", text=text)]
    assert len(cluster(near)) == 1
    assert len(cluster(far)) == 2
    assert len(cluster(undated)) == 1


def test_bad_input_does_not_raise():
    odd = [
        Article(id="e", text=""),
        Article(id="p", text="!!! ... ???"),
        Article(id="d", text="Some words about nothing.", published="not a date"),
        Article(id="d", text="Some words about nothing.", published="not a date"),
    ]
    stories = cluster(odd)
    assert sorted(a for s in stories for a in s.article_ids) == ["d", "e", "p"]
    assert cluster([]) == []


def test_settings_are_checked():
    with pytest.raises(ConfigError):
        ClusterSettings(min_probability=1.5)


def test_story_index_matches_batch_on_small_set_and_keeps_ids():
    arts, gold = _small()
    index = StoryIndex()
    first = index.add(arts[:4])
    rest = index.add(arts[4:])
    assignment = first | rest
    groups: dict[str, set[str]] = {}
    for aid, story in assignment.items():
        groups.setdefault(story, set()).add(aid)
    assert {frozenset(v) for v in groups.values()} == _gold_groups(gold)
    # a story keeps its id as it grows, and re-adding an article changes nothing
    assert assignment["quake-4"] == assignment["quake-5"] == content_id("s", "quake-4")
    assert index.add([arts[0]]) == {"quake-1": first["quake-1"]}
    assert len(index) == 7


def test_story_index_time_window():
    text = "The Lindqvist bridge over the Arran river reopened on Monday after two years of repairs costing $84 million."
    index = StoryIndex()
    a = index.add([Article(id="b1", text=text, published="2024-01-01")])
    b = index.add([Article(id="b2", text=text, published="2024-01-02")])
    c = index.add([Article(id="b3", text=text, published="2024-06-01")])
    assert a["b1"] == b["b2"]
    assert c["b3"] != a["b1"]


def test_story_index_restore_then_add_and_pickle():
    import pickle

    arts, _ = _small()
    batch = cluster(arts[:5])
    known = [(a, next(s.id for s in batch if a.id in s.article_ids)) for a in arts[:5]]
    index = StoryIndex()
    index.restore(known)
    index = pickle.loads(pickle.dumps(index))
    follow_up = Article(
        id="quake-6",
        published="2024-03-07",
        text="Aftershocks shook Ostrel again on Thursday as Governor Lena Vask said the Marrow Valley "
        "earthquake death toll had reached 21. Rescue teams in Kappa Ridge found two more bodies.",
    )
    got = index.add([follow_up])
    assert got["quake-6"] == index.story_of("quake-1") == content_id("s", "quake-1")


@settings(max_examples=10, deadline=None)
@given(st.permutations(list(range(7))))
def test_story_index_call_does_not_depend_on_input_order(order):
    arts, _ = _small()
    index = StoryIndex()
    index.add(arts[:2])
    baseline_index = StoryIndex()
    baseline_index.add(arts[:2])
    assert index.add([arts[k] for k in order]) == baseline_index.add(arts)


def _stream() -> list[list[Article]]:
    """The small set in three calls, with an undated copy and one article far outside the time window."""
    arts, _ = _small()
    odd = [
        Article(id="undated-1", text=arts[0].text),
        Article(id="old-1", text=arts[1].text, published="2023-01-10"),
    ]
    return [arts[:3], arts[3:] + odd[:1], odd[1:]]


def test_story_index_state_round_trips_through_json_and_adds_alike():
    calls = _stream()
    whole = StoryIndex()
    whole.add(calls[0])
    state = whole.to_state()
    assert state["version"] == INDEX_STATE_VERSION
    copy = StoryIndex.from_state(json.loads(json.dumps(state)))
    assert json.loads(json.dumps(copy.to_state())) == json.loads(json.dumps(state))
    for batch in calls[1:]:
        assert copy.add(batch) == whole.add(batch)
    assert json.loads(json.dumps(copy.to_state())) == json.loads(json.dumps(whole.to_state()))


def test_story_index_state_keeps_only_live_articles_and_checks_its_version():
    index = StoryIndex(ClusterSettings(max_days=10), max_live=1)
    for batch in _stream():
        index.add(batch)
    state = index.to_state()
    # "old-1" arrived outside the window: it has a story but is no candidate; one undated article stays live
    assert "old-1" in state["stories"] and "old-1" not in state["articles"]
    assert all(a in state["articles"] for ids in state["postings"].values() for a in ids)
    assert all(a in state["articles"] for ids in state["members"].values() for a in ids)
    assert [a for a, v in state["articles"].items() if v["day"] is None] == ["undated-1"]
    assert state["settings"]["max_days"] == 10 and state["max_live"] == 1
    with pytest.raises(ConfigError, match="version 99"):
        StoryIndex.from_state({**state, "version": 99})


def test_a_partial_state_places_as_the_whole_index():
    # the slice a store would load: what the new article's keys reach, and those stories' members
    import numpy as np

    from storyledger.cluster import features as cf
    from storyledger.cluster.story_index import blocking_keys

    calls = _stream()
    whole = StoryIndex()
    for batch in calls[:2]:
        whole.add(batch)
    state = whole.to_state()
    follow_up = Article(id="quake-9", published="2024-03-08", text=calls[0][0].text.replace("on", "early on", 1))
    tf = cf.counts([cf.full_text(follow_up)], "words")
    df = np.zeros(cf.N_FEATURES, np.int64)
    df[list(map(int, state["df_words"]))] = list(state["df_words"].values())
    keys = set(blocking_keys(tf, df + cf.document_frequency(tf), state["n_docs"] + 1).indices.tolist())
    postings = {k: v for k, v in state["postings"].items() if k in keys}
    stories = {state["stories"][a] for ids in postings.values() for a in ids}
    members = {s: v for s, v in state["members"].items() if s in stories}
    reached = {a for ids in [*postings.values(), *members.values()] for a in ids}
    part = {**state, "postings": postings, "members": members,
            "stories": {a: s for a, s in state["stories"].items() if a in reached},
            "articles": {a: v for a, v in state["articles"].items() if a in reached}}
    assert len(part["articles"]) < len(state["articles"])
    got = StoryIndex.from_state(part).add([follow_up])
    assert got == whole.add([follow_up])
    assert got["quake-9"] == whole.story_of(calls[0][0].id)
