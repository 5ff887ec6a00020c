"""What the two alpha-selection visualizers share (see :mod:`vizkit.regressor.alphas`).

Reading a CV model's errors by alpha and cross-validating a model over given
alphas (functions, arrays in, arrays out), the checks of their parameters,
and the picture: :class:`AlphaCurve` draws a mean curve against alpha on a
log scale, one standard error around it, and the chosen alpha.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from joblib import effective_n_jobs
from sklearn.base import clone, is_regressor
from sklearn.metrics import get_scorer_names
from sklearn.model_selection import check_cv

# scikit-learn's documented (if underscored) row indexing of arrays, sparse
# matrices, DataFrames and lists: X goes to the model's clones as given.
from sklearn.utils import _safe_indexing

from vizkit import params as P
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import VizkitValueError, prefix_message
from vizkit.regressor.base import RegressionScoreVisualizer
from vizkit.style import LINE_COLOR
from vizkit.utils.docs import common_params
from vizkit.utils.parallel import run_jobs
from vizkit.utils.validation import plain

# -- computations (arrays in, arrays out) -------------------------------------------


def keeps_ridge_results(model: Any) -> bool:
    """True for a RidgeCV-like model: its errors are kept in ``cv_results_``."""
    return "store_cv_results" in model.get_params(deep=False)


def ridge_errors(model: Any, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(alphas, errors)`` of a RidgeCV fitted with ``store_cv_results=True``.

    ``errors`` has shape ``(n_alphas, n_samples)``: each sample's squared
    leave-one-out error. With a ``scoring``, RidgeCV keeps leave-one-out
    predictions instead, whose squared errors against ``y`` are returned.
    """
    results = np.asarray(model.cv_results_, dtype=np.float64)
    if results.ndim != 2 or results.shape[0] != len(y):
        raise VizkitValueError(
            f"the RidgeCV's cv_results_ has shape {results.shape}, not one row per "
            f"sample of y ({len(y)}): it was fitted on other data; pass "
            "is_fitted=False to refit it on this data."
        )
    if model.scoring is not None:  # leave-one-out predictions
        results = (y[:, np.newaxis] - results) ** 2
    return np.atleast_1d(np.asarray(model.alphas, dtype=np.float64)), results.T


def path_errors(model: Any) -> tuple[np.ndarray, np.ndarray]:
    """``(alphas, errors)`` of a LassoCV, ElasticNetCV or LassoLarsCV.

    ``errors`` is ``mse_path_``, shape ``(n_alphas, n_folds)``; for an
    ElasticNetCV given several ``l1_ratio``, the row of the chosen
    ``l1_ratio_``.
    """
    errors = np.asarray(model.mse_path_, dtype=np.float64)
    if hasattr(model, "cv_alphas_"):  # LassoLarsCV, LarsCV
        return np.asarray(model.cv_alphas_, dtype=np.float64), errors
    alphas = np.asarray(model.alphas_, dtype=np.float64)
    l1_ratios = np.atleast_1d(getattr(model, "l1_ratio", 1.0))
    if len(l1_ratios) > 1:
        row = int(np.flatnonzero(l1_ratios == model.l1_ratio_)[0])
        errors = errors[row]
        alphas = alphas[row] if alphas.ndim == 2 else alphas
    return alphas, errors


def mean_and_standard_error(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean of each row and its standard error (``std(ddof=1) / sqrt(n)``).

    One column (a single fold) has no spread: its standard error is 0.
    """
    n_columns = values.shape[1]
    mean = values.mean(axis=1)
    if n_columns < 2:
        return mean, np.zeros_like(mean)
    return mean, values.std(axis=1, ddof=1) / np.sqrt(n_columns)


def in_alpha_order(alphas: np.ndarray, *arrays: np.ndarray) -> list[np.ndarray]:
    """``alphas`` increasing, and each array's rows in the same order."""
    order = np.argsort(alphas, kind="stable")
    return [alphas[order], *(array[order] for array in arrays)]


def alpha_key(estimator: Any) -> str | None:
    """The parameter that sets alpha: ``alpha``, or one nested ``step__alpha``."""
    params = estimator.get_params(deep=True)
    if "alpha" in params:
        return "alpha"
    nested = [key for key in params if key.endswith("__alpha")]
    return nested[0] if len(nested) == 1 else None


@dataclass(frozen=True)
class Fold:
    """One fold's rows and fit parameters (per-sample ones cut to its train rows)."""

    train: np.ndarray
    test: np.ndarray
    params: dict


def score_alphas_on_fold(
    model, key: str, alphas: np.ndarray, X, y, fold: Fold, scorer
) -> list[float]:
    """Fit a clone of ``model`` at each alpha on the fold's train rows; score its test.

    A top-level function, so process-based joblib backends can pickle it. The
    fold's rows are cut once for all its alphas.
    """
    X_train, y_train = _safe_indexing(X, fold.train), _safe_indexing(y, fold.train)
    X_test, y_test = _safe_indexing(X, fold.test), _safe_indexing(y, fold.test)
    scores = []
    for alpha in alphas:
        fitted = clone(model).set_params(**{key: alpha})
        try:
            fitted.fit(X_train, y_train, **fold.params)
            scores.append(float(scorer(fitted, X_test, y_test)))
        except Exception as error:
            where = f"{type(model).__name__} at alpha={alpha:g}"
            prefix_message(error, f"ManualAlphaSelection: {where} failed")
            raise
    return scores


def cv_splits(cv: Any, X, y, classifier: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    """The folds ``cross_val_score`` would make, listed once for every alpha."""
    splitter = check_cv(cv, y, classifier=classifier)
    try:
        return list(splitter.split(X, y))
    except ValueError as error:
        raise VizkitValueError(
            f"cv={plain(cv)!r} cannot split the data: {error} Pass more samples or "
            "fewer folds."
        ) from None


def alpha_parts(n_alphas: int, n_splits: int, n_jobs: int | None) -> int:
    """Into how many parts each fold's alphas are cut: about 4 jobs per worker.

    A job fits several alphas on one fold, so X is sent to a worker (and
    hashed by joblib's memmapping) once per job, not once per fit, and the
    fold's rows are cut once; enough jobs remain to keep every worker busy.
    """
    jobs_per_fold = math.ceil(4 * effective_n_jobs(n_jobs) / n_splits)
    return max(1, min(n_alphas, jobs_per_fold))


def cross_validate_alphas(
    model, key: str, alphas: np.ndarray, X, y, splits: list, scorer, params: dict,
    n_jobs: int | None, verbose: bool,
) -> np.ndarray:  # fmt: skip
    """The test score of every (alpha, fold), shape ``(n_alphas, n_splits)``.

    Every fit is independent of the others, so the results do not depend on
    ``n_jobs`` or on how the fits are grouped into jobs.
    """
    n_samples = len(y)
    folds = [Fold(tr, te, rows_of(params, tr, n_samples)) for tr, te in splits]
    parts = np.array_split(alphas, alpha_parts(len(alphas), len(folds), n_jobs))
    jobs = ((model, key, part, X, y, fold, scorer) for fold in folds for part in parts)
    scores = run_jobs(
        score_alphas_on_fold, jobs, total=len(folds) * len(parts), n_jobs=n_jobs,
        verbose=verbose, desc="ManualAlphaSelection", unit="job",
    )  # fmt: skip
    flat = np.asarray([score for job in scores for score in job], dtype=np.float64)
    return flat.reshape(len(folds), len(alphas)).T  # jobs ran fold by fold


def rows_of(params: dict, rows: np.ndarray, n_samples: int) -> dict:
    """Fit parameters with the per-sample ones (e.g. sample_weight) cut to ``rows``."""
    return {
        key: _safe_indexing(value, rows)
        if hasattr(value, "__len__") and len(value) == n_samples
        else value
        for key, value in params.items()
    }


# -- checks of ManualAlphaSelection's parameters ------------------------------------


def check_alphas(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    try:
        values = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        values = np.array([np.nan])
    ok = values.ndim == 1 and values.size > 0
    if not (ok and np.all(np.isfinite(values)) and np.all(values > 0)):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a non-empty 1-D list of "
            "positive numbers, e.g. alphas=np.logspace(-3, 3, 50), or None."
        )


def check_cv_param(value: Any, name: str, viz: Any) -> None:
    if value is None or (hasattr(value, "split") and not isinstance(value, str)):
        return
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if int(value) >= 2:
            return
    elif hasattr(value, "__iter__") and not isinstance(value, str):
        return  # (train, test) pairs
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass None (5 folds), a number of "
        "folds of at least 2, a splitter such as KFold(5, shuffle=True, "
        "random_state=0), or a list of (train, test) index pairs."
    )


def check_scoring_param(value: Any, name: str, viz: Any) -> None:
    if value is None or callable(value):
        return
    if not (isinstance(value, str) and value in get_scorer_names()):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass None (the model's own "
            "score, R^2 for a regressor), a scorer name such as "
            "'neg_mean_squared_error' (see sklearn.metrics.get_scorer_names()), "
            "or a callable scorer(estimator, X, y)."
        )


# -- the shared picture ---------------------------------------------------------------


class Curve(NamedTuple):
    """What one alpha visualizer draws, and how it is labelled."""

    values: np.ndarray  # the mean over folds, one per alpha
    errors: np.ndarray  # its standard error
    ylabel: str
    label: str  # of the curve, in the legend
    title: str  # the default title


def set_alpha_scale(ax, alphas: np.ndarray) -> None:
    """Log scale; symmetric log (linear near 0) when an alpha is 0 (LARS paths)."""
    positive = alphas[alphas > 0]
    if len(positive) == len(alphas):
        ax.set_xscale("log")
    elif len(positive):
        ax.set_xscale("symlog", linthresh=float(positive.min()))


@common_params
class AlphaCurve(RegressionScoreVisualizer):
    """What both alpha visualizers draw: a curve, its band, the chosen alpha.

    Subclasses store ``alphas_`` and ``alpha_`` and say what the curve is.
    """

    _params = {"band": P.boolean(draw=True), "color": P.color()}

    def _curve(self) -> Curve:
        raise NotImplementedError

    def draw(self) -> None:
        """The mean curve, one standard error each side, the chosen alpha."""
        values, errors, _, label, _ = self._curve()
        (curve,) = self.ax_.plot(
            self.alphas_, values, color=self.color, label=label, zorder=CURVE_ZORDER
        )
        self.lines_ = {"curve": curve}
        if self.band:
            self.ax_.fill_between(
                self.alphas_, values - errors, values + errors, linewidth=0,
                color=curve.get_color(), alpha=0.25, label="± 1 standard error",
            )  # fmt: skip
        self.lines_["alpha"] = self.ax_.axvline(
            self.alpha_, color=LINE_COLOR, linestyle="--", linewidth=1,
            label=rf"$\alpha$ = {self.alpha_:.3g}",
        )  # fmt: skip
        set_alpha_scale(self.ax_, self.alphas_)

    def finalize(self):
        """Title, axis labels and legend."""
        curve = self._curve()
        self.set_title(curve.title)
        self.ax_.set_xlabel("alpha")
        self.ax_.set_ylabel(curve.ylabel)
        self.ax_.legend(loc="best", frameon=True, fontsize="small")
        return self.ax_


def score_label(scoring: Any, estimator: Any) -> str:
    """How the y axis names the score."""
    if scoring is None:
        return "$R^2$" if is_regressor(estimator) else "score"
    if isinstance(scoring, str):
        return scoring.replace("_", " ")
    return getattr(scoring, "__name__", "score")
