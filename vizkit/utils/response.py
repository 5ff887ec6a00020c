"""Which response method of a model gives its scores."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
        f"estimator {type(estimator).__name__} has no {listed} method, which is "
        "needed to rank samples; use a model that provides one (e.g. "
        "SVC(probability=True)), or pass the scores with from_predictions."
    )
