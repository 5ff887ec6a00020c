"""Learning curve of a decision tree: 5 training sizes x 5 stratified folds.

The 25 fits are the work. Every implementation computes the
training and cross-validation scores of a DecisionTreeClassifier(max_depth=8)
at 5 training sizes (10% to 100% of a fold) on the same 5 stratified folds,
then draws the two mean curves with their one-standard-deviation bands and
saves the PNG. vizkit runs with ``n_jobs=2``; "vizkit n_jobs=1" is the same
call with one job; "sklearn Display" is ``LearningCurveDisplay.from_estimator``
and "floor" is ``sklearn.model_selection.learning_curve`` plus the plot by
hand, both with ``n_jobs=2``; "vizkit dask" is vizkit's call with ``n_jobs=-1``
under ``joblib.parallel_config(backend="dask")`` on a local cluster of 2
single-threaded worker processes. Everything runs under ``threadpool_limits(1)``.
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
DESCRIPTION = "3 classes, 20 features, DecisionTree, 5 sizes x 5 folds"
SIZES = np.linspace(0.1, 1.0, 5)


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
    from vizkit.model_selection import LearningCurve

    viz = LearningCurve(data.model, train_sizes=SIZES, cv=5, n_jobs=n_jobs)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


run_vizkit, run_serial, run_dask = parallel_runs(_vizkit)


def run_display(data: SplitData, path: str) -> None:
    from sklearn.model_selection import LearningCurveDisplay

    fig, ax = new_axes()
    with threadpool_limits(1):
        LearningCurveDisplay.from_estimator(
            model(), data.X_train, data.y_train, train_sizes=SIZES, cv=5,
            n_jobs=2, ax=ax,
        )  # fmt: skip
    fig.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    from sklearn.model_selection import learning_curve

    with threadpool_limits(1):
        sizes, train, test = learning_curve(
            model(), data.X_train, data.y_train, train_sizes=SIZES, cv=5, n_jobs=2
        )
    fig, ax = new_axes()
    for scores, label in ((train, "Training Score"), (test, "Cross Validation")):
        mean, std = scores.mean(axis=1), scores.std(axis=1)
        ax.fill_between(sizes, mean - std, mean + std, alpha=0.25)
        ax.plot(sizes, mean, "o-", label=label)
    ax.set(title="Learning Curve", xlabel="Training Instances", ylabel="Score")
    ax.legend(loc="best")
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.model_selection import LearningCurve

    viz = LearningCurve(data.model, train_sizes=SIZES, cv=5, n_jobs=2)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "dask": run_dask,
    "display": run_display,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
