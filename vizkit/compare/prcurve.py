"""Precision-recall curves of several classifiers on one plot, one per model."""

from __future__ import annotations

import numpy as np

from vizkit import examples
from vizkit.classifier.prcurve import precision_recall
from vizkit.compare._classifier import ClassifierComparison
from vizkit.compare._docs import compare_params
from vizkit.draw import CURVE_ZORDER
from vizkit.registry import COMPARE, declare
from vizkit.utils.curves import average_precision, thin_curve
from vizkit.utils.docs import common_params


@common_params
@compare_params
class PrecisionRecallComparison(ClassifierComparison):
    """Precision-recall curves of several classifiers on one plot.

    Each model gets one step curve (precision against recall as the
    threshold moves) and one legend entry with its average precision (the
    step area under the curve, ``average_precision_score``). Each model's
    ``predict_proba`` (else ``decision_function``) is called once per test
    set. Binary targets: the positive class; multiclass: by default every
    one-vs-rest decision pooled into one micro-averaged curve, or the class
    ``pos_label`` against the rest. The dotted line is the share of
    positives, a random model's precision.

    Parameters
    ----------
    {compare: estimators, names}
    {common: ax}
    {compare: pos_label, is_fitted, colors}
    {common: fig, title, size}

    Attributes
    ----------
    names_ : ndarray of str
        The models' names, in order.
    precision_, recall_ : dict of ndarray
        Each model's curve, by name: ``precision_recall_curve``'s.
    average_precision_ : dict of float
        Each model's average precision, by name.
    prevalence_ : float
        The share of positive decisions in the test data (the last scored).
    scores_ : ndarray of shape (n_models,)
        The average precisions, in the order of ``names_``.
    score_ : float
        The best average precision.
    curve_of_ : str
        Which binary problem the curves show.
    lines_ : dict of matplotlib Line2D
        The drawn curves, by name.
    """

    _RESULTS = ("precision_", "recall_", "average_precision_")

    def __init__(
        self,
        estimators=None,
        names=None,
        ax=None,
        pos_label=None,
        is_fitted="auto",
        colors=None,
        fig=None,
        title=None,
        size=None,
    ):
        self.estimators = estimators
        self.names = names
        self.ax = ax
        self.pos_label = pos_label
        self.is_fitted = is_fitted
        self.colors = colors
        self.fig = fig
        self.title = title
        self.size = size

    def _compute_curve(self, name: str, is_member: np.ndarray, scores: np.ndarray):
        precision, recall, _ = precision_recall(is_member, scores)
        self.precision_[name], self.recall_[name] = precision, recall
        self.average_precision_[name] = average_precision(precision, recall)
        self.prevalence_ = float(np.mean(is_member))
        return self.average_precision_[name]

    def draw(self) -> None:
        """One step curve per model, and the random model's precision."""
        colors = self._model_colors()
        self.lines_ = {}
        for name in self.names_:
            recall, precision = thin_curve(self.recall_[name], self.precision_[name])
            (self.lines_[name],) = self.ax_.step(
                recall, precision, where="post", color=colors[name],
                label=f"{name} (AP = {self.average_precision_[name]:0.3f})",
                clip_on=False, zorder=CURVE_ZORDER,
            )  # fmt: skip
        self.ax_.axhline(self.prevalence_, linestyle=":", color="#888888")

    def finalize(self):
        """Title, legend, axis labels and the unit square."""
        self.set_title("Precision-Recall Curves")
        self._legend("lower left")
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.set_ylim(0.0, 1.02)
        self.ax_.set_xlabel("Recall")
        self.ax_.set_ylabel("Precision")
        return self.ax_


precision_recall_comparison = declare(
    PrecisionRecallComparison,
    kind=COMPARE,
    quick="precision_recall_comparison",
    example=examples.comparison,
)
