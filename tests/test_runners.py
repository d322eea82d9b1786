import sys
import time

import pytest

from storyledger.errors import ConfigError
from storyledger.runners import DaskRunner, ProcessRunner, SerialRunner, make_runner


def _square(x: int) -> int:
    return x * x


def _slow_square(x: int) -> int:
    time.sleep(0.05 if x % 3 == 0 else 0.0)  # later items often finish before earlier ones
    if x < 0:
        raise ValueError(f"negative item {x}")
    return x * x


def _sum(batch: list[int]) -> int:
    return sum(batch)


def _is_warm() -> bool:
    from storyledger.embed import model as embed

    return "storyledger.extract.article" in sys.modules and embed._open_session.cache_info().currsize == 2  # both models


def test_serial_and_process_runners_agree_in_order():
    items = list(range(200))
    expected = [x * x for x in items]
    assert list(SerialRunner().map(_square, items)) == expected
    with ProcessRunner(workers=2, min_items=10) as runner:
        assert list(runner.map(_square, items)) == expected


def test_process_runner_runs_small_batches_in_process():
    runner = ProcessRunner(workers=2, min_items=100)
    assert list(runner.map(_square, [3])) == [9]
    assert list(runner.map_batches(_sum, [[1, 2], [3]])) == [3, 3]
    assert runner._pool is None


def test_map_batches_gives_one_result_per_batch_in_order():
    batches = [list(range(n)) for n in range(30, 0, -1)]
    expected = [sum(b) for b in batches]
    assert list(SerialRunner().map_batches(_sum, batches)) == expected
    with ProcessRunner(workers=2, min_items=10) as runner:
        assert list(runner.map_batches(_sum, batches)) == expected
        assert runner._pool is not None


def test_make_runner_refuses_bad_choices():
    with pytest.raises(ConfigError, match="unknown runner"):
        make_runner("cloud")
    with pytest.raises(ConfigError, match="scheduler address") as raised:
        make_runner("dask")
    assert "--" not in str(raised.value)  # the library names no CLI flag; the CLI adds them


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.mark.slow
def test_dask_runner_matches_local_on_a_local_cluster(dask_client):
    items = list(range(100))
    runner = DaskRunner(dask_client, batch_size=7)
    assert runner.workers == 2
    assert list(runner.map(_square, items)) == list(SerialRunner().map(_square, items))
    assert list(runner.map(_slow_square, items)) == [x * x for x in items]
    assert list(runner.map(_square, [])) == []


@pytest.mark.slow
def test_dask_runner_cuts_few_items_into_a_task_each_and_batches_into_one_task_each(dask_client):
    from distributed import get_task_stream

    runner = DaskRunner(dask_client, batch_size=32, tasks_per_worker=8)
    with get_task_stream(dask_client) as stream:
        # 12 items for 2 workers x 8 tasks: one item per task, not one task of 12
        assert list(runner.map(_slow_square, range(12))) == [x * x for x in range(12)]
    assert sum(t["key"].startswith("_apply_batch") for t in stream.data) == 12
    batches = [list(range(n)) for n in range(20, 0, -1)]
    with get_task_stream(dask_client) as stream:
        assert list(runner.map_batches(_sum, batches)) == [sum(b) for b in batches]
    assert sum(t["key"].startswith("_apply_one") for t in stream.data) == 20


@pytest.mark.slow
def test_dask_runner_raises_a_task_error_and_stays_usable(dask_client):
    runner = DaskRunner(dask_client)
    with pytest.raises(ValueError, match="negative item -4"):
        list(runner.map(_slow_square, [1, 2, 3, -4, 5, 6]))
    assert list(runner.map_batches(_sum, [[1, 2], [3]])) == [3, 3]


@pytest.mark.slow
def test_dask_runner_warms_every_worker_as_it_starts(dask_client):
    pytest.importorskip("onnxruntime")
    assert not any(dask_client.run(_is_warm).values())  # no other test here warms them
    from storyledger.pipeline import warm_worker

    DaskRunner(dask_client, warm_up=warm_worker)  # the pipeline hands the runner its warm-up
    deadline = time.monotonic() + 60
    while not all(dask_client.run(_is_warm).values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(dask_client.run(_is_warm).values()) == [True, True]


@pytest.mark.slow
def test_dask_runner_refuses_bad_batch_settings(dask_client):
    with pytest.raises(ConfigError, match="at least 1"):
        DaskRunner(dask_client, tasks_per_worker=0)


def test_process_runner_decides_by_estimated_cost_when_given():
    runner = ProcessRunner(workers=2, min_items=100, min_cost_ms=1000.0)
    try:
        # cheap work stays in this process, however many batches
        assert list(runner.map_batches(_sum, [[1], [2], [3]], cost=500.0)) == [1, 2, 3]
        assert runner._pool is None
        # a single batch has nothing to share
        assert list(runner.map_batches(_sum, [[1, 2]], cost=1e6)) == [3]
        assert runner._pool is None
        # a few costly batches go to the workers although fewer than min_items
        assert list(runner.map_batches(_sum, [[1, 2], [3], [4]], cost=5000.0)) == [3, 3, 4]
        assert runner._pool is not None
    finally:
        runner.close()
