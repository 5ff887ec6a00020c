"""What the grid-search visualizers share: reading a search's ``cv_results_``.

A search (``GridSearchCV``, ``RandomizedSearchCV``, or anything with a
``cv_results_`` dict) records one row per candidate: its parameter values
(``params``, and ``param_<name>`` columns, masked where a parameter does not
apply to the candidate) and its scores (``mean_test_score``...). The
functions here turn those columns into plain lists and arrays: parameter
values in a stable order (numbers, then booleans, strings, None and other
objects), integer codes per candidate, and the best score per pair of
values (Yellowbrick's ``param_projection``).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from vizkit.base import ModelVisualizer
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError
from vizkit.utils.docs import common_params

#: Longest parameter value label drawn; longer ones are cut with "...".
MAX_LABEL = 24


class _Missing:
    """A parameter that does not apply to a candidate (a masked ``param_`` cell)."""

    def __repr__(self) -> str:
        return "n/a"

    def __reduce__(self) -> str:
        return "MISSING"  # pickles as the module's one instance


#: The value of a parameter for a candidate it does not apply to.
MISSING = _Missing()


# -- reading cv_results_ (dicts and lists in, lists and arrays out) ----------------


def is_search(estimator: Any) -> bool:
    """True for a scikit-learn search, or any object holding ``cv_results_``."""
    from sklearn.model_selection._search import BaseSearchCV

    return isinstance(estimator, BaseSearchCV) or hasattr(estimator, "cv_results_")


def searched_params(cv_results: dict) -> list[str]:
    """The parameter names of the search, in the order of its ``param_`` columns."""
    names = [key[len("param_") :] for key in cv_results if key.startswith("param_")]
    if names or "params" not in cv_results:
        return names
    return list(dict.fromkeys(k for params in cv_results["params"] for k in params))


def candidate_values(cv_results: dict, name: str) -> list[Any]:
    """The value of parameter ``name`` for every candidate, MISSING where absent.

    The values come from ``params`` (the objects the search set, with their
    own types), else from the masked ``param_<name>`` column.
    """
    if "params" in cv_results:
        return [params.get(name, MISSING) for params in cv_results["params"]]
    column = cv_results[f"param_{name}"]
    masked = np.ma.getmaskarray(column)
    data = np.ma.getdata(column)
    return [MISSING if hidden else value for value, hidden in zip(data, masked)]


def value_key(value: Any) -> tuple[int, Any]:
    """A sort and grouping key: numbers, booleans, strings, None, other objects."""
    if isinstance(value, bool | np.bool_):
        return (1, int(value))
    if isinstance(value, numbers.Real):
        return (0, float(value))
    if isinstance(value, str):
        return (2, str(value))
    if value is None:
        return (3, 0)
    return (4, repr(value))


def unique_values(values: list[Any]) -> list[Any]:
    """The distinct values (MISSING left out), sorted by :func:`value_key`."""
    first: dict[tuple[int, Any], Any] = {}
    for value in values:
        if value is not MISSING:
            first.setdefault(value_key(value), value)
    return [first[key] for key in sorted(first)]


def value_codes(values: list[Any], uniques: list[Any]) -> np.ndarray:
    """Index of each value in ``uniques``; -1 for MISSING."""
    index = {value_key(value): i for i, value in enumerate(uniques)}
    return np.array(
        [-1 if v is MISSING else index[value_key(v)] for v in values], dtype=np.intp
    )


def varying_params(cv_results: dict) -> list[str]:
    """The searched parameters that take more than one value (or apply to some)."""
    varying = []
    for name in searched_params(cv_results):
        values = candidate_values(cv_results, name)
        distinct = len(unique_values(values)) + (MISSING in values)
        if distinct > 1:
            varying.append(name)
    return varying


def format_value(value: Any) -> str:
    """A short label for a parameter value (floats in ``g`` format)."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_):
        text = (
            f"{float(value):g}"
            if isinstance(value, float | np.floating)
            else str(value)
        )
    else:
        text = str(value)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 3] + "..."


def metric_values(cv_results: dict, metric: Any) -> np.ndarray:
    """The ``metric`` column as floats; a clear error naming what exists."""
    means = [k for k in cv_results if k.startswith("mean_")]
    if not isinstance(metric, str) or metric not in cv_results:
        raise VizkitValueError(
            f"metric={metric!r} is not a column of the search's cv_results_; pass "
            f"one of {means} (or another numeric column of cv_results_)."
        )
    try:
        return np.asarray(np.ma.filled(cv_results[metric], np.nan), dtype=np.float64)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"metric={metric!r} is not a numeric column of cv_results_; pass one "
            f"of {means}."
        ) from None


def best_score_grid(
    x_codes: np.ndarray, y_codes: np.ndarray, scores: np.ndarray, shape: tuple
) -> np.ndarray:
    """The highest score of each (y, x) cell, NaN where no candidate has a score.

    Candidates with a MISSING value (code -1) or a NaN score (a failed fit)
    are left out.
    """
    grid = np.full(shape, np.nan)
    keep = (x_codes >= 0) & (y_codes >= 0)
    np.fmax.at(grid, (y_codes[keep], x_codes[keep]), scores[keep])  # NaN-ignoring
    return grid


def param_projection(
    cv_results: dict, x_param: str, y_param: str, metric: str = "mean_test_score"
) -> tuple[list[Any], list[Any], np.ndarray]:
    """Yellowbrick's projection of a search onto two parameters.

    Returns the sorted values of ``x_param`` and of ``y_param`` and the best
    ``metric`` of each pair, an array of shape (n_y_values, n_x_values)
    (NaN where no candidate has that pair), the best being the highest over
    the other parameters.
    """
    searched = searched_params(cv_results)
    check_param_name(x_param, "x_param", searched)
    check_param_name(y_param, "y_param", searched)
    scores = metric_values(cv_results, metric)
    x_all = candidate_values(cv_results, x_param)
    y_all = candidate_values(cv_results, y_param)
    x_values, y_values = unique_values(x_all), unique_values(y_all)
    grid = best_score_grid(
        value_codes(x_all, x_values),
        value_codes(y_all, y_values),
        scores,
        (len(y_values), len(x_values)),
    )
    return x_values, y_values, grid


# -- checks -----------------------------------------------------------------------


def check_param_name(name: Any, argument: str, searched: list[str]) -> None:
    """Refuse a parameter the search did not search, listing those it did."""
    if name not in searched:
        raise VizkitValueError(
            f"{argument}={name!r} was not searched; the search's parameters are "
            f"{searched}."
        )


def too_few_params(visualizer: str, found: list[str], needed: str) -> VizkitValueError:
    """The error for a search with too few (varying) parameters to draw."""
    return VizkitValueError(
        f"{visualizer} needs {needed}, but the search varies {found or 'none'}. "
        "For one parameter, draw a validation curve "
        "(vizkit.model_selection.ValidationCurve); for two, GridSearchColorPlot."
    )


# -- the base visualizer ------------------------------------------------------------


@common_params
class GridSearchVisualizer(ModelVisualizer):
    """Base of the visualizers of a search's ``cv_results_`` (Yellowbrick's name).

    ``fit(X, y)`` fits the search unless it is already fitted (see
    ``is_fitted``), then reads its ``cv_results_``. The search runs its own
    fits, in parallel with its own ``n_jobs``.

    Parameters
    ----------
    estimator : GridSearchCV or RandomizedSearchCV
        The search, fitted or not (any object with ``cv_results_`` works).
    {common: ax, fig, is_fitted, title, size}
    """

    def fit(self, X, y=None, **kwargs):
        """Fit the search unless it is fitted, then read its ``cv_results_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the search's model takes it.
        y : array-like of shape (n_samples,), default=None
            The target.
        **kwargs
            Passed to the search's ``fit`` (e.g. ``groups``).

        Returns
        -------
        self
        """
        if isinstance(X, str):  # Yellowbrick's quick method took (model, x_param...)
            raise VizkitValueError(
                f"X={X!r} is a string: the quick method takes (estimator, X, y, ...) "
                "like every vizkit quick method; pass the parameter names by "
                "keyword (x_param=..., y_param=...)."
            )
        self._check_search()
        self._check_fit_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        self._compute(self.estimator.cv_results_)
        classes = getattr(self.estimator, "classes_", None)  # a refitted classifier
        if classes is not None:
            self.classes_ = classes
        return self

    def _fit_estimator(self, X, y=None, **kwargs) -> bool:
        """Fit the search unless it holds ``cv_results_`` (see ``is_fitted``).

        A search is fitted when it has results: a failed ``fit`` leaves other
        fitted-looking attributes behind, which ``check_is_fitted`` accepts.
        """
        has_results = hasattr(self.estimator, "cv_results_")
        auto = self.is_fitted == "auto"
        if self.is_fitted is False or auto and (self._fitted_here() or not has_results):
            self._call_model("fit", X, y, **kwargs)
            self._fitted_model = self.estimator
            return True
        if not has_results:
            raise NotFitted(
                f"estimator {type(self.estimator).__name__} has no cv_results_ "
                "although is_fitted=True; fit it first, or leave is_fitted='auto'."
            )
        return False

    def score(self, X, y=None):
        """The fitted search's own score on ``(X, y)`` (its best model's)."""
        self._check_estimator_fitted("score")
        return self._call_model("score", X, y)

    def _check_search(self) -> None:
        if not is_search(self.estimator):
            raise ModelError(
                f"estimator {type(self.estimator).__name__} is not a search: "
                f"{type(self).__name__} draws the cv_results_ of a GridSearchCV or "
                "RandomizedSearchCV; wrap the model, e.g. GridSearchCV(model, "
                "param_grid), or pass any object with cv_results_."
            )

    def _compute(self, cv_results: dict) -> None:
        raise NotImplementedError
