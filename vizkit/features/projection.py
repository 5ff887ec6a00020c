"""Projections of the data onto 2 or 3 dimensions, drawn as a scatter.

``ProjectionVisualizer`` is the base of PCA (and Manifold): ``fit`` computes
the projection of the training data once (``embedding_``), ``transform``
projects new data, and drawing colours the projected points by the target.

Scale: in 2-D the points are one ``PathCollection``, or a binned density
image above :data:`vizkit.draw.DENSITY_THRESHOLD` rows (same axes, colours and
legend). In 3-D, above that threshold a seeded random sample of at most
:data:`MAX_POINTS_3D` points is drawn as one rasterised scatter, and the
figure says so.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from vizkit import draw as vdraw
from vizkit import params as P
from vizkit.exceptions import VizkitValueError
from vizkit.features.base import DataVisualizer
from vizkit.utils.docs import common_params
from vizkit.utils.sampling import sample_rows
from vizkit.utils.target import TargetType
from vizkit.utils.validation import check_option

#: The ``projection`` options.
PROJECTIONS = (2, 3, "2d", "3d", "2D", "3D")
#: Most points a 3-D scatter draws once the data exceed DENSITY_THRESHOLD rows.
MAX_POINTS_3D = 20_000


def projection_dims(projection: Any) -> int:
    """The number of dimensions, 2 or 3, of a ``projection`` option."""
    if isinstance(projection, numbers.Integral) and not isinstance(projection, bool):
        projection = int(projection)  # numpy integers from parameter grids
    check_option(projection, "projection", PROJECTIONS)
    return int(str(projection)[0])


def _projection_param(value: Any, name: str, viz: Any) -> None:
    projection_dims(value)


@common_params
class ProjectionVisualizer(DataVisualizer):
    """Base class of visualizers that project the data to 2 or 3 dimensions.

    Subclasses implement ``_fit_projection(X)`` (fit and return the projected
    training data) and ``_project(X)`` (project new data).

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
        The number of dimensions to project onto and draw.
    alpha : float, default=0.75
        Opacity of the points, from 0 (transparent) to 1 (opaque).
    colorbar : bool, default=True
        Draw a colorbar right of the plot for a continuous target.
    {common: fig, title, size}

    Attributes
    ----------
    embedding_ : ndarray of shape (n_samples, n_dims)
        The training data projected onto ``projection`` dimensions.
    features_, classes_, range_, colors_, cmap_, target_color_type_
        As for :class:`~vizkit.features.base.DataVisualizer`.
    scatter_ : matplotlib artist
        The drawn points: a ``PathCollection``, an ``AxesImage`` (density
        image) or a 3-D ``Path3DCollection``.
    colorbar_ : matplotlib Colorbar or None
        The colorbar of a continuous target.
    """

    #: Title when ``title`` is None.
    _default_title: str | None = None

    _params = {
        "projection": P.Param(_projection_param),
        "alpha": P.number(0, 1, draw=True),
        "colorbar": P.boolean(draw=True),
    }

    def __init__(
        self,
        ax=None,
        features=None,
        classes=None,
        colors=None,
        colormap=None,
        target_type="auto",
        projection=2,
        alpha=0.75,
        colorbar=True,
        fig=None,
        title=None,
        size=None,
    ):
        self.ax = ax
        self.features = features
        self.classes = classes
        self.colors = colors
        self.colormap = colormap
        self.target_type = target_type
        self.projection = projection
        self.alpha = alpha
        self.colorbar = colorbar
        self.fig = fig
        self.title = title
        self.size = size

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None):
        """Fit the projection and project the training data into ``embedding_``.

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
        X_array, _ = self._fit_data(X, y)
        self.embedding_ = self._fit_projection(X_array)
        return self

    def fit_transform(self, X, y=None):
        """Fit, then return the projected training data (computed once).

        Returns
        -------
        Xp : ndarray of shape (n_samples, n_dims)
        """
        return self.fit(X, y).embedding_.copy()

    def transform(self, X, y=None):
        """Project ``X`` with the fitted projection.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Data with the columns of the data given to ``fit``.
        y : array-like, default=None
            Ignored; accepted as Yellowbrick's ``transform(X, y)``.

        Returns
        -------
        Xp : ndarray of shape (n_samples, n_dims)
        """
        return self._project(self._check_new_data(X))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the projected columns: the class name and an index (pca0...)."""
        self._check_fitted("get_feature_names_out")
        if input_features is not None:
            self._check_input_features(input_features)
        prefix = type(self).__name__.lower()
        n_dims = self.embedding_.shape[1]
        return np.asarray([f"{prefix}{i}" for i in range(n_dims)], dtype=object)

    def _dims(self) -> int:
        return projection_dims(self._projection())

    def _projection(self):
        """The ``projection`` parameter (subclasses may accept other spellings)."""
        return self.projection

    def _fit_projection(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} must implement fitting.")

    def _project(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} must implement projecting.")

    # -- draw ----------------------------------------------------------------------

    @property
    def cax(self):
        """The colorbar axes (Yellowbrick's ``cax``)."""
        cax = getattr(self, "cax_", None)
        if cax is None:
            raise AttributeError(f"{type(self).__name__} has drawn no colorbar axes.")
        return cax

    def _subplot_kw(self) -> dict[str, Any]:
        return {"projection": "3d"} if self._dims() == 3 else {}

    def draw(self) -> None:
        """Draw the projected points, the colorbar and any subclass extras."""
        self.cax_, self.colorbar_ = None, None
        divider = None
        if self._dims() == 2 and self._wants_divider():
            from mpl_toolkits.axes_grid1 import make_axes_locatable

            divider = make_axes_locatable(self.ax_)
        if self._dims() == 3:
            self.scatter_ = self._scatter_3d()
        else:
            self.scatter_ = self._scatter_2d()
        if self._has_colorbar():
            self._draw_colorbar(divider)
        self._draw_extras(divider)

    def finalize(self):
        """Title, hidden tick labels (as Yellowbrick) and the class legend."""
        self.set_title(self._default_title)
        from matplotlib.ticker import NullFormatter

        axes = [self.ax_.xaxis, self.ax_.yaxis]
        if self._dims() == 3:
            axes.append(self.ax_.zaxis)
        for axis in axes:
            axis.set_major_formatter(NullFormatter())
        self.legend_ = None
        if self.target_color_type_ == TargetType.DISCRETE:
            self.legend_ = vdraw.manual_legend(self.ax_, self.classes_, self.colors_)
        return self.ax_

    def _wants_divider(self) -> bool:
        """Whether 2-D drawing appends axes next to the plot."""
        return self._has_colorbar()

    def _has_colorbar(self) -> bool:
        return bool(self.colorbar) and self.target_color_type_ == TargetType.CONTINUOUS

    def _draw_extras(self, divider) -> None:
        """Hook for subclasses: more artists after the points."""

    def _norm(self):
        from matplotlib.colors import Normalize

        return Normalize(*self.range_)

    def _codes(self, n_points: int) -> np.ndarray:
        if self._color_values is None:
            return np.zeros(n_points, dtype=np.intp)
        return self._color_values

    def _scatter_2d(self):
        x, y = self.embedding_[:, 0], self.embedding_[:, 1]
        threshold = vdraw.DENSITY_THRESHOLD
        if self.target_color_type_ == TargetType.CONTINUOUS:
            return vdraw.scatter_values(
                self.ax_, x, y, self._color_values, cmap=self.cmap_,
                norm=self._norm(), alpha=self.alpha, density_threshold=threshold,
            )  # fmt: skip
        return vdraw.scatter_classes(
            self.ax_, x, y, self._codes(len(x)), self.colors_, alpha=self.alpha,
            density_threshold=threshold,
        )  # fmt: skip

    def _scatter_3d(self):
        if getattr(self.ax_, "name", None) != "3d":
            raise VizkitValueError(
                "ax is a 2-D Axes but projection=3 draws in 3-D; pass "
                "ax=fig.add_subplot(projection='3d'), or leave ax=None."
            )
        points, values = self.embedding_, self._color_values
        sampled = len(points) > vdraw.DENSITY_THRESHOLD
        if sampled:
            n_draw = min(vdraw.DENSITY_THRESHOLD, MAX_POINTS_3D)
            index = sample_rows(
                len(points), n_draw, getattr(self, "random_state", None)
            )
            self._note_sample(n_draw, len(points))
            points = points[index]
            values = None if values is None else values[index]
        if self.target_color_type_ == TargetType.CONTINUOUS:
            color = {"c": values, "cmap": self.cmap_, "norm": self._norm()}
        else:
            from matplotlib.colors import to_rgba_array

            codes = np.zeros(len(points), np.intp) if values is None else values
            color = {"c": to_rgba_array(self.colors_)[codes]}
        return self.ax_.scatter(
            points[:, 0], points[:, 1], points[:, 2], alpha=self.alpha,
            rasterized=sampled, **color,
        )  # fmt: skip

    def _note_sample(self, n_drawn: int, n_points: int) -> None:
        self.ax_.text2D(
            0.99, 0.01, f"random sample of {n_drawn:,} of {n_points:,} points",
            transform=self.ax_.transAxes, ha="right", va="bottom",
            fontsize="x-small", color="0.4",
        )  # fmt: skip

    def _draw_colorbar(self, divider) -> None:
        if divider is not None:
            self.cax_ = divider.append_axes("right", size="5%", pad=0.3)
            self.colorbar_ = self.fig_.colorbar(self.scatter_, cax=self.cax_)
        else:  # 3-D axes cannot be divided: the colorbar takes room from ax
            self.colorbar_ = colorbar = self.fig_.colorbar(self.scatter_, ax=self.ax_)
            self.cax_ = colorbar.ax
