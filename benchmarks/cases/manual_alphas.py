"""Manual alpha selection of a Ridge: 20 alphas x 5 folds = 100 fits.

Not prefit: the fits are the work. Each implementation cross-validates a
Ridge at 20 alphas (1e-2 to 1e4, log-spaced) on the same 5 shuffled folds,
scoring the negated mean squared error, then draws the mean score against
alpha with the best alpha marked, and saves the PNG. vizkit runs its fits
with ``n_jobs=2``; the "n_jobs=1" peer is the same call with ``n_jobs=1``.
Every implementation runs under ``threadpool_limits(1)`` (loky's workers
limit themselves the same way), so the ratio measures process parallelism,
not BLAS threads.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold
from threadpoolctl import threadpool_limits

from benchmarks.cases._common import SEED, SplitData, new_axes, yellowbrick_style
from vizkit.datasets import make_regression_data

PREFIT = False
DESCRIPTION = "Ridge, 20 alphas x 5 folds, neg_mean_squared_error"
ALPHAS = np.logspace(-2, 4, 20)
SCORING = "neg_mean_squared_error"


def build(n_rows: int) -> SplitData:
    """Seeded regression data; every implementation splits it itself."""
    data = make_regression_data(n_rows, n_features=20, random_state=SEED)
    return SplitData(data.X, data.y, data.X[:0], data.y[:0])


def _folds() -> KFold:
    return KFold(5, shuffle=True, random_state=SEED)


def _vizkit(data: SplitData, path: str, n_jobs: int) -> None:
    from vizkit.regressor.alphas import ManualAlphaSelection

    viz = ManualAlphaSelection(
        Ridge(), alphas=ALPHAS, cv=_folds(), scoring=SCORING, n_jobs=n_jobs
    )
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


def run_vizkit(data: SplitData, path: str) -> None:
    _vizkit(data, path, n_jobs=2)


def run_serial(data: SplitData, path: str) -> None:
    _vizkit(data, path, n_jobs=1)


def run_floor(data: SplitData, path: str) -> None:
    X, y = data.X_train, data.y_train
    splits = list(_folds().split(X))
    with threadpool_limits(1):
        scores = np.array([
            [
                -mean_squared_error(
                    y[test], Ridge(alpha=alpha).fit(X[train], y[train]).predict(X[test])
                )
                for train, test in splits
            ]
            for alpha in ALPHAS
        ])  # fmt: skip
    mean = scores.mean(axis=1)
    fig, ax = new_axes()
    ax.plot(ALPHAS, mean, label="mean score")
    ax.axvline(ALPHAS[np.argmax(mean)], ls="--", color="k", label="best alpha")
    ax.set(xscale="log", xlabel="alpha", ylabel=SCORING, title="Ridge Alpha Selection")
    ax.legend()
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.regressor import ManualAlphaSelection

    viz = ManualAlphaSelection(Ridge(), alphas=ALPHAS, cv=_folds(), scoring=SCORING)
    with threadpool_limits(1):
        viz.fit(data.X_train, data.y_train)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "serial": run_serial,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
