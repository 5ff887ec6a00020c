"""Explained variance: how many principal components keep how much of the data.

``ExplainedVariance`` scales the data (optionally), fits scikit-learn's PCA
and draws the cumulative fraction of the variance the first k components
explain, with the number of components that reaches a chosen ``threshold``
(95% by default) marked, and optionally each component's own share as bars.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn import config_context
from sklearn.pipeline import Pipeline

from vizkit import examples
from vizkit import params as P
from vizkit.exceptions import VizkitValueError
from vizkit.features.base import DEFAULT_SEQUENCE, FeatureVisualizer
from vizkit.features.pca import RESCALE_X, pca_pipeline
from vizkit.registry import TRANSFORMER, declare
from vizkit.style import get_colormap
from vizkit.utils.docs import common_params
from vizkit.utils.validation import (
    check_consistent_length,
    check_no_overflow,
    check_X,
)

#: Where the bars and the cumulative line sample ``colormap`` (0 to 1).
BAR_SHADE, LINE_SHADE = 0.75, 0.05
#: Above this many components the cumulative line is drawn without markers.
MAX_MARKERS = 50


def cumulative_ratio(ratio: np.ndarray) -> np.ndarray:
    """The fraction of the variance explained by the first 1, 2, ... components."""
    return np.cumsum(ratio)


def components_reaching(cumulative: np.ndarray, threshold: float | None) -> int | None:
    """The fewest components whose cumulative ratio passes ``threshold``.

    The rule of ``sklearn.decomposition.PCA(n_components=threshold)``: the
    first k whose cumulative ratio is greater than the threshold. A threshold
    equal (to rounding) to the last cumulative ratio counts as reached by all
    the components. None when the threshold is None or not reached.
    """
    if threshold is None or len(cumulative) == 0:
        return None
    count = int(np.searchsorted(cumulative, threshold, side="right")) + 1
    if count <= len(cumulative):
        return count
    return len(cumulative) if np.isclose(cumulative[-1], threshold) else None


@common_params
class ExplainedVariance(FeatureVisualizer):
    """Cumulative explained variance of a PCA, with the components for a threshold.

    The line rises from the share of the first component to the share of
    all the kept components; the dashed line marks ``threshold`` and the
    dotted one the fewest components reaching it (``n_components_``).

    Parameters
    ----------
    {common: ax}
    scale : bool, default=True
        Standardise each feature (zero mean, unit variance) before the PCA.
    center : bool, default=True
        Accepted as in Yellowbrick; it changes nothing, since scikit-learn's
        PCA centres the data itself.
    n_components : int, default=None
        Components the PCA keeps (and ``transform`` returns); None keeps
        ``min(n_samples, n_features)``.
    colormap : str or matplotlib Colormap, default="RdBu"
        The bars take its colour at 0.75, the cumulative line at 0.05.
    threshold : float, default=0.95
        The fraction of the variance to reach, from 0 to 1; None marks none.
    bars : bool, default=True
        Also draw each component's own explained variance ratio as a bar.
    random_state : int, RandomState instance or None, default=None
        Seed of scikit-learn's PCA solver (randomized on large wide data).
    {common: fig}
    title : str, default=None
        The title of the plot; None gives "Explained Variance Plot".
    {common: size}

    Attributes
    ----------
    pca_transformer_ : sklearn Pipeline
        The fitted pipeline: steps "scale" (StandardScaler or "passthrough")
        and "pca" (sklearn.decomposition.PCA).
    explained_variance_ : ndarray of shape (n_components,)
        Variance explained by each component (the PCA's).
    explained_variance_ratio_ : ndarray of shape (n_components,)
        Fraction of the total variance explained by each component.
    cumulative_variance_ratio_ : ndarray of shape (n_components,)
        Its cumulative sum: the fraction explained by the first k components.
    n_components_ : int or None
        The fewest components explaining more than ``threshold`` of the
        variance (as ``PCA(n_components=threshold).n_components_``); None if
        the kept components do not reach it or ``threshold`` is None.
    n_features_in_ : int
        The number of columns of X.

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> from vizkit.features import ExplainedVariance
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> viz = ExplainedVariance(threshold=0.9)
    >>> Xp = viz.fit_transform(X)  # the projection onto every component
    >>> viz.n_components_
    7
    >>> viz.show()  # doctest: +SKIP
    """

    _params = {
        "scale": P.boolean(),
        "center": P.boolean(),
        "n_components": P.number(1, integer=True, none=True),
        "colormap": P.colormap(),
        "threshold": P.number(0, 1, none=True),
        "bars": P.boolean(draw=True),
        "random_state": P.random_state(),
    }

    def __init__(
        self,
        ax=None,
        scale=True,
        center=True,
        n_components=None,
        colormap=DEFAULT_SEQUENCE,
        threshold=0.95,
        bars=True,
        random_state=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.ax = ax
        self.scale = scale
        self.center = center
        self.n_components = n_components
        self.colormap = colormap
        self.threshold = threshold
        self.bars = bars
        self.random_state = random_state
        self.fig = fig
        self.title = title
        self.size = size

    @property
    def pipeline(self) -> Pipeline:
        """Yellowbrick's ``pipeline``: the fitted one once fitted."""
        fitted = getattr(self, "pca_transformer_", None)
        if fitted is not None:
            return fitted
        return pca_pipeline(self.scale, self.n_components, self.random_state)

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None):
        """Fit the PCA and find the components reaching ``threshold``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars).
        y : array-like, default=None
            Ignored (it must have one value per row of X).

        Returns
        -------
        self
        """
        self._fit_projection(X, y)
        return self

    def fit_transform(self, X, y=None):
        """Fit, then return the training data projected on the components.

        Returns
        -------
        Xp : ndarray of shape (n_samples, n_components)
        """
        return self._fit_projection(X, y)

    def transform(self, X, y=None):
        """Project ``X`` on the fitted components (as Yellowbrick's transform).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data with the columns of the data given to ``fit``.
        y : array-like, default=None
            Ignored.

        Returns
        -------
        Xp : ndarray of shape (n_samples, n_components)
        """
        self._check_transform_input(X)
        with config_context(assume_finite=True):
            return self.pca_transformer_.transform(check_X(X, numeric=True))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the projected columns: pca0, pca1, ..."""
        self._check_fitted("get_feature_names_out")
        if input_features is not None:
            self._check_input_features(input_features)
        n_components = len(self.explained_variance_ratio_)
        return np.asarray([f"pca{i}" for i in range(n_components)], dtype=object)

    def _fit_projection(self, X, y) -> np.ndarray:
        X_array = check_X(X, numeric=True, min_samples=2)
        if y is not None:  # ignored, but a y of another length is a mistake
            check_consistent_length(X=X_array, y=y)
        self._record_input(X)
        self._check_n_components(X_array.shape)
        if np.ptp(X_array, axis=0).max() == 0:
            raise VizkitValueError(
                "every column of X is constant, so there is no variance to "
                "explain; pass data with at least one varying column."
            )
        check_no_overflow(X_array, "X", RESCALE_X)
        pipeline = pca_pipeline(self.scale, self.n_components, self.random_state)
        with config_context(assume_finite=True):  # X was checked by check_X
            projected = pipeline.fit_transform(X_array)
        pca = pipeline.named_steps["pca"]
        self.pca_transformer_ = pipeline
        self.explained_variance_ = pca.explained_variance_
        self.explained_variance_ratio_ = pca.explained_variance_ratio_
        self.cumulative_variance_ratio_ = cumulative_ratio(
            self.explained_variance_ratio_
        )
        self.n_components_ = components_reaching(
            self.cumulative_variance_ratio_, self.threshold
        )
        return projected

    def _check_n_components(self, shape: tuple[int, ...]) -> None:
        most = min(shape)
        if self.n_components is not None and self.n_components > most:
            raise VizkitValueError(
                f"n_components={self.n_components} is more than PCA can find in X "
                f"of shape {shape} (at most {most}); pass n_components <= {most} "
                "or None."
            )

    # -- draw ----------------------------------------------------------------------

    def draw(self) -> None:
        """The per-component bars, the cumulative line and the threshold marks."""
        cmap = get_colormap(self.colormap or DEFAULT_SEQUENCE)
        ratio = self.explained_variance_ratio_
        ks = np.arange(1, len(ratio) + 1)
        self.bars_ = None
        if self.bars:
            self.bars_ = self.ax_.bar(
                ks, ratio, color=cmap(BAR_SHADE), label="each component"
            )
        marker = "o" if len(ks) <= MAX_MARKERS else None
        (self.line_,) = self.ax_.plot(
            ks,
            self.cumulative_variance_ratio_,
            marker=marker,
            color=cmap(LINE_SHADE),
            label="cumulative",
        )
        self._draw_threshold()

    def _draw_threshold(self) -> None:
        self.threshold_lines_: list[Any] = []
        if self.threshold is None:
            return
        ax, count = self.ax_, self.n_components_
        self.threshold_lines_.append(
            ax.axhline(self.threshold, color="0.4", linestyle="--", linewidth=1,
                       label=f"{self.threshold:.0%} of the variance")
        )  # fmt: skip
        if count is None:
            note = f"{self.threshold:.0%} not reached by {len(self.line_.get_xdata())}"
            ax.annotate(
                f"{note} components", (0.98, 0.02), xycoords="axes fraction",
                ha="right", va="bottom", fontsize="small", color="0.3",
            )  # fmt: skip
            return
        self.threshold_lines_.append(
            ax.axvline(count, color="0.4", linestyle=":", linewidth=1)
        )
        ax.annotate(
            f"{count} component{'s' if count > 1 else ''}",
            (count, self.cumulative_variance_ratio_[count - 1]),
            xytext=(6, -14), textcoords="offset points", fontsize="small",
            color="0.2",
        )  # fmt: skip

    def finalize(self):
        """Title, axis labels, whole-number component ticks and the legend."""
        from matplotlib.ticker import MaxNLocator

        self.set_title("Explained Variance Plot")
        self.ax_.set_xlabel("Number of components")
        self.ax_.set_ylabel("Explained variance ratio")
        self.ax_.set_ylim(0, 1.05)
        self.ax_.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.legend_ = self.ax_.legend(loc="center right", frameon=True)
        return self.ax_


explained_variance_visualizer = declare(
    ExplainedVariance, kind=TRANSFORMER, quick="explained_variance_visualizer",
    example=examples.features,
)  # fmt: skip
