"""Feature visualizers: transformers that also draw the data they see.

``FeatureVisualizer`` makes a visualizer a scikit-learn transformer, so it can
sit mid-Pipeline (``transform`` returns X unchanged unless a subclass projects
it) and supports ``set_output``. ``DataVisualizer`` adds what every plot of
instances in feature space needs: the feature names, how the target is
coloured (one colour, one per class, or a colormap) and those colours.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import TransformerMixin

from vizkit import params as P
from vizkit.base import Visualizer
from vizkit.exceptions import NotFitted, VizkitValueError
from vizkit.style import get_colormap, resolve_colors
from vizkit.utils.docs import common_params
from vizkit.utils.features import chosen_columns, feature_names, select_columns
from vizkit.utils.labels import class_names
from vizkit.utils.target import TargetType, target_color_type
from vizkit.utils.validation import check_option, check_target, check_X

#: Colormap of continuous targets when ``colormap`` is None (Yellowbrick's).
DEFAULT_SEQUENCE = "RdBu"
#: The ``target_type`` options.
TARGET_TYPES = ("auto", "single", "discrete", "continuous")


def _target_type_param(value: Any, name: str, viz: Any) -> None:
    _check_target_type(value)


def _check_target_type(target_type: Any) -> str:
    if isinstance(target_type, TargetType):
        target_type = target_type.value
    return check_option(target_type, "target_type", TARGET_TYPES)


@common_params
class FeatureVisualizer(TransformerMixin, Visualizer):
    """Base class of the visualizers of features: a visualizer and a transformer.

    ``fit(X, y)`` computes what to draw, ``transform(X)`` returns X unchanged
    (projections return the projection), and ``fit_transform(X, y)`` followed by
    ``show()`` is the documented use. ``get_feature_names_out`` and
    ``set_output(transform="pandas")`` let a feature visualizer sit mid-Pipeline.

    Parameters
    ----------
    {common: ax, fig, title, size}
    color : color, default=None
        A single colour for visualizers that draw one series.

    Attributes
    ----------
    n_features_in_ : int
        The number of columns of the X given to ``fit``.
    feature_names_in_ : ndarray of str
        The column names of X, when X was a pandas or polars frame.
    """

    def fit(self, X, y=None):
        """Record the shape and column names of ``X``. Returns self."""
        self._check_data(X)
        self._record_input(X)
        return self

    def fit_transform(self, X, y=None, **fit_params):
        """Fit on ``(X, y)``, then return ``X`` unchanged (checked once, by fit).

        Visualizers whose ``transform`` projects X override this.

        Returns
        -------
        X : array-like
            The same object (an array-like without a shape as an array).
        """
        self.fit(X, y, **fit_params)
        return passed_through(X)

    def transform(self, X, y=None):
        """Return ``X`` unchanged, so the visualizer can sit in a Pipeline.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data, with as many columns as the data given to ``fit``.
        y : array-like of shape (n_samples,), default=None
            Ignored; accepted as Yellowbrick's ``transform(X, y)``.

        Returns
        -------
        X : array-like of shape (n_samples, n_features)
            The same object, unmodified (a list or other array-like without
            a shape as a numpy array, as scikit-learn transformers return).
        """
        self._check_new_data(X)
        return passed_through(X)

    def fit_transform_show(self, X, y=None, **kwargs):
        """Fit, transform and show in one call; ``kwargs`` go to ``show``.

        Returns the transformed data, as ``fit_transform``.
        """
        Xt = self.fit_transform(X, y)
        self.show(**kwargs)
        return Xt

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Names of the columns ``transform`` returns (those of X).

        Parameters
        ----------
        input_features : array-like of str, default=None
            Names of the input columns; None uses the names seen in ``fit``.

        Returns
        -------
        ndarray of str
        """
        self._check_fitted("get_feature_names_out")
        if input_features is not None:
            return self._check_input_features(input_features)
        names = getattr(self, "features_", None)
        if names is None or self.__dict__.get("_chosen_columns") is not None:
            names = getattr(self, "feature_names_in_", None)
        if names is None:
            names = [f"x{i}" for i in range(self.n_features_in_)]
        return np.asarray([str(n) for n in names], dtype=object)

    # -- helpers -------------------------------------------------------------------

    def _check_fitted(self, method: str) -> None:
        if not hasattr(self, "n_features_in_"):
            raise NotFitted.from_estimator(self, method)

    def _check_data(self, X: Any) -> np.ndarray:
        """X as an array; visualizers that compute with X ask for numbers."""
        return check_X(X)

    def _check_new_data(self, X: Any) -> np.ndarray:
        """Data given after ``fit``, checked as ``fit`` checked its data.

        So a Pipeline refuses at ``transform`` what it refused at ``fit``
        (NaN, text). Only the columns ``features`` chose in ``fit`` are read.
        """
        self._check_transform_input(X)
        chosen = self.__dict__.get("_chosen_columns")
        return self._check_data(select_columns(X, chosen))

    def _check_transform_input(self, X: Any) -> None:
        """Check that ``X`` has the columns seen in ``fit`` (without copying it)."""
        self._check_fitted("transform")
        shape = getattr(X, "shape", None)
        n_columns = shape[1] if shape is not None and len(shape) == 2 else None
        if n_columns is None:
            n_columns = check_X(X, allow_nan=True).shape[1]  # NaN passes through
        self._check_n_features(n_columns)

    def _check_input_features(self, input_features: Any) -> np.ndarray:
        names = np.asarray([str(n) for n in input_features], dtype=object)
        if len(names) != self.n_features_in_:
            raise VizkitValueError(
                f"input_features has {len(names)} names but X had "
                f"{self.n_features_in_} columns; give one name per column."
            )
        return names


@common_params
class DataVisualizer(FeatureVisualizer):
    """Base class of visualizers that draw instances in feature space.

    The target ``y`` colours the instances: no target (or
    ``target_type="single"``) gives one colour, a discrete target one colour
    per class and a legend, a continuous target a colormap.

    Parameters
    ----------
    {common: ax, fig}
    features : list of str, default=None
        Names of the columns of X, one per column. None uses the column names
        of a pandas or polars frame, else ``x0, x1, ...``. For a frame,
        naming some of its columns draws only those (``transform`` still
        returns every column).
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
    {common: title, size}

    Attributes
    ----------
    features_ : ndarray of str, shape (n_features,)
        The names of the columns of X.
    target_color_type_ : TargetType
        How the target is coloured: single, discrete or continuous.
    classes_ : ndarray of str, shape (n_classes,)
        The class labels of a discrete target (``classes`` when given).
    range_ : tuple of (min y, max y)
        The range of a continuous target.
    colors_ : list of str
        Hex colours: one per class (discrete) or a single one (no target),
        from the current ``colors``/``colormap`` (read when drawing).
    cmap_ : matplotlib Colormap
        The colormap of a continuous target, from the current ``colormap``.
    n_features_in_ : int
        The number of columns of X.
    """

    _params = {
        "features": P.anything(),
        "classes": P.anything(draw=True),
        "colors": P.colors(),
        "colormap": P.colormap(),
        "target_type": P.Param(_target_type_param),
    }

    def __init__(
        self,
        ax=None,
        fig=None,
        features=None,
        classes=None,
        colors=None,
        colormap=None,
        target_type="auto",
        title=None,
        size=None,
    ):
        self.ax = ax
        self.fig = fig
        self.features = features
        self.classes = classes
        self.colors = colors
        self.colormap = colormap
        self.target_type = target_type
        self.title = title
        self.size = size

    def fit(self, X, y=None):
        """Find the feature names, the target colour type and the colours.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numeric data without NaN or infinite values (numpy, pandas, polars).
        y : array-like of shape (n_samples,), default=None
            The target that colours the instances.

        Returns
        -------
        self
        """
        self._fit_data(X, y)
        return self

    def _fit_data(self, X, y) -> tuple[np.ndarray, np.ndarray | None]:
        """Validate X and y, compute the fitted attributes; return the arrays.

        The returned X holds only the columns ``features`` chose, if it chose.
        """
        self._chosen_columns = chosen_columns(X, self.features)
        X_chosen = select_columns(X, self._chosen_columns)
        X_array = self._check_data(X_chosen)
        y_array = None
        if y is not None:
            y_array = check_target(y, n_samples=X_array.shape[0])
        self._record_input(X)
        self.features_ = feature_names(X_chosen, self.features, X_array.shape[1])
        self._fit_target(y_array, _check_target_type(self.target_type))
        return X_array, y_array

    def _check_data(self, X) -> np.ndarray:
        """X as floats without NaN (the missing-values visualizers read any)."""
        return check_X(X, numeric=True)

    def _fit_target(self, y: np.ndarray | None, target_type: str) -> None:
        """Find the colour type, and the classes or the range, of the target."""
        self.__dict__.pop("range_", None)
        kind = _color_type(y, target_type)
        self.target_color_type_ = kind
        self._class_values = None
        self._color_values = None  # what colours each point: codes or values
        if kind == TargetType.DISCRETE:
            assert y is not None  # a missing target is always SINGLE
            labels, codes = np.unique(y, return_inverse=True)
            self._class_values = labels
            self.classes_  # noqa: B018 -- report a bad ``classes`` now, in fit
            self._color_values = codes.astype(np.intp, copy=False)
        elif kind == TargetType.CONTINUOUS:
            assert y is not None
            values = _as_values(y)
            self.range_ = (float(values.min()), float(values.max()))
            self._color_values = values

    # -- drawing parameters, read when drawing ---------------------------------------

    @property
    def classes_(self) -> np.ndarray:
        """The class labels of a discrete target (named by ``classes``)."""
        values = self.__dict__.get("_class_values")
        if values is None:
            raise AttributeError(f"{type(self).__name__} has no discrete target.")
        names = class_names(values, self.classes)
        return np.asarray([str(name) for name in names])

    @property
    def colors_(self) -> list[str]:
        """One colour per class (discrete target), else a single colour."""
        kind = self.get_target_color_type()
        if kind == TargetType.DISCRETE:
            n_classes = len(self.classes_)
            return resolve_colors(n_classes, self.colormap, self.colors)
        if kind == TargetType.SINGLE:
            return resolve_colors(1, None, self.colors)
        raise AttributeError(f"{type(self).__name__} colours by cmap_, not colors_.")

    @property
    def cmap_(self):
        """The colormap of a continuous target."""
        if self.get_target_color_type() != TargetType.CONTINUOUS:
            raise AttributeError(f"{type(self).__name__} has no continuous target.")
        return _colormap(self.colormap, self.colors)

    # -- Yellowbrick's accessors ---------------------------------------------------

    def get_target_color_type(self) -> TargetType:
        """The target colour type found in ``fit`` (``target_color_type_``)."""
        if not hasattr(self, "target_color_type_"):
            raise NotFitted.from_estimator(self, "get_target_color_type")
        return self.target_color_type_

    def get_colors(self, y) -> list:
        """The colour of each value of ``y``, as the visualizer draws it."""
        kind = self.get_target_color_type()
        y = np.asarray(y)
        if kind == TargetType.SINGLE:
            return [self.colors_[0]] * len(y)
        if kind == TargetType.CONTINUOUS:
            from matplotlib.colors import Normalize

            return list(self.cmap_(Normalize(*self.range_)(y.astype(float))))
        lookup = dict(zip(self.classes_, self.colors_))
        unknown = sorted({str(v) for v in y} - set(lookup))
        if unknown:
            raise VizkitValueError(
                f"y contains {unknown[0]!r}, which is not one of the fitted "
                f"classes {list(self.classes_)}."
            )
        return [lookup[str(v)] for v in y]


def _color_type(y: np.ndarray | None, target_type: str) -> TargetType:
    if y is None or target_type == "single":
        return TargetType.SINGLE
    if target_type != "auto":
        return TargetType(target_type)
    kind = target_color_type(y)
    if kind == TargetType.UNKNOWN:
        raise VizkitValueError(
            "y is neither a class label nor a continuous target; pass a 1-D "
            "target, or set target_type='discrete' or 'continuous'."
        )
    return kind


def _as_values(y: np.ndarray) -> np.ndarray:
    try:
        return y.astype(np.float64)
    except (TypeError, ValueError):
        raise VizkitValueError(
            f"y has dtype {y.dtype} and cannot be coloured as a continuous "
            "target; use target_type='discrete' or 'auto' for class labels."
        ) from None


def _colormap(colormap: Any, colors: Any):
    """The colormap of a continuous target."""
    from matplotlib.colors import Colormap, LinearSegmentedColormap

    if isinstance(colormap, Colormap):
        return colormap
    if colormap is None and colors is not None and not isinstance(colors, str):
        return LinearSegmentedColormap.from_list("colors", list(colors))
    name = colormap or (colors if isinstance(colors, str) else DEFAULT_SEQUENCE)
    return get_colormap(name)


def passed_through(X: Any) -> Any:
    """``X`` as a pass-through ``transform`` returns it: the same object, or
    an array for array-likes without a shape (lists), as scikit-learn does."""
    return X if hasattr(X, "shape") else np.asarray(X)
