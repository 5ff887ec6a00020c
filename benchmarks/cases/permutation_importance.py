"""Permutation importance of a prefit shallow tree, on train and test rows.

Prefit: a DecisionTreeRegressor (max_depth=8) is fitted once on the training
rows outside the timer. Each implementation computes the permutation
importances of the 10 features (``n_repeats=5``, seeded, R^2 scoring) on the
training rows and on the test rows, draws one horizontal box per feature and
split over the repeats, and saves the PNG. vizkit runs one job per feature
with ``n_jobs=2``; the "sklearn function" peer calls
``sklearn.inspection.permutation_importance`` with the same ``n_jobs=2`` and
draws the same boxes by hand, so that ratio is vizkit's overhead; the
"n_jobs=1" peer is vizkit with ``n_jobs=1`` (the parallel speed-up), and
the "Dask" peer is vizkit under ``joblib.parallel_config(backend="dask")``
on a local cluster of two single-threaded worker processes, started once
(outside the timed runs, on the warm-up run). Every implementation runs
under ``threadpool_limits(1)``.
"""

from __future__ import annotations

import numpy as np
from sklearn.inspection import permutation_importance as sklearn_importance
from sklearn.tree import DecisionTreeRegressor
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes, split
from benchmarks.cases._dask import parallel_runs, try_dask_client
from vizkit.datasets import make_regression_data
from vizkit.model_selection.permutation import horizontal_boxes

PREFIT = True
DESCRIPTION = "DecisionTree (depth 8) prefit; 10 features x 5 repeats, train and test"
N_REPEATS = 5


def build(n_rows: int) -> SplitData:
    """Seeded regression data, split 75/25, a shallow tree fitted on the train rows."""
    try_dask_client()  # started once, outside the timers
    X, y = make_regression_data(n_rows, random_state=SEED)
    return split(X, y, DecisionTreeRegressor(max_depth=8, random_state=SEED))


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.model_selection import PermutationImportance

    viz = PermutationImportance(
        data.model, n_repeats=N_REPEATS, random_state=SEED, n_jobs=n_jobs,
        is_fitted=True,
    )  # fmt: skip
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
        viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


run_vizkit, run_serial, run_dask = parallel_runs(_vizkit)


def run_sklearn(data: SplitData, path: str) -> None:
    with threadpool_limits(1):
        results = [
            sklearn_importance(
                data.model, X, y, n_repeats=N_REPEATS, random_state=SEED, n_jobs=2
            )
            for X, y in ((data.X_train, data.y_train), (data.X_test, data.y_test))
        ]
    order = np.argsort(results[-1].importances_mean)
    fig, ax = new_axes()
    positions = np.arange(len(order), dtype=float)
    for offset, result, color in zip((0.2, -0.2), results, ("C0", "C1")):
        ax.boxplot(
            list(result.importances[order]), positions=positions + offset,
            widths=0.35, patch_artist=True, manage_ticks=False,
            boxprops={"facecolor": color}, **horizontal_boxes(),
        )  # fmt: skip
    ax.set_yticks(positions, labels=[f"x{i}" for i in order])
    ax.axvline(0, color="k", ls="--")
    ax.set(title="Permutation Importances", xlabel="decrease in R^2")
    fig.savefig(path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "sklearn": run_sklearn,
    "dask": run_dask,
}
