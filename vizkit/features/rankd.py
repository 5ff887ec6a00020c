"""Feature rankings: each feature scored alone (Rank1D) or in pairs (Rank2D).

``Rank1D`` scores every feature with one statistic (Shapiro-Wilk's W by
default) and draws the scores as bars. ``Rank2D`` scores every pair of
features (Pearson correlation by default) and draws the lower triangle of the
score matrix as a heatmap. Both are transformers: ``transform`` returns X.

The pair scores are one matrix product over the rows (covariance, Pearson,
Spearman on column ranks), so 200 features by a million rows take seconds;
Kendall's tau is computed pair by pair with scipy, on a row sample by default.
The scores themselves are in ``vizkit.utils.feature_scores``.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels, text_colors, thinning_step
from vizkit.features.base import FeatureVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.style import get_colormap
from vizkit.utils.docs import common_params
from vizkit.utils.feature_scores import (
    RANK1D_ALGORITHMS,
    RANK2D_ALGORITHMS,
    rank_features,
    rank_pairs,
)
from vizkit.utils.features import (
    chosen_columns,
    feature_names,
    select_columns,
    warn_constant,
)
from vizkit.utils.sampling import check_sample, sample_count, sample_rows
from vizkit.utils.validation import check_option, check_target, check_X

#: Rank2D's colormap when ``colormap`` is None (Yellowbrick's default).
DEFAULT_COLORMAP = "RdBu_r"
#: Rank2D writes each cell's value on the heatmap up to this many features.
ANNOTATE_MAX_FEATURES = 12


# -- drawing helpers (arrays in, arrays out) ----------------------------------------


def lower_triangle(ranks: np.ndarray) -> np.ma.MaskedArray:
    """The cells below the diagonal, others (and NaN) masked, as Yellowbrick."""
    upper = np.triu(np.ones(ranks.shape, dtype=bool))
    return np.ma.masked_where(upper | np.isnan(ranks), ranks)


def color_limit(ranks: np.ndarray, algorithm: str) -> float:
    """Half-width of the symmetric colour scale: 1 for correlations.

    Covariances are unbounded: the scale spans the largest drawn one.
    """
    if algorithm != "covariance":
        return 1.0
    drawn = lower_triangle(ranks).compressed()
    largest = float(np.abs(drawn).max()) if drawn.size else 0.0
    return largest or 1.0


# -- the visualizers -----------------------------------------------------------------


def _algorithm_check(allowed: dict[str, Any]) -> P.Param:
    """Any spelling case of one of ``allowed`` (Yellowbrick lower-cases it)."""

    def check(value: Any, name: str, viz: Any) -> None:
        check_option(value.lower() if isinstance(value, str) else value, name, allowed)

    return P.Param(check)


@common_params
class RankDBase(FeatureVisualizer):
    """Base class of Rank1D and Rank2D: score features, draw the scores.

    Parameters
    ----------
    {common: ax, fig}
    algorithm : str, default=None
        The ranking algorithm; the options depend on the subclass.
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame, naming
        some of its columns ranks only those (``transform`` still returns X).
    show_feature_names : bool, default=True
        Label the ticks with the feature names (else leave them unlabelled).
    {common: title, size}

    Attributes
    ----------
    ranks_ : ndarray
        The scores: shape (n_features,) for Rank1D, (n_features, n_features)
        for Rank2D; NaN where undefined (constant columns).
    features_ : ndarray of str, shape (n_features,)
        The names of the ranked columns.
    """

    _params = {
        "features": P.anything(),
        "show_feature_names": P.boolean(draw=True),
    }
    _algorithms: dict[str, Any] = {}

    def __init__(
        self, ax=None, fig=None, algorithm=None, features=None,
        show_feature_names=True, title=None, size=None,
    ):  # fmt: skip
        self.ax = ax
        self.fig = fig
        self.algorithm = algorithm
        self.features = features
        self.show_feature_names = show_feature_names
        self.title = title
        self.size = size

    def fit(self, X, y=None):
        """Score the features of X into ``ranks_``. Returns self.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars).
        y : array-like of shape (n_samples,), default=None
            Ignored (checked for length), as in Yellowbrick.
        """
        X_array = self._fit_X(X, y)
        rows = self._rows(len(X_array))
        data = X_array if rows is None else X_array[rows]
        self.ranks_, undefined = self._rank(data, self._algorithm())
        self.sample_indices_ = rows
        self.n_samples_ = len(X_array)
        warn_constant(self.features_, undefined, self._algorithms[self._algorithm()][1])
        return self

    def _fit_X(self, X: Any, y: Any) -> np.ndarray:
        """Validate X (and y's length); find the feature names."""
        self._chosen_columns = chosen_columns(X, self.features)
        X_chosen = select_columns(X, self._chosen_columns)
        X_array = check_X(X_chosen, numeric=True, min_samples=self._min_samples())
        if y is not None:
            check_target(y, n_samples=X_array.shape[0], allow_nan=True)
        self._record_input(X)
        self.features_ = feature_names(X_chosen, self.features, X_array.shape[1])
        return X_array

    def _check_data(self, X: Any) -> np.ndarray:
        return check_X(X, numeric=True)  # transform: any number of rows

    def _algorithm(self) -> str:
        return str(self.algorithm).lower()

    def _min_samples(self) -> int:
        return 2

    def _rows(self, n_rows: int) -> np.ndarray | None:
        """The sampled rows, or None for every row (subclasses may sample)."""
        return None

    def _rank(self, X: np.ndarray, algorithm: str):
        raise NotImplementedError

    def _title(self) -> str:
        """Yellowbrick's title, e.g. "Pearson Ranking of 8 Features"."""
        return f"{self._algorithm().title()} Ranking of {len(self.features_)} Features"

    def _set_feature_ticks(self, axis: str, offset: float = 0.0) -> None:
        """Feature names on the ticks of one axis, every k-th when there are many.

        Only the ticks that have room for a label are made (matplotlib builds
        a few artists per tick: 200 of them take a second or more), then
        ``fit_tick_labels`` thins them further if the labels still overlap.
        """
        n_features = len(self.features_)
        step = _tick_step(self.ax_, axis, n_features)
        labels = [str(name) for name in self.features_][::step]
        if not self.show_feature_names:
            labels = [""] * len(labels)
        positions = np.arange(0, n_features, step) + offset
        setter = self.ax_.set_xticks if axis == "x" else self.ax_.set_yticks
        setter(positions, labels)
        fit_tick_labels(self.ax_, axis)  # type: ignore[arg-type]


def _tick_step(ax, axis: str, n_ticks: int) -> int:
    """Label every k-th of ``n_ticks`` evenly spread ticks: k for one text line each."""
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    size = rcParams["xtick.labelsize" if axis == "x" else "ytick.labelsize"]
    font = FontProperties(size=size).get_size_in_points()
    length = ax.bbox.width if axis == "x" else ax.bbox.height
    return thinning_step(n_ticks, length / max(n_ticks, 1), font * ax.figure.dpi / 72)


@common_params
class Rank1D(RankDBase):
    """Bar chart of one score per feature: Shapiro-Wilk's W by default.

    W is close to 1 for a normally distributed feature and lower the further
    the feature is from normal. Constant features have no score: their bar is
    left out, with a warning.

    Parameters
    ----------
    {common: ax}
    algorithm : {"shapiro", "skew", "kurtosis"}, default="shapiro"
        The score: Shapiro-Wilk's W (``scipy.stats.shapiro``, on every row:
        O(n log n), 0.07 s per feature at a million rows; scipy's warning that
        its p-value may be inaccurate above 5,000 rows does not concern W and
        is silenced), the sample skewness (``scipy.stats.skew``) or Fisher's
        excess kurtosis (``scipy.stats.kurtosis``), both 0 for a normal feature.
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame, naming
        some of its columns ranks only those (``transform`` still returns X).
    orient : {"h", "v"}, default="h"
        Horizontal bars (features top to bottom) or vertical bars.
    show_feature_names : bool, default=True
        Label the ticks with the feature names (else leave them unlabelled).
    color : color, default=None
        Colour of the bars; None uses matplotlib's first cycle colour.
    {common: fig}
    title : str, default=None
        The title; None gives "Shapiro Ranking of N Features".
    {common: size}

    Attributes
    ----------
    ranks_ : ndarray of shape (n_features,)
        The score of each feature, NaN for constant features.
    features_ : ndarray of str, shape (n_features,)
        The names of the ranked columns.
    bars_ : matplotlib BarContainer
        The drawn bars, one per feature.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from vizkit.features import Rank1D
    >>> X, y = load_diabetes(return_X_y=True)
    >>> viz = Rank1D(algorithm="shapiro").fit(X, y)
    >>> viz.ranks_.shape
    (10,)
    """

    _algorithms = RANK1D_ALGORITHMS
    _params = {
        "algorithm": _algorithm_check(RANK1D_ALGORITHMS),
        "orient": P.choice("h", "v", draw=True),
    }

    def __init__(
        self, ax=None, algorithm="shapiro", features=None, orient="h",
        show_feature_names=True, color=None, fig=None, title=None, size=None,
    ):  # fmt: skip
        self.ax = ax
        self.algorithm = algorithm
        self.features = features
        self.orient = orient
        self.show_feature_names = show_feature_names
        self.color = color
        self.fig = fig
        self.title = title
        self.size = size

    def _min_samples(self) -> int:
        return 3 if self._algorithm() == "shapiro" else 2

    def _rank(self, X: np.ndarray, algorithm: str):
        return rank_features(X, algorithm)

    def draw(self) -> None:
        """One bar per feature; a constant feature's bar is left out."""
        positions = np.arange(len(self.ranks_))
        heights = np.nan_to_num(self.ranks_, nan=0.0)  # no bar where undefined
        bar = self.ax_.barh if self.orient == "h" else self.ax_.bar
        self.bars_ = bar(positions, heights, color=self.color)

    def finalize(self):
        """Title, the score's axis label and the feature names on the ticks."""
        self.set_title(self._title())
        ax, label = self.ax_, RANK1D_ALGORITHMS[self._algorithm()][1]
        if self.orient == "h":
            ax.set_ylim(len(self.ranks_) - 0.5, -0.5)  # first feature on top
            ax.set_xlabel(label)
            ax.yaxis.grid(False)
            self._set_feature_ticks("y")
        else:
            ax.set_ylabel(label)
            ax.xaxis.grid(False)
            self._set_feature_ticks("x")
        return ax


@common_params
class Rank2D(RankDBase):
    """Heatmap of a score of every pair of features: Pearson correlation by default.

    The lower triangle (below the diagonal) of the symmetric score matrix is
    drawn as one image, first feature on top, with a colorbar. Up to
    ``ANNOTATE_MAX_FEATURES`` (12) features, each cell also shows its value.
    Pairs with a constant feature have no correlation: their cells are blank,
    with a warning.

    Parameters
    ----------
    {common: ax}
    algorithm : {"pearson", "covariance", "spearman", "kendalltau"}, default="pearson"
        The pair score: Pearson correlation, sample covariance (``numpy.cov``),
        Spearman's rank correlation, or Kendall's tau-b
        (``scipy.stats.kendalltau``, one call per pair; see ``sample``).
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame, naming
        some of its columns ranks only those (``transform`` still returns X).
    colormap : str or matplotlib Colormap, default="RdBu_r"
        The colormap, centred on 0: [-1, 1] for correlations, the largest
        drawn absolute covariance for covariances.
    show_feature_names : bool, default=True
        Label the ticks with the feature names (else leave them unlabelled).
    sample : int, float, "auto" or None, default="auto"
        Rows to compute the scores on: a number of rows (an int), a fraction of
        them (a float), every row (None), or "auto": every row, except for
        "kendalltau" (about 3 ms per pair of features at 10,000 rows), which
        uses a seeded sample of 10,000 rows above that. The title says when
        the scores are of a sample.
    random_state : int, RandomState instance or None, default=None
        Seed of the row sample; None uses seed 0, so a plot is reproducible.
    {common: fig}
    title : str, default=None
        The title; None gives "Pearson Ranking of N Features".
    {common: size}

    Attributes
    ----------
    ranks_ : ndarray of shape (n_features, n_features)
        The symmetric score matrix; NaN rows and columns for constant features
        (except for covariance, which is 0 there).
    features_ : ndarray of str, shape (n_features,)
        The names of the ranked columns.
    sample_indices_ : ndarray of int or None
        The rows the scores were computed on, sorted; None for every row.
    n_samples_ : int
        Rows of X (all of them, sampled or not).
    mesh_ : matplotlib AxesImage
        The heatmap (``get_array()`` is the masked lower triangle).
    colorbar_ : matplotlib Colorbar
        Its colorbar.
    texts_ : list of matplotlib Text
        The cell values written on the heatmap (empty above 12 features).

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from vizkit.features import Rank2D
    >>> X, y = load_diabetes(return_X_y=True)
    >>> viz = Rank2D(algorithm="spearman").fit(X, y)
    >>> viz.ranks_.shape
    (10, 10)
    """

    _algorithms = RANK2D_ALGORITHMS
    _params = {
        "algorithm": _algorithm_check(RANK2D_ALGORITHMS),
        "colormap": P.colormap(),
        "sample": P.Param(check_sample),
        "random_state": P.random_state(),
    }

    def __init__(
        self, ax=None, algorithm="pearson", features=None, colormap="RdBu_r",
        show_feature_names=True, sample="auto", random_state=None, fig=None,
        title=None, size=None,
    ):  # fmt: skip
        self.ax = ax
        self.algorithm = algorithm
        self.features = features
        self.colormap = colormap
        self.show_feature_names = show_feature_names
        self.sample = sample
        self.random_state = random_state
        self.fig = fig
        self.title = title
        self.size = size

    def _rows(self, n_rows: int) -> np.ndarray | None:
        """Sampled rows: "auto" samples only for Kendall's tau."""
        auto = isinstance(self.sample, str)
        if auto and self._algorithm() != "kendalltau":
            return None
        count = sample_count(n_rows, self.sample)
        if count >= n_rows:
            return None
        return sample_rows(n_rows, count, self.random_state)

    def _rank(self, X: np.ndarray, algorithm: str):
        return rank_pairs(X, algorithm)

    def draw(self) -> None:
        """The lower triangle as one image, its colorbar, values when few."""
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        n_features = len(self.ranks_)
        limit = color_limit(self.ranks_, self._algorithm())
        cmap = get_colormap(self.colormap or DEFAULT_COLORMAP)
        self.mesh_ = self.ax_.imshow(
            lower_triangle(self.ranks_), cmap=cmap, vmin=-limit, vmax=limit,
            extent=(0, n_features, n_features, 0), interpolation="nearest",
            aspect="equal",
        )  # fmt: skip
        cax = make_axes_locatable(self.ax_).append_axes("right", size="5%", pad=0.1)
        self.colorbar_ = self.fig_.colorbar(self.mesh_, cax=cax)
        self.colorbar_.outline.set_linewidth(0)
        self.texts_ = self._annotate() if n_features <= ANNOTATE_MAX_FEATURES else []

    def _annotate(self) -> list:
        """Each drawn cell's value, in black or white to stand out on its colour."""
        cells = lower_triangle(self.ranks_)
        rows, columns = np.nonzero(~np.ma.getmaskarray(cells))
        values = self.ranks_[rows, columns]
        colors = text_colors(self.mesh_.to_rgba(values))
        digits = "{:.3g}" if self._algorithm() == "covariance" else "{:.2f}"
        style = {"ha": "center", "va": "center", "fontsize": "x-small"}
        return [
            self.ax_.text(x + 0.5, y + 0.5, digits.format(v), color=c, **style)
            for y, x, v, c in zip(rows, columns, values, colors)
        ]

    def _title(self) -> str:
        title = super()._title()
        if self.sample_indices_ is not None:
            seed = 0 if self.random_state is None else self.random_state
            shown = seed if isinstance(seed, numbers.Integral) else "RandomState"
            title += (
                f"\n(a sample of {len(self.sample_indices_):,} of "
                f"{self.n_samples_:,} rows, random_state={shown})"
            )
        return title

    def finalize(self):
        """Title and the feature names on both axes."""
        self.set_title(self._title())
        ax, n_features = self.ax_, len(self.ranks_)
        ax.set(xlim=(0, n_features), ylim=(n_features, 0))
        ax.tick_params(length=0)
        ax.grid(False)
        self._set_feature_ticks("x", offset=0.5)
        self._set_feature_ticks("y", offset=0.5)
        return ax


rank1d = declare(Rank1D, kind=TRANSFORMER, quick="rank1d", example=examples.features)
rank2d = declare(Rank2D, kind=TRANSFORMER, quick="rank2d", example=examples.features)
