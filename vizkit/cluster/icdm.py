"""Intercluster distance map: cluster centers embedded in 2-D, sized by membership.

The centers of a clustering model (``cluster_centers_``) are embedded in two
dimensions with multidimensional scaling (which keeps their distances as well
as it can) or t-SNE (which keeps neighbours), and drawn as circles whose area
grows with the number of rows in the cluster. Close circles are close centers;
overlapping circles do not mean overlapping clusters in feature space.
"""

from __future__ import annotations

import inspect
import time
from typing import Any

import numpy as np
from sklearn.metrics import pairwise_distances

from vizkit import examples
from vizkit import params as P
from vizkit.cluster.base import ClusteringScoreVisualizer
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.registry import CLUSTER, declare
from vizkit.utils.docs import common_params
from vizkit.utils.validation import plain

__all__ = ["InterclusterDistance", "intercluster_distance", "ICDM"]

EMBEDDINGS = ("mds", "tsne")
SCORINGS = ("membership",)
#: Where the size legend can go (matplotlib's anchored locations).
LEGEND_LOCATIONS = (
    "upper right", "upper left", "lower left", "lower right", "right",
    "center left", "center right", "lower center", "upper center", "center",
)  # fmt: skip
#: Yellowbrick's circle colour; faces and edges are drawn translucent.
CIRCLE_COLOR = "#2e7193"
#: MDS restarts, as in Yellowbrick (scikit-learn's default before 1.9).
MDS_INITS = 4
#: t-SNE's default perplexity, lowered below the number of centers when fewer.
TSNE_PERPLEXITY = 30.0
#: Percentiles of the cluster scores shown in the size legend (Yellowbrick's).
LEGEND_PERCENTILES = (25, 50, 75)
#: Least distance (points) between two labels of the size legend.
LABEL_SPACING = 11.0


# -- computations (arrays in, arrays out) -----------------------------------------


def mds_embedding(random_state: Any):
    """A 2-D metric MDS of precomputed distances, with the same call on 1.6 to 1.9.

    scikit-learn 1.8 renamed ``dissimilarity`` to ``metric`` (and ``metric``
    to ``metric_mds``) and added ``init``; its default ``n_init`` changed in
    1.9. Passing each explicitly avoids their deprecation warnings.
    """
    from sklearn.manifold import MDS

    accepted = inspect.signature(MDS).parameters
    params: dict[str, Any] = {"n_components": 2, "n_init": MDS_INITS}
    if "metric_mds" in accepted:  # scikit-learn >= 1.8
        params.update(metric="precomputed", init="random")
    else:
        params.update(dissimilarity="precomputed")
    return MDS(random_state=random_state, **params)


def tsne_embedding(n_centers: int, n_features: int, random_state: Any):
    """A 2-D t-SNE whose perplexity is below the number of centers.

    t-SNE needs ``perplexity < n_samples``: with fewer than 31 centers it is
    ``n_centers - 1`` (every other center is a neighbour).
    """
    from sklearn.manifold import TSNE

    perplexity = min(TSNE_PERPLEXITY, float(n_centers - 1))
    init = "pca" if min(n_centers, n_features) >= 2 else "random"
    return TSNE(
        n_components=2, perplexity=perplexity, init=init, random_state=random_state
    )


def embed_centers(
    centers: np.ndarray, embedding: str, random_state: Any
) -> tuple[np.ndarray, Any]:
    """The 2-D positions of the centers, and the fitted embedding model."""
    distances = pairwise_distances(centers) if np.isfinite(centers).all() else None
    if distances is None or not np.isfinite(distances).all():
        raise VizkitValueError(
            "the distances between the cluster centers are not all finite, so they "
            "cannot be embedded; X probably holds values too large (such as 1e300): "
            "scale X first, e.g. with sklearn.preprocessing.StandardScaler."
        )
    seed = 0 if random_state is None else random_state
    if embedding.lower() == "mds":
        model = mds_embedding(seed)
        return model.fit_transform(distances), model
    model = tsne_embedding(len(centers), centers.shape[1], seed)
    return model.fit_transform(centers), model


def membership(labels: np.ndarray, n_clusters: int) -> np.ndarray:
    """Rows per cluster; negative labels (noise, unassigned) are not counted."""
    labels = np.asarray(labels, dtype=np.intp)
    return np.bincount(labels[labels >= 0], minlength=n_clusters)[:n_clusters]


def circle_areas(
    scores: np.ndarray,
    min_size: float,
    max_size: float,
    limits: tuple[float, float] | None = None,
) -> np.ndarray:
    """Marker areas from ``min_size`` (lowest score) to ``max_size`` (highest).

    Yellowbrick's scale: ``min_size + (max_size - min_size) * sqrt((s - low) /
    (high - low))``, where ``limits=(low, high)`` default to the scores' own
    range. Equal scores all get the middle size.
    """
    scores = np.asarray(scores, dtype=float)
    low, high = (scores.min(), scores.max()) if limits is None else limits
    if high <= low:
        return np.full(len(scores), (min_size + max_size) / 2)
    return min_size + (max_size - min_size) * np.sqrt((scores - low) / (high - low))


def label_heights(tops: np.ndarray, spacing: float) -> np.ndarray:
    """Heights for labels at ``tops`` (descending), at least ``spacing`` apart."""
    heights = np.array(tops, dtype=float)
    for i in range(1, len(heights)):
        heights[i] = min(heights[i], heights[i - 1] - spacing)
    return heights


def legend_values(scores: np.ndarray) -> np.ndarray:
    """The distinct scores at Yellowbrick's legend percentiles, largest first."""
    picked = np.percentile(scores, LEGEND_PERCENTILES, method="nearest")
    return np.unique(picked)[::-1]


def view_limits(
    points: np.ndarray, radius_in: float, width_in: float, height_in: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """x and y limits with equal units per inch that keep whole circles inside.

    Circles of up to ``radius_in`` inches around ``points`` fit in an Axes of
    ``width_in`` x ``height_in`` inches, with the same scale on both axes
    so that distances read the same in every direction.
    """
    low, high = points.min(axis=0), points.max(axis=0)
    span = np.maximum(high - low, 1e-12)
    room = np.maximum(np.array([width_in, height_in]) - 2.2 * radius_in, 0.2)
    per_inch = float(np.max(span / room))
    low = (low + high) / 2 - per_inch * np.array([width_in, height_in]) / 2
    high = low + per_inch * np.array([width_in, height_in])
    return (low[0], high[0]), (low[1], high[1])


def _lower_choice(*allowed: str) -> P.Param:
    """One of ``allowed``, in any case (Yellowbrick lower-cased these)."""

    def check(value: Any, name: str, viz: Any) -> None:
        if not (isinstance(value, str) and value.lower() in allowed):
            listed = ", ".join(repr(a) for a in allowed)
            raise VizkitValueError(
                f"{name}={plain(value)!r} is not supported; use one of {listed}."
            )

    return P.Param(check)


# -- the visualizer ------------------------------------------------------------------


@common_params
class InterclusterDistance(ClusteringScoreVisualizer):
    """Cluster centers embedded in 2-D, each a circle sized by its membership.

    Centers close on the map are close in feature space (with MDS, the
    default, the 2-D distances approximate the real ones); a circle's area
    grows with the number of rows of X in its cluster, read from the size
    legend. Circles may overlap on the map while the clusters do not overlap
    in feature space.

    Parameters
    ----------
    estimator : scikit-learn clusterer
        A clustering model with ``cluster_centers_`` once fitted (``KMeans``,
        ``MiniBatchKMeans``, ``BisectingKMeans``, ``MeanShift``,
        ``AffinityPropagation``, or a Pipeline ending in one). Fitted in place
        by ``fit`` unless already fitted (see ``is_fitted``).
    {common: ax}
    min_size : float, default=400
        Marker area (points squared) of the cluster with the lowest score.
    max_size : float, default=25000
        Marker area (points squared) of the cluster with the highest score.
        Areas in between grow with the square root of the score's place in
        that range, as in Yellowbrick: read sizes from the legend.
    embedding : {"mds", "tsne"}, default="mds"
        How the centers are embedded in 2-D: metric multidimensional scaling
        of their Euclidean distances, or t-SNE (perplexity lowered to
        ``n_centers - 1`` when there are fewer than 31 centers).
    scoring : {"membership"}, default="membership"
        What sizes the circles: the number of rows of X in each cluster.
    legend : bool, default=True
        Draw the size legend: circles of the sizes of the 25th, 50th and 75th
        percentile scores, labelled with those scores.
    legend_loc : str, default="lower left"
        Where the size legend goes, as matplotlib's ``loc`` ("upper right",
        "lower left", "center"...).
    legend_size : float, default=1.5
        Width and height of the size legend's box, in inches. Its circles
        are drawn at the size of the plot's, so large ones may extend past it.
    random_state : int, RandomState or None, default=None
        Seed of the embedding; None uses seed 0, so a plot is reproducible.
    {common: is_fitted, fig}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a clusterer.
    {common: title, size}
    color : color, default=None
        Colour of the circles; None gives Yellowbrick's blue.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        A copy of the model's cluster centers.
    embedded_centers_ : ndarray of shape (n_clusters, 2)
        Their 2-D positions on the map.
    scores_ : ndarray of shape (n_clusters,)
        Rows of X in each cluster (labels from ``labels_`` when the model was
        fitted here, else from ``predict(X)``).
    transformer_ : MDS or TSNE
        The fitted embedding.
    fit_time_ : float
        Seconds spent fitting the clustering model in ``fit`` (near 0 when it
        was already fitted).
    score_ : float
        What ``score`` returned last: the model's own score.
    lax_ : matplotlib Axes or None
        The size legend's inset Axes once drawn (also ``lax``).
    """

    _params = {
        "min_size": P.number(0, None, draw=True),
        "max_size": P.number(0, None, draw=True),
        "embedding": _lower_choice(*EMBEDDINGS),
        "scoring": _lower_choice(*SCORINGS),
        "legend": P.boolean(draw=True),
        "legend_loc": P.choice(*LEGEND_LOCATIONS, draw=True),
        "legend_size": P.number(0.1, None, draw=True),
        "random_state": P.random_state(),
        "color": P.color(),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        min_size=400,
        max_size=25000,
        embedding="mds",
        scoring="membership",
        legend=True,
        legend_loc="lower left",
        legend_size=1.5,
        random_state=None,
        is_fitted="auto",
        fig=None,
        force_model=False,
        title=None,
        size=None,
        color=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.min_size = min_size
        self.max_size = max_size
        self.embedding = embedding
        self.scoring = scoring
        self.legend = legend
        self.legend_loc = legend_loc
        self.legend_size = legend_size
        self.random_state = random_state
        self.is_fitted = is_fitted
        self.fig = fig
        self.force_model = force_model
        self.title = title
        self.size = size
        self.color = color

    @property
    def lax(self):
        """The size legend's Axes once drawn, else None (Yellowbrick's name)."""
        return self.__dict__.get("lax_")

    def _check_params_together(self) -> None:
        if self.min_size > self.max_size:
            raise VizkitValueError(
                f"min_size={self.min_size!r} is larger than max_size="
                f"{self.max_size!r}; pass min_size <= max_size."
            )

    # -- compute -----------------------------------------------------------------

    def _centers(self) -> np.ndarray:
        """The fitted model's ``cluster_centers_`` (of a Pipeline's last step)."""
        model = self.estimator
        if hasattr(model, "steps"):
            model = model.steps[-1][1]
        centers = getattr(model, "cluster_centers_", None)
        name = type(model).__name__
        if centers is None:
            raise ModelError(
                f"{name} has no cluster_centers_, which InterclusterDistance "
                "embeds; pass a centroid model such as KMeans, MiniBatchKMeans or "
                "MeanShift (for DBSCAN or AgglomerativeClustering use "
                "SilhouetteVisualizer or Dendrogram)."
            )
        centers = np.array(centers, dtype=float)
        if centers.ndim != 2 or len(centers) < 2:
            raise VizkitValueError(
                f"{name} has {len(centers)} cluster center(s), and a distance map "
                "needs at least 2; pass a model with n_clusters >= 2."
            )
        return centers

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed, embed its centers and count each cluster's rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to cluster.
        y : None
            Ignored; accepted for Pipeline compatibility.
        **kwargs
            Passed to the estimator's ``fit``.

        Returns
        -------
        self
        """
        self._check_clusterer()
        self._check_fit_data(X, y)  # X goes to the model as given
        start = time.perf_counter()
        fitted_on_X = self._fit_estimator(X, y, **kwargs)
        self.fit_time_ = time.perf_counter() - start
        centers = self._centers()
        labels = self._cluster_labels(X, fitted_on_X)
        self.cluster_centers_ = centers
        self.embedded_centers_, self.transformer_ = embed_centers(
            centers, self.embedding, self.random_state
        )
        self.scores_ = membership(labels, len(centers))
        return self

    # -- draw ----------------------------------------------------------------------

    def _colors(self) -> tuple[Any, Any]:
        """Translucent face and edge colours of the circles."""
        from matplotlib.colors import to_rgba

        color = CIRCLE_COLOR if self.color is None else self.color
        return to_rgba(color, 0.27), to_rgba(color, 0.6)

    def _axes_inches(self) -> tuple[float, float]:
        box = self.ax_.get_position()
        width, height = self.fig_.get_size_inches()
        return box.width * width, box.height * height

    def draw(self) -> None:
        """The circles, their cluster numbers, and limits that keep them whole."""
        areas = circle_areas(self.scores_, self.min_size, self.max_size)
        face, edge = self._colors()
        points = self.embedded_centers_
        self.circles_ = self.ax_.scatter(
            points[:, 0], points[:, 1], s=areas, c=[face], edgecolors=[edge],
            linewidths=1, zorder=2,
        )  # fmt: skip
        self.texts_ = [
            self.ax_.text(x, y, str(i), va="center", ha="center", fontweight="bold")
            for i, (x, y) in enumerate(points)
        ]
        radius_in = float(np.sqrt(areas.max())) / 2 / 72  # diameter = sqrt(s) pt
        xlim, ylim = view_limits(points, radius_in, *self._axes_inches())
        self.ax_.set_xlim(*xlim)
        self.ax_.set_ylim(*ylim)

    def finalize(self):
        """Title, the origin cross, axis labels and the size legend."""
        name = "" if self.estimator is None else f"{self.name} "
        method = self.embedding.upper()
        self.set_title(f"{name}Intercluster Distance Map (via {method})")
        self.ax_.set_xticks([0])
        self.ax_.set_yticks([0])
        self.ax_.set_xticklabels([])
        self.ax_.set_yticklabels([])
        self.ax_.grid(True, color="0.85", zorder=0)
        self.ax_.set_xlabel(f"{method} 1")
        self.ax_.set_ylabel(f"{method} 2")
        self.lax_ = self._size_legend() if self.legend else None
        return self.ax_

    def _legend_axes(self):
        """An invisible inset of ``legend_size`` inches whose data units are points."""
        from mpl_toolkits.axes_grid1.inset_locator import inset_axes

        lax = inset_axes(
            self.ax_, width=self.legend_size, height=self.legend_size,
            loc=self.legend_loc,
        )  # fmt: skip
        points = self.legend_size * 72
        lax.set_xlim(0, points)
        lax.set_ylim(0, points)
        lax.set_axis_off()
        return lax

    def _size_legend(self):
        """Nested circles at the plot's sizes, labelled by score, in an inset.

        The circles stand on the inset's bottom edge (hang from its top for an
        "upper" location) and sit on its outer side, labels towards the plot.
        """
        lax = self._legend_axes()
        points = self.legend_size * 72
        values = legend_values(self.scores_)
        limits = (float(self.scores_.min()), float(self.scores_.max()))
        areas = circle_areas(values, self.min_size, self.max_size, limits)
        radii = np.sqrt(areas) / 2  # a marker of area s has diameter sqrt(s)
        top = 2 * radii.max()
        base = points - top - LABEL_SPACING if "upper" in self.legend_loc else 0
        right = "right" in self.legend_loc
        center = points - top / 2 if right else top / 2
        label_x = center - top / 2 - 8 if right else center + top / 2 + 8
        align = "right" if right else "left"
        _, edge = self._colors()
        lax.scatter(
            np.full(len(radii), center), base + radii, s=areas, facecolors="none",
            edgecolors=[edge], linestyles="--", linewidths=1.5, clip_on=False,
        )  # fmt: skip
        heights = label_heights(base + 2 * radii, spacing=LABEL_SPACING)
        for value, radius, height in zip(values, radii, heights):
            lax.annotate(
                f"{plain(value):,}", (center, base + 2 * radius),
                xytext=(label_x, height), va="center", ha=align, fontsize="small",
                annotation_clip=False,
                arrowprops={"arrowstyle": "-", "color": edge, "lw": 0.8},
            )  # fmt: skip
        title_x = points if right else 0
        lax.text(title_x, base + top + 4, self.scoring, va="bottom", ha=align)
        return lax


ICDM = InterclusterDistance

intercluster_distance = declare(
    InterclusterDistance,
    kind=CLUSTER,
    quick="intercluster_distance",
    example=examples.blobs,
    aliases=("ICDM",),
)
