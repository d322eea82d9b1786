"""Where per-article and per-story work runs: one small interface, three backends.

``Runner.map(fn, items)`` returns the results of ``fn(item)`` in input order.
``fn`` must be a top-level function and items picklable records, so the same
call runs in this process, in a local process pool, or on a Dask cluster; the
store always stays with the driver.

* :class:`SerialRunner`  — in this process (tests, tiny inputs);
* :class:`ProcessRunner` — every core of this machine (the default);
* :class:`DaskRunner`    — a Dask distributed cluster (``pip install 'storyledger[dask]'``).

``Runner.map_batches(fn, batches)`` is the same for items that are already
batches of even cost, heaviest first (the per-story work): one task per batch,
started in that order.

:class:`Runner` is the Protocol the pipeline is typed by; the three backends
share :class:`BaseRunner`'s defaults. A runner knows nothing of the stages: a
cluster runner is handed a ``warm_up`` callable to run once per worker
(:func:`storyledger.pipeline.make_runner` hands it the pipeline's).
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .errors import ConfigError

if TYPE_CHECKING:  # the pool's module (with multiprocessing) loads when a pool starts: small inputs never need it
    from concurrent.futures import ProcessPoolExecutor

__all__ = [
    "BaseRunner",
    "DaskRunner",
    "ProcessRunner",
    "Runner",
    "SerialRunner",
    "make_runner",
]

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)


class Runner(Protocol):
    """Maps a top-level function over items; results come back in input order."""

    name: str
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T], *, cost: float | None = None) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


class BaseRunner:
    """The defaults the backends share: ``map_batches`` as ``map``, nothing to close, a context manager."""

    name = "base"
    workers = 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:  # pragma: no cover
        raise NotImplementedError

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T], *, cost: float | None = None) -> Iterator[R]:
        """Like :meth:`map`, for items that are already batches of even cost: one task each.

        The runner adds no batching of its own, and tasks start in the order
        given, so callers put the heaviest first (see
        :func:`storyledger.pipeline.map_stories`): the last tasks to start are
        the shortest, and no worker is left alone with a long one at the end.
        ``cost`` is the estimated work of all batches in milliseconds of one
        core, if known: a local pool runs work cheaper than starting its
        workers in this process.
        """
        return self.map(fn, batches)

    def close(self) -> None:
        """Release workers, if any."""

    def __enter__(self) -> BaseRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialRunner(BaseRunner):
    """Runs everything in this process."""

    name = "serial"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)


class ProcessRunner(BaseRunner):
    """A local process pool over every core (or ``workers``).

    Small work runs in this process: fewer than ``min_items`` items, or
    batches of an estimated cost under ``min_cost_ms`` (one batch, or
    fewer than ``min_items`` when no cost is given); starting workers and
    loading models in each costs more than it saves.
    """

    name = "local"

    def __init__(
        self, workers: int | None = None, *, min_items: int = 64, chunksize: int = 16, min_cost_ms: float = 4000.0
    ) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.min_items = min_items
        self.min_cost_ms = min_cost_ms
        self.chunksize = chunksize
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if self.workers <= 1 or len(items) < self.min_items:
            return map(fn, items)
        chunk = max(1, min(self.chunksize, len(items) // (self.workers * 4) or 1))
        return self._executor().map(fn, items, chunksize=chunk)

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T], *, cost: float | None = None) -> Iterator[R]:
        batches = list(batches)
        small = len(batches) < self.min_items if cost is None else (len(batches) < 2 or cost < self.min_cost_ms)
        if self.workers <= 1 or small:
            return map(fn, batches)
        return self._executor().map(fn, batches, chunksize=1)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_one_thread_per_worker)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskRunner(BaseRunner):
    """Runs the same work on a Dask distributed cluster.

    Work is submitted a few tasks per worker at a time, in input order, and
    one more each time one finishes: the first tasks start at once, each
    worker always has its next task waiting, the driver pickles the next
    tasks and reads finished results while the workers compute (rather than
    all before the first and all after the last), and tasks put heaviest
    first (:meth:`map_batches`) start first wherever a worker is free.
    Each worker runs ``warm_up`` as the runner starts (the pipeline's loads
    its tables and models), while the driver reads its inputs.

    Args:
        scheduler: address ``tcp://HOST:PORT`` of a running scheduler, or a
            ``distributed.Client`` / ``LocalCluster`` to use directly.
        batch_size: most items sent per task by :meth:`map`; fewer when
            there are too few items to give every worker
            ``tasks_per_worker`` tasks.
        tasks_per_worker: tasks :meth:`map` aims to cut its items into, per
            worker thread, so that the last tasks are short and no worker
            waits long for another at the end.
        warm_up: a top-level function each worker runs once as the runner
            starts; ``None`` warms nothing.

    Raises:
        ConfigError: Dask is not installed, the scheduler cannot be reached,
            or ``batch_size`` / ``tasks_per_worker`` is below 1.
    """

    name = "dask"

    def __init__(
        self,
        scheduler: Any,
        *,
        batch_size: int = 32,
        tasks_per_worker: int = 8,
        warm_up: Callable[[], None] | None = None,
    ) -> None:
        try:
            from distributed import Client
        except ImportError as e:
            raise ConfigError("the Dask runner needs: pip install 'storyledger[dask]'") from e
        if batch_size < 1 or tasks_per_worker < 1:
            raise ConfigError(f"batch_size and tasks_per_worker must be at least 1, got {batch_size} and {tasks_per_worker}")
        if isinstance(scheduler, Client):
            self._client, self._own = scheduler, False
        else:
            try:
                self._client, self._own = Client(scheduler, timeout="20s"), True
            except OSError as e:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        self.batch_size = batch_size
        self.tasks_per_worker = tasks_per_worker
        if warm_up is not None:
            self._warm(warm_up)

    @property
    def workers(self) -> int:
        """Worker threads the cluster has now (at least 1)."""
        info = self._client.scheduler_info()["workers"]
        return max(1, sum(w.get("nthreads", 1) for w in info.values()))

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if not items:
            return iter(())
        size = max(1, min(self.batch_size, math.ceil(len(items) / (self.workers * self.tasks_per_worker))))
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        return (r for batch in self._stream(_apply_batch, fn, batches) for r in batch)

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T], *, cost: float | None = None) -> Iterator[R]:
        batches = list(batches)  # a cluster was asked for: even small work goes to it
        if not batches:
            return iter(())
        return self._stream(_apply_one, fn, batches)

    def _stream(self, task: Callable[..., Any], fn: Callable[..., Any], args: Sequence[Any]) -> Iterator[Any]:
        """Submit ``task(fn, arg)`` a window at a time in order; yield results in order."""
        from distributed import as_completed

        window = 2 * self.workers + 2  # one running and one waiting per worker, two spare at the scheduler
        todo = iter(enumerate(args))
        index: dict[str, int] = {}
        done: dict[int, Any] = {}

        def submit() -> Any:
            step = next(todo, None)
            if step is None:
                return None
            future = self._client.submit(task, fn, step[1], pure=False, priority=-step[0])
            index[future.key] = step[0]
            return future

        running = as_completed([f for f in (submit() for _ in range(window)) if f is not None])
        try:
            following = 0
            for future in running:
                done[index.pop(future.key)] = future.result()
                future.release()
                nxt = submit()
                if nxt is not None:
                    running.add(nxt)
                while following in done:
                    yield done.pop(following)
                    following += 1
        finally:
            running.clear()  # futures left unfinished (an error, or the caller stopped) are released

    def _warm(self, warm_up: Callable[[], None]) -> None:
        from distributed import fire_and_forget

        for address in self._client.scheduler_info()["workers"]:
            task = self._client.submit(
                _warm_worker, warm_up, workers=[address], allow_other_workers=True, pure=False, priority=1
            )
            fire_and_forget(task)

    def close(self) -> None:
        if self._own:
            self._client.close()


def _one_thread_per_worker() -> None:
    """Each pool worker runs its model on one thread: the pool already uses every core,
    and onnxruntime's default of one thread per core in every worker oversubscribes them."""
    os.environ.setdefault("STORYLEDGER_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def _apply_batch(fn: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    _one_thread_per_worker()  # a Dask worker process runs one task per thread
    return [fn(x) for x in batch]


def _apply_one(fn: Callable[[T], R], item: T) -> R:
    _one_thread_per_worker()
    return fn(item)


def _warm_worker(warm_up: Callable[[], None]) -> None:
    _one_thread_per_worker()
    warm_up()


def make_runner(
    name: str = "local",
    *,
    scheduler: Any = None,
    workers: int | None = None,
    warm_up: Callable[[], None] | None = None,
) -> Runner:
    """Build a runner by name: ``serial``, ``local`` (process pool) or ``dask``.

    ``warm_up`` is run once per worker by a cluster runner (see :class:`DaskRunner`).

    Raises:
        ConfigError: unknown name, or ``dask`` without a scheduler or without Dask installed.
    """
    if name == "serial":
        return SerialRunner()
    if name == "local":
        return ProcessRunner(workers)
    if name == "dask":
        if not scheduler:
            raise ConfigError("the Dask runner needs a scheduler address (tcp://HOST:PORT)")
        return DaskRunner(scheduler, warm_up=warm_up)
    raise ConfigError(f"unknown runner {name!r}: choose serial, local or dask")
