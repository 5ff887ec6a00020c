"""Parallel coordinates: each feature a vertical axis, each instance a line.

``ParallelCoordinates`` normalizes the data (optionally), keeps a sample of
the rows (optionally, at random) and draws each row as a polyline across the
feature axes, coloured by the target.

Scale: up to :data:`DENSITY_THRESHOLD` drawn rows, the lines are one
``LineCollection`` (one per class with ``fast=True``). Above it they are
binned into a density image (how many lines of each class pass through each
pixel, see :mod:`vizkit.features._line_density`), with the same axes, tick
labels, colours and legend: a million rows of 20 features draw in seconds.
"""

from __future__ import annotations

import dataclasses
import numbers
from typing import Any

import numpy as np
from sklearn import config_context
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, Normalizer, StandardScaler
from sklearn.utils import check_random_state

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels, manual_legend
from vizkit.exceptions import VizkitValueError
from vizkit.features import _line_density as density
from vizkit.features.base import DataVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.docs import common_params
from vizkit.utils.target import TargetType
from vizkit.utils.validation import plain

#: Drawn rows above which the lines are binned into a density image. Agg
#: takes about 3 s to draw 10,000 lines across 20 axes; the image of a
#: million rows takes about as long.
DENSITY_THRESHOLD = 10_000
#: The ``normalize`` options and the scikit-learn transformer of each.
NORMALIZERS = {
    "minmax": MinMaxScaler,
    "maxabs": MaxAbsScaler,
    "standard": StandardScaler,
    "l1": lambda: Normalizer("l1"),
    "l2": lambda: Normalizer("l2"),
}
#: Line opacity when ``alpha`` is None (Yellowbrick's), by ``fast``.
DEFAULT_ALPHA = {False: 0.25, True: 0.5}
#: Yellowbrick's style of the vertical axis lines.
DEFAULT_VLINES = {"linewidth": 1, "color": "black"}


# -- computations (arrays in, arrays out) -----------------------------------------


def sample_count(n_rows: int, sample: Any) -> int:
    """Rows kept: ``sample`` rows (an int), or that fraction rounded down (>= 1)."""
    if isinstance(sample, numbers.Integral):
        return min(n_rows, int(sample))
    return max(1, min(n_rows, int(n_rows * float(sample))))


def sample_index(
    n_rows: int, n_samples: int, shuffle: bool, random_state: Any = None
) -> np.ndarray:
    """Indices of the rows drawn, in drawing order.

    The first ``n_samples`` rows, or with ``shuffle`` (and fewer rows than
    ``n_rows``) ``RandomState(random_state).choice(n_rows, n_samples,
    replace=False)``: the rows Yellowbrick draws for an int seed. None
    draws with seed 0, so a picture is reproducible.
    """
    if not shuffle or n_samples >= n_rows:
        return np.arange(n_samples)
    rng = check_random_state(0 if random_state is None else random_state)
    return rng.choice(n_rows, n_samples, replace=False)


def normalize_rows(X: np.ndarray, normalize: str | None):
    """``X`` through the ``normalize`` transformer fitted on it, and that transformer.

    None returns a read-only view of ``X`` (no copy of a million rows).
    """
    if normalize is None:
        view = X.view()
        view.flags.writeable = False
        return view, None
    normalizer = NORMALIZERS[normalize]().set_output(transform="default")
    with config_context(assume_finite=True):  # X was checked by check_X
        return normalizer.fit_transform(X), normalizer


def line_vertices(Y: np.ndarray) -> np.ndarray:
    """Vertices of each row's polyline, shape (n_rows, n_features, 2): (j, Y[:, j])."""
    x = np.broadcast_to(np.arange(Y.shape[1], dtype=np.float64), Y.shape)
    return np.stack([x, Y], axis=-1)


# -- parameter checks ----------------------------------------------------------------


def _check_sample(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        if int(value) >= 1:
            return
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        if 0 < float(value) <= 1:
            return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass a number of rows to draw (an "
        "int of at least 1) or a fraction of the rows (a float in (0, 1])."
    )


def _check_vlines_kwds(value: Any, name: str, viz: Any) -> None:
    if value is not None and not isinstance(value, dict):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a dict of "
            "matplotlib.axes.Axes.vlines options, e.g. {'color': 'gray'}, or None."
        )


@common_params
class ParallelCoordinates(DataVisualizer):
    """Parallel coordinates: one vertical axis per feature, one line per instance.

    Braids of lines of one colour show classes that the features separate;
    crossing lines between two axes show negatively related features.

    Parameters
    ----------
    ax : matplotlib Axes, default=None
        The axes to draw on. If None: the ``fig`` given, else pyplot's
        current Axes if it is still empty, else a new figure of the
        visualizer's own.
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame,
        naming some of its columns draws only those.
    classes : list of str, default=None
        Names of the classes of a discrete target, in the order of the sorted
        class values (they label the legend). Must have one name per class.
    normalize : {"minmax", "maxabs", "standard", "l1", "l2"}, default=None
        Scale the drawn rows first with scikit-learn's ``MinMaxScaler``,
        ``MaxAbsScaler``, ``StandardScaler`` (per feature, fitted on the drawn
        rows) or ``Normalizer("l1"/"l2")`` (per row). None draws the raw values.
    sample : int or float, default=1.0
        The rows to draw: a number of rows (an int), or a fraction of them (a
        float in (0, 1], rounded down to at least one row).
    random_state : int, RandomState instance or None, default=None
        Seed of the sample drawn with ``shuffle=True`` (None uses seed 0).
    shuffle : bool, default=False
        Draw a random sample of the rows; False keeps the first rows.
    colors : color, list of colors or palette name, default=None
        One colour for all lines (no target), or colours per class, cycled
        if there are fewer colours than classes. For a continuous target a
        list of colours builds the colormap when ``colormap`` is None.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours (when ``colors`` is None) and
        used for a continuous target (default "RdBu").
    alpha : float, default=None
        Opacity of each line: None gives 0.25, or 0.5 with ``fast=True``.
        In density mode it scales the opacity of the image (None: 1).
    fast : bool, default=False
        Draw one ``LineCollection`` per class, class after class (the last
        class on top), instead of one for all rows in row order. Both are a
        single vectorised artist per colour group, so it is barely faster;
        it is kept for Yellowbrick's API.
    vlines : bool, default=True
        Draw a vertical line at each feature axis.
    vlines_kwds : dict, default=None
        Options of those lines for ``Axes.vlines``; None gives
        ``{"linewidth": 1, "color": "black"}``.
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        How the target is coloured. "auto" decides from y: classes for binary
        and multiclass targets of at most 12 classes, a colormap otherwise.
    {common: fig}
    title : str, default=None
        The title; None gives "Parallel Coordinates for N Features".
    {common: size}

    Attributes
    ----------
    normalized_ : ndarray of shape (n_drawn, n_features)
        The drawn rows after ``normalize``: row ``i`` is the line through
        ``(j, normalized_[i, j])`` for each feature ``j``. Without
        ``normalize`` (and without sampling) a read-only view of X's values.
    sample_index_ : ndarray of int, shape (n_drawn,)
        The rows of X drawn, in drawing order (``normalized_[i]`` is row
        ``sample_index_[i]`` of X).
    n_samples_ : int
        The number of rows drawn (n_drawn).
    normalizer_ : sklearn transformer or None
        The fitted ``normalize`` transformer.
    density_ : ndarray of shape (n_rows, n_columns, n_channels) or None
        Above ``DENSITY_THRESHOLD`` drawn rows: how many lines pass through
        each pixel, per class (or the count and sum of a continuous target);
        None when the lines are drawn.
    limits_ : tuple of (float, float)
        The lowest and highest value of ``normalized_`` (the y range drawn).
    features_, classes_, range_, colors_, cmap_, target_color_type_
        As for :class:`~vizkit.features.base.DataVisualizer`.
    lines_ : list of LineCollection
        The drawn lines (one per class with ``fast=True``); empty in density mode.
    image_ : AxesImage or None
        The density image.
    vlines_ : LineCollection or None
        The vertical axis lines.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from vizkit.features import ParallelCoordinates
    >>> X, y = load_iris(return_X_y=True)
    >>> visualizer = ParallelCoordinates(normalize="standard")
    >>> visualizer.fit_transform(X, y)  # doctest: +ELLIPSIS
    array(...)
    >>> visualizer.show()  # doctest: +SKIP
    """

    _params = {
        "normalize": P.choice(None, *NORMALIZERS),
        "sample": P.Param(_check_sample),
        "random_state": P.random_state(),
        "shuffle": P.boolean(),
        "alpha": dataclasses.replace(P.number(0, 1, none=True, draw=True), example=0.9),
        "fast": P.boolean(draw=True),
        "vlines": P.boolean(draw=True),
        "vlines_kwds": P.Param(_check_vlines_kwds, draw=True),
    }

    def __init__(
        self,
        ax=None,
        features=None,
        classes=None,
        normalize=None,
        sample=1.0,
        random_state=None,
        shuffle=False,
        colors=None,
        colormap=None,
        alpha=None,
        fast=False,
        vlines=True,
        vlines_kwds=None,
        target_type="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.ax = ax
        self.features = features
        self.classes = classes
        self.normalize = normalize
        self.sample = sample
        self.random_state = random_state
        self.shuffle = shuffle
        self.colors = colors
        self.colormap = colormap
        self.alpha = alpha
        self.fast = fast
        self.vlines = vlines
        self.vlines_kwds = vlines_kwds
        self.target_type = target_type
        self.fig = fig
        self.title = title
        self.size = size

    @property
    def show_vlines(self) -> bool:
        """Yellowbrick's name of ``vlines``."""
        return bool(self.vlines)

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None):
        """Sample and normalize the rows to draw; bin them above the threshold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars),
            with at least 2 features.
        y : array-like of shape (n_samples,), default=None
            The target that colours the lines.

        Returns
        -------
        self
        """
        X_array, _ = self._fit_data(X, y)
        if X_array.shape[1] < 2:
            raise VizkitValueError(
                f"X has {X_array.shape[1]} feature(s), but parallel coordinates "
                "join the values of at least 2 features: pass X with 2 or more "
                "columns."
            )
        self._n_rows = len(X_array)
        self.n_samples_ = sample_count(len(X_array), self.sample)
        self.sample_index_ = sample_index(
            len(X_array), self.n_samples_, self.shuffle, self.random_state
        )
        shuffled = self.shuffle and self.n_samples_ < len(X_array)
        rows = X_array[self.sample_index_] if shuffled else X_array[: self.n_samples_]
        self.normalized_, self.normalizer_ = normalize_rows(rows, self.normalize)
        self._line_values = self._drawn_color_values()
        self.limits_ = (float(self.normalized_.min()), float(self.normalized_.max()))
        self.density_ = self._density() if self._is_dense() else None
        return self

    def _drawn_color_values(self) -> np.ndarray | None:
        """Class codes or target values of the drawn rows (None: one colour)."""
        if self._color_values is None:
            return None
        if len(self.sample_index_) == len(self._color_values):
            return self._color_values  # every row, in order
        return self._color_values[self.sample_index_]

    def _is_dense(self) -> bool:
        return self.n_samples_ > DENSITY_THRESHOLD

    def _density(self) -> np.ndarray:
        values = codes = None
        n_codes = 1
        if self.target_color_type_ == TargetType.CONTINUOUS:
            values = self._line_values
        elif self.target_color_type_ == TargetType.DISCRETE:
            codes, n_codes = self._line_values, len(self.classes_)
        image, _ = density.line_density(
            self.normalized_, codes, n_codes, values, limits=self.limits_
        )
        return image

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the lines (or their density image) and the vertical axes."""
        self.lines_, self.image_, self.colorbar_ = [], None, None
        if self.density_ is not None:
            self.image_ = self._draw_density()
        elif self.fast and self._line_values is not None and not self._continuous:
            self.lines_ = self._draw_lines_by_class()
        else:
            self.lines_ = [self._draw_lines()]
        self.vlines_ = None
        if self.vlines:
            kwds = {"zorder": 2.5, **(self.vlines_kwds or DEFAULT_VLINES)}
            self.vlines_ = self.ax_.vlines(
                np.arange(len(self.features_)), 0, 1,
                transform=self.ax_.get_xaxis_transform(), **kwds,
            )  # fmt: skip
        if self._continuous:
            self._draw_colorbar()

    @property
    def _continuous(self) -> bool:
        return self.target_color_type_ == TargetType.CONTINUOUS

    def _line_alpha(self) -> float:
        return DEFAULT_ALPHA[bool(self.fast)] if self.alpha is None else self.alpha

    def _norm(self):
        from matplotlib.colors import Normalize

        return Normalize(*self.range_)

    def _draw_lines(self):
        """All rows as one LineCollection, in drawing order."""
        from matplotlib.collections import LineCollection
        from matplotlib.colors import to_rgba_array

        style: dict[str, Any] = {"linewidths": 1, "alpha": self._line_alpha()}
        if self._continuous:
            style.update(array=self._line_values, cmap=self.cmap_, norm=self._norm())
        else:
            codes = self._line_values
            rgba = to_rgba_array(self.colors_)
            style["colors"] = rgba if codes is None else rgba[codes]
        lines = LineCollection(line_vertices(self.normalized_), **style)
        self.ax_.add_collection(lines, autolim=False)
        return lines

    def _draw_lines_by_class(self) -> list:
        """One LineCollection per class, class after class (Yellowbrick's fast)."""
        from matplotlib.collections import LineCollection

        vertices = line_vertices(self.normalized_)
        collections = []
        for code, color in enumerate(self.colors_):
            lines = LineCollection(
                vertices[self._line_values == code], colors=color, linewidths=1,
                alpha=self._line_alpha(), label=str(self.classes_[code]),
            )  # fmt: skip
            collections.append(self.ax_.add_collection(lines, autolim=False))
        return collections

    def _draw_density(self):
        from matplotlib.colors import to_rgba_array

        alpha = 1.0 if self.alpha is None else self.alpha
        if self._continuous:
            rgba = density.value_density_rgba(
                self.density_, self.cmap_, self._norm(), alpha
            )
        else:
            rgb = to_rgba_array(self.colors_)[:, :3]
            rgba = density.class_density_rgba(self.density_, rgb, alpha)
        extent = (0, len(self.features_) - 1, *self.limits_)
        return self.ax_.imshow(
            rgba, extent=extent, origin="lower", aspect="auto",
            interpolation="antialiased",
        )  # fmt: skip

    def _draw_colorbar(self) -> None:
        from matplotlib.cm import ScalarMappable

        mappable = ScalarMappable(self._norm(), self.cmap_)
        self.colorbar_ = self.fig_.colorbar(mappable, ax=self.ax_)

    def finalize(self):
        """Title, feature names on the axes, limits, note and class legend."""
        self.set_title(f"Parallel Coordinates for {len(self.features_)} Features")
        ax, n_features = self.ax_, len(self.features_)
        ax.set_xticks(np.arange(n_features), [str(f) for f in self.features_])
        ax.set_xlim(0, n_features - 1)
        low, high = self.limits_
        margin = 0.05 * ((high - low) or 1.0)
        ax.set_ylim(low - margin, high + margin)
        ax.grid(True, axis="y", color="0.85")
        fit_tick_labels(ax, "x")
        self._note()
        self.legend_ = None
        if self.target_color_type_ == TargetType.DISCRETE:
            self.legend_ = manual_legend(
                ax, self.classes_, self.colors_, loc="upper left",
                bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
            )  # fmt: skip
        if getattr(self, "_owns_figure", False):  # room for the outside legend
            self.fig_.tight_layout()
        return self.ax_

    def _note(self) -> None:
        """Say in a corner when the rows were sampled or binned."""
        parts = []
        if self.density_ is not None:
            parts.append(f"density of {self.n_samples_:,} lines")
        if self.n_samples_ < self._n_rows:
            how = "random sample" if self.shuffle else "first rows"
            parts.append(f"{how}: {self.n_samples_:,} of {self._n_rows:,} rows")
        if parts:
            self.ax_.text(
                0.99, 0.01, "; ".join(parts), transform=self.ax_.transAxes,
                ha="right", va="bottom", fontsize="x-small", color="0.3",
                bbox={"facecolor": "white", "alpha": 0.7, "edgecolor": "none"},
            )  # fmt: skip


parallel_coordinates = declare(
    ParallelCoordinates, kind=TRANSFORMER, quick="parallel_coordinates",
    example=examples.features,
)  # fmt: skip
