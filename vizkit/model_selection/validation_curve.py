"""Validation curve: training and cross-validation score against one parameter.

:class:`ValidationCurve` sets one parameter of clones of a model to each
value of a range, fits each clone on every cross-validation training fold and
scores it on the fold's test rows and its training rows, exactly as
``sklearn.model_selection.validation_curve`` does. Where the training score
is high and the cross-validation score low, the model overfits; where both
are low, it underfits; the best value is where the cross-validation score peaks.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import clone

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import VizkitValueError
from vizkit.model_selection._curves import CurveVisualizer, fit_model
from vizkit.model_selection._cv import FoldJob, check_splits, run_fold_jobs
from vizkit.registry import REPEATED_FIT, declare
from vizkit.utils.docs import common_params
from vizkit.utils.validation import plain

# -- computations -------------------------------------------------------------------


def validation_curve_jobs(
    splits: list[tuple], param_name: str, param_range
) -> list[FoldJob]:
    """The fits of a validation curve: each value on each split, value-major.

    Each job gets its own copy of the value (``clone(value, safe=False)``, as
    scikit-learn), so a value that is an estimator is never fitted itself.
    """
    return [
        FoldJob(train, test, fold, len(splits), {param_name: clone(value, safe=False)})
        for value in param_range
        for fold, (train, test) in enumerate(splits)
    ]


def is_numeric(values: np.ndarray) -> bool:
    """True when ``values`` can be placed on a numeric x axis."""
    return values.dtype.kind in "iuf"


def check_param_name(estimator, param_name: str) -> None:
    """Refuse a parameter the model does not have, listing those it has."""
    known = estimator.get_params(deep=True)
    if param_name not in known:
        shallow = sorted(estimator.get_params(deep=False))
        raise VizkitValueError(
            f"param_name={param_name!r} is not a parameter of "
            f"{type(estimator).__name__}; pass one of {shallow} (nested ones as "
            "'step__name': see estimator.get_params())."
        )


# -- parameter checks -----------------------------------------------------------------


def _check_param_name(value: Any, name: str, viz: Any) -> None:
    if not isinstance(value, str):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass the name of one of the "
            "model's parameters, as estimator.get_params() lists them (e.g. 'C')."
        )
    if hasattr(viz.estimator, "get_params"):
        check_param_name(viz.estimator, value)


def _check_param_range(value: Any, name: str, viz: Any) -> None:
    values = None if isinstance(value, str) else np.asarray(value, dtype=object)
    if values is None or values.ndim != 1 or values.size == 0:
        raise VizkitValueError(
            f"{name}={value!r} is not valid; pass a non-empty 1-D sequence of "
            "the values to try, e.g. np.logspace(-3, 2, 6)."
        )


# -- the visualizer -----------------------------------------------------------------


@common_params
class ValidationCurve(CurveVisualizer):
    """Training and cross-validation score of a model against one parameter.

    For each value of ``param_range``, clones of the model with
    ``param_name`` set to it are fitted on every cross-validation training
    fold and scored on the fold's test rows and its training rows. Lines are
    the mean over the folds, bands one standard deviation. The given model is
    fitted on all of ``X`` in place unless it is fitted already (see
    ``is_fitted``), so the visualizer predicts and scores as the model.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model to score; cloned for every fit.
    param_name : str
        The parameter to vary, as ``estimator.get_params()`` names it
        (``"svc__C"`` inside a pipeline).
    param_range : array-like of shape (n_values,)
        The values to try. Numbers are placed on a numeric x axis; other
        values (strings, estimators) one per tick, in the given order.
    {common: ax}
    logx : bool, default=False
        Draw the x axis on a log scale (positive numeric values only).
    groups : array-like of shape (n_samples,), default=None
        Group labels of the rows, for group splitters (``GroupKFold``...).
    cv : int, cross-validation splitter or iterable, default=None
        The splits, as scikit-learn's ``check_cv``: None is 5 folds, an
        integer that many (stratified for a classifier).
    scoring : str, callable or None, default=None
        A name from ``sklearn.metrics.get_scorer_names()``, a scorer
        ``scorer(estimator, X, y)``, or None for the model's ``score``.
    {common: n_jobs}
    pre_dispatch : int or str, default="all"
        joblib's ``pre_dispatch``: how many fits are queued ahead of the
        workers ("all", or an expression such as "2*n_jobs").
    markers : str, default="-d"
        A matplotlib format string for the mean lines (line and marker).
    {common: verbose, is_fitted, fig, title, size}

    Attributes
    ----------
    param_range_ : ndarray of shape (n_values,)
        The values tried.
    train_scores_, test_scores_ : ndarray of shape (n_values, n_splits)
        Scores on the training rows and on the test rows of each split.
    train_scores_mean_, train_scores_std_ : ndarray of shape (n_values,)
        Their mean and standard deviation across the splits (likewise
        ``test_scores_mean_``, ``test_scores_std_``).
    fit_times_, score_times_ : ndarray of shape (n_values, n_splits)
        Seconds to fit each clone and to score its test rows, with
        ``fit_times_mean_``, ``fit_times_std_``, ``score_times_mean_`` and
        ``score_times_std_``.
    lines_, bands_ : dict of matplotlib artists
        The drawn mean lines and bands, under "train" and "test".

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.svm import SVC
    >>> from vizkit.model_selection import ValidationCurve
    >>> viz = ValidationCurve(
    ...     SVC(), param_name="gamma", param_range=np.logspace(-6, -1, 12),
    ...     logx=True, cv=5,
    ... )
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "param_name": P.Param(_check_param_name),
        "param_range": P.Param(_check_param_range),
        "logx": P.boolean(draw=True),
        "markers": P.Param(None, draw=True, example="--o"),
    }

    def __init__(
        self,
        estimator,
        param_name,
        param_range,
        ax=None,
        logx=False,
        groups=None,
        cv=None,
        scoring=None,
        n_jobs=None,
        pre_dispatch="all",
        markers="-d",
        verbose=False,
        is_fitted="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.param_name = param_name
        self.param_range = param_range
        self.ax = ax
        self.logx = logx
        self.groups = groups
        self.cv = cv
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.pre_dispatch = pre_dispatch
        self.markers = markers
        self.verbose = verbose
        self.is_fitted = is_fitted
        self.fig = fig
        self.title = title
        self.size = size

    def _check_params_together(self) -> None:
        values = np.asarray(self.param_range)
        if self.logx and not (is_numeric(values) and np.all(values > 0)):
            raise VizkitValueError(
                f"logx=True needs positive numbers in param_range, but it holds "
                f"{values.tolist()!r}; pass logx=False, or positive values."
            )

    def fit(self, X, y=None, **kwargs):
        """Fit and score clones of the model at every value and split.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it.
        y : array-like of shape (n_samples,), default=None
            The target (None for unsupervised models).
        **kwargs
            Passed to every fit (per-sample arrays such as ``sample_weight``
            cut to the training rows).

        Returns
        -------
        self
        """
        data, X, y, groups = self._fold_data(X, y, kwargs)
        splits = check_splits(self.cv, X, y, self.estimator, groups)
        # The values as given (not as an array's numpy scalars), as scikit-learn.
        values = list(self.param_range)
        jobs = validation_curve_jobs(splits, self.param_name, values)
        fit_model(self, X, y, kwargs)
        scores = run_fold_jobs(
            self.estimator, data, jobs, n_jobs=self.n_jobs, verbose=self.verbose,
            pre_dispatch=self.pre_dispatch,
        )  # fmt: skip
        self.param_range_ = np.asarray(self.param_range)
        self._store_scores(scores, len(values))
        return self

    # -- drawing ---------------------------------------------------------------------

    def _x_values(self) -> np.ndarray:
        if is_numeric(self.param_range_):
            return self.param_range_
        return np.arange(len(self.param_range_))

    def draw(self) -> None:
        """The two score curves, at the values (or one tick per value)."""
        self._draw_curves(self.ax_, self.markers)
        if self.logx:
            self.ax_.set_xscale("log")
        if not is_numeric(self.param_range_):
            self.ax_.set_xticks(self._x_values())
            self.ax_.set_xticklabels([_label(v) for v in self.param_range_])

    def finalize(self):
        """Title, axis labels and legend."""
        self.set_title(f"Validation Curve for {self.name}")
        self.ax_.legend(frameon=True, loc="best")
        self.ax_.set_xlabel(self.param_name)
        self.ax_.set_ylabel("Score")
        return self.ax_


def _label(value: Any) -> str:
    """A tick label for a parameter value: a model by its class name."""
    if hasattr(value, "get_params"):
        return type(value).__name__
    return str(plain(value)) if isinstance(value, numbers.Number) else str(value)


validation_curve = declare(
    ValidationCurve,
    kind=REPEATED_FIT,
    quick="validation_curve",
    example=examples.validation,
)
