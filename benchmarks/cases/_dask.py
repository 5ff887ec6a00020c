"""A local Dask cluster for the repeated-fit cases, started once, outside timers."""

from __future__ import annotations

import atexit
from collections.abc import Callable
from typing import Any

_CLIENT: list[Any] = []


def dask_client():
    """A client of a 2-worker, 1-thread-each, process-based local cluster.

    Started on first use (in a case's ``build``, outside the timer) and kept
    for the whole run; ``joblib.parallel_config(backend="dask")`` finds it.
    Raises ModuleNotFoundError without the dask extra.
    """
    if not _CLIENT:
        import distributed

        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True,
            dashboard_address=None,
        )  # fmt: skip
        client = distributed.Client(cluster)
        atexit.register(cluster.close)
        atexit.register(client.close)
        _CLIENT.append(client)
    return _CLIENT[0]


def try_dask_client() -> None:
    """Start the cluster if the dask extra is installed (else the peer fails)."""
    try:
        dask_client()
    except ModuleNotFoundError:
        pass


def parallel_runs(run: Callable[..., None]) -> tuple[Callable[..., None], ...]:
    """vizkit's three runs of a repeated-fit case from one ``run(data, path, n_jobs)``.

    ``n_jobs=2`` (the "vizkit" column), ``n_jobs=1`` (the speed-up's peer) and
    ``n_jobs=-1`` under ``joblib.parallel_config(backend="dask")``.
    """

    def run_vizkit(data, path: str) -> None:
        run(data, path, n_jobs=2)

    def run_serial(data, path: str) -> None:
        run(data, path, n_jobs=1)

    def run_dask(data, path: str) -> None:
        import joblib

        with joblib.parallel_config(backend="dask"):
            run(data, path, n_jobs=-1)

    return run_vizkit, run_serial, run_dask
