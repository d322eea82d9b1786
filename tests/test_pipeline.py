"""Tests for storyledger.pipeline: batching of the per-story work."""

from storyledger.pipeline import StoryTask, analyze_story, map_stories, read_inputs, story_cost
from storyledger.records import Story
from storyledger.runners import ProcessRunner, SerialRunner
from storyledger.text.segment import segment_article


class _Recording(SerialRunner):
    def __init__(self):
        self.batches = []

    def map(self, fn, items):
        items = list(items)
        self.batches.extend(items)
        return super().map(fn, items)


def _tasks(tmp_path, n):
    lines = []
    for i in range(n):
        body = " ".join(f"Item {i} sentence {k} tells of harbour repairs in the town." for k in range(1 + i % 7))
        lines.append(f'{{"id": "a{i}", "text": "{body}"}}')
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, _ = read_inputs([str(path)])
    tasks = []
    for a in articles:
        sents = segment_article(a)
        story = Story(id="s" + a.id, title=a.id, article_ids=(a.id,))
        tasks.append(StoryTask(story=story, articles=(a,), sentences={a.id: sents}, facts={}))
    return tasks


def test_story_cost_grows_with_sentences_and_articles(tmp_path):
    small, big = _tasks(tmp_path, 7)[0], _tasks(tmp_path, 7)[6]
    assert story_cost(big) > story_cost(small)
    pair = StoryTask(story=big.story, articles=big.articles * 2, sentences=big.sentences, facts={})
    assert story_cost(pair) > story_cost(big)


def test_map_stories_returns_every_story_once_heaviest_batches_first(tmp_path):
    tasks = _tasks(tmp_path, 40)
    runner = _Recording()
    got = dict(map_stories(tasks, runner))
    assert sorted(got) == list(range(40))
    assert all(got[i].story.id == tasks[i].story.id for i in range(40))
    loads = [sum(story_cost(t) for t in batch) for batch in runner.batches]
    assert loads == sorted(loads, reverse=True)
    assert sum(len(b) for b in runner.batches) == 40


def test_map_stories_in_a_process_pool_matches_one_process(tmp_path):
    tasks = _tasks(tmp_path, 70)
    serial = dict(map_stories(tasks, SerialRunner()))
    with ProcessRunner(workers=2, min_items=10) as runner:
        pooled = dict(map_stories(tasks, runner))
    assert pooled == serial
    assert serial[5] == analyze_story(tasks[5])


def _jsonl_with_duplicates(tmp_path):
    import json

    rows = [
        {"id": "r1", "text": "A blast in the market killed 12 people on Monday, officials said."},
        {"id": "r2", "text": "A blast in the market  killed 12 people\non Monday, officials said."},
        {"id": "r3", "text": "Floods displaced 3,000 families in the north, the ministry said on Tuesday."},
        {"id": "r1", "text": "Forty people were injured in a fire at a depot, the civil defence said."},
        {"text": "Floods displaced 3,000 families in the north, the ministry said on Tuesday."},
    ]
    path = tmp_path / "dups.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_extract_inputs_accounts_for_every_input_record(tmp_path):
    from storyledger.pipeline import extract_inputs
    from storyledger.present import document, validate
    from storyledger.records import content_id

    path = _jsonl_with_duplicates(tmp_path)
    result = extract_inputs([str(path)])
    assert [a.id for a in result.articles] == ["r1", "r3"]
    assert set(result.facts) == set(result.sentences) == {"r1", "r3"} and result.analyses == []
    anon = content_id("a", "Floods displaced 3,000 families in the north, the ministry said on Tuesday.")
    assert [(d.id, d.duplicate_of, d.reason) for d in result.duplicates] == [
        ("r2", "r1", "same_text"), ("r1", "r1", "same_id"), (anon, "r3", "same_text"),
    ]
    assert all(d.input == str(path) for d in result.duplicates)
    doc = document(result.articles, result.skipped, (), facts=result.facts, duplicates=result.duplicates)
    validate(doc)
    assert {"r1", "r2", "r3", anon} == {a["id"] for a in doc["articles"]} | {d["id"] for d in doc["duplicates"]}


def test_analyze_result_carries_the_duplicates(tmp_path):
    from storyledger.pipeline import analyze

    result = analyze([str(_jsonl_with_duplicates(tmp_path))])
    assert [a.id for a in result.articles] == ["r1", "r3"]
    assert [d.id for d in result.duplicates] == ["r2", "r1", result.duplicates[2].id]
    assert {d.duplicate_of for d in result.duplicates} == {"r1", "r3"}
    assert sorted(i for s in result.analyses for i in s.story.article_ids) == ["r1", "r3"]
