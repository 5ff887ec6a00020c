"""Per-leaf views of one tree: how many samples, and how pure.

:class:`LeafSizes` draws the training samples per leaf and :class:`LeafPurity`
the impurity per leaf in the tree's criterion (what each leaf holds is
:class:`vizkit.tree.leaf_distributions.LeafDistributions`). Read together they
show where a tree is confident on many samples and where it splits hairs on a
few. The helpers here draw a bar per leaf for all three.

These are dtreeviz's ``leaf_sizes``, ``leaf_purity``,
``ctree_leaf_distributions`` and ``rtree_leaf_distributions``, drawn here
rather than by dtreeviz, for speed and for manners. dtreeviz counts the
samples of a leaf by routing every training row through ``decision_path``
one row at a time in Python (25 s for leaf sizes at 1e5 rows, against
milliseconds for ``apply`` and ``bincount``); it draws a patch and a tick
label per leaf (its purity view of a depth-12 tree's 1,732 leaves takes
10 s to draw and save, vizkit's 0.5 s, one PolyCollection and at most
40 labels); it calls ``plt.show()`` inside ``leaf_sizes`` and
``ctree_leaf_distributions`` (which in an interactive session pops up every
open figure), and its regression view reseeds numpy's global random
generator and pads the axis by 10 target units whatever the target's scale.
The bars keep dtreeviz's look: a bar per leaf, width 1, thin dark edges.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import MAX_TICK_LABELS, fit_tick_labels
from vizkit.registry import TREE, declare
from vizkit.style import resolve_colors
from vizkit.tree._layout import rectangles
from vizkit.tree.base import TreeVisualizer
from vizkit.utils.docs import common_params

#: The bars' edge colour (dtreeviz's ``rect_edge``).
EDGE_COLOR = "#444443"
#: Narrowest bar, in pixels, drawn with an edge.
MIN_EDGED_WIDTH = 4

# -- a bar per leaf ------------------------------------------------------------------


def set_leaf_ticks(ax, leaf_ids: np.ndarray) -> None:
    """Label positions 0..n_leaves-1 with the leaf ids, at most MAX_TICK_LABELS.

    A deep tree has thousands of leaves: a tick each would cost seconds to
    create before ``fit_tick_labels`` thinned them.
    """
    step = -(-len(leaf_ids) // MAX_TICK_LABELS)  # ceil
    positions = np.arange(0, len(leaf_ids), step)
    ax.set_xticks(positions, labels=[str(i) for i in leaf_ids[::step]])


def draw_leaf_bars(ax, heights: np.ndarray, bottoms: np.ndarray | None = None, **style):
    """A bar per leaf as one PolyCollection (thousands of leaves draw at once).

    Bars narrower than ``MIN_EDGED_WIDTH`` pixels get no edge, which would
    hide them.
    """
    from matplotlib.collections import PolyCollection

    bottoms = np.zeros(len(heights)) if bottoms is None else bottoms
    wide = ax.bbox.width / max(len(heights), 1) >= MIN_EDGED_WIDTH
    style = {"edgecolor": EDGE_COLOR, "linewidth": 0.5 if wide else 0, **style}
    left = np.arange(len(heights), dtype=np.float64) - 0.5  # width 1, on 0..n-1
    corners = rectangles(left, bottoms, left + 1, bottoms + heights)
    bars = PolyCollection(list(corners), **style)
    ax.add_collection(bars)
    ax.autoscale_view()
    return bars


# -- the bar views: sizes and purity -----------------------------------------------

_DISPLAY_TYPE = dataclasses.replace(P.choice("plot", "hist", draw=True), example="hist")


class _LeafBars(TreeVisualizer):
    """A value per leaf, as a bar per leaf or a histogram (subclasses say which)."""

    _params = {
        "display_type": _DISPLAY_TYPE,
        "bins": P.number(1, integer=True, draw=True),
    }

    #: The view's name, for the title.
    _view = ""

    def __init__(
        self,
        estimator,
        ax=None,
        display_type="plot",
        bins=10,
        color=None,
        fig=None,
        is_fitted="auto",
        tree_index=None,
        feature_names=None,
        class_names=None,
        target_name=None,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.display_type = display_type
        self.bins = bins
        self.color = color
        self.fig = fig
        self.is_fitted = is_fitted
        self.tree_index = tree_index
        self.feature_names = feature_names
        self.class_names = class_names
        self.target_name = target_name
        self.title = title
        self.size = size

    def _bar_color(self) -> str:
        return resolve_colors(1, colors=self.color)[0]

    def _leaf_values(self) -> np.ndarray:
        """The value drawn per leaf."""
        raise NotImplementedError

    def _value_label(self) -> str:
        """What the bars measure, for the axis labels."""
        raise NotImplementedError

    def draw(self) -> None:
        """A bar per leaf at positions 0..n_leaves-1, or a histogram."""
        values, color = self._leaf_values(), self._bar_color()
        if self.display_type == "hist":
            style = {"color": color, "edgecolor": EDGE_COLOR, "lw": 0.5}
            self.bars_ = self.ax_.hist(values, bins=self.bins, **style)[2]
            return
        self.bars_ = draw_leaf_bars(self.ax_, values, facecolor=color)
        set_leaf_ticks(self.ax_, self.leaf_ids_)

    def finalize(self):
        """Title, axis labels and leaf ids that do not overlap."""
        self.set_title(f"{self._view} of {self._tree.label}")
        if self.display_type == "plot":
            self.ax_.set_xlabel("leaf id")
            self.ax_.set_ylabel(self._value_label())
            self.ax_.set_xlim(-0.5, len(self.leaf_ids_) - 0.5)
            self.ax_.set_ylim(bottom=0)  # all-pure leaves: no axis below 0
            fit_tick_labels(self.ax_, "x")
        else:
            self.ax_.set_xlabel(self._value_label())
            self.ax_.set_ylabel("leaves")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for vertical leaf ids
        return self.ax_


@common_params
class LeafSizes(_LeafBars):
    """The number of training samples in each leaf of a tree.

    A bar per leaf (``display_type="plot"``), in leaf-id order, or a
    histogram of the leaf sizes (``"hist"``) for trees with many leaves. The
    sizes are the tree's own counts, ``tree_.n_node_samples`` at the leaves
    (``leaf_samples_``): for a single tree, the training rows that reach
    the leaf; for a random forest's tree, the distinct rows of its bootstrap
    sample that do (dtreeviz's ``leaf_sizes`` routes the data it is given
    instead, so its counts for a forest's tree include the rows the tree
    never saw).

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax}
    display_type : {"plot", "hist"}, default="plot"
        "plot" draws a bar per leaf, "hist" a histogram of the leaf sizes.
    bins : int, default=10
        The number of histogram bins (``display_type="hist"``).
    color : color, default=None
        The colour of the bars; None takes the first of the colour cycle.
    {common: fig, is_fitted, tree_index, feature_names, class_names}
    {common: target_name, title, size}

    Attributes
    ----------
    leaf_ids_ : ndarray of shape (n_leaves,)
        The node ids of the leaves, ascending (as ``apply`` returns them).
    leaf_samples_ : ndarray of shape (n_leaves,)
        Training samples per leaf (``tree_.n_node_samples``), as drawn.
    leaf_impurity_ : ndarray of shape (n_leaves,)
        Impurity per leaf (``tree_.impurity``).
    feature_names_ : ndarray of str
        The names of the features the tree splits on.
    classes_ : ndarray or None
        The class names of a classification tree, else None.
    bars_ : matplotlib PolyCollection or BarContainer
        The drawn bars: one polygon per leaf (one artist, for trees of
        thousands of leaves), or the histogram's bars.

    Examples
    --------
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from vizkit.tree import LeafSizes
    >>> viz = LeafSizes(DecisionTreeClassifier(max_depth=4))
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.leaf_samples_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _view = "Leaf Sizes"

    def _leaf_values(self) -> np.ndarray:
        return self.leaf_samples_

    def _value_label(self) -> str:
        return "samples"


@common_params
class LeafPurity(_LeafBars):
    """The impurity of each leaf of a tree, in the tree's criterion.

    A bar per leaf (``display_type="plot"``), in leaf-id order, or a
    histogram of the impurities (``"hist"``). The values are
    ``tree_.impurity`` at the leaves (``leaf_impurity_``), measured by the
    tree's ``criterion`` (the axis names it): Gini or entropy for a
    classification tree, 0 for a leaf of one class; the variance of the
    target (``squared_error``, ``friedman_mse``) and the like for a
    regression tree, or for a tree of a gradient boosting, which fits
    corrections to the ensemble's score. dtreeviz's ``leaf_purity``, drawn
    by vizkit (see the module's notes).

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax}
    display_type : {"plot", "hist"}, default="plot"
        "plot" draws a bar per leaf, "hist" a histogram of the impurities.
    bins : int, default=10
        The number of histogram bins (``display_type="hist"``).
    color : color, default=None
        The colour of the bars; None takes the first of the colour cycle.
    {common: fig, is_fitted, tree_index, feature_names, class_names}
    {common: target_name, title, size}

    Attributes
    ----------
    leaf_ids_ : ndarray of shape (n_leaves,)
        The node ids of the leaves, ascending (as ``apply`` returns them).
    leaf_impurity_ : ndarray of shape (n_leaves,)
        Impurity per leaf (``tree_.impurity``), as drawn.
    criterion_ : str
        The tree's criterion, the impurity's measure ("gini", "entropy",
        "squared_error", ...).
    leaf_samples_ : ndarray of shape (n_leaves,)
        Training samples per leaf (``tree_.n_node_samples``).
    feature_names_ : ndarray of str
        The names of the features the tree splits on.
    classes_ : ndarray or None
        The class names of a classification tree, else None.
    bars_ : matplotlib PolyCollection or BarContainer
        The drawn bars: one polygon per leaf, or the histogram's bars.

    Examples
    --------
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from vizkit.tree import LeafPurity
    >>> viz = LeafPurity(DecisionTreeClassifier(max_depth=4))
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.leaf_impurity_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _view = "Leaf Purity"

    def _fit_tree(self) -> None:
        self.criterion_ = str(self._tree.tree.criterion)

    def _leaf_values(self) -> np.ndarray:
        return self.leaf_impurity_

    def _value_label(self) -> str:
        return f"impurity ({self.criterion_})"


leaf_sizes = declare(
    LeafSizes, kind=TREE, quick="leaf_sizes", example=examples.tree_classification
)
leaf_purity = declare(
    LeafPurity, kind=TREE, quick="leaf_purity", example=examples.tree_classification
)
