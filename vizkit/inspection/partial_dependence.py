"""Partial dependence and ICE: how a model's prediction moves with one or two features.

For each requested feature (or pair), every row of X is copied with that
feature set to each value of a grid, and the model predicts the copies: the
mean over rows is the partial dependence (PD), each row's own curve an
individual conditional expectation (ICE) line. :class:`PartialDependence`
computes them with :func:`sklearn.inspection.partial_dependence`, the
reference, one panel per feature in parallel jobs, and stores the results as
that function returns them.

What vizkit adds is the visualizer protocol (fit once, redraw with other
drawing options, save), the layout, and speed when drawing: the ICE lines of
a panel are one ``LineCollection``, where scikit-learn's
``PartialDependenceDisplay`` draws a ``Line2D`` per line (1,000 by default,
per panel).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.base import is_classifier

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.exceptions import (
    VizkitError,
    VizkitTypeError,
    VizkitValueError,
    prefix_message,
)
from vizkit.inspection._partial_dependence import (
    centered_lines,
    check_features,
    check_kind,
    check_percentiles,
    check_subsample,
    column_deciles,
    ice_rows,
    inset_cell,
    numeric_input,
    panel_dependence,
    panel_kinds,
    resolve_features,
)
from vizkit.registry import MODEL, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import feature_names
from vizkit.utils.validation import plain

__all__ = ["PartialDependence", "partial_dependence"]

#: Where the decile ticks reach, as a fraction of the panel's height or width.
RUG_LENGTH = 0.05
#: Margin above and below the drawn curves, as a fraction of their range.
Y_MARGIN = 0.05
#: Filled and line levels of a 2-way panel's contours.
CONTOUR_LEVELS = 8
#: Inches per panel of a figure vizkit makes.
PANEL_INCHES = (4.0, 3.4)


# -- the visualizer -----------------------------------------------------------------


@common_params
class PartialDependence(ModelScoredVisualizer):
    """Partial dependence (PD) and ICE curves of a model, one panel per feature.

    Each panel shows how the model's prediction changes as one feature moves
    over a grid of its values while the other features keep each row's own
    values: the mean over the rows (the partial dependence, ``kind="average"``),
    one line per row (individual conditional expectation, ``"individual"``),
    or both. A pair of features draws a 2-way partial dependence as filled
    contours. Ticks at the bottom (and left, for pairs) of each panel mark
    the feature's deciles, where the data actually lies. The numbers are
    :func:`sklearn.inspection.partial_dependence`'s; the panels share their
    y range, so the features' effects compare at a glance.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model; ``fit`` fits it in place when it is not fitted yet (see
        ``is_fitted``).
    {common: ax}
    features : list of int, str or pairs of them, default=None
        The panels: a column index or name draws a 1-way plot, a pair of them
        a 2-way plot. None draws a 1-way plot of every column.
    kind : {"average", "individual", "both"} or list of them, default="average"
        The partial dependence, ICE lines, or both; a list gives one per
        entry of ``features``. 2-way plots are "average" only.
    centered : bool, default=False
        Draw every curve minus its value at the first grid point, so the ICE
        lines start together and their spread shows the interactions.
    grid_resolution : int, default=100
        The number of grid values per feature (fewer when the feature has
        fewer distinct values).
    percentiles : tuple of (float, float), default=(0.05, 0.95)
        The grid spans these percentiles of each feature.
    response_method : {"auto", "predict_proba", "decision_function"}, default="auto"
        What a classifier's curves show; "auto" tries ``predict_proba``, then
        ``decision_function``. Regressors always use ``predict``.
    method : {"auto", "recursion", "brute"}, default="auto"
        How the curves are computed: "recursion" (tree ensembles, average
        only) walks the trees once; "brute" predicts on the modified copies of
        X; "auto" takes "recursion" where it can.
    subsample : int, float or None, default=1000
        The ICE lines drawn: a number of rows, a fraction of them, or None for
        every row. ``individual_`` holds every row's line either way.
    random_state : int, RandomState or None, default=None
        Chooses the rows of the ICE lines (``ice_samples_``); an int chooses
        the same rows as ``PartialDependenceDisplay``.
    target : class label or int, default=None
        Whose curves to draw: the class of a multiclass classifier (required
        there), or the output index of a multi-output regressor. A binary
        classifier draws its positive class.
    {common: n_jobs}
    n_cols : int, default=3
        Panels per row of the figure.
    cmap : str or Colormap, default="viridis"
        The colormap of 2-way plots.
    line_color : color, default=None
        The colour of the partial dependence line; None takes the first colour
        of the current cycle with ``kind="average"``, else a dark grey over
        the ICE lines.
    ice_color : color, default=None
        The colour of the ICE lines; None takes the first colour of the cycle.
    alpha : float, default=0.3
        The opacity of the ICE lines.
    {common: is_fitted, fig, title, size}

    Attributes
    ----------
    features_ : list of tuple of int
        The column indices of each panel, as ``features`` resolved them.
    feature_names_ : ndarray of str of shape (n_features,)
        The names of X's columns (a DataFrame's, else ``x0, x1, ...``).
    kinds_ : list of str
        The kind of each panel.
    grid_values_ : list of list of ndarray
        Per panel, the grid of each of its features (``grid_values`` of
        ``sklearn.inspection.partial_dependence``).
    average_ : list of ndarray or None
        Per panel, the partial dependence of shape (n_outputs, n_grid) or
        (n_outputs, n_grid_0, n_grid_1) as scikit-learn returns it; None for
        a panel of kind "individual".
    individual_ : list of ndarray or None
        Per panel, every row's ICE line, of shape (n_outputs, n_samples,
        n_grid); None for a panel of kind "average".
    target_index_ : int
        The output drawn (the index of ``target`` among the model's classes
        or outputs).
    deciles_ : dict of int to ndarray
        The deciles of each drawn feature, by column index, for the rug ticks.
    ice_samples_ : ndarray of int
        The rows whose ICE lines are drawn.
    axes_ : list of matplotlib Axes
        The panels, in the order of ``features_``.
    lines_ : list of Line2D or None
        Per panel, the partial dependence line (None for 2-way and ICE-only
        panels).
    ice_lines_ : list of LineCollection or None
        Per panel, its ICE lines as one collection.
    contours_ : list of QuadContourSet or None
        Per 2-way panel, its filled contours.
    deciles_vlines_, deciles_hlines_ : list of LineCollection or None
        Per panel, the decile ticks of the x (and, for pairs, y) feature.

    Examples
    --------
    >>> from sklearn.ensemble import HistGradientBoostingRegressor
    >>> from vizkit.inspection import PartialDependence
    >>> viz = PartialDependence(
    ...     HistGradientBoostingRegressor(), features=[0, 1, (0, 1)], kind="average"
    ... )
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.average_[0]  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "features": P.Param(check_features),
        "kind": P.Param(check_kind),
        "centered": P.boolean(draw=True),
        "grid_resolution": P.number(2, integer=True),
        "percentiles": P.Param(check_percentiles),
        "response_method": P.choice("auto", "predict_proba", "decision_function"),
        "method": P.choice("auto", "recursion", "brute"),
        "subsample": P.Param(check_subsample),
        "random_state": P.random_state(),
        "target": P.anything(),
        "n_jobs": P.n_jobs(),
        "n_cols": P.number(1, integer=True, draw=True),
        # Only 2-way panels use it, and the conformance example has none.
        "cmap": dataclasses.replace(P.colormap(), example=None),
        "line_color": P.color(),
        "ice_color": P.color(),
        "alpha": P.number(0, 1, draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        features=None,
        kind="average",
        centered=False,
        grid_resolution=100,
        percentiles=(0.05, 0.95),
        response_method="auto",
        method="auto",
        subsample=1000,
        random_state=None,
        target=None,
        n_jobs=None,
        n_cols=3,
        cmap="viridis",
        line_color=None,
        ice_color=None,
        alpha=0.3,
        is_fitted="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.features = features
        self.kind = kind
        self.centered = centered
        self.grid_resolution = grid_resolution
        self.percentiles = percentiles
        self.response_method = response_method
        self.method = method
        self.subsample = subsample
        self.random_state = random_state
        self.target = target
        self.n_jobs = n_jobs
        self.n_cols = n_cols
        self.cmap = cmap
        self.line_color = line_color
        self.ice_color = ice_color
        self.alpha = alpha
        self.is_fitted = is_fitted
        self.fig = fig
        self.title = title
        self.size = size

    # -- compute -----------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed and compute the curves of every panel.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            The rows whose predictions are averaged (usually the training
            data); a DataFrame names the features.
        y : array-like of shape (n_samples,), default=None
            The target, needed only to fit an unfitted model.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        self._check_fit_data(X, y)
        if sparse.issparse(X):
            raise VizkitTypeError(
                "X is a sparse matrix, which partial dependence does not support "
                "(the grid is assigned into dense columns); convert it with "
                "X.toarray() if it fits in memory."
            )
        n_features = self._n_columns(X)
        names = feature_names(X, None, n_features)
        panels = resolve_features(self.features, names)
        kinds = panel_kinds(self.kind, panels)
        self._fit_estimator(X, y, **kwargs)
        X = numeric_input(X, panels)
        results = self._compute(X, panels, kinds)
        self.target_index_ = self._target_index(results[0], kinds[0])
        self.features_, self.feature_names_, self.kinds_ = panels, names, kinds
        self.grid_values_ = [r["grid_values"] for r in results]
        self.average_ = [r.get("average") for r in results]
        self.individual_ = [r.get("individual") for r in results]
        self.deciles_ = column_deciles(X, {c for panel in panels for c in panel})
        self.ice_samples_ = ice_rows(self._n_rows(X), self.subsample, self.random_state)
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # the grid is assigned into dense columns
        # One target per fit (a prefit multi-output model draws ``target``).
        tags.target_tags = dataclasses.replace(
            tags.target_tags, multi_output=False, single_output=True
        )
        return tags

    def _n_columns(self, X) -> int:
        n_features = self.__dict__.get("n_features_in_")
        if n_features is None:
            raise VizkitValueError(
                "X must be 2-D, of shape (n_samples, n_features); reshape a "
                "single feature with X.reshape(-1, 1)."
            )
        if n_features == 0:
            raise VizkitValueError(
                f"X has 0 feature(s) (shape={np.shape(X)}) while a minimum of 1 is "
                "required; pass at least one feature."
            )
        return n_features

    @staticmethod
    def _n_rows(X) -> int:
        return X.shape[0] if hasattr(X, "shape") else len(X)

    def _compute(self, X, panels, kinds) -> list:
        """``sklearn.inspection.partial_dependence`` of each panel, in parallel."""
        options = {
            "response_method": self.response_method,
            "method": self.method,
            "grid_resolution": self.grid_resolution,
            "percentiles": tuple(self.percentiles),
        }
        jobs = (
            delayed(panel_dependence)(self.estimator, X, list(panel), kind, options)
            for panel, kind in zip(panels, kinds)
        )
        try:
            return Parallel(n_jobs=self.n_jobs)(jobs)
        except VizkitError:
            raise
        except Exception as error:
            model = type(self.estimator).__name__
            prefix_message(
                error, f"{type(self).__name__}: partial_dependence of {model} failed"
            )
            raise

    def _target_index(self, result, kind: str) -> int:
        """The drawn output: a multiclass model's ``target`` class, an output index."""
        classes = getattr(self.estimator, "classes_", None)
        if is_classifier(self.estimator) and classes is not None and len(classes) > 2:
            return self._class_index(np.asarray(classes))
        n_outputs = result["individual" if kind == "individual" else "average"].shape[0]
        if n_outputs == 1:
            return 0
        ok = (
            isinstance(self.target, numbers.Integral)
            and 0 <= int(self.target) < n_outputs
        )
        if not ok:
            raise VizkitValueError(
                f"target={plain(self.target)!r} is not valid: the model predicts "
                f"{n_outputs} outputs; pass the index of the one to draw, from 0 to "
                f"{n_outputs - 1}."
            )
        return int(self.target)

    def _class_index(self, classes: np.ndarray) -> int:
        if self.target is not None:
            matches = [i for i, c in enumerate(classes) if c == self.target]
            if matches:
                return matches[0]
        given = (
            "target is None"
            if self.target is None
            else f"target={plain(self.target)!r} is not a class"
        )
        raise VizkitValueError(
            f"{given}: a multiclass model has one partial dependence per class; "
            f"pass target as one of its classes {classes.tolist()}."
        )

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """A panel per entry of ``features_``: curves, or contours for pairs."""
        self.axes_ = self._panel_axes(len(self.features_))
        self.lines_: list[Any] = []
        self.ice_lines_: list[Any] = []
        self.contours_: list[Any] = []
        self.deciles_vlines_: list[Any] = []
        self.deciles_hlines_: list[Any] = []
        limits = self._shared_limits()
        for index, panel in enumerate(self.features_):
            ax = self.axes_[index]
            if len(panel) == 1:
                self._draw_one_way(ax, index, limits)
            else:
                self._draw_two_way(ax, index)

    def _panel_axes(self, n_panels: int) -> list:
        """``ax_`` and the panels after it, in ``n_cols`` columns over its area.

        The area is the one ``ax_`` had before the first drawing on it, so a
        redraw on the same Axes lays the panels out again in the same place.
        """
        for old in self.__dict__.get("_panels", [])[1:]:  # a redraw replaces them
            if old in self.fig_.axes:
                old.remove()
        area = self.__dict__.get("_area")
        if area is None or area[0] is not self.ax_:
            area = (self.ax_, self.ax_.get_subplotspec(), self.ax_.get_position())
        self._area = area
        n_cols = min(self.n_cols, n_panels)
        n_rows = math.ceil(n_panels / n_cols)
        if self._owns_figure and self.size is None:
            width, height = PANEL_INCHES
            self.fig_.set_size_inches(width * n_cols, height * n_rows + 0.4)
        _, spec, position = area
        if spec is not None:
            # Pairs label their own y axis: room for it beside the next panel.
            pairs = any(len(panel) == 2 for panel in self.features_)
            grid = spec.subgridspec(
                n_rows, n_cols, wspace=0.4 if pairs else 0.15, hspace=0.5
            )
            self.ax_.set_subplotspec(grid[0])
            extra = [self.fig_.add_subplot(grid[i]) for i in range(1, n_panels)]
        else:  # an Axes placed by hand: the panels share its rectangle
            bounds = position.bounds
            cells = [inset_cell(bounds, i, n_rows, n_cols) for i in range(n_panels)]
            self.ax_.set_position(cells[0])
            extra = [self.fig_.add_axes(cell) for cell in cells[1:]]
        self._panels = [self.ax_, *extra]
        return self._panels

    def _curves(self, index: int, which: str) -> Any:
        """The drawn output's curves of one panel (centered if asked)."""
        values = getattr(self, f"{which}_")[index]
        if values is None:
            return None
        values = values[self.target_index_]
        if which == "individual":
            values = values[self.ice_samples_]
        return centered_lines(values) if self.centered and values.ndim <= 2 else values

    def _shared_limits(self) -> tuple[float, float] | None:
        """One y range for every 1-way panel, with a small margin."""
        drawn = [
            self._curves(i, which)
            for i, panel in enumerate(self.features_)
            if len(panel) == 1
            for which in ("average", "individual")
            if self.kinds_[i] in (which, "both")
        ]
        if not drawn:
            return None
        low = min(float(np.nanmin(v)) for v in drawn)
        high = max(float(np.nanmax(v)) for v in drawn)
        if not (np.isfinite(low) and np.isfinite(high)):
            return None
        margin = Y_MARGIN * (high - low) or 0.5
        return low - margin, high + margin

    def _draw_one_way(self, ax, index: int, limits) -> None:
        from matplotlib.collections import LineCollection

        grid = self.grid_values_[index][0]
        kind = self.kinds_[index]
        ice_color, line_color = self._colors(kind)
        ice = None
        if kind != "average":
            lines = self._curves(index, "individual")
            segments = np.stack(np.broadcast_arrays(grid, lines), axis=-1)
            ice = LineCollection(
                list(segments), colors=ice_color, alpha=self.alpha, linewidths=0.5,
                label="ICE",
            )  # fmt: skip
            ax.add_collection(ice)
        line = None
        if kind != "individual":
            style = "--" if kind == "both" else "-"
            (line,) = ax.plot(
                grid, self._curves(index, "average"), color=line_color, ls=style,
                lw=2 if kind == "both" else 1.5, label="average",
            )  # fmt: skip
        ax.set_xlim(grid[0], grid[-1]) if len(grid) > 1 else ax.autoscale_view()
        if limits is not None:
            ax.set_ylim(limits)
        self.ice_lines_.append(ice)
        self.lines_.append(line)
        self.contours_.append(None)
        self.deciles_vlines_.append(self._rug(ax, self.features_[index][0], "x"))
        self.deciles_hlines_.append(None)

    def _colors(self, kind: str) -> tuple[Any, Any]:
        first = resolve_colors(1, colors=self.ice_color)[0]
        if self.line_color is not None:
            return first, self.line_color
        return first, (first if kind == "average" else LINE_COLOR)

    def _draw_two_way(self, ax, index: int) -> None:
        x_grid, y_grid = self.grid_values_[index]
        surface = self.average_[index][self.target_index_]
        if self.centered:
            surface = surface - surface[0, 0]
        low, high = float(np.nanmin(surface)), float(np.nanmax(surface))
        levels = np.linspace(low, high, CONTOUR_LEVELS) if high > low else None
        XX, YY = np.meshgrid(x_grid, y_grid)
        Z = surface.T  # rows follow the second feature, as meshgrid lays them out
        filled = ax.contourf(XX, YY, Z, levels=levels, cmap=self.cmap, alpha=0.75)
        if levels is not None:
            lines = ax.contour(XX, YY, Z, levels=levels, colors="k", linewidths=0.5)
            ax.clabel(lines, fmt="%2.2f", colors="k", fontsize=8, inline=True)
        self.contours_.append(filled)
        self.lines_.append(None)
        self.ice_lines_.append(None)
        first, second = self.features_[index]
        self.deciles_vlines_.append(self._rug(ax, first, "x"))
        self.deciles_hlines_.append(self._rug(ax, second, "y"))

    def _rug(self, ax, column: int, axis: str):
        """Decile ticks of ``column`` along the bottom (x) or left (y) edge."""
        from matplotlib import transforms

        deciles = self.deciles_[column]
        deciles = deciles[np.isfinite(deciles)]
        if axis == "x":
            trans = transforms.blended_transform_factory(ax.transData, ax.transAxes)
            return ax.vlines(deciles, 0, RUG_LENGTH, transform=trans, color="k")
        trans = transforms.blended_transform_factory(ax.transAxes, ax.transData)
        return ax.hlines(deciles, 0, RUG_LENGTH, transform=trans, color="k")

    def finalize(self):
        """Feature names on the axes, a y label per row, a legend, the title."""
        n_cols = min(self.n_cols, len(self.features_))
        for index, (ax, panel) in enumerate(zip(self.axes_, self.features_)):
            ax.set_xlabel(self.feature_names_[panel[0]])
            if len(panel) == 2:
                ax.set_ylabel(self.feature_names_[panel[1]])
            elif index % n_cols == 0:
                ax.set_ylabel(self._ylabel())
            else:
                ax.tick_params(labelleft=False)
        with_legend = [i for i, k in enumerate(self.kinds_) if k == "both"]
        if with_legend and len(self.features_[with_legend[0]]) == 1:
            self.axes_[with_legend[0]].legend(loc="best", fontsize="small")
        title = self.title or self._default_title()
        if self._owns_figure and len(self.axes_) > 1:
            self.fig_.suptitle(title)
        else:
            self.ax_.set_title(title)
        return self.ax_

    def _ylabel(self) -> str:
        return "centered partial dependence" if self.centered else "partial dependence"

    def _default_title(self) -> str:
        title = f"Partial Dependence of {self.name}"
        classes = getattr(self.estimator, "classes_", None)
        if is_classifier(self.estimator) and classes is not None:
            # A binary model's curves are those of its positive class.
            drawn = self.target_index_ if len(classes) > 2 else 1
            title += f" (class {classes[drawn]})"
        return title

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_panels", None)
        state.pop("_area", None)
        return state


partial_dependence = declare(
    PartialDependence,
    kind=MODEL,
    quick="partial_dependence",
    example=examples.partial_dependence,
)
