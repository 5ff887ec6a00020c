"""Recursive feature elimination on one cross-validation fold (see :mod:`.rfecv`).

Pure pieces (arrays in, arrays out) and the job that runs one fold's whole
elimination: fit, score the test rows, drop the weakest features, repeat,
in the order of scikit-learn's ``RFE``, so the scores equal its ``RFECV``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.utils import _safe_indexing

from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.model_selection._cv import (
    FoldData,
    FoldJob,
    fold_rows,
    naming_the_fold,
    scorer_value,
)

IMPORTANCE_HELP = (
    "pass importance_getter= (an attribute path such as 'named_steps.clf.coef_', "
    "or a callable model -> importances), or rank the features by permutation "
    "with vizkit.model_selection.PermutationImportance"
)


# -- computations (arrays in, arrays out) -------------------------------------------


def step_size(step: float, n_features: int) -> int:
    """Features dropped per round: ``step`` itself, or a fraction of ``n_features``.

    A fraction in (0, 1) of the features, rounded down, at least one
    (scikit-learn's rule).
    """
    if 0.0 < step < 1.0:
        return int(max(1, step * n_features))
    return int(step)


def feature_counts(n_features: int, step: int, n_keep: int) -> np.ndarray:
    """The numbers of features one elimination scores, from all down to ``n_keep``.

    Each round drops ``step`` features, the last one fewer if that would go
    below ``n_keep``.
    """
    counts = [n_features]
    while counts[-1] > n_keep:
        counts.append(max(counts[-1] - step, n_keep))
    return np.array(counts)


def feature_importances(model, importance_getter, n_features: int) -> np.ndarray:
    """The fitted ``model``'s weight of each feature, squared as in scikit-learn.

    ``"auto"`` reads ``coef_``, else ``feature_importances_``; a string is an
    attribute path, a callable is called with the model. A 2-D ``coef_``
    (one row per class) gives the sum of its squares over the classes.
    """
    try:
        raw = _raw_importances(model, importance_getter)
    except AttributeError:
        raise ModelError(_no_importances(model, importance_getter)) from None
    raw = raw.toarray() if hasattr(raw, "toarray") else np.asarray(raw)
    squared = np.square(raw) if raw.ndim == 1 else np.square(raw).sum(axis=0)
    if squared.shape != (n_features,):
        raise VizkitValueError(
            f"importance_getter gave importances of shape {raw.shape} for a model "
            f"fitted on {n_features} features; pass a getter that returns one "
            "weight per feature (or one row per class)."
        )
    return squared


def _raw_importances(model, importance_getter) -> Any:
    if callable(importance_getter):
        return importance_getter(model)
    if importance_getter != "auto":
        return attrgetter(importance_getter)(model)
    if hasattr(model, "coef_"):
        return model.coef_
    return model.feature_importances_


def _no_importances(model, importance_getter) -> str:
    name = type(model).__name__
    if importance_getter == "auto":
        what = f"{name} has neither coef_ nor feature_importances_ after fit"
    else:
        what = f"{name} has no attribute {importance_getter!r} after fit"
    return (
        f"RFECV ranks features by the model's weights, but {what}; {IMPORTANCE_HELP}."
    )


def weakest_dropped(
    features: np.ndarray, importances: np.ndarray, n_drop: int
) -> np.ndarray:
    """``features`` without the ``n_drop`` of least importance, order kept.

    Ties go to the feature that comes first (a stable sort, as scikit-learn).
    """
    keep = np.ones(len(features), dtype=bool)
    keep[np.argsort(importances, kind="stable")[:n_drop]] = False
    return features[keep]


@dataclass(frozen=True)
class Elimination:
    """How one elimination runs: features dropped per round, and where it stops."""

    step: int
    n_keep: int
    importance_getter: Any


def eliminate_fold(
    model, data: FoldData, job: FoldJob, plan: Elimination
) -> np.ndarray:
    """One fold's elimination: the test score at each number of features.

    Clones of ``model`` are fitted on the fold's training rows, on fewer and
    fewer features; each is scored on the test rows before its weakest
    features are dropped. Scores come from the largest number of features
    down. A module-level function, so process-based joblib backends can
    pickle it; an error names the fold.
    """
    X_train, y_train, X_test, y_test, fit_params = fold_rows(data, job)
    features = np.arange(_n_columns(X_train))
    scores = []
    with naming_the_fold(model, data, job):
        while True:
            fitted = clone(model).fit(
                _columns(X_train, features), y_train, **fit_params
            )
            test_rows = _columns(X_test, features)
            scores.append(scorer_value(data.scorer, fitted, test_rows, y_test))
            if len(features) <= plan.n_keep:
                return np.array(scores)
            weights = feature_importances(fitted, plan.importance_getter, len(features))
            n_drop = min(plan.step, len(features) - plan.n_keep)
            features = weakest_dropped(features, weights, n_drop)


def _columns(X, features: np.ndarray):
    return _safe_indexing(X, features, axis=1)


def _n_columns(X) -> int:
    return int(X.shape[1]) if hasattr(X, "shape") else len(X[0])


def cv_results(fold_scores: np.ndarray, counts: np.ndarray) -> dict[str, np.ndarray]:
    """scikit-learn's ``RFECV.cv_results_``: by number of features, ascending.

    ``fold_scores`` has shape ``(n_folds, n_counts)``, ``counts`` descending
    (the elimination's order).
    """
    ascending = fold_scores[:, ::-1]
    return {
        "mean_test_score": np.mean(ascending, axis=0),
        "std_test_score": np.std(ascending, axis=0),
        **{f"split{k}_test_score": row for k, row in enumerate(ascending)},
        "n_features": counts[::-1],
    }


def best_count(fold_scores: np.ndarray, counts: np.ndarray) -> int:
    """The number of features with the highest total score; the fewest on ties."""
    totals = np.sum(fold_scores, axis=0)[::-1]
    return int(counts[::-1][np.argmax(totals)])
