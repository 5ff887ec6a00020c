"""The merge tree of a hierarchical clustering, with its clusters coloured."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline

from vizkit import examples
from vizkit import params as P
from vizkit.cluster._linkage import (
    ABOVE,
    check_hierarchical,
    check_linkage,
    check_n_clusters,
    cophenetic_correlation,
    cut_height,
    cut_merges,
    dendrogram_layout,
    fingerprint,
    full_tree,
    group_colors,
    link_groups,
    linkage_matrix,
    model_n_clusters,
    pairwise,
    row_names,
    tree_data,
    tree_metric,
    tree_model,
)
from vizkit.cluster.base import ClusteringScoreVisualizer
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.registry import CLUSTER, declare
from vizkit.style import LINE_COLOR, resolve_colors
from vizkit.utils.docs import common_params

__all__ = ["Dendrogram", "dendrogram"]

TRUNCATE_MODES = ("auto", None, "lastp", "level")
ORIENTATIONS = ("top", "bottom", "left", "right")
#: With truncate_mode="auto", trees with more leaves show only the last p merges.
AUTO_MAX_LEAVES = 100

# -- the visualizer ------------------------------------------------------------------


@common_params
class Dendrogram(ClusteringScoreVisualizer):
    """The merge tree of a hierarchical clustering, its clusters in colour.

    Each U-shaped link joins two clusters at the height of their merge
    distance; cutting the tree at a height gives a flat clustering. The
    links inside the model's clusters take one colour per cluster and a
    dashed line marks the cut, so the height of the gap above the cut shows
    how well separated the clusters are. New in vizkit (Yellowbrick has no
    dendrogram); scipy linkage matrices are drawn by :meth:`from_linkage`.

    ``fit`` reads the tree from the fitted model's ``children_`` and
    ``distances_``. Models fitted without ``compute_distances=True`` or a
    ``distance_threshold`` keep no merge distances: then a clone of the model
    with ``compute_distances=True`` (and the same linkage, metric and
    connectivity, so the same tree) is fitted on X for them, costing one more
    fit; the user's model is never changed.

    Parameters
    ----------
    estimator : scikit-learn hierarchical clusterer
        ``sklearn.cluster.AgglomerativeClustering`` (or a Pipeline ending in
        one). ``fit`` fits it in place when it is not fitted yet (see
        ``is_fitted``); a fitted one must have been fitted on the X given.
    {common: ax}
    truncate_mode : {"auto", None, "lastp", "level"}, default="auto"
        Which part of the tree to draw, as scipy's ``dendrogram``: None the
        whole tree, "lastp" the last ``p`` merges (``p`` leaves, a branch of
        k samples labelled "(k)"), "level" ``p`` levels below the root.
        "auto" draws the whole tree up to 100 samples, else as "lastp". The
        axis label says when the tree is truncated.
    p : int, default=30
        The number of leaves ("lastp") or levels ("level") drawn.
    orientation : {"top", "bottom", "left", "right"}, default="top"
        Where the root is drawn, as scipy's ``dendrogram``.
    color_threshold : float, default=None
        Colour the clusters below this height, scipy-style, and mark the cut
        there. None colours the model's own clusters (its ``n_clusters`` or
        ``distance_threshold``).
    show_cut : bool, default=True
        Draw the dashed line at the cut and the number of clusters it makes.
    colors : color, list of colors or palette name, default=None
        The cluster colours, left to right; one colour draws every cluster
        in it. Links above the cut are grey.
    colormap : str or matplotlib Colormap, default=None
        Sampled evenly for the cluster colours when ``colors`` is None;
        neither gives the current colour cycle.
    labels : list of str, default=None
        A name for each sample, drawn under its leaf; None uses a pandas
        DataFrame's index, else the row numbers.
    {common: is_fitted, fig}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a clusterer.
    title : str, default=None
        The title of the plot; None names the model, linkage and samples.
    {common: size}

    Attributes
    ----------
    linkage_ : ndarray of shape (n_samples - 1, 4)
        The tree as scipy's linkage matrix: row ``i`` merges nodes
        ``linkage_[i, 0]`` and ``linkage_[i, 1]`` (a sample below
        ``n_samples``, else the cluster of row ``node - n_samples``) at
        distance ``linkage_[i, 2]`` into ``node n_samples + i`` of
        ``linkage_[i, 3]`` samples.
    n_leaves_ : int
        The number of samples (leaves).
    n_clusters_ : int or None
        The model's number of clusters (None from a linkage without
        ``n_clusters``).
    cut_ : float or None
        A height that cuts the tree into those clusters: the model's
        ``distance_threshold``, else midway between the highest merge inside
        the clusters and the next; None when no height does.
    refitted_ : bool
        True when a ``compute_distances=True`` clone was fitted for the
        merge distances.
    leaf_labels_ : ndarray of str
        The names of the samples from the data (index or row numbers).
    score_ : float
        The cophenetic correlation coefficient computed by ``score``.
    link_lines_ : list of matplotlib LineCollection
        The drawn links, one collection per colour.
    cut_line_ : matplotlib Line2D or None
        The dashed cut line, once drawn.

    Examples
    --------
    >>> from sklearn.cluster import AgglomerativeClustering
    >>> from vizkit.cluster import Dendrogram
    >>> viz = Dendrogram(AgglomerativeClustering(n_clusters=4))
    >>> viz.fit(X)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "truncate_mode": P.choice(*TRUNCATE_MODES, draw=True),
        "p": P.number(1, integer=True, draw=True),
        "orientation": P.choice(*ORIENTATIONS, draw=True),
        "color_threshold": P.number(0, none=True, draw=True),
        "show_cut": P.boolean(draw=True),
        "colors": P.colors(),
        "colormap": P.colormap(),
        "labels": P.anything(draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        truncate_mode="auto",
        p=30,
        orientation="top",
        color_threshold=None,
        show_cut=True,
        colors=None,
        colormap=None,
        labels=None,
        is_fitted="auto",
        fig=None,
        force_model=False,
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.truncate_mode = truncate_mode
        self.p = p
        self.orientation = orientation
        self.color_threshold = color_threshold
        self.show_cut = show_cut
        self.colors = colors
        self.colormap = colormap
        self.labels = labels
        self.is_fitted = is_fitted
        self.fig = fig
        self.force_model = force_model
        self.title = title
        self.size = size

    # -- compute -----------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed and read its merge tree into ``linkage_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to cluster (a distance matrix for ``metric="precomputed"``).
        y : None
            Ignored; accepted for Pipeline compatibility.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._check_clusterer()
        self._check_fit_data(X, y)
        model = check_hierarchical(self.estimator)
        piped = model is not self.estimator
        data = None if piped else tree_data(X)
        self._fit_estimator(X, y, **kwargs)
        if piped:  # the tree is built on what the pipeline's transforms give
            data = tree_data(self.estimator[:-1].transform(X), "X after the pipeline")
        self._store_tree(self._model_linkage(model, data), model_n_clusters(model))
        threshold = model.get_params(deep=False).get("distance_threshold")
        if threshold is not None:
            self.cut_ = float(threshold)
        self.leaf_labels_ = row_names(X, self.n_leaves_)
        self._fit_data = fingerprint(data)
        return self

    def _model_linkage(self, model: Any, X: np.ndarray) -> np.ndarray:
        """The model's full tree with distances, from a clone fitted on X if needed."""
        n_leaves = getattr(model, "n_leaves_", len(X))
        if n_leaves != len(X):
            raise VizkitValueError(
                f"estimator {type(model).__name__} was fitted on {n_leaves} samples "
                f"but X has {len(X)}; pass the data it was fitted on, or an "
                "unfitted model."
            )
        distances = getattr(model, "distances_", None)
        # A partial tree (connectivity with compute_full_tree) lacks the top merges.
        if distances is not None and len(model.children_) == len(X) - 1:
            self.refitted_ = False
            return linkage_matrix(model.children_, distances)
        self.refitted_ = True
        return full_tree(type(self).__name__, model, X)

    def _store_tree(self, Z: np.ndarray, n_clusters: int | None) -> None:
        self.linkage_ = Z
        self.n_leaves_ = len(Z) + 1
        self.n_clusters_ = n_clusters
        self.cut_ = None if n_clusters is None else cut_height(Z, n_clusters)

    def score(self, X, y=None):
        """The cophenetic correlation coefficient of the tree the model builds on X.

        The Pearson correlation between the merge heights of the tree
        (cophenetic distances) and the pairwise distances of X under the
        model's metric (euclidean for Ward): near 1, the dendrogram keeps
        the structure of the distances. On the data given to ``fit`` this is
        the fitted tree; a hierarchical clustering cannot place new samples
        in its tree, so on other data a clone of the model is fitted on X.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data (after the transforms, for a Pipeline).
        y : None
            Ignored.

        Returns
        -------
        score_ : float
            NaN when all distances are equal.
        """
        if self.estimator is None:
            raise ModelError(
                "a Dendrogram drawn from_linkage has no model to score; compute "
                "scipy.cluster.hierarchy.cophenet(Z, pdist(X)) instead."
            )
        self._check_estimator_fitted()
        model = tree_model(self.estimator)
        try:
            data = self._score_data(X)
        except VizkitValueError as error:  # name the call, as model errors do
            raise VizkitValueError(f"{type(self).__name__}.score: {error}") from None
        if self.__dict__.get("_fit_data") == fingerprint(data):
            Z = self.linkage_
        else:
            Z = full_tree(type(self).__name__, model, data)
        self.score_ = cophenetic_correlation(Z, pairwise(data, tree_metric(model)))
        return self.score_

    def _score_data(self, X) -> np.ndarray:
        if isinstance(self.estimator, Pipeline):
            return tree_data(self.estimator[:-1].transform(X), "X after the pipeline")
        data = tree_data(X)
        self._check_n_features(data.shape[1])
        return data

    @classmethod
    def from_linkage(cls, Z, labels=None, *, n_clusters=None, ax=None, **kwargs):
        """Draw a scipy linkage matrix, as ``scipy.cluster.hierarchy.linkage`` gives.

        Parameters
        ----------
        Z : ndarray of shape (n_samples - 1, 4)
            The linkage matrix; checked with ``is_valid_linkage``.
        labels : list of str, default=None
            A name for each sample; None uses the row numbers.
        n_clusters : int, default=None
            Colour this many clusters (all merges but the last
            ``n_clusters - 1``, as ``fcluster(Z, n_clusters, "maxclust")``
            cuts a tree without ties) and mark the cut;
            ``color_threshold`` cuts at a height instead. None and no
            ``color_threshold`` draws one colour.
        ax : matplotlib Axes, default=None
            Where to draw.
        **kwargs
            The visualizer's other parameters (``truncate_mode``, ``colors``...).

        Returns
        -------
        viz : Dendrogram
            The drawn visualizer.
        """
        from vizkit.base import one_call

        viz = cls(None, labels=labels, **kwargs)
        with one_call(viz):
            Z = check_linkage(Z)
            viz._store_tree(Z, check_n_clusters(n_clusters, len(Z) + 1))
            viz.refitted_ = False
            viz.leaf_labels_ = row_names(None, viz.n_leaves_)
            return viz.plot(ax=ax)

    # -- draw ----------------------------------------------------------------------

    def _within(self) -> np.ndarray:
        """True for the merges inside a cluster: below the cut."""
        Z = self.linkage_
        if self.color_threshold is not None:
            return Z[:, 2] < self.color_threshold
        if self.n_clusters_ is not None:
            return cut_merges(Z, self.n_clusters_)
        return np.ones(len(Z), dtype=bool)  # no cut: one cluster, one colour

    def _leaf_names(self) -> list[str]:
        if self.labels is None:
            return list(self.leaf_labels_)
        names = [str(label) for label in self.labels]
        if len(names) != self.n_leaves_:
            raise VizkitValueError(
                f"labels has {len(names)} names but the tree has {self.n_leaves_} "
                "samples; pass one name per sample, or labels=None."
            )
        return names

    def _truncation(self) -> tuple[str | None, int]:
        mode = self.truncate_mode
        if mode == "auto":
            mode = "lastp" if self.n_leaves_ > AUTO_MAX_LEAVES else None
        return mode, self.p

    def draw(self) -> None:
        """Draw the links, one LineCollection per colour, the leaves and the cut."""
        from matplotlib.collections import LineCollection

        within = self._within()
        groups = link_groups(self.linkage_, within)
        segments, link_group, leaves = dendrogram_layout(
            self.linkage_, *self._truncation(), groups, self._leaf_names()
        )
        n_colors = max(len(np.unique(groups[groups != ABOVE])), 1)
        palette = resolve_colors(n_colors, self.colormap, self.colors)
        colors = group_colors(segments, link_group, palette)
        if self._vertical_leaves():  # leaves along y: (height, leaf position)
            segments = segments[..., ::-1]
        self.link_lines_ = []
        for color in dict.fromkeys(colors):
            lines = LineCollection(segments[colors == color], colors=color)
            self.link_lines_.append(self.ax_.add_collection(lines, autolim=False))
        self._leaves_shown = len(leaves)
        self._set_leaf_axis(leaves)
        self._set_height_axis()
        self.cut_line_ = self._draw_cut(self.n_leaves_ - int(within.sum()))

    def _vertical_leaves(self) -> bool:
        return self.orientation in ("left", "right")

    def _set_leaf_axis(self, leaves: list[str]) -> None:
        """Leaf names as tick labels, thinned or turned to fit; no grid across."""
        from vizkit.draw import MAX_TICK_LABELS, fit_tick_labels

        ax, limits = self.ax_, (-0.5, len(leaves) - 0.5)
        # Thin by count before setting: a tick per leaf of a big tree is slow.
        step = -(-len(leaves) // MAX_TICK_LABELS)
        positions, leaves = np.arange(len(leaves))[::step], leaves[::step]
        ax.tick_params(axis="y" if self._vertical_leaves() else "x", labelsize="small")
        if self._vertical_leaves():
            ax.set_ylim(*limits)
            ax.set_yticks(positions, leaves)
            ax.grid(False, axis="y")
            if self.orientation == "left":
                ax.yaxis.tick_right()
            fit_tick_labels(ax, "y")
        else:
            ax.set_xlim(*limits)
            ax.set_xticks(positions, leaves)
            ax.grid(False, axis="x")
            if self.orientation == "bottom":
                ax.xaxis.tick_top()
            fit_tick_labels(ax, "x")

    def _cut(self) -> float | None:
        """The height of the cut drawn, or None.

        A cut far above the root (a huge ``distance_threshold``) is left out,
        as showing it would flatten the tree.
        """
        cut = self.cut_ if self.color_threshold is None else self.color_threshold
        root = float(self.linkage_[:, 2].max())
        if cut is None or cut > max(1.5 * root, 1.0 if root == 0 else 0.0):
            return None
        return float(cut)

    def _set_height_axis(self) -> None:
        """Heights from 0 to a little above the root (or the cut), root side away."""
        top = max(float(self.linkage_[:, 2].max()), self._cut() or 0.0) * 1.05 or 1.0
        low, high = (top, 0.0) if self.orientation in ("bottom", "left") else (0, top)
        if self._vertical_leaves():
            self.ax_.set_xlim(low, high)
        else:
            self.ax_.set_ylim(low, high)

    def _draw_cut(self, n_clusters: int):
        """The dashed cut line, with the number of clusters at its end."""
        cut = self._cut()
        if cut is None or not self.show_cut:
            return None
        ax = self.ax_
        text = f"{n_clusters} cluster{'s' if n_clusters != 1 else ''}"
        style = {"color": LINE_COLOR, "linestyle": "--", "linewidth": 1}
        font = {"fontsize": "small", "color": LINE_COLOR}
        if self._vertical_leaves():
            line = ax.axvline(cut, **style)
            trans = ax.get_xaxis_transform()
            ax.text(cut, 0.99, f"{text} ", transform=trans, rotation=90,
                    ha="right", va="top", **font)  # fmt: skip
        else:
            line = ax.axhline(cut, **style)
            trans = ax.get_yaxis_transform()
            ax.text(0.99, cut, text, transform=trans, ha="right", va="bottom", **font)
        return line

    def finalize(self):
        """Add the title and axis labels. Returns ``ax_``."""
        title = "Dendrogram"
        if self.estimator is not None:
            linkage = getattr(tree_model(self.estimator), "linkage", None)
            how = f" ({linkage} linkage)" if isinstance(linkage, str) else ""
            title = f"Dendrogram of {self.name}{how}"
        self.set_title(title)
        n, shown = self.n_leaves_, self._leaves_shown
        leaves = f"{n} samples"
        if shown < n:  # truncated: say so, and what "(k)" means
            leaves = f"{shown} branches of {n} samples; (k): a branch of k samples"
        if self._vertical_leaves():
            self.ax_.set(xlabel="Distance", ylabel=leaves)
        else:
            self.ax_.set(xlabel=leaves, ylabel="Distance")
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the leaf names turned vertical
        return self.ax_


dendrogram = declare(
    Dendrogram, kind=CLUSTER, quick="dendrogram", example=examples.agglomerative
)
