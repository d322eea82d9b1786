import pytest

from storyledger.errors import ConfigError
from storyledger.runners import DaskRunner, ProcessRunner, SerialRunner, make_runner


def _square(x: int) -> int:
    return x * x


def test_serial_and_process_runners_agree_in_order():
    items = list(range(200))
    expected = [x * x for x in items]
    assert list(SerialRunner().map(_square, items)) == expected
    with ProcessRunner(workers=2, min_items=10) as runner:
        assert list(runner.map(_square, items)) == expected


def test_process_runner_runs_small_batches_in_process():
    runner = ProcessRunner(workers=2, min_items=100)
    assert list(runner.map(_square, [3])) == [9]
    assert runner._pool is None


def test_make_runner_refuses_bad_choices():
    with pytest.raises(ConfigError, match="unknown runner"):
        make_runner("cloud")
    with pytest.raises(ConfigError, match="--scheduler"):
        make_runner("dask")


@pytest.mark.slow
def test_dask_runner_matches_local_on_a_local_cluster():
    distributed = pytest.importorskip("distributed")
    items = list(range(100))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            runner = DaskRunner(client, batch_size=7)
            assert list(runner.map(_square, items)) == list(SerialRunner().map(_square, items))
