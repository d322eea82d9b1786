"""How the per-story work is cut into tasks: estimated costs and batches per worker."""

from storyledger.pipeline import StoryTask, map_stories, read_inputs, story_cost
from storyledger.records import Story
from storyledger.runners import SerialRunner
from storyledger.text.segment import segment_article


class _TwoWorkers(SerialRunner):
    workers = 2

    def __init__(self):
        self.batches = []

    def map_batches(self, fn, batches, *, cost=None):
        batches = list(batches)
        self.batches.extend(batches)
        self.cost = cost
        return super().map_batches(fn, batches, cost=cost)


def _articles(tmp_path, sizes):
    lines = []
    for i, n in enumerate(sizes):
        body = " ".join(f"Report {i} line {k} tells of a bridge closed by floods." for k in range(n))
        lines.append(f'{{"id": "a{i}", "text": "{body}"}}')
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_inputs([str(path)])[0]


def _task(articles):
    story = Story(id="s" + articles[0].id, title=articles[0].id, article_ids=tuple(a.id for a in articles))
    sentences = {a.id: segment_article(a) for a in articles}
    return StoryTask(story=story, articles=tuple(articles), sentences=sentences, facts={})


def test_a_story_to_align_outweighs_a_long_single_article(tmp_path):
    short_a, short_b, long_single = _articles(tmp_path, [4, 4, 120])
    pair, single = _task([short_a, short_b]), _task([long_single])
    assert sum(len(v) for v in single.sentences.values()) > 10 * sum(len(v) for v in pair.sentences.values())
    assert story_cost(pair) > story_cost(single)


def test_map_stories_cuts_32_batches_per_worker_heaviest_first(tmp_path):
    arts = _articles(tmp_path, [1 + i % 9 for i in range(150)])
    tasks = [_task([a]) for a in arts[:120]] + [_task(list(arts[i : i + 2])) for i in range(120, 150, 2)]
    runner = _TwoWorkers()
    got = dict(map_stories(tasks, runner))
    assert sorted(got) == list(range(len(tasks)))
    assert all(got[i].story.id == t.story.id for i, t in enumerate(tasks))
    assert len(runner.batches) == 64
    loads = [sum(story_cost(t) for t in batch) for batch in runner.batches]
    assert loads == sorted(loads, reverse=True)
    # the stories to align (15 pairs) each start a batch of their own, ahead of the single articles
    assert all(len(batch[0].articles) == 2 for batch in runner.batches[:15])
    assert max(loads) <= sum(loads) / 64 + max(story_cost(t) for t in tasks)
