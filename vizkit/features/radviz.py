"""RadViz: each instance drawn inside a circle of feature anchors.

The features are anchors spaced evenly around the unit circle. Each row is
min-max normalised per feature, then placed at the average of the anchors
weighted by its normalised values: a point is pulled towards the features on
which it is high. The positions are one matrix product per block of rows.

Two cases Yellowbrick leaves as NaN (points silently not drawn) get a
defined place here: a constant column cannot be min-max normalised, so it
contributes 0 to every row (with one warning); a row whose normalised values
are all 0 (every feature at its minimum) has no weight and is drawn at the
centre.

Scale: the points are one ``PathCollection``, or a binned density image above
:data:`vizkit.draw.DENSITY_THRESHOLD` rows (same colours and legend).
"""

from __future__ import annotations

import numpy as np

from vizkit import draw as vdraw
from vizkit import examples
from vizkit import params as P
from vizkit.features.base import DataVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.docs import common_params
from vizkit.utils.features import warn_constant
from vizkit.utils.target import TargetType

#: Bytes of X normalised at a time: X is never copied whole, and a block
#: this small stays in the CPU cache through its few passes (3x faster).
CHUNK_BYTES = 1 << 20
#: Colour of the circle, the anchors and the feature names (Yellowbrick's greys).
CIRCLE_COLOR = "grey"
ANCHOR_COLOR = "#777777"
#: Distance of the feature names from the centre (the circle has radius 1).
LABEL_RADIUS = 1.05
#: Half-width of the square the axes show at least (room for the names).
AXES_LIMIT = 1.2
#: |cos| or |sin| below this counts as 0 when aligning a name to its anchor.
_ALIGN_EPS = 1e-9


# -- computations (arrays in, arrays out) --------------------------------------------


def anchor_points(n_features: int) -> np.ndarray:
    """The feature anchors: ``n_features`` points evenly on the unit circle.

    Feature ``k`` sits at angle ``2 pi k / n_features``, the first at (1, 0).

    Returns
    -------
    anchors : ndarray of shape (n_features, 2)
    """
    angles = 2.0 * np.pi * np.arange(n_features) / n_features
    return np.column_stack([np.cos(angles), np.sin(angles)])


def minmax_scale(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: half the minimum, half the range, and whether it is constant.

    Halving is exact in floating point and keeps ranges up to twice the
    largest float finite, so ``(X / 2 - low) / span`` equals the min-max
    normalisation wherever that is finite. A constant column gets a span of
    1: its normalised values are exactly 0.
    """
    low = X.min(axis=0) * 0.5
    span = X.max(axis=0) * 0.5 - low
    constant = span == 0
    span[constant] = 1.0
    return low, span, constant


def minmax_normalize(X: np.ndarray) -> np.ndarray:
    """Each column scaled to [0, 1] (Yellowbrick's ``normalize``); constant ones 0."""
    X = np.asarray(X, dtype=np.float64)
    low, span, _ = minmax_scale(X)
    return (X * 0.5 - low) / span


def radviz_positions(
    X: np.ndarray,
    anchors: np.ndarray,
    scale: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """The RadViz position of each row: its normalised anchor-weighted average.

    Row ``i`` goes to ``sum_j w_ij a_j / sum_j w_ij``, with ``w_ij`` the
    min-max normalised value of feature ``j`` and ``a_j`` its anchor. Rows
    whose weights are all 0 go to the centre (0, 0). Works through blocks of
    about :data:`CHUNK_BYTES` of X, so memory stays well below the size of X.
    ``scale`` is ``minmax_scale(X)[:2]`` when already computed.

    Returns
    -------
    points : ndarray of shape (n_samples, 2)
    """
    low, span = minmax_scale(X)[:2] if scale is None else scale
    points = np.empty((len(X), 2))
    rows = max(1, CHUNK_BYTES // (8 * X.shape[1]))
    for start in range(0, len(X), rows):
        block = X[start : start + rows] * 0.5
        block -= low
        block /= span
        weights = block.sum(axis=1)
        weights[weights == 0] = 1.0  # all weights 0: the sum below is (0, 0)
        points[start : start + rows] = block @ anchors / weights[:, None]
    return points


def label_alignment(anchors: np.ndarray) -> list[tuple[str, str]]:
    """(ha, va) of each feature name, so it sits outside the circle by its anchor."""
    aligned = []
    for cos, sin in anchors:
        ha = "center" if abs(cos) < _ALIGN_EPS else ("left" if cos > 0 else "right")
        va = "center" if abs(sin) < _ALIGN_EPS else ("bottom" if sin > 0 else "top")
        aligned.append((ha, va))
    return aligned


# -- the visualizer ------------------------------------------------------------------


@common_params
class RadialVisualizer(DataVisualizer):
    """RadViz: instances inside a circle whose anchors are the features.

    Each feature is an anchor on the unit circle; each instance is drawn at
    the average of the anchors weighted by its min-max normalised values, so
    classes that are high on different features separate towards different
    anchors. ``transform`` returns X unchanged.

    Parameters
    ----------
    {common: ax}
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame,
        naming some of its columns draws only those.
    classes : list of str, default=None
        Names of the classes of a discrete target, in the order of the sorted
        class values (they label the legend). Must have one name per class.
    colors : color, list of colors or palette name, default=None
        One colour for all instances (no target), or colours per class,
        cycled if there are fewer colours than classes. For a continuous
        target a list of colours builds the colormap when ``colormap`` is None.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours (when ``colors`` is None) and
        used for a continuous target (default "RdBu").
    alpha : float, default=1.0
        Opacity of the points, from 0 (transparent) to 1 (opaque).
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        How the target is coloured. "auto" decides from y: classes for binary
        and multiclass targets of at most 12 classes, a colormap otherwise.
    colorbar : bool, default=True
        Draw a colorbar right of the plot for a continuous target.
    {common: fig, title, size}

    Attributes
    ----------
    points_ : ndarray of shape (n_samples, 2)
        The position of each instance of the training data.
    anchors_ : ndarray of shape (n_features, 2)
        The position of each feature's anchor on the unit circle.
    constant_features_ : ndarray of bool, shape (n_features,)
        The constant columns, which contribute 0 to every position.
    features_ : ndarray of str, shape (n_features,)
        The names of the columns of X.
    classes_ : ndarray of str, shape (n_classes,)
        The class labels of a discrete target.
    range_ : tuple of (min y, max y)
        The range of a continuous target.
    scatter_ : matplotlib artist
        The drawn points: a ``PathCollection``, or an ``AxesImage`` above
        the density threshold.
    anchor_labels_ : list of matplotlib Text
        The feature names around the circle.
    colorbar_ : matplotlib Colorbar or None
        The colorbar of a continuous target.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from vizkit.features import RadViz
    >>> X, y = load_iris(return_X_y=True)
    >>> visualizer = RadViz(classes=["setosa", "versicolor", "virginica"])
    >>> visualizer.fit(X, y)  # doctest: +ELLIPSIS
    RadialVisualizer(...)
    >>> visualizer.transform(X) is X
    True
    >>> visualizer.show()  # doctest: +SKIP
    """

    _params = {
        "alpha": P.number(0, 1, draw=True),
        "colorbar": P.boolean(draw=True),
    }

    #: Yellowbrick's static ``normalize``: min-max scaling of each column.
    normalize = staticmethod(minmax_normalize)

    def __init__(
        self,
        ax=None,
        features=None,
        classes=None,
        colors=None,
        colormap=None,
        alpha=1.0,
        target_type="auto",
        colorbar=True,
        fig=None,
        title=None,
        size=None,
    ):
        self.ax = ax
        self.features = features
        self.classes = classes
        self.colors = colors
        self.colormap = colormap
        self.alpha = alpha
        self.target_type = target_type
        self.colorbar = colorbar
        self.fig = fig
        self.title = title
        self.size = size

    def fit(self, X, y=None):
        """Compute the position of each instance (``points_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars).
        y : array-like of shape (n_samples,), default=None
            The target that colours the points.

        Returns
        -------
        self
        """
        X_array, _ = self._fit_data(X, y)
        self.anchors_ = anchor_points(X_array.shape[1])
        low, span, self.constant_features_ = minmax_scale(X_array)
        warn_constant(
            self.features_, self.constant_features_, "Min-max normalisation",
            consequence="they contribute 0 to every position",
        )  # fmt: skip
        self.points_ = radviz_positions(X_array, self.anchors_, (low, span))
        return self

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the points, the circle, its anchors and the feature names."""
        self.scatter_ = self._draw_points()
        self._draw_circle()
        self.colorbar_ = None
        if self._has_colorbar():
            self.colorbar_ = self.fig_.colorbar(self.scatter_, ax=self.ax_, shrink=0.8)

    def _draw_points(self):
        x, y = self.points_[:, 0], self.points_[:, 1]
        threshold = vdraw.DENSITY_THRESHOLD
        if self.target_color_type_ == TargetType.CONTINUOUS:
            from matplotlib.colors import Normalize

            return vdraw.scatter_values(
                self.ax_, x, y, self._color_values, cmap=self.cmap_,
                norm=Normalize(*self.range_), alpha=self.alpha,
                density_threshold=threshold,
            )  # fmt: skip
        codes = self._color_values
        if codes is None:
            codes = np.zeros(len(x), dtype=np.intp)
        return vdraw.scatter_classes(
            self.ax_, x, y, codes, self.colors_, alpha=self.alpha,
            density_threshold=threshold,
        )  # fmt: skip

    def _draw_circle(self) -> None:
        from matplotlib.patches import Circle

        ax, anchors = self.ax_, self.anchors_
        self.circle_ = ax.add_patch(
            Circle((0.0, 0.0), 1.0, facecolor="none", edgecolor=CIRCLE_COLOR,
                   linewidth=0.5)
        )  # fmt: skip
        self.anchor_points_ = ax.scatter(
            anchors[:, 0], anchors[:, 1], s=40, color=ANCHOR_COLOR, zorder=3
        )
        self.anchor_labels_ = [
            ax.text(*(anchor * LABEL_RADIUS), str(name), ha=ha, va=va, size="small")
            for anchor, name, (ha, va) in zip(
                anchors, self.features_, label_alignment(anchors)
            )
        ]

    def _has_colorbar(self) -> bool:
        return bool(self.colorbar) and self.target_color_type_ == TargetType.CONTINUOUS

    def finalize(self):
        """Title, a square view of the circle without ticks, and the legend."""
        self.set_title(f"RadViz for {len(self.features_)} Features")
        ax = self.ax_
        # Autoscaled to a square around the names; the wider side grows to fit.
        ax.update_datalim([(-AXES_LIMIT, -AXES_LIMIT), (AXES_LIMIT, AXES_LIMIT)])
        ax.margins(0)
        ax.set_aspect("equal", adjustable="datalim")
        ax.autoscale_view()
        ax.set_xticks([])
        ax.set_yticks([])
        self.legend_ = None
        if self.target_color_type_ == TargetType.DISCRETE:
            self.legend_ = vdraw.manual_legend(
                ax, self.classes_, self.colors_, loc="best"
            )
        return ax


radviz = declare(
    RadialVisualizer, kind=TRANSFORMER, quick="radviz", example=examples.features,
    aliases=("RadViz",),
)  # fmt: skip
