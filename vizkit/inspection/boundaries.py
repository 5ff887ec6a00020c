"""Where a model changes its mind: its predictions over a plane of the feature space.

:class:`DecisionBoundaries` asks the model for its prediction at every point
of a grid over a plane and paints the plane by the predicted class (or the
predicted value), lighter where the model is less sure, with a line where the
class changes and the training points on top. The plane is one of:

- the model's own two features, when it was fitted on exactly two: the plain
  decision boundary, as ``sklearn.inspection.DecisionBoundaryDisplay`` draws
  it (the same grid, the same predictions; see the class's ``eps``);
- two chosen ``features`` of a wider model: the grid varies those two and
  holds every other feature at its training median, so the picture is a
  slice of the model through the median point, not the whole model;
- a 2-D PCA projection of X (``features=None`` with more than two
  features): the grid is laid out in the plane of the first two principal
  components and mapped back to the features with ``inverse_transform``
  (the points of the plane, i.e. the training mean plus a combination of the
  two components), so again a slice, through the mean along the plane that
  spreads the data most. For a Pipeline the plane is laid in its model's
  input (what the steps before the model make of X, so a scaler in it
  scales the projection too) and the grid goes to its last step.

The grid is predicted in one call per response method (``predict``, then
``predict_proba`` or ``decision_function`` for the shading), so
``grid_resolution=100`` costs two model calls on 10,000 rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import is_classifier

from vizkit import examples
from vizkit import params as P
from vizkit.base import ModelScoredVisualizer
from vizkit.draw import manual_legend, scatter_classes, scatter_values
from vizkit.exceptions import ModelError, VizkitError, VizkitValueError, prefix_message
from vizkit.registry import MODEL, declare
from vizkit.style import LINE_COLOR, get_colormap, resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import column_index, feature_names
from vizkit.utils.labels import index_of
from vizkit.utils.validation import check_no_overflow, check_X, plain

#: The response methods that shade the plane, in the order "auto" tries them.
SHADING_METHODS = ("predict_proba", "decision_function")
RESPONSE_METHODS = ("auto", *SHADING_METHODS, "predict")
PROJECTIONS = ("pca",)
#: The margin around the data on each side, as a share of its range (eps=None).
MARGIN = 0.05
#: Lightest (least sure) and strongest (surest) share of the class colour.
LIGHTEST, STRONGEST = 0.12, 0.7
#: The colormap of a regressor's predictions when ``colormap`` is None.
VALUE_CMAP = "viridis"
#: Marker area of the training points (points^2).
POINT_SIZE = 16

# -- computations (arrays in, arrays out) -------------------------------------------


def feature_positions(features: Any, names: np.ndarray) -> np.ndarray:
    """The column indices of two ``features`` (names or indices), checked."""
    positions = np.array([column_index(f, names) for f in features], np.intp)
    if positions[0] == positions[1]:
        raise VizkitValueError(
            f"features={plain(list(features))!r} names feature "
            f"{names[positions[0]]!r} twice; pass two different features."
        )
    return positions


def numeric_matrix(data: Any) -> Any:
    """``data`` as a finite float matrix (sparse stays sparse), or a vizkit error."""
    if sparse.issparse(data):
        matrix = data.tocsr()
        if not np.all(np.isfinite(matrix.data)):
            raise VizkitValueError(
                "X contains NaN or infinity; impute or drop them first, e.g. with "
                "sklearn.impute.SimpleImputer."
            )
        return matrix
    matrix = check_X(data, numeric=True)
    return check_no_overflow(matrix, "X", "scale it down first.")


def pipeline_input(model: Any, X: Any) -> tuple[Any, Any]:
    """What a Pipeline's steps before its model make of X, and their names.

    (None, None) for a model that is no Pipeline of two steps or more, or
    whose steps do not give finite numbers.
    """
    steps = getattr(model, "steps", None)
    if not steps or len(steps) < 2:
        return None, None
    head = model[:-1]
    transformed = head.transform(X)
    try:
        names = head.get_feature_names_out()
    except (AttributeError, TypeError, ValueError):  # a step that cannot name
        names = None
    try:
        matrix = numeric_matrix(transformed)
    except VizkitError:
        return None, None
    return matrix, feature_names(transformed, names, matrix.shape[1])


def fit_pca(X: Any):
    """A two-component PCA fitted on X (the plane that spreads X most)."""
    from sklearn.decomposition import PCA

    return PCA(n_components=2).fit(X)


def plane_grid(
    points: np.ndarray, resolution: int, eps: float | None = None
) -> np.ndarray:
    """A ``resolution x resolution`` grid over the points' range, with margins.

    ``eps`` is the margin in data units on every side (scikit-learn's
    ``DecisionBoundaryDisplay`` uses 1.0); None takes ``MARGIN`` of each
    axis's range. Returns ``np.stack(np.meshgrid(x, y))``, shape
    (2, resolution, resolution): rows follow the second axis.
    """
    axes = []
    for values in points.T:
        low, high = float(values.min()), float(values.max())
        pad = MARGIN * (high - low) if eps is None else eps
        if high - low + 2 * pad <= 0:  # a constant axis: a unit-wide strip
            pad = 0.5
        axes.append(np.linspace(low - pad, high + pad, resolution))
    return np.stack(np.meshgrid(*axes))


def grid_rows(grid: np.ndarray, fixed: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The model inputs of the grid's points: ``fixed`` with two columns varied."""
    rows = np.tile(fixed, (grid[0].size, 1))
    rows[:, positions[0]] = grid[0].ravel()
    rows[:, positions[1]] = grid[1].ravel()
    return rows


def confidence_of(scores: np.ndarray, method: str) -> np.ndarray:
    """How sure the model is at each point, from 0 (a tie) to 1 (surest).

    ``predict_proba``: the top probability, rescaled from its floor ``1/K``
    (a tie of the K classes) to 1. ``decision_function``: the margin between
    the top two scores (the absolute score of a binary model), divided by
    its largest value over the grid, as such scores have no fixed scale.
    """
    scores = np.asarray(scores, dtype=np.float64)
    if method == "predict_proba":
        floor = 1.0 / scores.shape[1]
        return np.clip((scores.max(axis=1) - floor) / (1 - floor), 0, 1)
    if scores.ndim == 1:
        margin = np.abs(scores)
    else:
        top_two = np.sort(scores, axis=1)[:, -2:]
        margin = top_two[:, 1] - top_two[:, 0]
    top = float(margin.max())
    return margin / top if top > 0 else np.ones_like(margin)


def shaded_colors(
    codes: np.ndarray, confidence: np.ndarray | None, colors: list[str]
) -> np.ndarray:
    """RGBA per point: its class colour mixed with white, stronger where surer."""
    from matplotlib.colors import to_rgba_array

    rgb = to_rgba_array(colors)[codes, :3]
    strength = STRONGEST if confidence is None else (
        LIGHTEST + (STRONGEST - LIGHTEST) * confidence
    )  # fmt: skip
    strength = np.broadcast_to(strength, codes.shape)[..., None]
    mixed = 1.0 - strength * (1.0 - rgb)
    return np.concatenate([mixed, np.ones(codes.shape + (1,))], axis=-1)


# -- parameter checks ---------------------------------------------------------------


def _check_features(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
        raise VizkitValueError(
            f"{name}={plain(value)!r} is not valid; pass two feature names or "
            "column indices, e.g. features=['alcohol', 'proline'] or [0, 3], or "
            "None for the model's two features or a PCA projection."
        )


# -- the visualizer ------------------------------------------------------------------


@common_params
class DecisionBoundaries(ModelScoredVisualizer):
    """A model's predictions over a plane of its features, with the training points.

    The plane is painted by the predicted class, in the class colours,
    lighter where the model is less sure (its top probability, or its
    decision function's margin), with a line where the predicted class
    changes; a regressor's plane is painted by its predicted value. The
    training points are drawn on top in the colour of their class (or
    value). The plane is the model's two features (the plain decision
    boundary), two chosen ``features`` with every other feature held at its
    training median, or, with ``features=None`` and more than two features,
    the plane of the first two principal components of the model's input
    (X, or for a Pipeline what its steps before the model make of X),
    mapped back through ``PCA.inverse_transform``. The last two are slices
    of the model through one point, and the title says which.

    Parameters
    ----------
    estimator : scikit-learn estimator
        Any classifier or regressor with ``predict``, fitted or not.
    {common: ax}
    features : list of two str or int, default=None
        The two features the plane varies, by name or column index; the
        others are held at their training median. None: the model's two
        features, or a PCA projection when X has more than two.
    projection : {"pca"}, default="pca"
        The projection used when ``features`` is None and X has more than two
        features.
    grid_resolution : int, default=100
        The number of grid points along each axis.
    eps : float, default=None
        The margin around the points on each side, in data units (scikit-learn's
        ``DecisionBoundaryDisplay`` uses 1.0, whatever the data's scale); None
        takes 5% of each axis's range.
    response_method : {"auto", "predict_proba", "decision_function", "predict"}, \
default="auto"
        What shades the plane: the top probability, the decision function's
        margin, or nothing ("predict": flat class colours). "auto" takes the
        first the model has. The colour is always ``predict``'s class.
    colors : list of colors or palette name, default=None
        The colours of the classes. Wins over ``colormap``.
    colormap : str or matplotlib Colormap, default=None
        Sampled for the class colours (when ``colors`` is None), or the
        colormap of a regressor's predictions (None: "viridis").
    alpha : float, default=0.8
        The opacity of the training points.
    {common: fig, is_fitted, title, size}

    Attributes
    ----------
    grid_ : ndarray of shape (2, grid_resolution, grid_resolution)
        ``xx, yy = grid_``: the grid's coordinates in the plane, as
        ``np.meshgrid`` returns them.
    grid_predictions_ : ndarray of shape (grid_resolution, grid_resolution)
        The model's ``predict`` at each grid point.
    grid_confidence_ : ndarray of shape (grid_resolution, grid_resolution) or None
        How sure the classifier is at each grid point, from 0 (a tie) to 1;
        None for "predict" and for regressors.
    response_method_ : str
        The method that gave ``grid_confidence_`` ("predict" when none did).
    features_ : ndarray of int of shape (2,) or None
        The column indices of the two features of the plane; None for a
        projection.
    feature_names_ : ndarray of str
        The names of every feature of X.
    fixed_values_ : ndarray of shape (n_features,) or None
        With chosen features of a wider model, the training medians the other
        features are held at; else None.
    projection_ : PCA or None
        The fitted projection (``features=None`` with more than two
        features), of X or of a Pipeline's model input.
    points_2d_ : ndarray of shape (n_samples, 2)
        The training points in the plane.
    y_ : ndarray of shape (n_samples,)
        What colours the points: the training target, or the model's
        predictions when ``fit`` got no y.
    classes_ : ndarray or None
        The classifier's classes, else None.
    regions_ : matplotlib AxesImage
        The painted plane.
    boundaries_ : list of matplotlib ContourSet
        The lines where the predicted class changes (classifiers).
    points_ : matplotlib artist
        The training points: a ``PathCollection``, or an ``AxesImage`` of
        binned points above ``vizkit.draw.DENSITY_THRESHOLD`` rows.
    colorbar_ : matplotlib Colorbar or None
        The scale of a regressor's predictions.

    Examples
    --------
    >>> from sklearn.datasets import load_wine
    >>> from sklearn.svm import SVC
    >>> from vizkit.inspection import DecisionBoundaries
    >>> X, y = load_wine(return_X_y=True, as_frame=True)
    >>> viz = DecisionBoundaries(SVC(), features=["alcohol", "proline"])
    >>> viz.fit(X, y).show()  # doctest: +SKIP
    """

    grid_confidence_: Any
    boundaries_: list
    colorbar_: Any
    fixed_values_: Any
    projection_: Any
    features_: Any

    _params = {
        "features": P.Param(_check_features, example=None),
        "projection": P.choice(*PROJECTIONS),
        "grid_resolution": P.number(2, 2000, integer=True),
        "eps": P.number(0, none=True),
        "response_method": P.choice(*RESPONSE_METHODS),
        "colors": P.colors(),
        "colormap": P.colormap(),
        "alpha": P.number(0, 1, draw=True),
    }

    def __init__(
        self,
        estimator,
        ax=None,
        features=None,
        projection="pca",
        grid_resolution=100,
        eps=None,
        response_method="auto",
        colors=None,
        colormap=None,
        alpha=0.8,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.features = features
        self.projection = projection
        self.grid_resolution = grid_resolution
        self.eps = eps
        self.response_method = response_method
        self.colors = colors
        self.colormap = colormap
        self.alpha = alpha
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False  # the grid is built from dense medians
        return tags

    # -- compute -------------------------------------------------------------------

    def fit(self, X, y=None, **kwargs):
        """Fit the model (unless it is fitted) and predict it over the plane.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The training data, numeric, as the model takes it (a DataFrame
            names the features; the grid is given to the model as a frame
            with the same columns).
        y : array-like of shape (n_samples,), default=None
            The training target (needed unless the model is fitted); it
            colours the points.
        **kwargs
            Passed to the model's ``fit``.

        Returns
        -------
        self
        """
        y_true = self._check_fit_data(X, y)
        X_num = check_X(X, numeric=True, min_samples=2)
        if X_num.shape[1] < 2:
            raise VizkitValueError(
                f"X has {X_num.shape[1]} feature(s) (shape={X_num.shape}), but "
                "DecisionBoundaries draws a plane of two; pass X with at least two "
                "features."
            )
        if not hasattr(self.estimator, "predict"):
            raise ModelError(
                f"estimator {type(self.estimator).__name__} has no predict method; "
                "DecisionBoundaries needs a classifier or regressor."
            )
        self.feature_names_ = feature_names(X, None, X_num.shape[1])
        projected = self.features is None and X_num.shape[1] > 2
        if not projected:  # features are checked before the model fits
            self._feature_plane(X_num)
        self._fit_estimator(X, y, **kwargs)
        self.classes_ = (
            np.asarray(self.estimator.classes_)
            if is_classifier(self.estimator) else None
        )  # fmt: skip
        if projected:
            self._projected_plane(X, X_num)
        self._predict_grid(X)
        if y_true is None:
            y_true = np.asarray(self._call_model("predict", X))
        self.y_ = y_true
        return self

    def _feature_plane(self, X: np.ndarray) -> None:
        """The plane of two features of X; the others held at their median."""
        self.projection_ = self.fixed_values_ = None
        self._grid_model = None  # the grid's rows go to the model
        chosen = (0, 1) if self.features is None else self.features
        self.features_ = feature_positions(chosen, self.feature_names_)
        if X.shape[1] > 2:
            self.fixed_values_ = np.median(X, axis=0)
        self.points_2d_ = X[:, self.features_]

    def _projected_plane(self, X: Any, X_num: np.ndarray) -> None:
        """The PCA plane of the model's input: X, or a Pipeline's transformed X.

        For a Pipeline the grid's rows are then the input of its last step.
        """
        self.features_ = self.fixed_values_ = None
        space, _ = pipeline_input(self.estimator, X)
        self._grid_model = None if space is None else self.estimator[-1]
        if space is None:
            space = check_no_overflow(X_num, "X", "scale it down first.")
        self.projection_ = fit_pca(space)
        self.points_2d_ = self.projection_.transform(space)

    def _predict_grid(self, X: Any) -> None:
        """The model's prediction, and its confidence, at every grid point."""
        self.grid_ = plane_grid(self.points_2d_, self.grid_resolution, self.eps)
        if self.projection_ is not None:
            rows = self.projection_.inverse_transform(
                np.column_stack([g.ravel() for g in self.grid_])
            )
        else:
            fixed = np.zeros(2) if self.fixed_values_ is None else self.fixed_values_
            rows = grid_rows(self.grid_, fixed, self.features_)
        inputs = self._grid_inputs(X, rows)
        shape = self.grid_.shape[1:]
        self.grid_predictions_ = np.asarray(
            self._call_grid_model("predict", inputs)
        ).reshape(shape)
        self.response_method_ = self._shading_method()
        self.grid_confidence_ = None
        if self.response_method_ != "predict":
            scores = self._call_grid_model(self.response_method_, inputs)
            confidence = confidence_of(scores, self.response_method_)
            self.grid_confidence_ = confidence.reshape(shape)

    def _grid_inputs(self, X: Any, rows: np.ndarray) -> Any:
        """The grid's rows as the model (or the Pipeline's last step) takes them."""
        if self._grid_model is None:
            return _like(X, rows)
        names = getattr(self._grid_model, "feature_names_in_", None)
        if names is None:
            return rows
        import pandas as pd

        return pd.DataFrame(rows, columns=names)

    def _call_grid_model(self, method: str, inputs: Any) -> Any:
        """The model's ``method`` on the grid: the model's, or its last step's."""
        if self._grid_model is None:
            return self._call_model(method, inputs)
        try:
            return getattr(self._grid_model, method)(inputs)
        except VizkitError:
            raise
        except Exception as error:
            step = type(self._grid_model).__name__
            prefix_message(error, f"{type(self).__name__}: {step}.{method}() failed")
            raise

    def _shading_method(self) -> str:
        """The response method that shades the plane ("predict": none)."""
        if self.classes_ is None:
            return "predict"
        if self.response_method == "auto":
            found = [m for m in SHADING_METHODS if hasattr(self.estimator, m)]
            return found[0] if found else "predict"
        if not hasattr(self.estimator, self.response_method):
            raise ModelError(
                f"response_method={self.response_method!r}, but estimator "
                f"{type(self.estimator).__name__} has no such method; pass "
                "response_method='auto' to use the first it has."
            )
        return self.response_method

    # -- draw ----------------------------------------------------------------------

    def _class_colors(self) -> list[str]:
        return resolve_colors(len(self.classes_), self.colormap, self.colors)

    def _extent(self) -> tuple[float, float, float, float]:
        """The image's extent: the grid's points are the pixels' centres."""
        xs, ys = self.grid_[0][0], self.grid_[1][:, 0]
        dx, dy = (xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2
        return xs[0] - dx, xs[-1] + dx, ys[0] - dy, ys[-1] + dy

    def draw(self) -> None:
        """The painted plane, the class boundaries and the training points."""
        self.boundaries_, self.colorbar_ = [], None
        if self.classes_ is None:
            self._draw_values()
        else:
            self._draw_classes()
        extent = self._extent()
        self.ax_.set_xlim(extent[:2])
        self.ax_.set_ylim(extent[2:])

    def _draw_classes(self) -> None:
        colors = self._class_colors()
        codes, _ = index_of(self.grid_predictions_, self.classes_)
        rgba = shaded_colors(codes, self.grid_confidence_, colors)
        self.regions_ = self.ax_.imshow(
            rgba, extent=self._extent(), origin="lower", aspect="auto",
            interpolation="nearest", zorder=0,
        )  # fmt: skip
        xx, yy = self.grid_
        for code in np.unique(codes):  # the edge of each class's region
            if 0 < np.mean(codes == code) < 1:
                edge = self.ax_.contour(
                    xx, yy, (codes == code).astype(float), levels=[0.5],
                    colors=LINE_COLOR, linewidths=1, zorder=1,
                )  # fmt: skip
                self.boundaries_.append(edge)
        point_codes, found = index_of(self.y_, self.classes_)
        point_colors = [*colors, "#999999"]  # a class the model never predicts
        point_codes = np.where(found, point_codes, len(colors))
        x, y = self.points_2d_.T
        self.points_ = scatter_classes(
            self.ax_, x, y, point_codes, point_colors,
            alpha=self.alpha, s=POINT_SIZE, edgecolors="white", linewidths=0.4,
            zorder=2,
        )  # fmt: skip
        manual_legend(
            self.ax_, [str(plain(c)) for c in self.classes_], colors,
            loc="center left", bbox_to_anchor=(1.02, 0.5), title="class",
        )  # fmt: skip

    def _draw_values(self) -> None:
        from matplotlib.colors import Normalize

        cmap = get_colormap(self.colormap or VALUE_CMAP)
        values = np.asarray(self.grid_predictions_, dtype=np.float64)
        target = np.asarray(self.y_, dtype=np.float64)
        span = np.concatenate([values.ravel(), target])
        norm = Normalize(float(span.min()), float(span.max()))
        self.regions_ = self.ax_.imshow(
            values, extent=self._extent(), origin="lower", aspect="auto",
            interpolation="nearest", cmap=cmap, norm=norm, alpha=0.6, zorder=0,
        )  # fmt: skip
        x, y = self.points_2d_.T
        self.points_ = scatter_values(
            self.ax_, x, y, target, cmap=cmap, norm=norm,
            alpha=self.alpha, s=POINT_SIZE, edgecolors="white", linewidths=0.4,
            zorder=2,
        )  # fmt: skip
        self.colorbar_ = self.fig_.colorbar(
            self.regions_, ax=self.ax_, label="prediction"
        )

    def _axis_labels(self) -> list[str]:
        if self.projection_ is not None:
            share = self.projection_.explained_variance_ratio_
            return [f"PC{i + 1} ({share[i]:.0%} of the variance)" for i in (0, 1)]
        return [str(self.feature_names_[i]) for i in self.features_]

    def _slice_note(self) -> str:
        if self.projection_ is not None and self._grid_model is not None:
            return "PCA plane of the model's input, mapped back (inverse_transform)"
        if self.projection_ is not None:
            return "PCA plane of X, mapped back through inverse_transform"
        if self.fixed_values_ is not None:
            return "other features held at their training median"
        return ""

    def finalize(self):
        """Title (saying which plane), axis labels. Returns ``ax_``."""
        note = self._slice_note()
        self.set_title(
            f"Decision Boundaries of {self.name}" + (f"\n{note}" if note else "")
        )
        xlabel, ylabel = self._axis_labels()
        self.ax_.set_xlabel(xlabel)
        self.ax_.set_ylabel(ylabel)
        if getattr(self, "_owns_figure", False):
            self.fig_.tight_layout()  # room for the legend right of the axes
        return self.ax_


def _like(X: Any, rows: np.ndarray) -> Any:
    """``rows`` in X's container: a frame with X's columns, or an array."""
    columns = getattr(X, "columns", None)
    if columns is None:
        return rows
    if hasattr(X, "iloc"):
        import pandas as pd

        return pd.DataFrame(rows, columns=columns)
    import polars as pl

    return pl.DataFrame(rows, schema=list(columns), orient="row")


decision_boundaries = declare(
    DecisionBoundaries,
    kind=MODEL,
    quick="decision_boundaries",
    example=examples.classification,
)
