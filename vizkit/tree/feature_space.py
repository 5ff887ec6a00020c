"""The regions a decision tree cuts in one or two features, with the training points.

:class:`TreeFeatureSpace` isolates one or two features. With two, every leaf
whose path from the root tests one of them owns a rectangle: the bounds its
path sets on those two features, other features' tests ignored (so, for a
tree on more than two features, rectangles overlap where another feature
decides), filled with the leaf's class or value, under the training points.
With one, the training points (a strip per class, or the target against the
feature) and a dashed line at every threshold on that feature.

Who draws what, and why. Measured on a depth-12 ``DecisionTreeClassifier``
of 10 features (``benchmarks/cases/tree_feature_space.py``), fit with
``is_fitted=True`` then draw and save the PNG, against
``sklearn.tree.plot_tree(max_depth=4)`` and save (about 1.0-1.2 s):

- one feature: dtreeviz's ``ctree_feature_space``/``rtree_feature_space``,
  wrapped (0.9 s classifier, 0.6 s regressor, at 1e5 rows). Its strip draws
  random jitter from NumPy's global generator: vizkit seeds it for the call
  and restores the user's state. Above ``DENSITY_THRESHOLD`` rows the
  classifier strip becomes dtreeviz's stacked histogram (0.5 s).
- two features: vizkit's own, from :func:`leaf_regions`. dtreeviz adds one
  translucent patch per region (1,079 here), redraws the figure midway and
  scatters every point with edges: 0.6 s at 1e4 rows but 3.0 s at 1e5 (2.5x
  ``plot_tree``), and 8.9 s for its regression heatmap; its overlapping
  patches stack into an opaque layer over the points. vizkit paints the
  regions on the grid of their sides (:func:`cell_edges`, :func:`cover_sums`:
  one ``QuadMesh``, each cell the mix of the classes, or the mean of the
  values, of the regions over it), outlines them in one ``PolyCollection``
  and draws the points with ``vizkit.draw``'s scatter, binned above
  ``DENSITY_THRESHOLD`` rows: 0.4-0.6 s at 1e4 and at 1e5 rows (0.3x
  ``plot_tree``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import (
    DENSITY_BINS,
    DENSITY_THRESHOLD,
    manual_legend,
    scatter_classes,
    scatter_values,
)
from vizkit.exceptions import VizkitValueError
from vizkit.registry import TREE, declare
from vizkit.style import LINE_COLOR, get_colormap, resolve_colors
from vizkit.tree._adapter import LEAF, node_predictions
from vizkit.tree._layout import rectangles
from vizkit.tree.base import FONT, TreeVisualizer
from vizkit.utils.docs import common_params
from vizkit.utils.features import column_index
from vizkit.utils.validation import plain

#: Opacity of the region rectangles (dtreeviz's ``tessellation_alpha``).
REGION_ALPHA = 0.3
#: The colormap of a regression tree's values when ``colormap`` is None.
VALUE_CMAP = "viridis"
#: Most cells of the grid the overlapping regions are painted on (see cell_edges).
MAX_CELLS = DENSITY_BINS * DENSITY_BINS
#: Marker area of the training points (points^2).
POINT_SIZE = 12

# -- computations (arrays in, arrays out) -------------------------------------------


def chosen_features(features: Any, names: np.ndarray) -> np.ndarray:
    """The column indices of ``features`` (names or indices), checked.

    None picks the first two features (the only one, for a one-feature tree).
    """
    if features is None:
        return np.arange(min(len(names), 2))
    indices = np.array([column_index(f, names) for f in features], dtype=np.intp)
    if len(indices) == 2 and indices[0] == indices[1]:
        raise VizkitValueError(
            f"features={plain(list(features))!r} names feature "
            f"{names[indices[0]]!r} twice; pass two different features, or one."
        )
    return indices


def feature_splits(tree_: Any, indices: np.ndarray) -> list[np.ndarray]:
    """For each chosen feature, the sorted thresholds the tree tests it at."""
    return [np.sort(tree_.threshold[tree_.feature == f]) for f in indices]


def feature_bounds(values: np.ndarray, thresholds: np.ndarray) -> tuple[float, float]:
    """The span of a feature's finite values and of the thresholds on it."""
    span = np.concatenate([values[np.isfinite(values)], thresholds])
    if len(span) == 0:
        return 0.0, 1.0
    return float(span.min()), float(span.max())


def leaf_regions(
    tree_: Any, indices: np.ndarray, bounds: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The rectangle of every leaf whose path tests one of two chosen features.

    Walks the tree from the root with the box ``bounds`` (x0, x1, y0, y1),
    narrowing it at each test of a chosen feature (a left child keeps
    ``x <= threshold``); tests of other features leave it as it is. Returns
    the leaf ids, ascending, and their boxes, one row (x0, x1, y0, y1) each;
    leaves reached without testing either feature own no region.
    """
    leaves, boxes = [], []
    stack = [(0, np.asarray(bounds, dtype=np.float64), False)]
    while stack:
        node, box, tested = stack.pop()
        left = tree_.children_left[node]
        if left == LEAF:
            if tested:
                leaves.append(node)
                boxes.append(box)
            continue
        feature, threshold = tree_.feature[node], tree_.threshold[node]
        axis = np.flatnonzero(indices == feature)
        left_box, right_box = box.copy(), box.copy()
        if len(axis):
            left_box[2 * axis[0] + 1] = right_box[2 * axis[0]] = threshold
            tested = True
        stack.append((left, left_box, tested))
        stack.append((tree_.children_right[node], right_box, tested))
    order = np.argsort(leaves)
    return np.asarray(leaves, dtype=np.intp)[order], np.reshape(boxes, (-1, 4))[order]


def leaf_values(tree_: Any, leaves: np.ndarray, classes: np.ndarray | None):
    """Each leaf's prediction: its majority class, or its mean value."""
    if classes is None:
        return node_predictions(tree_)[leaves]
    return classes[tree_.value[leaves, 0, :].argmax(axis=1)]


def cell_edges(boxes: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The x and y edges of a grid over ``bounds`` whose every cell lies inside
    or outside each box.

    The boxes' own sides, while they make at most ``MAX_CELLS`` cells; else a
    uniform ``DENSITY_BINS`` grid (sides snap to the nearest edge). Each axis
    has at least two edges (equal ones for a constant feature).
    """
    edges = []
    for sides, (low, high) in ((boxes[:, :2], bounds[:2]), (boxes[:, 2:], bounds[2:])):
        edges.append(np.unique(np.concatenate([sides.ravel(), [low, high]])))
    if len(edges[0]) * len(edges[1]) > MAX_CELLS:
        edges = [np.linspace(e[0], e[-1], DENSITY_BINS + 1) for e in edges]
    x_edges, y_edges = (np.repeat(e, 2) if len(e) == 1 else e for e in edges)
    return x_edges, y_edges


def cover_sums(
    boxes: np.ndarray, weights: np.ndarray, x_edges: np.ndarray, y_edges: np.ndarray
) -> np.ndarray:
    """Per grid cell, the sum of the ``weights`` rows of the boxes covering it.

    ``weights`` has one row per box; the result has shape
    (len(y_edges) - 1, len(x_edges) - 1, n_columns). Each box adds its row at
    its lower-left corner and takes it away past its sides; two running sums
    then spread it over the cells inside.
    """
    i0, i1 = _nearest(x_edges, boxes[:, 0]), _nearest(x_edges, boxes[:, 1])
    j0, j1 = _nearest(y_edges, boxes[:, 2]), _nearest(y_edges, boxes[:, 3])
    corners = np.zeros((len(y_edges), len(x_edges), weights.shape[1]))
    for rows, cols, sign in ((j0, i0, 1), (j0, i1, -1), (j1, i0, -1), (j1, i1, 1)):
        np.add.at(corners, (rows, cols), sign * weights)
    return corners.cumsum(axis=0).cumsum(axis=1)[:-1, :-1]


def _nearest(edges: np.ndarray, values: np.ndarray) -> np.ndarray:
    return np.searchsorted((edges[1:] + edges[:-1]) / 2, values)


# -- parameter checks ---------------------------------------------------------------


def _check_features(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    if (
        isinstance(value, str)
        or not hasattr(value, "__len__")
        or len(value) not in (1, 2)
    ):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass a list of one or two "
            "feature names or column indices, e.g. features=['petal length', "
            "'petal width'], or None for the first two."
        )


# -- the visualizer ------------------------------------------------------------------


@common_params
class TreeFeatureSpace(TreeVisualizer):
    """The regions a tree's splits cut in one or two features, with the points.

    Two features: the rectangle of every leaf whose path tests one of them,
    filled with the leaf's class (classifier) or value (regressor), under the
    training points coloured the same way. Only the tests of the two chosen
    features bound a rectangle, so when the tree splits on other features
    too the rectangles overlap: there another feature decides, and the fill
    mixes the colours of the classes of the rectangles over it (or shows the
    mean of their values). One feature:
    the training points (one strip per class, or the target against the
    feature) and a dashed line at each threshold on the feature.

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax}
    features : list of one or two str or int, default=None
        The features to draw, by name or column index (of the data the tree
        sees). None: the first two.
    colors : list of colors or palette name, default=None
        The colours of the classes. Wins over ``colormap``.
    colormap : str or matplotlib Colormap, default=None
        Sampled for the class colours (when ``colors`` is None), or the
        colormap of a regression tree's values (None: "viridis").
    {common: fig, is_fitted, tree_index, feature_names, class_names}
    {common: target_name, title, size}

    Attributes
    ----------
    features_ : ndarray of int of shape (n_chosen,)
        The column indices of the drawn features.
    splits_ : list of ndarray
        For each drawn feature, the sorted thresholds the tree tests it at.
    regions_ : ndarray of shape (n_regions, 4) or None
        With two features: each region's box (x0, x1, y0, y1), a leaf's
        training points lying in ``x0 < x <= x1`` and ``y0 < y <= y1``. None
        with one feature.
    region_leaves_ : ndarray of int of shape (n_regions,) or None
        The leaf id of each region, ascending (the leaves whose path tests a
        drawn feature).
    region_values_ : ndarray of shape (n_regions,) or None
        The leaf's prediction: its class (classifier) or mean value.
    regions_collection_ : matplotlib PolyCollection
        The outlines of the rectangles (two features).
    regions_mesh_ : matplotlib QuadMesh
        Their fill, on the grid of their sides (two features).
    colorbar_ : matplotlib Colorbar
        The scale of a regression tree's values (two features).
    points_ : matplotlib artist
        The drawn training points (two features): a ``PathCollection``, or
        an ``AxesImage`` of binned points above ``DENSITY_THRESHOLD`` rows.
    leaf_ids_, leaf_samples_, leaf_impurity_, feature_names_, classes_
        As every tree visualizer (:class:`vizkit.tree.base.TreeVisualizer`).

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from vizkit.tree import TreeFeatureSpace
    >>> X, y = load_iris(return_X_y=True, as_frame=True)
    >>> features = ["petal length (cm)", "petal width (cm)"]
    >>> viz = TreeFeatureSpace(DecisionTreeClassifier(max_depth=3), features=features)
    >>> viz.fit(X, y).show()  # doctest: +SKIP
    """

    regions_: Any
    region_leaves_: Any
    region_values_: Any

    _params = {
        "features": P.Param(_check_features, example=None),
        "colors": P.colors(),
        "colormap": P.colormap(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        features=None,
        colors=None,
        colormap=None,
        fig=None,
        is_fitted="auto",
        tree_index=None,
        feature_names=None,
        class_names=None,
        target_name=None,
        title=None,
        size=None,
    ):
        super().__init__(
            estimator, ax=ax, fig=fig, is_fitted=is_fitted, tree_index=tree_index,
            feature_names=feature_names, class_names=class_names,
            target_name=target_name, title=title, size=size,
        )  # fmt: skip
        self.features = features
        self.colors = colors
        self.colormap = colormap

    def _fit_tree(self) -> None:
        """The chosen features, their thresholds and (two features) the regions."""
        tree_ = self._tree.tree_
        self.features_ = chosen_features(self.features, self.feature_names_)
        self.splits_ = feature_splits(tree_, self.features_)
        self.regions_ = self.region_leaves_ = self.region_values_ = None
        if len(self.features_) == 2:
            bounds = [
                feature_bounds(self._X_tree[:, f], splits)
                for f, splits in zip(self.features_, self.splits_)
            ]
            self.region_leaves_, self.regions_ = leaf_regions(
                tree_, self.features_, np.ravel(bounds)
            )
            self.region_values_ = leaf_values(tree_, self.region_leaves_, self.classes_)
            self._cells = self._region_cover(np.ravel(bounds))

    def _region_cover(self, bounds: np.ndarray) -> tuple[np.ndarray, ...]:
        """The grid the regions are painted on, and what covers each cell.

        Per cell: the number of covering regions of each class, or the sum of
        the covering regions' values and their number.
        """
        if self.classes_ is None:
            weights = np.column_stack(
                [self.region_values_, np.ones(len(self.region_values_))]
            )
        else:
            codes = np.searchsorted(self.classes_, self.region_values_)
            weights = np.eye(len(self.classes_))[codes]
        x_edges, y_edges = cell_edges(self.regions_, bounds)
        return x_edges, y_edges, cover_sums(self.regions_, weights, x_edges, y_edges)

    # -- drawing -------------------------------------------------------------------

    def _class_colors(self) -> list[str]:
        return resolve_colors(len(self.classes_), self.colormap, self.colors)

    def _feature_label(self, position: int) -> str:
        return str(self.feature_names_[self.features_[position]])

    def draw(self) -> None:
        """The regions and the points (two features), or dtreeviz's strip (one)."""
        if len(self.features_) == 2:
            self._draw_regions()
        else:
            self._draw_one_feature()

    def _draw_regions(self) -> None:
        """The painted cells, the region outlines and the points over them."""
        from matplotlib.collections import PolyCollection

        rows = np.isfinite(self._X_tree[:, self.features_]).all(axis=1)
        x, y = self._X_tree[rows][:, self.features_].T
        target = self._y_tree[rows]
        self.regions_collection_ = self.ax_.add_collection(
            PolyCollection(
                list(_box_polygons(self.regions_)), facecolors="none",
                edgecolors=LINE_COLOR, linewidths=0.4, alpha=0.4, zorder=1.5,
            )
        )  # fmt: skip
        if self.classes_ is None:
            self._draw_values(x, y, target)
        else:
            self._draw_classes(x, y, target)
        for artist in (self.regions_mesh_, self.points_):  # margins keep edge points
            artist.sticky_edges.x.clear()
            artist.sticky_edges.y.clear()
        self.points_.set_zorder(2)  # over the regions, binned or not

    def _draw_classes(self, x, y, codes) -> None:
        """Cells mix the colours of the classes of the regions covering them."""
        from matplotlib.colors import to_rgba_array

        colors = self._class_colors()
        x_edges, y_edges, counts = self._cells
        total = counts.sum(axis=-1, keepdims=True)
        rgba = np.zeros((*counts.shape[:2], 4))
        rgba[..., :3] = counts @ to_rgba_array(colors)[:, :3] / np.maximum(total, 1)
        rgba[..., 3] = np.where(total[..., 0] > 0, REGION_ALPHA, 0.0)
        self.regions_mesh_ = self.ax_.pcolormesh(x_edges, y_edges, rgba, zorder=1)
        self.points_ = scatter_classes(
            self.ax_, x, y, codes, colors, s=POINT_SIZE, edgecolors="none"
        )
        manual_legend(
            self.ax_, self._class_labels() or [], colors, title=self._target_label(),
            loc="center left", bbox_to_anchor=(1.02, 0.5),
        )  # fmt: skip

    def _draw_values(self, x, y, values) -> None:
        """Cells show the mean value of the regions covering them."""
        from matplotlib.cm import ScalarMappable

        cmap = get_colormap(self.colormap or VALUE_CMAP)
        norm = _value_norm(values, self.region_values_)
        x_edges, y_edges, sums = self._cells
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.ma.masked_invalid(sums[..., 0] / sums[..., 1])
        self.regions_mesh_ = self.ax_.pcolormesh(
            x_edges, y_edges, means, cmap=cmap, norm=norm, alpha=REGION_ALPHA,
            zorder=1,
        )  # fmt: skip
        self.points_ = scatter_values(
            self.ax_, x, y, values, cmap=cmap, norm=norm, s=POINT_SIZE,
            edgecolors="none",
        )  # fmt: skip
        self.colorbar_ = self.fig_.colorbar(
            ScalarMappable(norm, cmap), ax=self.ax_, label=self._target_label()
        )

    def _draw_one_feature(self) -> None:
        """dtreeviz's univariate view, its strip jitter seeded for the call."""
        name = self._feature_label(0)
        model = self.dtreeviz_model()
        state = np.random.get_state()  # noqa: NPY002 (dtreeviz's strip jitter)
        np.random.seed(0)  # noqa: NPY002
        try:
            if self.classes_ is None:
                model.rtree_feature_space(
                    ax=self.ax_, fontname=FONT, features=[name], show={"splits"}
                )
            else:
                many = len(self._X_tree) > DENSITY_THRESHOLD
                by_count: list[list[str]] = [[]] * len(self.classes_)
                by_count.append(self._class_colors())
                model.ctree_feature_space(
                    ax=self.ax_, fontname=FONT, features=[name],
                    show={"splits", "legend"}, colors={"classes": by_count},
                    gtype="barstacked" if many else "strip",
                )  # fmt: skip
        finally:
            np.random.set_state(state)  # noqa: NPY002

    def finalize(self):
        """The title and (two features) the axis labels."""
        depth = self._tree.tree_.max_depth
        self.set_title(f"Feature Space of {self._tree.label} (depth {depth})")
        if len(self.features_) == 2:
            self.ax_.set_xlabel(self._feature_label(0))
            self.ax_.set_ylabel(self._feature_label(1))
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for dtreeviz's legend, right of the axes
        return self.ax_


def _box_polygons(boxes: np.ndarray) -> np.ndarray:
    """The polygons of (x0, x1, y0, y1) boxes, the layout of ``regions_``."""
    x0, x1, y0, y1 = boxes.T
    return rectangles(x0, y0, x1, y1)


def _value_norm(target: np.ndarray, values: np.ndarray):
    """One colour scale for the points and the leaf means."""
    from matplotlib.colors import Normalize

    span = np.concatenate([target[np.isfinite(target)], values])
    return Normalize(float(span.min()), float(span.max())) if len(span) else None


tree_feature_space = declare(
    TreeFeatureSpace,
    kind=TREE,
    quick="tree_feature_space",
    example=examples.tree_classification,
)
