"""Recursive feature elimination, cross-validated: the score by number of features.

Recursive feature elimination fits a model, drops its weakest features (the
smallest ``coef_`` or ``feature_importances_``), and repeats on what is left.
:class:`RFECV` runs one such elimination on the training rows of each
cross-validation fold, scoring the fold's test rows at every number of
features, exactly as scikit-learn's ``RFECV`` does (so its ``cv_results_``
are equal), then draws the mean score by number of features, one standard
deviation across folds each side, and the best number marked.
"""

from __future__ import annotations

import numbers
import re
from typing import Any

import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.feature_selection import RFE
from sklearn.utils import indexable

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import (
    NotFitted,
    VizkitError,
    VizkitValueError,
    prefix_message,
)
from vizkit.model_selection._cv import (
    FoldData,
    FoldJob,
    check_cv_param,
    check_scorer,
    check_splits,
)
from vizkit.model_selection._elimination import (
    Elimination,
    best_count,
    cv_results,
    eliminate_fold,
    feature_counts,
    step_size,
)
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import LINE_COLOR
from vizkit.utils.docs import common_params
from vizkit.utils.parallel import run_jobs
from vizkit.utils.validation import check_classes, n_samples_of, plain

OWNER = "RFECV"


# -- checks of the parameters --------------------------------------------------------


def _check_step(value: Any, name: str, viz: Any) -> None:
    real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    integer = isinstance(value, numbers.Integral)
    if not (real and value > 0 and (integer or value < 1)):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a positive integer (the "
            "number of features removed per round) or a fraction in (0, 1) of "
            "them (e.g. 0.1)."
        )


def _check_scoring(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, str):
        check_scorer(viz.estimator, value, name)
    elif not (value is None or callable(value)):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass None, a name from "
            "sklearn.metrics.get_scorer_names(), or a callable scorer(estimator, X, y)."
        )


_ATTRIBUTE_PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def _check_importance_getter(value: Any, name: str, viz: Any) -> None:
    if callable(value) or (isinstance(value, str) and _ATTRIBUTE_PATH.match(value)):
        return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass 'auto' (coef_, else "
        "feature_importances_), an attribute path of the fitted model such as "
        "'regressor_.coef_', or a callable model -> importances."
    )


# -- the visualizer -----------------------------------------------------------------


@common_params
class RFECV(ModelVisualizer):
    """The cross-validated score by number of features kept by recursive elimination.

    On the training rows of each fold, a clone of the model is fitted on all
    features, scored on the fold's test rows, its ``step`` weakest features
    (smallest squared ``coef_`` or ``feature_importances_``) dropped, and so
    on down to ``min_features_to_select``: one elimination per fold, one job
    per fold (``n_jobs``), as scikit-learn's ``RFECV``, whose
    ``cv_results_`` these scores equal. The number of features with the best
    mean score (the fewest on ties) is ``n_features_``; a
    ``sklearn.feature_selection.RFE`` keeping that many is then fitted on all
    of ``X`` (``rfe_estimator_``), and ``predict``, ``transform`` and
    ``score`` go through it. The user's model is never fitted nor changed.

    The line is the mean test score, the band one standard deviation across
    folds each side, the dashed line the selected number of features.

    Parameters
    ----------
    estimator : scikit-learn estimator
        A model whose fitted ``coef_`` or ``feature_importances_`` weighs
        its features (or see ``importance_getter``); cloned for every fit.
    {common: ax}
    step : int or float, default=1
        Features removed per round: a positive integer, or a fraction in
        (0, 1) of all the features (rounded down, at least 1). The last
        round removes fewer if needed to stop at ``min_features_to_select``.
    groups : array-like of shape (n_samples,), default=None
        Group labels of the rows, for a group splitter as ``cv`` (e.g.
        ``GroupKFold``); ``fit(X, y, groups=...)`` overrides it.
    cv : int, cross-validation splitter or iterable, default=None
        As in scikit-learn: None is 5 folds, an int the number of folds
        (stratified for a classifier), or a splitter or list of
        ``(train, test)`` index pairs.
    scoring : str or callable, default=None
        A scorer name (``sklearn.metrics.get_scorer_names()``) or a callable
        ``scorer(estimator, X, y)``; None is accuracy for a classifier and
        R^2 otherwise, as scikit-learn's ``RFECV``.
    min_features_to_select : int, default=1
        The fewest features an elimination goes down to (scikit-learn's
        parameter); at most the number of features of ``X``.
    importance_getter : str or callable, default="auto"
        How a fitted model's feature weights are read: "auto" is ``coef_``,
        else ``feature_importances_``; a string is an attribute path (e.g.
        ``"named_steps.clf.coef_"`` for a Pipeline); a callable takes the
        model and returns the weights.
    {common: n_jobs, verbose}
    color : color, default=None
        The colour of the curve and band; None takes the next colour of the
        cycle.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "RFECV for <Model>".
    {common: size}

    Attributes
    ----------
    n_features_ : int
        The selected number of features: the highest mean test score, the
        fewest features on ties.
    support_ : ndarray of shape (n_features,)
        Boolean mask of the selected features.
    ranking_ : ndarray of shape (n_features,)
        Each feature's elimination rank: 1 for the selected ones, higher for
        those removed earlier.
    n_feature_subsets_ : ndarray of shape (n_subsets,)
        The numbers of features scored, ascending.
    cv_scores_ : ndarray of shape (n_subsets, n_splits)
        The test score of every fold at each number of features.
    cv_results_ : dict of ndarray
        scikit-learn's ``RFECV.cv_results_``: ``"mean_test_score"``,
        ``"std_test_score"``, ``"split{{k}}_test_score"`` and ``"n_features"``,
        by number of features, ascending.
    rfe_estimator_ : sklearn.feature_selection.RFE
        An RFE keeping ``n_features_`` features, fitted on all of ``X``.
    score_ : float
        After ``score(X, y)``: ``scoring`` of ``rfe_estimator_`` on that data.
    n_features_in_ : int
        The number of features of ``X``.
    lines_ : dict of matplotlib artists
        The mean curve under ``"curve"``, the selected number's line under
        ``"n_features"``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from vizkit.model_selection import RFECV
    >>> viz = RFECV(LogisticRegression(max_iter=1000), cv=5, scoring="f1_macro")
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.n_features_, viz.support_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "step": P.Param(_check_step),
        "groups": P.anything(),
        "cv": P.Param(check_cv_param),
        "scoring": P.Param(_check_scoring),
        "min_features_to_select": P.number(1, integer=True),
        "importance_getter": P.Param(_check_importance_getter),
        "n_jobs": P.n_jobs(),
        "verbose": P.boolean(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        step=1,
        groups=None,
        cv=None,
        scoring=None,
        min_features_to_select=1,
        importance_getter="auto",
        n_jobs=None,
        verbose=False,
        color=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.step = step
        self.groups = groups
        self.cv = cv
        self.scoring = scoring
        self.min_features_to_select = min_features_to_select
        self.importance_getter = importance_getter
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.color = color
        self.fig = fig
        self.title = title
        self.size = size

    def __getattr__(self, name: str):
        # Once fitted, the model's public names (predict, transform, ...) reach
        # the RFE on the selected features, as in Yellowbrick.
        model = self.__dict__.get("rfe_estimator_")
        if model is not None and not name.startswith("_") and not name.endswith("_"):
            try:
                return getattr(model, name)
            except AttributeError:
                pass
        return super().__getattr__(name)

    # -- fit: one elimination per fold, then the final RFE ---------------------------

    def fit(self, X, y=None, groups=None, **kwargs):
        """Eliminate features in every fold, choose their number, refit an RFE.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it (at least two features).
        y : array-like of shape (n_samples,)
            The target.
        groups : array-like of shape (n_samples,), default=None
            Group labels for a group splitter; None uses the ``groups``
            parameter.
        **kwargs
            Passed to every fit of the model (per-sample arrays, such as
            ``sample_weight``, cut to each fold's training rows).

        Returns
        -------
        self
        """
        self._require_target(y, "the target")
        y_array = self._check_fit_data(X, y)
        if is_classifier(self.estimator):
            check_classes(np.unique(y_array), "y")
        n_features = self._n_features(n_samples_of(X, "X"))
        if not hasattr(X, "shape"):  # nested lists: columns must be selectable
            X = np.asarray(X)
        plan = Elimination(
            step_size(self.step, n_features),
            self.min_features_to_select,
            self.importance_getter,
        )
        X_rows, y_rows = indexable(X, y)
        scorer = check_scorer(self.estimator, self._scoring())
        groups = self.groups if groups is None else groups
        splits = check_splits(self.cv, X_rows, y_rows, self.estimator, groups)
        data = FoldData(X_rows, y_rows, scorer, kwargs, OWNER, score_train=False)
        jobs = [FoldJob(tr, te, k, len(splits)) for k, (tr, te) in enumerate(splits)]
        fold_scores = np.array(
            run_jobs(
                eliminate_fold,
                ((self.estimator, data, job, plan) for job in jobs),
                total=len(jobs),
                n_jobs=self.n_jobs,
                verbose=self.verbose,
                desc=f"{OWNER} folds",
                unit="fold",
            )  # fmt: skip
        )
        counts = feature_counts(n_features, plan.step, plan.n_keep)
        self._store(fold_scores, counts, X, y, kwargs)
        return self

    def _n_features(self, n_samples: int) -> int:
        """The number of features of X, checked against ``min_features_to_select``."""
        n_features = self.__dict__.get("n_features_in_")
        if n_features is None:
            raise VizkitValueError(
                "X has no feature columns (RFECV selects among the columns of a "
                "2-D X); pass a 2-D X with two or more features."
            )
        if n_features < 2:
            raise VizkitValueError(
                f"X has {n_features} feature(s) (shape=({n_samples}, {n_features})) "
                "while a minimum of 2 is required: RFECV eliminates features, so "
                "with fewer there is nothing to choose; pass two or more features."
            )
        if self.min_features_to_select > n_features:
            raise VizkitValueError(
                f"min_features_to_select={self.min_features_to_select} is more than "
                f"the {n_features} features of X, so no feature would be removed; "
                f"pass min_features_to_select={n_features} or fewer."
            )
        return n_features

    def _scoring(self) -> Any:
        """``scoring``, with scikit-learn RFECV's default: accuracy or R^2."""
        if self.scoring is not None:
            return self.scoring
        return "accuracy" if is_classifier(self.estimator) else "r2"

    def _store(self, fold_scores, counts, X, y, fit_params: dict) -> None:
        self.cv_results_ = cv_results(fold_scores, counts)
        self.n_feature_subsets_ = self.cv_results_["n_features"]
        self.cv_scores_ = fold_scores[:, ::-1].T
        best = best_count(fold_scores, counts)
        self.rfe_estimator_ = self._final_rfe(best, X, y, fit_params)
        self.n_features_ = int(self.rfe_estimator_.n_features_)
        self.support_ = self.rfe_estimator_.support_
        self.ranking_ = self.rfe_estimator_.ranking_
        if hasattr(self.rfe_estimator_, "classes_"):  # a classifier's labels
            self.classes_ = self.rfe_estimator_.classes_

    def _final_rfe(self, n_features: int, X, y, fit_params: dict) -> RFE:
        """An RFE keeping ``n_features``, fitted on all rows (as scikit-learn's)."""
        rfe = RFE(
            clone(self.estimator), n_features_to_select=n_features,
            step=self.step, importance_getter=self.importance_getter,
        )  # fmt: skip
        try:
            return rfe.fit(X, y, **fit_params)
        except VizkitError:
            raise
        except Exception as error:
            prefix_message(
                error,
                f"{OWNER}: refitting RFE({type(self.estimator).__name__}) with "
                f"{n_features} features on all rows failed",
            )
            raise

    # -- score: the selected features on new data ------------------------------------

    def score(self, X, y):
        """``scoring`` of ``rfe_estimator_`` on ``(X, y)``, stored in ``score_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data, with all the features seen in ``fit``.
        y : array-like of shape (n_samples,)
            Its target.

        Returns
        -------
        score_ : float
        """
        if "rfe_estimator_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        scorer = check_scorer(self.estimator, self._scoring())
        try:
            self.score_ = float(scorer(self.rfe_estimator_, X, y))
        except VizkitError:
            raise
        except Exception as error:
            prefix_message(error, f"{OWNER}: scoring the selected features failed")
            raise
        return self.score_

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """The mean score, one standard deviation each side, the selected number."""
        x = self.n_feature_subsets_
        mean = self.cv_results_["mean_test_score"]
        std = self.cv_results_["std_test_score"]
        marker = "o" if len(x) <= 40 else None
        (curve,) = self.ax_.plot(
            x, mean, marker=marker, markersize=4, color=self.color,
            label="mean test score", zorder=CURVE_ZORDER,
        )  # fmt: skip
        self.ax_.fill_between(
            x, mean - std, mean + std, color=curve.get_color(), alpha=0.25,
            linewidth=0, label="± 1 std across folds",
        )  # fmt: skip
        best = mean[np.flatnonzero(x == self.n_features_)[0]]
        self.lines_ = {"curve": curve}
        self.lines_["n_features"] = self.ax_.axvline(
            self.n_features_, color=LINE_COLOR, linestyle="--", linewidth=1,
            label=f"n_features = {self.n_features_}\nscore = {best:.3f}",
        )  # fmt: skip

    def finalize(self):
        """Title, axis labels (whole numbers of features) and legend."""
        from matplotlib.ticker import MaxNLocator

        self.set_title(f"RFECV for {self.name}")
        self.ax_.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.ax_.set_xlabel("number of features selected")
        self.ax_.set_ylabel(f"{_score_name(self._scoring())} (cross-validated)")
        self.ax_.legend(loc="best", frameon=True, fontsize="small")
        return self.ax_


def _score_name(scoring: Any) -> str:
    if isinstance(scoring, str):
        return "$R^2$" if scoring == "r2" else scoring.replace("_", " ")
    return getattr(scoring, "__name__", "score")


rfecv = declare(
    RFECV, kind=REPEATED_FIT, quick="rfecv", example=examples.classification
)
