"""The model at the end of a Pipeline, and the names of the features it sees."""

from __future__ import annotations

from typing import Any

import numpy as np


def final_step(estimator: Any) -> Any:
    """The model of a Pipeline (its last step), or the estimator itself."""
    return estimator.steps[-1][1] if hasattr(estimator, "steps") else estimator


def pipeline_names(estimator: Any) -> np.ndarray | None:
    """The names of the features a Pipeline's model sees, or None.

    ``pipeline[:-1].get_feature_names_out()``, e.g. the one-hot columns of a
    ColumnTransformer; None when the steps before the model cannot name them.
    """
    if not hasattr(estimator, "steps") or len(estimator.steps) < 2:
        return None
    try:
        return np.asarray(estimator[:-1].get_feature_names_out())
    except (AttributeError, TypeError, ValueError):
        return None
