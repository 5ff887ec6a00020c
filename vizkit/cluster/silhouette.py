"""Per-sample silhouette coefficients grouped by cluster, with their mean.

The silhouette of a sample compares its mean distance to the other members of
its cluster (``a``) with its mean distance to the members of the nearest other
cluster (``b``): ``(b - a) / max(a, b)``, from -1 (probably in the wrong
cluster) to 1 (well inside its own). Computing it takes the distances between
every pair of rows, O(n^2) time, so above ``sample`` rows the silhouettes are
computed on a seeded random sample of the rows, as
``sklearn.metrics.silhouette_score(..., sample_size=)`` does.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from scipy import sparse
from sklearn import config_context
from sklearn.metrics import silhouette_samples
from sklearn.utils import check_array

from vizkit import examples
from vizkit import params as P
from vizkit.cluster.base import ClusteringScoreVisualizer
from vizkit.exceptions import VizkitValueError
from vizkit.registry import CLUSTER, declare
from vizkit.style import resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.sampling import check_sample, sample_count, sample_rows
from vizkit.utils.validation import check_X, plain

__all__ = ["SilhouetteVisualizer", "silhouette_visualizer"]

#: Memory (MiB) of each block of the distance matrix scikit-learn computes at
#: once; its default (1 GiB) would hold a whole 10,000 x 10,000 matrix.
WORKING_MEMORY_MB = 64
#: The label scikit-learn's density-based clusterers give to noise.
NOISE = -1
#: Colour of the noise band (it is not a cluster).
NOISE_COLOR = "#999999"
#: Room above the top band, as a fraction of the bands' height, for the legend.
LEGEND_ROOM = 0.12


# -- computations (arrays in, arrays out) -----------------------------------------


def check_silhouette_labels(labels: np.ndarray, model: str) -> None:
    """The silhouette needs 2 to n_samples - 1 distinct labels."""
    found = np.unique(labels)
    if len(found) < 2:
        raise VizkitValueError(
            f"{model} put every row of X in one cluster (label {plain(found[0])!r}), "
            "and the silhouette is undefined for a single cluster; pass a clustering "
            "that finds at least 2 clusters in X (e.g. KMeans(n_clusters=2) or more)."
        )
    if len(found) >= len(labels):
        raise VizkitValueError(
            f"{model} gave each of the {len(labels)} rows of X its own cluster, and "
            "the silhouette needs fewer clusters than rows; pass more rows of X, a "
            "larger sample, or a clustering with fewer clusters."
        )


def silhouette_features(X: Any) -> Any:
    """X as floats for the distances: a dense array, or CSR for sparse input."""
    if sparse.issparse(X):
        return check_array(X, accept_sparse="csr", dtype=np.float64, input_name="X")
    return check_X(X, numeric=True)


def silhouette_values(X: Any, labels: np.ndarray) -> np.ndarray:
    """``sklearn.metrics.silhouette_samples(X, labels)`` in bounded memory.

    The distances are computed in blocks of ``WORKING_MEMORY_MB``, which
    changes neither the values nor the time.
    """
    with config_context(working_memory=WORKING_MEMORY_MB):
        return silhouette_samples(X, labels)


def band_positions(sizes: np.ndarray, gap: int) -> tuple[np.ndarray, np.ndarray]:
    """Bottom of each cluster's band and its middle (the tick), stacked upwards.

    Bands start at ``gap`` and are ``gap`` apart, as in Yellowbrick.
    """
    sizes = np.asarray(sizes, dtype=np.intp)
    bottoms = gap + np.concatenate([[0], np.cumsum(sizes + gap)[:-1]])
    return bottoms, bottoms + 0.5 * sizes


def band_gap(n_drawn: int) -> int:
    """Blank rows between two bands: Yellowbrick's 10, or 2% of many rows."""
    return max(10, n_drawn // 50)


# -- the visualizer ------------------------------------------------------------------


@common_params
class SilhouetteVisualizer(ClusteringScoreVisualizer):
    """The silhouette coefficient of every sample, grouped by cluster.

    Each cluster is a band of its samples' silhouettes, sorted; the dashed
    line is their mean (``silhouette_score_``). Wide bands reaching past the
    mean suggest cohesive, well separated clusters; bands that fall short of
    it, or samples below 0, suggest clusters that are too many, too few or
    overlapping. Comparing the plots of several ``n_clusters`` helps choose k.

    Labels come from the model: a model fitted here on X gives its
    ``labels_``; a prefit model labels X with ``predict``; a prefit model that
    cannot predict (DBSCAN, AgglomerativeClustering) must have been fitted on
    X itself. Noise (label -1 of DBSCAN or OPTICS) is kept as scikit-learn's
    ``silhouette_samples`` keeps it, as one more group, drawn grey and labelled
    "noise"; it is not counted in ``n_clusters_``.

    Parameters
    ----------
    estimator : scikit-learn clusterer
        The clustering model (``KMeans``, ``MiniBatchKMeans``, ``DBSCAN``,
        ``AgglomerativeClustering``...); it needs ``predict`` or ``labels_``,
        not ``n_clusters``. Fitted in place by ``fit`` unless already fitted
        (see ``is_fitted``).
    {common: ax}
    colors : color, list of colors or str, default=None
        Colours of the cluster bands, one per cluster (cycled if fewer): a
        list, a palette name ("yellowbrick", "Set1", "viridis"...) or one
        colour. None gives distinct colours from the current colour cycle.
    {common: is_fitted}
    sample : int, float, "auto" or None, default="auto"
        How many rows get a silhouette. An int is a number of rows, a float a
        fraction of them; with more rows than that, the silhouettes are those
        of a seeded random sample (drawn without replacement, kept in row
        order), computed among the sampled rows alone, as
        ``silhouette_score(sample_size=)`` does. "auto" is every row up to
        10,000 rows, else a sample of 10,000 (about 2 seconds); None is every
        row, whatever the time (O(n^2); memory stays small). The title says
        when the silhouettes are of a sample.
    random_state : int, RandomState or None, default=None
        Seed of the row sample; None uses seed 0, so a plot is reproducible.
    {common: fig}
    force_model : bool, default=False
        Skip the check that ``estimator`` is a clusterer.
    {common: title, size}
    colormap : str or list of colors, default=None
        Yellowbrick's other name for ``colors`` (deprecated): used as
        ``colors`` when given.

    Attributes
    ----------
    silhouette_samples_ : ndarray of shape (n_drawn,)
        The silhouette coefficient of each row, as
        ``sklearn.metrics.silhouette_samples`` computes it (on the sampled
        rows when sampled).
    silhouette_score_ : float
        Their mean: ``sklearn.metrics.silhouette_score`` of the same rows.
    labels_ : ndarray of shape (n_drawn,)
        The cluster label of each row of ``silhouette_samples_``.
    sample_indices_ : ndarray of shape (n_drawn,) or None
        The rows of X that were sampled, in increasing order; None when every
        row was used.
    n_samples_ : int
        Rows of X (all of them, sampled or not).
    n_clusters_ : int
        Clusters found among the labels (noise is not a cluster).
    y_tick_pos_ : ndarray of shape (n_groups,)
        Middle of each band on the y-axis, where its tick is.
    score_ : float
        What ``score`` returned last.

    Examples
    --------
    >>> from sklearn.cluster import KMeans
    >>> from vizkit.cluster import SilhouetteVisualizer
    >>> viz = SilhouetteVisualizer(KMeans(n_clusters=4, random_state=0))
    >>> viz.fit(X)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "colors": P.colors(),
        "sample": P.Param(check_sample),
        "random_state": P.random_state(),
        "colormap": P.renamed("colors", draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        colors=None,
        is_fitted="auto",
        sample="auto",
        random_state=None,
        fig=None,
        force_model=False,
        title=None,
        size=None,
        colormap=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.colors = colors
        self.is_fitted = is_fitted
        self.sample = sample
        self.random_state = random_state
        self.fig = fig
        self.force_model = force_model
        self.title = title
        self.size = size
        self.colormap = colormap

    # -- compute -----------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model if needed and compute the silhouettes of X's rows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to cluster: numeric, dense or sparse (the silhouettes are
            Euclidean distances in X).
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
        features = silhouette_features(X)
        fitted_on_X = self._fit_estimator(X, y, **kwargs)
        self._store(features, self._cluster_labels(X, fitted_on_X))
        return self

    def score(self, X, y=None):
        """The mean silhouette of the model's clustering of ``X`` (higher is better).

        The fitted model labels X (``predict``), the silhouettes of X's rows
        replace those computed by ``fit`` (so ``show()`` then draws X), and
        their mean is returned. A ``GridSearchCV`` over ``n_clusters`` thus
        picks the clustering with the best mean silhouette on held-out data.
        ``sample`` applies as in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data to label and score.
        y : None
            Ignored.

        Returns
        -------
        score_ : float
            ``silhouette_score_``, between -1 and 1.
        """
        self._check_estimator_fitted()
        labels = self._cluster_labels(X, fitted_on_X=False)
        self._store(silhouette_features(X), labels)
        self.score_ = self.silhouette_score_
        return self.score_

    def _store(self, X: Any, labels: np.ndarray) -> None:
        """Compute the silhouettes of (a sample of) the rows into ``*_``."""
        n_rows = len(labels)
        count = sample_count(n_rows, self.sample)
        indices = None
        if count < n_rows:
            indices = sample_rows(n_rows, count, self.random_state)
            X, labels = X[indices], labels[indices]
        check_silhouette_labels(labels, type(self.estimator).__name__)
        values = silhouette_values(X, labels)
        groups, sizes = np.unique(labels, return_counts=True)
        self.silhouette_samples_ = values
        self.silhouette_score_ = float(np.mean(values))
        self.labels_ = labels
        self.sample_indices_ = indices
        self.n_samples_ = n_rows
        self.n_clusters_ = int(np.sum(groups != NOISE))
        self.y_tick_pos_ = band_positions(sizes, band_gap(len(labels)))[1]

    # -- draw ----------------------------------------------------------------------

    def _groups(self) -> np.ndarray:
        return np.unique(self.labels_)

    def _band_colors(self, groups: np.ndarray) -> list[str]:
        """One colour per cluster from ``colors``; grey for noise."""
        is_noise = groups == NOISE
        palette = resolve_colors(
            max(int(np.sum(~is_noise)), 1), colors=self._alias("colormap", "colors")
        )
        cluster_colors = iter(palette)
        return [NOISE_COLOR if noise else next(cluster_colors) for noise in is_noise]

    def draw(self) -> None:
        """One filled band of sorted silhouettes per cluster, and the mean line."""
        groups, sizes = np.unique(self.labels_, return_counts=True)
        bottoms, _ = band_positions(sizes, band_gap(len(self.labels_)))
        self.bands_ = []
        for group, bottom, color in zip(groups, bottoms, self._band_colors(groups)):
            values = np.sort(self.silhouette_samples_[self.labels_ == group])
            rows = np.arange(bottom, bottom + len(values))
            self.bands_.append(
                self.ax_.fill_betweenx(
                    rows, 0, values, facecolor=color, edgecolor=color, alpha=0.5
                )
            )
        self.mean_line_ = self.ax_.axvline(
            x=self.silhouette_score_, color="red", linestyle="--",
            label=f"Average Silhouette Score = {self.silhouette_score_:.3f}",
        )  # fmt: skip

    def _title(self) -> str:
        name = "" if self.estimator is None else f"of {self.name} "
        n_drawn = len(self.labels_)
        if self.sample_indices_ is None:
            samples = f"{self.n_samples_:,}"
        else:
            samples = f"{n_drawn:,} of {self.n_samples_:,}"
        title = (
            f"Silhouette Plot {name}Clustering for {samples} Samples in "
            f"{self.n_clusters_} Centers"
        )
        if self.sample_indices_ is not None:
            seed = 0 if self.random_state is None else self.random_state
            shown = seed if isinstance(seed, numbers.Integral) else "RandomState"
            title += f"\n(a random sample of the rows, random_state={shown})"
        return title

    def finalize(self):
        """Title, axis limits and labels, cluster ticks and the legend."""
        self.set_title(self._title())
        values = self.silhouette_samples_
        low = max(-1, min(-0.1, round(float(values.min()) - 0.1, 1)))
        high = min(1, round(float(values.max()) + 0.1, 1))
        self.ax_.set_xlim(low, high)
        groups = self._groups()
        gap = band_gap(len(self.labels_))
        top = len(self.labels_) + (len(groups) + 1) * gap
        self.ax_.set_ylim(0, top * (1 + LEGEND_ROOM))
        self.ax_.set_xlabel("silhouette coefficient values")
        self.ax_.set_ylabel("cluster label")
        self.ax_.set_yticks(self.y_tick_pos_)
        self.ax_.set_yticklabels(
            ["noise" if g == NOISE else str(plain(g)) for g in groups]
        )
        from matplotlib.ticker import MultipleLocator

        step = 0.1 if high - low <= 1.1 else 0.2  # ticks that do not crowd
        self.ax_.xaxis.set_major_locator(MultipleLocator(step))
        self.legend_ = self.ax_.legend(loc="upper right", frameon=True)
        return self.ax_


silhouette_visualizer = declare(
    SilhouetteVisualizer,
    kind=CLUSTER,
    quick="silhouette_visualizer",
    example=examples.blobs,
)
