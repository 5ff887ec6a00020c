"""What the cross-validating visualizers share.

``fit_model``/``score_fitted_model`` serve every one of them (``fit`` also
fits the given model, ``score`` scores it). The learning and validation
curves share more: parameters, score tables and drawing. Both score a
model by cross-validation at several points (training sizes, or values of
one parameter) and draw the mean training and cross-validation
score at each point with a band of one standard deviation across the folds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils import indexable

from vizkit import params as P
from vizkit.base import ModelVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import NotFitted, VizkitError, VizkitValueError, prefix_message
from vizkit.model_selection._cv import (
    FoldData,
    FoldScore,
    check_cv_param,
    check_pre_dispatch_param,
    check_scorer,
    score_table,
)
from vizkit.style import class_colors
from vizkit.utils.validation import n_samples_of

#: The two curves, in drawing (and colour) order: (key, legend label).
CURVES = (("train", "Training Score"), ("test", "Cross Validation Score"))


# -- computations (arrays in, arrays out) -------------------------------------------


def mean_and_std(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean and (population) standard deviation of each row, across folds."""
    return np.mean(scores, axis=1), np.std(scores, axis=1)


def score_tables(
    scores: list[FoldScore], shape: tuple[int, int]
) -> dict[str, np.ndarray]:
    """``{"train_scores": ..., "test_scores": ..., "fit_times": ...}`` tables.

    ``shape`` is ``(n_points, n_folds)``; the jobs are ordered point-major.
    """
    return {
        "train_scores": score_table(scores, shape, "train_score"),
        "test_scores": score_table(scores, shape, "test_score"),
        "fit_times": score_table(scores, shape, "fit_time"),
        "score_times": score_table(scores, shape, "score_time"),
    }


# -- the given model, fitted on all rows ---------------------------------------------


def fit_model(viz: ModelVisualizer, X, y, fit_params: dict) -> None:
    """Fit the given model on all of ``X`` unless fitted (DESIGN 2: ``is_fitted``).

    A classifier's ``classes_`` is copied to the visualizer, as scikit-learn
    expects of a classifier's fit.
    """
    viz._fit_estimator(X, y, **fit_params)
    classes = getattr(viz.estimator, "classes_", None)
    if classes is not None:
        viz.classes_ = classes
    else:
        viz.__dict__.pop("classes_", None)


def score_fitted_model(viz: ModelVisualizer, X, y, scoring) -> float:
    """``scoring`` of the visualizer's fitted model on ``(X, y)``.

    The model's errors keep their type; their message names the visualizer.
    """
    viz._check_estimator_fitted("score")
    scorer = check_scorer(viz.estimator, scoring)
    try:
        return float(scorer(viz.estimator, X, y))
    except VizkitError:
        raise
    except Exception as error:
        model = type(viz.estimator).__name__
        prefix_message(error, f"{type(viz).__name__}: scoring {model} failed")
        raise


# -- the shared visualizer ----------------------------------------------------------


class CurveVisualizer(ModelVisualizer):
    """The learning and validation curves' shared machinery (not public).

    Subclasses compute ``train_scores_``/``test_scores_`` (and times) in
    ``fit`` through :meth:`_store_scores` and say where the points lie on
    the x axis (:meth:`_x_values`).
    """

    _params = {
        "groups": P.anything(),
        "cv": P.Param(check_cv_param),
        "scoring": P.anything(),
        "n_jobs": P.n_jobs(),
        "pre_dispatch": P.Param(check_pre_dispatch_param),
        "verbose": P.boolean(),
        "is_fitted": P.choice("auto", True, False),
    }

    def _fold_data(self, X, y, fit_params: dict) -> tuple[FoldData, Any, Any, Any]:
        """Check the data and scoring; the shared job data, indexable X, y, groups."""
        self._check_fit_data(X, y)
        n_samples = n_samples_of(X, "X")
        if n_samples < 2:
            raise VizkitValueError(
                f"X has {n_samples} sample; cross-validation needs at least 2 "
                "(one to train on, one to test on): pass more samples."
            )
        scorer = check_scorer(self.estimator, self.scoring)
        X, y, groups = indexable(X, y, self.groups)
        return FoldData(X, y, scorer, fit_params, type(self).__name__), X, y, groups

    def _store_scores(self, scores: list[FoldScore], n_points: int) -> None:
        """The score and time tables, with their means and deviations."""
        n_folds = len(scores) // n_points
        for name, table in score_tables(scores, (n_points, n_folds)).items():
            setattr(self, f"{name}_", table)
            mean, std = mean_and_std(table)
            setattr(self, f"{name}_mean_", mean)
            setattr(self, f"{name}_std_", std)

    def score(self, X, y=None):
        """The fitted model's ``scoring`` on ``(X, y)`` (as GridSearchCV.score).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data, as the model takes it.
        y : array-like of shape (n_samples,), default=None
            Its target.

        Returns
        -------
        score : float
        """
        if "test_scores_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        return score_fitted_model(self, X, y, self.scoring)

    # -- drawing ---------------------------------------------------------------------

    def _x_values(self) -> np.ndarray:
        raise NotImplementedError

    def _draw_curves(self, ax, fmt: str) -> None:
        """Each curve's mean line and its band of one standard deviation."""
        x = self._x_values()
        self.lines_, self.bands_ = {}, {}
        for (key, label), color in zip(CURVES, class_colors(len(CURVES))):
            mean = getattr(self, f"{key}_scores_mean_")
            std = getattr(self, f"{key}_scores_std_")
            self.bands_[key] = ax.fill_between(
                x, mean - std, mean + std, alpha=0.25, color=color, linewidth=0
            )
            (self.lines_[key],) = ax.plot(
                x, mean, fmt, color=color, label=label, zorder=CURVE_ZORDER
            )
