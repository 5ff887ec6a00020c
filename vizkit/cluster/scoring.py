"""The elbow method's computations: the k values, a score per k, the elbow.

:class:`vizkit.cluster.elbow.KElbowVisualizer` reads its ``k`` with
:func:`k_values`, runs :func:`fit_and_score` for each k in a joblib worker
(a clone of the model fitted with k clusters, its clustering rated by
:func:`cluster_score`: the distortion computed here, the other scores
scikit-learn's) and finds the elbow of the scores with :func:`elbow_index`.
"""

from __future__ import annotations

import numbers
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.metrics import (
    calinski_harabasz_score,
    davies_bouldin_score,
    pairwise_distances,
    silhouette_score,
)

from vizkit.exceptions import VizkitValueError, prefix_message
from vizkit.utils.knee import find_knee
from vizkit.utils.validation import plain

__all__ = [
    "check_k_range", "cluster_score", "distortion_score", "elbow_index",
    "fit_and_score", "k_values", "n_clusters_param",
]  # fmt: skip

#: The clustering scores, by the name ``metric`` takes.
METRICS = ("distortion", "silhouette", "calinski_harabasz", "davies_bouldin")
#: Scores where a lower value is a better clustering.
LOWER_IS_BETTER = ("distortion", "davies_bouldin")
#: Scores computed with ``distance_metric``; the others are Euclidean.
USE_DISTANCE_METRIC = ("distortion", "silhouette")


def label_means(X: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean of each cluster's rows, and each row's cluster index into them."""
    _, inverse = np.unique(labels, return_inverse=True)
    counts = np.bincount(inverse)
    sums = np.stack(
        [np.bincount(inverse, weights=X[:, j]) for j in range(X.shape[1])], axis=1
    )
    return sums / counts[:, np.newaxis], inverse


def distortion_score(
    X, labels, metric: Any = "euclidean", *, centers: np.ndarray | None = None
) -> float:
    """The sum of squared distances from each sample to its cluster's center.

    ``centers`` are the model's (``KMeans.cluster_centers_``, row ``i`` for
    label ``i``); without them each cluster's center is the mean of its rows.
    With the Euclidean distance and a KMeans model's centers this is the
    model's ``inertia_``. ``metric`` is any distance
    ``sklearn.metrics.pairwise_distances`` accepts.
    """
    X = np.asarray(X, dtype=np.float64)
    labels = np.asarray(labels)
    usable = (
        centers is not None
        and np.ndim(centers) == 2
        and np.shape(centers)[1] == X.shape[1]
        and labels.min() >= 0
        and labels.max() < len(centers)
    )
    if usable:
        rows = labels
    else:
        centers, rows = label_means(X, labels)
    centers = np.asarray(centers, dtype=np.float64)
    if metric in ("euclidean", "l2"):  # exactly, as KMeans sums its inertia
        return float(np.sum((X - centers[rows]) ** 2))
    total = 0.0
    for index in np.unique(rows):
        members = X[rows == index]
        distances = pairwise_distances(members, centers[index : index + 1], metric)
        total += float(np.sum(distances**2))
    return total


def cluster_score(
    X: np.ndarray,
    labels: np.ndarray,
    metric: str,
    distance_metric: Any = "euclidean",
    centers: np.ndarray | None = None,
    rows: np.ndarray | None = None,
) -> float:
    """The ``metric`` of a clustering of ``X`` (``rows``: the silhouette's sample)."""
    if metric == "distortion":
        return distortion_score(X, labels, distance_metric, centers=centers)
    n_labels = len(np.unique(labels))
    if not 2 <= n_labels < len(labels):
        raise VizkitValueError(
            f"the {metric} score needs from 2 to n_samples - 1 clusters, but the "
            f"model put the {len(labels)} samples in {n_labels}; pass more varied "
            "data, or use metric='distortion'."
        )
    if metric == "silhouette":
        if rows is not None:
            X, labels = X[rows], labels[rows]
        return float(silhouette_score(X, labels, metric=distance_metric))
    if metric == "calinski_harabasz":
        return float(calinski_harabasz_score(X, labels))
    return float(davies_bouldin_score(X, labels))


def n_clusters_param(estimator: Any) -> str | None:
    """The parameter that sets the model's number of clusters, or None.

    ``n_clusters`` itself, or one nested parameter ending in
    ``__n_clusters`` (the clusterer of a Pipeline).
    """
    params = estimator.get_params(deep=True)
    if "n_clusters" in params:
        return "n_clusters"
    nested = [key for key in params if key.endswith("__n_clusters")]
    return nested[0] if len(nested) == 1 else None


@dataclass(frozen=True)
class KFitData:
    """What the fit of every k shares."""

    X: Any  # the data as the user passed it, for the model
    X_values: np.ndarray  # the same data as floats, for the scores
    metric: str
    distance_metric: Any
    param: str  # the model's number-of-clusters parameter
    fit_params: dict
    rows: np.ndarray | None = None  # the silhouette's sampled rows
    owner: str = "KElbowVisualizer"  # names the visualizer in errors


def fit_and_score(model, k: int, data: KFitData) -> tuple[float, float, Any]:
    """Fit a clone of ``model`` with ``k`` clusters; its score, fit seconds, model.

    A top-level function, so process-based joblib backends (loky, dask) can
    pickle it. The model's errors keep their type; their message starts with
    the visualizer's name.
    """
    model = clone(model).set_params(**{data.param: k})
    start = time.perf_counter()
    try:
        if hasattr(model, "fit_predict"):
            labels = model.fit_predict(data.X, **data.fit_params)
        else:
            labels = model.fit(data.X, **data.fit_params).labels_
    except Exception as error:
        prefix_message(
            error, f"{data.owner}: {type(model).__name__} failed with {k} clusters"
        )
        raise
    seconds = time.perf_counter() - start
    centers = getattr(model, "cluster_centers_", None)
    score = cluster_score(
        data.X_values, np.asarray(labels), data.metric, data.distance_metric,
        centers=centers, rows=data.rows,
    )  # fmt: skip
    return score, seconds, model


def k_values(k: Any) -> np.ndarray:
    """The numbers of clusters to try, sorted, from ``k`` as Yellowbrick reads it.

    An int ``k`` means 2 to ``k`` inclusive; a tuple of two ints is
    ``range(start, stop)`` (stop excluded); any other iterable of ints lists
    the values (repeats dropped). Every value must be at least 2.
    """
    if _is_int(k):
        values = list(range(2, int(k) + 1)) if k >= 2 else [int(k)]
    elif isinstance(k, tuple) and len(k) == 2 and all(map(_is_int, k)):
        values = list(range(int(k[0]), int(k[1])))
    elif isinstance(k, Iterable) and not isinstance(k, str | bytes):
        values = list(k)
    else:
        values = []
    if not values or not all(map(_is_int, values)) or min(values) < 2:
        raise VizkitValueError(
            f"k={plain(k)!r} is not valid; pass the largest number of clusters "
            "(an int of at least 2: k=10 tries 2 to 10), a (start, stop) tuple "
            "(stop excluded, start of at least 2), or a list of ints of at least 2."
        )
    return np.unique(np.asarray(values, dtype=np.int64))


def _is_int(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_k_range(ks: np.ndarray, n_samples: int) -> None:
    """Refuse a number of clusters that is not below the number of samples."""
    if ks.max() >= n_samples:
        raise VizkitValueError(
            f"k goes up to {ks.max()} clusters, but X has only {n_samples} samples; "
            f"each k must be from 2 to n_samples - 1 = {n_samples - 1}: pass a "
            "smaller k or more samples."
        )


def elbow_index(ks: np.ndarray, scores: np.ndarray, metric: str) -> int | None:
    """Position in ``ks`` of the elbow of the scores, or None.

    The distortion falls as k grows, fast while k is below the number of
    real clusters, then slowly: its elbow is the knee of a convex decreasing
    curve (:func:`vizkit.utils.knee.find_knee`). The silhouette and the
    Calinski-Harabasz score peak at the best k, the Davies-Bouldin score
    dips there: their elbow is that optimum, unless it is at the largest k,
    where a larger k might score better still.
    """
    if metric == "distortion":
        return find_knee(ks, scores, curve="convex", direction="decreasing")
    best = int(np.argmin(scores) if metric in LOWER_IS_BETTER else np.argmax(scores))
    return None if best == len(ks) - 1 else best
