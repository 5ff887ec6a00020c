"""Ask a model for its scores through the first response method it has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from vizkit.exceptions import ModelError

SCORE_METHODS = ("predict_proba", "decision_function")


def response_method(estimator: Any, methods: Sequence[str] = SCORE_METHODS) -> str:
    """The first of ``methods`` that ``estimator`` has.

    ``hasattr`` respects scikit-learn's ``available_if``
    (``SVC(probability=False)`` has no ``predict_proba``), so no method is
    called just to find out.
    """
    for method in methods:
        if hasattr(estimator, method):
            return method
    listed = " or ".join(methods)
    raise ModelError(
        f"{type(estimator).__name__} has no {listed} method; use a model that "
        "provides one (e.g. SVC(probability=True)) or pass the scores with "
        "from_predictions."
    )


def get_response(
    estimator: Any, X: Any, methods: Sequence[str] = SCORE_METHODS
) -> tuple[np.ndarray, str]:
    """Call the first of ``methods`` that ``estimator`` has on ``X``.

    Returns the response and the name of the method used.
    """
    method = response_method(estimator, methods)
    return np.asarray(getattr(estimator, method)(X)), method
