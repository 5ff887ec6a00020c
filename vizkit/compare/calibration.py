"""Calibration curves (reliability diagrams) of several classifiers on one plot."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from vizkit import examples
from vizkit import params as P
from vizkit.classifier.calibration import brier_score, reliability
from vizkit.compare._classifier import ClassifierComparison
from vizkit.compare._docs import compare_params
from vizkit.draw import CURVE_ZORDER
from vizkit.registry import COMPARE, declare
from vizkit.style import LINE_COLOR
from vizkit.utils.docs import common_params


@common_params
@compare_params
class CalibrationComparison(ClassifierComparison):
    """Calibration curves of several classifiers on one plot, with Brier scores.

    Each model's predicted probabilities (``predict_proba``, called once per
    test set) are cut into bins; each point is a bin's mean predicted
    probability (x) against the fraction of its samples that are positive
    (y). A calibrated model lies on the dotted diagonal, an overconfident
    one below it at high probabilities. The legend gives each model's Brier
    score (lower is better). Binary targets: the positive class; multiclass:
    by default every one-vs-rest probability pooled (micro-average), or the
    class ``pos_label`` against the rest.

    Parameters
    ----------
    {compare: estimators, names}
    {common: ax}
    n_bins : int, default=10
        The number of bins (at least 2); empty bins are left out.
    strategy : {"uniform", "quantile"}, default="uniform"
        Bins of equal width on [0, 1], or holding equal numbers of samples,
        as ``sklearn.calibration.calibration_curve``.
    {compare: pos_label, is_fitted, colors}
    {common: fig, title, size}

    Attributes
    ----------
    names_ : ndarray of str
        The models' names, in order.
    prob_true_, prob_pred_ : dict of ndarray
        Each model's curve, by name: ``calibration_curve(is_member, proba,
        n_bins=n_bins, strategy=strategy)``.
    brier_ : dict of float
        Each model's Brier score, by name (``brier_score_loss``).
    scores_ : ndarray of shape (n_models,)
        The Brier scores, in the order of ``names_``.
    score_ : float
        The best (lowest) Brier score.
    curve_of_ : str
        Which binary problem the curves show.
    lines_ : dict of matplotlib Line2D
        The drawn curves, by name.
    """

    _response_methods: ClassVar[tuple[str, ...]] = ("predict_proba",)
    _RESULTS = ("prob_true_", "prob_pred_", "brier_")
    _LOWER_IS_BETTER = True

    _params = {
        "n_bins": P.number(2, integer=True),
        "strategy": P.choice("uniform", "quantile"),
    }

    def __init__(
        self,
        estimators=None,
        names=None,
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
        self.ax = ax
        self.n_bins = n_bins
        self.strategy = strategy
        self.pos_label = pos_label
        self.is_fitted = is_fitted
        self.colors = colors
        self.fig = fig
        self.title = title
        self.size = size

    def _compute_curve(self, name: str, is_member: np.ndarray, scores: np.ndarray):
        self.prob_true_[name], self.prob_pred_[name], _ = reliability(
            is_member, scores, self.n_bins, self.strategy
        )
        self.brier_[name] = brier_score(is_member, scores)
        return self.brier_[name]

    def draw(self) -> None:
        """One curve per model, and the diagonal of perfect calibration."""
        colors = self._model_colors()
        self.lines_ = {}
        for name in self.names_:
            (self.lines_[name],) = self.ax_.plot(
                self.prob_pred_[name], self.prob_true_[name], marker="o",
                markersize=4, color=colors[name], clip_on=False, zorder=CURVE_ZORDER,
                label=f"{name} (Brier = {self.brier_[name]:0.3f})",
            )  # fmt: skip
        self.ax_.plot(
            [0, 1], [0, 1], linestyle=":", color=LINE_COLOR,
            label="perfectly calibrated",
        )  # fmt: skip

    def finalize(self):
        """Title, legend, axis labels and the unit square."""
        self.set_title("Calibration Curves")
        self._legend("lower right")
        self.ax_.set_xlim(0.0, 1.0)
        self.ax_.set_ylim(0.0, 1.0)
        self.ax_.set_xlabel("Mean predicted probability")
        self.ax_.set_ylabel("Fraction of positives")
        return self.ax_


calibration_comparison = declare(
    CalibrationComparison,
    kind=COMPARE,
    quick="calibration_comparison",
    example=examples.comparison,
)
