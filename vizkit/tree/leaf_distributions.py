"""What each leaf of a tree holds: its classes, or its target values.

:class:`LeafDistributions` draws the classes (a stacked bar per leaf) or the
target values (a strip of points and the leaf's value) of the training rows in
each leaf: dtreeviz's ``ctree_leaf_distributions`` and
``rtree_leaf_distributions``, drawn by vizkit for the reasons given in
:mod:`vizkit.tree.leaves`.
"""

from __future__ import annotations

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels, scatter_classes
from vizkit.registry import TREE, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.tree.base import TreeVisualizer
from vizkit.tree.leaves import draw_leaf_bars, set_leaf_ticks
from vizkit.utils.docs import common_params

#: Width of a leaf's strip of target values, in leaf positions.
STRIP_WIDTH = 0.6

# -- computations (arrays in, arrays out) -------------------------------------------


def leaf_positions(leaf_ids: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Each row's leaf as its position in ``leaf_ids``.

    ``nodes`` are the node ids ``apply`` returns; ``leaf_ids`` are the
    tree's leaves, ascending.
    """
    return np.searchsorted(leaf_ids, nodes)


def class_counts_per_leaf(
    positions: np.ndarray, codes: np.ndarray, n_leaves: int, n_classes: int
) -> np.ndarray:
    """Rows per leaf and class, of shape (n_leaves, n_classes).

    ``positions`` are the rows' leaf positions, ``codes`` their class
    indices 0..n_classes-1.
    """
    flat = positions * n_classes + codes
    counts = np.bincount(flat, minlength=n_leaves * n_classes)
    return counts.reshape(n_leaves, n_classes)


def targets_per_leaf(
    positions: np.ndarray, y: np.ndarray, n_leaves: int
) -> list[np.ndarray]:
    """The target values of the rows in each leaf, in the rows' order."""
    order = np.argsort(positions, kind="stable")
    ends = np.cumsum(np.bincount(positions, minlength=n_leaves))
    return np.split(y[order], ends[:-1])


def strip_offsets(sizes: np.ndarray, width: float, seed: int = 0) -> np.ndarray:
    """Horizontal positions of a strip plot: leaf ``i``'s points around ``i``.

    ``sizes`` are the points per leaf; the offsets are uniform in a band of
    ``width`` and seeded, so every draw puts the points at the same places.
    """
    rng = np.random.default_rng(seed)
    centres = np.repeat(np.arange(len(sizes), dtype=np.float64), sizes)
    return centres + rng.uniform(-width / 2, width / 2, len(centres))


@common_params
class LeafDistributions(TreeVisualizer):
    """The classes, or the target values, of the training samples in each leaf.

    For a classification tree, a stacked bar per leaf (in leaf-id order):
    how many training rows of each class the leaf holds, coloured by class,
    with a legend of the class names, as dtreeviz's
    ``ctree_leaf_distributions``. For a regression tree (and a tree of a
    gradient boosting), the training target values in each leaf as a strip
    of points, with the leaf's value as a line across it, as dtreeviz's
    ``rtree_leaf_distributions`` (leaves along x here, as in the other leaf
    views). vizkit draws both (see the module's notes: dtreeviz's take
    18 s at 1e5 rows, call ``plt.show()`` and reseed numpy's global
    random generator).

    The rows counted are the training data given to ``fit``, routed by the
    tree's ``apply``, unweighted. For a single tree fitted on that data
    without sample weights, the counts equal ``tree_.value`` times
    ``tree_.weighted_n_node_samples`` at the leaves; a random forest's tree
    was grown on a bootstrap sample, so its leaves here also hold the rows
    it never saw (``LeafSizes`` draws the tree's own counts). A boosting
    tree's leaf value is a correction to the ensemble's score, not the mean
    of the targets drawn around it; for a boosting classifier the targets
    are 1 where a row is the class the tree boosts, else 0. Above 50,000
    points the strip is drawn as a binned density image, and says so.

    Parameters
    ----------
    estimator : tree model or Pipeline ending in one
        A decision or extra tree, a random forest, extra trees or gradient
        boosting (classifier or regressor), fitted or not.
    {common: ax}
    colors : list of colors or palette name, default=None
        One colour per class (a classification tree), or the colour of the
        points (its first, for a regression tree). None uses vizkit's class
        colours.
    {common: fig, is_fitted, tree_index, feature_names, class_names}
    {common: target_name, title, size}

    Attributes
    ----------
    leaf_ids_ : ndarray of shape (n_leaves,)
        The node ids of the leaves, ascending (as ``apply`` returns them).
    leaf_class_counts_ : ndarray of shape (n_leaves, n_classes) or None
        Training rows per leaf and class (classification tree), else None.
    leaf_targets_ : list of ndarray or None
        The training target values in each leaf, as the tree models them
        (regression tree), else None.
    leaf_values_ : ndarray of shape (n_leaves,) or None
        Each leaf's value, ``tree_.value[leaf, 0, 0]`` (regression tree):
        for a decision tree, the mean of the targets it was grown on.
    leaf_samples_ : ndarray of shape (n_leaves,)
        Samples per leaf as the tree counts them (``tree_.n_node_samples``).
    leaf_impurity_ : ndarray of shape (n_leaves,)
        Impurity per leaf (``tree_.impurity``).
    feature_names_ : ndarray of str
        The names of the features the tree splits on.
    classes_ : ndarray or None
        The class names of a classification tree, else None.
    bars_ : list of matplotlib PolyCollection
        One stacked layer per class, a polygon per leaf (classification tree).
    points_ : matplotlib PathCollection or AxesImage
        The target values (regression tree).
    lines_ : matplotlib LineCollection
        The leaf values (regression tree).
    legend_ : matplotlib Legend
        The classes, or the points and the leaf values.

    Examples
    --------
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from vizkit.tree import LeafDistributions
    >>> viz = LeafDistributions(DecisionTreeClassifier(max_depth=4))
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.leaf_class_counts_  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {"colors": P.colors()}

    def __init__(
        self,
        estimator,
        ax=None,
        colors=None,
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
        self.colors = colors
        self.fig = fig
        self.is_fitted = is_fitted
        self.tree_index = tree_index
        self.feature_names = feature_names
        self.class_names = class_names
        self.target_name = target_name
        self.title = title
        self.size = size

    def _fit_tree(self) -> None:
        tree_ = self._tree.tree_
        n_leaves = len(self.leaf_ids_)
        positions = leaf_positions(self.leaf_ids_, self._tree.tree.apply(self._X_tree))
        self.leaf_class_counts_ = self.leaf_targets_ = self.leaf_values_ = None
        if self.classes_ is not None:
            self.leaf_class_counts_ = class_counts_per_leaf(
                positions, self._y_tree, n_leaves, len(self.classes_)
            )
        else:
            self.leaf_targets_ = targets_per_leaf(positions, self._y_tree, n_leaves)
            self.leaf_values_ = tree_.value[self.leaf_ids_, 0, 0]

    # -- drawing -------------------------------------------------------------------

    def draw(self) -> None:
        """Stacked class bars, or a strip of targets with the leaf values."""
        counts, targets = self.leaf_class_counts_, self.leaf_targets_
        values = self.leaf_values_
        if counts is not None:
            self._draw_classes(counts)
        elif targets is not None and values is not None:
            self._draw_targets(targets, values)
        set_leaf_ticks(self.ax_, self.leaf_ids_)

    def _draw_classes(self, counts: np.ndarray) -> None:
        colors = resolve_colors(counts.shape[1], colors=self.colors)
        bottoms = np.cumsum(counts, axis=1) - counts
        self.bars_ = [
            draw_leaf_bars(
                self.ax_, counts[:, k], bottoms[:, k], facecolor=colors[k],
                label=label,
            )
            for k, label in enumerate(self._class_labels() or [])
        ]  # fmt: skip
        self.ax_.set_ylim(0, max(counts.sum(axis=1).max(), 1) * 1.05)

    def _draw_targets(self, targets: list[np.ndarray], values: np.ndarray) -> None:
        from matplotlib.collections import LineCollection

        x = strip_offsets(np.array([len(t) for t in targets]), STRIP_WIDTH)
        y = np.concatenate(targets)
        color = resolve_colors(1, colors=self.colors)[0]
        self.points_ = scatter_classes(
            self.ax_, x, y, np.zeros(len(y)), [color], alpha=0.5, s=12,
            edgecolors="none",
        )  # fmt: skip
        half = STRIP_WIDTH / 2 + 0.1
        segments = [[(p - half, v), (p + half, v)] for p, v in enumerate(values)]
        self.lines_ = LineCollection(
            segments, colors=LINE_COLOR, linewidths=2, label="leaf value"
        )
        self.ax_.add_collection(self.lines_)
        self.ax_.autoscale_view()  # a boosting tree's values may leave the strip

    def finalize(self):
        """Title, axis labels, leaf ids and the legend."""
        from matplotlib.lines import Line2D

        self.set_title(f"Leaf Distributions of {self._tree.label}")
        self.ax_.set_xlabel("leaf id")
        self.ax_.set_xlim(-0.5, len(self.leaf_ids_) - 0.5)
        fit_tick_labels(self.ax_, "x")
        self.ax_.grid(False, axis="x")
        if self.leaf_class_counts_ is not None:
            self.ax_.set_ylabel("samples")
            title = "class" if self.target_name is None else str(self.target_name)
            self.legend_ = self.ax_.legend(
                title=title, loc="center left", bbox_to_anchor=(1.02, 0.5),
                frameon=True,
            )  # fmt: skip
            if getattr(self, "_owns_figure", False):
                self.fig_.tight_layout()  # room for the legend
        else:
            self.ax_.set_ylabel(self._target_label())
            points = Line2D(
                [], [], linestyle="", marker="o", label="training target",
                color=resolve_colors(1, colors=self.colors)[0],
            )  # fmt: skip
            self.legend_ = self.ax_.legend(
                handles=[points, self.lines_], loc="best", frameon=True
            )
        return self.ax_


leaf_distributions = declare(
    LeafDistributions,
    kind=TREE,
    quick="leaf_distributions",
    example=examples.tree_classification,
)
