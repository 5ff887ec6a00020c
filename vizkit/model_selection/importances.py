"""The features a fitted model relies on most, ranked from its own attributes.

:class:`FeatureImportances` reads what the model learned about each feature,
``feature_importances_`` (trees and their ensembles) or ``coef_`` (linear
models), and draws one bar per feature, largest at the top. For an ensemble
of trees it also draws how much the members disagree: the standard deviation
of the trees' own importances, as error bars. It fits the model once, on the
data given to ``fit``, or not at all when the model is already fitted; for a
model with neither attribute, use
:class:`vizkit.model_selection.PermutationImportance`.
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import is_classifier

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import ModelError, VizkitValueError, VizkitWarning
from vizkit.registry import MODEL, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.pipeline import final_step, pipeline_names
from vizkit.utils.validation import plain

#: The model attributes read, in order (Yellowbrick's order).
SOURCES = ("feature_importances_", "coef_")

# -- computations (arrays in, arrays out) -------------------------------------------


def model_importances(model: Any) -> tuple[np.ndarray, str]:
    """A fitted model's importances and the attribute they come from.

    ``feature_importances_`` is read first, then ``coef_`` (dense, as floats).
    A binary classifier's ``coef_`` of shape (1, n_features) is returned 1-D:
    its one row scores the positive class. Raises ModelError, pointing to
    PermutationImportance, for a model with neither attribute.
    """
    for source in SOURCES:
        try:
            values = getattr(model, source)
        except AttributeError:  # absent, or a property refusing (SVC's kernels)
            continue
        values = values.toarray() if sparse.issparse(values) else values
        values = np.asarray(values, dtype=np.float64)
        if values.ndim == 2 and values.shape[0] == 1:
            values = values[0]
        if values.ndim not in (1, 2):
            raise ModelError(
                f"{type(model).__name__}.{source} has shape {values.shape}, but "
                "FeatureImportances needs one value per feature (1-D) or one row "
                "per class (2-D)."
            )
        return values, source
    raise ModelError(
        f"{type(model).__name__} has neither coef_ nor feature_importances_, so "
        "FeatureImportances has no importances to draw; use "
        "vizkit.model_selection.PermutationImportance, which measures the "
        "importance of each feature for any fitted model."
    )


def ensemble_members(model: Any) -> list:
    """The fitted members of an ensemble (``estimators_``), flattened, or [].

    GradientBoosting keeps an array of shape (n_stages, n_trees_per_stage).
    """
    members = getattr(model, "estimators_", None)
    if members is None:
        return []
    if isinstance(members, np.ndarray):
        return list(members.ravel())
    return list(members)


def ensemble_spread(model: Any, n_features: int) -> np.ndarray | None:
    """Standard deviation of the members' ``feature_importances_``, per feature.

    ``np.std([t.feature_importances_ for t in model.estimators_], axis=0)``
    for a random forest, extra trees, gradient boosting (every tree of every
    stage) or AdaBoost of trees. None when the model is not such an ensemble
    (no members, or a member without importances of every feature).
    """
    members = ensemble_members(model)
    rows = [getattr(member, "feature_importances_", None) for member in members]
    if not rows or any(row is None or np.shape(row) != (n_features,) for row in rows):
        return None
    return np.std(np.asarray(rows, dtype=np.float64), axis=0)


def scale_importances(
    values: np.ndarray,
    spread: np.ndarray | None,
    relative: bool,
    absolute: bool,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Absolute values (``absolute``), then percent of the largest (``relative``).

    The spread is divided by the same largest absolute value, so the error
    bars keep their size relative to the bars. All-zero importances stay 0.
    """
    if absolute:
        values = np.abs(values)
    largest = float(np.max(np.abs(values))) if values.size else 0.0
    if relative and largest > 0:
        values = values / largest * 100.0
        spread = None if spread is None else spread / largest * 100.0
    return values, spread


def rank_features(values: np.ndarray, topn: int | None = None) -> np.ndarray:
    """Positions of the features to draw, from the bottom bar to the top one.

    1-D values are sorted ascending, so the largest bar is drawn on top;
    ``topn`` first keeps the ``topn`` largest by absolute value (negative:
    the ``-topn`` smallest), as Yellowbrick. Stacked (2-D) values are sorted
    by the total length of their bar (the sum of absolute values over the
    rows), and ``topn`` keeps the longest (or shortest) bars.
    """
    size = np.abs(values).sum(axis=0) if values.ndim == 2 else np.abs(values)
    by_size = np.argsort(size, kind="stable")
    if topn:
        by_size = by_size[-topn:] if topn > 0 else by_size[:-topn]
    if values.ndim == 2:
        return by_size
    return by_size[np.argsort(values[by_size], kind="stable")]


def stacked_lefts(values: np.ndarray) -> np.ndarray:
    """Where each segment of stacked bars starts (rows are stacked in order).

    Positive parts stack rightwards from 0 and negative parts leftwards, so
    a feature's bar spans the sum of its negative to the sum of its positive
    values.
    """
    positive, negative = np.maximum(values, 0.0), np.minimum(values, 0.0)
    before_positive = np.cumsum(positive, axis=0) - positive
    before_negative = np.cumsum(negative, axis=0) - negative
    return np.where(values > 0, before_positive, before_negative)


# -- feature names --------------------------------------------------------------------


def feature_labels(estimator: Any, X: Any, labels: Any, n_features: int) -> np.ndarray:
    """One name per importance.

    ``labels`` win (their number must match); then a Pipeline's feature
    names out, a frame's columns, the model's ``feature_names_in_``, each
    only when it has one name per importance; else ``x0, x1, ...``.
    """
    if labels is not None:
        names = np.asarray([str(label) for label in labels], dtype=object)
        if len(names) != n_features:
            model = type(final_step(estimator)).__name__
            raise VizkitValueError(
                f"labels has {len(names)} names but {model} has {n_features} "
                "importances (one per feature it was fitted on); give one label "
                "per feature, or labels=None to use the names of the data."
            )
        return names
    candidates = (
        pipeline_names(estimator),
        getattr(X, "columns", None),
        getattr(final_step(estimator), "feature_names_in_", None),
    )
    for found in candidates:
        if found is not None and len(found) == n_features:
            return np.asarray([str(name) for name in found], dtype=object)
    return np.asarray([f"x{i}" for i in range(n_features)], dtype=object)


# -- parameter checks ---------------------------------------------------------------


def _check_labels(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    if isinstance(value, str) or not hasattr(value, "__len__"):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not a list of names; pass one name per "
            "feature, e.g. labels=['age', 'income'], or None."
        )


def _check_topn(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a positive integer for "
            "the most important features, a negative one for the least "
            "important, or None for all."
        )


# -- the visualizer ------------------------------------------------------------------


@common_params
class FeatureImportances(ModelScoredVisualizer):
    """Bar chart of a model's features ranked by their importance.

    The importances are the fitted model's ``feature_importances_`` (trees
    and ensembles of trees) or ``coef_`` (linear models). For a Pipeline the
    last step is the model and the bars are named by the features it sees
    (``pipeline[:-1].get_feature_names_out()``). For an ensemble of trees
    (random forest, extra trees, gradient boosting, AdaBoost of trees) error
    bars show the standard deviation of the trees' own importances.

    Parameters
    ----------
    estimator : scikit-learn estimator or Pipeline
        A model with ``feature_importances_`` or ``coef_`` once fitted, or a
        Pipeline ending in one. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax}
    labels : list of str, default=None
        One name per feature. None uses the Pipeline's feature names, the
        columns of a DataFrame, the model's ``feature_names_in_``, or
        ``x0, x1, ...``.
    relative : bool, default=True
        Draw each importance as a percent of the largest absolute importance;
        False draws the model's values.
    absolute : bool, default=False
        Draw absolute values, so negative coefficients compare with positive
        ones.
    xlabel : str, default=None
        The x-axis label; None names what is drawn ("relative importance",
        "coefficient value", ...).
    stack : bool, default=False
        For a model with one row of coefficients per class (multiclass
        ``coef_``), draw one bar segment per class, stacked, with a legend.
        False draws the mean absolute coefficient over the classes. A model
        with one value per feature cannot be stacked (a warning says so).
    colors : list of colors or palette name, default=None
        Colours of the bars (unstacked) or of the classes (stacked). Wins
        over ``colormap``.
    colormap : str or matplotlib Colormap, default=None
        Colormap sampled for the bars or the classes when ``colors`` is None.
        Neither gives one colour for every bar, or one per class.
    {common: is_fitted}
    topn : int, default=None
        Draw only the ``topn`` features of largest absolute importance, or
        with a negative number the ``-topn`` of smallest. None draws all.
    spread : bool, default=True
        Draw ``feature_importances_std_`` (the spread across an ensemble's
        trees) as error bars; it is computed either way.
    {common: fig, title, size}

    Attributes
    ----------
    features_ : ndarray of str of shape (n_shown,)
        The names of the drawn features, bottom bar first.
    feature_importances_ : ndarray of shape (n_shown,) or (n_classes, n_shown)
        Their importances as drawn (relative and absolute applied), in the
        order of ``features_``; one row per class when stacked.
    feature_importances_std_ : ndarray of shape (n_shown,) or None
        The standard deviation of the ensemble's trees' importances, scaled
        as ``feature_importances_``; None for a model that is not an
        ensemble of trees.
    classes_ : ndarray or None
        The classifier's classes; None for a regressor.
    score_ : float
        After ``score(X, y)``: the model's own score (accuracy, R^2...).
    bars_ : list of matplotlib BarContainer
        The drawn bars: one container, or one per class when stacked.
    legend_ : matplotlib Legend
        The legend of the classes, when stacked.

    Examples
    --------
    >>> from sklearn.ensemble import RandomForestClassifier
    >>> from vizkit.model_selection import FeatureImportances
    >>> viz = FeatureImportances(RandomForestClassifier(random_state=0))
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.features_[-1], viz.feature_importances_std_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "labels": P.Param(_check_labels),
        "relative": P.boolean(),
        "absolute": P.boolean(),
        "xlabel": P.anything(draw=True),
        "stack": P.boolean(),
        "colors": P.colors(),
        "colormap": P.colormap(),
        "topn": P.Param(_check_topn),
        "spread": P.boolean(draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        labels=None,
        relative=True,
        absolute=False,
        xlabel=None,
        stack=False,
        colors=None,
        colormap=None,
        is_fitted="auto",
        topn=None,
        spread=True,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.labels = labels
        self.relative = relative
        self.absolute = absolute
        self.xlabel = xlabel
        self.stack = stack
        self.colors = colors
        self.colormap = colormap
        self.is_fitted = is_fitted
        self.topn = topn
        self.spread = spread
        self.fig = fig
        self.title = title
        self.size = size

    def fit(self, X, y=None, **kwargs):
        """Fit the model (unless it is fitted) and rank its features.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it (a DataFrame names the features).
        y : array-like of shape (n_samples,), default=None
            The target.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        self._check_fit_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        model = final_step(self.estimator)
        values, self._source = model_importances(model)
        self.classes_ = (
            np.asarray(self.estimator.classes_)
            if is_classifier(self.estimator) and hasattr(self.estimator, "classes_")
            else None
        )
        values = self._per_feature(values)
        n_features = values.shape[-1]
        self._check_topn_fits(n_features)
        names = feature_labels(self.estimator, X, self.labels, n_features)
        values, spread = scale_importances(
            values, ensemble_spread(model, n_features), self.relative, self.absolute
        )
        order = rank_features(values, self.topn)
        self.features_ = names[order]
        self.feature_importances_ = values[..., order]
        self.feature_importances_std_ = None if spread is None else spread[order]
        return self

    def _per_feature(self, values: np.ndarray) -> np.ndarray:
        """Rows per class when stacking them, else one value per feature.

        Unstacked per-class coefficients become their mean absolute value
        over the classes: a multinomial model's coefficients sum to zero over
        the classes, so their plain mean (Yellowbrick's) is rounding noise.
        """
        self._class_mean = values.ndim == 2 and not self.stack
        if self.stack and values.ndim == 1:
            warnings.warn(
                f"stack=True draws one bar segment per class, but "
                f"{type(final_step(self.estimator)).__name__}.{self._source} has "
                "one value per feature (a binary or non-linear model), so one bar "
                "per feature is drawn; pass stack=False.",
                VizkitWarning,
                stacklevel=4,
            )
        return np.abs(values).mean(axis=0) if self._class_mean else values

    def _check_topn_fits(self, n_features: int) -> None:
        """Refuse a topn beyond the number of features; topn=0 shows all."""
        if self.topn == 0:
            warnings.warn(
                "topn=0 draws every feature, as in Yellowbrick; pass topn=None "
                "for all, or a positive (negative) number for the most (least) "
                "important features.",
                VizkitWarning,
                stacklevel=4,
            )
        elif self.topn is not None and abs(self.topn) > n_features:
            raise VizkitValueError(
                f"topn={self.topn} asks for more features than the {n_features} "
                f"the model has; pass a topn from -{n_features} to {n_features}, "
                "or None for all."
            )

    # -- drawing -------------------------------------------------------------------

    def _colors(self, n_colors: int) -> list[str]:
        if self.colors is None and self.colormap is None:
            return resolve_colors(1) * n_colors  # the colour encodes nothing
        return resolve_colors(n_colors, self.colormap, self.colors)

    def _row_labels(self) -> list[str]:
        rows = self.feature_importances_.shape[0]
        if self.classes_ is not None and len(self.classes_) == rows:
            return [str(c) for c in self.classes_]
        return [f"output {i}" for i in range(rows)]

    def draw(self) -> None:
        """One horizontal bar per feature, stacked by class or with error bars."""
        values = self.feature_importances_
        positions = np.arange(len(self.features_))
        if values.ndim == 2:
            self.bars_ = self._draw_stacked(positions)
        else:
            self.bars_ = [self._draw_bars(positions)]
        if np.any(values < 0):
            self.ax_.axvline(0, color=LINE_COLOR, linewidth=0.8)
        self.ax_.set_yticks(positions, labels=[str(f) for f in self.features_])

    def _draw_bars(self, positions: np.ndarray):
        """One bar per feature, the spread across trees as error bars."""
        values = self.feature_importances_
        spread = self.feature_importances_std_ if self.spread else None
        error_style = {"ecolor": LINE_COLOR, "capsize": 3, "elinewidth": 1}
        colors = self._colors(len(values))
        return self.ax_.barh(
            positions, values, color=colors, xerr=spread, error_kw=error_style
        )

    def _draw_stacked(self, positions: np.ndarray) -> list:
        """One bar segment per class and feature, each class in its colour."""
        values = self.feature_importances_
        colors = resolve_colors(len(values), self.colormap, self.colors)
        rows = zip(values, stacked_lefts(values), colors, self._row_labels())
        return [
            self.ax_.barh(positions, row, left=left, color=color, label=label)
            for row, left, color, label in rows
        ]

    def _count_title(self) -> str:
        count = len(self.features_)
        if self.topn:
            return f"Top {count}" if self.topn > 0 else f"Bottom {count}"
        return str(count)

    def _default_xlabel(self) -> str:
        if self._source == "feature_importances_":
            return "relative importance" if self.relative else "feature importance"
        if self._class_mean:
            what = "mean absolute coefficient over classes"
            return f"relative {what}" if self.relative else what
        if self.relative:
            return "relative coefficient magnitude"
        return "coefficient value"

    def finalize(self):
        """Title, x label, feature names and (stacked) the legend of classes."""
        # Two lines: beside long feature names a one-line title runs off the figure.
        self.set_title(
            f"Feature Importances of {self._count_title()} Features\nusing {self.name}"
        )
        self.ax_.set_xlabel(self.xlabel or self._default_xlabel())
        self.ax_.grid(False, axis="y")
        fit_tick_labels(self.ax_, "y")
        if self.feature_importances_.ndim == 2:
            self.legend_ = self.ax_.legend(
                title="class" if self.classes_ is not None else None,
                loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=True,
            )  # fmt: skip
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the names and the legend
        return self.ax_


feature_importances = declare(
    FeatureImportances,
    kind=MODEL,
    quick="feature_importances",
    example=examples.classification,
)
