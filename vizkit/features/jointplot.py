"""Joint plots: one variable against another, with the distribution of each.

``JointPlot`` draws two features of X against each other (coloured by the
target when one is given), or one feature against the target, as a scatter
or a hexbin, with a histogram of each variable on the top and right margins
and their correlation in the legend.

Scale: above :data:`vizkit.draw.DENSITY_THRESHOLD` rows the scatter becomes
a binned density image, and the histograms are always ``np.histogram`` counts
drawn as one ``stairs`` artist each, so a million rows draw in a fraction of
a second.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
from scipy import stats

from vizkit import draw as vdraw
from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import VizkitValueError, VizkitWarning
from vizkit.features.base import DataVisualizer, _check_target_type
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.columns import (
    as_table,
    column_label,
    column_position,
    select_positions,
)
from vizkit.utils.docs import common_params
from vizkit.utils.features import constant_columns, warn_constant
from vizkit.utils.target import TargetType
from vizkit.utils.validation import check_target, check_X

#: The ``correlation`` options and how each is computed.
CORRELATIONS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    "pearson": lambda x, y: float(stats.pearsonr(x, y)[0]),
    "covariance": lambda x, y: float(np.cov(x, y)[0, 1]),
    "spearman": lambda x, y: float(stats.spearmanr(x, y)[0]),
    "kendalltau": lambda x, y: float(stats.kendalltau(x, y)[0]),
}
#: The ``kind`` options ("hex" is Yellowbrick's other spelling of "hexbin").
KINDS = ("scatter", "hex", "hexbin")
#: Colour of the histograms when the points are coloured by the target.
HISTCOLOR = "#6897bb"
#: Size in inches of the margin axes holding the histograms (Yellowbrick's).
MARGIN_SIZE = 1.0
#: ``hist_kws`` keys that ``np.histogram`` takes; the others style the bars.
HISTOGRAM_KEYS = ("bins", "range", "weights", "density")
#: ``ax.hist`` keys without a meaning for one histogram drawn as stairs.
IGNORED_HIST_KEYS = (
    "histtype", "align", "rwidth", "log", "stacked", "cumulative", "bottom",
    "orientation",
)  # fmt: skip


def correlation(x: np.ndarray, y: np.ndarray, method: str) -> float:
    """The ``method`` correlation (or covariance) of two equal-length vectors."""
    return CORRELATIONS[method](x, y)


def joint_correlation(xy: np.ndarray, labels: tuple[str, str], method: str) -> float:
    """Correlation of the two columns of ``xy``; NaN, with a warning, if undefined.

    A correlation is undefined when a column is constant (its deviation is
    zero); the covariance is then 0 and needs no warning.
    """
    constant = constant_columns(xy)
    if method != "covariance" and constant.any():
        warn_constant(labels, constant, f"the {method} correlation")
        return float("nan")
    return correlation(xy[:, 0], xy[:, 1], method)


def histogram_kws(
    hist: bool | str, hist_kws: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split ``hist_kws`` into ``np.histogram``'s arguments and the bars' style.

    Returns ``(numpy_kws, style_kws)``; keys only ``ax.hist`` understands are
    dropped with a warning.
    """
    kws = dict(hist_kws or {})
    ignored = sorted(set(kws) & set(IGNORED_HIST_KEYS))
    if ignored:
        warnings.warn(
            f"hist_kws {ignored} are ignored: each histogram is one stairs artist "
            "of np.histogram counts.",
            VizkitWarning,
            stacklevel=4,
        )
    numpy_kws = {key: kws.pop(key) for key in HISTOGRAM_KEYS if key in kws}
    numpy_kws.setdefault("bins", 50)
    numpy_kws.setdefault("density", hist == "density")
    for key in ignored:
        kws.pop(key)
    return numpy_kws, kws


def _columns_param(value: Any, name: str, viz: Any) -> None:
    ok = value is None or isinstance(value, str | numbers.Integral)
    if not ok and isinstance(value, list | tuple) and len(value) == 2:
        ok = all(isinstance(v, str | numbers.Integral) for v in value)
    if not ok or isinstance(value, bool):
        raise VizkitValueError(
            f"{name}={value!r} is not valid; pass one column (an int position or a "
            "column name) to plot against y, two columns [a, b] to plot against "
            "each other, or None."
        )
    n_features = viz.__dict__.get("n_features_in_")
    if value is not None and n_features is not None:  # fitted: must still resolve
        keys = value if isinstance(value, list | tuple) else [value]
        names = viz.__dict__.get("feature_names_in_")  # as the fitted X's columns
        table = SimpleNamespace(columns=[] if names is None else list(names))
        for key in keys:
            column_position(table, key, n_features)


@common_params
class JointPlot(DataVisualizer):
    """One feature against another, or against the target, with marginal histograms.

    ``columns`` chooses what is drawn: two columns of X against each other
    (coloured by y when it is given), or one column against the target y.
    When it is None, the first two columns of X are drawn, or the only
    feature of a 1-D (or one-column) X against y.

    Parameters
    ----------
    {common: ax}
    columns : int, str, or a pair of them, default=None
        Columns of X, by position or (for a DataFrame) by name: one to draw
        against y, two to draw against each other. None: the first two
        columns, or the only one (X 1-D or of one column) against y.
    correlation : {"pearson", "covariance", "spearman", "kendalltau"}, \
default="pearson"
        The relationship of the two variables stored in ``corr_`` and shown
        in the legend.
    kind : {"scatter", "hexbin", "hex"}, default="scatter"
        Points, or hexagonal bins coloured by their count (not by the target).
        Above ``vizkit.draw.DENSITY_THRESHOLD`` rows a scatter is drawn as a
        binned density image.
    hist : {True, False, None, "density", "frequency"}, default=True
        Histograms of the two variables on the top and right: counts (True
        or "frequency"), a probability density ("density"), or none.
    alpha : float, default=0.65
        Opacity of the points or hexagons, from 0 to 1.
    joint_kws : dict, default=None
        Keyword arguments of ``ax.scatter`` or ``ax.hexbin`` (not used by the
        density image); a "label" replaces the legend text.
    hist_kws : dict, default=None
        ``bins`` (default 50), ``range``, ``weights`` and ``density`` go to
        ``np.histogram``; the rest style the ``stairs`` artists.
    classes : list of str, default=None
        Names of the classes of a discrete target, in the order of the sorted
        class values (they label the legend).
    colors : color, list of colors or palette name, default=None
        The colour of the points (no target), or colours per class.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours (when ``colors`` is None) and
        used for a continuous target (default "RdBu").
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        How the target colours two features drawn against each other.
    {common: fig, title, size}

    Attributes
    ----------
    xy_ : ndarray of shape (n_samples, 2)
        The two variables drawn: the x axis, then the y axis.
    corr_ : float
        Their ``correlation`` (NaN when a constant variable leaves it undefined).
    xlabel_, ylabel_ : str
        Names of the two variables (column names, ``x<i>``, or "target").
    target_color_type_ : TargetType
        How the points are coloured ("single" when y is drawn on the y axis).
    classes_, range_, colors_, cmap_
        As for :class:`~vizkit.features.base.DataVisualizer`.
    xhax_, yhax_ : matplotlib Axes or None
        The histogram axes on the top and on the right, once drawn.
    n_features_in_ : int
        The number of columns of X (1 for a 1-D X).

    Examples
    --------
    >>> from vizkit.datasets import load_diabetes
    >>> from vizkit.features import JointPlot
    >>> X, y = load_diabetes()
    >>> viz = JointPlot(columns=2, correlation="spearman")
    >>> viz.fit_transform(X, y).shape  # X unchanged
    (442, 10)
    >>> viz.show()  # doctest: +SKIP
    """

    #: A 1-D X is one feature drawn against y, as in Yellowbrick.
    _accepts_1d_X = True

    _params = {
        "columns": P.Param(_columns_param),
        "correlation": P.choice(*CORRELATIONS),
        "kind": P.choice(*KINDS, draw=True),
        "hist": P.choice(True, False, None, "density", "frequency", draw=True),
        "alpha": P.number(0, 1, draw=True),
        "joint_kws": P.anything(draw=True),
        "hist_kws": P.anything(draw=True),
    }

    def __init__(
        self,
        ax=None,
        columns=None,
        correlation="pearson",
        kind="scatter",
        hist=True,
        alpha=0.65,
        joint_kws=None,
        hist_kws=None,
        classes=None,
        colors=None,
        colormap=None,
        target_type="auto",
        fig=None,
        title=None,
        size=None,
    ):
        self.ax = ax
        self.columns = columns
        self.correlation = correlation
        self.kind = kind
        self.hist = hist
        self.alpha = alpha
        self.joint_kws = joint_kws
        self.hist_kws = hist_kws
        self.classes = classes
        self.colors = colors
        self.colormap = colormap
        self.target_type = target_type
        self.fig = fig
        self.title = title
        self.size = size

    @property
    def xhax(self):
        """The histogram axes on top (Yellowbrick's ``xhax``)."""
        return _side_axes(self, "xhax_", "top")

    @property
    def yhax(self):
        """The histogram axes on the right (Yellowbrick's ``yhax``)."""
        return _side_axes(self, "yhax_", "right")

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None):
        """Choose the two variables, colour by the target, compute ``corr_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features) or (n_samples,)
            The data (numpy, pandas, polars); only the drawn columns must be
            numeric and finite.
        y : array-like of shape (n_samples,), default=None
            The target: drawn on the y axis against one feature, or the
            colour of the points of two features.

        Returns
        -------
        self
        """
        X2d, one_d = as_table(X)
        positions, against_target = self._positions(X2d, y)
        chosen = check_X(select_positions(X2d, positions), numeric=True, min_samples=2)
        names = [column_label(X, X2d, p, one_d) for p in positions]
        self._record_input(X2d)
        self._drawn_positions = positions
        if against_target:
            values = _numeric_target(y, len(chosen), names[0])
            self.xy_ = np.column_stack([chosen[:, 0], values])
            names.append(getattr(y, "name", None) or "target")
            self._fit_target(None, "single")
        else:
            self.xy_ = chosen
            y_array = None if y is None else check_target(y, n_samples=len(chosen))
            self._fit_target(y_array, _check_target_type(self.target_type))
        self.xlabel_, self.ylabel_ = (str(name) for name in names)
        self.corr_ = joint_correlation(
            self.xy_, (self.xlabel_, self.ylabel_), self.correlation
        )
        return self

    def _check_new_data(self, X):
        """New data: one feature or the table seen in ``fit``, drawn columns finite."""
        X2d, one_d = as_table(X)
        if one_d and self.__dict__.get("n_features_in_", 1) != 1:
            check_X(X)  # raises: fitted on a table, given one feature or one row
        self._check_transform_input(X2d)
        return check_X(select_positions(X2d, self._drawn_positions), numeric=True)

    def _positions(self, X: Any, y: Any) -> tuple[list[int], bool]:
        """Positions of the drawn columns, and whether y is drawn against them."""
        n_columns, columns = X.shape[1], self.columns
        if n_columns == 0:
            check_X(X)  # raises: X has no feature
        if columns is None:
            if n_columns >= 2:
                return [0, 1], False
            if y is not None:
                return [0], True
            raise VizkitValueError(
                "X has a single column and y is None, so there is nothing to draw "
                "it against; pass y, or X with two columns."
            )
        if isinstance(columns, str | numbers.Integral):
            if y is None:
                raise VizkitValueError(
                    f"columns={columns!r} chooses one feature to draw against the "
                    "target, but y is None; pass y, or two columns."
                )
            return [column_position(X, columns, n_columns)], True
        return [column_position(X, c, n_columns) for c in columns], False

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """The joint scatter (or hexbin), its colorbar and the two histograms."""
        self._remove_side_axes()
        x, y = self.xy_[:, 0], self.xy_[:, 1]
        kws = dict(self.joint_kws or {})
        alpha = kws.pop("alpha", self.alpha)
        self._label = kws.pop("label", None)
        if self.kind in ("hex", "hexbin"):
            kws = {"mincnt": 1, "gridsize": 50, "cmap": "Blues", **kws}
            self.joint_ = self.ax_.hexbin(x, y, alpha=alpha, **kws)
        else:
            self.joint_ = self._scatter(x, y, alpha, kws)
        divider = None
        if self.hist or self._has_colorbar():
            from mpl_toolkits.axes_grid1 import make_axes_locatable

            divider = make_axes_locatable(self.ax_)
            self._side_of = self.ax_
        if self.hist:
            self._draw_histograms(divider, x, y)
        if divider is not None and self._has_colorbar():
            self.cax_ = divider.append_axes("right", size="5%", pad=0.1)
            self.colorbar_ = self.fig_.colorbar(self.joint_, cax=self.cax_)

    def _scatter(self, x: np.ndarray, y: np.ndarray, alpha: float, kws: dict):
        if self.target_color_type_ == TargetType.CONTINUOUS:
            values = np.asarray(self._color_values)
            return vdraw.scatter_values(
                self.ax_, x, y, values, cmap=self.cmap_,
                norm=_norm(self.range_), alpha=alpha,
                density_threshold=vdraw.DENSITY_THRESHOLD, **kws,
            )  # fmt: skip
        codes = self._color_values
        if codes is None:
            codes = np.zeros(len(x), dtype=np.intp)
        return vdraw.scatter_classes(
            self.ax_, x, y, codes, self.colors_, alpha=alpha,
            density_threshold=vdraw.DENSITY_THRESHOLD, **kws,
        )  # fmt: skip

    def _draw_histograms(self, divider, x: np.ndarray, y: np.ndarray) -> None:
        numpy_kws, style = histogram_kws(self.hist, self.hist_kws)
        style = {"fill": True, "color": self._hist_color(), **style}
        self.xhax_ = divider.append_axes(
            "top", size=MARGIN_SIZE, pad=0.1, sharex=self.ax_
        )
        self.yhax_ = divider.append_axes(
            "right", size=MARGIN_SIZE, pad=0.1, sharey=self.ax_
        )
        counts, edges = np.histogram(x, **numpy_kws)
        self.xhist_ = self.xhax_.stairs(counts, edges, **style)
        counts, edges = np.histogram(y, **numpy_kws)
        self.yhist_ = self.yhax_.stairs(
            counts, edges, orientation="horizontal", **style
        )

    def _hist_color(self):
        if self.target_color_type_ == TargetType.SINGLE:
            return self.colors_[0]
        return HISTCOLOR

    def _has_colorbar(self) -> bool:
        return (
            self.kind == "scatter" and self.target_color_type_ == TargetType.CONTINUOUS
        )

    def _remove_side_axes(self) -> None:
        """Redrawing on the same Axes first removes the margins drawn before."""
        same = self.__dict__.get("_side_of") is self.ax_
        for name in ("xhax_", "yhax_", "cax_"):
            axes = self.__dict__.get(name)
            if same and axes is not None and axes.figure is not None:
                axes.remove()
            setattr(self, name, None)
        self.colorbar_ = None

    def finalize(self):
        """Axis labels, the correlation legend, the title and the margin ticks."""
        self.ax_.set_xlabel(self.xlabel_)
        self.ax_.set_ylabel(self.ylabel_)
        self.legend_ = self._legend()
        top = self.xhax_ if self.xhax_ is not None else self.ax_
        if self.title:
            top.set_title(self.title)
        if self.xhax_ is not None:
            self.xhax_.tick_params(labelbottom=False)
            self.yhax_.tick_params(labelleft=False)
            self.xhax_.grid(False, axis="y")
            self.yhax_.grid(False, axis="x")
        return self.ax_

    def _legend(self):
        label = self._label or _corr_label(self.correlation, self.corr_)
        if self.target_color_type_ == TargetType.DISCRETE and self.kind == "scatter":
            return vdraw.manual_legend(
                self.ax_, self.classes_, self.colors_, title=label, loc="best"
            )
        from matplotlib.lines import Line2D

        hexbin = self.kind != "scatter"
        color = _legend_color(self, hexbin)
        handle = Line2D(
            [], [], linestyle="", marker="h" if hexbin else "o", color=color
        )
        return self.ax_.legend(handles=[handle], labels=[label], loc="best")


def _legend_color(viz: JointPlot, hexbin: bool):
    if hexbin:
        import matplotlib as mpl

        cmap = mpl.colormaps[(viz.joint_kws or {}).get("cmap", "Blues")]
        return cmap(0.7)
    if viz.target_color_type_ == TargetType.SINGLE:
        return viz.colors_[0]
    return "0.4"


def _corr_label(method: str, value: float) -> str:
    if np.isnan(value):
        return f"{method}=nan (undefined)"
    return f"{method}={value:0.3f}"


def _norm(value_range: tuple[float, float]):
    from matplotlib.colors import Normalize

    return Normalize(*value_range)


def _side_axes(viz: JointPlot, name: str, where: str):
    axes = viz.__dict__.get(name)
    if axes is None:
        raise AttributeError(
            f"{type(viz).__name__} has no histogram on the {where} (hist is off, "
            "or it is not drawn yet)."
        )
    return axes


def _numeric_target(y: Any, n_samples: int, feature: str) -> np.ndarray:
    """y as floats, to be drawn on the y axis against ``feature``."""
    values = check_target(y, n_samples=n_samples)
    try:
        return values.astype(np.float64)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"y holds {values.dtype} values that cannot be drawn against "
            f"{feature!r}; pass a numeric y, or two columns of X coloured by y."
        ) from None


JointPlotVisualizer = JointPlot

joint_plot = declare(
    JointPlot, kind=TRANSFORMER, quick="joint_plot", example=examples.joint,
    aliases=("JointPlotVisualizer",),
)  # fmt: skip
