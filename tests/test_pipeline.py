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
