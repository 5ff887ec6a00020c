"""SHAP summary: how much each feature pushes each prediction, over many rows.

:class:`ShapSummary` computes SHAP values with the optional ``shap`` package
(``pip install vizkit[shap]``) and draws them itself with matplotlib: a
beeswarm (per feature, a row of points at each explained row's SHAP value,
coloured by the feature's value) or a bar of the mean absolute SHAP value per
feature, most important at the top. shap is only used to compute: its own
plots call ``plt.show()`` and draw on pyplot's global figure, which a
visualizer must not do. ``shap`` is imported inside ``fit``, so importing
vizkit stays fast and works without it.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from sklearn.base import is_classifier
from sklearn.utils import _safe_indexing, get_tags

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.exceptions import VizkitImportError, VizkitValueError
from vizkit.model_selection.importances import feature_labels
from vizkit.registry import MODEL, declare
from vizkit.style import LINE_COLOR, class_colors, get_colormap
from vizkit.utils.docs import common_params
from vizkit.utils.pipeline import final_step
from vizkit.utils.sampling import sample_rows
from vizkit.utils.validation import check_classes, check_X, plain

KINDS = ("beeswarm", "bar")
ALGORITHMS = ("auto", "tree", "linear", "permutation", "exact")
#: Half the height of a beeswarm row: rows are 1 apart, so they never touch.
SWARM_HALF_HEIGHT = 0.4
#: SHAP-value bins per row in which points are stacked apart.
SWARM_BINS = 100
#: Feature values are coloured between these percentiles (outliers saturate).
COLOR_PERCENTILES = (5, 95)
#: Above this many points the beeswarm is rasterised (a light vector file).
RASTERIZE_POINTS = 5_000
#: Colour of points whose feature value is missing.
MISSING_COLOR = "#999999"


def import_shap():
    """The ``shap`` module, or a VizkitImportError naming the extra to install."""
    try:
        import shap
    except ImportError as error:
        raise VizkitImportError(
            "ShapSummary needs the optional shap package, which is not "
            "installed: pip install vizkit[shap] (or pip install shap)."
        ) from error
    return shap


# -- computations (arrays in, arrays out) ------------------------------------------


def mean_abs_shap(values: np.ndarray) -> np.ndarray:
    """Mean absolute SHAP value per feature (and per output): (f,) or (f, k)."""
    return np.abs(values).mean(axis=0)


def feature_ranking(importance: np.ndarray, max_display: int | None) -> np.ndarray:
    """Feature indices, most important first, at most ``max_display`` of them.

    ``importance`` is one value per feature, or one per feature and output
    (ranked by their sum). Ties keep column order.
    """
    total = importance.sum(axis=1) if importance.ndim == 2 else importance
    order = np.argsort(-total, kind="stable")
    return order if max_display is None else order[:max_display]


def swarm_offsets(values: np.ndarray, n_bins: int = SWARM_BINS) -> np.ndarray:
    """Vertical offsets that spread the points of one beeswarm row apart.

    The values are cut into ``n_bins`` equal bins; the points of a bin are
    stacked alternately above and below the row's centre line, so a bin's
    height shows how many rows share that SHAP value. Offsets are scaled so
    the fullest bin spans ``+/- SWARM_HALF_HEIGHT``.
    """
    if len(values) == 0:
        return np.zeros(0)
    low, span = values.min(), np.ptp(values)
    bins = np.zeros(len(values), dtype=int)
    if span > 0:
        bins = np.minimum((values - low) / span * n_bins, n_bins - 1).astype(int)
    order = np.lexsort((values, bins))
    sorted_bins = bins[order]
    starts = np.searchsorted(sorted_bins, sorted_bins)  # first index of each bin
    rank = np.arange(len(values)) - starts  # 0, 1, 2... within a bin
    step = (rank + 1) // 2 * np.where(rank % 2, 1.0, -1.0)
    fullest = max(1, int(np.abs(step).max()))
    offsets = np.empty(len(values))
    offsets[order] = step / fullest * SWARM_HALF_HEIGHT
    return offsets


def color_scale(column: np.ndarray) -> np.ndarray:
    """A feature's values mapped to [0, 1] between its 5th and 95th percentiles.

    A constant column maps to 0.5; missing values stay NaN.
    """
    finite = column[np.isfinite(column)]
    if finite.size == 0:
        return np.full(len(column), np.nan)
    low, high = np.percentile(finite, COLOR_PERCENTILES)
    if high <= low:
        low, high = finite.min(), finite.max()
    if high <= low:
        return np.where(np.isnan(column), np.nan, 0.5)
    return np.clip((column - low) / (high - low), 0, 1)


# -- checks of the parameters ------------------------------------------------------


def _check_rows(value: Any, name: str, viz: Any) -> None:
    if value is None and name == "max_samples":
        return
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if int(value) >= 1:
            return
    also = ", or None for every row" if name == "max_samples" else ""
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass a number of rows of at "
        f"least 1{also}."
    )


def _check_class_index(value: Any, name: str, viz: Any) -> None:
    if value is None or (
        isinstance(value, numbers.Integral) and not isinstance(value, bool)
    ):
        return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass the index of one class in "
        "the model's classes_ (0, 1, ...), or None."
    )


# -- the visualizer ----------------------------------------------------------------


@common_params
class ShapSummary(ModelScoredVisualizer):
    """SHAP values of every feature over many rows: a beeswarm or bars.

    ``fit`` fits the model if needed, draws a seeded background sample of
    ``background_size`` rows of X and explains up to ``max_samples`` rows
    with ``shap.Explainer``, which picks an exact, fast algorithm for trees
    and their ensembles (``TreeExplainer``, interventional on the
    background) and for linear models (``LinearExplainer``), and a
    model-agnostic one for any other model (exact for few features, else
    permutation), explaining ``predict_proba`` of a classifier or
    ``predict`` of a regressor. Which output is explained is the
    explainer's: a tree classifier's probabilities, a linear classifier's
    log-odds (``decision_function``). Each row's SHAP values sum, with the
    base value, to that output.

    ``kind="beeswarm"`` draws a row per feature, a point per explained row
    at its SHAP value, coloured by the feature's value (``cmap``, low to
    high); ``kind="bar"`` the mean absolute SHAP value per feature. Features
    are ordered by mean absolute SHAP value, largest at the top. For a model
    with several outputs (a classifier's classes), ``class_index`` chooses
    one; with None the bars stack one segment per class, and the beeswarm
    shows the last class (for a binary classifier, the positive one).

    Requires the optional ``shap`` package: ``pip install vizkit[shap]``.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model; ``fit`` fits it in place when it is not fitted yet (see
        ``is_fitted``).
    {common: ax}
    kind : {"beeswarm", "bar"}, default="beeswarm"
        A beeswarm of every explained row, or bars of the mean absolute
        SHAP value per feature.
    class_index : int, default=None
        Which output (class) to draw, an index into the model's ``classes_``.
        None stacks the classes in the bar plot and draws the last class in
        the beeswarm.
    max_display : int, default=20
        The most features drawn (the most important ones).
    background_size : int, default=100
        Rows of X sampled as the background the features are masked with.
    max_samples : int, default=None
        Explain a seeded sample of this many rows of X; None explains every
        row. Model-agnostic explainers take about a second per 100 rows.
    algorithm : {"auto", "tree", "linear", "permutation", "exact"}, default="auto"
        ``shap.Explainer``'s algorithm; "auto" lets shap choose.
    feature_names : list of str, default=None
        One name per feature; None takes the Pipeline's, the DataFrame's or
        the model's names, else ``x0, x1, ...``.
    {common: class_names}
    cmap : str or Colormap, default="coolwarm"
        The colormap of the feature values in the beeswarm, low to high.
    random_state : int, RandomState or None, default=None
        Seeds the background and explained samples (None uses seed 0) and
        shap's model-agnostic explainers.
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    shap_values_ : ndarray of shape (n_explained, n_features[, n_outputs])
        The SHAP values of the explained rows; the last axis for models
        with several outputs (a classifier's classes).
    base_values_ : ndarray of shape (n_explained,) or (n_explained, n_outputs)
        The explainer's expected output, from which the SHAP values add up
        to each row's output.
    feature_values_ : ndarray of shape (n_explained, n_features)
        The explained rows' feature values (the beeswarm's colours).
    sample_indices_ : ndarray of int
        The rows of X that were explained.
    background_indices_ : ndarray of int
        The rows of X that make the background.
    mean_abs_shap_ : ndarray of shape (n_features,) or (n_features, n_outputs)
        The mean absolute SHAP value per feature (and output), in column
        order.
    feature_names_ : ndarray of str
        The names of the features, in column order.
    classes_ : ndarray or None
        The model's classes, for a classifier.
    explainer_name_ : str
        The shap explainer used ("TreeExplainer", "LinearExplainer", ...).
    points_ : matplotlib PathCollection
        The beeswarm's points (one scatter), with ``kind="beeswarm"``.
    bars_ : list of BarContainer
        The bars (one per stacked class), with ``kind="bar"``.

    Examples
    --------
    >>> from sklearn.ensemble import RandomForestClassifier
    >>> from vizkit.inspection import ShapSummary
    >>> viz = ShapSummary(RandomForestClassifier(), random_state=0)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "kind": P.choice(*KINDS, draw=True),
        "class_index": P.Param(_check_class_index, draw=True),
        "max_display": P.number(1, integer=True, none=True, draw=True),
        "background_size": P.Param(_check_rows),
        "max_samples": P.Param(_check_rows),
        "algorithm": P.choice(*ALGORITHMS),
        "feature_names": P.anything(),
        "class_names": P.anything(draw=True),
        "cmap": P.colormap(),
        "random_state": P.random_state(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        kind="beeswarm",
        class_index=None,
        max_display=20,
        background_size=100,
        max_samples=None,
        algorithm="auto",
        feature_names=None,
        class_names=None,
        cmap="coolwarm",
        random_state=None,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.kind = kind
        self.class_index = class_index
        self.max_display = max_display
        self.background_size = background_size
        self.max_samples = max_samples
        self.algorithm = algorithm
        self.feature_names = feature_names
        self.class_names = class_names
        self.cmap = cmap
        self.random_state = random_state
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    _one_target = True  # one target per plot: fit refuses a multi-output y

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # the explained rows are coloured by value
        return tags

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed and compute the SHAP values of rows of X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, as the model takes it; a sample of it is the background
            and (up to ``max_samples``) its rows are explained.
        y : array-like of shape (n_samples,), default=None
            The target, to fit the model (a fitted model needs none).
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        shap = import_shap()
        target = self._check_fit_data(X, y)
        allow_nan = get_tags(self.estimator).input_tags.allow_nan
        values = check_X(X, numeric=True, allow_nan=allow_nan)
        if is_classifier(self.estimator) and target is not None:
            check_classes(np.unique(target))
        self._fit_estimator(X, y, **kwargs)
        n_rows = len(values)
        seed = 0 if self.random_state is None else self.random_state
        self.background_indices_ = sample_rows(
            n_rows, min(self.background_size, n_rows), seed
        )
        self.sample_indices_ = (
            np.arange(n_rows)
            if self.max_samples is None or self.max_samples >= n_rows
            else sample_rows(n_rows, self.max_samples, seed)
        )
        # shap reads frames (their columns name the features) and arrays.
        explanation = self._explain(shap, X if hasattr(X, "columns") else values)
        self.shap_values_, self.base_values_ = explanation
        self.feature_values_ = values[self.sample_indices_]
        self.mean_abs_shap_ = mean_abs_shap(self.shap_values_)
        self.feature_names_ = feature_labels(
            self.estimator, X, self.feature_names, values.shape[1]
        )
        model = final_step(self.estimator)
        self.classes_ = (
            np.asarray(model.classes_)
            if is_classifier(self.estimator) and hasattr(model, "classes_")
            else None
        )
        return self

    def _explain(self, shap, X) -> tuple[np.ndarray, np.ndarray]:
        """SHAP and base values of the sampled rows, against the background."""
        background = _safe_indexing(X, self.background_indices_)
        rows = _safe_indexing(X, self.sample_indices_)
        seed = self.random_state if isinstance(self.random_state, int) else 0
        explainer = self._explainer(shap, background, seed)
        self.explainer_name_ = type(explainer).__name__
        result = explainer(rows, silent=True) if self._agnostic else explainer(rows)
        values = np.asarray(result.values, dtype=np.float64)
        base = np.asarray(result.base_values, dtype=np.float64)
        if values.ndim == 3 and values.shape[2] == 1:  # one output: drop its axis
            values, base = values[..., 0], base.reshape(len(values), -1)[:, 0]
        return values, np.broadcast_to(base, values.shape[:1] + values.shape[2:]).copy()

    def _explainer(self, shap, background, seed: int):
        """``shap.Explainer`` of the model itself when shap can read it.

        shap reads trees and linear models; any other model (a Pipeline, a
        k-NN...) is explained through its ``predict_proba``/``predict``.
        """
        algorithm = self.algorithm
        self._agnostic = False
        if algorithm in ("auto", "tree", "linear"):
            try:
                return shap.Explainer(
                    self.estimator, background, algorithm=algorithm, seed=seed
                )
            except TypeError:  # not a model shap reads: explain its output
                if algorithm != "auto":
                    raise
        self._agnostic = True
        return shap.Explainer(
            self._model_output(background), background, algorithm=algorithm,
            seed=seed,
        )  # fmt: skip

    def _model_output(self, background):
        """The function explained for a model shap cannot read."""
        method = "predict_proba" if is_classifier(self.estimator) else "predict"
        columns = getattr(background, "columns", None)

        def output(rows):
            if columns is not None and not hasattr(rows, "columns"):
                import pandas as pd

                rows = pd.DataFrame(rows, columns=columns)
            return self._call_model(method, rows)

        return output

    # -- draw ----------------------------------------------------------------------

    def _output_index(self) -> int | None:
        """The drawn output, or None for a single output (or stacked bars)."""
        if self.shap_values_.ndim == 2:
            return None
        n_outputs = self.shap_values_.shape[2]
        if self.class_index is not None:
            if not -n_outputs <= self.class_index < n_outputs:
                raise VizkitValueError(
                    f"class_index={self.class_index} is out of range: the model "
                    f"has {n_outputs} outputs; pass 0 to {n_outputs - 1}, or None."
                )
            return self.class_index % n_outputs
        return None if self.kind == "bar" else n_outputs - 1

    def _output_names(self) -> list[str]:
        n_outputs = self.shap_values_.shape[2]
        names = self.class_names if self.class_names is not None else self.classes_
        if names is None or len(names) != n_outputs:
            return [f"output {i}" for i in range(n_outputs)]
        return [str(plain(name)) for name in names]

    def _drawn_importance(self) -> np.ndarray:
        index = self._output_index()
        return self.mean_abs_shap_ if index is None else self.mean_abs_shap_[:, index]

    def draw(self) -> None:
        """A beeswarm (one scatter) or bars, most important feature at the top."""
        order = feature_ranking(self._drawn_importance(), self.max_display)
        self._drawn_order = order
        rows = np.arange(len(order))[::-1]  # the first feature at the top
        if self.kind == "bar":
            self._draw_bars(order, rows)
        else:
            self._draw_swarm(order, rows)
        self.ax_.set_yticks(rows, labels=[str(n) for n in self.feature_names_[order]])

    def _draw_swarm(self, order: np.ndarray, rows: np.ndarray) -> None:
        index = self._output_index()
        values = self.shap_values_ if index is None else self.shap_values_[..., index]
        xs = values[:, order].T  # one row of points per drawn feature
        ys = [row + swarm_offsets(x) for row, x in zip(rows, xs)]
        colors = np.stack([color_scale(self.feature_values_[:, f]) for f in order])
        cmap = get_colormap(self.cmap, "cmap").with_extremes(bad=MISSING_COLOR)
        self.points_ = self.ax_.scatter(
            xs.ravel(), np.concatenate(ys), c=colors.ravel(), cmap=cmap,
            vmin=0, vmax=1, s=12, linewidths=0, plotnonfinite=True,
            rasterized=xs.size > RASTERIZE_POINTS,
        )  # fmt: skip
        self.ax_.axvline(0, color=LINE_COLOR, lw=0.8, zorder=0)
        self.colorbar_ = self.fig_.colorbar(self.points_, ax=self.ax_, pad=0.02)
        self.colorbar_.set_ticks([0, 1], labels=["low", "high"])
        self.colorbar_.set_label("feature value")

    def _draw_bars(self, order: np.ndarray, rows: np.ndarray) -> None:
        index = self._output_index()
        if self.mean_abs_shap_.ndim == 1 or index is not None:
            color = class_colors(1)[0]
            self.bars_ = [
                self.ax_.barh(rows, self._drawn_importance()[order], color=color)
            ]
            return
        segments = self.mean_abs_shap_[order]
        colors = class_colors(segments.shape[1])
        lefts = np.cumsum(segments, axis=1) - segments
        self.bars_ = [
            self.ax_.barh(
                rows, segments[:, k], left=lefts[:, k], color=color, label=name
            )  # fmt: skip
            for k, (color, name) in enumerate(zip(colors, self._output_names()))
        ]

    def _what(self) -> str:
        index = self._output_index()
        return "" if index is None else f" ({self._output_names()[index]})"

    def finalize(self):
        """Title, axis label, legend of the stacked classes. Returns ``ax_``."""
        self.set_title(f"SHAP Summary of {self.name}{self._what()}")
        if self.kind == "bar":
            self.ax_.set_xlabel("mean |SHAP value|")
            if len(self.bars_) > 1:
                self.legend_ = self.ax_.legend(loc="lower right", fontsize="small")
        else:
            self.ax_.set_xlabel("SHAP value (impact on model output)")
        self.ax_.set_ylim(-0.5, len(self._drawn_order) - 0.5)
        self.ax_.grid(False, axis="y")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()
        return self.ax_


shap_summary = declare(
    ShapSummary, kind=MODEL, quick="shap_summary", example=examples.tree_classification
)
