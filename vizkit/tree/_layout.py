"""Where the nodes of a tree diagram go: pure functions on the ``tree_`` arrays.

:func:`shown_nodes` walks the tree depth first (left child before right, as
scikit-learn's rule ``X[:, f] <= threshold`` sends a sample left), down to a
depth; :func:`tree_layout` spaces the drawn leaves evenly from left to right
and centres each parent above its children, one level per depth.
"""

from __future__ import annotations

import numpy as np

from vizkit.tree._adapter import LEAF


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
