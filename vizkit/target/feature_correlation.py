"""Correlation of each feature with the target, as a horizontal bar chart."""

from __future__ import annotations

import dataclasses
import inspect
import warnings
from typing import Any

import numpy as np
from sklearn.feature_selection import mutual_info_classif, mutual_info_regression
from sklearn.utils.multiclass import type_of_target

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.features.base import FeatureVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.style import resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import constant_columns, feature_names, warn_constant
from vizkit.utils.validation import check_target, check_X, plain

#: The x axis label of each method (Yellowbrick's).
CORRELATION_LABELS = {
    "pearson": "Pearson Correlation",
    "mutual_info-regression": "Mutual Information",
    "mutual_info-classification": "Mutual Information",
}
MUTUAL_INFO = {
    "mutual_info-regression": mutual_info_regression,
    "mutual_info-classification": mutual_info_classif,
}
#: Rows per block in the Pearson sums: bounds the temporary copy of X.
CHUNK_ROWS = 65_536
#: How many feature names an error lists.
NAMES_SHOWN = 10


# -- computations (arrays in, arrays out) -----------------------------------------


def pearson_scores(
    X: np.ndarray, y: np.ndarray, constant: np.ndarray | None = None
) -> np.ndarray:
    """Pearson's r of every column of ``X`` with ``y`` (``scipy.stats.pearsonr``).

    Two passes, centred as scipy does, summed over blocks of rows so the
    temporary copy stays small. Constant columns (``constant``, found here
    when None) and a constant ``y`` give NaN, as scipy returns them.
    """
    y_centred = y - y.mean()
    x_mean = X.mean(axis=0)
    cross = np.zeros(X.shape[1])
    squares = np.zeros(X.shape[1])
    for start in range(0, len(X), CHUNK_ROWS):
        block = X[start : start + CHUNK_ROWS] - x_mean
        cross += y_centred[start : start + CHUNK_ROWS] @ block
        squares += np.einsum("ij,ij->j", block, block)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = cross / np.sqrt(squares * (y_centred @ y_centred))
    r = np.clip(r, -1.0, 1.0)
    r[constant_columns(X) if constant is None else constant] = np.nan
    if np.all(y == y[0]):
        r[:] = np.nan
    return r


def mutual_info_scores(
    X: np.ndarray, y: np.ndarray, method: str, **options: Any
) -> np.ndarray:
    """``mutual_info_regression`` or ``mutual_info_classif`` of X with y."""
    return np.asarray(MUTUAL_INFO[method](X, y, **options), dtype=np.float64)


def chosen_index(
    names: np.ndarray, feature_index: Any, wanted_names: Any
) -> np.ndarray | None:
    """Positions of the chosen columns, or None for all of them.

    By ``feature_index`` (positions) if given, else by ``wanted_names``
    (names among ``names``); an unknown position or name is an error that
    lists what exists.
    """
    if feature_index is not None:
        return _positions(feature_index, len(names))
    if wanted_names is None:
        return None
    wanted = [str(name) for name in np.ravel(np.asarray(wanted_names, dtype=object))]
    if not wanted:
        raise VizkitValueError(
            "feature_names is empty; name at least one feature, or pass None "
            "for all of them."
        )
    lookup = {str(name): i for i, name in enumerate(names)}
    unknown = [name for name in wanted if name not in lookup]
    if unknown:
        raise VizkitValueError(
            f"feature_names contains {unknown[:3]}, which are not features of X; "
            f"the features are {_listed(names)} (set them with labels= or a "
            "frame's columns)."
        )
    return np.asarray([lookup[name] for name in wanted], dtype=np.intp)


def _positions(feature_index: Any, n_features: int) -> np.ndarray:
    index = np.ravel(np.asarray(feature_index))
    if index.size == 0 or index.dtype.kind not in "iu":
        what = "is empty" if index.size == 0 else "holds non-integers"
        raise VizkitValueError(
            f"feature_index {what}; pass column positions from 0 to "
            f"{n_features - 1}, or None for all features."
        )
    bad = index[(index < 0) | (index >= n_features)]
    if bad.size:
        raise VizkitValueError(
            f"feature_index contains {plain(bad[0])}, but X has {n_features} "
            f"columns; pass positions from 0 to {n_features - 1}."
        )
    return index.astype(np.intp)


def _listed(names: np.ndarray) -> str:
    shown = [str(name) for name in names[:NAMES_SHOWN]]
    more = f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else ""
    return f"{shown}{more}"


def chosen_discrete(discrete: Any, index: np.ndarray | None, n_features: int) -> Any:
    """``discrete_features`` for the chosen columns only (a mask, or as given)."""
    if index is None or isinstance(discrete, (bool, str, np.bool_)):
        return discrete
    given = np.ravel(np.asarray(discrete))
    mask = np.zeros(n_features, dtype=bool)
    if given.dtype == bool:
        if len(given) != n_features:
            raise VizkitValueError(
                f"discrete_features has {len(given)} entries but X has "
                f"{n_features} columns; give one True/False per column."
            )
        mask = given
    else:
        mask[_positions(given, n_features)] = True
    return mask[index]


# -- the visualizer ------------------------------------------------------------------


@common_params
class FeatureCorrelation(FeatureVisualizer):
    """Bar chart of the correlation of each feature with the target.

    Pearson's r (``scipy.stats.pearsonr``, computed for all columns at
    once) or the mutual information (``mutual_info_regression`` for a
    continuous target, ``mutual_info_classif`` for classes) of each feature
    with ``y``, one horizontal bar per feature. A transformer: ``transform``
    returns X unchanged, so it can sit mid-Pipeline.

    Parameters
    ----------
    {common: ax}
    method : str, default="pearson"
        How each feature is related to the target: "pearson",
        "mutual_info-regression" (continuous target) or
        "mutual_info-classification" (class labels).
    labels : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``.
    sort : bool, default=False
        Order the bars by score, the largest on top; else in column order
        from the bottom.
    feature_index : list of int, default=None
        Positions of the columns to score and draw (give it or
        ``feature_names``, not both). None scores every column.
    feature_names : list of str, default=None
        Names of the columns to score and draw, among ``labels`` or the
        frame's columns.
    color : color, default=None
        The colour of the bars; None uses the first colour of the colour cycle.
    random_state : int, RandomState instance or None, default=None
        Seed of the small noise the mutual information estimators add to
        continuous features (passed to scikit-learn's functions). Not in
        Yellowbrick, whose docs passed it to ``fit``, which still works.
    discrete_features : "auto", bool or array-like, default="auto"
        Which columns the mutual information treats as discrete: as
        scikit-learn's ``discrete_features`` (a mask or positions over all
        columns of X). Not in Yellowbrick (passed to ``fit`` there).
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Features correlation with
        dependent variable".
    {common: size}

    Attributes
    ----------
    scores_ : ndarray of shape (n_chosen,)
        The score of each drawn feature (NaN where undefined), in drawing
        order (bottom to top).
    features_ : ndarray of str, shape (n_chosen,)
        The names of the drawn features, in the order of ``scores_``.
    n_features_in_ : int
        The number of columns of X.
    feature_names_in_ : ndarray of str
        The column names of X, when X was a pandas or polars frame.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from vizkit.target import FeatureCorrelation
    >>> data = load_diabetes()
    >>> viz = FeatureCorrelation(labels=data.feature_names, sort=True)
    >>> viz.fit(data.data, data.target).features_[-1]
    'bmi'
    """

    _params = {
        "method": P.choice(*CORRELATION_LABELS),
        "labels": P.anything(),
        "sort": P.boolean(),
        "feature_index": P.anything(),
        "feature_names": P.anything(),
        "random_state": P.random_state(),
        "discrete_features": P.anything(),
    }

    def __init__(
        self,
        ax=None,
        method="pearson",
        labels=None,
        sort=False,
        feature_index=None,
        feature_names=None,
        color=None,
        random_state=None,
        discrete_features="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.ax = ax
        self.method = method
        self.labels = labels
        self.sort = sort
        self.feature_index = feature_index
        self.feature_names = feature_names
        self.color = color
        self.random_state = random_state
        self.discrete_features = discrete_features
        self.fig = fig
        self.title = title
        self.size = size

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags = dataclasses.replace(tags.target_tags, required=True)
        return tags

    def _check_params_together(self) -> None:
        if self.feature_index is not None and self.feature_names is not None:
            raise VizkitValueError(
                "feature_index and feature_names were both given; choose the "
                "features by position or by name, not both."
            )

    def fit(self, X, y=None, **kwargs):
        """Score every chosen feature against the target.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars).
        y : array-like of shape (n_samples,)
            The target (required).
        **kwargs
            Keyword arguments of the mutual information function (e.g.
            ``n_neighbors``), winning over ``random_state`` and
            ``discrete_features``, as Yellowbrick's ``fit`` passed them on.

        Returns
        -------
        self
        """
        if y is None:
            raise VizkitValueError(
                "FeatureCorrelation requires y to be passed, but the target y is "
                "None; pass the target of every row of X: fit(X, y)."
            )
        options = self._options(kwargs)
        # Pearson needs two rows; the k-nearest-neighbour estimators k + 1.
        least = 2 if self.method == "pearson" else options.get("n_neighbors", 3) + 1
        X_array = check_X(X, numeric=True, min_samples=least)
        y_array = check_target(y, n_samples=X_array.shape[0])
        self._record_input(X)
        names = feature_names(X, self.labels, X_array.shape[1])
        index = chosen_index(names, self.feature_index, self.feature_names)
        chosen = X_array if index is None else X_array[:, index]
        chosen_names = names if index is None else names[index]
        scores = self._scores(chosen, y_array, chosen_names, options, index)
        order = np.argsort(scores, kind="stable") if self.sort else slice(None)
        self.scores_ = scores[order]
        self.features_ = chosen_names[order]
        self._names_in = names
        return self

    def _options(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The keyword arguments of the mutual information function, or {}."""
        if self.method == "pearson":
            if kwargs:
                warnings.warn(
                    f"FeatureCorrelation ignores {sorted(kwargs)} with "
                    "method='pearson' (they only act on mutual information).",
                    VizkitWarning,
                    stacklevel=3,
                )
            return {}
        accepted = set(inspect.signature(MUTUAL_INFO[self.method]).parameters)
        unknown = sorted(set(kwargs) - accepted - {"X", "y"})
        if unknown:
            raise VizkitValueError(
                f"fit got {unknown}, which {MUTUAL_INFO[self.method].__name__} does "
                f"not take; pass only {sorted(accepted - {'X', 'y'})}."
            )
        options = {
            "random_state": self.random_state,
            "discrete_features": self.discrete_features,
        }
        return {**options, **kwargs}

    def _scores(self, X, y, names, options, index) -> np.ndarray:
        if self.method == "pearson":
            y = _numeric(y, self.method)
            constant = constant_columns(X)
            _warn_undefined(names, constant, y)
            return pearson_scores(X, y, constant)
        if self.method == "mutual_info-regression":
            y = _numeric(y, self.method)
        else:
            _check_classes(y)
        options = dict(options)
        options["discrete_features"] = chosen_discrete(
            options["discrete_features"], index, self.n_features_in_
        )
        return mutual_info_scores(X, y, self.method, **options)

    def _check_data(self, X):
        return check_X(X, numeric=True)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the columns ``transform`` returns: all those of X.

        Parameters
        ----------
        input_features : array-like of str, default=None
            Names of the input columns; None uses the names seen in ``fit``.

        Returns
        -------
        ndarray of str
        """
        self._check_fitted("get_feature_names_out")
        if input_features is not None:
            return self._check_input_features(input_features)
        return np.asarray([str(name) for name in self._names_in], dtype=object)

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """Draw one horizontal bar per feature; an undefined score stays blank."""
        color = resolve_colors(1, None, self.color)[0]
        positions = np.arange(len(self.scores_)) + 0.5
        self.bars_ = self.ax_.barh(positions, self.scores_, color=color)
        self.ax_.set_yticks(positions, labels=[str(f) for f in self.features_])

    def finalize(self):
        """Add the title, the x label and fit the feature names."""
        self.set_title("Features correlation with dependent variable")
        self.ax_.set_xlabel(CORRELATION_LABELS[self.method])
        self.ax_.grid(False, axis="y")
        fit_tick_labels(self.ax_, "y")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for long feature names on the left
        return self.ax_


def _warn_undefined(names: np.ndarray, constant: np.ndarray, y: np.ndarray) -> None:
    """One warning for constant columns, one for a constant target."""
    warn_constant(names, constant, "Pearson correlation")
    if np.all(y == y[0]):
        warnings.warn(
            "y is constant, so the Pearson correlation is undefined for every "
            "feature: the bars are left blank.",
            VizkitWarning,
            stacklevel=5,
        )


def _check_classes(y: np.ndarray) -> None:
    kind = type_of_target(y)
    if kind not in ("binary", "multiclass"):
        raise VizkitValueError(
            f"y is not a class label target (its type is {kind!r}), but "
            "method='mutual_info-classification' needs classes; use "
            "method='mutual_info-regression' for a continuous target."
        )


def _numeric(y: np.ndarray, method: str) -> np.ndarray:
    try:
        return y.astype(np.float64, copy=False)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"y holds non-numeric values (dtype {y.dtype}), but method={method!r} "
            "needs a numeric target; use method='mutual_info-classification' for "
            "class labels."
        ) from None


feature_correlation = declare(
    FeatureCorrelation,
    kind=TRANSFORMER,
    quick="feature_correlation",
    example=examples.features,
)
