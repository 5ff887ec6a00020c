"""Residuals against predictions, train and test points, with a histogram.

Prefit: a Ridge model is fitted once on the training rows outside the timer;
each implementation predicts train and test rows, scatters every residual
(no subsampling), adds the residual histograms on a side Axes and saves.
"""

from __future__ import annotations

from mpl_toolkits.axes_grid1 import make_axes_locatable
from sklearn.linear_model import Ridge
from sklearn.metrics import PredictionErrorDisplay

from benchmarks.cases._common import SEED, SplitData, new_axes, split, yellowbrick_style
from vizkit.datasets import make_regression_data

PREFIT = True
DESCRIPTION = "Ridge prefit on 75% of the rows; all train and test points, hist=True"


def build(n_rows: int) -> SplitData:
    """Seeded regression data, split 75/25, with Ridge fitted on the train rows."""
    X, y = make_regression_data(n_rows, random_state=SEED)
    return split(X, y, Ridge())


def _histograms(ax, residuals) -> None:
    hax = make_axes_locatable(ax).append_axes("right", size=1, pad=0.1, sharey=ax)
    for values in residuals:
        hax.hist(values, bins=50, orientation="horizontal")


def run_vizkit(data: SplitData, path: str) -> None:
    from vizkit.regressor.residuals import ResidualsPlot

    viz = ResidualsPlot(data.model, hist=True, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


def run_display(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    displays = [
        PredictionErrorDisplay.from_estimator(
            data.model,
            X,
            y,
            kind="residual_vs_predicted",
            subsample=None,
            ax=ax,
            scatter_kwargs={"label": label},
        )
        for X, y, label in (
            (data.X_train, data.y_train, "train"),
            (data.X_test, data.y_test, "test"),
        )
    ]
    _histograms(ax, [d.y_true - d.y_pred for d in displays])
    ax.legend()
    fig.savefig(path)


def run_floor(data: SplitData, path: str) -> None:
    fig, ax = new_axes()
    residuals = []
    for X, y in ((data.X_train, data.y_train), (data.X_test, data.y_test)):
        predicted = data.model.predict(X)
        residuals.append(y - predicted)
        ax.scatter(predicted, residuals[-1], alpha=0.75)
    ax.axhline(0, color="k")
    _histograms(ax, residuals)
    fig.savefig(path)


def run_yellowbrick(data: SplitData, path: str) -> None:
    yellowbrick_style()
    from yellowbrick.regressor import ResidualsPlot

    viz = ResidualsPlot(data.model, hist=True, is_fitted=True)
    viz.fit(data.X_train, data.y_train)
    viz.score(data.X_test, data.y_test)
    viz.show(outpath=path)


IMPLEMENTATIONS = {
    "vizkit": run_vizkit,
    "display": run_display,
    "floor": run_floor,
    "yellowbrick": run_yellowbrick,
}
