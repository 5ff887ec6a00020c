"""Repeated fits through joblib, with a progress bar.

Every visualizer that fits a model many times (a threshold trial, one k of an
elbow curve, one alpha) runs its fits through :func:`run_jobs`, so ``n_jobs``
and ``joblib.parallel_config(backend="dask")`` act on all of them alike and
the results never depend on how the work was spread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from joblib import Parallel, delayed


def run_jobs(
    function: Callable[..., Any],
    arguments: Iterable[tuple],
    *,
    total: int,
    n_jobs: int | None,
    verbose: bool,
    desc: str,
    unit: str = "fit",
    pre_dispatch: int | str = "2 * n_jobs",
) -> list[Any]:
    """``[function(*args) for args in arguments]``, run through joblib, in order.

    ``function`` must be a module-level function (process-based backends such
    as loky and dask pickle it). The progress bar counts finished jobs; it is
    shown only when ``verbose`` is true. ``pre_dispatch`` is joblib's: how
    many jobs are queued ahead of the workers (``"all"`` queues every one).
    """
    from tqdm.auto import tqdm

    jobs = [delayed(function)(*args) for args in arguments]
    results = _results_in_order(jobs, n_jobs, pre_dispatch)
    progress = tqdm(results, total=total, disable=not verbose, desc=desc, unit=unit)
    return list(progress)


def _results_in_order(
    jobs: list, n_jobs: int | None, pre_dispatch: int | str = "2 * n_jobs"
) -> Iterable[Any]:
    """The jobs' results in order, each as soon as it is ready if joblib can.

    Some backends cannot return a generator (joblib 1.3's dask backend): they
    return the whole list at the end, and the progress bar fills at once.
    """
    try:
        return Parallel(
            n_jobs=n_jobs, return_as="generator", pre_dispatch=pre_dispatch
        )(jobs)
    except ValueError as error:
        if "return_as" not in str(error):
            raise
        return Parallel(n_jobs=n_jobs, pre_dispatch=pre_dispatch)(jobs)
