"""Cross-validation scores of a decision tree: 5 stratified folds.

The 5 fits are the work. Every implementation scores a
DecisionTreeClassifier(max_depth=8) on the same 5 stratified folds, then
draws a bar per fold with the mean as a dashed line and saves the PNG.
vizkit runs with ``n_jobs=2``; "vizkit n_jobs=1" is the same call with one
job; "floor" is ``sklearn.model_selection.cross_val_score`` (``n_jobs=2``)
plus the bar plot by hand; "vizkit dask" is vizkit's call with ``n_jobs=-1``
under ``joblib.parallel_config(backend="dask")`` on a local cluster of 2
single-threaded worker processes; Yellowbrick's CVScores has no ``n_jobs``.
Everything runs under ``threadpool_limits(1)``.
vizkit is given the model already fitted on all rows (fitted in ``build``,
outside the timers), so its ``fit`` computes the same scores as the peers and
nothing more; given an unfitted model it would also fit it in place (as every
model visualizer does), one extra full fit that the README reports apart.
"""

from __future__ import annotations

import numpy as np
from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes, yellowbrick_style
from benchmarks.cases._dask import parallel_runs, try_dask_client
from vizkit.datasets import make_classification_data

PREFIT = True
DESCRIPTION = "3 classes, 20 features, DecisionTree, 5 stratified folds"
CV = 5


def model() -> DecisionTreeClassifier:
    return DecisionTreeClassifier(max_depth=8, random_state=SEED)


def build(n_rows: int) -> SplitData:
    """Seeded data; every implementation splits it itself."""
    try_dask_client()
    data = make_classification_data(n_rows, n_features=20, random_state=SEED)
    with threadpool_limits(1):
        fitted = model().fit(data.X, data.y)
    return SplitData(data.X, data.y, data.X[:0], data.y[:0], fitted)


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.model_selection import CVScores

    viz = CVScores(data.model, cv=CV, n_jobs=n_jobs)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


run_vizkit, run_serial, run_dask = parallel_runs(_vizkit)


def run_floor(data: SplitData, path: str) -> None:
    from sklearn.model_selection import cross_val_score

    with threadpool_limits(1):
        scores = cross_val_score(model(), data.X_train, data.y_train, cv=CV, n_jobs=2)
    fig, ax = new_axes()
    folds = np.arange(1, len(scores) + 1)
    ax.bar(folds, scores, width=0.3)
    ax.axhline(scores.mean(), ls="--", label=f"Mean score = {scores.mean():0.3f}")
    ax.set(title="Cross Validation Scores", xlabel="Fold", ylabel="Score")
    ax.legend(loc="best")
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.model_selection import CVScores

    viz = CVScores(data.model, cv=CV)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "dask": run_dask,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
