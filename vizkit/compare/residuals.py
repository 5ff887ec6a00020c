"""Residuals of several regressors on one plot, one colour per model."""

from __future__ import annotations

import dataclasses

import numpy as np
from sklearn.metrics import r2_score

from vizkit import examples
from vizkit import params as P
from vizkit.compare._base import ComparisonVisualizer
from vizkit.compare._docs import compare_params
from vizkit.exceptions import VizkitValueError
from vizkit.registry import COMPARE, declare
from vizkit.regressor.residuals import residuals
from vizkit.style import LINE_COLOR
from vizkit.utils.docs import common_params


def predictions_and_residuals(
    y_true: np.ndarray, y_pred, name: str
) -> tuple[np.ndarray, np.ndarray]:
    """A model's predictions as a finite float array, and ``y_true - y_pred``."""
    predicted = np.asarray(y_pred, dtype=np.float64).reshape(len(y_true), -1)
    if predicted.shape[1] != 1 or not np.all(np.isfinite(predicted)):
        raise VizkitValueError(
            f"model {name!r} predicted {predicted.shape[1]} columns or non-finite "
            "values; ResidualsComparison needs one finite prediction per row."
        )
    return predicted.ravel(), residuals(y_true, predicted.ravel())


@common_params
@compare_params
class ResidualsComparison(ComparisonVisualizer):
    """Residuals against predictions of several regressors on one plot.

    Each model's residuals (observed minus predicted target, ``y -
    model.predict(X)``, one ``predict`` call per test set) are drawn against
    its predictions, one colour per model, around the zero line. A good
    model's points form a flat band around zero; a funnel shows errors that
    grow with the prediction, a curve a missed non-linearity. The legend
    gives each model's R².

    Parameters
    ----------
    {compare: estimators, names}
    {common: ax}
    alpha : float, default=0.5
        The opacity of the points, so overlapping models stay visible.
    {compare: is_fitted, colors}
    {common: fig, title, size}

    Attributes
    ----------
    names_ : ndarray of str
        The models' names, in order.
    predictions_, residuals_ : dict of ndarray
        Each model's predictions and residuals (``y - predict(X)``), by name.
    scores_ : ndarray of shape (n_models,)
        Each model's R² (``r2_score``), in the order of ``names_``.
    score_ : float
        The best R².
    collections_ : dict of matplotlib PathCollection
        The drawn points, by name.
    """

    _TASK = "regressor"
    _RESULTS = ("predictions_", "residuals_")

    _params = {
        "alpha": dataclasses.replace(P.number(0, 1, draw=True), example=0.9),
    }

    def __init__(
        self,
        estimators=None,
        names=None,
        ax=None,
        alpha=0.5,
        is_fitted="auto",
        colors=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimators = estimators
        self.names = names
        self.ax = ax
        self.alpha = alpha
        self.is_fitted = is_fitted
        self.colors = colors
        self.fig = fig
        self.title = title
        self.size = size

    def _compute(self, name: str, model, y_true: np.ndarray, response) -> float:
        try:
            y_float = np.asarray(y_true, dtype=np.float64)
        except (TypeError, ValueError):
            raise VizkitValueError(
                "y holds values that are not numbers; ResidualsComparison needs a "
                "numeric target."
            ) from None
        predicted, self.residuals_[name] = predictions_and_residuals(
            y_float, response, name
        )
        self.predictions_[name] = predicted
        return float(r2_score(y_float, predicted))

    def draw(self) -> None:
        """One scatter per model (one PathCollection each), and the zero line."""
        colors = self._model_colors()
        self.collections_ = {}
        for name, score in zip(self.names_, self.scores_):
            self.collections_[name] = self.ax_.scatter(
                self.predictions_[name], self.residuals_[name], s=14,
                color=colors[name], alpha=self.alpha, edgecolors="none",
                label=f"{name} (R² = {score:0.3f})",
            )  # fmt: skip
        self.ax_.axhline(0, linestyle="--", color=LINE_COLOR, linewidth=1)

    def finalize(self):
        """Title, legend and axis labels."""
        self.set_title("Residuals")
        self.ax_.legend(loc="best", frameon=True)
        self.ax_.set_xlabel("Predicted value")
        self.ax_.set_ylabel("Residual (observed - predicted)")
        return self.ax_


residuals_comparison = declare(
    ResidualsComparison,
    kind=COMPARE,
    quick="residuals_comparison",
    example=examples.regression_comparison,
)
