"""Recursive feature elimination with 4-fold cross-validation of a LogisticRegression.

Not prefit: the eliminations are the work. Each implementation eliminates
the 10 features one at a time on the training rows of each of 4 stratified
folds (scoring the test rows by accuracy at every step), picks the number
of features with the best mean score, refits an RFE on all rows, draws the
mean score by number of features with a one-standard-deviation band and the
chosen number dashed, and saves the PNG. vizkit runs one job per fold with
``n_jobs=2``; the "sklearn function" peer is ``sklearn.feature_selection.RFECV``
with the same ``n_jobs=2`` and the same picture drawn by hand, so that ratio
is vizkit's overhead; the "n_jobs=1" peer is vizkit with ``n_jobs=1`` (the
parallel speed-up), and the "Dask" peer is vizkit under
``joblib.parallel_config(backend="dask")`` on a local cluster of two
single-threaded worker processes, started once (on the warm-up run, outside
the timed runs). Every implementation runs under ``threadpool_limits(1)``.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_selection import RFECV as SklearnRFECV
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes
from benchmarks.cases._dask import parallel_runs, try_dask_client
from vizkit.datasets import make_classification_data

PREFIT = False
DESCRIPTION = "2 classes, 10 features, LogisticRegression, step 1, 4 folds"
N_FOLDS = 4


def build(n_rows: int) -> SplitData:
    """Seeded binary data; every implementation splits it itself."""
    try_dask_client()  # started once, outside the timers
    data = make_classification_data(n_rows, n_classes=2, random_state=SEED)
    return SplitData(data.X, data.y, data.X[:0], data.y[:0])


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.model_selection import RFECV

    viz = RFECV(LogisticRegression(), cv=N_FOLDS, n_jobs=n_jobs)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


run_vizkit, run_serial, run_dask = parallel_runs(_vizkit)


def run_sklearn(data: SplitData, path: str) -> None:
    selector = SklearnRFECV(LogisticRegression(), cv=N_FOLDS, n_jobs=2)
    with threadpool_limits(1):
        selector.fit(data.X_train, data.y_train)
    results = selector.cv_results_
    x, mean, std = (
        results["n_features"],
        results["mean_test_score"],
        results["std_test_score"],
    )
    fig, ax = new_axes()
    (line,) = ax.plot(x, mean, marker="o", label="mean test score")
    ax.fill_between(x, mean - std, mean + std, color=line.get_color(), alpha=0.25)
    best = mean[np.flatnonzero(x == selector.n_features_)[0]]
    ax.axvline(
        selector.n_features_, color="k", ls="--",
        label=f"n_features = {selector.n_features_}\nscore = {best:.3f}",
    )  # fmt: skip
    ax.set(title="RFECV", xlabel="number of features selected", ylabel="accuracy")
    ax.legend()
    fig.savefig(path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "sklearn": run_sklearn,
    "dask": run_dask,
}
