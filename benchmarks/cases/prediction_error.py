"""Measured against predicted target on the test rows, with identity and best fit.

Prefit: a Ridge model is fitted once on the training rows outside the timer;
each implementation predicts the test rows, scatters every point (no
subsampling), draws the identity line (and the best-fit line where the
library has one), makes both axes share one range and saves. The floor also
writes the title, axis labels and the error metrics vizkit shows.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.metrics import (
    PredictionErrorDisplay,
    mean_absolute_error,
    mean_squared_error,
    r2_score,
)

from benchmarks.cases._common import SEED, SplitData, new_axes, split, yellowbrick_style
from vizkit.datasets import make_regression_data

PREFIT = True
DESCRIPTION = "Ridge prefit on 75% of the rows; every test point, identity, best fit"


def build(n_rows: int) -> SplitData:
    """Seeded regression data, split 75/25, with Ridge fitted on the train rows."""
    X, y = make_regression_data(n_rows, random_state=SEED)
    return split(X, y, Ridge())


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.regressor.prediction_error import PredictionError

    viz = PredictionError(data.model, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


def run_display(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    PredictionErrorDisplay.from_estimator(
        data.model, data.X_test, data.y_test, kind="actual_vs_predicted",
        subsample=None, ax=ax,
    )  # fmt: skip
    fig.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    y, predicted = data.y_test, data.model.predict(data.X_test)
    r2 = r2_score(y, predicted)
    ax.scatter(y, predicted, alpha=0.75, label=f"$R^2 = {r2:0.3f}$")
    slope, intercept = np.polyfit(y, predicted, 1)
    ax.axline((0, intercept), slope=slope, ls="--", label="best fit")
    ax.axline((0, 0), slope=1, ls=":", label="identity")
    low, high = min(y.min(), predicted.min()), max(y.max(), predicted.max())
    ax.set(xlim=(low, high), ylim=(low, high), aspect="equal")
    ax.set(title="Prediction Error", xlabel="Measured $y$")
    ax.set_ylabel(r"Predicted $\hat{y}$")
    ax.legend(loc="upper left")
    # The error metrics vizkit writes in a box (its picture has them too).
    mse = mean_squared_error(y, predicted)
    errors = f"MSE {mse:.4g}\nRMSE {np.sqrt(mse):.4g}"
    errors += f"\nMAE {mean_absolute_error(y, predicted):.4g}"
    ax.text(0.98, 0.02, errors, transform=ax.transAxes, ha="right", va="bottom",
            family="monospace", bbox={"facecolor": "white"})  # fmt: skip
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.regressor import PredictionError

    viz = PredictionError(data.model, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "display": run_display,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
