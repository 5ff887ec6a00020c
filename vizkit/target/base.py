"""Base class of the visualizers that look at the target alone."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from vizkit.base import Visualizer
from vizkit.utils.docs import common_params

__all__ = ["TargetVisualizer"]


def _ndim(data: Any) -> int:
    shape = getattr(data, "shape", None)
    return len(shape) if shape is not None else np.ndim(data)


def split_fit_args(y_train: Any, y_test: Any = None) -> tuple[Any, Any]:
    """Targets from ``fit``'s arguments, also when called as ``fit(X, y)``.

    A Pipeline or GridSearchCV calls ``fit(X, y)`` with a 1-D ``y``: when the
    first argument is 2-D with several columns, or is a column with as many
    rows as a 1-D second argument, it is X and the second is the target
    (balance mode). Otherwise, column vectors included, the arguments are
    ``(y_train, y_test)``.
    """
    if y_test is None or _ndim(y_train) != 2 or _ndim(y_test) != 1:
        return y_train, y_test
    rows, columns = np.shape(y_train)[:2]
    if columns > 1 or rows == len(y_test):
        return y_test, None
    return y_train, y_test


@common_params
class TargetVisualizer(Visualizer):
    """A visualizer of the target variable, fitted with ``fit(y)``.

    Target visualizers take the target where other estimators take X, as
    scikit-learn's ``LabelEncoder`` does. Inside a Pipeline or GridSearchCV,
    which call ``fit(X, y)``, a 2-D first argument is recognised as X and the
    target is taken from the second argument.

    Parameters
    ----------
    {common: ax, fig, title, size}
    color : color, default=None
        A single colour for visualizers that draw one series.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # The X of fit(X, y) is never read: any X, sparse, with NaN or text, is fine.
        tags.input_tags = dataclasses.replace(
            tags.input_tags, sparse=True, allow_nan=True, string=True
        )
        return tags

    def fit(self, y_train, y_test=None):
        """Compute the results to draw from the target; subclasses override."""
        raise NotImplementedError(f"{type(self).__name__} must implement fit(y).")
