"""The one options object: validated when built, carried to every story task, named by its settings hash."""

from __future__ import annotations

import pickle

import pytest
from click.testing import CliRunner

from storyledger import incremental, options as options_module
from storyledger.align import AlignSettings
from storyledger.cli import cli
from storyledger.cluster import ClusterSettings
from storyledger.errors import ConfigError
from storyledger.options import MAX_BYTES, POLICIES, AnalyzeOptions
from storyledger.pipeline import analyze
from storyledger.runners import SerialRunner
from storyledger.store import Store

from .test_incremental import write


class _Recording(SerialRunner):
    """A serial runner that keeps every item it was given."""

    def __init__(self) -> None:
        self.items: list = []

    def map(self, fn, items):
        items = list(items)
        self.items.extend(items)
        return super().map(fn, items)


def test_defaults_are_the_documented_ones():
    options = AnalyzeOptions()
    assert (options.policy, options.max_bytes, options.manifest) == ("latest", MAX_BYTES, None)
    assert options.cluster == ClusterSettings()
    assert options.align == AlignSettings()
    assert POLICIES == ("latest", "conservative", "range")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"policy": "newest"}, "policy must be one of latest, conservative, range"),
        ({"max_bytes": 0}, "max_bytes must be"),
        ({"max_bytes": True}, "max_bytes must be"),
        ({"manifest": 3}, "manifest must be a file path"),
        ({"cluster": {"max_days": 3}}, "cluster must be ClusterSettings"),
        ({"align": None}, "align must be AlignSettings"),
    ],
)
def test_bad_values_are_refused_when_built_naming_no_cli_flag(kwargs, message):
    with pytest.raises(ConfigError, match=message) as raised:
        AnalyzeOptions(**kwargs)
    assert "--" not in str(raised.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"n_lexical_neighbors": 0}, "n_lexical_neighbors"), ({"min_lexical": 2.0}, "min_lexical"),
     ({"min_undecided_cosine": "high"}, "min_undecided_cosine")],
)
def test_align_settings_are_checked_when_built(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        AlignSettings(**kwargs)


def test_wider_alignment_settings_find_at_least_as_many_candidates(example_dir):
    from storyledger.align import align_story
    from storyledger.pipeline import read_inputs
    from storyledger.text import segment_article

    articles, _ = read_inputs([str(example_dir)])
    sentences = {a.id: segment_article(a) for a in articles}
    counts = {}
    for k in (1, 2, 4):
        stats = {}
        align_story(articles, sentences, AlignSettings(n_lexical_neighbors=k), on_stat=stats.__setitem__)
        counts[k] = stats["candidate_pairs"]
    assert counts[1] <= counts[2] <= counts[4] and counts[1] < counts[4]


def test_options_are_frozen_and_pickle_for_workers():
    options = AnalyzeOptions(policy="range", cluster=ClusterSettings(max_days=10.0))
    with pytest.raises(AttributeError):
        options.policy = "latest"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(options)) == options


def test_settings_hash_follows_what_an_analysis_depends_on():
    base = AnalyzeOptions().settings_hash()
    assert base == AnalyzeOptions().settings_hash()
    assert base.startswith("v1:")
    assert AnalyzeOptions(policy="range").settings_hash() != base
    assert AnalyzeOptions(cluster=ClusterSettings(max_days=10.0)).settings_hash() != base
    assert AnalyzeOptions(align=AlignSettings(n_lexical_neighbors=3)).settings_hash() != base
    # which articles are read is not part of a story's analysis
    assert AnalyzeOptions(max_bytes=10, manifest="m.json").settings_hash() == base


def test_settings_hash_changes_with_the_model_files(tmp_path, monkeypatch):
    model = tmp_path / "paraphrase.json"
    model.write_text('{"weights": [1, 2]}')
    monkeypatch.setattr(options_module, "_model_files", lambda: {"paraphrase.json": model})
    options_module.model_fingerprint.cache_clear()
    options_module._settings_hash.cache_clear()
    before = AnalyzeOptions().settings_hash()
    model.write_text('{"weights": [1, 3]}')
    options_module.model_fingerprint.cache_clear()
    options_module._settings_hash.cache_clear()
    after = AnalyzeOptions().settings_hash()
    model.unlink()
    options_module.model_fingerprint.cache_clear()
    options_module._settings_hash.cache_clear()
    assert len({before, after, AnalyzeOptions().settings_hash()}) == 3
    monkeypatch.undo()
    options_module.model_fingerprint.cache_clear()
    options_module._settings_hash.cache_clear()


def test_the_real_model_files_are_all_fingerprinted():
    prints = options_module.model_fingerprint()
    assert {"storyledger/models/paraphrase.json", "storyledger/models/minilm-msrp-int8.onnx"} <= set(prints)
    assert len(prints) >= 4 and "missing" not in prints.values()


def test_every_story_task_carries_the_options(tmp_path):
    folder = write(tmp_path / "in", {"flood1", "flood2", "mine1"})
    options = AnalyzeOptions(policy="conservative")
    runner = _Recording()
    result = analyze([str(folder)], options, runner=runner)
    tasks = [t for batch in runner.items if isinstance(batch, list) for t in batch]
    assert tasks and len(tasks) == len(result.analyses)
    assert all(t.options is options or t.options == options for t in tasks)


def test_a_stored_analysis_is_stale_under_other_settings_and_analyze_stale_redoes_it(tmp_path):
    folder = write(tmp_path / "in", {"flood1", "flood2", "bank1"})
    latest, ranged = AnalyzeOptions(), AnalyzeOptions(policy="range")
    with Store(str(tmp_path / "s.db")) as store:
        update = incremental.update_store(store, [str(folder)], latest)
        stories = [s.id for s in store.stories()]
        assert update.changed == len(stories) >= 2
        assert store.stale_analyses(latest.settings_hash()) == []
        assert sorted(store.stale_analyses(ranged.settings_hash())) == sorted(stories)
        # an analysis written by an earlier version, whose hash was the policy's name, is stale too
        store.put_analysis(stories[0], store.analysis(stories[0]), settings_hash="latest")
        assert store.stale_analyses(latest.settings_hash()) == [stories[0]]
        assert incremental.analyze_stale(store, latest) == 1
        assert store.stale_analyses(latest.settings_hash()) == []
        assert incremental.analyze_stale(store, ranged) == len(stories)
        assert store.stale_analyses(ranged.settings_hash()) == []


def test_cli_builds_the_options_from_its_flags(tmp_path):
    folder = write(tmp_path / "in", {"mine1", "mine2"})
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--policy", "range", "-q", "--runner", "serial"])
    assert result.exit_code == 0, result.output
    with Store(str(db), readonly=True) as store:
        assert store.stale_analyses(AnalyzeOptions(policy="range").settings_hash()) == []
        assert store.stale_analyses(AnalyzeOptions().settings_hash())


def test_cli_names_the_flags_the_library_does_not(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--runner", "dask"])
    assert result.exit_code == 2
    assert "--runner dask needs --scheduler" in result.output
