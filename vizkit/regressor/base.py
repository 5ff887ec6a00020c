"""Base class of the visualizers that score a regression model."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import is_regressor
from sklearn.metrics import r2_score

from vizkit import params as P
from vizkit.base import ScoreVisualizer
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_finite, check_no_overflow

__all__ = ["RegressionScoreVisualizer"]

#: The fix for a target whose squares overflow (R^2 sums them).
RESCALE_TARGET = "divide the target by a power of ten first (R^2 does not change)."
#: The fix for predictions that are NaN, infinite or too large to square.
PREDICTIONS_FIX = (
    "the model could not fit or predict this data; check X for extreme values "
    "(such as 1e300 or 1e-310) and rescale it, e.g. with "
    "sklearn.preprocessing.StandardScaler."
)


def as_float_target(y: Any, name: str) -> np.ndarray:
    """Return a 1-D target as floats, or say why it cannot be a regression target."""
    try:
        return np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"{name} must hold numbers for a regression visualizer, got dtype "
            f"{np.asarray(y).dtype}; encode the target or use a classifier "
            "visualizer."
        ) from None


def as_predictions(y_pred: Any, n_samples: int, name: str = "y_pred") -> np.ndarray:
    """Return single-output predictions as a 1-D float array of ``n_samples``."""
    values = as_float_target(y_pred, name)
    if values.ndim == 2 and values.shape[1] == 1:
        values = values.ravel()
    if values.ndim != 1:
        raise VizkitValueError(
            f"{name} has shape {values.shape}; regression visualizers need one "
            "prediction per sample (a single-output model)."
        )
    if values.shape[0] != n_samples:
        raise VizkitValueError(
            f"{name} has {values.shape[0]} values but the target has {n_samples}; "
            "pass one prediction per sample."
        )
    return values


@common_params
class RegressionScoreVisualizer(ScoreVisualizer):
    """A visualizer that wraps a regressor and scores it on test data.

    ``fit`` fits the regressor when needed; ``score`` predicts the test data
    and stores the coefficient of determination in ``score_``.

    Parameters
    ----------
    estimator : scikit-learn regressor
        The model to visualize. ``fit`` checks that it is a regressor (with
        ``sklearn.base.is_regressor``) unless ``force_model`` is True, and fits
        it in place when it is not fitted yet (see ``is_fitted``).
    {common: ax, fig, is_fitted}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a regressor.
    {common: title, size}

    Attributes
    ----------
    score_ : float
        The R^2 score of the model on the data passed to ``score``.
    """

    _params = {"force_model": P.boolean()}

    def __init__(
        self,
        estimator,
        ax=None,
        fig=None,
        is_fitted="auto",
        force_model=False,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.fig = fig
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.title = title
        self.size = size

    def _check_regressor(self) -> None:
        """Raise ModelError when ``estimator`` is not a regressor."""
        if self.force_model or is_regressor(self.estimator):
            return
        raise ModelError(
            f"estimator {type(self.estimator).__name__} is not a regressor; pass a "
            "regressor (e.g. sklearn.linear_model.Ridge()), use a classifier or "
            "cluster visualizer for other models, or set force_model=True to skip "
            "this check."
        )

    def fit(self, X, y, **kwargs):
        """Fit the wrapped regressor on ``(X, y)`` if it needs fitting.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training features.
        y : array-like of shape (n_samples,)
            Training target.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._check_regressor()
        self._check_regression_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        return self

    def _check_regression_data(self, X, y) -> np.ndarray:
        """The target as floats, after the checks of ``_check_fit_data``."""
        self._require_target(y, "the true target")
        y_true = as_float_target(self._check_fit_data(X, y), "y")
        return check_no_overflow(y_true, "y", RESCALE_TARGET)

    def _predict(self, X, y, method: str = "score") -> tuple[np.ndarray, np.ndarray]:
        """Validate ``(X, y)``, predict ``X`` once; return ``(y, y_pred)``."""
        self._check_regressor()
        self._check_estimator_fitted(method)
        y_true = self._check_regression_data(X, y)
        return y_true, self._predictions(X, len(y_true))

    def _predictions(self, X, n_samples: int) -> np.ndarray:
        """The model's predictions for ``X`` (given as the user passed it)."""
        predicted = self._call_model("predict", X)
        values = as_predictions(predicted, n_samples, "predict(X)")
        check_finite(values, "predict(X)", PREDICTIONS_FIX)
        return check_no_overflow(values, "predict(X)", PREDICTIONS_FIX)

    def score(self, X, y):
        """Predict ``X`` and store the R^2 score against ``y`` in ``score_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test features.
        y : array-like of shape (n_samples,)
            Test target.

        Returns
        -------
        score_ : float
        """
        y_true, y_pred = self._predict(X, y)
        self.score_ = float(r2_score(y_true, y_pred))
        return self.score_
