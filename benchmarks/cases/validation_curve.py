"""Validation curve of a decision tree over 5 depths x 5 stratified folds.

The 25 fits are the work. Every implementation computes the
training and cross-validation scores of a DecisionTreeClassifier at
``max_depth`` 2, 4, 6, 8 and 10 on the same 5 stratified folds, then draws
the two mean curves with their one-standard-deviation bands and saves the
PNG. vizkit runs with ``n_jobs=2``; "vizkit n_jobs=1" is the same call with
one job; "sklearn Display" is ``ValidationCurveDisplay.from_estimator`` and
"floor" is ``sklearn.model_selection.validation_curve`` plus the plot by hand,
both with ``n_jobs=2``; "vizkit dask" is vizkit's call with ``n_jobs=-1`` under
``joblib.parallel_config(backend="dask")`` on a local cluster of 2
single-threaded worker processes. Everything runs under ``threadpool_limits(1)``.
vizkit is given the model already fitted on all rows (fitted in ``build``,
outside the timers), so its ``fit`` computes the same scores as the peers and
nothing more; given an unfitted model it would also fit it in place (as every
model visualizer does), one extra full fit that the README reports apart.
"""

from __future__ import annotations

from sklearn.tree import DecisionTreeClassifier
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes, yellowbrick_style
from benchmarks.cases._dask import parallel_runs, try_dask_client
from vizkit.datasets import make_classification_data

PREFIT = True
DESCRIPTION = "3 classes, 20 features, DecisionTree, 5 max_depth x 5 folds"
DEPTHS = [2, 4, 6, 8, 10]


def model() -> DecisionTreeClassifier:
    return DecisionTreeClassifier(random_state=SEED)


def build(n_rows: int) -> SplitData:
    """Seeded data; every implementation splits it itself."""
    try_dask_client()
    data = make_classification_data(n_rows, n_features=20, random_state=SEED)
    with threadpool_limits(1):
        fitted = model().fit(data.X, data.y)
    return SplitData(data.X, data.y, data.X[:0], data.y[:0], fitted)


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.model_selection import ValidationCurve

    viz = ValidationCurve(data.model, "max_depth", DEPTHS, cv=5, n_jobs=n_jobs)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


run_vizkit, run_serial, run_dask = parallel_runs(_vizkit)


def run_display(data: SplitData, path: str) -> None:
    from sklearn.model_selection import ValidationCurveDisplay

    fig, ax = new_axes()
    with threadpool_limits(1):
        ValidationCurveDisplay.from_estimator(
            model(), data.X_train, data.y_train, param_name="max_depth",
            param_range=DEPTHS, cv=5, n_jobs=2, ax=ax,
        )  # fmt: skip
    fig.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    from sklearn.model_selection import validation_curve

    with threadpool_limits(1):
        train, test = validation_curve(
            model(), data.X_train, data.y_train, param_name="max_depth",
            param_range=DEPTHS, cv=5, n_jobs=2,
        )  # fmt: skip
    fig, ax = new_axes()
    for scores, label in ((train, "Training Score"), (test, "Cross Validation")):
        mean, std = scores.mean(axis=1), scores.std(axis=1)
        ax.fill_between(DEPTHS, mean - std, mean + std, alpha=0.25)
        ax.plot(DEPTHS, mean, "-d", label=label)
    ax.set(title="Validation Curve", xlabel="max_depth", ylabel="Score")
    ax.legend(loc="best")
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.model_selection import ValidationCurve

    viz = ValidationCurve(data.model, "max_depth", DEPTHS, cv=5, n_jobs=2)
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
