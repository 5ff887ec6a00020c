"""Measured against predicted target, with the identity and best-fit lines."""

from __future__ import annotations

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import scatter_classes
from vizkit.registry import SCORE, declare
from vizkit.regressor.base import (
    CORNERS,
    RegressionScoreVisualizer,
    check_regression_predictions,
    draw_metrics_box,
    metrics_table,
    place_in_corners,
    regression_metrics,
)
from vizkit.style import LINE_COLOR, class_colors
from vizkit.utils.docs import common_params

__all__ = ["PredictionError", "prediction_error"]

#: Room left around the points, as a fraction of their range (matplotlib's margin).
MARGIN = 0.05


# -- computations (arrays in, arrays out) -----------------------------------------


def best_fit(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of the least-squares line of ``y_pred`` on ``y_true``.

    The line drawn through the points (measured target on x, prediction on
    y), as ``np.polyfit(y_true, y_pred, 1)``. When every ``y_true`` is the
    same no line fits: both are NaN.
    """
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    centred = y_true - y_true.mean()
    spread = float(centred @ centred)
    if spread == 0:
        return float("nan"), float("nan")
    slope = float(centred @ (y_pred - y_pred.mean())) / spread
    return slope, float(y_pred.mean() - slope * y_true.mean())


def view_limits(
    y_true: np.ndarray, y_pred: np.ndarray, shared: bool, margin: float = MARGIN
) -> tuple[tuple[float, float], tuple[float, float]]:
    """x (measured) and y (predicted) limits around the points, with a margin.

    With ``shared`` both axes get the range covering both, so the identity
    line is the diagonal of a square plot.
    """
    x_range = (float(np.min(y_true)), float(np.max(y_true)))
    y_range = (float(np.min(y_pred)), float(np.max(y_pred)))
    if shared:
        x_range = y_range = (min(x_range[0], y_range[0]), max(x_range[1], y_range[1]))
    return _widen(x_range, margin), _widen(y_range, margin)


def _widen(limits: tuple[float, float], margin: float) -> tuple[float, float]:
    low, high = limits
    pad = (high - low) * margin or max(abs(low), 1.0) * margin  # one value: a band
    return low - pad, high + pad


# -- the visualizer ------------------------------------------------------------------


@common_params
class PredictionError(RegressionScoreVisualizer):
    """Measured target against the model's predictions, with the identity line.

    Points on the dashed identity line ``y = x`` are predicted exactly; the
    best-fit line through the points shows how the predictions drift from
    it (a slope below 1: large targets under-predicted, small ones
    over-predicted). The legend gives R^2, a box the other error metrics.

    Parameters
    ----------
    estimator : scikit-learn regressor
        The model to visualize. ``fit`` checks that it is a regressor (unless
        ``force_model``) and fits it in place when it is not fitted yet (see
        ``is_fitted``).
    {common: ax}
    shared_limits : bool, default=True
        Give both axes the same range and make the plot square, so the
        identity line is its diagonal. False fits each axis to its own
        values.
    bestfit : bool, default=True
        Draw the least-squares line of the predictions on the measured
        values.
    identity : bool, default=True
        Draw the identity line ``y = x``, where predictions equal the truth.
    alpha : float, default=0.75
        Opacity of the points (0 transparent, 1 opaque).
    {common: is_fitted, fig}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a regressor.
    title : str, default=None
        The title of the plot; None gives "Prediction Error for <model>".
    {common: size}
    point_color : color, default=None
        Colour of the points; None takes the first colour of the current
        colour cycle.
    line_color : color, default=LINE_COLOR
        Colour of the best-fit and identity lines.
    color : any, default=None
        Accepted as Yellowbrick did; ignored with a warning (use
        ``point_color``).

    Attributes
    ----------
    y_true_ : ndarray of shape (n_samples,)
        The measured target passed to ``score``, drawn along x.
    y_pred_ : ndarray of shape (n_samples,)
        The model's predictions for it, drawn along y.
    score_ : float
        R^2 of the predictions (``sklearn.metrics.r2_score``).
    metrics_ : dict of str to float
        R^2, MSE, RMSE, MAE and (when no target or prediction is negative)
        MSLE, keyed "r2", "mse", "rmse", "mae", "msle".
    bestfit_slope_, bestfit_intercept_ : float
        The least-squares line ``y_pred = slope * y_true + intercept`` (NaN
        when every measured value is the same).
    scatter_ : matplotlib artist
        The points: a ``PathCollection``, or above
        ``vizkit.draw.DENSITY_THRESHOLD`` points a binned density image.
    identity_line_, bestfit_line_ : matplotlib Line2D or None
        The drawn lines (None when not drawn).

    Examples
    --------
    >>> from sklearn.linear_model import Lasso
    >>> from vizkit.regressor import PredictionError
    >>> viz = PredictionError(Lasso())
    >>> viz.fit(X_train, y_train)  # doctest: +SKIP
    >>> viz.score(X_test, y_test)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "shared_limits": P.boolean(draw=True),
        "bestfit": P.boolean(draw=True),
        "identity": P.boolean(draw=True),
        "alpha": P.number(0, 1, draw=True),
        "point_color": P.color(),
        "line_color": P.color(),
        "color": P.ignored("use point_color= instead."),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        shared_limits=True,
        bestfit=True,
        identity=True,
        alpha=0.75,
        is_fitted="auto",
        fig=None,
        force_model=False,
        title=None,
        size=None,
        point_color=None,
        line_color=LINE_COLOR,
        color=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.shared_limits = shared_limits
        self.bestfit = bestfit
        self.identity = identity
        self.alpha = alpha
        self.is_fitted = is_fitted
        self.fig = fig
        self.force_model = force_model
        self.title = title
        self.size = size
        self.point_color = point_color
        self.line_color = line_color
        self.color = color

    # -- compute -----------------------------------------------------------------

    def _store(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        """Compute everything drawn from the measured and predicted target."""
        self.y_true_, self.y_pred_ = y_true, y_pred
        self.metrics_ = regression_metrics(y_true, y_pred)
        self.score_ = self.metrics_["r2"]
        self.bestfit_slope_, self.bestfit_intercept_ = best_fit(y_true, y_pred)
        return self.score_

    def score(self, X, y):
        """Predict ``X`` and compare the predictions with ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test features.
        y : array-like of shape (n_samples,)
            Test target.

        Returns
        -------
        score : float
            R^2 of the model on ``(X, y)``.
        """
        return self._store(*self._predict(X, y))

    def _score_predictions(self, y_true, y_pred) -> None:
        self._store(*check_regression_predictions(y_true, y_pred))

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the points, the lines and the metrics box, and set the limits."""
        ax = self.ax_
        codes = np.zeros(len(self.y_true_), dtype=np.intp)
        self.scatter_ = scatter_classes(
            ax, self.y_true_, self.y_pred_, codes, [self._color()], alpha=self.alpha
        )
        self.bestfit_line_ = self.identity_line_ = None
        if self.bestfit and np.isfinite(self.bestfit_slope_):
            self.bestfit_line_ = ax.axline(
                (0, self.bestfit_intercept_), slope=self.bestfit_slope_, ls="--",
                lw=2, color=self.line_color, label="best fit",
            )  # fmt: skip
        if self.identity:
            self.identity_line_ = ax.axline(
                (0, 0), slope=1, ls=":", lw=2, color=self.line_color, alpha=0.6,
                label="identity",
            )  # fmt: skip
        xlim, ylim = view_limits(self.y_true_, self.y_pred_, self.shared_limits)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_aspect("equal" if self.shared_limits else "auto", adjustable="box")
        table = metrics_table({"": self.metrics_})
        self.metrics_text_ = draw_metrics_box(ax, table)

    def _color(self):
        return self.point_color or class_colors(1)[0]

    def _legend_handles(self) -> list:
        """A marker for the points (also when binned into an image), then the lines."""
        from matplotlib.lines import Line2D

        points = Line2D(
            [], [], ls="", marker="o", color=self._color(), alpha=self.alpha,
            label=f"$R^2 = {self.score_:0.3f}$",
        )  # fmt: skip
        lines = [self.bestfit_line_, self.identity_line_]
        return [points] + [line for line in lines if line is not None]

    def finalize(self):
        """Add the title, axis labels and legend, place the boxes. Returns ``ax_``."""
        name = "" if self.estimator is None else f" for {self.name}"
        self.set_title(f"Prediction Error{name}")
        self.ax_.set_xlabel("Measured $y$")
        self.ax_.set_ylabel(r"Predicted $\hat{y}$")
        self.legend_ = self.ax_.legend(
            handles=self._legend_handles(), frameon=True, loc=CORNERS[0]
        )
        boxes = [self.legend_, self.metrics_text_]
        place_in_corners(self.ax_, boxes, self.y_true_, self.y_pred_)
        return self.ax_


prediction_error = declare(
    PredictionError, kind=SCORE, quick="prediction_error", example=examples.regression
)
