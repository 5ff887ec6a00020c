"""The whole decision tree as a node-link diagram, drawn by matplotlib alone.

:class:`DecisionTreeStructure` draws every node of one tree (down to
``max_depth``) in a box: a split node shows its rule and a histogram of the
split feature over the training rows that reach it, stacked by class (a
classification tree) or coloured by the mean target of each bin (a
regression tree), with the threshold marked; a leaf shows its class mix or
its mean. An instance ``x`` has its prediction path highlighted. Graphviz is
not needed; with it, ``render="dtreeviz"`` also builds dtreeviz's SVG
diagram of the same tree.

The picture is one Axes in data coordinates: all boxes, bars and wedges are
one PolyCollection, all edges one LineCollection, one text per node, so a
deep tree on many rows draws about as fast as ``sklearn.tree.plot_tree``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import VizkitImportError, VizkitValueError
from vizkit.registry import TREE, declare
from vizkit.style import LINE_COLOR, get_colormap, resolve_colors
from vizkit.tree import _layout
from vizkit.tree._adapter import node_predictions
from vizkit.tree._layout import CHAR_WIDTH, split_histograms, text_sizes
from vizkit.tree.base import FONT, TreeVisualizer
from vizkit.utils.docs import common_params
from vizkit.utils.validation import plain

#: The size of a node's box, in units of the leaf spacing and the level height.
BOX_WIDTH, BOX_HEIGHT = 0.86, 0.68
#: Inches per drawn leaf and per level of a figure the visualizer opens.
LEAF_INCHES, LEVEL_INCHES = 1.8, 1.5
#: The prediction path of ``x`` is drawn thick and dark, a colour no class takes.
PATH_COLOR = LINE_COLOR
BOX_EDGE = "#999999"

# -- checks (the computations are in _layout) ----------------------------------------


def _check_max_depth(value: Any, name: str, viz: Any) -> None:
    ok = value is None or (
        isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    )
    if not ok or (value is not None and value < 0):
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass the depth of the deepest "
            "nodes to draw (an integer >= 0, 0 is the root alone), or None for "
            "the whole tree."
        )


def dot_program() -> str:
    """The path of Graphviz's ``dot``, or an error saying how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise VizkitImportError(
            "render='dtreeviz' needs the Graphviz program 'dot', which is not on "
            "the PATH; install Graphviz (apt-get install graphviz, conda install "
            "graphviz or brew install graphviz), or use render='matplotlib', "
            "which draws the tree without it."
        )
    return found


# -- the visualizer ------------------------------------------------------------------


@common_params
class DecisionTreeStructure(TreeVisualizer):
    """The nodes and splits of a decision tree, as a diagram without Graphviz.

    Each split node shows its rule (sklearn's: ``feature <= threshold`` goes
    left), its number of training samples and a histogram of the split
    feature over the training rows that reach it, with the threshold marked
    by a wedge: stacked by class for a classification tree, each bar
    coloured by its mean target for a regression tree. Each leaf shows its
    class mix as a bar and its predicted class (or its mean target) and
    sample count.

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax, fig, is_fitted, tree_index, feature_names, class_names}
    max_depth : int, default=None
        Draw the nodes down to this depth (0 is the root alone); a split node
        at the cut is drawn as "..." with its sample count. None draws the
        whole tree.
    x : array-like of shape (n_features,), default=None
        One instance, as the model takes it: its prediction path is
        highlighted, and its value marked on each histogram along it.
    bins : int, default=10
        The number of bins of the split histograms, even over each feature's
        training range.
    precision : int, default=2
        Decimals of the thresholds and values written.
    colors : list of colors or palette name, default=None
        The colours of the classes; None uses the colour cycle.
    colormap : str or Colormap, default="viridis"
        The colours of a regression tree's target.
    render : {"matplotlib", "dtreeviz"}, default="matplotlib"
        "dtreeviz" also builds dtreeviz's SVG diagram of the same nodes
        (``dtreeviz_svg_``), which ``show(outpath="tree.svg")`` saves; it
        needs Graphviz's ``dot`` program. The Axes always shows vizkit's own
        diagram (Graphviz cannot rasterise dtreeviz's embedded plots).
    {common: target_name, title, size}

    Attributes
    ----------
    node_ids_ : ndarray of shape (n_shown,)
        The drawn nodes' ids (scikit-learn's), depth first, left child first.
    node_depth_, node_feature_, node_threshold_, node_samples_ : ndarray
        Their depth, split feature (-2 at a leaf), threshold (-2 at a leaf)
        and training samples (``tree_.n_node_samples``).
    node_value_ : ndarray of shape (n_shown, n_classes) or (n_shown,)
        ``tree_.value``: class fractions, or the mean target.
    node_cut_ : ndarray of bool
        The split nodes drawn without their children (at ``max_depth``).
    node_xy_ : ndarray of shape (n_shown, 2)
        The layout: drawn leaves at x = 0, 1, ..., parents centred above
        their children, y = -depth.
    node_histograms_ : list of ndarray or None
        Per drawn node with its split shown: counts of the split feature's
        bins, (bins, n_classes) for a classification tree or (bins,); None
        at leaves and cut nodes. They count the training rows
        ``decision_path`` routes through the node.
    node_bin_edges_ : list of ndarray or None
        The bin edges of each histogram.
    node_bin_targets_ : list of ndarray or None
        A regression tree's mean target per bin (NaN where empty).
    path_ : ndarray or None
        With ``x``: the node ids from the root to its leaf (``decision_path``).
    dtreeviz_svg_ : str
        With ``render="dtreeviz"``, after drawing: dtreeviz's SVG.
    boxes_, bars_, edges_, texts_ : matplotlib artists
        The node boxes, the histograms, bars and wedges, the edges and the
        nodes' texts.
    leaf_ids_, leaf_samples_, leaf_impurity_, feature_names_, classes_
        As every tree visualizer (:class:`TreeVisualizer`).
    """

    _params = {
        "max_depth": P.Param(_check_max_depth, example=1),
        "x": P.anything(),
        "bins": replace(P.number(1, 200, integer=True), example=5),
        "precision": replace(P.number(0, 12, integer=True, draw=True), example=3),
        "colors": P.colors(),
        # No example: it colours regression trees only, the checks draw a classifier.
        "colormap": replace(P.colormap(), example=None),
        "render": P.choice("matplotlib", "dtreeviz", draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        fig=None,
        is_fitted="auto",
        tree_index=None,
        feature_names=None,
        class_names=None,
        max_depth=None,
        x=None,
        bins=10,
        precision=2,
        colors=None,
        colormap="viridis",
        render="matplotlib",
        target_name=None,
        title=None,
        size=None,
    ):
        super().__init__(
            estimator, ax=ax, fig=fig, is_fitted=is_fitted, tree_index=tree_index,
            feature_names=feature_names, class_names=class_names,
            target_name=target_name, title=title, size=size,
        )  # fmt: skip
        self.max_depth = max_depth
        self.x = x
        self.bins = bins
        self.precision = precision
        self.colors = colors
        self.colormap = colormap
        self.render = render

    # -- computing -----------------------------------------------------------------

    def _fit_tree(self) -> None:
        """The drawn nodes, their layout, split histograms and the path of x."""
        tree, tree_ = self._tree.tree, self._tree.tree_
        left, right = tree_.children_left, tree_.children_right
        ids, depths = _layout.shown_nodes(left, right, self.max_depth)
        self.node_ids_, self.node_depth_ = ids, depths
        self.node_feature_ = tree_.feature[ids]
        self.node_threshold_ = tree_.threshold[ids]
        self.node_samples_ = tree_.n_node_samples[ids]
        self.node_value_ = node_predictions(tree_)[ids]
        self.node_cut_ = _layout.cut_nodes(left, ids, depths, self.max_depth)
        ends = self.node_cut_ | (left[ids] == -1)
        self._parent = _layout.parents(left, right, ids)
        self.node_xy_ = _layout.tree_layout(self._parent, depths, ends)
        features = np.where(ends, -2, self.node_feature_)  # no histogram at the cut
        n_classes = None if self.classes_ is None else len(self.classes_)
        self.node_histograms_, self.node_bin_edges_, self.node_bin_targets_ = (
            split_histograms(
                tree, self._X_tree, self._y_tree, ids, features, n_classes, self.bins
            )
        )
        self.path_ = None
        if self.x is not None:
            self._x_tree, self.path_ = self._instance_path(self.x)

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """Boxes, mini-plots, edges and one text per node, in data coordinates."""
        from matplotlib.collections import LineCollection, PolyCollection

        if self.render == "dtreeviz":
            self.dtreeviz_svg_ = self._dtreeviz_svg()
        n_leaves, n_levels = self._extent()
        if self._owns_figure:  # the diagram needs no margins for tick labels
            self.ax_.set_position([0.01, 0.01, 0.98, 0.91])
            if self.size is None:
                self.fig_.set_size_inches(
                    np.clip(LEAF_INCHES * n_leaves, 6.4, 30.0),
                    np.clip(LEVEL_INCHES * n_levels + 0.5, 3.0, 16.0),
                )
        on_path = self._on_path()
        shapes, colors = self._mini_plots(on_path)
        boxes = _layout.rectangles(*self._box_corners())
        path_width = np.where(on_path, 2.5, 0.8)
        self.boxes_ = self.ax_.add_collection(PolyCollection(
            list(boxes), facecolors="white", linewidths=path_width, zorder=1,
            edgecolors=np.where(on_path, PATH_COLOR, BOX_EDGE),
            linestyles=["--" if cut else "-" for cut in self.node_cut_],
        ))  # fmt: skip
        self.bars_ = self.ax_.add_collection(
            PolyCollection(shapes, facecolors=colors, linewidths=0, zorder=2)
        )
        segments, child = self._edges()
        self.edges_ = self.ax_.add_collection(LineCollection(
            list(segments), colors=np.where(on_path[child], PATH_COLOR, BOX_EDGE),
            linewidths=path_width[child], zorder=0,
        ))  # fmt: skip
        self.texts_ = self._draw_texts()
        self.ax_.set_xlim(-0.5, n_leaves - 0.5)
        self.ax_.set_ylim(-n_levels + 0.5, 0.5)
        self.ax_.set_axis_off()

    def _extent(self) -> tuple[int, int]:
        """The number of drawn leaves (the layout's width) and of levels."""
        return int(self.node_xy_[:, 0].max()) + 1, int(self.node_depth_.max()) + 1

    def _on_path(self) -> np.ndarray:
        if self.path_ is None:
            return np.zeros(len(self.node_ids_), dtype=bool)
        return np.isin(self.node_ids_, self.path_)

    def _box_corners(self) -> tuple[np.ndarray, ...]:
        x, y = self.node_xy_[:, 0], self.node_xy_[:, 1]
        half_w, half_h = BOX_WIDTH / 2, BOX_HEIGHT / 2
        return x - half_w, y - half_h, x + half_w, y + half_h

    def _edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Lines from each parent's box to its children's, and the child of each."""
        child = np.flatnonzero(self._parent >= 0)
        half_h = BOX_HEIGHT / 2
        starts = self.node_xy_[self._parent[child]] - [0.0, half_h]
        ends = self.node_xy_[child] + [0.0, half_h]
        return np.stack([starts, ends], axis=1), child

    def _target_colormap(self):
        """A regression tree's colormap and its norm over the target's range."""
        from matplotlib.colors import Normalize

        y = self._y_tree
        return get_colormap(self.colormap), Normalize(float(y.min()), float(y.max()))

    def _colors_of(self, values: np.ndarray) -> np.ndarray:
        """RGBA of class indices (a classification tree) or of target values."""
        from matplotlib.colors import to_rgba_array

        if self.classes_ is None:
            cmap, norm = self._target_colormap()
            return cmap(norm(values))
        return to_rgba_array(self._class_colors())[values]

    def _class_colors(self) -> list[str]:
        return resolve_colors(len(self.classes_), colors=self.colors)

    def _mini_plots(self, on_path: np.ndarray) -> tuple[list, list]:
        """Every histogram bar, wedge, x marker and leaf bar, and their colours."""
        shapes: list = []
        colors: list = []
        for i, (left, bottom) in enumerate(zip(*self._box_corners()[:2])):
            inner = (left + 0.06, bottom + 0.14 * BOX_HEIGHT, BOX_WIDTH - 0.12)
            if self.node_histograms_[i] is not None:
                drawn = self._split_plot(i, (*inner, 0.4 * BOX_HEIGHT), on_path[i])
            elif self.node_feature_[i] < 0:
                drawn = self._leaf_plot(i, (*inner, 0.22 * BOX_HEIGHT))
            else:
                continue
            shapes.extend(drawn[0])
            colors.extend(drawn[1])
        return shapes, colors

    def _leaf_plot(self, i: int, box: tuple) -> tuple[Any, Any]:
        """A leaf's class mix as one stacked bar, or a bar of its mean's colour.

        A boosting tree's leaves hold score corrections, not target values,
        so they get no colour.
        """
        if self.classes_ is not None:
            rects, parts = _layout.stacked_bar(self.node_value_[i], box)
            return rects, self._colors_of(parts)
        if self._tree.boosted_class is not None:
            return [], []
        left, bottom, width, height = box
        rect = _layout.rectangles(left, bottom, left + width, bottom + height)
        return rect, self._colors_of(np.atleast_1d(self.node_value_[i]))

    def _split_plot(self, i: int, box: tuple, on_path: bool) -> tuple[list, list]:
        """The split feature's histogram, the threshold's wedge, where x falls."""
        from matplotlib.colors import to_rgba

        counts, edges = self.node_histograms_[i], self.node_bin_edges_[i]
        targets = self.node_bin_targets_[i]  # a regression tree's, else None
        assert counts is not None and edges is not None  # a split with its histogram
        stacked = counts if counts.ndim == 2 else counts[:, None]
        rects, bins, stacks = _layout.histogram_bars(stacked, edges, box)
        by = stacks if targets is None else targets[bins]
        shapes, colors = list(rects), list(self._colors_of(by))
        to_box = box[2] / (edges[-1] - edges[0])
        at = box[0] + (self.node_threshold_[i] - edges[0]) * to_box
        shapes.append(_layout.wedge(at, box[1], 0.035, 0.1 * BOX_HEIGHT))
        colors.append(to_rgba(LINE_COLOR))
        if on_path:  # where x falls: a thin line across the histogram
            at = box[0] + (self._x_tree[0, self.node_feature_[i]] - edges[0]) * to_box
            top = box[1] + box[3]
            shapes.extend(_layout.rectangles(at - 0.004, box[1], at + 0.004, top))
            colors.append(to_rgba(PATH_COLOR))
        return shapes, colors

    def _node_texts(self, wrap_at: int) -> list[str]:
        """One text per node: its rule or prediction, then its sample count.

        A rule longer than ``wrap_at`` characters breaks before its "<=".
        """
        p, names = self.precision, self.feature_names_
        labels = self._class_labels()
        boosted = self._tree.boosted_class is not None  # leaves hold score steps
        texts = []
        for i, feature in enumerate(self.node_feature_):
            count = f"n={self.node_samples_[i]:,}"
            if feature >= 0:
                rule = f"{names[feature]} \u2264 {self.node_threshold_[i]:.{p}f}"
                if len(rule) > wrap_at:
                    rule = rule.replace(" \u2264", "\n\u2264", 1)
                more = "\n\u2026" if self.node_cut_[i] else ""
                texts.append(f"{rule}\n{count}{more}")
            elif labels is not None:
                texts.append(f"{labels[int(np.argmax(self.node_value_[i]))]}\n{count}")
            else:
                what = "value" if boosted else self._target_label()
                texts.append(f"{what} = {self.node_value_[i]:.{p}f}\n{count}")
        return texts

    def _box_points(self) -> np.ndarray:
        """A node box's width and height in points, on the Axes as sized now."""
        inches = self.ax_.get_position().size * self.fig_.get_size_inches()
        return np.array([BOX_WIDTH, BOX_HEIGHT]) * inches * 72 / self._extent()

    def _draw_texts(self) -> list:
        box = self._box_points()
        texts = self._node_texts(wrap_at=int(0.95 * box[0] / (CHAR_WIDTH * 8)))
        sizes = text_sizes(texts, ~self.node_cut_, box)
        tops = self.node_xy_[:, 1] + BOX_HEIGHT / 2 - 0.04
        drawn = [
            self.ax_.text(x, top, text, ha="center", va="top", fontsize=size)
            for x, top, text, size in zip(self.node_xy_[:, 0], tops, texts, sizes)
        ]
        for child, sign, align in zip(
            np.flatnonzero(self._parent == 0), ("\u2264", ">"), ("right", "left")
        ):  # the root's edges say which way the rule sends a sample
            middle = (self.node_xy_[0] + self.node_xy_[child]) / 2
            drawn.append(
                self.ax_.text(
                    *middle, f" {sign} ", ha=align, va="center", fontsize=sizes.max()
                )
            )
        return drawn

    def _dtreeviz_svg(self) -> str:
        """dtreeviz's diagram of the drawn nodes (and the path of x), as SVG text."""
        dot_program()
        depths = None if self.max_depth is None else (0, self.max_depth)
        x = None if self.path_ is None else self._x_tree[0]
        view = self.dtreeviz_model().view(
            precision=self.precision, depth_range_to_display=depths, x=x, fontname=FONT
        )
        with tempfile.TemporaryDirectory(prefix="vizkit-") as folder:
            path = os.path.join(folder, "tree.svg")
            view.save(path)
            with open(path, encoding="utf-8") as handle:
                return handle.read()

    def finalize(self):
        """Title, and the legend of the classes or the colour bar of the target."""
        depth = self._tree.tree.get_depth()
        shown = int(self.node_depth_.max())
        cut = f", depth {shown} of {depth} shown" if shown < depth else ""
        self.set_title(f"{self._tree.label} structure{cut}")
        if self.classes_ is not None:
            from matplotlib.patches import Patch

            colors = self._class_colors()
            handles = [
                Patch(color=color, label=label)
                for color, label in zip(colors, self._class_labels())
            ]
            self.legend_ = self.ax_.legend(
                handles=handles, loc="upper left", title="class", frameon=False
            )
        else:
            self._colorbar()
        return self.ax_

    def _colorbar(self) -> None:
        from matplotlib.cm import ScalarMappable

        old = self.__dict__.get("colorbar_")
        if old is not None and old.ax in self.ax_.child_axes:  # a redraw replaces it
            old.remove()
        cmap, norm = self._target_colormap()
        cax = self.ax_.inset_axes([0.0, 0.62, 0.012, 0.34])
        self.colorbar_ = self.fig_.colorbar(ScalarMappable(norm, cmap), cax=cax)
        label = self._target_label()
        if self._tree.boosted_class is not None:  # its y is "is this class"
            boosted = self._tree.estimator_classes()[self._tree.boosted_class]
            label = f"share of class {plain(boosted)}"
        self.colorbar_.set_label(label)

    def show(self, outpath=None, clear_figure: bool = False, **kwargs):
        """Draw if needed, then display the figure or save it to ``outpath``.

        With ``render="dtreeviz"``, an ``outpath`` ending in ".svg" receives
        dtreeviz's diagram (``dtreeviz_svg_``) instead of the matplotlib
        figure. ``kwargs`` go to ``savefig``. Returns the drawn Axes.
        """
        dtreeviz_file = self.render == "dtreeviz" and str(outpath).endswith(".svg")
        if not dtreeviz_file:
            return super().show(outpath, clear_figure, **kwargs)
        if not self.__dict__.get("_drawn"):
            self._plot(None)
        with open(outpath, "w", encoding="utf-8") as handle:
            handle.write(self.dtreeviz_svg_)
        self._close_own_figure()
        return self.ax_


decision_tree_structure = declare(
    DecisionTreeStructure,
    kind=TREE,
    quick="decision_tree_structure",
    example=examples.tree_classification,
)
