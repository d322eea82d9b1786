"""Where per-article and per-story work runs: one small interface, three backends.

``Runner.map(fn, items)`` returns the results of ``fn(item)`` in input order.
``fn`` must be a top-level function and items picklable records, so the same
call runs in this process, in a local process pool, or on a Dask cluster; the
store always stays with the driver.

* :class:`SerialRunner`  — in this process (tests, tiny inputs);
* :class:`ProcessRunner` — every core of this machine (the default);
* :class:`DaskRunner`    — a Dask distributed cluster (``pip install 'storyledger[dask]'``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from .errors import ConfigError

__all__ = ["DaskRunner", "ProcessRunner", "Runner", "SerialRunner", "make_runner"]

T = TypeVar("T")
R = TypeVar("R")


class Runner:
    """Maps a top-level function over items; results come back in input order."""

    name = "base"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        """Release workers, if any."""

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialRunner(Runner):
    """Runs everything in this process."""

    name = "serial"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)


class ProcessRunner(Runner):
    """A local process pool over every core (or ``workers``).

    Small batches (fewer than ``min_items``) run in this process: starting
    workers and loading models in each costs more than it saves.
    """

    name = "local"

    def __init__(self, workers: int | None = None, *, min_items: int = 64, chunksize: int = 16) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.min_items = min_items
        self.chunksize = chunksize
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if self.workers <= 1 or len(items) < self.min_items:
            return map(fn, items)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_one_thread_per_worker)
        chunk = max(1, min(self.chunksize, len(items) // (self.workers * 4) or 1))
        return self._pool.map(fn, items, chunksize=chunk)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskRunner(Runner):
    """Runs the same work on a Dask distributed cluster.

    Args:
        scheduler: address ``tcp://HOST:PORT`` of a running scheduler, or a
            ``distributed.Client`` / ``LocalCluster`` to use directly.
        batch_size: items sent per task, so tiny tasks don't drown in overhead.
    """

    name = "dask"

    def __init__(self, scheduler: Any, *, batch_size: int = 32) -> None:
        try:
            from distributed import Client
        except ImportError as e:
            raise ConfigError("--runner dask needs: pip install 'storyledger[dask]'") from e
        if isinstance(scheduler, Client):
            self._client, self._own = scheduler, False
        else:
            try:
                self._client, self._own = Client(scheduler, timeout="20s"), True
            except OSError as e:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        self.batch_size = batch_size

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        if not items:
            return iter(())
        batches = [items[i : i + self.batch_size] for i in range(0, len(items), self.batch_size)]
        futures = self._client.map(_apply_batch, [fn] * len(batches), batches, pure=False)
        return (r for batch in self._client.gather(futures) for r in batch)

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


def make_runner(name: str = "local", *, scheduler: str | None = None, workers: int | None = None) -> Runner:
    """Build a runner by name: ``serial``, ``local`` (process pool) or ``dask``.

    Raises:
        ConfigError: unknown name, or ``dask`` without a scheduler or without Dask installed.
    """
    if name == "serial":
        return SerialRunner()
    if name == "local":
        return ProcessRunner(workers)
    if name == "dask":
        if not scheduler:
            raise ConfigError("--runner dask needs --scheduler tcp://HOST:PORT")
        return DaskRunner(scheduler)
    raise ConfigError(f"unknown runner {name!r}: choose serial, local or dask")
