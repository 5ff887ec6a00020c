"""The pure computations of the tree diagram (``DecisionTreeStructure``).

:func:`shown_nodes` walks the tree depth first (left child before right, as
scikit-learn's rule ``X[:, f] <= threshold`` sends a sample left), down to a
depth; :func:`tree_layout` spaces the drawn leaves evenly from left to right
and centres each parent above its children, one level per depth;
:func:`split_histograms` bins each shown split's feature over the training
rows ``decision_path`` routes through it; the rest maps a node's mini-plots
and text into its box, in data coordinates.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit.tree._adapter import LEAF

#: The mean width of a character of DejaVu Sans, in font sizes.
CHAR_WIDTH = 0.6


def shown_nodes(
    children_left: np.ndarray, children_right: np.ndarray, max_depth: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """The ids of the nodes down to ``max_depth`` in depth-first order, and depths.

    The order is a pre-order walk, left subtree first, so a left-to-right
    reading of the drawn leaves is this order's. None shows every node.
    """
    ids, depths = [], []
    stack = [(0, 0)]
    while stack:
        node, depth = stack.pop()
        ids.append(node)
        depths.append(depth)
        if children_left[node] != LEAF and (max_depth is None or depth < max_depth):
            stack.append((int(children_right[node]), depth + 1))
            stack.append((int(children_left[node]), depth + 1))
    return np.asarray(ids, dtype=np.intp), np.asarray(depths, dtype=np.intp)


def cut_nodes(
    children_left: np.ndarray, ids: np.ndarray, depths: np.ndarray, max_depth
) -> np.ndarray:
    """True for the shown split nodes whose children are not shown (the cut)."""
    split = children_left[ids] != LEAF
    if max_depth is None:
        return np.zeros(len(ids), dtype=bool)
    return split & (depths >= max_depth)


def parents(
    children_left: np.ndarray, children_right: np.ndarray, ids: np.ndarray
) -> np.ndarray:
    """The position in ``ids`` of each shown node's parent (-1 for the root)."""
    lookup = np.full(len(children_left), -1)
    lookup[ids] = np.arange(len(ids))
    parent = np.full(len(ids), -1)
    for children in (children_left[ids], children_right[ids]):
        has = np.flatnonzero(children != LEAF)
        shown = lookup[children[has]]
        parent[shown[shown >= 0]] = has[shown >= 0]
    return parent


def tree_layout(parent: np.ndarray, depths: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The (x, y) of each shown node, shape (n_shown, 2).

    ``parent`` is :func:`parents` of the pre-order ``ids``; ``ends`` marks
    the nodes drawn without children (leaves and cut nodes): they get
    x = 0, 1, 2, ... in pre-order; a parent's x is the mean of its
    children's; y is minus the depth.
    """
    x = np.zeros(len(parent))
    x[ends] = np.arange(int(ends.sum()))
    total, count = np.zeros(len(parent)), np.zeros(len(parent))
    for i in range(len(parent) - 1, 0, -1):  # children come after their parent
        if not ends[i]:
            x[i] = total[i] / count[i]
        total[parent[i]] += x[i]
        count[parent[i]] += 1
    if len(parent) and not ends[0]:
        x[0] = total[0] / count[0]
    return np.column_stack([x, -depths.astype(np.float64)])


# -- the geometry of a node's mini-plots, in data coordinates ------------------------


def rectangles(x0, y0, x1, y1) -> np.ndarray:
    """Axis-aligned rectangles as polygons, (n, 4, 2), from their corners' arrays."""
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    return np.stack([np.column_stack(np.broadcast_arrays(*c)) for c in corners], axis=1)


def histogram_bars(
    counts: np.ndarray, edges: np.ndarray, box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stacked histogram bars mapped into ``box`` = (left, bottom, width, height).

    ``counts`` is (n_bins, n_stacks): each bin's bar stacks its columns in
    order. The bins' range fills the box's width and the tallest bar its
    height. Returns the rectangles (n_rects, 4, 2) of positive height, and
    the bin and the stack (column) of each.
    """
    left, bottom, width, height = box
    span = (edges[-1] - edges[0]) or 1.0
    xs = left + (edges - edges[0]) / span * width
    tops = np.cumsum(counts, axis=1)
    scale = height / max(float(tops[:, -1].max()), 1.0)
    bins, stacks = np.nonzero(counts > 0)
    lows = bottom + (tops - counts)[bins, stacks] * scale
    highs = bottom + tops[bins, stacks] * scale
    return rectangles(xs[bins], lows, xs[bins + 1], highs), bins, stacks


def stacked_bar(
    fractions: np.ndarray, box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """One horizontal bar of ``fractions`` (summing to 1) filling ``box``.

    Returns the rectangles (n_parts, 4, 2) of the non-zero parts and the
    index of each part.
    """
    left, bottom, width, height = box
    ends = left + np.cumsum(fractions) * width
    parts = np.flatnonzero(fractions > 0)
    x0, x1 = (ends - fractions * width)[parts], ends[parts]
    return rectangles(x0, bottom, x1, bottom + height), parts


def wedge(x: float, base: float, half_width: float, depth: float) -> np.ndarray:
    """A triangle pointing up at (x, base): where a threshold cuts an axis."""
    return np.array(
        [[x, base], [x + half_width, base - depth], [x - half_width, base - depth]]
    )


# -- what the split nodes' histograms count ------------------------------------------


def node_rows(tree: Any, X: np.ndarray, ids: np.ndarray) -> list[np.ndarray]:
    """The rows of ``X`` that ``tree.decision_path`` routes through each node."""
    paths = tree.decision_path(X).tocsc()
    return [paths.indices[paths.indptr[n] : paths.indptr[n + 1]] for n in ids]


def bin_index(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The bin of each value, the last bin closed on the right."""
    bins = np.searchsorted(edges, values, side="right") - 1
    return np.clip(bins, 0, len(edges) - 2)


def class_histogram(
    values: np.ndarray, classes: np.ndarray, edges: np.ndarray, n_classes: int
) -> np.ndarray:
    """Counts of ``values`` per bin and class, shape (n_bins, n_classes)."""
    n_bins = len(edges) - 1
    cells = bin_index(values, edges) * n_classes + classes
    return np.bincount(cells, minlength=n_bins * n_classes).reshape(n_bins, n_classes)


def target_histogram(
    values: np.ndarray, target: np.ndarray, edges: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Counts of ``values`` per bin and the mean target in each (NaN if empty)."""
    bins = bin_index(values, edges)
    counts = np.bincount(bins, minlength=len(edges) - 1)
    sums = np.bincount(bins, weights=target, minlength=len(edges) - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return counts, sums / counts


def feature_edges(X: np.ndarray, bins: int) -> np.ndarray:
    """``bins + 1`` even bin edges over each feature's range, (n_features, bins + 1).

    Every node splitting on a feature bins it alike, so their histograms
    compare; a constant (or all-missing) feature gets a unit-wide range.
    """
    present = ~np.isnan(X)
    low = np.min(X, axis=0, initial=np.inf, where=present)
    high = np.max(X, axis=0, initial=-np.inf, where=present)
    low = np.where(np.isfinite(low), low, 0.0)
    high = np.where(high > low, high, low + 1.0)
    return np.linspace(low, high, bins + 1, axis=1)


Arrays = list[np.ndarray | None]


def split_histograms(
    tree: Any,
    X: np.ndarray,
    y: np.ndarray,
    ids: np.ndarray,
    features: np.ndarray,
    n_classes: int | None,
    bins: int,
) -> tuple[Arrays, Arrays, Arrays]:
    """Histograms of each node's split feature over the rows reaching it.

    For each node of ``ids`` whose ``features`` entry is >= 0: the counts
    per bin (and class, given ``n_classes``), the bin edges and, for a
    regression tree, the mean target per bin. None for the other nodes.
    Rows missing the feature (NaN, which the tree routes too) are not binned.
    """
    counts: Arrays = [None] * len(ids)
    edges: Arrays = [None] * len(ids)
    targets: Arrays = [None] * len(ids)
    splits = np.flatnonzero(features >= 0)
    used = np.unique(features[splits])
    by_feature = dict(zip(used, feature_edges(X[:, used], bins)))
    for i, rows in zip(splits, node_rows(tree, X, ids[splits])):
        values, node_edges = X[rows, features[i]], by_feature[features[i]]
        rows, values = rows[~np.isnan(values)], values[~np.isnan(values)]
        edges[i] = node_edges
        if n_classes is None:
            counts[i], targets[i] = target_histogram(values, y[rows], node_edges)
        else:
            counts[i] = class_histogram(values, y[rows], node_edges, n_classes)
    return counts, edges, targets


def text_sizes(
    texts: list[str], above_plots: np.ndarray, box: np.ndarray
) -> np.ndarray:
    """The font size of each text (4 to 9 pt) at which it fits in its box.

    ``box`` is a box's (width, height) in points. All texts share the size
    that fits the most lines above a mini-plot (the nodes ``above_plots``
    keep the box's lower 55% for it); a text with a long line is smaller.
    """
    lines = max(
        (text.count("\n") + 1 for text, up in zip(texts, above_plots) if up), default=2
    )
    down = 0.45 * box[1] / (1.2 * lines)
    longest = np.array([max(map(len, text.splitlines())) for text in texts])
    return np.clip(np.minimum(0.95 * box[0] / (CHAR_WIDTH * longest), down), 4.0, 9.0)
