"""Principal component plots: the data projected on its first 2 or 3 components.

``PCA`` scales the data (optionally), fits scikit-learn's PCA and draws the
projected points coloured by the target, with optional feature arrows (a
biplot) and a heatmap of the components.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn import config_context
from sklearn.decomposition import PCA as PCATransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from vizkit import examples
from vizkit import params as P
from vizkit.draw import fit_tick_labels
from vizkit.exceptions import VizkitValueError
from vizkit.features.base import DEFAULT_SEQUENCE
from vizkit.features.projection import ProjectionVisualizer
from vizkit.registry import TRANSFORMER, declare
from vizkit.utils.docs import common_params
from vizkit.utils.validation import check_no_overflow

#: Colour of the feature arrows and their labels (Yellowbrick's red).
ARROW_COLOR = "r"
#: Size in inches of a figure vizkit creates for a PCA with its heatmap.
HEATMAP_FIGSIZE = (8.0, 9.0)
#: The fix for X too large for the variances PCA computes.
RESCALE_X = "divide X by a power of ten first (the principal components do not change)."
#: Biplot arrows shorter than this fraction of the longest get no name label.
BIPLOT_LABEL_MIN = 0.15


def pca_pipeline(scale: bool, n_components: int, random_state: Any = None) -> Pipeline:
    """Standardise (when ``scale``), then PCA onto ``n_components`` components.

    The steps are named "scale" and "pca" as Yellowbrick's ``pca_transformer``.
    The pipeline always outputs numpy arrays, whatever the global
    ``set_config(transform_output=...)``.
    """
    pipeline = Pipeline(
        [
            ("scale", StandardScaler() if scale else "passthrough"),
            ("pca", PCATransformer(n_components, random_state=random_state)),
        ]
    )
    return pipeline.set_output(transform="default")


def biplot_vectors(components: np.ndarray, embedding: np.ndarray) -> np.ndarray:
    """Tips of the feature arrows of a biplot, shape (n_features, n_dims).

    Each feature's loadings on the drawn components, scaled on each axis by the
    largest projected value along it, so the arrows span the points.
    """
    n_dims = embedding.shape[1]
    return components[:n_dims].T * embedding.max(axis=0)


def labelled_arrows(
    components: np.ndarray, n_dims: int, fraction: float = BIPLOT_LABEL_MIN
) -> np.ndarray:
    """Which features' biplot arrows are long enough to carry their name.

    Each axis of the biplot is scaled by the points' range, so an arrow's
    length on the picture follows the norm of the feature's loadings on the
    ``n_dims`` drawn components. Arrows shorter than ``fraction`` of the
    longest end near the origin, where their labels would pile up on top of
    each other; they are drawn but not named.

    Returns
    -------
    mask : ndarray of bool, shape (n_features,)
    """
    lengths = np.linalg.norm(components[:n_dims], axis=0)
    return lengths >= fraction * lengths.max()


@common_params
class PCA(ProjectionVisualizer):
    """Scatter plot of the data projected onto its first principal components.

    Parameters
    ----------
    ax : matplotlib Axes, default=None
        The axes to draw on. If None: the ``fig`` given, else pyplot's
        current Axes if it is still empty, else a new figure of the
        visualizer's own; for ``projection=3`` it must be a 3-D Axes
        (``fig.add_subplot(projection="3d")``).
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``.
    classes : list of str, default=None
        Names of the classes of a discrete target, in the order of the sorted
        class values (they label the legend). Must have one name per class.
    scale : bool, default=True
        Standardise each feature (zero mean, unit variance) before the PCA.
    projection : {2, 3, "2d", "3d"}, default=2
        The number of principal components to project onto and draw.
    proj_features : bool, default=False
        Draw each feature as an arrow from the origin along its loadings,
        scaled to the range of the points, with its name (a biplot). Arrows
        shorter than ``BIPLOT_LABEL_MIN`` (15%) of the longest are not named,
        so their names do not pile up on the origin; a corner note counts them.
    colors : color, list of colors or palette name, default=None
        One colour for all instances (no target), or colours per class,
        cycled if there are fewer colours than classes. For a continuous
        target a list of colours builds the colormap when ``colormap`` is None.
    colormap : str or matplotlib Colormap, default=None
        The colormap sampled for class colours (when ``colors`` is None), used
        for a continuous target and for the heatmap (default "RdBu").
    alpha : float, default=0.75
        Opacity of the points, from 0 (transparent) to 1 (opaque).
    random_state : int, RandomState instance or None, default=None
        Seed of scikit-learn's PCA solver (randomized solver on large wide
        data) and of the sample of points drawn in 3-D above the density
        threshold (None draws that sample with seed 0).
    colorbar : bool, default=True
        Draw a colorbar right of the plot for a continuous target.
    heatmap : bool, default=False
        Draw the components (rows PC1, PC2; one column per feature) as a
        heatmap with its colorbar under the scatter plot. 2-D only.
    target_type : {"auto", "single", "discrete", "continuous"}, default="auto"
        How the target is coloured. "auto" decides from y: classes for binary
        and multiclass targets of at most 12 classes, a colormap otherwise.
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Principal Component Plot".
    {common: size}
    color : any, default=None
        Accepted because Yellowbrick's docs pass it; ignored with a warning
        (colour by class with ``colors``).
    proj_dim : {2, 3}, default=None
        Yellowbrick's old name of ``projection``; used with a deprecation
        warning when given.

    Attributes
    ----------
    pca_transformer_ : sklearn Pipeline
        The fitted pipeline: steps "scale" (StandardScaler or "passthrough")
        and "pca" (sklearn.decomposition.PCA).
    pca_components_ : ndarray of shape (n_components, n_features)
        The principal axes (``components_`` of the fitted PCA).
    explained_variance_ : ndarray of shape (n_components,)
        Variance explained by each component.
    explained_variance_ratio_ : ndarray of shape (n_components,)
        Fraction of the total variance explained by each component.
    embedding_ : ndarray of shape (n_samples, n_components)
        The training data projected; ``fit_transform`` returns it.
    features_ : ndarray of str, shape (n_features,)
        The names of the columns of X.
    classes_ : ndarray of str, shape (n_classes,)
        The class labels of a discrete target.
    range_ : tuple of (min y, max y)
        The range of a continuous target.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from vizkit.features import PCA
    >>> X, y = load_iris(return_X_y=True)
    >>> visualizer = PCA(scale=True, classes=["setosa", "versicolor", "virginica"])
    >>> Xp = visualizer.fit_transform(X, y)
    >>> visualizer.show()  # doctest: +SKIP
    """

    _default_title = "Principal Component Plot"

    _params = {
        "scale": P.boolean(),
        "proj_features": P.boolean(draw=True),
        "random_state": P.anything(),
        "heatmap": P.boolean(draw=True),
        "color": P.ignored("colour the classes with colors= instead."),
        "proj_dim": P.renamed("projection"),
    }

    def __init__(
        self,
        ax=None,
        features=None,
        classes=None,
        scale=True,
        projection=2,
        proj_features=False,
        colors=None,
        colormap=None,
        alpha=0.75,
        random_state=None,
        colorbar=True,
        heatmap=False,
        target_type="auto",
        fig=None,
        title=None,
        size=None,
        color=None,
        proj_dim=None,
    ):
        self.ax = ax
        self.features = features
        self.classes = classes
        self.scale = scale
        self.projection = projection
        self.proj_features = proj_features
        self.colors = colors
        self.colormap = colormap
        self.alpha = alpha
        self.random_state = random_state
        self.colorbar = colorbar
        self.heatmap = heatmap
        self.target_type = target_type
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color
        self.proj_dim = proj_dim

    @property
    def pca_transformer(self) -> Pipeline:
        """Yellowbrick's ``pca_transformer``: the fitted pipeline once fitted."""
        fitted = getattr(self, "pca_transformer_", None)
        if fitted is not None:
            return fitted
        return pca_pipeline(self.scale, self._dims(), self.random_state)

    @property
    def lax(self):
        """The heatmap axes (Yellowbrick's ``lax``)."""
        return _drawn_axes(self, "lax_", "heatmap")

    @property
    def uax(self):
        """The heatmap colorbar axes (Yellowbrick's ``uax``)."""
        return _drawn_axes(self, "uax_", "heatmap colorbar")

    # -- compute -------------------------------------------------------------------

    def _projection(self):
        return self._alias("proj_dim", "projection")

    def _check_params_together(self) -> None:
        if self.heatmap and self._dims() == 3:
            raise VizkitValueError(
                "heatmap=True cannot be drawn with projection=3 (a 3-D plot "
                "has no room for it); use projection=2 or heatmap=False."
            )

    def _fit_projection(self, X: np.ndarray) -> np.ndarray:
        n_dims = self._dims()
        if min(X.shape) < n_dims:
            raise VizkitValueError(
                f"projection={self._projection()!r} needs at least {n_dims} samples "
                f"and {n_dims} features, but X has {X.shape[0]} sample(s) and "
                f"{X.shape[1]} feature(s); use fewer dimensions or more data."
            )
        check_no_overflow(X, "X", RESCALE_X)
        self.pca_transformer_ = pca_pipeline(self.scale, n_dims, self.random_state)
        with config_context(assume_finite=True):  # X was checked by check_X
            embedding = self.pca_transformer_.fit_transform(X)
        pca = self.pca_transformer_.named_steps["pca"]
        self.pca_components_ = pca.components_
        self.explained_variance_ = pca.explained_variance_
        self.explained_variance_ratio_ = pca.explained_variance_ratio_
        return embedding

    def _project(self, X: np.ndarray) -> np.ndarray:
        with config_context(assume_finite=True):
            return self.pca_transformer_.transform(X)

    # -- draw ----------------------------------------------------------------------

    def _wants_divider(self) -> bool:
        return super()._wants_divider() or bool(self.heatmap)

    def _draw_extras(self, divider) -> None:
        self.arrows_ = None
        self.arrow_labels_: list[Any] = []
        self.lax_, self.uax_, self.heatmap_ = None, None, None
        if self.proj_features:
            self._draw_biplot()
        if self.heatmap:
            if self._owns_figure and self.size is None:
                # Room for the scatter plus a heatmap with rotated feature names.
                self.fig_.set_size_inches(HEATMAP_FIGSIZE)
            self._draw_heatmap(divider)

    def _draw_biplot(self) -> None:
        tips = biplot_vectors(self.pca_components_, self.embedding_)
        ax, origin = self.ax_, np.zeros(len(tips))
        if tips.shape[1] == 2:
            self.arrows_ = ax.quiver(
                origin, origin, tips[:, 0], tips[:, 1], angles="xy",
                scale_units="xy", scale=1, color=ARROW_COLOR, width=0.005,
            )  # fmt: skip
            ax.update_datalim(np.vstack([tips * 1.05, [[0.0, 0.0]]]))
            ax.autoscale_view()
        else:
            self.arrows_ = ax.quiver(
                origin, origin, origin, tips[:, 0], tips[:, 1], tips[:, 2],
                color=ARROW_COLOR, arrow_length_ratio=0.1,
            )  # fmt: skip
        self._label_arrows(tips)

    def _label_arrows(self, tips: np.ndarray) -> None:
        """Name the arrows past a short length; say how many were left unnamed.

        Leaving the shortest arrows unnamed is the simplest fix that always
        works: their labels crowd the origin, and nudging them apart
        would move them away from the arrows they name. The heatmap shows
        every feature's loadings.
        """
        keep = labelled_arrows(self.pca_components_, tips.shape[1])
        self.arrow_labels_ = [
            self.ax_.text(*(tip * 1.05), str(name), color=ARROW_COLOR)
            for tip, name in zip(tips[keep], np.asarray(self.features_)[keep])
        ]
        if not keep.all():
            self.ax_.annotate(
                f"{int((~keep).sum())} short arrows not named", (0.01, 0.01),
                xycoords="axes fraction", ha="left", va="bottom",
                fontsize="x-small", color=ARROW_COLOR,
            )  # fmt: skip

    def _draw_heatmap(self, divider) -> None:
        components = self.pca_components_
        self.uax_ = divider.append_axes("bottom", size="5%", pad=0.55)
        self.lax_ = lax = divider.append_axes("bottom", size="15%", pad=0.4)
        limit = float(np.abs(components).max()) or 1.0
        self.heatmap_ = lax.imshow(
            components, interpolation="none", aspect="auto",
            cmap=self.colormap or DEFAULT_SEQUENCE, vmin=-limit, vmax=limit,
        )  # fmt: skip
        ticks = [-limit, 0.0, limit]  # the colour scale is symmetric about 0
        self.heatmap_colorbar_ = self.fig_.colorbar(
            self.heatmap_, cax=self.uax_, orientation="horizontal", ticks=ticks,
            format="%.2f",
        )  # fmt: skip

    def finalize(self):
        """Title, axis labels PC1/PC2(/PC3), legend and the heatmap's ticks."""
        super().finalize()
        labels = [f"PC{i + 1}" for i in range(self._dims())]
        self.ax_.set_xlabel(labels[0])
        self.ax_.set_ylabel(labels[1])
        if len(labels) == 3:
            self.ax_.set_zlabel(labels[2])
        if self.lax_ is not None:
            n_features = len(self.features_)
            self.lax_.set_xticks(np.arange(n_features), self.features_)
            self.lax_.set_yticks(np.arange(len(labels)), labels)
            fit_tick_labels(self.lax_, "x")
            if getattr(self, "_owns_figure", False):  # make room for the names
                self.fig_.tight_layout()
        return self.ax_


def _drawn_axes(viz: PCA, name: str, what: str):
    axes = getattr(viz, name, None)
    if axes is None:
        raise AttributeError(f"{type(viz).__name__} has drawn no {what} axes.")
    return axes


pca_decomposition = declare(
    PCA, kind=TRANSFORMER, quick="pca_decomposition", example=examples.features,
    aliases=("PCADecomposition",),
)  # fmt: skip
