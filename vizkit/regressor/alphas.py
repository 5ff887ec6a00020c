"""Cross-validated error or score against the regularization strength alpha.

:class:`AlphaSelection` draws the errors that a RidgeCV, LassoCV, LassoLarsCV
or ElasticNetCV computed while choosing its own ``alpha_``.
:class:`ManualAlphaSelection` cross-validates any model with an ``alpha``
parameter (Ridge, Lasso, ElasticNet, ...) over the alphas you give, through
joblib. Both mark the chosen alpha and shade one standard error of the mean.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.linear_model import ElasticNetCV, LassoCV, LassoLarsCV, RidgeCV
from sklearn.metrics import check_scoring
from sklearn.utils import indexable

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import ModelError, NotFitted, VizkitValueError, prefix_message
from vizkit.registry import REPEATED_FIT, declare
from vizkit.regressor.alpha_curve import (
    AlphaCurve,
    Curve,
    alpha_key,
    check_alphas,
    check_cv_param,
    check_scoring_param,
    cross_validate_alphas,
    cv_splits,
    in_alpha_order,
    keeps_ridge_results,
    mean_and_standard_error,
    path_errors,
    ridge_errors,
    score_label,
)
from vizkit.utils.docs import common_params
from vizkit.utils.pipeline import final_step
from vizkit.utils.validation import check_finite, plain

__all__ = ["AlphaSelection", "ManualAlphaSelection", "alphas", "manual_alphas"]

#: The models whose own cross-validation AlphaSelection draws (and subclasses).
CV_MODELS = (RidgeCV, LassoCV, LassoLarsCV, ElasticNetCV)
CV_MODEL_NAMES = "RidgeCV, LassoCV, LassoLarsCV or ElasticNetCV"
#: ManualAlphaSelection's alphas when none are given (Yellowbrick's documented ones).
DEFAULT_ALPHAS = (-10.0, 2.0, 50)  # np.logspace arguments
RESCALE = "rescale X and y (e.g. with StandardScaler) or narrow the alphas."
OWNER = "ManualAlphaSelection"


# -- AlphaSelection ------------------------------------------------------------------


@common_params
class AlphaSelection(AlphaCurve):
    """The cross-validated error of a RidgeCV, LassoCV, LassoLarsCV or ElasticNetCV.

    These models choose their own ``alpha_`` by cross-validation; this
    visualizer draws the mean error at every alpha they tried (log scale),
    shades one standard error of that mean, and marks the chosen alpha. A
    curve with a clear minimum shows the model responds to regularization; a
    flat or jagged one suggests another penalty. Errors are mean squared
    errors over the model's folds (RidgeCV: over its efficient leave-one-out,
    so it needs ``cv=None``).

    ``fit`` fits the model in place unless it is fitted (see ``is_fitted``)
    and never changes its parameters. RidgeCV keeps its errors only with
    ``store_cv_results=True``; without it, a copy of the model with that
    option is fitted on the same data to read them.

    Parameters
    ----------
    estimator : RidgeCV, LassoCV, LassoLarsCV or ElasticNetCV
        The model, alone or as the last step of a Pipeline. For other models
        with an ``alpha`` parameter use :class:`ManualAlphaSelection`.
    {common: ax, is_fitted}
    force_model : bool, default=False
        Skip the check of the model's type: any model with ``alpha_`` and
        either ``mse_path_`` with ``alphas_`` (or ``cv_alphas_``), or RidgeCV's
        ``cv_results_``, is read the same way.
    band : bool, default=True
        Shade one standard error of the mean error on each side of the curve
        (the spread of the folds divided by the square root of their number).
    color : color, default=None
        The colour of the curve; None takes the next one of the colour cycle.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "<Model> Alpha Error".
    {common: size}

    Attributes
    ----------
    alphas_ : ndarray of shape (n_alphas,)
        The alphas the model cross-validated, in increasing order (LARS paths
        include 0, drawn on a symmetric log scale).
    errors_ : ndarray of shape (n_alphas,)
        The mean cross-validated error at each alpha: the mean over folds of
        ``mse_path_`` (for an ElasticNetCV with several ``l1_ratio``, of the
        chosen ``l1_ratio_``), or over samples of RidgeCV's ``cv_results_``.
    errors_se_ : ndarray of shape (n_alphas,)
        The standard error of each mean.
    alpha_ : float
        The model's chosen alpha.
    score_ : float
        After ``score(X, y)``: the R^2 of the fitted model on that data, so
        ``GridSearchCV`` can compare models by their test R^2.
    lines_ : dict of matplotlib artists
        The drawn curve under ``"curve"`` and the chosen alpha's line under
        ``"alpha"``.

    Examples
    --------
    >>> from sklearn.linear_model import LassoCV
    >>> from vizkit.regressor import AlphaSelection
    >>> viz = AlphaSelection(LassoCV())
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    def __init__(
        self,
        estimator,
        ax=None,
        is_fitted="auto",
        force_model=False,
        band=True,
        color=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.is_fitted = is_fitted
        self.force_model = force_model
        self.band = band
        self.color = color
        self.fig = fig
        self.title = title
        self.size = size

    def _check_regressor(self) -> None:
        """Refuse a model that does not cross-validate its own alpha."""
        model = final_step(self.estimator)
        if not self.force_model and not isinstance(model, CV_MODELS):
            raise ModelError(
                f"AlphaSelection needs a model that cross-validates its own alpha: "
                f"{CV_MODEL_NAMES} (or a Pipeline ending in one), but got "
                f"{type(model).__name__}. For another regressor with an alpha "
                "parameter (Ridge, Lasso, ElasticNet, ...), use "
                "ManualAlphaSelection(model, alphas=...), which cross-validates it "
                "over the alphas you give."
            )
        if keeps_ridge_results(model) and model.cv is not None:
            raise VizkitValueError(
                f"the RidgeCV has cv={plain(model.cv)!r}, but scikit-learn keeps "
                "RidgeCV's per-alpha errors only for its leave-one-out (cv=None); "
                "pass RidgeCV(cv=None), or ManualAlphaSelection(Ridge(), alphas=..., "
                "cv=...) to cross-validate with folds."
            )

    def fit(self, X, y, **kwargs):
        """Fit the model unless it is fitted; read its cross-validated errors.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it.
        y : array-like of shape (n_samples,)
            The target.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        self._check_regressor()
        y_true = self._check_regression_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        model = final_step(self._model_with_errors(X, y, **kwargs))
        try:
            if keeps_ridge_results(model):
                alphas, errors = ridge_errors(model, y_true)
            else:
                alphas, errors = path_errors(model)
        except AttributeError as error:  # only with force_model
            raise ModelError(
                f"{type(model).__name__} has no per-alpha cross-validation errors "
                f"({error}); pass one of {CV_MODEL_NAMES}."
            ) from None
        mean, standard_error = mean_and_standard_error(errors)
        check_finite(mean, "the model's cross-validated errors", RESCALE)
        self.alphas_, self.errors_, self.errors_se_ = in_alpha_order(
            alphas, mean, standard_error
        )
        self.alpha_ = float(model.alpha_)
        self._l1_ratio = getattr(model, "l1_ratio_", None)
        return self

    def _model_with_errors(self, X, y, **kwargs):
        """The fitted model, or for a RidgeCV not keeping its errors a copy that does.

        The copy is fitted on ``(X, y)``; the user's model is never changed.
        """
        model = final_step(self.estimator)
        if not keeps_ridge_results(model) or hasattr(model, "cv_results_"):
            return self.estimator
        copy = clone(self.estimator)
        key = "store_cv_results"
        if copy is not final_step(copy):
            key = f"{self.estimator.steps[-1][0]}__{key}"
        copy.set_params(**{key: True})
        try:
            return copy.fit(X, y, **kwargs)
        except Exception as error:
            prefix_message(
                error, "AlphaSelection: a copy with store_cv_results=True failed"
            )
            raise

    def _curve(self) -> Curve:
        label = "mean cross-validated error"
        if self._l1_ratio is not None:
            label += f" (l1_ratio = {self._l1_ratio:g})"
        return Curve(
            self.errors_, self.errors_se_, "mean squared error", label,
            f"{self.name} Alpha Error",
        )  # fmt: skip


alphas = declare(
    AlphaSelection, kind=REPEATED_FIT, quick="alphas", example=examples.regression_cv
)


# -- ManualAlphaSelection ------------------------------------------------------------


@common_params
class ManualAlphaSelection(AlphaCurve):
    """A model's cross-validated score at each of the alphas you give.

    For models without their own cross-validation (Ridge, Lasso, ElasticNet,
    or any model with an ``alpha`` parameter, also as a Pipeline's last
    step): for every alpha and every fold, a clone of the model is fitted
    with that alpha on the training rows and scored on the test rows, as
    ``cross_val_score`` would, through joblib (``n_jobs``). Every alpha uses
    the same folds. The curve is the mean score (greater is better, as
    scikit-learn's scorers: ``neg_mean_squared_error`` is the negated
    error), the band one standard error, the dashed line the best alpha.

    The user's model is never fitted nor changed; a clone with the best
    alpha is refitted on all the data (``best_estimator_``), which
    ``predict`` and ``score`` use, as ``GridSearchCV`` does.

    Parameters
    ----------
    estimator : scikit-learn regressor
        A model with an ``alpha`` parameter, or a Pipeline (or other
        meta-estimator) with exactly one nested ``...__alpha``.
    {common: ax}
    alphas : array-like of shape (n_alphas,), default=None
        The positive alphas to cross-validate; None gives 50 alphas from
        1e-10 to 1e2, evenly spaced on a log scale.
    cv : int, cross-validation splitter or iterable, default=None
        As in ``cross_val_score``: None is 5-fold ``KFold`` (stratified for a
        classifier), an int the number of folds, or a splitter or list of
        ``(train, test)`` index pairs.
    scoring : str or callable, default=None
        As in ``cross_val_score``: None is the model's own ``score`` (R^2 for
        a regressor), a string a scorer name, a callable
        ``scorer(estimator, X, y)``.
    {common: n_jobs, verbose}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a regressor.
    band : bool, default=True
        Shade one standard error of the mean score on each side of the curve
        (the spread of the folds divided by the square root of their number).
    color : color, default=None
        The colour of the curve; None takes the next one of the colour cycle.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "<Model> Alpha Selection".
    {common: size}

    Attributes
    ----------
    alphas_ : ndarray of shape (n_alphas,)
        The alphas, in increasing order.
    cv_scores_ : ndarray of shape (n_alphas, n_splits)
        The test score of every fold at every alpha.
    scores_ : ndarray of shape (n_alphas,)
        The mean score over the folds at each alpha.
    scores_se_ : ndarray of shape (n_alphas,)
        The standard error of each mean.
    alpha_ : float
        The alpha with the highest mean score (the smallest one on ties).
    best_score_ : float
        The mean score at ``alpha_``.
    best_estimator_ : estimator
        A clone of the model with ``alpha_``, fitted on all of ``X``.
    score_ : float
        After ``score(X, y)``: ``scoring`` of ``best_estimator_`` on that
        data (``GridSearchCV.score``'s meaning).
    lines_ : dict of matplotlib artists
        The drawn curve under ``"curve"`` and the best alpha's line under
        ``"alpha"``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import Ridge
    >>> from vizkit.regressor import ManualAlphaSelection
    >>> viz = ManualAlphaSelection(Ridge(), alphas=np.logspace(-2, 4, 30), cv=5)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "alphas": P.Param(check_alphas),
        "cv": P.Param(check_cv_param),
        "scoring": P.Param(check_scoring_param),
        "n_jobs": P.n_jobs(),
        "verbose": P.boolean(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        alphas=None,
        cv=None,
        scoring=None,
        n_jobs=None,
        verbose=False,
        force_model=False,
        band=True,
        color=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.alphas = alphas
        self.cv = cv
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.verbose = verbose
        self.force_model = force_model
        self.band = band
        self.color = color
        self.fig = fig
        self.title = title
        self.size = size

    def _alpha_key(self) -> str:
        """The estimator's alpha parameter, or a ModelError saying what to pass."""
        key = alpha_key(self.estimator)
        if key is not None:
            return key
        name = type(self.estimator).__name__
        model = final_step(self.estimator)
        hint = (
            f"; {type(model).__name__} chooses its own alpha: draw its errors with "
            "AlphaSelection"
            if isinstance(model, CV_MODELS)
            else ""
        )
        raise ModelError(
            f"ManualAlphaSelection needs a model with one alpha parameter (Ridge, "
            f"Lasso, ElasticNet, ...), but {name} has none{hint}."
        )

    def fit(self, X, y, **kwargs):
        """Cross-validate a clone of the model at every alpha; refit the best.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it.
        y : array-like of shape (n_samples,)
            The target.
        **kwargs
            Passed to every fit of the model (per-sample arrays, such as
            ``sample_weight``, cut to each fold's training rows).

        Returns
        -------
        self
        """
        self._check_regressor()
        key = self._alpha_key()
        self._check_target(X, y)
        grid = np.logspace(*DEFAULT_ALPHAS) if self.alphas is None else self.alphas
        alphas_ = np.sort(np.asarray(grid, dtype=np.float64))
        X_rows, y_rows = indexable(X, y)
        splits = cv_splits(self.cv, X_rows, y_rows, is_classifier(self.estimator))
        scores = cross_validate_alphas(
            self.estimator, key, alphas_, X_rows, y_rows, splits,
            check_scoring(self.estimator, scoring=self.scoring), kwargs,
            self.n_jobs, self.verbose,
        )  # fmt: skip
        check_finite(scores, "the cross-validated scores", RESCALE)
        mean, standard_error = mean_and_standard_error(scores)
        best = int(np.argmax(mean))
        best_model = clone(self.estimator).set_params(**{key: alphas_[best]})
        try:
            best_model.fit(X, y, **kwargs)
        except Exception as error:
            prefix_message(
                error, f"{OWNER}: refitting at alpha={alphas_[best]:g} failed"
            )
            raise
        self.alphas_, self.cv_scores_ = alphas_, scores
        self.scores_, self.scores_se_ = mean, standard_error
        self.alpha_, self.best_score_ = float(alphas_[best]), float(mean[best])
        self.best_estimator_ = best_model
        return self

    def _check_target(self, X, y) -> None:
        """A numeric target for a regressor; any target with ``force_model``."""
        if self.force_model:
            self._require_target(y, "the true target")
            self._check_fit_data(X, y)
        else:
            self._check_regression_data(X, y)

    def _best(self, method: str):
        if "best_estimator_" not in self.__dict__:
            raise NotFitted.from_estimator(self, method)
        return self.best_estimator_

    def predict(self, X):
        """Predict with ``best_estimator_`` (the model refitted at ``alpha_``)."""
        model = self._best("predict")
        try:
            return model.predict(X)
        except Exception as error:
            prefix_message(error, f"{OWNER}: {type(model).__name__}.predict() failed")
            raise

    def score(self, X, y):
        """``scoring`` of ``best_estimator_`` on ``(X, y)``, stored in ``score_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data.
        y : array-like of shape (n_samples,)
            Its target.

        Returns
        -------
        score_ : float
        """
        model = self._best("score")
        self._check_target(X, y)
        scorer = check_scoring(model, scoring=self.scoring)
        try:
            self.score_ = float(scorer(model, X, y))
        except Exception as error:
            prefix_message(error, f"{OWNER}: scoring {type(model).__name__} failed")
            raise
        return self.score_

    def _curve(self) -> Curve:
        return Curve(
            self.scores_, self.scores_se_, score_label(self.scoring, self.estimator),
            "mean cross-validated score", f"{self.name} Alpha Selection",
        )  # fmt: skip


manual_alphas = declare(
    ManualAlphaSelection,
    kind=REPEATED_FIT,
    quick="manual_alphas",
    example=examples.regression,
)
