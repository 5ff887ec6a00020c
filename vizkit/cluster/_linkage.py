"""Merge trees as scipy linkage matrices: read from a model, cut, coloured, laid out.

The pieces behind :class:`vizkit.cluster.Dendrogram`, arrays in and arrays out
(no matplotlib). A tree of ``n`` samples is scipy's linkage matrix ``Z`` of
shape (n - 1, 4): row ``i`` merges nodes ``Z[i, 0]`` and ``Z[i, 1]`` (a sample
below ``n``, else the cluster formed by row ``node - n``) at distance
``Z[i, 2]`` into node ``n + i`` of ``Z[i, 3]`` samples, the numbering
``AgglomerativeClustering``'s ``children_`` uses too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from vizkit.exceptions import ModelError, VizkitError, VizkitValueError
from vizkit.utils.validation import check_no_overflow, check_X

#: Colour of the links above the cut, which join clusters.
ABOVE_CUT_COLOR = "#7f7f7f"
ABOVE = -1  # group of a link above the cut
_FIX_OVERFLOW = (
    "scale the features first, e.g. with sklearn.preprocessing.StandardScaler."
)

# -- computations (arrays in, arrays out) -----------------------------------------


def merged_sizes(children: np.ndarray, n_leaves: int) -> np.ndarray:
    """Number of samples under each merge, merge ``i`` forming node ``n_leaves + i``."""
    sizes = [1] * n_leaves
    for left, right in children.tolist():
        sizes.append(sizes[left] + sizes[right])
    return np.asarray(sizes[n_leaves:], dtype=np.float64)


def linkage_matrix(children: np.ndarray, distances: np.ndarray) -> np.ndarray:
    """scipy's linkage matrix ``[child, child, distance, size]`` of a merge tree.

    ``children`` and ``distances`` are ``AgglomerativeClustering``'s
    ``children_`` and ``distances_``: both use scipy's node numbering.
    """
    children = np.asarray(children, dtype=np.intp)
    sizes = merged_sizes(children, len(children) + 1)
    return np.column_stack([children, distances, sizes]).astype(np.float64)


def check_linkage(Z: Any, name: str = "Z") -> np.ndarray:
    """``Z`` as a new float array, if it is a valid scipy linkage matrix."""
    from scipy.cluster.hierarchy import is_valid_linkage

    try:
        array = np.array(Z, dtype=np.float64)
        is_valid_linkage(array, throw=True, name=name)
        _check_heights_and_sizes(array)
    except (TypeError, ValueError) as error:
        raise VizkitValueError(
            f"{name} is not a valid linkage matrix ({error}); pass the output of "
            "scipy.cluster.hierarchy.linkage: an (n_samples - 1, 4) float array "
            "of rows [child, child, distance, size]."
        ) from None
    return array


def _check_heights_and_sizes(Z: np.ndarray) -> None:
    """What ``is_valid_linkage`` lets through: bad heights, wrong sizes."""
    if not np.isfinite(Z).all():
        raise ValueError("it holds NaN or infinite values")
    if (Z[:, 2] < 0).any():
        raise ValueError("it holds negative distances")
    sizes = merged_sizes(Z[:, :2].astype(np.intp), len(Z) + 1)
    if not np.array_equal(Z[:, 3], sizes):
        raise ValueError("its counts, column 3, are not the sizes of the merges")


def cut_merges(Z: np.ndarray, n_clusters: int) -> np.ndarray:
    """True for the merges inside the ``n_clusters`` clusters: all but the last k-1.

    This is how ``AgglomerativeClustering`` labels its clusters, so the
    colours match its ``labels_`` even when merge distances tie.
    """
    within = np.zeros(len(Z), dtype=bool)
    within[: max(len(Z) + 1 - n_clusters, 0)] = True
    return within


def cut_height(Z: np.ndarray, n_clusters: int) -> float | None:
    """A height that cuts the tree into ``n_clusters`` clusters, or None.

    Midway between the highest merge inside the clusters and the lowest
    between them; None for one cluster, or when no height separates them
    (tied distances, or inversions of a connectivity-constrained tree).
    """
    within = cut_merges(Z, n_clusters)
    if within.all():
        return None
    low = float(Z[within, 2].max()) if within.any() else 0.0
    high = float(Z[~within, 2].min())
    return (low + high) / 2 if low < high else None


def link_groups(Z: np.ndarray, within: np.ndarray) -> np.ndarray:
    """The cluster of each merge: the row of its cluster's top merge, or -1 above.

    A merge inside the clusters (``within``) belongs to its parent's cluster,
    or starts its own when its parent is above the cut.
    """
    n_leaves = len(Z) + 1
    parent = np.full(len(Z), -1)
    for row, children in enumerate(Z[:, :2].astype(np.intp)):
        merged = children[children >= n_leaves] - n_leaves
        parent[merged] = row
    groups = np.full(len(Z), ABOVE)
    for row in range(len(Z) - 1, -1, -1):  # parents come after their children
        if within[row]:
            up = parent[row]
            groups[row] = groups[up] if up >= 0 and within[up] else row
    return groups


#: scikit-learn metric names that scipy's ``pdist`` computes, in scipy's names.
_PDIST_METRICS = {
    "euclidean": "euclidean", "l2": "euclidean", "l1": "cityblock",
    "manhattan": "cityblock", "cityblock": "cityblock", "cosine": "cosine",
}  # fmt: skip


def pairwise(X: np.ndarray, metric: Any) -> np.ndarray:
    """Condensed pairwise distances of ``X`` under a clustering model's metric.

    scipy's ``pdist`` fills the condensed vector directly (half the memory
    of a square matrix) for the metrics it shares with scikit-learn.
    """
    from scipy.spatial.distance import pdist, squareform
    from sklearn.metrics import pairwise_distances

    if isinstance(metric, str) and metric in _PDIST_METRICS:
        return pdist(X, _PDIST_METRICS[metric])
    if callable(metric):  # as AgglomerativeClustering calls it: X to a matrix
        square = np.asarray(metric(X), dtype=np.float64)
    elif metric == "precomputed":
        square = X
    else:
        square = pairwise_distances(X, metric=metric)
    return squareform(square, checks=False)


def cophenetic_correlation(Z: np.ndarray, distances: np.ndarray) -> float:
    """Pearson correlation of the tree's merge heights with the data's distances.

    The heights are the cophenetic distances (the height at which two samples
    first share a cluster); 1 means the dendrogram keeps every distance's
    rank. NaN when all distances are equal (the correlation is undefined).
    """
    from scipy.cluster.hierarchy import cophenet

    if np.ptp(Z[:, 2]) == 0 or np.ptp(distances) == 0:
        return float("nan")  # scipy would divide by zero, with a warning
    return float(cophenet(Z, distances)[0])


def dendrogram_layout(
    Z: np.ndarray, truncate_mode: str | None, p: int, groups: np.ndarray,
    labels: list[str],
) -> tuple[np.ndarray, np.ndarray, list[str]]:  # fmt: skip
    """Where scipy's dendrogram puts each link: segments, cluster groups, leaves.

    Returns ``segments`` of shape (n_links, 4, 2), the U-shaped path of each
    drawn link as (leaf position, height), leaves at 0, 1, 2...; the group
    (``link_groups``) of each link; the leaf labels, left to right, a
    truncated branch of k samples labelled "(k)".
    """
    from scipy.cluster.hierarchy import dendrogram as scipy_dendrogram

    n_leaves = len(Z) + 1
    tree = scipy_dendrogram(
        Z, p=p, truncate_mode=truncate_mode, labels=labels, no_plot=True,
        link_color_func=lambda node: str(groups[node - n_leaves]),
    )  # fmt: skip
    positions = (np.asarray(tree["icoord"], dtype=float) - 5) / 10
    heights = np.asarray(tree["dcoord"], dtype=float)
    segments = np.stack([positions, heights], axis=-1).reshape(-1, 4, 2)
    link_group = np.asarray(tree["color_list"], dtype=np.intp)
    return segments, link_group, [str(label) for label in tree["ivl"]]


def group_colors(
    segments: np.ndarray, link_group: np.ndarray, palette: list[str]
) -> np.ndarray:
    """The colour of each link: clusters take ``palette`` in order, left to right."""
    colors = np.full(len(link_group), ABOVE_CUT_COLOR, dtype=object)
    clusters = np.unique(link_group[link_group != ABOVE])
    leftmost = [segments[link_group == g, :, 0].min() for g in clusters]
    for rank, group in enumerate(clusters[np.argsort(leftmost)]):
        colors[link_group == group] = palette[rank % len(palette)]
    return colors


# -- the model's tree ----------------------------------------------------------------


def tree_model(estimator: Any) -> Any:
    """The step that builds the tree: the model, or a Pipeline's last step."""
    return estimator.steps[-1][1] if isinstance(estimator, Pipeline) else estimator


def check_hierarchical(estimator: Any) -> Any:
    """The tree-building model of ``estimator``; ModelError if it builds none.

    A fitted model needs ``children_``; an unfitted one a ``linkage``
    parameter, as scikit-learn's ``AgglomerativeClustering`` has.
    """
    model = tree_model(estimator)
    params = model.get_params(deep=False) if hasattr(model, "get_params") else {}
    if hasattr(model, "children_") or "linkage" in params:
        return model
    raise ModelError(
        f"estimator {type(model).__name__} builds no merge tree (no children_ "
        "attribute or linkage parameter), so Dendrogram cannot draw it; pass "
        "sklearn.cluster.AgglomerativeClustering(), or draw a scipy linkage "
        "matrix with Dendrogram.from_linkage(Z)."
    )


def tree_metric(model: Any) -> Any:
    """The distance the model merges by (Ward's is always euclidean)."""
    if getattr(model, "linkage", None) == "ward":
        return "euclidean"
    return getattr(model, "metric", None) or "euclidean"


def tree_data(X: Any, name: str = "X") -> np.ndarray:
    """X as the float matrix the tree is built on (at least two samples)."""
    array = check_X(X, name=name, numeric=True, min_samples=2)
    return check_no_overflow(array, name, _FIX_OVERFLOW)


def row_names(X: Any, n_rows: int) -> np.ndarray:
    """Leaf names: a pandas DataFrame's index, else the row numbers."""
    index = getattr(X, "index", None)
    rows = range(n_rows) if index is None or callable(index) else index
    return np.asarray([str(row) for row in rows], dtype=object)


def full_tree(visualizer: str, model: Any, X: np.ndarray) -> np.ndarray:
    """The linkage of a clone of ``model`` fitted on X, merge distances kept.

    The clone has the model's parameters (linkage, metric, connectivity), so
    it builds the same tree; only ``compute_distances`` and
    ``compute_full_tree`` are switched on. The user's model is left alone.
    """
    params = model.get_params(deep=False)
    if "compute_distances" not in params:
        raise ModelError(
            f"{type(model).__name__} has no distances_ and no compute_distances "
            "parameter; fit it so that it stores the merge distances, or pass "
            "its scipy linkage matrix to Dendrogram.from_linkage(Z)."
        )
    full = {"compute_distances": True, "compute_full_tree": True}
    twin = clone(model).set_params(**{k: v for k, v in full.items() if k in params})
    try:
        twin.fit(X)
    except VizkitError:
        raise
    except Exception as error:
        where = (
            f"{visualizer}: {type(model).__name__}.fit() of a compute_distances copy"
        )
        error.args = (f"{where} failed: {error}", *error.args[1:])
        raise
    return linkage_matrix(twin.children_, twin.distances_)


def model_n_clusters(model: Any) -> int | None:
    """The model's number of clusters, from ``n_clusters_`` or ``labels_``."""
    count = getattr(model, "n_clusters_", None)
    if count is None and getattr(model, "labels_", None) is not None:
        count = len(np.unique(model.labels_))
    return None if count is None else int(count)


def check_n_clusters(n_clusters: Any, n_leaves: int) -> int | None:
    if n_clusters is None:
        return None
    ok = isinstance(n_clusters, (int, np.integer)) and not isinstance(n_clusters, bool)
    if not ok or not 1 <= n_clusters <= n_leaves:
        raise VizkitValueError(
            f"n_clusters={n_clusters!r} is not valid; pass an integer from 1 to "
            f"{n_leaves} (the number of samples), or None."
        )
    return int(n_clusters)


def fingerprint(data: np.ndarray) -> str:
    """A hash of the data, to know whether score gets the data fit got."""
    import joblib

    return joblib.hash(data)
