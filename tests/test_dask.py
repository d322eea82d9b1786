"""The same analysis through every runner: in process, a local process pool, a Dask cluster."""

import sys

import pytest

from storyledger import pipeline
from storyledger.present import report
from storyledger.errors import ConfigError
from storyledger.runners import ProcessRunner, SerialRunner, make_runner
from tests.test_incremental import write


def _document(paths, runner) -> dict:
    result = pipeline.analyze(paths, runner=runner)
    return report.document(result.articles, result.skipped, result.analyses)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, example_dir):
    extra = write(tmp_path_factory.mktemp("extra"), {"mine1", "mine2", "bank1"})
    return [str(example_dir), str(extra)]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_serial_and_process_results(inputs):
    distributed = pytest.importorskip("distributed")
    from storyledger.runners import DaskRunner

    serial = _document(inputs, SerialRunner())
    assert len(serial["articles"]) == 6 and len(serial["stories"]) >= 3
    with ProcessRunner(workers=2, min_items=1, chunksize=1) as runner:
        assert _document(inputs, runner) == serial
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        runner = DaskRunner(client, batch_size=2)
        assert len(client.scheduler_info()["workers"]) == 2
        assert _document(inputs, runner) == serial


def test_dask_runner_without_distributed_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ConfigError, match=r"pip install 'storyledger\[dask\]'"):
        make_runner("dask", scheduler="tcp://127.0.0.1:8786")
