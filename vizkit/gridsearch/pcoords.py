"""Every candidate of a search as a line across its parameters and its score.

:class:`GridSearchParallelCoordinates` draws one vertical axis per searched
parameter and a last one for the metric; each candidate of the search is a
line through its parameter values and its score, coloured by the score, and
the best candidates are drawn on top, thicker. It shows searches over more
than two parameters, where :class:`~vizkit.gridsearch.GridSearchColorPlot`
has to take the best over the others.

Each parameter axis has its own scale, from 0 (bottom) to 1 (top): numbers
linearly, or logarithmically when they span :data:`LOG_RATIO` or more (as
``C`` or ``alpha`` grids do); other values (strings, booleans, None,
objects, or numbers mixed with them) as evenly spaced labelled ticks.
Candidates that a parameter does not apply to cross its axis at an "n/a"
tick below it.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import VizkitValueError
from vizkit.gridsearch.base import (
    MISSING,
    GridSearchVisualizer,
    candidate_values,
    check_param_name,
    format_value,
    metric_values,
    searched_params,
    too_few_params,
    unique_values,
    value_codes,
    varying_params,
)
from vizkit.registry import REPEATED_FIT, declare
from vizkit.style import get_colormap
from vizkit.utils.docs import common_params

Scale = Literal["linear", "log", "category"]

#: A positive numeric axis is log-scaled when its largest value is at least
#: this many times its smallest (two decades).
LOG_RATIO = 100.0
#: Where a candidate that a parameter does not apply to crosses its axis.
NA_POSITION = -0.15
#: Free space above the axes (in axis units) where the legend goes.
TOP_ROOM = 0.14
#: Up to this many distinct numbers, an axis labels each; above, round ticks.
MAX_VALUE_TICKS = 8


@dataclass
class Axis:
    """One vertical axis: its scale, each candidate's position, its ticks."""

    name: str
    scale: Scale
    positions: np.ndarray  # per candidate, in [0, 1] (NA_POSITION if n/a)
    ticks: np.ndarray = field(default_factory=lambda: np.empty(0))
    labels: list[str] = field(default_factory=list)


# -- computations (arrays in, arrays out) -------------------------------------------


def is_number(value: Any) -> bool:
    """A real number that is not a boolean."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def axis_scale(uniques: list[Any]) -> Scale:
    """How an axis places its values: "log", "linear" or "category"."""
    if not uniques or not all(is_number(v) for v in uniques):
        return "category"
    low, high = float(min(uniques)), float(max(uniques))
    return "log" if low > 0 and high >= LOG_RATIO * low else "linear"


def scale_values(
    values: np.ndarray, scale: Scale, low: float, high: float
) -> np.ndarray:
    """Numbers mapped to [0, 1]: ``low`` to 0, ``high`` to 1 (0.5 if equal)."""
    values = np.asarray(values, dtype=np.float64)
    if scale == "log":
        values, low, high = np.log10(values), np.log10(low), np.log10(high)
    if high == low:
        return np.full(values.shape, 0.5)
    return (values - low) / (high - low)


def round_ticks(low: float, high: float, scale: Scale) -> np.ndarray:
    """Round tick values within [low, high]: decades on a log axis."""
    from matplotlib.ticker import MaxNLocator

    if scale == "log":
        decades = 10.0 ** np.arange(
            np.ceil(np.log10(low)), np.floor(np.log10(high)) + 1
        )
        return decades if len(decades) >= 2 else np.array([low, high])
    ticks = np.asarray(MaxNLocator(nbins=5).tick_values(low, high))
    return ticks[(ticks >= low) & (ticks <= high)]


def numeric_axis(name: str, values: list[Any], uniques: list[Any]) -> Axis:
    """An axis of numbers, linear or log; MISSING values at NA_POSITION."""
    scale = axis_scale(uniques)
    low, high = float(min(uniques)), float(max(uniques))
    numbers_ = np.array([np.nan if v is MISSING else float(v) for v in values])
    positions = scale_values(numbers_, scale, low, high)
    ticks = np.array(uniques, dtype=np.float64)
    if len(uniques) > MAX_VALUE_TICKS:
        ticks = round_ticks(low, high, scale)
    labels = [format_value(t.item()) for t in ticks]
    return Axis(name, scale, positions, scale_values(ticks, scale, low, high), labels)


def category_axis(name: str, values: list[Any], uniques: list[Any]) -> Axis:
    """An axis of evenly spaced values, in the order of ``uniques``."""
    spots = np.linspace(0, 1, len(uniques)) if len(uniques) > 1 else np.array([0.5])
    codes = value_codes(values, uniques)
    positions = spots[np.maximum(codes, 0)]
    return Axis(name, "category", positions, spots, [format_value(u) for u in uniques])


def param_axis(name: str, values: list[Any]) -> Axis:
    """The axis of one parameter, from its value for every candidate."""
    uniques = unique_values(values)
    if axis_scale(uniques) == "category":
        axis = category_axis(name, values, uniques)
    else:
        axis = numeric_axis(name, values, uniques)
    missing = np.array([v is MISSING for v in values])
    if missing.any():
        axis.positions = np.where(missing, NA_POSITION, axis.positions)
        axis.ticks = np.append(axis.ticks, NA_POSITION)
        axis.labels = [*axis.labels, "n/a"]
    return axis


def metric_axis(name: str, scores: np.ndarray) -> Axis:
    """The last axis: the metric, linear from its lowest to its highest value.

    Candidates with a NaN score (failed fits) get a NaN position.
    """
    low, high = float(np.nanmin(scores)), float(np.nanmax(scores))
    positions = scale_values(scores, "linear", low, high)
    ticks = round_ticks(low, high, "linear") if high > low else np.array([low])
    labels = [f"{t:.3g}" for t in ticks]
    return Axis(
        name, "linear", positions, scale_values(ticks, "linear", low, high), labels
    )


def top_candidates(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` highest finite scores, best first (ties: first listed)."""
    finite = np.flatnonzero(np.isfinite(scores))
    order = finite[np.argsort(-scores[finite], kind="stable")]
    return order[:n]


def line_vertices(positions: np.ndarray) -> np.ndarray:
    """Vertices of each candidate's line, shape (n, n_axes, 2): (axis j, position)."""
    x = np.broadcast_to(
        np.arange(positions.shape[1], dtype=np.float64), positions.shape
    )
    return np.stack([x, positions], axis=-1)


def choose_params(params: Any, searched: list[str], varying: list[str]) -> list[str]:
    """The parameters to draw: ``params``, or every varying one; at least two."""
    if params is None:
        chosen = varying
    else:
        chosen = [params] if isinstance(params, str) else list(params)
        for name in chosen:
            check_param_name(name, "params", searched)
        if len(set(chosen)) < len(chosen):
            raise VizkitValueError(
                f"params={chosen!r} names a parameter twice; name each once."
            )
    if len(chosen) < 2:
        raise too_few_params(
            "GridSearchParallelCoordinates", varying, "at least two parameters"
        )
    return chosen


# -- the visualizer -----------------------------------------------------------------


@common_params
class GridSearchParallelCoordinates(GridSearchVisualizer):
    """Every candidate of a search as a line across its parameters and its score.

    One vertical axis per parameter and a last one for ``metric``; each
    candidate is a line through its parameter values and its score, coloured
    by the score (colour bar on the right), the ``highlight`` best drawn on
    top, thicker and outlined. Numeric axes are linear, or logarithmic when
    their values span two decades or more; other values (strings, booleans,
    None, objects) are evenly spaced labelled ticks, and candidates that a
    parameter does not apply to cross its axis at "n/a". Candidates whose
    score is NaN (failed fits) are not drawn.

    ``fit(X, y)`` fits the search unless it is already fitted (see
    ``is_fitted``); the search runs its fits itself, with its own ``n_jobs``.

    Parameters
    ----------
    estimator : GridSearchCV or RandomizedSearchCV
        The search, fitted or not (any object with ``cv_results_`` works).
    params : list of str, default=None
        The parameters to draw, left to right (at least two). None draws
        every parameter that takes more than one value, in the search's
        order.
    metric : str, default="mean_test_score"
        The column of ``cv_results_`` on the last axis and in the colours,
        e.g. ``"mean_train_score"`` or ``"mean_test_<scorer>"``; the highest
        is the best.
    colormap : str or matplotlib Colormap, default="viridis"
        The colours of the lines, from the lowest score to the highest.
    highlight : int, default=1
        How many of the best candidates to draw thicker, on top; 0 for none.
    alpha : float, default=0.8
        The opacity of the lines.
    {common: ax, fig, is_fitted}
    title : str, default=None
        The title of the plot; None gives "Grid Search Parallel Coordinates".
    {common: size}

    Attributes
    ----------
    params_ : list of str
        The parameters drawn, one axis each.
    scales_ : list of {"linear", "log", "category"}
        How each parameter axis places its values.
    positions_ : ndarray of shape (n_candidates, n_params + 1)
        Where each candidate crosses each axis, in [0, 1] from bottom to top
        (``NA_POSITION`` where a parameter does not apply); the last column
        is the metric's, NaN for a NaN score.
    scores_ : ndarray of shape (n_candidates,)
        The ``metric`` of each candidate.
    best_index_ : int
        The candidate with the highest score (its row in ``cv_results_``).
    axis_ticks_ : list of (ndarray, list of str)
        The tick positions and labels of each axis, the metric's last.
    lines_ : matplotlib LineCollection
        Every drawn candidate, the best last (on top).
    highlight_lines_ : matplotlib LineCollection or None
        The ``highlight`` best candidates.
    colorbar_ : matplotlib Colorbar
        The colour scale of the score.

    Examples
    --------
    >>> from sklearn.model_selection import GridSearchCV
    >>> from sklearn.svm import SVC
    >>> from vizkit.gridsearch import GridSearchParallelCoordinates
    >>> grid = {"C": [0.1, 1, 10], "gamma": [0.01, 0.1], "kernel": ["rbf", "sigmoid"]}
    >>> viz = GridSearchParallelCoordinates(GridSearchCV(SVC(), grid))
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "params": P.anything(),
        "metric": P.anything(),
        "colormap": P.colormap(),
        "highlight": P.number(0, integer=True, draw=True),
        "alpha": P.number(0, 1, draw=True),
    }

    def __init__(
        self,
        estimator,
        params=None,
        metric="mean_test_score",
        colormap="viridis",
        highlight=1,
        alpha=0.8,
        ax=None,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.params = params
        self.metric = metric
        self.colormap = colormap
        self.highlight = highlight
        self.alpha = alpha
        self.ax = ax
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    def _compute(self, cv_results: dict) -> None:
        searched = searched_params(cv_results)
        self.params_ = choose_params(self.params, searched, varying_params(cv_results))
        self.scores_ = metric_values(cv_results, self.metric)
        if not np.isfinite(self.scores_).any():
            raise VizkitValueError(
                f"every candidate's {self.metric} is NaN (did all fits fail?); "
                "check the search's model and data, or pass another metric."
            )
        axes = [param_axis(p, candidate_values(cv_results, p)) for p in self.params_]
        axes.append(metric_axis(self.metric, self.scores_))
        self.scales_ = [axis.scale for axis in axes[:-1]]
        self.positions_ = np.column_stack([axis.positions for axis in axes])
        self.axis_ticks_ = [(axis.ticks, axis.labels) for axis in axes]
        self.best_index_ = int(top_candidates(self.scores_, 1)[0])

    # -- drawing ---------------------------------------------------------------------

    def _norm(self):
        from matplotlib.colors import Normalize

        return Normalize(np.nanmin(self.scores_), np.nanmax(self.scores_))

    def draw(self) -> None:
        """The lines, the highlighted best, the axes and their ticks, the colour bar."""
        from matplotlib.collections import LineCollection

        order = top_candidates(self.scores_, len(self.scores_))[::-1]  # best last
        style = {"cmap": get_colormap(self.colormap), "norm": self._norm()}
        self.lines_ = LineCollection(
            list(line_vertices(self.positions_[order])), array=self.scores_[order],
            linewidths=1.5, alpha=self.alpha, **style,
        )  # fmt: skip
        self.ax_.add_collection(self.lines_, autolim=False)
        self.highlight_lines_ = None
        if self.highlight:
            self.highlight_lines_ = self._draw_highlight(style)
        self._draw_axes()
        self.colorbar_ = self.fig_.colorbar(self.lines_, ax=self.ax_)
        self.colorbar_.outline.set_linewidth(0)
        self.colorbar_.set_label(self.metric)
        self.colorbar_.solids.set_alpha(1)

    def _draw_highlight(self, style: dict):
        from matplotlib.collections import LineCollection

        best = top_candidates(self.scores_, self.highlight)[::-1]
        lines = LineCollection(
            list(line_vertices(self.positions_[best])), array=self.scores_[best],
            linewidths=3, zorder=2.5, path_effects=_outlined(5), **style,
        )  # fmt: skip
        return self.ax_.add_collection(lines, autolim=False)

    def _highlight_legend(self) -> None:
        """A legend entry for the highlighted lines, in the best one's colour."""
        from matplotlib.colors import to_hex
        from matplotlib.lines import Line2D

        count = min(self.highlight, len(self.lines_.get_segments()))
        best = self.scores_[self.best_index_]
        label = f"best ({best:.3g})" if count == 1 else f"best {count}"
        rgba: Any = self.lines_.to_rgba(best)  # stubs type it as an array
        color = to_hex(rgba)
        handle = Line2D([], [], color=color, linewidth=3, path_effects=_outlined(5))
        self.ax_.legend(
            [handle], [label], loc="upper center", frameon=False, borderaxespad=0.1
        )

    def _draw_axes(self) -> None:
        """The vertical axes, their ticks and value labels, the names below."""
        n_axes = self.positions_.shape[1]
        bottom = min(0.0, float(np.nanmin(self.positions_)))
        self.ax_.vlines(np.arange(n_axes), bottom, 1, color="k", linewidth=1)
        box = {"boxstyle": "round,pad=0.15", "fc": "w", "ec": "none", "alpha": 0.75}
        for j, (ticks, labels) in enumerate(self.axis_ticks_):
            self.ax_.plot(
                np.full(len(ticks), j), ticks, linestyle="", marker="_", color="k",
                markersize=8,
            )  # fmt: skip
            for tick, label in zip(ticks, labels):
                self.ax_.text(
                    j + 0.04, tick, label, ha="left", va="center", fontsize="small",
                    bbox=box, zorder=3,
                )  # fmt: skip
        self.ax_.set_xlim(-0.1, n_axes - 0.6)
        self.ax_.set_ylim(bottom - 0.05, 1 + TOP_ROOM)  # room for the legend
        self.ax_.set_xticks(np.arange(n_axes), [*self.params_, self.metric])
        self.ax_.set_yticks([])
        for side in ("left", "right", "top"):
            self.ax_.spines[side].set_visible(False)
        fit_tick_labels(self.ax_, "x")

    def finalize(self):
        """Title and the legend of the highlighted lines."""
        self.set_title("Grid Search Parallel Coordinates")
        if self.highlight_lines_ is not None:
            self._highlight_legend()
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()
        return self.ax_


def _outlined(width: float) -> list:
    """Path effects drawing a black outline ``width`` points wide under a line."""
    from matplotlib import patheffects

    return [patheffects.Stroke(linewidth=width, foreground="k"), patheffects.Normal()]


gridsearch_parallel_coordinates = declare(
    GridSearchParallelCoordinates,
    kind=REPEATED_FIT,
    quick="gridsearch_parallel_coordinates",
    example=examples.grid_search_3d,
)
