"""Partial dependence and ICE of a prefit boosting model: 3 features and a pair.

Prefit: a HistGradientBoostingRegressor (50 iterations) is fitted once on all
the rows (8 features) outside the timer. Both implementations draw the same
grid (``grid_resolution=50``) for features 0, 1 and 2 with
``kind="both"`` (the average and 1,000 seeded ICE lines, computed by brute
force over every row) and the pair (0, 1) with ``kind="average"`` (by
recursion), then save the PNG: vizkit's ``PartialDependence`` against
scikit-learn's ``PartialDependenceDisplay.from_estimator`` with the same
arguments. Both compute through ``sklearn.inspection.partial_dependence``;
they differ in drawing (one LineCollection per panel against a Line2D per
ICE line). Every implementation runs under ``threadpool_limits(1)``.
"""

from __future__ import annotations

from sklearn.datasets import make_regression
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData

PREFIT = True
DESCRIPTION = "HistGradientBoosting prefit, 8 features; 3 PD+ICE panels and a pair"
FEATURES = [0, 1, 2, (0, 1)]
KINDS = ["both", "both", "both", "average"]
OPTIONS = {"grid_resolution": 50, "subsample": 1000, "random_state": SEED}


def build(n_rows: int) -> SplitData:
    """Seeded 8-feature regression data and a boosting model fitted on all of it."""
    X, y = make_regression(
        n_samples=n_rows, n_features=8, n_informative=5, noise=10, random_state=SEED
    )
    model = HistGradientBoostingRegressor(max_iter=50, random_state=SEED)
    with threadpool_limits(1):
        model.fit(X, y)
    return SplitData(X, y, X[:0], y[:0], model)


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.inspection import PartialDependence

    viz = PartialDependence(
        data.model, features=FEATURES, kind=KINDS, is_fitted=True, **OPTIONS
    )
    with threadpool_limits(1):
        viz.fit(data.X_train)
    viz.show(outpath=path)


def run_sklearn(data: SplitData, path: str) -> None:
    import matplotlib.pyplot as plt
    from sklearn.inspection import PartialDependenceDisplay

    with threadpool_limits(1):
        display = PartialDependenceDisplay.from_estimator(
            data.model, data.X_train, FEATURES, kind=KINDS, **OPTIONS
        )
    display.figure_.savefig(path)
    plt.close(display.figure_)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "display": run_sklearn,
}
