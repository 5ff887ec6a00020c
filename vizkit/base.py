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
import dataclasses
import functools
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.utils import get_tags

from vizkit import figures
from vizkit import params as P
from vizkit.exceptions import (
    NotFitted,
    VizkitAttributeError,
    VizkitDeprecationWarning,
    VizkitError,
    VizkitValueError,
    VizkitWarning,
    prefix_message,
)
from vizkit.utils.docs import common_params
from vizkit.utils.validation import (
    check_target,
    estimator_is_fitted,
    n_samples_of,
    needs_fit,
)

# Parameters passed by reference through clone: deep-copying an Axes copies its figure.
_BY_REFERENCE = ("ax", "fig", "axarr")
# The public calls: each checks the declared parameters once (params.py).
_PUBLIC_CALLS = (
    "fit",
    "score",
    "transform",
    "fit_transform",
    "plot",
    "show",
    "finalize",
)
# The calls that compute new results, so what was drawn before is stale.
_COMPUTE_CALLS = ("fit", "score", "fit_transform")


def _public(method, name: str):
    """Wrap a public method: validate the parameters once per outermost call.

    Calls made from inside another public call (``fit_transform`` calling
    ``fit``, a quick method calling ``fit``, ``score`` and ``show``) are not
    validated again, so a parameter warning fires once per call.
    """

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.__dict__.get("_in_call"):
            return method(self, *args, **kwargs)
        with one_call(self, warn=name in _COMPUTE_CALLS):
            if name in _COMPUTE_CALLS:
                self.__dict__["_drawn"] = False
            if name == "finalize" and not self.__dict__.get("_drawn"):
                # Yellowbrick's pattern: fit, score, finalize(), plt.savefig().
                self._plot(None)
                return self.ax_
            return method(self, *args, **kwargs)

    wrapper._vizkit_public = True  # type: ignore[attr-defined]
    return wrapper


@contextmanager
def one_call(viz, warn: bool = True) -> Iterator[None]:
    """Treat everything inside the block as one public call of ``viz``.

    The parameters are checked once, on entry; ``warn=False`` (calls that
    only draw) skips the checks that only warn.
    """
    if viz.__dict__.get("_in_call"):
        yield
        return
    viz.__dict__["_in_call"] = True
    try:
        P.validate_params(viz, warn=warn)
        yield
    finally:
        viz.__dict__.pop("_in_call", None)


def _wrap_public_calls(cls: type) -> None:
    for name in _PUBLIC_CALLS:
        method = cls.__dict__.get(name)
        if method is not None and not getattr(method, "_vizkit_public", False):
            setattr(cls, name, _public(method, name))


@common_params
class Visualizer(BaseEstimator):
    """Root of every vizkit visualizer.

    Parameters
    ----------
    {common: ax, fig, title, size}
    color : color, default=None
        A single colour for visualizers that draw one series.
    """

    _params = {
        "ax": P.anything(draw=True),
        "fig": P.anything(draw=True),
        "title": P.anything(draw=True),
        "size": P.size(),
        "color": P.color(),
    }

    def __init__(self, ax=None, fig=None, title=None, size=None, color=None):
        self.ax = ax
        self.fig = fig
        self.title = title
        self.size = size
        self.color = color

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _wrap_public_calls(cls)

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

    def _record_input(self, X: Any) -> None:
        """Store ``n_features_in_`` and, for frames, ``feature_names_in_``.

        Raw documents (a list of strings for a text pipeline) have no columns:
        then neither is set.
        """
        self.__dict__.pop("feature_names_in_", None)
        shape = getattr(X, "shape", None)
        if shape is None:  # a list: its nesting gives the shape
            try:
                shape = np.shape(X) if hasattr(X, "__len__") else np.asarray(X).shape
            except ValueError:  # ragged rows
                shape = None
        if shape is None or len(shape) != 2:
            self.__dict__.pop("n_features_in_", None)
            return
        self.n_features_in_ = int(shape[1])
        columns = getattr(X, "columns", None)
        if columns is not None and all(isinstance(c, str) for c in columns):
            self.feature_names_in_ = np.asarray(list(columns), dtype=object)

    def _check_n_features(self, n_columns: int) -> None:
        """Refuse data whose number of columns differs from the one seen in fit."""
        expected = self.__dict__.get("n_features_in_")
        if expected is not None and n_columns != expected:
            raise VizkitValueError(
                f"X has {n_columns} features, but {type(self).__name__} is "
                f"expecting {expected} features as input; pass data with the "
                "columns seen in fit."
            )

    # -- drawing -----------------------------------------------------------------

    def draw(self) -> None:
        """Draw the stored results on ``self.ax_`` (subclasses implement)."""
        raise NotImplementedError(f"{type(self).__name__} must implement draw().")

    def finalize(self):
        """Decorate the drawn axes: title, labels, legend. Returns ``ax_``.

        Called before anything was drawn (Yellowbrick's ``fit``, ``score``,
        ``finalize()``, ``plt.savefig()`` pattern), it draws the stored
        results first, on ``ax`` or on a figure that becomes pyplot's current
        one, so ``plt.savefig()`` and ``plt.show()`` find it.
        """
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
        return self

    def show(self, outpath=None, clear_figure: bool = False, **kwargs):
        """Draw if needed, then display the figure or save it to ``outpath``.

        Without ``outpath`` only this visualizer's figure is displayed (in a
        notebook, once). Saving closes the figure vizkit opened for this
        visualizer, so loops that save many plots hold memory flat; a figure
        of the user's stays open. In a notebook the saved picture is also
        displayed, as in Yellowbrick. ``kwargs`` go to ``savefig``. Returns
        the drawn Axes.
        """
        if not self.__dict__.get("_drawn"):
            self._plot(None)
        ax, fig = self.ax_, self.fig_
        inline = figures.inline_backend()
        if outpath is not None:
            fig.savefig(outpath, **kwargs)
        if outpath is None or inline:
            figures.display(fig)
        if clear_figure:
            fig.clear()
        if inline:  # shown once: the cell's end must not show it again
            figures.pyplot().close(fig)
            self._owns_figure = False
        elif outpath is not None:
            self._close_own_figure()
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
        """The value of ``old``, Yellowbrick's name for ``new``, if given, else ``new``.

        The deprecation warning comes from the parameter declaration
        (``params.renamed``), once per call.
        """
        value = getattr(self, old)
        return getattr(self, new) if value is None else value

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
        current = figures.users_empty_axes(self._subplot_kw())
        if current is not None:
            return current, False
        fig = figures.pyplot().figure()
        return fig.add_subplot(**self._subplot_kw()), True

    def _plot(self, ax) -> None:
        self._check_drawable()
        self._close_own_figure()  # a visualizer owns at most one open figure
        self._drawn = False
        self.ax_, owned = self._axes_for_drawing(ax)
        self.fig_ = self.ax_.figure
        self._owns_figure = owned
        if self.size is not None:
            width, height = self.size
            self.fig_.set_size_inches(width / self.fig_.dpi, height / self.fig_.dpi)
        try:
            with one_call(self, warn=False):
                self.draw()
                self.finalize()
        except BaseException:
            self._close_own_figure()  # never leave a half-drawn figure behind
            raise
        self._drawn = True

    def _close_own_figure(self) -> None:
        if getattr(self, "_owns_figure", False):
            figures.pyplot().close(self.fig_)
            self._owns_figure = False

    def __getstate__(self):
        # Drawn artists belong to a matplotlib session; pickles carry results only.
        state = super().__getstate__()
        for name in ("_owns_figure", "_drawn", "_in_call"):
            state.pop(name, None)
        return {k: v for k, v in state.items() if not figures.is_drawing(v)}


_wrap_public_calls(Visualizer)


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

    _params = {
        "estimator": P.anything(),
        "is_fitted": P.choice("auto", True, False),
    }

    #: True for views that draw one target: their fit refuses a multi-output
    #: or multi-label y, whatever the model accepts, and their tags say so.
    _one_target = False

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
        # Nor partial_fit: it would train the model behind the visualizer's
        # back (scikit-learn's checks then look for n_features_in_ on it).
        if name == "partial_fit":
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
        tags.transformer_tags = inner.transformer_tags
        if self._one_target:
            tags.target_tags = dataclasses.replace(
                tags.target_tags, multi_output=False, single_output=True
            )
            if tags.classifier_tags is not None:
                tags.classifier_tags = dataclasses.replace(
                    tags.classifier_tags, multi_label=False
                )
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
        self._check_fit_data(X, y)
        self._fit_estimator(X, y, **kwargs)
        return self

    def _fit_estimator(self, X, y=None, **kwargs) -> bool:
        """Fit the model in place unless it is fitted (see ``is_fitted``).

        A model this visualizer fitted itself is refitted by the next ``fit``,
        as any estimator's ``fit`` starts afresh: with ``is_fitted="auto"`` only
        a model that was given fitted is kept as it is. Returns True when the
        model was fitted here, on ``X``.
        """
        refit = self.is_fitted == "auto" and self._fitted_here()
        if refit or needs_fit(self.estimator, self.is_fitted):
            self._call_model("fit", X, y, **kwargs)
            self._fitted_model = self.estimator
            return True
        if not estimator_is_fitted(self.estimator):
            raise NotFitted(
                f"estimator {type(self.estimator).__name__} is not fitted although "
                "is_fitted=True; fit it first, or leave is_fitted='auto'."
            )
        return False

    def _fitted_here(self) -> bool:
        """True when the wrapped model was fitted by this visualizer's ``fit``."""
        return self.__dict__.get("_fitted_model") is self.estimator

    def _check_fit_data(self, X, y, *, y_name: str = "y") -> np.ndarray | None:
        """Check what vizkit itself reads: the number of rows and the target.

        X goes to the model as the user passed it (sparse matrices, raw text
        for a vectorizer pipeline, DataFrames with categorical columns): the
        model checks its own input, and its errors name this visualizer.
        Records ``n_features_in_``/``feature_names_in_``; returns y as an
        array (never mutated), or None.
        """
        n_samples = n_samples_of(X, "X")
        if n_samples == 0:
            raise VizkitValueError("X is empty; pass at least one sample.")
        self._record_input(X)
        if y is None:
            return None
        return check_target(y, name=y_name, n_samples=n_samples)

    def _require_target(self, y, what: str) -> None:
        """Refuse ``y=None``; ``what`` names what y holds ("the true class")."""
        if y is None:
            raise VizkitValueError(
                f"{type(self).__name__} requires y to be passed, but the target y "
                f"is None; pass {what} of every row of X."
            )

    def _call_model(self, method: str, *args, **kwargs):
        """``estimator.method(*args, **kwargs)``, its errors naming this visualizer.

        The model's exception keeps its type (``except ValueError`` still
        works); its message starts with the visualizer and the method that
        failed.
        """
        try:
            return getattr(self.estimator, method)(*args, **kwargs)
        except VizkitError:
            raise
        except Exception as error:
            model = type(self.estimator).__name__
            prefix_message(error, f"{type(self).__name__}: {model}.{method}() failed")
            raise

    def _model_score(self, X, y) -> float:
        """The model's own score on ``(X, y)`` (accuracy, R^2...), in ``score_``."""
        self._check_estimator_fitted()
        self.score_ = float(self._call_model("score", X, y))
        return self.score_

    def _check_estimator_fitted(self, method: str = "score") -> None:
        """Raise NotFitted, naming the model, unless the model can predict."""
        if self.estimator is None or not estimator_is_fitted(self.estimator):
            model = type(self.estimator).__name__
            raise NotFitted(
                f"estimator {model} is not fitted yet: call {type(self).__name__}"
                f".fit(X, y) first, or pass a fitted {model} before {method}()."
            )


class ModelScoredVisualizer(ModelVisualizer):
    """A model visualizer whose ``score`` is the model's own (accuracy, R^2...).

    Views that explain one fitted model (a tree, a perceptron, partial
    dependence, SHAP values...) compute nothing new on test data; their
    ``score`` reports how good the model is, so such a view in a
    ``GridSearchCV`` scores as its model does.
    """

    def score(self, X, y=None):
        """The model's own score on ``(X, y)`` (accuracy, R^2...), in ``score_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Test data, as the model takes it.
        y : array-like of shape (n_samples,), default=None
            Its target (None for a model scored without one, e.g. a clusterer).

        Returns
        -------
        score_ : float
        """
        return self._model_score(X, y)


class ScoreVisualizer(ModelVisualizer):
    """A model visualizer that reports performance on test data in ``score``.

    Subclasses implement ``score(X, y)`` and ``_score_predictions(y_true,
    y_pred)``; the latter also serves :meth:`from_predictions`, so a plot
    never requires a model.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # One target per plot: a multi-output model's y is refused by fit.
        tags.target_tags = dataclasses.replace(
            tags.target_tags, multi_output=False, single_output=True
        )
        return tags

    #: The model methods whose output ``from_predictions`` takes, first found.
    _response_methods: tuple[str, ...] = ("predict",)

    def score(self, X, y):
        """Compute the results on test data; returns ``score_``."""
        raise NotImplementedError(f"{type(self).__name__} must implement score().")

    def _score_predictions(self, y_true, y_pred) -> None:
        raise NotImplementedError(
            f"{type(self).__name__} cannot be built from predictions."
        )

    def _score_training(self, X, y) -> None:
        """What a quick method does without test data: score the training data.

        Visualizers that already drew the training data in ``fit`` (residuals)
        override this to do nothing, so the training data is not drawn twice.
        """
        self.score(X, y)

    @classmethod
    def from_estimator(cls, estimator, X, y, *, ax=None, **kwargs):
        """Score a fitted ``estimator`` on ``(X, y)`` and draw the result.

        ``kwargs`` are the visualizer's parameters. Returns the visualizer.
        """
        viz = cls(estimator, **{**kwargs, "is_fitted": True})
        with one_call(viz):
            viz._check_estimator_fitted("from_estimator")
            viz.score(X, y)
            return viz.plot(ax=ax)

    @classmethod
    def from_predictions(cls, y_true, y_pred, *, ax=None, **kwargs):
        """Draw the visualizer from true targets and predictions or scores.

        ``kwargs`` are the visualizer's parameters. Returns the visualizer.
        """
        viz = cls(None, **kwargs)
        with one_call(viz):
            viz._score_predictions(y_true, y_pred)
            return viz.plot(ax=ax)


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

    _params = {
        "visualizers": P.anything(),
        "nrows": P.number(1, integer=True, none=True),
        "ncols": P.number(1, integer=True, none=True),
        "axarr": P.anything(draw=True),
    }

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
            fig = figures.pyplot().figure(
                figsize=(size[0] / 100, size[1] / 100), dpi=100
            )
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
        self._drawn = True

    def draw(self) -> None:  # each visualizer draws itself in _plot
        pass
