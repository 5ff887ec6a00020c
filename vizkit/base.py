"""The visualizer protocol: estimators that compute in ``fit``/``score`` and draw later.

Lifecycle (Yellowbrick's, with scikit-learn's compute/draw split)::

    fit(X, y)      validate, compute results into ``*_`` attributes; draw nothing
    score(X, y)    (score visualizers) compute test results and ``score_``
    plot(ax=None)  draw the stored results: ``draw()`` then ``finalize()``
    show()         plot if needed, then display or save the visualizer's figure

Subclasses implement ``fit``/``score`` (compute), ``draw`` (data artists on
``self.ax_``) and ``finalize`` (title, labels, legend).
"""

from __future__ import annotations

import copy
import math
import sys
import warnings
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.utils import get_tags

from vizkit.exceptions import (
    NotFitted,
    VizkitAttributeError,
    VizkitDeprecationWarning,
    VizkitValueError,
    VizkitWarning,
)
from vizkit.utils.docs import common_params
from vizkit.utils.validation import (
    check_target,
    check_X,
    estimator_is_fitted,
    needs_fit,
)

# Backends that cannot open a window: ``show()`` without ``outpath`` does nothing.
_NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}
# Parameters passed by reference through clone: deep-copying an Axes copies its figure.
_BY_REFERENCE = ("ax", "fig", "axarr")


def _pyplot():
    """Import pyplot only when a figure is really needed (DESIGN.md section 3)."""
    import matplotlib.pyplot as plt

    return plt


@common_params
class Visualizer(BaseEstimator):
    """Root of every vizkit visualizer.

    Parameters
    ----------
    {common: ax, fig, title, size}
    color : color, default=None
        A single colour for visualizers that draw one series.
    """

    def __init__(self, ax=None, fig=None, title=None, size=None, color=None):
        self.ax = ax
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color

    # -- scikit-learn protocol ---------------------------------------------------

    def __sklearn_is_fitted__(self) -> bool:
        """Fitted once ``fit`` (or ``score``/``from_predictions``) stored results."""
        return any(k.endswith("_") and not k.startswith("__") for k in vars(self))

    def __sklearn_clone__(self):
        params = self.get_params(deep=False)
        cloned = {
            name: value if name in _BY_REFERENCE else clone(value, safe=False)
            for name, value in params.items()
        }
        return type(self)(**cloned)

    def fit(self, X, y=None, **kwargs):
        """Compute the results to draw; subclasses override. Returns self."""
        return self

    # -- drawing -----------------------------------------------------------------

    def draw(self) -> None:
        """Draw the stored results on ``self.ax_`` (subclasses implement)."""
        raise NotImplementedError(f"{type(self).__name__} must implement draw().")

    def finalize(self):
        """Decorate the drawn axes: title, labels, legend. Returns ``ax_``."""
        self.set_title()
        return self.ax_

    def set_title(self, title: str | None = None) -> None:
        """Set the user's ``title``, or ``title`` (the visualizer's default)."""
        title = self.title or title
        if title is not None:
            self.ax_.set_title(title)

    def plot(self, ax=None):
        """Draw the stored results on ``ax`` without recomputing them.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Where to draw; None uses the ``ax`` given at construction, or a
            new figure owned by this visualizer.

        Returns
        -------
        self
        """
        self._plot(ax)
        self._plotted_by_user = True
        return self

    def show(self, outpath=None, clear_figure: bool = False, **kwargs):
        """Draw if needed, then display the figure or save it to ``outpath``.

        Saving closes the figure vizkit opened for this visualizer, so loops
        that save many plots hold memory flat. ``kwargs`` go to ``savefig``.
        Returns the drawn Axes.
        """
        if not getattr(self, "_plotted_by_user", False):
            self._plot(None)
        if outpath is not None:
            self.fig_.savefig(outpath, **kwargs)
        else:
            _display(self.fig_)
        ax = self.ax_
        if clear_figure:
            self.fig_.clear()
        if outpath is not None:
            self._close_own_figure()
        self._plotted_by_user = False
        return ax

    def poof(self, *args, **kwargs):
        """Deprecated Yellowbrick spelling of :meth:`show`."""
        warnings.warn(
            "poof() is deprecated; use show() instead.",
            VizkitDeprecationWarning,
            stacklevel=2,
        )
        return self.show(*args, **kwargs)

    # -- Yellowbrick spellings ------------------------------------------------------

    def _alias(self, old: str, new: str) -> Any:
        """The value of ``new``, or of ``old``, Yellowbrick's name for it (warned)."""
        value = getattr(self, old)
        if value is None:
            return getattr(self, new)
        warnings.warn(
            f"{old} is Yellowbrick's name for {new}; pass {new}= instead.",
            VizkitDeprecationWarning,
            stacklevel=3,
        )
        return value

    def _warn_ignored(self, name: str, hint: str) -> None:
        """Warn that a parameter Yellowbrick accepted has no effect here."""
        if getattr(self, name) is not None:
            warnings.warn(
                f"{type(self).__name__} ignores {name} (accepted for Yellowbrick "
                f"compatibility); {hint}",
                VizkitWarning,
                stacklevel=3,
            )

    # -- drawing internals ---------------------------------------------------------

    def _check_drawable(self) -> None:
        if not self.__sklearn_is_fitted__():
            raise NotFitted.from_estimator(self, "show")

    def _subplot_kw(self) -> dict[str, Any]:
        """Keyword arguments for a new Axes (e.g. ``projection="3d"``)."""
        return {}

    def _axes_for_drawing(self, ax):
        """Return the axes to draw on and whether vizkit created its figure."""
        ax = ax if ax is not None else self.ax
        if ax is not None:
            return ax, False
        if self.fig is not None:  # its first Axes, so redrawing adds no Axes
            axes = self.fig.axes
            return (
                axes[0] if axes else self.fig.add_subplot(**self._subplot_kw())
            ), False
        fig = _pyplot().figure()
        return fig.add_subplot(**self._subplot_kw()), True

    def _plot(self, ax) -> None:
        self._check_drawable()
        self._close_own_figure()  # a visualizer owns at most one open figure
        self.ax_, owned = self._axes_for_drawing(ax)
        self.fig_ = self.ax_.figure
        self._owns_figure = owned
        if self.size is not None:
            width, height = self.size
            self.fig_.set_size_inches(width / self.fig_.dpi, height / self.fig_.dpi)
        try:
            self.draw()
            self.finalize()
        except BaseException:
            self._close_own_figure()  # never leave a half-drawn figure behind
            raise

    def _close_own_figure(self) -> None:
        if getattr(self, "_owns_figure", False):
            _pyplot().close(self.fig_)
            self._owns_figure = False

    def __getstate__(self):
        # Drawn artists belong to a matplotlib session; pickles carry results only.
        state = super().__getstate__()
        for name in ("_owns_figure", "_plotted_by_user"):
            state.pop(name, None)
        return {k: v for k, v in state.items() if not _is_drawing(v)}


def _is_drawing(value: Any) -> bool:
    """True for matplotlib artists and colorbars, alone, in a list or a dict."""
    if "matplotlib" not in sys.modules:
        return False  # nothing was drawn in this process
    from matplotlib.artist import Artist
    from matplotlib.colorbar import Colorbar

    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return any(_is_drawing(item) for item in value)
    return isinstance(value, (Artist, Colorbar))


def _display(fig) -> None:
    plt = _pyplot()
    if plt.get_backend().lower() in _NON_INTERACTIVE:
        return
    plt.show()


@common_params
class ModelVisualizer(Visualizer):
    """A visualizer that wraps a scikit-learn estimator.

    Attributes of the wrapped estimator are reachable through the visualizer
    (``viz.predict(X)``), as in Yellowbrick.

    Parameters
    ----------
    estimator : scikit-learn estimator
        The model to visualize. If it is not fitted, ``fit`` fits it in place
        (unless ``is_fitted`` says otherwise).
    {common: ax, fig, is_fitted, title, size}
    color : color, default=None
        A single colour for visualizers that draw one series.
    """

    def __init__(
        self,
        estimator,
        ax=None,
        fig=None,
        is_fitted="auto",
        title=None,
        size=None,
        color=None,
    ):
        self.estimator = estimator
        self.ax = ax
        self.fig = fig
        self.is_fitted = is_fitted
        self.title = title
        self.size = size
        self.color = color

    def __getattr__(self, name: str):
        # Only public names are proxied: private and fitted ("*_") attributes
        # must fail normally, or hasattr checks would see the model's state.
        if name.startswith("_") or name.endswith("_"):
            raise AttributeError(name)
        estimator = self.__dict__.get("estimator")
        if estimator is None:
            raise AttributeError(name)
        try:
            return getattr(estimator, name)
        except AttributeError:
            raise VizkitAttributeError(
                f"neither visualizer {type(self).__name__} nor wrapped estimator "
                f"{type(estimator).__name__} has attribute {name!r}"
            ) from None

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        if self.estimator is None:
            return tags
        inner = get_tags(self.estimator)
        tags.estimator_type = inner.estimator_type
        tags.input_tags = inner.input_tags
        tags.target_tags = inner.target_tags
        tags.classifier_tags = inner.classifier_tags
        tags.regressor_tags = inner.regressor_tags
        return tags

    @property
    def name(self) -> str:
        """The wrapped model's class name (Yellowbrick's ``name``)."""
        estimator = self.estimator
        if hasattr(estimator, "steps"):  # a Pipeline is named by its model
            estimator = estimator.steps[-1][1]
        return type(estimator).__name__

    def fit(self, X, y=None, **kwargs):
        """Fit the wrapped estimator if it needs fitting. Returns self."""
        self._check_Xy(X, y)
        self._fit_estimator(X, y, **kwargs)
        return self

    def _fit_estimator(self, X, y=None, **kwargs) -> None:
        if needs_fit(self.estimator, self.is_fitted):
            self.estimator.fit(X, y, **kwargs)

    def _check_Xy(
        self, X, y, *, y_name: str = "y"
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Validate X and y for the model; return them as arrays (never mutated).

        NaN in X is allowed when the model accepts it (its ``allow_nan`` tag).
        """
        allow_nan = (
            self.estimator is not None and get_tags(self.estimator).input_tags.allow_nan
        )
        X_array = check_X(X, allow_nan=allow_nan)
        y_array = None
        if y is not None:
            y_array = check_target(y, name=y_name, n_samples=X_array.shape[0])
        return X_array, y_array

    def _check_estimator_fitted(self, method: str = "score") -> None:
        """Raise NotFitted unless the wrapped estimator can predict."""
        if self.estimator is None or not estimator_is_fitted(self.estimator):
            raise NotFitted.from_estimator(self, method)


class ScoreVisualizer(ModelVisualizer):
    """A model visualizer that reports performance on test data in ``score``.

    Subclasses implement ``score(X, y)`` and ``_score_predictions(y_true,
    y_pred)``; the latter also serves :meth:`from_predictions`, so a plot
    never requires a model.
    """

    def score(self, X, y):
        """Compute the results on test data; returns ``score_``."""
        raise NotImplementedError(f"{type(self).__name__} must implement score().")

    def _score_predictions(self, y_true, y_pred) -> None:
        raise NotImplementedError(
            f"{type(self).__name__} cannot be built from predictions."
        )

    @classmethod
    def from_estimator(cls, estimator, X, y, *, ax=None, **kwargs):
        """Score a fitted ``estimator`` on ``(X, y)`` and draw the result.

        ``kwargs`` are the visualizer's parameters. Returns the visualizer.
        """
        viz = cls(estimator, is_fitted=True, **kwargs)
        viz._check_estimator_fitted("from_estimator")
        viz.score(X, y)
        return viz.plot(ax=ax)

    @classmethod
    def from_predictions(cls, y_true, y_pred, *, ax=None, **kwargs):
        """Draw the visualizer from true targets and predictions or scores.

        ``kwargs`` are the visualizer's parameters. Returns the visualizer.
        """
        viz = cls(None, **kwargs)
        viz._score_predictions(y_true, y_pred)
        return viz.plot(ax=ax)


def score_quick_method(viz, X_train, y_train, X_test=None, y_test=None, show=True):
    """The body of every score quick method: fit, score, then show or draw."""
    viz.fit(X_train, y_train)
    if X_test is not None and y_test is not None:
        viz.score(X_test, y_test)
    elif X_test is None and y_test is None:
        viz.score(X_train, y_train)
    else:
        raise VizkitValueError(
            "X_test and y_test go together: pass both or neither (then the "
            "training data is scored)."
        )
    return _show_or_plot(viz, show)


def quick_params(cls: type[BaseEstimator], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a quick method that ``cls`` accepts.

    Yellowbrick's quick methods silently dropped unknown keyword arguments;
    vizkit still accepts them, but warns that they are ignored.
    """
    accepted = set(cls._get_param_names())
    ignored = sorted(set(kwargs) - accepted)
    if ignored:
        warnings.warn(
            f"{cls.__name__} has no parameter(s) {ignored}; they are ignored.",
            VizkitWarning,
            stacklevel=3,
        )
    return {key: value for key, value in kwargs.items() if key in accepted}


def _show_or_plot(viz, show: bool):
    if show:
        viz.show()
    else:
        viz.plot()
    return viz


class VisualizerGrid(Visualizer):
    """Several visualizers on one figure, each on its own Axes.

    The visualizers are copied at ``fit`` (``visualizers_``), so the ones
    passed in are never modified.

    Parameters
    ----------
    visualizers : list of Visualizer, default=()
        The visualizers to fit, score and draw, left to right, top to bottom.
    nrows, ncols : int, default=None
        Grid shape; give at most one, the other follows from the number of
        visualizers. Neither gives one column.
    axarr : array of matplotlib Axes, default=None
        Existing axes to draw on, of shape (nrows, ncols).
    title : str, default=None
        A title for the whole figure.
    size : tuple of (width, height) in pixels, default=None
        The figure size; None gives 400 pixels per subplot, as Yellowbrick.
    """

    SUBPLOT_DEFAULT_PIXELS = 400

    def __init__(
        self, visualizers=(), nrows=None, ncols=None, axarr=None, title=None, size=None
    ):
        self.visualizers = visualizers
        self.nrows = nrows
        self.ncols = ncols
        self.axarr = axarr
        self.title = title
        self.size = size

    def _shape(self) -> tuple[int, int]:
        count = len(self.visualizers)
        if self.nrows is not None and self.ncols is not None:
            raise VizkitValueError(
                "nrows and ncols were both given; pass one and the other follows "
                "from the number of visualizers."
            )
        if self.ncols is not None:
            return math.ceil(count / self.ncols), self.ncols
        if self.nrows is not None:
            return self.nrows, math.ceil(count / self.nrows)
        return count, 1

    def fit(self, X, y=None, **kwargs):
        """Fit a copy of each visualizer on ``(X, y)``. Returns self."""
        if len(self.visualizers) == 0:
            raise VizkitValueError("visualizers is empty; pass at least one.")
        self._shape()
        # deepcopy, not clone: a prefit model must stay fitted in the copy.
        self.visualizers_ = [copy.deepcopy(v) for v in self.visualizers]
        for viz in self.visualizers_:
            viz.fit(X, y, **kwargs)
        return self

    def score(self, X, y):
        """Score every score visualizer; returns their scores in a list."""
        if not hasattr(self, "visualizers_"):
            raise NotFitted.from_estimator(self, "score")
        return [v.score(X, y) for v in self.visualizers_ if hasattr(v, "score")]

    def _plot(self, ax) -> None:
        self._check_drawable()
        self._close_own_figure()
        nrows, ncols = self._shape()
        axarr, owned = self.axarr, False
        if axarr is None:
            size = self.size or (
                self.SUBPLOT_DEFAULT_PIXELS * ncols,
                self.SUBPLOT_DEFAULT_PIXELS * nrows,
            )
            fig = _pyplot().figure(figsize=(size[0] / 100, size[1] / 100), dpi=100)
            axarr, owned = fig.subplots(nrows, ncols, squeeze=False), True
        axes = np.asarray(axarr).ravel()
        self.fig_, self._owns_figure = axes[0].figure, owned
        self.axarr_ = np.asarray(axarr).reshape(nrows, ncols)
        self.ax_ = axes[0]
        try:
            for index, subplot in enumerate(axes):
                if index < len(self.visualizers_):
                    self.visualizers_[index].plot(ax=subplot)
                else:
                    subplot.axis("off")
            if self.title:
                self.fig_.suptitle(self.title)
        except BaseException:
            self._close_own_figure()
            raise

    def draw(self) -> None:  # each visualizer draws itself in _plot
        pass
