"""Several panels (ROC, precision-recall, calibration, residuals) from one prediction.

:class:`ModelComparison` calls each model's response method once per test
set and hands that one array to every panel, so a figure of three pictures
costs one ``predict_proba`` per model, not three.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.compare._base import ComparisonVisualizer
from vizkit.compare._docs import compare_params
from vizkit.compare._models import NamedModels, check_one_task
from vizkit.compare.calibration import CalibrationComparison
from vizkit.compare.prcurve import PrecisionRecallComparison
from vizkit.compare.residuals import ResidualsComparison
from vizkit.compare.roc import ROCComparison
from vizkit.exceptions import ModelError, VizkitValueError
from vizkit.registry import COMPARE, declare
from vizkit.utils.docs import common_params

#: The panels, by the name ``plots`` lists them with.
PANELS: dict[str, type[ComparisonVisualizer]] = {
    "roc": ROCComparison,
    "pr": PrecisionRecallComparison,
    "calibration": CalibrationComparison,
    "residuals": ResidualsComparison,
}
#: The panels drawn when ``plots`` is None, by the models' task.
DEFAULT_PLOTS = {
    "classifier": ("roc", "pr", "calibration"),
    "regressor": ("residuals",),
}
#: Every response method, in the order a shared one is chosen.
METHODS = ("predict_proba", "decision_function", "predict")
#: Inches per panel of a figure vizkit makes.
PANEL_INCHES = (5.0, 4.6)


def _check_plots(value: Any, name: str, viz: Any) -> None:
    if value is None:
        return
    plots = [value] if isinstance(value, str) else value
    try:
        unknown = [p for p in plots if p not in PANELS]
    except TypeError:
        unknown = [value]
    if unknown or not len(plots):
        raise VizkitValueError(
            f"{name}={value!r} is not valid; pass a list of panel names among "
            f"{list(PANELS)}, or None for the task's default."
        )


def shared_method(panels: list[ComparisonVisualizer], model: Any) -> str | None:
    """The first response method every panel accepts and ``model`` has."""
    for method in METHODS:
        accepted = all(method in panel._response_methods for panel in panels)
        if accepted and hasattr(model, method):
            return method
    return None


@common_params
@compare_params
class ModelComparison(ComparisonVisualizer):
    """Several pictures of several models side by side, from one prediction each.

    Each panel is one of the comparison visualizers (``plots``), drawn from
    the same predictions: each model's response method (``predict_proba``
    for classifiers when a calibration panel is asked for, else
    ``predict_proba`` or ``decision_function``; ``predict`` for regressors)
    is called once per test set and shared by every panel. Every panel has
    one colour and one legend entry per model.

    Parameters
    ----------
    {compare: estimators, names}
    plots : list of {"roc", "pr", "calibration", "residuals"}, default=None
        The panels, left to right. None draws ROC, precision-recall and
        calibration curves for classifiers, residuals for regressors.
    {common: ax}
    n_bins : int, default=10
        The calibration panel's number of bins.
    strategy : {"uniform", "quantile"}, default="uniform"
        The calibration panel's binning.
    {compare: pos_label, is_fitted, colors}
    {common: fig}
    title : str, default=None
        A title replacing the first panel's.
    {common: size}

    Attributes
    ----------
    names_ : ndarray of str
        The models' names, in order.
    panels_ : list of comparison visualizers
        The panels, each holding its results (``panels_[0].roc_auc_`` ...).
    scores_ : ndarray of shape (n_models,)
        The first panel's scores.
    score_ : float
        The first panel's best score.
    axes_ : list of matplotlib Axes
        The panels' Axes, ``ax_`` first.
    """

    _params = {
        "plots": P.Param(_check_plots),
        "n_bins": P.number(2, integer=True),
        "strategy": P.choice("uniform", "quantile"),
        "pos_label": P.anything(),  # checked against each model's classes
    }

    def __init__(
        self,
        estimators=None,
        names=None,
        plots=None,
        ax=None,
        n_bins=10,
        strategy="uniform",
        pos_label=None,
        is_fitted="auto",
        colors=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimators = estimators
        self.names = names
        self.plots = plots
        self.ax = ax
        self.n_bins = n_bins
        self.strategy = strategy
        self.pos_label = pos_label
        self.is_fitted = is_fitted
        self.colors = colors
        self.fig = fig
        self.title = title
        self.size = size

    # -- the panels ------------------------------------------------------------------

    def _plot_names(self, task: str) -> list[str]:
        if self.plots is None:
            return list(DEFAULT_PLOTS.get(task, ("residuals",)))
        return [self.plots] if isinstance(self.plots, str) else list(self.plots)

    def _new_panels(self, task: str) -> list[ComparisonVisualizer]:
        """Empty panels, given this visualizer's compute parameters."""
        own = self.get_params(deep=False)
        panels = []
        for plot in self._plot_names(task):
            cls = PANELS[plot]
            accepted = set(cls._get_param_names()) - {"estimators", "names", "ax"}
            panels.append(cls(**{k: v for k, v in own.items() if k in accepted}))
        return panels

    def _named_models(self) -> NamedModels:
        named = super()._named_models()
        for panel in self._new_panels(self._task):
            check_one_task(named, panel._TASK, f"the {type(panel).__name__} panel")
        return named

    def _method_of(self, name: str, model) -> str:
        panels = self._new_panels(self.__dict__.get("_task", "classifier"))
        method = shared_method(panels, model)
        if method is None:
            needed = sorted({m for p in panels for m in p._response_methods})
            raise ModelError(
                f"the panels {self._plot_names(self._task)} need "
                f"{' or '.join(needed)}, but model {name!r} "
                f"({type(model).__name__}) has none they all accept; drop the "
                "panel that needs probabilities or use a model with predict_proba."
            )
        return method

    def _reset(self) -> None:
        super()._reset()
        self.panels_ = self._new_panels(self._task)
        for panel in self.panels_:
            panel._task = self._task
            panel._reset()

    def _compute(self, name: str, model, y_true: np.ndarray, response) -> float:
        """Every panel's curves from the one response; the first panel's score."""
        for panel in self.panels_:
            panel._record(name, panel._compute(name, model, y_true, response))
        return float(self.panels_[0].scores_[-1])

    # -- drawing ---------------------------------------------------------------------

    def draw(self) -> None:
        """Each panel on its own Axes: ``ax_``, then Axes appended to its right."""
        self.axes_ = self._panel_axes(len(self.panels_))
        for panel, axes in zip(self.panels_, self.axes_):
            panel.set_params(colors=self.colors)
            panel.plot(ax=axes)

    def _panel_axes(self, n_panels: int) -> list:
        from mpl_toolkits.axes_grid1 import make_axes_locatable

        for old in self.__dict__.get("_extra_axes", []):  # a redraw replaces them
            if old in self.fig_.axes:
                old.remove()
        self.ax_.set_axes_locator(None)
        if self._owns_figure and self.size is None:
            width, height = PANEL_INCHES
            self.fig_.set_size_inches(width * n_panels, height)
            self.fig_.subplots_adjust(left=0.3 / n_panels, right=0.98, wspace=0)
        divider = make_axes_locatable(self.ax_)
        self._extra_axes = [
            divider.append_axes("right", size="100%", pad=0.8)
            for _ in range(n_panels - 1)
        ]
        return [self.ax_, *self._extra_axes]

    def finalize(self):
        """The user's title over the first panel (each panel titled itself)."""
        self.set_title()
        return self.ax_

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_extra_axes", None)
        return state


model_comparison = declare(
    ModelComparison, kind=COMPARE, quick="model_comparison", example=examples.comparison
)
