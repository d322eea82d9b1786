"""The pipeline: stages wired in order, per-item work mapped through a runner.

Stages, in order (each its own module; none touches the store or the runner)::

    1. ingest      files, folders, globs -> Article | Skip
    2. segment     Article -> Sentences                      (per article)
    3. extract     Article + Sentences -> ArticleFacts         (per article)
    4. cluster     Articles -> Stories                        (global, in the driver)
    5. per story   align -> derive -> reconcile, quotes, disputes -> brief   (per story)

``analyze`` runs them all over a set of inputs, as one
:class:`~storyledger.options.AnalyzeOptions` tells; ``update_store`` does the same
incrementally over a :class:`~storyledger.store.store.Store`, recomputing only the
stories whose articles changed.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .options import AnalyzeOptions
from .records import Article, ArticleFacts, Duplicate, Sentence, Skip, Story, StoryAnalysis

if TYPE_CHECKING:
    from .runners import Runner

__all__ = [
    "AnalyzeResult",
    "Progress",
    "StoryTask",
    "analyze",
    "analyze_articles",
    "analyze_batch",
    "analyze_story",
    "extract_inputs",
    "make_runner",
    "map_stories",
    "no_progress",
    "prepare_article",
    "read_accounted",
    "read_inputs",
    "read_pairs",
    "story_cost",
    "warm_worker",
]


Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(slots=True)
class AnalyzeResult:
    """What a run produced: the articles, the inputs skipped, one analysis per story.

    ``duplicates`` lists the input records not analysed because they repeat an
    earlier record's text or id, each naming the article analysed in its place:
    every input record is an article, a skip or a duplicate.
    """

    articles: list[Article]
    skipped: list[Skip]
    analyses: list[StoryAnalysis]
    facts: dict[str, ArticleFacts] = field(default_factory=dict)
    sentences: dict[str, tuple[Sentence, ...]] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)


def read_accounted(
    paths: Sequence[str], options: AnalyzeOptions | None = None
) -> tuple[list[Article], list[Skip], list[Duplicate]]:
    """Read every input (with ``options.manifest``, ``options.fields`` and ``options.max_bytes``).

    Returns:
        ``(articles, skipped, duplicates)``: a record repeating an earlier
        record's text or id is not an article but a duplicate naming the
        article kept (:func:`~storyledger.ingest.account_articles`).
    """
    from .ingest import account_articles, ingest

    options = options or AnalyzeOptions()
    return account_articles(ingest(paths, manifest=options.manifest, max_bytes=options.max_bytes, fields=options.fields))


def read_inputs(paths: Sequence[str], options: AnalyzeOptions | None = None) -> tuple[list[Article], list[Skip]]:
    """Read every input as :func:`read_accounted` does; the same article twice is kept once, silently."""
    articles, skipped, _ = read_accounted(paths, options)
    return articles, skipped


def prepare_article(article: Article) -> tuple[tuple[Sentence, ...], ArticleFacts]:
    """Per-article work: sentences and extracted facts."""
    from .extract import extract_article
    from .text import segment_article

    sentences = segment_article(article)
    return sentences, extract_article(article, sentences)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryTask:
    """Everything one story's analysis needs, picklable for a worker."""

    story: Story
    articles: tuple[Article, ...]
    sentences: Mapping[str, tuple[Sentence, ...]]
    facts: Mapping[str, ArticleFacts]
    options: AnalyzeOptions = field(default_factory=AnalyzeOptions)


def analyze_story(task: StoryTask) -> StoryAnalysis:
    """Per-story work: alignment, provenance, reconciliation, disputes and the cited brief."""
    from .align import align_story, derive, syndication
    from .reconcile import find_disputes, reconcile_figures, story_quotes, toll_on_figures, write_brief
    from .reconcile import toll as tolls

    articles, sentences, facts = task.articles, task.sentences, task.facts
    alignments: tuple = ()
    derivations: tuple = ()
    if len(articles) > 1:
        alignments = align_story(articles, sentences, task.options.align)
        derivations = derive(articles, sentences, alignments)
    figures = reconcile_figures(articles, facts, derivations, policy=task.options.policy, alignments=alignments)
    quotes = story_quotes(articles, facts)
    disputes = find_disputes(articles, sentences, facts, alignments, figures=figures)
    brief, timeline = write_brief(task.story, articles, sentences, facts, alignments, derivations, figures, disputes)
    toll = tolls.story_toll(articles, facts, sentences=sentences)
    derived = {d.derived_id for d in derivations if d.direction == "known" and d.relation != "common_source"}
    figs = {aid: f.figures for aid, f in facts.items()}
    brief, timeline = tolls.add_toll(brief, timeline, toll, articles, sentences, derived, figures=figs)
    figures = toll_on_figures(figures, toll)
    return StoryAnalysis(
        story=task.story,
        alignments=tuple(alignments),
        derivations=tuple(derivations),
        syndication=syndication({a.id: a.source for a in articles}, derivations),
        figures=tuple(figures),
        quotes=tuple(quotes),
        disputes=tuple(disputes),
        brief=tuple(brief),
        timeline=tuple(timeline),
        toll=toll,
    )


def analyze_articles(
    articles: Sequence[Article],
    options: AnalyzeOptions | None = None,
    *,
    runner: Runner | None = None,
    progress: Progress = no_progress,
) -> tuple[list[StoryAnalysis], dict[str, tuple[Sentence, ...]], dict[str, ArticleFacts]]:
    """Stages 2–5 over articles already read."""
    from .cluster import cluster
    from .runners import SerialRunner

    options = options or AnalyzeOptions()
    runner = runner or SerialRunner()
    sentences: dict[str, tuple[Sentence, ...]] = {}
    facts: dict[str, ArticleFacts] = {}
    for n, (a, (sents, f)) in enumerate(zip(articles, runner.map(prepare_article, articles)), 1):
        sentences[a.id], facts[a.id] = sents, f
        progress("extract", n, len(articles))
    stories = cluster(articles, sentences, options.cluster)
    progress("cluster", 1, 1)
    by_id = {a.id: a for a in articles}
    tasks = [
        StoryTask(
            story=s,
            articles=tuple(by_id[i] for i in s.article_ids),
            sentences={i: sentences[i] for i in s.article_ids},
            facts={i: facts[i] for i in s.article_ids},
            options=options,
        )
        for s in stories
    ]
    analyses: list = [None] * len(tasks)
    for n, (i, analysis) in enumerate(map_stories(tasks, runner), 1):
        analyses[i] = analysis
        progress("stories", n, len(tasks))
    # copies that landed in different stories (republished weeks later), linked in both
    from .align import copies

    return copies.add_links(analyses, by_id, sentences, options.align), sentences, facts


_BATCHES_PER_WORKER = 32  # per-story batches per worker: the last few are short, and each costs a task's overhead


def story_cost(task: StoryTask) -> float:
    """Estimated cost of one story's analysis, in about milliseconds of one core.

    A story of one article is not aligned: about 1 ms per sentence. A story
    of several articles costs about 300 ms plus 20 ms per sentence (embedding
    its sentences and scoring candidate pairs). Fitted on the 350 stories
    of a 400-article benchmark corpus (``bench/corpus.py``; stories of 1 to 5
    articles), one core, the model on one thread. Only the ratios matter:
    they decide how stories are packed into batches of even cost.
    """
    sentences = sum(len(v) for v in task.sentences.values())
    return 300.0 + 20.0 * sentences if len(task.articles) > 1 else 1.0 + 0.8 * sentences


def analyze_batch(tasks: Sequence[StoryTask]) -> list[StoryAnalysis]:
    """:func:`analyze_story` over a batch of stories (the unit a runner ships to a worker)."""
    return [analyze_story(t) for t in tasks]


def map_stories(tasks: Sequence[StoryTask], runner: Runner) -> Iterator[tuple[int, StoryAnalysis]]:
    """Analyse stories through a runner in batches of even cost, heaviest first.

    Story sizes are very uneven (one story of fifty articles costs more than
    hundreds of single-article ones), so the stories are packed into up to
    32 batches per worker of about equal :func:`story_cost` (largest first into the
    lightest batch), and the heaviest batches start first: no worker is left
    alone with a large story at the end. Each batch is one task
    (:meth:`~storyledger.runners.Runner.map_batches`), so a worker that
    finishes early takes the next batch.

    Yields:
        ``(index into tasks, analysis)``, in the order batches come back.
    """
    costs = [story_cost(t) for t in tasks]
    n_batches = min(len(tasks), _BATCHES_PER_WORKER * max(1, runner.workers))
    loads = [(0.0, b) for b in range(n_batches)]
    members: list[list[int]] = [[] for _ in range(n_batches)]
    for i in sorted(range(len(tasks)), key=lambda k: -costs[k]):
        load, b = heapq.heappop(loads)
        members[b].append(i)
        heapq.heappush(loads, (load + costs[i], b))
    batches = sorted((m for m in members if m), key=lambda m: -sum(costs[i] for i in m))
    results = runner.map_batches(analyze_batch, [[tasks[i] for i in m] for m in batches], cost=sum(costs))
    for m, analyses in zip(batches, results):
        yield from zip(m, analyses)


def analyze(
    paths: Sequence[str],
    options: AnalyzeOptions | None = None,
    *,
    runner: Runner | None = None,
    progress: Progress = no_progress,
) -> AnalyzeResult:
    """Read inputs and run every stage.

    Args:
        paths: files, folders (recursive) or glob patterns.
        options: the options of the run (manifest, size limit, clustering, figure policy).
        runner: where per-item work runs (default: this process).
        progress: called as ``progress(stage, done, total)``.

    Returns:
        The articles, the skipped inputs, the duplicate records, one analysis
        per story and the facts per article.

    Example:
        >>> result = analyze(["examples/karabakh"])  # doctest: +SKIP
        >>> len(result.articles), len(result.analyses)  # doctest: +SKIP
        (3, 1)
    """
    articles, skipped, duplicates = read_accounted(paths, options)
    progress("ingest", len(articles), len(articles))
    analyses, sentences, facts = analyze_articles(articles, options, runner=runner, progress=progress)
    return AnalyzeResult(
        articles=articles, skipped=skipped, analyses=analyses, facts=facts, sentences=sentences, duplicates=duplicates
    )


def extract_inputs(
    paths: Sequence[str], options: AnalyzeOptions | None = None, *, runner: Runner | None = None
) -> AnalyzeResult:
    """Read inputs and extract facts per article (no clustering): the ``extract`` command.

    Returns:
        The articles, the skipped inputs, the duplicate records, and the
        sentences and facts per article; ``analyses`` is empty.
    """
    from .runners import SerialRunner

    articles, skipped, duplicates = read_accounted(paths, options)
    runner = runner or SerialRunner()
    prepared = dict(zip((a.id for a in articles), runner.map(prepare_article, articles)))
    return AnalyzeResult(
        articles=articles,
        skipped=skipped,
        analyses=[],
        facts={i: f for i, (_, f) in prepared.items()},
        sentences={i: s for i, (s, _) in prepared.items()},
        duplicates=duplicates,
    )


def warm_worker() -> None:
    """Load in a worker what its tasks need: the stage modules' tables and the sentence models.

    Handed to a cluster runner (:func:`make_runner`), which runs it once per
    worker as it starts, while the driver reads its inputs.
    """
    import logging

    from . import align, extract, reconcile, text  # noqa: F401 - imported for their tables
    from .embed import embed
    from .errors import ModelError

    try:
        embed(["warm"], cache=False)
        embed(["warm"], cache=False, model="verdict")
    except ModelError as e:  # best effort: the first task that needs the model reports it
        logging.getLogger(__name__).warning("worker not warmed: %s", e)


def make_runner(name: str = "local", *, scheduler: object | None = None, workers: int | None = None) -> Runner:
    """A runner for the pipeline's work, warmed with :func:`warm_worker` where workers are long-lived.

    Args:
        name: ``serial``, ``local`` (a process pool) or ``dask``.
        scheduler: the Dask scheduler address (``tcp://HOST:PORT``) or client, for ``dask``.
        workers: processes for ``local`` (default: every core).

    Raises:
        ConfigError: an unknown name, or ``dask`` without a scheduler or without Dask installed.
    """
    from .runners import make_runner as make

    return make(name, scheduler=scheduler, workers=workers, warm_up=warm_worker)


def read_pairs(path: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Read ``compare`` input: JSON Lines of ``{"id", "a", "b"}``.

    Returns:
        The usable pairs as ``(id, a, b)``, and one line per unusable input line.
    """
    import json

    pairs: list[tuple[str, str, str]] = []
    problems: list[str] = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    problems.append(f"skipped {path}:{n}: not valid JSON ({e.msg})")
                    continue
                if not isinstance(row, dict) or not isinstance(row.get("a"), str) or not isinstance(row.get("b"), str):
                    problems.append(f'skipped {path}:{n}: needs string fields "a" and "b"')
                    continue
                pairs.append((str(row.get("id", n)), row["a"], row["b"]))
    except (OSError, UnicodeDecodeError) as e:
        from .errors import IngestError

        raise IngestError(f"{path}: cannot read pairs ({e})") from e
    return pairs, problems
