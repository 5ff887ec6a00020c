"""Manifold embeddings: the data drawn in 2 or 3 dimensions by a manifold learner.

``Manifold`` fits one of scikit-learn's manifold learners (LLE and its
variants, Isomap, MDS, spectral embedding, t-SNE), UMAP (umap-learn), or any
transformer with ``fit_transform``, and draws the embedded points coloured by
the target, with the fit time in the title.

Scale: MDS, t-SNE and Isomap cost grows with the square of the rows, so with
``sample="auto"`` ``fit`` embeds a seeded sample of at most :data:`AUTO_ROWS`
rows of X (the title says so). ``fit_transform`` must return one row per row
of X, so under "auto" it embeds every row; an explicit ``sample`` there is
projected with the fitted learner's ``transform``, or refused for learners
that cannot project new rows.
"""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
from sklearn.base import clone

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import (
    ModelError,
    VizkitError,
    VizkitValueError,
    VizkitWarning,
    prefix_message,
)
from vizkit.features._learners import (
    ALGORITHMS,
    MANIFOLD_NAMES,
    NEIGHBOR_ALGORITHMS,
    check_lle_features,
    check_neighbors,
    named_estimator,
)
from vizkit.features.base import _check_target_type
from vizkit.features.projection import ProjectionVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.docs import common_params
from vizkit.utils.sampling import check_sample, sample_count, sample_rows
from vizkit.utils.validation import plain

#: Rows that ``sample="auto"`` keeps in ``fit`` for the algorithms whose cost
#: grows with the square of the rows (a fit of a few seconds to a minute).
AUTO_ROWS = {"mds": 2_000, "tsne": 2_000, "isomap": 5_000}
#: Estimator classes treated as the named quadratic algorithms by "auto".
QUADRATIC_CLASSES = {"MDS": "mds", "TSNE": "tsne", "Isomap": "isomap"}
#: What to do instead of projecting new rows with a learner without transform.
NO_TRANSFORM_FIX = (
    "embed the data with fit_transform(X), or choose a manifold that projects "
    "new data: 'lle', 'ltsa', 'hessian', 'modified', 'isomap' or 'umap'."
)


# -- computations (arrays in, arrays out) -----------------------------------------


def algorithm_key(manifold: Any) -> str | None:
    """The algorithm name of a ``manifold`` option (None for other estimators)."""
    if isinstance(manifold, str):
        return manifold
    return QUADRATIC_CLASSES.get(type(manifold).__name__)


def n_components_of(estimator: Any) -> int | None:
    """The ``n_components`` parameter of an estimator, if it has an integer one."""
    value = estimator.get_params().get("n_components")
    return int(value) if isinstance(value, (int, np.integer)) else None


def fit_embedding(estimator: Any, X: np.ndarray) -> tuple[np.ndarray, float]:
    """Fit ``estimator`` on X; return the embedding and the seconds it took."""
    start = time.perf_counter()
    with _quiet_umap_deprecation():
        embedding = np.asarray(estimator.fit_transform(X), dtype=float)
    return embedding, time.perf_counter() - start


@contextlib.contextmanager
def _quiet_umap_deprecation() -> Iterator[None]:
    """Hide the rename warning scikit-learn 1.6 and 1.7 give old umap-learn.

    umap-learn releases before scikit-learn 1.6 pass ``force_all_finite`` on
    every call; the user can do nothing about it.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "'force_all_finite' was renamed", FutureWarning
        )
        yield


# -- parameter checks ---------------------------------------------------------------


def _manifold_param(value: Any, name: str, viz: Any) -> None:
    if isinstance(value, str) or not hasattr(value, "fit_transform"):
        if not (isinstance(value, str) and value in ALGORITHMS):
            listed = ", ".join(repr(a) for a in ALGORITHMS)
            raise VizkitValueError(
                f"{name}={plain(value)!r} is not a manifold; use one of {listed}, "
                "or an estimator with fit_transform (e.g. sklearn.manifold.TSNE())."
            )


def _n_neighbors_param(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        if value >= 1:
            return
    raise VizkitValueError(
        f"{name}={plain(value)!r} is not valid; pass a positive integer (the "
        "number of neighbours of each point), or None for the algorithm's default."
    )


@common_params
class Manifold(ProjectionVisualizer):
    """Scatter plot of the data embedded in 2 or 3 dimensions by manifold learning.

    Parameters
    ----------
    ax : matplotlib Axes, default=None
        The axes to draw on. If None: the ``fig`` given, else pyplot's
        current Axes if it is still empty, else a new figure of the
        visualizer's own; for ``projection=3`` it must be a 3-D Axes.
    manifold : str or estimator, default="lle"
        The algorithm: "lle", "ltsa", "hessian", "modified" (scikit-learn's
        ``LocallyLinearEmbedding`` methods), "isomap", "mds", "spectral",
        "tsne", "umap" (umap-learn's ``UMAP``), or any transformer with
        ``fit_transform`` (cloned, then fitted with its own parameters). Only
        LLE, Isomap, UMAP and other estimators with ``transform`` project new
        data.
    n_neighbors : int, default=None
        Neighbours of each point for the neighbour-based named algorithms
        (the LLE variants, "isomap", "spectral", "umap"). None uses 5 (Hessian
        LLE: the fewest it accepts) and UMAP's own 15. Not used otherwise.
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``.
    classes : list of str, default=None
        Names of the classes of a discrete target, in the order of the sorted
        class values (they label the legend). Must have one name per class.
    colors : color, list of colors or palette name, default=None
        One colour for all instances (no target), or colours per class,
        cycled if there are fewer colours than classes. For a continuous
        target a list of colours builds the colormap when ``colormap`` is None.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours (when ``colors`` is None) and
        used for a continuous target (default "RdBu", as Yellowbrick).
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        How the target is coloured. "auto" decides from y: classes for binary
        and multiclass targets of at most 12 classes, a colormap otherwise.
    projection : {2, 3, "2d", "3d"}, default=2
        The number of dimensions to embed into and draw. A named algorithm is
        built with as many components; an estimator must give at least as many.
    alpha : float, default=0.75
        Opacity of the points, from 0 (transparent) to 1 (opaque).
    random_state : int, RandomState instance or None, default=None
        Seed of the named algorithms and of the row sample (None samples with
        seed 0, so a sampled picture is reproducible).
    colorbar : bool, default=True
        Draw a colorbar right of the plot for a continuous target.
    sample : "auto", int, float or None, default="auto"
        Rows that ``fit`` embeds: a number of rows, a fraction of them, or None
        for all. "auto" keeps every row for most algorithms, and at most
        :data:`AUTO_ROWS` rows (MDS and t-SNE 2,000, Isomap 5,000) for those
        whose cost grows with the square of the rows. ``fit_transform`` embeds
        every row under "auto"; given a sample, it fits on the sample and
        returns ``transform(X)`` (an error for learners without ``transform``).
    {common: fig}
    title : str, default=None
        The title of the plot; None names the algorithm, its fit time and the
        sample, if any.
    {common: size}
    target : {"auto", "single", "discrete", "continuous"}, default=None
        Yellowbrick's old name of ``target_type``; used with a deprecation
        warning when given.

    Attributes
    ----------
    manifold_ : estimator
        The fitted manifold learner.
    embedding_ : ndarray of shape (n_embedded, n_components)
        The embedded rows (the sampled ones when sampled).
    fit_time_ : float
        Seconds the learner took to fit (Yellowbrick: a ``Timer``).
    sample_indices_ : ndarray of shape (n_embedded,) or None
        The rows of X that were embedded, in increasing order; None when
        every row was.
    n_samples_ : int
        Rows of X, sampled or not.
    features_, classes_, range_, colors_, cmap_, target_color_type_
        As for :class:`~vizkit.features.base.DataVisualizer`.

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> from vizkit.features import Manifold
    >>> X, y = load_digits(return_X_y=True)
    >>> viz = Manifold(manifold="tsne", random_state=0)
    >>> viz.fit(X, y)  # doctest: +SKIP
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "manifold": P.Param(_manifold_param),
        "n_neighbors": P.Param(_n_neighbors_param),
        "random_state": P.random_state(),
        "sample": P.Param(check_sample),
        "target": P.renamed("target_type"),
    }

    def __init__(
        self,
        ax=None,
        manifold="lle",
        n_neighbors=None,
        features=None,
        classes=None,
        colors=None,
        colormap=None,
        target_type="auto",
        projection=2,
        alpha=0.75,
        random_state=None,
        colorbar=True,
        sample="auto",
        fig=None,
        title=None,
        size=None,
        target=None,
    ):
        self.ax = ax
        self.manifold = manifold
        self.n_neighbors = n_neighbors
        self.features = features
        self.classes = classes
        self.colors = colors
        self.colormap = colormap
        self.target_type = target_type
        self.projection = projection
        self.alpha = alpha
        self.random_state = random_state
        self.colorbar = colorbar
        self.sample = sample
        self.fig = fig
        self.title = title
        self.size = size
        self.target = target

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None):
        """Embed X (or its sample) into ``embedding_``; the target colours it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars).
        y : array-like of shape (n_samples,), default=None
            The target that colours the points.

        Returns
        -------
        self
        """
        self._fit_rows(X, y, returning=False)
        return self

    def fit_transform(self, X, y=None):
        """Fit, then return the embedding of every row of X.

        Under ``sample="auto"`` every row is embedded. With a sample, the
        learner is fitted on it and projects every row with ``transform``;
        learners without ``transform`` (t-SNE, MDS, spectral) cannot, so that
        raises before fitting.

        Returns
        -------
        Xp : ndarray of shape (n_samples, n_components)
        """
        X_array = self._fit_rows(X, y, returning=True)
        if self.sample_indices_ is None:
            return self.embedding_.copy()
        return self._project(X_array)

    def transform(self, X, y=None):
        """Project new rows with the fitted learner's ``transform``.

        t-SNE, MDS and spectral embedding cannot project new data (they have
        no ``transform``): that raises a ``ModelError``, as in Yellowbrick.

        Returns
        -------
        Xp : ndarray of shape (n_samples, n_components)
        """
        return super().transform(X, y)

    def _fit_rows(self, X, y, returning: bool) -> np.ndarray:
        """Validate, sample, fit the learner; return X as a float array."""
        X_array, y_array = self._fit_data(X, y)
        if self.target is not None:  # Yellowbrick's old spelling of target_type
            self._fit_target(y_array, _check_target_type(self.target))
        estimator = self._new_estimator()
        n_rows = len(X_array)
        count = self._sample_count(n_rows, returning)
        if returning and count < n_rows and not hasattr(estimator, "transform"):
            raise VizkitValueError(
                f"fit_transform cannot return one row per row of X: sample="
                f"{plain(self.sample)!r} embeds {count:,} of its {n_rows:,} rows, "
                f"and {self._name()} cannot project the others. Use fit(X, y) "
                "then show() to draw the sample, or sample=None to embed every row."
            )
        indices = None
        if count < n_rows:
            indices = sample_rows(n_rows, count, self.random_state)
        self._embed(estimator, X_array if indices is None else X_array[indices])
        self.sample_indices_ = indices
        self.n_samples_ = n_rows
        if indices is not None and self._color_values is not None:
            self._color_values = self._color_values[indices]
        return X_array

    def _sample_count(self, n_rows: int, returning: bool) -> int:
        """Rows to embed: all under "auto" when they are returned, else the sample."""
        if not (isinstance(self.sample, str) and self.sample == "auto"):
            return sample_count(n_rows, self.sample)
        limit = AUTO_ROWS.get(algorithm_key(self.manifold) or "")
        if limit is None or n_rows <= limit:
            return n_rows
        if returning:
            warnings.warn(
                f"embedding all {n_rows:,} rows with {self._name()}, whose cost "
                f"grows with the square of the rows, may take long; fit(X, y) "
                f"draws a {limit:,}-row sample, or pass sample=.",
                VizkitWarning,
                stacklevel=4,
            )
            return n_rows
        return limit

    def _new_estimator(self):
        """The unfitted learner: built from a name, or a clone of the estimator."""
        n_dims = self._dims()
        if isinstance(self.manifold, str):
            return named_estimator(
                self.manifold, n_dims, self.n_neighbors, self.random_state
            )
        estimator = clone(self.manifold)
        n_components = n_components_of(estimator)
        if n_components is not None and n_components < n_dims:
            self._refuse_components(n_components)
        return estimator

    def _refuse_components(self, n_components: int) -> None:
        n_dims = self._dims()
        raise VizkitValueError(
            f"manifold {self._name()} gives {n_components} component(s), but "
            f"projection={plain(self._projection())!r} draws {n_dims}; pass an "
            f"estimator with n_components={n_dims}, or projection=2."
        )

    def _embed(self, estimator: Any, X: np.ndarray) -> None:
        """Fit ``estimator`` on X into ``manifold_``, ``embedding_``, ``fit_time_``."""
        name = algorithm_key(self.manifold)
        n_neighbors = estimator.get_params().get("n_neighbors")
        if name in NEIGHBOR_ALGORITHMS + ("umap",) and n_neighbors is not None:
            check_neighbors(name, int(n_neighbors), len(X), self._dims())
        check_lle_features(name or "", X.shape[1], self._dims())
        try:
            embedding, seconds = fit_embedding(estimator, X)
        except VizkitError:
            raise
        except Exception as error:
            prefix_message(error, f"{type(self).__name__}: {self._name()} fit")
            raise
        if embedding.ndim != 2 or embedding.shape[1] < self._dims():
            self._refuse_components(embedding.shape[1] if embedding.ndim == 2 else 1)
        if not np.isfinite(embedding).all():
            raise VizkitValueError(
                f"{self._name()} embedded X into NaN or infinite values; scale X "
                "first (e.g. StandardScaler), or try another manifold."
            )
        self.manifold_, self.embedding_, self.fit_time_ = estimator, embedding, seconds

    def _project(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self.manifold_, "transform"):
            raise ModelError(
                f"{self._name()} ({type(self.manifold_).__name__}) cannot project "
                f"new data: it has no transform; {NO_TRANSFORM_FIX}"
            )
        with _quiet_umap_deprecation():
            return np.asarray(self.manifold_.transform(X), dtype=float)

    def _name(self) -> str:
        """The algorithm's name in titles and messages."""
        if isinstance(self.manifold, str):
            return MANIFOLD_NAMES.get(self.manifold, self.manifold)
        return type(self.manifold).__name__

    # -- draw ----------------------------------------------------------------------

    def _title(self) -> str:
        title = f"{self._name()} Manifold (fit in {self.fit_time_:0.2f} seconds)"
        if self.sample_indices_ is not None:
            title += (
                f"\nof a {len(self.sample_indices_):,}-row sample of "
                f"{self.n_samples_:,} rows"
            )
        return title

    def finalize(self):
        """Title with the fit time (and sample), feature count, legend."""
        super().finalize()
        self.set_title(self._title())
        self.ax_.set_xlabel(f"Using {len(self.features_)} features")
        return self.ax_


manifold_embedding = declare(
    Manifold, kind=TRANSFORMER, quick="manifold_embedding", example=examples.features
)
