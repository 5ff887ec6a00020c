"""Feature-dropping curve: score against the number of randomly kept features.

:class:`DroppingCurve` keeps random subsets of the features, of growing
sizes, and cross-validates the model on each: the training and validation
score against the number of features. A curve that flattens early says a few
random features already carry most of the signal (the features are
redundant); one that keeps rising says each feature adds information. In
neural decoding this is the "neuron dropping curve".
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils import indexable

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelVisualizer
from vizkit.draw import CURVE_ZORDER
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.model_selection._curves import fit_model, score_fitted_model
from vizkit.model_selection._cv import (
    FoldData,
    FoldJob,
    check_cv_param,
    check_pre_dispatch_param,
    check_scorer,
    check_splits,
    run_fold_jobs,
    score_table,
)
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import class_colors
from vizkit.utils.docs import common_params

#: Yellowbrick's feature sizes: ``np.linspace(0.1, 1.0, 5)`` (immutable here).
DEFAULT_FEATURE_SIZES = tuple(np.linspace(0.1, 1.0, 5).tolist())
#: The two curves, in drawing (and colour) order: (attribute prefix, label).
CURVES = (
    ("train_scores", "Training Score"),
    ("valid_scores", "Cross Validation Score"),
)


# -- computations (arrays in, arrays out) -------------------------------------------


def feature_counts(feature_sizes, n_features: int) -> np.ndarray:
    """The numbers of features to keep, sorted, without duplicates.

    Floats are fractions of ``n_features``, rounded up as in Yellowbrick
    (0.1 of 5 features keeps 1); integers are counts.
    """
    sizes = np.asarray(feature_sizes)
    if np.issubdtype(sizes.dtype, np.floating):
        counts = np.ceil(n_features * sizes).astype(int)
    else:
        counts = sizes.astype(int)
        if counts.max() > n_features:
            raise VizkitValueError(
                f"feature_sizes asks for {counts.max()} features, but X has "
                f"{n_features}; pass counts between 1 and {n_features}, or "
                "fractions in (0, 1]."
            )
    return np.unique(counts)


def random_feature_scores(n_features: int, random_state) -> np.ndarray:
    """A random score per feature: the features are kept best score first.

    Yellowbrick's draw for an int seed (or None): standard normal scores from
    ``np.random.default_rng(random_state)``. A ``RandomState`` draws them itself.
    """
    if isinstance(random_state, np.random.RandomState):
        return random_state.standard_normal(n_features)
    return np.random.default_rng(random_state).standard_normal(n_features)


def feature_subsets(scores: np.ndarray, counts: np.ndarray) -> list[np.ndarray]:
    """The ``k`` best-scored column indices for each ``k`` in ``counts``.

    As ``SelectKBest`` keeps them (its stable sort, columns in their
    original order), so each subset contains the smaller ones.
    """
    order = np.argsort(scores, kind="mergesort")
    return [np.sort(order[len(order) - count :]) for count in counts]


def dropping_jobs(splits: list[tuple], subsets: list[np.ndarray]) -> list[FoldJob]:
    """Every (subset, split) fit, subset-major: scores reshape to (n_sizes, n_folds)."""
    return [
        FoldJob(train, test, fold, len(splits), columns=columns)
        for columns in subsets
        for fold, (train, test) in enumerate(splits)
    ]


# -- parameter checks ---------------------------------------------------------------


def _check_feature_sizes(value: Any, name: str, viz: Any) -> None:
    sizes = np.asarray(value) if not isinstance(value, str) else np.asarray([])
    numeric = sizes.dtype.kind in "iuf"
    if sizes.ndim != 1 or sizes.size == 0 or not numeric:
        raise VizkitValueError(
            f"{name} must be a non-empty 1-D sequence of fractions in (0, 1] or "
            "of feature counts; e.g. np.linspace(0.1, 1.0, 5)."
        )
    if sizes.dtype.kind == "f" and (sizes.min() <= 0 or sizes.max() > 1):
        raise VizkitValueError(
            f"{name} holds fractions outside (0, 1] (from {sizes.min():g} to "
            f"{sizes.max():g}); pass fractions of the features in (0, 1], or "
            "whole feature counts."
        )
    if sizes.dtype.kind in "iu" and sizes.min() < 1:
        raise VizkitValueError(
            f"{name} asks for {sizes.min()} features; pass counts of at least 1, "
            "or fractions in (0, 1]."
        )


# -- the visualizer -----------------------------------------------------------------


@common_params
class DroppingCurve(ModelVisualizer):
    """Training and cross-validation score against a random number of features.

    For each of ``feature_sizes``, a clone of the model is cross-validated on
    a random subset of that many columns of X. The subsets come from one
    random score per feature (drawn from ``random_state``, as Yellowbrick
    draws them): each size keeps the best-scored features, so a larger
    subset contains the smaller ones. Lines are the mean over the folds,
    bands one standard deviation. Like every vizkit model visualizer, ``fit``
    then fits the given model on all of ``X`` unless it is already fitted
    (see ``is_fitted``).

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model to score; cloned for every fit.
    {common: ax}
    feature_sizes : array-like of shape (n_values,), default=np.linspace(0.1, 1.0, 5)
        Floats are fractions in (0, 1] of the number of features (rounded
        up), integers are numbers of features. Duplicates are dropped.
    groups : array-like of shape (n_samples,), default=None
        Group labels of the rows, for group splitters (``GroupKFold``...).
    logx : bool, default=False
        Draw the number of features on a logarithmic axis.
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
    random_state : int, RandomState or None, default=None
        Seeds the random feature subsets: an int gives Yellowbrick's subsets
        for that seed, and the same ones on every call. None draws new ones
        for every ``fit`` (one draw for all sizes and folds).
    {common: is_fitted, verbose, fig, title, size}

    Attributes
    ----------
    feature_sizes_ : ndarray of shape (n_unique_sizes,)
        The numbers of features used.
    feature_subsets_ : list of ndarray
        The column indices kept at each size, in column order.
    train_scores_, valid_scores_ : ndarray of shape (n_unique_sizes, n_splits)
        Scores on the training rows and on the test rows of each split.
    train_scores_mean_, train_scores_std_ : ndarray of shape (n_unique_sizes,)
        Their mean and (population) standard deviation across the splits
        (likewise ``valid_scores_mean_`` and ``valid_scores_std_``).
    classes_ : ndarray
        The fitted classifier's classes (classifiers only).
    lines_, bands_ : dict of matplotlib artists
        The drawn mean lines and bands, under "train_scores" and "valid_scores".

    Examples
    --------
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from vizkit.model_selection import DroppingCurve
    >>> viz = DroppingCurve(GaussianNB(), random_state=0)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "feature_sizes": P.Param(_check_feature_sizes),
        "groups": P.anything(),
        "logx": P.boolean(draw=True),
        "cv": P.Param(check_cv_param),
        "scoring": P.anything(),
        "n_jobs": P.n_jobs(),
        "pre_dispatch": P.Param(check_pre_dispatch_param),
        "random_state": P.random_state(),
        "verbose": P.boolean(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        feature_sizes=DEFAULT_FEATURE_SIZES,
        groups=None,
        logx=False,
        cv=None,
        scoring=None,
        n_jobs=None,
        pre_dispatch="all",
        random_state=None,
        is_fitted="auto",
        verbose=False,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.feature_sizes = feature_sizes
        self.groups = groups
        self.logx = logx
        self.cv = cv
        self.scoring = scoring
        self.n_jobs = n_jobs
        self.pre_dispatch = pre_dispatch
        self.random_state = random_state
        self.is_fitted = is_fitted
        self.verbose = verbose
        self.fig = fig
        self.title = title
        self.size = size

    def fit(self, X, y=None, **kwargs):
        """Cross-validate a clone of the model on each random feature subset.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data: an array, a sparse matrix or a DataFrame.
        y : array-like of shape (n_samples,), default=None
            The target (None for unsupervised models).
        **kwargs
            Passed to every fit (per-sample arrays such as ``sample_weight``
            cut to the training rows).

        Returns
        -------
        self
        """
        self._check_fit_data(X, y)
        rows = np.asarray(X) if isinstance(X, list) else X  # lists have no columns
        rows, y_rows, groups = indexable(rows, y, self.groups)
        n_features = self._n_features()
        counts = feature_counts(self.feature_sizes, n_features)
        scores = random_feature_scores(n_features, self.random_state)
        subsets = feature_subsets(scores, counts)
        splits = check_splits(self.cv, rows, y_rows, self.estimator, groups)
        scorer = check_scorer(self.estimator, self.scoring)
        data = FoldData(rows, y_rows, scorer, kwargs, type(self).__name__)
        results = run_fold_jobs(
            self.estimator, data, dropping_jobs(splits, subsets),
            n_jobs=self.n_jobs, verbose=self.verbose, pre_dispatch=self.pre_dispatch,
        )  # fmt: skip
        self.feature_sizes_, self.feature_subsets_ = counts, subsets
        self._store_scores(results, (len(counts), len(splits)))
        fit_model(self, X, y, kwargs)
        return self

    def _store_scores(self, results: list, shape: tuple[int, int]) -> None:
        """The (n_sizes, n_folds) score tables, their means and deviations."""
        for prefix, field in (("train", "train_score"), ("valid", "test_score")):
            table = score_table(results, shape, field)
            setattr(self, f"{prefix}_scores_", table)
            setattr(self, f"{prefix}_scores_mean_", table.mean(axis=1))
            setattr(self, f"{prefix}_scores_std_", table.std(axis=1))

    def _n_features(self) -> int:
        n_features = self.__dict__.get("n_features_in_")
        if n_features is None:
            raise VizkitValueError(
                "X has no columns to drop (DroppingCurve keeps subsets of the "
                "features); pass X as a 2-D array, sparse matrix or DataFrame."
            )
        return int(n_features)

    def score(self, X, y=None):
        """The fitted model's ``scoring`` on ``(X, y)``, with all the features.

        Returns
        -------
        score : float
        """
        if "valid_scores_" not in self.__dict__:
            raise NotFitted.from_estimator(self, "score")
        return score_fitted_model(self, X, y, self.scoring)

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """Each curve's mean line and its band of one standard deviation."""
        x = self.feature_sizes_
        self.lines_, self.bands_ = {}, {}
        for (key, label), color in zip(CURVES, class_colors(len(CURVES))):
            mean = getattr(self, f"{key}_mean_")
            std = getattr(self, f"{key}_std_")
            self.bands_[key] = self.ax_.fill_between(
                x, mean - std, mean + std, alpha=0.25, color=color, linewidth=0
            )
            (self.lines_[key],) = self.ax_.plot(
                x, mean, "o-", color=color, label=label, zorder=CURVE_ZORDER
            )
        if self.logx:
            _log_axis_at(self.ax_, x)
        else:
            self.ax_.set_xscale("linear")  # a redraw on an Axes made logarithmic

    def finalize(self):
        """Title, axis labels and legend."""
        self.set_title(f"Random-feature dropping curve for {self.name}")
        self.ax_.set_xlabel("number of features")
        self.ax_.set_ylabel("score")
        self.ax_.legend(frameon=True, loc="best")
        return self.ax_


def _log_axis_at(ax, ticks: np.ndarray) -> None:
    """A log x axis labelled with plain numbers at ``ticks`` (no minor labels)."""
    from matplotlib.ticker import FixedLocator, NullLocator, ScalarFormatter

    ax.set_xscale("log")
    ax.xaxis.set_major_locator(FixedLocator(ticks.tolist()))
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_locator(NullLocator())


dropping_curve = declare(
    DroppingCurve,
    kind=REPEATED_FIT,
    quick="dropping_curve",
    example=examples.classification,
)
